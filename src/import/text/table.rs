//! Tables in text: rows of tab-separated cells (a table copied out of Word or a web page),
//! and the tables the other modules find: pipe tables (`pipes`), columns laid out with spaces
//! (`columns`, from `pdftotext -layout`), tables flattened one cell a line (`flat`).

use super::super::doc::{Cell, Table};
use super::cells::{Found, cell};
use super::line::{Line, classify};

/// The pipe, space-aligned and flattened tables in `lines`, in order, none overlapping.
pub(super) fn found(lines: &[&str], markdown: bool) -> Vec<Found> {
    let mut all = super::pipes::find(lines, markdown);
    all.extend(super::columns::find(lines, markdown));
    all.extend(super::flat::find(lines, markdown));
    all.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    let mut kept: Vec<Found> = Vec::new();
    for f in all {
        if kept.last().is_none_or(|k| k.end <= f.start) {
            kept.push(f);
        }
    }
    kept
}

/// Reads the table starting at line `start`: rows of tab-separated cells (a row of another
/// number of cells filled up with empty ones), blank lines between rows allowed. Returns it and the index of the first line after it.
pub(super) fn table(lines: &[&str], start: usize, markdown: bool) -> (Table, usize) {
    let mut rows = Vec::new();
    let mut i = start;
    let mut end = start;
    // Rows indented by a tab throughout have no empty first cell.
    let indented = lines[start].trim_start_matches(' ').starts_with('\t');
    while i < lines.len() {
        let row = match continued(lines[i]).filter(|_| i > start && !indented) {
            Some(cells) => Line::Row(cells),
            None => classify(lines[i]),
        };
        match row {
            Line::Row(cells) => {
                rows.push(
                    cells
                        .iter()
                        .map(|c| cell(i + 1, c, markdown))
                        .collect::<Vec<_>>(),
                );
                end = i + 1;
            }
            Line::Blank => {}
            _ => break,
        }
        i += 1;
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for row in &mut rows {
        row.resize_with(width, Cell::default);
    }
    (
        Table {
            at: start + 1,
            rows,
        },
        end,
    )
}

/// The cells of a row whose first cell is empty (a month continued from the row above):
/// a line starting with a tab.
fn continued(line: &str) -> Option<Vec<&str>> {
    let line = line.trim_start_matches(' ');
    let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
    (line.starts_with('\t') && cells.iter().any(|c| !c.is_empty())).then_some(cells)
}
