//! Builds Word documents (.docx) for the import tests: real WordprocessingML (the parts Word
//! and LibreOffice need to open it), generated in memory so no binary fixture is checked in.
//!
//! ```ignore
//! let bytes = Docx::new()
//!     .heading(1, "KẾ HOẠCH")
//!     .outline(0, "ĐẶC ĐIỂM")              // "I. ĐẶC ĐIỂM"
//!     .para(&[Run::bold("Ghi chú: "), Run::plain("văn bản")])
//!     .bullet(0, "một ý")
//!     .table(&[
//!         vec![CellSpec::bold("Tháng").merge_down(), CellSpec::bold("Nội dung").span(2)],
//!         vec![CellSpec::merged(), CellSpec::text("a"), CellSpec::bullets(&["x", "y"])],
//!     ])
//!     .bytes();
//! ```
#![allow(dead_code)] // each test crate uses a different part of the helpers

use std::fmt::Write as _;
use std::io::{Cursor, Write as _};

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A number format of a numbered list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumFmt {
    /// 1. 2. 3.
    Decimal,
    /// 01. 02. … 10.
    DecimalZero,
    /// I. II. III.
    UpperRoman,
    /// i. ii. iii.
    LowerRoman,
    /// A. B. C.
    UpperLetter,
    /// a) b) c)
    LowerLetter,
}

impl NumFmt {
    const ALL: [NumFmt; 6] = [
        NumFmt::Decimal,
        NumFmt::DecimalZero,
        NumFmt::UpperRoman,
        NumFmt::LowerRoman,
        NumFmt::UpperLetter,
        NumFmt::LowerLetter,
    ];

    /// The `w:numFmt` value.
    fn word(self) -> &'static str {
        match self {
            NumFmt::Decimal => "decimal",
            NumFmt::DecimalZero => "decimalZero",
            NumFmt::UpperRoman => "upperRoman",
            NumFmt::LowerRoman => "lowerRoman",
            NumFmt::UpperLetter => "upperLetter",
            NumFmt::LowerLetter => "lowerLetter",
        }
    }

    /// What follows the number ("." or ")").
    fn after(self) -> char {
        match self {
            NumFmt::LowerLetter => ')',
            _ => '.',
        }
    }

    /// The `w:numId` of the list with this format (1 is the bullets, 2 the outline).
    fn num_id(self) -> usize {
        3 + NumFmt::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }
}

/// The list of bulleted paragraphs.
const BULLET_NUM_ID: usize = 2;
/// The plan outline list: I. / 1. / a) / - .
const OUTLINE_NUM_ID: usize = 1;

/// A run of text with its emphasis, or a line break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    text: String,
    bold: bool,
    italic: bool,
    line_break: bool,
}

impl Run {
    /// Text without emphasis. A `\t` becomes a tab, a `\n` a line break.
    pub fn plain(text: &str) -> Run {
        Run {
            text: text.to_string(),
            bold: false,
            italic: false,
            line_break: false,
        }
    }

    /// Bold text.
    pub fn bold(text: &str) -> Run {
        Run {
            bold: true,
            ..Run::plain(text)
        }
    }

    /// Italic text.
    pub fn italic(text: &str) -> Run {
        Run {
            italic: true,
            ..Run::plain(text)
        }
    }

    /// Bold italic text.
    pub fn bold_italic(text: &str) -> Run {
        Run {
            bold: true,
            italic: true,
            ..Run::plain(text)
        }
    }

    /// A line break inside the paragraph (Shift+Enter).
    pub fn line_break() -> Run {
        Run {
            line_break: true,
            ..Run::plain("")
        }
    }

