//! Places: which spans of a report name places, and which places they name.
//!
//! [`Gazetteer`] is the GeoNames-derived table (countries, first- and second-level
//! subdivisions, cities of 500 people or more, seas, regions, and great rivers, lakes,
//! deserts and islands), embedded in the binary and built by
//! `tools/gazetteer/build.py`. [`PlaceStage`] finds toponyms
//! (the entity stage's GPE/LOC/FAC mentions, and gazetteer names among capitalised
//! words elsewhere), resolves each to one entry by context, and writes
//! [`dossier_core::Place`]s; it also gives the mention's entity its GeoNames id and
//! country.

mod gazetteer;
mod landmarks;
mod otherwise;
mod recognise;
mod resolve;

pub use gazetteer::{Entry, Gazetteer, Kind, TableError, fold};
pub use resolve::km;

use dossier_core::{Document, Layer, Place, Precision, Stage};
use flate2::read::GzDecoder;
use std::collections::HashSet;
use std::io::Read;

static COMMON_WORDS: &[u8] = include_bytes!("../../../models/gazetteer/common-words.txt.gz");

/// Finds and resolves the places of a document.
pub struct PlaceStage {
    gazetteer: &'static Gazetteer,
    /// Words written in lower case more often than not ("mobile", "reading", "march"):
    /// capitalised alone, they are usually not places.
    common: HashSet<String>,
}

impl PlaceStage {
    /// The stage over the embedded gazetteer and word table.
    pub fn load() -> PlaceStage {
        let mut text = String::new();
        GzDecoder::new(COMMON_WORDS)
            .read_to_string(&mut text)
            .expect("the embedded word table is gzip text");
        PlaceStage {
            gazetteer: Gazetteer::embedded(),
            common: text.lines().map(str::to_string).collect(),
        }
    }

    pub fn gazetteer(&self) -> &'static Gazetteer {
        self.gazetteer
    }
}

impl Stage for PlaceStage {
    fn name(&self) -> &'static str {
        "places"
    }

    fn needs(&self) -> &'static [Layer] {
        &[Layer::Mentions]
    }

    fn adds(&self) -> &'static [Layer] {
        &[Layer::Places]
    }

    fn run(&self, doc: &mut Document) {
        let common = |w: &str| self.common.contains(&w.to_lowercase());
        let mut toponyms = recognise::toponyms(doc, self.gazetteer, &common);
        toponyms.retain(|t| otherwise::is_place(doc, self.gazetteer, t));
        recognise::add_sites(doc, self.gazetteer, &mut toponyms);
        let mut chosen = resolve::resolve(doc, self.gazetteer, &toponyms);
        resolve::stay_home(self.gazetteer, &toponyms, &mut chosen, &common);
        resolve::no_lone_village_abroad(doc, self.gazetteer, &toponyms, &mut chosen);
        resolve::towns_outside_their_region(doc, self.gazetteer, &mut toponyms, &mut chosen);
        resolve::facilities(doc, self.gazetteer, &mut toponyms, &mut chosen);
        resolve::streets_in_town(self.gazetteer, &toponyms, &mut chosen);
        resolve::campuses(doc, self.gazetteer, &mut toponyms, &mut chosen);
        let written: Vec<bool> = toponyms
            .iter()
            .map(|t| !recognise::inside_a_street(&toponyms, t))
            .collect();
        for ((t, e), written) in toponyms.into_iter().zip(chosen).zip(written) {
            let Some(e) = e.filter(|_| written) else {
                continue;
            };
            let entry = self.gazetteer.entry(e);
            if let Some(entity) = t.mention.and_then(|m| doc.mentions[m.index()].entity) {
                let entity = &mut doc.entities[entity.index()];
                entity.geonames_id = entry.geonames_id;
                entity.country = (!entry.country.is_empty()).then(|| entry.country.to_string());
            }
            // A street or a place no table holds is written as itself, in its town.
            let (name, geonames_id) = if t.street || t.unlisted {
                (format!("{}, {}", doc.str(t.span), entry.name), None)
            } else {
                (entry.name.to_string(), entry.geonames_id)
            };
            doc.places.push(Place {
                span: t.span,
                mention: t.mention,
                name,
                geonames_id,
                lat: entry.lat,
                lon: entry.lon,
                country: entry.country.to_string(),
                admin1: match entry.kind {
                    Kind::Admin1 => Some(entry.name.to_string()),
                    _ => (!entry.admin1.is_empty()).then(|| entry.admin1.to_string()),
                },
                precision: match entry.kind {
                    Kind::Continent => Precision::Continent,
                    Kind::Country => Precision::Country,
                    Kind::Admin1 | Kind::Admin2 | Kind::Region => Precision::Region,
                    Kind::City => Precision::City,
                },
            });
        }
    }
}
