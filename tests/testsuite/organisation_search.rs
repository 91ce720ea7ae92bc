//! The search page of a site of several organisations, in a real browser: limited to one
//! organisation, results naming theirs, the choice kept in the address.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

use crate::browser::{axe_violations, browser, eval, open};
use crate::common::TestSite;

const QUERY: &str = "nhiem+vu+nam+hoc";

/// The plan of each result on the search page in `tab` and the organisation it names, after
/// `act` changed the page (the status line is emptied first, and waited for).
fn results_after(tab: &headless_chrome::Tab, act: &str) -> Vec<(String, String)> {
    eval(
        tab,
        &format!("(document.getElementById('search-status').textContent = '', {act}, true)"),
    );
    results(tab)
}

/// The plan of each result on the search page in `tab` and the organisation it names, once
/// the status line says something.
fn results(tab: &headless_chrome::Tab) -> Vec<(String, String)> {
    let start = std::time::Instant::now();
    while eval(tab, "document.getElementById('search-status').textContent") == ""
        && start.elapsed() < std::time::Duration::from_secs(10)
    {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let found = eval(
        tab,
        "[...document.querySelectorAll('.search-result')].map(li => [li.querySelector('a').getAttribute('href'), (li.querySelector('.search-org') || {}).textContent || ''])",
    );
    found
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let href = r[0].as_str().unwrap();
            let plan = href.trim_start_matches("../").split('/').next().unwrap();
            (plan.to_owned(), r[1].as_str().unwrap().to_owned())
        })
        .collect()
}

/// The plans of `results`, once each.
fn plans(results: &[(String, String)]) -> Vec<&str> {
    let set: std::collections::BTreeSet<&str> = results.iter().map(|(p, _)| p.as_str()).collect();
    set.into_iter().collect()
}

const ALL: [&str; 6] = [
    "2023-2024-cong-doan",
    "2024-2025-cong-doan",
    "2024-chi-bo",
    "2024-chi-doan",
    "2025-chi-bo",
    "2025-chi-doan",
];

fn search_is_limited_to_one_organisation_and_results_name_theirs() {
    let site = TestSite::fixture("organisations");
    site.build();
    let browser = browser();
    let at = |query: &str| {
        open(
            &browser,
            &site,
            &format!("search/index.html?{query}"),
            "2024-10-15T09:00:00",
            true,
            360,
        )
    };
    let tab = at(&format!("q={QUERY}"));
    let options = eval(
        &tab,
        "[...document.querySelectorAll('#search-org option')].map(o => [o.value, o.textContent])",
    );
    assert_eq!(
        options,
        serde_json::json!([
            ["", "Tất cả tổ chức"],
            [
                "chi-doan-truong-mam-non-hoa-sen",
                "CHI ĐOÀN TRƯỜNG MẦM NON HOA SEN"
            ],
            [
                "chi-bo-truong-mam-non-hoa-sen",
                "CHI BỘ TRƯỜNG MẦM NON HOA SEN"
            ],
            [
                "cong-doan-truong-mam-non-hoa-sen",
                "Công đoàn Trường Mầm non Hoa Sen"
            ]
        ]),
        "in the home page's order"
    );
    let all = results(&tab);
    assert_eq!(plans(&all), ALL);
    for (plan, org) in &all {
        let expected = if plan.contains("cong-doan") {
            "Công đoàn Trường Mầm non Hoa Sen"
        } else if plan.contains("chi-bo") {
            "CHI BỘ TRƯỜNG MẦM NON HOA SEN"
        } else {
            "CHI ĐOÀN TRƯỜNG MẦM NON HOA SEN"
        };
        assert_eq!(org, expected, "{plan}");
    }
    // A shared link limited to the union.
    let tab = at(&format!("q={QUERY}&org=cong-doan-truong-mam-non-hoa-sen"));
    let union = results(&tab);
    assert_eq!(
        plans(&union),
        ["2023-2024-cong-doan", "2024-2025-cong-doan"]
    );
    // The reader picks the youth union: the results follow, and so does the address.
    let youth = results_after(
        &tab,
        "(s => { s.value = 'chi-doan-truong-mam-non-hoa-sen'; s.dispatchEvent(new Event('change')); })(document.getElementById('search-org'))",
    );
    assert_eq!(plans(&youth), ["2024-chi-doan", "2025-chi-doan"]);
    let address = eval(&tab, "location.search");
    assert_eq!(
        address,
        format!("?q={QUERY}&org=chi-doan-truong-mam-non-hoa-sen")
    );
    let again = at(address.as_str().unwrap().trim_start_matches('?'));
    assert_eq!(plans(&results(&again)), plans(&youth));
    // The control is labelled and large enough to tap on a phone.
    assert_eq!(axe_violations(&again), Vec::<String>::new());
    let height = eval(
        &again,
        "document.getElementById('search-org').getBoundingClientRect().height",
    );
    assert!(height.as_f64().unwrap() >= 43.5, "{height}");
}

