//! Writing a recognised plan as content files: `_index.md` with the plan's front matter and
//! preamble, one `NN-<title>.md` per section, one `months/YYYY-MM.md` per month.
//!
//! Front matter is TOML, each string quoted by the toml crate so any text is valid. Files are
//! first written into a fresh folder beside the plan folder and moved in only when all were
//! written; an existing file is refused unless `force` is given.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::recognise::Plan;
use crate::diagnostic::{Diagnostic, Diagnostics};

/// A TOML string.
fn q(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The plan folder's default name: the year and a few words of the subject
/// ("2023-hoat-dong-chi-bo"), else the document's file name.
pub fn folder_name(plan: &Plan, path: &Path) -> String {
    let year = plan.year();
    let subject = plan.subject.as_deref().unwrap_or("");
    // The year is already in front; drop "năm 2023", "năm học 2023-2024".
    let words: Vec<String> = crate::slug::slugify(subject)
        .split('-')
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()) && *w != "nam" && *w != "hoc")
        .take(4)
        .map(str::to_string)
        .collect();
    let name = match year {
        Some(y) if words.is_empty() => format!("{y:04}-ke-hoach"),
        Some(y) => format!("{y:04}-{}", words.join("-")),
        None if !words.is_empty() => words.join("-"),
        None => crate::slug::slugify(&path.file_stem().unwrap_or_default().to_string_lossy()),
    };
    if name.is_empty() {
        "ke-hoach".to_string()
    } else {
        name
    }
}

/// A title in sentence case from the kind and subject in capitals: "KẾ HOẠCH HOẠT ĐỘNG CHI BỘ
/// NĂM 2023" → "Kế hoạch hoạt động chi bộ năm 2023". Words without a vowel ("CBGV",
/// "GD&ĐT") are abbreviations and keep their capitals.
fn sentence_case(text: &str) -> String {
    let vowel = |c: char| {
        let base = deunicode::deunicode_char(c).unwrap_or("");
        base.chars().any(|b| "aeiouyAEIOUY".contains(b))
    };
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            if w.chars().any(vowel) {
                w.to_lowercase()
            } else {
                w.to_string()
            }
        })
        .collect();
    let joined = words.join(" ");
    let mut chars = joined.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => joined,
    }
}

/// The files of `plan`, relative to the plan folder.
pub fn render(plan: &Plan) -> Vec<(PathBuf, String)> {
    let mut files = vec![(PathBuf::from("_index.md"), index(plan))];
    for (i, s) in plan.sections.iter().enumerate() {
        let slug: String = crate::slug::slugify(&s.title)
            .split('-')
            .take(5)
            .collect::<Vec<_>>()
            .join("-");
        let name = format!(
            "{:02}-{}.md",
            i + 1,
            if slug.is_empty() { "phan" } else { &slug }
        );
        let mut text = String::from("+++\n");
        if !s.number.is_empty() {
            let _ = writeln!(text, "number = {}", q(&s.number));
        }
        let _ = writeln!(text, "title = {}", q(&s.title));
        if s.timeline {
            text.push_str(
                "# The month table is made from the files in months/.\ntimeline = true\n",
            );
        }
        text.push_str("+++\n");
        if !s.body.is_empty() {
            text.push('\n');
            text.push_str(&s.body);
            text.push('\n');
        }
        files.push((PathBuf::from(name), text));
    }
    for (ym, month) in &plan.months {
        let mut text = String::new();
        for item in &month.items {
            // "1. …", "# …" at an activity's start are its words, not Markdown.
            let _ = writeln!(text, "- {}", super::recognise::guard_start(item));
        }
        for note in &month.notes {
            let _ = write!(text, "\n{note}\n");
        }
        files.push((PathBuf::from("months").join(format!("{ym}.md")), text));
    }
    files
}

