//! `build`: the PDF and the EPUB of one reader from one load, one plan and one
//! layout.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `build`.
pub(crate) struct Args {
    /// Which edition, how to report.
    pub edition: super::EditionOptions,
    /// Folder of the two files.
    pub out_dir: PathBuf,
}

/// Runs `build`.
pub(crate) fn run(content: &Path, args: Args) -> ExitCode {
    let mut progress =
        super::progress::Progress::new(args.edition.timings.clone(), "load and check");
    let Some(checked) = super::load_for_build(content, args.edition.format) else {
        return ExitCode::FAILURE;
    };
    let pdf_path: PathBuf = args.out_dir.join(format!("{}.pdf", args.edition.reader));
    let epub_path: PathBuf = args.out_dir.join(format!("{}.epub", args.edition.reader));
    if !super::outputs_allowed(content, &[&pdf_path, &epub_path]) {
        return ExitCode::FAILURE;
    }
    let report =
        super::Reporter::new(&checked.project, args.edition.format, "PDF and EPUB");
    progress.phase("cite and plan");
    let Some(edition) = super::edition(&report, &args.edition.reader, args.edition.paper)
    else {
        return ExitCode::FAILURE;
    };
    progress.phase("typeset");
    let Some(layout) = super::lay_out(content, &report, &edition) else {
        return ExitCode::FAILURE;
    };
    progress.phase("export");
    let Some(pdf) = report.ok(edition.pdf(&layout, true)) else {
        return ExitCode::FAILURE;
    };
    progress.phase("package");
    let Some(epub) = report.ok(edition.epub(Some(&layout.pages))) else {
        return ExitCode::FAILURE;
    };
    if super::write_output(&pdf_path, &pdf) != ExitCode::SUCCESS {
        return ExitCode::FAILURE;
    }
    super::write_output(&epub_path, &epub)
}
