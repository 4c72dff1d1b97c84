//! Finding toponyms: which spans of a document name places.
//!
//! Two sources feed it. Mentions the entity stage labelled GPE, LOC or FAC are looked up
//! whole. Elsewhere, capitalised token sequences are matched against the gazetteer,
//! longest first, so the stage also works without entities. A gazetteer hit is not yet
//! a place: most one-word place names are also surnames, first names or ordinary words
//! ("Jackson", "Paris Hilton", "Mobile phones"), and places inside institution names are
//! not where anything happens ("Security Service of Ukraine"). The filters here are
//! cheap cues for those cases, and a few cues override them: ", Region" after a name
//! ("Surprise, Ariz."), a preposition of place before it ("in Hurricane"). The entity
//! stage's other labels do not veto a hit: it often takes a town for an organisation or
//! a person ("Greenville police", "Sochi"), and a place inside an organisation's name
//! still locates it ("Knox County Food Pantry", "Dublin Arts Council"); its labels only
//! say that a name followed by more capitalised words is not a person's. Only NORP
//! mentions are kept out, so demonyms ("North Korean") never become places.

use crate::gazetteer::{Gazetteer, Kind, fold};
use crate::landmarks;
use dossier_core::{Document, EntityLabel, MentionId, Span, TokenKind};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// A span that names a place, with its lookup key, before disambiguation.
#[derive(Clone, Debug)]
pub struct Toponym {
    pub span: Span,
    pub key: String,
    pub mention: Option<MentionId>,
    /// The "Region" of "City, Region", when the text gives one.
    pub qualifier: Option<Span>,
    /// A street ("Royal Street", "14th St."): no table holds it, so it is placed in the
    /// town the report is about.
    pub street: bool,
    /// A place the entity stage found that no table holds (a village, a neighbourhood,
    /// a building): it is placed in what situates it ("X, Y", "X in Y") or, like a
    /// street, in the town the report is about.
    pub unlisted: bool,
}

impl Toponym {
    /// A name found at `span`, looked up under `key`, with no mention, region or street.
    fn new(span: Span, key: String) -> Toponym {
        Toponym {
            span,
            key,
            mention: None,
            qualifier: None,
            street: false,
            unlisted: false,
        }
    }
}

/// Words that stand before a person's name: titles, and kin ("her daughter Elizabeth").
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "gov",
    "governor",
    "sen",
    "senator",
    "rep",
    "president",
    "judge",
    "justice",
    "sheriff",
    "mayor",
    "chief",
    "coach",
    "officer",
    "sgt",
    "sergeant",
    "capt",
    "captain",
    "lt",
    "gen",
    "general",
    "col",
    "colonel",
    "maj",
    "prof",
    "rev",
    "father",
    "sister",
    "brother",
    "saint",
    "pastor",
    "minister",
    "secretary",
    "deputy",
    "detective",
    "patrolman",
    "trooper",
    "commissioner",
    "attorney",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "lord",
    "sir",
    "dame",
    "uncle",
    "aunt",
    "st",
    "son",
    "daughter",
    "wife",
    "husband",
    "mother",
    "nephew",
    "niece",
    "grandson",
    "granddaughter",
    "cousin",
];

/// Capitalised words that start sentences or headlines without starting a name.
const FUNCTION_WORDS: &[&str] = &[
    "in", "at", "from", "to", "the", "a", "an", "and", "but", "or", "on", "for", "of", "by",
    "with", "near", "into", "outside", "across", "after", "before", "as", "when", "while", "if",
    "since", "around", "north", "south", "east", "west", "northern", "southern", "eastern",
    "western", "central", "downtown", "rural", "greater", "like", "than", "between", "both",
];

/// Words before a place name that do not make it a person's ("Metro Nashville").
const PLACE_PREFIXES: &[&str] = &[
    "metro",
    "metropolitan",
    "greater",
    "upper",
    "lower",
    "old",
    "new",
    "downtown",
    "suburban",
    "united",
    "generation",
    "historic",
    "inner",
];

/// Words of an institution's name: a place after "of" in such a name is part of it.
const INSTITUTIONS: &[&str] = &[
    "service",
    "ministry",
    "department",
    "bank",
    "university",
    "council",
    "committee",
    "court",
    "church",
    "army",
    "forces",
    "navy",
    "party",
    "agency",
    "office",
    "police",
    "government",
    "parliament",
    "museum",
    "college",
    "school",
    "institute",
    "federation",
    "union",
    "association",
    "guard",
    "chamber",
    "board",
    "commission",
    "bureau",
    "academy",
    "society",
    "diocese",
    "archdiocese",
    "club",
    "company",
    "corporation",
    "foundation",
    "league",
    "center",
    "centre",
    "hospital",
    "library",
    "authority",
    "secretary",
    "minister",
    "governor",
    "mayor",
    "president",
    "embassy",
    "consulate",
    "tribunal",
    "assembly",
    "senate",
    "house",
    "times",
    "post",
    "news",
    "press",
    "journal",
];

/// Institutions whose place after "of" is where they are and what they serve ("University
/// of Georgia", "Mayor of Paris"): the place is named, unlike the country of a "Security
/// Service of Ukraine", which only says whose it is.
const NAMED_FOR_THEIR_PLACE: &[&str] = &["university", "mayor"];

/// Heads that a city name commonly modifies ("Mansfield Police", "Fargo Mayor"), where
/// the city is still a place. A city name before another capitalised word is otherwise
/// taken for a first name ("Paris Hilton", "Tim Pawlenty").
const MODIFIER_HEADS: &[&str] = &[
    "police",
    "county",
    "city",
    "mayor",
    "council",
    "department",
    "fire",
    "sheriff",
    "sheriffs",
    "high",
    "middle",
    "elementary",
    "school",
    "schools",
    "public",
    "hospital",
    "airport",
    "area",
    "region",
    "township",
    "town",
    "village",
    "district",
    "metro",
    "state",
    "municipal",
    "regional",
    "community",
    "library",
    "park",
    "church",
    "court",
    "board",
    "parish",
    "commission",
    "commissioner",
    "commissioners",
    "chamber",
    "housing",
    "water",
    "utilities",
    "post",
    "times",
    "daily",
    "news",
    "herald",
    "tribune",
    "courier",
    "journal",
    "gazette",
    "university",
    "college",
    "museum",
    "zoo",
    "center",
    "centre",
    "memorial",
    "general",
    "international",
    "airport",
    "harbor",
    "harbour",
    "port",
    "bay",
    "river",
    "valley",
    "lake",
    "oblast",
    "province",
    "governorate",
    "mall",
    "street",
    "avenue",
    "road",
    "highway",
    "st",
    "ave",
    "rd",
    "blvd",
    "boulevard",
    "drive",
    "lane",
    "way",
    "bridge",
    "square",
    "station",
    "residents",
    "resident",
];

/// Months and days: capitalised, but never part of a place's name ("Sunday Alexandria
/// Police went...").
const CALENDAR: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Capitalised words that name no place in news text, though some village somewhere
/// bears the name: directions, feasts, words of institutions' names, online platforms,
/// car makes (and the [`CALENDAR`]).
const NOT_PLACES: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "middle",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "christmas",
    "easter",
    "passover",
    "ramadan",
    "god",
    "jesus",
    "christ",
    "lord",
    "jewish",
    "muslim",
    "christian",
    "catholic",
    "democrat",
    "democrats",
    "republican",
    "republicans",
    "interior",
    "secretary",
    "olympic",
    "olympics",
    "university",
    "college",
    "council",
    "center",
    "centre",
    "street",
    "chamber",
    "hall",
    "metro",
    "city",
    "county",
    "state",
    "police",
    "congress",
    "senate",
    "house",
    "court",
    "union",
    "federal",
    "national",
    "international",
    "president",
    "governor",
    "mayor",
    "new",
    "old",
    "great",
    "little",
    "big",
    "high",
    "mount",
    "lake",
    "river",
    "island",
    "islands",
    "valley",
    "park",
    "beach",
    "hamas",
    "hezbollah",
    "taliban",
    // Organisations whose acronyms are written as words ("Nato-member", "Opec+"), and
    // the Wagner group, which some village bears.
    "nato",
    "opec",
    "nasa",
    "unesco",
    "unicef",
    "asean",
    "interpol",
    "frontex",
    "wagner",
    "internet",
    "web",
    // Platforms statements are posted on ("wrote on Telegram"), which the entity stage
    // can read as a place after "on".
    "twitter",
    "facebook",
    "google",
    "telegram",
    "instagram",
    "youtube",
    "tiktok",
    "whatsapp",
    "viber",
    "weibo",
    "wechat",
    "reddit",
    // Diseases named after a river or a forest, never meant as the place in news.
    "ebola",
    "zika",
    "tv",
    "radio",
    "english",
    "french",
    "german",
    "spanish",
    "italian",
    "arabic",
    "chinese",
    "japanese",
    "russian",
    "american",
    "canadian",
    "british",
    "european",
    "african",
    "asian",
    "welsh",
    "scottish",
    "irish",
    "dutch",
    "swiss",
    // Parties, prizes, clubs, names and games whose word some small town bears
    // ("Liberal Democrats", "Lib Dems", "Grand Slam", "Brit Awards", "Arsenal", "Doom").
    "liberal",
    "lib",
    "labour",
    "tory",
    "tories",
    "grand",
    "brits",
    "arsenal",
    "opera",
    "paul",
    "doom",
    "mao",
    // Weapons named in war reports, which a tagger may take for places ("Iskander
    // missiles", "Patriot systems") and some village bears.
    "iskander",
    "iskandar",
    "kinzhal",
    "kalibr",
    "shahed",
    "himars",
    "atacms",
    "bayraktar",
    "oreshnik",
    "patriot",
    "javelin",
    "republic",
    "hospital",
    "supreme",
    "embassy",
    // Car makes that some village bears ("a 2000 Ford Taurus"); not the makes named for
    // a well-known town (Lincoln, Pontiac, Cadillac).
    "ford",
    "dodge",
    "toyota",
    "nissan",
    "honda",
    "chevrolet",
    "chevy",
    "buick",
    "chrysler",
    "mazda",
    "subaru",
    "hyundai",
    "volkswagen",
    "jeep",
];

