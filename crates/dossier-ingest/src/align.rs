//! Finds an extracted text in the page it came from.
//!
//! The extractors return cleaned HTML without source positions, so the text is found
//! again in the page afterwards. Both sides are reduced to their visible characters
//! other than white space (markup, comments and the content of scripts and styles
//! skipped; character references decoded), and the text is matched in order: a run of
//! eight characters anchors a match at its next occurrence in the page, and the match
//! extends as long as the characters agree. Boilerplate between the article's
//! paragraphs is simply skipped over; a paragraph that the page has in another order is
//! found wherever it is.

use dossier_core::{Run, Span};

/// Characters that must agree to start a match: enough to be unique in a page.
const ANCHOR: usize = 8;

/// Elements whose content is never shown as text (as in the renderer).
const HIDDEN: &[&str] = &[
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
];

/// A character other than white space, and where it is.
#[derive(Clone, Copy)]
struct Glyph {
    ch: char,
    at: u32,
    len: u32,
}

/// The runs of `text` found in `html`, in text order.
pub fn runs(html: &str, text: &str) -> Vec<Run> {
    let page = visible(html);
    let words: Vec<Glyph> = text
        .char_indices()
        .filter(|(_, c)| !c.is_whitespace())
        .map(|(at, ch)| Glyph {
            ch,
            at: at as u32,
            len: ch.len_utf8() as u32,
        })
        .collect();
    let pairs = matches(&page, &words);
    merge(html, text, &page, &words, &pairs)
}

/// Pairs (text glyph, page glyph) of characters matched in order.
fn matches(page: &[Glyph], text: &[Glyph]) -> Vec<(usize, usize)> {
    // Every anchor of the page, sorted by key and then position.
    let mut starts: Vec<(u64, usize)> = page
        .windows(ANCHOR)
        .enumerate()
        .map(|(p, window)| (key(window), p))
        .collect();
    starts.sort_unstable();
    let mut pairs = Vec::new();
    let (mut t, mut from) = (0, 0);
    while t + ANCHOR <= text.len() {
        let k = key(&text[t..t + ANCHOR]);
        let lo = starts.partition_point(|&(key, _)| key < k);
        let same = &starts[lo..lo + starts[lo..].partition_point(|&(key, _)| key == k)];
        let next = same.partition_point(|&(_, p)| p < from);
        let Some(&(_, mut p)) = same.get(next).or(same.first()) else {
            t += 1;
            continue;
        };
        let start = t;
        while t < text.len() && p < page.len() && text[t].ch == page[p].ch {
            pairs.push((t, p));
            t += 1;
            p += 1;
        }
        if t == start {
            t += 1;
            continue;
        }
        from = p;
    }
    pairs
}

/// A hash of a window's characters (collisions only cost a failed match).
fn key(glyphs: &[Glyph]) -> u64 {
    glyphs.iter().fold(0, |h: u64, g| {
        (h.rotate_left(5) ^ u64::from(g.ch)).wrapping_mul(0x517c_c1b7_2722_0a95)
    })
}

/// Matched characters joined into runs: neighbours join when the bytes between them
/// are the same on both sides; a character written as a reference stands alone.
fn merge(
    html: &str,
    text: &str,
    page: &[Glyph],
    words: &[Glyph],
    pairs: &[(usize, usize)],
) -> Vec<Run> {
    let span = |g: Glyph| Span::new(g.at as usize, (g.at + g.len) as usize);
    let mut runs: Vec<Run> = Vec::new();
    let mut literal_before = false;
    for &(t, p) in pairs {
        let (tg, pg) = (span(words[t]), span(page[p]));
        let literal = tg.of(text) == pg.of(html);
        if let Some(last) = runs.last_mut() {
            let gap_t = &text[last.text.end as usize..tg.start as usize];
            let gap_p = html.get(last.page.end as usize..pg.start as usize);
            if literal && literal_before && gap_p == Some(gap_t) {
                last.text.end = tg.end;
                last.page.end = pg.end;
                continue;
            }
        }
        runs.push(Run { text: tg, page: pg });
        literal_before = literal;
    }
    runs
}

/// The page's visible characters other than white space.
fn visible(html: &str) -> Vec<Glyph> {
    let bytes = html.as_bytes();
    let mut out = Vec::with_capacity(html.len() / 2);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' => i = skip_markup(html, i),
            b'&' => {
                let (ch, len) = reference(&html[i..]).unwrap_or(('&', 1));
                if !ch.is_whitespace() {
                    out.push(Glyph {
                        ch,
                        at: i as u32,
                        len: len as u32,
                    });
                }
                i += len;
            }
            _ => {
                let ch = html[i..].chars().next().expect("on a char boundary");
                if !ch.is_whitespace() {
                    out.push(Glyph {
                        ch,
                        at: i as u32,
                        len: ch.len_utf8() as u32,
                    });
                }
                i += ch.len_utf8();
            }
        }
    }
    out
}

