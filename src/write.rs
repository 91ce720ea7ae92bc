//! Write: puts the rendered site on disk, file by file as pages are rendered. The complete new
//! tree is built beside the output — files whose bytes did not change hard-linked from the
//! current output, the others written — and swapped in with one atomic rename; then the
//! previous tree is removed. One build at a time writes an output (an advisory lock beside
//! it); what a killed build left is cleaned by the next. Every path is checked to stay inside
//! the output folder.

mod lock;
mod swap;

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use crate::diagnostic::{Diagnostic, Diagnostics, display_path};
use crate::output::{Content, Output, Sink, check_confined, check_outputs};

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

/// The start of the message of the one failure that leaves no output in place.
const OUTPUT_MISSING: &str = "the output folder is missing:";

/// Whether a failed build left the previous output as it was. Every failure does — the output
/// changes in one atomic step — except a two-step swap that could neither finish nor be undone.
pub fn output_untouched(diags: &Diagnostics) -> bool {
    !diags.iter().any(|d| d.message.starts_with(OUTPUT_MISSING))
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

/// Puts a site on disk as its files are rendered, so that none has to wait in memory.
///
/// [`Writer::start`] takes the output's lock (waiting while another build holds it), cleans
/// what killed builds left, and makes the folder of the new tree beside the output
/// (`.plansite-new-<name>-…`). Each file put goes into that tree: hard-linked from the current
/// output when its bytes are the same (so it keeps its inode and timestamps, and costs no
/// space), written otherwise. Only [`Writer::commit`] changes the output, in one atomic swap; a
/// build that fails before — a template error on the last page, a full disk — leaves it as it
/// was (dropping the writer removes the new tree).
pub struct Writer {
    root: PathBuf,
    /// The output folder (when it is a symbolic link, the folder it points to).
    output: PathBuf,
    parent: PathBuf,
    /// The output folder's name, part of the names of the folders made beside it.
    name: String,
    staging: tempfile::TempDir,
    /// Whether there is a previous output, whose unchanged files are linked.
    previous: bool,
    /// The folders made in the new tree so far (relative).
    dirs: Mutex<HashSet<String>>,
    files: AtomicUsize,
    written: AtomicUsize,
    /// Files of the new site that the previous output had too.
    kept: AtomicUsize,
    /// Files whose bytes are the previous output's: linked into the new tree at the commit,
    /// and only when something changed (a rebuild that changes nothing swaps nothing).
    unchanged: Mutex<Vec<String>>,
    bytes: AtomicU64,
    /// The first "no room left" failure: every later one is reported as this one.
    full: OnceLock<Diagnostic>,
    _lock: lock::OutputLock,
}

impl Writer {
    /// Checks the output folder, takes its lock, and makes the new tree's folder beside it.
    pub fn start(root: &Path, output: &Path) -> Result<Writer, Diagnostic> {
        check_output_dir(root, output)?;
        let output = follow_link(output);
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let Some(name) = output.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            return Err(Diagnostic::site_error(format!(
                "cannot use {} as the output folder: it has no name",
                display_path(&output)
            ))
            .hint("choose a separate folder, such as output/"));
        };
        fs::create_dir_all(&parent).map_err(|e| fail("create the folder", &parent, e))?;
        let lock = lock::lock(&lock::lock_path(&parent, &name), &output)?;
        swap::clean_leftovers(&parent, &name, &output)?;
        let staging = tempfile::Builder::new()
            .prefix(&swap::new_prefix(&name))
            .tempdir_in(&parent)
            .map_err(|e| fail("create a new folder in", &parent, e))?;
        Ok(Writer {
            root: root.to_path_buf(),
            previous: output.is_dir(),
            output,
            parent,
            name,
            staging,
            dirs: Mutex::new(HashSet::new()),
            files: AtomicUsize::new(0),
            written: AtomicUsize::new(0),
            kept: AtomicUsize::new(0),
            unchanged: Mutex::new(Vec::new()),
            bytes: AtomicU64::new(0),
            full: OnceLock::new(),
            _lock: lock,
        })
    }

    /// Puts one file in the new tree: a link to the current output's file when it holds
    /// exactly these bytes, else the bytes.
    fn stage(&self, o: &Output) -> Result<(), Diagnostic> {
        if let Some(full) = self.full.get() {
            return Err(full.clone());
        }
        let dest = self.staging.path().join(&o.path);
        let current = self.output.join(&o.path);
        let old = fs::symlink_metadata(&current)
            .ok()
            .filter(|m| self.previous && m.is_file());
        if old.is_some() {
            self.kept.fetch_add(1, Ordering::Relaxed);
        }
        let same_len = |len: u64| old.as_ref().is_some_and(|m| m.len() == len);
        let same = match &o.content {
            Content::Bytes(b) => {
                self.bytes.fetch_add(b.len() as u64, Ordering::Relaxed);
                same_len(b.len() as u64) && same_bytes(&current, b)
            }
            Content::Copy(src) => {
                let src = self.root.join(src);
                let len = fs::metadata(&src)
                    .map_err(|e| self.fail("copy", &src, e))?
                    .len();
                self.bytes.fetch_add(len, Ordering::Relaxed);
                same_len(len) && fs::read(&src).is_ok_and(|b| same_bytes(&current, &b))
            }
        };
        if same {
            if let Ok(mut unchanged) = self.unchanged.lock() {
                unchanged.push(o.path.clone());
                return Ok(());
            }
        } else {
            self.written.fetch_add(1, Ordering::Relaxed);
        }
        self.make_parent(&o.path)?;
        match &o.content {
            Content::Bytes(b) => fs::write(&dest, b).map_err(|e| self.fail("write", &dest, e)),
            Content::Copy(src) => {
                let src = self.root.join(src);
                match fs::copy(&src, &dest) {
                    Ok(_) => Ok(()),
                    Err(e) => Err(self.fail("copy", &src, e)),
                }
            }
        }
    }

    /// Links the unchanged files into the new tree (copies them where links cannot be made).
    fn link_unchanged(&self, unchanged: &[String]) -> Result<(), Diagnostic> {
        use rayon::prelude::*;
        unchanged.par_iter().try_for_each(|rel| {
            let current = self.output.join(rel);
            let dest = self.staging.path().join(rel);
            self.make_parent(rel)?;
            match fs::hard_link(&current, &dest) {
                Ok(()) => Ok(()),
                Err(e) if is_full(&e) => Err(self.fail("link", &dest, e)),
                // No hard links here (or too many): the bytes are copied instead.
                Err(e) => {
                    log::debug!("cannot link {}: {e}", current.display());
                    fs::copy(&current, &dest)
                        .map(|_| ())
                        .map_err(|e| self.fail("copy", &current, e))
                }
            }
        })
    }

    /// Makes the folder of `rel` in the new tree, once.
    fn make_parent(&self, rel: &str) -> Result<(), Diagnostic> {
        let Some((dir, _)) = rel.rsplit_once('/') else {
            return Ok(());
        };
        let made = |dirs: &Mutex<HashSet<String>>| dirs.lock().is_ok_and(|d| d.contains(dir));
        if made(&self.dirs) {
            return Ok(());
        }
        let path = self.staging.path().join(dir);
        fs::create_dir_all(&path).map_err(|e| self.fail("create the folder", &path, e))?;
        if let Ok(mut dirs) = self.dirs.lock() {
            dirs.insert(dir.to_owned());
        }
        Ok(())
    }

    /// The diagnostic for an IO error: one for all "no room left" errors, the first.
    fn fail(&self, what: &str, path: &Path, e: io::Error) -> Diagnostic {
        if is_full(&e) {
            return self
                .full
                .get_or_init(|| no_room(&self.parent, path, &e))
                .clone();
        }
        fail(what, path, e)
    }

    /// Swaps the new tree in for the output, removes the previous one, and returns what was
    /// done. If the swap fails, the output is as it was and the new tree is removed.
    pub fn commit(self) -> Result<WriteSummary, Diagnostic> {
        let mut summary = WriteSummary {
            files: self.files.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
            written: self.written.load(Ordering::Relaxed),
            removed: 0,
        };
        let kept = self.kept.load(Ordering::Relaxed);
        let unchanged: Vec<String> = match self.unchanged.lock() {
            Ok(mut list) => std::mem::take(&mut *list),
            Err(_) => return Err(crate::output::poisoned()),
        };
        // Nothing written and nothing to remove: the output already is the new site.
        if self.previous && summary.written == 0 && count_files(&self.output) == Some(kept) {
            log::info!(
                "{} files, none changed in {}",
                summary.files,
                display_path(&self.output)
            );
            return Ok(summary);
        }
        // Linking and removing files wait on the disk, not on the processor: more threads
        // than cores keep it busy (a pool for this commit only, no global state).
        let io = rayon::ThreadPoolBuilder::new()
            .num_threads(IO_THREADS)
            .build()
            .ok();
        on_io(io.as_ref(), || self.link_unchanged(&unchanged))?;
        failpoint("before-swap");
        set_mode(
            self.staging.path(),
            self.previous.then_some(self.output.as_path()),
        )
        .map_err(|e| fail("set permissions on", self.staging.path(), e))?;
        if !self.previous {
            if let Err(e) = fs::rename(self.staging.path(), &self.output) {
                return Err(Diagnostic::site_error(format!(
                    "cannot move the new site into {}: {e}",
                    display_path(&self.output)
                )));
            }
            let _ = self.staging.keep();
            log::info!(
                "wrote {} files to {}",
                summary.files,
                display_path(&self.output)
            );
            return Ok(summary);
        }
        let old = match swap::swap(self.staging.path(), &self.output, &self.parent, &self.name) {
            Ok(old) => {
                let _ = self.staging.keep();
                old
            }
            // Dropping the staging folder removes the new tree.
            Err(swap::SwapError::Untouched(d)) => return Err(d),
            Err(swap::SwapError::Missing(d)) => {
                let _ = self.staging.keep();
                return Err(d);
            }
        };
        failpoint("after-swap");
        let (old_files, error) = on_io(io.as_ref(), || swap::remove_tree(&old));
        if let Some(e) = error {
            log::warn!(
                "the new site is in place, but the previous one could not be removed from {}: {e}; the next build removes it",
                old.display()
            );
        }
        summary.removed = old_files.saturating_sub(kept);
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
        self.stage(&o)?;
        let n = self.files.fetch_add(1, Ordering::Relaxed) + 1;
        failpoint_after(n);
        Ok(())
    }
}

