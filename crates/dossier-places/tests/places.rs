//! The places stage on short documents written for these tests.

use dossier_core::{
    Document, Entity, EntityId, EntityLabel, Mention, MentionId, Place, Precision, Span, Stage,
};
use dossier_places::{Gazetteer, Kind, PlaceStage};
use std::sync::OnceLock;

fn stage() -> &'static PlaceStage {
    static STAGE: OnceLock<PlaceStage> = OnceLock::new();
    STAGE.get_or_init(PlaceStage::load)
}

fn places(text: &str) -> Vec<Place> {
    let mut doc = Document::new("t", text);
    stage().run(&mut doc);
    doc.places
}

fn place<'a>(text: &str, places: &'a [Place], name: &str) -> &'a Place {
    places
        .iter()
        .find(|p| p.span.of(text) == name)
        .unwrap_or_else(|| panic!("no place {name:?} among {places:?}"))
}

#[test]
fn an_oblast_by_any_of_its_english_names_is_the_russian_region() {
    for text in [
        "Fighting continued in the Kursk region on Tuesday, officials said.",
        "Fighting continued in Kursk Oblast on Tuesday, officials said.",
        "Fighting continued in the Kursk oblast on Tuesday, officials said.",
    ] {
        let found = places(text);
        let p = found
            .first()
            .unwrap_or_else(|| panic!("nothing found in {text:?}"));
        assert_eq!(p.country, "RU", "{text}");
        assert_eq!(p.name, "Kursk Oblast", "{text}");
        assert!(
            dossier_places::km(p.lat, p.lon, 51.7, 36.2) < 100.0,
            "{text}: {p:?}"
        );
    }
}

#[test]
fn kyiv_and_kiev_are_one_place() {
    let a = places("Air raid sirens sounded in Kyiv overnight.");
    let b = places("Air raid sirens sounded in Kiev overnight.");
    assert_eq!(a.len(), 1);
    assert_eq!(b.len(), 1);
    assert_eq!(a[0].geonames_id, b[0].geonames_id);
    assert_eq!(a[0].country, "UA");
}

#[test]
fn paris_texas_is_not_paris_france() {
    let text = "The fair opened in Paris, Texas, where the mayor cut a ribbon.";
    let found = places(text);
    let paris = place(text, &found, "Paris");
    assert_eq!(
        (paris.country.as_str(), paris.admin1.as_deref()),
        ("US", Some("Texas"))
    );

    let text = "The president flew to Paris for talks with European leaders.";
    let found = places(text);
    assert_eq!(place(text, &found, "Paris").country, "FR");

    let text = "A storm hit Paris, Tenn. on Monday.";
    let found = places(text);
    assert_eq!(
        place(text, &found, "Paris").admin1.as_deref(),
        Some("Tennessee")
    );
}

#[test]
fn institutions_and_demonyms_are_not_places() {
    let text = "The Security Service of Ukraine said North Korean soldiers were captured.";
    assert_eq!(places(text), vec![]);
}

#[test]
fn people_named_like_towns_are_not_places() {
    let text =
        "Mayor Jackson met Paris Hilton in March. Later, Jackson said the meeting went well.";
    assert_eq!(places(text), vec![]);
}

#[test]
fn a_mentions_entity_gets_its_geonames_id() {
    let text = "Shelling was reported near Kharkiv.";
    let mut doc = Document::new("t", text);
    let at = text.find("Kharkiv").unwrap();
    doc.mentions.push(Mention {
        span: Span::new(at, at + 7),
        label: EntityLabel::Gpe,
        entity: Some(EntityId(0)),
    });
    doc.entities.push(Entity {
        name: "Kharkiv".into(),
        label: EntityLabel::Gpe,
        key: "kharkiv".into(),
        mentions: vec![MentionId(0)],
        country: None,
        geonames_id: None,
    });
    stage().run(&mut doc);
    assert_eq!(doc.places.len(), 1);
    assert_eq!(doc.places[0].mention, Some(MentionId(0)));
    assert_eq!(doc.entities[0].country.as_deref(), Some("UA"));
    assert_eq!(doc.entities[0].geonames_id, doc.places[0].geonames_id);
    assert!(doc.entities[0].geonames_id.is_some());
}

#[test]
fn the_table_answers_for_the_events_stage() {
    let g = Gazetteer::embedded();
    let kursk: Vec<_> = g
        .find("Kursk Oblast")
        .into_iter()
        .filter(|e| e.kind == Kind::Admin1)
        .collect();
    assert_eq!(kursk.len(), 1);
    assert_eq!(kursk[0].country, "RU");
    assert_eq!(g.country("UA").map(|e| e.name), Some("Ukraine"));
    assert!(g.find("nowhere at all").is_empty());
}

fn with_mentions(text: &str, mentions: &[(&str, EntityLabel)]) -> Document {
    let mut doc = Document::new("t", text);
    for &(name, label) in mentions {
        let at = text.find(name).unwrap();
        doc.mentions.push(Mention {
            span: Span::new(at, at + name.len()),
            label,
            entity: None,
        });
    }
    stage().run(&mut doc);
    doc
}

#[test]
fn a_place_the_entity_stage_took_for_an_organisation_or_a_person_is_still_found() {
    let text = "Greenville police arrested a man on Friday. He was taken to Spartanburg later.";
    let doc = with_mentions(
        text,
        &[
            ("Greenville", EntityLabel::Org),
            ("Spartanburg", EntityLabel::Person),
        ],
    );
    let names: Vec<&str> = doc.places.iter().map(|p| p.span.of(text)).collect();
    assert_eq!(names, ["Greenville", "Spartanburg"]);
    assert!(
        doc.places
            .iter()
            .all(|p| p.country == "US" && p.mention.is_none()),
        "{:?}",
        doc.places
    );
}

#[test]
fn a_platform_the_entity_stage_took_for_a_place_is_not_one() {
    let text = "Shelling hit Odesa and Odesa's port overnight, the governor wrote on Telegram. \
                Odesa's mayor posted a video on YouTube.";
    let doc = with_mentions(
        text,
        &[
            ("Odesa", EntityLabel::Gpe),
            ("Telegram", EntityLabel::Gpe),
            ("YouTube", EntityLabel::Loc),
        ],
    );
    let names: Vec<&str> = doc.places.iter().map(|p| p.span.of(text)).collect();
    assert!(names.contains(&"Odesa"), "{names:?}");
    assert!(
        !names.contains(&"Telegram") && !names.contains(&"YouTube"),
        "{names:?}"
    );
}

#[test]
fn a_demonym_labelled_norp_stays_out() {
    let text = "Ukrainian officials said Georgian volunteers had left.";
    let doc = with_mentions(
        text,
        &[
            ("Ukrainian", EntityLabel::Norp),
            ("Georgian", EntityLabel::Norp),
        ],
    );
    assert_eq!(doc.places, vec![]);
}

#[test]
fn an_admin1_entry_carries_its_geonames_id() {
    let g = Gazetteer::embedded();
    let kursk = g
        .find("Kursk Oblast")
        .into_iter()
        .find(|e| e.kind == Kind::Admin1)
        .unwrap();
    assert_eq!(kursk.geonames_id, Some(538555));
}

