//! Fixture sites built end to end: pages, structure and snapshots.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

use crate::common;

use common::{TestSite, text, texts};

fn small_fixture_builds_every_page() {
    let site = TestSite::fixture("small");
    site.build();
    let files: Vec<String> = site.output_files().into_iter().map(|(p, _)| p).collect();
    assert_eq!(
        files,
        [
            "404.html",
            "index.html",
            "ke-hoach-2024/calendar.ics",
            "ke-hoach-2024/index.html",
            "ke-hoach-2024/months/2024-09/index.html",
            "ke-hoach-2024/months/2024-10/index.html",
            "ke-hoach-2024/months/2024-11/index.html",
            "ke-hoach-2024/muc-tieu/index.html",
            "ke-hoach-2024/plan.json",
            "ke-hoach-2024/search-index.js",
            "ke-hoach-2024/thang/index.html",
            "ke-hoach-2024/timeline/index.html",
            "og-image.png",
            "plansite.js",
            "search.js",
            "search/index.html",
            "style.css",
        ]
    );
}

fn document_page_snapshot() {
    let site = TestSite::fixture("small");
    site.build();
    insta::assert_snapshot!("small_document", site.read("ke-hoach-2024/index.html"));
    insta::assert_snapshot!(
        "small_section",
        site.read("ke-hoach-2024/muc-tieu/index.html")
    );
    insta::assert_snapshot!("small_home", site.read("index.html"));
}

fn header_block_motto_and_signature() {
    let site = TestSite::fixture("small");
    site.build();
    let doc = site.read("ke-hoach-2024/index.html");
    assert_eq!(
        texts(&doc, ".motto-line"),
        [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc"
        ]
    );
    assert_eq!(
        text(&doc, ".doc-place-date"),
        "Hoa Sen, ngày 20 tháng 08 năm 2024"
    );
    assert_eq!(text(&doc, ".doc-number"), "Số: 15/KH-MNHS");
    assert_eq!(
        text(&doc, ".doc-kind"),
        "KẾ HOẠCH",
        "kind defaults to the language's word"
    );
    assert_eq!(
        texts(&doc, ".doc-recipients li"),
        ["Phòng GD&ĐT (để b/c);", "Lưu: VT."]
    );
    assert_eq!(text(&doc, ".signer-on-behalf"), "KT. HIỆU TRƯỞNG");
    assert_eq!(text(&doc, ".signer-name"), "Nguyễn Thị Lan");
}

