//! The body reader: walks document.xml event by event, opening and closing paragraphs, runs
//! and tables, and collects the [`Block`]s in document order.

use quick_xml::events::BytesStart;

use super::numbering::Numbering;
use super::paragraph::{ParaBuilder, RunProps};
use super::story::Story;
use super::styles::Styles;
use super::table::{MAX_CELLS, TableBuilder, too_many_cells};
use super::xml::{Ev, attr, on_off, val, val_number};
use crate::import::doc::Block;

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
    /// A picture, shape or embedded object (`w:drawing`, `w:pict`, `w:object`) or anything
    /// inside one: only a text box in it is read.
    Graphic,
    /// `w:txbxContent`: a story of its own.
    TextBox,
    /// `mc:AlternateContent`, and whether one of its branches has been read.
    Alternate(bool),
    /// The branch of `mc:AlternateContent` that is read: transparent, its content is read as
    /// if it stood in place of the `mc:AlternateContent`.
    Branch,
    /// `w:sdt`, and whether it shows placeholder text (`w:showingPlcHdr`): its structure
    /// is read (a cell stays a cell), its text is not.
    Sdt(bool),
    SdtPr,
    Other,
}

/// Elements whose content is not part of the text: tracked deletions and moves, field codes,
/// old versions of properties, ruby annotations.
const SKIPPED: &[&str] = &[
    "del",
    "moveFrom",
    "delText",
    "delInstrText",
    "instrText",
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

/// How many text boxes inside text boxes are read as stories of their own (placed after their
/// anchor); the text of boxes nested deeper is read where it stands.
const MAX_TEXT_BOX_DEPTH: usize = 4;

/// Reads the body of document.xml, event by event.
pub(super) struct BodyReader<'s> {
    styles: &'s Styles,
    numbering: Numbering,
    /// The open elements.
    tags: Vec<Tag>,
    /// For each open element, the parent its children see (see [`BodyReader::parent`]).
    seen: Vec<Option<Tag>>,
    /// How many elements deep we are inside a skipped element (0: not skipping).
    skip: usize,
    /// Paragraphs seen so far (the `at` of the last one).
    paragraphs: usize,
    /// The story being read: the body, or the innermost open text box.
    story: Story,
    /// The stories around the open text boxes, outermost (the body) first.
    outer: Vec<Story>,
    /// Open content controls showing placeholder text ("Click here to enter text"): their
    /// text is not the document's.
    placeholders: usize,
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
            tags: Vec::new(),
            seen: Vec::new(),
            skip: 0,
            paragraphs: 0,
            story: Story::default(),
            outer: Vec::new(),
            placeholders: 0,
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

    /// The parent of the element being opened, as its content sees it: the branches of
    /// `mc:AlternateContent` are left out.
    fn parent(&self) -> Option<Tag> {
        self.seen.last().copied().flatten()
    }

    /// Opens an element.
    fn push(&mut self, tag: Tag) {
        let seen = match tag {
            Tag::Alternate(_) | Tag::Branch => self.parent(),
            _ => Some(tag),
        };
        self.tags.push(tag);
        self.seen.push(seen);
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
        let tag = match self.structure(local, e) {
            Some(tag) => tag,
            None => self.content(local, e),
        };
        match tag {
            Some(tag) => self.push(tag),
            None => self.skip = 1,
        }
    }

    /// The tag of elements that decide what is read at all: text boxes and the pictures
    /// around them, alternate content, content controls; `Some(None)` to skip the element,
    /// `None` when the element is none of these.
    fn structure(&mut self, local: &str, e: &BytesStart<'_>) -> Option<Option<Tag>> {
        let parent = self.parent();
        let tag = match (local, parent, self.tags.last().copied()) {
            ("txbxContent", _, _) if self.outer.len() < MAX_TEXT_BOX_DEPTH => {
                self.outer.push(std::mem::take(&mut self.story));
                Tag::TextBox
            }
            // Deeper (Word makes none at all inside a text box): read in place, so that no
            // paragraph is moved more than MAX_TEXT_BOX_DEPTH times.
            ("txbxContent", _, _) => Tag::Other,
            ("Choice" | "Fallback", _, Some(Tag::Alternate(taken))) => {
                if taken {
                    return Some(None);
                }
                if let Some(alternate) = self.tags.last_mut() {
                    *alternate = Tag::Alternate(true);
                }
                Tag::Branch
            }
            // Outside mc:AlternateContent, a fallback is not meant to be read.
            ("Fallback", _, _) => return Some(None),
            ("AlternateContent", _, _) => Tag::Alternate(false),
            (_, Some(Tag::Graphic), _) | ("drawing" | "pict" | "object", _, _) => Tag::Graphic,
            ("sdt", _, _) => Tag::Sdt(false),
            ("sdtPr", Some(Tag::Sdt(_)), _) => Tag::SdtPr,
            ("showingPlcHdr", Some(Tag::SdtPr), _) => {
                if let Some(sdt @ Tag::Sdt(false)) = self.tags.iter_mut().rev().nth(1)
                    && on_off(e)
                {
                    *sdt = Tag::Sdt(true);
                    self.placeholders += 1;
                }
                Tag::Other
            }
            _ => return None,
        };
        Some(Some(tag))
    }

    /// The tag of the elements of paragraphs, runs and tables.
    fn content(&mut self, local: &str, e: &BytesStart<'_>) -> Option<Tag> {
        let parent = self.parent();
        let story = &mut self.story;
        let para = story.paras.last_mut();
        let tag = match (local, parent) {
            ("p", _) => {
                self.paragraphs += 1;
                story.paras.push(ParaBuilder {
                    at: self.paragraphs,
                    ..ParaBuilder::default()
                });
                Tag::P
            }
            ("pPr", Some(Tag::P)) => Tag::PPr,
            ("numPr", Some(Tag::PPr)) => Tag::NumPr,
            ("rPr", Some(Tag::PPr)) => Tag::MarkPr,
            ("rPr", Some(Tag::R)) => Tag::RunPr,
            ("pStyle", Some(Tag::PPr)) => {
                if let Some(p) = para {
                    p.style = val(e);
                }
                Tag::Other
            }
            ("numId", Some(Tag::NumPr)) => {
                if let Some(p) = para {
                    p.num_id = val_number(e);
                }
                Tag::Other
            }
            ("ilvl", Some(Tag::NumPr)) => {
                if let Some(p) = para {
                    p.ilvl = val_number(e);
                }
                Tag::Other
            }
            ("outlineLvl", Some(Tag::PPr)) => {
                if let Some(p) = para {
                    p.outline = val_number(e);
                }
                Tag::Other
            }
            ("rStyle", Some(Tag::RunPr)) => {
                story.run.style = val(e);
                Tag::Other
            }
            (prop, Some(Tag::RunPr)) => {
                story.run.props.set(prop, e);
                Tag::Other
            }
            (prop, Some(Tag::MarkPr)) => {
                if let Some(p) = para {
                    p.mark.set(prop, e);
                }
                Tag::Other
            }
            ("r", _) => {
                story.run = RunProps::default();
                Tag::R
            }
            ("t", Some(Tag::R)) => Tag::T,
            ("tab" | "ptab", Some(Tag::R)) => {
                self.text("\t");
                Tag::Other
            }
            ("br", Some(Tag::R)) => {
                if !matches!(attr(e, "type").as_deref(), Some("page" | "column")) {
                    self.line_break();
                }
                Tag::Other
            }
            ("cr", Some(Tag::R)) => {
                self.line_break();
                Tag::Other
            }
            ("noBreakHyphen", Some(Tag::R)) => {
                self.text("-");
                Tag::Other
            }
            _ => self.table_part(local, parent, e),
        };
        Some(tag)
    }

    /// The tag of the elements of tables.
    fn table_part(&mut self, local: &str, parent: Option<Tag>, e: &BytesStart<'_>) -> Tag {
        let table = self.story.table();
        match (local, parent) {
            ("tbl", _) => {
                self.story.open_table(self.paragraphs + 1);
                Tag::Tbl
            }
            ("tblGrid", Some(Tag::Tbl)) => Tag::TblGrid,
            ("gridCol", Some(Tag::TblGrid)) => {
                if let Some(t) = table {
                    TableBuilder::grid_column(t);
                }
                Tag::Other
            }
            ("tr", _) => {
                if let Some(t) = table {
                    TableBuilder::start_row(t);
                }
                Tag::Tr
            }
            ("trPr", Some(Tag::Tr)) => Tag::TrPr,
            ("gridBefore", Some(Tag::TrPr)) => {
                if let Some(t) = table {
                    t.grid_before(val_number(e).unwrap_or(0) as usize);
                }
                Tag::Other
            }
            ("tc", _) => {
                if let Some(t) = table {
                    TableBuilder::start_cell(t);
                }
                Tag::Tc
            }
            ("tcPr", Some(Tag::Tc)) => Tag::TcPr,
            ("gridSpan", Some(Tag::TcPr)) => {
                if let Some(t) = table {
                    t.span(val_number(e));
                }
                Tag::Other
            }
            ("vMerge" | "hMerge", Some(Tag::TcPr)) => {
                let restart = val(e).is_some_and(|v| v.trim() == "restart");
                if let Some(t) = table {
                    t.merge(local == "vMerge", restart);
                }
                Tag::Other
            }
            _ => Tag::Other,
        }
    }

    fn close(&mut self) -> Result<(), String> {
        if self.skip > 0 {
            self.skip -= 1;
            return Ok(());
        }
        self.seen.pop();
        match self.tags.pop() {
            Some(Tag::P) => self.story.close_para(self.styles, &mut self.numbering),
            Some(Tag::R) => self.story.run = RunProps::default(),
            Some(tag @ (Tag::Tc | Tag::Tr)) => {
                if let Some(t) = self.story.table() {
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
            Some(Tag::Tbl) => self.story.close_table(&mut self.cells)?,
            Some(Tag::TextBox) => self.close_text_box(),
            Some(Tag::Sdt(true)) => self.placeholders = self.placeholders.saturating_sub(1),
            _ => {}
        }
        Ok(())
    }

    /// The innermost text box closes: its blocks go after the paragraph that anchors it.
    fn close_text_box(&mut self) {
        let Some(outer) = self.outer.pop() else {
            return;
        };
        let text_box = std::mem::replace(&mut self.story, outer);
        let blocks = text_box.finish(self.styles, &mut self.numbering);
        self.story.anchor(blocks);
    }

    /// Appends text of the current run to the current paragraph.
    fn text(&mut self, text: &str) {
        if self.placeholders > 0 {
            return;
        }
        let story = &mut self.story;
        if let Some(p) = story.paras.last_mut() {
            p.push_text(text, &story.run, self.styles);
        }
    }

    fn line_break(&mut self) {
        if let Some(p) = self.story.paras.last_mut() {
            p.push_break();
        }
    }

    /// The blocks read, once the whole document has been walked.
    pub(super) fn finish(mut self) -> Vec<Block> {
        // Close text boxes a malformed document left open (walk checks balance, so normally
        // there are none).
        while !self.outer.is_empty() {
            self.close_text_box();
        }
        self.story.finish(self.styles, &mut self.numbering)
    }
}
