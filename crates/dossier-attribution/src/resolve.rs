//! Linking claims to the rest of the document: sources to entities (names, "he",
//! "the ministry", "the publication"), several sources out of one list, claims to the
//! claims they are reported in, and to their times and quantities.

use dossier_core::{
    Claim, ClaimId, Document, EntityId, EntityLabel, QuantityId, Source, Span, TimeId, TokenKind,
};

/// Words that may close a list of sources without being one: "X, Y and Z all said".
const LIST_TAILS: &[&str] = &["all", "both", "each", "too", "also"];

/// Splits a source that lists several speakers ("Norway, the Commission, and British
/// intelligence") into one span each. An apposition ("Jane Doe, a senator")
/// has no conjunction and stays whole.
pub fn split_sources(doc: &Document, span: Span) -> Vec<Span> {
    let mut toks: Vec<usize> = doc.tokens_in(span).collect();
    while toks.len() > 1
        && LIST_TAILS.contains(&doc.token_str(*toks.last().unwrap()).to_lowercase().as_str())
    {
        toks.pop();
    }
    let whole = || {
        vec![Span::new(
            doc.tokens[toks[0]].span.start as usize,
            doc.tokens[*toks.last().unwrap()].span.end as usize,
        )]
    };
    if toks.is_empty() {
        return vec![span];
    }
    let is_conj = |i: usize| matches!(doc.token_str(i), "and" | "or");
    if !toks.iter().any(|&i| is_conj(i))
        || toks.iter().any(|&i| matches!(doc.token_str(i), "(" | ")"))
    {
        return whole();
    }
    let mut parts: Vec<Vec<usize>> = vec![Vec::new()];
    for &i in &toks {
        if is_conj(i) || doc.token_str(i) == "," {
            if !parts.last().unwrap().is_empty() {
                parts.push(Vec::new());
            }
        } else {
            parts.last_mut().unwrap().push(i);
        }
    }
    parts.retain(|p| !p.is_empty());
    // Each member must look like a name: a mention, or capitalised after its article.
    let named = |p: &Vec<usize>| {
        let span = Span::new(
            doc.tokens[p[0]].span.start as usize,
            doc.tokens[*p.last().unwrap()].span.end as usize,
        );
        let head = p
            .iter()
            .find(|&&i| !matches!(doc.token_str(i), "the" | "The"));
        doc.mentions.iter().any(|m| m.span.overlaps(span))
            || head.is_some_and(|&i| {
                doc.token_str(i)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            })
    };
    if parts.len() < 2 || parts.iter().any(|p| p.len() > 4 || !named(p)) {
        return whole();
    }
    parts
        .iter()
        .map(|p| {
            Span::new(
                doc.tokens[p[0]].span.start as usize,
                doc.tokens[*p.last().unwrap()].span.end as usize,
            )
        })
        .collect()
}

const PERSON_PRONOUNS: &[&str] = &["he", "she", "him", "her", "his"];

/// Names a report's "he" does not refer back to: "a moment of great conversion to God,"
/// he said" is the archbishop's.
const DEITIES: &[&str] = &[
    "god",
    "jesus",
    "christ",
    "jesus christ",
    "allah",
    "the lord",
    "lord",
];

/// Nouns by which a report refers back to a news outlet.
const MEDIA_NOUNS: &[&str] = &[
    "publication",
    "newspaper",
    "paper",
    "outlet",
    "magazine",
    "broadcaster",
    "channel",
    "network",
    "site",
    "website",
    "daily",
    "tabloid",
    "agency",
    "report",
];

/// Words that make an organisation's name a news outlet's.
const MEDIA_NAMES: &[&str] = &[
    "times",
    "post",
    "news",
    "journal",
    "ft",
    "reuters",
    "bbc",
    "cnn",
    "ap",
    "afp",
    "guardian",
    "telegraph",
    "tribune",
    "herald",
    "gazette",
    "press",
    "tv",
    "radio",
    "daily",
    "magazine",
    "wire",
    "bloomberg",
    "politico",
    "axios",
    "economist",
    "tass",
    "ria",
    "interfax",
    "pravda",
    "nbc",
    "abc",
    "cbs",
    "fox",
    "msnbc",
    "npr",
    "pbs",
    "yonhap",
    "independent",
    "insider",
    "kommersant",
    "meduza",
];

fn entity_of(doc: &Document, mention: usize) -> Option<EntityId> {
    doc.mentions[mention].entity
}