#[test]
fn a_persons_short_name_is_the_person_not_a_town() {
    let text = "Kim Jong Un visited Russia's far east. Kim inspected aerial centres.";
    let mut doc = Document::new("t", text);
    let full = Span::new(0, "Kim Jong Un".len());
    let at = text.rfind("Kim").unwrap();
    let short = Span::new(at, at + 3);
    doc.mentions.push(Mention {
        span: full,
        label: EntityLabel::Person,
        entity: Some(EntityId(0)),
    });
    doc.mentions.push(Mention {
        span: short,
        label: EntityLabel::Person,
        entity: Some(EntityId(0)),
    });
    doc.entities.push(Entity {
        name: "Kim Jong Un".into(),
        label: EntityLabel::Person,
        key: "person:kim jong un".into(),
        mentions: vec![MentionId(0), MentionId(1)],
        country: None,
        geonames_id: None,
    });
    stage().run(&mut doc);
    assert!(
        doc.places.iter().all(|p| p.span != short),
        "{:?}",
        doc.places
    );
}

#[test]
fn a_town_the_report_places_in_its_state_is_a_town_though_linked_to_a_person() {
    // The entity stage took "Easley Square" for a person and linked the town's bare
    // name to it; the report's own "Easley, South Carolina" says what the name is.
    let text = "Easley, South Carolina, opened a library. Easley Square hosts a market. \
                Easley plans a new park.";
    let mut doc = Document::new("t", text);
    let square = text.find("Easley Square").unwrap();
    let bare = text.rfind("Easley").unwrap();
    for span in [
        Span::new(square, square + "Easley Square".len()),
        Span::new(bare, bare + "Easley".len()),
    ] {
        doc.mentions.push(Mention {
            span,
            label: EntityLabel::Person,
            entity: Some(EntityId(0)),
        });
    }
    doc.entities.push(Entity {
        name: "Easley Square".into(),
        label: EntityLabel::Person,
        key: "person:easley square".into(),
        mentions: vec![MentionId(0), MentionId(1)],
        country: None,
        geonames_id: None,
    });
    stage().run(&mut doc);
    let last = doc
        .places
        .iter()
        .find(|p| p.span.start as usize == bare)
        .unwrap_or_else(|| panic!("{:?}", doc.places));
    assert_eq!(
        (last.country.as_str(), last.admin1.as_deref()),
        ("US", Some("South Carolina"))
    );
}

