//! Which year a month or day written without one is in.

use crate::date::YearMonth;

/// The year a month written without one belongs to.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) enum Base {
    /// A school year starting in this year: months 8–12 in it, 1–6 in the next, July in the
    /// first year when it comes first.
    School(i32),
    /// A calendar year; months without a year only go forward in document order.
    Year(i32),
    /// Not known: such months cannot be placed.
    #[default]
    Unknown,
}

/// Which year a month or day written without one is in: from the plan's title, its date, a
/// school year or a date in its text; and in document order, months only go forward.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Calendar {
    base: Base,
    last: Option<YearMonth>,
}

impl Calendar {
    /// A calendar on `base`, nothing read yet.
    pub(super) fn new(base: Base) -> Calendar {
        Calendar { base, last: None }
    }

    /// A calendar for a plan of calendar year `year`.
    #[cfg(test)]
    pub(super) fn year(year: i32) -> Calendar {
        Calendar {
            base: Base::Year(year),
            last: None,
        }
    }

    /// Month `month` of `year`, or of the year this calendar gives it.
    pub(super) fn resolve(&mut self, month: u32, year: Option<i32>) -> Option<YearMonth> {
        let year = match (year, self.base) {
            (Some(y), _) => y,
            (None, Base::School(y)) => match month {
                8..=12 => y,
                7 if self
                    .last
                    .is_none_or(|l| l < YearMonth { year: y, month: 8 }) =>
                {
                    y
                }
                _ => y + 1,
            },
            // Without a base, the months after a full date follow it ("Thứ Hai 29/12/2025",
            // then "Thứ Ba 30/12").
            (None, Base::Year(_) | Base::Unknown)
                if self.last.is_some() || self.base != Base::Unknown =>
            {
                match self.last {
                    Some(last)
                        if YearMonth {
                            year: last.year,
                            month,
                        } < last =>
                    {
                        last.year + 1
                    }
                    Some(last) => last.year,
                    None => match self.base {
                        Base::Year(y) => y,
                        _ => return None,
                    },
                }
            }
            (None, _) => return None,
        };
        let ym = YearMonth { year, month };
        self.last = Some(ym);
        Some(ym)
    }

    /// Whether `year` can be a year of this plan: within a year before and two after its
    /// base year (any year when the base is not known). A date far off is a typo ("2205"),
    /// a reference ("Thông tư … ngày 15/9/2020") or a placeholder ("01/01/0000").
    pub(super) fn plausible(&self, year: i32) -> bool {
        match self.base {
            Base::School(y) | Base::Year(y) => (y - 1..=y + 2).contains(&year),
            Base::Unknown => (1900..=2200).contains(&year),
        }
    }

    /// The year of a day `day/month` written without one, without moving the calendar on.
    pub(super) fn year_of(&self, month: u32) -> Option<i32> {
        let mut copy = *self;
        copy.resolve(month, None).map(|ym| ym.year)
    }
}
