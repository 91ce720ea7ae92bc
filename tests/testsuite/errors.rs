//! Bad input that needs more than a corpus case (tests/testsuite/corpus.rs holds the exact message of
//! every diagnostic): what a failed build leaves behind, files that change during a build,
//! and the library's own answers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

use crate::common;

use common::TestSite;

/// A small valid site: one plan, one section, one month.
fn base() -> TestSite {
    TestSite::small()
}

fn base_site_is_valid() {
    let s = base();
    assert!(plansite::check(&s.options()).is_ok());
}

fn hostile_slug_is_refused_and_nothing_escapes() {
    let s = base();
    s.write(
        "content/p/02-b.md",
        "+++\ntitle = \"B\"\nslug = \"../../plansite-escaped\"\n+++\n",
    );
    assert_eq!(
        s.build_errors(),
        [
            "content/p/02-b.md:3:1: error: `../../plansite-escaped` cannot be used as a slug\n  hint: a slug has only lower-case letters a-z, digits and single dashes, e.g. `plansite-escaped`"
        ]
    );
    // A name no other program uses: the site's parent is the shared temporary folder.
    assert!(!s.root().join("plansite-escaped").exists());
    assert!(!s.root().parent().unwrap().join("plansite-escaped").exists());
    assert!(!s.root().join("output").exists());
}

fn failed_build_leaves_the_previous_output_untouched() {
    let s = base();
    s.build();
    let before = s.output_files();
    assert!(!before.is_empty());
    s.write("content/p/01-a.md", "+++\ntitle = \"A\"\nnumber = \n+++\n");
    assert_eq!(s.build_errors().len(), 1);
    assert_eq!(s.output_files(), before);
    // Nothing left beside the output either.
    let leftovers: Vec<_> = std::fs::read_dir(s.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".plansite"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn successful_build_leaves_no_stale_files() {
    let s = base();
    s.write("content/p/02-b.md", "+++\ntitle = \"B\"\n+++\n");
    s.build();
    assert!(s.root().join("output/p/b/index.html").exists());
    std::fs::remove_file(s.root().join("content/p/02-b.md")).unwrap();
    s.build();
    assert!(!s.root().join("output/p/b/index.html").exists());
}

fn a_link_to_a_file_with_errors_does_not_repeat_them() {
    let s = base();
    s.write(
        "content/p/01-a.md",
        "+++\ntitel = \"A\"\n+++\n\n# Heading one\n",
    );
    s.write(
        "content/p/02-b.md",
        "+++\ntitle = \"B\"\n+++\n\nSee [a](01-a.md#heading-one).\n",
    );
    let errors = s.build_errors();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].starts_with("content/p/01-a.md:2:1: error: unknown key `titel`"));
}

fn print_settings_are_checked_before_they_reach_the_css() {
    let s = base();
    s.write(
        "plansite.toml",
        "title = \"T\"\n\n[print]\nmargin_left = \"30mm; } body { display: none\"\n",
    );
    assert_eq!(
        s.build_errors(),
        [
            "plansite.toml:4:1: error: [print] margin_left = \"30mm; } body { display: none\" is not a length such as \"20mm\" or \"14pt\""
        ]
    );
    s.write(
        "plansite.toml",
        "title = \"T\"\n\n[print]\nmargin_left = \"35mm\"\nfont_size = \"13pt\"\n",
    );
    s.build();
    let html = std::fs::read_to_string(s.root().join("output/p/index.html")).unwrap();
    assert!(
        html.contains("@page { size: A4; margin: 20mm 15mm 20mm 35mm;"),
        "{html}"
    );
    assert!(html.contains("font-size: 13pt; }"));
}

fn a_missing_output_parent_is_created() {
    let s = base();
    let mut opts = s.options();
    opts.output = "public/2023/site".into();
    plansite::build(&opts).unwrap();
    assert!(s.root().join("public/2023/site/p/index.html").is_file());
}

fn a_picture_deleted_during_the_build_fails_the_write_and_keeps_the_output() {
    let s = base();
    s.write_bytes("content/p/anh.png", b"\x89PNG picture");
    s.build();
    let before = s.output_files();
    // Everything is read and rendered; then the picture disappears before it is copied.
    let compiled = plansite::compile(&s.options()).unwrap();
    std::fs::remove_file(s.root().join("content/p/anh.png")).unwrap();
    let err = write_all(s.root(), &s.options().output_dir(), &compiled.outputs)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("error: cannot copy ") && err.contains("content/p/anh.png"),
        "{err}"
    );
    assert_eq!(s.output_files(), before);
    assert!(!std::fs::read_dir(s.root()).unwrap().any(|e| {
        e.unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with(".plansite")
    }));
}

fn a_file_deleted_after_it_was_listed_is_reported_not_a_panic() {
    let s = base();
    let err = plansite::load::read_source(s.root(), std::path::Path::new("content/p/gone.md"))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("content/p/gone.md: error: cannot read this file: "),
        "{err}"
    );
}

/// Runs the binary in `root` as a user who cannot write where root can: as itself when the
/// tests do not run as root, else as `nobody` through setpriv (util-linux), since root writes
/// into read-only folders anyway.
#[cfg(unix)]
fn plansite_unprivileged(root: &std::path::Path, args: &[&str]) -> std::process::Output {
    use std::os::unix::fs::PermissionsExt;
    let bin = env!("CARGO_BIN_EXE_plansite");
    let is_root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let mut cmd = if is_root {
        // nobody must be able to reach and read the site: open up the temporary folder.
        std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o755)).unwrap();
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", bin]);
        c
    } else {
        std::process::Command::new(bin)
    };
    cmd.args(args).current_dir(root).output().unwrap()
}

