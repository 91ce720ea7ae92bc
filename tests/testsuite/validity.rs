//! Every generated HTML file is valid HTML5: the Nu HTML Checker (vnu.jar, from the npm package
//! `vnu-jar` in tests/tools, run with Java) reports no error on any page of several sites.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

use crate::common;

use common::TestSite;

fn every_page_is_valid_html() {
    let jar = common::repo().join("tests/tools/node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(
        jar.is_file(),
        "vnu.jar is missing: run scripts/test (it runs npm ci in tests/tools)"
    );
    let real = TestSite::real();
    real.build();
    let two = TestSite::fixture("two-years");
    let mut opts = two.options();
    opts.base_url = Some("https://truong.edu.vn/kehoach/".into());
    plansite::build(&opts).unwrap();
    let school = TestSite::fixture("school-year");
    school.build();
    let english = TestSite::fixture("yaml");
    english.build();
    let organisations = TestSite::fixture("organisations");
    organisations.build();
    let mut pages = 0;
    let mut args = vec![
        "-jar".to_owned(),
        jar.display().to_string(),
        "--errors-only".to_owned(),
    ];
    for site in [&real, &two, &school, &english, &organisations] {
        for (path, _) in site.output_files() {
            if path.ends_with(".html") {
                args.push(site.root().join("output").join(path).display().to_string());
                pages += 1;
            }
        }
    }
    assert!(pages > 60, "{pages} pages");
    let out = std::process::Command::new("java")
        .args(&args)
        .output()
        .expect("Java is needed for the HTML checker (scripts/test installs it)");
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && !report.contains("error:"),
        "{report}"
    );
}

/// The tests of this module, for the harness (tests/testsuite/main.rs).
pub(crate) fn trials() -> Vec<libtest_mimic::Trial> {
    let trials = vec![crate::trial(
        "validity::every_page_is_valid_html",
        every_page_is_valid_html,
    )];
    trials
}
