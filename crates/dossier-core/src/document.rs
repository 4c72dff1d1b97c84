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
        if let Some(date) = meta.published {
            self.anchor = Some((date, DateSource::Metadata));
        }
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
