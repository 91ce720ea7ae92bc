//! Follows the site's sources and rebuilds after each burst of changes.

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::snapshot::{Live, rebuild};
use crate::BuildOptions;
use crate::diagnostic::Diagnostic;

/// When a burst of changes is over.
#[derive(Debug, Clone, Copy)]
pub(super) struct Settle {
    /// No change for this long ends a burst.
    pub(super) quiet: Duration,
    /// A burst ends at the latest this long after its first change.
    pub(super) max_wait: Duration,
}

/// Watches the site's sources and rebuilds after each burst of changes has settled.
/// `built` is the sources' fingerprint taken before the first build.
pub(super) fn watch(
    live: Arc<Live>,
    opts: BuildOptions,
    settle: Settle,
    built: u64,
) -> Result<RecommendedWatcher, Diagnostic> {
    // Events carry absolute paths: compare with absolute ones.
    let root = opts
        .root
        .canonicalize()
        .unwrap_or_else(|_| opts.root.clone());
    let output = root.join(&opts.output);
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let (root_w, output_w) = (root.clone(), output.clone());
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        // Reading a file is an event too (inotify's OPEN): only changes count.
        if let Ok(event) = result
            && !matches!(event.kind, EventKind::Access(_))
            && event.paths.iter().any(|p| is_source(&root_w, &output_w, p))
        {
            let _ = tx.send(());
        }
    })
    .map_err(|e| Diagnostic::site_error(format!("cannot watch the site's files: {e}")))?;
    for dir in SOURCE_DIRS {
        let path = root.join(dir);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| {
                    Diagnostic::site_error(format!("cannot watch {}: {e}", path.display()))
                })?;
        }
    }
    // The root itself, not recursively: plansite.toml, and source folders created later.
    watcher
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(|e| Diagnostic::site_error(format!("cannot watch {}: {e}", root.display())))?;
    std::thread::spawn(move || {
        let mut last = built;
        while rx.recv().is_ok() {
            // Editors save in several steps: wait until the changes stop for a moment.
            wait_for_the_end(&rx, settle, Instant::now());
            let now = fingerprint(&root);
            if now != last {
                last = now;
                rebuild(&live, &opts);
            }
        }
    });
    Ok(watcher)
}

/// Waits until the burst of changes that began at `first` is over: no change for
/// `settle.quiet`, or `settle.max_wait` after `first`, whichever comes first (or the
/// watcher is gone).
fn wait_for_the_end(rx: &Receiver<()>, settle: Settle, first: Instant) {
    loop {
        let left = settle.max_wait.saturating_sub(first.elapsed());
        if left.is_zero() {
            return;
        }
        match rx.recv_timeout(settle.quiet.min(left)) {
            Ok(()) => {}
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return,
        }
    }
}

/// A summary of every source file's name, size and modification time.
pub(super) fn fingerprint(root: &Path) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    let mut paths = vec![root.join(crate::config::CONFIG_FILE)];
    for dir in SOURCE_DIRS {
        paths.extend(
            walkdir::WalkDir::new(root.join(dir))
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
                .map(walkdir::DirEntry::into_path),
        );
    }
    for path in paths {
        path.hash(&mut hasher);
        if let Ok(meta) = std::fs::metadata(&path) {
            meta.len().hash(&mut hasher);
            meta.modified().ok().hash(&mut hasher);
        }
    }
    hasher.finish()
}

/// The folders of a site that hold its sources.
const SOURCE_DIRS: [&str; 5] = ["content", "themes", "templates", "static", "i18n"];

/// Whether a changed path is one of the site's sources (not the output, not editor droppings).
fn is_source(root: &Path, output: &Path, path: &Path) -> bool {
    if path.starts_with(output) {
        return false;
    }
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if name.starts_with(".plansite") || name.ends_with('~') || name.ends_with(".swp") {
        return false;
    }
    let first = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    matches!(
        first.as_deref(),
        Some("content" | "themes" | "templates" | "static" | "i18n" | crate::config::CONFIG_FILE)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_ends_when_quiet_or_at_the_maximum_wait() {
        let settle = Settle {
            quiet: Duration::from_millis(60),
            max_wait: Duration::from_millis(300),
        };
        // Changes every 20 ms, for ever: the burst ends at the maximum wait.
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            while tx.send(()).is_ok() {
                std::thread::sleep(Duration::from_millis(20));
            }
        });
        let first = Instant::now();
        wait_for_the_end(&rx, settle, first);
        let waited = first.elapsed();
        assert!(waited >= settle.max_wait, "{waited:?}");
        assert!(waited < Duration::from_millis(600), "{waited:?}");
        drop(rx);

        // One change, then nothing: the burst ends after the quiet time.
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let first = Instant::now();
        wait_for_the_end(&rx, settle, first);
        assert!(first.elapsed() < settle.max_wait, "{:?}", first.elapsed());
        drop(tx);
    }
}
