//! WARC 1.0/1.1 and WET files, read record by record.
//!
//! A crawl file can be gigabytes, so records are streamed, never collected. Pages
//! (`response` records with an HTML payload, `resource` records of HTML) go
//! through main-text extraction; `conversion` records (WET) are already text.
//! Requests, metadata, revisits, redirects and non-text payloads are not documents
//! and are passed over silently. A record whose header is unreadable is an error,
//! after which reading resumes at the next `WARC/` version line; a record cut
//! short ends the file.

use crate::{ErrorKind, HtmlExtractor, ReadError, Reader};
use dossier_core::{Document, Metadata, contract::parse_date};
use flate2::read::{GzDecoder, ZlibDecoder};
use std::io::{BufRead, Read};

pub(crate) struct Records<R> {
    name: String,
    input: R,
    html: HtmlExtractor,
    /// Records started so far, counting those that are not documents.
    count: usize,
    /// A header was unreadable: skip to the next version line without complaint.
    resyncing: bool,
    /// A record read while reporting the stray bytes before it.
    pending: Option<Result<Record, ReadError>>,
    done: bool,
}

/// One record: its named headers and its block.
struct Record {
    headers: Vec<(String, String)>,
    block: Vec<u8>,
}

impl Record {
    fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

impl<R: BufRead> Records<R> {
    pub(crate) fn new(name: String, input: R, html: HtmlExtractor) -> Records<R> {
        Records {
            name,
            input,
            html,
            count: 0,
            resyncing: false,
            pending: None,
            done: false,
        }
    }

    fn error(&self, reason: impl Into<String>) -> ReadError {
        ReadError::new(
            format!("{}@warc-record-{}", self.name, self.count),
            ErrorKind::Warc(reason.into()),
        )
    }

    /// The next record, `None` at the end of the input.
    fn record(&mut self) -> Option<Result<Record, ReadError>> {
        if let Some(pending) = self.pending.take() {
            return Some(pending);
        }
        if self.done {
            return None;
        }
        let mut line = Vec::new();
        let mut stray = 0;
        loop {
            line.clear();
            match self.input.read_until(b'\n', &mut line) {
                Ok(0) => break,
                Ok(_) if line.starts_with(b"WARC/") => {
                    let stray_error = (stray > 0 && !self.resyncing).then(|| self.stray(stray));
                    self.count += 1;
                    self.resyncing = false;
                    let record = self.finish_record();
                    if record.is_err() && !self.done {
                        self.resyncing = true;
                    }
                    let Some(stray_error) = stray_error else {
                        return Some(record);
                    };
                    self.pending = Some(record);
                    return Some(Err(stray_error));
                }
                Ok(n) if !line.iter().all(u8::is_ascii_whitespace) => stray += n,
                Ok(_) => {}
                Err(e) => return Some(Err(self.read_failure(e))),
            }
        }
        self.done = true;
        (stray > 0 && !self.resyncing).then(|| Err(self.stray(stray)))
    }

    /// Bytes between the end of a record and the next version line: the record's
    /// Content-Length was wrong, or something else was appended.
    fn stray(&self, bytes: usize) -> ReadError {
        self.error(format!(
            "{bytes} bytes of stray data follow this record (wrong Content-Length?)"
        ))
    }

    /// Reads the headers and block after a version line.
    fn finish_record(&mut self) -> Result<Record, ReadError> {
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut line = Vec::new();
        loop {
            line.clear();
            match self.input.read_until(b'\n', &mut line) {
                Ok(0) => return Err(self.truncated("the headers")),
                Ok(_) => {}
                Err(e) => return Err(self.read_failure(e)),
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                break;
            }
            if text.starts_with([' ', '\t']) {
                if let Some((_, value)) = headers.last_mut() {
                    value.push(' ');
                    value.push_str(text.trim());
                }
            } else if let Some((name, value)) = text.split_once(':') {
                headers.push((name.trim().to_string(), value.trim().to_string()));
            } else {
                return Err(self.error(format!("not a header line: {text:?}")));
            }
        }
        let length = header(&headers, "Content-Length")
            .ok_or_else(|| self.error("no Content-Length"))?
            .parse::<u64>()
            .map_err(|_| self.error("Content-Length is not a number"))?;
        let mut block = Vec::with_capacity(length.min(1 << 24) as usize);
        match self.input.by_ref().take(length).read_to_end(&mut block) {
            Ok(n) if (n as u64) < length => {
                return Err(self.truncated(&format!("its block ({n} of {length} bytes)")));
            }
            Ok(_) => {}
            Err(e) => return Err(self.read_failure(e)),
        }
        Ok(Record { headers, block })
    }

    fn truncated(&mut self, what: &str) -> ReadError {
        self.done = true;
        self.error(format!("the file ends inside {what}: truncated"))
    }

    fn read_failure(&mut self, e: std::io::Error) -> ReadError {
        self.done = true;
        self.error(format!("cannot read: {e}"))
    }

