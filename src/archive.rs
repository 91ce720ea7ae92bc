//! `plansite archive PLAN` and `plansite archive --organisation ORG`: one plan, or every year
//! of one organisation, as a zip that unpacks into a self-contained site — the plans' pages, a
//! home page listing only them, and its own copy of the theme's files — which opens offline
//! from disk. The resolved site is rendered as it is, with those plans alone in scope and a
//! policy for their links to the other plans, which the archive does not contain. The zip is
//! deterministic: entries sorted, fixed timestamps (the newest date of issue among its plans,
//! else the first month of the period) and permissions.

use std::io::Write;
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;

use crate::config::BaseUrl;
use crate::diagnostic::{Diagnostic, Diagnostics, did_you_mean};
use crate::parse::markdown::escape_url;
use crate::plan::{Body, BodyPart, LinkTarget, Organisation, Plan, Site};
use crate::render::here::leaves;
use crate::render::{Alone, Content, Scope};
use crate::{BuildOptions, Prepared, prepare, render_prepared};

/// What `archive` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveSummary {
    /// What was archived: the plan's slug, or the organisation's name.
    pub name: String,
    /// How many plans the archive holds.
    pub plans: usize,
    /// The zip file.
    pub path: PathBuf,
    /// Files in it.
    pub files: usize,
    /// Its size in bytes.
    pub bytes: u64,
    /// Warnings (links that cannot work inside the archive).
    pub warnings: Diagnostics,
}

/// Archives the plan `slug` (or the plan whose folder is named so) into `output`, by default
/// `<slug>.zip` in the site folder.
pub fn archive(
    opts: &BuildOptions,
    slug: &str,
    output: Option<&Path>,
) -> Result<ArchiveSummary, Diagnostics> {
    let prepared = prepare(opts)?;
    let Some(plan) = prepared.site.plans.iter().find(|p| {
        p.slug == slug
            || p.source
                .parent()
                .and_then(|d| d.file_name())
                .is_some_and(|n| n == slug)
    }) else {
        let slugs: Vec<&str> = prepared
            .site
            .plans
            .iter()
            .map(|p| p.slug.as_str())
            .collect();
        let mut d = Diagnostic::site_error(format!("there is no plan `{slug}`"));
        d = match did_you_mean(slug, slugs.iter().copied()) {
            Some(best) => d.hint(format!("did you mean `{best}`?")),
            None => d.hint(format!("the plans are: {}", slugs.join(", "))),
        };
        return Err(d.into());
    };
    archive_plans(opts, &prepared, vec![plan], &plan.slug, output)
}

/// Archives every plan of the organisation `wanted` (its slug, or its name however it is
/// spelt) into `output`, by default `<organisation slug>.zip` in the site folder.
pub fn archive_organisation(
    opts: &BuildOptions,
    wanted: &str,
    output: Option<&Path>,
) -> Result<ArchiveSummary, Diagnostics> {
    let prepared = prepare(opts)?;
    let (organisation, plans) =
        organisation_plans(&prepared.site, wanted).map_err(Diagnostics::from)?;
    let mut summary = archive_plans(opts, &prepared, plans, &organisation.slug, output)?;
    summary.name.clone_from(&organisation.name);
    Ok(summary)
}

/// The organisation `wanted` (by slug or name) and its plans, newest first; or an error
/// suggesting the nearest organisation, else listing them.
fn organisation_plans<'a>(
    site: &'a Site,
    wanted: &str,
) -> Result<(&'a Organisation, Vec<&'a Plan>), Diagnostic> {
    let slug = Organisation::named(wanted).map_or_else(|| wanted.to_owned(), |o| o.slug);
    let plans: Vec<&Plan> = site
        .plans
        .iter()
        .filter(|p| p.organisation.as_ref().is_some_and(|o| o.slug == slug))
        .collect();
    if let Some(organisation) = plans.first().and_then(|p| p.organisation.as_ref()) {
        return Ok((organisation, plans));
    }
    // Each organisation once, by slug, named as its newest plan names it.
    let mut known: std::collections::BTreeMap<&str, &str> = std::collections::BTreeMap::new();
    for o in site.plans.iter().filter_map(|p| p.organisation.as_ref()) {
        known.entry(o.slug.as_str()).or_insert(o.name.as_str());
    }
    let d = Diagnostic::site_error(format!("there is no organisation `{wanted}`"));
    Err(if known.is_empty() {
        d.hint("no plan of this site names an organisation or an issuer; archive one plan with `plansite archive PLAN`")
    } else if let Some(best) = did_you_mean(&slug, known.keys().copied()) {
        d.hint(format!("did you mean `{best}` ({})?", known[best]))
    } else {
        let list: Vec<String> = known.iter().map(|(s, n)| format!("{s} ({n})")).collect();
        d.hint(format!("the organisations are: {}", list.join(", ")))
    })
}

