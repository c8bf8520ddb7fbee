//! Command-line entry point: parses arguments and dispatches to `cmd`.

mod cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
    Pdf(PdfCommand),
    /// Make the EPUB edition of a reader (default `out/<reader>.epub`); `--paper`
    /// chooses the print edition whose page numbers it carries.
    Epub(EpubCommand),
    /// Make the PDF and the EPUB of a reader from one load and one layout.
    Build(BuildCommand),
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
    Watch(WatchCommand),
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
    Synth(SynthCommand),
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
    let content = cli.content.as_path();
    match cli.command {
        Command::Check {
            deny_warnings,
            format,
        } => cmd::check::run(content, deny_warnings, format),
        Command::Pdf(args) => cmd::pdf::run(content, args.into()),
        Command::Epub(args) => cmd::epub::run(content, args.into()),
        Command::Build(args) => cmd::build::run(content, args.into()),
        Command::References {
            reader,
            keys,
            format,
        } => cmd::references::run(content, &reader, keys, format),
        Command::Terms { format } => cmd::terms::run(content, format),
        Command::Watch(args) => cmd::watch::run(content, args.into()),
        Command::New { what } => cmd::new::run(content, what.into()),
        Command::Explain { code } => cmd::explain::run(&code),
        Command::Synth(args) => args.run(),
    }
}

impl From<EditionArgs> for cmd::EditionOptions {
    fn from(e: EditionArgs) -> Self {
        cmd::EditionOptions {
            reader: e.reader,
            paper: e.paper.paper(),
            format: e.format,
            timings: e.timings,
        }
    }
}

impl From<PdfCommand> for cmd::pdf::Args {
    fn from(c: PdfCommand) -> Self {
        cmd::pdf::Args {
            edition: c.edition.into(),
            output: c.output,
            emit_typst: c.emit_typst,
            no_standards: c.no_standards,
            force: c.force,
            draft: c.draft,
        }
    }
}

impl From<EpubCommand> for cmd::epub::Args {
    fn from(c: EpubCommand) -> Self {
        cmd::epub::Args {
            edition: c.edition.into(),
            output: c.output,
            no_page_numbers: c.no_page_numbers,
        }
    }
}

impl From<BuildCommand> for cmd::build::Args {
    fn from(c: BuildCommand) -> Self {
        cmd::build::Args {
            edition: c.edition.into(),
            out_dir: c.out_dir,
        }
    }
}

impl From<WatchCommand> for cmd::watch::Args {
    fn from(c: WatchCommand) -> Self {
        cmd::watch::Args {
            reader: c.reader,
            paper: c.paper.paper(),
            epub: c.epub,
            out_dir: c.out_dir,
            serve: c.serve,
        }
    }
}

impl From<NewCommand> for cmd::new::What {
    fn from(what: NewCommand) -> Self {
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
            NewCommand::Reader { name, title } => cmd::new::What::Reader { name, title },
        }
    }
}

impl SynthCommand {
    /// Writes the generated corpus.
    fn run(self) -> ExitCode {
        let written = ccp_press::synth::write_corpus(
            &self.dir,
            self.entries,
            self.works,
            self.translations,
            self.force,
        );
        match written {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", self.dir.display());
                ExitCode::FAILURE
            }
        }
    }
}

/// Arguments of `pdf`.
#[derive(Debug, Args)]
struct PdfCommand {
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
}

/// Arguments of `epub`.
#[derive(Debug, Args)]
struct EpubCommand {
    #[command(flatten)]
    edition: EditionArgs,
    /// Output file.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Leave out print page numbers (skips the PDF layout; faster).
    #[arg(long)]
    no_page_numbers: bool,
}

/// Arguments of `build`.
#[derive(Debug, Args)]
struct BuildCommand {
    #[command(flatten)]
    edition: EditionArgs,
    /// Folder of the two files (`<reader>.pdf`, `<reader>.epub`).
    #[arg(long, value_name = "DIR", default_value = "out")]
    out_dir: PathBuf,
}

/// Arguments of `watch`.
#[derive(Debug, Args)]
struct WatchCommand {
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
}

/// Arguments of `synth`.
#[derive(Debug, Args)]
struct SynthCommand {
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
}
