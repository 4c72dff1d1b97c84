//! What the user points dossier at: paths expanded into files, files into documents.

use dossier_core::Document;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// An input that could not be read: where, and why.
#[derive(Debug)]
pub struct InputError {
    origin: String,
    reason: String,
}

impl InputError {
    pub fn origin(&self) -> String {
        self.origin.clone()
    }

    pub fn reason(&self) -> String {
        self.reason.clone()
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.reason)
    }
}

/// Files named by `paths`: directories are searched recursively (in sorted order, so
/// a rerun meets files in the same order); `-` stands for standard input.
pub fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = dossier_ingest::walk(path);
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    files
}

/// The documents in one file (or standard input for `-`), each or its error.
pub fn read(path: &Path) -> Vec<Result<Document, InputError>> {
    let items = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
            return vec![Err(InputError {
                origin: "-".into(),
                reason: e.to_string(),
            })];
        }
        dossier_ingest::read_bytes("-", &bytes)
    } else {
        dossier_ingest::read_path(path)
    };
    items
        .into_iter()
        .map(|item| {
            item.map_err(|e| InputError {
                origin: e.origin().to_string(),
                reason: e.reason(),
            })
        })
        .collect()
}

/// Every document under `paths`, in order.
pub fn documents(paths: &[PathBuf]) -> impl Iterator<Item = Result<Document, InputError>> + '_ {
    expand(paths).into_iter().flat_map(|file| read(&file))
}

/// Where `--near` points: `LAT,LON`, or the most prominent gazetteer entry of that name,
/// with, for a country or a first-level region, the area whose events are all "near" it
/// (a country's centre says nothing of its border regions).
pub fn locate(place: &str) -> Option<((f64, f64), Option<dossier_store::Area>)> {
    if let Some((a, b)) = place.split_once(',') {
        if let (Ok(lat), Ok(lon)) = (a.trim().parse::<f64>(), b.trim().parse::<f64>()) {
            return Some(((lat, lon), None));
        }
    }
    use dossier_places::Kind;
    let e = dossier_places::Gazetteer::embedded()
        .find(place)
        .into_iter()
        .max_by_key(|e| e.population)?;
    let area = match e.kind {
        Kind::Country => Some(dossier_store::Area {
            country: e.country.to_string(),
            admin1: None,
        }),
        Kind::Admin1 => Some(dossier_store::Area {
            country: e.country.to_string(),
            admin1: Some(
                if e.admin1.is_empty() {
                    e.name
                } else {
                    e.admin1
                }
                .to_string(),
            ),
        }),
        _ => None,
    };
    Some(((e.lat, e.lon), area))
}
