//! Reading CoNLL-style training files: one token a line, the tag in the last column,
//! blank lines between sentences, `-DOCSTART-` between documents.

use std::path::Path;

/// The four CoNLL classes the tagger learns.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    Per,
    Org,
    Loc,
    Misc,
}

impl Class {
    pub const ALL: [Class; 4] = [Class::Per, Class::Org, Class::Loc, Class::Misc];

    /// Reads CoNLL-2003 (`PER`) and WNUT-17 (`person`, `corporation`...) class names.
    pub fn parse(s: &str) -> Option<Class> {
        match s.to_ascii_lowercase().as_str() {
            "per" | "person" => Some(Class::Per),
            "org" | "corporation" | "group" => Some(Class::Org),
            "loc" | "location" => Some(Class::Loc),
            "misc" | "product" | "creative-work" => Some(Class::Misc),
            _ => None,
        }
    }
}

/// A name in a sentence: tokens `start..end`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Chunk {
    pub start: usize,
    pub end: usize,
    pub class: Class,
}

#[derive(Clone, Debug, Default)]
pub struct Sentence {
    pub words: Vec<String>,
    pub chunks: Vec<Chunk>,
}

#[derive(Clone, Debug, Default)]
pub struct TrainDoc {
    pub sentences: Vec<Sentence>,
}

/// Reads a file of documents; a file without `-DOCSTART-` lines is one document per
/// 20 sentences, so that document-level statistics stay local.
pub fn read(path: &Path) -> std::io::Result<Vec<TrainDoc>> {
    Ok(parse(&std::fs::read_to_string(path)?))
}

pub fn parse(text: &str) -> Vec<TrainDoc> {
    let mut docs = vec![TrainDoc::default()];
    let mut words: Vec<String> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    let mut saw_docstart = false;
    let flush = |docs: &mut Vec<TrainDoc>, words: &mut Vec<String>, tags: &mut Vec<String>| {
        if !words.is_empty() {
            let chunks = chunks(tags);
            docs.last_mut().unwrap().sentences.push(Sentence {
                words: std::mem::take(words),
                chunks,
            });
            tags.clear();
        }
    };
    for line in text.lines() {
        let line = line.trim_end();
        if line.starts_with("-DOCSTART-") {
            flush(&mut docs, &mut words, &mut tags);
            saw_docstart = true;
            if !docs.last().unwrap().sentences.is_empty() {
                docs.push(TrainDoc::default());
            }
            continue;
        }
        if line.trim().is_empty() {
            flush(&mut docs, &mut words, &mut tags);
            continue;
        }
        let mut cols = line.split(['\t', ' ']).filter(|c| !c.is_empty());
        let (Some(word), Some(tag)) = (cols.next(), cols.next_back()) else {
            continue;
        };
        words.push(word.to_string());
        tags.push(tag.to_string());
    }
    flush(&mut docs, &mut words, &mut tags);
    if !saw_docstart {
        let all: Vec<Sentence> = docs.drain(..).flat_map(|d| d.sentences).collect();
        docs = all
            .chunks(20)
            .map(|c| TrainDoc {
                sentences: c.to_vec(),
            })
            .collect();
    }
    docs.retain(|d| !d.sentences.is_empty());
    docs
}

/// Chunks from IOB1 or IOB2 tags: `B-` or a change of class starts a new chunk.
fn chunks(tags: &[String]) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    let mut open: Option<Chunk> = None;
    for (i, tag) in tags.iter().enumerate() {
        let parsed = tag
            .split_once('-')
            .and_then(|(p, c)| Some((p, Class::parse(c)?)));
        match parsed {
            Some((prefix, class)) => {
                let continues = prefix != "B" && open.is_some_and(|c| c.class == class);
                if continues {
                    open.as_mut().unwrap().end = i + 1;
                } else {
                    out.extend(open.take());
                    open = Some(Chunk {
                        start: i,
                        end: i + 1,
                        class,
                    });
                }
            }
            None => out.extend(open.take()),
        }
    }
    out.extend(open);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_documents_sentences_and_both_iob_schemes() {
        let text = "-DOCSTART- -X- -X- O\n\nAnna NNP B-NP I-PER\nLund NNP I-NP I-PER\nmet O\nBo B-PER\nKim B-PER\n\n\
                    -DOCSTART- -X- -X- O\n\nin\tO\nNew\tB-location\nYork\tI-location\n";
        let docs = parse(text);
        assert_eq!(docs.len(), 2);
        let s = &docs[0].sentences[0];
        assert_eq!(s.words, ["Anna", "Lund", "met", "Bo", "Kim"]);
        assert_eq!(
            s.chunks,
            [
                Chunk {
                    start: 0,
                    end: 2,
                    class: Class::Per
                },
                Chunk {
                    start: 3,
                    end: 4,
                    class: Class::Per
                },
                Chunk {
                    start: 4,
                    end: 5,
                    class: Class::Per
                }
            ]
        );
        assert_eq!(
            docs[1].sentences[0].chunks,
            [Chunk {
                start: 1,
                end: 3,
                class: Class::Loc
            }]
        );
    }
}
