//! Builds `models/ner/auto-names.bin.gz`: names that a tagger trained without such a
//! list finds again and again, with one dominant class, in the unlabelled corpora.
//!
//!     cargo run --release -p dossier-entities --example autonames
//!
//! Run from the repository root after `clusters`; then run `train`.

use dossier_core::Document;
use dossier_entities::{Class, Names, TrainOptions};
use std::collections::BTreeMap;
use std::path::Path;

/// A name must be found this often, with this share in its most frequent class.
const MIN_COUNT: u32 = 3;
const MIN_SHARE: f64 = 0.8;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let t = std::time::Instant::now();
    let model = dossier_entities::train(&TrainOptions {
        auto_names: None,
        ..TrainOptions::default()
    })?;
    let mut counts: BTreeMap<String, [u32; 4]> = BTreeMap::new();
    let corpora = Path::new("../shared/data/corpora");
    for f in [
        "reuters-21578.jsonl",
        "bbc-news.jsonl",
        "ukraine-war-2026.jsonl",
        "ecbplus.jsonl",
    ] {
        for line in std::fs::read_to_string(corpora.join(f))?.lines() {
            let v: serde_json::Value = serde_json::from_str(line)?;
            let Some(text) = v["text"].as_str() else {
                continue;
            };
            let doc = Document::new("", text);
            for (span, class) in model.names_in(&doc) {
                let tokens: Vec<&str> = doc.tokens[doc.tokens_in(span)]
                    .iter()
                    .map(|t| t.span.of(text))
                    .collect();
                counts.entry(tokens.join(" ")).or_default()[class as usize] += 1;
            }
        }
        eprintln!(
            "{f}: {} distinct names so far ({:.0?})",
            counts.len(),
            t.elapsed()
        );
    }
    let kept: Vec<(Vec<&str>, Class)> = counts
        .iter()
        .filter_map(|(name, c)| {
            let total: u32 = c.iter().sum();
            let (best, &n) = c
                .iter()
                .enumerate()
                .max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))?;
            (total >= MIN_COUNT && n as f64 >= MIN_SHARE * total as f64)
                .then(|| (name.split(' ').collect(), Class::ALL[best]))
        })
        .collect();
    let names = Names::new(kept);
    let out = Path::new("models/ner/auto-names.bin.gz");
    std::fs::write(out, names.to_bytes()?)?;
    eprintln!(
        "wrote {} ({} names) in {:.0?}",
        out.display(),
        names.len(),
        t.elapsed()
    );
    Ok(())
}
