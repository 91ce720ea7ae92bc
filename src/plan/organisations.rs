//! Which organisation each plan belongs to, told apart across the site: a plan's own
//! `organisation`, else its issuer's name. Two issuers of the same name under different parent
//! bodies (the "CHI BỘ TRƯỜNG MẦM NON" of two communes, on a district's site) are two
//! organisations, each named with its parent; the same name under one parent, or with no
//! parent written, stays one.

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Diagnostics, did_you_mean};
use crate::plan::model::{Organisation, Plan};

/// A warning for each name of `organisations` in plansite.toml that no plan belongs to.
pub fn check_listed(plans: &[Plan], config: &Settings, diags: &mut Diagnostics) {
    let Some((file, at)) = &config.organisations_at else {
        return;
    };
    let mut names: Vec<&Organisation> = Vec::new();
    for org in plans.iter().filter_map(|p| p.organisation.as_ref()) {
        if !names.iter().any(|n| n.slug == org.slug) {
            names.push(org);
        }
    }
    for listed in &config.organisations {
        if names.iter().any(|o| o.slug == listed.slug) {
            continue;
        }
        // Compared by their slugs: case and accents do not count.
        let best = did_you_mean(&listed.slug, names.iter().map(|o| o.slug.as_str()))
            .and_then(|slug| names.iter().find(|o| o.slug == slug));
        let hint = match best {
            Some(best) => format!("did you mean `{}`?", best.name),
            None if names.is_empty() => "no plan names an organisation or an issuer yet".to_owned(),
            None => format!(
                "the organisations are: {}",
                names
                    .iter()
                    .map(|o| format!("`{}`", o.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        diags.push(
            Diagnostic::warning(
                file,
                format!(
                    "`organisations` lists `{}`, which no plan belongs to",
                    listed.name
                ),
            )
            .at_opt(*at)
            .hint(hint),
        );
    }
}

/// Tells apart the organisations of `plans` that share a name under different parents.
pub fn tell_apart(plans: &mut [Plan]) {
    // The parent of each plan whose organisation is its issuer's name.
    let parents: Vec<Option<String>> = plans.iter().map(issuer_parent).collect();
    let mut renamed: Vec<Option<Organisation>> = vec![None; plans.len()];
    for (i, plan) in plans.iter().enumerate() {
        let (Some(org), Some(parent)) = (&plan.organisation, &parents[i]) else {
            continue;
        };
        let mut others = plans.iter().zip(&parents).filter_map(|(p, parent)| {
            let same = p.organisation.as_ref().is_some_and(|o| o.slug == org.slug);
            parent.as_ref().filter(|_| same)
        });
        let shared =
            others.all(|other| crate::slug::slugify(other) == crate::slug::slugify(parent));
        if !shared {
            renamed[i] = Organisation::named(&format!("{} – {parent}", org.name));
        }
    }
    for (plan, new) in plans.iter_mut().zip(renamed) {
        if let Some(new) = new {
            plan.organisation = Some(new);
        }
    }
}

/// The issuer's parent body, when the plan's organisation is its issuer's name.
fn issuer_parent(plan: &Plan) -> Option<String> {
    let issuer = plan.issuer.as_ref()?;
    let from_issuer = Organisation::named(&issuer.name)
        .zip(plan.organisation.as_ref())
        .is_some_and(|(named, org)| named.slug == org.slug);
    issuer
        .parent
        .as_deref()
        .map(str::trim)
        .filter(|p| from_issuer && !p.is_empty())
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
}
