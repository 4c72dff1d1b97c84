//! An averaged perceptron that codes a report's main event in ACLED's sub-event types.
//!
//! The trigger rules find *what happened*; ACLED's coding also depends on who it
//! happened to and how it ended (an attack on soldiers is a battle, a protest that
//! police broke up is "Protest with intervention"), which a bag of words over the
//! report captures better than more rules. The rules' own reading is one of the
//! features, so the model learns where to trust them. Trained by the project's
//! `train_acled` example, on the full engine's reading of ACLED notes; the weights are a
//! small gzipped text table.

use dossier_core::{Document, Event};
use flate2::read::GzDecoder;
use std::collections::HashMap;
use std::io::Read;

/// Sentences of a report the model reads: coder notes are this short, and in a long
/// report the rest is mostly background.
const READ_SENTENCES: usize = 4;

/// Whether the model should code a report's main event. It knows the violence, protest
/// and unrest that ACLED records, in the short form of a coder's note, so it codes
/// note-length reports that mention some early on. Long articles, and reports of
/// diplomacy, keep the rules' crosswalk.
pub fn applies(doc: &Document) -> bool {
    let unrest = |e: &Event| {
        let violent = crate::ontology::kind(&e.kind).is_some_and(|k| k.weight >= 3);
        let code = e.acled.as_ref().is_some_and(|a| {
            matches!(
                a.sub_event_type.as_str(),
                "Arrests" | "Looting/property destruction" | "Disrupted weapons use"
            )
        });
        violent || code
    };
    let early = doc
        .sentences
        .get(1)
        .or(doc.sentences.first())
        .map_or(0, |s| s.span.end);
    let note = doc.sentences.len() <= READ_SENTENCES;
    note && doc
        .events
        .iter()
        .any(|e| e.trigger.start < early && unrest(e))
}

