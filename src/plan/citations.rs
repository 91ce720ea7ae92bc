//! Citations between plans: a plan's `based_on` names other plans of the site ("căn cứ"),
//! by folder name, slug or the path of their `_index.md`. Each name is checked like an
//! internal link (a plan that does not exist is an error with the closest name; a plan
//! naming itself is an error) and becomes a [`Citation`]; once the plans are built, each
//! cited plan learns which plans cite it. Plans citing each other in a ring are allowed:
//! each simply links to the other.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics, Position, did_you_mean};
use crate::load::PLAN_FILE;
use crate::plan::links::{content_key, join};
use crate::plan::model::{Citation, Plan};

/// The plans a `based_on` name can mean, by folder name and by slug.
pub(crate) struct PlanNames {
    /// Each name of a plan that built (its outline succeeded), with what a citation shows.
    plans: BTreeMap<String, Citation>,
    /// Names of plans that exist but have errors of their own (already reported): citing
    /// them is not reported again.
    broken: Vec<String>,
    /// Every folder name, for suggestions.
    folders: Vec<String>,
}

impl PlanNames {
    /// The names of every plan: its folder, its slug, and how a citation shows it when it
    /// builds (none when it has errors of its own).
    pub(crate) fn new<'p>(
        plans_found: impl IntoIterator<Item = (&'p str, &'p str, Option<&'p Citation>)> + Clone,
    ) -> PlanNames {
        let mut plans = BTreeMap::new();
        for (folder, _, citation) in plans_found.clone() {
            if let Some(citation) = citation {
                plans.insert(folder.to_owned(), citation.clone());
                plans
                    .entry(citation.slug.clone())
                    .or_insert_with(|| citation.clone());
            }
        }
        let mut broken = Vec::new();
        let mut folders = Vec::new();
        for (folder, slug, _) in plans_found {
            folders.push(folder.to_owned());
            if !plans.contains_key(folder) {
                broken.extend([folder.to_owned(), slug.to_owned()]);
            }
        }
        PlanNames {
            plans,
            broken,
            folders,
        }
    }

    /// The plans the plan `slug`, whose plan file is `file`, is based on (`based_on`: each
    /// name with where it is written); each wrong name is reported.
    pub(crate) fn based_on(
        &self,
        file: &Path,
        slug: &str,
        based_on: &[(String, Option<Position>)],
        diags: &mut Diagnostics,
    ) -> Vec<Citation> {
        let mut cited: Vec<Citation> = Vec::new();
        for (name, at) in based_on {
            let at = *at;
            let folder = self.folder(file, name);
            match folder.as_deref().and_then(|f| self.plans.get(f)) {
                Some(c) if c.slug == slug => diags.push(
                    Diagnostic::error(file, "a plan cannot be based on itself")
                        .at_opt(at)
                        .hint(format!("remove `{name}` from `based_on`")),
                ),
                Some(c) => {
                    if !cited.iter().any(|x| x.slug == c.slug) {
                        cited.push(c.clone());
                    }
                }
                None if folder.is_some_and(|f| self.broken.contains(&f)) => {}
                None => diags.push(self.no_such_plan(file, name).at_opt(at)),
            }
        }
        cited
    }

    /// The folder (or slug) `name` means, written in the plan file `from`: a path when it
    /// has a `/` or ends in `.md`, else the name itself. None for a path out of `content/`.
    fn folder(&self, from: &Path, name: &str) -> Option<String> {
        let name = name.trim();
        if !name.contains(['/', '\\']) && !name.ends_with(".md") {
            return Some(name.to_owned());
        }
        let key = join(&content_key(from), name)?;
        let folder = key.strip_suffix(PLAN_FILE).unwrap_or(&key);
        Some(folder.trim_end_matches('/').to_owned())
    }

    /// The error for a name that is no plan of the site, with the closest plan's name
    /// written the way the author wrote theirs.
    fn no_such_plan(&self, file: &Path, name: &str) -> Diagnostic {
        let d = Diagnostic::error(
            file,
            format!("`based_on` names `{name}`, which is not a plan of this site"),
        );
        let wanted = self.folder(file, name).unwrap_or_default();
        let best = did_you_mean(&wanted, self.folders.iter().map(String::as_str));
        match best {
            Some(best) if name.trim() != wanted => d.hint(format!(
                "did you mean `{}`?",
                name.replacen(&wanted, best, 1)
            )),
            Some(best) => d.hint(format!("did you mean `{best}`?")),
            None => d.hint(format!(
                "name a plan by its folder under content/ (`2024-chi-bo`) or by its \
                 {PLAN_FILE} (`../2024-chi-bo/{PLAN_FILE}`)"
            )),
        }
    }
}

/// Fills each plan's `cited_by` from the others' `based_on`, in the plans' order (newest
/// first).
pub(crate) fn cited_by(plans: &mut [Plan]) {
    let mut citing: BTreeMap<String, Vec<Citation>> = BTreeMap::new();
    for p in plans.iter() {
        for c in &p.based_on {
            citing
                .entry(c.slug.clone())
                .or_default()
                .push(Citation::of(p));
        }
    }
    for p in plans.iter_mut() {
        if let Some(list) = citing.remove(&p.slug) {
            p.cited_by = list;
        }
    }
}
