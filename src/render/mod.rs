//! Render: the resolved site through the theme's Tera templates into output files, page by
//! page in parallel, each handed to a [`Sink`] as soon as it is made (a build writes it, a
//! check keeps it). No page's context holds more than that page shows.

pub mod calendar;
pub mod data;
pub mod discovery;
pub mod functions;
pub mod here;
pub mod i18n;
pub mod theme;
pub mod views;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::Guard;
// Re-exported for the modules that take outputs from here (serve, archive, discovery).
pub use crate::output::{Collect, Content, Output, Sink};
use crate::plan::{LinkTarget, PageId, Plan, Site};
use here::{Here, Links};
use theme::Theme;
use views::{
    Detail, Latest, MonthView, PageView, PlanSummary, PlanView, SectionHtml, SectionView, SiteView,
    Views,
};

/// Which plans a render makes, and how their links to plans outside it are written.
#[derive(Clone, Copy)]
pub struct Scope<'a> {
    /// The plans, newest first.
    plans: &'a [Plan],
    /// How links to other plans are written.
    links: Links<'a>,
}

impl<'a> Scope<'a> {
    /// The whole site.
    pub fn site(site: &'a Site) -> Scope<'a> {
        Scope {
            plans: &site.plans,
            links: Links::Relative,
        }
    }

    /// Only `plan`, as a site of its own (an archive): its home page lists it alone, and
    /// `href` writes its links to other plans' pages and files, as HTML for an attribute.
    pub fn alone(plan: &'a Plan, href: &'a (dyn Fn(&LinkTarget) -> String + Sync)) -> Scope<'a> {
        Scope {
            plans: std::slice::from_ref(plan),
            links: Links::Alone {
                plan: &plan.slug,
                href,
            },
        }
    }
}

/// Context of `index.html` (the archive home page).
#[derive(Serialize)]
struct HomeContext<'a> {
    site: SiteView<'a>,
    page: PageView,
    /// Every plan, newest first.
    plans: Vec<PlanSummary<'a>>,
}

/// Context of `plan.html` (a plan's whole document) and `timeline.html`.
#[derive(Serialize)]
struct PlanContext<'a> {
    site: SiteView<'a>,
    page: PageView,
    plan: PlanView<'a>,
    /// The next newer plan of the site (next year's), if any.
    newer: Option<PlanSummary<'a>>,
    /// The next older plan of the site (last year's), if any.
    older: Option<PlanSummary<'a>>,
}

/// Context of `section.html`.
#[derive(Serialize)]
struct SectionContext<'a> {
    site: SiteView<'a>,
    page: PageView,
    /// Only for the section with the month table; the others get the plan's shared outline.
    #[serde(skip_serializing_if = "Option::is_none")]
    plan: Option<PlanView<'a>>,
    section: SectionView<'a>,
    prev: Option<SectionView<'a>>,
    next: Option<SectionView<'a>>,
}

/// Context of `month.html`.
#[derive(Serialize)]
struct MonthContext<'a> {
    site: SiteView<'a>,
    page: PageView,
    month: MonthView<'a>,
    prev: Option<MonthView<'a>>,
    next: Option<MonthView<'a>>,
}

/// A plan's outline (`plan` without bodies or months) as a template value, made once and
/// shared by every section page, and once for every month page: pages at the same depth see
/// the same relative URLs, and a template value is reference-counted, so each page costs a
/// pointer instead of a copy of every section's title and headings (which made an archive's
/// cost grow with the square of its sections).
struct Outlines {
    sections: Option<tera::Value>,
    months: Option<tera::Value>,
}

/// Which of a plan's own pages.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Document {
    /// The whole document: `plan.html`.
    Whole,
    /// The timeline: `timeline.html`.
    Timeline,
}

/// One unit of rendering work; jobs run in parallel.
enum Job<'a> {
    Home,
    NotFound,
    Search,
    /// Every page and file of a plan (its pages in parallel in turn).
    Plan(usize),
    Static(&'a str, &'a theme::ThemeFile),
}

/// One unit of a plan's work.
#[derive(Clone, Copy)]
enum PlanJob {
    /// The document and timeline pages, data, search index, calendar and files.
    Own,
    Section(usize),
    Month(usize),
}