fn links_are_relative_and_point_inside_the_page_on_the_document() {
    let site = TestSite::fixture("small");
    site.build();
    let doc = site.read("ke-hoach-2024/index.html");
    // Preamble link to a heading of section I: an in-page anchor on the document.
    assert!(
        doc.contains(r##"<a href="#nhiem-vu-chung">nhiệm vụ</a>"##),
        "{doc}"
    );
    // Section I links to a month page and to section II.
    assert!(doc.contains(r#"<a href="../ke-hoach-2024/months/2024-09/index.html">tháng 9</a>"#));
    assert!(doc.contains(r##"<a href="#thang">phần II</a>"##));
    let section = site.read("ke-hoach-2024/muc-tieu/index.html");
    assert!(section.contains(r#"<a href="../../ke-hoach-2024/thang/index.html">phần II</a>"#));
    assert!(section.contains(r#"<link rel="stylesheet" href="../../style.css">"#));
    // Nothing absolute anywhere.
    for (path, bytes) in site.output_files() {
        let html = String::from_utf8_lossy(&bytes);
        assert!(
            !html.contains("href=\"/"),
            "{path} has a root-absolute link"
        );
        assert!(
            !html.contains("src=\"/"),
            "{path} has a root-absolute source"
        );
        assert!(
            !html.contains("http://") && !html.contains("https://"),
            "{path} refers to the network"
        );
    }
}

fn month_table_sits_in_the_timeline_section_with_every_month() {
    let site = TestSite::fixture("small");
    site.build();
    let doc = site.read("ke-hoach-2024/index.html");
    assert_eq!(
        texts(&doc, "#thang .month-table tbody th"),
        ["9/2024", "10/2024", "11/2024"]
    );
    assert_eq!(
        texts(&doc, "#thang .month-table tbody tr:first-child li"),
        [
            // Dated events first, as on the month pages (a table of days has nothing else).
            "ngày 05 tháng 09 năm 2024, 7:30: Khai giảng năm học",
            "Tổ chức khai giảng năm học 2024-2025.",
            "Họp phụ huynh đầu năm; phòng chống covid-19."
        ]
    );
    assert_eq!(text(&doc, "#thang-2024-10 td"), "Chưa có hoạt động.");
}

fn markdown_features_render() {
    let site = TestSite::fixture("small");
    site.build();
    let doc = site.read("ke-hoach-2024/muc-tieu/index.html");
    assert!(
        doc.contains(r#"<td style="text-align: right">95%</td>"#),
        "{doc}"
    );
    assert!(
        doc.contains(
            r##"<sup class="footnote-reference"><a href="#01-muc-tieu-fn-1">1</a></sup>"##
        )
    );
    assert!(doc.contains(r#"<h3 id="nhiem-vu-chung">Nhiệm vụ chung</h3>"#));
}

fn yaml_front_matter_and_english() {
    let site = TestSite::fixture("yaml");
    site.build();
    let doc = site.read("plan/index.html");
    assert!(doc.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert_eq!(text(&doc, ".doc-place-date"), "Hanoi, 15 January 2025");
    assert_eq!(text(&doc, ".doc-number"), "No. 7-KH/CB");
    assert_eq!(text(&doc, ".doc-kind"), "PLAN");
    assert_eq!(texts(&doc, ".doc-section h2"), ["1. Goals"]);
    assert_eq!(text(&doc, ".recipients-title"), "Distribution:");
    let timeline = site.read("plan/timeline/index.html");
    assert_eq!(
        texts(&timeline, ".month h2 a"),
        ["January 2025", "February 2025"]
    );
    assert!(text(&timeline, ".event").contains("20 January 2025: Kick-off meeting"));
}

fn same_input_same_bytes() {
    let a = TestSite::fixture("small");
    let b = TestSite::fixture("small");
    a.build();
    b.build();
    assert_eq!(a.output_files(), b.output_files());
}

fn bom_and_crlf_input_builds_like_plain_lf() {
    let plain = TestSite::fixture("small");
    let windows = TestSite::fixture("small");
    for rel in [
        "content/ke-hoach-2024/_index.md",
        "content/ke-hoach-2024/01-muc-tieu.md",
        "content/ke-hoach-2024/months/2024-09.md",
    ] {
        let text = std::fs::read_to_string(windows.root().join(rel)).unwrap();
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend(text.replace('\n', "\r\n").into_bytes());
        windows.write_bytes(rel, &bytes);
    }
    plain.build();
    windows.build();
    assert_eq!(plain.output_files(), windows.output_files());
}

fn site_templates_and_static_override_the_theme() {
    let site = TestSite::fixture("small");
    site.write("static/style.css", "/* mine */");
    site.write(
        "templates/month.html",
        "{{ month.name }}: {% for a in month.activities %}[{{ a.text }}]{% endfor %}",
    );
    site.build();
    assert_eq!(site.read("style.css"), "/* mine */");
    assert_eq!(
        site.read("ke-hoach-2024/months/2024-11/index.html"),
        "Tháng 11: [Kỷ niệm ngày Nhà giáo Việt Nam 20/11.]"
    );
}

/// On a plan's pages, `newer.latest` says whether the newer plan is the site's newest (the
/// template reference's meaning of `latest`), as on the home page.
fn a_plans_newer_neighbour_is_latest_when_it_is_the_newest() {
    let site = TestSite::fixture("two-years");
    site.write(
        "templates/plan.html",
        "{% if newer %}newer:{{ newer.latest }}{% endif %}|{% if older %}older:{{ older.latest }}{% endif %}",
    );
    site.build();
    let pages = ["2023/index.html", "2023-2024/index.html"].map(|p| site.read(p));
    let mut seen: Vec<&str> = pages.iter().map(String::as_str).collect();
    seen.sort_unstable();
    assert_eq!(seen, ["newer:true|", "|older:false"]);
}

/// Two organisations over two years: the cell's plans by their issuer (spelt two ways), the
/// union's by an explicit `organisation`.
fn two_organisations() -> TestSite {
    let site = TestSite::new("title = \"Trường\"\n");
    let plan = |folder: &str, year: u32, head: &str| {
        site.write(
            &format!("content/{folder}/_index.md"),
            &format!(
                "+++\ntitle = \"Kế hoạch {year}\"\n{head}\n[period]\nstart = \"{year}-01\"\nend = \"{year}-12\"\n+++\n\nMở đầu.\n"
            ),
        );
    };
    let cell = "[issuer]\nname = \"CHI BỘ TRƯỜNG MẦM NON\"";
    let cell_again = "[issuer]\nname = \"CHI BỘ  TRƯỜNG MẦM NON\"";
    let union =
        "organisation = \"Công đoàn trường\"\n[issuer]\nname = \"CÔNG ĐOÀN TRƯỜNG MẦM NON\"";
    plan("chi-bo-2023", 2023, cell);
    plan("chi-bo-2024", 2024, cell_again);
    plan("cong-doan-2023", 2023, union);
    plan("cong-doan-2024", 2024, union);
    site
}

/// A plan's newer and older plans are its organisation's.
fn previous_and_next_years_stay_within_the_organisation() {
    let site = two_organisations();
    site.write(
        "templates/plan.html",
        "{{ plan.organisation.slug }}|{% if newer %}{{ newer.slug }} {{ newer.latest }}{% endif %}|{% if older %}{{ older.slug }}{% endif %}",
    );
    site.build();
    let page = |slug: &str| site.read(&format!("{slug}/index.html"));
    assert_eq!(page("chi-bo-2024"), "chi-bo-truong-mam-non||chi-bo-2023");
    assert_eq!(
        page("chi-bo-2023"),
        "chi-bo-truong-mam-non|chi-bo-2024 true|"
    );
    assert_eq!(page("cong-doan-2024"), "cong-doan-truong||cong-doan-2023");
    assert_eq!(
        page("cong-doan-2023"),
        "cong-doan-truong|cong-doan-2024 true|"
    );
}

/// The home page of a site of several organisations lists the plans by organisation, each
/// with its newest marked.
fn the_home_page_groups_plans_by_organisation() {
    let site = two_organisations();
    site.build();
    let home = site.read("index.html");
    assert_eq!(
        common::texts(&home, "section.organisation > h2"),
        ["CHI BỘ TRƯỜNG MẦM NON", "Công đoàn trường"]
    );
    assert_eq!(
        common::texts(&home, "#org-cong-doan-truong .plan-card h3 a"),
        ["Kế hoạch 2024", "Kế hoạch 2023"]
    );
    assert_eq!(
        common::texts(&home, ".plan-card.is-latest h3 a"),
        ["Kế hoạch 2024", "Kế hoạch 2024"]
    );
}

/// A district's site: two communes' school cells have the same name; each is its own
/// organisation, named with its parent. One cell's plans over two years, under one parent
/// (written with other spaces) or none, stay one organisation.
fn issuers_of_one_name_under_two_parents_are_two_organisations() {
    let site = TestSite::new("title = \"Huyện\"\n");
    let plan = |folder: &str, year: u32, parent: Option<&str>| {
        let parent = parent.map_or(String::new(), |p| format!("parent = \"{p}\"\n"));
        site.write(
            &format!("content/{folder}/_index.md"),
            &format!(
                "+++\ntitle = \"Kế hoạch {year}\"\n[issuer]\n{parent}name = \"CHI BỘ TRƯỜNG MẦM NON\"\n\
                 [period]\nstart = \"{year}-01\"\nend = \"{year}-12\"\n+++\n\nMở đầu.\n"
            ),
        );
    };
    plan("a-2023", 2023, Some("ĐẢNG BỘ XÃ AN BÌNH"));
    plan("a-2024", 2024, Some("ĐẢNG BỘ  XÃ AN BÌNH"));
    plan("b-2024", 2024, Some("ĐẢNG BỘ XÃ BÌNH MINH"));
    plan("c-2024", 2024, None);
    site.write(
        "templates/plan.html",
        "{{ plan.organisation.name }}|{% if older %}{{ older.slug }}{% endif %}",
    );
    site.build();
    assert_eq!(
        site.read("a-2024/index.html"),
        "CHI BỘ TRƯỜNG MẦM NON – ĐẢNG BỘ XÃ AN BÌNH|a-2023"
    );
    assert_eq!(
        site.read("b-2024/index.html"),
        "CHI BỘ TRƯỜNG MẦM NON – ĐẢNG BỘ XÃ BÌNH MINH|"
    );
    // Without a parent, it cannot be told apart: it keeps the bare name.
    assert_eq!(site.read("c-2024/index.html"), "CHI BỘ TRƯỜNG MẦM NON|");

    // One cell whose parent is written the same way every year: its name alone.
    let one = TestSite::new("title = \"Trường\"\n");
    for (folder, year) in [("a-2023", 2023), ("a-2024", 2024)] {
        one.write(
            &format!("content/{folder}/_index.md"),
            &format!(
                "+++\ntitle = \"Kế hoạch {year}\"\n[issuer]\nparent = \"ĐẢNG BỘ XÃ AN BÌNH\"\n\
                 name = \"CHI BỘ TRƯỜNG MẦM NON\"\n+++\n\nMở đầu.\n"
            ),
        );
    }
    one.write("templates/plan.html", "{{ plan.organisation.name }}");
    one.build();
    assert_eq!(one.read("a-2024/index.html"), "CHI BỘ TRƯỜNG MẦM NON");
}

fn a_site_without_a_theme_folder_uses_the_built_in_default_theme() {
    let with_folder = TestSite::fixture("small");
    let without = TestSite::fixture("small");
    std::fs::remove_dir_all(without.root().join("themes")).unwrap();
    with_folder.build();
    without.build();
    assert_eq!(with_folder.output_files(), without.output_files());
}

fn links_may_name_a_heading_by_its_id_within_its_own_file() {
    // Both sections have a heading "Mục tiêu"; on the document page the second becomes
    // `muc-tieu-1`, but each file's links may still say `#muc-tieu`.
    let site = TestSite::new("title = \"T\"\n");
    site.write("content/p/_index.md", "+++\ntitle = \"P\"\n+++\n");
    site.write(
        "content/p/01-a.md",
        "+++\ntitle = \"A\"\n+++\n\n# Mục tiêu\n\nXem [B](02-b.md#muc-tieu).\n",
    );
    site.write(
        "content/p/02-b.md",
        "+++\ntitle = \"B\"\n+++\n\n# Mục tiêu\n\n[Đây](#muc-tieu), [A](01-a.md#muc-tieu), [B](#muc-tieu-1).\n",
    );
    site.build();
    let hrefs = |html: &str| -> Vec<String> {
        let doc = scraper::Html::parse_document(html);
        let sel = scraper::Selector::parse("article a").unwrap();
        doc.select(&sel)
            .map(|a| a.value().attr("href").unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        hrefs(&site.read("p/b/index.html")),
        [
            "#muc-tieu-1",
            "../../p/a/index.html#muc-tieu",
            "#muc-tieu-1"
        ]
    );
    assert_eq!(
        hrefs(&site.read("p/a/index.html")),
        ["../../p/b/index.html#muc-tieu-1"]
    );
    let doc = site.read("p/index.html");
    assert!(doc.contains("<h3 id=\"muc-tieu-1\">Mục tiêu</h3>"), "{doc}");
}

/// The tests of this module, for the harness (tests/testsuite/main.rs).
pub(crate) fn trials() -> Vec<libtest_mimic::Trial> {
    let trials = vec![
        crate::trial(
            "build::small_fixture_builds_every_page",
            small_fixture_builds_every_page,
        ),
        crate::trial("build::document_page_snapshot", document_page_snapshot),
        crate::trial(
            "build::header_block_motto_and_signature",
            header_block_motto_and_signature,
        ),
        crate::trial(
            "build::links_are_relative_and_point_inside_the_page_on_the_document",
            links_are_relative_and_point_inside_the_page_on_the_document,
        ),
        crate::trial(
            "build::month_table_sits_in_the_timeline_section_with_every_month",
            month_table_sits_in_the_timeline_section_with_every_month,
        ),
        crate::trial("build::markdown_features_render", markdown_features_render),
        crate::trial(
            "build::yaml_front_matter_and_english",
            yaml_front_matter_and_english,
        ),
        crate::trial("build::same_input_same_bytes", same_input_same_bytes),
        crate::trial(
            "build::bom_and_crlf_input_builds_like_plain_lf",
            bom_and_crlf_input_builds_like_plain_lf,
        ),
        crate::trial(
            "build::site_templates_and_static_override_the_theme",
            site_templates_and_static_override_the_theme,
        ),
        crate::trial(
            "build::a_plans_newer_neighbour_is_latest_when_it_is_the_newest",
            a_plans_newer_neighbour_is_latest_when_it_is_the_newest,
        ),
        crate::trial(
            "build::previous_and_next_years_stay_within_the_organisation",
            previous_and_next_years_stay_within_the_organisation,
        ),
        crate::trial(
            "build::issuers_of_one_name_under_two_parents_are_two_organisations",
            issuers_of_one_name_under_two_parents_are_two_organisations,
        ),
        crate::trial(
            "build::the_home_page_groups_plans_by_organisation",
            the_home_page_groups_plans_by_organisation,
        ),
        crate::trial(
            "build::a_site_without_a_theme_folder_uses_the_built_in_default_theme",
            a_site_without_a_theme_folder_uses_the_built_in_default_theme,
        ),
        crate::trial(
            "build::links_may_name_a_heading_by_its_id_within_its_own_file",
            links_may_name_a_heading_by_its_id_within_its_own_file,
        ),
    ];
    trials
}
