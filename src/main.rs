//! Command-line entry point: parses arguments and dispatches to `cmd`.

mod cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

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

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style text.
    Human,
    /// One JSON object per line.
    Json,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Load and check the content; report every problem.
    Check {
        /// Fail when there are warnings.
        #[arg(long)]
        deny_warnings: bool,
        /// Output format of diagnostics.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Typeset a reader as PDF (default `out/<reader>.pdf`).
    Pdf {
        #[command(flatten)]
        edition: EditionArgs,
        /// Output file.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Also write the generated typst sources to DIR.
        #[arg(long, value_name = "DIR")]
        emit_typst: Option<PathBuf>,
        /// Plain PDF 1.7 instead of PDF/A-2b + PDF/UA-1.
        #[arg(long)]
        no_standards: bool,
        /// Overwrite existing files in the `--emit-typst` folder.
        #[arg(long)]
        force: bool,
        /// Proofs: first-fit line breaking and plain PDF (faster; looser lines,
        /// not for press).
        #[arg(long)]
        draft: bool,
    },
    /// Make the EPUB edition of a reader (default `out/<reader>.epub`); `--paper`
    /// chooses the print edition whose page numbers it carries.
    Epub {
        #[command(flatten)]
        edition: EditionArgs,
        /// Output file.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Leave out print page numbers (skips the PDF layout; faster).
        #[arg(long)]
        no_page_numbers: bool,
    },
    /// Make the PDF and the EPUB of a reader from one load and one layout.
    Build {
        #[command(flatten)]
        edition: EditionArgs,
        /// Folder of the two files (`<reader>.pdf`, `<reader>.epub`).
        #[arg(long, value_name = "DIR", default_value = "out")]
        out_dir: PathBuf,
    },
    /// Print a reader's reference list as plain text, one work per line.
    References {
        /// The reader (a file stem in readers/).
        #[arg(long, default_value = "default")]
        reader: String,
        /// Begin each line with the work's key and a tab.
        #[arg(long)]
        keys: bool,
        /// Output format of diagnostics.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Print the terminology concordance: each glossary term's renderings before
    /// its Chinese, then the bracketed Chinese no entry covers.
    Terms {
        /// Output format (JSON: one object per term and line).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Build a reader's PDF, then build it again whenever a content file changes.
    Watch {
        /// The reader (a file stem in readers/).
        #[arg(long, default_value = "default")]
        reader: String,
        /// Paper size.
        #[arg(long, value_enum, default_value_t = PaperArg::Letter)]
        paper: PaperArg,
        /// Also write the EPUB on every build.
        #[arg(long)]
        epub: bool,
        /// Serve a live preview on 127.0.0.1 (first free port from 3000).
        #[arg(long)]
        serve: bool,
        /// Folder of the outputs.
        #[arg(long, value_name = "DIR", default_value = "out")]
        out_dir: PathBuf,
    },
    /// Write a new glossary entry, translation or reader from a template.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Print the long explanation of a diagnostic code (`explain E0301`).
    Explain {
        /// The code.
        code: String,
    },
    /// Write a generated content folder (for benchmarks) to DIR.
    #[command(hide = true)]
    Synth {
        /// Target folder.
        dir: PathBuf,
        /// Glossary entries.
        #[arg(long, default_value_t = 1000)]
        entries: usize,
        /// Bibliography entries.
        #[arg(long, default_value_t = 200)]
        works: usize,
        /// Translations (each with bracketed terms, for the terminology checks).
        #[arg(long, default_value_t = 0)]
        translations: usize,
        /// Write into a folder that is not empty.
        #[arg(long)]
        force: bool,
    },
}

/// What `new` writes.
#[derive(Debug, Subcommand)]
enum NewCommand {
    /// `glossary/SLUG.md`, its pinyin read from the hanzi.
    Entry {
        /// File name, a lowercase slug (`new-development-concept`).
        slug: String,
        /// The English headword, in title case.
        #[arg(long)]
        term: String,
        /// The simplified characters.
        #[arg(long)]
        hanzi: String,
        /// The traditional characters, when they differ.
        #[arg(long)]
        traditional: Option<String>,
    },
    /// `translations/ID.md`.
    Translation {
        /// File name, a lowercase slug.
        id: String,
        /// The bibliography key of the original.
        #[arg(long)]
        source: String,
        /// English title (default: from the id).
        #[arg(long)]
        title: Option<String>,
        /// Chinese title of the original.
        #[arg(long)]
        original_title: Option<String>,
    },
    /// `readers/NAME.yaml`.
    Reader {
        /// File name, a lowercase slug.
        name: String,
        /// Title of the reader (default: from the name).
        #[arg(long)]
        title: Option<String>,
    },
}

/// Options shared by the commands that make an edition.
#[derive(Debug, clap::Args)]
struct EditionArgs {
    /// The reader (a file stem in readers/).
    #[arg(long, default_value = "default")]
    reader: String,
    /// Paper size.
    #[arg(long, value_enum, default_value_t = PaperArg::Letter)]
    paper: PaperArg,
    /// Output format of diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Write a Chrome-trace JSON of the phases (load and check, cite and plan,
    /// typeset, export, package) to FILE.
    #[arg(long, value_name = "FILE")]
    timings: Option<PathBuf>,
}

impl PaperArg {
    fn paper(self) -> ccp_press::render::pdf::Paper {
        match self {
            PaperArg::Letter => ccp_press::render::pdf::Paper::Letter,
            PaperArg::A4 => ccp_press::render::pdf::Paper::A4,
        }
    }
}

/// Paper sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum PaperArg {
    /// US letter.
    Letter,
    /// ISO A4.
    A4,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check {
            deny_warnings,
            format,
        } => cmd::check::run(&cli.content, deny_warnings, format),
        Command::Pdf {
            edition,
            output,
            emit_typst,
            no_standards,
            force,
            draft,
        } => cmd::pdf::run(
            &cli.content,
            cmd::pdf::Args {
                reader: edition.reader,
                paper: edition.paper.paper(),
                output,
                emit_typst,
                format: edition.format,
                timings: edition.timings.clone(),
                no_standards,
                force,
                draft,
            },
        ),
        Command::Epub {
            edition,
            output,
            no_page_numbers,
        } => cmd::epub::run(
            &cli.content,
            cmd::epub::Args {
                reader: edition.reader,
                paper: edition.paper.paper(),
                output,
                no_page_numbers,
                format: edition.format,
                timings: edition.timings.clone(),
            },
        ),
        Command::Build { edition, out_dir } => cmd::build::run(
            &cli.content,
            cmd::build::Args {
                reader: edition.reader,
                paper: edition.paper.paper(),
                out_dir,
                format: edition.format,
                timings: edition.timings.clone(),
            },
        ),
        Command::References {
            reader,
            keys,
            format,
        } => cmd::references::run(&cli.content, &reader, keys, format),
        Command::Terms { format } => cmd::terms::run(&cli.content, format),
        Command::Watch {
            reader,
            paper,
            epub,
            serve,
            out_dir,
        } => cmd::watch::run(
            &cli.content,
            cmd::watch::Args {
                reader,
                paper: paper.paper(),
                epub,
                out_dir,
                serve,
            },
        ),
        Command::New { what } => cmd::new::run(
            &cli.content,
            match what {
                NewCommand::Entry {
                    slug,
                    term,
                    hanzi,
                    traditional,
                } => cmd::new::What::Entry {
                    slug,
                    term,
                    hanzi,
                    traditional,
                },
                NewCommand::Translation {
                    id,
                    source,
                    title,
                    original_title,
                } => cmd::new::What::Translation {
                    id,
                    title,
                    original_title,
                    source,
                },
                NewCommand::Reader { name, title } => {
                    cmd::new::What::Reader { name, title }
                }
            },
        ),
        Command::Explain { code } => cmd::explain::run(&code),
        Command::Synth {
            dir,
            entries,
            works,
            translations,
            force,
        } => match ccp_press::synth::write_corpus(
            &dir,
            entries,
            works,
            translations,
            force,
        ) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", dir.display());
                ExitCode::FAILURE
            }
        },
    }
}
