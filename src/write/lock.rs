//! The advisory lock that lets one build at a time write an output folder. It is a file beside
//! the output (`.<name>.plansite-lock`, never inside it, never deleted: deleting a lock file
//! races with the next taker), locked with the operating system's file lock (`flock` on Unix,
//! `LockFileEx` on Windows), which is released when the process ends, however it ends.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use crate::diagnostic::{Diagnostic, native_path};

/// How long a build waits for another one writing the same output.
const WAIT: Duration = Duration::from_secs(600);

/// How often a waiting build tries again.
const POLL: Duration = Duration::from_millis(25);

/// The lock on one output folder, held until dropped.
pub(super) struct OutputLock {
    _file: File,
}

/// The lock file of the output folder `name` in `parent`.
pub(super) fn lock_path(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.plansite-lock"))
}

/// Takes the lock of `output` (whose lock file is `path`), waiting while another build holds it.
pub(super) fn lock(path: &Path, output: &Path) -> Result<OutputLock, Diagnostic> {
    let file = open(path)?;
    let start = Instant::now();
    let wait = wait_limit();
    let mut told = false;
    loop {
        match file.try_lock() {
            Ok(()) => {
                if told {
                    log::warn!("the other build finished; building {}", native_path(output));
                }
                return Ok(OutputLock { _file: file });
            }
            Err(std::fs::TryLockError::WouldBlock) => {}
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(Diagnostic::site_error(format!(
                    "cannot lock the output {} (lock file {}): {e}",
                    native_path(output),
                    native_path(path)
                ))
                .hint("the previous output was left untouched"));
            }
        }
        if !told {
            log::warn!(
                "another build is writing {}; waiting for it to finish",
                native_path(output)
            );
            told = true;
        }
        if start.elapsed() >= wait {
            return Err(Diagnostic::site_error(format!(
                "another build is still writing {} after {} s; this build stopped",
                native_path(output),
                wait.as_secs()
            ))
            .hint(format!(
                "this build did not touch the output; the other build holds {}",
                native_path(path)
            )));
        }
        thread::sleep(POLL);
    }
}

/// Opens (or creates) the lock file. A lock file another user made may be read-only to us: a
/// file lock works on a file opened for reading too.
fn open(path: &Path) -> Result<File, Diagnostic> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .or_else(|e| File::open(path).map_err(|_| e))
        .map_err(|e| {
            Diagnostic::site_error(format!(
                "cannot create the lock file {}: {e}",
                native_path(path)
            ))
            .hint("the output's folder must be writable; the previous output was left untouched")
        })
}

/// [`WAIT`]; test builds take `PLANSITE_LOCK_WAIT_MS` instead, to see the timeout.
fn wait_limit() -> Duration {
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var("PLANSITE_LOCK_WAIT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        return Duration::from_millis(ms);
    }
    WAIT
}
