//! Recognition and normalisation in one left-to-right pass over the tokens.
//!
//! At each token the scanner tries every rule and keeps the longest expression, the
//! way HeidelTime's rules compete; a rule both reads the words and computes the TIMEX3
//! value, because the same words ("last", "the", "early") change both. Modifiers wrap
//! the rules: an optional "the", a bound ("more than", "nearly") or a position ("early",
//! "the end of"). Relative values are computed from the anchor; without one they keep
//! TIMEX3's unknown digits ("XXXX-WXX-6") rather than a guess.

use crate::calendar::{self, Direction, Point};
use crate::lexicon::{self, Unit};
use crate::tense;
use chrono::{Datelike, NaiveDate};
use dossier_core::TimexType;
use std::cell::Cell;
use std::ops::Range;

/// One recognised expression over tokens `start..end`.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub kind: TimexType,
    pub value: String,
    pub modifier: Option<&'static str>,
    /// The value came from the anchor rather than from the words alone.
    pub anchored: bool,
    /// The calendar value, when the expression names one.
    pub point: Option<Point>,
    /// A clock time ("3:30 p.m.") whose date is to come from its context.
    pub needs_date: bool,
    /// The value was counted from the last one named ("a year earlier"), so it must
    /// not become the reference for the next.
    pub derived: bool,
}

impl Hit {
    fn new(end: usize, kind: TimexType, value: impl Into<String>) -> Hit {
        Hit {
            start: 0,
            end,
            kind,
            value: value.into(),
            modifier: None,
            anchored: false,
            point: None,
            needs_date: false,
            derived: false,
        }
    }

    fn date(end: usize, point: Point, anchored: bool) -> Hit {
        Hit {
            point: Some(point),
            anchored,
            ..Hit::new(end, TimexType::Date, point.value())
        }
    }

    fn duration(end: usize, value: String) -> Hit {
        Hit::new(end, TimexType::Duration, value)
    }
}

/// Words that bound a duration or approximate a date; they join the expression.
/// "within" is not one: TimeML tags it as a signal outside the expression ("within
/// [a week]"), as TimeBank does.
const BOUNDS: &[(&[&str], &str, bool)] = &[
    (&["more", "than"], "MORE_THAN", false),
    (&["less", "than"], "LESS_THAN", false),
    (&["fewer", "than"], "LESS_THAN", false),
    (&["no", "more", "than"], "EQUAL_OR_LESS", false),
    (&["at", "least"], "EQUAL_OR_MORE", false),
    (&["at", "most"], "EQUAL_OR_LESS", false),
    (&["up", "to"], "EQUAL_OR_LESS", false),
    (&["over"], "MORE_THAN", false),
    (&["nearly"], "LESS_THAN", false),
    (&["almost"], "LESS_THAN", false),
    (&["about"], "APPROX", true),
    (&["around"], "APPROX", true),
    (&["approximately"], "APPROX", true),
    (&["roughly"], "APPROX", true),
];

/// Words that pick a part of a period; they join the expression.
const POSITIONS: &[(&[&str], &str)] = &[
    (&["beginning", "of"], "START"),
    (&["start", "of"], "START"),
    (&["early"], "START"),
    (&["earlier"], "START"),
    (&["middle", "of"], "MID"),
    (&["mid"], "MID"),
    (&["end", "of"], "END"),
    (&["close", "of"], "END"),
    (&["late"], "END"),
    (&["later"], "END"),
];

fn am_pm(w: &str) -> Option<bool> {
    match w.trim_end_matches('.') {
        "a.m" | "am" => Some(false),
        "p.m" | "pm" => Some(true),
        _ => None,
    }
}

/// A number or a word that ends an amount: "358,000", "$3 million", "8 %".
fn amount(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit())
        || matches!(
            w,
            "million" | "billion" | "thousand" | "hundred" | "cents" | "percent" | "%"
        )
}

fn is_digits(w: &str) -> bool {
    !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())
}

/// Words between the two days of a range: "June 17 to 19", "17 and 18 June", "17–18"
/// (an en dash; a spaced hyphen is more often a dateline's: "June 1 - 4th qtr").
const RANGE_JOINERS: &[&str] = &["and", "to", "through", "–"];

/// A day of the month, or the first day of a range written as one word: TimeML marks the
/// days of "June 17 and 18" apart, but a TIMEX3 cannot start inside "17-18", so the
/// range is one expression valued by its first day.
fn day_or_range(w: &str) -> Option<u32> {
    lexicon::day_number(w).or_else(|| lexicon::first_of_day_range(w))
}

/// Nouns after which a four-digit number is a count, not a year.
const COUNTED: &[&str] = &[
    "people",
    "troops",
    "soldiers",
    "men",
    "women",
    "children",
    "workers",
    "jobs",
    "shares",
    "members",
    "cases",
    "residents",
    "employees",
    "students",
    "votes",
    "units",
    "tons",
    "tonnes",
    "barrels",
    "miles",
    "km",
    "kilometers",
    "kilometres",
    "meters",
    "metres",
    "feet",
    "acres",
    "pounds",
    "dollars",
    "euros",
    "yen",
    "points",
    "homes",
    "houses",
    "cars",
    "civilians",
    "refugees",
    "dead",
    "deaths",
    "strong",
    "lbs",
    "kg",
    "mw",
    "vehicles",
    "prisoners",
    "hectares",
    "rounds",
    "stocks",
    "issues",
];

/// Names of papers that take a weekday: "the Sunday Times", "the Sunday Telegraph".
const PAPERS: &[&str] = &[
    "times",
    "telegraph",
    "express",
    "mail",
    "mirror",
    "herald",
    "tribune",
    "observer",
    "independent",
    "post",
];

pub struct Scanner<'a> {
    words: &'a [String],
    raw: &'a [&'a str],
    /// The sentence (as a token range) each token belongs to.
    sentence: &'a [Range<usize>],
    anchor: Option<NaiveDate>,
    /// The last calendar value seen, for "a year earlier" and "that year".
    last: Cell<Option<Point>>,
    /// The last quarter named, for "the quarter": a month or a day named since
    /// ("earlier this month", "ended Sept. 29") does not change the period reported.
    last_quarter: Cell<Option<Point>>,
}

