//! Attribution patterns that news has and the training data lacks or rarely shows.
//!
//! Signed posts and quotes ("… — Name (@handle) January 11, 2025"), transcripts
//! ("WALLACE: …") and hedges without a source ("it is believed", "there are reports")
//! are regular enough that a rule finds them more reliably than the tagger.

use dossier_core::{Claim, ClaimKind, Document, Span, TokenKind};

fn claim(content: Span, source: Option<Span>, cue: Span, kind: ClaimKind) -> Claim {
    let sources = source
        .map(|span| dossier_core::Source { span, entity: None })
        .into_iter()
        .collect();
    Claim::new(vec![content], sources, Some(cue), kind)
}

fn line_bounds(text: &str, at: usize) -> (usize, usize) {
    let start = text[..at].rfind('\n').map_or(0, |k| k + 1);
    let end = text[at..].find('\n').map_or(text.len(), |k| at + k);
    (start, end)
}

fn is_dash(s: &str) -> bool {
    matches!(s, "—" | "―" | "–" | "--")
}

/// A post or quote signed with a dash and a name at the end of its line:
/// "… — Jane Doe (@janedoe) March 3, 2025". The signed text is the
/// text before the dash on its line or, when the dash starts the line, the paragraph above.
pub fn signatures(doc: &Document) -> Vec<Claim> {
    let text = &doc.text;
    let mut out = Vec::new();
    for (k, t) in doc.tokens.iter().enumerate() {
        if !is_dash(doc.str(t.span)) {
            continue;
        }
        let (line_start, line_end) = line_bounds(text, t.span.start as usize);
        // The name: capitalised words right after the dash.
        let mut end = k + 1;
        while end < doc.tokens.len()
            && doc.tokens[end].span.end as usize <= line_end
            && doc.tokens[end].kind == TokenKind::Word
            && doc
                .token_str(end)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
            && end - k <= 4
        {
            end += 1;
        }
        if end == k + 1 || end - k > 4 {
            continue;
        }
        // After the name, only an alias, handle, date or link may follow on the line.
        let rest_ok = (end..doc.tokens.len())
            .take_while(|&i| doc.tokens[i].span.end as usize <= line_end)
            .all(|i| {
                let tok = doc.tokens[i];
                matches!(
                    tok.kind,
                    TokenKind::Handle
                        | TokenKind::Number
                        | TokenKind::Url
                        | TokenKind::Word
                        | TokenKind::Punct
                ) && !matches!(
                    doc.token_str(i),
                    "said" | "says" | "and" | "the" | "a" | "of"
                )
            });
        let has_tail_sig = (end..doc.tokens.len())
            .take_while(|&i| doc.tokens[i].span.end as usize <= line_end)
            .any(|i| doc.tokens[i].kind == TokenKind::Handle);
        let at_line_end = doc
            .tokens
            .get(end)
            .is_none_or(|n| n.span.start as usize >= line_end || doc.token_str(end) == ".");
        if !rest_ok || !(has_tail_sig || at_line_end) {
            continue;
        }
        let name = Span::new(
            doc.tokens[k + 1].span.start as usize,
            doc.tokens[end - 1].span.end as usize,
        );
        let before = text[line_start..t.span.start as usize].trim();
        let content = if before.is_empty() {
            // The dash opens its line: the signed text is the paragraph above.
            let above_end = text[..line_start].trim_end().len();
            let above_start = text[..above_end].rfind('\n').map_or(0, |k| k + 1);
            Span::new(above_start, above_end)
        } else {
            Span::new(line_start, t.span.start as usize).trim(text)
        };
        if content.len() < 10 || !has_tail_sig && reports_others(doc, content) {
            continue;
        }
        out.push(claim(content, Some(name), t.span, ClaimKind::Direct));
    }
    out
}

/// Whether prose outside quotation marks in `span` reports someone else's words: a news
/// brief that ends "… said Monday that …\"--Kim Hjelmgaard." is signed by its reporter, and
/// its claims are those of the people it quotes, not the reporter's.
fn reports_others(doc: &Document, span: Span) -> bool {
    let text = doc.str(span);
    if text.starts_with(['"', '“', '\'', '‘']) {
        return false;
    }
    let mut quoted = false;
    text.split_inclusive(|c: char| !c.is_alphanumeric())
        .any(|w| {
            if w.contains(['"', '“', '”']) {
                quoted = !quoted;
            }
            let word = w.trim_end_matches(|c: char| !c.is_alphanumeric());
            !quoted && matches!(word, "said" | "says" | "told" | "according")
        })
}

