//! `plansite new` and `plansite archive`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

use crate::common;

use assert_cmd::Command;
use common::TestSite;
use predicates::prelude::*;

pub(crate) fn plansite() -> Command {
    Command::cargo_bin("plansite").expect("binary")
}

pub(crate) fn zip_names(path: &std::path::Path) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let f = zip.by_index(i).unwrap();
            let t = f.last_modified().unwrap();
            (
                f.name().unwrap().into_owned(),
                format!(
                    "{}-{:02}-{:02} {:02}:{:02}",
                    t.year(),
                    t.month(),
                    t.day(),
                    t.hour(),
                    t.minute()
                ),
            )
        })
        .collect()
}

fn new_site_builds_and_checks_clean_in_both_languages() {
    for lang in ["vi", "en"] {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        plansite()
            .args(["new", "--lang", lang])
            .arg(&site)
            .assert()
            .success()
            .stdout(predicate::str::starts_with(format!(
                "Created a new site in {}",
                site.display()
            )));
        assert!(!site.join("themes").exists(), "the built-in theme is used");
        plansite()
            .current_dir(&site)
            .arg("check")
            .assert()
            .success()
            .stdout("No errors found.\n");
        plansite()
            .current_dir(&site)
            .arg("build")
            .assert()
            .success();
        let plans: Vec<_> = std::fs::read_dir(site.join("content")).unwrap().collect();
        assert_eq!(plans.len(), 1);
        let html = std::fs::read_to_string(site.join("output/index.html")).unwrap();
        assert!(html.contains(&format!("<html lang=\"{lang}\">")));
        // Three months, one dated event.
        let plan_dir = plans[0]
            .as_ref()
            .unwrap()
            .file_name()
            .to_string_lossy()
            .into_owned();
        let data: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(site.join("output").join(&plan_dir).join("plan.json"))
                .unwrap(),
        )
        .unwrap();
        assert_eq!(data["months"].as_array().unwrap().len(), 3);
        let events: usize = data["months"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["events"].as_array().unwrap().len())
            .sum();
        assert_eq!(events, 1);
    }
}

fn new_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    plansite()
        .arg("new")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "is not empty; plansite new never writes over existing files",
        ));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["notes.txt"], "nothing was written");
}

