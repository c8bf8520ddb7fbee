//! `epub`: the EPUB edition of one reader.

use std::path::{Path, PathBuf};

use super::{CmdResult, EditionArgs};

/// Make the EPUB edition of a reader (default `out/<reader>.epub`); `--paper`
/// chooses the print edition whose page numbers it carries.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    pub edition: EditionArgs,
    /// Output file.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Leave out print page numbers (skips the PDF layout; faster).
    #[arg(long)]
    pub no_page_numbers: bool,
}

/// Runs `epub`.
pub(crate) fn run(content: &Path, args: &Args) -> CmdResult {
    let mut progress =
        super::progress::Progress::new(args.edition.timings.clone(), "load and check");
    let checked = super::load_for_build(content, args.edition.format)?;
    let out = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("out/{}.epub", args.edition.reader)));
    super::outputs_allowed(content, &[&out])?;
    let report = super::Reporter::new(&checked.project, args.edition.format, "EPUB");
    progress.phase("cite and plan");
    let edition =
        super::edition(&report, &args.edition.reader, args.edition.paper.paper())?;
    let pages = if args.no_page_numbers {
        None
    } else {
        let (_, stored) = super::stored_map(content, &edition);
        match stored {
            // The map of a PDF laid out from these very sources: no layout needed.
            Some(s) if s.fingerprint == edition.fingerprint() => Some(s.pages),
            _ => {
                progress.phase("typeset");
                Some(super::lay_out(content, &report, &edition)?.pages)
            }
        }
    };
    progress.phase("package");
    let bytes = report.ok(edition.epub(pages.as_ref()))?;
    super::write_output(&out, &bytes)?;
    progress.finish()
}
