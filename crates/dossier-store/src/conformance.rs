//! The behaviour every [`Store`] backend must show, as one suite each backend runs.

use crate::*;
use dossier_core::*;

fn span_of(text: &str, needle: &str) -> Span {
    let start = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in sample"));
    Span::new(start, start + needle.len())
}

/// A small hand-annotated report: two entities (one with an alias), a claim, a place
/// and an event reported by the claim.
pub fn sample_document() -> Document {
    let text = "Kyiv, 11 January 2025. Volodymyr Zelensky said Ukrainian forces captured two soldiers \
                in Kursk Oblast. Zelensky posted a video.";
    let mut doc = Document::new("sample-1", text).with_meta(Metadata {
        title: Some("Two soldiers captured".into()),
        url: Some("https://example.org/capture".into()),
        source: Some("example.org".into()),
        published: chrono::NaiveDate::from_ymd_opt(2025, 1, 11),
        ..Metadata::default()
    });
    let full = span_of(text, "Volodymyr Zelensky");
    let short = span_of(text, "Zelensky posted");
    let short = Span::new(
        short.start as usize,
        short.start as usize + "Zelensky".len(),
    );
    let kursk = span_of(text, "Kursk Oblast");
    doc.mentions = vec![
        Mention {
            span: full,
            label: EntityLabel::Person,
            entity: Some(EntityId(0)),
        },
        Mention {
            span: short,
            label: EntityLabel::Person,
            entity: Some(EntityId(0)),
        },
        Mention {
            span: kursk,
            label: EntityLabel::Gpe,
            entity: Some(EntityId(1)),
        },
    ];
    doc.entities = vec![
        Entity {
            name: "Volodymyr Zelensky".into(),
            label: EntityLabel::Person,
            key: "person:volodymyr zelensky".into(),
            mentions: vec![MentionId(0), MentionId(1)],
            country: Some("UA".into()),
            geonames_id: None,
        },
        Entity {
            name: "Kursk Oblast".into(),
            label: EntityLabel::Gpe,
            key: "place:538555".into(),
            mentions: vec![MentionId(2)],
            country: Some("RU".into()),
            geonames_id: Some(538555),
        },
    ];
    doc.places = vec![Place {
        span: kursk,
        mention: Some(MentionId(2)),
        name: "Kursk Oblast".into(),
        geonames_id: Some(538555),
        lat: 51.5,
        lon: 36.3,
        country: "RU".into(),
        admin1: Some("Kursk Oblast".into()),
        precision: Precision::Region,
    }];
    let content = span_of(
        text,
        "Ukrainian forces captured two soldiers in Kursk Oblast",
    );
    let speaker = Source {
        span: full,
        entity: Some(EntityId(0)),
    };
    let cue = Some(span_of(text, "said"));
    doc.claims = vec![Claim::new(
        vec![content],
        vec![speaker],
        cue,
        ClaimKind::Indirect,
    )];
    doc.events = vec![Event {
        kind: "capture".into(),
        trigger: span_of(text, "captured"),
        plover: Some(PloverCode {
            event_type: "SEIZE".into(),
            mode: None,
        }),
        acled: Some(AcledCode {
            event_type: "Battles".into(),
            sub_event_type: "Armed clash".into(),
        }),
        actors: vec![Participant {
            span: span_of(text, "Ukrainian forces"),
            entity: None,
            country: Some("UA".into()),
        }],
        targets: vec![Participant {
            span: span_of(text, "two soldiers"),
            entity: None,
            country: None,
        }],
        place: Some(PlaceId(0)),
        time: None,
        date: Some("2025-01-11".into()),
        quantities: vec![],
        fatalities: None,
        modality: Modality::Claimed,
        claim: Some(ClaimId(0)),
        evidence: span_of(
            text,
            "Volodymyr Zelensky said Ukrainian forces captured two soldiers in Kursk Oblast.",
        ),
        retold: vec![],
    }];
    doc
}

/// Runs every check on fresh stores made by `make`.
pub fn run(make: impl Fn() -> Box<dyn Store>) {
    stores_once_and_skips_the_same_content(make());
    keeps_syndicated_copies_apart(make());
    round_trips_every_layer(make());
    keeps_the_source_page(make());
    finds_entities_by_alias(make());
    lists_claims_by_speaker(make());
    filters_events_by_place_and_date(make());
    lists_places_once_each(make());
    records_failures_without_touching_documents(make());
}

