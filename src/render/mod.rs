//! Render: the resolved site through the theme's Tera templates into output files, page by
//! page in parallel, each handed to a [`Sink`] as soon as it is made (a build writes it,
//! `serve` keeps it). No page's context holds more than that page shows; each page's context
//! is made in [`views`], beside the views it holds; `renderer.rs` has the jobs and runs them.
//! A [`Scope`] says which plans are rendered: the whole site, or some of its plans alone (an
//! archive: one plan, or an organisation's), whose links to the others are written by a
//! policy of the caller's. A build renders plan by plan ([`PlanByPlan`]).

pub mod calendar;
pub mod data;
pub mod discovery;
pub mod errors;
pub mod functions;
pub mod grid;
pub mod here;
pub mod i18n;
mod renderer;
mod scope;
pub mod theme;
pub mod views;

use std::path::Path;

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::Guard;
// Re-exported for the modules that take outputs from here (serve, archive).
pub use crate::output::{Collect, Content, Output, Sink};
use crate::plan::{Plan, Site};
use renderer::{Job, Renderer, SiteMonths, organisation_key};
pub use scope::{Alone, Scope};
use theme::Theme;
use views::Near;

/// Renders every page of the site and every file to copy into `sink`, in parallel. All
/// template errors are collected.
pub fn render_site(
    root: &Path,
    site: &Site,
    config: &Settings,
    theme: &Theme,
    sink: &dyn Sink,
) -> Result<(), Diagnostics> {
    render(root, Scope::site(site), config, theme, sink)
}

/// Renders the pages of `scope` and every file to copy into `sink`, in parallel. All template
/// errors are collected.
pub fn render(
    root: &Path,
    scope: Scope<'_>,
    config: &Settings,
    theme: &Theme,
    sink: &dyn Sink,
) -> Result<(), Diagnostics> {
    let guard = Guard::new(sink);
    let r = Renderer::new(theme, config, scope, SiteMonths::Made);
    let mut jobs = r.site_jobs();
    // A plan's previous and next years are those of its organisation.
    jobs.extend(r.nears().map(Job::Plan));
    r.run_all(&jobs, root, &guard)?;
    finish(&r, &guard)
}

/// A render done plan by plan, as a build does to hold one plan's bodies at a time: each
/// plan's pages are made from the whole plan while the other plans are known by their heads
/// (`crate::plan::head`), and the site's own pages at the end, from every plan's light form.
/// Everything goes through one [`Guard`], so paths are checked across the whole site.
pub struct PlanByPlan<'s> {
    root: &'s Path,
    config: &'s Settings,
    theme: &'s Theme,
    guard: Guard<'s>,
}

impl<'s> PlanByPlan<'s> {
    /// A render into `sink`.
    pub fn new(
        root: &'s Path,
        config: &'s Settings,
        theme: &'s Theme,
        sink: &'s dyn Sink,
    ) -> PlanByPlan<'s> {
        PlanByPlan {
            root,
            config,
            theme,
            guard: Guard::new(sink),
        }
    }

    /// The neighbours of each plan of `heads` (the site's plans, newest first): its newer
    /// and older plans of the same organisation.
    pub fn nears<'h>(heads: &'h [&'h Plan]) -> Vec<Near<'h, Plan>> {
        Near::grouped(heads, organisation_key).collect()
    }

    /// Every page and file of `plan`, whole, which is `near.this` among `heads` (the site's
    /// plans, newest first, by their heads).
    /// Returns the paths of the files it published, each with the file it copies, if any.
    pub fn plan(
        &self,
        heads: &[&Plan],
        near: Near<'_, Plan>,
        plan: &Plan,
    ) -> Result<Vec<(String, Option<std::path::PathBuf>)>, Diagnostics> {
        let r = Renderer::new(self.theme, self.config, Scope::of(heads), SiteMonths::Left);
        let recorder = Recorder {
            sink: &self.guard,
            paths: std::sync::Mutex::new(Vec::new()),
        };
        r.plan(Near { this: plan, ..near }, &recorder)?;
        let mut paths = recorder
            .paths
            .into_inner()
            .map_err(|_| Diagnostics::from(crate::output::poisoned()))?;
        paths.sort();
        Ok(paths)
    }

    /// Publishes the file the previous build published at `path`, unchanged (`source`: the
    /// file it is a copy of, if it is one).
    pub fn keep(&self, path: String, source: Option<std::path::PathBuf>) -> Result<(), Diagnostic> {
        self.guard.put(Output {
            path,
            content: Content::Kept(source),
        })
    }

    /// The site's own pages (home, search, 404, the months across the site, its calendar),
    /// the theme's static files, the sitemap, and the check of every published name.
    /// `lights`: every plan, newest first, in its light form (`crate::plan::head::lighten`).
    pub fn finish(self, lights: &[&Plan]) -> Result<(), Diagnostics> {
        let r = Renderer::new(self.theme, self.config, Scope::of(lights), SiteMonths::Made);
        let jobs = r.site_jobs();
        r.run_all(&jobs, self.root, &self.guard)?;
        finish(&r, &self.guard)
    }
}

/// A sink that passes files on and notes their paths (and the files they copy).
struct Recorder<'s> {
    sink: &'s dyn Sink,
    paths: std::sync::Mutex<Vec<(String, Option<std::path::PathBuf>)>>,
}

impl Sink for Recorder<'_> {
    fn put(&self, output: Output) -> Result<(), Diagnostic> {
        let source = output.content.source();
        let path = output.path.clone();
        self.sink.put(output)?;
        self.paths
            .lock()
            .map_err(|_| crate::output::poisoned())?
            .push((path, source));
        Ok(())
    }
}

/// The sitemap (with a `base_url`) and the check of the names as a whole: two that one
/// Windows or macOS disk would take for one, too long.
fn finish(r: &Renderer<'_>, guard: &Guard<'_>) -> Result<(), Diagnostics> {
    if r.views.config.base_url.is_some() {
        for o in discovery::sitemap_and_robots(&guard.pages(), &r.views) {
            guard.put(o).map_err(Diagnostics::from)?;
        }
    }
    let problems = crate::names::check(guard.published());
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}
