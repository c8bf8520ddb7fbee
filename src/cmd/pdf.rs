//! `pdf`: load, check, plan, lay out, export one reader.

use std::path::{Path, PathBuf};

use super::{CmdResult, EditionArgs};

/// Typeset a reader as PDF (default `out/<reader>.pdf`).
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    pub edition: EditionArgs,
    /// Output file.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write the generated typst sources to DIR.
    #[arg(long, value_name = "DIR")]
    pub emit_typst: Option<PathBuf>,
    /// Plain PDF 1.7 instead of PDF/A-2b + PDF/UA-1.
    #[arg(long)]
    pub no_standards: bool,
    /// Overwrite existing files in the `--emit-typst` folder.
    #[arg(long)]
    pub force: bool,
    /// Proofs: first-fit line breaking and plain PDF (faster; looser lines,
    /// not for press).
    #[arg(long)]
    pub draft: bool,
}

/// Runs `pdf`.
pub(crate) fn run(content: &Path, args: &Args) -> CmdResult {
    let mut progress =
        super::progress::Progress::new(args.edition.timings.clone(), "load and check");
    let checked = super::load_for_build(content, args.edition.format)?;
    let out = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("out/{}.pdf", args.edition.reader)));
    super::outputs_allowed(content, &[&out])?;
    let report = super::Reporter::new(&checked.project, args.edition.format, "PDF");
    progress.phase("cite and plan");
    let mut edition =
        super::edition(&report, &args.edition.reader, args.edition.paper.paper())?;
    edition.draft = args.draft;
    progress.phase("typeset");
    let layout = super::lay_out(content, &report, &edition)?;
    if let Some(dir) = &args.emit_typst {
        emit_typst(content, dir, &edition, &layout, args.force)?;
    }
    progress.phase("export");
    let bytes = report.ok(edition.pdf(&layout, !args.no_standards))?;
    super::write_output(&out, &bytes)?;
    progress.finish()
}

/// Writes the typst sources of a layout into `dir` (`--emit-typst`).
fn emit_typst(
    content: &Path,
    dir: &Path,
    edition: &ccp_press::pipeline::Edition,
    layout: &ccp_press::pipeline::Layout,
    force: bool,
) -> CmdResult {
    // The typst sources, then the images they print.
    let files: Vec<(String, Vec<u8>)> = edition
        .typst_sources(Some(&layout.pages))
        .into_iter()
        .map(|(path, text)| (path, text.into_bytes()))
        .chain(
            edition
                .typst_images()
                .into_iter()
                .map(|(path, bytes)| (path, bytes.to_vec())),
        )
        .collect();
    let targets: Vec<PathBuf> = files
        .iter()
        .map(|(path, _)| dir.join(path.trim_start_matches('/')))
        .collect();
    let target_refs: Vec<&Path> = targets.iter().map(PathBuf::as_path).collect();
    super::outputs_allowed(content, &target_refs)?;
    super::may_overwrite(&targets, force)?;
    for ((_, bytes), target) in files.iter().zip(&targets) {
        super::write_file(target, bytes)?;
    }
    say!("wrote typst sources to {}", dir.display());
    Ok(())
}
