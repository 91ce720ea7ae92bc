//! Tables being read: rows of cells, horizontal spans and vertical merges, and the limits
//! that keep a table's size proportional to its input.

use crate::import::doc::{Cell, Para, Table};

/// The most grid columns a table row keeps; the text of cells beyond goes into the last one.
/// (Word itself allows 63.)
pub(super) const MAX_COLUMNS: usize = 256;

/// The most cells all tables together may have (after padding rows to the table's width).
pub(super) const MAX_CELLS: usize = 1_000_000;

/// The outermost table being read (nested tables are flattened into its cells).
#[derive(Debug, Default)]
pub(super) struct TableBuilder {
    at: usize,
    grid_columns: usize,
    pub(super) rows: Vec<Vec<Cell>>,
    row: Option<Vec<Cell>>,
    cell: Option<CellBuilder>,
    /// Cells added so far (before padding).
    pub(super) cells: usize,
}

/// A cell being read.
#[derive(Debug, Default)]
struct CellBuilder {
    paras: Vec<Para>,
    span: usize,
    /// `w:vMerge` (or the old `w:hMerge`) continuing a merged cell.
    continues: bool,
}

/// The error for tables beyond [`MAX_CELLS`].
pub(super) fn too_many_cells() -> String {
    format!("the document's tables are too large to import (more than {MAX_CELLS} cells)")
}

impl TableBuilder {
    /// A table whose first paragraph will be paragraph `at`.
    pub(super) fn new(at: usize) -> TableBuilder {
        TableBuilder {
            at,
            ..TableBuilder::default()
        }
    }

    /// A `w:gridCol`.
    pub(super) fn grid_column(&mut self) {
        self.grid_columns += 1;
    }

    /// A `w:tr` opens.
    pub(super) fn start_row(&mut self) {
        self.finish_row();
        self.row = Some(Vec::new());
    }

    /// A `w:gridBefore`: `n` grid columns left empty at the start of the row.
    pub(super) fn grid_before(&mut self, n: usize) {
        let row = self.row.get_or_insert_with(Vec::new);
        let n = n.min(MAX_COLUMNS.saturating_sub(row.len()));
        row.resize_with(row.len() + n, Cell::default);
        self.cells += n;
    }

    /// A `w:tc` opens.
    pub(super) fn start_cell(&mut self) {
        self.finish_cell();
        self.cell = Some(CellBuilder {
            span: 1,
            ..CellBuilder::default()
        });
    }

    /// A `w:gridSpan` of the open cell.
    pub(super) fn span(&mut self, columns: Option<u32>) {
        if let Some(cell) = &mut self.cell {
            cell.span = (columns.unwrap_or(1) as usize).clamp(1, MAX_COLUMNS);
        }
    }

    /// A `w:vMerge` (`vertical`) or `w:hMerge` of the open cell; `restart` when it starts
    /// the merge.
    pub(super) fn merge(&mut self, vertical: bool, restart: bool) {
        let first_row = self.rows.is_empty() && vertical;
        if let Some(cell) = &mut self.cell {
            cell.continues = !restart && !first_row;
        }
    }

    /// Adds a paragraph to the open cell (opening one if a malformed row has none).
    pub(super) fn push_para(&mut self, para: Para) {
        self.cell
            .get_or_insert_with(|| CellBuilder {
                span: 1,
                ..CellBuilder::default()
            })
            .paras
            .push(para);
    }

    /// Adds the open cell to the open row.
    pub(super) fn finish_cell(&mut self) {
        let Some(cell) = self.cell.take() else {
            return;
        };
        let row = self.row.get_or_insert_with(Vec::new);
        if row.len() >= MAX_COLUMNS {
            // Keep the text of cells beyond the limit in the last cell.
            if !cell.continues
                && let Some(last) = row.last_mut()
            {
                last.paras.extend(cell.paras);
            }
            return;
        }
        let before = row.len();
        row.push(Cell {
            paras: if cell.continues {
                Vec::new()
            } else {
                cell.paras
            },
            merged: cell.continues,
        });
        for _ in 1..cell.span.min(MAX_COLUMNS - row.len() + 1) {
            row.push(Cell {
                paras: Vec::new(),
                merged: true,
            });
        }
        self.cells += row.len() - before;
    }

    /// The table's width: its widest row, or its grid when that is wider.
    pub(super) fn width(&self) -> usize {
        let widest = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        widest.max(self.grid_columns.min(MAX_COLUMNS))
    }

    /// Adds the open row to the table; a row without cells is dropped.
    pub(super) fn finish_row(&mut self) {
        self.finish_cell();
        if let Some(row) = self.row.take()
            && !row.is_empty()
        {
            self.rows.push(row);
        }
    }

    /// The table, its rows padded to the table's width.
    pub(super) fn finish(mut self) -> Table {
        self.finish_row();
        let width = self.width();
        for row in &mut self.rows {
            row.resize_with(width, Cell::default);
        }
        Table {
            at: self.at,
            rows: self.rows,
        }
    }
}