/// Renders every page of the site and every file to copy into `sink`, in parallel. All
/// template errors are collected.
pub fn render_site(
    root: &Path,
    site: &Site,
    config: &Config,
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
    config: &Config,
    theme: &Theme,
    sink: &dyn Sink,
) -> Result<(), Diagnostics> {
    let views = Views {
        config,
        language: &theme.language,
        has_preview_image: theme.static_files.contains_key("og-image.png"),
    };
    let r = Renderer {
        theme,
        views,
        scope,
    };
    let guard = Guard::new(sink);
    let mut jobs = vec![Job::Home, Job::NotFound, Job::Search];
    jobs.extend((0..scope.plans.len()).map(Job::Plan));
    jobs.extend(
        theme
            .static_files
            .iter()
            .map(|(path, file)| Job::Static(path, file)),
    );
    let diags = jobs
        .par_iter()
        .map(|job| {
            let mut diags = Diagnostics::new();
            if let Err(d) = r.run(job, root, &guard) {
                diags.extend(d);
            }
            diags
        })
        .reduce(Diagnostics::new, |mut a, b| {
            a.extend(b);
            a
        });
    if diags.has_errors() {
        return Err(merge_repeats(diags));
    }
    if config.base_url.is_some() {
        for o in discovery::sitemap_and_robots(&guard.pages(), &r.views) {
            guard.put(o).map_err(Diagnostics::from)?;
        }
    }
    Ok(())
}

/// The same template error on many pages is one problem: it is reported once, for the first
/// page, with a count of the others.
fn merge_repeats(diags: Diagnostics) -> Diagnostics {
    let mut merged: Vec<(Diagnostic, usize)> = Vec::new();
    for d in diags.sorted() {
        match merged.last_mut() {
            Some((first, others))
                if first.file == d.file
                    && first.position == d.position
                    && first.message == d.message =>
            {
                *others += 1;
            }
            _ => merged.push((d, 0)),
        }
    }
    let mut out = Diagnostics::new();
    for (d, others) in merged {
        out.push(match (others, &d.hint) {
            (0, _) | (_, None) => d,
            (n, Some(h)) => {
                let hint = format!("{h}, and {n} other page(s)");
                d.hint(hint)
            }
        });
    }
    out
}

struct Renderer<'a> {
    theme: &'a Theme,
    views: Views<'a>,
    scope: Scope<'a>,
}

