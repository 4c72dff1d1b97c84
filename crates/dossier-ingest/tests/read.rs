//! Every input format, good and malformed: a bad item is one clear error, named so
//! it can be found, and the good items around it are still read.

use chrono::NaiveDate;
use dossier_core::Document;
use dossier_ingest::{ErrorKind, ReadError, read_bytes, read_path, walk};
use flate2::{Compression, write::GzEncoder};
use std::io::Write;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn article() -> Vec<u8> {
    std::fs::read(fixture("article.html")).unwrap()
}

fn single(
    items: impl IntoIterator<Item = Result<Document, ReadError>>,
) -> Result<Document, ReadError> {
    let items: Vec<_> = items.into_iter().collect();
    assert_eq!(items.len(), 1, "{items:?}");
    items.into_iter().next().unwrap()
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn has_note(doc: &Document, words: &str) -> bool {
    doc.diagnostics.iter().any(|d| d.message.contains(words))
}

#[test]
fn a_page_yields_its_main_text_in_paragraphs_and_its_metadata() {
    let doc = single(read_path(&fixture("article.html"))).unwrap();
    assert!(
        doc.text.starts_with("The old harbour bridge reopened"),
        "{}",
        doc.text
    );
    assert!(
        doc.text
            .contains("cables and most of the deck,\" chief engineer")
    );
    assert_eq!(
        doc.text.matches("\n\n").count(),
        2,
        "three paragraphs: {}",
        doc.text
    );
    assert!(!doc.text.contains("Privacy") && !doc.text.contains("Sport"));
    let meta = &doc.meta;
    assert_eq!(
        meta.title.as_deref(),
        Some("Harbour bridge reopens after repairs")
    );
    assert_eq!(meta.authors, ["Maria Lindqvist"]);
    assert_eq!(meta.published, date(2024, 3, 5));
    assert_eq!(
        meta.url.as_deref(),
        Some("https://gazette.example.org/2024/03/05/harbour-bridge")
    );
    assert_eq!(meta.source.as_deref(), Some("The Example Gazette"));
    assert!(meta.origin.as_deref().unwrap().ends_with("article.html"));
    assert!(
        doc.anchor.is_some(),
        "the page's date anchors relative times"
    );
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
}

#[test]
fn a_truncated_page_is_read_with_a_warning() {
    let page = article();
    let cut = String::from_utf8_lossy(&page)
        .find("Ferry operators")
        .unwrap()
        + 20;
    let doc = single(read_bytes("cut.html", &page[..cut])).unwrap();
    assert!(doc.text.contains("212 steel cables"));
    assert!(has_note(&doc, "cut short"), "{:?}", doc.diagnostics);
}

#[test]
fn a_page_without_text_is_an_error_naming_it() {
    let page =
        b"<html><head><title>Nothing</title></head><body><script>let x;</script></body></html>";
    let err = single(read_bytes("empty.html", page)).unwrap_err();
    assert_eq!(err.name, "empty.html");
    assert!(matches!(err.kind, ErrorKind::NoMainText(_)), "{err}");
}

#[test]
fn an_unknown_declared_charset_falls_back_to_detection() {
    let page = String::from_utf8(article())
        .unwrap()
        .replace("charset=\"utf-8\"", "charset=x-unknown-42");
    let bytes: Vec<u8> = page
        .replace("chief engineer", "ingénieur en chef")
        .chars()
        .map(|c| c as u32 as u8)
        .collect();
    let doc = single(read_bytes("latin1.html", &bytes)).unwrap();
    assert!(doc.text.contains("ingénieur en chef"), "{}", doc.text);
    assert!(has_note(&doc, "x-unknown-42"), "{:?}", doc.diagnostics);
}

#[test]
fn binary_junk_is_refused_by_name() {
    let junk: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
    for name in ["junk.txt", "junk.jsonl", "junk.html", "junk"] {
        let err = single(read_bytes(name, &junk)).unwrap_err();
        assert_eq!(err.name, name);
        assert!(matches!(err.kind, ErrorKind::Binary), "{name}: {err}");
    }
}

#[test]
fn text_with_bad_bytes_is_read_with_a_diagnostic() {
    let mut bytes = "Die Gespräche in Zürich wurden am Montag fortgesetzt."
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(b" \xff\xfe Ende.");
    let doc = single(read_bytes("note.txt", &bytes)).unwrap();
    assert!(doc.text.starts_with("Die Gespräche in Zürich"));
    assert!(has_note(&doc, "invalid UTF-8"), "{:?}", doc.diagnostics);

    let doc = single(read_bytes(
        "latin1.txt",
        b"Le gar\xe7on a mang\xe9 une cr\xeape \xe0 la gare de Gen\xe8ve.",
    ))
    .unwrap();
    assert!(
        doc.text.contains("garçon") && doc.text.contains("Genève"),
        "{}",
        doc.text
    );
    assert!(has_note(&doc, "guessed"));
}

#[test]
fn feed_items_are_documents() {
    let items: Vec<_> = read_path(&fixture("feed.rss")).collect();
    assert_eq!(items.len(), 2);
    let first = items[0].as_ref().unwrap();
    assert!(first.id.ends_with("feed.rss#item-1"));
    assert_eq!(
        first.text,
        "The city council approved the budget on Monday.\n\nThe vote was 21 to 9."
    );
    assert_eq!(
        first.meta.title.as_deref(),
        Some("Council approves new budget")
    );
    assert_eq!(
        first.meta.url.as_deref(),
        Some("https://wire.example.org/council-budget")
    );
    assert_eq!(first.meta.source.as_deref(), Some("Example Wire"));
    assert_eq!(first.meta.published, date(2024, 3, 5));
    // An item with only a headline is read as its headline, and says so.
    let second = items[1].as_ref().unwrap();
    assert_eq!(second.text, "Storm closes mountain pass");
    assert!(has_note(second, "no content or summary"));
}

#[test]
fn a_feed_with_bad_xml_is_one_error() {
    let err = single(read_path(&fixture("bad.rss"))).unwrap_err();
    assert!(err.name.ends_with("bad.rss"));
    assert!(matches!(err.kind, ErrorKind::Feed(_)));
    assert!(err.to_string().contains("bad feed"), "{err}");
}

#[test]
fn a_jsonl_line_that_is_not_json_does_not_stop_the_others() {
    let items: Vec<_> = read_path(&fixture("lines.jsonl")).collect();
    assert_eq!(items.len(), 4, "the blank line is no item");
    let a1 = items[0].as_ref().unwrap();
    assert_eq!(
        (a1.id.as_str(), a1.meta.published),
        ("a1", date(2024, 3, 1))
    );
    assert_eq!(a1.meta.source.as_deref(), Some("Example Wire"));
    let bad = items[1].as_ref().unwrap_err();
    assert!(bad.name.ends_with("lines.jsonl:2"), "{bad}");
    assert!(bad.to_string().contains("not JSON"));
    let numbered = items[2].as_ref().unwrap();
    assert_eq!(
        (numbered.id.as_str(), numbered.meta.title.as_deref()),
        ("3", Some("Village reached"))
    );
    assert!(
        items[3]
            .as_ref()
            .unwrap_err()
            .name
            .ends_with("lines.jsonl:5")
    );
}

#[test]
fn a_jsonl_html_line_goes_through_extraction() {
    let html = String::from_utf8(article()).unwrap();
    let line = serde_json::json!({"id": "p", "html": html, "title": "Given title"}).to_string();
    let doc = single(read_bytes("pages.jsonl", line.as_bytes())).unwrap();
    assert!(doc.text.starts_with("The old harbour bridge"));
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("Given title"),
        "the line's metadata wins"
    );
    assert_eq!(
        doc.meta.authors,
        ["Maria Lindqvist"],
        "the page fills in the rest"
    );
}

