//! The build, one plan at a time. Memory holds the whole site only in small form — every
//! plan's survey (its link targets and its head) — and one plan's bodies per thread at a
//! time:
//!
//! 1. **walk** `content/`, stamping every file before anything reads it;
//! 2. **pass one**: each plan read, parsed and outlined on its own, and only its survey kept
//!    (`crate::plan::survey`); the site's [`Context`] (link index, heads in order) made from
//!    them all;
//! 3. **pass two**: one plan at a time, read and parsed again, built against the context (every link
//!    resolved), rendered, handed to the sink, and dropped but for its light form;
//! 4. **the site's own pages** from the light forms.
//!
//! With the previous build's [`Cache`], a plan none of whose files changed skips pass one,
//! and one whose pages would come out the same — same site around it ([`site_digest`]),
//! same plans it links into, its published files as they were — skips pass two: its files
//! are kept ([`crate::output::Content::Kept`]). A change to anything global (program,
//! settings, theme) drops the whole cache.

pub(crate) mod cache;
mod plan;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use crate::config::Settings;
use crate::diagnostic::Diagnostics;
use crate::output::{Output, Sink};
use crate::plan::Plan;
use crate::plan::head::lighten;
use crate::plan::survey::{Context, Survey, leave_out_clashes};
use crate::render::PlanByPlan;
use crate::render::theme::Theme;
use crate::render::views::Near;
use crate::stamp::Hash;
use cache::{Cache, OutputRecord, PlanRecord, Rendered};
use plan::{Surveyed, keepable, links_into, outline_again, survey_folder};

/// What a run needs.
pub(crate) struct Inputs<'a> {
    /// The site folder.
    pub(crate) root: &'a Path,
    /// Its settings.
    pub(crate) settings: &'a Settings,
    /// Its theme; none when it has errors (then nothing is rendered, but the content is
    /// still checked).
    pub(crate) theme: Option<&'a Theme>,
}

/// What a run did.
pub(crate) struct Ran {
    /// What it made, or its problems (then nothing is to be published).
    pub(crate) result: Result<Made, Diagnostics>,
    /// The records for the next run (the outputs of plans rendered now not yet stamped).
    /// After a failed run they describe what was published before it.
    pub(crate) cache: Cache,
}

/// What a successful run made besides its files.
pub(crate) struct Made {
    /// The warnings.
    pub(crate) warnings: Diagnostics,
    /// How many plans the site has.
    pub(crate) plans: usize,
    /// How many plans were rendered (the others were kept).
    pub(crate) rendered: usize,
}

