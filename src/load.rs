//! Loading: walks `content/` in sorted order and sorts its files into plans — the plan file,
//! sections, months and assets — reading and decoding the text of each.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::source::SourceFile;

/// The folder under the site root that holds the plans.
pub const CONTENT_DIR: &str = "content";
/// The folder inside a plan that holds the month files.
pub const MONTHS_DIR: &str = "months";
/// The plan file inside a plan folder.
pub const PLAN_FILE: &str = "_index.md";

/// The files of one plan folder.
#[derive(Debug, Clone, Default)]
pub struct PlanFiles {
    /// The folder's name under `content/`.
    pub folder: String,
    /// The folder, relative to the site root (`content/2023-chi-bo`).
    pub dir: PathBuf,
    /// `_index.md`, when present.
    pub plan: Option<SourceFile>,
    /// The other Markdown files directly in the folder, by file name.
    pub sections: Vec<SourceFile>,
    /// The Markdown files in `months/`, by file name.
    pub months: Vec<SourceFile>,
    /// Every other file (images, PDFs), copied next to the plan's pages.
    pub assets: Vec<Asset>,
}

/// A file copied as is into the built plan.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Asset {
    /// Path inside the plan folder, with `/` separators (`anh/so-do.png`).
    pub rel: String,
    /// The file on disk, relative to the site root (`content/p/anh/so-do.png`), like every
    /// path an [`crate::render::Content::Copy`] names: whoever reads it joins the root once.
    pub source: PathBuf,
}

/// One plan folder as the walk found it: its files listed and stamped, none read yet.
#[derive(Debug, Clone, Default)]
pub struct PlanFolder {
    /// The folder's name under `content/`.
    pub folder: String,
    /// The folder, relative to the site root (`content/2023-chi-bo`).
    pub dir: PathBuf,
    /// Its files in walk order (sorted by name), each with what it is.
    pub files: Vec<Found>,
    /// Problems with single files found on the walk (those files are left out).
    pub diags: Diagnostics,
}

/// A file of a plan folder, found by the walk.
#[derive(Debug, Clone)]
pub struct Found {
    /// The file, relative to the site root.
    pub rel: PathBuf,
    /// What it is.
    pub kind: Kind,
    /// Its stamp when the walk saw it (`None` when it could not be read).
    pub stamp: Option<crate::stamp::Stamp>,
}

/// What a file of a plan folder is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Kind {
    /// `_index.md`.
    Plan,
    /// A section.
    Section,
    /// A month file.
    Month,
    /// Any other file, copied: its path inside the plan folder, `/`-separated.
    Asset(String),
}

/// What the walk of `content/` found: the plan folders, and the problems of the site as a
/// whole (no `content/`, a Markdown file outside any plan folder).
#[derive(Debug, Default)]
pub struct Walked {
    /// The plan folders, sorted by name.
    pub plans: Vec<PlanFolder>,
    /// Problems that belong to no plan.
    pub diags: Diagnostics,
}

/// Reads every plan under `root/content`. Problems with single files are reported and those
/// files skipped; the rest still loads.
pub fn load_content(root: &Path, diags: &mut Diagnostics) -> Vec<PlanFiles> {
    let walked = walk_content(root);
    diags.extend(walked.diags);
    walked
        .plans
        .into_iter()
        .map(|folder| {
            diags.extend(folder.diags.clone());
            read_plan(root, &folder, diags)
        })
        .collect()
}