impl<'a> Renderer<'a> {
    /// Where `page` is, its links written as the scope says.
    fn here(&self, page: PageId) -> Here<'a> {
        Here::with_links(page, self.scope.links)
    }

    /// Does one job, handing what it makes to `guard`.
    fn run(&self, job: &Job<'_>, root: &Path, guard: &Guard<'_>) -> Result<(), Diagnostics> {
        let put = |o: Output| guard.put(o).map_err(Diagnostics::from);
        match *job {
            Job::Home => put(self.home()?),
            Job::NotFound => match self.not_found() {
                Some(page) => put(page?),
                None => Ok(()),
            },
            Job::Search => match self.search_page() {
                Some(page) => put(page?),
                None => Ok(()),
            },
            Job::Plan(i) => {
                let plan = &self.scope.plans[i];
                // Made when the plan's turn comes and dropped with it: an archive's outlines
                // together would weigh as much as its pages.
                let outlines = self.outlines(plan);
                let mut jobs = vec![PlanJob::Own];
                jobs.extend((0..plan.sections.len()).map(PlanJob::Section));
                jobs.extend((0..plan.months.len()).map(PlanJob::Month));
                let diags = jobs
                    .par_iter()
                    .map(|&job| match job {
                        PlanJob::Own => self.plan_own(i, guard),
                        PlanJob::Section(j) => {
                            put(self.section_page(i, j, outlines.sections.as_ref())?)
                        }
                        PlanJob::Month(j) => {
                            put(self.month_page(i, j, outlines.months.as_ref())?)
                        }
                    })
                    .filter_map(Result::err)
                    .reduce(Diagnostics::new, |mut a, b| {
                        a.extend(b);
                        a
                    });
                if diags.is_empty() { Ok(()) } else { Err(diags) }
            }
            Job::Static(path, file) => {
                let content = match file {
                    theme::ThemeFile::Disk(p) => Content::Copy(p.clone()),
                    theme::ThemeFile::Builtin(_) => Content::Bytes(file.bytes(root)?),
                };
                put(Output {
                    path: path.to_owned(),
                    content,
                })
            }
        }
    }

    /// The plan's outline for its section pages and for its month pages.
    fn outlines(&self, plan: &'a Plan) -> Outlines {
        let outline = |page: PageId| {
            let here = self.here(page);
            tera::Value::from_serializable(&self.views.plan(plan, &here, Detail::Outline))
        };
        Outlines {
            sections: plan.sections.first().map(|s| {
                outline(PageId::Section {
                    plan: plan.slug.clone(),
                    section: s.slug.clone(),
                })
            }),
            months: plan.months.first().map(|m| {
                outline(PageId::Month {
                    plan: plan.slug.clone(),
                    month: m.month,
                })
            }),
        }
    }

    /// A plan's document and timeline pages, data, search index, calendar and files. Every
    /// error is collected: a broken `plan.html` does not hide a broken `timeline.html`.
    fn plan_own(&self, i: usize, guard: &Guard<'_>) -> Result<(), Diagnostics> {
        let plan = &self.scope.plans[i];
        let language = &self.theme.language;
        let mut diags = Diagnostics::new();
        let mut put = |made: Result<Output, Diagnostics>| {
            if let Err(d) = made.and_then(|o| guard.put(o).map_err(Diagnostics::from)) {
                diags.extend(d);
            }
        };
        put(self.document(i, Document::Whole));
        put(self.document(i, Document::Timeline));
        put(Ok(Output {
            path: data::data_page(plan).output_path(),
            content: Content::Bytes(data::plan_json(plan, self.scope.links)),
        }));
        let entries = crate::search::plan_entries(plan, |m| language.month_year(m));
        put(Ok(Output {
            path: format!("{}/search-index.js", plan.slug),
            content: Content::Bytes(crate::search::index_script(plan, &entries)),
        }));
        if let Some(ics) = calendar::plan_calendar(plan, self.views.config, language) {
            put(Ok(Output {
                path: data::calendar_page(plan).output_path(),
                content: Content::Bytes(ics),
            }));
        }
        for a in &plan.assets {
            put(Ok(Output {
                path: format!("{}/{}", plan.slug, a.rel),
                content: Content::Copy(a.source.clone()),
            }));
        }
        if diags.is_empty() { Ok(()) } else { Err(diags) }
    }

    fn render(
        &self,
        template: &str,
        page: &PageId,
        ctx: &impl Serialize,
    ) -> Result<Output, Diagnostics> {
        self.render_with(template, page, ctx, None)
    }

    /// Renders with `plan` added to the context as an already made value.
    fn render_with(
        &self,
        template: &str,
        page: &PageId,
        ctx: &impl Serialize,
        plan: Option<&tera::Value>,
    ) -> Result<Output, Diagnostics> {
        let path = page.output_path();
        let result = tera::Context::from_serialize(ctx).and_then(|mut c| {
            if let Some(plan) = plan {
                c.insert_value("plan", plan.clone());
            }
            self.theme.tera.render(template, &c)
        });
        match result {
            Ok(html) => Ok(Output {
                path,
                content: Content::Bytes(html.into_bytes()),
            }),
            Err(e) => {
                let mut diags = Diagnostics::new();
                for d in template_error(&e, &self.theme.template_paths).sorted() {
                    let hint = match &d.hint {
                        Some(h) => format!("{h} (while making {path})"),
                        None => format!("this happened while making {path}"),
                    };
                    diags.push(d.hint(hint));
                }
                Err(diags)
            }
        }
    }

    fn home(&self) -> Result<Output, Diagnostics> {
        let here = self.here(PageId::Home);
        let ctx = HomeContext {
            site: self.views.site(),
            page: self.views.page(
                &here,
                "home",
                self.views.config.title.clone(),
                self.views.config.description.as_deref(),
            ),
            plans: self.summaries(&here),
        };
        self.render("index.html", &here.page, &ctx)
    }

    /// Every plan as an archive entry, newest first (the first is the latest).
    fn summaries(&self, here: &Here) -> Vec<PlanSummary<'a>> {
        self.scope
            .plans
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let latest = if i == 0 { Latest::Yes } else { Latest::No };
                self.views.summary(p, here, latest)
            })
            .collect()
    }

    /// `404.html`, when the theme has one.
    fn not_found(&self) -> Option<Result<Output, Diagnostics>> {
        if !self.theme.template_paths.contains_key("404.html") {
            return None;
        }
        let here = self.here(PageId::NotFound);
        let ctx = HomeContext {
            site: self.views.site(),
            page: self
                .views
                .page(&here, "404", self.word("not_found_title"), None),
            plans: Vec::new(),
        };
        Some(self.render("404.html", &here.page, &ctx))
    }

    /// `search/index.html`, when the theme has a `search.html`.
    fn search_page(&self) -> Option<Result<Output, Diagnostics>> {
        if !self.theme.template_paths.contains_key("search.html") {
            return None;
        }
        let here = self.here(PageId::Search);
        let ctx = HomeContext {
            site: self.views.site(),
            page: self.views.page(&here, "search", self.word("search"), None),
            plans: self.summaries(&here),
        };
        Some(self.render("search.html", &here.page, &ctx))
    }

    /// The plans before and after plan `index` (newest first: the newer one comes before).
    fn neighbours(
        &self,
        index: usize,
        here: &Here,
    ) -> (Option<PlanSummary<'a>>, Option<PlanSummary<'a>>) {
        let v = &self.views;
        let plans = self.scope.plans;
        let newer = index
            .checked_sub(1)
            .and_then(|j| plans.get(j))
            .map(|p| v.summary(p, here, Latest::No));
        let older = plans.get(index + 1).map(|p| v.summary(p, here, Latest::No));
        (newer, older)
    }

    /// `which` page of plan `index`.
    fn document(&self, index: usize, which: Document) -> Result<Output, Diagnostics> {
        let v = &self.views;
        let plan = &self.scope.plans[index];
        let slug = plan.slug.clone();
        let description = plan.description.as_deref().or(plan.subject.as_deref());
        let (here, kind, title, detail, template) = if which == Document::Timeline {
            (
                self.here(PageId::Timeline { plan: slug }),
                "timeline",
                format!("{} – {}", self.word("timeline"), plan.title),
                Detail::Months,
                "timeline.html",
            )
        } else {
            (
                self.here(PageId::Document { plan: slug }),
                "document",
                plan.title.clone(),
                Detail::Full,
                "plan.html",
            )
        };
        let (newer, older) = self.neighbours(index, &here);
        let ctx = PlanContext {
            site: v.site(),
            page: v.page(&here, kind, title, description),
            plan: v.plan(plan, &here, detail),
            newer,
            older,
        };
        self.render(template, &here.page, &ctx)
    }

    fn section_page(
        &self,
        index: usize,
        i: usize,
        outline: Option<&tera::Value>,
    ) -> Result<Output, Diagnostics> {
        let v = &self.views;
        let plan = &self.scope.plans[index];
        let s = &plan.sections[i];
        let description = plan.description.as_deref().or(plan.subject.as_deref());
        let here = self.here(PageId::Section {
            plan: plan.slug.clone(),
            section: s.slug.clone(),
        });
        let near = |j: Option<usize>| {
            j.and_then(|j| plan.sections.get(j))
                .map(|s| v.section(plan, s, &here, SectionHtml::Omitted))
        };
        let section = v.section(plan, s, &here, SectionHtml::Shown);
        let ctx = SectionContext {
            site: v.site(),
            page: v.page(
                &here,
                "section",
                format!("{} – {}", section.heading, plan.title),
                s.description.as_deref().or(description),
            ),
            // The section holding the month table needs the months; the others share the
            // plan's outline.
            plan: s.timeline.then(|| v.plan(plan, &here, Detail::Months)),
            prev: near(i.checked_sub(1)),
            next: near(Some(i + 1)),
            section,
        };
        let shared = outline.filter(|_| !s.timeline);
        self.render_with("section.html", &here.page, &ctx, shared)
    }

    fn month_page(
        &self,
        index: usize,
        i: usize,
        outline: Option<&tera::Value>,
    ) -> Result<Output, Diagnostics> {
        let v = &self.views;
        let plan = &self.scope.plans[index];
        let m = &plan.months[i];
        let description = plan.description.as_deref().or(plan.subject.as_deref());
        let here = self.here(PageId::Month {
            plan: plan.slug.clone(),
            month: m.month,
        });
        let near = |j: Option<usize>| {
            j.and_then(|j| plan.months.get(j))
                .map(|m| v.month(plan, m, &here))
        };
        let month = v.month(plan, m, &here);
        let ctx = MonthContext {
            site: v.site(),
            page: v.page(
                &here,
                "month",
                format!("{} – {}", month.name_year, plan.title),
                description,
            ),
            prev: near(i.checked_sub(1)),
            next: near(Some(i + 1)),
            month,
        };
        self.render_with("month.html", &here.page, &ctx, outline)
    }

    fn word(&self, key: &str) -> String {
        self.theme.language.get(key).unwrap_or(key).to_owned()
    }
}

