//! One plan's turn in each pass: surveyed (pass one) and built and rendered (pass two), or
//! taken from the previous build's record when that record can be trusted.

use std::collections::BTreeSet;
use std::path::Path;

use super::cache::{FileRecord, OutputRecord, PlanRecord, Rendered};
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::{Kind, PlanFiles, PlanFolder, read_plan, read_source};
use crate::parse::markdown::Html;
use crate::parse::{Bodies, parse_plan};
use crate::plan::model::{Body, BodyPart, Plan};
use crate::plan::outline::Outline;
use crate::plan::survey::{Survey, survey};
use crate::stamp::{Hash, hash};

/// A plan folder after pass one.
pub(super) struct Surveyed {
    /// The folder as the walk found it (with the walk's problems in it).
    pub(super) folder: PlanFolder,
    /// Its files with their current stamps and hashes.
    pub(super) files: Vec<FileRecord>,
    /// Its survey; none when its plan file could not be used. (The build moves it to the
    /// list the site's context borrows: `at` says where.)
    pub(super) survey: Option<Survey>,
    /// Where its survey is in the build's list of surveys.
    pub(super) at: Option<usize>,
    /// The hash of its index part.
    pub(super) index_hash: Option<Hash>,
    /// The problems of reading, parsing and outlining it.
    pub(super) diags: Diagnostics,
    /// What the previous build rendered of it, when none of its files changed since.
    pub(super) previous: Option<Rendered>,
}

/// Pass one for `folder`: its survey, from `record` when no file changed since it was made.
pub(super) fn survey_folder(
    root: &Path,
    settings: &Settings,
    folder: PlanFolder,
    record: Option<PlanRecord>,
) -> Surveyed {
    if let Some(rec) = record
        && let Some(files) = unchanged(root, &folder, &rec.files)
    {
        return Surveyed {
            folder,
            files,
            survey: Some(rec.survey),
            at: None,
            index_hash: rec.index_hash,
            diags: rec.warnings,
            previous: rec.rendered,
        };
    }
    let mut diags = Diagnostics::new();
    // Pass one needs no body's HTML: only headings, list items and what sanitising removes.
    let (files, draft) = read_and_parse(root, settings, &folder, Html::Skipped, &mut diags);
    let (survey, index_hash) = match draft {
        Some(draft) => {
            let (survey, _, problems) = survey(draft, settings);
            diags.extend(problems);
            let index_hash = survey.known.as_ref().map(|k| hash_serialized(&k.index));
            (Some(survey), index_hash)
        }
        None => (None, None),
    };
    Surveyed {
        folder,
        files,
        survey,
        at: None,
        index_hash,
        diags,
        previous: None,
    }
}

/// Reads the files of `folder` and parses the plan; its files' records, with the hash of
/// each Markdown file's text as read.
fn read_and_parse(
    root: &Path,
    settings: &Settings,
    folder: &PlanFolder,
    html: Html,
    diags: &mut Diagnostics,
) -> (Vec<FileRecord>, Option<crate::parse::PlanDraft>) {
    let plan_files = read_plan(root, folder, diags);
    let files = records(folder, &plan_files);
    let bodies = Bodies {
        raw_html: settings.markdown.raw_html,
        html,
    };
    let draft = parse_plan(plan_files, bodies, diags);
    (files, draft)
}

/// Pass two's start for a plan that must be built: its files read again and parsed, and
/// its outline. A file whose text is not the one pass one read is an error: the plan would
/// be built against an index made of other text.
pub(super) fn outline_again(
    root: &Path,
    settings: &Settings,
    s: &Surveyed,
) -> Result<Outline, Diagnostics> {
    let mut ignored = Diagnostics::new();
    let (files, draft) = read_and_parse(root, settings, &s.folder, Html::Written, &mut ignored);
    let mut changed = Diagnostics::new();
    for (now, before) in files.iter().zip(&s.files) {
        if now.hash != before.hash || now.rel != before.rel {
            changed.push(
                Diagnostic::error(&now.rel, "this file changed while the site was being built")
                    .hint("nothing was published; build again"),
            );
        }
    }
    if files.len() != s.files.len() && changed.is_empty() {
        changed.push(
            Diagnostic::error(
                &s.folder.dir,
                "this folder changed while the site was being built",
            )
            .hint("nothing was published; build again"),
        );
    }
    if !changed.is_empty() {
        return Err(changed);
    }
    let outline = draft.and_then(|d| crate::plan::outline::outline(d).ok());
    outline.map(|(o, _)| o).ok_or_else(|| {
        Diagnostic::error(
            &s.folder.dir,
            "this plan changed while the site was being built",
        )
        .hint("nothing was published; build again")
        .into()
    })
}

