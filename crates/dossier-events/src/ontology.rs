//! dossier's own event types and their crosswalks to PLOVER and ACLED.
//!
//! Our types are finer than PLOVER's 16 and closer to what a reader of war news asks
//! ("was it shelling or an airstrike?"); each maps to one PLOVER type and mode and,
//! where ACLED codes such events, to one ACLED event type and sub-event type.

/// One event type of dossier's ontology.
#[derive(Debug, PartialEq, Eq)]
pub struct Kind {
    pub name: &'static str,
    pub plover: &'static str,
    pub plover_mode: Option<&'static str>,
    /// ACLED (event type, sub-event type).
    pub acled: (&'static str, &'static str),
    /// How strongly the type claims to be a report's main event: violence and protest
    /// outrank diplomacy, which outranks a bare statement.
    pub weight: u8,
}

const BATTLES: &str = "Battles";
const REMOTE: &str = "Explosions/Remote violence";
const VAC: &str = "Violence against civilians";
const PROTESTS: &str = "Protests";
const RIOTS: &str = "Riots";
const STRATEGIC: &str = "Strategic developments";

macro_rules! kinds {
    ($($name:literal => $plover:literal $mode:expr, ($at:expr, $sub:literal), $w:literal;)*) => {
        /// Every type, in no particular order.
        pub const KINDS: &[Kind] = &[$(Kind { name: $name, plover: $plover, plover_mode: $mode,
            acled: ($at, $sub), weight: $w }),*];
    };
}

