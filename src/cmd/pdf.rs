//! `pdf`: load, check, plan, lay out, export one reader.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `pdf`.
pub(crate) struct Args {
    /// Which edition, how to report.
    pub edition: super::EditionOptions,
    /// Output file.
    pub output: Option<PathBuf>,
    /// Where to write the typst sources.
    pub emit_typst: Option<PathBuf>,
    /// Skip PDF/A and PDF/UA.
    pub no_standards: bool,
    /// Overwrite existing files of `--emit-typst`.
    pub force: bool,
    /// Proofs: simple line breaking, no PDF/A or PDF/UA.
    pub draft: bool,
}

/// Runs `pdf`.
pub(crate) fn run(content: &Path, args: Args) -> ExitCode {
    let mut progress =
        super::progress::Progress::new(args.edition.timings.clone(), "load and check");
    let Some(checked) = super::load_for_build(content, args.edition.format) else {
        return ExitCode::FAILURE;
    };
    let out = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("out/{}.pdf", args.edition.reader)));
    if !super::outputs_allowed(content, &[&out]) {
        return ExitCode::FAILURE;
    }
    let report = super::Reporter::new(&checked.project, args.edition.format, "PDF");
    progress.phase("cite and plan");
    let Some(mut edition) =
        super::edition(&report, &args.edition.reader, args.edition.paper)
    else {
        return ExitCode::FAILURE;
    };
    edition.draft = args.draft;
    progress.phase("typeset");
    let Some(layout) = super::lay_out(content, &report, &edition) else {
        return ExitCode::FAILURE;
    };
    if let Some(dir) = &args.emit_typst {
        let sources = edition.typst_sources(Some(&layout.pages));
        let targets: Vec<PathBuf> = sources
            .iter()
            .map(|(path, _)| dir.join(path.trim_start_matches('/')))
            .collect();
        let target_refs: Vec<&Path> = targets.iter().map(PathBuf::as_path).collect();
        if !super::outputs_allowed(content, &target_refs)
            || !super::may_overwrite(&targets, args.force)
        {
            return ExitCode::FAILURE;
        }
        for ((_, text), target) in sources.iter().zip(&targets) {
            if super::write_file(target, text.as_bytes()).is_none() {
                return ExitCode::FAILURE;
            }
        }
        say!("wrote typst sources to {}", dir.display());
    }
    progress.phase("export");
    let Some(bytes) = report.ok(edition.pdf(&layout, !args.no_standards)) else {
        return ExitCode::FAILURE;
    };
    super::write_output(&out, &bytes)
}