/// One WARC record, gzipped as its own member like a crawler writes it.
fn warc_record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut record = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-07T12:00:00Z\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    record.extend_from_slice(block);
    record.extend_from_slice(b"\r\n\r\n");
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(&record).unwrap();
    gz.finish().unwrap()
}

fn crawl() -> Vec<u8> {
    let mut http =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=iso-8859-1\r\n\r\n".to_vec();
    let page = String::from_utf8(article())
        .unwrap()
        .replace("chief engineer", "ingénieur");
    http.extend(page.chars().map(|c| c as u32 as u8));
    let mut warc = warc_record(
        "warcinfo",
        "",
        "application/warc-fields",
        b"software: hand-written\r\n",
    );
    warc.extend(warc_record(
        "request",
        "https://a.example/x",
        "application/http; msgtype=request",
        b"GET /x HTTP/1.1\r\n\r\n",
    ));
    warc.extend(warc_record(
        "response",
        "https://a.example/x",
        "application/http; msgtype=response",
        &http,
    ));
    warc.extend(warc_record(
        "conversion",
        "https://b.example/y",
        "text/plain",
        "Plain words from a crawl, with a quote: \u{201c}yes\u{201d}.".as_bytes(),
    ));
    warc
}

fn check_crawl(items: &[Result<Document, ReadError>]) {
    let page = items[0].as_ref().unwrap();
    assert!(page.id.ends_with("@warc-record-3"), "{}", page.id);
    assert!(
        page.text.contains("ingénieur"),
        "the HTTP header's charset is used"
    );
    assert_eq!(
        page.meta.url.as_deref(),
        Some("https://gazette.example.org/2024/03/05/harbour-bridge")
    );
    assert_eq!(
        page.meta.published,
        date(2024, 3, 5),
        "the page's date beats the crawl's"
    );
    let text = items[1].as_ref().unwrap();
    assert!(text.id.ends_with("@warc-record-4"));
    assert_eq!(
        text.text,
        "Plain words from a crawl, with a quote: \u{201c}yes\u{201d}."
    );
    assert_eq!(text.meta.url.as_deref(), Some("https://b.example/y"));
    assert_eq!(text.meta.published, date(2024, 3, 7));
}

