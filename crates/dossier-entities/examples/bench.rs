//! Tagging throughput on the Reuters-21578 corpus's text, single-threaded.
//!
//!     cargo run --release -p dossier-entities --example bench [-- LIMIT_DOCS]
//!
//! Reports tokens per second (best of five passes) for the tagger alone and for the whole stage (tagging and
//! resolution); tokenisation by `Document::new` is timed apart. Times are the thread's
//! CPU time where Linux reports it (so that other processes on a busy machine do not
//! count), wall-clock time elsewhere.

use dossier_core::{Document, Stage};
use std::time::{Duration, Instant};

/// A clock that advances with this thread's CPU time, or with wall time.
struct Clock(Instant);

impl Clock {
    fn now() -> Clock {
        Clock(Instant::now())
    }

    fn cpu() -> Option<Duration> {
        let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
        Some(Duration::from_nanos(
            s.split_whitespace().next()?.parse().ok()?,
        ))
    }

    fn measure<T>(f: impl FnOnce() -> T) -> (T, Duration) {
        let (wall, cpu) = (Clock::now(), Clock::cpu());
        let out = f();
        let spent = match (cpu, Clock::cpu()) {
            (Some(a), Some(b)) => b - a,
            _ => wall.0.elapsed(),
        };
        (out, spent)
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let limit: usize = std::env::args()
        .nth(1)
        .map_or(Ok(usize::MAX), |s| s.parse())?;
    let t = Instant::now();
    let stage = dossier_entities::EntityStage::load();
    eprintln!(
        "model loaded in {:.0?}: {} features, about {:.1} MB in memory",
        t.elapsed(),
        stage.model().features(),
        stage.model().memory() as f64 / 1e6
    );
    let text = std::fs::read_to_string("../shared/data/corpora/reuters-21578.jsonl")?;
    let mut texts = Vec::new();
    for line in text.lines().take(limit) {
        let v: serde_json::Value = serde_json::from_str(line)?;
        if let Some(s) = v["text"].as_str() {
            texts.push(s.to_string());
        }
    }
    let (docs, tokenise) = Clock::measure(|| {
        texts
            .into_iter()
            .map(|t| Document::new("", t))
            .collect::<Vec<_>>()
    });
    let tokens: usize = docs.iter().map(|d| d.tokens.len()).sum();
    // Each pass is run five times and the fastest kept: on a shared machine the slower
    // runs measure the neighbours, not the code.
    let best = |pass: &dyn Fn() -> Duration| (0..5).map(|_| pass()).min().unwrap();
    let tag = best(&|| {
        let mut copies = docs.clone();
        Clock::measure(|| copies.iter_mut().for_each(|d| stage.recognise(d))).1
    });
    let mut recognised = docs.clone();
    recognised.iter_mut().for_each(|d| stage.recognise(d));
    let resolve = best(&|| {
        let mut copies = recognised.clone();
        Clock::measure(|| {
            copies
                .iter_mut()
                .for_each(dossier_entities::resolve::resolve)
        })
        .1
    });
    let whole = best(&|| {
        let mut copies = docs.clone();
        Clock::measure(|| copies.iter_mut().for_each(|d| stage.run(d))).1
    });
    let mentions: usize = recognised.iter().map(|d| d.mentions.len()).sum();
    let rate = |d: Duration| tokens as f64 / d.as_secs_f64();
    println!(
        "{} documents, {tokens} tokens, {mentions} mentions",
        docs.len()
    );
    println!("tokenising: {:.0} tokens/s", rate(tokenise));
    println!("tagging:    {:.0} tokens/s", rate(tag));
    println!("resolving:  {:.0} tokens/s", rate(resolve));
    println!(
        "stage:      {:.0} tokens/s (tagging and resolution)",
        rate(whole)
    );
    Ok(())
}
