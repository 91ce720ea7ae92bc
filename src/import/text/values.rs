//! The values in the cells of a flattened table — a row number, a month, a week, a day, a
//! name — and how well a line fits a column of each kind.

/// The shape of a line that is a number or a time, not text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Shape {
    /// A row number or a count: "1", "12.", "33".
    Number,
    /// A range of week numbers: "1 - 3", "15 -18".
    Range,
    /// A week: "Tuần 1", "Tuần 2 - 3".
    Week,
    /// A month: "Tháng 9", "8/2019", "T9", "1+2".
    Month,
    /// A day or a range of days: "21/5", "10/09 - 29/09/2018", "Từ 09/9- 14/9".
    Date,
    /// A day of the week, with or without its date: "Thứ hai", "Chủ nhật 27/5".
    Weekday,
    /// Only the words that join a time: "Từ", "Từ ngày" (its numbers on the next line).
    Joining,
}

/// The shape of `text`, when it is a number or a time and nothing else. A line in brackets
/// is text ("( 19/8/2019)" ends an item of the cell before it).
pub(super) fn shape(text: &str) -> Option<Shape> {
    let t = text.trim().trim_end_matches([':', '.']).to_lowercase();
    if is_number(text) {
        return Some(Shape::Number);
    }
    if t.is_empty() || t.starts_with('(') {
        return None;
    }
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .collect();
    let timely = |w: &&str| numeric(w) || JOINING.contains(w) || TIMES.contains(w);
    if words.iter().all(|w| JOINING.contains(w)) {
        return Some(Shape::Joining);
    }
    let weekday = match words.as_slice() {
        ["thứ", d, ..]
            if [
                "hai", "ba", "tư", "năm", "sáu", "bảy", "2", "3", "4", "5", "6", "7",
            ]
            .contains(d) =>
        {
            2
        }
        ["chủ", "nhật", ..] => 2,
        ["cn", ..] => 1,
        _ => 0,
    };
    if weekday > 0 {
        return words[weekday..]
            .iter()
            .all(timely)
            .then_some(Shape::Weekday);
    }
    let rest_timely = words.len() > 1 && words[1..].iter().all(timely);
    match words[0] {
        "tuần" if rest_timely => return Some(Shape::Week),
        "tháng"
            if rest_timely || (words.len() > 1 && words[1..].iter().all(|w| month_number(w))) =>
        {
            return Some(Shape::Month);
        }
        w if words.len() == 1 && month_number(w) && w.contains('+') => return Some(Shape::Month),
        w if words.len() == 1
            && w.strip_prefix('t')
                .is_some_and(|n| n.parse::<u8>().is_ok() || month_year(n)) =>
        {
            return Some(Shape::Month);
        }
        _ => {}
    }
    if !words.iter().all(timely) || !words.iter().any(|w| numeric(w)) {
        return None;
    }
    let slashed: Vec<&&str> = words.iter().filter(|w| w.contains('/')).collect();
    if slashed.is_empty() {
        return words
            .iter()
            .any(|w| w.contains(['-', '–']))
            .then_some(Shape::Range);
    }
    Some(if slashed.iter().all(|w| month_year(w)) {
        Shape::Month
    } else {
        Shape::Date
    })
}

/// "8/2019": a month and its year (where "21/5", "05 - 31/8" are days).
fn month_year(w: &str) -> bool {
    let parts: Vec<&str> = w.trim_matches(['-', '–']).split('/').collect();
    parts.len() == 2 && parts[1].len() == 4
}

/// "9", "12", "1+2": a month as a number, or two months together.
fn month_number(w: &str) -> bool {
    w.split('+')
        .all(|n| n.parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)))
}

/// Whether `line` starts with a list marker ("- ", "+", "•", or a dash right before the
/// text, "-BGH").
pub(super) fn marked(line: &str) -> bool {
    let mut chars = line.trim_start().chars();
    chars.next().is_some_and(|c| {
        matches!(
            c,
            '-' | '+' | '•' | '–' | '·' | '\u{F0B7}' | '\u{F0A7}' | '\u{F0D8}'
        )
    }) && chars.next().is_some()
}

/// Whether `text` is a row number: "1", "12.", "3)".
pub(super) fn is_number(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['.', ')']);
    (1..=3).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
}

/// The words that join the numbers of a time: "Từ 05 - 31/8", "Tháng 9 năm 2024".
pub(super) const JOINING: &[&str] = &[
    "tháng", "tuần", "ngày", "từ", "đến", "năm", "và", "-", "–", "học", "đầu", "cuối",
];

/// The other words a time may have: the part of the day, two months together ("Tháng 9
/// + 10").
const TIMES: &[&str] = &["sáng", "chiều", "tối", "+"];

/// Whether `line` is a numbered heading: "3. Tổ chức thực hiện", "II. NỘI DUNG", "b) Yêu
/// cầu".
pub(super) fn heading(line: &str) -> bool {
    let t = line.trim();
    let Some(end) = t.find(['.', ')']) else {
        return false;
    };
    let label = &t[..end];
    let numbered = (1..=2).contains(&label.len()) && label.bytes().all(|b| b.is_ascii_digit())
        || (1..=4).contains(&label.len()) && label.bytes().all(|b| b"IVX".contains(&b))
        || label.len() == 1 && label.bytes().all(|b| b.is_ascii_lowercase());
    let rest = &t[end + 1..];
    numbered
        && rest.starts_with(' ')
        && rest
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}

/// Whether the word is a number, a date or a range of them ("12", "05/9", "1-3").
pub(super) fn numeric(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_digit())
        && w.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | '–' | '.'))
}
