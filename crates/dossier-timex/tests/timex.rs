//! What the stage finds and how it normalises it, on sentences written for these tests.

use chrono::NaiveDate;
use dossier_core::{DateSource, Document, Metadata, Stage};
use dossier_timex::TimexStage;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn run(text: &str, published: Option<&str>) -> Document {
    let meta = Metadata {
        published: published.map(date),
        ..Metadata::default()
    };
    let mut doc = Document::new("t", text).with_meta(meta);
    TimexStage::new().run(&mut doc);
    doc
}

/// The expressions as "text = VALUE", with " (MOD)" when there is a modifier.
fn found(text: &str, published: Option<&str>) -> Vec<String> {
    let doc = run(text, published);
    doc.times
        .iter()
        .map(|t| match &t.modifier {
            Some(m) => format!("{} = {} ({m})", doc.str(t.span), t.value),
            None => format!("{} = {}", doc.str(t.span), t.value),
        })
        .collect()
}

const SAT: Option<&str> = Some("2025-01-11");

#[test]
fn explicit_dates_in_news_formats() {
    assert_eq!(
        found(
            "Talks opened on January 11, 2025 and 11 January 2025 was cold. The file is dated 2025-01-11 and 1/11/2025.",
            None
        ),
        [
            "January 11, 2025 = 2025-01-11",
            "11 January 2025 = 2025-01-11",
            "2025-01-11 = 2025-01-11",
            "1/11/2025 = 2025-01-11"
        ]
    );
    assert_eq!(
        found("The ceasefire began on Jan. 11.", SAT),
        ["Jan. 11 = 2025-01-11"]
    );
    assert_eq!(
        found("Prices rose in the 1990s, in 1998 and in fiscal 1999.", SAT),
        ["the 1990s = 199", "1998 = 1998", "fiscal 1999 = 1999"]
    );
    assert_eq!(
        found("Profit fell in the third quarter.", SAT),
        ["the third quarter = 2024-Q3"]
    );
}

#[test]
fn clock_times_take_the_day_they_belong_to() {
    assert_eq!(
        found("The blast came at 3:30 p.m. on the border.", SAT),
        ["3:30 p.m. = 2025-01-11T15:30"]
    );
    assert_eq!(
        found("They met at noon Friday.", SAT),
        ["noon Friday = 2025-01-10T12:00"]
    );
}

#[test]
fn durations_and_sets() {
    assert_eq!(
        found(
            "The siege lasted two days, the war three years, the drought a decade and the talks several weeks.",
            SAT
        ),
        [
            "two days = P2D",
            "three years = P3Y",
            "a decade = P10Y",
            "several weeks = PXW"
        ]
    );
    assert_eq!(
        found("Inspectors visit every week and report annually.", SAT),
        ["every week = P1W", "annually = P1Y"]
    );
    assert_eq!(
        found("Prices have risen over the past three months.", SAT),
        ["the past three months = P3M"]
    );
    assert_eq!(
        found(
            "Prices rose over the past decade, more than in the last decade.",
            SAT
        ),
        ["the past decade = P10Y", "the last decade = 201"]
    );
    assert_eq!(
        found(
            "She signed a two-year deal after a several-year wait and a multi-week search.",
            SAT
        ),
        ["two-year = P2Y", "several-year = PXY", "multi-week = PXW"]
    );
}

#[test]
fn present_past_and_future_references() {
    assert_eq!(
        found(
            "The city is now quiet and currently safe; shelling recently stopped and may resume in the future.",
            SAT
        ),
        [
            "now = PRESENT_REF",
            "currently = PRESENT_REF",
            "recently = PAST_REF",
            "the future = FUTURE_REF"
        ]
    );
    // What becomes of someone is no time.
    assert!(found("Talks matter to the future of both peoples.", SAT).is_empty());
}

#[test]
fn weekdays_point_the_way_the_tense_does() {
    // 2025-01-11 is a Saturday.
    assert_eq!(
        found("Drones struck the city on Saturday, officials said.", SAT),
        ["Saturday = 2025-01-11"]
    );
    assert_eq!(
        found("The ministers met on Monday.", SAT),
        ["Monday = 2025-01-06"]
    );
    assert_eq!(
        found("The ministers will meet on Monday.", SAT),
        ["Monday = 2025-01-13"]
    );
}