fn found(text: &str) -> Vec<(String, String, String)> {
    places(text)
        .into_iter()
        .map(|p| {
            (
                p.span.of(text).to_string(),
                p.country,
                p.admin1.unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn a_lone_village_abroad_in_a_report_about_one_country_is_no_place() {
    let text = "Dayton police and Columbus firefighters met in Toledo on Monday. \
                They talked about Mercury, the county's new radio system.";
    let names: Vec<String> = found(text).into_iter().map(|(n, _, _)| n).collect();
    assert!(names.contains(&"Toledo".to_string()), "{names:?}");
    assert!(!names.contains(&"Mercury".to_string()), "{names:?}");
    // Placed in its country by the text, the village stays.
    let text = "Dayton police and Columbus firefighters met in Toledo on Monday. \
                The new chief grew up in Mercury, France.";
    let mercury = found(text).into_iter().find(|(n, _, _)| n == "Mercury");
    assert_eq!(mercury.map(|(_, c, _)| c), Some("FR".to_string()));
}

#[test]
fn a_town_placed_in_a_state_that_has_none_of_its_name_stays_in_that_state() {
    // The table's only Grantville is in Georgia.
    let text = "The choir travelled to Grantville, Pennsylvania, for a concert.";
    let found = places(text);
    let town = place(text, &found, "Grantville");
    assert_eq!(town.admin1.as_deref(), Some("Pennsylvania"), "{found:?}");
    assert_eq!(town.geonames_id, None);
    // A list names no town's state.
    let text = "Flights link Moscow, Kiev, Minsk and Riga.";
    let found = places(text);
    assert_eq!(place(text, &found, "Kiev").country, "UA", "{found:?}");
}

#[test]
fn a_name_listed_with_states_is_a_state() {
    let text = "Lawmakers in Idaho and Washington passed similar bills this spring.";
    let found = places(text);
    let washington = place(text, &found, "Washington");
    assert_eq!(
        washington.admin1.as_deref(),
        Some("Washington"),
        "{found:?}"
    );
    // Listed with a capital, it is the capital.
    let text = "Talks between Washington and Moscow resumed this spring.";
    let found = places(text);
    let washington = place(text, &found, "Washington");
    assert_eq!(
        washington.admin1.as_deref(),
        Some("District of Columbia"),
        "{found:?}"
    );
}

#[test]
fn a_city_that_bears_a_name_beats_a_region_also_called_so() {
    // The District of Columbia is also listed as "Columbia".
    let text = "A Columbia woman was sentenced on Tuesday for stealing from a charity.";
    let found = places(text);
    let columbia = place(text, &found, "Columbia");
    assert_eq!(columbia.name, "Columbia", "{found:?}");
    assert_eq!(columbia.precision, Precision::City, "{found:?}");
}

#[test]
fn a_small_town_in_a_county_the_report_names_beats_a_famous_namesake() {
    let text = "Road crews near Alexandria and Garfield worked late, the Douglas County \
                engineer said.";
    let found = places(text);
    let town = place(text, &found, "Alexandria");
    assert_eq!(
        (town.country.as_str(), town.admin1.as_deref()),
        ("US", Some("Minnesota")),
        "{found:?}"
    );
}

#[test]
fn a_town_before_a_region_is_a_place_whatever_its_name() {
    let text = "The family moved to Surprise, Ariz., after the storm.";
    let found = found(text);
    assert!(
        found
            .iter()
            .any(|(n, c, a)| n == "Surprise" && c == "US" && a == "Arizona"),
        "{found:?}"
    );
}

#[test]
fn places_inside_hyphenated_words_are_found() {
    let text =
        "A Dayton-based firm backed the bill, said Rep. Ann Marsh, D-Charleston, on Tuesday.";
    let names: Vec<String> = found(text).into_iter().map(|(n, _, _)| n).collect();
    assert!(
        names.contains(&"Dayton".to_string()) && names.contains(&"Charleston".to_string()),
        "{names:?}"
    );
}

#[test]
fn a_town_before_a_short_capitalised_abbreviation_is_found() {
    // School districts pair a town with its partners' initials.
    let text = "Wrestlers from Hutchinson beat Watertown-ML in the section final.";
    let names: Vec<String> = found(text).into_iter().map(|(n, _, _)| n).collect();
    assert!(names.contains(&"Watertown".to_string()), "{names:?}");
}

#[test]
fn a_region_or_town_before_an_agency_name_is_still_the_place() {
    let text = "Crews from the Minnesota State Patrol closed the road. Around noon Sunday Fargo Police reopened it.";
    let found = found(text);
    assert!(
        found
            .iter()
            .any(|(n, _, a)| n.starts_with("Minnesota") && a == "Minnesota"),
        "{found:?}"
    );
    assert!(
        found.iter().any(|(n, c, _)| n == "Fargo" && c == "US"),
        "{found:?}"
    );
}

#[test]
fn a_county_names_the_place_of_an_office_it_heads() {
    let text = "The Butler County Coroner said the crash happened overnight.";
    let found = found(text);
    assert!(
        found
            .iter()
            .any(|(n, c, _)| n == "Butler County" && c == "US"),
        "{found:?}"
    );
}

#[test]
fn neighbouring_names_settle_each_other() {
    let text =
        "Deputies from Harris County and Muscogee County joined officers in Columbus on Friday.";
    let found = found(text);
    assert!(
        found
            .iter()
            .any(|(n, _, a)| n == "Columbus" && a == "Georgia"),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(n, _, a)| n == "Harris County" && a == "Georgia"),
        "{found:?}"
    );
}

#[test]
fn capitals_named_together_stay_capitals() {
    let text = "The talks moved from London to Paris and then to Brussels.";
    let countries: Vec<String> = found(text).into_iter().map(|(_, c, _)| c).collect();
    assert_eq!(countries, ["GB", "FR", "BE"]);
}

#[test]
fn a_name_taken_for_a_place_once_is_a_place_throughout() {
    let text = "Crowds filled Gainesville, Ga., for the parade. Organisers of Rodeo Gainesville expect more. Mayor Gainesville was not there.";
    let names: Vec<String> = found(text).into_iter().map(|(n, _, _)| n).collect();
    let at = |needle: &str| text.find(needle).unwrap();
    let spans: Vec<usize> = places(text).iter().map(|p| p.span.start as usize).collect();
    assert!(
        spans.contains(&(at("Rodeo Gainesville") + "Rodeo ".len())),
        "{names:?}"
    );
    assert!(
        !spans.contains(&(at("Mayor Gainesville") + "Mayor ".len())),
        "{names:?}"
    );
}

#[test]
fn us_states_written_short_are_states() {
    let text =
        "Officials in Hurricane, W. Va. closed the bridge. The S.C. Highway Patrol sent help.";
    let found = found(text);
    assert!(
        found
            .iter()
            .any(|(n, _, a)| n == "Hurricane" && a == "West Virginia"),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(n, _, a)| n == "S.C." && a == "South Carolina"),
        "{found:?}"
    );
}

#[test]
fn a_name_the_entity_stage_split_is_found_whole() {
    let text = "Fishermen blocked the port of Puerto Montt (Los Lagos) for a week.";
    let doc = with_mentions(
        text,
        &[
            ("Puerto Montt", EntityLabel::Gpe),
            ("Los", EntityLabel::Gpe),
            ("Lagos", EntityLabel::Gpe),
        ],
    );
    let found: Vec<(&str, &str)> = doc
        .places
        .iter()
        .map(|p| (p.span.of(text), p.country.as_str()))
        .collect();
    assert_eq!(found, [("Puerto Montt", "CL"), ("Los Lagos", "CL")]);

    let text = "Soldiers patrolled San Luis Potosi after the attack, officials in Mexico said.";
    let doc = with_mentions(
        text,
        &[
            ("San", EntityLabel::Gpe),
            ("Luis Potosi", EntityLabel::Person),
            ("Mexico", EntityLabel::Gpe),
        ],
    );
    let found: Vec<(&str, &str)> = doc
        .places
        .iter()
        .map(|p| (p.span.of(text), p.country.as_str()))
        .collect();
    assert_eq!(found, [("San Luis Potosi", "MX"), ("Mexico", "MX")]);
}

#[test]
fn the_first_word_of_a_longer_name_is_not_a_place_alone() {
    let text =
        "Neighbours in Colonia Lomas Verdes, a district of Guadalajara, Mexico, heard shots.";
    let doc = with_mentions(
        text,
        &[
            ("Colonia Lomas Verdes", EntityLabel::Gpe),
            ("Guadalajara", EntityLabel::Gpe),
            ("Mexico", EntityLabel::Gpe),
        ],
    );
    assert!(
        doc.places.iter().all(|p| p.country == "MX"),
        "{:?}",
        doc.places
    );
    assert!(
        doc.places.iter().all(|p| p.span.of(text) != "Colonia"),
        "{:?}",
        doc.places
    );
}

#[test]
fn a_common_word_is_no_place_abroad_in_a_report_about_one_country() {
    let text =
        "Schools in Honolulu and Hilo stayed shut. Still, Hawaii officials said Maui would reopen.";
    let found = found(text);
    assert!(found.iter().all(|(_, c, _)| c == "US"), "{found:?}");
}

#[test]
fn dotted_initials_are_not_one_word_states() {
    let text = "Bishop D.E. Harlan preached in Charleston, S.C., on Sunday.";
    let found = found(text);
    assert!(found.iter().all(|(n, _, _)| n != "D.E."), "{found:?}");
    assert!(
        found.iter().any(|(n, c, _)| n == "S.C." && c == "US"),
        "{found:?}"
    );
}

#[test]
fn a_town_and_the_county_it_lies_in_settle_each_other() {
    // Both names have a bigger namesake pair elsewhere (Huntsville and Walker County,
    // Alabama, 120 km apart); only the Texas pair lie one inside the other.
    let text = "The burn ban for Walker County was lifted. Residents inside Huntsville city limits need a permit.";
    let found = found(text);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found.iter().all(|(_, c, a)| c == "US" && a == "Texas"),
        "{found:?}"
    );
}

#[test]
fn a_county_seat_and_its_county_are_chosen_together() {
    // Both names have many namesakes, most more likely alone; Paris is the seat of
    // Henry County only in Tennessee.
    let text = "A Paris man was arrested on Sunday. He will appear on Tuesday in Henry County General Sessions Court.";
    let found = found(text);
    assert!(
        found.iter().all(|(_, c, a)| c == "US" && a == "Tennessee"),
        "{found:?}"
    );
}

#[test]
fn a_university_named_after_a_place_stands_where_the_text_puts_it() {
    let text = "She studied chemistry at Washington University in St. Louis before moving on.";
    let found = places(text);
    let campus = place(text, &found, "Washington University");
    assert_eq!(campus.admin1.as_deref(), Some("Missouri"), "{found:?}");
}

#[test]
fn a_list_closed_by_counties_names_counties() {
    let text = "Storms are expected in Becker, Clay, Otter Tail and Wilkin counties tonight.";
    let found = found(text);
    let names: Vec<&str> = found.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(names, ["Becker", "Clay", "Otter Tail", "Wilkin"]);
    assert!(
        found.iter().all(|(_, c, a)| c == "US" && a == "Minnesota"),
        "{found:?}"
    );
    assert!(
        places(text).iter().all(|p| p.name.ends_with(" County")),
        "{:?}",
        places(text)
    );
}

#[test]
fn a_state_before_counties_is_the_state() {
    let text = "Boone County ranked 42nd of the 92 Indiana counties, and Indiana's rate grew.";
    let found = found(text);
    assert!(
        found
            .iter()
            .filter(|(n, _, _)| n == "Indiana")
            .all(|(_, _, a)| a == "Indiana"),
        "{found:?}"
    );
}

#[test]
fn a_county_before_an_office_name_is_the_county() {
    let text =
        "Crews cleaned the spill and contacted Hall County Environmental Health, in Georgia.";
    let doc = with_mentions(
        text,
        &[
            ("Hall", EntityLabel::Person),
            ("County Environmental Health", EntityLabel::Org),
        ],
    );
    let hall = doc
        .places
        .iter()
        .find(|p| p.span.of(text) == "Hall County")
        .unwrap_or_else(|| panic!("{:?}", doc.places));
    assert_eq!(hall.admin1.as_deref(), Some("Georgia"));
}

#[test]
fn a_parish_written_without_its_space_is_found() {
    let text = "Deputies in DeSoto Parish searched the woods near Mansfield.";
    let found = found(text);
    assert!(
        found
            .iter()
            .any(|(n, _, a)| n == "DeSoto Parish" && a == "Louisiana"),
        "{found:?}"
    );
}

#[test]
fn a_town_named_as_local_news_names_its_own_is_the_home_namesake() {
    // "Lebanon Police" and "Terry Roe, 60, Lebanon" in a report that names only its county.
    let text = "Terry Roe, 60, Lebanon, was arrested by Lebanon Police on Thursday. \
                He was held in the Boone County jail. Boone County deputies and the Boone County \
                prosecutor said Boone County had seen no such case.";
    let found = found(text);
    let lebanon: Vec<_> = found.iter().filter(|(n, _, _)| n == "Lebanon").collect();
    assert!(
        !lebanon.is_empty() && lebanon.iter().all(|(_, c, _)| c == "US"),
        "{found:?}"
    );
}

#[test]
fn a_name_that_starts_with_a_demonym_is_found_whole() {
    let text = "Talks on the Korean Peninsula resumed, and Korean diplomats met in Beijing.";
    let mut doc = Document::new("t", text);
    for (at, len, label) in [
        (text.find("Korean").unwrap(), 6, EntityLabel::Norp),
        (text.rfind("Korean").unwrap(), 6, EntityLabel::Norp),
    ] {
        doc.mentions.push(Mention {
            span: Span::new(at, at + len),
            label,
            entity: None,
        });
    }
    stage().run(&mut doc);
    let names: Vec<&str> = doc.places.iter().map(|p| p.span.of(text)).collect();
    assert_eq!(names, ["Korean Peninsula", "Beijing"]);
}

#[test]
fn a_name_linked_to_a_person_is_a_place_before_its_state() {
    // The entity stage linked "Greer" to a longer name it took for a person's.
    let text = "Greer, South Carolina, grew fast. Greer Station is its old downtown.";
    let mut doc = Document::new("t", text);
    let station = text.find("Greer Station").unwrap();
    doc.mentions.push(Mention {
        span: Span::new(0, 5),
        label: EntityLabel::Person,
        entity: Some(EntityId(0)),
    });
    doc.mentions.push(Mention {
        span: Span::new(station, station + 13),
        label: EntityLabel::Person,
        entity: Some(EntityId(0)),
    });
    doc.entities.push(Entity {
        name: "Greer Station".into(),
        label: EntityLabel::Person,
        key: "person:greer station".into(),
        mentions: vec![MentionId(0), MentionId(1)],
        country: None,
        geonames_id: None,
    });
    stage().run(&mut doc);
    let greer = doc
        .places
        .iter()
        .find(|p| p.span == Span::new(0, 5))
        .unwrap_or_else(|| panic!("{:?}", doc.places));
    assert_eq!(greer.admin1.as_deref(), Some("South Carolina"));
}

#[test]
fn a_town_that_bears_a_name_beats_a_city_once_called_so() {
    // "Hanover" is Hannover's English name, and the own name of towns in New England.
    let text = "Students returned to Hanover on Monday, and fans drove in from Norwich, Vermont.";
    let found = found(text);
    let hanover: Vec<_> = found.iter().filter(|(n, _, _)| n == "Hanover").collect();
    assert!(
        !hanover.is_empty() && hanover.iter().all(|(_, c, _)| c == "US"),
        "{found:?}"
    );
}

#[test]
fn a_street_is_placed_in_the_town_the_report_names() {
    let text = "Fire crews were called to the 400 block of Assiniboine Avenue in Winnipeg. \
                Winnipeg police closed River Avenue and Osborne Street North.";
    let found = found(text);
    let names: Vec<&str> = found.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Assiniboine Avenue",
            "Winnipeg",
            "Winnipeg",
            "River Avenue",
            "Osborne Street North"
        ]
    );
    assert!(
        found.iter().all(|(_, c, a)| c == "CA" && a == "Manitoba"),
        "{found:?}"
    );
}

