//! What rendering a body makes — HTML in parts, with the headings, internal links, list items
//! and plain text found on the way — and the options it is rendered with.

use crate::diagnostic::Position;
use crate::parse::sanitize::RawHtml;

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
    /// Whether the HTML is written (else `parts` stay empty: a build's first pass needs only
    /// headings, list items' text and what sanitising would remove).
    pub html: Html,
}

/// Whether a body's HTML is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Html {
    /// Written.
    Written,
    /// Not written: everything else about the body is found as usual.
    Skipped,
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
