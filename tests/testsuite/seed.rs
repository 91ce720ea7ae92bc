//! The real 2023 plan: every part of the issued document reaches the site with its wording and
//! figures, and section V's 84 activities appear under their months.
//!
//! `tests/data/seed-2023.txt` is the text extracted from the signed document (a copy of
//! `shared/seeds/000_0f3671014581f05c.txt`); `content/2023-chi-bo/` is our Markdown of it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

use crate::common;

use common::{TestSite, text, texts};

const SEED: &str = include_str!("../data/seed-2023.txt");

/// Text as compared: Markdown markers of the extraction removed, smart punctuation undone,
/// white space collapsed.
fn normalise(s: &str) -> String {
    s.replace('*', "")
        .replace('…', "...")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Section V's table: (month number, activities), split on a dash followed by a space.
fn seed_months() -> Vec<(u32, Vec<String>)> {
    SEED.lines()
        .filter_map(|line| {
            let (month, rest) = line.split_once('\t')?;
            let month: u32 = month.strip_suffix("/2023")?.parse().ok()?;
            let body = rest.replace("<ul style=\"list-style-type: none\">", "");
            let items = body
                .split("- ")
                .map(normalise)
                .filter(|s| !s.is_empty())
                .collect();
            Some((month, items))
        })
        .collect()
}

fn built() -> TestSite {
    let site = TestSite::real();
    site.build();
    site
}

fn seed_table_has_84_activities() {
    let months = seed_months();
    assert_eq!(months.len(), 12);
    assert_eq!(months.iter().map(|(_, a)| a.len()).sum::<usize>(), 84);
}

fn every_line_of_the_document_is_on_the_plan_page() {
    let site = built();
    let page = normalise(&text(
        &site.read("2023-chi-bo/index.html"),
        "article.document",
    ));
    let mut missing = Vec::new();
    for line in SEED.lines() {
        let line = line.trim();
        // The month table is checked cell by cell below; its header row by `thead`.
        if line.is_empty() || line.contains('\t') {
            continue;
        }
        // The extraction spaced the symbol ("02 -KH"); the issued number is 02-KH/CBMN.
        if line == "Số: 02 -KH/CBMN" {
            continue;
        }
        let wanted = normalise(line.trim_start_matches(['-', '*', ' ']));
        if !page.contains(&wanted) {
            missing.push(wanted);
        }
    }
    assert!(
        missing.is_empty(),
        "not on the page:\n{}",
        missing.join("\n")
    );
}

fn header_fields_sections_and_signature() {
    let site = built();
    let doc = site.read("2023-chi-bo/index.html");
    assert_eq!(text(&doc, ".doc-number"), "Số: 02-KH/CBMN");
    assert_eq!(text(&doc, ".motto-line"), "ĐẢNG CỘNG SẢN VIỆT NAM");
    assert_eq!(
        text(&doc, ".issuer-name"),
        "CHI BỘ TRƯỜNG MẦM NON TIÊN CƯỜNG"
    );
    assert_eq!(
        text(&doc, ".doc-place-date"),
        "Tiền Cường, ngày 27 tháng 01 năm 2023"
    );
    assert_eq!(text(&doc, ".doc-kind"), "KẾ HOẠCH");
    assert_eq!(text(&doc, ".doc-subject"), "HOẠT ĐỘNG CHI BỘ NĂM 2023");
    assert_eq!(
        texts(&doc, ".doc-section > h2"),
        [
            "I. ĐẶC ĐIỂM TÌNH HÌNH CHUNG",
            "II. NHIỆM VỤ TRỌNG TÂM NĂM 2023",
            "III. NHIỆM VỤ CỤ THỂ",
            "IV. BIỆN PHÁP THỰC HIỆN.",
            "V- CÔNG TÁC THÁNG",
            "VI- TỔ CHỨC THỰC HIỆN",
        ]
    );
    assert_eq!(
        texts(&doc, ".month-table thead th"),
        ["Tháng", "Nội dung hoạt động"]
    );
    assert_eq!(
        texts(&doc, ".doc-recipients li"),
        [
            "Đảng ủy (để b/c);",
            "Lãnh đạo phụ trách CB;",
            "Cán bộ, đảng viên (để t/h);",
            "Lưu: CB."
        ]
    );
    assert_eq!(
        texts(&doc, ".doc-signature p"),
        ["T/M CHI BỘ", "BÍ THƯ", "", "Vũ Thị Xuyên"]
    );
    assert!(text(&doc, ".doc-closing").ends_with("điều chỉnh cho phù hợp./."));
}

fn activities_are_under_their_months_in_the_table_and_month_pages() {
    let site = built();
    let doc = site.read("2023-chi-bo/index.html");
    let mut total = 0;
    for (month, wanted) in seed_months() {
        let key = format!("2023-{month:02}");
        let in_table: Vec<String> = texts(&doc, &format!("#cong-tac-thang #thang-{key} li"))
            .iter()
            .map(|s| normalise(s))
            .collect();
        assert_eq!(in_table, wanted, "month {key} in the document's table");
        assert_eq!(
            text(&doc, &format!("#thang-{key} th")),
            format!("{month}/2023")
        );
        let page = site.read(&format!("2023-chi-bo/months/{key}/index.html"));
        let on_page: Vec<String> = texts(&page, ".activities li")
            .iter()
            .map(|s| normalise(s))
            .collect();
        assert_eq!(on_page, wanted, "month page {key}");
        total += on_page.len();
    }
    assert_eq!(total, 84);
}

fn each_section_has_its_own_page_with_prev_and_next() {
    let site = built();
    let slugs = [
        "dac-diem",
        "nhiem-vu-trong-tam",
        "nhiem-vu-cu-the",
        "bien-phap",
        "cong-tac-thang",
        "to-chuc-thuc-hien",
    ];
    for (i, slug) in slugs.iter().enumerate() {
        let page = site.read(&format!("2023-chi-bo/{slug}/index.html"));
        let prev = text(&page, ".prev-next .prev");
        let next = text(&page, ".prev-next .next");
        assert_eq!(prev.is_empty(), i == 0, "{slug}");
        assert_eq!(next.is_empty(), i == slugs.len() - 1, "{slug}");
    }
    let v = site.read("2023-chi-bo/cong-tac-thang/index.html");
    assert_eq!(
        texts(&v, ".month-table tbody tr").len(),
        12,
        "section V's page has the month table"
    );
}

fn the_repository_site_checks_clean() {
    let opts = plansite::BuildOptions::new(common::repo());
    let warnings = plansite::check(&opts).unwrap_or_else(|d| panic!("{}", common::render(d)));
    assert!(warnings.is_empty(), "{}", common::render(warnings));
}

/// The tests of this module, for the harness (tests/testsuite/main.rs).
pub(crate) fn trials() -> Vec<libtest_mimic::Trial> {
    let trials = vec![
        crate::trial(
            "seed::seed_table_has_84_activities",
            seed_table_has_84_activities,
        ),
        crate::trial(
            "seed::every_line_of_the_document_is_on_the_plan_page",
            every_line_of_the_document_is_on_the_plan_page,
        ),
        crate::trial(
            "seed::header_fields_sections_and_signature",
            header_fields_sections_and_signature,
        ),
        crate::trial(
            "seed::activities_are_under_their_months_in_the_table_and_month_pages",
            activities_are_under_their_months_in_the_table_and_month_pages,
        ),
        crate::trial(
            "seed::each_section_has_its_own_page_with_prev_and_next",
            each_section_has_its_own_page_with_prev_and_next,
        ),
        crate::trial(
            "seed::the_repository_site_checks_clean",
            the_repository_site_checks_clean,
        ),
    ];
    trials
}
