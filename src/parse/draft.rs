//! The drafts: what parsing makes of a plan folder, each file with its typed front matter and
//! its body, before any check across files.

use crate::date::YearMonth;
use crate::source::SourceFile;

use super::markdown::Markdown;
use super::meta::{MonthMeta, PlanMeta, SectionMeta};

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
