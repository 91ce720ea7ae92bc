//! The plain-text reader: text copied out of Word or a PDF (like the seed), or Markdown.
//!
//! Text extraction breaks lines where the page was narrow and pages where the paper ended;
//! this reader puts the paragraphs back together:
//! - a line that continues in lower case continues the line before (also across a blank line,
//!   which is where a PDF page ended);
//! - any other line inside a paragraph is a line break the author made (`\` at the end);
//! - `- `, `+ `, `• ` and `– ` start list items, `* ` is the "*" marker of Vietnamese
//!   documents (kept as a character, not made a list);
//! - lines with a tab after some text are rows of a table (the month table copied out of
//!   Word comes as `1/2023<TAB>…`); HTML tags in them are dropped (`<li>` starts an item).
//!
//! The text is otherwise taken as Markdown (the seed carries `**bold**` and `*italic*`), with
//! the characters plain text would have Markdown misread escaped (`<` before a letter in .txt,
//! `1.` at the start of a paragraph).

use std::path::Path;

use super::doc::{Block, Cell, Para, Table};
use crate::diagnostic::Diagnostic;

/// Decodes `bytes` (UTF-8, or UTF-16 with its byte-order mark, as Windows Notepad saves
/// "Unicode") and reads it into blocks. `markdown` is true for a .md file, whose `<` is HTML.
pub fn read(path: &Path, bytes: &[u8], markdown: bool) -> Result<Vec<Block>, Diagnostic> {
    let text = decode(path, bytes)?;
    Ok(blocks(&text, markdown))
}

