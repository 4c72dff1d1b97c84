//! Training the tagger: an averaged perceptron over greedy left-to-right decoding,
//! updated on every token it gets wrong, with its own earlier decisions as history.
//!
//! Deterministic: documents are visited in an order drawn from a fixed seed, so the same
//! data and options give the same model, byte for byte.

use crate::conll::{self, TrainDoc};
use crate::features::{History, Lexicon, Scratch};
use crate::hash::FlatMap;
use crate::model::{Model, START, TAGS, gold_tags, step, tag_class};
use crate::names::Names;
use crate::words::WordTable;
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// CoNLL files to learn from (the first is CoNLL-2003's training set).
    pub conll: Vec<PathBuf>,
    /// The word table built by [`crate::words::Corpus::build`].
    pub words: PathBuf,
    /// Names found in unlabelled news by a tagger trained without them (see
    /// `examples/autonames.rs`); `None` to train without.
    pub auto_names: Option<PathBuf>,
    pub epochs: usize,
    /// Perceptrons trained in different orders and averaged.
    pub runs: usize,
    /// Folds for the name lists: each document sees lists made from the other folds.
    pub folds: usize,
    /// Features whose averaged weights all stay below this are dropped from the model.
    pub prune: f32,
    /// Share of the occurrences of words seen once in training that are presented as
    /// unknown words (see `Scratch::prepare`).
    pub unknown_rate: f64,
    pub seed: u64,
}

