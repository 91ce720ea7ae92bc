//! One file parsed: its front matter split off and read into its type, its body rendered. Plan
//! files and sections must have front matter, month files may go without.

use serde::de::DeserializeOwned;

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

use super::draft::Draft;
use super::front_matter::{self, find_key};
use super::markdown::{self, Html, ListItems, Markdown, MarkdownOptions};
use super::sanitize::RawHtml;

/// Headings written `#` in a body are shown as `<h3>`: the page's h1 and h2 come first.
pub const HEADING_OFFSET: u8 = 2;

/// Whether a kind of file must start with front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FrontMatterRule {
    /// A file without it is an error (plan files and sections: their title is there).
    Required,
    /// A file without it gets the default meta (month files: the name says the month).
    Optional,
}

/// How the bodies of a plan's files are rendered: headings shifted by [`HEADING_OFFSET`].
pub(super) fn body_options(
    footnote_prefix: &str,
    list_items: ListItems,
    bodies: Bodies,
) -> MarkdownOptions<'_> {
    MarkdownOptions {
        heading_offset: HEADING_OFFSET,
        footnote_prefix,
        list_items,
        raw_html: bodies.raw_html,
        html: bodies.html,
    }
}

/// How the bodies of a plan are parsed: the raw-HTML policy, and whether their HTML is
/// written (a build's first pass only needs their headings and list items).
#[derive(Debug, Clone, Copy)]
pub struct Bodies {
    /// The raw-HTML policy.
    pub raw_html: RawHtml,
    /// Whether the HTML is written.
    pub html: Html,
}

impl Bodies {
    /// Bodies parsed whole, under `raw_html`.
    pub fn whole(raw_html: RawHtml) -> Bodies {
        Bodies {
            raw_html,
            html: Html::Written,
        }
    }
}

/// Parses front matter and body of one file.
pub(super) fn parse_file<M: DeserializeOwned + Default>(
    file: SourceFile,
    rule: FrontMatterRule,
    body: MarkdownOptions,
) -> Result<Draft<M>, Diagnostic> {
    let required = rule == FrontMatterRule::Required;
    let split = front_matter::split(&file)?;
    let meta = match &split.front {
        Some(front) => front_matter::deserialize(&file, front)?,
        None if required && file.text.trim().is_empty() => {
            return Err(Diagnostic::error(&file.path, "this file is empty")
                .hint("write the section's settings and text (see the authoring guide), or delete the file"));
        }
        None if required => {
            return Err(Diagnostic::error(&file.path, "this file has no front matter")
                .at(1, 1)
                .hint("start the file with a line `+++`, then `title = \"...\"`, then another `+++`"));
        }
        None => M::default(),
    };
    let body = markdown::render(&file.text, split.body, split.body_offset, body);
    Ok(Draft { file, meta, body })
}

/// Renders the `closing` front-matter text, mapping its positions to lines of the plan file.
pub(super) fn parse_closing(file: &SourceFile, text: &str, bodies: Bodies) -> Markdown {
    let mut md = markdown::render(
        text,
        text,
        0,
        body_options("closing-", ListItems::InBody, bodies),
    );
    let key = find_key(file, "closing").map_or(1, |p| p.line);
    // A multi-line string (`closing = """` or `closing: |`) starts on the line after the key.
    let key_line = file.text.lines().nth(key - 1).unwrap_or_default();
    let value = key_line
        .split_once(['=', ':'])
        .map_or("", |(_, v)| v.trim());
    let first = if matches!(value, "\"\"\"" | "'''" | "|" | ">" | "|-" | ">-") {
        key + 1
    } else {
        key
    };
    for h in &mut md.headings {
        h.position.line += first - 1;
    }
    for l in &mut md.links {
        l.position.line += first - 1;
    }
    for r in &mut md.removed {
        r.position.line += first - 1;
    }
    md
}

/// The file's name without its extension.
pub(super) fn stem(file: &SourceFile) -> String {
    file.path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}