fn decode(path: &Path, bytes: &[u8]) -> Result<String, Diagnostic> {
    let utf16 = |big: bool| {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| {
                let pair = [c[0], *c.get(1).unwrap_or(&0)];
                if big {
                    u16::from_be_bytes(pair)
                } else {
                    u16::from_le_bytes(pair)
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|_| {
            Diagnostic::error(path, "the file is not valid UTF-16 text")
                .hint("save it again as UTF-8 text (Notepad: Save As → Encoding: UTF-8)")
        })
    };
    let text = match bytes {
        [0xFF, 0xFE, ..] => utf16(false)?,
        [0xFE, 0xFF, ..] => utf16(true)?,
        _ => crate::source::decode_utf8(path, bytes).map_err(|d| {
            d.hint(
                "save the text as UTF-8 (Notepad: Save As → Encoding: UTF-8); text in an old \
                 Vietnamese encoding (TCVN3, VNI) must be converted to Unicode first, e.g. \
                 with UniKey's converter",
            )
        })?,
    };
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// A line as the reader classifies it.
enum Line<'a> {
    Blank,
    /// A table row: its cells.
    Row(Vec<&'a str>),
    /// A list item: level and text without the marker.
    Item(u8, &'a str),
    /// Any other text.
    Text(&'a str),
}

fn classify(line: &str) -> Line<'_> {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return Line::Blank;
    }
    let content = line.trim_start();
    if content.trim_end().contains('\t') {
        let cells: Vec<&str> = content.split('\t').map(str::trim).collect();
        if cells.iter().filter(|c| !c.is_empty()).count() >= 2 {
            return Line::Row(cells);
        }
    }
    for (marker, level) in [("- ", 0), ("• ", 0), ("– ", 0), ("+ ", 1), ("-\t", 0)] {
        if let Some(rest) = trimmed.strip_prefix(marker) {
            return Line::Item(level, rest.trim_start());
        }
    }
    Line::Text(trimmed)
}

/// Whether `line` starts a paragraph of its own even without a blank line before it: a
/// numbered heading ("1. …", "a) …", "II. …") or a month label.
fn starts_block(line: &str) -> bool {
    line.starts_with("* ") || line.starts_with("***") || super::recognise::is_numbered_start(line)
}

fn starts_lower(s: &str) -> bool {
    s.chars()
        .find(|c| !matches!(c, '"' | '“' | '(' | '\''))
        .is_some_and(char::is_lowercase)
}

fn blocks(text: &str, markdown: bool) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    // The paragraph being built, and whether a blank line came after it.
    let mut open: Option<Para> = None;
    let mut gap = false;
    let lines: Vec<&str> = text.lines().collect();
    let width = wrap_width(&lines);
    let mut i = 0;
    while i < lines.len() {
        let at = i + 1;
        match classify(lines[i]) {
            Line::Blank => gap = true,
            Line::Row(_) => {
                flush(&mut out, &mut open);
                let (table, next) = table(&lines, i, markdown);
                out.push(Block::Table(table));
                i = next;
                gap = true;
                continue;
            }
            Line::Item(level, rest) => {
                flush(&mut out, &mut open);
                let level = if level == 1
                    && !matches!(out.last(), Some(Block::Para(p)) if p.bullet.is_some())
                {
                    0
                } else {
                    level
                };
                open = Some(para(at, rest, Some(level), markdown));
                gap = false;
            }
            Line::Text(t) => {
                let continues = starts_lower(t) && !starts_block(t);
                if let Some(p) = open.as_mut() {
                    // A heading ("2. Yêu cầu") is a paragraph of its own line.
                    let after_heading =
                        !p.plain.contains('\n') && super::recognise::is_numbered_start(&p.plain);
                    if continues {
                        join(p, t, " ", markdown);
                    } else if !gap && !starts_block(t) && !after_heading {
                        let sep = if i > 0 && wrapped(lines[i - 1], width) {
                            " "
                        } else {
                            "\\\n"
                        };
                        join(p, t, sep, markdown);
                    } else {
                        flush(&mut out, &mut open);
                        open = Some(para(at, t, None, markdown));
                    }
                } else if let Some(Block::Para(p)) = out.last_mut().filter(|_| continues) {
                    // A paragraph cut by a page break: back into the last one.
                    join(p, t, " ", markdown);
                } else {
                    open = Some(para(at, t, None, markdown));
                }
                gap = false;
            }
        }
        if gap {
            flush(&mut out, &mut open);
        }
        i += 1;
    }
    flush(&mut out, &mut open);
    out
}

/// The width the text was wrapped at when it was extracted, if it was: the typical length of
/// a line that the next line continues in lower case (at least five such lines).
fn wrap_width(lines: &[&str]) -> Option<usize> {
    let mut lengths: Vec<usize> = lines
        .windows(2)
        .filter(|w| {
            matches!(classify(w[1]), Line::Text(t) if starts_lower(t))
                && !matches!(classify(w[0]), Line::Blank | Line::Row(_))
        })
        .map(|w| w[0].trim().chars().count())
        .collect();
    if lengths.len() < 5 {
        return None;
    }
    lengths.sort_unstable();
    Some(lengths[lengths.len() / 2])
}

/// Whether `line` was cut by the extraction's wrapping rather than ended by the author: it
/// is about as long as the wrap width and does not end a sentence.
fn wrapped(line: &str, width: Option<usize>) -> bool {
    let line = line.trim();
    let Some(width) = width else { return false };
    line.chars().count() * 10 >= width * 9 && !line.ends_with(['.', ':', '!', '?', '*'])
}

fn flush(out: &mut Vec<Block>, open: &mut Option<Para>) {
    if let Some(mut p) = open.take() {
        p.bold = p.bullet.is_none() && is_bold(&p.text);
        out.push(Block::Para(p));
    }
}

fn join(p: &mut Para, line: &str, sep: &str, markdown: bool) {
    p.text.push_str(sep);
    if sep == " " || markdown {
        p.text.push_str(&inline(line, markdown));
    } else {
        // After a line break the line starts a Markdown line: "# …" or "1. …" must stay text.
        p.text.push_str(&start_escaped(line).0);
    }
    p.plain.push_str(if sep == " " { " " } else { "\n" });
    p.plain.push_str(&plain(line));
}

fn para(at: usize, line: &str, bullet: Option<u8>, markdown: bool) -> Para {
    let (text, plain_text) = if bullet.is_none() && !markdown {
        start_escaped(line)
    } else {
        (inline(line, markdown), plain(line))
    };
    let heading = markdown
        .then(|| {
            let hashes = line.bytes().take_while(|&b| b == b'#').count();
            (hashes > 0 && hashes <= 6 && line[hashes..].starts_with(' ')).then_some(hashes as u8)
        })
        .flatten();
    let (text, plain_text) = match heading {
        Some(n) => {
            let rest = line[n as usize..].trim();
            (inline(rest, markdown), plain(rest))
        }
        None => (text, plain_text),
    };
    Para {
        at,
        bold: false,
        text,
        plain: plain_text,
        bullet,
        heading,
    }
}

/// The start of a plain-text paragraph made safe for Markdown: a leading `* ` (with `***x**`,
/// the marker followed by bold text) is the marker character, a leading `1.` is wording.
fn start_escaped(line: &str) -> (String, String) {
    if let Some(rest) = line.strip_prefix("***").filter(|r| !r.starts_with('*')) {
        let rest = rest.trim_start();
        return (
            format!("\\* **{}", inline(rest, false)),
            format!("* {}", plain(rest)),
        );
    }
    if let Some(rest) = line.strip_prefix("* ") {
        return (
            format!("\\* {}", inline(rest.trim_start(), false)),
            format!("* {}", plain(rest.trim_start())),
        );
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits <= 9 {
        let rest = &line[digits..];
        if let Some(r) = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')'))
            && (r.is_empty() || r.starts_with(' '))
        {
            let sep = &rest[..1];
            return (
                format!("{}\\{sep}{}", &line[..digits], inline(r, false)),
                plain(line),
            );
        }
    }
    for marker in ["#", "+", ">", "="] {
        if line.starts_with(marker) {
            return (format!("\\{}", inline(line, false)), plain(line));
        }
    }
    (inline(line, false), plain(line))
}

