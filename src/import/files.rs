//! Writing a recognised plan as content files: `_index.md` with the plan's front matter and
//! preamble, one `NN-<title>.md` per section, one `months/YYYY-MM.md` per month.
//!
//! Front matter is written by the toml crate from the same structs `build` reads
//! ([`crate::parse::meta`]), so any text is valid and nothing can be written that `build`
//! would not read. Files are first written into a fresh folder beside the plan folder and
//! moved in only when all were written; an existing file is refused unless `force` is given.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::recognise::Recognised;
use crate::diagnostic::{Diagnostic, Diagnostics};

/// The plan folder's default name: the year (the year and month of a one-month plan) and a
/// few words of the subject ("2023-hoat-dong-chi-bo", "2024-11-cong-tac-doi"), else the
/// document's file name.
pub fn folder_name(plan: &Recognised, path: &Path) -> String {
    let one_month = plan
        .plan
        .period
        .filter(|p| p.start == p.end)
        .map(|p| p.start);
    let prefix = match (one_month, plan.year()) {
        (Some(ym), _) => Some(ym.to_string()),
        (None, Some(y)) => Some(format!("{y:04}")),
        (None, None) => None,
    };
    // The year and month are in front: "năm 2023", "năm học 2023-2024", "tháng 11/2024" go.
    let slug = crate::slug::slugify(plan.plan.subject.as_deref().unwrap_or(""));
    let mut words: Vec<&str> = Vec::new();
    let parts: Vec<&str> = slug.split('-').filter(|w| !w.is_empty()).collect();
    let mut k = 0;
    while k < parts.len() {
        let dated = |from: usize| {
            parts[from..]
                .iter()
                .take_while(|w| w.chars().all(|c| c.is_ascii_digit()))
                .count()
        };
        match parts[k] {
            "nam" if parts.get(k + 1) == Some(&"hoc") => k += 2 + dated(k + 2),
            "nam" | "thang" if dated(k + 1) > 0 => k += 1 + dated(k + 1),
            w if w.chars().all(|c| c.is_ascii_digit()) => k += 1,
            w => {
                words.push(w);
                k += 1;
            }
        }
    }
    words.truncate(4);
    let name = match prefix {
        Some(p) if words.is_empty() => format!("{p}-ke-hoach"),
        Some(p) => format!("{p}-{}", words.join("-")),
        None if !words.is_empty() => words.join("-"),
        None => crate::slug::slugify(&path.file_stem().unwrap_or_default().to_string_lossy()),
    };
    if name.is_empty() {
        "ke-hoach".to_string()
    } else {
        name
    }
}

/// A content file: front matter between `+++` lines, then the body (if any).
fn file(meta: &impl Serialize, body: &str) -> Result<String, String> {
    let front = toml::to_string(meta).map_err(|e| e.to_string())?;
    let mut text = format!("+++\n{front}");
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str("+++\n");
    if !body.is_empty() {
        text.push('\n');
        text.push_str(body);
        text.push('\n');
    }
    Ok(text)
}

/// A section's file name without its number: the first words of its title, made unique
/// among the plan's sections and kept off the names plansite uses itself ("timeline").
fn section_slug(title: &str, taken: &[String]) -> String {
    let words: String = crate::slug::slugify(title)
        .split('-')
        .take(5)
        .collect::<Vec<_>>()
        .join("-");
    let base = if words.is_empty() {
        "phan".to_string()
    } else {
        words
    };
    let free = |s: &String| {
        !taken.contains(s) && !crate::plan::outline::RESERVED_SLUGS.contains(&s.as_str())
    };
    std::iter::once(base.clone())
        .chain((2..).map(|n| format!("{base}-{n}")))
        .find(free)
        .unwrap_or(base)
}

/// Builds the plan in memory, as `plansite check` would, from `files` laid in a scratch site
/// with the built-in theme: import never writes a plan that `build` would refuse. Errors
/// name the files as they would be written into `folder`. `cited` are the folders of the
/// site's plans it is based on, laid beside it as bare plans so that `based_on` resolves.
pub fn validate(
    folder: &Path,
    files: &[(PathBuf, String)],
    cited: &[String],
) -> Result<(), Diagnostics> {
    let failed = |e: std::io::Error| {
        Diagnostics::from(Diagnostic::error(
            folder,
            format!("cannot check the imported plan: {e}: nothing was written"),
        ))
    };
    let scratch = tempfile::tempdir().map_err(failed)?;
    // A folder name no cited plan has.
    let name = ["plan", "plan-import"]
        .into_iter()
        .find(|n| !cited.iter().any(|c| c == n))
        .unwrap_or("plan-imported");
    let content = scratch.path().join("content");
    let plan_dir = content.join(name);
    let stubs = cited.iter().map(|c| {
        let index = format!("+++\ntitle = {}\n+++\n", toml::Value::from(c.as_str()));
        (content.join(c).join("_index.md"), index)
    });
    let laid = std::fs::write(scratch.path().join("plansite.toml"), "title = \"import\"\n")
        .and_then(|()| {
            files
                .iter()
                .map(|(rel, text)| (plan_dir.join(rel), text.clone()))
                .chain(stubs)
                .try_for_each(|(path, text)| {
                    path.parent()
                        .map_or(Ok(()), std::fs::create_dir_all)
                        .and_then(|()| std::fs::write(&path, text))
                })
        });
    laid.map_err(failed)?;
    let errors = match crate::check(&crate::BuildOptions::new(scratch.path())) {
        Ok(_) => return Ok(()),
        Err(d) => d,
    };
    let mut out = Diagnostics::new();
    for mut d in errors.sorted() {
        if let Some(file) = &d.file
            && let Ok(rel) = file.strip_prefix(Path::new("content").join(name))
        {
            d.file = Some(folder.join(rel));
        }
        d.message = format!(
            "{} (the imported plan would not build: nothing was written)",
            d.message
        );
        out.push(d);
    }
    Err(out)
}

