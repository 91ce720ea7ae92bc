//! Rendering a paragraph's runs as Markdown inline text: emphasis markers placed so that
//! CommonMark reads them back, and escapes for characters Markdown would misread.

/// A piece of a paragraph's content.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Piece {
    Text { text: String, format: Format },
    Break,
}

/// Emphasis of a piece of text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Format {
    pub(super) bold: bool,
    pub(super) italic: bool,
}

/// Whether a piece has visible text.
pub(super) fn has_text(piece: &Piece) -> bool {
    matches!(piece, Piece::Text { text, .. } if !text.trim().is_empty())
}

/// A paragraph's pieces as Markdown inline text and as plain text, or `None` when it has no
/// text. Whitespace at the start and end of the paragraph and of each of its lines is dropped
/// (Markdown drops it around a line break anyway), and so are line breaks at its ends.
pub(super) fn render(pieces: Vec<Piece>) -> Option<(String, String)> {
    let mut lines: Vec<Vec<(String, Format)>> = pieces
        .split(|p| *p == Piece::Break)
        .map(trim_line)
        .collect();
    while lines.first().is_some_and(Vec::is_empty) {
        lines.remove(0);
    }
    while lines.last().is_some_and(Vec::is_empty) {
        lines.pop();
    }
    if lines.is_empty() {
        return None;
    }

    let plain_lines: Vec<String> = lines
        .iter()
        .map(|line| line.iter().map(|(text, _)| text.as_str()).collect())
        .collect();
    let plain = plain_lines.join("\n");
    // `{…}` at the end of a heading would be read as heading attributes.
    let braces = plain.ends_with('}');
    let text_lines: Vec<String> = lines
        .into_iter()
        .map(|line| render_line(line, braces))
        .collect();
    Some((text_lines.join("\\\n"), plain))
}

/// The text pieces of one line, without whitespace at its ends (empty when it has no text).
fn trim_line(pieces: &[Piece]) -> Vec<(String, Format)> {
    let mut line: Vec<(String, Format)> = pieces
        .iter()
        .filter_map(|piece| match piece {
            Piece::Text { text, format } => Some((text.clone(), *format)),
            Piece::Break => None,
        })
        .collect();
    while line.first().is_some_and(|(text, _)| text.trim().is_empty()) {
        line.remove(0);
    }
    while line.last().is_some_and(|(text, _)| text.trim().is_empty()) {
        line.pop();
    }
    if let Some((text, _)) = line.first_mut() {
        *text = text.trim_start().to_string();
    }
    if let Some((text, _)) = line.last_mut() {
        *text = text.trim_end().to_string();
    }
    line
}

/// One line of a paragraph (text without breaks, trimmed) as Markdown.
///
/// The result is checked with the site's Markdown parser: when its emphasis markers would not
/// read back as the same text (emphasis touching emphasis of another kind at punctuation can
/// defeat CommonMark's rules), the line is written again without italics, then without any
/// emphasis. The text is never wrong; at worst some emphasis is lost.
fn render_line(segments: Vec<(String, Format)>, braces: bool) -> String {
    let plain: String = segments.iter().map(|(text, _)| text.as_str()).collect();
    let markdown = emphasise(segments.clone(), braces);
    if reads_back_as(&markdown, &plain) {
        return markdown;
    }
    let bold_only = segments
        .iter()
        .map(|(text, format)| {
            let format = Format {
                italic: false,
                ..*format
            };
            (text.clone(), format)
        })
        .collect();
    let markdown = emphasise(bold_only, braces);
    if reads_back_as(&markdown, &plain) {
        return markdown;
    }
    escape_line_start(&escape(&plain, braces))
}

/// Whether one line of Markdown reads as a paragraph of exactly `plain` (emphasis aside).
fn reads_back_as(markdown: &str, plain: &str) -> bool {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    // The site's options (src/parse/markdown/mod.rs), except typographic quotes and dashes.
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut text = String::with_capacity(plain.len());
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Text(t) => text.push_str(&t),
            Event::Start(Tag::Paragraph | Tag::Emphasis | Tag::Strong)
            | Event::End(TagEnd::Paragraph | TagEnd::Emphasis | TagEnd::Strong) => {}
            _ => return false,
        }
    }
    text == plain
}