impl<'a> Scanner<'a> {
    pub fn new(
        words: &'a [String],
        raw: &'a [&'a str],
        sentence: &'a [Range<usize>],
        anchor: Option<NaiveDate>,
    ) -> Self {
        Scanner {
            words,
            raw,
            sentence,
            anchor,
            last: Cell::new(None),
            last_quarter: Cell::new(None),
        }
    }

    /// Every expression, left to right, none overlapping.
    pub fn scan(&self) -> Vec<Hit> {
        let mut out: Vec<Hit> = Vec::new();
        let mut i = 0;
        while i < self.words.len() {
            match self.at(i) {
                Some(h) if h.end > i && self.title(i, h.end) => i = h.end,
                Some(mut h) if h.end > i => {
                    h.start = if self.modifies_noun(i, h.end) {
                        i + 1
                    } else {
                        i
                    };
                    // "the next year or so" approximates the expression and belongs to it.
                    if self.seq(h.end, &["or", "so"]) {
                        h.end += 2;
                        h.modifier = h.modifier.or(Some("APPROX"));
                    }
                    // "the quarter ended Sept. 30": the end of a period leaves the period the reference.
                    let period_end = matches!(self.before(i), "ended" | "ending")
                        && h.point
                            .and_then(Point::day)
                            .is_some_and(|d| self.within_last(d));
                    if let Some(p) = h
                        .point
                        .filter(|&p| !h.derived && !period_end && !self.forecast(i, h.end, p))
                    {
                        self.last.set(Some(p));
                        if self.closed_quarter(p) {
                            self.last_quarter.set(Some(p));
                        }
                    }
                    i = h.end;
                    out.push(h);
                }
                _ => i += 1,
            }
        }
        self.date_clock_times(&mut out);
        out
    }

    /// Whether the quarter at `start..end` is one a report looks ahead to ("will result
    /// in a fourth-quarter charge") rather than the period it reports: not ended by the
    /// anchor, and not spoken of in the past (a fiscal quarter may have closed whatever
    /// its number: "reported a decline in fourth-quarter earnings").
    fn forecast(&self, start: usize, end: usize, p: Point) -> bool {
        let (Some(a), Point::Quarter(y, q)) = (self.anchor, p) else {
            return false;
        };
        (y, q) >= calendar::quarter_of(a)
            && self.direction(start, end, Direction::Past) == Direction::Future
    }

    /// Whether `p` is a quarter that had ended by the anchor, so one a report can give
    /// results for.
    fn closed_quarter(&self, p: Point) -> bool {
        match (p, self.anchor) {
            (Point::Quarter(y, q), Some(a)) => (y, q) < calendar::quarter_of(a),
            (Point::Quarter(..), None) => true,
            _ => false,
        }
    }

    /// Whether `d` falls in the year of the quarter, half or year last named. Only the
    /// year is compared: a fiscal quarter need not end with a calendar one.
    fn within_last(&self, d: NaiveDate) -> bool {
        match self.last.get() {
            Some(Point::Quarter(y, _) | Point::Half(y, _) | Point::Year(y)) => d.year() == y,
            _ => false,
        }
    }

    /// Whether the words `start..end` name a programme or a paper ("ABC's This Week",
    /// "60 Minutes", "VOA Today") rather than a time: inside a sentence, a unit of time
    /// capitalised after a number or a capitalised word (a holiday's "Day" aside), or
    /// "Today" right after a name.
    fn title(&self, start: usize, end: usize) -> bool {
        let inside = self.sentence.get(start).is_some_and(|s| s.start < start);
        let lowercase = |k: usize| {
            self.raw
                .get(k)
                .is_some_and(|r| r.chars().any(char::is_lowercase))
        };
        let capitalised = |k: usize| self.capitalised(k) && lowercase(k);
        let named_unit = end - start > 1
            && capitalised(end - 1)
            && lexicon::unit(self.w(end - 1)).is_some_and(|(u, _)| u != Unit::Day)
            && (capitalised(start) || is_digits(self.w(start)));
        let after_name = matches!(self.w(start), "today" | "tonight")
            && capitalised(start)
            && start > 0
            && self.capitalised(start - 1)
            && self.raw[start - 1].chars().all(char::is_alphabetic);
        inside && (named_unit || after_name)
    }

    /// Whether "the" at `i` belongs to a noun that the expression `i + 1..end` only
    /// modifies ("the Oct. 23 slaying", "the 1987 crash", "the year-ago results",
    /// "the current system"), so stays outside it, as TimeML marks such dates. A name
    /// of a day, a month or a year, a hyphenated adjective and "current" are such
    /// modifiers; "the third quarter" or "the year-ago quarter" are periods of their own.
    fn modifies_noun(&self, i: usize, end: usize) -> bool {
        if self.w(i) != "the" || end <= i + 1 {
            return false;
        }
        let first = self.w(i + 1);
        let last = self.w(end - 1);
        if lexicon::unit(last).is_some() || matches!(last, "period" | "half") {
            return false;
        }
        lexicon::month(first).is_some()
            || lexicon::weekday(first).is_some()
            || (first.len() == 4 && is_digits(first) && last != "'s")
            || (last.contains('-') && !last.ends_with('s') && end - i <= 3)
            || last == "current"
    }

    /// Whether `i` is the first word of its sentence, an opening quote aside.
    fn opens_sentence(&self, i: usize) -> bool {
        let Some(s) = self.sentence.get(i) else {
            return false;
        };
        (s.start..i).all(|k| matches!(self.w(k), "``" | "\"" | "“" | "'" | "‘"))
    }

    fn w(&self, i: usize) -> &str {
        self.words.get(i).map_or("", String::as_str)
    }

    /// The word before `i`, or "".
    fn before(&self, i: usize) -> &str {
        if i == 0 { "" } else { self.w(i - 1) }
    }

    fn capitalised(&self, i: usize) -> bool {
        self.raw
            .get(i)
            .and_then(|r| r.chars().next())
            .is_some_and(char::is_uppercase)
    }

    fn seq(&self, i: usize, words: &[&str]) -> bool {
        words.iter().enumerate().all(|(k, w)| self.w(i + k) == *w)
    }

    /// Whether "since" comes right before `i` or its modifier: what follows it ("since
    /// January", "since early May") has begun already, whatever the sentence expects.
    fn after_since(&self, i: usize) -> bool {
        let k = match self.before(i) {
            "early" | "late" | "mid" | "the" => i - 1,
            _ => i,
        };
        self.before(k) == "since"
    }

    /// The direction the tense around `start..end` points, or `default`; always the past
    /// after "since".
    fn direction(&self, start: usize, end: usize, default: Direction) -> Direction {
        if self.after_since(start) {
            return Direction::Past;
        }
        let Some(sentence) = self.sentence.get(start) else {
            return default;
        };
        match tense::around(self.words, sentence.clone(), start, end) {
            Some(t @ (tense::Tense::Past | tense::Tense::Future)) => t.direction(),
            _ => default,
        }
    }

    /// A relative value: computed from the anchor, or `unknown` without one.
    fn relative(
        &self,
        end: usize,
        f: impl FnOnce(NaiveDate) -> Option<Point>,
        unknown: &str,
    ) -> Option<Hit> {
        match self.anchor {
            Some(a) => Some(Hit::date(end, f(a)?, true)),
            None => Some(Hit::new(end, TimexType::Date, unknown)),
        }
    }

    fn at(&self, i: usize) -> Option<Hit> {
        if self.w(i) == "the" {
            return self.modified(i + 1);
        }
        self.modified(i)
    }

    fn modified(&self, i: usize) -> Option<Hit> {
        for (words, modifier, dates_too) in BOUNDS {
            if self.seq(i, words) {
                if words == &["over"] && self.w(i + 1) == "the" {
                    break;
                }
                let h = self.at(i + words.len())?;
                // "nearly four years ago" bounds the distance back, so the date it gives.
                let ago = h.kind == TimexType::Date && self.w(h.end - 1) == "ago";
                // "worried about the future", "get around Wednesday's ruling": a preposition.
                let approximable = !h.value.ends_with("_REF") && self.w(h.end) != "'s";
                let fits = h.kind == TimexType::Duration
                    || (*dates_too && h.kind == TimexType::Date && approximable)
                    || ago;
                return fits.then_some(Hit {
                    modifier: Some(modifier),
                    ..h
                });
            }
        }
        for (words, modifier) in POSITIONS {
            if self.seq(i, words) {
                let k = i + words.len();
                let h = self
                    .at(k)
                    .filter(|h| {
                        (h.kind == TimexType::Date && h.point.is_some())
                            || h.kind == TimexType::Time
                    })
                    .or_else(|| self.the_period(k))?;
                return Some(Hit {
                    modifier: Some(modifier),
                    ..h
                });
            }
        }
        self.core(i)
    }

    /// "the year" after "the end of": the anchor's own year, month or week.
    fn the_period(&self, i: usize) -> Option<Hit> {
        let k = if self.w(i) == "the" { i + 1 } else { i };
        match lexicon::unit(self.w(k)) {
            Some((unit @ (Unit::Week | Unit::Month | Unit::Year), false)) => {
                self.relative(k + 1, |a| calendar::shift(a, unit, 0), unknown_of(unit))
            }
            _ => None,
        }
    }

    fn core(&self, i: usize) -> Option<Hit> {
        [
            self.numeric(i),
            self.month_phrase(i),
            self.weekday_phrase(i),
            self.word_phrase(i),
            self.hyphenated(i),
        ]
        .into_iter()
        .flatten()
        .max_by_key(|h| h.end)
    }

    // ------------------------------------------------------------------ numbers

    fn numeric(&self, i: usize) -> Option<Hit> {
        let w = self.w(i);
        if !w.starts_with(|c: char| c.is_ascii_digit())
            && lexicon::count(w).is_none()
            && !lexicon::vague_count(w)
            && !matches!(w, "couple" | "noon" | "midday" | "midnight")
        {
            return self.apostrophe_decade(i);
        }
        let mut best: Option<Hit> = None;
        let mut offer = |h: Option<Hit>| {
            if let Some(h) = h
                && best.as_ref().is_none_or(|b| h.end > b.end)
            {
                best = Some(h);
            }
        };
        offer(self.iso_date(i));
        offer(self.slash_date(i));
        offer(self.clock_time(i));
        offer(self.day_month(i));
        offer(self.year(i));
        offer(self.amount(i));
        offer(self.spoken_year(i));
        offer(self.second_day(i));
        offer(self.first_day(i));
        best
    }

    fn iso_date(&self, i: usize) -> Option<Hit> {
        let mut parts = self.w(i).split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
        Some(Hit::date(i + 1, Point::Day(date), false))
    }

    /// "1/11/2025" (month first, unless the first number cannot be a month).
    fn slash_date(&self, i: usize) -> Option<Hit> {
        if self.w(i + 1) != "/" || self.w(i + 3) != "/" {
            return None;
        }
        let (a, b, y) = (self.w(i), self.w(i + 2), self.w(i + 4));
        if !(is_digits(a) && is_digits(b) && is_digits(y)) || a.len() > 2 || b.len() > 2 {
            return None;
        }
        let y: i32 = match y.len() {
            4 => y.parse().ok()?,
            2 => {
                let v: i32 = y.parse().ok()?;
                if v < 50 { 2000 + v } else { 1900 + v }
            }
            _ => return None,
        };
        let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
        let (m, d) = if a > 12 { (b, a) } else { (a, b) };
        Some(Hit::date(
            i + 5,
            Point::Day(NaiveDate::from_ymd_opt(y, m, d)?),
            false,
        ))
    }

    /// The second of two days of one month: "25" in "April 24 and 25".
    fn second_day(&self, i: usize) -> Option<Hit> {
        let d = lexicon::day_number(self.w(i))?;
        let Some(Point::Day(first)) = self.last.get() else {
            return None;
        };
        let next = self.w(i + 1);
        let joined = i >= 3
            && (RANGE_JOINERS.contains(&self.w(i - 1)) || self.w(i - 1) == "or")
            && lexicon::day_number(self.w(i - 2)) == Some(first.day())
            && lexicon::month(self.w(i - 3)).or_else(|| lexicon::month_short(self.w(i - 3)))
                == Some(first.month());
        let counted = matches!(next, "%" | "percent")
            || COUNTED.contains(&next)
            || lexicon::unit(next).is_some();
        if !joined || counted || d <= first.day() {
            return None;
        }
        Some(Hit::date(
            i + 1,
            Point::Day(first.with_day(d)?),
            self.anchor.is_some(),
        ))
    }

    /// The first of two days before their month: "17" in "17 to 18 June".
    fn first_day(&self, i: usize) -> Option<Hit> {
        let d = lexicon::day_number(self.w(i))?;
        if !RANGE_JOINERS.contains(&self.w(i + 1)) {
            return None;
        }
        let second = self.day_month(i + 2)?;
        let day = second.point.and_then(Point::day).filter(|s| s.day() > d)?;
        Some(Hit::date(
            i + 1,
            Point::Day(day.with_day(d)?),
            second.anchored,
        ))
    }

    /// "11 January 2025", "11 January", "17-18 June" (its first day).
    fn day_month(&self, i: usize) -> Option<Hit> {
        let d = day_or_range(self.w(i))?;
        let m = lexicon::month(self.w(i + 1)).filter(|_| self.capitalised(i + 1))?;
        let (y, end) = match lexicon::year_number(self.w(i + 2)) {
            Some(y) => (Some(y), i + 3),
            None if self.w(i + 2) == "," && lexicon::year_number(self.w(i + 3)).is_some() => {
                (lexicon::year_number(self.w(i + 3)), i + 4)
            }
            None => (None, i + 2),
        };
        self.month_day_value(i, end, y, m, d)
    }

    /// A month and day: explicit with a year, else the nearest such day to the anchor
    /// (tense misleads here: "said it would close on Jan. 14" is reported in the past).
    fn month_day_value(
        &self,
        start: usize,
        end: usize,
        year: Option<i32>,
        m: u32,
        d: u32,
    ) -> Option<Hit> {
        if let Some(y) = year {
            return Some(Hit::date(
                end,
                Point::Day(NaiveDate::from_ymd_opt(y, m, d)?),
                false,
            ));
        }
        NaiveDate::from_ymd_opt(2000, m, d)?;
        // Only "the year ended Jan. 31" is sure to be past.
        let dir = if self.before(start) == "ended" {
            Direction::Past
        } else {
            Direction::Nearest
        };
        self.relative(
            end,
            |a| calendar::month_day(a, m, d, dir).map(Point::Day),
            &format!("XXXX-{m:02}-{d:02}"),
        )
    }

    /// A plausible year on its own: "1998", "in 2025", "the 1988 third quarter", "1990s".
    fn year(&self, i: usize) -> Option<Hit> {
        let w = self.w(i);
        if let Some(d) = lexicon::decade(w) {
            return Some(Hit::date(i + 1, Point::Decade(d), false));
        }
        let y = lexicon::year_number(w)?;
        let prev = self.before(i);
        let next = self.w(i + 1);
        // "the 1980's", "the early 1970's": older copy's spelling of a decade.
        if next == "'s" && y % 10 == 0 && matches!(prev, "the" | "early" | "late" | "mid") {
            return Some(Hit::date(i + 2, Point::Decade(y / 10), false));
        }
        let prepositional = matches!(
            prev,
            "in" | "since"
                | "of"
                | "by"
                | "until"
                | "from"
                | "after"
                | "before"
                | "year"
                | "fiscal"
                | "between"
                | "through"
                | "during"
                | "to"
                | "and"
                | "circa"
                | "early"
                | "late"
                | "mid"
        );
        if !(1900..=2100).contains(&y) && !prepositional {
            return None;
        }
        if matches!(
            prev,
            "$" | "#"
                | "no."
                | "number"
                | "flight"
                | "route"
                | "page"
                | "room"
                | "model"
                | "highway"
                | "£"
                | "€"
                | "us$"
        ) || matches!(next, "%" | "percent" | "per" | "-" | ":" | "/")
            || COUNTED.contains(&next)
            || next.starts_with(|c: char| c.is_ascii_digit())
        {
            return None;
        }
        if let Some((q_end, part, n)) = self.part_of_year(i + 1) {
            return Some(Hit::date(q_end, part(y, n), false));
        }
        // "the 1988 period" of a quarterly report is that year's quarter; "the 1988
        // quarter" is one even when none was named, the one just reported.
        let reported = match (self.last.get(), self.anchor) {
            (Some(Point::Quarter(_, q)), _) => Some(q),
            (_, Some(a)) if next == "quarter" => match calendar::shift(a, Unit::Quarter, -1) {
                Some(Point::Quarter(_, q)) => Some(q),
                _ => None,
            },
            _ => None,
        };
        if matches!(next, "quarter" | "period")
            && let Some(q) = reported
        {
            return Some(Hit {
                derived: true,
                ..Hit::date(i + 2, Point::Quarter(y, q), false)
            });
        }
        // "the 1988 period" with no quarter in view: the year, and the period is it.
        let end = if next == "period" && prev == "the" {
            i + 2
        } else {
            i + 1
        };
        Some(Hit::date(end, Point::Year(y), false))
    }

    /// "nineteen ninety-six", as transcripts spell years.
    fn spoken_year(&self, i: usize) -> Option<Hit> {
        let (y, end) = self.spelled_year(i)?;
        Some(Hit::date(end, Point::Year(y), false))
    }

    /// The year spelled from `i` and the token after it.
    fn spelled_year(&self, i: usize) -> Option<(i32, usize)> {
        let century = lexicon::number_word(self.w(i)).filter(|c| (10..=20).contains(c))?;
        let rest = lexicon::number_word(self.w(i + 1)).filter(|r| (10..=99).contains(r))?;
        Some(((century * 100 + rest) as i32, i + 2))
    }

    /// A year written in figures or spelled out, from `i`: the year and the token after it.
    fn year_at(&self, i: usize) -> Option<(i32, usize)> {
        match lexicon::year_number(self.w(i)) {
            Some(y) => Some((y, i + 1)),
            None => self.spelled_year(i),
        }
    }

    /// "third quarter", "third-quarter", "first half": the end token, the point maker and its number.
    #[allow(clippy::type_complexity)]
    fn part_of_year(&self, i: usize) -> Option<(usize, fn(i32, u32) -> Point, u32)> {
        let w = self.w(i);
        let (n, what, end) = match w.split_once('-') {
            // "the fiscal-first quarter"
            Some(("fiscal", o)) => (lexicon::ordinal(o)?, self.w(i + 1), i + 2),
            Some((o, what)) => (lexicon::ordinal(o)?, what, i + 1),
            // "the last half of 1989" is its second half; "last quarter" alone is the one before.
            None if w == "last" && self.of_year(i + 2).is_some() => match self.w(i + 1) {
                "half" => (2, "half", i + 2),
                _ => (4, self.w(i + 1), i + 2),
            },
            None => (lexicon::ordinal(w)?, self.w(i + 1), i + 2),
        };
        match what {
            "quarter" if (1..=4).contains(&n) => Some((end, Point::Quarter, n)),
            "half" if n <= 2 => Some((end, Point::Half, n)),
            _ => None,
        }
    }

    /// "'90s".
    fn apostrophe_decade(&self, i: usize) -> Option<Hit> {
        if !matches!(self.w(i), "'" | "’") {
            return None;
        }
        let d = self
            .w(i + 1)
            .strip_suffix('s')
            .filter(|d| d.len() == 2 && d.ends_with('0') && is_digits(d))?;
        let d: i32 = d.parse().ok()?;
        let decade = if d < 30 { 200 + d / 10 } else { 190 + d / 10 };
        Some(Hit::date(i + 2, Point::Decade(decade), false))
    }

    /// A clock time and, when one follows, its day: "3:30 p.m.", "10 p.m. Wednesday", "noon".
    fn clock_time(&self, i: usize) -> Option<Hit> {
        let (end, hour, minute) = self.clock(i)?;
        let mut end = end;
        while lexicon::time_zone(self.w(end)) {
            end += 1;
        }
        let value = format!("T{hour:02}:{minute:02}");
        // "5 p.m. EST, Nov. 6"
        let day_at = if self.w(end) == "," { end + 1 } else { end };
        if let Some(day) = self.day_after_clock(day_at) {
            let date = day.point.and_then(Point::day);
            let v = match date {
                Some(d) => format!("{}{value}", Point::Day(d).value()),
                None => format!("{}{value}", day.value),
            };
            return Some(Hit {
                anchored: day.anchored,
                point: date.map(Point::Day),
                ..Hit::new(day.end, TimexType::Time, v)
            });
        }
        Some(Hit {
            needs_date: true,
            ..Hit::new(end, TimexType::Time, value)
        })
    }

    fn day_after_clock(&self, i: usize) -> Option<Hit> {
        let h = match self.w(i) {
            "today" | "yesterday" | "tomorrow" | "tonight" => self.word_phrase(i),
            w if lexicon::weekday(w).is_some() => self.weekday_phrase(i),
            w if lexicon::month(w)
                .or_else(|| lexicon::month_short(w))
                .is_some() =>
            {
                self.month_phrase(i)
            }
            _ => None,
        }?;
        let day = matches!(h.point, Some(Point::Day(_)))
            || (h.point.is_none()
                && h.kind == TimexType::Date
                && h.value.ends_with(|c: char| c.is_ascii_digit()));
        day.then_some(h)
    }

    /// The end token, hour and minute of a clock time.
    fn clock(&self, i: usize) -> Option<(usize, u32, u32)> {
        let w = self.w(i);
        match w {
            // "high noon" is a showdown, not a time of day.
            "noon" if self.before(i) == "high" => return None,
            "noon" | "midday" => return Some((i + 1, 12, 0)),
            "midnight" => return Some((i + 1, 24, 0)),
            _ => {}
        }
        // Wire copy's "0930 hrs", "1430 GMT", "2000 local time"; not the conversion in
        // brackets after a time already given ("10:35 a.m. (0735 GMT)").
        if is_digits(w) && w.len() == 4 {
            let next = self.w(i + 1);
            if self.before(i) == "(" {
                return None;
            }
            if !(next == "hrs" || lexicon::time_zone(next) || self.seq(i + 1, &["local", "time"])) {
                return None;
            }
            let (h, m): (u32, u32) = (w[..2].parse().ok()?, w[2..].parse().ok()?);
            let end = if next == "hrs" { i + 2 } else { i + 1 };
            return (h < 24 && m < 60).then_some((end, h, m));
        }
        let h: u32 = if is_digits(w) && w.len() <= 2 {
            w.parse().ok()?
        } else {
            lexicon::number_word(w).filter(|&n| n > 0)?
        };
        let (mut end, mut minute) = (i + 1, 0);
        if self.w(i + 1) == ":"
            && is_digits(self.w(i + 2))
            && self.w(i + 2).len() == 2
            && is_digits(w)
        {
            minute = self.w(i + 2).parse().ok()?;
            end = i + 3;
        }
        let hour = match am_pm(self.w(end)) {
            Some(pm) if (1..=12).contains(&h) => {
                end += 1;
                (h % 12) + if pm { 12 } else { 0 }
            }
            None if self.w(end) == "o'clock" && h <= 12 => {
                end += 1;
                h
            }
            // "4 in the morning", "9 in the evening"
            None if (1..=12).contains(&h)
                && self.seq(end, &["in", "the"])
                && matches!(self.w(end + 2), "morning" | "afternoon" | "evening") =>
            {
                let pm = self.w(end + 2) != "morning";
                end += 3;
                (h % 12) + if pm { 12 } else { 0 }
            }
            None if end == i + 3 && h < 24 => h,
            _ => return None,
        };
        (minute < 60).then_some((end, hour, minute))
    }

    /// A count and a unit: a duration ("two days", "5 1/2 hours", "several weeks"),
    /// or a shift from the anchor ("two years ago").
    fn amount(&self, i: usize) -> Option<Hit> {
        let (n, mut j) = self.count(i)?;
        let mut half = false;
        if self.w(j) == "1" && self.w(j + 1) == "/" && self.w(j + 2) == "2" {
            half = true;
            j += 3;
        }
        if self.w(j) == "more" || self.w(j) == "additional" {
            j += 1;
        }
        if matches!(self.w(j), "trading" | "business" | "working" | "calendar") {
            j += 1;
        }
        let (unit, plural) = lexicon::unit(self.w(j))?;
        if unit == Unit::Second && matches!(self.w(i), "a" | "one") {
            return None;
        }
        // "one days" is no duration, nor "the 1988 quarter".
        if (n == Some(1) && plural) || (n.is_some_and(|n| n >= 1000) && !plural) {
            return None;
        }
        let mut end = j + 1;
        if self.seq(end, &["and", "a", "half"]) {
            half = true;
            end += 3;
        }
        // "a week or so ago": the approximation sits inside the shift.
        if self.seq(end, &["or", "so", "ago"]) {
            end += 2;
        }
        // "Islam will one day be ...": some time to come, not a day's length.
        if self.w(i) == "one"
            && unit == Unit::Day
            && !plural
            && matches!(
                self.before(i),
                "will" | "would" | "could" | "might" | "may" | "can" | "shall" | "should"
            )
        {
            return Some(Hit::new(end, TimexType::Date, "FUTURE_REF"));
        }
        // "a quarter of the market" is a share, "a quarter of 1990" a time.
        if unit == Unit::Quarter
            && !plural
            && self.w(end) == "of"
            && self.year_at(end + 1).is_none()
        {
            return None;
        }
        // An age ("52 years old") and a rate ("$2 million a year") are not periods of time.
        if self.w(end) == "old" || (matches!(self.w(i), "a" | "an") && self.rate_before(i, end)) {
            return None;
        }
        // "a year earlier" is a date a year back; "three days later" is, in TimeBank, the
        // span between two events, with "later" as the signal that relates them.
        let counts_back = !half && !unit.is_clock() && !matches!(unit, Unit::Day | Unit::Week);
        match (self.w(end), n) {
            ("ago", Some(1))
                if unit == Unit::Year && matches!(self.reported(), Some(Point::Quarter(..))) =>
            {
                return self.before_last(end + 1, unit, -1);
            }
            ("ago", Some(n)) => return self.ago(end + 1, unit, n as i32),
            ("ago", None) => return Some(Hit::new(end + 1, TimexType::Date, "PAST_REF")),
            // "two years before." and "a year before and ..." count back; "two years
            // before the merger" is the span between two events.
            ("earlier" | "before", Some(n))
                if counts_back
                    && (self.w(end) == "earlier"
                        || !self.w(end + 1).starts_with(char::is_alphanumeric)
                        || matches!(self.w(end + 1), "and" | "or" | "but" | "when")) =>
            {
                return self.before_last(end + 1, unit, -(n as i32));
            }
            ("later", Some(n)) if counts_back && self.last.get().is_some() => {
                return self.before_last(end + 1, unit, n as i32);
            }
            _ => {}
        }
        if n.is_none() && !plural {
            return None;
        }
        Some(Hit::duration(end, duration_value(n, unit, half)))
    }

    /// Whether "a year" at `i..end` is the "per" of a rate: it follows an amount or a
    /// plural count ("358,000 a month", "four flights a week") and is not itself a
    /// shift ("$4 million a year earlier").
    fn rate_before(&self, i: usize, end: usize) -> bool {
        let prev = self.before(i);
        let amount = amount(prev)
            || (prev.len() > 4
                && prev.ends_with('s')
                && !prev.ends_with("ss")
                && !matches!(
                    prev,
                    "perhaps" | "always" | "sometimes" | "towards" | "afterwards" | "besides"
                )
                && prev.bytes().all(|b| b.is_ascii_lowercase()));
        amount
            && !matches!(
                self.w(end),
                "ago" | "earlier" | "before" | "later" | "after" | "from"
            )
    }

    /// "rise 8% annually", "500 engines weekly": an adverb of frequency after an amount,
    /// or after a counted plural, is the "per" of a rate.
    fn rate_adverb(&self, i: usize) -> bool {
        amount(self.before(i))
            || (i > 0 && self.rate_before(i, i + 1) && amount(self.before(i - 1)))
    }

    /// A count word sequence: the number and the token after it; `None` for a vague count.
    fn count(&self, i: usize) -> Option<(Option<u32>, usize)> {
        let w = self.w(i);
        if w == "a" && matches!(self.w(i + 1), "few" | "couple") {
            let j = if self.w(i + 2) == "of" { i + 3 } else { i + 2 };
            return Some((
                if self.w(i + 1) == "couple" {
                    Some(2)
                } else {
                    None
                },
                j,
            ));
        }
        if lexicon::vague_count(w) {
            return Some((None, i + 1));
        }
        if w == "couple" {
            return Some((Some(2), if self.w(i + 1) == "of" { i + 2 } else { i + 1 }));
        }
        let n = lexicon::count(w)?;
        if matches!(w, "a" | "an") && matches!(self.before(i), "once" | "twice" | "times" | "per") {
            return None;
        }
        if matches!(self.w(i + 1), "hundred" | "thousand") {
            return Some((Some(n * lexicon::count(self.w(i + 1))?), i + 2));
        }
        // "twenty four", as transcripts write it without the hyphen.
        if n >= 20
            && n % 10 == 0
            && n < 100
            && let Some(units) = lexicon::number_word(self.w(i + 1)).filter(|u| (1..=9).contains(u))
        {
            return Some((Some(n + units), i + 2));
        }
        Some((Some(n), i + 1))
    }

    /// "two years ago": the anchor moved back, at the unit's granularity.
    fn ago(&self, end: usize, unit: Unit, n: i32) -> Option<Hit> {
        let unknown = unknown_of(unit);
        self.relative(end, |a| calendar::shift(a, unit, -n), unknown)
    }

    /// The last period named, as the base of a year-on-year comparison. A period past
    /// the report's year is a forecast ("losses through the third quarter of 1990"),
    /// never what "the year-ago period" is compared with.
    fn reported(&self) -> Option<Point> {
        let p = self.last.get()?;
        let year = match p {
            Point::Quarter(y, _) | Point::Half(y, _) | Point::Year(y) => y,
            _ => return Some(p),
        };
        match self.anchor {
            Some(a) if year > a.year() => None,
            _ => Some(p),
        }
    }

    /// Whether the sentence of token `i`, before it, counts months: "For the nine
    /// months, net was ... a year earlier" compares spans that no quarter names, so
    /// only their year can be given.
    fn counts_months(&self, i: usize) -> bool {
        self.sentence.get(i).is_some_and(|s| {
            (s.start + 1..i).any(|k| {
                self.w(k) == "months" && lexicon::count(self.w(k - 1)).is_some_and(|n| n > 1)
            })
        })
    }

    /// The year before the period `p` that a comparison at token `i` looks back from.
    fn year_before_at(&self, i: usize, p: Point) -> Option<Point> {
        match p {
            Point::Quarter(y, _) if self.counts_months(i) => Some(Point::Year(y - 1)),
            p => self.year_before(p),
        }
    }

    /// "a year earlier": the last value mentioned (or the anchor) moved by `n` units.
    fn before_last(&self, end: usize, unit: Unit, n: i32) -> Option<Hit> {
        if unit == Unit::Year
            && let Some(p @ (Point::Quarter(..) | Point::Year(_) | Point::Half(..))) =
                self.reported()
        {
            let p = if n == -1 {
                self.year_before_at(end - 1, p)?
            } else {
                p.shift_years(n)?
            };
            return Some(Hit {
                derived: true,
                ..Hit::date(end, p, true)
            });
        }
        self.relative(end, |a| calendar::shift(a, unit, n), unknown_of(unit))
    }

    /// The year before `p`, except that a bare year already one before the report's
    /// is the comparison itself: "in the 1988 period ... the year-ago results" of a
    /// 1989 report are 1988's.
    fn year_before(&self, p: Point) -> Option<Point> {
        match (p, self.anchor) {
            (Point::Year(y), Some(a)) if y == a.year() - 1 => Some(p),
            _ => p.shift_years(-1),
        }
    }

    // ------------------------------------------------------------------ months

    fn month_phrase(&self, i: usize) -> Option<Hit> {
        let w = self.w(i);
        let day = |k: usize| day_or_range(self.w(k));
        let m = match lexicon::month(w) {
            Some(m) => m,
            None => lexicon::month_short(w).filter(|_| day(i + 1).is_some())?,
        };
        if !self.capitalised(i) {
            return None;
        }
        let next = self.w(i + 1);
        if let Some(d) = day(i + 1) {
            let (y, end) = match (
                self.w(i + 2),
                lexicon::year_number(self.w(i + 2)),
                lexicon::year_number(self.w(i + 3)),
            ) {
                (_, Some(y), _) => (Some(y), i + 3),
                (",", None, Some(y)) => (Some(y), i + 4),
                _ => (None, i + 2),
            };
            // "Dec. 25 last year"
            if y.is_none()
                && let Some(shift) = self.year_word(i + 2)
            {
                NaiveDate::from_ymd_opt(2000, m, d)?;
                return self.relative(
                    i + 4,
                    |a| NaiveDate::from_ymd_opt(a.year() + shift, m, d).map(Point::Day),
                    &format!("XXXX-{m:02}-{d:02}"),
                );
            }
            if let Some(h) = self.month_day_value(i, end, y, m, d) {
                return Some(h);
            }
        }
        let ambiguous = matches!(w, "may" | "march");
        let year = match (next, self.year_at(i + 1), self.year_at(i + 2)) {
            (_, Some(y), _) => Some(y),
            ("of" | ",", None, Some(y)) => Some(y),
            _ => None,
        };
        if let Some((y, end)) = year {
            return Some(Hit::date(end, Point::Month(y, m), false));
        }
        if ambiguous
            && !matches!(
                self.before(i),
                "in" | "the"
                    | "of"
                    | "early"
                    | "late"
                    | "mid"
                    | "since"
                    | "until"
                    | "by"
                    | "last"
                    | "next"
                    | "this"
                    | "during"
                    | "from"
                    | "through"
                    | "before"
                    | "after"
                    | "end"
                    | "beginning"
                    | "middle"
            )
        {
            return None;
        }
        if let Some(shift) = self.year_word(i + 1) {
            return self.relative(
                i + 3,
                |a| Some(Point::Month(a.year() + shift, m)),
                &format!("XXXX-{m:02}"),
            );
        }
        if self.after_since(i) {
            return self.relative(
                i + 1,
                |a| Some(Point::Month(a.year() - i32::from(m > a.month()), m)),
                &format!("XXXX-{m:02}"),
            );
        }
        let dir = self.direction(i, i + 1, Direction::Nearest);
        self.relative(
            i + 1,
            |a| calendar::month(a, m, dir),
            &format!("XXXX-{m:02}"),
        )
    }

    /// "this year", "last year", "next year" after a month: the years from the anchor's.
    fn year_word(&self, i: usize) -> Option<i32> {
        if self.w(i + 1) != "year" {
            return None;
        }
        match self.w(i) {
            "this" => Some(0),
            "last" => Some(-1),
            "next" => Some(1),
            _ => None,
        }
    }

    // ------------------------------------------------------------------ weekdays

    fn weekday_phrase(&self, i: usize) -> Option<Hit> {
        let w = self.w(i);
        if !self.capitalised(i) {
            return None;
        }
        if let Some(wd) = lexicon::weekday_plural(w) {
            let part = lexicon::part_of_day(self.w(i + 1))
                .or_else(|| lexicon::part_of_day(self.w(i + 1).trim_end_matches('s')));
            return Some(match part {
                Some(p) => Hit::new(i + 2, TimexType::Set, format!("XXXX-WXX-{wd}T{p}")),
                None => Hit::new(i + 1, TimexType::Set, format!("XXXX-WXX-{wd}")),
            });
        }
        let wd = lexicon::weekday(w)?;
        // "the Sunday Times", "the Sunday Telegraph": a paper, not a day.
        if self.capitalised(i + 1) && PAPERS.contains(&self.w(i + 1)) {
            return None;
        }
        // "Tuesday nights", and "Monday" in "Monday and Tuesday nights": every such night.
        let plural_part = |k: usize| {
            let p = self.w(k);
            p.strip_suffix('s').and_then(lexicon::part_of_day)
        };
        let coordinated =
            matches!(self.w(i + 1), "and" | "or") && lexicon::weekday(self.w(i + 2)).is_some();
        let set_part = match plural_part(i + 1) {
            Some(p) => Some((p, i + 2)),
            None if coordinated => plural_part(i + 3).map(|p| (p, i + 1)),
            None => None,
        };
        if let Some((p, end)) = set_part {
            return Some(Hit::new(end, TimexType::Set, format!("XXXX-WXX-{wd}T{p}")));
        }
        // "Friday, Oct. 23, 1998", "Monday Oct. 26"
        let j = if self.w(i + 1) == "," { i + 2 } else { i + 1 };
        if let Some(h) = self
            .month_phrase(j)
            .filter(|h| matches!(h.point, Some(Point::Day(_))) || h.value.len() == 10)
        {
            if h.anchored
                && let (Some(a), Some(Point::Day(d))) = (self.anchor, h.point)
            {
                let d = calendar::weekday_month_day(a, wd, d.month(), d.day())?;
                return Some(Hit::date(h.end, Point::Day(d), true));
            }
            return Some(h);
        }
        // "Wednesday's ruling" names an event already reported, whatever the sentence
        // goes on to plan ("would look for ways to get around Wednesday's ruling").
        let dir = if self.w(i + 1) == "'s" {
            Direction::Past
        } else {
            self.direction(i, i + 1, Direction::Past)
        };
        self.with_part_of_day(
            i + 1,
            |a| calendar::weekday(a, wd, dir),
            &format!("XXXX-WXX-{wd}"),
        )
    }

    /// A day, then maybe a part of it or a clock time: "Friday morning", "Friday at 3 p.m.".
    /// "Friday night" keeps its night in the span but stays the day in value: TimeBank
    /// and AQUAINT mark the whole phrase, and value it as the day about as often as `TNI`.
    fn with_part_of_day(
        &self,
        end: usize,
        day: impl FnOnce(NaiveDate) -> Option<NaiveDate>,
        unknown: &str,
    ) -> Option<Hit> {
        let date = match self.anchor {
            Some(a) => Some(day(a)?),
            None => None,
        };
        let base = date.map_or_else(|| unknown.to_string(), |d| Point::Day(d).value());
        let anchored = date.is_some();
        if let Some(p) = lexicon::part_of_day(self.w(end)).filter(|&p| p != "NI") {
            return Some(Hit {
                anchored,
                ..Hit::new(end + 1, TimexType::Time, format!("{base}T{p}"))
            });
        }
        if self.w(end) == "at"
            && let Some((e, h, m)) = self.clock(end + 1)
        {
            return Some(Hit {
                anchored,
                ..Hit::new(e, TimexType::Time, format!("{base}T{h:02}:{m:02}"))
            });
        }
        let end = if self.w(end) == "night" { end + 1 } else { end };
        Some(match date {
            Some(d) => Hit::date(end, Point::Day(d), true),
            None => Hit::new(end, TimexType::Date, base),
        })
    }

    // ------------------------------------------------------------------ words

    fn word_phrase(&self, i: usize) -> Option<Hit> {
        let w = self.w(i);
        let prev = self.before(i);
        let reference = |end: usize, v: &str| Some(Hit::new(end, TimexType::Date, v));
        match w {
            // "today's world", "today's youth": the present age, which TimeBank leaves
            // unmarked, not the report's day ("today's editions").
            "today" if self.w(i + 1) == "'s" && lexicon::present_age(self.w(i + 2)) => None,
            "today" => self.with_part_of_day(i + 1, Some, "XXXX-XX-XX"),
            "day" if prev == "the" && matches!(self.w(i + 1), "before" | "after") => {
                self.day_beside(i)
            }
            // "today is the eighth day of the blockade", "it's the second day of the
            // offensive": a count of days that ends on the report's own.
            _ if prev == "the"
                && i > 2
                && matches!(self.w(i - 2), "is" | "'s")
                && matches!(self.w(i - 3), "it" | "today" | "this")
                && lexicon::ordinal(w).is_some()
                && self.w(i + 1) == "day"
                && self.w(i + 2) == "of" =>
            {
                self.relative(i + 2, |a| Some(Point::Day(a)), "XXXX-XX-XX")
            }
            "yesterday" => {
                self.with_part_of_day(i + 1, |a| calendar::add_days(a, -1), "XXXX-XX-XX")
            }
            // "the first nine months": the period counted, its opening words included.
            "first"
                if prev == "the"
                    && let Some((n @ Some(2..), k)) = self.count(i + 1)
                    && let Some((unit, true)) = lexicon::unit(self.w(k)) =>
            {
                Some(Hit::duration(k + 1, duration_value(n, unit, false)))
            }
            "tomorrow" => self.with_part_of_day(i + 1, |a| calendar::add_days(a, 1), "XXXX-XX-XX"),
            "tonight" => self.day_part(i + 1, 0, "NI"),
            "overnight" => self.day_part(i + 1, -1, "NI"),
            // "Now, he says, ...", "Now for the weather": a turn in the telling, not a time.
            "now" if self.opens_sentence(i) && matches!(self.w(i + 1), "," | "for") => None,
            "now" | "currently" | "nowadays" | "presently" => reference(i + 1, "PRESENT_REF"),
            "right" if self.w(i + 1) == "now" => reference(i + 2, "PRESENT_REF"),
            "these" if self.w(i + 1) == "days" => reference(i + 2, "PRESENT_REF"),
            "current" if self.current_state(i + 1) => reference(i + 1, "PRESENT_REF"),
            "then" if self.w(i + 1) == "current" && self.current_state(i + 2) => {
                reference(i + 2, "PAST_REF")
            }
            "recently" | "lately" => reference(i + 1, "PAST_REF"),
            // "may soon seek", "it soon will begin": a time still to come. Not the "soon" of
            // a narrated past ("was soon released") nor of "as soon as" and "soon after".
            "soon" if lexicon::modal(prev) || lexicon::modal(self.w(i + 1)) => {
                reference(i + 1, "FUTURE_REF")
            }
            "recent"
                if lexicon::unit(self.w(i + 1)).is_none()
                    && matches!(self.w(i + 1), "," | "." | ")" | "") =>
            {
                reference(i + 1, "PAST_REF")
            }
            "past"
                if prev == "the"
                    && lexicon::unit(self.w(i + 1)).is_none()
                    && lexicon::count(self.w(i + 1)).is_none()
                    && !lexicon::vague_count(self.w(i + 1)) =>
            {
                reference(i + 1, "PAST_REF")
            }
            // "the future of our peoples" is what becomes of them, not a time.
            "future" if matches!(prev, "the" | "near" | "in") && self.w(i + 1) != "of" => {
                reference(i + 1, "FUTURE_REF")
            }
            "near" if matches!(self.w(i + 1), "future" | "term") => reference(i + 2, "FUTURE_REF"),
            // "in the short term", but not "the short term debt"
            "short" | "long"
                if prev == "the"
                    && self.w(i + 1) == "term"
                    && !self.w(i + 2).starts_with(|c: char| c.is_ascii_lowercase()) =>
            {
                reference(i + 2, "FUTURE_REF")
            }
            "a" if self.seq(i + 1, &["later", "date"]) => reference(i + 3, "FUTURE_REF"),
            // "for a while": a span of no stated length.
            "a" if self.w(i + 1) == "while" && matches!(prev, "for" | "in" | "after") => {
                Some(Hit::duration(i + 2, "PXX".to_string()))
            }
            "last" if self.part_of_year(i).is_some() => {
                let (end, part, n) = self.part_of_year(i)?;
                self.part_without_year(i, end, part, n)
            }
            "this" | "last" | "past" | "next" | "coming" | "previous" | "following" | "latest"
            | "current" | "that" => self.relative_phrase(i),
            "every" | "each" | "per" => self.every(i),
            // "twice a week": how often, the week being the period repeated.
            "once" | "twice" if matches!(self.w(i + 1), "a" | "an" | "per" | "each" | "every") => {
                match lexicon::unit(self.w(i + 2)) {
                    Some((unit, false)) => Some(Hit::new(
                        i + 3,
                        TimexType::Set,
                        duration_value(Some(1), unit, false),
                    )),
                    _ => None,
                }
            }
            // "rise 8.5% annually", "10,000 units annually": the "per" of a rate, left
            // unmarked as "$3 million a year" is.
            "daily" | "weekly" | "monthly" | "annually" | "yearly" | "hourly"
                if self.rate_adverb(i) =>
            {
                None
            }
            "daily" => Some(Hit::new(i + 1, TimexType::Set, "P1D")),
            "weekly" => Some(Hit::new(i + 1, TimexType::Set, "P1W")),
            "monthly" => Some(Hit::new(i + 1, TimexType::Set, "P1M")),
            "annually" | "yearly" => Some(Hit::new(i + 1, TimexType::Set, "P1Y")),
            "hourly" => Some(Hit::new(i + 1, TimexType::Set, "PT1H")),
            "nightly" => Some(Hit::new(i + 1, TimexType::Set, "XXXX-XX-XXTNI")),
            "fiscal" => self.fiscal(i),
            _ if matches!(prev, "for" | "within")
                && lexicon::unit(w).is_some_and(|(u, plural)| plural && !u.is_clock()) =>
            {
                Some(Hit::duration(
                    i + 1,
                    duration_value(None, lexicon::unit(w)?.0, false),
                ))
            }
            // "over the years", "in the years that followed": a stretch of unstated length.
            // "the weeks before the shooting" and "the days when" are rather dates, and
            // ones the words do not give.
            _ if prev == "the"
                && i > 1
                && matches!(self.w(i - 2), "over" | "in" | "through" | "during")
                && !matches!(
                    self.w(i + 1),
                    "of" | "before" | "after" | "ago" | "to" | "ahead" | "when"
                )
                && lexicon::unit(w).is_some_and(|(u, plural)| plural && !u.is_clock()) =>
            {
                Some(Hit::duration(
                    i + 1,
                    duration_value(None, lexicon::unit(w)?.0, false),
                ))
            }
            // "the weeks ahead", "the first time in years."
            _ if ((prev == "the" && self.w(i + 1) == "ahead")
                || (prev == "in" && matches!(self.w(i + 1), "." | "," | ";" | "")))
                && lexicon::unit(w).is_some_and(|(u, plural)| plural && !u.is_clock()) =>
            {
                let end = if self.w(i + 1) == "ahead" {
                    i + 2
                } else {
                    i + 1
                };
                Some(Hit::duration(
                    end,
                    duration_value(None, lexicon::unit(w)?.0, false),
                ))
            }
            // "the week of March 6": the week that day falls in.
            "week" if prev == "the" && self.w(i + 1) == "of" => {
                let day = self.month_phrase(i + 2)?;
                let Some(Point::Day(d)) = day.point else {
                    return None;
                };
                Some(Hit::date(day.end, calendar::week_of(d), day.anchored))
            }
            "weekend" if prev == "the" => {
                let dir = self.direction(i, i + 1, Direction::Past);
                self.relative(
                    i + 1,
                    |a| {
                        let sat_or_sun = a.weekday().number_from_monday() >= 6;
                        calendar::weekend(
                            a,
                            if dir == Direction::Past && !sat_or_sun {
                                -1
                            } else {
                                0
                            },
                        )
                    },
                    "XXXX-WXX-WE",
                )
            }
            // "the quarter a year ago" is one expression: the year-ago quarter.
            "quarter"
                if prev == "the"
                    && self.seq(i + 1, &["a", "year"])
                    && matches!(self.w(i + 3), "ago" | "earlier") =>
            {
                self.reporting_quarter(i + 4, -1)
                    .map(|h| Hit { derived: true, ..h })
            }
            "quarter" if prev == "the" => self
                .quarter_ending(i + 1)
                .or_else(|| self.reporting_quarter(i + 1, 0)),
            "year" if prev == "the" => self.the_year(i + 1),
            "full" | "calendar" if prev == "the" && self.w(i + 1) == "year" => self.the_year(i + 2),
            "year" if self.w(i + 1) == "end" || self.seq(i + 1, &["'s", "end"]) => {
                let end = if self.w(i + 1) == "end" { i + 2 } else { i + 3 };
                self.relative(end, |a| Some(Point::Year(a.year())), "XXXX")
                    .map(|h| Hit {
                        modifier: Some("END"),
                        ..h
                    })
            }
            "year-ago" | "year-earlier" => self.year_ago(i),
            // "the corresponding period last year": the period reported, a year back.
            "corresponding" | "comparable" | "same"
                if prev == "the"
                    && matches!(self.w(i + 1), "quarter" | "period")
                    && (self.seq(i + 2, &["last", "year"])
                        || (self.w(i + 2) == "a"
                            && self.w(i + 3) == "year"
                            && matches!(self.w(i + 4), "ago" | "earlier"))) =>
            {
                let end = if self.w(i + 2) == "a" { i + 5 } else { i + 4 };
                self.reporting_quarter(end, -1)
                    .map(|h| Hit { derived: true, ..h })
            }
            _ if w.starts_with("mid-")
                || (matches!(prev, "the" | "mid") && lexicon::part_of_day(w).is_some()) =>
            {
                self.part_of_day(i)
            }
            _ => {
                if let Some((end, part, n)) = self.part_of_year(i) {
                    return self.part_without_year(i, end, part, n);
                }
                if let Some(code) = lexicon::season(w) {
                    return self.season_phrase(i, code);
                }
                if let Some(h) = self.holiday(i) {
                    return Some(h);
                }
                if let Some(h) = self.century(i) {
                    return Some(h);
                }
                if let Some(d) = decade_word(w).filter(|_| prev == "the") {
                    return Some(Hit::date(i + 1, Point::Decade(d), false));
                }
                None
            }
        }
    }

    /// "the day before yesterday", "the day after Christmas": the day named after the
    /// word at `i + 1`, moved by one.
    fn day_beside(&self, i: usize) -> Option<Hit> {
        let h = self.at(i + 2)?;
        let Some(Point::Day(d)) = h.point else {
            return None;
        };
        let step = if self.w(i + 1) == "before" { -1 } else { 1 };
        Some(Hit {
            derived: h.derived,
            ..Hit::date(h.end, Point::Day(calendar::add_days(d, step)?), h.anchored)
        })
    }

    /// "current" before a noun of state ("current market conditions", "his current
    /// wife") or at a clause's end means now; before a unit ("the current quarter")
    /// it names that period instead, and "current account" is a term of trade.
    fn current_state(&self, next: usize) -> bool {
        let w = self.w(next);
        matches!(w, "," | "." | ";")
            || (w.len() > 2
                && w.bytes().all(|b| b.is_ascii_lowercase())
                && lexicon::unit(w).is_none()
                && !matches!(
                    w,
                    "fiscal" | "calendar" | "account" | "accounts" | "and" | "or"
                ))
    }

    /// "the morning", "mid-afternoon yesterday": a part of the day named right after it,
    /// else of the day last named, else of the report's.
    fn part_of_day(&self, i: usize) -> Option<Hit> {
        let w = self.w(i);
        let part =
            lexicon::part_of_day(w.strip_prefix("mid-").unwrap_or(w)).filter(|&p| p != "NI")?;
        // "the morning paper", "the evening news" name things, not times.
        let next = self.w(i + 1);
        let noun_after = next.len() > 2
            && next.bytes().all(|b| b.is_ascii_lowercase())
            && !matches!(
                next,
                "to" | "of"
                    | "in"
                    | "at"
                    | "on"
                    | "and"
                    | "but"
                    | "when"
                    | "as"
                    | "before"
                    | "after"
                    | "with"
                    | "for"
                    | "from"
                    | "until"
                    | "was"
                    | "were"
                    | "had"
                    | "has"
                    | "he"
                    | "she"
                    | "they"
                    | "it"
                    | "we"
                    | "that"
                    | "yesterday"
                    | "today"
                    | "tomorrow"
            );
        if noun_after && lexicon::weekday(next).is_none() {
            return None;
        }
        if let Some(day) = self.day_after_clock(i + 1) {
            let base = match day.point.and_then(Point::day) {
                Some(d) => Point::Day(d).value(),
                None => day.value,
            };
            return Some(Hit {
                anchored: day.anchored,
                ..Hit::new(day.end, TimexType::Time, format!("{base}T{part}"))
            });
        }
        let day = match self.last.get() {
            Some(Point::Day(d)) => Some(d),
            _ => self.anchor,
        };
        let value = match day {
            Some(d) => format!("{}T{part}", Point::Day(d).value()),
            None => format!("XXXX-XX-XXT{part}"),
        };
        Some(Hit {
            anchored: day.is_some(),
            derived: true,
            ..Hit::new(i + 1, TimexType::Time, value)
        })
    }

    /// "tonight", "overnight": a part of the anchor's day, `days` away.
    fn day_part(&self, end: usize, days: i64, part: &str) -> Option<Hit> {
        let value = match self.anchor {
            Some(a) => format!(
                "{}T{part}",
                Point::Day(calendar::add_days(a, days)?).value()
            ),
            None => format!("XXXX-XX-XXT{part}"),
        };
        Some(Hit {
            anchored: self.anchor.is_some(),
            ..Hit::new(end, TimexType::Time, value)
        })
    }

    /// "third quarter" with no year: the one the tense points to.
    fn part_without_year(
        &self,
        i: usize,
        end: usize,
        part: fn(i32, u32) -> Point,
        n: u32,
    ) -> Option<Hit> {
        if let Some((y, e)) = self.of_year(end) {
            return Some(Hit::date(e, part(y, n), false));
        }
        if let Some((shift, e)) = self.of_relative_year(end)
            && let Some(a) = self.anchor
        {
            return Some(Hit::date(e, part(a.year() + shift, n), true));
        }
        let dir = self.direction(i, end, Direction::Past);
        let is_quarter = part(0, n) == Point::Quarter(0, n);
        let unknown = if is_quarter {
            format!("XXXX-Q{n}")
        } else {
            format!("XXXX-H{n}")
        };
        self.relative(
            end,
            |a| {
                if is_quarter {
                    // Reports name the quarter just reported far more often than next year's.
                    let (y, cur) = calendar::quarter_of(a);
                    Some(Point::Quarter(
                        if n > cur && dir != Direction::Future {
                            y - 1
                        } else {
                            y
                        },
                        n,
                    ))
                } else {
                    let cur = if a.month() <= 6 { 1 } else { 2 };
                    let y = if dir == Direction::Past && n > cur {
                        a.year() - 1
                    } else {
                        a.year()
                    };
                    Some(Point::Half(y, n))
                }
            },
            &unknown,
        )
    }

    /// "of 1990", "1990": a year right after a part of a year.
    fn of_year(&self, i: usize) -> Option<(i32, usize)> {
        if self.w(i) == "of"
            && let Some(y) = self.year_at(i + 1)
        {
            return Some(y);
        }
        self.year_at(i)
    }

    /// "of this year", "of last year", "of the year": the year's offset from the
    /// anchor's and the token after it. "The third quarter of this year" is one
    /// expression, the anchor's year's third quarter, whichever way the verb points.
    fn of_relative_year(&self, i: usize) -> Option<(i32, usize)> {
        if self.w(i) != "of" || self.w(i + 2) != "year" {
            return None;
        }
        let shift = match self.w(i + 1) {
            "this" | "the" => 0,
            "last" => -1,
            "next" => 1,
            _ => return None,
        };
        Some((shift, i + 3))
    }

    /// "the quarter ending March 31" before any quarter is named: the calendar quarter
    /// that day closes. Once a report has named its (perhaps fiscal) quarter, "the
    /// quarter" is that one.
    fn quarter_ending(&self, end: usize) -> Option<Hit> {
        if self.last_quarter.get().is_some()
            || matches!(self.reported(), Some(Point::Quarter(..)))
            || !matches!(self.w(end), "ended" | "ending")
        {
            return None;
        }
        let day = self.month_phrase(end + 1)?.point.and_then(Point::day)?;
        if day.month() % 3 != 0 || calendar::add_days(day, 1)?.month() == day.month() {
            return None;
        }
        let (y, q) = calendar::quarter_of(day);
        Some(Hit::date(end, Point::Quarter(y, q), true))
    }

    /// "the quarter", "the latest quarter": the last quarter named, or the one before the anchor's.
    fn reporting_quarter(&self, end: usize, years: i32) -> Option<Hit> {
        if let Some(p @ Point::Quarter(..)) = self.reported() {
            return Some(Hit {
                derived: true,
                ..Hit::date(end, p.shift_years(years)?, true)
            });
        }
        if let Some(p) = self.last_quarter.get() {
            return Some(Hit::date(end, p.shift_years(years)?, true));
        }
        self.relative(
            end,
            |a| calendar::shift(a, Unit::Quarter, -1)?.shift_years(years),
            "XXXX-QX",
        )
    }

    /// "year-ago", "the year-earlier quarter": a year before the last period named. A
    /// named part of the year after it is that part a year back ("the year-ago third
    /// quarter"); a count of units is the span compared ("the year-earlier nine months").
    fn year_ago(&self, i: usize) -> Option<Hit> {
        if let Some((end, part, n)) = self.part_of_year(i + 1) {
            let h = self.part_without_year(i + 1, end, part, n)?;
            let h = match h.point.and_then(|p| p.shift_years(-1)) {
                Some(p) => Hit::date(end, p, true),
                None => h,
            };
            return Some(Hit { derived: true, ..h });
        }
        if let Some((Some(n), k)) = self.count(i + 1)
            && let Some((unit, true)) = lexicon::unit(self.w(k))
        {
            return Some(Hit::duration(k + 1, duration_value(Some(n), unit, false)));
        }
        let end = if matches!(self.w(i + 1), "quarter" | "period") {
            i + 2
        } else {
            i + 1
        };
        let h = match self.reported() {
            Some(p @ (Point::Quarter(..) | Point::Half(..) | Point::Year(_))) => {
                Hit::date(end, self.year_before_at(i, p)?, true)
            }
            _ if end == i + 2 => self.reporting_quarter(end, -1)?,
            _ => self.relative(end, |a| calendar::shift(a, Unit::Year, -1), "XXXX")?,
        };
        Some(Hit { derived: true, ..h })
    }

    fn fiscal(&self, i: usize) -> Option<Hit> {
        let j = if self.w(i + 1) == "year" {
            i + 2
        } else {
            i + 1
        };
        if let Some(y) = lexicon::year_number(self.w(j)) {
            return Some(Hit::date(j + 1, Point::Year(y), false));
        }
        if self.before(i) == "the" && self.w(i + 1) == "year" {
            return self.the_year(i + 2);
        }
        let (end, part, n) = self.part_of_year(i + 1)?;
        self.part_without_year(i + 1, end, part, n)
    }

    /// "the year" after its last word at `end - 1`: the report's year; a twelve-month
    /// span when its end is given ("the year ended Sept. 30"); a year when it is named
    /// ("the year two thousand"). "The year before" is left to the words after it.
    fn the_year(&self, end: usize) -> Option<Hit> {
        match self.w(end) {
            "ended" | "ending" => {
                return Some(Hit::duration(
                    end,
                    duration_value(Some(1), Unit::Year, false),
                ));
            }
            "before" | "earlier" | "after" | "later" | "following" | "-" => return None,
            _ => {}
        }
        if let Some(y) = lexicon::year_number(self.w(end)) {
            return Some(Hit::date(end + 1, Point::Year(y), false));
        }
        if self.seq(end, &["two", "thousand"]) {
            return Some(Hit::date(end + 2, Point::Year(2000), false));
        }
        self.relative(end, |a| Some(Point::Year(a.year())), "XXXX")
    }

    /// "this week", "last Friday", "next month", "the past three months", "this past summer".
    fn relative_phrase(&self, i: usize) -> Option<Hit> {
        let w = self.w(i);
        let mut j = i + 1;
        let this_past = w == "this" && matches!(self.w(j), "past" | "last");
        let this_coming = w == "this" && self.w(j) == "coming";
        if this_past || this_coming {
            j += 1;
        }
        let step: i32 = match w {
            _ if this_past => -1,
            _ if this_coming => 1,
            "this" | "current" | "that" => 0,
            "last" | "past" | "previous" | "latest" => -1,
            _ => 1,
        };
        // "the current fiscal year" is the year for our purposes.
        if self.w(j) == "fiscal" && lexicon::unit(self.w(j + 1)).is_some() {
            j += 1;
        }
        let next = self.w(j);

        // "the past three months", "the next few days", "the first nine months"
        if matches!(
            w,
            "past" | "last" | "next" | "coming" | "previous" | "following" | "latest"
        ) && let Some((n, k)) = self.count(j).filter(|(n, _)| n.is_none_or(|n| n > 1))
            && let Some((unit, true)) = lexicon::unit(self.w(k))
        {
            return Some(Hit::duration(k + 1, duration_value(n, unit, false)));
        }
        if w == "latest" && next == "period" {
            return self.reporting_quarter(j + 1, 0);
        }
        if let Some((unit, plural)) = lexicon::unit(next) {
            if plural {
                return match w {
                    "past" | "last" | "coming" | "next" | "previous" => {
                        Some(Hit::duration(j + 1, duration_value(None, unit, false)))
                    }
                    _ => None,
                };
            }
            if w == "that" {
                return self.that(j + 1, unit, 0);
            }
            // "the past decade" is the last ten years; "the last decade" the one before this.
            if w == "past" && matches!(unit, Unit::Decade | Unit::Century) {
                return Some(Hit::duration(j + 1, duration_value(Some(1), unit, false)));
            }
            // "the following year" follows the year just named, not the report's; so does
            // "the next day" (the report's would be "tomorrow").
            let anaphoric = matches!(w, "following" | "previous")
                || (w == "next" && unit == Unit::Day && self.before(i) == "the");
            if anaphoric && let Some(h) = self.that(j + 1, unit, step) {
                return Some(h);
            }
            // "the latest quarter" is the one under report; "last quarter" the one before
            // the report's, whatever earlier quarter a comparison named.
            if unit == Unit::Quarter && matches!(w, "latest" | "previous") {
                return self.reporting_quarter(j + 1, 0);
            }
            if matches!(w, "latest" | "current") && unit != Unit::Quarter && unit != Unit::Year {
                return None;
            }
            if unit == Unit::Year
                && self.w(j + 1) == "'s"
                && let Some((end, part, n)) = self.part_of_year(j + 2)
            {
                return self.relative(end, |a| Some(part(a.year() + step, n)), "XXXX");
            }
            // "last year's quarter": the quarter reported, a year back.
            if unit == Unit::Year
                && self.w(j + 1) == "'s"
                && matches!(self.w(j + 2), "quarter" | "period")
            {
                return self
                    .reporting_quarter(j + 3, step)
                    .map(|h| Hit { derived: true, ..h });
            }
            if unit.is_clock() {
                return None;
            }
            return self.relative(j + 1, |a| calendar::shift(a, unit, step), unknown_of(unit));
        }
        // "the previous Friday" counts from the day just named, not from the report's.
        if let (Some(wd), "previous" | "following", Some(Point::Day(d))) =
            (lexicon::weekday(next), w, self.last.get())
        {
            let day = calendar::weekday_strict(d, wd, step > 0)?;
            return Some(Hit {
                derived: true,
                ..Hit::date(j + 1, Point::Day(day), true)
            });
        }
        if matches!(w, "latest" | "current" | "that" | "previous" | "following") {
            return None;
        }
        if next == "weekend" {
            return self.relative(j + 1, |a| calendar::weekend(a, step), "XXXX-WXX-WE");
        }
        if next == "night" && w == "last" {
            return self.day_part(j + 1, -1, "NI");
        }
        // "the next morning": of the day after the one last named.
        if let Some(p) = lexicon::part_of_day(next)
            .filter(|_| self.before(i) == "the" && matches!(w, "next" | "following" | "previous"))
        {
            let day = match self.last.get() {
                Some(Point::Day(d)) => Some(d),
                _ => self.anchor,
            };
            return Some(match day.and_then(|d| calendar::add_days(d, step as i64)) {
                Some(d) => Hit {
                    anchored: true,
                    derived: true,
                    ..Hit::new(
                        j + 1,
                        TimexType::Time,
                        format!("{}T{p}", Point::Day(d).value()),
                    )
                },
                None => Hit::new(j + 1, TimexType::Time, format!("XXXX-XX-XXT{p}")),
            });
        }
        if let Some(p) = lexicon::part_of_day(next).filter(|_| w == "this") {
            return self.day_part(j + 1, 0, p);
        }
        if let Some(wd) = lexicon::weekday(next) {
            // "this coming Sunday, March 8": the date given says which Sunday.
            if self.w(j + 1) == ","
                && let Some(h) = self
                    .month_phrase(j + 2)
                    .filter(|h| matches!(h.point, Some(Point::Day(_))))
            {
                return Some(h);
            }
            let unknown = format!("XXXX-WXX-{wd}");
            return match step {
                0 => {
                    let dir = self.direction(i, j + 1, Direction::Nearest);
                    self.with_part_of_day(j + 1, |a| calendar::weekday(a, wd, dir), &unknown)
                }
                s => self.with_part_of_day(
                    j + 1,
                    |a| calendar::weekday_strict(a, wd, s > 0),
                    &unknown,
                ),
            };
        }
        if let Some(m) = lexicon::month(next)
            .filter(|_| self.capitalised(j) && lexicon::day_number(self.w(j + 1)).is_none())
        {
            let unknown = format!("XXXX-{m:02}");
            return self.relative(
                j + 1,
                |a| {
                    let (y, cur) = (a.year(), a.month());
                    Some(Point::Month(
                        match step {
                            0 => y,
                            s if s < 0 => {
                                if m < cur {
                                    y
                                } else {
                                    y - 1
                                }
                            }
                            _ => {
                                if m > cur {
                                    y
                                } else {
                                    y + 1
                                }
                            }
                        },
                        m,
                    ))
                },
                &unknown,
            );
        }
        if let Some(code) = lexicon::season(next) {
            let unknown = format!("XXXX-{code}");
            return self.relative(
                j + 1,
                |a| {
                    if this_past {
                        calendar::season_past(a, code)
                    } else {
                        Some(Point::Season(a.year() + step, code))
                    }
                },
                &unknown,
            );
        }
        None
    }

    /// "that year", "that day": the last value named, at the unit's granularity, moved
    /// by `step` units ("the following year").
    fn that(&self, end: usize, unit: Unit, step: i32) -> Option<Hit> {
        let p = self.last.get()?;
        let d = match p {
            Point::Day(d) => d,
            Point::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 1)?,
            Point::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1)?,
            Point::Quarter(y, _) | Point::Half(y, _) | Point::Season(y, _) => {
                NaiveDate::from_ymd_opt(y, 1, 1)?
            }
            _ => return None,
        };
        let granular = matches!(
            (unit, p),
            (Unit::Day, Point::Day(_))
                | (Unit::Month, Point::Day(_) | Point::Month(..))
                | (Unit::Year, _)
        );
        let moved = match calendar::shift(d, unit, step) {
            Some(m) => m,
            None if step == 0 => p,
            None => return None,
        };
        granular.then(|| Hit {
            derived: true,
            ..Hit::date(end, moved, true)
        })
    }

    /// "every week", "each Thursday", "each July", "per year".
    fn every(&self, i: usize) -> Option<Hit> {
        let mut j = i + 1;
        let mut n = 1;
        if self.w(i) == "every" && self.w(j) == "other" {
            n = 2;
            j += 1;
        } else if let Some(k) = lexicon::count(self.w(j)).filter(|&k| k > 1 && self.w(i) == "every")
        {
            n = k;
            j += 1;
        }
        let next = self.w(j);
        if let Some((unit, _)) = lexicon::unit(next) {
            // "15 million instructions per second" is a rate, unmarked as "a year" is there.
            if self.w(i) == "per" && self.rate_before(i, j + 1) {
                return None;
            }
            return Some(Hit::new(
                j + 1,
                TimexType::Set,
                duration_value(Some(n), unit, false),
            ));
        }
        if self.w(i) == "per" {
            return None;
        }
        if let Some(wd) = lexicon::weekday(next).or_else(|| lexicon::weekday_plural(next)) {
            return Some(Hit::new(j + 1, TimexType::Set, format!("XXXX-WXX-{wd}")));
        }
        if let Some(m) = lexicon::month(next) {
            return Some(Hit::new(j + 1, TimexType::Set, format!("XXXX-{m:02}")));
        }
        if let Some(code) = lexicon::season(next) {
            return Some(Hit::new(j + 1, TimexType::Set, format!("XXXX-{code}")));
        }
        match next {
            "morning" | "afternoon" | "evening" | "night" => Some(Hit::new(
                j + 1,
                TimexType::Set,
                format!("XXXX-XX-XXT{}", lexicon::part_of_day(next)?),
            )),
            _ => None,
        }
    }

    fn season_phrase(&self, i: usize, code: &'static str) -> Option<Hit> {
        let prev = self.before(i);
        if self.w(i) == "fall"
            && !matches!(prev, "the" | "early" | "late" | "mid" | "in")
            && !self.capitalised(i)
        {
            return None;
        }
        if let Some((y, end)) = self.of_year(i + 1) {
            return Some(Hit::date(end, Point::Season(y, code), false));
        }
        if !matches!(
            prev,
            "the" | "early" | "late" | "mid" | "in" | "this" | "during" | "since" | "until" | "by"
        ) {
            return None;
        }
        let dir = self.direction(i, i + 1, Direction::Past);
        self.relative(
            i + 1,
            |a| calendar::season(a, code, dir),
            &format!("XXXX-{code}"),
        )
    }

    /// Fixed and floating holidays, in the year the tense points to.
    fn holiday(&self, i: usize) -> Option<Hit> {
        if !self.capitalised(i) {
            return None;
        }
        // A month and a day; a movable feast also has the rule that gives its date in a
        // year, the day then being a usual one that chooses the year.
        type Rule = fn(i32) -> Option<NaiveDate>;
        let thanksgiving: Rule = |y| calendar::nth_weekday(y, 11, 4, 4);
        // The United States' Election Day: the Tuesday after the first Monday of November.
        let election: Rule = |y| calendar::add_days(calendar::nth_weekday(y, 11, 1, 1)?, 1);
        let (end, month, day, movable) = match (self.w(i), self.w(i + 1), self.w(i + 2)) {
            ("christmas", "eve", _) => (i + 2, 12, 24, None),
            ("christmas", "day", _) => (i + 2, 12, 25, None),
            ("christmas", _, _) => (i + 1, 12, 25, None),
            ("new", "year", "'s") if self.w(i + 3) == "day" => (i + 4, 1, 1, None),
            ("new", "year", "'s") if self.w(i + 3) == "eve" => (i + 4, 12, 31, None),
            ("independence", "day", _) => (i + 2, 7, 4, None),
            ("halloween", _, _) => (i + 1, 10, 31, None),
            ("thanksgiving", "day", _) => (i + 2, 11, 25, Some(thanksgiving)),
            ("thanksgiving", _, _) => (i + 1, 11, 25, Some(thanksgiving)),
            ("election", "day", _) if self.capitalised(i + 1) => (i + 2, 11, 5, Some(election)),
            _ => return None,
        };
        let dir = self.direction(i, end, Direction::Nearest);
        let unknown = match movable {
            Some(_) => format!("XXXX-{month:02}"),
            None => format!("XXXX-{month:02}-{day:02}"),
        };
        self.relative(
            end,
            |a| {
                let date = calendar::month_day(a, month, day, dir)?;
                match movable {
                    Some(rule) => rule(date.year()).map(Point::Day),
                    None => Some(Point::Day(date)),
                }
            },
            &unknown,
        )
    }

    /// "the 20th century" = 19.
    fn century(&self, i: usize) -> Option<Hit> {
        let n = lexicon::ordinal(self.w(i))?;
        (self.w(i + 1) == "century" && n > 1)
            .then(|| Hit::date(i + 2, Point::Century(n as i32 - 1), false))
    }

    // ------------------------------------------------------------------ single hyphenated tokens

    fn hyphenated(&self, i: usize) -> Option<Hit> {
        let w = self.w(i);
        let (head, tail) = w.split_once('-')?;
        // "30-year", "two-day", "8-month-old", "day-long"; "several-year" and "multi-year"
        // are as long with the count unknown.
        if let Some((unit, _)) =
            lexicon::unit(tail.split('-').next()?).filter(|(u, _)| *u != Unit::Quarter)
            && !tail.ends_with("-old")
        {
            if matches!(head, "several" | "multi" | "many") {
                return Some(Hit::duration(i + 1, duration_value(None, unit, false)));
            }
            let n = if head.bytes().all(|b| b.is_ascii_digit()) {
                head.parse().ok()
            } else {
                lexicon::count(head)
            };
            if let Some(n) = n {
                return Some(Hit::duration(i + 1, duration_value(Some(n), unit, false)));
            }
        }
        if let Some((unit, plural)) = lexicon::unit(head)
            && tail == "long"
        {
            return Some(Hit::duration(
                i + 1,
                duration_value(if plural { None } else { Some(1) }, unit, false),
            ));
        }
        if head == "year" && tail == "end" {
            // "by year-end", "since year-end", "at year-end 1986": the books close on
            // Dec. 31, this year's, last year's after "since", or the year named. A
            // fiscal year-end is no fixed day, and before a noun ("year-end bonuses")
            // it is the end of the year.
            if let Some((y, end)) = self.year_at(i + 1) {
                return Some(Hit::date(
                    end,
                    Point::Day(NaiveDate::from_ymd_opt(y, 12, 31)?),
                    false,
                ));
            }
            let next = self.w(i + 1);
            let noun_after = !next.is_empty()
                && next.bytes().all(|b| b.is_ascii_lowercase())
                && !matches!(
                    next,
                    "and"
                        | "or"
                        | "but"
                        | "to"
                        | "in"
                        | "of"
                        | "for"
                        | "with"
                        | "when"
                        | "as"
                        | "was"
                        | "were"
                        | "is"
                        | "are"
                        | "had"
                        | "has"
                        | "will"
                        | "would"
                        | "the"
                        | "a"
                        | "it"
                        | "they"
                );
            let fiscal =
                self.before(i) == "fiscal" || lexicon::year_number(self.before(i)).is_some();
            if !noun_after && !fiscal {
                let back = i32::from(self.after_since(i));
                return self.relative(
                    i + 1,
                    |a| NaiveDate::from_ymd_opt(a.year() - back, 12, 31).map(Point::Day),
                    "XXXX-12-31",
                );
            }
            return self
                .relative(i + 1, |a| Some(Point::Year(a.year())), "XXXX")
                .map(|h| Hit {
                    modifier: Some("END"),
                    ..h
                });
        }
        if let Some((end, part, n)) = self.part_of_year(i) {
            return self.part_without_year(i, end, part, n);
        }
        let modifier = match head {
            "mid" => Some("MID"),
            "early" => Some("START"),
            "late" => Some("END"),
            "pre" | "post" => None,
            _ => return None,
        };
        let point = if let Some(y) = lexicon::year_number(tail) {
            Point::Year(y)
        } else if let Some(d) = lexicon::decade(tail) {
            Point::Decade(d)
        } else if let Some(m) = lexicon::month(tail) {
            let dir = self.direction(i, i + 1, Direction::Nearest);
            return self
                .relative(
                    i + 1,
                    |a| calendar::month(a, m, dir),
                    &format!("XXXX-{m:02}"),
                )
                .map(|h| Hit { modifier, ..h });
        } else {
            return None;
        };
        Some(Hit {
            modifier,
            ..Hit::date(i + 1, point, false)
        })
    }

    // ------------------------------------------------------------------ clock times

    /// Gives clock times without a day the day of the nearest dated expression in
    /// their sentence, else the anchor's.
    fn date_clock_times(&self, hits: &mut [Hit]) {
        for k in 0..hits.len() {
            if !hits[k].needs_date {
                continue;
            }
            let sentence = self.sentence.get(hits[k].start).cloned().unwrap_or(0..0);
            let day = (0..hits.len())
                .filter(|&o| o != k && sentence.contains(&hits[o].start))
                .filter_map(|o| {
                    hits[o]
                        .point
                        .and_then(Point::day)
                        .map(|d| (hits[o].start.abs_diff(hits[k].start), d))
                })
                .min_by_key(|(dist, _)| *dist)
                .map(|(_, d)| (d, false))
                .or(self.anchor.map(|a| (a, true)));
            let h = &mut hits[k];
            match day {
                Some((d, anchored)) => {
                    h.value = format!("{}{}", Point::Day(d).value(), h.value);
                    h.anchored = anchored;
                }
                None => h.value = format!("XXXX-XX-XX{}", h.value),
            }
            h.needs_date = false;
        }
    }
}

