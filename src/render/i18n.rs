//! Interface language: a theme's `i18n/<lang>.toml` — the UI strings templates get through
//! `t(key="...")`, and the date patterns used to write dates and months in that language.

use std::collections::BTreeMap;

use chrono::format::{Item, StrftimeItems};
use serde::Deserialize;

use crate::date::{Date, YearMonth};
use crate::diagnostic::Diagnostic;
use crate::parse::front_matter::{self, FileKind};
use crate::source::SourceFile;

/// How diagnostics name a language file.
const LANGUAGE_KIND: FileKind = FileKind {
    noun: "language file",
    unknown_key_hint: "Interface strings go under `[strings]`.",
};

/// One language of a theme.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// The locale for link previews and `<html lang>`: `vi_VN`, `en_US`.
    pub locale: String,
    /// How dates and months are written.
    pub dates: DatePatterns,
    /// UI strings by key. `{n}` in a string is replaced by the `n` argument of `t()`.
    pub strings: BTreeMap<String, Text>,
}

/// A UI string: one text, or one text per plural form for the strings that count things.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// The same words for every count: `"{n} hoạt động"` (Vietnamese has no plural).
    Plain(String),
    /// `{ one = "{n} activity", other = "{n} activities" }`.
    Plural(Plural),
}

/// The plural forms of a counting string: `one` for a count of 1, `other` for every other.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plural {
    /// The words for exactly one: "{n} activity".
    pub one: String,
    /// The words for any other count: "{n} activities".
    pub other: String,
}

impl Text {
    /// The words for a count of `n`.
    fn for_count(&self, n: i64) -> &str {
        match self {
            Text::Plain(text) => text,
            Text::Plural(p) if n == 1 => &p.one,
            Text::Plural(p) => &p.other,
        }
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string, or a table of `one` and `other` strings")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::Plain(v.to_owned()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Text, A::Error> {
                let de = serde::de::value::MapAccessDeserializer::new(map);
                Plural::deserialize(de).map(Text::Plural)
            }
        }
        d.deserialize_any(Visit)
    }
}

/// Date patterns, in chrono's strftime syntax (`%d` day, `%m` month, `%Y` year, `%-m` month
/// without a leading zero, `%B` month name).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatePatterns {
    /// A full date: "ngày %d tháng %m năm %Y" → "ngày 27 tháng 01 năm 2023".
    pub long: String,
    /// A month on its own: "Tháng %-m" → "Tháng 5".
    pub month: String,
    /// A month with its year: "Tháng %-m năm %Y".
    pub month_year: String,
    /// A short month label for the month strip: "T%-m" → "T5".
    pub month_short: String,
    /// The month column of the month table: "%-m/%Y" → "5/2023".
    pub month_numeric: String,
    /// Month names replacing `%B`, January first; chrono's English names when absent.
    #[serde(default)]
    pub month_names: Option<Vec<String>>,
    /// Names of the days of the week, Monday first, for the month grid ("Thứ Hai" …
    /// "Chủ Nhật"); English names when absent.
    #[serde(default)]
    pub weekday_names: Option<Vec<String>>,
    /// Short names of the days of the week, Monday first, for the month grid's heading
    /// ("T2" … "CN"); English abbreviations when absent.
    #[serde(default)]
    pub weekday_short: Option<Vec<String>>,
}

impl Language {
    /// Parses a language file and checks its date patterns.
    pub fn parse(file: &SourceFile) -> Result<Language, Diagnostic> {
        let lang: Language = front_matter::deserialize_toml_file(file, &LANGUAGE_KIND)?;
        lang.dates.check(file)?;
        Ok(lang)
    }

