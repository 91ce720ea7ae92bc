//! The body reader: walks document.xml event by event, opening and closing paragraphs, runs
//! and tables, and collects the [`Block`]s in document order.

use quick_xml::events::BytesStart;

use super::numbering::Numbering;
use super::paragraph::{ParaBuilder, RunProps};
use super::styles::Styles;
use super::table::{CellBuilder, MAX_CELLS, MAX_COLUMNS, TableBuilder, too_many_cells};
use super::xml::{Ev, attr, val, val_number};
use crate::import::doc::{Block, Cell, Para};

/// What an open element of the body is, as far as reading cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    P,
    PPr,
    NumPr,
    /// `w:rPr` of a run.
    RunPr,
    /// `w:rPr` of a paragraph's `w:pPr`: the paragraph mark (and the list number).
    MarkPr,
    R,
    T,
    Tbl,
    TblGrid,
    Tr,
    TrPr,
    Tc,
    TcPr,
    Other,
}

/// Elements whose content is not part of the text: tracked deletions, field codes,
/// pictures and text boxes, old versions of properties, ruby annotations.
const SKIPPED: &[&str] = &[
    "del",
    "moveFrom",
    "delText",
    "delInstrText",
    "instrText",
    "drawing",
    "pict",
    "object",
    "txbxContent",
    "Fallback",
    "pPrChange",
    "rPrChange",
    "tblPrChange",
    "trPrChange",
    "tcPrChange",
    "tblGridChange",
    "sectPrChange",
    "numberingChange",
    "sectPr",
    "rt",
];

/// Reads the body of document.xml, event by event.
pub(super) struct BodyReader<'s> {
    styles: &'s Styles,
    numbering: Numbering,
    blocks: Vec<Block>,
    tags: Vec<Tag>,
    /// How many elements deep we are inside a skipped element (0: not skipping).
    skip: usize,
    /// Paragraphs seen so far (the `at` of the last one).
    paragraphs: usize,
    /// Open paragraphs (more than one only in malformed documents).
    paras: Vec<ParaBuilder>,
    run: RunProps,
    table_depth: usize,
    table: Option<TableBuilder>,
    /// Cells of the tables finished so far.
    cells: usize,
    /// The root element is `w:document` (not, say, an Excel workbook).
    pub(super) is_word: bool,
}

impl<'s> BodyReader<'s> {
    pub(super) fn new(styles: &'s Styles, numbering: Numbering) -> Self {
        BodyReader {
            styles,
            numbering,
            blocks: Vec::new(),
            tags: Vec::new(),
            skip: 0,
            paragraphs: 0,
            paras: Vec::new(),
            run: RunProps::default(),
            table_depth: 0,
            table: None,
            cells: 0,
            is_word: false,
        }
    }

    pub(super) fn event(&mut self, ev: Ev<'_>) -> Result<(), String> {
        match ev {
            Ev::Open(e) => self.open(e),
            Ev::Close => return self.close(),
            Ev::Text(text) => {
                if self.skip == 0 && self.tags.last() == Some(&Tag::T) {
                    self.text(text);
                }
            }
        }
        Ok(())
    }

    /// The parent of the element being opened, and its parent.
    fn parents(&self) -> (Option<Tag>, Option<Tag>) {
        let n = self.tags.len();
        let at = |i: Option<usize>| i.and_then(|i| self.tags.get(i)).copied();
        (at(n.checked_sub(1)), at(n.checked_sub(2)))
    }

