//! Days, ranges of days and times of day, as plans write them: "17/09/2024", "ngày
//! 05/10/2024", "08 giờ 00 ngày 12/3/2025", "16/09 – 24/09/2024", "Từ ngày 03/11 -
//! 07/11/2025", "Thứ Hai (14/5)". A dated item is one that starts with one; a date inside a
//! sentence ("Luật … ngày 25/11/2013", "(20/10/1930 – 20/10/2025)", "lớp 5/1") is not.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::{Captures, Regex};

use super::calendar::Calendar;
use super::words::re;

/// A time, then a weekday, then "Từ ngày", then the day or the range, then a time.
const SPAN: &str = r"(?:(?P<t1>\d{1,2}\s*(?:giờ|g|h)\s*\d{0,2}(?:\s*phút)?|\d{1,2}:\d{2})\s*[,:\-–]?\s*(?:ngày\s+)?)?(?:(?P<wd>thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|cn)\s*[,:(\-–]?\s*)?(?P<kw>(?:từ\s+)?(?:ngày\s+)?)(?P<d1>\d{1,2})(?:\s*[/.]\s*(?P<m1>\d{1,2}))?(?:\s*[/.]\s*(?P<y1>\d{4}))?(?:\s*\)?\s*(?:-|–|—|đến(?:\s+ngày)?|tới)\s*(?:ngày\s+)?(?P<d2>\d{1,2})\s*[/.]\s*(?P<m2>\d{1,2})(?:\s*[/.]\s*(?P<y2>\d{4}))?)?\)?(?:\s*[,(]?\s*(?:lúc\s+)?(?P<t2>\d{1,2}\s*(?:giờ|g|h)\s*\d{0,2}(?:\s*phút)?|\d{1,2}:\d{2})\)?)?";

static AT_START: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(?:[-+•*–]\s*)?{SPAN}(?P<sep>\s*[:.,\-–)]\s*|\s+|$)(?P<rest>.*)$"
    ))
});
/// A day in brackets at the end of an item: "Khai giảng năm học mới (05/9)", "(Sáng 28/8)",
/// "( ngày 6/9)."
static AT_END: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(?P<rest>.*\S)\s*\(\s*(?:(?:sáng|chiều|tối|trưa)\s+)?{SPAN}\s*\)\s*[.;,]?$"
    ))
});
static TIME_AT_START: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:[-+•*–]\s*)?(?P<time>\d{1,2}\s*(?:giờ|g|h)\s*\d{0,2}(?:\s*phút)?|\d{1,2}:\d{2})['’]?\s*[:,\-–]\s*(?P<rest>.*)$",
    )
});
static ANYWHERE: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"(?i)(?:^|[\s(]){SPAN}")));

#[cfg(test)]
pub(super) fn patterns() -> Vec<&'static Regex> {
    vec![&AT_START, &AT_END, &TIME_AT_START, &ANYWHERE]
}

/// A day as written: day, month and year if given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Day {
    pub day: u32,
    pub month: u32,
    pub year: Option<i32>,
}

/// A day or a range of days as written, with the time of day if any.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Span {
    pub start: Day,
    pub end: Option<Day>,
    pub time: Option<String>,
}

/// A span resolved to calendar days.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Days {
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
}

fn num<T: std::str::FromStr>(c: &Captures<'_>, name: &str) -> Option<T> {
    c.name(name).and_then(|m| m.as_str().parse().ok())
}

fn span(c: &Captures<'_>) -> Option<Span> {
    let d2: Option<u32> = num(c, "d2");
    let end = match (d2, num(c, "m2")) {
        (Some(day), Some(month)) => Some(Day {
            day,
            month,
            year: num(c, "y2"),
        }),
        _ => None,
    };
    let month = match (num(c, "m1"), end) {
        (Some(m), _) => m,
        // "Từ 02 – 27/9": the first day takes the month of the last.
        (None, Some(e)) => e.month,
        (None, None) => return None,
    };
    let start = Day {
        day: num(c, "d1")?,
        month,
        year: num(c, "y1"),
    };
    let valid = |d: &Day| (1..=31).contains(&d.day) && (1..=12).contains(&d.month);
    if !valid(&start) || end.as_ref().is_some_and(|e| !valid(e)) {
        return None;
    }
    let time = c
        .name("t1")
        .or_else(|| c.name("t2"))
        .map(|t| t.as_str().trim().to_string());
    Some(Span { start, end, time })
}

