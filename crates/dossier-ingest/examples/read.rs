//! Reads each path given (or standard input for `-`) and prints one line per
//! document or error: `read [--crate-defaults] PATH...`.

use dossier_ingest::{HtmlExtractor, Reader};
use std::io::{Read, Write};
use std::path::Path;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let html = if args.iter().any(|a| a == "--crate-defaults") {
        HtmlExtractor::crate_defaults()
    } else {
        HtmlExtractor::default()
    };
    let reader = Reader::new(html);
    let mut out = std::io::stdout().lock();
    for arg in args.iter().filter(|a| !a.starts_with("--")) {
        let items: Vec<_> = if arg == "-" {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes)?;
            reader.read_bytes("-", &bytes).collect()
        } else {
            reader.read_path(Path::new(arg)).collect()
        };
        for item in items {
            match item {
                Ok(doc) => {
                    let m = &doc.meta;
                    writeln!(
                        out,
                        "OK  {} | {} words | title={:?} authors={:?} date={:?} url={:?} source={:?} lang={:?}",
                        doc.id,
                        doc.word_count(),
                        m.title,
                        m.authors,
                        m.published,
                        m.url,
                        m.source,
                        m.language
                    )?;
                    for d in &doc.diagnostics {
                        writeln!(out, "    {:?}: {}", d.severity, d.message)?;
                    }
                }
                Err(e) => writeln!(out, "ERR {e}")?,
            }
        }
    }
    Ok(())
}
