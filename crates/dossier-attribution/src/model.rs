//! The learned part of attribution: which words are cues, and for each cue, which
//! words are its source and which its content.
//!
//! Two taggers, as in cue-first attribution extraction (Pareti's PARC work): a cue
//! tagger labels the tokens of each sentence B/I/O, and a span tagger labels the
//! tokens around one cue as source or content. The second sees everything relative
//! to the cue (side, distance, commas, quote marks and other cues in between), which is
//! what decides a clause's role when there is no parser; a chunker ([`Chunker`]) adds
//! phrase boundaries, and a lexicon ([`CueLexicon`]) tells the cue tagger how often each
//! word was a cue in training. A classifier ([`CueReview`]) then looks again at the
//! words the cue tagger passed over, with the whole sentence in view, and a claim
//! confidence ([`Confidence`]) judges each claim the stage puts together. All are trained
//! by [`Model::train`] (run by `examples/train_claims.rs`), the attribution taggers on
//! PolNeAR, whose conventions they therefore follow: the source is the whole noun
//! phrase, appositions included ("Jane Doe, a former aide who …"), and a pronoun speaker
//! is the pronoun itself (linking it to a name is left to `resolve`); cues keep
//! auxiliaries and particles ("has said", "according to", "said in a statement", even
//! "said:"); content keeps a leading "that". A clear cue whose source and content the
//! span tagger cannot place is read by rule when it is in a plain report form
//! ([`plain_report`]).

use crate::chunk::{self, ChunkedSentence, Chunker};
use crate::confidence::Confidence;
use crate::lexicon::{Counts, CueLexicon};
use crate::perceptron::{Features, Tagger, Trainer};
use crate::quotes;
use crate::review::{self, CueReview};
pub(crate) use candidates::SOURCE_NOUNS;
use candidates::{cue_stems, is_candidate, review_examples, review_features};
use dossier_core::{Document, Span, TokenKind};
use std::collections::{HashMap, HashSet};
use std::io::{self, Read, Write};
use std::ops::Range;

mod candidates;

/// One attribution as annotated: the cue, the source (if named) and the content.
#[derive(Clone, Debug)]
pub struct GoldClaim {
    pub cue: Span,
    pub source: Option<Span>,
    pub content: Vec<Span>,
}

/// An attribution found by the model, in token ranges.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub cue: Range<usize>,
    /// Source runs in text order; the tagger learnt one per claim, so the first is the one.
    pub sources: Vec<Range<usize>>,
    pub content: Vec<Range<usize>>,
    /// How far the cue cleared the decision that found it, on the tagger's scale for the
    /// tagger's cues (its margin at the cue's first word), in log-odds for the review's.
    pub cue_score: f32,
    /// Whether the review found the cue, not the tagger.
    pub reviewed: bool,
}

const CUE_LABELS: usize = 3;
const SPAN_LABELS: usize = 5;
const O: usize = 0;
const B_SRC: usize = 1;
const I_SRC: usize = 2;
const B_CON: usize = 3;
const I_CON: usize = 4;

fn cue_allowed(prev: Option<usize>, cur: usize) -> bool {
    cur != 2 || matches!(prev, Some(1 | 2))
}

fn span_allowed(prev: Option<usize>, cur: usize) -> bool {
    match cur {
        I_SRC => matches!(prev, Some(B_SRC | I_SRC)),
        I_CON => matches!(prev, Some(B_CON | I_CON)),
        _ => true,
    }
}

/// What the taggers read of a document, computed once.
pub(crate) struct Analysis {
    pub words: Vec<String>,
    pub shapes: Vec<&'static str>,
    pub chunks: Vec<&'static str>,
    pub stems: Vec<String>,
    /// The cue rate bucket of each token's stem ([`CueLexicon`]).
    pub prior: Vec<&'static str>,
    pub quote: Vec<Option<u32>>,
    pub regions: Vec<Span>,
    /// The sentence of each token.
    pub sent: Vec<u32>,
}

impl Analysis {
    pub fn new(doc: &Document, chunker: &Chunker, lexicon: &CueLexicon) -> Analysis {
        let words: Vec<String> = (0..doc.tokens.len())
            .map(|i| chunk::normalise(doc.token_str(i)))
            .collect();
        let shapes: Vec<&'static str> = (0..doc.tokens.len())
            .map(|i| chunk::shape(doc.token_str(i)))
            .collect();
        let mut chunks = vec![chunk::LABELS[0]; doc.tokens.len()];
        for s in &doc.sentences {
            let r = s.tokens();
            for (k, l) in chunker
                .tag(&words[r.clone()], &shapes[r.clone()])
                .into_iter()
                .enumerate()
            {
                chunks[r.start + k] = chunk::LABELS[l];
            }
        }
        let stems: Vec<String> = words.iter().map(|w| stem(w).to_string()).collect();
        let prior = lexicon.priors(&stems);
        let regions = quotes::regions(&doc.text);
        let quote = quotes::token_regions(&doc.tokens, &regions);
        let mut sent = vec![0u32; doc.tokens.len()];
        for (k, s) in doc.sentences.iter().enumerate() {
            sent[s.tokens()].iter_mut().for_each(|x| *x = k as u32);
        }
        Analysis {
            words,
            shapes,
            chunks,
            stems,
            prior,
            quote,
            regions,
            sent,
        }
    }

    fn word(&self, i: isize) -> &str {
        if i < 0 {
            "<s>"
        } else {
            self.words.get(i as usize).map_or("</s>", String::as_str)
        }
    }