impl Default for TrainOptions {
    /// Paths relative to the repository root.
    fn default() -> TrainOptions {
        TrainOptions {
            conll: vec![PathBuf::from("../shared/data/ner/conll2003-train.conll")],
            words: PathBuf::from("models/ner/words.bin.gz"),
            auto_names: Some(PathBuf::from("models/ner/auto-names.bin.gz")),
            epochs: 12,
            runs: 3,
            folds: 5,
            prune: 0.5,
            unknown_rate: 0.5,
            seed: 0x5eed,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    #[error("reading {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("word table or name list: {0}")]
    Format(#[from] crate::FormatError),
    #[error("no training sentences")]
    Empty,
}

/// Weights under training, with the running sums that averaging needs.
struct Perceptron {
    index: FlatMap<u32>,
    w: Vec<[f32; TAGS]>,
    /// Sum of (update * instance number), so that the average is `w - u / c`.
    u: Vec<[f64; TAGS]>,
    c: f64,
}

impl Perceptron {
    #[inline]
    fn add(&self, feature: u64, scores: &mut [f32; TAGS]) {
        if let Some(r) = self.index.get(feature) {
            for (s, w) in scores.iter_mut().zip(&self.w[r as usize]) {
                *s += w;
            }
        }
    }
}

impl Perceptron {
    fn update(&mut self, feature: u64, good: usize, bad: usize) {
        let r = match self.index.get(feature) {
            Some(r) => r as usize,
            None => {
                self.index.insert(feature, self.w.len() as u32);
                self.w.push([0.0; TAGS]);
                self.u.push([0.0; TAGS]);
                self.w.len() - 1
            }
        };
        self.w[r][good] += 1.0;
        self.u[r][good] += self.c;
        self.w[r][bad] -= 1.0;
        self.u[r][bad] -= self.c;
    }

    /// Tags one sentence, updating on every mistake; returns the number of mistakes.
    fn learn(&mut self, ex: &Example, history: &mut History) -> usize {
        let mut wrong = 0;
        let mut tags = Vec::with_capacity(ex.gold.len());
        let mut feats = Vec::new();
        let (mut prev, mut prev2) = (START, START);
        let mut prev_scores = [0f32; TAGS];
        let n = ex.gold.len();
        for i in 0..n {
            feats.clear();
            feats.extend_from_slice(ex.features.static_features(i));
            feats.extend(
                history
                    .features(&ex.features.words[i])
                    .into_iter()
                    .flatten(),
            );
            let mut base = [0f32; TAGS];
            for &f in &feats {
                self.add(f, &mut base);
            }
            let (best, repaired, scores) = step(prev, prev2, &prev_scores, i + 1 == n, |p, p2| {
                let mut scores = base;
                for f in ex.features.dynamic_features(i, p, p2) {
                    self.add(f, &mut scores);
                }
                scores
            });
            if let Some(r) = repaired {
                *tags.last_mut().unwrap() = r;
                prev = r;
            }
            prev_scores = scores;
            let gold = ex.gold[i] as usize;
            if best as usize != gold {
                wrong += 1;
                feats.extend(ex.features.dynamic_features(i, prev, prev2));
                for &f in &feats {
                    self.update(f, gold, best as usize);
                }
            }
            self.c += 1.0;
            prev2 = prev;
            prev = best;
            tags.push(prev);
        }
        history.record(&ex.features.words, tags.iter().map(|&t| tag_class(t)));
        wrong
    }

    fn averaged(&self, prune: f32) -> Vec<(u64, [f32; TAGS])> {
        // Sorted, so that summing runs is done in a fixed order.
        let mut out: Vec<(u64, [f32; TAGS])> = Vec::new();
        for (k, r) in self.index.iter() {
            let (w, u) = (&self.w[r as usize], &self.u[r as usize]);
            let row: [f32; TAGS] = std::array::from_fn(|t| (w[t] as f64 - u[t] / self.c) as f32);
            if row.iter().any(|x| x.abs() >= prune) {
                out.push((k, row));
            }
        }
        out.sort_unstable_by_key(|(k, _)| *k);
        out
    }
}

fn names_of<'a>(docs: impl Iterator<Item = &'a TrainDoc>) -> Names {
    Names::new(docs.flat_map(|d| &d.sentences).flat_map(|s| {
        s.chunks.iter().map(|c| {
            (
                s.words[c.start..c.end].iter().map(String::as_str).collect(),
                c.class,
            )
        })
    }))
}

struct Example {
    features: Scratch,
    gold: Vec<u8>,
}

/// Sentences of one document, in order.
type DocExamples = Vec<Example>;

fn xorshift(mut x: u64) -> u64 {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    x
}

/// Trains a tagger, reporting each epoch on standard error.
pub fn train(opts: &TrainOptions) -> Result<Model, TrainError> {
    let start = Instant::now();
    let mut docs: Vec<TrainDoc> = Vec::new();
    for path in &opts.conll {
        docs.extend(conll::read(path).map_err(|source| TrainError::Io {
            path: path.clone(),
            source,
        })?);
    }
    let bytes = std::fs::read(&opts.words).map_err(|source| TrainError::Io {
        path: opts.words.clone(),
        source,
    })?;
    let words = WordTable::from_bytes(&bytes)?;
    let auto = match &opts.auto_names {
        Some(path) => {
            Names::from_bytes(&std::fs::read(path).map_err(|source| TrainError::Io {
                path: path.clone(),
                source,
            })?)?
        }
        None => Names::default(),
    };
    let folds = opts.folds.max(2);
    let fold_names: Vec<Names> = (0..folds)
        .map(|k| {
            names_of(
                docs.iter()
                    .enumerate()
                    .filter(|(d, _)| d % folds != k)
                    .map(|(_, d)| d),
            )
        })
        .collect();
    let mut seen: HashMap<String, u32> = HashMap::new();
    for w in docs
        .iter()
        .flat_map(|d| &d.sentences)
        .flat_map(|s| &s.words)
    {
        *seen.entry(w.to_lowercase()).or_default() += 1;
    }
    let mut coin = opts.seed ^ 0x9e37_79b9_7f4a_7c15;
    let mut examples: Vec<DocExamples> = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        let lex = Lexicon {
            words: &words,
            names: &fold_names[d % folds],
            auto: &auto,
        };
        let mut sentences = Vec::new();
        for s in &doc.sentences {
            let mut features = Scratch::default();
            let ws: Vec<&str> = s.words.iter().map(String::as_str).collect();
            let unknown: Vec<bool> = ws
                .iter()
                .map(|w| {
                    coin = xorshift(coin);
                    seen[&w.to_lowercase()] == 1
                        && (coin % 1000) as f64 / 1000.0 < opts.unknown_rate
                })
                .collect();
            features.prepare(&ws, lex, &unknown);
            sentences.push(Example {
                features,
                gold: gold_tags(ws.len(), &s.chunks),
            });
        }
        examples.push(sentences);
    }
    let tokens: usize = examples.iter().flatten().map(|e| e.gold.len()).sum();
    if tokens == 0 {
        return Err(TrainError::Empty);
    }
    eprintln!(
        "{} documents, {tokens} tokens; features ready in {:.1?}",
        docs.len(),
        start.elapsed()
    );

    // Several perceptrons, each visiting the documents in its own order; their averaged
    // weights are averaged again (a linear model's bagging: fewer accidents of order).
    let mut sum: HashMap<u64, [f32; TAGS]> = HashMap::new();
    let mut rng = opts.seed | 1;
    for run in 1..=opts.runs.max(1) {
        let mut p = Perceptron {
            index: FlatMap::with_capacity(1 << 20),
            w: Vec::new(),
            u: Vec::new(),
            c: 1.0,
        };
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut history = History::default();
        for epoch in 1..=opts.epochs {
            for i in (1..order.len()).rev() {
                rng = xorshift(rng);
                order.swap(i, (rng % (i as u64 + 1)) as usize);
            }
            let mut wrong = 0usize;
            for &d in &order {
                history.clear();
                for ex in &examples[d] {
                    wrong += p.learn(ex, &mut history);
                }
            }
            eprintln!(
                "run {run}, epoch {epoch}/{}: {:.2}% of tokens wrong, {} features, {:.1?}",
                opts.epochs,
                100.0 * wrong as f64 / tokens as f64,
                p.w.len(),
                start.elapsed()
            );
        }
        for (k, row) in p.averaged(0.0) {
            let acc = sum.entry(k).or_insert([0.0; TAGS]);
            for (a, x) in acc.iter_mut().zip(row) {
                *a += x / opts.runs.max(1) as f32;
            }
        }
    }
    let total = sum.len();
    let mut weights: Vec<(u64, [f32; TAGS])> = sum
        .into_iter()
        .filter(|(_, row)| row.iter().any(|x| x.abs() >= opts.prune))
        .collect();
    weights.sort_unstable_by_key(|(k, _)| *k);
    eprintln!("kept {} of {total} features", weights.len());
    Ok(Model::new(words, names_of(docs.iter()), auto, weights))
}
