//! Reading what a user points dossier at into [`Document`]s with [`Metadata`].
//!
//! One input may hold many documents (a feed, a WARC file, a JSONL file), and a
//! batch may hold millions of inputs, so nothing here stops at a bad item: every
//! item is its own `Result`, and an error names the item precisely (`path`,
//! `path:line`, `path#item-N`, `path@warc-record-N`) so it can be found and fixed.
//! Problems that still leave a usable text (a guessed charset, replaced bytes, a
//! page that looks cut short) are diagnostics on the document instead.
//!
//! The format is decided by the name's extension when it is one of ours, and by
//! sniffing the first bytes otherwise; `.gz` names are decompressed first.

pub mod align;
mod charset;
mod feed;
pub mod html;
mod warc;

pub use html::{HtmlExtractor, NoMainText, Page, html_to_text};

use dossier_core::contract::{InputLine, LineError};
use dossier_core::{Document, Metadata, Severity, SourcePage};
use flate2::bufread::MultiGzDecoder;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// A document that could not be read, and which one.
#[derive(Debug, thiserror::Error)]
#[error("{name}: {kind}")]
pub struct ReadError {
    /// `path`, `path:line`, `path#item-N` or `path@warc-record-N` (`-` is stdin).
    pub name: String,
    pub kind: ErrorKind,
}

#[derive(Debug, thiserror::Error)]
pub enum ErrorKind {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("binary data, not text")]
    Binary,
    #[error("no text")]
    Empty,
    #[error(transparent)]
    NoMainText(#[from] NoMainText),
    #[error("bad JSONL line: {0}")]
    Line(#[from] LineError),
    #[error("bad feed: {0}")]
    Feed(#[from] feed_rs::parser::ParseFeedError),
    #[error("feed item has no content, summary or title")]
    EmptyItem,
    #[error("bad WARC record: {0}")]
    Warc(String),
}

impl ReadError {
    /// The item's name: where to find it.
    pub fn origin(&self) -> &str {
        &self.name
    }

    /// Why it could not be read.
    pub fn reason(&self) -> String {
        self.kind.to_string()
    }

    fn new(name: impl Into<String>, kind: impl Into<ErrorKind>) -> ReadError {
        ReadError {
            name: name.into(),
            kind: kind.into(),
        }
    }
}

/// The documents of one input, in order. WARC records are read as they are asked
/// for (a crawl file can be gigabytes); other inputs are read whole first.
pub type Items = Box<dyn Iterator<Item = Result<Document, ReadError>> + Send>;

/// The kinds of input dossier reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    /// RSS 0.9x/1.0/2.0, Atom, or JSON Feed.
    Feed,
    /// WARC 1.0/1.1, including WET files of extracted text.
    Warc,
    /// The scorer's input lines: one JSON object with `id` and `text` or `html`.
    Jsonl,
}

impl Format {
    /// The format a file name's extension promises, if it is one of ours.
    pub fn from_name(name: &str) -> Option<Format> {
        let lower = name.to_ascii_lowercase();
        let lower = lower.strip_suffix(".gz").unwrap_or(&lower);
        let ext = lower.rsplit_once('.').map(|(_, e)| e)?;
        Some(match ext {
            "txt" | "text" => Format::Text,
            "html" | "htm" | "xhtml" => Format::Html,
            "xml" | "rss" | "atom" | "rdf" => Format::Feed,
            "warc" | "wet" => Format::Warc,
            "jsonl" | "ndjson" => Format::Jsonl,
            _ => return None,
        })
    }

    /// The format the first bytes of an (uncompressed) input look like.
    pub fn sniff(bytes: &[u8]) -> Format {
        if bytes.starts_with(b"WARC/") {
            return Format::Warc;
        }
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
        let head = head.trim_start_matches('\u{feff}').trim_start();
        if head.starts_with('{') {
            // Pages inside JSON lines contain every HTML tag: look at JSON first.
            return if head.contains("jsonfeed.org/version") {
                Format::Feed
            } else {
                Format::Jsonl
            };
        }
        let is_feed = ["<rss", "<feed", "<rdf:rdf"]
            .iter()
            .any(|tag| head.contains(tag));
        if head.starts_with('<') && is_feed && !head.contains("<html") {
            Format::Feed
        } else if [
            "<!doctype html",
            "<html",
            "<head",
            "<body",
            "<meta",
            "<p>",
            "<div",
        ]
        .iter()
        .any(|tag| head.contains(tag))
        {
            Format::Html
        } else {
            Format::Text
        }
    }
}

/// Reads inputs, extracting pages with `html`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Reader {
    pub html: HtmlExtractor,
}

