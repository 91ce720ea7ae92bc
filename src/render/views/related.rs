//! What a plan's own pages show of the other plans of the site: the same year's plans of the
//! other organisations (`same_year`).

use super::Views;
use super::home::{Latest, PlanSummary};
use crate::plan::Plan;
use crate::render::here::Here;

/// The organisation a plan belongs to, as the site groups plans (none: the plans that name
/// none, one organisation together).
fn organisation(plan: &Plan) -> Option<&str> {
    plan.organisation.as_ref().map(|o| o.slug.as_str())
}

impl<'a> Views<'a> {
    /// The plans of `plans` (newest first) of the same year as `plan` ([`Plan::same_year`])
    /// that belong to another organisation: grouped by organisation in the home page's order
    /// (each one's newest plan first), newest first within each; `latest` marks an
    /// organisation's newest plan. Empty on a site of one organisation.
    pub fn same_year(
        &self,
        plans: &'a [Plan],
        plan: &Plan,
        here: &Here<'_>,
    ) -> Vec<PlanSummary<'a>> {
        let own = organisation(plan);
        // Organisations in order of their newest plan, with that plan's index.
        let mut firsts: Vec<(Option<&str>, usize)> = Vec::new();
        for (i, p) in plans.iter().enumerate() {
            let org = organisation(p);
            if !firsts.iter().any(|(o, _)| *o == org) {
                firsts.push((org, i));
            }
        }
        let mut picked: Vec<(usize, usize)> = plans
            .iter()
            .enumerate()
            .filter(|(_, p)| organisation(p) != own && p.same_year(plan))
            .filter_map(|(i, p)| {
                let rank = firsts.iter().position(|(o, _)| *o == organisation(p))?;
                Some((rank, i))
            })
            .collect();
        picked.sort_unstable();
        picked
            .into_iter()
            .map(|(rank, i)| {
                let latest = if firsts[rank].1 == i {
                    Latest::Yes
                } else {
                    Latest::No
                };
                self.summary(&plans[i], here, latest)
            })
            .collect()
    }
}
