//! Part headings: where the plan's sections start. Parts are numbered with Roman numerals in
//! any case ("I.", "II/", "iii)", "IV -", "V:"), else with Arabic numbers ("1.", "2/",
//! "3)") when there are no Roman ones, else marked by Word's "Heading 1" alone. A document
//! with none of these has no parts: its text after the header becomes one section.
//!
//! Numbers are read as a chain: the first part is 1 and each next one is one more (a
//! heading in capitals, bold or a Word heading may skip one, a typo); a number that does not
//! continue the chain is a list inside a part, not a part.

use std::sync::LazyLock;

use regex::Regex;

use super::dates;
use super::months::{month_label, month_line, starts_month_line};
use super::words::{KINDS, fold, is_upper, nfc, re};
use crate::import::doc::{Block, Para};
use crate::import::numerals::roman_value;

static ROMAN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})|m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))\s*([.\-–)/:])\.?\s*(\S.*)$",
    )
});
static ARABIC: LazyLock<Regex> = LazyLock::new(|| re(r"^(\d{1,2})\s*([.)/:\-–])\.?\s+(\S.*)$"));
static SUBHEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:(\d{1,2}(?:\.\d{1,2})*)\s*[.)\-–/]|(\d{1,2}(?:\.\d{1,2})+)|([a-zđ])\s*[.)/])\s+(\S.*)$",
    )
});

#[cfg(test)]
pub(super) fn patterns() -> Vec<&'static Regex> {
    vec![&ROMAN, &ARABIC, &SUBHEADING]
}

/// One part heading.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Part {
    /// The index of its block.
    pub block: usize,
    /// The number label as the document writes it: "I", "V-", "2/", "" for none.
    pub number: String,
    /// The title.
    pub title: String,
}

/// Where the parts are, and where the text after the header starts.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Layout {
    pub parts: Vec<Part>,
    /// The first block after the header: the first part, or (without parts) the first block
    /// that is not a header line, the title or the "Căn cứ" preamble.
    pub body_start: usize,
}

/// Whether a line starts a paragraph of its own even without a blank line before it (for the
/// text reader): a part or numbered heading, or a month label.
pub fn is_numbered_start(line: &str) -> bool {
    let line = nfc(line.trim());
    section_parts(&line).is_some() || subheading_depth(&line).is_some() || starts_month_line(&line)
}

/// The numeral, separator and title of a Roman part heading ("IV. BIỆN PHÁP" → IV, ".",
/// BIỆN PHÁP).
pub(super) fn section_parts(line: &str) -> Option<(String, char, String)> {
    let c = ROMAN.captures(line)?;
    let numeral = c.get(1)?.as_str();
    if numeral.is_empty() {
        return None;
    }
    let sep = c.get(2)?.as_str().chars().next()?;
    Some((
        numeral.to_string(),
        sep,
        c.get(3)?.as_str().trim().to_string(),
    ))
}

/// The depth of a numbered sub-heading line ("1. …" 1, "3.1. …" 2, "a) …" 0: depends on
/// what came before), or None when it is not one.
pub(super) fn subheading_depth(line: &str) -> Option<usize> {
    if line.chars().count() > 120 || line.contains('\n') {
        return None;
    }
    let c = SUBHEADING.captures(line)?;
    let rest = c.get(4)?.as_str().trim_end();
    if rest.ends_with(';') || rest.ends_with(',') {
        return None;
    }
    // More than one sentence is a paragraph, not a heading.
    let body = rest.trim_end_matches(['.', ':']);
    if body.contains(". ") || body.contains("; ") {
        return None;
    }
    if let Some(n) = c.get(1).or_else(|| c.get(2)) {
        return Some(n.as_str().split('.').count());
    }
    Some(0)
}

/// A candidate part heading.
#[derive(Debug, Clone)]
struct Candidate {
    block: usize,
    value: usize,
    label: String,
    title: String,
    /// In capitals, bold or a Word heading.
    strong: bool,
    /// Ends with ":" or is followed by text that is not another candidate.
    has_body: bool,
}

fn candidate(i: usize, p: &Para, roman: bool) -> Option<Candidate> {
    if p.bullet.is_some() {
        return None;
    }
    let plain = nfc(p.plain.trim());
    let (value, numeral, sep, title) = if roman {
        let (numeral, sep, title) = section_parts(&plain)?;
        (roman_value(&numeral.to_uppercase()), numeral, sep, title)
    } else {
        let c = ARABIC.captures(&plain)?;
        let numeral = c.get(1)?.as_str().to_string();
        let sep = c.get(2)?.as_str().chars().next()?;
        (
            numeral.parse().ok()?,
            numeral,
            sep,
            c.get(3)?.as_str().trim().to_string(),
        )
    };
    let title = title.replace('\n', " ");
    // "2/. Tháng 02/2024:" is a month label, not a part.
    if month_line(&plain).is_some() || month_label(&title).is_some() {
        return None;
    }
    // "II. NHIỆM VỤ (theo từng tháng)": a note in brackets may be in lower case.
    let unbracketed = title.split('(').next().unwrap_or("");
    let strong = is_upper(unbracketed) || p.bold || p.heading.is_some_and(|h| h <= 2);
    let weak = title.chars().count() <= 150
        && !title.ends_with([';', ','])
        && title.chars().next().is_some_and(char::is_uppercase);
    if !(strong || weak) {
        return None;
    }
    let label = if sep == '.' {
        numeral
    } else {
        format!("{numeral}{sep}")
    };
    Some(Candidate {
        block: i,
        value,
        label,
        has_body: title.ends_with(':'),
        title,
        strong,
    })
}

