//! The trigger lexicon: words and phrases that name an event of one type.
//!
//! The table is plain text (`triggers.txt`) so that it reads as a list and grows
//! without code; regular verb and noun forms are generated from the lemma, so the
//! table lists "attack~" once rather than attack, attacks, attacked, attacking; forms
//! that no rule derives (swore, sworn; denial) join their lemma with `|`, so the table
//! says which words are one trigger.

use crate::ontology::{Kind, kind};
use std::collections::HashMap;

/// A trigger phrase: for each word position, the forms that match there.
struct Pattern {
    words: Vec<Vec<String>>,
    kind: &'static Kind,
}

/// Trigger phrases indexed by the forms of their first word.
pub struct Lexicon {
    by_first: HashMap<String, Vec<usize>>,
    patterns: Vec<Pattern>,
}

/// A trigger found in a run of lower-case words: where it starts, how many words, its type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub start: usize,
    pub len: usize,
    pub kind: &'static Kind,
}

pub const BUILTIN: &str = include_str!("triggers.txt");

impl Lexicon {
    /// The lexicon built into dossier.
    pub fn builtin() -> Lexicon {
        Lexicon::parse(BUILTIN)
    }

    /// Reads `type: trigger trigger ...` lines; unknown types and `#` lines are skipped.
    pub fn parse(table: &str) -> Lexicon {
        let mut lexicon = Lexicon {
            by_first: HashMap::new(),
            patterns: Vec::new(),
        };
        for line in table
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let Some((name, triggers)) = line.split_once(':') else {
                continue;
            };
            let Some(kind) = kind(name.trim()) else {
                continue;
            };
            for trigger in triggers.split_whitespace().flat_map(|t| t.split('|')) {
                let words: Vec<Vec<String>> = trigger.split('_').map(forms).collect();
                let id = lexicon.patterns.len();
                for first in &words[0] {
                    lexicon.by_first.entry(first.clone()).or_default().push(id);
                }
                lexicon.patterns.push(Pattern { words, kind });
            }
        }
        lexicon
    }

    /// The longest trigger starting at `words[i]`; among equally long ones, the first listed.
    pub fn longest_at(&self, words: &[String], i: usize) -> Option<Hit> {
        let mut best: Option<Hit> = None;
        for &id in self.by_first.get(&words[i])? {
            let p = &self.patterns[id];
            let n = p.words.len();
            let fits = i + n <= words.len()
                && p.words
                    .iter()
                    .zip(&words[i..])
                    .all(|(forms, w)| forms.contains(w));
            if fits && best.is_none_or(|b| n > b.len) {
                best = Some(Hit {
                    start: i,
                    len: n,
                    kind: p.kind,
                });
            }
        }
        best
    }

    /// Every trigger in `words`, left to right, none overlapping.
    pub fn find_all(&self, words: &[String]) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut i = 0;
        while i < words.len() {
            match self.longest_at(words, i) {
                Some(hit) => {
                    hits.push(hit);
                    i += hit.len;
                }
                None => i += 1,
            }
        }
        hits
    }
}

/// A word of the table and, for `word~` and `word~~`, its regular inflections.
fn forms(word: &str) -> Vec<String> {
    let (stem, double) = match word.strip_suffix("~~") {
        Some(s) => (s, true),
        None => match word.strip_suffix('~') {
            Some(s) => (s, false),
            None => return vec![word.to_string()],
        },
    };
    let vowel = |c: char| "aeiou".contains(c);
    let last = stem.chars().last().unwrap_or('a');
    let before_last = stem.chars().rev().nth(1).unwrap_or('a');
    let mut out = vec![stem.to_string()];
    if last == 'y' && !vowel(before_last) {
        let base = &stem[..stem.len() - 1];
        out.extend([
            format!("{base}ies"),
            format!("{base}ied"),
            format!("{stem}ing"),
        ]);
    } else if last == 'e' {
        let base = if stem.ends_with("ee") {
            stem
        } else {
            &stem[..stem.len() - 1]
        };
        out.extend([format!("{stem}s"), format!("{stem}d"), format!("{base}ing")]);
    } else {
        let plural = if ["s", "x", "z", "ch", "sh"]
            .iter()
            .any(|e| stem.ends_with(e))
        {
            "es"
        } else {
            "s"
        };
        let doubled = if double {
            format!("{stem}{last}")
        } else {
            stem.to_string()
        };
        out.extend([
            format!("{stem}{plural}"),
            format!("{doubled}ed"),
            format!("{doubled}ing"),
        ]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn inflects_lemmas() {
        assert_eq!(
            forms("attack~"),
            ["attack", "attacks", "attacked", "attacking"]
        );
        assert_eq!(forms("ban~~"), ["ban", "bans", "banned", "banning"]);
        assert_eq!(forms("agree~"), ["agree", "agrees", "agreed", "agreeing"]);
        assert_eq!(forms("bury~"), ["bury", "buries", "buried", "burying"]);
        assert_eq!(forms("shot"), ["shot"]);
    }

    #[test]
    fn prefers_the_longest_trigger() {
        let lex = Lexicon::builtin();
        let hits = lex.find_all(&words(
            "militants opened fire and an air strike hit a hunger strike",
        ));
        let names: Vec<_> = hits.iter().map(|h| (h.start, h.kind.name)).collect();
        assert_eq!(
            names,
            [(1, "shooting"), (5, "airstrike"), (9, "hunger_strike")]
        );
    }

    #[test]
    fn a_lemma_family_matches_every_form_it_joins() {
        let lex = Lexicon::parse("rejection: deny|denied|denial~");
        for w in ["deny", "denied", "denials"] {
            assert!(lex.longest_at(&words(w), 0).is_some(), "{w}");
        }
    }

    #[test]
    fn every_line_names_a_known_type() {
        for line in include_str!("triggers.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && l.contains(':'))
        {
            let name = line.split(':').next().unwrap();
            assert!(kind(name).is_some(), "unknown type {name}");
        }
    }
}