/// First words of many-word names ("San Luis Potosi", "Los Lagos", "Colonia Roma"):
/// before another capitalised word they start a name the gazetteer may not hold, and
/// are not the village somewhere that bears the word alone.
const NAME_PREFIXES: &[&str] = &[
    "san", "santa", "santo", "sao", "los", "las", "la", "el", "al", "le", "les", "colonia",
    "ciudad", "villa", "puerto", "porto", "port", "fort", "bad", "ban", "kafr", "tel", "ras",
    "bir", "ain", "deir", "beit", "bab", "wadi", "jebel", "jabal", "umm", "abu", "rue", "faubourg",
    "calle", "avenida", "barrio",
];

/// Whether token `i` is one of the [`NAME_PREFIXES`] directly before a capitalised word.
fn name_prefix_alone(doc: &Document, i: usize) -> bool {
    in_list(NAME_PREFIXES, doc.token_str(i))
        && doc.tokens.get(i + 1).is_some_and(|t| {
            t.kind == TokenKind::Word
                && is_capitalised(doc.str(t.span))
                && t.span.start - doc.tokens[i].span.end <= 1
        })
}

/// Whether token `i` ends a longer capitalised name: a capitalised word, or one with a
/// possessive, stands right before it ("Paediatric Hospital", "Children's Hospital").
/// A common word the entity stage took alone for a place there is the name's head.
fn ends_a_name(doc: &Document, i: usize) -> bool {
    let adjacent = |k: usize| doc.tokens[k].span.start - doc.tokens[k - 1].span.end <= 1;
    let capitalised =
        |k: usize| doc.tokens[k].kind == TokenKind::Word && is_capitalised(doc.token_str(k));
    if i == 0 || !adjacent(i) {
        return false;
    }
    let before = i - 1;
    if matches!(doc.token_str(before), "'s" | "’s") {
        return before > 0 && capitalised(before - 1);
    }
    capitalised(before) && !in_list(FUNCTION_WORDS, doc.token_str(before))
}

fn not_a_place(word: &str) -> bool {
    in_list(NOT_PLACES, word) || in_list(CALENDAR, word)
}

/// Prepositions of place: a capitalised word after one is a place even when the word is
/// a common noun elsewhere ("hiding in Hurricane", "a fire near Reading").
const LOCATIVES: &[&str] = &["in", "near", "outside", "at"];

/// Lower-case words allowed inside a place name ("Stratford upon Avon", "Kursk region").
const INNER_WORDS: &[&str] = &[
    "'s", // inside a name only: "Cox's Bazar", "Martha's Vineyard"
    "’s",
    "of",
    "de",
    "del",
    "la",
    "le",
    "les",
    "du",
    "upon",
    "on",
    "al",
    "el",
    "and",
    "da",
    "do",
    "dos",
    "das",
    "sur",
    "am",
    "im",
    "an",
    "der",
    "den",
    "region",
    "oblast",
    "province",
    "governorate",
    "state",
    "county",
    "parish",
    "krai",
    "district",
];

fn is_capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn in_list(list: &[&str], word: &str) -> bool {
    let w = word.trim_end_matches('.').to_lowercase();
    list.contains(&w.as_str())
}

/// Last words of the names of second-level regions.
const COUNTY_WORDS: &[&str] = &["county", "parish", "township", "borough"];

/// Words after a name that make it a first- or second-level region.
const ADMIN_WORDS: &[&str] = &[
    "region",
    "oblast",
    "province",
    "governorate",
    "krai",
    "prefecture",
    "district",
];

/// A person's name used short after the full name ("Kim" after "Kim Jong Un"): the
/// entity layer has linked it, so it is the person and not a town called Kim.
fn is_short_form_of_a_person(doc: &Document, mention: &dossier_core::Mention) -> bool {
    mention.label == EntityLabel::Person
        && mention
            .entity
            .is_some_and(|e| doc.entities[e.index()].name.len() > mention.span.len())
}

/// Whether a place mention that no table holds is taken for a place all the same: not
/// an acronym or an abbreviation ("GBI", "St."), and not a name the entity layer
/// resolved to a person or an organisation elsewhere in the report. A single word is
/// not taken either when a person's or an organisation's name in the report holds it
/// ("Rozen's case" after "Marcel Rozen", "the Eurostar" beside "Eurostar said"): the
/// tagger's one place reading of an unknown word is outvoted by the others.
fn may_be_unlisted(doc: &Document, mention: &dossier_core::Mention, text: &str) -> bool {
    is_capitalised(text)
        && !text.ends_with('.')
        && text.chars().any(char::is_lowercase)
        && (text.contains(' ') || !not_a_place(text))
        && mention
            .entity
            .is_none_or(|e| doc.entities[e.index()].label.is_place())
        && (text.contains(' ') || !in_a_name_of_another_kind(doc, text))
}

/// Whether a person's or an organisation's mention in `doc` has `word` as one of its words.
fn in_a_name_of_another_kind(doc: &Document, word: &str) -> bool {
    doc.mentions.iter().any(|m| {
        matches!(m.label, EntityLabel::Person | EntityLabel::Org)
            && doc.tokens_in(m.span).any(|i| doc.token_str(i) == word)
    })
}

