//! Two builds of the same output at once: the second waits for the first (an advisory lock
//! beside the output), both succeed, and no message claims what did not happen.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

use crate::common;

use std::fs::OpenOptions;
use std::process::{Command, Stdio};

use common::{TestSite, tree};

/// A small valid site: one plan, three sections, a month.
fn site() -> TestSite {
    let s = TestSite::new("title = \"T\"\n");
    s.write(
        "content/p/_index.md",
        "+++\ntitle = \"P\"\n\n[period]\nstart = \"2023-01\"\nend = \"2023-03\"\n+++\n\nIntro.\n",
    );
    for i in 1..=3 {
        s.write(
            &format!("content/p/0{i}-s{i}.md"),
            &format!("+++\ntitle = \"S{i}\"\n+++\n\nText {i}.\n"),
        );
    }
    s.write("content/p/months/2023-01.md", "- x\n");
    s
}

fn build(s: &TestSite, env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_plansite"));
    cmd.arg("--root")
        .arg(s.root())
        .arg("build")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// Takes the output's lock as another build would hold it.
fn hold_lock(s: &TestSite) -> std::fs::File {
    let lock = OpenOptions::new()
        .read(true)
        .write(true)
        .open(s.root().join(".output.plansite-lock"))
        .unwrap();
    lock.lock().unwrap();
    lock
}

fn two_builds_at_once_both_succeed_fifty_times() {
    let s = site();
    let mut opts = s.options();
    opts.output = "fresh".into();
    plansite::build(&opts).unwrap();
    let expected = tree(&s.root().join("fresh"));
    let mut waited = 0;
    for run in 0..50 {
        if run % 10 == 0 {
            // Every tenth pair starts without a previous output.
            let _ = std::fs::remove_dir_all(s.root().join("output"));
        }
        let children: Vec<_> = (0..2).map(|_| build(&s, &[]).spawn().unwrap()).collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "run {run}: {stderr}");
            assert!(!stderr.contains("untouched"), "run {run}: {stderr}");
            waited += usize::from(stderr.contains("waiting for it to finish"));
        }
        assert_eq!(tree(&s.root().join("output")), expected, "run {run}");
    }
    let leftovers: Vec<_> = std::fs::read_dir(s.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".plansite-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    eprintln!("in 50 pairs, a build waited for the other {waited} times");
}

fn a_build_waits_for_the_lock_and_says_so() {
    let s = site();
    s.build();
    let lock = hold_lock(&s);
    let child = build(&s, &[]).spawn().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    lock.unlock().unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("another build is writing ")
            && stderr.contains("output; waiting for it to finish"),
        "{stderr}"
    );
}

fn a_build_that_cannot_get_the_lock_stops_and_says_it_touched_nothing() {
    let s = site();
    s.build();
    let before = s.output_files();
    s.write("content/p/01-s1.md", "+++\ntitle = \"Changed\"\n+++\n");
    // Held to the end of the test.
    let _lock = hold_lock(&s);
    let out = build(&s, &[("PLANSITE_LOCK_WAIT_MS", "300")])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error: another build is still writing ")
            && stderr.contains("hint: this build did not touch the output"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("1 error(s): build failed; the previous output was left untouched.\n"),
        "{stderr}"
    );
    assert_eq!(s.output_files(), before);
}

/// The tests of this module, for the harness (tests/testsuite/main.rs).
pub(crate) fn trials() -> Vec<libtest_mimic::Trial> {
    let trials = vec![
        crate::trial(
            "concurrent_builds::two_builds_at_once_both_succeed_fifty_times",
            two_builds_at_once_both_succeed_fifty_times,
        ),
        crate::trial(
            "concurrent_builds::a_build_waits_for_the_lock_and_says_so",
            a_build_waits_for_the_lock_and_says_so,
        ),
        crate::trial(
            "concurrent_builds::a_build_that_cannot_get_the_lock_stops_and_says_it_touched_nothing",
            a_build_that_cannot_get_the_lock_stops_and_says_it_touched_nothing,
        ),
    ];
    trials
}
