//! The column headers of plan tables ("TT", "Tháng", "Nội dung công việc", "Người thực
//! hiện", "TUẦN C.MÔN", "BỘ PHẬN T.HIỆN", …) and the kind of value each column holds, for
//! finding tables in text that has lost its table.

use super::values::{JOINING, Shape, numeric, shape};

/// What a column of a plan table holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Kind {
    /// Row numbers ("TT", "STT").
    Number,
    /// A count or a short figure ("Số tuần thực hiện", "Tiết", "Số lượng").
    Count,
    /// Months ("Tháng").
    Month,
    /// Weeks ("Tuần", "Tuần CM"): week numbers, or the days of a week.
    Week,
    /// Days or times ("Thời gian", "Ngày", "Thứ", "Thời điểm").
    Time,
    /// The activities ("Nội dung", "Chủ đề"): any text, often a list.
    Content,
    /// Who does it ("Người thực hiện", "Bộ phận T.hiện"): short names.
    People,
    /// Anything else ("Ghi chú", "Địa điểm", "Kết quả").
    Other,
}

impl Kind {
    /// Whether the column says when (or which) the row is: a row number, a month, a week, a
    /// day. Every row of a flattened table has one of these.
    pub(super) fn keys_rows(self) -> bool {
        matches!(self, Kind::Number | Kind::Month | Kind::Week | Kind::Time)
    }
}

/// Headers that are only row numbers.
const NUMBERS: &[&str] = &["tt", "stt", "số tt", "số thứ tự", "thứ tự"];

/// Words naming each kind of column, looked for in the header in this order (a header "Chủ
/// điểm tháng" names the activities, "Số tuần thực hiện" a count).
const WORDS: &[(&str, Kind)] = &[
    ("nội dung", Kind::Content),
    ("chủ đề", Kind::Content),
    ("chủ điểm", Kind::Content),
    ("công việc", Kind::Content),
    ("hoạt động", Kind::Content),
    ("nhiệm vụ", Kind::Content),
    ("chương trình", Kind::Content),
    ("người", Kind::People),
    ("bộ phận", Kind::People),
    ("phụ trách", Kind::People),
    ("chủ trì", Kind::People),
    ("phối hợp", Kind::People),
    ("thành phần", Kind::People),
    ("đơn vị", Kind::People),
    ("lực lượng", Kind::People),
    ("họ tên", Kind::People),
    ("họ và tên", Kind::People),
    ("chịu trách nhiệm", Kind::People),
    ("đối tượng", Kind::People),
    ("lãnh đạo", Kind::People),
    ("cá nhân", Kind::People),
    ("thời gian", Kind::Time),
    ("thời điểm", Kind::Time),
    ("ngày", Kind::Time),
    ("tháng", Kind::Month),
    ("tuần", Kind::Week),
    ("thứ", Kind::Time),
    ("ghi chú", Kind::Other),
    ("địa điểm", Kind::Other),
    ("kết quả", Kind::Other),
    ("kinh phí", Kind::Other),
    ("biện pháp", Kind::Other),
    ("chỉ tiêu", Kind::Other),
    ("yêu cầu", Kind::Other),
    ("mục tiêu", Kind::Other),
    ("hình thức", Kind::Other),
    ("sản phẩm", Kind::Other),
    ("điều chỉnh", Kind::Other),
    ("thực hiện", Kind::People),
];

/// The words of a header: lower case, split at spaces, dots and slashes ("T.HIỆN" is "t"
/// "hiện"), a trailing colon dropped.
fn words(text: &str) -> Vec<String> {
    text.trim()
        .trim_end_matches(':')
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || matches!(c, '.' | '/'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether the header's `words` hold `phrase` as their first or second words (a header
/// starts with what it names: "Nội dung công việc", "Tên chủ đề", not "KẾ HOẠCH THÁNG"), a
/// one-letter word standing for any word it starts ("c" for "chuyên", "t" for "thực": the
/// abbreviations of a narrow column).
fn contains(words: &[String], phrase: &str) -> bool {
    let want: Vec<&str> = phrase.split(' ').collect();
    words.windows(want.len()).take(2).any(|w| {
        w.iter().zip(&want).all(|(got, want)| {
            got == want || (got.chars().count() == 1 && want.starts_with(got.as_str()))
        })
    })
}

/// The kind of column `text` is the header of, if it is one: a short line without digits
/// or sentence punctuation holding a word that names a column.
pub(super) fn kind(text: &str) -> Option<Kind> {
    let words = words(text);
    if NUMBERS.contains(&words.join(" ").as_str()) {
        return Some(Kind::Number);
    }
    let t = text.trim();
    if words.is_empty()
        || shape(t).is_some_and(|s| s != Shape::Joining)
        || words.len() > 8
        || t.chars().count() > 50
        || t.chars()
            .any(|c| c.is_ascii_digit() || matches!(c, ',' | ';' | '?' | '!'))
        || !t
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase)
    {
        return None;
    }
    if words[0] == "số" || words.join(" ") == "tiết" {
        return Some(Kind::Count);
    }
    WORDS
        .iter()
        .find(|(phrase, _)| contains(&words, phrase))
        .map(|&(_, k)| k)
}

/// The header cell starting at `lines[0]` and how many lines it takes: one line, or a short
/// piece and the line after it when only together they name a column ("S" / "TT" of a
/// narrow column).
pub(super) fn header_at(lines: &[&str]) -> Option<(Kind, String, usize)> {
    let first = lines.first()?.trim();
    if let Some(k) = kind(first) {
        return Some((k, first.to_string(), 1));
    }
    let next = lines.get(1)?.trim();
    let joined = format!("{first}{next}");
    (first.chars().count() <= 3)
        .then(|| kind(&joined))
        .flatten()
        .map(|k| (k, joined, 2))
}

/// Whether `text` is a column header.
pub(super) fn is_header(text: &str) -> bool {
    kind(text).is_some()
}

pub(super) use super::values::is_number;

/// Whether `text` is a month or a time as a table's first column gives it: "Tháng 9",
/// "9/2024", "T9", "Tuần 1", "05/9/2024", "Từ 1/9 đến 5/9": numbers and the few words that
/// join them, nothing else.
pub(super) fn is_time(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':').to_lowercase();
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | '+'))
        .filter(|w| !w.is_empty())
        .collect();
    let month_short = |w: &str| w.strip_prefix('t').is_some_and(numeric);
    words.iter().any(|w| numeric(w) || month_short(w))
        && words
            .iter()
            .all(|w| numeric(w) || month_short(w) || JOINING.contains(w))
}
