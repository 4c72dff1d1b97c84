//! Events: who did what to whom, where and when, read from triggers in the text.
//!
//! A trigger lexicon ([`lexicon`]) finds the words that name events; context rules then
//! settle the type (a captured *village* is territory, not prisoners; a killed *soldier*
//! is a clash, not violence against civilians), the modality ("plans to", "did not",
//! inside someone's claim) and the roles: actors are the named participants before the
//! trigger in its clause, targets those after it. Each type carries its PLOVER and ACLED
//! codes ([`ontology`]). The first event of `doc.events` is the report's main event:
//! the earliest substantive event of the earliest sentence that has one.
//!
//! The stage reads the mentions, places, times, quantities and claims of the other
//! stages but works, with less detail, when any of them is empty.

pub mod classify;
mod lexicon;
pub mod ontology;
mod roles;

use dossier_core::{
    AcledCode, ClaimId, Document, Event, Layer, Modality, PloverCode, QuantityId, Span, Stage,
    Telling, TimeId, TimexType,
};
use lexicon::{Hit, Lexicon};
use ontology::{Kind, kind};

/// The ACLED sub-event model; see `models/events/PROVENANCE.md`.
const ACLED_MODEL: &[u8] = include_bytes!("../../../models/events/acled-perceptron.tsv.gz");

/// Finds events with a trigger lexicon and, when it has one, codes the main event in
/// ACLED's types with a learned model.
pub struct EventStage {
    lexicon: Lexicon,
    acled: Option<classify::Perceptron>,
}

impl Default for EventStage {
    fn default() -> Self {
        EventStage::load()
    }
}

impl EventStage {
    /// The built-in lexicon and ACLED model.
    pub fn load() -> EventStage {
        let model = classify::Perceptron::from_gzip(ACLED_MODEL);
        EventStage {
            acled: model,
            ..EventStage::rules_only()
        }
    }

    /// The built-in lexicon with `model` coding the main event in ACLED's types.
    pub fn with_acled(model: classify::Perceptron) -> EventStage {
        EventStage {
            acled: Some(model),
            ..EventStage::rules_only()
        }
    }

    /// The built-in lexicon without the ACLED model: the rules' own crosswalk.
    pub fn rules_only() -> EventStage {
        EventStage {
            lexicon: Lexicon::builtin(),
            acled: None,
        }
    }

    /// A lexicon read from a table in the format of the built-in `triggers.txt`.
    pub fn with_triggers(table: &str) -> EventStage {
        EventStage {
            lexicon: Lexicon::parse(table),
            acled: None,
        }
    }

    /// The built-in trigger table.
    pub fn builtin_triggers() -> &'static str {
        lexicon::BUILTIN
    }
}

impl Stage for EventStage {
    fn name(&self) -> &'static str {
        "events"
    }

    fn needs(&self) -> &'static [Layer] {
        &[
            Layer::Mentions,
            Layer::Entities,
            Layer::Times,
            Layer::Places,
            Layer::Quantities,
            Layer::Claims,
        ]
    }

    fn adds(&self) -> &'static [Layer] {
        &[Layer::Events]
    }

    fn run(&self, doc: &mut Document) {
        let words: Vec<String> = (0..doc.tokens.len())
            .map(|i| doc.token_str(i).to_lowercase())
            .collect();
        let mut found: Vec<Found> = Vec::new();
        for (s, sentence) in doc.sentences.iter().enumerate() {
            let range = sentence.tokens();
            let hits: Vec<Hit> = self
                .lexicon
                .find_all(&words[range.clone()])
                .into_iter()
                .map(|h| Hit {
                    start: h.start + range.start,
                    ..h
                })
                .filter(|h| !is_false_trigger(doc, &words, range.start, h))
                .collect();
            let lead = leading_adverbial(&words[range.clone()]).map_or(0, |n| range.start + n);
            for k in 0..hits.len() {
                let context = Context {
                    doc,
                    words: &words,
                    sentence: s,
                    hits: &hits,
                    index: k,
                };
                found.push(Found {
                    sentence: s,
                    background: hits[k].start < lead,
                    event: context.event(),
                });
            }
        }
        prune(doc, &words, &mut found);
        if let Some(m) = main_event(&found) {
            let mut event = found.remove(m).event;
            refine_main(doc, &words, &mut event);
            doc.events.push(event);
        }
        doc.events.extend(found.into_iter().map(|f| f.event));
        settle_places(doc);
        if let (Some(model), Some(main)) = (
            &self.acled,
            doc.events.first().filter(|_| classify::applies(doc)),
        ) {
            let coded = model
                .predict(&classify::features(doc, main))
                .and_then(|c| c.split_once('|'));
            if let Some((event_type, sub_event_type)) = coded {
                let code = AcledCode {
                    event_type: event_type.to_string(),
                    sub_event_type: sub_event_type.to_string(),
                };
                doc.events[0].acled = Some(code);
            }
        }
    }
}

