//! A part's text: its sub-headings, paragraphs and lists become the section's body; month
//! labels with what follows them, month tables and tables of dates become the months; in a
//! one-month plan the activities of the parts that plan the month are that month's; a line
//! that starts with a day ("17/09/2024: …") is also a dated event.

use super::dates;
use super::items::{is_note, join_blocks, plain_of, split_items, unbold, unguard};
use super::months::{month_line, resolve_label};
use super::parts::subheading_depth;
use super::tables::{self, add_event};
use super::words::{fold, nfc};
use super::{Draft, SectionFile};
use chrono::Datelike;

use crate::date::YearMonth;
use crate::import::doc::{Block, Para};
use crate::parse::meta::SectionMeta;

/// The part being read.
pub(super) struct Part {
    /// Where its heading is.
    pub at: usize,
    /// Its number label ("" for none).
    pub number: String,
    /// Its title.
    pub title: String,
    /// The month of a one-month plan.
    pub one_month: Option<YearMonth>,
}

/// Whether a part reviews what was done rather than plans what is to come: its title names
/// another month than the plan's, or speaks of results, reviews, aims or organisation.
fn reviews(title: &str, one_month: Option<YearMonth>) -> bool {
    let f = fold(title);
    let named: Vec<u32> = month_numbers(&f);
    if let Some(ym) = one_month
        && !named.is_empty()
    {
        return !named.contains(&ym.month);
    }
    const REVIEW: [&str; 16] = [
        "danh gia",
        "ket qua",
        "nhan xet",
        "so ket",
        "tong ket",
        "tinh hinh",
        "dac diem",
        "muc dich",
        "yeu cau",
        "to chuc thuc hien",
        "kien nghi",
        "de xuat",
        "uu diem",
        "ton tai",
        "han che",
        "can cu",
    ];
    REVIEW.iter().any(|w| f.contains(w))
}

/// The months a folded title names ("thang 9", "thang 10/2024").
fn month_numbers(folded: &str) -> Vec<u32> {
    folded
        .match_indices("thang ")
        .filter_map(|(i, w)| {
            let digits: String = folded[i + w.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse().ok().filter(|m| (1..=12).contains(m))
        })
        .collect()
}

/// Adds a month's items: notes to its notes, items that start with a day to the events of
/// that day's month, the rest to each of `months` as activities.
pub(super) fn add_items(draft: &mut Draft, months: &[YearMonth], items: &[String], at: usize) {
    for item in items {
        if is_note(&plain_of(item)) {
            for ym in months {
                draft.month(*ym, at).notes.push(item.clone());
            }
        } else if !dated(draft, item, at, months) {
            for ym in months {
                draft.month(*ym, at).items.push(item.clone());
            }
        }
    }
}

/// When `item` starts with a day, or ends with one in brackets, adds it as a dated event and
/// says true; not when it is written under `months` and its day is in none of them.
fn dated(draft: &mut Draft, item: &str, at: usize, months: &[YearMonth]) -> bool {
    let plain = plain_of(item);
    let Some((span, rest)) = dates::leading(&plain).or_else(|| dates::trailing(&plain)) else {
        return false;
    };
    // Under a month, a day of another month is more likely a slip than the item's day: the
    // item stays an activity of the month it is written under.
    let elsewhere = !months.is_empty()
        && dates::resolve(&span, &mut draft.calendar.clone()).is_ok_and(|d| {
            !months
                .iter()
                .any(|ym| ym.year == d.start.year() && ym.month == d.start.month())
        });
    if rest.is_empty() || elsewhere {
        return false;
    }
    let event = super::items::event(rest, span.time.clone());
    add_event(draft, &span, event, at)
}

fn heading_depth(p: &Para, plain: &str, seen_number: bool) -> Option<usize> {
    if p.bullet.is_some() {
        return None;
    }
    if let Some(h) = p.heading
        && h >= 2
    {
        return Some((h as usize - 1).min(4));
    }
    match subheading_depth(plain)? {
        0 => Some(if seen_number { 2 } else { 1 }),
        d => Some(d.min(4)),
    }
}

/// The Markdown of a month line's rest: the text after the label, found in the paragraph's
/// Markdown by its plain text (falls back to the plain text).
fn rest_of(text: &str, rest: &str) -> String {
    if rest.is_empty() {
        return String::new();
    }
    let head: String = rest.chars().take(12).collect();
    let found = match text.find(&head) {
        Some(i) => text[i..].to_string(),
        None => rest.to_string(),
    };
    // The label's opening "**" was cut off with it: drop the closing one.
    if found.matches("**").count() % 2 == 1
        && let Some(stripped) = found.trim_end().strip_suffix("**")
    {
        return stripped.to_string();
    }
    found
}

/// A month label on a line of its own that cannot be prose: "THÁNG 9/2022:", a bold or
/// heading "Tháng 10", "THÁNG 10 NĂM 2024".
fn lone_label(p: &Para, plain: &str, rest: &str) -> bool {
    rest.is_empty()
        && (plain.ends_with(':') || super::words::is_upper(plain) || p.bold || p.heading.is_some())
}

/// A paragraph's activities: the item itself, or its text split at dashes.
fn para_items(p: &Para) -> Vec<String> {
    if p.bullet.is_some() {
        vec![p.text.clone()]
    } else {
        split_items(&p.text)
    }
}

/// The blocks with typed list markers made list items, and each paragraph whose later lines
/// start with a month or a day cut into
/// one paragraph per line (text copied from a page keeps "THỨ HAI (09/02/2026):" and the
/// lines under it in one paragraph with line breaks).
pub(super) fn split_labelled_lines(blocks: &[Block]) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        let Block::Para(p) = block else {
            out.push(block.clone());
            continue;
        };
        let p = &typed_bullet(p);
        let plains: Vec<&str> = p.plain.split('\n').collect();
        let texts: Vec<&str> = p.text.split("\\\n").collect();
        let labelled = plains.len() == texts.len()
            && plains.iter().skip(1).any(|l| {
                let l = nfc(l.trim());
                month_line(&l).is_some() || dates::leading(&l).is_some()
            });
        if !labelled {
            out.push(Block::Para(p.clone()));
            continue;
        }
        for (k, (plain, text)) in plains.iter().zip(texts).enumerate() {
            out.push(Block::Para(Para {
                at: p.at + k,
                text: text.trim().to_string(),
                plain: plain.trim().to_string(),
                bullet: if k == 0 { p.bullet } else { None },
                bold: p.bold,
                heading: if k == 0 { p.heading } else { None },
            }));
        }
    }
    out
}

