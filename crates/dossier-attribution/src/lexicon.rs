//! How often a word is (part of) a cue in the training data, as a prior the cue tagger
//! reads.
//!
//! PolNeAR's cues are a long tail (7,460 distinct cue phrases in 19,831 attributions):
//! most cue words are seen a handful of times, too few for their own word features to
//! outweigh the rest, and those seen once are pruned altogether. A bucketed rate
//! ("a cue in a third of its 2-3 uses") is one feature shared by every word, so what
//! the tagger learns about such rates carries over to the rare words. In training, each
//! document reads rates counted on the other folds only, as the tagger will later meet
//! words whose rate did not count their own use.

use std::collections::HashMap;
use std::io::{self, Read, Write};

/// Stem hash to bucket, for every stem of the training data.
#[derive(Clone, Default)]
pub struct CueLexicon {
    buckets: HashMap<u32, u8>,
}

/// Per stem: (uses as a cue word, all uses).
pub type Counts = HashMap<u32, (u32, u32)>;

const UNSEEN: u8 = u8::MAX;

/// Bucket names: rate bucket (0-6) times five count buckets, then unseen.
const NAMES: [&str; 36] = [
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16",
    "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31", "32",
    "33", "34", "unseen",
];

fn key(stem: &str) -> u32 {
    let mut h = 0x811c_9dc5u32;
    for &b in stem.as_bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

fn bucket(cue: u32, all: u32) -> u8 {
    let rate = cue as f32 / all.max(1) as f32;
    let r = match rate {
        _ if cue == 0 => 0,
        x if x < 0.01 => 1,
        x if x < 0.05 => 2,
        x if x < 0.15 => 3,
        x if x < 0.35 => 4,
        x if x < 0.65 => 5,
        _ => 6,
    };
    let n = match all {
        0..=1 => 0,
        2..=3 => 1,
        4..=9 => 2,
        10..=49 => 3,
        _ => 4,
    };
    r * 5 + n
}

impl CueLexicon {
    /// Adds the stems of one document, `cue[i]` telling whether token `i` is in a cue.
    pub fn count(counts: &mut Counts, stems: &[String], cue: &[bool]) {
        for (s, &c) in stems.iter().zip(cue) {
            let e = counts.entry(key(s)).or_default();
            e.0 += c as u32;
            e.1 += 1;
        }
    }

    /// The lexicon of `all` counts less those of `held_out` (the document's own fold).
    pub fn from_counts(all: &Counts, held_out: Option<&Counts>) -> CueLexicon {
        let buckets = all
            .iter()
            .filter_map(|(&k, &(c, n))| {
                let (hc, hn) = held_out
                    .and_then(|h| h.get(&k))
                    .copied()
                    .unwrap_or_default();
                (n > hn).then(|| (k, bucket(c - hc, n - hn)))
            })
            .collect();
        CueLexicon { buckets }
    }

    /// Whether a bucket name is of a stem seen in training but never in a cue.
    pub fn never_a_cue(bucket: &str) -> bool {
        NAMES[..5].contains(&bucket)
    }

    /// The bucket name of each stem.
    pub fn priors(&self, stems: &[String]) -> Vec<&'static str> {
        stems
            .iter()
            .map(|s| {
                let b = self.buckets.get(&key(s)).copied().unwrap_or(UNSEEN);
                NAMES[(b as usize).min(NAMES.len() - 1)]
            })
            .collect()
    }

    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        let mut entries: Vec<(u32, u8)> = self.buckets.iter().map(|(&k, &b)| (k, b)).collect();
        entries.sort_unstable();
        out.write_all(&(entries.len() as u32).to_le_bytes())?;
        for (k, b) in entries {
            out.write_all(&k.to_le_bytes())?;
            out.write_all(&[b])?;
        }
        Ok(())
    }

    pub fn read(input: &mut impl Read) -> io::Result<CueLexicon> {
        let mut n = [0u8; 4];
        input.read_exact(&mut n)?;
        let mut buckets = HashMap::new();
        for _ in 0..u32::from_le_bytes(n) {
            let mut e = [0u8; 5];
            input.read_exact(&mut e)?;
            buckets.insert(u32::from_le_bytes([e[0], e[1], e[2], e[3]]), e[4]);
        }
        Ok(CueLexicon { buckets })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn a_held_out_fold_does_not_count_towards_its_own_rates() {
        let mut all = Counts::default();
        let mut fold = Counts::default();
        CueLexicon::count(&mut all, &stems("she said no"), &[false, true, false]);
        CueLexicon::count(&mut fold, &stems("they said"), &[false, true]);
        CueLexicon::count(&mut all, &stems("they said"), &[false, true]);
        let full = CueLexicon::from_counts(&all, None);
        let rest = CueLexicon::from_counts(&all, Some(&fold));
        assert_eq!(full.priors(&stems("said they")), ["31", "0"]);
        assert_eq!(rest.priors(&stems("said they")), ["30", "unseen"]);
    }

    #[test]
    fn survives_a_round_trip() {
        let mut all = Counts::default();
        CueLexicon::count(&mut all, &stems("she said"), &[false, true]);
        let lex = CueLexicon::from_counts(&all, None);
        let mut bytes = Vec::new();
        lex.write(&mut bytes).unwrap();
        let back = CueLexicon::read(&mut bytes.as_slice()).unwrap();
        assert_eq!(back.priors(&stems("said x")), lex.priors(&stems("said x")));
    }
}
