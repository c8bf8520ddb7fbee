//! `epub` and `build`: the EPUB edition, and both editions from one load.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ccp_press::diag;
use ccp_press::render::{Stamp, epub, fonts, pdf};

use crate::Format;

/// Arguments of `epub` and `build`.
pub struct Args {
    /// Reader name.
    pub reader: String,
    /// Paper of the print edition (for page numbers).
    pub paper: pdf::Paper,
    /// Output file (`epub` only).
    pub output: Option<PathBuf>,
    /// Skip print page numbers.
    pub no_page_numbers: bool,
    /// Diagnostic format.
    pub format: Format,
}

/// Runs `epub` (`with_pdf` false) or `build` (`with_pdf` true).
pub fn run(content: &Path, args: Args, with_pdf: bool) -> ExitCode {
    let Some(checked) = super::load_for_build(content, args.format) else {
        return ExitCode::FAILURE;
    };
    let project = &checked.project;
    let Some(reader) = super::find_reader(project, &args.reader) else {
        return ExitCode::FAILURE;
    };
    let mut pages = None;
    if with_pdf {
        let options = pdf::Options {
            paper: args.paper,
            standards: true,
        };
        let selection = project.select(reader);
        let missing = fonts::check_coverage(
            project,
            &pdf::reader_files(project, reader, &selection),
        );
        if !missing.is_empty() {
            super::print(project, args.format, &missing);
            return ExitCode::FAILURE;
        }
        let cites = ccp_press::cite::format(project, &selection);
        let stamp = Stamp::for_reader(reader);
        let files = pdf::sources(project, reader, &selection, &cites, &options);
        let result = pdf::compile(files, stamp).and_then(|c| {
            let bytes = pdf::export(&c.document, reader, stamp, &options)?;
            Ok((bytes, pdf::page_map(&c.document), c.warnings))
        });
        match result {
            Ok((bytes, map, warnings)) => {
                super::print(project, args.format, &warnings);
                let out = PathBuf::from(format!("out/{}.pdf", reader.name));
                if super::write_output(&out, &bytes) != ExitCode::SUCCESS {
                    return ExitCode::FAILURE;
                }
                pages = Some(map);
            }
            Err(d) => {
                super::print(project, args.format, &d);
                return ExitCode::FAILURE;
            }
        }
    }
    let options = epub::Options {
        paper: args.paper,
        page_numbers: !args.no_page_numbers,
    };
    match epub::epub(project, reader, &options, pages.as_ref()) {
        Ok(bytes) => {
            let out = args
                .output
                .filter(|_| !with_pdf)
                .unwrap_or_else(|| PathBuf::from(format!("out/{}.epub", reader.name)));
            super::write_output(&out, &bytes)
        }
        Err(d) => {
            super::print(project, args.format, &d);
            eprintln!("error: EPUB not written: {}", diag::summary(&d));
            ExitCode::FAILURE
        }
    }
}
