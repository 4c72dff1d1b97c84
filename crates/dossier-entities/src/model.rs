//! The tagger: BILOU tags over the four CoNLL classes, scored by a linear model and
//! decoded greedily left to right with the two previous tags as features.
//!
//! Greedy decoding with BILOU tags does about as well as Viterbi for this kind of model
//! (Ratinov & Roth 2009) and keeps tagging at one pass of table lookups per token; a
//! one-token look-back ([`step`]) repairs the worst habit of greedy BILOU decoding.
//! Speed comes from memory: weights are 16-bit rows behind a cache-sized bit filter,
//! and the role features of the 20,000 most frequent forms are summed once at load,
//! so a frequent word costs one lookup instead of thirty.

use crate::codec::{FormatError, Reader, Writer};
use crate::conll::{Chunk, Class};
use crate::features::{
    AUTO_SHIFT, History, ROLES, SELF, Word, context_features, form_key, is_headline,
    prev_tag_features, role_features, tag_word_features,
};
use crate::hash::FlatMap;
use crate::names::Names;
use crate::words::WordTable;
use dossier_core::{Document, Span};

const MAGIC: &[u8; 8] = b"DSNER002";

/// O, then B, I, L, U for each class in [`Class::ALL`] order.
pub const TAGS: usize = 17;
pub(crate) const START: u8 = u8::MAX;

fn class_of(tag: u8) -> Option<(Class, u8)> {
    (tag != 0 && tag != START).then(|| (Class::ALL[((tag - 1) / 4) as usize], (tag - 1) % 4))
}

/// 0 for O, else 1 + the class index: what [`History`] counts.
pub(crate) fn tag_class(tag: u8) -> u8 {
    if tag == 0 || tag == START {
        0
    } else {
        1 + (tag - 1) / 4
    }
}

pub(crate) fn tag_of(class: Class, position: u8) -> u8 {
    1 + class as u8 * 4 + position
}

const B: u8 = 0;
const I: u8 = 1;
const L: u8 = 2;
const U: u8 = 3;

/// Whether `cur` may follow `prev` in a well-formed BILOU sequence.
pub(crate) fn allowed(prev: u8, cur: u8, last: bool) -> bool {
    let open = class_of(prev)
        .filter(|&(_, p)| p == B || p == I)
        .map(|(c, _)| c);
    match (open, class_of(cur)) {
        (Some(c), Some((k, p))) => k == c && (p == I || p == L) && !(last && p == I),
        (Some(_), None) => false,
        (None, Some((_, p))) => p == U || (p == B && !last),
        (None, None) => true,
    }
}

/// One greedy decision with a one-token look-back, given `score(prev, prev2)`: the
/// token's tag scores after the previous two tags, and `prev_scores`: the previous
/// token's.
///
/// Hard BILOU constraints alone make one wrong "inside" force a name on through the
/// next tokens ("A. Dale 69 ,"), and one wrong "last" cut it short. So the previous tag
/// may still flip between closing and continuing its name (B and U, I and L): of the
/// two, the one whose score plus this token's best score is higher wins. Returns this
/// token's tag, the previous token's tag if it flipped, and this token's scores.
pub(crate) fn step(
    prev: u8,
    prev2: u8,
    prev_scores: &[f32; TAGS],
    last: bool,
    mut score: impl FnMut(u8, u8) -> [f32; TAGS],
) -> (u8, Option<u8>, [f32; TAGS]) {
    let best_of = |scores: &[f32; TAGS], prev: u8| {
        let mut best = 0u8;
        let mut best_score = f32::NEG_INFINITY;
        for (t, &x) in scores.iter().enumerate() {
            if x > best_score && allowed(prev, t as u8, last) {
                best = t as u8;
                best_score = x;
            }
        }
        best
    };
    let scores = score(prev, prev2);
    let best = best_of(&scores, prev);
    if let Some((class, p)) = class_of(prev) {
        let alt = tag_of(class, [U, L, I, B][p as usize]);
        let alt_scores = score(alt, prev2);
        let alt_best = best_of(&alt_scores, alt);
        if prev_scores[alt as usize] + alt_scores[alt_best as usize]
            > prev_scores[prev as usize] + scores[best as usize]
        {
            return (alt_best, Some(alt), alt_scores);
        }
    }
    (best, None, scores)
}

