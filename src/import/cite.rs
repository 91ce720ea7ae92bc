//! Which plans of the site an imported plan is based on: a "Căn cứ …" line of its preamble
//! that names another plan of the site by its number ("Căn cứ Kế hoạch số 01-KH/CB ngày
//! 10/01/2024 của Chi bộ …") becomes `based_on`, naming that plan's folder.
//!
//! Numbers match whatever the spacing, case and dash ("số 01 - kh/cb" is "01-KH/CB"), but
//! only whole: "01-KH/CB" is not in "101-KH/CB" or "01-KH/CBMN". Plans reuse their number
//! every year, so when the line gives a date, a plan dated otherwise is another document;
//! a number that still fits several plans names none of them.

use std::path::Path;

use chrono::NaiveDate;
use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use crate::parse::front_matter::{deserialize, split};
use crate::parse::meta::PlanMeta;
use crate::source::SourceFile;

/// A plan of the site, as a preamble can name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitePlan {
    /// Its folder under `content/`.
    pub folder: String,
    /// Its number as written ("01-KH/CB").
    pub number: String,
    /// Its date of issue.
    pub date: Option<NaiveDate>,
}

/// The plans of the site at `root` that have a number, but the one in `except` (the folder
/// being imported into): each `_index.md`'s front matter only, in folder order. A plan whose
/// front matter does not read is left out (`build` reports it).
pub fn site_plans(root: &Path, except: &Path) -> Vec<SitePlan> {
    let Ok(entries) = std::fs::read_dir(root.join(crate::load::CONTENT_DIR)) else {
        return Vec::new();
    };
    let except = std::fs::canonicalize(except).ok();
    let mut plans: Vec<SitePlan> = entries
        .flatten()
        .filter(|e| std::fs::canonicalize(e.path()).ok() != except || except.is_none())
        .filter_map(|e| {
            let folder = e.file_name().to_str()?.to_owned();
            let path = e.path().join(crate::load::PLAN_FILE);
            let text = std::fs::read_to_string(&path).ok()?;
            let file = SourceFile { path, text };
            let front = split(&file).ok()?.front?;
            let meta: PlanMeta = deserialize(&file, &front).ok()?;
            Some(SitePlan {
                folder,
                number: meta.number?,
                date: meta.date.map(|d| d.0),
            })
        })
        .collect();
    plans.sort_by(|a, b| a.folder.cmp(&b.folder));
    plans
}

/// The folders of the plans of `plans` that the "Căn cứ" lines of `preamble` name, in the
/// order they are named, each once; and, for the report, what was found.
pub fn based_on(preamble: &[String], plans: &[SitePlan]) -> (Vec<String>, Vec<String>) {
    let mut folders: Vec<String> = Vec::new();
    let mut found = Vec::new();
    let lines = preamble.iter().flat_map(|p| p.lines()).map(normalise);
    for line in lines.filter(|l| l.contains("CĂN CỨ")) {
        let dates = dates(&line);
        let named: Vec<&SitePlan> = plans
            .iter()
            .filter(|p| contains_number(&line, &normalise_number(&p.number)))
            .collect();
        let dated: Vec<&SitePlan> = if dates.is_empty() {
            named.clone()
        } else {
            let same_day: Vec<&SitePlan> = named
                .iter()
                .copied()
                .filter(|p| p.date.is_some_and(|d| dates.contains(&d)))
                .collect();
            if same_day.is_empty() {
                named.iter().copied().filter(|p| p.date.is_none()).collect()
            } else {
                same_day
            }
        };
        match dated.as_slice() {
            [one] if !folders.contains(&one.folder) => {
                found.push(format!(
                    "based on {} ({}), which the preamble names",
                    one.folder, one.number
                ));
                folders.push(one.folder.clone());
            }
            [_, _, ..] => found.push(format!(
                "the preamble names {}, which {} plans of the site have: add `based_on` by hand",
                dated[0].number,
                dated.len()
            )),
            _ => {}
        }
    }
    (folders, found)
}

/// A line as matched: NFC, upper case, every dash a `-`, Markdown's backslash escapes
/// undone, spaces single and none around `-` and `/`.
fn normalise(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.nfc().flat_map(char::to_uppercase).peekable();
    while let Some(c) = chars.next() {
        let c = match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            '\\' if chars.peek().is_some_and(char::is_ascii_punctuation) => continue,
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' && (out.ends_with([' ', '-', '/']) || out.is_empty()) {
            continue;
        }
        if matches!(c, '-' | '/') && out.ends_with(' ') {
            out.pop();
        }
        out.push(c);
    }
    out.trim_end().to_owned()
}

