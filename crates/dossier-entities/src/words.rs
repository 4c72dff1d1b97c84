//! What unlabelled news text says about a word: its distributional clusters and how
//! often it is capitalised.
//!
//! A tagger trained on 200k labelled tokens has seen few of the names it will meet;
//! clusters learned from a few million unlabelled tokens tell it that an unseen
//! "Zaporizhzhia" is used like "Kharkiv" (Ratinov & Roth 2009 report +3 F1 from Brown
//! clusters). Brown clustering is slow to build; spherical k-means over positive-PMI
//! vectors of left and right neighbours gives clusters of the same kind in about a
//! minute, at three granularities that play the role of Brown-cluster prefixes.
//!
//! The capitalisation ratio (how often a word is capitalised away from the start of a
//! sentence) separates "The" or "Police" at the start of a headline from names.

use crate::codec::{FormatError, Reader, Writer};
use crate::hash::{self, FlatMap};
use dossier_core::tokenize;
use std::collections::HashMap;

const MAGIC: &[u8; 8] = b"DSWORDS1";
const FORM_SEED: u64 = 0x77;
const LOWER_SEED: u64 = 0x78;

/// Cluster numbers of a word at each granularity (0 = unknown word).
pub type ClusterIds = [u16; 3];

/// Word clusters and capitalisation ratios, looked up by hash.
#[derive(Clone, Debug, Default)]
pub struct WordTable {
    /// Granularities (number of clusters) of the three levels.
    pub sizes: [u16; 3],
    clusters: FlatMap<u64>,
    /// Keyed by the lower-case form; 1..=4 from never to always capitalised.
    caps: FlatMap<u8>,
    /// Kept for saving: forms with their clusters, lower forms with their ratio class.
    forms: Vec<(String, ClusterIds)>,
    lowers: Vec<(String, u8)>,
}

impl WordTable {
    fn from_parts(
        sizes: [u16; 3],
        forms: Vec<(String, ClusterIds)>,
        lowers: Vec<(String, u8)>,
    ) -> WordTable {
        let mut clusters = FlatMap::with_capacity(forms.len());
        for (w, c) in &forms {
            clusters.insert(hash::bytes(FORM_SEED, w.as_bytes()), pack(*c));
        }
        let mut caps = FlatMap::with_capacity(lowers.len());
        for (w, r) in &lowers {
            caps.insert(hash::bytes(LOWER_SEED, w.as_bytes()), *r);
        }
        WordTable {
            sizes,
            clusters,
            caps,
            forms,
            lowers,
        }
    }

    /// The clusters of a form as written, else of its title-case or lower-case form
    /// (so that headline capitals and lower-case web text still find a cluster).
    pub fn clusters(&self, form: &str, lower: &str) -> ClusterIds {
        let get = |s: &str| {
            self.clusters
                .get(hash::bytes(FORM_SEED, s.as_bytes()))
                .map(unpack)
        };
        if let Some(c) = get(form) {
            return c;
        }
        let mut buf = [0u8; 48];
        if lower.is_ascii() && !lower.is_empty() && lower.len() <= buf.len() {
            let b = &mut buf[..lower.len()];
            b.copy_from_slice(lower.as_bytes());
            b[0] = b[0].to_ascii_uppercase();
            if let Some(c) = get(std::str::from_utf8(b).unwrap()) {
                return c;
            }
        }
        get(lower).unwrap_or([0; 3])
    }

    /// 0 for a word never seen, else 1 (always lower case) ..= 4 (always capitalised).
    pub fn caps_class(&self, lower: &str) -> u8 {
        self.caps
            .get(hash::bytes(LOWER_SEED, lower.as_bytes()))
            .unwrap_or(0)
    }

    /// The clustered forms, most frequent first.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        self.forms.iter().map(|(f, _)| f.as_str())
    }

    pub fn len(&self) -> usize {
        self.forms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        for s in self.sizes {
            w.u16(s);
        }
        w.u32(self.forms.len() as u32);
        for (f, c) in &self.forms {
            w.str(f);
            c.iter().for_each(|&x| w.u16(x));
        }
        w.u32(self.lowers.len() as u32);
        for (f, r) in &self.lowers {
            w.str(f);
            w.u8(*r);
        }
    }

    pub(crate) fn read(r: &mut Reader) -> Result<WordTable, FormatError> {
        let sizes = [r.u16()?, r.u16()?, r.u16()?];
        let n = r.u32()? as usize;
        let mut forms = Vec::with_capacity(n);
        for _ in 0..n {
            forms.push((r.str()?, [r.u16()?, r.u16()?, r.u16()?]));
        }
        let n = r.u32()? as usize;
        let mut lowers = Vec::with_capacity(n);
        for _ in 0..n {
            lowers.push((r.str()?, r.u8()?));
        }
        Ok(WordTable::from_parts(sizes, forms, lowers))
    }

    pub fn to_bytes(&self) -> std::io::Result<Vec<u8>> {
        let mut w = Writer::new(MAGIC);
        self.write(&mut w);
        w.gzip()
    }

    pub fn from_bytes(gz: &[u8]) -> Result<WordTable, FormatError> {
        WordTable::read(&mut Reader::open(gz, MAGIC, "word table")?)
    }
}

