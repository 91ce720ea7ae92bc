//! The `plansite` binary: parses the command line, runs the library, prints diagnostics.

mod cli;
mod welcome;

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};
use plansite::BuildOptions;
use plansite::diagnostic::{Diagnostics, shown_path};
use plansite::serve::{Event, Port};

fn main() -> ExitCode {
    if let Some(code) = welcome::no_command() {
        return code;
    }
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
                        compiled.plans,
                        summary.files,
                        summary.bytes.div_ceil(1024),
                        shown_path(&opts.output_dir()),
                        summary.written,
                        summary.removed
                    );
                    ExitCode::SUCCESS
                }
                Err(diags) => {
                    // Said only when true: see the diagnostics for the one case it is not.
                    let what = if plansite::write::output_untouched(&diags) {
                        "build failed; the previous output was left untouched"
                    } else {
                        "build failed, and the output folder is not in place: see above"
                    };
                    failed(diags, what)
                }
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
        Command::Serve(args) => serve(
            BuildOptions {
                base_url: cli.base_url,
                ..BuildOptions::new(root)
            },
            &args,
        ),
        Command::New { dir, lang } => match plansite::starter::new_site(&dir, &lang) {
            Ok(files) => {
                println!(
                    "Created a new site in {} ({} files).",
                    shown_path(&dir),
                    files.len()
                );
                // Two steps, not `cd … && …`: Windows PowerShell 5 has no `&&`.
                println!(
                    "Next: cd {}, then plansite serve --open to preview it, or plansite build.",
                    shown_path(&dir)
                );
                ExitCode::SUCCESS
            }
            Err(d) => failed(d.into(), "nothing was written"),
        },
        Command::Archive {
            plan,
            organisation,
            output,
        } => {
            let opts = BuildOptions {
                base_url: cli.base_url,
                ..BuildOptions::new(root)
            };
            // clap lets exactly one of the two through.
            let archived = match (&plan, &organisation) {
                (Some(plan), _) => plansite::archive::archive(&opts, plan, output.as_deref()),
                (None, org) => plansite::archive::archive_organisation(
                    &opts,
                    org.as_deref().unwrap_or_default(),
                    output.as_deref(),
                ),
            };
            match archived {
                Ok(summary) => {
                    report(&summary.warnings);
                    let what = if organisation.is_some() {
                        let plans = if summary.plans == 1 { "plan" } else { "plans" };
                        format!("{} ({} {plans})", summary.name, summary.plans)
                    } else {
                        summary.name.clone()
                    };
                    println!(
                        "Archived {what}: {} files, {} KB in {}",
                        summary.files,
                        summary.bytes.div_ceil(1024),
                        shown_path(&summary.path)
                    );
                    ExitCode::SUCCESS
                }
                Err(diags) => failed(diags, "no archive was written"),
            }
        }
        Command::Import {
            file,
            into,
            dry_run,
            force,
        } => import(&plansite::import::ImportOptions {
            root,
            file,
            into,
            dry_run,
            force,
        }),
    }
}

