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
    rows: Rows,
    /// `transitions[prev * labels + cur]`, with row `labels` for the start.
    transitions: Vec<f32>,
    allowed: Allowed,
}

impl Tagger {
    /// The score of each label at each position, `[position * labels + label]`.
    pub fn emissions(&self, seq: &[Vec<u32>]) -> Vec<f32> {
        emissions(
            self.labels,
            seq,
            |keys| self.rows.touch(keys),
            |k| self.rows.get(k),
        )
    }

    /// The best label sequence for the features of each position.
    pub fn decode(&self, seq: &[Vec<u32>]) -> Vec<usize> {
        self.decode_emissions(&self.emissions(seq))
    }

    /// The best label sequence for [`Tagger::emissions`] already computed.
    pub fn decode_emissions(&self, em: &[f32]) -> Vec<usize> {
        viterbi(self.labels, &self.transitions, self.allowed, em)
    }

    /// Writes the tagger compactly: keys sorted and delta-coded as varints, weights as
    /// 16-bit integers on one scale (a rounding far below what changes a decision).
    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        let scale = self
            .rows
            .iter()
            .flat_map(|(_, row)| row)
            .fold(0f32, |m, w| m.max(w.abs()))
            .max(f32::MIN_POSITIVE)
            / i16::MAX as f32;
        let quantised = |w: f32| (w / scale).round() as i16;
        let mut rows: Vec<(u32, Vec<f32>)> = self
            .rows
            .iter()
            .map(|(k, row)| (k, row.collect::<Vec<f32>>()))
            .filter(|(_, row)| row.iter().any(|&w| quantised(w) != 0))
            .collect();
        rows.sort_by_key(|&(k, _)| k);
        out.write_all(&(self.labels as u32).to_le_bytes())?;
        out.write_all(&(rows.len() as u32).to_le_bytes())?;
        out.write_all(&scale.to_le_bytes())?;
        for w in &self.transitions {
            out.write_all(&w.to_le_bytes())?;
        }
        let mut prev = 0u32;
        for &(k, _) in &rows {
            let mut d = k - prev;
            prev = k;
            while d >= 0x80 {
                out.write_all(&[(d as u8) | 0x80])?;
                d >>= 7;
            }
            out.write_all(&[d as u8])?;
        }
        for (_, row) in &rows {
            for &w in row {
                out.write_all(&quantised(w).to_le_bytes())?;
            }
        }
        Ok(())
    }

    pub fn read(input: &mut impl Read, allowed: Allowed) -> io::Result<Tagger> {
        let labels = read_u32(input)? as usize;
        let n = read_u32(input)? as usize;
        let scale = read_f32(input)?;
        let mut transitions = vec![0.0; (labels + 1) * labels];
        for w in transitions.iter_mut() {
            *w = read_f32(input)?;
        }
        let mut keys = Vec::with_capacity(n);
        let mut key = 0u32;
        for _ in 0..n {
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
            keys.push(key);
        }
        let mut weights = vec![0u8; n * labels * 2];
        input.read_exact(&mut weights)?;
        let rows = keys
            .iter()
            .zip(weights.chunks_exact(labels * 2))
            .map(|(&k, row)| (k, row));
        Ok(Tagger {
            labels,
            rows: Rows::new(labels, Weight::Scaled(scale), n, rows),
            transitions,
            allowed,
        })
    }
}

/// The features' weight rows in one open-addressed table (linear probing), each slot a
/// key followed by its row, so that looking a feature up touches one cache line where a
/// map to a row number touched three: the taggers spend most of their time there.
/// A tagger read from a file keeps the 16-bit weights it was stored with (their values
/// are the same), which halves the table and so the memory the lookups wait for.
/// Key 0 marks an empty slot, so a feature whose hash is 0 keeps its row apart.
#[derive(Clone)]
struct Rows {
    /// Slots of `stride` bytes: the key, then the row's weights, little-endian.
    slots: Vec<u8>,
    /// The row of key 0, if it has one.
    zero: Option<Vec<u8>>,
    stride: usize,
    weight: Weight,
    /// Slot count minus one (a power of two minus one).
    mask: usize,
    shift: u32,
}

/// How a row's weights are stored.
#[derive(Clone, Copy)]
enum Weight {
    Exact,
    /// 16-bit integers, times the scale.
    Scaled(f32),
}

impl Weight {
    fn width(self) -> usize {
        match self {
            Weight::Exact => 4,
            Weight::Scaled(_) => 2,
        }
    }

