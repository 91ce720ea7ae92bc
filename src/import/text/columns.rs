//! Tables laid out with spaces, as `pdftotext -layout` writes them: each row's cells side by
//! side, separated by runs of spaces that line up down the table, a cell's further lines
//! below it in the same column.
//!
//! ```text
//! Tháng        Nội dung                            Người thực hiện
//! 9/2024       - Khai giảng năm học                BGH
//!              - Họp phụ huynh                     GVCN
//! 10/2024      - Hội thi giáo viên giỏi            Tổ chuyên môn
//! ```

use super::super::doc::Table;
use super::cells::{Found, cell_of};
use super::line::starts_lower;

/// A piece of a line between runs of two or more spaces: its first and past-last character
/// columns, and its text.
struct Segment<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

fn segments(line: &str) -> Vec<Segment<'_>> {
    if line.contains('\t') {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut spaces = 0;
    let mut begin: Option<(usize, usize)> = None; // (column, byte)
    let mut last_end = (0, 0);
    for (col, (byte, c)) in line.char_indices().enumerate() {
        if c == ' ' {
            spaces += 1;
            if spaces == 2
                && let Some((start, from)) = begin.take()
            {
                out.push(Segment {
                    start,
                    end: last_end.0,
                    text: &line[from..last_end.1],
                });
            }
            continue;
        }
        spaces = 0;
        if begin.is_none() {
            begin = Some((col, byte));
        }
        last_end = (col + 1, byte + c.len_utf8());
    }
    if let Some((start, from)) = begin {
        out.push(Segment {
            start,
            end: last_end.0,
            text: &line[from..last_end.1],
        });
    }
    out
}

