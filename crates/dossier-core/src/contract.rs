//! The scorer's JSONL contract: input lines in, one output line per document out.
//!
//! Offsets in this format are code points of the text (Python string indices); the
//! conversion from dossier's byte spans happens here and nowhere else.

use crate::latin::ascii_latin;
use crate::layers::*;
use crate::span::CharIndex;
use crate::{Document, Metadata, Span};
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::{Value, json};
use std::io::{BufRead, Write};

/// One input line, as `score.py input` writes them.
#[derive(Debug, Deserialize)]
pub struct InputLine {
    pub id: Option<Value>,
    pub text: Option<String>,
    pub html: Option<String>,
    pub published: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum LineError {
    #[error("not JSON: {0}")]
    NotJson(#[from] serde_json::Error),
    #[error("no \"id\"")]
    NoId,
    #[error("neither \"text\" nor \"html\"")]
    NoText,
}

impl InputLine {
    pub fn parse(line: &str) -> Result<InputLine, LineError> {
        let input: InputLine = serde_json::from_str(line)?;
        if input.id.as_ref().is_none_or(Value::is_null) {
            return Err(LineError::NoId);
        }
        if input.text.is_none() && input.html.is_none() {
            return Err(LineError::NoText);
        }
        Ok(input)
    }

    /// The id as a string, whether the line gave a string or a number.
    pub fn id_string(&self) -> String {
        match &self.id {
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => String::new(),
        }
    }

    /// The metadata the line carries. An unreadable date is left out, not guessed.
    pub fn metadata(&self) -> Metadata {
        Metadata {
            title: self.title.clone(),
            url: self.url.clone(),
            source: self.source.clone(),
            published: self.published.as_deref().and_then(parse_date),
            ..Metadata::default()
        }
    }
}

/// Reads `YYYY-MM-DD`, optionally followed by a time (`1987-02-26T15:01:01`).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

/// The output line for a document. `with_text` adds the text, for inputs that gave HTML.
pub fn to_output(doc: &Document, with_text: bool) -> Value {
    let index = CharIndex::new(&doc.text);
    let pair = |s: Span| {
        let (a, b) = index.span_to_chars(s);
        json!([a, b])
    };
    let entity_name = |e: Option<EntityId>| e.map(|e| doc.entities[e.index()].name.clone());

    let entities: Vec<Value> = doc
        .mentions
        .iter()
        .map(|m| {
            let (start, end) = index.span_to_chars(m.span);
            json!({"start": start, "end": end, "label": m.label.as_str(),
                   "entity": entity_name(m.entity).unwrap_or_else(|| doc.str(m.span).to_string())})
        })
        .collect();

    let claims: Vec<Value> = doc
        .claims
        .iter()
        .map(|c| {
            let first = c.sources.first();
            json!({
                "content": c.content_cover().map(pair),
                "content_spans": c.content.iter().map(|s| pair(*s)).collect::<Vec<_>>(),
                "speaker": first.map(|s| pair(s.span)),
                "speaker_entity": first.and_then(|s| entity_name(s.entity)),
                "sources": c.sources.iter().map(|s| json!({"span": pair(s.span), "entity": entity_name(s.entity)})).collect::<Vec<_>>(),
                "cue": c.cue.map(pair),
                "kind": c.kind.as_str(),
                "hedged": c.is_hedged(),
                "parent": c.parent.map(|p| p.0),
                "confidence": c.confidence,
            })
        })
        .collect();

    let times: Vec<Value> = doc
        .times
        .iter()
        .map(|t| {
            let (start, end) = index.span_to_chars(t.span);
            json!({"start": start, "end": end, "type": t.kind.as_str(), "value": t.value, "mod": t.modifier})
        })
        .collect();

    let places: Vec<Value> = doc
        .places
        .iter()
        .map(|p| {
            let (start, end) = index.span_to_chars(p.span);
            json!({"start": start, "end": end, "name": p.name, "lat": p.lat, "lon": p.lon,
                   "geonames_id": p.geonames_id, "country": p.country, "admin1": p.admin1})
        })
        .collect();

    let events: Vec<Value> = doc
        .events
        .iter()
        .map(|e| {
            let place = e.place.map(|p| &doc.places[p.index()]);
            json!({
                "type": e.kind,
                "trigger": pair(e.trigger),
                "plover": e.plover.as_ref().map(|p| json!({"type": p.event_type, "mode": p.mode})),
                "acled": e.acled.as_ref().map(|a| json!({"event_type": a.event_type, "sub_event_type": a.sub_event_type})),
                "date": e.date,
                // Whether the date was read from the text or is only the report's own.
                "date_from": e.date_from(),
                // As ACLED writes locations: names in plain ASCII ("Nuevo Leon").
                "location": place.map(|p| json!({"name": ascii_latin(&p.name), "lat": p.lat, "lon": p.lon,
                                                 "admin1": p.admin1.as_deref().map(ascii_latin), "country": p.country})),
                "actors": e.actors.iter().map(|a| participant_name(doc, a)).collect::<Vec<_>>(),
                "targets": e.targets.iter().map(|a| participant_name(doc, a)).collect::<Vec<_>>(),
                "fatalities": e.fatalities,
                "modality": e.modality.as_str(),
                "claim": e.claim.map(|c| c.0),
            })
        })
        .collect();

    let mut out = json!({
        "id": doc.id,
        "entities": entities,
        "claims": claims,
        "times": times,
        "places": places,
        "events": events,
    });
    if with_text {
        out["text"] = Value::String(doc.text.clone());
    }
    out
}

fn participant_name(doc: &Document, p: &Participant) -> String {
    match p.entity {
        Some(e) => doc.entities[e.index()].name.clone(),
        None => doc.str(p.span).to_string(),
    }
}

/// Runs `analyse` over every `text` line of `input`, writing output lines; lines without
/// text, or that are not JSON, are reported on standard error and skipped. For the stage
/// crates' development examples; the engine's `extract` is the parallel, complete form.
pub fn run_text_lines(
    input: impl BufRead,
    mut output: impl Write,
    analyse: impl Fn(&mut Document),
) -> std::io::Result<()> {
    for (n, line) in input.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let parsed = match InputLine::parse(&line) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("line {}: {e}", n + 1);
                continue;
            }
        };
        let Some(text) = parsed.text.clone() else {
            eprintln!("line {}: only text lines are read here", n + 1);
            continue;
        };
        let mut doc = Document::new(parsed.id_string(), text).with_meta(parsed.metadata());
        analyse(&mut doc);
        serde_json::to_writer(&mut output, &to_output(&doc, false))?;
        output.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_code_points() {
        let mut doc = Document::new("d", "Київ — Kyiv");
        let start = doc.text.find("Kyiv").unwrap();
        doc.mentions.push(Mention {
            span: Span::new(start, start + 4),
            label: EntityLabel::Gpe,
            entity: None,
        });
        let out = to_output(&doc, false);
        assert_eq!(out["entities"][0]["start"], 7);
        assert_eq!(out["entities"][0]["end"], 11);
    }

    #[test]
    fn bad_lines_say_why() {
        assert!(matches!(
            InputLine::parse("{oops"),
            Err(LineError::NotJson(_))
        ));
        assert!(matches!(
            InputLine::parse(r#"{"text": "x"}"#),
            Err(LineError::NoId)
        ));
        assert!(matches!(
            InputLine::parse(r#"{"id": 3}"#),
            Err(LineError::NoText)
        ));
        assert_eq!(
            InputLine::parse(r#"{"id": 3, "text": ""}"#)
                .unwrap()
                .id_string(),
            "3"
        );
    }
}
