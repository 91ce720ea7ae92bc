//! Months: labels that name one or several ("Tháng 9", "THÁNG 10 NĂM 2024", "9/2024", "T9",
//! "Tháng 7-8"), and the [`Calendar`] that says which year a month written without one is in.

use std::sync::LazyLock;

use chrono::Datelike;
use regex::Regex;

use super::calendar::{Base, Calendar};
use super::model::Draft;
use super::words::{nfc, re};
use crate::date::YearMonth;
use crate::import::doc::Block;

/// A month label cell of a table: "Tháng 1/2023", "1/2023", "THÁNG 9", "T9", "09", "Tháng 7-8".
static MONTH_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:tháng\s*|t\.?\s*)?(\d{1,2}(?:\s*(?:,|\+|-|–|và|&)\s*\d{1,2})*)(?:\s*(?:[/.\-]|\s+năm\s+)\s*(\d{4}))?\s*[:.]?$",
    )
});
/// A month label starting a line: "Tháng 9: …", "2/. Tháng 02/2024: …", "- THÁNG 10 NĂM 2024",
/// "1/2024 …".
static MONTH_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:[-+•*]\s*|\d{1,2}\s*[./)]\.?\s+|[a-zđ]\)\s*)?(?:(?:Tháng|THÁNG|T)\s*(\d{1,2}(?:\s*(?:,|\+|-|–|và|&)\s*\d{1,2})*)(?:\s*(?:[/.\-]|\s+(?i:năm)\s+)\s*(\d{4}))?\s*(?:[:.\-–]\s*|$)|(\d{1,2})\s*/\s*(\d{4})(?:\s*[:.\-–]\s*|\s+|$))(.*)$",
    )
});
/// "Tháng" and a month in words, at the start of a label.
static MONTH_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(\W*(?:\d{1,2}\s*[./)]\.?\s+)?tháng\s+)(giêng|mười\s+một|mười\s+hai|mười|chạp|hai|ba|tư|năm|sáu|bảy|tám|chín)(\s*(?:[:.\-–]|$))",
    )
});
static SCHOOL_YEAR: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)năm\s+học:?\s*(\d{4})\s*[-–—/]\s*(\d{4})"));
static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bnăm\s+(\d{4})\b"));
/// "tháng 10", "THÁNG 11/2024", "tháng 11 năm 2024" in a title.
static TITLE_MONTH: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\btháng\s+(\d{1,2})(?:\s*(?:[/.\-]|\s+năm\s+)\s*(\d{4}))?"));
static FULL_DATE: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\b"));

#[cfg(test)]
pub(super) fn patterns() -> Vec<&'static Regex> {
    vec![
        &MONTH_LABEL,
        &MONTH_LINE,
        &MONTH_WORD,
        &SCHOOL_YEAR,
        &YEAR,
        &TITLE_MONTH,
        &FULL_DATE,
    ]
}

/// The months of a label's month part: "9" → [9]; "11, 12" and "1 + 2" → each; "7-8" and
/// "11–1" → the range (wrapping over the new year). None when a number is not a month.
pub(super) fn months_of(span: &str) -> Option<Vec<u32>> {
    let mut months: Vec<u32> = Vec::new();
    let mut range = false;
    let mut number = String::new();
    let mut flush = |number: &mut String, range: &mut bool| -> Option<()> {
        let m: u32 = number.parse().ok()?;
        if !(1..=12).contains(&m) {
            return None;
        }
        match months.last().copied() {
            Some(from) if *range => {
                let mut next = from % 12 + 1;
                while next != m % 12 + 1 && months.len() < 12 {
                    months.push(next);
                    next = next % 12 + 1;
                }
            }
            _ => months.push(m),
        }
        number.clear();
        *range = false;
        Some(())
    };
    for ch in span.chars() {
        if ch.is_ascii_digit() {
            number.push(ch);
        } else if !number.is_empty() {
            flush(&mut number, &mut range)?;
        }
        if ch == '-' || ch == '–' {
            range = true;
        }
    }
    if !number.is_empty() {
        flush(&mut number, &mut range)?;
    }
    months.dedup();
    (!months.is_empty()).then_some(months)
}

/// A month label cell ("Tháng 1/2023", "1/2023", "Tháng 9", "Tháng 7-8"): its months and the
/// year if written.
pub(super) fn month_label(cell: &str) -> Option<(Vec<u32>, Option<i32>)> {
    let cell = in_figures(cell.trim());
    let c = MONTH_LABEL.captures(&cell)?;
    let months = months_of(c.get(1)?.as_str())?;
    let year = c.get(2).and_then(|y| y.as_str().parse().ok());
    Some((months, year))
}

/// A month line ("Tháng 1/2023: - …"): months, year if written, the rest of the line.
pub(super) fn month_line(line: &str) -> Option<(Vec<u32>, Option<i32>, String)> {
    let line = in_figures(line.trim());
    let c = MONTH_LINE.captures(&line)?;
    let (m, y) = match c.get(1) {
        Some(m) => (m, c.get(2)),
        None => (c.get(3)?, c.get(4)),
    };
    let months = months_of(m.as_str())?;
    let year = y.and_then(|y| y.as_str().parse().ok());
    let rest = c.get(5).map_or("", |r| r.as_str()).trim().to_string();
    Some((months, year, rest))
}

/// Whether a line starts with a month label (for the text reader's paragraph starts).
pub(super) fn starts_month_line(line: &str) -> bool {
    MONTH_LINE.is_match(&in_figures(line))
}

