//! Incremental result = fresh result, under random edit sequences. After every edit of a
//! seeded random sequence (see `kinds` for what they change), the site is rebuilt over its
//! previous output, as `plansite build` does, and a running `plansite serve` rebuilds it too;
//! both must give exactly what a build of a copy of the same sources into an empty folder
//! gives: the same files with the same bytes, or the same problems — and then the output, and
//! what the server serves, stay those of the last good build.
//!
//! Each sequence prints its seed and its edits when it fails; replay one with
//! `PLANSITE_EDIT_SEED=N cargo test --test testsuite edits::` (and `PLANSITE_EDIT_STEPS=N` for
//! a longer or shorter run); `PLANSITE_EDIT_LOG=1` prints each edit and how its build went.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod compare;
mod kinds;
mod rng;
mod served;
mod sources;

use crate::common::{TestSite, tree};
use compare::{Outcome, difference, files_difference};
use kinds::Editor;
use served::{Expected, Served};
use sources::Sources;

/// The seeds CI runs, each a sequence on every site.
const SEEDS: [u64; 3] = [1, 2, 3];

/// Edits per sequence.
const STEPS: usize = 30;

/// Known on main: `serve` keeps the bytes of a copied file (an attachment, a static file)
/// while its device, inode, size and mtime are unchanged (`src/serve/confined.rs`, `Stamp`),
/// so one changed in place with its old mtime put back stays stale in the preview — see
/// [`serve_rereads_a_copied_file_changed_with_its_old_size_and_mtime`]. Until that is fixed
/// the sequences change only other files that way; set to `true` with the fix.
const SERVE_REREADS_COPIES_WITH_OLD_MTIME: bool = true;

/// Known on main: `serve` watches `templates/`, `static/` and `i18n/` only when they exist as
/// it starts (`src/serve/watcher.rs`, `watch`), so in one made later only the folder's creation
/// rebuilds: later changes inside it are never seen — see
/// [`serve_follows_a_templates_folder_made_after_it_started`]. Until that is fixed the
/// sequences start with both folders there (empty); set to `true` with the fix.
const SERVE_WATCHES_FOLDERS_MADE_LATER: bool = true;

/// One site the sequences run on.
struct Case {
    name: &'static str,
    site: fn() -> TestSite,
}

const CASES: [Case; 2] = [
    Case {
        name: "organisations",
        site: || TestSite::fixture("organisations"),
    },
    // Without a themes/ folder: the built-in theme.
    Case {
        name: "one_organisation",
        site: || {
            let site = TestSite::fixture("small");
            std::fs::remove_dir_all(site.root().join("themes")).unwrap();
            site
        },
    },
];

fn env_number(name: &str) -> Option<u64> {
    let value = std::env::var(name).ok()?;
    Some(
        value
            .parse()
            .unwrap_or_else(|_| panic!("{name}={value} is not a number")),
    )
}

/// The edits so far, printed with the seed when the sequence fails.
struct Trace {
    case: &'static str,
    seed: u64,
    edits: Vec<String>,
    /// Whether the failure was told with its context already.
    told: std::cell::Cell<bool>,
}

impl Trace {
    fn fail(&self, what: &str) -> ! {
        self.told.set(true);
        panic!("{}\n{what}", self.context())
    }

    fn context(&self) -> String {
        let edits: String = self
            .edits
            .iter()
            .enumerate()
            .map(|(i, e)| format!("  {}. {e}\n", i + 1))
            .collect();
        format!(
            "site {}, seed {} (replay: PLANSITE_EDIT_SEED={} cargo test --test testsuite edits::random::{}), step {}; the edits:\n{edits}",
            self.case,
            self.seed,
            self.seed,
            self.case,
            self.edits.len()
        )
    }
}

impl Drop for Trace {
    fn drop(&mut self) {
        // A panic outside `fail` (a helper's unwrap) still tells how to replay it.
        if std::thread::panicking() && !self.told.get() {
            eprintln!("{}", self.context());
        }
    }
}

