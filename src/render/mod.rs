//! Render: the resolved site through the theme's Tera templates into the list of output files.
//! Nothing is written here; `write` does that once everything has rendered.

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

use serde::Serialize;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::plan::{PageId, Site};
use here::Here;
use theme::Theme;
use views::{Detail, MonthView, PageView, PlanSummary, PlanView, SectionView, SiteView, Views};

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Path from the output root, `/`-separated.
    pub path: String,
    /// What goes in it.
    pub content: Content,
}

/// The content of an output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Rendered bytes.
    Bytes(Vec<u8>),
    /// A copy of a file on disk.
    Copy(PathBuf),
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
    plan: PlanView<'a>,
    section: SectionView<'a>,
    prev: Option<SectionView<'a>>,
    next: Option<SectionView<'a>>,
}

/// Context of `month.html`.
#[derive(Serialize)]
struct MonthContext<'a> {
    site: SiteView<'a>,
    page: PageView,
    plan: PlanView<'a>,
    month: MonthView<'a>,
    prev: Option<MonthView<'a>>,
    next: Option<MonthView<'a>>,
}

/// Renders every page and lists every file to copy. All template errors are collected.
pub fn render_site(
    root: &Path,
    site: &Site,
    config: &Config,
    theme: &Theme,
) -> Result<Vec<Output>, Diagnostics> {
    let views = Views {
        config,
        language: &theme.language,
        has_preview_image: theme.static_files.contains_key("og-image.png"),
    };
    let r = Renderer { theme, views };
    let mut out = Vec::new();
    let mut diags = Diagnostics::new();
    r.home(site, &mut out, &mut diags);
    r.not_found(&mut out, &mut diags);
    r.search_page(site, &mut out, &mut diags);
    for (i, plan) in site.plans.iter().enumerate() {
        r.plan_pages(site, i, &mut out, &mut diags);
        out.push(Output {
            path: data::data_page(plan).output_path(),
            content: Content::Bytes(data::plan_json(plan)),
        });
        let entries = crate::search::plan_entries(plan, |m| theme.language.month_year(m));
        out.push(Output {
            path: format!("{}/search-index.js", plan.slug),
            content: Content::Bytes(crate::search::index_script(plan, &entries)),
        });
        if let Some(ics) = calendar::plan_calendar(plan, config, &theme.language) {
            out.push(Output {
                path: data::calendar_page(plan).output_path(),
                content: Content::Bytes(ics),
            });
        }
        for a in &plan.assets {
            out.push(Output {
                path: format!("{}/{}", plan.slug, a.rel),
                content: Content::Copy(a.source.clone()),
            });
        }
    }
    for (path, file) in &theme.static_files {
        let content = match file {
            theme::ThemeFile::Disk(p) => Content::Copy(p.clone()),
            theme::ThemeFile::Builtin(_) => match file.bytes(root) {
                Ok(b) => Content::Bytes(b),
                Err(d) => {
                    diags.push(d);
                    continue;
                }
            },
        };
        out.push(Output {
            path: path.clone(),
            content,
        });
    }
    if diags.has_errors() {
        return Err(merge_repeats(diags));
    }
    if config.base_url.is_some() {
        out.extend(discovery::sitemap_and_robots(&out, &r.views));
    }
    Ok(out)
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
}

impl<'a> Renderer<'a> {
    fn render(
        &self,
        template: &str,
        page: &PageId,
        ctx: &impl Serialize,
        out: &mut Vec<Output>,
        diags: &mut Diagnostics,
    ) {
        let path = page.output_path();
        let result =
            tera::Context::from_serialize(ctx).and_then(|c| self.theme.tera.render(template, &c));
        match result {
            Ok(html) => out.push(Output {
                path,
                content: Content::Bytes(html.into_bytes()),
            }),
            Err(e) => {
                for d in template_error(&e, &self.theme.template_paths).sorted() {
                    let hint = match &d.hint {
                        Some(h) => format!("{h} (while making {path})"),
                        None => format!("this happened while making {path}"),
                    };
                    diags.push(d.hint(hint));
                }
            }
        }
    }

    fn home(&self, site: &'a Site, out: &mut Vec<Output>, diags: &mut Diagnostics) {
        let here = Here::new(PageId::Home);
        let ctx = HomeContext {
            site: self.views.site(),
            page: self.views.page(
                &here,
                "home",
                self.views.config.title.clone(),
                self.views.config.description.as_deref(),
            ),
            plans: self.summaries(site, &here),
        };
        self.render("index.html", &here.page, &ctx, out, diags);
    }

