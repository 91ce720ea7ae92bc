//! The head of a plan, before its first part: the issuer's lines, "Số: …", the motto, the
//! place and date, the kind ("KẾ HOẠCH") and subject, then the preamble.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::lines::{Line, NUMBER, Paragraphs, lines, pieces};
use super::model::Draft;
use super::words::{KINDS, is_decoration, is_upper, re, short};
use crate::import::doc::Block;
use crate::parse::meta::IssuerMeta;

static PLACE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(.*?)[,\s]*\bngày\s*(\d{1,2}|[.…_ ]+)\s+tháng\s+(\d{1,2}|[.…_ ]+)\s+năm\s+(\d{4})\s*\.?$",
    )
});

#[cfg(test)]
pub(super) fn patterns() -> Vec<&'static Regex> {
    vec![&NUMBER, &PLACE_DATE]
}

/// The rest of `line` after `kind` ("KẾ HOẠCH"), when the line starts with that kind in
/// capitals followed by a space or nothing. The line's characters are upper-cased one by one
/// to match the kind's, so a character whose capital is of another length or has a combining
/// mark ("ẖ" is "H̱") is compared, never cut in two.
pub(super) fn after_kind<'a>(line: &'a str, kind: &str) -> Option<&'a str> {
    kind_at_start(line, kind, true)
}

/// The kind a line starts with and the rest of the line.
pub(super) fn kind_of(plain: &str, capitals: bool) -> Option<(&'static str, &str)> {
    KINDS
        .iter()
        .find_map(|k| kind_at_start(plain, k, capitals).map(|rest| (*k, rest)))
}

/// [`after_kind`], or with `capitals` false a title in sentence case ("Kế hoạch công tác đội
/// tháng 09 năm 2013", as web pages write it): a short line that is no sentence.
fn kind_at_start<'a>(line: &'a str, kind: &str, capitals: bool) -> Option<&'a str> {
    if !capitals
        && (line.chars().count() > 120
            || line.ends_with(['.', ';', ':', ','])
            || line.contains(". "))
    {
        return None;
    }
    let mut upper = String::with_capacity(kind.len());
    for (i, c) in line.char_indices() {
        upper.extend(c.to_uppercase());
        if !kind.starts_with(upper.as_str()) {
            return None;
        }
        if upper.len() == kind.len() {
            let (head, rest) = line.split_at(i + c.len_utf8());
            let written = is_upper(head) || (!capitals && head.starts_with(char::is_uppercase));
            return (written && (rest.is_empty() || rest.starts_with(' '))).then_some(rest);
        }
    }
    None
}

/// The mottos at the top right of a document: the Party's, the State's, and those of the
/// Youth Union and the Young Pioneers ("ĐOÀN TNCS HỒ CHÍ MINH", "ĐỘI TNTP HỒ CHÍ MINH").
pub(super) fn is_motto(line: &str) -> bool {
    let upper = line.to_uppercase();
    let organisations = [
        "ĐOÀN TNCS HỒ CHÍ MINH",
        "ĐOÀN THANH NIÊN CỘNG SẢN HỒ CHÍ MINH",
        "ĐỘI TNTP HỒ CHÍ MINH",
        "ĐỘI THIẾU NIÊN TIỀN PHONG HỒ CHÍ MINH",
    ];
    organisations.contains(&upper.trim())
        || upper == "ĐẢNG CỘNG SẢN VIỆT NAM"
        || upper.starts_with("CỘNG HÒA XÃ HỘI CHỦ NGHĨA")
        || upper.starts_with("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA")
        || upper.replace(' ', "").replace(['–', '—'], "-") == "ĐỘCLẬP-TỰDO-HẠNHPHÚC"
}

