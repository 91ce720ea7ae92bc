//! A story being read: the body, or the content of one text box. Each has its own open
//! paragraphs, run and table, so that a text box inside a paragraph (or a table cell) is read
//! whole and then placed after the paragraph that anchors it.

use super::numbering::Numbering;
use super::paragraph::{ParaBuilder, RunProps};
use super::styles::Styles;
use super::table::{MAX_CELLS, TableBuilder, too_many_cells};
use crate::import::doc::Block;

/// The blocks of a story read so far, and what is open in it.
#[derive(Debug, Default)]
pub(super) struct Story {
    /// The finished blocks, in order.
    blocks: Vec<Block>,
    /// Open paragraphs (more than one only in malformed documents).
    pub(super) paras: Vec<ParaBuilder>,
    /// The run being read.
    pub(super) run: RunProps,
    /// How many tables are open (the inner ones are flattened into the outermost).
    table_depth: usize,
    /// The outermost open table.
    table: Option<TableBuilder>,
}

impl Story {
    /// The open table, when the element being read belongs to it directly (not to a table
    /// nested in one of its cells).
    pub(super) fn table(&mut self) -> Option<&mut TableBuilder> {
        self.table.as_mut().filter(|_| self.table_depth == 1)
    }

    /// A `w:tbl` opens; `at` is the number its first paragraph will have.
    pub(super) fn open_table(&mut self, at: usize) {
        self.table_depth += 1;
        if self.table_depth == 1 {
            self.table = Some(TableBuilder::new(at));
        }
    }

    /// A `w:tbl` closes; `cells` counts the cells of all tables, and is checked against
    /// [`MAX_CELLS`].
    pub(super) fn close_table(&mut self, cells: &mut usize) -> Result<(), String> {
        if self.table_depth == 1
            && let Some(mut t) = self.table.take()
        {
            t.finish_row();
            let padded = t.rows.len().saturating_mul(t.width());
            *cells = cells.saturating_add(padded);
            if *cells > MAX_CELLS {
                return Err(too_many_cells());
            }
            let table = t.finish();
            if !table.rows.is_empty() {
                self.blocks.push(Block::Table(table));
            }
        }
        self.table_depth = self.table_depth.saturating_sub(1);
        Ok(())
    }

    /// The innermost paragraph closes: it goes where it belongs, followed by the text boxes
    /// anchored in it.
    pub(super) fn close_para(&mut self, styles: &Styles, numbering: &mut Numbering) {
        let Some(mut builder) = self.paras.pop() else {
            return;
        };
        let after = std::mem::take(&mut builder.after);
        if let Some(para) = builder.finish(styles, numbering) {
            self.deliver(Block::Para(para));
        }
        for block in after {
            self.deliver(block);
        }
    }

    /// The blocks of a text box that closed: after the open paragraph that anchors it, or
    /// where the box is when no paragraph is open.
    pub(super) fn anchor(&mut self, blocks: Vec<Block>) {
        match self.paras.last_mut() {
            Some(p) => p.after.extend(blocks),
            None => blocks.into_iter().for_each(|b| self.deliver(b)),
        }
    }

    /// Where a finished block goes: the current table cell (a table's paragraphs flattened
    /// into it, as for nested tables), or the story.
    fn deliver(&mut self, block: Block) {
        match &mut self.table {
            Some(t) if self.table_depth > 0 => match block {
                Block::Para(para) => t.push_para(para),
                Block::Table(table) => {
                    for cell in table.rows.into_iter().flatten() {
                        cell.paras.into_iter().for_each(|p| t.push_para(p));
                    }
                }
            },
            _ => self.blocks.push(block),
        }
    }

    /// The story's blocks, closing what a malformed document left open (walk checks the
    /// balance of elements, so normally nothing).
    pub(super) fn finish(mut self, styles: &Styles, numbering: &mut Numbering) -> Vec<Block> {
        while !self.paras.is_empty() {
            self.close_para(styles, numbering);
        }
        if let Some(t) = self.table.take() {
            let table = t.finish();
            if !table.rows.is_empty() {
                self.blocks.push(Block::Table(table));
            }
        }
        self.blocks
    }
}
