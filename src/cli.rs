//! The command line, as clap sees it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// plansite: publish an organisational plan (kế hoạch) as a static website.
#[derive(Debug, Parser)]
#[command(name = "plansite", version, about, long_about = None)]
pub struct Cli {
    /// The site folder (the one with plansite.toml); default: the current folder.
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// The public address of the site (overrides base_url in plansite.toml): adds canonical
    /// links, link-preview tags, sitemap.xml and robots.txt.
    #[arg(long, global = true, value_name = "URL")]
    pub base_url: Option<String>,

    /// Print progress messages.
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (replaced only when the build succeeds).
    Build {
        /// Where to write the site, relative to the site folder.
        #[arg(short, long, value_name = "DIR", default_value = "output")]
        output: PathBuf,
    },
    /// Check the site without writing anything: every problem, with file and line.
    Check {
        /// Treat warnings (likely mistakes) as errors: exit with status 1 if there are any.
        #[arg(long)]
        strict: bool,
    },
    /// Preview the site: build it in memory, serve it, rebuild and reload pages on every change.
    Serve(ServeArgs),
    /// Create a new site with an example plan in DIR (which must be new or empty).
    New {
        /// The folder to create.
        dir: PathBuf,
        /// The language of the example: vi (Vietnamese) or en (English).
        #[arg(long, default_value = "vi", value_parser = ["vi", "en"])]
        lang: String,
    },
    /// Pack one plan, or every year of one organisation, into a zip that opens offline, as a
    /// site of its own.
    #[command(group = clap::ArgGroup::new("what").required(true).args(["plan", "organisation"]))]
    Archive {
        /// The plan's slug (its folder name in the output).
        plan: Option<String>,
        /// Every plan of this organisation instead: its slug (as on the home page,
        /// `#org-SLUG`) or its name.
        #[arg(long, value_name = "ORG")]
        organisation: Option<String>,
        /// The zip to write; default: <plan>.zip, or <organisation slug>.zip, in the site folder.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Turn a plan written in Word (.docx) or plain text (.txt, .md) into a plan's content
    /// files: header, sections, months, closing, recipients and signature.
    Import {
        /// The document to import.
        file: PathBuf,
        /// The plan folder to write, relative to the site folder (default:
        /// content/<year>-<subject>).
        #[arg(long, value_name = "DIR")]
        into: Option<PathBuf>,
        /// Print the files instead of writing them.
        #[arg(long)]
        dry_run: bool,
        /// Replace files that already exist in the plan folder.
        #[arg(long)]
        force: bool,
    },
}

/// The options of `plansite serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The port (default 8000, or the next free one).
    #[arg(short, long)]
    pub port: Option<u16>,
    /// The address to listen on. Anything but 127.0.0.1 makes the preview visible to
    /// other computers.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Serve the site under this URL path, as the intranet does (e.g. /intranet/kehoach/).
    #[arg(long, default_value = "/", value_name = "PATH")]
    pub base_path: String,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
}
