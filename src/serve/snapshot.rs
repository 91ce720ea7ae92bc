//! What the server serves: the last good build, every file's bytes in memory (copied files
//! too, read under the build's confinement rules), and the problems of the latest build;
//! `rebuild` replaces it and tells open pages. Nothing is read from disk to answer a request.

use std::collections::HashMap;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Instant;

use axum::body::Bytes;
use tokio::sync::broadcast;

use super::confined::Copies;
use super::event::{Event, EventSender};
use crate::BuildOptions;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::Collect;
use crate::output::{Content, Output};
use crate::pipeline::cache::{Cache, OutputRecord, global_key};

/// The files of one good build: output path → bytes.
pub(super) type Files = HashMap<String, Bytes>;

/// What the server currently serves.
pub(super) struct Snapshot {
    /// The last good build, by output path; `None` until one build succeeds.
    pub(super) files: Option<Arc<Files>>,
    /// The problems of the latest build, when it failed.
    pub(super) errors: Option<String>,
    /// Copied files read so far, reused by the next build when unchanged.
    pub(super) copies: Copies,
    /// What the last good build knew of each plan: the next one keeps the pages of the
    /// plans it shows to be unchanged (see `crate::pipeline`).
    pub(super) cache: Cache,
}

/// A change pages are told about.
#[derive(Debug, Clone)]
pub(super) enum Change {
    /// A good build: reload.
    Reload,
    /// A failed build: show these problems.
    Errors(String),
}

/// The state the server, the watcher and the pages share.
pub(super) struct Live {
    /// The site folder.
    pub(super) root: PathBuf,
    /// The URL prefix of the site, `/` or `/sub/path/`.
    pub(super) base_path: String,
    /// The address the server listens on (its `Host` names are checked on loopback).
    pub(super) bind: IpAddr,
    /// What is served.
    pub(super) snapshot: RwLock<Snapshot>,
    /// Rebuilds, announced to open pages.
    pub(super) changes: broadcast::Sender<Change>,
    /// Rebuilds, announced to the terminal.
    pub(super) events: EventSender,
}

/// Runs the build in memory and publishes the result (or the problems). Only the plans that
/// changed, or whose site around them changed, are rendered: the others' files are taken
/// from the last good build.
pub(super) fn rebuild(live: &Live, opts: &BuildOptions) {
    let started = Instant::now();
    let result = build_in_memory(live, opts);
    let elapsed = started.elapsed();
    let (change, event) = match result {
        Ok((files, warnings, cache)) => {
            let event = Event::Built {
                files: files.len(),
                elapsed,
                warnings,
            };
            if let Ok(mut snap) = live.snapshot.write() {
                snap.files = Some(Arc::new(files));
                snap.errors = None;
                snap.cache = cache;
            }
            (Change::Reload, event)
        }
        Err(problems) => {
            let text = render_diagnostics(&problems);
            if let Ok(mut snap) = live.snapshot.write() {
                snap.errors = Some(text.clone());
            }
            (Change::Errors(text), Event::Failed { problems })
        }
    };
    // Nobody listening is fine.
    let _ = live.events.send(Some(event));
    // No page listening is fine.
    let _ = live.changes.send(change);
}

/// The build, into memory: its files, its warnings, and its records for the next build.
fn build_in_memory(
    live: &Live,
    opts: &BuildOptions,
) -> Result<(Files, Diagnostics, Cache), Diagnostics> {
    let (settings, theme) = crate::settings_and_theme(opts)?;
    let key = theme
        .as_ref()
        .ok()
        .and_then(|t| global_key(&format!("{settings:?}"), t.fingerprint));
    // The last good build's records and files, if made with the same program, settings and
    // theme: taken out while this build runs (only the rebuild thread touches them).
    let (previous, old_files) = match live.snapshot.write() {
        Ok(mut snap) => {
            let cache = std::mem::take(&mut snap.cache);
            (cache, snap.files.clone())
        }
        Err(_) => (Cache::default(), None),
    };
    let usable = key.is_some_and(|k| k == previous.key) && old_files.is_some();
    let previous = if usable { previous } else { Cache::default() };
    let published = |o: &OutputRecord| old_files.as_ref().is_some_and(|f| f.contains_key(&o.path));
    let sink = Collect::default();
    let ran = crate::run_pipeline(opts, &settings, theme, previous, &sink, &published);
    let mut cache = ran.cache;
    cache.key = key.unwrap_or_default();
    // On failure the last good build is still what is served. After a failed run the
    // records are those of what is served (for the plans whose files did not change); when
    // the files cannot be served, the run's records describe pages that are not: none stay.
    let made = match ran.result {
        Ok(made) => made,
        Err(problems) => {
            if let Ok(mut snap) = live.snapshot.write() {
                snap.cache = cache;
            }
            return Err(problems);
        }
    };
    let files = snapshot_files(live, sink.into_sorted(), old_files.as_deref())?;
    Ok((files, made.warnings, cache))
}

/// Every output's bytes: rendered ones as they are, copied ones read now (or kept from the
/// last build when unchanged). A copied file that cannot be read safely fails the build.
fn snapshot_files(
    live: &Live,
    outputs: Vec<Output>,
    old_files: Option<&Files>,
) -> Result<Files, Diagnostics> {
    let canonical_root = live.root.canonicalize().map_err(|e| {
        Diagnostics::from(Diagnostic::site_error(format!(
            "cannot read the site folder {}: {e}",
            live.root.display()
        )))
    })?;
    let mut copies = match live.snapshot.read() {
        Ok(snap) => Copies::after(&snap.copies),
        Err(_) => Copies::default(),
    };
    let mut diags = Diagnostics::new();
    let mut files = Files::with_capacity(outputs.len());
    for Output { path, content } in outputs {
        let bytes = match content {
            Content::Bytes(b) => Bytes::from(b),
            Content::Kept(_) => match old_files.and_then(|f| f.get(&path).cloned()) {
                Some(b) => b,
                None => {
                    diags.push(Diagnostic::site_error(format!(
                        "`{path}` was to be kept from the last build, which does not have it"
                    )));
                    continue;
                }
            },
            Content::Copy(src) => match copies.read(&canonical_root, &live.root, &src) {
                Ok(b) => b,
                Err(why) => {
                    diags.push(
                        Diagnostic::error(src, format!("cannot be served: {why}"))
                            .hint("`plansite serve` serves only regular files inside the site"),
                    );
                    continue;
                }
            },
        };
        files.insert(path, bytes);
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    if let Ok(mut snap) = live.snapshot.write() {
        snap.copies = copies.finish();
    }
    Ok(files)
}

fn render_diagnostics(diags: &Diagnostics) -> String {
    diags
        .clone()
        .sorted()
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}
