//! Warnings: things that are allowed but are probably mistakes. They are printed with file and
//! line; the site still builds, unless `plansite check --strict` makes them errors.

use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics, Position};
use crate::parse::{PlanDraft, find_key};
use crate::source::SourceFile;

/// Looks at one plan for likely mistakes.
pub(crate) fn lint(draft: &PlanDraft, diags: &mut Diagnostics) {
    empty_title(&draft.plan.file, &draft.plan.meta.title, "plan", diags);
    for s in &draft.sections {
        empty_title(&s.draft.file, &s.draft.meta.title, "section", diags);
    }
    for m in &draft.months {
        let path: &Path = &m.draft.file.path;
        let items = &m.draft.body.items;
        for item in items.iter().filter(|i| i.text.trim().is_empty()) {
            diags.push(
                Diagnostic::warning(path, "this activity is empty")
                    .at(item.position.line, item.position.column)
                    .hint("write the activity after the `- `, or delete the line"),
            );
        }
        if !items.is_empty() {
            continue;
        }
        let d = if m.draft.meta.events.is_empty() {
            Diagnostic::warning(path, format!("{} has no activities", m.month))
                .hint("write each activity on its own line starting with `- `, or delete the file")
        } else {
            Diagnostic::warning(
                path,
                format!("{} has dated events but no activities", m.month),
            )
            .hint("list the month's work as lines starting with `- `; events only mark dates")
        };
        diags.push(d.at_opt(body_start(&m.draft.file)));
    }
}

fn empty_title(file: &SourceFile, title: &str, what: &str, diags: &mut Diagnostics) {
    if title.trim().is_empty() {
        diags.push(
            Diagnostic::warning(&file.path, format!("this {what} has no title text"))
                .at_opt(find_key(file, "title"))
                .hint("write the heading in `title`, e.g. title = \"ĐẶC ĐIỂM TÌNH HÌNH CHUNG\""),
        );
    }
}

/// Where the body's text starts, if it has any.
fn body_start(file: &SourceFile) -> Option<Position> {
    let split = crate::parse::front_matter::split(file).ok()?;
    let lead = split.body.len() - split.body.trim_start().len();
    (lead < split.body.len())
        .then(|| crate::source::position_in(&file.text, split.body_offset + lead))
}
