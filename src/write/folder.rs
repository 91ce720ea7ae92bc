//! The output folder itself: which folders may be one, what it is when it is a symbolic link,
//! how many files it holds, and the mode of the folder swapped in for it.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

/// Refuses output folders that would destroy the site's own sources when replaced.
pub(super) fn check_output_dir(root: &Path, output: &Path) -> Result<(), Diagnostic> {
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

/// How many files (not folders) are under `dir`, if it can be read whole.
pub(super) fn count_files(dir: &Path) -> Option<usize> {
    let files = walk_all(dir, |e| Ok((!e.file_type().is_dir()).then_some(())));
    files.ok().map(|f| f.len())
}

/// What `visit` keeps of every entry under `dir` (not `dir` itself), the folders at its top
/// walked in parallel (a site has one per plan; an archive's output has tens of thousands of
/// entries). An entry that cannot be read is an error.
pub(super) fn walk_all<T: Send>(
    dir: &Path,
    visit: impl Fn(&walkdir::DirEntry) -> io::Result<Option<T>> + Sync,
) -> io::Result<Vec<T>> {
    use rayon::prelude::*;
    let top = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .into_iter()
        .collect::<Result<Vec<_>, _>>()
        .map_err(io::Error::other)?;
    let found: Vec<Vec<T>> = top
        .par_iter()
        .map(|entry| {
            let mut kept = Vec::new();
            kept.extend(visit(entry)?);
            if entry.file_type().is_dir() {
                for sub in walkdir::WalkDir::new(entry.path()).min_depth(1) {
                    kept.extend(visit(&sub.map_err(io::Error::other)?)?);
                }
            }
            Ok(kept)
        })
        .collect::<io::Result<_>>()?;
    Ok(found.into_iter().flatten().collect())
}

/// The output path, or when it is a symbolic link, the folder it points to: that folder is
/// what is replaced, and the link stays.
pub(super) fn follow_link(output: &Path) -> PathBuf {
    match fs::symlink_metadata(output) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(output).unwrap_or_else(|_| output.to_path_buf())
        }
        _ => output.to_path_buf(),
    }
}

/// Gives the new tree's folder the mode of the folder it replaces, or 0755 for a first build:
/// the web server must be able to read it, whatever the umask made it.
#[cfg(unix)]
pub(super) fn set_mode(dir: &Path, like: Option<&Path>) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = like
        .and_then(|p| fs::metadata(p).ok())
        .map_or(0o755, |m| m.permissions().mode() & 0o7777);
    fs::set_permissions(dir, fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
pub(super) fn set_mode(_dir: &Path, _like: Option<&Path>) -> io::Result<()> {
    Ok(())
}
