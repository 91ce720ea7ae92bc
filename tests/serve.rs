//! `plansite serve`: the real server on a free port, fetched over loopback.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::TestSite;
use plansite::serve::{ServeOptions, Server, start};

fn serve(site: &TestSite, base_path: &str) -> Server {
    start(ServeOptions {
        build: site.options(),
        bind: "127.0.0.1".parse().unwrap(),
        port: 0,
        port_chosen: true,
        base_path: base_path.to_owned(),
        debounce: Duration::from_millis(100),
    })
    .unwrap()
}

/// A raw GET, path sent exactly as given: (status, content type, body).
fn get(server: &Server, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let kind = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-type: ")
                .map(str::to_owned)
        })
        .unwrap_or_default();
    (status, kind, body.to_owned())
}

/// Reads the server's event stream on a thread; events arrive on the returned channel as
/// (event name, data).
fn listen(server: &Server, base_path: &str) -> std::sync::mpsc::Receiver<(String, String)> {
    let mut stream = TcpStream::connect(server.addr).unwrap();
    write!(
        stream,
        "GET {base_path}__plansite/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let reader = BufReader::new(stream);
        let mut event = String::new();
        let mut data = Vec::new();
        for line in reader.lines() {
            let Ok(line) = line else { break };
            if let Some(e) = line.strip_prefix("event: ") {
                event = e.to_owned();
            } else if let Some(d) = line.strip_prefix("data: ") {
                data.push(d.to_owned());
            } else if line.is_empty() && !event.is_empty() {
                if tx
                    .send((std::mem::take(&mut event), data.join("\n")))
                    .is_err()
                {
                    break;
                }
                data.clear();
            }
        }
    });
    // Let the stream connect before anything changes.
    std::thread::sleep(Duration::from_millis(300));
    rx
}

fn wait_for(what: &str, mut check: impl FnMut() -> bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if check() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("timed out waiting for {what}");
}

#[test]
fn pages_have_the_right_content_types() {
    let site = TestSite::fixture("small");
    let server = serve(&site, "/");
    let (status, kind, body) = get(&server, "/");
    assert_eq!((status, kind.as_str()), (200, "text/html; charset=utf-8"));
    assert!(body.contains("Trường Mầm non Hoa Sen"));
    assert!(
        body.contains("<script id=\"plansite-live-reload\">"),
        "the server adds live reload"
    );
    assert_eq!(get(&server, "/style.css").1, "text/css; charset=utf-8");
    assert_eq!(
        get(&server, "/plansite.js").1,
        "text/javascript; charset=utf-8"
    );
    assert_eq!(
        get(&server, "/ke-hoach-2024/calendar.ics").1,
        "text/calendar; charset=utf-8"
    );
    assert_eq!(
        get(&server, "/ke-hoach-2024/plan.json").1,
        "application/json; charset=utf-8"
    );
    assert_eq!(get(&server, "/og-image.png").1, "image/png");
    let (status, kind, _) = get(&server, "/ke-hoach-2024/muc-tieu/");
    assert_eq!(
        (status, kind.as_str()),
        (200, "text/html; charset=utf-8"),
        "a folder serves its index.html"
    );
    let (status, _, _) = get(&server, "/ke-hoach-2024");
    assert_eq!(status, 301, "a folder without its slash is redirected");
    let (status, _, body) = get(&server, "/no/such/page.html");
    assert_eq!(status, 404);
    assert!(body.contains("Không tìm thấy trang"), "the site's 404 page");
    assert!(
        !site.root().join("output").exists(),
        "serving never writes the output folder"
    );
    server.stop();
}

#[test]
fn nothing_outside_the_site_is_served() {
    let site = TestSite::fixture("small");
    std::fs::write(site.root().join("secret.txt"), "secret").unwrap();
    let server = serve(&site, "/");
    for path in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/ke-hoach-2024/..%2f..%2fsecret.txt",
        "/..\\secret.txt",
        "//etc/passwd",
        "/%2Fetc%2Fpasswd",
        "/plansite.toml",
        "/content/ke-hoach-2024/_index.md",
    ] {
        let (status, _, body) = get(&server, path);
        assert_eq!(status, 404, "{path}");
        assert!(
            !body.contains("secret") && !body.contains("root:"),
            "{path}"
        );
    }
    server.stop();
}

