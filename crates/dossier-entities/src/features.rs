//! The tagger's features, hashed to `u64` with no per-token allocation.
//!
//! Most features of a token depend on one word of its +/-2 window only, in a fixed role
//! ("the word two to the left is `the`", "the token's suffix is `-sk`"). They are
//! generated per word and role by [`role_features`], so that the model can sum them
//! once per frequent word and role at load time (see `model.rs`) instead of once per
//! token; the few that combine words, read the sentence or the name lists, or read the
//! previous tags are [`context_features`] and [`Scratch::dynamic_features`].

use crate::hash::{bytes, int};
use crate::names::{Names, token_key};
use crate::words::WordTable;

/// What the feature extractor consults besides the sentence itself.
#[derive(Clone, Copy)]
pub struct Lexicon<'a> {
    pub words: &'a WordTable,
    /// Names learned from the training annotations.
    pub names: &'a Names,
    /// Names the tagger found in unlabelled news (see `examples/autonames.rs`).
    pub auto: &'a Names,
}

/// Where the second list's bits start in a token's name marks.
pub const AUTO_SHIFT: u32 = 16;

/// What the features need to know of one token.
#[derive(Copy, Clone, Debug, Default)]
pub struct Word {
    pub form: u64,
    /// [`token_key`] of the lower-case form.
    pub lower: u64,
    /// The same, kept when training hides `form` and `lower` (see [`Scratch::prepare`]):
    /// what the name lists and the [`History`] go by.
    pub key: u64,
    pub shape: u64,
    pub clusters: [u16; 3],
    /// Capitalisation class in unlabelled text (see [`WordTable::caps_class`]).
    pub caps: u8,
    /// Bit 0: has a letter; bit 1: has a lower-case letter; bit 2: starts with a capital.
    pub letters: u8,
}

/// The hash of a form, which is also the key of the model's per-word cache.
#[inline]
pub fn form_key(form: &str) -> u64 {
    bytes(FORM, form.as_bytes())
}

impl Word {
    /// Describes `form`, writing its lower-case form into `lower` (cleared first).
    pub fn new(form: &str, lower: &mut String, words: &WordTable) -> Word {
        lower.clear();
        if form.is_ascii() {
            lower.extend(form.bytes().map(|b| b.to_ascii_lowercase() as char));
        } else {
            lower.extend(form.chars().flat_map(char::to_lowercase));
        }
        let mut letters = if form.chars().next().is_some_and(char::is_uppercase) {
            4
        } else {
            0
        };
        for c in form.chars() {
            if c.is_alphabetic() {
                letters |= 1;
                if c.is_lowercase() {
                    letters |= 2;
                }
            }
        }
        let key = token_key(lower);
        Word {
            form: form_key(form),
            lower: key,
            key,
            shape: shape(form),
            clusters: words.clusters(form, lower),
            caps: words.caps_class(lower),
            letters,
        }
    }
}

// Template numbers; each feature is a hash seeded by its template.
const BIAS: u64 = 1;
const FORM: u64 = 2;
const LOWER: [u64; 5] = [3, 4, 5, 6, 7]; // offsets -2..=2
const PREFIX: u64 = 8;
const SUFFIX: u64 = 9;
const SHAPE: [u64; 5] = [0, 10, 11, 12, 0]; // offsets -1..=1
const SHAPE_BI: [u64; 2] = [13, 14];
const LOWER_BI: [u64; 2] = [15, 16];
const CLUSTER: [u64; 5] = [17, 18, 19, 20, 21]; // offsets -2..=2
const CLUSTER_LEVELS: [usize; 5] = [1, 2, 3, 2, 1];
const CAPS: u64 = 22;
const FIRST: u64 = 23;
const HEADLINE: u64 = 24;
const HEADLINE_CAPS: u64 = 25;
const NAMES: [u64; 3] = [26, 27, 28]; // offsets -1..=1
const FORM_SHAPE_CLUSTER: u64 = 29;
const CAPS_CLUSTER: u64 = 30;
const HISTORY: u64 = 31;
const HISTORY_SHAPE: u64 = 32;
const PREV_TAG: u64 = 40;
const PREV_TAGS: u64 = 41;
const PREV_TAG_LOWER: u64 = 42;
const PREV_TAG_SHAPE: u64 = 43;

/// Stands for the words beyond the sentence's ends.
const BOUNDARY: u64 = 0xb0b0;
/// Stands for a word made unknown in training.
const UNKNOWN: u64 = 0x0a0a;

/// Roles of a word relative to the token being tagged: offsets -2..=2, 2 is the token.
pub const ROLES: usize = 5;
pub const SELF: usize = 2;