/// The speaker's name of a transcript line ("WALLACE: …", "\"MR. SMITH: …"): its
/// offset in the line, and the colon's.
fn transcript_speaker(line: &str) -> Option<(usize, usize)> {
    let body =
        line.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '\''));
    let offset = line.len() - body.len();
    let colon = body.find(':')?;
    let name = &body[..colon];
    let words = name.split_whitespace().count();
    let capitals = name.chars().any(char::is_alphabetic)
        && name
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '\'' | '-'));
    let heading = NOT_SPEAKERS.iter().any(|h| name.starts_with(h));
    ((1..=3).contains(&words) && capitals && name.len() >= 2 && !heading)
        .then_some((offset, offset + colon))
}

/// Capitalised labels that open a line with a colon without being anyone's name.
const NOT_SPEAKERS: &[&str] = &[
    "UPDATE",
    "CORRECTION",
    "CLARIFICATION",
    "EDITOR",
    "NOTE",
    "WATCH",
    "READ",
    "RELATED",
    "PHOTO",
    "VIDEO",
    "BREAKING",
    "EXCLUSIVE",
    "LIVE",
    "ANALYSIS",
    "OPINION",
    "SOURCE",
    "PHOTOS",
];

/// Transcript lines: a paragraph opening with a speaker's name in capitals and a colon.
/// The turn goes on over following paragraphs that open with a quote mark (a quoted
/// transcript) until the next speaker's name.
pub fn transcripts(doc: &Document) -> Vec<Claim> {
    let text = &doc.text;
    let mut lines = Vec::new();
    let mut at = 0;
    for line in text.split('\n') {
        lines.push((at, line));
        at += line.len() + 1;
    }
    let mut out: Vec<Claim> = Vec::new();
    let mut open = false;
    for &(start, line) in &lines {
        if line.trim().is_empty() {
            continue;
        }
        if let Some((name, colon)) = transcript_speaker(line) {
            let content = Span::new(start + colon + 1, start + line.len()).trim(text);
            open = !content.is_empty();
            if open {
                let cue = Span::new(start + colon, start + colon + 1);
                out.push(claim(
                    content,
                    Some(Span::new(start + name, start + colon)),
                    cue,
                    ClaimKind::Direct,
                ));
            }
        } else if open && line.trim_start().starts_with(['"', '“']) {
            let content = Span::new(start, start + line.len()).trim(text);
            out.last_mut().unwrap().content.push(content);
        } else {
            open = false;
        }
    }
    out
}

/// Phrases that report without a source, as word sequences (lower case).
const HEDGES: &[&[&str]] = &[
    &["it", "is", "believed"],
    &["it", "was", "believed"],
    &["it", "is", "thought"],
    &["it", "is", "understood"],
    &["it", "is", "alleged"],
    &["it", "is", "claimed"],
    &["it", "is", "said"],
    &["is", "believed", "to"],
    &["are", "believed", "to"],
    &["was", "believed", "to"],
    &["were", "believed", "to"],
    &["is", "said", "to"],
    &["are", "said", "to"],
    &["is", "reported", "to"],
    &["are", "reported", "to"],
    &["there", "are", "reports"],
    &["there", "were", "reports"],
    &["there", "have", "been", "reports"],
    &["reports", "suggest"],
    &["reportedly"],
    &["allegedly"],
    &["purportedly"],
    &["rumoured"],
    &["rumored"],
];

/// A hedge phrase and the content it governs: the rest of its sentence.
pub fn hedges(doc: &Document, words: &[String]) -> Vec<(Span, Span)> {
    let mut out = Vec::new();
    for s in &doc.sentences {
        let r = s.tokens();
        let mut i = r.start;
        while i < r.end {
            let Some(h) = HEDGES.iter().find(|h| {
                i + h.len() <= r.end
                    && words[i..i + h.len()]
                        .iter()
                        .zip(h.iter())
                        .all(|(w, p)| w == p)
            }) else {
                i += 1;
                continue;
            };
            let hedge_end = i + h.len();
            let mut from = hedge_end;
            if from < r.end && words[from] == "that" {
                from += 1;
            }
            let mut to = r.end;
            while to > from && doc.tokens[to - 1].kind == TokenKind::Punct {
                to -= 1;
            }
            if to > from {
                let hedge = Span::new(
                    doc.tokens[i].span.start as usize,
                    doc.tokens[hedge_end - 1].span.end as usize,
                );
                let content = Span::new(
                    doc.tokens[from].span.start as usize,
                    doc.tokens[to - 1].span.end as usize,
                );
                out.push((hedge, content));
            }
            i = hedge_end;
        }
    }
    out
}

