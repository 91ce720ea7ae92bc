//! Which organisation each plan belongs to, told apart across the site: a plan's own
//! `organisation`, else its issuer's name. Two issuers of the same name under different parent
//! bodies (the "CHI BỘ TRƯỜNG MẦM NON" of two communes, on a district's site) are two
//! organisations, each named with its parent; the same name under one parent, or with no
//! parent written, stays one.

use crate::plan::model::{Organisation, Plan};

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
