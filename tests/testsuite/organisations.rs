//! One site, several organisations: `plansite archive --organisation`, the organisation's
//! archive opened from disk in a real browser, and the search page limited to one
//! organisation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

use crate::archive::{plansite, zip_names};
use crate::browser::{axe_violations, browser, eval, open, walk};
use crate::common::TestSite;

use predicates::prelude::*;

const CHI_BO: &str = "chi-bo-truong-mam-non-hoa-sen";

/// The organisations fixture, its 2025 Party cell plan linking to the cell's 2024 plan (inside
/// the cell's archive) and to the youth union's 2024 plan (outside it).
fn school_with_links() -> TestSite {
    let site = TestSite::fixture("organisations");
    let section = "content/2025-chi-bo/01-muc-dich.md";
    let text = std::fs::read_to_string(site.root().join(section)).unwrap();
    site.write(
        section,
        &format!(
            "{text}\nTiếp nối [kế hoạch năm 2024](../2024-chi-bo/_index.md) và phối hợp với [Chi đoàn](../2024-chi-doan/_index.md).\n"
        ),
    );
    site
}

/// The text of `name` in the zip at `path`.
fn zip_text(path: &std::path::Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
    text
}

fn an_organisations_archive_holds_all_its_years_and_no_other_plan() {
    let site = school_with_links();
    plansite()
        .current_dir(site.root())
        .args(["archive", "--organisation", CHI_BO])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Archived CHI BỘ TRƯỜNG MẦM NON HOA SEN (2 plans): ",
        ))
        .stderr(predicate::str::contains(
            "content/2025-chi-bo/_index.md: warning: 1 link(s) to other plans cannot work inside the archive",
        ));
    let zip = site.root().join(format!("{CHI_BO}.zip"));
    let names = zip_names(&zip);
    let paths: Vec<&str> = names.iter().map(|(n, _)| n.as_str()).collect();
    let mut sorted = paths.clone();
    sorted.sort_unstable();
    assert_eq!(paths, sorted);
    for file in [
        "index.html",
        "style.css",
        "search/index.html",
        "2024-chi-bo/index.html",
        "2024-chi-bo/timeline/index.html",
        "2025-chi-bo/index.html",
        "2025-chi-bo/months/2025-03/index.html",
    ] {
        let name = format!("{CHI_BO}/{file}");
        assert!(paths.contains(&name.as_str()), "{name} in {paths:?}");
    }
    let plans: std::collections::BTreeSet<&str> = paths
        .iter()
        .filter_map(|p| p.strip_prefix(&format!("{CHI_BO}/"))?.split_once('/'))
        .map(|(top, _)| top)
        .filter(|top| top.starts_with("20"))
        .collect();
    assert_eq!(plans, ["2024-chi-bo", "2025-chi-bo"].into());
    assert!(
        names.iter().all(|(_, t)| t == "2025-01-08 00:00"),
        "timestamps are the newest plan's date: {names:?}"
    );
    let home = zip_text(&zip, &format!("{CHI_BO}/index.html"));
    assert!(home.contains(r#"href="2024-chi-bo/index.html""#), "{home}");
    assert!(home.contains(r#"href="2025-chi-bo/index.html""#), "{home}");
    assert!(
        !home.contains("chi-doan") && !home.contains("cong-doan"),
        "{home}"
    );
    let page = zip_text(&zip, &format!("{CHI_BO}/2025-chi-bo/muc-dich/index.html"));
    assert!(
        page.contains(r#"<a href="../../2024-chi-bo/index.html">kế hoạch năm 2024</a>"#),
        "a link between the organisation's years works inside the zip: {page}"
    );
    assert!(
        page.contains(r##"<a href="#top">Chi đoàn</a>"##),
        "a link to another organisation's plan is disarmed: {page}"
    );
    // The previous year of the 2025 plan is the cell's 2024 plan, inside the zip.
    let doc = zip_text(&zip, &format!("{CHI_BO}/2025-chi-bo/index.html"));
    assert!(doc.contains("../2024-chi-bo/index.html"), "{doc}");
    // Again, by the organisation's name as people write it, from another folder, into a file
    // named relative to the current folder (not to --root): the same bytes.
    let first = std::fs::read(&zip).unwrap();
    plansite()
        .current_dir(site.root().join("content"))
        .args([
            "--root",
            "..",
            "archive",
            "--organisation",
            "Chi bộ trường mầm non Hoa Sen",
            "-o",
            "../again.zip",
        ])
        .assert()
        .success();
    assert_eq!(std::fs::read(site.root().join("again.zip")).unwrap(), first);
}

fn an_organisations_archive_points_outside_links_at_base_url() {
    let site = school_with_links();
    plansite()
        .current_dir(site.root())
        .args([
            "--base-url",
            "https://truong.edu.vn/kh/",
            "archive",
            "--organisation",
            CHI_BO,
        ])
        .assert()
        .success();
    let page = zip_text(
        &site.root().join(format!("{CHI_BO}.zip")),
        &format!("{CHI_BO}/2025-chi-bo/muc-dich/index.html"),
    );
    assert!(
        page.contains(r#"<a href="https://truong.edu.vn/kh/2024-chi-doan/">Chi đoàn</a>"#),
        "{page}"
    );
    assert!(
        page.contains(r#"<a href="../../2024-chi-bo/index.html">"#),
        "{page}"
    );
}

fn an_unknown_organisation_suggests_one_and_lists_them() {
    let site = TestSite::fixture("organisations");
    plansite()
        .current_dir(site.root())
        .args(["archive", "--organisation", "chi-bo-truong-mam-non-hoa-sn"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "error: there is no organisation `chi-bo-truong-mam-non-hoa-sn`\n  hint: did you mean `chi-bo-truong-mam-non-hoa-sen` (CHI BỘ TRƯỜNG MẦM NON HOA SEN)?",
        ));
    plansite()
        .current_dir(site.root())
        .args(["archive", "--organisation", "truong"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "hint: the organisations are: chi-bo-truong-mam-non-hoa-sen (CHI BỘ TRƯỜNG MẦM NON HOA SEN), chi-doan-truong-mam-non-hoa-sen (CHI ĐOÀN TRƯỜNG MẦM NON HOA SEN), cong-doan-truong-mam-non-hoa-sen (Công đoàn Trường Mầm non Hoa Sen)",
        ));
    let zips: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.ends_with(".zip").then_some(name)
        })
        .collect();
    assert!(zips.is_empty(), "no zip was written: {zips:?}");
}

fn a_site_whose_plans_name_no_organisation_says_so() {
    let site = TestSite::fixture("two-years");
    site.build();
    let plans = site.read("index.html");
    assert!(!plans.contains("org-"), "the fixture names no organisation");
    plansite()
        .current_dir(site.root())
        .args(["archive", "--organisation", "chi-bo"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "error: there is no organisation `chi-bo`\n  hint: no plan of this site names an organisation or an issuer; archive one plan with `plansite archive PLAN`",
        ));
}

fn archive_takes_a_plan_or_an_organisation_not_both() {
    let site = TestSite::fixture("organisations");
    plansite()
        .current_dir(site.root())
        .args(["archive", "2024-chi-bo", "--organisation", CHI_BO])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
    plansite()
        .current_dir(site.root())
        .arg("archive")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the following required arguments were not provided",
        ));
}

fn an_organisations_archive_unpacked_anywhere_opens_from_disk() {
    let site = TestSite::fixture("organisations");
    let zip = site.root().join("org.zip");
    let summary = plansite::archive::archive_organisation(
        &site.options(),
        "Công đoàn Trường Mầm non Hoa Sen",
        Some(&zip),
    )
    .unwrap();
    assert_eq!(summary.plans, 2);
    let unpacked = tempfile::tempdir().unwrap();
    zip::ZipArchive::new(std::fs::File::open(&zip).unwrap())
        .unwrap()
        .extract(unpacked.path())
        .unwrap();
    let out = unpacked.path().join("cong-doan-truong-mam-non-hoa-sen");
    let base = format!("file://{}/", out.display());
    let (problems, pages) = walk(&browser(), &format!("{base}index.html"), &base, Some(&out));
    assert!(problems.is_empty(), "{problems:#?}");
    let html = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "html"))
        })
        .count();
    // Every page but 404.html is reached from the home page: both years, through the links
    // between them.
    assert_eq!(pages, html - 1, "{pages} of {html}");
    assert!(out.join("2023-2024-cong-doan/index.html").is_file());
    assert!(out.join("2024-2025-cong-doan/index.html").is_file());
}

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
    let config = std::fs::read_to_string(site.root().join("plansite.toml")).unwrap();
    site.write(
        "plansite.toml",
        &config.replace("language = \"vi\"", "language = \"en\""),
    );
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

