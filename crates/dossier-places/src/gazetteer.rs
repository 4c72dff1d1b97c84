//! The place table: GeoNames-derived entries looked up by folded name.
//!
//! The table is built by `tools/gazetteer/build.py` and embedded in the binary, so a
//! run never reads or downloads anything. It is decoded once per process on first
//! use; every name and alternate of an entry is folded (case, diacritics, dots and
//! apostrophes) into one index, so "Kyiv", "KIEV" and "Kyïv" meet the same entries.

use flate2::read::GzDecoder;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

static EMBEDDED: &[u8] = include_bytes!("../../../models/gazetteer/gazetteer.tsv.gz");

/// What kind of place an entry is.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Continent,
    Country,
    /// A first-level subdivision: state, oblast, province, governorate.
    Admin1,
    /// A second-level subdivision: county, parish, district.
    Admin2,
    /// A populated place.
    City,
    /// A sea, ocean or a region without a government ("Middle East", "Donbas").
    Region,
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "continent" => Kind::Continent,
            "country" => Kind::Country,
            "admin1" => Kind::Admin1,
            "admin2" => Kind::Admin2,
            "city" => Kind::City,
            "region" => Kind::Region,
            _ => return None,
        })
    }
}

/// One place of the table.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub geonames_id: Option<u32>,
    pub kind: Kind,
    /// ISO 3166-1 alpha-2; empty for continents and seas.
    pub country: String,
    /// The first-level subdivision's GeoNames name ("Kursk Oblast"); empty if unknown.
    pub admin1: String,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
    pub name: String,
    pub alternates: Vec<String>,
}

/// A failure to read a table: which line and why.
#[derive(Debug)]
pub struct TableError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for TableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "gazetteer line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for TableError {}

pub struct Gazetteer {
    entries: Vec<Entry>,
    by_name: HashMap<String, Vec<u32>>,
    countries: HashMap<String, u32>,
    /// The most words any indexed name has, to bound phrase lookups.
    max_words: usize,
}

impl Gazetteer {
    /// The table built into the binary, decoded on first use.
    pub fn embedded() -> &'static Gazetteer {
        static TABLE: OnceLock<Gazetteer> = OnceLock::new();
        TABLE.get_or_init(|| {
            Gazetteer::from_tsv(GzDecoder::new(EMBEDDED)).expect("the embedded gazetteer is well-formed")
        })
    }

    /// Reads the build script's TSV (uncompressed).
    pub fn from_tsv(reader: impl Read) -> Result<Gazetteer, TableError> {
        let mut entries = Vec::new();
        for (n, line) in BufReader::with_capacity(1 << 16, reader).lines().enumerate() {
            let line = line.map_err(|e| TableError { line: n + 1, message: e.to_string() })?;
            if !line.is_empty() {
                entries.push(parse_line(&line).map_err(|message| TableError { line: n + 1, message })?);
            }
        }
        Ok(Gazetteer::from_entries(entries))
    }

    pub fn from_entries(entries: Vec<Entry>) -> Gazetteer {
        let mut by_name: HashMap<String, Vec<u32>> = HashMap::with_capacity(entries.len() * 3);
        let mut countries = HashMap::new();
        let mut max_words = 1;
        for (i, e) in entries.iter().enumerate() {
            if e.kind == Kind::Country {
                countries.insert(e.country.clone(), i as u32);
            }
            for name in std::iter::once(&e.name).chain(&e.alternates) {
                let key = fold(name);
                if key.is_empty() {
                    continue;
                }
                max_words = max_words.max(key.split(' ').count());
                let ids = by_name.entry(key).or_default();
                if ids.last() != Some(&(i as u32)) {
                    ids.push(i as u32);
                }
            }
        }
        Gazetteer { entries, by_name, countries, max_words }
    }

    /// Every entry one of whose names folds to the same key as `name`.
    pub fn find(&self, name: &str) -> Vec<&Entry> {
        self.find_ids(&fold(name)).iter().map(|&i| &self.entries[i as usize]).collect()
    }

    /// Indices of the entries named by an already folded key.
    pub fn find_ids(&self, key: &str) -> &[u32] {
        self.by_name.get(key).map_or(&[], Vec::as_slice)
    }

    pub fn entry(&self, index: u32) -> &Entry {
        &self.entries[index as usize]
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The country entry of an ISO 3166-1 alpha-2 code.
    pub fn country(&self, iso2: &str) -> Option<&Entry> {
        self.countries.get(iso2).map(|&i| &self.entries[i as usize])
    }

    pub fn max_words(&self) -> usize {
        self.max_words
    }
}

fn parse_line(line: &str) -> Result<Entry, String> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() != 9 {
        return Err(format!("{} fields, expected 9", f.len()));
    }
    let num = |i: usize| f[i].parse::<f64>().map_err(|e| format!("field {}: {e}", i + 1));
    let id: u32 = f[0].parse().map_err(|e| format!("geonames id: {e}"))?;
    Ok(Entry {
        geonames_id: (id != 0).then_some(id),
        kind: Kind::parse(f[1]).ok_or_else(|| format!("unknown kind {:?}", f[1]))?,
        country: f[2].to_string(),
        admin1: f[3].to_string(),
        lat: num(4)?,
        lon: num(5)?,
        population: f[6].parse().map_err(|e| format!("population: {e}"))?,
        name: f[7].to_string(),
        alternates: if f[8].is_empty() { Vec::new() } else { f[8].split('|').map(str::to_string).collect() },
    })
}

/// A name's lookup key: lower case, no diacritics, no dots or apostrophes, hyphens and
/// runs of spaces as one space ("St. Petersburg" -> "st petersburg", "Kyïv" -> "kyiv").
pub fn fold(name: &str) -> String {
    // Most names are ASCII, which decomposition leaves as they are; skipping it is most
    // of the cost of indexing the table at start-up.
    if name.is_ascii() {
        fold_chars(name.chars(), name.len())
    } else {
        fold_chars(name.nfkd(), name.len())
    }
}

fn fold_chars(chars: impl Iterator<Item = char>, len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut space = false;
    for c in chars {
        match c {
            '.' | '\'' | '’' | 'ʼ' | 'ʻ' | '`' | '‘' => continue,
            c if c.is_whitespace() || c == '-' || c == '‐' || c == '–' => {
                space = !out.is_empty();
                continue;
            }
            c if ('\u{300}'..='\u{36f}').contains(&c) => continue,
            _ => {}
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' => out.push('d'),
            'ı' => out.push('i'),
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_marks_and_punctuation() {
        assert_eq!(fold("Kyïv"), "kyiv");
        assert_eq!(fold("  St. Petersburg "), "st petersburg");
        assert_eq!(fold("Ivano-Frankivsk"), "ivano frankivsk");
        assert_eq!(fold("Kurskaja oblast'"), "kurskaja oblast");
        assert_eq!(fold("U.S."), "us");
        assert_eq!(fold("Łódź"), "lodz");
    }

    #[test]
    fn a_table_line_becomes_an_entry() {
        let line = "0\tadmin1\tRU\tKursk Oblast\t51.75\t36.0\t1000\tKursk Oblast\tKursk region|Kursk";
        let g = Gazetteer::from_tsv(line.as_bytes()).unwrap();
        let found = g.find("KURSK REGION");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].geonames_id, None);
        assert_eq!(found[0].kind, Kind::Admin1);
        assert!(Gazetteer::from_tsv("1\tplanet\tXX".as_bytes()).is_err());
    }
}
