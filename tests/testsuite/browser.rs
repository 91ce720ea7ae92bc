//! The built site in a real browser (headless Chromium, driven over the DevTools protocol):
//! the timeline under a fixed reader's clock, and the page without JavaScript.
//!
//! Chromium must be installed (`scripts/test` installs Debian's `chromium` when missing).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

use crate::common;

use std::ffi::OsStr;
use std::sync::{Arc, Mutex};

use common::TestSite;
use headless_chrome::protocol::cdp::{Emulation, Page};
use headless_chrome::{Browser, LaunchOptions, Tab};

/// Replaces the reader's clock: `new Date()` and `Date.now()` give `iso`.
fn fake_clock(iso: &str) -> String {
    format!(
        "(() => {{ const fixed = new Date('{iso}').getTime(); const Real = Date;
          class FakeDate extends Real {{
            constructor(...a) {{ if (a.length === 0) {{ super(fixed); }} else {{ super(...a); }} }}
            static now() {{ return fixed; }}
          }}
          window.Date = FakeDate; }})();"
    )
}

/// The one Chromium of the test run, started by the first test that needs it.
static BROWSER: Mutex<Option<Browser>> = Mutex::new(None);

/// The shared Chromium (each test opens tabs of its own).
pub(crate) fn browser() -> Browser {
    let mut shared = BROWSER
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    shared.get_or_insert_with(launch).clone()
}

/// Stops the shared Chromium, if it was started (when the last test's copy is dropped).
pub(crate) fn close() {
    let browser = BROWSER
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .take();
    drop(browser);
}

