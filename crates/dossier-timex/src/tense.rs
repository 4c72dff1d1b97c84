//! Which way a bare "Monday" or "November" points: the tense of the verb nearest to
//! it in its sentence. "said Monday" is the Monday before the report, "will meet on
//! Monday" the one after; a sentence without a clear cue is left to the caller.

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
    "said", "told", "was", "were", "had", "did", "went", "came", "took", "made", "gave", "met", "left", "began", "saw",
    "found", "held", "fell", "rose", "won", "lost", "sold", "bought", "paid", "led", "sent", "spent", "struck",
    "fought", "thought", "brought", "kept", "became", "ran", "shot", "hit", "broke", "spoke", "wrote", "flew", "drove",
    "knew", "grew", "threw", "stood", "sat", "got", "felt", "heard", "meant", "built", "fled", "slid", "sank", "swore",
    "woke", "ago",
];

const NOT_PAST: &[&str] = &[
    "need", "speed", "feed", "seed", "indeed", "red", "bed", "hundred", "embed", "shed", "bred", "creed", "greed",
    "steed", "deed", "weed", "united", "limited", "proceed", "succeed", "exceed", "breed",
];

/// The tense a single word signals, if any.
pub fn cue(word: &str, next: &str) -> Option<Tense> {
    match word {
        "will" | "'ll" | "shall" | "wo" | "would" | "upcoming" | "scheduled" | "expected" | "expects" | "due"
        | "until" | "soon" | "tomorrow" => Some(Tense::Future),
        // As nouns ("vacation plans", "the planned trip") these say nothing of time.
        "going" | "set" | "plans" | "plan" | "planned" | "planning" if next == "to" => Some(Tense::Future),
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
/// ("will travel to Nairobi on Tuesday"); otherwise the nearest cue, ties to the left.
pub fn around(words: &[String], sentence: std::ops::Range<usize>, start: usize, end: usize) -> Option<Tense> {
    let word = |i: usize| words.get(i).map_or("", String::as_str);
    // A schedule that "had been" set is one that has passed: "had been due to expire Friday".
    let cue_at = |i: usize| match cue(word(i), word(i + 1)) {
        Some(Tense::Future) if i > 0 && word(i - 1) == "been" => Some(Tense::Past),
        t => t,
    };
    let mut left = (sentence.start..start).rev().filter_map(|i| cue_at(i).map(|t| (start - i, t)));
    let right = (end..sentence.end).filter_map(|i| cue_at(i).map(|t| (i + 1 - end, t)));
    let best_left = left.next();
    let best_right = right.into_iter().next();
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
    let future_before = best_left.is_some_and(|(_, t)| t == Tense::Future) || left.any(|(_, t)| t == Tense::Future);
    if future_before {
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
        let w = words("Nothing here Monday");
        assert_eq!(around(&w, 0..w.len(), 2, 3), None);
    }
}
