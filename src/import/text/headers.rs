//! The column headers of plan tables ("TT", "Tháng", "Nội dung công việc", "Người thực
//! hiện", …) and the kind of value each column holds, for finding tables in text that has
//! lost its table.

/// What a column of a plan table holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Kind {
    /// Row numbers ("TT", "STT").
    Number,
    /// Months or times ("Tháng", "Thời gian", "Ngày", "Tuần").
    Time,
    /// The activities ("Nội dung", "Chủ đề"): any text, often a list.
    Content,
    /// Who does it ("Người thực hiện", "Phụ trách"): short names.
    People,
    /// Anything else ("Ghi chú", "Địa điểm", "Kết quả").
    Other,
}

const HEADERS: &[(&str, Kind)] = &[
    ("tt", Kind::Number),
    ("stt", Kind::Number),
    ("số tt", Kind::Number),
    ("số thứ tự", Kind::Number),
    ("tháng", Kind::Time),
    ("thời gian", Kind::Time),
    ("thời gian thực hiện", Kind::Time),
    ("thời điểm", Kind::Time),
    ("ngày", Kind::Time),
    ("ngày tháng", Kind::Time),
    ("ngày thực hiện", Kind::Time),
    ("tuần", Kind::Time),
    ("nội dung", Kind::Content),
    ("nội dung công việc", Kind::Content),
    ("nội dung hoạt động", Kind::Content),
    ("nội dung thực hiện", Kind::Content),
    ("nội dung chính", Kind::Content),
    ("công việc", Kind::Content),
    ("hoạt động", Kind::Content),
    ("chủ đề", Kind::Content),
    ("chủ điểm", Kind::Content),
    ("người thực hiện", Kind::People),
    ("người phụ trách", Kind::People),
    ("người chịu trách nhiệm", Kind::People),
    ("bộ phận thực hiện", Kind::People),
    ("bộ phận phụ trách", Kind::People),
    ("đơn vị thực hiện", Kind::People),
    ("phụ trách", Kind::People),
    ("chịu trách nhiệm", Kind::People),
    ("chủ trì", Kind::People),
    ("phối hợp", Kind::People),
    ("lực lượng tham gia", Kind::People),
    ("thành phần", Kind::People),
    ("thành phần tham gia", Kind::People),
    ("họ và tên", Kind::People),
    ("họ tên", Kind::People),
    ("ghi chú", Kind::Other),
    ("địa điểm", Kind::Other),
    ("kết quả", Kind::Other),
    ("kết quả cần đạt", Kind::Other),
    ("kinh phí", Kind::Other),
    ("biện pháp", Kind::Other),
    ("chỉ tiêu", Kind::Other),
];

/// The kind of column `text` is the header of, if it is one: the words compared in lower
/// case, spaces collapsed, a trailing colon ignored.
pub(super) fn kind(text: &str) -> Option<Kind> {
    let words: Vec<String> = text
        .trim()
        .trim_end_matches(':')
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let key = words.join(" ");
    HEADERS.iter().find(|(h, _)| *h == key).map(|&(_, k)| k)
}

/// Whether `text` is a column header.
pub(super) fn is_header(text: &str) -> bool {
    kind(text).is_some()
}

/// Whether `text` is a row number: "1", "12.", "3)".
pub(super) fn is_number(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['.', ')']);
    (1..=3).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `text` is a month or a time as a table's first column gives it: "Tháng 9",
/// "9/2024", "T9", "Tuần 1", "05/9/2024", "Từ 1/9 đến 5/9": numbers and the few words that
/// join them, nothing else.
pub(super) fn is_time(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':').to_lowercase();
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | '+'))
        .filter(|w| !w.is_empty())
        .collect();
    let numeric = |w: &str| {
        w.chars().any(|c| c.is_ascii_digit())
            && w.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | '–' | '.'))
    };
    let joining = [
        "tháng", "tuần", "ngày", "từ", "đến", "năm", "và", "-", "–", "học", "đầu", "cuối",
    ];
    let month_short = |w: &str| w.strip_prefix('t').is_some_and(numeric);
    words.iter().any(|w| numeric(w) || month_short(w))
        && words
            .iter()
            .all(|w| numeric(w) || month_short(w) || joining.contains(w))
}

/// Whether `text` fits a column of `kind`.
pub(super) fn fits(kind: Kind, text: &str) -> bool {
    let item = ["- ", "+ ", "• ", "– "].iter().any(|m| text.starts_with(m));
    match kind {
        Kind::Number => is_number(text),
        Kind::Time => is_time(text),
        Kind::People => !item && text.chars().count() <= 80,
        Kind::Content | Kind::Other => true,
    }
}
