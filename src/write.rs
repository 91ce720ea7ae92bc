//! Write: puts the rendered site on disk, file by file as pages are rendered. The complete new
//! tree is built beside the output, in the spare tree that holds the output before the last
//! one — files whose bytes did not change hard-linked from the current output, the others
//! written — and swapped in with one atomic rename; the previous output becomes the spare tree
//! of the next build. One build at a time writes an output (an advisory lock beside it); what a
//! killed build left is cleaned by the next. Every path is checked to stay inside the output
//! folder.

mod failpoint;
mod folder;
mod lock;
mod spare;
mod swap;

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use crate::diagnostic::{Diagnostic, Diagnostics, native_path};
use crate::output::{Content, Output, Sink, check_confined};
use failpoint::{failpoint, failpoint_after};
use folder::{check_output_dir, count_files, follow_link, set_mode};

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

/// Puts a site on disk as its files are rendered, so that none has to wait in memory.
///
/// [`Writer::start`] takes the output's lock (waiting while another build holds it), cleans
/// what killed builds left, and opens the spare tree beside the output
/// (`.<name>.plansite-spare`, see `spare`), where the new tree is made. Each file put goes
/// into that tree: a hard link to the current output's file when its bytes are the same (so it
/// keeps its inode and timestamps, and costs no space), written otherwise. Only
/// [`Writer::commit`] changes the output, in one atomic swap; a build that fails before — a
/// template error on the last page, a full disk — leaves it as it was.
pub struct Writer {
    root: PathBuf,
    /// The output folder (when it is a symbolic link, the folder it points to).
    output: PathBuf,
    parent: PathBuf,
    /// The output folder's name, part of the names of the folders made beside it.
    name: String,
    /// The spare tree, where the new site is made.
    staging: spare::Spare,
    /// Whether there is a previous output, whose unchanged files are linked.
    previous: bool,
    files: AtomicUsize,
    written: AtomicUsize,
    /// Files of the new site that the previous output had too.
    kept: AtomicUsize,
    /// Files whose bytes are the previous output's, with the identity of the output's file:
    /// linked into the new tree at the commit unless they already are, and only when something
    /// changed (a rebuild that changes nothing swaps nothing).
    unchanged: Mutex<Vec<(String, Option<spare::FileId>)>>,
    /// Every file of the new site.
    paths: Mutex<Vec<String>>,
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
                native_path(&output)
            ))
            .hint("choose a separate folder, such as output/"));
        };
        fs::create_dir_all(&parent).map_err(|e| fail("create the folder", &parent, e))?;
        let lock = lock::lock(&lock::lock_path(&parent, &name), &output)?;
        swap::clean_leftovers(&parent, &name, &output)?;
        let spare_path = spare::spare_path(&parent, &name);
        let staging = open_spare(&spare_path, &parent, &name).map_err(|e| {
            Diagnostic::site_error(format!(
                "cannot make the new site beside the output, in {}: {e}",
                native_path(&spare_path)
            ))
            .hint(format!(
                "a build makes the new site in a folder beside the output and swaps it in, so {} must be writable; the previous output was left untouched",
                native_path(&parent)
            ))
        })?;
        let previous = output.is_dir();
        Ok(Writer {
            root: root.to_path_buf(),
            previous,
            output,
            parent,
            name,
            staging,
            files: AtomicUsize::new(0),
            written: AtomicUsize::new(0),
            kept: AtomicUsize::new(0),
            unchanged: Mutex::new(Vec::new()),
            paths: Mutex::new(Vec::new()),
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
        let dest = self.staging.path.join(&o.path);
        let current = self.output.join(&o.path);
        let old = fs::symlink_metadata(&current)
            .ok()
            .filter(|m| self.previous && m.is_file());
        if old.is_some() {
            self.kept.fetch_add(1, Ordering::Relaxed);
        }
        let same_len = |len: u64| old.as_ref().is_some_and(|m| m.len() == len);
        let same = match &o.content {
            Content::Kept(_) => match &old {
                Some(m) => {
                    self.bytes.fetch_add(m.len(), Ordering::Relaxed);
                    true
                }
                None => return Err(vanished(&current)),
            },
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
            let id = old.as_ref().and_then(spare::file_id);
            if let Ok(mut unchanged) = self.unchanged.lock() {
                unchanged.push((o.path.clone(), id));
                return Ok(());
            }
        } else {
            self.written.fetch_add(1, Ordering::Relaxed);
        }
        match &o.content {
            Content::Bytes(b) => self
                .staging
                .put_bytes(&o.path, b)
                .map_err(|e| self.fail("write", &dest, e)),
            Content::Copy(src) => {
                let src = self.root.join(src);
                match self.staging.put_copy(&o.path, &src) {
                    Ok(()) => Ok(()),
                    Err(e) => Err(self.fail("copy", &src, e)),
                }
            }
            // Kept files are always unchanged (above).
            Content::Kept(_) => Err(vanished(&current)),
        }
    }

    /// Links the unchanged files into the new tree (copies them where links cannot be made),
    /// but for those that already are links to the output's file.
    fn link_unchanged(
        &self,
        unchanged: &[(String, Option<spare::FileId>)],
    ) -> Result<(), Diagnostic> {
        use rayon::prelude::*;
        unchanged.par_iter().try_for_each(|(rel, id)| {
            let current = self.output.join(rel);
            match self.staging.link(rel, &current, *id) {
                Ok(()) => Ok(()),
                Err(e) if is_full(&e) => Err(self.fail("link", &self.staging.path.join(rel), e)),
                // No hard links here (or too many): the bytes are copied instead.
                Err(e) => {
                    log::debug!("cannot link {}: {e}", current.display());
                    self.staging
                        .put_copy(rel, &current)
                        .map_err(|e| self.fail("copy", &current, e))
                }
            }
        })
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

    /// The output folder (a symbolic link followed).
    pub fn output(&self) -> &Path {
        &self.output
    }

    /// A hidden file beside the output named for it: `.<output>.<what>`, like the lock and
    /// the spare tree (the build cache is `beside("plansite-cache")`).
    pub fn beside(&self, what: &str) -> PathBuf {
        self.parent.join(format!(".{}.{what}", self.name))
    }

    /// Removes from the new tree what the site no longer has, links the unchanged files, swaps
    /// it in for the output (the previous output becomes the spare tree), and returns what was
    /// done. If the swap fails, the output is as it was. The output stays locked until the
    /// writer is dropped (the build writes its records first).
    pub fn commit(&self) -> Result<WriteSummary, Diagnostic> {
        let mut summary = WriteSummary {
            files: self.files.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
            written: self.written.load(Ordering::Relaxed),
            removed: 0,
        };
        let kept = self.kept.load(Ordering::Relaxed);
        let unchanged = match self.unchanged.lock() {
            Ok(mut list) => std::mem::take(&mut *list),
            Err(_) => return Err(crate::output::poisoned()),
        };
        let paths = match self.paths.lock() {
            Ok(mut list) => std::mem::take(&mut *list),
            Err(_) => return Err(crate::output::poisoned()),
        };
        let old_files = self.previous.then(|| count_files(&self.output)).flatten();
        // Nothing written and nothing to remove: the output already is the new site.
        if self.previous && summary.written == 0 && old_files == Some(kept) {
            log::info!(
                "{} files, none changed in {}",
                summary.files,
                native_path(&self.output)
            );
            return Ok(summary);
        }
        // Linking and removing files wait on the disk, not on the processor: more threads
        // than cores keep it busy (a pool for this commit only, no global state).
        let io = rayon::ThreadPoolBuilder::new()
            .num_threads(IO_THREADS)
            .build()
            .ok();
        let spare = &self.staging.path;
        let keep: HashSet<&str> = paths.iter().map(String::as_str).collect();
        on_io(io.as_ref(), || self.staging.sweep(&keep))
            .map_err(|e| self.fail("remove old files from", spare, e))?;
        on_io(io.as_ref(), || self.link_unchanged(&unchanged))?;
        failpoint("before-swap");
        set_mode(spare, self.previous.then_some(self.output.as_path()))
            .map_err(|e| fail("set permissions on", spare, e))?;
        if !self.previous {
            if let Err(e) = fs::rename(spare, &self.output) {
                return Err(Diagnostic::site_error(format!(
                    "cannot move the new site into {}: {e}",
                    native_path(&self.output)
                ))
                .hint("nothing was published; the new site is in the folder beside it"));
            }
            log::info!(
                "wrote {} files to {}",
                summary.files,
                native_path(&self.output)
            );
            return Ok(summary);
        }
        let old = match swap::swap(spare, &self.output, &self.parent, &self.name) {
            Ok(old) => old,
            Err(swap::SwapError::Untouched(d) | swap::SwapError::Missing(d)) => return Err(d),
        };
        failpoint("after-swap");
        // The previous output is the next build's spare tree: at its place already after an
        // exchange; moved there from beside the output after a two-step swap.
        if old != *spare {
            swap::keep_as_spare(&old, spare);
        }
        summary.removed = old_files.unwrap_or(kept).saturating_sub(kept);
        log::info!(
            "{} of {} files changed in {}, {} removed",
            summary.written,
            summary.files,
            native_path(&self.output),
            summary.removed
        );
        Ok(summary)
    }
}

impl Drop for Writer {
    /// A build that ran out of room gives the room its spare tree took back: the disk holds the
    /// output and nothing else of the site, as before the build.
    fn drop(&mut self) {
        if self.full.get().is_some()
            && let Err(e) = spare::remove(&self.staging.path)
        {
            log::warn!("cannot remove {}: {e}", self.staging.path.display());
        }
    }
}

impl Sink for Writer {
    fn put(&self, o: Output) -> Result<(), Diagnostic> {
        check_confined(&o.path)?;
        self.stage(&o)?;
        self.paths
            .lock()
            .map_err(|_| crate::output::poisoned())?
            .push(o.path);
        let n = self.files.fetch_add(1, Ordering::Relaxed) + 1;
        failpoint_after(n);
        Ok(())
    }
}

/// Opens the spare tree at `path`. One that cannot be used (a folder in it that cannot be read,
/// say) is set aside, to be removed with the leftovers of stopped builds, and a new one made:
/// the spare tree only saves work, and must never stop a build.
fn open_spare(path: &Path, parent: &Path, name: &str) -> io::Result<spare::Spare> {
    match spare::Spare::open(path.to_path_buf()) {
        Ok(spare) => Ok(spare),
        Err(e) if fs::symlink_metadata(path).is_ok() => {
            log::warn!(
                "cannot use {} ({e}); it is set aside and a new one made",
                native_path(path)
            );
            swap::set_aside(path, parent, name)?;
            spare::Spare::open(path.to_path_buf())
        }
        Err(e) => Err(e),
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

/// The error for a file a rebuild keeps from the output that is no longer there: something
/// removed it during the build.
fn vanished(path: &Path) -> Diagnostic {
    Diagnostic::site_error(format!(
        "{} was removed while the site was being built",
        native_path(path)
    ))
    .hint("nothing was published; build again")
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
        native_path(parent)
    ))
}

/// Whether the file at `path` holds exactly `bytes`.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    fs::read(path).is_ok_and(|old| old == bytes)
}