/// Inline Markdown from a line of text: emphasis kept; in plain text (not .md) a `<` that
/// would open an HTML tag is escaped, since the author meant the character.
fn inline(line: &str, markdown: bool) -> String {
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
fn plain(line: &str) -> String {
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

/// Whether the whole line is one bold span (`**…**`).
fn is_bold(line: &str) -> bool {
    let l = line.trim();
    l.len() > 4 && l.starts_with("**") && l.ends_with("**") && !l[2..l.len() - 2].contains("**")
}

/// Reads the table starting at line `start`: rows of tab-separated cells, blank lines
/// between rows allowed. Returns it and the index of the first line after it.
fn table(lines: &[&str], start: usize, markdown: bool) -> (Table, usize) {
    let mut rows = Vec::new();
    let mut i = start;
    let mut end = start;
    while i < lines.len() {
        match classify(lines[i]) {
            Line::Row(cells) => {
                rows.push(
                    cells
                        .iter()
                        .map(|c| cell(i + 1, c, markdown))
                        .collect::<Vec<_>>(),
                );
                end = i + 1;
            }
            Line::Blank => {}
            _ => break,
        }
        i += 1;
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for row in &mut rows {
        row.resize_with(width, Cell::default);
    }
    (
        Table {
            at: start + 1,
            rows,
        },
        end,
    )
}

/// One cell of a text table: HTML tags dropped (`<li>` and `<br>` start a new paragraph),
/// the common entities decoded.
fn cell(at: usize, raw: &str, markdown: bool) -> Cell {
    let mut parts: Vec<String> = vec![String::new()];
    let mut rest = raw;
    while let Some(open) = rest.find('<') {
        let (before, tag) = rest.split_at(open);
        if let Some(last) = parts.last_mut() {
            last.push_str(before);
        }
        match tag.find('>') {
            Some(close) => {
                let name = tag[1..close]
                    .trim_start_matches('/')
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                if matches!(name.as_str(), "li" | "br" | "p" | "div" | "tr") {
                    parts.push(String::new());
                } else if !matches!(
                    name.as_str(),
                    "ul" | "ol" | "span" | "b" | "i" | "strong" | "em" | "u" | "font" | "td"
                ) {
                    // Not a tag we know: keep the text as it was.
                    if let Some(last) = parts.last_mut() {
                        last.push_str(&tag[..=close]);
                    }
                }
                rest = &tag[close + 1..];
            }
            None => {
                if let Some(last) = parts.last_mut() {
                    last.push_str(tag);
                }
                rest = "";
            }
        }
    }
    if let Some(last) = parts.last_mut() {
        last.push_str(rest);
    }
    let paras = parts
        .iter()
        .map(|p| entities(p.trim()))
        .filter(|p| !p.is_empty())
        .map(|p| Para {
            at,
            text: inline(&p, markdown).replace('|', "\\|"),
            plain: plain(&p),
            ..Para::default()
        })
        .collect();
    Cell {
        paras,
        merged: false,
    }
}

fn entities(s: &str) -> String {
    s.replace("&nbsp;", "\u{a0}")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn paras(text: &str) -> Vec<(usize, String, Option<u8>)> {
        blocks(text, false)
            .into_iter()
            .filter_map(|b| match b {
                Block::Para(p) => Some((p.at, p.text, p.bullet)),
                Block::Table(_) => None,
            })
            .collect()
    }

    #[test]
    fn lines_continuing_in_lower_case_are_joined() {
        let got = paras("- Tiếp tục thực hiện\nbằng cách cử đi học.\n\nđảng viên không được.\n");
        assert_eq!(
            got,
            [(
                1,
                "Tiếp tục thực hiện bằng cách cử đi học. đảng viên không được.".to_string(),
                Some(0)
            )]
        );
    }

    #[test]
    fn other_lines_are_line_breaks_and_items_start_anew() {
        let got = paras("- Tổng số là 21.\nTrong đó: 19 đ/c.\n- Chi bộ: tốt\n+ chi tiết\n");
        assert_eq!(got[0].1, "Tổng số là 21.\\\nTrong đó: 19 đ/c.");
        assert_eq!(got[1], (3, "Chi bộ: tốt".to_string(), Some(0)));
        assert_eq!(got[2], (4, "chi tiết".to_string(), Some(1)));
    }

    #[test]
    fn stars_and_numbers_at_the_start_are_wording() {
        let got = paras("* Đối với trẻ: 2%\n\n*** Công tác đảng.**\n\n1. Tiếp tục\n\n2) Hai\n");
        assert_eq!(got[0].1, "\\* Đối với trẻ: 2%");
        assert_eq!(got[1].1, "\\* **Công tác đảng.**");
        assert_eq!(got[2].1, "1\\. Tiếp tục");
        assert_eq!(got[3].1, "2\\) Hai");
    }

    #[test]
    fn a_star_line_starts_a_paragraph_and_broken_lines_stay_text() {
        let got = paras("- Chi bộ: Đạt.\n* Kết quả phát triển.\n\nTọa đàm.\n# Sinh hoạt chi bộ.\n");
        assert_eq!(got[0].1, "Chi bộ: Đạt.");
        assert_eq!(got[1].1, "\\* Kết quả phát triển.");
        assert_eq!(got[2].1, "Tọa đàm.\\\n\\# Sinh hoạt chi bộ.");
    }

    #[test]
    fn a_numbered_line_starts_a_paragraph_without_a_blank_line() {
        let got = paras("Mở đầu\n2. Tình hình\n");
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn tab_rows_make_a_table_with_tags_dropped() {
        let text = "V- CÔNG TÁC THÁNG\n\nTháng\tNội dung\n1/2023\t<ul style=\"x\">- Một.- Hai &amp; ba</ul>\n\n2/2023\t<li>Bốn</li><li>Năm | sáu</li>\nVI- TỔ CHỨC\n";
        let b = blocks(text, false);
        let Block::Table(t) = &b[1] else {
            panic!("no table: {b:?}")
        };
        assert_eq!(t.at, 3);
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[1][1].plain(), "- Một.- Hai & ba");
        assert_eq!(t.rows[2][1].paras[1].text, "Năm \\| sáu");
        assert_eq!(t.rows[2][1].paras[1].at, 6);
        assert!(matches!(&b[2], Block::Para(p) if p.at == 7));
    }

    #[test]
    fn html_in_plain_text_is_text() {
        assert_eq!(paras("Trẻ <5 tuổi và <b>")[0].1, "Trẻ <5 tuổi và \\<b>");
    }

    #[test]
    fn utf16_with_a_bom_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Số: 1\n".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let b = read(Path::new("a.txt"), &bytes, false).unwrap();
        assert!(matches!(&b[0], Block::Para(p) if p.plain == "Số: 1"));
    }

    #[test]
    fn invalid_utf8_is_an_error_with_a_hint() {
        let err = read(Path::new("a.txt"), b"ok\n\xff\n", false).unwrap_err();
        assert!(err.hint.unwrap_or_default().contains("UTF-8"));
    }
}
