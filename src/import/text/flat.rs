//! Tables flattened one cell a line, as a web page's table comes when its text is copied:
//!
//! ```text
//! THÁNG
//! TUẦN C.MÔN
//! NỘI DUNG CÔNG VIỆC
//! BỘ PHẬN T.HIỆN
//! 8/2019
//! Từ
//! 05 - 31/8
//! - Tu bổ CSVC, thiết bị
//! - Họp phụ huynh
//! - BGH
//! - Hiệu trưởng
//! 9/2019
//! …
//! ```
//!
//! The header lines name the columns (`headers`); the lines under them are split into rows
//! and cells by the kinds of the columns (`rows`). Blank lines, and lines of only spaces or
//! no-break spaces, are between cells: they neither start nor end anything. The table ends
//! before a heading in capitals, the recipients, the next table's header, or the first line
//! that no row can take; lines that cannot be placed stay paragraphs.

use super::super::doc::{Cell, Table};
use super::cells::{Found, cell_of};
use super::headers::{Kind, header_at};
use super::line::starts_lower;
use super::rows::Grid;
use super::values::{Shape, marked, shape};

/// The most columns a flattened table is read with.
const MAX_COLUMNS: usize = 8;

/// The flattened tables in `lines`.
pub(super) fn find(lines: &[&str], markdown: bool) -> Vec<Found> {
    // The non-blank lines: (index, text).
    let filled: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| (i, l.trim()))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let texts: Vec<&str> = filled.iter().map(|&(_, l)| l).collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < filled.len() {
        match header(&texts[k..]) {
            Some(head) => {
                let body = k + head.lines;
                let bound = (body..filled.len())
                    .find(|&j| ends_table(texts[j]) || header(&texts[j..]).is_some())
                    .unwrap_or(filled.len());
                match table(&filled[k..bound], &head, markdown) {
                    Some((found, used)) => {
                        out.push(found);
                        k += used;
                    }
                    None => k += 1,
                }
            }
            None => k += 1,
        }
    }
    out
}

/// The column headers at the start of some lines.
struct Header {
    /// Each column's kind and header text.
    columns: Vec<(Kind, String)>,
    /// The lines they take.
    lines: usize,
}

/// The header of a flattened table at the start of `lines`: two or more column headers in
/// a row, one of them the activities, one a row number or a time.
fn header(lines: &[&str]) -> Option<Header> {
    let mut columns = Vec::new();
    let mut used = 0;
    while columns.len() < MAX_COLUMNS {
        let Some((kind, text, n)) = header_at(&lines[used..]) else {
            break;
        };
        columns.push((kind, text));
        used += n;
    }
    let kinds: Vec<Kind> = columns.iter().map(|&(k, _)| k).collect();
    (columns.len() >= 2 && kinds.contains(&Kind::Content) && kinds.iter().any(|k| k.keys_rows()))
        .then_some(Header {
            columns,
            lines: used,
        })
}

/// The table of `head` at the start of `lines` (index, text), and how many lines it takes:
/// at least two rows must be read under the header.
fn table(lines: &[(usize, &str)], head: &Header, markdown: bool) -> Option<(Found, usize)> {
    let kinds: Vec<Kind> = head.columns.iter().map(|&(k, _)| k).collect();
    let body: Vec<&str> = lines[head.lines..].iter().map(|&(_, l)| l).collect();
    let rows = Grid::new(&body, &kinds).rows();
    if rows.len() < 2 {
        return None;
    }
    let mut table = Table {
        at: lines[0].0 + 1,
        rows: vec![
            head.columns
                .iter()
                .map(|(_, text)| cell_of(lines[0].0 + 1, std::slice::from_ref(text), markdown))
                .collect(),
        ],
    };
    let mut next = head.lines;
    for cols in rows {
        let row = &lines[next..next + cols.len()];
        table.rows.push(
            (0..kinds.len())
                .map(|c| {
                    let cell: Vec<(usize, &str)> = row
                        .iter()
                        .zip(&cols)
                        .filter(|&(_, &col)| col == c)
                        .map(|(&l, _)| l)
                        .collect();
                    cell_at(&cell, kinds[c], markdown)
                })
                .collect(),
        );
        next += cols.len();
    }
    let found = Found {
        start: lines[0].0,
        end: lines[next - 1].0 + 1,
        table,
    };
    Some((found, next))
}

/// A cell of `kind` from its lines (index, text): a line of a time that only starts it
/// ("Từ", "Thứ hai", "Tuần 1") is joined to the line after it; in a list, a line without a
/// marker goes on with the item before it ("- Tổ chức cho học sinh tựu trường" / "(
/// 19/8/2019)"); a line in lower case goes on with the line before it.
fn cell_at(lines: &[(usize, &str)], kind: Kind, markdown: bool) -> Cell {
    let Some(&(at, first)) = lines.first() else {
        return Cell::default();
    };
    let time = matches!(kind, Kind::Month | Kind::Week | Kind::Time);
    let text = matches!(kind, Kind::Content | Kind::Other);
    let list = marked(first);
    let mut parts: Vec<String> = Vec::new();
    let mut before: Option<&str> = None;
    for &(_, line) in lines {
        let joins = if time {
            before.is_some_and(|b| match shape(b) {
                Some(Shape::Joining) => true,
                Some(Shape::Weekday | Shape::Week) => shape(line) == Some(Shape::Date),
                _ => false,
            })
        } else {
            text && (list && !marked(line) || starts_lower(line))
        };
        match parts.last_mut() {
            Some(last) if joins => {
                last.push(' ');
                last.push_str(line);
            }
            _ => parts.push(line.to_string()),
        }
        before = Some(line);
    }
    cell_of(at + 1, &parts, markdown)
}

/// Whether `line` cannot be inside a flattened table: a heading all in capitals ("VI. TỔ
/// CHỨC THỰC HIỆN", "2. ĐỘ TUỔI 25 - 36 THÁNG:"), the closing line, the recipients, the
/// signature.
fn ends_table(line: &str) -> bool {
    let words = line
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .count();
    let upper = words >= 2 && !line.chars().any(char::is_lowercase);
    let closing = [
        "Nơi nhận",
        "Trên đây",
        "T/M",
        "TM.",
        "KT.",
        "Người lập",
        "Người duyệt",
    ];
    (upper && !marked(line) && shape(line).is_none()) || closing.iter().any(|c| line.starts_with(c))
}
