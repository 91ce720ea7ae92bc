//! Bad input: every problem gets the exact message with file and line, and a failed build
//! never touches the published output.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use common::TestSite;

/// A small valid site: one plan, one section, one month.
fn base() -> TestSite {
    let s = TestSite::new("title = \"T\"\n");
    s.write(
        "content/p/_index.md",
        "+++\ntitle = \"P\"\n\n[period]\nstart = \"2023-01\"\nend = \"2023-03\"\n+++\n\nIntro.\n",
    );
    s.write(
        "content/p/01-a.md",
        "+++\ntitle = \"A\"\n+++\n\n# Heading one\n\nText.\n",
    );
    s.write("content/p/months/2023-01.md", "- x\n");
    s
}

/// The diagnostics of `check` after writing `text` to `file` in the base site.
fn errors_with(file: &str, text: &str) -> Vec<String> {
    let s = base();
    s.write(file, text);
    match plansite::check(&s.options()) {
        Ok(_) => panic!("check passed but should have failed"),
        Err(d) => d.sorted().iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn base_site_is_valid() {
    let s = base();
    assert!(plansite::check(&s.options()).is_ok());
}

#[test]
fn malformed_toml_points_at_the_line() {
    assert_eq!(
        errors_with(
            "content/p/01-a.md",
            "+++\ntitle = \"A\"\nnumber = \nweight = 1\n+++\n"
        ),
        [
            "content/p/01-a.md:3:10: error: front matter: string values must be quoted, expected literal string"
        ]
    );
}

#[test]
fn malformed_yaml_points_at_the_line() {
    assert_eq!(
        errors_with("content/p/01-a.md", "---\ntitle: A\nnumber: [1\n---\n"),
        ["content/p/01-a.md:3:9: error: front matter: expected string scalar"]
    );
}

#[test]
fn wrong_type() {
    assert_eq!(
        errors_with("content/p/02-b.md", "+++\ntitle = 5\n+++\n"),
        [
            "content/p/02-b.md:2:9: error: front matter: invalid type: integer `5`, expected a string"
        ]
    );
}

#[test]
fn unknown_key_with_suggestion() {
    assert_eq!(
        errors_with(
            "content/p/01-a.md",
            "+++\ntitle = \"A\"\ntitel = \"B\"\n+++\n"
        ),
        [
            "content/p/01-a.md:3:1: error: unknown key `titel` in the front matter\n  hint: did you mean `title`? Free-form data goes under `extra`."
        ]
    );
}

#[test]
fn unterminated_and_missing_front_matter() {
    assert_eq!(
        errors_with("content/p/02-b.md", "+++\ntitle = \"x\"\n"),
        [
            "content/p/02-b.md:1:1: error: the TOML front matter that starts here is never closed\n  hint: add a line with only `+++` after the last setting, before the text"
        ]
    );
    assert_eq!(
        errors_with("content/p/02-b.md", ""),
        [
            "content/p/02-b.md:1:1: error: this file has no front matter\n  hint: start the file with a line `+++`, then `title = \"...\"`, then another `+++`"
        ]
    );
}

#[test]
fn invalid_month_names() {
    assert_eq!(
        errors_with("content/p/months/2023-13.md", "- y\n"),
        [
            "content/p/months/2023-13.md: error: cannot tell which month this file is for: `2023-13` is not a month: months go from 01 to 12\n  hint: name month files YYYY-MM.md, e.g. months/2023-05.md"
        ]
    );
    assert_eq!(
        errors_with("content/p/months/2023-2.md", "- y\n"),
        [
            "content/p/months/2023-2.md: error: cannot tell which month this file is for: `2023-2`: write the month with two digits, 2023-02\n  hint: name month files YYYY-MM.md, e.g. months/2023-05.md"
        ]
    );
}

#[test]
fn month_outside_the_period() {
    assert_eq!(
        errors_with("content/p/months/2023-05.md", "- y\n"),
        [
            "content/p/months/2023-05.md: error: 2023-05 is outside the plan's period (2023-01 to 2023-03)\n  hint: rename the file to a month inside the period, or widen the period in _index.md"
        ]
    );
}

#[test]
fn event_outside_its_month() {
    assert_eq!(
        errors_with(
            "content/p/months/2023-02.md",
            "+++\n[[events]]\ndate = 2023-03-01\ntitle = \"E\"\n+++\n"
        ),
        [
            "content/p/months/2023-02.md:3:1: error: the event on 2023-03-01 is not in 2023-02\n  hint: move the event to the file of its month, or correct its date"
        ]
    );
}

#[test]
fn duplicate_order() {
    assert_eq!(
        errors_with("content/p/01-b.md", "+++\ntitle = \"B\"\n+++\n"),
        [
            "content/p/01-b.md: error: this section has the same position (1) as content/p/01-a.md\n  hint: give each section a different `weight` or file-name number"
        ]
    );
    assert_eq!(
        errors_with("content/p/b.md", "+++\ntitle = \"B\"\nweight = 1\n+++\n"),
        [
            "content/p/b.md:3:1: error: this section has the same position (1) as content/p/01-a.md\n  hint: give each section a different `weight` or file-name number"
        ]
    );
}

#[test]
fn broken_links_and_anchors() {
    assert_eq!(
        errors_with(
            "content/p/02-b.md",
            "+++\ntitle = \"B\"\n+++\n\nSee [a](01-a.md#heading-on) and [c](03-c.md) and [d](/x.md).\n\n[e](#nowhere)\n"
        ),
        [
            "content/p/02-b.md:5:5: error: the link `01-a.md#heading-on` points at `#heading-on`, which is not a heading of 01-a.md\n  hint: did you mean `#heading-one`?",
            "content/p/02-b.md:5:33: error: the link `03-c.md` points at a file that does not exist\n  hint: did you mean `02-b.md`?",
            "content/p/02-b.md:5:50: error: the link `/x.md` starts with `/`, which breaks when the site is in a sub-folder\n  hint: write the link relative to this file, e.g. `02-nhiem-vu.md` or `../2024/_index.md`",
            "content/p/02-b.md:7:1: error: the link `#nowhere` points at `#nowhere`, which is not a heading of this file\n  hint: a heading's id is its text in lower case without accents, words joined by `-`",
        ]
    );
    assert_eq!(
        errors_with(
            "content/p/02-b.md",
            "+++\ntitle = \"B\"\n+++\n\n[x](../../../etc/passwd)\n"
        ),
        [
            "content/p/02-b.md:5:1: error: the link `../../../etc/passwd` points outside the content folder\n  hint: links can only point at files under content/"
        ]
    );
}

#[test]
fn hostile_slug_is_refused_and_nothing_escapes() {
    let s = base();
    s.write(
        "content/p/02-b.md",
        "+++\ntitle = \"B\"\nslug = \"../../x\"\n+++\n",
    );
    assert_eq!(
        s.build_errors(),
        [
            "content/p/02-b.md:3:1: error: `../../x` cannot be used as a slug\n  hint: a slug has only lower-case letters a-z, digits and single dashes, e.g. `x`"
        ]
    );
    assert!(!s.root().join("x").exists());
    assert!(!s.root().parent().unwrap().join("x").exists());
    assert!(!s.root().join("output").exists());
}

#[test]
fn template_errors_point_into_the_template() {
    assert_eq!(
        errors_with("templates/section.html", "{% if %}\n"),
        [
            "templates/section.html:1:7: error: template syntax error: Found `%}` but expected one of: integer, float, string, bool, ident, `-`, `not`, `<`, `{`, `[` or `(`"
        ]
    );
    assert_eq!(
        errors_with(
            "templates/section.html",
            "{% extends \"base.html\" %}\n{% block content %}\n{{ section.title | nofilter }}\n{% endblock content %}\n"
        ),
        ["templates/section.html:3:20: error: template error: Unknown filter `nofilter`"]
    );
    assert_eq!(
        errors_with(
            "templates/section.html",
            "{% extends \"base.html\" %}\n{% block content %}\n{{ section.nope }}\n{% endblock content %}\n"
        ),
        [
            "templates/section.html:3:12: error: template error: Field `nope` is not defined. Available fields: description, extra, heading, headings, html, label, number, slug, timeline, title, url\n  hint: this happened while making p/a/index.html"
        ]
    );
}

#[test]
fn missing_template_in_a_theme() {
    let s = base();
    std::fs::remove_file(s.root().join("themes/default/templates/section.html")).unwrap();
    assert_eq!(
        s.build_errors(),
        [
            "themes/default/templates: error: the theme has no template `section.html`\n  hint: add templates/section.html to the theme or to the site"
        ]
    );
}

#[test]
fn encodings() {
    let s = base();
    s.write_bytes("content/p/02-b.md", b"\xFF\xFE+\x00+\x00+\x00");
    assert_eq!(
        s.build_errors(),
        [
            "content/p/02-b.md:1:1: error: this file is in UTF-16, not UTF-8\n  hint: open it in your editor and save it again with the encoding \"UTF-8\""
        ]
    );
    let s = base();
    s.write_bytes(
        "content/p/02-b.md",
        b"+++\ntitle = \"K\xea ho\xe1ch\"\n+++\n",
    );
    assert_eq!(
        s.build_errors(),
        [
            "content/p/02-b.md:2:11: error: this file is not valid UTF-8 text (bad byte at offset 14)\n  hint: save the file again with the encoding \"UTF-8\" (in Notepad: Save As > Encoding > UTF-8)"
        ]
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let s = base();
    s.write("content/p/01-a.md", "+++\ntitle = \"A\"\ntitel = 1\n+++\n");
    s.write("content/p/months/2023-09.md", "- y\n");
    s.write(
        "content/q/_index.md",
        "+++\ntitle = \"Q\"\n+++\n[x](nope.md)\n",
    );
    let errors = s.build_errors();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(errors[0].starts_with("content/p/01-a.md:3:1: error: unknown key `titel`"));
    assert!(errors[1].starts_with("content/p/months/2023-09.md: error: 2023-09 is outside"));
    assert!(errors[2].starts_with("content/q/_index.md:4:1: error: the link `nope.md`"));
}

#[test]
fn failed_build_leaves_the_previous_output_untouched() {
    let s = base();
    s.build();
    let before = s.output_files();
    assert!(!before.is_empty());
    s.write("content/p/01-a.md", "+++\ntitle = \"A\"\nnumber = \n+++\n");
    assert_eq!(s.build_errors().len(), 1);
    assert_eq!(s.output_files(), before);
    // Nothing left beside the output either.
    let leftovers: Vec<_> = std::fs::read_dir(s.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".plansite"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn successful_build_leaves_no_stale_files() {
    let s = base();
    s.write("content/p/02-b.md", "+++\ntitle = \"B\"\n+++\n");
    s.build();
    assert!(s.root().join("output/p/b/index.html").exists());
    std::fs::remove_file(s.root().join("content/p/02-b.md")).unwrap();
    s.build();
    assert!(!s.root().join("output/p/b/index.html").exists());
}

#[test]
fn output_folder_holding_the_sources_is_refused() {
    let s = base();
    let mut opts = s.options();
    opts.output = "content".into();
    let err = plansite::build(&opts).unwrap_err();
    assert!(
        common::render(err).contains("refusing to use"),
        "the content folder must never be replaced"
    );
    assert!(s.root().join("content/p/_index.md").exists());
}

#[test]
fn a_link_to_a_file_with_errors_does_not_repeat_them() {
    let s = base();
    s.write(
        "content/p/01-a.md",
        "+++\ntitel = \"A\"\n+++\n\n# Heading one\n",
    );
    s.write(
        "content/p/02-b.md",
        "+++\ntitle = \"B\"\n+++\n\nSee [a](01-a.md#heading-one).\n",
    );
    let errors = s.build_errors();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].starts_with("content/p/01-a.md:2:1: error: unknown key `titel`"));
}

#[test]
fn print_settings_are_checked_before_they_reach_the_css() {
    let s = base();
    s.write(
        "plansite.toml",
        "title = \"T\"\n\n[print]\nmargin_left = \"30mm; } body { display: none\"\n",
    );
    assert_eq!(
        s.build_errors(),
        [
            "plansite.toml:4:1: error: [print] margin_left = \"30mm; } body { display: none\" is not a length such as \"20mm\" or \"14pt\""
        ]
    );
    s.write(
        "plansite.toml",
        "title = \"T\"\n\n[print]\nmargin_left = \"35mm\"\nfont_size = \"13pt\"\n",
    );
    s.build();
    let html = std::fs::read_to_string(s.root().join("output/p/index.html")).unwrap();
    assert!(
        html.contains("@page { size: A4; margin: 20mm 15mm 20mm 35mm;"),
        "{html}"
    );
    assert!(html.contains("font-size: 13pt; }"));
}
