//! Slugs an author writes (`slug = "..."`) checked, and the errors shared by plan files and
//! sections about slugs that cannot become a folder name.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::slug::{is_valid_slug, slugify};
use crate::source::SourceFile;

use super::front_matter::find_key;

/// The plan's written `slug`, if it can be used; else the problem is reported.
pub(super) fn checked_slug(
    file: &SourceFile,
    slug: &str,
    diags: &mut Diagnostics,
) -> Option<String> {
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
pub(super) fn too_long(file: &SourceFile, slug: &str) -> Option<Diagnostic> {
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
pub(super) fn reserved_name(file: &SourceFile, slug: &str, problem: &str) -> Diagnostic {
    Diagnostic::error(
        &file.path,
        format!("the web address `{slug}` cannot be used: {problem}"),
    )
    .at_opt(find_key(file, "slug"))
    .hint("rename the file or folder, or set another `slug`")
}

pub(super) fn non_empty(s: String, fallback: &str) -> String {
    if s.is_empty() { fallback.to_owned() } else { s }
}
