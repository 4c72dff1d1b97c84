//! The claims stage on short reports written for these tests, one per kind of
//! attribution it must handle.

use dossier_attribution::ClaimStage;
use dossier_core::{
    ClaimKind, Document, Entity, EntityId, EntityLabel, Mention, MentionId, Span, Stage,
};
use std::sync::OnceLock;

fn stage() -> &'static ClaimStage {
    static STAGE: OnceLock<ClaimStage> = OnceLock::new();
    STAGE.get_or_init(ClaimStage::load)
}

fn run(text: &str) -> Document {
    let mut doc = Document::new("t", text);
    stage().run(&mut doc);
    doc
}

/// One line per claim: `kind | sources | cue | content spans`.
fn render(doc: &Document) -> Vec<String> {
    doc.claims
        .iter()
        .map(|c| {
            let sources: Vec<&str> = c.sources.iter().map(|s| doc.str(s.span)).collect();
            let content: Vec<&str> = c.content.iter().map(|s| doc.str(*s)).collect();
            format!(
                "{} | {} | {} | {}",
                c.kind.as_str(),
                sources.join(" + "),
                c.cue.map_or("", |s| doc.str(s)),
                content.join(" // ")
            )
        })
        .collect()
}

/// The claim whose cue is or begins with `cue`: PolNeAR's cues, which the model follows,
/// may take in a colon or a medium ("said:", "said in a statement").
fn claim_with_cue<'a>(doc: &'a Document, cue: &str) -> &'a dossier_core::Claim {
    doc.claims
        .iter()
        .find(|c| {
            c.cue.is_some_and(|s| {
                doc.str(s)
                    .strip_prefix(cue)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ':']))
            })
        })
        .unwrap_or_else(|| panic!("no claim with cue {cue:?} in {:#?}", render(doc)))
}

fn content_text(doc: &Document, c: &dossier_core::Claim) -> String {
    c.content
        .iter()
        .map(|s| doc.str(*s))
        .collect::<Vec<_>>()
        .join(" // ")
}

/// Adds a mention (and an entity of its own, or the given one) for `name` at its `nth` occurrence.
fn mention(
    doc: &mut Document,
    name: &str,
    nth: usize,
    label: EntityLabel,
    entity: Option<EntityId>,
) -> EntityId {
    let start = doc.text.match_indices(name).nth(nth).unwrap().0;
    let id = entity.unwrap_or_else(|| {
        doc.entities.push(Entity {
            name: name.to_string(),
            label,
            key: name.to_lowercase(),
            mentions: Vec::new(),
            country: None,
            geonames_id: None,
        });
        EntityId(doc.entities.len() as u32 - 1)
    });
    doc.mentions.push(Mention {
        span: Span::new(start, start + name.len()),
        label,
        entity: Some(id),
    });
    doc.entities[id.index()]
        .mentions
        .push(MentionId(doc.mentions.len() as u32 - 1));
    id
}

#[test]
fn a_quote_followed_by_its_speaker_is_direct() {
    let doc = run(
        "The bridge will reopen next week. \"We expect traffic to flow normally by Friday,\" Mayor Alice Grant said.",
    );
    let c = claim_with_cue(&doc, "said");
    assert_eq!(c.kind, ClaimKind::Direct);
    assert_eq!(doc.str(c.sources[0].span), "Mayor Alice Grant");
    assert!(content_text(&doc, c).contains("We expect traffic to flow normally by Friday"));
}

#[test]
fn a_speaker_and_colon_introduce_a_quote() {
    let doc =
        run("The minister was blunt. Mr. Olsen said: \"There will be no new taxes this year.\"");
    let c = claim_with_cue(&doc, "said");
    assert_eq!(doc.str(c.sources[0].span), "Mr. Olsen");
    assert!(content_text(&doc, c).contains("There will be no new taxes this year"));
}

#[test]
fn an_interrupted_quote_has_two_content_spans() {
    let doc = run("\"The talks went well,\" the envoy said. \"We will meet again in March.\"");
    let c = claim_with_cue(&doc, "said");
    let content = content_text(&doc, c);
    assert!(
        content.contains("The talks went well") && content.contains("We will meet again in March"),
        "{content}"
    );
    assert!(c.content.len() >= 2);
}

#[test]
fn a_quote_runs_over_paragraphs_that_open_with_a_quote_mark() {
    let text = "The coach spoke after the match.\n\nHe said: \"We played badly in the first half and paid for it.\n\n\"The second half was better, but too late.\"\n\nThe team flies home tomorrow.";
    let doc = run(text);
    let c = claim_with_cue(&doc, "said");
    let content = content_text(&doc, c);
    assert!(
        content.contains("played badly") && content.contains("The second half was better"),
        "{content}"
    );
    assert!(!content.contains("flies home"));
}

