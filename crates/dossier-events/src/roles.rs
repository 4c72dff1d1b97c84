//! Who took part, where, and how many died.
//!
//! Actors are read from the trigger's left within its clause, targets from its right.
//! Named mentions (people, organisations, countries, nationalities) come first; when the
//! entity layers are empty, or name nobody, a group noun stands in ("gunmen", "forces",
//! "two North Korean soldiers"), so the stage still says something useful on bare text.

use crate::{Context, distance};
use dossier_core::{Document, EntityLabel, Participant, PlaceId, Precision, Span, TokenKind};

/// Nouns for groups of people that act or suffer in conflict reports.
const GROUPS: &[&str] = &[
    "forces",
    "force",
    "troops",
    "soldiers",
    "soldier",
    "army",
    "military",
    "police",
    "policemen",
    "policeman",
    "militants",
    "militant",
    "rebels",
    "rebel",
    "fighters",
    "gunmen",
    "gunman",
    "insurgents",
    "militia",
    "militias",
    "militiamen",
    "guerrillas",
    "guerillas",
    "protesters",
    "protestors",
    "demonstrators",
    "residents",
    "villagers",
    "civilians",
    "civilian",
    "people",
    "officials",
    "government",
    "authorities",
    "men",
    "man",
    "women",
    "woman",
    "students",
    "workers",
    "farmers",
    "members",
    "supporters",
    "activists",
    "settlers",
    "youths",
    "prisoners",
    "refugees",
    "attackers",
    "assailants",
    "mob",
    "group",
    "gang",
    "gangs",
    "crowd",
    "officers",
    "officer",
    "personnel",
    "children",
    "child",
    "boy",
    "girl",
    "journalist",
    "journalists",
    "leaders",
    "leader",
    "minister",
    "president",
    "commander",
    "unit",
    "units",
    "jets",
    "warplanes",
    "drones",
    "helicopters",
    "tanks",
    "individuals",
    "persons",
    "traders",
    "teachers",
    "doctors",
    "nurses",
    "employees",
    "driver",
    "drivers",
    "trafficker",
    "traffickers",
    "suspects",
    "suspect",
    "bodies",
    "body",
    "inmates",
];

/// Groups that carry arms: a violent event between two of them is a clash.
const ARMED: &[&str] = &[
    "forces",
    "force",
    "troops",
    "soldiers",
    "soldier",
    "army",
    "military",
    "police",
    "policemen",
    "policeman",
    "militants",
    "militant",
    "rebels",
    "rebel",
    "fighters",
    "insurgents",
    "militia",
    "militias",
    "militiamen",
    "guerrillas",
    "guerillas",
    "officers",
    "officer",
    "personnel",
    "commander",
    "gunmen",
    "gang",
    "gangs",
    "unit",
    "units",
    "jets",
    "warplanes",
    "drones",
    "helicopters",
    "tanks",
    "members",
    "trafficker",
    "traffickers",
    "combatants",
    "jihadists",
    "terrorists",
];

/// Actors whose regaining of territory ACLED codes apart from other groups'.
const STATE: &[&str] = &[
    "army",
    "military",
    "government",
    "troops",
    "forces",
    "soldiers",
];

/// Places one can take and hold.
pub const TERRITORY: &[&str] = &[
    "village",
    "villages",
    "town",
    "towns",
    "city",
    "area",
    "areas",
    "territory",
    "stronghold",
    "strongholds",
    "base",
    "bases",
    "positions",
    "position",
    "district",
    "region",
    "hill",
    "hills",
    "airport",
    "bridge",
    "district",
    "capital",
    "headquarters",
    "checkpoint",
    "outpost",
    "outposts",
    "settlement",
    "settlements",
];

/// Prepositions after which a name is where something happened, not who took part.
pub const LOCATIVE: &[&str] = &[
    "in", "at", "near", "into", "across", "outside", "inside", "around", "from", "of", "to",
    "toward", "towards",
];

pub struct Roles {
    pub actors: Vec<Participant>,
    pub targets: Vec<Participant>,
    pub armed_actor: bool,
    pub armed_target: bool,
    pub state_actor: bool,
}

impl Roles {
    /// Whether the event is between groups of unarmed people named only by a common
    /// noun ("villagers", "students"): named organisations and states field forces.
    pub fn unarmed_groups(&self, doc: &Document) -> bool {
        let groups = || self.actors.iter().chain(&self.targets);
        !self.armed_actor
            && !self.armed_target
            && groups().next().is_some()
            && groups().all(|p| !doc.mentions.iter().any(|m| p.span.overlaps(m.span)))
    }

