//! Tables: a month table (a column of months, "Tháng 9", "9/2019", "T9", bare numbers under a
//! "Tháng" header, the other rows of a month left empty or merged, weeks "Tuần 1" or "Từ 02 –
//! 27/9" inside a month), a table of dates (a column of days or ranges and no months: a
//! schedule of themes by week, a week's calendar), or any other table, kept as a Markdown
//! table.

use super::dates;
use super::events::{add_event, add_items};
use super::items;
use super::model::Draft;
use super::months::{month_label, resolve_label};
use super::words::{fold, nfc, short};
use crate::date::YearMonth;
use crate::import::doc::{Cell, Table};

/// What a table turned out to be.
pub(super) enum Read {
    /// Its rows went into the months.
    Timeline,
    /// Not a table of months or dates: its Markdown, and rows kept from a month table.
    Text(String),
}

/// Reads `t` into the months when it is a month table or a table of dates.
pub(super) fn read(draft: &mut Draft, t: &Table, body: &mut Vec<String>) -> Read {
    // Title rows, one cell across the table ("Lịch làm việc tuần 21 …"), are text above it.
    let titles = t
        .rows
        .iter()
        .take_while(|r| r.len() > 1 && r[1..].iter().all(|c| c.merged || c.paras.is_empty()))
        .count();
    if titles > 0 && titles + 1 < t.rows.len() {
        let rest = Table {
            at: t.at,
            rows: t.rows[titles..].to_vec(),
        };
        let read = read(draft, &rest, body);
        if matches!(read, Read::Timeline) {
            for row in &t.rows[..titles] {
                body.push(
                    row[0]
                        .paras
                        .iter()
                        .map(|p| p.text.as_str())
                        .collect::<Vec<_>>()
                        .join("\\\n"),
                );
            }
        }
        return match read {
            Read::Timeline => Read::Timeline,
            Read::Text(_) => Read::Text(items::table_markdown(t)),
        };
    }
    let header = header(t);
    let months = month_column(t, header.as_deref());
    let dates = date_column(t, header.is_some());
    match (months, dates) {
        (Some((col, true)), _) | (Some((col, false)), None) => {
            month_table(draft, t, col, header.as_deref(), body);
            Read::Timeline
        }
        (_, Some(col)) => {
            date_table(draft, t, col, header.as_deref());
            Read::Timeline
        }
        (None, None) => Read::Text(items::table_markdown(t)),
    }
}

fn plain(cell: Option<&Cell>) -> String {
    cell.map(|c| nfc(c.plain().trim())).unwrap_or_default()
}

/// The first row's cells when it is a header: none of them is a month or a date.
fn header(t: &Table) -> Option<Vec<String>> {
    let first = t.rows.first()?;
    let cells: Vec<String> = first
        .iter()
        .map(|c| plain(Some(c)).replace('\n', " "))
        .collect();
    // A cell that is a column name ("Ngày", "Nội dung công việc") makes a header even when
    // a title with dates sits in the same cell.
    const NAMES: [&str; 16] = [
        "tt",
        "stt",
        "thang",
        "ngay",
        "thu",
        "tuan",
        "thoi gian",
        "noi dung",
        "cong viec",
        "chu de",
        "hoat dong",
        "nguoi thuc hien",
        "phu trach",
        "ghi chu",
        "dia diem",
        "thanh phan",
    ];
    let named = first.iter().flat_map(|c| &c.paras).any(|p| {
        let f = fold(p.plain.trim());
        let f = f.trim_end_matches([':', '.']);
        NAMES
            .iter()
            .any(|n| f == *n || (f.starts_with(n) && f.len() <= n.len() + 24))
    });
    let dated = cells
        .iter()
        .any(|c| month_label(c).is_some() || dates::anywhere(c).is_some());
    ((named || !dated) && t.rows.len() > 1).then_some(cells)
}

fn body_rows(t: &Table, header: bool) -> &[Vec<Cell>] {
    &t.rows[usize::from(header).min(t.rows.len())..]
}

/// Whether a cell is a week or a stretch of days inside a month ("Tuần 1", "Từ 02 – 27/9").
fn is_week(text: &str) -> bool {
    fold(text).starts_with("tuan") || dates::anywhere(text).is_some()
}

