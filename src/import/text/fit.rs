//! How well a line of a flattened table fits a column of each kind: a value of the kind, text
//! where text goes, the short names of the people responsible.

use super::headers::Kind;
use super::line::starts_lower;
use super::values::{Shape, heading, marked, numeric, shape};

/// How well `line` fits a column of `kind`: 4 a value of the kind, less a value the column
/// may hold, 1 a list item or a short note, 0 other text (a row is worth its values, so
/// sentences after the last row are not drawn into it); None when it cannot be there (a
/// number or a time among notes, a heading anywhere but among the activities).
pub(super) fn fit(kind: Kind, line: &str) -> Option<u32> {
    use Shape::*;
    let shape = shape(line);
    if heading(line) && !matches!(kind, Kind::Content) {
        return None;
    }
    match kind {
        Kind::Number => (shape == Some(Number)).then_some(4),
        Kind::Count => {
            let short = line.split_whitespace().count() <= 4 && line.chars().count() <= 30;
            let figure = line.chars().any(|c| c.is_ascii_digit());
            let bracketed = line.starts_with('(');
            (short && figure && !bracketed && matches!(shape, None | Some(Number | Range)))
                .then_some(4)
        }
        Kind::Month => match shape? {
            Month => Some(4),
            Number => Some(2),
            Date | Week | Weekday | Joining => Some(1),
            Range => None,
        },
        Kind::Week => match shape? {
            Week | Number | Range => Some(4),
            Date => Some(3),
            Joining | Weekday | Month => Some(1),
        },
        Kind::Time => match shape? {
            Date | Weekday | Month => Some(4),
            Week => Some(3),
            Joining => Some(1),
            Number | Range => None,
        },
        // A list item, or a line going on with the one before, carries the activities on.
        Kind::Content => Some(u32::from(
            marked(line) || line.starts_with('(') || starts_lower(line),
        )),
        Kind::People if shape.is_some() => None,
        Kind::People => people(line),
        // A short note ("Tốt", "Hội trường") rather than a sentence.
        Kind::Other => (shape.is_none() && line.chars().count() <= 100)
            .then_some(u32::from(line.split_whitespace().count() <= 4)),
    }
}

/// Who does things in a school or an office: the first words of a responsible-people cell.
const ROLES: &[&str] = &[
    "bgh",
    "ban giám hiệu",
    "hiệu trưởng",
    "phó hiệu trưởng",
    "giáo viên",
    "nhân viên",
    "kế toán",
    "y tế",
    "văn thư",
    "thủ quỹ",
    "tổ",
    "tổ trưởng",
    "trường",
    "nhà trường",
    "lớp",
    "khối",
    "đoàn",
    "đội",
    "liên đội",
    "chi đoàn",
    "công đoàn",
    "chi bộ",
    "chi ủy",
    "bí thư",
    "hội đồng",
    "phụ huynh",
    "học sinh",
    "tổng phụ trách",
    "đ/c",
    "cô",
    "thầy",
    "cán bộ",
    "lãnh đạo",
    "thường trực",
    "bảo vệ",
    "cấp dưỡng",
    "đảng viên",
    "chủ tịch",
    "giám đốc",
    "trưởng ban",
];

/// How well `line` fits a column of the people responsible: 4 for a short line naming a
/// role ("- Hiệu trưởng", "• CBGVNV trong trường MN.", "-BGH+KT"), 3 for a name without a
/// list marker ("Nguyễn Thị Lan"), None for anything else.
fn people(line: &str) -> Option<u32> {
    let t = line
        .trim()
        .trim_start_matches(['-', '+', '•', '–', '·'])
        .trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    let dated = words.iter().any(|w| w.contains('/') && numeric(w));
    if words.is_empty() || words.len() > 6 || t.chars().count() > 40 || dated {
        return None;
    }
    let named: Vec<&str> = words
        .iter()
        .copied()
        .skip_while(|w| w.ends_with('%') || matches!(*w, "các" | "Các" | "toàn" | "Toàn"))
        .collect();
    let abbreviation = |w: &str| {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
    };
    let lower: Vec<String> = named
        .iter()
        .map(|w| w.trim_end_matches([',', ';', '.']).to_lowercase())
        .collect();
    let role = named.first().is_some_and(|w| abbreviation(w))
        || ROLES.iter().any(|r| {
            let want: Vec<&str> = r.split(' ').collect();
            lower.len() >= want.len() && lower.iter().zip(&want).all(|(a, b)| a == b)
        });
    let name = (2..=4).contains(&words.len())
        && t == line.trim()
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    if role && words.len() <= 5 {
        Some(4)
    } else {
        name.then_some(3)
    }
}