/// `plansite import`: prints what was recognised and what was not, then the files (with
/// `--dry-run`) or where they went, then checks the site when the plan went into one.
fn import(opts: &plansite::import::ImportOptions) -> ExitCode {
    let imported = match plansite::import::import(opts) {
        Ok(i) => i,
        Err(d) => return failed(d, "nothing was written"),
    };
    // Printed with writeln! to a locked stdout, errors ignored: `--dry-run | head` must not
    // panic on a closed pipe.
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "Recognised in {}:", shown_path(&opts.file));
    for line in &imported.found {
        let _ = writeln!(out, "  {line}");
    }
    report(&imported.warnings);
    let folder = shown_path(&imported.folder);
    if opts.dry_run {
        for (rel, text) in &imported.files {
            let _ = writeln!(out, "\n==> {} <==", shown_path(&imported.folder.join(rel)));
            let _ = write!(out, "{text}");
        }
        let _ = writeln!(
            out,
            "\nWould write {} files into {folder} (--dry-run: nothing was written).",
            imported.files.len()
        );
        return ExitCode::SUCCESS;
    }
    let _ = writeln!(
        out,
        "Wrote {} files into {folder}: {} section(s), {} month(s), {} activities, {} dated event(s).",
        imported.files.len(),
        imported
            .files
            .iter()
            .filter(|(p, _)| !p.starts_with("months") && !p.ends_with("_index.md"))
            .count(),
        imported
            .files
            .iter()
            .filter(|(p, _)| p.starts_with("months"))
            .count(),
        imported.activities,
        imported.events,
    );
    let content = std::fs::canonicalize(opts.root.join("content"));
    let folder_path = std::fs::canonicalize(&imported.folder);
    let in_site = matches!((&content, &folder_path), (Ok(c), Ok(f)) if f.starts_with(c));
    if !opts.root.join("plansite.toml").is_file() || !in_site {
        let _ = writeln!(
            out,
            "Next: a plan is part of a site: copy the folder into the content/ folder of a site \
             (plansite new creates one), then run plansite check there."
        );
        return ExitCode::SUCCESS;
    }
    match plansite::check(&BuildOptions::new(opts.root.clone())) {
        Ok(warnings) => {
            report(&warnings);
            let _ = writeln!(
                out,
                "The site checks clean. Next: plansite serve, and read the plan against the document."
            );
            ExitCode::SUCCESS
        }
        Err(diags) => {
            let sorted = diags.sorted();
            for d in &sorted {
                eprintln!("{d}");
            }
            eprintln!(
                "The files were written, but the site does not check clean: fix the problems above."
            );
            ExitCode::from(1)
        }
    }
}

/// `plansite serve`: builds `build`'s site and serves it until Ctrl-C.
fn serve(build: BuildOptions, args: &cli::ServeArgs) -> ExitCode {
    let base_path = match plansite::serve::normalise_base_path(&args.base_path) {
        Ok(p) => p,
        Err(d) => return failed(d.into(), "not serving"),
    };
    let bind = args.bind;
    if !bind.is_loopback() {
        eprintln!(
            "warning: listening on {bind}: other computers on the network can see this preview"
        );
    }
    let opts = plansite::serve::ServeOptions {
        build,
        bind,
        port: args.port.map_or(Port::FirstFreeFrom(8000), Port::Exactly),
        base_path,
        // An editor's save is a few writes within a millisecond or two; a rebuild of what
        // changed takes tens of milliseconds, so the preview follows a save at once.
        debounce: std::time::Duration::from_millis(20),
        request_timeout: std::time::Duration::from_secs(10),
    };
    match plansite::serve::start(opts) {
        Ok(mut server) => {
            // The first build, and a busy port, came before the server listened.
            while let Some(event) = server.try_event() {
                show(event);
            }
            println!("Serving the site at {} (Ctrl-C to stop)", server.url);
            if args.open
                && let Err(e) = open::that(&server.url)
            {
                eprintln!("warning: cannot open a browser: {e}");
            }
            while let Some(event) = server.next_event() {
                show(event);
            }
            server.wait();
            ExitCode::SUCCESS
        }
        Err(d) => failed(d.into(), "not serving"),
    }
}

/// Prints what the preview server tells.
fn show(event: Event) {
    match event {
        Event::PortBusy { asked, using } => {
            println!("Port {asked} is busy; using {using} instead.");
        }
        Event::Built {
            files,
            elapsed,
            warnings,
        } => {
            report(&warnings);
            println!("Built {files} files in {} ms.", elapsed.as_millis());
        }
        Event::Failed { problems } => {
            report(&problems);
            eprintln!("The build failed; still serving the last good site.");
        }
        Event::Interrupted => println!("\nStopping."),
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
