//! Reads a Word document (.docx) into [`Block`]s.
//!
//! A .docx is a zip of XML parts. We read three of them: the document itself (normally
//! `word/document.xml`, found through `_rels/.rels`), its styles (for bold and heading
//! styles, and lists attached to styles) and its numbering (to write list numbers the way
//! Word shows them). Headers, footers, footnotes, comments and pictures are left out.
//!
//! Everything is read with a streaming XML reader and explicit stacks, never recursion, so no
//! document can overflow the stack; each part is read through a 64 MiB limit, so no zip bomb
//! can exhaust memory.

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use zip::ZipArchive;
use zip::result::ZipError;

use crate::diagnostic::Diagnostic;
use crate::import::doc::{Block, Cell, Para, Table};

/// The most one part of the document may unpack to.
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// The signature of an OLE compound file: a Word 97-2003 .doc, or an encrypted .docx.
const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The most grid columns a table row keeps; the text of cells beyond goes into the last one.
/// (Word itself allows 63.)
const MAX_COLUMNS: usize = 256;

/// The most cells all tables together may have (after padding rows to the table's width).
const MAX_CELLS: usize = 1_000_000;

/// How many `w:basedOn` links are followed before a style chain is taken to be a loop.
const MAX_STYLE_CHAIN: usize = 32;

/// The hint for a file that is damaged.
const CORRUPT_HINT: &str = "the file may be damaged or only partly copied; open it in Word or \
     LibreOffice, save it again as Word Document (.docx), and import the new file";

/// Reads a Word document (.docx) into blocks.
///
/// `path` is only used in diagnostics; `bytes` is the whole file.
pub fn read(path: &Path, bytes: &[u8]) -> Result<Vec<Block>, Diagnostic> {
    let mut package = Package::open(path, bytes)?;
    let main = package.main_part()?;
    let Some(document) = package.part(&main)? else {
        return Err(package.not_word());
    };
    let rels = match package.part(&rels_path(&main))? {
        Some(xml) => parse_rels(&xml).map_err(|e| package.corrupt(&rels_path(&main), &e))?,
        None => Vec::new(),
    };
    let part_for = |kind: &str, default: &str| {
        rels.iter()
            .find(|r| r.kind.rsplit('/').next() == Some(kind) && !r.external)
            .map(|r| resolve_target(&main, &r.target))
            .unwrap_or_else(|| default.to_string())
    };
    let styles_name = part_for("styles", "word/styles.xml");
    let numbering_name = part_for("numbering", "word/numbering.xml");

    let styles = match package.part(&styles_name)? {
        Some(xml) => Styles::parse(&xml).map_err(|e| package.corrupt(&styles_name, &e))?,
        None => Styles::default(),
    };
    let numbering = match package.part(&numbering_name)? {
        Some(xml) => Numbering::parse(&xml).map_err(|e| package.corrupt(&numbering_name, &e))?,
        None => Numbering::default(),
    };

    let mut body = BodyReader::new(&styles, numbering);
    match walk(&document, |ev| body.event(ev)) {
        // The main part of a spreadsheet or a presentation has another root element.
        Ok(()) if !body.is_word => Err(package.not_word()),
        Ok(()) => Ok(body.finish()),
        Err(XmlFail::Malformed(e)) => Err(package.corrupt(&main, &e)),
        Err(XmlFail::Stopped(e)) => Err(Diagnostic::error(path, e).hint(
            "plansite refuses documents this large to protect against malicious files; \
             split the document or simplify its tables",
        )),
    }
}

// ---------------------------------------------------------------------------------------------
// The zip package.

/// The opened zip, with the file's path for diagnostics.
struct Package<'a> {
    path: &'a Path,
    zip: ZipArchive<Cursor<&'a [u8]>>,
}

impl<'a> Package<'a> {
    /// Opens the zip, telling apart the files that are not one.
    fn open(path: &'a Path, bytes: &'a [u8]) -> Result<Package<'a>, Diagnostic> {
        if bytes.is_empty() {
            return Err(Diagnostic::error(path, "the file is empty")
                .hint("check that the document was saved completely, or choose another file"));
        }
        if bytes.starts_with(&CFB_MAGIC) {
            return Err(Diagnostic::error(
                path,
                "this is an old Word 97-2003 document (.doc) or a password-protected .docx",
            )
            .hint(
                "open it in Word or LibreOffice, remove the password if it has one, and save it \
                 as Word Document (.docx); then import the new file",
            ));
        }
        match ZipArchive::new(Cursor::new(bytes)) {
            Ok(zip) => Ok(Package { path, zip }),
            Err(e) if bytes.starts_with(b"PK") => Err(Diagnostic::error(
                path,
                format!(
                    "the Word document is corrupt: {}",
                    zip_error(&e).trim_end().trim_end_matches('.')
                ),
            )
            .hint(CORRUPT_HINT)),
            Err(_) => Err(not_a_zip(path, bytes)),
        }
    }

    /// The name of the main document part: the `officeDocument` relationship of
    /// `_rels/.rels`, or `word/document.xml` when there is none.
    fn main_part(&mut self) -> Result<String, Diagnostic> {
        const DEFAULT: &str = "word/document.xml";
        let Some(xml) = self.part("_rels/.rels")? else {
            return Ok(DEFAULT.to_string());
        };
        let rels = parse_rels(&xml).map_err(|e| self.corrupt("_rels/.rels", &e))?;
        let main = rels
            .iter()
            .find(|r| r.kind.rsplit('/').next() == Some("officeDocument") && !r.external)
            .map(|r| resolve_target("", &r.target));
        Ok(match main {
            Some(name) if self.zip.index_for_name(&name).is_some() => name,
            _ => DEFAULT.to_string(),
        })
    }

    /// The text of the part `name`, or `None` when the zip has no such part.
    fn part(&mut self, name: &str) -> Result<Option<String>, Diagnostic> {
        let path = self.path;
        let mut file = match self.zip.by_name(name) {
            Ok(file) => file,
            Err(ZipError::FileNotFound) => return Ok(None),
            Err(ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED)) => {
                return Err(password_protected(path));
            }
            Err(ZipError::UnsupportedArchive(what)) => {
                return Err(Diagnostic::error(
                    path,
                    format!("the Word document uses a zip feature plansite cannot read: {what}"),
                )
                .hint(CORRUPT_HINT));
            }
            Err(ZipError::CompressionMethodNotSupported(method)) => {
                return Err(Diagnostic::error(
                    path,
                    format!(
                        "the Word document is compressed in a way plansite cannot read \
                         (zip method {method})"
                    ),
                )
                .hint(CORRUPT_HINT));
            }
            Err(e) => return Err(corrupt(path, name, &zip_error(&e))),
        };
        if file.encrypted() {
            return Err(password_protected(path));
        }
        if file.size() > MAX_PART_BYTES {
            return Err(too_large(path, name));
        }
        let bytes = match read_limited(&mut file, MAX_PART_BYTES) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => return Err(too_large(path, name)),
            Err(e) => return Err(corrupt(path, name, &e.to_string())),
        };
        drop(file);
        decode_text(bytes)
            .map(Some)
            .map_err(|e| corrupt(path, name, &e))
    }

    /// The error for a part that cannot be read.
    fn corrupt(&self, part: &str, detail: &str) -> Diagnostic {
        corrupt(self.path, part, detail)
    }

    /// The error for a zip without a Word document in it, naming what it seems to be.
    fn not_word(&mut self) -> Diagnostic {
        let has = |zip: &ZipArchive<Cursor<&[u8]>>, name: &str| zip.index_for_name(name).is_some();
        let reason = if has(&self.zip, "xl/workbook.xml") {
            "it is an Excel workbook (.xlsx)".to_string()
        } else if has(&self.zip, "ppt/presentation.xml") {
            "it is a PowerPoint presentation (.pptx)".to_string()
        } else if has(&self.zip, "content.xml") && has(&self.zip, "mimetype") {
            match self.part("mimetype") {
                Ok(Some(m)) if m.trim() == "application/vnd.oasis.opendocument.text" => {
                    "it is an OpenDocument text (.odt)".to_string()
                }
                _ => "it is an OpenDocument file".to_string(),
            }
        } else if has(&self.zip, "word/document.xml") {
            "its word/document.xml holds no Word document".to_string()
        } else {
            "the zip archive has no word/document.xml".to_string()
        };
        Diagnostic::error(self.path, format!("not a Word document (.docx): {reason}")).hint(
            "open it in Word or LibreOffice and save it as Word Document (.docx), then import \
             the new file",
        )
    }
}

/// Everything `reader` gives, or `None` when that is more than `limit` bytes (whatever the
/// zip headers claim).
fn read_limited(reader: impl Read, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// The error for a part that cannot be read.
fn corrupt(path: &Path, part: &str, detail: &str) -> Diagnostic {
    let detail = detail.trim_end().trim_end_matches('.');
    Diagnostic::error(
        path,
        format!("the Word document is corrupt: {part}: {detail}"),
    )
    .hint(CORRUPT_HINT)
}

/// The error for a file that is not a zip at all, guessing what it is.
fn not_a_zip(path: &Path, bytes: &[u8]) -> Diagnostic {
    let (reason, hint) = if bytes.starts_with(b"%PDF") {
        (
            "it is a PDF file",
            "copy the text out of the PDF into a .txt file and import that file",
        )
    } else if bytes.starts_with(b"{\\rtf") {
        (
            "it is an RTF document",
            "open it in Word or LibreOffice and save it as Word Document (.docx)",
        )
    } else if std::str::from_utf8(bytes).is_ok() && !bytes.contains(&0) {
        (
            "it is a text file",
            "if it is plain text, give it the extension .txt (or .md) and import it again",
        )
    } else {
        (
            "it is not a zip archive",
            "open it in Word or LibreOffice and save it as Word Document (.docx)",
        )
    };
    Diagnostic::error(path, format!("not a Word document (.docx): {reason}")).hint(hint)
}

/// The error for an encrypted document.
fn password_protected(path: &Path) -> Diagnostic {
    Diagnostic::error(path, "the document is password-protected").hint(
        "open it in Word or LibreOffice, remove the password, save it as Word Document (.docx), \
         and import the new file",
    )
}

/// The error for a part that unpacks to more than the limit.
fn too_large(path: &Path, part: &str) -> Diagnostic {
    Diagnostic::error(
        path,
        format!("the document is too large: {part} unpacks to more than 64 MiB"),
    )
    .hint(
        "plansite refuses such files to protect against malicious ones (zip bombs); \
         split the document into smaller ones",
    )
}

/// A zip error in words.
fn zip_error(e: &ZipError) -> String {
    match e {
        ZipError::InvalidArchive(why) => why.to_string(),
        other => other.to_string(),
    }
}

/// The text of an XML part: UTF-8 (with or without a byte-order mark), or UTF-16 with one.
fn decode_text(bytes: Vec<u8>) -> Result<String, String> {
    let utf16 = |bytes: &[u8], big: bool| {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|c| {
                if big {
                    u16::from_be_bytes([c[0], c[1]])
                } else {
                    u16::from_le_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|_| "the XML is not valid UTF-16 text".to_string())
    };
    match bytes.as_slice() {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, false),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, true),
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8(rest.to_vec())
            .map_err(|e| format!("the XML is not valid UTF-8 text ({e})")),
        _ => String::from_utf8(bytes).map_err(|e| format!("the XML is not valid UTF-8 text ({e})")),
    }
}

