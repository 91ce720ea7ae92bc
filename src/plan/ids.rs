//! Heading ids: one namespace per plan, because the plan's document page shows every section's
//! headings together. Explicit `{#id}`s are claimed first; the others are made from the
//! heading text and numbered (`-1`, `-2`) when taken.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::parse::markdown::Markdown;
use crate::slug::{is_valid_anchor, slugify};

/// Ids the default theme uses on plan pages; headings never take them.
pub const THEME_IDS: &[&str] = &[
    "top",
    "main",
    "toc",
    "preamble",
    "closing",
    "signature",
    "recipients",
    "timeline",
    "month-table",
    "content",
    "search",
];

/// The ids taken so far in one plan.
pub struct IdSpace {
    used: HashSet<String>,
    /// For each base taken, the next number to try (`base-N`), so that many headings with the
    /// same text cost one probe each, not one per earlier heading.
    next: HashMap<String, usize>,
}

impl IdSpace {
    /// A space where the theme's ids and `extra` (section slugs) are already taken.
    pub fn reserved<'a>(extra: impl IntoIterator<Item = &'a str>) -> IdSpace {
        let used = THEME_IDS
            .iter()
            .copied()
            .chain(extra)
            .map(str::to_owned)
            .collect();
        IdSpace {
            used,
            next: HashMap::new(),
        }
    }

    /// The ids a file's headings have when the file is alone: explicit ids, else the text's
    /// slug numbered within the file. Links may name a heading by this id, which stays the
    /// same whatever the plan's other files hold.
    pub fn local(md: &Markdown) -> Vec<String> {
        let mut space = IdSpace::reserved([]);
        space.used.clear();
        md.headings
            .iter()
            .map(|h| match &h.explicit_id {
                Some(id) => id.clone(),
                None => space.claim(&h.text),
            })
            .collect()
    }

    /// Assigns ids to the headings of `bodies` (in document order); returns them per body,
    /// aligned with each body's `headings`.
    pub fn assign(
        &mut self,
        bodies: &[(&Path, &Markdown)],
        diags: &mut Diagnostics,
    ) -> Vec<Vec<String>> {
        let mut out: Vec<Vec<Option<String>>> = bodies
            .iter()
            .map(|(_, md)| vec![None; md.headings.len()])
            .collect();
        for (b, (path, md)) in bodies.iter().enumerate() {
            for (h, heading) in md.headings.iter().enumerate() {
                let Some(id) = &heading.explicit_id else {
                    continue;
                };
                let p = heading.position;
                if !is_valid_anchor(id) {
                    diags.push(
                        Diagnostic::error(*path, format!("`{id}` cannot be used as a heading id"))
                            .at(p.line, p.column)
                            .hint("use letters, digits, `-` and `_` only, e.g. {#muc-tieu}"),
                    );
                } else if !self.used.insert(id.clone()) {
                    diags.push(
                        Diagnostic::error(
                            *path,
                            format!("the heading id `{id}` is already used in this plan"),
                        )
                        .at(p.line, p.column)
                        .hint("choose another {#id}; ids must be unique across the plan's files"),
                    );
                } else {
                    out[b][h] = Some(id.clone());
                }
            }
        }
        for (b, (_, md)) in bodies.iter().enumerate() {
            for (h, heading) in md.headings.iter().enumerate() {
                if out[b][h].is_none() {
                    out[b][h] = Some(self.claim(&heading.text));
                }
            }
        }
        out.into_iter()
            .map(|ids| ids.into_iter().map(Option::unwrap_or_default).collect())
            .collect()
    }

    /// A free id made from `text`.
    fn claim(&mut self, text: &str) -> String {
        let mut base = slugify(text);
        if base.is_empty() {
            base = "muc".to_owned();
        }
        if self.used.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(1);
        loop {
            let candidate = format!("{base}-{n}");
            *n += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::markdown::{ListItems, MarkdownOptions, render};

    fn md(text: &str) -> Markdown {
        render(
            text,
            text,
            0,
            MarkdownOptions {
                heading_offset: 2,
                footnote_prefix: "",
                list_items: ListItems::InBody,
                raw_html: crate::parse::sanitize::RawHtml::Sanitize,
                html: crate::parse::markdown::Html::Written,
            },
        )
    }

    #[test]
    fn ids_are_unique_across_bodies_and_explicit_ones_win() {
        let a = md("# Mục tiêu\n\n# Mục tiêu\n\n# Toc\n");
        let b = md("# Mục tiêu\n\n# Other {#muc-tieu-2}\n\n# !!!\n");
        let mut space = IdSpace::reserved(["dac-diem"]);
        let mut diags = Diagnostics::new();
        let ids = space.assign(
            &[(Path::new("a.md"), &a), (Path::new("b.md"), &b)],
            &mut diags,
        );
        assert!(diags.is_empty());
        assert_eq!(ids[0], ["muc-tieu", "muc-tieu-1", "toc-1"]);
        assert_eq!(ids[1], ["muc-tieu-3", "muc-tieu-2", "muc"]);
    }

    #[test]
    fn duplicate_explicit_ids_are_errors() {
        let a = md("# A {#x}\n\n# B {#x}\n");
        let mut diags = Diagnostics::new();
        IdSpace::reserved([]).assign(&[(Path::new("a.md"), &a)], &mut diags);
        let all = diags.sorted();
        assert_eq!(all.len(), 1);
        assert_eq!(
            all[0].to_string(),
            "a.md:3:1: error: the heading id `x` is already used in this plan\n  hint: choose another {#id}; ids must be unique across the plan's files"
        );
    }
}