/// The hedged, unattributed claim of a hedge phrase.
pub fn hedged_claim(hedge: Span, content: Span) -> Claim {
    let mut c = claim(content, None, hedge, ClaimKind::Indirect);
    c.hedge = Some(hedge);
    c
}

const MEDIA: &[&str] = &[
    "interview",
    "statement",
    "post",
    "video",
    "speech",
    "address",
    "letter",
    "op-ed",
    "tweet",
    "conference",
    "briefing",
    "podcast",
    "memo",
    "email",
    "message",
    "broadcast",
    "appearance",
    "report",
    "column",
    "editorial",
    "release",
    "call",
    "x",
    "twitter",
    "facebook",
    "telegram",
    "instagram",
    "youtube",
    "tiktok",
    "television",
    "tv",
    "radio",
    "truth",
    "social",
    "media",
    "channel",
];

/// "on X", "in an interview", "in a statement", "during a press conference" near the cue.
pub fn medium(
    doc: &Document,
    words: &[String],
    cue: std::ops::Range<usize>,
    content: Span,
) -> Option<Span> {
    let from = cue.start;
    let to = (cue.end + 6).min(doc.tokens.len());
    for i in from..to {
        if !matches!(
            words[i].as_str(),
            "on" | "in" | "during" | "via" | "through"
        ) || content.contains(doc.tokens[i].span)
        {
            continue;
        }
        let mut j = i + 1;
        let mut last = None;
        while j < to.max(i + 5).min(doc.tokens.len()) && j <= i + 4 {
            let w = words[j].as_str();
            if content.contains(doc.tokens[j].span) || doc.tokens[j].kind == TokenKind::Punct {
                break;
            }
            if MEDIA.contains(&w) {
                last = Some(j);
            }
            j += 1;
        }
        if let Some(l) = last {
            return Some(Span::new(
                doc.tokens[i].span.start as usize,
                doc.tokens[l].span.end as usize,
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_post_is_attributed_to_its_signer() {
        let doc = Document::new(
            "d",
            "We held the line today and will hold it tomorrow.\n— Jane Doe (@janedoe) March 3, 2025\nMore prose.",
        );
        let c = signatures(&doc);
        assert_eq!(c.len(), 1);
        assert_eq!(
            doc.str(c[0].content[0]),
            "We held the line today and will hold it tomorrow."
        );
        assert_eq!(doc.str(c[0].sources[0].span), "Jane Doe");
    }

    #[test]
    fn a_quote_signed_on_its_own_line_is_attributed() {
        let doc = Document::new(
            "d",
            "“The town needs a new bridge before winter.” ― Ana Lopez\nNext line.",
        );
        let c = signatures(&doc);
        assert_eq!(doc.str(c[0].sources[0].span), "Ana Lopez");
        assert_eq!(
            doc.str(c[0].content[0]),
            "“The town needs a new bridge before winter.”"
        );
    }

    #[test]
    fn a_brief_signed_by_its_reporter_is_not_the_reporter_s_claim() {
        let doc = Document::new(
            "d",
            "The mayor said Monday that the bridge \"will open in May.\"--Ana Lopez.\n\nNext brief.",
        );
        assert!(signatures(&doc).is_empty());
        let post = Document::new(
            "d",
            "I said we would finish the bridge, and we did.\n— Ana Lopez (@analopez) May 2, 2025",
        );
        assert_eq!(signatures(&post).len(), 1);
    }

    #[test]
    fn a_dash_inside_prose_is_not_a_signature() {
        let doc = Document::new(
            "d",
            "The plan — Mayor Brown said — will cost more than expected.",
        );
        assert!(signatures(&doc).is_empty());
    }

    #[test]
    fn transcript_lines_are_claims_of_their_speaker() {
        let doc = Document::new(
            "d",
            "\"HOST: Will you run again?\n\n\"SMITH: Not this year.\n\n\"Maybe later.\nSaid the host.",
        );
        let c = transcripts(&doc);
        assert_eq!(c.len(), 2);
        assert_eq!(doc.str(c[1].sources[0].span), "SMITH");
        let content: Vec<&str> = c[1].content.iter().map(|s| doc.str(*s)).collect();
        assert_eq!(content, ["Not this year.", "\"Maybe later."]);
    }
}
