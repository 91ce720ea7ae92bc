//! Test helpers: a site in a temporary folder, built with the library or the real binary.
#![allow(dead_code)] // each test crate uses a different part of the helpers
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers fail by panicking

pub mod docx;

use std::fs;
use std::path::{Path, PathBuf};

/// The repository root (the real site: content/, themes/, plansite.toml).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site in a temporary folder. The default theme is copied in, so tests see the real theme.
pub struct TestSite {
    dir: tempfile::TempDir,
}

impl TestSite {
    /// An empty site with the default theme and a `plansite.toml` saying `config`.
    pub fn new(config: &str) -> TestSite {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&repo().join("themes"), &dir.path().join("themes"));
        let site = TestSite { dir };
        site.write("plansite.toml", config);
        site
    }

    /// A copy of `tests/fixtures/<name>` with the default theme.
    pub fn fixture(name: &str) -> TestSite {
        let site = TestSite::new("");
        copy_dir(&repo().join("tests/fixtures").join(name), site.root());
        site
    }

    /// A copy of the repository's own site (the real 2023 plan).
    pub fn real() -> TestSite {
        let site = TestSite::new("");
        copy_dir(&repo().join("content"), &site.root().join("content"));
        fs::copy(
            repo().join("plansite.toml"),
            site.root().join("plansite.toml"),
        )
        .expect("copy config");
        site
    }

    /// A small valid site: one plan (content/p), one section with a heading, one month.
    pub fn small() -> TestSite {
        let s = TestSite::new("title = \"T\"\n");
        s.write(
            "content/p/_index.md",
            "+++\ntitle = \"P\"\n\n[period]\nstart = \"2023-01\"\nend = \"2023-03\"\n+++\n\nIntro.\n",
        );
        s.write(
            "content/p/01-a.md",
            "+++\ntitle = \"A\"\n+++\n\n# Heading one\n\nText.\n",
        );
        s.write("content/p/months/2023-01.md", "- x\n");
        s
    }

    /// The site folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `text` to `rel` (creating folders).
    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    /// Rewrites the text of `rel` with `change`.
    pub fn edit(&self, rel: &str, change: impl FnOnce(&str) -> String) {
        let text = fs::read_to_string(self.root().join(rel)).expect("read");
        self.write(rel, &change(&text));
    }

    /// Switches the site's language from Vietnamese to English.
    pub fn in_english(&self) {
        self.edit("plansite.toml", |c| {
            c.replace("language = \"vi\"", "language = \"en\"")
        });
    }

    /// Writes raw bytes to `rel`.
    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, bytes).expect("write");
    }

    /// Build options for this site.
    pub fn options(&self) -> plansite::BuildOptions {
        plansite::BuildOptions::new(self.root())
    }

    /// Builds into `output/`; panics with the diagnostics on failure.
    pub fn build(&self) {
        if let Err(d) = plansite::build(&self.options()) {
            panic!("build failed:\n{}", render(d));
        }
    }

    /// Builds, expecting failure; returns the diagnostics as printed, one per entry.
    pub fn build_errors(&self) -> Vec<String> {
        match plansite::build(&self.options()) {
            Ok(_) => panic!("the build was expected to fail"),
            Err(d) => d.sorted().iter().map(ToString::to_string).collect(),
        }
    }

    /// The text of a built file.
    pub fn read(&self, rel: &str) -> String {
        let path = self.root().join("output").join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    /// Every file under `output/`, relative and sorted, with its bytes.
    pub fn output_files(&self) -> Vec<(String, Vec<u8>)> {
        tree(&self.root().join("output"))
    }
}

/// Every file under `dir`, relative (`/`-separated) and sorted, with its bytes.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            (rel, fs::read(e.path()).expect("read"))
        })
        .collect();
    files.sort();
    files
}

/// Diagnostics as the binary prints them.
pub fn render(d: plansite::diagnostic::Diagnostics) -> String {
    d.sorted().iter().map(|d| format!("{d}\n")).collect()
}

/// The visible text of an HTML page (or of the elements matching `selector`), with white
/// space collapsed.
pub fn text(html: &str, selector: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(selector).expect("selector");
    let raw: Vec<String> = doc
        .select(&sel)
        .map(|e| e.text().collect::<String>())
        .collect();
    raw.join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The values of `attribute` of the elements `selector` selects in an HTML page.
pub fn attrs(html: &str, selector: &str, attribute: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(selector).expect("selector");
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attribute).map(str::to_owned))
        .collect()
}

/// The texts of each element matching `selector`.
pub fn texts(html: &str, selector: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(selector).expect("selector");
    doc.select(&sel)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Copies the folder `from` into `to`, merging with what is there.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let rel = entry.path().strip_prefix(from).expect("inside");
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).expect("mkdir");
        } else {
            fs::copy(entry.path(), &dest).expect("copy");
        }
    }
}
