//! Choosing which place a toponym names.
//!
//! One name keeps one sense per document: every occurrence of "Paris" in a report
//! about Paris, Texas means Paris, Texas, so candidates are scored per name with the
//! evidence of all its occurrences pooled. The score adds a prior (population, and the
//! kind of place: a bare "Georgia" is a state or a country before it is a village) to
//! what the document says: an explicit "City, Region", the countries and first-level
//! regions the document names, the states its counties lie in (local news rarely names
//! its own state, but names its county), whether it writes the name as local news
//! writes its own town ("Paris Police", "Jane Roe, 18, of Paris"), and closeness to the
//! other places it names, closer still for a town and the county it lies in. Closeness
//! is counted twice over: once against every sense the other names could have, weighted
//! by how likely each is ([`Support`]), so that a cluster of small neighbouring towns
//! can outweigh one famous namesake; and once against the other names' last choices,
//! so the rounds settle in two or three.

use crate::gazetteer::{Entry, Gazetteer, Kind, fold};
use crate::landmarks;
use crate::otherwise::spelled_alike;
use crate::recognise::{
    self, Toponym, inside_a_street, local_cue, names_a_polity, state_abbreviation,
};
use dossier_core::{Document, EntityLabel, Span};
use std::collections::{HashMap, HashSet};