#[test]
fn a_base_path_serves_the_site_below_it_only() {
    let site = TestSite::fixture("small");
    let server = serve(&site, "/intranet/kehoach/");
    assert!(server.url.ends_with("/intranet/kehoach/"));
    assert_eq!(get(&server, "/intranet/kehoach/").0, 200);
    assert_eq!(
        get(&server, "/intranet/kehoach/ke-hoach-2024/index.html").0,
        200
    );
    assert_eq!(get(&server, "/index.html").0, 404);
    let (_, _, body) = get(&server, "/intranet/kehoach/index.html");
    assert!(body.contains("new EventSource(\"/intranet/kehoach/__plansite/events\")"));
    server.stop();
}

#[test]
fn edits_are_served_and_broken_builds_keep_the_last_good_site() {
    let site = TestSite::fixture("small");
    let server = serve(&site, "/");
    let events = listen(&server, "/");
    let page = "/ke-hoach-2024/muc-tieu/index.html";
    assert!(get(&server, page).2.contains("Chuyên cần"));

    // An edit is rebuilt and served, and open pages are told to reload.
    let file = "content/ke-hoach-2024/01-muc-tieu.md";
    let original = std::fs::read_to_string(site.root().join(file)).unwrap();
    site.write(file, &original.replace("Chuyên cần", "Đi học đều"));
    wait_for("the edit to be served", || {
        get(&server, page).2.contains("Đi học đều")
    });
    let (event, _) = events.recv_timeout(Duration::from_secs(10)).unwrap();
    assert_eq!(event, "reload");

    // A broken front matter: the old page stays, the problem goes to the pages.
    site.write(
        file,
        &original
            .replace("title = ", "titel = ")
            .replace("Chuyên cần", "Hỏng"),
    );
    let (event, data) = events.recv_timeout(Duration::from_secs(10)).unwrap();
    assert_eq!(event, "build-error");
    assert_eq!(
        data,
        "content/ke-hoach-2024/01-muc-tieu.md:3:1: error: unknown key `titel` in the front matter\n  hint: did you mean `title`? Free-form data goes under `extra`."
    );
    let body = get(&server, page).2;
    assert!(
        body.contains("Đi học đều") && !body.contains("Hỏng"),
        "the last good page is served"
    );
    // A page opened now learns about the problem at once.
    let late = listen(&server, "/");
    assert_eq!(
        late.recv_timeout(Duration::from_secs(5)).unwrap().0,
        "build-error"
    );

    // Fixed: pages reload, the error is gone.
    site.write(file, &original.replace("Chuyên cần", "Đã sửa"));
    let (event, _) = events.recv_timeout(Duration::from_secs(10)).unwrap();
    assert_eq!(event, "reload");
    assert!(get(&server, page).2.contains("Đã sửa"));
    let fresh = listen(&server, "/");
    assert!(
        fresh.recv_timeout(Duration::from_millis(500)).is_err(),
        "no error is announced any more"
    );
    server.stop();
}

#[test]
fn a_site_that_never_built_explains_why_on_every_page() {
    let site = TestSite::fixture("small");
    site.write("content/ke-hoach-2024/_index.md", "+++\ntitle = 1\n+++\n");
    let server = serve(&site, "/");
    let (status, kind, body) = get(&server, "/anything.html");
    assert_eq!((status, kind.as_str()), (503, "text/html; charset=utf-8"));
    assert!(
        body.contains("content/ke-hoach-2024/_index.md:2:9: error"),
        "{body}"
    );
    server.stop();
}

#[test]
fn a_busy_port_is_a_clear_error_or_the_next_one() {
    let site = TestSite::fixture("small");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let options = |chosen: bool| ServeOptions {
        build: site.options(),
        bind: "127.0.0.1".parse().unwrap(),
        port,
        port_chosen: chosen,
        base_path: "/".into(),
        debounce: Duration::from_millis(100),
    };
    let err = start(options(true)).err().expect("the chosen port is busy");
    assert!(
        err.message
            .starts_with(&format!("cannot listen on 127.0.0.1:{port}:")),
        "{}",
        err.message
    );
    assert_eq!(
        err.hint.as_deref(),
        Some("another program uses this port: stop it, or choose another with --port")
    );
    let server = start(options(false)).unwrap();
    assert_ne!(server.addr.port(), port);
    server.stop();
}