/// Lexicon matches that name no event here: "riot police", "the killing of" in a protest's cause.
fn is_false_trigger(doc: &Document, words: &[String], first: usize, hit: &Hit) -> bool {
    // A capitalised word inside a sentence is part of a name: "Amnesty International",
    // "Asia-Pacific Economic Cooperation", "Friendship Bridge".
    let capitalised = |i: usize| {
        let w = doc.token_str(i);
        w.chars().next().is_some_and(char::is_uppercase) && w.chars().any(char::is_lowercase)
    };
    let in_name = capitalised(hit.start)
        && (hit.start > first
            || doc
                .tokens
                .get(hit.start + hit.len)
                .is_some_and(|_| capitalised(hit.start + hit.len)));
    if in_name {
        return true;
    }
    let next = words
        .get(hit.start + hit.len)
        .map(String::as_str)
        .unwrap_or("");
    let prev = if hit.start > 0 {
        words[hit.start - 1].as_str()
    } else {
        ""
    };
    let word = words[hit.start].as_str();
    let after = |n: usize| {
        &words[(hit.start + hit.len).min(words.len())..(hit.start + hit.len + n).min(words.len())]
    };
    // "usually execute their wounded": a habit described, not an event that happened.
    if matches!(prev, "usually" | "habitually") {
        return true;
    }
    match hit.kind.name {
        // "battle zones", "combat troops": a noun that names a kind of thing.
        "armed_clash" if matches!(word, "battle" | "combat") => matches!(
            next,
            "zone"
                | "zones"
                | "field"
                | "fields"
                | "lines"
                | "ground"
                | "tank"
                | "tanks"
                | "gear"
                | "uniform"
                | "uniforms"
                | "experience"
                | "readiness"
                | "training"
                | "troops"
                | "units"
                | "aircraft"
                | "jets"
                | "helicopters"
                | "group"
                | "groups"
        ),
        // "border patrol agents", "patrol boats": the people or craft that patrol.
        "deployment" if word.starts_with("patrol") => matches!(
            next,
            "agent"
                | "agents"
                | "officer"
                | "officers"
                | "guard"
                | "guards"
                | "boat"
                | "boats"
                | "car"
                | "cars"
                | "vehicle"
                | "vehicles"
                | "unit"
                | "units"
        ),
        // "soldiers fighting on the Russian side": a participle that describes a group.
        "armed_clash" if word.ends_with("ing") && is_plural_noun(prev) => true,
        // "to help push back the offensive": help is the auxiliary of another verb.
        "aid" if matches!(word, "help" | "helps" | "helped" | "assist") => {
            HELPED_VERBS.contains(&next)
        }
        // "give reporters access", "receive treatment": no aid given or visit hosted.
        "aid" if matches!(word, "give" | "gave" | "given" | "giving") => after(3).iter().any(|w| {
            matches!(
                w.as_str(),
                "access" | "permission" | "interview" | "interviews"
            )
        }),
        "hosting" if word.starts_with("receiv") => matches!(
            next,
            "treatment" | "medical" | "care" | "calls" | "reports" | "information" | "training"
        ),
        "riot" => matches!(
            next,
            "police" | "gear" | "squad" | "squads" | "act" | "control" | "shields"
        ),
        "protest" => {
            matches!(word, "march") && next.chars().next().is_some_and(|c| c.is_ascii_digit())
                || matches!(prev, "in") && word == "march"
        }
        // "The strike destroyed the silos": a strike that does harm is no walkout.
        "strike" => {
            matches!(
                prev,
                "air" | "drone" | "missile" | "first" | "preemptive" | "pre-emptive"
            ) || matches!(
                next,
                "destroyed"
                    | "damaged"
                    | "hit"
                    | "killed"
                    | "wounded"
                    | "injured"
                    | "targeted"
                    | "left"
                    | "flattened"
                    | "levelled"
                    | "leveled"
                    | "struck"
            )
        }
        // "return to Geneva": going back, not handing something back.
        "release" if word.starts_with("return") => {
            matches!(next, "to" | "home" | "from" | "back")
        }
        // "a press release": a statement, not a release.
        "release" if matches!(prev, "press" | "news") => true,
        "aid" | "support" | "release" | "concession" | "statement" => {
            matches!(
                next,
                "workers" | "worker" | "agency" | "agencies" | "group" | "groups" | "convoy"
            )
        }
        _ => false,
    }
}