/// Where the markup starting at `html[i] == '<'` ends, past the content of a hidden
/// element. A `<` that starts no tag is text, and is skipped like one character.
fn skip_markup(html: &str, i: usize) -> usize {
    let rest = &html[i..];
    if rest.starts_with("<!--") {
        return rest.find("-->").map_or(html.len(), |e| i + e + 3);
    }
    let name: String = rest[1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let opens = rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || "/!?".contains(c));
    if !opens {
        return i + 1;
    }
    let end = rest.find('>').map_or(html.len(), |e| i + e + 1);
    if !HIDDEN.contains(&name.as_str()) || html[..end].ends_with("/>") {
        return end;
    }
    let mut at = end;
    while let Some(c) = html[at..].find("</") {
        let close = at + c;
        let tag = html.as_bytes()[close + 2..].get(..name.len());
        if tag.is_some_and(|t| t.eq_ignore_ascii_case(name.as_bytes())) {
            return html[close..]
                .find('>')
                .map_or(html.len(), |e| close + e + 1);
        }
        at = close + 2;
    }
    html.len()
}

/// The character a reference at the start of `s` stands for, and its length.
fn reference(s: &str) -> Option<(char, usize)> {
    let end = s.bytes().take(12).position(|b| b == b';')?;
    let body = &s[1..end];
    let ch = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code)?
    } else {
        NAMED.iter().find(|(n, _)| *n == body)?.1
    };
    Some((ch, end + 1))
}

/// The references news pages use for text; an unknown one leaves a one-character gap.
const NAMED: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("hellip", '…'),
    ("middot", '·'),
    ("bull", '•'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("deg", '°'),
    ("euro", '€'),
    ("pound", '£'),
    ("eacute", 'é'),
    ("egrave", 'è'),
    ("aacute", 'á'),
    ("agrave", 'à'),
    ("iacute", 'í'),
    ("oacute", 'ó'),
    ("uacute", 'ú'),
    ("ntilde", 'ñ'),
    ("ccedil", 'ç'),
    ("auml", 'ä'),
    ("ouml", 'ö'),
    ("uuml", 'ü'),
    ("szlig", 'ß'),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::html_to_text;

    fn pieces(html: &str, text: &str, part: &str) -> Vec<String> {
        let page = dossier_core::SourcePage {
            html: html.into(),
            runs: runs(html, text),
        };
        let at = text.find(part).expect("part of the text");
        page.pieces(Span::new(at, at + part.len()))
            .into_iter()
            .map(|s| s.of(html).to_string())
            .collect()
    }

    #[test]
    fn text_is_found_across_tags_and_references() {
        let html = "<html><head><title>Bridge &amp; road</title><style>p{}</style></head><body>\
            <nav>Home | News</nav><p>The bridge over the River Lune reopened on Tuesday after \
            <b>two years</b> of repairs &amp; delays.</p><script>var t = 'reopened on';</script>\
            <p>Traffic  was\n light.</p></body></html>";
        let text = "The bridge over the River Lune reopened on Tuesday after two years of repairs & delays.\n\nTraffic was light.";
        assert_eq!(
            pieces(html, text, "after two years of repairs & delays"),
            ["after", "two years", "of repairs", "&amp;", "delays"]
        );
        assert_eq!(
            pieces(html, text, "Traffic was light"),
            ["Traffic", "was", "light"]
        );
    }

    #[test]
    fn the_renderers_own_text_maps_back_whole() {
        let html = "<div><h2>Notes</h2><ul><li>First &ldquo;point&rdquo;</li><li>Second<br>line</li></ul>\
            <!-- <p>hidden</p> --><p>A &lt; B, and caf&#233; is 5&nbsp;km away.</p></div>";
        let text = html_to_text(html);
        let runs = runs(html, &text);
        let covered: usize = runs.iter().map(|r| r.text.len()).sum();
        let visible = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(char::len_utf8)
            .sum();
        assert!(
            covered >= visible,
            "{covered} of {visible} bytes mapped: {runs:?}"
        );
        assert_eq!(pieces(html, &text, "café"), ["caf", "&#233;"]);
    }

    #[test]
    fn broken_markup_maps_what_it_can_and_never_points_off_the_page() {
        let pages = [
            "<p>Caf&eacute au lait &am; costs 3 < 4 euros <b",
            "<p>Before <!-- never closed <p>hidden</p>",
            "<p>Text then <script>var x = '</p>'; never closed",
            "<p>Ünïcödé &#xZZ; &#99999999; “quoted” text</p><",
            "",
            "<<<>>>&&&;;;",
        ];
        for html in pages {
            let text = html_to_text(html);
            for run in runs(html, &text) {
                let (t, p) = (run.text.of(&text), html.get(run.page.range()));
                let page = p.unwrap_or_else(|| panic!("{run:?} is off the page {html:?}"));
                if t.len() == page.len() {
                    assert_eq!(t, page, "a literal run copies the page in {html:?}");
                }
            }
        }
    }

    #[test]
    fn a_paragraph_in_another_order_is_still_found() {
        let html = "<p>Second paragraph of the story.</p><p>First paragraph of the story.</p>";
        let text = "First paragraph of the story.\n\nSecond paragraph of the story.";
        assert_eq!(pieces(html, text, "Second paragraph"), ["Second paragraph"]);
        assert_eq!(pieces(html, text, "First"), ["First"]);
    }
}
