//! A cross-validated PLOVER figure for a lexicon written with the gold sentences in view.
//!
//!     cargo run --release -p dossier-events --example plover_cv -- GOLD.jsonl 5
//!
//! The trigger table was written while reading the 322 PLOVER sentences, so scoring it
//! on them is in-sample. Here, for each fold, every trigger that fires in none of the
//! other folds' sentences is removed (the lexicon someone reading only those would have
//! written, at best), and the held-out fold is scored with what remains. The context
//! rules stay as they are, so the figure is still somewhat optimistic.
use dossier_core::{Document, Stage};
use dossier_events::EventStage;
use std::collections::BTreeMap;
use std::io::BufRead;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let k: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(5);
    let quantities = dossier_quantities::QuantityStage::new();
    let mut docs = Vec::new();
    let mut gold = Vec::new();
    for line in std::io::BufReader::new(std::fs::File::open(&args[1])?).lines() {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        let mut doc = Document::new("x", v["text"].as_str().unwrap_or(""));
        quantities.run(&mut doc);
        docs.push(doc);
        gold.push(v["plover"]["type"].as_str().unwrap_or("").to_uppercase());
    }
    // Every (type, trigger) entry of the table, and the sentences it fires in.
    let entries: Vec<(String, String)> = EventStage::builtin_triggers()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once(':'))
        .flat_map(|(kind, triggers)| {
            triggers
                .split_whitespace()
                .map(move |t| (kind.to_string(), t.to_string()))
        })
        .collect();
    let fires: Vec<Vec<bool>> = entries
        .iter()
        .map(|(kind, trigger)| {
            let stage = EventStage::with_triggers(&format!("{kind}: {trigger}"));
            docs.iter()
                .map(|d| {
                    let mut d = d.clone();
                    stage.run(&mut d);
                    !d.events.is_empty()
                })
                .collect()
        })
        .collect();
    let predict = |stage: &EventStage, d: &Document| {
        let mut d = d.clone();
        stage.run(&mut d);
        d.events
            .first()
            .and_then(|e| e.plover.as_ref())
            .map_or("NONE".to_string(), |p| p.event_type.clone())
    };
    let mut held_out = vec![String::new(); docs.len()];
    let mut kept = 0;
    for fold in 0..k {
        let mut table: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (e, (kind, trigger)) in entries.iter().enumerate() {
            if (0..docs.len()).any(|i| i % k != fold && fires[e][i]) {
                table.entry(kind).or_default().push(trigger);
                kept += 1;
            }
        }
        let table: String = table
            .iter()
            .map(|(kind, ts)| format!("{kind}: {}\n", ts.join(" ")))
            .collect();
        let stage = EventStage::with_triggers(&table);
        for i in (0..docs.len()).filter(|i| i % k == fold) {
            held_out[i] = predict(&stage, &docs[i]);
        }
    }
    let full = EventStage::rules_only();
    let in_sample: Vec<String> = docs.iter().map(|d| predict(&full, d)).collect();
    println!(
        "{k}-fold, triggers pruned to the training folds ({} of {} kept on average): macro-F1 {:.2}, accuracy {:.2}",
        kept / k,
        entries.len(),
        macro_f1(&gold, &held_out),
        accuracy(&gold, &held_out)
    );
    println!(
        "full table, in-sample: macro-F1 {:.2}, accuracy {:.2}",
        macro_f1(&gold, &in_sample),
        accuracy(&gold, &in_sample)
    );
    Ok(())
}

fn accuracy(gold: &[String], pred: &[String]) -> f64 {
    100.0 * gold.iter().zip(pred).filter(|(g, p)| g == p).count() as f64 / gold.len() as f64
}

/// Macro-F1 over the types present in gold, as the project's scorer computes it.
fn macro_f1(gold: &[String], pred: &[String]) -> f64 {
    let mut types: Vec<&String> = gold.iter().collect();
    types.sort();
    types.dedup();
    let f1s: Vec<f64> = types
        .iter()
        .map(|t| {
            let tp = gold
                .iter()
                .zip(pred)
                .filter(|(g, p)| g == t && p == t)
                .count() as f64;
            let np = pred.iter().filter(|p| p == t).count() as f64;
            let ng = gold.iter().filter(|g| g == t).count() as f64;
            let (p, r) = (if np > 0.0 { tp / np } else { 0.0 }, tp / ng);
            if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            }
        })
        .collect();
    100.0 * f1s.iter().sum::<f64>() / f1s.len() as f64
}
