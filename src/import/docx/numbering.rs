//! The numbering part (numbering.xml): list definitions, the counters while the body is
//! read, and list labels written in Word's number formats.

use std::collections::HashMap;

use super::styles::Styles;
use super::xml::{Ev, XmlFail, attr, on_off, val, val_number, walk};

/// One level of a list: how its number looks.
#[derive(Debug, Clone, Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
    legal: bool,
    /// `w:lvlRestart`: the level restarts when a level of this (one-based) number or a
    /// lower one is counted; 0: never. Without it, any lower level restarts it.
    restart: Option<u32>,
}

/// A `w:abstractNum`: the levels of a list.
#[derive(Debug, Clone, Default)]
struct AbstractNum {
    levels: HashMap<u32, Level>,
    /// `w:numStyleLink`: the levels are those of the list of this numbering style.
    style_link: Option<String>,
}

/// A `w:num`: a list instance, pointing at an abstract list, with overrides.
#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: String,
    start_overrides: HashMap<u32, u32>,
    level_overrides: HashMap<u32, Level>,
}

/// The numbering of a document, and the counters while the body is read.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    abstracts: HashMap<String, AbstractNum>,
    nums: HashMap<u32, Num>,
    /// The current number of each level, per list (abstract list, and the num when it
    /// restarts the numbering with overrides).
    counters: HashMap<(String, Option<u32>), [Option<u32>; 9]>,
}

/// What a list paragraph shows before its text.
pub(super) enum Label {
    Bullet,
    Number(String),
}

impl Numbering {
    /// Reads numbering.xml.
    pub(super) fn parse(xml: &str) -> Result<Numbering, String> {
        let mut numbering = Numbering::default();
        let mut stack: Vec<String> = Vec::new();
        let mut skip = 0usize;
        let mut abstract_num: Option<(String, AbstractNum)> = None;
        let mut num: Option<(u32, Num)> = None;
        let mut level: Option<(u32, Level)> = None;
        let mut override_level: Option<u32> = None;
        let result = walk(xml, |ev| {
            match ev {
                Ev::Open(e) => {
                    if skip > 0 {
                        skip += 1;
                        return Ok(());
                    }
                    let local = e.local_name().as_ref().to_string();
                    // Word writes newer number formats as mc:Choice, with a mc:Fallback
                    // older readers understand: read the fallback.
                    if matches!(local.as_str(), "Choice" | "pPr" | "rPr" | "numberingChange") {
                        skip = 1;
                        return Ok(());
                    }
                    let parent = stack.last().map(String::as_str).unwrap_or("");
                    match (local.as_str(), parent) {
                        ("abstractNum", _) => {
                            let id = attr(e, "abstractNumId").unwrap_or_default();
                            abstract_num = Some((id, AbstractNum::default()));
                        }
                        ("num", _) => {
                            let id = attr(e, "numId").and_then(|v| v.trim().parse().ok());
                            num = id.map(|id| (id, Num::default()));
                        }
                        ("abstractNumId", "num") => {
                            if let Some((_, n)) = &mut num {
                                n.abstract_id = val(e).unwrap_or_default();
                            }
                        }
                        ("lvlOverride", _) => {
                            override_level = attr(e, "ilvl").and_then(|v| v.trim().parse().ok());
                        }
                        ("startOverride", "lvlOverride") => {
                            if let (Some((_, n)), Some(ilvl), Some(start)) =
                                (&mut num, override_level, val_number(e))
                            {
                                n.start_overrides.insert(ilvl, start);
                            }
                        }
                        ("lvl", _) => {
                            let ilvl = attr(e, "ilvl").and_then(|v| v.trim().parse().ok());
                            level = ilvl.map(|i| {
                                (
                                    i,
                                    Level {
                                        format: "decimal".to_string(),
                                        ..Level::default()
                                    },
                                )
                            });
                        }
                        ("numStyleLink", "abstractNum") => {
                            if let Some((_, a)) = &mut abstract_num {
                                a.style_link = val(e);
                            }
                        }
                        ("start", "lvl") => {
                            if let (Some((_, l)), Some(v)) = (&mut level, val_number(e)) {
                                l.start = v;
                            }
                        }
                        ("numFmt", _) => {
                            if let Some((_, l)) = &mut level {
                                l.format = val(e).unwrap_or_default();
                            }
                        }
                        ("lvlText", "lvl") => {
                            if let Some((_, l)) = &mut level {
                                l.text = val(e).unwrap_or_default();
                            }
                        }
                        ("lvlRestart", "lvl") => {
                            if let Some((_, l)) = &mut level {
                                l.restart = val_number(e);
                            }
                        }
                        ("isLgl", "lvl") => {
                            if let Some((_, l)) = &mut level {
                                l.legal = on_off(e);
                            }
                        }
                        _ => {}
                    }
                    stack.push(local);
                }
                Ev::Close => {
                    if skip > 0 {
                        skip -= 1;
                        return Ok(());
                    }
                    match stack.pop().as_deref() {
                        Some("lvl") => {
                            if let Some((ilvl, l)) = level.take() {
                                if stack.last().map(String::as_str) == Some("lvlOverride") {
                                    if let Some((_, n)) = &mut num {
                                        n.level_overrides.insert(ilvl, l);
                                    }
                                } else if let Some((_, a)) = &mut abstract_num {
                                    a.levels.insert(ilvl, l);
                                }
                            }
                        }
                        Some("lvlOverride") => override_level = None,
                        Some("abstractNum") => {
                            if let Some((id, a)) = abstract_num.take() {
                                numbering.abstracts.insert(id, a);
                            }
                        }
                        Some("num") => {
                            if let Some((id, n)) = num.take() {
                                numbering.nums.insert(id, n);
                            }
                        }
                        _ => {}
                    }
                }
                Ev::Text(_) => {}
            }
            Ok(())
        });
        match result {
            Ok(()) => Ok(numbering),
            Err(XmlFail::Malformed(e) | XmlFail::Stopped(e)) => Err(e),
        }
    }

