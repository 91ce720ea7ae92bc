//! Themes: templates, static files and languages from `themes/<name>/`, each overridable file by
//! file from the site's own `templates/`, `static/` and `i18n/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Diagnostics, display_path};
use crate::render::i18n::Language;
use crate::source::SourceFile;

/// The default theme, compiled in: used when the site has no `themes/default/` folder.
#[derive(rust_embed::Embed)]
#[folder = "themes/default/"]
struct BuiltinTheme;

/// Where a theme file comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThemeFile {
    /// A file on disk, relative to the site root.
    Disk(PathBuf),
    /// A file of the built-in default theme, by its path inside the theme.
    Builtin(String),
}

impl ThemeFile {
    /// The path shown in messages (for built-in files, where the file would be on disk).
    pub fn shown_path(&self) -> PathBuf {
        match self {
            ThemeFile::Disk(p) => p.clone(),
            ThemeFile::Builtin(rel) => Path::new("themes/default").join(rel),
        }
    }

    /// The file's bytes.
    pub fn bytes(&self, root: &Path) -> Result<Vec<u8>, Diagnostic> {
        match self {
            ThemeFile::Disk(p) => std::fs::read(root.join(p))
                .map_err(|e| Diagnostic::error(p, format!("cannot read this file: {e}"))),
            ThemeFile::Builtin(rel) => BuiltinTheme::get(rel)
                .map(|f| f.data.into_owned())
                .ok_or_else(|| Diagnostic::site_error(format!("the built-in theme has no {rel}"))),
        }
    }

    /// The file as decoded text.
    pub fn source(&self, root: &Path) -> Result<SourceFile, Diagnostic> {
        SourceFile::decode(&self.shown_path(), &self.bytes(root)?)
    }
}

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
    /// Static files: output path (`/`-separated) → where the file comes from.
    pub static_files: BTreeMap<String, ThemeFile>,
    /// The site's language.
    pub language: Arc<Language>,
    /// The hash of what the pages depend on: every template's source, the language file,
    /// and the names of the static files (a rebuild keeps no page made with another).
    pub fingerprint: crate::stamp::Hash,
}

/// Files of one kind (`templates`, `static`, `i18n`) from the theme, then from the site (which
/// wins), by relative path with `/` separators. A site without `themes/default/` gets the
/// built-in default theme.
fn layered(
    root: &Path,
    theme_dir: &Path,
    kind: &str,
    diags: &mut Diagnostics,
) -> BTreeMap<String, ThemeFile> {
    let mut files = BTreeMap::new();
    if root.join(theme_dir).is_dir() {
        walk(root, &theme_dir.join(kind), &mut files, diags);
    } else {
        let prefix = format!("{kind}/");
        for name in BuiltinTheme::iter() {
            if let Some(rel) = name.strip_prefix(&prefix) {
                files.insert(rel.to_owned(), ThemeFile::Builtin(name.to_string()));
            }
        }
    }
    walk(root, Path::new(kind), &mut files, diags);
    files
}

/// Adds the files under `root/base` to `files`. Links are followed as in `content/` (see
/// [`crate::load::check_symlink`]): `base` itself (or a folder above it, such as `themes/x`)
/// may lead elsewhere only inside the site, a linked file inside it only to a file inside the
/// site, and a linked folder inside it is left out — so no file from outside the site is ever
/// published.
fn walk(
    root: &Path,
    base: &Path,
    files: &mut BTreeMap<String, ThemeFile>,
    diags: &mut Diagnostics,
) {
    let dir = root.join(base);
    if !dir.is_dir() {
        return;
    }
    let Some(canonical_root) = confined_folder(root, base, diags) else {
        return;
    };
    for entry in WalkDir::new(&dir).sort_by_file_name().follow_links(false) {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(Diagnostic::error(
                    base,
                    format!("cannot read this folder: {e}"),
                ));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy();
        if name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
        let mut is_file = entry.file_type().is_file();
        if entry.path_is_symlink() && entry.depth() > 0 {
            match crate::load::check_symlink(&canonical_root, entry.path()) {
                Ok(file) => is_file = file,
                Err(d) => {
                    diags.push(Diagnostic {
                        file: Some(base.join(rel)),
                        ..d
                    });
                    continue;
                }
            }
            if !is_file {
                diags.push(Diagnostic::warning(
                    base.join(rel),
                    "this link to a folder is not followed; its files are left out",
                ));
            }
        }
        if is_file {
            files.insert(display_path(rel), ThemeFile::Disk(base.join(rel)));
        }
    }
}