/// A Tera error as diagnostics pointing into the template files.
pub fn template_error(e: &tera::Error, paths: &BTreeMap<String, PathBuf>) -> Diagnostics {
    let path_of = |name: &str| -> PathBuf {
        paths
            .get(name)
            .cloned()
            .unwrap_or_else(|| Path::new("templates").join(name))
    };
    let one = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let span = r.span();
            let what = if matches!(e.kind(), tera::ErrorKind::SyntaxError(_)) {
                "template syntax error"
            } else {
                "template error"
            };
            Diagnostic::error(path_of(r.filename()), format!("{what}: {}", r.message()))
                .at(span.start_line.max(1), span.start_col + 1)
        }
        tera::ErrorKind::TemplateNotFound(name) => {
            Diagnostic::site_error(format!("template `{name}` not found"))
                .hint("add it to the theme's templates/ or the site's templates/")
        }
        tera::ErrorKind::MissingParent { current, parent } => Diagnostic::error(
            path_of(current),
            format!("this template extends `{parent}`, which does not exist"),
        ),
        tera::ErrorKind::Msg(text) => return reports(text, &path_of),
        other => Diagnostic::site_error(format!("template error: {other}")),
    };
    one.into()
}

/// Tera reports the problems it finds when checking templates together (unknown filters,
/// missing blocks) as rendered reports joined by blank lines: `error: MESSAGE` then
/// `--> NAME:LINE:COL`. Each becomes a diagnostic.
fn reports(text: &str, path_of: &dyn Fn(&str) -> PathBuf) -> Diagnostics {
    let mut diags = Diagnostics::new();
    for report in text.split("\n\n") {
        let mut lines = report.lines();
        let message = lines.next().unwrap_or_default();
        let message = message.strip_prefix("error: ").unwrap_or(message);
        let location = lines
            .find_map(|l| l.trim_start().strip_prefix("--> "))
            .and_then(|loc| {
                let mut parts = loc.rsplitn(3, ':');
                let col = parts.next()?.parse::<usize>().ok()?;
                let line = parts.next()?.parse::<usize>().ok()?;
                Some((parts.next()?.to_owned(), line, col))
            });
        let d = match location {
            Some((name, line, col)) => {
                Diagnostic::error(path_of(&name), format!("template error: {message}"))
                    .at(line, col)
            }
            None => Diagnostic::site_error(format!("template error: {message}")),
        };
        diags.push(d);
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The field names of a serialised view.
    fn fields(value: &impl Serialize) -> Vec<String> {
        match serde_json::to_value(value) {
            Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
            _ => Vec::new(),
        }
    }

    /// docs/templates.md must list every field a template receives, as `name.field`.
    #[test]
    fn every_view_field_is_documented() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let doc = std::fs::read_to_string(root.join("docs/templates.md")).unwrap_or_default();
        let compiled =
            crate::compile(&crate::BuildOptions::new(root)).map_err(|d| format!("{d:?}"));
        let config = Config::load(root).map_err(|d| d.to_string());
        let (Ok(compiled), Ok(config)) = (compiled, config) else {
            unreachable!("the repository's own site must build");
        };
        let Ok(theme) = Theme::load(root, &config.theme, &config.language) else {
            unreachable!("the default theme must load");
        };
        let views = Views {
            config: &config,
            language: &theme.language,
            has_preview_image: true,
        };
        let plan = &compiled.site.plans[0];
        let here = Here::new(PageId::Document {
            plan: plan.slug.clone(),
        });
        let groups = [
            ("site", fields(&views.site())),
            (
                "page",
                fields(&views.page(&here, "document", String::new(), None)),
            ),
            ("plans[]", fields(&views.summary(plan, &here, Latest::Yes))),
            ("plan", fields(&views.plan(plan, &here, Detail::Full))),
            (
                "section",
                fields(&views.section(plan, &plan.sections[0], &here, SectionHtml::Shown)),
            ),
            ("month", fields(&views.month(plan, &plan.months[0], &here))),
        ];
        let mut missing = Vec::new();
        for (name, keys) in groups {
            assert!(!keys.is_empty(), "{name} has no fields");
            for key in keys {
                let path = format!("`{name}.{key}`");
                if !doc.contains(&path) {
                    missing.push(path);
                }
            }
        }
        assert!(
            missing.is_empty(),
            "not documented in docs/templates.md: {missing:?}"
        );
    }
}
