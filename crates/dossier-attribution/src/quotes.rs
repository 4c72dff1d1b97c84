//! Where the quotations of a text are.
//!
//! Quote marks are paired within a paragraph. A quotation still open at the end of a
//! paragraph continues when the next paragraph opens with a quote mark (the printed
//! convention for a quote running over several paragraphs); otherwise it ends with its
//! paragraph, so one stray mark never swallows the rest of an article.

use dossier_core::Span;

fn opening(c: char) -> bool {
    matches!(c, '“' | '„' | '«')
}

fn closing(c: char) -> bool {
    matches!(c, '”' | '»')
}

/// The quotations of `text`, each from its opening mark to its closing mark (inclusive).
pub fn regions(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    // Where an unclosed quotation was left at a paragraph break, awaiting continuation.
    let mut pending: Option<(usize, usize)> = None;
    let mut line_start = true;
    let mut prev: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        // Two apostrophes stand for a double quote mark in some house styles.
        let (c, width) = match (c, chars.peek()) {
            ('\'', Some(&(_, '\''))) => {
                chars.next();
                ('"', 2)
            }
            _ => (c, c.len_utf8()),
        };
        if c == '\n' {
            if let Some(start) = open.take() {
                pending = Some((start, i));
            }
            line_start = true;
            prev = Some(c);
            continue;
        }
        if line_start && !c.is_whitespace() {
            line_start = false;
            let starts_quote = opening(c) || c == '"';
            if let Some((start, end)) = pending.take() {
                if starts_quote {
                    open = Some(start);
                    prev = Some(c);
                    continue;
                }
                out.push(Span::new(start, end));
            }
        }
        let next = text[i + width..].chars().next();
        let is_open = opening(c)
            || (c == '"' && open.is_none() && next.is_some_and(|n| !n.is_whitespace()))
            || (c == '"' && open.is_none() && prev.is_none_or(char::is_whitespace));
        let is_close = closing(c) || (c == '"' && open.is_some());
        if open.is_some() && is_close {
            let start = open.take().unwrap();
            out.push(Span::new(start, i + width));
        } else if open.is_none() && is_open {
            open = Some(i);
        } else if opening(c) {
            // A second opening mark inside an open quotation: the first one was stray.
            open = Some(i);
        }
        prev = Some(c);
    }
    if let Some((start, end)) = pending {
        out.push(Span::new(start, end));
    }
    if let Some(start) = open {
        out.push(Span::new(start, text.trim_end().len().max(start)));
    }
    out.sort();
    out
}

/// For each token, the index of the quotation it lies inside (marks included).
pub fn token_regions(tokens: &[dossier_core::Token], regions: &[Span]) -> Vec<Option<u32>> {
    tokens
        .iter()
        .map(|t| {
            let k = regions.partition_point(|r| r.end <= t.span.start);
            (k < regions.len() && regions[k].contains(t.span)).then_some(k as u32)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        regions(text).iter().map(|r| r.of(text)).collect()
    }

    #[test]
    fn pairs_curly_and_straight_marks() {
        assert_eq!(
            quoted("He said “yes” and \"no\" today."),
            ["“yes”", "\"no\""]
        );
        assert_eq!(quoted("She said ''maybe'' and left."), ["''maybe''"]);
    }

    #[test]
    fn a_quote_runs_on_when_the_next_paragraph_opens_with_a_mark() {
        let text = "“First part of it.\n\n“Second part,” she said.\nNot quoted.";
        assert_eq!(quoted(text), ["“First part of it.\n\n“Second part,”"]);
    }

    #[test]
    fn an_unclosed_quote_ends_with_its_paragraph() {
        let text = "A stray “mark here.\nPlain prose follows.";
        assert_eq!(quoted(text), ["“mark here."]);
    }
}
