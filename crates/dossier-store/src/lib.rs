//! Where analysed documents live.
//!
//! [`Store`] is what the CLI (and later the HTTP API and cross-document workers) talk
//! to; [`SqliteStore`] is the embedded backend. A PostgreSQL backend for teams will
//! implement the same trait and pass the same [`conformance`] suite, which is why the
//! schema keeps to SQL that both databases speak.
//!
//! Every document is stored in one transaction together with its annotations, keyed by
//! a content hash: storing the same content twice is a no-op, and an interrupted batch
//! leaves only whole documents behind, so running it again resumes where it stopped.

pub mod conformance;
mod rows;
mod sqlite;

pub use rows::*;
pub use sqlite::SqliteStore;

use dossier_core::Document;
use sha2::{Digest, Sha256};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("stored annotations are unreadable: {0}")]
    Corrupt(#[from] serde_json::Error),
}

/// The identity of a document's content: SHA-256 of its text and URL.
///
/// The URL is part of it so that one story syndicated by two outlets is stored twice
/// (cross-document work must see both copies), while the same page read twice is not.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ContentHash(pub String);

impl ContentHash {
    pub fn of(doc: &Document) -> ContentHash {
        let mut h = Sha256::new();
        h.update(doc.text.as_bytes());
        h.update([0]);
        h.update(doc.meta.url.as_deref().unwrap_or("").as_bytes());
        let digest = h.finalize();
        ContentHash(digest.iter().map(|b| format!("{b:02x}")).collect())
    }
}

/// A stored document's id.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct DocId(pub i64);

/// What [`Store::put`] did.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Put {
    Stored(DocId),
    /// The same content was already stored; nothing was written.
    AlreadyStored(DocId),
}

/// Selects claims.
#[derive(Clone, Debug, Default)]
pub struct ClaimFilter {
    /// Matches the speaker's canonical name, an alias of it, or the speaker's words.
    pub speaker: Option<String>,
    pub limit: usize,
}

/// Selects events.
#[derive(Clone, Debug, Default)]
pub struct EventFilter {
    /// Within `radius_km` of a point.
    pub near: Option<(f64, f64, f64)>,
    /// Placed in a country or first-level region, however far from its centre: with
    /// `near` as well, an event in either passes.
    pub within: Option<Area>,
    /// Place name or admin1 region containing this text (used when no coordinates).
    pub place: Option<String>,
    /// TIMEX3 dates compared as text: `2024-11` is within `--from 2024-11-01`'s month.
    pub from: Option<String>,
    pub to: Option<String>,
    pub limit: usize,
}

/// A country (ISO 3166-1 alpha-2), or a first-level region of one by its GeoNames name.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Area {
    pub country: String,
    pub admin1: Option<String>,
}

/// The storage contract every backend meets.
pub trait Store {
    /// The stored document with this content, if any: lets a batch skip analysis of
    /// what it already holds.
    fn find(&self, hash: &ContentHash) -> Result<Option<DocId>, StoreError>;
    /// Stores a document and its annotations atomically, unless its content is stored.
    fn put(&mut self, doc: &Document) -> Result<Put, StoreError>;
    /// Records an input that could not be read, so that nothing is lost silently.
    fn record_failure(&mut self, origin: &str, reason: &str) -> Result<(), StoreError>;
    fn counts(&self) -> Result<Counts, StoreError>;
    fn documents(&self, limit: usize) -> Result<Vec<DocumentRow>, StoreError>;
    /// The stored document with all its layers.
    fn document(&self, id: DocId) -> Result<Option<Document>, StoreError>;
    /// Entities of the registry, most mentioned first, optionally matching a name.
    fn entities(&self, name: Option<&str>, limit: usize) -> Result<Vec<EntityRow>, StoreError>;
    /// One entity by name or alias, with its aliases and where it was mentioned.
    fn entity(&self, name: &str) -> Result<Option<EntityDetail>, StoreError>;
    fn claims(&self, filter: &ClaimFilter) -> Result<Vec<ClaimRow>, StoreError>;
    fn events(&self, filter: &EventFilter) -> Result<Vec<EventRow>, StoreError>;
    /// The places the stored reports name, most named first.
    fn places(&self, limit: usize) -> Result<Vec<PlaceRow>, StoreError>;
    fn failures(&self, limit: usize) -> Result<Vec<FailureRow>, StoreError>;
}

/// Great-circle distance in kilometres.
pub fn haversine_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (
        a.0.to_radians(),
        a.1.to_radians(),
        b.0.to_radians(),
        b.1.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0088 * h.sqrt().min(1.0).asin()
}