pub(super) fn read(plan: &mut Draft, blocks: &[Block]) {
    #[derive(PartialEq)]
    enum State {
        Top,
        Subject,
        Preamble,
    }
    let mut state = State::Top;
    let mut issuer: Vec<(usize, String)> = Vec::new();
    let mut subject: Vec<String> = Vec::new();
    let mut kind_para: Option<usize> = None;
    let mut kind_at = 0;
    let mut intro = Paragraphs::default();
    let all: Vec<Line> = lines(blocks).into_iter().flat_map(pieces).collect();
    // Text before the kind line (a web page's blurb, a stray line) does not end the header.
    // The kind in capitals; else, in a head that has none, a title in sentence case.
    let capitals = all
        .iter()
        .any(|l| KINDS.iter().any(|k| after_kind(&l.plain, k).is_some()));
    // A title in sentence case counts only among the first lines.
    let loose = |n: usize| capitals || n < 8;
    let kind_line = all
        .iter()
        .enumerate()
        .position(|(n, l)| loose(n) && kind_of(&l.plain, capitals).is_some());
    for (n, line) in all.into_iter().enumerate() {
        let b = line.block;
        let plain = line.plain.as_str();
        if plain.is_empty() || (state != State::Preamble && is_decoration(plain)) {
            continue;
        }
        if state != State::Preamble {
            if let Some(c) = NUMBER.captures(plain) {
                let raw = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str());
                plan.number = Some(normalise_number(raw));
                plan.found
                    .push((line.at, format!("number {}", normalise_number(raw))));
                continue;
            }
            if let Some(c) = PLACE_DATE.captures(plain) {
                place_date(plan, &c, line.at);
                continue;
            }
            if is_motto(plain) {
                plan.motto.push(plain.to_string());
                continue;
            }
        }
        match state {
            State::Top => {
                if let Some((kind, rest)) = kind_of(plain, capitals).filter(|_| loose(n)) {
                    plan.kind = Some(kind.to_string());
                    kind_at = line.at;
                    plan.found.push((line.at, format!("kind {kind}")));
                    let rest = rest.trim();
                    if !rest.is_empty() {
                        subject.push(rest.to_string());
                    }
                    kind_para = Some(b);
                    state = State::Subject;
                } else if is_upper(plain) && plan.kind.is_none() && !plain.starts_with("CĂN CỨ")
                {
                    issuer.push((line.at, plain.to_string()));
                } else {
                    if kind_line.is_none_or(|k| k < n) {
                        state = State::Preamble;
                    }
                    intro.push(&line);
                    if !plain.starts_with("Căn cứ") {
                        plan.problem(
                            Some(line.at),
                            format!(
                                "not recognised, kept at the start of the plan: “{}”",
                                short(plain)
                            ),
                            Some("edit the plan's _index.md if this belongs elsewhere"),
                        );
                    }
                }
            }
            State::Subject => {
                let same_para = kind_para == Some(b);
                let looks = is_upper(plain) || line.bold;
                // The subject's first line may stand alone in sentence case ("Thực hiện
                // nhiệm vụ năm học 2023-2024"); more lines in capitals continue it.
                let first = subject.is_empty()
                    && (looks
                        || (plain.chars().count() <= 100 && !plain.ends_with([':', '.', ';'])));
                // A subject in capitals goes on in capitals; one in sentence case is not followed by
                // the issuer's lines that a web page repeats below it.
                let more = subject.last().is_some_and(|l| is_upper(l)) && is_upper(plain);
                if ((same_para && (subject.is_empty() || is_upper(plain))) || first || more)
                    && !plain.starts_with("Căn cứ")
                {
                    subject.push(plain.to_string());
                } else {
                    state = State::Preamble;
                    intro.push(&line);
                }
            }
            State::Preamble => intro.push(&line),
        }
    }
    let intro_at = intro.2;
    plan.intro = intro.0;
    // Issuer: the last capitals line before the kind names the issuer, the one before it (if
    // any) the body above it.
    if let Some((at, name)) = issuer.pop() {
        let parent = (!issuer.is_empty()).then(|| {
            issuer
                .iter()
                .map(|(_, l)| l.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        });
        plan.found
            .push((issuer.first().map_or(at, |i| i.0), format!("issuer {name}")));
        plan.issuer = Some(IssuerMeta { parent, name });
    } else {
        plan.problem(
            None,
            "no issuer found (the lines above the number, e.g. CHI BỘ …)",
            Some("add [issuer] with name (and parent) to the plan's _index.md"),
        );
    }
    if !subject.is_empty() {
        let s = subject.join(" ");
        plan.found.push((kind_at, format!("subject {s}")));
        plan.subject = Some(s);
    }
    if plan.kind.is_none() {
        plan.problem(
            None,
            "no kind and subject found (a line such as KẾ HOẠCH … in capitals)",
            Some("set kind and subject in the plan's _index.md"),
        );
    }
    if plan.number.is_none() {
        plan.problem(None, "no number found (a line “Số: …”)", None);
    }
    if plan.date.is_none() {
        plan.problem(
            None,
            "no date found (a line “…, ngày … tháng … năm …”)",
            Some("set date (YYYY-MM-DD) in the plan's _index.md"),
        );
    }
    if !plan.intro.is_empty() {
        plan.found.push((
            intro_at,
            format!("preamble ({} paragraph(s))", plan.intro.len()),
        ));
    }
}

/// "02 -KH/CBMN" → "02-KH/CBMN": the spaces text extraction put around - and /.
pub(super) fn normalise_number(raw: &str) -> String {
    let mut s = raw.trim().trim_end_matches(['.', ',']).to_string();
    for sep in ["-", "/"] {
        while s.contains(&format!(" {sep}")) {
            s = s.replace(&format!(" {sep}"), sep);
        }
        while s.contains(&format!("{sep} ")) {
            s = s.replace(&format!("{sep} "), sep);
        }
    }
    s
}

fn place_date(plan: &mut Draft, c: &regex::Captures<'_>, at: usize) {
    let place = c
        .get(1)
        .map_or("", |m| m.as_str())
        .trim()
        .trim_end_matches(',')
        .trim();
    if !place.is_empty() {
        plan.place = Some(place.to_string());
    }
    let num = |i| c.get(i).and_then(|m| m.as_str().trim().parse::<u32>().ok());
    let year = c.get(4).and_then(|m| m.as_str().parse::<i32>().ok());
    match (num(2), num(3), year) {
        (Some(d), Some(m), Some(y)) => match NaiveDate::from_ymd_opt(y, m, d) {
            Some(date) => {
                plan.date = Some(date);
                plan.found
                    .push((at, format!("place and date {place}, {date}")));
            }
            None => plan.problem(
                Some(at),
                format!("the date {d}/{m}/{y} does not exist: date left out"),
                Some("set date (YYYY-MM-DD) in the plan's _index.md"),
            ),
        },
        _ => plan.problem(
            Some(at),
            "the date line has no day or month filled in: date left out",
            Some("set date (YYYY-MM-DD) in the plan's _index.md"),
        ),
    }
}
