//! Replays the fuzz seeds and every input the fuzzers ever crashed on (fuzz/regressions/)
//! through the same harness the fuzz targets use, so a fixed crash stays fixed without running
//! a fuzzer in CI. See docs/fuzzing.md.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

use crate::common;
#[path = "../harness/mod.rs"]
mod harness;

use std::path::Path;

/// The files of `fuzz/<kind>/<target>/`, sorted.
fn inputs(kind: &str, target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = common::repo().join("fuzz").join(kind).join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && !is_readme(p))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

fn is_readme(p: &Path) -> bool {
    p.file_name().is_some_and(|n| n == "README.md")
}

fn replay(target: &str, run: fn(&[u8])) {
    let seeds = inputs("seeds", target);
    assert!(!seeds.is_empty(), "fuzz/seeds/{target} is empty");
    for (name, data) in seeds.iter().chain(&inputs("regressions", target)) {
        let outcome = std::panic::catch_unwind(|| run(data));
        assert!(outcome.is_ok(), "fuzz input {target}/{name} panics");
    }
}

fn front_matter_inputs() {
    replay("front_matter", harness::front_matter);
}

fn page_inputs() {
    replay("page", harness::page);
}

fn import_inputs() {
    replay("import", harness::import);
}

/// The tests of this module, for the harness (tests/testsuite/main.rs).
pub(crate) fn trials() -> Vec<libtest_mimic::Trial> {
    let trials = vec![
        crate::trial("fuzz_regressions::front_matter_inputs", front_matter_inputs),
        crate::trial("fuzz_regressions::page_inputs", page_inputs),
        crate::trial("fuzz_regressions::import_inputs", import_inputs),
    ];
    trials
}
