//! The jobs of a render and the renderer that does them: the site's own pages, each plan's
//! pages side by side, every context made in `views` and handed to Tera.

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use super::errors;
use super::here::Here;
use super::scope::Scope;
use super::theme::{Theme, ThemeFile};
use super::views::plan::{Detail, Document};
use super::views::{self, Near, Views};
use super::{calendar, data};
use crate::config::Settings;
use crate::diagnostic::Diagnostics;
use crate::output::{Content, Output, Sink};
use crate::plan::{Month, PageId, Plan, Section};

/// A plan's outline (`plan` without bodies or months) as a template value, made once and
/// shared by every section page, and once for every month page: pages at the same depth see
/// the same relative URLs, and a template value is reference-counted, so each page costs a
/// pointer instead of a copy of every section's title and headings (which made an archive's
/// cost grow with the square of its sections).
pub(super) struct Outlines {
    sections: Option<tera::Value>,
    months: Option<tera::Value>,
}

/// One unit of rendering work; jobs run in parallel.
pub(super) enum Job<'a> {
    Home,
    NotFound,
    Search,
    /// Every page and file of a plan (its pages in parallel in turn); its neighbours are the
    /// newer (before) and older (after) plans.
    Plan(Near<'a, Plan>),
    Static(&'a str, &'a ThemeFile),
    /// "This month" across the site.
    ThisMonth,
    /// The site's page of one month: its position in the site's months.
    SiteMonth(usize),
    /// The calendar of every plan.
    SiteCalendar,
}

/// One unit of a plan's work.
pub(super) enum PlanJob<'a> {
    /// The document and timeline pages, data, search index, calendar and files.
    Own,
    Section(Near<'a, Section>),
    Month(Near<'a, Month>),
}

/// What groups plans for their previous and next: their organisation.
pub(super) fn organisation_key(p: &Plan) -> Option<String> {
    p.organisation.as_ref().map(|o| o.slug.clone())
}

/// Whether a renderer makes the site's months (for the site's own pages).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum SiteMonths {
    /// Made: the renderer makes the site's own pages.
    Made,
    /// Left out: it makes plans' pages only.
    Left,
}

/// Every diagnostic of `results`, or `Ok` without any.
fn collect_errors(
    results: impl IntoIterator<Item = Result<(), Diagnostics>>,
) -> Result<(), Diagnostics> {
    let mut diags = Diagnostics::new();
    for d in results.into_iter().filter_map(Result::err) {
        diags.extend(d);
    }
    if diags.is_empty() { Ok(()) } else { Err(diags) }
}

pub(super) struct Renderer<'a> {
    pub(super) theme: &'a Theme,
    pub(super) views: Views<'a>,
    scope: Scope<'a>,
    /// The site's months, for its own month pages (none in an archive).
    months: Vec<views::site_month::SiteMonth<'a>>,
    /// Whether the scope is a site of several organisations (with its own month pages and
    /// calendar).
    across: bool,
}