fn stores_once_and_skips_the_same_content(mut store: Box<dyn Store>) {
    let doc = sample_document();
    assert_eq!(store.find(&ContentHash::of(&doc)).unwrap(), None);
    let Put::Stored(id) = store.put(&doc).unwrap() else {
        panic!("first put must store")
    };
    assert_eq!(store.put(&doc).unwrap(), Put::AlreadyStored(id));
    assert_eq!(store.find(&ContentHash::of(&doc)).unwrap(), Some(id));
    let counts = store.counts().unwrap();
    assert_eq!(
        (
            counts.documents,
            counts.claims,
            counts.events,
            counts.places
        ),
        (1, 1, 1, 1)
    );
    // The registry counts mentions once per stored document, not per attempt.
    assert_eq!(
        store.entity("Zelensky").unwrap().unwrap().entity.mentions,
        2
    );
}

fn keeps_syndicated_copies_apart(mut store: Box<dyn Store>) {
    let doc = sample_document();
    let mut copy = doc.clone();
    copy.meta.url = Some("https://other.example/capture".into());
    store.put(&doc).unwrap();
    assert!(matches!(store.put(&copy).unwrap(), Put::Stored(_)));
    let zelensky = store.entity("Volodymyr Zelensky").unwrap().unwrap();
    assert_eq!(zelensky.entity.mentions, 4);
    assert_eq!(zelensky.entity.documents, 2);
}

fn round_trips_every_layer(mut store: Box<dyn Store>) {
    let doc = sample_document();
    let Put::Stored(id) = store.put(&doc).unwrap() else {
        panic!()
    };
    let back = store.document(id).unwrap().unwrap();
    assert_eq!(back, doc);
    assert!(store.document(DocId(id.0 + 100)).unwrap().is_none());
}

fn keeps_the_source_page(mut store: Box<dyn Store>) {
    let mut doc = sample_document();
    let html = format!("<p>{}</p>", doc.text);
    let run = Run {
        text: Span::new(0, doc.text.len()),
        page: Span::new(3, 3 + doc.text.len()),
    };
    doc.page = Some(SourcePage {
        html,
        runs: vec![run],
    });
    let Put::Stored(id) = store.put(&doc).unwrap() else {
        panic!()
    };
    assert_eq!(store.document(id).unwrap().unwrap(), doc);
}

fn finds_entities_by_alias(mut store: Box<dyn Store>) {
    store.put(&sample_document()).unwrap();
    let detail = store.entity("zelensky").unwrap().expect("alias lookup");
    assert_eq!(detail.entity.name, "Volodymyr Zelensky");
    let aliases: Vec<&str> = detail.aliases.iter().map(|a| a.alias.as_str()).collect();
    assert!(
        aliases.contains(&"Zelensky") && aliases.contains(&"Volodymyr Zelensky"),
        "{aliases:?}"
    );
    assert_eq!(detail.mentions.len(), 2);
    assert_eq!(
        store.entities(Some("kursk"), 10).unwrap()[0].geonames_id,
        Some(538555)
    );
    assert!(store.entity("Nobody").unwrap().is_none());
    // A word of the name finds it even where no document used it alone.
    assert_eq!(
        store.entity("Volodymyr").unwrap().unwrap().entity.name,
        "Volodymyr Zelensky"
    );
    assert!(store.entity("Volo").unwrap().is_none());
    // A word of a spelling another document used finds the entity too.
    store.put(&variant_document()).unwrap();
    assert_eq!(
        store.entity("Zelenskyy").unwrap().unwrap().entity.name,
        "Volodymyr Zelensky"
    );
}

/// A second report spelling the name "V. Zelenskyy", for the same entity.
fn variant_document() -> Document {
    let text = "V. Zelenskyy met reporters in Kyiv.";
    let mut doc = Document::new("sample-2", text);
    doc.mentions = vec![Mention {
        span: span_of(text, "V. Zelenskyy"),
        label: EntityLabel::Person,
        entity: Some(EntityId(0)),
    }];
    doc.entities = vec![Entity {
        name: "V. Zelenskyy".into(),
        label: EntityLabel::Person,
        key: "person:volodymyr zelensky".into(),
        mentions: vec![MentionId(0)],
        country: Some("UA".into()),
        geonames_id: None,
    }];
    doc
}

