//! A cross-validated PLOVER figure for the trigger table.
//!
//!     cargo run --release -p dossier-events --example plover_cv -- GOLD.jsonl 5 [ERRORS.tsv]
//!
//! For each fold the table is cut to what the training folds support and the held-out
//! fold is scored with what remains, in two ways: keeping each synonym class (a line of
//! the table) of which some trigger fires in the training folds, which is what the
//! table claims to be (classes written from the codebook, not from the sentences); and,
//! stricter, keeping only the single triggers that fire there (a trigger is a lemma with
//! its forms: `deny|denied|denial~`). The context rules stay as they are, so both
//! figures are still somewhat optimistic. ERRORS.tsv gets the gold,
//! strict held-out and in-sample types, the text of each sentence and the trigger of
//! its main event in-sample.
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
    let mut texts = Vec::new();
    for line in std::io::BufReader::new(std::fs::File::open(&args[1])?).lines() {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        let mut doc = Document::new("x", v["text"].as_str().unwrap_or(""));
        quantities.run(&mut doc);
        docs.push(doc);
        gold.push(v["plover"]["type"].as_str().unwrap_or("").to_uppercase());
        texts.push(v["text"].as_str().unwrap_or("").replace(['\t', '\n'], " "));
    }
    // Every (type, trigger, class) entry of the table, and the sentences it fires in.
    let entries: Vec<(String, String, usize)> = EventStage::builtin_triggers()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once(':'))
        .enumerate()
        .flat_map(|(class, (kind, triggers))| {
            triggers
                .split_whitespace()
                .map(move |t| (kind.to_string(), t.to_string(), class))
        })
        .collect();
    let fires: Vec<Vec<bool>> = entries
        .iter()
        .map(|(kind, trigger, _)| {
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
    let full = EventStage::rules_only();
    let in_sample: Vec<String> = docs.iter().map(|d| predict(&full, d)).collect();
    let triggers: Vec<String> = docs
        .iter()
        .map(|d| {
            let mut d = d.clone();
            full.run(&mut d);
            d.events
                .first()
                .map_or(String::new(), |e| d.str(e.trigger).to_string())
        })
        .collect();
    println!(
        "full table, in-sample: macro-F1 {:.2}, accuracy {:.2}",
        macro_f1(&gold, &in_sample),
        accuracy(&gold, &in_sample)
    );
    for by_class in [true, false] {
        let mut held_out = vec![String::new(); docs.len()];
        let mut kept = 0;
        for fold in 0..k {
            let supported = |e: usize| (0..docs.len()).any(|i| i % k != fold && fires[e][i]);
            let classes: Vec<usize> = (0..entries.len())
                .filter(|&e| supported(e))
                .map(|e| entries[e].2)
                .collect();
            let mut table: BTreeMap<usize, (&str, Vec<&str>)> = BTreeMap::new();
            for (e, (kind, trigger, class)) in entries.iter().enumerate() {
                let keep = if by_class {
                    classes.contains(class)
                } else {
                    supported(e)
                };
                if keep {
                    table
                        .entry(*class)
                        .or_insert((kind, Vec::new()))
                        .1
                        .push(trigger);
                    kept += 1;
                }
            }
            let table: String = table
                .values()
                .map(|(kind, ts)| format!("{kind}: {}\n", ts.join(" ")))
                .collect();
            let stage = EventStage::with_triggers(&table);
            for i in (0..docs.len()).filter(|i| i % k == fold) {
                held_out[i] = predict(&stage, &docs[i]);
            }
        }
        if let (false, Some(path)) = (by_class, args.get(3)) {
            let rows: String = (0..docs.len())
                .map(|i| {
                    let (g, h, s, t) = (&gold[i], &held_out[i], &in_sample[i], &texts[i]);
                    format!("{g}\t{h}\t{s}\t{t}\t{}\n", triggers[i])
                })
                .collect();
            std::fs::write(path, rows)?;
        }
        println!(
            "{k}-fold, {} supported by the training folds ({} of {} triggers kept on average): macro-F1 {:.2}, accuracy {:.2}",
            if by_class {
                "classes"
            } else {
                "single triggers"
            },
            kept / k,
            entries.len(),
            macro_f1(&gold, &held_out),
            accuracy(&gold, &held_out)
        );
    }
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
