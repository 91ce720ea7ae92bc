//! `plansite serve`: a live preview. The site is built in memory and served from memory, so
//! the preview never touches `output/` and cannot serve a file outside the site. A watcher
//! rebuilds the site when a source changes — only the plans whose pages can have changed are
//! rendered again, the others' files kept from the last good build (`crate::pipeline`); open
//! pages reload by themselves, and a failed build keeps the last good site served while every
//! open page shows the problems in an overlay until the next good build.
//!
//! `snapshot` holds what is served and rebuilds it, `watcher` follows the sources, `server`
//! answers requests and `reload` is the script pages get.
//!
//! Nothing here prints: what the person at the terminal should hear of (each build, a busy
//! port, Ctrl-C) comes out as [`Event`]s, which the binary prints.

mod confined;
mod event;
mod guard;
mod reload;
mod server;
mod snapshot;
mod watcher;

use std::net::{IpAddr, SocketAddr};
use std::sync::mpsc::Receiver;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use tokio::sync::broadcast;

use crate::BuildOptions;
use crate::diagnostic::Diagnostic;
use confined::Copies;
use event::EventSender;
pub use event::{EVENTS_PATH, Event};
pub use reload::inject_live_reload;
pub use server::{content_type, request_to_output_path};
use snapshot::{Live, Snapshot, rebuild};

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site to build.
    pub build: BuildOptions,
    /// The address to listen on (127.0.0.1 unless the user chooses otherwise).
    pub bind: IpAddr,
    /// The port.
    pub port: Port,
    /// The URL prefix the site is served under, `/` or `/sub/path/`.
    pub base_path: String,
    /// Debounce: how long a change is held before the rebuild, to be merged with the changes
    /// that follow it (an editor saves in several steps). It is also the longest a change
    /// waits: under changes that never settle, the site is still rebuilt this often.
    pub debounce: Duration,
    /// How long a client has to send a request's head (from the connection's opening, or the
    /// end of the previous response); a connection that takes longer is closed.
    pub request_timeout: Duration,
}

/// Which port to listen on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Port {
    /// The port the user asked for (`--port`): when it is busy, serving fails.
    Exactly(u16),
    /// This port, or when it is busy the first free one of the 19 after it (the default, 8000,
    /// when the user names none).
    FirstFreeFrom(u16),
    /// Any free port, as the system picks it.
    Any,
}

/// A running server.
pub struct Server {
    /// The address it listens on.
    pub addr: SocketAddr,
    /// The site's URL.
    pub url: String,
    events: Receiver<Option<Event>>,
    stopped: bool,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
    _watch: watcher::Watch,
}

impl Server {
    /// The next event, waiting for it; `None` once the server has stopped. Events not taken
    /// are kept until the server is dropped.
    pub fn next_event(&mut self) -> Option<Event> {
        if self.stopped {
            return None;
        }
        let event = self.events.recv().ok().flatten();
        self.stopped = event.is_none();
        event
    }

    /// The next event if one has happened already (the first build's comes before
    /// [`start`] returns).
    pub fn try_event(&mut self) -> Option<Event> {
        if self.stopped {
            return None;
        }
        match self.events.try_recv() {
            Ok(Some(event)) => Some(event),
            Ok(None) => {
                self.stopped = true;
                None
            }
            Err(_) => None,
        }
    }

    /// Blocks until the server stops (Ctrl-C).
    pub fn wait(mut self) {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }

    /// Stops the server and waits for it.
    pub fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Normalises a `--base-path`: `sub/path` → `/sub/path/`.
pub fn normalise_base_path(path: &str) -> Result<String, Diagnostic> {
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() {
        return Ok("/".to_owned());
    }
    let ok = trimmed.split('/').all(|seg| {
        !seg.is_empty()
            && seg != "."
            && seg != ".."
            && seg
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.~".contains(c))
    });
    if !ok {
        return Err(Diagnostic::site_error(format!(
            "--base-path `{path}` is not a usable URL path"
        ))
        .hint("write it like /intranet/kehoach/"));
    }
    Ok(format!("/{trimmed}/"))
}

/// Builds the site, starts serving it and watching its sources. Returns once the server
/// listens; the first build's problems are reported as an [`Event`], not fatal.
pub fn start(opts: ServeOptions) -> Result<Server, Diagnostic> {
    let (changes, _) = broadcast::channel(16);
    let (events, events_rx) = std::sync::mpsc::channel();
    let live = Arc::new(Live {
        root: opts.build.root.clone(),
        base_path: opts.base_path.clone(),
        bind: opts.bind,
        snapshot: RwLock::new(Snapshot {
            files: None,
            errors: None,
            copies: Copies::default(),
            cache: Default::default(),
        }),
        changes,
        events: events.clone(),
    });
    // Watching from before the build, so a change made while it runs is not missed.
    let (watch, watched, batches) = watcher::watch(&opts.build, opts.debounce)?;
    rebuild(&live, &opts.build);

    let listener = bind(&opts, &events)?;
    let addr = listener
        .local_addr()
        .map_err(|e| Diagnostic::site_error(format!("cannot read the server's address: {e}")))?;
    let host = match addr.ip() {
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    let url = format!("http://{host}:{}{}", addr.port(), opts.base_path);
    watcher::rebuild_on_change(
        Arc::clone(&live),
        opts.build.clone(),
        &watch,
        watched,
        batches,
    );
    let request_timeout = opts.request_timeout;

    let (shutdown_tx, shutdown_rx) = tokio::sync::oneshot::channel::<()>();
    let app = axum::Router::new()
        .fallback(server::handle)
        .with_state(Arc::clone(&live));
    let thread = std::thread::spawn(move || {
        serve_until_stopped(listener, app, request_timeout, shutdown_rx, &events);
        let _ = events.send(None);
    });
    Ok(Server {
        addr,
        url,
        events: events_rx,
        stopped: false,
        shutdown: Some(shutdown_tx),
        thread: Some(thread),
        _watch: watch,
    })
}

/// Serves `app` on `listener` until `shutdown` fires or Ctrl-C (told as an event).
fn serve_until_stopped(
    listener: std::net::TcpListener,
    app: axum::Router,
    request_timeout: Duration,
    shutdown: tokio::sync::oneshot::Receiver<()>,
    events: &EventSender,
) {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            log::error!("cannot start the server: {e}");
            return;
        }
    };
    runtime.block_on(async move {
        let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
            log::error!("cannot listen");
            return;
        };
        let stop = async {
            tokio::select! {
                _ = shutdown => {}
                _ = tokio::signal::ctrl_c() => { let _ = events.send(Some(Event::Interrupted)); }
            }
        };
        // Not a graceful shutdown: open event streams never end by themselves.
        tokio::select! {
            () = server::run(listener, app, request_timeout) => {}
            () = stop => {}
        }
    });
    // Open event streams would keep the runtime alive; shut it down without waiting.
    runtime.shutdown_timeout(Duration::from_millis(100));
}

/// Binds the listening socket; a busy port that the user did not choose moves on to the next
/// free one (and says so).
fn bind(opts: &ServeOptions, events: &EventSender) -> Result<std::net::TcpListener, Diagnostic> {
    let (first, tries) = match opts.port {
        Port::Exactly(port) => (port, 1),
        Port::FirstFreeFrom(port) => (port, if port == 0 { 1 } else { 20 }),
        Port::Any => (0, 1),
    };
    let mut last = None;
    for i in 0..tries {
        let port = first.saturating_add(i);
        match std::net::TcpListener::bind((opts.bind, port)) {
            Ok(l) => {
                if i > 0 {
                    let _ = events.send(Some(Event::PortBusy {
                        asked: first,
                        using: port,
                    }));
                }
                l.set_nonblocking(true)
                    .map_err(|e| Diagnostic::site_error(format!("cannot listen: {e}")))?;
                return Ok(l);
            }
            Err(e) => last = Some(e),
        }
    }
    let e = last.map_or_else(|| "unknown error".to_owned(), |e| e.to_string());
    Err(
        Diagnostic::site_error(format!("cannot listen on {}:{first}: {e}", opts.bind))
            .hint("another program uses this port: stop it, or choose another with --port"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths() {
        assert_eq!(normalise_base_path("").unwrap(), "/");
        assert_eq!(
            normalise_base_path("intranet/kehoach").unwrap(),
            "/intranet/kehoach/"
        );
        assert_eq!(normalise_base_path("/a/").unwrap(), "/a/");
        assert!(normalise_base_path("/a/../b").is_err());
        assert!(normalise_base_path("/a b/").is_err());
    }
}
