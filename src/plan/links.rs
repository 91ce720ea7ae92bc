//! Internal links: every Markdown link to another content file (`02-nhiem-vu.md#muc-tieu`), to
//! an anchor (`#muc-tieu`) or to an asset (`anh/so-do.png`) is checked against the files and
//! heading ids of the whole site, and turned into a [`LinkTarget`].

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics, did_you_mean, display_path};
use crate::load::{CONTENT_DIR, MONTHS_DIR, PLAN_FILE};
use crate::parse::markdown::{Markdown, Part};
use crate::plan::ids::IdSpace;
use crate::plan::model::{Body, BodyPart, LinkTarget, PageId};
use crate::plan::outline::Outline;

/// A content file a link can point at. An archive has tens of thousands, so an entry keeps
/// only what lookups need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    page: PageId,
    /// The final (plan-wide) ids of the file's headings, sorted.
    ids: Vec<String>,
    /// Local ids (see [`IdSpace::local`]) that differ from their heading's final id.
    aliases: BTreeMap<String, String>,
    /// For a plan file: its sections' slugs and keys. The document page shows every section,
    /// so their slugs and ids are anchors of it too.
    sections: Vec<(String, String)>,
}

impl Entry {
    fn new(page: PageId) -> Entry {
        Entry {
            page,
            ids: Vec::new(),
            aliases: BTreeMap::new(),
            sections: Vec::new(),
        }
    }

    fn has_id(&self, id: &str) -> bool {
        self.ids.binary_search_by(|x| x.as_str().cmp(id)).is_ok()
    }

    /// Adds the anchors of one body: final ids, and local ids that do not clash with one.
    fn add(&mut self, md: &Markdown, finals: &[String]) {
        self.ids.extend(finals.iter().cloned());
        self.ids.sort_unstable();
        for (local, f) in IdSpace::local(md).into_iter().zip(finals) {
            if local != *f && self.ids.binary_search(&local).is_err() {
                self.aliases.entry(local).or_insert_with(|| f.clone());
            }
        }
    }
}

/// Every linkable file of the site, by its path under `content/` (`2023/01-dac-diem.md`).
/// It borrows every plan's [`IndexPart`]: a build keeps the parts (in its surveys) anyway.
pub(crate) struct FileIndex<'a> {
    pages: BTreeMap<&'a str, &'a Entry>,
    assets: BTreeMap<&'a str, &'a str>,
    /// Files that exist but could not be parsed: their own error is reported, so links to
    /// them are not reported again.
    broken: BTreeSet<&'a str>,
}

/// What one plan adds to the [`FileIndex`]: its linkable files with their anchors, its
/// assets, and its files that could not be parsed. Small (no bodies), so a build keeps every
/// plan's part while it renders the plans one by one, and a rebuild keeps it between builds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct IndexPart {
    pages: Vec<(String, Entry)>,
    assets: Vec<(String, String)>,
    broken: Vec<String>,
}

impl IndexPart {
    /// The part of the plan `o`.
    pub(crate) fn of(o: &Outline) -> IndexPart {
        let d = &o.draft;
        let plan = d.slug.clone();
        let mut pages = Vec::new();
        let mut doc = Entry::new(PageId::Document { plan: plan.clone() });
        doc.add(&d.plan.body, &o.ids.preamble);
        if let Some(c) = &d.closing {
            doc.add(c, &o.ids.closing);
        }
        for (i, s) in d.sections.iter().enumerate() {
            let mut entry = Entry::new(PageId::Section {
                plan: plan.clone(),
                section: s.slug.clone(),
            });
            entry.add(&s.draft.body, &o.ids.sections[i]);
            let key = content_key(&s.draft.file.path);
            doc.sections.push((s.slug.clone(), key.clone()));
            pages.push((key, entry));
        }
        for (i, m) in d.months.iter().enumerate() {
            let mut entry = Entry::new(PageId::Month {
                plan: plan.clone(),
                month: m.month,
            });
            entry.add(&m.draft.body, &o.ids.months[i]);
            pages.push((content_key(&m.draft.file.path), entry));
        }
        pages.push((content_key(&d.plan.file.path), doc));
        let assets = d
            .assets
            .iter()
            .map(|a| {
                (
                    format!("{}/{}", d.folder, a.rel),
                    format!("{plan}/{}", a.rel),
                )
            })
            .collect();
        let keys: BTreeSet<&str> = pages.iter().map(|(k, _)| k.as_str()).collect();
        let broken = d
            .paths
            .iter()
            .map(|p| content_key(p))
            .filter(|k| !keys.contains(k.as_str()))
            .collect();
        IndexPart {
            pages,
            assets,
            broken,
        }
    }
}

