//! `epub`: the EPUB edition of one reader.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `epub`.
pub(crate) struct Args {
    /// Which edition, how to report.
    pub edition: super::EditionOptions,
    /// Output file.
    pub output: Option<PathBuf>,
    /// Skip print page numbers (and the layout they need).
    pub no_page_numbers: bool,
}

/// Runs `epub`.
pub(crate) fn run(content: &Path, args: Args) -> ExitCode {
    let mut progress =
        super::progress::Progress::new(args.edition.timings.clone(), "load and check");
    let Some(checked) = super::load_for_build(content, args.edition.format) else {
        return ExitCode::FAILURE;
    };
    let out = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("out/{}.epub", args.edition.reader)));
    if !super::outputs_allowed(content, &[&out]) {
        return ExitCode::FAILURE;
    }
    let report = super::Reporter::new(&checked.project, args.edition.format, "EPUB");
    progress.phase("cite and plan");
    let Some(edition) = super::edition(&report, &args.edition.reader, args.edition.paper)
    else {
        return ExitCode::FAILURE;
    };
    let pages = if args.no_page_numbers {
        None
    } else {
        let (_, stored) = super::stored_map(content, &edition);
        match stored {
            // The map of a PDF laid out from these very sources: no layout needed.
            Some(s) if s.fingerprint == edition.fingerprint() => Some(s.pages),
            _ => {
                progress.phase("typeset");
                let Some(layout) = super::lay_out(content, &report, &edition) else {
                    return ExitCode::FAILURE;
                };
                Some(layout.pages)
            }
        }
    };
    progress.phase("package");
    let Some(bytes) = report.ok(edition.epub(pages.as_ref())) else {
        return ExitCode::FAILURE;
    };
    super::write_output(&out, &bytes)
}
