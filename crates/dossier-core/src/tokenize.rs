//! Tokens and sentences of news text.
//!
//! The tokeniser follows the CoNLL/Penn conventions the entity model is trained on
//! ("Russia 's", "do n't", "U.S.", "10,000", "cross-border"), keeps social-media
//! handles, hashtags and URLs whole, and never fails: every non-space character ends
//! up in exactly one token.

use crate::Span;
use crate::layers::{Sentence, Token, TokenKind};

/// Words that keep their final period ("Mr.", "Jan.", "Gen.").
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "gov",
    "sen", "rep", "rev", "st", "jr", "sr", "co", "corp", "inc", "ltd", "vs", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "approx", "dept",
    "est", "fig", "maj", "pres", "supt", "ave", "blvd", "rd", "e.g", "i.e", "etc",
];

const CLITICS: &[&str] = &["s", "re", "ve", "ll", "d", "m"];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_combining(c)
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0483..=0x0489)
}

/// Splits `text` into tokens.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        let c = text[i..].chars().next().unwrap();
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        if let Some(end) = url_end(text, i) {
            push(&mut out, start, end, TokenKind::Url);
            i = end;
            continue;
        }
        if (c == '@' || c == '#') && i + 1 < text.len() {
            let end = scan(text, i + 1, |c| c.is_alphanumeric() || c == '_');
            if end > i + 1 {
                let kind = if c == '@' {
                    TokenKind::Handle
                } else {
                    TokenKind::Hashtag
                };
                push(&mut out, start, end, kind);
                i = end;
                continue;
            }
        }
        if is_word_char(c) {
            let end = word_end(text, i);
            let kind = if c.is_ascii_digit() {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            split_clitics(text, start, end, kind, &mut out);
            i = end;
            continue;
        }
        if let Some(end) = standalone_clitic(text, i) {
            push(&mut out, start, end, TokenKind::Word);
            i = end;
            continue;
        }
        // Punctuation: runs of the same mark ("...", "--", "``") stay together.
        let mut end = i + c.len_utf8();
        if matches!(c, '.' | '-' | '`' | '\'' | '!' | '?' | '=' | '*') {
            while end < text.len() && bytes[end] == c as u8 {
                end += 1;
            }
        }
        let kind =
            if c.is_ascii_punctuation() || is_quote(c) || matches!(c, '—' | '–' | '…' | '«' | '»')
            {
                if matches!(c, '$' | '%' | '&' | '+' | '<' | '>' | '=' | '^' | '|' | '~') {
                    TokenKind::Symbol
                } else {
                    TokenKind::Punct
                }
            } else {
                TokenKind::Symbol
            };
        push(&mut out, start, end, kind);
        i = end;
    }
    out
}

/// A clitic standing alone after a space, as in text already tokenised the CoNLL way
/// ("Lord 's ground"): one token, as if split off its word.
fn standalone_clitic(text: &str, i: usize) -> Option<usize> {
    let c = text[i..].chars().next()?;
    let after_space = text[..i]
        .chars()
        .next_back()
        .is_none_or(char::is_whitespace);
    if !is_apostrophe(c) || !after_space {
        return None;
    }
    let from = i + c.len_utf8();
    let end = scan(text, from, is_word_char);
    let word = &text[from..end];
    CLITICS
        .iter()
        .any(|k| word.eq_ignore_ascii_case(k))
        .then_some(end)
}

fn push(out: &mut Vec<Token>, start: usize, end: usize, kind: TokenKind) {
    out.push(Token {
        span: Span::new(start, end),
        kind,
    });
}

fn scan(text: &str, from: usize, keep: impl Fn(char) -> bool) -> usize {
    text[from..]
        .char_indices()
        .find(|&(_, c)| !keep(c))
        .map_or(text.len(), |(k, _)| from + k)
}

fn url_end(text: &str, i: usize) -> Option<usize> {
    let rest = &text[i..];
    let lower_prefix = |p: &str| {
        rest.get(..p.len())
            .is_some_and(|r| r.eq_ignore_ascii_case(p))
    };
    let is_url = lower_prefix("http://")
        || lower_prefix("https://")
        || lower_prefix("www.")
        || lower_prefix("pic.twitter.com/");
    if !is_url {
        return None;
    }
    let mut end = scan(text, i, |c| {
        !c.is_whitespace() && !matches!(c, '"' | '“' | '”' | '<' | '>')
    });
    while end > i {
        let last = text[..end].chars().next_back().unwrap();
        if matches!(last, '.' | ',' | ';' | ':' | ')' | '\'' | '’' | '!' | '?') {
            end -= last.len_utf8();
        } else {
            break;
        }
    }
    (end > i).then_some(end)
}

