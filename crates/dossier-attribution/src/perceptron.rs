//! A first-order structured perceptron over hashed features, with Viterbi decoding.
//!
//! Both taggers of this crate (cues, and the source/content of one cue) are sequence
//! labellers with a handful of labels and sparse indicator features, which is what an
//! averaged perceptron does well with little code, no dependencies and fast inference.
//! Features are 32-bit hashes of their template and values, so no strings are kept;
//! at half a million features a few collisions cost nothing measurable.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{self, Read, Write};

/// Feature keys are hashes already: one multiplication spreads them over the table,
/// where the default SipHash spent most of the taggers' time hashing hashes again.
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn write_u32(&mut self, key: u32) {
        self.0 = (key as u64 ^ self.0).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type KeyIndex = HashMap<u32, u32, BuildHasherDefault<KeyHasher>>;

/// Builds the hashed features of one position.
#[derive(Default)]
pub struct Features {
    pub keys: Vec<u32>,
}

impl Features {
    pub fn clear(&mut self) {
        self.keys.clear();
    }

    /// Adds the feature `template` = `parts` (joined).
    pub fn add(&mut self, template: &str, parts: &[&str]) {
        let mut h = fnv(0xcbf2_9ce4_8422_2325, template.as_bytes());
        for p in parts {
            h = fnv(h ^ 0x1f, p.as_bytes());
        }
        self.keys.push((h ^ (h >> 32)) as u32);
    }
}

fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Label sequences that are not allowed (`I-X` after anything but `B-X`/`I-X`).
pub type Allowed = fn(prev: Option<usize>, cur: usize) -> bool;

/// Weights of a tagger: per feature one score per label, plus label transitions.
#[derive(Clone)]
pub struct Tagger {
    labels: usize,
    index: KeyIndex,
    weights: Vec<f32>,
    /// `transitions[prev * labels + cur]`, with row `labels` for the start.
    transitions: Vec<f32>,
    allowed: Allowed,
}

impl Tagger {
    pub fn new(labels: usize, allowed: Allowed) -> Tagger {
        Tagger {
            labels,
            index: KeyIndex::default(),
            weights: Vec::new(),
            transitions: vec![0.0; (labels + 1) * labels],
            allowed,
        }
    }

    /// The score of each label at each position, `[position * labels + label]`.
    pub fn emissions(&self, seq: &[Vec<u32>]) -> Vec<f32> {
        let l = self.labels;
        let mut out = vec![0.0f32; seq.len() * l];
        for (t, keys) in seq.iter().enumerate() {
            let row = &mut out[t * l..(t + 1) * l];
            for k in keys {
                if let Some(&i) = self.index.get(k) {
                    let w = &self.weights[i as usize * l..(i as usize + 1) * l];
                    row.iter_mut().zip(w).for_each(|(r, w)| *r += w);
                }
            }
        }
        out
    }

    /// The best label sequence for the features of each position.
    pub fn decode(&self, seq: &[Vec<u32>]) -> Vec<usize> {
        self.decode_emissions(&self.emissions(seq))
    }

    /// The best label sequence for [`Tagger::emissions`] already computed.
    pub fn decode_emissions(&self, em: &[f32]) -> Vec<usize> {
        let l = self.labels;
        let n = em.len() / l;
        if n == 0 {
            return Vec::new();
        }
        let mut score = vec![f32::NEG_INFINITY; n * l];
        let mut back = vec![0usize; n * l];
        for c in 0..l {
            if (self.allowed)(None, c) {
                score[c] = em[c] + self.transitions[l * l + c];
            }
        }
        for t in 1..n {
            for c in 0..l {
                let mut best = (f32::NEG_INFINITY, 0);
                for p in 0..l {
                    let s = score[(t - 1) * l + p];
                    if s == f32::NEG_INFINITY || !(self.allowed)(Some(p), c) {
                        continue;
                    }
                    let s = s + self.transitions[p * l + c];
                    if s > best.0 {
                        best = (s, p);
                    }
                }
                score[t * l + c] = best.0 + em[t * l + c];
                back[t * l + c] = best.1;
            }
        }
        let mut cur = (0..l)
            .max_by(|&a, &b| score[(n - 1) * l + a].total_cmp(&score[(n - 1) * l + b]))
            .unwrap();
        let mut out = vec![0; n];
        for t in (0..n).rev() {
            out[t] = cur;
            cur = back[t * l + cur];
        }
        out
    }

    /// Writes the tagger compactly: keys sorted and delta-coded as varints, weights as
    /// 16-bit integers on one scale (a rounding far below what changes a decision).
    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        let scale = self
            .weights
            .iter()
            .fold(0f32, |m, w| m.max(w.abs()))
            .max(f32::MIN_POSITIVE)
            / i16::MAX as f32;
        let quantised = |w: f32| (w / scale).round() as i16;
        let l = self.labels;
        let mut keys: Vec<(u32, u32)> = self
            .index
            .iter()
            .filter(|&(_, &i)| {
                self.weights[i as usize * l..(i as usize + 1) * l]
                    .iter()
                    .any(|&w| quantised(w) != 0)
            })
            .map(|(&k, &i)| (k, i))
            .collect();
        keys.sort();
        out.write_all(&(l as u32).to_le_bytes())?;
        out.write_all(&(keys.len() as u32).to_le_bytes())?;
        out.write_all(&scale.to_le_bytes())?;
        for w in &self.transitions {
            out.write_all(&w.to_le_bytes())?;
        }
        let mut prev = 0u32;
        for &(k, _) in &keys {
            let mut d = k - prev;
            prev = k;
            while d >= 0x80 {
                out.write_all(&[(d as u8) | 0x80])?;
                d >>= 7;
            }
            out.write_all(&[d as u8])?;
        }
        for &(_, i) in &keys {
            for &w in &self.weights[i as usize * l..(i as usize + 1) * l] {
                out.write_all(&quantised(w).to_le_bytes())?;
            }
        }
        Ok(())
    }

    pub fn read(input: &mut impl Read, allowed: Allowed) -> io::Result<Tagger> {
        let labels = read_u32(input)? as usize;
        let n = read_u32(input)? as usize;
        let scale = read_f32(input)?;
        let mut t = Tagger::new(labels, allowed);
        for w in t.transitions.iter_mut() {
            *w = read_f32(input)?;
        }
        t.index.reserve(n);
        let mut key = 0u32;
        for i in 0..n {
            let (mut d, mut shift) = (0u32, 0);
            loop {
                let mut b = [0u8; 1];
                input.read_exact(&mut b)?;
                d |= ((b[0] & 0x7f) as u32) << shift;
                shift += 7;
                if b[0] < 0x80 || shift > 28 {
                    break;
                }
            }
            key = key.wrapping_add(d);
            t.index.insert(key, i as u32);
        }
        t.weights.reserve(n * labels);
        for _ in 0..n * labels {
            let mut b = [0u8; 2];
            input.read_exact(&mut b)?;
            t.weights.push(i16::from_le_bytes(b) as f32 * scale);
        }
        Ok(t)
    }
}

