//! Themes: templates, static files and languages from `themes/<name>/`, each overridable file by
//! file from the site's own `templates/`, `static/` and `i18n/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Diagnostics, display_path};
use crate::render::i18n::Language;

/// Templates every theme must have.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "index.html",
    "plan.html",
    "section.html",
    "timeline.html",
    "month.html",
];

/// A loaded theme, with the site's overrides applied.
pub struct Theme {
    /// Compiled templates, with plansite's functions registered.
    pub tera: tera::Tera,
    /// Where each template came from (for error messages), by template name.
    pub template_paths: BTreeMap<String, PathBuf>,
    /// Static files: output path (`/`-separated) → file on disk.
    pub static_files: BTreeMap<String, PathBuf>,
    /// The site's language.
    pub language: Arc<Language>,
}

/// Files of one kind from the theme folder, then the site folder (which wins), by relative
/// path with `/` separators. Paths are relative to `root`.
fn layered(
    root: &Path,
    theme_dir: &Path,
    kind: &str,
    diags: &mut Diagnostics,
) -> BTreeMap<String, PathBuf> {
    let mut files = BTreeMap::new();
    for base in [theme_dir.join(kind), PathBuf::from(kind)] {
        let dir = root.join(&base);
        if !dir.is_dir() {
            continue;
        }
        for entry in WalkDir::new(&dir).sort_by_file_name().follow_links(false) {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    diags.push(Diagnostic::error(
                        &base,
                        format!("cannot read this folder: {e}"),
                    ));
                    continue;
                }
            };
            let name = entry.file_name().to_string_lossy();
            if !entry.file_type().is_file() || name.starts_with('.') || name.ends_with('~') {
                continue;
            }
            let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
            files.insert(display_path(rel), base.join(rel));
        }
    }
    files
}

impl Theme {
    /// Loads theme `name` for `language`, with the site's overrides.
    pub fn load(root: &Path, name: &str, language: &str) -> Result<Theme, Diagnostics> {
        let mut diags = Diagnostics::new();
        let theme_dir = PathBuf::from("themes").join(name);
        if !root.join(&theme_dir).is_dir() {
            return Err(Diagnostic::error(
                crate::config::CONFIG_FILE,
                format!(
                    "there is no theme `{name}` (no folder {})",
                    display_path(&theme_dir)
                ),
            )
            .hint("set `theme` to a folder under themes/, such as \"default\"")
            .into());
        }
        let templates = layered(root, &theme_dir, "templates", &mut diags);
        let static_files = layered(root, &theme_dir, "static", &mut diags);
        let languages = layered(root, &theme_dir, "i18n", &mut diags);
        let lang_file = format!("{language}.toml");
        let language = match languages.get(&lang_file) {
            Some(path) => Language::load(root, path).map_err(|d| diags.push(d)).ok(),
            None => {
                diags.push(
                    Diagnostic::error(
                        crate::config::CONFIG_FILE,
                        format!("the theme has no translation for the language `{language}`"),
                    )
                    .hint(format!(
                        "add {}/i18n/{lang_file}, or use one of: {}",
                        display_path(&theme_dir),
                        languages
                            .keys()
                            .map(|k| k.trim_end_matches(".toml"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                );
                None
            }
        };
        for required in REQUIRED_TEMPLATES {
            if !templates.contains_key(*required) {
                diags.push(
                    Diagnostic::error(
                        theme_dir.join("templates"),
                        format!("the theme has no template `{required}`"),
                    )
                    .hint(format!(
                        "add templates/{required} to the theme or to the site"
                    )),
                );
            }
        }
        let mut sources = Vec::new();
        for (tpl_name, path) in &templates {
            match crate::load::read_source(root, path) {
                Ok(f) => sources.push((tpl_name.clone(), f.text)),
                Err(d) => diags.push(d),
            }
        }
        let (Some(language), false) = (language, diags.has_errors()) else {
            return Err(diags);
        };
        let language = Arc::new(language);
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html", ".xml", ".htm"]);
        super::functions::register(&mut tera, &language);
        if let Err(e) = tera.add_raw_templates(sources) {
            return Err(super::template_error(&e, &templates));
        }
        Ok(Theme {
            tera,
            template_paths: templates,
            static_files,
            language,
        })
    }
}
