//! The blocks as the detectors read them: a paragraph that starts with a typed "- " is a list
//! item, and a paragraph whose later lines start with a month or a day is cut into one
//! paragraph per line.

use super::dates;
use super::months::month_line;
use super::words::nfc;
use crate::import::doc::{Block, Para};

/// The blocks with typed list markers made list items, and each paragraph whose later lines
/// start with a month or a day cut into
/// one paragraph per line (text copied from a page keeps "THỨ HAI (09/02/2026):" and the
/// lines under it in one paragraph with line breaks).
pub(super) fn split_labelled_lines(blocks: &[Block]) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        let Block::Para(p) = block else {
            out.push(block.clone());
            continue;
        };
        let p = &typed_bullet(p);
        let plains: Vec<&str> = p.plain.split('\n').collect();
        let texts: Vec<&str> = p.text.split("\\\n").collect();
        let labelled = plains.len() == texts.len()
            && plains.iter().skip(1).any(|l| {
                let l = nfc(l.trim());
                month_line(&l).is_some() || dates::leading(&l).is_some()
            });
        if !labelled {
            out.push(Block::Para(p.clone()));
            continue;
        }
        for (k, (plain, text)) in plains.iter().zip(texts).enumerate() {
            out.push(Block::Para(Para {
                at: p.at + k,
                text: text.trim().to_string(),
                plain: plain.trim().to_string(),
                bullet: if k == 0 { p.bullet } else { None },
                bold: p.bold,
                heading: if k == 0 { p.heading } else { None },
            }));
        }
    }
    out
}

/// A paragraph that starts with a typed "- ", "+ " or "• " (Word users type their lists) is a
/// list item, as it is in a text file.
fn typed_bullet(p: &Para) -> Para {
    if p.bullet.is_some() || p.heading.is_some() {
        return p.clone();
    }
    let marker = ["- ", "+ ", "• ", "– "]
        .into_iter()
        .find(|m| p.plain.starts_with(m));
    let Some(marker) = marker else {
        return p.clone();
    };
    let text = p.text.trim_start();
    let text = text
        .strip_prefix('\\')
        .unwrap_or(text)
        .strip_prefix(marker.trim_end())
        .map(str::trim_start);
    match text {
        Some(text) => Para {
            text: text.to_string(),
            plain: p.plain[marker.len()..].trim_start().to_string(),
            bullet: Some(0),
            ..p.clone()
        },
        None => p.clone(),
    }
}