/// The tests of this module, for the harness (tests/testsuite/main.rs).
pub(crate) fn trials() -> Vec<libtest_mimic::Trial> {
    vec![
        crate::trial(
            "organisations::an_organisations_archive_holds_all_its_years_and_no_other_plan",
            an_organisations_archive_holds_all_its_years_and_no_other_plan,
        ),
        crate::trial(
            "organisations::an_organisations_archive_points_outside_links_at_base_url",
            an_organisations_archive_points_outside_links_at_base_url,
        ),
        crate::trial(
            "organisations::an_unknown_organisation_suggests_one_and_lists_them",
            an_unknown_organisation_suggests_one_and_lists_them,
        ),
        crate::trial(
            "organisations::a_site_whose_plans_name_no_organisation_says_so",
            a_site_whose_plans_name_no_organisation_says_so,
        ),
        crate::trial(
            "organisations::archive_takes_a_plan_or_an_organisation_not_both",
            archive_takes_a_plan_or_an_organisation_not_both,
        ),
        crate::trial(
            "organisations::an_organisations_archive_unpacked_anywhere_opens_from_disk",
            an_organisations_archive_unpacked_anywhere_opens_from_disk,
        ),
        crate::trial(
            "organisations::search_is_limited_to_one_organisation_and_results_name_theirs",
            search_is_limited_to_one_organisation_and_results_name_theirs,
        ),
        crate::trial(
            "organisations::from_a_plan_the_search_widens_to_its_organisation_then_to_all",
            from_a_plan_the_search_widens_to_its_organisation_then_to_all,
        ),
        crate::trial(
            "organisations::the_organisation_control_speaks_english_and_one_organisation_has_none",
            the_organisation_control_speaks_english_and_one_organisation_has_none,
        ),
    ]
}