/// The features of a report and its main event as the rules read it.
pub fn features(doc: &Document, main: &Event) -> Vec<String> {
    let mut out = vec![format!("k:{}", main.kind), "bias".to_string()];
    if let Some(a) = &main.acled {
        out.push(format!("s:{}", a.sub_event_type));
    }
    if main.fatalities.unwrap_or(0) > 0 {
        out.push("fatal".to_string());
    }
    for e in doc.events.iter().skip(1) {
        out.push(format!("a:{}", e.kind));
    }
    let first = doc.sentences.first().map(|s| s.tokens()).unwrap_or(0..0);
    let read = doc
        .sentences
        .get(READ_SENTENCES - 1)
        .or(doc.sentences.last())
        .map_or(0, |s| s.end_token as usize);
    let own = doc
        .sentence_at(main.trigger.start)
        .map(|s| doc.sentences[s].tokens())
        .unwrap_or(0..0);
    let word = |i: usize| {
        let w = doc.token_str(i).to_lowercase();
        w.chars().any(char::is_alphabetic).then_some(w)
    };
    for i in (0..read).chain(own.filter(|&i| i >= read)) {
        let Some(w) = word(i) else { continue };
        out.push(format!("w:{w}"));
        if first.contains(&i) {
            out.push(format!("f:{w}"));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A multi-class linear model: a weight per (feature, class).
#[derive(Debug, Default, Clone)]
pub struct Perceptron {
    classes: Vec<String>,
    weights: HashMap<String, Vec<f32>>,
}

impl Perceptron {
    /// Trains on the features seen in at least `min_notes` examples (rarer words are
    /// names and typos, which the model would only memorise); examples without
    /// features are not the model's to code and are left out.
    pub fn train_pruned(
        mut examples: Vec<(Vec<String>, String)>,
        min_notes: usize,
        epochs: usize,
    ) -> Perceptron {
        examples.retain(|(feats, _)| !feats.is_empty());
        let mut seen = HashMap::<String, usize>::new();
        for f in examples.iter().flat_map(|(feats, _)| feats) {
            *seen.entry(f.clone()).or_default() += 1;
        }
        for (feats, _) in &mut examples {
            feats.retain(|f| seen[f] >= min_notes);
        }
        Perceptron::train(&examples, epochs)
    }

    /// Trains on `(features, class)` pairs for `epochs` passes, averaging the weights
    /// over every step (which keeps late, lucky updates from dominating).
    pub fn train(examples: &[(Vec<String>, String)], epochs: usize) -> Perceptron {
        let mut classes: Vec<String> = examples.iter().map(|(_, c)| c.clone()).collect();
        classes.sort();
        classes.dedup();
        let n = classes.len();
        let class_of = |c: &str| classes.iter().position(|x| x == c).unwrap();
        let mut w: HashMap<&str, Vec<f32>> = HashMap::new();
        let mut total: HashMap<&str, Vec<f32>> = HashMap::new();
        let mut stamp: HashMap<&str, Vec<u32>> = HashMap::new();
        let mut step = 0u32;
        // A fixed, data-independent order: reproducible without a random generator.
        let mut order: Vec<usize> = (0..examples.len()).collect();
        for epoch in 0..epochs {
            order.sort_by_key(|&i| (i * 7919 + epoch * 104_729) % examples.len().max(1));
            for &i in &order {
                step += 1;
                let (feats, gold) = &examples[i];
                let gold = class_of(gold);
                let scores = score(&w, feats.iter().map(String::as_str), n);
                let guess = argmax(&scores);
                if guess == gold {
                    continue;
                }
                for f in feats {
                    let wf = w.entry(f.as_str()).or_insert_with(|| vec![0.0; n]);
                    let tf = total.entry(f.as_str()).or_insert_with(|| vec![0.0; n]);
                    let sf = stamp.entry(f.as_str()).or_insert_with(|| vec![0; n]);
                    for (c, delta) in [(gold, 1.0), (guess, -1.0)] {
                        tf[c] += (step - sf[c]) as f32 * wf[c];
                        sf[c] = step;
                        wf[c] += delta;
                    }
                }
            }
        }
        let weights = w
            .into_iter()
            .map(|(f, wf)| {
                let (tf, sf) = (&total[f], &stamp[f]);
                let avg = (0..n)
                    .map(|c| (tf[c] + (step - sf[c]) as f32 * wf[c]) / step as f32)
                    .collect();
                (f.to_string(), avg)
            })
            .collect();
        Perceptron { classes, weights }
    }

    /// The best class for `features`, or `None` for an empty model.
    pub fn predict(&self, features: &[String]) -> Option<&str> {
        if self.classes.is_empty() {
            return None;
        }
        let scores = score(
            &self.weights,
            features.iter().map(String::as_str),
            self.classes.len(),
        );
        Some(&self.classes[argmax(&scores)])
    }

    /// The model as text: a line of classes, then `feature<TAB>w1 w2 ...` lines, with
    /// near-zero features left out.
    pub fn to_text(&self) -> String {
        let mut lines: Vec<String> = self
            .weights
            .iter()
            .filter(|(_, w)| w.iter().any(|x| x.abs() >= 0.005))
            .map(|(f, w)| {
                let ws: Vec<String> = w.iter().map(|x| format!("{x:.3}")).collect();
                format!("{f}\t{}", ws.join(" "))
            })
            .collect();
        lines.sort();
        format!("{}\n{}\n", self.classes.join("\t"), lines.join("\n"))
    }

    pub fn from_text(text: &str) -> Option<Perceptron> {
        let mut lines = text.lines();
        let classes: Vec<String> = lines.next()?.split('\t').map(str::to_string).collect();
        let mut weights = HashMap::new();
        for line in lines.filter(|l| !l.is_empty()) {
            let (f, ws) = line.split_once('\t')?;
            let ws: Vec<f32> = ws
                .split(' ')
                .map(|x| x.parse().ok())
                .collect::<Option<_>>()?;
            if ws.len() != classes.len() {
                return None;
            }
            weights.insert(f.to_string(), ws);
        }
        Some(Perceptron { classes, weights })
    }

    /// Reads a gzipped model; `None` when the bytes are not one.
    pub fn from_gzip(bytes: &[u8]) -> Option<Perceptron> {
        let mut text = String::new();
        GzDecoder::new(bytes).read_to_string(&mut text).ok()?;
        Perceptron::from_text(&text)
    }
}

fn score<'a, K>(
    weights: &HashMap<K, Vec<f32>>,
    features: impl Iterator<Item = &'a str>,
    n: usize,
) -> Vec<f32>
where
    K: std::borrow::Borrow<str> + std::hash::Hash + Eq,
{
    let mut s = vec![0.0; n];
    for f in features {
        if let Some(w) = weights.get(f) {
            s.iter_mut().zip(w).for_each(|(a, b)| *a += b);
        }
    }
    s
}

fn argmax(scores: &[f32]) -> usize {
    (0..scores.len()).fold(0, |best, i| if scores[i] > scores[best] { i } else { best })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(words: &str, class: &str) -> (Vec<String>, String) {
        (
            words.split(' ').map(str::to_string).collect(),
            class.to_string(),
        )
    }

    #[test]
    fn learns_separable_classes_and_round_trips_as_text() {
        let data = [
            ex("march banner", "protest"),
            ex("shell mortar", "shelling"),
            ex("banner crowd", "protest"),
        ];
        let model = Perceptron::train(&data, 5);
        let back = Perceptron::from_text(&model.to_text()).unwrap();
        for m in [&model, &back] {
            assert_eq!(m.predict(&["mortar".to_string()]), Some("shelling"));
            assert_eq!(m.predict(&["crowd".to_string()]), Some("protest"));
        }
    }
}