/// Threads for linking and removing files at the commit.
const IO_THREADS: usize = 8;

/// Runs `f` on `pool` (its parallel iterators use the pool's threads), or here without one.
fn on_io<R: Send>(pool: Option<&rayon::ThreadPool>, f: impl FnOnce() -> R + Send) -> R {
    match pool {
        Some(pool) => pool.install(f),
        None => f(),
    }
}

/// How many files (not folders) are under `dir`, if it can be read whole.
fn count_files(dir: &Path) -> Option<usize> {
    let mut n = 0;
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.ok()?;
        if !entry.file_type().is_dir() {
            n += 1;
        }
    }
    Some(n)
}

/// The output path, or when it is a symbolic link, the folder it points to: that folder is
/// what is replaced, and the link stays.
fn follow_link(output: &Path) -> PathBuf {
    match fs::symlink_metadata(output) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(output).unwrap_or_else(|_| output.to_path_buf())
        }
        _ => output.to_path_buf(),
    }
}

fn fail(what: &str, path: &Path, e: io::Error) -> Diagnostic {
    Diagnostic::site_error(format!("cannot {what} {}: {e}", path.display()))
        .hint("the previous output was left untouched")
}

/// Whether an IO error means the disk has no room left (space, inodes or quota).
fn is_full(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded
    )
}

