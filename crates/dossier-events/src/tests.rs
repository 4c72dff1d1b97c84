use super::*;
use dossier_core::{Claim, ClaimKind, Quantity};
use dossier_quantities::QuantityStage;

/// A document with tokens and quantities only, read by the rules alone: the other
/// layers stay empty.
fn analyse(text: &str) -> Document {
    let mut doc = Document::new("t", text);
    QuantityStage::new().run(&mut doc);
    EventStage::rules_only().run(&mut doc);
    doc
}

fn names(doc: &Document, ps: &[dossier_core::Participant]) -> Vec<String> {
    ps.iter().map(|p| doc.str(p.span).to_string()).collect()
}

fn main_event(doc: &Document) -> &Event {
    doc.events.first().expect("an event")
}

#[test]
fn a_capture_with_its_actors_targets_and_count() {
    let doc = analyse("Ukrainian forces captured two North Korean soldiers in the Kursk region.");
    let e = main_event(&doc);
    assert_eq!(e.kind, "capture");
    assert_eq!(doc.str(e.trigger), "captured");
    assert_eq!(names(&doc, &e.actors), ["Ukrainian forces"]);
    assert_eq!(names(&doc, &e.targets), ["North Korean soldiers"]);
    let counts: Vec<f64> = e
        .quantities
        .iter()
        .map(|q| doc.quantities[q.index()].value)
        .collect();
    assert_eq!(counts, [2.0]);
    assert_eq!(e.modality, Modality::Asserted);
}

#[test]
fn a_planned_aid_event() {
    let doc = analyse("Moscow plans to help North Korea with satellite technology.");
    let e = main_event(&doc);
    assert_eq!(e.kind, "aid");
    assert_eq!(e.modality, Modality::Planned);
    assert_eq!(
        e.plover.as_ref().unwrap().event_type,
        "AGREE",
        "a promised good deed is an agreement in PLOVER"
    );
}

#[test]
fn an_agreement_is_coded_in_both_schemes() {
    let doc = analyse("The two presidents signed a defence pact in Pyongyang on Tuesday.");
    let e = main_event(&doc);
    assert_eq!(e.kind, "agreement");
    assert_eq!(
        e.plover.as_ref().unwrap().event_type,
        "SUPPORT",
        "signing a formal agreement is diplomatic cooperation in PLOVER"
    );
    assert_eq!(e.acled.as_ref().unwrap().sub_event_type, "Agreement");
}

#[test]
fn a_protest_broken_up_by_police() {
    let doc = analyse(
        "About 300 farmers protested outside parliament. Police dispersed them with tear gas.",
    );
    let e = main_event(&doc);
    assert_eq!(e.kind, "protest_intervention");
    assert_eq!(e.acled.as_ref().unwrap().event_type, "Protests");
    assert_eq!(e.plover.as_ref().unwrap().event_type, "PROTEST");
    assert_eq!(names(&doc, &e.actors), ["farmers"]);
}

#[test]
fn shelling_with_its_fatalities() {
    let doc = analyse(
        "Rebels shelled the market town on Sunday, killing at least 12 people and wounding 30.",
    );
    let e = main_event(&doc);
    assert_eq!(e.kind, "shelling");
    assert_eq!(
        e.acled.as_ref().unwrap().sub_event_type,
        "Shelling/artillery/missile attack"
    );
    assert_eq!(e.fatalities, Some(12));
}

#[test]
fn single_victims_and_stated_counts() {
    assert_eq!(
        main_event(&analyse("Gunmen shot and killed a man near the market.")).fatalities,
        Some(1)
    );
    assert_eq!(
        main_event(&analyse("One person was killed when a bomb exploded.")).fatalities,
        Some(1)
    );
    assert_eq!(
        main_event(&analyse("Soldiers clashed with militants. 3 fatalities.")).fatalities,
        Some(3)
    );
}

#[test]
fn killing_soldiers_is_a_clash_killing_villagers_an_attack() {
    let clash = analyse("Rebel fighters killed four soldiers at a checkpoint.");
    assert_eq!(
        main_event(&clash).acled.as_ref().unwrap().event_type,
        "Battles"
    );
    let attack = analyse("Gunmen killed four villagers at a checkpoint.");
    assert_eq!(
        main_event(&attack).acled.as_ref().unwrap().sub_event_type,
        "Attack"
    );
}

#[test]
fn negation_denial_and_threats() {
    let doc = analyse("The army did not attack the town.");
    assert_eq!(main_event(&doc).modality, Modality::Negated);
    let doc = analyse("The group denied that it bombed the bridge.");
    let bombing = doc.events.iter().find(|e| e.kind == "bombing").unwrap();
    assert_eq!(bombing.modality, Modality::Denied);
    let doc = analyse("Iran threatened to shell Iraqi towns.");
    assert_eq!(
        main_event(&doc).plover.as_ref().unwrap().event_type,
        "THREATEN"
    );
}

#[test]
fn an_event_inside_a_claim_is_claimed() {
    let mut doc = Document::new("t", "Officials said troops stormed the village.");
    let content = Span::new(15, doc.text.len() - 1);
    doc.claims
        .push(Claim::new(vec![content], vec![], None, ClaimKind::Indirect));
    EventStage::rules_only().run(&mut doc);
    let e = main_event(&doc);
    assert_eq!(e.kind, "attack");
    assert_eq!(e.modality, Modality::Claimed);
    assert_eq!(e.claim, Some(ClaimId(0)));
}

