//! Stored events in the formats other tools read: ACLED's CSV, JSON lines, GeoJSON.

use anyhow::Result;
use clap::ValueEnum;
use dossier_core::latin::ascii_latin;
use dossier_store::{EventFilter, EventRow, Store};
use serde_json::json;
use std::io::Write;
use std::path::Path;

#[derive(Copy, Clone, ValueEnum)]
pub enum Format {
    /// ACLED's column names and formats, so an ACLED user's scripts load it unchanged.
    AcledCsv,
    Jsonl,
    /// A FeatureCollection of the events with coordinates and of the places named, each
    /// with a `layer` property, `event` or `place` (loads in QGIS).
    Geojson,
}

/// ACLED's export columns, in ACLED's order. Place names are written in plain ASCII,
/// as ACLED writes them.
const ACLED_COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// ACLED's disorder type for an event type.
fn disorder_type(event_type: &str) -> &'static str {
    match event_type {
        "Protests" | "Riots" => "Demonstrations",
        "Strategic developments" => "Strategic developments",
        _ => "Political violence",
    }
}

/// ACLED's `event_date` and `time_precision` for a TIMEX3 value. ACLED codes a day as
/// itself (precision 1), a known week by its middle day (2) and a known month by its
/// middle day (3); a season or a year alone is too vague for an ACLED date.
fn acled_date(value: &str) -> Option<(String, &'static str)> {
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let year = value.get(..4).filter(|y| digits(y))?.parse::<i32>().ok()?;
    let rest = value.get(4..)?;
    if let Some(day) = value
        .get(..10)
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    {
        return Some((day.to_string(), "1"));
    }
    if let Some(week) = rest
        .strip_prefix("-W")
        .filter(|w| w.len() == 2 && digits(w))
    {
        let day =
            chrono::NaiveDate::from_isoywd_opt(year, week.parse().ok()?, chrono::Weekday::Thu)?;
        return Some((day.to_string(), "2"));
    }
    let month = rest
        .strip_prefix('-')
        .filter(|m| m.len() == 2 && digits(m))?
        .parse::<u32>()
        .ok()?;
    let day = chrono::NaiveDate::from_ymd_opt(year, month, 15)?;
    Some((day.to_string(), "3"))
}

fn acled_row(e: &EventRow) -> Vec<String> {
    let (date, mut precision) = e.date.as_deref().and_then(acled_date).unzip();
    // A day that is only the report's own is not the event's known day: ACLED's
    // precision 2 says "within a few days of".
    if e.date_from.as_deref() == Some("report") && precision == Some("1") {
        precision = Some("2");
    }
    let event_type = e.acled_event_type.clone().unwrap_or_default();
    vec![
        format!("DOSSIER{}-{}", e.document.0, e.ordinal),
        date.unwrap_or_default(),
        e.date
            .as_deref()
            .and_then(|d| d.get(..4))
            .unwrap_or("")
            .to_string(),
        precision.unwrap_or_default().to_string(),
        if event_type.is_empty() {
            String::new()
        } else {
            disorder_type(&event_type).to_string()
        },
        event_type,
        e.acled_sub_event_type.clone().unwrap_or_default(),
        e.actors.first().cloned().unwrap_or_default(),
        e.actors
            .iter()
            .skip(1)
            .cloned()
            .collect::<Vec<_>>()
            .join("; "),
        String::new(),
        e.targets.first().cloned().unwrap_or_default(),
        e.targets
            .iter()
            .skip(1)
            .cloned()
            .collect::<Vec<_>>()
            .join("; "),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        e.country.clone().unwrap_or_default(),
        ascii_latin(e.admin1.as_deref().unwrap_or_default()).into_owned(),
        String::new(),
        String::new(),
        ascii_latin(e.place.as_deref().unwrap_or_default()).into_owned(),
        e.lat.map(|v| format!("{v:.4}")).unwrap_or_default(),
        e.lon.map(|v| format!("{v:.4}")).unwrap_or_default(),
        if e.lat.is_some() { "1" } else { "3" }.to_string(),
        e.reported_by.join("; "),
        String::new(),
        e.evidence.split_whitespace().collect::<Vec<_>>().join(" "),
        e.fatalities.unwrap_or(0).to_string(),
        e.modality.clone(),
        String::new(),
    ]
}

