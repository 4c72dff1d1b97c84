//! The words time expressions are made of, all lower case.

/// Calendar units a duration or a shift is counted in.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// Whether the TIMEX3 duration puts this unit after the `T`.
    pub fn is_clock(self) -> bool {
        matches!(self, Unit::Second | Unit::Minute | Unit::Hour)
    }

    /// The TIMEX3 duration letter and how many of it one unit is.
    pub fn letter(self) -> (char, u32) {
        match self {
            Unit::Second => ('S', 1),
            Unit::Minute => ('M', 1),
            Unit::Hour => ('H', 1),
            Unit::Day => ('D', 1),
            Unit::Week => ('W', 1),
            Unit::Month => ('M', 1),
            Unit::Quarter => ('Q', 1),
            Unit::Year => ('Y', 1),
            Unit::Decade => ('Y', 10),
            Unit::Century => ('Y', 100),
        }
    }

    /// Half of one unit, in the next smaller unit: "2 1/2 years" = P2Y6M.
    pub fn half(self) -> Option<(Unit, u32)> {
        match self {
            Unit::Minute => Some((Unit::Second, 30)),
            Unit::Hour => Some((Unit::Minute, 30)),
            Unit::Day => Some((Unit::Hour, 12)),
            Unit::Month => Some((Unit::Day, 15)),
            Unit::Year => Some((Unit::Month, 6)),
            _ => None,
        }
    }
}

/// A unit noun, singular or plural: "day", "days", "yr".
pub fn unit(w: &str) -> Option<(Unit, bool)> {
    let (u, plural) = match w {
        "second" => (Unit::Second, false),
        "seconds" => (Unit::Second, true),
        "minute" | "min" => (Unit::Minute, false),
        "minutes" | "mins" => (Unit::Minute, true),
        "hour" | "hr" => (Unit::Hour, false),
        "hours" | "hrs" => (Unit::Hour, true),
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "quarter" => (Unit::Quarter, false),
        "quarters" => (Unit::Quarter, true),
        "year" | "yr" => (Unit::Year, false),
        "years" | "yrs" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        "century" => (Unit::Century, false),
        "centuries" => (Unit::Century, true),
        _ => return None,
    };
    Some((u, plural))
}

/// 1 = January. Abbreviations only with their period or as "Sept".
pub fn month(w: &str) -> Option<u32> {
    let m = match w.trim_end_matches('.') {
        "january" => 1,
        "february" => 2,
        "march" => 3,
        "april" => 4,
        "may" => 5,
        "june" => 6,
        "july" => 7,
        "august" => 8,
        "september" | "sept" => 9,
        "october" => 10,
        "november" => 11,
        "december" => 12,
        short if w.ends_with('.') => match short {
            "jan" => 1,
            "feb" => 2,
            "mar" => 3,
            "apr" => 4,
            "jun" => 6,
            "jul" => 7,
            "aug" => 8,
            "sep" => 9,
            "oct" => 10,
            "nov" => 11,
            "dec" => 12,
            _ => return None,
        },
        _ => return None,
    };
    Some(m)
}

/// A month abbreviation without its period ("Jan 11"), trusted only before a day number.
pub fn month_short(w: &str) -> Option<u32> {
    [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|&m| m == w)
    .map(|k| k as u32 + 1)
}

/// ISO weekday number, 1 = Monday.
pub fn weekday(w: &str) -> Option<u32> {
    let d = match w {
        "monday" => 1,
        "tuesday" => 2,
        "wednesday" => 3,
        "thursday" => 4,
        "friday" => 5,
        "saturday" => 6,
        "sunday" => 7,
        _ => return None,
    };
    Some(d)
}

/// Plural weekdays name a set: "Tuesday nights", "on Mondays".
pub fn weekday_plural(w: &str) -> Option<u32> {
    w.strip_suffix('s').and_then(weekday)
}

/// TIMEX3 season codes.
pub fn season(w: &str) -> Option<&'static str> {
    match w {
        "spring" => Some("SP"),
        "summer" => Some("SU"),
        "fall" | "autumn" => Some("FA"),
        "winter" => Some("WI"),
        _ => None,
    }
}

/// TIMEX3 part-of-day codes.
pub fn part_of_day(w: &str) -> Option<&'static str> {
    match w {
        "morning" => Some("MO"),
        "afternoon" => Some("AF"),
        "evening" => Some("EV"),
        "night" => Some("NI"),
        _ => None,
    }
}

