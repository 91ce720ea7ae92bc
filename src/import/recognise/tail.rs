//! The tail of a plan: the closing ("Trên đây là …"), "Nơi nhận" with the recipients and
//! their purpose, and the signature (on whose behalf, title, name), in whichever order and
//! side by side as extraction left them.

use std::sync::LazyLock;

use regex::Regex;

use super::lines::{Paragraphs, lines, pieces};
use super::model::Draft;
use super::words::{is_decoration, is_upper, nfc, re, short};
use crate::import::doc::Block;
use crate::parse::meta::RecipientMeta;

static SIGN_ON_BEHALF: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:(?:T/M|TM|KT|T\.M)(?:\.\s*|\s+)|(?:Q|TL|TUQ)\.\s*)\S"));

#[cfg(test)]
pub(super) fn patterns() -> Vec<&'static Regex> {
    vec![&SIGN_ON_BEHALF]
}

/// Titles a signature is made of, in capitals on a line of their own ("DUYỆT CỦA BAN GIÁM
/// HIỆU", "TỔNG PHỤ TRÁCH ĐỘI", "HIỆU TRƯỞNG").
const SIGNATURE_TITLES: [&str; 10] = [
    "DUYỆT",
    "HIỆU TRƯỞNG",
    "BÍ THƯ",
    "CHỦ TỊCH",
    "TỔNG PHỤ TRÁCH",
    "TRƯỞNG BAN",
    "GIÁM ĐỐC",
    "NGƯỜI LẬP",
    "TRƯỞNG PHÒNG",
    "TỔ TRƯỞNG",
];

/// A line that can only be the signature: a short line in capitals naming a signer's title.
fn signature_title(line: &str) -> bool {
    is_upper(line)
        && line.chars().count() <= 60
        && SIGNATURE_TITLES.iter().any(|t| {
            line.starts_with(t)
                || line.starts_with(&format!("KT. {t}"))
                || line.contains(&format!(" {t}"))
        })
}

/// Where the tail starts: the first block after `from` (the last part's heading) that opens
/// the closing, the recipients or the signature; without parts (`all`), from `from` itself.
pub(super) fn start(blocks: &[Block], from: usize, all: bool) -> usize {
    let opens = |line: &str| {
        let l = nfc(line.trim());
        l.starts_with("Trên đây")
            || l.starts_with("Nơi nhận")
            || SIGN_ON_BEHALF.is_match(&l)
            || l.lines().next().is_some_and(signature_title)
    };
    blocks
        .iter()
        .enumerate()
        .skip(if all { from } else { from + 1 })
        .find(|(_, b)| match b {
            Block::Para(p) => p.bullet.is_none() && opens(&p.plain),
            Block::Table(t) => t
                .rows
                .iter()
                .flatten()
                .flat_map(|c| &c.paras)
                .any(|p| opens(&p.plain)),
        })
        .map_or(blocks.len(), |(i, _)| i)
}

