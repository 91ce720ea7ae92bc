//! Unit tests of the Word reader: documents written as XML by hand, zipped, and read; the
//! helpers here build them.

// A failing test panics: that is how it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod body;
mod lists;
mod markdown;
mod package;
mod suites;

use std::io::{Cursor, Write};
use std::path::Path;

use zip::write::SimpleFileOptions;

use super::read;
use crate::diagnostic::Diagnostic;
use crate::import::doc::{Block, Para, Table};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A .docx with `body` as the content of w:body, and optional numbering and styles parts
/// (their inner XML).
fn docx(body: &str, numbering: Option<&str>, styles: Option<&str>) -> Vec<u8> {
    let mut parts: Vec<(&str, String)> = vec![
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#.to_string(),
        ),
        (
            "word/document.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#),
        ),
    ];
    if let Some(n) = numbering {
        parts.push((
            "word/numbering.xml",
            format!(r#"<w:numbering xmlns:w="{W}">{n}</w:numbering>"#),
        ));
    }
    if let Some(s) = styles {
        parts.push((
            "word/styles.xml",
            format!(r#"<w:styles xmlns:w="{W}">{s}</w:styles>"#),
        ));
    }
    zip_parts(
        &parts
            .iter()
            .map(|(n, x)| (*n, x.as_bytes()))
            .collect::<Vec<_>>(),
    )
}

fn zip_parts(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in parts {
        zip.start_file(*name, SimpleFileOptions::default()).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn read_ok(bytes: &[u8]) -> Vec<Block> {
    match read(Path::new("plan.docx"), bytes) {
        Ok(blocks) => blocks,
        Err(d) => panic!("{}: {:?}", d.message, d.hint),
    }
}

fn read_err(bytes: &[u8]) -> Diagnostic {
    match read(Path::new("plan.docx"), bytes) {
        Ok(blocks) => panic!("expected an error, got {blocks:?}"),
        Err(d) => d,
    }
}

fn paras(blocks: &[Block]) -> Vec<&Para> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para(p) => Some(p),
            Block::Table(_) => None,
        })
        .collect()
}

fn texts(blocks: &[Block]) -> Vec<&str> {
    paras(blocks).iter().map(|p| p.text.as_str()).collect()
}

/// Each cell of `t` as its plain text and whether it continues a merge.
fn shape(t: &Table) -> Vec<Vec<(String, bool)>> {
    t.rows
        .iter()
        .map(|row| row.iter().map(|c| (c.plain(), c.merged)).collect())
        .collect()
}

fn table(blocks: &[Block]) -> &Table {
    blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            Block::Para(_) => None,
        })
        .expect("a table")
}

fn p(inner: &str) -> String {
    format!("<w:p>{inner}</w:p>")
}

fn r(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

fn r_fmt(props: &str, text: &str) -> String {
    format!(r#"<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

fn list_p(num_id: u32, ilvl: u32, text: &str) -> String {
    p(&format!(
        r#"<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>{}"#,
        r(text)
    ))
}

fn styled_p(style: &str, runs: &str) -> String {
    p(&format!(
        r#"<w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}"#
    ))
}
