//! View structs: exactly what each template receives. Every field is documented here, and
//! `docs/templates.md` mirrors this file for theme authors.
//!
//! Views borrow from the resolved site; only the HTML of bodies (whose links depend on the
//! page) and formatted dates are made per page. A page's context never carries more than that
//! page shows: section pages get the section list without bodies, the home page gets summaries.

use serde::Serialize;

use crate::config::Config;
use crate::parse::meta::{Extra, IssuerMeta, RecipientMeta, SignerMeta};
use crate::plan::{Event, HeadingEntry, Month, PageId, Plan, Section};
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

/// Whether a summary is marked as the newest plan (`latest`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Latest {
    /// Marked: the first of the site's list.
    Yes,
    /// Not marked.
    No,
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

/// Builds views for one site in one language.
pub struct Views<'a> {
    /// The site configuration.
    pub config: &'a Config,
    /// The site's language.
    pub language: &'a Language,
    /// Whether the theme ships `og-image.png` for link previews.
    pub has_preview_image: bool,
}

impl<'a> Views<'a> {
    /// `site`.
    pub fn site(&self) -> SiteView<'a> {
        SiteView {
            title: &self.config.title,
            description: self.config.description.as_deref(),
            language: &self.config.language,
            locale: &self.language.locale,
            base_url: self.config.base_url.as_deref(),
            generator: concat!("plansite ", env!("CARGO_PKG_VERSION")),
            extra: &self.config.extra,
            print: &self.config.print,
        }
    }

    /// The absolute URL of an output path, when `base_url` is set (`index.html` dropped).
    pub fn absolute(&self, path: &str) -> Option<String> {
        self.config.base_url.as_deref().map(|base| {
            let dir = path.strip_suffix("index.html").unwrap_or(path);
            format!("{}/{}", base.trim_end_matches('/'), dir)
        })
    }

    /// `page`.
    pub fn page(
        &self,
        here: &Here,
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
        }
    }

    fn period_text(&self, plan: &Plan) -> Option<String> {
        plan.period.map(|(s, e)| {
            format!(
                "{} – {}",
                self.language.month_year(s),
                self.language.month_year(e)
            )
        })
    }

    /// An archive entry.
    pub fn summary(&self, plan: &'a Plan, here: &Here, latest: Latest) -> PlanSummary<'a> {
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
            latest: latest == Latest::Yes,
            period_start: plan.period.map(|(s, _)| s.to_string()),
            period_end: plan.period.map(|(_, e)| e.to_string()),
            section_count: plan.sections.len(),
            activity_count: plan.activity_count(),
        }
    }

    /// `plan`, with as much detail as the page shows.
    pub fn plan(&self, plan: &'a Plan, here: &Here, detail: Detail) -> PlanView<'a> {
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
            period_text: self.period_text(plan),
            signer: plan.signer.as_ref(),
            recipients: &plan.recipients,
            description: plan.description.as_deref().or(plan.subject.as_deref()),
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
        here: &Here,
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

    /// A month.
    pub fn month(&self, plan: &Plan, m: &'a Month, here: &Here) -> MonthView<'a> {
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
            events: m.events.iter().map(|e| self.event(e)).collect(),
            notes: here.body(&m.notes),
            extra: m.source.as_ref().map(|_| &m.extra),
        }
    }

    fn event(&self, e: &'a Event) -> EventView<'a> {
        use chrono::Datelike;
        EventView {
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
