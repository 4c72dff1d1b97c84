//! Trains the claims model (chunker on CoNLL-2003, attribution taggers on PolNeAR) and
//! writes it where the stage embeds it. EPOCHS defaults to 6, the best on PolNeAR dev.
//! Ends by printing the stage's F1 on the training folds each part was not trained on.
//!
//! cargo run --release -p dossier-attribution --example train_claims -- \
//!     ../shared/data/claims/polnear-train.jsonl ../shared/data/ner/conll2003-train.conll \
//!     models/claims/model.bin.gz [EPOCHS]

use dossier_attribution::{GoldClaim, Model};
use dossier_core::{CharIndex, Document, Span};
use serde_json::Value;
use std::io::BufRead;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(input), Some(conll), Some(output)) = (args.get(1), args.get(2), args.get(3)) else {
        eprintln!("usage: train POLNEAR.jsonl CONLL2003.conll MODEL.bin.gz [EPOCHS]");
        std::process::exit(2);
    };
    let chunked = dossier_attribution::Chunker::read_conll(&std::fs::read_to_string(conll)?);
    let epochs = args.get(4).and_then(|e| e.parse().ok()).unwrap_or(6);
    let mut docs = Vec::new();
    for line in std::io::BufReader::new(std::fs::File::open(input)?).lines() {
        let row: Value = serde_json::from_str(&line?)?;
        let text = row["text"].as_str().unwrap_or_default().to_string();
        let index = CharIndex::new(&text);
        let span = |v: &Value| -> Option<Span> {
            let (a, b) = (v.get(0)?.as_u64()?, v.get(1)?.as_u64()?);
            Some(index.chars_to_span(a as u32, b as u32))
        };
        let gold: Vec<GoldClaim> = row["quotes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|q| {
                Some(GoldClaim {
                    cue: span(&q["cue_span"])?,
                    source: span(&q["speaker_span"]),
                    content: q["content_spans"]
                        .as_array()?
                        .iter()
                        .filter_map(span)
                        .collect(),
                })
            })
            .collect();
        docs.push((Document::new(row["id"].to_string(), text), gold));
    }
    eprintln!(
        "{} documents, {} claims",
        docs.len(),
        docs.iter().map(|d| d.1.len()).sum::<usize>()
    );
    let model = Model::train(&docs, &chunked, epochs, |epoch, cue_errors, span_errors| {
        eprintln!(
            "epoch {epoch}: {cue_errors} sentences with cue errors, {span_errors} claims with span errors"
        );
    });
    if let Some(f1) = model.held_out_f1() {
        eprintln!("held-out folds: F1 {:.2}", 100.0 * f1);
    }
    dossier_attribution::write_model(&model, std::fs::File::create(output)?)?;
    eprintln!(
        "wrote {output} ({} bytes)",
        std::fs::metadata(output)?.len()
    );
    Ok(())
}