/// Cardinal number words up to ninety-nine, hyphenated or not.
pub fn number_word(w: &str) -> Option<u32> {
    dossier_core::numerals::cardinal(w)
}

/// A count: digits ("30", "1,000") or a number word.
pub fn count(w: &str) -> Option<u32> {
    if w.bytes().all(|b| b.is_ascii_digit() || b == b',')
        && w.as_bytes().first().is_some_and(u8::is_ascii_digit)
    {
        return w.replace(',', "").parse().ok();
    }
    match w {
        "a" | "an" | "one" => Some(1),
        "dozen" => Some(12),
        "hundred" => Some(100),
        "thousand" => Some(1000),
        _ => number_word(w),
    }
}

/// Words that stand for an unknown count: "several weeks" = PXW.
pub fn vague_count(w: &str) -> bool {
    matches!(
        w,
        "several" | "few" | "many" | "some" | "numerous" | "recent" | "coming" | "past" | "last"
    )
}

/// Ordinals up to thirty-first, as words or "1st".."31st".
pub fn ordinal(w: &str) -> Option<u32> {
    const WORDS: [&str; 12] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth", "eleventh", "twelfth",
    ];
    if let Some(n) = WORDS.iter().position(|&x| x == w) {
        return Some(n as u32 + 1);
    }
    let digits = w
        .strip_suffix("st")
        .or(w.strip_suffix("nd"))
        .or(w.strip_suffix("rd"))
        .or(w.strip_suffix("th"))?;
    digits.parse().ok().filter(|n| (1..=31).contains(n))
}

/// A day of the month: "11", "11th".
pub fn day_number(w: &str) -> Option<u32> {
    let n: u32 = if w.bytes().all(|b| b.is_ascii_digit()) && w.len() <= 2 {
        w.parse().ok()?
    } else {
        ordinal(w)?
    };
    (1..=31).contains(&n).then_some(n)
}

/// The first day of a range written as one word: "17-18" gives 17.
pub fn first_of_day_range(w: &str) -> Option<u32> {
    let (a, b) = w.split_once('-')?;
    let (a, b) = (day_number(a)?, day_number(b)?);
    (a < b).then_some(a)
}

/// A four-digit year a news report would mention.
pub fn year_number(w: &str) -> Option<i32> {
    if w.len() != 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = w.parse().ok()?;
    (1000..=2199).contains(&y).then_some(y)
}

/// "1990s" = 199, "'90s" needs its century from elsewhere.
pub fn decade(w: &str) -> Option<i32> {
    let d = w.strip_suffix('s')?;
    if d.len() == 4 && d.ends_with('0') {
        return year_number(d).map(|y| y / 10);
    }
    None
}

/// Time zones that may follow a clock time.
pub fn time_zone(w: &str) -> bool {
    matches!(
        w,
        "gmt"
            | "utc"
            | "est"
            | "edt"
            | "et"
            | "cst"
            | "cdt"
            | "ct"
            | "mst"
            | "mdt"
            | "pst"
            | "pdt"
            | "pt"
            | "bst"
            | "cet"
            | "cest"
            | "eet"
            | "eest"
            | "msk"
            | "ist"
            | "jst"
    )
}

/// Nouns that "today's" turns into the present age rather than the day: "today's world".
pub fn present_age(w: &str) -> bool {
    matches!(
        w,
        "world"
            | "youth"
            | "society"
            | "generation"
            | "young"
            | "children"
            | "kids"
            | "teenagers"
            | "economy"
    )
}

/// Modal verbs, and the infinitive's "to": what puts a plain "soon" in the future.
pub fn modal(w: &str) -> bool {
    matches!(
        w,
        "will"
            | "'ll"
            | "would"
            | "may"
            | "might"
            | "could"
            | "can"
            | "should"
            | "must"
            | "shall"
            | "to"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbers_months_and_units() {
        assert_eq!(number_word("twenty-four"), Some(24));
        assert_eq!(count("1,000"), Some(1000));
        assert_eq!(count("a"), Some(1));
        assert_eq!(month("sept."), Some(9));
        assert_eq!(month("jan"), None);
        assert_eq!(ordinal("23rd"), Some(23));
        assert_eq!(unit("weeks"), Some((Unit::Week, true)));
        assert_eq!(decade("1990s"), Some(199));
    }
}
