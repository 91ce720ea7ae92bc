//! The styles part (styles.xml): character properties, heading levels and lists attached
//! to paragraph styles, followed along `w:basedOn` chains.

use std::collections::HashMap;

use quick_xml::events::BytesStart;

use super::xml::{Ev, XmlFail, attr, on_off, on_off_str, val, val_number, walk};

/// How many `w:basedOn` links are followed before a style chain is taken to be a loop.
const MAX_STYLE_CHAIN: usize = 32;

/// Character properties we use, each `None` when not set at that level.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Props {
    pub(super) bold: Option<bool>,
    pub(super) italic: Option<bool>,
    pub(super) caps: Option<bool>,
    pub(super) hidden: Option<bool>,
}

impl Props {
    /// Sets the property named by the element `local`, if it is one of ours.
    pub(super) fn set(&mut self, local: &str, e: &BytesStart<'_>) {
        let value = Some(on_off(e));
        match local {
            "b" => self.bold = value,
            "i" => self.italic = value,
            "caps" => self.caps = value,
            "vanish" => self.hidden = value,
            _ => {}
        }
    }
}

/// One style of styles.xml.
#[derive(Debug, Clone, Default)]
pub(super) struct Style {
    /// The name, lower-cased ("heading 1", "title").
    name: String,
    based_on: Option<String>,
    pub(super) props: Props,
    pub(super) num_id: Option<u32>,
    pub(super) ilvl: Option<u32>,
    outline: Option<u32>,
}

impl Style {
    /// The heading level this style itself says (`Some(None)`: it says "not a heading"),
    /// or `None` when it leaves that to the style it is based on.
    pub(super) fn own_heading(&self, id: &str) -> Option<Option<u8>> {
        if let Some(level) = self.outline {
            return Some((level < 9).then(|| level as u8 + 1));
        }
        let level_of = |s: &str| -> Option<u8> {
            let rest = s.strip_prefix("heading")?.trim_start();
            let level: u8 = rest.parse().ok()?;
            (1..=9).contains(&level).then_some(level)
        };
        if let Some(level) = level_of(&self.name) {
            return Some(Some(level));
        }
        if self.name == "title" {
            return Some(Some(1));
        }
        level_of(&id.to_ascii_lowercase()).map(Some)
    }
}

/// The styles of a document.
#[derive(Debug, Default)]
pub(super) struct Styles {
    by_id: HashMap<String, Style>,
    /// The paragraph style used when a paragraph names none.
    pub(super) default_paragraph: Option<String>,
    /// The document's default character properties.
    pub(super) defaults: Props,
}

impl Styles {
    /// Reads styles.xml.
    pub(super) fn parse(xml: &str) -> Result<Styles, String> {
        let mut styles = Styles::default();
        let mut stack: Vec<String> = Vec::new();
        let mut skip = 0usize;
        let mut current: Option<(String, Style)> = None;
        let result = walk(xml, |ev| {
            match ev {
                Ev::Open(e) => {
                    if skip > 0 {
                        skip += 1;
                        return Ok(());
                    }
                    let local = e.local_name().as_ref().to_string();
                    if matches!(
                        local.as_str(),
                        "tblStylePr" | "pPrChange" | "rPrChange" | "tblPr" | "trPr" | "tcPr"
                    ) {
                        skip = 1;
                        return Ok(());
                    }
                    let parent = stack.last().map(String::as_str).unwrap_or("");
                    let grand = stack
                        .len()
                        .checked_sub(2)
                        .and_then(|i| stack.get(i))
                        .map(String::as_str)
                        .unwrap_or("");
                    match (local.as_str(), parent, grand) {
                        ("style", _, _) => {
                            let id = attr(e, "styleId").unwrap_or_default();
                            if attr(e, "type").as_deref() == Some("paragraph")
                                && attr(e, "default").is_some_and(|d| on_off_str(&d))
                            {
                                styles.default_paragraph = Some(id.clone());
                            }
                            current = Some((id, Style::default()));
                        }
                        ("name", "style", _) => {
                            if let Some((_, s)) = &mut current {
                                s.name = val(e).unwrap_or_default().trim().to_lowercase();
                            }
                        }
                        ("basedOn", "style", _) => {
                            if let Some((_, s)) = &mut current {
                                s.based_on = val(e);
                            }
                        }
                        ("outlineLvl", "pPr", "style") => {
                            if let Some((_, s)) = &mut current {
                                s.outline = val_number(e);
                            }
                        }
                        ("numId", "numPr", _) => {
                            if let Some((_, s)) = &mut current {
                                s.num_id = val_number(e);
                            }
                        }
                        ("ilvl", "numPr", _) => {
                            if let Some((_, s)) = &mut current {
                                s.ilvl = val_number(e);
                            }
                        }
                        (prop, "rPr", "style") => {
                            if let Some((_, s)) = &mut current {
                                s.props.set(prop, e);
                            }
                        }
                        (prop, "rPr", "rPrDefault") => styles.defaults.set(prop, e),
                        _ => {}
                    }
                    stack.push(local);
                }
                Ev::Close => {
                    if skip > 0 {
                        skip -= 1;
                        return Ok(());
                    }
                    if stack.pop().as_deref() == Some("style")
                        && let Some((id, style)) = current.take()
                    {
                        styles.by_id.insert(id, style);
                    }
                }
                Ev::Text(_) => {}
            }
            Ok(())
        });
        match result {
            Ok(()) => Ok(styles),
            Err(XmlFail::Malformed(e) | XmlFail::Stopped(e)) => Err(e),
        }
    }

    /// The styles of the chain starting at `id` (the style, the one it is based on, …).
    fn chain<'s>(&'s self, id: Option<&'s str>) -> impl Iterator<Item = (&'s str, &'s Style)> {
        let mut next = id;
        std::iter::from_fn(move || {
            let id = next?;
            let style = self.by_id.get(id)?;
            next = style.based_on.as_deref().filter(|b| *b != id);
            Some((id, style))
        })
        .take(MAX_STYLE_CHAIN)
    }

    /// The first value `get` finds along the chain of `id`.
    pub(super) fn find<T>(
        &self,
        id: Option<&str>,
        get: impl Fn(&str, &Style) -> Option<T>,
    ) -> Option<T> {
        self.chain(id).find_map(|(id, s)| get(id, s))
    }
}
