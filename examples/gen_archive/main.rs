//! Generates a synthetic archive site for benchmarks: P plans (one per year) × S sections of
//! realistic Vietnamese Markdown (~3 KB each: headings, paragraphs, bullet lists with bold
//! figures, a 5-row table, links between sections) plus 12 month files of 8 activities and 2
//! dated events each. The site builds and checks clean. With `--organisations K`, each of K
//! organisations (the Party cell, the union, the youth union, …) has P plans: K × P in all.
//!
//! ```sh
//! cargo run --release --example gen_archive -- --plans 20 --sections 50 --out /tmp/arch
//! cargo run --release --example gen_archive -- --plans 20 --sections 50 --organisations 3 --out /tmp/orgs
//! ```
//!
//! The same arguments always give the same files.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a generator: fail loudly

use std::fs;
use std::path::PathBuf;

mod generate;

fn main() {
    let mut plans = 20;
    let mut sections = 50;
    let mut organisations = 1;
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--plans" => plans = value().parse().expect("--plans N"),
            "--sections" => sections = value().parse().expect("--sections N"),
            "--organisations" => organisations = value().parse().expect("--organisations K"),
            "--out" => out = Some(PathBuf::from(value())),
            other => panic!(
                "unknown argument {other}; use --plans N --sections N [--organisations K] --out DIR"
            ),
        }
    }
    let out = out.expect("--out DIR is required");
    if out.exists() {
        fs::remove_dir_all(&out).unwrap();
    }
    let pages = generate::generate(&out, plans, sections, organisations);
    println!(
        "{} plans x {sections} sections: {pages} pages in {}",
        plans * organisations,
        out.display()
    );
}
