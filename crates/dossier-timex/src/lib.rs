//! Time expressions: recognised, typed and normalised to TIMEX3 values anchored on
//! the document's date.
//!
//! A news report says "Saturday", "last week" and "early November"; what a reader
//! needs is 2025-01-11, 2025-W01 and 2024-11 (START). The rules are HeidelTime's kind,
//! written over dossier's tokens rather than as regular expressions: a small grammar
//! ([`grammar`]) recognises an expression and computes its value in the same step,
//! calendar arithmetic ([`calendar`]) moves from the anchor, and the tense of the
//! nearest verb decides which way a bare weekday or month points. A document that came
//! without a date gets one inferred from its text ([`anchor`]), marked as inferred; one
//! whose date is a day off its own dateline counts from the dateline.

mod anchor;
pub mod calendar;
pub mod grammar;
pub mod lexicon;
mod tense;

use dossier_core::{DateSource, Document, IntervalEnd, Layer, Span, Stage, Timex};
use grammar::Scanner;
use std::ops::Range;

/// The stage that fills [`Document::times`], inferring `doc.anchor` first when it is unset.
#[derive(Debug, Default, Clone, Copy)]
pub struct TimexStage;

impl TimexStage {
    pub fn new() -> TimexStage {
        TimexStage
    }

    /// The same as [`TimexStage::new`]: the rules need no tables.
    pub fn load() -> TimexStage {
        TimexStage
    }
}

impl Stage for TimexStage {
    fn name(&self) -> &'static str {
        "times"
    }

    fn needs(&self) -> &'static [Layer] {
        &[Layer::Tokens]
    }

    fn adds(&self) -> &'static [Layer] {
        &[Layer::Times]
    }

    fn run(&self, doc: &mut Document) {
        let words: Vec<String> = doc
            .tokens
            .iter()
            .map(|t| doc.str(t.span).to_lowercase())
            .collect();
        let raw: Vec<&str> = doc.tokens.iter().map(|t| t.span.of(&doc.text)).collect();
        let mut sentence: Vec<Range<usize>> = vec![0..0; words.len()];
        for s in &doc.sentences {
            for k in s.tokens() {
                if let Some(slot) = sentence.get_mut(k) {
                    *slot = s.tokens();
                }
            }
        }
        let token_span = |r: Range<usize>| {
            Span::new(
                doc.tokens[r.start].span.start as usize,
                doc.tokens[r.end - 1].span.end as usize,
            )
        };

        let mut anchor = doc
            .anchor
            .as_ref()
            .map(|(d, _)| anchor::written(&words, &raw, *d));
        let mut inferred = None;
        if anchor.is_none() {
            let hits = Scanner::new(&words, &raw, &sentence, None).scan();
            if let Some((date, at)) = anchor::infer(&words, &raw, &hits) {
                anchor = Some(date);
                inferred = Some((
                    date,
                    DateSource::Inferred {
                        evidence: token_span(at),
                    },
                ));
            }
        }
        let hits = Scanner::new(&words, &raw, &sentence, anchor).scan();
        let times: Vec<Timex> = hits
            .into_iter()
            .filter(|h| h.start < h.end && h.end <= words.len())
            .map(|h| Timex {
                span: token_span(h.start..h.end),
                kind: h.kind,
                value: h.value,
                modifier: h.modifier.map(str::to_string),
                anchored: h.anchored,
                bound: h.start.checked_sub(1).and_then(|k| bound_after(&words[k])),
            })
            .collect();
        if inferred.is_some() {
            doc.anchor = inferred;
        }
        doc.times.extend(times);
    }
}

/// The end of a stretch of time an expression is, by the word before it: "since early
/// August" and "starting Monday" open one, "until March" closes one.
fn bound_after(word: &str) -> Option<IntervalEnd> {
    match word.to_lowercase().as_str() {
        "since" | "starting" => Some(IntervalEnd::Start),
        "until" | "till" | "til" | "through" => Some(IntervalEnd::End),
        _ => None,
    }
}