/// Reads the tail; returns the block where text goes on after the signature (an appendix:
/// "PHỤ LỤC", a table attached to the plan), which is not the tail's to read.
pub(super) fn read(plan: &mut Draft, blocks: &[Block]) -> Option<usize> {
    #[derive(PartialEq, Clone, Copy)]
    enum State {
        Closing,
        Recipients,
        Signer,
    }
    let mut state = State::Closing;
    let mut closing = Paragraphs::default();
    let mut closing_at = None;
    let mut recipients_at = None;
    let mut signer_at = None;
    let mut appendix = None;
    let mut name_block = None;
    for line in lines(blocks).into_iter().flat_map(pieces) {
        let plain = line.plain.as_str();
        if plain.is_empty() || is_decoration(plain) {
            continue;
        }
        if let Some(rest) = plain.strip_prefix("Nơi nhận") {
            state = State::Recipients;
            recipients_at = Some(line.at);
            let rest = rest.trim_start_matches([':', ' ']);
            if !rest.is_empty() {
                recipient(plan, rest);
            }
            continue;
        }
        let signature_starts = SIGN_ON_BEHALF.is_match(plain)
            || signature_title(plain)
            // A title in capitals after the closing ("HIỆU TRƯỞNG"): the closing is prose.
            || (state == State::Closing
                && !closing.0.is_empty()
                && is_upper(plain)
                && plain.chars().count() <= 60
                && !line.bullet)
            || (state == State::Recipients
                && is_upper(plain)
                && !line.bullet
                && !plain.starts_with('-'));
        if state != State::Signer && signature_starts {
            state = State::Signer;
            signer_at = Some(line.at);
            if SIGN_ON_BEHALF.is_match(plain) {
                plan.signer.on_behalf = Some(plain.to_string());
            } else {
                plan.signer.title = Some(plain.to_string());
            }
            continue;
        }
        // Recipients and signature side by side, their lines interleaved by extraction.
        let listed = line.bullet || plain.starts_with(['-', '+', '•', '–']);
        if state == State::Signer && recipients_at.is_some() && listed {
            recipient(plan, plain);
            continue;
        }
        match state {
            State::Closing => {
                closing_at.get_or_insert(line.at);
                closing.push(&line);
            }
            State::Recipients
                if signer_at.is_some()
                    && plan.signer.name.is_none()
                    && !listed
                    && !(plain.starts_with('(') && plain.ends_with(')')) =>
            {
                // The signature came first, then "Nơi nhận"; this is the signer's name.
                plan.signer.name = Some(plain.to_string());
            }
            State::Recipients => recipient(plan, plain),
            State::Signer => {
                if plain.starts_with('(') && plain.ends_with(')') {
                    continue; // "(Đã ký)", "(ký, ghi rõ họ tên)"
                }
                if is_upper(plain) && plan.signer.title.is_none() {
                    plan.signer.title = Some(plain.to_string());
                } else if is_upper(plain)
                    && plan.signer.name.is_none()
                    && plan.signer.title.is_some()
                    && plain.split_whitespace().count() <= 1
                {
                    plan.signer.title = Some(format!(
                        "{} {plain}",
                        plan.signer.title.take().unwrap_or_default()
                    ));
                } else if plan.signer.name.is_none() {
                    plan.signer.name = Some(plain.to_string());
                    name_block = Some(line.block);
                } else if name_block == Some(line.block) {
                    plan.problem(
                        Some(line.at),
                        format!(
                            "not recognised after the signature, left out: “{}”",
                            short(plain)
                        ),
                        None,
                    );
                } else {
                    appendix = Some(line.block);
                    break;
                }
            }
        }
    }
    let closing = closing.0;
    if closing.is_empty() {
        plan.problem(None, "no closing paragraph found (“Trên đây là …”)", None);
    } else {
        plan.found
            .push((closing_at.unwrap_or(0), "closing".to_string()));
        // A closing cut into lines by the head/tail line split is one paragraph per line.
        plan.closing = Some(closing.join("\n\n"));
    }
    match recipients_at {
        Some(at) => plan
            .found
            .push((at, format!("{} recipient(s)", plan.recipients.len()))),
        None => plan.problem(None, "no “Nơi nhận” (recipients) found", None),
    }
    match (signer_at, &plan.signer.name) {
        (Some(at), Some(name)) => plan.found.push((at, format!("signer {name}"))),
        (Some(at), None) => plan.problem(
            Some(at),
            "no signer name found under the signature: signer left out",
            Some("add [signer] with on_behalf, title and name to the plan's _index.md"),
        ),
        (None, _) => plan.problem(
            None,
            "no signer found (“T/M …”, title and name)",
            Some("add [signer] with on_behalf, title and name to the plan's _index.md"),
        ),
    }
    appendix
}

pub(super) fn recipient(plan: &mut Draft, line: &str) {
    // "Như trên; Lưu VT." — several on one line.
    let parts: Vec<&str> = line.split(';').filter(|p| !p.trim().is_empty()).collect();
    if parts.len() > 1 {
        for part in parts {
            recipient(plan, part);
        }
        return;
    }
    let l = line
        .trim_start_matches(['-', '+', '•', '–', '*'])
        .trim()
        .trim_end_matches([';', ',', '.'])
        .trim();
    if l.is_empty() {
        return;
    }
    if let Some(open) = l.rfind('(')
        && l.ends_with(')')
    {
        let name = l[..open].trim().to_string();
        let purpose = l[open + 1..l.len() - 1].trim().to_string();
        if !name.is_empty() {
            plan.recipients.push(RecipientMeta {
                name,
                purpose: (!purpose.is_empty()).then_some(purpose),
            });
            return;
        }
    }
    plan.recipients.push(RecipientMeta {
        name: l.to_string(),
        purpose: None,
    });
}
