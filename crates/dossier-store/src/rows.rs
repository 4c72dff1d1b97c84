//! What queries return: flat rows, ready for a table or JSON.

use crate::DocId;
use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Counts {
    pub documents: u64,
    pub entities: u64,
    pub mentions: u64,
    pub claims: u64,
    pub events: u64,
    pub places: u64,
    pub failures: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentRow {
    pub id: DocId,
    pub external_id: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub origin: Option<String>,
    pub published: Option<String>,
    pub words: u64,
    pub claims: u64,
    pub events: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntityRow {
    pub id: i64,
    pub key: String,
    pub name: String,
    pub label: String,
    pub country: Option<String>,
    pub geonames_id: Option<i64>,
    pub mentions: u64,
    pub documents: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AliasRow {
    pub alias: String,
    pub count: u64,
}

/// One place an entity was mentioned: the document and the words, with their
/// byte offsets in the stored text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MentionRow {
    pub document: DocId,
    pub title: Option<String>,
    pub published: Option<String>,
    pub text: String,
    pub start: u32,
    pub end: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntityDetail {
    pub entity: EntityRow,
    pub aliases: Vec<AliasRow>,
    pub mentions: Vec<MentionRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimRow {
    pub document: DocId,
    pub title: Option<String>,
    pub published: Option<String>,
    pub ordinal: u32,
    /// Canonical names of the sources; empty for an unattributed claim.
    pub speakers: Vec<String>,
    pub cue: Option<String>,
    pub kind: String,
    pub hedge: Option<String>,
    pub parent: Option<u32>,
    pub content: String,
    /// Byte offsets of the content in the stored text (the evidence span).
    pub start: u32,
    pub end: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventRow {
    pub document: DocId,
    pub title: Option<String>,
    pub ordinal: u32,
    pub kind: String,
    pub plover: Option<String>,
    pub acled_event_type: Option<String>,
    pub acled_sub_event_type: Option<String>,
    pub date: Option<String>,
    /// "text" where the report states when the event happened, "report" where `date`
    /// is only the report's own date; `None` for rows stored before this was recorded.
    pub date_from: Option<String>,
    pub place: Option<String>,
    pub admin1: Option<String>,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub actors: Vec<String>,
    pub targets: Vec<String>,
    pub fatalities: Option<u32>,
    pub modality: String,
    pub reported_by: Vec<String>,
    pub evidence: String,
    pub start: u32,
    pub end: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FailureRow {
    pub origin: String,
    pub reason: String,
    pub at: String,
}

/// A place of the stored reports: one row per GeoNames entry (or per name and point for
/// places no table holds), with how often and in how many documents it was named.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlaceRow {
    pub name: String,
    pub geonames_id: Option<i64>,
    pub country: String,
    pub admin1: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub mentions: u64,
    pub documents: u64,
}
