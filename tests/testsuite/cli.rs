//! The real binary, run the way a user types it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

use crate::common;

use assert_cmd::Command;
use common::TestSite;
use predicates::prelude::*;

fn plansite() -> Command {
    Command::cargo_bin("plansite").expect("binary")
}

fn build_in_the_site_folder() {
    let site = TestSite::fixture("small");
    plansite()
        .current_dir(site.root())
        .arg("build")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Built 1 plan(s): 17 files,"));
    assert!(
        site.root()
            .join("output/ke-hoach-2024/index.html")
            .is_file()
    );
}

fn build_with_root_and_output() {
    let site = TestSite::fixture("small");
    plansite()
        .args(["build", "--root"])
        .arg(site.root())
        .args(["--output", "public/site"])
        .assert()
        .success();
    assert!(site.root().join("public/site/index.html").is_file());
    assert!(!site.root().join("output").exists());
}

fn check_reports_errors_with_exit_code_1() {
    let site = TestSite::fixture("small");
    site.write(
        "content/ke-hoach-2024/03-x.md",
        "+++\ntitle = \"X\"\nnumbr = \"III\"\n+++\n",
    );
    plansite()
        .args(["check", "--root"])
        .arg(site.root())
        .assert()
        .code(1)
        .stderr(predicate::eq(
            "content/ke-hoach-2024/03-x.md:3:1: error: unknown key `numbr` in the front matter\n  hint: did you mean `number`? Free-form data goes under `extra`.\n1 error(s): check failed.\n",
        ));
    assert!(!site.root().join("output").exists(), "check writes nothing");
}

fn check_passes_on_a_good_site() {
    let site = TestSite::fixture("small");
    plansite()
        .current_dir(site.root())
        .arg("check")
        .assert()
        .success()
        .stdout("No errors found.\n");
}

fn missing_config_explains_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    plansite()
        .current_dir(dir.path())
        .arg("build")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "plansite.toml: error: cannot read the site configuration",
        ))
        .stderr(predicate::str::contains(
            "hint: run plansite in the site's folder",
        ));
}

fn the_example_plan_and_the_starters_have_no_warnings() {
    let real = TestSite::real();
    plansite()
        .current_dir(real.root())
        .args(["check", "--strict"])
        .assert()
        .success()
        .stderr("");
    for lang in ["vi", "en"] {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        plansite()
            .args(["new", "--lang", lang])
            .arg(&site)
            .assert()
            .success();
        plansite()
            .current_dir(&site)
            .args(["check", "--strict"])
            .assert()
            .success()
            .stderr("");
    }
}

/// The tests of this module, for the harness (tests/testsuite/main.rs).
/// `--verbose` times each stage on its own and since the run began, so that a build's stages
/// add up (the render's time was once counted from its own start, apart from the prepare's).
fn verbose_times_each_stage_and_the_run() {
    let site = TestSite::fixture("small");
    let out = plansite()
        .current_dir(site.root())
        .args(["--verbose", "build"])
        .assert()
        .success()
        .get_output()
        .stderr
        .clone();
    let text = String::from_utf8(out).unwrap();
    let stages: Vec<(&str, &str)> = text
        .lines()
        .filter_map(|l| l.split_once("] ").map(|(_, rest)| rest))
        .filter_map(|l| l.split_once(": "))
        .filter(|(_, rest)| rest.contains(" in all)"))
        .collect();
    let names: Vec<&str> = stages.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        [
            "settings and theme",
            "output opened",
            "cache read",
            "walk",
            "survey",
            "plans",
            "site pages",
            "commit",
            "cache"
        ],
        "{text}"
    );
}

fn no_arguments_print_the_usage() {
    // On Windows, from a console, the guide of src/welcome.rs answers instead: that is run
    // under Wine by scripts/windows-check. Everywhere else clap's usage stays.
    plansite()
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("Usage: plansite"))
        .stderr(predicate::str::contains("command window").not());
}

fn new_site_says_what_to_type_next() {
    let dir = tempfile::tempdir().unwrap();
    plansite()
        .current_dir(dir.path())
        .args(["new", "ke-hoach"])
        .assert()
        .success()
        .stdout(predicate::str::ends_with(
            "Next: cd ke-hoach, then plansite serve --open to preview it, or plansite build.\n",
        ));
}

pub(crate) fn trials() -> Vec<libtest_mimic::Trial> {
    let trials = vec![
        crate::trial(
            "cli::verbose_times_each_stage_and_the_run",
            verbose_times_each_stage_and_the_run,
        ),
        crate::trial("cli::build_in_the_site_folder", build_in_the_site_folder),
        crate::trial(
            "cli::build_with_root_and_output",
            build_with_root_and_output,
        ),
        crate::trial(
            "cli::check_reports_errors_with_exit_code_1",
            check_reports_errors_with_exit_code_1,
        ),
        crate::trial(
            "cli::check_passes_on_a_good_site",
            check_passes_on_a_good_site,
        ),
        crate::trial(
            "cli::missing_config_explains_what_to_do",
            missing_config_explains_what_to_do,
        ),
        crate::trial(
            "cli::the_example_plan_and_the_starters_have_no_warnings",
            the_example_plan_and_the_starters_have_no_warnings,
        ),
        crate::trial(
            "cli::no_arguments_print_the_usage",
            no_arguments_print_the_usage,
        ),
        crate::trial(
            "cli::new_site_says_what_to_type_next",
            new_site_says_what_to_type_next,
        ),
    ];
    trials
}