/// A short word shape: classes of characters with repeats collapsed ("Xx", "X.X.", "d-d").
fn shape(word: &str) -> u64 {
    let mut h = 0x5a;
    let mut last = 0u32;
    let mut n = 0;
    for c in word.chars() {
        let k = if c.is_uppercase() {
            'X' as u32
        } else if c.is_lowercase() {
            'x' as u32
        } else if c.is_numeric() {
            'd' as u32
        } else if c.is_alphabetic() {
            'a' as u32
        } else {
            c as u32
        };
        if k != last {
            h = int(h, k as u64);
            last = k;
            n += 1;
            if n > 6 {
                break;
            }
        }
    }
    h
}

/// Features of the word in `role`; `None` is the boundary beyond the sentence.
/// `lower` is the word's lower-case form (read in the token's own role only).
pub fn role_features(role: usize, word: Option<(&Word, &str)>, out: &mut Vec<u64>) {
    let Some((w, lower)) = word else {
        out.push(int(LOWER[role], BOUNDARY));
        if SHAPE[role] != 0 {
            out.push(int(SHAPE[role], BOUNDARY));
        }
        for level in 0..CLUSTER_LEVELS[role] {
            out.push(int(int(CLUSTER[role], level as u64), u16::MAX as u64));
        }
        return;
    };
    out.push(int(LOWER[role], w.lower));
    if SHAPE[role] != 0 {
        out.push(int(SHAPE[role], w.shape));
    }
    for (level, &id) in w.clusters.iter().enumerate().take(CLUSTER_LEVELS[role]) {
        out.push(int(int(CLUSTER[role], level as u64), id as u64));
    }
    if role == SELF {
        out.push(BIAS);
        out.push(w.form);
        let chars = lower
            .char_indices()
            .map(|(i, _)| i)
            .skip(1)
            .chain(std::iter::once(lower.len()));
        for end in chars.take(4) {
            out.push(bytes(PREFIX, &lower.as_bytes()[..end]));
        }
        for (start, _) in lower.char_indices().rev().take(4) {
            out.push(bytes(SUFFIX, &lower.as_bytes()[start..]));
        }
        out.push(int(int(FORM_SHAPE_CLUSTER, w.shape), w.clusters[2] as u64));
        out.push(int(int(CAPS_CLUSTER, w.caps as u64), w.clusters[1] as u64));
        out.push(int(int(CAPS, w.caps as u64), w.shape));
    }
}

/// Whether a sentence is written in capitals throughout (a headline or dateline).
pub fn is_headline(words: &[Word]) -> bool {
    let mut any = false;
    for w in words {
        if w.letters & 2 != 0 {
            return false;
        }
        any |= w.letters & 1 != 0;
    }
    any
}

/// Features of token `i` that combine words or read the sentence and the name lists.
pub fn context_features(
    words: &[Word],
    names: &[u32],
    headline: bool,
    i: usize,
    out: &mut Vec<u64>,
) {
    let n = words.len();
    let at = |k: isize| (k >= 0 && (k as usize) < n).then(|| &words[k as usize]);
    let ii = i as isize;
    let lower = |k: isize| at(k).map_or(BOUNDARY, |w| w.lower);
    let shape = |k: isize| at(k).map_or(BOUNDARY, |w| w.shape);
    let w = &words[i];
    out.push(int(int(SHAPE_BI[0], shape(ii - 1)), w.shape));
    out.push(int(int(SHAPE_BI[1], w.shape), shape(ii + 1)));
    out.push(int(int(LOWER_BI[0], lower(ii - 1)), w.lower));
    out.push(int(int(LOWER_BI[1], w.lower), lower(ii + 1)));
    out.push(int(int(FIRST, (i == 0) as u64), w.shape));
    if i == 0 {
        out.push(int(int(FIRST, 2), w.lower));
    }
    if headline {
        out.push(int(HEADLINE, w.shape));
        out.push(int(int(HEADLINE_CAPS, w.caps as u64), w.clusters[1] as u64));
    }
    for (k, t) in NAMES.iter().enumerate() {
        let j = ii + k as isize - 1;
        if j < 0 || j >= n as isize {
            continue;
        }
        let mut bits = names[j as usize];
        while bits != 0 {
            out.push(int(*t, bits.trailing_zeros() as u64));
            bits &= bits - 1;
        }
    }
}

/// Features that read the two previous tags (`u8::MAX` before the sentence).
pub fn prev_tag_features(prev: u8, prev2: u8) -> [u64; 2] {
    [
        int(PREV_TAG, prev as u64),
        int(int(PREV_TAGS, prev as u64), prev2 as u64),
    ]
}

