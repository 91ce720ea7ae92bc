//! `<plan>/calendar.ics`: the plan's months and dated events as an iCalendar feed (RFC 5545)
//! that phones and calendar apps can import or subscribe to.
//!
//! Every event is all-day: one per dated event, and one per month with activities, spanning
//! the month, its activities as the description. UIDs are derived from the plan and the date,
//! and DTSTAMP from the plan's date, so the same input gives the same file.
//!
//! Text from the plan goes through `text` first: RFC 5545 allows no control character in a
//! text value but the tab, and the icalendar crate escapes only line breaks (and only in the
//! properties it knows as text), so a CR or an ESC in front matter would otherwise reach the
//! file raw.

use chrono::{NaiveDate, NaiveTime};
use icalendar::{Calendar, Component, EventLike, Property};

use crate::config::Settings;
use crate::plan::{Event, Month, Plan};
use crate::render::i18n::Language;

/// The calendar of `plan`, or `None` when the plan has no period (so no months).
pub fn plan_calendar(plan: &Plan, settings: &Settings, lang: &Language) -> Option<Vec<u8>> {
    plan.period?;
    let mut cal = calendar(&plan.title);
    for event in Ctx::new(plan, settings, lang, Label::Plain).events() {
        cal.push(event);
    }
    Some(cal.to_string().into_bytes())
}

/// The calendar of every plan of `plans` (`calendar.ics` at the site's root, made on a site of
/// several organisations): each plan's events as in its own calendar, with the same UIDs, its
/// organisation as the events' category and in the title of its months. `None` when no plan
/// has a period.
pub fn site_calendar(plans: &[&Plan], settings: &Settings, lang: &Language) -> Option<Vec<u8>> {
    if plans.iter().all(|p| p.period.is_none()) {
        return None;
    }
    let label = Label::Organisation;
    let mut cal = calendar(&settings.title);
    for plan in plans.iter().filter(|p| p.period.is_some()) {
        for mut event in Ctx::new(plan, settings, lang, label).events() {
            if let Some(org) = &plan.organisation {
                // A property of its own beside a holiday's: the writer escapes a text value's
                // commas, so one CATEGORIES cannot list two.
                event.add_multi_property("CATEGORIES", &text(&org.name).replace('\n', " "));
            }
            cal.push(event);
        }
    }
    Some(cal.to_string().into_bytes())
}

/// An empty calendar named `name`.
fn calendar(name: &str) -> Calendar {
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"));
    cal.append_property(Property::new(
        "PRODID",
        concat!("-//plansite//plansite ", env!("CARGO_PKG_VERSION"), "//EN"),
    ));
    cal.append_property(Property::new("CALSCALE", "GREGORIAN"));
    cal.append_property(Property::new("METHOD", "PUBLISH"));
    // The crate does not know NAME (RFC 7986) and X-WR-CALNAME as text, so it escapes nothing
    // in them: the name is written on one line and escaped here.
    let name = escape_text(&text(name).replace('\n', " "));
    cal.append_property(Property::new("NAME", &name));
    cal.append_property(Property::new("X-WR-CALNAME", &name));
    cal
}

/// Whether a month's event names its organisation in its title.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Label {
    /// "Công tác Tháng 10 năm 2024": a plan's own calendar.
    Plain,
    /// "Công tác Tháng 10 năm 2024 – Công đoàn …": the site's calendar of every plan.
    Organisation,
}

struct Ctx<'a> {
    plan: &'a Plan,
    lang: &'a Language,
    stamp: chrono::DateTime<chrono::Utc>,
    domain: String,
    label: Label,
}

