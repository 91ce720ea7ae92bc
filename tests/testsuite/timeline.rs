//! The timeline, month pages, calendar feed and plan.json.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

use crate::common;

use common::{TestSite, text, texts};
use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime, EventLike};

fn json(site: &TestSite, rel: &str) -> serde_json::Value {
    serde_json::from_str(&site.read(rel)).expect("valid JSON")
}

fn calendar(site: &TestSite, rel: &str) -> Calendar {
    site.read(rel)
        .parse::<Calendar>()
        .expect("a valid iCalendar file")
}

pub(crate) fn events(cal: &Calendar) -> Vec<&icalendar::Event> {
    cal.components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect()
}

fn date_of(d: Option<DatePerhapsTime>) -> String {
    match d {
        Some(DatePerhapsTime::Date(d)) => d.to_string(),
        other => panic!("expected an all-day date, got {other:?}"),
    }
}

fn real_plan_timeline_has_every_month_and_all_84_activities() {
    let site = TestSite::real();
    site.build();
    let page = site.read("2023-chi-bo/timeline/index.html");
    let months = texts(&page, ".timeline .month h2 a");
    assert_eq!(months.len(), 12);
    assert_eq!(months[0], "Tháng 1 năm 2023");
    assert_eq!(months[11], "Tháng 12 năm 2023");
    let counts: Vec<usize> = (1..=12)
        .map(|m| {
            texts(
                &page,
                &format!(".timeline #thang-2023-{m:02} .activities li"),
            )
            .len()
        })
        .collect();
    assert_eq!(counts, [7, 7, 6, 4, 13, 4, 4, 8, 11, 7, 6, 7]);
    assert_eq!(text(&page, "#thang-2023-05 .count"), "13 hoạt động");
    assert_eq!(
        texts(&page, ".month-strip a"),
        [
            "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12"
        ]
    );
    // The print version is the month table of the document.
    assert_eq!(texts(&page, ".print-only .month-table tbody tr").len(), 12);
}

