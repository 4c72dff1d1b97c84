//! The brief: what a reader wants from one analysed report, as text or JSON.
//!
//! Every line quotes the words it came from, so each field can be checked against the
//! report; the JSON form carries the code-point offsets of those words.

use dossier_core::contract::to_output;
use dossier_core::*;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The distinct surface forms of an entity other than its canonical name.
pub fn aliases(doc: &Document, entity: &Entity) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for &m in &entity.mentions {
        let s = doc.str(doc.mentions[m.index()].span).to_string();
        if s != entity.name && !seen.contains(&s) {
            seen.push(s);
        }
    }
    seen
}

/// The speaker as a reader names it: the entity's name, unless the entity only qualifies
/// the speaker ("Ukrainian officials", "Ukraine's military"), where the words say more.
fn source_name(doc: &Document, source: &Source) -> String {
    let written = || one_line(doc.str(source.span));
    let Some(e) = source.entity else {
        return written();
    };
    let entity = &doc.entities[e.index()];
    let qualifies = entity.mentions.iter().any(|&m| {
        let m = doc.mentions[m.index()].span;
        m.start >= source.span.start
            && m.end < source.span.end
            && doc.text[m.end as usize..source.span.end as usize]
                .chars()
                .any(char::is_alphabetic)
    });
    if qualifies {
        written()
    } else {
        entity.name.clone()
    }
}

fn participant(doc: &Document, p: &Participant) -> String {
    match p.entity {
        Some(e) => doc.entities[e.index()].name.clone(),
        None => doc.str(p.span).to_string(),
    }
}

/// "at least 10,000 troops"
pub fn quantity_phrase(doc: &Document, q: &Quantity) -> String {
    let value = if q.value.fract() == 0.0 && q.value.abs() < 1e15 {
        group_thousands(q.value as i64)
    } else {
        format!("{}", q.value)
    };
    let mut s = String::new();
    if q.bound != Bound::Exact {
        s.push_str(q.bound.phrase());
        s.push(' ');
    }
    s.push_str(&value);
    if let Some(unit) = q.unit {
        s.push(' ');
        s.push_str(doc.str(unit));
    }
    s
}

fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn claim_line(doc: &Document, claim: &Claim) -> String {
    let speakers = if claim.sources.is_empty() {
        "(unattributed)".to_string()
    } else {
        claim
            .sources
            .iter()
            .map(|s| source_name(doc, s))
            .collect::<Vec<_>>()
            .join(" + ")
    };
    let mut how = Vec::new();
    if let Some(cue) = claim.cue {
        how.push(one_line(doc.str(cue)));
    }
    how.push(claim.kind.as_str().to_string());
    if let Some(medium) = claim.medium {
        how.push(one_line(doc.str(medium)));
    }
    if let Some(confidence) = claim.confidence {
        how.push(format!("{:.0}% sure", 100.0 * confidence));
    }
    let content = claim
        .content
        .iter()
        .map(|s| one_line(doc.str(*s)))
        .collect::<Vec<_>>()
        .join(" … ");
    let mut line = format!("{speakers} ({}): {content}", how.join(", "));
    if let Some(hedge) = claim.hedge {
        let _ = write!(line, "  [hedged: \"{}\"]", one_line(doc.str(hedge)));
    }
    line
}