/// A month named in words in a label, "Tháng Ba:", "THÁNG MƯỜI MỘT", "Tháng Giêng", written
/// in figures ("Tháng 3:") for the patterns; the word must end the label (": …" or the end of
/// the line), so "tháng hai lần" stays words.
fn in_figures(line: &str) -> std::borrow::Cow<'_, str> {
    MONTH_WORD.replace(line, |c: &regex::Captures<'_>| {
        let word = super::words::fold(&c[2]);
        let n = match word
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .as_str()
        {
            "gieng" => 1,
            "hai" => 2,
            "ba" => 3,
            "tu" => 4,
            "nam" => 5,
            "sau" => 6,
            "bay" => 7,
            "tam" => 8,
            "chin" => 9,
            "muoi" => 10,
            "muoi mot" => 11,
            "muoi hai" | "chap" => 12,
            _ => return c[0].to_string(),
        };
        format!("{}{n}{}", &c[1], &c[3])
    })
}

/// The calendar of the plan `draft` holds the header of, with `blocks` its whole text.
pub(super) fn calendar(draft: &Draft, blocks: &[Block]) -> Calendar {
    let subject = nfc(draft.subject.as_deref().unwrap_or(""));
    let number = |c: &regex::Captures<'_>, i| c.get(i).and_then(|m| m.as_str().parse().ok());
    let base = if let Some(y) = SCHOOL_YEAR.captures(&subject).and_then(|c| number(&c, 1)) {
        Base::School(y)
    } else if let Some(y) = YEAR.captures(&subject).and_then(|c| number(&c, 1)) {
        Base::Year(y)
    } else if let Some(y) = TITLE_MONTH.captures(&subject).and_then(|c| number(&c, 2)) {
        Base::Year(y)
    } else if let Some(d) = draft.date {
        match one_month(draft) {
            Some(ym) => Base::Year(ym.year),
            None => Base::Year(d.year()),
        }
    } else {
        from_text(blocks)
    };
    Calendar::new(base)
}

/// A school year, else the year of the first full date, in the text.
fn from_text(blocks: &[Block]) -> Base {
    let texts = blocks.iter().filter_map(|b| match b {
        Block::Para(p) => Some(nfc(&p.plain)),
        Block::Table(_) => None,
    });
    let mut first_date = None;
    for t in texts {
        if let Some(y) = SCHOOL_YEAR
            .captures(&t)
            .and_then(|c| c.get(1)?.as_str().parse().ok())
        {
            return Base::School(y);
        }
        if first_date.is_none() {
            first_date = FULL_DATE
                .captures(&t)
                .and_then(|c| c.get(3)?.as_str().parse().ok());
        }
    }
    first_date.map_or(Base::Unknown, Base::Year)
}

/// The month of a one-month plan: its title names one month ("KẾ HOẠCH CÔNG TÁC THÁNG
/// 11/2024", "Kế hoạch … tháng 10"); the year from the title (a year, or a school year:
/// months 8–12 in its first year), else the plan's date (a plan for January dated in
/// December is for the next year).
pub(super) fn one_month(draft: &Draft) -> Option<YearMonth> {
    let subject = nfc(draft.subject.as_deref()?);
    // Every month the title names must be the same one ("… THÁNG 10 … THÁNG 10/2019").
    let named: Vec<(u32, Option<i32>)> = TITLE_MONTH
        .captures_iter(&subject)
        .filter_map(|c| {
            let m = c.get(1)?.as_str().parse().ok()?;
            Some((m, c.get(2).and_then(|y| y.as_str().parse().ok())))
        })
        .collect();
    let month = named.first()?.0;
    if !(1..=12).contains(&month) || named.iter().any(|(m, _)| *m != month) {
        return None;
    }
    let school = SCHOOL_YEAR
        .captures(&subject)
        .and_then(|c| c.get(1)?.as_str().parse::<i32>().ok());
    let year = match named.iter().find_map(|(_, y)| *y) {
        Some(y) => y,
        // "tháng 12 năm học 2019 - 2020"
        None if school.is_some() => school? + i32::from(month < 8),
        None => match (YEAR.captures(&subject), draft.date) {
            (Some(y), _) => y.get(1)?.as_str().parse().ok()?,
            (None, Some(d)) if month + 6 < d.month() => d.year() + 1,
            (None, Some(d)) => d.year(),
            (None, None) => return None,
        },
    };
    Some(YearMonth { year, month })
}

/// The months of a label resolved to their years; a label of several months ("Tháng 7-8")
/// is said in the report, a month that cannot be placed is a problem.
pub(super) fn resolve_label(
    draft: &mut Draft,
    months: &[u32],
    year: Option<i32>,
    at: usize,
) -> Vec<YearMonth> {
    let mut out = Vec::new();
    for &m in months {
        if let Some(y) = year.filter(|y| !draft.calendar.plausible(*y)) {
            draft.problem(
                Some(at),
                format!("month {m}/{y} is far from the plan's year: its activities are left out"),
                Some("correct the year of the month in the document"),
            );
            continue;
        }
        match draft.calendar.resolve(m, year) {
            Some(ym) => {
                draft.month(ym, at);
                out.push(ym);
            }
            None => draft.problem(
                Some(at),
                format!(
                    "month {m} has no year and the plan's year is not known: its activities are left out"
                ),
                Some(&format!("write the month with its year: Tháng {m}/YYYY")),
            ),
        }
    }
    if out.len() > 1 {
        let names: Vec<String> = out.iter().map(ToString::to_string).collect();
        draft.found(
            at,
            format!(
                "one label for {}: its activities are in each",
                names.join(", ")
            ),
        );
    }
    out
}