    /// The tokens a cue's source and content are looked for in: its sentence, widened to
    /// whole quotations, and to the next sentence when the cue introduces it with a colon.
    pub fn window(&self, doc: &Document, cue: &Range<usize>) -> Range<usize> {
        let quotation = |r: u32| doc.tokens_in(self.regions[r as usize]);
        let first = &doc.sentences[self.sent[cue.start] as usize];
        let last = &doc.sentences[self.sent[cue.end - 1] as usize];
        let (mut a, mut b) = (first.first_token as usize, last.end_token as usize);
        if let Some(r) = self.quote[a] {
            a = a.min(quotation(r).start);
        }
        let colon_after_cue = (cue.end..b)
            .find(|&i| !matches!(self.words[i].as_str(), "," | "-" | "--"))
            .is_some_and(|i| self.words[i] == ":" && i + 1 == b);
        if (colon_after_cue || self.words[b - 1] == ":")
            && let Some(next) = doc.sentences.get(self.sent[b - 1] as usize + 1)
        {
            b = next.end_token as usize;
        }
        if let Some(r) = self.quote[b - 1] {
            b = b.max(quotation(r).end);
        }
        // An interrupted quotation: "A," she said. "B." goes on in the next sentence.
        if let Some(r) = self.quote.get(b).copied().flatten() {
            let opens_new = self.shapes[b] == "q" && self.quote[b - 1] != Some(r);
            let gap =
                &doc.text[doc.tokens[b - 1].span.end as usize..doc.tokens[b].span.start as usize];
            if opens_new && !gap.contains('\n') {
                b = quotation(r).end;
            }
        }
        a.max(cue.start.saturating_sub(MAX_REACH))..b.min(cue.end + MAX_REACH)
    }
}

const MAX_REACH: usize = 300;

/// A crude suffix-stripper, enough to join "says", "said", "saying" with their kin.
fn stem(w: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s"] {
        if w.len() > suffix.len() + 2 && w.ends_with(suffix) {
            return &w[..w.len() - suffix.len()];
        }
    }
    w
}

pub(crate) fn bucket(d: usize) -> &'static str {
    match d {
        0 => "0",
        1 => "1",
        2 => "2",
        3 => "3",
        4..=5 => "4",
        6..=8 => "6",
        9..=15 => "9",
        16..=30 => "16",
        _ => "31",
    }
}

pub(crate) const PRONOUNS: &[&str] = &[
    "he", "she", "they", "we", "i", "you", "it", "his", "her", "their", "who", "which",
];

/// The first and the last quote mark of a sentence, which tell for each of its tokens
/// whether a quote mark comes before or after it without scanning the sentence again.
#[derive(Clone, Copy)]
struct QuoteMarks {
    first: Option<usize>,
    last: Option<usize>,
}

impl QuoteMarks {
    fn new(an: &Analysis, sentence: &Range<usize>) -> QuoteMarks {
        let mut marks = sentence.clone().filter(|&k| an.shapes[k] == "q");
        let first = marks.next();
        QuoteMarks {
            first,
            last: marks.next_back().or(first),
        }
    }
}

fn cue_features(
    an: &Analysis,
    doc: &Document,
    i: usize,
    sentence: &Range<usize>,
    quotes: QuoteMarks,
    f: &mut Features,
) {
    let ii = i as isize;
    let w = an.word(ii);
    f.add("b", &[]);
    f.add("w", &[w]);
    f.add("st", &[&an.stems[i]]);
    f.add("sh", &[an.shapes[i]]);
    f.add("w-1", &[an.word(ii - 1)]);
    f.add("w+1", &[an.word(ii + 1)]);
    f.add("w-2", &[an.word(ii - 2)]);
    f.add("w+2", &[an.word(ii + 2)]);
    f.add("w-1w", &[an.word(ii - 1), w]);
    f.add("ww+1", &[w, an.word(ii + 1)]);
    f.add("st+1", &[&an.stems[i], an.word(ii + 1)]);
    let sh = |k: isize| {
        if k < sentence.start as isize || k >= sentence.end as isize {
            "|"
        } else {
            an.shapes[k as usize]
        }
    };
    f.add("sh3", &[sh(ii - 1), an.shapes[i], sh(ii + 1)]);
    f.add("shw", &[sh(ii - 1), w]);
    f.add("wsh", &[w, sh(ii + 1)]);
    let suffix = &w[w.char_indices().rev().nth(2).map_or(0, |(k, _)| k)..];
    f.add("suf", &[suffix]);
    let inq = if an.quote[i].is_some() { "Q" } else { "-" };
    f.add("q", &[inq, &an.stems[i]]);
    let qb = if quotes.first.is_some_and(|q| q < i) {
        "Q"
    } else {
        "-"
    };
    let qa = if quotes.last.is_some_and(|q| q > i) {
        "Q"
    } else {
        "-"
    };
    f.add("qs", &[qb, qa, &an.stems[i]]);
    f.add(
        "pos",
        &[bucket(i - sentence.start), bucket(sentence.end - i - 1)],
    );
    if doc.tokens[i].kind == TokenKind::Word {
        f.add("x", &[]);
    }
    let ch = |k: isize| {
        if k < sentence.start as isize || k >= sentence.end as isize {
            "|"
        } else {
            an.chunks[k as usize]
        }
    };
    f.add("ch", &[an.chunks[i]]);
    f.add("ch3", &[ch(ii - 1), an.chunks[i], ch(ii + 1)]);
    f.add("chst", &[an.chunks[i], &an.stems[i]]);
    f.add("ch-2", &[ch(ii - 2), ch(ii - 1), an.chunks[i]]);
    f.add("chw+1", &[an.chunks[i], an.word(ii + 1)]);
    f.add("w-1chst", &[an.word(ii - 1), an.chunks[i], &an.stems[i]]);
    f.add("w+3", &[an.word(ii + 3)]);
    f.add("w-3", &[an.word(ii - 3)]);
    let p = an.prior[i];
    let prior = |k: isize| {
        if k < sentence.start as isize || k >= sentence.end as isize {
            "|"
        } else {
            an.prior[k as usize]
        }
    };
    f.add("lx", &[p]);
    f.add("lxsh", &[p, an.shapes[i]]);
    f.add("lxch", &[p, an.chunks[i]]);
    f.add("lx2", &[prior(ii - 1), p]);
    f.add("lx+1", &[p, prior(ii + 1)]);
    f.add("lxw+1", &[p, an.word(ii + 1)]);
}