    /// The record as a document, `None` when it is not one.
    fn document(&self, record: Record) -> Option<Result<Document, ReadError>> {
        let kind = record
            .header("WARC-Type")
            .unwrap_or("")
            .to_ascii_lowercase();
        let content_type = record
            .header("Content-Type")
            .unwrap_or("")
            .to_ascii_lowercase();
        let name = format!("{}@warc-record-{}", self.name, self.count);
        let reader = Reader::new(self.html);
        let result = match kind.as_str() {
            "response" if content_type.starts_with("application/http") => {
                let http = match Http::parse(&record.block) {
                    Ok(Some(http)) => http,
                    Ok(None) => return None,
                    Err(reason) => return Some(Err(self.error(reason))),
                };
                let mime = http.content_type.to_ascii_lowercase();
                if is_html(&mime) {
                    reader.page(
                        &name,
                        &http.body,
                        charset_param(&http.content_type).as_deref(),
                    )
                } else if mime.starts_with("text/plain") {
                    reader.text(&name, &http.body)
                } else {
                    return None;
                }
            }
            "resource" | "response" if is_html(&content_type) => reader.page(
                &name,
                &record.block,
                charset_param(&content_type).as_deref(),
            ),
            "resource" | "conversion"
                if content_type.is_empty() || content_type.starts_with("text/plain") =>
            {
                reader.text(&name, &record.block)
            }
            _ => return None,
        };
        // The page's own canonical URL and date are better than the crawl's.
        Some(result.map(|mut doc| {
            let url = record
                .header("WARC-Target-URI")
                .map(|u| u.trim_matches(['<', '>']).to_string());
            let crawled = record.header("WARC-Date").and_then(parse_date);
            let meta = std::mem::take(&mut doc.meta);
            let meta = Metadata {
                url: meta.url.or(url),
                published: meta.published.or(crawled),
                ..meta
            };
            doc.with_meta(meta)
        }))
    }
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.record()? {
                Ok(record) => {
                    if let Some(doc) = self.document(record) {
                        return Some(doc);
                    }
                }
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

fn is_html(mime: &str) -> bool {
    mime.starts_with("text/html") || mime.starts_with("application/xhtml")
}

fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
    })
}

/// An HTTP response inside a `response` record, its body decoded from the transfer.
struct Http {
    content_type: String,
    body: Vec<u8>,
}

impl Http {
    /// `None` for responses that carry no page (redirects, errors, empty bodies).
    fn parse(block: &[u8]) -> Result<Option<Http>, String> {
        let (head_end, body_start) = find(block, b"\r\n\r\n")
            .map(|i| (i, i + 4))
            .or_else(|| find(block, b"\n\n").map(|i| (i, i + 2)))
            .ok_or("the HTTP headers do not end")?;
        let head = String::from_utf8_lossy(&block[..head_end]);
        let mut lines = head.lines();
        let status = lines.next().unwrap_or("");
        let code = status
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse::<u16>().ok());
        let code = code.ok_or_else(|| format!("not an HTTP status line: {status:?}"))?;
        if !(200..300).contains(&code) {
            return Ok(None);
        }
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect();
        let mut body = block[body_start..].to_vec();
        if header(&headers, "Transfer-Encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked"))
        {
            body = dechunk(&body).ok_or("bad chunked transfer encoding")?;
        }
        match header(&headers, "Content-Encoding")
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            None | Some("identity") | Some("") => {}
            Some("gzip" | "x-gzip") => body = inflate(GzDecoder::new(&body[..]))?,
            Some("deflate") => body = inflate(ZlibDecoder::new(&body[..]))?,
            Some(other) => return Err(format!("unsupported Content-Encoding {other:?}")),
        }
        if body.is_empty() {
            return Ok(None);
        }
        let content_type = header(&headers, "Content-Type")
            .unwrap_or("text/html")
            .to_string();
        Ok(Some(Http { content_type, body }))
    }
}

fn inflate(mut decoder: impl Read) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    decoder
        .read_to_end(&mut out)
        .map_err(|e| format!("cannot decompress the HTTP body: {e}"))?;
    Ok(out)
}

fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let line_end = find(body, b"\r\n")?;
        let size = std::str::from_utf8(&body[..line_end]).ok()?;
        let size = usize::from_str_radix(size.split(';').next()?.trim(), 16).ok()?;
        body = &body[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body
            .get(size..)?
            .strip_prefix(b"\r\n")
            .unwrap_or(&body[size..]);
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_bodies_are_joined() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5;x=y\r\npedia\r\n0\r\n\r\n").unwrap(),
            b"Wikipedia"
        );
        assert!(dechunk(b"zz\r\n").is_none());
    }

    #[test]
    fn redirects_are_not_pages() {
        let block = b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n";
        assert!(Http::parse(block).unwrap().is_none());
    }

    #[test]
    fn charset_comes_from_the_content_type() {
        assert_eq!(
            charset_param("text/html; charset=\"ISO-8859-1\"").as_deref(),
            Some("ISO-8859-1")
        );
        assert_eq!(charset_param("text/html"), None);
    }
}
