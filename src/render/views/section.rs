//! A section's own page: `section.html` (its `section` variable is made in [`super::plan`],
//! as the items of `plan.sections`).

use serde::Serialize;

use super::plan::{Detail, PlanView, SectionHtml, SectionView};
use super::{Near, PageView, SiteView, Views, plan_description};
use crate::plan::{Plan, Section};
use crate::render::here::Here;

/// Context of `section.html`.
#[derive(Serialize)]
pub struct SectionContext<'a> {
    /// `site`.
    pub site: SiteView<'a>,
    /// `page`.
    pub page: PageView,
    /// Only for the section with the month table; the others get the plan's shared outline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<PlanView<'a>>,
    /// `section`.
    pub section: SectionView<'a>,
    /// The section before it, if any.
    pub prev: Option<SectionView<'a>>,
    /// The section after it, if any.
    pub next: Option<SectionView<'a>>,
}

impl<'a> Views<'a> {
    /// The context of the page (`here`) of the section `near.this` of `plan`.
    pub fn section_page(
        &self,
        plan: &'a Plan,
        near: Near<'a, Section>,
        here: &Here<'_>,
    ) -> SectionContext<'a> {
        let s = near.this;
        let around =
            |s: Option<&'a Section>| s.map(|s| self.section(plan, s, here, SectionHtml::Omitted));
        let section = self.section(plan, s, here, SectionHtml::Shown);
        SectionContext {
            site: self.site(),
            page: self.page(
                here,
                "section",
                format!("{} – {}", section.heading, plan.title),
                s.description.as_deref().or(plan_description(plan)),
            ),
            // The section holding the month table needs the months; the others share the
            // plan's outline.
            plan: s.timeline.then(|| self.plan(plan, here, Detail::Months)),
            prev: around(near.prev),
            next: around(near.next),
            section,
        }
    }
}