/// Per-token counts of what lies between a token and the cue.
#[derive(Default, Clone, Copy)]
struct Between {
    commas: u8,
    that: bool,
    stop: bool,
    cue: bool,
    quote: bool,
    phrases: u8,
}

fn span_features(
    an: &Analysis,
    cue: &Range<usize>,
    cue_lemma: &str,
    cue_marks: &[bool],
    window: &Range<usize>,
) -> Vec<Vec<u32>> {
    let mut between = vec![Between::default(); window.len()];
    let mut acc = Between::default();
    for i in (window.start..cue.start).rev() {
        between[i - window.start] = acc;
        acc = note(an, cue_marks, i, acc);
    }
    acc = Between::default();
    for i in cue.end..window.end {
        between[i - window.start] = acc;
        acc = note(an, cue_marks, i, acc);
    }
    // Multi-word cues ("said in a statement") share their first and last words with others.
    let first_stem = an.stems[cue.start].as_str();
    let last_stem = an.stems[cue.end - 1].as_str();
    let cue_q = an.quote[cue.start];
    let cue_sent = an.sent[cue.start] as i64;
    let before = an.word(cue.start as isize - 1);
    let after = an.word(cue.end as isize);
    let mut f = Features::default();
    window
        .clone()
        .map(|i| {
            f.clear();
            let ii = i as isize;
            let (dir, dist) = if i < cue.start {
                ("L", cue.start - i)
            } else if i >= cue.end {
                ("R", i - cue.end + 1)
            } else {
                ("C", 0)
            };
            let b = bucket(dist);
            let btw = between[i - window.start];
            let w = an.word(ii);
            let sh = an.shapes[i];
            f.add("b", &[dir]);
            f.add("d", &[dir, b]);
            f.add("w", &[dir, w]);
            f.add("wd", &[dir, if dist <= 3 { b } else { "far" }, w]);
            f.add("wp", &[dir, an.word(ii - 1)]);
            f.add("wn", &[dir, an.word(ii + 1)]);
            f.add("wpw", &[dir, an.word(ii - 1), w]);
            f.add("sh", &[dir, b, sh]);
            let shp = if i > window.start {
                an.shapes[i - 1]
            } else {
                "|"
            };
            let shn = if i + 1 < window.end {
                an.shapes[i + 1]
            } else {
                "|"
            };
            f.add("sh3", &[dir, shp, sh, shn]);
            f.add("cw", &[cue_lemma, dir]);
            f.add("cf", &[first_stem, dir, b]);
            f.add("cl", &[last_stem, dir, b]);
            f.add("cwb", &[cue_lemma, dir, b]);
            f.add("csh", &[cue_lemma, dir, sh]);
            let iq = an.quote[i];
            let same = if iq.is_some() && iq == cue_q {
                "same"
            } else {
                "-"
            };
            let flags = |q: Option<u32>| if q.is_some() { "Q" } else { "-" };
            f.add("q", &[dir, flags(iq), flags(cue_q), same]);
            f.add("qw", &[dir, flags(iq), sh]);
            let so = (an.sent[i] as i64 - cue_sent).clamp(-2, 2);
            f.add("so", &[dir, ["-2", "-1", "0", "1", "2"][(so + 2) as usize]]);
            let commas = ["0", "1", "2", "3"][btw.commas.min(3) as usize];
            f.add("cm", &[dir, commas]);
            f.add("cmsh", &[dir, commas, sh]);
            let yes = |x: bool| if x { "y" } else { "n" };
            f.add("th", &[dir, yes(btw.that)]);
            f.add("oc", &[dir, yes(btw.cue)]);
            f.add("sp", &[dir, yes(btw.stop)]);
            f.add("qb", &[dir, yes(btw.quote)]);
            f.add(
                "all",
                &[
                    dir,
                    yes(btw.that),
                    yes(btw.cue),
                    yes(btw.stop),
                    yes(btw.quote),
                    commas,
                ],
            );
            f.add("pr", &[dir, yes(PRONOUNS.contains(&w))]);
            let first = i == window.start || an.sent[i - 1] != an.sent[i];
            f.add("first", &[dir, yes(first)]);
            f.add("cn", &[dir, after]);
            f.add("cp", &[dir, before]);
            f.add("cnw", &[dir, after, sh]);
            let chk = an.chunks[i];
            let chp = if i > window.start {
                an.chunks[i - 1]
            } else {
                "|"
            };
            let chn = if i + 1 < window.end {
                an.chunks[i + 1]
            } else {
                "|"
            };
            let phrases = ["0", "1", "2", "3"][btw.phrases.min(3) as usize];
            f.add("ch", &[dir, b, chk]);
            f.add("ch3", &[dir, chp, chk, chn]);
            f.add("np", &[dir, phrases, chk]);
            f.add("npc", &[dir, phrases, commas, chk]);
            f.add("chcw", &[cue_lemma, dir, chk]);
            f.add("w-2", &[dir, an.word(ii - 2)]);
            f.add("w+2", &[dir, an.word(ii + 2)]);
            f.add("chw", &[dir, chk, w]);
            f.add("cpw", &[dir, before, sh]);
            f.keys.clone()
        })
        .collect()
}

fn note(an: &Analysis, cue_marks: &[bool], i: usize, mut acc: Between) -> Between {
    match an.words[i].as_str() {
        "," => acc.commas = acc.commas.saturating_add(1),
        "that" => acc.that = true,
        "." | "!" | "?" | ";" => acc.stop = true,
        _ => {}
    }
    acc.cue |= cue_marks[i];
    acc.quote |= an.shapes[i] == "q";
    if an.chunks[i] == "B-NP" {
        acc.phrases = acc.phrases.saturating_add(1);
    }
    acc
}

