//! `plansite new DIR`: a ready site with a short example plan (two sections, three months, a
//! dated event), in Vietnamese or English. The files are compiled into the binary from
//! `starter/<lang>/`; the theme is the built-in default, so the new site needs nothing else.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

#[derive(rust_embed::Embed)]
#[folder = "starter/"]
struct Starter;

/// The languages `new` can write a site in.
pub const LANGUAGES: &[&str] = &["vi", "en"];

/// Writes a new site into `dir`, which must not exist or be empty. Returns the files written,
/// relative to `dir`, sorted.
pub fn new_site(dir: &Path, lang: &str) -> Result<Vec<PathBuf>, Diagnostic> {
    if !LANGUAGES.contains(&lang) {
        return Err(
            Diagnostic::site_error(format!("there is no example site in `{lang}`"))
                .hint(format!("use --lang with one of: {}", LANGUAGES.join(", "))),
        );
    }
    if dir.is_file() {
        return Err(Diagnostic::site_error(format!(
            "{} is a file",
            dir.display()
        )));
    }
    let not_empty = std::fs::read_dir(dir)
        .map(|mut d| d.next().is_some())
        .unwrap_or(false);
    if not_empty {
        return Err(Diagnostic::site_error(format!(
            "{} is not empty; plansite new never writes over existing files",
            dir.display()
        ))
        .hint("choose a new folder name, e.g. plansite new ke-hoach"));
    }
    let prefix = format!("{lang}/");
    let mut names: Vec<String> = Starter::iter()
        .filter_map(|n| n.strip_prefix(&prefix).map(str::to_owned))
        .collect();
    names.sort();
    let mut written = Vec::new();
    for rel in names {
        let Some(file) = Starter::get(&format!("{prefix}{rel}")) else {
            continue;
        };
        let dest = dir.join(&rel);
        let fail = |e: std::io::Error| {
            Diagnostic::site_error(format!("cannot write {}: {e}", dest.display()))
        };
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent).map_err(fail)?;
        }
        std::fs::write(&dest, &file.data).map_err(fail)?;
        written.push(PathBuf::from(rel));
    }
    Ok(written)
}
