//! Plans shown beside a plan: the same year's plans of the site's other organisations, and
//! the plans it is based on ("căn cứ") and those based on it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

use crate::common::{self, TestSite};

/// The `href` of the links `selector` selects.
fn hrefs(html: &str, selector: &str) -> Vec<String> {
    crate::common::attrs(html, selector, "href")
}

/// A school-year plan (Sep 2024 – May 2025) overlaps the calendar-year plans of both 2024
/// and 2025; a calendar-year plan overlaps both school years. Its own organisation's other
/// years are its previous and next plans, not listed here.
fn same_year_plans_of_the_other_organisations() {
    let site = TestSite::fixture("organisations");
    site.build();
    let doc = site.read("2024-2025-cong-doan/index.html");
    // By organisation, in the home page's order (each one's newest plan first), newest first.
    assert_eq!(
        hrefs(&doc, ".same-year a"),
        [
            "../2025-chi-doan/index.html",
            "../2024-chi-doan/index.html",
            "../2025-chi-bo/index.html",
            "../2024-chi-bo/index.html",
        ]
    );
    let doc = site.read("2024-chi-bo/index.html");
    assert_eq!(
        hrefs(&doc, ".same-year a"),
        [
            "../2024-chi-doan/index.html",
            "../2024-2025-cong-doan/index.html",
            "../2023-2024-cong-doan/index.html",
        ]
    );
    assert_eq!(
        common::text(&doc, ".same-year .toc-title"),
        "Kế hoạch cùng năm của các tổ chức khác"
    );
    // The fixture's union and youth union plans are based on the cell's.
    assert_eq!(
        hrefs(&doc, ".cited-by a"),
        [
            "../2024-2025-cong-doan/index.html",
            "../2024-chi-doan/index.html"
        ]
    );
    // The timeline page leads to the other organisations' timelines.
    let timeline = site.read("2024-chi-bo/timeline/index.html");
    assert_eq!(
        hrefs(&timeline, ".same-year a"),
        [
            "../../2024-chi-doan/timeline/index.html",
            "../../2024-2025-cong-doan/timeline/index.html",
            "../../2023-2024-cong-doan/timeline/index.html",
        ]
    );
}

/// Periods that share a month overlap; one that ends the month before another starts does
/// not. A plan without a period counts as the calendar year of its date; one with neither
/// has no year and lists nothing.
fn same_year_means_periods_that_share_a_month() {
    let site = TestSite::new("title = \"Trường\"\n");
    site.write(
        "templates/plan.html",
        "{% for p in same_year %}{{ p.slug }} {% endfor %}",
    );
    let plan = |folder: &str, org: &str, head: &str| {
        site.write(
            &format!("content/{folder}/_index.md"),
            &format!("+++\ntitle = \"{folder}\"\norganisation = \"{org}\"\n{head}\n+++\n"),
        );
    };
    let period = |s: &str, e: &str| format!("[period]\nstart = \"{s}\"\nend = \"{e}\"");
    plan("cb-2024", "Chi bộ", &period("2024-01", "2024-12"));
    plan("cd-2024-2025", "Công đoàn", &period("2024-12", "2025-05"));
    plan("cd-2025-2026", "Công đoàn", &period("2025-09", "2026-05"));
    plan("dt-2025", "Chi đoàn", "date = 2025-03-01");
    plan("dt-khac", "Chi đoàn", "");
    site.build();
    let page = |slug: &str| site.read(&format!("{slug}/index.html"));
    assert_eq!(page("cb-2024"), "cd-2024-2025 ");
    assert_eq!(page("cd-2024-2025"), "cb-2024 dt-2025 ");
    assert_eq!(page("cd-2025-2026"), "dt-2025 ");
    assert_eq!(page("dt-2025"), "cd-2025-2026 cd-2024-2025 ");
    assert_eq!(page("dt-khac"), "");
}

/// A site of one organisation shows no such list, and not an empty one either.
fn one_organisation_shows_no_other_organisations() {
    let site = TestSite::fixture("two-years");
    site.build();
    for page in ["2023/index.html", "2023-2024/timeline/index.html"] {
        let html = site.read(page);
        assert!(!html.contains("same-year"), "{page}: {html}");
    }
}

