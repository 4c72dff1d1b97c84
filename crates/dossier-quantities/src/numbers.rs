//! Reading number words and digit strings.

/// "10,000" -> 10000, "3.5" -> 3.5; anything else (ordinals "1st", ranges "10-15",
/// codes "F-16") is not a plain number.
pub fn parse_digits(s: &str) -> Option<f64> {
    if !s
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
        || s.ends_with('.')
    {
        return None;
    }
    s.replace(',', "").parse().ok()
}

/// Cardinal number words: "one" to "ninety-nine", hyphenated compounds included.
pub fn word_value(s: &str) -> Option<f64> {
    dossier_core::numerals::cardinal(s).map(f64::from)
}

/// Multipliers that follow a number: "1.5 million", "three hundred".
pub fn scale_of(s: &str) -> Option<f64> {
    match s {
        "hundred" => Some(100.0),
        "thousand" => Some(1e3),
        "million" | "mln" => Some(1e6),
        "billion" | "bln" | "bn" => Some(1e9),
        "trillion" => Some(1e12),
        _ => None,
    }
}

/// Vague plurals, read as their smallest plausible count: "dozens" is at least two dozen.
pub fn vague_value(s: &str) -> Option<f64> {
    match s {
        "tens" => Some(20.0),
        "dozens" => Some(24.0),
        "scores" => Some(40.0),
        "hundreds" => Some(200.0),
        "thousands" => Some(2e3),
        "millions" => Some(2e6),
        "billions" => Some(2e9),
        _ => None,
    }
}

/// The multiplier a vague head applies to the vague plural after it: "tens of thousands"
/// is at least 10 × 2,000 = 20,000, "hundreds of thousands" at least 200,000.
pub fn vague_scale(s: &str) -> Option<f64> {
    match s {
        "tens" => Some(10.0),
        "dozens" => Some(12.0),
        "hundreds" => Some(100.0),
        _ => None,
    }
}