/// Gold BILOU tags of a sentence of `n` tokens.
pub(crate) fn gold_tags(n: usize, chunks: &[Chunk]) -> Vec<u8> {
    let mut tags = vec![0u8; n];
    for c in chunks {
        if c.end - c.start == 1 {
            tags[c.start] = tag_of(c.class, U);
        } else {
            tags[c.start] = tag_of(c.class, B);
            for t in &mut tags[c.start + 1..c.end - 1] {
                *t = tag_of(c.class, I);
            }
            tags[c.end - 1] = tag_of(c.class, L);
        }
    }
    tags
}

/// Chunks of a tag sequence; an unclosed chunk ends where the next one starts.
pub(crate) fn chunks_of(tags: &[u8], out: &mut Vec<Chunk>) {
    out.clear();
    let mut open: Option<Chunk> = None;
    for (i, &t) in tags.iter().enumerate() {
        match class_of(t) {
            Some((c, p)) if (p == I || p == L) && open.is_some_and(|o| o.class == c) => {
                open.as_mut().unwrap().end = i + 1;
            }
            Some((class, _)) => {
                out.extend(open.take());
                open = Some(Chunk {
                    start: i,
                    end: i + 1,
                    class,
                });
            }
            None => out.extend(open.take()),
        }
        if matches!(class_of(t), Some((_, L | U))) {
            out.extend(open.take());
        }
    }
    out.extend(open);
}

/// Feature weights laid out for lookups that mostly miss: a 256 KB bit filter answers
/// "absent" from cache for most features of unseen words; present ones cost one probe
/// into a compact slot array and one 34-byte row of 16-bit weights.
struct WeightTable {
    filter: Vec<u64>,
    /// (fingerprint, row) pairs, open addressing; row `u32::MAX` marks an empty slot.
    slots: Vec<(u32, u32)>,
    rows: Vec<[i16; TAGS]>,
    scale: f32,
}

const FILTER_BITS: u32 = 21;