/// One relationship of a `.rels` part.
struct Rel {
    kind: String,
    target: String,
    external: bool,
}

/// The relationships of a `.rels` part.
fn parse_rels(xml: &str) -> Result<Vec<Rel>, String> {
    let mut rels = Vec::new();
    let result = walk(xml, |ev| {
        if let Ev::Open(e) = ev
            && e.local_name().as_ref() == "Relationship"
        {
            rels.push(Rel {
                kind: attr(e, "Type").unwrap_or_default(),
                target: attr(e, "Target").unwrap_or_default(),
                external: attr(e, "TargetMode").is_some_and(|m| m == "External"),
            });
        }
        Ok(())
    });
    match result {
        Ok(()) => Ok(rels),
        Err(XmlFail::Malformed(e) | XmlFail::Stopped(e)) => Err(e),
    }
}

/// The `.rels` part of the part `name`: `word/document.xml` → `word/_rels/document.xml.rels`.
fn rels_path(name: &str) -> String {
    match name.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{name}.rels"),
    }
}

/// The zip name of a relationship's target, relative to the folder of the part `from`
/// (or to the root when it starts with `/`).
fn resolve_target(from: &str, target: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let target = match target.strip_prefix('/') {
        Some(absolute) => absolute,
        None => {
            if let Some((dir, _)) = from.rsplit_once('/') {
                parts.extend(dir.split('/').filter(|s| !s.is_empty()));
            }
            target
        }
    };
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

// ---------------------------------------------------------------------------------------------
// XML walking.

/// What [`walk`] reports: an element opens (an empty element opens and closes at once), the
/// innermost open element closes, or text (entities resolved).
enum Ev<'e> {
    Open(&'e BytesStart<'e>),
    Close,
    Text(&'e str),
}

/// Why [`walk`] stopped.
enum XmlFail {
    /// The XML is not well-formed.
    Malformed(String),
    /// The handler stopped (a limit was reached).
    Stopped(String),
}

/// Reads `xml` from start to end, calling `on` for each element and piece of text; checks
/// that the XML is well-formed.
fn walk(xml: &str, mut on: impl FnMut(Ev<'_>) -> Result<(), String>) -> Result<(), XmlFail> {
    let mut reader = Reader::from_str(xml);
    let mut depth = 0usize;
    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                return Err(XmlFail::Malformed(format!(
                    "{e} (at byte {})",
                    reader.error_position()
                )));
            }
        };
        let result = match event {
            Event::Start(e) => {
                depth += 1;
                on(Ev::Open(&e))
            }
            Event::Empty(e) => on(Ev::Open(&e)).and_then(|()| on(Ev::Close)),
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                on(Ev::Close)
            }
            Event::Text(t) => on(Ev::Text(&t.xml10_content())),
            Event::CData(t) => on(Ev::Text(&t.xml10_content())),
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match r.as_ref() {
                        "amp" => "&".to_string(),
                        "lt" => "<".to_string(),
                        "gt" => ">".to_string(),
                        "quot" => "\"".to_string(),
                        "apos" => "'".to_string(),
                        other => {
                            return Err(XmlFail::Malformed(format!(
                                "unknown entity &{other}; (at byte {})",
                                reader.buffer_position()
                            )));
                        }
                    },
                    Err(e) => {
                        return Err(XmlFail::Malformed(format!(
                            "{e} (at byte {})",
                            reader.buffer_position()
                        )));
                    }
                };
                on(Ev::Text(&text))
            }
            Event::Eof => break,
            _ => Ok(()),
        };
        result.map_err(XmlFail::Stopped)?;
    }
    if depth > 0 {
        return Err(XmlFail::Malformed(
            "the XML ends before all its elements are closed".to_string(),
        ));
    }
    Ok(())
}

/// The value of the attribute with the local name `local` (any prefix).
fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// The `w:val` attribute.
fn val(e: &BytesStart<'_>) -> Option<String> {
    attr(e, "val")
}

/// An on/off property (`<w:b/>`, `<w:b w:val="0"/>`): on unless its value says off.
fn on_off(e: &BytesStart<'_>) -> bool {
    !matches!(
        val(e).as_deref().map(str::trim),
        Some("0" | "false" | "off" | "none")
    )
}

/// A small number attribute (`w:val`), e.g. a list level.
fn val_number(e: &BytesStart<'_>) -> Option<u32> {
    val(e).and_then(|v| v.trim().parse().ok())
}

// ---------------------------------------------------------------------------------------------
// Styles.

/// Character properties we use, each `None` when not set at that level.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Props {
    bold: Option<bool>,
    italic: Option<bool>,
    caps: Option<bool>,
    hidden: Option<bool>,
}

impl Props {
    /// Sets the property named by the element `local`, if it is one of ours.
    fn set(&mut self, local: &str, e: &BytesStart<'_>) {
        let value = Some(on_off(e));
        match local {
            "b" => self.bold = value,
            "i" => self.italic = value,
            "caps" => self.caps = value,
            "vanish" => self.hidden = value,
            _ => {}
        }
    }
}

/// One style of styles.xml.
#[derive(Debug, Clone, Default)]
struct Style {
    /// The name, lower-cased ("heading 1", "title").
    name: String,
    based_on: Option<String>,
    props: Props,
    num_id: Option<u32>,
    ilvl: Option<u32>,
    outline: Option<u32>,
}

impl Style {
    /// The heading level this style itself says (`Some(None)`: it says "not a heading"),
    /// or `None` when it leaves that to the style it is based on.
    fn own_heading(&self, id: &str) -> Option<Option<u8>> {
        if let Some(level) = self.outline {
            return Some((level < 9).then(|| level as u8 + 1));
        }
        let level_of = |s: &str| -> Option<u8> {
            let rest = s.strip_prefix("heading")?.trim_start();
            let level: u8 = rest.parse().ok()?;
            (1..=9).contains(&level).then_some(level)
        };
        if let Some(level) = level_of(&self.name) {
            return Some(Some(level));
        }
        if self.name == "title" {
            return Some(Some(1));
        }
        level_of(&id.to_ascii_lowercase()).map(Some)
    }
}

/// The styles of a document.
#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, Style>,
    /// The paragraph style used when a paragraph names none.
    default_paragraph: Option<String>,
    /// The document's default character properties.
    defaults: Props,
}

impl Styles {
    /// Reads styles.xml.
    fn parse(xml: &str) -> Result<Styles, String> {
        let mut styles = Styles::default();
        let mut stack: Vec<String> = Vec::new();
        let mut skip = 0usize;
        let mut current: Option<(String, Style)> = None;
        let result = walk(xml, |ev| {
            match ev {
                Ev::Open(e) => {
                    if skip > 0 {
                        skip += 1;
                        return Ok(());
                    }
                    let local = e.local_name().as_ref().to_string();
                    if matches!(
                        local.as_str(),
                        "tblStylePr" | "pPrChange" | "rPrChange" | "tblPr" | "trPr" | "tcPr"
                    ) {
                        skip = 1;
                        return Ok(());
                    }
                    let parent = stack.last().map(String::as_str).unwrap_or("");
                    let grand = stack
                        .len()
                        .checked_sub(2)
                        .and_then(|i| stack.get(i))
                        .map(String::as_str)
                        .unwrap_or("");
                    match (local.as_str(), parent, grand) {
                        ("style", _, _) => {
                            let id = attr(e, "styleId").unwrap_or_default();
                            if attr(e, "type").as_deref() == Some("paragraph")
                                && attr(e, "default").is_some_and(|d| on_off_str(&d))
                            {
                                styles.default_paragraph = Some(id.clone());
                            }
                            current = Some((id, Style::default()));
                        }
                        ("name", "style", _) => {
                            if let Some((_, s)) = &mut current {
                                s.name = val(e).unwrap_or_default().trim().to_lowercase();
                            }
                        }
                        ("basedOn", "style", _) => {
                            if let Some((_, s)) = &mut current {
                                s.based_on = val(e);
                            }
                        }
                        ("outlineLvl", "pPr", "style") => {
                            if let Some((_, s)) = &mut current {
                                s.outline = val_number(e);
                            }
                        }
                        ("numId", "numPr", _) => {
                            if let Some((_, s)) = &mut current {
                                s.num_id = val_number(e);
                            }
                        }
                        ("ilvl", "numPr", _) => {
                            if let Some((_, s)) = &mut current {
                                s.ilvl = val_number(e);
                            }
                        }
                        (prop, "rPr", "style") => {
                            if let Some((_, s)) = &mut current {
                                s.props.set(prop, e);
                            }
                        }
                        (prop, "rPr", "rPrDefault") => styles.defaults.set(prop, e),
                        _ => {}
                    }
                    stack.push(local);
                }
                Ev::Close => {
                    if skip > 0 {
                        skip -= 1;
                        return Ok(());
                    }
                    if stack.pop().as_deref() == Some("style")
                        && let Some((id, style)) = current.take()
                    {
                        styles.by_id.insert(id, style);
                    }
                }
                Ev::Text(_) => {}
            }
            Ok(())
        });
        match result {
            Ok(()) => Ok(styles),
            Err(XmlFail::Malformed(e) | XmlFail::Stopped(e)) => Err(e),
        }
    }

    /// The styles of the chain starting at `id` (the style, the one it is based on, …).
    fn chain<'s>(&'s self, id: Option<&'s str>) -> impl Iterator<Item = (&'s str, &'s Style)> {
        let mut next = id;
        std::iter::from_fn(move || {
            let id = next?;
            let style = self.by_id.get(id)?;
            next = style.based_on.as_deref().filter(|b| *b != id);
            Some((id, style))
        })
        .take(MAX_STYLE_CHAIN)
    }

    /// The first value `get` finds along the chain of `id`.
    fn find<T>(&self, id: Option<&str>, get: impl Fn(&str, &Style) -> Option<T>) -> Option<T> {
        self.chain(id).find_map(|(id, s)| get(id, s))
    }
}

