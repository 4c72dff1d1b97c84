//! How likely a claim is to be right, and which claims are too unlikely to report.
//!
//! The taggers decide word by word: the cue tagger whether "unveiled" is a cue here, the
//! span tagger which words around it are source and content. Many of the claims they put
//! together are wrong in ways no single word shows, and visible at once in the whole:
//! a cue whose "content" is a bare noun phrase ("made the comments", "hired a lawyer"),
//! a weak cue with no source, a cue inside another claim's content, a content of two
//! words. [`Confidence`] is a logistic regression over such claim-level features, trained
//! on the claims the whole stage finds in training documents its taggers did not see
//! (each fold tagged by taggers trained on the others), each labelled by whether it
//! matches an annotated claim as the scorer pairs them: content Jaccard of at least 0.5
//! and the same source. A claim that is right with chance `q` raises F1 when `q`
//! exceeds half of F1, so the stage drops claims below a threshold; the threshold is
//! the one that gives the best F1 over those held-out folds.

use crate::ClaimStage;
use crate::model::{Analysis, GoldClaim, Model, PRONOUNS, SOURCE_NOUNS, bucket};
use crate::perceptron::{Features, read_f32};
use crate::review::{Example, Logistic};
use dossier_core::{Claim, Document, Span};
use std::collections::HashSet;
use std::io::{self, Read, Write};
use std::ops::Range;

/// The claim confidence: a logistic regression, the log-odds below which a claim goes,
/// and a scale and shift that turn its log-odds into a chance as held-out claims bear
/// it out (the regression, fitted on features it partly memorises, is overconfident).
#[derive(Clone)]
pub struct Confidence {
    lr: Logistic,
    threshold: f32,
    scale: f32,
    shift: f32,
    /// The best F1 its threshold gave on the held-out folds, known only after training.
    pub(crate) held_out_f1: Option<f32>,
}

impl Default for Confidence {
    /// A confidence that keeps every claim.
    fn default() -> Confidence {
        Confidence {
            lr: Logistic::default(),
            threshold: f32::NEG_INFINITY,
            scale: 1.0,
            shift: 0.0,
            held_out_f1: None,
        }
    }
}

#[cfg(test)]
impl Confidence {
    /// A confidence that drops every claim it judges.
    pub(crate) fn keeping_nothing() -> Confidence {
        Confidence {
            threshold: f32::INFINITY,
            ..Confidence::default()
        }
    }
}

/// How the stage came by a claim's cue.
#[derive(Clone, Copy)]
pub(crate) struct Origin {
    /// "tagger" or "review".
    pub how: &'static str,
    /// How far the cue cleared the decision that found it ([`crate::model::Found`]).
    pub cue_score: f32,
}

impl Confidence {
    /// The chance that a claim with these features is right.
    pub fn probability(&self, keys: &[u32]) -> f32 {
        sigmoid(self.scale * self.lr.logit(keys) + self.shift)
    }

    /// Whether a claim with these features is likely enough to be right to report.
    pub fn keeps(&self, keys: &[u32]) -> bool {
        self.lr.logit(keys) >= self.threshold
    }

    /// Fits the regression on all `examples`, and the threshold on the log-odds each
    /// fold's examples get from weights fitted on the other folds: the one that gives the
    /// best F1 together with the claims it does not judge (`base`).
    pub(crate) fn train(examples: &[Example], folds: usize, base: Tally) -> Confidence {
        let mut scored: Vec<(f32, bool)> = Logistic::held_out(examples, folds)
            .into_iter()
            .zip(examples.iter().map(|e| e.positive))
            .collect();
        let (scale, shift) = calibrate(&scored);
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        let f1 = |right: usize, kept: usize| {
            2.0 * (base.right + right) as f32 / (base.kept + kept + base.gold).max(1) as f32
        };
        // A threshold lies between two different scores, halfway.
        let (mut right, mut best) = (0, (0.0, f32::NEG_INFINITY));
        for (kept, &(z, positive)) in scored.iter().enumerate() {
            right += positive as usize;
            let next = scored.get(kept + 1).map_or(f32::NEG_INFINITY, |n| n.0);
            if next < z && f1(right, kept + 1) > best.0 {
                best = (f1(right, kept + 1), (z + next) / 2.0);
            }
        }
        Confidence {
            lr: Logistic::fit(examples.iter()),
            threshold: best.1,
            scale,
            shift,
            held_out_f1: Some(best.0),
        }
    }

    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        for x in [self.threshold, self.scale, self.shift] {
            out.write_all(&x.to_le_bytes())?;
        }
        self.lr.write(out)
    }

    pub fn read(input: &mut impl Read) -> io::Result<Confidence> {
        let (threshold, scale, shift) = (read_f32(input)?, read_f32(input)?, read_f32(input)?);
        Ok(Confidence {
            lr: Logistic::read(input)?,
            threshold,
            scale,
            shift,
            held_out_f1: None,
        })
    }
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// The scale and shift of held-out log-odds that best predict whether they were right
/// (Platt scaling), by Newton's method on the two parameters.
fn calibrate(scored: &[(f32, bool)]) -> (f32, f32) {
    let (mut a, mut b) = (1.0f64, 0.0f64);
    for _ in 0..30 {
        let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, 0.0, 1e-6, 0.0, 1e-6);
        for &(z, right) in scored {
            let z = z as f64;
            let p = 1.0 / (1.0 + (-(a * z + b)).exp());
            let (d, w) = (p - right as u8 as f64, p * (1.0 - p));
            ga += d * z;
            gb += d;
            haa += w * z * z;
            hab += w * z;
            hbb += w;
        }
        let det = haa * hbb - hab * hab;
        if det.abs() < 1e-12 {
            break;
        }
        a -= (hbb * ga - hab * gb) / det;
        b -= (haa * gb - hab * ga) / det;
    }
    (a as f32, b as f32)
}

