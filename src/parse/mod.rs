//! Parsing: each loaded file becomes a draft — its typed front matter and its Markdown body as
//! HTML with holes. A draft knows only its own file; cross-file checks belong to `resolve`.
//!
//! [`parse_plan`] parses a plan folder: its plan file and closing text (`file.rs`), sections
//! (`section.rs`) and months (`month.rs`) into the drafts of `draft.rs`; written slugs are
//! checked by `slugs.rs`.

mod draft;
mod file;
pub mod front_matter;
pub mod markdown;
pub mod meta;
mod month;
pub mod sanitize;
mod section;
mod slugs;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::PlanFiles;
use crate::slug::slugify;
pub use draft::{Draft, MonthDraft, PlanDraft, SectionDraft};
pub use file::{Bodies, HEADING_OFFSET};
use file::{FrontMatterRule, body_options, parse_closing, parse_file};
pub use front_matter::{find_key, find_line, find_value};
use markdown::ListItems;
use meta::PlanMeta;
use month::parse_month;
use section::parse_section;
pub use section::split_prefix;
use slugs::{checked_slug, reserved_name};

/// Parses one plan folder. Returns `None` when the plan file itself is unusable; problems with
/// single sections or months are reported and those files left out.
pub fn parse_plan(files: PlanFiles, bodies: Bodies, diags: &mut Diagnostics) -> Option<PlanDraft> {
    let PlanFiles {
        folder,
        dir,
        plan: plan_file,
        sections,
        months,
        assets,
    } = files;
    let paths = sections
        .iter()
        .chain(&months)
        .map(|f| f.path.clone())
        .collect();
    // Sections and months first, in parallel: their problems are reported even when the plan
    // file fails. Results keep the file order.
    let sections: Vec<Result<SectionDraft, Diagnostic>> = sections
        .into_par_iter()
        .map(|f| parse_section(f, bodies))
        .collect();
    let sections: Vec<SectionDraft> = sections
        .into_iter()
        .filter_map(|r| record(diags, r))
        .collect();
    let months: Vec<Result<MonthDraft, Diagnostic>> = months
        .into_par_iter()
        .map(|f| parse_month(f, bodies))
        .collect();
    let months: Vec<MonthDraft> = months
        .into_iter()
        .filter_map(|r| record(diags, r))
        .collect();
    let Some(plan_file) = plan_file else {
        diags.push(
            Diagnostic::error(&dir, "this plan folder has no _index.md").hint(
                "add _index.md with the plan's title and header fields (see the authoring guide)",
            ),
        );
        return None;
    };
    let plan = record(
        diags,
        parse_file::<PlanMeta>(
            plan_file,
            FrontMatterRule::Required,
            body_options("", ListItems::InBody, bodies),
        ),
    )?;
    let slug = match &plan.meta.slug {
        Some(s) => checked_slug(&plan.file, s, diags)?,
        None => {
            let s = crate::slug::fit_name(slugify(&folder));
            if s.is_empty() {
                diags.push(
                    Diagnostic::error(
                        &dir,
                        "cannot make a web address from this folder name",
                    )
                    .hint(
                        "rename the folder with letters or digits, e.g. 2023-chi-bo, or set `slug`",
                    ),
                );
                return None;
            }
            s
        }
    };
    if let Some(problem) = crate::slug::windows_problem(&slug) {
        diags.push(reserved_name(&plan.file, &slug, &problem));
        return None;
    }
    let closing = plan
        .meta
        .closing
        .as_deref()
        .map(|text| parse_closing(&plan.file, text, bodies));
    let draft = PlanDraft {
        plan,
        slug,
        sections,
        months,
        closing,
        folder,
        assets,
        paths,
    };
    report_removed(&draft, diags);
    Some(draft)
}

/// Warns about what the raw-HTML policy took out of each body of the plan.
fn report_removed(draft: &PlanDraft, diags: &mut Diagnostics) {
    let plan = &draft.plan.file.path;
    let bodies = [(plan, &draft.plan.body)]
        .into_iter()
        .chain(draft.closing.iter().map(|c| (plan, c)))
        .chain(
            draft
                .sections
                .iter()
                .map(|s| (&s.draft.file.path, &s.draft.body)),
        )
        .chain(
            draft
                .months
                .iter()
                .map(|m| (&m.draft.file.path, &m.draft.body)),
        );
    for (path, body) in bodies {
        for r in &body.removed {
            diags.push(
                Diagnostic::warning(
                    path,
                    format!("{} is removed from the published page", r.what),
                )
                .at(r.position.line, r.position.column)
                .hint(
                    "raw HTML is sanitised: scripts, frames, styles, event handlers and unsafe \
                     addresses are taken out; if every author is trusted, set `raw_html = \"allow\"` \
                     under [markdown] in plansite.toml",
                ),
            );
        }
    }
}

fn record<T>(diags: &mut Diagnostics, result: Result<T, Diagnostic>) -> Option<T> {
    result.map_err(|d| diags.push(d)).ok()
}
