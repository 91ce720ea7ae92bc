//! The site's own month pages across organisations (`thang-nay/`, `thang/YYYY-MM/`) and its
//! calendar of every plan, on the three-organisation fixture; and a site of one organisation,
//! which has none of them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

use std::collections::BTreeSet;

use crate::common;

use crate::timeline::events;
use common::{TestSite, attrs, text, texts};
use icalendar::{Calendar, Component};

/// `href` of a page at `page` (a path in the output), as a path in the output.
fn resolve(page: &str, href: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for part in href.split('#').next().unwrap().split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn organisations() -> TestSite {
    let site = TestSite::fixture("organisations");
    site.build();
    site
}

fn a_month_lists_every_plan_that_has_it_by_organisation() {
    let site = organisations();
    let path = "thang/2024-10/index.html";
    let page = site.read(path);
    assert_eq!(text(&page, "h1"), "Tháng 10 năm 2024Trường Mầm non Hoa Sen");
    // In the home page's order: the organisations by their newest plans.
    assert_eq!(
        texts(&page, ".org-month .organisation-name"),
        [
            "CHI ĐOÀN TRƯỜNG MẦM NON HOA SEN",
            "CHI BỘ TRƯỜNG MẦM NON HOA SEN",
            "Công đoàn Trường Mầm non Hoa Sen",
        ]
    );
    let home = site.read("index.html");
    assert_eq!(
        texts(&home, ".organisation-name"),
        texts(&page, ".org-month .organisation-name")
    );
    // Each plan's month links to the plan's own page of the month, which exists.
    let links = attrs(&page, ".plan-month-title a", "href");
    let targets: Vec<String> = links.iter().map(|h| resolve(path, h)).collect();
    assert_eq!(
        targets,
        [
            "2024-chi-doan/months/2024-10/index.html",
            "2024-chi-bo/months/2024-10/index.html",
            "2024-2025-cong-doan/months/2024-10/index.html",
        ]
    );
    for t in &targets {
        assert!(site.root().join("output").join(t).is_file(), "{t}");
    }
    // Their activities and events, every one.
    let activities = texts(&page, ".plan-month .activities li");
    assert_eq!(activities.len(), 2 + 3 + 2, "{activities:#?}");
    assert!(activities.contains(&"Thăm hỏi đoàn viên có hoàn cảnh khó khăn.".to_owned()));
    let events = texts(&page, ".plan-month .event strong");
    assert_eq!(
        events,
        [
            "Sinh hoạt chi bộ chuyên đề",
            "Hội thi cắm hoa chào mừng 20/10",
            "Ngày Phụ nữ Việt Nam",
        ]
    );
    // The previous and next months of the site, and a plan's month page links back.
    assert_eq!(
        attrs(&page, "a[rel=prev]", "href"),
        ["../../thang/2024-09/index.html"]
    );
    assert_eq!(
        attrs(&page, "a[rel=next]", "href"),
        ["../../thang/2024-11/index.html"]
    );
    let own = site.read("2024-chi-bo/months/2024-10/index.html");
    let back = attrs(&own, "main p.screen-only a", "href");
    assert_eq!(back, ["../../../thang/2024-10/index.html"]);
}

fn the_grid_draws_events_across_their_days_monday_first() {
    let site = organisations();
    let page = site.read("thang/2024-10/index.html");
    assert_eq!(
        texts(&page, ".month-grid thead th"),
        ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]
    );
    assert_eq!(
        attrs(&page, ".month-grid thead abbr", "title")[6],
        "Chủ Nhật"
    );
    // Five weeks, from Monday 30 September to Sunday 3 November.
    let days = attrs(&page, ".month-grid tr.days td", "data-date");
    assert_eq!(days.len(), 35);
    assert_eq!(days[0], "2024-09-30");
    assert_eq!(days[34], "2024-11-03");
    assert_eq!(
        attrs(&page, ".month-grid tr.days td.out", "data-date").len(),
        4
    );
    // Friday 18 to Tuesday 22 October: three days in one week, two in the next.
    let doc = scraper::Html::parse_document(&page);
    let bar = scraper::Selector::parse(".month-grid td").unwrap();
    let cut: Vec<(String, String)> = doc
        .select(&bar)
        .filter(|td| td.text().collect::<String>().starts_with("Hội thi"))
        .map(|td| {
            let span = td.value().attr("colspan").unwrap_or("1").to_owned();
            let class = td
                .first_child()
                .and_then(|c| c.value().as_element())
                .and_then(|e| e.attr("class"))
                .unwrap_or("")
                .to_owned();
            (span, class)
        })
        .collect();
    assert_eq!(
        cut,
        [
            ("3".to_owned(), "bar colour-2 goes-on".to_owned()),
            ("2".to_owned(), "bar colour-2 from-before".to_owned()),
        ]
    );
    // Every row of every week fills seven columns.
    let rows = scraper::Selector::parse(".month-grid tbody tr").unwrap();
    let cells = scraper::Selector::parse("td").unwrap();
    for row in doc.select(&rows) {
        let width: usize = row
            .select(&cells)
            .map(|td| td.value().attr("colspan").map_or(1, |s| s.parse().unwrap()))
            .sum();
        assert_eq!(width, 7, "{}", row.html());
    }
    // A holiday from 25 January to 2 February shows in February's grid too, as a day off.
    let feb = site.read("thang/2025-02/index.html");
    assert_eq!(
        texts(&feb, ".month-grid .bar.holiday"),
        ["Nghỉ Tết Nguyên đán"]
    );

    // An event of four months is drawn in each of them, every week of the last one full.
    site.edit("content/2024-chi-doan/months/2024-10.md", |text| {
        format!(
            "+++\n[[events]]\ndate = 2024-10-01\nend = 2025-01-31\ntitle = \"Đợt thi đua\"\n+++\n\n{text}"
        )
    });
    site.build();
    for month in ["2024-10", "2024-11", "2024-12", "2025-01"] {
        let page = site.read(&format!("thang/{month}/index.html"));
        assert!(
            texts(&page, ".month-grid .bar").contains(&"Đợt thi đua".to_owned()),
            "{month}"
        );
    }
    let january = site.read("thang/2025-01/index.html");
    let weeks = texts(&january, ".month-grid tbody")
        .iter()
        .filter(|w| w.contains("Đợt thi đua"))
        .count();
    assert_eq!(weeks, 5);
}