fn launch() -> Browser {
    let path = headless_chrome::browser::default_executable().unwrap_or_else(|e| {
        panic!(
            "Chromium is needed for the browser tests ({e}); run scripts/test, which installs it"
        )
    });
    let args: Vec<&OsStr> = [
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--allow-file-access-from-files",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    // The one browser is shared by every test; others (the random edit sequences) can keep
    // every test thread busy for a minute, and headless_chrome closes a browser it has not
    // heard from in 30 s by default.
    let options = LaunchOptions::default_builder()
        .path(Some(path))
        .sandbox(false)
        .args(args)
        .idle_browser_timeout(std::time::Duration::from_secs(3600))
        .build()
        .unwrap();
    Browser::new(options).expect("Chromium starts")
}

/// Opens `file` of the built site in a viewport `width` px wide with the clock at `now`;
/// `js` false disables scripts.
pub(crate) fn open(
    browser: &Browser,
    site: &TestSite,
    file: &str,
    now: &str,
    js: bool,
    width: u32,
) -> Arc<Tab> {
    let tab = browser.new_tab().unwrap();
    tab.call_method(Emulation::SetDeviceMetricsOverride {
        width,
        height: 900,
        device_scale_factor: 1.0,
        mobile: width < 600,
        scale: None,
        screen_width: None,
        screen_height: None,
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })
    .unwrap();
    tab.call_method(Page::AddScriptToEvaluateOnNewDocument {
        source: fake_clock(now),
        world_name: None,
        include_command_line_api: None,
        run_immediately: None,
    })
    .unwrap();
    if !js {
        tab.call_method(Emulation::SetScriptExecutionDisabled { value: true })
            .unwrap();
    }
    let url = format!("file://{}", site.root().join("output").join(file).display());
    tab.navigate_to(&url)
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    tab
}

/// Navigates `tab` to `url` and waits until the new document has loaded. (headless_chrome's
/// own wait lasts until the network is idle, about a second per page.)
pub(crate) fn goto(tab: &Tab, url: &str) -> Result<(), String> {
    navigate(tab, url, "document.readyState === 'complete'")
}

/// Navigates `tab` to `url` and waits until its document is parsed, not for the scripts and
/// pictures it then loads: enough to read its links and ids.
fn goto_dom(tab: &Tab, url: &str) -> Result<(), String> {
    navigate(tab, url, "document.readyState !== 'loading'")
}

/// Navigates `tab` to `url` and waits until the document of `url` makes `ready` true.
fn navigate(tab: &Tab, url: &str, ready: &str) -> Result<(), String> {
    let result = tab
        .call_method(Page::Navigate {
            url: url.to_owned(),
            referrer: None,
            transition_Type: None,
            frame_id: None,
            referrer_policy: None,
        })
        .map_err(|e| e.to_string())?;
    if let Some(error) = result.error_text {
        return Err(error);
    }
    let wanted = url.split('#').next().unwrap_or(url);
    let probe = format!(
        "{ready} && location.href.split('#')[0] === decodeURI('{}')",
        wanted.replace('\'', "\\'")
    );
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(15) {
        let done = tab
            .evaluate(&probe, false)
            .ok()
            .and_then(|r| r.value)
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        if done {
            return Ok(());
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let now = tab
        .evaluate("document.readyState + ' ' + location.href", false)
        .ok()
        .and_then(|r| r.value)
        .unwrap_or_default();
    Err(format!("{url} did not finish loading (now {now})"))
}

/// Evaluates a JavaScript expression returning a JSON string, parsed.
pub(crate) fn eval(tab: &Tab, expr: &str) -> serde_json::Value {
    let result = tab
        .evaluate(&format!("JSON.stringify({expr})"), false)
        .unwrap();
    let text = result
        .value
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{expr}: {e}: {text:?}"))
}

/// The real site, built, with a browser showing `page` at 15 May 2023.
struct Opened {
    site: TestSite,
    browser: Browser,
    tab: Arc<Tab>,
}

fn real_site_at_may_2023(page: &str, js: bool, width: u32) -> Opened {
    let site = TestSite::real();
    site.build();
    let browser = browser();
    let tab = open(&browser, &site, page, "2023-05-15T09:00:00", js, width);
    Opened { site, browser, tab }
}

fn timeline_marks_the_readers_month_and_past_months() {
    let Opened { site, browser, tab } =
        real_site_at_may_2023("2023-chi-bo/timeline/index.html", true, 1280);
    let state = eval(
        &tab,
        "[...document.querySelectorAll('.timeline .month')].map(s => [s.dataset.month, s.className])",
    );
    let classes: Vec<(String, String)> = state
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p[0].as_str().unwrap().to_owned(),
                p[1].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(classes.len(), 12);
    for (month, class) in &classes {
        let n: u32 = month[5..].parse().unwrap();
        let want = match n {
            1..=4 => "month is-past",
            5 => "month is-current",
            _ => "month",
        };
        assert_eq!(class, want, "{month}");
    }
    assert_eq!(
        eval(
            &tab,
            "document.querySelector('.month-strip a[aria-current=date]').textContent"
        ),
        "T5"
    );
    // The "this month" link now leads to May's page.
    let link = eval(
        &tab,
        "[document.querySelector('a.this-month').hidden, document.querySelector('a.this-month').getAttribute('href')]",
    );
    assert_eq!(
        link,
        serde_json::json!([false, "../../2023-chi-bo/months/2023-05/index.html"])
    );
    // The page scrolled to May.
    let top = eval(
        &tab,
        "Math.round(document.getElementById('thang-2023-05').getBoundingClientRect().top)",
    );
    assert!(
        top.as_i64().unwrap().abs() < 120,
        "May is at the top of the window, not at {top}"
    );

    // Outside the plan's period, nothing is current and the link stays hidden.
    let later = open(
        &browser,
        &site,
        "2023-chi-bo/timeline/index.html",
        "2025-02-01T09:00:00",
        true,
        1280,
    );
    assert_eq!(
        eval(&later, "document.querySelectorAll('.is-current').length"),
        0
    );
    assert_eq!(
        eval(
            &later,
            "document.querySelectorAll('.timeline .month.is-past').length"
        ),
        12
    );
    assert_eq!(
        eval(&later, "document.querySelector('a.this-month').hidden"),
        true
    );
}

fn without_javascript_every_month_is_listed() {
    let opened = real_site_at_may_2023("2023-chi-bo/timeline/index.html", false, 360);
    let tab = opened.tab.as_ref();
    assert_eq!(
        eval(
            tab,
            "document.querySelectorAll('.is-current, .is-past').length"
        ),
        0,
        "scripts are off"
    );
    let visible = eval(
        tab,
        "[...document.querySelectorAll('.timeline .month')].filter(s => s.getBoundingClientRect().height > 0).length",
    );
    assert_eq!(visible, 12);
    assert_eq!(
        eval(
            tab,
            "document.querySelectorAll('.timeline .activities li').length"
        ),
        84
    );
    // A phone-width page never scrolls sideways.
    assert_eq!(
        eval(
            tab,
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        ),
        0
    );
}

fn pages_fit_a_phone_screen() {
    let site = TestSite::real();
    site.build();
    let browser = browser();
    let pages: Vec<String> = site
        .output_files()
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p.ends_with(".html"))
        .collect();
    assert!(pages.len() > 20);
    let out = site.root().join("output");
    for width in [360, 320] {
        // One tab per width, sent from page to page.
        let tab = open(
            &browser,
            &site,
            "index.html",
            "2023-05-15T09:00:00",
            true,
            width,
        );
        for page in &pages {
            goto(&tab, &format!("file://{}", out.join(page).display())).unwrap();
            let overflow = eval(
                &tab,
                "document.documentElement.scrollWidth - document.documentElement.clientWidth",
            );
            assert_eq!(overflow, 0, "{page} scrolls sideways at {width} px");
        }
    }
}

/// Not a check: remakes the screenshots in `docs/screenshots/` (clock at 15 May 2023).
/// `cargo test --test testsuite browser -- --ignored screenshots`
fn screenshots() {
    let site = TestSite::real();
    site.build();
    let browser = browser();
    let shots = [
        ("2023-chi-bo/index.html", 1280, "plan-1280.png"),
        ("2023-chi-bo/index.html", 360, "plan-360.png"),
        ("2023-chi-bo/timeline/index.html", 1280, "timeline-1280.png"),
        ("2023-chi-bo/timeline/index.html", 360, "timeline-360.png"),
        (
            "2023-chi-bo/months/2023-05/index.html",
            360,
            "month-360.png",
        ),
    ];
    for (page, width, name) in shots {
        let tab = open(&browser, &site, page, "2023-05-15T09:00:00", true, width);
        std::thread::sleep(std::time::Duration::from_millis(300));
        let png = tab
            .capture_screenshot(Page::CaptureScreenshotFormatOption::Png, None, None, true)
            .unwrap();
        std::fs::write(common::repo().join("docs/screenshots").join(name), png).unwrap();
    }
    // The first printed page, and the timeline in dark mode.
    let opened = real_site_at_may_2023("2023-chi-bo/index.html", true, 1280);
    let pdf = print_plan_pdf(&opened);
    let out = common::repo().join("docs/screenshots/print-page1");
    run(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "70",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            pdf.to_str().unwrap(),
            out.to_str().unwrap(),
        ],
    );
    let tab = open(
        &browser,
        &site,
        "2023-chi-bo/timeline/index.html",
        "2023-05-15T09:00:00",
        true,
        360,
    );
    dark_mode(&tab);
    std::thread::sleep(std::time::Duration::from_millis(300));
    let png = tab
        .capture_screenshot(Page::CaptureScreenshotFormatOption::Png, None, None, true)
        .unwrap();
    std::fs::write(
        common::repo().join("docs/screenshots/timeline-360-dark.png"),
        png,
    )
    .unwrap();
    // A site of several organisations (the fixture): home, "this month" and a month of the
    // site, on 15 October 2024.
    let organisations = TestSite::fixture("organisations");
    organisations.build();
    for (page, width, name) in [
        ("index.html", 360, "organisations-home-360.png"),
        ("thang-nay/index.html", 360, "this-month-360.png"),
        ("thang/2024-10/index.html", 1280, "site-month-1280.png"),
    ] {
        let tab = open(
            &browser,
            &organisations,
            page,
            "2024-10-15T09:00:00",
            true,
            width,
        );
        std::thread::sleep(std::time::Duration::from_millis(300));
        let png = tab
            .capture_screenshot(Page::CaptureScreenshotFormatOption::Png, None, None, true)
            .unwrap();
        std::fs::write(common::repo().join("docs/screenshots").join(name), png).unwrap();
    }
}

fn timeline_prints_as_the_month_table() {
    // The site and the browser must live as long as the tab.
    let opened = real_site_at_may_2023("2023-chi-bo/timeline/index.html", true, 1280);
    let tab = opened.tab.as_ref();
    tab.call_method(Emulation::SetEmulatedMedia {
        media: Some("print".to_owned()),
        features: None,
    })
    .unwrap();
    let shown = |selector: &str| {
        eval(
            tab,
            &format!(
                "[...document.querySelectorAll('{selector}')].filter(e => e.getBoundingClientRect().height > 0).length"
            ),
        )
    };
    assert_eq!(
        shown(".timeline .month"),
        0,
        "the screen timeline is not printed"
    );
    assert_eq!(shown(".month-strip"), 0);
    assert_eq!(shown(".print-only .month-table tbody tr"), 12);
    assert_eq!(
        eval(
            tab,
            "[...document.querySelectorAll('.print-only .month-table thead th')].map(e => e.textContent)"
        ),
        serde_json::json!(["Tháng", "Nội dung hoạt động"])
    );
}

/// Serves `dir` over HTTP on 127.0.0.1 under the URL prefix `prefix` (like `/` or
/// `/intranet/kehoach/`); anything else is a 404. Returns the site's base URL.
pub(crate) fn serve(dir: std::path::PathBuf, prefix: &'static str) -> String {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    let dir = std::sync::Arc::new(dir);
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            // Each request answered on its own thread: one that stalls does not hold up the
            // others of the page.
            let dir = std::sync::Arc::clone(&dir);
            std::thread::spawn(move || {
                let url = request
                    .url()
                    .split(['?', '#'])
                    .next()
                    .unwrap_or("")
                    .to_owned();
                let file = url
                    .strip_prefix(prefix)
                    .filter(|rest| !rest.split('/').any(|p| p == ".."))
                    .map(|rest| {
                        let rest = percent_encoding::percent_decode_str(rest)
                            .decode_utf8_lossy()
                            .into_owned();
                        let path = dir.join(&rest);
                        if path.is_dir() {
                            path.join("index.html")
                        } else {
                            path
                        }
                    })
                    .filter(|p| p.is_file());
                let response = match file {
                    Some(path) => tiny_http::Response::from_data(std::fs::read(path).unwrap()),
                    None => {
                        tiny_http::Response::from_data(b"not found".to_vec()).with_status_code(404)
                    }
                };
                let _ = request.respond(response);
            });
        }
    });
    format!("http://127.0.0.1:{port}{prefix}")
}

