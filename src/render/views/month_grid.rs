//! The month grid of the site's month pages: the month's weeks, Monday first, with the dated
//! events laid over them as bars (the layout is [`crate::render::grid`]'s), as templates get it.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::Views;
use crate::date::YearMonth;
use crate::render::grid::{Bar, Grid};

/// How many colours the theme gives organisations.
pub const COLOURS: usize = 6;

/// The month grid.
#[derive(Debug, Serialize)]
pub struct GridView {
    /// The days of the week, Monday first: `short` ("T2") and `name` ("Thứ Hai").
    pub weekdays: Vec<WeekdayView>,
    /// Its weeks.
    pub weeks: Vec<WeekView>,
}

/// A day of the week in the grid's heading.
#[derive(Debug, Serialize)]
pub struct WeekdayView {
    /// "T2" / "Mon".
    pub short: String,
    /// "Thứ Hai" / "Monday".
    pub name: String,
}

/// One week of the grid.
#[derive(Debug, Serialize)]
pub struct WeekView {
    /// Its seven days, Monday first.
    pub days: Vec<DayView>,
    /// Rows of events: each a list of cells that fill the seven columns.
    pub lanes: Vec<Vec<CellView>>,
}

/// A day of the grid.
#[derive(Debug, Serialize)]
pub struct DayView {
    /// `YYYY-MM-DD` (the theme's script marks the reader's today).
    pub date: String,
    /// The day of the month.
    pub day: u32,
    /// Whether it belongs to the month (not to the weeks' ends in the months around it).
    pub in_month: bool,
}

/// A cell of an event row: `span` columns, with an event or empty.
#[derive(Debug, Serialize)]
pub struct CellView {
    /// How many days (columns) it covers.
    pub span: usize,
    /// The event drawn in it, if any.
    pub bar: Option<BarView>,
}

/// An event drawn across its days of one week.
#[derive(Debug, Serialize)]
pub struct BarView {
    /// What happens.
    pub title: String,
    /// Its dates written out, with the organisation (for a tooltip).
    pub label: String,
    /// A day off or a holiday.
    pub holiday: bool,
    /// The organisation's colour, 0–5 (as its `colour` in `organisations`).
    pub colour: usize,
    /// It began before this week.
    pub from_before: bool,
    /// It goes on after this week.
    pub goes_on: bool,
}

/// A dated event laid on a grid: its days and who holds it.
pub struct Placed<'a> {
    /// Its first day.
    pub first: NaiveDate,
    /// Its last day.
    pub last: NaiveDate,
    /// The event.
    pub event: &'a crate::plan::Event,
    /// Its organisation's position.
    pub org: usize,
    /// Its organisation's name.
    pub org_name: Option<&'a str>,
}

impl Views<'_> {
    /// The grid of `month` with the events `placed`.
    pub fn grid(&self, month: YearMonth, placed: &[Placed<'_>]) -> GridView {
        let spans: Vec<(NaiveDate, NaiveDate)> = placed.iter().map(|p| (p.first, p.last)).collect();
        let grid = Grid::new(month, &spans);
        GridView {
            weekdays: self
                .language
                .weekdays()
                .into_iter()
                .map(|(short, name)| WeekdayView { short, name })
                .collect(),
            weeks: grid
                .weeks
                .iter()
                .map(|w| WeekView {
                    days: w
                        .days
                        .iter()
                        .map(|d| DayView {
                            date: d.to_string(),
                            day: d.day(),
                            in_month: d.year() == month.year && d.month() == month.month,
                        })
                        .collect(),
                    lanes: w.lanes.iter().map(|l| self.lane(l, placed)).collect(),
                })
                .collect(),
        }
    }

    /// One row of bars as cells filling the week's seven columns.
    fn lane(&self, bars: &[Bar], placed: &[Placed<'_>]) -> Vec<CellView> {
        let mut cells = Vec::new();
        let mut column = 0;
        for bar in bars {
            if bar.start > column {
                cells.push(CellView {
                    span: bar.start - column,
                    bar: None,
                });
            }
            let p = &placed[bar.event];
            let mut label = self.language.long_date(p.event.date);
            if let Some(end) = p.event.end {
                label = format!("{label} – {}", self.language.long_date(end));
            }
            if let Some(org) = p.org_name {
                label = format!("{label} · {org}");
            }
            cells.push(CellView {
                span: bar.span,
                bar: Some(BarView {
                    title: p.event.title.clone(),
                    label,
                    holiday: p.event.holiday,
                    colour: p.org % COLOURS,
                    from_before: bar.from_before,
                    goes_on: bar.goes_on,
                }),
            });
            column = bar.start + bar.span;
        }
        if column < 7 {
            cells.push(CellView {
                span: 7 - column,
                bar: None,
            });
        }
        cells
    }
}
