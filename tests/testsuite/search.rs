//! Search: the Rust rules and the browser's matcher on the same vectors, and the index files.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

use crate::common;

use common::TestSite;

fn rust_ranking_follows_the_shared_vectors() {
    let vectors: serde_json::Value =
        serde_json::from_str(include_str!("../data/search-vectors.json")).unwrap();
    for v in vectors.as_array().unwrap() {
        let entries: Vec<(String, String)> = v["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e[0].as_str().unwrap().to_owned(),
                    e[1].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        let expect: Vec<usize> = v["expect"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_u64().unwrap() as usize)
            .collect();
        assert_eq!(
            plansite::search::rank(v["query"].as_str().unwrap(), &entries),
            expect,
            "{}",
            v["query"]
        );
    }
}

fn the_javascript_matcher_passes_its_tests_in_node() {
    let out = std::process::Command::new("node")
        .args(["--test", "tests/js/"])
        .current_dir(common::repo())
        .output()
        .expect("Node.js is needed for the JavaScript tests (scripts/test installs it)");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{report}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(report.contains("# pass 3"), "{report}");
}

fn every_plan_gets_an_index_of_sections_headings_activities_and_events() {
    let site = TestSite::fixture("school-year");
    site.build();
    let script = site.read("nam-hoc-2023-2024/search-index.js");
    let json = script
        .strip_prefix("window.plansiteSearchIndex=window.plansiteSearchIndex||[];window.plansiteSearchIndex.push(")
        .and_then(|s| s.strip_suffix(");\n"))
        .unwrap();
    let index: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(index["slug"], "nam-hoc-2023-2024");
    let entries = index["entries"].as_array().unwrap();
    let kinds: Vec<&str> = entries.iter().map(|e| e[0].as_str().unwrap()).collect();
    assert_eq!(
        kinds.iter().filter(|k| **k == "m").count(),
        5,
        "one entry per activity"
    );
    assert_eq!(
        kinds.iter().filter(|k| **k == "e").count(),
        3,
        "one per dated event"
    );
    let opening = entries
        .iter()
        .find(|e| e[3].as_str().unwrap().starts_with("Lễ khai giảng"))
        .unwrap();
    assert_eq!(opening[2], "nam-hoc-2023-2024/months/2023-09/index.html");
    assert_eq!(
        opening[3],
        "Lễ khai giảng · 7:00 · Sân trường · Học sinh mặc đồng phục; phụ huynh dự lễ"
    );
}

fn section_parts_link_to_their_headings() {
    let site = TestSite::real();
    site.build();
    let script = site.read("2023-chi-bo/search-index.js");
    assert!(script.contains(
        r##"["s","I. ĐẶC ĐIỂM TÌNH HÌNH CHUNG › 1. Thuận lợi","2023-chi-bo/dac-diem/index.html#1-thuan-loi","Đảng viên và các đồng chí"##
    ));
    // NFC everywhere.
    assert_eq!(script, plansite::search::nfc(&script));
    let size = script.len();
    assert!(
        size < 60_000,
        "the example plan's index stays small: {size} bytes"
    );
}

/// The tests of this module, for the harness (tests/testsuite/main.rs).
pub(crate) fn trials() -> Vec<libtest_mimic::Trial> {
    let trials = vec![
        crate::trial(
            "search::rust_ranking_follows_the_shared_vectors",
            rust_ranking_follows_the_shared_vectors,
        ),
        crate::trial(
            "search::the_javascript_matcher_passes_its_tests_in_node",
            the_javascript_matcher_passes_its_tests_in_node,
        ),
        crate::trial(
            "search::every_plan_gets_an_index_of_sections_headings_activities_and_events",
            every_plan_gets_an_index_of_sections_headings_activities_and_events,
        ),
        crate::trial(
            "search::section_parts_link_to_their_headings",
            section_parts_link_to_their_headings,
        ),
    ];
    trials
}