kinds! {
    "capture" => "COERCE" Some("detain"), (BATTLES, "Armed clash"), 3;
    "territory_seized" => "ASSAULT" Some("heavy-weapons"), (BATTLES, "Non-state actor overtakes territory"), 3;
    "territory_regained" => "ASSAULT" Some("heavy-weapons"), (BATTLES, "Government regains territory"), 3;
    "armed_clash" => "ASSAULT" Some("firearms"), (BATTLES, "Armed clash"), 3;
    "attack" => "ASSAULT" None, (VAC, "Attack"), 3;
    "shooting" => "ASSAULT" Some("firearms"), (VAC, "Attack"), 3;
    "killing" => "ASSAULT" None, (VAC, "Attack"), 3;
    "assassination" => "ASSAULT" Some("assassinate"), (VAC, "Attack"), 3;
    "torture" => "ASSAULT" Some("torture"), (VAC, "Attack"), 3;
    "beating" => "ASSAULT" Some("beat"), (VAC, "Attack"), 3;
    "sexual_violence" => "ASSAULT" Some("sexual"), (VAC, "Sexual violence"), 3;
    "airstrike" => "ASSAULT" Some("aerial"), (REMOTE, "Air/drone strike"), 3;
    "shelling" => "ASSAULT" Some("heavy-weapons"), (REMOTE, "Shelling/artillery/missile attack"), 3;
    "bombing" => "ASSAULT" Some("explosives"), (REMOTE, "Remote explosive/landmine/IED"), 3;
    "suicide_bombing" => "ASSAULT" Some("suicide-attack"), (REMOTE, "Suicide bomb"), 3;
    "grenade_attack" => "ASSAULT" Some("explosives"), (REMOTE, "Grenade"), 3;
    "chemical_attack" => "ASSAULT" Some("chemical"), (REMOTE, "Chemical weapon"), 3;
    "abduction" => "COERCE" Some("detain"), (VAC, "Abduction/forced disappearance"), 3;
    "arrest" => "COERCE" Some("arrest"), (STRATEGIC, "Arrests"), 2;
    "detention" => "COERCE" Some("detain"), (STRATEGIC, "Arrests"), 2;
    "deportation" => "COERCE" Some("deport"), (STRATEGIC, "Other"), 2;
    "destruction" => "COERCE" Some("destroy"), (STRATEGIC, "Looting/property destruction"), 2;
    "looting" => "COERCE" Some("confiscate"), (STRATEGIC, "Looting/property destruction"), 2;
    "confiscation" => "COERCE" Some("confiscate"), (STRATEGIC, "Other"), 2;
    "disrupted_weapons" => "COERCE" Some("confiscate"), (STRATEGIC, "Disrupted weapons use"), 2;
    "ban" => "COERCE" Some("ban"), (STRATEGIC, "Other"), 2;
    "censorship" => "COERCE" Some("censor"), (STRATEGIC, "Other"), 2;
    "curfew" => "COERCE" Some("curfew"), (STRATEGIC, "Other"), 2;
    "martial_law" => "COERCE" Some("martial-law"), (STRATEGIC, "Other"), 2;
    "restriction" => "COERCE" Some("restrict"), (STRATEGIC, "Other"), 2;
    "protest" => "PROTEST" Some("demo"), (PROTESTS, "Peaceful protest"), 3;
    "strike" => "PROTEST" Some("strike-gen"), (PROTESTS, "Peaceful protest"), 3;
    "hunger_strike" => "PROTEST" Some("strike-hun"), (PROTESTS, "Peaceful protest"), 3;
    "obstruction" => "PROTEST" Some("obstruct"), (PROTESTS, "Peaceful protest"), 3;
    "protest_intervention" => "PROTEST" Some("demo"), (PROTESTS, "Protest with intervention"), 3;
    "excessive_force" => "ASSAULT" Some("firearms"), (PROTESTS, "Excessive force against protesters"), 3;
    "riot" => "PROTEST" Some("riot"), (RIOTS, "Violent demonstration"), 3;
    "mob_violence" => "PROTEST" Some("riot"), (RIOTS, "Mob violence"), 3;
    "agreement" => "AGREE" None, (STRATEGIC, "Agreement"), 2;
    "ceasefire" => "RETREAT" None, (STRATEGIC, "Agreement"), 2;
    "deployment" => "MOBILIZE" Some("troops"), (STRATEGIC, "Other"), 2;
    "base_established" => "MOBILIZE" Some("troops"), (STRATEGIC, "Headquarters or base established"), 2;
    "aid" => "AID" None, (STRATEGIC, "Other"), 2;
    "support" => "SUPPORT" None, (STRATEGIC, "Other"), 1;
    "cooperation" => "COOPERATE" None, (STRATEGIC, "Other"), 2;
    "meeting" => "CONSULT" None, (STRATEGIC, "Other"), 2;
    "visit" => "CONSULT" Some("visit"), (STRATEGIC, "Other"), 2;
    "hosting" => "CONSULT" Some("host"), (STRATEGIC, "Other"), 2;
    "phone_call" => "CONSULT" Some("phone"), (STRATEGIC, "Other"), 2;
    "mediation" => "CONSULT" Some("third-party"), (STRATEGIC, "Other"), 2;
    "threat" => "THREATEN" None, (STRATEGIC, "Other"), 2;
    "demand" => "REQUEST" None, (STRATEGIC, "Other"), 2;
    "accusation" => "ACCUSE" None, (STRATEGIC, "Other"), 2;
    "investigation" => "ACCUSE" None, (STRATEGIC, "Other"), 2;
    "rejection" => "REJECT" None, (STRATEGIC, "Other"), 2;
    "concession" => "CONCEDE" None, (STRATEGIC, "Other"), 2;
    "release" => "CONCEDE" None, (STRATEGIC, "Other"), 2;
    "retreat" => "RETREAT" None, (STRATEGIC, "Non-violent transfer of territory"), 2;
    "resignation" => "RETREAT" None, (STRATEGIC, "Change to group/activity"), 2;
    "sanction" => "SANCTION" None, (STRATEGIC, "Other"), 2;
    // A bare statement gets no PLOVER code (see `set_kind`); the crosswalk keeps a type.
    "statement" => "CONSULT" None, (STRATEGIC, "Other"), 0;
}

/// The type named `name`.
pub fn kind(name: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLOVER: [&str; 16] = [
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "COOPERATE",
        "AID",
        "CONCEDE",
        "RETREAT",
        "ACCUSE",
        "REQUEST",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "MOBILIZE",
        "SANCTION",
        "COERCE",
        "ASSAULT",
    ];

    #[test]
    fn every_type_maps_to_a_plover_type_and_an_acled_pair() {
        for k in KINDS {
            assert!(PLOVER.contains(&k.plover), "{}", k.name);
            assert!(
                [BATTLES, REMOTE, VAC, PROTESTS, RIOTS, STRATEGIC].contains(&k.acled.0),
                "{}",
                k.name
            );
        }
        let mut names: Vec<_> = KINDS.iter().map(|k| k.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), KINDS.len());
    }
}