    /// The weights of a row stored as `bytes`.
    fn row(self, bytes: &[u8]) -> impl Iterator<Item = f32> + '_ {
        bytes.chunks_exact(self.width()).map(move |b| self.value(b))
    }

    fn value(self, b: &[u8]) -> f32 {
        match self {
            Weight::Exact => f32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            Weight::Scaled(scale) => i16::from_le_bytes([b[0], b[1]]) as f32 * scale,
        }
    }
}

impl Rows {
    /// A table of `n` rows of `labels` weights each, given as their bytes.
    fn new<'a>(
        labels: usize,
        weight: Weight,
        n: usize,
        rows: impl Iterator<Item = (u32, &'a [u8])>,
    ) -> Rows {
        let capacity = (n + n / 2).max(2).next_power_of_two();
        let stride = 4 + labels * weight.width();
        let mut table = Rows {
            slots: vec![0; capacity * stride],
            zero: None,
            stride,
            weight,
            mask: capacity - 1,
            shift: 64 - capacity.trailing_zeros(),
        };
        for (key, row) in rows {
            if key == 0 {
                table.zero = Some(row.to_vec());
                continue;
            }
            let mut s = table.home(key);
            loop {
                let slot = &mut table.slots[s * stride..(s + 1) * stride];
                let k = u32::from_le_bytes([slot[0], slot[1], slot[2], slot[3]]);
                if k == 0 || k == key {
                    slot[..4].copy_from_slice(&key.to_le_bytes());
                    slot[4..].copy_from_slice(row);
                    break;
                }
                s = (s + 1) & table.mask;
            }
        }
        table
    }