/// The end of a word starting at `i`: letters and digits joined by single inner
/// hyphens, periods (in abbreviations and numbers), commas (in numbers), apostrophes
/// and ampersands ("AT&T").
fn word_end(text: &str, i: usize) -> usize {
    let mut end = scan(text, i, is_word_char);
    while let Some(sep) = text[end..].chars().next() {
        let after = end + sep.len_utf8();
        let next = text[after..].chars().next();
        let joins = match (sep, next) {
            ('-' | '&', Some(n)) => is_word_char(n),
            (',', Some(n)) => {
                // Thousands separators: "10,000" but not "2, 3" or "1996,the".
                let before = text[..end]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_digit());
                before && n.is_ascii_digit() && digits_then_boundary(text, after, 3)
            }
            ('.', Some(n)) => {
                let before = text[..end].chars().next_back();
                (before.is_some_and(|c| c.is_ascii_digit()) && n.is_ascii_digit())
                    || (n.is_alphabetic() && is_initialism(&text[i..end]))
            }
            (s, Some(n)) if is_apostrophe(s) => n.is_alphabetic(),
            _ => false,
        };
        if !joins {
            break;
        }
        end = scan(text, after, is_word_char);
    }
    // Keep the final period of an abbreviation or initialism: "Mr.", "U.S.", "J."
    if text[end..].starts_with('.') {
        let word = &text[i..end];
        let lower = word.to_lowercase();
        let single_capital = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        if single_capital
            || word.contains('.') && is_initialism(word)
            || ABBREVIATIONS.contains(&lower.as_str())
        {
            end += 1;
        }
    }
    end
}

fn digits_then_boundary(text: &str, from: usize, n: usize) -> bool {
    let digits = text[from..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .count();
    digits == n
}

/// "U", "U.S", "e.g": single letters joined by periods.
fn is_initialism(word: &str) -> bool {
    word.split('.')
        .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
}

/// Splits English clitics off a word: "Russia's" -> "Russia" "'s", "don't" -> "do" "n't".
fn split_clitics(text: &str, start: usize, end: usize, kind: TokenKind, out: &mut Vec<Token>) {
    let word = &text[start..end];
    if let Some((k, c)) = word.char_indices().rev().find(|&(_, c)| is_apostrophe(c)) {
        let tail = &word[k + c.len_utf8()..];
        let head = &word[..k];
        let split_at =
            if tail.eq_ignore_ascii_case("t") && head.len() > 1 && head.ends_with(['n', 'N']) {
                Some(k - 1)
            } else if k > 0 && CLITICS.iter().any(|c| tail.eq_ignore_ascii_case(c)) {
                Some(k)
            } else {
                None
            };
        if let Some(at) = split_at {
            push(out, start, start + at, kind);
            push(out, start + at, end, TokenKind::Word);
            return;
        }
    }
    push(out, start, end, kind);
}

pub fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '„' | '‘' | '’' | '«' | '»' | '`' | '\''
    )
}

fn is_closing(s: &str) -> bool {
    matches!(s, "\"" | "”" | "’" | "'" | "''" | ")" | "]" | "»")
}

/// Splits tokens into sentences: at line breaks, and after `.`, `!`, `?` or `…`
/// (with any closing quotes or brackets) when the next token can start a sentence.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut first = 0usize;
    let mut i = 0usize;
    while i < tokens.len() {
        let t = tokens[i];
        let s = t.span.of(text);
        let mut end = i + 1;
        let mut boundary = false;
        if t.kind == TokenKind::Punct
            && (s.starts_with('.') || s.starts_with('!') || s.starts_with('?') || s == "…")
        {
            while end < tokens.len()
                && is_closing(tokens[end].span.of(text))
                && !line_break_between(text, tokens[end - 1], tokens[end])
            {
                end += 1;
            }
            boundary = match tokens.get(end) {
                None => true,
                Some(next) => {
                    let n = next.span.of(text);
                    let c = n.chars().next().unwrap();
                    c.is_uppercase()
                        || c.is_ascii_digit()
                        || is_quote(c)
                        || c == '('
                        || c == '—'
                        || c == '-'
                        || line_break_between(text, tokens[end - 1], *next)
                }
            };
        }
        if !boundary && end < tokens.len() && line_break_between(text, tokens[end - 1], tokens[end])
        {
            boundary = true;
        }
        if !boundary
            && i == first
            && let Some(dash) = dateline_end(text, &tokens[first..])
        {
            end = first + dash + 1;
            boundary = true;
        }
        if boundary || end >= tokens.len() {
            let span = Span::new(
                tokens[first].span.start as usize,
                tokens[end - 1].span.end as usize,
            );
            out.push(Sentence {
                span,
                first_token: first as u32,
                end_token: end as u32,
            });
            first = end;
        }
        i = end;
    }
    out
}

