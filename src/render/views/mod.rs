//! View structs: exactly what each template receives, one module per kind of page, each with
//! the page's context (its template's top-level variables) beside the views it holds. Every
//! field is documented here, and `docs/templates.md` mirrors these files for theme authors.
//!
//! Views borrow from the resolved site; only the HTML of bodies (whose links depend on the
//! page) and formatted dates are made per page. A page's context never carries more than that
//! page shows: section pages get the section list without bodies, the home page gets summaries.
//!
//! - `site` and `page`, the same on every page: here.
//! - `index.html`, `404.html`, `search.html` (the plan list): [`home`].
//! - `plan.html` and `timeline.html` (`plan`): [`plan`]; the other plans they show of the
//!   site: [`related`].
//! - `section.html` (`section`): [`section`].
//! - `month.html` (`month`, its activities and events): [`month`].

pub mod home;
pub mod month;
pub mod month_grid;
pub mod plan;
pub mod related;
pub mod section;
pub mod site_month;
#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::config::{BaseUrl, Settings};
use crate::parse::meta::Extra;
use crate::plan::{Organisation, PageId, Plan};
use crate::render::here::Here;
use crate::render::i18n::Language;

/// `site`: the same on every page.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    /// `title` from plansite.toml.
    pub title: &'a str,
    /// `description` from plansite.toml.
    pub description: Option<&'a str>,
    /// Language code (`vi`, `en`), for `<html lang>`.
    pub language: &'a str,
    /// Locale for link previews (`vi_VN`).
    pub locale: &'a str,
    /// `base_url` from plansite.toml, when set.
    pub base_url: Option<&'a str>,
    /// "plansite 0.1.0": for `<meta name="generator">`.
    pub generator: &'static str,
    /// `extra` from plansite.toml.
    pub extra: &'a Extra,
    /// `[print]` from plansite.toml: `margin_top`, `margin_bottom`, `margin_left`,
    /// `margin_right`, `font_family`, `font_size`, `page_numbers`.
    pub print: &'a crate::config::PrintConfig,
}

/// `page`: about the page being rendered.
#[derive(Debug, Serialize)]
pub struct PageView {
    /// Which template: `home`, `document`, `section`, `timeline` or `month`.
    pub kind: &'static str,
    /// The text for `<title>` (without the site title).
    pub title: String,
    /// `../` repeated up to the site root: prefix for static files (`{{ page.root }}style.css`).
    pub root: String,
    /// The page's path from the site root (`2023-chi-bo/index.html`).
    pub path: String,
    /// The absolute URL of the page, only when `base_url` is set.
    pub canonical: Option<String>,
    /// A one-line description of the page, for link previews.
    pub description: Option<String>,
    /// The absolute URL of the preview image (the theme's `og-image.png`), only when
    /// `base_url` is set.
    pub image: Option<String>,
    /// `website` for the home page, `article` for the others (Open Graph type).
    pub og_type: &'static str,
    /// Relative URL of the archive home page.
    pub home_url: String,
    /// Relative URL of the search page.
    pub search_url: String,
    /// The slug of the plan the page belongs to, if any (the search box searches it first).
    pub plan_slug: Option<String>,
    /// Relative URL of the site's "this month" page, on a site of several organisations.
    pub this_month_url: Option<String>,
}

/// An item of a list (a plan of the site, a section, a month) with its neighbours in it.
#[derive(Debug)]
pub struct Near<'a, T> {
    /// The item.
    pub this: &'a T,
    /// The one before it.
    pub prev: Option<&'a T>,
    /// The one after it.
    pub next: Option<&'a T>,
    /// Its position in the list (0 for the first).
    pub index: usize,
}

impl<T> Clone for Near<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Near<'_, T> {}

impl<'a, T> Near<'a, T> {
    /// Every item of `items` with its neighbours among the items of its group (`group` of
    /// each: the plans of one organisation), in order; `index` is its position in its group.
    pub fn grouped<'s, K: PartialEq>(
        items: &'s [&'a T],
        group: impl Fn(&T) -> K,
    ) -> impl Iterator<Item = Near<'a, T>> {
        let keys: Vec<K> = items.iter().map(|t| group(t)).collect();
        items.iter().enumerate().map(move |(i, &this)| {
            let same = |j: &usize| keys[*j] == keys[i];
            Near {
                this,
                prev: (0..i).rev().find(same).map(|j| items[j]),
                next: (i + 1..items.len()).find(same).map(|j| items[j]),
                index: (0..i).filter(same).count(),
            }
        })
    }

    /// Every item of `items` with its neighbours, in order.
    pub fn all(items: &'a [T]) -> impl Iterator<Item = Near<'a, T>> {
        items.iter().enumerate().map(move |(i, this)| Near {
            this,
            prev: i.checked_sub(1).and_then(|j| items.get(j)),
            next: items.get(i + 1),
            index: i,
        })
    }
}

