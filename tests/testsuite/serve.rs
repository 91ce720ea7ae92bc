//! `plansite serve`: the real server on a free port, fetched over loopback.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

use crate::common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use std::io::ErrorKind;

use common::TestSite;
use plansite::serve::{Port, ServeOptions, Server, start};

fn options(site: &TestSite, base_path: &str) -> ServeOptions {
    ServeOptions {
        build: site.options(),
        bind: "127.0.0.1".parse().unwrap(),
        port: Port::Any,
        base_path: base_path.to_owned(),
        debounce: Duration::from_millis(100),
        request_timeout: Duration::from_secs(10),
    }
}

fn serve(site: &TestSite, base_path: &str) -> Server {
    start(options(site, base_path)).unwrap()
}

/// A response: status, headers (names in lower case) and body.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A raw request, path and `Host` sent exactly as given.
fn request(server: &Server, method: &str, path: &str, host: &str) -> Reply {
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(raw.len());
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let body = raw.get(split + 4..).unwrap_or_default().to_vec();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(n, v)| (n.to_ascii_lowercase(), v.to_owned()))
        .collect();
    Reply {
        status,
        headers,
        body,
    }
}

/// A raw GET, path sent exactly as given: (status, content type, body).
fn get(server: &Server, path: &str) -> (u16, String, String) {
    let reply = request(server, "GET", path, "localhost");
    let kind = reply.header("content-type").unwrap_or_default().to_owned();
    (
        reply.status,
        kind,
        String::from_utf8_lossy(&reply.body).into_owned(),
    )
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
        "/%5c..%5csecret.txt",
        "/..%5Csecret.txt",
        "/ke-hoach-2024/%2e%2e/%2e%2e/secret.txt",
        "/ke-hoach-2024/.%2e/.%2e/secret.txt",
        "/%2e/plansite.toml",
        "/./plansite.toml",
        "/index.html%00",
        "/%00/../secret.txt",
        "/C:/Windows/win.ini",
        "/%2Ftmp%2Fsecret.txt",
    ] {
        let (status, _, body) = get(&server, path);
        assert!(status == 404 || status == 400, "{path}: {status}");
        assert!(
            !body.contains("secret") && !body.contains("root:"),
            "{path}"
        );
    }
    server.stop();
}

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

fn a_busy_port_is_a_clear_error_or_the_next_one() {
    let site = TestSite::fixture("small");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let options = |port: Port| ServeOptions {
        port,
        ..options(&site, "/")
    };
    let err = start(options(Port::Exactly(port)))
        .err()
        .expect("the chosen port is busy");
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
    let server = start(options(Port::FirstFreeFrom(port))).unwrap();
    assert_ne!(server.addr.port(), port);
    server.stop();
}

/// The attachment the tests swap, with bytes a picture might start with.
const PICTURE: &[u8] = b"\x89PNG\r\n\x1a\n an old picture";

/// A file outside the site, as `/etc/shadow` would be.
fn secret_outside() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shadow");
    std::fs::write(&path, "root:TOP-SECRET-7731:19000:0:99999:7:::\n").unwrap();
    (dir, path)
}

#[cfg(unix)]
fn an_attachment_swapped_for_a_link_out_of_the_site_is_never_served() {
    let site = TestSite::fixture("small");
    site.write_bytes("content/ke-hoach-2024/anh.png", PICTURE);
    let (_dir, secret) = secret_outside();
    let server = serve(&site, "/");
    let url = "/ke-hoach-2024/anh.png";
    let before = request(&server, "GET", url, "localhost");
    assert_eq!((before.status, before.body.as_slice()), (200, PICTURE));

    let events = listen(&server, "/");
    let attachment = site.root().join("content/ke-hoach-2024/anh.png");
    std::fs::remove_file(&attachment).unwrap();
    std::os::unix::fs::symlink(&secret, &attachment).unwrap();
    let (event, data) = events.recv_timeout(Duration::from_secs(10)).unwrap();
    assert_eq!(event, "build-error");
    assert!(data.contains("anh.png"), "{data}");
    for _ in 0..3 {
        let after = request(&server, "GET", url, "localhost");
        assert!(
            !String::from_utf8_lossy(&after.body).contains("TOP-SECRET"),
            "the file outside the site was served"
        );
        assert!(
            after.status == 404 || (after.status == 200 && after.body == PICTURE),
            "404 or the last good build's bytes: {}",
            after.status
        );
    }
    server.stop();
}

#[cfg(unix)]
fn a_static_folder_linked_out_of_the_site_is_not_served() {
    let site = TestSite::fixture("small");
    let (dir, _secret) = secret_outside();
    std::os::unix::fs::symlink(dir.path(), site.root().join("static")).unwrap();
    let server = serve(&site, "/");
    let (status, _, body) = get(&server, "/shadow");
    assert!(!body.contains("TOP-SECRET"), "{status}");
    server.stop();
}

fn only_get_and_head_are_answered() {
    let site = TestSite::fixture("small");
    let server = serve(&site, "/");
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
        for path in [
            "/",
            "/ke-hoach-2024/plan.json",
            "/__plansite/events",
            "/no/such",
        ] {
            let reply = request(&server, method, path, "localhost");
            assert_eq!(reply.status, 405, "{method} {path}");
            assert_eq!(reply.header("allow"), Some("GET, HEAD"), "{method} {path}");
        }
    }
    let head = request(&server, "HEAD", "/", "localhost");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty(), "HEAD has no body");
    server.stop();
}