    /// The string for `key`, if the language has it (of a counting string, its `other` form).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.strings.get(key).map(|t| match t {
            Text::Plain(text) => text.as_str(),
            Text::Plural(p) => p.other.as_str(),
        })
    }

    /// The string for `key` said of `n` things: its plural form for `n`, with `{n}` replaced
    /// by the number.
    pub fn counted(&self, key: &str, n: i64) -> Option<String> {
        let text = self.strings.get(key)?.for_count(n);
        Some(text.replace("{n}", &n.to_string()))
    }

    /// A full date: "ngày 27 tháng 01 năm 2023" / "27 January 2023".
    pub fn long_date(&self, date: Date) -> String {
        self.format(&self.dates.long, date.0)
    }

    /// A month: "Tháng 5" / "May".
    pub fn month(&self, m: YearMonth) -> String {
        self.format(&self.dates.month, m.first_day())
    }

    /// A month and year: "Tháng 5 năm 2023" / "May 2023".
    pub fn month_year(&self, m: YearMonth) -> String {
        self.format(&self.dates.month_year, m.first_day())
    }

    /// A short month label: "T5" / "May".
    pub fn month_short(&self, m: YearMonth) -> String {
        self.format(&self.dates.month_short, m.first_day())
    }

    /// The month as in the month table: "5/2023".
    pub fn month_numeric(&self, m: YearMonth) -> String {
        self.format(&self.dates.month_numeric, m.first_day())
    }

    /// The days of the week, Monday first: each as (short name, full name).
    pub fn weekdays(&self) -> Vec<(String, String)> {
        const SHORT: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        const FULL: [&str; 7] = [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ];
        let pick = |names: &Option<Vec<String>>, english: &[&str; 7], i: usize| {
            names
                .as_ref()
                .and_then(|n| n.get(i).cloned())
                .unwrap_or_else(|| english[i].to_owned())
        };
        (0..7)
            .map(|i| {
                (
                    pick(&self.dates.weekday_short, &SHORT, i),
                    pick(&self.dates.weekday_names, &FULL, i),
                )
            })
            .collect()
    }

    fn format(&self, pattern: &str, date: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let pattern = match &self.dates.month_names {
            Some(names) if pattern.contains("%B") => {
                let name = names
                    .get(date.month0() as usize)
                    .map(|n| n.replace('%', "%%"))
                    .unwrap_or_default();
                pattern.replace("%B", &name)
            }
            _ => pattern.to_owned(),
        };
        // Patterns were checked at load time, so formatting cannot fail.
        let items: Vec<Item> = StrftimeItems::new(&pattern).collect();
        if items.iter().any(|i| matches!(i, Item::Error)) {
            return pattern;
        }
        date.format_with_items(items.into_iter()).to_string()
    }
}

