//! Seats of power that reports name for their governments.
//!
//! "The Kremlin said", "a White House official", "Downing Street denied": news names
//! a few buildings so often that they read as places, yet no table of towns holds
//! them, or holds them only as another place's foreign name ("White House" is
//! Casablanca in translation). Placed like any unlisted name, they land in whatever
//! town the report is about (a Kremlin in Topeka), so each is placed in the city it
//! stands in, where the report uses it as a place at all ("talks at the White House",
//! not "the Kremlin said").

use crate::gazetteer::{Gazetteer, Kind};

/// Landmark (folded), and the city it stands in: name, ISO country, first-level region.
const LANDMARKS: &[(&str, &str, &str, &str)] = &[
    ("white house", "washington", "US", "District of Columbia"),
    ("pentagon", "arlington", "US", "Virginia"),
    ("kremlin", "moscow", "RU", "Moscow"),
    ("downing street", "london", "GB", "England"),
    ("buckingham palace", "london", "GB", "England"),
    ("elysee palace", "paris", "FR", "Île-de-France"),
    ("zhongnanhai", "beijing", "CN", "Beijing"),
    ("knesset", "jerusalem", "IL", "Jerusalem"),
    ("bankova", "kyiv", "UA", "Kyiv City"),
];

/// Whether `key` (a folded name) is one of the landmarks.
pub fn is_landmark(key: &str) -> bool {
    LANDMARKS.iter().any(|l| l.0 == key)
}

/// The city the landmark named by `key` stands in.
pub fn city(g: &Gazetteer, key: &str) -> Option<u32> {
    let &(_, city, country, admin1) = LANDMARKS.iter().find(|l| l.0 == key)?;
    g.find_ids(city)
        .iter()
        .copied()
        .filter(|&e| {
            let e = g.entry(e);
            e.kind == Kind::City && e.country == country && e.admin1 == admin1
        })
        .max_by_key(|&e| g.entry(e).population)
}
