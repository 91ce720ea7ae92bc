//! Names in the built site and in messages (issue 16): file names with control characters are
//! printed escaped, names too long for a disk are refused or shortened before anything is
//! written, and names that would be one file on Windows and macOS disks are refused.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

use crate::common;

use common::TestSite;

/// A small valid site: one plan, one section, one month.
fn base() -> TestSite {
    TestSite::small()
}

/// What `plansite check` prints for the site, run as a user types it.
fn check_stderr(site: &TestSite) -> (Option<i32>, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plansite"))
        .arg("check")
        .current_dir(site.root())
        .env("RUST_LOG", "off")
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A file name holding ESC and a line break is printed escaped: it cannot colour or clear the
/// terminal, or fake a line of its own.
fn control_characters_in_a_file_name_are_printed_escaped() {
    let s = base();
    s.write_bytes("content/p/a\u{1b}[2Jb\nerror: fake.png", b"picture");
    let line = "content/p/a\\u{1b}[2Jb\\nerror: fake.png: error: this file name cannot be \
                published: Windows does not allow '\\u{1b}' in a file name\n  hint: rename the \
                file with letters, digits and `-`, e.g. so-do-moi.png";
    assert_eq!(s.build_errors(), [line]);
    let (code, stderr) = check_stderr(&s);
    assert_eq!(code, Some(1));
    assert!(stderr.starts_with(&format!("{line}\n")), "{stderr}");
    assert!(!stderr.contains('\u{1b}'));
}

/// The site's `static/` linked to a folder outside the site is refused, as a linked folder in
/// `content/` is: nothing of it is published. A link inside the site is followed.
#[cfg(unix)]
fn a_static_folder_linked_outside_the_site_is_refused() {
    let s = base();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "not for the web").unwrap();
    std::os::unix::fs::symlink(outside.path(), s.root().join("static")).unwrap();
    assert_eq!(
        s.build_errors(),
        [
            "static: error: this link points outside the site folder\n  hint: copy the folder into the site instead of linking to it"
        ]
    );
    assert!(!s.root().join("output").exists());

    std::fs::remove_file(s.root().join("static")).unwrap();
    s.write("shared/logo.txt", "logo");
    std::os::unix::fs::symlink(s.root().join("shared"), s.root().join("static")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        s.root().join("shared/x.txt"),
    )
    .unwrap();
    assert_eq!(
        s.build_errors(),
        [
            "static/x.txt: error: this link points outside the site folder\n  hint: copy the file into the site instead of linking to it"
        ]
    );
    std::fs::remove_file(s.root().join("shared/x.txt")).unwrap();
    s.build();
    assert_eq!(s.read("logo.txt"), "logo");
}

/// A section named with a long Chinese title: its slug would be 479 bytes, more than a folder
/// name can hold. `check` and `build` agree: the slug is shortened at a dash, with a code
/// from the whole name, and the site builds.
fn a_slug_made_from_a_long_name_is_shortened_and_check_agrees_with_build() {
    let s = base();
    let name = "中".repeat(80);
    s.write(
        &format!("content/p/02-{name}.md"),
        "+++\ntitle = \"Dài\"\n+++\n\n[Về mục A](01-a.md)\n",
    );
    assert!(plansite::check(&s.options()).is_ok());
    s.build();
    let slug = plansite::slug::fit_name(plansite::slug::slugify(&name));
    assert!(
        slug.len() <= 109 && slug.starts_with("zhong-zhong-"),
        "{slug}"
    );
    assert!(s.read(&format!("p/{slug}/index.html")).contains("Dài"));
    let folders: Vec<String> = std::fs::read_dir(s.root().join("output/p"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(folders.iter().all(|f| f.len() <= 255), "{folders:?}");
}

/// `check` refuses what `build` refuses: an attachment that differs from the plan's own page
/// only in capital letters, and two attachments that differ only in the form of an accent.
fn check_refuses_names_that_are_one_on_windows_and_macos() {
    let s = base();
    s.write("content/p/Index.html", "<p>mine</p>");
    s.write("content/p/K\u{1ebf}.png", "composed");
    s.write("content/p/Ke\u{302}\u{301}.png", "decomposed");
    let errors: Vec<String> = match plansite::check(&s.options()) {
        Ok(_) => panic!("check passed"),
        Err(d) => d.sorted().iter().map(ToString::to_string).collect(),
    };
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors[0].starts_with(
        "content/p/Index.html: error: this file is published as `p/Index.html` and plansite \
         makes `p/index.html`"
    ));
    assert!(errors[1].contains("content/p/Ke\u{302}\u{301}.png as `p/Ke\u{302}\u{301}.png`"));
    assert_eq!(s.build_errors(), errors);
}

/// The tests of this module, for the harness (tests/testsuite/main.rs).
pub(crate) fn trials() -> Vec<libtest_mimic::Trial> {
    let mut trials = vec![
        crate::trial(
            "names::control_characters_in_a_file_name_are_printed_escaped",
            control_characters_in_a_file_name_are_printed_escaped,
        ),
        crate::trial(
            "names::a_slug_made_from_a_long_name_is_shortened_and_check_agrees_with_build",
            a_slug_made_from_a_long_name_is_shortened_and_check_agrees_with_build,
        ),
        crate::trial(
            "names::check_refuses_names_that_are_one_on_windows_and_macos",
            check_refuses_names_that_are_one_on_windows_and_macos,
        ),
    ];
    #[cfg(unix)]
    trials.push(crate::trial(
        "names::a_static_folder_linked_outside_the_site_is_refused",
        a_static_folder_linked_outside_the_site_is_refused,
    ));
    trials
}
