//! Counted amounts in news text: "at least 10,000 of its troops", "two North Korean
//! soldiers", "1.5 million people", "dozens of civilians".
//!
//! Reports of war and unrest turn on numbers whose wording matters as much as their
//! value: "at least 12 dead" and "about 12 dead" are different claims. So a
//! [`Quantity`] keeps its [`Bound`] and the noun it counts, and leaves out what only
//! looks like a number: years, dates, clock times, ordinals and durations belong to the
//! times layer. Vague plurals are read as their smallest plausible value with an
//! `AtLeast` bound ("dozens" is at least 24, "hundreds" at least 200).

mod numbers;

use dossier_core::{Bound, Document, Layer, Quantity, Span, Stage, TokenKind};
use numbers::{parse_digits, scale_of, word_value};

/// Finds quantities in every sentence; needs only tokens.
#[derive(Debug, Default)]
pub struct QuantityStage;

impl QuantityStage {
    pub fn new() -> QuantityStage {
        QuantityStage
    }
}

impl Stage for QuantityStage {
    fn name(&self) -> &'static str {
        "quantities"
    }

    fn needs(&self) -> &'static [Layer] {
        &[Layer::Tokens]
    }

    fn adds(&self) -> &'static [Layer] {
        &[Layer::Quantities]
    }

    fn run(&self, doc: &mut Document) {
        let found: Vec<Quantity> = doc
            .sentences
            .iter()
            .flat_map(|s| {
                Scanner {
                    doc,
                    end: s.end_token as usize,
                }
                .scan(s.tokens())
            })
            .collect();
        doc.quantities.extend(found);
    }
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "sept.",
    "oct.",
    "nov.",
    "dec.",
];

/// Nouns that make a number a time, not a count.
const TIME_UNITS: &[&str] = &[
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "century",
    "centuries",
    "am",
    "pm",
    "a.m.",
    "p.m.",
    "gmt",
    "utc",
    "o'clock",
    "night",
    "nights",
    "weekend",
    "weekends",
];

/// Words between a number and its unit that end the noun phrase.
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "its", "their", "his", "her", "our", "and", "or", "but", "is", "are", "was",
    "were", "be", "been", "being", "has", "have", "had", "who", "whom", "which", "that", "this",
    "these", "those", "in", "on", "at", "from", "to", "by", "with", "for", "as", "into", "near",
    "after", "before", "during", "since", "than", "per", "across", "around", "about", "over",
    "under", "while", "when", "where", "it", "they", "he", "she", "we", "will", "would", "could",
    "can", "may", "might", "should", "did", "do", "does", "not", "also", "each", "all", "times",
    "out", "up", "down", "off", "against", "between", "among", "so", "if", "then", "there", "here",
];

/// Singular or irregular nouns that head a counted phrase.
const COUNT_NOUNS: &[&str] = &[
    "people",
    "police",
    "personnel",
    "children",
    "men",
    "women",
    "staff",
    "military",
    "infantry",
    "cattle",
    "livestock",
    "equipment",
    "person",
    "child",
    "man",
    "woman",
    "civilian",
    "soldier",
    "officer",
    "member",
    "fighter",
    "troop",
    "percent",
    "dead",
    "wounded",
    "injured",
    "missing",
    "killed",
    "hostage",
    "prisoner",
    "militant",
    "gunman",
    "dollar",
    "euro",
];

/// Words that sit between a number and its noun without being the noun.
const MODIFIERS: &[&str] = &[
    "more",
    "other",
    "additional",
    "further",
    "armed",
    "unarmed",
    "unidentified",
    "unknown",
    "suspected",
    "alleged",
    "young",
    "old",
    "elderly",
    "local",
    "foreign",
    "senior",
    "junior",
    "top",
    "former",
    "innocent",
    "new",
    "small",
    "large",
    "heavy",
    "light",
    "military",
    "civilian",
    "police",
    "security",
    "government",
    "rebel",
    "opposition",
    "enemy",
    "pro-government",
    "anti-government",
    "wounded",
    "injured",
    "dead",
    "captured",
    "detained",
    "unarmed",
    "separate",
    "different",
    "major",
    "minor",
];