/// The chosen entry (an index into the gazetteer) of every toponym, in order.
pub fn resolve(doc: &Document, g: &Gazetteer, toponyms: &[Toponym]) -> Vec<Option<u32>> {
    // Streets and names no table holds are placed after the others, by what they stand in.
    // A road is named for the town it leads to ("Morecambe Road"), so that town is near;
    // a street is named for anything ("Memphis St." in Alexandria, Louisiana), so the
    // place in its name says nothing of where the report is.
    let votes = |t: &&Toponym| !t.street && !t.unlisted && !inside_a_street_not_road(toponyms, t);
    let mut names: Vec<&str> = toponyms
        .iter()
        .filter(votes)
        .map(|t| t.key.as_str())
        .collect();
    names.sort_unstable();
    names.dedup();

    // Per name: the countries and regions its "City, Region" occurrences point to. A
    // country's name followed by another country's is a list ("Ukraine, Russia, US
    // discuss ..."), not a town placed in that country.
    let names_a_country = |key: &str| {
        g.find_ids(key)
            .iter()
            .any(|&f| g.entry(f).kind == Kind::Country && fold(g.entry(f).name) == key)
    };
    let mut qualified: HashMap<&str, Vec<u32>> = HashMap::new();
    for t in toponyms {
        if let Some(q) = t.qualifier {
            let text = doc.str(q);
            let key = state_abbreviation(text).map_or_else(|| fold(text), fold);
            let ids = g.find_ids(&key);
            if names_a_country(&t.key) && ids.iter().any(|&f| g.entry(f).kind == Kind::Country) {
                continue;
            }
            qualified
                .entry(t.key.as_str())
                .or_default()
                .extend_from_slice(ids);
        }
    }
    let mentions: HashMap<&str, usize> =
        toponyms
            .iter()
            .filter(votes)
            .fold(HashMap::new(), |mut m, t| {
                *m.entry(t.key.as_str()).or_default() += 1;
                m
            });

    // Names written as local news writes its own town ("Paris Police", "a Lebanon man").
    let local: HashSet<&str> = toponyms
        .iter()
        .filter(|t| local_cue(doc, t.span))
        .map(|t| t.key.as_str())
        .collect();
    // Names the text calls regions ("Pernambuco state", "Idlib province") or lists
    // with regions ("Oregon and Washington").
    let regional: HashSet<&str> = toponyms
        .iter()
        .enumerate()
        .filter(|&(k, t)| {
            votes(&t) && (region_word_after(doc, t) || listed_with_regions(doc, g, toponyms, k))
        })
        .map(|(_, t)| t.key.as_str())
        .collect();
    // Names that place another ("Vancouver, Washington"): their states and countries
    // that hold a place of the other name.
    let mut placing: HashMap<&str, HashSet<u32>> = HashMap::new();
    for t in toponyms.iter().filter(|t| !t.street && !t.unlisted) {
        let Some(region) = t
            .qualifier
            .and_then(|q| toponyms.iter().find(|o| o.span == q))
            .filter(|r| r.key != t.key && !listed(doc, t.span, r.span))
        else {
            continue;
        };
        for &b in g.find_ids(&region.key) {
            let r = g.entry(b);
            let holds = |a: u32| {
                let a = g.entry(a);
                a.country == r.country && (r.kind == Kind::Country || a.admin1 == r.name)
            };
            if matches!(r.kind, Kind::Country | Kind::Admin1)
                && !r.country.is_empty()
                && g.find_ids(&t.key).iter().any(|&a| a != b && holds(a))
            {
                placing.entry(region.key.as_str()).or_default().insert(b);
            }
        }
    }
    // Names of states and countries: where the report is says nothing against them.
    let polities: HashSet<&str> = names
        .iter()
        .copied()
        .filter(|n| names_a_polity(g, n))
        .collect();
    // Names that some town bears as its own, not only as another's old or foreign name.
    let own_names: HashSet<&str> = names
        .iter()
        .copied()
        .filter(|n| {
            g.find_ids(n)
                .iter()
                .any(|&e| g.entry(e).kind == Kind::City && fold(g.entry(e).name) == *n)
        })
        .collect();

    // Names a country, region or large city bears as its own: a small town that bears
    // one only as an old or foreign name ("Moscow" for Dalton, Georgia; "Egypt" for
    // Uhrichsville) is meant only where the text places it ("Egypt, Ohio"). A town whose
    // own name is that name spelled otherwise or made longer ("Newcastle upon Tyne")
    // stays a candidate.
    let famous: HashMap<&str, u64> = names
        .iter()
        .filter_map(|&n| {
            g.find_ids(n)
                .iter()
                .map(|&e| g.entry(e))
                .filter(|e| fold(e.name) == n)
                .filter(|e| match e.kind {
                    Kind::Country | Kind::Continent | Kind::Admin1 | Kind::Region => true,
                    Kind::City => e.population >= FAMOUS_CITY,
                    Kind::Admin2 => false,
                })
                .map(|e| e.population)
                .max()
                .map(|p| (n, p))
        })
        .collect();
    let support = Support::of(g, &names);
    let locale = source_country(doc).filter(|c| g.country(c).is_some());
    let demonyms = demonym_countries(doc);
    let mut chosen: HashMap<&str, u32> = HashMap::new();
    for _round in 0..3 {
        let context = Context::of(g, &chosen, &mentions);
        let mut next = HashMap::new();
        for &name in &names {
            let quals = qualified.get(name).map_or(&[][..], Vec::as_slice);
            let name_is = NameCues {
                occurrences: mentions[name],
                local: local.contains(name),
                polity: polities.contains(name),
                own_name: own_names.contains(name),
                regional: regional.contains(name),
            };
            let best = g
                .find_ids(name)
                .iter()
                .filter(|&&e| {
                    let entry = g.entry(e);
                    !famous.get(name).is_some_and(|&p| {
                        entry.kind == Kind::City
                            && entry.population < FAMOUS_CITY.min(p)
                            && quals.is_empty()
                            && !one_name(&fold(entry.name), name)
                    })
                })
                .map(|&e| {
                    let places_a_town = placing.get(name).is_some_and(|p| p.contains(&e));
                    let entry = g.entry(e);
                    let at_home =
                        locale.is_some_and(|c| entry.country == c && entry.kind != Kind::Country);
                    (
                        score(g, e, name, quals, &context, chosen.get(name), name_is)
                            + support.bonus(g, name, e)
                            + f64::from(u8::from(places_a_town)) * REGION_WORD_WEIGHT
                            + f64::from(u8::from(at_home)) * LOCALE_WEIGHT
                            + demonym_support(&entry, &demonyms),
                        e,
                    )
                })
                .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
            if let Some((_, e)) = best {
                next.insert(name, e);
            }
        }
        if next == chosen {
            break;
        }
        chosen = next;
    }
    // A country's or a great city's bare name means it, not a town elsewhere that bears the
    // name too ("Russia", Ohio; "Berlin", Ohio; "Rome", New York), unless the text places
    // the town ("Russia, Ohio") or the report is from the town's own country, as local
    // news is ("Dublin" in an Ohio paper, "London" in an Ontario one). For a great city,
    // a name written as local news writes its own town ("Berlin police") keeps it too;
    // a country's name is followed by such words everywhere ("Russia's city council").
    let mut weight: HashMap<&str, usize> = HashMap::new();
    for (name, &e) in &chosen {
        let country = g.entry(e).country;
        if !country.is_empty() {
            *weight.entry(country).or_default() += mentions[name];
        }
    }
    let total: usize = weight.values().sum();
    for (&name, e) in chosen.iter_mut() {
        let entry = g.entry(*e);
        if !matches!(entry.kind, Kind::City | Kind::Admin2) || qualified.contains_key(name) {
            continue;
        }
        // A state or province by its own name is not a small town of another state that
        // bears it ("California" is not California, Pennsylvania, however much of the
        // report is there); a city in or near its namesake province ("Moscow", "Ramallah")
        // stays.
        if !local.contains(name)
            && entry.population < FAMOUS_CITY
            && let Some(state) = g.find_ids(name).iter().copied().find(|&f| {
                let f = g.entry(f);
                f.kind == Kind::Admin1
                    && f.country == entry.country
                    && fold(f.name) == name
                    && f.name != entry.admin1
                    && km(f.lat, f.lon, entry.lat, entry.lon) > 161.0
            })
        {
            *e = state;
            continue;
        }
        let Some(great) = g.find_ids(name).iter().copied().find(|&f| {
            let f = g.entry(f);
            fold(f.name) == name
                && f.country != entry.country
                && (f.kind == Kind::Country || f.kind == Kind::City && f.population >= GREAT_CITY)
        }) else {
            continue;
        };
        let country = g.entry(great).kind == Kind::Country;
        // Whether the report is in the town's country. For a country's name, its own
        // reading does not count ("Russia" read as Russia, Ohio makes no report American).
        let own = if country { mentions[name] } else { 0 };
        let there = weight
            .get(entry.country)
            .copied()
            .unwrap_or(0)
            .saturating_sub(own);
        let home = there >= 2 && 2 * there > total.saturating_sub(own);
        if !home && (country || !local.contains(name)) {
            *e = great;
        }
    }
    toponyms
        .iter()
        .map(|t| {
            chosen
                .get(t.key.as_str())
                .copied()
                .filter(|_| !t.street && !t.unlisted)
        })
        .collect()
}

/// How often the entity stage saw a demonym of each country ("Georgian", "Syrians").
fn demonym_countries(doc: &Document) -> HashMap<&str, usize> {
    let mut counts = HashMap::new();
    for m in doc.mentions.iter().filter(|m| m.label == EntityLabel::Norp) {
        if let Some(country) = m
            .entity
            .and_then(|e| doc.entities.get(e.index()))
            .and_then(|e| e.country.as_deref())
        {
            *counts.entry(country).or_default() += 1;
        }
    }
    counts
}

/// A country whose people the report names is the country its bare name means: "Georgia"
/// beside "Georgian territory" is not the American state, however American the rest.
fn demonym_support(entry: &Entry, demonyms: &HashMap<&str, usize>) -> f64 {
    match demonyms.get(entry.country) {
        Some(&n) if entry.kind == Kind::Country => 2.0 + (n as f64).ln(),
        _ => 0.0,
    }
}