impl Reader {
    pub fn new(html: HtmlExtractor) -> Reader {
        Reader { html }
    }

    /// The documents in the file at `path`, or in every readable file under it when
    /// it is a directory. A WARC file is streamed record by record.
    pub fn read_path(self, path: &Path) -> Items {
        let name = path.display().to_string();
        if path.is_dir() {
            if let Err(e) = std::fs::read_dir(path) {
                return one_error(name, e);
            }
            return Box::new(
                walk(path)
                    .into_iter()
                    .flat_map(move |file| self.read_path(&file)),
            );
        }
        match self.open(path, &name) {
            Ok(items) => items,
            Err(e) => one_error(name, e),
        }
    }

    /// Streams a WARC file; reads any other file whole. Gzip is recognised by its
    /// magic bytes, whatever the name says.
    fn open(self, path: &Path, name: &str) -> std::io::Result<Items> {
        let mut file = BufReader::with_capacity(1 << 16, std::fs::File::open(path)?);
        let mut stream: Box<dyn BufRead + Send> = if file.fill_buf()?.starts_with(&[0x1f, 0x8b]) {
            Box::new(BufReader::with_capacity(1 << 16, MultiGzDecoder::new(file)))
        } else {
            Box::new(file)
        };
        let format = Format::from_name(name);
        if format == Some(Format::Warc)
            || (format.is_none() && Format::sniff(stream.fill_buf()?) == Format::Warc)
        {
            return Ok(Box::new(warc::Records::new(
                name.to_string(),
                stream,
                self.html,
            )));
        }
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes)?;
        Ok(self.read_bytes(name, &bytes))
    }

    /// The documents in `bytes`, named `name` (a path, or `-` for stdin).
    /// Everything is read at once here (the bytes are borrowed), then handed out.
    pub fn read_bytes(self, name: &str, bytes: &[u8]) -> Items {
        Box::new(self.read_all(name, bytes).into_iter())
    }

    fn read_all(self, name: &str, bytes: &[u8]) -> Vec<Result<Document, ReadError>> {
        let unzipped;
        let mut bytes = bytes;
        if bytes.starts_with(&[0x1f, 0x8b]) {
            let mut out = Vec::new();
            if let Err(e) = MultiGzDecoder::new(bytes).read_to_end(&mut out) {
                return vec![Err(ReadError::new(name, e))];
            }
            unzipped = out;
            bytes = &unzipped;
        }
        let format = match Format::from_name(name) {
            Some(Format::Feed) if Format::sniff(bytes) == Format::Html => Format::Html,
            Some(format) => format,
            None => Format::sniff(bytes),
        };
        match format {
            Format::Text => vec![self.text(name, bytes)],
            Format::Html => vec![self.page(name, bytes, None)],
            Format::Feed => feed::read(name, bytes),
            Format::Warc => warc::Records::new(name.to_string(), bytes, self.html).collect(),
            Format::Jsonl => self.jsonl(name, bytes),
        }
    }

    fn text(self, name: &str, bytes: &[u8]) -> Result<Document, ReadError> {
        let decoded =
            charset::decode_text(bytes).map_err(|_| ReadError::new(name, ErrorKind::Binary))?;
        if decoded.text.trim().is_empty() {
            return Err(ReadError::new(name, ErrorKind::Empty));
        }
        let meta = Metadata {
            origin: Some(name.to_string()),
            ..Metadata::default()
        };
        Ok(with_notes(
            Document::new(name, decoded.text).with_meta(meta),
            decoded.notes,
        ))
    }

    /// A page, decoded with the transport's charset if one was given.
    fn page(self, name: &str, bytes: &[u8], charset: Option<&str>) -> Result<Document, ReadError> {
        if charset::looks_binary(bytes) && Format::sniff(bytes) != Format::Html {
            return Err(ReadError::new(name, ErrorKind::Binary));
        }
        let decoded = charset::decode_markup(bytes, charset);
        let page = self
            .html
            .extract(&decoded.text)
            .map_err(|e| ReadError::new(name, e))?;
        let notes = decoded.notes.into_iter().chain(page.warnings).collect();
        let meta = Metadata {
            origin: Some(name.to_string()),
            ..page.meta
        };
        let doc = with_source(Document::new(name, page.text), decoded.text);
        Ok(with_notes(doc.with_meta(meta), notes))
    }

    fn jsonl(self, name: &str, bytes: &[u8]) -> Vec<Result<Document, ReadError>> {
        if charset::looks_binary(bytes) {
            return vec![Err(ReadError::new(name, ErrorKind::Binary))];
        }
        let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        let mut out = Vec::new();
        for (n, line) in bytes.split(|&b| b == b'\n').enumerate() {
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let at = format!("{name}:{}", n + 1);
            let (line, notes) = match std::str::from_utf8(line) {
                Ok(s) => (std::borrow::Cow::Borrowed(s), Vec::new()),
                Err(_) => {
                    let note = "invalid UTF-8 replaced with U+FFFD".to_string();
                    (String::from_utf8_lossy(line), vec![note])
                }
            };
            out.push(
                self.input_line(&at, &line)
                    .map(|doc| with_notes(doc, notes)),
            );
        }
        out
    }

    /// A scorer input line; the line's own metadata wins over what a page says.
    fn input_line(self, at: &str, line: &str) -> Result<Document, ReadError> {
        let input = InputLine::parse(line).map_err(|e| ReadError::new(at, e))?;
        let (id, mut meta) = (input.id_string(), input.metadata());
        meta.origin = Some(at.to_string());
        let (page, html) = match (input.text, input.html) {
            (Some(text), _) => {
                let page = Page {
                    text,
                    ..Page::default()
                };
                (page, None)
            }
            (None, Some(html)) => {
                let page = self
                    .html
                    .extract(&html)
                    .map_err(|e| ReadError::new(at, e))?;
                (page, Some(html))
            }
            (None, None) => unreachable!("InputLine::parse requires text or html"),
        };
        meta.merge_missing(page.meta);
        let mut doc = Document::new(id, page.text);
        if let Some(html) = html {
            doc = with_source(doc, html);
        }
        Ok(with_notes(doc.with_meta(meta), page.warnings))
    }
}

