//! Front matter: splitting it from the body (`+++` TOML or `---` YAML) and deserialising it into
//! a typed struct, with every error mapped back to the line of the file it came from.

use serde::de::DeserializeOwned;

use crate::diagnostic::{Diagnostic, Position, did_you_mean};
use crate::source::{SourceFile, position_in};

/// The language a front-matter block is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Between `+++` lines.
    Toml,
    /// Between `---` lines.
    Yaml,
}

/// The front-matter block of a file.
#[derive(Debug, Clone, Copy)]
pub struct FrontMatter<'a> {
    /// TOML or YAML.
    pub format: Format,
    /// The text between the delimiter lines.
    pub text: &'a str,
    /// The file line (1-based) on which `text` starts.
    pub first_line: usize,
}

/// A file cut into its front matter (if any) and its Markdown body.
#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    /// The front matter, when the file has one.
    pub front: Option<FrontMatter<'a>>,
    /// The Markdown after the closing delimiter.
    pub body: &'a str,
    /// Byte offset of `body` in the file's text, to map Markdown positions to file lines.
    pub body_offset: usize,
}

/// Cuts `file` into front matter and body. A file that does not start with a delimiter line
/// has no front matter; one whose block is never closed is an error.
pub fn split(file: &SourceFile) -> Result<Split<'_>, Diagnostic> {
    let text = file.text.as_str();
    let first_line_end = text.find('\n').unwrap_or(text.len());
    let first = text[..first_line_end].trim_end();
    let (format, delimiter) = match first {
        "+++" => (Format::Toml, "+++"),
        "---" => (Format::Yaml, "---"),
        _ => {
            return Ok(Split {
                front: None,
                body: text,
                body_offset: 0,
            });
        }
    };
    let start = (first_line_end + 1).min(text.len());
    let mut offset = start;
    for line in text[start..].split_inclusive('\n') {
        if line.trim_end() == delimiter {
            let body_offset = offset + line.len();
            return Ok(Split {
                front: Some(FrontMatter {
                    format,
                    text: &text[start..offset],
                    first_line: 2,
                }),
                body: &text[body_offset..],
                body_offset,
            });
        }
        offset += line.len();
    }
    let language = match format {
        Format::Toml => "TOML",
        Format::Yaml => "YAML",
    };
    Err(Diagnostic::error(
        &file.path,
        format!("the {language} front matter that starts here is never closed"),
    )
    .at(1, 1)
    .hint(format!(
        "add a line with only `{delimiter}` after the last setting, before the text"
    )))
}

/// The kind of file a block of keys comes from, as its diagnostics name it.
#[derive(Debug, Clone, Copy)]
pub struct FileKind {
    /// What the block is called in messages: "front matter", "configuration".
    pub noun: &'static str,
    /// The sentence ending the hint for an unknown key: where keys of the user's own belong.
    pub unknown_key_hint: &'static str,
}

impl FileKind {
    /// The front matter of a Markdown file.
    pub const FRONT_MATTER: FileKind = FileKind {
        noun: "front matter",
        unknown_key_hint: "Free-form data goes under `extra`.",
    };
}

/// Deserialises a front-matter block into `T`. `T` rejects unknown keys; the error then gets a
/// "did you mean" hint from the keys `T` expects.
pub fn deserialize<T: DeserializeOwned>(
    file: &SourceFile,
    front: &FrontMatter<'_>,
) -> Result<T, Diagnostic> {
    deserialize_block(file, front, &FileKind::FRONT_MATTER)
}

/// Deserialises a whole TOML file (plansite.toml, a theme's language file) into `T`, with the
/// same line mapping and hints as front matter, its messages naming `kind`.
pub fn deserialize_toml_file<T: DeserializeOwned>(
    file: &SourceFile,
    kind: &FileKind,
) -> Result<T, Diagnostic> {
    let whole = FrontMatter {
        format: Format::Toml,
        text: &file.text,
        first_line: 1,
    };
    deserialize_block(file, &whole, kind)
}

fn deserialize_block<T: DeserializeOwned>(
    file: &SourceFile,
    front: &FrontMatter<'_>,
    kind: &FileKind,
) -> Result<T, Diagnostic> {
    match front.format {
        Format::Toml => toml::from_str(front.text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            let p = position_in(front.text, offset);
            located(
                file,
                kind,
                e.message(),
                front.first_line + p.line - 1,
                p.column,
            )
        }),
        Format::Yaml => serde_saphyr::from_str(front.text).map_err(|e| {
            let (line, column) = e.location().map_or((1, 1), |l| {
                (l.line().max(1) as usize, l.column().max(1) as usize)
            });
            let options =
                serde_saphyr::render_options! { snippets: serde_saphyr::SnippetMode::Off };
            let message = yaml_message(&e.without_snippet().render_with_options(options));
            located(file, kind, &message, front.first_line + line - 1, column)
        }),
    }
}

/// serde-saphyr appends " at line L column C" to its messages; we show the place ourselves.
fn yaml_message(rendered: &str) -> String {
    let first = rendered.lines().next().unwrap_or(rendered);
    match first.rfind(" at line ") {
        Some(i) => first[..i].to_owned(),
        None => first.to_owned(),
    }
}