/// Every toponym of `doc`, in text order, not overlapping.
pub fn toponyms(
    doc: &Document,
    gazetteer: &Gazetteer,
    common: &dyn Fn(&str) -> bool,
) -> Vec<Toponym> {
    let mut found = Vec::new();
    let mut unlisted = Vec::new();
    let mut blocked = vec![false; doc.tokens.len()];

    let unblocked = vec![false; doc.tokens.len()];
    for (m, mention) in doc.mentions.iter().enumerate() {
        let range = doc.tokens_in(mention.span);
        if mention.label.is_place() {
            if blocked[range.start] {
                continue;
            }
            let text = doc.str(mention.span);
            let text = text
                .strip_prefix("the ")
                .or_else(|| text.strip_prefix("The "))
                .unwrap_or(text);
            let mut span = Span::new(
                mention.span.end as usize - text.len(),
                mention.span.end as usize,
            );
            // The entity stage splits names it does not know ("Los" "Lagos", "San" + a
            // person "Luis Potosi"): a gazetteer name running on from the mention is
            // taken whole.
            let first = doc.tokens_in(span).start;
            if let Some(j) = runs_on(doc, gazetteer, first..range.end, &unblocked) {
                span = Span::new(span.start as usize, doc.tokens[j - 1].span.end as usize);
                let key = fold(doc.str(span));
                found.push(Toponym {
                    mention: Some(MentionId(m as u32)),
                    ..Toponym::new(span, key)
                });
                blocked[first..j].iter_mut().for_each(|b| *b = true);
                continue;
            }
            if range.len() == 1
                && (name_prefix_alone(doc, range.start)
                    || not_a_place(doc.str(span))
                    || (common(doc.str(span))
                        && doc.str(span).chars().any(char::is_lowercase)
                        && ends_a_name(doc, range.start)))
            {
                continue;
            }
            // "Kursk region", "Kharkiv Oblast": the admin word after the name says which
            // of the places of that name is meant, when the gazetteer knows the pair.
            if let Some(next) = doc.tokens.get(range.end) {
                let word = doc.str(next.span);
                let longer = Span::new(span.start as usize, next.span.end as usize);
                if in_list(ADMIN_WORDS, word)
                    && !gazetteer.find_ids(&fold(doc.str(longer))).is_empty()
                {
                    span = longer;
                }
            }
            // "Ind", "Mass.", "S.C.": the entity stage's place is a state written short.
            let short = doc.str(span);
            // The tokeniser splits the dot off abbreviations it does not know ("Ga" ".").
            let dot_after = doc
                .tokens
                .get(range.end)
                .is_some_and(|t| t.span.start == span.end && doc.str(t.span) == ".");
            let state = state_abbreviation(short).filter(|_| {
                is_capitalised(short) && (short.len() > 2 || short.contains('.') || dot_after)
            });
            let key = state.map_or_else(|| fold(short), fold);
            if !gazetteer.find_ids(&key).is_empty() {
                found.push(Toponym {
                    mention: Some(MentionId(m as u32)),
                    ..Toponym::new(span, key)
                });
                blocked[range].iter_mut().for_each(|b| *b = true);
            } else if may_be_unlisted(doc, mention, short) {
                unlisted.push(Toponym {
                    unlisted: true,
                    ..Toponym::new(span, key)
                });
            }
        } else if mention.label == EntityLabel::Norp
            && let Some(j) = runs_on(doc, gazetteer, range.clone(), &unblocked)
        {
            let span = Span::new(
                mention.span.start as usize,
                doc.tokens[j - 1].span.end as usize,
            );
            found.push(Toponym::new(span, fold(doc.str(span))));
            blocked[range.start..j].iter_mut().for_each(|b| *b = true);
        } else if mention.label == EntityLabel::Norp
            || (is_short_form_of_a_person(doc, mention)
                && !placed_with_region(doc, gazetteer, range.clone()))
        {
            blocked[range].iter_mut().for_each(|b| *b = true);
        }
    }

    // The label of the entity mention each token starts or continues, if any.
    let mut labels = vec![None; doc.tokens.len()];
    for mention in &doc.mentions {
        labels[doc.tokens_in(mention.span)]
            .iter_mut()
            .for_each(|l| *l = Some(mention.label));
    }
    let surnames = surnames(doc, gazetteer);
    for sentence in &doc.sentences {
        let end = sentence.end_token as usize;
        let mut i = sentence.first_token as usize;
        while i < end {
            if !blocked[i]
                && let Some((j, state)) = dotted_state(doc, i)
            {
                let span = Span::new(
                    doc.tokens[i].span.start as usize,
                    doc.tokens[j - 1].span.end as usize,
                );
                found.push(Toponym::new(span, fold(state)));
                i = j;
                continue;
            }
            if blocked[i] {
                i += 1; // a mention's place, found whole above ("Miami-Dade County")
                continue;
            }
            let ends = matches(doc, gazetteer, i, end, &blocked);
            if ends.is_empty() {
                i = hyphen_parts(doc, gazetteer, i, common, &mut found);
                continue;
            }
            // The longest name that passes: "Minnesota State Patrol" is not a place
            // called "Minnesota State", but its "Minnesota" is Minnesota.
            let start = sentence.first_token as usize;
            let ends = ends
                .into_iter()
                .filter(|&j| !city_by_alternate(doc, gazetteer, i, j));
            match ends
                .into_iter()
                .find(|&j| keep(doc, gazetteer, i, j, start, &surnames, labels[i], common))
            {
                Some(j) => {
                    let span = Span::new(
                        doc.tokens[i].span.start as usize,
                        doc.tokens[j - 1].span.end as usize,
                    );
                    found.push(Toponym::new(span, fold(doc.str(span))));
                    i = j;
                }
                None => i = hyphen_parts(doc, gazetteer, i, common, &mut found),
            }
        }
    }
    same_name_elsewhere(doc, gazetteer, &blocked, &mut found);
    found.sort_by_key(|t| t.span);
    found.dedup_by(|b, a| a.span.overlaps(b.span));
    whole_names(doc, gazetteer, &mut found);
    county_lists(doc, gazetteer, &mut found);
    streets(doc, gazetteer, &mut found);
    // A name the table lacks counts only where no other name was found.
    unlisted.retain(|u: &Toponym| !found.iter().any(|t| t.span.overlaps(u.span)));
    found.extend(unlisted);
    found.sort_by_key(|t| t.span);
    add_qualifiers(doc, gazetteer, &mut found);
    initials(doc, gazetteer, &mut found);
    seats_of_power(doc, &mut found);
    found.retain(|t| !after_a_persons_first_word(doc, t.span));
    found
}

/// Whether `span` lies inside a person's name the entity stage found, after its first
/// word: a surname or a middle name ("Mike de Kock", "Bernie Sanders", "Tanesha
/// Melbourne-Blake"). A place that starts the mention is left alone: the tagger often
/// runs a town into the words after it ("Greer Station").
fn after_a_persons_first_word(doc: &Document, span: Span) -> bool {
    doc.mentions.iter().any(|m| {
        m.label == EntityLabel::Person && m.span.start < span.start && span.end <= m.span.end
    })
}

/// Seats of power ([`landmarks`]): a place where the report puts something in, at or
/// near it ("talks at the White House"), placed in its city; elsewhere the government
/// it houses ("the Kremlin said", "a White House official"), which is no place.
fn seats_of_power(doc: &Document, found: &mut Vec<Toponym>) {
    found.retain_mut(|t| {
        let key = fold(doc.str(t.span));
        if !landmarks::is_landmark(&key) {
            return true;
        }
        let before = doc.text[..t.span.start as usize].trim_end();
        let before = before.strip_suffix(" the").unwrap_or(before);
        let located = LOCATIVES.iter().any(|l| {
            before
                .strip_suffix(l)
                .is_some_and(|b| b.is_empty() || b.ends_with(' '))
        });
        *t = Toponym {
            unlisted: true,
            ..Toponym::new(t.span, key)
        };
        located
    });
}

/// Words after a town's name that make the capitalised words before them a town's name
/// ("a Meadow Grove man", "Tennessee Colony residents").
const RESIDENT_HEADS: &[&str] = &["man", "woman", "resident", "residents"];

/// Words after a name that make it a lake's, a river's, a park's or a township's
/// ("Freeborn Lake", "Kishwaukee River", "Jerome Township").
const FEATURE_AFTER: &[&str] = &[
    "lake",
    "river",
    "creek",
    "park",
    "mountains",
    "islands",
    "valley",
    "sound",
    "township",
    "twp",
];
/// Words before a name that do the same ("Lake Vermont", "Mount Hood").
const FEATURE_BEFORE: &[&str] = &["lake", "mount", "mt"];

