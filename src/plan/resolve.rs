//! Resolve: turns parsed drafts into the checked [`Site`]. Each plan's structure is decided on
//! its own (`plan::outline`); then every link is checked against the index of all outlines
//! (`plan::links`), and each plan is built, its bodies moved in.

use rayon::prelude::*;

use crate::config::Settings;
use crate::date::YearMonth;
use crate::diagnostic::Diagnostics;
use crate::parse::PlanDraft;
use crate::parse::markdown::Markdown;
use crate::plan::head::{empty_month, header, section_label};
use crate::plan::links::{FileIndex, assemble};
use crate::plan::model::{Activity, Event, HeadingEntry, Month, Plan, Section, Site};
use crate::plan::outline::Outline;
use crate::plan::survey::{Context, Survey, leave_out_clashes, sort_plans, survey};

/// Resolves all plans at once (an archive, `check`'s tests): every plan surveyed, then built
/// against the site's context. Plans with errors are left out; their problems are in `diags`.
/// A build resolves the same way, one plan at a time (`crate::pipeline`).
pub fn resolve(drafts: Vec<PlanDraft>, config: &Settings, diags: &mut Diagnostics) -> Site {
    let surveyed: Vec<(Survey, Option<Outline>, Diagnostics)> =
        drafts.into_par_iter().map(|d| survey(d, config)).collect();
    let mut surveys = Vec::with_capacity(surveyed.len());
    let mut rest = Vec::with_capacity(surveyed.len());
    for (s, o, d) in surveyed {
        surveys.push(s);
        rest.push((o, d));
    }
    leave_out_clashes(&mut surveys, diags);
    let context = Context::new(&surveys, config, diags);
    let outlines: Vec<Outline> = surveys
        .iter()
        .zip(rest)
        .filter(|(s, _)| !s.left_out)
        .filter_map(|(_, (o, d))| {
            diags.extend(d);
            o
        })
        .collect();
    // In parallel; each plan's problems are kept with it, and added in the plans' order.
    let built: Vec<(Option<Plan>, Diagnostics)> = outlines
        .into_par_iter()
        .map(|o| {
            let mut plan_diags = Diagnostics::new();
            let plan = build(o, config, &context, &mut plan_diags);
            (plan, plan_diags)
        })
        .collect();
    let mut plans: Vec<Plan> = Vec::with_capacity(built.len());
    for (plan, plan_diags) in built {
        diags.extend(plan_diags);
        plans.extend(plan);
    }
    sort_plans(&mut plans);
    Site { plans }
}

/// Builds the plan of the outline `o` (which it consumes) against the site's `context`: every
/// link resolved, with what the site decides of it (its organisation's name, `based_on`,
/// `cited_by`) from its head. `None` for a plan the context left out.
pub(crate) fn build(
    o: Outline,
    config: &Settings,
    context: &Context<'_>,
    diags: &mut Diagnostics,
) -> Option<Plan> {
    let head = context.head(&o.draft.slug)?;
    let mut plan = build_plan(o, config, &context.index, diags);
    plan.organisation.clone_from(&head.organisation);
    plan.based_on.clone_from(&head.based_on);
    plan.cited_by.clone_from(&head.cited_by);
    Some(plan)
}

fn headings(md: &Markdown, ids: &[String]) -> Vec<HeadingEntry> {
    md.headings
        .iter()
        .zip(ids)
        .map(|(h, id)| HeadingEntry {
            level: h.level,
            text: h.text.clone(),
            id: id.clone(),
            text_offset: h.text_offset,
        })
        .collect()
}

/// Builds the plan from its outline, which it consumes: each body's text is moved, not copied,
/// and each draft body is freed as soon as its plan body is made (an archive's drafts are
/// hundreds of megabytes).
fn build_plan(
    mut o: Outline,
    config: &Settings,
    index: &FileIndex<'_>,
    diags: &mut Diagnostics,
) -> Plan {
    let months = match o.period {
        Some((start, end)) => start
            .through(end)
            .map(|ym| build_month(&mut o, ym, index, diags))
            .collect(),
        None => Vec::new(),
    };
    let mut sections = Vec::with_capacity(o.section_order.len());
    for &i in &o.section_order {
        let ids = &o.ids.sections[i];
        let s = &mut o.draft.sections[i];
        let parts = std::mem::take(&mut s.draft.body.parts);
        let body = assemble(parts, &s.draft.body, ids, &s.draft.file.path, index, diags);
        let meta = &mut s.draft.meta;
        sections.push(Section {
            slug: std::mem::take(&mut s.slug),
            source: s.draft.file.path.clone(),
            title: std::mem::take(&mut meta.title),
            label: meta.number.as_deref().map(section_label),
            number: meta.number.take(),
            timeline: meta.timeline,
            description: meta.description.take(),
            extra: std::mem::take(&mut meta.extra),
            body,
            headings: headings(&s.draft.body, ids),
            text: std::mem::take(&mut s.draft.body.text),
        });
    }
    let d = &o.draft;
    let path = &d.plan.file.path;
    let preamble = assemble(
        d.plan.body.parts.clone(),
        &d.plan.body,
        &o.ids.preamble,
        path,
        index,
        diags,
    );
    let closing = d
        .closing
        .as_ref()
        .map(|c| assemble(c.parts.clone(), c, &o.ids.closing, path, index, diags));
    let mut plan_headings = headings(&d.plan.body, &o.ids.preamble);
    if let Some(c) = &d.closing {
        plan_headings.extend(headings(c, &o.ids.closing));
    }
    Plan {
        preamble,
        preamble_text: d.plan.body.text.clone(),
        closing,
        closing_text: d.closing.as_ref().map(|c| c.text.clone()),
        headings: plan_headings,
        sections,
        months,
        ..header(&o, config)
    }
}

fn build_month(
    o: &mut Outline,
    ym: YearMonth,
    index: &FileIndex<'_>,
    diags: &mut Diagnostics,
) -> Month {
    let Some(&i) = o.month_files.get(&ym) else {
        return empty_month(ym);
    };
    let ids = &o.ids.months[i];
    let m = &mut o.draft.months[i];
    let path = &m.draft.file.path;
    let items = std::mem::take(&mut m.draft.body.items);
    let activities = items
        .into_iter()
        .map(|item| Activity {
            body: assemble(item.parts, &m.draft.body, ids, path, index, diags),
            text: item.text,
        })
        .collect();
    let mut events: Vec<Event> = m
        .draft
        .meta
        .events
        .iter()
        .map(|e| Event {
            date: e.date,
            end: e.end,
            holiday: e.holiday,
            title: e.title.clone(),
            time: e.time.clone(),
            place: e.place.clone(),
            note: e.note.clone(),
        })
        .collect();
    // By day; events of the same day keep the author's order.
    events.sort_by_key(|e| e.date);
    let notes = std::mem::take(&mut m.draft.body.parts);
    let notes = assemble(notes, &m.draft.body, ids, path, index, diags);
    Month {
        month: ym,
        source: Some(path.clone()),
        title: m.draft.meta.title.clone(),
        activities,
        events,
        notes,
        extra: m.draft.meta.extra.clone(),
    }
}