fn from_a_plan_the_search_widens_to_its_organisation_then_to_all() {
    let site = TestSite::fixture("organisations");
    site.build();
    let browser = browser();
    let tab = open(
        &browser,
        &site,
        &format!("search/index.html?q={QUERY}&plan=2024-chi-doan"),
        "2024-10-15T09:00:00",
        true,
        360,
    );
    assert_eq!(plans(&results(&tab)), ["2024-chi-doan"]);
    assert_eq!(
        eval(&tab, "document.getElementById('search-org').value"),
        "chi-doan-truong-mam-non-hoa-sen",
        "the plan's organisation is preselected"
    );
    let years = results_after(
        &tab,
        "(b => { b.checked = true; b.dispatchEvent(new Event('change')); })(document.getElementById('search-all'))",
    );
    assert_eq!(plans(&years), ["2024-chi-doan", "2025-chi-doan"]);
    let everything = results_after(
        &tab,
        "(s => { s.value = ''; s.dispatchEvent(new Event('change')); })(document.getElementById('search-org'))",
    );
    assert_eq!(plans(&everything), ALL);
    // The address keeps "every organisation" (an empty org), not the plan's.
    let address = eval(&tab, "location.search");
    assert_eq!(address, format!("?q={QUERY}&plan=2024-chi-doan&all=1&org="));
    let again = open(
        &browser,
        &site,
        &format!("search/index.html{}", address.as_str().unwrap()),
        "2024-10-15T09:00:00",
        true,
        360,
    );
    assert_eq!(plans(&results(&again)), ALL);
}

fn the_organisation_control_speaks_english_and_one_organisation_has_none() {
    let site = TestSite::fixture("organisations");
    site.in_english();
    site.build();
    let page = site.read("search/index.html");
    assert!(
        page.contains("<label for=\"search-org\">Organisation</label>"),
        "{page}"
    );
    assert!(
        page.contains("<option value=\"\">All organisations</option>"),
        "{page}"
    );
    // A site of one organisation: no control, and results name no organisation.
    let one = TestSite::real();
    one.build();
    assert!(!one.read("search/index.html").contains("search-org"));
    let tab = open(
        &browser(),
        &one,
        "search/index.html?q=dang+vien",
        "2023-05-15T09:00:00",
        true,
        360,
    );
    let found = results(&tab);
    assert!(!found.is_empty());
    assert!(found.iter().all(|(_, org)| org.is_empty()), "{found:?}");
}

/// A plan with neither an `organisation` nor an issuer, on a site of several: one choice, named
/// as the home page names its group (the site's title), its value `-` (no slug is).
fn plans_that_name_no_organisation_are_one_choice_named_as_the_site() {
    let site = TestSite::fixture("organisations");
    site.write(
        "content/2024-chung/_index.md",
        "+++\ntitle = \"Kế hoạch chung năm 2024\"\n[period]\nstart = \"2024-02\"\nend = \"2024-04\"\n+++\n\nCăn cứ nhiệm vụ năm học.\n",
    );
    site.build();
    let page = site.read("search/index.html");
    assert!(
        page.contains("<option value=\"-\">Trường Mầm non Hoa Sen</option>"),
        "{page}"
    );
    assert!(
        page.contains("{&quot;slug&quot;:&quot;2024-chung&quot;,&quot;org&quot;:&quot;-&quot;}"),
        "{page}"
    );
}

/// The tests of this module, for the harness (tests/testsuite/main.rs).
pub(crate) fn trials() -> Vec<libtest_mimic::Trial> {
    vec![
        crate::trial(
            "organisation_search::search_is_limited_to_one_organisation_and_results_name_theirs",
            search_is_limited_to_one_organisation_and_results_name_theirs,
        ),
        crate::trial(
            "organisation_search::from_a_plan_the_search_widens_to_its_organisation_then_to_all",
            from_a_plan_the_search_widens_to_its_organisation_then_to_all,
        ),
        crate::trial(
            "organisation_search::the_organisation_control_speaks_english_and_one_organisation_has_none",
            the_organisation_control_speaks_english_and_one_organisation_has_none,
        ),
        crate::trial(
            "organisation_search::plans_that_name_no_organisation_are_one_choice_named_as_the_site",
            plans_that_name_no_organisation_are_one_choice_named_as_the_site,
        ),
    ]
}
