//! The plain-text reader: text copied out of Word or a PDF (like the seed), or Markdown.
//!
//! Text extraction breaks lines where the page was narrow and pages where the paper ended;
//! this reader puts the paragraphs back together:
//! - a line that continues in lower case continues the line before (also across a blank line,
//!   which is where a PDF page ended);
//! - any other line inside a paragraph is a line break the author made (`\` at the end);
//! - `- `, `+ `, `• `, `– `, `· `, `o ` and the Symbol-font bullets start list items (also
//!   with a tab after them, as Word copies them); `* ` is the "*" marker of Vietnamese
//!   documents (kept as a character, not made a list; in a .md file it is a list item);
//! - a form feed ends a page of a PDF's text; page numbers and running headers and footers at
//!   the pages' edges are dropped;
//! - rows of cells separated by pipes, and columns laid out with spaces (`pdftotext -layout`),
//!   are tables; so is a table flattened one cell a line under its column headers (a web
//!   page's table copied as text);
//! - lines with a tab after some text are rows of a table (the month table copied out of
//!   Word comes as `1/2023<TAB>…`); HTML tags in them are dropped (`<li>` starts an item).
//!
//! The text is otherwise taken as Markdown (the seed carries `**bold**` and `*italic*`), with
//! the characters plain text would have Markdown misread escaped (`<` before a letter in .txt,
//! `1.` at the start of a paragraph).

use std::path::Path;

mod cells;
mod columns;
mod fit;
mod flat;
mod headers;
mod line;
mod lines;
mod pages;
mod pipes;
mod rows;
mod table;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_flat;
#[cfg(test)]
mod tests_tables;
mod values;

use super::doc::Block;
use unicode_normalization::UnicodeNormalization;

use crate::diagnostic::Diagnostic;

/// Decodes `bytes` (UTF-8, or UTF-16 with its byte-order mark, as Windows Notepad saves
/// "Unicode") and reads it into blocks. `markdown` is true for a .md file, whose `<` is HTML.
pub fn read(path: &Path, bytes: &[u8], markdown: bool) -> Result<Vec<Block>, Diagnostic> {
    let text = normalise(&decode(path, bytes)?);
    Ok(lines::blocks(&text, markdown))
}

fn decode(path: &Path, bytes: &[u8]) -> Result<String, Diagnostic> {
    let utf16 = |big: bool| {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| {
                let pair = [c[0], *c.get(1).unwrap_or(&0)];
                if big {
                    u16::from_be_bytes(pair)
                } else {
                    u16::from_le_bytes(pair)
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|_| {
            Diagnostic::error(path, "the file is not valid UTF-16 text")
                .hint("save it again as UTF-8 text (Notepad: Save As → Encoding: UTF-8)")
        })
    };
    let text = match bytes {
        [0xFF, 0xFE, ..] => utf16(false)?,
        [0xFE, 0xFF, ..] => utf16(true)?,
        _ => crate::source::decode_utf8(path, bytes).map_err(|d| {
            d.hint(
                "save the text as UTF-8 (Notepad: Save As → Encoding: UTF-8); text in an old \
                 Vietnamese encoding (TCVN3, VNI) must be converted to Unicode first, e.g. \
                 with UniKey's converter",
            )
        })?,
    };
    if let Some(at) = text.find('\0') {
        let line = text[..at].matches('\n').count() + 1;
        return Err(
            Diagnostic::error(path, "the file holds NUL bytes: it is not text")
                .at(line, 1)
                .hint("import the plan's .docx, or its text saved as UTF-8 .txt"),
        );
    }
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// The text as one form of Unicode: composed (NFC; text copied on a Mac or out of a PDF
/// comes decomposed, "ê" + "́" for "ế"), the no-break spaces of Word and web pages
/// (U+00A0, U+202F, U+2007) as ordinary spaces, and the invisible characters that only get in
/// the way of matching (zero-width space, word joiner, soft hyphen, a byte-order mark left
/// inside the text) dropped.
fn normalise(text: &str) -> String {
    text.nfc()
        .filter(|c| !matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'))
        .map(|c| match c {
            '\u{A0}' | '\u{202F}' | '\u{2007}' => ' ',
            c => c,
        })
        .collect()
}