/// The country of the outlet: from its web address, a country-code domain ("bbc.co.uk",
/// "cbc.ca") or a US government, military or university one (domains sold to all
/// comers, ".io", ".tv", ".co", and ".com" say nothing); failing that, from the name of
/// a national outlet ("BBC News").
fn source_country(doc: &Document) -> Option<&'static str> {
    domain_country(doc).or_else(|| {
        let source = doc.meta.source.as_deref()?.to_lowercase();
        OUTLETS
            .iter()
            .find(|(name, _)| source.starts_with(name))
            .map(|&(_, country)| country)
    })
}

/// National outlets that a feed or corpus names without an address, by the start of
/// their name, with their country. Outlets that report the world from a newsroom
/// (Reuters, AFP, Al Jazeera) are not here: their country says nothing of their places.
const OUTLETS: &[(&str, &str)] = &[
    ("bbc", "GB"),
    ("the guardian", "GB"),
    ("the telegraph", "GB"),
    ("sky news", "GB"),
    ("rté", "IE"),
    ("rte", "IE"),
    ("the irish times", "IE"),
    ("cbc", "CA"),
    ("the globe and mail", "CA"),
    ("the new york times", "US"),
    ("new york times", "US"),
    ("the washington post", "US"),
    ("cnn", "US"),
    ("npr", "US"),
    ("usa today", "US"),
    ("fox news", "US"),
    ("the kyiv independent", "UA"),
    ("kyiv independent", "UA"),
    ("ukrinform", "UA"),
    ("ukrainska pravda", "UA"),
    ("the times of india", "IN"),
    ("hindustan times", "IN"),
    ("the sydney morning herald", "AU"),
];

/// The country of a web address's country-code domain.
fn domain_country(doc: &Document) -> Option<&'static str> {
    let address = doc.meta.url.as_deref().or(doc.meta.source.as_deref())?;
    let host = address
        .split_once("://")
        .map_or(address, |(_, rest)| rest)
        .split(['/', ':', '?', '#'])
        .next()?;
    if !host.contains('.') || host.contains(' ') {
        return None;
    }
    let tld = host.rsplit('.').next()?.to_ascii_lowercase();
    let code = match tld.as_str() {
        "gov" | "mil" | "edu" => "US",
        "uk" => "GB",
        "io" | "tv" | "co" | "me" | "ai" | "fm" | "ly" | "cc" | "ws" | "to" | "la" | "am"
        | "nu" | "tk" | "gg" | "sh" | "ac" | "eu" | "su" => return None,
        t if t.len() == 2 && t.bytes().all(|b| b.is_ascii_lowercase()) => {
            return COUNTRY_CODES
                .iter()
                .copied()
                .find(|c| c.eq_ignore_ascii_case(t));
        }
        _ => return None,
    };
    Some(code)
}

/// ISO 3166-1 alpha-2 codes, for a domain's country code as a `'static` string.
const COUNTRY_CODES: &[&str] = &[
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/// Lower-case words after a name that call it a first-level region ("Pernambuco state",
/// "Idlib province", "Washington state").
const REGION_WORDS: &[&str] = &[
    "state",
    "province",
    "region",
    "oblast",
    "governorate",
    "prefecture",
    "krai",
];

/// Whether the word right after toponym `t` calls it a region.
fn region_word_after(doc: &Document, t: &Toponym) -> bool {
    let next = doc.tokens_in(t.span).next_back().map(|i| i + 1);
    next.and_then(|i| doc.tokens.get(i)).is_some_and(|token| {
        token.span.start == t.span.end + 1 && REGION_WORDS.contains(&doc.str(token.span))
    })
}

/// What separates the names of a list ("Oregon, Idaho and Washington").
const LIST_LINKS: &[&str] = &[", ", " and ", " or ", ", and ", ", or "];

/// Whether toponym `k` stands in a list whose other names next to it are all names of
/// first-level regions and of no country ("Oregon and Washington", "Missouri, New York,
/// North Carolina and Virginia"): a name listed with states is a state. "A, B" counts
/// as a list only where [`listed`] says so, not as a town and its state.
fn listed_with_regions(doc: &Document, g: &Gazetteer, toponyms: &[Toponym], k: usize) -> bool {
    let t = &toponyms[k];
    let link =
        |a: &Toponym, b: &Toponym| match doc.text.get(a.span.end as usize..b.span.start as usize) {
            Some(", ") => listed(doc, a.span, b.span),
            Some(between) => LIST_LINKS.contains(&between),
            None => false,
        };
    let before = k
        .checked_sub(1)
        .map(|p| &toponyms[p])
        .filter(|p| link(p, t));
    let after = toponyms.get(k + 1).filter(|n| link(t, n));
    let mates: Vec<&Toponym> = before.into_iter().chain(after).collect();
    !mates.is_empty()
        && mates
            .iter()
            .all(|m| m.key != t.key && region_only(g, &m.key))
}

/// Whether `key` is the own name of a first-level region, and names no country and no
/// large city: "Moscow", "Cairo" and "New York" are regions too, but listed with
/// "Washington" or "St. Petersburg" they are cities.
fn region_only(g: &Gazetteer, key: &str) -> bool {
    let entries: Vec<_> = g.find_ids(key).iter().map(|&e| g.entry(e)).collect();
    entries
        .iter()
        .any(|e| e.kind == Kind::Admin1 && fold(e.name) == key)
        && !entries.iter().any(|e| {
            e.kind == Kind::Country || (e.kind == Kind::City && e.population >= FAMOUS_CITY)
        })
}

/// Whether "A, B" is part of a list ("London, Frankfurt, New York and Boston") rather
/// than a place and its region.
fn listed(doc: &Document, a: Span, b: Span) -> bool {
    let before = doc.text[..a.start as usize].trim_end_matches(' ');
    let after = &doc.text[b.end as usize..];
    before.ends_with(',')
        || [" and ", " or ", ", and ", ", or "]
            .iter()
            .any(|w| after.starts_with(w))
}

/// Whether toponym `t` lies inside the name of a street that is not a road.
fn inside_a_street_not_road(toponyms: &[Toponym], t: &Toponym) -> bool {
    !t.street
        && toponyms.iter().any(|s| {
            s.street
                && s.span.overlaps(t.span)
                && !matches!(s.key.rsplit(' ').next(), Some("road" | "rd"))
        })
}

/// A common word taken for a place ("Reading", "Mobile", "Colonia") names no place
/// abroad when most of the document's places lie in one country: it becomes its
/// namesake in that country, or no place at all.
pub fn stay_home(
    g: &Gazetteer,
    toponyms: &[Toponym],
    chosen: &mut [Option<u32>],
    common: &dyn Fn(&str) -> bool,
) {
    let Some(home) = home_country(g, chosen) else {
        return;
    };
    for (t, choice) in toponyms.iter().zip(chosen.iter_mut()) {
        let Some(e) = *choice else { continue };
        let entry = g.entry(e);
        if t.key.contains(' ')
            || !common(&t.key)
            || entry.country == home
            || matches!(entry.kind, Kind::Country | Kind::Continent | Kind::Region)
        {
            continue;
        }
        *choice = g
            .find_ids(&t.key)
            .iter()
            .copied()
            .filter(|&f| g.entry(f).country == home)
            .max_by(|&a, &b| prior(g, a, &t.key).total_cmp(&prior(g, b, &t.key)));
    }
}

/// The country most of a document's places lie in, if one holds more than half of them
/// and at least two.
fn home_country<'g>(g: &'g Gazetteer, chosen: &[Option<u32>]) -> Option<&'g str> {
    let mut countries: HashMap<&str, usize> = HashMap::new();
    for e in chosen.iter().flatten() {
        let c = g.entry(*e).country;
        if !c.is_empty() {
            *countries.entry(c).or_default() += 1;
        }
    }
    let total: usize = countries.values().sum();
    let (&home, &n) = countries
        .iter()
        .max_by_key(|&(c, n)| (*n, std::cmp::Reverse(*c)))?;
    (n >= 2 && 2 * n > total).then_some(home)
}

