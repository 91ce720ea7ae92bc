//! What the server serves: the last good build, kept in memory, and the problems of the
//! latest one; `rebuild` replaces it and tells open pages.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Instant;

use tokio::sync::broadcast;

use crate::diagnostic::Diagnostics;
use crate::render::{Content, Output};
use crate::{BuildOptions, compile};

/// What the server currently serves.
pub(super) struct Snapshot {
    /// The last good build, by output path; `None` until one build succeeds.
    pub(super) files: Option<Arc<HashMap<String, Content>>>,
    /// The problems of the latest build, when it failed.
    pub(super) errors: Option<String>,
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
    pub(super) root: PathBuf,
    pub(super) base_path: String,
    pub(super) snapshot: RwLock<Snapshot>,
    pub(super) changes: broadcast::Sender<Change>,
}

/// Runs the whole build in memory and publishes the result (or the problems).
pub(super) fn rebuild(live: &Live, opts: &BuildOptions) {
    let started = Instant::now();
    let result = compile(opts);
    let elapsed = started.elapsed();
    let change = match result {
        Ok(compiled) => {
            for w in compiled.warnings.clone().sorted() {
                eprintln!("{w}");
            }
            let files: HashMap<String, Content> = compiled
                .outputs
                .into_iter()
                .map(|Output { path, content }| (path, content))
                .collect();
            println!("Built {} files in {} ms.", files.len(), elapsed.as_millis());
            if let Ok(mut snap) = live.snapshot.write() {
                snap.files = Some(Arc::new(files));
                snap.errors = None;
            }
            Change::Reload
        }
        Err(diags) => {
            let text = render_diagnostics(diags);
            eprintln!("{text}\nThe build failed; still serving the last good site.");
            if let Ok(mut snap) = live.snapshot.write() {
                snap.errors = Some(text.clone());
            }
            Change::Errors(text)
        }
    };
    // No page listening is fine.
    let _ = live.changes.send(change);
}

fn render_diagnostics(diags: Diagnostics) -> String {
    diags
        .sorted()
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}
