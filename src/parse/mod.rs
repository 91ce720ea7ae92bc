//! Parsing: each loaded file becomes a draft — its typed front matter and its Markdown body as
//! HTML with holes. A draft knows only its own file; cross-file checks belong to `resolve`.

pub mod front_matter;
pub mod markdown;
pub mod meta;
pub mod sanitize;

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::date::YearMonth;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::PlanFiles;
use crate::slug::{is_valid_slug, slugify};
use crate::source::SourceFile;
use markdown::{ListItems, Markdown, MarkdownOptions};
use meta::{MonthMeta, PlanMeta, SectionMeta};
use sanitize::RawHtml;

/// Headings written `#` in a body are shown as `<h3>`: the page's h1 and h2 come first.
pub const HEADING_OFFSET: u8 = 2;

/// A parsed file: where it came from, its front matter and its body.
#[derive(Debug, Clone)]
pub struct Draft<M> {
    /// The source file.
    pub file: SourceFile,
    /// Its typed front matter.
    pub meta: M,
    /// Its body.
    pub body: Markdown,
}

/// A parsed section, with the order and slug it asks for.
#[derive(Debug, Clone)]
pub struct SectionDraft {
    /// The parsed file.
    pub draft: Draft<SectionMeta>,
    /// `weight`, else the file name's number prefix.
    pub order: Option<i64>,
    /// `slug`, else the file name without its prefix.
    pub slug: String,
}

/// A parsed month file.
#[derive(Debug, Clone)]
pub struct MonthDraft {
    /// The parsed file.
    pub draft: Draft<MonthMeta>,
    /// The month, from the file name or the `month` key.
    pub month: YearMonth,
}

/// A parsed plan folder.
#[derive(Debug, Clone)]
pub struct PlanDraft {
    /// The plan file.
    pub plan: Draft<PlanMeta>,
    /// The plan's slug.
    pub slug: String,
    /// Sections in file-name order.
    pub sections: Vec<SectionDraft>,
    /// Months in file-name order.
    pub months: Vec<MonthDraft>,
    /// The plan's `closing` text, rendered (positions are lines of the plan file).
    pub closing: Option<Markdown>,
    /// The folder's name under `content/`.
    pub folder: String,
    /// Files copied as they are (pictures, PDFs).
    pub assets: Vec<crate::load::Asset>,
    /// Every section and month file found, parsed or not (a link to one that failed to parse
    /// is not reported again).
    pub paths: Vec<std::path::PathBuf>,
}

/// Parses one plan folder. Returns `None` when the plan file itself is unusable; problems with
/// single sections or months are reported and those files left out.
pub fn parse_plan(
    files: PlanFiles,
    raw_html: RawHtml,
    diags: &mut Diagnostics,
) -> Option<PlanDraft> {
    let PlanFiles {
        folder,
        dir,
        plan: plan_file,
        sections,
        months,
        assets,
    } = files;
    let paths = sections
        .iter()
        .chain(&months)
        .map(|f| f.path.clone())
        .collect();
    // Sections and months first, in parallel: their problems are reported even when the plan
    // file fails. Results keep the file order.
    let sections: Vec<Result<SectionDraft, Diagnostic>> = sections
        .into_par_iter()
        .map(|f| parse_section(f, raw_html))
        .collect();
    let sections: Vec<SectionDraft> = sections
        .into_iter()
        .filter_map(|r| record(diags, r))
        .collect();
    let months: Vec<Result<MonthDraft, Diagnostic>> = months
        .into_par_iter()
        .map(|f| parse_month(f, raw_html))
        .collect();
    let months: Vec<MonthDraft> = months
        .into_iter()
        .filter_map(|r| record(diags, r))
        .collect();
    let Some(plan_file) = plan_file else {
        diags.push(
            Diagnostic::error(&dir, "this plan folder has no _index.md").hint(
                "add _index.md with the plan's title and header fields (see the authoring guide)",
            ),
        );
        return None;
    };
    let plan = record(
        diags,
        parse_file::<PlanMeta>(
            plan_file,
            FrontMatterRule::Required,
            body_options("", ListItems::InBody, raw_html),
        ),
    )?;
    let slug = match &plan.meta.slug {
        Some(s) => checked_slug(&plan.file, s, diags)?,
        None => {
            let s = crate::slug::fit_name(slugify(&folder));
            if s.is_empty() {
                diags.push(
                    Diagnostic::error(
                        &dir,
                        "cannot make a web address from this folder name",
                    )
                    .hint(
                        "rename the folder with letters or digits, e.g. 2023-chi-bo, or set `slug`",
                    ),
                );
                return None;
            }
            s
        }
    };
    if let Some(problem) = crate::slug::windows_problem(&slug) {
        diags.push(reserved_name(&plan.file, &slug, &problem));
        return None;
    }
    let closing = plan
        .meta
        .closing
        .as_deref()
        .map(|text| parse_closing(&plan.file, text, raw_html));
    let draft = PlanDraft {
        plan,
        slug,
        sections,
        months,
        closing,
        folder,
        assets,
        paths,
    };
    report_removed(&draft, diags);
    Some(draft)
}

