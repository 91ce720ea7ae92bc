//! Write: puts the rendered site on disk, file by file as pages are rendered, through a staging
//! folder beside the output; the output changes only when everything succeeded, and then only
//! where the site changed. Every path is checked to stay inside the output folder.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, display_path};
use crate::output::{Content, Output, Sink, check_confined, check_outputs, poisoned};

/// What a successful write did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteSummary {
    /// Files of the site.
    pub files: usize,
    /// Their total size in bytes.
    pub bytes: u64,
    /// Files written because they were new or changed.
    pub written: usize,
    /// Files of the previous output deleted because the site no longer has them.
    pub removed: usize,
}

/// Refuses output folders that would destroy the site's own sources when replaced.
fn check_output_dir(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    if let Some(file) = output.ancestors().skip(1).find(|a| a.is_file()) {
        return Err(Diagnostic::site_error(format!(
            "cannot make the output folder {}: {} is a file",
            output.display(),
            file.display()
        ))
        .hint("choose an output folder inside a folder, such as output/"));
    }
    let Ok(out) = output.canonicalize() else {
        return Ok(()); // does not exist yet: nothing to destroy
    };
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let protected = ["content", "themes", "templates", "static"];
    let bad = root.starts_with(&out) || protected.iter().any(|p| out.starts_with(root.join(p)));
    if bad {
        return Err(Diagnostic::site_error(format!(
            "refusing to use {} as the output folder: building replaces it, and it holds the site's sources",
            output.display()
        ))
        .hint("choose a separate folder, such as output/"));
    }
    if out.is_file() {
        return Err(Diagnostic::site_error(format!(
            "the output {} is a file, not a folder",
            output.display()
        )));
    }
    Ok(())
}

/// Writes `outputs` into `output` (copies are read relative to `root`): the whole list through
/// a [`Writer`].
pub fn write_site(
    root: &Path,
    output: &Path,
    outputs: &[Output],
) -> Result<WriteSummary, Diagnostic> {
    check_outputs(outputs)?;
    let writer = Writer::start(root, output)?;
    for o in outputs {
        writer.put(o.clone())?;
    }
    writer.commit()
}

/// Puts a site on disk as its files are rendered, so that none has to wait in memory. Files go
/// to a staging folder beside the output (`.plansite-new-…`); only [`Writer::commit`] changes
/// the output, so a build that fails — a template error on the last page, a full disk — leaves
/// it as it was (dropping the writer removes the staging folder).
///
/// Without a previous output, every file is staged and the folder is renamed into place. Over
/// a previous output, only files whose bytes differ are staged; the commit moves them in and
/// deletes the files the new site no longer has. Unchanged files are not touched: a rebuild
/// costs what changed, not the size of the site, and copying tools see what really changed.
pub struct Writer {
    root: PathBuf,
    output: PathBuf,
    parent: PathBuf,
    staging: tempfile::TempDir,
    /// Whether there is a previous output to update.
    incremental: bool,
    /// Every path put, for finding stale files.
    paths: Mutex<HashSet<String>>,
    /// Paths staged (new or changed), to move in on commit.
    staged: Mutex<Vec<String>>,
    bytes: AtomicU64,
}

impl Writer {
    /// Checks the output folder and makes the staging folder beside it.
    pub fn start(root: &Path, output: &Path) -> Result<Writer, Diagnostic> {
        check_output_dir(root, output)?;
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(|e| fail("create the folder", &parent, e))?;
        let staging = tempfile::Builder::new()
            .prefix(".plansite-new-")
            .tempdir_in(&parent)
            .map_err(|e| fail("create a new folder in", &parent, e))?;
        Ok(Writer {
            root: root.to_path_buf(),
            output: output.to_path_buf(),
            parent,
            staging,
            incremental: output.is_dir(),
            paths: Mutex::new(HashSet::new()),
            staged: Mutex::new(Vec::new()),
            bytes: AtomicU64::new(0),
        })
    }

    /// Stages one file, unless the previous output already has exactly these bytes.
    fn stage(&self, o: &Output) -> Result<(bool, u64), Diagnostic> {
        let dest = self.staging.path().join(o.path.as_str());
        let current = self.output.join(o.path.as_str());
        let make_dir = |dest: &Path| match dest.parent() {
            Some(dir) => fs::create_dir_all(dir).map_err(|e| fail("create the folder", dir, e)),
            None => Ok(()),
        };
        match &o.content {
            Content::Bytes(b) => {
                if self.incremental && same_bytes(&current, b) {
                    return Ok((false, b.len() as u64));
                }
                make_dir(&dest)?;
                fs::write(&dest, b).map_err(|e| fail("write", &dest, e))?;
                Ok((true, b.len() as u64))
            }
            Content::Copy(src) => {
                let src = self.root.join(src);
                if self.incremental && same_file(&src, &current) {
                    let len = fs::metadata(&src).map_err(|e| fail("copy", &src, e))?.len();
                    return Ok((false, len));
                }
                make_dir(&dest)?;
                let len = fs::copy(&src, &dest).map_err(|e| fail("copy", &src, e))?;
                Ok((true, len))
            }
        }
    }

