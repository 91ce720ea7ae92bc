//! `plansite serve`: a live preview. The site is built in memory and served from memory, so
//! the preview never touches `output/` and cannot serve a file outside the site. A watcher
//! rebuilds the whole site when a source changes (no partial rebuilds); open pages reload by
//! themselves, and a failed build keeps the last good site served while every open page shows
//! the problems in an overlay until the next good build.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, StreamExt};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use tokio::sync::broadcast;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::render::{Content, Output};
use crate::{BuildOptions, compile};

/// The path (under the base path) of the server's event stream; pages listen to it.
pub const EVENTS_PATH: &str = "__plansite/events";

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site to build.
    pub build: BuildOptions,
    /// The address to listen on (127.0.0.1 unless the user chooses otherwise).
    pub bind: IpAddr,
    /// The port; 0 picks any free port.
    pub port: u16,
    /// Whether the user chose the port (if not, a busy port moves on to the next free one).
    pub port_chosen: bool,
    /// The URL prefix the site is served under, `/` or `/sub/path/`.
    pub base_path: String,
    /// Debounce: how long to wait for a burst of file changes to settle.
    pub debounce: Duration,
}

/// What the server currently serves.
struct Snapshot {
    /// The last good build, by output path; `None` until one build succeeds.
    files: Option<Arc<HashMap<String, Content>>>,
    /// The problems of the latest build, when it failed.
    errors: Option<String>,
}

/// A change pages are told about.
#[derive(Debug, Clone)]
enum Change {
    /// A good build: reload.
    Reload,
    /// A failed build: show these problems.
    Errors(String),
}

struct Live {
    root: PathBuf,
    base_path: String,
    snapshot: RwLock<Snapshot>,
    changes: broadcast::Sender<Change>,
}

/// A running server.
pub struct Server {
    /// The address it listens on.
    pub addr: SocketAddr,
    /// The site's URL.
    pub url: String,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
    _watcher: RecommendedWatcher,
}

impl Server {
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
/// listens; the first build's problems are printed, not fatal.
pub fn start(opts: ServeOptions) -> Result<Server, Diagnostic> {
    let (changes, _) = broadcast::channel(16);
    let live = Arc::new(Live {
        root: opts.build.root.clone(),
        base_path: opts.base_path.clone(),
        snapshot: RwLock::new(Snapshot {
            files: None,
            errors: None,
        }),
        changes,
    });
    // Taken before the build, so a change made while it runs is not missed.
    let sources = opts
        .build
        .root
        .canonicalize()
        .unwrap_or_else(|_| opts.build.root.clone());
    let before = fingerprint(&sources);
    rebuild(&live, &opts.build);

    let listener = bind(&opts)?;
    let addr = listener
        .local_addr()
        .map_err(|e| Diagnostic::site_error(format!("cannot read the server's address: {e}")))?;
    let host = match addr.ip() {
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    let url = format!("http://{host}:{}{}", addr.port(), opts.base_path);
    let watcher = watch(Arc::clone(&live), opts.build.clone(), opts.debounce, before)?;

    let (shutdown_tx, shutdown_rx) = tokio::sync::oneshot::channel::<()>();
    let app = axum::Router::new()
        .fallback(handle)
        .with_state(Arc::clone(&live));
    let thread = std::thread::spawn(move || {
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
                    _ = shutdown_rx => {}
                    _ = tokio::signal::ctrl_c() => { println!("\nStopping."); }
                }
            };
            // Not a graceful shutdown: open event streams never end by themselves.
            tokio::select! {
                result = axum::serve(listener, app) => {
                    if let Err(e) = result {
                        log::error!("server error: {e}");
                    }
                }
                () = stop => {}
            }
        });
        // Open event streams would keep the runtime alive; shut it down without waiting.
        runtime.shutdown_timeout(Duration::from_millis(100));
    });
    Ok(Server {
        addr,
        url,
        shutdown: Some(shutdown_tx),
        thread: Some(thread),
        _watcher: watcher,
    })
}