/// Warns about what the raw-HTML policy took out of each body of the plan.
fn report_removed(draft: &PlanDraft, diags: &mut Diagnostics) {
    let plan = &draft.plan.file.path;
    let bodies = [(plan, &draft.plan.body)]
        .into_iter()
        .chain(draft.closing.iter().map(|c| (plan, c)))
        .chain(
            draft
                .sections
                .iter()
                .map(|s| (&s.draft.file.path, &s.draft.body)),
        )
        .chain(
            draft
                .months
                .iter()
                .map(|m| (&m.draft.file.path, &m.draft.body)),
        );
    for (path, body) in bodies {
        for r in &body.removed {
            diags.push(
                Diagnostic::warning(
                    path,
                    format!("{} is removed from the published page", r.what),
                )
                .at(r.position.line, r.position.column)
                .hint(
                    "raw HTML is sanitised: scripts, frames, styles, event handlers and unsafe \
                     addresses are taken out; if every author is trusted, set `raw_html = \"allow\"` \
                     under [markdown] in plansite.toml",
                ),
            );
        }
    }
}

fn record<T>(diags: &mut Diagnostics, result: Result<T, Diagnostic>) -> Option<T> {
    result.map_err(|d| diags.push(d)).ok()
}

fn checked_slug(file: &SourceFile, slug: &str, diags: &mut Diagnostics) -> Option<String> {
    if let Some(d) = too_long(file, slug) {
        diags.push(d);
        return None;
    }
    if is_valid_slug(slug) {
        return Some(slug.to_owned());
    }
    diags.push(
        Diagnostic::error(&file.path, format!("`{slug}` cannot be used as a slug")).hint(format!(
            "a slug has only lower-case letters a-z, digits and single dashes, e.g. `{}`",
            non_empty(slugify(slug), "ke-hoach")
        )),
    );
    None
}

/// A written `slug` too long to be a folder name. (One made from a file or folder name is
/// shortened instead: [`crate::slug::fit_name`].)
fn too_long(file: &SourceFile, slug: &str) -> Option<Diagnostic> {
    let max = crate::slug::MAX_NAME_BYTES;
    (slug.len() > max).then(|| {
        let plain = slugify(slug);
        let words: Vec<&str> = plain.split('-').take(6).collect();
        Diagnostic::error(
            &file.path,
            format!(
                "the slug is {} bytes long: a folder name can have at most {max}",
                slug.len()
            ),
        )
        .at_opt(find_key(file, "slug"))
        .hint(format!(
            "the slug becomes the page's folder and web address: shorten it to a few words, \
             e.g. `{}`",
            non_empty(words.join("-"), "muc")
        ))
    })
}

