//! The lines of the head and the tail: paragraphs cut at their line breaks, table cells one
//! by one, and lines that text extraction ran together (two columns of the header side by
//! side) taken apart again; and paragraphs put back together from such lines.

use std::sync::LazyLock;

use regex::Regex;

use super::words::{nfc, re};
use crate::import::doc::{Block, Para};

/// "Số: 02-KH/CB", "Số 02-KH/CB", "Số:   /KH-CB" (not "Số lượng …").
pub(super) static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^số\s*(?::\s*(\S.*)|\s(\d.*))$"));

/// One line of the head or tail: its text, plain text, where, and whether it is a list item.
#[derive(Clone)]
pub(super) struct Line {
    /// The index of the block it came from.
    pub block: usize,
    pub at: usize,
    pub text: String,
    pub plain: String,
    pub bullet: bool,
    pub bold: bool,
}

/// The lines of blocks: paragraphs split at their line breaks, tables cell by cell.
pub(super) fn lines(blocks: &[Block]) -> Vec<Line> {
    let mut out = Vec::new();
    let mut push = |block: usize, p: &Para| {
        let texts: Vec<&str> = p.text.split("\\\n").collect();
        let plains: Vec<&str> = p.plain.split('\n').collect();
        for (k, plain) in plains.iter().enumerate() {
            let text = if texts.len() == plains.len() {
                texts[k]
            } else {
                plain
            };
            out.push(Line {
                block,
                at: p.at + k,
                text: text.trim().to_string(),
                plain: nfc(plain.trim()),
                bullet: p.bullet.is_some(),
                bold: p.bold,
            });
        }
    };
    for (b, block) in blocks.iter().enumerate() {
        match block {
            Block::Para(p) => push(b, p),
            Block::Table(t) => {
                for p in t.rows.iter().flatten().flat_map(|c| &c.paras) {
                    push(b, p);
                }
            }
        }
    }
    out
}

static COLUMNS: LazyLock<Regex> = LazyLock::new(|| re(r"\s{3,}|\t"));
static MOTTO_INSIDE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\s(ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG H[OÒ]A XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*[-–—]\s*Tự do\s*[-–—]\s*Hạnh phúc|ĐOÀN (?:TNCS|THANH NIÊN CỘNG SẢN) HỒ CHÍ MINH|ĐỘI (?:TNTP|THIẾU NIÊN TIỀN PHONG) HỒ CHÍ MINH)",
    )
});

/// A head or tail line cut into the pieces text extraction ran together: the two columns of
/// the header side by side ("CHI BỘ …      ĐẢNG CỘNG SẢN VIỆT NAM", "Số: 02-KH/CB Tiền
/// Cường, ngày …"), each piece a line of its own.
pub(super) fn pieces(line: Line) -> Vec<Line> {
    let mut parts: Vec<String> = COLUMNS
        .split(&line.plain)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    // The motto after the issuer on one line.
    parts = parts
        .into_iter()
        .flat_map(|p| match MOTTO_INSIDE.find(&p) {
            Some(m) if m.start() > 0 => {
                vec![
                    p[..m.start()].trim().to_string(),
                    p[m.start()..].trim().to_string(),
                ]
            }
            _ => vec![p],
        })
        .collect();
    // The number, then the place and date: the number is its first word and the words after
    // it without lower-case letters ("02 -KH/CBMN").
    parts = parts
        .into_iter()
        .flat_map(|p| {
            let Some(c) = NUMBER.captures(&p) else {
                return vec![p];
            };
            let Some(rest) = c.get(1).or_else(|| c.get(2)) else {
                return vec![p];
            };
            let words: Vec<&str> = rest.as_str().split_whitespace().collect();
            let keep = 1 + words[1..]
                .iter()
                .take_while(|w| !w.chars().any(char::is_lowercase))
                .count();
            if keep >= words.len() {
                return vec![p];
            }
            let head = &p[..rest.start()];
            vec![
                format!("{head}{}", words[..keep].join(" ")),
                words[keep..].join(" "),
            ]
        })
        .collect();
    if parts.len() <= 1 {
        return vec![line];
    }
    parts
        .into_iter()
        .enumerate()
        .map(|(k, plain)| Line {
            text: plain.clone(),
            plain,
            // Only the first piece is the list item the line started.
            bullet: line.bullet && k == 0,
            ..line.clone()
        })
        .collect()
}

/// Markdown paragraphs put back together from lines: lines of one block are one paragraph
/// again, with their line breaks.
#[derive(Default)]
pub(super) struct Paragraphs(pub Vec<String>, Option<usize>, pub usize);

impl Paragraphs {
    pub(super) fn push(&mut self, line: &Line) {
        match self.0.last_mut() {
            Some(last) if self.1 == Some(line.block) && !line.bullet => {
                last.push_str("\\\n");
                last.push_str(&line.text);
            }
            _ => self.0.push(para_markdown(line)),
        }
        if self.2 == 0 {
            self.2 = line.at;
        }
        self.1 = Some(line.block);
    }
}

fn para_markdown(line: &Line) -> String {
    if line.bullet {
        format!("- {}", line.text)
    } else {
        line.text.clone()
    }
}
