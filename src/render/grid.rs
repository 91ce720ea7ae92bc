//! A month as a calendar grid: its weeks Monday to Sunday, and the dated events laid over them
//! as bars, an event of several days drawn across its days and cut at the end of each week.
//! Only dates and positions are worked out here; the views add the words.

use chrono::{Datelike, Duration, NaiveDate};

use crate::date::YearMonth;

/// The weeks of a month's grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    /// Monday to Sunday, from the week of the month's first day to the week of its last.
    pub weeks: Vec<Week>,
}

/// One row of the grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Week {
    /// Its seven days, Monday first.
    pub days: [NaiveDate; 7],
    /// The events of the week, one lane (row) after another, each lane's bars left to right.
    pub lanes: Vec<Vec<Bar>>,
}

/// The part of an event that falls in one week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// Which event: its position in the list given to [`Grid::new`].
    pub event: usize,
    /// The first day it covers in this week: 0 for Monday.
    pub start: usize,
    /// How many days it covers in this week, at least 1.
    pub span: usize,
    /// It began before this week.
    pub from_before: bool,
    /// It goes on after this week.
    pub goes_on: bool,
}

impl Grid {
    /// The grid of `month`, with `events` (first and last day of each; the last is the first
    /// for a one-day event) laid over it. Events outside the grid's weeks are left out; a last
    /// day before the first counts as the first.
    pub fn new(month: YearMonth, events: &[(NaiveDate, NaiveDate)]) -> Grid {
        let first = month.first_day();
        let last = month.next().first_day() - Duration::days(1);
        let mut monday = first - Duration::days(i64::from(first.weekday().num_days_from_monday()));
        let mut weeks = Vec::new();
        while monday <= last {
            let days = std::array::from_fn(|i| monday + Duration::days(i as i64));
            weeks.push(Week::new(days, events));
            monday += Duration::days(7);
        }
        Grid { weeks }
    }
}

impl Week {
    fn new(days: [NaiveDate; 7], events: &[(NaiveDate, NaiveDate)]) -> Week {
        let (monday, sunday) = (days[0], days[6]);
        let mut bars: Vec<Bar> = events
            .iter()
            .enumerate()
            .filter_map(|(event, &(start, end))| {
                let end = end.max(start);
                if end < monday || start > sunday {
                    return None;
                }
                let from = start.max(monday);
                let to = end.min(sunday);
                Some(Bar {
                    event,
                    start: (from - monday).num_days() as usize,
                    span: (to - from).num_days() as usize + 1,
                    from_before: start < monday,
                    goes_on: end > sunday,
                })
            })
            .collect();
        // Longer bars first at each start, so they take the upper lanes and short ones fill in.
        bars.sort_by_key(|b| (b.start, std::cmp::Reverse(b.span), b.event));
        let mut lanes: Vec<Vec<Bar>> = Vec::new();
        for bar in bars {
            let free = lanes.iter().position(|lane| {
                lane.last()
                    .is_none_or(|prev| prev.start + prev.span <= bar.start)
            });
            match free {
                Some(i) => lanes[i].push(bar),
                None => lanes.push(vec![bar]),
            }
        }
        Week { days, lanes }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn month(s: &str) -> YearMonth {
        YearMonth::parse(s).unwrap()
    }

    #[test]
    fn weeks_run_monday_to_sunday_around_the_month() {
        // October 2024 begins on a Tuesday and ends on a Thursday: five weeks.
        let grid = Grid::new(month("2024-10"), &[]);
        assert_eq!(grid.weeks.len(), 5);
        assert_eq!(grid.weeks[0].days[0], day("2024-09-30"));
        assert_eq!(grid.weeks[4].days[6], day("2024-11-03"));
        // February 2021 begins on a Monday and ends on a Sunday: exactly four.
        let grid = Grid::new(month("2021-02"), &[]);
        assert_eq!(grid.weeks.len(), 4);
        assert_eq!(grid.weeks[0].days[0], day("2021-02-01"));
        // September 2024 begins on a Sunday: six weeks.
        assert_eq!(Grid::new(month("2024-09"), &[]).weeks.len(), 6);
    }

    #[test]
    fn an_event_over_a_weekend_is_cut_at_the_end_of_the_week() {
        // Friday 18 to Tuesday 22 October 2024.
        let grid = Grid::new(month("2024-10"), &[(day("2024-10-18"), day("2024-10-22"))]);
        let bars: Vec<&Bar> = grid
            .weeks
            .iter()
            .flat_map(|w| w.lanes.iter().flatten())
            .collect();
        assert_eq!(bars.len(), 2);
        assert_eq!(
            (
                bars[0].start,
                bars[0].span,
                bars[0].from_before,
                bars[0].goes_on
            ),
            (4, 3, false, true)
        );
        assert_eq!(
            (
                bars[1].start,
                bars[1].span,
                bars[1].from_before,
                bars[1].goes_on
            ),
            (0, 2, true, false)
        );
    }

    #[test]
    fn overlapping_events_take_separate_lanes_and_short_ones_fill_gaps() {
        let events = [
            (day("2024-10-21"), day("2024-10-21")), // Monday
            (day("2024-10-21"), day("2024-10-25")), // Monday to Friday
            (day("2024-10-26"), day("2024-10-26")), // Saturday
            (day("2024-10-23"), day("2024-10-23")), // Wednesday
        ];
        let grid = Grid::new(month("2024-10"), &events);
        let week = &grid.weeks[3];
        let lanes: Vec<Vec<usize>> = week
            .lanes
            .iter()
            .map(|l| l.iter().map(|b| b.event).collect())
            .collect();
        assert_eq!(lanes, vec![vec![1, 2], vec![0, 3]]);
    }

    #[test]
    fn events_outside_the_weeks_are_left_out_and_a_backward_range_is_one_day() {
        let events = [
            (day("2024-08-01"), day("2024-08-03")),
            (day("2024-10-10"), day("2024-10-01")),
            (day("2024-09-28"), day("2024-10-01")),
        ];
        let grid = Grid::new(month("2024-10"), &events);
        let bars: Vec<(usize, usize, usize)> = grid
            .weeks
            .iter()
            .flat_map(|w| w.lanes.iter().flatten())
            .map(|b| (b.event, b.start, b.span))
            .collect();
        // The September event shows on the days of its last week that the grid has.
        assert_eq!(bars, vec![(2, 0, 2), (1, 3, 1)]);
    }
}
