//! `references`: a reader's reference list as plain text, one work per line, for
//! proofreading the bibliography without typesetting the book.

use std::io::Write;
use std::path::Path;

use ccp_press::plan::{Anchor, Part};
use ccp_press::render::pdf::Paper;

use super::{CmdResult, Format};

/// Print a reader's reference list as plain text, one work per line.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The reader (a file stem in readers/).
    #[arg(long, default_value = "default")]
    pub reader: String,
    /// Begin each line with the work's key and a tab.
    #[arg(long)]
    pub keys: bool,
    /// Output format of diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// Runs `references`.
pub(crate) fn run(content: &Path, args: &Args) -> CmdResult {
    let checked = super::load_for_build(content, args.format)?;
    let report = super::Reporter::new(&checked.project, args.format, "reference list");
    let edition = super::edition(&report, &args.reader, Paper::Letter)?;
    let mut out = std::io::stdout().lock();
    let mut listed = Ok(());
    for part in &edition.book.parts {
        let Part::Bibliography(works) = part else {
            continue;
        };
        for w in works {
            let text = ccp_press::cite::plain(&w.runs);
            listed = listed.and_then(|()| match (&w.anchor, args.keys) {
                (Anchor::Bib(key), true) => writeln!(out, "{key}\t{text}"),
                _ => writeln!(out, "{text}"),
            });
        }
    }
    super::listed(listed.and_then(|()| out.flush()))
}