fn mention_text(doc: &Document, mention: usize) -> String {
    doc.mentions[mention]
        .entity
        .map_or_else(
            || doc.str(doc.mentions[mention].span).to_string(),
            |e| doc.entities[e.index()].name.clone(),
        )
        .to_lowercase()
}

/// The entity a source refers to: a name inside it, or for a pronoun or a definite
/// description ("the ministry", "the publication") the last fitting entity before it.
pub fn link(doc: &Document, source: Span) -> Option<EntityId> {
    // A person named inside the source is the speaker ("Ukraine President Volodymyr
    // Zelensky"), then an organisation ("Russia's Ministry of Defence"), then any name.
    let inside: Vec<usize> = (0..doc.mentions.len())
        .filter(|&m| doc.mentions[m].span.overlaps(source) && doc.mentions[m].entity.is_some())
        .collect();
    let by_label = |label: EntityLabel| {
        inside
            .iter()
            .copied()
            .find(|&m| doc.mentions[m].label == label)
    };
    if let Some(m) = by_label(EntityLabel::Person)
        .or_else(|| by_label(EntityLabel::Org))
        .or(inside.first().copied())
    {
        return entity_of(doc, m);
    }
    let toks: Vec<usize> = doc.tokens_in(source).collect();
    let words: Vec<String> = toks
        .iter()
        .map(|&i| doc.token_str(i).to_lowercase())
        .collect();
    let before = |accept: &dyn Fn(usize) -> bool| {
        (0..doc.mentions.len()).rev().find(|&m| {
            doc.mentions[m].span.end <= source.start
                && doc.mentions[m].entity.is_some()
                && accept(m)
        })
    };
    let found = match words.as_slice() {
        [w] if PERSON_PRONOUNS.contains(&w.as_str()) => before(&|m| {
            doc.mentions[m].label == EntityLabel::Person
                && !DEITIES.contains(&mention_text(doc, m).as_str())
        }),
        [det, rest @ ..] if matches!(det.as_str(), "the" | "this" | "that") && !rest.is_empty() => {
            let head = rest.last().unwrap().as_str();
            if MEDIA_NOUNS.contains(&head) {
                // Outlets are organisations, though taggers often call a title such as
                // "The Financial Times" a work (miscellaneous).
                before(&|m| {
                    matches!(doc.mentions[m].label, EntityLabel::Org | EntityLabel::Misc)
                        && mention_text(doc, m)
                            .split(|c: char| !c.is_alphanumeric())
                            .any(|w| MEDIA_NAMES.contains(&w))
                })
            } else if toks.iter().all(|&i| doc.tokens[i].kind == TokenKind::Word) {
                before(&|m| {
                    matches!(
                        doc.mentions[m].label,
                        EntityLabel::Org | EntityLabel::Gpe | EntityLabel::Norp
                    ) && mention_text(doc, m)
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| w == head)
                })
            } else {
                None
            }
        }
        _ => None,
    };
    found.and_then(|m| entity_of(doc, m))
}

/// The whole list when the tagger found only one of its members: a sentence opening
/// "Norway, the Commission, and British intelligence (all)" right before the cue.
fn extend_to_list(doc: &Document, span: Span, cue: Span) -> Span {
    let Some(sentence) = doc.sentence_at(span.start).map(|k| doc.sentences[k]) else {
        return span;
    };
    let first = sentence.first_token as usize;
    let end = doc
        .tokens_in(Span {
            start: cue.start,
            end: cue.start,
        })
        .start;
    if span.end > cue.start
        || end <= first
        || end - first > 16
        || !doc
            .sentences
            .get(doc.sentence_at(cue.start).unwrap_or(usize::MAX))
            .is_some_and(|s| *s == sentence)
    {
        return span;
    }
    let listy =
        (first..end).all(|i| doc.tokens[i].kind == TokenKind::Word || doc.token_str(i) == ",");
    let has_conjunction = (first..end).any(|i| matches!(doc.token_str(i), "and" | "or"));
    if !listy || !has_conjunction {
        return span;
    }
    Span {
        start: doc.tokens[first].span.start,
        end: doc.tokens[end - 1].span.end,
    }
}

/// Sources of a claim from the source span the tagger found.
pub fn sources(doc: &Document, span: Span, cue: Span) -> Vec<Source> {
    let list = split_sources(doc, extend_to_list(doc, span, cue));
    let spans = if list.len() > 1 {
        list
    } else {
        split_sources(doc, span)
    };
    spans
        .into_iter()
        .map(|s| Source {
            span: s,
            entity: link(doc, s),
        })
        .collect()
}