/// The index (relative to `tokens`) of the dash that closes a dateline at the start of
/// a sentence: "KYIV, Jan 11 (Reuters) -", "ODESA, Ukraine, March 14, 2025 —". A dateline
/// opens with a capitalised place name and holds only names, numbers and light
/// punctuation before its dash; it is a sentence of its own, so that the report's first
/// sentence starts after it.
fn dateline_end(text: &str, tokens: &[Token]) -> Option<usize> {
    let first = tokens.first()?.span.of(text);
    if first.chars().count() < 3
        || !first
            .chars()
            .all(|c| c.is_uppercase() || c == '-' || c == '.')
    {
        return None;
    }
    for (k, t) in tokens.iter().enumerate().take(14).skip(1) {
        let s = t.span.of(text);
        if matches!(s, "-" | "--" | "—" | "–") {
            let next = tokens.get(k + 1)?.span.of(text);
            return next
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || is_quote(c))
                .then_some(k);
        }
        let c = s.chars().next().unwrap_or(' ');
        let allowed =
            c.is_uppercase() || c.is_ascii_digit() || matches!(s, "," | "(" | ")" | "." | "/");
        if !allowed {
            return None;
        }
    }
    None
}

fn line_break_between(text: &str, a: Token, b: Token) -> bool {
    text[a.span.end as usize..b.span.start as usize].contains('\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokens(text).iter().map(|t| t.span.of(text)).collect()
    }

    #[test]
    fn follows_conll_conventions() {
        assert_eq!(
            words("Russia's U.S. cross-border push: 10,000 troops, 3.5 km. Mr. Kim didn't."),
            [
                "Russia",
                "'s",
                "U.S.",
                "cross-border",
                "push",
                ":",
                "10,000",
                "troops",
                ",",
                "3.5",
                "km",
                ".",
                "Mr.",
                "Kim",
                "did",
                "n't",
                "."
            ]
        );
    }

    #[test]
    fn keeps_a_clitic_that_stands_alone_whole() {
        assert_eq!(
            words("at Lord 's ground , 'so' he said"),
            [
                "at", "Lord", "'s", "ground", ",", "'", "so", "'", "he", "said"
            ]
        );
    }

    #[test]
    fn keeps_handles_urls_and_dashes() {
        assert_eq!(
            words(
                "— Volodymyr Zelenskyy (@ZelenskyyUa) January 11, 2025 pic.twitter.com/5J0h… #Kursk"
            ),
            [
                "—",
                "Volodymyr",
                "Zelenskyy",
                "(",
                "@ZelenskyyUa",
                ")",
                "January",
                "11",
                ",",
                "2025",
                "pic.twitter.com/5J0h…",
                "#Kursk"
            ]
        );
    }

    #[test]
    fn splits_sentences_but_not_abbreviations() {
        let text =
            "Mr. Smith went to the U.S. Embassy. He said \"no.\" Then he left!\nNew line here";
        let toks = tokens(text);
        let sents: Vec<&str> = sentences(text, &toks)
            .iter()
            .map(|s| s.span.of(text))
            .collect();
        assert_eq!(
            sents,
            [
                "Mr. Smith went to the U.S. Embassy.",
                "He said \"no.\"",
                "Then he left!",
                "New line here"
            ]
        );
    }

    #[test]
    fn a_dateline_is_a_sentence_of_its_own() {
        let text = "KYIV, Jan 11 (Reuters) - Ukraine said it captured two soldiers. More later.";
        let toks = tokens(text);
        let sents: Vec<&str> = sentences(text, &toks)
            .iter()
            .map(|s| s.span.of(text))
            .collect();
        assert_eq!(
            sents,
            [
                "KYIV, Jan 11 (Reuters) -",
                "Ukraine said it captured two soldiers.",
                "More later."
            ]
        );
        let text = "US troops - and others - left.";
        let toks = tokens(text);
        assert_eq!(sentences(text, &toks).len(), 1);
    }

    #[test]
    fn every_character_lands_in_a_token() {
        let text = "a\u{0}b ¿¡ 𝔘 ‐‑ © x";
        let covered: usize = tokens(text).iter().map(|t| t.span.len()).sum();
        let non_space: usize = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(char::len_utf8)
            .sum();
        assert_eq!(covered, non_space);
    }
}