/// The column of `t` that holds its months, and whether they are written as months: the
/// one with the most cells written as months ("1/2023", "Tháng 9", "T9"), at least two, and
/// at least half of its written cells months or weeks (true); else a column of bare numbers
/// under a "Tháng" header, or the first column when its header is not "TT"/"STT" (false: a
/// column of days beats it).
fn month_column(t: &Table, header: Option<&[String]>) -> Option<(usize, bool)> {
    let width = t.rows.iter().map(Vec::len).max().unwrap_or(0);
    let rows = body_rows(t, header.is_some());
    let bare = |s: &str| {
        s.chars()
            .all(|ch| ch.is_ascii_digit() || ch == '.' || ch == ':')
    };
    let score = |c: usize, written: bool| {
        let (mut months, mut ok, mut filled) = (0, 0, 0);
        for r in rows {
            let text = plain(r.get(c));
            if text.is_empty() {
                continue;
            }
            filled += 1;
            if month_label(&text).is_some() && (!written || !bare(&text)) {
                months += 1;
                ok += 1;
            } else if is_week(&text) {
                ok += 1;
            }
        }
        (months >= 2 && ok * 2 >= filled).then_some(months)
    };
    let best = (0..width)
        .filter_map(|c| Some((score(c, true)?, c)))
        .max_by_key(|&(n, c)| (n, std::cmp::Reverse(c)));
    if let Some((_, c)) = best {
        return Some((c, true));
    }
    let name = |c: usize| {
        header
            .and_then(|h| h.get(c))
            .map(|n| fold(n).trim_end_matches(['.', ':']).to_string())
    };
    let named = (0..width).find(|&c| {
        name(c).is_some_and(|n| matches!(n.as_str(), "thang" | "thoi gian" | "thang/nam"))
    });
    let numbering = name(0).is_some_and(|n| matches!(n.as_str(), "tt" | "stt" | "so tt"));
    named
        .filter(|&c| score(c, false).is_some())
        .or_else(|| (!numbering && score(0, false).is_some()).then_some(0))
        .map(|c| (c, false))
}

/// A column of days or ranges: at least two, and at least half of its written cells.
fn date_column(t: &Table, header: bool) -> Option<usize> {
    let width = t.rows.iter().map(Vec::len).max().unwrap_or(0);
    let rows = body_rows(t, header);
    (0..width)
        .filter_map(|c| {
            let filled: Vec<String> = rows
                .iter()
                .map(|r| plain(r.get(c)))
                .filter(|s| !s.is_empty())
                .collect();
            let dated = filled
                .iter()
                .filter(|s| dates::anywhere(s).is_some())
                .count();
            (dated >= 2 && dated * 2 >= filled.len()).then_some((dated, c))
        })
        .max_by_key(|&(n, c)| (n, std::cmp::Reverse(c)))
        .map(|(_, c)| c)
}

/// A column only numbering the rows ("TT", "STT").
fn numbering(t: &Table, c: usize, header: bool) -> bool {
    body_rows(t, header).iter().all(|r| {
        plain(r.get(c))
            .chars()
            .all(|ch| ch.is_ascii_digit() || ch == '.')
    })
}

/// The column with the activities: the one whose header names them, else the one with the
/// most text, among the columns that are not `time` and do not only number the rows.
fn activity_column(t: &Table, time: usize, header: Option<&[String]>) -> Option<usize> {
    let width = t.rows.iter().map(Vec::len).max().unwrap_or(0);
    let candidates: Vec<usize> = (0..width)
        .filter(|&c| c != time && !numbering(t, c, header.is_some()))
        .collect();
    let words = [
        "noi dung",
        "cong viec",
        "hoat dong",
        "chu de",
        "nhiem vu",
        "chuong trinh",
    ];
    let named = header.and_then(|h| {
        candidates.iter().copied().find(|&c| {
            h.get(c)
                .is_some_and(|name| words.iter().any(|w| fold(name).contains(w)))
        })
    });
    named.or_else(|| {
        candidates.iter().copied().max_by_key(|&c| {
            let len: usize = body_rows(t, header.is_some())
                .iter()
                .map(|r| plain(r.get(c)).chars().count())
                .sum();
            (len, std::cmp::Reverse(c))
        })
    })
}

fn row_at(t: &Table, row: &[Cell]) -> usize {
    row.iter()
        .flat_map(|c| &c.paras)
        .map(|p| p.at)
        .next()
        .unwrap_or(t.at)
}

/// A cell's activities: its list items, else its paragraphs split at dashes.
fn cell_items(cell: &Cell) -> Vec<String> {
    let mut out = Vec::new();
    for p in &cell.paras {
        if p.bullet.is_some() {
            out.push(p.text.clone());
        } else {
            out.extend(items::split_items(&p.text));
        }
    }
    out
}

