//! Tokens per second of the stage alone (tokenising excluded) over a JSONL corpus:
//! `throughput ../shared/data/corpora/reuters-21578.jsonl 2000`.
use dossier_core::contract::InputLine;
use dossier_core::{Document, Stage};
use std::io::BufRead;
use std::time::{Duration, Instant};

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: throughput FILE.jsonl [DOCS]");
    let limit: usize = args
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX);
    let stage = dossier_timex::TimexStage::load();
    let (mut docs, mut tokens, mut times, mut spent) = (0usize, 0usize, 0usize, Duration::ZERO);
    for line in std::io::BufReader::new(std::fs::File::open(path)?)
        .lines()
        .take(limit)
    {
        let Ok(input) = InputLine::parse(&line?) else {
            continue;
        };
        let Some(text) = input.text.clone() else {
            continue;
        };
        let mut doc = Document::new(input.id_string(), text).with_meta(input.metadata());
        let t = Instant::now();
        stage.run(&mut doc);
        spent += t.elapsed();
        docs += 1;
        tokens += doc.tokens.len();
        times += doc.times.len();
    }
    let secs = spent.as_secs_f64();
    println!(
        "{docs} docs, {tokens} tokens, {times} times in {secs:.3} s: {:.0} tokens/s, {:.0} docs/s",
        tokens as f64 / secs,
        docs as f64 / secs
    );
    Ok(())
}
