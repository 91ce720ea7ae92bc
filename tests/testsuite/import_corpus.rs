//! The import corpus: every real document under `tests/import-corpus/` is imported, checked
//! and built by the real binary, and what lands in its months is compared with what a reader
//! found in it (`expected.toml`), one test per document. Each prints its line
//! (`scripts/import-score` adds the mean); a document whose score falls below its last accepted
//! one in `tests/import-corpus/scores.txt` fails. `PLANSITE_BLESS=1` accepts the new scores.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

use crate::common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::Mutex;

use assert_cmd::Command;
use common::{TestSite, repo};
use serde::Deserialize;

#[derive(Deserialize)]
struct Expected {
    #[allow(dead_code)] // informative, for the reader of the file
    layout: String,
    period: Option<[String; 2]>,
    #[serde(default)]
    months: BTreeMap<String, u32>,
    #[serde(default)]
    events: BTreeMap<String, u32>,
    #[serde(default)]
    #[allow(dead_code)] // notes are counted in the month files, not scored yet
    notes: BTreeMap<String, u32>,
}

/// What one document scored.
struct Score {
    name: String,
    imported: bool,
    checked: bool,
    built: bool,
    /// Expected months that got items / expected months.
    months: (usize, usize),
    /// Σ min(got, expected) items over all months / Σ expected.
    items: (u32, u32),
    events: (u32, u32),
    /// Months with items outside the document's period.
    outside: usize,
    /// 0–100: Σ min / Σ max over the union of months (missing and extra items both count).
    score: u32,
}

fn plansite(root: &Path) -> Command {
    let mut cmd = Command::cargo_bin("plansite").expect("binary");
    cmd.arg("--root").arg(root);
    cmd
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("the binary runs")
}

fn document(dir: &Path) -> PathBuf {
    ["document.docx", "document.txt"]
        .iter()
        .map(|n| dir.join(n))
        .find(|p| p.exists())
        .unwrap_or_else(|| panic!("{}: no document.txt or document.docx", dir.display()))
}

fn score(dir: &Path) -> Score {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let expected: Expected =
        toml::from_str(&std::fs::read_to_string(dir.join("expected.toml")).unwrap())
            .unwrap_or_else(|e| panic!("{name}/expected.toml: {e}"));
    let site = TestSite::new("");
    std::fs::copy(
        repo().join("plansite.toml"),
        site.root().join("plansite.toml"),
    )
    .unwrap();
    let imported = run(plansite(site.root())
        .arg("import")
        .arg(document(dir))
        .args(["--into", "content/plan"]));
    let checked = run(plansite(site.root()).arg("check"));
    let built = run(plansite(site.root()).arg("build"));
    let mut got: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    if built.status.success() {
        let json: serde_json::Value = serde_json::from_str(&site.read("plan/plan.json")).unwrap();
        for m in json["months"].as_array().unwrap() {
            let activities = m["activities"].as_array().map_or(0, Vec::len) as u32;
            // Holidays are notes for the reader, not items.
            let events = m["events"]
                .as_array()
                .map_or(0, |e| e.iter().filter(|e| e["holiday"] != true).count())
                as u32;
            let month = m["month"].as_str().unwrap().to_string();
            got.insert(month, (activities + events, events));
        }
    }
    let mut months: Vec<&String> = expected.months.keys().chain(got.keys()).collect();
    months.sort();
    months.dedup();
    let (mut min, mut max) = (0, 0);
    for m in &months {
        let e = expected.months.get(*m).copied().unwrap_or(0);
        let g = got.get(*m).map_or(0, |g| g.0);
        min += e.min(g);
        max += e.max(g);
    }
    let items_min: u32 = expected
        .months
        .iter()
        .map(|(m, e)| (*e).min(got.get(m).map_or(0, |g| g.0)))
        .sum();
    let events_min: u32 = expected
        .events
        .iter()
        .map(|(m, e)| (*e).min(got.get(m).map_or(0, |g| g.1)))
        .sum();
    let outside = match &expected.period {
        Some([start, end]) => got
            .iter()
            .filter(|(m, g)| g.0 > 0 && (m.as_str() < start.as_str() || m.as_str() > end.as_str()))
            .count(),
        None => 0,
    };
    let ok = imported.status.success() && checked.status.success() && built.status.success();
    Score {
        name,
        imported: imported.status.success(),
        checked: checked.status.success(),
        built: built.status.success(),
        months: (
            expected
                .months
                .keys()
                .filter(|m| got.get(*m).is_some_and(|g| g.0 > 0))
                .count(),
            expected.months.len(),
        ),
        items: (items_min, expected.months.values().sum()),
        events: (events_min, expected.events.values().sum()),
        outside,
        score: if ok && max > 0 { min * 100 / max } else { 0 },
    }
}

