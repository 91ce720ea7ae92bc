//! Reads the files a build copies (attachments, theme files) into the served snapshot, under
//! the build's rules: the file must resolve inside the site and be a regular file, and it must
//! still be the file that was checked when its bytes are read. What is read once is kept, so a
//! rebuild reads again only the files that changed.

use std::collections::HashMap;
use std::fs::{File, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};

use axum::body::Bytes;

/// What identifies one version of a file: where it is, its size, and its modification and
/// change times (`crate::stamp`: a write that puts the old size and modification time back
/// still changes the change time). A file stamped in the racy window after a change is
/// read again rather than trusted.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    /// Device and inode (zeros where the platform has none).
    id: (u64, u64),
    stamp: crate::stamp::Stamp,
}

impl Stamp {
    fn of(meta: &Metadata) -> Stamp {
        Stamp {
            id: file_id(meta),
            stamp: crate::stamp::Stamp::from_metadata(meta),
        }
    }

    /// Whether the bytes read when `known` was taken are still this file's.
    fn proves(&self, known: &Stamp) -> bool {
        self.id == known.id && self.stamp.proves_unchanged_since(&known.stamp)
    }
}

#[cfg(unix)]
fn file_id(meta: &Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn file_id(_meta: &Metadata) -> (u64, u64) {
    (0, 0)
}

/// The copied files of one snapshot, by their real path.
#[derive(Debug, Default, Clone)]
pub(super) struct Copies {
    files: HashMap<PathBuf, (Stamp, Bytes)>,
    /// The files of the previous snapshot, whose bytes are reused when unchanged.
    previous: HashMap<PathBuf, (Stamp, Bytes)>,
}

impl Copies {
    /// The copies of a new snapshot, reusing the bytes of `previous` (the last one's).
    pub(super) fn after(previous: &Copies) -> Copies {
        Copies {
            files: HashMap::new(),
            previous: previous.files.clone(),
        }
    }

    /// Done reading: forgets the previous snapshot's files.
    pub(super) fn finish(mut self) -> Copies {
        self.previous = HashMap::new();
        self
    }

    /// The bytes of `rel` (a path of the site, as the build names a copied file), read with
    /// the build's confinement rules. Bytes of the previous snapshot are reused when the file
    /// has not changed. The error says why the file cannot be served.
    pub(super) fn read(
        &mut self,
        canonical_root: &Path,
        root: &Path,
        rel: &Path,
    ) -> Result<Bytes, String> {
        let real = root
            .join(rel)
            .canonicalize()
            .map_err(|e| format!("cannot be read: {e}"))?;
        if !real.starts_with(canonical_root) {
            return Err("it points outside the site folder".to_owned());
        }
        // Not following links here: `real` has none, so a link now means a swap.
        let checked =
            std::fs::symlink_metadata(&real).map_err(|e| format!("cannot be read: {e}"))?;
        if !checked.file_type().is_file() {
            return Err("it is not a regular file".to_owned());
        }
        let stamp = Stamp::of(&checked);
        let known = self.files.get(&real).or_else(|| self.previous.get(&real));
        if let Some((known, bytes)) = known
            && stamp.proves(known)
        {
            let bytes = bytes.clone();
            self.files.insert(real, (stamp, bytes.clone()));
            return Ok(bytes);
        }
        let mut file = File::open(&real).map_err(|e| format!("cannot be read: {e}"))?;
        let opened = file
            .metadata()
            .map_err(|e| format!("cannot be read: {e}"))?;
        // The file opened is the file checked: not a link or another file swapped in since.
        if file_id(&opened) != stamp.id || !opened.file_type().is_file() {
            return Err("it changed while it was read".to_owned());
        }
        let mut bytes = Vec::with_capacity(usize::try_from(opened.len()).unwrap_or(0));
        file.read_to_end(&mut bytes)
            .map_err(|e| format!("cannot be read: {e}"))?;
        // A folder on the way swapped for a link would have led elsewhere: the path must
        // still lead to the same file.
        let again = real.canonicalize().ok();
        let still = std::fs::metadata(&real).ok();
        if again.as_deref() != Some(real.as_path()) || still.is_none_or(|m| file_id(&m) != stamp.id)
        {
            return Err("it changed while it was read".to_owned());
        }
        let bytes = Bytes::from(bytes);
        self.files.insert(real, (Stamp::of(&opened), bytes.clone()));
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_inside_the_site_are_read_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::write(root.join("a.png"), b"one").unwrap();
        let mut copies = Copies::default();
        assert_eq!(
            copies.read(&root, &root, Path::new("a.png")).unwrap(),
            "one"
        );
        let mut next = Copies::after(&copies);
        assert_eq!(
            next.read(&root, &root, Path::new("./a.png")).unwrap(),
            "one"
        );
        std::fs::write(root.join("a.png"), b"three").unwrap();
        let mut last = Copies::after(&next.finish());
        assert_eq!(
            last.read(&root, &root, Path::new("a.png")).unwrap(),
            "three"
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_site_and_odd_files_are_refused() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), b"secret").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret"), root.join("a.png")).unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("folder")).unwrap();
        std::fs::create_dir(root.join("dir")).unwrap();
        let mut copies = Copies::default();
        for rel in ["a.png", "folder/secret", "../secret", "dir", "missing"] {
            let err = copies.read(&root, &root, Path::new(rel));
            assert!(err.is_err(), "{rel}");
        }
        let abs = outside.path().join("secret");
        assert!(copies.read(&root, &root, &abs).is_err());
    }
}
