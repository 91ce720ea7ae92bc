//! What a build keeps for the next one: for each plan, its files' stamps and hashes, its
//! survey, and what was rendered of it (against which site, with links into which plans, to
//! which output files). A rebuild trusts a record only as far as it can check it: the whole
//! cache is dropped when anything global differs (this program, the settings, the theme), a
//! plan's record when one of its files may have changed, a plan's pages when the site around
//! it or a plan it links into changed, or when one of its published files is not the one the
//! record names. A cache that cannot be read whole is dropped, never trusted in part.
//!
//! It is a file beside the output, never inside it (`.<output>.plansite-cache`), written
//! after the output is committed, through a temporary file renamed over it.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostics, native_path};
use crate::load::Kind;
use crate::plan::Plan;
use crate::plan::survey::Survey;
use crate::stamp::{Hash, Stamp};

/// Changed whenever what the cache holds changes shape or meaning.
const FORMAT: u32 = 2;

/// The cache of one output.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Cache {
    /// The hash of everything global a build depends on ([`global_key`]).
    pub(crate) key: Hash,
    /// One record per plan folder, by folder name.
    pub(crate) plans: Vec<PlanRecord>,
}

/// What a build knows of one plan folder.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct PlanRecord {
    /// The folder's name under `content/`.
    pub(crate) folder: String,
    /// Every file of the folder, as the walk found it.
    pub(crate) files: Vec<FileRecord>,
    /// Its survey (none when its plan file could not be used: then nothing is kept).
    pub(crate) survey: Survey,
    /// The hash of its link index part (what links into it resolve against).
    pub(crate) index_hash: Option<Hash>,
    /// The warnings of reading, parsing and outlining it.
    pub(crate) warnings: Diagnostics,
    /// What was rendered of it.
    pub(crate) rendered: Option<Rendered>,
}

/// A file of a plan folder as a build read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FileRecord {
    /// Relative to the site root.
    pub(crate) rel: PathBuf,
    /// What it is.
    pub(crate) kind: Kind,
    /// Its stamp, taken before it was read.
    pub(crate) stamp: Stamp,
    /// The hash of its decoded text (Markdown files; none for copied files).
    pub(crate) hash: Option<Hash>,
}

/// What a build rendered of a plan.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Rendered {
    /// The hash of the site it was rendered in ([`super::site_digest`]).
    pub(crate) site: Hash,
    /// The plans its links point into, each with the hash of its index part then.
    pub(crate) links_into: Vec<(String, Hash)>,
    /// Its light form (`crate::plan::head::lighten`), for the site's own pages.
    pub(crate) light: Plan,
    /// The warnings of resolving its links.
    pub(crate) warnings: Diagnostics,
    /// Its published files.
    pub(crate) outputs: Vec<OutputRecord>,
}

/// A published file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct OutputRecord {
    /// Its path in the output.
    pub(crate) path: String,
    /// The file it is a copy of, if it is one.
    pub(crate) source: Option<PathBuf>,
    /// Its stamp once published (none where the output is in memory: `serve`).
    pub(crate) stamp: Option<Stamp>,
}

/// The name a cache file at `path` is written under before it is renamed into place.
fn temp_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{name}.tmp-")
}

/// What a cache file starts with: its format, then the records (postcard).
pub(super) fn header() -> String {
    format!("plansite-cache {FORMAT}\n")
}

impl Cache {
    /// The cache in `path` if it can be read whole and was made with `key`; else an empty
    /// one (the reason is logged).
    pub(crate) fn load(path: &Path, key: Hash) -> Cache {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Cache::empty(key),
            Err(e) => {
                log::warn!(
                    "cannot read the build cache {} ({e}); every plan is built anew",
                    native_path(path)
                );
                return Cache::empty(key);
            }
        };
        let header = header();
        let Some(body) = bytes.strip_prefix(header.as_bytes()) else {
            log::info!(
                "the build cache {} is of another version; every plan is built anew",
                native_path(path)
            );
            return Cache::empty(key);
        };
        let started = std::time::Instant::now();
        let decoded = postcard::from_bytes::<Cache>(body);
        log::debug!(
            "decoded the build cache ({} bytes) in {:?}",
            bytes.len(),
            started.elapsed()
        );
        match decoded {
            Ok(cache) if cache.key == key => cache,
            Ok(_) => {
                log::info!("the settings, theme or program changed: every plan is built anew");
                Cache::empty(key)
            }
            Err(e) => {
                log::warn!(
                    "the build cache {} is damaged ({e}); it is ignored and every plan built anew",
                    native_path(path)
                );
                Cache::empty(key)
            }
        }
    }

    /// A cache with no record.
    pub(crate) fn empty(key: Hash) -> Cache {
        Cache {
            key,
            plans: Vec::new(),
        }
    }

    /// Writes the cache to `path` through a temporary file beside it. A cache that cannot
    /// be written is removed (an old one would only cost the next build time, but one that
    /// disagrees with the output is never kept): the build itself has succeeded.
    pub(crate) fn save(&self, path: &Path) {
        let result = (|| -> std::io::Result<()> {
            let dir = match path.parent() {
                Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                _ => PathBuf::from("."),
            };
            let mut tmp = tempfile::Builder::new()
                .prefix(&temp_prefix(path))
                .tempfile_in(&dir)?;
            let mut out = std::io::BufWriter::new(tmp.as_file_mut());
            std::io::Write::write_all(&mut out, header().as_bytes())?;
            postcard::to_io(self, &mut out).map_err(std::io::Error::other)?;
            std::io::Write::flush(&mut out)?;
            drop(out);
            tmp.persist(path).map_err(|e| e.error)?;
            Ok(())
        })();
        if let Err(e) = result {
            log::warn!(
                "cannot write the build cache {} ({e}); the next build will build every plan",
                native_path(path)
            );
            let _ = std::fs::remove_file(path);
        }
    }

    /// Stamps the published files in `output`: all of them when the output was replaced
    /// (publishing links files into the new tree, which changes their change time), else
    /// those published now.
    pub(crate) fn stamp_outputs(&mut self, output: &Path, replaced: bool) {
        use rayon::prelude::*;
        self.plans
            .par_iter_mut()
            .filter_map(|p| p.rendered.as_mut())
            .flat_map(|r| r.outputs.par_iter_mut())
            .filter(|o| replaced || o.stamp.is_none())
            .for_each(|o| o.stamp = Stamp::of(&output.join(&o.path)));
    }

    /// Removes what a build killed while writing the cache at `path` left beside it.
    pub(crate) fn clean_temps(path: &Path) {
        let prefix = temp_prefix(path);
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return;
        };
        for e in entries.flatten() {
            if e.file_name().to_string_lossy().starts_with(&prefix) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

/// The hash of everything global a build's pages depend on: this program (its version and
/// the identity of its executable, so a rebuilt plansite never trusts an older one's cache),
/// the settings (plansite.toml with the command line's overrides), and the theme (its
/// templates, language file and the names of its static files).
pub(crate) fn global_key(settings_debug: &str, theme: Hash) -> Option<Hash> {
    let exe = std::env::current_exe().ok()?;
    let stamp = Stamp::of(&exe)?;
    let mut h = blake3::Hasher::new();
    h.update(&FORMAT.to_le_bytes());
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(&stamp.len.to_le_bytes());
    h.update(&stamp.modified.to_le_bytes());
    h.update(&stamp.inode.to_le_bytes());
    h.update(&stamp.device.to_le_bytes());
    h.update(&(settings_debug.len() as u64).to_le_bytes());
    h.update(settings_debug.as_bytes());
    h.update(&theme.0);
    Some(h.finalize().into())
}