    fn xml(&self) -> String {
        let mut out = String::from("<w:r>");
        if self.bold || self.italic {
            out.push_str("<w:rPr>");
            if self.bold {
                out.push_str("<w:b/><w:bCs/>");
            }
            if self.italic {
                out.push_str("<w:i/><w:iCs/>");
            }
            out.push_str("</w:rPr>");
        }
        if self.line_break {
            out.push_str("<w:br/>");
        }
        for (i, line) in self.text.split('\n').enumerate() {
            if i > 0 {
                out.push_str("<w:br/>");
            }
            for (j, part) in line.split('\t').enumerate() {
                if j > 0 {
                    out.push_str("<w:tab/>");
                }
                if !part.is_empty() {
                    let _ = write!(out, r#"<w:t xml:space="preserve">{}</w:t>"#, escape(part));
                }
            }
        }
        out.push_str("</w:r>");
        out
    }
}

/// A paragraph: its properties and runs.
#[derive(Debug, Clone, Default)]
struct Paragraph {
    style: Option<String>,
    /// (numId, level)
    list: Option<(usize, u8)>,
    runs: Vec<Run>,
}

impl Paragraph {
    fn xml(&self) -> String {
        let mut out = String::from("<w:p>");
        if self.style.is_some() || self.list.is_some() {
            out.push_str("<w:pPr>");
            if let Some(style) = &self.style {
                let _ = write!(out, r#"<w:pStyle w:val="{}"/>"#, escape(style));
            }
            if let Some((num_id, level)) = self.list {
                let _ = write!(
                    out,
                    r#"<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>"#
                );
            }
            out.push_str("</w:pPr>");
        }
        for run in &self.runs {
            out.push_str(&run.xml());
        }
        out.push_str("</w:p>");
        out
    }
}

/// How a table cell takes part in a vertical merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum VMerge {
    None,
    Restart,
    Continue,
}

/// One table cell: its paragraphs, how many grid columns it spans, and vertical merging.
#[derive(Debug, Clone)]
pub struct CellSpec {
    paras: Vec<Paragraph>,
    span: usize,
    vmerge: VMerge,
}

impl CellSpec {
    /// An empty cell (one empty paragraph, as Word writes it).
    pub fn empty() -> CellSpec {
        CellSpec {
            paras: Vec::new(),
            span: 1,
            vmerge: VMerge::None,
        }
    }

    /// A cell with one paragraph of text.
    pub fn text(text: &str) -> CellSpec {
        CellSpec::empty().line(text)
    }

    /// A cell with one bold paragraph.
    pub fn bold(text: &str) -> CellSpec {
        CellSpec::empty().runs(&[Run::bold(text)])
    }

    /// A cell with one paragraph per line (`"- việc"` lines stay text, as typed).
    pub fn lines(lines: &[&str]) -> CellSpec {
        lines.iter().fold(CellSpec::empty(), |cell, l| cell.line(l))
    }

    /// A cell holding a bulleted list (Word list paragraphs, level 0).
    pub fn bullets(items: &[&str]) -> CellSpec {
        items
            .iter()
            .fold(CellSpec::empty(), |cell, item| cell.bullet(0, item))
    }

    /// A cell that continues the vertical merge of the cell above (no text).
    pub fn merged() -> CellSpec {
        CellSpec {
            vmerge: VMerge::Continue,
            ..CellSpec::empty()
        }
    }

    /// Adds a paragraph of text.
    pub fn line(mut self, text: &str) -> CellSpec {
        self.paras.push(Paragraph {
            runs: vec![Run::plain(text)],
            ..Paragraph::default()
        });
        self
    }

    /// Adds a paragraph of runs.
    pub fn runs(mut self, runs: &[Run]) -> CellSpec {
        self.paras.push(Paragraph {
            runs: runs.to_vec(),
            ..Paragraph::default()
        });
        self
    }

    /// Adds a bulleted paragraph at `level` (0 outermost).
    pub fn bullet(mut self, level: u8, text: &str) -> CellSpec {
        self.paras.push(Paragraph {
            list: Some((BULLET_NUM_ID, level)),
            runs: vec![Run::plain(text)],
            ..Paragraph::default()
        });
        self
    }

    /// The cell spans `n` grid columns (`w:gridSpan`).
    pub fn span(mut self, n: usize) -> CellSpec {
        self.span = n.max(1);
        self
    }

    /// The cell starts a vertical merge with the cells below made with [`CellSpec::merged`].
    pub fn merge_down(mut self) -> CellSpec {
        self.vmerge = VMerge::Restart;
        self
    }