fn index(plan: &Plan) -> String {
    let mut t = String::from("+++\n");
    let title = match (&plan.kind, &plan.subject) {
        (Some(k), Some(s)) => sentence_case(&format!("{k} {s}")),
        (Some(k), None) => sentence_case(k),
        (None, Some(s)) => sentence_case(s),
        (None, None) => "Kế hoạch".to_string(),
    };
    let _ = writeln!(t, "title = {}", q(&title));
    let fields = [
        ("kind", plan.kind.clone()),
        ("subject", plan.subject.clone()),
        ("number", plan.number.clone()),
    ];
    for (key, value) in fields {
        if let Some(v) = value {
            let _ = writeln!(t, "{key} = {}", q(&v));
        }
    }
    if let Some(d) = plan.date {
        let _ = writeln!(t, "date = {}", d.format("%Y-%m-%d"));
    }
    if let Some(p) = &plan.place {
        let _ = writeln!(t, "place = {}", q(p));
    }
    if !plan.motto.is_empty() {
        let _ = writeln!(t, "motto = {}", q(&plan.motto.join("\n")));
    }
    if let Some(c) = &plan.closing {
        let _ = writeln!(t, "closing = {}", q(c));
    }
    if let Some((parent, name)) = &plan.issuer {
        t.push_str("\n[issuer]\n");
        if let Some(p) = parent {
            let _ = writeln!(t, "parent = {}", q(p));
        }
        let _ = writeln!(t, "name = {}", q(name));
    }
    if let Some((start, end)) = plan.period() {
        t.push_str("\n[period]\n");
        let _ = writeln!(t, "start = \"{start}\"");
        let _ = writeln!(t, "end = \"{end}\"");
    }
    if let Some(name) = &plan.signer.name {
        t.push_str("\n[signer]\n");
        if let Some(o) = &plan.signer.on_behalf {
            let _ = writeln!(t, "on_behalf = {}", q(o));
        }
        if let Some(title) = &plan.signer.title {
            let _ = writeln!(t, "title = {}", q(title));
        }
        let _ = writeln!(t, "name = {}", q(name));
    }
    for (name, purpose) in &plan.recipients {
        t.push_str("\n[[recipients]]\n");
        let _ = writeln!(t, "name = {}", q(name));
        if let Some(p) = purpose {
            let _ = writeln!(t, "purpose = {}", q(p));
        }
    }
    t.push_str("+++\n");
    if !plan.intro.is_empty() {
        t.push('\n');
        t.push_str(&plan.intro.join("\n\n"));
        t.push('\n');
    }
    t
}

/// Writes `files` into `folder`. Refuses, writing nothing, when a file exists (unless
/// `force`) or when anything cannot be written.
pub fn write(folder: &Path, files: &[(PathBuf, String)], force: bool) -> Result<(), Diagnostics> {
    let mut problems = Diagnostics::new();
    if folder.exists() && !folder.is_dir() {
        return Err(Diagnostic::error(folder, "exists and is not a folder")
            .hint("choose another folder with --into")
            .into());
    }
    if !force {
        for (rel, _) in files {
            let target = folder.join(rel);
            if target.exists() {
                problems.push(
                    Diagnostic::error(&target, "already exists: nothing was written").hint(
                        "import into another folder with --into, or replace the files with --force",
                    ),
                );
            }
        }
        if problems.has_errors() {
            return Err(problems);
        }
    }
    let parent = folder.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .map_err(|e| Diagnostic::error(parent, format!("cannot create the folder: {e}")))?;
    let staging = tempfile::Builder::new()
        .prefix(".plansite-import-")
        .tempdir_in(parent)
        .map_err(|e| Diagnostic::error(parent, format!("cannot write here: {e}")))?;
    for (rel, text) in files {
        let path = staging.path().join(rel);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, text));
        if let Err(e) = written {
            return Err(Diagnostic::error(
                folder.join(rel),
                format!("cannot write: {e}: nothing was written"),
            )
            .into());
        }
    }
    if !folder.exists() {
        let staged = staging.keep();
        return std::fs::rename(&staged, folder).map_err(|e| {
            let _ = std::fs::remove_dir_all(&staged);
            Diagnostic::error(folder, format!("cannot create the folder: {e}")).into()
        });
    }
    for (rel, _) in files {
        let target = folder.join(rel);
        let moved = target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::rename(staging.path().join(rel), &target));
        if let Err(e) = moved {
            return Err(Diagnostic::error(&target, format!("cannot write: {e}")).into());
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_in_sentence_case_keeping_abbreviations() {
        assert_eq!(
            sentence_case("KẾ HOẠCH HOẠT ĐỘNG CHI BỘ NĂM 2023"),
            "Kế hoạch hoạt động chi bộ năm 2023"
        );
        assert_eq!(
            sentence_case("KẾ HOẠCH BỒI DƯỠNG CBGV"),
            "Kế hoạch bồi dưỡng CBGV"
        );
    }

    #[test]
    fn existing_files_are_refused_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("plan");
        let files = vec![(PathBuf::from("_index.md"), "a".to_string())];
        write(&folder, &files, false).unwrap();
        let again = vec![(PathBuf::from("_index.md"), "b".to_string())];
        assert!(write(&folder, &again, false).is_err());
        assert_eq!(
            std::fs::read_to_string(folder.join("_index.md")).unwrap(),
            "a"
        );
        write(&folder, &again, true).unwrap();
        assert_eq!(
            std::fs::read_to_string(folder.join("_index.md")).unwrap(),
            "b"
        );
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no staging folder is left behind");
    }
}
