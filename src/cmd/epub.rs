//! `epub`: the EPUB edition of one reader.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ccp_press::render::pdf::Paper;

use crate::Format;

/// Arguments of `epub`.
pub(crate) struct Args {
    /// Reader name.
    pub reader: String,
    /// Paper of the print edition whose page numbers the EPUB carries.
    pub paper: Paper,
    /// Output file.
    pub output: Option<PathBuf>,
    /// Skip print page numbers (and the layout they need).
    pub no_page_numbers: bool,
    /// Diagnostic format.
    pub format: Format,
    /// Where to write a Chrome trace of the phases.
    pub timings: Option<PathBuf>,
}

/// Runs `epub`.
pub(crate) fn run(content: &Path, args: Args) -> ExitCode {
    let mut progress =
        super::progress::Progress::new(args.timings.clone(), "load and check");
    let Some(checked) = super::load_for_build(content, args.format) else {
        return ExitCode::FAILURE;
    };
    let out = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("out/{}.epub", args.reader)));
    if !super::outputs_allowed(content, &[&out]) {
        return ExitCode::FAILURE;
    }
    let report = super::Reporter::new(&checked.project, args.format, "EPUB");
    progress.phase("cite and plan");
    let Some(edition) = super::edition(&report, &args.reader, args.paper) else {
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
