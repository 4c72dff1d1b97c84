//! RSS, Atom and JSON Feed: each item a document.
//!
//! Item bodies are short HTML fragments, too small for boilerplate removal to judge,
//! so they are only rendered to text. feed-rs reads the XML declaration's charset
//! itself; a feed it cannot parse is one error, since its items cannot be trusted.

use crate::html::html_to_text;
use crate::{ErrorKind, ReadError, with_notes};
use dossier_core::{Document, Metadata};
use feed_rs::model::{Entry, Text};

pub(crate) fn read(name: &str, bytes: &[u8]) -> Vec<Result<Document, ReadError>> {
    let feed = match feed_rs::parser::parse(bytes) {
        Ok(feed) => feed,
        Err(e) => return vec![Err(ReadError::new(name, e))],
    };
    let source = feed.title.as_ref().map(plain).filter(|s| !s.is_empty());
    feed.entries
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let at = format!("{name}#item-{}", i + 1);
            item(&at, entry, source.clone(), feed.language.clone())
        })
        .collect()
}

/// An item without a body still has a headline, which is worth reading (headlines
/// carry claims); the document says so in a diagnostic.
fn item(
    at: &str,
    entry: &Entry,
    source: Option<String>,
    language: Option<String>,
) -> Result<Document, ReadError> {
    let title = entry.title.as_ref().map(plain).filter(|t| !t.is_empty());
    let body = entry
        .content
        .as_ref()
        .and_then(|c| {
            c.body
                .as_deref()
                .map(|b| render(b, c.content_type.as_ref()))
        })
        .filter(|t| !t.is_empty())
        .or_else(|| entry.summary.as_ref().map(plain))
        .filter(|t| !t.is_empty());
    let mut notes = Vec::new();
    let text = match (body, &title) {
        (Some(body), _) => body,
        (None, Some(title)) => {
            notes.push("the item has no content or summary; its text is its title".to_string());
            title.clone()
        }
        (None, None) => return Err(ReadError::new(at, ErrorKind::EmptyItem)),
    };
    let meta = Metadata {
        title,
        authors: entry
            .authors
            .iter()
            .filter_map(|p| p.name.clone())
            .filter(|n| !n.trim().is_empty())
            .collect(),
        // Atom lists edit/self/replies links too; the article is the alternate.
        url: entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or(entry.links.first())
            .map(|l| l.href.clone()),
        source,
        origin: Some(at.to_string()),
        published: entry.published.or(entry.updated).map(|d| d.date_naive()),
        language: entry.language.clone().or(language),
    };
    Ok(with_notes(Document::new(at, text).with_meta(meta), notes))
}

fn plain(text: &Text) -> String {
    render(&text.content, text.content_type.as_ref())
}

/// Feeds often send HTML labelled as plain text, so markup is looked for either way.
fn render(body: &str, media_type: &str) -> String {
    if media_type.contains("html") || body.contains('<') || body.contains('&') {
        html_to_text(body)
    } else {
        body.trim().to_string()
    }
}
