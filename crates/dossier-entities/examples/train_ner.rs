//! Trains the entity tagger and writes `models/ner/model.bin.gz`.
//!
//!     cargo run --release -p dossier-entities --example clusters   # once: models/ner/words.bin.gz
//!     cargo run --release -p dossier-entities --example train_ner [-- EPOCHS [PRUNE [UNKNOWN_RATE]]]
//!
//! Run from the repository root; the data lives in `../shared/data`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let t = std::time::Instant::now();
    let mut opts = dossier_entities::TrainOptions::default();
    let mut args = std::env::args().skip(1);
    if let Some(epochs) = args.next() {
        opts.epochs = epochs.parse()?;
    }
    if let Some(prune) = args.next() {
        opts.prune = prune.parse()?;
    }
    if let Some(rate) = args.next() {
        opts.unknown_rate = rate.parse()?;
    }
    let model = dossier_entities::train(&opts)?;
    let out = std::path::Path::new("models/ner/model.bin.gz");
    model.save(out)?;
    eprintln!(
        "wrote {} ({} features, {} bytes) in {:.1?}",
        out.display(),
        model.features(),
        std::fs::metadata(out)?.len(),
        t.elapsed()
    );
    Ok(())
}