/// Walks `root/content` in sorted order, sorting its files into plan folders without reading
/// them; each file is stamped (`stat`) as it is found, before anything reads it.
pub fn walk_content(root: &Path) -> Walked {
    let mut walked = Walked::default();
    let diags = &mut walked.diags;
    let content = root.join(CONTENT_DIR);
    let canonical_root = match root.canonicalize() {
        Ok(p) => p,
        Err(e) => {
            diags.push(Diagnostic::site_error(format!(
                "cannot open the site folder {}: {e}",
                root.display()
            )));
            return walked;
        }
    };
    if !content.is_dir() {
        diags.push(
            Diagnostic::error(CONTENT_DIR, "there is no content/ folder")
                .hint("create content/ with one folder per plan (see `plansite new`)"),
        );
        return walked;
    }
    // The top level: the plan folders, and files that have no place there.
    for entry in sorted_walk(&content, Some(1)) {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(|p| relative(root, p)).unwrap_or_default();
                diags.push(Diagnostic::error(
                    path,
                    format!("cannot read this folder: {e}"),
                ));
                continue;
            }
        };
        let rel = relative(root, entry.path());
        if entry.path_is_symlink() && followed(&canonical_root, &entry, &rel, diags).is_none() {
            continue;
        }
        if entry.file_type().is_dir() {
            walked.plans.push(PlanFolder {
                folder: entry.file_name().to_string_lossy().into_owned(),
                dir: rel,
                ..PlanFolder::default()
            });
        } else if is_markdown(&rel) {
            diags.push(
                Diagnostic::error(&rel, "this file is not inside a plan folder")
                    .hint("move it into a plan folder such as content/2023-chi-bo/"),
            );
        }
    }
    // Each plan folder's files, the folders side by side (an archive has tens of thousands
    // of files to stamp).
    walked
        .plans
        .par_iter_mut()
        .for_each(|plan| walk_plan(root, &canonical_root, plan));
    walked
}

/// Everything under `dir` (down to `max_depth`), sorted by name, without what is never
/// content (hidden files, editor backups).
fn sorted_walk(
    dir: &Path,
    max_depth: Option<usize>,
) -> impl Iterator<Item = walkdir::Result<walkdir::DirEntry>> {
    let walk = WalkDir::new(dir).min_depth(1).sort_by_file_name();
    let walk = match max_depth {
        Some(depth) => walk.max_depth(depth),
        None => walk,
    };
    walk.into_iter()
        .filter_entry(|e| !is_ignored(e.file_name().to_string_lossy().as_ref()))
}

/// Whether the symbolic link `entry` (at `rel`) is followed: `Some` for a link to a file
/// inside the site; a link to a folder is reported (warning) and one that leads outside,
/// dangles or loops is an error, both `None`.
fn followed(
    canonical_root: &Path,
    entry: &walkdir::DirEntry,
    rel: &Path,
    diags: &mut Diagnostics,
) -> Option<()> {
    match check_symlink(canonical_root, entry.path()) {
        Ok(true) => Some(()),
        Ok(false) => {
            diags.push(Diagnostic::warning(
                rel,
                "this link to a folder is not followed; its files are left out",
            ));
            None
        }
        Err(d) => {
            diags.push(Diagnostic {
                file: Some(rel.to_path_buf()),
                ..d
            });
            None
        }
    }
}

/// Lists and stamps the files of the plan folder `plan`, sorted by name.
fn walk_plan(root: &Path, canonical_root: &Path, plan: &mut PlanFolder) {
    for entry in sorted_walk(&root.join(&plan.dir), None) {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(|p| relative(root, p)).unwrap_or_default();
                plan.diags.push(Diagnostic::error(
                    path,
                    format!("cannot read this folder: {e}"),
                ));
                continue;
            }
        };
        let rel = relative(root, entry.path());
        let mut is_file = entry.file_type().is_file();
        if entry.path_is_symlink() {
            match followed(canonical_root, &entry, &rel, &mut plan.diags) {
                Some(()) => is_file = true,
                None => continue,
            }
        }
        if !is_file {
            continue;
        }
        // Depth under content/: the plan folder is 1.
        if let Some(kind) = classify(&rel, entry.depth() + 1, plan) {
            let stamp = crate::stamp::Stamp::of(entry.path());
            plan.files.push(Found { rel, kind, stamp });
        }
    }
}

