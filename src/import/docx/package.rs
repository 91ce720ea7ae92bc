//! The zip package: opening it (telling apart files that are not one, old .doc files and
//! encrypted ones), reading a part through a size limit, and the relationships that name
//! the parts.

use std::io::{Cursor, Read};
use std::path::Path;

use zip::ZipArchive;
use zip::result::ZipError;

use super::xml::{Ev, XmlFail, attr, walk};
use crate::diagnostic::Diagnostic;

/// The most one part of the document may unpack to.
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// The signature of an OLE compound file: a Word 97-2003 .doc, or an encrypted .docx.
pub(super) const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The hint for a file that is damaged.
const CORRUPT_HINT: &str = "the file may be damaged or only partly copied; open it in Word or \
     LibreOffice, save it again as Word Document (.docx), and import the new file";

/// The opened zip, with the file's path for diagnostics.
pub(super) struct Package<'a> {
    path: &'a Path,
    zip: ZipArchive<Cursor<&'a [u8]>>,
}

impl<'a> Package<'a> {
    /// Opens the zip, telling apart the files that are not one.
    pub(super) fn open(path: &'a Path, bytes: &'a [u8]) -> Result<Package<'a>, Diagnostic> {
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
    pub(super) fn main_part(&mut self) -> Result<String, Diagnostic> {
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
    pub(super) fn part(&mut self, name: &str) -> Result<Option<String>, Diagnostic> {
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
    pub(super) fn corrupt(&self, part: &str, detail: &str) -> Diagnostic {
        corrupt(self.path, part, detail)
    }

    /// The error for a zip without a Word document in it, naming what it seems to be.
    pub(super) fn not_word(&mut self) -> Diagnostic {
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
pub(super) fn read_limited(reader: impl Read, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
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
pub(super) struct Rel {
    pub(super) kind: String,
    pub(super) target: String,
    pub(super) external: bool,
}

/// The relationships of a `.rels` part.
pub(super) fn parse_rels(xml: &str) -> Result<Vec<Rel>, String> {
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
pub(super) fn rels_path(name: &str) -> String {
    match name.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{name}.rels"),
    }
}

/// The zip name of a relationship's target, relative to the folder of the part `from`
/// (or to the root when it starts with `/`).
pub(super) fn resolve_target(from: &str, target: &str) -> String {
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