fn this_month_holds_the_months_of_each_organisations_newest_plan() {
    let site = organisations();
    let path = "thang-nay/index.html";
    let page = site.read(path);
    let blocks = attrs(&page, "section[data-site-month]", "data-site-month");
    // 2025-chi-bo and 2025-chi-doan: 2025; 2024-2025-cong-doan: September 2024 to May 2025.
    let mut wanted: Vec<String> = (9..=12).map(|m| format!("2024-{m:02}")).collect();
    wanted.extend((1..=12).map(|m| format!("2025-{m:02}")));
    assert_eq!(blocks, wanted);
    // Every block is hidden until the script picks the reader's month; without it the page
    // lists those months, each a link to the site's page of it.
    assert_eq!(
        attrs(&page, "section[data-site-month][hidden]", "data-site-month").len(),
        wanted.len()
    );
    let links = attrs(&page, ".site-months a", "href");
    assert_eq!(links.len(), wanted.len());
    for href in &links {
        let target = resolve(path, href);
        assert!(
            site.root().join("output").join(&target).is_file(),
            "{target}"
        );
    }
    // October 2024 there is the site's October 2024.
    let october = site.read("thang/2024-10/index.html");
    let doc = scraper::Html::parse_document(&page);
    let sel = scraper::Selector::parse("section[data-site-month='2024-10'] .plan-month").unwrap();
    assert_eq!(doc.select(&sel).count(), 3);
    assert_eq!(
        texts(&page, "section[data-site-month='2024-10'] .activities li"),
        texts(&october, ".plan-month .activities li")
    );
    // Every month of the site is there for a reader whose month is older.
    assert_eq!(attrs(&page, ".all-months li", "data-site-month").len(), 28);
    // The home page and every page's footer link to it.
    let home = site.read("index.html");
    assert_eq!(
        attrs(&home, ".home-actions a", "href"),
        ["thang-nay/index.html"]
    );
    let doc_page = site.read("2024-chi-bo/index.html");
    assert!(
        attrs(&doc_page, ".site-footer a", "href").contains(&"../thang-nay/index.html".to_owned())
    );
}