/// Verbs that "help" can govern bare: "help push back", "help rebuild".
const HELPED_VERBS: &[&str] = &[
    "push", "build", "rebuild", "fight", "defend", "secure", "repel", "restore", "ensure",
    "prevent", "stop", "end", "protect", "drive", "hold", "maintain", "keep", "make", "bring",
];

/// A plural common noun, by its ending: "soldiers", "countries"; not "is", "this", "its".
fn is_plural_noun(word: &str) -> bool {
    word.len() > 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("'s")
        && !matches!(
            word,
            "this"
                | "thus"
                | "was"
                | "has"
                | "does"
                | "always"
                | "perhaps"
                | "whereas"
                | "besides"
                | "sometimes"
        )
}

/// An event as found, before the main one is chosen.
struct Found {
    sentence: usize,
    /// Inside a sentence's leading adverbial ("Despite warnings of ..., ").
    background: bool,
    event: Event,
}

/// How many words a sentence's leading adverbial phrase takes, up to its comma:
/// "After the talks collapsed, ...", "In a letter handed over on Monday, ...".
fn leading_adverbial(words: &[String]) -> Option<usize> {
    let opener = [
        "despite",
        "after",
        "following",
        "amid",
        "in",
        "with",
        "under",
        "while",
        "since",
        "before",
        "as",
    ];
    if !opener.contains(&words.first()?.as_str()) {
        return None;
    }
    words.iter().position(|w| w == ",")
}

/// Reports longer than this many sentences keep no bare statement events: the claims
/// layer already holds who said what, and a news article's "said" is not its news.
const SHORT_REPORT: usize = 4;

/// Cuts the events a reader would call noise: a statement beside a substantive event
/// (or anywhere in a long report), a second trigger of the same type in one sentence
/// ("clashes on the field of battle", merged into the first), a later mention of an
/// event already told ("the troops' capture"), and a purpose clause of a deployment or
/// aid ("sent troops to assist Russia"). An event told again in another sentence
/// ([`same_event`]) is merged into its first telling.
fn prune(doc: &Document, words: &[String], found: &mut Vec<Found>) {
    let long = doc.sentences.len() > SHORT_REPORT;
    let substantive: Vec<usize> = found
        .iter()
        .filter(|f| f.event.kind != "statement")
        .map(|f| f.sentence)
        .collect();
    let mut kept: Vec<Found> = Vec::with_capacity(found.len());
    for f in found.drain(..) {
        if f.event.kind == "statement" && (long || substantive.contains(&f.sentence)) {
            continue;
        }
        let first = doc.tokens_in(f.event.trigger).start;
        let prev = first.checked_sub(1).map_or("", |i| words[i].as_str());
        if let Some(same) = kept.iter_mut().find(|k| {
            k.sentence == f.sentence && k.event.kind == f.event.kind && k.background == f.background
        }) {
            merge_roles(&mut same.event, f.event);
            continue;
        }
        if let Some(same) = kept
            .iter_mut()
            .find(|k| k.sentence != f.sentence && same_event(doc, &k.event, &f.event))
        {
            let telling = Telling {
                evidence: f.event.evidence,
                claim: f.event.claim,
            };
            same.event.retold.push(telling);
            merge_roles(&mut same.event, f.event);
            continue;
        }
        let told = kept.iter().any(|k| k.event.kind == f.event.kind);
        let nominal = matches!(
            prev,
            "the" | "this" | "that" | "their" | "its" | "his" | "her" | "'" | "’" | "'s" | "’s"
        );
        if told && nominal && f.event.kind != "statement" {
            continue;
        }
        // "since Russia's full-scale invasion": an event named to date another.
        let since = words[first.saturating_sub(4)..first]
            .iter()
            .any(|w| w == "since");
        if since {
            continue;
        }
        let purpose = prev == "to"
            && kept.iter().any(|k| {
                k.sentence == f.sentence
                    && matches!(k.event.kind.as_str(), "deployment" | "aid")
                    && first.saturating_sub(doc.tokens_in(k.event.trigger).end) <= 8
            });
        if purpose {
            continue;
        }
        kept.push(f);
    }
    *found = kept;
}

/// Gives an event whose only place names its actor ("Ukraine's military reported
/// clashes") the main event's place: the report's setting, rather than the actor's home.
fn settle_places(doc: &mut Document) {
    let Some(setting) = doc.events.first().and_then(|e| e.place) else {
        return;
    };
    for i in 1..doc.events.len() {
        let e = &doc.events[i];
        let acting = e.place.is_some_and(|p| {
            let span = doc.places[p.index()].span;
            e.actors.iter().any(|a| a.span.contains(span))
        });
        if acting {
            doc.events[i].place = Some(setting);
        }
    }
}