/// Builds views for one site in one language.
pub struct Views<'a> {
    /// The site configuration.
    pub config: &'a Settings,
    /// The site's language.
    pub language: &'a Language,
    /// Whether the theme ships `og-image.png` for link previews.
    pub has_preview_image: bool,
    /// Whether the site has its own month pages, across its organisations, for pages to link
    /// to (a site of several organisations).
    pub this_month: bool,
}

impl<'a> Views<'a> {
    /// `site`.
    pub fn site(&self) -> SiteView<'a> {
        SiteView {
            title: &self.config.title,
            description: self.config.description.as_deref(),
            language: &self.config.language,
            locale: &self.language.locale,
            base_url: self.config.base_url.as_ref().map(BaseUrl::as_str),
            generator: concat!("plansite ", env!("CARGO_PKG_VERSION")),
            extra: &self.config.extra,
            print: &self.config.print,
        }
    }

    /// The absolute URL of an output path, when `base_url` is set (`index.html` dropped).
    pub fn absolute(&self, path: &str) -> Option<String> {
        self.config
            .base_url
            .as_ref()
            .map(|base| base.absolute(path))
    }

    /// `page`.
    pub fn page(
        &self,
        here: &Here<'_>,
        kind: &'static str,
        title: String,
        description: Option<&str>,
    ) -> PageView {
        let path = here.page.output_path();
        PageView {
            kind,
            title,
            root: here.root.clone(),
            canonical: self.absolute(&path),
            description: description.map(str::to_owned),
            image: self
                .absolute("og-image.png")
                .filter(|_| self.has_preview_image),
            og_type: if kind == "home" { "website" } else { "article" },
            path,
            home_url: here.url(&PageId::Home),
            search_url: here.url(&PageId::Search),
            plan_slug: here.page.plan().map(str::to_owned),
            this_month_url: self.this_month.then(|| here.url(&PageId::ThisMonth)),
        }
    }

    /// The organisations of `plans` (newest first) in the site's order: those that
    /// `organisations` in plansite.toml lists, in its order, then the others by their newest
    /// plans; `None` stands for the plans that name none. Every list by organisation (the home
    /// page, the search page's choice, the site's months, a plan's same-year plans) keeps it.
    pub fn organisation_order(&self, plans: &[&'a Plan]) -> Vec<Option<&'a Organisation>> {
        let mut order = organisations(plans);
        let listed = |o: &Option<&Organisation>| {
            let slug = o.map(|o| o.slug.as_str());
            self.config
                .organisations
                .iter()
                .position(|l| Some(l.slug.as_str()) == slug)
                .unwrap_or(usize::MAX)
        };
        // Stable: the unlisted keep the order of their newest plans.
        order.sort_by_key(listed);
        order
    }

    /// The position of `plan`'s organisation in `order`.
    pub fn organisation_rank(order: &[Option<&Organisation>], plan: &Plan) -> usize {
        let slug = plan.organisation.as_ref().map(|o| &o.slug);
        order
            .iter()
            .position(|o| o.map(|o| &o.slug) == slug)
            .unwrap_or(order.len())
    }

    /// The plan's period written out.
    fn period_text(&self, plan: &Plan) -> Option<String> {
        plan.period.map(|(s, e)| {
            format!(
                "{} – {}",
                self.language.month_year(s),
                self.language.month_year(e)
            )
        })
    }

    /// The language's word for `key`, else the key itself.
    fn word(&self, key: &str) -> String {
        self.language.get(key).unwrap_or(key).to_owned()
    }
}

/// A plan's description for previews: the author's, else the subject.
fn plan_description(plan: &Plan) -> Option<&str> {
    plan.description.as_deref().or(plan.subject.as_deref())
}

/// The organisations of `plans` (newest first), by their newest plans; `None` stands for the
/// plans that name none. (Pages list them in [`Views::organisation_order`].)
pub fn organisations<'a>(plans: &[&'a Plan]) -> Vec<Option<&'a Organisation>> {
    let mut order: Vec<Option<&'a Organisation>> = Vec::new();
    for p in plans {
        let org = p.organisation.as_ref();
        if !order
            .iter()
            .any(|o| o.map(|o| &o.slug) == org.map(|o| &o.slug))
        {
            order.push(org);
        }
    }
    order
}
