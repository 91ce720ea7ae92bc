//! The bad-input corpus: one small site per case under `tests/corpus/`, each run through the
//! real binary. Every case must print exactly its `expected.txt`, exit with its status, and
//! leave the previously built output byte for byte as it was.
//!
//! A case folder holds:
//! - `case.toml`: `title` and `about` (for docs/diagnostics.md), `args` (default
//!   `["build"]`), `exit` (default 1), and set-up the files cannot express: `remove` (base
//!   files or folders to delete), `[[symlink]]` (`link`, `target`) and `[[big_file]]` (`path`,
//!   `megabytes`, filled with a valid Markdown line repeated), `[[write]]` (`path`, `text`: for
//!   names git cannot hold on every system).
//! - `site/`: files laid over the base site `tests/corpus/_base/`.
//! - `expected.txt`: what the binary prints on stderr, with the site folder shown as `<site>`.
//!
//! `PLANSITE_BLESS=1 cargo test --test testsuite corpus:: -- --skip import_corpus --test-threads=1` rewrites `expected.txt` and the generated part of
//! docs/diagnostics.md; review the diff before committing it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{TestSite, copy_dir, repo};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    title: String,
    about: String,
    #[serde(default = "default_args")]
    args: Vec<String>,
    #[serde(default = "default_exit")]
    exit: i32,
    #[serde(default)]
    remove: Vec<String>,
    #[serde(default)]
    symlink: Vec<Symlink>,
    #[serde(default)]
    big_file: Vec<BigFile>,
    #[serde(default)]
    write: Vec<WriteFile>,
}

/// A file written at set-up, for names that cannot be committed portably (`a:b.png`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WriteFile {
    path: String,
    text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Symlink {
    link: String,
    target: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BigFile {
    path: String,
    megabytes: usize,
}

fn default_args() -> Vec<String> {
    vec!["build".into()]
}

fn default_exit() -> i32 {
    1
}

fn corpus() -> PathBuf {
    repo().join("tests/corpus")
}

/// The case folders, sorted.
fn cases() -> Vec<(String, PathBuf, Case)> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && !p.file_name().unwrap().to_string_lossy().starts_with('_'))
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|dir| {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(dir.join("case.toml"))
                .unwrap_or_else(|e| panic!("{name}/case.toml: {e}"));
            let case: Case =
                toml::from_str(&text).unwrap_or_else(|e| panic!("{name}/case.toml: {e}"));
            (name, dir, case)
        })
        .collect()
}

fn blessing() -> bool {
    std::env::var_os("PLANSITE_BLESS").is_some()
}

/// The base site, built; then the case laid over it.
fn set_up(dir: &Path, case: &Case) -> TestSite {
    let site = TestSite::new("");
    copy_dir(&corpus().join("_base"), site.root());
    site.build();
    for rel in &case.remove {
        let path = site.root().join(rel);
        let removed = if path.is_dir() {
            fs::remove_dir_all(&path)
        } else {
            fs::remove_file(&path)
        };
        removed.unwrap_or_else(|e| panic!("remove {rel}: {e}"));
    }
    if dir.join("site").is_dir() {
        copy_dir(&dir.join("site"), site.root());
    }
    for l in &case.symlink {
        let link = site.root().join(&l.link);
        fs::create_dir_all(link.parent().unwrap()).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&l.target, &link).unwrap();
        #[cfg(not(unix))]
        panic!("symlink cases need a unix system: {}", l.link);
    }
    for w in &case.write {
        site.write(&w.path, &w.text);
    }
    for b in &case.big_file {
        let line = "- Một hoạt động của chi bộ trong tháng, viết bằng tiếng Việt có dấu.\n";
        let mut text = String::from("+++\ntitle = \"Lớn\"\n+++\n\n");
        while text.len() < b.megabytes * 1024 * 1024 {
            text.push_str(line);
        }
        site.write(&b.path, &text);
    }
    site
}

/// Files beside the output that a build leaves while working (`.plansite-new-*`).
fn leftovers(root: &Path) -> Vec<String> {
    fs::read_dir(root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".plansite"))
        .collect()
}