/// The longest chain 1, 2, 3… of candidates in document order.
fn chain(cands: &[Candidate], weak: bool) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let mut last = 0;
    for c in cands {
        if !c.strong && !weak {
            continue;
        }
        let next = if last == 0 {
            c.value == 1
        } else {
            c.value == last + 1 || (c.strong && c.value == last + 2)
        };
        if next {
            last = c.value;
            out.push(c.clone());
        }
    }
    out
}

/// Finds the parts of `blocks` (nothing after "Nơi nhận" is a part).
pub(super) fn find(blocks: &[Block]) -> Layout {
    let end = tail_hint(blocks);
    let paras = || {
        blocks[..end]
            .iter()
            .enumerate()
            .filter_map(|(i, b)| match b {
                Block::Para(p) => Some((i, p)),
                Block::Table(_) => None,
            })
    };
    let romans: Vec<Candidate> = paras().filter_map(|(i, p)| candidate(i, p, true)).collect();
    let parts = chain(&romans, true);
    let parts = if parts.len() >= 2 || parts.first().is_some_and(|p| p.strong) {
        parts
    } else {
        arabic_parts(
            blocks,
            paras()
                .filter_map(|(i, p)| candidate(i, p, false))
                .collect(),
        )
    };
    let parts: Vec<Part> = if parts.is_empty() {
        headings(blocks)
    } else {
        parts
            .into_iter()
            .map(|c| Part {
                block: c.block,
                number: c.label,
                title: c.title,
            })
            .collect()
    };
    let body_start = parts
        .first()
        .map_or_else(|| header_end(blocks), |p| p.block);
    Layout { parts, body_start }
}

/// Arabic parts: a chain of headings in capitals or bold; else of plain "1/ …" lines when
/// the numbering never starts again at 1 and each has text under it (a numbered list of
/// activities is not a list of parts).
fn arabic_parts(blocks: &[Block], mut cands: Vec<Candidate>) -> Vec<Candidate> {
    let strong = chain(&cands, false);
    if strong.len() >= 2 {
        return strong;
    }
    if cands.iter().filter(|c| c.value == 1).count() != 1 {
        return Vec::new();
    }
    let blocks_of: Vec<usize> = cands.iter().map(|c| c.block).collect();
    for c in &mut cands {
        let next = c.block + 1;
        c.has_body |= next < blocks.len() && !blocks_of.contains(&next);
    }
    let weak: Vec<Candidate> = cands
        .into_iter()
        .filter(|c| c.has_body || c.strong)
        .collect();
    let parts = chain(&weak, true);
    if parts.len() >= 2 { parts } else { Vec::new() }
}

/// Parts marked by Word's "Heading 1" style alone; they have no number.
fn headings(blocks: &[Block]) -> Vec<Part> {
    let found: Vec<Part> = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b {
            Block::Para(p) if p.heading == Some(1) && p.bullet.is_none() => {
                let title = nfc(p.plain.trim()).replace('\n', " ");
                let kind = KINDS.iter().any(|k| title.to_uppercase().starts_with(k));
                (!kind && !title.is_empty()).then(|| Part {
                    block: i,
                    number: String::new(),
                    title,
                })
            }
            _ => None,
        })
        .collect();
    if found.len() >= 2 { found } else { Vec::new() }
}

/// The first block of the recipients ("Nơi nhận").
fn tail_hint(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .position(|b| match b {
            Block::Para(p) => {
                let f = fold(p.plain.trim());
                p.bullet.is_none() && f.starts_with("noi nhan")
            }
            Block::Table(_) => false,
        })
        .unwrap_or(blocks.len())
}

/// Without parts: the first block after the one holding the kind line ("KẾ HOẠCH …") and
/// the header lines, title and "Căn cứ" paragraphs after it (or, without a kind line, after
/// the header lines at the top).
fn header_end(blocks: &[Block]) -> usize {
    let plain = |b: &Block| match b {
        Block::Para(p) if p.bullet.is_none() => Some(nfc(p.plain.trim())),
        _ => None,
    };
    let find = |capitals: bool| {
        // A title in sentence case is looked for only at the very top.
        blocks
            .iter()
            .take(if capitals { 40 } else { 8 })
            .position(|b| {
                plain(b).is_some_and(|text| {
                    text.lines()
                        .any(|l| super::head::kind_of(l.trim(), capitals).is_some())
                })
            })
    };
    // The kind in capitals, else a title in sentence case ("Kế hoạch công tác đội …").
    let kind = find(true).or_else(|| find(false));
    let mut i = kind.map_or(0, |k| k + 1);
    while let Some(text) = blocks.get(i).and_then(plain) {
        let header = text.lines().all(|line| {
            let f = fold(line);
            // A month or day label starts the body ("THỨ HAI (09/02/2026):").
            if month_line(line.trim()).is_some() || dates::leading(line.trim()).is_some() {
                return false;
            }
            line.is_empty()
                || is_upper(line)
                || f.starts_with("so:")
                || f.starts_with("can cu")
                || f.contains("ngay ") && f.contains(" thang ") && f.contains(" nam ")
                || (kind.is_some_and(|k| i == k + 1)
                    && line.chars().count() <= 100
                    && !line.ends_with(':'))
        });
        if !header {
            break;
        }
        i += 1;
    }
    i
}
