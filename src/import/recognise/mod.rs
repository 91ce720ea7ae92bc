//! The recogniser: finds the parts of a Vietnamese plan in a document's blocks and sorts them
//! into the content model — the plan's header, its sections, its months with activities,
//! dated events and notes, the closing, recipients and signature.
//!
//! Small detectors each know one thing and report where they found it:
//! - `parts`: the part headings ("I.", "ii)", "1/", Word headings, or none at all);
//! - `head`: issuer, number, motto, place and date, kind and subject, preamble;
//! - `months`: month labels ("Tháng 9:", "THÁNG 10 NĂM 2024") and which year a month is in;
//! - `dates`: days, ranges and times ("16/09 – 24/09/2024", "08 giờ 00 ngày 12/3/2025");
//! - `tables`: month tables and tables of dates;
//! - `body`: a part's text, with the months, dated items and notes inside it;
//! - `tail`: closing, "Nơi nhận" and signature.
//!
//! This module is the assembler: it runs them in document order and decides what goes where.
//! The result speaks the front-matter schema ([`crate::parse::meta`]): what import writes is
//! what `build` reads.

mod body;
mod calendar;
mod dates;
mod events;
mod head;
mod items;
mod lines;
mod model;
mod months;
mod normalise;
mod parts;
mod tables;
mod tail;
mod words;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_layouts;

pub use self::items::{guard_start, split_items};
use self::model::Draft;
pub use self::model::{MonthFile, Problem, Recognised, SectionFile};
pub use self::parts::is_numbered_start;
use super::doc::Block;
use crate::parse::meta::{PeriodMeta, PlanMeta, SignerMeta};

/// Recognises the plan in `blocks`. Never fails: what is not recognised stays as text, and
/// [`Recognised::problems`] says so.
pub fn recognise(blocks: &[Block]) -> Recognised {
    let blocks = &normalise::split_labelled_lines(blocks)[..];
    let mut draft = Draft::default();
    let layout = parts::find(blocks);
    let last = layout.parts.last().map_or(layout.body_start, |p| p.block);
    let tail = tail::start(blocks, last, layout.parts.is_empty());
    head::read(&mut draft, &blocks[..layout.body_start.min(tail)]);
    draft.calendar = months::calendar(&draft, blocks);
    let one_month = months::one_month(&draft);
    if let Some(ym) = one_month {
        draft.found(0, format!("a plan for one month: {ym}"));
    }
    if layout.parts.is_empty() && layout.body_start < tail {
        // No part headings: the text after the header is one section.
        draft.problem(
            None,
            "no numbered parts found (I., II., … or 1., 2., …): the text after the header is \
             one section",
            Some("split it into sections by hand if the plan has parts (docs/authoring-guide.md)"),
        );
        let ctx = body::Part {
            at: 0,
            number: String::new(),
            title: "Nội dung".to_string(),
            one_month,
        };
        body::section(&mut draft, &blocks[layout.body_start..tail], ctx);
    }
    for (n, part) in layout.parts.iter().enumerate() {
        let end = layout
            .parts
            .get(n + 1)
            .map_or(tail, |p| p.block)
            .max(part.block + 1);
        let at = words::block_at(&blocks[part.block]);
        let label = format!("section {} {}", part.number, part.title);
        draft.found(at, label.replace("  ", " ").trim().to_string());
        let ctx = body::Part {
            at,
            number: part.number.clone(),
            title: part.title.clone(),
            one_month,
        };
        body::section(
            &mut draft,
            &blocks[part.block + 1..end.min(blocks.len())],
            ctx,
        );
    }
    let tail = tail.min(blocks.len());
    if let Some(start) = tail::read(&mut draft, &blocks[tail..]) {
        appendix(&mut draft, &blocks[tail + start..], one_month);
    }
    one_timeline(&mut draft);
    report_months(&mut draft);
    draft.found.sort_by_key(|(at, _)| *at);
    finish(draft)
}

