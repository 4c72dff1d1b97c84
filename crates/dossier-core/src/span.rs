//! Byte ranges into a document's text.
//!
//! Every annotation in dossier points into the one text its [`Document`](crate::Document)
//! owns. A `Span` is a half-open byte range `[start, end)` on UTF-8 character boundaries;
//! conversion to code-point offsets (what Python and the scorer count) happens once, at
//! the JSON edge, through [`CharIndex`].

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;

/// A half-open byte range `[start, end)` into a document's text.
#[derive(Copy, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// The text this span selects. Panics if the span is not on char boundaries of `text`.
    pub fn of(self, text: &str) -> &str {
        &text[self.range()]
    }

    /// This span with leading and trailing characters matching `strip` removed.
    pub fn trim_by(self, text: &str, strip: impl Fn(char) -> bool) -> Span {
        let s = self.of(text);
        let lead = s.len() - s.trim_start_matches(&strip).len();
        let body = s.trim_start_matches(&strip).trim_end_matches(&strip);
        Span::new(
            self.start as usize + lead,
            self.start as usize + lead + body.len(),
        )
    }

    /// This span without surrounding whitespace.
    pub fn trim(self, text: &str) -> Span {
        self.trim_by(text, char::is_whitespace)
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

/// Converts between byte offsets and code-point offsets of one text.
///
/// Built once per document at the JSON edge; lookups are binary searches over the
/// positions of multi-byte characters, so ASCII-heavy news text costs almost nothing.
pub struct CharIndex {
    /// For every character longer than one byte: its byte offset, its code-point offset,
    /// and the extra bytes seen up to and including it.
    wide: Vec<WideChar>,
    len_bytes: u32,
}

struct WideChar {
    byte: u32,
    char: u32,
    extra_through: u32,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let mut wide = Vec::new();
        let mut extra = 0u32;
        for (ci, (bi, c)) in text.char_indices().enumerate() {
            let n = c.len_utf8() as u32;
            if n > 1 {
                extra += n - 1;
                wide.push(WideChar {
                    byte: bi as u32,
                    char: ci as u32,
                    extra_through: extra,
                });
            }
        }
        CharIndex {
            wide,
            len_bytes: text.len() as u32,
        }
    }

    /// Code-point offset of a byte offset (which must be on a char boundary).
    pub fn to_char(&self, byte: u32) -> u32 {
        let k = self.wide.partition_point(|w| w.byte < byte);
        byte - if k == 0 {
            0
        } else {
            self.wide[k - 1].extra_through
        }
    }

    /// Byte offset of a code-point offset; offsets past the end clamp to the text's length.
    pub fn to_byte(&self, ch: u32) -> u32 {
        let k = self.wide.partition_point(|w| w.char < ch);
        let extra = if k == 0 {
            0
        } else {
            self.wide[k - 1].extra_through
        };
        (ch + extra).min(self.len_bytes)
    }

    pub fn span_to_chars(&self, span: Span) -> (u32, u32) {
        (self.to_char(span.start), self.to_char(span.end))
    }

    pub fn chars_to_span(&self, start: u32, end: u32) -> Span {
        let (s, e) = (self.to_byte(start), self.to_byte(end));
        Span {
            start: s,
            end: e.max(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_round_trip_through_multibyte_text() {
        let text = "Zelensky — Зеленський said “yes” 😀 ok";
        let index = CharIndex::new(text);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(index.to_char(bi as u32), ci as u32, "byte {bi}");
            assert_eq!(index.to_byte(ci as u32), bi as u32, "char {ci}");
        }
        let n = text.chars().count() as u32;
        assert_eq!(index.to_char(text.len() as u32), n);
        assert_eq!(index.to_byte(n), text.len() as u32);
        assert_eq!(index.to_byte(n + 5), text.len() as u32);
    }

    #[test]
    fn trim_keeps_inner_text() {
        let text = "  “quoted”  ";
        let s =
            Span::new(0, text.len()).trim_by(text, |c| c.is_whitespace() || c == '“' || c == '”');
        assert_eq!(s.of(text), "quoted");
    }
}