impl DatePatterns {
    fn check(&self, file: &SourceFile) -> Result<(), Diagnostic> {
        let all = [
            ("long", &self.long),
            ("month", &self.month),
            ("month_year", &self.month_year),
            ("month_short", &self.month_short),
            ("month_numeric", &self.month_numeric),
        ];
        for (key, pattern) in all {
            let bad = StrftimeItems::new(pattern).any(|i| matches!(i, Item::Error));
            // Time-of-day fields have no value for a date and would fail when formatting.
            let timeish = [
                "%H", "%M", "%S", "%p", "%I", "%z", "%Z", "%s", "%T", "%R", "%c", "%+",
            ]
            .iter()
            .any(|t| pattern.contains(t));
            if bad || timeish {
                return Err(Diagnostic::error(
                    &file.path,
                    format!("the date pattern `{key} = \"{pattern}\"` is not valid"),
                )
                .at_opt(crate::parse::find_key(file, key))
                .hint(
                    "use %d (day), %m (month), %-m (month without 0), %Y (year), %B (month name)",
                ));
            }
        }
        if let Some(names) = &self.month_names
            && names.len() != 12
        {
            return Err(Diagnostic::error(
                &file.path,
                format!("`month_names` has {} names; it needs 12", names.len()),
            )
            .at_opt(crate::parse::find_key(file, "month_names")));
        }
        for (key, names) in [
            ("weekday_names", &self.weekday_names),
            ("weekday_short", &self.weekday_short),
        ] {
            if let Some(names) = names
                && names.len() != 7
            {
                return Err(Diagnostic::error(
                    &file.path,
                    format!(
                        "`{key}` has {} names; it needs 7, Monday first",
                        names.len()
                    ),
                )
                .at_opt(crate::parse::find_key(file, key)));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(long: &str, month: &str, names: Option<Vec<String>>) -> Language {
        Language {
            locale: "vi_VN".into(),
            dates: DatePatterns {
                long: long.into(),
                month: month.into(),
                month_year: "Tháng %-m năm %Y".into(),
                month_short: "T%-m".into(),
                month_numeric: "%-m/%Y".into(),
                month_names: names,
                weekday_names: None,
                weekday_short: None,
            },
            strings: BTreeMap::new(),
        }
    }

    #[test]
    fn vietnamese_dates() {
        let l = lang("ngày %d tháng %m năm %Y", "Tháng %-m", None);
        let d = Date::parse("2023-01-27").unwrap();
        assert_eq!(l.long_date(d), "ngày 27 tháng 01 năm 2023");
        let m = YearMonth::parse("2023-05").unwrap();
        assert_eq!(l.month(m), "Tháng 5");
        assert_eq!(l.month_year(m), "Tháng 5 năm 2023");
        assert_eq!(l.month_short(m), "T5");
        assert_eq!(l.month_numeric(m), "5/2023");
    }

    #[test]
    fn english_dates_and_custom_names() {
        let l = lang("%-d %B %Y", "%B", None);
        let d = Date::parse("2023-01-27").unwrap();
        assert_eq!(l.long_date(d), "27 January 2023");
        let names: Vec<String> = (1..=12).map(|i| format!("M{i}%")).collect();
        let l = lang("%-d %B %Y", "%B", Some(names));
        assert_eq!(l.long_date(d), "27 M1% 2023");
        let days = l.weekdays();
        assert_eq!(days[0], ("Mon".to_owned(), "Monday".to_owned()));
        assert_eq!(days[6], ("Sun".to_owned(), "Sunday".to_owned()));
    }

    #[test]
    fn weekday_names_need_seven() {
        let file = SourceFile {
            path: "vi.toml".into(),
            text: "[dates]\nweekday_short = [\"T2\"]\n".into(),
        };
        let mut l = lang("%d", "%B", None);
        l.dates.weekday_short = Some(vec!["T2".into()]);
        let err = l.dates.check(&file).unwrap_err();
        assert_eq!(
            err.message,
            "`weekday_short` has 1 names; it needs 7, Monday first"
        );
        assert_eq!(err.position.unwrap().line, 2);
        l.dates.weekday_short = Some(
            ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]
                .map(String::from)
                .to_vec(),
        );
        assert_eq!(l.weekdays()[6].0, "CN");
    }

    #[test]
    fn counting_strings_take_the_form_of_their_count() {
        let file = SourceFile {
            path: "en.toml".into(),
            text: "locale = \"en_US\"\n[dates]\nlong = \"%d\"\nmonth = \"%B\"\n\
                   month_year = \"%B %Y\"\nmonth_short = \"%b\"\nmonth_numeric = \"%m\"\n\
                   [strings]\nhome = \"Home\"\nvi = \"{n} hoạt động\"\n\
                   en = { one = \"{n} activity\", other = \"{n} activities\" }\n"
                .into(),
        };
        let l = Language::parse(&file).unwrap();
        assert_eq!(l.counted("en", 1).unwrap(), "1 activity");
        assert_eq!(l.counted("en", 0).unwrap(), "0 activities");
        assert_eq!(l.counted("en", 7).unwrap(), "7 activities");
        assert_eq!(l.counted("vi", 1).unwrap(), "1 hoạt động");
        assert_eq!(l.get("en"), Some("{n} activities"));
        assert_eq!(l.get("home"), Some("Home"));
        assert_eq!(l.counted("none", 1), None);
        let typo = SourceFile {
            text: file.text.replace("one =", "onne ="),
            ..file
        };
        let err = Language::parse(&typo).unwrap_err();
        assert_eq!(err.message, "unknown key `onne` in the language file");
        assert_eq!(err.position.unwrap().line, 11);
    }

    #[test]
    fn bad_patterns_are_reported() {
        let file = SourceFile {
            path: "vi.toml".into(),
            text: "[dates]\nlong = \"%Q\"\n".into(),
        };
        let l = lang("%Q", "%B", None);
        let err = l.dates.check(&file).unwrap_err();
        assert_eq!(err.position.unwrap().line, 2);
        assert!(lang("%H:%M", "%B", None).dates.check(&file).is_err());
    }
}