/// The files of `plan`, relative to the plan folder.
pub fn render(plan: &Recognised) -> Result<Vec<(PathBuf, String)>, String> {
    let mut files = vec![(
        PathBuf::from("_index.md"),
        file(&plan.plan, &plan.preamble.join("\n\n"))?,
    )];
    let mut taken: Vec<String> = Vec::new();
    for (i, s) in plan.sections.iter().enumerate() {
        let slug = section_slug(&s.meta.title, &taken);
        let name = format!("{:02}-{slug}.md", i + 1);
        taken.push(slug);
        files.push((PathBuf::from(name), file(&s.meta, &s.body)?));
    }
    for (ym, month) in &plan.months {
        let mut body = String::new();
        for item in &month.items {
            // "1. …", "# …" at an activity's start are its words, not Markdown.
            body.push_str(&format!("- {}\n", super::recognise::guard_start(item)));
        }
        for note in &month.notes {
            body.push_str(&format!("\n{}\n", super::recognise::guard_start(note)));
        }
        let text = if month.events.is_empty() {
            body
        } else {
            file(&month.meta(), body.trim_end())?
        };
        files.push((PathBuf::from("months").join(format!("{ym}.md")), text));
    }
    Ok(files)
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
    if force {
        remove_stale(folder, files)?;
    }
    Ok(())
}

/// With `--force` the import replaces the plan: Markdown files of the plan folder and its
/// `months/` that this import did not write (sections and months of the previous import)
/// are removed, so the plan is the document's and builds. Pictures and other files stay.
fn remove_stale(folder: &Path, files: &[(PathBuf, String)]) -> Result<(), Diagnostics> {
    for dir in [folder.to_path_buf(), folder.join("months")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let markdown = path.extension().is_some_and(|e| e == "md");
            let regular = entry.file_type().is_ok_and(|t| t.is_file());
            let written = path
                .strip_prefix(folder)
                .is_ok_and(|rel| files.iter().any(|(f, _)| f == rel));
            if markdown && regular && !written {
                std::fs::remove_file(&path).map_err(|e| {
                    Diagnostic::error(&path, format!("cannot remove the old file: {e}"))
                })?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn name_of(text: &str) -> String {
        let blocks = crate::import::text::read(Path::new("a.txt"), text.as_bytes(), false).unwrap();
        folder_name(
            &super::super::recognise::recognise(&blocks),
            Path::new("a.txt"),
        )
    }

    #[test]
    fn folder_names_carry_the_month_of_a_one_month_plan_and_keep_the_subjects_words() {
        // Two monthly plans of one year do not land in one folder.
        assert_eq!(
            name_of("KẾ HOẠCH HOẠT ĐỘNG ĐỘI THÁNG 11/2024\n\n- Thi đua.\n"),
            "2024-11-hoat-dong-doi"
        );
        assert_eq!(
            name_of("KẾ HOẠCH HOẠT ĐỘNG ĐỘI THÁNG 12/2024\n\n- Thi đua.\n"),
            "2024-12-hoat-dong-doi"
        );
        // "học" of "học tập" stays; "năm học 2024-2025" goes.
        assert_eq!(
            name_of(
                "KẾ HOẠCH\nHỌC TẬP VÀ LÀM THEO NĂM HỌC 2024-2025\n\nI. MỘT\n\nTháng 9/2024: - Họp.\nTháng 10/2024: - Họp.\n"
            ),
            "2024-hoc-tap-va-lam"
        );
    }

    #[test]
    fn a_plan_that_would_not_build_is_refused_before_anything_is_written() {
        let folder = Path::new("content/2024");
        let index = "+++\ntitle = \"Kế hoạch\"\n+++\n".to_string();
        let section = "+++\ntitle = \"Nội dung\"\n+++\n".to_string();
        let good = vec![
            (PathBuf::from("_index.md"), index.clone()),
            (PathBuf::from("01-noi-dung.md"), section.clone()),
        ];
        validate(folder, &good, &[]).unwrap();
        // Over the 10 MB a content file may have.
        let big = format!("{section}\n{}", "Một câu dài. ".repeat(900_000));
        let bad = vec![
            (PathBuf::from("_index.md"), index),
            (PathBuf::from("01-noi-dung.md"), big),
        ];
        let errors = validate(folder, &bad, &[]).unwrap_err().sorted();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(
            errors[0].file.as_deref(),
            Some(folder.join("01-noi-dung.md").as_path())
        );
        assert!(
            errors[0].message.contains("over 10 MB"),
            "{}",
            errors[0].message
        );
        assert!(
            errors[0]
                .message
                .ends_with("(the imported plan would not build: nothing was written)")
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