/// One random sequence of `steps` edits on `case`'s site.
fn sequence(case: &Case, seed: u64, steps: usize) {
    let site = (case.site)();
    let root = site.root();
    if !SERVE_WATCHES_FOLDERS_MADE_LATER {
        std::fs::create_dir_all(root.join("templates")).unwrap();
        std::fs::create_dir_all(root.join("static")).unwrap();
    }
    let trace = Trace {
        case: case.name,
        seed,
        edits: Vec::new(),
        told: std::cell::Cell::new(false),
    };
    let first = compare::build(root);
    let Outcome::Built { files, warnings } = first.clone() else {
        trace.fail("the site does not build before any edit");
    };
    if let Some(d) = difference(&first, &compare::fresh(&Sources::read(root))) {
        trace.fail(&format!("the first build is not a fresh build's: {d}"));
    }
    let mut served = Served::start(&site);
    let expected = Expected {
        build: Ok(&warnings),
        files: &files,
        gone: Vec::new(),
    };
    if let Err(problem) = served.wait_for(&expected, true) {
        trace.fail(&format!(
            "`plansite serve` does not serve the site: {problem}"
        ));
    }
    let mut run = Run {
        root,
        editor: Editor::new(root, seed, SERVE_REREADS_COPIES_WITH_OLD_MTIME),
        trace,
        served,
        good: files,
    };
    for _ in 0..steps {
        run.step();
    }
    run.served.stop();
}

/// A sequence under way.
struct Run<'a> {
    root: &'a std::path::Path,
    editor: Editor,
    trace: Trace,
    served: Served,
    /// The files of the last good build: what the output and the server should have.
    good: compare::Files,
}

impl Run<'_> {
    /// One edit, then the build over the previous output and the server's, each checked
    /// against a fresh build.
    fn step(&mut self) {
        let root = self.root;
        let before = Sources::read(root);
        let output_before = tree(&root.join("output"));
        self.served.forget_events();
        self.trace.edits.push(self.editor.edit());
        let sources = Sources::read(root);
        let quiet = sources == before;
        let fresh = compare::fresh(&sources);
        let incremental = compare::build(root);
        self.log(&fresh);
        if let Some(d) = difference(&incremental, &fresh) {
            self.trace.fail(&format!(
                "the build over the previous output is not a fresh build's: it {d}"
            ));
        }
        let previous = std::mem::take(&mut self.good);
        let build = match &fresh {
            Outcome::Built { files, warnings } => {
                self.good = files.clone();
                self.editor.built(Some(sources));
                Ok(warnings.as_slice())
            }
            Outcome::Failed { errors } => {
                if let Some(d) = files_difference(&tree(&root.join("output")), &output_before) {
                    self.trace
                        .fail(&format!("a failed build changed the output: {d}"));
                }
                self.good = previous.clone();
                self.editor.built(None);
                Err(errors.as_slice())
            }
        };
        let expected = Expected {
            build,
            files: &self.good,
            gone: previous
                .iter()
                .map(|(p, _)| p.as_str())
                .filter(|p| {
                    self.good
                        .binary_search_by(|(q, _)| q.as_str().cmp(p))
                        .is_err()
                })
                .collect(),
        };
        if let Err(problem) = self.served.wait_for(&expected, quiet) {
            self.trace.fail(&format!(
                "`plansite serve` does not serve what a fresh build gives: {problem}"
            ));
        }
    }

    /// With `PLANSITE_EDIT_LOG`, prints the last edit and how its fresh build went.
    fn log(&self, fresh: &Outcome) {
        if std::env::var_os("PLANSITE_EDIT_LOG").is_none() {
            return;
        }
        let result = match fresh {
            Outcome::Built { files, .. } => format!("{} files", files.len()),
            Outcome::Failed { errors } => format!("fails: {}", errors[0]),
        };
        eprintln!(
            "{} seed {} step {}: {} -> {result}",
            self.trace.case,
            self.trace.seed,
            self.trace.edits.len(),
            self.trace.edits.last().unwrap()
        );
    }
}

/// The sequences of `case`: the default seeds, or `PLANSITE_EDIT_SEED`.
fn sequences(case: &'static Case) -> Vec<libtest_mimic::Trial> {
    let steps = env_number("PLANSITE_EDIT_STEPS").map_or(STEPS, |n| n as usize);
    let seeds = env_number("PLANSITE_EDIT_SEED").map_or(SEEDS.to_vec(), |s| vec![s]);
    seeds
        .into_iter()
        .map(|seed| {
            libtest_mimic::Trial::test(
                format!("edits::random::{}::seed_{seed}", case.name),
                move || {
                    sequence(case, seed, steps);
                    Ok(())
                },
            )
        })
        .collect()
}

