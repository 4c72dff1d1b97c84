//! A page's main text and its metadata.
//!
//! Boilerplate removal is the `trafilatura` crate's, cross-checked by default with
//! `dom_smoothie` (a port of Mozilla's Readability): the two make different
//! mistakes, and where they disagree the difference is mostly boilerplate that one
//! of them kept (related links, captions, sign-up boxes), so the shorter text wins
//! unless it is so much shorter that it missed the article. Metadata is
//! trafilatura's (meta tags, JSON-LD, OpenGraph), with the title trimmed to the
//! headline.
//!
//! Both extractors' plain-text output is uneven, so the cleaned HTML they return is
//! rendered here instead: one block element per paragraph, paragraphs separated by
//! a blank line (the sentence splitter and every reader of a claim's context rely
//! on them).
//!
//! The cleaned HTML has lost its source positions, so where the text is in the
//! original page is found afterwards, by aligning the two (`align`); a document read
//! from a page keeps both, so evidence can be highlighted where it was read.

use dossier_core::Metadata;
use trafilatura::dom::{Document as Dom, NodeId};

/// Main-text extraction settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HtmlExtractor {
    /// Try the readability and baseline extractors when the main one finds little.
    pub fallback: bool,
    /// Leave reader comments out of the text.
    pub exclude_comments: bool,
    /// Also extract with Readability and keep the more conservative text.
    pub cross_check: bool,
}

impl Default for HtmlExtractor {
    /// Python trafilatura's defaults (fallback on, comments out), cross-checked.
    fn default() -> HtmlExtractor {
        HtmlExtractor {
            fallback: true,
            exclude_comments: true,
            cross_check: true,
        }
    }
}

/// What a page yielded: its main text, its metadata, and what looked wrong.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    pub text: String,
    pub meta: Metadata,
    /// Problems that still left a text, for the document's diagnostics.
    pub warnings: Vec<String>,
}

/// The main text of `html` with the default settings, never failing: a page
/// without main text gives an empty text and says why in `warnings`. `url` is
/// where the page came from, used when the page names no canonical URL.
pub fn extract(html: &str, url: Option<&str>) -> Page {
    let mut page = HtmlExtractor::default()
        .extract(html)
        .unwrap_or_else(|e| Page {
            warnings: vec![e.to_string()],
            ..Page::default()
        });
    if page.meta.url.is_none() {
        page.meta.url = url.map(str::to_string);
    }
    page
}

/// Extraction found no main text; the reason is trafilatura's.
#[derive(Debug, thiserror::Error)]
#[error("no main text found ({0})")]
pub struct NoMainText(String);

impl HtmlExtractor {
    /// The `trafilatura` crate's own defaults (no fallback, comments kept), alone.
    /// About three times as fast as the default.
    pub fn crate_defaults() -> HtmlExtractor {
        HtmlExtractor {
            fallback: false,
            exclude_comments: false,
            cross_check: false,
        }
    }

    /// The page's main text and metadata. The headline goes to `meta.title`, not
    /// into the text.
    pub fn extract(&self, html: &str) -> Result<Page, NoMainText> {
        let options = trafilatura::Options::default()
            .with_fallback(self.fallback)
            .with_exclude_comments(self.exclude_comments);
        let dom = Dom::parse(html);
        let headings: Vec<String> = dom
            .query_selector_all(dom.root(), "h1")
            .into_iter()
            .map(|h| collapse(&dom.text_content(h)))
            .collect();
        let main = trafilatura::extract_document(dom, &options);
        let second = if self.cross_check {
            readability(html)
        } else {
            None
        };
        let (mut text, meta) = match (main, second.is_some()) {
            (Ok(result), _) => (self.render(&result), metadata(result.metadata)),
            (Err(_), true) => (String::new(), Metadata::default()),
            (Err(e), false) => return Err(NoMainText(e.to_string())),
        };
        if let Some(second) = second {
            text = conservative(text, second);
        }
        let mut meta = meta;
        meta.title = meta.title.map(|t| headline(t, &headings));
        if let Some(title) = &meta.title {
            text = without_headline(text, title);
        }
        if text.trim().is_empty() {
            return Err(NoMainText("the page's main text is empty".into()));
        }
        let mut warnings = Vec::new();
        if looks_truncated(html) {
            warnings.push("the page ends without </body> or </html>: it may be cut short".into());
        }
        Ok(Page {
            text,
            meta,
            warnings,
        })
    }
}

