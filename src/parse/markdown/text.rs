//! The plain text of a body, for plan.json and search: its blocks separated by blank lines,
//! without markup.

use pulldown_cmark::{Event, TagEnd};

/// Adds what `event` says to `text`.
pub(super) fn track(text: &mut String, event: &Event<'_>) {
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

/// The text once the body is read: without the blank lines after its last block.
pub(super) fn finish(text: &mut String) {
    let trimmed = text.trim_end().len();
    text.truncate(trimmed);
}