/// A school with a Party cell plan and the union's and youth union's plans based on it.
fn plans_based_on_the_cells(union: &str, youth: &str) -> TestSite {
    let site = TestSite::new("title = \"Trường\"\n");
    let plan = |folder: &str, head: &str| {
        site.write(
            &format!("content/{folder}/_index.md"),
            &format!(
                "+++\ntitle = \"Kế hoạch {folder}\"\n{head}\n[period]\nstart = \"2024-01\"\nend = \"2024-12\"\n+++\n\nMở đầu.\n"
            ),
        );
    };
    plan(
        "2024-chi-bo",
        "number = \"01-KH/CB\"\ndate = 2024-01-10\norganisation = \"Chi bộ\"",
    );
    plan(
        "2024-cong-doan",
        &format!("organisation = \"Công đoàn\"\n{union}"),
    );
    plan(
        "2024-chi-doan",
        &format!("organisation = \"Chi đoàn\"\n{youth}"),
    );
    site
}

/// `based_on` names a plan by its folder or by its `_index.md`: a link above the preamble
/// with the cited plan's title, number and date; the cited plan lists the plans based on it.
fn a_plan_links_to_the_plan_it_is_based_on_and_back() {
    let site = plans_based_on_the_cells(
        "based_on = \"2024-chi-bo\"",
        "based_on = [\"../2024-chi-bo/_index.md\", \"2024-cong-doan\"]",
    );
    site.build();
    let union = site.read("2024-cong-doan/index.html");
    assert_eq!(
        hrefs(&union, ".doc-based-on a"),
        ["../2024-chi-bo/index.html"]
    );
    assert_eq!(
        common::text(&union, ".doc-based-on"),
        "Căn cứ: Kế hoạch 2024-chi-bo (Số: 01-KH/CB, ngày 10 tháng 01 năm 2024)"
    );
    let youth = site.read("2024-chi-doan/index.html");
    assert_eq!(
        hrefs(&youth, ".doc-based-on a"),
        ["../2024-chi-bo/index.html", "../2024-cong-doan/index.html"]
    );
    let cell = site.read("2024-chi-bo/index.html");
    assert_eq!(
        common::text(&cell, ".cited-by .toc-title"),
        "Các kế hoạch căn cứ kế hoạch này"
    );
    // Newest first, as the site lists plans (same period: by date, then folder).
    assert_eq!(
        hrefs(&cell, ".cited-by a"),
        [
            "../2024-chi-doan/index.html",
            "../2024-cong-doan/index.html"
        ]
    );
    assert!(!cell.contains("doc-based-on"), "{cell}");
    let json: serde_json::Value =
        serde_json::from_str(&site.read("2024-chi-bo/plan.json")).unwrap();
    assert_eq!(json["cited_by"][1]["slug"], "2024-cong-doan");
    assert_eq!(json["cited_by"][1]["url"], "../2024-cong-doan/index.html");
    let json: serde_json::Value =
        serde_json::from_str(&site.read("2024-cong-doan/plan.json")).unwrap();
    assert_eq!(json["based_on"][0]["number"], "01-KH/CB");
}

/// The labels come from the language file.
fn citations_speak_the_sites_language() {
    let site = plans_based_on_the_cells("based_on = \"2024-chi-bo\"", "");
    site.write("plansite.toml", "title = \"School\"\nlanguage = \"en\"\n");
    site.build();
    assert_eq!(
        common::text(&site.read("2024-cong-doan/index.html"), ".doc-based-on"),
        "Based on: Kế hoạch 2024-chi-bo (No. 01-KH/CB, 10 January 2024)"
    );
    assert_eq!(
        common::text(&site.read("2024-chi-bo/index.html"), ".cited-by .toc-title"),
        "Plans based on this plan"
    );
}

/// A citation is checked like an internal link: a plan that does not exist gets the
/// closest name; a plan cannot cite itself.
fn a_citation_of_no_plan_or_of_itself_is_an_error() {
    let site = plans_based_on_the_cells(
        "based_on = [\"2024-chi-bô\", \"../2023-chi-bo/_index.md\"]",
        "based_on = \"2024-chi-doan\"",
    );
    assert_eq!(
        site.build_errors(),
        [
            "content/2024-chi-doan/_index.md:4:13: error: a plan cannot be based on itself\n  hint: remove `2024-chi-doan` from `based_on`",
            "content/2024-cong-doan/_index.md:4:14: error: `based_on` names `2024-chi-bô`, which is not a plan of this site\n  hint: did you mean `2024-chi-bo`?",
            "content/2024-cong-doan/_index.md:4:29: error: `based_on` names `../2023-chi-bo/_index.md`, which is not a plan of this site\n  hint: did you mean `../2024-chi-bo/_index.md`?",
        ]
    );
}

