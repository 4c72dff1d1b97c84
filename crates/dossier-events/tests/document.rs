//! Events across a whole report read by the full engine: where they happened and which
//! tellings are one event, on a report written for these tests.
use dossier_core::Document;
use dossier_engine::Engine;

fn analyse(text: &str) -> Document {
    let mut doc = Document::new("t", text);
    Engine::load().expect("stages in order").analyze(&mut doc);
    doc
}

fn place(doc: &Document, e: &dossier_core::Event) -> String {
    e.place
        .map(|p| doc.places[p.index()].name.clone())
        .unwrap_or_default()
}

#[test]
fn a_sender_is_not_where_its_troops_went() {
    let doc = analyse("Officials said North Korea has sent 5,000 troops to Russia in October.");
    let sent = doc
        .events
        .iter()
        .find(|e| e.kind == "deployment")
        .expect("the deployment");
    assert_eq!(place(&doc, sent), "Russia");
}

#[test]
fn the_same_capture_told_twice_is_one_event() {
    let doc = analyse(
        "Ukrainian forces captured two Russian soldiers in the Kharkiv region on Monday. \
         The men were taken to Kyiv. \"Our soldiers captured two Russian soldiers in the \
         Kharkiv region,\" the general said.",
    );
    let captures = doc.events.iter().filter(|e| e.kind == "capture").count();
    assert_eq!(captures, 1);
}

#[test]
fn a_bracketed_district_situates_the_scene_rather_than_being_it() {
    let doc =
        analyse("On 4 March 2024, in Arsal (Baalbek), nurses protested over unpaid overtime.");
    let protest = doc.events.first().expect("the protest");
    let scene = protest
        .place
        .map(|p| doc.str(doc.places[p.index()].span))
        .unwrap_or_default();
    assert_eq!(
        scene, "Arsal",
        "Baalbek, nearer the verb, only says where Arsal is"
    );
}

#[test]
fn the_place_a_report_sets_the_scene_in_wins_over_one_named_in_passing() {
    let doc = analyse(
        "On 6 May 2024, in Monterrey, about 70 people with the mayor of Guadalupe protested against water cuts.",
    );
    let protest = doc.events.first().expect("the protest");
    let scene = protest
        .place
        .map(|p| doc.str(doc.places[p.index()].span))
        .unwrap_or_default();
    assert_eq!(scene, "Monterrey");
}

#[test]
fn symbols_before_a_place_are_read_whole() {
    let doc = analyse("Great show 👍 Boston crowds cheered as protesters marched 👍Boston.");
    assert!(doc.places.iter().all(|p| !p.name.is_empty()));
}
