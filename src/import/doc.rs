//! The document both readers produce and the recogniser reads: a flat list of paragraphs and
//! tables, their text already written as Markdown inline text.
//!
//! A reader (`text.rs` for .txt/.md, `docx.rs` for Word) knows its format and nothing about
//! plans; the recogniser (`recognise.rs`) knows plans and nothing about formats.

/// A paragraph or a table, in document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph.
    Para(Para),
    /// A table.
    Table(Table),
}

/// One paragraph.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Para {
    /// Where it starts in the input: the line of a text file, the paragraph number (from 1,
    /// counting paragraphs inside tables too) of a Word document.
    pub at: usize,
    /// The text as Markdown inline text: emphasis as `**…**` and `*…*`, characters Markdown
    /// would misread escaped, line breaks inside the paragraph as a backslash and a newline.
    /// A number Word adds (a numbered list, "I." from a heading style) is written into the
    /// text, since in a plan it is part of the wording ("1.", "a.", "II.").
    pub text: String,
    /// The same text without any markup (no escapes, no `*`), line breaks as `\n`: what the
    /// recogniser matches against.
    pub plain: String,
    /// `Some(level)` (0 for the outermost) when the paragraph is an item of a bulleted list;
    /// the bullet itself is not in the text.
    pub bullet: Option<u8>,
    /// The whole text is bold (a Word heading or a bold title line).
    pub bold: bool,
    /// The outline level of a Word heading style ("Heading 1" is 1), if any.
    pub heading: Option<u8>,
}

/// One table: rows of cells. Rows have as many cells as the table has grid columns; a cell
/// merged into the one to its left or above is present but empty, with `merged` set.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Where it starts in the input (as for [`Para::at`]).
    pub at: usize,
    /// The rows, top to bottom.
    pub rows: Vec<Vec<Cell>>,
}

/// One table cell: its paragraphs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    /// The paragraphs in the cell, in order (an empty cell has none).
    pub paras: Vec<Para>,
    /// The cell continues a merged cell (to its left or above); its text is in that cell.
    pub merged: bool,
}

impl Cell {
    /// The cell's plain text, paragraphs joined by newlines.
    pub fn plain(&self) -> String {
        let parts: Vec<&str> = self.paras.iter().map(|p| p.plain.as_str()).collect();
        parts.join("\n")
    }
}
