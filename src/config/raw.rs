//! `plansite.toml` as written: its keys, their defaults and their documentation.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::parse::front_matter::{self, FileKind};
use crate::parse::meta::Extra;
use crate::parse::sanitize::RawHtml;
use crate::source::SourceFile;

/// The name of the configuration file.
pub const CONFIG_FILE: &str = "plansite.toml";

/// How diagnostics name plansite.toml.
const CONFIG_KIND: FileKind = FileKind {
    noun: "configuration",
    unknown_key_hint: "Free-form data goes under `extra`.",
};

/// The contents of `plansite.toml` as written; [`crate::config::Settings`] is what the build
/// reads, checked and with the command line's overrides.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The site's title, shown on the archive page and in every page title.
    pub title: String,
    /// A one-line description of the site.
    #[serde(default)]
    pub description: Option<String>,
    /// Language of the site's interface and dates: `vi` (default) or `en`, or any language the
    /// theme has an `i18n/<lang>.toml` for.
    #[serde(default = "default_language")]
    pub language: String,
    /// The public address of the site (`https://truong.edu.vn/kehoach/`), optional. Links stay
    /// relative either way; when set, pages also get canonical links.
    #[serde(default)]
    pub base_url: Option<String>,
    /// The theme: a folder under `themes/`.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// The motto line(s) printed at the top right of every plan that does not set its own.
    /// Party documents: "ĐẢNG CỘNG SẢN VIỆT NAM"; state agencies: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA
    /// VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc".
    #[serde(default)]
    pub motto: Option<String>,
    /// The order of the site's organisations on its pages, by name (as their plans write it:
    /// `organisation`, else the issuer's name; case, accents and spacing do not count), e.g.
    /// the Party cell first. Those not listed follow, by their newest plans.
    #[serde(default)]
    pub organisations: Vec<String>,
    /// Paper layout of printed plans.
    #[serde(default)]
    pub print: PrintConfig,
    /// How Markdown is turned into HTML.
    #[serde(default)]
    pub markdown: MarkdownConfig,
    /// Free-form data for custom templates.
    #[serde(default)]
    pub extra: Extra,
}

/// `[markdown]` in plansite.toml.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    /// Raw HTML in Markdown: `"sanitize"` (default) keeps safe markup and removes scripts,
    /// frames, styles, event handlers and unsafe addresses; `"allow"` keeps it as written.
    pub raw_html: RawHtml,
}

/// How plans print (`[print]` in plansite.toml). The defaults follow the Party's Hướng dẫn
/// 36-HD/VPTW: A4, margins 20 mm top and bottom, 30 mm left, 15 mm right, a serif face at
/// 14 pt, page numbers from page 2. A state agency (Nghị định 30/2020/NĐ-CP) sets its motto and,
/// if it wishes, these values.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct PrintConfig {
    /// Top margin (`20mm`).
    pub margin_top: String,
    /// Bottom margin (`20mm`).
    pub margin_bottom: String,
    /// Left margin (`30mm`).
    pub margin_left: String,
    /// Right margin (`15mm`).
    pub margin_right: String,
    /// Font family of the printed text (a CSS font list; local fonts only).
    pub font_family: String,
    /// Font size of the printed text (`14pt`).
    pub font_size: String,
    /// Print page numbers at the top centre of every page but the first.
    pub page_numbers: bool,
}

impl Default for PrintConfig {
    fn default() -> Self {
        PrintConfig {
            margin_top: "20mm".into(),
            margin_bottom: "20mm".into(),
            margin_left: "30mm".into(),
            margin_right: "15mm".into(),
            font_family:
                "\"Times New Roman\", Times, \"Liberation Serif\", \"DejaVu Serif\", serif".into(),
            font_size: "14pt".into(),
            page_numbers: true,
        }
    }
}

impl PrintConfig {
    /// Checks every value is a plain CSS length or font list (they go into the page's CSS).
    /// The error names the key at fault.
    pub(crate) fn check(&self) -> Result<(), (&'static str, String)> {
        let lengths = [
            ("margin_top", &self.margin_top),
            ("margin_bottom", &self.margin_bottom),
            ("margin_left", &self.margin_left),
            ("margin_right", &self.margin_right),
            ("font_size", &self.font_size),
        ];
        for (key, value) in lengths {
            let unit = ["mm", "cm", "pt", "in", "px"]
                .iter()
                .find(|u| value.ends_with(*u));
            let number = unit.map(|u| &value[..value.len() - u.len()]);
            let ok =
                number.is_some_and(|n| !n.is_empty() && n.parse::<f64>().is_ok_and(|v| v >= 0.0));
            if !ok {
                return Err((
                    key,
                    format!(
                        "[print] {key} = \"{value}\" is not a length such as \"20mm\" or \"14pt\""
                    ),
                ));
            }
        }
        let font_ok = !self.font_family.trim().is_empty()
            && self
                .font_family
                .chars()
                .all(|c| c.is_alphanumeric() || " ,-_'\"".contains(c));
        if !font_ok {
            return Err((
                "font_family",
                format!(
                    "[print] font_family = {:?} is not a list of font names",
                    self.font_family
                ),
            ));
        }
        Ok(())
    }
}

fn default_language() -> String {
    "vi".to_owned()
}

fn default_theme() -> String {
    "default".to_owned()
}

impl Config {
    /// Reads `plansite.toml` in `root` as written, with the decoded file (for the positions of
    /// later diagnostics).
    pub fn read(root: &Path) -> Result<(Config, SourceFile), Diagnostic> {
        let rel = PathBuf::from(CONFIG_FILE);
        let path = root.join(CONFIG_FILE);
        let bytes = std::fs::read(&path).map_err(|e| {
            let d = Diagnostic::error(&rel, format!("cannot read the site configuration: {e}"));
            if e.kind() == std::io::ErrorKind::NotFound {
                d.hint("run plansite in the site's folder (the one with plansite.toml), or pass --root DIR")
            } else {
                d
            }
        })?;
        let file = SourceFile::decode(&rel, &bytes)?;
        let config: Config = front_matter::deserialize_toml_file(&file, &CONFIG_KIND)?;
        Ok((config, file))
    }
}
