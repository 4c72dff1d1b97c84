//! PLOVER coding of single sentences: the context that moves an event from one type to
//! its neighbour (what is lifted, halted, signed or withdrawn; refusals; complaints),
//! on sentences written for these tests.
use dossier_core::{Document, Stage};
use dossier_events::EventStage;
use dossier_quantities::QuantityStage;

/// The main event's PLOVER type, or "NONE", read by the rules alone.
fn plover(text: &str) -> String {
    let mut doc = Document::new("t", text);
    QuantityStage::new().run(&mut doc);
    EventStage::rules_only().run(&mut doc);
    doc.events
        .first()
        .and_then(|e| e.plover.as_ref())
        .map_or("NONE".to_string(), |p| p.event_type.clone())
}

#[test]
fn signing_an_agreement_supports_and_agreeing_to_act_agrees() {
    assert_eq!(
        plover("The two ministers signed a trade treaty in Vienna on Monday."),
        "SUPPORT"
    );
    assert_eq!(
        plover("The rebels agreed to open the road to aid convoys."),
        "AGREE"
    );
    assert_eq!(
        plover("Both governments will sign the accord next week."),
        "AGREE"
    );
}

#[test]
fn refused_cooperation_is_a_rejection() {
    assert_eq!(
        plover("The two sides failed to reach an agreement on the border."),
        "REJECT"
    );
    assert_eq!(
        plover("The minister declined to resign after the vote."),
        "REJECT"
    );
}

#[test]
fn lifting_a_restriction_concedes_and_lifting_a_blockade_retreats() {
    assert_eq!(
        plover("The governor lifted the curfew in the northern city."),
        "CONCEDE"
    );
    assert_eq!(
        plover("The army lifted its blockade of the port on Friday."),
        "RETREAT"
    );
    assert_eq!(
        plover("The union called off the national strike on Tuesday."),
        "CONCEDE"
    );
    assert_eq!(
        plover("The cabinet accepted the demands of the striking miners."),
        "CONCEDE"
    );
}

#[test]
fn cutting_ties_is_a_sanction() {
    assert_eq!(
        plover("The government halted military aid to its neighbour."),
        "SANCTION"
    );
    assert_eq!(
        plover("The minister cancelled a planned visit to the capital."),
        "SANCTION"
    );
    assert_eq!(
        plover("The council banned all imports from the region."),
        "SANCTION"
    );
    assert_eq!(
        plover("The agency withdrew its observers from the province."),
        "SANCTION"
    );
}

#[test]
fn what_is_handled_decides_between_neighbours() {
    assert_eq!(
        plover("Militants blew up a railway bridge outside the town."),
        "COERCE"
    );
    assert_eq!(
        plover("Volunteers handed over 20 tons of food to the refugees."),
        "AID"
    );
    assert_eq!(
        plover("The United Nations deployed peacekeeping troops to the border."),
        "AID"
    );
    assert_eq!(
        plover("The president gave a warm welcome to the visiting king."),
        "CONSULT"
    );
}

#[test]
fn a_complaint_voiced_is_an_accusation_not_a_demonstration() {
    assert_eq!(
        plover("The police are abusing detainees, a rights group protested."),
        "ACCUSE"
    );
    assert_eq!(
        plover("The ministry lodged a formal protest with the embassy."),
        "ACCUSE"
    );
    assert_eq!(
        plover("Thousands protested in the capital against the new tax."),
        "PROTEST"
    );
}

#[test]
fn names_and_bare_statements_are_not_events() {
    assert_eq!(plover("The spokesman said the situation was calm."), "NONE");
    assert_eq!(
        plover("Civilians were trapped in the battle zones near the river."),
        "NONE"
    );
    assert_ne!(
        plover("Border patrol agents beat two migrants near the fence."),
        "MOBILIZE"
    );
    assert_eq!(
        plover("The negotiators return to Geneva for talks next week."),
        "CONSULT"
    );
}

#[test]
fn an_event_told_twice_is_one_event() {
    let text = "Rebel fighters captured three government soldiers near the dam on Sunday. \
                The army's commander confirmed it. Witnesses said rebel fighters captured \
                the government soldiers after a short fight.";
    let mut doc = Document::new("t", text);
    QuantityStage::new().run(&mut doc);
    EventStage::rules_only().run(&mut doc);
    let captures = doc.events.iter().filter(|e| e.kind == "capture").count();
    assert_eq!(captures, 1);
}

#[test]
fn a_conditional_offer_agrees_and_sending_inspectors_investigates() {
    assert_eq!(
        plover("The rebels said they would meet the envoy if the army withdrew."),
        "AGREE"
    );
    assert_eq!(
        plover("The agency dispatched inspectors to the plant on Monday."),
        "ACCUSE"
    );
    assert_eq!(
        plover("The council sent ten officials to the camp to investigate the deaths."),
        "ACCUSE"
    );
}