/// Trains the confidence on the claims the stage finds with `fold_models[k]` in the
/// documents `d` where `d % folds == k`, which that model was trained without.
pub(crate) fn train(
    docs: &[(Document, Vec<GoldClaim>)],
    fold_models: Vec<Model>,
    folds: usize,
) -> Confidence {
    let mut examples = Vec::new();
    let mut f = Features::default();
    let mut base = Tally {
        gold: docs.iter().map(|(_, g)| g.len()).sum(),
        ..Tally::default()
    };
    for (k, model) in fold_models.into_iter().enumerate() {
        let stage = ClaimStage::from_model(model);
        for (doc, gold) in docs.iter().skip(k).step_by(folds) {
            let (an, claims, origins) = stage.candidates(doc);
            let right = right(doc, gold, &claims);
            for i in 0..claims.len() {
                let Some(origin) = claims[i].cue.and_then(|c| origins.get(&c.start).copied())
                else {
                    base.kept += 1;
                    base.right += right[i] as usize;
                    continue;
                };
                f.clear();
                features(doc, &an, &claims, i, origin, &mut f);
                examples.push(Example {
                    keys: f.keys.clone(),
                    positive: right[i],
                    fold: k,
                });
            }
        }
    }
    Confidence::train(&examples, folds, base)
}

/// Claims kept and right whatever the confidence says, and the annotated claims.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Tally {
    pub kept: usize,
    pub right: usize,
    pub gold: usize,
}