/// The CATEGORIES of a parsed event (which the parser keeps with the properties that may come
/// more than once).
fn categories(e: &icalendar::Event) -> Vec<&str> {
    e.multi_properties()
        .get("CATEGORIES")
        .map(|all| all.iter().map(|p| p.value()).collect())
        .unwrap_or_default()
}

fn the_site_calendar_has_every_plans_months_and_events_with_their_organisation() {
    let site = organisations();
    let cal: Calendar = site.read("calendar.ics").parse().expect("a valid calendar");
    let all = events(&cal);
    // One event per month with activities and per dated event, of every plan.
    let mut expected = 0;
    let mut uids = BTreeSet::new();
    for plan in [
        "2024-chi-bo",
        "2025-chi-bo",
        "2023-2024-cong-doan",
        "2024-2025-cong-doan",
        "2024-chi-doan",
        "2025-chi-doan",
    ] {
        let own: Calendar = site.read(&format!("{plan}/calendar.ics")).parse().unwrap();
        for e in events(&own) {
            expected += 1;
            // The same UIDs as the plan's own calendar: a reader who has both sees one event.
            uids.insert(e.get_uid().unwrap().to_owned());
        }
    }
    assert_eq!(all.len(), expected);
    assert_eq!(expected, 20);
    let site_uids: BTreeSet<String> = all
        .iter()
        .map(|e| e.get_uid().unwrap().to_owned())
        .collect();
    assert_eq!(site_uids.len(), all.len(), "UIDs are unique");
    assert_eq!(site_uids, uids);
    // The organisation is in every event.
    for e in &all {
        let categories = categories(e);
        let orgs = [
            "CHI BỘ TRƯỜNG MẦM NON HOA SEN",
            "Công đoàn Trường Mầm non Hoa Sen",
            "CHI ĐOÀN TRƯỜNG MẦM NON HOA SEN",
        ];
        assert_eq!(
            categories.iter().filter(|c| orgs.contains(c)).count(),
            1,
            "{categories:?}"
        );
    }
    let tet = all
        .iter()
        .find(|e| e.get_summary() == Some("Nghỉ Tết Nguyên đán"))
        .unwrap();
    let mut tet_categories = categories(tet);
    tet_categories.sort_unstable();
    assert_eq!(
        tet_categories,
        ["Công đoàn Trường Mầm non Hoa Sen", "HOLIDAY"]
    );
    let month = all
        .iter()
        .find(|e| {
            e.get_uid()
                .unwrap()
                .starts_with("month-2024-10.2024-chi-bo")
        })
        .unwrap();
    assert_eq!(
        month.get_summary(),
        Some("Công tác Tháng 10 năm 2024 – CHI BỘ TRƯỜNG MẦM NON HOA SEN")
    );
    assert_eq!(
        cal.property_value("X-WR-CALNAME"),
        Some("Trường Mầm non Hoa Sen")
    );
}

fn a_site_of_one_organisation_has_no_pages_across_organisations() {
    let site = TestSite::real();
    site.build();
    let out = site.root().join("output");
    for gone in ["thang-nay", "thang", "calendar.ics"] {
        assert!(!out.join(gone).exists(), "{gone}");
    }
    let home = site.read("index.html");
    assert!(!home.contains("thang-nay"));
    let month = site.read("2023-chi-bo/months/2023-05/index.html");
    assert!(!month.contains("/thang/"));
}

fn a_plan_cannot_take_the_name_of_the_sites_own_folders() {
    for folder in ["thang", "thang-nay", "search"] {
        let site = TestSite::new("title = \"T\"\n");
        site.write(
            &format!("content/{folder}/_index.md"),
            "+++\ntitle = \"K\"\n+++\n\nx\n",
        );
        let errors = site.build_errors();
        assert_eq!(
            errors,
            [format!(
                "content/{folder}/_index.md: error: the web address `{folder}` cannot be used: \
                 the site's own pages are in a folder of that name\n  \
                 hint: rename the plan's folder, or set another `slug`"
            )],
        );
    }
}

