//! Resolution rules on documents whose mentions are placed by hand, so that each test
//! pins one rule whatever the tagger does; and the whole stage on a short report.

use dossier_core::{Document, EntityLabel, Mention, Span, Stage};
use dossier_entities::{EntityStage, resolve::resolve};

/// A document with a mention on the `n`th occurrence of each given text.
fn doc(text: &str, mentions: &[(&str, usize, EntityLabel)]) -> Document {
    let mut d = Document::new("t", text);
    for &(s, n, label) in mentions {
        let start = text
            .match_indices(s)
            .nth(n)
            .unwrap_or_else(|| panic!("{s} #{n} not in text"))
            .0;
        d.mentions.push(Mention {
            span: Span::new(start, start + s.len()),
            label,
            entity: None,
        });
    }
    d
}

/// (mention text, entity name) for every mention, in text order.
fn resolved(d: &Document) -> Vec<(String, String)> {
    d.mentions
        .iter()
        .map(|m| (d.str(m.span).to_string(), d.entity_of_mention(m)))
        .collect()
}

trait EntityName {
    fn entity_of_mention(&self, m: &Mention) -> String;
}

impl EntityName for Document {
    fn entity_of_mention(&self, m: &Mention) -> String {
        self.entities[m.entity.expect("every mention is resolved").index()]
            .name
            .clone()
    }
}

use EntityLabel::*;

#[test]
fn acronyms_and_aliases_defined_next_to_a_name_join_it() {
    let text = "The Security Service of Ukraine (SSU), also known as SBU, said on Monday that \
                it detained two men. The SSU did not name them. An SBU officer said more. \
                The Financial Times (FT) first reported the arrests; the FT cited sources.";
    let mut d = doc(
        text,
        &[
            ("Security Service of Ukraine", 0, Org),
            ("SSU", 0, Org),
            ("Financial Times", 0, Org),
        ],
    );
    resolve(&mut d);
    let ssu = "Security Service of Ukraine".to_string();
    let ft = "Financial Times".to_string();
    let got = resolved(&d);
    assert_eq!(
        got,
        [
            (ssu.clone(), ssu.clone()),
            ("SSU".into(), ssu.clone()),
            ("SBU".into(), ssu.clone()),
            ("SSU".into(), ssu.clone()),
            ("SBU".into(), ssu.clone()),
            (ft.clone(), ft.clone()),
            ("FT".into(), ft.clone()),
            ("FT".into(), ft.clone()),
        ],
        "aliases, where defined and later, become mentions of the full name's entity"
    );
    assert!(d.mentions.iter().all(|m| m.label == Org));
}

#[test]
fn an_outlet_cited_by_its_initials_takes_its_full_name() {
    let text = "The harbour reopened on Friday, the FT reported. Officials told AFP the \
                channel was clear. The ABC League said nothing.";
    let mut d = doc(text, &[("FT", 0, Org), ("AFP", 0, Org), ("ABC", 0, Org)]);
    resolve(&mut d);
    let got = resolved(&d);
    assert_eq!(
        got,
        [
            ("FT".into(), "Financial Times".into()),
            ("AFP".into(), "Agence France-Presse".into()),
            ("ABC".into(), "ABC".into()),
        ],
        "known outlets are spelled out; other initials stay as written"
    );
    assert_eq!(
        d.entities[0].key, "org:financial times",
        "one key with the spelled-out name"
    );
}

#[test]
fn a_surname_alone_joins_the_full_name_even_when_spelled_differently() {
    let text = "Volodymyr Zelensky met the envoy in Kyiv. Zelenskyy said later that Zelenskiy's \
                office would publish the text. Kiev has not commented.";
    let mut d = doc(
        text,
        &[
            ("Volodymyr Zelensky", 0, Person),
            ("Kyiv", 0, Gpe),
            ("Zelenskyy", 0, Person),
            ("Zelenskiy", 0, Person),
            ("Kiev", 0, Gpe),
        ],
    );
    resolve(&mut d);
    let names: Vec<String> = resolved(&d).into_iter().map(|(_, e)| e).collect();
    assert_eq!(
        names,
        [
            "Volodymyr Zelensky",
            "Kyiv",
            "Volodymyr Zelensky",
            "Volodymyr Zelensky",
            "Kyiv"
        ]
    );
    assert_eq!(d.entities.len(), 2);
    let person = d.entities.iter().find(|e| e.label == Person).unwrap();
    assert_eq!(
        person.key, "person:volodimir zelenski",
        "the key is the same for every spelling"
    );
}

