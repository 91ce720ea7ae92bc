//! The cells of text tables: a cell's text (HTML tags of a copied web table dropped, entities
//! decoded) into paragraphs, and the table a detector found.

use super::super::doc::{Cell, Para, Table};
use super::line::{inline, plain};

/// A table found in the lines, other than one of tab-separated rows.
pub(super) struct Found {
    /// Its first line (index into the lines).
    pub start: usize,
    /// The index of the first line after it.
    pub end: usize,
    /// The table.
    pub table: Table,
}

/// A cell of the paragraphs `parts` (each as a tab-separated cell's text), the first from
/// line `at`.
pub(super) fn cell_of(at: usize, parts: &[String], markdown: bool) -> Cell {
    Cell {
        paras: parts
            .iter()
            .flat_map(|p| cell(at, p, markdown).paras)
            .collect(),
        merged: false,
    }
}

/// One cell of a text table: HTML tags dropped (`<li>` and `<br>` start a new paragraph),
/// the common entities decoded.
pub(super) fn cell(at: usize, raw: &str, markdown: bool) -> Cell {
    let mut parts: Vec<String> = vec![String::new()];
    let mut rest = raw;
    while let Some(open) = rest.find('<') {
        let (before, tag) = rest.split_at(open);
        if let Some(last) = parts.last_mut() {
            last.push_str(before);
        }
        match tag.find('>') {
            Some(close) => {
                let name = tag[1..close]
                    .trim_start_matches('/')
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                if matches!(name.as_str(), "li" | "br" | "p" | "div" | "tr") {
                    parts.push(String::new());
                } else if !matches!(
                    name.as_str(),
                    "ul" | "ol" | "span" | "b" | "i" | "strong" | "em" | "u" | "font" | "td"
                ) {
                    // Not a tag we know: keep the text as it was.
                    if let Some(last) = parts.last_mut() {
                        last.push_str(&tag[..=close]);
                    }
                }
                rest = &tag[close + 1..];
            }
            None => {
                if let Some(last) = parts.last_mut() {
                    last.push_str(tag);
                }
                rest = "";
            }
        }
    }
    if let Some(last) = parts.last_mut() {
        last.push_str(rest);
    }
    let paras = parts
        .iter()
        .map(|p| entities(p.trim()))
        .filter(|p| !p.is_empty())
        .map(|p| Para {
            at,
            text: inline(&p, markdown).replace('|', "\\|"),
            plain: plain(&p),
            ..Para::default()
        })
        .collect();
    Cell {
        paras,
        merged: false,
    }
}

fn entities(s: &str) -> String {
    s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
