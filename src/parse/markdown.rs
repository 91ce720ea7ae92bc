//! Markdown to HTML with holes: the HTML of a body, except that heading ids and internal link
//! targets are left open, because they are only known once every file of the plan is parsed
//! (ids are unique across a whole plan; a link's `href` depends on the page it appears on).

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};

use crate::diagnostic::Position;
use crate::parse::sanitize::{self, RawHtml};
use crate::source::position_in;

/// Opens a hole in generated HTML. U+FDD0/U+FDD1 are Unicode noncharacters: never text, and
/// removed from every input before parsing, so they cannot clash with content.
const HOLE_OPEN: char = '\u{FDD0}';
const HOLE_CLOSE: char = '\u{FDD1}';

/// One piece of a body's HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Finished HTML.
    Html(String),
    /// The `href`/`src` of `links[i]`, still to be resolved.
    Link(usize),
    /// The `id` of `headings[i]`, still to be assigned.
    HeadingId(usize),
}

/// A heading found in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// HTML level (1–6), after the body's heading offset.
    pub level: u8,
    /// Its text, without markup.
    pub text: String,
    /// An id the author gave with `{#id}`.
    pub explicit_id: Option<String>,
    /// Where it is in the file.
    pub position: Position,
    /// Byte offset of the heading in [`Markdown::text`]: the text from here to the next
    /// heading is the heading's part (for search results that link to the heading).
    pub text_offset: usize,
}

/// An internal link or image source, as the author wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    /// The destination as written (`02-nhiem-vu.md#muc-tieu`, `#muc-tieu`, `anh.png`).
    pub dest: String,
    /// Where the link starts in the file.
    pub position: Position,
}

/// A Markdown body turned into HTML with holes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Markdown {
    /// The HTML, in order.
    pub parts: Vec<Part>,
    /// Headings, in order; `Part::HeadingId(i)` refers to `headings[i]`.
    pub headings: Vec<Heading>,
    /// Internal links, in order; `Part::Link(i)` refers to `links[i]`.
    pub links: Vec<LinkRef>,
    /// With [`ListItems::SplitOut`]: the items of top-level lists, taken out of `parts` (which
    /// keeps everything else).
    pub items: Vec<ListItem>,
    /// The plain text of the whole body: blocks separated by blank lines (for plan.json and
    /// search).
    pub text: String,
    /// What sanitising removed, for warnings (empty with [`RawHtml::Allow`]).
    pub removed: Vec<Removed>,
}

/// Something the raw-HTML policy took out of a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// Where the author wrote it.
    pub position: Position,
    /// What it was, in words (``the tag <iframe>``).
    pub what: String,
}

/// One item of a top-level list (a month's activity).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    /// Its HTML, without the `<li>`.
    pub parts: Vec<Part>,
    /// Its text without markup.
    pub text: String,
    /// Where it starts in the file.
    pub position: Position,
}

/// How to render one body.
#[derive(Debug, Clone, Copy)]
pub struct MarkdownOptions<'a> {
    /// Added to every heading level: with 2, `#` becomes `<h3>` (the page has h1 and h2 above).
    pub heading_offset: u8,
    /// Prepended to footnote ids, to keep them unique when several bodies share a page.
    pub footnote_prefix: &'a str,
    /// Where the items of top-level lists go.
    pub list_items: ListItems,
    /// What to do with raw HTML.
    pub raw_html: RawHtml,
}

/// Where the items of a body's top-level lists go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListItems {
    /// They stay in the body's HTML, like any other block.
    InBody,
    /// They are taken out as [`Markdown::items`] (a month's activities); the lists' other
    /// content stays in the body.
    SplitOut,
}

