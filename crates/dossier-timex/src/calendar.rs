//! Calendar values at a granularity, and the arithmetic that anchors relative
//! expressions on a date: "last week" is the ISO week before the anchor's, "this past
//! summer" the last summer that has ended, "Saturday" the nearest Saturday in the
//! direction the sentence's tense points.

use crate::lexicon::Unit;
use chrono::{Datelike, Days, Months, NaiveDate};

/// A calendar value at the granularity the text gave.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Point {
    Day(NaiveDate),
    /// ISO week-numbering year and week.
    Week(i32, u32),
    Weekend(i32, u32),
    Month(i32, u32),
    Quarter(i32, u32),
    Half(i32, u32),
    /// Year and TIMEX3 season code; winter is the one that starts in December of the year.
    Season(i32, &'static str),
    Year(i32),
    /// The decade's first three digits: 199 for the 1990s.
    Decade(i32),
    /// The century's first two digits: 19 for the 20th century.
    Century(i32),
}

impl Point {
    /// The TIMEX3 value.
    pub fn value(self) -> String {
        match self {
            Point::Day(d) => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Point::Week(y, w) => format!("{y:04}-W{w:02}"),
            Point::Weekend(y, w) => format!("{y:04}-W{w:02}-WE"),
            Point::Month(y, m) => format!("{y:04}-{m:02}"),
            Point::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Point::Half(y, h) => format!("{y:04}-H{h}"),
            Point::Season(y, s) => format!("{y:04}-{s}"),
            Point::Year(y) => format!("{y:04}"),
            Point::Decade(d) => format!("{d:03}"),
            Point::Century(c) => format!("{c:02}"),
        }
    }

    /// The same granularity with the year moved by `years`.
    pub fn shift_years(self, years: i32) -> Option<Point> {
        Some(match self {
            Point::Day(d) => Point::Day(if years >= 0 {
                d.checked_add_months(Months::new(12 * years as u32))?
            } else {
                d.checked_sub_months(Months::new(12 * years.unsigned_abs()))?
            }),
            Point::Week(y, w) => Point::Week(y + years, w),
            Point::Weekend(y, w) => Point::Weekend(y + years, w),
            Point::Month(y, m) => Point::Month(y + years, m),
            Point::Quarter(y, q) => Point::Quarter(y + years, q),
            Point::Half(y, h) => Point::Half(y + years, h),
            Point::Season(y, s) => Point::Season(y + years, s),
            Point::Year(y) => Point::Year(y + years),
            Point::Decade(d) => Point::Decade(d + years / 10),
            Point::Century(c) => Point::Century(c + years / 100),
        })
    }

    pub fn day(self) -> Option<NaiveDate> {
        match self {
            Point::Day(d) => Some(d),
            _ => None,
        }
    }
}

/// Which way an expression without a year or week points from the anchor.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Direction {
    /// The most recent one, the anchor's own included ("said Saturday" on a Saturday).
    Past,
    /// The next one, the anchor's own included ("will meet Saturday").
    Future,
    /// Whichever is closer, the past counting a little closer: reports look back more
    /// often than ahead.
    Nearest,
}

pub fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

fn add_months(y: i32, m: u32, n: i32) -> (i32, u32) {
    let k = y * 12 + m as i32 - 1 + n;
    (k.div_euclid(12), k.rem_euclid(12) as u32 + 1)
}

/// The ISO week a day falls in.
pub fn week_of(d: NaiveDate) -> Point {
    let w = d.iso_week();
    Point::Week(w.year(), w.week())
}