/// "WHEN · WHERE · WHO did WHAT to WHOM · reported by SPEAKER"
pub fn event_line(doc: &Document, e: &Event) -> String {
    // A date the sentence does not state is the report's: shown as such, since the
    // event may be older ("This came after Kim visited ...").
    let when = match (&e.date, e.date_from()) {
        (Some(date), Some("report")) => format!("{date} (report's date)"),
        (Some(date), _) => date.clone(),
        (None, _) => "undated".into(),
    };
    let place = e.place.map(|p| &doc.places[p.index()]);
    let where_ = match place {
        Some(p) => match &p.admin1 {
            Some(a) if *a != p.name => format!("{}, {}, {}", p.name, a, p.country),
            _ => format!("{}, {}", p.name, p.country),
        },
        None => "somewhere unstated".into(),
    };
    let who = if e.actors.is_empty() {
        "someone".to_string()
    } else {
        e.actors
            .iter()
            .map(|a| participant(doc, a))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut what = format!("{who} {}", one_line(doc.str(e.trigger)));
    if !e.targets.is_empty() {
        let whom = e
            .targets
            .iter()
            .map(|a| participant(doc, a))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = write!(what, " → {whom}");
    }
    // Who reports it, over every telling of the event, each reporter once.
    let mut reporters: Vec<String> = Vec::new();
    for claim in e.tellings() {
        let names = match claim.map(|c| &doc.claims[c.index()]) {
            Some(c) if !c.sources.is_empty() => {
                c.sources.iter().map(|s| source_name(doc, s)).collect()
            }
            Some(_) => vec!["unnamed sources".to_string()],
            None => vec!["the report itself".to_string()],
        };
        for name in names {
            if !reporters.contains(&name) {
                reporters.push(name);
            }
        }
    }
    let reported = reporters.join(", ");
    let mut codes = vec![e.kind.clone()];
    if let Some(p) = &e.plover {
        codes.push(format!("PLOVER {}", p.event_type));
    }
    if let Some(a) = &e.acled {
        codes.push(format!("ACLED {} / {}", a.event_type, a.sub_event_type));
    }
    let mut line = format!(
        "{when} · {where_} · {what} · reported by {reported} [{}]",
        e.modality.as_str()
    );
    if let Some(f) = e.fatalities {
        let _ = write!(line, " · {f} killed");
    }
    if !e.retold.is_empty() {
        let _ = write!(line, " · told {} times", e.retold.len() + 1);
    }
    let _ = write!(line, "  ({})", codes.join("; "));
    line
}

/// The readable brief.
pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    let title = doc.meta.title.clone().unwrap_or_else(|| doc.id.clone());
    let _ = writeln!(out, "━━ {title}");
    let mut facts = Vec::new();
    if let Some(source) = &doc.meta.source {
        facts.push(source.clone());
    }
    if let Some(url) = &doc.meta.url {
        facts.push(url.clone());
    }
    match &doc.anchor {
        Some((date, DateSource::Metadata)) => facts.push(format!("dated {date}")),
        Some((date, DateSource::Address)) => facts.push(match doc.meta.published {
            Some(given) => format!("dated {date} (from its address; given as {given})"),
            None => format!("dated {date} (from its address)"),
        }),
        Some((date, DateSource::Inferred { evidence })) => facts.push(format!(
            "dated {date} (inferred from \"{}\")",
            one_line(doc.str(*evidence))
        )),
        None => facts.push("date unknown".into()),
    }
    if !doc.meta.authors.is_empty() {
        facts.push(format!("by {}", doc.meta.authors.join(", ")));
    }
    let _ = writeln!(out, "   {}", facts.join(" · "));

    if !doc.entities.is_empty() {
        let _ = writeln!(out, "\nENTITIES");
        let mut order: Vec<&Entity> = doc.entities.iter().collect();
        order.sort_by_key(|e| (e.label, std::cmp::Reverse(e.mentions.len())));
        for e in order {
            let mut line = format!("  {} [{}]", e.name, e.label.as_str());
            let aka = aliases(doc, e);
            if !aka.is_empty() {
                let _ = write!(line, " = {}", aka.join(" = "));
            }
            if let Some(c) = &e.country {
                let _ = write!(line, " · country {c}");
            }
            if let Some(g) = e.geonames_id {
                let _ = write!(line, " · GeoNames {g}");
            }
            let _ = write!(
                line,
                " · {} mention{}",
                e.mentions.len(),
                if e.mentions.len() == 1 { "" } else { "s" }
            );
            let _ = writeln!(out, "{line}");
        }
    }

    if !doc.claims.is_empty() {
        let _ = writeln!(out, "\nCLAIMS");
        // Top-level claims grouped by speaker, each followed by the claims it reports.
        let mut groups: BTreeMap<usize, (String, Vec<usize>)> = BTreeMap::new();
        let mut first_seen: Vec<String> = Vec::new();
        for (i, c) in doc
            .claims
            .iter()
            .enumerate()
            .filter(|(_, c)| c.parent.is_none())
        {
            let key = c
                .sources
                .iter()
                .map(|s| source_name(doc, s))
                .collect::<Vec<_>>()
                .join(" + ");
            let slot = first_seen
                .iter()
                .position(|k| *k == key)
                .unwrap_or_else(|| {
                    first_seen.push(key.clone());
                    first_seen.len() - 1
                });
            groups
                .entry(slot)
                .or_insert_with(|| (key, Vec::new()))
                .1
                .push(i);
        }
        for (_, (_, claims)) in groups {
            for i in claims {
                write_claim_tree(doc, i, 1, &mut out);
            }
        }
    }

    if !doc.times.is_empty() {
        let _ = writeln!(out, "\nTIMES");
        for t in &doc.times {
            let mut m = t
                .modifier
                .as_ref()
                .map(|m| format!(" ({m})"))
                .unwrap_or_default();
            if let Some(b) = t.bound {
                m.push_str(&format!(" · interval {}", b.as_str()));
            }
            let _ = writeln!(
                out,
                "  \"{}\" → {}{m} [{}]",
                one_line(doc.str(t.span)),
                t.value,
                t.kind.as_str()
            );
        }
    }

    if !doc.places.is_empty() {
        let _ = writeln!(out, "\nPLACES");
        for p in &doc.places {
            let admin = p
                .admin1
                .as_ref()
                .filter(|a| **a != p.name)
                .map(|a| format!(", {a}"))
                .unwrap_or_default();
            let id = p
                .geonames_id
                .map(|g| format!(" · GeoNames {g}"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  \"{}\" → {}{admin}, {} ({:.4}, {:.4}) · {:?}{id}",
                one_line(doc.str(p.span)),
                p.name,
                p.country,
                p.lat,
                p.lon,
                p.precision
            );
        }
    }

    if !doc.quantities.is_empty() {
        let _ = writeln!(out, "\nNUMBERS");
        for q in &doc.quantities {
            let _ = writeln!(
                out,
                "  {}   ← \"{}\"",
                quantity_phrase(doc, q),
                one_line(doc.str(q.span))
            );
        }
    }

    if !doc.events.is_empty() {
        let _ = writeln!(out, "\nEVENTS");
        for e in &doc.events {
            let _ = writeln!(out, "  {}", event_line(doc, e));
        }
    }

    if !doc.diagnostics.is_empty() {
        let _ = writeln!(out, "\nDIAGNOSTICS");
        for d in &doc.diagnostics {
            let _ = writeln!(out, "  {:?} in {}: {}", d.severity, d.origin, d.message);
        }
    }
    out
}

fn write_claim_tree(doc: &Document, i: usize, depth: usize, out: &mut String) {
    let _ = writeln!(
        out,
        "{}{}",
        "  ".repeat(depth),
        claim_line(doc, &doc.claims[i])
    );
    for (j, c) in doc.claims.iter().enumerate() {
        if c.parent == Some(ClaimId(i as u32)) {
            write_claim_tree(doc, j, depth + 2, out);
        }
    }
}

/// The brief as JSON: the scorer's output line plus metadata, entity groups with their
/// aliases, numbers and diagnostics.
pub fn to_json(doc: &Document) -> Value {
    let mut out = to_output(doc, false);
    let index = CharIndex::new(&doc.text);
    out["meta"] = json!({
        "title": doc.meta.title, "url": doc.meta.url, "source": doc.meta.source, "origin": doc.meta.origin,
        "authors": doc.meta.authors, "published": doc.meta.published.map(|d| d.to_string()),
    });
    out["anchor"] = match &doc.anchor {
        Some((date, DateSource::Metadata)) => json!({"date": date.to_string(), "from": "metadata"}),
        Some((date, DateSource::Address)) => json!({"date": date.to_string(), "from": "address"}),
        Some((date, DateSource::Inferred { evidence })) => {
            let (a, b) = index.span_to_chars(*evidence);
            json!({"date": date.to_string(), "from": "inferred", "evidence": [a, b]})
        }
        None => Value::Null,
    };
    out["entity_groups"] = doc
        .entities
        .iter()
        .map(|e| {
            json!({"name": e.name, "label": e.label.as_str(), "key": e.key, "aliases": aliases(doc, e),
                   "country": e.country, "geonames_id": e.geonames_id, "mentions": e.mentions.len()})
        })
        .collect();
    out["quantities"] = doc
        .quantities
        .iter()
        .map(|q| {
            let (a, b) = index.span_to_chars(q.span);
            json!({"span": [a, b], "value": q.value, "bound": q.bound, "unit": q.unit.map(|u| doc.str(u)),
                   "phrase": quantity_phrase(doc, q)})
        })
        .collect();
    out["diagnostics"] = serde_json::to_value(&doc.diagnostics).unwrap_or(Value::Null);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_a_reader_writes_them() {
        let mut doc = Document::new("q", "at least 10000 troops");
        doc.quantities.push(Quantity {
            span: Span::new(0, 21),
            value: 10000.0,
            bound: Bound::AtLeast,
            unit: Some(Span::new(15, 21)),
        });
        assert_eq!(
            quantity_phrase(&doc, &doc.quantities[0]),
            "at least 10,000 troops"
        );
        assert_eq!(group_thousands(-1234567), "-1,234,567");
    }

    #[test]
    fn an_event_dated_only_by_the_report_says_so() {
        let text = "Rebels shelled the port on Monday. They also seized a depot.";
        let mut doc = Document::new("e", text);
        doc.times.push(Timex {
            span: Span::new(27, 33),
            kind: TimexType::Date,
            value: "2025-03-10".into(),
            modifier: None,
            anchored: true,
            bound: None,
        });
        let event = |trigger: &str, time: Option<TimeId>, date: &str| {
            let at = text.find(trigger).unwrap();
            Event {
                kind: "attack".into(),
                trigger: Span::new(at, at + trigger.len()),
                plover: None,
                acled: None,
                actors: vec![],
                targets: vec![],
                place: None,
                time,
                date: Some(date.into()),
                quantities: vec![],
                fatalities: None,
                modality: Modality::Asserted,
                claim: None,
                evidence: Span::new(0, text.len()),
                retold: vec![],
            }
        };
        let stated = event_line(&doc, &event("shelled", Some(TimeId(0)), "2025-03-10"));
        let assumed = event_line(&doc, &event("seized", None, "2025-03-14"));
        assert!(stated.starts_with("2025-03-10 · "), "{stated}");
        assert!(
            assumed.starts_with("2025-03-14 (report's date) · "),
            "{assumed}"
        );
    }

    #[test]
    fn a_speaker_the_entity_only_qualifies_is_named_by_its_words() {
        let text = "Ukrainian officials said it. President Ana Kos said so.";
        let mut doc = Document::new("s", text);
        let span = |s: &str| {
            let at = text.find(s).unwrap();
            Span::new(at, at + s.len())
        };
        for (name, label) in [
            ("Ukrainian", EntityLabel::Norp),
            ("Ana Kos", EntityLabel::Person),
        ] {
            doc.mentions.push(Mention {
                span: span(name),
                label,
                entity: Some(EntityId(doc.entities.len() as u32)),
            });
            doc.entities.push(Entity {
                name: name.to_string(),
                label,
                key: name.to_lowercase(),
                mentions: vec![MentionId(doc.mentions.len() as u32 - 1)],
                country: None,
                geonames_id: None,
            });
        }
        let officials = Source {
            span: span("Ukrainian officials"),
            entity: Some(EntityId(0)),
        };
        let president = Source {
            span: span("President Ana Kos"),
            entity: Some(EntityId(1)),
        };
        assert_eq!(source_name(&doc, &officials), "Ukrainian officials");
        assert_eq!(
            source_name(&doc, &president),
            "Ana Kos",
            "the entity is the speaker"
        );
    }
}