/// A village abroad this small is more often a word or a name that the table happens
/// to hold ("Mercury", "Sissy", "Tasha") than a place the report speaks of.
const VILLAGE_ABROAD: u64 = 20_000;

/// The places a report without a country of its own names before a village in it needs
/// some other word of its country.
const INTERNATIONAL_PLACES: usize = 6;

/// A small town abroad, in a report whose places lie mostly in one other country, is no
/// place when the report says nothing else of its country: no region after it, and no
/// other place there. A report about Ohio that names "Mercury" or "Sissy" means no
/// village in France; one that names "Flumeri, Italy" or Italy itself may.
///
/// A report with no country of its own (international news) holds a village only where
/// it says something else of the village's country too: another place there, or its
/// people ("the Bulgarian village of Yasenovo"); "Iskandar" missiles and "Mao" are no
/// villages of Uzbekistan and Chad.
pub fn no_lone_village_abroad(
    doc: &Document,
    g: &Gazetteer,
    toponyms: &[Toponym],
    chosen: &mut [Option<u32>],
) {
    let home = home_country(g, chosen);
    // Without a country of its own, a report of a few places (a brief, an ACLED note)
    // says too little to judge by.
    let international = home.is_none() && chosen.iter().flatten().count() >= INTERNATIONAL_PLACES;
    let demonyms = demonym_countries(doc);
    let lone: Vec<bool> = toponyms
        .iter()
        .zip(chosen.iter())
        .map(|(t, e)| {
            let Some(entry) = e.map(|e| g.entry(e)) else {
                return false;
            };
            let elsewhere_there = toponyms.iter().zip(chosen.iter()).any(|(o, f)| {
                o.key != t.key && f.is_some_and(|f| g.entry(f).country == entry.country)
            });
            let people = demonyms.contains_key(entry.country);
            matches!(entry.kind, Kind::City | Kind::Admin2)
                && entry.population < VILLAGE_ABROAD
                && home != Some(entry.country)
                && t.qualifier.is_none()
                && !elsewhere_there
                && (home.is_some() || international && !people)
        })
        .collect();
    for (choice, lone) in chosen.iter_mut().zip(lone) {
        if lone {
            *choice = None;
        }
    }
}

/// A town the text places in a state or country ("Grantville, Pennsylvania", "Orient,
/// Ohio") where the table holds no town of its name is a town the table lacks: its
/// namesake in another state is not what the text says. It becomes a name no table
/// holds, placed in the region the text gives. A list of places ("Moscow, Kiev, Minsk")
/// or a region not taken for one ("Bobby Cecil, Mary Loveless") places nothing.
pub fn towns_outside_their_region(
    doc: &Document,
    g: &Gazetteer,
    toponyms: &mut [Toponym],
    chosen: &mut [Option<u32>],
) {
    let is_region = |e: &Entry| matches!(e.kind, Kind::Country | Kind::Admin1);
    for k in 0..toponyms.len() {
        let t = &toponyms[k];
        let (Some(e), Some(q)) = (chosen[k], t.qualifier) else {
            continue;
        };
        let entry = g.entry(e);
        let Some(r) = toponyms.iter().position(|o| o.span == q) else {
            continue;
        };
        if t.street
            || t.unlisted
            || !matches!(entry.kind, Kind::City | Kind::Admin2)
            || !chosen[r].is_some_and(|c| is_region(&g.entry(c)))
            || listed(doc, t.span, q)
        {
            continue;
        }
        // Any region of the qualifier's name will do: "Athens, Georgia" is in the state.
        let inside = g.find_ids(&toponyms[r].key).iter().any(|&r| {
            let r = g.entry(r);
            is_region(&r)
                && r.country == entry.country
                && (r.kind == Kind::Country || r.name == entry.admin1)
        });
        if !inside {
            toponyms[k].unlisted = true;
            chosen[k] = None;
        }
    }
}