    /// The first slot to look for `key` in; keys are hashes already, so one
    /// multiplication spreads them.
    fn home(&self, key: u32) -> usize {
        ((key as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize & self.mask
    }

    fn key(&self, s: usize) -> u32 {
        let b = &self.slots[s * self.stride..];
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }

    /// Reads the first slot of each of `keys` without branching on what it finds, so that
    /// the processor waits for all of them together; the lookups that follow then find
    /// them in cache rather than waiting for memory one after another.
    fn touch(&self, keys: &[u32]) {
        let keys = keys.iter().fold(0, |x, &k| x ^ self.key(self.home(k)));
        std::hint::black_box(keys);
    }

    fn row(&self, s: usize) -> &[u8] {
        &self.slots[s * self.stride + 4..(s + 1) * self.stride]
    }

    fn get(&self, key: u32) -> Option<impl Iterator<Item = f32> + '_> {
        if key == 0 {
            return self.zero.as_deref().map(|row| self.weight.row(row));
        }
        let mut s = self.home(key);
        loop {
            match self.key(s) {
                k if k == key => return Some(self.weight.row(self.row(s))),
                0 => return None,
                _ => s = (s + 1) & self.mask,
            }
        }
    }

    /// Every key with its row, empty slots (as key 0 with a row of zeros) included.
    fn iter(&self) -> impl Iterator<Item = (u32, impl Iterator<Item = f32> + '_)> + '_ {
        let zero = self.zero.as_deref().map(|row| (0, self.weight.row(row)));
        (0..=self.mask)
            .map(|s| (self.key(s), self.weight.row(self.row(s))))
            .chain(zero)
    }
}

/// The score of each label at each position, from each feature's row of weights where
/// it has one.
/// `ahead` is told each position's keys before they are looked up.
fn emissions<R: Iterator<Item = f32>>(
    labels: usize,
    seq: &[Vec<u32>],
    ahead: impl Fn(&[u32]),
    row: impl Fn(u32) -> Option<R>,
) -> Vec<f32> {
    let mut out = vec![0.0f32; seq.len() * labels];
    for (t, keys) in seq.iter().enumerate() {
        ahead(keys);
        let scores = &mut out[t * labels..(t + 1) * labels];
        for &k in keys {
            if let Some(w) = row(k) {
                scores.iter_mut().zip(w).for_each(|(r, w)| *r += w);
            }
        }
    }
    out
}

/// Viterbi decoding of `em` (`[position * labels + label]`) under `transitions`.
fn viterbi(labels: usize, transitions: &[f32], allowed: Allowed, em: &[f32]) -> Vec<usize> {
    let l = labels;
    let n = em.len() / l;
    if n == 0 {
        return Vec::new();
    }
    // `allowed` as a table laid out like `transitions`, asked once rather than per step.
    let ok: Vec<bool> = (0..=l)
        .flat_map(|p| (0..l).map(move |c| allowed((p < l).then_some(p), c)))
        .collect();
    let mut score = vec![f32::NEG_INFINITY; n * l];
    let mut back = vec![0usize; n * l];
    for c in 0..l {
        if ok[l * l + c] {
            score[c] = em[c] + transitions[l * l + c];
        }
    }
    for t in 1..n {
        for c in 0..l {
            let mut best = (f32::NEG_INFINITY, 0);
            for p in 0..l {
                let s = score[(t - 1) * l + p];
                if s == f32::NEG_INFINITY || !ok[p * l + c] {
                    continue;
                }
                let s = s + transitions[p * l + c];
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
    labels: usize,
    /// Each feature's row number in `weights`.
    index: KeyIndex,
    weights: Vec<f32>,
    transitions: Vec<f32>,
    allowed: Allowed,
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
        let nt = (labels + 1) * labels;
        Trainer {
            labels,
            index: KeyIndex::default(),
            weights: Vec::new(),
            transitions: vec![0.0; nt],
            allowed,
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

    /// The best label sequence under the current weights.
    fn decode(&self, seq: &[Vec<u32>]) -> Vec<usize> {
        let l = self.labels;
        let em = emissions(
            l,
            seq,
            |_| {},
            |k| {
                let i = *self.index.get(&k)? as usize;
                Some(self.weights[i * l..(i + 1) * l].iter().copied())
            },
        );
        viterbi(l, &self.transitions, self.allowed, &em)
    }

    /// One perceptron step on one sequence; returns whether the prediction was wrong.
    pub fn learn(&mut self, seq: &[Vec<u32>], gold: &[usize]) -> bool {
        self.step += 1;
        let guess = self.decode(seq);
        if guess == gold {
            return false;
        }
        let l = self.labels;
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
        let l = self.labels;
        let next = self.index.len() as u32;
        let i = *self.index.entry(key).or_insert(next);
        if i == next {
            self.weights.extend(std::iter::repeat_n(0.0, l));
            self.totals.extend(std::iter::repeat_n(0.0, l));
            self.stamps.extend(std::iter::repeat_n(0, l));
        }
        Some(i as usize)
    }

    fn bump(&mut self, w: usize, by: f32) {
        self.totals[w] += (self.step - self.stamps[w]) as f32 * self.weights[w];
        self.stamps[w] = self.step;
        self.weights[w] += by;
    }

    fn bump_transition(&mut self, w: usize, by: f32) {
        let t = &mut self.transitions;
        self.trans_totals[w] += (self.step - self.trans_stamps[w]) as f32 * t[w];
        self.trans_stamps[w] = self.step;
        t[w] += by;
    }

    /// The averaged tagger, without features whose averaged weights are all near zero.
    pub fn finish(mut self, min_weight: f32) -> Tagger {
        let step = self.step.max(1) as f32;
        let l = self.labels;
        for w in 0..self.weights.len() {
            let total = self.totals[w] + (self.step - self.stamps[w]) as f32 * self.weights[w];
            self.weights[w] = total / step;
        }
        for w in 0..self.transitions.len() {
            let total = self.trans_totals[w]
                + (self.step - self.trans_stamps[w]) as f32 * self.transitions[w];
            self.transitions[w] = total / step;
        }
        let kept: Vec<(u32, Vec<u8>)> = self
            .index
            .iter()
            .map(|(&k, &i)| (k, &self.weights[i as usize * l..(i as usize + 1) * l]))
            .filter(|(_, w)| w.iter().any(|x| x.abs() >= min_weight))
            .map(|(k, w)| (k, w.iter().flat_map(|x| x.to_le_bytes()).collect()))
            .collect();
        let rows = kept.iter().map(|(k, w)| (*k, w.as_slice()));
        Tagger {
            labels: l,
            rows: Rows::new(l, Weight::Exact, kept.len(), rows),
            transitions: self.transitions,
            allowed: self.allowed,
        }
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

    #[test]
    fn the_weight_table_finds_every_row_and_nothing_else() {
        let rows: Vec<(u32, Vec<u8>)> = (0..1000u32)
            .map(|k| {
                (
                    k * 7,
                    [k as f32, -(k as f32)]
                        .iter()
                        .flat_map(|w| w.to_le_bytes())
                        .collect(),
                )
            })
            .collect();
        let table = Rows::new(
            2,
            Weight::Exact,
            rows.len(),
            rows.iter().map(|(k, r)| (*k, r.as_slice())),
        );
        for k in 0..1000u32 {
            let row: Vec<f32> = table.get(k * 7).expect("a stored key").collect();
            assert_eq!(row, [k as f32, -(k as f32)]);
            assert!(table.get(k * 7 + 1).is_none());
        }
        let empty = Rows::new(2, Weight::Exact, 0, std::iter::empty());
        assert!(empty.get(5).is_none());
        assert!(empty.get(0).is_none(), "key 0 is not an empty slot's row");
    }
}