    pub fn read(cx: &Context) -> Roles {
        let sentence = cx.doc.sentences[cx.sentence];
        let hit = cx.hit();
        // A quotation mark parts the quoted words from the reporter's: in "“The strike
        // destroyed the silos,” Marchenko wrote", Marchenko destroyed nothing.
        let is_break = |i: usize| {
            matches!(cx.words[i].as_str(), ";" | ":" | "--" | "—")
                || matches!(
                    cx.doc.token_str(i),
                    "\"" | "“" | "”" | "``" | "''" | "«" | "»"
                )
        };
        // The actor side: back to the previous trigger or a clause break; if that holds
        // no one ("agreed to provide aid"), back to the sentence start.
        let mut left = sentence.first_token as usize;
        if cx.index > 0 {
            let prev = cx.hits[cx.index - 1];
            left = left.max(prev.start + prev.len);
        }
        if let Some(b) = (left..hit.start).rev().find(|&i| is_break(i)) {
            left = b + 1;
        }
        // "..., President X said": the speaker after the last comma, if one is named there.
        if let Some(comma) = (left..hit.start).rev().find(|&i| cx.words[i] == ",")
            && !participants(cx, comma + 1, hit.start).is_empty()
        {
            left = comma + 1;
        }
        // "estimated that North Korea has sent": the subject of the reported clause.
        if let Some(that) = (left..hit.start).rev().find(|&i| cx.words[i] == "that")
            && !participants(cx, that + 1, hit.start).is_empty()
        {
            left = that + 1;
        }
        let mut actors = participants(cx, left, hit.start);
        if actors.is_empty() {
            let start = sentence.first_token as usize;
            let start = (start..hit.start)
                .rev()
                .find(|&i| is_break(i))
                .map_or(start, |b| b + 1);
            actors = participants(cx, start, hit.start);
        }
        let mut right = sentence.end_token as usize;
        let from = hit.start + hit.len;
        if let Some(next) = cx.hits.get(cx.index + 1) {
            right = right.min(next.start);
            // "..., officials said": the reporting clause names no target.
            if next.kind.weight == 0 {
                right = (from..right)
                    .rev()
                    .find(|&i| cx.words[i] == ",")
                    .unwrap_or(right);
            }
        }
        if let Some(b) = (from..right).find(|&i| is_break(i)) {
            right = b;
        }
        // "soldiers fighting on the Russian side": a participle starts a description.
        if let Some(p) = (from + 1..right).find(|&i| {
            let w = &cx.words[i];
            w.len() > 5
                && w.ends_with("ing")
                && cx.doc.token_str(i).starts_with(|c: char| c.is_lowercase())
        }) {
            right = p;
        }
        let mut targets = participants(cx, from, right);
        // "a soldier was shot by gunmen": the subject suffered, the agent follows "by".
        let passive = hit.start > 0
            && matches!(
                cx.words[hit.start - 1].as_str(),
                "was" | "were" | "been" | "being"
            );
        if passive {
            let by = (from..right).find(|&i| cx.words[i] == "by");
            let agents = by
                .map(|b| participants(cx, b + 1, right))
                .unwrap_or_default();
            targets = std::mem::replace(&mut actors, agents);
        }
        // "a pact between Putin and Kim": the parties of a joint act are its actors.
        let joint = matches!(hit.kind.plover, "AGREE" | "COOPERATE" | "CONSULT");
        if joint && actors.is_empty() && (from..right).any(|i| cx.words[i] == "between") {
            actors = std::mem::take(&mut targets);
        }
        let heads = |ps: &[Participant], list: &[&str]| {
            ps.iter().any(|p| {
                let words = cx.doc.str(p.span).to_lowercase();
                words
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| list.contains(&w))
            })
        };
        Roles {
            armed_actor: heads(&actors, ARMED)
                || actors
                    .iter()
                    .any(|p| p.entity.is_none() && cx.doc.str(p.span) == "gunmen"),
            armed_target: heads(&targets, ARMED),
            state_actor: heads(&actors, STATE),
            actors,
            targets,
        }
    }
}

