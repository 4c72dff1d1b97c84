//! The embedded SQLite backend.

use crate::*;
use dossier_core::{DateSource, Document, Entity, EntityId, Participant, Run, SourcePage, Span};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};
use std::path::Path;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    external_id TEXT NOT NULL,
    origin TEXT,
    url TEXT,
    source TEXT,
    title TEXT,
    published TEXT,
    anchor TEXT,
    anchor_inferred INTEGER NOT NULL DEFAULT 0,
    words INTEGER NOT NULL,
    text TEXT NOT NULL,
    layers TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
-- The page a document was extracted from, and where its text is in it: each run is
-- [text start, text end, page start, page end] in bytes.
CREATE TABLE IF NOT EXISTS pages (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id),
    html TEXT NOT NULL,
    runs TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS entities (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    country TEXT,
    geonames_id INTEGER,
    mention_count INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS aliases (
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    alias TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (entity_id, alias)
);
CREATE INDEX IF NOT EXISTS aliases_by_alias ON aliases(alias);
CREATE TABLE IF NOT EXISTS mentions (
    document_id INTEGER NOT NULL REFERENCES documents(id),
    entity_id INTEGER REFERENCES entities(id),
    start_byte INTEGER NOT NULL,
    end_byte INTEGER NOT NULL,
    label TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_by_entity ON mentions(entity_id);
CREATE TABLE IF NOT EXISTS claims (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    ordinal INTEGER NOT NULL,
    cue TEXT,
    kind TEXT NOT NULL,
    hedge TEXT,
    parent_ordinal INTEGER,
    content TEXT NOT NULL,
    start_byte INTEGER NOT NULL,
    end_byte INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS claim_sources (
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    entity_id INTEGER REFERENCES entities(id),
    name TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS claim_sources_by_entity ON claim_sources(entity_id);
CREATE TABLE IF NOT EXISTS places (
    document_id INTEGER NOT NULL REFERENCES documents(id),
    start_byte INTEGER NOT NULL,
    end_byte INTEGER NOT NULL,
    name TEXT NOT NULL,
    geonames_id INTEGER,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    country TEXT NOT NULL,
    admin1 TEXT
);
CREATE TABLE IF NOT EXISTS events (
    document_id INTEGER NOT NULL REFERENCES documents(id),
    ordinal INTEGER NOT NULL,
    kind TEXT NOT NULL,
    plover TEXT,
    acled_event_type TEXT,
    acled_sub_event_type TEXT,
    date TEXT,
    -- 'text' where the report states the event's time, 'report' where the date is the
    -- report's own (added after the first release; see `migrate`).
    date_from TEXT,
    place TEXT,
    admin1 TEXT,
    country TEXT,
    lat REAL,
    lon REAL,
    actors TEXT NOT NULL,
    targets TEXT NOT NULL,
    fatalities INTEGER,
    modality TEXT NOT NULL,
    reported_by TEXT NOT NULL,
    evidence TEXT NOT NULL,
    start_byte INTEGER NOT NULL,
    end_byte INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_date ON events(date);
CREATE TABLE IF NOT EXISTS failures (
    id INTEGER PRIMARY KEY,
    origin TEXT NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL
);
";

/// The annotation layers as stored: everything but tokens and sentences, which are
/// recomputed from the text on load.
#[derive(Serialize, Deserialize)]
struct Layers {
    meta: dossier_core::Metadata,
    anchor: Option<(chrono::NaiveDate, DateSource)>,
    mentions: Vec<dossier_core::Mention>,
    entities: Vec<Entity>,
    times: Vec<dossier_core::Timex>,
    places: Vec<dossier_core::Place>,
    quantities: Vec<dossier_core::Quantity>,
    claims: Vec<dossier_core::Claim>,
    events: Vec<dossier_core::Event>,
    diagnostics: Vec<dossier_core::Diagnostic>,
}

pub struct SqliteStore {
    conn: Connection,
}

impl SqliteStore {
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        Self::init(Connection::open(path)?)
    }

    pub fn in_memory() -> Result<SqliteStore, StoreError> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(conn: Connection) -> Result<SqliteStore, StoreError> {
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.execute_batch(SCHEMA)?;
        migrate(&conn)?;
        Ok(SqliteStore { conn })
    }
}

/// Brings a database written by an earlier version up to the current schema. Each step
/// only adds, so what was stored stays stored; rows stored before a column existed
/// read it as NULL.
fn migrate(conn: &Connection) -> Result<(), StoreError> {
    let has_column = |table: &str, column: &str| -> rusqlite::Result<bool> {
        conn.query_row(
            "SELECT COUNT(*) FROM pragma_table_info(?1) WHERE name = ?2",
            params![table, column],
            |r| r.get::<_, i64>(0),
        )
        .map(|n| n > 0)
    };
    if !has_column("events", "date_from")? {
        conn.execute_batch("ALTER TABLE events ADD COLUMN date_from TEXT")?;
    }
    Ok(())
}

impl SqliteStore {
    fn page(&self, id: DocId) -> Result<Option<SourcePage>, StoreError> {
        let row: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT html, runs FROM pages WHERE document_id = ?1",
                [id.0],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((html, runs)) = row else {
            return Ok(None);
        };
        let runs: Vec<[u32; 4]> = serde_json::from_str(&runs)?;
        let runs = runs
            .into_iter()
            .map(|[t0, t1, p0, p1]| Run {
                text: Span { start: t0, end: t1 },
                page: Span { start: p0, end: p1 },
            })
            .collect();
        Ok(Some(SourcePage { html, runs }))
    }
}

fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn names(doc: &Document, parts: &[Participant]) -> Vec<String> {
    parts
        .iter()
        .map(|p| match p.entity {
            Some(e) => doc.entities[e.index()].name.clone(),
            None => doc.str(p.span).to_string(),
        })
        .collect()
}

impl Store for SqliteStore {
    fn find(&self, hash: &ContentHash) -> Result<Option<DocId>, StoreError> {
        let id = self
            .conn
            .query_row(
                "SELECT id FROM documents WHERE content_hash = ?1",
                [&hash.0],
                |r| r.get(0),
            )
            .optional()?;
        Ok(id.map(DocId))
    }

    fn put(&mut self, doc: &Document) -> Result<Put, StoreError> {
        let hash = ContentHash::of(doc);
        if let Some(id) = self.find(&hash)? {
            return Ok(Put::AlreadyStored(id));
        }
        let tx = self.conn.transaction()?;
        let layers = Layers {
            meta: doc.meta.clone(),
            anchor: doc.anchor.clone(),
            mentions: doc.mentions.clone(),
            entities: doc.entities.clone(),
            times: doc.times.clone(),
            places: doc.places.clone(),
            quantities: doc.quantities.clone(),
            claims: doc.claims.clone(),
            events: doc.events.clone(),
            diagnostics: doc.diagnostics.clone(),
        };
        let (anchor, inferred) = match &doc.anchor {
            Some((date, source)) => (
                Some(date.to_string()),
                matches!(source, DateSource::Inferred { .. }),
            ),
            None => (None, false),
        };
        tx.execute(
            "INSERT INTO documents (content_hash, external_id, origin, url, source, title, published, anchor,
                 anchor_inferred, words, text, layers, ingested_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                hash.0,
                doc.id,
                doc.meta.origin,
                doc.meta.url,
                doc.meta.source,
                doc.meta.title,
                doc.meta.published.map(|d| d.to_string()),
                anchor,
                inferred,
                doc.word_count() as i64,
                doc.text,
                serde_json::to_string(&layers)?,
                now(),
            ],
        )?;
        let doc_id = tx.last_insert_rowid();
        if let Some(page) = &doc.page {
            let runs: Vec<[u32; 4]> = page
                .runs
                .iter()
                .map(|r| [r.text.start, r.text.end, r.page.start, r.page.end])
                .collect();
            tx.execute(
                "INSERT INTO pages (document_id, html, runs) VALUES (?1, ?2, ?3)",
                params![doc_id, page.html, serde_json::to_string(&runs)?],
            )?;
        }

        // The registry: one row per cross-document key, with mention counts and aliases.
        let mut registry_ids: Vec<i64> = Vec::with_capacity(doc.entities.len());
        for entity in &doc.entities {
            let id: i64 = tx.query_row(
                "INSERT INTO entities (key, name, label, country, geonames_id, mention_count)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT(key) DO UPDATE SET
                     mention_count = mention_count + excluded.mention_count,
                     name = CASE WHEN length(excluded.name) > length(name) THEN excluded.name ELSE name END,
                     country = COALESCE(country, excluded.country),
                     geonames_id = COALESCE(geonames_id, excluded.geonames_id)
                 RETURNING id",
                params![
                    entity.key,
                    entity.name,
                    entity.label.as_str(),
                    entity.country,
                    entity.geonames_id,
                    entity.mentions.len() as i64
                ],
                |r| r.get(0),
            )?;
            registry_ids.push(id);
            for &m in &entity.mentions {
                let alias = doc.str(doc.mentions[m.index()].span);
                tx.execute(
                    "INSERT INTO aliases (entity_id, alias, count) VALUES (?1, ?2, 1)
                     ON CONFLICT(entity_id, alias) DO UPDATE SET count = count + 1",
                    params![id, alias],
                )?;
            }
        }
        let registry = |e: Option<EntityId>| e.map(|e| registry_ids[e.index()]);

        for m in &doc.mentions {
            tx.execute(
                "INSERT INTO mentions (document_id, entity_id, start_byte, end_byte, label, text)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    doc_id,
                    registry(m.entity),
                    m.span.start,
                    m.span.end,
                    m.label.as_str(),
                    doc.str(m.span)
                ],
            )?;
        }
        for (ordinal, claim) in doc.claims.iter().enumerate() {
            let Some(cover) = claim.content_cover() else {
                continue;
            };
            tx.execute(
                "INSERT INTO claims (document_id, ordinal, cue, kind, hedge, parent_ordinal, content, start_byte, end_byte)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    doc_id,
                    ordinal as i64,
                    claim.cue.map(|s| doc.str(s)),
                    claim.kind.as_str(),
                    claim.hedge.map(|s| doc.str(s)),
                    claim.parent.map(|p| p.0),
                    doc.str(cover),
                    cover.start,
                    cover.end
                ],
            )?;
            let claim_id = tx.last_insert_rowid();
            for source in &claim.sources {
                let name = match source.entity {
                    Some(e) => doc.entities[e.index()].name.as_str(),
                    None => doc.str(source.span),
                };
                tx.execute(
                    "INSERT INTO claim_sources (claim_id, entity_id, name) VALUES (?1, ?2, ?3)",
                    params![claim_id, registry(source.entity), name],
                )?;
            }
        }
        for p in &doc.places {
            tx.execute(
                "INSERT INTO places (document_id, start_byte, end_byte, name, geonames_id, lat, lon, country, admin1)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![doc_id, p.span.start, p.span.end, p.name, p.geonames_id, p.lat, p.lon, p.country, p.admin1],
            )?;
        }
        for (ordinal, e) in doc.events.iter().enumerate() {
            let place = e.place.map(|p| &doc.places[p.index()]);
            // Every source of every telling, each once.
            let mut reported_by: Vec<String> = Vec::new();
            for c in e.tellings().flatten() {
                for s in &doc.claims[c.index()].sources {
                    let name = match s.entity {
                        Some(id) => doc.entities[id.index()].name.clone(),
                        None => doc.str(s.span).to_string(),
                    };
                    if !reported_by.contains(&name) {
                        reported_by.push(name);
                    }
                }
            }
            tx.execute(
                "INSERT INTO events (document_id, ordinal, kind, plover, acled_event_type, acled_sub_event_type, date,
                     place, admin1, country, lat, lon, actors, targets, fatalities, modality, reported_by, evidence,
                     start_byte, end_byte, date_from)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
                params![
                    doc_id,
                    ordinal as i64,
                    e.kind,
                    e.plover.as_ref().map(|p| p.event_type.clone()),
                    e.acled.as_ref().map(|a| a.event_type.clone()),
                    e.acled.as_ref().map(|a| a.sub_event_type.clone()),
                    e.date,
                    place.map(|p| p.name.clone()),
                    place.and_then(|p| p.admin1.clone()),
                    place.map(|p| p.country.clone()),
                    place.map(|p| p.lat),
                    place.map(|p| p.lon),
                    serde_json::to_string(&names(doc, &e.actors))?,
                    serde_json::to_string(&names(doc, &e.targets))?,
                    e.fatalities,
                    e.modality.as_str(),
                    serde_json::to_string(&reported_by)?,
                    doc.str(e.evidence),
                    e.evidence.start,
                    e.evidence.end,
                    e.date_from()
                ],
            )?;
        }
        tx.commit()?;
        Ok(Put::Stored(DocId(doc_id)))
    }

    fn record_failure(&mut self, origin: &str, reason: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO failures (origin, reason, at) VALUES (?1, ?2, ?3)",
            params![origin, reason, now()],
        )?;
        Ok(())
    }

    fn counts(&self) -> Result<Counts, StoreError> {
        let count = |table: &str| -> Result<u64, StoreError> {
            Ok(self
                .conn
                .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| {
                    r.get::<_, i64>(0)
                })? as u64)
        };
        Ok(Counts {
            documents: count("documents")?,
            entities: count("entities")?,
            mentions: count("mentions")?,
            claims: count("claims")?,
            events: count("events")?,
            places: count("places")?,
            failures: count("failures")?,
        })
    }

    fn documents(&self, limit: usize) -> Result<Vec<DocumentRow>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.external_id, d.title, d.source, d.url, d.origin, d.published, d.words,
                    (SELECT COUNT(*) FROM claims c WHERE c.document_id = d.id),
                    (SELECT COUNT(*) FROM events e WHERE e.document_id = d.id)
             FROM documents d ORDER BY d.id LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok(DocumentRow {
                id: DocId(r.get(0)?),
                external_id: r.get(1)?,
                title: r.get(2)?,
                source: r.get(3)?,
                url: r.get(4)?,
                origin: r.get(5)?,
                published: r.get(6)?,
                words: r.get::<_, i64>(7)? as u64,
                claims: r.get::<_, i64>(8)? as u64,
                events: r.get::<_, i64>(9)? as u64,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn document(&self, id: DocId) -> Result<Option<Document>, StoreError> {
        let row: Option<(String, String, String)> = self
            .conn
            .query_row(
                "SELECT external_id, text, layers FROM documents WHERE id = ?1",
                [id.0],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((external_id, text, layers)) = row else {
            return Ok(None);
        };
        let layers: Layers = serde_json::from_str(&layers)?;
        let mut doc = Document::new(external_id, text);
        doc.meta = layers.meta;
        doc.anchor = layers.anchor;
        doc.mentions = layers.mentions;
        doc.entities = layers.entities;
        doc.times = layers.times;
        doc.places = layers.places;
        doc.quantities = layers.quantities;
        doc.claims = layers.claims;
        doc.events = layers.events;
        doc.diagnostics = layers.diagnostics;
        doc.page = self.page(id)?;
        Ok(Some(doc))
    }

    fn entities(&self, name: Option<&str>, limit: usize) -> Result<Vec<EntityRow>, StoreError> {
        let pattern = name
            .map(|n| format!("%{}%", n.to_lowercase()))
            .unwrap_or_else(|| "%".into());
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ENTITY_COLUMNS} FROM entities e
             WHERE lower(e.name) LIKE ?1
                OR EXISTS (SELECT 1 FROM aliases a WHERE a.entity_id = e.id AND lower(a.alias) LIKE ?1)
             ORDER BY e.mention_count DESC, e.name LIMIT ?2"
        ))?;
        let rows = stmt.query_map(params![pattern, limit as i64], entity_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn entity(&self, name: &str) -> Result<Option<EntityDetail>, StoreError> {
        let lower = name.to_lowercase();
        // An exact name, key or alias first; failing that, a name or alias holding the
        // words ("Zelensky" finds "Volodymyr Zelensky" before any document used the surname,
        // "Zelenskyy" finds him where a document wrote "Volodymyr Zelenskyy").
        let exact = format!(
            "SELECT {ENTITY_COLUMNS} FROM entities e
             WHERE lower(e.name) = ?1 OR e.key = ?1
                OR EXISTS (SELECT 1 FROM aliases a WHERE a.entity_id = e.id AND lower(a.alias) = ?1)
             ORDER BY (lower(e.name) = ?1) DESC, e.mention_count DESC LIMIT 1"
        );
        let partial = format!(
            "SELECT {ENTITY_COLUMNS} FROM entities e
             WHERE ' ' || lower(e.name) || ' ' LIKE '% ' || ?1 || ' %'
                OR EXISTS (SELECT 1 FROM aliases a WHERE a.entity_id = e.id
                           AND ' ' || lower(a.alias) || ' ' LIKE '% ' || ?1 || ' %')
             ORDER BY e.mention_count DESC LIMIT 1"
        );
        let mut entity = self
            .conn
            .query_row(&exact, [&lower], entity_row)
            .optional()?;
        if entity.is_none() {
            entity = self
                .conn
                .query_row(&partial, [&lower], entity_row)
                .optional()?;
        }
        let Some(entity) = entity else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare(
            "SELECT alias, count FROM aliases WHERE entity_id = ?1 ORDER BY count DESC, alias",
        )?;
        let aliases = stmt
            .query_map([entity.id], |r| {
                Ok(AliasRow {
                    alias: r.get(0)?,
                    count: r.get::<_, i64>(1)? as u64,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut stmt = self.conn.prepare(
            "SELECT m.document_id, d.title, d.published, m.text, m.start_byte, m.end_byte
             FROM mentions m JOIN documents d ON d.id = m.document_id
             WHERE m.entity_id = ?1 ORDER BY m.document_id, m.start_byte LIMIT 200",
        )?;
        let mentions = stmt
            .query_map([entity.id], |r| {
                Ok(MentionRow {
                    document: DocId(r.get(0)?),
                    title: r.get(1)?,
                    published: r.get(2)?,
                    text: r.get(3)?,
                    start: r.get(4)?,
                    end: r.get(5)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(Some(EntityDetail {
            entity,
            aliases,
            mentions,
        }))
    }

    fn claims(&self, filter: &ClaimFilter) -> Result<Vec<ClaimRow>, StoreError> {
        let speaker = filter.speaker.as_ref().map(|s| s.to_lowercase());
        // The speaker as the registry knows it, so that any alias finds every claim.
        let entity = match &filter.speaker {
            Some(name) => self.entity(name)?.map(|d| d.entity.id),
            None => None,
        };
        let mut stmt = self.conn.prepare(
            "SELECT c.id, c.document_id, d.title, COALESCE(d.anchor, d.published), c.ordinal, c.cue, c.kind, c.hedge,
                    c.parent_ordinal, c.content, c.start_byte, c.end_byte
             FROM claims c JOIN documents d ON d.id = c.document_id
             WHERE ?1 IS NULL OR EXISTS (
                 SELECT 1 FROM claim_sources s
                 WHERE s.claim_id = c.id AND (lower(s.name) = ?1 OR s.entity_id = ?3))
             ORDER BY c.document_id, c.ordinal LIMIT ?2",
        )?;
        let mut sources = self
            .conn
            .prepare("SELECT name FROM claim_sources WHERE claim_id = ?1")?;
        let rows: Vec<(i64, ClaimRow)> = stmt
            .query_map(params![speaker, filter.limit as i64, entity], |r| {
                Ok((
                    r.get(0)?,
                    ClaimRow {
                        document: DocId(r.get(1)?),
                        title: r.get(2)?,
                        published: r.get(3)?,
                        ordinal: r.get(4)?,
                        speakers: Vec::new(),
                        cue: r.get(5)?,
                        kind: r.get(6)?,
                        hedge: r.get(7)?,
                        parent: r.get(8)?,
                        content: r.get(9)?,
                        start: r.get(10)?,
                        end: r.get(11)?,
                    },
                ))
            })?
            .collect::<Result<_, _>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for (id, mut row) in rows {
            row.speakers = sources
                .query_map([id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            out.push(row);
        }
        Ok(out)
    }

    fn events(&self, filter: &EventFilter) -> Result<Vec<EventRow>, StoreError> {
        let place = filter
            .place
            .as_ref()
            .map(|p| format!("%{}%", p.to_lowercase()));
        let mut stmt = self.conn.prepare(
            "SELECT ev.document_id, d.title, ev.ordinal, ev.kind, ev.plover, ev.acled_event_type, ev.acled_sub_event_type,
                    ev.date, ev.place, ev.admin1, ev.country, ev.lat, ev.lon, ev.actors, ev.targets, ev.fatalities,
                    ev.modality, ev.reported_by, ev.evidence, ev.start_byte, ev.end_byte, ev.date_from
             FROM events ev JOIN documents d ON d.id = ev.document_id
             WHERE (?1 IS NULL OR lower(ev.place) LIKE ?1 OR lower(ev.admin1) LIKE ?1)
             ORDER BY ev.date, ev.document_id, ev.ordinal",
        )?;
        let rows = stmt.query_map(params![place], |r| {
            let json_list = |i: usize| -> rusqlite::Result<Vec<String>> {
                let s: String = r.get(i)?;
                Ok(serde_json::from_str(&s).unwrap_or_default())
            };
            Ok(EventRow {
                document: DocId(r.get(0)?),
                title: r.get(1)?,
                ordinal: r.get(2)?,
                kind: r.get(3)?,
                plover: r.get(4)?,
                acled_event_type: r.get(5)?,
                acled_sub_event_type: r.get(6)?,
                date: r.get(7)?,
                date_from: r.get(21)?,
                place: r.get(8)?,
                admin1: r.get(9)?,
                country: r.get(10)?,
                lat: r.get(11)?,
                lon: r.get(12)?,
                actors: json_list(13)?,
                targets: json_list(14)?,
                fatalities: r.get(15)?,
                modality: r.get(16)?,
                reported_by: json_list(17)?,
                evidence: r.get(18)?,
                start: r.get(19)?,
                end: r.get(20)?,
            })
        })?;
        let mut out = Vec::new();
        for row in rows {
            let row = row?;
            if (filter.from.is_some() || filter.to.is_some())
                && !row
                    .date
                    .as_deref()
                    .is_some_and(|d| date_overlaps(d, filter.from.as_deref(), filter.to.as_deref()))
            {
                continue;
            }
            let in_area = filter.within.as_ref().map(|area| {
                row.country.as_deref() == Some(area.country.as_str())
                    && area
                        .admin1
                        .as_deref()
                        .is_none_or(|a| row.admin1.as_deref() == Some(a))
            });
            let in_radius = filter.near.map(|(lat, lon, radius)| {
                matches!((row.lat, row.lon),
                    (Some(a), Some(b)) if haversine_km((lat, lon), (a, b)) <= radius)
            });
            if (in_area.is_some() || in_radius.is_some())
                && !(in_area == Some(true) || in_radius == Some(true))
            {
                continue;
            }
            out.push(row);
            if out.len() >= filter.limit {
                break;
            }
        }
        Ok(out)
    }

    fn places(&self, limit: usize) -> Result<Vec<PlaceRow>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT name, geonames_id, country, admin1, lat, lon, COUNT(*), COUNT(DISTINCT document_id)
             FROM places
             GROUP BY COALESCE(geonames_id, name || '@' || lat || ',' || lon)
             ORDER BY COUNT(*) DESC, name LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit.min(i64::MAX as usize) as i64], |r| {
            Ok(PlaceRow {
                name: r.get(0)?,
                geonames_id: r.get(1)?,
                country: r.get(2)?,
                admin1: r.get(3)?,
                lat: r.get(4)?,
                lon: r.get(5)?,
                mentions: r.get::<_, i64>(6)? as u64,
                documents: r.get::<_, i64>(7)? as u64,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn failures(&self, limit: usize) -> Result<Vec<FailureRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT origin, reason, at FROM failures ORDER BY id LIMIT ?1")?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok(FailureRow {
                origin: r.get(0)?,
                reason: r.get(1)?,
                at: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// Whether a TIMEX3 date (`2024`, `2024-11`, `2024-SU`, `2025-01-11`) overlaps the
/// days from `from` to `to` (`YYYY-MM-DD`, either open). A value that is not a
/// calendar date (a duration, `PRESENT_REF`) overlaps nothing.
fn date_overlaps(date: &str, from: Option<&str>, to: Option<&str>) -> bool {
    let b = date.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if !digits(0..4) {
        return false;
    }
    let (first, last) = if digits(5..7) && digits(8..10) {
        (date[..10].to_string(), date[..10].to_string())
    } else if digits(5..7) {
        (format!("{}-01", &date[..7]), format!("{}-31", &date[..7]))
    } else {
        (
            format!("{}-01-01", &date[..4]),
            format!("{}-12-31", &date[..4]),
        )
    };
    from.is_none_or(|f| last.as_str() >= f) && to.is_none_or(|t| first.as_str() <= t)
}

const ENTITY_COLUMNS: &str =
    "e.id, e.key, e.name, e.label, e.country, e.geonames_id, e.mention_count,
    (SELECT COUNT(DISTINCT m.document_id) FROM mentions m WHERE m.entity_id = e.id)";

fn entity_row(r: &Row<'_>) -> rusqlite::Result<EntityRow> {
    Ok(EntityRow {
        id: r.get(0)?,
        key: r.get(1)?,
        name: r.get(2)?,
        label: r.get(3)?,
        country: r.get(4)?,
        geonames_id: r.get(5)?,
        mentions: r.get::<_, i64>(6)? as u64,
        documents: r.get::<_, i64>(7)? as u64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_overlap_by_their_granularity() {
        assert!(date_overlaps("2024-11", Some("2024-11-15"), None));
        assert!(!date_overlaps("2024-11", Some("2024-12-01"), None));
        assert!(date_overlaps(
            "2025-01-11",
            Some("2025-01-01"),
            Some("2025-01-31")
        ));
        assert!(date_overlaps("2024-SU", None, Some("2024-06-30")));
        assert!(!date_overlaps("P2D", None, None));
    }

    #[test]
    fn sqlite_passes_the_conformance_suite() {
        conformance::run(|| Box::new(SqliteStore::in_memory().unwrap()));
    }

    #[test]
    fn a_database_from_before_date_from_gains_the_column_and_keeps_its_rows() {
        let conn = Connection::open_in_memory().unwrap();
        let old = SCHEMA.replace("    date_from TEXT,\n", "");
        assert_ne!(old, SCHEMA);
        conn.execute_batch(&old).unwrap();
        conn.execute_batch(
            "INSERT INTO documents (id, content_hash, external_id, words, text, layers, ingested_at)
                 VALUES (1, 'h', 'a', 2, 'Rebels struck.', '{}', '2025-01-01T00:00:00Z');
             INSERT INTO events (document_id, ordinal, kind, date, actors, targets, modality, reported_by,
                                 evidence, start_byte, end_byte)
                 VALUES (1, 0, 'attack', '2025-01-01', '[\"Rebels\"]', '[]', 'asserted', '[]',
                         'Rebels struck.', 0, 14);",
        )
        .unwrap();
        let store = SqliteStore::init(conn).unwrap();
        let events = store
            .events(&EventFilter {
                limit: 10,
                ..EventFilter::default()
            })
            .unwrap();
        assert_eq!(events.len(), 1, "the old row is still there");
        assert_eq!(events[0].actors, ["Rebels"]);
        assert_eq!(events[0].date_from, None);
        // Opening again changes nothing.
        migrate(&store.conn).unwrap();
    }

    #[test]
    fn a_reopened_database_keeps_what_was_stored() {
        let dir = std::env::temp_dir().join(format!("dossier-store-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.db");
        let doc = conformance::sample_document();
        {
            let mut store = SqliteStore::open(&path).unwrap();
            assert!(matches!(store.put(&doc).unwrap(), Put::Stored(_)));
        }
        let mut store = SqliteStore::open(&path).unwrap();
        assert!(matches!(store.put(&doc).unwrap(), Put::AlreadyStored(_)));
        assert_eq!(store.counts().unwrap().documents, 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
