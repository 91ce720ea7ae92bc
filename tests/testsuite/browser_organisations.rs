//! A site of several organisations in Chromium, with the reader's clock fixed: the home page by
//! organisation with each one's current plan, "this month" across every current plan, the month
//! grid, links from disk, at a domain root and under a sub-path, phones, accessibility, print.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

use crate::browser::{
    assert_every_link_works_over_http, axe_violations, browser, dark_mode, eval, goto, open,
    page_count, run, walk,
};
use crate::common::TestSite;

/// The three-organisation fixture, built.
fn organisations() -> TestSite {
    let site = TestSite::fixture("organisations");
    site.build();
    site
}

/// 15 October 2024, a Tuesday: the cell's and the youth union's 2024 plans and the union's
/// 2024-2025 plan are current.
const OCTOBER: &str = "2024-10-15T09:00:00";

fn the_home_page_marks_each_organisations_current_and_newest_plan() {
    let site = organisations();
    let browser = browser();
    let tab = open(&browser, &site, "index.html", OCTOBER, true, 360);
    let groups = eval(
        &tab,
        "[...document.querySelectorAll('section.organisation')].map(s => [s.querySelector('h2').textContent, [...s.querySelectorAll('.plan-card')].map(c => c.querySelector('a').getAttribute('href'))])",
    );
    assert_eq!(
        groups,
        serde_json::json!([
            [
                "CHI ĐOÀN TRƯỜNG MẦM NON HOA SEN",
                ["2025-chi-doan/index.html", "2024-chi-doan/index.html"]
            ],
            [
                "CHI BỘ TRƯỜNG MẦM NON HOA SEN",
                ["2025-chi-bo/index.html", "2024-chi-bo/index.html"]
            ],
            [
                "Công đoàn Trường Mầm non Hoa Sen",
                [
                    "2024-2025-cong-doan/index.html",
                    "2023-2024-cong-doan/index.html"
                ]
            ]
        ])
    );
    // The plan whose period holds the reader's date, one in each organisation, with its badge.
    let current = eval(
        &tab,
        "[...document.querySelectorAll('.plan-card.is-current')].filter(c => !c.querySelector('.badge-current').hidden).map(c => c.querySelector('a').getAttribute('href'))",
    );
    assert_eq!(
        current,
        serde_json::json!([
            "2024-chi-doan/index.html",
            "2024-chi-bo/index.html",
            "2024-2025-cong-doan/index.html"
        ])
    );
    // From a plan, its older and newer years are its organisation's; the same year's plans
    // of the others are listed.
    let out = site.root().join("output");
    let neighbours = |page: &str| {
        goto(&tab, &format!("file://{}", out.join(page).display())).unwrap();
        eval(
            &tab,
            "[...document.querySelectorAll('.plan-neighbours a, .same-year a')].map(a => a.getAttribute('href'))",
        )
    };
    assert_eq!(
        neighbours("2024-2025-cong-doan/index.html"),
        serde_json::json!([
            "../2023-2024-cong-doan/index.html",
            "../2025-chi-doan/index.html",
            "../2024-chi-doan/index.html",
            "../2025-chi-bo/index.html",
            "../2024-chi-bo/index.html"
        ])
    );
    assert_eq!(
        neighbours("2024-chi-bo/timeline/index.html"),
        serde_json::json!([
            "../../2025-chi-bo/timeline/index.html",
            "../../2024-chi-doan/timeline/index.html",
            "../../2024-2025-cong-doan/timeline/index.html",
            "../../2023-2024-cong-doan/timeline/index.html"
        ])
    );
    goto(
        &tab,
        &format!("file://{}", out.join("index.html").display()),
    )
    .unwrap();
    // The newest of each organisation.
    let newest = eval(
        &tab,
        "[...document.querySelectorAll('.plan-card.is-latest')].map(c => c.querySelector('a').getAttribute('href'))",
    );
    assert_eq!(
        newest,
        serde_json::json!([
            "2025-chi-doan/index.html",
            "2025-chi-bo/index.html",
            "2024-2025-cong-doan/index.html"
        ])
    );
}

