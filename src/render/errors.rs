//! Tera's errors as diagnostics pointing into the template files, for the templates' loading
//! (`theme.rs`) and rendering (`mod.rs`), and the same error on many pages told once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics};

/// A Tera error as diagnostics pointing into the template files.
pub fn template_error(e: &tera::Error, paths: &BTreeMap<String, PathBuf>) -> Diagnostics {
    let path_of = |name: &str| -> PathBuf {
        paths
            .get(name)
            .cloned()
            .unwrap_or_else(|| Path::new("templates").join(name))
    };
    let one = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let span = r.span();
            let what = if matches!(e.kind(), tera::ErrorKind::SyntaxError(_)) {
                "template syntax error"
            } else {
                "template error"
            };
            Diagnostic::error(path_of(r.filename()), format!("{what}: {}", r.message()))
                .at(span.start_line.max(1), span.start_col + 1)
        }
        tera::ErrorKind::TemplateNotFound(name) => {
            Diagnostic::site_error(format!("template `{name}` not found"))
                .hint("add it to the theme's templates/ or the site's templates/")
        }
        tera::ErrorKind::MissingParent { current, parent } => Diagnostic::error(
            path_of(current),
            format!("this template extends `{parent}`, which does not exist"),
        ),
        tera::ErrorKind::Msg(text) => return reports(text, &path_of),
        other => Diagnostic::site_error(format!("template error: {other}")),
    };
    one.into()
}

/// Tera reports the problems it finds when checking templates together (unknown filters,
/// missing blocks) as rendered reports joined by blank lines: `error: MESSAGE` then
/// `--> NAME:LINE:COL`. Each becomes a diagnostic.
fn reports(text: &str, path_of: &dyn Fn(&str) -> PathBuf) -> Diagnostics {
    let mut diags = Diagnostics::new();
    for report in text.split("\n\n") {
        let mut lines = report.lines();
        let message = lines.next().unwrap_or_default();
        let message = message.strip_prefix("error: ").unwrap_or(message);
        let location = lines
            .find_map(|l| l.trim_start().strip_prefix("--> "))
            .and_then(|loc| {
                let mut parts = loc.rsplitn(3, ':');
                let col = parts.next()?.parse::<usize>().ok()?;
                let line = parts.next()?.parse::<usize>().ok()?;
                Some((parts.next()?.to_owned(), line, col))
            });
        let d = match location {
            Some((name, line, col)) => {
                Diagnostic::error(path_of(&name), format!("template error: {message}"))
                    .at(line, col)
            }
            None => Diagnostic::site_error(format!("template error: {message}")),
        };
        diags.push(d);
    }
    diags
}

/// The same template error on many pages is one problem: it is reported once, for the first
/// page, with a count of the others.
pub fn merge_repeats(diags: Diagnostics) -> Diagnostics {
    let mut merged: Vec<(Diagnostic, usize)> = Vec::new();
    for d in diags.sorted() {
        match merged.last_mut() {
            Some((first, others))
                if first.file == d.file
                    && first.position == d.position
                    && first.message == d.message =>
            {
                *others += 1;
            }
            _ => merged.push((d, 0)),
        }
    }
    let mut out = Diagnostics::new();
    for (d, others) in merged {
        out.push(match (others, &d.hint) {
            (0, _) | (_, None) => d,
            (n, Some(h)) => {
                let hint = format!("{h}, and {n} other page(s)");
                d.hint(hint)
            }
        });
    }
    out
}
