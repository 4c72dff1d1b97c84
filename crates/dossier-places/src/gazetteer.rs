//! The place table: GeoNames-derived entries looked up by folded name.
//!
//! The table is built by `tools/gazetteer/build.py` and embedded in the binary, so a
//! run never reads or downloads anything. It is decoded once per process on first use.
//! Start-up cost is what shapes the format: the build script already folds every name
//! and alternate into a sorted key list with the places each names, and stores the
//! places column by column, so loading is decompression and a few array copies, with
//! no parsing and no hashing. A lookup folds the query the same way (case, diacritics,
//! dots and apostrophes), so "Kyiv", "KIEV" and "Kyïv" meet the same entries, and
//! finds it by binary search.

use flate2::read::GzDecoder;
use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

static EMBEDDED: &[u8] = include_bytes!("../../../models/gazetteer/gazetteer.bin.gz");

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
    /// The build script's number of a kind (its `KIND_ORDER`).
    fn from_code(code: u8) -> Option<Kind> {
        Some(match code {
            0 => Kind::Continent,
            1 => Kind::Country,
            2 => Kind::Admin1,
            3 => Kind::Admin2,
            4 => Kind::City,
            5 => Kind::Region,
            _ => return None,
        })
    }
}

/// One place of the table, borrowed from it.
#[derive(Copy, Clone, Debug, PartialEq)]
pub struct Entry<'g> {
    pub geonames_id: Option<u32>,
    pub kind: Kind,
    /// ISO 3166-1 alpha-2; empty for continents and seas.
    pub country: &'g str,
    /// The first-level subdivision's GeoNames name ("Kursk Oblast"); empty if unknown.
    pub admin1: &'g str,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
    pub name: &'g str,
}

/// A table that does not read: what was wrong, at which byte.
#[derive(Debug)]
pub struct TableError {
    pub offset: usize,
    pub message: String,
}

impl std::fmt::Display for TableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "gazetteer at byte {}: {}", self.offset, self.message)
    }
}

impl std::error::Error for TableError {}

/// A place as stored: strings are ranges of `Gazetteer::names`.
struct Record {
    geonames_id: u32,
    kind: Kind,
    country: [u8; 2],
    lat: i32,
    lon: i32,
    population: u64,
    admin1: u16,
    name: (u32, u32),
}

pub struct Gazetteer {
    records: Vec<Record>,
    /// Place names, admin1 names and keys, back to back.
    names: String,
    admin1: Vec<(u32, u32)>,
    /// Folded keys in byte order, each with its range of `postings`.
    keys: Vec<(u32, u32, u32, u32)>,
    postings: Vec<u32>,
    countries: HashMap<[u8; 2], u32>,
    /// The most words any key has, to bound phrase lookups.
    max_words: usize,
    /// Keys that begin with an abbreviated or spelled-out title ("mt pleasant", "mount
    /// pleasant"), each with the places of both spellings: GeoNames lists most places
    /// under one of them only.
    titled: HashMap<String, Vec<u32>>,
}

/// Abbreviations that begin place names, with what they stand for.
const TITLES: &[(&str, &str)] = &[("mt ", "mount "), ("st ", "saint "), ("ft ", "fort ")];

/// The other spelling of a key that begins with a title ("mt x" and "mount x").
fn other_spelling(key: &str) -> Option<String> {
    TITLES.iter().find_map(|&(short, long)| {
        key.strip_prefix(short)
            .map(|rest| format!("{long}{rest}"))
            .or_else(|| key.strip_prefix(long).map(|rest| format!("{short}{rest}")))
    })
}

/// Reads the little-endian arrays of the table in order.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], TableError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| self.error("table ends early"))?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    fn array<const W: usize, T>(
        &mut self,
        n: usize,
        f: impl Fn([u8; W]) -> T,
    ) -> Result<Vec<T>, TableError> {
        let bytes = self.take(
            n.checked_mul(W)
                .ok_or_else(|| self.error("count overflows"))?,
        )?;
        Ok(bytes
            .chunks_exact(W)
            .map(|c| f(c.try_into().expect("chunks of W bytes")))
            .collect())
    }

    fn error(&self, message: &str) -> TableError {
        TableError {
            offset: self.at,
            message: message.to_string(),
        }
    }
}