#[test]
fn warc_pages_and_wet_text_are_read_and_other_records_skipped() {
    let items: Vec<_> = read_bytes("crawl.warc.gz", &crawl()).collect();
    assert_eq!(items.len(), 2, "{items:?}");
    check_crawl(&items);
}

#[test]
fn a_truncated_warc_keeps_the_records_before_the_cut() {
    let mut warc = crawl();
    let last = warc_record(
        "conversion",
        "https://c.example/z",
        "text/plain",
        "never finished text".repeat(50).as_bytes(),
    );
    warc.extend_from_slice(&last);
    // Uncompressed, so the cut falls inside the last record's block.
    let mut plain = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::MultiGzDecoder::new(&warc[..]),
        &mut plain,
    )
    .unwrap();
    plain.truncate(plain.len() - 100);

    let dir = std::env::temp_dir().join(format!("dossier-ingest-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("cut.warc");
    std::fs::write(&path, &plain).unwrap();
    let items: Vec<_> = read_path(&path).collect();
    std::fs::remove_dir_all(&dir).unwrap();

    assert_eq!(items.len(), 3, "{items:?}");
    check_crawl(&items[..2]);
    let err = items[2].as_ref().unwrap_err();
    assert!(err.name.ends_with("cut.warc@warc-record-5"), "{err}");
    assert!(err.to_string().contains("truncated"), "{err}");
}

#[test]
fn a_wrong_content_length_costs_one_record_not_the_rest() {
    let good = "WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: 11\r\n\r\nSecond one.\r\n\r\n";
    let short =
        "WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: 9\r\n\r\nFirst one and more.\r\n\r\n";
    let broken = "WARC/1.0\r\nthis is no header\r\n\r\nbody\r\n\r\n";
    let items: Vec<_> = read_bytes("x.wet", format!("{short}{broken}{good}").as_bytes()).collect();
    let names: Vec<_> = items
        .iter()
        .map(|i| {
            i.as_ref()
                .map_or_else(|e| e.to_string(), |d| d.text.clone())
        })
        .collect();
    assert_eq!(names.len(), 4, "{names:?}");
    assert_eq!(names[0], "First one");
    assert!(
        names[1].starts_with("x.wet@warc-record-1: bad WARC record:") && names[1].contains("stray"),
        "{names:?}"
    );
    assert!(
        names[2].starts_with("x.wet@warc-record-2") && names[2].contains("not a header"),
        "{names:?}"
    );
    assert_eq!(names[3], "Second one.");
}

#[test]
fn gzip_is_recognised_by_its_bytes() {
    let dir = std::env::temp_dir().join(format!("dossier-ingest-gz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("crawl"), crawl()).unwrap();
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(&std::fs::read(fixture("lines.jsonl")).unwrap())
        .unwrap();
    std::fs::write(dir.join("lines.jsonl.gz"), gz.finish().unwrap()).unwrap();
    let crawl: Vec<_> = read_path(&dir.join("crawl")).collect();
    let lines: Vec<_> = read_path(&dir.join("lines.jsonl.gz")).collect();
    std::fs::remove_dir_all(&dir).unwrap();
    check_crawl(&crawl);
    assert_eq!(lines.len(), 4);
    assert!(
        lines[1]
            .as_ref()
            .unwrap_err()
            .name
            .ends_with("lines.jsonl.gz:2")
    );
}

#[test]
fn standard_input_is_sniffed() {
    assert!(
        single(read_bytes("-", &article()))
            .unwrap()
            .text
            .contains("harbour bridge")
    );
    assert_eq!(
        read_bytes("-", &std::fs::read(fixture("feed.rss")).unwrap()).count(),
        2
    );
    assert_eq!(read_bytes("-", &crawl()).count(), 2);
    assert_eq!(
        single(read_bytes("-", b"Just a line of text."))
            .unwrap()
            .text,
        "Just a line of text."
    );
    let html_line =
        serde_json::json!({"id": "p", "html": "<html><body><p>Hello</p></body></html>"});
    let lines = format!("{html_line}\n{{\"id\": \"t\", \"text\": \"Hi.\"}}\n");
    assert_eq!(
        read_bytes("-", lines.as_bytes()).count(),
        2,
        "JSON lines carrying pages are JSONL"
    );
}

#[test]
fn walking_a_directory_lists_readable_files_in_order() {
    let files = walk(&fixture(""));
    let names: Vec<_> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        ["article.html", "bad.rss", "feed.rss", "lines.jsonl"]
    );
    // Reading the directory reads them all, errors included.
    assert_eq!(read_path(&fixture("")).count(), 1 + 1 + 2 + 4);
    let missing = single(read_path(&fixture("no-such-dir/"))).unwrap_err();
    assert!(matches!(missing.kind, ErrorKind::Io(_)), "{missing}");
}

/// The real captures in the shared data set, when it is there.
#[test]
fn shared_fixtures_read_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/fixtures");
    if !dir.exists() {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    }
    // Records are read as they are asked for: three pages, not the whole crawl.
    let warc: Vec<_> = read_path(&dir.join("warc/news_pages_small.warc.gz"))
        .take(3)
        .collect();
    let ids: Vec<_> = warc
        .iter()
        .map(|d| d.as_ref().unwrap().id.rsplit('@').next().unwrap())
        .collect();
    assert_eq!(ids, ["warc-record-2", "warc-record-3", "warc-record-4"]);
    let wet: Vec<_> = read_path(&dir.join("warc/news_pages_small.warc.wet.gz")).collect();
    assert_eq!(wet.iter().filter(|d| d.is_ok()).count(), 12);
    let guardian: Vec<_> = read_path(&dir.join("feeds/guardian.rss")).collect();
    assert!(guardian.len() > 50 && guardian.iter().all(Result::is_ok));
    let broken = single(read_path(
        &dir.join("feeds/feed-rs-fixtures/rss2/rss_2.0_invalid_1.xml"),
    ));
    assert!(matches!(broken.unwrap_err().kind, ErrorKind::Feed(_)));
}
