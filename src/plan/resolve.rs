//! Resolve: turns parsed drafts into the checked [`Site`] — sections ordered and numbered, months
//! placed in the period, heading ids made unique across each plan, links checked and rewritten.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::config::Config;
use crate::date::YearMonth;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::parse::markdown::Markdown;
use crate::parse::{PlanDraft, find_key, find_line};
use crate::plan::ids::IdSpace;
use crate::plan::links::{FileIndex, assemble};
use crate::plan::model::{Activity, Event, HeadingEntry, Month, Plan, Section, Site};

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

/// Resolves all plans. Plans with errors are left out; their problems are in `diags`.
pub fn resolve(drafts: Vec<PlanDraft>, config: &Config, diags: &mut Diagnostics) -> Site {
    let mut outlines: Vec<Outline> = Vec::new();
    let mut slugs: BTreeMap<String, std::path::PathBuf> = BTreeMap::new();
    for draft in drafts {
        let path = draft.plan.file.path.clone();
        if let Some(first) = slugs.get(&draft.slug) {
            diags.push(
                Diagnostic::error(
                    &path,
                    format!(
                        "two plans have the slug `{}` (the other is {})",
                        draft.slug,
                        crate::diagnostic::display_path(first)
                    ),
                )
                .hint("give one of them a different `slug` or folder name"),
            );
            continue;
        }
        slugs.insert(draft.slug.clone(), path);
        if let Some(outline) = outline(draft, diags) {
            outlines.push(outline);
        }
    }
    let index = FileIndex::new(&outlines);
    // In parallel; each plan's problems are kept with it, and added in the plans' order.
    let built: Vec<(Plan, Diagnostics)> = outlines
        .into_par_iter()
        .map(|o| {
            let mut plan_diags = Diagnostics::new();
            let plan = build_plan(o, config, &index, &mut plan_diags);
            (plan, plan_diags)
        })
        .collect();
    let mut plans: Vec<Plan> = Vec::with_capacity(built.len());
    for (plan, plan_diags) in built {
        diags.extend(plan_diags);
        plans.push(plan);
    }
    plans.sort_by(|a, b| {
        let key = |p: &Plan| (p.period.map(|(s, _)| s), p.date);
        key(b).cmp(&key(a)).then_with(|| a.slug.cmp(&b.slug))
    });
    Site { plans }
}

fn outline(draft: PlanDraft, diags: &mut Diagnostics) -> Option<Outline> {
    let errors_before = diags
        .iter()
        .filter(|d| d.severity == crate::diagnostic::Severity::Error)
        .count();
    crate::plan::lint::lint(&draft, diags);
    let section_order = order_sections(&draft, diags);
    let period = check_period(&draft, diags);
    let month_files = place_months(&draft, period, diags);
    let ids = assign_ids(&draft, &section_order, diags);
    let errors_after = diags
        .iter()
        .filter(|d| d.severity == crate::diagnostic::Severity::Error)
        .count();
    (errors_after == errors_before).then_some(Outline {
        draft,
        section_order,
        period,
        month_files,
        ids,
    })
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
                        crate::diagnostic::display_path(&draft.sections[j].draft.file.path)
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
                        crate::diagnostic::display_path(&draft.sections[j].draft.file.path)
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
                            crate::diagnostic::display_path(&draft.sections[j].draft.file.path)
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
                    crate::diagnostic::display_path(&draft.plan.file.path),
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
                        crate::diagnostic::display_path(other)
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

/// The number as printed: the author's label, with a full stop unless it already ends in
/// punctuation ("I" → "I.", "V-" stays "V-").
pub fn section_label(number: &str) -> String {
    let n = number.trim();
    if n.ends_with(['.', '-', ')', ':', '–']) {
        n.to_owned()
    } else {
        format!("{n}.")
    }
}

/// Builds the plan from its outline, which it consumes: each body's text is moved, not copied,
/// and each draft body is freed as soon as its plan body is made (an archive's drafts are
/// hundreds of megabytes).
fn build_plan(mut o: Outline, config: &Config, index: &FileIndex, diags: &mut Diagnostics) -> Plan {
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
    let meta = &d.plan.meta;
    let motto = meta
        .motto
        .as_deref()
        .or(config.motto.as_deref())
        .map(|m| {
            m.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    Plan {
        slug: d.slug.clone(),
        source: d.plan.file.path.clone(),
        title: meta.title.clone(),
        kind: meta.kind.clone(),
        subject: meta.subject.clone(),
        number: meta.number.clone(),
        date: meta.date,
        place: meta.place.clone(),
        motto,
        issuer: meta.issuer.clone(),
        period: o.period,
        signer: meta.signer.clone(),
        recipients: meta.recipients.clone(),
        description: meta.description.clone(),
        draft: meta.draft,
        extra: meta.extra.clone(),
        preamble,
        preamble_text: d.plan.body.text.clone(),
        closing,
        closing_text: d.closing.as_ref().map(|c| c.text.clone()),
        headings: plan_headings,
        sections,
        months,
        assets: d.assets.clone(),
    }
}

fn build_month(
    o: &mut Outline,
    ym: YearMonth,
    index: &FileIndex,
    diags: &mut Diagnostics,
) -> Month {
    let Some(&i) = o.month_files.get(&ym) else {
        return Month {
            month: ym,
            source: None,
            title: None,
            activities: Vec::new(),
            events: Vec::new(),
            notes: Default::default(),
            extra: Default::default(),
        };
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