fn this_month_shows_the_readers_month_of_every_current_plan() {
    let site = organisations();
    let browser = browser();
    let tab = open(&browser, &site, "thang-nay/index.html", OCTOBER, true, 360);
    let shown = eval(
        &tab,
        "[...document.querySelectorAll('section[data-site-month]')].filter(s => !s.hidden).map(s => s.dataset.siteMonth)",
    );
    assert_eq!(shown, serde_json::json!(["2024-10"]));
    assert_eq!(
        eval(&tab, "document.querySelector('.this-month-none').hidden"),
        true
    );
    // Every current plan's activities, each plan linking to its own page of the month.
    let plans = eval(
        &tab,
        "[...document.querySelectorAll('section[data-site-month=\"2024-10\"] .plan-month')].map(p => [p.querySelector('a').href, p.querySelectorAll('.activities li').length])",
    );
    let plans = plans.as_array().unwrap().clone();
    assert_eq!(plans.len(), 3, "{plans:?}");
    let counts: Vec<u64> = plans.iter().map(|p| p[1].as_u64().unwrap()).collect();
    assert_eq!(counts, [2, 3, 2]);
    for p in &plans {
        let url = p[0].as_str().unwrap();
        assert!(url.ends_with("/months/2024-10/index.html"), "{url}");
        goto(&tab, url).unwrap();
        assert_eq!(
            eval(&tab, "document.querySelector('h1').firstChild.textContent"),
            "Tháng 10 năm 2024"
        );
    }
    // Today on the grid, once.
    let tab = open(&browser, &site, "thang-nay/index.html", OCTOBER, true, 360);
    assert_eq!(
        eval(
            &tab,
            "[...document.querySelectorAll('section:not([hidden]) .month-grid td.is-today')].map(t => t.dataset.date + ' ' + t.getAttribute('aria-current'))"
        ),
        serde_json::json!(["2024-10-15 date"])
    );
    // The month strip marks the reader's month.
    assert_eq!(
        eval(
            &tab,
            "document.querySelector('.site-months a.is-current').dataset.month"
        ),
        "2024-10"
    );
}

fn this_month_outside_the_newest_plans_points_to_the_sites_page_of_it() {
    let site = organisations();
    let browser = browser();
    // March 2024: only older plans have it.
    let tab = open(
        &browser,
        &site,
        "thang-nay/index.html",
        "2024-03-10T08:00:00",
        true,
        360,
    );
    assert_eq!(
        eval(
            &tab,
            "[...document.querySelectorAll('section[data-site-month]')].filter(s => !s.hidden).length"
        ),
        0
    );
    assert_eq!(
        eval(&tab, "document.querySelector('.this-month-none').hidden"),
        false
    );
    let links = eval(
        &tab,
        "[...document.querySelectorAll('.all-months li')].filter(l => !l.hidden).map(l => l.querySelector('a').getAttribute('href'))",
    );
    assert_eq!(links, serde_json::json!(["../thang/2024-03/index.html"]));
    // 2030: no plan has it.
    let tab = open(
        &browser,
        &site,
        "thang-nay/index.html",
        "2030-01-10T08:00:00",
        true,
        360,
    );
    assert_eq!(
        eval(
            &tab,
            "[...document.querySelectorAll('.all-months li')].filter(l => !l.hidden).length"
        ),
        0
    );
    assert_eq!(
        eval(&tab, "document.querySelector('.this-month-none').hidden"),
        false
    );
}

fn this_month_without_javascript_lists_the_months() {
    let site = organisations();
    let browser = browser();
    let tab = open(&browser, &site, "thang-nay/index.html", OCTOBER, false, 360);
    let links = eval(
        &tab,
        "[...document.querySelectorAll('.site-months a')].filter(a => a.offsetParent).map(a => a.textContent)",
    );
    assert_eq!(links.as_array().unwrap().len(), 16);
    assert_eq!(
        eval(
            &tab,
            "[...document.querySelectorAll('section[data-site-month]')].filter(s => s.offsetParent).length"
        ),
        0
    );
    // A month page is whole without it.
    let tab = open(
        &browser,
        &site,
        "thang/2024-10/index.html",
        OCTOBER,
        false,
        360,
    );
    assert_eq!(
        eval(
            &tab,
            "document.querySelectorAll('.plan-month .activities li').length"
        ),
        7
    );
}

fn every_link_of_a_site_of_organisations_works_at_a_domain_root() {
    assert_every_link_works_over_http(&TestSite::fixture("organisations"), "/");
}

fn every_link_of_a_site_of_organisations_works_under_a_sub_path() {
    assert_every_link_works_over_http(&TestSite::fixture("organisations"), "/truong/ke-hoach/");
}

