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

/// The cue review: a logistic regression and the log-odds it accepts from.
#[derive(Clone)]
pub struct CueReview {
    lr: Logistic,
    threshold: f32,
}

impl Default for CueReview {
    /// A review that accepts nothing.
    fn default() -> CueReview {
        CueReview {
            lr: Logistic::default(),
            threshold: f32::INFINITY,
        }
    }
}

/// One training example: its features, whether it is positive (a missed cue, a right
/// claim), its fold.
#[derive(Clone)]
pub struct Example {
    pub keys: Vec<u32>,
    pub positive: bool,
    pub fold: usize,
}

impl CueReview {
    /// How far the candidate with these features is above the threshold, in log-odds:
    /// it is taken for a cue when that is not negative.
    pub fn score(&self, keys: &[u32]) -> f32 {
        self.lr.logit(keys) - self.threshold
    }

    /// Fits the weights on all `examples`, and the threshold on scores that each fold's
    /// examples get from weights fitted on the other folds.
    pub fn train(examples: &[Example], folds: usize) -> CueReview {
        let held_out = Logistic::held_out(examples, folds);
        CueReview {
            lr: Logistic::fit(examples.iter()),
            threshold: threshold(
                held_out
                    .into_iter()
                    .zip(examples.iter().map(|e| e.positive))
                    .collect(),
            ),
        }
    }

    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        out.write_all(&self.lr.bias.to_le_bytes())?;
        out.write_all(&self.threshold.to_le_bytes())?;
        self.lr.write_weights(out)
    }

    pub fn read(input: &mut impl Read) -> io::Result<CueReview> {
        let bias = read_f32(input)?;
        let threshold = read_f32(input)?;
        Ok(CueReview {
            lr: Logistic::read_weights(input, bias)?,
            threshold,
        })
    }
}

/// A logistic regression over hashed features: a weight per feature and a bias, on the
/// log-odds scale.
#[derive(Clone, Default)]
pub struct Logistic {
    index: KeyIndex,
    weights: Vec<f32>,
    bias: f32,
}

impl Logistic {
    pub fn logit(&self, keys: &[u32]) -> f32 {
        self.bias
            + keys
                .iter()
                .filter_map(|k| self.index.get(k))
                .map(|&i| self.weights[i as usize])
                .sum::<f32>()
    }

    /// The log-odds each example gets from weights fitted on the other folds (of those
    /// the examples come from).
    pub fn held_out(examples: &[Example], folds: usize) -> Vec<f32> {
        let mut out = vec![0.0; examples.len()];
        for k in (0..folds).filter(|&k| examples.iter().any(|e| e.fold == k)) {
            let lr = Logistic::fit(examples.iter().filter(|e| e.fold != k));
            for (o, e) in out.iter_mut().zip(examples) {
                if e.fold == k {
                    *o = lr.logit(&e.keys);
                }
            }
        }
        out
    }

    /// Stochastic gradient descent, in a fixed order per epoch, on the features seen at
    /// least twice.
    pub fn fit<'a>(examples: impl Iterator<Item = &'a Example>) -> Logistic {
        let examples: Vec<&Example> = examples.collect();
        let mut seen: HashMap<u32, u32> = HashMap::new();
        for e in &examples {
            for &k in &e.keys {
                *seen.entry(k).or_default() += 1;
            }
        }
        let mut keys: Vec<u32> = seen
            .into_iter()
            .filter(|&(_, n)| n >= 2)
            .map(|(k, _)| k)
            .collect();
        keys.sort_unstable();
        let mut lr = Logistic::default();
        for k in keys {
            lr.index.insert(k, lr.weights.len() as u32);
            lr.weights.push(0.0);
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
                slots.extend(e.keys.iter().filter_map(|k| lr.index.get(k).copied()));
                let z = lr.bias + slots.iter().map(|&s| lr.weights[s as usize]).sum::<f32>();
                let p = 1.0 / (1.0 + (-z).exp());
                let g = rate * (e.positive as u8 as f32 - p);
                lr.bias += g;
                for &s in &slots {
                    let w = &mut lr.weights[s as usize];
                    *w += g - rate * L2 * *w;
                }
            }
        }
        lr
    }

    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        out.write_all(&self.bias.to_le_bytes())?;
        self.write_weights(out)
    }

    pub fn read(input: &mut impl Read) -> io::Result<Logistic> {
        let bias = read_f32(input)?;
        Logistic::read_weights(input, bias)
    }

    fn write_weights(&self, out: &mut impl Write) -> io::Result<()> {
        let mut entries: Vec<(u32, f32)> = self
            .index
            .iter()
            .map(|(&k, &i)| (k, self.weights[i as usize]))
            .filter(|&(_, w)| w.abs() >= MIN_WEIGHT)
            .collect();
        entries.sort_by_key(|e| e.0);
        out.write_all(&(entries.len() as u32).to_le_bytes())?;
        for (k, w) in entries {
            out.write_all(&k.to_le_bytes())?;
            // Log-odds to a thousandth are far finer than any decision needs.
            let q = (w * 1000.0).round().clamp(i16::MIN as f32, i16::MAX as f32) as i16;
            out.write_all(&q.to_le_bytes())?;
        }
        Ok(())
    }

    fn read_weights(input: &mut impl Read, bias: f32) -> io::Result<Logistic> {
        let mut lr = Logistic {
            bias,
            ..Logistic::default()
        };
        let n = read_u32(input)? as usize;
        lr.index.reserve(n);
        for i in 0..n {
            let key = read_u32(input)?;
            let mut w = [0u8; 2];
            input.read_exact(&mut w)?;
            lr.index.insert(key, i as u32);
            lr.weights.push(i16::from_le_bytes(w) as f32 / 1000.0);
        }
        Ok(lr)
    }
}

const MIN_WEIGHT: f32 = 1e-3;

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
            positive: cue,
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
        assert!(review.score(&[1, 10]) >= 0.0);
        assert!(review.score(&[2, 10]) < 0.0);
        let mut bytes = Vec::new();
        review.write(&mut bytes).unwrap();
        let back = CueReview::read(&mut bytes.as_slice()).unwrap();
        assert!(back.score(&[1, 10]) >= 0.0 && back.score(&[2, 10]) < 0.0);
    }

    #[test]
    fn keeps_nothing_when_no_candidate_is_right_often_enough() {
        let examples: Vec<Example> = (0..200)
            .map(|i| example(&[1, 10], i % 4 == 0, i as usize % 5))
            .collect();
        assert!(CueReview::train(&examples, 5).score(&[1, 10]) < 0.0);
    }
}