#[inline]
fn spread(f: u64) -> u64 {
    (f ^ (f >> 31)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

impl WeightTable {
    fn new(weights: Vec<(u64, [i16; TAGS])>, scale: f32) -> WeightTable {
        let mut filter = vec![0u64; 1 << (FILTER_BITS - 6)];
        let mut slots = vec![(0u32, u32::MAX); (weights.len() * 2).next_power_of_two().max(16)];
        let mask = slots.len() - 1;
        let mut rows = Vec::with_capacity(weights.len());
        for (f, row) in weights {
            let h = spread(f);
            let bit = h >> (64 - FILTER_BITS);
            filter[(bit >> 6) as usize] |= 1 << (bit & 63);
            let mut i = h as usize & mask;
            while slots[i].1 != u32::MAX {
                i = (i + 1) & mask;
            }
            slots[i] = ((f >> 32) as u32, rows.len() as u32);
            rows.push(row);
        }
        WeightTable {
            filter,
            slots,
            rows,
            scale,
        }
    }

    #[inline]
    fn get(&self, f: u64) -> Option<&[i16; TAGS]> {
        let h = spread(f);
        let bit = h >> (64 - FILTER_BITS);
        if self.filter[(bit >> 6) as usize] & (1 << (bit & 63)) == 0 {
            return None;
        }
        let mask = self.slots.len() - 1;
        let fp = (f >> 32) as u32;
        let mut i = h as usize & mask;
        loop {
            let (k, r) = self.slots[i];
            if r == u32::MAX {
                return None;
            }
            if k == fp {
                return Some(&self.rows[r as usize]);
            }
            i = (i + 1) & mask;
        }
    }
}

/// How many of the corpus's most frequent forms get their role scores summed at load.
const CACHED_FORMS: usize = 20_000;

type RoleRows = [[f32; TAGS]; ROLES];

/// A trained tagger with the word table and name lists it was trained with.
pub struct Model {
    pub(crate) words: WordTable,
    pub(crate) names: Names,
    pub(crate) auto: Names,
    weights: WeightTable,
    /// Feature hashes in row order, for saving.
    keys: Vec<u64>,
    /// Frequent forms: what they are, and the summed weights of their features per role.
    cache: FlatMap<u32>,
    cache_words: Vec<Word>,
    /// Whether a listed name begins with the cached form.
    cache_starts: Vec<bool>,
    cache_rows: Vec<RoleRows>,
    boundary: RoleRows,
    /// Weights of the previous-tags features, by `tag_index(prev) * 18 + tag_index(prev2)`.
    tag_pairs: Vec<[f32; TAGS]>,
}

fn tag_index(t: u8) -> usize {
    if t == START { TAGS } else { t as usize }
}

impl Model {
    /// A model from averaged weights, quantised to 16 bits.
    pub(crate) fn new(
        words: WordTable,
        names: Names,
        auto: Names,
        weights: Vec<(u64, [f32; TAGS])>,
    ) -> Model {
        let max = weights
            .iter()
            .flat_map(|(_, r)| r)
            .fold(0f32, |m, x| m.max(x.abs()));
        let scale = if max > 0.0 {
            max / i16::MAX as f32
        } else {
            1.0
        };
        let q = weights
            .into_iter()
            .map(|(k, r)| (k, r.map(|x| (x / scale).round() as i16)))
            .collect();
        Model::quantised(words, names, auto, q, scale)
    }

    fn quantised(
        words: WordTable,
        names: Names,
        auto: Names,
        mut weights: Vec<(u64, [i16; TAGS])>,
        scale: f32,
    ) -> Model {
        weights.sort_unstable_by_key(|(k, _)| *k);
        let keys = weights.iter().map(|(k, _)| *k).collect();
        let mut model = Model {
            words,
            names,
            auto,
            weights: WeightTable::new(weights, scale),
            keys,
            cache: FlatMap::default(),
            cache_words: Vec::new(),
            cache_starts: Vec::new(),
            cache_rows: Vec::new(),
            boundary: [[0.0; TAGS]; ROLES],
            tag_pairs: Vec::new(),
        };
        model.fill_caches();
        model
    }

    fn fill_caches(&mut self) {
        let mut feats = Vec::new();
        let mut lower = String::new();
        let forms: Vec<String> = self
            .words
            .forms()
            .take(CACHED_FORMS)
            .map(str::to_string)
            .collect();
        let mut cache = FlatMap::with_capacity(forms.len());
        for form in &forms {
            let w = Word::new(form, &mut lower, &self.words);
            cache.insert(w.form, self.cache_words.len() as u32);
            let rows = self.role_rows(Some((&w, &lower)), &mut feats);
            self.cache_starts
                .push(self.names.starts_name(w.key) || self.auto.starts_name(w.key));
            self.cache_words.push(w);
            self.cache_rows.push(rows);
        }
        self.cache = cache;
        self.boundary = self.role_rows(None, &mut feats);
        self.tag_pairs = (0..=TAGS)
            .flat_map(|p| (0..=TAGS).map(move |p2| (p, p2)))
            .map(|(p, p2)| {
                let t = |i: usize| if i == TAGS { START } else { i as u8 };
                let mut row = [0.0; TAGS];
                for f in prev_tag_features(t(p), t(p2)) {
                    self.add(f, &mut row);
                }
                row
            })
            .collect();
    }

    fn role_rows(&self, word: Option<(&Word, &str)>, feats: &mut Vec<u64>) -> RoleRows {
        let mut rows = [[0.0; TAGS]; ROLES];
        for (role, row) in rows.iter_mut().enumerate() {
            feats.clear();
            role_features(role, word, feats);
            for &f in feats.iter() {
                self.add(f, row);
            }
        }
        rows
    }

    #[inline]
    fn add(&self, feature: u64, scores: &mut [f32; TAGS]) {
        if let Some(row) = self.weights.get(feature) {
            let scale = self.weights.scale;
            for (s, &w) in scores.iter_mut().zip(row) {
                *s += w as f32 * scale;
            }
        }
    }

    /// The names in a document's sentences, in text order.
    ///
    /// A sentence that ends in a dash on the same line as the next ("KYIV, Jan 11
    /// (Reuters) -", "CRICKET -") is tagged together with it, as the training data has
    /// such datelines and headline labels.
    pub fn names_in(&self, doc: &Document) -> Vec<(Span, Class)> {
        thread_local! {
            static SCRATCH: std::cell::RefCell<TagScratch> = Default::default();
        }
        SCRATCH.with_borrow_mut(|scratch| {
            scratch.new_document();
            self.names_in_with(doc, scratch)
        })
    }

    fn names_in_with(&self, doc: &Document, scratch: &mut TagScratch) -> Vec<(Span, Class)> {
        let mut chunks = Vec::new();
        let mut words: Vec<&str> = Vec::new();
        let mut found = Vec::new();
        let mut units: Vec<std::ops::Range<usize>> = Vec::with_capacity(doc.sentences.len());
        for s in &doc.sentences {
            let range = s.tokens();
            if range.is_empty() || range.end > doc.tokens.len() {
                continue;
            }
            if let Some(last) = units.last_mut()
                && last.end == range.start
                && matches!(doc.token_str(last.end - 1), "-" | "--" | "—" | "–")
                && !doc.text[doc.tokens[last.end - 1].span.end as usize
                    ..doc.tokens[range.start].span.start as usize]
                    .contains('\n')
            {
                last.end = range.end;
            } else {
                units.push(range);
            }
        }
        for range in units {
            words.clear();
            words.extend(
                doc.tokens[range.clone()]
                    .iter()
                    .map(|t| t.span.of(&doc.text)),
            );
            self.tag(&words, scratch, &mut chunks);
            for c in &chunks {
                let first = doc.tokens[range.start + c.start].span;
                let last = doc.tokens[range.start + c.end - 1].span;
                found.push((first.cover(last), c.class));
            }
        }
        found
    }

    /// The names in one sentence of words.
    pub fn tag(&self, forms: &[&str], s: &mut TagScratch, out: &mut Vec<Chunk>) {
        const NONE: u32 = u32::MAX;
        let n = forms.len();
        s.words.clear();
        s.cached.clear();
        s.starts.clear();
        s.own.resize(n, [[0.0; TAGS]; ROLES]);
        for (j, form) in forms.iter().enumerate() {
            match self.cache.get(form_key(form)) {
                Some(c) => {
                    s.words.push(self.cache_words[c as usize]);
                    s.starts.push(self.cache_starts[c as usize]);
                    s.cached.push(c);
                }
                None => {
                    let w = Word::new(form, &mut s.lower, &self.words);
                    s.own[j] = self.role_rows(Some((&w, &s.lower)), &mut s.feats);
                    s.starts
                        .push(self.names.starts_name(w.key) || self.auto.starts_name(w.key));
                    s.words.push(w);
                    s.cached.push(NONE);
                }
            }
        }
        s.keys.clear();
        s.keys.extend(s.words.iter().map(|w| w.key));
        s.names.clear();
        s.names.resize(n, 0);
        self.names.mark(&s.keys, Some(&s.starts), 0, &mut s.names);
        self.auto
            .mark(&s.keys, Some(&s.starts), AUTO_SHIFT, &mut s.names);
        let headline = is_headline(&s.words);

        // Everything that does not depend on the tags chosen, token by token: iterations
        // independent of each other, so that the memory lookups of several tokens overlap.
        s.base.clear();
        for i in 0..n {
            let mut base = [0f32; TAGS];
            for role in 0..ROLES {
                let j = i as isize + role as isize - SELF as isize;
                let row = if j < 0 || j >= n as isize {
                    &self.boundary[role]
                } else if s.cached[j as usize] != NONE {
                    &self.cache_rows[s.cached[j as usize] as usize][role]
                } else {
                    &s.own[j as usize][role]
                };
                for (a, b) in base.iter_mut().zip(row) {
                    *a += b;
                }
            }
            s.feats.clear();
            context_features(&s.words, &s.names, headline, i, &mut s.feats);
            s.feats
                .extend(s.history.features(&s.words[i]).into_iter().flatten());
            for &f in &s.feats {
                self.add(f, &mut base);
            }
            s.base.push(base);
        }

        s.tags.clear();
        let (mut prev, mut prev2) = (START, START);
        for i in 0..n {
            let base = s.base[i];
            let word = &s.words[i];
            let (best, repaired, scores) = step(prev, prev2, &s.scores, i + 1 == n, |p, p2| {
                let mut scores = base;
                for (a, b) in scores
                    .iter_mut()
                    .zip(&self.tag_pairs[tag_index(p) * (TAGS + 1) + tag_index(p2)])
                {
                    *a += b;
                }
                for f in tag_word_features(word, p) {
                    self.add(f, &mut scores);
                }
                scores
            });
            if let Some(r) = repaired {
                *s.tags.last_mut().unwrap() = r;
                prev = r;
            }
            s.scores = scores;
            s.tags.push(best);
            prev2 = prev;
            prev = best;
        }
        chunks_of(&s.tags, out);
        s.history
            .record(&s.words, s.tags.iter().map(|&t| tag_class(t)));
    }

    pub fn features(&self) -> usize {
        self.keys.len()
    }

    /// Bytes held in memory by weights, word table and name lists (approximately).
    pub fn memory(&self) -> usize {
        let w = &self.weights;
        let cache = self.cache_rows.len() * std::mem::size_of::<RoleRows>()
            + self.cache_words.len() * (std::mem::size_of::<Word>() + 17);
        w.filter.len() * 8
            + w.slots.len() * 8
            + w.rows.len() * TAGS * 2
            + self.keys.len() * 8
            + cache
            + self.words.len() * 48
            + (self.names.len() + self.auto.len()) * 56
    }

    /// Gzip-compressed bytes; each row stores only its non-zero weights.
    pub fn to_bytes(&self) -> std::io::Result<Vec<u8>> {
        let mut w = Writer::new(MAGIC);
        self.words.write(&mut w);
        self.names.write(&mut w);
        self.auto.write(&mut w);
        w.f32(self.weights.scale);
        w.u32(self.keys.len() as u32);
        for (k, row) in self.keys.iter().zip(&self.weights.rows) {
            w.u64(*k);
            w.u8(row.iter().filter(|&&x| x != 0).count() as u8);
            for (t, &x) in row.iter().enumerate().filter(|(_, x)| **x != 0) {
                w.u8(t as u8);
                w.u16(x as u16);
            }
        }
        w.gzip()
    }

    pub fn save(&self, path: &std::path::Path) -> std::io::Result<()> {
        std::fs::write(path, self.to_bytes()?)
    }

    pub fn load(gz: &[u8]) -> Result<Model, FormatError> {
        let mut r = Reader::open(gz, MAGIC, "entity model")?;
        let words = WordTable::read(&mut r)?;
        let names = Names::read(&mut r)?;
        let auto = Names::read(&mut r)?;
        let scale = r.f32()?;
        let n = r.u32()? as usize;
        let mut weights = Vec::with_capacity(n);
        for _ in 0..n {
            let k = r.u64()?;
            let mut row = [0i16; TAGS];
            for _ in 0..r.u8()? {
                let t = r.u8()? as usize;
                let x = r.u16()? as i16;
                if let Some(slot) = row.get_mut(t) {
                    *slot = x;
                }
            }
            weights.push((k, row));
        }
        Ok(Model::quantised(words, names, auto, weights, scale))
    }
}

/// Working memory for [`Model::tag`], reused between the sentences of one document;
/// it remembers how the document's words were tagged (see [`History`]), so use a new
/// one, or [`TagScratch::new_document`], for each document.
#[derive(Default)]
pub struct TagScratch {
    history: History,
    words: Vec<Word>,
    cached: Vec<u32>,
    starts: Vec<bool>,
    /// Role scores of the sentence's words that are not cached.
    own: Vec<RoleRows>,
    /// Each token's scores from the features that do not read tags.
    base: Vec<[f32; TAGS]>,
    lower: String,
    keys: Vec<u64>,
    names: Vec<u32>,
    feats: Vec<u64>,
    tags: Vec<u8>,
    /// The scores of the last token tagged.
    scores: [f32; TAGS],
}

impl TagScratch {
    pub fn new_document(&mut self) {
        self.history.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bilou_round_trips_and_rejects_broken_sequences() {
        let chunks = [
            Chunk {
                start: 0,
                end: 1,
                class: Class::Per,
            },
            Chunk {
                start: 2,
                end: 5,
                class: Class::Loc,
            },
        ];
        let tags = gold_tags(6, &chunks);
        let mut back = Vec::new();
        chunks_of(&tags, &mut back);
        assert_eq!(back, chunks);
        let b_loc = tag_of(Class::Loc, B);
        assert!(!allowed(b_loc, 0, false), "an open name must continue");
        assert!(
            !allowed(b_loc, tag_of(Class::Per, L), false),
            "and in its own class"
        );
        assert!(!allowed(START, tag_of(Class::Per, I), false));
        assert!(
            !allowed(START, b_loc, true),
            "nothing opens on the last token"
        );
    }
}

#[cfg(test)]
mod consistency {
    use super::*;
    use crate::features::{Lexicon, Scratch};

    /// The committed model tags the same through its caches as feature by feature.
    #[test]
    fn cached_scores_equal_feature_sums() {
        let model = Model::load(include_bytes!("../../../models/ner/model.bin.gz")).unwrap();
        let words = [
            "fired",
            "up",
            "17",
            "aces",
            "to",
            "subdue",
            "the",
            "never-say-die",
            "Washington",
            ".",
        ];
        let mut scratch = Scratch::default();
        scratch.prepare(
            &words,
            Lexicon {
                words: &model.words,
                names: &model.names,
                auto: &model.auto,
            },
            &[],
        );
        let mut slow = Vec::new();
        let mut prev_scores = [0f32; TAGS];
        let (mut prev, mut prev2) = (START, START);
        for i in 0..words.len() {
            let (best, repaired, scores) =
                step(prev, prev2, &prev_scores, i + 1 == words.len(), |p, p2| {
                    let mut scores = [0f32; TAGS];
                    for &f in scratch
                        .static_features(i)
                        .iter()
                        .chain(&scratch.dynamic_features(i, p, p2))
                    {
                        model.add(f, &mut scores);
                    }
                    scores
                });
            if let Some(r) = repaired {
                *slow.last_mut().unwrap() = r;
                prev = r;
            }
            prev_scores = scores;
            slow.push(best);
            prev2 = prev;
            prev = best;
        }
        let mut s = TagScratch::default();
        let mut out = Vec::new();
        model.tag(&words, &mut s, &mut out);
        assert_eq!(s.tags, slow);
    }
}
