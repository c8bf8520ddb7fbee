//! `synth DIR` (hidden): a generated content folder, for benchmarks.

use std::path::PathBuf;

use super::{CmdResult, Failure};

/// Write a generated content folder (for benchmarks) to DIR.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Target folder.
    pub dir: PathBuf,
    /// Glossary entries.
    #[arg(long, default_value_t = 1000)]
    pub entries: usize,
    /// Bibliography entries.
    #[arg(long, default_value_t = 200)]
    pub works: usize,
    /// Translations (each with bracketed terms, for the terminology checks).
    #[arg(long, default_value_t = 0)]
    pub translations: usize,
    /// Write into a folder that is not empty.
    #[arg(long)]
    pub force: bool,
}

/// Writes the generated corpus.
pub(crate) fn run(args: &Args) -> CmdResult {
    ccp_press::synth::write_corpus(
        &args.dir,
        args.entries,
        args.works,
        args.translations,
        args.force,
    )
    .map_err(|e| Failure::new(format!("cannot write {}: {e}", args.dir.display())))
}
