//! The resolved site: plans, sections, months and activities, checked, ordered, numbered and
//! linked. Immutable once built; every later stage only reads it.

use std::path::PathBuf;

use crate::date::{Date, YearMonth};
use crate::load::Asset;
use crate::parse::meta::{Extra, IssuerMeta, RecipientMeta, SignerMeta};

/// Every plan of the site.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// Newest first: by first month of the period, else date of issue, else slug.
    pub plans: Vec<Plan>,
}

/// An organisation of the site: the Party cell, the union, the school board... Plans of one
/// organisation share its slug.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Organisation {
    /// Its name as the plan writes it ("CHI BỘ TRƯỜNG MẦM NON TIÊN CƯỜNG").
    pub name: String,
    /// Its URL name, the same for every spelling of the name ("chi-bo-truong-mam-non-tien-cuong").
    pub slug: String,
}

impl Organisation {
    /// The organisation named `name`, if the name has letters or digits.
    pub fn named(name: &str) -> Option<Organisation> {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let slug = crate::slug::slugify(&name);
        (!slug.is_empty()).then_some(Organisation { name, slug })
    }
}

/// Another plan of the site that a plan names: one it is based on ("căn cứ"), or one based
/// on it. Holds what a link to it shows, so a plan rendered alone (an archive) can show it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Citation {
    /// The cited plan's slug.
    pub slug: String,
    /// Its title.
    pub title: String,
    /// Its number and symbol.
    pub number: Option<String>,
    /// Its date of issue.
    pub date: Option<Date>,
}

impl Citation {
    /// What `plan` shows of itself when another plan names it.
    pub fn of(plan: &Plan) -> Citation {
        Citation {
            slug: plan.slug.clone(),
            title: plan.title.clone(),
            number: plan.number.clone(),
            date: plan.date,
        }
    }

    /// The link to the cited plan's document page.
    pub fn target(&self) -> LinkTarget {
        LinkTarget {
            page: PageId::Document {
                plan: self.slug.clone(),
            },
            anchor: None,
        }
    }
}

/// One plan: an issued document and its timeline.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Plan {
    /// URL name of the plan's folder in the output.
    pub slug: String,
    /// The plan's `_index.md`, relative to the site root.
    pub source: PathBuf,
    /// Title for listings.
    pub title: String,
    /// Document kind ("KẾ HOẠCH"), when the author gave one.
    pub kind: Option<String>,
    /// Subject line (trích yếu).
    pub subject: Option<String>,
    /// Number and symbol ("02-KH/CBMN").
    pub number: Option<String>,
    /// Date of issue.
    pub date: Option<Date>,
    /// Place of issue.
    pub place: Option<String>,
    /// The motto, one entry per line (plan's own, else the site's).
    pub motto: Vec<String>,
    /// Issuing body.
    pub issuer: Option<IssuerMeta>,
    /// The organisation the plan belongs to (its `organisation`, else its issuer's name).
    pub organisation: Option<Organisation>,
    /// The plans of the site it is based on (`based_on`), in the author's order.
    pub based_on: Vec<Citation>,
    /// The plans of the site based on it, newest first.
    pub cited_by: Vec<Citation>,
    /// First and last month.
    pub period: Option<(YearMonth, YearMonth)>,
    /// The signature block.
    pub signer: Option<SignerMeta>,
    /// "Nơi nhận".
    pub recipients: Vec<RecipientMeta>,
    /// Description for previews.
    pub description: Option<String>,
    /// Whether this is a draft.
    pub draft: bool,
    /// Free-form data.
    #[serde(with = "crate::parse::meta::extra_as_text")]
    pub extra: Extra,
    /// The text before the first section.
    pub preamble: Body,
    /// The preamble as plain text.
    pub preamble_text: String,
    /// The closing paragraph(s).
    pub closing: Option<Body>,
    /// The closing as plain text.
    pub closing_text: Option<String>,
    /// Headings of the preamble and closing, with their ids.
    pub headings: Vec<HeadingEntry>,
    /// Sections in document order.
    #[serde(with = "sections_counted")]
    pub sections: Vec<Section>,
    /// Every month of the period in order, with or without a file.
    pub months: Vec<Month>,
    /// Files copied next to the plan's pages.
    pub assets: Vec<Asset>,
}

