//! The outline of a plan: its structure decided and checked on its own, before any link is
//! resolved — sections ordered, the period checked, month files placed, heading ids made unique
//! across the plan, and the plan's lint warnings. A plan whose outline has an error is left out
//! of the site; the link index and `resolve` see only outlines that succeeded.

use std::collections::BTreeMap;

use crate::date::YearMonth;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::parse::markdown::Markdown;
use crate::parse::{PlanDraft, find_key, find_line};
use crate::plan::ids::IdSpace;

/// Section slugs that would collide with pages plansite makes inside a plan folder.
pub const RESERVED_SLUGS: &[&str] = &["timeline", "months", "search", "index", "static"];

/// A plan draft with its structure decided, before links are resolved.
pub(crate) struct Outline {
    pub draft: PlanDraft,
    /// Indices into `draft.sections`, in document order.
    pub section_order: Vec<usize>,
    /// The period, checked.
    pub period: Option<(YearMonth, YearMonth)>,
    /// Index into `draft.months` for each month that has a file.
    pub month_files: BTreeMap<YearMonth, usize>,
    /// Final heading ids of every body.
    pub ids: OutlineIds,
}

/// Heading ids for each body of a plan, aligned with the bodies' `headings`.
#[derive(Default)]
pub(crate) struct OutlineIds {
    pub preamble: Vec<String>,
    pub closing: Vec<String>,
    /// By index into `draft.sections`.
    pub sections: Vec<Vec<String>>,
    /// By index into `draft.months`.
    pub months: Vec<Vec<String>>,
}

/// Decides the structure of one plan. `Ok` holds the outline and the warnings found on the way;
/// `Err` every problem found, at least one of them an error.
pub(crate) fn outline(draft: PlanDraft) -> Result<(Outline, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::new();
    crate::plan::lint::lint(&draft, &mut diags);
    let section_order = order_sections(&draft, &mut diags);
    let period = check_period(&draft, &mut diags);
    let month_files = place_months(&draft, period, &mut diags);
    let ids = assign_ids(&draft, &section_order, &mut diags);
    if diags.has_errors() {
        return Err(diags);
    }
    let outline = Outline {
        draft,
        section_order,
        period,
        month_files,
        ids,
    };
    Ok((outline, diags))
}

/// Orders sections by weight (else file-name prefix); ties, missing orders and clashing slugs
/// are errors.
fn order_sections(draft: &PlanDraft, diags: &mut Diagnostics) -> Vec<usize> {
    let mut order: Vec<(i64, usize)> = Vec::new();
    let mut by_order: BTreeMap<i64, usize> = BTreeMap::new();
    let mut by_slug: BTreeMap<&str, usize> = BTreeMap::new();
    let mut timeline: Option<usize> = None;
    for (i, s) in draft.sections.iter().enumerate() {
        let path = &s.draft.file.path;
        let Some(o) = s.order else {
            diags.push(
                Diagnostic::error(path, "cannot tell where this section goes in the plan").hint(
                    "start the file name with its position (01-dac-diem.md) or add `weight = 1`",
                ),
            );
            continue;
        };
        if let Some(&j) = by_order.get(&o) {
            diags.push(
                Diagnostic::error(
                    path,
                    format!(
                        "this section has the same position ({o}) as {}",
                        crate::diagnostic::native_path(&draft.sections[j].draft.file.path)
                    ),
                )
                .at_opt(find_key(&s.draft.file, "weight"))
                .hint("give each section a different `weight` or file-name number"),
            );
            continue;
        }
        by_order.insert(o, i);
        if RESERVED_SLUGS.contains(&s.slug.as_str()) {
            diags.push(
                Diagnostic::error(
                    path,
                    format!("the slug `{}` is used by plansite itself", s.slug),
                )
                .at_opt(find_key(&s.draft.file, "slug"))
                .hint("rename the file or set another `slug`"),
            );
        } else if let Some(&j) = by_slug.get(s.slug.as_str()) {
            diags.push(
                Diagnostic::error(
                    path,
                    format!(
                        "this section has the same slug `{}` as {}",
                        s.slug,
                        crate::diagnostic::native_path(&draft.sections[j].draft.file.path)
                    ),
                )
                .at_opt(find_key(&s.draft.file, "slug"))
                .hint("give one of them a different `slug`"),
            );
        } else {
            by_slug.insert(&s.slug, i);
        }
        if s.draft.meta.timeline {
            if let Some(j) = timeline {
                diags.push(
                    Diagnostic::error(
                        path,
                        format!(
                            "only one section can hold the month table, and {} already does",
                            crate::diagnostic::native_path(&draft.sections[j].draft.file.path)
                        ),
                    )
                    .at_opt(find_key(&s.draft.file, "timeline"))
                    .hint("remove `timeline = true` from one of them"),
                );
            }
            timeline = Some(i);
        }
        order.push((o, i));
    }
    order.sort();
    order.into_iter().map(|(_, i)| i).collect()
}

