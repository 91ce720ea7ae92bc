//! The output changes in one atomic step: a build killed at any instant leaves the complete
//! old site or the complete new one, and the next build cleans what it left; unchanged files
//! are hard links to the previous ones. (Two builds at once: tests/testsuite/concurrent_builds.rs; a full
//! disk: tests/testsuite/disk_full.rs.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

use crate::common;
use crate::generate;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use common::tree;

type Tree = Vec<(String, Vec<u8>)>;

/// Two versions of a generated archive that differ on every page (the site title), building
/// into the same output folder, and each version built once into a folder of its own.
struct Archive {
    dir: tempfile::TempDir,
    old: Tree,
    new: Tree,
}

impl Archive {
    fn new(plans: usize, sections: usize) -> Archive {
        let dir = tempfile::tempdir().unwrap();
        for (name, title) in [("a", "Lưu trữ"), ("b", "Lưu trữ mới")] {
            let root = dir.path().join(name);
            generate::generate(&root, plans, sections, 1);
            std::fs::write(root.join("plansite.toml"), format!("title = \"{title}\"\n")).unwrap();
        }
        let mut archive = Archive {
            dir,
            old: Vec::new(),
            new: Vec::new(),
        };
        for (site, reference) in [("a", "ref-a"), ("b", "ref-b")] {
            let out = archive.run(site, &archive.path(reference), &[]);
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        archive.old = tree(&archive.path("ref-a"));
        archive.new = tree(&archive.path("ref-b"));
        assert_ne!(archive.old, archive.new);
        archive
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// `plansite build` of version `site` into `output`, with `env` set.
    fn command(&self, site: &str, output: &Path, env: &[(&str, &str)]) -> Command {
        // PLANSITE_CRASH_BIN runs the test on another binary (a release build, for the
        // 20-plan archive: see the crash test).
        let bin = std::env::var_os("PLANSITE_CRASH_BIN").map_or_else(
            || env!("CARGO_BIN_EXE_plansite").into(),
            std::path::PathBuf::from,
        );
        let mut cmd = Command::new(bin);
        cmd.arg("--root")
            .arg(self.path(site))
            .arg("build")
            .arg("--output")
            .arg(output)
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    fn run(&self, site: &str, output: &Path, env: &[(&str, &str)]) -> std::process::Output {
        self.command(site, output, env).output().unwrap()
    }

    /// The shared output folder.
    fn output(&self) -> PathBuf {
        self.path("output")
    }

    /// Which complete build the output is: "old", "new", or a panic.
    fn state(&self, context: &str) -> &'static str {
        let now = tree(&self.output());
        if now == self.old {
            "old"
        } else if now == self.new {
            "new"
        } else {
            let names = |t: &Tree| t.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
            let (a, b) = (names(&self.old), names(&now));
            let differ = now
                .iter()
                .filter(|f| !self.old.contains(f) && !self.new.contains(f))
                .count();
            panic!(
                "{context}: the output is neither build: {} files (old {}), {differ} match neither; \
                 missing {:?}",
                b.len(),
                a.len(),
                a.iter()
                    .filter(|p| !b.contains(p))
                    .take(5)
                    .collect::<Vec<_>>()
            );
        }
    }

    /// What builds left beside the output but the lock files and the output's spare tree
    /// (where the next build is made).
    fn leftovers(&self) -> Vec<String> {
        std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .filter(|n| {
                !n.ends_with(".plansite-lock")
                    && !n.ends_with(".plansite-cache")
                    && n != ".output.plansite-spare"
            })
            .collect()
    }

    /// The output's spare tree.
    fn spare(&self) -> PathBuf {
        self.path(".output.plansite-spare")
    }
}

/// A small deterministic generator (xorshift64*), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn unit(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn a_build_killed_at_any_instant_leaves_the_old_site_or_the_new_one() {
    let clock = Instant::now();
    // CI: 3 plans × 8 sections with the test's debug binary (~40 s). The 20-plan
    // archive with a release binary: PLANSITE_CRASH_PLANS=20 PLANSITE_CRASH_SECTIONS=50
    // PLANSITE_CRASH_BIN=target/release/plansite cargo test --test testsuite atomic_commit -- --nocapture
    let size = |name: &str, default: usize| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let a = Archive::new(
        size("PLANSITE_CRASH_PLANS", 3),
        size("PLANSITE_CRASH_SECTIONS", 8),
    );
    let out = a.output();
    assert!(a.run("a", &out, &[]).status.success());
    // How long a rebuild that changes every page takes, to spread the kills over it: the
    // fastest of three (the first makes the spare tree; later ones, like the killed builds,
    // start from it).
    let took = ["b", "a", "b"]
        .into_iter()
        .map(|site| {
            let start = Instant::now();
            assert!(a.run(site, &out, &[]).status.success());
            start.elapsed()
        })
        .min()
        .unwrap();
    assert_eq!(a.state("after a full rebuild"), "new");
    eprintln!(
        "{} files; a rebuild of every page takes {took:?}; set up in {:?}",
        a.new.len(),
        clock.elapsed()
    );
    let mut rng = Rng(0x5EED_0016);
    let (mut current, mut counts) = ("new", [0usize; 3]);
    for i in 0..100 {
        let target = if current == "old" { "b" } else { "a" };
        // Half the kills anywhere in the build, half in its second half (writing and commit).
        let f = if i % 2 == 0 {
            1.05 * rng.unit()
        } else {
            0.5 + 0.55 * rng.unit()
        };
        let mut child = a.command(target, &out, &[]).spawn().unwrap();
        std::thread::sleep(took.mul_f64(f));
        let killed = child.try_wait().unwrap().is_none();
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        let now = a.state(&format!("kill {i} at {f:.2} of a build"));
        if !killed {
            assert!(status.success(), "run {i} finished but failed");
            assert_eq!(now, if target == "a" { "old" } else { "new" }, "run {i}");
        }
        counts[usize::from(!killed) * 2 + usize::from(now != current && killed)] += 1;
        current = now;
    }
    eprintln!(
        "100 runs: {} killed with the old site kept, {} killed after the swap, {} finished",
        counts[0], counts[1], counts[2]
    );
    // The next build cleans up whatever the kills left.
    assert!(a.run("a", &out, &[]).status.success());
    assert_eq!(a.state("after a last build"), "old");
    assert_eq!(a.leftovers(), Vec::<String>::new());
    eprintln!("crash test took {:?}", clock.elapsed());
}

fn a_build_stopped_at_each_step_of_the_commit_is_recovered() {
    let a = Archive::new(2, 5);
    let out = a.output();
    for (point, expected) in [
        ("stage-1", "old"),
        ("stage-40", "old"),
        ("before-swap", "old"),
        ("after-swap", "new"),
    ] {
        assert!(a.run("a", &out, &[]).status.success());
        let stopped = a.run("b", &out, &[("PLANSITE_FAILPOINT", point)]);
        assert_eq!(
            stopped.status.code(),
            Some(86),
            "{point}: the failpoint was not reached"
        );
        assert_eq!(a.state(point), expected, "{point}");
        // The stopped build was made in the spare tree, which the next one takes as it is.
        assert!(a.spare().is_dir(), "{point}");
        assert_eq!(a.leftovers(), Vec::<String>::new(), "{point}");
        let next = a.run("b", &out, &[]);
        assert!(next.status.success(), "{point}");
        assert_eq!(a.state(point), "new", "{point}");
        assert_eq!(a.leftovers(), Vec::<String>::new(), "{point}");
    }
}

#[cfg(unix)]
fn unchanged_files_are_the_same_files() {
    use std::os::unix::fs::MetadataExt;
    let a = Archive::new(1, 3);
    let out = a.output();
    assert!(a.run("a", &out, &[]).status.success());
    let css = out.join("style.css");
    let page = out.join("index.html");
    let (css_before, page_before) = (
        std::fs::metadata(&css).unwrap(),
        std::fs::metadata(&page).unwrap(),
    );
    assert!(a.run("b", &out, &[]).status.success());
    let (css_after, page_after) = (
        std::fs::metadata(&css).unwrap(),
        std::fs::metadata(&page).unwrap(),
    );
    // The unchanged stylesheet is the same file (same inode, same time); the page is new.
    assert_eq!(css_after.ino(), css_before.ino());
    assert_eq!(css_after.mtime_nsec(), css_before.mtime_nsec());
    assert_ne!(page_after.ino(), page_before.ino());
    // The previous output is the spare tree now: the stylesheet in it is the same file, the
    // page the previous one.
    assert_eq!(css_after.nlink(), 2);
    let spare = a.spare();
    assert_eq!(
        std::fs::metadata(spare.join("style.css")).unwrap().ino(),
        css_after.ino()
    );
    assert_eq!(
        std::fs::metadata(spare.join("index.html")).unwrap().ino(),
        page_before.ino()
    );
    assert_eq!(a.state("after the rebuild"), "new");
}

/// The tests of this module, for the harness (tests/testsuite/main.rs).
pub(crate) fn trials() -> Vec<libtest_mimic::Trial> {
    let mut trials = vec![
        crate::trial(
            "atomic_commit::a_build_killed_at_any_instant_leaves_the_old_site_or_the_new_one",
            a_build_killed_at_any_instant_leaves_the_old_site_or_the_new_one,
        ),
        crate::trial(
            "atomic_commit::a_build_stopped_at_each_step_of_the_commit_is_recovered",
            a_build_stopped_at_each_step_of_the_commit_is_recovered,
        ),
    ];
    #[cfg(unix)]
    trials.push(crate::trial(
        "atomic_commit::unchanged_files_are_the_same_files",
        unchanged_files_are_the_same_files,
    ));
    trials
}
