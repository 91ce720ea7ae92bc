//! The spare tree: where the next site is built. It is a folder beside the output,
//! `.<name>.plansite-spare`, which after a swap holds the previous output. Most of its files are
//! hard links to the output's own (the unchanged files of the last build), so bringing it up to
//! date for the next build touches only what changed — instead of linking every file of the
//! site into an empty folder and removing the whole previous tree after the swap, which cost a
//! rebuild of a large archive more than the rendering.
//!
//! Its files may share their inode with the output's, so nothing in it is ever written in
//! place: a file is replaced by removing its name and making a new file ([`replace`]). Whatever
//! a killed build or a hand left in it is taken as it is: symbolic links and other special
//! files are removed before anything is written ([`Spare::open`]), stale files and folders at
//! the commit ([`Spare::sweep`]).

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

/// The spare tree of the output `name` in `parent`.
pub(super) fn spare_path(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.plansite-spare"))
}

/// What the spare tree held when the build started.
pub(super) struct Spare {
    pub(super) path: PathBuf,
    /// Its files when the build started (relative, `/`-separated).
    files: Vec<String>,
    /// Its folders (relative): those it had, and those made since.
    made: Mutex<HashSet<String>>,
}

impl Spare {
    /// Opens the spare tree at `path`, making it if there is none, and removes from it
    /// everything that is neither a file nor a folder (symbolic links above all: the build
    /// writes through these folders).
    pub(super) fn open(path: PathBuf) -> io::Result<Spare> {
        match fs::symlink_metadata(&path) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                fs::remove_file(&path)?;
                fs::create_dir(&path)?;
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => fs::create_dir(&path)?,
            Err(e) => return Err(e),
        }
        let found = super::folder::walk_all(&path, |entry| {
            let Some(rel) = relative(&path, entry.path()) else {
                // Not a name a build makes: stale.
                remove(entry.path())?;
                return Ok(None);
            };
            let kind = entry.file_type();
            if kind.is_dir() {
                Ok(Some((rel, true)))
            } else if kind.is_file() {
                Ok(Some((rel, false)))
            } else {
                fs::remove_file(entry.path())?;
                Ok(None)
            }
        })?;
        let (mut files, mut dirs) = (Vec::new(), HashSet::new());
        for (rel, is_dir) in found {
            if is_dir {
                dirs.insert(rel);
            } else {
                files.push(rel);
            }
        }
        Ok(Spare {
            path,
            files,
            made: Mutex::new(dirs),
        })
    }

    /// Makes the folder of the file `rel`, once.
    pub(super) fn make_parent(&self, rel: &str) -> io::Result<()> {
        let Some((dir, _)) = rel.rsplit_once('/') else {
            return Ok(());
        };
        if self.made.lock().is_ok_and(|d| d.contains(dir)) {
            return Ok(());
        }
        make_dir(&self.path, dir)?;
        if let Ok(mut made) = self.made.lock() {
            made.insert(dir.to_owned());
        }
        Ok(())
    }

    /// Makes the file `rel` anew with `bytes`.
    pub(super) fn put_bytes(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.make_parent(rel)?;
        create_new(&self.path.join(rel))?.write_all(bytes)
    }

    /// Makes the file `rel` anew as a copy of the file `src`.
    pub(super) fn put_copy(&self, rel: &str, src: &Path) -> io::Result<()> {
        let mut from = fs::File::open(src)?;
        self.make_parent(rel)?;
        let mut to = create_new(&self.path.join(rel))?;
        io::copy(&mut from, &mut to).map(|_| ())
    }

    /// Makes the file `rel` a hard link to `from` unless it already is one (`id` is the
    /// identity of `from`, when known).
    pub(super) fn link(&self, rel: &str, from: &Path, id: Option<FileId>) -> io::Result<()> {
        let dest = self.path.join(rel);
        let there = fs::symlink_metadata(&dest).ok();
        if id.is_some() && there.as_ref().and_then(file_id) == id {
            return Ok(());
        }
        self.make_parent(rel)?;
        if there.is_some() {
            remove(&dest)?;
        }
        fs::hard_link(from, &dest)
    }

    /// Removes the files and folders that the new site, whose files are `keep`, does not have.
    /// (A name the site has, as a file or a folder, is not stale, whatever it was at the
    /// start: the build has made it what it must be.)
    pub(super) fn sweep(&self, keep: &HashSet<&str>) -> io::Result<()> {
        let made = self
            .made
            .lock()
            .map_err(|_| io::Error::other("a thread of the build failed"))?;
        let needed: HashSet<&str> = keep.iter().flat_map(|f| ancestors(f)).collect();
        let stale = |rel: &&String| !keep.contains(rel.as_str()) && !needed.contains(rel.as_str());
        self.files
            .par_iter()
            .filter(stale)
            .try_for_each(|f| remove(&self.path.join(f)))?;
        // Children before their parents: a stale folder is empty by the time it is reached.
        let mut dirs: Vec<&String> = made.iter().filter(stale).collect();
        dirs.sort_by_key(|d| std::cmp::Reverse(d.matches('/').count()));
        for dir in dirs {
            remove(&self.path.join(dir))?;
        }
        Ok(())
    }
}

/// The folders above the file `rel`, nearest last: `a/b/c` gives `a`, `a/b`.
fn ancestors(rel: &str) -> impl Iterator<Item = &str> {
    rel.match_indices('/').map(move |(i, _)| &rel[..i])
}

/// `path` relative to `base`, `/`-separated, if it is valid Unicode (a build names only such).
fn relative(base: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(base).ok()?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

/// Removes whatever is at `path` (a file, a folder and all it holds, or nothing).
pub(super) fn remove(path: &Path) -> io::Result<()> {
    let result = match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) => Err(e),
    };
    match result {
        // Nothing there, or a file where a folder on the way was.
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            Ok(())
        }
        other => other,
    }
}

/// A new file at `path`, never an existing one: whatever has the name is removed first (a
/// file there may share its inode with the output's, and must not be written through).
fn create_new(path: &Path) -> io::Result<fs::File> {
    remove(path)?;
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

/// Makes the folder `rel` (and those above it) in the tree at `base`, removing whatever is in
/// the way: a file of an earlier site where this one has a folder.
fn make_dir(base: &Path, rel: &str) -> io::Result<()> {
    match fs::create_dir_all(base.join(rel)) {
        Ok(()) => Ok(()),
        Err(_) => {
            let mut at = base.to_path_buf();
            for part in rel.split('/') {
                at.push(part);
                match fs::symlink_metadata(&at) {
                    Ok(m) if m.is_dir() => continue,
                    Ok(_) => remove(&at)?,
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(e),
                }
                match fs::create_dir(&at) {
                    // Made by another thread meanwhile.
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists && is_dir(&at) => {}
                    other => other?,
                }
            }
            Ok(())
        }
    }
}

fn is_dir(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}

/// The identity of a file: its device and inode.
pub(super) type FileId = (u64, u64);

/// The identity of a file, where the system has one.
#[cfg(unix)]
pub(super) fn file_id(m: &fs::Metadata) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
pub(super) fn file_id(_m: &fs::Metadata) -> Option<FileId> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folders_above_a_file() {
        assert_eq!(ancestors("a/b/c.html").collect::<Vec<_>>(), ["a", "a/b"]);
        assert_eq!(ancestors("index.html").count(), 0);
    }
}
