//! Rebuilds that keep what did not change (issue 19): a plan's pages are made again only when
//! its files, the site around it, or a plan it links into changed; the result is always the
//! fresh build's. (The random edit sequences are in `edits.rs`.)

use std::fs;
use std::path::Path;

use crate::common::{TestSite, copy_dir, render, tree};

pub(crate) fn trials() -> Vec<libtest_mimic::Trial> {
    vec![
        crate::trial(
            "rebuild::an_edit_to_a_section_renders_only_its_plan",
            an_edit_to_a_section_renders_only_its_plan,
        ),
        crate::trial(
            "rebuild::an_edit_to_a_plan_header_renders_every_plan",
            an_edit_to_a_plan_header_renders_every_plan,
        ),
        crate::trial(
            "rebuild::a_plan_linking_into_a_changed_plan_is_checked_again",
            a_plan_linking_into_a_changed_plan_is_checked_again,
        ),
        crate::trial(
            "rebuild::a_source_rewritten_with_its_old_size_and_time_is_seen",
            a_source_rewritten_with_its_old_size_and_time_is_seen,
        ),
        crate::trial(
            "rebuild::a_page_changed_by_hand_in_the_output_is_made_again",
            a_page_changed_by_hand_in_the_output_is_made_again,
        ),
        crate::trial(
            "rebuild::a_damaged_cache_is_ignored",
            a_damaged_cache_is_ignored,
        ),
        crate::trial(
            "rebuild::a_new_template_renders_every_plan",
            a_new_template_renders_every_plan,
        ),
    ]
}

/// Builds `site` and returns how many plans were rendered.
fn rebuilt(site: &TestSite) -> usize {
    match plansite::build(&site.options()) {
        Ok((built, _)) => built.rendered,
        Err(d) => panic!("build failed:\n{}", render(d)),
    }
}

/// The output of a fresh build of `site`'s sources, in a folder of its own.
fn fresh(site: &TestSite) -> Vec<(String, Vec<u8>)> {
    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(site.root()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name == "output" || name.starts_with('.') {
            continue;
        }
        let dest = dir.path().join(&*name);
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            fs::copy(entry.path(), dest).unwrap();
        }
    }
    plansite::build(&plansite::BuildOptions::new(dir.path())).unwrap();
    tree(&dir.path().join("output"))
}

/// Asserts that `site`'s output is what a fresh build makes.
fn assert_fresh(site: &TestSite, what: &str) {
    let now = site.output_files();
    let want = fresh(site);
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&now), names(&want), "{what}: the files differ");
    for ((name, a), (_, b)) in now.iter().zip(&want) {
        assert!(a == b, "{what}: {name} differs from a fresh build's");
    }
}

fn an_edit_to_a_section_renders_only_its_plan() {
    let site = TestSite::fixture("organisations");
    assert_eq!(rebuilt(&site), 6);
    assert_eq!(rebuilt(&site), 0, "nothing changed");
    site.edit("content/2024-chi-bo/01-muc-dich.md", |t| {
        format!("{t}\nMột đoạn thêm vào cuối mục.\n")
    });
    assert_eq!(rebuilt(&site), 1);
    assert!(
        site.read("2024-chi-bo/muc-dich/index.html")
            .contains("Một đoạn thêm vào cuối mục.")
    );
    assert_fresh(&site, "after a section's edit");
    // A month's text with as many activities: its plan only, and the site's month pages.
    site.edit("content/2024-chi-bo/months/2024-10.md", |t| {
        t.replacen("- ", "- (sửa) ", 1)
    });
    assert_eq!(rebuilt(&site), 1);
    assert_fresh(&site, "after a month's edit");
}

fn an_edit_to_a_plan_header_renders_every_plan() {
    let site = TestSite::fixture("organisations");
    rebuilt(&site);
    // Its title shows on the other plans' pages (same-year lists, neighbours, citations).
    site.edit("content/2024-chi-doan/_index.md", |t| {
        t.replacen("title = \"", "title = \"(Sửa) ", 1)
    });
    assert_eq!(rebuilt(&site), 6);
    assert_fresh(&site, "after a header's edit");
}