fn pack(c: ClusterIds) -> u64 {
    c[0] as u64 | (c[1] as u64) << 16 | (c[2] as u64) << 32
}

fn unpack(x: u64) -> ClusterIds {
    [x as u16, (x >> 16) as u16, (x >> 32) as u16]
}

/// How the word table is built.
#[derive(Clone, Debug)]
pub struct ClusterOptions {
    /// Forms seen fewer times are not clustered.
    pub min_count: u32,
    pub max_vocab: usize,
    /// How many of the most frequent lower-case forms serve as context words.
    pub contexts: usize,
    pub sizes: [u16; 3],
    pub iterations: usize,
}

impl Default for ClusterOptions {
    fn default() -> ClusterOptions {
        ClusterOptions {
            min_count: 4,
            max_vocab: 80_000,
            contexts: 2000,
            sizes: [128, 512, 2048],
            iterations: 12,
        }
    }
}

/// Counts what the table needs from sentences of unlabelled text, fed one at a time.
#[derive(Default)]
pub struct Corpus {
    form_ids: HashMap<String, u32>,
    forms: Vec<String>,
    /// Token sequences of form ids; `u32::MAX` separates sentences.
    stream: Vec<u32>,
}

impl Corpus {
    pub fn add_sentence<'a>(&mut self, words: impl IntoIterator<Item = &'a str>) {
        for w in words {
            let id = match self.form_ids.get(w) {
                Some(&id) => id,
                None => {
                    let id = self.forms.len() as u32;
                    self.form_ids.insert(w.to_string(), id);
                    self.forms.push(w.to_string());
                    id
                }
            };
            self.stream.push(id);
        }
        self.stream.push(u32::MAX);
    }

    /// Tokenises `text` as the pipeline does and adds its sentences.
    pub fn add_text(&mut self, text: &str) {
        let toks = tokenize::tokens(text);
        for s in tokenize::sentences(text, &toks) {
            self.add_sentence(toks[s.tokens()].iter().map(|t| t.span.of(text)));
        }
    }

    /// Adds the `text` field of every line of a JSONL file; other lines are skipped.
    pub fn add_jsonl(&mut self, path: &std::path::Path) -> std::io::Result<()> {
        let file = std::io::BufReader::new(std::fs::File::open(path)?);
        for line in std::io::BufRead::lines(file) {
            let v: serde_json::Value = serde_json::from_str(&line?).unwrap_or_default();
            if let Some(text) = v.get("text").and_then(|t| t.as_str()) {
                self.add_text(text);
            }
        }
        Ok(())
    }

    pub fn tokens(&self) -> usize {
        self.stream.iter().filter(|&&x| x != u32::MAX).count()
    }

    /// Clusters the corpus's words. Deterministic: the same corpus gives the same table.
    pub fn build(&self, opts: &ClusterOptions, progress: impl Fn(&str)) -> WordTable {
        let nf = self.forms.len();
        let mut count = vec![0u32; nf];
        for &t in self.stream.iter().filter(|&&x| x != u32::MAX) {
            count[t as usize] += 1;
        }
        // Lower-case forms: counts, and capitalised occurrences away from sentence starts.
        let lower_of: Vec<String> = self.forms.iter().map(|f| f.to_lowercase()).collect();
        let mut lower_ids: HashMap<&str, u32> = HashMap::new();
        let mut form_lower = vec![0u32; nf];
        for (i, l) in lower_of.iter().enumerate() {
            let n = lower_ids.len() as u32;
            form_lower[i] = *lower_ids.entry(l.as_str()).or_insert(n);
        }
        let nl = lower_ids.len();
        let mut lower_count = vec![0u32; nl];
        let mut inner = vec![[0u32; 2]; nl];
        let mut prev = u32::MAX;
        for &t in &self.stream {
            if t != u32::MAX {
                let l = form_lower[t as usize] as usize;
                lower_count[l] += 1;
                let f = &self.forms[t as usize];
                if prev != u32::MAX && !is_opening(&self.forms[prev as usize]) {
                    let capital = f.chars().next().is_some_and(char::is_uppercase);
                    inner[l][capital as usize] += 1;
                }
            }
            prev = t;
        }
        let mut lowers: Vec<(String, u8)> = Vec::new();
        let mut by_lower: Vec<(&str, u32)> = lower_ids.iter().map(|(s, &i)| (*s, i)).collect();
        by_lower.sort_unstable();
        for (s, i) in by_lower {
            let [low, cap] = inner[i as usize];
            if low + cap >= opts.min_count && s.chars().any(char::is_alphabetic) {
                let r = cap as f32 / (low + cap) as f32;
                let class = if r < 0.05 {
                    1
                } else if r < 0.5 {
                    2
                } else if r < 0.95 {
                    3
                } else {
                    4
                };
                lowers.push((s.to_string(), class));
            }
        }

        // Vocabulary and context words, by count then spelling.
        let mut order: Vec<u32> = (0..nf as u32)
            .filter(|&i| count[i as usize] >= opts.min_count)
            .collect();
        order.sort_unstable_by(|&a, &b| {
            count[b as usize]
                .cmp(&count[a as usize])
                .then(self.forms[a as usize].cmp(&self.forms[b as usize]))
        });
        order.truncate(opts.max_vocab);
        let mut vocab = vec![u32::MAX; nf];
        for (k, &f) in order.iter().enumerate() {
            vocab[f as usize] = k as u32;
        }
        let mut lorder: Vec<u32> = (0..nl as u32).collect();
        let lower_names: Vec<&str> = {
            let mut v = vec![""; nl];
            for (s, &i) in &lower_ids {
                v[i as usize] = s;
            }
            v
        };
        lorder.sort_unstable_by(|&a, &b| {
            lower_count[b as usize]
                .cmp(&lower_count[a as usize])
                .then(lower_names[a as usize].cmp(lower_names[b as usize]))
        });
        let nc = opts.contexts.min(nl);
        let mut ctx_of_lower = vec![u32::MAX; nl];
        for (k, &l) in lorder.iter().take(nc).enumerate() {
            ctx_of_lower[l as usize] = k as u32;
        }
        // Dimensions: left neighbour 0..nc, sentence start nc; right nc+1.., sentence end 2nc+1.
        let dims = 2 * nc + 2;
        let ctx = |t: u32, left: bool| -> Option<u32> {
            let base = if left { 0 } else { nc as u32 + 1 };
            if t == u32::MAX {
                return Some(base + nc as u32);
            }
            let c = ctx_of_lower[form_lower[t as usize] as usize];
            (c != u32::MAX).then_some(base + c)
        };
        progress(&format!(
            "{} tokens, {} forms, vocabulary {}, {} context words",
            self.tokens(),
            nf,
            order.len(),
            nc
        ));

        let mut pairs: HashMap<u64, u32> = HashMap::new();
        let s = &self.stream;
        for i in 0..s.len() {
            let t = s[i];
            if t == u32::MAX || vocab[t as usize] == u32::MAX {
                continue;
            }
            let w = vocab[t as usize] as u64;
            let left = if i == 0 { u32::MAX } else { s[i - 1] };
            let right = s.get(i + 1).copied().unwrap_or(u32::MAX);
            for c in [ctx(left, true), ctx(right, false)].into_iter().flatten() {
                *pairs.entry(w * dims as u64 + c as u64).or_insert(0) += 1;
            }
        }
        // Positive PMI with context counts smoothed by ^0.75, rows normalised.
        let nv = order.len();
        let mut wsum = vec![0f64; nv];
        let mut csum = vec![0f64; dims];
        let mut keys: Vec<(u64, u32)> = pairs.into_iter().collect();
        keys.sort_unstable();
        for &(k, n) in &keys {
            wsum[(k / dims as u64) as usize] += n as f64;
            csum[(k % dims as u64) as usize] += n as f64;
        }
        let csmooth: Vec<f64> = csum.iter().map(|c| c.powf(0.75)).collect();
        let ctotal: f64 = csmooth.iter().sum();
        let total: f64 = wsum.iter().sum();
        let mut rows: Vec<Vec<(u32, f32)>> = vec![Vec::new(); nv];
        for &(k, n) in &keys {
            let (w, c) = ((k / dims as u64) as usize, (k % dims as u64) as usize);
            let pmi = ((n as f64 / total) / ((wsum[w] / total) * (csmooth[c] / ctotal))).ln();
            if pmi > 0.0 {
                rows[w].push((c as u32, pmi as f32));
            }
        }
        for r in &mut rows {
            let norm = r.iter().map(|(_, v)| v * v).sum::<f32>().sqrt();
            if norm > 0.0 {
                r.iter_mut().for_each(|(_, v)| *v /= norm);
            }
        }

        let mut assignments = Vec::new();
        for &k in &opts.sizes {
            let a = spherical_kmeans(&rows, dims, k as usize, opts.iterations);
            progress(&format!("k-means with {k} clusters done"));
            assignments.push(a);
        }
        let forms: Vec<(String, ClusterIds)> = order
            .iter()
            .enumerate()
            .map(|(v, &f)| {
                let c = [0, 1, 2].map(|level| assignments[level][v] as u16 + 1);
                (self.forms[f as usize].clone(), c)
            })
            .collect();
        WordTable::from_parts(opts.sizes, forms, lowers)
    }
}