/// Binds the listening socket; a busy port that the user did not choose moves on to the next
/// free one (and says so).
fn bind(opts: &ServeOptions) -> Result<std::net::TcpListener, Diagnostic> {
    let tries = if opts.port_chosen || opts.port == 0 {
        1
    } else {
        20
    };
    let mut last = None;
    for i in 0..tries {
        let port = opts.port.saturating_add(i);
        match std::net::TcpListener::bind((opts.bind, port)) {
            Ok(l) => {
                if i > 0 {
                    println!("Port {} is busy; using {port} instead.", opts.port);
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
        Diagnostic::site_error(format!("cannot listen on {}:{}: {e}", opts.bind, opts.port))
            .hint("another program uses this port: stop it, or choose another with --port"),
    )
}

/// Runs the whole build in memory and publishes the result (or the problems).
fn rebuild(live: &Live, opts: &BuildOptions) {
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

/// Watches the site's sources and rebuilds after each burst of changes has settled.
/// `built` is the sources' fingerprint taken before the first build.
fn watch(
    live: Arc<Live>,
    opts: BuildOptions,
    debounce: Duration,
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
            while rx.recv_timeout(debounce).is_ok() {}
            let now = fingerprint(&root);
            if now != last {
                last = now;
                rebuild(&live, &opts);
            }
        }
    });
    Ok(watcher)
}

/// A summary of every source file's name, size and modification time.
fn fingerprint(root: &Path) -> u64 {
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

/// The content type of an output path.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
}

/// The output path a request path names, or `None` for anything that is not a plain path
/// inside the site (`..`, encoded or not, backslashes, NUL, absolute paths, other prefixes).
pub fn request_to_output_path(base_path: &str, request_path: &str) -> Option<String> {
    let rest = request_path.strip_prefix(base_path).or_else(|| {
        // `/sub` without the final slash means the site's home.
        (request_path == base_path.trim_end_matches('/')).then_some("")
    })?;
    let decoded = percent_encoding::percent_decode_str(rest)
        .decode_utf8()
        .ok()?;
    if decoded.contains(['\\', '\0']) || decoded.starts_with('/') {
        return None;
    }
    if decoded.split('/').any(|seg| seg == ".." || seg == ".") {
        return None;
    }
    if decoded.is_empty() || decoded.ends_with('/') {
        Some(format!("{decoded}index.html"))
    } else {
        Some(decoded.into_owned())
    }
}

async fn handle(State(live): State<Arc<Live>>, uri: Uri) -> Response {
    let path = uri.path();
    if path == format!("{}{EVENTS_PATH}", live.base_path) {
        return events(live).into_response();
    }
    let (files, errors) = match live.snapshot.read() {
        Ok(s) => (s.files.clone(), s.errors.clone()),
        Err(_) => (None, None),
    };
    let Some(files) = files else {
        // No good build yet: every page explains why.
        let body = error_page(
            &live.base_path,
            errors.as_deref().unwrap_or("The site is being built."),
        );
        return html_response(StatusCode::SERVICE_UNAVAILABLE, body);
    };
    let Some(key) = request_to_output_path(&live.base_path, path) else {
        return not_found(&live, &files);
    };
    match files.get(&key) {
        Some(content) => file_response(&live, &key, content, StatusCode::OK),
        None if files.contains_key(&format!("{key}/index.html")) => {
            let mut r = StatusCode::MOVED_PERMANENTLY.into_response();
            if let Ok(v) = HeaderValue::from_str(&format!("{path}/")) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            r
        }
        None => not_found(&live, &files),
    }
}

fn not_found(live: &Live, files: &HashMap<String, Content>) -> Response {
    match files.get("404.html") {
        Some(page) => file_response(live, "404.html", page, StatusCode::NOT_FOUND),
        None => (StatusCode::NOT_FOUND, "404 Not Found").into_response(),
    }
}

fn file_response(live: &Live, key: &str, content: &Content, status: StatusCode) -> Response {
    let bytes = match content {
        Content::Bytes(b) => b.clone(),
        Content::Copy(src) => match std::fs::read(live.root.join(src)) {
            Ok(b) => b,
            Err(_) => return (StatusCode::NOT_FOUND, "404 Not Found").into_response(),
        },
    };
    let kind = content_type(key);
    let body = if kind.starts_with("text/html") {
        Body::from(inject_live_reload(
            &String::from_utf8_lossy(&bytes),
            &live.base_path,
        ))
    } else {
        Body::from(bytes)
    };
    let mut r = (status, body).into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

fn html_response(status: StatusCode, body: String) -> Response {
    let mut r = (status, body).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    r
}

/// The event stream: a `build-error` event at once if the latest build failed, then one
/// event per rebuild (`reload` or `build-error`).
fn events(live: Arc<Live>) -> impl IntoResponse {
    let current = live.snapshot.read().ok().and_then(|s| s.errors.clone());
    let first = stream::iter(current.map(Change::Errors));
    let later = stream::unfold(live.changes.subscribe(), |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(change) => return Some((change, rx)),
                // A slow page missed some changes; the next one still arrives.
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    let stream = first.chain(later).map(|change| {
        Ok::<_, std::convert::Infallible>(match change {
            Change::Reload => SseEvent::default().event("reload").data("ok"),
            Change::Errors(text) => SseEvent::default().event("build-error").data(text),
        })
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// The script every served page gets: reload after a good build, an overlay with the problems
/// after a failed one. Only the server adds it; it is never written to `output/`.
fn live_reload_script(base_path: &str) -> String {
    format!(
        r#"<script id="plansite-live-reload">
(function () {{
  var source = new EventSource("{base_path}{EVENTS_PATH}");
  source.addEventListener("reload", function () {{ location.reload(); }});
  source.addEventListener("build-error", function (e) {{
    var box = document.getElementById("plansite-errors");
    if (!box) {{
      box = document.createElement("div");
      box.id = "plansite-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:99999;" +
        "background:#2b0b0e;color:#ffe3e3;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;" +
        "padding:1rem 1.25rem;border-top:4px solid #e5484d;white-space:pre-wrap";
      document.body.appendChild(box);
    }}
    box.textContent = "plansite: the last change did not build; this page shows the last good version.\n\n" + e.data;
  }});
}})();
</script>"#
    )
}

/// Adds the live-reload script before `</body>` (or at the end).
pub fn inject_live_reload(html: &str, base_path: &str) -> String {
    let script = live_reload_script(base_path);
    match html.rfind("</body>") {
        Some(i) => format!("{}{script}\n{}", &html[..i], &html[i..]),
        None => format!("{html}{script}"),
    }
}

fn error_page(base_path: &str, errors: &str) -> String {
    let escaped = crate::parse::markdown::escape_attr(errors);
    inject_live_reload(
        &format!(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>plansite: build failed</title></head>\n<body><h1>The site does not build yet</h1><pre>{escaped}</pre></body></html>"
        ),
        base_path,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_stay_inside_the_site() {
        let p = |base: &str, req: &str| request_to_output_path(base, req);
        assert_eq!(p("/", "/").as_deref(), Some("index.html"));
        assert_eq!(p("/", "/2023/").as_deref(), Some("2023/index.html"));
        assert_eq!(p("/", "/2023/plan.json").as_deref(), Some("2023/plan.json"));
        assert_eq!(p("/", "/%E1%BA%A3nh.png").as_deref(), Some("ảnh.png"));
        assert_eq!(p("/sub/", "/sub").as_deref(), Some("index.html"));
        assert_eq!(p("/sub/", "/sub/x/").as_deref(), Some("x/index.html"));
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/a/%2E%2E/%2E%2E/x",
            "/a\\..\\b",
            "//etc/passwd",
            "/%2Fetc/passwd",
            "/a%00b",
            "/./a",
        ] {
            assert_eq!(p("/", bad), None, "{bad}");
        }
        assert_eq!(p("/sub/", "/other/index.html"), None);
        assert_eq!(p("/sub/", "/index.html"), None);
    }

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

    #[test]
    fn script_goes_before_the_end_of_body() {
        let html = inject_live_reload("<html><body><p>x</p></body></html>", "/s/");
        assert!(html.contains("<p>x</p><script id=\"plansite-live-reload\">"));
        assert!(html.contains("new EventSource(\"/s/__plansite/events\")"));
        assert!(html.ends_with("</body></html>"));
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("calendar.ics"), "text/calendar; charset=utf-8");
        assert_eq!(content_type("style.CSS"), "text/css; charset=utf-8");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