#[test]
fn reported_speech_with_a_quoted_fragment_is_mixed() {
    let doc =
        run("The senator said the budget was \"a disgrace to the state\" and should be rewritten.");
    let c = claim_with_cue(&doc, "said");
    assert_eq!(c.kind, ClaimKind::Mixed);
    assert_eq!(doc.str(c.sources[0].span), "The senator");
}

#[test]
fn indirect_speech_with_the_speaker_first() {
    let doc = run("Police said that two men had been arrested near the station on Sunday.");
    let c = claim_with_cue(&doc, "said");
    assert_eq!(c.kind, ClaimKind::Indirect);
    assert_eq!(doc.str(c.sources[0].span), "Police");
    assert!(content_text(&doc, c).contains("two men had been arrested"));
}

#[test]
fn indirect_speech_with_the_source_after() {
    let doc = run(
        "The factory will close by the end of the year, according to the company's chief executive.",
    );
    let c = claim_with_cue(&doc, "according to");
    assert!(doc.str(c.sources[0].span).contains("chief executive"));
    assert!(content_text(&doc, c).contains("The factory will close"));
}

#[test]
fn several_speakers_share_one_claim() {
    let doc = run(
        "Norway, the Commission, and British intelligence all estimated that the fleet has grown by at least 40 ships.",
    );
    let c = claim_with_cue(&doc, "estimated");
    let sources: Vec<&str> = c.sources.iter().map(|s| doc.str(s.span)).collect();
    assert_eq!(
        sources,
        ["Norway", "the Commission", "British intelligence"]
    );
}

#[test]
fn a_claim_reported_inside_a_quote_is_nested() {
    let doc = run(
        "\"Local officials said on Monday that the dam had held through the night,\" the newspaper wrote.",
    );
    let outer = claim_with_cue(&doc, "wrote");
    let inner = claim_with_cue(&doc, "said");
    assert_eq!(doc.str(inner.sources[0].span), "Local officials");
    let outer_id = doc
        .claims
        .iter()
        .position(|c| std::ptr::eq(c, outer))
        .unwrap();
    assert_eq!(inner.parent.map(|p| p.index()), Some(outer_id));
    assert_eq!(outer.parent, None);
}

#[test]
fn a_pronoun_speaker_is_the_last_person_named() {
    let mut doc = Document::new(
        "t",
        "Maria Lopez visited the plant on Tuesday. She said that the repairs would take a month.",
    );
    let maria = mention(&mut doc, "Maria Lopez", 0, EntityLabel::Person, None);
    stage().run(&mut doc);
    let c = claim_with_cue(&doc, "said");
    assert_eq!(doc.str(c.sources[0].span), "She");
    assert_eq!(c.sources[0].entity, Some(maria));
}

#[test]
fn the_publication_is_the_last_news_outlet_named() {
    let mut doc = Document::new(
        "t",
        "The Daily Courier broke the story on Friday. The Harbor Authority declined to comment. The publication reported that the harbour would be dredged.",
    );
    let courier = mention(&mut doc, "The Daily Courier", 0, EntityLabel::Org, None);
    mention(&mut doc, "The Harbor Authority", 0, EntityLabel::Org, None);
    stage().run(&mut doc);
    let c = claim_with_cue(&doc, "reported");
    assert_eq!(doc.str(c.sources[0].span), "The publication");
    assert_eq!(c.sources[0].entity, Some(courier));
}

#[test]
fn the_ministry_is_the_last_ministry_named() {
    let mut doc = Document::new(
        "t",
        "The Ministry of Health opened an inquiry. The ministry said that the vaccine supply was sufficient.",
    );
    let ministry = mention(&mut doc, "Ministry of Health", 0, EntityLabel::Org, None);
    stage().run(&mut doc);
    let c = claim_with_cue(&doc, "said");
    assert_eq!(c.sources[0].entity, Some(ministry));
}

#[test]
fn an_embedded_post_belongs_to_its_signer() {
    let doc = run(
        "The mayor posted a message overnight.\nThe river is falling and the shelters stay open until Monday.\n— Tom Reyes (@TomReyesMayor) April 2, 2025\nResidents welcomed the news.",
    );
    let c = claim_with_cue(&doc, "—");
    assert_eq!(doc.str(c.sources[0].span), "Tom Reyes");
    assert_eq!(
        content_text(&doc, c),
        "The river is falling and the shelters stay open until Monday."
    );
}

#[test]
fn hedged_claims_have_no_source() {
    let doc = run(
        "It is believed the convoy crossed the border at night. There are reports that the airport was closed.",
    );
    for cue in ["It is believed", "There are reports"] {
        let c = claim_with_cue(&doc, cue);
        assert!(c.sources.is_empty(), "{cue}");
        assert!(c.is_hedged(), "{cue}");
    }
    assert!(
        content_text(&doc, claim_with_cue(&doc, "There are reports"))
            .starts_with("the airport was closed")
    );
}