#[test]
fn a_saint_is_no_street() {
    let text = "Crowds gathered in Downtown St. Louis on Friday.";
    let found = found(text);
    assert!(
        found.iter().any(|(n, c, _)| n == "St. Louis" && c == "US"),
        "{found:?}"
    );
}

#[test]
fn the_place_a_university_or_mayor_is_named_for_is_a_place() {
    let text = "She studied at the University of Nebraska and later met the Mayor of Lincoln.";
    let names: Vec<String> = found(text).into_iter().map(|(n, _, _)| n).collect();
    assert!(
        names.contains(&"Nebraska".to_string()) && names.contains(&"Lincoln".to_string()),
        "{names:?}"
    );
}

#[test]
fn a_car_make_is_no_place() {
    let text = "Police said he was driving a 2001 Ford Taurus and she a Dodge Caravan near Toledo.";
    let names: Vec<String> = found(text).into_iter().map(|(n, _, _)| n).collect();
    assert!(
        !names.iter().any(|n| n == "Ford" || n == "Dodge"),
        "{names:?}"
    );
}

#[test]
fn a_state_written_as_the_ap_writes_it_is_the_state_anywhere() {
    for (text, short, state) in [
        (
            "A Salem man died in a Tenn. jail on Sunday.",
            "Tenn.",
            "Tennessee",
        ),
        (
            "Scandal-plagued Ky. pastor to be buried Saturday.",
            "Ky.",
            "Kentucky",
        ),
        (
            "The bill was backed by Rep. Ann Roe, D-Calif, on Monday.",
            "Calif",
            "California",
        ),
    ] {
        let found = found(text);
        assert!(
            found
                .iter()
                .any(|(n, c, a)| n == short && c == "US" && a == state),
            "{text}: {found:?}"
        );
    }
    // "Ind." and "Mass." are also words: alone they are not taken for states.
    assert!(found("He went to Mass. Then he went home.").is_empty());
}

#[test]
fn a_breakaway_territory_lies_in_the_state_that_claims_it() {
    let text = "Russian troops stayed in South Ossetia and Abkhazia after the war.";
    let found = found(text);
    for name in ["South Ossetia", "Abkhazia"] {
        assert!(
            found.iter().any(|(n, c, _)| n == name && c == "GE"),
            "{name}: {found:?}"
        );
    }
}