impl HtmlExtractor {
    fn render(&self, result: &trafilatura::ExtractResult) -> String {
        let mut text = html_to_text(&result.content_html);
        if !self.exclude_comments && !result.comments_html.is_empty() {
            let comments = html_to_text(&result.comments_html);
            if !comments.is_empty() {
                text.push_str("\n\n");
                text.push_str(&comments);
            }
        }
        text
    }
}

/// Readability's main text, if it finds any.
fn readability(html: &str) -> Option<String> {
    let article = dom_smoothie::Readability::new(html, None, None)
        .ok()?
        .parse()
        .ok()?;
    Some(html_to_text(&article.content)).filter(|t| !t.trim().is_empty())
}

/// Of two extractions of one page, the shorter, unless it has less than a third of
/// the other's text: then it missed the article rather than its boilerplate. Length is
/// counted in characters other than white space, because an extraction that runs
/// paragraphs together ("said.Grain") has fewer words but no less text.
fn conservative(a: String, b: String) -> String {
    let size = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
    let (short, long) = if size(&a) <= size(&b) { (a, b) } else { (b, a) };
    if size(&short) * 3 >= size(&long) {
        short
    } else {
        long
    }
}

/// The text without its first paragraph when that is the headline: the title is
/// kept in the metadata, and the text is the body that follows it (as in the
/// article-extraction benchmarks' gold texts).
fn without_headline(text: String, title: &str) -> String {
    let Some((first, rest)) = text.split_once("\n\n") else {
        return text;
    };
    let words = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    let (first_words, title_words) = (words(first), words(title));
    // A one-word paragraph that happens to be in the title (a dateline, a section
    // name) is not the headline: it has to cover most of the title.
    let is_headline = !first_words.is_empty()
        && first_words.len() * 2 >= title_words.len()
        && title_words
            .windows(first_words.len())
            .any(|w| w == first_words.as_slice());
    if is_headline { rest.to_string() } else { text }
}

/// A page's title is often its headline plus decoration ("Headline | Site",
/// "Site: Headline"). When a `<h1>` of the page is part of the title, that is the
/// headline; otherwise a short segment after a separator (a site or section name)
/// is cut off.
fn headline(title: String, headings: &[String]) -> String {
    let title = collapse(&title);
    if let Some(h) = headings
        .iter()
        .filter(|h| h.split_whitespace().count() >= 3 || h.chars().count() >= 8)
        .find(|h| title.contains(h.as_str()))
    {
        return h.clone();
    }
    let mut title = title.as_str();
    while let Some((head, tail)) = SEPARATORS
        .iter()
        .filter_map(|sep| title.rsplit_once(sep))
        .max_by_key(|(head, _)| head.len())
    {
        let short =
            tail.split_whitespace().count() <= 4 && tail.chars().count() * 2 < head.chars().count();
        if !short {
            break;
        }
        title = head.trim_end();
    }
    title.to_string()
}

const SEPARATORS: &[&str] = &[" | ", " - ", " -- ", " — ", " – ", " » ", " :: ", " · "];

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn metadata(m: trafilatura::Metadata) -> Metadata {
    let some = |s: String| {
        let s = s.trim().to_string();
        (!s.is_empty()).then_some(s)
    };
    let authors = m
        .author
        .split("; ")
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(String::from)
        .collect();
    Metadata {
        title: some(m.title),
        authors,
        url: some(m.url),
        source: some(m.sitename).or_else(|| some(m.hostname)),
        origin: None,
        published: m.date,
        language: some(m.language),
    }
}

/// A page whose markup stops before its closing tags was probably cut off in
/// transfer; what is left is still worth reading.
fn looks_truncated(html: &str) -> bool {
    let tail = &html.as_bytes()[html.len().saturating_sub(4096)..];
    let tail = tail.to_ascii_lowercase();
    let has = |tag: &[u8]| tail.windows(tag.len()).any(|w| w == tag);
    !has(b"</html") && !has(b"</body")
}

/// Renders HTML (a page, or a fragment such as a feed item's summary) as plain
/// text: one paragraph per block element, separated by blank lines; `<br>` is a
/// line break; runs of white space collapse except inside `<pre>`.
pub fn html_to_text(html: &str) -> String {
    let dom = Dom::parse(html);
    let root = dom.body().unwrap_or_else(|| dom.root());
    let mut out = Renderer::default();
    out.walk(&dom, root, 0);
    out.finish()
}

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tr",
    "ul",
    "caption",
];

/// Elements whose content is never text.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
];

