//! Choosing which place a toponym names.
//!
//! One name keeps one sense per document: every occurrence of "Paris" in a report
//! about Paris, Texas means Paris, Texas, so candidates are scored per name with the
//! evidence of all its occurrences pooled. The score adds a prior (population, and the
//! kind of place: a bare "Georgia" is a state or a country before it is a village) to
//! what the document says: an explicit "City, Region", the countries and first-level
//! regions the document names, and closeness to the other places it names. Context
//! comes from the previous round's choices, so the rounds settle in two or three.

use crate::gazetteer::{fold, Gazetteer, Kind};
use crate::recognise::{us_state, Toponym};
use dossier_core::Document;
use std::collections::{HashMap, HashSet};

/// The chosen entry (an index into the gazetteer) of every toponym, in order.
pub fn resolve(doc: &Document, g: &Gazetteer, toponyms: &[Toponym]) -> Vec<Option<u32>> {
    let mut names: Vec<&str> = toponyms.iter().map(|t| t.key.as_str()).collect();
    names.sort_unstable();
    names.dedup();

    // Per name: the countries and regions its "City, Region" occurrences point to.
    let mut qualified: HashMap<&str, Vec<u32>> = HashMap::new();
    for t in toponyms {
        if let Some(q) = t.qualifier {
            let text = doc.str(q);
            let key = us_state(text).map_or_else(|| fold(text), fold);
            qualified.entry(t.key.as_str()).or_default().extend_from_slice(g.find_ids(&key));
        }
    }
    let mentions: HashMap<&str, usize> = toponyms.iter().fold(HashMap::new(), |mut m, t| {
        *m.entry(t.key.as_str()).or_default() += 1;
        m
    });

    let mut chosen: HashMap<&str, u32> = HashMap::new();
    for _round in 0..3 {
        let context = Context::of(g, &chosen, &mentions);
        let mut next = HashMap::new();
        for &name in &names {
            let quals = qualified.get(name).map_or(&[][..], Vec::as_slice);
            let best = g
                .find_ids(name)
                .iter()
                .map(|&e| (score(g, e, name, quals, &context, chosen.get(name), mentions[name]), e))
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
    toponyms.iter().map(|t| chosen.get(t.key.as_str()).copied()).collect()
}

/// What the document's places, as last chosen, say about where it is.
struct Context {
    /// Countries of the places named, with how often.
    countries: HashMap<String, usize>,
    /// (country, admin1) of the regions named.
    regions: HashSet<(String, String)>,
    /// Points of the cities, counties and regions chosen, with the name that chose them.
    points: Vec<(f64, f64, u32)>,
}

impl Context {
    fn of(g: &Gazetteer, chosen: &HashMap<&str, u32>, mentions: &HashMap<&str, usize>) -> Context {
        let mut c = Context { countries: HashMap::new(), regions: HashSet::new(), points: Vec::new() };
        for (name, &e) in chosen {
            let entry = g.entry(e);
            let n = mentions.get(name).copied().unwrap_or(1);
            if !entry.country.is_empty() {
                *c.countries.entry(entry.country.clone()).or_default() += n;
            }
            if entry.kind == Kind::Admin1 {
                c.regions.insert((entry.country.clone(), entry.name.clone()));
            }
            if matches!(entry.kind, Kind::City | Kind::Admin2) {
                c.points.push((entry.lat, entry.lon, e));
            }
        }
        c
    }
}

fn score(
    g: &Gazetteer,
    e: u32,
    name: &str,
    qualifiers: &[u32],
    c: &Context,
    previous: Option<&u32>,
    occurrences: usize,
) -> f64 {
    let entry = g.entry(e);
    let mut s = (entry.population as f64 + 1.0).ln() * 0.5;
    // A subdivision called by its bare base name ("Gaza" for Gaza Province) is less
    // likely than one called by its name.
    let by_name = fold(&entry.name) == name;
    s += match entry.kind {
        Kind::Continent | Kind::Country => 6.0,
        Kind::Admin1 if by_name => 3.0,
        // Seas and regions have no population; the few in the table are well known.
        Kind::Region => 9.0,
        // A city of this size is what its name means ("New York", "Washington", "Kiev").
        Kind::City if entry.population >= 300_000 => 5.0,
        Kind::City | Kind::Admin1 => 0.0,
        Kind::Admin2 => -1.0,
    };
    if by_name {
        s += 1.0;
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
    let names_the_country = g.country(&entry.country).is_some_and(|c| fold(&c.name) == name);
    if entry.kind != Kind::Country && !entry.country.is_empty() && !names_the_country {
        // What the other names say: this name's own last choice does not count.
        let own = previous.is_some_and(|&p| g.entry(p).country == entry.country);
        let named = c.countries.get(&entry.country).copied().unwrap_or(0).saturating_sub(if own { occurrences } else { 0 });
        if named > 0 {
            s += 2.0 + (named as f64).ln();
        }
        if c.regions.contains(&(entry.country.clone(), entry.admin1.clone())) {
            s += 3.0;
        }
    }
    if matches!(entry.kind, Kind::City | Kind::Admin2) {
        let near = c
            .points
            .iter()
            .filter(|&&(lat, lon, other)| other != e && previous != Some(&other) && km(lat, lon, entry.lat, entry.lon) < 150.0)
            .count();
        s += 2.5 * (near.min(3) as f64);
    }
    s
}

/// Great-circle distance in kilometres.
pub fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    6371.0 * 2.0 * a.sqrt().asin()
}
