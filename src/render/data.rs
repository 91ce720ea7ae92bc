//! `<plan>/plan.json`: the plan as data for other systems. The schema is documented in
//! `docs/plan-json.md`; `SCHEMA` names its version and changes only when a field changes
//! meaning or disappears (new fields may be added).

use serde::Serialize;

use crate::parse::meta::{IssuerMeta, RecipientMeta, SignerMeta};
use crate::plan::{Citation, HeadingEntry, PageId, Plan};
use crate::render::here::{Here, Links};

/// The schema name and version written in every plan.json.
pub const SCHEMA: &str = "plansite.plan/1";

#[derive(Serialize)]
struct PlanData<'a> {
    schema: &'static str,
    slug: &'a str,
    title: &'a str,
    kind: Option<&'a str>,
    subject: Option<&'a str>,
    number: Option<&'a str>,
    date: Option<String>,
    place: Option<&'a str>,
    motto: &'a [String],
    issuer: Option<&'a IssuerMeta>,
    organisation: Option<&'a crate::plan::Organisation>,
    period: Option<PeriodData>,
    based_on: Vec<CitationData<'a>>,
    cited_by: Vec<CitationData<'a>>,
    signer: Option<&'a SignerMeta>,
    recipients: &'a [RecipientMeta],
    description: Option<&'a str>,
    draft: bool,
    preamble: &'a str,
    closing: Option<&'a str>,
    url: String,
    timeline_url: String,
    calendar_url: Option<String>,
    sections: Vec<SectionData<'a>>,
    months: Vec<MonthData<'a>>,
    activity_count: usize,
}

/// A plan this one is based on, or one based on it.
#[derive(Serialize)]
struct CitationData<'a> {
    slug: &'a str,
    title: &'a str,
    number: Option<&'a str>,
    date: Option<String>,
    url: String,
}

#[derive(Serialize)]
struct PeriodData {
    start: String,
    end: String,
}

#[derive(Serialize)]
struct SectionData<'a> {
    slug: &'a str,
    number: Option<&'a str>,
    label: Option<&'a str>,
    title: &'a str,
    url: String,
    text: &'a str,
    headings: &'a [HeadingEntry],
}

#[derive(Serialize)]
struct MonthData<'a> {
    month: String,
    title: Option<&'a str>,
    url: String,
    activities: Vec<ActivityData<'a>>,
    events: Vec<EventData<'a>>,
}

#[derive(Serialize)]
struct ActivityData<'a> {
    text: &'a str,
    html: String,
}

#[derive(Serialize)]
struct EventData<'a> {
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    holiday: bool,
    title: &'a str,
    time: Option<&'a str>,
    place: Option<&'a str>,
    note: Option<&'a str>,
}

/// Where a plan's plan.json goes.
pub fn data_page(plan: &Plan) -> PageId {
    PageId::File {
        path: format!("{}/plan.json", plan.slug),
    }
}

/// Where a plan's calendar goes.
pub fn calendar_page(plan: &Plan) -> PageId {
    PageId::File {
        path: format!("{}/calendar.ics", plan.slug),
    }
}

/// The plan.json of `plan`, pretty-printed, URLs relative to the file itself, links to other
/// plans written as `links` says.
pub fn plan_json(plan: &Plan, links: Links<'_>) -> Vec<u8> {
    let here = Here::with_links(data_page(plan), links);
    let slug = plan.slug.clone();
    let data = PlanData {
        schema: SCHEMA,
        slug: &plan.slug,
        title: &plan.title,
        kind: plan.kind.as_deref(),
        subject: plan.subject.as_deref(),
        number: plan.number.as_deref(),
        date: plan.date.map(|d| d.to_string()),
        place: plan.place.as_deref(),
        motto: &plan.motto,
        issuer: plan.issuer.as_ref(),
        organisation: plan.organisation.as_ref(),
        period: plan.period.map(|(s, e)| PeriodData {
            start: s.to_string(),
            end: e.to_string(),
        }),
        based_on: citations(&plan.based_on, &here),
        cited_by: citations(&plan.cited_by, &here),
        signer: plan.signer.as_ref(),
        recipients: &plan.recipients,
        description: plan.description.as_deref(),
        draft: plan.draft,
        preamble: &plan.preamble_text,
        closing: plan.closing_text.as_deref(),
        url: here.url(&PageId::Document { plan: slug.clone() }),
        timeline_url: here.url(&PageId::Timeline { plan: slug.clone() }),
        calendar_url: plan.period.map(|_| here.url(&calendar_page(plan))),
        sections: plan
            .sections
            .iter()
            .map(|s| SectionData {
                slug: &s.slug,
                number: s.number.as_deref(),
                label: s.label.as_deref(),
                title: &s.title,
                url: here.url(&PageId::Section {
                    plan: slug.clone(),
                    section: s.slug.clone(),
                }),
                text: &s.text,
                headings: &s.headings,
            })
            .collect(),
        months: plan
            .months
            .iter()
            .map(|m| MonthData {
                month: m.month.to_string(),
                title: m.title.as_deref(),
                url: here.url(&PageId::Month {
                    plan: slug.clone(),
                    month: m.month,
                }),
                activities: m
                    .activities
                    .iter()
                    .map(|a| ActivityData {
                        text: &a.text,
                        html: here.body(&a.body),
                    })
                    .collect(),
                events: m
                    .events
                    .iter()
                    .map(|e| EventData {
                        date: e.date.to_string(),
                        end: e.end.map(|d| d.to_string()),
                        holiday: e.holiday,
                        title: &e.title,
                        time: e.time.as_deref(),
                        place: e.place.as_deref(),
                        note: e.note.as_deref(),
                    })
                    .collect(),
            })
            .collect(),
        activity_count: plan.activity_count(),
    };
    let mut json = serde_json::to_vec_pretty(&data).unwrap_or_default();
    json.push(b'\n');
    json
}

/// `citations` for plan.json, their URLs from it (`here`).
fn citations<'a>(citations: &'a [Citation], here: &Here<'_>) -> Vec<CitationData<'a>> {
    citations
        .iter()
        .map(|c| CitationData {
            slug: &c.slug,
            title: &c.title,
            number: c.number.as_deref(),
            date: c.date.map(|d| d.to_string()),
            url: here.target_url(&c.target()),
        })
        .collect()
}
