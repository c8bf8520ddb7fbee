//! Command-line entry point: parses arguments, runs one command, and prints
//! its failure once.

mod cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Check, typeset and package the center's glossary, translations and readers.
#[derive(Debug, Parser)]
#[command(name = "ccp-press", version, about)]
struct Cli {
    /// The content folder.
    #[arg(long, global = true, default_value = "content", value_name = "DIR")]
    content: PathBuf,
    #[command(subcommand)]
    command: Command,
}

/// The commands; each one's arguments are defined beside it, in `cmd`.
#[derive(Debug, Subcommand)]
enum Command {
    /// Load and check the content; report every problem.
    Check(cmd::check::Args),
    /// Typeset a reader as PDF (default `out/<reader>.pdf`).
    Pdf(cmd::pdf::Args),
    /// Make the EPUB edition of a reader (default `out/<reader>.epub`); `--paper`
    /// chooses the print edition whose page numbers it carries.
    Epub(cmd::epub::Args),
    /// Make the PDF and the EPUB of a reader from one load and one layout.
    Build(cmd::build::Args),
    /// Print a reader's reference list as plain text, one work per line.
    References(cmd::references::Args),
    /// Print the terminology concordance: each glossary term's renderings before
    /// its Chinese, then the bracketed Chinese no entry covers.
    Terms(cmd::terms::Args),
    /// Build a reader's PDF, then build it again whenever a content file changes.
    Watch(cmd::watch::Args),
    /// Write a new glossary entry, translation or reader from a template.
    New {
        #[command(subcommand)]
        what: cmd::new::What,
    },
    /// Print the long explanation of a diagnostic code (`explain E0301`).
    Explain(cmd::explain::Args),
    /// Write a generated content folder (for benchmarks) to DIR.
    #[command(hide = true)]
    Synth(cmd::synth::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let content = cli.content.as_path();
    let result = match &cli.command {
        Command::Check(args) => cmd::check::run(content, args),
        Command::Pdf(args) => cmd::pdf::run(content, args),
        Command::Epub(args) => cmd::epub::run(content, args),
        Command::Build(args) => cmd::build::run(content, args),
        Command::References(args) => cmd::references::run(content, args),
        Command::Terms(args) => cmd::terms::run(content, args),
        Command::Watch(args) => cmd::watch::run(content, args),
        Command::New { what } => cmd::new::run(content, what),
        Command::Explain(args) => cmd::explain::run(args),
        Command::Synth(args) => cmd::synth::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            failure.print();
            ExitCode::FAILURE
        }
    }
}
