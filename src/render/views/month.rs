//! A month's own page: `month.html`, and the `month` variable with its activities and
//! events (also the items of `plan.months` on the document and timeline pages).

use serde::Serialize;

use super::{Near, PageView, SiteView, Views, plan_description};
use crate::parse::meta::Extra;
use crate::plan::{Event, Month, PageId, Plan};
use crate::render::here::Here;

/// Context of `month.html`. Its `plan` is the plan's outline, shared by every month page.
#[derive(Serialize)]
pub struct MonthContext<'a> {
    /// `site`.
    pub site: SiteView<'a>,
    /// `page`.
    pub page: PageView,
    /// `month`.
    pub month: MonthView<'a>,
    /// The month before it, if any.
    pub prev: Option<MonthView<'a>>,
    /// The month after it, if any.
    pub next: Option<MonthView<'a>>,
    /// Relative URL of the site's page of the month (every plan's), on a site of several
    /// organisations.
    pub site_month_url: Option<String>,
}

/// A month of the timeline.
#[derive(Debug, Serialize)]
pub struct MonthView<'a> {
    /// `YYYY-MM`.
    pub key: String,
    /// The year.
    pub year: i32,
    /// The month number, 1–12.
    pub number: u32,
    /// "Tháng 5" / "May".
    pub name: String,
    /// "Tháng 5 năm 2023" / "May 2023".
    pub name_year: String,
    /// "T5" / "May": for the month strip.
    pub short: String,
    /// "5/2023": the month column of the month table.
    pub numeric: String,
    /// The anchor of the month on the timeline page (`thang-2023-05`).
    pub anchor: String,
    /// Relative URL of the month's page.
    pub url: String,
    /// A heading the author gave the month.
    pub title: Option<&'a str>,
    /// Activities: `html` and `text`.
    pub activities: Vec<ActivityView>,
    /// Dated events.
    pub events: Vec<EventView<'a>>,
    /// Other content of the month file (HTML).
    pub notes: String,
    /// Free-form data.
    pub extra: Option<&'a Extra>,
}

/// An activity.
#[derive(Debug, Serialize)]
pub struct ActivityView {
    /// Its HTML (inline; no `<li>`).
    pub html: String,
    /// Its text without markup.
    pub text: String,
}

/// A dated event.
#[derive(Debug, Serialize)]
pub struct EventView<'a> {
    /// `YYYY-MM-DD-n`, the `n`th event of its day: unique in the plan.
    pub id: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The day of the month.
    pub day: u32,
    /// The date written out.
    pub date_text: String,
    /// The last day (`YYYY-MM-DD`) of an event that lasts several days, else none.
    pub end: Option<String>,
    /// The last day written out, else none.
    pub end_text: Option<String>,
    /// A day off or a holiday, not work to do.
    pub holiday: bool,
    /// What happens.
    pub title: &'a str,
    /// Time of day.
    pub time: Option<&'a str>,
    /// Where.
    pub place: Option<&'a str>,
    /// A note.
    pub note: Option<&'a str>,
}

impl<'a> Views<'a> {
    /// The context of the page (`here`) of the month `near.this` of `plan`.
    pub fn month_page(
        &self,
        plan: &'a Plan,
        near: Near<'a, Month>,
        here: &Here<'_>,
    ) -> MonthContext<'a> {
        let around = |m: Option<&'a Month>| m.map(|m| self.month(plan, m, here));
        let month = self.month(plan, near.this, here);
        MonthContext {
            site: self.site(),
            page: self.page(
                here,
                "month",
                format!("{} – {}", month.name_year, plan.title),
                plan_description(plan),
            ),
            prev: around(near.prev),
            next: around(near.next),
            site_month_url: self.this_month.then(|| {
                here.url(&PageId::SiteMonth {
                    month: near.this.month,
                })
            }),
            month,
        }
    }

    /// A month.
    pub fn month(&self, plan: &Plan, m: &'a Month, here: &Here<'_>) -> MonthView<'a> {
        let lang = self.language;
        MonthView {
            key: m.month.to_string(),
            year: m.month.year,
            number: m.month.month,
            name: lang.month(m.month),
            name_year: lang.month_year(m.month),
            short: lang.month_short(m.month),
            numeric: lang.month_numeric(m.month),
            anchor: format!("thang-{}", m.month),
            url: here.url(&PageId::Month {
                plan: plan.slug.clone(),
                month: m.month,
            }),
            title: m.title.as_deref(),
            activities: m
                .activities
                .iter()
                .map(|a| ActivityView {
                    html: here.body(&a.body),
                    text: a.text.clone(),
                })
                .collect(),
            events: m
                .events
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    let n = m.events[..=i].iter().filter(|o| o.date == e.date).count();
                    self.event(e, n)
                })
                .collect(),
            notes: here.body(&m.notes),
            extra: m.source.as_ref().map(|_| &m.extra),
        }
    }

    /// The event `e`, the `n`th of its day.
    fn event(&self, e: &'a Event, n: usize) -> EventView<'a> {
        use chrono::Datelike;
        EventView {
            id: format!("{}-{n}", e.date),
            date: e.date.to_string(),
            day: e.date.0.day(),
            date_text: self.language.long_date(e.date),
            end: e.end.map(|d| d.to_string()),
            end_text: e.end.map(|d| self.language.long_date(d)),
            holiday: e.holiday,
            title: &e.title,
            time: e.time.as_deref(),
            place: e.place.as_deref(),
            note: e.note.as_deref(),
        }
    }
}
