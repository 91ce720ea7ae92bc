//! The generated archive of about 1,000 pages (the benchmark's smallest size) builds, checks
//! clean — no errors, no warnings — and has every page it should.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

use crate::generate;

use std::collections::BTreeSet;

fn a_thousand_page_archive_builds_checks_clean_and_has_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let (plans, sections) = (20, 36);
    let pages = generate::generate(dir.path(), plans, sections, 1);
    assert_eq!(pages, 1003);
    let opts = plansite::BuildOptions::new(dir.path());
    let warnings = plansite::check(&opts).unwrap_or_else(|d| panic!("{d:?}"));
    assert!(warnings.is_empty(), "{warnings:?}");
    let (built, summary) = plansite::build(&opts).unwrap();
    assert_eq!(built.plans, plans);

    let out = dir.path().join("output");
    let html: BTreeSet<String> = walkdir::WalkDir::new(&out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            e.path()
                .strip_prefix(&out)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let mut expected: BTreeSet<String> = ["index.html", "404.html", "search/index.html"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    for p in 0..plans {
        let year = 2000 + p;
        let plan = format!("{year}-ke-hoach");
        expected.insert(format!("{plan}/index.html"));
        expected.insert(format!("{plan}/timeline/index.html"));
        for s in 1..=sections {
            expected.insert(format!("{plan}/noi-dung-{s}/index.html"));
        }
        for m in 1..=12 {
            expected.insert(format!("{plan}/months/{year}-{m:02}/index.html"));
        }
    }
    assert_eq!(html.len(), pages);
    assert_eq!(html, expected);
    assert_eq!(summary.written, summary.files);
    // Every page is a real page of the plan, not an empty shell.
    let some = std::fs::read_to_string(out.join("2019-ke-hoach/noi-dung-36/index.html")).unwrap();
    assert!(
        some.contains("NỘI DUNG 36") && some.contains("<table>"),
        "{some}"
    );
}

/// The tests of this module, for the harness (tests/testsuite/main.rs).
pub(crate) fn trials() -> Vec<libtest_mimic::Trial> {
    let trials = vec![crate::trial(
        "large_archive::a_thousand_page_archive_builds_checks_clean_and_has_every_page",
        a_thousand_page_archive_builds_checks_clean_and_has_every_page,
    )];
    trials
}