/// Builds the diagnostic for a deserialisation error, rewording serde's standard messages into
/// plain words that name the kind of file, and adding hints.
fn located(
    file: &SourceFile,
    kind: &FileKind,
    message: &str,
    line: usize,
    column: usize,
) -> Diagnostic {
    let message = message.trim().trim_end_matches('.');
    let base = Diagnostic::error(&file.path, "").at(line, column);
    let FileKind {
        noun,
        unknown_key_hint,
    } = kind;
    if let Some((unknown, expected)) = parse_unknown_field(message) {
        let hint = match did_you_mean(&unknown, expected.iter().map(String::as_str)) {
            Some(best) => format!("did you mean `{best}`? {unknown_key_hint}"),
            None => format!(
                "the keys allowed here are: {}. {unknown_key_hint}",
                expected.join(", ")
            ),
        };
        return Diagnostic {
            message: format!("unknown key `{unknown}` in the {noun}"),
            ..base
        }
        .hint(hint);
    }
    if let Some(name) = message
        .strip_prefix("missing field `")
        .and_then(|r| r.strip_suffix('`'))
    {
        return Diagnostic {
            message: format!("the {noun} has no `{name}`, which is required"),
            ..base
        }
        .hint(format!("add a line `{name} = ...` to the {noun}"));
    }
    Diagnostic {
        message: format!("{noun}: {message}"),
        ..base
    }
}

/// Reads serde's "unknown field `x`, expected one of `a`, `b`" (or "expected `a`", or "there
/// are no fields") into the unknown name and the expected ones.
fn parse_unknown_field(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (unknown, rest) = rest.split_once('`')?;
    let expected = rest
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    Some((unknown.to_owned(), expected))
}

/// The position of a front-matter key (`key =` or `key:` at the start of a line), for
/// diagnostics about values that were valid to the parser but wrong for the plan.
pub fn find_key(file: &SourceFile, key: &str) -> Option<Position> {
    find_line(file, |line| {
        let t = line.trim_start();
        t.strip_prefix(key)
            .is_some_and(|r| r.trim_start().starts_with(['=', ':']))
    })
}

/// The position of `value` as written for `key` (quoted, or bare in YAML): on the key's line
/// or a later one (a list over several lines); else the key's position.
pub fn find_value(file: &SourceFile, key: &str, value: &str) -> Option<Position> {
    let start = find_key(file, key)?;
    let quoted = [format!("\"{value}\""), format!("'{value}'")];
    for (i, line) in file.text.lines().enumerate().skip(start.line - 1) {
        let found = quoted
            .iter()
            .find_map(|q| line.find(q.as_str()).map(|at| at + 1))
            .or_else(|| line.find(value));
        if let Some(at) = found {
            return Some(Position::new(i + 1, line[..at].chars().count() + 1));
        }
    }
    Some(start)
}

/// The position of the first line that `matches`.
pub fn find_line(file: &SourceFile, matches: impl Fn(&str) -> bool) -> Option<Position> {
    file.text
        .lines()
        .position(matches)
        .map(|i| Position::new(i + 1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::path::PathBuf;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Meta {
        title: String,
        #[serde(default)]
        weight: Option<i64>,
    }

    fn file(text: &str) -> SourceFile {
        SourceFile {
            path: PathBuf::from("a.md"),
            text: text.to_owned(),
        }
    }

    fn parse(text: &str) -> Result<Meta, Diagnostic> {
        let f = file(text);
        let s = split(&f)?;
        deserialize(&f, &s.front.unwrap())
    }

    #[test]
    fn splits_toml_and_yaml() {
        let f = file("+++\ntitle = \"A\"\n+++\nbody\n");
        let s = split(&f).unwrap();
        assert_eq!(s.front.unwrap().format, Format::Toml);
        assert_eq!(s.body, "body\n");
        assert_eq!(&f.text[s.body_offset..], "body\n");
        assert_eq!(parse("---\ntitle: B\n---\n").unwrap().title, "B");
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let f = file("- one\n- two\n");
        let s = split(&f).unwrap();
        assert!(s.front.is_none());
        assert_eq!(s.body, "- one\n- two\n");
    }

    #[test]
    fn unterminated_block_is_an_error() {
        let err = parse("+++\ntitle = \"A\"\nbody\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.md:1:1: error: the TOML front matter that starts here is never closed\n  hint: add a line with only `+++` after the last setting, before the text"
        );
    }

    #[test]
    fn unknown_key_points_at_its_line_with_a_suggestion() {
        let err = parse("+++\ntitle = \"A\"\n\nwieght = 2\n+++\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.md:4:1: error: unknown key `wieght` in the front matter\n  hint: did you mean `weight`? Free-form data goes under `extra`."
        );
        let err = parse("---\ntitle: A\nwieght: 2\n---\n").unwrap_err();
        assert_eq!(err.position.unwrap().line, 3);
        assert_eq!(err.message, "unknown key `wieght` in the front matter");
    }

    #[test]
    fn syntax_errors_map_to_file_lines() {
        let err = parse("+++\ntitle = \"A\"\nweight = = 2\n+++\n").unwrap_err();
        assert_eq!(err.position.unwrap().line, 3);
        let err = parse("---\ntitle: A\nweight: [1, 2\n---\n").unwrap_err();
        assert!(err.position.unwrap().line >= 3, "{err}");
    }

    #[test]
    fn a_whole_file_names_its_kind() {
        let kind = FileKind {
            noun: "configuration",
            unknown_key_hint: "Keys of your own go under `extra`.",
        };
        let err =
            deserialize_toml_file::<Meta>(&file("title = \"A\"\nwieght = 2\n"), &kind).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.md:2:1: error: unknown key `wieght` in the configuration\n  hint: did you mean `weight`? Keys of your own go under `extra`."
        );
        let err = deserialize_toml_file::<Meta>(&file("weight = 1\n"), &kind).unwrap_err();
        assert_eq!(
            err.message,
            "the configuration has no `title`, which is required"
        );
        assert_eq!(
            err.hint.as_deref(),
            Some("add a line `title = ...` to the configuration")
        );
    }

    #[test]
    fn missing_required_key() {
        let err = parse("+++\nweight = 1\n+++\n").unwrap_err();
        assert_eq!(
            err.message,
            "the front matter has no `title`, which is required"
        );
    }
}
