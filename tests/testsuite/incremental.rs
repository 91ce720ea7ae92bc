//! Rebuilding over a previous output: only what changed is written, what is gone is removed,
//! and the result is exactly what a build into an empty folder gives.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

use crate::common;

use std::fs;
use std::path::Path;

use common::{TestSite, tree};

fn build(site: &TestSite) -> plansite::write::WriteSummary {
    plansite::build(&site.options()).unwrap().1
}

/// The site built into an empty folder, for comparison.
fn fresh(site: &TestSite) -> Vec<(String, Vec<u8>)> {
    let mut opts = site.options();
    opts.output = "fresh".into();
    let _ = fs::remove_dir_all(site.root().join("fresh"));
    plansite::build(&opts).unwrap();
    tree(&site.root().join("fresh"))
}

fn dirs(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_dir())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

fn a_rebuild_without_changes_writes_nothing() {
    let site = TestSite::real();
    let first = build(&site);
    assert_eq!(first.written, first.files);
    let index = site.root().join("output/2023-chi-bo/index.html");
    let stamp = fs::metadata(&index).unwrap().modified().unwrap();
    let again = build(&site);
    assert_eq!(
        (again.files, again.written, again.removed),
        (first.files, 0, 0)
    );
    assert_eq!(fs::metadata(&index).unwrap().modified().unwrap(), stamp);
}

fn an_edit_rewrites_only_the_pages_it_shows_on() {
    let site = TestSite::fixture("small");
    build(&site);
    let path = site.root().join("content/ke-hoach-2024/01-muc-tieu.md");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replacen("Chuyên cần", "Chuyên cần của trẻ", 1)).unwrap();
    let summary = build(&site);
    assert!(
        summary.written > 0 && summary.written <= 5,
        "the section, the document, plan.json and the search index at most: {summary:?}"
    );
    assert_eq!(summary.removed, 0);
    assert_eq!(tree(&site.root().join("output")), fresh(&site));
}

fn what_the_site_no_longer_has_is_removed_with_its_folders() {
    let site = TestSite::fixture("small");
    site.write(
        "content/ke-hoach-2024/03-phu-luc.md",
        "+++\ntitle = \"PHỤ LỤC\"\n+++\n",
    );
    site.write_bytes("content/ke-hoach-2024/anh/so-do.png", b"\x89PNG");
    build(&site);
    assert!(
        site.root()
            .join("output/ke-hoach-2024/phu-luc/index.html")
            .is_file()
    );
    fs::remove_file(site.root().join("content/ke-hoach-2024/03-phu-luc.md")).unwrap();
    fs::remove_dir_all(site.root().join("content/ke-hoach-2024/anh")).unwrap();
    let summary = build(&site);
    assert_eq!(summary.removed, 2);
    let out = site.root().join("output");
    assert_eq!(tree(&out), fresh(&site));
    assert_eq!(dirs(&out), dirs(&site.root().join("fresh")));
}

fn a_file_that_becomes_a_folder_and_back() {
    let site = TestSite::fixture("small");
    // A plan file named `phu-luc` (no extension) is published as ke-hoach-2024/phu-luc ...
    site.write_bytes("content/ke-hoach-2024/phu-luc", b"data");
    build(&site);
    assert!(site.root().join("output/ke-hoach-2024/phu-luc").is_file());
    // ... then a section takes the name: ke-hoach-2024/phu-luc/index.html.
    fs::remove_file(site.root().join("content/ke-hoach-2024/phu-luc")).unwrap();
    site.write(
        "content/ke-hoach-2024/03-phu-luc.md",
        "+++\ntitle = \"PHỤ LỤC\"\n+++\n",
    );
    build(&site);
    assert_eq!(tree(&site.root().join("output")), fresh(&site));
    // And back again.
    fs::remove_file(site.root().join("content/ke-hoach-2024/03-phu-luc.md")).unwrap();
    site.write_bytes("content/ke-hoach-2024/phu-luc", b"data");
    build(&site);
    assert_eq!(tree(&site.root().join("output")), fresh(&site));
}

fn files_put_in_the_output_by_hand_are_removed() {
    // The output belongs to plansite: it is exactly the site, as after a build into an empty
    // folder.
    let site = TestSite::fixture("small");
    build(&site);
    fs::write(site.root().join("output/ghi-chu.txt"), "tay").unwrap();
    fs::write(site.root().join("output/index.html"), "sửa tay").unwrap();
    let summary = build(&site);
    assert_eq!((summary.written, summary.removed), (1, 1));
    assert_eq!(tree(&site.root().join("output")), fresh(&site));
}

/// A rebuild that changes nothing leaves the output folder itself in place (no new tree, no
/// swap: a 21,000-page archive rebuilds in the time it takes to render it); one that changes
/// a page swaps in a new folder.
#[cfg(unix)]
fn a_rebuild_that_changes_nothing_swaps_nothing() {
    use std::os::unix::fs::MetadataExt;
    let site = TestSite::real();
    build(&site);
    let inode = |s: &TestSite| fs::metadata(s.root().join("output")).unwrap().ino();
    let before = inode(&site);
    let summary = build(&site);
    assert_eq!(summary.written, 0);
    assert_eq!(inode(&site), before, "the output folder was replaced");
    let leftovers = fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".plansite-"))
        .count();
    assert_eq!(leftovers, 0);
    site.write("content/2023-chi-bo/months/2023-12.md", "- Một việc mới.\n");
    build(&site);
    assert_ne!(inode(&site), before, "a change is swapped in");
    assert_eq!(tree(&site.root().join("output")), fresh(&site));
}

