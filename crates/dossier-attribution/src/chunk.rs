//! A shallow parser: noun, verb and prepositional phrase chunks.
//!
//! Who said something is usually the noun phrase next to the cue, and the cue itself a
//! verb group; chunks give the attribution taggers those boundaries without a full
//! parser. The chunker is trained on the CoNLL-2003 chunk column (Penn Treebank
//! conventions, the same the tokeniser follows) by [`Chunker::train`].

use crate::perceptron::{Features, Tagger, Trainer};
use std::io::{self, Read, Write};

pub const LABELS: [&str; 9] = [
    "O", "B-NP", "I-NP", "B-VP", "I-VP", "B-PP", "B-SBAR", "B-X", "I-X",
];

fn allowed(prev: Option<usize>, cur: usize) -> bool {
    match cur {
        2 => matches!(prev, Some(1 | 2)),
        4 => matches!(prev, Some(3 | 4)),
        8 => matches!(prev, Some(5..=8)),
        _ => true,
    }
}

/// The label of a CoNLL chunk tag.
fn label(tag: &str) -> usize {
    match tag {
        "B-NP" => 1,
        "I-NP" => 2,
        "B-VP" => 3,
        "I-VP" => 4,
        "B-PP" => 5,
        "B-SBAR" => 6,
        t if t.starts_with("B-") => 7,
        t if t.starts_with("I-") => 8,
        _ => 0,
    }
}

/// A word as the taggers see it: lower case, digits as 0, quote marks unified.
pub fn normalise(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '’' | '‘' | '`' => '\'',
            '“' | '”' | '„' | '«' | '»' => '"',
            c if c.is_ascii_digit() => '0',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The coarse form of a token: capitalisation, digits, the kind of punctuation.
pub fn shape(s: &str) -> &'static str {
    let mut chars = s.chars();
    let Some(c) = chars.next() else { return "p" };
    let second = chars.next();
    if (c == '@' || c == '#') && second.is_some_and(char::is_alphanumeric) {
        return "@";
    }
    if s.starts_with("http") || s.starts_with("www.") {
        return "#";
    }
    if c.is_ascii_digit() {
        return "d";
    }
    if c.is_alphanumeric() {
        return if s.chars().all(|c| !c.is_lowercase()) && second.is_some() {
            "XX"
        } else if c.is_uppercase() {
            "Xx"
        } else {
            "x"
        };
    }
    if dossier_core::tokenize::is_quote(c) {
        return "q";
    }
    match c {
        ',' => ",",
        '.' | '!' | '?' => ".",
        ':' | ';' => ":",
        '-' | '—' | '–' | '―' => "-",
        '(' | ')' | '[' | ']' => "(",
        _ => "p",
    }
}

fn features(words: &[String], shapes: &[&str], i: usize, f: &mut Features) {
    let w = |k: isize| -> &str {
        if k < 0 {
            "<s>"
        } else {
            words.get(k as usize).map_or("</s>", String::as_str)
        }
    };
    let sh = |k: isize| -> &str {
        if k < 0 || k as usize >= shapes.len() {
            "|"
        } else {
            shapes[k as usize]
        }
    };
    let ii = i as isize;
    let word = w(ii);
    let suffix = |n: usize| &word[word.char_indices().rev().nth(n - 1).map_or(0, |(k, _)| k)..];
    f.add("b", &[]);
    f.add("w", &[word]);
    f.add("w-1", &[w(ii - 1)]);
    f.add("w+1", &[w(ii + 1)]);
    f.add("w-2", &[w(ii - 2)]);
    f.add("w+2", &[w(ii + 2)]);
    f.add("w-1w", &[w(ii - 1), word]);
    f.add("ww+1", &[word, w(ii + 1)]);
    f.add("s3", &[suffix(3)]);
    f.add("s2", &[suffix(2)]);
    f.add("sh", &[sh(ii)]);
    f.add("sh3", &[sh(ii - 1), sh(ii), sh(ii + 1)]);
    f.add("shw", &[sh(ii), w(ii + 1)]);
    f.add("wsh", &[w(ii - 1), sh(ii)]);
}

#[derive(Clone)]
pub struct Chunker {
    tagger: Tagger,
}

/// One training sentence: raw words and chunk labels.
pub type ChunkedSentence = (Vec<String>, Vec<usize>);

impl Chunker {
    /// The chunk labels (indices into [`LABELS`]) of one sentence's words.
    pub fn tag(&self, words: &[String], shapes: &[&str]) -> Vec<usize> {
        self.tagger.decode(&sequence(words, shapes))
    }

    /// Reads CoNLL-2003 (`word POS chunk NER` per line, blank lines between sentences).
    pub fn read_conll(text: &str) -> Vec<ChunkedSentence> {
        let mut out = Vec::new();
        let mut cur: ChunkedSentence = (Vec::new(), Vec::new());
        for line in text.lines().chain(std::iter::once("")) {
            let cols: Vec<&str> = line.split_whitespace().collect();
            if cols.len() < 3 || cols[0] == "-DOCSTART-" {
                if !cur.0.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                continue;
            }
            cur.0.push(cols[0].to_string());
            cur.1.push(label(cols[2]));
        }
        out
    }

    pub fn train(sentences: &[ChunkedSentence], epochs: usize) -> Chunker {
        let mut trainer = Trainer::new(LABELS.len(), allowed);
        let prepared: Vec<(Vec<String>, Vec<&str>)> = sentences
            .iter()
            .map(|(w, _)| {
                (
                    w.iter().map(|x| normalise(x)).collect(),
                    w.iter().map(|x| shape(x)).collect(),
                )
            })
            .collect();
        for _ in 0..epochs {
            for ((words, shapes), (_, gold)) in prepared.iter().zip(sentences) {
                trainer.learn(&sequence(words, shapes), gold);
            }
        }
        Chunker {
            tagger: trainer.finish(1e-3),
        }
    }

    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        self.tagger.write(out)
    }

    pub fn read(input: &mut impl Read) -> io::Result<Chunker> {
        Ok(Chunker {
            tagger: Tagger::read(input, allowed)?,
        })
    }
}

fn sequence(words: &[String], shapes: &[&str]) -> Vec<Vec<u32>> {
    let mut f = Features::default();
    (0..words.len())
        .map(|i| {
            f.clear();
            features(words, shapes, i, &mut f);
            f.keys.clone()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_chunk_column() {
        let s = Chunker::read_conll(
            "-DOCSTART- -X- -X- O\n\nThe DT B-NP O\nmayor NN I-NP O\nsaid VBD B-VP O\n\nYes UH B-INTJ O\n",
        );
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].1, [1, 2, 3]);
        assert_eq!(s[1].1, [7]);
    }
}