fn a_plan_linking_into_a_changed_plan_is_checked_again() {
    let site = TestSite::fixture("organisations");
    let heading = "Mục tiêu liên kết";
    site.edit("content/2024-chi-bo/01-muc-dich.md", |t| {
        format!("{t}\n## {heading}\n\nNội dung.\n")
    });
    site.edit("content/2025-chi-bo/01-muc-dich.md", |t| {
        format!("{t}\nXem [mục tiêu năm trước](../2024-chi-bo/01-muc-dich.md#muc-tieu-lien-ket).\n")
    });
    rebuilt(&site);
    let page = site.read("2025-chi-bo/muc-dich/index.html");
    assert!(
        page.contains("2024-chi-bo/muc-dich/index.html#muc-tieu-lien-ket"),
        "{page}"
    );
    let before = site.output_files();
    // The heading is renamed in the plan linked into: the plan that links is checked again,
    // and fails as a fresh build does; nothing is published.
    site.edit("content/2024-chi-bo/01-muc-dich.md", |t| {
        t.replace(heading, "Mục tiêu khác")
    });
    let errors = site.build_errors().join("\n");
    assert!(errors.contains("2025-chi-bo/01-muc-dich.md"), "{errors}");
    assert!(errors.contains("muc-tieu-lien-ket"), "{errors}");
    assert!(
        site.output_files() == before,
        "a failed build changed the output"
    );
    // Put back as it was when last built: nothing is rendered.
    site.edit("content/2024-chi-bo/01-muc-dich.md", |t| {
        t.replace("Mục tiêu khác", heading)
    });
    assert_eq!(rebuilt(&site), 0);
    assert_fresh(&site, "after the heading came back");
    // A heading added to the plan linked into: it is rendered, and so is the plan linking
    // into it (its links are resolved again); the others are kept.
    site.edit("content/2024-chi-bo/01-muc-dich.md", |t| {
        format!("{t}\n## Một mục nữa\n")
    });
    assert_eq!(rebuilt(&site), 2);
    assert_fresh(&site, "after a heading was added");
}

fn a_source_rewritten_with_its_old_size_and_time_is_seen() {
    let site = TestSite::fixture("organisations");
    rebuilt(&site);
    let path = site.root().join("content/2024-chi-bo/01-muc-dich.md");
    let modified = fs::metadata(&path).unwrap().modified().unwrap();
    let text = fs::read_to_string(&path).unwrap();
    // Same length, other letters, and the old modification time put back.
    let changed = text.replacen("Nâng cao", "NÂNG CAO", 1);
    assert_eq!(changed.len(), text.len());
    assert_ne!(changed, text);
    fs::write(&path, &changed).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    assert_eq!(rebuilt(&site), 1);
    assert_fresh(&site, "after a rewrite that kept size and time");
}

fn a_page_changed_by_hand_in_the_output_is_made_again() {
    let site = TestSite::fixture("organisations");
    rebuilt(&site);
    rebuilt(&site);
    let page = site.root().join("output/2024-chi-bo/index.html");
    tamper_in_place(&page);
    assert_eq!(rebuilt(&site), 1);
    assert_fresh(&site, "after a page was changed by hand");
    fs::remove_file(site.root().join("output/2025-chi-doan/index.html")).unwrap();
    assert_eq!(rebuilt(&site), 1);
    assert_fresh(&site, "after a page was deleted by hand");
}

/// Changes a letter of `path` in place, keeping its size and modification time.
fn tamper_in_place(path: &Path) {
    let modified = fs::metadata(path).unwrap().modified().unwrap();
    let mut bytes = fs::read(path).unwrap();
    let at = bytes.iter().position(|&b| b == b'C').unwrap();
    bytes[at] = b'X';
    fs::OpenOptions::new()
        .write(true)
        .open(path)
        .and_then(|mut f| std::io::Write::write_all(&mut f, &bytes))
        .unwrap();
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
}

fn a_damaged_cache_is_ignored() {
    let site = TestSite::fixture("organisations");
    rebuilt(&site);
    let cache = site.root().join(".output.plansite-cache");
    let bytes = fs::read(&cache).unwrap();
    // Cut short, then with a byte changed in its records: never trusted in part.
    fs::write(&cache, &bytes[..bytes.len() * 2 / 3]).unwrap();
    site.edit("content/2024-chi-bo/01-muc-dich.md", |t| {
        format!("{t}\nThêm.\n")
    });
    assert_eq!(rebuilt(&site), 6);
    assert_fresh(&site, "after a cache cut short");
    let mut bytes = fs::read(&cache).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0x55;
    fs::write(&cache, &bytes).unwrap();
    rebuilt(&site);
    assert_fresh(&site, "after a byte of the cache changed");
}

fn a_new_template_renders_every_plan() {
    let site = TestSite::fixture("organisations");
    rebuilt(&site);
    let section = fs::read_to_string(site.root().join("themes/default/templates/section.html"))
        .unwrap()
        .replacen(
            "{% block content %}",
            "{% block content %}<!-- mẫu của trang -->",
            1,
        );
    site.write("templates/section.html", &section);
    assert_eq!(rebuilt(&site), 6);
    assert!(
        site.read("2024-chi-bo/muc-dich/index.html")
            .contains("mẫu của trang")
    );
    assert_fresh(&site, "after a template override");
}
