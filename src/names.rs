//! Names of the built site that must hold on every disk it is copied to. Keepers copy sites to
//! Windows and macOS disks, which do not tell capital from small letters, nor an accented letter
//! composed (NFC) from the same letter decomposed (NFD): two published names that differ only
//! so would become one file there, the second silently replacing the first. Names longer than
//! a disk takes are refused too. The check runs at the end of `render`, on every path its
//! `Guard` passed (so in `build`, `check`, `archive` and `serve` alike), before anything is
//! committed: `check`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use unicode_normalization::UnicodeNormalization;

use crate::diagnostic::{Diagnostic, Diagnostics, native_path};
use crate::slug::MAX_NAME_BYTES;

/// The longest path published, in bytes, from the output folder: Linux's `PATH_MAX`.
pub const MAX_PATH_BYTES: usize = 4096;

/// One published file: its path in the output, and the file it is copied from, if any.
pub(crate) type Published = (String, Option<PathBuf>);

/// Every problem with the names of `published`, in path order.
pub(crate) fn check(mut published: Vec<Published>) -> Diagnostics {
    published.sort();
    let mut diags = Diagnostics::new();
    // Folded name of every file and folder → the name as published and who published it.
    let mut names: BTreeMap<String, (&str, usize)> = BTreeMap::new();
    let mut reported = BTreeSet::new();
    for (i, (path, source)) in published.iter().enumerate() {
        if let Some(d) = too_long(path, source) {
            diags.push(d);
            continue;
        }
        let ends = path.match_indices('/').map(|(at, _)| at);
        for end in ends.chain([path.len()]) {
            let name = path.get(..end).unwrap_or(path);
            let folded = fold(name);
            match names.get(&folded) {
                None => {
                    names.insert(folded, (name, i));
                }
                Some(&(first, j)) if first != name && reported.insert(folded.clone()) => {
                    diags.push(one_name(&published[j], first, &published[i], name));
                }
                Some(_) => {}
            }
        }
    }
    diags
}

/// A name as Windows and macOS compare names: composed, then in small letters.
fn fold(name: &str) -> String {
    // Most published names are slugs: ASCII, already composed.
    if name.is_ascii() {
        return name.to_ascii_lowercase();
    }
    name.nfc()
        .collect::<String>()
        .to_lowercase()
        .nfc()
        .collect()
}

/// The diagnostic for two published files whose names (`a`, `b`: the whole paths or the
/// folders that hold them) are one on Windows and macOS.
fn one_name(first: &Published, a: &str, second: &Published, b: &str) -> Diagnostic {
    // Put the diagnostic at a file the author can rename: a copied one, the later first.
    let ((mine, mine_name), (other, other_name)) = match (&first.1, &second.1) {
        (Some(_), None) => ((first, a), (second, b)),
        _ => ((second, b), (first, a)),
    };
    let why = if a.nfc().eq(b.nfc()) {
        "the same accented letter is written in two ways (composed, NFC, and decomposed, NFD)"
    } else {
        "they differ only in capital and small letters"
    };
    let other = match &other.1 {
        Some(src) => format!("{} as {}", native_path(src), placed(&other.0, other_name)),
        None => format!("plansite makes {}", placed(&other.0, other_name)),
    };
    let message = format!(
        "this file is published as {} and {other}: on Windows and macOS disks these are one \
         name, as {why}",
        placed(&mine.0, mine_name)
    );
    let d = match &mine.1 {
        Some(src) => Diagnostic::error(src, message),
        None => Diagnostic::site_error(message),
    };
    d.hint(
        "rename one of the two (a site is often copied to such disks, where one would replace \
         the other)",
    )
}

/// `` `path` ``, and the folder `name` when the clash is in a folder above the file.
fn placed(path: &str, name: &str) -> String {
    if path == name {
        format!("`{path}`")
    } else {
        format!("`{path}` (in the folder `{name}`)")
    }
}

/// A path with a name over [`MAX_NAME_BYTES`], or longer than [`MAX_PATH_BYTES`] in all.
fn too_long(path: &str, source: &Option<PathBuf>) -> Option<Diagnostic> {
    let long_name = path.split('/').find(|n| n.len() > MAX_NAME_BYTES);
    if long_name.is_none() && path.len() <= MAX_PATH_BYTES {
        return None;
    }
    let message = match long_name {
        Some(name) => format!(
            "the published name `{name}` is {} bytes long: a file or folder name can have at \
             most {MAX_NAME_BYTES}",
            name.len()
        ),
        None => format!(
            "the published path `{path}` is {} bytes long: a path can have at most \
             {MAX_PATH_BYTES}",
            path.len()
        ),
    };
    let d = match source {
        Some(src) => Diagnostic::error(src, message),
        None => Diagnostic::site_error(message),
    };
    Some(d.hint("rename the file or its folders with shorter names"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copied(path: &str, src: &str) -> Published {
        (path.to_owned(), Some(PathBuf::from(src)))
    }

    fn made(path: &str) -> Published {
        (path.to_owned(), None)
    }

    fn messages(published: Vec<Published>) -> Vec<String> {
        check(published)
            .sorted()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn distinct_names_pass() {
        assert!(messages(vec![made("p/index.html"), copied("p/anh.png", "c/anh.png")]).is_empty());
        assert!(messages(vec![made("p/a/index.html"), made("p/a/b.html")]).is_empty());
    }

    #[test]
    fn case_and_unicode_form_collide_once_with_both_names() {
        let found = messages(vec![
            copied("p/Anh.png", "content/p/Anh.png"),
            copied("p/anh.png", "content/p/anh.png"),
            copied("p/Ke\u{302}\u{301}.png", "content/p/Ke\u{302}\u{301}.png"),
            copied("p/K\u{1ebf}.png", "content/p/K\u{1ebf}.png"),
            copied("p/Timeline/x.png", "content/p/Timeline/x.png"),
            copied("p/Timeline/y.png", "content/p/Timeline/y.png"),
            made("p/timeline/index.html"),
        ]);
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(found[0].starts_with("content/p/K\u{1ebf}.png: error: this file is published as `p/K\u{1ebf}.png` and content/p/Ke\u{302}\u{301}.png as `p/Ke\u{302}\u{301}.png`: on Windows and macOS disks these are one name, as the same accented letter is written in two ways (composed, NFC, and decomposed, NFD)\n"), "{}", found[0]);
        assert!(
            found[1].starts_with(
                "content/p/Timeline/x.png: error: this file is published as `p/Timeline/x.png` (in \
             the folder `p/Timeline`) and plansite makes `p/timeline/index.html` (in the folder \
             `p/timeline`): on Windows and macOS disks these are one name, as they differ only \
             in capital and small letters\n"
            ),
            "{}",
            found[1]
        );
        assert!(found[2].starts_with("content/p/anh.png: error: this file is published as `p/anh.png` and content/p/Anh.png as `p/Anh.png`"), "{}", found[2]);
    }

    #[test]
    fn long_names_and_paths_are_refused() {
        let long = "a".repeat(256);
        assert_eq!(messages(vec![made(&format!("p/{long}.png"))]).len(), 1);
        let deep = vec!["b".repeat(200); 21].join("/");
        let found = messages(vec![copied(&deep, "content/p/x")]);
        assert!(found[0].contains("bytes long: a path can have at most 4096"));
    }
}
