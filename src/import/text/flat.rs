//! Tables flattened one cell a line, as a web page's table comes when its text is copied:
//!
//! ```text
//! TT
//! Nội dung công việc
//! Người thực hiện
//! 1
//! - Khai giảng năm học
//! - Họp phụ huynh
//! BGH
//! 2
//! …
//! ```
//!
//! The header lines name the columns; a row starts where the first column's kind of value
//! comes again (the next row number, a month or a date); the lines between are the row's
//! cells, placed by the columns' kinds. When the lines cannot be placed for sure, they stay
//! paragraphs.

use super::super::doc::Table;
use super::headers::{Kind, fits, is_number, kind};
use super::table::{Found, cell_of};

/// The most lines a header can have, and the most a row can have past one a column.
const MAX_HEADER: usize = 8;
const MAX_EXTRA: usize = 20;

/// The flattened tables in `lines`.
pub(super) fn find(lines: &[&str], markdown: bool) -> Vec<Found> {
    // The non-blank lines: (index, text).
    let filled: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| (i, l.trim()))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < filled.len() {
        match table_at(&filled, k, markdown) {
            Some((found, next)) => {
                out.push(found);
                k = next;
            }
            None => k += 1,
        }
    }
    out
}

/// The table whose header starts at `filled[k]`, and the index in `filled` after it.
fn table_at(filled: &[(usize, &str)], k: usize, markdown: bool) -> Option<(Found, usize)> {
    let kinds: Vec<Kind> = filled[k..]
        .iter()
        .take(MAX_HEADER + 1)
        .map_while(|(_, l)| kind(l))
        .collect();
    if !(2..=MAX_HEADER).contains(&kinds.len()) || !matches!(kinds[0], Kind::Number | Kind::Time) {
        return None;
    }
    let body = k + kinds.len();
    let starts = row_starts(filled, body, &kinds);
    if starts.len() < 2 {
        return None;
    }
    let mut rows = vec![
        filled[k..body]
            .iter()
            .map(|&(i, l)| cell_of(i + 1, &[l.to_string()], markdown))
            .collect::<Vec<_>>(),
    ];
    let dense = filled[k..starts[starts.len() - 2]]
        .windows(2)
        .all(|w| w[1].0 == w[0].0 + 1);
    let mut end = body;
    for (n, w) in starts.windows(2).enumerate() {
        let lines = &filled[w[0]..w[1]];
        // The last row ends where the longest row before it would, and at a blank line
        // when the table had none.
        let lines = if n + 2 == starts.len() {
            let longest = starts.windows(2).take(n).map(|w| w[1] - w[0]);
            let most = longest.max().unwrap_or(kinds.len()).max(kinds.len());
            let gap = (1..lines.len())
                .find(|&j| dense && lines[j].0 != lines[j - 1].0 + 1)
                .unwrap_or(lines.len());
            &lines[..lines.len().min(most).min(gap)]
        } else {
            lines
        };
        let Some(cells) = place(lines, &kinds) else {
            break;
        };
        rows.push(
            cells
                .iter()
                .map(|c| {
                    let parts: Vec<String> = c.iter().map(|&(_, l)| l.to_string()).collect();
                    cell_of(
                        c.first().map_or(lines[0].0, |&(i, _)| i) + 1,
                        &parts,
                        markdown,
                    )
                })
                .collect(),
        );
        end = w[0] + lines.len();
    }
    if rows.len() < 2 {
        return None;
    }
    let found = Found {
        start: filled[k].0,
        end: filled[end - 1].0 + 1,
        table: Table {
            at: filled[k].0 + 1,
            rows,
        },
    };
    Some((found, end))
}

/// Where the rows start in `filled` from `body`, and a last entry where the table may end:
/// each line holding the first column's kind of value (row numbers must count up by one),
/// up to a line that cannot be in the table (a part heading in capitals, "Nơi nhận").
fn row_starts(filled: &[(usize, &str)], body: usize, kinds: &[Kind]) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut number = 0;
    let mut k = body;
    while k < filled.len() {
        let line = filled[k].1;
        let since = starts.last().map_or(0, |&s| k - s);
        if ends_table(line) || since > kinds.len() + MAX_EXTRA || (starts.is_empty() && k > body) {
            break;
        }
        let starts_row = match kinds[0] {
            Kind::Number => {
                is_number(line)
                    && line.trim_end_matches(['.', ')']).parse::<u32>().ok() == Some(number + 1)
            }
            kind => fits(kind, line) && (since == 0 || since >= 2),
        };
        if starts_row {
            starts.push(k);
            number += 1;
        }
        k += 1;
    }
    starts.push(k);
    starts
}

/// Whether `line` cannot be inside a flattened table: a part heading ("VI. TỔ CHỨC THỰC
/// HIỆN"), a line all in capitals, the list of recipients.
fn ends_table(line: &str) -> bool {
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    let upper = letters > 6 && !line.chars().any(char::is_lowercase);
    upper || line.starts_with("Nơi nhận")
}

/// The row's lines in cells: the first line the first column's; the columns before the
/// content column ("Nội dung") take a line each that fits their kind; the columns after it
/// take the last lines that fit theirs (short names for the people responsible, never a
/// list item); the content column the lines between. Without a content column the lines
/// are taken one a column, and more lines than columns cannot be placed. Missing cells at
/// the end are empty.
fn place<'a>(lines: &'a [(usize, &'a str)], kinds: &[Kind]) -> Option<Vec<Vec<(usize, &'a str)>>> {
    let mut cells: Vec<Vec<(usize, &str)>> = vec![Vec::new(); kinds.len()];
    let Some(content) = kinds.iter().position(|&k| k == Kind::Content) else {
        if lines.len() > kinds.len() {
            return None;
        }
        for (cell, &line) in cells.iter_mut().zip(lines) {
            cell.push(line);
        }
        return Some(cells);
    };
    cells[0].push(lines[0]);
    let mut rest = &lines[1..];
    for (j, &kind) in kinds.iter().enumerate().take(content).skip(1) {
        if let Some((&first, after)) = rest.split_first()
            && fits(kind, first.1)
        {
            cells[j].push(first);
            rest = after;
        }
    }
    let after = &kinds[content + 1..];
    let tail = (0..=after.len().min(rest.len().saturating_sub(1)))
        .rev()
        .find(|&t| {
            let lines = &rest[rest.len() - t..];
            lines
                .iter()
                .zip(after)
                .all(|(&(_, l), &kind)| fits(kind, l) && fits(Kind::People, l))
        })
        .unwrap_or(0);
    let (middle, last) = rest.split_at(rest.len() - tail);
    cells[content].extend_from_slice(middle);
    for (j, &line) in last.iter().enumerate() {
        cells[content + 1 + j].push(line);
    }
    Some(cells)
}