/// What the file `rel` of `plan` is, or `None` (reported) when it has no place in a plan.
fn classify(rel: &Path, depth: usize, plan: &mut PlanFolder) -> Option<Kind> {
    let inside: Vec<String> = rel
        .strip_prefix(&plan.dir)
        .unwrap_or(rel)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if !is_markdown(rel) {
        if let Some(problem) = inside.iter().find_map(|n| crate::slug::windows_problem(n)) {
            plan.diags.push(
                Diagnostic::error(
                    rel,
                    format!("this file name cannot be published: {problem}"),
                )
                .hint("rename the file with letters, digits and `-`, e.g. so-do-moi.png"),
            );
            return None;
        }
        return Some(Kind::Asset(inside.join("/")));
    }
    match (depth, inside.first().map(String::as_str)) {
        (2, _) if inside[0] == PLAN_FILE => Some(Kind::Plan),
        (2, _) => Some(Kind::Section),
        (3, Some(MONTHS_DIR)) => Some(Kind::Month),
        _ => {
            plan.diags.push(
                Diagnostic::error(rel, "this Markdown file is not a section or a month")
                    .hint("sections go directly in the plan folder, months in its months/ folder"),
            );
            None
        }
    }
}

/// Reads and decodes the Markdown files of the walked plan `folder`; a file that cannot be
/// read is reported in `diags` and left out.
pub fn read_plan(root: &Path, folder: &PlanFolder, diags: &mut Diagnostics) -> PlanFiles {
    let mut plan = PlanFiles {
        folder: folder.folder.clone(),
        dir: folder.dir.clone(),
        ..PlanFiles::default()
    };
    for found in &folder.files {
        let slot = match &found.kind {
            Kind::Asset(rel) => {
                plan.assets.push(Asset {
                    rel: rel.clone(),
                    source: found.rel.clone(),
                });
                continue;
            }
            Kind::Plan => None,
            Kind::Section => Some(&mut plan.sections),
            Kind::Month => Some(&mut plan.months),
        };
        let file = match read_source(root, &found.rel) {
            Ok(f) => f,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        match slot {
            Some(list) => list.push(file),
            None => plan.plan = Some(file),
        }
    }
    plan
}

/// The largest Markdown file read. A plan's text is a few kilobytes; a file this big is
/// something else renamed (a scan, a video), and reading it would only waste memory.
pub const MAX_SOURCE_BYTES: u64 = 10 * 1024 * 1024;

/// Reads and decodes one file given relative to the site root.
pub fn read_source(root: &Path, rel: &Path) -> Result<SourceFile, Diagnostic> {
    let cannot_read =
        |e: std::io::Error| Diagnostic::error(rel, format!("cannot read this file: {e}"));
    let size = std::fs::metadata(root.join(rel))
        .map_err(cannot_read)?
        .len();
    if size > MAX_SOURCE_BYTES {
        return Err(Diagnostic::error(
            rel,
            format!(
                "this file is {:.1} MB; Markdown files over {} MB are not read",
                size as f64 / (1024.0 * 1024.0),
                MAX_SOURCE_BYTES / (1024 * 1024)
            ),
        )
        .hint("is it really a text file? A plan's text is a few kilobytes; split long text into sections"));
    }
    let bytes = std::fs::read(root.join(rel)).map_err(cannot_read)?;
    SourceFile::decode(rel, &bytes)
}

/// Whether a symlink may be followed: `Ok(true)` for a file inside the site, `Ok(false)` for a
/// folder, an error for a loop, a dangling link or a target outside the site. The error has no
/// file: the caller puts the link's path in.
pub(crate) fn check_symlink(canonical_root: &Path, path: &Path) -> Result<bool, Diagnostic> {
    let target = path.canonicalize().map_err(|e| {
        Diagnostic::error("", format!("this link cannot be followed: {e}"))
            .hint("remove the link or point it at an existing file inside the site")
    })?;
    if !target.starts_with(canonical_root) {
        return Err(
            Diagnostic::error("", "this link points outside the site folder")
                .hint("copy the file into the site instead of linking to it"),
        );
    }
    Ok(target.is_file())
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"))
}

/// Hidden files, editor backups and lock files are never content.
fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.starts_with("~$") || name.ends_with(".swp")
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}
