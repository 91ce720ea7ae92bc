//! A month file parsed: which month it is for, from its name (`2023-05.md`) or its `month` key.

use crate::date::YearMonth;
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

use super::draft::{Draft, MonthDraft};
use super::file::{Bodies, FrontMatterRule, body_options, parse_file, stem};
use super::front_matter::find_key;
use super::markdown::ListItems;
use super::meta::MonthMeta;

/// Parses one month file; the items of its top-level lists are its activities.
pub(super) fn parse_month(file: SourceFile, bodies: Bodies) -> Result<MonthDraft, Diagnostic> {
    let stem = stem(&file);
    let footnote_prefix = format!("m{stem}-");
    let draft: Draft<MonthMeta> = parse_file(
        file,
        FrontMatterRule::Optional,
        body_options(&footnote_prefix, ListItems::SplitOut, bodies),
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