impl Gazetteer {
    /// The table built into the binary, decoded on first use.
    pub fn embedded() -> &'static Gazetteer {
        static TABLE: OnceLock<Gazetteer> = OnceLock::new();
        TABLE.get_or_init(|| {
            let mut bytes = Vec::with_capacity(20 << 20);
            GzDecoder::new(EMBEDDED)
                .read_to_end(&mut bytes)
                .expect("the embedded gazetteer is gzip");
            Gazetteer::from_bytes(&bytes).expect("the embedded gazetteer is well-formed")
        })
    }

    /// Reads the build script's binary table (uncompressed); see `binary` in
    /// `tools/gazetteer/build.py` for the layout.
    pub fn from_bytes(bytes: &[u8]) -> Result<Gazetteer, TableError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(8)? != b"DGAZ0001" {
            return Err(r.error("not a gazetteer table (version DGAZ0001)"));
        }
        let counts = r.array(4, |b: [u8; 4]| u32::from_le_bytes(b) as usize)?;
        let (n, n_admin1, n_keys, n_postings) = (counts[0], counts[1], counts[2], counts[3]);

        let ids = r.array(n, u32::from_le_bytes)?;
        let kinds = r.array(n, |[b]: [u8; 1]| b)?;
        let countries = r.array(n, |b: [u8; 2]| b)?;
        let lats = r.array(n, i32::from_le_bytes)?;
        let lons = r.array(n, i32::from_le_bytes)?;
        let populations = r.array(n, u64::from_le_bytes)?;
        let admin1s = r.array(n, u16::from_le_bytes)?;
        let name_lens = r.array(n, u16::from_le_bytes)?;
        let admin1_lens = r.array(n_admin1, u16::from_le_bytes)?;
        let admin1_total: usize = admin1_lens.iter().map(|&l| l as usize).sum();
        let name_total: usize = name_lens.iter().map(|&l| l as usize).sum();
        let text_start = r.at;
        r.take(admin1_total + name_total)?;
        let text_end = r.at;
        let key_lens = r.array(n_keys, u16::from_le_bytes)?;
        let key_total: usize = key_lens.iter().map(|&l| l as usize).sum();
        let keys_start = r.at;
        r.take(key_total)?;
        let post_counts = r.array(n_keys, u16::from_le_bytes)?;
        let postings = r.array(n_postings, u32::from_le_bytes)?;
        if r.at != bytes.len() {
            return Err(r.error("bytes after the table"));
        }

        let mut names = String::with_capacity(admin1_total + name_total + key_total);
        for (start, end) in [(text_start, text_end), (keys_start, keys_start + key_total)] {
            let text = std::str::from_utf8(&bytes[start..end]).map_err(|e| TableError {
                offset: start + e.valid_up_to(),
                message: "names are not UTF-8".into(),
            })?;
            names.push_str(text);
        }
        let mut at = 0u32;
        let mut ranges = |lens: &[u16]| -> Vec<(u32, u32)> {
            lens.iter()
                .map(|&l| {
                    let range = (at, at + l as u32);
                    at = range.1;
                    range
                })
                .collect()
        };
        let admin1 = ranges(&admin1_lens);
        let name_ranges = ranges(&name_lens);
        let key_ranges = ranges(&key_lens);

        let mut records = Vec::with_capacity(n);
        for i in 0..n {
            let kind = Kind::from_code(kinds[i])
                .ok_or_else(|| r.error(&format!("place {i} has kind {}", kinds[i])))?;
            if admin1s[i] as usize >= n_admin1 {
                return Err(r.error(&format!("place {i} has admin1 name {}", admin1s[i])));
            }
            records.push(Record {
                geonames_id: ids[i],
                kind,
                country: countries[i],
                lat: lats[i],
                lon: lons[i],
                population: populations[i],
                admin1: admin1s[i],
                name: name_ranges[i],
            });
        }
        let mut post = 0u32;
        let mut keys = Vec::with_capacity(n_keys);
        let mut max_words = 1;
        for (&(start, end), &count) in key_ranges.iter().zip(&post_counts) {
            keys.push((start, end, post, post + count as u32));
            post += count as u32;
            max_words = max_words.max(names[start as usize..end as usize].split(' ').count());
        }
        if post as usize != n_postings || postings.iter().any(|&p| p as usize >= n) {
            return Err(r.error("postings do not match the places"));
        }
        let countries = records
            .iter()
            .enumerate()
            .filter(|(_, r)| r.kind == Kind::Country)
            .map(|(i, r)| (r.country, i as u32))
            .collect();
        let mut g = Gazetteer {
            records,
            names,
            admin1,
            keys,
            postings,
            countries,
            max_words,
            titled: HashMap::new(),
        };
        let mut titled = HashMap::new();
        for key in g.keys() {
            let Some(other) = other_spelling(key) else {
                continue;
            };
            let mut both: Vec<u32> = g.postings_of(key).to_vec();
            both.extend_from_slice(g.postings_of(&other));
            both.sort_unstable();
            both.dedup();
            titled.insert(other, both.clone());
            titled.insert(key.to_string(), both);
        }
        g.titled = titled;
        Ok(g)
    }

    /// Every entry one of whose names folds to the same key as `name`.
    pub fn find(&self, name: &str) -> Vec<Entry<'_>> {
        self.find_ids(&fold(name))
            .iter()
            .map(|&i| self.entry(i))
            .collect()
    }

    /// Indices of the entries named by an already folded key, in table order.
    pub fn find_ids(&self, key: &str) -> &[u32] {
        if TITLES
            .iter()
            .any(|(short, long)| key.starts_with(short) || key.starts_with(long))
            && let Some(both) = self.titled.get(key)
        {
            return both;
        }
        self.postings_of(key)
    }

    /// The entries the table itself lists under a key.
    fn postings_of(&self, key: &str) -> &[u32] {
        match self
            .keys
            .binary_search_by(|&(s, e, _, _)| self.names[s as usize..e as usize].cmp(key))
        {
            Ok(k) => {
                let (_, _, from, to) = self.keys[k];
                &self.postings[from as usize..to as usize]
            }
            Err(_) => &[],
        }
    }

    pub fn entry(&self, index: u32) -> Entry<'_> {
        let r = &self.records[index as usize];
        let text = |(s, e): (u32, u32)| &self.names[s as usize..e as usize];
        Entry {
            geonames_id: (r.geonames_id != 0).then_some(r.geonames_id),
            kind: r.kind,
            country: if r.country == [0, 0] {
                ""
            } else {
                std::str::from_utf8(&r.country).unwrap_or("")
            },
            admin1: text(self.admin1[r.admin1 as usize]),
            lat: f64::from(r.lat) / 1e4,
            lon: f64::from(r.lon) / 1e4,
            population: r.population,
            name: text(r.name),
        }
    }

    /// Every folded key, in byte order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.keys
            .iter()
            .map(|&(s, e, _, _)| &self.names[s as usize..e as usize])
    }

    /// The country entry of an ISO 3166-1 alpha-2 code.
    pub fn country(&self, iso2: &str) -> Option<Entry<'_>> {
        let code: [u8; 2] = iso2.as_bytes().try_into().ok()?;
        self.countries.get(&code).map(|&i| self.entry(i))
    }

    pub fn max_words(&self) -> usize {
        self.max_words
    }
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

    /// The build script folds the keys; a key this side would fold differently could
    /// never be found.
    #[test]
    fn every_key_is_folded_as_lookups_fold() {
        let g = Gazetteer::embedded();
        let unfound: Vec<&str> = g.keys().filter(|&k| fold(k) != k).take(5).collect();
        assert_eq!(unfound, Vec::<&str>::new());
        assert!(g.keys().zip(g.keys().skip(1)).all(|(a, b)| a < b));
    }

    #[test]
    fn a_region_is_found_by_its_variants() {
        let g = Gazetteer::embedded();
        let found = g.find("KURSK REGION");
        assert!(
            found
                .iter()
                .any(|e| e.kind == Kind::Admin1 && e.name == "Kursk Oblast" && e.country == "RU"),
            "{found:?}"
        );
        assert_eq!(g.country("UA").map(|e| e.name), Some("Ukraine"));
        assert!(g.find("Nowhereville Upon Nothing").is_empty());
    }

    #[test]
    fn a_damaged_table_is_an_error() {
        assert!(Gazetteer::from_bytes(b"DGAZ0001").is_err());
        assert!(Gazetteer::from_bytes(b"not a table at all").is_err());
        let mut ok = Vec::new();
        GzDecoder::new(EMBEDDED).read_to_end(&mut ok).unwrap();
        assert!(Gazetteer::from_bytes(&ok[..ok.len() - 1]).is_err());
    }
}