#[test]
fn relative_expressions_move_from_the_anchor() {
    assert_eq!(
        found(
            "Yesterday the army advanced; last week it retreated; last year it held; next month it may rest.",
            SAT
        ),
        [
            "Yesterday = 2025-01-10",
            "last week = 2025-W01",
            "last year = 2024",
            "next month = 2025-02"
        ]
    );
    assert_eq!(
        found("The offensive began two years ago.", SAT),
        ["two years ago = 2023"]
    );
    assert_eq!(
        found("The troops arrived this past summer.", SAT),
        ["this past summer = 2024-SU"]
    );
}

#[test]
fn parts_of_a_month_carry_a_modifier() {
    assert_eq!(
        found("The troops crossed the border in early November.", SAT),
        ["early November = 2024-11 (START)"]
    );
    assert_eq!(
        found("Fighting has gone on since early August.", SAT),
        ["early August = 2024-08 (START)"]
    );
}

#[test]
fn since_and_until_mark_the_ends_of_a_stretch_of_time() {
    let doc = run(
        "Fighting has gone on since early August and the ceasefire holds until March. \
         The ban applies starting Monday. Talks took place in November.",
        SAT,
    );
    let bounds: Vec<(&str, Option<&str>)> = doc
        .times
        .iter()
        .map(|t| (doc.str(t.span), t.bound.map(|b| b.as_str())))
        .collect();
    assert_eq!(
        bounds,
        [
            ("early August", Some("start")),
            ("March", Some("end")),
            ("Monday", Some("start")),
            ("November", None)
        ]
    );
}

#[test]
fn without_an_anchor_relative_values_stay_unknown() {
    assert_eq!(
        found(
            "Officials said on Saturday that the talks of last week failed.",
            None
        ),
        ["Saturday = XXXX-WXX-6", "last week = XXXX-WXX"]
    );
}

#[test]
fn an_embedded_post_dates_an_undated_document() {
    let text = "Drones hit the port on Saturday, the president wrote.\n\
                We will not give up.\n\
                — Andrii Melnyk (@AndriiMelnykUA) January 11, 2025";
    let doc = run(text, None);
    let (anchor, source) = doc.anchor.clone().expect("an inferred date");
    assert_eq!(anchor, date("2025-01-11"));
    let DateSource::Inferred { evidence } = source else {
        panic!("not marked as inferred")
    };
    assert_eq!(doc.str(evidence), "January 11, 2025");
    assert_eq!(doc.times[0].value, "2025-01-11");
    assert!(doc.times[0].anchored);
}

#[test]
fn a_dateline_needs_a_year_from_elsewhere() {
    let text = "KYIV, Jan 11 (Reuters) - Talks resumed on Friday after a pause that began on December 30, 2024.";
    let doc = run(text, None);
    assert_eq!(doc.anchor.as_ref().map(|a| a.0), Some(date("2025-01-11")));

    let bare = run("KYIV, Jan 11 (Reuters) - Talks resumed on Friday.", None);
    assert_eq!(bare.anchor, None);
    assert_eq!(
        bare.times
            .iter()
            .map(|t| t.value.as_str())
            .collect::<Vec<_>>(),
        ["XXXX-01-11", "XXXX-WXX-5"]
    );
}

#[test]
fn a_given_date_is_kept() {
    let doc = run("It rained on Friday.", SAT);
    assert_eq!(doc.anchor, Some((date("2025-01-11"), DateSource::Metadata)));
}