/// Heads of the names of buildings and institutions that are often named after a person
/// or a thing ("Carnegie Library", "Kodak Theatre", "Cooper High").
const FACILITY_HEADS: &[&str] = &[
    "inn",
    "hotel",
    "library",
    "centre",
    "center",
    "elementary",
    "high",
    "middle",
    "school",
    "basilica",
    "church",
    "cathedral",
    "academy",
    "college",
    "university",
    "stadium",
    "arena",
    "hospital",
    "hall",
    "museum",
    "theatre",
    "theater",
    "memorial",
    "club",
];

/// A town this small, named before a facility's head far from every other place of the
/// report, is taken for the facility's namesake rather than its place.
const NAMESAKE_TOWN: u64 = 20_000;

/// A building named after someone ("the Carnegie Library", "the Christopher Inn") is not
/// in the small town that bears the name, unless the report is near that town: a large
/// city's name before a school or a hall is where it stands ("Huntsville High"), and so
/// is a town near the report's other places, but for a university or a college
/// ("Harvard University" is not in Harvard, Illinois, in a report about Chicago).
/// Otherwise the name is not written: placing the building in the town the report is
/// about, as unlisted names are, put "Stanford University" in a report's Ukrainian town.
/// A building that reports name as a place rather than as its staff (a library, an inn:
/// [`recognise::is_site_head`]) is placed under its whole name as names no table holds
/// are ("the Carnegie Library" in the report's New Orleans).
pub fn facilities(
    doc: &Document,
    g: &Gazetteer,
    toponyms: &mut [Toponym],
    chosen: &mut [Option<u32>],
) {
    let near = |e: u32, f: u32| {
        let (a, b) = (g.entry(e), g.entry(f));
        match b.kind {
            Kind::Admin1 => b.country == a.country && b.name == a.admin1,
            Kind::City | Kind::Admin2 => km(a.lat, a.lon, b.lat, b.lon) <= NEAR_KM,
            _ => false,
        }
    };
    let mut dropped = Vec::new();
    for (k, t) in toponyms.iter().enumerate() {
        let Some(e) = chosen[k] else { continue };
        let entry = g.entry(e);
        if t.street
            || t.unlisted
            || !matches!(entry.kind, Kind::City | Kind::Admin2)
            || entry.population >= NAMESAKE_TOWN
            || t.qualifier.is_some()
        {
            continue;
        }
        let Some(head) = doc.tokens_in(t.span).next_back().map(|i| i + 1) else {
            continue;
        };
        let Some(token) = doc.tokens.get(head) else {
            continue;
        };
        let word = doc.str(token.span);
        if token.span.start != t.span.end + 1
            || !word.starts_with(char::is_uppercase)
            || !FACILITY_HEADS.contains(&word.to_lowercase().as_str())
            || toponyms.iter().any(|o| o.span.overlaps(token.span))
        {
            continue;
        }
        // A university draws its name from afar; a small town of the name near the
        // report's other places is still a coincidence.
        let campus = CAMPUS_HEADS.contains(&word);
        let placed = !campus
            && toponyms
                .iter()
                .zip(chosen.iter())
                .any(|(o, f)| o.key != t.key && f.is_some_and(|f| f != e && near(e, f)));
        if !placed {
            dropped.push((k, head));
        }
    }
    for (k, head) in dropped {
        chosen[k] = None;
        if recognise::is_site_head(doc.token_str(head)) {
            let span = Span::new(
                toponyms[k].span.start as usize,
                doc.tokens[head].span.end as usize,
            );
            toponyms[k] = recognise::site(doc, toponyms, span);
        }
    }
}

/// Heads of the names of universities, which are often named after a town or a state
/// they do not stand in.
const CAMPUS_HEADS: &[&str] = &["University", "College"];

/// A university named after a place and situated by the text ("Washington University
/// in St. Louis", "California State University at San Marcos") stands in the place
/// that situates it, not in its namesake: it becomes a site under its whole name, placed
/// there. Only a town or county situates it: "in Texas" says less of where it stands
/// than a town of the name in Texas would.
pub fn campuses(
    doc: &Document,
    g: &Gazetteer,
    toponyms: &mut [Toponym],
    chosen: &mut [Option<u32>],
) {
    for k in 0..toponyms.len() {
        let t = &toponyms[k];
        if t.street || t.unlisted || chosen[k].is_none() {
            continue;
        }
        let Some(head) = campus_head(doc, t.span) else {
            continue;
        };
        let Some(after) = doc.tokens.get(head + 2) else {
            continue;
        };
        let place = toponyms
            .iter()
            .position(|o| o.span.start == after.span.start)
            .and_then(|m| chosen[m])
            .filter(|&e| matches!(g.entry(e).kind, Kind::City | Kind::Admin2));
        if let Some(place) = place {
            let span = Span::new(t.span.start as usize, doc.tokens[head].span.end as usize);
            toponyms[k] = recognise::site(doc, toponyms, span);
            chosen[k] = Some(place);
        }
    }
}

