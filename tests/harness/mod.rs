//! The fuzzing harness: what one fuzz input runs through. Shared by the cargo-fuzz targets in
//! `fuzz/` and by `tests/testsuite/fuzz_regressions.rs`, which replays the seeds and every crash found,
//! so a fixed crash stays fixed. Each function may reject its input with diagnostics; it must
//! never panic, and what it produces must be safe to write.
#![allow(dead_code)] // each user calls one of the entry points
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a panic is the finding

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use plansite::config::{Config, Settings};
use plansite::diagnostic::Diagnostics;
use plansite::load::PlanFiles;
use plansite::parse::front_matter;
use plansite::parse::meta::{MonthMeta, PlanMeta, SectionMeta};
use plansite::parse::sanitize::RawHtml;
use plansite::render::theme::Theme;
use plansite::source::SourceFile;

/// Front matter: decoding, splitting, then every schema (and the site configuration's).
pub fn front_matter(data: &[u8]) {
    let Ok(file) = SourceFile::decode(Path::new("content/p/01-a.md"), data) else {
        return;
    };
    let Ok(split) = front_matter::split(&file) else {
        return;
    };
    assert!(split.body_offset <= file.text.len());
    assert!(file.text.is_char_boundary(split.body_offset));
    if let Some(front) = &split.front {
        let _ = front_matter::deserialize::<PlanMeta>(&file, front);
        let _ = front_matter::deserialize::<SectionMeta>(&file, front);
        let _ = front_matter::deserialize::<MonthMeta>(&file, front);
        let _ = front_matter::deserialize::<Config>(&file, front);
    }
}

/// A site root with a configuration, and the built-in theme, made once.
struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
    config: Settings,
    theme: Theme,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        std::fs::write(root.join("plansite.toml"), "title = \"Chi bộ\"\n").unwrap();
        let config = Settings::load(&root, None).unwrap();
        let theme = Theme::load(&root, &config.theme, &config.language).unwrap();
        Fixture {
            _dir: dir,
            root,
            config,
            theme,
        }
    })
}

const PLAN: &str = "+++\ntitle = \"Kế hoạch\"\n[period]\nstart = \"2023-01\"\nend = \"2023-03\"\n+++\n\nCăn cứ [mục](01-a.md#muc).\n";
const SECTION: &str = "+++\ntitle = \"MỤC\"\nnumber = \"I\"\ntimeline = true\n+++\n\n# Mục\n\nXem [tháng](months/2023-02.md).\n";
const MONTH: &str = "- Họp chi bộ.\n";

/// One file of a plan, parsed, resolved and rendered with the other files fixed. The first byte
/// says which file the rest replaces: the plan file, the section or the month file.
pub fn page(data: &[u8]) {
    let Some((&role, rest)) = data.split_first() else {
        return;
    };
    let source = |path: &str, default: &str, role_here: u8| {
        let bytes = if role % 3 == role_here {
            rest
        } else {
            default.as_bytes()
        };
        SourceFile::decode(Path::new(path), bytes).ok()
    };
    let files = PlanFiles {
        folder: "p".into(),
        dir: PathBuf::from("content/p"),
        plan: source("content/p/_index.md", PLAN, 0),
        sections: source("content/p/01-a.md", SECTION, 1)
            .into_iter()
            .collect(),
        months: source("content/p/months/2023-02.md", MONTH, 2)
            .into_iter()
            .collect(),
        assets: Vec::new(),
    };
    let f = fixture();
    let raw_html = if role & 0x80 == 0 {
        RawHtml::Sanitize
    } else {
        RawHtml::Allow
    };
    let mut diags = Diagnostics::new();
    let drafts: Vec<_> =
        plansite::parse::parse_plan(files, plansite::parse::Bodies::whole(raw_html), &mut diags)
            .into_iter()
            .collect();
    let site = plansite::plan::resolve(drafts, &f.config, &mut diags);
    if diags.has_errors() {
        return;
    }
    let collect = plansite::render::Collect::default();
    if plansite::render::render_site(&f.root, &site, &f.config, &f.theme, &collect).is_err() {
        return;
    }
    let outputs = collect.into_sorted();
    // The render's guard let only confined paths through, each once: checked here on its own.
    let mut seen = std::collections::HashSet::new();
    for o in &outputs {
        assert!(plansite::output::is_confined(&o.path), "{}", o.path);
        assert!(seen.insert(o.path.as_str()), "{} twice", o.path);
    }
    if raw_html == RawHtml::Sanitize {
        for o in &outputs {
            if let plansite::render::Content::Bytes(b) = &o.content
                && o.path.ends_with(".html")
            {
                let html = String::from_utf8_lossy(b).to_ascii_lowercase();
                assert!(!html.contains("<script>"), "a script in {}", o.path);
            }
        }
    }
}

/// `plansite import` of one document, as text and as a Word file: reading, recognising and
/// rendering the content files. Whatever is recognised, every file written must be valid
/// front matter plansite itself can read back.
pub fn import(data: &[u8]) {
    use plansite::import::{docx, files, recognise, text};
    type Reader =
        fn(&[u8]) -> Result<Vec<plansite::import::doc::Block>, plansite::diagnostic::Diagnostic>;
    let readers: [(&str, Reader); 2] = [
        ("fuzz.txt", |d| text::read(Path::new("fuzz.txt"), d, false)),
        ("fuzz.docx", |d| docx::read(Path::new("fuzz.docx"), d)),
    ];
    for (name, read) in readers {
        let Ok(blocks) = read(data) else { continue };
        let plan = recognise::recognise(&blocks);
        let written = files::render(&plan).expect("the front matter serialises");
        for (rel, body) in written {
            let path = Path::new(name).join(&rel);
            let source =
                SourceFile::decode(&path, body.as_bytes()).expect("the import writes UTF-8");
            if rel.starts_with("months") && !body.starts_with("+++") {
                continue;
            }
            let split = front_matter::split(&source)
                .unwrap_or_else(|d| panic!("{}: {d:?}\n{body}", rel.display()));
            let front = split.front.expect("the import writes front matter");
            let parsed: Result<(), _> = if rel.ends_with("_index.md") {
                front_matter::deserialize::<PlanMeta>(&source, &front).map(|_| ())
            } else if rel.starts_with("months") {
                front_matter::deserialize::<MonthMeta>(&source, &front).map(|_| ())
            } else {
                front_matter::deserialize::<SectionMeta>(&source, &front).map(|_| ())
            };
            if let Err(d) = parsed {
                panic!(
                    "{}: the import wrote front matter it cannot read: {d:?}\n{body}",
                    rel.display()
                );
            }
        }
    }
}
