//! Names in the built site and in messages (issue 16): file names with control characters are
//! printed escaped, names too long for a disk are refused or shortened before anything is
//! written, and names that would be one file on Windows and macOS disks are refused.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use common::TestSite;

/// A small valid site: one plan, one section, one month.
fn base() -> TestSite {
    let s = TestSite::new("title = \"T\"\n");
    s.write(
        "content/p/_index.md",
        "+++\ntitle = \"P\"\n\n[period]\nstart = \"2023-01\"\nend = \"2023-03\"\n+++\n\nIntro.\n",
    );
    s.write("content/p/01-a.md", "+++\ntitle = \"A\"\n+++\n\nText.\n");
    s.write("content/p/months/2023-01.md", "- x\n");
    s
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
#[test]
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