fn cue_lemma(an: &Analysis, cue: &Range<usize>) -> String {
    an.stems[cue.clone()].join("_")
}

fn runs(labels: &[usize], begin: usize, inside: usize, offset: usize) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (k, &l) in labels.iter().enumerate() {
        if l == begin {
            out.push(k + offset..k + offset + 1);
        } else if let (true, Some(last)) = (l == inside, out.last_mut()) {
            last.end = k + offset + 1;
        }
    }
    out
}

/// The taggers, the cue review and the claim confidence.
pub struct Model {
    chunker: Chunker,
    lexicon: CueLexicon,
    cues: Tagger,
    review: CueReview,
    spans: Tagger,
    pub(crate) confidence: Confidence,
}

impl Model {
    pub(crate) fn analyse(&self, doc: &Document) -> Analysis {
        Analysis::new(doc, &self.chunker, &self.lexicon)
    }

    pub(crate) fn find(&self, doc: &Document, an: &Analysis) -> Vec<Found> {
        let mut f = Features::default();
        let (tagged, mut cue_marks, margins) = tag_document(&self.cues, an, doc, &mut f);
        let mut cues: Vec<(Range<usize>, f32, bool)> = tagged
            .into_iter()
            .map(|r| {
                let m = margins[r.start];
                (r, m, false)
            })
            .collect();
        for (r, score) in self.reviewed(an, doc, &cue_marks, &margins, &mut f) {
            cue_marks[r.clone()].iter_mut().for_each(|m| *m = true);
            cues.push((r, score, true));
        }
        cues.sort_by_key(|r| r.0.start);
        cues.into_iter()
            .filter_map(|(cue, cue_score, reviewed)| {
                let window = an.window(doc, &cue);
                let seq = span_features(an, &cue, &cue_lemma(an, &cue), &cue_marks, &window);
                let labels = self.spans.decode(&seq);
                let mut content = runs(&labels, B_CON, I_CON, window.start);
                let mut sources = runs(&labels, B_SRC, I_SRC, window.start);
                if content.is_empty()
                    && !reviewed
                    && cue_score >= FALLBACK_MARGIN
                    && let Some((source, clause)) = plain_report(an, doc, &cue)
                {
                    content.push(clause);
                    if let Some(source) = source {
                        sources = vec![source];
                    }
                }
                split_according_to(an, &cue, &mut sources, &mut content);
                // "“…,” said the mayor, who …": after a quotation closed before the cue, only
                // quoted text goes on with the content; prose there is the source's phrase.
                let quoted = |r: &Range<usize>| {
                    2 * r.clone().filter(|&i| an.quote[i].is_some()).count() > r.len()
                };
                if content.iter().any(|r| r.end <= cue.start && quoted(r)) {
                    content.retain(|r| r.end <= cue.start || quoted(r));
                }
                if let Some(last) = content.last_mut().filter(|r| r.start >= cue.end) {
                    last.end = coordinated_verb(an, last).unwrap_or(last.end);
                }
                (!content.is_empty()).then_some(Found {
                    cue,
                    sources,
                    content,
                    cue_score,
                    reviewed,
                })
            })
            .collect()
    }

    /// The cues [`CueReview`] adds to those the tagger marked: runs of accepted words,
    /// each taking in the verb group it ends ("is demanding"), with the review's best
    /// score among them.
    fn reviewed(
        &self,
        an: &Analysis,
        doc: &Document,
        cue_marks: &[bool],
        margins: &[f32],
        f: &mut Features,
    ) -> Vec<(Range<usize>, f32)> {
        let cue_stems = cue_stems(an, cue_marks);
        let mut out: Vec<(Range<usize>, f32)> = Vec::new();
        for s in &doc.sentences {
            let range = s.tokens();
            for i in range.clone() {
                if !is_candidate(an, doc, cue_marks, margins[i], i) {
                    continue;
                }
                f.clear();
                review_features(an, i, &range, cue_marks, &cue_stems, margins[i], f);
                let score = self.review.score(&f.keys);
                if score < 0.0 {
                    continue;
                }
                match out.last_mut() {
                    Some((last, best)) if last.end == i && last.start >= range.start => {
                        last.end = i + 1;
                        *best = best.max(score);
                    }
                    _ => {
                        let mut start = i;
                        while start > range.start
                            && !cue_marks[start - 1]
                            && an.chunks[start] == "I-VP"
                            && matches!(an.chunks[start - 1], "B-VP" | "I-VP")
                        {
                            start -= 1;
                        }
                        out.push((start..i + 1, score));
                    }
                }
            }
        }
        out
    }