#[test]
fn a_handle_in_brackets_after_a_name_is_that_person() {
    let text = "— Volodymyr Zelenskyy (@ZelenskyyUa) January 11, 2025";
    let mut d = doc(text, &[("Volodymyr Zelenskyy", 0, Person)]);
    resolve(&mut d);
    assert_eq!(
        resolved(&d),
        [
            ("Volodymyr Zelenskyy".into(), "Volodymyr Zelenskyy".into()),
            ("@ZelenskyyUa".into(), "Volodymyr Zelenskyy".into()),
        ]
    );
    assert_eq!(d.mentions[1].label, Person);
}

#[test]
fn demonyms_resolve_to_their_country() {
    let text = "North Korean troops fought near Kursk, and more North Koreans are expected.";
    let mut d = doc(
        text,
        &[("North Korean", 0, Norp), ("North Koreans", 0, Norp)],
    );
    resolve(&mut d);
    assert_eq!(
        d.entities.len(),
        1,
        "singular and plural demonyms are one group"
    );
    assert_eq!(d.entities[0].country.as_deref(), Some("KP"));
    assert_eq!(d.entities[0].key, "norp:KP");
}

#[test]
fn titles_are_kept_apart_from_names() {
    let text = "Ukraine President Volodymyr Zelensky spoke. Later President Zelensky left.";
    let mut d = doc(
        text,
        &[
            ("Ukraine President Volodymyr Zelensky", 0, Person),
            ("President Zelensky", 0, Person),
        ],
    );
    resolve(&mut d);
    let got: Vec<(String, EntityLabel)> = d
        .mentions
        .iter()
        .map(|m| (d.str(m.span).to_string(), m.label))
        .collect();
    assert_eq!(
        got,
        [
            ("Ukraine".to_string(), Gpe),
            ("Volodymyr Zelensky".to_string(), Person),
            ("Zelensky".to_string(), Person)
        ]
    );
    assert_eq!(d.entity_of_mention(&d.mentions[2]), "Volodymyr Zelensky");
    assert_eq!(
        d.entities[d.mentions[0].entity.unwrap().index()]
            .country
            .as_deref(),
        Some("UA")
    );
}

#[test]
fn the_stage_tags_and_resolves_a_short_report() {
    let text = "KYIV, Jan 11 (Reuters) - Ukrainian President Volodymyr Zelenskiy said on Saturday \
                that Ukrainian forces had captured two North Korean soldiers in Russia's Kursk region. \
                Zelenskiy posted photographs of the men on Telegram.";
    let mut d = Document::new("t", text);
    let stage = EntityStage::load();
    stage.run(&mut d);
    let find = |s: &str| {
        d.mentions
            .iter()
            .find(|m| d.str(m.span) == s)
            .unwrap_or_else(|| panic!("no mention {s}: {:?}", resolved(&d)))
    };
    assert_eq!(find("Volodymyr Zelenskiy").label, Person);
    assert_eq!(find("KYIV").label, Gpe);
    let later = d
        .mentions
        .iter()
        .rfind(|m| d.str(m.span) == "Zelenskiy")
        .unwrap();
    assert_eq!(d.entity_of_mention(later), "Volodymyr Zelenskiy");
    let korean = find("North Korean");
    assert_eq!(korean.label, Norp);
    assert_eq!(
        d.entities[korean.entity.unwrap().index()]
            .country
            .as_deref(),
        Some("KP")
    );
    assert!(d.diagnostics.is_empty());
}
