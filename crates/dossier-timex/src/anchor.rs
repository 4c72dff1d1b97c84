//! The document's date when it came without one, read from its text.
//!
//! Three kinds of evidence, strongest first: the date under an embedded post
//! ("— Name (@handle) January 11, 2025"), a dateline ("KYIV, Jan 11 (Reuters) -",
//! which has no year and so needs a full date elsewhere in the text to lend one), and
//! the latest full date the text mentions. A report is dated on or after what it tells.
//!
//! A date the report came with can still be a day off its own dateline: a wire dates
//! "MANILA, Oct 20 -" by New York's clock, an agency's archive stamps the day it filed.
//! The writer's "Tuesday" and "today" count from the dateline, so [`written`] prefers it.

use crate::calendar::Point;
use crate::grammar::Hit;
use crate::lexicon;
use chrono::{Datelike, NaiveDate};
use std::ops::Range;

/// The inferred date and the tokens it was read from.
pub fn infer(words: &[String], raw: &[&str], hits: &[Hit]) -> Option<(NaiveDate, Range<usize>)> {
    let full: Vec<(NaiveDate, Range<usize>)> = hits
        .iter()
        .filter(|h| !h.anchored)
        .filter_map(|h| match h.point {
            Some(Point::Day(d)) => Some((d, h.start..h.end)),
            _ => None,
        })
        .collect();

    let signed = full.iter().filter(|(_, r)| {
        r.start >= 2 && words[r.start - 1] == ")" && raw[r.start - 2].starts_with('@')
    });
    if let Some(best) = signed.max_by_key(|(d, _)| *d) {
        return Some(best.clone());
    }

    let latest = full.iter().max_by_key(|(d, _)| *d).cloned();
    if let Some((month, day, at)) = dateline(words, raw) {
        if let Some((d, r)) = full.iter().find(|(_, r)| r.contains(&at)) {
            return Some((*d, r.clone()));
        }
        if let Some((known, _)) = latest {
            let date = [known.year(), known.year() + 1]
                .into_iter()
                .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
                .find(|d| *d >= known);
            if let Some(date) = date {
                return Some((date, at..at + 2));
            }
        }
    }
    latest
}

/// The day the report was written: `published`, or the strict dateline's day when that is
/// a day or two off it (see [`dateline_at_start`]).
pub fn written(words: &[String], raw: &[&str], published: NaiveDate) -> NaiveDate {
    let Some((month, day)) = dateline_at_start(words, raw) else {
        return published;
    };
    [published.year() - 1, published.year(), published.year() + 1]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .find(|d| (*d - published).num_days().abs() <= 2)
        .unwrap_or(published)
}

/// A dateline proper, at the very start: a place in capitals, a comma, maybe a region
/// and a comma, a month and a day, then an agency in brackets or a dash ("BRUSSELS,
/// February 10 (Xinhua) --", "MANILA, Oct 20 -"). Stricter than [`dateline`]: a first
/// sentence "On March 12, ..." must not move a date the report came with.
fn dateline_at_start(words: &[String], raw: &[&str]) -> Option<(u32, u32)> {
    let comma = words.iter().take(8).position(|w| w == ",")?;
    let place = &raw[..comma];
    let capitals = |r: &&str| {
        r.chars().any(char::is_alphabetic)
            && r.chars()
                .all(|c| c.is_uppercase() || matches!(c, '.' | '-' | '\''))
    };
    if place.is_empty() || !place.iter().all(capitals) {
        return None;
    }
    // "MOUNTAIN VIEW, Calif., March 4 -", "ZEEBRUGGE, Belgium, March 7 -": a region may
    // come between the place and the date.
    let region = (comma + 2..(comma + 5).min(words.len()))
        .find(|&k| words[k] == ",")
        .filter(|&k| {
            raw[comma + 1..k]
                .iter()
                .all(|r| r.starts_with(char::is_uppercase))
        });
    let month_at = |k: usize| {
        words
            .get(k)
            .and_then(|w| lexicon::month(w).or_else(|| lexicon::month_short(w)))
    };
    let i = match region {
        Some(k) if month_at(comma + 1).is_none() => k + 1,
        _ => comma + 1,
    };
    let (month, day) = month_day(words, raw, i)?;
    let after = words.get(i + 2).map_or("", String::as_str);
    matches!(after, "(" | "-" | "--" | "—" | "–" | "_").then_some((month, day))
}

/// A month and day near the start of the first line, followed by an agency or a dash:
/// the month, the day and the month's token index.
fn dateline(words: &[String], raw: &[&str]) -> Option<(u32, u32, usize)> {
    for i in 0..words.len().min(12) {
        let Some((m, d)) = month_day(words, raw, i) else {
            continue;
        };
        let after = words.get(i + 2).map_or("", String::as_str);
        if matches!(after, "(" | "-" | "--" | "—" | "–" | "/" | ",") {
            return Some((m, d, i));
        }
    }
    None
}

/// A capitalised month name and a day number at token `i` ("Oct 20", "February 10").
fn month_day(words: &[String], raw: &[&str], i: usize) -> Option<(u32, u32)> {
    let w = words.get(i)?;
    let month = lexicon::month(w).or_else(|| lexicon::month_short(w))?;
    if !raw[i].starts_with(char::is_uppercase) {
        return None;
    }
    let day = words.get(i + 1).and_then(|w| lexicon::day_number(w))?;
    Some((month, day))
}