/// Whether two events of different sentences are one event told twice: the same type
/// and modality, dates and places that agree (or are missing), and a participant or
/// the place in common. "Ukraine's military captured two soldiers in Kursk" and, in a
/// quoted post, "Our soldiers have captured North Korean personnel in the Kursk region".
fn same_event(doc: &Document, a: &Event, b: &Event) -> bool {
    let told = |m: Modality| matches!(m, Modality::Asserted | Modality::Claimed);
    let modality = a.modality == b.modality || told(a.modality) && told(b.modality);
    let dates = match (&a.date, &b.date) {
        (Some(x), Some(y)) => x.starts_with(y.as_str()) || y.starts_with(x.as_str()),
        _ => true,
    };
    let place = |e: &Event| e.place.map(|p| &doc.places[p.index()]);
    let (pa, pb) = (place(a), place(b));
    let places = match (pa, pb) {
        (Some(x), Some(y)) => x.name == y.name && x.country == y.country,
        _ => true,
    };
    let same_place = pa.is_some() && pb.is_some() && places;
    let alike = |p: &dossier_core::Participant, q: &dossier_core::Participant| {
        p.entity.is_some() && p.entity == q.entity
            || p.country.is_some() && p.country == q.country
            || doc.str(p.span).eq_ignore_ascii_case(doc.str(q.span))
    };
    let shared = a
        .targets
        .iter()
        .any(|p| b.targets.iter().any(|q| alike(p, q)))
        || a.actors
            .iter()
            .any(|p| b.actors.iter().any(|q| alike(p, q)));
    a.kind == b.kind
        && kind(&a.kind).is_some_and(|k| k.weight > 0)
        && modality
        && dates
        && places
        && (shared || same_place)
}

/// Adds the participants of `other`, a second trigger of the same event, to `event`:
/// its actors only if `event` has none ("fired at soldiers in combat": the soldiers
/// are not also the ones firing), its targets unless already one side.
fn merge_roles(event: &mut Event, other: Event) {
    if event.actors.is_empty() {
        event.actors = other.actors;
    }
    for p in other.targets {
        let known = event
            .actors
            .iter()
            .chain(&event.targets)
            .any(|q| q.span.overlaps(p.span) || q.entity.is_some() && q.entity == p.entity);
        if !known {
            event.targets.push(p);
        }
    }
    event.fatalities = event.fatalities.or(other.fatalities);
}

/// The index of the report's main event: the earliest substantive event of the first
/// sentence that has one (looking at the first three), preferring the main clause to a
/// leading adverbial; else the earliest substantive event anywhere, else the first event.
fn main_event(found: &[Found]) -> Option<usize> {
    let weight = |f: &Found| kind(&f.event.kind).map_or(0, |k| k.weight);
    let substantive: Vec<usize> = (0..found.len())
        .filter(|&i| weight(&found[i]) > 0)
        .collect();
    match substantive.first().map(|&i| found[i].sentence) {
        Some(s) if s < 3 => {
            let mut in_sentence = substantive
                .iter()
                .copied()
                .filter(|&i| found[i].sentence == s);
            let first = in_sentence.clone().next();
            in_sentence.find(|&i| !found[i].background).or(first)
        }
        Some(_) => substantive.first().copied(),
        None => (!found.is_empty()).then_some(0),
    }
}

/// Facts about the whole report that the main event takes: the deaths its first
/// sentences tell of, an ACLED note's closing "2 fatalities", a protest police broke up.
fn refine_main(doc: &Document, words: &[String], event: &mut Event) {
    if kind(&event.kind).is_some_and(|k| k.weight >= 3 && k.plover != "PROTEST") {
        let counts: Vec<u32> = (0..doc.sentences.len().min(3))
            .filter_map(|s| roles::fatalities(doc, words, s))
            .collect();
        if !counts.is_empty() {
            event.fatalities = Some(counts.iter().sum());
        }
        if let Some(n) = roles::stated_fatalities(doc, words) {
            event.fatalities = Some(n);
        }
    }
    if matches!(
        event.kind.as_str(),
        "protest" | "strike" | "obstruction" | "hunger_strike"
    ) {
        let has = |cues: &[&str]| {
            words.windows(2).any(|w| {
                cues.contains(&w[0].as_str())
                    || cues.contains(&format!("{} {}", w[0], w[1]).as_str())
            })
        };
        let refined = if has(PROTEST_SHOT) {
            "excessive_force"
        } else if has(PROTEST_VIOLENCE) {
            "riot"
        } else if has(PROTEST_POLICED) {
            "protest_intervention"
        } else {
            ""
        };
        if let Some(k) = kind(refined) {
            set_kind(event, k, false, false);
        }
    }
}

/// The words for soldiers that make a sending a deployment.
const TROOPS: &[&str] = &[
    "troops",
    "soldiers",
    "forces",
    "personnel",
    "units",
    "fighters",
    "battalions",
    "brigades",
    "servicemen",
    "mercenaries",
];