/// The span a line starts with, and the rest of the line: "17/09/2024: Khai giảng" →
/// (17/09/2024, "Khai giảng"). Without "ngày", a weekday, a time or a year, the rest must
/// start with a capital or follow a colon or dash, so "1/2 số đảng viên" is no date.
pub(super) fn leading(line: &str) -> Option<(Span, String)> {
    let c = AT_START.captures(line.trim())?;
    let s = span(&c)?;
    let rest = c.name("rest").map_or("", |m| m.as_str()).trim().to_string();
    let sep = c.name("sep").map_or("", |m| m.as_str()).trim();
    let marked = !c.name("kw").is_none_or(|m| m.as_str().is_empty())
        || c.name("wd").is_some()
        || s.time.is_some()
        || s.start.year.is_some()
        || s.end.is_some();
    let capital = rest.chars().next().is_some_and(char::is_uppercase);
    if !(marked || capital || matches!(sep, ":" | "-" | "–")) {
        return None;
    }
    if rest.is_empty() && sep.is_empty() && !marked {
        return None;
    }
    Some((s, rest))
}

/// The span in brackets an item ends with, and the item before it: "Tổ chức khai giảng
/// (05/9)" → (05/9, "Tổ chức khai giảng"). A span over more than a year ("(20/10/1930 –
/// 20/10/2025)", an anniversary) is not when the item happens.
pub(super) fn trailing(line: &str) -> Option<(Span, String)> {
    let c = AT_END.captures(line.trim())?;
    let s = span(&c)?;
    if let (Some(a), Some(b)) = (s.start.year, s.end.and_then(|e| e.year))
        && b - a > 1
    {
        return None;
    }
    let rest = c.name("rest")?.as_str().trim().to_string();
    Some((s, rest))
}

/// A time of day an item starts with, and the rest: "08 giờ 00’: Thăm …" → ("08 giờ 00",
/// "Thăm …").
pub(super) fn leading_time(line: &str) -> Option<(String, String)> {
    let c = TIME_AT_START.captures(line.trim())?;
    Some((
        c.name("time")?.as_str().trim().to_string(),
        c.name("rest")?.as_str().trim().to_string(),
    ))
}

/// The first span anywhere in a table cell ("Tuần 1 (05/9 – 09/9/2024)", "Thứ Hai 14/5").
pub(super) fn anywhere(text: &str) -> Option<Span> {
    ANYWHERE.captures_iter(text).find_map(|c| {
        let s = span(&c)?;
        // A bare "5/1" inside a cell is too weak: it needs a year, a range or a keyword.
        let keyword =
            c.name("kw").is_some_and(|m| !m.as_str().is_empty()) || c.name("wd").is_some();
        (s.start.year.is_some()
            || s.end.is_some()
            || keyword
            || s.start.day > 12
            || c.get(0)?.start() == 0)
            .then_some(s)
    })
}

/// What can go wrong placing a span on the calendar.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Unplaced {
    /// No year is written and the plan's year is not known.
    NoYear,
    /// A day that does not exist ("31/02").
    NoSuchDay(String),
    /// The range ends before it starts.
    Backwards(NaiveDate, NaiveDate),
}