    /// Makes the staged site the output; returns what was done.
    pub fn commit(self) -> Result<WriteSummary, Diagnostic> {
        let paths = self.paths.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut staged = self.staged.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut summary = WriteSummary {
            files: paths.len(),
            bytes: self.bytes.into_inner(),
            written: staged.len(),
            removed: 0,
        };
        if !self.incremental {
            make_public(self.staging.path())
                .map_err(|e| fail("set permissions on", self.staging.path(), e))?;
            swap_in(self.staging, &self.output, &self.parent)?;
            log::info!(
                "wrote {} files to {}",
                summary.files,
                display_path(&self.output)
            );
            return Ok(summary);
        }
        staged.sort_unstable();
        for rel in &staged {
            let from = self.staging.path().join(rel);
            let to = self.output.join(rel);
            make_room(&self.output, rel)?;
            fs::rename(&from, &to).map_err(|e| {
                fail("move the new file into", &to, e)
                    .hint("the output is partly updated; build again to finish it")
            })?;
        }
        summary.removed = remove_stale(&self.output, &paths)?;
        log::info!(
            "{} of {} files changed in {}, {} removed",
            summary.written,
            summary.files,
            display_path(&self.output),
            summary.removed
        );
        Ok(summary)
    }
}

impl Sink for Writer {
    fn put(&self, o: Output) -> Result<(), Diagnostic> {
        check_confined(&o.path)?;
        let (staged, len) = self.stage(&o)?;
        self.bytes.fetch_add(len, Ordering::Relaxed);
        if staged {
            self.staged
                .lock()
                .map_err(|_| poisoned())?
                .push(o.path.clone());
        }
        self.paths.lock().map_err(|_| poisoned())?.insert(o.path);
        Ok(())
    }
}

fn fail(what: &str, path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::site_error(format!("cannot {what} {}: {e}", path.display()))
        .hint("the previous output was left as it was")
}

/// Whether the file at `path` holds exactly `bytes`.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && fs::read(path).is_ok_and(|old| old == bytes)
}

/// Whether two files hold the same bytes.
fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (fs::metadata(a), fs::metadata(b)) else {
        return false;
    };
    mb.is_file() && ma.len() == mb.len() && fs::read(a).is_ok_and(|x| same_bytes(b, &x))
}

/// Clears the way for `rel` inside `output`: a file where a folder must go, or a folder where
/// the file must go (the site's shape changed), is removed.
fn make_room(output: &Path, rel: &str) -> Result<(), Diagnostic> {
    let mut at = output.to_path_buf();
    let parts: Vec<&str> = rel.split('/').collect();
    for (i, part) in parts.iter().enumerate() {
        at.push(part);
        let last = i + 1 == parts.len();
        match fs::symlink_metadata(&at) {
            Ok(m) if last && m.is_dir() => {
                fs::remove_dir_all(&at).map_err(|e| fail("replace the folder", &at, e))?;
            }
            Ok(m) if !last && !m.is_dir() => {
                fs::remove_file(&at).map_err(|e| fail("replace the file", &at, e))?;
            }
            _ => {}
        }
        if !last && !at.exists() {
            fs::create_dir(&at).map_err(|e| fail("create the folder", &at, e))?;
        }
    }
    Ok(())
}

/// Deletes the files under `output` that are not in `keep`, then the folders left empty.
/// Returns how many files were deleted.
fn remove_stale(output: &Path, keep: &HashSet<String>) -> Result<usize, Diagnostic> {
    let mut removed = 0;
    let mut dirs = Vec::new();
    for entry in WalkDir::new(output).min_depth(1).contents_first(true) {
        let entry = entry.map_err(|e| {
            Diagnostic::site_error(format!("cannot read the output {}: {e}", output.display()))
        })?;
        let path = entry.path();
        if entry.file_type().is_dir() {
            dirs.push(path.to_path_buf());
            continue;
        }
        let rel = display_path(path.strip_prefix(output).unwrap_or(path));
        if !keep.contains(&rel) {
            fs::remove_file(path).map_err(|e| fail("remove the old file", path, e))?;
            removed += 1;
        }
    }
    // Deepest first (contents_first), so a folder is seen after what was inside it.
    for dir in dirs {
        if fs::read_dir(&dir).is_ok_and(|mut d| d.next().is_none()) {
            fs::remove_dir(&dir).map_err(|e| fail("remove the empty folder", &dir, e))?;
        }
    }
    Ok(removed)
}

/// A temporary folder is private (0700); a published site must be readable by the web server.
#[cfg(unix)]
fn make_public(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o755))
}

#[cfg(not(unix))]
fn make_public(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Replaces `output` (which does not exist) with the finished `staging` folder.
fn swap_in(staging: tempfile::TempDir, output: &Path, parent: &Path) -> Result<(), Diagnostic> {
    let old = if output.exists() {
        let old = tempfile::Builder::new()
            .prefix(".plansite-old-")
            .tempdir_in(parent)
            .map_err(|e| {
                Diagnostic::site_error(format!(
                    "cannot create a folder in {}: {e}",
                    parent.display()
                ))
            })?;
        let old_path = old.path().join("site");
        fs::rename(output, &old_path).map_err(|e| {
            Diagnostic::site_error(format!(
                "cannot move the previous output {} aside: {e}",
                output.display()
            ))
            .hint("is a file in it open in another program?")
        })?;
        Some((old, old_path))
    } else {
        None
    };
    let staged = staging.keep();
    if let Err(e) = fs::rename(&staged, output) {
        // Put the previous output back before reporting.
        if let Some((_, old_path)) = &old {
            let _ = fs::rename(old_path, output);
        }
        let _ = fs::remove_dir_all(&staged);
        return Err(Diagnostic::site_error(format!(
            "cannot move the new site into {}: {e}",
            output.display()
        )));
    }
    // Dropping `old` deletes the previous output.
    drop(old);
    Ok(())
}
