//! Swapping a finished tree in for the output, removing trees, and cleaning what a killed build
//! left beside the output. Besides the spare tree (see `spare`), a build makes one kind of
//! folder beside the output: `.plansite-old-<output name>-<random>`, the previous output moved
//! aside where the two-step swap is used. Earlier versions built the new tree in
//! `.plansite-new-<output name>-<random>`; those are cleaned too.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, native_path};

/// The start of the name of a folder holding a tree being built for the output `name`.
pub(super) fn new_prefix(name: &str) -> String {
    format!(".plansite-new-{name}-")
}

/// The start of the name of a folder holding a previous output moved aside.
fn old_prefix(name: &str) -> String {
    format!(".plansite-old-{name}-")
}

/// Whether `entry` is a folder a build of the output `name` made: one of the prefixes, then
/// the random part (letters and digits). Versions before the lock named them without the
/// output's name; those are taken too.
fn is_leftover(entry: &str, name: &str) -> Option<bool> {
    for (prefix, old) in [
        (new_prefix(name), false),
        (old_prefix(name), true),
        (".plansite-new-".to_owned(), false),
        (".plansite-old-".to_owned(), true),
    ] {
        if let Some(rest) = entry.strip_prefix(&prefix)
            && !rest.is_empty()
            && rest.chars().all(|c| c.is_ascii_alphanumeric())
        {
            return Some(old);
        }
    }
    None
}

/// Cleans what killed builds of `output` (named `name`, in `parent`) left: if the output is
/// missing and a previous output was moved aside, it is put back first; then every leftover
/// folder is removed. Called with the output's lock held, so no live build owns them.
pub(super) fn clean_leftovers(parent: &Path, name: &str, output: &Path) -> Result<(), Diagnostic> {
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(()); // nothing to clean; making the new folder reports the real problem
    };
    let mut leftovers = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        if let Some(old) = is_leftover(&file_name.to_string_lossy(), name) {
            leftovers.push((entry.path(), old));
        }
    }
    leftovers.sort();
    for (dir, old) in &leftovers {
        let moved_aside = dir.join("site");
        if *old && fs::symlink_metadata(output).is_err() && moved_aside.is_dir() {
            fs::rename(&moved_aside, output).map_err(|e| {
                Diagnostic::site_error(format!(
                    "cannot put the previous output back from {}: {e}",
                    native_path(&moved_aside)
                ))
                .hint(format!(
                    "a build was stopped while it replaced the output; move that folder to {} by hand",
                    native_path(output)
                ))
            })?;
            log::warn!(
                "put back the previous output {}, which a stopped build had moved aside",
                native_path(output)
            );
        }
        let (files, error) = remove_tree(dir);
        match error {
            None => log::info!(
                "removed {} ({files} files) left by a stopped build",
                dir.display()
            ),
            Some(e) => log::warn!(
                "cannot remove {} left by a stopped build: {e}",
                dir.display()
            ),
        }
    }
    Ok(())
}

/// Removes the tree at `dir`, in parallel; returns how many files (anything but folders) it
/// held, and the first error, if any (the rest is removed as far as possible).
pub(super) fn remove_tree(dir: &Path) -> (usize, Option<io::Error>) {
    match remove_counting(dir, 0) {
        Ok(n) => (n, None),
        Err((n, e)) => {
            let _ = fs::remove_dir_all(dir);
            (n, Some(e))
        }
    }
}

type Removed = Result<usize, (usize, io::Error)>;

fn remove_counting(dir: &Path, depth: usize) -> Removed {
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)
        .and_then(|d| d.collect::<io::Result<_>>())
        .map_err(|e| (0, e))?;
    let one = |e: &fs::DirEntry| -> Removed {
        match e.file_type() {
            Ok(t) if t.is_dir() => remove_counting(&e.path(), depth + 1),
            _ => fs::remove_file(e.path()).map(|()| 1).map_err(|e| (0, e)),
        }
    };
    let add = |a: Removed, b: Removed| match (a, b) {
        (Ok(a), Ok(b)) => Ok(a + b),
        (Ok(a), Err((b, e))) | (Err((a, e)), Ok(b)) | (Err((a, e)), Err((b, _))) => Err((a + b, e)),
    };
    // The top two levels (plans, then their pages) in parallel; below, one thread per folder.
    let removed = if depth < 2 {
        entries.par_iter().map(one).reduce(|| Ok(0), add)
    } else {
        entries.iter().map(one).fold(Ok(0), add)
    };
    let n = removed?;
    fs::remove_dir(dir).map(|()| n).map_err(|e| (n, e))
}

