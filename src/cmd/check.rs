//! `check`: load, check, report.

use std::path::Path;

use ccp_press::{diag, load_and_check};

use super::{CmdResult, Failure, Format};

/// Load and check the content; report every problem.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Fail when there are warnings.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Output format of diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// Runs `check`.
pub(crate) fn run(content: &Path, args: &Args) -> CmdResult {
    let checked = load_and_check(content);
    super::report(&checked, args.format)?;
    let p = &checked.project;
    if super::failed(&checked, args.deny_warnings) {
        return Err(match args.format {
            Format::Human => Failure::new(format!(
                "check failed: {}",
                diag::summary(&checked.diagnostics)
            )),
            // The diagnostics on standard output say it all.
            Format::Json => Failure::said(),
        });
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
    if args.format == Format::Human {
        let counts = [
            (p.entries.len(), "entry", "entries"),
            (translations, "translation", "translations"),
            (essays, "essay", "essays"),
            (p.bibliography.len(), "source", "sources"),
            (p.readers.len(), "reader", "readers"),
        ]
        .map(|(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }));
        return super::print_out(&format!("ok: {}{warn}\n", counts.join(", ")));
    }
    Ok(())
}
