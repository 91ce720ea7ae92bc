//! Diagnostics: the problems a user can fix, with file, line, column, message and hint.
//!
//! Every stage reports into a [`Diagnostics`] list instead of stopping at the first problem, so
//! one run shows everything that is wrong. Only `main` prints them.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Severity {
    /// The build cannot produce a correct site.
    Error,
    /// Probably a mistake, but the site can be built.
    Warning,
}

/// A place in a source file: 1-based line and column (columns count characters).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct Position {
    /// Line number, from 1.
    pub line: usize,
    /// Column number in characters, from 1.
    pub column: usize,
}

impl Position {
    /// A position from a 1-based line and column.
    pub fn new(line: usize, column: usize) -> Self {
        Position { line, column }
    }
}

/// How diagnostics are ordered: file, position, severity, message, hint.
type SortKey<'a> = (
    Option<&'a Path>,
    Option<Position>,
    Severity,
    &'a str,
    Option<&'a str>,
);

/// One problem, found in one file (or in the site as a whole when `file` is `None`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the site root when it is inside it.
    pub file: Option<PathBuf>,
    /// Where in the file, when known.
    pub position: Option<Position>,
    /// What is wrong, in plain words.
    pub message: String,
    /// How to fix it, when we can tell.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error in `file`.
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: Some(file.into()),
            position: None,
            message: message.into(),
            hint: None,
        }
    }

    /// An error that belongs to no single file.
    pub fn site_error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: None,
            position: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning in `file`.
    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    /// The same diagnostic, placed at `line`:`column`.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.position = Some(Position::new(line, column));
        self
    }

    /// The same diagnostic, placed at `position` when there is one.
    pub fn at_opt(mut self, position: Option<Position>) -> Self {
        self.position = position;
        self
    }

    /// The same diagnostic with a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// File, position, severity, message, then hint: a total order, so that problems found by
    /// parallel work print the same way every time.
    fn sort_key(&self) -> SortKey<'_> {
        (
            self.file.as_deref(),
            self.position,
            self.severity,
            &self.message,
            self.hint.as_deref(),
        )
    }
}

impl fmt::Display for Diagnostic {
    /// `file:line:col: error: message`, then `  hint: ...` on its own line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}", shown_path(file))?;
            if let Some(p) = self.position {
                write!(f, ":{}:{}", p.line, p.column)?;
            }
            write!(f, ": ")?;
        }
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", escape_controls(&self.message, true))?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {}", escape_controls(hint, true))?;
        }
        Ok(())
    }
}

/// A path with `/` between its parts on every platform: how links and keys name files (a
/// link in Markdown is written with `/` on Windows too).
pub fn display_path(path: &Path) -> String {
    joined(path, '/')
}

/// A path the way the user's system writes it: `\` between its parts on Windows
/// (`content\2023-chi-bo\01-dac-diem.md`, `.\output`), `/` elsewhere, so that a path in a
/// message reads like the ones the user types and sees in Explorer.
pub fn native_path(path: &Path) -> String {
    joined(path, std::path::MAIN_SEPARATOR)
}

/// The parts of `path` with `separator` between them (a root is a separator of its own).
fn joined(path: &Path, separator: char) -> String {
    let mut shown = String::new();
    for c in path.components() {
        match c {
            std::path::Component::RootDir => shown.push(separator),
            other => {
                if !shown.is_empty() && !shown.ends_with(separator) {
                    shown.push(separator);
                }
                shown.push_str(&other.as_os_str().to_string_lossy());
            }
        }
    }
    shown
}

/// A path as printed in a message: [`native_path`] with control characters escaped, so that a
/// file name holding ESC or a line break cannot drive the terminal or fake another line.
pub fn shown_path(path: &Path) -> String {
    escape_controls(&native_path(path), false).into_owned()
}

/// `text` with control characters (and the invisible marks that reverse text direction)
/// written as Rust escapes: `\u{1b}`, `\r`, `\n`. A tab is kept; line breaks too when
/// `keep_newlines` (messages and hints that span lines on purpose).
pub fn escape_controls(text: &str, keep_newlines: bool) -> std::borrow::Cow<'_, str> {
    let escaped = |c: char| {
        (c.is_control() && c != '\t' && !(keep_newlines && c == '\n'))
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(escaped) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escaped(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// All the problems found in one run.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Diagnostics::default()
    }

    /// Adds one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Adds all problems of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Whether there is nothing at all.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The problems, sorted by file, position and severity, without repeats.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.items.dedup();
        self.items
    }

    /// The problems in the order they were found.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics { items: vec![d] }
    }
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_file_position_and_hint() {
        let d = Diagnostic::error("content/a/_index.md", "unknown key `titel`")
            .at(3, 1)
            .hint("did you mean `title`?");
        assert_eq!(
            d.to_string(),
            "content/a/_index.md:3:1: error: unknown key `titel`\n  hint: did you mean `title`?"
        );
    }

    #[test]
    fn sorts_by_file_then_line() {
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::error("b.md", "x").at(1, 1));
        ds.push(Diagnostic::error("a.md", "y").at(9, 1));
        ds.push(Diagnostic::error("a.md", "z").at(2, 1));
        let lines: Vec<String> = ds.sorted().iter().map(|d| d.to_string()).collect();
        assert_eq!(
            lines,
            [
                "a.md:2:1: error: z",
                "a.md:9:1: error: y",
                "b.md:1:1: error: x"
            ]
        );
    }

    #[test]
    fn paths_are_shown_with_slashes() {
        assert_eq!(display_path(Path::new("content/a/b.md")), "content/a/b.md");
        assert_eq!(display_path(Path::new("/tmp/out")), "/tmp/out");
        assert_eq!(display_path(Path::new("./out")), "./out");
    }

    #[test]
    fn paths_in_messages_have_one_kind_of_separator() {
        // What native_path gives on Windows, where MAIN_SEPARATOR is `\`.
        assert_eq!(
            joined(Path::new("content/2023-chi-bo/01-dac-diem.md"), '\\'),
            "content\\2023-chi-bo\\01-dac-diem.md"
        );
        assert_eq!(joined(Path::new("./output"), '\\'), ".\\output");
        assert_eq!(joined(Path::new("/srv/site"), '\\'), "\\srv\\site");
        assert_eq!(
            native_path(Path::new("content/a.md")),
            format!("content{}a.md", std::path::MAIN_SEPARATOR)
        );
    }

    #[test]
    fn control_characters_in_names_are_printed_escaped() {
        let d = Diagnostic::error(
            "content/p/a\u{1b}[31mb\nc\r.png",
            "bad \u{7}name\nsecond line",
        )
        .hint("x\u{202e}y");
        assert_eq!(
            d.to_string(),
            "content/p/a\\u{1b}[31mb\\nc\\r.png: error: bad \\u{7}name\nsecond line\n  hint: x\\u{202e}y"
        );
        assert_eq!(
            shown_path(Path::new("content/kế hoạch\t.md")),
            "content/kế hoạch\t.md"
        );
    }

    #[test]
    fn suggests_close_words_only() {
        let keys = ["title", "number", "weight"];
        assert_eq!(did_you_mean("titel", keys), Some("title"));
        assert_eq!(did_you_mean("wieght", keys), Some("weight"));
        assert_eq!(did_you_mean("zzz", keys), None);
    }
}