/// "nineties" = 199 (the twentieth century's).
fn decade_word(w: &str) -> Option<i32> {
    let stem = w.strip_suffix("ies")?;
    let n = lexicon::number_word(&format!("{stem}y"))?;
    (20..=90).contains(&n).then_some(190 + n as i32 / 10)
}

/// The unknown value at a unit's granularity, for relative expressions without an anchor.
fn unknown_of(unit: Unit) -> &'static str {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => "XXXX-XX-XX",
        Unit::Week => "XXXX-WXX",
        Unit::Month => "XXXX-XX",
        Unit::Quarter => "XXXX-QX",
        Unit::Year => "XXXX",
        Unit::Decade => "XXX",
        Unit::Century => "XX",
    }
}

/// A TIMEX3 duration: `P2D`, `PT5H30M`, `PXW` for an unknown count.
pub fn duration_value(n: Option<u32>, unit: Unit, half: bool) -> String {
    let (letter, scale) = unit.letter();
    let t = if unit.is_clock() { "T" } else { "" };
    let Some(n) = n else {
        return format!("P{t}X{letter}");
    };
    let mut v = format!("P{t}{}{letter}", n * scale);
    if half && let Some((small, k)) = unit.half() {
        let (l, _) = small.letter();
        if small.is_clock() && !unit.is_clock() {
            v.push('T');
        }
        v.push_str(&format!("{k}{l}"));
    }
    v
}
