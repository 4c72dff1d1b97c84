//! dossier's foundation: text offsets, the [`Document`] with its typed annotation
//! layers, the [`Stage`] contract and [`Pipeline`], and the scorer's JSONL contract.
//!
//! Everything else depends on this crate; it depends on nothing of dossier's.

pub mod contract;
mod document;
pub mod latin;
pub mod layers;
pub mod numerals;
mod source;
mod span;
mod stage;
pub mod tokenize;

pub use document::{Document, Metadata};
pub use layers::*;
pub use source::{Run, SourcePage};
pub use span::{CharIndex, Span};
pub use stage::{Layer, OrderError, Pipeline, Stage};