/// The token of "University" or "College" right after the name at `span` ("State"
/// may come between), when "in" or "at" follows it.
fn campus_head(doc: &Document, span: Span) -> Option<usize> {
    let word = |i: usize| doc.tokens.get(i).map(|w| doc.str(w.span));
    let mut head = doc.tokens_in(span).next_back()? + 1;
    if word(head) == Some("State") {
        head += 1;
    }
    let is_head = word(head).is_some_and(|w| CAMPUS_HEADS.contains(&w));
    (is_head && matches!(word(head + 1), Some("in" | "at"))).then_some(head)
}

/// Streets are placed in the town the report names most often or, if it names none, in
/// its county. A place no table holds is placed in the place that situates it
/// ("Thaloi, Jaunpur", "Kamenné Square in Bratislava"), else in the report's town if
/// the report is about that town: names it more than once, and more often than any
/// other town or region. A town named once in a short report is too often a
/// misreading, and in a report about regions ("the Kremlin", in a report naming Kyiv
/// twice and the Kursk region four times) the town says little about where an unknown
/// name is.
pub fn streets_in_town(g: &Gazetteer, toponyms: &[Toponym], chosen: &mut [Option<u32>]) {
    let most_named = |kind: Kind| {
        let mut named: HashMap<u32, usize> = HashMap::new();
        for (t, e) in toponyms.iter().zip(chosen.iter()) {
            if let Some(e) = e.filter(|&e| {
                !t.street && !t.unlisted && !inside_a_street(toponyms, t) && g.entry(e).kind == kind
            }) {
                *named.entry(e).or_default() += 1;
            }
        }
        named
            .into_iter()
            .max_by_key(|&(e, n)| (n, std::cmp::Reverse(e)))
    };
    let town = most_named(Kind::City).or_else(|| most_named(Kind::Admin2));
    let mut named: HashMap<u32, usize> = HashMap::new();
    for &e in chosen.iter().flatten() {
        if matches!(g.entry(e).kind, Kind::City | Kind::Admin2 | Kind::Admin1) {
            *named.entry(e).or_default() += 1;
        }
    }
    let most = named.values().copied().max().unwrap_or(0);
    let about = town.filter(|&(_, n)| n >= 2 && n >= most).map(|(e, _)| e);
    let situated: Vec<Option<u32>> = toponyms
        .iter()
        .map(|t| {
            let q = t.qualifier?;
            let k = toponyms.iter().position(|o| o.span == q)?;
            chosen[k]
        })
        .collect();
    for ((t, e), situated) in toponyms.iter().zip(chosen.iter_mut()).zip(situated) {
        if t.street {
            *e = town.map(|(e, _)| e);
        } else if t.unlisted {
            *e = landmarks::city(g, &t.key).or(situated).or(about);
        }
    }
}

/// What the other names of a document could mean, before any is chosen: a town whose
/// neighbours or whose state the other names may also mean is likelier than its
/// namesake far from all of them ("Columbus" with "Harris County" and "Muscogee" is
/// Columbus, Georgia). A sense supports in proportion to how likely it is among its
/// name's senses: every state has a Washington County, few have a Muscogee, and
/// "London" next to "Paris" does not make Paris a town in Ontario.
struct Support<'n> {
    /// Per name: the senses that can support another name's.
    names: Vec<(&'n str, Vec<Sense>)>,
}

/// A local sense of a name (a town, a county or a region), with how much it can support
/// another name's: the root of its prior probability among the name's senses.
struct Sense {
    lat: f64,
    lon: f64,
    entry: u32,
    weight: f64,
}

