//! The typed annotation layers a [`Document`](crate::Document) carries.
//!
//! Each layer is a `Vec` on the document; an item is referred to by a typed index
//! (`MentionId`, `EntityId`, ...) so that layers link to each other without copies:
//! a claim's source is a mention and an entity, an event's provenance is a claim.

use crate::Span;
use serde::{Deserialize, Serialize};

macro_rules! typed_id {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl $name {
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    )*};
}

typed_id!(
    /// Index into [`Document::mentions`](crate::Document::mentions).
    MentionId,
    /// Index into [`Document::entities`](crate::Document::entities).
    EntityId,
    /// Index into [`Document::times`](crate::Document::times).
    TimeId,
    /// Index into [`Document::places`](crate::Document::places).
    PlaceId,
    /// Index into [`Document::quantities`](crate::Document::quantities).
    QuantityId,
    /// Index into [`Document::claims`](crate::Document::claims).
    ClaimId,
    /// Index into [`Document::events`](crate::Document::events).
    EventId,
);

// ------------------------------------------------------------------ tokens

#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    /// `@handle`
    Handle,
    /// `#tag`
    Hashtag,
    Url,
    Symbol,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// A sentence: its span and the half-open range of its tokens.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    pub first_token: u32,
    pub end_token: u32,
}

impl Sentence {
    pub fn tokens(self) -> std::ops::Range<usize> {
        self.first_token as usize..self.end_token as usize
    }
}

// ------------------------------------------------------------------ entities

/// Entity classes, in OntoNotes names.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EntityLabel {
    Person,
    Org,
    /// Countries, cities, regions: places with a government.
    Gpe,
    /// Other places: rivers, mountains, regions without a government.
    Loc,
    /// Nationalities, religious and political groups ("North Korean").
    Norp,
    /// Buildings, airports, roads.
    Fac,
    Event,
    Product,
    Misc,
}

impl EntityLabel {
    pub const ALL: [EntityLabel; 9] = [
        EntityLabel::Person,
        EntityLabel::Org,
        EntityLabel::Gpe,
        EntityLabel::Loc,
        EntityLabel::Norp,
        EntityLabel::Fac,
        EntityLabel::Event,
        EntityLabel::Product,
        EntityLabel::Misc,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityLabel::Person => "PERSON",
            EntityLabel::Org => "ORG",
            EntityLabel::Gpe => "GPE",
            EntityLabel::Loc => "LOC",
            EntityLabel::Norp => "NORP",
            EntityLabel::Fac => "FAC",
            EntityLabel::Event => "EVENT",
            EntityLabel::Product => "PRODUCT",
            EntityLabel::Misc => "MISC",
        }
    }

    pub fn parse(s: &str) -> Option<EntityLabel> {
        EntityLabel::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(s))
    }

    pub fn is_place(self) -> bool {
        matches!(self, EntityLabel::Gpe | EntityLabel::Loc | EntityLabel::Fac)
    }
}

/// One occurrence of a name in the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    pub label: EntityLabel,
    /// The canonical entity this mention resolves to, once resolution has run.
    pub entity: Option<EntityId>,
}

/// A canonical actor of the document: every mention of one real-world thing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// The canonical name: the longest, most complete form seen ("Volodymyr Zelensky").
    pub name: String,
    pub label: EntityLabel,
    /// A normalised key that stays the same across documents and transliterations.
    pub key: String,
    pub mentions: Vec<MentionId>,
    /// ISO 3166-1 alpha-2 country of a demonym, country, or place.
    pub country: Option<String>,
    pub geonames_id: Option<u32>,
}

// ------------------------------------------------------------------ times

#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// A time expression normalised to a TIMEX3 value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Timex {
    pub span: Span,
    pub kind: TimexType,
    /// TIMEX3 value: `2025-01-11`, `2024-11`, `2024-SU`, `P2D`, `PRESENT_REF`, `XXXX-XX-XX`.
    pub value: String,
    /// TIMEX3 `mod`: `START`, `MID`, `END`, `APPROX`, `BEFORE`, `AFTER`...
    pub modifier: Option<String>,
    /// Whether the value came from anchoring a relative expression on the document date.
    pub anchored: bool,
    /// Which end of a stretch of time the expression is, where the text says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<IntervalEnd>,
}

