use std::path::Path;

use serde::Serialize;

use super::Views;
use super::home::Latest;
use super::plan::{Detail, SectionHtml};
use crate::config::Settings;
use crate::plan::PageId;
use crate::render::here::Here;
use crate::render::theme::Theme;

/// The field names of a serialised view.
fn fields(value: &impl Serialize) -> Vec<String> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

/// docs/templates.md must list every field a template receives, as `name.field`.
#[test]
fn every_view_field_is_documented() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/templates.md")).unwrap_or_default();
    let compiled = crate::compile(&crate::BuildOptions::new(root)).map_err(|d| format!("{d:?}"));
    let config = Settings::load(root, None).map_err(|d| d.to_string());
    let (Ok(compiled), Ok(config)) = (compiled, config) else {
        unreachable!("the repository's own site must build");
    };
    let Ok(theme) = Theme::load(root, &config.theme, &config.language) else {
        unreachable!("the default theme must load");
    };
    let views = Views {
        config: &config,
        language: &theme.language,
        has_preview_image: true,
        this_month: true,
    };
    let plan = &compiled.site.plans[0];
    let here = Here::new(PageId::Document {
        plan: plan.slug.clone(),
    });
    let groups = [
        ("site", fields(&views.site())),
        (
            "page",
            fields(&views.page(&here, "document", String::new(), None)),
        ),
        ("plans[]", fields(&views.summary(plan, &here, Latest::Yes))),
        ("plan", fields(&views.plan(plan, &here, Detail::Full))),
        (
            "section",
            fields(&views.section(plan, &plan.sections[0], &here, SectionHtml::Shown)),
        ),
        ("month", fields(&views.month(plan, &plan.months[0], &here))),
    ];
    let plans: Vec<&crate::plan::Plan> = compiled.site.plans.iter().collect();
    let months = super::site_month::site_months(&plans);
    let month = views.site_month(&plans, &months, 0, &here);
    let week = &month.grid.weeks[0];
    let groups = groups.into_iter().chain([
        ("months[]", fields(&month)),
        ("organisations[]", fields(&month.organisations[0])),
        ("grid", fields(&month.grid)),
        ("grid.weeks[]", fields(week)),
        ("day", fields(&week.days[0])),
    ]);
    let mut missing = Vec::new();
    for (name, keys) in groups {
        assert!(!keys.is_empty(), "{name} has no fields");
        for key in keys {
            let path = format!("`{name}.{key}`");
            if !doc.contains(&path) {
                missing.push(path);
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not documented in docs/templates.md: {missing:?}"
    );
}
