//! A second decision on the words the cue tagger passed over.
//!
//! Most cues the tagger misses are words that are a cue only some of the time ("plans",
//! "support", "found", "worries": each a cue in 10-40% of its uses in PolNeAR), where
//! three words either side rarely tip the balance. [`CueReview`] looks at one such word
//! at a time with what decides it in context: the tagger's own margin, whether the
//! sentence already has a cue and how far away, the noun phrase before it (a pronoun, a
//! name, a title noun), what follows it (a "that"-clause, "to", a quotation, a colon),
//! and quotation marks around it.
//!
//! It is a logistic regression, so its score reads as the chance that the word is a cue.
//! It is trained on the misses of cue taggers that did not see the document (each fold
//! of the training data tagged by a tagger trained on the other folds), and it keeps
//! a word when that chance is high enough to raise F1: a claim that is right with
//! chance `q` raises F1 when `q` exceeds half of F1; with F1 near 0.65 and an added
//! cue's source and content right about two times in three, that asks 0.5 of the cue.
//! The threshold is where that trade is best on held-out training folds.

use crate::perceptron::{KeyIndex, read_f32, read_u32};
use std::collections::HashMap;
use std::io::{self, Read, Write};

/// The chance of being a cue above which an added cue raises F1 (see the module docs).
const TARGET: f32 = 0.5;

const EPOCHS: usize = 6;

/// Weights of the cue review: a hashed feature's weight, a bias and a threshold, all
/// on the log-odds scale.
pub struct CueReview {
    index: KeyIndex,
    weights: Vec<f32>,
    bias: f32,
    threshold: f32,
}

impl Default for CueReview {
    /// A review that accepts nothing.
    fn default() -> CueReview {
        CueReview {
            index: KeyIndex::default(),
            weights: Vec::new(),
            bias: 0.0,
            threshold: f32::INFINITY,
        }
    }
}

/// One training example: a candidate's features, whether it is a missed cue, its fold.
pub struct Example {
    pub keys: Vec<u32>,
    pub cue: bool,
    pub fold: usize,
}

impl CueReview {
    fn logit(&self, keys: &[u32]) -> f32 {
        self.bias
            + keys
                .iter()
                .filter_map(|k| self.index.get(k))
                .map(|&i| self.weights[i as usize])
                .sum::<f32>()
    }

    /// Whether the candidate with these features is a cue.
    pub fn accepts(&self, keys: &[u32]) -> bool {
        self.logit(keys) >= self.threshold
    }

    /// Fits the weights on all `examples`, and the threshold on scores that each fold's
    /// examples get from weights fitted on the other folds.
    pub fn train(examples: &[Example], folds: usize) -> CueReview {
        let mut held_out: Vec<(f32, bool)> = Vec::new();
        for k in 0..folds {
            let review = fit(examples.iter().filter(|e| e.fold != k));
            held_out.extend(
                examples
                    .iter()
                    .filter(|e| e.fold == k)
                    .map(|e| (review.logit(&e.keys), e.cue)),
            );
        }
        let mut review = fit(examples.iter());
        review.threshold = threshold(held_out);
        review
    }

    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        let mut entries: Vec<(u32, f32)> = self
            .index
            .iter()
            .map(|(&k, &i)| (k, self.weights[i as usize]))
            .filter(|&(_, w)| w.abs() >= MIN_WEIGHT)
            .collect();
        entries.sort_by_key(|e| e.0);
        out.write_all(&self.bias.to_le_bytes())?;
        out.write_all(&self.threshold.to_le_bytes())?;
        out.write_all(&(entries.len() as u32).to_le_bytes())?;
        for (k, w) in entries {
            out.write_all(&k.to_le_bytes())?;
            // Log-odds to a thousandth are far finer than any decision needs.
            let q = (w * 1000.0).round().clamp(i16::MIN as f32, i16::MAX as f32) as i16;
            out.write_all(&q.to_le_bytes())?;
        }
        Ok(())
    }

    pub fn read(input: &mut impl Read) -> io::Result<CueReview> {
        let mut review = CueReview {
            bias: read_f32(input)?,
            threshold: read_f32(input)?,
            ..CueReview::default()
        };
        let n = read_u32(input)? as usize;
        review.index.reserve(n);
        for i in 0..n {
            let key = read_u32(input)?;
            let mut w = [0u8; 2];
            input.read_exact(&mut w)?;
            review.index.insert(key, i as u32);
            review.weights.push(i16::from_le_bytes(w) as f32 / 1000.0);
        }
        Ok(review)
    }
}

