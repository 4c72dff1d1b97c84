//! Throughput on a corpus: the whole pipeline and each stage, in words per second.
//!
//! Figures, never assertions: the peer comparison (spaCy, trafilatura) is made by
//! `bench/run.sh`, which runs this command and the peers on the same data.

use anyhow::{Context, Result};
use dossier_core::Document;
use dossier_core::contract::InputLine;
use dossier_engine::{Engine, extract::document_of};
use rayon::prelude::*;
use serde_json::json;
use std::io::BufRead;
use std::path::Path;
use std::time::{Duration, Instant};

fn read_lines(path: &Path, limit: usize) -> Result<Vec<InputLine>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut out = Vec::new();
    for line in std::io::BufReader::new(file).lines() {
        if out.len() >= limit {
            break;
        }
        if let Ok(input) = InputLine::parse(&line?) {
            out.push(input);
        }
    }
    Ok(out)
}

pub fn pipeline(corpus: &Path, limit: usize, json: bool) -> Result<bool> {
    let inputs = read_lines(corpus, limit)?;
    let engine = Engine::load()?;
    let names = engine.stage_names();

    // One core, stage by stage.
    let mut spent = vec![Duration::ZERO; names.len()];
    let mut tokenize = Duration::ZERO;
    let (mut words, mut tokens) = (0usize, 0usize);
    let started = Instant::now();
    for input in &inputs {
        let t = Instant::now();
        let mut doc: Document = document_of(input);
        tokenize += t.elapsed();
        words += doc.word_count();
        tokens += doc.tokens.len();
        engine.analyze_timed(&mut doc, &mut spent);
    }
    let one_core = started.elapsed();

    // Entity recognition alone, as the peer tagger is measured (bench/peers.py): from the
    // text to resolved names, tokenisation included, with no other model competing for the
    // cache. Thread CPU time, best of three passes, as for the peer.
    let entities = engine
        .stages()
        .find(|s| s.name() == "entities")
        .expect("the entity stage");
    let ner_pass = || {
        let (mut cpu, mut wall, mut tokens) = (Duration::ZERO, Duration::ZERO, 0);
        for input in &inputs {
            let (t, c) = (Instant::now(), thread_cpu());
            let mut doc = Document::new("", input.text.clone().unwrap_or_default());
            entities.run(&mut doc);
            wall += t.elapsed();
            cpu += thread_cpu().zip(c).map_or(t.elapsed(), |(b, a)| b - a);
            tokens += doc.tokens.len();
        }
        (cpu, wall, tokens)
    };
    let (ner_cpu, ner_wall, ner_tokens) = (0..3).map(|_| ner_pass()).min().expect("three passes");

    // Every core, whole documents.
    let started = Instant::now();
    inputs.par_iter().for_each(|input| {
        let mut doc = document_of(input);
        engine.analyze(&mut doc);
    });
    let all_cores = started.elapsed();

    let rate = |n: usize, d: Duration| n as f64 / d.as_secs_f64().max(1e-9);
    let mut stages = vec![
        json!({"name": "tokenize", "seconds": tokenize.as_secs_f64(), "words_per_sec": rate(words, tokenize)}),
    ];
    for (name, d) in names.iter().zip(&spent) {
        stages.push(
            json!({"name": name, "seconds": d.as_secs_f64(), "words_per_sec": rate(words, *d)}),
        );
    }
    let entity_time = names
        .iter()
        .position(|n| *n == "entities")
        .map(|i| spent[i])
        .unwrap_or_default();
    let report = json!({
        "corpus": corpus.display().to_string(),
        "pipeline": {"docs": inputs.len(), "words": words, "tokens": tokens, "seconds": one_core.as_secs_f64(),
                     "words_per_sec": rate(words, one_core)},
        "parallel": {"threads": rayon::current_num_threads(), "seconds": all_cores.as_secs_f64(),
                     "words_per_sec": rate(words, all_cores)},
        "stages": stages,
        "ner_tokens": ner_tokens,
        "ner_tokens_per_sec": rate(ner_tokens, ner_wall),
        "ner_tokens_per_cpu_sec": rate(ner_tokens, ner_cpu),
        "ner_in_pipeline_tokens_per_sec": rate(tokens, entity_time),
    });
    if json {
        println!("{report}");
    } else {
        println!("{} documents, {words} words, {tokens} tokens", inputs.len());
        println!(
            "pipeline, one core:   {:>12.0} words/s",
            rate(words, one_core)
        );
        println!(
            "pipeline, {} threads: {:>12.0} words/s",
            rayon::current_num_threads(),
            rate(words, all_cores)
        );
        for s in report["stages"].as_array().into_iter().flatten() {
            println!(
                "  {:<12} {:>12.0} words/s",
                s["name"].as_str().unwrap_or(""),
                s["words_per_sec"].as_f64().unwrap_or(0.0)
            );
        }
        println!(
            "entity recognition:   {:>12.0} tokens per CPU second (text to entities, best of 3)",
            rate(ner_tokens, ner_cpu)
        );
        println!(
            "  inside the pipeline:{:>12.0} tokens/s",
            rate(tokens, entity_time)
        );
    }
    Ok(true)
}

/// CPU time this thread has run, where Linux reports it: unlike wall time, it does not
/// count what other processes on a busy machine take.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(Duration::from_nanos(
        stat.split_whitespace().next()?.parse().ok()?,
    ))
}

pub fn html(input: &Path, json: bool) -> Result<bool> {
    let pages: Vec<(String, Option<String>)> = read_lines(input, usize::MAX)?
        .into_iter()
        .filter_map(|l| l.html.map(|h| (h, l.url)))
        .collect();
    let bytes: usize = pages.iter().map(|(h, _)| h.len()).sum();
    let started = Instant::now();
    let mut chars = 0usize;
    for (html, url) in &pages {
        chars += dossier_ingest::html::extract(html, url.as_deref())
            .text
            .len();
    }
    let elapsed = started.elapsed().as_secs_f64().max(1e-9);
    let report = json!({"pages": pages.len(), "bytes": bytes, "text_bytes": chars, "seconds": elapsed,
                        "pages_per_sec": pages.len() as f64 / elapsed, "mb_per_sec": bytes as f64 / 1e6 / elapsed});
    if json {
        println!("{report}");
    } else {
        println!(
            "{} pages in {elapsed:.2} s: {:.1} pages/s, {:.1} MB/s (one core)",
            pages.len(),
            pages.len() as f64 / elapsed,
            bytes as f64 / 1e6 / elapsed
        );
    }
    Ok(true)
}