/// One line as Markdown with emphasis markers.
fn emphasise(mut segments: Vec<(String, Format)>, braces: bool) -> String {
    // Whitespace takes the emphasis of the text before it (else after it), so that
    // "bold", " ", "bold" becomes one bold span; then equal neighbours merge.
    for i in 0..segments.len() {
        if segments[i].0.trim().is_empty() {
            let before = i.checked_sub(1).and_then(|j| segments.get(j)).map(|s| s.1);
            let after = segments.get(i + 1).map(|s| s.1);
            if let Some(format) = before.or(after) {
                segments[i].1 = format;
            }
        }
    }
    let mut merged: Vec<(String, Format)> = Vec::new();
    for (text, format) in segments {
        match merged.last_mut() {
            Some((last, f)) if *f == format => last.push_str(&text),
            _ => merged.push((text, format)),
        }
    }

    let mut out = String::new();
    // The last character of the line so far (markers aside).
    let mut prev: Option<char> = None;
    // Whether the line so far ends with a closing marker.
    let mut prev_closed = false;
    for i in 0..merged.len() {
        let (text, format) = &merged[i];
        let marker = match (format.bold, format.italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        let core = text.trim();
        let before = prev;
        prev = text.chars().last().or(prev);
        if marker.is_empty() || core.is_empty() {
            prev_closed = false;
            out.push_str(&escape(text, braces));
            continue;
        }
        let lead = &text[..text.len() - text.trim_start().len()];
        let trail = &text[text.trim_end().len()..];
        // CommonMark opens emphasis before punctuation only after whitespace or punctuation,
        // and closes it after punctuation only before whitespace or punctuation — the
        // characters around the run of `*`, which may be the closing and the opening markers
        // of two neighbours together. Punctuation that would break that moves out of the
        // emphasis.
        // Markers of two neighbours never meet at punctuation: a run like `*.**` between
        // them is read every which way.
        let before = match (lead.is_empty(), prev_closed) {
            (false, _) => Some(' '),
            (true, true) => Some('a'),
            (true, false) => before,
        };
        let after = match merged.get(i + 1) {
            _ if !trail.is_empty() => Some(' '),
            Some((next, f))
                if *f != Format::default() && next.starts_with(|c: char| !c.is_whitespace()) =>
            {
                Some('a')
            }
            Some((next, _)) => next.chars().next(),
            None => None,
        };
        let mut core = core;
        let mut prefix = "";
        if before.is_some_and(is_word_char) {
            let start = core.find(is_word_char).unwrap_or(core.len());
            prefix = &core[..start];
            core = &core[start..];
        }
        let mut suffix = "";
        if after.is_some_and(is_word_char) {
            let end = core.rfind(is_word_char).map_or(0, |i| {
                i + core[i..].chars().next().map_or(1, char::len_utf8)
            });
            suffix = &core[end..];
            core = &core[..end];
        }
        out.push_str(lead);
        out.push_str(&escape(prefix, braces));
        if !core.is_empty() {
            out.push_str(marker);
            out.push_str(&escape(core, braces));
            out.push_str(marker);
        }
        out.push_str(&escape(suffix, braces));
        out.push_str(trail);
        prev_closed = !core.is_empty() && suffix.is_empty() && trail.is_empty();
    }
    // Markers are `*`, which starts none of the patterns, so the whole line can be checked.
    escape_line_start(&out)
}

/// Neither whitespace nor punctuation (in CommonMark's sense).
fn is_word_char(c: char) -> bool {
    !c.is_whitespace() && !is_punctuation(c)
}

/// Punctuation or a symbol, as CommonMark's flanking rules count it.
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || (!c.is_alphanumeric() && !c.is_whitespace() && !c.is_control())
}

/// Escapes the characters Markdown would read as markup anywhere in a line.
fn escape(text: &str, braces: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        match c {
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '~' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '&' if looks_like_entity(&text[i + 1..]) => out.push_str("\\&"),
            '{' if braces => out.push_str("\\{"),
            _ => out.push(c),
        }
    }
    out
}

/// Whether text after a `&` would make it an HTML entity (`&amp;`, `&#123;`).
fn looks_like_entity(rest: &str) -> bool {
    let name = rest.strip_prefix('#').unwrap_or(rest);
    let len = name
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(name.len());
    len > 0 && name[len..].starts_with(';')
}

/// Escapes what would make the start of a line a block of its own: a heading (`# `), a list
/// item (`- `, `+ `, `1. `, `1) `), a rule or setext underline (`---`, `===`).
fn escape_line_start(line: &str) -> String {
    let indent = line.len() - line.trim_start().len();
    let (lead, rest) = line.split_at(indent);
    let Some(first) = rest.chars().next() else {
        return line.to_string();
    };
    let after_is_space = |n: usize| rest[n..].chars().next().is_none_or(char::is_whitespace);
    let escape_first = match first {
        '#' => {
            let hashes = rest.len() - rest.trim_start_matches('#').len();
            hashes <= 6 && after_is_space(hashes)
        }
        '-' | '+' | '=' => {
            after_is_space(1)
                || rest
                    .trim_end()
                    .chars()
                    .all(|c| c == first || c == ' ' || c == '\t')
        }
        _ => false,
    };
    if escape_first {
        return format!("{lead}\\{rest}");
    }
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if (1..=9).contains(&digits)
        && rest[digits..].starts_with(['.', ')'])
        && after_is_space(digits + 1)
    {
        return format!("{lead}{}\\{}", &rest[..digits], &rest[digits..]);
    }
    line.to_string()
}
