//! What the cue review ([`CueReview`]) is shown: which words it looks at, what it reads of
//! each, and the out-of-fold examples it is trained on.

use super::*;

/// The stems of the words in a document's cues.
pub(super) fn cue_stems<'a>(an: &'a Analysis, cue_marks: &[bool]) -> HashSet<&'a str> {
    an.stems
        .iter()
        .zip(cue_marks)
        .filter(|&(_, &m)| m)
        .map(|(s, _)| s.as_str())
        .collect()
}

/// What the cue review learns from: the words cue taggers pass over in documents they
/// were not trained on, each fold of `docs` tagged by a tagger trained on the other folds
/// (on `vocabulary`, for `epochs`), as the model's own tagger is; a word is positive when
/// it belongs to a gold cue the tagger missed. Returns the examples, each with its
/// document's fold, and the fold taggers (the `k`th trained without the documents `d`
/// where `d % FOLDS == k`).
pub(super) fn review_examples(
    docs: &[(Document, Vec<GoldClaim>)],
    analyses: &[Analysis],
    vocabulary: &HashSet<u32>,
    epochs: usize,
) -> (Vec<review::Example>, Vec<Tagger>) {
    let mut examples = Vec::new();
    let mut taggers = Vec::new();
    let mut f = Features::default();
    let labels: Vec<Vec<usize>> = docs.iter().map(|(d, g)| gold_cues(d, g).1).collect();
    for k in 0..FOLDS {
        let mut trainer = Trainer::new(CUE_LABELS, cue_allowed).restricted_to(vocabulary.clone());
        let mut order: Vec<usize> = (0..docs.len()).filter(|d| d % FOLDS != k).collect();
        let mut shuffle = Shuffle::new(k as u64);
        for _ in 0..epochs {
            shuffle.apply(&mut order);
            for &d in &order {
                for s in &docs[d].0.sentences {
                    let range = s.tokens();
                    let seq = cue_sequence(&analyses[d], &docs[d].0, &range, &mut f);
                    trainer.learn(&seq, &labels[d][range]);
                }
            }
        }
        let tagger = trainer.finish(1e-3);
        for d in (k..docs.len()).step_by(FOLDS) {
            let ((doc, gold), an) = (&docs[d], &analyses[d]);
            let (_, marks, margins) = tag_document(&tagger, an, doc, &mut f);
            let stems = cue_stems(an, &marks);
            // A gold cue the tagger touched is found: its other words are no cue to add.
            let mut missed = vec![false; doc.tokens.len()];
            for c in gold_cues(doc, gold).0 {
                if !marks[c.clone()].iter().any(|&m| m) {
                    missed[c].iter_mut().for_each(|m| *m = true);
                }
            }
            for s in &doc.sentences {
                let range = s.tokens();
                for i in range.clone() {
                    if is_candidate(an, doc, &marks, margins[i], i) {
                        f.clear();
                        review_features(an, i, &range, &marks, &stems, margins[i], &mut f);
                        examples.push(review::Example {
                            keys: f.keys.clone(),
                            positive: missed[i],
                            fold: k,
                        });
                    }
                }
            }
        }
        taggers.push(tagger);
    }
    (examples, taggers)
}

/// Whether the review looks at a token: a word outside the tagger's cues that the tagger
/// did not rule out by far, not one that training saw but never in a cue, and not a
/// function word (a cue's auxiliary comes with its verb, see [`Model::reviewed`]).
pub(super) fn is_candidate(
    an: &Analysis,
    doc: &Document,
    cue_marks: &[bool],
    margin: f32,
    i: usize,
) -> bool {
    !cue_marks[i]
        && margin >= MARGIN_FLOOR
        && doc.tokens[i].kind == TokenKind::Word
        && !CueLexicon::never_a_cue(an.prior[i])
        && !FUNCTION_WORDS.contains(&an.words[i].as_str())
}

/// The tagger's margins run to about ±200; below this floor (a fifth of the words it
/// passes over), under one in a hundred of the words is a cue it missed.
const MARGIN_FLOOR: f32 = -100.0;

const FUNCTION_WORDS: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "'s", "'re", "'m", "has", "have",
    "had", "having", "do", "does", "did", "will", "would", "could", "should", "can", "may",
    "might", "must", "shall", "'ll", "'d", "not", "n't", "to", "the", "a", "an", "of", "in", "on",
    "for", "with", "by", "and", "or", "but", "that", "this", "it", "as", "at", "from",
];

/// Titles and collective nouns that name sources: the noun phrase before a cue ends in one.
pub(crate) const SOURCE_NOUNS: &[&str] = &[
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "source",
    "sources",
    "aide",
    "aides",
    "analyst",
    "analysts",
    "expert",
    "experts",
    "police",
    "report",
    "reports",
    "statement",
    "campaign",
    "ministry",
    "department",
    "government",
    "president",
    "minister",
    "leader",
    "leaders",
    "critics",
    "supporters",
    "administration",
    "committee",
    "agency",
];