fn only_local_names_are_answered_on_a_loopback_address() {
    let site = TestSite::fixture("small");
    let server = serve(&site, "/");
    let port = server.addr.port();
    for host in [
        "evil.example".to_owned(),
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        format!("10.0.0.7:{port}"),
    ] {
        for path in ["/", "/__plansite/events", "/no/such"] {
            let reply = request(&server, "GET", path, &host);
            assert!(
                reply.status == 421 || reply.status == 403,
                "{host} {path}: {}",
                reply.status
            );
            assert!(!String::from_utf8_lossy(&reply.body).contains("Hoa Sen"));
        }
    }
    for host in [
        "localhost".to_owned(),
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        format!("plan.localhost:{port}"),
    ] {
        assert_eq!(request(&server, "GET", "/", &host).status, 200, "{host}");
    }
    server.stop();
}

fn a_request_that_never_ends_is_cut_off() {
    let site = TestSite::fixture("small");
    let server = start(ServeOptions {
        request_timeout: Duration::from_millis(500),
        ..options(&site, "/")
    })
    .unwrap();
    let started = Instant::now();
    // Half a request line, then a byte now and then; and a connection that says nothing.
    let mut drip = TcpStream::connect(server.addr).unwrap();
    drip.write_all(b"GET /ke-hoach-2024/ HT").unwrap();
    let mut writer = drip.try_clone().unwrap();
    std::thread::spawn(move || {
        while writer.write_all(b"T").is_ok() {
            std::thread::sleep(Duration::from_millis(100));
        }
    });
    let silent = TcpStream::connect(server.addr).unwrap();
    for mut stream in [drip, silent] {
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let mut rest = Vec::new();
        if let Err(e) = stream.read_to_end(&mut rest) {
            // A reset is the server closing too; the client's own time-out is not.
            assert!(
                !matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut),
                "the server kept the connection open: {e}"
            );
        }
    }
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "closed after {:?}",
        started.elapsed()
    );
    assert_eq!(get(&server, "/").0, 200, "the server still answers");
    server.stop();
}

fn edits_that_never_settle_are_still_rebuilt() {
    let site = TestSite::fixture("small");
    let server = start(ServeOptions {
        debounce: Duration::from_millis(200),
        ..options(&site, "/")
    })
    .unwrap();
    let events = listen(&server, "/");
    let file = "content/ke-hoach-2024/01-muc-tieu.md";
    let original = std::fs::read_to_string(site.root().join(file)).unwrap();
    let started = Instant::now();
    let mut reloads = 0;
    let mut edit = 0;
    while started.elapsed() < Duration::from_secs(2) {
        edit += 1;
        site.write(
            file,
            &original.replace("Chuyên cần", &format!("Lần sửa {edit}")),
        );
        std::thread::sleep(Duration::from_millis(70));
        while let Ok((event, _)) = events.try_recv() {
            reloads += usize::from(event == "reload");
        }
    }
    assert!(
        reloads >= 1,
        "no rebuild during 2 s of edits every 70 ms ({edit} edits)"
    );
    let page = get(&server, "/ke-hoach-2024/muc-tieu/index.html").2;
    assert!(page.contains("Lần sửa"), "an edit is served");
    server.stop();
}

/// The tests of this module, for the harness (tests/testsuite/main.rs).
pub(crate) fn trials() -> Vec<libtest_mimic::Trial> {
    let mut trials = vec![
        crate::trial(
            "serve::pages_have_the_right_content_types",
            pages_have_the_right_content_types,
        ),
        crate::trial(
            "serve::nothing_outside_the_site_is_served",
            nothing_outside_the_site_is_served,
        ),
        crate::trial(
            "serve::a_base_path_serves_the_site_below_it_only",
            a_base_path_serves_the_site_below_it_only,
        ),
        crate::trial(
            "serve::edits_are_served_and_broken_builds_keep_the_last_good_site",
            edits_are_served_and_broken_builds_keep_the_last_good_site,
        ),
        crate::trial(
            "serve::a_site_that_never_built_explains_why_on_every_page",
            a_site_that_never_built_explains_why_on_every_page,
        ),
        crate::trial(
            "serve::a_busy_port_is_a_clear_error_or_the_next_one",
            a_busy_port_is_a_clear_error_or_the_next_one,
        ),
        crate::trial(
            "serve::only_get_and_head_are_answered",
            only_get_and_head_are_answered,
        ),
        crate::trial(
            "serve::only_local_names_are_answered_on_a_loopback_address",
            only_local_names_are_answered_on_a_loopback_address,
        ),
        crate::trial(
            "serve::a_request_that_never_ends_is_cut_off",
            a_request_that_never_ends_is_cut_off,
        ),
        crate::trial(
            "serve::edits_that_never_settle_are_still_rebuilt",
            edits_that_never_settle_are_still_rebuilt,
        ),
    ];
    #[cfg(unix)]
    trials.push(crate::trial(
        "serve::an_attachment_swapped_for_a_link_out_of_the_site_is_never_served",
        an_attachment_swapped_for_a_link_out_of_the_site_is_never_served,
    ));
    #[cfg(unix)]
    trials.push(crate::trial(
        "serve::a_static_folder_linked_out_of_the_site_is_not_served",
        a_static_folder_linked_out_of_the_site_is_not_served,
    ));
    trials
}
