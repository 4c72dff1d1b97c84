//! The contract every analysis stage meets, and the pipeline that orders them.
//!
//! A stage declares which layers it needs and which it adds; [`Pipeline::new`] checks
//! the order once at start-up, so a stage can never run before what it reads exists.
//! A stage never fails: a problem with one document becomes a [`Diagnostic`] on it.
//!
//! [`Diagnostic`]: crate::Diagnostic

use crate::Document;
use std::fmt;
use std::time::{Duration, Instant};

/// An annotation layer of a [`Document`].
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Layer {
    /// Tokens and sentences: made by [`Document::new`], always present.
    Tokens,
    Mentions,
    Entities,
    Times,
    Places,
    Quantities,
    Claims,
    Events,
}

/// One step of analysis: reads some layers of a document and adds others.
pub trait Stage: Send + Sync {
    /// A short lower-case name, used in diagnostics and benchmarks.
    fn name(&self) -> &'static str;
    /// Layers that must exist before this stage runs.
    fn needs(&self) -> &'static [Layer];
    /// Layers this stage adds.
    fn adds(&self) -> &'static [Layer];
    fn run(&self, doc: &mut Document);
}

#[derive(Debug, PartialEq)]
pub struct OrderError {
    pub stage: &'static str,
    pub missing: Layer,
}

impl fmt::Display for OrderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "stage `{}` needs the {:?} layer, which no earlier stage adds",
            self.stage, self.missing
        )
    }
}

impl std::error::Error for OrderError {}

/// Stages in an order checked against what each needs.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    pub fn new(stages: Vec<Box<dyn Stage>>) -> Result<Pipeline, OrderError> {
        let mut have = vec![Layer::Tokens];
        for stage in &stages {
            if let Some(&missing) = stage.needs().iter().find(|l| !have.contains(l)) {
                return Err(OrderError {
                    stage: stage.name(),
                    missing,
                });
            }
            have.extend_from_slice(stage.adds());
        }
        Ok(Pipeline { stages })
    }

    pub fn stages(&self) -> impl Iterator<Item = &dyn Stage> {
        self.stages.iter().map(|s| s.as_ref())
    }

    pub fn run(&self, doc: &mut Document) {
        for stage in &self.stages {
            run_guarded(stage.as_ref(), doc);
        }
    }

    /// Runs every stage, adding the time each took to `spent` (one slot per stage).
    pub fn run_timed(&self, doc: &mut Document, spent: &mut [Duration]) {
        for (stage, slot) in self.stages.iter().zip(spent.iter_mut()) {
            let t = Instant::now();
            run_guarded(stage.as_ref(), doc);
            *slot += t.elapsed();
        }
    }
}

/// Runs one stage. A stage that panics has a bug, and one document must not take a
/// batch down with it: the layers the stage adds are emptied for this document (so no
/// half-made layer points nowhere), an error diagnostic names the stage, and the
/// later stages run on what is left.
fn run_guarded(stage: &dyn Stage, doc: &mut Document) {
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| stage.run(doc)));
    let Err(panic) = outcome else { return };
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".into());
    for &layer in stage.adds() {
        doc.clear_layer(layer);
    }
    doc.diagnose(
        crate::Severity::Error,
        stage.name(),
        format!("the stage failed on this document and its layers were dropped: {message}"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake(&'static str, &'static [Layer], &'static [Layer]);

    impl Stage for Fake {
        fn name(&self) -> &'static str {
            self.0
        }
        fn needs(&self) -> &'static [Layer] {
            self.1
        }
        fn adds(&self) -> &'static [Layer] {
            self.2
        }
        fn run(&self, _: &mut Document) {}
    }

    #[test]
    fn rejects_a_stage_that_runs_before_what_it_needs() {
        let claims = Box::new(Fake("claims", &[Layer::Entities], &[Layer::Claims]));
        let entities = Box::new(Fake(
            "entities",
            &[Layer::Tokens],
            &[Layer::Mentions, Layer::Entities],
        ));
        let err = Pipeline::new(vec![claims, entities]).err().unwrap();
        assert_eq!(
            err,
            OrderError {
                stage: "claims",
                missing: Layer::Entities
            }
        );

        let claims = Box::new(Fake("claims", &[Layer::Entities], &[Layer::Claims]));
        let entities = Box::new(Fake(
            "entities",
            &[Layer::Tokens],
            &[Layer::Mentions, Layer::Entities],
        ));
        assert!(Pipeline::new(vec![entities, claims]).is_ok());
    }

    /// Adds a time, then panics, as a stage with a bug would.
    struct Broken;

    impl Stage for Broken {
        fn name(&self) -> &'static str {
            "broken"
        }
        fn needs(&self) -> &'static [Layer] {
            &[Layer::Tokens]
        }
        fn adds(&self) -> &'static [Layer] {
            &[Layer::Times]
        }
        fn run(&self, doc: &mut Document) {
            let whole = crate::Span::new(0, doc.text.len());
            doc.times.push(crate::Timex {
                span: whole,
                kind: crate::TimexType::Date,
                value: "2025".into(),
                modifier: None,
                anchored: false,
                bound: None,
            });
            panic!("index out of range");
        }
    }

    #[test]
    fn a_panicking_stage_loses_its_layers_not_the_document() {
        let later = Box::new(Fake("claims", &[Layer::Tokens], &[Layer::Claims]));
        let pipeline = Pipeline::new(vec![Box::new(Broken), later]).unwrap();
        let mut doc = Document::new("d", "Police said the road was closed.");
        pipeline.run(&mut doc);
        assert!(doc.times.is_empty(), "no half-made layer is left");
        let d = doc.diagnostics.last().expect("a diagnostic");
        assert_eq!(
            (d.severity, d.origin.as_str()),
            (crate::Severity::Error, "broken")
        );
        assert!(d.message.contains("index out of range"), "{}", d.message);
    }
}