#[test]
fn kin_named_like_towns_are_not_places() {
    let text = "She said her daughter Elizabeth and her son Adrian live with their father.";
    assert!(found(text).is_empty(), "{:?}", found(text));
}

#[test]
fn a_legislators_home_after_the_party_letter_is_found_whole() {
    let text = "The bill passed, said Rep. Jane Roe, D-N.Y., and Sen. John Doe, R-W. Va., \
                while Rep. Ann Poe, R-Elbow Lake, voted no.";
    let found = found(text);
    for (name, state) in [
        ("N.Y.", "New York"),
        ("W. Va.", "West Virginia"),
        ("Elbow Lake", "Minnesota"),
    ] {
        assert!(
            found
                .iter()
                .any(|(n, c, a)| n == name && c == "US" && a == state),
            "{name}: {found:?}"
        );
    }
}

#[test]
fn la_with_dots_is_los_angeles() {
    let text = "Traffic in L.A. slowed on Friday.";
    let found = places(text);
    let la = place(text, &found, "L.A.");
    assert_eq!(la.name, "Los Angeles");
}

#[test]
fn a_place_no_table_holds_is_placed_in_the_town_of_the_report() {
    let text = "Two men from Zorbleton were held in Torrington on Friday, Torrington police said.";
    let doc = with_mentions(text, &[("Zorbleton", EntityLabel::Gpe)]);
    let town = place(text, &doc.places, "Torrington");
    let village = place(text, &doc.places, "Zorbleton");
    assert_eq!((village.lat, village.lon), (town.lat, town.lon));
    assert_eq!(village.geonames_id, None);
}

#[test]
fn an_acronym_the_table_lacks_is_no_place() {
    let text = "Agents of the GBI searched a house in Torrington on Friday.";
    let doc = with_mentions(text, &[("GBI", EntityLabel::Gpe)]);
    assert!(
        doc.places.iter().all(|p| p.span.of(text) != "GBI"),
        "{:?}",
        doc.places
    );
}

#[test]
fn a_name_found_without_its_first_or_last_word_is_taken_whole() {
    let text = "A Rolling Meadows resident stopped the car. Police said a Zorble Grove man \
                was arrested in Yellow Springs.";
    let names: Vec<String> = found(text).into_iter().map(|(n, _, _)| n).collect();
    for name in ["Rolling Meadows", "Yellow Springs"] {
        assert!(names.contains(&name.to_string()), "{name}: {names:?}");
    }
    assert!(
        !names.iter().any(|n| n == "Meadows" || n == "Springs"),
        "{names:?}"
    );
}

#[test]
fn a_place_no_table_holds_is_placed_in_the_place_that_situates_it() {
    let text = "Protesters gathered on Zorble Square in Bratislava on Friday.";
    let doc = with_mentions(text, &[("Zorble Square", EntityLabel::Fac)]);
    let city = place(text, &doc.places, "Bratislava");
    let square = place(text, &doc.places, "Zorble Square");
    assert_eq!((square.lat, square.lon), (city.lat, city.lon));
}

#[test]
fn a_place_no_table_holds_is_not_placed_in_a_town_the_report_is_not_about() {
    let text = "Envoys from Kyiv met in the Zorbleton palace. Kyiv said fighting in the Kursk \
                region went on, and the Kursk region governor said the Kursk region was calm.";
    let doc = with_mentions(text, &[("Zorbleton", EntityLabel::Gpe)]);
    assert!(
        doc.places.iter().all(|p| p.span.of(text) != "Zorbleton"),
        "{:?}",
        doc.places
    );
}

#[test]
fn a_seat_of_power_is_placed_in_its_city_not_in_the_town_the_report_is_about() {
    let text = "Farmers in Topeka met on Monday. Topeka officials then held talks at the \
                Kremlin, dined in the White House and protested outside Downing Street.";
    let doc = with_mentions(
        text,
        &[
            ("Kremlin", EntityLabel::Fac),
            ("Downing Street", EntityLabel::Fac),
        ],
    );
    for (name, lat, lon) in [
        ("Kremlin", 55.75, 37.62),
        ("White House", 38.90, -77.04),
        ("Downing Street", 51.50, -0.13),
    ] {
        let p = place(text, &doc.places, name);
        assert!(dossier_places::km(p.lat, p.lon, lat, lon) < 30.0, "{p:?}");
        assert_eq!(p.geonames_id, None, "{p:?}");
    }
}

#[test]
fn a_seat_of_power_that_speaks_is_its_government_and_no_place() {
    let text = "Farmers in Topeka met on Monday. The Kremlin said a White House official \
                had called the Topeka mayor.";
    let doc = with_mentions(text, &[("Kremlin", EntityLabel::Gpe)]);
    let names: Vec<&str> = doc.places.iter().map(|p| p.span.of(text)).collect();
    assert_eq!(names, ["Topeka", "Topeka"]);
}

#[test]
fn a_common_word_ending_a_longer_name_is_not_a_town() {
    let text = "The boy was flown to Alder Hey Children's Hospital in Liverpool, and his \
                sister to the Bambino Paediatric Hospital in Rome.";
    let doc = with_mentions(text, &[("Hospital", EntityLabel::Gpe)]);
    let names: Vec<&str> = doc.places.iter().map(|p| p.name.as_str()).collect();
    // The hospitals are sites of their cities, not a town called Hospital.
    assert_eq!(
        names,
        [
            "Alder Hey Children's Hospital, Liverpool",
            "Liverpool",
            "Bambino Paediatric Hospital, Rome",
            "Rome"
        ]
    );
}

#[test]
fn a_direction_the_entity_stage_took_for_a_place_is_none() {
    let text = "The clinic in South L.A. opened on Monday.";
    let doc = with_mentions(text, &[("South", EntityLabel::Gpe)]);
    assert!(
        doc.places.iter().all(|p| p.span.of(text) != "South"),
        "{:?}",
        doc.places
    );
}

#[test]
fn an_acronym_of_a_country_named_in_full_is_that_country() {
    let text = "Mines across South Africa closed on Monday. Unions in SA said talks would \
                resume, while SA Breweries stayed open.";
    let found = places(text);
    let sa = found
        .iter()
        .filter(|p| p.span.of(text) == "SA")
        .collect::<Vec<_>>();
    assert_eq!(sa.len(), 1, "{found:?}");
    assert_eq!(sa[0].country, "ZA");
}

#[test]
fn a_town_that_bears_a_country_s_name_only_as_another_name_is_not_meant() {
    // "Egypt" is also listed as another name of Uhrichsville, Ohio.
    let text = "The Ohio town of Uhrichsville sent a choir to Egypt. Dennison and \
                Newcomerstown, Ohio, joined them in Egypt.";
    let found = places(text);
    let egypt: Vec<&Place> = found
        .iter()
        .filter(|p| p.span.of(text) == "Egypt")
        .collect();
    assert_eq!(egypt.len(), 2, "{found:?}");
    assert!(egypt.iter().all(|p| p.country == "EG"), "{egypt:?}");
}

