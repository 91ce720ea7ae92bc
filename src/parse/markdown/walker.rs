//! The walk over a body's Markdown events: headings and internal links get holes, footnotes
//! get ids unique on the page, raw HTML and unsafe addresses are noted for the sanitiser, and
//! the events are written out as HTML.

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd};

use super::body::{Heading, Html, LinkRef, ListItems, Markdown, MarkdownOptions, Removed};
use super::holes::{self, split_holes};
use super::html::{attr, escape_attr, is_internal, shorten};
use super::lists::Lists;
use super::text;
use crate::diagnostic::Position;
use crate::parse::sanitize::{self, RawHtml};
use crate::source::position_in;

/// How a link that is open was written out, so that its end is written the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OpenLink {
    /// An internal link: we wrote `<a href="` and a hole, so we write `</a>`.
    Hole,
    /// Any other link: pulldown-cmark writes it, start and end.
    AsWritten,
}

/// What is known while a body is read, event by event.
pub(super) struct Walker<'a, 'o> {
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
    /// The top-level list items, with [`ListItems::SplitOut`].
    lists: Option<Lists<'a>>,
    /// Whether the body holds something only the sanitiser can make safe.
    needs_cleaning: bool,
}

impl<'a, 'o> Walker<'a, 'o> {
    /// A walker for a body that starts at byte `body_offset` of `file_text`.
    pub(super) fn new(
        opts: MarkdownOptions<'o>,
        file_text: &'o str,
        body_offset: usize,
    ) -> Walker<'a, 'o> {
        Walker {
            out: Markdown::default(),
            events: Vec::new(),
            opts,
            file_text,
            body_offset,
            heading: None,
            links_open: Vec::new(),
            image: None,
            footnotes: Vec::new(),
            lists: (opts.list_items == ListItems::SplitOut).then(Lists::new),
            needs_cleaning: false,
        }
    }

    /// Reads one event, which starts at byte `offset` of the body.
    pub(super) fn read(&mut self, event: Event<'a>, offset: usize) {
        let (file_text, body_offset) = (self.file_text, self.body_offset);
        let taken = self.lists.as_mut().is_some_and(|lists| {
            lists.take(&event, || position_in(file_text, body_offset + offset))
        });
        if !taken {
            self.event(event, offset);
        }
    }

    /// The body, its HTML written (through the sanitiser when it needs it) and cut at the
    /// holes. `body_len` is the length of the Markdown, to size the HTML.
    pub(super) fn finish(mut self, body_len: usize) -> Markdown {
        let needs_cleaning = self.needs_cleaning;
        let clean = |html: String| {
            if needs_cleaning {
                sanitize::clean(&html)
            } else {
                html
            }
        };
        let written = self.opts.html == Html::Written;
        if written {
            let mut html = String::with_capacity(body_len * 3 / 2);
            pulldown_cmark::html::push_html(&mut html, self.events.into_iter());
            self.out.parts = split_holes(&clean(html));
        }
        if let Some(lists) = self.lists {
            self.out.items = lists.finish(written.then_some(clean));
        }
        text::finish(&mut self.out.text);
        self.out
    }

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
        match self.lists.as_mut().and_then(Lists::sink) {
            Some(item) => item,
            None => &mut self.events,
        }
    }

    fn event(&mut self, event: Event<'a>, offset: usize) {
        if self.image.is_none() {
            text::track(&mut self.out.text, &event);
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
                self.raw(format!("<a href=\"{}\"{title}>", holes::link(i)));
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
        let mut html = format!("<h{level} id=\"{}\"", holes::heading_id(i));
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
                holes::link(i)
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