/// Moves the folder `dir` out of the way, under a name of the leftovers of a stopped build
/// (`.plansite-new-<name>-…`), which the next build removes.
pub(super) fn set_aside(dir: &Path, parent: &Path, name: &str) -> io::Result<()> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let aside = parent.join(format!(
        "{}{stamp:x}{:x}",
        new_prefix(name),
        std::process::id()
    ));
    fs::rename(dir, aside)
}

/// Makes the previous output, moved aside into `aside` by a two-step swap, the spare tree at
/// `spare`; where it cannot be, it is removed (the next build starts a spare tree afresh).
pub(super) fn keep_as_spare(aside: &Path, spare: &Path) {
    if fs::rename(aside.join("site"), spare).is_ok() {
        let _ = fs::remove_dir(aside);
        return;
    }
    if let (_, Some(e)) = remove_tree(aside) {
        log::warn!(
            "the new site is in place, but the previous one could not be removed from {}: {e}; the next build removes it",
            aside.display()
        );
    }
}

/// What a failed swap left.
pub(super) enum SwapError {
    /// The output is as it was.
    Untouched(Diagnostic),
    /// The output is missing: the previous one and the new one are both beside it.
    Missing(Diagnostic),
}

/// Puts the tree at `staging` in place of the existing `output` and returns where the previous
/// output now is. On Linux one `renameat2(RENAME_EXCHANGE)` swaps the two names atomically;
/// where the file system cannot (or elsewhere), the output is renamed aside, then the new tree
/// renamed in (a killed build is recovered by [`clean_leftovers`]).
pub(super) fn swap(
    staging: &Path,
    output: &Path,
    parent: &Path,
    name: &str,
) -> Result<PathBuf, SwapError> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;
        match renameat_with(CWD, staging, CWD, output, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(staging.to_path_buf()),
            // The file system has no exchange (some network and FUSE file systems).
            Err(e) if e == Errno::INVAL || e == Errno::NOSYS || e == Errno::NOTSUP => {}
            Err(e) => return Err(SwapError::Untouched(cannot_swap(output, e.into()))),
        }
    }
    aside_and_in(staging, output, parent, name)
}

fn cannot_swap(output: &Path, e: io::Error) -> Diagnostic {
    Diagnostic::site_error(format!(
        "cannot move the new site into {}: {e}",
        native_path(output)
    ))
    .hint("the previous output was left untouched")
}

/// The two-step swap: the output aside into `.plansite-old-…/site`, then the new tree in.
fn aside_and_in(
    staging: &Path,
    output: &Path,
    parent: &Path,
    name: &str,
) -> Result<PathBuf, SwapError> {
    let aside = tempfile::Builder::new()
        .prefix(&old_prefix(name))
        .tempdir_in(parent)
        .map_err(|e| {
            SwapError::Untouched(
                Diagnostic::site_error(format!(
                    "cannot create a folder in {}: {e}",
                    native_path(parent)
                ))
                .hint("the previous output was left untouched"),
            )
        })?
        .keep();
    let old = aside.join("site");
    if let Err(e) = fs::rename(output, &old) {
        let _ = fs::remove_dir(&aside);
        return Err(SwapError::Untouched(
            Diagnostic::site_error(format!(
                "cannot move the previous output {} aside: {e}",
                native_path(output)
            ))
            .hint(
                "is a file in it open in another program? The previous output was left untouched",
            ),
        ));
    }
    let Err(e) = fs::rename(staging, output) else {
        return Ok(aside);
    };
    if fs::rename(&old, output).is_ok() {
        let _ = fs::remove_dir(&aside);
        return Err(SwapError::Untouched(cannot_swap(output, e)));
    }
    Err(SwapError::Missing(
        Diagnostic::site_error(format!(
            "the output folder is missing: {} could not be moved in ({e}), nor the previous output {} back",
            native_path(staging),
            native_path(&old)
        ))
        .hint(format!(
            "move {} (the previous output) or {} (the new site) to {}; the next build puts the previous one back",
            native_path(&old),
            native_path(staging),
            native_path(output)
        )),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftovers_are_told_by_their_names() {
        assert_eq!(
            is_leftover(".plansite-new-output-a1B2c3", "output"),
            Some(false)
        );
        assert_eq!(
            is_leftover(".plansite-old-output-a1B2c3", "output"),
            Some(true)
        );
        assert_eq!(is_leftover(".plansite-new-a1B2c3", "output"), Some(false));
        // Another output's folders in the same parent are not ours.
        assert_eq!(is_leftover(".plansite-new-output-x-a1B2c3", "output"), None);
        assert_eq!(is_leftover(".plansite-new-site-a1B2c3", "output"), None);
        assert_eq!(is_leftover(".output.plansite-lock", "output"), None);
        assert_eq!(is_leftover("output", "output"), None);
    }
}