/// Features that combine the previous tag with the token.
pub fn tag_word_features(w: &Word, prev: u8) -> [u64; 2] {
    [
        int(int(PREV_TAG_LOWER, prev as u64), w.lower),
        int(int(PREV_TAG_SHAPE, prev as u64), w.shape),
    ]
}

/// How the document's capitalised words were tagged so far: the tagger's memory across
/// sentences. "Leicestershire" tagged ORG in the body makes ORG likelier for the same
/// word in an ambiguous headline (Ratinov & Roth's "extended prediction history").
#[derive(Clone, Default)]
pub struct History {
    /// By lower-case key: counts of O, PER, ORG, LOC, MISC, 12 bits each.
    counts: crate::hash::FlatMap<u64>,
}

impl History {
    /// Forgets the document; keeps the memory of a small one for the next.
    pub fn clear(&mut self) {
        self.counts.clear_keeping(1 << 10);
    }

    /// Records a tagged sentence; `classes[i]` is 0 for O, else 1 + the class index.
    pub fn record(&mut self, words: &[Word], classes: impl IntoIterator<Item = u8>) {
        for (w, c) in words.iter().zip(classes) {
            if w.letters & 4 == 0 {
                continue;
            }
            let mut packed = self.counts.get(w.key).unwrap_or(0);
            let shift = 12 * c as u64;
            if (packed >> shift) & 0xfff < 0xfff {
                packed += 1 << shift;
            }
            self.counts.insert(w.key, packed);
        }
    }

    /// Features of a capitalised word seen before: its majority tag so far, and whether
    /// it was unanimous.
    pub fn features(&self, w: &Word) -> Option<[u64; 2]> {
        if w.letters & 4 == 0 {
            return None;
        }
        let packed = self.counts.get(w.key)?;
        let counts: [u64; 5] = std::array::from_fn(|c| (packed >> (12 * c)) & 0xfff);
        let total: u64 = counts.iter().sum();
        let best = (0..5)
            .max_by_key(|&c| (counts[c], std::cmp::Reverse(c)))
            .unwrap();
        let unanimous = counts[best] == total;
        Some([
            int(HISTORY, best as u64 * 2 + unanimous as u64),
            int(int(HISTORY_SHAPE, best as u64), w.shape),
        ])
    }
}

/// A sentence with every static feature of every token listed: for training, where
/// each sentence is visited many times.
#[derive(Clone, Default)]
pub struct Scratch {
    pub words: Vec<Word>,
    names: Vec<u32>,
    feats: Vec<u64>,
    offsets: Vec<u32>,
}

impl Scratch {
    /// Lists the features of a sentence. Tokens marked in `unknown` lose the features
    /// that name the word itself, as if it had never been seen: in training, this makes
    /// the model learn what spelling, shape and cluster say about rare words.
    pub fn prepare(&mut self, forms: &[&str], lex: Lexicon, unknown: &[bool]) {
        let mut lower = String::new();
        let mut lowers: Vec<String> = Vec::with_capacity(forms.len());
        self.words.clear();
        for f in forms {
            self.words.push(Word::new(f, &mut lower, lex.words));
            lowers.push(lower.clone());
        }
        let keys: Vec<u64> = self.words.iter().map(|w| w.key).collect();
        self.names.clear();
        self.names.resize(keys.len(), 0);
        lex.names.mark(&keys, None, 0, &mut self.names);
        lex.auto.mark(&keys, None, AUTO_SHIFT, &mut self.names);
        let headline = is_headline(&self.words);
        for (w, _) in self.words.iter_mut().zip(unknown).filter(|(_, u)| **u) {
            w.form = UNKNOWN;
            w.lower = UNKNOWN;
        }
        self.feats.clear();
        self.offsets.clear();
        let n = forms.len() as isize;
        for i in 0..forms.len() {
            self.offsets.push(self.feats.len() as u32);
            for role in 0..ROLES {
                let j = i as isize + role as isize - SELF as isize;
                let word = (0..n)
                    .contains(&j)
                    .then(|| (&self.words[j as usize], lowers[j as usize].as_str()));
                role_features(role, word, &mut self.feats);
            }
            context_features(&self.words, &self.names, headline, i, &mut self.feats);
        }
        self.offsets.push(self.feats.len() as u32);
    }

    pub fn static_features(&self, i: usize) -> &[u64] {
        &self.feats[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    pub fn dynamic_features(&self, i: usize, prev: u8, prev2: u8) -> [u64; 4] {
        let [a, b] = prev_tag_features(prev, prev2);
        let [c, d] = tag_word_features(&self.words[i], prev);
        [a, b, c, d]
    }
}