fn check_period(draft: &PlanDraft, diags: &mut Diagnostics) -> Option<(YearMonth, YearMonth)> {
    let p = draft.plan.meta.period?;
    if p.end < p.start {
        diags.push(
            Diagnostic::error(
                &draft.plan.file.path,
                format!("the period ends ({}) before it starts ({})", p.end, p.start),
            )
            .at_opt(find_key(&draft.plan.file, "end").or(find_key(&draft.plan.file, "period")))
            .hint("swap `start` and `end`"),
        );
        return None;
    }
    Some((p.start, p.end))
}

/// Checks each month file against the period and the other months, and its events against
/// its month.
fn place_months(
    draft: &PlanDraft,
    period: Option<(YearMonth, YearMonth)>,
    diags: &mut Diagnostics,
) -> BTreeMap<YearMonth, usize> {
    let mut placed: BTreeMap<YearMonth, usize> = BTreeMap::new();
    for (i, m) in draft.months.iter().enumerate() {
        let path = &m.draft.file.path;
        let Some((start, end)) = period else {
            if draft.plan.meta.period.is_some() {
                continue; // the period itself is wrong, and reported
            }
            diags.push(
                Diagnostic::error(path, "this month file needs the plan's period").hint(format!(
                    "add to {}: [period] start = \"{}\" end = \"{}\"",
                    crate::diagnostic::native_path(&draft.plan.file.path),
                    m.month,
                    m.month
                )),
            );
            continue;
        };
        if m.month < start || m.month > end {
            diags.push(
                Diagnostic::error(
                    path,
                    format!("{} is outside the plan's period ({start} to {end})", m.month),
                )
                .at_opt(find_key(&m.draft.file, "month"))
                .hint("rename the file to a month inside the period, or widen the period in _index.md"),
            );
            continue;
        }
        if let Some(&j) = placed.get(&m.month) {
            let other: &std::path::Path = &draft.months[j].draft.file.path;
            diags.push(
                Diagnostic::error(
                    path,
                    format!(
                        "{} already has a file: {}",
                        m.month,
                        crate::diagnostic::native_path(other)
                    ),
                )
                .hint("put all of a month's activities in one file"),
            );
            continue;
        }
        for event in &m.draft.meta.events {
            if event.date.month() != m.month {
                let needle = event.date.to_string();
                let position = find_line(&m.draft.file, |l| l.contains(&needle));
                diags.push(
                    Diagnostic::error(
                        path,
                        format!("the event on {} is not in {}", event.date, m.month),
                    )
                    .at_opt(position)
                    .hint("move the event to the file of its month, or correct its date"),
                );
            }
        }
        for event in &m.draft.meta.events {
            if let Some(end) = event.end.filter(|end| *end < event.date) {
                let needle = end.to_string();
                let position = find_line(&m.draft.file, |l| l.contains(&needle));
                diags.push(
                    Diagnostic::error(
                        path,
                        format!("the event on {} ends before it starts ({end})", event.date),
                    )
                    .at_opt(position)
                    .hint("`end` is the event's last day: on or after its `date`"),
                );
            }
        }
        placed.insert(m.month, i);
    }
    placed
}

/// Gives every heading of the plan an id unique across the whole plan: explicit `{#id}`s
/// first, then the others from their text, in document order.
fn assign_ids(draft: &PlanDraft, section_order: &[usize], diags: &mut Diagnostics) -> OutlineIds {
    let mut space = IdSpace::reserved(draft.sections.iter().map(|s| s.slug.as_str()));
    let mut bodies: Vec<(&std::path::Path, &Markdown)> = Vec::new();
    bodies.push((&draft.plan.file.path, &draft.plan.body));
    if let Some(c) = &draft.closing {
        bodies.push((&draft.plan.file.path, c));
    }
    for &i in section_order {
        bodies.push((
            &draft.sections[i].draft.file.path,
            &draft.sections[i].draft.body,
        ));
    }
    for m in &draft.months {
        bodies.push((&m.draft.file.path, &m.draft.body));
    }
    let mut all = space.assign(&bodies, diags).into_iter();
    let mut ids = OutlineIds {
        preamble: all.next().unwrap_or_default(),
        ..OutlineIds::default()
    };
    if draft.closing.is_some() {
        ids.closing = all.next().unwrap_or_default();
    }
    ids.sections = vec![Vec::new(); draft.sections.len()];
    for &i in section_order {
        ids.sections[i] = all.next().unwrap_or_default();
    }
    ids.months = all.collect();
    ids
}