/// Sets `parent` of each claim whose cue lies inside another claim's content (the
/// innermost such), with claim ids counted from `first_id`.
pub fn nest(claims: &mut [Claim], first_id: u32) {
    let covers: Vec<Option<Span>> = claims.iter().map(Claim::content_cover).collect();
    for j in 0..claims.len() {
        let Some(cue) = claims[j].cue else { continue };
        let parent = (0..claims.len())
            .filter(|&i| {
                i != j
                    && covers[i].is_some_and(|c| {
                        c.contains(cue) && covers[j].is_some_and(|cj| c.contains(cj) && c != cj)
                    })
            })
            .min_by_key(|&i| covers[i].map_or(u32::MAX, |c| c.end - c.start));
        claims[j].parent = parent.map(|i| ClaimId(first_id + i as u32));
    }
}

/// When it was said: the time expression in the cue's sentence outside the content,
/// nearest the cue.
pub fn time(doc: &Document, claim: &Claim) -> Option<TimeId> {
    let cue = claim.cue?;
    let sentence = doc.sentences[doc.sentence_at(cue.start)?].span;
    doc.times
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            sentence.contains(t.span) && !claim.content.iter().any(|c| c.overlaps(t.span))
        })
        .min_by_key(|(_, t)| {
            if t.span.start >= cue.end {
                t.span.start - cue.end
            } else {
                cue.start.saturating_sub(t.span.end)
            }
        })
        .map(|(k, _)| TimeId(k as u32))
}

pub fn quantities(doc: &Document, claim: &Claim) -> Vec<QuantityId> {
    doc.quantities
        .iter()
        .enumerate()
        .filter(|(_, q)| claim.content.iter().any(|c| c.contains(q.span)))
        .map(|(k, _)| QuantityId(k as u32))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_of(doc: &Document, s: &str) -> Span {
        let a = doc.text.find(s).unwrap();
        Span::new(a, a + s.len())
    }

    #[test]
    fn a_list_of_speakers_becomes_several_sources() {
        let doc = Document::new(
            "d",
            "Norway, the Commission, and British intelligence all estimated it.",
        );
        let parts: Vec<&str> = split_sources(
            &doc,
            span_of(&doc, "Norway, the Commission, and British intelligence all"),
        )
        .into_iter()
        .map(|s| doc.str(s))
        .collect();
        assert_eq!(parts, ["Norway", "the Commission", "British intelligence"]);
    }

    #[test]
    fn the_publication_is_the_outlet_named_before_whatever_its_tag() {
        let mut doc = Document::new(
            "d",
            "The Financial Times reported the plan. The publication said talks would resume.",
        );
        doc.mentions.push(dossier_core::Mention {
            span: span_of(&doc, "Financial Times"),
            label: EntityLabel::Misc,
            entity: Some(EntityId(0)),
        });
        doc.entities.push(dossier_core::Entity {
            name: "Financial Times".into(),
            label: EntityLabel::Misc,
            key: "misc:financial times".into(),
            mentions: vec![dossier_core::MentionId(0)],
            country: None,
            geonames_id: None,
        });
        assert_eq!(
            link(&doc, span_of(&doc, "The publication")),
            Some(EntityId(0))
        );
    }

    #[test]
    fn he_is_not_god() {
        let mut doc = Document::new(
            "d",
            "Archbishop Shevchuk spoke of a return to God. He said churches were full.",
        );
        for (k, (name, label)) in [
            ("Archbishop Shevchuk", EntityLabel::Person),
            ("God", EntityLabel::Person),
        ]
        .into_iter()
        .enumerate()
        {
            doc.mentions.push(dossier_core::Mention {
                span: span_of(&doc, name),
                label,
                entity: Some(EntityId(k as u32)),
            });
            doc.entities.push(dossier_core::Entity {
                name: name.into(),
                label,
                key: name.to_lowercase(),
                mentions: vec![dossier_core::MentionId(k as u32)],
                country: None,
                geonames_id: None,
            });
        }
        assert_eq!(link(&doc, span_of(&doc, "He")), Some(EntityId(0)));
    }

    #[test]
    fn an_apposition_stays_one_source() {
        let doc = Document::new("d", "Jane Doe, a senator from Ohio, said so.");
        let parts = split_sources(&doc, span_of(&doc, "Jane Doe, a senator from Ohio"));
        assert_eq!(parts.len(), 1);
    }
}
