//! Activities and the Markdown around them: splitting a month's text into activities,
//! telling notes from activities, keeping an activity's first characters from being read
//! as Markdown.

use std::sync::LazyLock;

use regex::Regex;

use super::words::{fold, re};
use crate::import::doc::{Cell, Table};
use crate::parse::meta::EventMeta;

/// Splits a month's text into activities: on list markers at the start and on a dash followed
/// by a space, where the next word does not continue in lower case ("Kế hoạch.- Tổ chức",
/// "20/11 - Chỉ đạo"). A dash between words or numbers ("2022-2023", "covid-19",
/// "xanh- an toàn") does not split.
pub fn split_items(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let escaped_dash = c == '\\' && chars.get(i + 1) == Some(&'-');
        let marker_at = if escaped_dash { i + 1 } else { i };
        let marker = chars[marker_at];
        if matches!(marker, '-' | '–' | '•' | '+') && (c == marker || escaped_dash) {
            let mut j = marker_at + 1;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            let spaced = j > marker_at + 1;
            let next_lower = chars.get(j).is_some_and(|n| n.is_lowercase());
            let at_start = current.trim().is_empty();
            // "2023 - 2024": a range, not an item.
            let between_numbers = current.trim_end().ends_with(|p: char| p.is_ascii_digit())
                && chars.get(j).is_some_and(char::is_ascii_digit);
            let splits = spaced
                && if at_start {
                    true
                } else {
                    marker != '+' && !next_lower && !between_numbers && j < chars.len()
                };
            if splits {
                push_item(&mut items, &mut current);
                i = j;
                continue;
            }
        }
        current.push(c);
        i += 1;
    }
    push_item(&mut items, &mut current);
    items
}

fn push_item(items: &mut Vec<String>, current: &mut String) {
    let item = current.trim();
    if !item.is_empty() {
        items.push(item.to_string());
    }
    current.clear();
}

/// Makes the start of a line safe inside a list item: "1. x" would be a nested list.
pub fn guard_start(text: &str) -> String {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0
        && let Some(sep @ ('.' | ')')) = text[digits..].chars().next()
        && text[digits + 1..].starts_with([' ', '\t'])
    {
        return format!("{}\\{sep}{}", &text[..digits], &text[digits + 1..]);
    }
    if text.starts_with(['#', '>', '+', '=']) || text.starts_with("- ") || text.starts_with("* ") {
        return format!("\\{text}");
    }
    text.to_string()
}

/// Undoes the escape of a leading "1\." (a heading needs none).
pub(super) fn unguard(text: &str) -> String {
    let digits = text
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'.')
        .count();
    if text[digits..].starts_with("\\.") || text[digits..].starts_with("\\)") {
        format!("{}{}", &text[..digits], &text[digits + 1..])
    } else {
        text.to_string()
    }
}

/// A heading's text without the bold that wraps all of it (headings are bold already).
pub(super) fn unbold(text: &str) -> String {
    match text.strip_prefix("**").and_then(|t| t.strip_suffix("**")) {
        Some(inner) if !inner.contains("**") && !inner.is_empty() => inner.to_string(),
        _ => text.to_string(),
    }
}

/// Joins body blocks: list items of one list on consecutive lines, other blocks apart.
pub(super) fn join_blocks(blocks: &[String]) -> String {
    let mut out = String::new();
    let is_item = |s: &str| s.trim_start().starts_with("- ");
    for (i, b) in blocks.iter().enumerate() {
        if i > 0 {
            out.push_str(if is_item(b) && is_item(&blocks[i - 1]) {
                "\n"
            } else {
                "\n\n"
            });
        }
        out.push_str(b);
    }
    out
}

/// Words that open a note rather than an activity: remarks, holidays, days without work.
static NOTE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(?:\*\s*)?(?:ghi chu|luu y|chu y|nghi (?:tet|le|he|bu|giua ky|hoc ky)|nghi \d)")
});

/// Whether an item names a day off or a holiday: "Nghỉ Tết Nguyên đán", "Nghỉ giữa kỳ",
/// "NGHỈ", "Nghỉ lễ 30/4".
pub(super) fn is_holiday(text: &str) -> bool {
    let f = fold(text.trim_start_matches(['-', '+', '•', '–', ' ', '\\', '*']));
    f == "nghi" || f.starts_with("nghi ") || f.starts_with("nghi:")
}

/// A dated event of `title` (its day set when it is placed); a holiday when the title says
/// so.
pub(super) fn event(title: String, time: Option<String>) -> EventMeta {
    EventMeta {
        date: crate::date::Date(chrono::NaiveDate::MIN),
        end: None,
        holiday: is_holiday(&title),
        title,
        time,
        place: None,
        note: None,
    }
}

/// Whether an item of a month is a note, not an activity: "* Ghi chú: …", "Lưu ý …", "Nghỉ
/// Tết Nguyên đán", "… không tiếp công dân".
pub(super) fn is_note(text: &str) -> bool {
    let f = fold(text.trim_start_matches(['-', '+', '•', '–', ' ', '\\']));
    NOTE.is_match(&f) || f.contains("khong tiep cong dan")
}

/// The plain text of an item's Markdown inline text: escapes and emphasis marks removed.
pub(super) fn plain_of(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(&next) = chars.peek() {
                    if next == '\n' {
                        out.push(' ');
                    } else {
                        out.push(next);
                    }
                    chars.next();
                }
            }
            '*' => {}
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

/// A table as a Markdown table (the first row is its header).
pub(super) fn table_markdown(t: &Table) -> String {
    let cell_text = |c: &Cell| {
        c.paras
            .iter()
            .map(|p| {
                let t = p.text.replace("\\\n", "<br>").replace('\n', " ");
                if p.bullet.is_some() {
                    format!("• {t}")
                } else {
                    t
                }
            })
            .collect::<Vec<_>>()
            .join("<br>")
    };
    let mut out = String::new();
    for (r, row) in t.rows.iter().enumerate() {
        out.push('|');
        for c in row {
            out.push(' ');
            out.push_str(&cell_text(c));
            out.push_str(" |");
        }
        out.push('\n');
        if r == 0 {
            out.push('|');
            for _ in row {
                out.push_str(" --- |");
            }
            out.push('\n');
        }
    }
    out.trim_end().to_string()
}
