//! What a build gives (its files, or its problems), a fresh build of a copy of the sources to
//! compare with, and short descriptions of how two outcomes differ.

use std::path::Path;

use super::sources::Sources;
use crate::common::tree;

/// Files of a built site, by path, sorted.
pub(crate) type Files = Vec<(String, Vec<u8>)>;

/// What one build gave.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The site, and its warnings as printed, sorted.
    Built { files: Files, warnings: Vec<String> },
    /// The problems as printed, sorted.
    Failed { errors: Vec<String> },
}

/// Diagnostics as printed, sorted.
pub(crate) fn printed(diags: &plansite::diagnostic::Diagnostics) -> Vec<String> {
    diags
        .clone()
        .sorted()
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// `plansite build` of the site in `root` into its `output/`, as the command line does.
pub(crate) fn build(root: &Path) -> Outcome {
    match plansite::build(&plansite::BuildOptions::new(root)) {
        Ok((built, _)) => Outcome::Built {
            files: tree(&root.join("output")),
            warnings: printed(&built.warnings),
        },
        Err(d) => Outcome::Failed {
            errors: printed(&d),
        },
    }
}

/// A build of a copy of `sources` into an empty folder.
pub(crate) fn fresh(sources: &Sources) -> Outcome {
    let dir = tempfile::tempdir().unwrap();
    sources.copy_to(dir.path());
    build(dir.path())
}

/// How `got` differs from `want`, or `None` when they are the same.
pub(crate) fn difference(got: &Outcome, want: &Outcome) -> Option<String> {
    match (got, want) {
        (Outcome::Built { .. }, Outcome::Failed { errors }) => Some(format!(
            "built, but a fresh build fails with:\n{}",
            errors.join("\n")
        )),
        (Outcome::Failed { errors }, Outcome::Built { .. }) => Some(format!(
            "failed, but a fresh build succeeds; the problems:\n{}",
            errors.join("\n")
        )),
        (Outcome::Failed { errors: a }, Outcome::Failed { errors: b }) => {
            (a != b).then(|| lists("problems", a, b))
        }
        (
            Outcome::Built {
                files: a,
                warnings: wa,
            },
            Outcome::Built {
                files: b,
                warnings: wb,
            },
        ) => files_difference(a, b).or_else(|| (wa != wb).then(|| lists("warnings", wa, wb))),
    }
}

fn lists(what: &str, got: &[String], want: &[String]) -> String {
    format!(
        "other {what}:\n--- got\n{}\n--- a fresh build's\n{}",
        got.join("\n"),
        want.join("\n")
    )
}

/// How the files `got` differ from `want`: files only one has, then the first files whose
/// bytes differ, each with where.
pub(crate) fn files_difference(got: &Files, want: &Files) -> Option<String> {
    if got == want {
        return None;
    }
    let names = |files: &Files| -> Vec<String> { files.iter().map(|(p, _)| p.clone()).collect() };
    let (got_names, want_names) = (names(got), names(want));
    let extra: Vec<&String> = got_names
        .iter()
        .filter(|p| want_names.binary_search(p).is_err())
        .collect();
    let missing: Vec<&String> = want_names
        .iter()
        .filter(|p| got_names.binary_search(p).is_err())
        .collect();
    let mut out = format!("{} files, a fresh build has {}\n", got.len(), want.len());
    let few = |list: &[&String]| {
        let shown: Vec<&str> = list.iter().take(10).map(|s| s.as_str()).collect();
        let more = list.len().saturating_sub(10);
        format!(
            "{}{}",
            shown.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        )
    };
    if !extra.is_empty() {
        out += &format!("not in the fresh build: {}\n", few(&extra));
    }
    if !missing.is_empty() {
        out += &format!("missing: {}\n", few(&missing));
    }
    let mut differing = 0;
    for (path, bytes) in got {
        if let Ok(i) = want.binary_search_by(|(p, _)| p.cmp(path))
            && want[i].1 != *bytes
        {
            differing += 1;
            if differing <= 3 {
                out += &format!("{path} differs: {}\n", bytes_difference(bytes, &want[i].1));
            }
        }
    }
    if differing > 3 {
        out += &format!("… {differing} files differ in all\n");
    }
    Some(out)
}

/// Where two files' bytes part: the first differing line of a text, with the lines around it,
/// or the first differing byte.
pub(crate) fn bytes_difference(got: &[u8], want: &[u8]) -> String {
    let (Ok(a), Ok(b)) = (std::str::from_utf8(got), std::str::from_utf8(want)) else {
        let at = got.iter().zip(want).position(|(x, y)| x != y);
        return format!(
            "{} bytes against {}, first difference at byte {}",
            got.len(),
            want.len(),
            at.unwrap_or(got.len().min(want.len()))
        );
    };
    let (la, lb): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let at = la
        .iter()
        .zip(&lb)
        .position(|(x, y)| x != y)
        .unwrap_or(la.len().min(lb.len()));
    // Long lines (search-index.js is one) are shown around their first difference.
    let (x, y) = (la.get(at).unwrap_or(&""), lb.get(at).unwrap_or(&""));
    let column = x
        .chars()
        .zip(y.chars())
        .position(|(p, q)| p != q)
        .unwrap_or(0);
    let from = column.saturating_sub(80);
    let cut = |l: &str| {
        let shown: String = l.chars().skip(from).take(160).collect();
        if from > 0 {
            format!("…{shown}")
        } else {
            shown
        }
    };
    let show = |lines: &[&str]| -> String {
        lines[at.saturating_sub(1).min(lines.len())..(at + 2).min(lines.len())]
            .iter()
            .map(|l| format!("    {}\n", cut(l)))
            .collect()
    };
    format!(
        "line {}{}\n  got:\n{}  fresh:\n{}",
        at + 1,
        if from > 0 {
            format!(", from column {}", from + 1)
        } else {
            String::new()
        },
        show(&la),
        show(&lb)
    )
}
