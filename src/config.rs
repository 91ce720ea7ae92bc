//! Site configuration: `plansite.toml` as written ([`Config`]), and the [`Settings`] the build
//! reads, resolved from it and the command line once, with their errors.

mod base_url;
mod raw;

use std::path::Path;

pub use base_url::BaseUrl;
pub use raw::{CONFIG_FILE, Config, MarkdownConfig, PrintConfig};

use crate::diagnostic::Diagnostic;
use crate::parse::meta::Extra;
use crate::source::SourceFile;

/// The site's settings: plansite.toml checked, with the command line's overrides applied. Made
/// once before the build, read-only after. The fields are those of [`Config`], resolved.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The site's title.
    pub title: String,
    /// A one-line description of the site.
    pub description: Option<String>,
    /// Language of the interface and dates: a language code (`vi`, `en`).
    pub language: String,
    /// The public address: `--base-url`, else `base_url` of plansite.toml, else none.
    pub base_url: Option<BaseUrl>,
    /// The theme: a folder name under `themes/`.
    pub theme: String,
    /// The motto line(s) of plans that do not set their own.
    pub motto: Option<String>,
    /// The organisations listed first, in this order: their slugs, with their names as
    /// written.
    pub organisations: Vec<Listed>,
    /// Where `organisations` is written in plansite.toml, for messages.
    pub organisations_at: Option<(std::path::PathBuf, Option<crate::diagnostic::Position>)>,
    /// Paper layout of printed plans, every value a plain CSS length or font list.
    pub print: PrintConfig,
    /// How Markdown is turned into HTML.
    pub markdown: MarkdownConfig,
    /// Free-form data for custom templates.
    pub extra: Extra,
}

/// An organisation listed in `organisations`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// Its name as written.
    pub name: String,
    /// Its slug, which its plans' organisation has.
    pub slug: String,
}

impl Settings {
    /// Reads `plansite.toml` in `root` and resolves it; `base_url` (from `--base-url`), when
    /// given, replaces the file's.
    pub fn load(root: &Path, base_url: Option<&str>) -> Result<Settings, Diagnostic> {
        let (config, file) = Config::read(root)?;
        Settings::resolve(config, &file, base_url)
    }

    /// Checks `config`, read from `file`, and resolves it with the `--base-url` override.
    pub fn resolve(
        config: Config,
        file: &SourceFile,
        base_url: Option<&str>,
    ) -> Result<Settings, Diagnostic> {
        let rel = &file.path;
        if !crate::slug::is_valid_slug(&config.theme) {
            return Err(Diagnostic::error(
                rel,
                format!(
                    "theme `{}` is not a folder name under themes/",
                    config.theme
                ),
            )
            .hint("use the name of a folder under themes/, such as \"default\""));
        }
        let from_file = match &config.base_url {
            Some(url) => Some(BaseUrl::parse(url).map_err(|msg| {
                Diagnostic::error(rel, msg)
                    .at_opt(crate::parse::find_key(file, "base_url"))
                    .hint("write the full address, e.g. base_url = \"https://truong.edu.vn/kehoach/\"")
            })?),
            None => None,
        };
        if let Err((key, msg)) = config.print.check() {
            return Err(Diagnostic::error(rel, msg).at_opt(crate::parse::find_key(file, key)));
        }
        if config.language.is_empty()
            || !config
                .language
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            return Err(Diagnostic::error(
                rel,
                format!("language `{}` is not a language code", config.language),
            )
            .hint("write a code such as \"vi\" or \"en\""));
        }
        let base_url = match base_url {
            Some(flag) => Some(
                BaseUrl::parse(flag)
                    .map_err(|msg| Diagnostic::site_error(format!("--base-url: {msg}")))?,
            ),
            None => from_file,
        };
        let Config {
            title,
            description,
            language,
            base_url: _,
            theme,
            motto,
            organisations,
            print,
            markdown,
            extra,
        } = config;
        let organisations_at = (!organisations.is_empty())
            .then(|| (rel.clone(), crate::parse::find_key(file, "organisations")));
        Ok(Settings {
            title,
            description,
            language,
            base_url,
            theme,
            motto,
            organisations: organisations
                .iter()
                .map(|name| Listed {
                    name: name.clone(),
                    slug: crate::slug::slugify(name),
                })
                .collect(),
            organisations_at,
            print,
            markdown,
            extra,
        })
    }
}
