//! One line of text as the reader sees it: its kind (blank, table row, list item, text), and
//! its text as inline Markdown or as plain text.

/// A line as the reader classifies it.
pub(super) enum Line<'a> {
    Blank,
    /// A table row: its cells.
    Row(Vec<&'a str>),
    /// A list item: level and text without the marker.
    Item(u8, &'a str),
    /// Any other text.
    Text(&'a str),
}

pub(super) fn classify(line: &str) -> Line<'_> {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return Line::Blank;
    }
    // Word's bullets copied as text come with a tab after them.
    if let Some((level, rest)) = item(trimmed, '\t') {
        return Line::Item(level, rest);
    }
    let content = line.trim_start();
    if content.trim_end().contains('\t') {
        let cells: Vec<&str> = content.split('\t').map(str::trim).collect();
        if cells.iter().filter(|c| !c.is_empty()).count() >= 2 {
            return Line::Row(cells);
        }
    }
    match item(trimmed, ' ') {
        Some((level, rest)) => Line::Item(level, rest),
        None => Line::Text(trimmed),
    }
}

/// The characters that start a list item, and the item's level. Text copied out of Word
/// keeps its bullets as characters: "•", "o" for the second level, and the Symbol and
/// Wingdings bullets U+F0B7, U+F0A7 and U+F0D8 from the private use area.
const MARKERS: &[(char, u8)] = &[
    ('-', 0),
    ('•', 0),
    ('–', 0),
    ('·', 0),
    ('\u{F0B7}', 0),
    ('\u{F0D8}', 0),
    ('+', 1),
    ('o', 1),
    ('\u{F0A7}', 1),
];

/// The level and text of a list item: a marker, then `after` (a space or a tab), then text.
fn item(trimmed: &str, after: char) -> Option<(u8, &str)> {
    MARKERS.iter().find_map(|&(marker, level)| {
        let rest = trimmed
            .strip_prefix(marker)?
            .strip_prefix(after)?
            .trim_start();
        (!rest.is_empty()).then_some((level, rest))
    })
}

/// Whether `s` starts in lower case (after opening quotes or brackets).
pub(super) fn starts_lower(s: &str) -> bool {
    s.chars()
        .find(|c| !matches!(c, '"' | '“' | '(' | '\''))
        .is_some_and(char::is_lowercase)
}

/// Inline Markdown from a line of text: emphasis kept; in plain text (not .md) a `<` that
/// would open an HTML tag is escaped, since the author meant the character.
pub(super) fn inline(line: &str, markdown: bool) -> String {
    if markdown {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'))
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The text without Markdown emphasis markers or escapes: what the recogniser reads.
pub(super) fn plain(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek().is_some_and(|n| n.is_ascii_punctuation()) => {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            '*' => {}
            _ => out.push(c),
        }
    }
    out.trim().to_string()
}