/// `organisations` in plansite.toml puts the Party cell first everywhere organisations are
/// listed; the unlisted follow by their newest plans.
fn plansite_toml_orders_the_organisations() {
    let site = TestSite::fixture("organisations");
    let config = std::fs::read_to_string(site.root().join("plansite.toml")).unwrap();
    site.write(
        "plansite.toml",
        &format!("{config}organisations = [\"Chi bộ  Trường Mầm non Hoa Sen\", \"Công đoàn Trường Mầm non Hoa Sen\"]\n"),
    );
    site.build();
    let order = [
        "CHI BỘ TRƯỜNG MẦM NON HOA SEN",
        "Công đoàn Trường Mầm non Hoa Sen",
        "CHI ĐOÀN TRƯỜNG MẦM NON HOA SEN",
    ];
    let home = site.read("index.html");
    assert_eq!(texts(&home, "section.organisation > h2"), order);
    let month = site.read("thang/2024-10/index.html");
    assert_eq!(texts(&month, ".org-month .organisation-name"), order);
    // The colours follow the order.
    assert_eq!(
        attrs(&month, ".org-month", "class"),
        [
            "org-month colour-0",
            "org-month colour-1",
            "org-month colour-2"
        ]
    );
    let search = site.read("search/index.html");
    assert_eq!(texts(&search, "#search-org option")[1..], order);
    let cell = site.read("2024-chi-bo/index.html");
    assert_eq!(
        attrs(&cell, ".same-year a", "href"),
        [
            "../2024-2025-cong-doan/index.html",
            "../2023-2024-cong-doan/index.html",
            "../2024-chi-doan/index.html"
        ]
    );
    // Case, accents and spacing do not count; a name no plan has is a warning, with the
    // closest.
    site.write(
        "plansite.toml",
        &format!("{config}organisations = [\"Chi bộ Trường Mầm non Hoa Hen\"]\n"),
    );
    let warnings = plansite::check(&site.options()).unwrap();
    let text = common::render(warnings);
    assert!(
        text.contains(
            "plansite.toml:4:1: warning: `organisations` lists `Chi bộ Trường Mầm non Hoa Hen`, which no plan belongs to\n  hint: did you mean `CHI BỘ TRƯỜNG MẦM NON HOA SEN`?"
        ),
        "{text}"
    );
}

fn an_english_site_names_its_weekdays_in_english() {
    let site = TestSite::fixture("organisations");
    site.in_english();
    site.build();
    let page = site.read("thang/2024-10/index.html");
    assert_eq!(
        texts(&page, ".month-grid thead th"),
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    );
    assert_eq!(text(&page, "h1"), "October 2024Trường Mầm non Hoa Sen");
}

/// The tests of this module, for the harness (tests/testsuite/main.rs).
pub(crate) fn trials() -> Vec<libtest_mimic::Trial> {
    vec![
        crate::trial(
            "site_months::a_month_lists_every_plan_that_has_it_by_organisation",
            a_month_lists_every_plan_that_has_it_by_organisation,
        ),
        crate::trial(
            "site_months::the_grid_draws_events_across_their_days_monday_first",
            the_grid_draws_events_across_their_days_monday_first,
        ),
        crate::trial(
            "site_months::this_month_holds_the_months_of_each_organisations_newest_plan",
            this_month_holds_the_months_of_each_organisations_newest_plan,
        ),
        crate::trial(
            "site_months::the_site_calendar_has_every_plans_months_and_events_with_their_organisation",
            the_site_calendar_has_every_plans_months_and_events_with_their_organisation,
        ),
        crate::trial(
            "site_months::a_site_of_one_organisation_has_no_pages_across_organisations",
            a_site_of_one_organisation_has_no_pages_across_organisations,
        ),
        crate::trial(
            "site_months::a_plan_cannot_take_the_name_of_the_sites_own_folders",
            a_plan_cannot_take_the_name_of_the_sites_own_folders,
        ),
        crate::trial(
            "site_months::plansite_toml_orders_the_organisations",
            plansite_toml_orders_the_organisations,
        ),
        crate::trial(
            "site_months::an_english_site_names_its_weekdays_in_english",
            an_english_site_names_its_weekdays_in_english,
        ),
    ]
}
