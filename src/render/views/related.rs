//! What a plan's own pages show of the other plans of the site: the plans it is based on and
//! those based on it (`plan.based_on`, `plan.cited_by`), and the same year's plans of the
//! other organisations (`same_year`).

use serde::Serialize;

use super::Views;
use super::home::{Latest, PlanSummary};
use crate::plan::{Citation, Plan};
use crate::render::here::Here;

/// A plan named by this one (`plan.based_on[]`) or naming it (`plan.cited_by[]`).
#[derive(Debug, Serialize)]
pub struct CitationView<'a> {
    /// Its slug.
    pub slug: &'a str,
    /// URL of its document page (in an archive of one plan: as the archive writes links to
    /// other plans).
    pub url: String,
    /// Its title.
    pub title: &'a str,
    /// Its number and symbol ("01-KH/CB").
    pub number: Option<&'a str>,
    /// Its date of issue written out ("ngày 10 tháng 01 năm 2024").
    pub date_text: Option<String>,
}

/// The organisation a plan belongs to, as the site groups plans (none: the plans that name
/// none, one organisation together).
fn organisation(plan: &Plan) -> Option<&str> {
    plan.organisation.as_ref().map(|o| o.slug.as_str())
}

impl<'a> Views<'a> {
    /// `citations` as shown on the page `here`.
    pub fn citations(&self, citations: &'a [Citation], here: &Here<'_>) -> Vec<CitationView<'a>> {
        citations
            .iter()
            .map(|c| CitationView {
                slug: &c.slug,
                url: here.target_url(&c.target()),
                title: &c.title,
                number: c.number.as_deref(),
                date_text: c.date.map(|d| self.language.long_date(d)),
            })
            .collect()
    }

    /// The plans of `plans` (newest first) of the same year as `plan` ([`Plan::same_year`])
    /// that belong to another organisation: grouped by organisation in the home page's order
    /// (each one's newest plan first), newest first within each; `latest` marks an
    /// organisation's newest plan. Empty on a site of one organisation.
    pub fn same_year(
        &self,
        plans: &[&'a Plan],
        plan: &Plan,
        here: &Here<'_>,
    ) -> Vec<PlanSummary<'a>> {
        let own = organisation(plan);
        let order = self.organisation_order(plans);
        // The index of each organisation's newest plan.
        let mut newest: Vec<Option<usize>> = vec![None; order.len() + 1];
        for (i, p) in plans.iter().enumerate() {
            newest[Views::organisation_rank(&order, p)].get_or_insert(i);
        }
        let mut picked: Vec<(usize, usize)> = plans
            .iter()
            .enumerate()
            .filter(|(_, p)| organisation(p) != own && p.same_year(plan))
            .map(|(i, p)| (Views::organisation_rank(&order, p), i))
            .collect();
        picked.sort_unstable();
        picked
            .into_iter()
            .map(|(rank, i)| {
                let latest = if newest[rank] == Some(i) {
                    Latest::Yes
                } else {
                    Latest::No
                };
                self.summary(plans[i], here, latest)
            })
            .collect()
    }
}