/// Opens every page reachable from `start` and checks every internal link and asset: pages
/// load (HTTP 200, or an existing file), anchors exist, assets exist. Returns the problems and
/// the number of pages visited.
pub(crate) fn walk(
    browser: &Browser,
    start: &str,
    base: &str,
    disk: Option<&std::path::Path>,
) -> (Vec<String>, usize) {
    use std::collections::{BTreeMap, BTreeSet, VecDeque};
    let tab = browser.new_tab().unwrap();
    let mut problems = Vec::new();
    let mut queue = VecDeque::from([start.to_owned()]);
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut anchors: Vec<(String, String, String)> = Vec::new();
    let mut assets = BTreeSet::new();
    while let Some(page) = queue.pop_front() {
        if ids.contains_key(&page) {
            continue;
        }
        ids.insert(page.clone(), BTreeSet::new());
        // Links and ids are in the parsed page. (The search page of a site of organisations
        // loads six index scripts; under the parallel tests one of them sometimes never came
        // back from the tests' HTTP server, though Python's http.server and file:// serve them
        // at once.)
        if let Err(e) = goto_dom(&tab, &page) {
            problems.push(format!("{page}: {e}"));
            continue;
        }
        let status = eval(
            &tab,
            "performance.getEntriesByType('navigation')[0].responseStatus || 0",
        );
        if page.starts_with("http") && status != 200 {
            problems.push(format!("{page}: HTTP {status}"));
            continue;
        }
        let found = eval(
            &tab,
            "[...document.querySelectorAll('[id]')].map(e => e.id)",
        );
        ids.insert(
            page.clone(),
            found
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_owned())
                .collect(),
        );
        let links = eval(
            &tab,
            "[...document.querySelectorAll('a[href], link[href], script[src], img[src]')].map(e => [e.href || e.src, e.getAttribute('href') || e.getAttribute('src')])",
        );
        for pair in links.as_array().unwrap() {
            let url = pair[0].as_str().unwrap().to_owned();
            let written = pair[1].as_str().unwrap().to_owned();
            if !url.starts_with(base) {
                if url.starts_with("http") || url.starts_with("file:") {
                    problems.push(format!("{page}: `{written}` leaves the site ({url})"));
                }
                continue;
            }
            let (target, fragment) = match url.split_once('#') {
                Some((t, f)) => (t.to_owned(), f.to_owned()),
                None => (url.clone(), String::new()),
            };
            if target.ends_with(".html") || target.ends_with('/') {
                if !fragment.is_empty() {
                    anchors.push((target.clone(), fragment, format!("{page}: `{written}`")));
                }
                queue.push_back(target);
            } else {
                assets.insert((target, format!("{page}: `{written}`")));
            }
        }
    }
    for (target, fragment, from) in anchors {
        let id = percent_encoding::percent_decode_str(&fragment)
            .decode_utf8_lossy()
            .into_owned();
        if ids
            .get(&target)
            .is_some_and(|set| !set.is_empty() && !set.contains(&id))
        {
            problems.push(format!("{from}: no element #{id}"));
        }
    }
    let mut seen = BTreeSet::new();
    for (target, from) in assets {
        if !seen.insert(target.clone()) {
            continue;
        }
        let exists = match disk {
            Some(root) => {
                let rel = percent_encoding::percent_decode_str(&target[base.len()..])
                    .decode_utf8_lossy()
                    .into_owned();
                root.join(rel).is_file()
            }
            None => {
                eval(
                    &tab,
                    &format!(
                        "(() => {{ const x = new XMLHttpRequest(); x.open('HEAD', '{target}', false); x.send(); return x.status; }})()"
                    ),
                ) == 200
            }
        };
        if !exists {
            problems.push(format!("{from} is missing"));
        }
    }
    // A tab left open keeps its page's connections to a server that is gone with its test.
    let _ = tab.close(true);
    (problems, ids.len())
}