fn archive_is_one_plan_sorted_with_fixed_timestamps_and_byte_identical() {
    let site = TestSite::fixture("two-years");
    plansite()
        .current_dir(site.root())
        .args(["archive", "2023-2024"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Archived 2023-2024: "));
    let first = std::fs::read(site.root().join("2023-2024.zip")).unwrap();
    let names = zip_names(&site.root().join("2023-2024.zip"));
    let paths: Vec<&str> = names.iter().map(|(n, _)| n.as_str()).collect();
    let mut sorted = paths.clone();
    sorted.sort_unstable();
    assert_eq!(paths, sorted);
    assert!(paths.contains(&"2023-2024/index.html"));
    assert!(paths.contains(&"2023-2024/2023-2024/index.html"));
    assert!(paths.contains(&"2023-2024/style.css"));
    assert!(paths.contains(&"2023-2024/2023-2024/calendar.ics"));
    assert!(
        paths.iter().all(|p| !p.starts_with("2023-2024/2023/")),
        "other plans stay out"
    );
    assert!(
        names.iter().all(|(_, t)| t == "2023-08-25 00:00"),
        "timestamps are the plan's date"
    );
    // Again, into another file: the same bytes.
    plansite()
        .current_dir(site.root())
        .args(["archive", "2023-2024", "-o", "again.zip"])
        .assert()
        .success();
    assert_eq!(std::fs::read(site.root().join("again.zip")).unwrap(), first);
}

/// `plansite --base-url https://truong.edu.vn/kh/ archive PLAN`, and the file `name` of the zip.
fn archived_page_with_base_url(site: &TestSite, plan: &str, name: &str) -> String {
    plansite()
        .current_dir(site.root())
        .args([
            "--base-url",
            "https://truong.edu.vn/kh/",
            "archive",
            plan,
            "-o",
            "b.zip",
        ])
        .assert()
        .success();
    let mut zip =
        zip::ZipArchive::new(std::fs::File::open(site.root().join("b.zip")).unwrap()).unwrap();
    let mut page = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut page).unwrap();
    page
}

fn archive_warns_about_links_to_other_plans() {
    let site = TestSite::fixture("two-years");
    plansite()
        .current_dir(site.root())
        .args(["archive", "2023"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "content/2023/_index.md: warning: 2 link(s) to other plans cannot work inside the archive",
        ));
    let page = archived_page_with_base_url(&site, "2023", "2023/2023/index.html");
    assert!(
        page.contains(r#"<a href="https://truong.edu.vn/kh/2023-2024/">kế hoạch năm học</a>"#),
        "{page}"
    );
}

/// A link to another plan's file leaves the archive as an address of the published site,
/// percent-encoded like every link of the site (a space or a Vietnamese letter in a name).
fn a_link_to_another_plans_file_is_an_encoded_address() {
    let site = TestSite::fixture("two-years");
    site.write_bytes("content/2023-2024/ảnh 1.png", b"png");
    let section = "content/2023/01-muc-tieu.md";
    let text = std::fs::read_to_string(site.root().join(section)).unwrap();
    site.write(
        section,
        &format!("{text}\n[Ảnh](<../2023-2024/ảnh 1.png>)\n"),
    );
    let page = archived_page_with_base_url(&site, "2023", "2023/2023/index.html");
    assert!(
        page.contains(r#"href="https://truong.edu.vn/kh/2023-2024/%E1%BA%A3nh%201.png""#),
        "{page}"
    );
}

/// In an archive, the plans a plan is based on and those based on it are links to other
/// plans like any other: counted in the warning, written as the published site's addresses.
fn citations_leave_the_archive_as_links_to_other_plans_do() {
    let site = TestSite::fixture("two-years");
    let index = "content/2023-2024/_index.md";
    let text = std::fs::read_to_string(site.root().join(index)).unwrap();
    site.write(
        index,
        &text.replacen("date = ", "based_on = \"2023\"\ndate = ", 1),
    );
    plansite()
        .current_dir(site.root())
        .args(["archive", "2023-2024"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            // One in a section, one the citation.
            "content/2023-2024/_index.md: warning: 2 link(s) to other plans cannot work inside the archive",
        ));
    let page = archived_page_with_base_url(&site, "2023-2024", "2023-2024/2023-2024/index.html");
    assert!(
        page.contains(r#"<a href="https://truong.edu.vn/kh/2023/">Kế hoạch năm 2023</a>"#),
        "{page}"
    );
    let page = archived_page_with_base_url(&site, "2023", "2023/2023/index.html");
    assert!(
        page.contains(
            r#"<a href="https://truong.edu.vn/kh/2023-2024/">Kế hoạch năm học 2023-2024</a>"#
        ),
        "{page}"
    );
}

fn archive_of_an_unknown_plan_suggests_one() {
    let site = TestSite::fixture("two-years");
    plansite()
        .current_dir(site.root())
        .args(["archive", "2024"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error: there is no plan `2024`"));
    assert!(!site.root().join("2024.zip").exists());
}

/// `--root` given relative to the current folder, as a user types it: attachments are read
/// from the site once, not from `s/s/content/…` (issue 16, item 5).
fn a_relative_root_finds_attachments_in_build_check_and_archive() {
    let dir = tempfile::tempdir().unwrap();
    plansite()
        .current_dir(dir.path())
        .args(["new", "s"])
        .assert()
        .success();
    let content = dir.path().join("s/content");
    let plan = std::fs::read_dir(&content)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .file_name()
        .to_string_lossy()
        .into_owned();
    std::fs::write(content.join(&plan).join("anh.png"), b"\x89PNG picture").unwrap();
    let run = |args: &[&str]| {
        plansite()
            .current_dir(dir.path())
            .args(["--root", "s"])
            .args(args)
            .assert()
            .success()
            .stderr(predicate::str::contains("cannot").not());
    };
    run(&["check"]);
    run(&["build"]);
    let built = dir.path().join("s/output").join(&plan).join("anh.png");
    assert_eq!(std::fs::read(built).unwrap(), b"\x89PNG picture");
    run(&["archive", &plan]);
    let names = zip_names(&dir.path().join("s").join(format!("{plan}.zip")));
    assert!(
        names
            .iter()
            .any(|(n, _)| n == &format!("{plan}/{plan}/anh.png")),
        "{names:?}"
    );
}

/// The tests of this module, for the harness (tests/testsuite/main.rs).
pub(crate) fn trials() -> Vec<libtest_mimic::Trial> {
    let trials = vec![
        crate::trial(
            "archive::new_site_builds_and_checks_clean_in_both_languages",
            new_site_builds_and_checks_clean_in_both_languages,
        ),
        crate::trial(
            "archive::new_refuses_a_folder_that_is_not_empty",
            new_refuses_a_folder_that_is_not_empty,
        ),
        crate::trial(
            "archive::archive_is_one_plan_sorted_with_fixed_timestamps_and_byte_identical",
            archive_is_one_plan_sorted_with_fixed_timestamps_and_byte_identical,
        ),
        crate::trial(
            "archive::archive_warns_about_links_to_other_plans",
            archive_warns_about_links_to_other_plans,
        ),
        crate::trial(
            "archive::a_link_to_another_plans_file_is_an_encoded_address",
            a_link_to_another_plans_file_is_an_encoded_address,
        ),
        crate::trial(
            "archive::citations_leave_the_archive_as_links_to_other_plans_do",
            citations_leave_the_archive_as_links_to_other_plans_do,
        ),
        crate::trial(
            "archive::archive_of_an_unknown_plan_suggests_one",
            archive_of_an_unknown_plan_suggests_one,
        ),
        crate::trial(
            "archive::a_relative_root_finds_attachments_in_build_check_and_archive",
            a_relative_root_finds_attachments_in_build_check_and_archive,
        ),
    ];
    trials
}