    /// Every plan as an archive entry, newest first (the first is the latest).
    fn summaries(&self, site: &'a Site, here: &Here) -> Vec<PlanSummary<'a>> {
        site.plans
            .iter()
            .enumerate()
            .map(|(i, p)| self.views.summary(p, here, i == 0))
            .collect()
    }

    /// `404.html`, when the theme has one.
    fn not_found(&self, out: &mut Vec<Output>, diags: &mut Diagnostics) {
        if !self.theme.template_paths.contains_key("404.html") {
            return;
        }
        let here = Here::new(PageId::NotFound);
        let ctx = HomeContext {
            site: self.views.site(),
            page: self
                .views
                .page(&here, "404", self.word("not_found_title"), None),
            plans: Vec::new(),
        };
        self.render("404.html", &here.page, &ctx, out, diags);
    }

    /// `search/index.html`, when the theme has a `search.html`.
    fn search_page(&self, site: &'a Site, out: &mut Vec<Output>, diags: &mut Diagnostics) {
        if !self.theme.template_paths.contains_key("search.html") {
            return;
        }
        let here = Here::new(PageId::Search);
        let ctx = HomeContext {
            site: self.views.site(),
            page: self.views.page(&here, "search", self.word("search"), None),
            plans: self.summaries(site, &here),
        };
        self.render("search.html", &here.page, &ctx, out, diags);
    }

    fn plan_pages(
        &self,
        site: &'a Site,
        index: usize,
        out: &mut Vec<Output>,
        diags: &mut Diagnostics,
    ) {
        let v = &self.views;
        let plan = &site.plans[index];
        let slug = plan.slug.clone();
        // Plans are newest first: the newer one comes before, the older one after.
        let neighbours = |here: &Here| {
            let newer = index
                .checked_sub(1)
                .and_then(|j| site.plans.get(j))
                .map(|p| v.summary(p, here, false));
            let older = site.plans.get(index + 1).map(|p| v.summary(p, here, false));
            (newer, older)
        };
        let description = plan.description.as_deref().or(plan.subject.as_deref());
        let here = Here::new(PageId::Document { plan: slug.clone() });
        let (newer, older) = neighbours(&here);
        let ctx = PlanContext {
            site: v.site(),
            page: v.page(&here, "document", plan.title.clone(), description),
            plan: v.plan(plan, &here, Detail::Full),
            newer,
            older,
        };
        self.render("plan.html", &here.page, &ctx, out, diags);

        let here = Here::new(PageId::Timeline { plan: slug.clone() });
        let title = format!("{} – {}", self.word("timeline"), plan.title);
        let (newer, older) = neighbours(&here);
        let ctx = PlanContext {
            site: v.site(),
            page: v.page(&here, "timeline", title, description),
            plan: v.plan(plan, &here, Detail::Months),
            newer,
            older,
        };
        self.render("timeline.html", &here.page, &ctx, out, diags);

        for (i, s) in plan.sections.iter().enumerate() {
            let here = Here::new(PageId::Section {
                plan: slug.clone(),
                section: s.slug.clone(),
            });
            let near = |j: Option<usize>| {
                j.and_then(|j| plan.sections.get(j))
                    .map(|s| v.section(plan, s, &here, false))
            };
            let section = v.section(plan, s, &here, true);
            let ctx = SectionContext {
                site: v.site(),
                page: v.page(
                    &here,
                    "section",
                    format!("{} – {}", section.heading, plan.title),
                    s.description.as_deref().or(description),
                ),
                // The section holding the month table needs the months; the others do not.
                plan: v.plan(
                    plan,
                    &here,
                    if s.timeline {
                        Detail::Months
                    } else {
                        Detail::Outline
                    },
                ),
                prev: near(i.checked_sub(1)),
                next: near(Some(i + 1)),
                section,
            };
            self.render("section.html", &here.page, &ctx, out, diags);
        }

        for (i, m) in plan.months.iter().enumerate() {
            let here = Here::new(PageId::Month {
                plan: slug.clone(),
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
                plan: v.plan(plan, &here, Detail::Outline),
                prev: near(i.checked_sub(1)),
                next: near(Some(i + 1)),
                month,
            };
            self.render("month.html", &here.page, &ctx, out, diags);
        }
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
            ("plans[]", fields(&views.summary(plan, &here, true))),
            ("plan", fields(&views.plan(plan, &here, Detail::Full))),
            (
                "section",
                fields(&views.section(plan, &plan.sections[0], &here, true)),
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