fn margin_bucket(m: f32) -> &'static str {
    match m {
        _ if m < -75.0 => "<-75",
        _ if m < -50.0 => "<-50",
        _ if m < -30.0 => "<-30",
        _ if m < -15.0 => "<-15",
        _ if m < 0.0 => "<0",
        _ if m < 15.0 => "<15",
        _ => ">15",
    }
}

/// What the cue review reads of candidate `i` in `sentence`, given the tagger's cues and
/// its margin there.
pub(super) fn review_features(
    an: &Analysis,
    i: usize,
    sentence: &Range<usize>,
    cue_marks: &[bool],
    cue_stems: &HashSet<&str>,
    margin: f32,
    f: &mut Features,
) {
    let ii = i as isize;
    let st = an.stems[i].as_str();
    let p = an.prior[i];
    let m = margin_bucket(margin);
    let w = |k: isize| {
        if k < sentence.start as isize || k >= sentence.end as isize {
            "|"
        } else {
            an.words[k as usize].as_str()
        }
    };
    f.add("b", &[]);
    f.add("st", &[st]);
    f.add("lx", &[p]);
    f.add("m", &[m]);
    f.add("mlx", &[m, p]);
    f.add("lxch", &[p, an.chunks[i]]);
    f.add("sh", &[an.shapes[i], an.chunks[i]]);
    f.add("w-1", &[w(ii - 1)]);
    f.add("w+1", &[w(ii + 1)]);
    f.add("w-2", &[w(ii - 2)]);
    f.add("w+2", &[w(ii + 2)]);
    f.add("w-1st", &[w(ii - 1), st]);
    f.add("stw+1", &[st, w(ii + 1)]);
    f.add("w-1w+1", &[w(ii - 1), w(ii + 1)]);
    // A word the tagger took for a cue elsewhere in the document.
    let elsewhere = if cue_stems.contains(st) { "y" } else { "n" };
    f.add("el", &[elsewhere]);
    f.add("ellx", &[elsewhere, p]);

    // The nearest cue the tagger found in the sentence, by side and distance.
    let left = (sentence.start..i).rev().find(|&k| cue_marks[k]);
    let right = (i + 1..sentence.end).find(|&k| cue_marks[k]);
    let other = match (left, right) {
        (Some(l), Some(r)) if i - l <= r - i => ("L", bucket(i - l)),
        (_, Some(r)) => ("R", bucket(r - i)),
        (Some(l), None) => ("L", bucket(i - l)),
        (None, None) => ("-", "-"),
    };
    f.add("oc", &[other.0, other.1]);
    f.add("ocm", &[other.0, m]);

    // The noun phrase before the verb group the candidate is in: who would be its source.
    let mut k = i;
    while k > sentence.start && an.chunks[k] == "I-VP" {
        k -= 1;
    }
    // An adverb between ("he also said") is a phrase of its own.
    if k > sentence.start + 1 && an.chunks[k - 1] == "B-X" {
        k -= 1;
    }
    let subject = if k > sentence.start && matches!(an.chunks[k - 1], "B-NP" | "I-NP") {
        k -= 1;
        let head = an.words[k].as_str();
        if PRONOUNS.contains(&head) {
            "pron"
        } else if SOURCE_NOUNS.contains(&head) {
            "title"
        } else if matches!(an.shapes[k], "Xx" | "XX") {
            "name"
        } else {
            "np"
        }
    } else {
        "-"
    };
    f.add("sj", &[subject]);
    f.add("sjst", &[subject, st]);
    f.add("sjm", &[subject, m]);

    // What the candidate introduces: a "that"-clause, "to", a quotation, a colon.
    let ahead = (i + 1..sentence.end.min(i + 5)).find_map(|k| match an.words[k].as_str() {
        "that" => Some("that"),
        ":" => Some(":"),
        "to" if k == i + 1 => Some("to"),
        "," if k == i + 1 => Some(","),
        _ if an.shapes[k] == "q" => Some("q"),
        _ => None,
    });
    let ahead = ahead.unwrap_or("-");
    f.add("ah", &[ahead]);
    f.add("ahst", &[ahead, st]);
    f.add("ahsj", &[ahead, subject]);
    f.add("ahsjst", &[ahead, subject, st]);
    // The phrase after the candidate's own: an object, a clause, a preposition.
    let mut k = i + 1;
    while k < sentence.end && an.chunks[k].starts_with("I-") {
        k += 1;
    }
    let next = if k < sentence.end { an.chunks[k] } else { "|" };
    f.add("nx", &[next, an.chunks[i]]);
    f.add("nxst", &[next, st]);
    let has_q = |r: Range<usize>| r.into_iter().any(|k| an.shapes[k] == "q");
    let qb = if has_q(sentence.start..i) { "Q" } else { "-" };
    let qa = if has_q(i + 1..sentence.end) { "Q" } else { "-" };
    let inq = if an.quote[i].is_some() { "Q" } else { "-" };
    f.add("q", &[qb, qa, inq]);
    f.add(
        "pos",
        &[bucket(i - sentence.start), bucket(sentence.end - i - 1)],
    );
}