fn corpus() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(repo().join("tests/import-corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expected.toml").exists())
        .collect();
    dirs.sort();
    dirs
}

fn yes(b: bool) -> &'static str {
    if b { "ok" } else { "FAIL" }
}

/// The accepted scores (`tests/import-corpus/scores.txt`), by document.
fn accepted(file: &Path) -> BTreeMap<String, u32> {
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (name, score) = l.rsplit_once(' ')?;
            Some((name.to_string(), score.parse().ok()?))
        })
        .collect()
}

/// Blessing documents one by one, in parallel: each rewrites its own line.
static SCORES_FILE: Mutex<()> = Mutex::new(());

/// One document: imported, checked and built, and scoring at least its accepted score.
fn a_document_imports_builds_and_keeps_its_score(dir: &Path) {
    let s = score(dir);
    // One line per document; scripts/import-score adds the mean.
    println!(
        "{:<52} import {:<4} check {:<4} build {:<4} months {:>2}/{:<2} items {:>3}/{:<3} events {:>3}/{:<3} outside {} score {:>3}",
        s.name,
        yes(s.imported),
        yes(s.checked),
        yes(s.built),
        s.months.0,
        s.months.1,
        s.items.0,
        s.items.1,
        s.events.0,
        s.events.1,
        s.outside,
        s.score
    );
    let file = repo().join("tests/import-corpus/scores.txt");
    if std::env::var_os("PLANSITE_BLESS").is_some() {
        let _one = SCORES_FILE
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut scores = accepted(&file);
        scores.insert(s.name.clone(), s.score);
        let mut out = String::from(
            "# The last accepted import score of each corpus document (tests/testsuite/import_corpus.rs).\n",
        );
        for (name, score) in &scores {
            let _ = writeln!(out, "{name} {score}");
        }
        std::fs::write(&file, out).unwrap();
        return;
    }
    let mut failures = Vec::new();
    if !(s.imported && s.checked && s.built) {
        failures.push(format!(
            "import {}, check {}, build {}",
            yes(s.imported),
            yes(s.checked),
            yes(s.built)
        ));
    }
    match accepted(&file).get(&s.name) {
        Some(&before) if s.score < before => {
            failures.push(format!("score {} is below the accepted {before}", s.score));
        }
        None => failures.push("no accepted score yet".to_owned()),
        _ => {}
    }
    assert!(
        failures.is_empty(),
        "{}: {}\n(run PLANSITE_BLESS=1 scripts/import-score to accept better scores)",
        s.name,
        failures.join("; ")
    );
}

fn the_corpus_has_enough_documents() {
    let n = corpus().len();
    assert!(n >= 10, "the corpus has {n} documents");
}

/// The tests of this module, for the harness (tests/testsuite/main.rs): one per document.
pub(crate) fn trials() -> Vec<libtest_mimic::Trial> {
    let mut trials = vec![crate::trial(
        "import_corpus::the_corpus_has_enough_documents",
        the_corpus_has_enough_documents,
    )];
    for dir in corpus() {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        trials.push(libtest_mimic::Trial::test(
            format!("import_corpus::document::{name}"),
            move || {
                a_document_imports_builds_and_keeps_its_score(&dir);
                Ok(())
            },
        ));
    }
    trials
}