/// The site folder, canonical, when `root/base` (a folder) lies inside it once links are
/// followed; else an error at `base` (a link out of the site, or a site folder that cannot be
/// opened) and `None`.
fn confined_folder(root: &Path, base: &Path, diags: &mut Diagnostics) -> Option<PathBuf> {
    let canonical = |p: &Path| p.canonicalize();
    let (site, dir) = match (canonical(root), canonical(&root.join(base))) {
        (Ok(site), Ok(dir)) => (site, dir),
        (Err(e), _) | (_, Err(e)) => {
            diags.push(
                Diagnostic::error(base, format!("this link cannot be followed: {e}"))
                    .hint("remove the link or point it at an existing folder inside the site"),
            );
            return None;
        }
    };
    if !dir.starts_with(&site) {
        // Name the link itself: `themes/x` when that is the link, not `themes/x/static`.
        let link = base
            .ancestors()
            .filter(|p| !p.as_os_str().is_empty())
            .filter(|p| {
                root.join(p)
                    .symlink_metadata()
                    .is_ok_and(|m| m.is_symlink())
            })
            .last()
            .unwrap_or(base);
        diags.push(
            Diagnostic::error(link, "this link points outside the site folder")
                .hint("copy the folder into the site instead of linking to it"),
        );
        return None;
    }
    Some(site)
}

/// Whether a theme by this name can be loaded: on disk, or the built-in default.
fn theme_exists(root: &Path, name: &str) -> bool {
    root.join("themes").join(name).is_dir() || name == "default"
}

impl Theme {
    /// Loads theme `name` for `language`, with the site's overrides.
    pub fn load(root: &Path, name: &str, language: &str) -> Result<Theme, Diagnostics> {
        let mut diags = Diagnostics::new();
        let theme_dir = PathBuf::from("themes").join(name);
        if !theme_exists(root, name) {
            return Err(Diagnostic::error(
                crate::config::CONFIG_FILE,
                format!(
                    "there is no theme `{name}` (no folder {})",
                    crate::diagnostic::native_path(&theme_dir)
                ),
            )
            .hint("set `theme` to a folder under themes/, such as \"default\"")
            .into());
        }
        let templates = layered(root, &theme_dir, "templates", &mut diags);
        let static_files = layered(root, &theme_dir, "static", &mut diags);
        let languages = layered(root, &theme_dir, "i18n", &mut diags);
        let lang_file = format!("{language}.toml");
        let mut fingerprint = blake3::Hasher::new();
        let mut add = |part: &str| {
            fingerprint.update(&(part.len() as u64).to_le_bytes());
            fingerprint.update(part.as_bytes());
        };
        for name in static_files.keys() {
            add(name);
        }
        let language = match languages.get(&lang_file) {
            Some(file) => file
                .source(root)
                .inspect(|source| add(&source.text))
                .and_then(|source| Language::parse(&source))
                .map_err(|d| diags.push(d))
                .ok(),
            None => {
                diags.push(
                    Diagnostic::error(
                        crate::config::CONFIG_FILE,
                        format!("the theme has no translation for the language `{language}`"),
                    )
                    .hint(format!(
                        "add {}/i18n/{lang_file}, or use one of: {}",
                        crate::diagnostic::native_path(&theme_dir),
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
        for (tpl_name, file) in &templates {
            match file.source(root) {
                Ok(f) => {
                    add(tpl_name);
                    add(&f.text);
                    sources.push((tpl_name.clone(), f.text));
                }
                Err(d) => diags.push(d),
            }
        }
        let template_paths: BTreeMap<String, PathBuf> = templates
            .iter()
            .map(|(name, file)| (name.clone(), file.shown_path()))
            .collect();
        let (Some(language), false) = (language, diags.has_errors()) else {
            return Err(diags);
        };
        let language = Arc::new(language);
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html", ".xml", ".htm"]);
        super::functions::register(&mut tera, &language);
        if let Err(e) = tera.add_raw_templates(sources) {
            return Err(super::errors::template_error(&e, &template_paths));
        }
        Ok(Theme {
            tera,
            template_paths,
            static_files,
            language,
            fingerprint: fingerprint.finalize().into(),
        })
    }
}