impl<'a> Renderer<'a> {
    /// A renderer of `scope`'s pages; the site's months are made when `months` says so.
    pub(super) fn new(
        theme: &'a Theme,
        config: &'a Settings,
        scope: Scope<'a>,
        months: SiteMonths,
    ) -> Renderer<'a> {
        // The site's own month pages and calendar, across its organisations: a site of one
        // organisation has its plans' own, and looks as it did before these pages existed.
        let across = scope.is_site() && views::organisations(&scope.plans).len() > 1;
        let site_pages = across && theme.template_paths.contains_key("site_month.html");
        let views = Views {
            config,
            language: &theme.language,
            has_preview_image: theme.static_files.contains_key("og-image.png"),
            this_month: site_pages,
        };
        let months = if site_pages && months == SiteMonths::Made {
            views::site_month::site_months(&scope.plans)
        } else {
            Vec::new()
        };
        Renderer {
            theme,
            views,
            scope,
            months,
            across,
        }
    }

    /// The jobs of the site's own pages and of the theme's static files.
    pub(super) fn site_jobs(&self) -> Vec<Job<'a>> {
        let mut jobs = vec![Job::Home, Job::NotFound, Job::Search];
        if self.across {
            jobs.push(Job::SiteCalendar);
            if self.views.this_month {
                jobs.push(Job::ThisMonth);
                jobs.extend((0..self.months.len()).map(Job::SiteMonth));
            }
        }
        jobs.extend(
            self.theme
                .static_files
                .iter()
                .map(|(path, file)| Job::Static(path, file)),
        );
        jobs
    }

    /// Each plan of the scope with its newer and older plans of its organisation.
    pub(super) fn nears(&self) -> impl Iterator<Item = Near<'a, Plan>> + '_ {
        Near::grouped(&self.scope.plans, organisation_key)
    }

    /// Runs `jobs` in parallel, collecting every error.
    pub(super) fn run_all(
        &self,
        jobs: &[Job<'a>],
        root: &Path,
        guard: &dyn Sink,
    ) -> Result<(), Diagnostics> {
        let diags = jobs
            .par_iter()
            .filter_map(|job| self.run(job, root, guard).err())
            .reduce(Diagnostics::new, |mut a, b| {
                a.extend(b);
                a
            });
        if diags.has_errors() {
            Err(errors::merge_repeats(diags))
        } else {
            Ok(())
        }
    }

    /// Where `page` is, its links written as the scope says.
    pub(super) fn here(&self, page: PageId) -> Here<'a> {
        Here::with_links(page, self.scope.links)
    }

    /// Does one job, handing what it makes to `guard`.
    pub(super) fn run(
        &self,
        job: &Job<'a>,
        root: &Path,
        guard: &dyn Sink,
    ) -> Result<(), Diagnostics> {
        let put = |o: Output| guard.put(o).map_err(Diagnostics::from);
        match job {
            Job::Home => {
                let here = self.here(PageId::Home);
                let ctx = self.views.home(&self.scope.plans, &here);
                put(self.render("index.html", &here.page, &ctx, None)?)
            }
            Job::NotFound if self.theme.template_paths.contains_key("404.html") => {
                let here = self.here(PageId::NotFound);
                let ctx = self.views.not_found(&here);
                put(self.render("404.html", &here.page, &ctx, None)?)
            }
            Job::Search if self.theme.template_paths.contains_key("search.html") => {
                let here = self.here(PageId::Search);
                let ctx = self.views.search(&self.scope.plans, &here);
                put(self.render("search.html", &here.page, &ctx, None)?)
            }
            Job::NotFound | Job::Search => Ok(()),
            Job::ThisMonth if self.theme.template_paths.contains_key("this_month.html") => {
                let here = self.here(PageId::ThisMonth);
                let ctx = self
                    .views
                    .this_month_page(&self.scope.plans, &self.months, &here);
                put(self.render("this_month.html", &here.page, &ctx, None)?)
            }
            Job::ThisMonth => Ok(()),
            Job::SiteMonth(i) => {
                let here = self.here(PageId::SiteMonth {
                    month: self.months[*i].month,
                });
                let ctx = self
                    .views
                    .site_month_page(&self.scope.plans, &self.months, *i, &here);
                put(self.render("site_month.html", &here.page, &ctx, None)?)
            }
            Job::SiteCalendar => match calendar::site_calendar(
                &self.scope.plans,
                self.views.config,
                &self.theme.language,
            ) {
                Some(ics) => put(Output {
                    path: crate::plan::model::SITE_CALENDAR.to_owned(),
                    content: Content::Bytes(ics),
                }),
                None => Ok(()),
            },
            Job::Plan(near) => self.plan(*near, guard),
            Job::Static(path, file) => {
                let content = match file {
                    ThemeFile::Disk(p) => Content::Copy(p.clone()),
                    ThemeFile::Builtin(_) => Content::Bytes(file.bytes(root)?),
                };
                put(Output {
                    path: (*path).to_owned(),
                    content,
                })
            }
        }
    }

    /// Every page and file of the plan `near.this`, its pages in parallel.
    pub(super) fn plan(&self, near: Near<'a, Plan>, guard: &dyn Sink) -> Result<(), Diagnostics> {
        let plan = near.this;
        // Made when the plan's turn comes and dropped with it: an archive's outlines together
        // would weigh as much as its pages.
        let outlines = self.outlines(plan);
        let mut jobs = vec![PlanJob::Own];
        jobs.extend(Near::all(&plan.sections).map(PlanJob::Section));
        jobs.extend(Near::all(&plan.months).map(PlanJob::Month));
        let put = |made: Result<Output, Diagnostics>| {
            made.and_then(|o| guard.put(o).map_err(Diagnostics::from))
        };
        let diags = jobs
            .par_iter()
            .filter_map(|job| {
                let done = match job {
                    PlanJob::Own => self.plan_own(near, guard),
                    PlanJob::Section(s) => {
                        put(self.section_page(plan, *s, outlines.sections.as_ref()))
                    }
                    PlanJob::Month(m) => put(self.month_page(plan, *m, outlines.months.as_ref())),
                };
                done.err()
            })
            .reduce(Diagnostics::new, |mut a, b| {
                a.extend(b);
                a
            });
        if diags.is_empty() { Ok(()) } else { Err(diags) }
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
    fn plan_own(&self, near: Near<'a, Plan>, guard: &dyn Sink) -> Result<(), Diagnostics> {
        let plan = near.this;
        let language = &self.theme.language;
        let put = |made: Result<Output, Diagnostics>| {
            made.and_then(|o| guard.put(o).map_err(Diagnostics::from))
        };
        let bytes = |path: String, bytes: Vec<u8>| {
            put(Ok(Output {
                path,
                content: Content::Bytes(bytes),
            }))
        };
        let entries = crate::search::plan_entries(plan, |m| language.month_year(m));
        let mut done = vec![
            put(self.document(near, Document::Whole)),
            put(self.document(near, Document::Timeline)),
            bytes(
                data::data_page(plan).output_path(),
                data::plan_json(plan, self.scope.links),
            ),
            bytes(
                format!("{}/search-index.js", plan.slug),
                crate::search::index_script(plan, &entries),
            ),
        ];
        if let Some(ics) = calendar::plan_calendar(plan, self.views.config, language) {
            done.push(bytes(data::calendar_page(plan).output_path(), ics));
        }
        done.extend(plan.assets.iter().map(|a| {
            put(Ok(Output {
                path: format!("{}/{}", plan.slug, a.rel),
                content: Content::Copy(a.source.clone()),
            }))
        }));
        collect_errors(done)
    }

    /// `which` page of the plan `near.this`.
    fn document(&self, near: Near<'a, Plan>, which: Document) -> Result<Output, Diagnostics> {
        let here = self.here(which.page(near.this));
        let ctx = self.views.document(near, &self.scope.plans, &here, which);
        self.render(which.template(), &here.page, &ctx, None)
    }

    /// The page of the section `near.this` of `plan`; every section but the one with the
    /// month table gets the plan's shared `outline`.
    fn section_page(
        &self,
        plan: &'a Plan,
        near: Near<'a, Section>,
        outline: Option<&tera::Value>,
    ) -> Result<Output, Diagnostics> {
        let here = self.here(PageId::Section {
            plan: plan.slug.clone(),
            section: near.this.slug.clone(),
        });
        let ctx = self.views.section_page(plan, near, &here);
        let shared = outline.filter(|_| !near.this.timeline);
        self.render("section.html", &here.page, &ctx, shared)
    }

    /// The page of the month `near.this` of `plan`, with the plan's shared `outline`.
    fn month_page(
        &self,
        plan: &'a Plan,
        near: Near<'a, Month>,
        outline: Option<&tera::Value>,
    ) -> Result<Output, Diagnostics> {
        let here = self.here(PageId::Month {
            plan: plan.slug.clone(),
            month: near.this.month,
        });
        let ctx = self.views.month_page(plan, near, &here);
        self.render("month.html", &here.page, &ctx, outline)
    }

    /// Renders `template` for `page` with `ctx`, and `plan` added to it as an already made
    /// value when given.
    fn render(
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
                for d in errors::template_error(&e, &self.theme.template_paths).sorted() {
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
}
