//! A disk that runs out of space or of inodes while the new site is being written: the output
//! stays the complete previous build, the build says so, and says "no room" once, not once per
//! file. Runs on a small tmpfs, so it needs root (as CI has); elsewhere it is skipped.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

use crate::common;
use crate::generate;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::tree;

/// A tmpfs mounted on a temporary folder, unmounted when dropped.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount() -> Option<Tmpfs> {
        let is_root = Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
        if !is_root {
            eprintln!("SKIPPED: mounting a small tmpfs needs root (CI runs as root)");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let fs = Tmpfs { dir };
        fs.mount_with("size=64m,nr_inodes=100000", false);
        Some(fs)
    }

    fn mount_with(&self, options: &str, remount: bool) {
        let options = if remount {
            format!("remount,{options}")
        } else {
            options.to_owned()
        };
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &options, "tmpfs"])
            .arg(self.dir.path())
            .status()
            .unwrap();
        assert!(status.success(), "mount -o {options}");
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Bytes and inodes in use.
    fn used(&self) -> (u64, u64) {
        let out = Command::new("stat")
            .args(["-f", "-c", "%b %f %S %c %d"])
            .arg(self.path())
            .output()
            .unwrap();
        let n: Vec<u64> = String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .map(|v| v.parse().unwrap())
            .collect();
        ((n[0] - n[1]) * n[2], n[3] - n[4])
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.path()).status();
    }
}

fn build(root: &Path, output: &Path) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_plansite"))
        .arg("--root")
        .arg(root)
        .arg("build")
        .arg("--output")
        .arg(output)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn a_full_disk_keeps_the_old_site_and_says_so_once() {
    let Some(fs) = Tmpfs::mount() else { return };
    let sites = tempfile::tempdir().unwrap();
    let (old_root, new_root): (PathBuf, PathBuf) = (sites.path().join("a"), sites.path().join("b"));
    for (root, title) in [(&old_root, "Cũ"), (&new_root, "Mới")] {
        generate::generate(root, 4, 12, 1);
        std::fs::write(root.join("plansite.toml"), format!("title = \"{title}\"\n")).unwrap();
    }
    let out = fs.path().join("output");
    assert!(build(&old_root, &out).0);
    let old = tree(&out);
    let (bytes, inodes) = fs.used();
    // Room for a third of the new pages: every page changed, so all need writing.
    for (what, limit) in [
        (
            "space",
            format!("size={}", (bytes + bytes / 3).div_ceil(4096) * 4096),
        ),
        (
            "inodes",
            format!("size=64m,nr_inodes={}", inodes + inodes / 3),
        ),
    ] {
        fs.mount_with(&limit, true);
        let (ok, stderr) = build(&new_root, &out);
        assert!(!ok, "{what}: the build should not fit");
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(
            lines.iter().filter(|l| l.starts_with("error:")).count(),
            1,
            "{what}: {stderr}"
        );
        assert!(
            lines[0].starts_with("error: no room left on the disk for the new site: ")
                && lines[0].contains("No space left on device"),
            "{what}: {stderr}"
        );
        assert!(
            stderr.ends_with("1 error(s): build failed; the previous output was left untouched.\n"),
            "{what}: {stderr}"
        );
        assert!(tree(&out) == old, "{what}: the output changed");
        let leftovers: Vec<_> = std::fs::read_dir(fs.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".plansite-"))
            .collect();
        assert!(leftovers.is_empty(), "{what}: {leftovers:?}");
        assert!(
            !fs.path().join(".output.plansite-spare").exists(),
            "{what}: the spare tree holds the room the failed build took"
        );
    }
    // With room again, the new site goes in.
    fs.mount_with("size=64m,nr_inodes=100000", true);
    let (ok, stderr) = build(&new_root, &out);
    assert!(ok, "{stderr}");
    assert_ne!(tree(&out), old);
}

/// The tests of this module, for the harness (tests/testsuite/main.rs).
pub(crate) fn trials() -> Vec<libtest_mimic::Trial> {
    let trials = vec![crate::trial(
        "disk_full::a_full_disk_keeps_the_old_site_and_says_so_once",
        a_full_disk_keeps_the_old_site_and_says_so_once,
    )];
    trials
}
