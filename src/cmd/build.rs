//! `build`: the PDF and the EPUB of one reader from one load, one plan and one
//! layout.

use std::path::{Path, PathBuf};

use super::{CmdResult, EditionArgs};

/// Make the PDF and the EPUB of a reader from one load and one layout.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    pub edition: EditionArgs,
    /// Folder of the two files (`<reader>.pdf`, `<reader>.epub`).
    #[arg(long, value_name = "DIR", default_value = "out")]
    pub out_dir: PathBuf,
}

/// Runs `build`.
pub(crate) fn run(content: &Path, args: &Args) -> CmdResult {
    let mut progress =
        super::progress::Progress::new(args.edition.timings.clone(), "load and check");
    let checked = super::load_for_build(content, args.edition.format)?;
    let pdf_path: PathBuf = args.out_dir.join(format!("{}.pdf", args.edition.reader));
    let epub_path: PathBuf = args.out_dir.join(format!("{}.epub", args.edition.reader));
    super::outputs_allowed(content, &[&pdf_path, &epub_path])?;
    let report =
        super::Reporter::new(&checked.project, args.edition.format, "PDF and EPUB");
    progress.phase("cite and plan");
    let edition =
        super::edition(&report, &args.edition.reader, args.edition.paper.paper())?;
    progress.phase("typeset");
    let layout = super::lay_out(content, &report, &edition)?;
    progress.phase("export");
    let pdf = report.ok(edition.pdf(&layout, true))?;
    progress.phase("package");
    let epub = report.ok(edition.epub(Some(&layout.pages)))?;
    super::write_output(&pdf_path, &pdf)?;
    super::write_output(&epub_path, &epub)?;
    progress.finish()
}
