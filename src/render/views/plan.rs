//! A plan's own pages: `plan.html` (the whole document) and `timeline.html`, and the `plan`
//! variable, which other pages get in part (see [`Detail`]), with its sections.

use serde::Serialize;

use super::home::{Latest, PlanSummary};
use super::month::MonthView;
use super::related::CitationView;
use super::{Near, PageView, SiteView, Views, plan_description};
use crate::parse::meta::{Extra, IssuerMeta, RecipientMeta, SignerMeta};
use crate::plan::{HeadingEntry, Organisation, PageId, Plan, Section};
use crate::render::here::Here;

/// Context of `plan.html` (a plan's whole document) and `timeline.html`.
#[derive(Serialize)]
pub struct PlanContext<'a> {
    /// `site`.
    pub site: SiteView<'a>,
    /// `page`.
    pub page: PageView,
    /// `plan`.
    pub plan: PlanView<'a>,
    /// The next newer plan of the site (next year's), if any.
    pub newer: Option<PlanSummary<'a>>,
    /// The next older plan of the site (last year's), if any.
    pub older: Option<PlanSummary<'a>>,
    /// The plans of the site's other organisations of the same year (periods that share a
    /// month), by organisation in the home page's order, newest first; empty on a site of one
    /// organisation, and in an archive.
    pub same_year: Vec<PlanSummary<'a>>,
}

/// `plan`: one plan, as shown on its pages.
#[derive(Debug, Serialize)]
pub struct PlanView<'a> {
    /// The plan's slug.
    pub slug: &'a str,
    /// Relative URL of the plan's document page.
    pub url: String,
    /// Relative URL of the plan's timeline page.
    pub timeline_url: String,
    /// Relative URL of the plan's calendar feed (`calendar.ics`), when it has a period.
    pub calendar_url: Option<String>,
    /// Relative URL of the plan's data (`plan.json`).
    pub data_url: String,
    /// Relative URL prefix of the month pages: `{{ plan.months_url }}2023-05/index.html`.
    pub months_url: String,
    /// First month of the period, `YYYY-MM`.
    pub period_start: Option<String>,
    /// Last month of the period, `YYYY-MM`.
    pub period_end: Option<String>,
    /// Title for listings.
    pub title: &'a str,
    /// Document kind: the author's, else the language's word ("KẾ HOẠCH").
    pub kind: String,
    /// Subject line (trích yếu).
    pub subject: Option<&'a str>,
    /// Number and symbol ("02-KH/CBMN").
    pub number: Option<&'a str>,
    /// Date of issue, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Date of issue written out ("ngày 27 tháng 01 năm 2023").
    pub date_text: Option<String>,
    /// Place of issue.
    pub place: Option<&'a str>,
    /// Motto lines, top right ("ĐẢNG CỘNG SẢN VIỆT NAM").
    pub motto: &'a [String],
    /// Issuing body (`name`) and its parent (`parent`).
    pub issuer: Option<&'a IssuerMeta>,
    /// The organisation the plan belongs to: `name` and `slug` (its `organisation`, else its
    /// issuer's name; none when it has neither).
    pub organisation: Option<&'a Organisation>,
    /// The plans of the site it is based on (`based_on`), in the author's order: `slug`,
    /// `url`, `title`, `number`, `date_text`.
    pub based_on: Vec<CitationView<'a>>,
    /// The plans of the site based on it, newest first, as `based_on`.
    pub cited_by: Vec<CitationView<'a>>,
    /// The period written out.
    pub period_text: Option<String>,
    /// Signature block: `on_behalf`, `title`, `name`.
    pub signer: Option<&'a SignerMeta>,
    /// "Nơi nhận": each with `name` and `purpose`.
    pub recipients: &'a [RecipientMeta],
    /// Description for previews (the author's, else the subject).
    pub description: Option<&'a str>,
    /// Draft flag.
    pub draft: bool,
    /// Free-form data.
    pub extra: &'a Extra,
    /// The preamble's HTML (on the document page; empty elsewhere).
    pub preamble: String,
    /// The closing text's HTML (on the document page).
    pub closing: Option<String>,
    /// Headings of the preamble and closing.
    pub headings: &'a [HeadingEntry],
    /// Every section, in order (with `html` only on the document page).
    pub sections: Vec<SectionView<'a>>,
    /// Every month of the period (on the document and timeline pages; empty elsewhere).
    pub months: Vec<MonthView<'a>>,
    /// Number of activities over all months.
    pub activity_count: usize,
}

/// A section.
#[derive(Debug, Serialize)]
pub struct SectionView<'a> {
    /// Slug; also the section's anchor on the document page.
    pub slug: &'a str,
    /// Relative URL of the section's own page.
    pub url: String,
    /// Title without number.
    pub title: &'a str,
    /// Number as the author gave it ("I").
    pub number: Option<&'a str>,
    /// Number as printed ("I.", "V-").
    pub label: Option<&'a str>,
    /// Label and title together ("I. ĐẶC ĐIỂM TÌNH HÌNH CHUNG").
    pub heading: String,
    /// Whether the month table goes at the end of this section.
    pub timeline: bool,
    /// Description for previews.
    pub description: Option<&'a str>,
    /// The section's HTML (None where the page does not show it).
    pub html: Option<String>,
    /// Its headings: `level`, `text`, `id`.
    pub headings: &'a [HeadingEntry],
    /// Free-form data.
    pub extra: &'a Extra,
}