impl<'a> FileIndex<'a> {
    /// The index of every plan's part.
    pub(crate) fn new(parts: impl IntoIterator<Item = &'a IndexPart>) -> FileIndex<'a> {
        let mut index = FileIndex {
            pages: BTreeMap::new(),
            assets: BTreeMap::new(),
            broken: BTreeSet::new(),
        };
        for part in parts {
            index
                .pages
                .extend(part.pages.iter().map(|(k, e)| (k.as_str(), e)));
            index
                .assets
                .extend(part.assets.iter().map(|(k, o)| (k.as_str(), o.as_str())));
            index.broken.extend(part.broken.iter().map(String::as_str));
        }
        index
    }
}

/// Why a link could not be resolved.
enum LinkError {
    /// The link is wrong.
    Broken(Diagnostic),
    /// The link names a file that exists but has errors of its own (already reported).
    TargetHasErrors,
}

/// A path under `content/`, `/`-separated.
pub(crate) fn content_key(path: &Path) -> String {
    let shown = display_path(path);
    shown
        .strip_prefix(CONTENT_DIR)
        .map(|s| s.trim_start_matches('/').to_owned())
        .unwrap_or(shown)
}

impl FileIndex<'_> {
    /// Resolves `dest`, written in the file `from` (relative to the site root).
    fn resolve(&self, dest: &str, from: &Path) -> Result<LinkTarget, LinkError> {
        let (path_part, _) = dest.split_once('#').unwrap_or((dest, ""));
        let path_part = path_part.split('?').next().unwrap_or_default();
        if !path_part.is_empty()
            && join(&content_key(from), path_part)
                .is_some_and(|key| self.broken.contains(key.as_str()))
        {
            return Err(LinkError::TargetHasErrors);
        }
        self.resolve_inner(dest, from).map_err(LinkError::Broken)
    }

    fn resolve_inner(&self, dest: &str, from: &Path) -> Result<LinkTarget, Diagnostic> {
        let (path_part, anchor) = match dest.split_once('#') {
            Some((p, a)) => (p, Some(a)),
            None => (dest, None),
        };
        let path_part = path_part.split('?').next().unwrap_or_default();
        let anchor = anchor.filter(|a| !a.is_empty()).map(decode);
        let from_key = content_key(from);
        if path_part.is_empty() {
            let entry = self.pages.get(from_key.as_str()).ok_or_else(|| {
                Diagnostic::error(from, format!("the link `{dest}` cannot be resolved"))
            })?;
            return self.with_anchor(entry, anchor, dest, from, "this file");
        }
        if path_part.starts_with('/') || path_part.starts_with('\\') {
            return Err(Diagnostic::error(
                from,
                format!("the link `{dest}` starts with `/`, which breaks when the site is in a sub-folder"),
            )
            .hint("write the link relative to this file, e.g. `02-nhiem-vu.md` or `../2024/_index.md`"));
        }
        let key = join(&from_key, path_part).ok_or_else(|| {
            Diagnostic::error(
                from,
                format!("the link `{dest}` points outside the content folder"),
            )
            .hint("links can only point at files under content/")
        })?;
        if let Some(entry) = self.pages.get(key.as_str()) {
            let name = key.rsplit('/').next().unwrap_or(&key).to_owned();
            return self.with_anchor(entry, anchor, dest, from, &name);
        }
        if let Some(out) = self.assets.get(key.as_str()) {
            return Ok(LinkTarget {
                page: PageId::File {
                    path: (*out).to_owned(),
                },
                anchor,
            });
        }
        let mut d = Diagnostic::error(
            from,
            format!("the link `{dest}` points at a file that does not exist"),
        );
        // Compare file names only: the folder they share would make every sibling look close.
        let (folder, name) = key.rsplit_once('/').unwrap_or(("", &key));
        let siblings = self
            .pages
            .keys()
            .chain(self.assets.keys())
            .filter_map(|k| k.rsplit_once('/'))
            .filter(|(f, _)| *f == folder)
            .map(|(_, n)| n);
        if let Some(best) = did_you_mean(name, siblings) {
            d = d.hint(format!("did you mean `{best}`?"));
        } else if !key.ends_with(".md")
            && self
                .pages
                .contains_key(format!("{key}/{PLAN_FILE}").as_str())
        {
            d = d.hint(format!("link to the plan file: `{path_part}/{PLAN_FILE}`"));
        } else {
            d = d.hint(format!(
                "link to a .md file of the site (sections, `{PLAN_FILE}`, `{MONTHS_DIR}/YYYY-MM.md`) or a file in a plan folder"
            ));
        }
        Err(d)
    }