    /// Trains the chunker on `chunked` sentences, counts the cue lexicon on the annotated
    /// `docs`, trains the cue review on what taggers trained on other folds miss and the
    /// claim confidence on what the stage finds in each fold with taggers and a review
    /// trained on the other folds, then trains both attribution taggers on all `docs`, for
    /// `epochs` passes each.
    pub fn train(
        docs: &[(Document, Vec<GoldClaim>)],
        chunked: &[ChunkedSentence],
        epochs: usize,
        mut progress: impl FnMut(usize, usize, usize),
    ) -> Model {
        let chunker = Chunker::train(chunked, epochs);
        let mut analyses: Vec<Analysis> = docs
            .iter()
            .map(|(d, _)| Analysis::new(d, &chunker, &CueLexicon::default()))
            .collect();
        let mut fold_counts = vec![Counts::default(); FOLDS];
        for (k, ((doc, gold), an)) in docs.iter().zip(&analyses).enumerate() {
            let mut cue = vec![false; doc.tokens.len()];
            for g in gold {
                cue[doc.tokens_in(g.cue)].iter_mut().for_each(|c| *c = true);
            }
            CueLexicon::count(&mut fold_counts[k % FOLDS], &an.stems, &cue);
        }
        let mut all = Counts::default();
        for (&key, &(c, n)) in fold_counts.iter().flatten() {
            let e = all.entry(key).or_default();
            e.0 += c;
            e.1 += n;
        }
        let folds: Vec<CueLexicon> = fold_counts
            .iter()
            .map(|held_out| CueLexicon::from_counts(&all, Some(held_out)))
            .collect();
        for (k, an) in analyses.iter_mut().enumerate() {
            an.prior = folds[k % FOLDS].priors(&an.stems);
        }
        // Features seen once are mostly noise the perceptron would memorise.
        let mut counts = [HashMap::new(), HashMap::new()];
        for ((doc, gold), an) in docs.iter().zip(&analyses) {
            examples(doc, gold, an, true, |tagger, seq, _| {
                for k in seq.iter().flatten() {
                    *counts[tagger].entry(*k).or_insert(0u32) += 1;
                }
            });
        }
        let [cue_vocabulary, span_vocabulary] = counts.map(|c| {
            c.into_iter()
                .filter(|&(_, n)| n >= MIN_COUNT)
                .map(|(k, _)| k)
                .collect()
        });
        let (misses, fold_cues) = review_examples(docs, &analyses, &cue_vocabulary, epochs);
        let review = CueReview::train(&misses, FOLDS);
        // Models that did not see a fold, to show the claim confidence what the stage gets
        // wrong in documents it was not trained on: for each fold, taggers and a review
        // trained on the other folds only.
        let fold_models: Vec<Model> = fold_cues
            .into_iter()
            .enumerate()
            .map(|(k, cues)| {
                let other_misses: Vec<review::Example> =
                    misses.iter().filter(|e| e.fold != k).cloned().collect();
                let mut trainer =
                    Trainer::new(SPAN_LABELS, span_allowed).restricted_to(span_vocabulary.clone());
                let mut order: Vec<usize> = (0..docs.len()).filter(|d| d % FOLDS != k).collect();
                let mut shuffle = Shuffle::new(k as u64);
                for _ in 0..epochs {
                    shuffle.apply(&mut order);
                    for &d in &order {
                        examples(
                            &docs[d].0,
                            &docs[d].1,
                            &analyses[d],
                            false,
                            |_, seq, gold| {
                                trainer.learn(seq, gold);
                            },
                        );
                    }
                }
                Model {
                    chunker: chunker.clone(),
                    lexicon: folds[k].clone(),
                    cues,
                    review: CueReview::train(&other_misses, FOLDS),
                    spans: trainer.finish(1e-3),
                    confidence: Confidence::default(),
                }
            })
            .collect();
        if let Some(dir) = std::env::var_os("DOSSIER_FOLD_MODELS") {
            // For error analysis on documents a model did not see: fold k holds the
            // documents whose index is k modulo FOLDS (see tools/claims_folds.sh).
            for (k, model) in fold_models.iter().enumerate() {
                let path = std::path::Path::new(&dir).join(format!("fold{k}.bin.gz"));
                if let Err(e) = std::fs::File::create(&path)
                    .and_then(|f| crate::write_model(model, std::io::BufWriter::new(f)))
                {
                    eprintln!("{}: {e}", path.display());
                }
            }
        }
        let confidence = crate::confidence::train(docs, fold_models, FOLDS);
        let mut trainers = [
            Trainer::new(CUE_LABELS, cue_allowed).restricted_to(cue_vocabulary),
            Trainer::new(SPAN_LABELS, span_allowed).restricted_to(span_vocabulary),
        ];
        let mut order: Vec<usize> = (0..docs.len()).collect();
        let mut shuffle = Shuffle::new(0);
        for epoch in 0..epochs {
            shuffle.apply(&mut order);
            let mut errors = [0, 0];
            for &d in &order {
                examples(
                    &docs[d].0,
                    &docs[d].1,
                    &analyses[d],
                    true,
                    |tagger, seq, gold| {
                        errors[tagger] += trainers[tagger].learn(seq, gold) as usize;
                    },
                );
            }
            progress(epoch, errors[0], errors[1]);
        }
        let [cues, spans] = trainers.map(|t| t.finish(1e-3));
        Model {
            chunker,
            lexicon: CueLexicon::from_counts(&all, None),
            cues,
            review,
            spans,
            confidence,
        }
    }

    /// Who-said-what F1 of the stage (without entities) on the training folds it did not
    /// see, as the claim confidence measured it in training; `None` for a model read back.
    pub fn held_out_f1(&self) -> Option<f32> {
        self.confidence.held_out_f1
    }

    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        out.write_all(MAGIC)?;
        self.chunker.write(out)?;
        self.lexicon.write(out)?;
        self.cues.write(out)?;
        self.review.write(out)?;
        self.spans.write(out)?;
        self.confidence.write(out)
    }

    pub fn read(input: &mut impl Read) -> io::Result<Model> {
        let mut magic = [0u8; 8];
        input.read_exact(&mut magic)?;
        if &magic != MAGIC {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "not a dossier claims model",
            ));
        }
        Ok(Model {
            chunker: Chunker::read(input)?,
            lexicon: CueLexicon::read(input)?,
            cues: Tagger::read(input, cue_allowed)?,
            review: CueReview::read(input)?,
            spans: Tagger::read(input, span_allowed)?,
            confidence: Confidence::read(input)?,
        })
    }
}

const MAGIC: &[u8; 8] = b"dsclaim6";

/// A fixed xorshift permutation per epoch, so that training is reproducible; each
/// `stream` is its own sequence.
struct Shuffle(u64);

impl Shuffle {
    fn new(stream: u64) -> Shuffle {
        Shuffle(0x9e37_79b9_7f4a_7c15 ^ stream)
    }

    fn apply<T>(&mut self, items: &mut [T]) {
        for k in (1..items.len()).rev() {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            items.swap(k, (self.0 % (k as u64 + 1)) as usize);
        }
    }
}

