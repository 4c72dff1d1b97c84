//! Which way a bare "Monday" or "November" points: the tense of the verb nearest to
//! it in its sentence. "said Monday" is the Monday before the report, "will meet on
//! Monday" the one after; a sentence without a clear cue is left to the caller.
//!
//! A present tense is no cue by itself ("says Monday" reports the past), except in the
//! verbs of a timetable: "talks resume Tuesday", "the summit opens on Friday", "the
//! ceasefire takes effect on Monday" announce what is still to come.

use crate::calendar::Direction;

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Tense {
    Past,
    Present,
    Future,
}

impl Tense {
    pub fn direction(self) -> Direction {
        match self {
            Tense::Past => Direction::Past,
            Tense::Future => Direction::Future,
            Tense::Present => Direction::Nearest,
        }
    }
}

const IRREGULAR_PAST: &[&str] = &[
    "said", "told", "was", "were", "had", "did", "went", "came", "took", "made", "gave", "met",
    "left", "began", "saw", "found", "held", "fell", "rose", "won", "lost", "sold", "bought",
    "paid", "led", "sent", "spent", "struck", "fought", "thought", "brought", "kept", "became",
    "ran", "shot", "hit", "broke", "spoke", "wrote", "flew", "drove", "knew", "grew", "threw",
    "stood", "sat", "got", "felt", "heard", "meant", "built", "fled", "slid", "sank", "swore",
    "woke", "ago",
];

const NOT_PAST: &[&str] = &[
    "need", "speed", "feed", "seed", "indeed", "red", "bed", "hundred", "embed", "shed", "bred",
    "creed", "greed", "steed", "deed", "weed", "united", "limited", "proceed", "succeed", "exceed",
    "breed",
];

/// Verbs of a timetable, in the present or the bare form: with a date they announce it.
const SCHEDULE: &[&str] = &[
    "begin",
    "begins",
    "start",
    "starts",
    "open",
    "opens",
    "reopen",
    "reopens",
    "resume",
    "resumes",
    "ends",
    "close",
    "closes",
    "meet",
    "meets",
    "convene",
    "convenes",
    "reconvene",
    "reconvenes",
    "expire",
    "expires",
];

/// Whether `word` is a timetable verb: one of [`SCHEDULE`] ("end" is too often the noun:
/// "at end December"; "open" too in "Open Market"), or "take(s) effect", "take(s)
/// office", "kick(s) off".
fn schedule(word: &str, next: &str) -> bool {
    (SCHEDULE.contains(&word) && !(word == "open" && next == "market"))
        || (matches!(word, "take" | "takes") && matches!(next, "effect" | "office"))
        || (matches!(word, "kick" | "kicks") && next == "off")
}

/// The tense a single word signals, if any.
pub fn cue(word: &str, next: &str) -> Option<Tense> {
    match word {
        w if schedule(w, next) => Some(Tense::Future),
        "will" | "'ll" | "shall" | "wo" | "would" | "upcoming" | "scheduled" | "expected"
        | "expects" | "due" | "until" | "soon" | "tomorrow" => Some(Tense::Future),
        // As nouns ("vacation plans", "the planned trip") these say nothing of time.
        "going" | "set" | "plans" | "plan" | "planned" | "planning" if next == "to" => {
            Some(Tense::Future)
        }
        "is" | "are" if next == "to" => Some(Tense::Future),
        // "a memorial is planned for Thursday", "talks are set for Monday".
        "planned" | "set" | "slated" if next == "for" => Some(Tense::Future),
        "is" | "are" | "am" | "says" | "say" | "does" | "has" | "have" => Some(Tense::Present),
        w if IRREGULAR_PAST.contains(&w) => Some(Tense::Past),
        w if w.len() >= 5
            && w.ends_with("ed")
            && w.bytes().all(|b| b.is_ascii_lowercase())
            && !NOT_PAST.contains(&w) =>
        {
            Some(Tense::Past)
        }
        _ => None,
    }
}