#[test]
fn a_country_whose_name_runs_on_past_a_hyphen_is_found_whole() {
    let text = "Both sides welcomed the DPRK-South Korea summit and the US-North Korea talks.";
    let found = places(text);
    let names: Vec<(&str, &str)> = found
        .iter()
        .map(|p| (p.span.of(text), p.country.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("DPRK", "KP"),
            ("South Korea", "KR"),
            ("US", "US"),
            ("North Korea", "KP")
        ]
    );
}

#[test]
fn a_hyphenated_name_after_a_name_prefix_is_a_person() {
    let text = "Egypt backs Sudan, El-Feki said in Cairo.";
    let names: Vec<String> = places(text)
        .iter()
        .map(|p| p.span.of(text).to_string())
        .collect();
    assert_eq!(names, ["Egypt", "Sudan", "Cairo"]);
}

#[test]
fn parts_of_continents_and_kosovo_are_places_of_their_own() {
    let text = "Ebola spread across West Africa, while Kosovo and Eastern Europe reported none.";
    let found = places(text);
    let west = place(text, &found, "West Africa");
    assert!(
        dossier_places::km(west.lat, west.lon, 12.0, -2.0) < 161.0,
        "{west:?}"
    );
    assert_eq!(place(text, &found, "Kosovo").country, "XK");
    place(text, &found, "Eastern Europe");
}

#[test]
fn a_place_a_street_is_named_after_says_nothing_of_where_the_report_is() {
    let text = "Hartford police said officers searched a house on Hungerford St. on Tuesday. \
                Four people who live at the house on Hungerford St. were arrested.";
    let found = places(text);
    let hartford = place(text, &found, "Hartford");
    assert_eq!(
        (hartford.country.as_str(), hartford.admin1.as_deref()),
        ("US", Some("Connecticut")),
        "{found:?}"
    );
}

#[test]
fn a_building_named_after_someone_is_not_in_the_small_town_of_that_name() {
    let text = "New Orleans officials reopened the Carnegie Library on Tuesday. \
                The New Orleans library had been closed since the storm.";
    let found = places(text);
    assert!(
        found
            .iter()
            .all(|p| p.admin1.as_deref() != Some("Pennsylvania")),
        "{found:?}"
    );
    // It is a site of the town the report is about.
    let library = place(text, &found, "Carnegie Library");
    assert_eq!(library.name, "Carnegie Library, New Orleans", "{found:?}");
    // A large city's name before a school is where the school is.
    let text = "Students at Houston High gathered on Friday.";
    let found = places(text);
    assert_eq!(place(text, &found, "Houston").country, "US", "{found:?}");
}

#[test]
fn a_title_abbreviated_or_spelled_out_names_the_same_places() {
    let text = "The Mt. Pleasant band played in Iowa City on Friday, and the Mt. Pleasant \
                mayor drove over from Burlington, Iowa.";
    let found = places(text);
    let town = place(text, &found, "Mt. Pleasant");
    assert_eq!(town.admin1.as_deref(), Some("Iowa"), "{found:?}");
}

#[test]
fn a_disease_named_after_a_place_is_no_place() {
    let text = "Lassa fever killed 20 people in Edo and Ondo states in Nigeria, and the \
                Zika virus spread in Recife, where Ebola was also feared.";
    let found = places(text);
    let names: Vec<&str> = found.iter().map(|p| p.span.of(text)).collect();
    for disease in ["Lassa", "Zika", "Ebola"] {
        assert!(!names.contains(&disease), "{disease}: {found:?}");
    }
    // A state called by its base name, in the country the report names.
    assert_eq!(place(text, &found, "Edo").country, "NG", "{found:?}");
}

#[test]
fn a_name_the_text_calls_a_state_or_province_is_the_region() {
    let text = "Cholera cases rose in Pernambuco state and in Bahia state, the ministry said.";
    let doc = with_mentions(
        text,
        &[
            ("Pernambuco", EntityLabel::Gpe),
            ("Bahia", EntityLabel::Gpe),
        ],
    );
    let found = &doc.places;
    // Not Recife, a city GeoNames also lists under the state's name.
    assert_eq!(
        place(text, found, "Pernambuco").name,
        "Pernambuco",
        "{found:?}"
    );
}

#[test]
fn the_name_that_places_a_town_is_its_region_but_not_in_a_list() {
    let text = "A measles outbreak in Clark County, Washington, led to an emergency, and \
                cases were also found in Portland, Oregon.";
    let found = places(text);
    let state = place(text, &found, "Washington");
    assert_eq!(state.name, "Washington", "{found:?}");
    assert_eq!(
        state.precision,
        dossier_core::Precision::Region,
        "{found:?}"
    );
    let text = "Networks in London, Frankfurt, New York and Boston were surveyed.";
    let found = places(text);
    assert_eq!(
        place(text, &found, "New York").name,
        "New York City",
        "{found:?}"
    );
}

#[test]
fn canadian_provinces_written_short_are_the_provinces_but_not_an_era() {
    let text = "Crews from Alberta crossed into B.C. on Monday to fight the fires.";
    let found = places(text);
    assert_eq!(
        place(text, &found, "B.C.").name,
        "British Columbia",
        "{found:?}"
    );
    let text = "The wall was built in Rome around 300 B.C. by the Republic.";
    let found = places(text);
    assert!(found.iter().all(|p| p.span.of(text) != "B.C."), "{found:?}");
}

#[test]
fn an_arabic_town_is_found_without_its_article() {
    let text = "Shells fell on Qamishli and other towns near the border on Tuesday.";
    let doc = with_mentions(text, &[("Qamishli", EntityLabel::Person)]);
    let p = place(text, &doc.places, "Qamishli");
    assert_eq!(p.country, "SY", "{:?}", doc.places);
}

#[test]
fn a_country_named_in_full_is_not_the_country_inside_its_name() {
    let text = "Talks with the Democratic People's Republic of Korea resumed in Seoul.";
    let doc = with_mentions(text, &[("Republic of Korea", EntityLabel::Gpe)]);
    let p = place(text, &doc.places, "Democratic People's Republic of Korea");
    assert_eq!(p.country, "KP", "{:?}", doc.places);
}

#[test]
fn a_hyphenated_county_the_entity_stage_found_is_taken_whole() {
    let text = "Mosquitoes carrying the virus were found in Miami-Dade County this week.";
    let doc = with_mentions(text, &[("Miami-Dade", EntityLabel::Gpe)]);
    assert_eq!(doc.places.len(), 1, "{:?}", doc.places);
    let p = place(text, &doc.places, "Miami-Dade County");
    assert_eq!(p.admin1.as_deref(), Some("Florida"), "{p:?}");
}

#[test]
fn the_gulf_is_the_persian_gulf() {
    let text = "Tankers leaving the Gulf were delayed as tensions with Iran rose.";
    let found = places(text);
    assert_eq!(
        place(text, &found, "Gulf").name,
        "Persian Gulf",
        "{found:?}"
    );
}

