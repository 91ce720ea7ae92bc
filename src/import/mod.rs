//! `plansite import`: turns the plan the author already has — a Word document or text copied
//! out of one or out of a PDF — into the plan's content files.
//!
//! Three steps, each knowing one thing: a reader turns the file into [`doc::Block`]s
//! ([`text`] for .txt/.md, [`docx`] for Word), [`recognise`] finds the parts of the plan in
//! them, and [`files`] writes the content files. Nothing is written when anything fails, and
//! an existing file is only replaced with `--force`.

pub mod cite;
pub mod doc;
pub mod docx;
pub mod files;
pub mod numerals;
pub mod recognise;
pub mod text;

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics};

/// What `plansite import` is asked to do.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The site folder (where `content/` is).
    pub root: PathBuf,
    /// The document to import.
    pub file: PathBuf,
    /// The plan folder to write, relative to the site folder (or absolute); default
    /// `content/<year>-<subject>`.
    pub into: Option<PathBuf>,
    /// Print the files instead of writing them.
    pub dry_run: bool,
    /// Replace files that already exist.
    pub force: bool,
}

/// What an import did or would do.
#[derive(Debug)]
pub struct Imported {
    /// The plan folder.
    pub folder: PathBuf,
    /// The files, relative to the plan folder, with their text.
    pub files: Vec<(PathBuf, String)>,
    /// What was recognised, as "line N: …" (or "paragraph N: …" for Word) lines.
    pub found: Vec<String>,
    /// What was not found or not placed, as warnings about the input file.
    pub warnings: Diagnostics,
    /// How many activities went into month files.
    pub activities: usize,
    /// How many dated events went into month files.
    pub events: usize,
}

/// Hard limit on the input: a plan is tens of kilobytes of text; a Word file with pictures a
/// few megabytes.
const MAX_INPUT_BYTES: u64 = 50 * 1024 * 1024;

/// Reads and recognises `opts.file`, then writes the plan's files (unless `dry_run`).
pub fn import(opts: &ImportOptions) -> Result<Imported, Diagnostics> {
    let imported = prepare(opts)?;
    if !opts.dry_run {
        files::write(&imported.folder, &imported.files, opts.force)?;
    }
    Ok(imported)
}

/// Everything but the writing.
pub fn prepare(opts: &ImportOptions) -> Result<Imported, Diagnostics> {
    let path = &opts.file;
    let bytes = read_input(path)?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let zipped = bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    let (blocks, unit) = match ext.as_str() {
        "docx" | "docm" | "dotx" | "doc" => (docx::read(path, &bytes)?, "paragraph"),
        "txt" | "text" | "md" | "markdown" => (
            text::read(path, &bytes, ext != "txt" && ext != "text")?,
            "line",
        ),
        _ if zipped => (docx::read(path, &bytes)?, "paragraph"),
        _ => (text::read(path, &bytes, false)?, "line"),
    };
    if blocks.is_empty() {
        return Err(Diagnostic::error(path, "the document has no text")
            .hint("import the plan's .docx, or its text saved as UTF-8 .txt")
            .into());
    }
    let mut plan = recognise::recognise(&blocks);
    let mut warnings = Diagnostics::new();
    for p in &plan.problems {
        let mut d = Diagnostic::warning(path, &p.message);
        if let Some(at) = p.at {
            d = d.at(at, 1);
        }
        if let Some(h) = &p.hint {
            d = d.hint(h);
        }
        warnings.push(d);
    }
    let folder = match &opts.into {
        Some(into) => plan_folder(&opts.root, into)?,
        None => opts
            .root
            .join("content")
            .join(files::folder_name(&plan, path)),
    };
    // A "Căn cứ" line naming another plan of the site by its number.
    let (cited, notes) = cite::based_on(&plan.preamble, &cite::site_plans(&opts.root, &folder));
    plan.plan.based_on = crate::parse::meta::BasedOn(cited);
    plan.found.extend(notes.into_iter().map(|n| (0, n)));
    let found = plan
        .found
        .iter()
        .map(|(at, what)| {
            if *at == 0 {
                what.clone()
            } else {
                format!("{unit} {at}: {what}")
            }
        })
        .collect();
    let files = files::render(&plan).map_err(|e| {
        Diagnostic::error(path, format!("cannot write the plan's front matter: {e}"))
    })?;
    files::validate(&folder, &files, &plan.plan.based_on.0)?;
    Ok(Imported {
        folder,
        files,
        found,
        warnings,
        activities: plan.activities(),
        events: plan.events(),
    })
}

/// The folder `--into` names, its `..` resolved by its words: inside a site's `content/`, a
/// plan is a folder directly under it (`content/2024-chi-bo`), never `content/` itself or a
/// folder deeper down, which `build` would not read as a plan.
fn plan_folder(root: &Path, into: &Path) -> Result<PathBuf, Diagnostics> {
    use std::path::Component;
    let joined = if into.is_absolute() {
        into.to_path_buf()
    } else {
        root.join(into)
    };
    let mut folder = PathBuf::new();
    for part in joined.components() {
        match part {
            Component::ParentDir => {
                folder.pop();
            }
            Component::CurDir => {}
            other => folder.push(other),
        }
    }
    let content = root.join("content");
    let content = std::fs::canonicalize(&content).unwrap_or(content);
    let parent = folder
        .parent()
        .map(|p| std::fs::canonicalize(p).unwrap_or(p.to_path_buf()));
    let canonical = std::fs::canonicalize(&folder).unwrap_or(folder.clone());
    let inside =
        canonical.starts_with(&content) || parent.as_ref().is_some_and(|p| p.starts_with(&content));
    if inside && parent.as_deref() != Some(content.as_path()) {
        return Err(Diagnostic::error(
            into,
            "a plan is a folder directly under content/: nothing was written",
        )
        .hint("give --into content/NAME, e.g. --into content/2024-chi-bo")
        .into());
    }
    Ok(folder)
}

fn read_input(path: &Path) -> Result<Vec<u8>, Diagnostics> {
    let meta = std::fs::metadata(path).map_err(|e| {
        Diagnostic::error(path, format!("cannot read the document: {e}"))
            .hint("give the path of the .docx or .txt file to import")
    })?;
    if meta.is_dir() {
        return Err(Diagnostic::error(path, "this is a folder, not a document")
            .hint("give the path of the .docx or .txt file to import")
            .into());
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(Diagnostic::error(
            path,
            format!(
                "the document is too large to be a plan ({} MB; the limit is {} MB)",
                meta.len() / (1024 * 1024),
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
        )
        .into());
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(path, format!("cannot read the document: {e}")))?;
    if bytes.is_empty() {
        return Err(Diagnostic::error(path, "the file is empty")
            .hint("import the plan's .docx, or its text saved as UTF-8 .txt")
            .into());
    }
    Ok(bytes)
}
