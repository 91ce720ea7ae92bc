//! The site's own month pages, across every plan: `site_month.html` for one month
//! (`thang/2024-10/`), and `this_month.html` ("this month", `thang-nay/`), which holds the
//! months of each organisation's newest plan and shows the one of the reader's clock. Each
//! month lists every plan's activities and dated events of that month by organisation, and
//! lays the dated events over a month grid.

use std::collections::BTreeSet;

use serde::Serialize;

use super::month::MonthView;
use super::month_grid::{COLOURS, GridView, Placed};
use super::{PageView, SiteView, Views};
use crate::date::YearMonth;
use crate::plan::{Month, PageId, Plan};
use crate::render::here::Here;

/// One month of the site: every plan that has it.
#[derive(Debug, Clone)]
pub struct SiteMonth<'a> {
    /// Which month.
    pub month: YearMonth,
    /// The plans whose period holds it, in the site's order (newest first), with their month.
    pub plans: Vec<(&'a Plan, &'a Month)>,
}

/// Every month of every plan's period, in order, each with the plans that have it.
pub fn site_months<'a>(plans: &[&'a Plan]) -> Vec<SiteMonth<'a>> {
    let mut months: std::collections::BTreeMap<YearMonth, Vec<(&'a Plan, &'a Month)>> =
        Default::default();
    for &plan in plans {
        for m in &plan.months {
            months.entry(m.month).or_default().push((plan, m));
        }
    }
    months
        .into_iter()
        .map(|(month, plans)| SiteMonth { month, plans })
        .collect()
}

/// The months "this month" holds: those of each organisation's newest plan.
pub fn this_months(plans: &[&Plan]) -> BTreeSet<YearMonth> {
    let mut seen: Vec<Option<&str>> = Vec::new();
    let mut months = BTreeSet::new();
    for p in plans {
        let org = p.organisation.as_ref().map(|o| o.slug.as_str());
        if !seen.contains(&org) {
            seen.push(org);
            months.extend(p.months.iter().map(|m| m.month));
        }
    }
    months
}

/// Context of `site_month.html`.
#[derive(Serialize)]
pub struct SiteMonthContext<'a> {
    /// `site`.
    pub site: SiteView<'a>,
    /// `page`.
    pub page: PageView,
    /// The month.
    pub month: SiteMonthView<'a>,
    /// The site's month before it, if any.
    pub prev: Option<MonthLink>,
    /// The site's month after it, if any.
    pub next: Option<MonthLink>,
    /// Relative URL of the "this month" page.
    pub this_month_url: String,
    /// Relative URL of the site's calendar (`calendar.ics`).
    pub calendar_url: String,
}

/// Context of `this_month.html`.
#[derive(Serialize)]
pub struct ThisMonthContext<'a> {
    /// `site`.
    pub site: SiteView<'a>,
    /// `page`.
    pub page: PageView,
    /// The months of each organisation's newest plan, in order; the theme's script shows the
    /// reader's.
    pub months: Vec<SiteMonthView<'a>>,
    /// The same months as links, by year.
    pub years: Vec<YearLinks>,
    /// Every month of the site (`key`, `name_year`, `url`), for a reader whose month the page
    /// does not hold.
    pub all_months: Vec<MonthLink>,
    /// Relative URL of the site's calendar (`calendar.ics`).
    pub calendar_url: String,
}

/// The months of one year, as links.
#[derive(Debug, Serialize)]
pub struct YearLinks {
    /// The year.
    pub year: i32,
    /// Its months.
    pub months: Vec<MonthLink>,
}

/// A link to one of the site's month pages.
#[derive(Debug, Serialize)]
pub struct MonthLink {
    /// `YYYY-MM`.
    pub key: String,
    /// The year.
    pub year: i32,
    /// "T10" / "Oct".
    pub short: String,
    /// "Tháng 10 năm 2024".
    pub name_year: String,
    /// Relative URL of the site's page of that month.
    pub url: String,
}

/// One month across the site.
#[derive(Debug, Serialize)]
pub struct SiteMonthView<'a> {
    /// `YYYY-MM`.
    pub key: String,
    /// "Tháng 10 năm 2024".
    pub name_year: String,
    /// Relative URL of the site's page of the month.
    pub url: String,
    /// Whether the site has more than one organisation (the theme then heads each).
    pub several: bool,
    /// The plans that have the month, by organisation (in the home page's order).
    pub organisations: Vec<OrganisationMonth<'a>>,
    /// The month as a grid of weeks with its dated events.
    pub grid: GridView,
}

/// The plans of one organisation that have the month.
#[derive(Debug, Serialize)]
pub struct OrganisationMonth<'a> {
    /// Its name; none for plans that name no organisation.
    pub name: Option<&'a str>,
    /// Its slug; none as `name`.
    pub slug: Option<&'a str>,
    /// Its position among the site's organisations, from 0.
    pub index: usize,
    /// Its colour, 0–5: its position, counted round six colours (`colour-0`…).
    pub colour: usize,
    /// Its plans that have the month, newest first.
    pub plans: Vec<PlanMonthView<'a>>,
}