/// An end of a stretch of time: "since early August" starts one that runs on, "until
/// March" ends one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntervalEnd {
    Start,
    End,
}

impl IntervalEnd {
    pub fn as_str(self) -> &'static str {
        match self {
            IntervalEnd::Start => "start",
            IntervalEnd::End => "end",
        }
    }
}

/// Where the document's date (the anchor for relative times) came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "from")]
pub enum DateSource {
    /// Given with the document: feed item, page metadata, input field.
    Metadata,
    /// The date in the document's web address ("/2026/feb/20/", "/2025/02/10/"), where
    /// no date was given or the given one is more than two days from it: an address is
    /// made when the report is published, while scraped dates often belong to another
    /// page (the given date stays in the metadata).
    Address,
    /// Inferred from the text: a dated embedded post, a dateline, an explicit date.
    Inferred { evidence: Span },
}

// ------------------------------------------------------------------ places

#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Point,
    City,
    Region,
    Country,
    Continent,
}

/// A toponym resolved to a gazetteer entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub span: Span,
    pub mention: Option<MentionId>,
    /// The gazetteer's name for the place ("Kursk Oblast").
    pub name: String,
    pub geonames_id: Option<u32>,
    pub lat: f64,
    pub lon: f64,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub admin1: Option<String>,
    pub precision: Precision,
}

// ------------------------------------------------------------------ quantities

#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    Exact,
    /// "at least", "no fewer than"
    AtLeast,
    /// "more than", "over"
    MoreThan,
    /// "at most", "up to"
    AtMost,
    /// "fewer than", "under"
    LessThan,
    /// "about", "around", "nearly", "some"
    About,
}

impl Bound {
    pub fn phrase(self) -> &'static str {
        match self {
            Bound::Exact => "",
            Bound::AtLeast => "at least",
            Bound::MoreThan => "more than",
            Bound::AtMost => "at most",
            Bound::LessThan => "fewer than",
            Bound::About => "about",
        }
    }
}

/// A number with its bound and what it counts: "at least 10,000 North Korean troops".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// The whole phrase, bound included.
    pub span: Span,
    pub value: f64,
    pub bound: Bound,
    /// What is counted ("troops", "people"), if a noun follows.
    pub unit: Option<Span>,
}

// ------------------------------------------------------------------ claims

#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// A quotation in quotation marks.
    Direct,
    /// Reported speech.
    Indirect,
    /// Reported speech with quoted fragments.
    Mixed,
}

impl ClaimKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Direct => "direct",
            ClaimKind::Indirect => "indirect",
            ClaimKind::Mixed => "mixed",
        }
    }
}

/// Who a claim is attributed to: the words in the text and, where resolved, the entity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub span: Span,
    pub entity: Option<EntityId>,
}

/// An attributed statement: who said what, how, and how sure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// The content; several spans when a quote is interrupted by its attribution.
    pub content: Vec<Span>,
    /// The sources; empty for an unattributed claim ("there are reports").
    pub sources: Vec<Source>,
    /// The cue: "said", "according to", "estimated", a colon after a post.
    pub cue: Option<Span>,
    pub kind: ClaimKind,
    /// How it was said: "on X", "in an interview", "in a statement".
    pub medium: Option<Span>,
    /// The hedge that weakens it: "it is believed", "reportedly".
    pub hedge: Option<Span>,
    /// The claim this one is reported inside ("FT wrote" around "officials said").
    pub parent: Option<ClaimId>,
    /// When it was said, where the text says.
    pub time: Option<TimeId>,
    pub quantities: Vec<QuantityId>,
    /// The chance that the claim is right, as the stage that found it estimates it; none
    /// where it makes no estimate.
    #[serde(default)]
    pub confidence: Option<f32>,
}