/// A plan's serialised form (the build cache) holds only its head or its light form
/// (`crate::plan::head`), whose sections are empty slots: it keeps their number.
mod sections_counted {
    use super::Section;

    pub(super) fn serialize<S: serde::Serializer>(
        sections: &[Section],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(sections.len() as u64)
    }

    pub(super) fn deserialize<'de, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<Section>, D::Error> {
        let n = <u64 as serde::Deserialize>::deserialize(deserializer)?;
        let n = usize::try_from(n).map_err(serde::de::Error::custom)?;
        Ok(vec![Section::default(); n])
    }
}

impl Plan {
    /// The number of activities over all months.
    pub fn activity_count(&self) -> usize {
        self.months.iter().map(|m| m.activities.len()).sum()
    }

    /// The months the plan covers, to tell which plans are of the same year: its period,
    /// else the calendar year of its date of issue; none with neither.
    pub fn span(&self) -> Option<(YearMonth, YearMonth)> {
        self.period.or_else(|| {
            self.date.map(|d| {
                let year = d.month().year;
                (YearMonth { year, month: 1 }, YearMonth { year, month: 12 })
            })
        })
    }

    /// Whether this plan and `other` are of the same year: their spans share a month (a
    /// school year, September to May, shares months with both of its calendar years).
    pub fn same_year(&self, other: &Plan) -> bool {
        match (self.span(), other.span()) {
            (Some((s, e)), Some((os, oe))) => s <= oe && os <= e,
            _ => false,
        }
    }
}

/// A numbered part of the document.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Section {
    /// URL name, unique in the plan.
    pub slug: String,
    /// Source file, relative to the site root.
    pub source: PathBuf,
    /// Heading text without the number.
    pub title: String,
    /// The number as the author gave it ("I", "V-").
    pub number: Option<String>,
    /// The number as printed before the title ("I.", "V-").
    pub label: Option<String>,
    /// Whether the month table goes at the end of this section.
    pub timeline: bool,
    /// Description for previews.
    pub description: Option<String>,
    /// Free-form data.
    #[serde(with = "crate::parse::meta::extra_as_text")]
    pub extra: Extra,
    /// The section's text.
    pub body: Body,
    /// The section's text without markup, blocks separated by blank lines.
    pub text: String,
    /// Its headings, with their ids.
    pub headings: Vec<HeadingEntry>,
}

/// One month of the timeline.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Month {
    /// Which month.
    pub month: YearMonth,
    /// The month file, when there is one.
    pub source: Option<PathBuf>,
    /// A heading for the month.
    pub title: Option<String>,
    /// The activities: the top-level list items of the file.
    pub activities: Vec<Activity>,
    /// Dated events, by date.
    pub events: Vec<Event>,
    /// Whatever the file has besides its lists.
    pub notes: Body,
    /// Free-form data.
    #[serde(with = "crate::parse::meta::extra_as_text")]
    pub extra: Extra,
}

/// One activity of a month.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Activity {
    /// Its HTML.
    pub body: Body,
    /// Its plain text.
    pub text: String,
}

/// A dated event.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Event {
    /// The day.
    pub date: Date,
    /// The last day of an event that lasts several days.
    pub end: Option<Date>,
    /// A day off or a holiday.
    pub holiday: bool,
    /// What happens.
    pub title: String,
    /// Time of day, as written.
    pub time: Option<String>,
    /// Where.
    pub place: Option<String>,
    /// A note.
    pub note: Option<String>,
}

