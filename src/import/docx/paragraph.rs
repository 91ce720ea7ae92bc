//! A paragraph being read: its runs as pieces of text with their emphasis, its list and
//! heading properties, and turning it into a [`Para`] once it closes.

use super::markdown::{Format, Piece, has_text, render};
use super::numbering::{Label, Numbering};
use super::styles::{Props, Styles};
use crate::import::doc::{Block, Para};

/// A paragraph being read.
#[derive(Debug, Default)]
pub(super) struct ParaBuilder {
    pub(super) at: usize,
    pub(super) style: Option<String>,
    pub(super) num_id: Option<u32>,
    pub(super) ilvl: Option<u32>,
    pub(super) outline: Option<u32>,
    pub(super) mark: Props,
    pub(super) pieces: Vec<Piece>,
    /// The content of text boxes anchored in the paragraph: it follows the paragraph.
    pub(super) after: Vec<Block>,
}

/// The run being read: its direct properties and character style.
#[derive(Debug, Default)]
pub(super) struct RunProps {
    pub(super) props: Props,
    pub(super) style: Option<String>,
}

impl ParaBuilder {
    /// The paragraph style: its own, or the document's default.
    fn style<'p>(&'p self, styles: &'p Styles) -> Option<&'p str> {
        self.style
            .as_deref()
            .or(styles.default_paragraph.as_deref())
    }

    /// Appends text of the run `run`.
    pub(super) fn push_text(&mut self, text: &str, run: &RunProps, styles: &Styles) {
        let para_style = self.style(styles);
        let prop = |get: fn(&Props) -> Option<bool>| -> bool {
            get(&run.props)
                .or_else(|| styles.find(run.style.as_deref(), |_, s| get(&s.props)))
                .or_else(|| styles.find(para_style, |_, s| get(&s.props)))
                .or(get(&styles.defaults))
                .unwrap_or(false)
        };
        if prop(|p| p.hidden) {
            return;
        }
        let format = Format {
            bold: prop(|p| p.bold),
            italic: prop(|p| p.italic),
        };
        // A line feed in w:t is shown as a space; in Markdown it would start a new line.
        let text = text.replace(['\n', '\r'], " ");
        let text = if prop(|p| p.caps) {
            text.to_uppercase()
        } else {
            text
        };
        match self.pieces.last_mut() {
            Some(Piece::Text {
                text: last,
                format: f,
            }) if *f == format => last.push_str(&text),
            _ => self.pieces.push(Piece::Text { text, format }),
        }
    }

    /// Appends a line break.
    pub(super) fn push_break(&mut self) {
        self.pieces.push(Piece::Break);
    }

    /// Turns the paragraph read into a [`Para`], or `None` when it has no text; counts it in
    /// its list.
    pub(super) fn finish(self, styles: &Styles, numbering: &mut Numbering) -> Option<Para> {
        let p = self;
        let style = p.style(styles).map(str::to_string);
        let style = style.as_deref();
        // The list: the paragraph's own numPr, else its style's.
        let num_id = p.num_id.or_else(|| styles.find(style, |_, s| s.num_id));
        let ilvl = p
            .ilvl
            .or_else(|| styles.find(style, |_, s| s.ilvl))
            .unwrap_or(0)
            .min(8);
        let label = match num_id {
            Some(id) if id != 0 => numbering.next(styles, id, ilvl),
            _ => None,
        };

        let heading = match p.outline {
            Some(level) => (level < 9).then(|| level as u8 + 1),
            None => styles.find(style, |id, s| s.own_heading(id)).flatten(),
        };

        let content_bold = p.pieces.iter().any(has_text)
            && p.pieces.iter().all(|piece| match piece {
                Piece::Text { text, format } => format.bold || text.trim().is_empty(),
                Piece::Break => true,
            });

        // An empty list item shows its number in Word, but it says nothing.
        if !p.pieces.iter().any(has_text) {
            return None;
        }
        let mut pieces = p.pieces;
        let mut bullet = None;
        match label {
            Some(Label::Bullet) => bullet = Some(ilvl as u8),
            Some(Label::Number(label)) => {
                let mark = |get: fn(&Props) -> Option<bool>| -> bool {
                    get(&p.mark)
                        .or_else(|| styles.find(style, |_, s| get(&s.props)))
                        .or(get(&styles.defaults))
                        .unwrap_or(false)
                };
                let format = Format {
                    bold: mark(|p| p.bold) || content_bold,
                    italic: mark(|p| p.italic),
                };
                pieces.insert(
                    0,
                    Piece::Text {
                        text: format!("{label} "),
                        format,
                    },
                );
            }
            None => {}
        }

        let (text, plain) = render(pieces)?;
        Some(Para {
            at: p.at,
            text,
            plain,
            bullet,
            bold: content_bold,
            heading,
        })
    }
}
