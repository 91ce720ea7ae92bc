//! Calendar values of the content model: a day ([`Date`]) and a month ([`YearMonth`]), parsed
//! strictly from front matter with messages a non-programmer can act on.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A calendar day. In front matter: `2023-01-27` (a TOML date or a string) or `27/01/2023`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    /// Parses `2023-01-27` or `27/01/2023`.
    pub fn parse(text: &str) -> Result<Date, String> {
        let text = text.trim();
        let parsed = if text.contains('/') {
            NaiveDate::parse_from_str(text, "%d/%m/%Y")
        } else {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
        };
        parsed.map(Date).map_err(|_| {
            format!(
                "`{text}` is not a valid date: write it as YYYY-MM-DD (or DD/MM/YYYY), for example 2023-01-27"
            )
        })
    }

    /// The month this day is in.
    pub fn month(self) -> YearMonth {
        YearMonth {
            year: self.0.year(),
            month: self.0.month(),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl<'de> Visitor<'de> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date written as YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).map_err(E::custom)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Date, A::Error> {
                // A bare TOML date (`date = 2023-01-27`) arrives as a TOML datetime.
                let dt =
                    toml::value::Datetime::deserialize(de::value::MapAccessDeserializer::new(map))?;
                match (dt.date, dt.time) {
                    (Some(d), None) => NaiveDate::from_ymd_opt(
                        i32::from(d.year),
                        u32::from(d.month),
                        u32::from(d.day),
                    )
                    .map(Date)
                    .ok_or_else(|| de::Error::custom(format!("`{dt}` is not a valid date"))),
                    _ => Err(de::Error::custom(format!(
                        "`{dt}` has a time of day; write only the date, for example 2023-01-27"
                    ))),
                }
            }
        }
        // A compact format (the build cache) holds the text; front matter may hold either.
        if d.is_human_readable() {
            d.deserialize_any(DateVisitor)
        } else {
            d.deserialize_str(DateVisitor)
        }
    }
}

/// A month of a given year: the unit of the timeline. Written `2023-05`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    /// The year, e.g. 2023.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
}

impl YearMonth {
    /// Parses `YYYY-MM` strictly: two-digit months, 01 to 12.
    pub fn parse(text: &str) -> Result<YearMonth, String> {
        let bad = || format!("`{text}` is not a month: write it as YYYY-MM, for example 2023-05");
        let (y, m) = text.trim().split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        if !m.bytes().all(|b| b.is_ascii_digit()) || m.is_empty() {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) {
            return Err(format!("`{text}` is not a month: months go from 01 to 12"));
        }
        if m.len() != 2 {
            return Err(format!(
                "`{text}`: write the month with two digits, {year}-{month:02}"
            ));
        }
        Ok(YearMonth { year, month })
    }

    /// The month after this one.
    pub fn next(self) -> YearMonth {
        if self.month == 12 {
            YearMonth {
                year: self.year + 1,
                month: 1,
            }
        } else {
            YearMonth {
                month: self.month + 1,
                ..self
            }
        }
    }

    /// The first day of the month.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default()
    }

    /// Every month from `self` to `end`, both included (empty when `end` is earlier).
    pub fn through(self, end: YearMonth) -> impl Iterator<Item = YearMonth> {
        std::iter::successors(Some(self), move |m| {
            let n = m.next();
            (n <= end).then_some(n)
        })
        .take_while(move |m| *m <= end)
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        YearMonth::parse(&text).map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_strictly() {
        assert_eq!(
            YearMonth::parse("2023-05"),
            Ok(YearMonth {
                year: 2023,
                month: 5
            })
        );
        assert_eq!(
            YearMonth::parse("2023-13").unwrap_err(),
            "`2023-13` is not a month: months go from 01 to 12"
        );
        assert_eq!(
            YearMonth::parse("2023-2").unwrap_err(),
            "`2023-2`: write the month with two digits, 2023-02"
        );
        assert!(YearMonth::parse("05/2023").is_err());
        assert!(YearMonth::parse("2023-").is_err());
        assert!(YearMonth::parse("").is_err());
    }

    #[test]
    fn month_ranges_cross_years() {
        let start = YearMonth::parse("2023-09").unwrap();
        let end = YearMonth::parse("2024-05").unwrap();
        let all: Vec<String> = start.through(end).map(|m| m.to_string()).collect();
        assert_eq!(all.len(), 9);
        assert_eq!(all[3], "2023-12");
        assert_eq!(all[4], "2024-01");
        assert_eq!(end.through(start).count(), 0);
    }

    #[test]
    fn dates_in_both_spellings() {
        assert_eq!(Date::parse("2023-01-27"), Date::parse("27/01/2023"));
        assert!(Date::parse("2023-02-30").is_err());
    }

    #[test]
    fn toml_dates_and_strings_deserialize() {
        #[derive(Deserialize)]
        struct M {
            a: Date,
            b: Date,
        }
        let m: M = toml::from_str("a = 2023-01-27\nb = \"2023-01-28\"").unwrap();
        assert_eq!(m.a.to_string(), "2023-01-27");
        assert_eq!(m.b.to_string(), "2023-01-28");
        let err = toml::from_str::<M>("a = 2023-01-27T10:00:00\nb = \"x\"")
            .err()
            .unwrap();
        assert!(err.message().contains("has a time of day"), "{err}");
    }
}