/// Places `span` on the calendar: years not written come from the other end of the range,
/// else from the plan's calendar; a range ending in an earlier month runs into the next year
/// ("23/12 – 03/01/2025").
pub(super) fn resolve(span: &Span, calendar: &mut Calendar) -> Result<Days, Unplaced> {
    let s = span.start;
    let start_year = match (s.year, span.end.and_then(|e| e.year.map(|y| (e, y)))) {
        (Some(y), _) => y,
        // "23/12 – 03/01/2025": across the new year (a later day of the same month is a
        // range written backwards, caught below).
        (None, Some((e, y))) if s.month > e.month => y - 1,
        (None, Some((_, y))) => y,
        (None, None) => calendar.year_of(s.month).ok_or(Unplaced::NoYear)?,
    };
    let day = |d: Day, y: i32| {
        NaiveDate::from_ymd_opt(y, d.month, d.day)
            .ok_or_else(|| Unplaced::NoSuchDay(format!("{}/{}/{y}", d.day, d.month)))
    };
    let start = day(s, start_year)?;
    calendar.resolve(s.month, Some(start_year));
    let end = match span.end {
        None => None,
        Some(e) => {
            let y = e.year.unwrap_or(if e.month < s.month {
                start_year + 1
            } else {
                start_year
            });
            let end = day(e, y)?;
            if end < start {
                return Err(Unplaced::Backwards(start, end));
            }
            (end != start).then_some(end)
        }
    };
    Ok(Days { start, end })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn day(d: u32, m: u32, y: Option<i32>) -> Day {
        Day {
            day: d,
            month: m,
            year: y,
        }
    }

    #[test]
    fn dated_lines() {
        let (s, rest) = leading("17/09/2024: Khai giảng năm học").unwrap();
        assert_eq!(s.start, day(17, 9, Some(2024)));
        assert_eq!(rest, "Khai giảng năm học");
        let (s, rest) = leading("- Ngày 05/10 tổ chức hội thi").unwrap();
        assert_eq!(s.start, day(5, 10, None));
        assert_eq!(rest, "tổ chức hội thi");
        let (s, rest) = leading("08 giờ 00 ngày 12/3/2025, họp chi bộ").unwrap();
        assert_eq!(s.time.as_deref(), Some("08 giờ 00"));
        assert_eq!(s.start, day(12, 3, Some(2025)));
        assert_eq!(rest, "họp chi bộ");
        let (s, _) = leading("16/09 – 24/09/2024: Hội giảng").unwrap();
        assert_eq!(s.start, day(16, 9, None));
        assert_eq!(s.end, Some(day(24, 9, Some(2024))));
        let (s, _) = leading("Từ ngày 03/11 - 07/11/2025: Tuần lễ học tập").unwrap();
        assert_eq!(s.end, Some(day(7, 11, Some(2025))));
        let (s, _) = leading("Từ 02 – 27/9: Ôn tập").unwrap();
        assert_eq!(s.start, day(2, 9, None));
        let (s, _) = leading("Thứ Hai (14/5): Chào cờ").unwrap();
        assert_eq!(s.start, day(14, 5, None));
        // Not dates: fractions, classes, references in the middle of a sentence.
        assert_eq!(leading("1/2 số đảng viên tham gia"), None);
        assert_eq!(leading("Lớp 5/1 đạt giải"), None);
        assert_eq!(leading("Luật Đất đai ngày 25/11/2013"), None);
        assert_eq!(leading("2023 là năm"), None);
    }

    #[test]
    fn a_time_of_day_at_the_start() {
        assert_eq!(
            leading_time("08 giờ 00’: Thăm, chúc tết"),
            Some(("08 giờ 00".to_string(), "Thăm, chúc tết".to_string()))
        );
        assert_eq!(
            leading_time("- 14:30 - Họp giao ban"),
            Some(("14:30".to_string(), "Họp giao ban".to_string()))
        );
        assert_eq!(leading_time("2 giờ học thêm"), None);
    }

    #[test]
    fn a_day_in_brackets_at_the_end_says_when() {
        let (s, rest) = trailing("Nhà trường tổ chức khai giảng năm học mới (05/9)").unwrap();
        assert_eq!(s.start, day(5, 9, None));
        assert_eq!(rest, "Nhà trường tổ chức khai giảng năm học mới");
        let (s, _) = trailing("Họp phụ huynh đầu năm học. (Sáng 28/8)").unwrap();
        assert_eq!(s.start, day(28, 8, None));
        let (s, _) = trailing("Nộp báo cáo khai giảng ( ngày 6/9).").unwrap();
        assert_eq!(s.start, day(6, 9, None));
        // An anniversary is not the day of the item.
        assert_eq!(trailing("Kỷ niệm 95 năm (20/10/1930 – 20/10/2025)"), None);
        assert_eq!(trailing("Lớp 5 (sĩ số 30)"), None);
    }

    #[test]
    fn ranges_take_years_from_each_other_and_cross_the_new_year() {
        let mut cal = Calendar::year(2024);
        let (s, _) = leading("23/12/2024 – 03/01/2025: Nghỉ").unwrap();
        let d = resolve(&s, &mut cal).unwrap();
        assert_eq!(d.start, NaiveDate::from_ymd_opt(2024, 12, 23).unwrap());
        assert_eq!(d.end, NaiveDate::from_ymd_opt(2025, 1, 3));
        let (s, _) = leading("28/12 – 02/01: Thi").unwrap();
        let d = resolve(&s, &mut Calendar::year(2024)).unwrap();
        assert_eq!(d.end, NaiveDate::from_ymd_opt(2025, 1, 2));
        let (s, _) = leading("24/09/2024 – 16/09/2024: Ngược").unwrap();
        assert!(matches!(
            resolve(&s, &mut Calendar::year(2024)),
            Err(Unplaced::Backwards(..))
        ));
        let (s, _) = leading("31/02/2024: Không có").unwrap();
        assert!(matches!(
            resolve(&s, &mut Calendar::year(2024)),
            Err(Unplaced::NoSuchDay(_))
        ));
    }

    #[test]
    fn spans_inside_table_cells() {
        let s = anywhere("Tuần 1\n(Từ 05/9 – 09/9/2024)").unwrap();
        assert_eq!(s.start, day(5, 9, None));
        assert_eq!(s.end, Some(day(9, 9, Some(2024))));
        assert_eq!(anywhere("Thứ Hai 14/5").unwrap().start, day(14, 5, None));
        assert_eq!(anywhere("Tuần 3"), None);
    }
}
