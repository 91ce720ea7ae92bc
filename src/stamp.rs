//! Stamps: what `stat` says of a file (size, times, identity), to tell cheaply whether it may
//! have changed since a build read it, and content hashes for when the stamp cannot tell.
//!
//! A stamp is taken *before* the file is read, so a write that lands between the stamp and the
//! read makes the next stamp differ. A stamp taken within [`RACY`] of a file's last change
//! cannot prove the file unchanged (a second write in the same tick of the file system's
//! clock can leave size and times as they were), so such a file is checked by its content
//! hash instead (git calls this the racy case). The change time (`ctime`) cannot be set by a
//! program, so a write that puts back the old modification time still changes the stamp.

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// How close to a file's last change a stamp must not be for the stamp alone to prove the
/// file unchanged. File systems keep times in ticks of a few milliseconds (ext4) up to two
/// seconds (FAT); two seconds covers them all.
pub const RACY: Duration = Duration::from_secs(2);

/// What `stat` says of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// Size in bytes.
    pub len: u64,
    /// Last modification, in nanoseconds since 1970.
    pub modified: i128,
    /// Last change of the file or its metadata, in nanoseconds since 1970 (creation time
    /// where the system has no change time).
    pub changed: i128,
    /// The file's identity on its device (inode), 0 where unknown.
    pub inode: u64,
    /// The device, 0 where unknown.
    pub device: u64,
    /// When the stamp was taken, in nanoseconds since 1970.
    pub taken: i128,
}

impl Stamp {
    /// The stamp of the file at `path` (following a symbolic link), or `None` when it cannot
    /// be read.
    pub fn of(path: &Path) -> Option<Stamp> {
        let taken = nanos(SystemTime::now());
        let meta = std::fs::metadata(path).ok()?;
        Some(Stamp::with_time(&meta, taken))
    }

    /// The stamp of the file `meta` describes, taken now (call it with metadata just read).
    pub fn from_metadata(meta: &std::fs::Metadata) -> Stamp {
        Stamp::with_time(meta, nanos(SystemTime::now()))
    }

    #[cfg(unix)]
    fn with_time(meta: &std::fs::Metadata, taken: i128) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        let time = |secs: i64, ns: i64| i128::from(secs) * 1_000_000_000 + i128::from(ns);
        Stamp {
            len: meta.len(),
            modified: time(meta.mtime(), meta.mtime_nsec()),
            changed: time(meta.ctime(), meta.ctime_nsec()),
            inode: meta.ino(),
            device: meta.dev(),
            taken,
        }
    }

    #[cfg(not(unix))]
    fn with_time(meta: &std::fs::Metadata, taken: i128) -> Stamp {
        let time = |t: std::io::Result<SystemTime>| t.map(nanos).unwrap_or(0);
        Stamp {
            len: meta.len(),
            modified: time(meta.modified()),
            changed: time(meta.created()),
            inode: 0,
            device: 0,
            taken,
        }
    }

    /// Whether this stamp, taken later, proves the file is as it was at `earlier`: same
    /// size, times and identity, and `earlier` was not taken in the racy window after a
    /// change.
    pub fn proves_unchanged_since(&self, earlier: &Stamp) -> bool {
        self.same_file_as(earlier) && !earlier.is_racy()
    }

    /// Whether size, times and identity are those of `other` (when it was taken aside).
    pub fn same_file_as(&self, other: &Stamp) -> bool {
        (
            self.len,
            self.modified,
            self.changed,
            self.inode,
            self.device,
        ) == (
            other.len,
            other.modified,
            other.changed,
            other.inode,
            other.device,
        )
    }

    /// Whether the stamp was taken so soon after the file's last change that a later change
    /// in the same clock tick might leave the stamp as it is.
    pub fn is_racy(&self) -> bool {
        let racy = i128::try_from(RACY.as_nanos()).unwrap_or(i128::MAX);
        self.taken - self.modified.max(self.changed) < racy
    }
}

/// A content hash (BLAKE3), written in hexadecimal when serialised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Hash(pub [u8; 32]);

/// The hash of `bytes`.
pub fn hash(bytes: &[u8]) -> Hash {
    Hash(*blake3::hash(bytes).as_bytes())
}

impl From<blake3::Hash> for Hash {
    fn from(h: blake3::Hash) -> Hash {
        Hash(*h.as_bytes())
    }
}

impl Serialize for Hash {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&blake3::Hash::from_bytes(self.0).to_hex())
    }
}

impl<'de> Deserialize<'de> for Hash {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let hex = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        blake3::Hash::from_hex(hex.as_bytes())
            .map(Hash::from)
            .map_err(serde::de::Error::custom)
    }
}

/// Nanoseconds since 1970 (negative before it).
fn nanos(t: SystemTime) -> i128 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i128::try_from(d.as_nanos()).unwrap_or(i128::MAX),
        Err(e) => -i128::try_from(e.duration().as_nanos()).unwrap_or(i128::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_that_keeps_size_and_modification_time_changes_the_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "một").unwrap();
        let before = Stamp::of(&path).unwrap();
        let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
        std::thread::sleep(Duration::from_millis(20));
        std::fs::write(&path, "mạt").unwrap();
        let f = std::fs::File::options().write(true).open(&path).unwrap();
        f.set_modified(mtime).unwrap();
        let after = Stamp::of(&path).unwrap();
        assert_eq!(before.len, after.len);
        assert_eq!(before.modified, after.modified);
        assert!(!after.same_file_as(&before), "{before:?} {after:?}");
    }

    #[test]
    fn a_fresh_stamp_is_racy_and_proves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "x").unwrap();
        let s = Stamp::of(&path).unwrap();
        assert!(s.is_racy());
        assert!(!Stamp::of(&path).unwrap().proves_unchanged_since(&s));
        let old = Stamp {
            taken: s.taken + 10_000_000_000,
            ..s
        };
        assert!(!old.is_racy());
        assert!(s.proves_unchanged_since(&old));
    }
}
