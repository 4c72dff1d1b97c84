//! Trains the ACLED sub-event model, or measures it by k-fold cross-validation.
//!
//!     cargo run --release -p dossier-events --example train_acled -- GOLD.jsonl cv 5
//!     cargo run --release -p dossier-events --example train_acled -- GOLD.jsonl train OUT.tsv.gz
//!
//! GOLD is the scorer's ACLED gold file (`text` and `event` per line).
use dossier_core::{Document, Stage};
use dossier_events::classify::{Perceptron, applies, features};
use flate2::{Compression, write::GzEncoder};
use std::io::{BufRead, Write};

const EPOCHS: usize = 10;
const MIN_NOTES: usize = 3;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (gold, mode) = (&args[1], args[2].as_str());
    let quantities = dossier_quantities::QuantityStage::new();
    let rules = dossier_events::EventStage::rules_only();
    let mut examples = Vec::new();
    let mut rule_codes = Vec::new();
    for line in std::io::BufReader::new(std::fs::File::open(gold)?).lines() {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        let mut doc = Document::new("x", v["text"].as_str().unwrap_or(""));
        quantities.run(&mut doc);
        rules.run(&mut doc);
        let gold = format!(
            "{}|{}",
            v["event"]["event_type"].as_str().unwrap_or(""),
            v["event"]["sub_event_type"].as_str().unwrap_or("")
        );
        let Some(main) = doc.events.first() else {
            rule_codes.push(None);
            examples.push((Vec::new(), gold));
            continue;
        };
        rule_codes.push(
            main.acled
                .as_ref()
                .map(|a| format!("{}|{}", a.event_type, a.sub_event_type)),
        );
        // Notes the model does not code keep the rules' code: train on the others only.
        let feats = if applies(&doc) {
            features(&doc, main)
        } else {
            Vec::new()
        };
        examples.push((feats, gold));
    }
    match mode {
        "cv" => {
            let k: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(5);
            let n = examples.len();
            let (mut typ, mut sub, mut rule_typ, mut rule_sub) = (0, 0, 0, 0);
            let kind = |c: &str| c.split('|').next().unwrap_or("").to_string();
            for fold in 0..k {
                let train: Vec<_> = (0..n)
                    .filter(|i| i % k != fold)
                    .map(|i| examples[i].clone())
                    .collect();
                let model = train_pruned(train);
                for i in (0..n).filter(|i| i % k == fold) {
                    let (feats, gold) = &examples[i];
                    let rule = rule_codes[i].clone().unwrap_or_default();
                    let guess = if feats.is_empty() {
                        rule.as_str()
                    } else {
                        model.predict(feats).unwrap_or("")
                    };
                    sub += (guess == gold) as usize;
                    typ += (kind(guess) == kind(gold)) as usize;
                    rule_sub += (rule == *gold) as usize;
                    rule_typ += (kind(&rule) == kind(gold)) as usize;
                }
            }
            let pct = |x: usize| 100.0 * x as f64 / n as f64;
            println!(
                "{k}-fold cross-validated, {n} notes: event_type {:.1}  sub_event_type {:.1}",
                pct(typ),
                pct(sub)
            );
            println!(
                "rules alone:                        event_type {:.1}  sub_event_type {:.1}",
                pct(rule_typ),
                pct(rule_sub)
            );
        }
        "train" => {
            let model = train_pruned(examples);
            let mut gz = GzEncoder::new(std::fs::File::create(&args[3])?, Compression::best());
            gz.write_all(model.to_text().as_bytes())?;
            gz.finish()?;
        }
        _ => eprintln!("mode is `cv` or `train`"),
    }
    Ok(())
}

/// Trains on features seen in at least `MIN_NOTES` notes: words of one or two notes are
/// names and typos, which the model would only memorise.
fn train_pruned(mut examples: Vec<(Vec<String>, String)>) -> Perceptron {
    examples.retain(|(feats, _)| !feats.is_empty());
    let mut seen = std::collections::HashMap::<String, usize>::new();
    for f in examples.iter().flat_map(|(feats, _)| feats) {
        *seen.entry(f.clone()).or_default() += 1;
    }
    for (feats, _) in &mut examples {
        feats.retain(|f| seen[f] >= MIN_NOTES);
    }
    Perceptron::train(&examples, EPOCHS)
}
