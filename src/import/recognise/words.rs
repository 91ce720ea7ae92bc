//! Small facts about words and lines that every detector uses: normalisation, capitals,
//! decoration lines, the kinds of document, a short quote for messages.

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use crate::import::doc::Block;

#[allow(clippy::expect_used)]
pub(super) fn re(pattern: &str) -> Regex {
    // The patterns are constants; the unit tests compile every one of them.
    Regex::new(pattern).expect("a valid pattern")
}

/// The kinds of document a plan-like text starts with.
pub(super) const KINDS: [&str; 11] = [
    "KẾ HOẠCH",
    "CHƯƠNG TRÌNH",
    "LỊCH CÔNG TÁC",
    "LỊCH LÀM VIỆC",
    "LỊCH HOẠT ĐỘNG",
    "BÁO CÁO",
    "NGHỊ QUYẾT",
    "QUYẾT ĐỊNH",
    "THÔNG BÁO",
    "PHƯƠNG ÁN",
    "ĐỀ ÁN",
];

/// NFC, with the spaces that text from the web and PDFs carries (no-break, narrow, figure)
/// made ordinary spaces.
pub(super) fn nfc(s: &str) -> String {
    s.nfc()
        .map(|c| match c {
            '\u{a0}' | '\u{202f}' | '\u{2007}' => ' ',
            c => c,
        })
        .collect()
}

/// Whether `s` has letters and none of them is lower case.
pub(super) fn is_upper(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// A line of only decoration ("-----", "***", "___").
pub(super) fn is_decoration(line: &str) -> bool {
    !line.is_empty()
        && line
            .chars()
            .all(|c| "*-_=~–—.·•".contains(c) || c.is_whitespace())
}

/// The first 60 characters of `s`, for a message.
pub(super) fn short(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}

/// Where a block starts in the input.
pub(super) fn block_at(block: &Block) -> usize {
    match block {
        Block::Para(p) => p.at,
        Block::Table(t) => t.at,
    }
}

/// Lower case with the marks removed and đ as d: what words are compared by.
pub(super) fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// A title in sentence case from the kind and subject in capitals: "KẾ HOẠCH HOẠT ĐỘNG CHI BỘ
/// NĂM 2023" → "Kế hoạch hoạt động chi bộ năm 2023". A subject the author wrote in mixed
/// case keeps its capitals ("… tư tưởng Hồ Chí Minh"). Abbreviations keep theirs ("CBGV",
/// "UBND", "GD&ĐT"), and so does a Roman numeral after "học kỳ", "phần", "quý", "đợt".
pub(super) fn sentence_case(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        let after_counter = i > 0
            && matches!(
                fold(words[i - 1]).as_str(),
                "ky" | "phan" | "quy" | "dot" | "khoa" | "lan" | "doan" | "muc" | "chuong"
            );
        let roman = !w.is_empty() && w.chars().all(|c| "IVXLC".contains(c));
        let keep = !is_upper(w) || abbreviation(w) || (roman && after_counter);
        out.push(if keep {
            (*w).to_string()
        } else {
            w.to_lowercase()
        });
    }
    let joined = out.join(" ");
    let mut chars = joined.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => joined,
    }
}

/// Whether a word in capitals is an abbreviation rather than a Vietnamese syllable: it has no
/// vowel ("THCS"), or letters after its vowels that no syllable ends with ("UBND", "ATGT").
fn abbreviation(word: &str) -> bool {
    let letters: String = fold(word).chars().filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty() {
        return false;
    }
    let vowel = |c: char| "aeiouy".contains(c);
    let Some(first) = letters.find(vowel) else {
        return true;
    };
    let after = letters[first..].trim_start_matches(vowel);
    !matches!(after, "" | "c" | "ch" | "m" | "n" | "ng" | "nh" | "p" | "t")
}