/// Names found short of their first or last word. A capitalised word before a name
/// belongs to it when the longer name is in the table ("New" + "London", "Rolling" +
/// "Meadows"). One after it does when a resident word follows ("a Meadow Grove man"):
/// the longer name is a town even when the table does not hold it, and it is placed
/// as a name no table holds rather than as the shorter name ("Meadow"). So is a lake,
/// river, park or township named after a place ("Lake Vermont", "Freeborn Lake",
/// "Zion National Park"): it is not the place it is named after, which may lie far.
fn whole_names(doc: &Document, g: &Gazetteer, found: &mut [Toponym]) {
    // "New" is no place alone, but begins many.
    let word = |i: usize, alone: bool| {
        let w = doc.token_str(i);
        doc.tokens[i].kind == TokenKind::Word
            && is_capitalised(w)
            && !in_list(FUNCTION_WORDS, w)
            && !(alone && not_a_place(w))
    };
    let adjacent = |a: usize, b: usize| doc.tokens[b].span.start - doc.tokens[a].span.end == 1;
    for k in 0..found.len() {
        let t = &found[k];
        if t.street || t.unlisted {
            continue;
        }
        let range = doc.tokens_in(t.span);
        let before = range.start.checked_sub(1);
        let taken = |i: usize| found.iter().any(|o| doc.tokens_in(o.span).contains(&i));
        // Up to three tokens before, from a capitalised word: "Democratic People's" +
        // "Republic of Korea".
        let longer = (range.start.saturating_sub(3)..range.start).find_map(|b| {
            let joined = (b..range.start)
                .all(|i| doc.tokens[i + 1].span.start - doc.tokens[i].span.end <= 1 && !taken(i));
            let span = Span::new(doc.tokens[b].span.start as usize, t.span.end as usize);
            let key = fold(doc.str(span));
            (word(b, false) && joined && !g.find_ids(&key).is_empty()).then_some((span, key))
        });
        if let Some((span, key)) = longer {
            found[k] = Toponym {
                span,
                key,
                ..found[k].clone()
            };
            continue;
        }
        let feature_before = before.filter(|&b| {
            in_list(FEATURE_BEFORE, doc.token_str(b))
                && is_capitalised(doc.token_str(b))
                && !taken(b)
        });
        let mut feature_end = range.end;
        if doc
            .tokens
            .get(feature_end)
            .is_some_and(|t| doc.str(t.span) == "National")
        {
            feature_end += 1;
        }
        let feature_after = doc.tokens.get(feature_end).is_some_and(|t| {
            let w = doc.str(t.span);
            is_capitalised(w) && in_list(FEATURE_AFTER, w)
        }) && !taken(feature_end);
        if feature_before.is_some() || feature_after {
            let start = feature_before.unwrap_or(range.start);
            let end = if feature_after {
                feature_end + 1
            } else {
                range.end
            };
            let span = Span::new(
                doc.tokens[start].span.start as usize,
                doc.tokens[end - 1].span.end as usize,
            );
            let key = fold(doc.str(span));
            let unlisted = g.find_ids(&key).is_empty();
            found[k] = Toponym {
                unlisted,
                ..Toponym::new(span, key)
            };
            continue;
        }
        let a = range.end;
        if a + 1 < doc.tokens.len()
            && word(a, true)
            && adjacent(range.end - 1, a)
            && !taken(a)
            && in_list(RESIDENT_HEADS, doc.token_str(a + 1))
        {
            let span = Span::new(t.span.start as usize, doc.tokens[a].span.end as usize);
            let key = fold(doc.str(span));
            let unlisted = g.find_ids(&key).is_empty();
            found[k] = Toponym {
                unlisted,
                ..Toponym::new(span, key)
            };
        }
    }
}

/// Last words of street names.
const STREET_WORDS: &[&str] = &[
    "street",
    "st",
    "avenue",
    "ave",
    "road",
    "rd",
    "boulevard",
    "blvd",
    "drive",
    "lane",
];

/// Streets: capitalised words or an ordinal before a street word ("Royal Street", "14th
/// St.", "Eglinton Avenue West"). A street the table knows by name stays what it is
/// ("Wall Street"). A place inside a street's name ("Morecambe" of "Morecambe Road")
/// stays among the toponyms, since it still says where the report is, but is not
/// written out as a place of its own ([`inside_a_street`]).
fn streets(doc: &Document, g: &Gazetteer, found: &mut Vec<Toponym>) {
    let mut named = Vec::new();
    for k in 1..doc.tokens.len() {
        let word = doc.token_str(k);
        if !is_capitalised(word) || !in_list(STREET_WORDS, word) {
            continue;
        }
        let part = |i: usize| {
            let w = doc.token_str(i);
            let word_ok =
                !in_list(FUNCTION_WORDS, w) || matches!(w, "North" | "South" | "East" | "West");
            (doc.tokens[i].kind == TokenKind::Word
                && is_capitalised(w)
                && word_ok
                && !in_list(CALENDAR, w))
                || ordinal(w)
        };
        let mut start = k;
        while start > 0
            && k - start < 4
            && part(start - 1)
            && doc.tokens[start].span.start - doc.tokens[start - 1].span.end <= 1
        {
            start -= 1;
        }
        if start == k {
            continue;
        }
        let mut end = k + 1;
        let direction = |t: &dossier_core::Token| {
            matches!(doc.str(t.span), "North" | "South" | "East" | "West")
        };
        if doc.tokens.get(end).is_some_and(direction) {
            end += 1;
        } else if doc
            .tokens
            .get(end)
            .is_some_and(|t| t.kind == TokenKind::Word && is_capitalised(doc.str(t.span)))
        {
            // "Downtown St. Louis", "Main Street Bank".
            continue;
        }
        let span = Span::new(
            doc.tokens[start].span.start as usize,
            doc.tokens[end - 1].span.end as usize,
        );
        if found.iter().any(|t| t.span == span) || !g.find_ids(&fold(doc.str(span))).is_empty() {
            continue;
        }
        named.push(Toponym {
            street: true,
            ..Toponym::new(span, fold(doc.str(span)))
        });
    }
    found.extend(named);
    found.sort_by_key(|t| t.span);
}

/// Last words of the names of buildings and grounds that stand in one town ("Mercy
/// Memorial Hospital", "Holy Redeemer Church", "Meydan Racecourse"). Not of institutions
/// that reports name for the people they employ or for what they decide, and that are
/// seldom in the town the report is about ("a professor at Stanford University", "the
/// British Embassy", "the Supreme Court ruled"), nor words that end surnames too ("Hall").
const SITE_HEADS: &[&str] = &[
    "hospital",
    "library",
    "cathedral",
    "church",
    "chapel",
    "mosque",
    "temple",
    "synagogue",
    "museum",
    "stadium",
    "arena",
    "airport",
    "prison",
    "jail",
    "penitentiary",
    "racecourse",
    "inn",
    "hotel",
    "canal",
    "bridge",
    "courthouse",
    "cemetery",
    "graveyard",
    "zoo",
    "centre",
    "center",
    "school",
];

/// Named sites: capitalised words before a site's head ([`SITE_HEADS`]). No table
/// holds them and the entity stage takes many for an organisation or a person, so they
/// are found by their form, once the other toponyms are known, and placed as names no
/// table holds: in the place that situates them ("Mercy Hospital in Urbana", "Dubai's
/// Meydan Racecourse") or the town the report is about. A site whose name holds a place
/// ("Colchester General Hospital") is left to that place; a site's whole name replaces
/// a part of it the entity stage took for an unknown place ("Alder Hey"). A site named
/// for a people ("the Russian Museum", "the British Embassy") may stand anywhere.
pub fn add_sites(doc: &Document, g: &Gazetteer, found: &mut Vec<Toponym>) {
    // Not a modifier that only begins with a name ("the Vatican-owned Bambino Gesu
    // Hospital").
    let part = |i: usize| {
        let w = doc.token_str(i);
        (doc.tokens[i].kind == TokenKind::Word
            && is_capitalised(w)
            && !w
                .split('-')
                .skip(1)
                .any(|p| p.starts_with(char::is_lowercase))
            && (!in_list(FUNCTION_WORDS, w) || in_list(COMPASS, w))
            && !in_list(CALENDAR, w))
            || (matches!(w, "'s" | "’s") && i > 0 && is_capitalised(doc.token_str(i - 1)))
            || ordinal(w)
    };
    let adjacent = |i: usize| doc.tokens[i].span.start - doc.tokens[i - 1].span.end <= 1;
    let mut sites = Vec::new();
    for k in 1..doc.tokens.len() {
        if !is_site_head(doc.token_str(k)) {
            continue;
        }
        // "Church Street" is a street, "Hospital Board" an institution.
        if doc
            .tokens
            .get(k + 1)
            .is_some_and(|t| adjacent(k + 1) && is_capitalised(doc.str(t.span)))
        {
            continue;
        }
        let mut start = k;
        while start > 0 && k - start < 5 && part(start - 1) && adjacent(start) {
            start -= 1;
        }
        if start == k || matches!(doc.token_str(start), "'s" | "’s") {
            continue;
        }
        let span = Span::new(
            doc.tokens[start].span.start as usize,
            doc.tokens[k].span.end as usize,
        );
        // A name the entity stage found whole ("Western State Hospital") stays as found.
        let known = |t: &Toponym| {
            t.span.overlaps(span)
                && (!t.unlisted || t.span.start < span.start || t.span.end > span.end)
        };
        let demonym = doc
            .mentions
            .iter()
            .any(|m| m.label == EntityLabel::Norp && m.span.overlaps(span));
        if found.iter().any(known) || demonym || !g.find_ids(&fold(doc.str(span))).is_empty() {
            continue;
        }
        sites.push(site(doc, found, span));
    }
    found.retain(|t| !sites.iter().any(|s| s.span.overlaps(t.span)));
    found.extend(sites);
    found.sort_by_key(|t| t.span);
}

/// Whether `word` ends the name of a site that stands in one town ([`SITE_HEADS`]).
pub fn is_site_head(word: &str) -> bool {
    is_capitalised(word) && in_list(SITE_HEADS, word)
}