/// A paragraph that starts with a typed "- ", "+ " or "• " (Word users type their lists) is a
/// list item, as it is in a text file.
fn typed_bullet(p: &Para) -> Para {
    if p.bullet.is_some() || p.heading.is_some() {
        return p.clone();
    }
    let marker = ["- ", "+ ", "• ", "– "]
        .into_iter()
        .find(|m| p.plain.starts_with(m));
    let Some(marker) = marker else {
        return p.clone();
    };
    let text = p.text.trim_start();
    let text = text
        .strip_prefix('\\')
        .unwrap_or(text)
        .strip_prefix(marker.trim_end())
        .map(str::trim_start);
    match text {
        Some(text) => Para {
            text: text.to_string(),
            plain: p.plain[marker.len()..].trim_start().to_string(),
            bullet: Some(0),
            ..p.clone()
        },
        None => p.clone(),
    }
}

/// What the lines under a day label say besides the activity itself.
const DETAILS: [&str; 6] = [
    "thanh phan",
    "thoi gian",
    "dia diem",
    "chuan bi",
    "luu y",
    "lanh dao van phong",
];

/// A paragraph under a day label: a list item or paragraph is an event of that day; a line
/// of details ("Thành phần: …", "Địa điểm: …") is the note of the event before it.
fn under_day(draft: &mut Draft, span: &dates::Span, events: &mut usize, p: &Para) {
    let text = plain_of(&p.text);
    let f = fold(&text);
    if *events > 0 && DETAILS.iter().any(|d| f.starts_with(d)) {
        if let Some(last) = draft
            .last_event
            .and_then(|ym| draft.months.get_mut(&ym))
            .and_then(|m| m.events.last_mut())
        {
            last.note = Some(match last.note.take() {
                Some(n) => format!("{n}\n{text}"),
                None => text,
            });
        }
        return;
    }
    for item in para_items(p) {
        // Lines of details under the item ("Thành phần: …") are its note.
        let (mut lines, mut details) = (Vec::new(), Vec::new());
        let parts = item.split("\\\n").map(plain_of).filter(|l| !l.is_empty());
        for (k, line) in parts.enumerate() {
            if k > 0 && DETAILS.iter().any(|d| fold(&line).starts_with(d)) {
                details.push(line);
            } else {
                lines.push(line);
            }
        }
        let title = lines.join(" ");
        if title.is_empty() {
            continue;
        }
        if details.is_empty() && dated(draft, &item, p.at, &[]) {
            *events += 1;
            continue;
        }
        let mut event = super::items::event(title, span.time.clone());
        event.note = (!details.is_empty()).then(|| details.join("\n"));
        if add_event(draft, span, event, p.at) {
            *events += 1;
        }
    }
}