    /// Counts a paragraph of list `num_id` at level `ilvl` and returns its label, or `None`
    /// when the list or level is not defined or shows nothing.
    pub(super) fn next(&mut self, styles: &Styles, num_id: u32, ilvl: u32) -> Option<Label> {
        let ilvl = ilvl.min(8);
        let mut num = self.nums.get(&num_id)?;
        let mut abstract_id = num.abstract_id.clone();
        let mut abs = self.abstracts.get(&abstract_id)?;
        // A list defined by a numbering style: follow the link once.
        if abs.levels.is_empty()
            && let Some(link) = &abs.style_link
            && let Some(linked_num) = styles.find(Some(link), |_, s| s.num_id)
            && let Some(linked) = self.nums.get(&linked_num)
            && let Some(linked_abs) = self.abstracts.get(&linked.abstract_id)
        {
            abstract_id = linked.abstract_id.clone();
            abs = linked_abs;
            if num.start_overrides.is_empty() && num.level_overrides.is_empty() {
                num = linked;
            }
        }
        let level_def = |l: u32| -> Option<Level> {
            let mut level = num
                .level_overrides
                .get(&l)
                .or_else(|| abs.levels.get(&l))?
                .clone();
            if let Some(start) = num.start_overrides.get(&l) {
                level.start = *start;
            }
            Some(level)
        };
        let levels: Vec<Option<Level>> = (0..9).map(level_def).collect();
        let own = levels.get(ilvl as usize)?.clone()?;
        let restarts = !num.start_overrides.is_empty() || !num.level_overrides.is_empty();
        let key = (abstract_id, restarts.then_some(num_id));
        let counters = self.counters.entry(key).or_insert([None; 9]);
        let i = ilvl as usize;
        counters[i] = Some(counters[i].map_or(own.start, |c| c.saturating_add(1)));
        for (j, deeper) in counters.iter_mut().enumerate().skip(i + 1) {
            let restart = levels
                .get(j)
                .and_then(Option::as_ref)
                .and_then(|l| l.restart);
            if restart.is_none_or(|r| (i as u32) < r) {
                *deeper = None;
            }
        }
        if own.format == "bullet" {
            return Some(Label::Bullet);
        }
        let has_placeholder = own.text.contains('%');
        if !has_placeholder {
            let text = own.text.trim();
            if text.is_empty() {
                return None;
            }
            // A fixed symbol ("-", "–", "•") is a bullet; fixed words stay as words.
            if !text.chars().any(char::is_alphanumeric) {
                return Some(Label::Bullet);
            }
            return Some(Label::Number(text.to_string()));
        }
        let mut label = String::new();
        let mut chars = own.text.chars().peekable();
        while let Some(c) = chars.next() {
            let digit = chars
                .peek()
                .and_then(|d| d.to_digit(10))
                .filter(|d| (1..=9).contains(d));
            match (c, digit) {
                ('%', Some(d)) => {
                    chars.next();
                    let l = (d - 1) as usize;
                    let def = levels.get(l).cloned().flatten().unwrap_or_default();
                    let value = counters[l].unwrap_or(def.start);
                    let format = if own.legal {
                        "decimal"
                    } else {
                        def.format.as_str()
                    };
                    label.push_str(&format_number(value, format));
                }
                _ => label.push(c),
            }
        }
        let label = label.trim();
        (!label.is_empty()).then(|| Label::Number(label.to_string()))
    }
}

/// A list number in a Word number format.
pub(super) fn format_number(n: u32, format: &str) -> String {
    match format {
        "none" => String::new(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "upperRoman" if (1..4000).contains(&n) => crate::import::numerals::roman(n),
        "lowerRoman" if (1..4000).contains(&n) => crate::import::numerals::roman(n).to_lowercase(),
        "upperLetter" if n >= 1 => letters(n),
        "lowerLetter" if n >= 1 => letters(n).to_lowercase(),
        _ => n.to_string(),
    }
}

/// Word's letter numbering: A … Z, then AA, BB, … ZZ, then AAA, ….
fn letters(n: u32) -> String {
    let index = (n - 1) % 26;
    let times = ((n - 1) / 26 + 1).min(64) as usize;
    let letter = char::from(b'A' + index as u8);
    std::iter::repeat_n(letter, times).collect()
}
