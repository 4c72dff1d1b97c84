//! Main-text extraction over the scorer's `html` input lines:
//! `html_eval [--crate-defaults] [--cross-check|--no-cross-check] < in.jsonl > pred.jsonl`;
//! speed (single thread) goes to standard error.

use dossier_core::contract::InputLine;
use dossier_ingest::HtmlExtractor;
use std::io::{BufRead, Write};
use std::time::{Duration, Instant};

fn main() -> std::io::Result<()> {
    let flag = |name: &str| std::env::args().any(|a| a == name);
    let mut extractor = if flag("--crate-defaults") {
        HtmlExtractor::crate_defaults()
    } else {
        HtmlExtractor::default()
    };
    if flag("--cross-check") || flag("--no-cross-check") {
        extractor.cross_check = flag("--cross-check");
    }
    let mut out = std::io::stdout().lock();
    let (mut pages, mut spent) = (0, Duration::ZERO);
    for (n, line) in std::io::stdin().lock().lines().enumerate() {
        let line = line?;
        let input = match InputLine::parse(&line) {
            Ok(input) => input,
            Err(e) => {
                eprintln!("line {}: {e}", n + 1);
                continue;
            }
        };
        let Some(html) = &input.html else { continue };
        let start = Instant::now();
        let text = match extractor.extract(html) {
            Ok(page) => page.text,
            Err(e) => {
                eprintln!("line {}: {e}", n + 1);
                String::new()
            }
        };
        spent += start.elapsed();
        pages += 1;
        serde_json::to_writer(
            &mut out,
            &serde_json::json!({"id": input.id_string(), "text": text}),
        )?;
        out.write_all(b"\n")?;
    }
    eprintln!(
        "{pages} pages in {:.2} s: {:.1} pages/s",
        spent.as_secs_f64(),
        pages as f64 / spent.as_secs_f64()
    );
    Ok(())
}