/// Verbs that lift a restriction: "lifted the curfew", "eased sanctions".
const EASE: &[&str] = &[
    "lift",
    "lifts",
    "lifted",
    "lifting",
    "ease",
    "eases",
    "eased",
    "easing",
    "cancel",
    "cancels",
    "cancelled",
    "canceled",
    "relax",
    "relaxed",
    "relaxes",
    "shorten",
    "shortened",
    "shortens",
    "scrap",
    "scrapped",
    "scraps",
    "revoke",
    "revoked",
    "revokes",
    "remove",
    "removed",
    "removes",
    "removing",
    "loosen",
    "loosened",
    "rescind",
    "rescinded",
    "end",
    "ended",
    "ends",
    "ending",
];

/// Restrictions one can lift.
const RESTRICTIONS: &[&str] = &[
    "restriction",
    "restrictions",
    "curfew",
    "ban",
    "sanctions",
    "embargo",
    "blockade",
    "siege",
    "lockdown",
    "controls",
];

/// Verbs that cut a tie or call off a contact: "halted aid", "cancelled a planned visit".
const CUT: &[&str] = &[
    "halt",
    "halted",
    "halts",
    "halting",
    "suspend",
    "suspended",
    "suspends",
    "suspending",
    "cut",
    "cuts",
    "cutting",
    "froze",
    "freezes",
    "freeze",
    "frozen",
    "ended",
    "ends",
    "end",
    "stopped",
    "stops",
    "withheld",
    "withholds",
    "cancelled",
    "canceled",
    "cancels",
    "called",
    "severed",
    "severs",
];

/// Whether a word is about finding out: inspectors, investigate, monitoring.
fn finding(word: &str) -> bool {
    ["inspect", "investigat", "monitor"]
        .iter()
        .any(|stem| word.starts_with(stem))
}

/// People a state sends abroad and can call back: withdrawing them is a sanction.
const ENVOYS: &[&str] = &[
    "inspectors",
    "observers",
    "monitors",
    "peacekeepers",
    "peacekeeping",
    "workers",
    "ambassador",
    "envoy",
    "diplomats",
    "staff",
    "mission",
];

/// What states give and can deny one another.
const EXCHANGES: &[&str] = &[
    "aid",
    "trade",
    "imports",
    "exports",
    "flights",
    "travel",
    "entry",
    "visas",
    "visa",
    "investment",
    "investments",
    "loans",
    "arms",
];

/// Property that can be blown up without attacking anyone.
const PROPERTY: &[&str] = &[
    "line",
    "lines",
    "bridge",
    "bridges",
    "pipeline",
    "pipelines",
    "building",
    "buildings",
    "house",
    "houses",
    "homes",
    "tower",
    "towers",
    "railway",
    "railways",
    "tracks",
    "station",
    "stations",
    "office",
    "offices",
    "plant",
    "statue",
    "monument",
    "depot",
    "pylon",
    "pylons",
];

/// Goods that are given, not released.
const GOODS: &[&str] = &[
    "medicine",
    "medicines",
    "food",
    "supplies",
    "aid",
    "grain",
    "flour",
    "equipment",
    "vaccines",
    "tents",
    "blankets",
    "fuel",
    "water",
    "funds",
    "money",
    "kg",
    "tons",
    "tonnes",
];

/// Words that turn a protest into another ACLED type: shots at it, violence by it, police breaking it up.
const PROTEST_SHOT: &[&str] = &[
    "live bullets",
    "live ammunition",
    "shot dead",
    "opened fire",
];
const PROTEST_VIOLENCE: &[&str] = &[
    "threw stones",
    "hurled stones",
    "pelted",
    "burning tires",
    "burning tyres",
    "torched",
    "vandalised",
    "vandalized",
    "molotov",
    "set fire",
    "stones at",
    "rocks at",
];
const PROTEST_POLICED: &[&str] = &[
    "dispersed",
    "disperse",
    "tear gas",
    "teargas",
    "arrested",
    "detained",
    "water cannon",
    "baton",
    "batons",
    "lathi",
];

/// Gives `event` the type `k` and its codes. A bare statement has no PLOVER code:
/// PLOVER dropped CAMEO's "make a public statement", so saying is not an event there.
fn set_kind(event: &mut Event, k: &'static Kind, future: bool, conditional: bool) {
    event.kind = k.name.to_string();
    event.plover =
        (k.name != "statement").then(|| plover_code(k, event.modality, future, conditional));
    event.acled = Some(AcledCode {
        event_type: k.acled.0.to_string(),
        sub_event_type: k.acled.1.to_string(),
    });
}