/// Every page of the real site, from every page's links: the number of HTML pages built.
pub(crate) fn page_count(site: &TestSite) -> usize {
    site.output_files()
        .iter()
        .filter(|(p, _)| p.ends_with(".html") && p != "404.html")
        .count()
}

/// Builds `site`, serves it over HTTP under `prefix` and walks every page from the home page.
pub(crate) fn assert_every_link_works_over_http(site: &TestSite, prefix: &'static str) {
    site.build();
    let base = serve(site.root().join("output"), prefix);
    let (problems, pages) = walk(&browser(), &format!("{base}index.html"), &base, None);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(pages, page_count(site));
}

fn every_link_works_at_a_domain_root() {
    assert_every_link_works_over_http(&TestSite::fixture("two-years"), "/");
}

fn every_link_works_under_a_sub_path() {
    assert_every_link_works_over_http(&TestSite::real(), "/intranet/kehoach/");
}

fn every_link_works_from_disk() {
    let site = TestSite::fixture("two-years");
    site.build();
    let out = site.root().join("output");
    let base = format!("file://{}/", out.display());
    let (problems, pages) = walk(&browser(), &format!("{base}index.html"), &base, Some(&out));
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(pages, page_count(&site));
}

fn an_archive_unpacked_anywhere_opens_from_disk() {
    let site = TestSite::fixture("two-years");
    let zip = site.root().join("plan.zip");
    plansite::archive::archive(&site.options(), "2023", Some(&zip)).unwrap();
    let unpacked = tempfile::tempdir().unwrap();
    zip::ZipArchive::new(std::fs::File::open(&zip).unwrap())
        .unwrap()
        .extract(unpacked.path())
        .unwrap();
    let out = unpacked.path().join("2023");
    let base = format!("file://{}/", out.display());
    let (problems, pages) = walk(&browser(), &format!("{base}index.html"), &base, Some(&out));
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(
        pages >= 5,
        "home, document, section, timeline, months: {pages}"
    );
}