/// Participants between tokens `from` and `to`: named mentions that are not places being
/// located in, extended by a group noun that follows ("Ukrainian forces"); failing those,
/// group nouns with their modifiers ("pro-government forces", "two soldiers").
fn participants(cx: &Context, from: usize, to: usize) -> Vec<Participant> {
    if from >= to {
        return Vec::new();
    }
    let doc = cx.doc;
    let region = doc.tokens[from].span.cover(doc.tokens[to - 1].span);
    let mut out: Vec<Participant> = Vec::new();
    for m in doc.mentions.iter().filter(|m| region.contains(m.span)) {
        if !matches!(
            m.label,
            EntityLabel::Person | EntityLabel::Org | EntityLabel::Gpe | EntityLabel::Norp
        ) {
            continue;
        }
        // A country or city takes part only right next to the trigger ("Moscow plans to
        // help", "attacked Ukraine"); elsewhere it says where.
        let toks = doc.tokens_in(m.span);
        let trigger = cx.hit();
        let adjacent = toks.end + 4 >= trigger.start && toks.end <= trigger.start
            || toks.start >= trigger.start + trigger.len
                && toks.start <= trigger.start + trigger.len + 2;
        let located = toks.start > 0 && LOCATIVE.contains(&cx.words[toks.start - 1].as_str());
        if matches!(m.label, EntityLabel::Gpe) && (located || !adjacent) {
            continue;
        }
        let mut span = m.span;
        let after = toks.end;
        if after < to && GROUPS.contains(&cx.words[after].as_str()) {
            span = span.cover(doc.tokens[after].span);
        }
        if out.iter().any(|p| p.span.overlaps(span)) {
            continue;
        }
        let entity = m.entity;
        out.push(Participant {
            span,
            entity,
            country: entity.and_then(|e| doc.entities[e.index()].country.clone()),
        });
    }
    if !out.is_empty() {
        return out;
    }
    // No names: the group nouns of the region, each with the capitalised or hyphenated
    // words before it, and counted nouns from the quantities layer.
    let mut i = from;
    while i < to {
        let w = cx.words[i].as_str();
        let counted = doc
            .quantities
            .iter()
            .any(|q| q.unit.is_some_and(|u| u == doc.tokens[i].span));
        if GROUPS.contains(&w) || counted {
            let mut start = i;
            while start > from && is_modifier(doc, &cx.words[start - 1], start - 1) {
                start -= 1;
            }
            // "Ukraine's military": the possessor says whose.
            if start >= from + 2
                && matches!(cx.words[start - 1].as_str(), "'s" | "’s")
                && is_modifier(doc, &cx.words[start - 2], start - 2)
            {
                start -= 2;
            }
            let span = doc.tokens[start].span.cover(doc.tokens[i].span);
            out.push(Participant {
                span,
                entity: None,
                country: None,
            });
            // "forces and police": keep both, but one group of a phrase.
            while i + 1 < to && GROUPS.contains(&cx.words[i + 1].as_str()) {
                i += 1;
            }
        }
        i += 1;
    }
    out
}

/// Words that belong to the group noun after them: "Ukrainian", "North Korean", "pro-Hadi".
fn is_modifier(doc: &Document, lower: &str, i: usize) -> bool {
    let t = doc.tokens[i];
    let text = doc.str(t.span);
    t.kind == TokenKind::Word
        && (text.chars().next().is_some_and(char::is_uppercase) || lower.contains('-'))
        && !matches!(lower, "on" | "in" | "the" | "a" | "an" | "and" | "of")
}

/// Where the event happened: the finest place of its sentence, the nearest to the
/// trigger among equally fine ones (a town before the province it is in), preferring
/// places that are not named as an actor; else the report's first place of city
/// precision or finer, else its first place.
pub fn place(
    doc: &Document,
    sentence: Span,
    trigger: Span,
    actors: &[Participant],
) -> Option<PlaceId> {
    let fineness = |p: Precision| match p {
        Precision::Point => 0,
        Precision::City => 1,
        Precision::Region => 2,
        Precision::Country => 3,
        Precision::Continent => 4,
    };
    // "North Korea has sent troops to Russia": the sender is not where it happened.
    let acting = |i: usize| actors.iter().any(|a| a.span.contains(doc.places[i].span));
    // The country most of the report's places are in: a lone place elsewhere is more
    // likely a misreading ("Los Lagos" read as Lagos, Nigeria) than the scene.
    let mut countries: Vec<(&str, usize)> = Vec::new();
    for p in &doc.places {
        match countries.iter_mut().find(|(c, _)| *c == p.country) {
            Some((_, n)) => *n += 1,
            None => countries.push((&p.country, 1)),
        }
    }
    countries.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    let home = match countries.as_slice() {
        [(c, n), (_, m), ..] if n > m => Some(*c),
        [(c, _)] => Some(*c),
        _ => None,
    };
    let abroad = |i: usize| home.is_some_and(|c| doc.places[i].country != c);
    let in_sentence = (0..doc.places.len())
        .filter(|&i| sentence.contains(doc.places[i].span))
        .min_by_key(|&i| {
            (
                acting(i),
                context(doc, i),
                abroad(i),
                fineness(doc.places[i].precision),
                !introduced(doc, i),
                distance(doc.places[i].span, trigger),
            )
        });
    in_sentence
        .or_else(|| doc.places.iter().position(|p| fineness(p.precision) <= 1))
        .or_else(|| (!doc.places.is_empty()).then_some(0))
        .map(|i| PlaceId(i as u32))
}