/// Text after the signature (an appendix, "PHỤ LỤC", a table attached to the plan) is kept
/// as a last section without a number, titled by its first line when that is a short
/// heading; its months are read like any section's.
fn appendix(draft: &mut Draft, blocks: &[Block], one_month: Option<crate::date::YearMonth>) {
    let Some(first) = blocks.first() else { return };
    let at = words::block_at(first);
    let heading = match first {
        Block::Para(p) => {
            let plain = words::nfc(p.plain.trim()).replace('\n', " ");
            let short = plain.chars().count() <= 120 && !plain.ends_with(['.', ';', ',']);
            (short && (words::is_upper(&plain) || p.bold || p.heading.is_some())).then_some(plain)
        }
        Block::Table(_) => None,
    };
    let (title, body) = match heading {
        Some(title) => (title, &blocks[1..]),
        None => ("Phụ lục".to_string(), blocks),
    };
    draft.found(
        at,
        format!("text after the signature kept as a section “{title}”"),
    );
    let part = body::Part {
        at,
        number: String::new(),
        title,
        one_month,
    };
    body::section(draft, body, part);
}

/// A plan shows its month table in one section: the first that held months keeps it, and
/// the report says where the others' months went.
fn one_timeline(draft: &mut Draft) {
    let mut holders = draft.sections.iter_mut().filter(|s| s.meta.timeline);
    let Some(first) = holders.next() else { return };
    let shown = first.meta.title.clone();
    let mut moved = Vec::new();
    for other in holders {
        other.meta.timeline = false;
        moved.push((other.at, other.meta.title.clone()));
    }
    for (at, title) in moved {
        draft.found(
            at,
            format!("the months of “{title}” are shown in the month table of “{shown}”"),
        );
    }
}

/// The month summary, and the warning when there are no months.
fn report_months(draft: &mut Draft) {
    if draft.months.is_empty() {
        draft.problem(
            None,
            "no months found: sections only, no timeline",
            Some(
                "months are recognised in a table with a month or date column (“Tháng 9”, \
                 “9/2024”, “05/9 – 09/9/2024”), in labels “Tháng 9: …”, in dated lines \
                 “17/09/2024: …”, or from a one-month plan's title; or write \
                 months/YYYY-MM.md by hand",
            ),
        );
        return;
    }
    let summary: Vec<String> = draft
        .months
        .iter()
        .map(|(ym, m)| {
            let mut s = format!("{ym}: {}", m.items.len());
            if !m.events.is_empty() {
                s.push_str(&format!("+{}e", m.events.len()));
            }
            if !m.notes.is_empty() {
                s.push_str(&format!("+{}n", m.notes.len()));
            }
            s
        })
        .collect();
    draft.found(
        0,
        format!("months (activities +events +notes): {}", summary.join(", ")),
    );
}

fn finish(d: Draft) -> Recognised {
    let period = match (d.months.keys().next(), d.months.keys().next_back()) {
        (Some(start), Some(end)) => Some(PeriodMeta {
            start: *start,
            end: *end,
        }),
        _ => None,
    };
    let title = match (&d.kind, &d.subject) {
        // A subject in sentence case goes on the kind's sentence: "Kế hoạch học tập và …".
        (Some(k), Some(s)) if !words::is_upper(s) => {
            let mut chars = s.chars();
            let first = chars.next().map(|c| c.to_lowercase().collect::<String>());
            format!(
                "{} {}{}",
                words::sentence_case(k),
                first.unwrap_or_default(),
                chars.as_str()
            )
        }
        (Some(k), Some(s)) => words::sentence_case(&format!("{k} {s}")),
        (Some(k), None) => words::sentence_case(k),
        (None, Some(s)) => words::sentence_case(s),
        (None, None) => "Kế hoạch".to_string(),
    };
    let signer = d.signer.name.clone().map(|name| SignerMeta {
        on_behalf: d.signer.on_behalf.clone(),
        title: d.signer.title.clone(),
        name,
    });
    let plan = PlanMeta {
        title,
        kind: d.kind,
        subject: d.subject,
        number: d.number,
        date: d.date.map(crate::date::Date),
        place: d.place,
        motto: (!d.motto.is_empty()).then(|| d.motto.join("\n")),
        issuer: d.issuer,
        period,
        signer,
        recipients: d.recipients,
        closing: d.closing,
        ..PlanMeta::default()
    };
    Recognised {
        plan,
        preamble: d.intro,
        sections: d.sections,
        months: d.months,
        found: d.found,
        problems: d.problems,
    }
}
