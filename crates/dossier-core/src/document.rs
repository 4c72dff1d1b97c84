//! The one `Document` that owns a report's text and every annotation made on it.

use crate::Span;
use crate::layers::*;
use crate::tokenize;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What is known about a document apart from its text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    pub title: Option<String>,
    pub authors: Vec<String>,
    /// The canonical URL from the page's metadata or the feed item's link.
    pub url: Option<String>,
    /// The outlet ("reuters.com", "BBC News").
    pub source: Option<String>,
    /// Where the document was read from: a path, `path#item`, `path:line`, or `-`.
    pub origin: Option<String>,
    /// The publication date given with the document.
    pub published: Option<NaiveDate>,
    pub language: Option<String>,
}

impl Metadata {
    /// Fills every field that is empty here from `other`.
    pub fn merge_missing(&mut self, other: Metadata) {
        self.title = self.title.take().or(other.title);
        self.url = self.url.take().or(other.url);
        self.source = self.source.take().or(other.source);
        self.origin = self.origin.take().or(other.origin);
        self.published = self.published.or(other.published);
        self.language = self.language.take().or(other.language);
        if self.authors.is_empty() {
            self.authors = other.authors;
        }
    }
}

/// A report and its annotation layers.
///
/// The text never changes after construction; every layer refers to it by [`Span`]s.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub text: String,
    pub meta: Metadata,
    /// The date relative expressions are anchored on, and where it came from.
    pub anchor: Option<(NaiveDate, DateSource)>,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
    pub times: Vec<Timex>,
    pub places: Vec<Place>,
    pub quantities: Vec<Quantity>,
    pub claims: Vec<Claim>,
    pub events: Vec<Event>,
    pub diagnostics: Vec<Diagnostic>,
    /// The page the text was extracted from, when it was read from HTML.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<crate::SourcePage>,
}

impl Document {
    /// A document over `text`, tokenised and split into sentences.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        let text = text.into();
        let tokens = tokenize::tokens(&text);
        let sentences = tokenize::sentences(&text, &tokens);
        Document {
            id: id.into(),
            text,
            tokens,
            sentences,
            ..Document::default()
        }
    }

    pub fn with_meta(mut self, meta: Metadata) -> Document {
        let address = meta.url.as_deref().and_then(date_in_address);
        self.anchor = match (meta.published, address) {
            (Some(given), Some(dated)) if (given - dated).num_days().abs() > 2 => {
                Some((dated, DateSource::Address))
            }
            (None, Some(dated)) => Some((dated, DateSource::Address)),
            (Some(given), _) => Some((given, DateSource::Metadata)),
            (None, None) => self.anchor.take(),
        };
        self.meta = meta;
        self
    }

    pub fn str(&self, span: Span) -> &str {
        span.of(&self.text)
    }

    pub fn token_str(&self, i: usize) -> &str {
        self.tokens[i].span.of(&self.text)
    }

    /// The index of the sentence containing byte offset `at`.
    pub fn sentence_at(&self, at: u32) -> Option<usize> {
        let k = self.sentences.partition_point(|s| s.span.end <= at);
        (k < self.sentences.len() && self.sentences[k].span.start <= at).then_some(k)
    }

    /// Indices of the tokens inside `span`.
    pub fn tokens_in(&self, span: Span) -> std::ops::Range<usize> {
        let a = self.tokens.partition_point(|t| t.span.end <= span.start);
        let b = self.tokens.partition_point(|t| t.span.start < span.end);
        a..b.max(a)
    }

    pub fn word_count(&self) -> usize {
        self.tokens
            .iter()
            .filter(|t| t.kind != TokenKind::Punct)
            .count()
    }

    pub fn entity_of(&self, mention: MentionId) -> Option<&Entity> {
        self.mentions[mention.index()]
            .entity
            .map(|e| &self.entities[e.index()])
    }

    /// Empties one annotation layer (tokens and sentences stay: the text needs them).
    pub fn clear_layer(&mut self, layer: crate::Layer) {
        use crate::Layer::*;
        match layer {
            Tokens => {}
            Mentions => self.mentions.clear(),
            Entities => self.entities.clear(),
            Times => self.times.clear(),
            Places => self.places.clear(),
            Quantities => self.quantities.clear(),
            Claims => self.claims.clear(),
            Events => self.events.clear(),
        }
    }

    pub fn diagnose(&mut self, severity: Severity, origin: &str, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic {
            severity,
            origin: origin.to_string(),
            message: message.into(),
            span: None,
        });
    }
}

/// The publication date a web address carries in its path: "/2026/02/20/",
/// "/2026/feb/20/" or a slug ending in "-2025-02-10".
pub fn date_in_address(url: &str) -> Option<NaiveDate> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let parts: Vec<&str> = path.split('/').collect();
    let year = |s: &str| {
        (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<i32>().ok())
            .flatten()
            .filter(|y| (1990..=2100).contains(y))
    };
    let number = |s: &str| {
        (1..=2)
            .contains(&s.len())
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    for w in parts.windows(3) {
        let Some(y) = year(w[0]) else { continue };
        let month = number(w[1]).or_else(|| {
            MONTHS
                .iter()
                .position(|m| w[1].eq_ignore_ascii_case(m))
                .map(|k| k as u32 + 1)
        });
        if let (Some(m), Some(d)) = (month, number(w[2])) {
            if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                return Some(date);
            }
        }
    }
    // A slug that ends in its date: "…-phone-call-2025-02-10".
    let last = parts.iter().rev().find(|p| !p.is_empty())?;
    let tail = last.get(last.len().checked_sub(10)?..)?;
    let before = last.len().checked_sub(11).and_then(|k| last.get(k..k + 1));
    if before.is_some_and(|c| c != "-") {
        return None;
    }
    NaiveDate::parse_from_str(tail, "%Y-%m-%d")
        .ok()
        .filter(|d| year(&d.format("%Y").to_string()).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn an_address_gives_its_date_in_the_usual_forms() {
        for (url, date) in [
            (
                "https://www.example.com/world/2026/feb/20/a-war-foretold",
                "2026-02-20",
            ),
            ("https://example.org/2025/02/10/talks-resume/", "2025-02-10"),
            (
                "https://example.com/world/europe/phone-call-2025-02-10",
                "2025-02-10",
            ),
            (
                "https://example.com/world/phone-call-2025-02-10?utm=x",
                "2025-02-10",
            ),
        ] {
            assert_eq!(date_in_address(url), Some(day(date)), "{url}");
        }
        for url in [
            "https://example.com/world/europe/ukraine-talks",
            "https://example.com/2026/budget-plan",
            "https://example.com/item/12345678",
            "https://example.com/world/europe/ukraine2025-02-10",
        ] {
            assert_eq!(date_in_address(url), None, "{url}");
        }
    }

    #[test]
    fn the_address_date_wins_over_a_given_date_far_from_it() {
        let meta = |published: &str| Metadata {
            url: Some("https://example.com/world/2026/feb/20/a-war-foretold".into()),
            published: Some(day(published)),
            ..Metadata::default()
        };
        let doc = Document::new("d", "Text.").with_meta(meta("2022-02-07"));
        assert_eq!(doc.anchor, Some((day("2026-02-20"), DateSource::Address)));
        assert_eq!(
            doc.meta.published,
            Some(day("2022-02-07")),
            "the given date is kept"
        );
        // A day or two apart is a time zone or a late edition: the given date stands.
        let doc = Document::new("d", "Text.").with_meta(meta("2026-02-21"));
        assert_eq!(doc.anchor, Some((day("2026-02-21"), DateSource::Metadata)));
    }
}