#[test]
fn a_dateline_a_day_off_the_given_date_dates_the_writing() {
    // Filed on Sunday the 12th by the dateline, stamped Saturday the 11th.
    let text = "SEOUL, Jan 12 (Reuters) - Markets will open today, officials said yesterday.";
    assert_eq!(
        found(text, SAT),
        [
            "Jan 12 = 2025-01-12",
            "today = 2025-01-12",
            "yesterday = 2025-01-11"
        ]
    );
    assert_eq!(
        found("ZEEBRUGGE, Belgium, Jan 12 - The port opens today.", SAT),
        ["Jan 12 = 2025-01-12", "today = 2025-01-12"]
    );
    // The document keeps the date it came with.
    assert_eq!(run(text, SAT).anchor.map(|a| a.0), Some(date("2025-01-11")));
    // A first sentence is no dateline, and a dateline far off the given date is not trusted.
    assert_eq!(
        found("On Jan 12, talks end - and today they resume.", SAT),
        ["Jan 12 = 2025-01-12", "today = 2025-01-11"]
    );
    assert_eq!(
        found("SEOUL, Jan 20 (Reuters) - Talks resume today.", SAT),
        ["Jan 20 = 2025-01-20", "today = 2025-01-11"]
    );
}

#[test]
fn odd_input_is_not_a_crash() {
    for text in [
        "",
        "Feb. 30",
        "the the the",
        "13/45/2025",
        "at 99:99 p.m.",
        "— (@x) January 32, 2025",
        "1/1/",
        "early",
    ] {
        run(text, None);
        run(text, SAT);
    }
}

#[test]
fn current_before_a_noun_means_now() {
    assert_eq!(
        found(
            "Under current rules the plant may stay open, in the current quarter at least.",
            SAT
        ),
        ["current = PRESENT_REF", "the current quarter = 2025-Q1"]
    );
    assert_eq!(
        found("The current account deficit grew.", SAT),
        Vec::<String>::new()
    );
}