impl<'a> Ctx<'a> {
    /// What the events of `plan` (which has a period) are made with.
    fn new(plan: &'a Plan, settings: &Settings, lang: &'a Language, label: Label) -> Ctx<'a> {
        let start = plan.period.map_or(NaiveDate::MIN, |(s, _)| s.first_day());
        let stamp_day = plan.date.map_or(start, |d| d.0);
        Ctx {
            plan,
            lang,
            stamp: stamp_day.and_time(NaiveTime::MIN).and_utc(),
            domain: settings
                .base_url
                .as_ref()
                .map_or("plansite", |u| u.host())
                .to_owned(),
            label,
        }
    }

    /// The plan's events: one per month with activities, one per dated event.
    fn events(&self) -> Vec<icalendar::Event> {
        let mut events = Vec::new();
        for m in &self.plan.months {
            if !m.activities.is_empty() {
                events.push(self.month_event(m));
            }
            let mut days: Vec<NaiveDate> = Vec::new();
            for e in &m.events {
                days.push(e.date.0);
                let n = days.iter().filter(|d| **d == e.date.0).count();
                events.push(self.dated_event(e, n));
            }
        }
        events
    }
    /// The month as an all-day event spanning it, its activities as the description.
    fn month_event(&self, m: &Month) -> icalendar::Event {
        let mut summary = self
            .lang
            .get("calendar_month")
            .unwrap_or("{month}")
            .replace("{month}", &self.lang.month_year(m.month));
        if let (Label::Organisation, Some(org)) = (self.label, &self.plan.organisation) {
            summary = format!("{summary} – {}", org.name);
        }
        let description: Vec<String> = m
            .activities
            .iter()
            .map(|a| format!("- {}", text(&a.text)))
            .collect();
        icalendar::Event::new()
            .uid(&format!(
                "month-{}.{}@{}",
                m.month, self.plan.slug, self.domain
            ))
            .timestamp(self.stamp)
            .starts(m.month.first_day())
            .ends(m.month.next().first_day())
            .summary(&text(&summary))
            .description(&description.join("\n"))
            .done()
    }

    /// A dated event; `n` numbers the events of the same day, for a stable UID.
    fn dated_event(&self, e: &Event, n: usize) -> icalendar::Event {
        let mut notes = Vec::new();
        if let Some(t) = &e.time {
            let label = self.lang.get("time").unwrap_or("Time");
            notes.push(text(&format!("{label}: {t}")));
        }
        if let Some(note) = &e.note {
            notes.push(text(note));
        }
        let mut event = icalendar::Event::new();
        event
            .uid(&format!(
                "event-{}-{n}.{}@{}",
                e.date, self.plan.slug, self.domain
            ))
            .timestamp(self.stamp)
            .starts(e.date.0)
            // DTEND of an all-day event is the day after its last day (RFC 5545, 3.6.1).
            .ends({
                let last = e.end.map_or(e.date.0, |d| d.0);
                last.succ_opt().unwrap_or(last)
            })
            .summary(&text(&e.title));
        if let Some(place) = &e.place {
            event.location(&text(place));
        }
        if e.holiday {
            // A day off: it takes no time in the reader's calendar (RFC 5545, 3.8.2.7).
            event.add_property("TRANSP", "TRANSPARENT");
            event.add_property("CATEGORIES", "HOLIDAY");
        }
        if !notes.is_empty() {
            event.description(&notes.join("\n"));
        }
        event.done()
    }
}

/// `value` as an iCalendar text value may hold it: a CR, alone or before a line feed, becomes
/// a line break (which the writer escapes as `\n`), and every other control character but the
/// tab is dropped (RFC 5545, 3.3.11).
fn text(value: &str) -> String {
    value
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| !c.is_control() || c == '\t' || c == '\n')
        .collect()
}

/// The escapes of a text value (RFC 5545, 3.3.11), for the properties the icalendar crate
/// does not escape itself.
fn escape_text(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace(',', "\\,")
        .replace(';', "\\;")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_leave_text_values() {
        assert_eq!(
            text("a\r\nb\rc\u{1b}[31md\te\u{7f}\u{85}"),
            "a\nb\nc[31md\te"
        );
        assert_eq!(escape_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
