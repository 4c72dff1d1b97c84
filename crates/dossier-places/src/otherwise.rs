//! Names the table holds that the report uses for something else.
//!
//! GeoNames lists alternate names by the million, so many organisations, products and
//! acronyms are also the name of some town: "Apple" (Almaty), "NATO" (a barangay),
//! "SEC" (Seč), "AI" (a US town). Scanning the text for gazetteer names finds them
//! all. Two kinds of evidence overrule the table:
//! - the entity stage read the very same words as an organisation or a person, or
//!   read them inside an organisation's name ("Holy Spirit Academy"), the words name
//!   no country, and the table knows them only as another name of some place
//!   ("Apple" is an old name of the Almaty region; "SSU" = Security Service of
//!   Ukraine; "Google"). The tagger is not trusted further: it reads many a small
//!   town of a local report as an organisation, reports use countries for their
//!   governments ("the US said"), and spelling variants of a village's name
//!   ("Kostiantynivka") are still that village;
//! - a single word that the entity stage did not take for a name, and that the table
//!   knows only as another name of some town ("Fox" for Victor, Idaho; "Academy"),
//!   is that word;
//! - an acronym in capitals names a small place only by coincidence: it stays a
//!   place when it is a country's or region's code or name ("US", "UAE", "NSW") or a
//!   large city's initials ("LA", "NYC"; not an airport code such as "SOL" for Seoul).

use crate::gazetteer::{Gazetteer, Kind, fold};
use crate::recognise::Toponym;
use dossier_core::{Document, EntityLabel};

/// A city large enough that news may name it by its initials ("HCMC").
const BIG_CITY: u64 = 500_000;

/// Whether `t`, found by its name alone, is a place rather than a name of something
/// else that happens to be in the table.
pub fn is_place(doc: &Document, g: &Gazetteer, t: &Toponym) -> bool {
    if names_a_disease(doc, t) || WEATHER.contains(&t.key.as_str()) {
        return false;
    }
    if t.mention.is_some() || t.street || t.unlisted {
        return true; // the entity stage itself called it a place, or it is no table name
    }
    let entries = || g.find_ids(&t.key).iter().map(|&e| g.entry(e));
    let country = entries().any(|e| matches!(e.kind, Kind::Country | Kind::Continent));
    let polity = country || entries().any(|e| matches!(e.kind, Kind::Admin1 | Kind::Region));
    let text = doc.str(t.span);
    let mention = doc.mentions.iter().find(|m| m.span == t.span);
    // Inside an organisation's name, too: "Holy Spirit Academy" is not in Espírito Santo.
    let in_an_organisation = doc.mentions.iter().any(|m| {
        m.label == EntityLabel::Org && m.span.start <= t.span.start && t.span.end <= m.span.end
    });
    let named_otherwise = in_an_organisation
        || mention.is_some_and(|m| matches!(m.label, EntityLabel::Org | EntityLabel::Person));
    let abbreviation = text.ends_with('.');
    // "Yangtze River", "Gulf of Aden": the feature word in the text says what the
    // tagger's organisation is named after.
    let feature = t.key.split(' ').any(|w| FEATURE_WORDS.contains(&w));
    let own_name = entries().any(|e| {
        let name = fold(e.name);
        spelled_alike(&name, &t.key)
            || (abbreviation && name.starts_with(t.key.as_str()))
            || (feature && e.kind == Kind::Region)
    });
    if named_otherwise && !country && !own_name {
        return false;
    }
    // A word that only some town's other name spells ("Fox", "Lane", "Academy"), where
    // the entity stage saw no name at all.
    let county = entries().any(|e| e.kind == Kind::Admin2);
    if mention.is_none() && !t.key.contains(' ') && !polity && !county && !own_name {
        return false;
    }
    let acronym = (2..=5).contains(&text.len()) && text.chars().all(|c| c.is_ascii_uppercase());
    !acronym
        || polity
        || entries()
            .any(|e| e.kind == Kind::City && e.population >= BIG_CITY && initials(e.name) == text)
}

/// The capital initials of a name's words: "NYC" of "New York City".
fn initials(name: &str) -> String {
    name.split([' ', '-'])
        .filter_map(|w| w.chars().next())
        .filter(char::is_ascii_uppercase)
        .collect()
}