/// The site named at `span`, no table's name, situated by a place of `found` right after
/// it ("in Urbana", ", Urbana") or whose part it is ("Dubai's").
pub fn site(doc: &Document, found: &[Toponym], span: Span) -> Toponym {
    Toponym {
        unlisted: true,
        qualifier: situating(doc, found, span, &[" in ", " near ", ", "]),
        ..Toponym::new(span, fold(doc.str(span)))
    }
}

/// Compass words that begin or run through a site's name ("North Central Regional Jail").
const COMPASS: &[&str] = &[
    "north", "south", "east", "west", "central", "northern", "southern", "eastern", "western",
];

/// Whether `word` is an ordinal in figures ("35th" of "35th Street Bridge").
fn ordinal(word: &str) -> bool {
    word.len() <= 5
        && word.starts_with(|c: char| c.is_ascii_digit())
        && ["st", "nd", "rd", "th"].iter().any(|o| word.ends_with(o))
}

/// Whether toponym `t` of `found` lies inside a street's name.
pub fn inside_a_street(found: &[Toponym], t: &Toponym) -> bool {
    !t.street && found.iter().any(|s| s.street && s.span.overlaps(t.span))
}

/// Whether `key` is the name of a country, continent or first-level region.
pub fn names_a_polity(g: &Gazetteer, key: &str) -> bool {
    g.find_ids(key).iter().any(|&e| {
        let e = g.entry(e);
        matches!(e.kind, Kind::Country | Kind::Admin1 | Kind::Continent) && fold(e.name) == key
    })
}

/// The counties of a list that "counties" or "parishes" closes ("Becker, Clay, Otter
/// Tail and Wilkin counties"): each name is the county, whether or not it was taken for
/// a place, and whatever else it could name. A list has two names at least.
fn county_lists(doc: &Document, g: &Gazetteer, found: &mut Vec<Toponym>) {
    let mut listed: Vec<Toponym> = Vec::new();
    for (k, token) in doc.tokens.iter().enumerate() {
        let kind = match doc.str(token.span).to_lowercase().as_str() {
            "counties" => "County",
            "parishes" => "Parish",
            _ => continue,
        };
        let (mut end, first) = (k, listed.len());
        while listed.len() < first + 16 {
            let mut start = end;
            while start > 0
                && doc.tokens[start - 1].kind == TokenKind::Word
                && is_capitalised(doc.token_str(start - 1))
            {
                start -= 1;
            }
            if start == end {
                break;
            }
            let span = Span::new(
                doc.tokens[start].span.start as usize,
                doc.tokens[end - 1].span.end as usize,
            );
            let key = fold(&format!("{} {kind}", doc.str(span)));
            // "Indiana counties" are the counties of Indiana.
            if !g
                .find_ids(&key)
                .iter()
                .any(|&e| g.entry(e).kind == Kind::Admin2)
                || names_a_polity(g, &fold(doc.str(span)))
            {
                break;
            }
            listed.push(Toponym::new(span, key));
            // Back over ", ", " and ", ", and ", " or ".
            let mut before = start;
            while before > 0 && matches!(doc.token_str(before - 1), "," | "and" | "or") {
                before -= 1;
            }
            if before == start {
                break;
            }
            end = before;
        }
        // One name before "counties" is whose counties they are ("the metro Athens counties").
        if listed.len() == first + 1 {
            listed.pop();
        }
    }
    if listed.is_empty() {
        return;
    }
    found.retain(|t| !listed.iter().any(|l| l.span.overlaps(t.span)));
    found.extend(listed);
    found.sort_by_key(|t| t.span);
}

/// The end of a gazetteer name that starts with the mention over tokens `range` and runs
/// on past it to a capitalised word: the entity stage splits names it does not know
/// ("Los" "Lagos") and takes the first word of some for a demonym ("Korean Peninsula").
fn runs_on(
    doc: &Document,
    g: &Gazetteer,
    range: std::ops::Range<usize>,
    unblocked: &[bool],
) -> Option<usize> {
    matches(doc, g, range.start, doc.tokens.len(), unblocked)
        .first()
        .copied()
        .filter(|&j| j > range.end && is_capitalised(doc.token_str(j - 1)))
}

/// One sense per document: a name taken for a place once is a place wherever else it
/// stands, even where the cues above doubt it ("Downtown Greer", "Rodeo Gainesville"),
/// unless a title makes it a person's ("Mayor Greer") or it is part of a longer name
/// the entity stage took for a person's.
fn same_name_elsewhere(doc: &Document, g: &Gazetteer, blocked: &[bool], found: &mut Vec<Toponym>) {
    let places: HashSet<String> = found.iter().map(|t| t.key.clone()).collect();
    let mut covered = blocked.to_vec();
    for t in found.iter() {
        covered[doc.tokens_in(t.span)]
            .iter_mut()
            .for_each(|c| *c = true);
    }
    for mention in &doc.mentions {
        let range = doc.tokens_in(mention.span);
        if mention.label == EntityLabel::Person && range.len() > 1 {
            covered[range].iter_mut().for_each(|c| *c = true);
        }
    }
    for sentence in &doc.sentences {
        let (start, end) = (sentence.first_token as usize, sentence.end_token as usize);
        let mut i = start;
        while i < end {
            let titled = i > start && in_list(TITLES, doc.token_str(i - 1));
            match matches(doc, g, i, end, &covered)
                .into_iter()
                .find(|&j| places.contains(&fold(slice(doc, i, j))))
            {
                Some(j) if !titled => {
                    let span = Span::new(
                        doc.tokens[i].span.start as usize,
                        doc.tokens[j - 1].span.end as usize,
                    );
                    found.push(Toponym::new(span, fold(doc.str(span))));
                    i = j;
                }
                _ => i += 1,
            }
        }
    }
}

fn slice(doc: &Document, i: usize, j: usize) -> &str {
    &doc.text[doc.tokens[i].span.start as usize..doc.tokens[j - 1].span.end as usize]
}

/// The ends of the gazetteer names starting at token `i`, longest first.
fn matches(doc: &Document, g: &Gazetteer, i: usize, end: usize, blocked: &[bool]) -> Vec<usize> {
    let first = doc.token_str(i);
    let mut ends = Vec::new();
    if blocked[i] || doc.tokens[i].kind != TokenKind::Word || !is_capitalised(first) {
        return ends;
    }
    let limit = end.min(i + g.max_words() + 1);
    for j in i + 1..=limit {
        let last = doc.token_str(j - 1);
        if blocked[j - 1] {
            break;
        }
        if j > i + 1 {
            let t = &doc.tokens[j - 1];
            let inner_ok =
                t.kind == TokenKind::Word && (is_capitalised(last) || in_list(INNER_WORDS, last));
            // Tokens must be adjacent up to one space: no line breaks inside a name.
            let gap = &doc.text[doc.tokens[j - 2].span.end as usize..t.span.start as usize];
            if !inner_ok || gap.len() > 1 {
                break;
            }
        }
        // A possessive only inside a name: "Cox's Bazar", not "Young's" for Youngs.
        let possessive = in_list(&["'s", "’s"], last);
        if (is_capitalised(last) || j > i + 1)
            && !possessive
            && !g.find_ids(&fold(slice(doc, i, j))).is_empty()
        {
            ends.push(j);
        }
    }
    ends.reverse();
    ends
}

/// Whether tokens `i..j` are a name and "City" or "Town" that only some place's
/// alternate name spells so ("Dublin City" for Dublin): "Dublin City Council" is as often
/// the council of any other Dublin, so the name alone decides.
fn city_by_alternate(doc: &Document, g: &Gazetteer, i: usize, j: usize) -> bool {
    j > i + 1
        && in_list(&["city", "town"], doc.token_str(j - 1))
        && g.find_ids(&fold(slice(doc, i, j)))
            .iter()
            .all(|&e| fold(g.entry(e).name) != fold(slice(doc, i, j)))
}

/// Whether the words of `range` are written somewhere in the report as a place with its
/// region after them ("Greer, South Carolina"): where the entity stage links the same
/// word elsewhere to a person (taking "Greer Station" for a name), the report's own
/// "Greer, South Carolina" outvotes it.
fn placed_with_region(doc: &Document, g: &Gazetteer, range: Range<usize>) -> bool {
    let n = range.len();
    (0..doc.tokens.len().saturating_sub(n)).any(|k| {
        (0..n).all(|o| doc.token_str(k + o) == doc.token_str(range.start + o))
            && followed_by_region(doc, g, k + n)
    })
}

