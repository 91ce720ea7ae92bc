//! One site, several organisations: `plansite archive --organisation`, and the
//! organisation's archive opened from disk in a real browser.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

use crate::archive::{plansite, zip_names};
use crate::browser::{browser, walk};
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
        // The 2025 plan's link to the youth union's plan, and on both years the lists of the
        // union's and the youth union's plans based on them: all lead out of the archive.
        .stderr(predicate::str::contains(
            "content/2025-chi-bo/_index.md: warning: 3 link(s) to other plans cannot work inside the archive",
        ))
        .stderr(predicate::str::contains(
            "content/2024-chi-bo/_index.md: warning: 2 link(s) to other plans cannot work inside the archive",
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
    ]
}
