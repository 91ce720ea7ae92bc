//! A part's text: its sub-headings, paragraphs and lists become the section's body; month
//! labels with what follows them, month tables and tables of dates become the months; in a
//! one-month plan the activities of the parts that plan the month are that month's; a line
//! that starts with a day ("17/09/2024: …") is also a dated event.

use super::dates;
use super::events::{add_items, dated, para_items, under_day};
use super::items::{join_blocks, plain_of, split_items, unbold, unguard};
use super::model::{Draft, SectionFile};
use super::months::{month_line, resolve_label};
use super::parts::subheading_depth;
use super::tables;
use super::words::{fold, nfc};

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
    let listed = blocks
        .iter()
        .filter(|b| matches!(b, Block::Para(p) if p.bullet.is_some()))
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
        // The text stays in the section; the month's page lists it too. A part that lists
        // its activities as items has its other paragraphs as themes, labels and remarks.
        if let Some(ym) = plans_month {
            if p.bullet.is_some() || listed < 2 || super::items::is_note(&plain_of(&p.text)) {
                add_items(draft, &[ym], &para_items(p), p.at);
            }
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