/// Whether tokens from `j` read ", Region": a US state (or its abbreviation), a
/// first-level region or a country, as in "Greer, South Carolina" or "Surprise, Ariz.".
fn followed_by_region(doc: &Document, g: &Gazetteer, j: usize) -> bool {
    if doc.tokens.get(j).is_none_or(|t| doc.str(t.span) != ",") {
        return false;
    }
    let region = |k: usize| {
        let text = slice(doc, j + 1, k);
        state_abbreviation(text).is_some()
            || g.find_ids(&fold(text)).iter().any(|&e| {
                let e = g.entry(e);
                matches!(e.kind, Kind::Country | Kind::Admin1) && fold(e.name) == fold(text)
            })
    };
    (j + 2..=(j + 4).min(doc.tokens.len()))
        .any(|k| is_capitalised(doc.token_str(k - 1)) && region(k))
}

/// Whether a gazetteer hit over tokens `i..j` is a place here; `label` is the entity
/// stage's label of the mention token `i` belongs to.
#[allow(clippy::too_many_arguments)]
fn keep(
    doc: &Document,
    g: &Gazetteer,
    i: usize,
    j: usize,
    sentence_start: usize,
    surnames: &[String],
    label: Option<EntityLabel>,
    common: &dyn Fn(&str) -> bool,
) -> bool {
    let words = slice(doc, i, j);
    let prev = (i > sentence_start).then(|| doc.token_str(i - 1));
    let next = (j < doc.tokens.len()).then(|| doc.token_str(j));
    let key = fold(words);
    let ids = g.find_ids(&key);
    // A country, or a region that is better known than any town of its name ("Minnesota",
    // not the Paris département): such names stand before other words as modifiers.
    let biggest_town = ids
        .iter()
        .map(|&e| g.entry(e))
        .filter(|e| e.kind == Kind::City)
        .map(|e| e.population)
        .max();
    let polity = ids.iter().map(|&e| g.entry(e)).any(|e| match e.kind {
        Kind::Country | Kind::Continent => true,
        Kind::Admin1 => fold(e.name) == key && biggest_town.is_none_or(|t| e.population > t),
        _ => false,
    });
    let one_word = j == i + 1;

    if prev.is_some_and(|p| in_list(TITLES, p))
        || (one_word && (not_a_place(words) || name_prefix_alone(doc, i)))
    {
        return false;
    }
    if followed_by_region(doc, g, j) {
        return true;
    }
    // Inside a longer capitalised name, not at its start: "Sheila D. Williams".
    if let Some(p) = prev
        && is_capitalised(p)
        && doc.tokens[i - 1].kind == TokenKind::Word
        && !in_list(FUNCTION_WORDS, p)
        && !in_list(CALENDAR, p)
        && g.find_ids(&fold(p)).is_empty()
    {
        return false;
    }
    // "Security Service of Ukraine", but not "University of Georgia" or "Mayor of Paris".
    if prev.is_some_and(|p| p == "of")
        && i >= 2
        && in_list(INSTITUTIONS, doc.token_str(i - 2))
        && !in_list(NAMED_FOR_THEIR_PLACE, doc.token_str(i - 2))
    {
        return false;
    }
    if one_word && !polity && surnames.contains(&key) {
        return false;
    }
    let after_locative = prev.is_some_and(|p| LOCATIVES.contains(&p));
    if one_word
        && common(words)
        && !after_locative
        && !(polity && is_capitalised(words) && prev.is_some())
    {
        return false;
    }
    // A town before another capitalised word is taken for a first name ("Paris Hilton"),
    // unless that word is one a place name commonly modifies, or the entity stage saw
    // a name that is not a person's ("Dublin Arts Council", "Butler County Coroner").
    // A county is nobody's first name ("Hall County Environmental Health").
    let county = !one_word && in_list(COUNTY_WORDS, doc.token_str(j - 1));
    let named_otherwise =
        county || label.is_some_and(|l| l != EntityLabel::Person) || (!one_word && label.is_none());
    if let Some(n) = next
        && !polity
        && !named_otherwise
        && is_capitalised(n)
        && doc.tokens[j].kind == TokenKind::Word
        && !in_list(MODIFIER_HEADS, n)
    {
        return false;
    }
    true
}

/// Last words of two- and three-word capitalised names that are not places themselves
/// ("Jesse Jackson"): the same word alone later in the text is the person. A word that
/// is a large place's own name ("Whitney Houston") is not taken for a surname; one
/// that only a county's name begins with ("Jaime King", King County) is.
fn surnames(doc: &Document, g: &Gazetteer) -> Vec<String> {
    let mut out = Vec::new();
    for s in &doc.sentences {
        let mut i = s.first_token as usize;
        let end = s.end_token as usize;
        while i < end {
            let mut j = i;
            while j < end
                && doc.tokens[j].kind == TokenKind::Word
                && is_capitalised(doc.token_str(j))
            {
                j += 1;
            }
            // A title inside the run starts the name, one word long or more:
            // "Patrolman Jeramye Whitaker", "President Obama".
            let title = (i..j.saturating_sub(1))
                .rev()
                .find(|&k| in_list(TITLES, doc.token_str(k)));
            let first = title.map_or(i, |k| k + 1);
            let run = j - first;
            let shortest = if title.is_some() { 1 } else { 2 };
            let last = if run > 0 {
                fold(doc.token_str(j - 1))
            } else {
                String::new()
            };
            if (shortest..=3).contains(&run)
                && !in_list(FUNCTION_WORDS, doc.token_str(first))
                && !in_list(PLACE_PREFIXES, doc.token_str(first))
                && !g.find_ids(&last).iter().any(|&e| {
                    let e = g.entry(e);
                    (e.population >= 1_000_000 && fold(e.name) == last)
                        || matches!(e.kind, Kind::Country | Kind::Admin1 | Kind::Continent)
                })
                && g.find_ids(&fold(slice(doc, i, j))).is_empty()
                && !in_list(MODIFIER_HEADS, doc.token_str(j - 1))
                && !in_list(INSTITUTIONS, doc.token_str(j - 1))
            {
                out.push(last);
            }
            i = j.max(i + 1);
        }
    }
    out
}

/// The places of a hyphenated word: both halves of a pair ("Fargo-Moorhead"), a place
/// before a lower-case word ("Atlanta-based", "Toronto-area") or before initials (the
/// school district "Watertown-ML"), a legislator's home
/// or state after a party letter ("D-Charleston", "DFL-Cook", "R-Tenn"), and countries
/// paired with one whose name runs on past the hyphenated word ("US-North Korea").
/// Returns the token after the last one it used.
fn hyphen_parts(
    doc: &Document,
    g: &Gazetteer,
    i: usize,
    common: &dyn Fn(&str) -> bool,
    found: &mut Vec<Toponym>,
) -> usize {
    let token = doc.tokens[i];
    let text = doc.str(token.span);
    if token.kind != TokenKind::Word || !text.contains('-') {
        return i + 1;
    }
    if let Some((t, end)) = party_home(doc, g, i) {
        found.push(t);
        return end;
    }
    let parts: Vec<(usize, &str)> = text
        .split('-')
        .scan(0, |at, p| {
            let start = *at;
            *at += p.len() + 1;
            Some((start, p))
        })
        .collect();
    // "El-Feki", "Al-Masri": a name's prefix makes the word one name, a person's.
    if parts.len() == 2 && in_list(NAME_PREFIXES, parts[0].1) {
        return i + 1;
    }
    // "US-North Korea talks": the last part begins a name that runs on.
    if let Some(&(at, last)) = parts.last()
        && parts.len() >= 2
        && is_capitalised(last)
        && let Some(next) = doc.tokens.get(i + 1)
        && next.span.start == token.span.end + 1
        && next.kind == TokenKind::Word
    {
        let start = token.span.start as usize + at;
        let span = Span::new(start, next.span.end as usize);
        let key = fold(doc.str(span));
        if names_a_polity(g, &key) {
            for &(at, p) in &parts[..parts.len() - 1] {
                let start = token.span.start as usize + at;
                let country = |&e: &u32| g.entry(e).kind == Kind::Country;
                if is_capitalised(p) && g.find_ids(&fold(p)).iter().any(country) {
                    found.push(Toponym::new(Span::new(start, start + p.len()), fold(p)));
                }
            }
            found.push(Toponym::new(span, key));
            return i + 2;
        }
    }
    let place = |p: &str| is_capitalised(p) && !not_a_place(p) && !g.find_ids(&fold(p)).is_empty();
    let party = |p: &str| (1..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_uppercase());
    let lower = |p: &str| p.chars().next().is_some_and(char::is_lowercase);
    let places: Vec<bool> = parts.iter().map(|(_, p)| place(p)).collect();
    let pair = parts.len() == 2 && places.iter().all(|&p| p);
    // "Egyptian-US relations", "Sino-Japan ties": a country beside a people's or a
    // country's name.
    let country = |p: &str| {
        is_capitalised(p)
            && g.find_ids(&fold(p))
                .iter()
                .any(|&e| g.entry(e).kind == Kind::Country)
    };
    let all_capitalised = parts.iter().all(|(_, p)| is_capitalised(p));
    for (k, &(at, p)) in parts.iter().enumerate() {
        let others_fit = parts
            .iter()
            .enumerate()
            .filter(|&(o, _)| o != k)
            .all(|(o, &(_, q))| {
                if o < k {
                    party(q)
                } else {
                    lower(q) || party(q)
                }
            });
        // "US-based": a word in capitals is no common word ("us").
        let capitals = p.chars().all(|c| c.is_ascii_uppercase());
        let start = token.span.start as usize + at;
        if places[k] && (pair || (others_fit && (capitals || !common(p))))
            || (all_capitalised && country(p))
        {
            found.push(Toponym::new(Span::new(start, start + p.len()), fold(p)));
        } else if k > 0
            && others_fit
            && is_capitalised(p)
            && let Some(state) = state_abbreviation(p)
        {
            // A legislator's state after the party letter ("D-Calif", "R-Tenn").
            found.push(Toponym::new(Span::new(start, start + p.len()), fold(state)));
        }
    }
    i + 1
}

