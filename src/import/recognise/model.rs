//! The recogniser's types: what it hands on ([`Recognised`], in the front-matter schema) and
//! the plan while its detectors fill it in ([`Draft`]).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::calendar::Calendar;
use crate::date::YearMonth;
use crate::parse::meta::{EventMeta, IssuerMeta, MonthMeta, PlanMeta, RecipientMeta, SectionMeta};

/// A plan as recognised, in the schema of the content files.
#[derive(Debug)]
pub struct Recognised {
    /// The plan's front matter.
    pub plan: PlanMeta,
    /// The preamble (Markdown paragraphs), the body of `_index.md`.
    pub preamble: Vec<String>,
    /// The sections in order.
    pub sections: Vec<SectionFile>,
    /// The months, each with its activities, events and notes.
    pub months: BTreeMap<YearMonth, MonthFile>,
    /// What was recognised, with where (0: nowhere in particular), for the report.
    pub found: Vec<(usize, String)>,
    /// What was not found or could not be placed.
    pub problems: Vec<Problem>,
}

/// One section file.
#[derive(Debug, Clone)]
pub struct SectionFile {
    /// Where its heading is (0 when the document has no headings).
    pub at: usize,
    /// Its front matter.
    pub meta: SectionMeta,
    /// Its body, Markdown.
    pub body: String,
}

/// One month file.
#[derive(Debug, Clone, Default)]
pub struct MonthFile {
    /// Where the month starts in the input.
    pub at: usize,
    /// The activities, Markdown inline text (one list item each).
    pub items: Vec<String>,
    /// Notes that are not activities ("Ghi chú: …", "Nghỉ Tết …", other columns of a month
    /// table), Markdown paragraphs.
    pub notes: Vec<String>,
    /// Dated events of the month (front matter).
    pub events: Vec<EventMeta>,
}

impl MonthFile {
    /// The month file's front matter.
    pub fn meta(&self) -> MonthMeta {
        MonthMeta {
            events: self.events.clone(),
            ..MonthMeta::default()
        }
    }
}

/// Something the recogniser could not do.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Where in the input, if it is about a place.
    pub at: Option<usize>,
    /// What.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

/// The signature block as it is read (the name may come last, or never).
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct Signer {
    pub(super) on_behalf: Option<String>,
    pub(super) title: Option<String>,
    pub(super) name: Option<String>,
}

/// The plan while it is being recognised: what the detectors have found so far.
#[derive(Debug, Default)]
pub(super) struct Draft {
    pub(super) issuer: Option<IssuerMeta>,
    pub(super) motto: Vec<String>,
    pub(super) number: Option<String>,
    pub(super) place: Option<String>,
    pub(super) date: Option<NaiveDate>,
    pub(super) kind: Option<String>,
    pub(super) subject: Option<String>,
    pub(super) intro: Vec<String>,
    pub(super) sections: Vec<SectionFile>,
    pub(super) months: BTreeMap<YearMonth, MonthFile>,
    pub(super) closing: Option<String>,
    pub(super) recipients: Vec<RecipientMeta>,
    pub(super) signer: Signer,
    pub(super) found: Vec<(usize, String)>,
    pub(super) problems: Vec<Problem>,
    /// Which year a month written without one is in.
    pub(super) calendar: Calendar,
    /// The month of the last dated event added.
    pub(super) last_event: Option<YearMonth>,
}

impl Draft {
    pub(super) fn problem(
        &mut self,
        at: Option<usize>,
        message: impl Into<String>,
        hint: Option<&str>,
    ) {
        self.problems.push(Problem {
            at,
            message: message.into(),
            hint: hint.map(str::to_string),
        });
    }

    pub(super) fn found(&mut self, at: usize, what: impl Into<String>) {
        self.found.push((at, what.into()));
    }

    /// The month's file, made when first used; `at` is kept from the first use.
    pub(super) fn month(&mut self, ym: YearMonth, at: usize) -> &mut MonthFile {
        let m = self.months.entry(ym).or_default();
        if m.at == 0 {
            m.at = at;
        }
        m
    }
}

impl Recognised {
    /// The plan's year: its first month's, else its date's, else the first year its
    /// subject names ("… năm 2024", "năm học 2023-2024").
    pub fn year(&self) -> Option<i32> {
        match (&self.plan.period, self.plan.date) {
            (Some(p), _) => Some(p.start.year),
            (None, Some(d)) => Some(chrono::Datelike::year(&d.0)),
            (None, None) => self
                .plan
                .subject
                .as_deref()?
                .split(|c: char| !c.is_ascii_digit())
                .filter(|w| w.len() == 4)
                .filter_map(|w| w.parse().ok())
                .find(|y| (1900..=2200).contains(y)),
        }
    }

    /// How many activities the months hold.
    pub fn activities(&self) -> usize {
        self.months.values().map(|m| m.items.len()).sum()
    }

    /// How many dated events the months hold.
    pub fn events(&self) -> usize {
        self.months.values().map(|m| m.events.len()).sum()
    }
}