/// A slug that would make a folder Windows cannot open (`con`, `nul`).
fn reserved_name(file: &SourceFile, slug: &str, problem: &str) -> Diagnostic {
    Diagnostic::error(
        &file.path,
        format!("the web address `{slug}` cannot be used: {problem}"),
    )
    .at_opt(find_key(file, "slug"))
    .hint("rename the file or folder, or set another `slug`")
}

fn non_empty(s: String, fallback: &str) -> String {
    if s.is_empty() { fallback.to_owned() } else { s }
}

/// Whether a kind of file must start with front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FrontMatterRule {
    /// A file without it is an error (plan files and sections: their title is there).
    Required,
    /// A file without it gets the default meta (month files: the name says the month).
    Optional,
}

/// How the bodies of a plan's files are rendered: headings shifted by [`HEADING_OFFSET`].
fn body_options(
    footnote_prefix: &str,
    list_items: ListItems,
    raw_html: RawHtml,
) -> MarkdownOptions<'_> {
    MarkdownOptions {
        heading_offset: HEADING_OFFSET,
        footnote_prefix,
        list_items,
        raw_html,
    }
}

/// Parses front matter and body of one file.
fn parse_file<M: DeserializeOwned + Default>(
    file: SourceFile,
    rule: FrontMatterRule,
    body: MarkdownOptions,
) -> Result<Draft<M>, Diagnostic> {
    let required = rule == FrontMatterRule::Required;
    let split = front_matter::split(&file)?;
    let meta = match &split.front {
        Some(front) => front_matter::deserialize(&file, front)?,
        None if required && file.text.trim().is_empty() => {
            return Err(Diagnostic::error(&file.path, "this file is empty")
                .hint("write the section's settings and text (see the authoring guide), or delete the file"));
        }
        None if required => {
            return Err(Diagnostic::error(&file.path, "this file has no front matter")
                .at(1, 1)
                .hint("start the file with a line `+++`, then `title = \"...\"`, then another `+++`"));
        }
        None => M::default(),
    };
    let body = markdown::render(&file.text, split.body, split.body_offset, body);
    Ok(Draft { file, meta, body })
}

/// Renders the `closing` front-matter text, mapping its positions to lines of the plan file.
fn parse_closing(file: &SourceFile, text: &str, raw_html: RawHtml) -> Markdown {
    let mut md = markdown::render(
        text,
        text,
        0,
        body_options("closing-", ListItems::InBody, raw_html),
    );
    let key = find_key(file, "closing").map_or(1, |p| p.line);
    // A multi-line string (`closing = """` or `closing: |`) starts on the line after the key.
    let key_line = file.text.lines().nth(key - 1).unwrap_or_default();
    let value = key_line
        .split_once(['=', ':'])
        .map_or("", |(_, v)| v.trim());
    let first = if matches!(value, "\"\"\"" | "'''" | "|" | ">" | "|-" | ">-") {
        key + 1
    } else {
        key
    };
    for h in &mut md.headings {
        h.position.line += first - 1;
    }
    for l in &mut md.links {
        l.position.line += first - 1;
    }
    for r in &mut md.removed {
        r.position.line += first - 1;
    }
    md
}

/// The number prefix and the rest of a file stem: `03-nhiem-vu` → (Some(3), "nhiem-vu").
pub fn split_prefix(stem: &str) -> (Option<i64>, &str) {
    let digits = stem.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return (None, stem);
    }
    let rest = stem[digits..].trim_start_matches(['-', '_', '.', ' ']);
    (stem[..digits].parse().ok(), rest)
}