const MIN_WEIGHT: f32 = 1e-3;

/// Logistic regression by stochastic gradient descent, in a fixed order per epoch, on
/// the features seen at least twice.
fn fit<'a>(examples: impl Iterator<Item = &'a Example>) -> CueReview {
    let examples: Vec<&Example> = examples.collect();
    let mut seen: HashMap<u32, u32> = HashMap::new();
    for e in &examples {
        for &k in &e.keys {
            *seen.entry(k).or_default() += 1;
        }
    }
    let mut review = CueReview::default();
    for (k, _) in seen.into_iter().filter(|&(_, n)| n >= 2) {
        review.index.insert(k, review.weights.len() as u32);
        review.weights.push(0.0);
    }
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut slots = Vec::new();
    for epoch in 0..EPOCHS {
        for k in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(k, (seed % (k as u64 + 1)) as usize);
        }
        let rate = 0.2 / (1.0 + epoch as f32);
        for &i in &order {
            let e = examples[i];
            slots.clear();
            slots.extend(e.keys.iter().filter_map(|k| review.index.get(k).copied()));
            let z = review.bias
                + slots
                    .iter()
                    .map(|&s| review.weights[s as usize])
                    .sum::<f32>();
            let p = 1.0 / (1.0 + (-z).exp());
            let g = rate * (e.cue as u8 as f32 - p);
            review.bias += g;
            for &s in &slots {
                let w = &mut review.weights[s as usize];
                *w += g - rate * L2 * *w;
            }
        }
    }
    review
}

const L2: f32 = 1e-4;

/// The log-odds above which the held-out candidates gain most: each right one counts
/// `1 - TARGET`, each wrong one `-TARGET`.
fn threshold(mut scored: Vec<(f32, bool)>) -> f32 {
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut gain, mut best) = (0.0f32, (0.0f32, f32::INFINITY));
    for (z, cue) in scored {
        gain += if cue { 1.0 - TARGET } else { -TARGET };
        if gain > best.0 {
            best = (gain, z);
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(keys: &[u32], cue: bool, fold: usize) -> Example {
        Example {
            keys: keys.to_vec(),
            cue,
            fold,
        }
    }

    #[test]
    fn learns_which_context_makes_a_cue_and_survives_a_round_trip() {
        // Feature 1 ("a that-clause follows") marks a cue, feature 2 does not.
        let examples: Vec<Example> = (0..200)
            .map(|i| example(&[1 + (i % 2), 10], i % 2 == 0, i as usize % 5))
            .collect();
        let review = CueReview::train(&examples, 5);
        assert!(review.accepts(&[1, 10]));
        assert!(!review.accepts(&[2, 10]));
        let mut bytes = Vec::new();
        review.write(&mut bytes).unwrap();
        let back = CueReview::read(&mut bytes.as_slice()).unwrap();
        assert!(back.accepts(&[1, 10]) && !back.accepts(&[2, 10]));
    }

    #[test]
    fn keeps_nothing_when_no_candidate_is_right_often_enough() {
        let examples: Vec<Example> = (0..200)
            .map(|i| example(&[1, 10], i % 4 == 0, i as usize % 5))
            .collect();
        assert!(!CueReview::train(&examples, 5).accepts(&[1, 10]));
    }
}