/// A heading with its final, plan-unique id.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct HeadingEntry {
    /// HTML level.
    pub level: u8,
    /// Text.
    pub text: String,
    /// The `id` attribute.
    pub id: String,
    /// Where the heading's part starts in the body's plain text.
    #[serde(skip)]
    pub text_offset: usize,
}

/// Body HTML whose internal links are resolved per page (see `render::links`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Body {
    /// The pieces, in order.
    pub parts: Vec<BodyPart>,
}

/// A piece of body HTML.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BodyPart {
    /// Finished HTML.
    Html(String),
    /// The value of an `href` or `src`, written relative to the page it appears on.
    Link(LinkTarget),
}

/// What an internal link points at.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LinkTarget {
    /// The page or file.
    pub page: PageId,
    /// The `#fragment`, if any.
    pub anchor: Option<String>,
}

/// The folder of the site's "this month" page. Fixed, whatever the site's language: a link
/// shared in a chat keeps working when a theme changes language.
pub const THIS_MONTH_FOLDER: &str = "thang-nay";
/// The folder of the site's month pages (`thang/2024-10/`).
pub const SITE_MONTHS_FOLDER: &str = "thang";
/// The site's calendar of every plan (`calendar.ics` at the root).
pub const SITE_CALENDAR: &str = "calendar.ics";
/// Folder names of the site's own pages, which no plan may take.
pub const SITE_FOLDERS: &[&str] = &["search", THIS_MONTH_FOLDER, SITE_MONTHS_FOLDER];

/// A page or file of the built site.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum PageId {
    /// The archive home page.
    Home,
    /// The page shown for a missing address (`404.html`).
    NotFound,
    /// The search page.
    Search,
    /// A plan's whole document.
    Document {
        /// Plan slug.
        plan: String,
    },
    /// One section's page.
    Section {
        /// Plan slug.
        plan: String,
        /// Section slug.
        section: String,
    },
    /// The timeline page of a plan.
    Timeline {
        /// Plan slug.
        plan: String,
    },
    /// One month's page.
    Month {
        /// Plan slug.
        plan: String,
        /// The month.
        month: YearMonth,
    },
    /// "This month" across the site: every current plan's month, picked by the reader's clock.
    ThisMonth,
    /// One month across the site: every plan's activities and events of that month.
    SiteMonth {
        /// The month.
        month: YearMonth,
    },
    /// A copied file, by its path in the output.
    File {
        /// Path from the output root, `/`-separated.
        path: String,
    },
}

impl PageId {
    /// The output path of this page's file, from the output root (`2023/dac-diem/index.html`).
    pub fn output_path(&self) -> String {
        match self {
            PageId::Home => "index.html".to_owned(),
            PageId::NotFound => "404.html".to_owned(),
            PageId::Search => "search/index.html".to_owned(),
            PageId::Document { plan } => format!("{plan}/index.html"),
            PageId::Section { plan, section } => format!("{plan}/{section}/index.html"),
            PageId::Timeline { plan } => format!("{plan}/timeline/index.html"),
            PageId::Month { plan, month } => format!("{plan}/months/{month}/index.html"),
            PageId::ThisMonth => format!("{THIS_MONTH_FOLDER}/index.html"),
            PageId::SiteMonth { month } => format!("{SITE_MONTHS_FOLDER}/{month}/index.html"),
            PageId::File { path } => path.clone(),
        }
    }

    /// How many folders deep the page's file is (0 for `index.html` at the root).
    pub fn depth(&self) -> usize {
        self.output_path().matches('/').count()
    }

    /// The plan a page belongs to.
    pub fn plan(&self) -> Option<&str> {
        match self {
            PageId::Document { plan }
            | PageId::Section { plan, .. }
            | PageId::Timeline { plan }
            | PageId::Month { plan, .. } => Some(plan),
            PageId::Home
            | PageId::NotFound
            | PageId::Search
            | PageId::ThisMonth
            | PageId::SiteMonth { .. }
            | PageId::File { .. } => None,
        }
    }
}