fn stem(file: &SourceFile) -> String {
    file.path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn parse_section(file: SourceFile, raw_html: RawHtml) -> Result<SectionDraft, Diagnostic> {
    let stem = stem(&file);
    let (prefix, rest) = split_prefix(&stem);
    let provisional = slugify(rest);
    // Footnote ids only need to be unique within the plan: the file name is.
    let footnote_prefix = format!("{}-", slugify(&stem));
    let draft: Draft<SectionMeta> = parse_file(
        file,
        FrontMatterRule::Required,
        body_options(&footnote_prefix, ListItems::InBody, raw_html),
    )?;
    let slug = match &draft.meta.slug {
        Some(s) if s.len() > crate::slug::MAX_NAME_BYTES => {
            return Err(too_long(&draft.file, s).unwrap_or_else(|| {
                Diagnostic::error(&draft.file.path, format!("`{s}` cannot be used as a slug"))
            }));
        }
        Some(s) if is_valid_slug(s) => s.clone(),
        Some(s) => {
            return Err(Diagnostic::error(
                &draft.file.path,
                format!("`{s}` cannot be used as a slug"),
            )
            .at_opt(find_key(&draft.file, "slug"))
            .hint(format!(
                "a slug has only lower-case letters a-z, digits and single dashes, e.g. `{}`",
                non_empty(slugify(s), "muc")
            )));
        }
        None if provisional.is_empty() => {
            return Err(Diagnostic::error(
                &draft.file.path,
                "cannot make a web address from this file name",
            )
            .hint("rename the file with letters, e.g. 01-dac-diem.md, or set `slug`"));
        }
        None => crate::slug::fit_name(provisional),
    };
    if let Some(problem) = crate::slug::windows_problem(&slug) {
        return Err(reserved_name(&draft.file, &slug, &problem));
    }
    Ok(SectionDraft {
        order: draft.meta.weight.or(prefix),
        slug,
        draft,
    })
}

fn parse_month(file: SourceFile, raw_html: RawHtml) -> Result<MonthDraft, Diagnostic> {
    let stem = stem(&file);
    let footnote_prefix = format!("m{stem}-");
    let draft: Draft<MonthMeta> = parse_file(
        file,
        FrontMatterRule::Optional,
        body_options(&footnote_prefix, ListItems::SplitOut, raw_html),
    )?;
    let from_name = YearMonth::parse(&stem).ok();
    let month = match (from_name, draft.meta.month) {
        (Some(a), Some(b)) if a != b => {
            return Err(Diagnostic::error(
                &draft.file.path,
                format!("the file name says {a} but `month` says {b}"),
            )
            .at_opt(find_key(&draft.file, "month"))
            .hint("make them agree, or remove `month`"));
        }
        (Some(m), _) | (None, Some(m)) => m,
        (None, None) => {
            let reason = YearMonth::parse(&stem).err().unwrap_or_default();
            return Err(Diagnostic::error(
                &draft.file.path,
                format!("cannot tell which month this file is for: {reason}"),
            )
            .hint("name month files YYYY-MM.md, e.g. months/2023-05.md"));
        }
    };
    Ok(MonthDraft { draft, month })
}

/// The position of a front-matter key (`key =` or `key:` at the start of a line), for
/// diagnostics about values that were valid to the parser but wrong for the plan.
pub fn find_key(file: &SourceFile, key: &str) -> Option<crate::diagnostic::Position> {
    find_line(file, |line| {
        let t = line.trim_start();
        t.strip_prefix(key)
            .is_some_and(|r| r.trim_start().starts_with(['=', ':']))
    })
}

/// The position of the first line that `matches`.
pub fn find_line(
    file: &SourceFile,
    matches: impl Fn(&str) -> bool,
) -> Option<crate::diagnostic::Position> {
    file.text
        .lines()
        .position(matches)
        .map(|i| crate::diagnostic::Position::new(i + 1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        assert_eq!(split_prefix("03-nhiem-vu"), (Some(3), "nhiem-vu"));
        assert_eq!(split_prefix("10_x"), (Some(10), "x"));
        assert_eq!(split_prefix("gioi-thieu"), (None, "gioi-thieu"));
        assert_eq!(split_prefix("2023"), (Some(2023), ""));
    }
}
