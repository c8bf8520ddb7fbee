//! `check`: load, check, report.

use std::path::Path;
use std::process::ExitCode;

use ccp_press::{diag, load_and_check};

use crate::Format;

/// Runs `check`.
pub(crate) fn run(content: &Path, deny_warnings: bool, format: Format) -> ExitCode {
    let checked = load_and_check(content);
    super::report(&checked, format);
    let p = &checked.project;
    if super::failed(&checked, deny_warnings) {
        if format == Format::Human {
            eprintln!(
                "error: check failed: {}",
                diag::summary(&checked.diagnostics)
            );
        }
        return ExitCode::FAILURE;
    }
    let translations = p
        .documents
        .values()
        .filter(|d| d.kind == ccp_press::model::DocKind::Translation)
        .count();
    let essays = p.documents.len() - translations;
    let warn = if checked.diagnostics.is_empty() {
        String::new()
    } else {
        format!(" ({})", diag::summary(&checked.diagnostics))
    };
    if format == Format::Human {
        let counts = [
            (p.entries.len(), "entry", "entries"),
            (translations, "translation", "translations"),
            (essays, "essay", "essays"),
            (p.bibliography.len(), "source", "sources"),
            (p.readers.len(), "reader", "readers"),
        ]
        .map(|(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }));
        println!("ok: {}{warn}", counts.join(", "));
    }
    ExitCode::SUCCESS
}
