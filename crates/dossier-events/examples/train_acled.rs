//! Trains the ACLED sub-event model on the full engine's reading of each note, or
//! measures the whole events-acled task by k-fold cross-validation.
//!
//!     cargo run --release -p dossier-events --example train_acled -- GOLD.jsonl cv 5 > pred.jsonl
//!     python3 ../shared/eval/score.py events-acled GOLD.jsonl pred.jsonl
//!     cargo run --release -p dossier-events --example train_acled -- GOLD.jsonl train OUT.tsv.gz
//!
//! In `cv` mode the held-out type and sub-type accuracy also go to standard error.
//! GOLD is the scorer's ACLED gold file. Every note goes through the dossier engine
//! (entities, times, places, quantities, claims, events) once; in `cv` mode the events
//! stage is then run again on each held-out fifth with a model trained on the other
//! four, so every field of the output lines (type, sub-type, date, admin1, location,
//! fatalities) is what the engine would say of a note it never learned from.
use dossier_core::contract::{InputLine, to_output};
use dossier_core::{Document, Stage};
use dossier_events::EventStage;
use dossier_events::classify::{Perceptron, applies, features};
use flate2::{Compression, write::GzEncoder};
use std::io::{BufRead, Write};

const EPOCHS: usize = 10;
const MIN_NOTES: usize = 3;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (gold, mode) = (&args[1], args[2].as_str());
    let engine =
        dossier_engine::Engine::load().map_err(|e| std::io::Error::other(format!("{e:?}")))?;
    let rules = EventStage::rules_only();
    let mut docs: Vec<Document> = Vec::new();
    let mut examples = Vec::new();
    for line in std::io::BufReader::new(std::fs::File::open(gold)?).lines() {
        let line = line?;
        let v: serde_json::Value = serde_json::from_str(&line)?;
        let input = InputLine::parse(&line).map_err(|e| std::io::Error::other(format!("{e:?}")))?;
        let mut doc = dossier_engine::extract::document_of(&input);
        engine.analyze(&mut doc);
        // The rules' reading alone: the shipped model's code must not become a feature.
        doc.events.clear();
        rules.run(&mut doc);
        let feats = match doc.events.first() {
            Some(main) if applies(&doc) => features(&doc, main),
            _ => Vec::new(),
        };
        let class = format!(
            "{}|{}",
            v["event"]["event_type"].as_str().unwrap_or(""),
            v["event"]["sub_event_type"].as_str().unwrap_or("")
        );
        examples.push((feats, class));
        docs.push(doc);
    }
    match mode {
        "cv" => {
            let k: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(5);
            let mut out = std::io::stdout().lock();
            let mut lines = vec![String::new(); docs.len()];
            let (mut typ, mut sub) = (0, 0);
            for fold in 0..k {
                let train = (0..docs.len())
                    .filter(|i| i % k != fold)
                    .map(|i| examples[i].clone())
                    .collect();
                let stage =
                    EventStage::with_acled(Perceptron::train_pruned(train, MIN_NOTES, EPOCHS));
                for i in (0..docs.len()).filter(|i| i % k == fold) {
                    let mut doc = docs[i].clone();
                    doc.events.clear();
                    stage.run(&mut doc);
                    let coded = doc.events.first().and_then(|e| e.acled.as_ref());
                    let guess = coded.map_or(String::new(), |a| {
                        format!("{}|{}", a.event_type, a.sub_event_type)
                    });
                    let gold = &examples[i].1;
                    sub += (guess == *gold) as usize;
                    typ += (guess.split('|').next() == gold.split('|').next()) as usize;
                    lines[i] = to_output(&doc, false).to_string();
                }
            }
            for line in lines {
                writeln!(out, "{line}")?;
            }
            let pct = |x: usize| 100.0 * x as f64 / docs.len() as f64;
            eprintln!(
                "{k}-fold cross-validated, {} notes: event_type {:.1}  sub_event_type {:.1}",
                docs.len(),
                pct(typ),
                pct(sub)
            );
        }
        "train" => {
            let model = Perceptron::train_pruned(examples, MIN_NOTES, EPOCHS);
            let mut gz = GzEncoder::new(std::fs::File::create(&args[3])?, Compression::best());
            gz.write_all(model.to_text().as_bytes())?;
            gz.finish()?;
        }
        _ => eprintln!("mode is `cv` or `train`"),
    }
    Ok(())
}