/// Rebuilds are made in the spare tree, whose files are mostly the output's own (hard links):
/// edits in turn, each undone later, give the fresh site every time — a file shared with the
/// output is never written through.
fn edits_in_turn_give_the_fresh_site_every_time() {
    let site = TestSite::fixture("small");
    build(&site);
    let a = "content/ke-hoach-2024/01-muc-tieu.md";
    let b = "content/ke-hoach-2024/02-thang.md";
    let source = |rel: &str| fs::read_to_string(site.root().join(rel)).unwrap();
    let (text_a, text_b) = (source(a), source(b));
    for (step, (file, text)) in [
        (a, format!("{text_a}\nMột câu mới.\n")),
        (b, format!("{text_b}\nHai câu mới.\n")),
        (a, text_a.clone()),
        (b, text_b.clone()),
        (a, format!("{text_a}\nMột câu mới.\n")),
        (a, text_a.clone()),
    ]
    .into_iter()
    .enumerate()
    {
        site.write(file, &text);
        build(&site);
        assert_eq!(
            tree(&site.root().join("output")),
            fresh(&site),
            "edit {step}"
        );
    }
}

mod spare {
    pub fn remove_any(path: &std::path::Path) {
        match std::fs::symlink_metadata(path) {
            Ok(m) if m.is_dir() => std::fs::remove_dir_all(path).unwrap(),
            Ok(_) => std::fs::remove_file(path).unwrap(),
            Err(_) => {}
        }
    }
}

/// Whatever is in the spare tree — left by a killed build, or put there by hand — is taken
/// as it is: stale files go, a file where a folder belongs and a folder where a file belongs
/// are replaced, and symbolic links are removed, never followed.
#[cfg(unix)]
fn a_spare_tree_in_any_state_is_taken_as_it_is() {
    let site = TestSite::fixture("small");
    build(&site);
    let a = "content/ke-hoach-2024/01-muc-tieu.md";
    let text = fs::read_to_string(site.root().join(a)).unwrap();
    site.write(a, &format!("{text}\nMột câu mới.\n"));
    build(&site);
    let spare = site.root().join(".output.plansite-spare");
    assert!(
        spare.join("index.html").is_file(),
        "the previous output is the spare tree"
    );
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.txt"), "bí mật").unwrap();
    fs::write(spare.join("ghost.html"), "stale").unwrap();
    fs::create_dir_all(spare.join("old-plan/a")).unwrap();
    fs::write(spare.join("old-plan/a/index.html"), "stale").unwrap();
    fs::remove_file(spare.join("style.css")).unwrap();
    fs::create_dir(spare.join("style.css")).unwrap();
    fs::write(spare.join("style.css/x"), "in the way").unwrap();
    fs::remove_dir_all(spare.join("ke-hoach-2024")).unwrap();
    fs::write(spare.join("ke-hoach-2024"), "in the way").unwrap();
    spare::remove_any(&spare.join("search"));
    std::os::unix::fs::symlink(outside.path(), spare.join("search")).unwrap();
    fs::remove_file(spare.join("index.html")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), spare.join("index.html"))
        .unwrap();
    site.write(a, &text);
    build(&site);
    assert_eq!(tree(&site.root().join("output")), fresh(&site));
    assert_eq!(
        fs::read_dir(outside.path()).unwrap().count(),
        1,
        "nothing was written outside"
    );
    assert_eq!(
        fs::read_to_string(outside.path().join("secret.txt")).unwrap(),
        "bí mật"
    );
    let links = walkdir::WalkDir::new(site.root().join("output"))
        .into_iter()
        .filter(|e| e.as_ref().unwrap().path_is_symlink())
        .count();
    assert_eq!(links, 0);
}

/// The tests of this module, for the harness (tests/testsuite/main.rs).
pub(crate) fn trials() -> Vec<libtest_mimic::Trial> {
    let mut trials = vec![
        crate::trial(
            "incremental::a_rebuild_without_changes_writes_nothing",
            a_rebuild_without_changes_writes_nothing,
        ),
        crate::trial(
            "incremental::an_edit_rewrites_only_the_pages_it_shows_on",
            an_edit_rewrites_only_the_pages_it_shows_on,
        ),
        crate::trial(
            "incremental::what_the_site_no_longer_has_is_removed_with_its_folders",
            what_the_site_no_longer_has_is_removed_with_its_folders,
        ),
        crate::trial(
            "incremental::a_file_that_becomes_a_folder_and_back",
            a_file_that_becomes_a_folder_and_back,
        ),
        crate::trial(
            "incremental::files_put_in_the_output_by_hand_are_removed",
            files_put_in_the_output_by_hand_are_removed,
        ),
        crate::trial(
            "incremental::edits_in_turn_give_the_fresh_site_every_time",
            edits_in_turn_give_the_fresh_site_every_time,
        ),
    ];
    #[cfg(unix)]
    trials.push(crate::trial(
        "incremental::a_rebuild_that_changes_nothing_swaps_nothing",
        a_rebuild_that_changes_nothing_swaps_nothing,
    ));
    #[cfg(unix)]
    trials.push(crate::trial(
        "incremental::a_spare_tree_in_any_state_is_taken_as_it_is",
        a_spare_tree_in_any_state_is_taken_as_it_is,
    ));
    trials
}
