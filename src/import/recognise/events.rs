//! Placing what a plan schedules: activities and notes into their months, items that start
//! or end with a day into dated events of that day's month, the lines under a day label into
//! that day's events.

use chrono::Datelike;

use super::dates::{self, Unplaced};
use super::items::{is_note, plain_of, split_items};
use super::model::Draft;
use super::words::{fold, short};
use crate::date::YearMonth;
use crate::import::doc::Para;
use crate::parse::meta::EventMeta;

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
pub(super) fn dated(draft: &mut Draft, item: &str, at: usize, months: &[YearMonth]) -> bool {
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

/// A paragraph's activities: the item itself, or, for a paragraph that starts with a dash,
/// its text split at dashes.
pub(super) fn para_items(p: &Para) -> Vec<String> {
    let text = p.text.trim_start_matches('\\');
    if p.bullet.is_none() && text.starts_with(['-', '–', '•', '+']) {
        // "- Một việc.- Việc khác": a list run together in one paragraph.
        split_items(&p.text)
    } else {
        // An item, or a line of prose: its dashes ("Văn hóa – Xã hội") are words.
        vec![p.text.clone()]
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
pub(super) fn under_day(draft: &mut Draft, span: &dates::Span, events: &mut usize, p: &Para) {
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
        // "2. Chủ tịch UBND xã Nguyễn Văn Lưu:": who the next lines are for, not an event.
        if title.is_empty() || (title.ends_with(':') && title.chars().count() <= 80) {
            continue;
        }
        if details.is_empty() && dated(draft, &item, p.at, &[]) {
            *events += 1;
            continue;
        }
        // "08 giờ 00’: Thăm …": the time of this event of the day.
        let (time, title) = match dates::leading_time(&title) {
            Some((time, rest)) if !rest.is_empty() => (Some(time), rest),
            _ => (span.time.clone(), title),
        };
        let mut event = super::items::event(title, time);
        event.note = (!details.is_empty()).then(|| details.join("\n"));
        if add_event(draft, span, event, p.at) {
            *events += 1;
        }
    }
}

/// Places `event` on the days of `span`; false (and a problem) when it cannot be placed.
pub(super) fn add_event(
    draft: &mut Draft,
    span: &dates::Span,
    mut event: EventMeta,
    at: usize,
) -> bool {
    let mut calendar = draft.calendar;
    match dates::resolve(span, &mut calendar) {
        Ok(days) if !draft.calendar.plausible(days.start.year()) => {
            draft.problem(
                Some(at),
                format!(
                    "{} is far from the plan's year: “{}” is not made an event",
                    days.start,
                    short(&event.title)
                ),
                Some("if it is a date of the plan, correct its year in the document or in the month file"),
            );
            false
        }
        Ok(days) => {
            draft.calendar = calendar;
            event.date = crate::date::Date(days.start);
            event.end = days.end.map(crate::date::Date);
            let ym = event.date.month();
            if let Some(end) = event.end.filter(|e| e.month() != ym) {
                draft.found(
                    at,
                    format!(
                        "{} – {end}: a range that runs into {}",
                        event.date,
                        end.month()
                    ),
                );
            }
            draft.month(ym, at).events.push(event);
            draft.last_event = Some(ym);
            true
        }
        Err(Unplaced::NoYear) => {
            draft.problem(
                Some(at),
                format!(
                    "“{}” has a day but no year, and the plan's year is not known: left out",
                    short(&event.title)
                ),
                Some("write the year in the date, e.g. 17/09/2024"),
            );
            false
        }
        Err(Unplaced::NoSuchDay(d)) => {
            draft.problem(
                Some(at),
                format!(
                    "{d} is not a day of the calendar: “{}” left out of the events",
                    short(&event.title)
                ),
                None,
            );
            false
        }
        Err(Unplaced::Backwards(start, end)) => {
            draft.problem(Some(at), format!("the range {start} – {end} ends before it starts: “{}” is an event of its first day", short(&event.title)), Some("correct the dates in the document or in the month file"));
            event.date = crate::date::Date(start);
            draft.month(event.date.month(), at).events.push(event);
            true
        }
    }
}