/// A plan's number as matched: normalised, without a "Số:" written in front.
fn normalise_number(number: &str) -> String {
    let n = normalise(number);
    let n = n.strip_prefix("SỐ").unwrap_or(&n);
    n.trim_start_matches([':', ' ']).to_owned()
}

/// Whether `line` holds `number` whole: not inside a longer number or symbol.
fn contains_number(line: &str, number: &str) -> bool {
    if number.is_empty() {
        return false;
    }
    line.match_indices(number).any(|(at, _)| {
        let before = line[..at].chars().next_back();
        let after = line[at + number.len()..].chars().next();
        let joins = |c: char| c.is_alphanumeric() || matches!(c, '-' | '/');
        !before.is_some_and(|c| joins(c) || c == '.') && !after.is_some_and(joins)
    })
}

/// The dates a normalised line gives: `10/01/2024` (or with `-`, `.`) and "NGÀY 10 THÁNG 01
/// NĂM 2024".
fn dates(line: &str) -> Vec<NaiveDate> {
    let patterns = [
        r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})",
        r"NGÀY (\d{1,2}) THÁNG (\d{1,2}) NĂM (\d{4})",
    ];
    let mut dates = Vec::new();
    for pattern in patterns {
        let Ok(re) = Regex::new(pattern) else {
            continue;
        };
        for c in re.captures_iter(line) {
            let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
            if let (Some(d), Some(m), Some(y)) = (n(1), n(2), n(3))
                && let Some(date) = i32::try_from(y)
                    .ok()
                    .and_then(|y| NaiveDate::from_ymd_opt(y, m, d))
            {
                dates.push(date);
            }
        }
    }
    dates
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn plan(folder: &str, number: &str, date: Option<(i32, u32, u32)>) -> SitePlan {
        SitePlan {
            folder: folder.into(),
            number: number.into(),
            date: date.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
        }
    }

    fn cited(preamble: &str, plans: &[SitePlan]) -> Vec<String> {
        based_on(&[preamble.to_owned()], plans).0
    }

    #[test]
    fn a_number_and_date_name_one_of_the_years_that_share_the_number() {
        let plans = [
            plan("2024-chi-bo", "01-KH/CB", Some((2024, 1, 10))),
            plan("2025-chi-bo", "01-KH/CB", Some((2025, 1, 8))),
            plan("2024-chi-doan", "02-CTr/CĐTN", None),
        ];
        let text = "Căn cứ Kế hoạch số 01-KH/CB ngày 10/01/2024 của Chi bộ Trường Mầm non Hoa Sen;\n\
                    Căn cứ nhiệm vụ năm học của nhà trường,";
        assert_eq!(cited(text, &plans), ["2024-chi-bo"]);
        let text = "- căn cứ kế hoạch số 01 – kh/cb ngày 08 tháng 01 năm 2025 của chi bộ";
        assert_eq!(cited(text, &plans), ["2025-chi-bo"]);
        // Without a date, the number alone fits both years: neither is written.
        let (folders, found) = based_on(&["Căn cứ Kế hoạch số 01-KH/CB".into()], &plans);
        assert!(folders.is_empty());
        assert_eq!(found.len(), 1, "{found:?}");
        // Another document with the same number, dated otherwise, is not a plan of the site.
        assert!(cited("Căn cứ Kế hoạch số 01-KH/CB ngày 05/01/2023", &plans).is_empty());
        // A plan without a date is named by its number.
        assert_eq!(
            cited(
                "Căn cứ Chương trình số 02 - CTr/CĐTN ngày 15/01/2024;",
                &plans
            ),
            ["2024-chi-doan"]
        );
    }

    #[test]
    fn numbers_match_whole_and_only_in_the_lines_that_say_can_cu() {
        let plans = [plan("cb", "Số: 01-KH/CB", None)];
        assert_eq!(cited("Căn cứ Kế hoạch 01-KH/CB.", &plans), ["cb"]);
        assert!(cited("Căn cứ Kế hoạch số 101-KH/CB", &plans).is_empty());
        assert!(cited("Căn cứ Kế hoạch số 01-KH/CBMN", &plans).is_empty());
        assert!(cited("Thực hiện Kế hoạch số 01-KH/CB", &plans).is_empty());
        // Markdown escapes in the imported preamble are undone.
        assert_eq!(cited(r"Căn cứ Kế hoạch số 01\-KH/CB", &plans), ["cb"]);
        // Named twice, written once.
        assert_eq!(
            cited("Căn cứ 01-KH/CB;\nCăn cứ lại 01-KH/CB", &plans),
            ["cb"]
        );
    }
}