/// Nesting deeper than this is not followed (html5ever builds arbitrarily deep trees).
const MAX_DEPTH: usize = 400;

#[derive(Default)]
struct Renderer {
    text: String,
    /// A space is owed before the next word.
    space: bool,
    pre: usize,
}

impl Renderer {
    fn walk(&mut self, dom: &Dom, id: NodeId, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        if dom.is_text(id) {
            self.push_text(&dom.text_content(id));
            return;
        }
        let tag = dom.tag_name(id);
        if SKIPPED.contains(&tag) {
            return;
        }
        match tag {
            "br" => return self.line_break(),
            "td" | "th" => self.space = true,
            _ => {}
        }
        let block = BLOCKS.contains(&tag);
        if block {
            self.paragraph_break();
        }
        let pre = tag == "pre";
        self.pre += usize::from(pre);
        for child in dom.child_nodes(id) {
            self.walk(dom, child, depth + 1);
        }
        self.pre -= usize::from(pre);
        if block {
            self.paragraph_break();
        } else if matches!(tag, "td" | "th") {
            self.space = true;
        }
    }

    fn push_text(&mut self, s: &str) {
        if self.pre > 0 {
            self.text.push_str(s);
            self.space = false;
            return;
        }
        for (i, word) in s.split(char::is_whitespace).enumerate() {
            if i > 0 {
                self.space = true;
            }
            if word.is_empty() {
                continue;
            }
            if self.space && !self.text.is_empty() && !self.text.ends_with('\n') {
                self.text.push(' ');
            }
            self.text.push_str(word);
            self.space = false;
        }
    }

    fn line_break(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
        self.space = false;
    }

    fn paragraph_break(&mut self) {
        let trimmed = self.text.trim_end_matches([' ', '\n']).len();
        self.text.truncate(trimmed);
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        self.space = false;
    }

    fn finish(self) -> String {
        self.text.trim_end().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_separated_by_blank_lines() {
        let text = html_to_text(
            "<h1>Title</h1><p>One  <b>bold</b>\n word.</p><p>Two<br>lines</p><ul><li>a</li><li>b</li></ul>",
        );
        assert_eq!(text, "Title\n\nOne bold word.\n\nTwo\nlines\n\na\n\nb");
    }

    #[test]
    fn inline_elements_keep_their_spacing() {
        assert_eq!(html_to_text("<p>a<i>b</i> <a href=x>c</a>d</p>"), "ab cd");
        assert_eq!(
            html_to_text("<table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>"),
            "1 2\n\n3"
        );
    }

    #[test]
    fn scripts_and_entities() {
        assert_eq!(
            html_to_text("<p>Fish &amp; chips<script>var x = 1;</script></p>"),
            "Fish & chips"
        );
    }

    #[test]
    fn the_shorter_extraction_wins_unless_it_missed_the_article() {
        let body = "one two three four five six".to_string();
        let with_links = format!("{body}\n\nRelated: seven eight");
        assert_eq!(conservative(with_links.clone(), body.clone()), body);
        assert_eq!(
            conservative("a caption".into(), with_links.clone()),
            with_links
        );
    }

    #[test]
    fn titles_are_trimmed_to_the_headline() {
        let h1 = ["Bridge reopens after repairs".to_string()];
        assert_eq!(
            headline("Bridge reopens after repairs | The Gazette".into(), &[]),
            h1[0]
        );
        assert_eq!(
            headline("Gazette: Bridge reopens after repairs".into(), &h1),
            h1[0]
        );
        assert_eq!(
            headline("Bridge reopens after repairs » Local » News".into(), &[]),
            h1[0]
        );
        let long_tail = "Bridge reopens - and traffic is back to normal";
        assert_eq!(headline(long_tail.into(), &[]), long_tail);
    }

    #[test]
    fn the_headline_leaves_the_text_for_the_title() {
        let text = "Bridge reopens after repairs\n\nThe bridge reopened on Tuesday.".to_string();
        assert_eq!(
            without_headline(text, "Bridge reopens after repairs"),
            "The bridge reopened on Tuesday."
        );
        let dateline = "Oslo\n\nThe bridge reopened on Tuesday.".to_string();
        assert_eq!(
            without_headline(dateline.clone(), "Oslo bridge reopens after long repairs"),
            dateline
        );
    }

    #[test]
    fn preformatted_text_keeps_its_lines() {
        assert_eq!(html_to_text("<pre>a  b\nc</pre><p>d</p>"), "a  b\nc\n\nd");
    }
}