/// Tokens after which a capital says nothing: sentence-final marks, quotes, dashes.
fn is_opening(prev: &str) -> bool {
    matches!(
        prev,
        "." | "!"
            | "?"
            | ":"
            | "\""
            | "“"
            | "'"
            | "`"
            | "``"
            | "("
            | "-"
            | "--"
            | "—"
            | "–"
            | "..."
    )
}

/// Assigns each row to one of `k` clusters by cosine similarity.
fn spherical_kmeans(
    rows: &[Vec<(u32, f32)>],
    dims: usize,
    k: usize,
    iterations: usize,
) -> Vec<u32> {
    let n = rows.len();
    let k = k.min(n.max(1));
    // Seeds: spread over the 20k most frequent words with a fixed stride generator.
    let pool = n.clamp(1, 20_000);
    let mut centroids = vec![0f32; dims * k]; // transposed: [dim][cluster]
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for c in 0..k {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let w = (state % pool as u64) as usize;
        for &(d, v) in &rows[w] {
            centroids[d as usize * k + c] = v;
        }
    }
    let mut assign = vec![0u32; n];
    let mut scores = vec![0f32; k];
    for _ in 0..iterations {
        for (w, row) in rows.iter().enumerate() {
            scores.iter_mut().for_each(|s| *s = 0.0);
            for &(d, v) in row {
                let col = &centroids[d as usize * k..d as usize * k + k];
                for (s, c) in scores.iter_mut().zip(col) {
                    *s += v * c;
                }
            }
            let mut best = 0;
            for c in 1..k {
                if scores[c] > scores[best] {
                    best = c;
                }
            }
            assign[w] = best as u32;
        }
        centroids.iter_mut().for_each(|x| *x = 0.0);
        for (w, row) in rows.iter().enumerate() {
            let c = assign[w] as usize;
            for &(d, v) in row {
                centroids[d as usize * k + c] += v;
            }
        }
        let mut norms = vec![0f32; k];
        for d in 0..dims {
            for c in 0..k {
                norms[c] += centroids[d * k + c].powi(2);
            }
        }
        for d in 0..dims {
            for c in 0..k {
                if norms[c] > 0.0 {
                    centroids[d * k + c] /= norms[c].sqrt();
                }
            }
        }
    }
    assign
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_used_alike_share_a_cluster_and_capitals_are_counted() {
        let mut corpus = Corpus::default();
        for _ in 0..20 {
            for city in ["Kyiv", "Kharkiv", "Odesa"] {
                corpus.add_sentence(["troops", "reached", city, "on", "Monday", "."]);
                corpus.add_sentence(["the", "mayor", "of", city, "said", "so", "."]);
            }
            for food in ["bread", "rice"] {
                corpus.add_sentence(["they", "ate", "some", food, "with", "salt", "."]);
            }
        }
        let opts = ClusterOptions {
            min_count: 2,
            contexts: 50,
            sizes: [2, 3, 4],
            ..Default::default()
        };
        let table = corpus.build(&opts, |_| {});
        let kyiv = table.clusters("Kyiv", "kyiv");
        assert_eq!(kyiv, table.clusters("Odesa", "odesa"));
        assert_eq!(
            kyiv,
            table.clusters("KHARKIV", "kharkiv"),
            "headline capitals fall back to title case"
        );
        assert_eq!(table.clusters("Lviv", "lviv"), [0, 0, 0]);
        assert_eq!(table.caps_class("kyiv"), 4);
        assert_eq!(table.caps_class("bread"), 1);
        let again = WordTable::from_bytes(&table.to_bytes().unwrap()).unwrap();
        assert_eq!(again.clusters("Kyiv", "kyiv"), kyiv);
    }
}