/// Whether a section's view carries its body's HTML (`html`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionHtml {
    /// With its HTML, rendered for the page.
    Shown,
    /// Without (`html` is none).
    Omitted,
}

/// How much of a plan a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Headers and the section list only.
    Outline,
    /// With the months (timeline page).
    Months,
    /// Everything (document page).
    Full,
}

/// Which of a plan's own pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    /// The whole document: `plan.html`.
    Whole,
    /// The timeline: `timeline.html`.
    Timeline,
}

impl Document {
    /// Where this page of `plan` goes.
    pub fn page(self, plan: &Plan) -> PageId {
        let plan = plan.slug.clone();
        match self {
            Document::Whole => PageId::Document { plan },
            Document::Timeline => PageId::Timeline { plan },
        }
    }

    /// Its template.
    pub fn template(self) -> &'static str {
        match self {
            Document::Whole => "plan.html",
            Document::Timeline => "timeline.html",
        }
    }
}

impl<'a> Views<'a> {
    /// The context of `which` page of the plan `near.this` (`here`); the plans around it in
    /// the site are its newer (before) and older (after) neighbours, and `plans` (newest
    /// first) the plans rendered with it.
    pub fn document(
        &self,
        near: Near<'a, Plan>,
        plans: &[&'a Plan],
        here: &Here<'_>,
        which: Document,
    ) -> PlanContext<'a> {
        let plan = near.this;
        let (kind, title, detail) = match which {
            Document::Whole => ("document", plan.title.clone(), Detail::Full),
            Document::Timeline => (
                "timeline",
                format!("{} – {}", self.word("timeline"), plan.title),
                Detail::Months,
            ),
        };
        PlanContext {
            site: self.site(),
            page: self.page(here, kind, title, plan_description(plan)),
            plan: self.plan(plan, here, detail),
            // Plans are newest first: the newer one is the newest (of the organisation) when
            // it is the first.
            newer: near.prev.map(|p| {
                let latest = if near.index == 1 {
                    Latest::Yes
                } else {
                    Latest::No
                };
                self.summary(p, here, latest)
            }),
            older: near.next.map(|p| self.summary(p, here, Latest::No)),
            same_year: self.same_year(plans, plan, here),
        }
    }

    /// `plan`, with as much detail as the page shows.
    pub fn plan(&self, plan: &'a Plan, here: &Here<'_>, detail: Detail) -> PlanView<'a> {
        let full = detail == Detail::Full;
        let html = if full {
            SectionHtml::Shown
        } else {
            SectionHtml::Omitted
        };
        PlanView {
            slug: &plan.slug,
            url: here.url(&PageId::Document {
                plan: plan.slug.clone(),
            }),
            timeline_url: here.url(&PageId::Timeline {
                plan: plan.slug.clone(),
            }),
            calendar_url: plan
                .period
                .map(|_| here.url(&crate::render::data::calendar_page(plan))),
            data_url: here.url(&crate::render::data::data_page(plan)),
            months_url: format!("{}{}/months/", here.root, plan.slug),
            period_start: plan.period.map(|(s, _)| s.to_string()),
            period_end: plan.period.map(|(_, e)| e.to_string()),
            title: &plan.title,
            kind: plan
                .kind
                .clone()
                .or_else(|| self.language.get("plan_kind").map(str::to_owned))
                .unwrap_or_default(),
            subject: plan.subject.as_deref(),
            number: plan.number.as_deref(),
            date: plan.date.map(|d| d.to_string()),
            date_text: plan.date.map(|d| self.language.long_date(d)),
            place: plan.place.as_deref(),
            motto: &plan.motto,
            issuer: plan.issuer.as_ref(),
            organisation: plan.organisation.as_ref(),
            based_on: self.citations(&plan.based_on, here),
            cited_by: self.citations(&plan.cited_by, here),
            period_text: self.period_text(plan),
            signer: plan.signer.as_ref(),
            recipients: &plan.recipients,
            description: plan_description(plan),
            draft: plan.draft,
            extra: &plan.extra,
            preamble: if full {
                here.body(&plan.preamble)
            } else {
                String::new()
            },
            closing: plan.closing.as_ref().filter(|_| full).map(|c| here.body(c)),
            headings: &plan.headings,
            sections: plan
                .sections
                .iter()
                .map(|s| self.section(plan, s, here, html))
                .collect(),
            months: if detail == Detail::Outline {
                Vec::new()
            } else {
                plan.months
                    .iter()
                    .map(|m| self.month(plan, m, here))
                    .collect()
            },
            activity_count: plan.activity_count(),
        }
    }

    /// A section, its body rendered for this page or not as `html` says.
    pub fn section(
        &self,
        plan: &Plan,
        s: &'a Section,
        here: &Here<'_>,
        html: SectionHtml,
    ) -> SectionView<'a> {
        SectionView {
            slug: &s.slug,
            url: here.url(&PageId::Section {
                plan: plan.slug.clone(),
                section: s.slug.clone(),
            }),
            title: &s.title,
            number: s.number.as_deref(),
            label: s.label.as_deref(),
            heading: match &s.label {
                Some(l) => format!("{l} {}", s.title),
                None => s.title.clone(),
            },
            timeline: s.timeline,
            description: s.description.as_deref(),
            html: (html == SectionHtml::Shown).then(|| here.body(&s.body)),
            headings: &s.headings,
            extra: &s.extra,
        }
    }
}
