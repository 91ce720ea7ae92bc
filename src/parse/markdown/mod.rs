//! Markdown to HTML with holes: the HTML of a body, except that heading ids and internal link
//! targets are left open, because they are only known once every file of the plan is parsed
//! (ids are unique across a whole plan; a link's `href` depends on the page it appears on).
//!
//! [`render`] feeds pulldown-cmark's events to the walker (`walker.rs`), which opens the holes
//! (`holes.rs`), follows the plain text (`text.rs`) and, for month files, takes the list items
//! out (`lists.rs`); what it makes is described in `body.rs`.

mod body;
mod holes;
mod html;
mod lists;
mod text;
mod walker;

use pulldown_cmark::{Options, Parser};

pub use body::{
    Heading, Html, LinkRef, ListItem, ListItems, Markdown, MarkdownOptions, Part, Removed,
};
pub use html::{escape_attr, escape_url, is_internal};
use walker::Walker;

/// Renders `body` (which starts at byte `body_offset` of `file_text`) to HTML with holes.
pub fn render(file_text: &str, body: &str, body_offset: usize, opts: MarkdownOptions) -> Markdown {
    let body = holes::without_markers(body);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut walker = Walker::new(opts, file_text, body_offset);
    for (event, range) in Parser::new_ext(&body, options).into_offset_iter() {
        walker.read(event, range.start);
    }
    walker.finish(body.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Position;
    use crate::parse::sanitize::RawHtml;

    fn md(text: &str) -> Markdown {
        render(
            text,
            text,
            0,
            MarkdownOptions {
                heading_offset: 2,
                footnote_prefix: "s-",
                list_items: ListItems::InBody,
                raw_html: RawHtml::Sanitize,
                html: Html::Written,
            },
        )
    }

    /// The HTML with holes shown as `{L0}` / `{H0}`.
    fn shown(m: &Markdown) -> String {
        m.parts
            .iter()
            .map(|p| match p {
                Part::Html(h) => h.clone(),
                Part::Link(i) => format!("{{L{i}}}"),
                Part::HeadingId(i) => format!("{{H{i}}}"),
            })
            .collect()
    }

    #[test]
    fn headings_are_shifted_and_collected() {
        let m = md("# 1. Thuận lợi\n\ntext\n\n## a. *Khó* khăn {#kk .x}\n");
        assert_eq!(
            shown(&m),
            "<h3 id=\"{H0}\">1. Thuận lợi</h3>\n<p>text</p>\n<h4 id=\"{H1}\" class=\"x\">a. <em>Khó</em> khăn</h4>\n"
        );
        assert_eq!(m.headings[0].text, "1. Thuận lợi");
        assert_eq!(m.headings[1].text, "a. Khó khăn");
        assert_eq!(m.headings[1].explicit_id.as_deref(), Some("kk"));
        assert_eq!(m.headings[1].position, Position::new(5, 1));
    }

    #[test]
    fn internal_links_become_holes_external_stay() {
        let m = md("See [x](02-a.md#b \"T\") and [y](https://e.vn/) and ![p](anh.png)\n");
        assert_eq!(
            shown(&m),
            "<p>See <a href=\"{L0}\" title=\"T\">x</a> and <a href=\"https://e.vn/\">y</a> and <img src=\"{L1}\" alt=\"p\"></p>\n"
        );
        assert_eq!(m.links[0].dest, "02-a.md#b");
        assert_eq!(m.links[0].position, Position::new(1, 5));
        assert_eq!(m.links[1].dest, "anh.png");
    }

    #[test]
    fn tables_lists_and_smart_punctuation() {
        let m = md("| A | B |\n|---|---|\n| 1 | [x](#y) |\n\n- \"trích\" -- 2022-2023\n");
        let html = shown(&m);
        assert!(html.contains("<th>A</th>"), "{html}");
        assert!(html.contains("<td><a href=\"{L0}\">x</a></td>"), "{html}");
        assert!(html.contains("<li>“trích” – 2022-2023</li>"), "{html}");
    }

    #[test]
    fn footnotes_get_prefixed_ids() {
        let m = md("Text[^a].\n\n[^a]: Note.\n");
        let html = shown(&m);
        assert!(html.contains("href=\"#s-fn-a\">1</a>"), "{html}");
        assert!(html.contains("id=\"s-fn-a\""), "{html}");
    }

    #[test]
    fn noncharacters_in_input_cannot_forge_holes() {
        let m = md("a \u{FDD0}L0\u{FDD1} b\n");
        assert_eq!(m.parts.len(), 1);
        assert!(m.links.is_empty());
    }

    /// Options for a month file's body: list items taken out, raw HTML sanitised.
    fn split_out(html: Html) -> MarkdownOptions<'static> {
        MarkdownOptions {
            heading_offset: 2,
            footnote_prefix: "",
            list_items: ListItems::SplitOut,
            raw_html: RawHtml::Sanitize,
            html,
        }
    }

    #[test]
    fn list_items_split_out() {
        let text = "Intro\n\n- Một [x](a.md)\n- Hai\n  - con\n\nOutro\n";
        let m = render(text, text, 0, split_out(Html::Written));
        assert_eq!(m.items.len(), 2);
        assert_eq!(m.items[0].text, "Một x");
        assert_eq!(m.items[0].parts[1], Part::Link(0));
        assert_eq!(m.items[0].position, Position::new(3, 1));
        assert_eq!(m.items[1].text, "Hai con");
        let rest: String = m
            .parts
            .iter()
            .filter_map(|p| match p {
                Part::Html(h) => Some(h.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(rest, "<p>Intro</p>\n<p>Outro</p>\n");
    }

    #[test]
    fn plain_text_of_the_body() {
        let m = md("# Tiêu đề\n\nMột *hai*\nba.\n\n- x\n- y\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert_eq!(m.text, "Tiêu đề\n\nMột hai ba.\n\nx\n\ny\n\na b\n\n1 2");
    }

    fn md_with(text: &str, raw_html: RawHtml) -> Markdown {
        render(
            text,
            text,
            0,
            MarkdownOptions {
                heading_offset: 2,
                footnote_prefix: "",
                list_items: ListItems::InBody,
                raw_html,
                html: Html::Written,
            },
        )
    }

    #[test]
    fn without_html_everything_else_is_found_the_same() {
        let text = "# Một {#mot}\n\n- hoạt động *một*\n- [hai](02-b.md#x)\n\n## Hai\n\n<script>x</script> chữ\n";
        let with = |html: Html| render(text, text, 0, split_out(html));
        let (written, skipped) = (with(Html::Written), with(Html::Skipped));
        assert!(!written.parts.is_empty() && skipped.parts.is_empty());
        assert!(skipped.items.iter().all(|i| i.parts.is_empty()));
        assert_eq!(written.headings, skipped.headings);
        assert_eq!(written.links, skipped.links);
        assert_eq!(written.text, skipped.text);
        assert_eq!(written.removed, skipped.removed);
        assert!(!skipped.removed.is_empty());
        let items = |m: &Markdown| {
            m.items
                .iter()
                .map(|i| (i.text.clone(), i.position))
                .collect::<Vec<_>>()
        };
        assert_eq!(items(&written), items(&skipped));
        assert_eq!(items(&skipped).len(), 2);
    }

    #[test]
    fn raw_html_is_sanitised_and_what_goes_is_reported() {
        let text = "Một <b>đậm</b> câu.\n\n<script>alert(1)</script>\n\n\
                    <table><tr><td onclick=\"x()\">ô</td></tr></table>\n";
        let m = md_with(text, RawHtml::Sanitize);
        assert_eq!(
            shown(&m),
            "<p>Một <b>đậm</b> câu.</p>\n\n<table><tbody><tr><td>ô</td></tr></tbody></table>\n"
        );
        let removed: Vec<(usize, &str)> = m
            .removed
            .iter()
            .map(|r| (r.position.line, r.what.as_str()))
            .collect();
        assert_eq!(
            removed,
            [(3, "the tag <script>"), (5, "the attribute `onclick`")]
        );
        let kept = md_with(text, RawHtml::Allow);
        assert!(shown(&kept).contains("<script>alert(1)</script>"));
        assert!(kept.removed.is_empty());
    }

    #[test]
    fn unsafe_links_and_heading_attributes_are_taken_out() {
        let m = md_with(
            "# T {onclick=\"alert(1)\" lang=vi}\n\n[a](javascript:alert(1)) ![b](data:image/svg+xml,x) [c](https://e.vn)\n",
            RawHtml::Sanitize,
        );
        assert_eq!(
            shown(&m),
            "<h3 id=\"{H0}\" lang=\"vi\">T</h3>\n<p><a>a</a> <img alt=\"b\"> <a href=\"https://e.vn\">c</a></p>\n"
        );
        let what: Vec<&str> = m.removed.iter().map(|r| r.what.as_str()).collect();
        assert_eq!(
            what,
            [
                "the attribute `onclick`",
                "the address `javascript:alert(1)`",
                "the address `data:image/svg+xml,x`"
            ]
        );
    }

    #[test]
    fn plain_markdown_is_not_reparsed() {
        // Without raw HTML the renderer's own output stands: the sanitiser would write `<br>`.
        let plain = md("a  \nb\n\n| a |\n|:-:|\n| 1 |\n");
        assert!(shown(&plain).contains("<br />"), "{}", shown(&plain));
        assert!(shown(&plain).contains("<th style=\"text-align: center\">a</th>"));
    }

    #[test]
    fn email_autolinks_are_not_internal_links() {
        let m = md("Gửi <vuthixuyen@gmail.com>\n");
        assert!(m.links.is_empty());
        assert_eq!(
            shown(&m),
            "<p>Gửi <a href=\"mailto:vuthixuyen@gmail.com\">vuthixuyen@gmail.com</a></p>\n"
        );
    }
}