/// `plansite import` of the union's next programme, whose preamble is "căn cứ" the cell's
/// plan by number and date, writes `based_on`; the site then links the two plans. Both
/// years of the cell's plan are numbered 01-KH/CB: the date tells which.
fn import_writes_based_on_for_the_plan_its_preamble_names() {
    let site = TestSite::fixture("organisations");
    site.write(
        "cong-doan-2025.txt",
        "CÔNG ĐOÀN TRƯỜNG MẦM NON HOA SEN\n\
         Số: 09/KH-CĐ\n\
         CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         Độc lập - Tự do - Hạnh phúc\n\
         Hoa Sen, ngày 05 tháng 9 năm 2025\n\
         \n\
         KẾ HOẠCH\n\
         Hoạt động Công đoàn năm học 2025-2026\n\
         \n\
         Căn cứ Kế hoạch số 01 - KH/CB ngày 08/01/2025 của Chi bộ Trường Mầm non Hoa Sen về hoạt động Chi bộ năm 2025;\n\
         Căn cứ nhiệm vụ năm học 2025-2026 của nhà trường, Ban Chấp hành Công đoàn xây dựng kế hoạch như sau:\n\
         \n\
         I. MỤC ĐÍCH, YÊU CẦU\n\
         \n\
         - Nâng cao chất lượng hoạt động công đoàn.\n\
         \n\
         II. NỘI DUNG\n\
         \n\
         Tháng 9/2025: Hội nghị cán bộ, viên chức.\n\
         Tháng 10/2025: Tổ chức ngày Phụ nữ Việt Nam 20/10.\n",
    );
    assert_cmd::Command::cargo_bin("plansite")
        .unwrap()
        .arg("--root")
        .arg(site.root())
        .args([
            "import",
            "cong-doan-2025.txt",
            "--into",
            "content/2025-2026-cong-doan",
        ])
        .current_dir(site.root())
        .assert()
        .success();
    let index =
        std::fs::read_to_string(site.root().join("content/2025-2026-cong-doan/_index.md")).unwrap();
    assert!(index.contains("based_on = \"2025-chi-bo\"\n"), "{index}");
    site.build();
    assert_eq!(
        hrefs(
            &site.read("2025-2026-cong-doan/index.html"),
            ".doc-based-on a"
        ),
        ["../2025-chi-bo/index.html"]
    );
    assert!(
        hrefs(&site.read("2025-chi-bo/index.html"), ".cited-by a")
            .contains(&"../2025-2026-cong-doan/index.html".to_owned())
    );
}

/// The tests of this module, for the harness (tests/testsuite/main.rs).
pub(crate) fn trials() -> Vec<libtest_mimic::Trial> {
    vec![
        crate::trial(
            "related::same_year_plans_of_the_other_organisations",
            same_year_plans_of_the_other_organisations,
        ),
        crate::trial(
            "related::same_year_means_periods_that_share_a_month",
            same_year_means_periods_that_share_a_month,
        ),
        crate::trial(
            "related::one_organisation_shows_no_other_organisations",
            one_organisation_shows_no_other_organisations,
        ),
        crate::trial(
            "related::a_plan_links_to_the_plan_it_is_based_on_and_back",
            a_plan_links_to_the_plan_it_is_based_on_and_back,
        ),
        crate::trial(
            "related::citations_speak_the_sites_language",
            citations_speak_the_sites_language,
        ),
        crate::trial(
            "related::a_citation_of_no_plan_or_of_itself_is_an_error",
            a_citation_of_no_plan_or_of_itself_is_an_error,
        ),
        crate::trial(
            "related::import_writes_based_on_for_the_plan_its_preamble_names",
            import_writes_based_on_for_the_plan_its_preamble_names,
        ),
    ]
}