#[test]
fn ages_and_rates_are_not_durations() {
    assert_eq!(
        found("The mayor, 52 years old, resigned.", SAT),
        Vec::<String>::new()
    );
    assert_eq!(
        found(
            "The deal saves $3 million a year and adds four flights a week.",
            SAT
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        found(
            "Sales should grow 8% annually, and the plant makes 500 engines weekly.",
            SAT
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        found(
            "The field pumps 90,000 barrels per day and the chip runs 15 million steps per second.",
            SAT
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        found(
            "The council meets annually and the ferry sails twice per week.",
            SAT
        ),
        ["annually = P1Y", "twice per week = P1W"]
    );
    assert_eq!(
        found("Profit was $3 million a year earlier.", SAT),
        ["a year earlier = 2024"]
    );
}

#[test]
fn the_year_ago_period_of_a_year_already_past_is_that_year() {
    // 2024 is already the year before the report, so "year-ago" points back to it.
    assert_eq!(
        found(
            "Sales rose from the 2024 period. The year-ago results were restated.",
            SAT
        ),
        ["the 2024 period = 2024", "year-ago = 2024"]
    );
}

#[test]
fn schedules_and_plans_point_the_way_they_read() {
    // 2025-01-11 is a Saturday.
    assert_eq!(
        found("The talks are set to resume Monday.", SAT),
        ["Monday = 2025-01-13"]
    );
    assert_eq!(
        found("The offer had been due to expire Friday.", SAT),
        ["Friday = 2025-01-10"]
    );
    assert_eq!(
        found(
            "On Thursday, when the envoy dropped his holiday plans, the talks stalled.",
            SAT
        ),
        ["Thursday = 2025-01-09"]
    );
    assert_eq!(
        found("The envoy could arrive as soon as Tuesday.", SAT),
        ["Tuesday = 2025-01-14"]
    );
}

#[test]
fn parts_of_a_day_take_the_day_named() {
    assert_eq!(
        found(
            "Shares fell at mid-afternoon yesterday. On Friday, dealers bought in the morning. The morning paper came.",
            SAT
        ),
        [
            "mid-afternoon yesterday = 2025-01-10TAF",
            "Friday = 2025-01-10",
            "the morning = 2025-01-10TMO"
        ]
    );
    assert_eq!(
        found("He will leave at 4 in the morning on Monday.", SAT),
        ["4 in the morning = 2025-01-13T04:00", "Monday = 2025-01-13"]
    );
}

#[test]
fn weekday_nights_in_the_plural_recur() {
    assert_eq!(
        found(
            "Flights leave on Monday and Tuesday nights, and on Friday mornings.",
            SAT
        ),
        [
            "Monday = XXXX-WXX-1TNI",
            "Tuesday nights = XXXX-WXX-2TNI",
            "Friday mornings = XXXX-WXX-5TMO"
        ]
    );
}

#[test]
fn a_sunday_paper_is_no_day() {
    assert_eq!(
        found(
            "A poll in the Sunday Times put Labour ahead on Sunday.",
            SAT
        ),
        ["Sunday = 2025-01-05"]
    );
}

#[test]
fn a_weekday_night_is_that_day() {
    // The news corpora mark "Friday night" whole, valued as the day about as often as its night.
    assert_eq!(
        found("Protesters gathered Friday night in the square.", SAT),
        ["Friday night = 2025-01-10"]
    );
}

#[test]
fn the_year_is_the_reports_unless_its_end_is_given() {
    assert_eq!(
        found("For the year, sales rose; by year end they may fall.", SAT),
        ["the year = 2025", "year end = 2025 (END)"]
    );
    assert_eq!(
        found(
            "Profit for the year ended June 30 fell, and the current fiscal year looks better.",
            SAT
        ),
        [
            "the year = P1Y",
            "June 30 = 2024-06-30",
            "the current fiscal year = 2025"
        ]
    );
}

#[test]
fn a_year_before_a_quarter_names_that_years_quarter() {
    assert_eq!(
        found(
            "Profit rose in the third quarter, against a loss in the 2023 quarter.",
            SAT
        ),
        ["the third quarter = 2024-Q3", "the 2023 quarter = 2023-Q3"]
    );
    // With no quarter named, the one just reported: the report is from 2025's first.
    assert_eq!(
        found("Profit rose from the 2023 quarter.", SAT),
        ["the 2023 quarter = 2023-Q4"]
    );
}

#[test]
fn a_year_ago_compares_with_the_reported_quarter_not_a_forecast() {
    // 2025-01-11 reports on 2024's fourth quarter; 2026 is a forecast.
    assert_eq!(
        found(
            "Losses may last through the third quarter of 2026. In the year-ago period, it earned more.",
            SAT
        ),
        [
            "the third quarter of 2026 = 2026-Q3",
            "the year-ago period = 2023-Q4"
        ]
    );
    assert_eq!(
        found(
            "It earned more in the year-ago quarter. The year-ago results were restated.",
            SAT
        ),
        ["the year-ago quarter = 2023-Q4", "year-ago = 2024"]
    );
    assert_eq!(
        found(
            "Profit for the third quarter ended Sept. 30 rose. The year-ago results were restated.",
            SAT
        ),
        [
            "the third quarter = 2024-Q3",
            "Sept. 30 = 2024-09-30",
            "year-ago = 2023-Q3"
        ]
    );
    assert_eq!(
        found(
            "Profit rose in the third quarter. For the quarter a year ago, it lost money.",
            SAT
        ),
        [
            "the third quarter = 2024-Q3",
            "the quarter a year ago = 2023-Q3"
        ]
    );
}

#[test]
fn a_year_ago_beside_a_count_of_months_is_that_year() {
    assert_eq!(
        found(
            "Profit rose in the third quarter. For the nine months, it earned $9 million, up from $7 million a year earlier.",
            SAT
        ),
        [
            "the third quarter = 2024-Q3",
            "the nine months = P9M",
            "a year earlier = 2023"
        ]
    );
}

#[test]
fn participles_and_adjectives_are_not_past_verbs() {
    // "will be named" is future, "a still unspecified date" says nothing of time.
    assert_eq!(
        found(
            "She will be named commander for a mission in December.",
            SAT
        ),
        ["December = 2025-12"]
    );
    assert_eq!(
        found("The stock is to resume trading in Paris on Tuesday.", SAT),
        ["Tuesday = 2025-01-14"]
    );
    assert_eq!(
        found(
            "The bonus would be paid on a still unspecified date in March.",
            SAT
        ),
        ["March = 2025-03"]
    );
    // A past verb between a modal and the date governs it.
    assert_eq!(
        found(
            "Officials will decide on the boy who was rescued in late November.",
            SAT
        ),
        ["late November = 2024-11 (END)"]
    );
}

#[test]
fn a_title_is_not_a_time() {
    assert_eq!(
        found(
            "He said on ABC's \"This Week\" and \"60 Minutes\" that talks failed, as USA Today reported.",
            SAT
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        found("This week, talks failed.", SAT),
        ["This week = 2025-W02"]
    );
}

#[test]
fn days_counted_from_the_day_just_named() {
    assert_eq!(
        found(
            "Stocks fell on Jan. 10, down 4% from the previous Friday.",
            SAT
        ),
        ["Jan. 10 = 2025-01-10", "the previous Friday = 2025-01-03"]
    );
    assert_eq!(
        found("The summit meets on April 24 and 25 in Washington.", SAT),
        ["April 24 = 2025-04-24", "25 = 2025-04-25"]
    );
}

#[test]
fn vague_spans_of_time_and_future_references() {
    assert_eq!(
        found(
            "Over the next couple of years and in the weeks ahead, growth is the first in years; \
             details come at a later date and in the short term.",
            SAT
        ),
        [
            "the next couple of years = P2Y",
            "the weeks ahead = PXW",
            "years = PXY",
            "a later date = FUTURE_REF",
            "the short term = FUTURE_REF"
        ]
    );
    assert_eq!(
        found(
            "Over the last twenty four hours, voters talked of Election Day. They will vote on Election Day.",
            SAT
        ),
        [
            "the last twenty four hours = PT24H",
            "Election Day = 2024-11-05",
            "Election Day = 2025-11-04"
        ]
    );
}

#[test]
fn anaphoric_and_compound_dates() {
    assert_eq!(
        found(
            "The plant opened in 2019. The following year it closed.",
            SAT
        ),
        ["2019 = 2019", "The following year = 2020"]
    );
    assert_eq!(
        found(
            "Sales for the fiscal year ended March 31 rose, but the last half of 2024 was weak.",
            SAT
        ),
        [
            "the fiscal year = P1Y",
            "March 31 = 2024-03-31",
            "the last half of 2024 = 2024-H2"
        ]
    );
    assert_eq!(
        found(
            "Crowds gathered on Dec. 20 last year and the day before yesterday.",
            SAT
        ),
        [
            "Dec. 20 last year = 2024-12-20",
            "the day before yesterday = 2025-01-09"
        ]
    );
    assert_eq!(
        found(
            "He appeared in court on Jan. 6 and again the next morning, then the next day.",
            SAT
        ),
        [
            "Jan. 6 = 2025-01-06",
            "the next morning = 2025-01-07TMO",
            "the next day = 2025-01-07"
        ]
    );
    assert_eq!(
        found(
            "They met the day before last Tuesday and the day after Christmas.",
            SAT
        ),
        [
            "the day before last Tuesday = 2025-01-06",
            "the day after Christmas = 2024-12-26"
        ]
    );
    assert_eq!(
        found("The offer expires at 5 p.m. EST, Jan. 20.", SAT),
        ["5 p.m. EST, Jan. 20 = 2025-01-20T17:00"]
    );
}

#[test]
fn a_year_ago_part_or_span_is_one_expression() {
    assert_eq!(
        found(
            "Profit rose in the third quarter. In the year-ago third quarter it fell.",
            SAT
        ),
        [
            "the third quarter = 2024-Q3",
            "the year-ago third quarter = 2023-Q3"
        ]
    );
    assert_eq!(
        found("Net for the year-earlier nine months included a gain.", SAT),
        ["the year-earlier nine months = P9M"]
    );
    assert_eq!(
        found(
            "Profit rose in the third quarter, against the corresponding period last year. Sales for last year's quarter fell.",
            SAT
        ),
        [
            "the third quarter = 2024-Q3",
            "the corresponding period last year = 2023-Q3",
            "last year's quarter = 2023-Q3"
        ]
    );
}

#[test]
fn a_quarter_looked_ahead_to_is_not_the_reported_one() {
    // 2025-04-20 reports 2025's first quarter; the second is still running.
    let apr = Some("2025-04-20");
    assert_eq!(
        found(
            "Profit rose in the first quarter. The storm will cause a second-quarter charge. Sales fell in the latest quarter.",
            apr
        ),
        [
            "the first quarter = 2025-Q1",
            "second-quarter = 2025-Q2",
            "the latest quarter = 2025-Q1"
        ]
    );
    // A fiscal quarter reported in the past is the reference even if its number is the current one.
    assert_eq!(
        found(
            "The company reported a decline in second-quarter earnings. Sales in the latest period rose.",
            apr
        ),
        ["second-quarter = 2025-Q2", "the latest period = 2025-Q2"]
    );
}

#[test]
fn spoken_years_join_the_month_or_season_before_them() {
    assert_eq!(
        found(
            "Prices last fell this low in the winter of nineteen ninety-four and in January nineteen ninety-seven.",
            SAT
        ),
        [
            "the winter of nineteen ninety-four = 1994-WI",
            "January nineteen ninety-seven = 1997-01"
        ]
    );
}

#[test]
fn idioms_and_shares_are_not_times() {
    assert_eq!(
        found(
            "For the city, high noon comes today, as in the film \"High Noon.\"",
            SAT
        ),
        ["today = 2025-01-11"]
    );
    assert_eq!(
        found(
            "Funds hold more than a quarter of the market, in today's world.",
            SAT
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        found(
            "Now, he says, the war is over. Now for the weather. It is now cold.",
            SAT
        ),
        ["now = PRESENT_REF"]
    );
    assert_eq!(
        found("It was printed in today's editions.", SAT),
        ["today = 2025-01-11"]
    );
}

#[test]
fn a_span_before_an_event_is_a_duration() {
    assert_eq!(
        found(
            "Banks must wait at least 30 days before closing the purchase.",
            SAT
        ),
        ["at least 30 days = P30D (EQUAL_OR_MORE)"]
    );
    // Days and weeks before or after stay spans; a year earlier is a date.
    assert_eq!(
        found(
            "Three days later, he left. A year earlier, he had stayed.",
            SAT
        ),
        ["Three days = P3D", "A year earlier = 2024"]
    );
}

#[test]
fn the_week_of_a_day_is_its_iso_week() {
    assert_eq!(
        found("Mediators met in the week of March 6.", SAT),
        ["the week of March 6 = 2025-W10"]
    );
}

#[test]
fn a_clock_time_takes_the_day_given_beside_it() {
    assert_eq!(
        found(
            "He will leave at 4 in the morning (4 a.m. EST Tuesday).",
            SAT
        ),
        [
            "4 in the morning = 2025-01-14T04:00",
            "4 a.m. EST Tuesday = 2025-01-14T04:00"
        ]
    );
}

#[test]
fn some_day_to_come_and_a_while_have_no_length() {
    assert_eq!(
        found(
            "The city will one day be the largest; the strike lasted one day.",
            SAT
        ),
        ["one day = FUTURE_REF", "one day = P1D"]
    );
    assert_eq!(
        found("They will have to live without it for a while.", SAT),
        ["a while = PXX"]
    );
}

#[test]
fn a_weekday_with_a_possessive_has_passed() {
    // Saturday 2025-01-11: Wednesday's ruling was the 8th, not the 15th.
    assert_eq!(
        found(
            "Lawyers would look for ways to overturn Wednesday's ruling.",
            SAT
        ),
        ["Wednesday = 2025-01-08"]
    );
}

#[test]
fn soon_is_future_only_beside_a_modal() {
    assert_eq!(
        found(
            "Regulators may soon approve the merger, and the plant soon will reopen.",
            SAT
        ),
        ["soon = FUTURE_REF", "soon = FUTURE_REF"]
    );
    assert!(
        found(
            "He was soon released, and left as soon as he could, soon after dawn.",
            SAT
        )
        .is_empty()
    );
}

#[test]
fn the_quarter_stays_the_one_reported_after_a_month_is_named() {
    // 2025-10-26: a fiscal first quarter is reported; "earlier this month" names no
    // quarter, so "the quarter" is still the first, not the calendar quarter just ended.
    assert_eq!(
        found(
            "Profit rose in the fiscal-first quarter. Earlier this month, it said it would break even for the quarter.",
            Some("2025-10-26")
        ),
        [
            "the fiscal-first quarter = 2025-Q1",
            "Earlier this month = 2025-10 (START)",
            "the quarter = 2025-Q1"
        ]
    );
    // A quarter still running is no period reported on.
    assert_eq!(
        found(
            "Sales rose in the third quarter. The fourth quarter has begun well. On Oct. 3 it hired staff. Costs fell in the latest quarter.",
            Some("2025-10-26")
        ),
        [
            "the third quarter = 2025-Q3",
            "The fourth quarter = 2025-Q4",
            "Oct. 3 = 2025-10-03",
            "the latest quarter = 2025-Q3"
        ]
    );
}

#[test]
fn over_the_years_is_a_stretch_of_unstated_length() {
    assert_eq!(
        found(
            "Over the years the town grew, and in the years that followed it shrank. In the weeks before the vote, as in the days when it was young, nobody spoke.",
            SAT
        ),
        ["the years = PXY", "the years = PXY"]
    );
}

#[test]
fn the_nth_day_of_something_that_is_going_on_is_the_reports_day() {
    assert_eq!(
        found(
            "Today is the eighth day of the blockade. It was the third day of talks. The risk is the first day of trading.",
            SAT
        ),
        ["Today = 2025-01-11", "the eighth day = 2025-01-11"]
    );
}

#[test]
fn a_part_of_this_or_last_year_is_one_expression() {
    assert_eq!(
        found(
            "Growth slowed in the first half of last year and will pick up in the second half of the year. The third quarter of this year looks weak.",
            SAT
        ),
        [
            "the first half of last year = 2024-H1",
            "the second half of the year = 2025-H2",
            "The third quarter of this year = 2025-Q3"
        ]
    );
}

#[test]
fn last_quarter_is_the_one_before_the_reports() {
    let found = found(
        "Downgrades were the fewest since the first quarter of 2023. Most downgrades last quarter hit banks.",
        SAT,
    );
    assert_eq!(found.last().unwrap(), "last quarter = 2024-Q4");
}

#[test]
fn what_follows_since_has_begun() {
    assert_eq!(
        found(
            "Prices have stayed high since March due to the drought. The plant has been shut since early January.",
            SAT
        ),
        ["March = 2024-03", "early January = 2025-01 (START)"]
    );
    assert_eq!(
        found("Fighting has continued since Friday.", SAT),
        ["Friday = 2025-01-10"]
    );
}

#[test]
fn until_a_day_already_over_takes_the_clauses_tense() {
    assert_eq!(
        found("Until Thursday, the police had not named a suspect.", SAT),
        ["Thursday = 2025-01-09"]
    );
    assert_eq!(
        found("The vote was postponed until Tuesday.", SAT),
        ["Tuesday = 2025-01-14"]
    );
}

#[test]
fn a_year_before_counts_back_before_a_conjunction() {
    assert_eq!(
        found(
            "Sales were 40 million, up from 30 million a year before and ahead of forecasts.",
            SAT
        ),
        ["a year before = 2024"]
    );
}

#[test]
fn wire_clock_times_and_old_decade_spellings() {
    assert_eq!(
        found("Trading opens at 0930 hrs tomorrow.", SAT),
        ["0930 hrs tomorrow = 2025-01-12T09:30"]
    );
    assert_eq!(
        found("The blast came at 1430 GMT.", SAT),
        ["1430 GMT = 2025-01-11T14:30"]
    );
    assert_eq!(
        found("The blast came at 10:35 a.m. (0735 GMT).", SAT),
        ["10:35 a.m. = 2025-01-11T10:35"]
    );
    assert_eq!(
        found("Prices fell in the early 1970's and in the 1980's.", SAT),
        ["the early 1970's = 197 (START)", "the 1980's = 198"]
    );
}

#[test]
fn year_end_as_a_noun_is_the_last_day_of_the_year() {
    let nov = Some("1989-11-02");
    assert_eq!(
        found("The sale should close by year-end.", nov),
        ["year-end = 1989-12-31"]
    );
    assert_eq!(
        found("The index has risen 12% since year-end.", nov),
        ["year-end = 1988-12-31"]
    );
    assert_eq!(
        found("Year-end bonuses were cut.", nov),
        ["Year-end = 1989 (END)"]
    );
    assert_eq!(
        found(
            "Reserves at year-end 1988 were high; assets at year-end were low.",
            nov
        ),
        ["year-end 1988 = 1988-12-31", "year-end = 1989-12-31"]
    );
    assert_eq!(
        found("It moved its fiscal year-end to June.", nov)[0],
        "year-end = 1989 (END)"
    );
}

#[test]
fn once_or_twice_a_period_is_a_set() {
    assert_eq!(
        found("The board meets twice a week and votes once a year.", SAT),
        ["twice a week = P1W", "once a year = P1Y"]
    );
}

#[test]
fn the_quarter_ending_a_quarter_day_is_that_quarter() {
    let mar = Some("2013-03-22");
    assert_eq!(
        found("Profit in the quarter ending March 31 rose.", mar),
        ["the quarter = 2013-Q1", "March 31 = 2013-03-31"]
    );
    assert_eq!(
        found("Sales fell in the quarter ended Dec. 31.", mar),
        ["the quarter = 2012-Q4", "Dec. 31 = 2012-12-31"]
    );
}

#[test]
fn day_ranges_mark_their_days() {
    assert_eq!(
        found("Ministers gather Feb. 17-18 in Lisbon.", SAT),
        ["Feb. 17-18 = 2025-02-17"]
    );
    assert_eq!(
        found("The fair is held 17-18 June 2026.", SAT),
        ["17-18 June 2026 = 2026-06-17"]
    );
    assert_eq!(
        found("Polls stay open from March 3 – 5.", SAT),
        ["March 3 = 2025-03-03", "5 = 2025-03-05"]
    );
    assert_eq!(
        found("Hearings run between 3 and 5 March.", SAT),
        ["3 = 2025-03-03", "5 March = 2025-03-05"]
    );
}

#[test]
fn a_timetable_in_the_present_points_ahead() {
    // 2025-01-11 is a Saturday.
    assert_eq!(
        found("Talks resume Tuesday in Geneva.", SAT),
        ["Tuesday = 2025-01-14"]
    );
    assert_eq!(
        found("The ceasefire takes effect at midnight on Monday.", SAT),
        ["midnight = 2025-01-13T24:00", "Monday = 2025-01-13"]
    );
    assert_eq!(
        found("She says Tuesday was calm.", SAT),
        ["Tuesday = 2025-01-07"]
    );
}

#[test]
fn a_date_that_only_modifies_a_noun_leaves_the_article_to_the_noun() {
    assert_eq!(
        found(
            "Police reopened the Oct. 23 shooting, the 2019 flood and the March vote.",
            SAT
        ),
        ["Oct. 23 = 2024-10-23", "2019 = 2019", "March = 2025-03"]
    );
    assert_eq!(
        found(
            "The two-week strike ended and the current board resigned.",
            SAT
        ),
        ["two-week = P2W", "current = PRESENT_REF"]
    );
    // A period of its own keeps its article.
    assert_eq!(
        found("Profit rose in the third quarter and in the 1990s.", SAT),
        ["the third quarter = 2024-Q3", "the 1990s = 199"]
    );
}

#[test]
fn counted_periods_keep_their_opening_words_and_leave_within_outside() {
    assert_eq!(
        found("In the first nine months, sales rose.", SAT),
        ["the first nine months = P9M"]
    );
    assert_eq!(
        found("The plant will close within two weeks.", SAT),
        ["two weeks = P2W"]
    );
    assert_eq!(
        found("The mill shut nearly four years ago.", SAT),
        ["nearly four years ago = 2021 (LESS_THAN)"]
    );
    assert_eq!(
        found("Rates will stay low for the next two years or so.", SAT),
        ["the next two years or so = P2Y (APPROX)"]
    );
}

#[test]
fn a_preposition_is_no_approximation() {
    assert_eq!(
        found(
            "Investors worried about the future and about current prices.",
            SAT
        ),
        ["the future = FUTURE_REF", "current = PRESENT_REF"]
    );
    assert_eq!(
        found("Lawyers sought to get around Tuesday's ruling.", SAT),
        ["Tuesday = 2025-01-07"]
    );
    assert_eq!(
        found(
            "The talks lasted about three days and ended around Nov. 1.",
            SAT
        ),
        [
            "about three days = P3D (APPROX)",
            "around Nov. 1 = 2024-11-01 (APPROX)"
        ]
    );
}