impl Claim {
    /// A claim of `content` by `sources`, cued by `cue`, with nothing else known yet
    /// (medium, hedge, nesting, time, quantities and confidence are filled in later).
    pub fn new(
        content: Vec<Span>,
        sources: Vec<Source>,
        cue: Option<Span>,
        kind: ClaimKind,
    ) -> Claim {
        Claim {
            content,
            sources,
            cue,
            kind,
            medium: None,
            hedge: None,
            parent: None,
            time: None,
            quantities: Vec::new(),
            confidence: None,
        }
    }

    pub fn is_unattributed(&self) -> bool {
        self.sources.is_empty()
    }

    pub fn is_hedged(&self) -> bool {
        self.hedge.is_some()
    }

    /// The span from the first content span to the last.
    pub fn content_cover(&self) -> Option<Span> {
        let first = self.content.first()?;
        Some(self.content.iter().fold(*first, |acc, s| acc.cover(*s)))
    }
}

// ------------------------------------------------------------------ events

#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    Asserted,
    /// Reported by a source rather than by the writer.
    Claimed,
    Denied,
    /// Announced, planned or threatened: not yet done.
    Planned,
    Hypothetical,
    Negated,
}

impl Modality {
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Claimed => "claimed",
            Modality::Denied => "denied",
            Modality::Planned => "planned",
            Modality::Hypothetical => "hypothetical",
            Modality::Negated => "negated",
        }
    }
}

/// A participant of an event: the words and, where resolved, the entity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    pub span: Span,
    pub entity: Option<EntityId>,
    /// ISO 3166-1 alpha-2 country of the participant, where known.
    pub country: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PloverCode {
    /// One of PLOVER's 16 event types, upper case ("ASSAULT").
    pub event_type: String,
    pub mode: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AcledCode {
    pub event_type: String,
    pub sub_event_type: String,
}

/// Who did what to whom, where and when, and who reports it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// The type in dossier's own ontology ("capture", "armed_clash", "agreement").
    pub kind: String,
    pub trigger: Span,
    pub plover: Option<PloverCode>,
    pub acled: Option<AcledCode>,
    pub actors: Vec<Participant>,
    pub targets: Vec<Participant>,
    pub place: Option<PlaceId>,
    pub time: Option<TimeId>,
    /// The event's date as a TIMEX3 value, from `time` or the document's date.
    pub date: Option<String>,
    pub quantities: Vec<QuantityId>,
    pub fatalities: Option<u32>,
    pub modality: Modality,
    /// The claim that reports the event, if it is reported rather than narrated.
    pub claim: Option<ClaimId>,
    /// The sentence (or clause) the event was read from.
    pub evidence: Span,
    /// Later tellings of the same event in the document ("Our soldiers have captured
    /// ..." in a quoted post after the reporter's own sentence): each is evidence, and
    /// each may come from another source.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retold: Vec<Telling>,
}

impl Event {
    /// Where `date` came from: "text" where the report states the event's time, "report"
    /// where it is only the report's own date (the event may be older).
    pub fn date_from(&self) -> Option<&'static str> {
        self.date.as_ref().map(|_| {
            if self.time.is_some() {
                "text"
            } else {
                "report"
            }
        })
    }

    /// The claim of each telling of the event, the first telling first; `None` where the
    /// report tells it in its own voice.
    pub fn tellings(&self) -> impl Iterator<Item = Option<ClaimId>> + '_ {
        std::iter::once(self.claim).chain(self.retold.iter().map(|t| t.claim))
    }
}

/// One more place in the text that tells an event, and the claim it comes in, if any.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Telling {
    pub evidence: Span,
    pub claim: Option<ClaimId>,
}

// ------------------------------------------------------------------ diagnostics

#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Warning,
    Error,
}

/// Something that went wrong with a document, recorded instead of aborting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The stage or reader that raised it.
    pub origin: String,
    pub message: String,
    pub span: Option<Span>,
}