/// The tests of this module, for the harness (tests/testsuite/main.rs).
pub(crate) fn trials() -> Vec<libtest_mimic::Trial> {
    let mut trials: Vec<_> = CASES.iter().flat_map(sequences).collect();
    trials.push(crate::trial(
        "edits::a_build_rereads_copied_files_changed_with_their_old_size_and_mtime",
        a_build_rereads_copied_files_changed_with_their_old_size_and_mtime,
    ));
    trials.push(
        crate::trial(
            "edits::serve_rereads_a_copied_file_changed_with_its_old_size_and_mtime",
            serve_rereads_a_copied_file_changed_with_its_old_size_and_mtime,
        )
        .with_ignored_flag(!SERVE_REREADS_COPIES_WITH_OLD_MTIME),
    );
    trials.push(
        crate::trial(
            "edits::serve_follows_a_templates_folder_made_after_it_started",
            serve_follows_a_templates_folder_made_after_it_started,
        )
        .with_ignored_flag(!SERVE_WATCHES_FOLDERS_MADE_LATER),
    );
    trials
}

/// Waits until the server serves what the site in `site` builds to now.
fn serves_the_build(served: &mut Served, site: &TestSite) {
    let Outcome::Built { files, warnings } = compare::build(site.root()) else {
        panic!("the site does not build");
    };
    let expected = Expected {
        build: Ok(&warnings),
        files: &files,
        gone: Vec::new(),
    };
    if let Err(problem) = served.wait_for(&expected, false) {
        panic!("the server does not serve what the site builds to: {problem}");
    }
}

/// A theme override folder made while the server runs: its first file is served, and so are
/// the changes after it.
fn serve_follows_a_templates_folder_made_after_it_started() {
    let site = TestSite::fixture("small");
    let mut served = Served::start(&site);
    let theme =
        std::fs::read_to_string(site.root().join("themes/default/templates/section.html")).unwrap();
    let rel = "templates/section.html";
    site.write(
        rel,
        &theme.replacen("class=\"", "data-edit=\"1\" class=\"", 1),
    );
    serves_the_build(&mut served, &site);
    served.forget_events();
    site.write(
        rel,
        &theme.replacen("class=\"", "data-edit=\"2\" class=\"", 1),
    );
    serves_the_build(&mut served, &site);
    served.stop();
}

/// Rewrites `rel` in place (same inode) with `bytes` of the same length, then puts its mtime
/// back: only the bytes tell the change.
fn change_keeping_size_and_mtime(site: &TestSite, rel: &str, bytes: &[u8]) {
    let path = site.root().join(rel);
    let meta = std::fs::metadata(&path).unwrap();
    assert_eq!(meta.len(), bytes.len() as u64);
    std::fs::write(&path, bytes).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(meta.modified().unwrap())
        .unwrap();
}

/// An attachment and a static file changed with their old size and mtime (the random
/// sequences do so only with other files while serve does not see it): a build over the
/// previous output publishes their new bytes.
fn a_build_rereads_copied_files_changed_with_their_old_size_and_mtime() {
    let site = TestSite::fixture("small");
    site.write_bytes("content/ke-hoach-2024/tep.bin", b"old bytes");
    site.write("static/extra.txt", "old text\n");
    site.build();
    change_keeping_size_and_mtime(&site, "content/ke-hoach-2024/tep.bin", b"new bytes");
    change_keeping_size_and_mtime(&site, "static/extra.txt", b"new text\n");
    site.build();
    assert_eq!(site.read("ke-hoach-2024/tep.bin"), "new bytes");
    assert_eq!(site.read("extra.txt"), "new text\n");
    let fresh = compare::fresh(&Sources::read(site.root()));
    assert!(fresh == compare::build(site.root()), "not a fresh build's");
}

/// An attachment changed with its old size and mtime: the server must serve the new bytes.
fn serve_rereads_a_copied_file_changed_with_its_old_size_and_mtime() {
    let site = TestSite::fixture("small");
    let rel = "content/ke-hoach-2024/tep.bin";
    site.write_bytes(rel, b"old bytes");
    let mut served = Served::start(&site);
    change_keeping_size_and_mtime(&site, rel, b"new bytes");
    serves_the_build(&mut served, &site);
    served.stop();
}