/// The tense around the token range `start..end` within `sentence` (a token range over
/// `words`). A verb right next to the expression decides ("said Friday"); otherwise a
/// future cue earlier in the sentence does, since a modal governs what follows it
/// ("will travel to Nairobi on Tuesday") unless another verb comes between ("will
/// begin ... since he was rescued in late November"); otherwise the nearest cue, ties
/// to the left.
pub fn around(
    words: &[String],
    sentence: std::ops::Range<usize>,
    start: usize,
    end: usize,
) -> Option<Tense> {
    let word = |i: usize| words.get(i).map_or("", String::as_str);
    let determiner = |w: &str| {
        matches!(
            w,
            "a" | "an" | "the" | "its" | "his" | "her" | "their" | "our"
        )
    };
    let determined = |i: usize| {
        let prev = if i > 0 { word(i - 1) } else { "" };
        determiner(prev)
            || ((prev == "still" || prev.ends_with("ly")) && i > 1 && determiner(word(i - 2)))
    };
    // A timetable verb governs the date after it ("opens on Friday"); one after the date
    // is more often a noun ("a Friday close", "April housing starts"). A bare one after
    // another verb or "the" is a complement or a noun: "remained open", "came close",
    // "the end"; with an "-s", a noun only after "the". After "to" or "not" its tense is
    // the governing verb's: "had been due to expire Friday", "did not open Friday".
    // After a compound modifier it is a noun: "single-family starts", "housing starts".
    // A weekday is a timetable's usual date and may come after a place ("resume in
    // Geneva on Tuesday"); a month further off than three words is more often the
    // period of some figure ("the calendar begins Tuesday with data for February").
    let weekday = crate::lexicon::weekday(word(start)).is_some();
    let complement = |i: usize| {
        let prev = if i > 0 { word(i - 1) } else { "" };
        determined(i)
            || prev.contains('-')
            || prev == "housing"
            || (!weekday && start - i > 3)
            || (!word(i).ends_with('s')
                && (cue(prev, word(i)).is_some()
                    || matches!(
                        prev,
                        "to" | "not"
                            | "remain"
                            | "stay"
                            | "keep"
                            | "so"
                            | "too"
                            | "very"
                            | "as"
                            | "more"
                    )))
    };
    // "a tender offer to begin Thursday", "talks to resume Monday": a timetable verb after
    // a noun's "to" has no verb to take its tense from, and announces a weekday to come.
    let noun_to =
        |i: usize| weekday && i >= 2 && word(i - 1) == "to" && cue(word(i - 2), "to").is_none();
    let cue_at = |i: usize| match cue(word(i), word(i + 1)) {
        Some(Tense::Future) if schedule(word(i), word(i + 1)) && i < start && noun_to(i) => {
            Some(Tense::Future)
        }
        // A present "be" before a participle of plan points a weekday ahead: "the index
        // Friday is expected to show", "talks are scheduled Monday". A month there is
        // more often the period of a figure: "the deficit for February is expected to".
        Some(Tense::Present)
            if weekday
                && matches!(word(i), "is" | "are")
                && matches!(
                    word(i + 1),
                    "expected" | "scheduled" | "due" | "slated" | "planned" | "likely"
                ) =>
        {
            Some(Tense::Future)
        }
        Some(Tense::Future) if schedule(word(i), word(i + 1)) && (i >= start || complement(i)) => {
            None
        }
        // "Until Thursday, they had not ...", "not until Tuesday did he ...", "up until
        // Friday": the end of a stretch already over, which the clause's verb dates.
        Some(Tense::Future)
            if word(i) == "until"
                && (i == sentence.start || matches!(word(i - 1), "not" | "up")) =>
        {
            None
        }
        // A schedule that "had been" set is one that has passed: "had been due to expire Friday".
        Some(Tense::Future) if i > 0 && word(i - 1) == "been" => Some(Tense::Past),
        // After the date, the past of a plan dates the planning: "On Friday, the
        // government planned to pay ...", "Monday, analysts expected a rise".
        Some(Tense::Future) if i >= end && matches!(word(i), "planned" | "expected") => {
            Some(Tense::Past)
        }
        // A participle after "be" is passive and takes its tense from the auxiliary: "will be
        // named", "is being traded".
        Some(Tense::Past) if i > 0 && matches!(word(i - 1), "be" | "being" | "been") => None,
        // After an article or a possessive it is an adjective: "the injured man", "a
        // still unspecified date".
        Some(Tense::Past) if determined(i) => None,
        // After a modal or "to", "hit" is the bare verb, not its past: "will hit",
        // "expected to hit".
        Some(Tense::Past)
            if word(i) == "hit"
                && i > 0
                && matches!(
                    word(i - 1),
                    "to" | "will"
                        | "would"
                        | "'ll"
                        | "shall"
                        | "can"
                        | "could"
                        | "may"
                        | "might"
                        | "should"
                        | "must"
                ) =>
        {
            None
        }
        t => t,
    };
    let best_left = (sentence.start..start)
        .rev()
        .find_map(|i| cue_at(i).map(|t| (start - i, t)));
    let best_right = (end..sentence.end).find_map(|i| cue_at(i).map(|t| (i + 1 - end, t)));
    let nearest = match (best_left, best_right) {
        (Some((dl, tl)), Some((dr, tr))) => Some(if dl <= dr { (dl, tl) } else { (dr, tr) }),
        (Some(c), None) | (None, Some(c)) => Some(c),
        (None, None) => None,
    };
    if let Some((d, t)) = nearest
        && d <= 2
    {
        return Some(t);
    }
    if best_left.is_some_and(|(_, t)| t == Tense::Future) {
        return Some(Tense::Future);
    }
    nearest.map(|(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_lowercase).collect()
    }

    #[test]
    fn the_nearest_verb_decides() {
        let w = words("He said Friday that talks will resume");
        assert_eq!(around(&w, 0..w.len(), 2, 3), Some(Tense::Past));
        let w = words("The two sides will meet on Monday");
        assert_eq!(around(&w, 0..w.len(), 6, 7), Some(Tense::Future));
        let w = words("Until Thursday , they had not called him a suspect");
        assert_eq!(around(&w, 0..w.len(), 1, 2), Some(Tense::Past));
        let w = words("The vote was postponed until Tuesday");
        assert_eq!(around(&w, 0..w.len(), 5, 6), Some(Tense::Future));
        let w = words("The storm is expected to hit on Sunday");
        assert_eq!(around(&w, 0..w.len(), 7, 8), Some(Tense::Future));
        let w = words("A memorial service is planned for Thursday");
        assert_eq!(around(&w, 0..w.len(), 6, 7), Some(Tense::Future));
        let w = words("On Friday , the council planned to pay the claims");
        assert_eq!(around(&w, 0..w.len(), 1, 2), Some(Tense::Past));
        let w = words("The council planned to pay the claims on Friday");
        assert_eq!(around(&w, 0..w.len(), 8, 9), Some(Tense::Future));
        let w = words("The index Friday is expected to show a rise");
        assert_eq!(around(&w, 0..w.len(), 2, 3), Some(Tense::Future));
        let w = words("Figures for February are expected to show a rise");
        assert_eq!(around(&w, 0..w.len(), 2, 3), Some(Tense::Present));
        let w = words("Nothing here Monday");
        assert_eq!(around(&w, 0..w.len(), 2, 3), None);
    }

    #[test]
    fn a_timetable_in_the_present_points_ahead() {
        let w = words("Talks resume Tuesday in Geneva");
        assert_eq!(around(&w, 0..w.len(), 2, 3), Some(Tense::Future));
        let w = words("The summit opens on Friday");
        assert_eq!(around(&w, 0..w.len(), 4, 5), Some(Tense::Future));
        let w = words("The truce takes effect at midnight on Monday");
        assert_eq!(around(&w, 0..w.len(), 7, 8), Some(Tense::Future));
        let w = words("He says Monday was calm");
        assert_eq!(around(&w, 0..w.len(), 2, 3), Some(Tense::Present));
        let w = words("The shops remained open Sunday");
        assert_eq!(around(&w, 0..w.len(), 4, 5), Some(Tense::Past));
        let w = words("The vote came close Friday");
        assert_eq!(around(&w, 0..w.len(), 4, 5), Some(Tense::Past));
        let w = words("Stocks did not open Friday");
        assert_eq!(around(&w, 0..w.len(), 4, 5), Some(Tense::Past));
        let w = words("In April , housing starts fell");
        assert_eq!(around(&w, 0..w.len(), 1, 2), Some(Tense::Past));
        let w = words("The pact expires in October");
        assert_eq!(around(&w, 0..w.len(), 4, 5), Some(Tense::Future));
        let w = words("Single-family starts rose from 1,100 in August");
        assert_eq!(around(&w, 0..w.len(), 6, 7), Some(Tense::Past));
        let w = words("It bought shares in a tender offer to begin Thursday");
        assert_eq!(around(&w, 0..w.len(), 9, 10), Some(Tense::Future));
        let w = words("It decided to open Thursday");
        assert_eq!(around(&w, 0..w.len(), 4, 5), Some(Tense::Past));
        let w = words("The calendar begins Tuesday with data for February");
        assert_eq!(around(&w, 0..w.len(), 3, 4), Some(Tense::Future));
        assert_eq!(around(&w, 0..w.len(), 7, 8), None);
    }
}