/// Runs the build of `inputs` into `sink`, using what `previous` can prove still true;
/// `published` says whether a file the previous build published is still as it was.
pub(crate) fn run(
    inputs: &Inputs<'_>,
    previous: Cache,
    sink: &dyn Sink,
    published: &(dyn Fn(&OutputRecord) -> bool + Sync),
) -> Ran {
    let root = inputs.root;
    let settings = inputs.settings;
    let clock = crate::stages::Stages::start();
    let walked = crate::load::walk_content(root);
    let mut diags = walked.diags;
    let key = previous.key;
    let mut records: HashMap<String, PlanRecord> = previous
        .plans
        .into_iter()
        .map(|r| (r.folder.clone(), r))
        .collect();
    let jobs: Vec<_> = walked
        .plans
        .into_iter()
        .map(|folder| {
            let record = records.remove(&folder.folder);
            (folder, record)
        })
        .collect();
    drop(records);
    clock.done("walk");

    // Pass one.
    let surveyed: Vec<Surveyed> = jobs
        .into_par_iter()
        .map(|(folder, record)| survey_folder(root, settings, folder, record))
        .collect();
    let mut surveys = Vec::new();
    let mut plans: Vec<Surveyed> = Vec::with_capacity(surveyed.len());
    for mut s in surveyed {
        if let Some(survey) = s.survey.take() {
            s.at = Some(surveys.len());
            surveys.push(survey);
        }
        plans.push(s);
    }
    leave_out_clashes(&mut surveys, &mut diags);
    // What pass one found: the walk's problems, and those of reading and outlining each plan
    // that stays in the site (a plan left out for its slug is reported for that alone).
    for p in &mut plans {
        diags.extend(std::mem::take(&mut p.folder.diags));
        if !p.at.is_some_and(|at| surveys[at].left_out) {
            diags.extend(p.diags.clone());
        }
    }
    let context = Context::new(&surveys, settings, &mut diags);
    clock.done("survey");

    // Pass two, and the site's own pages.
    let mut done: HashMap<String, Done> = HashMap::with_capacity(plans.len());
    let result: Result<(Diagnostics, usize, usize), Diagnostics> = 'work: {
        let by_slug: HashMap<&str, (&Surveyed, &Survey)> = plans
            .iter()
            .filter_map(|p| {
                let survey = &surveys[p.at?];
                survey.usable().map(|_| (survey.slug.as_str(), (p, survey)))
            })
            .collect();
        let index_hash = |slug: &str| by_slug.get(slug).and_then(|(p, _)| p.index_hash);
        let site = site_digest(&context.heads);
        let heads: Vec<&Plan> = context.heads.iter().collect();
        let stream = inputs
            .theme
            .map(|theme| PlanByPlan::new(root, settings, theme, sink));
        let render = stream.is_some() && !diags.has_errors();
        let nears = PlanByPlan::nears(&heads);
        let one = |near: &Near<'_, Plan>| -> Done {
            let Some((p, _)) = by_slug.get(near.this.slug.as_str()) else {
                return Done::default();
            };
            if let Some(kept) = keepable(p, &site, &index_hash, published) {
                if let Some(stream) = stream.as_ref().filter(|_| render) {
                    for o in &kept.outputs {
                        if let Err(d) = stream.keep(o.path.clone(), o.source.clone()) {
                            return Done::failed_render(d.into());
                        }
                    }
                }
                return Done {
                    kept: true,
                    ..Done::default()
                };
            }
            let outline = match outline_again(root, settings, p) {
                Ok(o) => o,
                Err(d) => return Done::failed(d),
            };
            let mut resolve_diags = Diagnostics::new();
            let Some(full) =
                crate::plan::resolve::build(outline, settings, &context, &mut resolve_diags)
            else {
                return Done::default();
            };
            let Some(stream) = stream
                .as_ref()
                .filter(|_| render && !resolve_diags.has_errors())
            else {
                return Done::failed(resolve_diags);
            };
            let outputs = match stream.plan(&heads, *near, &full) {
                Ok(outputs) => outputs,
                Err(d) => return Done::failed_render(d),
            };
            let links = links_into(&full)
                .into_iter()
                .filter_map(|slug| index_hash(&slug).map(|h| (slug, h)))
                .collect();
            Done {
                rendered: Some(Rendered {
                    site,
                    links_into: links,
                    light: lighten(full),
                    warnings: resolve_diags,
                    outputs: outputs
                        .into_iter()
                        .map(|(path, source)| OutputRecord {
                            path,
                            source,
                            stamp: None,
                        })
                        .collect(),
                }),
                ..Done::default()
            }
        };
        // One plan at a time, its files parsed and its pages rendered in parallel: rayon would
        // otherwise start another plan whenever a thread waits inside one, and hold many plans'
        // bodies at once. (Two at a time was no faster, and took half as much memory again.)
        for near in &nears {
            done.insert(near.this.slug.clone(), one(near));
        }
        clock.done("plans");
        let mut render_diags = Diagnostics::new();
        let mut rendered = 0;
        for d in done.values_mut() {
            diags.extend(std::mem::take(&mut d.resolve));
            render_diags.extend(std::mem::take(&mut d.render));
            rendered += usize::from(d.rendered.is_some());
        }
        let light = |slug: &str| -> Option<&Rendered> {
            let d = done.get(slug)?;
            if d.kept {
                by_slug.get(slug)?.0.previous.as_ref()
            } else {
                d.rendered.as_ref()
            }
        };
        for h in &heads {
            if let Some(r) = light(&h.slug) {
                diags.extend(r.warnings.clone());
            }
        }
        if diags.has_errors() {
            break 'work Err(diags);
        }
        if render_diags.has_errors() {
            let mut render_diags = crate::render::errors::merge_repeats(render_diags);
            render_diags.extend(diags);
            break 'work Err(render_diags);
        }
        let lights: Vec<&Plan> = heads
            .iter()
            .filter_map(|h| light(&h.slug).map(|r| &r.light))
            .collect();
        let count = lights.len();
        if let Some(stream) = stream
            && let Err(mut d) = stream.finish(&lights)
        {
            d.extend(diags);
            break 'work Err(d);
        }
        clock.done("site pages");
        Ok((diags, count, rendered))
    };
    drop(context);

    // The records for the next build.
    let mut surveys: Vec<Option<Survey>> = surveys.into_iter().map(Some).collect();
    let mut cache = Cache::empty(key);
    for p in plans {
        let Some(survey) = p.at.and_then(|at| surveys[at].take()) else {
            continue;
        };
        // After a failed build, what the previous build rendered is still what is published.
        let rendered = match done.remove(&survey.slug) {
            Some(d) if result.is_ok() && !d.kept => d.rendered,
            _ => p.previous,
        };
        cache.plans.push(PlanRecord {
            folder: p.folder.folder,
            files: p.files,
            rendered: rendered.filter(|_| !survey.left_out),
            survey,
            index_hash: p.index_hash,
            warnings: p.diags,
        });
    }
    Ran {
        result: result.map(|(warnings, plans, rendered)| Made {
            warnings,
            plans,
            rendered,
        }),
        cache,
    }
}

/// What pass two did with one plan.
#[derive(Default)]
struct Done {
    /// What was rendered of it now.
    rendered: Option<Rendered>,
    /// Whether its files were kept from the previous build (whose record says what they are).
    kept: bool,
    /// Problems resolving it.
    resolve: Diagnostics,
    /// Problems rendering it.
    render: Diagnostics,
}

impl Done {
    fn failed(resolve: Diagnostics) -> Done {
        Done {
            resolve,
            ..Done::default()
        }
    }

    fn failed_render(render: Diagnostics) -> Done {
        Done {
            render,
            ..Done::default()
        }
    }
}

/// The hash of what a plan's pages show of the site around it: every plan's head, in the
/// site's order.
fn site_digest(heads: &[Plan]) -> Hash {
    plan::hash_serialized(&heads)
}

/// A sink that passes files on and keeps nothing: `check`, which renders every page and
/// publishes none.
pub(crate) struct Discard;

impl Sink for Discard {
    fn put(&self, _: Output) -> Result<(), crate::diagnostic::Diagnostic> {
        Ok(())
    }
}
