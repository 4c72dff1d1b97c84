//! The `entities` stage: tags every sentence, then resolves the mentions to entities.

use crate::conll::Class;
use crate::geo;
use crate::model::Model;
use crate::resolve;
use dossier_core::{Document, EntityLabel, Layer, Mention, Severity, Stage};
use std::sync::OnceLock;

static MODEL_BYTES: &[u8] = include_bytes!("../../../models/ner/model.bin.gz");

/// Finds names (people, organisations, places, nationalities) and groups them into entities.
pub struct EntityStage {
    model: &'static Model,
}

impl EntityStage {
    /// The stage with the committed model, decompressed once per process.
    pub fn load() -> EntityStage {
        static MODEL: OnceLock<Model> = OnceLock::new();
        let model = MODEL.get_or_init(|| {
            Model::load(MODEL_BYTES).expect("the committed entity model is readable")
        });
        EntityStage { model }
    }

    /// The stage with another model (for experiments); the model must outlive the process.
    pub fn with_model(model: &'static Model) -> EntityStage {
        EntityStage { model }
    }

    pub fn model(&self) -> &Model {
        self.model
    }

    /// Adds the tagger's mentions to `doc`, without resolving them.
    pub fn recognise(&self, doc: &mut Document) {
        let found: Vec<Mention> = self
            .model
            .names_in(doc)
            .into_iter()
            .filter(|(span, _)| could_be_a_name(span.of(&doc.text)))
            .map(|(span, class)| Mention {
                span,
                label: label_of(class, span.of(&doc.text)),
                entity: None,
            })
            .collect();
        doc.mentions.extend(found);
    }
}

/// Whether the tagger's span can be a name at all: not a possessive ending or
/// punctuation alone ("’s" after "Russia"), not a link ("pic.twitter.com/5J0hqbarP6"
/// closing an embedded post).
fn could_be_a_name(text: &str) -> bool {
    let clitic = matches!(text, "'s" | "’s" | "s");
    let link = text.contains("://")
        || text.starts_with("www.")
        || (text.contains('/') && text.contains('.') && !text.contains(' '));
    text.chars().any(char::is_alphanumeric) && !clitic && !link
}

/// The OntoNotes label of a tagged name: places split into GPE and LOC, and
/// nationalities out of MISC.
fn label_of(class: Class, text: &str) -> EntityLabel {
    match class {
        Class::Per => EntityLabel::Person,
        Class::Org => EntityLabel::Org,
        Class::Loc if geo::is_natural_place(text) => EntityLabel::Loc,
        Class::Loc => EntityLabel::Gpe,
        Class::Misc if geo::demonym(text).is_some() => EntityLabel::Norp,
        Class::Misc => EntityLabel::Misc,
    }
}

impl Stage for EntityStage {
    fn name(&self) -> &'static str {
        "entities"
    }

    fn needs(&self) -> &'static [Layer] {
        &[Layer::Tokens]
    }

    fn adds(&self) -> &'static [Layer] {
        &[Layer::Mentions, Layer::Entities]
    }

    fn run(&self, doc: &mut Document) {
        if !doc.mentions.is_empty() || !doc.entities.is_empty() {
            doc.diagnose(
                Severity::Warning,
                "entities",
                "mentions were already present; replaced",
            );
            doc.mentions.clear();
            doc.entities.clear();
        }
        self.recognise(doc);
        resolve::resolve(doc);
    }
}

#[cfg(test)]
mod tests {
    use super::could_be_a_name;

    #[test]
    fn endings_punctuation_and_links_are_not_names() {
        for junk in [
            "’s",
            "'s",
            "—",
            "pic.twitter.com/5J0hqbarP6",
            "https://example.org/a",
        ] {
            assert!(!could_be_a_name(junk), "{junk}");
        }
        for name in ["Russia", "AT&T", "U.S.", "Yahoo!", "BBC News/Online desk"] {
            assert!(could_be_a_name(name), "{name}");
        }
    }
}
