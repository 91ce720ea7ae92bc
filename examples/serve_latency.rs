//! Measures how long `plansite serve` takes from a save to the reload of an open page: starts
//! the server in-process on a site (port chosen by the system, the given debounce), listens to
//! its live-reload event stream over HTTP as a page does, then N times appends a paragraph to
//! one section file and times from just before the write to the arrival of the `reload` event.
//! Prints min, median and max (and the server's own build times, for comparison). One edit
//! before the timed ones warms up.
//!
//! ```sh
//! cargo run --release --example serve_latency -- --plans 20 --sections 50 --runs 20
//! cargo run --release --example serve_latency -- --site /tmp/arch --runs 10
//! ```
//!
//! `--site DIR` measures a site as it is (`--file REL` chooses the section file, else the
//! first of the first plan); without it, an archive of `--plans` × `--sections` (and
//! `--organisations`) is generated into a temporary folder, as `gen_archive` makes it.
//! `--debounce-ms` defaults to 1: the smallest that keeps the watcher's loop from spinning
//! (notify-debouncer-full checks for due changes every quarter of it; 0 would poll without
//! sleeping and take a core from the build), so the figure is the rebuild, not the wait.
//! `plansite serve` itself holds changes for the debounce set in `src/main.rs`, on top.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a measuring tool: fail loudly

#[path = "gen_archive/generate.rs"]
mod generate;

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use plansite::serve::{EVENTS_PATH, Event, Port, ServeOptions, Server};

/// The longest wait for one reload (a 21,000-page archive rebuilds in a few seconds).
const PATIENCE: Duration = Duration::from_secs(120);

struct Args {
    site: Option<PathBuf>,
    file: Option<String>,
    plans: usize,
    sections: usize,
    organisations: usize,
    runs: usize,
    debounce: Duration,
}

fn args() -> Args {
    let mut a = Args {
        site: None,
        file: None,
        plans: 20,
        sections: 50,
        organisations: 1,
        runs: 20,
        debounce: Duration::from_millis(1),
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| panic!("{flag} needs a value"))
        };
        let number = |v: String| -> usize { v.parse().unwrap_or_else(|_| panic!("{v}: a number")) };
        match flag.as_str() {
            "--site" => a.site = Some(PathBuf::from(value())),
            "--file" => a.file = Some(value()),
            "--plans" => a.plans = number(value()),
            "--sections" => a.sections = number(value()),
            "--organisations" => a.organisations = number(value()),
            "--runs" => a.runs = number(value()).max(1),
            "--debounce-ms" => a.debounce = Duration::from_millis(number(value()) as u64),
            other => panic!(
                "unknown argument {other}; use [--site DIR [--file REL] | --plans N --sections N \
                 [--organisations K]] [--runs N] [--debounce-ms MS]"
            ),
        }
    }
    a
}

/// The first section file of the first plan of the site in `root`, from the root.
fn first_section(root: &Path) -> String {
    walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .find(|p| {
            p.extension().is_some_and(|e| e == "md")
                && p.file_name().is_some_and(|n| n != "_index.md")
                && p.parent()
                    .and_then(Path::file_name)
                    .is_some_and(|d| d != "months")
        })
        .expect("the site has no section file")
        .strip_prefix(root)
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

/// Opens the server's event stream as a page's `EventSource` does; events arrive on the
/// returned channel as (event name, data, when its last line was read). Returns once the
/// server has answered, so the stream is subscribed.
fn listen(addr: SocketAddr) -> Receiver<(String, String, Instant)> {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET /{EVENTS_PATH} HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    let (tx, rx) = channel();
    let (ready_tx, ready) = channel();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(stream).lines();
        let status = lines.next().and_then(Result::ok).unwrap_or_default();
        assert!(
            status.contains(" 200 "),
            "the event stream answers {status}"
        );
        ready_tx.send(()).unwrap();
        let (mut event, mut data) = (String::new(), Vec::new());
        // The body is chunked: chunk sizes come as lines of their own, which are neither
        // fields nor the blank line that ends an event.
        for line in lines {
            let Ok(line) = line else { break };
            if let Some(e) = line.strip_prefix("event: ") {
                event = e.to_owned();
            } else if let Some(d) = line.strip_prefix("data: ") {
                data.push(d.to_owned());
            } else if line.is_empty() && !event.is_empty() {
                let at = Instant::now();
                let sent = (std::mem::take(&mut event), data.join("\n"), at);
                data.clear();
                if tx.send(sent).is_err() {
                    break;
                }
            }
        }
    });
    ready.recv_timeout(Duration::from_secs(10)).unwrap();
    rx
}

/// The build times the server reported since the last call.
fn build_times(server: &mut Server) -> Vec<Duration> {
    let mut times = Vec::new();
    while let Some(event) = server.try_event() {
        match event {
            Event::Built { elapsed, .. } => times.push(elapsed),
            Event::Failed { problems } => panic!("the site does not build:\n{problems:?}"),
            _ => {}
        }
    }
    times
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let args = args();
    let generated = args.site.is_none().then(|| tempfile::tempdir().unwrap());
    let root = match (&args.site, &generated) {
        (Some(site), _) => site.clone(),
        (None, Some(dir)) => {
            let pages =
                generate::generate(dir.path(), args.plans, args.sections, args.organisations);
            println!(
                "generated {} plans x {} sections: {pages} pages",
                args.plans * args.organisations,
                args.sections
            );
            dir.path().to_path_buf()
        }
        (None, None) => unreachable!(),
    };
    let file = args.file.clone().unwrap_or_else(|| first_section(&root));
    let mut server = plansite::serve::start(ServeOptions {
        build: plansite::BuildOptions::new(&root),
        bind: "127.0.0.1".parse().unwrap(),
        port: Port::Any,
        base_path: "/".to_owned(),
        debounce: args.debounce,
        request_timeout: Duration::from_secs(10),
    })
    .unwrap_or_else(|d| panic!("cannot serve: {d}"));
    let first = build_times(&mut server);
    println!(
        "serving {} (first build {:.0} ms); editing {file}, debounce {:?}",
        root.display(),
        first.first().map_or(0.0, |d| ms(*d)),
        args.debounce
    );
    let events = listen(server.addr);
    let mut latencies = Vec::new();
    let mut builds = Vec::new();
    for run in 0..=args.runs {
        let started = Instant::now();
        let mut section = fs::OpenOptions::new()
            .append(true)
            .open(root.join(&file))
            .unwrap();
        writeln!(section, "\nĐoạn văn đo độ trễ số {run}.").unwrap();
        drop(section);
        let (event, data, at) = events
            .recv_timeout(PATIENCE)
            .unwrap_or_else(|_| panic!("no reload within {PATIENCE:?}"));
        assert_eq!(event, "reload", "the build failed:\n{data}");
        let latency = at - started;
        // Until the server is idle: a save seen as two changes would rebuild twice, and the
        // second reload must not be taken for the next edit's.
        let settle = latency + latency / 5 + Duration::from_millis(200);
        while events.recv_timeout(settle).is_ok() {}
        let times = build_times(&mut server);
        if run > 0 {
            latencies.push(latency);
            builds.extend(times);
        }
    }
    server.stop();
    latencies.sort();
    builds.sort();
    let median = |v: &[Duration]| v.get(v.len() / 2).map_or(0.0, |d| ms(*d));
    println!(
        "serve latency over {} edits: min {:.1} ms, median {:.1} ms, max {:.1} ms (the server's builds: median {:.1} ms)",
        latencies.len(),
        ms(latencies[0]),
        median(&latencies),
        ms(*latencies.last().unwrap()),
        median(&builds)
    );
}
