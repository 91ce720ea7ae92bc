//! The integration tests, as one binary: every file of this folder is a module whose
//! `trials()` lists its tests, and `main` runs them all with libtest-mimic (the command line
//! and output of `cargo test`: filter by name, `--test-threads`, `--ignored`, `--nocapture`).
//! One binary links plansite and the test crates once instead of once per file; its `main`
//! also owns the one Chromium the browser tests share, and the corpora give one test per case.
//!
//! A test is a plain `fn()` registered in its module's `trials()`: an unregistered one is dead
//! code, which the lints refuse, and `#[test]` (ignored by a harness of one's own) is refused by
//! [`every_test_is_registered`].
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;
#[path = "../../examples/gen_archive/generate.rs"]
mod generate;

mod archive;
mod atomic_commit;
mod browser;
mod browser_organisations;
mod build;
mod cli;
mod concurrent_builds;
mod corpus;
mod determinism;
mod disk_full;
mod edits;
mod errors;
mod fuzz_regressions;
mod html_policy;
mod import;
mod import_corpus;
mod incremental;
mod large_archive;
mod names;
mod organisation_search;
mod organisations;
mod rebuild;
mod related;
mod search;
mod seed;
mod serve;
mod sharing;
mod site_months;
mod timeline;
mod validity;

use std::process::ExitCode;

use libtest_mimic::{Arguments, Trial};

/// A test of a module: `name` is `module::function`.
pub(crate) fn trial(name: &str, test: fn()) -> Trial {
    Trial::test(name, move || {
        test();
        Ok(())
    })
}

fn main() -> ExitCode {
    let args = Arguments::from_args();
    let mut trials = vec![trial(
        "testsuite::every_test_is_registered",
        every_test_is_registered,
    )];
    for module in [
        archive::trials,
        atomic_commit::trials,
        browser::trials,
        browser_organisations::trials,
        build::trials,
        cli::trials,
        concurrent_builds::trials,
        corpus::trials,
        determinism::trials,
        disk_full::trials,
        edits::trials,
        errors::trials,
        fuzz_regressions::trials,
        html_policy::trials,
        import::trials,
        import_corpus::trials,
        incremental::trials,
        large_archive::trials,
        names::trials,
        organisation_search::trials,
        organisations::trials,
        rebuild::trials,
        related::trials,
        search::trials,
        seed::trials,
        serve::trials,
        sharing::trials,
        site_months::trials,
        timeline::trials,
        validity::trials,
    ] {
        trials.extend(module());
    }
    let conclusion = libtest_mimic::run(&args, trials);
    browser::close();
    conclusion.exit_code()
}

/// No `#[test]` in this folder: this harness would never run it.
fn every_test_is_registered() {
    let dir = common::repo().join("tests/testsuite");
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(&dir) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for (n, line) in text.lines().enumerate() {
                if line.trim() == "#[test]" {
                    found.push(format!("{}:{}", entry.path().display(), n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "#[test] is not run by this harness: make the test a plain fn and add it to its module's trials():\n{}",
        found.join("\n")
    );
}
