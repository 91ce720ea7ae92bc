//! A plan's head: the plan without its bodies. What a plan's header (its plan file's front
//! matter) says, how many sections it has and how many activities each month — all the other
//! plans' pages and the site's lists show of it — made from its outline before any link is
//! resolved; and its light form ([`lighten`]) that the site's own pages read once it is
//! built. Both keep their sections as empty slots: only their number is shown elsewhere.

use crate::config::Settings;
use crate::date::YearMonth;
use crate::plan::model::{Activity, Body, Month, Organisation, Plan, Section};
use crate::plan::outline::Outline;

/// The plan of the outline `o` without its bodies: its header, as many (empty) sections as
/// it has, its months with as many activities as they have (each empty) and no events — what the other
/// plans' pages and the site's lists show of it. A change to a body leaves it as it is.
pub(crate) fn head(o: &Outline, config: &Settings) -> Plan {
    let mut plan = header(o, config);
    // Only their number shows elsewhere (a plan's summary).
    plan.sections = vec![Section::default(); o.section_order.len()];
    plan.months = o
        .period
        .map(|(start, end)| {
            start
                .through(end)
                .map(|ym| {
                    let activities = o
                        .month_files
                        .get(&ym)
                        .map_or(0, |&i| o.draft.months[i].draft.body.items.len());
                    Month {
                        activities: vec![Activity::default(); activities],
                        ..empty_month(ym)
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    plan
}

/// `plan` without what only its own pages show (bodies, texts, headings): what the site's
/// own pages (home, search, months across the site, calendar) read of it. Its months are
/// kept whole.
pub fn lighten(mut plan: Plan) -> Plan {
    plan.preamble = Body::default();
    plan.preamble_text = String::new();
    if let Some(c) = &mut plan.closing {
        *c = Body::default();
    }
    if let Some(c) = &mut plan.closing_text {
        c.clear();
        c.shrink_to_fit();
    }
    plan.headings = Vec::new();
    // Only their number shows on the site's pages (a plan's summary).
    plan.sections = vec![Section::default(); plan.sections.len()];
    plan
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

/// The plan's header: what its plan file's front matter says, with no body, section or month.
pub(crate) fn header(o: &Outline, config: &Settings) -> Plan {
    let d = &o.draft;
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
        preamble: Body::default(),
        preamble_text: String::new(),
        closing: None,
        closing_text: None,
        headings: Vec::new(),
        sections: Vec::new(),
        months: Vec::new(),
        assets: d.assets.clone(),
    }
}

/// A month of the period without a file.
pub(crate) fn empty_month(ym: YearMonth) -> Month {
    Month {
        month: ym,
        source: None,
        title: None,
        activities: Vec::new(),
        events: Vec::new(),
        notes: Body::default(),
        extra: Default::default(),
    }
}
