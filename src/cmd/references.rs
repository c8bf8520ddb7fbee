//! `references`: a reader's reference list as plain text, one work per line, for
//! proofreading the bibliography without typesetting the book.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use ccp_press::plan::{Anchor, Part};
use ccp_press::render::pdf::Paper;

use crate::Format;

/// Runs `references`.
pub(crate) fn run(content: &Path, reader: &str, keys: bool, format: Format) -> ExitCode {
    let Some(checked) = super::load_for_build(content, format) else {
        return ExitCode::FAILURE;
    };
    let report = super::Reporter::new(&checked.project, format, "reference list");
    let Some(edition) = super::edition(&report, reader, Paper::Letter) else {
        return ExitCode::FAILURE;
    };
    let mut out = std::io::stdout().lock();
    for part in &edition.book.parts {
        let Part::Bibliography(works) = part else {
            continue;
        };
        for w in works {
            let text = ccp_press::cite::plain(&w.runs);
            let line = match (&w.anchor, keys) {
                (Anchor::Bib(key), true) => writeln!(out, "{key}\t{text}"),
                _ => writeln!(out, "{text}"),
            };
            // A closed pipe (`| head`) ends the listing quietly.
            if line.is_err() {
                return ExitCode::SUCCESS;
            }
        }
    }
    ExitCode::SUCCESS
}
