//! Micro-benchmarks of the per-page hot path (run with `cargo bench --bench page`):
//! - `section/parse`: one section file's front matter and Markdown (the real plan's longest);
//! - `example/compile`: the whole example plan in memory, reported per page: front matter,
//!   Markdown, resolve and template for each of its pages;
//! - `import/seed-text`, `import/word`: `plansite import` of the seed text and of a Word plan.
//!
//! Whole-archive figures come from `scripts/bench` (docs/performance.md).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a benchmark: fail loudly

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use plansite::parse::front_matter;
use plansite::parse::markdown::{self, MarkdownOptions};
use plansite::parse::meta::SectionMeta;
use plansite::parse::sanitize::RawHtml;
use plansite::source::SourceFile;

const SECTION: &str = include_str!("../content/2023-chi-bo/03-nhiem-vu-cu-the.md");

fn parse_section(c: &mut Criterion) {
    let mut group = c.benchmark_group("section");
    group.throughput(Throughput::Bytes(SECTION.len() as u64));
    group.bench_function("parse", |b| {
        b.iter(|| {
            let file = SourceFile::decode(
                Path::new("content/p/02-a.md"),
                black_box(SECTION.as_bytes()),
            )
            .unwrap();
            let split = front_matter::split(&file).unwrap();
            let meta: SectionMeta =
                front_matter::deserialize(&file, split.front.as_ref().unwrap()).unwrap();
            let md = markdown::render(
                &file.text,
                split.body,
                split.body_offset,
                MarkdownOptions {
                    heading_offset: 2,
                    footnote_prefix: "a-",
                    list_items: markdown::ListItems::InBody,
                    raw_html: RawHtml::Sanitize,
                    html: plansite::parse::markdown::Html::Written,
                },
            );
            black_box((meta, md))
        });
    });
    group.finish();
}

fn compile_example(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let opts = plansite::BuildOptions::new(root);
    let pages = plansite::compile(&opts)
        .unwrap()
        .outputs
        .iter()
        .filter(|o| o.path.ends_with(".html"))
        .count();
    let mut group = c.benchmark_group("example");
    group.throughput(Throughput::Elements(pages as u64));
    group.bench_function("compile", |b| {
        b.iter(|| black_box(plansite::compile(&opts).unwrap()));
    });
    group.finish();
}

/// `plansite import` of the seed: the text read, the plan recognised, its files rendered; and
/// the same for the Word plan the fuzz seeds hold (made by the tests' .docx builder).
fn import_seed(c: &mut Criterion) {
    use plansite::import::{docx, files, recognise, text};
    let seed = std::fs::read("tests/data/seed-2023.txt").expect("the seed");
    let word = std::fs::read("fuzz/seeds/import/word-plan.docx").expect("the Word seed");
    let mut group = c.benchmark_group("import");
    group.throughput(Throughput::Bytes(seed.len() as u64));
    group.bench_function("seed-text", |b| {
        b.iter(|| {
            let blocks = text::read(Path::new("seed.txt"), &seed, false).expect("reads");
            files::render(&recognise::recognise(&blocks))
        })
    });
    group.throughput(Throughput::Bytes(word.len() as u64));
    group.bench_function("word", |b| {
        b.iter(|| {
            let blocks = docx::read(Path::new("plan.docx"), &word).expect("reads");
            files::render(&recognise::recognise(&blocks))
        })
    });
    group.finish();
}

criterion_group!(benches, parse_section, compile_example, import_seed);
criterion_main!(benches);