/// Whether place `i` only situates the place before it, in brackets or after a comma:
/// "in Puerto Montt (Los Lagos)", "in Tijuana, Baja California".
fn context(doc: &Document, i: usize) -> bool {
    let start = doc.places[i].span.start as usize;
    let before = doc.text[..start].trim_end_matches([' ', '(', ',']);
    let opened = doc.text[before.len()..start].contains(['(', ',']);
    opened
        && i > 0
        && doc.places[..i]
            .iter()
            .any(|p| p.span.end as usize == before.len())
}

/// Whether place `i` follows a preposition of place ("in Monterrey", "near Sasabe"):
/// the scene as the writer sets it, rather than a place named in passing.
fn introduced(doc: &Document, i: usize) -> bool {
    let start = doc.places[i].span.start as usize;
    let before = doc.text[..start].trim_end();
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(0, |(k, c)| k + c.len_utf8());
    let word = &before[word_start..];
    matches!(
        word.to_ascii_lowercase().as_str(),
        "in" | "near" | "at" | "outside" | "around" | "inside"
    )
}

/// Words that say the counted died.
const DEATH: &[&str] = &[
    "killed",
    "dead",
    "died",
    "deaths",
    "fatalities",
    "fatality",
    "bodies",
    "slain",
    "perished",
];

/// Deaths sentence `s` reports: counts next to "killed", "dead", "died" ("killing 3
/// people", "2 dead", "one person was killed"), or a single victim ("killed a man",
/// "killing him"). A killing spoken of as a cause ("accused of killing a") is no death here.
pub fn fatalities(doc: &Document, words: &[String], s: usize) -> Option<u32> {
    let sentence = doc.sentences[s];
    let (start, end) = (sentence.first_token as usize, sentence.end_token as usize);
    let mut total = 0.0;
    let mut seen = false;
    for q in doc
        .quantities
        .iter()
        .filter(|q| sentence.span.contains(q.span))
    {
        let toks = doc.tokens_in(q.span);
        let unit_dead = q
            .unit
            .is_some_and(|u| DEATH.contains(&doc.str(u).to_lowercase().as_str()));
        let after = &words[toks.end..(toks.end + 4).min(end)];
        let dead_after = after
            .iter()
            .take_while(|w| !matches!(w.as_str(), "and" | "," | "injured" | "wounded"))
            .any(|w| DEATH.contains(&w.as_str()));
        let before = &words[toks.start.saturating_sub(2).max(start)..toks.start];
        let killing_before = before.iter().any(|w| {
            matches!(
                w.as_str(),
                "killing" | "killed" | "kills" | "kill" | "claimed" | "toll"
            )
        });
        if unit_dead || dead_after || killing_before {
            total += q.value;
            seen = true;
        }
    }
    if seen {
        return Some(total.round().min(u32::MAX as f64) as u32);
    }
    let words = &words[start..end];
    let killed = |w: &str| matches!(w, "killed" | "killing" | "kills" | "murdered" | "murdering");
    let single = words.windows(3).any(|w| {
        !matches!(w[0].as_str(), "of" | "for" | "over")
            && killed(&w[1])
            && matches!(
                w[2].as_str(),
                "a" | "an" | "him" | "her" | "one" | "another"
            )
    }) || words.windows(3).any(|w| {
        matches!(
            w[0].as_str(),
            "man"
                | "woman"
                | "boy"
                | "girl"
                | "civilian"
                | "person"
                | "soldier"
                | "child"
                | "policeman"
        ) && w[1] == "was"
            && matches!(w[2].as_str(), "killed" | "murdered")
    });
    single.then_some(1)
}

/// An ACLED-style closing count anywhere in the report: "2 fatalities", "1 fatality".
pub fn stated_fatalities(doc: &Document, words: &[String]) -> Option<u32> {
    doc.quantities.iter().find_map(|q| {
        let unit = q.unit.map(|u| doc.str(u).to_lowercase())?;
        let end = doc.tokens_in(q.span).end;
        let next = words.get(end).map(String::as_str).unwrap_or("");
        (matches!(unit.as_str(), "fatalities" | "fatality") && matches!(next, "." | "" | ")" | "]"))
            .then_some(q.value as u32)
    })
}