/// Reads one part into a section (and the months it holds).
pub(super) fn section(draft: &mut Draft, blocks: &[Block], part: Part) {
    let review = reviews(&part.title, part.one_month);
    let plans_month = part.one_month.filter(|_| !review);
    let mut body: Vec<String> = Vec::new();
    let mut timeline = false;
    let mut seen_number_heading = false;
    let month_labels = blocks
        .iter()
        .filter(|b| matches!(b, Block::Para(p) if month_line(&nfc(&p.plain)).is_some()))
        .count();
    let mut current: Vec<YearMonth> = Vec::new();
    // A day label ("THỨ HAI, NGÀY 27/5:") and the events read under it.
    let mut day: Option<(dates::Span, usize)> = None;
    for block in blocks {
        let p = match block {
            Block::Table(t) => {
                match tables::read(draft, t, &mut body) {
                    tables::Read::Timeline => timeline = true,
                    tables::Read::Text(md) => body.push(md),
                }
                current.clear();
                continue;
            }
            Block::Para(p) => p,
        };
        let plain = nfc(p.plain.trim());
        if p.bullet.is_none()
            && let Some((span, rest)) = dates::leading(&plain)
            && rest.is_empty()
            && span.end.is_none()
        {
            day = Some((span, 0));
            current.clear();
            body.push(p.text.clone());
            continue;
        }
        if let Some((span, events)) = &mut day {
            if p.heading.is_some() || month_line(&plain).is_some() {
                day = None;
            } else {
                body.push(p.text.clone());
                under_day(draft, span, events, p);
                continue;
            }
        }
        if let Some((months, y, rest)) = month_line(&plain)
            && (month_labels >= 2 || lone_label(p, &plain, &rest))
        {
            timeline = true;
            current = resolve_label(draft, &months, y, p.at);
            let items = split_items(&rest_of(&p.text, &rest));
            add_items(draft, &current, &items, p.at);
            continue;
        }
        let heading = heading_depth(p, &plain, seen_number_heading)
            // Under a month label, "1. …" and "a) …" are its activities.
            .filter(|_| current.is_empty() || p.heading.is_some());
        if let Some(depth) = heading {
            current.clear();
            if plain.starts_with(|c: char| c.is_ascii_digit()) {
                seen_number_heading = true;
            }
            body.push(format!(
                "{} {}",
                "#".repeat(depth),
                unbold(&unguard(&p.text))
            ));
            continue;
        }
        if !current.is_empty() {
            add_items(draft, &current.clone(), &para_items(p), p.at);
            continue;
        }
        body.push(match p.bullet {
            Some(level) => {
                let indent = "  ".repeat(level as usize);
                let text =
                    super::items::guard_start(&p.text).replace("\\\n", &format!("\\\n{indent}  "));
                format!("{indent}- {text}")
            }
            None => p.text.clone(),
        });
        // The text stays in the section; the month's page lists it too.
        if let Some(ym) = plans_month {
            add_items(draft, &[ym], &para_items(p), p.at);
        } else if !review {
            // A line of prose with dates in brackets is a title or a reference, not an item:
            // only list items and lines that start with a day.
            for item in para_items(p) {
                if p.bullet.is_some() || dates::leading(&plain_of(&item)).is_some() {
                    dated(draft, &item, p.at, &[]);
                }
            }
        }
    }
    draft.sections.push(SectionFile {
        at: part.at,
        meta: SectionMeta {
            title: part.title,
            number: (!part.number.is_empty()).then_some(part.number),
            timeline,
            ..SectionMeta::default()
        },
        body: join_blocks(&body),
    });
}