/// Whether a link destination points inside the site (and so must be checked and rewritten).
pub fn is_internal(dest: &str) -> bool {
    if dest.is_empty() || dest.starts_with("//") {
        return false;
    }
    match dest.find(':') {
        Some(colon) => {
            let scheme = &dest[..colon];
            // A scheme is letters, digits, + . - starting with a letter; `a/b:c` is a path.
            !(scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-')))
        }
        None => true,
    }
}

/// Renders `body` (which starts at byte `body_offset` of `file_text`) to HTML with holes.
pub fn render(file_text: &str, body: &str, body_offset: usize, opts: MarkdownOptions) -> Markdown {
    let cleaned;
    let body = if body.contains([HOLE_OPEN, HOLE_CLOSE]) {
        // Same UTF-8 length (3 bytes), so positions stay right.
        cleaned = body.replace([HOLE_OPEN, HOLE_CLOSE], "\u{FFFD}");
        cleaned.as_str()
    } else {
        body
    };
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut state = Walker {
        out: Markdown::default(),
        events: Vec::new(),
        opts,
        file_text,
        body_offset,
        heading: None,
        links_open: Vec::new(),
        image: None,
        footnotes: Vec::new(),
        list_depth: 0,
        item_events: Vec::new(),
        in_item: false,
        needs_cleaning: false,
    };
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        if !state.split_items(&event, range.start) {
            state.event(event, range.start);
        }
    }
    let clean = |html: String| {
        if state.needs_cleaning {
            sanitize::clean(&html)
        } else {
            html
        }
    };
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, state.events.into_iter());
    state.out.parts = split_holes(&clean(html));
    for (events, item) in state.item_events.into_iter().zip(&mut state.out.items) {
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        item.parts = split_holes(clean(html).trim_end());
        item.text = item.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let trimmed = state.out.text.trim_end().len();
    state.out.text.truncate(trimmed);
    state.out
}

/// How a link that is open was written out, so that its end is written the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OpenLink {
    /// An internal link: we wrote `<a href="` and a hole, so we write `</a>`.
    Hole,
    /// Any other link: pulldown-cmark writes it, start and end.
    AsWritten,
}

struct Walker<'a, 'o> {
    out: Markdown,
    events: Vec<Event<'a>>,
    opts: MarkdownOptions<'o>,
    file_text: &'o str,
    body_offset: usize,
    /// Index of the heading being read.
    heading: Option<usize>,
    /// The links open around the current event, innermost last.
    links_open: Vec<OpenLink>,
    /// An internal image being read: (link index, title, alt text so far).
    image: Option<(usize, String, String)>,
    /// Footnote labels in order of first reference.
    footnotes: Vec<String>,
    /// How deep in lists we are (with [`ListItems::SplitOut`]).
    list_depth: usize,
    /// The events of each top-level list item.
    item_events: Vec<Vec<Event<'a>>>,
    /// Whether events currently go to the last item.
    in_item: bool,
    /// Whether the body holds something only the sanitiser can make safe.
    needs_cleaning: bool,
}

