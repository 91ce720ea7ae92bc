//! The `plansite serve` side: one server on the site for the whole sequence, its build events,
//! and what it answers over HTTP, checked against the fresh build.

use std::time::{Duration, Instant};

use plansite::serve::{Event, Port, ServeOptions, Server, content_type, inject_live_reload};

use super::compare::{Files, bytes_difference, printed};

/// How long a change is held before the server rebuilds.
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(50);

/// The longest wait for the server to serve what a fresh build gives.
const PATIENCE: Duration = Duration::from_secs(20);

/// What the server should serve after an edit.
pub(crate) struct Expected<'a> {
    /// The latest build: its warnings, or its problems.
    pub(crate) build: Result<&'a [String], &'a [String]>,
    /// What it should serve (the last good build's files).
    pub(crate) files: &'a Files,
    /// Paths it should no longer serve.
    pub(crate) gone: Vec<&'a str>,
}

/// A running server and an HTTP client for it.
pub(crate) struct Served {
    server: Server,
    agent: ureq::Agent,
}

impl Served {
    pub(crate) fn start(site: &crate::common::TestSite) -> Served {
        let server = plansite::serve::start(ServeOptions {
            build: site.options(),
            bind: "127.0.0.1".parse().unwrap(),
            port: Port::Any,
            base_path: "/".to_owned(),
            debounce: DEBOUNCE,
            request_timeout: Duration::from_secs(10),
        })
        .unwrap();
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            .timeout_global(Some(Duration::from_secs(10)))
            .build()
            .into();
        Served { server, agent }
    }

    pub(crate) fn stop(self) {
        self.server.stop();
    }

    /// Forgets the build events so far.
    pub(crate) fn forget_events(&mut self) {
        while self.server.try_event().is_some() {}
    }

    /// The latest build event that arrives before `until`, waiting for the first.
    fn next_build_event(&mut self, until: Instant) -> Option<Event> {
        let mut latest = None;
        loop {
            while let Some(event) = self.server.try_event() {
                if matches!(event, Event::Built { .. } | Event::Failed { .. }) {
                    latest = Some(event);
                }
            }
            if latest.is_some() || Instant::now() >= until {
                return latest;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits until the server serves `expected` after an edit. When the edit changed the
    /// sources, that takes a build event (builds that started before the edit are not
    /// enough, so each later event is checked in turn); when it did not (`quiet`), what is
    /// served now must already be right, unless a build is under way.
    pub(crate) fn wait_for(&mut self, expected: &Expected, quiet: bool) -> Result<(), String> {
        let deadline = Instant::now() + PATIENCE;
        let mut problem = "no build event came".to_owned();
        if quiet {
            std::thread::sleep(DEBOUNCE * 3);
            let event = self.next_build_event(Instant::now());
            match self.check(expected, event.as_ref()) {
                Ok(()) => return Ok(()),
                Err(p) => problem = p,
            }
        }
        while let Some(event) = self.next_build_event(deadline) {
            match self.check(expected, Some(&event)) {
                Ok(()) => return Ok(()),
                Err(p) => problem = p,
            }
        }
        Err(format!("after {PATIENCE:?}: {problem}"))
    }

    /// Whether the build event (if any) and every served file are as `expected`.
    fn check(&self, expected: &Expected, event: Option<&Event>) -> Result<(), String> {
        match (event, expected.build) {
            (Some(Event::Built { warnings, .. }), Ok(want)) => {
                let got = printed(warnings);
                if got != want {
                    return Err(format!(
                        "the server's build warns:\n{}\na fresh build's:\n{}",
                        got.join("\n"),
                        want.join("\n")
                    ));
                }
            }
            (Some(Event::Failed { problems }), Err(want)) => {
                let got = printed(problems);
                if got != want {
                    return Err(format!(
                        "the server's build failed with:\n{}\na fresh build's problems:\n{}",
                        got.join("\n"),
                        want.join("\n")
                    ));
                }
            }
            (Some(Event::Failed { problems }), Ok(_)) => {
                return Err(format!(
                    "the server's build failed, a fresh build succeeds:\n{}",
                    printed(problems).join("\n")
                ));
            }
            (Some(Event::Built { .. }), Err(want)) => {
                return Err(format!(
                    "the server's build succeeded, a fresh build fails:\n{}",
                    want.join("\n")
                ));
            }
            _ => {}
        }
        let mut wrong = Vec::new();
        for (path, bytes) in expected.files {
            let (status, body) = self.get(path)?;
            let want = if content_type(path).starts_with("text/html") {
                inject_live_reload(&String::from_utf8_lossy(bytes), "/").into_bytes()
            } else {
                bytes.clone()
            };
            if status != 200 {
                wrong.push(format!("{path}: status {status}"));
            } else if body != want {
                wrong.push(format!(
                    "{path} differs: {}",
                    bytes_difference(&body, &want)
                ));
            }
            if wrong.len() >= 3 {
                break;
            }
        }
        for path in &expected.gone {
            let (status, _) = self.get(path)?;
            if status != 404 {
                wrong.push(format!("{path}, gone from the site, answers {status}"));
            }
        }
        if wrong.is_empty() {
            Ok(())
        } else {
            Err(format!("the server serves\n{}", wrong.join("\n")))
        }
    }

    /// GETs an output path: (status, body).
    fn get(&self, path: &str) -> Result<(u16, Vec<u8>), String> {
        const PATH: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
            .add(b' ')
            .add(b'"')
            .add(b'#')
            .add(b'%')
            .add(b'<')
            .add(b'>')
            .add(b'?')
            .add(b'`')
            .add(b'{')
            .add(b'}');
        let url = format!(
            "http://{}/{}",
            self.server.addr,
            percent_encoding::utf8_percent_encode(path, PATH)
        );
        let mut response = self
            .agent
            .get(&url)
            .call()
            .map_err(|e| format!("GET {url}: {e}"))?;
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(64 << 20)
            .read_to_vec()
            .map_err(|e| format!("GET {url}: {e}"))?;
        Ok((status, body))
    }
}