#[test]
fn a_word_only_some_towns_other_name_spells_is_no_place_untagged() {
    let text = "She thanked the Academy and her family before the Fox cameras.";
    let found = places(text);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_country_beside_a_peoples_name_in_one_word_is_a_place() {
    let text = "Ministers reviewed Egyptian-US relations and trade on Sunday.";
    let found = places(text);
    assert_eq!(place(text, &found, "US").country, "US", "{found:?}");
}

#[test]
fn initials_of_a_country_whose_people_the_report_names_are_that_country() {
    let text = "Millions of South Africans depend on the mines. That SA holds such reserves \
                matters to every chief in SA.";
    let mut doc = Document::new("t", text);
    let at = text.find("South Africans").unwrap();
    doc.mentions.push(Mention {
        span: Span::new(at, at + "South Africans".len()),
        label: EntityLabel::Norp,
        entity: None,
    });
    stage().run(&mut doc);
    let countries: Vec<&str> = doc.places.iter().map(|p| p.country.as_str()).collect();
    assert_eq!(countries, ["ZA", "ZA"], "{:?}", doc.places);
}

#[test]
fn great_rivers_lakes_and_deserts_are_places_at_their_points() {
    let text = "Barges were stranded on the Danube and the Yangtze River, while herders \
                crossed the Gobi Desert and fishermen left Lake Victoria.";
    let doc = with_mentions(text, &[("Yangtze River", EntityLabel::Org)]);
    let names: Vec<&str> = doc.places.iter().map(|p| p.span.of(text)).collect();
    assert_eq!(
        names,
        ["Danube", "Yangtze River", "Gobi Desert", "Lake Victoria"]
    );
    let lake = place(text, &doc.places, "Lake Victoria");
    assert!(dossier_places::km(lake.lat, lake.lon, -1.0, 33.0) < 161.0);
    // The Sahara is the desert, not a Yemeni hamlet that bears the name.
    let found = places("Temperatures rose across the Sahara this week.");
    assert!(dossier_places::km(found[0].lat, found[0].lon, 23.0, 12.0) < 500.0);
}

#[test]
fn a_surname_that_is_also_a_town_is_no_place_inside_the_persons_name() {
    let text = "The trainer Mike de Kock saddled the winner, and Senator Jane Lincoln \
                watched from Dubai.";
    let doc = with_mentions(
        text,
        &[
            ("Mike de Kock", EntityLabel::Person),
            ("Jane Lincoln", EntityLabel::Person),
            ("Dubai", EntityLabel::Gpe),
        ],
    );
    let names: Vec<&str> = doc.places.iter().map(|p| p.span.of(text)).collect();
    assert_eq!(names, ["Dubai"]);
}

#[test]
fn an_unknown_word_the_report_also_names_a_person_by_is_no_place() {
    // "Tolvard" is in no table: the tagger calls it a place once, and a person's name
    // holds it elsewhere.
    let text = "Marta Tolvard spoke first. Later, Tolvard and her family left for Athens.";
    let mut doc = Document::new("t", text);
    let later = text.rfind("Tolvard").unwrap();
    let athens = text.find("Athens").unwrap();
    for (start, end, label) in [
        (0, 13, EntityLabel::Person),
        (later, later + 7, EntityLabel::Gpe),
        (athens, athens + 6, EntityLabel::Gpe),
    ] {
        doc.mentions.push(Mention {
            span: Span::new(start, end),
            label,
            entity: None,
        });
    }
    stage().run(&mut doc);
    let names: Vec<&str> = doc.places.iter().map(|p| p.span.of(text)).collect();
    assert_eq!(names, ["Athens"]);
}

#[test]
fn climate_patterns_titles_and_airport_codes_are_not_places() {
    // "SOL" is Seoul's airport code and "EA" another name of Tripoli in the table.
    let text = "Forecasters said El Niño would bring rain to Lima. The Home Secretary \
                praised the SOL brand and EA games.";
    let doc = with_mentions(
        text,
        &[
            ("El Niño", EntityLabel::Org),
            ("SOL", EntityLabel::Misc),
            ("EA", EntityLabel::Misc),
        ],
    );
    let names: Vec<&str> = doc.places.iter().map(|p| p.span.of(text)).collect();
    assert_eq!(names, ["Lima"]);
}

#[test]
fn a_possessive_inside_a_name_is_part_of_it() {
    let text = "Cholera spread through the camps near Cox's Bazar, and Young's shop closed.";
    let found = places(text);
    let names: Vec<&str> = found.iter().map(|p| p.span.of(text)).collect();
    assert_eq!(names, ["Cox's Bazar"]);
    assert_eq!(found[0].country, "BD");
}

#[test]
fn a_named_site_the_entity_stage_took_for_an_organisation_is_placed_in_its_town() {
    let text = "The driver was taken to Mossgrove Memorial Hospital in Dayton on Sunday.";
    let doc = with_mentions(
        text,
        &[
            ("Mossgrove Memorial Hospital", EntityLabel::Org),
            ("Dayton", EntityLabel::Gpe),
        ],
    );
    let site = place(text, &doc.places, "Mossgrove Memorial Hospital");
    let town = place(text, &doc.places, "Dayton");
    assert_eq!(site.name, "Mossgrove Memorial Hospital, Dayton");
    assert_eq!((site.lat, site.lon), (town.lat, town.lon));
    assert_eq!(site.geonames_id, None);
}

#[test]
fn a_site_named_for_a_people_or_a_modifier_before_it_is_not_placed_by_its_words() {
    let text = "Visitors queued outside the Russian Museum in Dayton, and a church-run \
                Hospital took the injured.";
    let doc = with_mentions(
        text,
        &[("Russian", EntityLabel::Norp), ("Dayton", EntityLabel::Gpe)],
    );
    let names: Vec<&str> = doc.places.iter().map(|p| p.span.of(text)).collect();
    assert_eq!(names, ["Dayton"]);
}

#[test]
fn a_surname_after_a_title_in_a_long_name_is_no_town_elsewhere() {
    // The tagger ran the officer's name into an organisation's.
    let text = "According to a report by PPD Patrolman Dale Whitaker, cash was taken from \
                a store in Harrisburg. A second report by Whitaker said more was taken.";
    let doc = with_mentions(
        text,
        &[
            ("PPD Patrolman Dale Whitaker", EntityLabel::Org),
            ("Harrisburg", EntityLabel::Gpe),
        ],
    );
    let names: Vec<&str> = doc.places.iter().map(|p| p.span.of(text)).collect();
    assert_eq!(names, ["Harrisburg"]);
}

#[test]
fn a_university_named_after_a_small_town_is_not_in_that_town() {
    // Harvard, Illinois is a small town near Chicago: still not where the university is.
    let text = "She studied law at Harvard University and now works in Chicago, Illinois.";
    let names: Vec<String> = places(text)
        .iter()
        .map(|p| p.span.of(text).to_string())
        .collect();
    assert!(names.contains(&"Chicago".to_string()), "{names:?}");
    assert!(!names.contains(&"Harvard".to_string()), "{names:?}");
}

#[test]
fn a_foreign_name_of_a_place_inside_an_organisations_name_is_no_place() {
    // The table knows "Holy Spirit" only as the English name of Espírito Santo.
    let text = "Pupils of Holy Spirit Academy raised money for a shelter in Boston.";
    let doc = with_mentions(
        text,
        &[
            ("Holy Spirit Academy", EntityLabel::Org),
            ("Boston", EntityLabel::Gpe),
        ],
    );
    let names: Vec<&str> = doc.places.iter().map(|p| p.span.of(text)).collect();
    assert_eq!(names, ["Boston"]);
}

#[test]
fn a_name_written_with_or_without_a_space_is_still_its_places() {
    let text = "The DeSoto Parish Police Jury met on Monday.";
    let doc = with_mentions(text, &[("DeSoto Parish Police Jury", EntityLabel::Org)]);
    let names: Vec<&str> = doc.places.iter().map(|p| p.span.of(text)).collect();
    assert_eq!(names, ["DeSoto Parish"]);
}

fn places_from(url: &str, text: &str) -> Vec<Place> {
    let mut doc = Document::new("t", text).with_meta(dossier_core::Metadata {
        url: Some(url.into()),
        ..dossier_core::Metadata::default()
    });
    stage().run(&mut doc);
    doc.places
}

#[test]
fn the_outlet_s_country_settles_a_near_tie_but_moves_no_famous_city() {
    let text = "Richmond council approved the new budget on Monday.";
    let country = |url: &str| {
        place(text, &places_from(url, text), "Richmond")
            .country
            .clone()
    };
    assert_eq!(country("https://www.example.ca/local/budget"), "CA");
    assert_eq!(country("https://www.example.com/local/budget"), "US");
    assert_eq!(country("https://news.example.co.uk/local/budget"), "GB");
    // A city of millions abroad stays itself in a British paper.
    let text = "Flights to Sydney were cancelled on Monday.";
    let found = places_from("https://news.example.co.uk/travel", text);
    assert_eq!(place(text, &found, "Sydney").country, "AU");
}

#[test]
fn a_country_whose_people_the_report_names_is_what_its_bare_name_means() {
    let text = "Senators in Washington and officials in Atlanta and Boston argued over aid. \
                This was Russia's approach in Georgia. After seizing Georgian territory in \
                2008, Russia worked to corrupt Georgian politics.";
    let georgia = |demonyms: bool| {
        let mut doc = Document::new("t", text);
        if demonyms {
            for (k, (at, _)) in text.match_indices("Georgian").enumerate() {
                doc.mentions.push(Mention {
                    span: Span::new(at, at + "Georgian".len()),
                    label: EntityLabel::Norp,
                    entity: Some(EntityId(0)),
                });
                if k == 0 {
                    doc.entities.push(Entity {
                        name: "Georgian".into(),
                        label: EntityLabel::Norp,
                        key: "norp:georgian".into(),
                        mentions: vec![],
                        country: Some("GE".into()),
                        geonames_id: None,
                    });
                }
                doc.entities[0].mentions.push(MentionId(k as u32));
            }
        }
        stage().run(&mut doc);
        place(text, &doc.places, "Georgia").country.clone()
    };
    assert_eq!(georgia(false), "US", "without its people, the state");
    assert_eq!(georgia(true), "GE");
}

#[test]
fn a_country_or_great_city_abroad_is_not_its_namesake_town_in_another_country_s_report() {
    // A list of countries is no "Town, Country", and American places elsewhere in an
    // international report do not make "Russia" or "Berlin" Ohio's.
    let text = "Ukraine, Russia, US discuss the plan. Officials in Ohio, Dayton and Columbus \
                followed the talks. In Paris and Berlin, and in Kyiv and Kharkiv, diplomats \
                met. Envoys from Ukraine, Russia and Moldova flew to Kyiv and Lviv.";
    let found = places(text);
    for p in found.iter().filter(|p| p.span.of(text) == "Russia") {
        assert_eq!(p.country, "RU", "{p:?}");
    }
    assert_eq!(place(text, &found, "Berlin").country, "DE");
    // Local news from the town's own country keeps its town.
    let text = "Berlin police said the Holmes County fair will open Friday. Officials in \
                Millersburg, Wooster and Columbus, Ohio, agreed.";
    let found = places(text);
    assert_eq!(place(text, &found, "Berlin").country, "US");
}

#[test]
fn a_region_in_brackets_places_its_town() {
    let text = "Protesters rallied at the town hall in Deep River (Connecticut) on Monday.";
    let found = places(text);
    let p = place(text, &found, "Deep River");
    assert_eq!(
        (p.country.as_str(), p.admin1.as_deref()),
        ("US", Some("Connecticut"))
    );
}

#[test]
fn an_organisation_s_acronym_written_as_a_word_is_no_village() {
    let text = "At the meeting of Nato-member intelligence chiefs in Brussels, Wagner fighters \
                and Opec output were discussed.";
    let found = places(text);
    let names: Vec<&str> = found.iter().map(|p| p.span.of(text)).collect();
    assert_eq!(names, ["Brussels"]);
}

#[test]
fn a_state_by_its_own_name_is_not_a_small_town_far_away_that_bears_it() {
    let text = "Officials in Pittsburgh, Harrisburg and Erie, Pennsylvania, watched as a judge \
                blocked California's ban.";
    let found = places(text);
    let p = place(text, &found, "California");
    assert_eq!(p.admin1.as_deref(), Some("California"), "{p:?}");
    assert_eq!(p.precision, Precision::Region);
}

#[test]
fn an_international_report_keeps_a_village_only_where_it_speaks_of_its_country() {
    let text = "Diplomats from London, Paris, Berlin, Warsaw, Tokyo and Ottawa met on Monday. \
                Chevron said oil prices rose.";
    let found = places(text);
    assert!(
        found.iter().all(|p| p.span.of(text) != "Chevron"),
        "{found:?}"
    );
}

#[test]
fn parties_prizes_and_clubs_are_no_towns() {
    let text = "The Liberal Democrats and the Lib Dems' leader Paul Smith watched Arsenal \
                win before the Grand Slam in London.";
    let found = places(text);
    let names: Vec<&str> = found.iter().map(|p| p.span.of(text)).collect();
    assert_eq!(names, ["London"]);
}

#[test]
fn a_national_outlet_named_without_an_address_gives_its_country() {
    let text = "Richmond council approved the new budget on Monday.";
    let country = |source: &str| {
        let mut doc = Document::new("t", text).with_meta(dossier_core::Metadata {
            source: Some(source.into()),
            ..dossier_core::Metadata::default()
        });
        stage().run(&mut doc);
        place(text, &doc.places, "Richmond").country.clone()
    };
    assert_eq!(country("BBC News"), "GB");
    assert_eq!(country("CBC News"), "CA");
    assert_eq!(country("Reuters"), "US", "a world agency says nothing");
}

#[test]
fn weapons_in_a_war_report_are_no_places() {
    let text = "Russia fired Iskander and Kinzhal missiles at Kharkiv, and Ukraine answered with \
                Himars and Patriot systems.";
    let found = places(text);
    let names: Vec<&str> = found.iter().map(|p| p.span.of(text)).collect();
    assert_eq!(names, ["Russia", "Kharkiv", "Ukraine"]);
}
