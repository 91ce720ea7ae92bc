//! Pages of text extracted from a PDF (`pdftotext`, with or without `-layout`): a form feed
//! ends a page, and what the printer put on every page — the page number, a running header or
//! footer — is not part of the document.

/// The lines of `text`, form feeds taken out, and the page furniture blanked: a line that is
/// only a page number at the top or bottom of a page, and a line repeated at the top (or at
/// the bottom) of three or more pages. A running header on the first page is kept there, where
/// it is part of the document's head. Lines keep their places, so line numbers stay those of
/// the file. Text without form feeds is returned as it is.
pub(super) fn lines(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.lines().collect();
    let mut starts = vec![0];
    for (i, line) in lines.iter_mut().enumerate() {
        if !line.contains('\u{c}') {
            continue;
        }
        let at = if line.trim_start_matches([' ', '\t']).starts_with('\u{c}') {
            i
        } else {
            i + 1
        };
        if at > 0 && starts.last() != Some(&at) {
            starts.push(at);
        }
        *line = line.trim_matches(|c: char| c == '\u{c}' || c == ' ' || c == '\t');
        if line.contains('\u{c}') {
            *line = "";
        }
    }
    if starts.len() < 2 {
        return lines;
    }
    let pages: Vec<(usize, usize)> = starts
        .iter()
        .zip(starts.iter().skip(1).chain([&lines.len()]))
        .map(|(&a, &b)| (a, b))
        .filter(|(a, b)| a < b)
        .collect();
    let heads = repeated(&lines, &pages, Edge::Top);
    let feet = repeated(&lines, &pages, Edge::Bottom);
    for (n, &(start, end)) in pages.iter().enumerate() {
        for edge in [Edge::Top, Edge::Bottom] {
            let runs = if edge == Edge::Top { &heads } else { &feet };
            for i in edge_lines(&lines, start, end, edge) {
                let number = is_page_number(lines[i]) && !(n == 0 && edge == Edge::Top);
                let running = runs.contains(&key(lines[i])) && !(n == 0 && edge == Edge::Top);
                if !(number || running) {
                    break;
                }
                lines[i] = "";
            }
        }
    }
    lines
}

#[derive(Clone, Copy, PartialEq)]
enum Edge {
    Top,
    Bottom,
}

/// How many lines at a page's edge can be furniture (a footer line and a page number).
const EDGE_LINES: usize = 3;

/// The indices of the first (or last) non-blank lines of the page `start..end`, from the edge
/// inwards.
fn edge_lines(lines: &[&str], start: usize, end: usize, edge: Edge) -> Vec<usize> {
    let filled = |&i: &usize| !lines[i].trim().is_empty();
    match edge {
        Edge::Top => (start..end).filter(filled).take(EDGE_LINES).collect(),
        Edge::Bottom => (start..end).rev().filter(filled).take(EDGE_LINES).collect(),
    }
}

/// The keys of the lines found at the `edge` of three or more pages.
fn repeated(lines: &[&str], pages: &[(usize, usize)], edge: Edge) -> Vec<String> {
    let mut seen: Vec<(String, usize)> = Vec::new();
    for &(start, end) in pages {
        let mut on_page: Vec<String> = edge_lines(lines, start, end, edge)
            .into_iter()
            .map(|i| key(lines[i]))
            .filter(|k| k.chars().count() <= 100)
            .collect();
        on_page.dedup();
        for k in on_page {
            match seen.iter_mut().find(|(s, _)| *s == k) {
                Some((_, n)) => *n += 1,
                None => seen.push((k, 1)),
            }
        }
    }
    seen.into_iter()
        .filter(|(_, n)| *n >= 3)
        .map(|(k, _)| k)
        .collect()
}

/// A line as running headers are compared: spaces collapsed, lower case, every digit the
/// same (a footer carries its page number: "Kế hoạch năm học – trang 3").
fn key(line: &str) -> String {
    let words: Vec<&str> = line.split_whitespace().collect();
    words
        .join(" ")
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Whether `line` is only a page number: "3", "- 3 -", "Trang 3", "Trang 3/12", "3/12",
/// "Page 3 of 12".
pub(super) fn is_page_number(line: &str) -> bool {
    let mut s = line.trim();
    let dashes = ['-', '–', '—'];
    if let Some(inner) = s.strip_prefix(dashes).and_then(|r| r.strip_suffix(dashes)) {
        s = inner.trim();
    }
    let lower = s.to_lowercase();
    let s = ["trang ", "page "]
        .iter()
        .find_map(|w| lower.strip_prefix(w))
        .unwrap_or(&lower)
        .trim();
    let number = |t: &str| {
        let t = t.trim();
        (1..=3).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
    };
    if number(s) {
        return true;
    }
    for sep in ["/", " of ", " của ", " trên "] {
        if let Some((page, of)) = s.split_once(sep)
            && number(page)
            && number(of)
        {
            let n = |t: &str| t.trim().parse::<u32>().unwrap_or(0);
            return n(page) <= n(of);
        }
    }
    false
}