fn lists_claims_by_speaker(mut store: Box<dyn Store>) {
    store.put(&sample_document()).unwrap();
    let by_alias = store
        .claims(&ClaimFilter {
            speaker: Some("Zelensky".into()),
            limit: 10,
        })
        .unwrap();
    assert_eq!(by_alias.len(), 1);
    assert_eq!(by_alias[0].speakers, ["Volodymyr Zelensky"]);
    assert_eq!(by_alias[0].published.as_deref(), Some("2025-01-11"));
    assert!(by_alias[0].content.starts_with("Ukrainian forces captured"));
    let by_word = store
        .claims(&ClaimFilter {
            speaker: Some("Volodymyr".into()),
            limit: 10,
        })
        .unwrap();
    assert_eq!(by_word.len(), 1);
    store.put(&variant_document()).unwrap();
    let by_variant = store
        .claims(&ClaimFilter {
            speaker: Some("Zelenskyy".into()),
            limit: 10,
        })
        .unwrap();
    assert_eq!(
        by_variant.len(),
        1,
        "a word of another spelling finds the claims"
    );
    let none = store
        .claims(&ClaimFilter {
            speaker: Some("Putin".into()),
            limit: 10,
        })
        .unwrap();
    assert!(none.is_empty());
}

fn lists_places_once_each(mut store: Box<dyn Store>) {
    store.put(&sample_document()).unwrap();
    let mut copy = sample_document();
    copy.id = "sample-1-update".into();
    copy.text.push_str(" More to follow.");
    store.put(&copy).unwrap();
    let places = store.places(10).unwrap();
    assert_eq!(places.len(), 1, "{places:?}");
    assert_eq!(places[0].name, "Kursk Oblast");
    assert_eq!(places[0].geonames_id, Some(538555));
    assert_eq!((places[0].mentions, places[0].documents), (2, 2));
}

fn filters_events_by_place_and_date(mut store: Box<dyn Store>) {
    store.put(&sample_document()).unwrap();
    let all = |f: EventFilter| store.events(&EventFilter { limit: 10, ..f }).unwrap().len();
    assert_eq!(
        all(EventFilter {
            place: Some("kursk".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        all(EventFilter {
            place: Some("donetsk".into()),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        all(EventFilter {
            near: Some((51.7, 36.2, 50.0)),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        all(EventFilter {
            near: Some((50.45, 30.5, 50.0)),
            ..Default::default()
        }),
        0
    );
    // A country or region holds its events however far they are from its centre.
    let area = |country: &str, admin1: Option<&str>| Area {
        country: country.into(),
        admin1: admin1.map(Into::into),
    };
    assert_eq!(
        all(EventFilter {
            within: Some(area("RU", None)),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        all(EventFilter {
            within: Some(area("RU", Some("Kursk Oblast"))),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        all(EventFilter {
            within: Some(area("RU", Some("Belgorod Oblast"))),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        all(EventFilter {
            near: Some((50.45, 30.5, 50.0)),
            within: Some(area("UA", None)),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        all(EventFilter {
            from: Some("2025-01-01".into()),
            to: Some("2025-01-31".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        all(EventFilter {
            from: Some("2025-02-01".into()),
            ..Default::default()
        }),
        0
    );
    let row = &store
        .events(&EventFilter {
            limit: 1,
            ..Default::default()
        })
        .unwrap()[0];
    assert_eq!(row.reported_by, ["Volodymyr Zelensky"]);
    assert_eq!(row.actors, ["Ukrainian forces"]);
    assert_eq!(
        row.date_from.as_deref(),
        Some("report"),
        "the sentence states no time, so the date is the report's"
    );
}

fn records_failures_without_touching_documents(mut store: Box<dyn Store>) {
    store.put(&sample_document()).unwrap();
    store
        .record_failure("feed.xml", "bad XML at line 3")
        .unwrap();
    let counts = store.counts().unwrap();
    assert_eq!((counts.documents, counts.failures), (1, 1));
    assert_eq!(store.failures(10).unwrap()[0].reason, "bad XML at line 3");
}