pub(crate) fn read_u32(r: &mut impl Read) -> io::Result<u32> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b)?;
    Ok(u32::from_le_bytes(b))
}

pub(crate) fn read_f32(r: &mut impl Read) -> io::Result<f32> {
    Ok(f32::from_bits(read_u32(r)?))
}

/// Trains a [`Tagger`] with weight averaging (the lazy "last updated" form).
pub struct Trainer {
    tagger: Tagger,
    totals: Vec<f32>,
    stamps: Vec<u32>,
    trans_totals: Vec<f32>,
    trans_stamps: Vec<u32>,
    step: u32,
    /// When set, the only features that get weights.
    vocabulary: Option<HashSet<u32>>,
}

impl Trainer {
    pub fn new(labels: usize, allowed: Allowed) -> Trainer {
        let tagger = Tagger::new(labels, allowed);
        let nt = tagger.transitions.len();
        Trainer {
            tagger,
            totals: Vec::new(),
            stamps: Vec::new(),
            trans_totals: vec![0.0; nt],
            trans_stamps: vec![0; nt],
            step: 0,
            vocabulary: None,
        }
    }

    /// Learns weights only for the features in `vocabulary`.
    pub fn restricted_to(mut self, vocabulary: HashSet<u32>) -> Trainer {
        self.vocabulary = Some(vocabulary);
        self
    }