/// A legislator's home or state after the party letter that the tokeniser split or cut
/// short: "D-N.Y." ("D-N" "." "Y."), "D-W. Va.", "R-Elbow Lake", "D-Iowa City". Returns the
/// toponym and the token after it.
fn party_home(doc: &Document, g: &Gazetteer, i: usize) -> Option<(Toponym, usize)> {
    let token = doc.tokens[i];
    let (party, first) = doc.str(token.span).split_once('-')?;
    if !(1..=3).contains(&party.len())
        || !party.chars().all(|c| c.is_ascii_uppercase())
        || !is_capitalised(first)
        || g.find_ids(&fold(party))
            .iter()
            .any(|&e| g.entry(e).kind == Kind::Country)
    {
        return None; // "US-North Korea": a country, not a party
    }
    let start = token.span.start as usize + party.len() + 1;
    // The tokens that run on from the part after the hyphen: at most one space between.
    let mut run = i + 1;
    while run < doc.tokens.len().min(i + 4)
        && doc.tokens[run].span.start - doc.tokens[run - 1].span.end <= 1
        && (doc.token_str(run) == "." || is_capitalised(doc.token_str(run)))
    {
        run += 1;
    }
    (i + 1..run).rev().find_map(|j| {
        let span = Span::new(start, doc.tokens[j].span.end as usize);
        let name = doc.str(span);
        let key = match state_abbreviation(name) {
            Some(state) if name.contains('.') => fold(state),
            _ if name.contains(' ') && !name.ends_with('.') => fold(name),
            _ => return None,
        };
        (!g.find_ids(&key).is_empty()).then(|| (Toponym::new(span, key), j + 1))
    })
}

/// Words after a town's name in local news about it: its police, its mayor, its
/// schools, its residents ("Paris Police Department", "a Lebanon man").
const LOCAL_HEADS: &[&str] = &[
    "police",
    "fire",
    "mayor",
    "city",
    "council",
    "township",
    "high",
    "schools",
    "man",
    "woman",
    "resident",
    "residents",
    "aldermen",
    "selectmen",
    "firefighters",
];

/// Whether the toponym at `span` is written as local news writes its own town: before
/// one of the [`LOCAL_HEADS`], or as a person's home after their age ("Jane Doe, 18, of
/// Paris", "John Roe, 44, Lebanon,").
pub fn local_cue(doc: &Document, span: Span) -> bool {
    let range = doc.tokens_in(span);
    if doc
        .tokens
        .get(range.end)
        .is_some_and(|t| t.kind == TokenKind::Word && in_list(LOCAL_HEADS, doc.str(t.span)))
    {
        return true;
    }
    let before: Vec<&str> = (range.start.saturating_sub(4)..range.start)
        .map(|i| doc.token_str(i))
        .collect();
    let age = |w: &str| w.len() <= 3 && w.chars().all(|c| c.is_ascii_digit());
    matches!(before.as_slice(), [.., ",", a, ",", "of"] | [.., _, ",", a, ","] if age(a))
}

/// US state and Canadian province abbreviations in AP and Canadian Press style and as
/// postal codes, for "Paris, Tex.", "Paris, TX" and "Kamloops, B.C.". Not the province
/// codes that are English words ("ON", "Man.", "PE").
const STATE_ABBREVIATIONS: &[(&str, &str)] = &[
    ("ala", "Alabama"),
    ("al", "Alabama"),
    ("alaska", "Alaska"),
    ("ak", "Alaska"),
    ("ariz", "Arizona"),
    ("az", "Arizona"),
    ("ark", "Arkansas"),
    ("ar", "Arkansas"),
    ("calif", "California"),
    ("ca", "California"),
    ("colo", "Colorado"),
    ("co", "Colorado"),
    ("conn", "Connecticut"),
    ("ct", "Connecticut"),
    ("del", "Delaware"),
    ("de", "Delaware"),
    ("fla", "Florida"),
    ("fl", "Florida"),
    ("ga", "Georgia"),
    ("hawaii", "Hawaii"),
    ("hi", "Hawaii"),
    ("idaho", "Idaho"),
    ("id", "Idaho"),
    ("ill", "Illinois"),
    ("il", "Illinois"),
    ("ind", "Indiana"),
    ("in", "Indiana"),
    ("iowa", "Iowa"),
    ("ia", "Iowa"),
    ("kan", "Kansas"),
    ("ks", "Kansas"),
    ("ky", "Kentucky"),
    ("la", "Louisiana"),
    ("maine", "Maine"),
    ("me", "Maine"),
    ("md", "Maryland"),
    ("mass", "Massachusetts"),
    ("ma", "Massachusetts"),
    ("mich", "Michigan"),
    ("mi", "Michigan"),
    ("minn", "Minnesota"),
    ("mn", "Minnesota"),
    ("miss", "Mississippi"),
    ("ms", "Mississippi"),
    ("mo", "Missouri"),
    ("mont", "Montana"),
    ("mt", "Montana"),
    ("neb", "Nebraska"),
    ("ne", "Nebraska"),
    ("nev", "Nevada"),
    ("nv", "Nevada"),
    ("nh", "New Hampshire"),
    ("nj", "New Jersey"),
    ("nm", "New Mexico"),
    ("ny", "New York"),
    ("nc", "North Carolina"),
    ("nd", "North Dakota"),
    ("ohio", "Ohio"),
    ("oh", "Ohio"),
    ("okla", "Oklahoma"),
    ("ok", "Oklahoma"),
    ("ore", "Oregon"),
    ("or", "Oregon"),
    ("pa", "Pennsylvania"),
    ("ri", "Rhode Island"),
    ("sc", "South Carolina"),
    ("sd", "South Dakota"),
    ("tenn", "Tennessee"),
    ("tn", "Tennessee"),
    ("tex", "Texas"),
    ("tx", "Texas"),
    ("utah", "Utah"),
    ("ut", "Utah"),
    ("vt", "Vermont"),
    ("va", "Virginia"),
    ("wash", "Washington"),
    ("wa", "Washington"),
    ("wva", "West Virginia"),
    ("wv", "West Virginia"),
    ("wis", "Wisconsin"),
    ("wi", "Wisconsin"),
    ("wyo", "Wyoming"),
    ("wy", "Wyoming"),
    ("dc", "District of Columbia"),
    ("alta", "Alberta"),
    ("ab", "Alberta"),
    ("bc", "British Columbia"),
    ("mb", "Manitoba"),
    ("nb", "New Brunswick"),
    ("nl", "Newfoundland and Labrador"),
    ("nfld", "Newfoundland and Labrador"),
    ("ns", "Nova Scotia"),
    ("ont", "Ontario"),
    ("pei", "Prince Edward Island"),
    ("que", "Quebec"),
    ("qc", "Quebec"),
    ("sask", "Saskatchewan"),
    ("sk", "Saskatchewan"),
];

/// The US state or Canadian province an abbreviation stands for ("Tex." -> "Texas",
/// "B.C." -> "British Columbia").
pub fn state_abbreviation(abbreviation: &str) -> Option<&'static str> {
    let key = fold(abbreviation).replace(' ', "");
    STATE_ABBREVIATIONS
        .iter()
        .find(|(a, _)| *a == key)
        .map(|(_, s)| *s)
}

