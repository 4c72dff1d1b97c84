//! The seed article: the facts that define the job, asserted on the real report.
//!
//! The report is a publisher's text, so the project does not ship it; the test reads it
//! from `../shared/examples/` beside the repository and skips, saying so, where absent.

use dossier_core::*;
use dossier_engine::Engine;
use std::path::PathBuf;

fn seed() -> Option<Document> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/examples/kursk-pows.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} is not here", path.display());
        return None;
    };
    let mut doc = Document::new("kursk-pows", text);
    Engine::load().expect("stages in order").analyze(&mut doc);
    Some(doc)
}

fn entity<'a>(doc: &'a Document, name: &str) -> &'a Entity {
    doc.entities
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| {
            panic!(
                "no entity {name:?}; have {:?}",
                doc.entities.iter().map(|e| &e.name).collect::<Vec<_>>()
            )
        })
}

fn surface_forms(doc: &Document, e: &Entity) -> Vec<String> {
    e.mentions
        .iter()
        .map(|m| doc.str(doc.mentions[m.index()].span).to_string())
        .collect()
}

fn source_names(doc: &Document, c: &Claim) -> Vec<String> {
    c.sources
        .iter()
        .map(|s| {
            s.entity.map_or_else(
                || doc.str(s.span).to_string(),
                |e| doc.entities[e.index()].name.clone(),
            )
        })
        .collect()
}

/// The innermost claim whose content holds `words`.
fn claim_containing<'a>(doc: &'a Document, words: &str) -> &'a Claim {
    doc.claims
        .iter()
        .filter(|c| c.content.iter().any(|s| doc.str(*s).contains(words)))
        .min_by_key(|c| c.content.iter().map(|s| s.len()).sum::<usize>())
        .unwrap_or_else(|| panic!("no claim with content containing {words:?}"))
}

fn time_of<'a>(doc: &'a Document, words: &str) -> &'a Timex {
    doc.times
        .iter()
        .find(|t| doc.str(t.span).contains(words))
        .unwrap_or_else(|| {
            panic!(
                "no time expression {words:?}; have {:?}",
                doc.times
                    .iter()
                    .map(|t| doc.str(t.span))
                    .collect::<Vec<_>>()
            )
        })
}

#[test]
fn entities_are_resolved_to_their_canonical_names() {
    let Some(doc) = seed() else { return };
    let zelensky = entity(&doc, "Volodymyr Zelensky");
    assert_eq!(zelensky.label, EntityLabel::Person);
    let forms = surface_forms(&doc, zelensky);
    for alias in ["Zelensky", "Volodymyr Zelenskyy", "@ZelenskyyUa"] {
        assert!(
            forms.iter().any(|f| f == alias),
            "{alias} not resolved to Zelensky: {forms:?}"
        );
    }
    let ssu = entity(&doc, "Security Service of Ukraine");
    let forms = surface_forms(&doc, ssu);
    for alias in ["SSU", "SBU"] {
        assert!(
            forms.iter().any(|f| f == alias),
            "{alias} not resolved to the SSU: {forms:?}"
        );
    }
    for (name, label) in [
        ("Kim Jong Un", EntityLabel::Person),
        ("Putin", EntityLabel::Person),
    ] {
        assert!(
            doc.entities
                .iter()
                .any(|e| e.name.contains(name) && e.label == label),
            "{name} missing"
        );
    }
    for name in ["Pentagon", "Kremlin"] {
        assert!(
            doc.entities.iter().any(|e| e.name.contains(name)),
            "{name} missing"
        );
    }
}

#[test]
fn places_carry_coordinates_and_country() {
    let Some(doc) = seed() else { return };
    let kursk = doc
        .places
        .iter()
        .find(|p| doc.str(p.span).starts_with("Kursk"))
        .expect("Kursk region placed");
    assert_eq!(kursk.country, "RU");
    assert!(
        (kursk.lat - 51.7).abs() < 1.0 && (kursk.lon - 36.2).abs() < 1.5,
        "Kursk at {}, {}",
        kursk.lat,
        kursk.lon
    );
    for (name, country) in [("Kyiv", "UA"), ("Pyongyang", "KP")] {
        let place = doc
            .places
            .iter()
            .find(|p| doc.str(p.span) == name)
            .unwrap_or_else(|| panic!("{name} not placed"));
        assert_eq!(place.country, country);
    }
}

#[test]
fn times_are_anchored_on_the_posts_date() {
    let Some(doc) = seed() else { return };
    let (anchor, source) = doc.anchor.clone().expect("a date inferred from the text");
    assert_eq!(anchor.to_string(), "2025-01-11");
    assert!(matches!(source, DateSource::Inferred { .. }));
    assert_eq!(time_of(&doc, "Saturday").value, "2025-01-11");
    let november = time_of(&doc, "early November");
    assert_eq!(
        (november.value.as_str(), november.modifier.as_deref()),
        ("2024-11", Some("START"))
    );
    assert_eq!(time_of(&doc, "summer").value, "2024-SU");
}