/// Climate patterns named like towns ("El Niño").
const WEATHER: &[&str] = &["el nino", "la nina"];

/// Words after a place's name that make it a disease's ("Lassa fever", "Marburg virus",
/// "Lyme disease"): the report names the disease, not the place it was named after.
const DISEASE_HEADS: &[&str] = &["fever", "virus", "disease"];

fn names_a_disease(doc: &Document, t: &Toponym) -> bool {
    let next = doc.tokens_in(t.span).next_back().map(|i| i + 1);
    next.and_then(|i| doc.tokens.get(i)).is_some_and(|token| {
        token.span.start == t.span.end + 1 && DISEASE_HEADS.contains(&doc.str(token.span))
    })
}

/// Whether a place's name and a name it is listed under are one name: the name with
/// an administrative word ("DuPage" of "DuPage County"), without its Arabic article
/// ("Qamishli" of "Al Qamishli") or another spelling of it ("Kostiantynivka",
/// "Kostyantynivka", "DeSoto"); not an unrelated old or foreign name ("Apple" for the
/// Almaty region) nor a longer name ("Apple Valley").
pub(crate) fn spelled_alike(name: &str, key: &str) -> bool {
    let with_admin_word = |long: &str, short: &str| {
        long.strip_prefix(short)
            .is_some_and(|rest| rest.is_empty() || ADMIN_WORDS.contains(&rest.trim_start()))
    };
    // A name of two words or more that starts the place's name is that place's
    // ("Matias Romero" of "Matías Romero Avendaño").
    let leading = key.contains(' ') && name.starts_with(key) && name[key.len()..].starts_with(' ');
    let common = name
        .chars()
        .zip(key.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let without_article = name
        .split_once(' ')
        .is_some_and(|(article, rest)| ARABIC_ARTICLES.contains(&article) && rest == key);
    // "DeSoto" and "De Soto" are one name written with and without the space.
    let unspaced = |s: &str| s.replace(' ', "");
    with_admin_word(name, key)
        || with_admin_word(key, name)
        || unspaced(name) == unspaced(key)
        || without_article
        || leading
        || (common >= 4 && name.len().abs_diff(key.len()) <= 2)
}

/// The Arabic article as place names transcribe it, assimilated or not ("Ar Raqqah");
/// not as "El", which as often begins a Spanish name ("El Troncón").
const ARABIC_ARTICLES: &[&str] = &["al", "ar", "as", "ad", "an", "at", "az", "ash", "ath"];

/// Words of a physical feature's name ("Yangtze River", "Sea of Japan").
const FEATURE_WORDS: &[&str] = &[
    "river",
    "lake",
    "sea",
    "ocean",
    "gulf",
    "bay",
    "strait",
    "straits",
    "canal",
    "desert",
    "mountains",
    "mount",
    "islands",
    "island",
    "valley",
    "delta",
    "peninsula",
];

/// Words a place's own name is listed with.
const ADMIN_WORDS: &[&str] = &[
    "county", "parish", "borough", "township", "city", "district", "region", "oblast", "province",
    "state",
];

#[cfg(test)]
mod tests {
    use crate::PlaceStage;
    use dossier_core::{Document, EntityLabel, Mention, Span, Stage};

    /// The places of `text` with the given words tagged as entities by hand.
    fn places(text: &str, tagged: &[(&str, EntityLabel)]) -> Vec<String> {
        let mut doc = Document::new("t", text);
        for &(words, label) in tagged {
            let at = text.find(words).expect("tagged words are in the text");
            doc.mentions.push(Mention {
                span: Span::new(at, at + words.len()),
                label,
                entity: None,
            });
        }
        PlaceStage::load().run(&mut doc);
        doc.places
            .iter()
            .map(|p| doc.str(p.span).to_string())
            .collect()
    }

    #[test]
    fn an_organisation_known_to_the_table_by_another_name_is_no_place() {
        let found = places(
            "Apple opened its first store in Almaty on Monday.",
            &[("Apple", EntityLabel::Org), ("Almaty", EntityLabel::Gpe)],
        );
        assert_eq!(found, ["Almaty"]);
    }

    #[test]
    fn acronyms_are_places_only_for_countries_and_regions_here() {
        let found = places(
            "The SEC and the CIA briefed officials from the US and the UAE.",
            &[],
        );
        assert_eq!(found, ["US", "UAE"]);
    }
}