#[test]
fn two_hedges_in_one_sentence_are_two_claims() {
    let doc = run(
        "It is believed the ferry left the harbour before dawn, and there are reports that a second boat turned back.",
    );
    let believed = claim_with_cue(&doc, "It is believed");
    assert_eq!(
        content_text(&doc, believed),
        "the ferry left the harbour before dawn"
    );
    let reports = claim_with_cue(&doc, "there are reports");
    assert!(reports.sources.is_empty() && reports.is_hedged());
    assert_eq!(content_text(&doc, reports), "a second boat turned back");
}

#[test]
fn what_was_not_said_is_no_claim() {
    let doc = run(
        "The army said its drones had hit a fuel depot near the coast, without mentioning the bridge.",
    );
    let cues: Vec<&str> = doc
        .claims
        .iter()
        .filter_map(|c| c.cue)
        .map(|s| doc.str(s))
        .collect();
    assert_eq!(cues, ["said"]);
}

#[test]
fn a_text_that_ends_on_its_cue_is_read_without_a_panic() {
    for text in [
        "The bridge will close on Monday, said",
        "“The bridge will close on Monday,” said",
    ] {
        let doc = run(text);
        assert!(doc.claims.iter().all(|c| c.sources.is_empty()), "{text}");
    }
}

#[test]
fn a_passive_cue_stands_without_a_source() {
    let doc = run("Turnout is expected to rise sharply in the northern districts.");
    let c = claim_with_cue(&doc, "is expected");
    assert!(c.sources.is_empty());
    assert!(content_text(&doc, c).contains("to rise sharply"));
}

#[test]
fn the_medium_and_time_of_a_statement_are_kept() {
    let mut doc = Document::new(
        "t",
        "The governor said on Facebook on Monday that schools would reopen.",
    );
    let monday = doc.text.find("Monday").unwrap();
    doc.times.push(dossier_core::Timex {
        span: Span::new(monday, monday + 6),
        kind: dossier_core::TimexType::Date,
        value: "2025-03-03".into(),
        modifier: None,
        anchored: true,
        bound: None,
    });
    stage().run(&mut doc);
    let c = claim_with_cue(&doc, "said");
    assert_eq!(c.medium.map(|m| doc.str(m)), Some("on Facebook"));
    assert_eq!(c.time.map(|t| t.index()), Some(0));
}

#[test]
fn text_without_attribution_gives_no_claims_and_odd_input_no_panic() {
    assert!(
        run("The sun rose over the hills. Farmers went to work.")
            .claims
            .is_empty()
    );
    for text in [
        "",
        "\"",
        "“”",
        "— —",
        "said said said",
        "\"\n\n\"\n:",
        "Київ…\n— Ann Lee",
        "A:\nB: “\n\n“ ― X",
    ] {
        run(text);
    }
}

#[test]
fn a_paraphrase_ends_where_a_quotation_follows_it() {
    let doc = run(
        "The mayor said the bridge would reopen by the end of the month. \u{201c}We have the crews and the money. We will be done in May.\u{201d}",
    );
    let said = claim_with_cue(&doc, "said");
    let content: Vec<&str> = said.content.iter().map(|s| doc.str(*s)).collect();
    assert_eq!(content, ["the bridge would reopen by the end of the month"]);
    assert_eq!(said.kind, ClaimKind::Indirect);
}

#[test]
fn a_speaking_verb_with_a_short_object_inside_a_quote_is_no_report() {
    let doc = run(
        "\"The mayor said nothing of the kind. Then the council voted the other way,\" the resident told reporters.",
    );
    assert_eq!(
        render(&doc),
        [
            "direct | the resident | told | \"The mayor said nothing of the kind. Then the council voted the other way,\""
        ]
    );
}

#[test]
fn a_plain_report_is_kept_with_a_high_confidence_and_a_rule_claim_has_none() {
    let doc = run(
        "The minister said the new tax would be scrapped next year. There are reports that the \
         airport was closed.",
    );
    let said = claim_with_cue(&doc, "said")
        .confidence
        .expect("a confidence");
    assert!(said > 0.5 && said < 1.0, "{said}");
    assert_eq!(claim_with_cue(&doc, "There are reports").confidence, None);
}

#[test]
fn a_quotation_with_its_own_speaker_is_not_added_to_the_report_before_it() {
    let doc = run(
        "The port of Odesa reopened on Tuesday, the harbour master said. \
         \"Ships are moving again,\" she told reporters.",
    );
    let said = claim_with_cue(&doc, "said");
    assert_eq!(
        content_text(&doc, said),
        "The port of Odesa reopened on Tuesday"
    );
    assert_eq!(said.kind, ClaimKind::Indirect);
    let told = claim_with_cue(&doc, "told");
    assert!(content_text(&doc, told).contains("Ships are moving again"));
}