    /// One perceptron step on one sequence; returns whether the prediction was wrong.
    pub fn learn(&mut self, seq: &[Vec<u32>], gold: &[usize]) -> bool {
        self.step += 1;
        let guess = self.tagger.decode(seq);
        if guess == gold {
            return false;
        }
        let l = self.tagger.labels;
        for t in 0..seq.len() {
            let (g, p) = (gold[t], guess[t]);
            let (gp, pp) = if t == 0 {
                (l, l)
            } else {
                (gold[t - 1], guess[t - 1])
            };
            if g != p {
                for &k in &seq[t] {
                    if let Some(i) = self.slot(k) {
                        self.bump(i * l + g, 1.0);
                        self.bump(i * l + p, -1.0);
                    }
                }
            }
            if g != p || gp != pp {
                self.bump_transition(gp * l + g, 1.0);
                self.bump_transition(pp * l + p, -1.0);
            }
        }
        true
    }

    fn slot(&mut self, key: u32) -> Option<usize> {
        if self.vocabulary.as_ref().is_some_and(|v| !v.contains(&key)) {
            return None;
        }
        let l = self.tagger.labels;
        let next = self.tagger.index.len() as u32;
        let i = *self.tagger.index.entry(key).or_insert(next);
        if i == next {
            self.tagger.weights.extend(std::iter::repeat_n(0.0, l));
            self.totals.extend(std::iter::repeat_n(0.0, l));
            self.stamps.extend(std::iter::repeat_n(0, l));
        }
        Some(i as usize)
    }

    fn bump(&mut self, w: usize, by: f32) {
        self.totals[w] += (self.step - self.stamps[w]) as f32 * self.tagger.weights[w];
        self.stamps[w] = self.step;
        self.tagger.weights[w] += by;
    }

    fn bump_transition(&mut self, w: usize, by: f32) {
        let t = &mut self.tagger.transitions;
        self.trans_totals[w] += (self.step - self.trans_stamps[w]) as f32 * t[w];
        self.trans_stamps[w] = self.step;
        t[w] += by;
    }

    /// The averaged tagger, without features whose averaged weights are all near zero.
    pub fn finish(mut self, min_weight: f32) -> Tagger {
        let step = self.step.max(1) as f32;
        let l = self.tagger.labels;
        for w in 0..self.tagger.weights.len() {
            let total =
                self.totals[w] + (self.step - self.stamps[w]) as f32 * self.tagger.weights[w];
            self.tagger.weights[w] = total / step;
        }
        for w in 0..self.tagger.transitions.len() {
            let total = self.trans_totals[w]
                + (self.step - self.trans_stamps[w]) as f32 * self.tagger.transitions[w];
            self.tagger.transitions[w] = total / step;
        }
        let mut out = Tagger::new(l, self.tagger.allowed);
        out.transitions = self.tagger.transitions;
        for (&k, &i) in &self.tagger.index {
            let w = &self.tagger.weights[i as usize * l..(i as usize + 1) * l];
            if w.iter().any(|x| x.abs() >= min_weight) {
                out.index.insert(k, out.index.len() as u32);
                out.weights.extend_from_slice(w);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn any(_: Option<usize>, _: usize) -> bool {
        true
    }

    #[test]
    fn learns_a_tagging_and_survives_a_round_trip() {
        let word = |w: &str| {
            let mut f = Features::default();
            f.add("w", &[w]);
            f.keys
        };
        let seq: Vec<Vec<u32>> = ["he", "said", "yes"].iter().map(|w| word(w)).collect();
        let gold = [0, 1, 0];
        let mut trainer = Trainer::new(2, any);
        for _ in 0..5 {
            trainer.learn(&seq, &gold);
        }
        let tagger = trainer.finish(0.0);
        assert_eq!(tagger.decode(&seq), gold);
        let mut bytes = Vec::new();
        tagger.write(&mut bytes).unwrap();
        let back = Tagger::read(&mut bytes.as_slice(), any).unwrap();
        assert_eq!(back.decode(&seq), gold);
    }
}