/// The one diagnostic for a disk without room for the new tree.
fn no_room(parent: &Path, path: &Path, e: &io::Error) -> Diagnostic {
    Diagnostic::site_error(format!(
        "no room left on the disk for the new site: {} failed: {e}",
        path.display()
    ))
    .hint(format!(
        "free some space (or files: a disk can run out of either) on the disk of {} and build again; the previous output was left untouched",
        display_path(parent)
    ))
}

/// Whether the file at `path` holds exactly `bytes`.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    fs::read(path).is_ok_and(|old| old == bytes)
}

/// Gives the new tree's folder the mode of the folder it replaces (a temporary folder is
/// private, 0700), or 0755 for a first build: the web server must be able to read it.
#[cfg(unix)]
fn set_mode(dir: &Path, like: Option<&Path>) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = like
        .and_then(|p| fs::metadata(p).ok())
        .map_or(0o755, |m| m.permissions().mode() & 0o7777);
    fs::set_permissions(dir, fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_dir: &Path, _like: Option<&Path>) -> io::Result<()> {
    Ok(())
}

/// Test builds stop dead, as if killed (no destructor runs), where `PLANSITE_FAILPOINT` says:
/// `before-swap`, `after-swap`, or `stage-N` (after the Nth file is in the new tree).
#[cfg(debug_assertions)]
fn failpoint(at: &str) {
    if std::env::var("PLANSITE_FAILPOINT").is_ok_and(|v| v == at) {
        std::process::exit(86);
    }
}

#[cfg(debug_assertions)]
fn failpoint_after(n: usize) {
    if let Ok(v) = std::env::var("PLANSITE_FAILPOINT")
        && v.strip_prefix("stage-") == Some(n.to_string().as_str())
    {
        std::process::exit(86);
    }
}

#[cfg(not(debug_assertions))]
fn failpoint(_at: &str) {}

#[cfg(not(debug_assertions))]
fn failpoint_after(_n: usize) {}