impl<'a> Walker<'a, '_> {
    fn position(&self, offset: usize) -> Position {
        position_in(self.file_text, self.body_offset + offset)
    }

    /// Under [`RawHtml::Sanitize`], marks the body for the sanitiser and notes what it removes.
    fn distrust(&mut self, offset: usize, removed: Vec<String>) {
        if self.opts.raw_html == RawHtml::Allow {
            return;
        }
        self.needs_cleaning = true;
        let position = self.position(offset);
        self.out
            .removed
            .extend(removed.into_iter().map(|what| Removed { position, what }));
    }

    fn raw(&mut self, html: String) {
        self.sink().push(Event::InlineHtml(CowStr::from(html)));
    }

    /// Where events go now: the current list item, or the body.
    fn sink(&mut self) -> &mut Vec<Event<'a>> {
        match self.item_events.last_mut() {
            Some(item) if self.in_item => item,
            _ => &mut self.events,
        }
    }

    /// With [`ListItems::SplitOut`], takes the top-level list structure out of the stream.
    /// Returns whether `event` was consumed.
    fn split_items(&mut self, event: &Event<'a>, offset: usize) -> bool {
        if self.opts.list_items == ListItems::InBody {
            return false;
        }
        match event {
            Event::Start(Tag::List(_)) => {
                self.list_depth += 1;
                if self.in_item
                    && let Some(item) = self.out.items.last_mut()
                {
                    item.text.push(' ');
                }
                self.list_depth == 1
            }
            Event::End(TagEnd::List(_)) => {
                self.list_depth = self.list_depth.saturating_sub(1);
                self.list_depth == 0
            }
            Event::Start(Tag::Item) if self.list_depth == 1 => {
                let position = self.position(offset);
                self.out.items.push(ListItem {
                    parts: Vec::new(),
                    text: String::new(),
                    position,
                });
                self.item_events.push(Vec::new());
                self.in_item = true;
                true
            }
            Event::End(TagEnd::Item) if self.list_depth == 1 => {
                self.in_item = false;
                true
            }
            Event::Text(t) | Event::Code(t) if self.in_item => {
                if let Some(item) = self.out.items.last_mut() {
                    item.text.push_str(t);
                }
                false
            }
            Event::Start(Tag::Item | Tag::Paragraph) | Event::SoftBreak | Event::HardBreak
                if self.in_item =>
            {
                if let Some(item) = self.out.items.last_mut() {
                    item.text.push(' ');
                }
                false
            }
            _ => false,
        }
    }

    fn hole(kind: char, index: usize) -> String {
        format!("{HOLE_OPEN}{kind}{index}{HOLE_CLOSE}")
    }

    /// Keeps the plain text of the body up to date.
    fn track_text(&mut self, event: &Event<'a>) {
        let text = &mut self.out.text;
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak => text.push(' '),
            Event::HardBreak => text.push('\n'),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_),
            ) => {
                let trimmed = text.trim_end_matches([' ', '\n']).len();
                text.truncate(trimmed);
                if !text.is_empty() {
                    text.push_str("\n\n");
                }
            }
            Event::End(TagEnd::TableCell) => text.push(' '),
            _ => {}
        }
    }

    fn event(&mut self, event: Event<'a>, offset: usize) {
        if self.image.is_none() {
            self.track_text(&event);
        }
        if let Some((_, _, alt)) = &mut self.image {
            match event {
                Event::End(TagEnd::Image) => self.close_image(),
                Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                Event::SoftBreak | Event::HardBreak => alt.push(' '),
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => self.open_heading(level, id, &classes, &attrs, offset),
            Event::End(TagEnd::Heading(_)) => {
                if let Some(i) = self.heading.take() {
                    let level = self.out.headings[i].level;
                    self.sink()
                        .push(Event::Html(CowStr::from(format!("</h{level}>\n"))));
                }
            }
            Event::Start(Tag::Link {
                dest_url,
                title,
                link_type,
                ..
            }) if link_type != LinkType::Email && is_internal(&dest_url) => {
                let i = self.push_link(&dest_url, offset);
                let title = attr("title", &title);
                self.raw(format!("<a href=\"{}\"{title}>", Self::hole('L', i)));
                self.links_open.push(OpenLink::Hole);
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) if is_internal(&dest_url) => {
                let i = self.push_link(&dest_url, offset);
                self.image = Some((i, title.to_string(), String::new()));
            }
            Event::Start(Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. }) => {
                // External (or e-mail): pulldown-cmark writes it; the sanitiser checks the scheme.
                if !sanitize::is_safe_url(dest_url) {
                    let what = format!("the address `{}`", shorten(dest_url));
                    self.distrust(offset, vec![what]);
                }
                if matches!(event, Event::Start(Tag::Link { .. })) {
                    self.links_open.push(OpenLink::AsWritten);
                }
                self.sink().push(event);
            }
            Event::End(TagEnd::Link) => {
                if self.links_open.pop() == Some(OpenLink::Hole) {
                    self.raw("</a>".to_owned());
                } else {
                    self.sink().push(Event::End(TagEnd::Link));
                }
            }
            Event::Html(ref html) | Event::InlineHtml(ref html) => {
                let removed = sanitize::findings(html);
                self.distrust(offset, removed);
                self.sink().push(event);
            }
            Event::FootnoteReference(label) => self.footnote_reference(&label),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let n = self.footnote_number(&label);
                let p = self.opts.footnote_prefix;
                let id = escape_attr(&format!("{p}fn-{label}"));
                self.sink().push(Event::Html(CowStr::from(format!(
                    "<div class=\"footnote-definition\" id=\"{id}\"><sup class=\"footnote-definition-label\">{n}</sup>"
                ))));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                self.sink()
                    .push(Event::Html(CowStr::from("</div>\n".to_owned())));
            }
            Event::Text(ref t) | Event::Code(ref t) if self.heading.is_some() => {
                if let Some(i) = self.heading {
                    self.out.headings[i].text.push_str(t);
                }
                self.sink().push(event);
            }
            other => self.sink().push(other),
        }
    }

    fn open_heading(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'a>>,
        classes: &[CowStr<'a>],
        attrs: &[(CowStr<'a>, Option<CowStr<'a>>)],
        offset: usize,
    ) {
        let level = (level as u8 + self.opts.heading_offset).min(6);
        let i = self.out.headings.len();
        let text_offset = self.out.text.len();
        self.out.headings.push(Heading {
            level,
            text: String::new(),
            explicit_id: id.map(|s| s.to_string()),
            position: self.position(offset),
            text_offset,
        });
        let mut html = format!("<h{level} id=\"{}\"", Self::hole('H', i));
        if !classes.is_empty() {
            let joined: Vec<&str> = classes.iter().map(|c| c.as_ref()).collect();
            html.push_str(&attr("class", &joined.join(" ")));
        }
        let unsafe_attrs: Vec<String> = attrs
            .iter()
            .filter(|(name, _)| !sanitize::is_safe_attribute(name))
            .map(|(name, _)| format!("the attribute `{name}`"))
            .collect();
        if !unsafe_attrs.is_empty() {
            self.distrust(offset, unsafe_attrs);
        }
        for (name, value) in attrs {
            // Attribute names are limited to safe characters; anything else is dropped.
            if name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                match value {
                    Some(v) => html.push_str(&attr(name, v)),
                    None => html.push_str(&format!(" {name}")),
                }
            }
        }
        html.push('>');
        self.sink().push(Event::Html(CowStr::from(html)));
        self.heading = Some(i);
    }

    fn push_link(&mut self, dest: &str, offset: usize) -> usize {
        let i = self.out.links.len();
        let position = self.position(offset);
        self.out.links.push(LinkRef {
            dest: dest.to_owned(),
            position,
        });
        i
    }

    fn close_image(&mut self) {
        if let Some((i, title, alt)) = self.image.take() {
            let title = attr("title", &title);
            let alt = escape_attr(&alt);
            self.raw(format!(
                "<img src=\"{}\" alt=\"{alt}\"{title}>",
                Self::hole('L', i)
            ));
        }
    }

    fn footnote_number(&mut self, label: &str) -> usize {
        match self.footnotes.iter().position(|l| l == label) {
            Some(i) => i + 1,
            None => {
                self.footnotes.push(label.to_owned());
                self.footnotes.len()
            }
        }
    }

    fn footnote_reference(&mut self, label: &str) {
        let n = self.footnote_number(label);
        let p = self.opts.footnote_prefix;
        let target = escape_attr(&format!("{p}fn-{label}"));
        self.raw(format!(
            "<sup class=\"footnote-reference\"><a href=\"#{target}\">{n}</a></sup>"
        ));
    }
}