    fn xml(&self) -> String {
        let mut out = String::from(r#"<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/>"#);
        if self.span > 1 {
            let _ = write!(out, r#"<w:gridSpan w:val="{}"/>"#, self.span);
        }
        match self.vmerge {
            VMerge::None => {}
            VMerge::Restart => out.push_str(r#"<w:vMerge w:val="restart"/>"#),
            VMerge::Continue => out.push_str("<w:vMerge/>"),
        }
        out.push_str("</w:tcPr>");
        if self.paras.is_empty() {
            out.push_str("<w:p/>");
        }
        for para in &self.paras {
            out.push_str(&para.xml());
        }
        out.push_str("</w:tc>");
        out
    }
}

/// A Word document being built, paragraph by paragraph.
#[derive(Debug, Clone, Default)]
pub struct Docx {
    body: String,
}

impl Docx {
    /// An empty document.
    pub fn new() -> Docx {
        Docx::default()
    }

    fn push(mut self, para: Paragraph) -> Docx {
        self.body.push_str(&para.xml());
        self
    }

    /// A paragraph of runs.
    pub fn para(self, runs: &[Run]) -> Docx {
        self.push(Paragraph {
            runs: runs.to_vec(),
            ..Paragraph::default()
        })
    }

    /// A paragraph of plain text (`\n` makes line breaks, `\t` tabs).
    pub fn text(self, text: &str) -> Docx {
        self.para(&[Run::plain(text)])
    }

    /// A paragraph of bold text.
    pub fn bold(self, text: &str) -> Docx {
        self.para(&[Run::bold(text)])
    }

    /// An empty paragraph (still counted as a paragraph).
    pub fn empty(self) -> Docx {
        self.para(&[])
    }

    /// A paragraph in the style "Heading `level`" (1–3; bold through the style), or "Title"
    /// for level 0.
    pub fn heading(self, level: u8, text: &str) -> Docx {
        let style = match level {
            0 => "Title".to_string(),
            n => format!("Heading{}", n.min(3)),
        };
        self.push(Paragraph {
            style: Some(style),
            runs: vec![Run::plain(text)],
            ..Paragraph::default()
        })
    }

    /// An item of a bulleted list at `level` (0 outermost).
    pub fn bullet(self, level: u8, text: &str) -> Docx {
        self.push(Paragraph {
            list: Some((BULLET_NUM_ID, level)),
            runs: vec![Run::plain(text)],
            ..Paragraph::default()
        })
    }

    /// An item of the numbered list with format `fmt` at `level`: the number is that
    /// level's counter ("%N."), continuing through the document; deeper levels restart
    /// when a shallower one advances.
    pub fn numbered(self, fmt: NumFmt, level: u8, text: &str) -> Docx {
        self.push(Paragraph {
            list: Some((fmt.num_id(), level)),
            runs: vec![Run::plain(text)],
            ..Paragraph::default()
        })
    }

    /// An item of the plan outline list, as Vietnamese plans number their parts: level 0
    /// "I.", level 1 "1.", level 2 "a)", deeper levels "-" bullets.
    pub fn outline(self, level: u8, text: &str) -> Docx {
        self.push(Paragraph {
            list: Some((OUTLINE_NUM_ID, level)),
            runs: vec![Run::plain(text)],
            ..Paragraph::default()
        })
    }

    /// A bold outline item (a numbered heading typed in bold).
    pub fn outline_bold(self, level: u8, text: &str) -> Docx {
        self.push(Paragraph {
            list: Some((OUTLINE_NUM_ID, level)),
            runs: vec![Run::bold(text)],
            ..Paragraph::default()
        })
    }

    /// A table with a grid as wide as its widest row (spans counted).
    pub fn table(mut self, rows: &[Vec<CellSpec>]) -> Docx {
        let columns = rows
            .iter()
            .map(|row| row.iter().map(|c| c.span).sum::<usize>())
            .max()
            .unwrap_or(1)
            .max(1);
        let width = 9000 / columns;
        self.body.push_str(
            r#"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders><w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>"#,
        );
        for _ in 0..columns {
            let _ = write!(self.body, r#"<w:gridCol w:w="{width}"/>"#);
        }
        self.body.push_str("</w:tblGrid>");
        for row in rows {
            self.body.push_str("<w:tr>");
            for cell in row {
                self.body.push_str(&cell.xml());
            }
            self.body.push_str("</w:tr>");
        }
        self.body.push_str("</w:tbl>");
        self
    }

    /// Raw WordprocessingML appended to the body (for what the builder has no method for).
    pub fn raw(mut self, xml: &str) -> Docx {
        self.body.push_str(xml);
        self
    }

    /// The word/document.xml part.
    pub fn document_xml(&self) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>"#,
            self.body
        )
    }

    /// The .docx file.
    pub fn bytes(&self) -> Vec<u8> {
        let parts = [
            ("[Content_Types].xml", CONTENT_TYPES.to_string()),
            ("_rels/.rels", PACKAGE_RELS.to_string()),
            ("word/document.xml", self.document_xml()),
            ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
            ("word/styles.xml", styles_xml()),
            ("word/numbering.xml", numbering_xml()),
        ];
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, xml) in parts {
            zip.start_file(name, options).expect("zip entry");
            zip.write_all(xml.as_bytes()).expect("zip write");
        }
        zip.finish().expect("zip").into_inner()
    }
}

/// Escapes text for XML content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#;

/// Normal, Title, Heading 1–3 (bold, with outline levels) and List Paragraph.
fn styles_xml() -> String {
    let mut out = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="32"/></w:rPr></w:style>"#
    );
    for level in 1..=3 {
        let _ = write!(
            out,
            r#"<w:style w:type="paragraph" w:styleId="Heading{level}"><w:name w:val="heading {level}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="{}"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>"#,
            level - 1
        );
    }
    out.push_str(r#"<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="720"/></w:pPr></w:style></w:styles>"#);
    out
}

/// One `w:lvl`.
fn level_xml(ilvl: usize, format: &str, text: &str) -> String {
    let indent = 360 * (ilvl + 1);
    format!(
        r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{format}"/><w:lvlText w:val="{}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{indent}" w:hanging="360"/></w:pPr></w:lvl>"#,
        escape(text)
    )
}

/// The lists: the plan outline (abstract 0, numId 1), bullets (abstract 1, numId 2) and one
/// list per [`NumFmt`] (abstract 2…, numId 3…).
fn numbering_xml() -> String {
    let mut out = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W_NS}">"#
    );
    // The outline.
    out.push_str(r#"<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>"#);
    out.push_str(&level_xml(0, "upperRoman", "%1."));
    out.push_str(&level_xml(1, "decimal", "%2."));
    out.push_str(&level_xml(2, "lowerLetter", "%3)"));
    for ilvl in 3..9 {
        out.push_str(&level_xml(ilvl, "bullet", "-"));
    }
    out.push_str("</w:abstractNum>");
    // Bullets.
    out.push_str(
        r#"<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>"#,
    );
    for ilvl in 0..9 {
        let symbol = ["-", "+", "•"][ilvl % 3];
        out.push_str(&level_xml(ilvl, "bullet", symbol));
    }
    out.push_str("</w:abstractNum>");
    // One list per number format.
    for (i, fmt) in NumFmt::ALL.iter().enumerate() {
        let _ = write!(
            out,
            r#"<w:abstractNum w:abstractNumId="{}"><w:multiLevelType w:val="multilevel"/>"#,
            i + 2
        );
        for ilvl in 0..9 {
            let text = format!("%{}{}", ilvl + 1, fmt.after());
            out.push_str(&level_xml(ilvl, fmt.word(), &text));
        }
        out.push_str("</w:abstractNum>");
    }
    let _ = write!(
        out,
        r#"<w:num w:numId="{OUTLINE_NUM_ID}"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="{BULLET_NUM_ID}"><w:abstractNumId w:val="1"/></w:num>"#
    );
    for (i, fmt) in NumFmt::ALL.iter().enumerate() {
        let _ = write!(
            out,
            r#"<w:num w:numId="{}"><w:abstractNumId w:val="{}"/></w:num>"#,
            fmt.num_id(),
            i + 2
        );
    }
    out.push_str("</w:numbering>");
    out
}