struct Scanner<'a> {
    doc: &'a Document,
    /// One past the sentence's last token.
    end: usize,
}

impl Scanner<'_> {
    fn word(&self, i: usize) -> &str {
        self.doc.token_str(i)
    }

    fn lower(&self, i: usize) -> String {
        self.word(i).to_lowercase()
    }

    fn lower_at(&self, i: Option<usize>) -> String {
        i.filter(|&i| i < self.end)
            .map(|i| self.lower(i))
            .unwrap_or_default()
    }

    fn scan(&self, range: std::ops::Range<usize>) -> Vec<Quantity> {
        let start = range.start;
        let mut out = Vec::new();
        let mut i = range.start;
        while i < range.end {
            match self.number_at(i) {
                Some((value, next, vague)) if !self.is_no_count(i, next, value) => {
                    let (bound_start, bound) = self.bound_before(i, start);
                    let bound = if vague && bound == Bound::Exact {
                        Bound::AtLeast
                    } else {
                        bound
                    };
                    let unit = self.unit_after(next, value);
                    let pronoun = i > start
                        && matches!(
                            self.lower(i - 1).as_str(),
                            "no" | "the"
                                | "any"
                                | "every"
                                | "each"
                                | "this"
                                | "that"
                                | "which"
                                | "another"
                        );
                    if self.lower(i) == "one" && (unit.is_none() || pronoun) {
                        i = next;
                        continue;
                    }
                    let last = unit.map_or(next, |(_, end_token)| end_token);
                    let span = Span::new(
                        self.doc.tokens[bound_start].span.start as usize,
                        self.doc.tokens[last - 1].span.end as usize,
                    );
                    out.push(Quantity {
                        span,
                        value,
                        bound,
                        unit: unit.map(|(u, _)| u),
                    });
                    i = last;
                }
                Some((_, next, _)) => i = next,
                None => i += 1,
            }
        }
        out
    }

    /// The value of a number starting at token `i`, the token after it, and whether it
    /// is a vague plural ("dozens", "hundreds of").
    fn number_at(&self, i: usize) -> Option<(f64, usize, bool)> {
        let tok = self.doc.tokens[i];
        let lower = self.lower(i);
        let (mut value, mut next, vague) = if tok.kind == TokenKind::Number {
            (parse_digits(&lower)?, i + 1, false)
        } else if let Some(v) = numbers::vague_value(&lower) {
            // "dozens of", "hundreds of": a count only when something is counted.
            (v, i + 1, true)
        } else if lower == "a" || lower == "an" {
            // "a dozen", "a hundred", "a million".
            let n = self.lower_at(Some(i + 1));
            let v = if n == "dozen" { 12.0 } else { scale_of(&n)? };
            (v, i + 2, false)
        } else if lower == "half" && self.lower_at(Some(i + 1)) == "a" {
            let n = self.lower_at(Some(i + 2));
            (0.5 * scale_of(&n)?, i + 3, false)
        } else {
            let v = word_value(&lower)?;
            (v, i + 1, false)
        };
        // Word numbers compose: "twenty five", "three hundred thousand", "1.5 million".
        while next < self.end {
            let n = self.lower(next);
            if let Some(scale) = scale_of(&n) {
                value *= scale;
                next += 1;
            } else if n == "dozen" {
                value *= 12.0;
                next += 1;
            } else if !vague
                && tok.kind != TokenKind::Number
                && value >= 20.0
                && value % 10.0 == 0.0
            {
                match word_value(&n) {
                    Some(v) if v < 10.0 => {
                        value += v;
                        next += 1;
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        // "tens of thousands", "hundreds of thousands": the vague head scales the tail.
        if vague
            && self.lower_at(Some(next)) == "of"
            && let Some(tail) = numbers::vague_value(&self.lower_at(Some(next + 1)))
        {
            value = numbers::vague_scale(&lower).unwrap_or(1.0) * tail;
            next += 2;
        }
        Some((value, next, vague))
    }

    /// Years, dates, clock times and durations (the times layer's), and numbers in names.
    fn is_no_count(&self, i: usize, next: usize, value: f64) -> bool {
        let word = self.word(i);
        let after = self.lower_at(Some(next));
        let before = if i > 0 {
            self.lower(i - 1)
        } else {
            String::new()
        };
        let integral = self.doc.tokens[i].kind == TokenKind::Number
            && word.bytes().all(|b| b.is_ascii_digit());
        if integral && word.len() == 4 && (1800.0..=2100.0).contains(&value) {
            let dated = matches!(
                before.as_str(),
                "the" | "in" | "since" | "of" | "for" | "by" | "until" | "from" | "'s"
            );
            let counted = !dated
                && after.chars().next().is_some_and(char::is_lowercase)
                && !STOP_WORDS.contains(&after.as_str())
                && !MONTHS.contains(&after.as_str());
            if !counted {
                return true;
            }
        }
        if MONTHS.contains(&before.as_str()) || MONTHS.contains(&after.as_str()) {
            return integral && value <= 31.0;
        }
        if matches!(after.as_str(), ":" | "." | "/") && integral {
            let after2 = self.lower_at(Some(next + 1));
            if after2.chars().next().is_some_and(|c| c.is_ascii_digit()) && after != "." {
                return true;
            }
        }
        let before2 = if i > 1 {
            self.lower(i - 2)
        } else {
            String::new()
        };
        if before == ":" && before2.bytes().all(|b| b.is_ascii_digit()) && !before2.is_empty() {
            return true;
        }
        // Names that are numbers: "battalion 101", "Resolution 1701", "No. 3".
        if matches!(
            before.as_str(),
            "battalion"
                | "brigade"
                | "division"
                | "regiment"
                | "no."
                | "number"
                | "resolution"
                | "article"
                | "route"
                | "highway"
                | "flight"
                | "lib"
                | "ib"
                | "unit"
                | "sector"
                | "zone"
                | "ward"
                | "km"
                | "kilometre"
        ) {
            return true;
        }
        if word.contains('/') || word.contains(':') {
            return true;
        }
        TIME_UNITS.contains(&after.as_str())
            || (TIME_UNITS.contains(&self.lower_at(Some(next + 1)).as_str()) && after.contains('-'))
            || after.starts_with('-') && TIME_UNITS.iter().any(|u| after.ends_with(u))
    }

    /// The bound before token `i` within the sentence, and where the phrase starts.
    fn bound_before(&self, i: usize, sentence_start: usize) -> (usize, Bound) {
        let w = |k: usize| {
            if i >= sentence_start + k {
                self.lower(i - k)
            } else {
                String::new()
            }
        };
        let (w1, w2, w3) = (w(1), w(2), w(3));
        let three = match (w3.as_str(), w2.as_str(), w1.as_str()) {
            ("no", "fewer" | "less", "than") => Some(Bound::AtLeast),
            ("no", "more", "than") => Some(Bound::AtMost),
            ("as", "many" | "much", "as") => Some(Bound::AtMost),
            ("in", "excess", "of") => Some(Bound::MoreThan),
            _ => None,
        };
        if let Some(b) = three {
            return (i - 3, b);
        }
        let two = match (w2.as_str(), w1.as_str()) {
            ("at", "least") => Some(Bound::AtLeast),
            ("more" | "greater", "than") | ("upwards" | "upward", "of") => Some(Bound::MoreThan),
            ("up", "to") | ("at", "most") => Some(Bound::AtMost),
            ("fewer" | "less", "than") => Some(Bound::LessThan),
            ("close", "to") | ("an", "estimated") => Some(Bound::About),
            _ => None,
        };
        if let Some(b) = two {
            return (i - 2, b);
        }
        let one = match w1.as_str() {
            "over" => Some(Bound::MoreThan),
            "under" | "below" => Some(Bound::LessThan),
            "about" | "around" | "nearly" | "almost" | "some" | "approximately" | "roughly"
            | "approx." | "estimated" | "circa" | "~" => Some(Bound::About),
            _ => None,
        };
        match one {
            Some(b) => (i - 1, b),
            None => (i, Bound::Exact),
        }
    }

    /// The counted noun after a number: its span and the token after it. Skips "of",
    /// determiners, adjectives and nationality words ("two North Korean soldiers").
    fn unit_after(&self, mut k: usize, value: f64) -> Option<(Span, usize)> {
        if k >= self.end {
            return None;
        }
        let first = self.lower(k);
        if matches!(first.as_str(), "%" | "percent" | "pc") {
            return Some((self.doc.tokens[k].span, k + 1));
        }
        if first == "per" && self.lower_at(Some(k + 1)) == "cent" {
            return Some((
                self.doc.tokens[k].span.cover(self.doc.tokens[k + 1].span),
                k + 2,
            ));
        }
        if first == "of" {
            k += 1;
            if matches!(
                self.lower_at(Some(k)).as_str(),
                "the" | "its" | "their" | "his" | "her" | "our" | "those" | "these" | "them"
            ) {
                if self.lower_at(Some(k)) == "them" {
                    return None;
                }
                k += 1;
            }
        }
        let mut run = Vec::new();
        while k < self.end && run.len() < 5 {
            let t = self.doc.tokens[k];
            let lower = self.lower(k);
            if t.kind != TokenKind::Word
                || STOP_WORDS.contains(&lower.as_str())
                || TIME_UNITS.contains(&lower.as_str())
            {
                break;
            }
            run.push(k);
            k += 1;
        }
        let is_lower = |i: usize| self.word(i).chars().next().is_some_and(char::is_lowercase);
        let plural = |i: usize| {
            let l = self.lower(i);
            l.len() > 3
                && l.ends_with('s')
                && !l.ends_with("ss")
                && !l.ends_with("ous")
                && !l.ends_with("ics")
        };
        let head = run
            .iter()
            .copied()
            .find(|&i| {
                is_lower(i)
                    && !MODIFIERS.contains(&self.lower(i).as_str())
                    && (plural(i) || COUNT_NOUNS.contains(&self.lower(i).as_str()))
            })
            .or_else(|| run.iter().copied().find(|&i| !is_lower(i) && plural(i)))
            .or_else(|| {
                // A singular count: "one person". Only the first plain noun.
                run.iter().copied().filter(|_| value == 1.0).find(|&i| {
                    is_lower(i)
                        && !MODIFIERS.contains(&self.lower(i).as_str())
                        && !looks_adjectival(&self.lower(i))
                })
            })
            .or_else(|| {
                run.iter().copied().find(|&i| {
                    MODIFIERS.contains(&self.lower(i).as_str())
                        && COUNT_NOUNS.contains(&self.lower(i).as_str())
                })
            })?;
        if value == 1.0
            && plural(head)
            && !COUNT_NOUNS.contains(&self.lower(head).as_str())
            && run.first() == Some(&head)
        {
            // "one bombs" does not occur; "one charges" is a verb.
            return None;
        }
        Some((self.doc.tokens[head].span, head + 1))
    }
}

fn looks_adjectival(w: &str) -> bool {
    [
        "ed", "ing", "ly", "ish", "ese", "ian", "ive", "ful", "less", "al", "ic",
    ]
    .iter()
    .any(|s| w.ends_with(s))
}

#[cfg(test)]
mod tests;
