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
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::{Content, Output};
use crate::{BuildOptions, compile};

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

/// Runs the whole build in memory and publishes the result (or the problems).
pub(super) fn rebuild(live: &Live, opts: &BuildOptions) {
    let started = Instant::now();
    let result = compile(opts).and_then(|compiled| {
        let files = snapshot_files(live, compiled.outputs)?;
        Ok((files, compiled.warnings))
    });
    let elapsed = started.elapsed();
    let (change, event) = match result {
        Ok((files, warnings)) => {
            let event = Event::Built {
                files: files.len(),
                elapsed,
                warnings,
            };
            if let Ok(mut snap) = live.snapshot.write() {
                snap.files = Some(Arc::new(files));
                snap.errors = None;
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

/// Every output's bytes: rendered ones as they are, copied ones read now (or kept from the
/// last build when unchanged). A copied file that cannot be read safely fails the build.
fn snapshot_files(live: &Live, outputs: Vec<Output>) -> Result<Files, Diagnostics> {
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