/// One case: its diagnostics exactly, its exit status, no panic, the previous output as it was
/// and nothing left beside it.
fn a_case_prints_its_diagnostics_and_leaves_the_output_alone(dir: &Path, case: &Case) {
    let site = set_up(dir, case);
    let before = site.output_files();
    let out = Command::new(env!("CARGO_BIN_EXE_plansite"))
        .args(&case.args)
        .current_dir(site.root())
        .env("RUST_LOG", "off")
        .output()
        .unwrap();
    let root = site.root().to_string_lossy().into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).replace(&root, "<site>");
    let expected_path = dir.join("expected.txt");
    if blessing() {
        fs::write(&expected_path, &stderr).unwrap();
    }
    let expected = fs::read_to_string(&expected_path).unwrap_or_default();
    let mut problems = Vec::new();
    if out.status.code() != Some(case.exit) {
        problems.push(format!(
            "exit status {:?}, not {}",
            out.status.code(),
            case.exit
        ));
    }
    if stderr != expected {
        problems.push(format!("stderr:\n{stderr}\nexpected:\n{expected}"));
    }
    if stderr.contains("panicked") {
        problems.push("the binary panicked".to_owned());
    }
    if site.output_files() != before {
        problems.push("the previous output was changed".to_owned());
    }
    let left = leftovers(site.root());
    if !left.is_empty() {
        problems.push(format!("left behind: {left:?}"));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn the_corpus_has_enough_cases() {
    let n = cases().len();
    assert!(n >= 30, "the corpus has only {n} cases");
}

// --- docs/diagnostics.md ---------------------------------------------------------------------

const DOC: &str = "docs/diagnostics.md";
const START: &str = "<!-- corpus:start: made by tests/testsuite/corpus.rs from tests/corpus/, do not edit by hand -->\n";
const END: &str = "<!-- corpus:end -->\n";

/// The text files a case adds, for the doc (binary files are described, not shown).
fn shown_inputs(dir: &Path) -> Vec<(String, String)> {
    let site = dir.join("site");
    let mut files: Vec<(String, String)> = walkdir::WalkDir::new(&site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(&site)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let bytes = fs::read(e.path()).unwrap();
            let text = match String::from_utf8(bytes) {
                Ok(t) if t.is_empty() => "(an empty file)\n".to_owned(),
                Ok(t) if !t.contains('\0') => shortened(&t),
                Ok(_) | Err(_) => "(not UTF-8 text: see the case's site/ folder)\n".to_owned(),
            };
            (rel, text)
        })
        .collect();
    files.sort();
    files
}

/// Long files are cut after their first lines in the doc (the case's folder has them whole).
fn shortened(text: &str) -> String {
    const SHOWN: usize = 12;
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() <= 2 * SHOWN {
        return text.to_owned();
    }
    format!(
        "{}\n… ({} more lines)\n",
        lines[..SHOWN].join("\n"),
        lines.len() - SHOWN
    )
}

fn fence(text: &str, lang: &str) -> String {
    let body = if text.ends_with('\n') {
        text.to_owned()
    } else {
        format!("{text}\n")
    };
    let ticks = if body.contains("```") { "````" } else { "```" };
    format!("{ticks}{lang}\n{body}{ticks}\n")
}

fn generated_section() -> String {
    let mut out = String::new();
    for (name, dir, case) in cases() {
        out.push_str(&format!(
            "\n### {}\n\n{}\n\n",
            case.title,
            case.about.trim()
        ));
        for (rel, text) in shown_inputs(&dir) {
            let lang = if rel.ends_with(".html") {
                "jinja"
            } else if rel.ends_with(".toml") {
                "toml"
            } else {
                "md"
            };
            out.push_str(&format!("`{rel}`:\n\n{}\n", fence(&text, lang)));
        }
        for r in &case.remove {
            out.push_str(&format!("(with `{r}` deleted)\n\n"));
        }
        for l in &case.symlink {
            out.push_str(&format!("(with a link `{}` → `{}`)\n\n", l.link, l.target));
        }
        for b in &case.big_file {
            out.push_str(&format!("(with `{}` of {} MB)\n\n", b.path, b.megabytes));
        }
        for w in &case.write {
            out.push_str(&format!("(with a file `{}`)\n\n", w.path));
        }
        let expected = fs::read_to_string(dir.join("expected.txt")).unwrap_or_default();
        out.push_str(&format!(
            "`plansite {}` (exit status {}):\n\n{}\n<sub>case `tests/corpus/{name}`</sub>\n",
            case.args.join(" "),
            case.exit,
            fence(&expected, "text")
        ));
    }
    out
}