/// A URL cut to a length that fits in a message.
fn shorten(url: &str) -> String {
    const MAX: usize = 40;
    match url.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &url[..i]),
        None => url.to_owned(),
    }
}

/// ` name="value"` with the value escaped, or nothing for an empty value.
fn attr(name: &str, value: &str) -> String {
    if value.is_empty() {
        String::new()
    } else {
        format!(" {name}=\"{}\"", escape_attr(value))
    }
}

/// Escapes text for an HTML attribute value or element content.
pub fn escape_attr(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    // Writing into a String cannot fail.
    let _ = escape_html(&mut s, text);
    s
}

/// Escapes a URL for an `href` (percent-encoding what must be).
pub fn escape_url(url: &str) -> String {
    let mut s = String::with_capacity(url.len());
    let _ = escape_href(&mut s, url);
    s
}

/// Cuts generated HTML at the hole markers.
fn split_holes(html: &str) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find(HOLE_OPEN) {
        let after = &rest[open + HOLE_OPEN.len_utf8()..];
        let Some(close) = after.find(HOLE_CLOSE) else {
            break;
        };
        if open > 0 {
            parts.push(Part::Html(rest[..open].to_owned()));
        }
        let marker = &after[..close];
        let index = marker.get(1..).and_then(|n| n.parse().ok());
        match (marker.chars().next(), index) {
            (Some('L'), Some(i)) => parts.push(Part::Link(i)),
            (Some('H'), Some(i)) => parts.push(Part::HeadingId(i)),
            _ => parts.push(Part::Html(marker.to_owned())),
        }
        rest = &after[close + HOLE_CLOSE.len_utf8()..];
    }
    if !rest.is_empty() {
        parts.push(Part::Html(rest.to_owned()));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn list_items_split_out() {
        let text = "Intro\n\n- Một [x](a.md)\n- Hai\n  - con\n\nOutro\n";
        let m = render(
            text,
            text,
            0,
            MarkdownOptions {
                heading_offset: 2,
                footnote_prefix: "",
                list_items: ListItems::SplitOut,
                raw_html: RawHtml::Sanitize,
            },
        );
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
            },
        )
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

    #[test]
    fn scheme_detection() {
        assert!(!is_internal("https://x"));
        assert!(!is_internal("mailto:a@b"));
        assert!(!is_internal("//cdn"));
        assert!(is_internal("a.md"));
        assert!(is_internal("#x"));
        assert!(is_internal("dir/a:b.md"));
        assert!(is_internal("/abs"));
    }
}