#[cfg(unix)]
fn a_read_only_output_parent_is_reported_and_the_output_kept() {
    use std::os::unix::fs::PermissionsExt;
    let s = base();
    let mut opts = s.options();
    opts.output = "ro/site".into();
    plansite::build(&opts).unwrap();
    let before = common::tree(&s.root().join("ro"));
    std::fs::set_permissions(s.root().join("ro"), std::fs::Permissions::from_mode(0o555)).unwrap();
    let out = plansite_unprivileged(s.root(), &["build", "--output", "ro/site"]);
    std::fs::set_permissions(s.root().join("ro"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with(
            "error: cannot make the new site beside the output, in ./ro/.site.plansite-spare: Permission denied"
        ),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("1 error(s): build failed; the previous output was left untouched.\n")
    );
    assert_eq!(common::tree(&s.root().join("ro")), before);
}

fn every_broken_template_of_a_plan_is_reported_not_only_the_first() {
    let s = base();
    s.write("templates/plan.html", "{{ page.not_a_field_of_plan }}");
    s.write(
        "templates/timeline.html",
        "{{ page.not_a_field_of_timeline }}",
    );
    let errors = s.build_errors();
    let on = |template: &str| errors.iter().any(|e| e.starts_with(template));
    assert!(on("templates/plan.html:1:"), "{errors:#?}");
    assert!(on("templates/timeline.html:1:"), "{errors:#?}");
}

/// A spare tree that cannot be read whole (a folder in it without permission) does not stop
/// the build: it is set aside and a new one made. Run as an unprivileged user (root reads
/// every folder).
#[cfg(unix)]
fn an_unreadable_spare_tree_is_set_aside_not_a_failure() {
    use std::os::unix::fs::PermissionsExt;
    let s = base();
    if std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
    {
        // Everything belongs to the unprivileged user the builds run as.
        for entry in walkdir::WalkDir::new(s.root()) {
            std::os::unix::fs::chown(entry.unwrap().path(), Some(65534), Some(65534)).unwrap();
        }
    }
    let build = |text: &str| {
        s.write("content/p/months/2023-01.md", text);
        let out = plansite_unprivileged(s.root(), &["build"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    build("- x\n");
    build("- y\n");
    let spare = s.root().join(".output.plansite-spare");
    let locked = spare.join("p");
    assert!(locked.is_dir(), "the previous output is the spare tree");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    build("- z\n");
    assert!(s.read("p/months/2023-01/index.html").contains("<li>z</li>"));
    // Open it up again, so that the temporary folder can be removed.
    for entry in std::fs::read_dir(s.root()).unwrap() {
        let path = entry.unwrap().path();
        if path.join("p").is_dir() || path.join("p").exists() {
            let _ =
                std::fs::set_permissions(path.join("p"), std::fs::Permissions::from_mode(0o755));
        }
    }
}

/// Writes a compiled site's outputs through a [`plansite::write::Writer`], as `build` does
/// while rendering.
fn write_all(
    root: &std::path::Path,
    output: &std::path::Path,
    outputs: &[plansite::output::Output],
) -> Result<plansite::write::WriteSummary, plansite::diagnostic::Diagnostic> {
    use plansite::output::Sink as _;
    let writer = plansite::write::Writer::start(root, output)?;
    for o in outputs {
        writer.put(o.clone())?;
    }
    writer.commit()
}

/// The tests of this module, for the harness (tests/testsuite/main.rs).
pub(crate) fn trials() -> Vec<libtest_mimic::Trial> {
    let mut trials = vec![
        crate::trial("errors::base_site_is_valid", base_site_is_valid),
        crate::trial(
            "errors::every_broken_template_of_a_plan_is_reported_not_only_the_first",
            every_broken_template_of_a_plan_is_reported_not_only_the_first,
        ),
        crate::trial(
            "errors::hostile_slug_is_refused_and_nothing_escapes",
            hostile_slug_is_refused_and_nothing_escapes,
        ),
        crate::trial(
            "errors::failed_build_leaves_the_previous_output_untouched",
            failed_build_leaves_the_previous_output_untouched,
        ),
        crate::trial(
            "errors::successful_build_leaves_no_stale_files",
            successful_build_leaves_no_stale_files,
        ),
        crate::trial(
            "errors::a_link_to_a_file_with_errors_does_not_repeat_them",
            a_link_to_a_file_with_errors_does_not_repeat_them,
        ),
        crate::trial(
            "errors::print_settings_are_checked_before_they_reach_the_css",
            print_settings_are_checked_before_they_reach_the_css,
        ),
        crate::trial(
            "errors::a_missing_output_parent_is_created",
            a_missing_output_parent_is_created,
        ),
        crate::trial(
            "errors::a_picture_deleted_during_the_build_fails_the_write_and_keeps_the_output",
            a_picture_deleted_during_the_build_fails_the_write_and_keeps_the_output,
        ),
        crate::trial(
            "errors::a_file_deleted_after_it_was_listed_is_reported_not_a_panic",
            a_file_deleted_after_it_was_listed_is_reported_not_a_panic,
        ),
    ];
    #[cfg(unix)]
    trials.push(crate::trial(
        "errors::a_read_only_output_parent_is_reported_and_the_output_kept",
        a_read_only_output_parent_is_reported_and_the_output_kept,
    ));
    #[cfg(unix)]
    trials.push(crate::trial(
        "errors::an_unreadable_spare_tree_is_set_aside_not_a_failure",
        an_unreadable_spare_tree_is_set_aside_not_a_failure,
    ));
    trials
}