/// Archives `plans` (newest first) under the folder `top` of the zip `output`, by default
/// `<top>.zip` in the site folder.
fn archive_plans(
    opts: &BuildOptions,
    prepared: &Prepared,
    plans: Vec<&Plan>,
    top: &str,
    output: Option<&Path>,
) -> Result<ArchiveSummary, Diagnostics> {
    let base_url = prepared.settings.base_url.as_ref();
    let href = |target: &LinkTarget| detached_href(target, base_url);
    let alone = Alone::new(plans, &href);
    let mut warnings = prepared.warnings.clone();
    for plan in alone.plans() {
        let detached = links_leaving(plan, alone.slugs());
        if detached > 0 {
            let hint = if base_url.is_some() {
                "they point at the published site (base_url) instead"
            } else {
                "they lead nowhere in the archive; set base_url (or --base-url) to point them at the published site"
            };
            warnings.push(
                Diagnostic::warning(
                    &plan.source,
                    format!("{detached} link(s) to other plans cannot work inside the archive"),
                )
                .hint(hint),
            );
        }
    }
    let outputs = render_prepared(&opts.root, prepared, Scope::alone(&alone))?;
    // The newest date among the plans: one plan's own date, as before.
    let date = alone
        .plans()
        .iter()
        .filter_map(|p| p.date.map(|d| d.0).or(p.period.map(|(s, _)| s.first_day())))
        .max();
    let path = output.map_or_else(|| opts.root.join(format!("{top}.zip")), Path::to_path_buf);
    let bytes = zip_site(&opts.root, top, &outputs, date).map_err(Diagnostics::from)?;
    write_atomically(&path, &bytes).map_err(Diagnostics::from)?;
    Ok(ArchiveSummary {
        name: top.to_owned(),
        plans: alone.plans().len(),
        path,
        files: outputs.len(),
        bytes: bytes.len() as u64,
        warnings,
    })
}

/// How many links `plan` has to the pages and files of plans not in `kept`: in its bodies,
/// and its citations.
fn links_leaving(plan: &Plan, kept: &[&str]) -> usize {
    let bodies = std::iter::once(&plan.preamble)
        .chain(plan.closing.as_ref())
        .chain(plan.sections.iter().map(|s| &s.body))
        .chain(plan.months.iter().flat_map(|m| {
            m.activities
                .iter()
                .map(|a| &a.body)
                .chain(std::iter::once(&m.notes))
        }));
    let in_bodies = bodies
        .flat_map(|body: &Body| &body.parts)
        .filter(|part| matches!(part, BodyPart::Link(target) if leaves(kept, target)))
        .count();
    // The plans it is based on and those based on it: each a link to another plan.
    let citations = plan
        .based_on
        .iter()
        .chain(&plan.cited_by)
        .filter(|c| !kept.contains(&c.slug.as_str()))
        .count();
    in_bodies + citations
}

/// The URL of a link to another plan, which the archive does not contain: its absolute
/// address when the site has a `base_url`, else the top of the page. (The page escapes it.)
fn detached_href(target: &LinkTarget, base_url: Option<&BaseUrl>) -> String {
    match base_url {
        // Percent-encoded as the site's own links are (`Here`): a file's name may hold a
        // space or a Vietnamese letter.
        Some(base) => {
            let fragment = target
                .anchor
                .as_deref()
                .map(|a| format!("#{}", escape_url(a)))
                .unwrap_or_default();
            let path = escape_url(&target.page.output_path());
            format!("{}{fragment}", base.absolute(&path))
        }
        None => "#top".to_owned(),
    }
}

/// The zip's bytes: every output under the folder `top/`, sorted.
fn zip_site(
    root: &Path,
    top: &str,
    outputs: &[crate::render::Output],
    date: Option<chrono::NaiveDate>,
) -> Result<Vec<u8>, Diagnostic> {
    use chrono::Datelike;
    let fail =
        |e: &dyn std::fmt::Display| Diagnostic::site_error(format!("cannot make the zip: {e}"));
    let when = date
        .and_then(|d| {
            let year = u16::try_from(d.year()).ok()?;
            zip::DateTime::from_date_and_time(year, d.month() as u8, d.day() as u8, 0, 0, 0).ok()
        })
        .unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(when)
        .unix_permissions(0o644)
        // Said outright: the zip crate's default is the building system (DOS on Windows), which
        // made the same plan's zip differ between Windows and Linux (scripts/windows-check).
        .system(zip::System::Unix);
    let mut sorted: Vec<&crate::render::Output> = outputs.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for o in sorted {
        let data = match &o.content {
            Content::Bytes(b) => b.clone(),
            Content::Kept(_) => {
                return Err(Diagnostic::site_error(format!(
                    "`{}` was to be kept from an earlier build, which an archive does not have",
                    o.path
                )));
            }
            Content::Copy(src) => std::fs::read(root.join(src))
                .map_err(|e| Diagnostic::error(src, format!("cannot read this file: {e}")))?,
        };
        zip.start_file(format!("{top}/{}", o.path), options)
            .map_err(|e| fail(&e))?;
        zip.write_all(&data).map_err(|e| fail(&e))?;
    }
    let cursor = zip.finish().map_err(|e| fail(&e))?;
    Ok(cursor.into_inner())
}

/// Writes `bytes` to `path` through a temporary file beside it, so a failure leaves no
/// half-written zip.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let fail =
        |e: std::io::Error| Diagnostic::site_error(format!("cannot write {}: {e}", path.display()));
    let mut tmp = tempfile::NamedTempFile::new_in(&dir).map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}