/// One plan's part of the month.
#[derive(Debug, Serialize)]
pub struct PlanMonthView<'a> {
    /// The plan's slug.
    pub slug: &'a str,
    /// The plan's title.
    pub title: &'a str,
    /// The plan's number and symbol.
    pub number: Option<&'a str>,
    /// Relative URL of the plan's document.
    pub url: String,
    /// The plan's month: `url` is the plan's own page of the month; its `events` have an
    /// `id` (`YYYY-MM-DD-n`) unique in the plan.
    pub month: MonthView<'a>,
}

impl<'a> Views<'a> {
    /// The context of the site's page (`here`) of `months[i]`.
    pub fn site_month_page(
        &self,
        plans: &[&'a Plan],
        months: &[SiteMonth<'a>],
        i: usize,
        here: &Here<'_>,
    ) -> SiteMonthContext<'a> {
        let month = self.site_month(plans, months, i, here);
        let link = |j: Option<usize>| {
            j.and_then(|j| months.get(j))
                .map(|m| self.link(m.month, here))
        };
        SiteMonthContext {
            site: self.site(),
            page: self.page(here, "site_month", month.name_year.clone(), None),
            prev: link(i.checked_sub(1)),
            next: link(Some(i + 1)),
            month,
            this_month_url: here.url(&PageId::ThisMonth),
            calendar_url: here.url(&site_calendar()),
        }
    }

    /// The context of the "this month" page (`here`).
    pub fn this_month_page(
        &self,
        plans: &[&'a Plan],
        months: &[SiteMonth<'a>],
        here: &Here<'_>,
    ) -> ThisMonthContext<'a> {
        let wanted = this_months(plans);
        let mut years: Vec<YearLinks> = Vec::new();
        for &month in &wanted {
            let link = self.link(month, here);
            match years.last_mut() {
                Some(y) if y.year == month.year => y.months.push(link),
                _ => years.push(YearLinks {
                    year: month.year,
                    months: vec![link],
                }),
            }
        }
        ThisMonthContext {
            site: self.site(),
            page: self.page(here, "this_month", self.word("this_month"), None),
            months: (0..months.len())
                .filter(|&i| wanted.contains(&months[i].month))
                .map(|i| self.site_month(plans, months, i, here))
                .collect(),
            years,
            all_months: months.iter().map(|m| self.link(m.month, here)).collect(),
            calendar_url: here.url(&site_calendar()),
        }
    }

    fn link(&self, month: YearMonth, here: &Here<'_>) -> MonthLink {
        MonthLink {
            key: month.to_string(),
            year: month.year,
            short: self.language.month_short(month),
            name_year: self.language.month_year(month),
            url: here.url(&PageId::SiteMonth { month }),
        }
    }

    /// `months[i]` across the site, as seen from `here`.
    pub(crate) fn site_month(
        &self,
        plans: &[&'a Plan],
        months: &[SiteMonth<'a>],
        i: usize,
        here: &Here<'_>,
    ) -> SiteMonthView<'a> {
        let this = &months[i];
        let order = self.organisation_order(plans);
        let org_index = |p: &Plan| Views::organisation_rank(&order, p);
        let mut groups: Vec<OrganisationMonth<'a>> = Vec::new();
        for &(plan, m) in &this.plans {
            let index = org_index(plan);
            let view = PlanMonthView {
                slug: &plan.slug,
                title: &plan.title,
                number: plan.number.as_deref(),
                url: here.url(&PageId::Document {
                    plan: plan.slug.clone(),
                }),
                month: self.month(plan, m, here),
            };
            match groups.iter_mut().find(|g| g.index == index) {
                Some(g) => g.plans.push(view),
                None => groups.push(OrganisationMonth {
                    name: plan.organisation.as_ref().map(|o| o.name.as_str()),
                    slug: plan.organisation.as_ref().map(|o| o.slug.as_str()),
                    index,
                    colour: index % COLOURS,
                    plans: vec![view],
                }),
            }
        }
        groups.sort_by_key(|g| g.index);
        // Events of the months around it too: the grid's first and last weeks show their
        // days, and an event of an earlier month may run on into this one, however long.
        let weeks_from = this.month.first_day() - chrono::Duration::days(7);
        let placed: Vec<Placed<'a>> = months[..(i + 2).min(months.len())]
            .iter()
            .flat_map(|sm| sm.plans.iter())
            .flat_map(|&(plan, m)| {
                let org = org_index(plan);
                let org_name = plan.organisation.as_ref().map(|o| o.name.as_str());
                m.events.iter().map(move |event| Placed {
                    first: event.date.0,
                    last: event.end.map_or(event.date.0, |d| d.0),
                    event,
                    org,
                    org_name,
                })
            })
            .filter(|p| p.last.max(p.first) >= weeks_from)
            .collect();
        SiteMonthView {
            key: this.month.to_string(),
            name_year: self.language.month_year(this.month),
            url: here.url(&PageId::SiteMonth { month: this.month }),
            several: order.len() > 1,
            organisations: groups,
            grid: self.grid(this.month, &placed),
        }
    }
}

/// The site's calendar file.
pub fn site_calendar() -> PageId {
    PageId::File {
        path: crate::plan::model::SITE_CALENDAR.to_owned(),
    }
}
