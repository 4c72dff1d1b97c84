//! The engine: every stage in its one order, and the ways documents go through them.
//!
//! This is the only place that knows the order of the stages. [`Engine::load`] builds
//! the pipeline and has [`Pipeline::new`](dossier_core::Pipeline::new) check that each
//! stage runs after the layers it needs; the CLI, the benchmarks and (later) the HTTP
//! API all go through it.

pub mod brief;
pub mod extract;

use dossier_core::{Document, OrderError, Pipeline, Stage};
use std::time::Duration;

pub struct Engine {
    pipeline: Pipeline,
}

impl Engine {
    /// Loads the committed models and tables and orders the stages.
    pub fn load() -> Result<Engine, OrderError> {
        let stages: Vec<Box<dyn Stage>> = vec![
            Box::new(dossier_entities::EntityStage::load()),
            Box::new(dossier_timex::TimexStage::new()),
            Box::new(dossier_places::PlaceStage::load()),
            Box::new(dossier_quantities::QuantityStage::new()),
            Box::new(dossier_attribution::ClaimStage::load()),
            Box::new(dossier_events::EventStage::load()),
        ];
        Ok(Engine {
            pipeline: Pipeline::new(stages)?,
        })
    }

    pub fn analyze(&self, doc: &mut Document) {
        self.pipeline.run(doc);
    }

    pub fn stage_names(&self) -> Vec<&'static str> {
        self.pipeline.stages().map(|s| s.name()).collect()
    }

    /// The stages in their order, for benchmarks that time them one by one.
    pub fn stages(&self) -> impl Iterator<Item = &dyn Stage> {
        self.pipeline.stages()
    }

    /// Analyses `doc`, adding each stage's time to its slot of `spent`.
    pub fn analyze_timed(&self, doc: &mut Document, spent: &mut [Duration]) {
        self.pipeline.run_timed(doc, spent);
    }
}
