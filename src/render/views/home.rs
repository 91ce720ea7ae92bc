//! The pages that list plans: `index.html` (the archive home page), `search.html` and
//! `404.html`, and a plan's entry in such a list (also the newer and older plan of a plan's
//! pages).

use serde::Serialize;

use super::{PageView, SiteView, Views};
use crate::plan::{Organisation, PageId, Plan};
use crate::render::here::Here;

/// Context of `index.html` (the archive home page), `search.html` and `404.html`.
#[derive(Serialize)]
pub struct HomeContext<'a> {
    /// `site`.
    pub site: SiteView<'a>,
    /// `page`.
    pub page: PageView,
    /// Every plan, newest first (none on `404.html`).
    pub plans: Vec<PlanSummary<'a>>,
    /// The plans by organisation, in the order of their newest plans (on the home and search
    /// pages; none on `404.html`). A site of one organisation has one.
    pub organisations: Vec<OrganisationGroup<'a>>,
}

/// The plans of one organisation, on the home and search pages.
#[derive(Debug, Serialize)]
pub struct OrganisationGroup<'a> {
    /// Its name; none for the plans that name no organisation and have no issuer.
    pub name: Option<&'a str>,
    /// Its slug; none as `name`.
    pub slug: Option<&'a str>,
    /// Its plans, newest first; `latest` marks the organisation's newest.
    pub plans: Vec<PlanSummary<'a>>,
}

/// An entry of the archive list on the home page.
#[derive(Debug, Serialize)]
pub struct PlanSummary<'a> {
    /// The plan's slug.
    pub slug: &'a str,
    /// Relative URL of the plan's document.
    pub url: String,
    /// Relative URL of the plan's timeline.
    pub timeline_url: String,
    /// Title.
    pub title: &'a str,
    /// Subject line.
    pub subject: Option<&'a str>,
    /// Number and symbol.
    pub number: Option<&'a str>,
    /// Date of issue, written out ("ngày 27 tháng 01 năm 2023").
    pub date_text: Option<String>,
    /// The period, written out ("Tháng 1 năm 2023 – Tháng 12 năm 2023").
    pub period_text: Option<String>,
    /// Draft flag.
    pub draft: bool,
    /// The organisation the plan belongs to: `name` and `slug`.
    pub organisation: Option<&'a Organisation>,
    /// Whether this is the newest plan of the site.
    pub latest: bool,
    /// First month of the period, `YYYY-MM` (the theme's script marks the plan whose period
    /// holds the reader's date).
    pub period_start: Option<String>,
    /// Last month of the period, `YYYY-MM`.
    pub period_end: Option<String>,
    /// Number of sections.
    pub section_count: usize,
    /// Number of activities over all months.
    pub activity_count: usize,
}

/// Whether a summary is marked as the newest plan (`latest`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Latest {
    /// Marked: the first of the site's list.
    Yes,
    /// Not marked.
    No,
}

impl<'a> Views<'a> {
    /// An archive entry.
    pub fn summary(&self, plan: &'a Plan, here: &Here<'_>, latest: Latest) -> PlanSummary<'a> {
        PlanSummary {
            slug: &plan.slug,
            url: here.url(&PageId::Document {
                plan: plan.slug.clone(),
            }),
            timeline_url: here.url(&PageId::Timeline {
                plan: plan.slug.clone(),
            }),
            title: &plan.title,
            subject: plan.subject.as_deref(),
            number: plan.number.as_deref(),
            date_text: plan.date.map(|d| self.language.long_date(d)),
            period_text: self.period_text(plan),
            draft: plan.draft,
            organisation: plan.organisation.as_ref(),
            latest: latest == Latest::Yes,
            period_start: plan.period.map(|(s, _)| s.to_string()),
            period_end: plan.period.map(|(_, e)| e.to_string()),
            section_count: plan.sections.len(),
            activity_count: plan.activity_count(),
        }
    }

    /// Every plan of `plans` (newest first) as an archive entry; the first is the latest.
    fn summaries(&self, plans: &[&'a Plan], here: &Here<'_>) -> Vec<PlanSummary<'a>> {
        plans
            .iter()
            .enumerate()
            .map(|(i, &p)| {
                let latest = if i == 0 { Latest::Yes } else { Latest::No };
                self.summary(p, here, latest)
            })
            .collect()
    }

    /// The context of the home page (`here`) listing `plans`.
    pub fn home(&self, plans: &[&'a Plan], here: &Here<'_>) -> HomeContext<'a> {
        HomeContext {
            site: self.site(),
            page: self.page(
                here,
                "home",
                self.config.title.clone(),
                self.config.description.as_deref(),
            ),
            plans: self.summaries(plans, here),
            organisations: self.organisations(plans, here),
        }
    }

    /// The plans of `plans` (newest first) grouped by organisation, each group's newest the
    /// latest.
    fn organisations(&self, plans: &[&'a Plan], here: &Here<'_>) -> Vec<OrganisationGroup<'a>> {
        let mut groups: Vec<OrganisationGroup<'a>> = Vec::new();
        for &p in plans {
            let org = p.organisation.as_ref();
            let slug = org.map(|o| o.slug.as_str());
            match groups.iter_mut().find(|g| g.slug == slug) {
                Some(g) => g.plans.push(self.summary(p, here, Latest::No)),
                None => groups.push(OrganisationGroup {
                    name: org.map(|o| o.name.as_str()),
                    slug,
                    plans: vec![self.summary(p, here, Latest::Yes)],
                }),
            }
        }
        let order = self.organisation_order(plans);
        groups.sort_by_key(|g| {
            order
                .iter()
                .position(|o| o.map(|o| o.slug.as_str()) == g.slug)
                .unwrap_or(order.len())
        });
        groups
    }

    /// The context of `404.html` (`here`).
    pub fn not_found(&self, here: &Here<'_>) -> HomeContext<'a> {
        HomeContext {
            site: self.site(),
            page: self.page(here, "404", self.word("not_found_title"), None),
            plans: Vec::new(),
            organisations: Vec::new(),
        }
    }

    /// The context of the search page (`here`) over `plans`.
    pub fn search(&self, plans: &[&'a Plan], here: &Here<'_>) -> HomeContext<'a> {
        HomeContext {
            site: self.site(),
            page: self.page(here, "search", self.word("search"), None),
            plans: self.summaries(plans, here),
            organisations: self.organisations(plans, here),
        }
    }
}