/// The PLOVER code of an event of type `k`: a promised or offered good deed is an
/// AGREE, a conditional or announced harm a THREATEN, a refused one a REJECT.
fn plover_code(k: &Kind, modality: Modality, future: bool, conditional: bool) -> PloverCode {
    let future = future || modality == Modality::Hypothetical;
    let cooperative = matches!(
        k.plover,
        "AGREE" | "CONCEDE" | "RETREAT" | "AID" | "SUPPORT" | "COOPERATE" | "CONSULT"
    );
    let event_type = match (k.plover, modality) {
        ("REJECT" | "THREATEN" | "REQUEST" | "ACCUSE", _) => k.plover,
        (_, Modality::Negated) if future => "REJECT",
        // "failed to reach agreement", "refused to withdraw": cooperation refused.
        (_, Modality::Negated) if cooperative => "REJECT",
        ("AGREE", _) => k.plover,
        (_, Modality::Negated | Modality::Denied) => k.plover,
        ("ASSAULT" | "COERCE" | "SANCTION" | "PROTEST", _) if future => "THREATEN",
        // "would meet the envoy if he gave them a veto": a conditional offer.
        (_, _) if future && cooperative => "AGREE",
        (_, _) if future && conditional => "THREATEN",
        ("MOBILIZE", _) if future => "AGREE",
        _ => k.plover,
    };
    let mode = if event_type == k.plover {
        k.plover_mode.map(str::to_string)
    } else {
        None
    };
    PloverCode {
        event_type: event_type.to_string(),
        mode,
    }
}

/// One trigger in its sentence, with what the event needs to read its surroundings.
struct Context<'a> {
    doc: &'a Document,
    words: &'a [String],
    sentence: usize,
    hits: &'a [Hit],
    index: usize,
}

