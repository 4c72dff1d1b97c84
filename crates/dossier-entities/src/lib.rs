//! Named entities: who and what a report names, and which names are the same thing.
//!
//! [`EntityStage`] tags names with a feature-rich averaged-perceptron tagger ([`Model`],
//! trained by [`train`] on CoNLL-2003 with word clusters computed from unlabelled news,
//! see [`words`]), then resolves the mentions into entities (aliases, surnames,
//! transliterations, handles, demonyms; see [`resolve`]).

mod codec;
pub mod conll;
mod features;
pub mod geo;
mod hash;
mod model;
mod names;
pub mod resolve;
mod stage;
mod train;
pub mod words;

pub use codec::FormatError;
pub use conll::{Chunk, Class};
pub use model::{Model, TagScratch};
pub use names::Names;
pub use stage::EntityStage;
pub use train::{TrainError, TrainOptions, train};