#[test]
fn the_main_event_comes_first_and_dates_fall_back_to_the_anchor() {
    let meta = dossier_core::Metadata {
        published: dossier_core::contract::parse_date("2025-01-12"),
        ..Default::default()
    };
    let mut doc = Document::new(
        "t",
        "A spokesman said on Monday that a drone strike hit a fuel depot.",
    )
    .with_meta(meta);
    doc.quantities.push(Quantity {
        span: Span::new(0, 1),
        value: 1.0,
        bound: dossier_core::Bound::Exact,
        unit: None,
    });
    EventStage::rules_only().run(&mut doc);
    let e = main_event(&doc);
    assert_eq!(e.kind, "airstrike");
    assert_eq!(e.date.as_deref(), Some("2025-01-12"));
}

#[test]
fn bare_or_empty_text_gives_no_events() {
    assert!(analyse("").events.is_empty());
    assert!(analyse("The weather was mild.").events.is_empty());
}

#[test]
fn the_acled_model_codes_short_notes_of_unrest_only() {
    let note = "On 3 May, gunmen attacked a bus near the river, killing two passengers.";
    let mut doc = Document::new("t", note);
    QuantityStage::new().run(&mut doc);
    EventStage::load().run(&mut doc);
    let coded = main_event(&doc).acled.clone().unwrap();
    assert_eq!(coded.event_type, "Violence against civilians");

    let talks = "The two ministers met in Geneva. They signed a trade pact. Both praised it.";
    let (mut a, mut b) = (Document::new("t", talks), Document::new("t", talks));
    EventStage::load().run(&mut a);
    EventStage::rules_only().run(&mut b);
    assert_eq!(main_event(&a).acled, main_event(&b).acled);
}

#[test]
fn a_long_report_keeps_no_bare_statements() {
    let doc = analyse(
        "The minister said on Monday that talks would resume. Officials announced a new budget. \
         The spokesman told reporters the plan was sound. Critics said nothing had changed. \
         The agency reported higher prices. Analysts said the figures were expected.",
    );
    assert!(
        doc.events.iter().all(|e| e.kind != "statement"),
        "{:?}",
        doc.events.iter().map(|e| &e.kind).collect::<Vec<_>>()
    );
}

#[test]
fn a_group_described_by_a_participle_is_not_a_clash() {
    let doc = analyse("The army captured two soldiers fighting on the rebel side.");
    assert_eq!(doc.events.len(), 1, "only the capture");
}

#[test]
fn help_before_a_verb_is_not_aid() {
    let doc = analyse("The units stayed in the region to help push back the offensive.");
    assert!(doc.events.iter().all(|e| e.kind != "aid"));
}

#[test]
fn sending_troops_is_a_deployment_and_its_purpose_no_second_event() {
    let doc = analyse(
        "Officials estimated that the republic has sent at least 10,000 of its troops to assist its ally.",
    );
    let kinds: Vec<&str> = doc.events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["deployment"]);
    assert!(!doc.events[0].quantities.is_empty());
}

#[test]
fn two_triggers_of_one_clash_make_one_event() {
    let doc = analyse(
        "The army reported the first direct clashes on the field of battle with Ukrainian troops.",
    );
    let clashes: Vec<&Event> = doc
        .events
        .iter()
        .filter(|e| e.kind == "armed_clash")
        .collect();
    assert_eq!(clashes.len(), 1);
    assert_eq!(names(&doc, &clashes[0].targets), ["Ukrainian troops"]);
}

#[test]
fn the_parties_of_a_pact_are_its_actors() {
    let doc = analyse("A pact between the rebels and the army was signed in May.");
    let pact = main_event(&doc);
    assert_eq!(pact.kind, "agreement");
    assert_eq!(names(&doc, &pact.actors), ["rebels", "army"]);
    assert!(pact.targets.is_empty());
}

#[test]
fn a_strike_that_does_harm_is_no_walkout() {
    let kinds = |text: &str| {
        analyse(text)
            .events
            .iter()
            .map(|e| e.kind.clone())
            .collect::<Vec<_>>()
    };
    assert!(!kinds("The strike destroyed two grain silos.").contains(&"strike".to_string()));
    assert_eq!(
        kinds("Dock workers went on strike in the port."),
        ["strike"]
    );
    assert_eq!(
        kinds("The strike closed every school in the city."),
        ["strike"]
    );
}

#[test]
fn the_reporter_after_a_quotation_is_no_participant_of_what_it_quotes() {
    let mut doc = Document::new(
        "t",
        "“The blast destroyed the old bridge,” Mayor Ana Kos wrote on Friday.",
    );
    let at = doc.text.find("Ana Kos").unwrap();
    doc.mentions.push(dossier_core::Mention {
        span: Span::new(at, at + "Ana Kos".len()),
        label: dossier_core::EntityLabel::Person,
        entity: None,
    });
    QuantityStage::new().run(&mut doc);
    EventStage::rules_only().run(&mut doc);
    let e = doc
        .events
        .iter()
        .find(|e| doc.str(e.trigger) == "destroyed")
        .expect("the destruction");
    assert!(
        !names(&doc, &e.targets).contains(&"Ana Kos".to_string()),
        "{:?}",
        names(&doc, &e.targets)
    );
}
