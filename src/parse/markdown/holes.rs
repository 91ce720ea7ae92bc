//! The holes in a body's HTML: markers written where a heading id or an internal link target
//! will go, and the cut of the finished HTML into [`Part`]s at those markers.

use std::borrow::Cow;

use super::body::Part;

/// Opens a hole in generated HTML. U+FDD0/U+FDD1 are Unicode noncharacters: never text, and
/// removed from every input before parsing, so they cannot clash with content.
const HOLE_OPEN: char = '\u{FDD0}';
const HOLE_CLOSE: char = '\u{FDD1}';

/// `body` without any marker character, each replaced by U+FFFD: an author cannot forge a
/// hole. Same UTF-8 length (3 bytes), so positions stay right.
pub(super) fn without_markers(body: &str) -> Cow<'_, str> {
    if body.contains([HOLE_OPEN, HOLE_CLOSE]) {
        Cow::Owned(body.replace([HOLE_OPEN, HOLE_CLOSE], "\u{FFFD}"))
    } else {
        Cow::Borrowed(body)
    }
}

/// The hole for the target of `links[i]`, cut out as [`Part::Link`].
pub(super) fn link(i: usize) -> String {
    marker('L', i)
}

/// The hole for the id of `headings[i]`, cut out as [`Part::HeadingId`].
pub(super) fn heading_id(i: usize) -> String {
    marker('H', i)
}

fn marker(kind: char, index: usize) -> String {
    format!("{HOLE_OPEN}{kind}{index}{HOLE_CLOSE}")
}

/// Cuts generated HTML at the hole markers.
pub(super) fn split_holes(html: &str) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find(HOLE_OPEN) {
        let after = &rest[open + HOLE_OPEN.len_utf8()..];
        let Some(close) = after.find(HOLE_CLOSE) else {
            break;
        };
        if open > 0 {
            parts.push(Part::Html(rest[..open].to_owned()));
        }
        let marker = &after[..close];
        let index = marker.get(1..).and_then(|n| n.parse().ok());
        match (marker.chars().next(), index) {
            (Some('L'), Some(i)) => parts.push(Part::Link(i)),
            (Some('H'), Some(i)) => parts.push(Part::HeadingId(i)),
            _ => parts.push(Part::Html(marker.to_owned())),
        }
        rest = &after[close + HOLE_CLOSE.len_utf8()..];
    }
    if !rest.is_empty() {
        parts.push(Part::Html(rest.to_owned()));
    }
    parts
}