fn real_plan_json_has_the_activities_under_their_months() {
    let site = TestSite::real();
    site.build();
    let data = json(&site, "2023-chi-bo/plan.json");
    assert_eq!(data["schema"], "plansite.plan/1");
    assert_eq!(data["number"], "02-KH/CBMN");
    assert_eq!(data["date"], "2023-01-27");
    assert_eq!(data["activity_count"], 84);
    assert_eq!(
        data["organisation"],
        serde_json::json!({
            "name": "CHI BỘ TRƯỜNG MẦM NON TIÊN CƯỜNG",
            "slug": "chi-bo-truong-mam-non-tien-cuong"
        })
    );
    let sections = data["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 6);
    assert_eq!(sections[0]["label"], "I.");
    assert!(
        sections[0]["text"]
            .as_str()
            .unwrap()
            .contains("Tổng số đảng viên chi bộ tính đến ngày 31/12/2022 là 21 đảng viên.")
    );
    let months = data["months"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    assert_eq!(months[4]["month"], "2023-05");
    assert_eq!(months[4]["url"], "../2023-chi-bo/months/2023-05/index.html");
    let may: Vec<&str> = months[4]["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["text"].as_str().unwrap())
        .collect();
    assert_eq!(may.len(), 13);
    assert_eq!(
        may[0],
        "Tuyên truyền Kỷ niệm Ngày sinh Chủ tịch Hồ Chí Minh 19/5."
    );
    assert_eq!(data["recipients"][3]["name"], "Lưu: CB");
}

fn real_plan_calendar_parses_with_a_month_event_each() {
    let site = TestSite::real();
    site.build();
    let cal = calendar(&site, "2023-chi-bo/calendar.ics");
    let events = events(&cal);
    assert_eq!(events.len(), 12);
    let may = events
        .iter()
        .find(|e| e.get_uid() == Some("month-2023-05.2023-chi-bo@plansite"))
        .unwrap();
    assert_eq!(may.get_summary(), Some("Công tác Tháng 5 năm 2023"));
    assert_eq!(date_of(may.get_start()), "2023-05-01");
    assert_eq!(date_of(may.get_end()), "2023-06-01");
    let description = may.get_description().unwrap();
    assert_eq!(description.lines().count(), 13);
    assert!(
        description.starts_with("- Tuyên truyền Kỷ niệm Ngày sinh Chủ tịch Hồ Chí Minh 19/5.\n")
    );
    let raw = site.read("2023-chi-bo/calendar.ics");
    assert!(
        raw.lines().all(|l| l.len() <= 76),
        "lines are folded at 75 octets (plus CR)"
    );
    assert!(
        raw.contains("\r\n") && !raw.replace("\r\n", "").contains('\n'),
        "CRLF line endings only"
    );
}

/// English has a singular: the counting strings of en.toml have `one` and `other` forms.
fn english_counts_take_the_singular_for_one() {
    let site = TestSite::fixture("school-year");
    site.write("plansite.toml", "title = \"School\"\nlanguage = \"en\"\n");
    site.build();
    let page = site.read("nam-hoc-2023-2024/timeline/index.html");
    assert_eq!(text(&page, "#thang-2023-09 .count"), "2 activities");
    assert_eq!(text(&page, "#thang-2023-10 .count"), "0 activities");
    assert_eq!(text(&page, "#thang-2023-12 .count"), "1 activity");
}

fn school_year_months_cross_the_new_year_in_order() {
    let site = TestSite::fixture("school-year");
    site.build();
    let page = site.read("nam-hoc-2023-2024/timeline/index.html");
    assert_eq!(
        texts(&page, ".month-strip a"),
        ["T9", "T10", "T11", "T12", "T1", "T2", "T3", "T4", "T5"]
    );
    let keys: Vec<String> = {
        let doc = scraper::Html::parse_document(&page);
        let sel = scraper::Selector::parse(".timeline .month").unwrap();
        doc.select(&sel)
            .map(|e| e.value().attr("data-month").unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        keys,
        [
            "2023-09", "2023-10", "2023-11", "2023-12", "2024-01", "2024-02", "2024-03", "2024-04",
            "2024-05"
        ]
    );
    assert_eq!(text(&page, "#thang-2023-10 .empty"), "Chưa có hoạt động.");
    assert_eq!(text(&page, "#thang-2023-10 .count"), "0 hoạt động");
    // Month pages chain across the year boundary.
    let dec = site.read("nam-hoc-2023-2024/months/2023-12/index.html");
    assert_eq!(text(&dec, ".prev-next .next"), "Tiếp Tháng 1 năm 2024");
    assert_eq!(text(&dec, ".prev-next .prev"), "Trước Tháng 11 năm 2023");
    let first = site.read("nam-hoc-2023-2024/months/2023-09/index.html");
    assert_eq!(text(&first, ".prev-next .prev"), "");
    assert!(first.contains(
        r##"<a class="up" href="../../../nam-hoc-2023-2024/timeline/index.html#thang-2023-09">"##
    ));
}

fn dated_events_on_the_timeline_month_page_and_calendar() {
    let site = TestSite::fixture("school-year");
    site.build();
    let page = site.read("nam-hoc-2023-2024/months/2023-09/index.html");
    assert_eq!(
        texts(&page, ".event"),
        [
            "ngày 05 tháng 09 năm 2023, 7:00: Lễ khai giảng — Sân trường Học sinh mặc đồng phục; phụ huynh dự lễ",
            "ngày 05 tháng 09 năm 2023: Họp hội đồng sư phạm",
        ]
    );
    assert_eq!(text(&page, ".month-title"), "Tháng khai giảng");
    let cal = calendar(&site, "nam-hoc-2023-2024/calendar.ics");
    let uids: Vec<&str> = events(&cal).iter().filter_map(|e| e.get_uid()).collect();
    assert_eq!(
        uids,
        [
            "month-2023-09.nam-hoc-2023-2024@plansite",
            "event-2023-09-05-1.nam-hoc-2023-2024@plansite",
            "event-2023-09-05-2.nam-hoc-2023-2024@plansite",
            "month-2023-12.nam-hoc-2023-2024@plansite",
            "month-2024-01.nam-hoc-2023-2024@plansite",
            "month-2024-05.nam-hoc-2023-2024@plansite",
            "event-2024-05-25-1.nam-hoc-2023-2024@plansite",
        ]
    );
    let opening = events(&cal)
        .into_iter()
        .find(|e| e.get_summary() == Some("Lễ khai giảng"))
        .unwrap();
    assert_eq!(date_of(opening.get_start()), "2023-09-05");
    assert_eq!(date_of(opening.get_end()), "2023-09-06");
    assert_eq!(opening.get_location(), Some("Sân trường"));
    assert_eq!(
        opening.get_description(),
        Some("Giờ: 7:00\nHọc sinh mặc đồng phục; phụ huynh dự lễ")
    );
    // The same input gives the same calendar, byte for byte.
    let again = TestSite::fixture("school-year");
    again.build();
    assert_eq!(
        site.read("nam-hoc-2023-2024/calendar.ics"),
        again.read("nam-hoc-2023-2024/calendar.ics")
    );
}

fn events_of_several_days_and_days_off_show_as_such_on_pages_and_in_the_calendar() {
    let site = TestSite::fixture("school-year");
    site.write(
        "content/nam-hoc-2023-2024/months/2023-12.md",
        "+++\n[[events]]\ndate = 2023-12-23\nend = 2024-01-03\ntitle = \"Hội khỏe Phù Đổng\"\n\n[[events]]\ndate = 2023-12-25\ntitle = \"Nghỉ Giáng sinh\"\nholiday = true\n+++\n\n- Thi đua chào mừng ngày 22/12.\n",
    );
    site.build();
    let page = site.read("nam-hoc-2023-2024/months/2023-12/index.html");
    assert_eq!(
        texts(&page, ".event"),
        [
            "ngày 23 tháng 12 năm 2023 – ngày 03 tháng 01 năm 2024: Hội khỏe Phù Đổng",
            "ngày 25 tháng 12 năm 2023: Nghỉ Giáng sinh"
        ]
    );
    // A day off is marked as one on the page and in the calendar.
    assert_eq!(
        texts(&page, ".event.holiday"),
        ["ngày 25 tháng 12 năm 2023: Nghỉ Giáng sinh"]
    );
    let raw = site.read("nam-hoc-2023-2024/calendar.ics");
    let christmas = raw
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("SUMMARY:Nghỉ Giáng sinh"))
        .unwrap();
    assert!(christmas.contains("TRANSP:TRANSPARENT"), "{christmas}");
    assert!(christmas.contains("CATEGORIES:HOLIDAY"), "{christmas}");
    let cal = calendar(&site, "nam-hoc-2023-2024/calendar.ics");
    let games = events(&cal)
        .into_iter()
        .find(|e| e.get_summary() == Some("Hội khỏe Phù Đổng"))
        .unwrap();
    assert_eq!(date_of(games.get_start()), "2023-12-23");
    // DTEND of an all-day event is the day after the last day.
    assert_eq!(date_of(games.get_end()), "2024-01-04");
    let plan = json(&site, "nam-hoc-2023-2024/plan.json");
    let december = plan["months"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["month"] == "2023-12")
        .unwrap();
    assert_eq!(december["events"][0]["end"], "2024-01-03");
    assert_eq!(december["events"][0].get("holiday"), None);
    assert_eq!(december["events"][1]["holiday"], true);
}

fn plan_without_months_still_has_a_timeline_and_no_calendar() {
    let site = TestSite::fixture("school-year");
    site.build();
    let page = site.read("ghi-chu/timeline/index.html");
    assert!(texts(&page, ".timeline .month").is_empty());
    assert!(!site.root().join("output/ghi-chu/calendar.ics").exists());
    let data = json(&site, "ghi-chu/plan.json");
    assert_eq!(data["months"].as_array().unwrap().len(), 0);
    assert!(data["calendar_url"].is_null());
    assert!(data["period"].is_null());
    assert!(!page.contains("calendar.ics"));
}

fn plan_pages_link_to_the_timeline() {
    let site = TestSite::fixture("school-year");
    site.build();
    for page in [
        "nam-hoc-2023-2024/index.html",
        "nam-hoc-2023-2024/nhiem-vu/index.html",
        "nam-hoc-2023-2024/months/2024-01/index.html",
    ] {
        let html = site.read(page);
        assert!(
            html.contains("timeline/index.html\">Tiến độ theo tháng</a>"),
            "{page}"
        );
        assert!(html.contains("class=\"this-month\""), "{page}");
    }
    let doc = site.read("nam-hoc-2023-2024/index.html");
    assert!(doc.contains("<a href=\"../nam-hoc-2023-2024/months/2024-01/index.html\">1/2024</a>"));
}

fn every_plan_json_key_is_documented() {
    let site = TestSite::fixture("school-year");
    site.build();
    let data = json(&site, "nam-hoc-2023-2024/plan.json");
    let doc = std::fs::read_to_string(common::repo().join("docs/plan-json.md")).unwrap();
    let objects = [
        &data,
        &data["sections"][0],
        &data["months"][0],
        &data["months"][0]["events"][0],
        &data["months"][0]["activities"][0],
    ];
    for object in objects {
        for key in object.as_object().unwrap().keys() {
            assert!(
                doc.contains(&format!("`{key}`")),
                "`{key}` is not in docs/plan-json.md"
            );
        }
    }
}

/// A CR, an ESC or another control character in front matter never reaches `calendar.ics`:
/// RFC 5545 allows none in a text value but the tab (issue 16, item 8).
fn control_characters_in_front_matter_stay_out_of_the_calendar() {
    let site = TestSite::new("title = \"T\"\n");
    site.write(
        "content/p/_index.md",
        "+++\ntitle = \"Kế hoạch\\r\\nnăm 2023,\\u001b[31m đỏ\"\n\n[period]\nstart = \"2023-09\"\nend = \"2023-09\"\n+++\n",
    );
    site.write(
        "content/p/months/2023-09.md",
        "+++\n[[events]]\ndate = 2023-09-05\ntitle = \"Khai\\rgiảng\\u0007\"\nplace = \"Sân\\u000btrường\"\nnote = \"a\\u0000b\\tc\"\ntime = \"7:00\\u007f\"\n+++\n\n- Việc\\u001b[2J một.\n",
    );
    site.build();
    let raw = site.read("p/calendar.ics");
    for line in raw.split_terminator("\r\n") {
        assert!(
            !line.chars().any(|c| c.is_control() && c != '\t'),
            "a control character in {line:?}"
        );
    }
    assert!(
        raw.contains("\r\nNAME:Kế hoạch năm 2023\\,[31m đỏ\r\n"),
        "{raw}"
    );
    let cal = calendar(&site, "p/calendar.ics");
    let event = events(&cal)
        .into_iter()
        .find(|e| e.get_uid() == Some("event-2023-09-05-1.p@plansite"))
        .unwrap();
    assert_eq!(event.get_summary(), Some("Khai\ngiảng"));
    assert_eq!(event.get_location(), Some("Sântrường"));
    assert_eq!(event.get_description(), Some("Giờ: 7:00\nab\tc"));
}

/// The tests of this module, for the harness (tests/testsuite/main.rs).
pub(crate) fn trials() -> Vec<libtest_mimic::Trial> {
    let trials = vec![
        crate::trial(
            "timeline::english_counts_take_the_singular_for_one",
            english_counts_take_the_singular_for_one,
        ),
        crate::trial(
            "timeline::real_plan_timeline_has_every_month_and_all_84_activities",
            real_plan_timeline_has_every_month_and_all_84_activities,
        ),
        crate::trial(
            "timeline::real_plan_json_has_the_activities_under_their_months",
            real_plan_json_has_the_activities_under_their_months,
        ),
        crate::trial(
            "timeline::real_plan_calendar_parses_with_a_month_event_each",
            real_plan_calendar_parses_with_a_month_event_each,
        ),
        crate::trial(
            "timeline::school_year_months_cross_the_new_year_in_order",
            school_year_months_cross_the_new_year_in_order,
        ),
        crate::trial(
            "timeline::dated_events_on_the_timeline_month_page_and_calendar",
            dated_events_on_the_timeline_month_page_and_calendar,
        ),
        crate::trial(
            "timeline::events_of_several_days_and_days_off_show_as_such_on_pages_and_in_the_calendar",
            events_of_several_days_and_days_off_show_as_such_on_pages_and_in_the_calendar,
        ),
        crate::trial(
            "timeline::plan_without_months_still_has_a_timeline_and_no_calendar",
            plan_without_months_still_has_a_timeline_and_no_calendar,
        ),
        crate::trial(
            "timeline::plan_pages_link_to_the_timeline",
            plan_pages_link_to_the_timeline,
        ),
        crate::trial(
            "timeline::every_plan_json_key_is_documented",
            every_plan_json_key_is_documented,
        ),
        crate::trial(
            "timeline::control_characters_in_front_matter_stay_out_of_the_calendar",
            control_characters_in_front_matter_stay_out_of_the_calendar,
        ),
    ];
    trials
}