    fn with_anchor(
        &self,
        entry: &Entry,
        anchor: Option<String>,
        dest: &str,
        from: &Path,
        name: &str,
    ) -> Result<LinkTarget, Diagnostic> {
        let anchor = match anchor {
            Some(a) => match self.find(entry, &a) {
                Some(id) => Some(id),
                None => return Err(self.no_such_anchor(entry, &a, dest, from, name)),
            },
            None => None,
        };
        Ok(LinkTarget {
            page: entry.page.clone(),
            anchor,
        })
    }

    /// The id on the page of the anchor `a` of `entry`'s file, if it has one.
    fn find(&self, entry: &Entry, a: &str) -> Option<String> {
        if entry.has_id(a) {
            return Some(a.to_owned());
        }
        if let Some(id) = entry.aliases.get(a) {
            return Some(id.clone());
        }
        let in_a_section = entry.sections.iter().any(|(slug, key)| {
            slug == a || self.pages.get(key.as_str()).is_some_and(|s| s.has_id(a))
        });
        in_a_section.then(|| a.to_owned())
    }

    /// Every anchor name `entry`'s file accepts, for suggestions.
    fn names<'e>(&'e self, entry: &'e Entry) -> Vec<&'e str> {
        let mut names: Vec<&str> = entry
            .ids
            .iter()
            .chain(entry.aliases.keys())
            .map(String::as_str)
            .collect();
        for (slug, key) in &entry.sections {
            names.push(slug);
            if let Some(s) = self.pages.get(key.as_str()) {
                names.extend(s.ids.iter().map(String::as_str));
            }
        }
        names.sort_unstable();
        names
    }

    /// The error for a link to an anchor that `entry` does not have, with the closest one.
    fn no_such_anchor(
        &self,
        entry: &Entry,
        a: &str,
        dest: &str,
        from: &Path,
        name: &str,
    ) -> Diagnostic {
        let d = Diagnostic::error(
            from,
            format!("the link `{dest}` points at `#{a}`, which is not a heading of {name}"),
        );
        let ids = self.names(entry);
        match did_you_mean(a, ids.iter().copied()) {
            Some(best) => d.hint(format!("did you mean `#{best}`?")),
            None => d.hint(
                "a heading's id is its text in lower case without accents, words joined by `-`",
            ),
        }
    }
}

/// Percent-decodes a URL piece (editors write `K%E1%BA%BF.md` for `Kế.md`).
fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// Joins a relative link to the folder of `from_key`; `None` when it climbs out of `content/`.
pub(crate) fn join(from_key: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<String> = from_key.split('/').map(str::to_owned).collect();
    parts.pop();
    for piece in rel.split(['/', '\\']) {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(decode(p)),
        }
    }
    Some(parts.join("/"))
}

/// Fills the holes of `parts` (from `md`): heading ids from `ids`, links resolved against the
/// index. Broken links are reported at their position in `file`.
pub(crate) fn assemble(
    parts: Vec<Part>,
    md: &Markdown,
    ids: &[String],
    file: &Path,
    index: &FileIndex,
    diags: &mut Diagnostics,
) -> Body {
    let mut out: Vec<BodyPart> = Vec::with_capacity(parts.len());
    let mut html = String::new();
    for part in parts {
        match part {
            // Moved, not copied, when it starts a piece: most bodies are one piece.
            Part::Html(h) if html.is_empty() => html = h,
            Part::Html(h) => html.push_str(&h),
            Part::HeadingId(i) => html.push_str(ids.get(i).map_or("", String::as_str)),
            Part::Link(i) => {
                let Some(link) = md.links.get(i) else {
                    continue;
                };
                match index.resolve(&link.dest, file) {
                    Ok(target) => {
                        if !html.is_empty() {
                            out.push(BodyPart::Html(std::mem::take(&mut html)));
                        }
                        out.push(BodyPart::Link(target));
                    }
                    Err(LinkError::Broken(d)) => {
                        diags.push(d.at(link.position.line, link.position.column));
                        html.push('#');
                    }
                    // The build fails on the target's own error; nothing more to say here.
                    Err(LinkError::TargetHasErrors) => html.push('#'),
                }
            }
        }
    }
    if !html.is_empty() {
        out.push(BodyPart::Html(html));
    }
    Body { parts: out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_relative_paths() {
        assert_eq!(
            join("2023/01-a.md", "02-b.md").as_deref(),
            Some("2023/02-b.md")
        );
        assert_eq!(
            join("2023/months/2023-01.md", "../_index.md").as_deref(),
            Some("2023/_index.md")
        );
        assert_eq!(
            join("2023/01-a.md", "../2024/_index.md").as_deref(),
            Some("2024/_index.md")
        );
        assert_eq!(join("2023/01-a.md", "../../../etc/passwd"), None);
        assert_eq!(
            join("2023/01-a.md", "./K%E1%BA%BF.md").as_deref(),
            Some("2023/Kế.md")
        );
    }
}
