//! Many plans in one site, link previews with `base_url`, and what a site says about itself.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

use crate::common;

use common::{TestSite, text, texts};

fn archive_lists_newest_first_and_plans_link_to_each_other() {
    let site = TestSite::fixture("two-years");
    site.build();
    let home = site.read("index.html");
    assert_eq!(
        texts(&home, ".plan-card h2 a"),
        ["Kế hoạch năm học 2023-2024", "Kế hoạch năm 2023"]
    );
    assert_eq!(
        texts(&home, ".plan-card.is-latest h2 a"),
        ["Kế hoạch năm học 2023-2024"]
    );
    assert!(home.contains(r#"data-first="2023-09" data-last="2024-05""#));

    let school = site.read("2023-2024/index.html");
    assert_eq!(
        text(&school, ".plan-neighbours .prev"),
        "Kế hoạch trước Kế hoạch năm 2023"
    );
    assert_eq!(text(&school, ".plan-neighbours .next"), "");
    assert!(school.contains(r#"<a class="prev" rel="prev" href="../2023/index.html">"#));
    let calendar_year = site.read("2023/index.html");
    assert_eq!(
        text(&calendar_year, ".plan-neighbours .next"),
        "Kế hoạch sau Kế hoạch năm học 2023-2024"
    );
    assert_eq!(text(&calendar_year, ".plan-neighbours .prev"), "");
    let timeline = site.read("2023/timeline/index.html");
    assert!(
        timeline.contains(r#"href="../../2023-2024/timeline/index.html""#),
        "timeline links to the other timeline"
    );
    // Links between plans resolve across folders.
    assert!(calendar_year.contains(r#"<a href="../2023-2024/index.html">kế hoạch năm học</a>"#));
    assert!(
        calendar_year
            .contains(r#"<a href="../2023-2024/months/2023-09/index.html">tháng 9 năm học</a>"#)
    );
}

fn without_base_url_there_are_no_absolute_urls_or_previews() {
    let site = TestSite::fixture("two-years");
    site.build();
    for (path, bytes) in site.output_files() {
        if path.ends_with(".html") {
            let html = String::from_utf8(bytes).unwrap();
            assert!(!html.contains("og:"), "{path}");
            assert!(!html.contains("rel=\"canonical\""), "{path}");
            assert!(!html.contains("://"), "{path} has an absolute URL");
        }
    }
    assert!(!site.root().join("output/sitemap.xml").exists());
    assert!(!site.root().join("output/robots.txt").exists());
}

fn with_base_url_pages_get_canonical_links_previews_and_a_sitemap() {
    let site = TestSite::fixture("two-years");
    let mut opts = site.options();
    opts.base_url = Some("https://truong.edu.vn/kehoach".into());
    plansite::build(&opts).unwrap();
    let section = site.read("2023/muc-tieu/index.html");
    let meta = |property: &str| {
        let doc = scraper::Html::parse_document(&section);
        let sel = scraper::Selector::parse(&format!(
            "meta[property='{property}'], meta[name='{property}']"
        ))
        .unwrap();
        doc.select(&sel)
            .next()
            .and_then(|e| e.value().attr("content"))
            .map(str::to_owned)
    };
    assert_eq!(
        meta("og:url").as_deref(),
        Some("https://truong.edu.vn/kehoach/2023/muc-tieu/")
    );
    assert_eq!(
        meta("og:title").as_deref(),
        Some("I. MỤC TIÊU – Kế hoạch năm 2023")
    );
    assert_eq!(meta("og:locale").as_deref(), Some("vi_VN"));
    assert_eq!(meta("og:type").as_deref(), Some("article"));
    assert_eq!(
        meta("og:image").as_deref(),
        Some("https://truong.edu.vn/kehoach/og-image.png")
    );
    assert_eq!(meta("twitter:card").as_deref(), Some("summary_large_image"));
    assert!(
        section.contains(
            r#"<link rel="canonical" href="https://truong.edu.vn/kehoach/2023/muc-tieu/">"#
        )
    );
    // Links inside pages stay relative.
    assert!(section.contains(r#"href="../../2023-2024/index.html""#));
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://truong.edu.vn/kehoach/</loc>"));
    assert!(sitemap.contains("<loc>https://truong.edu.vn/kehoach/2023-2024/months/2024-05/</loc>"));
    assert!(!sitemap.contains("404"));
    let pages = site
        .output_files()
        .iter()
        .filter(|(p, _)| p.ends_with(".html") && p != "404.html")
        .count();
    assert_eq!(sitemap.matches("<loc>").count(), pages);
    assert_eq!(
        site.read("robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://truong.edu.vn/kehoach/sitemap.xml\n"
    );
    let png = std::fs::read(site.root().join("output/og-image.png")).unwrap();
    assert!(
        png.starts_with(b"\x89PNG"),
        "the preview image the theme ships is copied"
    );
}

fn a_bad_base_url_is_an_error() {
    let site = TestSite::fixture("two-years");
    site.write(
        "plansite.toml",
        "title = \"T\"\nbase_url = \"truong.edu.vn\"\n",
    );
    assert_eq!(
        site.build_errors(),
        [
            "plansite.toml:2:1: error: `truong.edu.vn` is not a web address starting with https:// or http://\n  hint: write the full address, e.g. base_url = \"https://truong.edu.vn/kehoach/\""
        ]
    );
}

fn every_page_names_its_generator_and_there_is_a_404_page() {
    let site = TestSite::fixture("two-years");
    site.build();
    let version = concat!("plansite ", env!("CARGO_PKG_VERSION"));
    for (path, bytes) in site.output_files() {
        if path.ends_with(".html") {
            let html = String::from_utf8(bytes).unwrap();
            assert!(
                html.contains(&format!("<meta name=\"generator\" content=\"{version}\">")),
                "{path}"
            );
        }
    }
    let not_found = site.read("404.html");
    assert_eq!(text(&not_found, "h1"), "Không tìm thấy trang");
    assert!(
        !not_found.contains("href="),
        "a 404 page is shown at any address: no relative links"
    );
}

/// The tests of this module, for the harness (tests/testsuite/main.rs).
pub(crate) fn trials() -> Vec<libtest_mimic::Trial> {
    let trials = vec![
        crate::trial(
            "sharing::archive_lists_newest_first_and_plans_link_to_each_other",
            archive_lists_newest_first_and_plans_link_to_each_other,
        ),
        crate::trial(
            "sharing::without_base_url_there_are_no_absolute_urls_or_previews",
            without_base_url_there_are_no_absolute_urls_or_previews,
        ),
        crate::trial(
            "sharing::with_base_url_pages_get_canonical_links_previews_and_a_sitemap",
            with_base_url_pages_get_canonical_links_previews_and_a_sitemap,
        ),
        crate::trial(
            "sharing::a_bad_base_url_is_an_error",
            a_bad_base_url_is_an_error,
        ),
        crate::trial(
            "sharing::every_page_names_its_generator_and_there_is_a_404_page",
            every_page_names_its_generator_and_there_is_a_404_page,
        ),
    ];
    trials
}
