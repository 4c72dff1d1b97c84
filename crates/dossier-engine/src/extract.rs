//! Batch extraction in the scorer's JSONL contract, on every core.
//!
//! Lines are read in blocks, analysed in parallel, and written in input order, so the
//! output lines up with the input whatever the thread count. A line that cannot be read
//! is reported with its number and skipped; the batch goes on.

use crate::Engine;
use dossier_core::contract::{InputLine, to_output};
use dossier_core::{Document, Severity};
use rayon::prelude::*;
use std::io::{self, BufRead, Write};

const BLOCK: usize = 256;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ExtractStats {
    pub documents: usize,
    pub skipped: usize,
}

/// Turns one input line into a document: text as given, or the main text of its HTML.
pub fn document_of(input: &InputLine) -> Document {
    let id = input.id_string();
    let mut meta = input.metadata();
    match (&input.text, &input.html) {
        (Some(text), _) => Document::new(id, text.clone()).with_meta(meta),
        (None, Some(html)) => {
            let page = dossier_ingest::html::extract(html, input.url.as_deref());
            meta.merge_missing(page.meta);
            let mut doc = Document::new(id, page.text).with_meta(meta);
            for warning in page.warnings {
                doc.diagnose(Severity::Warning, "html", warning);
            }
            doc
        }
        (None, None) => Document::new(id, String::new()),
    }
}

/// Reads scorer input lines from `input` (named `name` in messages), writes one output
/// line per readable input line to `out`, and one message per unreadable line to `errors`.
pub fn extract(
    engine: &Engine,
    input: impl BufRead,
    name: &str,
    out: &mut impl Write,
    errors: &mut impl Write,
) -> io::Result<ExtractStats> {
    let mut stats = ExtractStats::default();
    let mut lines = input.lines().enumerate();
    loop {
        let mut block: Vec<(usize, String)> = Vec::with_capacity(BLOCK);
        for (n, line) in lines.by_ref() {
            match line {
                Ok(line) if line.trim().is_empty() => continue,
                Ok(line) => block.push((n + 1, line)),
                Err(e) => {
                    writeln!(errors, "{name}:{}: unreadable line: {e}", n + 1)?;
                    stats.skipped += 1;
                    continue;
                }
            }
            if block.len() == BLOCK {
                break;
            }
        }
        if block.is_empty() {
            return Ok(stats);
        }
        let results: Vec<Result<String, String>> = block
            .par_iter()
            .map(|(n, line)| {
                let input = InputLine::parse(line).map_err(|e| format!("{name}:{n}: {e}"))?;
                let mut doc = document_of(&input);
                engine.analyze(&mut doc);
                Ok(to_output(&doc, input.text.is_none()).to_string())
            })
            .collect();
        for result in results {
            match result {
                Ok(line) => {
                    out.write_all(line.as_bytes())?;
                    out.write_all(b"\n")?;
                    stats.documents += 1;
                }
                Err(message) => {
                    writeln!(errors, "{message}")?;
                    stats.skipped += 1;
                }
            }
        }
    }
}