/// The records of the files of `folder`, Markdown files with the hash of their text.
fn records(folder: &PlanFolder, read: &PlanFiles) -> Vec<FileRecord> {
    let texts = read.plan.iter().chain(&read.sections).chain(&read.months);
    let hashes: std::collections::HashMap<&Path, Hash> = texts
        .map(|f| (f.path.as_path(), hash(f.text.as_bytes())))
        .collect();
    folder
        .files
        .iter()
        .filter_map(|f| {
            Some(FileRecord {
                rel: f.rel.clone(),
                kind: f.kind.clone(),
                stamp: f.stamp?,
                hash: hashes.get(f.rel.as_path()).copied(),
            })
        })
        .collect()
}

/// The records of `folder`'s files when they are those of `before` unchanged: each stamp
/// proves it, or (for a Markdown file whose stamp cannot) its text has the same hash.
fn unchanged(root: &Path, folder: &PlanFolder, before: &[FileRecord]) -> Option<Vec<FileRecord>> {
    if folder.files.len() != before.len() {
        return None;
    }
    let mut files = Vec::with_capacity(before.len());
    for (now, was) in folder.files.iter().zip(before) {
        let stamp = now.stamp?;
        if now.rel != was.rel || now.kind != was.kind {
            return None;
        }
        let hash = if stamp.proves_unchanged_since(&was.stamp) {
            was.hash
        } else {
            let was_hash = was.hash?;
            if now.kind == Kind::Plan || now.kind == Kind::Section || now.kind == Kind::Month {
                let text = read_source(root, &now.rel).ok()?;
                (hash(text.text.as_bytes()) == was_hash).then_some(was_hash)?;
                Some(was_hash)
            } else {
                return None;
            }
        };
        files.push(FileRecord {
            rel: now.rel.clone(),
            kind: now.kind.clone(),
            stamp,
            hash,
        });
    }
    Some(files)
}

/// The hash of a value's serialised form (postcard, as the cache holds it).
pub(super) fn hash_serialized<T: serde::Serialize>(value: &T) -> Hash {
    let mut h = blake3::Hasher::new();
    // Writing to a hasher cannot fail; a value that cannot be serialised hashes as nothing.
    let _ = postcard::to_io(value, &mut h);
    h.finalize().into()
}

/// The previous build's rendering of the plan `s`, when it can be kept: made in the same
/// site, every plan it links into unchanged, and every file it published still the one it
/// published (`published`).
pub(super) fn keepable<'s>(
    s: &'s Surveyed,
    site: &Hash,
    index_hash: &dyn Fn(&str) -> Option<Hash>,
    published: &dyn Fn(&OutputRecord) -> bool,
) -> Option<&'s Rendered> {
    let rendered = s.previous.as_ref()?;
    let same = rendered.site == *site
        && rendered
            .links_into
            .iter()
            .all(|(slug, h)| index_hash(slug) == Some(*h))
        && rendered.outputs.iter().all(published);
    same.then_some(rendered)
}

/// The other plans `plan`'s links point into (pages or files), by slug.
pub(super) fn links_into(plan: &Plan) -> BTreeSet<String> {
    let mut slugs = BTreeSet::new();
    let mut add = |body: &Body| {
        for part in &body.parts {
            if let BodyPart::Link(target) = part {
                let slug = match &target.page {
                    crate::plan::PageId::File { path } => path.split('/').next(),
                    page => page.plan(),
                };
                if let Some(slug) = slug
                    && slug != plan.slug
                {
                    slugs.insert(slug.to_owned());
                }
            }
        }
    };
    add(&plan.preamble);
    if let Some(c) = &plan.closing {
        add(c);
    }
    for s in &plan.sections {
        add(&s.body);
    }
    for m in &plan.months {
        add(&m.notes);
        for a in &m.activities {
            add(&a.body);
        }
    }
    slugs
}
