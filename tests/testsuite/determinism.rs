//! Two builds of the same input are byte-identical, whatever order the files were created in
//! (and so the order the file system lists them in) and however many threads build. (Archives
//! are checked byte-identical in tests/testsuite/archive.rs.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{TestSite, repo, tree};

/// Every file of the content of the site in `source`, relative to it.
fn content_files(source: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(source.join("content"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(source).unwrap().to_path_buf())
        .collect();
    files.sort();
    files
}

/// A copy of the site in `source` whose content files are created in `order`.
fn site_in_order(source: &Path, order: &[PathBuf]) -> TestSite {
    let site = TestSite::new(&fs::read_to_string(source.join("plansite.toml")).unwrap());
    for rel in order {
        site.write_bytes(rel.to_str().unwrap(), &fs::read(source.join(rel)).unwrap());
    }
    site
}

fn build_with_threads(root: &Path, threads: &str, output: &str) {
    let status = Command::new(env!("CARGO_BIN_EXE_plansite"))
        .args(["build", "--output", output])
        .current_dir(root)
        .env("RAYON_NUM_THREADS", threads)
        .status()
        .unwrap();
    assert!(status.success());
}

/// The site in `source` built from files created in two orders, with 1, 2 and 4 threads.
fn assert_same_bytes_in_any_file_order_and_thread_count(source: &Path) {
    let forward = content_files(source);
    let mut backward = forward.clone();
    backward.reverse();
    let a = site_in_order(source, &forward);
    let b = site_in_order(source, &backward);
    build_with_threads(a.root(), "1", "one");
    build_with_threads(a.root(), "4", "four");
    build_with_threads(b.root(), "2", "one");
    let reference = tree(&a.root().join("one"));
    assert!(reference.len() > 20, "{} files", reference.len());
    assert!(
        reference == tree(&a.root().join("four")),
        "1 thread and 4 threads built different sites"
    );
    assert!(
        reference == tree(&b.root().join("one")),
        "files created in another order built a different site"
    );
}

fn same_input_same_bytes_in_any_file_order_and_thread_count() {
    assert_same_bytes_in_any_file_order_and_thread_count(&repo());
}

/// The order of organisations, of the site's months and of its calendar depends on nothing
/// but the plans.
fn a_site_of_organisations_is_the_same_in_any_file_order_and_thread_count() {
    assert_same_bytes_in_any_file_order_and_thread_count(
        &repo().join("tests/fixtures/organisations"),
    );
}

/// The tests of this module, for the harness (tests/testsuite/main.rs).
pub(crate) fn trials() -> Vec<libtest_mimic::Trial> {
    vec![
        crate::trial(
            "determinism::same_input_same_bytes_in_any_file_order_and_thread_count",
            same_input_same_bytes_in_any_file_order_and_thread_count,
        ),
        crate::trial(
            "determinism::a_site_of_organisations_is_the_same_in_any_file_order_and_thread_count",
            a_site_of_organisations_is_the_same_in_any_file_order_and_thread_count,
        ),
    ]
}
