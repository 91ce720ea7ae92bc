//! The survey: what each plan offers the others, taken from its outline before any link is
//! resolved — its linkable files and anchors (`IndexPart`), how a citation shows it, the
//! `based_on` names it writes, and its head (the plan without its bodies: what the other
//! plans' pages and the site's lists show of it). Surveys are small, so a build keeps every
//! plan's while it resolves and renders the plans one at a time, and a rebuild keeps them
//! between builds for the plans that did not change.
//!
//! `Context` is made from every survey: the link index, and the heads in the site's order
//! with what only the whole site decides (an organisation's name told apart from another's of
//! the same name, the plans based on each).

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Diagnostics, Position, native_path};
use crate::parse::{PlanDraft, find_value};
use crate::plan::citations::{PlanNames, cited_by};
use crate::plan::head::head;
use crate::plan::links::{FileIndex, IndexPart};
use crate::plan::model::{Citation, Plan, SITE_FOLDERS};
use crate::plan::outline::{Outline, outline};

/// What a plan offers the others.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Survey {
    /// The folder's name under `content/`.
    pub folder: String,
    /// The slug it asks for.
    pub slug: String,
    /// Its plan file.
    pub plan_file: PathBuf,
    /// Where the plan file sets `slug`, if it does.
    pub slug_at: Option<Position>,
    /// What the others need of it; `None` when it has errors of its own (it is left out).
    pub known: Option<Known>,
    /// Left out of this site: its slug clashes with an earlier plan's or with the site's
    /// own folders (decided by `Context::new` each build).
    #[serde(default)]
    pub left_out: bool,
}

impl Survey {
    /// What the others may use of it: its known part, unless it has errors or is left out.
    pub fn usable(&self) -> Option<&Known> {
        self.known.as_ref().filter(|_| !self.left_out)
    }
}

/// What the other plans need of a plan whose outline succeeded.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Known {
    /// Its linkable files and anchors.
    pub(crate) index: IndexPart,
    /// How a citation of it shows it.
    pub citation: Citation,
    /// `based_on` as written: each name, and where.
    pub based_on: Vec<(String, Option<Position>)>,
    /// The plan without bodies (see `head`).
    pub head: Plan,
}

/// Surveys the plan `draft`: its outline (`None` when it has errors) and its survey, with
/// the outline's warnings or problems.
pub(crate) fn survey(
    draft: PlanDraft,
    config: &Settings,
) -> (Survey, Option<Outline>, Diagnostics) {
    let mut survey = Survey {
        folder: draft.folder.clone(),
        slug: draft.slug.clone(),
        plan_file: draft.plan.file.path.clone(),
        slug_at: crate::parse::front_matter::find_key(&draft.plan.file, "slug"),
        known: None,
        left_out: false,
    };
    match outline(draft) {
        Ok((o, warnings)) => {
            let meta = &o.draft.plan.meta;
            let file = &o.draft.plan.file;
            survey.known = Some(Known {
                index: IndexPart::of(&o),
                citation: Citation {
                    slug: o.draft.slug.clone(),
                    title: meta.title.clone(),
                    number: meta.number.clone(),
                    date: meta.date,
                },
                based_on: meta
                    .based_on
                    .0
                    .iter()
                    .map(|name| (name.clone(), find_value(file, "based_on", name)))
                    .collect(),
                head: head(&o, config),
            });
            (survey, Some(o), warnings)
        }
        Err(problems) => (survey, None, problems),
    }
}

/// What the whole site decides of its plans, from their surveys.
pub(crate) struct Context<'a> {
    /// Every linkable file of the site.
    pub(crate) index: FileIndex<'a>,
    /// The heads of the plans that build, in the site's order (newest first), with their
    /// organisation told apart, `based_on` and `cited_by`.
    pub(crate) heads: Vec<Plan>,
    /// Position in `heads` by slug.
    by_slug: HashMap<String, usize>,
}

impl<'a> Context<'a> {
    /// Makes the site's context from `surveys` (in folder order), after
    /// [`leave_out_clashes`].
    pub(crate) fn new(
        surveys: &'a [Survey],
        config: &Settings,
        diags: &mut Diagnostics,
    ) -> Context<'a> {
        let names = PlanNames::new(surveys.iter().map(|s| {
            (
                s.folder.as_str(),
                s.slug.as_str(),
                s.usable().map(|k| &k.citation),
            )
        }));
        let mut heads = Vec::new();
        for s in surveys.iter() {
            if let Some(known) = s.usable() {
                let mut head = known.head.clone();
                head.based_on = names.based_on(&s.plan_file, &s.slug, &known.based_on, diags);
                heads.push(head);
            }
        }
        sort_plans(&mut heads);
        crate::plan::organisations::tell_apart(&mut heads);
        crate::plan::organisations::check_listed(&heads, config, diags);
        cited_by(&mut heads);
        let index = FileIndex::new(surveys.iter().filter_map(|s| s.usable().map(|k| &k.index)));
        let by_slug = heads
            .iter()
            .enumerate()
            .map(|(i, h)| (h.slug.clone(), i))
            .collect();
        Context {
            index,
            heads,
            by_slug,
        }
    }

    /// The head of the plan `slug`.
    pub(crate) fn head(&self, slug: &str) -> Option<&Plan> {
        self.by_slug.get(slug).map(|&i| &self.heads[i])
    }
}

/// The site's order of plans: newest period (else date) first, then by slug.
pub(crate) fn sort_plans(plans: &mut [Plan]) {
    plans.sort_by(|a, b| {
        let key = |p: &Plan| (p.period.map(|(s, _)| s), p.date);
        key(b).cmp(&key(a)).then_with(|| a.slug.cmp(&b.slug))
    });
}

/// Reports and leaves out (`left_out`) each plan whose slug an earlier plan took or that takes
/// a folder name of the site's own pages.
pub(crate) fn leave_out_clashes(surveys: &mut [Survey], diags: &mut Diagnostics) {
    let mut slugs: BTreeMap<String, PathBuf> = BTreeMap::new();
    for s in surveys.iter_mut() {
        s.left_out = false;
        if let Some(first) = slugs.get(&s.slug) {
            diags.push(
                Diagnostic::error(
                    &s.plan_file,
                    format!(
                        "two plans have the slug `{}` (the other is {})",
                        s.slug,
                        native_path(first)
                    ),
                )
                .hint("give one of them a different `slug` or folder name"),
            );
            s.left_out = true;
            continue;
        }
        if SITE_FOLDERS.contains(&s.slug.as_str()) {
            diags.push(
                Diagnostic::error(
                    &s.plan_file,
                    format!(
                        "the web address `{}` cannot be used: the site's own pages are in a \
                         folder of that name",
                        s.slug
                    ),
                )
                .at_opt(s.slug_at)
                .hint("rename the plan's folder, or set another `slug`"),
            );
            s.left_out = true;
            continue;
        }
        slugs.insert(s.slug.clone(), s.plan_file.clone());
    }
}