fn every_link_of_a_site_of_organisations_works_from_disk() {
    let site = organisations();
    let out = site.root().join("output");
    let base = format!("file://{}/", out.display());
    let (problems, pages) = walk(&browser(), &format!("{base}index.html"), &base, Some(&out));
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(pages, page_count(&site));
}

/// The pages of each kind of the fixture.
const KINDS: [&str; 5] = [
    "index.html",
    "thang-nay/index.html",
    "thang/2024-10/index.html",
    "thang/2025-01/index.html",
    "2024-2025-cong-doan/months/2024-10/index.html",
];

fn the_new_pages_fit_a_phone_and_have_no_serious_accessibility_problems() {
    let site = organisations();
    let browser = browser();
    let mut problems = Vec::new();
    for width in [320, 360, 1280] {
        for page in KINDS {
            let tab = open(&browser, &site, page, OCTOBER, true, width);
            let overflow = eval(
                &tab,
                "document.documentElement.scrollWidth - document.documentElement.clientWidth",
            );
            if overflow != 0 {
                problems.push(format!("{page} scrolls sideways at {width} px"));
            }
            if width == 360 {
                dark_mode(&tab);
            }
            for v in axe_violations(&tab) {
                problems.push(format!("{page} ({width} px): {v}"));
            }
            tab.close(true).unwrap();
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

fn a_month_of_the_site_prints_on_one_a4_page() {
    let site = organisations();
    let browser = browser();
    for month in ["2024-10", "2025-01"] {
        let tab = open(
            &browser,
            &site,
            &format!("thang/{month}/index.html"),
            OCTOBER,
            true,
            1280,
        );
        let pdf = tab
            .print_to_pdf(Some(headless_chrome::types::PrintToPdfOptions {
                prefer_css_page_size: Some(true),
                ..Default::default()
            }))
            .unwrap();
        let path = site.root().join(format!("{month}.pdf"));
        std::fs::write(&path, pdf).unwrap();
        let info = run("pdfinfo", &[path.to_str().unwrap()]);
        let pages = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .map(str::trim)
            .unwrap();
        assert_eq!(pages, "1", "{month}");
        let size = info.lines().find(|l| l.starts_with("Page size:")).unwrap();
        assert!(size.contains("(A4)"), "{size}");
        let text = run("pdftotext", &[path.to_str().unwrap(), "-"]);
        assert!(text.contains("T2") && text.contains("CN"), "{text}");
    }
}

/// The tests of this module, for the harness (tests/testsuite/main.rs).
pub(crate) fn trials() -> Vec<libtest_mimic::Trial> {
    vec![
        crate::trial(
            "browser_organisations::the_home_page_marks_each_organisations_current_and_newest_plan",
            the_home_page_marks_each_organisations_current_and_newest_plan,
        ),
        crate::trial(
            "browser_organisations::this_month_shows_the_readers_month_of_every_current_plan",
            this_month_shows_the_readers_month_of_every_current_plan,
        ),
        crate::trial(
            "browser_organisations::this_month_outside_the_newest_plans_points_to_the_sites_page_of_it",
            this_month_outside_the_newest_plans_points_to_the_sites_page_of_it,
        ),
        crate::trial(
            "browser_organisations::this_month_without_javascript_lists_the_months",
            this_month_without_javascript_lists_the_months,
        ),
        crate::trial(
            "browser_organisations::every_link_of_a_site_of_organisations_works_at_a_domain_root",
            every_link_of_a_site_of_organisations_works_at_a_domain_root,
        ),
        crate::trial(
            "browser_organisations::every_link_of_a_site_of_organisations_works_under_a_sub_path",
            every_link_of_a_site_of_organisations_works_under_a_sub_path,
        ),
        crate::trial(
            "browser_organisations::every_link_of_a_site_of_organisations_works_from_disk",
            every_link_of_a_site_of_organisations_works_from_disk,
        ),
        crate::trial(
            "browser_organisations::the_new_pages_fit_a_phone_and_have_no_serious_accessibility_problems",
            the_new_pages_fit_a_phone_and_have_no_serious_accessibility_problems,
        ),
        crate::trial(
            "browser_organisations::a_month_of_the_site_prints_on_one_a4_page",
            a_month_of_the_site_prints_on_one_a4_page,
        ),
    ]
}