/// The anchor moved by `n` units, at that unit's granularity: "last week" is
/// `shift(anchor, Week, -1)`, "two years ago" `shift(anchor, Year, -2)`.
pub fn shift(anchor: NaiveDate, unit: Unit, n: i32) -> Option<Point> {
    let (y, m) = (anchor.year(), anchor.month());
    Some(match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => {
            Point::Day(add_days(anchor, n as i64)?)
        }
        Unit::Week => week_of(add_days(anchor, 7 * n as i64)?),
        Unit::Month => {
            let (y, m) = add_months(y, m, n);
            Point::Month(y, m)
        }
        Unit::Quarter => {
            let k = y * 4 + (m as i32 - 1) / 3 + n;
            Point::Quarter(k.div_euclid(4), k.rem_euclid(4) as u32 + 1)
        }
        Unit::Year => Point::Year(y + n),
        Unit::Decade => Point::Decade(y.div_euclid(10) + n),
        Unit::Century => Point::Century(y.div_euclid(100) + n),
    })
}

/// The weekend of the anchor's week, moved by `n` weeks.
pub fn weekend(anchor: NaiveDate, n: i32) -> Option<Point> {
    match week_of(add_days(anchor, 7 * n as i64)?) {
        Point::Week(y, w) => Some(Point::Weekend(y, w)),
        _ => None,
    }
}

/// The weekday (1 = Monday) nearest the anchor in `dir`.
pub fn weekday(anchor: NaiveDate, wd: u32, dir: Direction) -> Option<NaiveDate> {
    let today = anchor.weekday().number_from_monday() as i64;
    let back = (today - wd as i64).rem_euclid(7);
    let ahead = (wd as i64 - today).rem_euclid(7);
    let n = match dir {
        Direction::Past => -back,
        Direction::Future => ahead,
        Direction::Nearest if back <= ahead => -back,
        Direction::Nearest => ahead,
    };
    add_days(anchor, n)
}

/// "last Friday": strictly before the anchor; "next Friday": strictly after.
pub fn weekday_strict(anchor: NaiveDate, wd: u32, forward: bool) -> Option<NaiveDate> {
    let d = weekday(
        anchor,
        wd,
        if forward {
            Direction::Future
        } else {
            Direction::Past
        },
    )?;
    if d == anchor {
        add_days(anchor, if forward { 7 } else { -7 })
    } else {
        Some(d)
    }
}

/// Chooses among the same calendar slot in the anchor's year and the years on either
/// side: `key` maps a year to the slot's position, comparable with `now`.
fn pick_year<K: Ord + Copy>(
    year: i32,
    now: K,
    dir: Direction,
    key: impl Fn(i32) -> Option<K>,
    dist: impl Fn(K, K) -> i64,
) -> Option<i32> {
    let cands: Vec<(i32, K)> = (year - 1..=year + 1)
        .filter_map(|y| key(y).map(|k| (y, k)))
        .collect();
    match dir {
        Direction::Past => cands.iter().rev().find(|(_, k)| *k <= now).map(|c| c.0),
        Direction::Future => cands.iter().find(|(_, k)| *k >= now).map(|c| c.0),
        Direction::Nearest => cands
            .iter()
            .min_by_key(|(_, k)| {
                let d = dist(*k, now);
                if d > 0 { 3 * d } else { -2 * d }
            })
            .map(|c| c.0),
    }
}

/// A month without a year: `Month(y, month)` for the year `dir` picks. In a past-tense
/// sentence the next two months still count as ahead: "agreed to meet in March" in a
/// report from February.
pub fn month(anchor: NaiveDate, month: u32, dir: Direction) -> Option<Point> {
    let now = anchor.year() * 12 + anchor.month() as i32;
    let ahead = (month as i32 - anchor.month() as i32).rem_euclid(12);
    let dir = if dir == Direction::Past && ahead <= 2 {
        Direction::Future
    } else {
        dir
    };
    let y = pick_year(
        anchor.year(),
        now,
        dir,
        |y| Some(y * 12 + month as i32),
        |a, b| (a - b) as i64,
    )?;
    Some(Point::Month(y, month))
}

/// A day of a month without a year ("Jan. 11").
pub fn month_day(anchor: NaiveDate, month: u32, day: u32, dir: Direction) -> Option<NaiveDate> {
    let y = pick_year(
        anchor.year(),
        anchor,
        dir,
        |y| NaiveDate::from_ymd_opt(y, month, day),
        |a, b| (a - b).num_days(),
    )?;
    NaiveDate::from_ymd_opt(y, month, day)
}

