//! The `dossier` command line.
//!
//! Exit codes scripts can rely on: 0 when every input was read; 3 when the command
//! finished but some inputs could not be read (each is reported on standard error and,
//! for `ingest`, recorded in the database); 1 on a fatal error (a database that cannot
//! be opened, an output that cannot be written); 2 on a usage error.

mod bench;
mod evidence;
mod export;
mod inputs;
mod table;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use dossier_engine::{Engine, brief, extract};
use dossier_store::{ClaimFilter, EventFilter, Put, SqliteStore, Store};
use std::io::{self, BufReader, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Turns news reports into a source-attributed record: who did what to whom, where and
/// when; who claimed it; who else corroborates it.
#[derive(Parser)]
#[command(name = "dossier", version, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

const EXIT_CODES: &str = "Exit codes: 0 all inputs read; 3 finished, but some inputs were unreadable \
(reported on stderr); 1 fatal error; 2 usage error.";

#[derive(Subcommand)]
enum Command {
    /// Print a readable brief of each document: entities, claims, times, places, numbers, events.
    Analyze {
        /// Files or directories (text, HTML, RSS/Atom, WARC/WET, JSONL); `-` reads standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print the brief as JSON, one object per line.
        #[arg(long)]
        json: bool,
    },
    /// Read the scorer's JSONL input (files or standard input), write its output format, one
    /// line per document, in input order, using all cores.
    Extract {
        /// JSONL files; standard input when none are given.
        files: Vec<PathBuf>,
        /// Threads to use (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
    },
    /// Analyse documents and store them with their annotations in a SQLite database.
    /// Re-ingesting the same content is a no-op; an interrupted ingest can simply be rerun.
    Ingest {
        /// Files or directories (searched recursively); `-` reads standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, default_value = "dossier.db")]
        db: PathBuf,
        /// No progress bar.
        #[arg(long, short)]
        quiet: bool,
        /// Do not keep the pages texts were extracted from (a smaller database; `show page`
        /// then shows the text).
        #[arg(long)]
        no_pages: bool,
    },
    /// List what is stored.
    Show {
        #[arg(value_enum, default_value = "documents")]
        what: ShowWhat,
        /// The document id, for `show document` and `show page`.
        id: Option<i64>,
        #[arg(long, default_value = "dossier.db")]
        db: PathBuf,
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// Ask the store about an entity, claims by speaker, or events by place and date.
    Query {
        #[command(subcommand)]
        query: Query,
        #[arg(long, default_value = "dossier.db", global = true)]
        db: PathBuf,
        #[arg(long, global = true)]
        json: bool,
        #[arg(long, default_value_t = 100, global = true)]
        limit: usize,
    },
    /// Export stored events.
    Export {
        #[arg(long, value_enum)]
        format: export::Format,
        #[arg(long, default_value = "dossier.db")]
        db: PathBuf,
        /// Output file (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Train a model from the development data.
    Train {
        #[command(subcommand)]
        model: TrainModel,
    },
    /// Measure words per second of the whole pipeline and of each stage on a JSONL corpus.
    Bench {
        #[arg(long)]
        corpus: PathBuf,
        /// Documents to read from the corpus.
        #[arg(long, default_value_t = 2000)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Measure pages per second of main-text extraction on JSONL lines with an `html` field.
    BenchHtml {
        #[arg(long)]
        input: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Copy, Clone, ValueEnum)]
enum ShowWhat {
    Documents,
    Document,
    /// The document's original page (or its text) as HTML, evidence marked.
    Page,
    Entities,
    /// The places the reports name, most named first, with their GeoNames entry.
    Places,
    Failures,
    Counts,
}

#[derive(Subcommand)]
enum Query {
    /// An entity's canonical name, aliases, and where it was mentioned.
    Entity { name: String },
    /// Claims, optionally only those of one speaker (by name or alias).
    Claims {
        #[arg(long)]
        speaker: Option<String>,
    },
    /// Events, optionally near a place and within dates (YYYY-MM-DD).
    Events {
        /// A place name (looked up in the gazetteer) or `LAT,LON`; a country or
        /// first-level region also takes in every event placed inside it.
        #[arg(long)]
        near: Option<String>,
        #[arg(long, default_value_t = 100.0)]
        radius_km: f64,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
    },
}

#[derive(Subcommand)]
enum TrainModel {
    /// The entity tagger, from CoNLL-2003 train.
    Ner {
        /// The folder holding conll2003-train.conll.
        #[arg(long, default_value = "../shared/data/ner")]
        data: PathBuf,
        #[arg(long, default_value = "models/ner/model.bin.gz")]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(3),
        // A reader that stopped early (`dossier export ... | head`) is not a failure.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<io::Error>()
                    .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("dossier: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// Runs a command; `Ok(false)` means it finished but some inputs were unreadable.
fn run(cli: Cli) -> Result<bool> {
    match cli.command {
        Command::Analyze { paths, json } => analyze(&paths, json),
        Command::Extract { files, threads } => {
            if let Some(n) = threads {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .build_global()
                    .ok();
            }
            let engine = load_engine()?;
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            // Not locked for the whole run: a stage's own message to stderr from a worker
            // thread would otherwise wait for this thread forever.
            let mut err = io::stderr();
            let mut skipped = 0;
            if files.is_empty() {
                skipped +=
                    extract::extract(&engine, io::stdin().lock(), "-", &mut out, &mut err)?.skipped;
            }
            for f in &files {
                let file = std::fs::File::open(f)
                    .with_context(|| format!("cannot open {}", f.display()))?;
                let name = f.display().to_string();
                skipped +=
                    extract::extract(&engine, BufReader::new(file), &name, &mut out, &mut err)?
                        .skipped;
            }
            out.flush()?;
            Ok(skipped == 0)
        }
        Command::Ingest {
            paths,
            db,
            quiet,
            no_pages,
        } => ingest(&paths, &db, quiet, !no_pages),
        Command::Show {
            what,
            id,
            db,
            json,
            limit,
        } => show(what, id, &db, json, limit),
        Command::Query {
            query,
            db,
            json,
            limit,
        } => run_query(query, &db, json, limit),
        Command::Export { format, db, out } => {
            let store = open_store(&db)?;
            export::export(&store, format, out.as_deref())?;
            Ok(true)
        }
        Command::Train {
            model: TrainModel::Ner { data, out },
        } => {
            let started = std::time::Instant::now();
            let options = dossier_entities::TrainOptions {
                conll: vec![data.join("conll2003-train.conll")],
                ..dossier_entities::TrainOptions::default()
            };
            let model = dossier_entities::train(&options)
                .with_context(|| format!("training from {}", data.display()))?;
            if let Some(dir) = out.parent() {
                std::fs::create_dir_all(dir)?;
            }
            model
                .save(&out)
                .with_context(|| format!("writing {}", out.display()))?;
            eprintln!("wrote {} in {:.0?}", out.display(), started.elapsed());
            Ok(true)
        }
        Command::Bench {
            corpus,
            limit,
            json,
        } => bench::pipeline(&corpus, limit, json),
        Command::BenchHtml { input, json } => bench::html(&input, json),
    }
}

fn load_engine() -> Result<Engine> {
    Ok(Engine::load()?)
}

fn open_store(db: &std::path::Path) -> Result<SqliteStore> {
    SqliteStore::open(db).with_context(|| format!("cannot open database {}", db.display()))
}

fn analyze(paths: &[PathBuf], json: bool) -> Result<bool> {
    let engine = load_engine()?;
    let mut clean = true;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for item in inputs::documents(paths) {
        match item {
            Ok(mut doc) => {
                engine.analyze(&mut doc);
                if json {
                    writeln!(out, "{}", brief::to_json(&doc))?;
                } else {
                    writeln!(out, "{}", brief::render(&doc))?;
                }
            }
            Err(e) => {
                clean = false;
                eprintln!("dossier: skipped {e}");
            }
        }
    }
    Ok(clean)
}

fn ingest(paths: &[PathBuf], db: &std::path::Path, quiet: bool, pages: bool) -> Result<bool> {
    use dossier_store::ContentHash;
    use rayon::prelude::*;

    let engine = load_engine()?;
    let mut store = open_store(db)?;
    let files = inputs::expand(paths);
    let bar = if quiet || files.len() < 2 {
        indicatif::ProgressBar::hidden()
    } else {
        indicatif::ProgressBar::new(files.len() as u64).with_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} files · {msg} · {elapsed} (eta {eta})",
            )
            .expect("static template"),
        )
    };
    let (mut stored, mut known, mut failed) = (0usize, 0usize, 0usize);
    for file in &files {
        let mut batch = Vec::new();
        for item in inputs::read(file) {
            match item {
                Ok(mut doc) => {
                    if !pages {
                        doc.page = None;
                    }
                    if store.find(&ContentHash::of(&doc))?.is_some() {
                        known += 1;
                    } else {
                        batch.push(doc);
                    }
                }
                Err(e) => {
                    failed += 1;
                    bar.suspend(|| eprintln!("dossier: skipped {e}"));
                    store.record_failure(&e.origin(), &e.reason())?;
                }
            }
        }
        // Analysis runs on every core; storing stays in one thread, one transaction a document.
        batch.par_iter_mut().for_each(|doc| engine.analyze(doc));
        for doc in &batch {
            match store.put(doc)? {
                Put::Stored(_) => stored += 1,
                Put::AlreadyStored(_) => known += 1,
            }
        }
        bar.inc(1);
        bar.set_message(format!(
            "{stored} stored, {known} already there, {failed} unreadable"
        ));
    }
    bar.finish_and_clear();
    eprintln!(
        "{stored} stored, {known} already there, {failed} unreadable · {}",
        db.display()
    );
    Ok(failed == 0)
}

fn show(
    what: ShowWhat,
    id: Option<i64>,
    db: &std::path::Path,
    json: bool,
    limit: usize,
) -> Result<bool> {
    let store = open_store(db)?;
    let mut out = io::stdout().lock();
    match what {
        ShowWhat::Counts => table::print(&mut out, json, &[store.counts()?])?,
        ShowWhat::Documents => table::print(&mut out, json, &store.documents(limit)?)?,
        ShowWhat::Entities => table::print(&mut out, json, &store.entities(None, limit)?)?,
        ShowWhat::Places => table::print(&mut out, json, &store.places(limit)?)?,
        ShowWhat::Failures => table::print(&mut out, json, &store.failures(limit)?)?,
        ShowWhat::Page => {
            let id =
                id.context("`show page` needs a document id (see `dossier show documents`)")?;
            let doc = store
                .document(dossier_store::DocId(id))?
                .with_context(|| format!("no document {id}"))?;
            writeln!(out, "{}", evidence::marked_page(&doc))?;
        }
        ShowWhat::Document => {
            let id =
                id.context("`show document` needs a document id (see `dossier show documents`)")?;
            let doc = store
                .document(dossier_store::DocId(id))?
                .with_context(|| format!("no document {id}"))?;
            if json {
                writeln!(out, "{}", brief::to_json(&doc))?;
            } else {
                writeln!(out, "{}", brief::render(&doc))?;
            }
        }
    }
    Ok(true)
}

fn run_query(query: Query, db: &std::path::Path, json: bool, limit: usize) -> Result<bool> {
    let store = open_store(db)?;
    let mut out = io::stdout().lock();
    match query {
        Query::Entity { name } => {
            let detail = store
                .entity(&name)?
                .with_context(|| format!("no entity named {name:?} is stored"))?;
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&detail)?)?;
            } else {
                let e = &detail.entity;
                writeln!(
                    out,
                    "{} [{}] · key {} · {} mentions in {} documents",
                    e.name, e.label, e.key, e.mentions, e.documents
                )?;
                let aliases: Vec<String> = detail
                    .aliases
                    .iter()
                    .map(|a| format!("{} ({})", a.alias, a.count))
                    .collect();
                writeln!(out, "aliases: {}", aliases.join(", "))?;
                table::print(&mut out, false, &detail.mentions)?;
            }
        }
        Query::Claims { speaker } => {
            let rows = store.claims(&ClaimFilter { speaker, limit })?;
            table::print(&mut out, json, &rows)?;
        }
        Query::Events {
            near,
            radius_km,
            from,
            to,
        } => {
            let mut filter = EventFilter {
                from,
                to,
                limit,
                ..EventFilter::default()
            };
            if let Some(near) = near {
                match inputs::locate(&near) {
                    Some(((lat, lon), area)) => {
                        filter.near = Some((lat, lon, radius_km));
                        filter.within = area;
                    }
                    None => filter.place = Some(near),
                }
            }
            table::print(&mut out, json, &store.events(&filter)?)?;
        }
    }
    Ok(true)
}
