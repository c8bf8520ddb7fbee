//! `pdf`: load, check, typeset one reader.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ccp_press::diag::{self, Diagnostic};
use ccp_press::render::pdf::{self, Options, Paper};

use crate::Format;

/// Arguments of `pdf`.
pub struct Args {
    /// Reader name.
    pub reader: String,
    /// Paper.
    pub paper: Paper,
    /// Output file.
    pub output: Option<PathBuf>,
    /// Where to write the typst sources.
    pub emit_typst: Option<PathBuf>,
    /// Diagnostic format.
    pub format: Format,
    /// Skip PDF/A and PDF/UA.
    pub no_standards: bool,
}

/// Runs `pdf`.
pub fn run(content: &Path, args: Args) -> ExitCode {
    let Some(checked) = super::load_for_build(content, args.format) else {
        return ExitCode::FAILURE;
    };
    let project = &checked.project;
    let Some(reader) = super::find_reader(project, &args.reader) else {
        return ExitCode::FAILURE;
    };
    let options = Options {
        paper: args.paper,
        standards: !args.no_standards,
    };
    if let Some(dir) = &args.emit_typst {
        let selection = project.select(reader);
        let cites = ccp_press::cite::format(project, &selection);
        for (path, text) in pdf::sources(project, reader, &selection, &cites, &options) {
            let target = dir.join(path.trim_start_matches('/'));
            if let Err(e) = super::write_atomic(&target, text.as_bytes()) {
                eprintln!("error: cannot write {}: {e}", target.display());
                return ExitCode::FAILURE;
            }
        }
        eprintln!("wrote typst sources to {}", dir.display());
    }
    let result = pdf::pdf(project, reader, &options);
    let print = |diags: &[Diagnostic]| super::print(project, args.format, diags);
    match result {
        Ok((bytes, warnings)) => {
            print(&warnings);
            let out = args
                .output
                .unwrap_or_else(|| PathBuf::from(format!("out/{}.pdf", reader.name)));
            super::write_output(&out, &bytes)
        }
        Err(diags) => {
            print(&diags);
            eprintln!("error: PDF not written: {}", diag::summary(&diags));
            ExitCode::FAILURE
        }
    }
}