/// Whether an on/off attribute value is on.
fn on_off_str(v: &str) -> bool {
    !matches!(v.trim(), "0" | "false" | "off" | "none")
}

// ---------------------------------------------------------------------------------------------
// Numbering.

/// One level of a list: how its number looks.
#[derive(Debug, Clone, Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
    legal: bool,
}

/// A `w:abstractNum`: the levels of a list.
#[derive(Debug, Clone, Default)]
struct AbstractNum {
    levels: HashMap<u32, Level>,
    /// `w:numStyleLink`: the levels are those of the list of this numbering style.
    style_link: Option<String>,
}

/// A `w:num`: a list instance, pointing at an abstract list, with overrides.
#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: String,
    start_overrides: HashMap<u32, u32>,
    level_overrides: HashMap<u32, Level>,
}

/// The numbering of a document, and the counters while the body is read.
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, AbstractNum>,
    nums: HashMap<u32, Num>,
    /// The current number of each level, per list (abstract list, and the num when it
    /// restarts the numbering with overrides).
    counters: HashMap<(String, Option<u32>), [Option<u32>; 9]>,
}

/// What a list paragraph shows before its text.
enum Label {
    Bullet,
    Number(String),
}

impl Numbering {
    /// Reads numbering.xml.
    fn parse(xml: &str) -> Result<Numbering, String> {
        let mut numbering = Numbering::default();
        let mut stack: Vec<String> = Vec::new();
        let mut skip = 0usize;
        let mut abstract_num: Option<(String, AbstractNum)> = None;
        let mut num: Option<(u32, Num)> = None;
        let mut level: Option<(u32, Level)> = None;
        let mut override_level: Option<u32> = None;
        let result = walk(xml, |ev| {
            match ev {
                Ev::Open(e) => {
                    if skip > 0 {
                        skip += 1;
                        return Ok(());
                    }
                    let local = e.local_name().as_ref().to_string();
                    // Word writes newer number formats as mc:Choice, with a mc:Fallback
                    // older readers understand: read the fallback.
                    if matches!(local.as_str(), "Choice" | "pPr" | "rPr" | "numberingChange") {
                        skip = 1;
                        return Ok(());
                    }
                    let parent = stack.last().map(String::as_str).unwrap_or("");
                    match (local.as_str(), parent) {
                        ("abstractNum", _) => {
                            let id = attr(e, "abstractNumId").unwrap_or_default();
                            abstract_num = Some((id, AbstractNum::default()));
                        }
                        ("num", _) => {
                            let id = attr(e, "numId").and_then(|v| v.trim().parse().ok());
                            num = id.map(|id| (id, Num::default()));
                        }
                        ("abstractNumId", "num") => {
                            if let Some((_, n)) = &mut num {
                                n.abstract_id = val(e).unwrap_or_default();
                            }
                        }
                        ("lvlOverride", _) => {
                            override_level = attr(e, "ilvl").and_then(|v| v.trim().parse().ok());
                        }
                        ("startOverride", "lvlOverride") => {
                            if let (Some((_, n)), Some(ilvl), Some(start)) =
                                (&mut num, override_level, val_number(e))
                            {
                                n.start_overrides.insert(ilvl, start);
                            }
                        }
                        ("lvl", _) => {
                            let ilvl = attr(e, "ilvl").and_then(|v| v.trim().parse().ok());
                            level = ilvl.map(|i| {
                                (
                                    i,
                                    Level {
                                        format: "decimal".to_string(),
                                        ..Level::default()
                                    },
                                )
                            });
                        }
                        ("numStyleLink", "abstractNum") => {
                            if let Some((_, a)) = &mut abstract_num {
                                a.style_link = val(e);
                            }
                        }
                        ("start", "lvl") => {
                            if let (Some((_, l)), Some(v)) = (&mut level, val_number(e)) {
                                l.start = v;
                            }
                        }
                        ("numFmt", _) => {
                            if let Some((_, l)) = &mut level {
                                l.format = val(e).unwrap_or_default();
                            }
                        }
                        ("lvlText", "lvl") => {
                            if let Some((_, l)) = &mut level {
                                l.text = val(e).unwrap_or_default();
                            }
                        }
                        ("isLgl", "lvl") => {
                            if let Some((_, l)) = &mut level {
                                l.legal = on_off(e);
                            }
                        }
                        _ => {}
                    }
                    stack.push(local);
                }
                Ev::Close => {
                    if skip > 0 {
                        skip -= 1;
                        return Ok(());
                    }
                    match stack.pop().as_deref() {
                        Some("lvl") => {
                            if let Some((ilvl, l)) = level.take() {
                                if stack.last().map(String::as_str) == Some("lvlOverride") {
                                    if let Some((_, n)) = &mut num {
                                        n.level_overrides.insert(ilvl, l);
                                    }
                                } else if let Some((_, a)) = &mut abstract_num {
                                    a.levels.insert(ilvl, l);
                                }
                            }
                        }
                        Some("lvlOverride") => override_level = None,
                        Some("abstractNum") => {
                            if let Some((id, a)) = abstract_num.take() {
                                numbering.abstracts.insert(id, a);
                            }
                        }
                        Some("num") => {
                            if let Some((id, n)) = num.take() {
                                numbering.nums.insert(id, n);
                            }
                        }
                        _ => {}
                    }
                }
                Ev::Text(_) => {}
            }
            Ok(())
        });
        match result {
            Ok(()) => Ok(numbering),
            Err(XmlFail::Malformed(e) | XmlFail::Stopped(e)) => Err(e),
        }
    }

    /// Counts a paragraph of list `num_id` at level `ilvl` and returns its label, or `None`
    /// when the list or level is not defined or shows nothing.
    fn next(&mut self, styles: &Styles, num_id: u32, ilvl: u32) -> Option<Label> {
        let ilvl = ilvl.min(8);
        let mut num = self.nums.get(&num_id)?;
        let mut abstract_id = num.abstract_id.clone();
        let mut abs = self.abstracts.get(&abstract_id)?;
        // A list defined by a numbering style: follow the link once.
        if abs.levels.is_empty()
            && let Some(link) = &abs.style_link
            && let Some(linked_num) = styles.find(Some(link), |_, s| s.num_id)
            && let Some(linked) = self.nums.get(&linked_num)
            && let Some(linked_abs) = self.abstracts.get(&linked.abstract_id)
        {
            abstract_id = linked.abstract_id.clone();
            abs = linked_abs;
            if num.start_overrides.is_empty() && num.level_overrides.is_empty() {
                num = linked;
            }
        }
        let level_def = |l: u32| -> Option<Level> {
            let mut level = num
                .level_overrides
                .get(&l)
                .or_else(|| abs.levels.get(&l))?
                .clone();
            if let Some(start) = num.start_overrides.get(&l) {
                level.start = *start;
            }
            Some(level)
        };
        let levels: Vec<Option<Level>> = (0..9).map(level_def).collect();
        let own = levels.get(ilvl as usize)?.clone()?;
        let restarts = !num.start_overrides.is_empty() || !num.level_overrides.is_empty();
        let key = (abstract_id, restarts.then_some(num_id));
        let counters = self.counters.entry(key).or_insert([None; 9]);
        let i = ilvl as usize;
        counters[i] = Some(counters[i].map_or(own.start, |c| c.saturating_add(1)));
        for deeper in counters.iter_mut().skip(i + 1) {
            *deeper = None;
        }
        if own.format == "bullet" {
            return Some(Label::Bullet);
        }
        let has_placeholder = own.text.contains('%');
        if !has_placeholder {
            let text = own.text.trim();
            if text.is_empty() {
                return None;
            }
            // A fixed symbol ("-", "–", "•") is a bullet; fixed words stay as words.
            if !text.chars().any(char::is_alphanumeric) {
                return Some(Label::Bullet);
            }
            return Some(Label::Number(text.to_string()));
        }
        let mut label = String::new();
        let mut chars = own.text.chars().peekable();
        while let Some(c) = chars.next() {
            let digit = chars
                .peek()
                .and_then(|d| d.to_digit(10))
                .filter(|d| (1..=9).contains(d));
            match (c, digit) {
                ('%', Some(d)) => {
                    chars.next();
                    let l = (d - 1) as usize;
                    let def = levels.get(l).cloned().flatten().unwrap_or_default();
                    let value = counters[l].unwrap_or(def.start);
                    let format = if own.legal {
                        "decimal"
                    } else {
                        def.format.as_str()
                    };
                    label.push_str(&format_number(value, format));
                }
                _ => label.push(c),
            }
        }
        let label = label.trim();
        (!label.is_empty()).then(|| Label::Number(label.to_string()))
    }
}

/// A list number in a Word number format.
fn format_number(n: u32, format: &str) -> String {
    match format {
        "none" => String::new(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "upperRoman" if (1..4000).contains(&n) => super::numerals::roman(n),
        "lowerRoman" if (1..4000).contains(&n) => super::numerals::roman(n).to_lowercase(),
        "upperLetter" if n >= 1 => letters(n),
        "lowerLetter" if n >= 1 => letters(n).to_lowercase(),
        _ => n.to_string(),
    }
}

/// Word's letter numbering: A … Z, then AA, BB, … ZZ, then AAA, ….
fn letters(n: u32) -> String {
    let index = (n - 1) % 26;
    let times = ((n - 1) / 26 + 1).min(64) as usize;
    let letter = char::from(b'A' + index as u8);
    std::iter::repeat_n(letter, times).collect()
}

// ---------------------------------------------------------------------------------------------
// The body.

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

/// A piece of a paragraph's content.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Text { text: String, format: Format },
    Break,
}

/// Emphasis of a piece of text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Format {
    bold: bool,
    italic: bool,
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct ParaBuilder {
    at: usize,
    style: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<u32>,
    outline: Option<u32>,
    mark: Props,
    pieces: Vec<Piece>,
}

/// The run being read: its direct properties and character style.
#[derive(Debug, Default)]
struct RunProps {
    props: Props,
    style: Option<String>,
}

/// The outermost table being read (nested tables are flattened into its cells).
#[derive(Debug, Default)]
struct TableBuilder {
    at: usize,
    grid_columns: usize,
    rows: Vec<Vec<Cell>>,
    row: Option<Vec<Cell>>,
    cell: Option<CellBuilder>,
    /// Cells added so far (before padding).
    cells: usize,
}

/// A cell being read.
#[derive(Debug, Default)]
struct CellBuilder {
    paras: Vec<Para>,
    span: usize,
    /// `w:vMerge` (or the old `w:hMerge`) continuing a merged cell.
    continues: bool,
}

/// Reads the body of document.xml, event by event.
struct BodyReader<'s> {
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
    is_word: bool,
}

