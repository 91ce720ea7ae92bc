//! Answers requests from the snapshot: pages (with the live-reload script), files, the 404
//! page, and the event stream pages listen to. Connections are served by hyper directly, so
//! a client that does not finish its request in time is cut off.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, StreamExt};
use tokio::sync::broadcast;

use super::event::EVENTS_PATH;
use super::guard;
use super::reload::{error_page, inject_live_reload};
use super::snapshot::{Change, Files, Live};

/// Accepts connections on `listener` and serves each with `app` (for ever). A request whose
/// head has not arrived `request_timeout` after its connection opened (or after the previous
/// response, on a kept-alive connection) closes the connection.
pub(super) async fn run(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    request_timeout: Duration,
) {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(request_timeout);
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(e) => {
                // Out of file descriptors, for example: wait for some to close.
                log::warn!("cannot accept a connection: {e}");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let connection = http.serve_connection(hyper_util::rt::TokioIo::new(stream), service);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                log::debug!("connection closed: {e}");
            }
        });
    }
}

/// The content type of an output path, by its extension (`application/octet-stream` when
/// unknown); text types say they are UTF-8, as every file plansite writes is.
pub fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let text = mime.type_() == mime_guess::mime::TEXT
        || matches!(mime.subtype().as_str(), "json" | "javascript" | "xml");
    if text {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_owned()
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

pub(super) async fn handle(
    State(live): State<Arc<Live>>,
    method: Method,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    if let Some(refused) = guard::refuse(live.bind, &method, &headers, &uri) {
        return refused;
    }
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

fn not_found(live: &Live, files: &Files) -> Response {
    match files.get("404.html") {
        Some(page) => file_response(live, "404.html", page, StatusCode::NOT_FOUND),
        None => (StatusCode::NOT_FOUND, "404 Not Found").into_response(),
    }
}

fn file_response(live: &Live, key: &str, bytes: &Bytes, status: StatusCode) -> Response {
    let kind = content_type(key);
    let body = if kind.starts_with("text/html") {
        Body::from(inject_live_reload(
            &String::from_utf8_lossy(bytes),
            &live.base_path,
        ))
    } else {
        Body::from(bytes.clone())
    };
    let mut r = (status, body).into_response();
    if let Ok(kind) = HeaderValue::from_str(&kind) {
        r.headers_mut().insert(header::CONTENT_TYPE, kind);
    }
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
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("calendar.ics"), "text/calendar; charset=utf-8");
        assert_eq!(content_type("style.CSS"), "text/css; charset=utf-8");
        assert_eq!(content_type("noext"), "application/octet-stream");
        assert_eq!(content_type("a.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("plan.json"), "application/json; charset=utf-8");
        assert_eq!(content_type("sitemap.xml"), "text/xml; charset=utf-8");
        assert_eq!(content_type("robots.txt"), "text/plain; charset=utf-8");
        assert_eq!(content_type("logo.svg"), "image/svg+xml");
        assert_eq!(content_type("anh.PNG"), "image/png");
        assert_eq!(
            content_type("bieu-mau.docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        );
    }
}