pub fn export(store: &dyn Store, format: Format, out: Option<&Path>) -> Result<()> {
    let events = store.events(&EventFilter {
        limit: usize::MAX,
        ..EventFilter::default()
    })?;
    let mut sink: Box<dyn Write> = match out {
        Some(path) => Box::new(std::io::BufWriter::new(std::fs::File::create(path)?)),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    match format {
        Format::AcledCsv => {
            writeln!(sink, "{}", ACLED_COLUMNS.join(","))?;
            for e in &events {
                let row: Vec<String> = acled_row(e).iter().map(|f| csv_field(f)).collect();
                writeln!(sink, "{}", row.join(","))?;
            }
        }
        Format::Jsonl => {
            for e in &events {
                writeln!(sink, "{}", serde_json::to_string(e)?)?;
            }
        }
        Format::Geojson => {
            // Events and the places the reports name, told apart by a `layer` property
            // (QGIS: filter or style on it).
            let point = |lat: f64, lon: f64, layer: &str, properties: serde_json::Value| {
                let mut properties = properties;
                properties["layer"] = json!(layer);
                json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                       "properties": properties})
            };
            let mut features: Vec<_> = events
                .iter()
                .filter_map(|e| Some(point(e.lat?, e.lon?, "event", json!(e))))
                .collect();
            features.extend(
                store
                    .places(usize::MAX)?
                    .iter()
                    .map(|p| point(p.lat, p.lon, "place", json!(p))),
            );
            serde_json::to_writer(
                &mut sink,
                &json!({"type": "FeatureCollection", "features": features}),
            )?;
            writeln!(sink)?;
        }
    }
    sink.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acled_rows_have_acleds_columns_and_quote_commas() {
        let row = EventRow {
            document: dossier_store::DocId(7),
            title: None,
            ordinal: 0,
            kind: "shelling".into(),
            plover: Some("ASSAULT".into()),
            acled_event_type: Some("Explosions/Remote violence".into()),
            acled_sub_event_type: Some("Shelling/artillery/missile attack".into()),
            date: Some("2024-11-05".into()),
            date_from: Some("text".into()),
            place: Some("Kharkiv".into()),
            admin1: Some("Kharkivska".into()),
            country: Some("UA".into()),
            lat: Some(49.98),
            lon: Some(36.25),
            actors: vec!["Russian forces".into()],
            targets: vec!["Civilians".into()],
            fatalities: Some(2),
            modality: "asserted".into(),
            reported_by: vec![],
            evidence: "Shelling hit Kharkiv, killing two.".into(),
            start: 0,
            end: 10,
        };
        let fields = acled_row(&row);
        assert_eq!(fields.len(), ACLED_COLUMNS.len());
        assert_eq!(fields[1], "2024-11-05");
        assert_eq!(fields[3], "1", "the report states the day");
        assert_eq!(fields[4], "Political violence");
        let assumed = EventRow {
            date_from: Some("report".into()),
            ..row.clone()
        };
        assert_eq!(acled_row(&assumed)[3], "2", "the day is only the report's");
        assert_eq!(
            csv_field(&fields[27]),
            "\"Shelling hit Kharkiv, killing two.\""
        );
    }

    #[test]
    fn vaguer_dates_get_acleds_middle_day_and_precision() {
        assert_eq!(acled_date("2024-11-05"), Some(("2024-11-05".into(), "1")));
        assert_eq!(
            acled_date("2024-11-05T14:00"),
            Some(("2024-11-05".into(), "1"))
        );
        assert_eq!(acled_date("2025-W02"), Some(("2025-01-09".into(), "2")));
        assert_eq!(acled_date("2024-11"), Some(("2024-11-15".into(), "3")));
        assert_eq!(acled_date("2024-SU"), None, "a season is too vague");
        assert_eq!(acled_date("2024"), None);
        assert_eq!(acled_date("PRESENT_REF"), None);
    }
}
