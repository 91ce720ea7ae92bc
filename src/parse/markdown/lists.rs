//! A month's activities: with [`ListItems::SplitOut`](super::body::ListItems::SplitOut), the items
//! of a body's top-level lists are taken out of its event stream, each with its own HTML, plain
//! text and position.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::body::ListItem;
use super::holes::split_holes;
use crate::diagnostic::Position;

/// The top-level list items of one body, as they are read.
pub(super) struct Lists<'a> {
    /// How deep in lists we are.
    depth: usize,
    /// The items so far; their `parts` are made by [`Lists::finish`].
    items: Vec<ListItem>,
    /// The events of each item.
    events: Vec<Vec<Event<'a>>>,
    /// Whether events currently go to the last item.
    in_item: bool,
}

impl<'a> Lists<'a> {
    pub(super) fn new() -> Lists<'a> {
        Lists {
            depth: 0,
            items: Vec::new(),
            events: Vec::new(),
            in_item: false,
        }
    }

    /// Takes the top-level list structure out of the stream, and follows the text of the item
    /// being read. Returns whether `event` was consumed; `position` says where it starts.
    pub(super) fn take(&mut self, event: &Event<'a>, position: impl FnOnce() -> Position) -> bool {
        match event {
            Event::Start(Tag::List(_)) => {
                self.depth += 1;
                if self.in_item
                    && let Some(item) = self.items.last_mut()
                {
                    item.text.push(' ');
                }
                self.depth == 1
            }
            Event::End(TagEnd::List(_)) => {
                self.depth = self.depth.saturating_sub(1);
                self.depth == 0
            }
            Event::Start(Tag::Item) if self.depth == 1 => {
                self.items.push(ListItem {
                    parts: Vec::new(),
                    text: String::new(),
                    position: position(),
                });
                self.events.push(Vec::new());
                self.in_item = true;
                true
            }
            Event::End(TagEnd::Item) if self.depth == 1 => {
                self.in_item = false;
                true
            }
            Event::Text(t) | Event::Code(t) if self.in_item => {
                if let Some(item) = self.items.last_mut() {
                    item.text.push_str(t);
                }
                false
            }
            Event::Start(Tag::Item | Tag::Paragraph) | Event::SoftBreak | Event::HardBreak
                if self.in_item =>
            {
                if let Some(item) = self.items.last_mut() {
                    item.text.push(' ');
                }
                false
            }
            _ => false,
        }
    }

    /// Where the events of the item being read go, when one is.
    pub(super) fn sink(&mut self) -> Option<&mut Vec<Event<'a>>> {
        match self.events.last_mut() {
            Some(item) if self.in_item => Some(item),
            _ => None,
        }
    }

    /// The items, each with its text on one line and, when `clean` is given, its HTML (passed
    /// through `clean`) cut at the holes.
    pub(super) fn finish(self, clean: Option<impl Fn(String) -> String>) -> Vec<ListItem> {
        let mut items = self.items;
        for (events, item) in self.events.into_iter().zip(&mut items) {
            if let Some(clean) = &clean {
                let mut html = String::new();
                pulldown_cmark::html::push_html(&mut html, events.into_iter());
                item.parts = split_holes(clean(html).trim_end());
            }
            item.text = item.text.split_whitespace().collect::<Vec<_>>().join(" ");
        }
        items
    }
}
