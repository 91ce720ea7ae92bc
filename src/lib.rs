//! plansite: a static site generator for organisational plans.
//!
//! The build is one pipeline, each stage a module with a typed output:
//!
//! ```text
//! load     content/ walked in sorted order     -> PlanFiles (decoded sources)
//! parse    front matter + Markdown per file    -> PlanDraft
//! resolve  order, number, ids, links, months   -> Site (immutable)
//! render   Tera templates, one view per page   -> Vec<Output>
//! write    fresh folder, swapped in on success -> output/
//! ```
//!
//! `check` runs the same pipeline without `write`. Problems are collected as
//! [`diagnostic::Diagnostic`]s; only the binary prints them.

// The library returns what happened (diagnostics, summaries, `serve::Event`s) and logs
// progress through `log`; printing is the binary's job (main.rs).
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod archive;
pub mod config;
pub mod date;
pub mod diagnostic;
pub mod import;
pub mod load;
pub mod names;
pub mod output;
pub mod parse;
pub mod plan;
pub mod render;
pub mod search;
pub mod serve;
pub mod slug;
pub mod source;
pub mod stamp;
pub mod starter;
pub mod write;

use std::path::{Path, PathBuf};

use config::Settings;
use diagnostic::Diagnostics;
use output::Output;
use plan::Site;
use render::theme::Theme;

/// Everything a build or check needs to know.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (with plansite.toml).
    pub root: PathBuf,
    /// Where `build` writes the site; relative paths are taken from `root`.
    pub output: PathBuf,
    /// Overrides `base_url` of plansite.toml (`--base-url`).
    pub base_url: Option<String>,
}

impl BuildOptions {
    /// Options for the site in `root`, writing to `root/output`.
    pub fn new(root: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions {
            root: root.into(),
            output: PathBuf::from("output"),
            base_url: None,
        }
    }

    /// The output folder, resolved against the root.
    pub fn output_dir(&self) -> PathBuf {
        self.root.join(&self.output)
    }
}

/// The result of running the pipeline in memory.
#[derive(Debug)]
pub struct Compiled {
    /// The resolved site.
    pub site: Site,
    /// Every file of the built site.
    pub outputs: Vec<Output>,
    /// Warnings (no errors: with errors there is no `Compiled`).
    pub warnings: Diagnostics,
}

/// A site loaded, checked and resolved, with its configuration and theme: everything before
/// rendering.
pub struct Prepared {
    /// The settings: plansite.toml resolved, with command-line overrides applied.
    pub settings: Settings,
    /// The theme.
    pub theme: Theme,
    /// The resolved site.
    pub site: Site,
    /// Warnings so far.
    pub warnings: Diagnostics,
}

/// Runs load → parse → resolve, and loads the theme.
pub fn prepare(opts: &BuildOptions) -> Result<Prepared, Diagnostics> {
    let root = opts.root.as_path();
    let settings = Settings::load(root, opts.base_url.as_deref()).map_err(Diagnostics::from)?;
    let mut diags = Diagnostics::new();
    let clock = Stages::start();
    let theme = Theme::load(root, &settings.theme, &settings.language);
    let plan_files = load::load_content(root, &mut diags);
    clock.done("load");
    let drafts: Vec<_> = plan_files
        .into_iter()
        .filter_map(|files| parse::parse_plan(files, settings.markdown.raw_html, &mut diags))
        .collect();
    clock.done("parse");
    let site = plan::resolve(drafts, &settings, &mut diags);
    clock.done("resolve");
    let theme = match theme {
        Ok(t) => t,
        Err(theme_diags) => {
            diags.extend(theme_diags);
            return Err(diags);
        }
    };
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(Prepared {
        settings,
        theme,
        site,
        warnings: diags,
    })
}

/// Renders a prepared site (or part of it) into the list of output files, sorted by path.
pub fn render_prepared(
    root: &Path,
    prepared: &Prepared,
    scope: render::Scope<'_>,
) -> Result<Vec<Output>, Diagnostics> {
    let outputs = output::Collect::default();
    render::render(root, scope, &prepared.settings, &prepared.theme, &outputs).map_err(
        |mut d| {
            d.extend(prepared.warnings.clone());
            d
        },
    )?;
    Ok(outputs.into_sorted())
}

/// Runs load → parse → resolve → render in memory.
pub fn compile(opts: &BuildOptions) -> Result<Compiled, Diagnostics> {
    let prepared = prepare(opts)?;
    let outputs = render_prepared(&opts.root, &prepared, render::Scope::site(&prepared.site))?;
    Ok(Compiled {
        outputs,
        warnings: prepared.warnings,
        site: prepared.site,
    })
}

/// `plansite check`: the whole pipeline in memory; returns the warnings.
pub fn check(opts: &BuildOptions) -> Result<Diagnostics, Diagnostics> {
    compile(opts).map(|c| c.warnings)
}

/// What `build` made.
#[derive(Debug)]
pub struct Built {
    /// The resolved site.
    pub site: Site,
    /// Warnings (no errors: with errors nothing is built).
    pub warnings: Diagnostics,
}

/// `plansite build`: the pipeline, each file written as soon as it is rendered (see
/// [`write::Writer`]: the output changes only if everything succeeds).
pub fn build(opts: &BuildOptions) -> Result<(Built, write::WriteSummary), Diagnostics> {
    let prepared = prepare(opts)?;
    let writer = write::Writer::start(&opts.root, &opts.output_dir()).map_err(Diagnostics::from)?;
    let clock = Stages::start();
    render::render_site(
        &opts.root,
        &prepared.site,
        &prepared.settings,
        &prepared.theme,
        &writer,
    )
    .map_err(|mut d| {
        d.extend(prepared.warnings.clone());
        d
    })?;
    clock.done("render and stage");
    let summary = writer.commit().map_err(Diagnostics::from)?;
    clock.done("commit");
    Ok((
        Built {
            site: prepared.site,
            warnings: prepared.warnings,
        },
        summary,
    ))
}

/// The site root for a path given on the command line (default: the current folder).
pub fn site_root(root: Option<&Path>) -> PathBuf {
    root.map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// The `--verbose` timings of the stages: each stage's own time and the time since the run
/// began (a build's render follows its prepare, each with its own `Stages`).
struct Stages {
    last: std::cell::Cell<std::time::Instant>,
}

/// When the first stage began.
static BEGAN: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

impl Stages {
    fn start() -> Stages {
        let now = std::time::Instant::now();
        BEGAN.get_or_init(|| now);
        Stages {
            last: std::cell::Cell::new(now),
        }
    }

    /// Logs that `stage` is done: its time, the time since the run began, peak memory.
    fn done(&self, stage: &str) {
        let now = std::time::Instant::now();
        let total = BEGAN.get().map_or(std::time::Duration::ZERO, |b| now - *b);
        log::info!(
            "{stage}: {:?} ({:?} in all){}",
            now - self.last.get(),
            total,
            peak_memory()
        );
        self.last.set(now);
    }
}

/// `, peak memory N MB` on Linux (for `--verbose` stage timings), else nothing.
fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
            let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(format!(", peak memory {} MB", kb / 1024))
        })
        .unwrap_or_default()
}