/// Folds of the training documents for the cue lexicon, the cue review and the claim
/// confidence: each document reads rates counted on the others, and is tagged by taggers
/// trained on the others.
pub(crate) const FOLDS: usize = 5;

const MIN_COUNT: u32 = 2;

/// The training sequences of one annotated document, passed to `visit` with the tagger
/// they train (0: cues, 1: spans) and their gold labels; the cue tagger's only when
/// `with_cues`.
fn examples(
    doc: &Document,
    gold: &[GoldClaim],
    an: &Analysis,
    with_cues: bool,
    mut visit: impl FnMut(usize, &[Vec<u32>], &[usize]),
) {
    let (cues, cue_labels, cue_marks) = gold_cues(doc, gold);
    let mut f = Features::default();
    for s in doc.sentences.iter().filter(|_| with_cues) {
        let range = s.tokens();
        let seq = cue_sequence(an, doc, &range, &mut f);
        visit(0, &seq, &cue_labels[range]);
    }
    for (g, cue) in gold.iter().zip(&cues) {
        if cue.is_empty() {
            continue;
        }
        let window = an.window(doc, cue);
        let mut labels = vec![O; window.len()];
        let mut mark = |span: Span, begin: usize, inside: usize| {
            let r = doc.tokens_in(span);
            let r = r.start.max(window.start)..r.end.min(window.end);
            for i in r.clone() {
                labels[i - window.start] = if i == r.start { begin } else { inside };
            }
        };
        for &c in &g.content {
            mark(c, B_CON, I_CON);
        }
        if let Some(s) = g.source {
            mark(s, B_SRC, I_SRC);
        }
        let seq = span_features(an, cue, &cue_lemma(an, cue), &cue_marks, &window);
        visit(1, &seq, &labels);
    }
}

/// The cue tagger's features for every token of a sentence, the same in training and
/// in use.
fn cue_sequence(
    an: &Analysis,
    doc: &Document,
    range: &std::ops::Range<usize>,
    f: &mut Features,
) -> Vec<Vec<u32>> {
    let quotes = QuoteMarks::new(an, range);
    range
        .clone()
        .map(|i| {
            f.clear();
            cue_features(an, doc, i, range, quotes, f);
            f.keys.clone()
        })
        .collect()
}

/// The cue tagger's margin above which a cue the span tagger found no content for is
/// still read by [`plain_report`] (the margins run to about ±200). Its forms are narrow
/// enough to read every cue the tagger marked: on held-out PolNeAR training folds a
/// margin of 50 found 19 fewer right claims and 11 fewer claims in all.
const FALLBACK_MARGIN: f32 = 0.0;

/// The source and content of a cue in one of the plain report forms, for a cue whose
/// words the span tagger could not place (long clauses, sentences unlike its training):
/// "CLAUSE, said SOURCE (in …)" and "CLAUSE, SOURCE said." (the clause before the comma),
/// "according to SOURCE, CLAUSE", and "SOURCE said (that) CLAUSE" (the rest of the
/// sentence, when it has a verb of its own). Spans stop at the sentence's final mark.
fn plain_report(
    an: &Analysis,
    doc: &Document,
    cue: &Range<usize>,
) -> Option<(Option<Range<usize>>, Range<usize>)> {
    let sentence = doc.sentences[an.sent[cue.start] as usize].tokens();
    let mut end = sentence.end;
    while end > cue.end && matches!(an.shapes[end - 1], "." | ":" | "q" | "p") {
        end -= 1;
    }
    let noun_phrase = |from: usize| {
        let mut k = from;
        while k < end && (k == from && an.chunks[k] == "B-NP" || an.chunks[k] == "I-NP") {
            k += 1;
        }
        (k > from).then_some(from..k)
    };
    // What may follow a source: the end, an apposition, a phrase ("said X in a statement").
    let source_ends = |k: usize| k >= end || an.words[k] == "," || an.chunks[k] == "B-PP";
    let clause =
        |r: Range<usize>| (r.len() >= 3 && r.clone().any(|k| an.chunks[k] == "B-VP")).then_some(r);
    let first = sentence.start;
    // "“QUOTATION.” SOURCE said." and "“QUOTATION?” said SOURCE.": the quotation closed
    // the sentence before, in the same paragraph.
    if let Some(k) = first.checked_sub(1).and_then(|q| an.quote[q])
        && an.regions[k as usize].end == doc.tokens[first - 1].span.end
    {
        let quoted = an.regions[k as usize];
        let gap = &doc.text[quoted.end as usize..doc.tokens[first].span.start as usize];
        let source = if cue.start > first {
            noun_phrase(first).filter(|np| np.end == cue.start)
        } else {
            noun_phrase(cue.end).filter(|np| source_ends(np.end))
        };
        // After the cue, a phrase or no clause of its own: "Ms. Reyes said of the plan, …",
        // "Ms. Reyes told reporters."
        let no_clause = source_ends(cue.end) || !(cue.end..end).any(|k| an.chunks[k] == "B-VP");
        if !gap.contains('\n') && no_clause {
            return source.map(|s| (Some(s), doc.tokens_in(quoted)));
        }
    }
    // "CLAUSE, said SOURCE(, apposition)."
    if cue.start > first && an.words[cue.start - 1] == "," {
        let source = noun_phrase(cue.end)?;
        return source_ends(source.end)
            .then(|| clause(first..cue.start - 1))
            .flatten()
            .map(|c| (Some(source), c));
    }
    // "CLAUSE, SOURCE said (PHRASE)(, …)", where no verb follows the cue before a
    // comma: "…, she told reporters", "…, they said Friday, as they …".
    let before = (first..cue.start).rev().find(|&k| an.chunks[k] == "B-NP");
    let stop = (cue.end..end).find(|&k| an.words[k] == ",").unwrap_or(end);
    if let Some(b) = before.filter(|&b| b > first && an.words[b - 1] == ",")
        && noun_phrase(b).is_some_and(|np| np.end == cue.start)
        && !(cue.end..stop).any(|k| an.chunks[k] == "B-VP")
    {
        return clause(first..b - 1).map(|c| (Some(b..cue.start), c));
    }
    // "according to SOURCE, CLAUSE".
    if an.words[cue.end - 1] == "to" {
        let comma = (cue.end..end).find(|&k| an.words[k] == ",")?;
        return clause(comma + 1..end).map(|c| (Some(cue.end..comma), c));
    }
    // "SOURCE said (that) CLAUSE", the content keeping its "that".
    let source = before
        .and_then(noun_phrase)
        .filter(|np| np.end == cue.start);
    let that = an.words.get(cue.end).is_some_and(|w| w == "that");
    let from = cue.end + that as usize;
    // The clause's own verb comes before any comma: "said Friday, as they …" is no
    // clause after the cue.
    let verb = (from..end).find(|&k| an.chunks[k] == "B-VP")?;
    if an.chunks[from] != "B-NP" || an.words[from..verb].iter().any(|w| w == ",") {
        return None;
    }
    clause(cue.end..end).map(|c| (source, c))
}

