//! Resolve: turns parsed drafts into the checked [`Site`]. Each plan's structure is decided on
//! its own (`plan::outline`); then every link is checked against the index of all outlines
//! (`plan::links`), and each plan is built, its bodies moved in.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::config::Settings;
use crate::date::YearMonth;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::parse::PlanDraft;
use crate::parse::markdown::Markdown;
use crate::plan::citations::{PlanNames, cited_by};
use crate::plan::links::{FileIndex, assemble};
use crate::plan::model::{Activity, Event, HeadingEntry, Month, Organisation, Plan, Section, Site};
use crate::plan::outline::{Outline, outline};

/// Resolves all plans. Plans with errors are left out; their problems are in `diags`.
pub fn resolve(drafts: Vec<PlanDraft>, config: &Settings, diags: &mut Diagnostics) -> Site {
    let names: Vec<(String, String)> = drafts
        .iter()
        .map(|d| (d.folder.clone(), d.slug.clone()))
        .collect();
    let outlines = outlines(drafts, diags);
    let index = FileIndex::new(&outlines);
    let plan_names = PlanNames::new(
        names.iter().map(|(f, s)| (f.as_str(), s.as_str())),
        &outlines,
    );
    // In parallel; each plan's problems are kept with it, and added in the plans' order.
    let built: Vec<(Plan, Diagnostics)> = outlines
        .into_par_iter()
        .map(|o| {
            let mut plan_diags = Diagnostics::new();
            let based_on = plan_names.based_on(&o.draft, &mut plan_diags);
            let mut plan = build_plan(o, config, &index, &mut plan_diags);
            plan.based_on = based_on;
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
    crate::plan::organisations::tell_apart(&mut plans);
    crate::plan::organisations::check_listed(&plans, config, diags);
    cited_by(&mut plans);
    Site { plans }
}

/// The outlines of the plans that have no error (and a slug no earlier plan took).
fn outlines(drafts: Vec<PlanDraft>, diags: &mut Diagnostics) -> Vec<Outline> {
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
        if crate::plan::model::SITE_FOLDERS.contains(&draft.slug.as_str()) {
            let at = crate::parse::front_matter::find_key(&draft.plan.file, "slug");
            diags.push(
                Diagnostic::error(
                    &path,
                    format!(
                        "the web address `{}` cannot be used: the site's own pages are in a \
                         folder of that name",
                        draft.slug
                    ),
                )
                .at_opt(at)
                .hint("rename the plan's folder, or set another `slug`"),
            );
            continue;
        }
        slugs.insert(draft.slug.clone(), path);
        match outline(draft) {
            Ok((outline, warnings)) => {
                diags.extend(warnings);
                outlines.push(outline);
            }
            Err(problems) => diags.extend(problems),
        }
    }
    outlines
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
fn build_plan(
    mut o: Outline,
    config: &Settings,
    index: &FileIndex,
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
        organisation: meta
            .organisation
            .as_deref()
            .or(meta.issuer.as_ref().map(|i| i.name.as_str()))
            .and_then(Organisation::named),
        based_on: Vec::new(),
        cited_by: Vec::new(),
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
