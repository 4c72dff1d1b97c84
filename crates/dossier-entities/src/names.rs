//! Name lists: token sequences known to be names of a class, matched case-insensitively.
//!
//! Two lists feed the tagger. One is learned from the training data's own annotations;
//! during training each document sees only the lists made from the *other* folds, so
//! that the tagger learns how far to trust a list match on a name it has not been told
//! about, as at run time. The other holds names a first tagger found repeatedly in
//! unlabelled news (`examples/autonames.rs`), which reaches names the training data
//! never shows.

use crate::codec::{FormatError, Reader, Writer};
use crate::conll::Class;
use crate::hash::{self, FlatMap};

const SEED: u64 = 0x6e61;
const MAGIC: &[u8; 8] = b"DSNAMES1";
/// Bit set on a token sequence that begins some longer listed name.
const PREFIX: u8 = 0x10;
pub const MAX_TOKENS: usize = 6;

#[derive(Clone, Debug, Default)]
pub struct Names {
    map: FlatMap<u8>,
    entries: Vec<(String, u8)>,
}

/// The hash of a lower-case token, shared with the feature extractor.
#[inline]
pub fn token_key(lower: &str) -> u64 {
    hash::bytes(0x11, lower.as_bytes())
}

/// Chains one more token (by [`token_key`]) onto a name's hash.
#[inline]
fn extend(h: u64, token: u64) -> u64 {
    hash::int(h, token)
}

impl Names {
    /// Builds lists from `(tokens, class)` pairs; names longer than [`MAX_TOKENS`] are left out.
    pub fn new<'a>(names: impl IntoIterator<Item = (Vec<&'a str>, Class)>) -> Names {
        let mut classes: std::collections::BTreeMap<String, u8> = Default::default();
        for (tokens, class) in names {
            if tokens.is_empty() || tokens.len() > MAX_TOKENS {
                continue;
            }
            *classes.entry(tokens.join(" ").to_lowercase()).or_default() |= 1 << class as u8;
        }
        Names::from_entries(classes.into_iter().collect())
    }

    fn from_entries(entries: Vec<(String, u8)>) -> Names {
        let mut map: FlatMap<u8> = FlatMap::with_capacity(entries.len() * 2);
        for (name, bits) in &entries {
            let mut h = SEED;
            let tokens: Vec<&str> = name.split(' ').collect();
            for (k, t) in tokens.iter().enumerate() {
                h = extend(h, token_key(t));
                let add = if k + 1 == tokens.len() { *bits } else { PREFIX };
                map.insert(h, map.get(h).unwrap_or(0) | add);
            }
        }
        Names { map, entries }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether some listed name begins with this token (given by [`token_key`]).
    pub fn starts_name(&self, token: u64) -> bool {
        self.map.get(extend(SEED, token)).is_some()
    }

    /// For every token of a sentence (given by [`token_key`]), sets bits
    /// `shift + class * 4 + position` (position 0 begin, 1 inside, 2 last, 3 unit) in `out`
    /// for the listed names covering it. `may_start`, if given, says which tokens can
    /// begin a name (see [`Names::starts_name`]).
    pub fn mark(&self, lower: &[u64], may_start: Option<&[bool]>, shift: u32, out: &mut [u32]) {
        for i in 0..lower.len() {
            if may_start.is_some_and(|m| !m[i]) {
                continue;
            }
            let mut h = SEED;
            for j in i..lower.len().min(i + MAX_TOKENS) {
                h = extend(h, lower[j]);
                let Some(bits) = self.map.get(h) else { break };
                for class in 0..4u32 {
                    if bits & (1 << class) == 0 {
                        continue;
                    }
                    let bit = |position: u32| 1u32 << (shift + class * 4 + position);
                    if i == j {
                        out[i] |= bit(3);
                    } else {
                        out[i] |= bit(0);
                        for o in &mut out[i + 1..j] {
                            *o |= bit(1);
                        }
                        out[j] |= bit(2);
                    }
                }
                if bits & PREFIX == 0 {
                    break;
                }
            }
        }
    }

    pub fn to_bytes(&self) -> std::io::Result<Vec<u8>> {
        let mut w = Writer::new(MAGIC);
        self.write(&mut w);
        w.gzip()
    }

    pub fn from_bytes(gz: &[u8]) -> Result<Names, FormatError> {
        Names::read(&mut Reader::open(gz, MAGIC, "name list")?)
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        w.u32(self.entries.len() as u32);
        for (name, bits) in &self.entries {
            w.str(name);
            w.u8(*bits);
        }
    }

    pub(crate) fn read(r: &mut Reader) -> Result<Names, FormatError> {
        let n = r.u32()? as usize;
        let mut entries = Vec::with_capacity(n);
        for _ in 0..n {
            entries.push((r.str()?, r.u8()?));
        }
        Ok(Names::from_entries(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_longest_and_nested_names_by_position() {
        let names = Names::new([
            (vec!["New", "York"], Class::Loc),
            (vec!["New", "York", "Times"], Class::Org),
            (vec!["York"], Class::Loc),
        ]);
        let mut out = vec![0; 4];
        let keys: Vec<u64> = ["the", "new", "york", "times"].map(token_key).to_vec();
        names.mark(&keys, None, 0, &mut out);
        let loc = |p: u32| 1u32 << (Class::Loc as u32 * 4 + p);
        let org = |p: u32| 1u32 << (Class::Org as u32 * 4 + p);
        assert_eq!(out, [0, loc(0) | org(0), loc(2) | loc(3) | org(1), org(2)]);
    }
}