/// The space-aligned tables in `lines`: runs of lines with at least two columns whose gaps
/// line up, three rows or more. Before the document's title, where the issuer and the motto
/// stand side by side, two columns are not taken for a table; nor elsewhere unless the first
/// row reads as column headers or the first column as row numbers, months or dates.
pub(super) fn find(lines: &[&str], markdown: bool) -> Vec<Found> {
    let title = title_line(lines);
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if segments(lines[i]).len() < 2 {
            i += 1;
            continue;
        }
        let mut end = run_end(lines, i);
        // Shorten the run until its single-piece lines fit in one column each.
        let found = loop {
            let Some(cols) = gaps(&lines[i..end]) else {
                break None;
            };
            match misfit(&lines[i..end], &cols) {
                Some(k) if k > 0 => end = i + k,
                Some(_) => break None,
                None => break Some(cols),
            }
        };
        let table = found.and_then(|cols| build(&lines[i..end], i, &cols, markdown));
        match table {
            Some(t) if !(t.rows[0].len() == 2 && (i < title || !plausible(&t))) => {
                out.push(Found {
                    start: i,
                    end,
                    table: t,
                });
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// The index of the title line ("KẾ HOẠCH", "CHƯƠNG TRÌNH", "LỊCH …"), or 0 without one.
fn title_line(lines: &[&str]) -> usize {
    lines
        .iter()
        .position(|l| {
            let t = l.trim().trim_start_matches('*').to_uppercase();
            ["KẾ HOẠCH", "CHƯƠNG TRÌNH", "LỊCH ", "THÔNG BÁO", "BÁO CÁO"]
                .iter()
                .any(|w| t.starts_with(w))
                && segments(l).len() == 1
        })
        .unwrap_or(0)
}

/// The end of the run of lines from `start` that can be one table: lines of two pieces or
/// more, blank lines (up to two in a row) between them, and lines of one piece right after
/// a line of the run. Trailing blank lines are left out.
fn run_end(lines: &[&str], start: usize) -> usize {
    let mut end = start + 1;
    let mut k = start + 1;
    let mut blanks = 0;
    while k < lines.len() {
        let n = segments(lines[k]).len();
        if n == 0 {
            blanks += 1;
            if blanks > 2 {
                break;
            }
        } else if n >= 2 || blanks == 0 {
            blanks = 0;
            end = k + 1;
        } else {
            break;
        }
        k += 1;
    }
    end
}

/// The columns of a run: where each starts, found from the gaps of two or more spaces that
/// every line of two pieces or more leaves at the same place. `None` without two columns.
fn gaps(run: &[&str]) -> Option<Vec<usize>> {
    let multi: Vec<Vec<Segment>> = run
        .iter()
        .map(|l| segments(l))
        .filter(|s| s.len() >= 2)
        .collect();
    let width = multi.iter().flat_map(|s| s.last()).map(|s| s.end).max()?;
    let left = multi
        .iter()
        .flat_map(|s| s.first())
        .map(|s| s.start)
        .min()?;
    let mut text = vec![false; width];
    for segs in &multi {
        for s in segs {
            text[s.start..s.end].iter_mut().for_each(|t| *t = true);
        }
    }
    let mut starts = vec![left];
    let mut blank = 0;
    for (col, &t) in text.iter().enumerate().skip(left) {
        if t {
            if blank >= 2 {
                starts.push(col);
            }
            blank = 0;
        } else {
            blank += 1;
        }
    }
    // Every line of two pieces or more has its pieces in different columns.
    let ok = multi.iter().all(|segs| {
        let cols: Vec<usize> = segs.iter().map(|s| column(&starts, s.start)).collect();
        cols.windows(2).all(|w| w[0] < w[1])
    });
    (starts.len() >= 2 && ok).then_some(starts)
}

fn column(starts: &[usize], at: usize) -> usize {
    starts.iter().rposition(|&s| s <= at).unwrap_or(0)
}

/// The index in `run` of the first line that does not fit the columns: a line of one piece
/// that crosses a column's edge, or that stands in the first column in capitals (a heading
/// after the table, not the rest of a cell).
fn misfit(run: &[&str], starts: &[usize]) -> Option<usize> {
    run.iter().position(|l| {
        let segs = segments(l);
        let [s] = segs.as_slice() else { return false };
        let col = column(starts, s.start);
        let crosses = starts.get(col + 1).is_some_and(|&next| s.end > next);
        crosses
            || (col == 0 && s.start < starts.get(1).copied().unwrap_or(0) && !starts_lower(s.text))
    })
}

/// The table of a run: a row starts at each line with text in the first column (not in lower
/// case); a line without continues the row above, each piece its column's cell (text in
/// lower case joined to the paragraph before, other text a paragraph of its own).
fn build(run: &[&str], start: usize, starts: &[usize], markdown: bool) -> Option<Table> {
    let mut rows: Vec<(usize, Vec<Vec<String>>)> = Vec::new();
    for (k, line) in run.iter().enumerate() {
        let segs = segments(line);
        if segs.is_empty() {
            continue;
        }
        let first = segs
            .iter()
            .any(|s| column(starts, s.start) == 0 && !starts_lower(s.text));
        if first || rows.is_empty() {
            rows.push((start + k + 1, vec![Vec::new(); starts.len()]));
        }
        let (_, cells) = rows.last_mut()?;
        for s in segs {
            let parts = &mut cells[column(starts, s.start)];
            match parts.last_mut() {
                Some(p) if starts_lower(s.text) => {
                    p.push(' ');
                    p.push_str(s.text);
                }
                _ => parts.push(s.text.to_string()),
            }
        }
    }
    if rows.len() < 3 {
        return None;
    }
    Some(Table {
        at: start + 1,
        rows: rows
            .into_iter()
            .map(|(at, cells)| cells.iter().map(|c| cell_of(at, c, markdown)).collect())
            .collect(),
    })
}

/// Whether a two-column table reads as one: its first row names columns ("Tháng", "Nội
/// dung") or most rows start with a number, a month or a date.
fn plausible(t: &Table) -> bool {
    let header = t.rows[0]
        .iter()
        .any(|c| super::headers::is_header(&c.plain()));
    let keyed = t.rows[1..]
        .iter()
        .filter(|r| {
            super::headers::is_number(&r[0].plain()) || super::headers::is_time(&r[0].plain())
        })
        .count();
    header || keyed * 2 > t.rows.len() - 1
}