impl<'s> BodyReader<'s> {
    fn new(styles: &'s Styles, numbering: Numbering) -> Self {
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

    fn event(&mut self, ev: Ev<'_>) -> Result<(), String> {
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

    /// The paragraph style of `p`: its own, or the document's default.
    fn para_style<'p>(&'p self, p: &'p ParaBuilder) -> Option<&'p str> {
        p.style
            .as_deref()
            .or(self.styles.default_paragraph.as_deref())
    }

    /// Appends text of the current run to the current paragraph.
    fn text(&mut self, text: &str) {
        let Some(p) = self.paras.last() else {
            return;
        };
        let styles = self.styles;
        let para_style = self.para_style(p);
        let run = &self.run;
        let prop = |get: fn(&Props) -> Option<bool>| -> bool {
            get(&run.props)
                .or_else(|| styles.find(run.style.as_deref(), |_, s| get(&s.props)))
                .or_else(|| styles.find(para_style, |_, s| get(&s.props)))
                .or(get(&styles.defaults))
                .unwrap_or(false)
        };
        if prop(|p| p.hidden) {
            return;
        }
        let format = Format {
            bold: prop(|p| p.bold),
            italic: prop(|p| p.italic),
        };
        // A line feed in w:t is shown as a space; in Markdown it would start a new line.
        let text = text.replace(['\n', '\r'], " ");
        let text = if prop(|p| p.caps) {
            text.to_uppercase()
        } else {
            text
        };
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        match p.pieces.last_mut() {
            Some(Piece::Text {
                text: last,
                format: f,
            }) if *f == format => last.push_str(&text),
            _ => p.pieces.push(Piece::Text { text, format }),
        }
    }

    fn line_break(&mut self) {
        if let Some(p) = self.paras.last_mut() {
            p.pieces.push(Piece::Break);
        }
    }

    /// Turns a paragraph read into a [`Para`], or `None` when it has no text.
    fn finish_para(&mut self, p: ParaBuilder) -> Option<Para> {
        let styles = self.styles;
        let style = self.para_style(&p).map(str::to_string);
        let style = style.as_deref();

        // The list: the paragraph's own numPr, else its style's.
        let num_id = p.num_id.or_else(|| styles.find(style, |_, s| s.num_id));
        let ilvl = p
            .ilvl
            .or_else(|| styles.find(style, |_, s| s.ilvl))
            .unwrap_or(0)
            .min(8);
        let label = match num_id {
            Some(id) if id != 0 => self.numbering.next(styles, id, ilvl),
            _ => None,
        };

        let heading = match p.outline {
            Some(level) => (level < 9).then(|| level as u8 + 1),
            None => styles.find(style, |id, s| s.own_heading(id)).flatten(),
        };

        let content_bold = p.pieces.iter().any(has_text)
            && p.pieces.iter().all(|piece| match piece {
                Piece::Text { text, format } => format.bold || text.trim().is_empty(),
                Piece::Break => true,
            });

        // An empty list item shows its number in Word, but it says nothing.
        if !p.pieces.iter().any(has_text) {
            return None;
        }
        let mut pieces = p.pieces;
        let mut bullet = None;
        match label {
            Some(Label::Bullet) => bullet = Some(ilvl as u8),
            Some(Label::Number(label)) => {
                let mark = |get: fn(&Props) -> Option<bool>| -> bool {
                    get(&p.mark)
                        .or_else(|| styles.find(style, |_, s| get(&s.props)))
                        .or(get(&styles.defaults))
                        .unwrap_or(false)
                };
                let format = Format {
                    bold: mark(|p| p.bold) || content_bold,
                    italic: mark(|p| p.italic),
                };
                pieces.insert(
                    0,
                    Piece::Text {
                        text: format!("{label} "),
                        format,
                    },
                );
            }
            None => {}
        }

        let (text, plain) = render(pieces)?;
        Some(Para {
            at: p.at,
            text,
            plain,
            bullet,
            bold: content_bold,
            heading,
        })
    }

    /// The blocks read, once the whole document has been walked.
    fn finish(mut self) -> Vec<Block> {
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

/// The error for tables beyond [`MAX_CELLS`].
fn too_many_cells() -> String {
    format!("the document's tables are too large to import (more than {MAX_CELLS} cells)")
}

/// Whether a piece has visible text.
fn has_text(piece: &Piece) -> bool {
    matches!(piece, Piece::Text { text, .. } if !text.trim().is_empty())
}

impl TableBuilder {
    /// Adds the open cell to the open row.
    fn finish_cell(&mut self) {
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
    fn width(&self) -> usize {
        let widest = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        widest.max(self.grid_columns.min(MAX_COLUMNS))
    }

    /// Adds the open row to the table; a row without cells is dropped.
    fn finish_row(&mut self) {
        self.finish_cell();
        if let Some(row) = self.row.take()
            && !row.is_empty()
        {
            self.rows.push(row);
        }
    }

    /// The table, its rows padded to the table's width.
    fn finish(mut self) -> Table {
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

// ---------------------------------------------------------------------------------------------
// Markdown.

/// A paragraph's pieces as Markdown inline text and as plain text, or `None` when it has no
/// text. Whitespace at the start and end of the paragraph and of each of its lines is dropped
/// (Markdown drops it around a line break anyway), and so are line breaks at its ends.
fn render(pieces: Vec<Piece>) -> Option<(String, String)> {
    let mut lines: Vec<Vec<(String, Format)>> = pieces
        .split(|p| *p == Piece::Break)
        .map(trim_line)
        .collect();
    while lines.first().is_some_and(Vec::is_empty) {
        lines.remove(0);
    }
    while lines.last().is_some_and(Vec::is_empty) {
        lines.pop();
    }
    if lines.is_empty() {
        return None;
    }

    let plain_lines: Vec<String> = lines
        .iter()
        .map(|line| line.iter().map(|(text, _)| text.as_str()).collect())
        .collect();
    let plain = plain_lines.join("\n");
    // `{…}` at the end of a heading would be read as heading attributes.
    let braces = plain.ends_with('}');
    let text_lines: Vec<String> = lines
        .into_iter()
        .map(|line| render_line(line, braces))
        .collect();
    Some((text_lines.join("\\\n"), plain))
}

/// The text pieces of one line, without whitespace at its ends (empty when it has no text).
fn trim_line(pieces: &[Piece]) -> Vec<(String, Format)> {
    let mut line: Vec<(String, Format)> = pieces
        .iter()
        .filter_map(|piece| match piece {
            Piece::Text { text, format } => Some((text.clone(), *format)),
            Piece::Break => None,
        })
        .collect();
    while line.first().is_some_and(|(text, _)| text.trim().is_empty()) {
        line.remove(0);
    }
    while line.last().is_some_and(|(text, _)| text.trim().is_empty()) {
        line.pop();
    }
    if let Some((text, _)) = line.first_mut() {
        *text = text.trim_start().to_string();
    }
    if let Some((text, _)) = line.last_mut() {
        *text = text.trim_end().to_string();
    }
    line
}

/// One line of a paragraph (text without breaks, trimmed) as Markdown.
///
/// The result is checked with the site's Markdown parser: when its emphasis markers would not
/// read back as the same text (emphasis touching emphasis of another kind at punctuation can
/// defeat CommonMark's rules), the line is written again without italics, then without any
/// emphasis. The text is never wrong; at worst some emphasis is lost.
fn render_line(segments: Vec<(String, Format)>, braces: bool) -> String {
    let plain: String = segments.iter().map(|(text, _)| text.as_str()).collect();
    let markdown = emphasise(segments.clone(), braces);
    if reads_back_as(&markdown, &plain) {
        return markdown;
    }
    let bold_only = segments
        .iter()
        .map(|(text, format)| {
            let format = Format {
                italic: false,
                ..*format
            };
            (text.clone(), format)
        })
        .collect();
    let markdown = emphasise(bold_only, braces);
    if reads_back_as(&markdown, &plain) {
        return markdown;
    }
    escape_line_start(&escape(&plain, braces))
}

/// Whether one line of Markdown reads as a paragraph of exactly `plain` (emphasis aside).
fn reads_back_as(markdown: &str, plain: &str) -> bool {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    // The site's options (src/parse/markdown.rs), except typographic quotes and dashes.
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut text = String::with_capacity(plain.len());
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Text(t) => text.push_str(&t),
            Event::Start(Tag::Paragraph | Tag::Emphasis | Tag::Strong)
            | Event::End(TagEnd::Paragraph | TagEnd::Emphasis | TagEnd::Strong) => {}
            _ => return false,
        }
    }
    text == plain
}

/// One line as Markdown with emphasis markers.
fn emphasise(mut segments: Vec<(String, Format)>, braces: bool) -> String {
    // Whitespace takes the emphasis of the text before it (else after it), so that
    // "bold", " ", "bold" becomes one bold span; then equal neighbours merge.
    for i in 0..segments.len() {
        if segments[i].0.trim().is_empty() {
            let before = i.checked_sub(1).and_then(|j| segments.get(j)).map(|s| s.1);
            let after = segments.get(i + 1).map(|s| s.1);
            if let Some(format) = before.or(after) {
                segments[i].1 = format;
            }
        }
    }
    let mut merged: Vec<(String, Format)> = Vec::new();
    for (text, format) in segments {
        match merged.last_mut() {
            Some((last, f)) if *f == format => last.push_str(&text),
            _ => merged.push((text, format)),
        }
    }

    let mut out = String::new();
    // The last character of the line so far (markers aside).
    let mut prev: Option<char> = None;
    // Whether the line so far ends with a closing marker.
    let mut prev_closed = false;
    for i in 0..merged.len() {
        let (text, format) = &merged[i];
        let marker = match (format.bold, format.italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        let core = text.trim();
        let before = prev;
        prev = text.chars().last().or(prev);
        if marker.is_empty() || core.is_empty() {
            prev_closed = false;
            out.push_str(&escape(text, braces));
            continue;
        }
        let lead = &text[..text.len() - text.trim_start().len()];
        let trail = &text[text.trim_end().len()..];
        // CommonMark opens emphasis before punctuation only after whitespace or punctuation,
        // and closes it after punctuation only before whitespace or punctuation — the
        // characters around the run of `*`, which may be the closing and the opening markers
        // of two neighbours together. Punctuation that would break that moves out of the
        // emphasis.
        // Markers of two neighbours never meet at punctuation: a run like `*.**` between
        // them is read every which way.
        let before = match (lead.is_empty(), prev_closed) {
            (false, _) => Some(' '),
            (true, true) => Some('a'),
            (true, false) => before,
        };
        let after = match merged.get(i + 1) {
            _ if !trail.is_empty() => Some(' '),
            Some((next, f))
                if *f != Format::default() && next.starts_with(|c: char| !c.is_whitespace()) =>
            {
                Some('a')
            }
            Some((next, _)) => next.chars().next(),
            None => None,
        };
        let mut core = core;
        let mut prefix = "";
        if before.is_some_and(is_word_char) {
            let start = core.find(is_word_char).unwrap_or(core.len());
            prefix = &core[..start];
            core = &core[start..];
        }
        let mut suffix = "";
        if after.is_some_and(is_word_char) {
            let end = core.rfind(is_word_char).map_or(0, |i| {
                i + core[i..].chars().next().map_or(1, char::len_utf8)
            });
            suffix = &core[end..];
            core = &core[..end];
        }
        out.push_str(lead);
        out.push_str(&escape(prefix, braces));
        if !core.is_empty() {
            out.push_str(marker);
            out.push_str(&escape(core, braces));
            out.push_str(marker);
        }
        out.push_str(&escape(suffix, braces));
        out.push_str(trail);
        prev_closed = !core.is_empty() && suffix.is_empty() && trail.is_empty();
    }
    // Markers are `*`, which starts none of the patterns, so the whole line can be checked.
    escape_line_start(&out)
}

/// Neither whitespace nor punctuation (in CommonMark's sense).
fn is_word_char(c: char) -> bool {
    !c.is_whitespace() && !is_punctuation(c)
}

/// Punctuation or a symbol, as CommonMark's flanking rules count it.
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || (!c.is_alphanumeric() && !c.is_whitespace() && !c.is_control())
}

/// Escapes the characters Markdown would read as markup anywhere in a line.
fn escape(text: &str, braces: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        match c {
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '~' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '&' if looks_like_entity(&text[i + 1..]) => out.push_str("\\&"),
            '{' if braces => out.push_str("\\{"),
            _ => out.push(c),
        }
    }
    out
}

/// Whether text after a `&` would make it an HTML entity (`&amp;`, `&#123;`).
fn looks_like_entity(rest: &str) -> bool {
    let name = rest.strip_prefix('#').unwrap_or(rest);
    let len = name
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(name.len());
    len > 0 && name[len..].starts_with(';')
}

/// Escapes what would make the start of a line a block of its own: a heading (`# `), a list
/// item (`- `, `+ `, `1. `, `1) `), a rule or setext underline (`---`, `===`).
fn escape_line_start(line: &str) -> String {
    let indent = line.len() - line.trim_start().len();
    let (lead, rest) = line.split_at(indent);
    let Some(first) = rest.chars().next() else {
        return line.to_string();
    };
    let after_is_space = |n: usize| rest[n..].chars().next().is_none_or(char::is_whitespace);
    let escape_first = match first {
        '#' => {
            let hashes = rest.len() - rest.trim_start_matches('#').len();
            hashes <= 6 && after_is_space(hashes)
        }
        '-' | '+' | '=' => {
            after_is_space(1)
                || rest
                    .trim_end()
                    .chars()
                    .all(|c| c == first || c == ' ' || c == '\t')
        }
        _ => false,
    };
    if escape_first {
        return format!("{lead}\\{rest}");
    }
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if (1..=9).contains(&digits)
        && rest[digits..].starts_with(['.', ')'])
        && after_is_space(digits + 1)
    {
        return format!("{lead}{}\\{}", &rest[..digits], &rest[digits..]);
    }
    line.to_string()
}

/// The builder the integration tests make their .docx fixtures with, checked here against
/// the reader.
#[cfg(test)]
#[allow(clippy::expect_used)]
#[path = "../../tests/common/docx.rs"]
mod test_builder;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// A .docx with `body` as the content of w:body, and optional numbering and styles parts
    /// (their inner XML).
    fn docx(body: &str, numbering: Option<&str>, styles: Option<&str>) -> Vec<u8> {
        let mut parts: Vec<(&str, String)> = vec![
            (
                "[Content_Types].xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#.to_string(),
            ),
            (
                "word/document.xml",
                format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#),
            ),
        ];
        if let Some(n) = numbering {
            parts.push((
                "word/numbering.xml",
                format!(r#"<w:numbering xmlns:w="{W}">{n}</w:numbering>"#),
            ));
        }
        if let Some(s) = styles {
            parts.push((
                "word/styles.xml",
                format!(r#"<w:styles xmlns:w="{W}">{s}</w:styles>"#),
            ));
        }
        zip_parts(
            &parts
                .iter()
                .map(|(n, x)| (*n, x.as_bytes()))
                .collect::<Vec<_>>(),
        )
    }

    fn zip_parts(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in parts {
            zip.start_file(*name, SimpleFileOptions::default()).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn read_ok(bytes: &[u8]) -> Vec<Block> {
        match read(Path::new("plan.docx"), bytes) {
            Ok(blocks) => blocks,
            Err(d) => panic!("{}: {:?}", d.message, d.hint),
        }
    }

    fn read_err(bytes: &[u8]) -> Diagnostic {
        match read(Path::new("plan.docx"), bytes) {
            Ok(blocks) => panic!("expected an error, got {blocks:?}"),
            Err(d) => d,
        }
    }

    fn paras(blocks: &[Block]) -> Vec<&Para> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Para(p) => Some(p),
                Block::Table(_) => None,
            })
            .collect()
    }

    fn texts(blocks: &[Block]) -> Vec<&str> {
        paras(blocks).iter().map(|p| p.text.as_str()).collect()
    }

    /// Each cell of `t` as its plain text and whether it continues a merge.
    fn shape(t: &Table) -> Vec<Vec<(String, bool)>> {
        t.rows
            .iter()
            .map(|row| row.iter().map(|c| (c.plain(), c.merged)).collect())
            .collect()
    }

    fn table(blocks: &[Block]) -> &Table {
        blocks
            .iter()
            .find_map(|b| match b {
                Block::Table(t) => Some(t),
                Block::Para(_) => None,
            })
            .expect("a table")
    }

    fn p(inner: &str) -> String {
        format!("<w:p>{inner}</w:p>")
    }

    fn r(text: &str) -> String {
        format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
    }

    fn r_fmt(props: &str, text: &str) -> String {
        format!(r#"<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>"#)
    }

    /// The HTML pulldown-cmark makes of a paragraph's text, with the site's options.
    fn html(markdown: &str) -> String {
        use pulldown_cmark::{Options, Parser, html};
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_HEADING_ATTRIBUTES;
        let mut out = String::new();
        html::push_html(&mut out, Parser::new_ext(markdown, options));
        out.trim_end().to_string()
    }

    #[test]
    fn plain_paragraphs_are_numbered_and_empty_ones_dropped_but_counted() {
        let body = format!("{}{}{}", p(&r("  Kế hoạch  ")), p(""), p(&r("Năm 2023")));
        let blocks = read_ok(&docx(&body, None, None));
        let ps = paras(&blocks);
        assert_eq!(ps.len(), 2);
        assert_eq!(
            (ps[0].at, ps[0].text.as_str(), ps[0].plain.as_str()),
            (1, "Kế hoạch", "Kế hoạch")
        );
        assert_eq!((ps[1].at, ps[1].text.as_str()), (3, "Năm 2023"));
        assert!(!ps[0].bold && ps[0].bullet.is_none() && ps[0].heading.is_none());
    }

    #[test]
    fn bold_and_italic_runs_become_emphasis_with_whitespace_outside() {
        let body = p(&format!(
            "{}{}{}{}{}",
            r_fmt("<w:b/>", "Ghi chú: "),
            r("văn bản "),
            r_fmt("<w:i/>", "nghiêng"),
            r(" và "),
            r_fmt("<w:b/><w:i/>", "cả hai"),
        ));
        let blocks = read_ok(&docx(&body, None, None));
        let para = paras(&blocks)[0];
        assert_eq!(para.text, "**Ghi chú:** văn bản *nghiêng* và ***cả hai***");
        assert_eq!(para.plain, "Ghi chú: văn bản nghiêng và cả hai");
        assert!(!para.bold);
        assert_eq!(
            html(&para.text),
            "<p><strong>Ghi chú:</strong> văn bản <em>nghiêng</em> và <em><strong>cả hai</strong></em></p>"
        );
    }

    #[test]
    fn adjacent_runs_with_the_same_format_merge_and_bold_off_is_respected() {
        let body = p(&format!(
            "{}{}{}{}",
            r_fmt("<w:b/>", "I. "),
            r_fmt("<w:b w:val=\"1\"/>", "ĐẶC ĐIỂM"),
            r(" "),
            r_fmt("<w:b/><w:bCs/>", "CHUNG"),
        ));
        let blocks = read_ok(&docx(&body, None, None));
        let para = paras(&blocks)[0];
        assert_eq!(para.text, "**I. ĐẶC ĐIỂM CHUNG**");
        assert!(para.bold);

        let body = p(&format!(
            "{}{}",
            r_fmt("<w:b w:val=\"0\"/>", "không "),
            r_fmt("<w:b w:val=\"false\"/>", "đậm")
        ));
        let para = &paras(&read_ok(&docx(&body, None, None)))[0].clone();
        assert_eq!(para.text, "không đậm");
        assert!(!para.bold);
    }

    #[test]
    fn emphasis_next_to_words_and_punctuation_still_parses() {
        // Bold punctuation glued to a word on either side: the punctuation moves out.
        let body = p(&format!(
            "{}{}{}",
            r("Điều"),
            r_fmt("<w:b/>", "(1)"),
            r("tiếp"),
        ));
        let para = paras(&read_ok(&docx(&body, None, None)))[0].clone();
        assert_eq!(html(&para.text), "<p>Điều(<strong>1</strong>)tiếp</p>");
        assert_eq!(para.plain, "Điều(1)tiếp");

        // Different emphasis touching without a space.
        for (runs, expected) in [
            (
                vec![("<w:b/>", "đậm"), ("<w:i/>", "nghiêng")],
                "<p><strong>đậm</strong><em>nghiêng</em></p>",
            ),
            (
                vec![("<w:i/>", "nghiêng"), ("<w:b/>", "đậm")],
                "<p><em>nghiêng</em><strong>đậm</strong></p>",
            ),
            (
                vec![("<w:b/>", "đậm"), ("<w:b/><w:i/>", "cả"), ("", "thường")],
                "<p><strong>đậm</strong><em><strong>cả</strong></em>thường</p>",
            ),
            (
                vec![("<w:b/>", "Ghi chú:"), ("", "tiếp")],
                "<p><strong>Ghi chú</strong>:tiếp</p>",
            ),
        ] {
            let body = p(&runs.iter().map(|(f, t)| r_fmt(f, t)).collect::<String>());
            let para = paras(&read_ok(&docx(&body, None, None)))[0].clone();
            assert_eq!(html(&para.text), expected, "{}", para.text);
        }
    }

    /// The text of HTML: tags dropped, entities resolved.
    fn html_text(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&amp;", "&")
    }

    #[test]
    fn any_mix_of_emphasis_and_punctuation_renders_to_the_same_text() {
        // A small deterministic generator (xorshift).
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let words = [
            "a", "Đ", "ệ", " ", "  ", "(", ")", ":", ".", "*", "_", "-", "1.", "# ", "[x]", "\\",
            "`", "~", "|", "<b>", "&amp;", "!", "\"", "**", " - ", "2)", "=", "+ ",
        ];
        for _ in 0..3000 {
            let mut pieces = Vec::new();
            for _ in 0..1 + next(6) {
                if next(8) == 0 {
                    pieces.push(Piece::Break);
                    continue;
                }
                let mut text = String::new();
                for _ in 0..1 + next(3) {
                    text.push_str(words[next(words.len())]);
                }
                let format = Format {
                    bold: next(2) == 0,
                    italic: next(3) == 0,
                };
                pieces.push(Piece::Text { text, format });
            }
            let Some((text, plain)) = render(pieces.clone()) else {
                continue;
            };
            let got = html_text(&html(&text));
            assert_eq!(got, plain, "\npieces: {pieces:?}\nmarkdown: {text:?}");
        }
    }

    #[test]
    fn markdown_characters_are_escaped_in_text_but_not_in_plain() {
        let raw = r"a*b_c [x] &lt;y&gt; `z` ~s~ | \ &amp;copy; R&amp;D {k}";
        let body = p(&r(raw));
        let para = paras(&read_ok(&docx(&body, None, None)))[0].clone();
        assert_eq!(para.plain, r"a*b_c [x] <y> `z` ~s~ | \ &copy; R&D {k}");
        assert_eq!(
            para.text,
            r"a\*b\_c \[x\] \<y\> \`z\` \~s\~ \| \\ \&copy; R&D \{k}"
        );
        assert_eq!(
            html(&para.text),
            "<p>a*b_c [x] &lt;y&gt; `z` ~s~ | \\ &amp;copy; R&amp;D {k}</p>"
        );
    }

    #[test]
    fn line_starts_that_markdown_would_misread_are_escaped() {
        let cases = [
            ("# Số 1", r"\# Số 1"),
            ("- gạch đầu dòng", r"\- gạch đầu dòng"),
            ("+ cộng", r"\+ cộng"),
            ("1. Thuận lợi", r"1\. Thuận lợi"),
            ("2) Khó khăn", r"2\) Khó khăn"),
            ("---", r"\---"),
            ("-5 độ", "-5 độ"),
            ("#hashtag", "#hashtag"),
            ("2023. Năm", r"2023\. Năm"),
            ("1.5 lần", "1.5 lần"),
        ];
        for (raw, expected) in cases {
            let para = paras(&read_ok(&docx(&p(&r(raw)), None, None)))[0].clone();
            assert_eq!(para.text, expected);
            assert_eq!(para.plain, raw);
            assert_eq!(html(&para.text), format!("<p>{raw}</p>"));
        }
    }

    #[test]
    fn line_breaks_tabs_and_special_characters() {
        let body = p(
            r#"<w:r><w:t>Nơi nhận:</w:t><w:br/><w:t>- Như trên;</w:t><w:br w:type="page"/><w:tab/><w:t>Lưu</w:t><w:noBreakHyphen/><w:t>VT</w:t><w:softHyphen/><w:sym w:font="Wingdings" w:char="F0FC"/><w:cr/><w:t>1. Hết</w:t></w:r>"#,
        );
        let para = paras(&read_ok(&docx(&body, None, None)))[0].clone();
        assert_eq!(para.plain, "Nơi nhận:\n- Như trên;\tLưu-VT\n1. Hết");
        assert_eq!(para.text, "Nơi nhận:\\\n\\- Như trên;\tLưu-VT\\\n1\\. Hết");
        assert_eq!(
            html(&para.text),
            "<p>Nơi nhận:<br />\n- Như trên;\tLưu-VT<br />\n1. Hết</p>"
        );
    }

    #[test]
    fn bold_line_break_closes_emphasis_per_line() {
        let body =
            p(r#"<w:r><w:rPr><w:b/></w:rPr><w:t>UBND HUYỆN</w:t><w:br/><w:t>PHÒNG GD</w:t></w:r>"#);
        let para = paras(&read_ok(&docx(&body, None, None)))[0].clone();
        assert_eq!(para.text, "**UBND HUYỆN**\\\n**PHÒNG GD**");
        assert!(para.bold);
    }

    #[test]
    fn whitespace_and_nbsp_are_kept_inside_and_trimmed_outside() {
        let body = p(&format!("{}{}", r("\u{a0} a \u{a0} b  "), r("")));
        let para = paras(&read_ok(&docx(&body, None, None)))[0].clone();
        assert_eq!(para.plain, "a \u{a0} b");
    }

    const NUMBERING: &str = r#"
        <w:abstractNum w:abstractNumId="0">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
          <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
          <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%4."/></w:lvl>
        </w:abstractNum>
        <w:abstractNum w:abstractNumId="1">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl>
          <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="none"/><w:lvlText w:val="-"/></w:lvl>
        </w:abstractNum>
        <w:abstractNum w:abstractNumId="2">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalZero"/><w:lvlText w:val="%1."/></w:lvl>
        </w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
        <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
        <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
        <w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>
    "#;

    fn list_p(num_id: u32, ilvl: u32, text: &str) -> String {
        p(&format!(
            r#"<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>{}"#,
            r(text)
        ))
    }

    #[test]
    fn numbered_lists_write_their_labels_and_restart_lower_levels() {
        let body = [
            list_p(1, 0, "ĐẶC ĐIỂM"),
            list_p(1, 1, "Thuận lợi"),
            list_p(1, 2, "con người"),
            list_p(1, 2, "cơ sở"),
            list_p(1, 1, "Khó khăn"),
            list_p(1, 2, "thời tiết"),
            list_p(1, 3, "chi tiết"),
            list_p(1, 0, "NHIỆM VỤ"),
            list_p(1, 1, "Chung"),
            list_p(3, 0, "Từ năm"),
            list_p(4, 0, "Một"),
            list_p(0, 0, "Không số"),
            list_p(9, 0, "Danh sách không có"),
        ]
        .concat();
        let blocks = read_ok(&docx(&body, Some(NUMBERING), None));
        let plains: Vec<&str> = paras(&blocks).iter().map(|p| p.plain.as_str()).collect();
        assert_eq!(
            plains,
            [
                "I. ĐẶC ĐIỂM",
                "1. Thuận lợi",
                "a) con người",
                "b) cơ sở",
                "2. Khó khăn",
                "a) thời tiết",
                "2.1. chi tiết",
                "II. NHIỆM VỤ",
                "1. Chung",
                "V. Từ năm",
                "01. Một",
                "Không số",
                "Danh sách không có",
            ]
        );
        assert_eq!(texts(&blocks)[1], r"1\. Thuận lợi");
        assert_eq!(texts(&blocks)[6], r"2.1. chi tiết");
        assert!(paras(&blocks).iter().all(|p| p.bullet.is_none()));
    }

    #[test]
    fn numbered_paragraphs_without_numbering_part_are_plain() {
        let blocks = read_ok(&docx(&list_p(1, 0, "Mục"), None, None));
        assert_eq!(paras(&blocks)[0].plain, "Mục");
    }

    #[test]
    fn bullets_keep_their_level_and_not_their_symbol() {
        let body = [list_p(2, 0, "một"), list_p(2, 1, "hai"), list_p(2, 2, "ba")].concat();
        let blocks = read_ok(&docx(&body, Some(NUMBERING), None));
        let got: Vec<(Option<u8>, &str)> = paras(&blocks)
            .iter()
            .map(|p| (p.bullet, p.text.as_str()))
            .collect();
        assert_eq!(got, [(Some(0), "một"), (Some(1), "hai"), (Some(2), "ba")]);
    }

    const STYLES: &str = r#"
        <w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="28"/></w:rPr></w:rPrDefault></w:docDefaults>
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
          <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
        <w:style w:type="paragraph" w:styleId="u2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:rPr><w:b/><w:i/></w:rPr></w:style>
        <w:style w:type="paragraph" w:styleId="MyHeading"><w:name w:val="My Heading"/><w:basedOn w:val="u2"/></w:style>
        <w:style w:type="paragraph" w:styleId="Outline"><w:name w:val="Custom"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:rPr><w:caps/></w:rPr></w:style>
        <w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
        <w:style w:type="character" w:styleId="Hidden"><w:name w:val="Hidden"/><w:rPr><w:vanish/></w:rPr></w:style>
    "#;

    fn styled_p(style: &str, runs: &str) -> String {
        p(&format!(
            r#"<w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}"#
        ))
    }

    #[test]
    fn heading_styles_give_levels_bold_and_numbers() {
        let body = [
            styled_p("Heading1", &r("ĐẶC ĐIỂM")),
            styled_p("u2", &r("Thuận lợi")),
            styled_p("MyHeading", &r("Kế thừa")),
            styled_p("Outline", &r("Cấp ba")),
            styled_p("Title", &r("kế hoạch")),
            styled_p("Normal", &r("Thường")),
            p(&format!(r#"<w:pPr><w:outlineLvl w:val="1"/></w:pPr>{}"#, r("Trực tiếp"))),
            p(r#"<w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>Mạnh</w:t></w:r><w:r><w:rPr><w:rStyle w:val="Hidden"/></w:rPr><w:t>ẩn</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r>"#),
        ]
        .concat();
        let blocks = read_ok(&docx(&body, Some(NUMBERING), Some(STYLES)));
        let got: Vec<(Option<u8>, bool, &str)> = paras(&blocks)
            .iter()
            .map(|p| (p.heading, p.bold, p.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (Some(1), true, "**I. ĐẶC ĐIỂM**"),
                (Some(2), true, "***Thuận lợi***"),
                (Some(2), true, "***Kế thừa***"),
                (Some(3), false, "Cấp ba"),
                (Some(1), false, "KẾ HOẠCH"),
                (None, false, "Thường"),
                (Some(2), false, "Trực tiếp"),
                (None, true, "**Mạnh**"),
            ]
        );
    }

    #[test]
    fn tables_with_grid_span_and_vertical_merge() {
        let tc = |props: &str, text: &str| {
            format!(
                "<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>",
                if text.is_empty() { p("") } else { p(&r(text)) }
            )
        };
        let body = format!(
            "{}<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>\
             <w:tr>{}{}{}</w:tr>\
             <w:tr>{}{}{}</w:tr>\
             <w:tr>{}</w:tr>\
             </w:tbl>{}",
            p(&r("Trước")),
            tc(r#"<w:vMerge w:val="restart"/>"#, "STT"),
            tc(r#"<w:gridSpan w:val="2"/>"#, "Nội dung"),
            tc("", "Ghi chú"),
            tc("<w:vMerge/>", ""),
            tc("", "Tháng 1"),
            tc("", "Tháng 2"),
            tc("", "Một ô"),
            p(&r("Sau")),
        );
        let blocks = read_ok(&docx(&body, None, None));
        assert_eq!(blocks.len(), 3);
        let t = table(&blocks);
        assert_eq!(t.at, 2);
        let shape = shape(t);
        let c = |s: &str, m: bool| (s.to_string(), m);
        assert_eq!(
            shape,
            [
                vec![
                    c("STT", false),
                    c("Nội dung", false),
                    c("", true),
                    c("Ghi chú", false)
                ],
                vec![
                    c("", true),
                    c("Tháng 1", false),
                    c("Tháng 2", false),
                    c("", false)
                ],
                vec![c("Một ô", false), c("", false), c("", false), c("", false)],
            ]
        );
        let ats: Vec<usize> = t.rows[0]
            .iter()
            .flat_map(|c| c.paras.iter().map(|p| p.at))
            .collect();
        assert_eq!(ats, [2, 3, 4]);
        // 1 before, 7 cell paragraphs (the merged one counted too), then "Sau".
        assert_eq!(paras(&blocks).last().unwrap().at, 9);
    }

    #[test]
    fn nested_table_text_is_flattened_into_the_outer_cell() {
        let mut inner = p(&r("sâu nhất"));
        for depth in 0..40 {
            inner = format!(
                "<w:tbl><w:tr><w:tc>{}{inner}</w:tc></w:tr></w:tbl>",
                p(&r(&format!("mức {depth}")))
            );
        }
        let body = format!(
            "<w:tbl><w:tr><w:tc>{}{inner}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
            p(&r("ngoài")),
            p(&r("bên"))
        );
        let blocks = read_ok(&docx(&body, None, None));
        assert_eq!(blocks.len(), 1);
        let t = table(&blocks);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].len(), 2);
        let cell = &t.rows[0][0];
        assert_eq!(cell.paras.len(), 42);
        assert_eq!(cell.paras[0].plain, "ngoài");
        assert_eq!(cell.paras[1].plain, "mức 39");
        assert_eq!(cell.paras[41].plain, "sâu nhất");
        assert_eq!(t.rows[0][1].plain(), "bên");
    }

    #[test]
    fn tracked_changes_fields_and_pictures() {
        let body = p(concat!(
            r#"<w:r><w:t>Giữ </w:t></w:r>"#,
            r#"<w:del w:id="1" w:author="A"><w:r><w:delText>bỏ </w:delText></w:r></w:del>"#,
            r#"<w:ins w:id="2" w:author="A"><w:r><w:t>thêm </w:t></w:r></w:ins>"#,
            r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
            r#"<w:fldSimple w:instr=" DATE "><w:r><w:t> ngày</w:t></w:r></w:fldSimple>"#,
            r#"<w:hyperlink r:id="rId5" xmlns:r="x"><w:r><w:t> liên kết</w:t></w:r></w:hyperlink>"#,
            r#"<w:sdt><w:sdtContent><w:r><w:t> sdt</w:t></w:r></w:sdtContent></w:sdt>"#,
            r#"<w:r><w:drawing><wp:inline xmlns:wp="y"><w:txbxContent><w:p><w:r><w:t>ảnh</w:t></w:r></w:p></w:txbxContent></wp:inline></w:drawing></w:r>"#,
            r#"<w:moveFrom><w:r><w:t>cũ</w:t></w:r></w:moveFrom>"#,
        ));
        let blocks = read_ok(&docx(&body, None, None));
        assert_eq!(paras(&blocks).len(), 1);
        assert_eq!(paras(&blocks)[0].plain, "Giữ thêm 3 ngày liên kết sdt");
    }

    #[test]
    fn body_level_sdt_and_other_prefixes_are_read() {
        let xml = r#"<?xml version="1.0"?><x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:body><x:sdt><x:sdtContent><x:p><x:r><x:t>Trong sdt</x:t></x:r></x:p></x:sdtContent></x:sdt><x:p><x:r><x:t>A &amp; B &#x1EC7;</x:t></x:r></x:p><x:sectPr/></x:body></x:document>"#;
        let bytes = zip_parts(&[("word/document.xml", xml.as_bytes())]);
        let blocks = read_ok(&bytes);
        assert_eq!(texts(&blocks), ["Trong sdt", "A & B ệ"]);
    }

    #[test]
    fn main_part_is_found_through_the_package_relationships() {
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>"#;
        let doc_rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="../custom/st.xml"/></Relationships>"#;
        let document = format!(
            r#"<w:document xmlns:w="{W}"><w:body>{}</w:body></w:document>"#,
            styled_p("B", &r("Đậm"))
        );
        let styles = format!(
            r#"<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="B"><w:rPr><w:b/></w:rPr></w:style></w:styles>"#
        );
        let bytes = zip_parts(&[
            ("_rels/.rels", rels.as_bytes()),
            ("word/document2.xml", document.as_bytes()),
            ("word/_rels/document2.xml.rels", doc_rels.as_bytes()),
            ("custom/st.xml", styles.as_bytes()),
        ]);
        assert_eq!(texts(&read_ok(&bytes)), ["**Đậm**"]);
        assert_eq!(
            resolve_target("word/document.xml", "numbering.xml"),
            "word/numbering.xml"
        );
        assert_eq!(
            rels_path("word/document.xml"),
            "word/_rels/document.xml.rels"
        );
    }

    #[test]
    fn documents_of_the_test_builder_read_as_intended() {
        use super::test_builder::{CellSpec, Docx, NumFmt, Run};
        let bytes = Docx::new()
            .heading(0, "KẾ HOẠCH")
            .heading(1, "Mục tiêu")
            .outline_bold(0, "ĐẶC ĐIỂM")
            .outline(1, "Thuận lợi")
            .outline(2, "con người")
            .outline(3, "chi tiết")
            .outline(0, "NHIỆM VỤ")
            .outline(1, "Chung")
            .para(&[
                Run::bold("Ghi chú: "),
                Run::italic("nghiêng"),
                Run::plain(" & <x>"),
            ])
            .text("Dòng 1\nDòng 2\tcột")
            .empty()
            .bullet(0, "một")
            .bullet(1, "hai")
            .numbered(NumFmt::LowerLetter, 0, "chữ")
            .numbered(NumFmt::DecimalZero, 0, "số")
            .table(&[
                vec![
                    CellSpec::bold("Tháng").merge_down(),
                    CellSpec::bold("Nội dung").span(2),
                ],
                vec![
                    CellSpec::merged(),
                    CellSpec::lines(&["- việc một", "- việc hai"]),
                    CellSpec::bullets(&["x", "y"]),
                ],
                vec![CellSpec::empty(), CellSpec::text("cuối")],
            ])
            .bytes();
        let blocks = read_ok(&bytes);
        type Row<'a> = (usize, &'a str, Option<u8>, Option<u8>, bool);
        let got: Vec<Row> = paras(&blocks)
            .iter()
            .map(|p| (p.at, p.text.as_str(), p.heading, p.bullet, p.bold))
            .collect();
        assert_eq!(
            got,
            [
                (1, "**KẾ HOẠCH**", Some(1), None, true),
                (2, "**Mục tiêu**", Some(1), None, true),
                (3, "**I. ĐẶC ĐIỂM**", None, None, true),
                (4, r"1\. Thuận lợi", None, None, false),
                (5, "a) con người", None, None, false),
                (6, "chi tiết", None, Some(3), false),
                (7, "II. NHIỆM VỤ", None, None, false),
                (8, r"1\. Chung", None, None, false),
                (9, r"**Ghi chú:** *nghiêng* & \<x\>", None, None, false),
                (10, "Dòng 1\\\nDòng 2\tcột", None, None, false),
                (12, "một", None, Some(0), false),
                (13, "hai", None, Some(1), false),
                (14, "a) chữ", None, None, false),
                (15, r"01\. số", None, None, false),
            ]
        );
        let t = table(&blocks);
        assert_eq!(t.at, 16);
        let shape = shape(t);
        let c = |s: &str, m: bool| (s.to_string(), m);
        assert_eq!(
            shape,
            [
                vec![c("Tháng", false), c("Nội dung", false), c("", true)],
                vec![
                    c("", true),
                    c("- việc một\n- việc hai", false),
                    c("x\ny", false)
                ],
                vec![c("", false), c("cuối", false), c("", false)],
            ]
        );
        assert_eq!(t.rows[1][2].paras[0].bullet, Some(0));
        assert_eq!(t.rows[1][1].paras[0].text, r"\- việc một");
    }

    #[test]
    fn number_formats() {
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(1994, "lowerRoman"), "mcmxciv");
        assert_eq!(format_number(28, "upperLetter"), "BB");
        assert_eq!(format_number(3, "lowerLetter"), "c");
        assert_eq!(format_number(7, "decimalZero"), "07");
        assert_eq!(format_number(12, "decimalZero"), "12");
        assert_eq!(format_number(0, "upperRoman"), "0");
        assert_eq!(format_number(5, "vietnameseCounting"), "5");
        assert_eq!(format_number(5, "none"), "");
    }

    #[test]
    fn error_empty_file() {
        let d = read_err(b"");
        assert_eq!(d.message, "the file is empty");
        assert!(d.hint.is_some());
    }

    #[test]
    fn error_text_file_renamed() {
        let d = read_err("KẾ HOẠCH\nNăm 2023\n".as_bytes());
        assert_eq!(d.message, "not a Word document (.docx): it is a text file");
        assert!(d.hint.unwrap().contains(".txt"));
        let d = read_err(b"%PDF-1.7 ...");
        assert_eq!(d.message, "not a Word document (.docx): it is a PDF file");
    }

    #[test]
    fn error_old_doc_or_encrypted_docx() {
        let mut bytes = CFB_MAGIC.to_vec();
        bytes.extend([0u8; 504]);
        let d = read_err(&bytes);
        assert!(d.message.contains("Word 97-2003"), "{}", d.message);
        assert!(d.message.contains("password-protected"), "{}", d.message);
        assert!(d.hint.unwrap().contains("remove the password"));
    }

    #[test]
    fn error_encrypted_zip_entry() {
        let mut bytes = docx(&p(&r("bí mật")), None, None);
        // Set bit 0 (encrypted) of the flags in every local (offset 6) and central
        // (offset 8) header.
        let mut i = 0;
        while i + 4 <= bytes.len() {
            match &bytes[i..i + 4] {
                [b'P', b'K', 3, 4] => bytes[i + 6] |= 1,
                [b'P', b'K', 1, 2] => bytes[i + 8] |= 1,
                _ => {}
            }
            i += 1;
        }
        let d = read_err(&bytes);
        assert_eq!(d.message, "the document is password-protected");
        assert!(d.hint.unwrap().contains("remove the password"));
    }

    #[test]
    fn error_corrupt_zip() {
        let bytes = docx(&p(&r("Kế hoạch")), None, None);
        let d = read_err(&bytes[..bytes.len() / 2]);
        assert!(
            d.message.starts_with("the Word document is corrupt"),
            "{}",
            d.message
        );

        // A damaged byte in the compressed document.
        let mut bytes = bytes;
        let start = bytes
            .windows(17)
            .position(|w| w == b"word/document.xml")
            .unwrap()
            + 17;
        for b in &mut bytes[start..start + 12] {
            *b ^= 0x5A;
        }
        let d = read_err(&bytes);
        assert!(
            d.message.starts_with("the Word document is corrupt"),
            "{}",
            d.message
        );
    }

    #[test]
    fn error_zip_without_document() {
        let d = read_err(&zip_parts(&[("xl/workbook.xml", b"<workbook/>")]));
        assert_eq!(
            d.message,
            "not a Word document (.docx): it is an Excel workbook (.xlsx)"
        );
        let d = read_err(&zip_parts(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", b"<x/>"),
        ]));
        assert_eq!(
            d.message,
            "not a Word document (.docx): it is an OpenDocument text (.odt)"
        );
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
        let d = read_err(&zip_parts(&[
            ("_rels/.rels", rels.as_bytes()),
            ("xl/workbook.xml", b"<workbook><sheets/></workbook>"),
        ]));
        assert_eq!(
            d.message,
            "not a Word document (.docx): it is an Excel workbook (.xlsx)"
        );
        let d = read_err(&zip_parts(&[("word/document.xml", b"<html>hi</html>")]));
        assert_eq!(
            d.message,
            "not a Word document (.docx): its word/document.xml holds no Word document"
        );
        let d = read_err(&zip_parts(&[("readme.txt", b"hi")]));
        assert_eq!(
            d.message,
            "not a Word document (.docx): the zip archive has no word/document.xml"
        );
    }

    #[test]
    fn error_malformed_xml() {
        let bytes = zip_parts(&[(
            "word/document.xml",
            format!(r#"<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>x</w:r></w:p></w:body></w:document>"#).as_bytes(),
        )]);
        let d = read_err(&bytes);
        assert!(
            d.message
                .starts_with("the Word document is corrupt: word/document.xml: "),
            "{}",
            d.message
        );
        let bytes = zip_parts(&[(
            "word/document.xml",
            format!(r#"<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>x"#).as_bytes(),
        )]);
        assert!(read_err(&bytes).message.contains("corrupt"));
        let bytes = zip_parts(&[("word/document.xml", b"<a>&bogus;</a>")]);
        assert!(read_err(&bytes).message.contains("bogus"));
        let bytes = zip_parts(&[("word/document.xml", b"<a>\xff\xfe\xfd</a>")]);
        assert!(read_err(&bytes).message.contains("UTF-8"));
        let bytes = docx(&p(&r("x")), Some("<w:num"), None);
        assert!(read_err(&bytes).message.contains("word/numbering.xml"));
    }

    /// A zip of one deflated entry, written by hand so that its headers can claim any
    /// uncompressed size (the CRC is not checked before the size).
    fn zip_deflated(name: &str, deflated: &[u8], claimed_size: u32) -> Vec<u8> {
        let mut out = Vec::new();
        let header = |out: &mut Vec<u8>| {
            out.extend(8u16.to_le_bytes()); // deflate
            out.extend([0, 0, 0x21, 0]); // time, date (1980-01-01)
            out.extend(0u32.to_le_bytes()); // CRC
            out.extend((deflated.len() as u32).to_le_bytes());
            out.extend(claimed_size.to_le_bytes());
            out.extend((name.len() as u16).to_le_bytes());
            out.extend(0u16.to_le_bytes()); // extra field length
        };
        out.extend(b"PK\x03\x04\x14\x00\x00\x00");
        header(&mut out);
        out.extend(name.as_bytes());
        out.extend(deflated);
        let directory = out.len() as u32;
        out.extend(b"PK\x01\x02\x14\x00\x14\x00\x00\x00");
        header(&mut out);
        out.extend([0u8; 14]); // comment length, disk, attributes, local header offset 0
        out.extend(name.as_bytes());
        let directory_size = out.len() as u32 - directory;
        out.extend(b"PK\x05\x06\x00\x00\x00\x00\x01\x00\x01\x00");
        out.extend(directory_size.to_le_bytes());
        out.extend(directory.to_le_bytes());
        out.extend(0u16.to_le_bytes());
        out
    }

    /// A raw deflate stream of `n` spaces (n ≥ 1): a literal, then copies of 258 bytes at
    /// distance 1 (13 bits each) in one block with the fixed Huffman codes.
    fn deflated_spaces(n: usize) -> Vec<u8> {
        /// Bits, least significant first; Huffman codes go in most significant bit first.
        struct Bits {
            out: Vec<u8>,
            acc: u32,
            len: u32,
        }
        impl Bits {
            fn put(&mut self, value: u32, len: u32) {
                self.acc |= value << self.len;
                self.len += len;
                while self.len >= 8 {
                    self.out.push(self.acc as u8);
                    self.acc >>= 8;
                    self.len -= 8;
                }
            }
            fn code(&mut self, code: u32, len: u32) {
                self.put(code.reverse_bits() >> (32 - len), len);
            }
        }
        let mut bits = Bits {
            out: Vec::new(),
            acc: 0,
            len: 0,
        };
        bits.put(1, 1); // last block
        bits.put(1, 2); // fixed Huffman codes
        let space = 0x30 + u32::from(b' ');
        bits.code(space, 8);
        let mut left = n - 1;
        while left >= 258 {
            bits.code(0xC5, 8); // length 258 (symbol 285)
            bits.code(0, 5); // distance 1
            left -= 258;
        }
        for _ in 0..left {
            bits.code(space, 8);
        }
        bits.code(0, 7); // end of block
        bits.put(0, 7); // flush
        bits.out
    }

    #[test]
    fn error_zip_bomb() {
        let size: usize = 65 << 20;
        let deflated = deflated_spaces(size);
        assert!(deflated.len() < 1 << 20, "{}", deflated.len());
        let honest = zip_deflated("word/document.xml", &deflated, size as u32);
        // The stream is real: it inflates to spaces.
        let mut zip = ZipArchive::new(Cursor::new(&honest[..])).unwrap();
        let mut start = vec![0u8; 1 << 16];
        zip.by_name("word/document.xml")
            .unwrap()
            .read_exact(&mut start)
            .unwrap();
        assert!(start.iter().all(|b| *b == b' '));

        // Honest headers: refused from the size they claim.
        let d = read_err(&honest);
        assert_eq!(
            d.message,
            "the document is too large: word/document.xml unpacks to more than 64 MiB"
        );
        // Headers claiming 100 bytes: the zip reader stops there (and the CRC is wrong).
        let d = read_err(&zip_deflated("word/document.xml", &deflated, 100));
        assert!(d.message.contains("corrupt"), "{}", d.message);
        // A reader that gives more than it should: cut off at the limit.
        let endless = std::io::repeat(b' ').take(5000);
        assert!(read_limited(endless, 4096).unwrap().is_none());
        let small = std::io::repeat(b' ').take(4096);
        assert_eq!(read_limited(small, 4096).unwrap().unwrap().len(), 4096);
    }

    #[test]
    fn error_too_many_cells() {
        let row = r#"<w:tr><w:tc><w:tcPr><w:gridSpan w:val="256"/></w:tcPr></w:tc></w:tr>"#;
        let body = format!("<w:tbl>{}</w:tbl>", row.repeat(4000));
        let d = read_err(&docx(&body, None, None));
        assert!(d.message.contains("too large"), "{}", d.message);
    }

    #[test]
    fn empty_list_items_and_line_feeds_in_text() {
        let body = [list_p(1, 0, ""), list_p(1, 0, "Hai"), p(&r("một\ndòng"))].concat();
        let blocks = read_ok(&docx(&body, Some(NUMBERING), None));
        let got: Vec<(usize, &str)> = paras(&blocks)
            .iter()
            .map(|p| (p.at, p.plain.as_str()))
            .collect();
        // The empty item is dropped but numbered, as Word shows it.
        assert_eq!(got, [(2, "II. Hai"), (3, "một dòng")]);
    }

    /// Damaged copies of a document (bytes of the zip, or of its XML, changed at random):
    /// each reads or gives an error, never a panic.
    fn damaged_documents_never_panic(rounds: usize) {
        let document = test_builder::Docx::new()
            .heading(1, "KẾ HOẠCH")
            .outline(0, "ĐẶC ĐIỂM")
            .bullet(1, "một")
            .table(&[vec![
                test_builder::CellSpec::text("a").merge_down().span(2),
                test_builder::CellSpec::bullets(&["x"]),
            ]])
            .text("cuối");
        let bytes = document.bytes();
        let xml = document.document_xml().into_bytes();
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for round in 0..rounds {
            let mut damaged = if round % 2 == 0 {
                bytes.clone()
            } else {
                xml.clone()
            };
            for _ in 0..1 + next(4) {
                if damaged.len() < 2 {
                    break;
                }
                let at = next(damaged.len());
                match next(3) {
                    0 => damaged[at] = next(256) as u8,
                    1 => {
                        damaged.remove(at);
                    }
                    _ => damaged.truncate(at.max(1)),
                }
            }
            if round % 2 == 1 {
                damaged = zip_parts(&[("word/document.xml", &damaged)]);
            }
            let _ = read(Path::new("damaged.docx"), &damaged);
        }
    }

    #[test]
    fn damaged_documents_give_errors_not_panics() {
        damaged_documents_never_panic(400);
    }

    #[test]
    #[ignore = "slow: run with --release --ignored"]
    fn damaged_documents_give_errors_not_panics_long() {
        damaged_documents_never_panic(200_000);
    }

    #[test]
    fn huge_grid_span_is_bounded() {
        let body = format!(
            "<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"4000000000\"/></w:tcPr>{}</w:tc></w:tr></w:tbl>",
            p(&r("x"))
        );
        let blocks = read_ok(&docx(&body, None, None));
        assert_eq!(table(&blocks).rows[0].len(), MAX_COLUMNS);
    }
}
