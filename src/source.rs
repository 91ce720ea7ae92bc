//! Source text: decoding files as UTF-8 (BOM, CRLF, wrong encodings) and mapping byte offsets
//! back to the lines and columns a user sees in an editor.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Position};

/// The text of one content file, decoded and with line endings normalised to `\n`.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root (what diagnostics show).
    pub path: PathBuf,
    /// The text, without BOM, `\r\n` turned into `\n`.
    pub text: String,
}

impl SourceFile {
    /// Decodes raw bytes read from `path`. Errors name the file and say how to fix it.
    pub fn decode(path: &Path, bytes: &[u8]) -> Result<SourceFile, Diagnostic> {
        let text = decode_utf8(path, bytes)?;
        Ok(SourceFile {
            path: path.to_path_buf(),
            text,
        })
    }

    /// The line and column of a byte offset into [`SourceFile::text`].
    pub fn position(&self, offset: usize) -> Position {
        position_in(&self.text, offset)
    }
}

/// Decodes `bytes` as UTF-8 text: strips a BOM, normalises CRLF and lone CR to LF, and refuses
/// UTF-16 or invalid UTF-8 with the line and byte offset of the first bad byte.
pub fn decode_utf8(path: &Path, bytes: &[u8]) -> Result<String, Diagnostic> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Diagnostic::error(path, "this file is in UTF-16, not UTF-8")
            .at(1, 1)
            .hint("open it in your editor and save it again with the encoding \"UTF-8\""));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let text = match simdutf8::compat::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let offset = e.valid_up_to();
            let good = String::from_utf8_lossy(&bytes[..offset]);
            let p = position_in(&good, good.len());
            return Err(Diagnostic::error(
                path,
                format!("this file is not valid UTF-8 text (bad byte at offset {offset})"),
            )
            .at(p.line, p.column)
            .hint("save the file again with the encoding \"UTF-8\" (in Notepad: Save As > Encoding > UTF-8)"));
        }
    };
    if text.contains('\r') {
        Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Ok(text.to_owned())
    }
}

/// The 1-based line and column (in characters) of byte `offset` in `text`.
pub fn position_in(text: &str, offset: usize) -> Position {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    Position::new(line, column)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_crlf() {
        let text = decode_utf8(Path::new("a.md"), b"\xEF\xBB\xBFa\r\nb\rc\n").unwrap();
        assert_eq!(text, "a\nb\nc\n");
    }

    #[test]
    fn refuses_utf16_with_a_hint() {
        let err = decode_utf8(Path::new("a.md"), b"\xFF\xFEa\x00").unwrap_err();
        assert_eq!(err.message, "this file is in UTF-16, not UTF-8");
        assert!(err.hint.unwrap().contains("UTF-8"));
    }

    #[test]
    fn invalid_utf8_reports_line_and_offset() {
        let err = decode_utf8(Path::new("a.md"), b"ok\nk\xE1 ho").unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.md:2:2: error: this file is not valid UTF-8 text (bad byte at offset 4)\n  hint: save the file again with the encoding \"UTF-8\" (in Notepad: Save As > Encoding > UTF-8)"
        );
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "đầu\nkế hoạch";
        assert_eq!(position_in(text, 0), Position::new(1, 1));
        let k = text.find("hoạch").unwrap();
        assert_eq!(position_in(text, k), Position::new(2, 4));
        assert_eq!(position_in(text, text.len() + 5), Position::new(2, 9));
    }
}