#[test]
fn claims_have_speakers_cues_and_hedges() {
    let Some(doc) = seed() else { return };
    let post = claim_containing(&doc, "This was not an easy task");
    assert_eq!(post.kind, ClaimKind::Direct);
    assert_eq!(source_names(&doc, post), ["Volodymyr Zelensky"]);

    let estimate = claim_containing(&doc, "at least 10,000");
    assert_eq!(
        estimate.sources.len(),
        3,
        "Ukraine, the Pentagon and South Korean intelligence"
    );
    let bound = doc
        .quantities
        .iter()
        .find(|q| q.value == 10_000.0)
        .expect("the estimate's number");
    assert_eq!(bound.bound, Bound::AtLeast);

    let inner = claim_containing(&doc, "their forces had fired");
    let outer = inner
        .parent
        .map(|p| &doc.claims[p.index()])
        .expect("the officials' claim sits inside the FT's");
    assert!(
        source_names(&doc, outer)
            .iter()
            .any(|s| s.contains("FT") || s.contains("Financial Times"))
    );
    assert_eq!(
        inner.kind,
        ClaimKind::Indirect,
        "the officials are reported, not quoted, inside the FT's quotation"
    );

    let believed = claim_containing(&doc, "these foreign units have remained");
    assert!(believed.is_hedged() && believed.is_unattributed());
    let reports = claim_containing(&doc, "Moscow plans to help North Korea");
    assert!(reports.is_unattributed());
}

#[test]
fn events_say_who_did_what_where_and_who_reported_it() {
    let Some(doc) = seed() else { return };
    let capture = doc
        .events
        .iter()
        .find(|e| e.kind == "capture")
        .expect("the capture");
    let place = capture
        .place
        .map(|p| doc.places[p.index()].name.clone())
        .unwrap_or_default();
    assert!(place.contains("Kursk"), "capture placed at {place:?}");
    assert!(
        capture.claim.is_some(),
        "the capture is reported by a claim"
    );
    let pact = doc
        .events
        .iter()
        .find(|e| e.kind == "agreement")
        .expect("the defence pact");
    let place = pact
        .place
        .map(|p| doc.places[p.index()].name.clone())
        .unwrap_or_default();
    assert_eq!(place, "Pyongyang");
    let clashes = doc
        .events
        .iter()
        .find(|e| doc.str(e.evidence).contains("first direct clashes"))
        .expect("the clashes");
    assert_eq!(clashes.date.as_deref(), Some("2024-11"));
    let place = clashes
        .place
        .map(|p| doc.places[p.index()].name.clone())
        .unwrap_or_default();
    assert!(place.contains("Kursk"), "clashes placed at {place:?}");
}

#[test]
fn the_capture_is_the_main_event_and_its_retelling_is_not_a_second_one() {
    let Some(doc) = seed() else { return };
    assert_eq!(doc.events.first().map(|e| e.kind.as_str()), Some("capture"));
    assert_eq!(doc.events.iter().filter(|e| e.kind == "capture").count(), 1);
    let capture = &doc.events[0];
    assert_eq!(capture.date.as_deref(), Some("2025-01-11"));
    assert!(
        !capture.retold.is_empty(),
        "the post tells the capture again"
    );
}

#[test]
fn the_deployment_the_pact_and_the_planned_help_have_their_roles() {
    let Some(doc) = seed() else { return };
    let place_of = |e: &Event| {
        e.place
            .map(|p| doc.places[p.index()].name.clone())
            .unwrap_or_default()
    };
    let names = |ps: &[Participant]| -> Vec<String> {
        ps.iter()
            .map(|p| {
                p.entity.map_or_else(
                    || doc.str(p.span).to_string(),
                    |e| doc.entities[e.index()].name.clone(),
                )
            })
            .collect()
    };

    let deployment = doc
        .events
        .iter()
        .find(|e| e.kind == "deployment")
        .expect("the troop deployment");
    assert_eq!(place_of(deployment), "Russia");
    let troops = deployment
        .quantities
        .iter()
        .map(|q| &doc.quantities[q.index()])
        .find(|q| q.value >= 10_000.0);
    assert_eq!(
        troops.map(|q| q.bound),
        Some(Bound::AtLeast),
        "at least 10,000 troops"
    );
    assert_ne!(
        deployment.modality,
        Modality::Asserted,
        "the estimate is claimed, not narrated"
    );

    let pact = doc
        .events
        .iter()
        .find(|e| e.kind == "agreement")
        .expect("the defence pact");
    assert_eq!(pact.date.as_deref(), Some("2024-SU"));
    let parties = names(&pact.actors);
    assert!(
        parties.iter().any(|n| n.contains("Putin"))
            && parties.iter().any(|n| n.contains("Kim Jong Un")),
        "{parties:?}"
    );

    let help = doc
        .events
        .iter()
        .find(|e| doc.str(e.trigger) == "help")
        .expect("Moscow's help");
    assert_eq!(
        help.modality,
        Modality::Planned,
        "plans to help is not help given"
    );
}

#[test]
fn the_signed_post_is_attributed_to_the_resolved_speaker() {
    let Some(doc) = seed() else { return };
    let signed = doc
        .claims
        .iter()
        .find(|c| c.cue.is_some_and(|cue| matches!(doc.str(cue), "—" | "–")))
        .expect("the post signed with a dash");
    let speaker = signed
        .sources
        .first()
        .and_then(|s| s.entity)
        .expect("the signature's name is linked to an entity");
    assert_eq!(doc.entities[speaker.index()].name, "Volodymyr Zelensky");
}
