//! Write: puts the rendered site on disk atomically. Everything goes into a fresh folder beside
//! the output, which replaces the output only when complete; a failure leaves the previous
//! output as it was. Every path is checked to stay inside the output folder.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::{Diagnostic, display_path};
use crate::render::{Content, Output};

/// What a successful write did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteSummary {
    /// Files written.
    pub files: usize,
    /// Their total size in bytes.
    pub bytes: u64,
}

/// Whether `path` (from the output root) is a plain relative path that stays inside it.
pub fn is_confined(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && !path.contains('\0')
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Checks the output list: confined paths, no file written twice.
pub fn check_outputs(outputs: &[Output]) -> Result<(), Diagnostic> {
    let mut seen = BTreeSet::new();
    for o in outputs {
        if !is_confined(&o.path) {
            return Err(Diagnostic::site_error(format!(
                "refusing to write `{}`: it is not a path inside the output folder",
                o.path
            )));
        }
        if !seen.insert(o.path.as_str()) {
            return Err(Diagnostic::site_error(format!(
                "two different files would be written to `{}`",
                o.path
            ))
            .hint("a static file or plan file has the same name as a page; rename one of them"));
        }
    }
    Ok(())
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

/// Writes `outputs` into `output` (copies are read relative to `root`), replacing it whole.
pub fn write_site(
    root: &Path,
    output: &Path,
    outputs: &[Output],
) -> Result<WriteSummary, Diagnostic> {
    check_outputs(outputs)?;
    check_output_dir(root, output)?;
    let fail = |what: &str, path: &Path, e: std::io::Error| {
        Diagnostic::site_error(format!("cannot {what} {}: {e}", path.display()))
            .hint("the previous output was left as it was")
    };
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| fail("create the folder", &parent, e))?;
    let staging = tempfile::Builder::new()
        .prefix(".plansite-new-")
        .tempdir_in(&parent)
        .map_err(|e| fail("create a new folder in", &parent, e))?;
    let mut summary = WriteSummary { files: 0, bytes: 0 };
    for o in outputs {
        let dest = staging.path().join(o.path.as_str());
        if let Some(dir) = dest.parent() {
            fs::create_dir_all(dir).map_err(|e| fail("create the folder", dir, e))?;
        }
        let bytes = match &o.content {
            Content::Bytes(b) => {
                fs::write(&dest, b).map_err(|e| fail("write", &dest, e))?;
                b.len() as u64
            }
            Content::Copy(src) => {
                let src = root.join(src);
                fs::copy(&src, &dest).map_err(|e| fail("copy", &src, e))?
            }
        };
        summary.files += 1;
        summary.bytes += bytes;
    }
    make_public(staging.path()).map_err(|e| fail("set permissions on", staging.path(), e))?;
    swap_in(staging, output, &parent)?;
    log::info!("wrote {} files to {}", summary.files, display_path(output));
    Ok(summary)
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

/// Replaces `output` with the finished `staging` folder.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confinement() {
        assert!(is_confined("2023/dac-diem/index.html"));
        for bad in [
            "",
            "../x",
            "a/../../x",
            "/etc/passwd",
            "a\\..\\x",
            "./a",
            "a//b/..",
        ] {
            assert!(!is_confined(bad), "{bad:?}");
        }
    }

    #[test]
    fn duplicate_outputs_are_refused() {
        let o = |p: &str| Output {
            path: p.into(),
            content: Content::Bytes(vec![]),
        };
        assert!(check_outputs(&[o("a"), o("b")]).is_ok());
        assert!(check_outputs(&[o("a"), o("a")]).is_err());
        assert!(check_outputs(&[o("../a")]).is_err());
    }
}
