//! One module per subcommand; each returns the process exit code.

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod epub;
pub(crate) mod explain;
pub(crate) mod pdf;

use ccp_press::Checked;
use ccp_press::diag::{self, Diagnostic, Severity};
use ccp_press::model::Project;
use ccp_press::pipeline::Edition;
use ccp_press::render::pdf::Paper;

use crate::Format;

/// Prints the diagnostics of a load (to stderr for humans, stdout for JSON).
pub(crate) fn report(checked: &Checked, format: Format) {
    let map = &checked.project.sources;
    match format {
        Format::Human => eprint!("{}", diag::render_human(map, &checked.diagnostics)),
        Format::Json => print!("{}", diag::render_json(map, &checked.diagnostics)),
    }
}

/// Whether the diagnostics stop the command.
pub(crate) fn failed(checked: &Checked, deny_warnings: bool) -> bool {
    checked
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error || deny_warnings)
}

/// The reader named `name`, or an error listing the readers there are.
pub(crate) fn find_reader<'a>(
    project: &'a ccp_press::model::Project,
    name: &str,
) -> Option<&'a ccp_press::model::Reader> {
    let found = project.readers.get(name);
    if found.is_none() {
        let names: Vec<&str> = project.readers.keys().map(String::as_str).collect();
        eprintln!("error: no reader `{name}` in readers/");
        match diag::did_you_mean(name, names.iter().copied()) {
            Some(s) => eprintln!("  = help: did you mean `{s}`?"),
            None => eprintln!("  = help: readers: {}", names.join(", ")),
        }
    }
    found
}

/// Writes `bytes` to `path` through a temporary file and a rename, so a reader never
/// sees a half-written file.
pub(crate) fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The first steps of every build: load and check, print the diagnostics, and
/// return the model unless there are errors.
pub(crate) fn load_for_build(
    content: &std::path::Path,
    format: Format,
) -> Option<Checked> {
    let checked = ccp_press::load_and_check(content);
    report(&checked, format);
    if failed(&checked, false) {
        eprintln!(
            "error: not building: {}",
            diag::summary(&checked.diagnostics)
        );
        return None;
    }
    Some(checked)
}

/// Prints the diagnostics of the steps after checking, and says what was not
/// written when a step fails.
pub(crate) struct Reporter<'p> {
    project: &'p Project,
    format: Format,
    /// What the command makes ("PDF").
    what: &'static str,
}

impl<'p> Reporter<'p> {
    /// A reporter for a command that makes `what`.
    pub(crate) fn new(project: &'p Project, format: Format, what: &'static str) -> Self {
        Reporter {
            project,
            format,
            what,
        }
    }

    /// Prints diagnostics.
    pub(crate) fn print(&self, diags: &[Diagnostic]) {
        let map = &self.project.sources;
        match self.format {
            Format::Human => eprint!("{}", diag::render_human(map, diags)),
            Format::Json => print!("{}", diag::render_json(map, diags)),
        }
    }

    /// The value of a step, or `None` after printing its diagnostics.
    pub(crate) fn ok<T>(&self, result: Result<T, Vec<Diagnostic>>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(diags) => {
                self.print(&diags);
                eprintln!(
                    "error: {} not written: {}",
                    self.what,
                    diag::summary(&diags)
                );
                None
            }
        }
    }
}

/// The planned edition of a reader, or `None` after reporting why not.
pub(crate) fn edition<'p>(
    report: &Reporter<'p>,
    reader: &str,
    paper: Paper,
) -> Option<Edition<'p>> {
    let reader = find_reader(report.project, reader)?;
    report.ok(Edition::new(report.project, reader, paper))
}

/// Writes an output file atomically and reports it; the exit code of the command.
pub(crate) fn write_output(
    path: &std::path::Path,
    bytes: &[u8],
) -> std::process::ExitCode {
    if let Err(e) = write_atomic(path, bytes) {
        eprintln!("error: cannot write {}: {e}", path.display());
        return std::process::ExitCode::FAILURE;
    }
    eprintln!("wrote {} ({} KB)", path.display(), bytes.len() / 1024);
    std::process::ExitCode::SUCCESS
}
