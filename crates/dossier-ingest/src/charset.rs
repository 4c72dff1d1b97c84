//! Bytes to UTF-8.
//!
//! The order follows what browsers do for HTML: a byte-order mark wins, then the
//! charset the transport declared (an HTTP header, e.g. inside a WARC record), then
//! the page's own `<meta charset>` / `http-equiv`, or an XML declaration; only when
//! nothing usable is declared does `chardetng` guess. Every departure from clean,
//! declared UTF-8 is reported back as a note, which the caller turns into a
//! diagnostic on the document: a wrong guess should be visible, not silent.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// Decoded text and what was surprising about getting it.
#[derive(Debug)]
pub(crate) struct Decoded {
    pub text: String,
    pub notes: Vec<String>,
}

/// How far into a page to look for a declared charset (the HTML spec says 1024;
/// real pages put long scripts first, so look further).
const PRESCAN: usize = 8192;

/// Decodes an HTML (or XML) page; `transport` is a charset from an HTTP header.
pub(crate) fn decode_markup(bytes: &[u8], transport: Option<&str>) -> Decoded {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return decode_with(encoding, &bytes[bom..], Vec::new());
    }
    let mut notes = Vec::new();
    let head = &bytes[..bytes.len().min(PRESCAN)];
    let declared = transport
        .map(str::to_string)
        .or_else(|| meta_charset(head))
        .or_else(|| xml_encoding(head));
    if let Some(label) = declared {
        match Encoding::for_label(label.trim().as_bytes()) {
            // A page cannot really be UTF-16 once we are reading it as ASCII-compatible
            // bytes, and x-user-defined means "bytes": both are treated as browsers do.
            Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => {
                return decode_with(UTF_8, bytes, notes);
            }
            Some(e) if e == encoding_rs::X_USER_DEFINED => {
                return decode_with(WINDOWS_1252, bytes, notes);
            }
            Some(e) => return decode_with(e, bytes, notes),
            None => notes.push(format!(
                "unknown charset {label:?} declared; detecting instead"
            )),
        }
    }
    if std::str::from_utf8(bytes).is_ok() {
        return decode_with(UTF_8, bytes, notes);
    }
    let guess = guess(bytes);
    notes.push(format!(
        "no usable charset declared; guessed {}",
        guess.name()
    ));
    decode_with(guess, bytes, notes)
}

/// Decodes plain text (a .txt file, a JSONL line). Mostly-valid UTF-8 keeps its
/// good characters and has the bad bytes replaced; text that is not UTF-8 at all is
/// guessed; binary data is refused.
pub(crate) fn decode_text(bytes: &[u8]) -> Result<Decoded, Binary> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return Ok(decode_with(encoding, &bytes[bom..], Vec::new()));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        if looks_binary(bytes) {
            return Err(Binary);
        }
        return Ok(Decoded {
            text: text.to_string(),
            notes: Vec::new(),
        });
    }
    if looks_binary(bytes) {
        return Err(Binary);
    }
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    if multibyte > 0 && multibyte >= invalid {
        let text = String::from_utf8_lossy(bytes).into_owned();
        let note = format!("{invalid} invalid UTF-8 sequence(s) replaced with U+FFFD");
        return Ok(Decoded {
            text,
            notes: vec![note],
        });
    }
    let guess = guess(bytes);
    Ok(decode_with(
        guess,
        bytes,
        vec![format!("not UTF-8; charset guessed as {}", guess.name())],
    ))
}

/// The input is binary data, not text.
#[derive(Debug)]
pub(crate) struct Binary;

/// NUL bytes, or many control characters, in the first 8 KB: not something to read
/// as text. (UTF-16 without a byte-order mark lands here too, which is rare enough.)
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let nul = head.iter().filter(|&&b| b == 0).count();
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    nul * 100 > head.len() || control * 10 > head.len()
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8], mut notes: Vec<String>) -> Decoded {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        notes.push(format!(
            "bytes invalid in {} replaced with U+FFFD",
            encoding.name()
        ));
    }
    Decoded {
        text: text.into_owned(),
        notes,
    }
}

fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    detector.guess(None, true)
}

/// The charset of a `<meta charset=..>` or `<meta http-equiv content="..; charset=..">`.
fn meta_charset(head: &[u8]) -> Option<String> {
    let lower = head.to_ascii_lowercase();
    let mut at = 0;
    while let Some(found) = find(&lower[at..], b"<meta") {
        let start = at + found;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let rest = &tag[c + b"charset".len()..];
            let rest = trim_start(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let value = attribute_value(trim_start(rest));
                if !value.is_empty() {
                    return Some(String::from_utf8_lossy(value).into_owned());
                }
            }
        }
        at = end;
    }
    None
}

/// The `encoding` of an XML declaration `<?xml version="1.0" encoding="..."?>`.
fn xml_encoding(head: &[u8]) -> Option<String> {
    let start = find(head, b"<?xml")?;
    let end = start + find(&head[start..], b"?>")?;
    let decl = &head[start..end];
    let at = find(decl, b"encoding")? + b"encoding".len();
    let rest = trim_start(&decl[at..]).strip_prefix(b"=")?;
    let value = attribute_value(trim_start(rest));
    (!value.is_empty()).then(|| String::from_utf8_lossy(value).into_owned())
}

/// A quoted or bare attribute value at the start of `s`.
fn attribute_value(s: &[u8]) -> &[u8] {
    match s.first() {
        Some(&q @ (b'"' | b'\'')) => {
            let body = &s[1..];
            &body[..body.iter().position(|&b| b == q).unwrap_or(body.len())]
        }
        _ => {
            let end = s
                .iter()
                .position(|&b| {
                    b.is_ascii_whitespace() || matches!(b, b';' | b'"' | b'\'' | b'/' | b'>')
                })
                .unwrap_or(s.len());
            &s[..end]
        }
    }
}

fn trim_start(s: &[u8]) -> &[u8] {
    &s[s.iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(s.len())..]
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_meta_charset_is_honoured() {
        let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xe9</body></html>";
        let d = decode_markup(page, None);
        assert!(d.text.contains("café"), "{}", d.text);
        assert!(d.notes.is_empty());
    }

    #[test]
    fn http_equiv_and_transport_charsets() {
        let page =
            b"<meta http-equiv=Content-Type content='text/html; charset=windows-1251'>\xcf\xf0\xe8";
        assert!(decode_markup(page, None).text.ends_with("При"));
        // The transport's declaration wins over the page's.
        let page = b"<meta charset=windows-1251>caf\xc3\xa9";
        assert!(decode_markup(page, Some("utf-8")).text.ends_with("café"));
    }

    #[test]
    fn unknown_charset_falls_back_with_a_note() {
        let page =
            b"<meta charset=x-unknown-42><p>Le gar\xe7on na\xeff a d\xe9j\xe0 mang\xe9 sa cr\xeape.</p>";
        let d = decode_markup(page, None);
        assert!(d.text.contains("garçon naïf a déjà mangé"), "{}", d.text);
        assert!(d.notes[0].contains("x-unknown-42"), "{:?}", d.notes);
    }

    #[test]
    fn xml_declaration_is_read() {
        let decl = b"<?xml version='1.0' encoding='ISO-8859-1'?><rss>";
        assert_eq!(xml_encoding(decl).as_deref(), Some("ISO-8859-1"));
    }

    #[test]
    fn text_with_a_stray_byte_keeps_its_utf8() {
        let mut bytes = "Zürich – Genève — ok".as_bytes().to_vec();
        bytes.push(0xff);
        let d = decode_text(&bytes).unwrap();
        assert!(d.text.starts_with("Zürich – Genève"));
        assert_eq!(d.notes.len(), 1);
    }

    #[test]
    fn latin1_text_is_guessed_and_binary_refused() {
        let d = decode_text(b"Le gar\xe7on a mang\xe9 une cr\xeape \xe0 la gare.").unwrap();
        assert!(d.text.contains("garçon"), "{}", d.text);
        assert!(decode_text(b"\x00\x01\x02\x00PK\x03\x04\x00\x00\x00\x00").is_err());
    }
}