fn diagnostics_doc_shows_every_case() {
    let path = repo().join(DOC);
    let doc = fs::read_to_string(&path).unwrap();
    let (head, rest) = doc.split_once(START).expect("start marker");
    let (_, tail) = rest.split_once(END).expect("end marker");
    let fresh = format!("{head}{START}{}{END}{tail}", generated_section());
    if blessing() {
        fs::write(&path, &fresh).unwrap();
        return;
    }
    assert!(
        doc == fresh,
        "{DOC} is out of date with tests/corpus/: run PLANSITE_BLESS=1 cargo test --test testsuite corpus:: -- --skip import_corpus --test-threads=1"
    );
}

/// The fixed parts of every message the code can report, taken from the source: each must be
/// in docs/diagnostics.md, so a new diagnostic cannot go undocumented.
fn every_message_in_the_code_is_documented() {
    let doc = fs::read_to_string(repo().join(DOC)).unwrap();
    let mut missing = Vec::new();
    for entry in walkdir::WalkDir::new(repo().join("src")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = fs::read_to_string(entry.path()).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap();
        for message in messages(code) {
            for fragment in fragments(&message) {
                if !doc.contains(&fragment) {
                    let file = entry
                        .path()
                        .strip_prefix(repo())
                        .unwrap()
                        .display()
                        .to_string();
                    missing.push(format!("{file}: {fragment:?} (from {message:?})"));
                }
            }
        }
    }
    assert!(missing.is_empty(), "not in {DOC}:\n{}", missing.join("\n"));
}

/// The message literals of `Diagnostic::error/warning/site_error(...)` calls.
fn messages(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    for call in [
        "Diagnostic::error(",
        "Diagnostic::warning(",
        "Diagnostic::site_error(",
    ] {
        for (at, _) in code.match_indices(call) {
            let args = &code[at + call.len()..];
            // The message is the first non-empty string literal in the call.
            let mut rest = args;
            while let Some(q) = rest.find('"') {
                if rest[..q].contains(';') {
                    break;
                }
                let (lit, after) = literal(&rest[q + 1..]);
                if !lit.is_empty() {
                    found.push(lit);
                    break;
                }
                rest = after;
            }
        }
    }
    found
}

/// A Rust string literal's value (escapes of `"` and line continuations undone), and the text
/// after it.
fn literal(s: &str) -> (String, &str) {
    let mut value = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return (value, &s[i + 1..]),
            '\\' => match chars.next() {
                Some((_, '\n')) => {
                    // A continuation: skip the next line's indentation.
                    let rest = &s[i + 2..];
                    let skip = rest.len() - rest.trim_start().len();
                    for _ in 0..rest[..skip].chars().count() {
                        chars.next();
                    }
                }
                Some((_, 'n')) => value.push('\n'),
                Some((_, other)) => value.push(other),
                None => {}
            },
            _ => value.push(c),
        }
    }
    (value, "")
}

/// The fixed fragments of a format string worth checking (placeholders cut out).
fn fragments(message: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut depth = 0;
    for c in message.chars() {
        match c {
            '{' => {
                depth += 1;
                parts.push(std::mem::take(&mut current));
            }
            '}' if depth > 0 => depth -= 1,
            _ if depth == 0 => current.push(c),
            _ => {}
        }
    }
    parts.push(current);
    parts
        .into_iter()
        .map(|p| p.trim().to_owned())
        .filter(|p| p.chars().count() >= 8)
        .collect()
}

/// The tests of this module, for the harness (tests/testsuite/main.rs): one per case.
pub(crate) fn trials() -> Vec<libtest_mimic::Trial> {
    let mut trials = vec![
        crate::trial(
            "corpus::the_corpus_has_enough_cases",
            the_corpus_has_enough_cases,
        ),
        crate::trial(
            "corpus::every_message_in_the_code_is_documented",
            every_message_in_the_code_is_documented,
        ),
    ];
    for (name, dir, case) in cases() {
        trials.push(libtest_mimic::Trial::test(
            format!("corpus::case::{name}"),
            move || {
                a_case_prints_its_diagnostics_and_leaves_the_output_alone(&dir, &case);
                Ok(())
            },
        ));
    }
    // After the cases: blessing (one thread) writes their expected.txt first.
    trials.push(crate::trial(
        "corpus::diagnostics_doc_shows_every_case",
        diagnostics_doc_shows_every_case,
    ));
    trials
}
