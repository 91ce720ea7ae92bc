//! Output: what `render` hands to `write` (or to a collecting sink) — the files of the built
//! site ([`Output`], [`Content`]), where they go ([`Sink`]), and the one guard that keeps every
//! path inside the output folder and lets each be written once ([`Guard`]).

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use crate::diagnostic::Diagnostic;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Path from the output root, `/`-separated.
    pub path: String,
    /// What goes in it.
    pub content: Content,
}

/// The content of an output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Rendered bytes.
    Bytes(Vec<u8>),
    /// A copy of a file on disk.
    Copy(PathBuf),
    /// The file the previous build published at this path, unchanged: a rebuild keeps the
    /// pages of a plan that did not change without making them again. `Some(source)` when it
    /// is a copy of that file. Only a sink that holds the previous build takes it.
    Kept(Option<PathBuf>),
}

impl Content {
    /// The file this content is a copy of, if it is one (kept or copied now).
    pub fn source(&self) -> Option<PathBuf> {
        match self {
            Content::Copy(src) => Some(src.clone()),
            Content::Kept(src) => src.clone(),
            Content::Bytes(_) => None,
        }
    }
}

/// Where rendered files go. A build writes each file as it comes (and keeps none in memory);
/// `serve` and `archive` collect them, `check` keeps none. Called from several threads at once.
pub trait Sink: Sync {
    /// Takes one output file (its path already checked to be confined and unique).
    fn put(&self, output: Output) -> Result<(), Diagnostic>;
}

/// A sink that keeps every output in memory.
#[derive(Default)]
pub struct Collect(Mutex<Vec<Output>>);

impl Sink for Collect {
    fn put(&self, output: Output) -> Result<(), Diagnostic> {
        self.0.lock().map_err(|_| poisoned())?.push(output);
        Ok(())
    }
}

impl Collect {
    /// The outputs, sorted by path (the order they came in depends on the threads).
    pub fn into_sorted(self) -> Vec<Output> {
        let mut outputs = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        outputs.sort_by(|a, b| a.path.cmp(&b.path));
        outputs
    }
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

/// The error for a path that is not confined to the output folder.
pub fn check_confined(path: &str) -> Result<(), Diagnostic> {
    if is_confined(path) {
        return Ok(());
    }
    Err(Diagnostic::site_error(format!(
        "refusing to write `{path}`: it is not a path inside the output folder"
    )))
}

/// Passes outputs on to a sink after checking their paths: confined to the output folder and
/// each written once. Remembers the paths and the files copied to them (for the sitemap, and
/// for the check of the names as a whole, `crate::names`).
pub struct Guard<'s> {
    sink: &'s dyn Sink,
    /// Every path put, with the file copied to it, if it is a copy.
    paths: Mutex<HashMap<String, Option<PathBuf>>>,
}

impl<'s> Guard<'s> {
    /// A guard in front of `sink`.
    pub fn new(sink: &'s dyn Sink) -> Guard<'s> {
        Guard {
            sink,
            paths: Mutex::new(HashMap::new()),
        }
    }

    /// Claims `path` (for the file `source`, if a copy): it must be confined and not claimed
    /// before.
    fn claim(&self, path: &str, source: Option<PathBuf>) -> Result<(), Diagnostic> {
        check_confined(path)?;
        let fresh = self
            .paths
            .lock()
            .map_err(|_| poisoned())?
            .insert(path.to_owned(), source)
            .is_none();
        if fresh {
            Ok(())
        } else {
            Err(Diagnostic::site_error(format!(
                "two different files would be written to `{path}`"
            ))
            .hint("a static file or plan file has the same name as a page; rename one of them"))
        }
    }

    /// The HTML pages put so far, sorted.
    pub fn pages(&self) -> Vec<String> {
        let paths = self.paths.lock().unwrap_or_else(|e| e.into_inner());
        let mut pages: Vec<String> = paths
            .keys()
            .filter(|p| p.ends_with(".html"))
            .cloned()
            .collect();
        pages.sort_unstable();
        pages
    }

    /// Every path put so far, with the file copied to it, if it is a copy.
    pub fn published(&self) -> Vec<(String, Option<PathBuf>)> {
        let paths = self.paths.lock().unwrap_or_else(|e| e.into_inner());
        paths.iter().map(|(p, s)| (p.clone(), s.clone())).collect()
    }
}

impl Sink for Guard<'_> {
    fn put(&self, output: Output) -> Result<(), Diagnostic> {
        self.claim(&output.path, output.content.source())?;
        self.sink.put(output)
    }
}

/// A lock was poisoned: another thread panicked while holding it.
pub(crate) fn poisoned() -> Diagnostic {
    Diagnostic::site_error("an earlier failure stopped the build")
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
        let collect = Collect::default();
        let guard = Guard::new(&collect);
        assert!(guard.put(o("a")).is_ok());
        assert!(guard.put(o("b")).is_ok());
        assert!(guard.put(o("a")).is_err());
        assert!(guard.put(o("../a")).is_err());
        assert_eq!(collect.into_sorted().len(), 2, "refused outputs go nowhere");
    }
}
