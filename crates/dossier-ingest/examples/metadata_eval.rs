//! Page metadata against newspaper4k's expectations:
//! `metadata_eval DIR` where DIR holds `html/NAME.html` and `metadata/NAME.json`
//! (title, authors, publish_date). Prints each miss, then the match counts.

use dossier_ingest::Reader;
use serde_json::Value;
use std::path::Path;

fn main() -> std::io::Result<()> {
    let dir = std::env::args().nth(1).expect("usage: metadata_eval DIR");
    let dir = Path::new(&dir);
    let (mut pages, mut title, mut authors, mut date) = (0, 0, 0, 0);
    let mut names: Vec<_> = std::fs::read_dir(dir.join("metadata"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    names.sort();
    for expected_path in names {
        let stem = expected_path
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .to_string();
        let expected: Value = serde_json::from_str(&std::fs::read_to_string(&expected_path)?)?;
        let page = dir.join("html").join(format!("{stem}.html"));
        let Some(result) = Reader::default().read_path(&page).next() else {
            continue;
        };
        pages += 1;
        let meta = match result {
            Ok(doc) => doc.meta,
            Err(e) => {
                println!("{stem}: {e}");
                Default::default()
            }
        };
        let want_title = expected["title"].as_str().unwrap_or("");
        let got_title = meta.title.clone().unwrap_or_default();
        if normalise(want_title) == normalise(&got_title) {
            title += 1;
        } else {
            println!("{stem}: title {got_title:?}, expected {want_title:?}");
        }
        let want_authors: Vec<String> = expected["authors"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(normalise)
            .collect();
        let got_authors: Vec<String> = meta.authors.iter().map(|a| normalise(a)).collect();
        if sorted(want_authors.clone()) == sorted(got_authors.clone()) {
            authors += 1;
        } else {
            println!("{stem}: authors {got_authors:?}, expected {want_authors:?}");
        }
        let want_date = expected["publish_date"]
            .as_str()
            .and_then(|d| d.get(..10))
            .map(str::to_string);
        let got_date = meta.published.map(|d| d.to_string());
        if want_date == got_date {
            date += 1;
        } else {
            println!("{stem}: date {got_date:?}, expected {want_date:?}");
        }
    }
    println!("{pages} pages: title {title}, authors {authors}, date {date}");
    Ok(())
}

fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}
