//! Which plans a render makes: the whole site, or some of its plans alone (an archive), whose
//! links to the others are written by a policy of the caller's.

use crate::plan::{LinkTarget, Plan, Site};
use crate::render::here::Links;

/// Which plans a render makes, and how their links to plans outside it are written.
#[derive(Clone)]
pub struct Scope<'a> {
    /// The plans, newest first.
    pub(super) plans: Vec<&'a Plan>,
    /// How links to other plans are written.
    pub(super) links: Links<'a>,
}

impl<'a> Scope<'a> {
    /// Whether the scope is the whole site (which has the site's own month pages and
    /// calendar), not an archive.
    pub(super) fn is_site(&self) -> bool {
        matches!(self.links, Links::Relative)
    }

    /// The whole site, of these plans (newest first).
    pub(super) fn of(plans: &[&'a Plan]) -> Scope<'a> {
        Scope {
            plans: plans.to_vec(),
            links: Links::Relative,
        }
    }

    /// The whole site.
    pub fn site(site: &'a Site) -> Scope<'a> {
        Scope {
            plans: site.plans.iter().collect(),
            links: Links::Relative,
        }
    }

    /// Only the plans of `alone`, as a site of their own (an archive): its home page lists
    /// them alone, and their links to other plans' pages and files are written by its policy.
    pub fn alone(alone: &'a Alone<'a>) -> Scope<'a> {
        Scope {
            plans: alone.plans.clone(),
            links: Links::Alone {
                plans: &alone.slugs,
                href: alone.href,
            },
        }
    }
}

/// Some plans of the site, to be rendered as a site of their own (an archive), and the policy
/// for their links to the plans left out.
pub struct Alone<'a> {
    /// The plans, newest first.
    plans: Vec<&'a Plan>,
    /// Their slugs.
    slugs: Vec<&'a str>,
    /// The URL of a link to another plan's page or file (percent-encoded; pages escape it).
    href: &'a (dyn Fn(&LinkTarget) -> String + Sync),
}

impl<'a> Alone<'a> {
    /// `plans` (newest first, as the site lists them) alone; `href` writes their links to
    /// other plans' pages and files, as URLs (percent-encoded; pages escape them).
    pub fn new(
        plans: Vec<&'a Plan>,
        href: &'a (dyn Fn(&LinkTarget) -> String + Sync),
    ) -> Alone<'a> {
        let slugs = plans.iter().map(|p| p.slug.as_str()).collect();
        Alone { plans, slugs, href }
    }

    /// The plans, newest first.
    pub fn plans(&self) -> &[&'a Plan] {
        &self.plans
    }

    /// Their slugs.
    pub fn slugs(&self) -> &[&'a str] {
        &self.slugs
    }
}