/// "According to the poll, 46 percent remain undecided": a source the span tagger ran on
/// past its comma into the clause is cut there, and the clause joins the content.
fn split_according_to(
    an: &Analysis,
    cue: &Range<usize>,
    sources: &mut [Range<usize>],
    content: &mut Vec<Range<usize>>,
) {
    let Some(source) = sources.first_mut() else {
        return;
    };
    let Some(comma) = source.clone().find(|&k| an.words[k] == ",") else {
        return;
    };
    let tail = comma + 1..source.end;
    if an.words[cue.start] != "according"
        || source.start < cue.end
        || tail.is_empty()
        || !clause_opens(an, &tail)
    {
        return;
    }
    source.end = comma;
    let at = content.partition_point(|r| r.start < tail.start);
    match content.get_mut(at) {
        Some(next) if next.start <= tail.end + 1 => next.start = tail.start,
        _ => content.insert(at, tail),
    }
}

/// Whether a run of tokens opens with a clause: a noun phrase and its verb ("the plan
/// failed"), not an apposition ("a pollster who …").
pub(crate) fn clause_opens(an: &Analysis, run: &Range<usize>) -> bool {
    if an.chunks[run.start] != "B-NP"
        || matches!(
            an.words[run.start].as_str(),
            "who" | "which" | "whose" | "that"
        )
    {
        return false;
    }
    let mut k = run.start + 1;
    while k < run.end && an.chunks[k] == "I-NP" {
        k += 1;
    }
    k < run.end && an.chunks[k] == "B-VP"
}

/// Where an object content ends before a verb joined to the cue by "and" or "but": in
/// "she promoted the plan and dismissed the risks", the source's second act, which the
/// span tagger often runs on into, is no part of what "promoted" governs. A content
/// that is a clause ("said the plan failed and ...") has its verb before any such join.
fn coordinated_verb(an: &Analysis, content: &Range<usize>) -> Option<usize> {
    if an.chunks[content.start] != "B-NP" {
        return None;
    }
    let verb = (content.start..content.end).find(|&k| an.chunks[k] == "B-VP")?;
    if !matches!(an.words[verb - 1].as_str(), "and" | "but") {
        return None;
    }
    let mut cut = verb - 1;
    if an.words[cut - 1] == "," {
        cut -= 1;
    }
    (cut > content.start).then_some(cut)
}

/// A document's gold cues as token ranges, as cue tagger labels (B 1, I 2) and as marks.
fn gold_cues(doc: &Document, gold: &[GoldClaim]) -> (Vec<Range<usize>>, Vec<usize>, Vec<bool>) {
    let mut labels = vec![O; doc.tokens.len()];
    let mut marks = vec![false; doc.tokens.len()];
    let cues: Vec<Range<usize>> = gold.iter().map(|g| doc.tokens_in(g.cue)).collect();
    for c in &cues {
        if c.is_empty() || labels[c.clone()].iter().any(|&l| l != O) {
            continue;
        }
        labels[c.start] = 1;
        labels[c.start + 1..c.end].iter_mut().for_each(|l| *l = 2);
        marks[c.clone()].iter_mut().for_each(|m| *m = true);
    }
    (cues, labels, marks)
}

