//! Builds the word table (clusters, capitalisation ratios) from the unlabelled corpora
//! and the training sentences' words, and writes `models/ner/words.bin.gz`.
//!
//!     cargo run --release -p dossier-entities --example clusters [-- SMALL MID LARGE [MIN_COUNT]]
//!
//! Run from the repository root; the data lives in `../shared/data`.

use dossier_entities::{conll, words};
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = Path::new("../shared/data");
    let mut corpus = words::Corpus::default();
    for f in [
        "reuters-21578.jsonl",
        "bbc-news.jsonl",
        "ukraine-war-2026.jsonl",
        "ecbplus.jsonl",
    ] {
        corpus.add_jsonl(&data.join("corpora").join(f))?;
        eprintln!("{f}: {} tokens so far", corpus.tokens());
    }
    for f in ["conll2003-train.conll", "wnut17-train.conll"] {
        for doc in conll::read(&data.join("ner").join(f))? {
            for s in &doc.sentences {
                corpus.add_sentence(s.words.iter().map(String::as_str));
            }
        }
    }
    let t = std::time::Instant::now();
    let mut opts = words::ClusterOptions::default();
    let sizes: Vec<u16> = std::env::args()
        .skip(1)
        .map(|a| a.parse())
        .collect::<Result<_, _>>()?;
    if let [a, b, c, ..] = sizes[..] {
        opts.sizes = [a, b, c];
    }
    if let Some(&m) = sizes.get(3) {
        opts.min_count = m.into();
    }
    let table = corpus.build(&opts, |m| eprintln!("{m} ({:.0?})", t.elapsed()));
    let out = Path::new("models/ner/words.bin.gz");
    std::fs::write(out, table.to_bytes()?)?;
    eprintln!(
        "wrote {} ({} forms) in {:.0?}",
        out.display(),
        table.len(),
        t.elapsed()
    );
    Ok(())
}