/// The other columns of a row, each "**Header:** text".
fn other_columns(
    t: &Table,
    row: &[Cell],
    skip: &[usize],
    header: Option<&[String]>,
) -> Vec<(usize, String)> {
    row.iter()
        .enumerate()
        .filter(|(c, cell)| {
            !skip.contains(c) && !numbering(t, *c, header.is_some()) && !cell.paras.is_empty()
        })
        .map(|(c, cell)| {
            let text: Vec<&str> = cell.paras.iter().map(|p| p.text.as_str()).collect();
            let name = header
                .and_then(|h| h.get(c))
                .map(|h| h.trim())
                .filter(|h| !h.is_empty());
            let note = match name {
                Some(h) => format!("**{h}:** {}", text.join("<br>")),
                None => text.join("<br>"),
            };
            (c, note)
        })
        .collect()
}

fn month_table(
    draft: &mut Draft,
    t: &Table,
    col: usize,
    header: Option<&[String]>,
    body: &mut Vec<String>,
) {
    let activity = activity_column(t, col, header).unwrap_or(col + 1);
    let months = body_rows(t, header.is_some())
        .iter()
        .filter(|r| month_label(&plain(r.get(col))).is_some())
        .count();
    draft.found(t.at, format!("month table ({months} months)"));
    let mut current: Vec<YearMonth> = Vec::new();
    for row in body_rows(t, header.is_some()) {
        let at = row_at(t, row);
        let label = plain(row.get(col));
        if let Some((months, y)) = month_label(&label) {
            current = resolve_label(draft, &months, y, at);
        } else if let Some(span) = dates::anywhere(&label) {
            // A week inside a month: the month it starts in.
            if let Some(ym) = draft.calendar.resolve(span.start.month, span.start.year) {
                draft.month(ym, at);
                current = vec![ym];
            }
        } else if !label.is_empty() && !is_week(&label) && !row.get(col).is_some_and(|c| c.merged) {
            draft.problem(
                Some(at),
                format!(
                    "table row “{}” is not a month: kept in the section",
                    short(&label)
                ),
                None,
            );
            body.push(row.iter().map(Cell::plain).collect::<Vec<_>>().join(" — "));
            current.clear();
            continue;
        }
        let items = row.get(activity).map(cell_items).unwrap_or_default();
        add_items(draft, &current, &items, at);
        for (_, note) in other_columns(t, row, &[col, activity], header) {
            for ym in &current {
                draft.month(*ym, at).notes.push(note.clone());
            }
        }
    }
}

fn date_table(draft: &mut Draft, t: &Table, col: usize, header: Option<&[String]>) {
    let activity = activity_column(t, col, header);
    let place = header.and_then(|h| h.iter().position(|c| fold(c).contains("dia diem")));
    let mut rows = 0;
    let mut span: Option<dates::Span> = None;
    for row in body_rows(t, header.is_some()) {
        let at = row_at(t, row);
        if let Some(s) = dates::anywhere(&plain(row.get(col))) {
            span = Some(s);
        }
        let Some(s) = &span else { continue };
        let title: Vec<String> = activity
            .and_then(|a| row.get(a))
            .map(|c| {
                c.paras
                    .iter()
                    .map(|p| {
                        let text = nfc(p.plain.trim());
                        text.trim_start_matches(['-', '+', '•', '–', ' '])
                            .to_string()
                    })
                    .filter(|p| !p.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        if title.is_empty() {
            continue;
        }
        let title = title.join("; ");
        if items::is_note(&title) && !items::is_holiday(&title) {
            if let Some(ym) = draft.calendar.resolve(s.start.month, s.start.year) {
                draft.month(ym, at).notes.push(title);
            }
            continue;
        }
        let skip: Vec<usize> = [Some(col), activity, place].into_iter().flatten().collect();
        let notes: Vec<String> = other_columns(t, row, &skip, header)
            .into_iter()
            .map(|(_, n)| items::plain_of(&n))
            .collect();
        let mut event = items::event(title, s.time.clone());
        event.place = place.map(|p| plain(row.get(p))).filter(|p| !p.is_empty());
        event.note = (!notes.is_empty()).then(|| notes.join("; "));
        if add_event(draft, s, event, at) {
            rows += 1;
        }
    }
    draft.found(
        t.at,
        format!("table of dates ({rows} rows as dated events)"),
    );
}
