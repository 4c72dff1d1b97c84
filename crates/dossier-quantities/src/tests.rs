use super::*;

/// Renders each quantity as `phrase = value bound [unit]`.
fn quantities(text: &str) -> Vec<String> {
    let mut doc = Document::new("t", text);
    QuantityStage::new().run(&mut doc);
    doc.quantities
        .iter()
        .map(|q| {
            let unit = q.unit.map_or("-".to_string(), |u| doc.str(u).to_string());
            format!("{} = {} {:?} {}", doc.str(q.span), q.value, q.bound, unit)
        })
        .collect()
}

#[test]
fn reads_digits_with_bounds_and_units() {
    assert_eq!(
        quantities("Russia sent at least 10,000 of its troops and more than 40 tanks."),
        [
            "at least 10,000 of its troops = 10000 AtLeast troops",
            "more than 40 tanks = 40 MoreThan tanks"
        ]
    );
}

#[test]
fn skips_adjectives_and_nationalities_before_the_unit() {
    assert_eq!(
        quantities("Ukrainian forces captured two North Korean soldiers near the border."),
        ["two North Korean soldiers = 2 Exact soldiers"]
    );
}

#[test]
fn reads_number_words_and_scales() {
    assert_eq!(
        quantities(
            "Some 1.5 million people fled, and twenty-five villages emptied; a dozen trucks arrived."
        ),
        [
            "Some 1.5 million people = 1500000 About people",
            "twenty-five villages = 25 Exact villages",
            "a dozen trucks = 12 Exact trucks",
        ]
    );
}

#[test]
fn reads_vague_plurals_as_lower_bounds() {
    assert_eq!(
        quantities("Dozens of protesters gathered while tens of thousands of people watched."),
        [
            "Dozens of protesters = 24 AtLeast protesters",
            "tens of thousands of people = 20000 AtLeast people"
        ]
    );
}

#[test]
fn leaves_years_dates_times_and_ordinals_to_the_times_layer() {
    assert!(
        quantities("On 11 January 2025 at 10:30, the first convoy left for three days.").is_empty()
    );
    assert!(quantities("In 1988 the plane was bombed. One of them said no one knew.").is_empty());
}

#[test]
fn keeps_percentages_and_single_victims() {
    assert_eq!(
        quantities("Turnout fell 12 percent and one person was killed."),
        [
            "12 percent = 12 Exact percent",
            "one person = 1 Exact person"
        ]
    );
}

#[test]
fn bounds_nearly_and_up_to() {
    assert_eq!(
        quantities("Nearly 25,000 tons of food and up to 4,000 troops."),
        [
            "Nearly 25,000 tons = 25000 About tons",
            "up to 4,000 troops = 4000 AtMost troops"
        ]
    );
}
