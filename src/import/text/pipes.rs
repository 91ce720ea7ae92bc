//! Pipe tables: rows written `| a | b |` (Markdown, or text copied from a chat or a wiki),
//! with or without the outer pipes, with or without a `|---|---|` row under the header.

use super::super::doc::Table;
use super::cells::{Found, cell_of};
use super::line::{Line, classify};

/// The pipe tables in `lines`. A run of lines with pipes is a table when it has two or more
/// cells a row and either outer pipes (two rows or more), a separator row, or three rows or
/// more of the same number of cells. The separator row is dropped.
pub(super) fn find(lines: &[&str], markdown: bool) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let mut end = i;
        while end < lines.len() && row(lines[end]).is_some() {
            end += 1;
        }
        if end == i {
            i += 1;
            continue;
        }
        if let Some(table) = table(&lines[i..end], i, markdown) {
            out.push(Found {
                start: i,
                end,
                table,
            });
        }
        i = end;
    }
    out
}

/// The cells of a line with pipes, outer pipes taken off; `None` when the line has no pipe
/// or is a row of tab-separated cells.
fn row(line: &str) -> Option<Vec<String>> {
    let t = line.trim();
    if matches!(classify(line), Line::Row(_)) || !t.contains('|') {
        return None;
    }
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = if t.ends_with("\\|") {
        t
    } else {
        t.strip_suffix('|').unwrap_or(t)
    };
    let mut cells = vec![String::new()];
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                chars.next();
                cells.last_mut()?.push('|');
            }
            '|' => cells.push(String::new()),
            c => cells.last_mut()?.push(c),
        }
    }
    Some(cells.iter().map(|c| c.trim().to_string()).collect())
}

/// Whether the cells are a separator row: dashes, with colons for alignment.
fn is_separator(cells: &[String]) -> bool {
    cells.iter().all(|c| {
        let d = c.trim_matches(':');
        !d.is_empty() && d.chars().all(|ch| ch == '-')
    })
}

fn table(lines: &[&str], start: usize, markdown: bool) -> Option<Table> {
    let outer = lines.iter().all(|l| {
        let t = l.trim();
        t.starts_with('|') && t.ends_with('|') && t.len() > 1
    });
    let mut separator = false;
    let mut rows = Vec::new();
    for (k, line) in lines.iter().enumerate() {
        let cells = row(line)?;
        if k > 0 && is_separator(&cells) {
            separator = true;
            continue;
        }
        let at = start + k + 1;
        rows.push(
            cells
                .into_iter()
                .map(|c| cell_of(at, &[c], markdown))
                .collect::<Vec<_>>(),
        );
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let same = rows.iter().all(|r| r.len() == width);
    let enough =
        (outer && rows.len() >= 2) || (separator && !rows.is_empty()) || (same && rows.len() >= 3);
    if width < 2 || !enough {
        return None;
    }
    for row in &mut rows {
        row.resize_with(width, Default::default);
    }
    Some(Table {
        at: start + 1,
        rows,
    })
}
