//! A section file parsed: its place in the plan (`weight`, else the file name's number) and its
//! slug (`slug`, else the rest of the file name).

use crate::diagnostic::Diagnostic;
use crate::slug::{is_valid_slug, slugify};
use crate::source::SourceFile;

use super::draft::{Draft, SectionDraft};
use super::file::{Bodies, FrontMatterRule, body_options, parse_file, stem};
use super::front_matter::find_key;
use super::markdown::ListItems;
use super::meta::SectionMeta;
use super::slugs::{non_empty, reserved_name, too_long};

/// The number prefix and the rest of a file stem: `03-nhiem-vu` → (Some(3), "nhiem-vu").
pub fn split_prefix(stem: &str) -> (Option<i64>, &str) {
    let digits = stem.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return (None, stem);
    }
    let rest = stem[digits..].trim_start_matches(['-', '_', '.', ' ']);
    (stem[..digits].parse().ok(), rest)
}

/// Parses one section file.
pub(super) fn parse_section(file: SourceFile, bodies: Bodies) -> Result<SectionDraft, Diagnostic> {
    let stem = stem(&file);
    let (prefix, rest) = split_prefix(&stem);
    let provisional = slugify(rest);
    // Footnote ids only need to be unique within the plan: the file name is.
    let footnote_prefix = format!("{}-", slugify(&stem));
    let draft: Draft<SectionMeta> = parse_file(
        file,
        FrontMatterRule::Required,
        body_options(&footnote_prefix, ListItems::InBody, bodies),
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