impl<'n> Support<'n> {
    fn of(g: &Gazetteer, names: &[&'n str]) -> Support<'n> {
        let names = names
            .iter()
            .map(|&name| {
                // Shares of the prior among all the places of the name, countries too.
                let all = g.find_ids(name);
                let priors: Vec<f64> = all.iter().map(|&e| prior(g, e, name)).collect();
                let top = priors.iter().copied().fold(f64::MIN, f64::max);
                let shares: Vec<f64> = priors
                    .iter()
                    .map(|p| ((p - top) / PRIOR_TEMPERATURE).exp())
                    .collect();
                let total: f64 = shares.iter().sum();
                let local: Vec<Sense> = all
                    .iter()
                    .zip(&shares)
                    .filter(|&(&e, _)| {
                        matches!(g.entry(e).kind, Kind::City | Kind::Admin2 | Kind::Admin1)
                    })
                    .map(|(&e, w)| Sense {
                        lat: g.entry(e).lat,
                        lon: g.entry(e).lon,
                        entry: e,
                        weight: (w / total).sqrt(),
                    })
                    .collect();
                (name, local)
            })
            .collect();
        Support { names }
    }

    /// The bonus of entry `e` for `name`: how many other names, by weight, could be a
    /// place near it, or in its first-level region (in its country, for a country).
    fn bonus(&self, g: &Gazetteer, name: &str, e: u32) -> f64 {
        let entry = g.entry(e);
        if !matches!(
            entry.kind,
            Kind::City | Kind::Admin2 | Kind::Admin1 | Kind::Country
        ) || entry.country.is_empty()
        {
            return 0.0;
        }
        // A country's region is all of it.
        let whole_country = entry.kind == Kind::Country;
        let region = if entry.kind == Kind::Admin1 {
            entry.name
        } else {
            entry.admin1
        };
        let (mut near, mut close, mut same_region) = (0.0f64, 0.0f64, 0.0f64);
        // A town called by its own name, in a county that another name may be.
        let mut in_a_named_county = false;
        for (other, senses) in &self.names {
            if *other == name {
                continue;
            }
            let (mut is_near, mut is_close, mut in_region) = (0.0f64, 0.0f64, 0.0f64);
            for &Sense {
                lat,
                lon,
                entry: f,
                weight,
            } in senses
            {
                if f == e {
                    continue;
                }
                let o = g.entry(f);
                if o.country != entry.country {
                    continue;
                }
                let o_region = if o.kind == Kind::Admin1 {
                    o.name
                } else {
                    o.admin1
                };
                if whole_country || (!region.is_empty() && o_region == region) {
                    in_region = in_region.max(weight);
                }
                if weight > is_close
                    && matches!(entry.kind, Kind::City | Kind::Admin2)
                    && o.kind != Kind::Admin1
                    && (lat - entry.lat).abs() < 2.0
                {
                    let d = km(lat, lon, entry.lat, entry.lon);
                    if d < 150.0 {
                        is_near = is_near.max(weight);
                    }
                    if d < CLOSE_KM {
                        let pair = county_and_town(&entry, &o);
                        in_a_named_county |=
                            pair && o.kind == Kind::Admin2 && fold(entry.name) == name;
                        is_close = if pair { 1.0 } else { weight };
                    }
                }
            }
            near += is_near;
            close += is_close;
            same_region += in_region;
        }
        NEAR_WEIGHT * near.min(3.0)
            + CLOSE_WEIGHT * close.min(2.0)
            + COUNTY_TOWN_WEIGHT * f64::from(u8::from(in_a_named_county))
            + REGION_WEIGHT * same_region.min(3.0)
    }
}

/// Whether one of two places is a county and the other a town in the same first-level
/// region (and, by the caller, close to it): local news names its town and the county
/// around it together, so such a pair is evidence for both however many namesakes
/// either name has elsewhere.
fn county_and_town(a: &Entry, b: &Entry) -> bool {
    let pair = matches!(
        (a.kind, b.kind),
        (Kind::City, Kind::Admin2) | (Kind::Admin2, Kind::City)
    );
    pair && !a.admin1.is_empty() && a.admin1 == b.admin1
}

/// A city this large is what its own name means before any town that bears the name
/// only as another name.
const FAMOUS_CITY: u64 = 100_000;
/// A city this large is what its bare name means anywhere but in its namesakes' own
/// local news.
const GREAT_CITY: u64 = 1_000_000;

/// Score points per other name that may be a place within 150 km, and per other name
/// that may be a place in the same first-level region (or country, for a country).
const NEAR_WEIGHT: f64 = 2.5;
const REGION_WEIGHT: f64 = 1.5;
/// Score points per other name that may be a place within [`CLOSE_KM`]: a town and
/// the county it lies in, or two neighbouring towns, are rarely both namesakes.
const CLOSE_WEIGHT: f64 = 2.0;
const CLOSE_KM: f64 = 30.0;
/// Score points more for a town, called by its own name, in a county that another name
/// of the document may be: "Alexandria" beside "Douglas County" is the county seat in
/// Minnesota before the city in Egypt.
const COUNTY_TOWN_WEIGHT: f64 = 2.0;
/// Within this distance two places are near, as the scorer counts a place right.
const NEAR_KM: f64 = 161.0;
/// Score points for a town in the report's country when the report names it as local
/// news names its own town.
const LOCAL_CUE_WEIGHT: f64 = 4.0;
/// Score points for a first-level region when the text calls the name a region, or for
/// a region or country when the name places a town of it ("Vancouver, Washington").
const REGION_WORD_WEIGHT: f64 = 6.0;
/// Score points off a town called by an alternate name that another town bears as its own.
const ALTERNATE_PENALTY: f64 = 2.0;
/// A place in the outlet's own country ([`source_country`]): as much as the text naming
/// that country's places once, so that it settles near ties ("Richmond" in a Canadian
/// paper) without moving a famous city abroad.
const LOCALE_WEIGHT: f64 = 2.0;
/// Score points for a town or county that another name of the document was taken for.
const SAME_PLACE_WEIGHT: f64 = 3.0;
/// How flat a name's prior is taken when it supports others: at 2, a place scoring 2
/// points below the name's likeliest sense has e^-1 of its weight.
const PRIOR_TEMPERATURE: f64 = 2.0;
/// Score points per other name chosen as a county (or, at [`TOWN_VOTE`], a town) in the
/// same first-level region.
const LOCAL_WEIGHT: f64 = 1.5;
/// A town chosen counts for its region at this share of a county named in full: towns
/// are more often namesakes chosen wrongly.
const TOWN_VOTE: f64 = 0.5;

/// What the document's places, as last chosen, say about where it is.
struct Context {
    /// Countries of the places named, with how often.
    countries: HashMap<String, usize>,
    /// (country, admin1) of the regions named.
    regions: HashSet<(String, String)>,
    /// Points of the cities, counties and regions chosen, with the name that chose them.
    points: Vec<(f64, f64, u32)>,
    /// (country, admin1) of the counties and towns chosen, with the entries and how much
    /// each counts: where a local report is, even when it never names its state.
    local: HashMap<(String, String), Vec<(u32, f64)>>,
}

impl Context {
    fn of(g: &Gazetteer, chosen: &HashMap<&str, u32>, mentions: &HashMap<&str, usize>) -> Context {
        let mut c = Context {
            countries: HashMap::new(),
            regions: HashSet::new(),
            points: Vec::new(),
            local: HashMap::new(),
        };
        for (name, &e) in chosen {
            let entry = g.entry(e);
            let n = mentions.get(name).copied().unwrap_or(1);
            if !entry.country.is_empty() {
                *c.countries.entry(entry.country.to_string()).or_default() += n;
            }
            if entry.kind == Kind::Admin1 {
                c.regions
                    .insert((entry.country.to_string(), entry.name.to_string()));
            }
            if matches!(entry.kind, Kind::City | Kind::Admin2) {
                c.points.push((entry.lat, entry.lon, e));
                // "Platte County", not a bare "Platte" that may be a surname or a word.
                let weight = match entry.kind {
                    Kind::Admin2 if fold(entry.name) == **name => 1.0,
                    Kind::City => TOWN_VOTE,
                    _ => 0.0,
                };
                if weight > 0.0 && !entry.admin1.is_empty() {
                    c.local
                        .entry((entry.country.to_string(), entry.admin1.to_string()))
                        .or_default()
                        .push((e, weight));
                }
            }
        }
        c
    }
}

/// How likely `name` means entry `e` before the document says anything: population,
/// and the kind of place (a bare "Georgia" is a state or a country before it is a
/// village).
fn prior(g: &Gazetteer, e: u32, name: &str) -> f64 {
    let entry = g.entry(e);
    let mut s = (entry.population as f64 + 1.0).ln() * 0.5;
    // A subdivision called by its bare base name ("Gaza" for Gaza Province) is less
    // likely than one called by its name.
    let by_name = called_by_name(&entry, name);
    s += match entry.kind {
        Kind::Continent | Kind::Country => 6.0,
        Kind::Admin1 if by_name => 3.0,
        // Seas and regions have no population; the few in the table are well known,
        // better than any village that bears the name ("Middle East", Maryland).
        Kind::Region => 13.0,
        // A city of this size is what its name means ("New York", "Washington", "Kiev").
        Kind::City if entry.population >= 300_000 => 5.0,
        Kind::City | Kind::Admin1 => 0.0,
        Kind::Admin2 => -1.0,
    };
    if by_name {
        s += 1.0;
    }
    s
}

/// Whether `name` is the entry's own name; a state is called by its base name too ("Edo"
/// for Edo State).
fn called_by_name(entry: &Entry, name: &str) -> bool {
    let own = fold(entry.name);
    own == name
        || (entry.kind == Kind::Admin1
            && own.strip_suffix(" state").is_some_and(|base| base == name))
}

/// What the text says of a name wherever it stands.
#[derive(Clone, Copy)]
struct NameCues {
    occurrences: usize,
    /// Written as local news writes its own town ([`local_cue`]).
    local: bool,
    /// The name of a country, continent or first-level region.
    polity: bool,
    /// Some town's own name, not only another's alternate.
    own_name: bool,
    /// Called a region by the word after it ([`region_word_after`]).
    regional: bool,
}

fn score(
    g: &Gazetteer,
    e: u32,
    name: &str,
    qualifiers: &[u32],
    c: &Context,
    previous: Option<&u32>,
    name_is: NameCues,
) -> f64 {
    let NameCues {
        occurrences,
        local,
        polity,
        own_name,
        regional,
    } = name_is;
    let entry = g.entry(e);
    let mut s = prior(g, e, name);
    if regional && entry.kind == Kind::Admin1 {
        s += REGION_WORD_WEIGHT;
    }
    // "Berea" is a town in Kentucky before it is an old name of Aleppo, and "Columbia" a
    // city in South Carolina before it is the District of Columbia.
    let alternate = match entry.kind {
        Kind::City => fold(entry.name) != name,
        Kind::Admin1 => !called_by_name(&entry, name),
        _ => false,
    };
    if own_name && alternate {
        s -= ALTERNATE_PENALTY;
    }
    if qualifiers.iter().any(|&q| {
        let q = g.entry(q);
        match q.kind {
            Kind::Country => q.country == entry.country,
            Kind::Admin1 => q.country == entry.country && q.name == entry.admin1,
            _ => false,
        }
    }) {
        s += 20.0;
    }
    // The country's own name says nothing for its parts ("Mexico", the state).
    let names_the_country = g
        .country(entry.country)
        .is_some_and(|c| fold(c.name) == name);
    if entry.kind != Kind::Country && !entry.country.is_empty() && !names_the_country {
        // What the other names say: this name's own last choice does not count.
        let own = previous.is_some_and(|&p| g.entry(p).country == entry.country);
        let named = c
            .countries
            .get(entry.country)
            .copied()
            .unwrap_or(0)
            .saturating_sub(if own { occurrences } else { 0 });
        if named > 0 {
            s += 2.0 + (named as f64).ln();
            // A town named as the report's own, in the country the report is in.
            let home = c
                .countries
                .iter()
                .all(|(other, &n)| other == entry.country || n <= named);
            if local && home && named >= 2 && entry.kind == Kind::City {
                s += LOCAL_CUE_WEIGHT;
            }
        }
        let region = (entry.country.to_string(), entry.admin1.to_string());
        if c.regions.contains(&region) {
            s += 3.0;
        }
        if matches!(entry.kind, Kind::City | Kind::Admin2) && !entry.admin1.is_empty() && !polity {
            let others: f64 = c.local.get(&region).map_or(0.0, |es| {
                es.iter()
                    .filter(|&&(o, _)| o != e && previous != Some(&o))
                    .map(|&(_, w)| w)
                    .sum()
            });
            s += LOCAL_WEIGHT * others.min(3.0);
        }
    }
    if matches!(entry.kind, Kind::City | Kind::Admin2) {
        let near = c
            .points
            .iter()
            .filter(|&&(lat, lon, other)| {
                other != e && previous != Some(&other) && km(lat, lon, entry.lat, entry.lon) < 150.0
            })
            .count();
        s += 1.0 * (near.min(3) as f64);
        // Another name of the document chose this very place ("Suffolk County", then
        // "Suffolk").
        let same = c.points.iter().filter(|p| p.2 == e).count() - usize::from(previous == Some(&e));
        if same > 0 {
            s += SAME_PLACE_WEIGHT;
        }
    }
    s
}

/// Whether a place's own name and a name it is listed under are one name: the same
/// name spelled otherwise, or made longer ("Newcastle upon Tyne", "New York City").
fn one_name(own: &str, key: &str) -> bool {
    spelled_alike(own, key)
        || own
            .strip_prefix(key)
            .is_some_and(|rest| rest.starts_with(' '))
}

/// Great-circle distance in kilometres.
pub fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    6371.0 * 2.0 * a.sqrt().asin()
}