fn an_open_page_reloads_itself_and_shows_build_errors() {
    let site = TestSite::fixture("small");
    let server = plansite::serve::start(plansite::serve::ServeOptions {
        build: site.options(),
        bind: "127.0.0.1".parse().unwrap(),
        port: plansite::serve::Port::Any,
        base_path: "/".into(),
        debounce: std::time::Duration::from_millis(100),
        request_timeout: std::time::Duration::from_secs(10),
    })
    .unwrap();
    let browser = browser();
    let tab = browser.new_tab().unwrap();
    goto(
        &tab,
        &format!("{}ke-hoach-2024/muc-tieu/index.html", server.url),
    )
    .unwrap();
    eval(&tab, "(window.notReloaded = true)");
    // Give the page's event stream a moment to connect.
    std::thread::sleep(std::time::Duration::from_millis(500));
    let file = "content/ke-hoach-2024/01-muc-tieu.md";
    let original = std::fs::read_to_string(site.root().join(file)).unwrap();
    site.write(file, &original.replace("Chuyên cần", "Đi học đều"));
    let until = |what: &str, js: &str| {
        let start = std::time::Instant::now();
        while start.elapsed() < std::time::Duration::from_secs(10) {
            if tab
                .evaluate(js, false)
                .ok()
                .and_then(|r| r.value)
                .and_then(|v| v.as_bool())
                == Some(true)
            {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("timed out waiting for {what}");
    };
    until(
        "the page to reload with the edit",
        "!window.notReloaded && document.readyState === 'complete' && document.body.textContent.includes('Đi học đều')",
    );
    // A broken build: the page stays, an overlay explains.
    site.write(file, &original.replace("title = ", "titel = "));
    until(
        "the error overlay",
        "!!document.getElementById('plansite-errors')",
    );
    let overlay = eval(
        &tab,
        "document.getElementById('plansite-errors').textContent",
    );
    assert!(
        overlay
            .as_str()
            .unwrap()
            .contains("01-muc-tieu.md:3:1: error: unknown key `titel`")
    );
    assert!(eval(&tab, "document.body.textContent.includes('Đi học đều')") == true);
    // Fixed: the page reloads and the overlay is gone.
    site.write(file, &original);
    until(
        "the page to reload without the overlay",
        "document.readyState === 'complete' && !document.getElementById('plansite-errors') && document.body.textContent.includes('Chuyên cần')",
    );
    server.stop();
}

fn search_from_disk_finds_vietnamese_typed_without_accents() {
    let opened = real_site_at_may_2023("search/index.html?plan=2023-chi-bo", true, 360);
    let tab = opened.tab.as_ref();
    let search = |query: &str| {
        eval(
            tab,
            "(document.getElementById('search-status').textContent = '', document.getElementById('search-q').value = '', document.getElementById('search-q').focus(), true)",
        );
        // Real key presses, as a reader types.
        tab.type_str(query).unwrap();
        let start = std::time::Instant::now();
        loop {
            let status = eval(tab, "document.getElementById('search-status').textContent");
            if status != "" || start.elapsed() > std::time::Duration::from_secs(10) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        // Results come 120 ms after the last key; let them settle.
        std::thread::sleep(std::time::Duration::from_millis(300));
        eval(
            tab,
            "[document.getElementById('search-status').textContent, [...document.querySelectorAll('.search-result')].map(li => [li.querySelector('a').getAttribute('href'), li.textContent])]",
        )
    };
    let found = search("dang vien");
    let results = found[1].as_array().unwrap();
    assert!(
        found[0].as_str().unwrap().starts_with("Tìm thấy"),
        "{found}"
    );
    assert!(results.len() >= 10, "{found}");
    // Every result has both words, accents aside ("đăng ký … giáo viên" counts too); the best
    // ones have them together.
    for r in results {
        let text = plansite::search::fold(r[1].as_str().unwrap());
        assert!(text.contains("dang") && text.contains("vien"), "{text}");
    }
    for r in &results[..10] {
        assert!(
            r[1].as_str().unwrap().to_lowercase().contains("đảng viên"),
            "{r}"
        );
    }
    // Results link to the heading's anchor on the section's page, and the anchor exists.
    let href = results
        .iter()
        .map(|r| r[0].as_str().unwrap())
        .find(|h| h.contains('#'))
        .unwrap()
        .to_owned();
    assert!(href.starts_with("../2023-chi-bo/"), "{href}");
    let marks = eval(
        tab,
        "[...document.querySelectorAll('.search-result mark')].slice(0, 2).map(m => m.textContent.toLowerCase())",
    );
    assert_eq!(marks, serde_json::json!(["đảng", "viên"]));
    let target = format!(
        "file://{}/{}",
        opened.site.root().join("output").display(),
        href.trim_start_matches("../")
    );
    let (page, id) = target.split_once('#').unwrap();
    let check = opened.browser.new_tab().unwrap();
    goto(&check, page).unwrap();
    assert_eq!(
        eval(&check, &format!("!!document.getElementById('{id}')")),
        true,
        "{href}"
    );

    let may = search("thang 5");
    let hrefs: Vec<&str> = may[1]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[0].as_str().unwrap())
        .collect();
    assert_eq!(
        hrefs
            .iter()
            .filter(|h| h.ends_with("months/2023-05/index.html"))
            .count(),
        13,
        "all of May's activities: {may}"
    );
    let none = search("qqq xyz");
    assert_eq!(none[0], "Không tìm thấy kết quả nào.");
    assert_eq!(none[1].as_array().unwrap().len(), 0);
}

/// English says "1 result" and "2 results": the count takes the language's plural form.
fn english_search_counts_take_the_singular_for_one() {
    let site = TestSite::fixture("yaml");
    site.write(
        "content/plan/months/2025-02.md",
        "- Zebra crossing drill.\n- Fire drill.\n",
    );
    site.build();
    let browser = browser();
    let status = |query: &str| {
        let tab = open(
            &browser,
            &site,
            &format!("search/index.html?q={query}"),
            "2025-01-20T09:00:00",
            true,
            360,
        );
        let start = std::time::Instant::now();
        loop {
            let found = eval(
                &tab,
                "[document.getElementById('search-status').textContent, document.querySelectorAll('.search-result').length]",
            );
            if found[0] != "" || start.elapsed() > std::time::Duration::from_secs(10) {
                return found;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    };
    assert_eq!(status("zebra"), serde_json::json!(["1 result", 1]));
    assert_eq!(status("drill"), serde_json::json!(["2 results", 2]));
}

fn hidden_links_stay_hidden_outside_the_plans_period() {
    // The reader's clock is in 2025: the 2023 plan has no "this month".
    let site = TestSite::real();
    site.build();
    let browser = browser();
    let tab = open(
        &browser,
        &site,
        "2023-chi-bo/index.html",
        "2025-03-01T09:00:00",
        true,
        360,
    );
    assert_eq!(
        eval(
            &tab,
            "document.querySelector('a.this-month').getBoundingClientRect().height"
        ),
        0,
        "the link has `hidden` and must not be displayed"
    );
}

fn headings_have_copy_link_buttons_and_pages_a_print_button() {
    let opened = real_site_at_may_2023("2023-chi-bo/index.html", true, 1280);
    let tab = opened.tab.as_ref();
    let buttons = eval(tab, "document.querySelectorAll('.copy-link').length");
    assert!(buttons.as_u64().unwrap() > 20, "{buttons}");
    eval(
        tab,
        "(document.querySelector('#dac-diem .copy-link').click(), true)",
    );
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert_eq!(
        eval(
            tab,
            "[document.querySelector('#dac-diem .copy-link').className, document.querySelector('#dac-diem .copy-link').getAttribute('aria-label')]"
        ),
        serde_json::json!(["copy-link is-copied", "Đã sao chép liên kết"])
    );
    assert_eq!(
        eval(tab, "document.querySelector('.print-button').hidden"),
        false
    );
    tab.call_method(Emulation::SetEmulatedMedia {
        media: Some("print".to_owned()),
        features: None,
    })
    .unwrap();
    assert_eq!(
        eval(
            tab,
            "[...document.querySelectorAll('.copy-link, .print-button, .header-search')].filter(e => e.getBoundingClientRect().height > 0).length"
        ),
        0,
        "nothing of the screen's tools is printed"
    );
}

/// The plan document printed to PDF by Chromium.
fn print_plan_pdf(opened: &Opened) -> std::path::PathBuf {
    let pdf = opened
        .tab
        .print_to_pdf(Some(headless_chrome::types::PrintToPdfOptions {
            prefer_css_page_size: Some(true),
            ..Default::default()
        }))
        .unwrap();
    let path = opened.site.root().join("plan.pdf");
    std::fs::write(&path, pdf).unwrap();
    path
}

pub(crate) fn run(program: &str, args: &[&str]) -> String {
    let out = std::process::Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("{program} is needed (package poppler-utils; scripts/test installs it): {e}")
        });
    assert!(
        out.status.success(),
        "{program}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The words of a PDF page with their boxes in points: (text, x_min, y_min, x_max, y_max).
fn pdf_words(pdf: &std::path::Path, page: u32) -> Vec<(String, f64, f64, f64, f64)> {
    let p = page.to_string();
    let html = run(
        "pdftotext",
        &["-bbox", "-f", &p, "-l", &p, pdf.to_str().unwrap(), "-"],
    );
    let doc = scraper::Html::parse_document(&html);
    let sel = scraper::Selector::parse("word").unwrap();
    doc.select(&sel)
        .map(|w| {
            let n = |a: &str| w.value().attr(a).unwrap().parse::<f64>().unwrap();
            (
                w.text().collect(),
                n("xmin"),
                n("ymin"),
                n("xmax"),
                n("ymax"),
            )
        })
        .collect()
}

fn the_plan_prints_on_a4_with_the_official_margins_and_header() {
    let opened = real_site_at_may_2023("2023-chi-bo/index.html", true, 1280);
    let pdf = print_plan_pdf(&opened);
    let info = run("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(info.contains(" pts (A4)"), "{info}");
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(pages >= 5, "{pages} pages");
    let mm = 72.0 / 25.4;
    let first = pdf_words(&pdf, 1);
    let text: String = first
        .iter()
        .map(|w| w.0.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    for wanted in [
        "ĐẢNG BỘ XÃ TIÊN CƯỜNG",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số: 02-KH/CBMN",
        "KẾ HOẠCH",
        "Tiền Cường, ngày 27 tháng 01 năm 2023",
    ] {
        assert!(text.contains(wanted), "page 1 lacks {wanted:?}: {text}");
    }
    assert!(
        !text.contains("Mục lục") && !text.contains("Tìm kiếm"),
        "no screen navigation on paper"
    );
    // Margins: 30 mm left, 15 mm right, 20 mm top and bottom (a point of tolerance).
    let left = first.iter().map(|w| w.1).fold(f64::MAX, f64::min);
    let right = first.iter().map(|w| w.3).fold(0.0, f64::max);
    let top = first.iter().map(|w| w.2).fold(f64::MAX, f64::min);
    let bottom = first.iter().map(|w| w.4).fold(0.0, f64::max);
    assert!(
        left >= 30.0 * mm - 1.0 && left < 30.0 * mm + 15.0,
        "left edge at {left} pt"
    );
    assert!(
        right <= 594.96 - 15.0 * mm + 1.0,
        "right edge at {right} pt"
    );
    assert!(top >= 20.0 * mm - 1.0, "top at {top} pt");
    assert!(bottom <= 841.92 - 20.0 * mm + 1.0, "bottom at {bottom} pt");
    // From page 2 on, the page number stands in the top margin, centred.
    let second = pdf_words(&pdf, 2);
    let number = second
        .iter()
        .find(|w| w.0 == "2" && w.2 < 20.0 * mm)
        .expect("a page number on page 2");
    let centre = (number.1 + number.3) / 2.0;
    let text_centre = (30.0 * mm + 594.96 - 15.0 * mm) / 2.0;
    assert!(
        (centre - text_centre).abs() < 10.0,
        "page number at {centre}, text centre {text_centre}"
    );
}

/// axe-core (from tests/tools, npm) run in the page: the serious and critical violations.
pub(crate) fn axe_violations(tab: &Tab) -> Vec<String> {
    let axe = common::repo().join("tests/tools/node_modules/axe-core/axe.min.js");
    let source = std::fs::read_to_string(&axe).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run scripts/test (it runs npm ci in tests/tools)",
            axe.display()
        )
    });
    tab.evaluate(&source, false).unwrap();
    let result = tab
        .evaluate(
            "axe.run(document, { resultTypes: ['violations'] }).then(r => JSON.stringify(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id + ': ' + v.help + ' ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))))",
            true,
        )
        .unwrap();
    let text = result
        .value
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("axe: {e}: {text}"))
}

fn no_page_has_serious_accessibility_problems() {
    let site = TestSite::real();
    site.build();
    let browser = browser();
    let mut problems = Vec::new();
    let pages: Vec<String> = site
        .output_files()
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p.ends_with(".html"))
        .collect();
    assert!(pages.len() > 20);
    // Every page at desktop width; one page of each kind on a phone in dark mode.
    let kinds = [
        "index.html",
        "search/index.html",
        "2023-chi-bo/index.html",
        "2023-chi-bo/dac-diem/index.html",
        "2023-chi-bo/timeline/index.html",
        "2023-chi-bo/months/2023-05/index.html",
    ];
    for (width, dark) in [(1280, false), (360, true)] {
        for page in pages
            .iter()
            .filter(|p| !dark || kinds.contains(&p.as_str()))
        {
            let tab = open(
                &browser,
                &site,
                &format!("{page}?q=dang+vien"),
                "2023-05-15T09:00:00",
                true,
                width,
            );
            if dark {
                dark_mode(&tab);
            }
            for v in axe_violations(&tab) {
                problems.push(format!(
                    "{page} ({width} px{}): {v}",
                    if dark { ", dark" } else { "" }
                ));
            }
            tab.close(true).unwrap();
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

fn tap_targets_outside_running_text_are_at_least_44_px() {
    let opened = real_site_at_may_2023("2023-chi-bo/index.html", true, 360);
    let out = opened.site.root().join("output");
    for page in [
        "index.html",
        "2023-chi-bo/index.html",
        "2023-chi-bo/timeline/index.html",
        "2023-chi-bo/months/2023-05/index.html",
    ] {
        goto(&opened.tab, &format!("file://{}", out.join(page).display())).unwrap();
        // Links and buttons that are not inside a paragraph, list item or table cell of text.
        let small = eval(
            &opened.tab,
            "[...document.querySelectorAll('a, button, input, summary')].filter(e => { const r = e.getBoundingClientRect(); if (!r.width || !r.height) return false; if (e.closest('.document p, .document li, .document td, .activities li, .event, .skip-link')) return false; return r.height < 43.5 && r.width < 43.5 || r.height < 24; }).map(e => e.outerHTML.slice(0, 80))",
        );
        assert_eq!(small, serde_json::json!([]), "{page}");
    }
}

/// Makes the page in `tab` see `prefers-color-scheme: dark`.
pub(crate) fn dark_mode(tab: &Tab) {
    tab.call_method(Emulation::SetEmulatedMedia {
        media: None,
        features: Some(vec![Emulation::MediaFeature {
            name: "prefers-color-scheme".into(),
            value: "dark".into(),
        }]),
    })
    .unwrap();
}

/// The tests of this module, for the harness (tests/testsuite/main.rs).
pub(crate) fn trials() -> Vec<libtest_mimic::Trial> {
    let trials = vec![
        crate::trial(
            "browser::timeline_marks_the_readers_month_and_past_months",
            timeline_marks_the_readers_month_and_past_months,
        ),
        crate::trial(
            "browser::without_javascript_every_month_is_listed",
            without_javascript_every_month_is_listed,
        ),
        crate::trial(
            "browser::pages_fit_a_phone_screen",
            pages_fit_a_phone_screen,
        ),
        // ignored: writes docs/screenshots; run by hand
        crate::trial("browser::screenshots", screenshots).with_ignored_flag(true),
        crate::trial(
            "browser::timeline_prints_as_the_month_table",
            timeline_prints_as_the_month_table,
        ),
        crate::trial(
            "browser::every_link_works_at_a_domain_root",
            every_link_works_at_a_domain_root,
        ),
        crate::trial(
            "browser::every_link_works_under_a_sub_path",
            every_link_works_under_a_sub_path,
        ),
        crate::trial(
            "browser::every_link_works_from_disk",
            every_link_works_from_disk,
        ),
        crate::trial(
            "browser::an_archive_unpacked_anywhere_opens_from_disk",
            an_archive_unpacked_anywhere_opens_from_disk,
        ),
        crate::trial(
            "browser::an_open_page_reloads_itself_and_shows_build_errors",
            an_open_page_reloads_itself_and_shows_build_errors,
        ),
        crate::trial(
            "browser::search_from_disk_finds_vietnamese_typed_without_accents",
            search_from_disk_finds_vietnamese_typed_without_accents,
        ),
        crate::trial(
            "browser::english_search_counts_take_the_singular_for_one",
            english_search_counts_take_the_singular_for_one,
        ),
        crate::trial(
            "browser::hidden_links_stay_hidden_outside_the_plans_period",
            hidden_links_stay_hidden_outside_the_plans_period,
        ),
        crate::trial(
            "browser::headings_have_copy_link_buttons_and_pages_a_print_button",
            headings_have_copy_link_buttons_and_pages_a_print_button,
        ),
        crate::trial(
            "browser::the_plan_prints_on_a4_with_the_official_margins_and_header",
            the_plan_prints_on_a4_with_the_official_margins_and_header,
        ),
        crate::trial(
            "browser::no_page_has_serious_accessibility_problems",
            no_page_has_serious_accessibility_problems,
        ),
        crate::trial(
            "browser::tap_targets_outside_running_text_are_at_least_44_px",
            tap_targets_outside_running_text_are_at_least_44_px,
        ),
    ];
    trials
}
