//! The raw-HTML policy end to end: hostile Markdown and front matter never put script into a
//! built page, unless the site allows raw HTML on purpose.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

use crate::common;

use common::TestSite;

const ATTACK: &str = "<script>alert(1)</script><img src=x onerror=alert(2)>";

/// A site whose every kind of file carries hostile markup.
fn hostile(config: &str) -> TestSite {
    let s = TestSite::new(&format!("title = \"{}\"\n{config}", "T <b>x</b>"));
    s.write(
        "content/p/_index.md",
        &format!(
            "+++\ntitle = \"P {a}\"\nsubject = \"{a}\"\nnumber = \"{a}\"\nplace = \"{a}\"\n\
             description = \"{a}\"\nclosing = \"Đóng <script>alert(3)</script>\"\n\n\
             [issuer]\nname = \"{a}\"\n\n[signer]\nname = \"{a}\"\n\n\
             [[recipients]]\nname = \"{a}\"\n\n[period]\nstart = \"2023-01\"\nend = \"2023-02\"\n+++\n\n\
             Căn cứ <a href=\"javascript:alert(4)\" onclick=\"alert(5)\">đây</a>.\n",
            a = ATTACK.replace('"', "\\\"")
        ),
    );
    s.write(
        "content/p/01-a.md",
        "+++\ntitle = \"A <i>\"\ntimeline = true\n+++\n\n\
         # Tiêu đề {onclick=\"alert(6)\"}\n\n\
         <iframe src=\"https://e.vn\"></iframe>\n\n\
         <table><tr><td><b>Giữ</b> bảng</td></tr></table>\n\n\
         [xấu](javascript:alert(7)) [tốt](https://e.vn/)\n",
    );
    s.write(
        "content/p/months/2023-01.md",
        "+++\n[[events]]\ndate = 2023-01-05\ntitle = \"<script>alert(8)</script>\"\n+++\n\n\
         - Họp <svg onload=alert(9)></svg>\n- <u>Giữ</u> gạch chân\n",
    );
    s
}

/// Every `alert(` that would run: in a script element, an event handler or a `javascript:` URL.
fn live_scripts(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let mut found = Vec::new();
    for el in doc.select(&scraper::Selector::parse("*").unwrap()) {
        let v = el.value();
        if v.name() == "script" {
            let body: String = el.text().collect();
            if body.contains("alert") {
                found.push(format!("<script>{body}"));
            }
        }
        for (name, value) in v.attrs() {
            let lower = value.to_ascii_lowercase();
            // The theme's own handlers (the 404 page's "go back" button) call no `alert`.
            let handler = name.starts_with("on") && lower.contains("alert");
            if handler || lower.trim_start().starts_with("javascript:") {
                found.push(format!("<{} {name}={value}>", v.name()));
            }
        }
    }
    found
}

fn pages(site: &TestSite) -> Vec<(String, String)> {
    site.output_files()
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

fn no_page_runs_author_script_by_default() {
    let site = hostile("");
    let (compiled, _) = plansite::build(&site.options()).unwrap();
    for (path, html) in pages(&site) {
        assert_eq!(live_scripts(&html), Vec::<String>::new(), "{path}");
    }
    let doc = site.read("p/index.html");
    // Safe markup stays; front-matter values arrive as text.
    assert!(doc.contains("<td><b>Giữ</b> bảng</td>"), "{doc}");
    assert!(doc.contains("<a href=\"https://e.vn/\">tốt</a>"));
    assert!(doc.contains("<u>Giữ</u> gạch chân"));
    assert!(
        doc.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || doc.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    // Each removal is a warning at the author's line.
    let warnings: Vec<String> = compiled
        .warnings
        .sorted()
        .iter()
        .map(|d| d.to_string().lines().next().unwrap().to_owned())
        .collect();
    assert_eq!(
        warnings,
        [
            "content/p/01-a.md:6:1: warning: the attribute `onclick` is removed from the published page",
            "content/p/01-a.md:8:1: warning: the tag <iframe> is removed from the published page",
            "content/p/01-a.md:12:1: warning: the address `javascript:alert(7)` is removed from the published page",
            "content/p/_index.md:7:6: warning: the tag <script> is removed from the published page",
            "content/p/_index.md:23:8: warning: the `javascript:` address is removed from the published page",
            "content/p/_index.md:23:8: warning: the attribute `onclick` is removed from the published page",
            "content/p/months/2023-01.md:7:7: warning: the attribute `onload` is removed from the published page",
            "content/p/months/2023-01.md:7:7: warning: the tag <svg> is removed from the published page",
        ]
    );
}

fn allow_keeps_raw_html_but_still_escapes_front_matter() {
    let site = hostile("\n[markdown]\nraw_html = \"allow\"\n");
    let (compiled, _) = plansite::build(&site.options()).unwrap();
    assert!(compiled.warnings.is_empty());
    let doc = site.read("p/index.html");
    assert!(doc.contains("<iframe src=\"https://e.vn\"></iframe>"));
    assert!(doc.contains("<script>alert(3)</script>"));
    // Front-matter values are text whatever the policy: only the Markdown body's own script
    // (alert 3, from `closing`, which is Markdown) may run.
    let live = live_scripts(&doc);
    assert!(
        live.iter()
            .all(|s| !s.contains("alert(1)") && !s.contains("alert(2)") && !s.contains("alert(8)")),
        "{live:?}"
    );
}

fn unknown_policy_is_refused_with_the_choices() {
    let s = TestSite::new("title = \"T\"\n[markdown]\nraw_html = \"yes\"\n");
    s.write("content/p/_index.md", "+++\ntitle = \"P\"\n+++\n");
    let errors = s.build_errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("plansite.toml:3:12: error:")
            && errors[0].contains("sanitize")
            && errors[0].contains("allow"),
        "{errors:?}"
    );
}

/// The tests of this module, for the harness (tests/testsuite/main.rs).
pub(crate) fn trials() -> Vec<libtest_mimic::Trial> {
    let trials = vec![
        crate::trial(
            "html_policy::no_page_runs_author_script_by_default",
            no_page_runs_author_script_by_default,
        ),
        crate::trial(
            "html_policy::allow_keeps_raw_html_but_still_escapes_front_matter",
            allow_keeps_raw_html_but_still_escapes_front_matter,
        ),
        crate::trial(
            "html_policy::unknown_policy_is_refused_with_the_choices",
            unknown_policy_is_refused_with_the_choices,
        ),
    ];
    trials
}
