//! The XML walker every part is read with (a streaming reader, no recursion) and the
//! helpers for the attributes of WordprocessingML elements.

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

/// What [`walk`] reports: an element opens (an empty element opens and closes at once), the
/// innermost open element closes, or text (entities resolved).
pub(super) enum Ev<'e> {
    Open(&'e BytesStart<'e>),
    Close,
    Text(&'e str),
}

/// Why [`walk`] stopped.
pub(super) enum XmlFail {
    /// The XML is not well-formed.
    Malformed(String),
    /// The handler stopped (a limit was reached).
    Stopped(String),
}

/// Reads `xml` from start to end, calling `on` for each element and piece of text; checks
/// that the XML is well-formed.
pub(super) fn walk(
    xml: &str,
    mut on: impl FnMut(Ev<'_>) -> Result<(), String>,
) -> Result<(), XmlFail> {
    let mut reader = Reader::from_str(xml);
    let mut depth = 0usize;
    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                return Err(XmlFail::Malformed(format!(
                    "{e} (at byte {})",
                    reader.error_position()
                )));
            }
        };
        let result = match event {
            Event::Start(e) => {
                depth += 1;
                on(Ev::Open(&e))
            }
            Event::Empty(e) => on(Ev::Open(&e)).and_then(|()| on(Ev::Close)),
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                on(Ev::Close)
            }
            Event::Text(t) => on(Ev::Text(&t.xml10_content())),
            Event::CData(t) => on(Ev::Text(&t.xml10_content())),
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match r.as_ref() {
                        "amp" => "&".to_string(),
                        "lt" => "<".to_string(),
                        "gt" => ">".to_string(),
                        "quot" => "\"".to_string(),
                        "apos" => "'".to_string(),
                        other => {
                            return Err(XmlFail::Malformed(format!(
                                "unknown entity &{other}; (at byte {})",
                                reader.buffer_position()
                            )));
                        }
                    },
                    Err(e) => {
                        return Err(XmlFail::Malformed(format!(
                            "{e} (at byte {})",
                            reader.buffer_position()
                        )));
                    }
                };
                on(Ev::Text(&text))
            }
            Event::Eof => break,
            _ => Ok(()),
        };
        result.map_err(XmlFail::Stopped)?;
    }
    if depth > 0 {
        return Err(XmlFail::Malformed(
            "the XML ends before all its elements are closed".to_string(),
        ));
    }
    Ok(())
}

/// The value of the attribute with the local name `local` (any prefix).
pub(super) fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// The `w:val` attribute.
pub(super) fn val(e: &BytesStart<'_>) -> Option<String> {
    attr(e, "val")
}

/// An on/off property (`<w:b/>`, `<w:b w:val="0"/>`): on unless its value says off.
pub(super) fn on_off(e: &BytesStart<'_>) -> bool {
    !matches!(
        val(e).as_deref().map(str::trim),
        Some("0" | "false" | "off" | "none")
    )
}

/// A small number attribute (`w:val`), e.g. a list level.
pub(super) fn val_number(e: &BytesStart<'_>) -> Option<u32> {
    val(e).and_then(|v| v.trim().parse().ok())
}

/// Whether an on/off attribute value is on.
pub(super) fn on_off_str(v: &str) -> bool {
    !matches!(v.trim(), "0" | "false" | "off" | "none")
}
