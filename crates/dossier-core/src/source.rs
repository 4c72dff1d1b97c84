//! Where a document's text is in the page it was extracted from.
//!
//! Extraction drops markup and boilerplate and collapses white space, so a span of the
//! text is not a span of the page. A [`SourcePage`] keeps the page and a list of
//! [`Run`]s, stretches of the text found in the page in order, so that evidence can be
//! highlighted where the reader saw it.

use crate::Span;
use serde::{Deserialize, Serialize};

/// The page a document's text was extracted from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SourcePage {
    /// The page's markup, decoded to UTF-8; [`Run::page`] spans point into it.
    pub html: String,
    /// In text order, not overlapping. Text that was not found in the page (rare:
    /// characters the extractor rewrote) falls between runs.
    pub runs: Vec<Run>,
}

/// A stretch of the text and where it is in the page. When both spans have the same
/// length their bytes are equal; otherwise the run is one character that the page
/// writes as a character reference (`&amp;`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    pub text: Span,
    pub page: Span,
}

impl SourcePage {
    /// The pieces of the page that show `span` of the text, in order. A piece never
    /// crosses a tag, so each can be wrapped in markup of its own (a `<mark>`).
    pub fn pieces(&self, span: Span) -> Vec<Span> {
        let first = self.runs.partition_point(|r| r.text.end <= span.start);
        self.runs[first..]
            .iter()
            .take_while(|r| r.text.start < span.end)
            .map(|r| {
                if r.text.len() != r.page.len() {
                    return r.page;
                }
                let from = span.start.max(r.text.start) - r.text.start;
                let to = span.end.min(r.text.end) - r.text.start;
                Span {
                    start: r.page.start + from,
                    end: r.page.start + to,
                }
            })
            .collect()
    }

    /// The stretch of the page from the first to the last piece of `span`, if any of
    /// its text was found.
    pub fn locate(&self, span: Span) -> Option<Span> {
        let pieces = self.pieces(span);
        Some(pieces.first()?.cover(*pieces.last()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text "Fish & chips." from `<p>Fish &amp;\n <b>chips</b>.</p>`.
    fn fish() -> SourcePage {
        let run = |t: (usize, usize), p: (usize, usize)| Run {
            text: Span::new(t.0, t.1),
            page: Span::new(p.0, p.1),
        };
        SourcePage {
            html: "<p>Fish &amp;\n <b>chips</b>.</p>".into(),
            runs: vec![
                run((0, 5), (3, 8)),
                run((5, 6), (8, 13)),
                run((7, 12), (18, 23)),
                run((12, 13), (27, 28)),
            ],
        }
    }

    #[test]
    fn a_span_maps_to_pieces_between_tags() {
        let page = fish();
        let of = |s: Span| s.of(&page.html);
        let pieces = page.pieces(Span::new(2, 12));
        let texts: Vec<&str> = pieces.iter().map(|&s| of(s)).collect();
        assert_eq!(texts, ["sh ", "&amp;", "chips"]);
        assert_eq!(of(page.locate(Span::new(7, 13)).unwrap()), "chips</b>.");
    }

    #[test]
    fn text_outside_every_run_has_no_place() {
        assert_eq!(fish().locate(Span::new(6, 7)), None);
    }
}
