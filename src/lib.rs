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
mod pipeline;
pub mod plan;
pub mod render;
pub mod search;
pub mod serve;
pub mod slug;
pub mod source;
mod stages;
pub mod stamp;
pub mod starter;
pub mod write;

use std::path::{Path, PathBuf};

use config::Settings;
use diagnostic::Diagnostics;
use output::Output;
use plan::Site;
use render::theme::Theme;
use stages::Stages;

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
        .filter_map(|files| {
            parse::parse_plan(
                files,
                parse::Bodies::whole(settings.markdown.raw_html),
                &mut diags,
            )
        })
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

/// `plansite check`: the whole build, plan by plan, every page rendered and none kept;
/// returns the warnings.
pub fn check(opts: &BuildOptions) -> Result<Diagnostics, Diagnostics> {
    let (settings, theme) = settings_and_theme(opts)?;
    let sink = pipeline::Discard;
    let ran = run_pipeline(opts, &settings, theme, Default::default(), &sink, &|_| {
        false
    });
    ran.result.map(|made| made.warnings)
}

/// What `build` made.
#[derive(Debug)]
pub struct Built {
    /// How many plans the site has.
    pub plans: usize,
    /// How many of them were rendered (the others' pages were kept from the last build).
    pub rendered: usize,
    /// Warnings (no errors: with errors nothing is built).
    pub warnings: Diagnostics,
}

/// `plansite build`: the pipeline, plan by plan, each file written as soon as it is
/// rendered (see [`write::Writer`]: the output changes only if everything succeeds). The
/// pages of a plan that did not change, in a site that did not change around it, are kept
/// from the last build (see `pipeline`); the records that allow it are kept beside the
/// output (`.<output>.plansite-cache`), written after the output is committed.
pub fn build(opts: &BuildOptions) -> Result<(Built, write::WriteSummary), Diagnostics> {
    let clock = Stages::start();
    let (settings, theme) = settings_and_theme(opts)?;
    clock.done("settings and theme");
    let writer = write::Writer::start(&opts.root, &opts.output_dir()).map_err(Diagnostics::from)?;
    clock.done("output opened");
    let cache_path = writer.beside("plansite-cache");
    pipeline::cache::Cache::clean_temps(&cache_path);
    let key = theme
        .as_ref()
        .ok()
        .and_then(|t| pipeline::cache::global_key(&format!("{settings:?}"), t.fingerprint));
    let previous = match key {
        Some(key) => pipeline::cache::Cache::load(&cache_path, key),
        None => pipeline::cache::Cache::default(),
    };
    clock.done("cache read");
    let output = writer.output().to_path_buf();
    let published = |o: &pipeline::cache::OutputRecord| {
        o.stamp.is_some_and(|was| {
            stamp::Stamp::of(&output.join(&o.path)).is_some_and(|now| now.same_file_as(&was))
        })
    };
    let ran = run_pipeline(opts, &settings, theme, previous, &writer, &published);
    // A failed build leaves the output, and so the cache that describes it, as they were.
    let made = ran.result?;
    let clock = Stages::start();
    let summary = writer.commit().map_err(Diagnostics::from)?;
    clock.done("commit");
    // Still under the output's lock: the next build reads the records of this output.
    if key.is_some() {
        let mut cache = ran.cache;
        cache.stamp_outputs(&output, summary.written > 0 || summary.removed > 0);
        cache.save(&cache_path);
        clock.done("cache");
    }
    drop(writer);
    Ok((
        Built {
            plans: made.plans,
            rendered: made.rendered,
            warnings: made.warnings,
        },
        summary,
    ))
}

/// The settings and the theme (or the theme's problems: the content is still checked).
pub(crate) fn settings_and_theme(
    opts: &BuildOptions,
) -> Result<(Settings, Result<Theme, Diagnostics>), Diagnostics> {
    let settings =
        Settings::load(&opts.root, opts.base_url.as_deref()).map_err(Diagnostics::from)?;
    let theme = Theme::load(&opts.root, &settings.theme, &settings.language);
    Ok((settings, theme))
}

/// Runs the pipeline; a theme that failed is reported with the content's problems.
pub(crate) fn run_pipeline(
    opts: &BuildOptions,
    settings: &Settings,
    theme: Result<Theme, Diagnostics>,
    previous: pipeline::cache::Cache,
    sink: &dyn output::Sink,
    published: &(dyn Fn(&pipeline::cache::OutputRecord) -> bool + Sync),
) -> pipeline::Ran {
    let inputs = pipeline::Inputs {
        root: &opts.root,
        settings,
        theme: theme.as_ref().ok(),
    };
    let mut ran = pipeline::run(&inputs, previous, sink, published);
    if let Err(mut theme_diags) = theme {
        ran.result = match ran.result {
            Err(d) | Ok(pipeline::Made { warnings: d, .. }) => {
                theme_diags.extend(d);
                Err(theme_diags)
            }
        };
    }
    ran
}

/// The site root for a path given on the command line (default: the current folder).
pub fn site_root(root: Option<&Path>) -> PathBuf {
    root.map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}