impl Context<'_> {
    fn hit(&self) -> Hit {
        self.hits[self.index]
    }

    fn trigger(&self) -> Span {
        let h = self.hit();
        let t = &self.doc.tokens;
        t[h.start].span.cover(t[h.start + h.len - 1].span)
    }

    fn event(&self) -> Event {
        let sentence = self.doc.sentences[self.sentence];
        let trigger = self.trigger();
        let (modality, future, claim) = self.modality(trigger);
        let conditional = self.sentence_words().any(|w| w == "unless" || w == "if");
        let roles = roles::Roles::read(self);
        let k = self.framed().unwrap_or_else(|| self.refine(&roles));
        let quantities = self.quantities();
        let place = roles::place(self.doc, sentence.span, trigger, &roles.actors);
        let mut event = Event {
            kind: String::new(),
            trigger,
            plover: None,
            acled: None,
            actors: roles.actors,
            targets: roles.targets,
            place,
            time: self.time(trigger),
            date: None,
            fatalities: roles::fatalities(self.doc, self.words, self.sentence),
            quantities,
            modality,
            claim,
            evidence: sentence.span,
            retold: Vec::new(),
        };
        event.date = self.date(event.time);
        set_kind(&mut event, k, future, conditional);
        if k.name == "agreement" && self.signed() {
            let support = kind("support").unwrap_or(k);
            event.plover = Some(plover_code(support, modality, future, conditional));
        }
        event
    }

    /// Whether the trigger names a formal agreement that is signed in its sentence.
    /// PLOVER, after CAMEO, files signing a formal agreement under SUPPORT (diplomatic
    /// cooperation) and agreeing, promising or offering to do something under AGREE.
    fn signed(&self) -> bool {
        let word = self.words[self.hit().start].as_str();
        let formal = word.starts_with("sign")
            || matches!(
                word,
                "agreement"
                    | "agreements"
                    | "accord"
                    | "accords"
                    | "deal"
                    | "deals"
                    | "pact"
                    | "pacts"
                    | "treaty"
                    | "treaties"
                    | "memorandum"
                    | "convention"
            );
        formal
            && self.sentence_words().any(|w| {
                matches!(
                    w,
                    "signed" | "sign" | "signs" | "signing" | "inked" | "ratified" | "ratifies"
                )
            })
    }

    fn sentence_words(&self) -> impl Iterator<Item = &str> {
        self.words[self.doc.sentences[self.sentence].tokens()]
            .iter()
            .map(String::as_str)
    }

    /// Context rules that change the lexicon's type.
    fn refine(&self, roles: &roles::Roles) -> &'static Kind {
        let k = self.hit().kind;
        // The object: the words after the trigger up to the first preposition.
        let after = self.words_after(6);
        let object: Vec<&String> = after
            .iter()
            .take_while(|w| *w == "of" || !roles::LOCATIVE.contains(&w.as_str()))
            .collect();
        let any = |list: &[&str]| object.iter().any(|w| list.contains(&w.as_str()));
        let word = self.words[self.hit().start].as_str();
        let before = self.words_before(3);
        let undone = |verbs: &[&str]| before.iter().any(|w| verbs.contains(&w.as_str()));
        let name = match k.name {
            // Lifting a blockade de-escalates (PLOVER's RETREAT); lifting a curfew,
            // a ban or sanctions eases them (CONCEDE).
            "restriction" | "curfew" | "ban" | "sanction" | "martial_law"
                if self
                    .words_before(6)
                    .iter()
                    .any(|w| EASE.contains(&w.as_str())) =>
            {
                if matches!(word, "blockade" | "blockades" | "siege" | "sieges") {
                    "retreat"
                } else {
                    "concession"
                }
            }
            _ if EASE.contains(&word) && any(RESTRICTIONS) => {
                if any(&["blockade", "siege"]) {
                    "retreat"
                } else {
                    "concession"
                }
            }
            // Sending inspectors, or sending people to investigate, is an investigation.
            "deployment" | "aid"
                if object.iter().any(|w| finding(w))
                    || self
                        .words_after(12)
                        .windows(2)
                        .any(|w| w[0] == "to" && finding(&w[1])) =>
            {
                "investigation"
            }
            // Withdrawing inspectors, peacekeepers or an envoy reduces relations.
            "retreat" if any(ENVOYS) => "sanction",
            // ", a rights group protested.": a complaint voiced, not a demonstration.
            "protest"
                if word.starts_with("protest")
                    && self.words_before(6).iter().any(|w| w == ",")
                    && after
                        .iter()
                        .filter(|w| w.chars().any(char::is_alphabetic))
                        .count()
                        <= 2
                    && after.len() < 6 =>
            {
                "accusation"
            }
            // "lodged an official protest": a diplomatic complaint.
            "protest"
                if before.iter().any(|w| {
                    matches!(
                        w.as_str(),
                        "lodged"
                            | "lodge"
                            | "lodges"
                            | "filed"
                            | "formal"
                            | "official"
                            | "diplomatic"
                    )
                }) =>
            {
                "accusation"
            }
            // Calling off a strike yields to the other side.
            "protest" | "strike" | "hunger_strike" | "obstruction"
                if undone(EASE)
                    || self
                        .words_before(4)
                        .windows(2)
                        .any(|w| w[1] == "off" && w[0].starts_with("call")) =>
            {
                "concession"
            }
            // "accepted the rebels' demands": yielding, not agreeing.
            "agreement"
                if word.starts_with("accept")
                    && any(&["demand", "demands", "conditions", "terms", "ultimatum"]) =>
            {
                "concession"
            }
            // "gave a warm welcome": hosting, not giving.
            "aid"
                if matches!(word, "give" | "gave" | "given" | "giving" | "gives")
                    && any(&["welcome", "reception"]) =>
            {
                "hosting"
            }
            // Halting aid, calling off a visit or ending mediation cuts ties: a sanction.
            "aid" | "support" | "cooperation" | "meeting" | "visit" | "mediation" | "agreement"
            | "hosting"
                if undone(CUT) =>
            {
                "sanction"
            }
            // Banning aid, trade or entry is a sanction on those who would get them.
            "ban" if any(EXCHANGES) => "sanction",
            // Blowing up power lines or a bridge destroys property; nobody is attacked.
            "bombing"
                if matches!(word, "blew" | "blow" | "blown" | "blowing" | "blows")
                    && any(PROPERTY) =>
            {
                "destruction"
            }
            // A cyber attack defaces or blocks; it coerces, it does not assault.
            "attack" if before.last().is_some_and(|w| w == "cyber") => "censorship",
            // Handing over medicine or food gives aid; handing over people releases them.
            "release" if any(GOODS) => "aid",
            // Peacekeepers sent are protection: aid in PLOVER's codebook.
            "deployment"
                if self
                    .words_before(2)
                    .iter()
                    .chain(after.iter().take(2))
                    .any(|w| w.starts_with("peacekeep")) =>
            {
                "aid"
            }
            "capture" | "territory_seized" | "confiscation" if any(roles::TERRITORY) => {
                if roles.state_actor {
                    "territory_regained"
                } else {
                    "territory_seized"
                }
            }
            "killing" | "attack" | "shooting" if roles.armed_target && roles.armed_actor => {
                "armed_clash"
            }
            // A fight between groups that carry no arms is mob violence in ACLED's terms.
            "armed_clash" if roles.unarmed_groups(self.doc) => "mob_violence",
            "attack"
                if any(&[
                    "positions",
                    "position",
                    "base",
                    "bases",
                    "checkpoint",
                    "outpost",
                    "troops",
                    "forces",
                ]) =>
            {
                "armed_clash"
            }
            // "sent at least 10,000 of its troops": a deployment, not aid.
            "aid"
                if matches!(
                    self.words[self.hit().start].as_str(),
                    "send" | "sends" | "sent" | "sending"
                ) && after
                    .iter()
                    .take_while(|w| *w != "to")
                    .any(|w| TROOPS.contains(&w.as_str())) =>
            {
                "deployment"
            }
            _ => k.name,
        };
        kind(name).unwrap_or(k)
    }

    /// The type of the event this trigger frames, when it only frames one: "ordered
    /// the paper to suspend publication" is censorship, "ordered patrols" a deployment.
    fn framed(&self) -> Option<&'static Kind> {
        let h = self.hit();
        let next = self
            .hits
            .get(self.index + 1)
            .filter(|n| n.start <= h.start + h.len + 3)?;
        let word = self.words[h.start].as_str();
        match h.kind.name {
            "demand" if word.starts_with("order") => Some(next.kind),
            // "prepared to impose martial law": an announced harm.
            "agreement" if matches!(next.kind.plover, "ASSAULT" | "COERCE" | "SANCTION") => {
                kind("threat")
            }
            _ => None,
        }
    }

    /// Up to `n` lower-case words after the trigger, within the sentence.
    fn words_after(&self, n: usize) -> Vec<String> {
        let h = self.hit();
        let end = self.doc.sentences[self.sentence].end_token as usize;
        self.words[(h.start + h.len).min(end)..(h.start + h.len + n).min(end)].to_vec()
    }

    /// Up to `n` lower-case words before the trigger, within the sentence, nearest last.
    fn words_before(&self, n: usize) -> &[String] {
        let start = self.doc.sentences[self.sentence].first_token as usize;
        let h = self.hit().start;
        &self.words[h.saturating_sub(n).max(start)..h]
    }

    /// The event's modality, whether it is spoken of as future ("will", "plans to"),
    /// and the claim that reports it.
    fn modality(&self, trigger: Span) -> (Modality, bool, Option<ClaimId>) {
        let before = self.words_before(4);
        let has = |list: &[&str]| before.iter().any(|w| list.contains(&w.as_str()));
        let pair = |a: &str, b: &str| before.windows(2).any(|w| w[0] == a && w[1] == b);
        let claim = self
            .doc
            .claims
            .iter()
            .position(|c| c.content.iter().any(|s| s.contains(trigger)))
            .map(|i| ClaimId(i as u32));
        // "plans to", not "a planned visit".
        let planned = ["plans", "plan", "planned", "planning"]
            .iter()
            .any(|p| pair(p, "to"));
        let future = has(&[
            "will", "'ll", "wo", "shall", "would", "intends", "intend", "going",
        ]) || planned
            || pair("is", "to")
            || pair("are", "to");
        let denied = self.hit().kind.name != "rejection"
            && self
                .sentence_words()
                .any(|w| matches!(w, "denied" | "denies" | "deny" | "denying"));
        let refused = [
            "failed", "fails", "refused", "refuses", "declined", "declines",
        ]
        .iter()
        .any(|w| pair(w, "to"));
        let modality = if has(&["not", "n't", "never", "no"]) || refused {
            Modality::Negated
        } else if denied {
            Modality::Denied
        } else if future {
            Modality::Planned
        } else if has(&["could", "may", "might", "if"]) {
            Modality::Hypothetical
        } else if claim.is_some() {
            Modality::Claimed
        } else {
            Modality::Asserted
        };
        (modality, future, claim)
    }

    fn quantities(&self) -> Vec<QuantityId> {
        let span = self.doc.sentences[self.sentence].span;
        (0..self.doc.quantities.len())
            .filter(|&i| span.contains(self.doc.quantities[i].span))
            .map(|i| QuantityId(i as u32))
            .collect()
    }

    /// The nearest dated time expression of the sentence.
    fn time(&self, trigger: Span) -> Option<TimeId> {
        let span = self.doc.sentences[self.sentence].span;
        (0..self.doc.times.len())
            .filter(|&i| {
                let t = &self.doc.times[i];
                span.contains(t.span) && matches!(t.kind, TimexType::Date | TimexType::Time)
            })
            .min_by_key(|&i| distance(self.doc.times[i].span, trigger))
            .map(|i| TimeId(i as u32))
    }

    fn date(&self, time: Option<TimeId>) -> Option<String> {
        match time {
            Some(t) => Some(self.doc.times[t.index()].value.clone()),
            None => self
                .doc
                .anchor
                .as_ref()
                .map(|(d, _)| d.format("%Y-%m-%d").to_string()),
        }
    }
}

/// Bytes between two spans; 0 when they overlap.
fn distance(a: Span, b: Span) -> u32 {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

#[cfg(test)]
mod tests;