/// Which of `claims` match an annotated claim as the scorer pairs them: one to one,
/// greedily by the Jaccard of their content characters (edge quotes and punctuation
/// trimmed), a pair right when that is at least 0.5 and the first source overlaps the
/// annotated one (or neither has one).
fn right(doc: &Document, gold: &[GoldClaim], claims: &[Claim]) -> Vec<bool> {
    let chars = |spans: &mut dyn Iterator<Item = Span>| -> HashSet<usize> {
        spans
            .flat_map(|s| {
                let t = trimmed(&doc.text, s);
                t.start as usize..t.end as usize
            })
            .filter(|&b| doc.text.is_char_boundary(b))
            .collect()
    };
    let gc: Vec<HashSet<usize>> = gold
        .iter()
        .map(|g| chars(&mut g.content.iter().copied()))
        .collect();
    let pc: Vec<HashSet<usize>> = claims
        .iter()
        .map(|c| chars(&mut c.content.iter().copied()))
        .collect();
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, g) in gc.iter().enumerate() {
        for (j, p) in pc.iter().enumerate() {
            let inter = g.intersection(p).count();
            if inter > 0 {
                pairs.push((inter as f64 / g.union(p).count() as f64, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.partial_cmp(a).unwrap_or(std::cmp::Ordering::Equal));
    let (mut used_g, mut used_p) = (vec![false; gold.len()], vec![false; claims.len()]);
    let mut out = vec![false; claims.len()];
    for (jaccard, i, j) in pairs {
        if used_g[i] || used_p[j] {
            continue;
        }
        (used_g[i], used_p[j]) = (true, true);
        let source = claims[j]
            .sources
            .first()
            .map(|s| trimmed(&doc.text, s.span));
        out[j] = jaccard >= 0.5
            && match gold[i].source.map(|s| trimmed(&doc.text, s)) {
                Some(g) => source.is_some_and(|p| g.overlaps(p)),
                None => source.is_none(),
            };
    }
    out
}

/// A span without the quotation marks, punctuation and spaces at its edges.
fn trimmed(text: &str, span: Span) -> Span {
    let edge = |c: char| c.is_whitespace() || ".,;:!?\"'“”‘’„«»—–-()[]".contains(c);
    let t = span.trim_by(text, edge);
    if t.is_empty() { span } else { t }
}

fn cue_score_bucket(how: &str, s: f32) -> &'static str {
    let steps: &[(f32, &'static str)] = if how == "review" {
        &[(0.5, "<0.5"), (1.0, "<1"), (2.0, "<2")]
    } else {
        &[
            (0.0, "<0"),
            (25.0, "<25"),
            (50.0, "<50"),
            (100.0, "<100"),
            (200.0, "<200"),
        ]
    };
    steps
        .iter()
        .find(|&&(t, _)| s < t)
        .map_or("top", |&(_, b)| b)
}

/// The tokens of the spans, in order.
fn tokens(doc: &Document, spans: &[Span]) -> Vec<usize> {
    spans.iter().flat_map(|&s| doc.tokens_in(s)).collect()
}

/// What the confidence reads of `claims[i]`, among all the claims the stage found in `doc`.
pub(crate) fn features(
    doc: &Document,
    an: &Analysis,
    claims: &[Claim],
    i: usize,
    origin: Origin,
    f: &mut Features,
) {
    let c = &claims[i];
    let cue: Range<usize> = c.cue.map_or(0..0, |s| doc.tokens_in(s));
    let content = tokens(doc, &c.content);
    f.add("b", &[]);
    f.add("kind", &[c.kind.as_str()]);
    let how = origin.how;
    f.add("how", &[how]);
    f.add("cs", &[how, cue_score_bucket(how, origin.cue_score)]);

    if c.hedge.is_some() {
        f.add("hedge", &[]);
    }

    // The cue: its words, how often they are cues, where it stands.
    let lemma = an.stems[cue.clone()].join("_");
    let head = cue
        .clone()
        .rev()
        .find(|&k| an.shapes[k] != "p")
        .map_or("-", |k| an.stems[k].as_str());
    f.add("cue", &[&lemma]);
    f.add("head", &[head]);
    let prior = cue
        .clone()
        .map(|k| an.prior[k])
        .max_by_key(|p| p.parse::<u8>().unwrap_or(0))
        .unwrap_or("-");
    f.add("lx", &[prior]);
    f.add("lxhow", &[prior, how]);
    f.add("cuelen", &[bucket(cue.len())]);
    let in_quote = cue.start < an.quote.len() && !cue.is_empty() && an.quote[cue.start].is_some();
    f.add("cueq", &[if in_quote { "Q" } else { "-" }]);
    let before = if cue.start > 0 {
        an.words[cue.start - 1].as_str()
    } else {
        "<s>"
    };
    let after = an.words.get(cue.end).map_or("</s>", String::as_str);
    f.add("cue-1", &[before]);
    f.add("cue+1", &[after]);
    f.add("headcue+1", &[head, after]);
    let passive = cue.clone().take(3).any(|k| {
        matches!(
            an.words[k].as_str(),
            "is" | "are" | "was" | "were" | "be" | "been" | "being"
        )
    });
    f.add("pass", &[if passive { "y" } else { "n" }]);

    // The content: how long, what it begins with, whether it has a verb.
    let words = content
        .iter()
        .filter(|&&k| an.shapes[k] != "p" && an.shapes[k] != "q")
        .count();
    f.add("len", &[bucket(words)]);
    f.add("runs", &[bucket(c.content.len())]);
    let first = content.iter().copied().find(|&k| an.shapes[k] != "q");
    let opening = match first {
        None => "-",
        Some(k) if an.words[k] == "that" => "that",
        Some(k) if an.words[k] == "to" => "to",
        Some(k)
            if matches!(
                an.words[k].as_str(),
                "if" | "whether" | "how" | "why" | "what" | "when"
            ) =>
        {
            "wh"
        }
        Some(k) => an.chunks[k],
    };
    let quoted = content.first().is_some_and(|&k| an.shapes[k] == "q");
    let verb = content.iter().any(|&k| an.chunks[k] == "B-VP");
    let side = match content.first() {
        Some(&k) if k >= cue.end => "R",
        Some(_) => "L",
        None => "-",
    };
    let verb = if verb { "v" } else { "nov" };
    f.add("open", &[opening, side]);
    f.add("openv", &[opening, verb]);
    f.add("verb", &[verb, side, bucket(words)]);
    f.add("openq", &[opening, if quoted { "q" } else { "-" }]);
    f.add("headopen", &[head, opening]);
    f.add("headverb", &[head, verb]);
    f.add("first", &[first.map_or("-", |k| an.words[k].as_str())]);
    let last = content.iter().rev().copied().find(|&k| an.shapes[k] != "q");
    f.add("last", &[last.map_or("-", |k| an.words[k].as_str())]);
    let gap = match (content.first(), content.last()) {
        (Some(&a), _) if a >= cue.end => a - cue.end,
        (_, Some(&z)) if z < cue.start => cue.start - z - 1,
        _ => 0,
    };
    f.add("gap", &[side, bucket(gap)]);

    // The source: none, a pronoun, a title noun, a name, another noun phrase.
    let source = c.sources.first().map(|s| doc.tokens_in(s.span));
    let speaker = match &source {
        None => "-",
        Some(r) if r.len() == 1 && PRONOUNS.contains(&an.words[r.start].as_str()) => "pron",
        Some(r)
            if r.clone()
                .any(|k| matches!(an.shapes[k], "Xx" | "XX") && k > r.start) =>
        {
            "name"
        }
        Some(r)
            if r.clone()
                .any(|k| SOURCE_NOUNS.contains(&an.words[k].as_str())) =>
        {
            "title"
        }
        Some(r) if matches!(an.shapes[r.start], "Xx" | "XX") => "cap",
        Some(_) => "np",
    };
    let sside = match &source {
        Some(r) if r.start >= cue.end => "R",
        Some(_) => "L",
        None => "-",
    };
    f.add("spk", &[speaker, sside]);
    f.add("spklen", &[bucket(source.as_ref().map_or(0, |r| r.len()))]);
    f.add("headspk", &[head, speaker]);
    f.add("spkopen", &[speaker, opening]);
    f.add("spkverb", &[speaker, verb, if passive { "p" } else { "a" }]);

    // Its neighbours: a cue inside another claim's content, other claims in the sentence.
    let nested = c.cue.is_some_and(|cs| {
        claims.iter().enumerate().any(|(j, o)| {
            j != i
                && o.content
                    .iter()
                    .any(|s| s.start <= cs.start && cs.end <= s.end)
        })
    });
    f.add("nest", &[if nested { "y" } else { "n" }, how]);
    if let Some(&k) = content.first().or(cue.clone().next().as_ref()) {
        let sentence = an.sent[k];
        let n = (an.sent.iter().filter(|&&s| s == sentence).count()).min(200);
        f.add("slen", &[bucket(n)]);
        let others = claims
            .iter()
            .filter(|o| {
                o.cue.is_some_and(|s| {
                    doc.tokens_in(s)
                        .next()
                        .is_some_and(|t| an.sent[t] == sentence)
                })
            })
            .count();
        f.add("others", &[bucket(others)]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(doc: &Document, s: &str) -> Span {
        let a = doc.text.find(s).unwrap();
        Span::new(a, a + s.len())
    }

    fn claim(doc: &Document, source: Option<&str>, content: &str) -> Claim {
        let sources = source
            .map(|s| dossier_core::Source {
                span: at(doc, s),
                entity: None,
            })
            .into_iter()
            .collect();
        let kind = dossier_core::ClaimKind::Indirect;
        Claim::new(vec![at(doc, content)], sources, None, kind)
    }

    #[test]
    fn a_claim_is_right_with_half_the_content_and_the_annotated_source() {
        let doc = Document::new(
            "d",
            "The mayor said the bridge would reopen in May, and the council hired a firm.",
        );
        let gold = vec![GoldClaim {
            cue: at(&doc, "said"),
            source: Some(at(&doc, "The mayor")),
            content: vec![at(&doc, "the bridge would reopen in May")],
        }];
        let claims = vec![
            claim(&doc, Some("mayor"), "the bridge would reopen"),
            claim(&doc, Some("the council"), "a firm"),
        ];
        assert_eq!(right(&doc, &gold, &claims), [true, false]);
        let wrong_source = vec![claim(&doc, Some("the council"), "the bridge would reopen")];
        assert_eq!(right(&doc, &gold, &wrong_source), [false]);
        let too_short = vec![claim(&doc, Some("The mayor"), "in May")];
        assert_eq!(right(&doc, &gold, &too_short), [false]);
    }

    #[test]
    fn drops_what_is_seldom_right_and_reads_its_chance_off_held_out_claims() {
        // Feature 1 marks claims right nine times in ten, feature 2 one time in ten.
        let examples: Vec<Example> = (0..1000)
            .map(|i| Example {
                keys: vec![1 + (i % 2) as u32, 10],
                positive: if i % 2 == 0 { i % 20 != 0 } else { i % 20 == 1 },
                fold: (i / 20) % 5,
            })
            .collect();
        let gold = Tally {
            gold: 500,
            ..Tally::default()
        };
        let c = Confidence::train(&examples, 5, gold);
        assert!(c.keeps(&[1, 10]) && !c.keeps(&[2, 10]));
        assert!((c.probability(&[1, 10]) - 0.9).abs() < 0.05);
        assert!((c.probability(&[2, 10]) - 0.1).abs() < 0.05);
        let mut bytes = Vec::new();
        c.write(&mut bytes).unwrap();
        let back = Confidence::read(&mut bytes.as_slice()).unwrap();
        assert!(back.keeps(&[1, 10]) && !back.keeps(&[2, 10]));
    }
}
