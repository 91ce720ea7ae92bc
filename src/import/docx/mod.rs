//! Reads a Word document (.docx) into [`Block`]s.
//!
//! A .docx is a zip of XML parts. We read three of them: the document itself (normally
//! `word/document.xml`, found through `_rels/.rels`), its styles (for bold and heading
//! styles, and lists attached to styles) and its numbering (to write list numbers the way
//! Word shows them). Headers, footers, footnotes, comments and pictures are left out; the
//! text of text boxes is kept, as paragraphs after the paragraph that anchors the box.
//!
//! Everything is read with a streaming XML reader and explicit stacks, never recursion, so no
//! document can overflow the stack; each part is read through a 64 MiB limit, so no zip bomb
//! can exhaust memory.
//!
//! The modules, each using only those listed before it: `xml` (the event walker), `package`
//! (the zip and its relationships), `styles`, `numbering`, `markdown` (runs to Markdown text),
//! `table`, `paragraph`, `story` (the body or a text box), and `body` (the reader of
//! document.xml).

mod body;
mod markdown;
mod numbering;
mod package;
mod paragraph;
mod story;
mod styles;
mod table;
mod xml;

use std::path::Path;

use self::body::BodyReader;
use self::numbering::Numbering;
use self::package::{Package, parse_rels, rels_path, resolve_target};
use self::styles::Styles;
use self::xml::{XmlFail, walk};
use crate::diagnostic::Diagnostic;
use crate::import::doc::Block;

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

/// The builder the integration tests make their .docx fixtures with, checked here against
/// the reader.
#[cfg(test)]
#[allow(clippy::expect_used)]
#[path = "../../../tests/testsuite/common/docx.rs"]
mod test_builder;

#[cfg(test)]
mod tests;