/// A US state abbreviation of one or two tokens at token `i` ("Tex.", "S.C.", "W. Va."),
/// with the end of its tokens.
fn state_at(doc: &Document, i: usize) -> Option<(usize, &'static str)> {
    let one = doc.token_str(i);
    if !is_capitalised(one) {
        return None;
    }
    if let Some(next) = doc.tokens.get(i + 1)
        && one.len() == 2
        && one.ends_with('.')
        && next.span.start - doc.tokens[i].span.end <= 1
        && let Some(state) =
            state_abbreviation(&doc.text[doc.tokens[i].span.start as usize..next.span.end as usize])
    {
        return Some((i + 2, state));
    }
    state_abbreviation(one).map(|state| (i + 1, state))
}

/// AP abbreviations of US states and Canadian provinces that are no English word or name
/// with their dot ("Tenn.", "Calif.", "Ont."), unlike "Ind.", "Mass.", "Miss.", "Ill.",
/// "Wash." or "Man."; and not "Ga.", which alone would as likely be taken for the country.
const AP_STATES: &[&str] = &[
    "ala.", "ariz.", "calif.", "colo.", "conn.", "fla.", "kan.", "ky.", "md.", "mich.", "minn.",
    "neb.", "nev.", "okla.", "pa.", "tenn.", "tex.", "va.", "vt.", "wis.", "wyo.", "alta.", "ont.",
    "sask.", "nfld.",
];

/// A state or province abbreviation that names it wherever it stands: one with dots
/// inside it ("S.C.", "D.C.", "W. Va.", "B.C."), or one of the [`AP_STATES`] ("a Ky.
/// jail"). Only two-word states are written with inner dots: "L.A." is Los Angeles, not
/// Louisiana, and is taken for it; after a number, "B.C." is a year's era.
fn dotted_state(doc: &Document, i: usize) -> Option<(usize, &'static str)> {
    if doc.token_str(i) == "L.A." {
        return Some((i + 1, "Los Angeles"));
    }
    let (j, state) = state_at(doc, i)?;
    if i > 0 && doc.tokens[i - 1].kind == TokenKind::Number {
        return None;
    }
    let text = slice(doc, i, j);
    if text.trim_end_matches('.').contains('.') && state.contains(' ') {
        return Some((j, state));
    }
    // The tokeniser splits off the dot of an abbreviation it does not know ("Ga" ".").
    let one_token = j == i + 1;
    let dot_after = one_token
        && !text.ends_with('.')
        && doc
            .tokens
            .get(j)
            .is_some_and(|t| t.span.start == doc.tokens[i].span.end && doc.str(t.span) == ".");
    let (j, abbreviation) = if dot_after {
        (j + 1, format!("{text}."))
    } else {
        (j, text.to_string())
    };
    (one_token && AP_STATES.contains(&abbreviation.to_lowercase().as_str())).then_some((j, state))
}

/// Links "City, Region": a toponym directly followed by a comma and another toponym or a
/// US state abbreviation gets that as its qualifier; the abbreviation becomes a toponym
/// of the state ("Charleston, W.Va.").
fn add_qualifiers(doc: &Document, g: &Gazetteer, found: &mut Vec<Toponym>) {
    let mut states = Vec::new();
    for k in 0..found.len() {
        let after = found[k].span.end as usize;
        let rest = &doc.text[after..];
        // "London, Ontario", or as reports and ACLED's notes also write it, "London (Ontario)".
        let paren = rest.starts_with(" (") || rest.starts_with('(');
        let Some(stripped) = rest
            .strip_prefix(", ")
            .or_else(|| rest.strip_prefix(","))
            .or_else(|| rest.strip_prefix(" ("))
            .or_else(|| rest.strip_prefix("("))
        else {
            continue;
        };
        let start = after + (rest.len() - stripped.len());
        let closed = |end: usize| !paren || doc.text[end..].starts_with(')');
        let t = doc
            .tokens
            .partition_point(|t| (t.span.start as usize) < start);
        if doc
            .tokens
            .get(t)
            .is_some_and(|token| token.span.start as usize == start)
            && let Some((end, state)) = state_at(doc, t)
            && !g.find_ids(&fold(state)).is_empty()
            && closed(doc.tokens[end - 1].span.end as usize)
        {
            let span = Span::new(start, doc.tokens[end - 1].span.end as usize);
            found[k].qualifier = Some(span);
            if let Some(next) = found.get_mut(k + 1).filter(|n| n.span == span) {
                next.key = fold(state);
            } else if !found.get(k + 1).is_some_and(|n| n.span.overlaps(span)) {
                states.push(Toponym::new(span, fold(state)));
            }
        } else if let Some(next) = found.get(k + 1)
            && next.span.start as usize == start
            && closed(next.span.end as usize)
        {
            found[k].qualifier = Some(next.span);
        }
    }
    found.extend(states);
    found.sort_by_key(|t| t.span);
    // A name no table holds is also situated by the place it is in ("Kamenné Square in
    // Bratislava") or whose part it is ("Warren County's Hamilton Township").
    for k in 0..found.len() {
        if found[k].unlisted && found[k].qualifier.is_none() {
            found[k].qualifier = situating(doc, found, found[k].span, &[" in ", " near "]);
        }
    }
}

/// The toponym of `found` that situates the name at `span`: the place right after one
/// of `links` ("Kamenné Square in Bratislava"), or the place whose part it is ("Warren
/// County's Hamilton Township").
fn situating(doc: &Document, found: &[Toponym], span: Span, links: &[&str]) -> Option<Span> {
    let after = &doc.text[span.end as usize..];
    let inside = links
        .iter()
        .find_map(|p| after.strip_prefix(p))
        .map(|rest| doc.text.len() - rest.len())
        .and_then(|at| found.iter().find(|t| t.span.start as usize == at));
    let before = doc.text[..span.start as usize]
        .strip_suffix("'s ")
        .or_else(|| doc.text[..span.start as usize].strip_suffix("’s "))
        .and_then(|b| found.iter().find(|t| t.span.end as usize == b.len()));
    inside.or(before).map(|t| t.span)
}

/// Acronyms of the countries and regions a report names in full: after "South Africa",
/// "SA" is South Africa, not the village the table knows by those letters; so is "PNG"
/// after "Papua New Guinea". An acronym the table already holds as a polity's ("US",
/// "NSW") keeps its own sense, initials two named places share stand for neither, and
/// letters that begin a longer name are that name's.
fn initials(doc: &Document, g: &Gazetteer, found: &mut Vec<Toponym>) {
    let mut full: HashMap<String, Option<String>> = HashMap::new();
    // The country of a people the report names ("South Africans") spells the letters too.
    let peoples = doc
        .mentions
        .iter()
        .filter(|m| m.label == EntityLabel::Norp)
        .filter_map(|m| {
            let text = doc.str(m.span);
            let country = ["ns", "n", "s"]
                .iter()
                .filter_map(|end| text.strip_suffix(end))
                .find(|c| names_a_polity(g, &fold(c)))?;
            Some((country, fold(country)))
        });
    let named = found.iter().map(|t| (doc.str(t.span), t.key.clone()));
    for (text, key) in named.chain(peoples).collect::<Vec<_>>() {
        let words: Vec<&str> = text.split_whitespace().collect();
        if words.len() < 2 || !names_a_polity(g, &key) {
            continue;
        }
        let letters: String = words
            .iter()
            .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
            .collect();
        let slot = full.entry(letters).or_insert_with(|| Some(key.clone()));
        if slot.as_ref() != Some(&key) {
            *slot = None;
        }
    }
    full.retain(|letters, key| key.is_some() && letters.len() >= 2);
    if full.is_empty() {
        return;
    }
    let mut added = Vec::new();
    for (k, token) in doc.tokens.iter().enumerate() {
        let text = doc.token_str(k);
        let Some(Some(key)) = full.get(text) else {
            continue;
        };
        // "SK Telecom", "NI Contributions": letters before a name are that name's.
        let name_follows = doc.tokens.get(k + 1).is_some_and(|n| {
            n.kind == TokenKind::Word
                && is_capitalised(doc.str(n.span))
                && n.span.start - token.span.end <= 1
        });
        if token.kind != TokenKind::Word || name_follows || names_a_polity(g, &fold(text)) {
            continue;
        }
        match found.iter_mut().find(|t| t.span.overlaps(token.span)) {
            Some(t) if t.span == token.span && !t.street && !t.unlisted => t.key = key.clone(),
            Some(_) => {}
            None => added.push(Toponym::new(token.span, key.clone())),
        }
    }
    found.extend(added);
    found.sort_by_key(|t| t.span);
}
