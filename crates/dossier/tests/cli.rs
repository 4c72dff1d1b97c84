//! The command line as a script sees it: exit codes, messages, and a database that
//! keeps what it stored whatever bad input comes after.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn dossier(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("dossier runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh directory with one good report in it.
fn workdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dossier-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("good.txt"),
        "KYIV, Jan 11, 2025 - Ukrainian forces captured two soldiers in the Kursk region, \
         President Volodymyr Zelensky said on Saturday.\n",
    )
    .unwrap();
    dir
}

fn documents_stored(dir: &Path) -> usize {
    let o = dossier(&["show", "counts", "--json"], dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let counts: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    counts["documents"].as_u64().unwrap() as usize
}

/// Ingests the good report, then `bad` (written to `file`): the bad input is named in a
/// clear message, the exit code says some input was unreadable, and the database still
/// holds the good report.
fn bad_input_keeps_the_database(name: &str, file: &str, bad: &[u8], expect_in_message: &str) {
    let dir = workdir(name);
    let first = dossier(&["ingest", "good.txt", "--quiet"], &dir);
    assert!(first.status.success(), "{}", stderr(&first));
    assert_eq!(documents_stored(&dir), 1);

    std::fs::write(dir.join(file), bad).unwrap();
    let second = dossier(&["ingest", file, "good.txt", "--quiet"], &dir);
    let message = stderr(&second);
    assert_eq!(second.status.code(), Some(3), "{message}");
    assert!(
        message.contains(file),
        "the message names the input: {message}"
    );
    assert!(
        message.to_lowercase().contains(expect_in_message),
        "the message says why ({expect_in_message}): {message}"
    );
    assert_eq!(
        documents_stored(&dir),
        1,
        "nothing lost, nothing duplicated"
    );
    let failures = dossier(&["show", "failures", "--json"], &dir);
    assert!(
        stdout(&failures).contains(file),
        "the failure is recorded in the database"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn binary_junk_is_refused_with_a_reason() {
    let junk: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    bad_input_keeps_the_database("junk", "junk.bin", &junk, "binary");
}

#[test]
fn a_feed_with_bad_xml_is_refused_with_a_reason() {
    let feed = b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item><title>A</title>\
                 <description>broken <b>markup</description></item></chan";
    bad_input_keeps_the_database("feed", "broken.rss", feed, "feed");
}

#[test]
fn a_jsonl_line_that_is_not_json_is_skipped_and_the_rest_is_read() {
    let dir = workdir("jsonl");
    let lines = "{\"id\": \"a\", \"text\": \"Pyongyang hosted talks on Monday.\"}\n{oops\n\
                 {\"id\": \"b\", \"text\": \"Kyiv said it shot down drones.\"}\n";
    std::fs::write(dir.join("batch.jsonl"), lines).unwrap();
    let o = dossier(&["ingest", "batch.jsonl", "--quiet"], &dir);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("batch.jsonl:2"),
        "names the line: {}",
        stderr(&o)
    );
    assert_eq!(documents_stored(&dir), 2);

    // The scorer's contract says the same: a line per good document, the bad one reported.
    let o = dossier(&["extract", "batch.jsonl"], &dir);
    assert_eq!(o.status.code(), Some(3));
    assert_eq!(stdout(&o).lines().count(), 2);
    assert!(stderr(&o).contains(":2: not JSON"), "{}", stderr(&o));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn truncated_html_is_stored_with_a_warning_and_keeps_the_database() {
    let dir = workdir("html");
    assert!(
        dossier(&["ingest", "good.txt", "--quiet"], &dir)
            .status
            .success()
    );
    let page = "<html><head><title>Strike on port</title></head><body><article><p>Russian drones struck \
                the port of Odesa overnight, the governor said. Firefighters worked through the night to \
                contain the blaze at the grain terminal, and rescuers searched the rubble for survivors";
    std::fs::write(dir.join("cut.html"), page).unwrap();
    let o = dossier(&["ingest", "cut.html", "--quiet"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        documents_stored(&dir),
        2,
        "the good report stays, the cut page is added"
    );
    let shown = dossier(&["show", "document", "2", "--json"], &dir);
    let brief: serde_json::Value = serde_json::from_str(stdout(&shown).trim()).unwrap();
    assert_eq!(brief["meta"]["title"], "Strike on port");
    assert!(
        brief["diagnostics"].to_string().contains("cut short"),
        "{}",
        brief["diagnostics"]
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_unknown_encoding_is_decoded_by_detection_and_noted() {
    let dir = workdir("encoding");
    let mut page =
        b"<html><head><meta charset=\"x-unknown-42\"><title>Caf\xe9 talks</title></head><body><p>"
            .to_vec();
    page.extend_from_slice(
        b"Ministers met at a caf\xe9 in Kyiv on Monday and agreed on a plan, officials said. "
            .repeat(4)
            .as_slice(),
    );
    page.extend_from_slice(b"</p></body></html>");
    std::fs::write(dir.join("latin.html"), &page).unwrap();
    let o = dossier(&["ingest", "latin.html", "--quiet"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(documents_stored(&dir), 1);
    let shown = dossier(&["show", "document", "1", "--json"], &dir);
    let brief: serde_json::Value = serde_json::from_str(stdout(&shown).trim()).unwrap();
    assert!(
        brief["meta"]["title"].as_str().unwrap().contains("Café"),
        "{}",
        brief["meta"]["title"]
    );
    assert!(
        brief["diagnostics"].to_string().contains("x-unknown-42"),
        "{}",
        brief["diagnostics"]
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn reingesting_is_a_no_op_and_queries_find_what_was_stored() {
    let dir = workdir("reingest");
    assert!(dossier(&["ingest", ".", "--quiet"], &dir).status.success());
    let again = dossier(&["ingest", ".", "--quiet"], &dir);
    assert!(again.status.success());
    assert!(
        stderr(&again).contains("0 stored, 1 already there"),
        "{}",
        stderr(&again)
    );
    assert_eq!(documents_stored(&dir), 1);

    let entity = dossier(&["query", "entity", "Zelensky"], &dir);
    assert!(entity.status.success(), "{}", stderr(&entity));
    assert!(
        stdout(&entity).contains("Volodymyr Zelensky"),
        "{}",
        stdout(&entity)
    );
    let claims = dossier(
        &["query", "claims", "--speaker", "Zelensky", "--json"],
        &dir,
    );
    assert!(
        stdout(&claims).contains("captured two soldiers"),
        "{}",
        stdout(&claims)
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn events_near_a_country_and_the_map_export_hold_events_and_places() {
    let dir = workdir("map");
    assert!(
        dossier(&["ingest", "good.txt", "--quiet"], &dir)
            .status
            .success()
    );
    // Russia's centre is far from Kursk, but the country holds the region.
    let near = |place: &str| stdout(&dossier(&["query", "events", "--near", place], &dir));
    assert!(
        near("Russia").contains("Kursk Oblast"),
        "{}",
        near("Russia")
    );
    assert!(near("Kursk Oblast").contains("Kursk Oblast"));
    assert!(
        !near("Ukraine").contains("Kursk Oblast"),
        "{}",
        near("Ukraine")
    );

    let o = dossier(&["export", "--format", "geojson"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let map: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    let layer = |name: &str| -> Vec<serde_json::Value> {
        map["features"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["properties"]["layer"] == name)
            .cloned()
            .collect()
    };
    assert!(!layer("event").is_empty(), "{map}");
    let places = layer("place");
    let kursk = places
        .iter()
        .find(|f| f["properties"]["geonames_id"] == 538555)
        .unwrap_or_else(|| panic!("{map}"));
    // GeoJSON points are longitude first.
    let at = &kursk["geometry"]["coordinates"];
    assert!((at[0].as_f64().unwrap() - 36.5).abs() < 1.0, "{at}");
    assert!((at[1].as_f64().unwrap() - 51.7).abs() < 1.0, "{at}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn usage_errors_and_missing_databases_have_distinct_exit_codes() {
    let dir = workdir("codes");
    assert_eq!(dossier(&["analyze"], &dir).status.code(), Some(2));
    let o = dossier(&["show", "documents", "--db", "no/such/dir/x.db"], &dir);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("cannot open database"),
        "{}",
        stderr(&o)
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_stored_page_shows_its_evidence_where_it_was_read() {
    let dir = workdir("page");
    let page = "<html><head><title>Port reopens</title></head><body><nav><a href=\"/\">Home</a> | \
                <a href=\"/world\">World</a></nav><article><h1>Port reopens</h1><p>The port of \
                <b>Odesa</b> reopened on Tuesday, the harbour master said. &ldquo;Ships are moving \
                again,&rdquo; she told reporters.</p><p>Grain exports had stopped for a week after \
                the strike on the terminal.</p></article><footer>&copy; The Gazette</footer></body></html>";
    std::fs::write(dir.join("port.html"), page).unwrap();
    let o = dossier(&["ingest", "port.html", "good.txt", "--quiet"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let shown = stdout(&dossier(&["show", "page", "1"], &dir));
    // The page is the original, navigation and all, with marks added inside its text.
    assert!(shown.contains("<nav><a href=\"/\">Home</a>"), "{shown}");
    assert!(
        shown.contains("<mark class=\"place\" title=\"Odesa\">Odesa</mark>"),
        "{shown}"
    );
    assert!(
        shown.contains("<h1>Port reopens</h1>"),
        "the headline is not text: {shown}"
    );
    assert!(shown.contains(">the harbour master</mark>"), "{shown}");
    assert!(shown.contains("<mark class=\"claim\""), "{shown}");
    // A document that is not stored is a clear error, not an empty page.
    let missing = dossier(&["show", "page", "99"], &dir);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("no document 99"),
        "{}",
        stderr(&missing)
    );
    // A document read as plain text is shown as its text.
    let text = stdout(&dossier(&["show", "page", "2"], &dir));
    assert!(text.contains("pre-wrap"), "{text}");
    assert!(text.contains("Volodymyr Zelensky</mark>"), "{text}");
    // Without pages, the page's text stands in for it.
    let lean = dir.join("lean");
    std::fs::create_dir_all(&lean).unwrap();
    std::fs::copy(dir.join("port.html"), lean.join("port.html")).unwrap();
    assert!(
        dossier(&["ingest", "port.html", "--no-pages", "--quiet"], &lean)
            .status
            .success()
    );
    let text = stdout(&dossier(&["show", "page", "1"], &lean));
    assert!(
        text.contains("pre-wrap") && !text.contains("<nav>"),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