/// A weekday with a month and day but no year ("Friday, Oct. 23"): the year near the
/// anchor in which that day falls on that weekday, else the nearest.
pub fn weekday_month_day(anchor: NaiveDate, wd: u32, month: u32, day: u32) -> Option<NaiveDate> {
    let y = anchor.year();
    [y, y - 1, y + 1]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .find(|d| d.weekday().number_from_monday() == wd)
        .or_else(|| month_day(anchor, month, day, Direction::Nearest))
}

pub fn quarter_of(d: NaiveDate) -> (i32, u32) {
    (d.year(), (d.month() - 1) / 3 + 1)
}

const SEASONS: [&str; 4] = ["SP", "SU", "FA", "WI"];

/// The season the anchor falls in, as (year, index into SP SU FA WI).
fn season_of(d: NaiveDate) -> (i32, usize) {
    match d.month() {
        1 | 2 => (d.year() - 1, 3),
        12 => (d.year(), 3),
        m => (d.year(), (m as usize - 3) / 3),
    }
}

/// A season without a year ("the summer").
pub fn season(anchor: NaiveDate, code: &'static str, dir: Direction) -> Option<Point> {
    let k = SEASONS.iter().position(|&s| s == code)? as i32;
    let (y, cur) = season_of(anchor);
    let now = y * 4 + cur as i32;
    let y = pick_year(y, now, dir, |y| Some(y * 4 + k), |a, b| (a - b) as i64)?;
    Some(Point::Season(y, code))
}

/// "this past summer": the last such season that has ended before the anchor's.
pub fn season_past(anchor: NaiveDate, code: &'static str) -> Option<Point> {
    let k = SEASONS.iter().position(|&s| s == code)? as i32;
    let (y, cur) = season_of(anchor);
    let now = y * 4 + cur as i32;
    let mut idx = y * 4 + k;
    while idx >= now {
        idx -= 4;
    }
    Some(Point::Season(idx.div_euclid(4), code))
}

/// The `n`th `wd` weekday of a month (Thanksgiving is the 4th Thursday of November).
pub fn nth_weekday(year: i32, month: u32, wd: u32, n: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let offset = (wd as i64 - first.weekday().number_from_monday() as i64).rem_euclid(7);
    add_days(first, offset + 7 * (n as i64 - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn weekdays_follow_the_direction_and_include_the_anchor() {
        let sat = d(2025, 1, 11);
        assert_eq!(weekday(sat, 6, Direction::Past), Some(sat));
        assert_eq!(weekday(sat, 1, Direction::Past), Some(d(2025, 1, 6)));
        assert_eq!(weekday(sat, 1, Direction::Future), Some(d(2025, 1, 13)));
        assert_eq!(weekday_strict(sat, 6, false), Some(d(2025, 1, 4)));
    }

    #[test]
    fn shifts_keep_the_unit_granularity() {
        let a = d(2025, 1, 11);
        assert_eq!(shift(a, Unit::Week, -1).unwrap().value(), "2025-W01");
        assert_eq!(shift(a, Unit::Month, -1).unwrap().value(), "2024-12");
        assert_eq!(shift(a, Unit::Quarter, -1).unwrap().value(), "2024-Q4");
        assert_eq!(shift(a, Unit::Decade, 0).unwrap().value(), "202");
    }

    #[test]
    fn months_and_seasons_without_a_year() {
        let a = d(2025, 1, 11);
        assert_eq!(month(a, 11, Direction::Past), Some(Point::Month(2024, 11)));
        assert_eq!(
            month(a, 11, Direction::Future),
            Some(Point::Month(2025, 11))
        );
        assert_eq!(season_past(a, "SU"), Some(Point::Season(2024, "SU")));
        assert_eq!(
            month_day(a, 12, 30, Direction::Nearest),
            Some(d(2024, 12, 30))
        );
        assert_eq!(nth_weekday(2024, 11, 4, 4), Some(d(2024, 11, 28)));
    }
}