/// The cue tagger's cues in a document, the tokens they cover, and for each token how
/// much more the tagger's features favour beginning a cue there than no cue.
fn tag_document(
    cues: &Tagger,
    an: &Analysis,
    doc: &Document,
    f: &mut Features,
) -> (Vec<Range<usize>>, Vec<bool>, Vec<f32>) {
    let mut found = Vec::new();
    let mut marks = vec![false; doc.tokens.len()];
    let mut margins = Vec::with_capacity(doc.tokens.len());
    for s in &doc.sentences {
        let range = s.tokens();
        let em = cues.emissions(&cue_sequence(an, doc, &range, f));
        for r in runs(&cues.decode_emissions(&em), 1, 2, range.start) {
            marks[r.clone()].iter_mut().for_each(|m| *m = true);
            found.push(r);
        }
        margins.extend(em.chunks(CUE_LABELS).map(|e| e[1] - e[O]));
    }
    (found, marks, margins)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Model {
        crate::read_model(include_bytes!("../../../models/claims/model.bin.gz"))
            .expect("the embedded model reads")
    }

    fn tokens(doc: &Document, s: &str) -> Range<usize> {
        let a = doc.text.find(s).unwrap();
        doc.tokens_in(Span::new(a, a + s.len()))
    }

    /// The source and content [`plain_report`] reads for the cue `cue` of `text`.
    fn plain(text: &str, cue: &str) -> Option<(Option<String>, String)> {
        let doc = Document::new("t", text);
        let an = model().analyse(&doc);
        let words = |r: Range<usize>| an.words[r].join(" ");
        plain_report(&an, &doc, &tokens(&doc, cue)).map(|(s, c)| (s.map(words), words(c)))
    }

    #[test]
    fn plain_reports_give_a_cue_its_source_and_clause() {
        let report = |s: &str, c: &str| Some((Some(s.to_string()), c.to_string()));
        assert_eq!(
            plain(
                "The old mill will close next spring, said Maria Lopez, a spokeswoman.",
                "said"
            ),
            report("maria lopez", "the old mill will close next spring")
        );
        assert_eq!(
            plain(
                "The old mill will close next spring, the mayor said.",
                "said"
            ),
            report("the mayor", "the old mill will close next spring")
        );
        assert_eq!(
            plain(
                "According to the audit, the bridge was never inspected.",
                "According to"
            ),
            report("the audit", "the bridge was never inspected")
        );
        assert_eq!(
            plain("She said that the council will approve the budget.", "said"),
            report("she", "that the council will approve the budget")
        );
    }

    #[test]
    fn a_report_before_its_source_may_end_in_a_phrase_after_the_cue() {
        let report = |s: &str, c: &str| Some((Some(s.to_string()), c.to_string()));
        assert_eq!(
            plain(
                "The old mill will close next spring, the owners told reporters.",
                "told"
            ),
            report("the owners", "the old mill will close next spring")
        );
        assert_eq!(
            plain(
                "The old mill will close next spring, the owners said on Friday, as workers gathered outside.",
                "said"
            ),
            report("the owners", "the old mill will close next spring")
        );
    }

    #[test]
    fn a_source_run_past_its_comma_into_the_clause_gives_the_clause_back() {
        let doc = Document::new(
            "t",
            "According to the survey, most voters want a new mayor.",
        );
        let an = model().analyse(&doc);
        let cue = tokens(&doc, "According to");
        let mut sources = vec![tokens(&doc, "the survey, most voters want")];
        let mut content = vec![tokens(&doc, "a new mayor")];
        split_according_to(&an, &cue, &mut sources, &mut content);
        assert_eq!(sources, [tokens(&doc, "the survey")]);
        assert_eq!(content, [tokens(&doc, "most voters want a new mayor")]);
        // An apposition after the comma stays with the source.
        let doc = Document::new(
            "t",
            "According to Ann Ray, a pollster who studies turnout, most voters stay home.",
        );
        let an = model().analyse(&doc);
        let source = tokens(&doc, "Ann Ray, a pollster who studies turnout");
        let mut sources = vec![source.clone()];
        let mut content = vec![tokens(&doc, "most voters stay home")];
        split_according_to(
            &an,
            &tokens(&doc, "According to"),
            &mut sources,
            &mut content,
        );
        assert_eq!(sources, [source]);
    }

    #[test]
    fn a_report_sentence_after_a_quotation_takes_the_quotation() {
        let report = |s: &str, c: &str| Some((Some(s.to_string()), c.to_string()));
        assert_eq!(
            plain("“Who will pay for this?” Mayor Reyes asked.", "asked"),
            report("mayor reyes", "\" who will pay for this ? \"")
        );
        assert_eq!(
            plain("“The roads are closed.” Ms. Reyes told reporters.", "told"),
            report("ms. reyes", "\" the roads are closed . \"")
        );
        // A new paragraph after the quotation is no report of it.
        assert_eq!(
            plain("“The roads are closed.”\n\nThe mayor said.", "said"),
            None
        );
        // A sentence that begins inside the quotation has no quotation before it.
        assert_eq!(plain("“One. Two more,” Ms. Reyes said.", "said"), None);
    }

    #[test]
    fn a_cue_without_a_clause_of_its_own_has_no_plain_report() {
        assert_eq!(plain("Mexico said enough.", "said"), None);
        assert_eq!(
            plain("The mayor said Friday, as the vote began, little.", "said"),
            None
        );
        assert_eq!(
            plain("The plan, the mayor said, will cost more.", "said"),
            None
        );
    }

    #[test]
    fn an_object_content_stops_before_a_verb_joined_by_and() {
        let doc = Document::new(
            "t",
            "Ms. Park promoted the new bridge plan and dismissed the risks.",
        );
        let an = model().analyse(&doc);
        let content = tokens(&doc, "the new bridge plan and dismissed the risks");
        let cut = coordinated_verb(&an, &content).expect("a cut");
        assert_eq!(doc.token_str(cut), "and");
    }

    #[test]
    fn a_clause_content_keeps_its_coordinated_verbs() {
        let doc = Document::new(
            "t",
            "Ms. Park said the plan failed and cost the town dearly.",
        );
        let an = model().analyse(&doc);
        let content = tokens(&doc, "the plan failed and cost the town dearly");
        assert_eq!(coordinated_verb(&an, &content), None);
    }

    #[test]
    fn the_review_takes_a_cue_the_tagger_passed_over() {
        let text =
            "The senator, who likes to quote Lincoln, painted the vote as a test of character.";
        let (model, doc) = (model(), Document::new("t", text));
        let an = model.analyse(&doc);
        let mut f = Features::default();
        let (tagged, marks, margins) = tag_document(&model.cues, &an, &doc, &mut f);
        let painted = tokens(&doc, "painted");
        assert!(!tagged.contains(&painted));
        assert!(
            model
                .reviewed(&an, &doc, &marks, &margins, &mut f)
                .iter()
                .any(|(r, _)| *r == painted)
        );
        let found = model.find(&doc, &an);
        let claim = found.iter().find(|c| c.cue == painted).expect("a claim");
        assert_eq!(claim.sources[0], tokens(&doc, "The senator"));
        assert_eq!(
            claim.content[0],
            tokens(&doc, "the vote as a test of character")
        );
    }
}
