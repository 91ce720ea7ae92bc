//! Follows the site's sources and rebuilds after changes. notify-debouncer-full does the
//! debouncing: it holds each change for the debounce time, merges the changes of one file in
//! that time (an editor's save is several), and hands over what is due every quarter of it.
//! A change is never held longer, so edits that never settle still rebuild.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::snapshot::{Live, rebuild};
use crate::BuildOptions;
use crate::diagnostic::Diagnostic;

/// The watch on the sources; dropping it stops the watching and the rebuilds. The rebuild
/// thread shares it, to watch a source folder made after serving began.
pub(super) type Watch = Arc<Mutex<Debouncer<RecommendedWatcher, RecommendedCache>>>;

/// Starts watching the site's sources: changes are held for `debounce`, then the site is
/// rebuilt (by [`rebuild_on_change`], on a thread of its own).
pub(super) fn watch(
    opts: &BuildOptions,
    debounce: Duration,
) -> Result<(Watch, Watched, Receiver<DebounceEventResult>), Diagnostic> {
    // Events carry absolute paths: compare with absolute ones.
    let root = canonical_root(opts);
    let (tx, rx) = std::sync::mpsc::channel();
    let mut debouncer = new_debouncer(debounce, None, tx)
        .map_err(|e| Diagnostic::site_error(format!("cannot watch the site's files: {e}")))?;
    let cannot = |path: &Path, e: notify::Error| {
        Diagnostic::site_error(format!("cannot watch {}: {e}", path.display()))
    };
    // The root itself, not recursively: plansite.toml, and source folders created later.
    debouncer
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(|e| cannot(&root, e))?;
    let watch = Arc::new(Mutex::new(debouncer));
    let mut watched = Watched::default();
    watched
        .follow(&watch, &root)
        .map_err(|(path, e)| cannot(&path, e))?;
    Ok((watch, watched, rx))
}

/// The source folders watched, each with the identity of the folder watched (a folder
/// deleted and made again is a new one, to watch again).
#[derive(Default)]
pub(super) struct Watched(std::collections::HashMap<&'static str, Option<(u64, u64)>>);

impl Watched {
    /// Watches every source folder of `root` that exists and is not watched yet.
    fn follow(&mut self, watch: &Watch, root: &Path) -> Result<(), (PathBuf, notify::Error)> {
        for dir in SOURCE_DIRS {
            let path = root.join(dir);
            let Ok(meta) = std::fs::metadata(&path) else {
                self.0.remove(dir);
                continue;
            };
            if !meta.is_dir() {
                continue;
            }
            let id = folder_id(&meta);
            if self.0.get(dir) == Some(&id) {
                continue;
            }
            if let Ok(mut debouncer) = watch.lock() {
                debouncer
                    .watch(&path, RecursiveMode::Recursive)
                    .map_err(|e| (path.clone(), e))?;
            }
            self.0.insert(dir, id);
        }
        Ok(())
    }
}

#[cfg(unix)]
fn folder_id(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn folder_id(_meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

/// Rebuilds the site after each batch of changes to its sources (for as long as the watch
/// lives). Batches that came while a rebuild ran are taken together, for one rebuild.
/// A source folder made after serving began (`templates/`, say) is watched from the batch
/// that tells of it; the rebuild that follows reads all of it.
pub(super) fn rebuild_on_change(
    live: Arc<Live>,
    opts: BuildOptions,
    watch: &Watch,
    mut watched: Watched,
    batches: Receiver<DebounceEventResult>,
) {
    let root = canonical_root(&opts);
    let output = root.join(&opts.output);
    // Only a weak hold: dropping the server's watch stops the watching.
    let watch = Arc::downgrade(watch);
    std::thread::spawn(move || {
        while let Ok(batch) = batches.recv() {
            let mut changed = touches_sources(&root, &output, batch);
            while let Ok(more) = batches.try_recv() {
                changed |= touches_sources(&root, &output, more);
            }
            if changed {
                if let Some(w) = watch.upgrade()
                    && let Err((path, e)) = watched.follow(&w, &root)
                {
                    log::warn!("cannot watch {}: {e}", path.display());
                }
                rebuild(&live, &opts);
            }
        }
    });
}

fn canonical_root(opts: &BuildOptions) -> std::path::PathBuf {
    opts.root
        .canonicalize()
        .unwrap_or_else(|_| opts.root.clone())
}

/// Whether a batch changes a source. Reading a file is an event too (inotify's OPEN): only
/// changes count. A rescan (the system dropped events) may hide any change.
fn touches_sources(root: &Path, output: &Path, batch: DebounceEventResult) -> bool {
    match batch {
        Ok(events) => events.iter().any(|event| {
            event.need_rescan()
                || (!matches!(event.kind, EventKind::Access(_))
                    && event.paths.iter().any(|p| is_source(root, output, p)))
        }),
        Err(errors) => {
            for e in errors {
                log::debug!("watching the site's files: {e}");
            }
            false
        }
    }
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
    fn sources_are_the_site_s_folders_and_config_not_output_or_droppings() {
        let (root, output) = (Path::new("/s"), Path::new("/s/output"));
        let source = |p: &str| is_source(root, output, Path::new(p));
        assert!(source("/s/content/p/_index.md"));
        assert!(source("/s/plansite.toml"));
        assert!(source("/s/themes/default/templates/page.html"));
        assert!(!source("/s/output/index.html"));
        assert!(!source("/s/content/p/.plansite-tmp"));
        assert!(!source("/s/content/p/_index.md~"));
        assert!(!source("/s/content/p/.x.swp"));
        assert!(!source("/s/README.md"));
        assert!(!source("/elsewhere/content/a.md"));
    }
}
