//! Lines into paragraphs: the lines of one paragraph joined back together, tables read where
//! their rows start.

use super::super::doc::{Block, Para};
use super::line::{Line, classify, inline, plain, starts_lower};
use super::table::table;

/// Whether `line` starts a paragraph of its own even without a blank line before it: a
/// numbered heading ("1. …", "a) …", "II. …") or a month label.
fn starts_block(line: &str) -> bool {
    line.starts_with("* ")
        || line.starts_with("***")
        || crate::import::recognise::is_numbered_start(line)
}

pub(super) fn blocks(text: &str, markdown: bool) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    // The paragraph being built, and whether a blank line came after it.
    let mut open: Option<Para> = None;
    let mut gap = false;
    let lines = super::pages::lines(text);
    let width = wrap_width(&lines);
    // Text with (almost) no blank lines writes one paragraph per line (Word's "Save as Plain
    // Text"): a line that neither continues in lower case nor was cut at the wrap width
    // starts a paragraph of its own rather than a line break inside the one before.
    let blank = lines.iter().filter(|l| l.trim().is_empty()).count();
    let dense = lines.len() - blank >= 8 && blank * 20 < lines.len() - blank;
    let mut found = super::table::found(&lines, markdown).into_iter().peekable();
    let mut i = 0;
    while i < lines.len() {
        let at = i + 1;
        while found.next_if(|f| f.start < i).is_some() {}
        if let Some(f) = found.next_if(|f| f.start == i) {
            flush(&mut out, &mut open);
            out.push(Block::Table(f.table));
            i = f.end;
            gap = true;
            continue;
        }
        let line = match classify(lines[i]) {
            // In Markdown, `* ` is a list item; in text it is the "*" marker of the wording.
            Line::Text(t) if markdown => t
                .strip_prefix("* ")
                .map_or(Line::Text(t), |r| Line::Item(0, r.trim_start())),
            line => line,
        };
        match line {
            Line::Blank => gap = true,
            Line::Row(_) => {
                flush(&mut out, &mut open);
                let (table, next) = table(&lines, i, markdown);
                out.push(Block::Table(table));
                i = next;
                gap = true;
                continue;
            }
            Line::Item(level, rest) => {
                flush(&mut out, &mut open);
                let level = if level == 1
                    && !matches!(out.last(), Some(Block::Para(p)) if p.bullet.is_some())
                {
                    0
                } else {
                    level
                };
                open = Some(para(at, rest, Some(level), markdown));
                gap = false;
            }
            Line::Text(t) => {
                let continues = starts_lower(t) && !starts_block(t);
                if let Some(p) = open.as_mut() {
                    // A heading ("2. Yêu cầu") is a paragraph of its own line.
                    let after_heading = !p.plain.contains('\n')
                        && crate::import::recognise::is_numbered_start(&p.plain);
                    let cut = i > 0 && wrapped(lines[i - 1], width);
                    if continues {
                        join(p, t, " ", markdown);
                    } else if !gap && !starts_block(t) && !after_heading && (cut || !dense) {
                        join(p, t, if cut { " " } else { "\\\n" }, markdown);
                    } else {
                        flush(&mut out, &mut open);
                        open = Some(para(at, t, None, markdown));
                    }
                } else if let Some(Block::Para(p)) = out.last_mut().filter(|_| continues) {
                    // A paragraph cut by a page break: back into the last one.
                    join(p, t, " ", markdown);
                } else {
                    open = Some(para(at, t, None, markdown));
                }
                gap = false;
            }
        }
        if gap {
            flush(&mut out, &mut open);
        }
        i += 1;
    }
    flush(&mut out, &mut open);
    out
}

/// The width the text was wrapped at when it was extracted, if it was: the typical length of
/// a line that the next line continues in lower case (at least five such lines).
fn wrap_width(lines: &[&str]) -> Option<usize> {
    let mut lengths: Vec<usize> = lines
        .windows(2)
        .filter(|w| {
            matches!(classify(w[1]), Line::Text(t) if starts_lower(t))
                && !matches!(classify(w[0]), Line::Blank | Line::Row(_))
        })
        .map(|w| w[0].trim().chars().count())
        .collect();
    if lengths.len() < 5 {
        return None;
    }
    lengths.sort_unstable();
    Some(lengths[lengths.len() / 2])
}

/// Whether `line` was cut by the extraction's wrapping rather than ended by the author: it
/// is about as long as the wrap width and does not end a sentence.
fn wrapped(line: &str, width: Option<usize>) -> bool {
    let line = line.trim();
    let Some(width) = width else { return false };
    line.chars().count() * 10 >= width * 9 && !line.ends_with(['.', ':', '!', '?', '*'])
}

fn flush(out: &mut Vec<Block>, open: &mut Option<Para>) {
    if let Some(mut p) = open.take() {
        p.bold = p.bullet.is_none() && is_bold(&p.text);
        out.push(Block::Para(p));
    }
}

fn join(p: &mut Para, line: &str, sep: &str, markdown: bool) {
    p.text.push_str(sep);
    if sep == " " || markdown {
        p.text.push_str(&inline(line, markdown));
    } else {
        // After a line break the line starts a Markdown line: "# …" or "1. …" must stay text.
        p.text.push_str(&start_escaped(line).0);
    }
    p.plain.push_str(if sep == " " { " " } else { "\n" });
    p.plain.push_str(&plain(line));
}

fn para(at: usize, line: &str, bullet: Option<u8>, markdown: bool) -> Para {
    let (text, plain_text) = if bullet.is_none() && !markdown {
        start_escaped(line)
    } else {
        (inline(line, markdown), plain(line))
    };
    let heading = markdown
        .then(|| {
            let hashes = line.bytes().take_while(|&b| b == b'#').count();
            (hashes > 0 && hashes <= 6 && line[hashes..].starts_with(' ')).then_some(hashes as u8)
        })
        .flatten();
    let (text, plain_text) = match heading {
        Some(n) => {
            let rest = line[n as usize..].trim();
            (inline(rest, markdown), plain(rest))
        }
        None => (text, plain_text),
    };
    Para {
        at,
        bold: false,
        text,
        plain: plain_text,
        bullet,
        heading,
    }
}

/// The start of a plain-text paragraph made safe for Markdown: a leading `* ` (with `***x**`,
/// the marker followed by bold text) is the marker character, a leading `1.` is wording.
fn start_escaped(line: &str) -> (String, String) {
    if let Some(rest) = line.strip_prefix("***").filter(|r| !r.starts_with('*')) {
        let rest = rest.trim_start();
        return (
            format!("\\* **{}", inline(rest, false)),
            format!("* {}", plain(rest)),
        );
    }
    if let Some(rest) = line.strip_prefix("* ") {
        return (
            format!("\\* {}", inline(rest.trim_start(), false)),
            format!("* {}", plain(rest.trim_start())),
        );
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits <= 9 {
        let rest = &line[digits..];
        if let Some(r) = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')'))
            && (r.is_empty() || r.starts_with(' '))
        {
            let sep = &rest[..1];
            return (
                format!("{}\\{sep}{}", &line[..digits], inline(r, false)),
                plain(line),
            );
        }
    }
    for marker in ["#", "+", ">", "="] {
        if line.starts_with(marker) {
            return (format!("\\{}", inline(line, false)), plain(line));
        }
    }
    (inline(line, false), plain(line))
}

/// Whether the whole line is one bold span (`**…**`).
fn is_bold(line: &str) -> bool {
    let l = line.trim();
    l.len() > 4 && l.starts_with("**") && l.ends_with("**") && !l[2..l.len() - 2].contains("**")
}