    fn open(&mut self, e: &BytesStart<'_>) {
        if self.skip > 0 {
            self.skip += 1;
            return;
        }
        let local_name = e.local_name();
        let local = local_name.as_ref();
        if self.tags.is_empty() && local == "document" {
            self.is_word = true;
        }
        if SKIPPED.contains(&local) {
            self.skip = 1;
            return;
        }
        let (parent, grand) = self.parents();
        let tag = match (local, parent, grand) {
            ("p", _, _) => {
                self.paragraphs += 1;
                self.paras.push(ParaBuilder {
                    at: self.paragraphs,
                    ..ParaBuilder::default()
                });
                Tag::P
            }
            ("pPr", Some(Tag::P), _) => Tag::PPr,
            ("pStyle", Some(Tag::PPr), _) => {
                if let Some(p) = self.paras.last_mut() {
                    p.style = val(e);
                }
                Tag::Other
            }
            ("numPr", Some(Tag::PPr), _) => Tag::NumPr,
            ("numId", Some(Tag::NumPr), _) => {
                if let Some(p) = self.paras.last_mut() {
                    p.num_id = val_number(e);
                }
                Tag::Other
            }
            ("ilvl", Some(Tag::NumPr), _) => {
                if let Some(p) = self.paras.last_mut() {
                    p.ilvl = val_number(e);
                }
                Tag::Other
            }
            ("outlineLvl", Some(Tag::PPr), _) => {
                if let Some(p) = self.paras.last_mut() {
                    p.outline = val_number(e);
                }
                Tag::Other
            }
            ("rPr", Some(Tag::PPr), _) => Tag::MarkPr,
            ("rPr", Some(Tag::R), _) => Tag::RunPr,
            ("rStyle", Some(Tag::RunPr), _) => {
                self.run.style = val(e);
                Tag::Other
            }
            (prop, Some(Tag::RunPr), _) => {
                self.run.props.set(prop, e);
                Tag::Other
            }
            (prop, Some(Tag::MarkPr), _) => {
                if let Some(p) = self.paras.last_mut() {
                    p.mark.set(prop, e);
                }
                Tag::Other
            }
            ("r", _, _) => {
                self.run = RunProps::default();
                Tag::R
            }
            ("t", Some(Tag::R), _) => Tag::T,
            ("tab" | "ptab", Some(Tag::R), _) => {
                self.text("\t");
                Tag::Other
            }
            ("br", Some(Tag::R), _) => {
                if !matches!(attr(e, "type").as_deref(), Some("page" | "column")) {
                    self.line_break();
                }
                Tag::Other
            }
            ("cr", Some(Tag::R), _) => {
                self.line_break();
                Tag::Other
            }
            ("noBreakHyphen", Some(Tag::R), _) => {
                self.text("-");
                Tag::Other
            }
            ("tbl", _, _) => {
                self.table_depth += 1;
                if self.table_depth == 1 {
                    self.table = Some(TableBuilder {
                        at: self.paragraphs + 1,
                        ..TableBuilder::default()
                    });
                }
                Tag::Tbl
            }
            ("tblGrid", Some(Tag::Tbl), _) => Tag::TblGrid,
            ("gridCol", Some(Tag::TblGrid), _) => {
                if self.table_depth == 1
                    && let Some(t) = &mut self.table
                {
                    t.grid_columns += 1;
                }
                Tag::Other
            }
            ("tr", _, _) => {
                if self.table_depth == 1
                    && let Some(t) = &mut self.table
                {
                    t.finish_row();
                    t.row = Some(Vec::new());
                }
                Tag::Tr
            }
            ("trPr", Some(Tag::Tr), _) => Tag::TrPr,
            ("gridBefore", Some(Tag::TrPr), _) => {
                if self.table_depth == 1
                    && let Some(t) = &mut self.table
                {
                    let n = val_number(e).unwrap_or(0) as usize;
                    let row = t.row.get_or_insert_with(Vec::new);
                    let n = n.min(MAX_COLUMNS.saturating_sub(row.len()));
                    row.resize_with(row.len() + n, Cell::default);
                    t.cells += n;
                }
                Tag::Other
            }
            ("tc", _, _) => {
                if self.table_depth == 1
                    && let Some(t) = &mut self.table
                {
                    t.finish_cell();
                    t.cell = Some(CellBuilder {
                        span: 1,
                        ..CellBuilder::default()
                    });
                }
                Tag::Tc
            }
            ("tcPr", Some(Tag::Tc), _) => Tag::TcPr,
            ("gridSpan", Some(Tag::TcPr), _) => {
                if self.table_depth == 1
                    && let Some(cell) = self.table.as_mut().and_then(|t| t.cell.as_mut())
                {
                    cell.span = (val_number(e).unwrap_or(1) as usize).clamp(1, MAX_COLUMNS);
                }
                Tag::Other
            }
            ("vMerge" | "hMerge", Some(Tag::TcPr), _) => {
                if self.table_depth == 1
                    && let Some(t) = &mut self.table
                {
                    let first_row = t.rows.is_empty() && local == "vMerge";
                    if let Some(cell) = &mut t.cell {
                        let restart = val(e).is_some_and(|v| v.trim() == "restart");
                        cell.continues = !restart && !first_row;
                    }
                }
                Tag::Other
            }
            _ => Tag::Other,
        };
        self.tags.push(tag);
    }

    fn close(&mut self) -> Result<(), String> {
        if self.skip > 0 {
            self.skip -= 1;
            return Ok(());
        }
        match self.tags.pop() {
            Some(Tag::P) => {
                if let Some(builder) = self.paras.pop()
                    && let Some(para) = self.finish_para(builder)
                {
                    self.deliver(para);
                }
            }
            Some(Tag::R) => self.run = RunProps::default(),
            Some(tag @ (Tag::Tc | Tag::Tr)) if self.table_depth == 1 => {
                if let Some(t) = &mut self.table {
                    if tag == Tag::Tc {
                        t.finish_cell();
                    } else {
                        t.finish_row();
                    }
                    if self.cells.saturating_add(t.cells) > MAX_CELLS {
                        return Err(too_many_cells());
                    }
                }
            }
            Some(Tag::Tbl) => {
                if self.table_depth == 1
                    && let Some(mut t) = self.table.take()
                {
                    t.finish_row();
                    let padded = t.rows.len().saturating_mul(t.width());
                    self.cells = self.cells.saturating_add(padded);
                    if self.cells > MAX_CELLS {
                        return Err(too_many_cells());
                    }
                    let table = t.finish();
                    if !table.rows.is_empty() {
                        self.blocks.push(Block::Table(table));
                    }
                }
                self.table_depth = self.table_depth.saturating_sub(1);
            }
            _ => {}
        }
        Ok(())
    }

    /// Where a finished paragraph goes: the current table cell, or the body.
    fn deliver(&mut self, para: Para) {
        match &mut self.table {
            Some(t) if self.table_depth > 0 => t
                .cell
                .get_or_insert_with(|| CellBuilder {
                    span: 1,
                    ..CellBuilder::default()
                })
                .paras
                .push(para),
            _ => self.blocks.push(Block::Para(para)),
        }
    }

    /// Appends text of the current run to the current paragraph.
    fn text(&mut self, text: &str) {
        if let Some(p) = self.paras.last_mut() {
            p.push_text(text, &self.run, self.styles);
        }
    }

    fn line_break(&mut self) {
        if let Some(p) = self.paras.last_mut() {
            p.push_break();
        }
    }

    /// Turns a paragraph read into a [`Para`], or `None` when it has no text.
    fn finish_para(&mut self, p: ParaBuilder) -> Option<Para> {
        p.finish(self.styles, &mut self.numbering)
    }

    /// The blocks read, once the whole document has been walked.
    pub(super) fn finish(mut self) -> Vec<Block> {
        // Close what a malformed document left open (walk checks balance, so normally nothing).
        while let Some(p) = self.paras.pop() {
            if let Some(para) = self.finish_para(p) {
                self.deliver(para);
            }
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
