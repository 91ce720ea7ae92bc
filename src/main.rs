//! The `plansite` binary: parses the command line, runs the library, prints diagnostics.

mod cli;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};
use plansite::BuildOptions;
use plansite::diagnostic::Diagnostics;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let level = if cli.verbose { "info" } else { "warn" };
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or(level))
        .format_timestamp(None)
        .init();
    let root = plansite::site_root(cli.root.as_deref());
    match cli.command {
        Command::Build { output } => {
            let opts = BuildOptions {
                root,
                output,
                base_url: cli.base_url,
            };
            match plansite::build(&opts) {
                Ok((compiled, summary)) => {
                    report(&compiled.warnings);
                    println!(
                        "Built {} plan(s): {} files, {} KB in {} ({} written, {} removed)",
                        compiled.site.plans.len(),
                        summary.files,
                        summary.bytes.div_ceil(1024),
                        opts.output_dir().display(),
                        summary.written,
                        summary.removed
                    );
                    ExitCode::SUCCESS
                }
                Err(diags) => failed(
                    diags,
                    "build failed; the previous output was left untouched",
                ),
            }
        }
        Command::Check { strict } => match plansite::check(&BuildOptions {
            base_url: cli.base_url,
            ..BuildOptions::new(root)
        }) {
            Ok(warnings) if strict && !warnings.is_empty() => {
                let count = report(&warnings);
                eprintln!("{count} warning(s), and --strict makes them errors: check failed.");
                ExitCode::from(1)
            }
            Ok(warnings) => {
                report(&warnings);
                println!("No errors found.");
                ExitCode::SUCCESS
            }
            Err(diags) => failed(diags, "check failed"),
        },
        Command::Serve {
            port,
            bind,
            base_path,
            open,
        } => serve(root, cli.base_url, port, bind, &base_path, open),
        Command::New { dir, lang } => match plansite::starter::new_site(&dir, &lang) {
            Ok(files) => {
                println!(
                    "Created a new site in {} ({} files).",
                    dir.display(),
                    files.len()
                );
                println!("Next: cd {} && plansite build", dir.display());
                ExitCode::SUCCESS
            }
            Err(d) => failed(d.into(), "nothing was written"),
        },
        Command::Archive { plan, output } => {
            let opts = BuildOptions {
                base_url: cli.base_url,
                ..BuildOptions::new(root)
            };
            match plansite::archive::archive(&opts, &plan, output.as_deref()) {
                Ok(summary) => {
                    report(&summary.warnings);
                    println!(
                        "Archived {plan}: {} files, {} KB in {}",
                        summary.files,
                        summary.bytes.div_ceil(1024),
                        summary.path.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(diags) => failed(diags, "no archive was written"),
            }
        }
    }
}

fn serve(
    root: std::path::PathBuf,
    base_url: Option<String>,
    port: Option<u16>,
    bind: std::net::IpAddr,
    base_path: &str,
    open: bool,
) -> ExitCode {
    let base_path = match plansite::serve::normalise_base_path(base_path) {
        Ok(p) => p,
        Err(d) => return failed(d.into(), "not serving"),
    };
    if !bind.is_loopback() {
        eprintln!(
            "warning: listening on {bind}: other computers on the network can see this preview"
        );
    }
    let opts = plansite::serve::ServeOptions {
        build: BuildOptions {
            base_url,
            ..BuildOptions::new(root)
        },
        bind,
        port: port.unwrap_or(8000),
        port_chosen: port.is_some(),
        base_path,
        debounce: std::time::Duration::from_millis(150),
    };
    match plansite::serve::start(opts) {
        Ok(server) => {
            println!("Serving the site at {} (Ctrl-C to stop)", server.url);
            if open && let Err(e) = open::that(&server.url) {
                eprintln!("warning: cannot open a browser: {e}");
            }
            server.wait();
            ExitCode::SUCCESS
        }
        Err(d) => failed(d.into(), "not serving"),
    }
}

/// Prints `diags` in order; returns how many were printed.
fn report(diags: &Diagnostics) -> usize {
    let sorted = diags.clone().sorted();
    for d in &sorted {
        eprintln!("{d}");
    }
    sorted.len()
}

fn failed(diags: Diagnostics, what: &str) -> ExitCode {
    let sorted = diags.sorted();
    let errors = sorted
        .iter()
        .filter(|d| d.severity == plansite::diagnostic::Severity::Error)
        .count();
    for d in &sorted {
        eprintln!("{d}");
    }
    eprintln!("{errors} error(s): {what}.");
    ExitCode::from(1)
}

/// See Cargo.toml for why.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
