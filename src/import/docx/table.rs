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
    pub(super) at: usize,
    pub(super) grid_columns: usize,
    pub(super) rows: Vec<Vec<Cell>>,
    pub(super) row: Option<Vec<Cell>>,
    pub(super) cell: Option<CellBuilder>,
    /// Cells added so far (before padding).
    pub(super) cells: usize,
}

/// A cell being read.
#[derive(Debug, Default)]
pub(super) struct CellBuilder {
    pub(super) paras: Vec<Para>,
    pub(super) span: usize,
    /// `w:vMerge` (or the old `w:hMerge`) continuing a merged cell.
    pub(super) continues: bool,
}

/// The error for tables beyond [`MAX_CELLS`].
pub(super) fn too_many_cells() -> String {
    format!("the document's tables are too large to import (more than {MAX_CELLS} cells)")
}

impl TableBuilder {
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