/// The documents in the file or directory at `path`, HTML extracted with the
/// default settings.
pub fn read_path(path: &Path) -> Items {
    Reader::default().read_path(path)
}

/// The documents in `bytes` (e.g. standard input, named `-`).
pub fn read_bytes(name: &str, bytes: &[u8]) -> Items {
    Reader::default().read_bytes(name, bytes)
}

/// The files under `dir` whose extension names a format we read, sorted, skipping
/// hidden files and directories and not following symbolic links to directories
/// (they can loop). A directory that cannot be listed is listed itself, so that
/// reading it reports why.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    walk_into(dir, &mut out);
    out
}

fn walk_into(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out.push(dir.to_path_buf());
    };
    let mut entries: Vec<_> = entries
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            walk_into(&path, out);
        } else if Format::from_name(&path.to_string_lossy()).is_some() {
            out.push(path);
        }
    }
}

fn one_error(name: String, e: std::io::Error) -> Items {
    Box::new(std::iter::once(Err(ReadError::new(name, e))))
}

/// The document with the page its text was extracted from, and where the text is in it.
fn with_source(mut doc: Document, html: String) -> Document {
    let runs = align::runs(&html, &doc.text);
    doc.page = Some(SourcePage { html, runs });
    doc
}

pub(crate) fn with_notes(mut doc: Document, notes: Vec<String>) -> Document {
    for note in notes {
        doc.diagnose(Severity::Warning, "ingest", note);
    }
    doc
}
