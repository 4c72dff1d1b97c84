//! A stored document's page with its evidence marked, to read in a browser.
//!
//! Every claim's content, speaker and cue, and every time and place, is wrapped in a
//! `<mark>` at the place the text came from in the original page (its
//! [`SourcePage`]); a document read from plain text is shown as that text. Marks are
//! inserted only inside the runs of text the page map found, so the page's own markup
//! is never cut.

use dossier_core::{Document, Run, SourcePage, Span};

const STYLE: &str = "<style>\
mark.claim{background:#fff3a8}mark.speaker{background:#cfe3ff}\
mark.cue{background:none;font-weight:bold;text-decoration:underline}\
mark.time{background:#d8f5d0}mark.place{background:#ffe0c2}\
</style>";

/// The document's page as HTML, with its evidence marked.
pub fn marked_page(doc: &Document) -> String {
    let page = doc.page.clone().unwrap_or_else(|| text_page(&doc.text));
    let mut marks: Vec<(Span, &str, String)> = Vec::new();
    for claim in &doc.claims {
        let who: Vec<&str> = claim.sources.iter().map(|s| doc.str(s.span)).collect();
        let said = if who.is_empty() {
            "unattributed claim".to_string()
        } else {
            format!("claim by {}", who.join(", "))
        };
        for &span in &claim.content {
            marks.push((span, "claim", said.clone()));
        }
        for source in &claim.sources {
            marks.push((source.span, "speaker", "speaker".into()));
        }
        if let Some(cue) = claim.cue {
            marks.push((cue, "cue", "cue".into()));
        }
    }
    for time in &doc.times {
        marks.push((time.span, "time", time.value.clone()));
    }
    for place in &doc.places {
        marks.push((place.span, "place", place.name.clone()));
    }
    insert_marks(&page, &marks)
}

/// `marks` (span, class, title) inserted into the page, properly nested where the spans
/// nest: at one offset, closing tags come first, then the longer span opens first.
fn insert_marks(page: &SourcePage, marks: &[(Span, &str, String)]) -> String {
    // (offset, closes before opens, order among equals, tag)
    let mut tags: Vec<(u32, u8, i64, String)> = Vec::new();
    for (span, class, title) in marks {
        for piece in page.pieces(*span) {
            let len = i64::from(piece.end - piece.start);
            let open = format!("<mark class=\"{class}\" title=\"{}\">", escape(title));
            tags.push((piece.start, 1, -len, open));
            tags.push((piece.end, 0, len, "</mark>".into()));
        }
    }
    let html = &page.html;
    let head = html.to_ascii_lowercase().find("</head>").unwrap_or(0);
    tags.push((head as u32, 0, i64::MIN, STYLE.to_string()));
    tags.sort();
    let mut out = String::with_capacity(html.len() + tags.len() * 40);
    let mut at = 0;
    for (offset, _, _, tag) in &tags {
        let offset = *offset as usize;
        out.push_str(&html[at..offset]);
        out.push_str(tag);
        at = offset;
    }
    out.push_str(&html[at..]);
    out
}

/// Plain text as a page: escaped, its lines kept, every stretch between escapes a run.
fn text_page(text: &str) -> SourcePage {
    let mut html = String::from(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>\
        <body><div style=\"white-space:pre-wrap;max-width:50em\">",
    );
    let mut runs = Vec::new();
    let mut from = 0;
    for (i, c) in text.char_indices() {
        let entity = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            _ => continue,
        };
        push_literal(text, &mut html, &mut runs, from, i);
        let at = html.len();
        html.push_str(entity);
        runs.push(Run {
            text: Span::new(i, i + 1),
            page: Span::new(at, html.len()),
        });
        from = i + 1;
    }
    push_literal(text, &mut html, &mut runs, from, text.len());
    html.push_str("</div></body></html>");
    SourcePage { html, runs }
}

fn push_literal(text: &str, html: &mut String, runs: &mut Vec<Run>, a: usize, b: usize) {
    if a < b {
        let at = html.len();
        html.push_str(&text[a..b]);
        runs.push(Run {
            text: Span::new(a, b),
            page: Span::new(at, html.len()),
        });
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_marks_nest_and_text_is_escaped() {
        let page = text_page("Ann said A&B won in Oslo.");
        let span = |a: &str| {
            let at = "Ann said A&B won in Oslo.".find(a).unwrap();
            Span::new(at, at + a.len())
        };
        let marks = [
            (span("A&B won in Oslo"), "claim", "claim by Ann".to_string()),
            (span("Oslo"), "place", "Oslo".to_string()),
            (span("Ann"), "speaker", "speaker".to_string()),
        ];
        let html = insert_marks(&page, &marks);
        let body = html.split("pre-wrap;max-width:50em\">").nth(1).unwrap();
        assert_eq!(
            body,
            "<mark class=\"speaker\" title=\"speaker\">Ann</mark> said \
             <mark class=\"claim\" title=\"claim by Ann\">A</mark>\
             <mark class=\"claim\" title=\"claim by Ann\">&amp;</mark>\
             <mark class=\"claim\" title=\"claim by Ann\">B won in \
             <mark class=\"place\" title=\"Oslo\">Oslo</mark></mark>.</div></body></html>"
        );
        assert!(html.contains("</style></head>"));
    }
}
