//! One module per subcommand; each returns the process exit code.

pub mod check;
pub mod epub;
pub mod pdf;

use ccp_press::Checked;
use ccp_press::diag::{self, Severity};

use crate::Format;

/// Prints the diagnostics of a load (to stderr for humans, stdout for JSON).
pub fn report(checked: &Checked, format: Format) {
    let map = &checked.project.sources;
    match format {
        Format::Human => eprint!("{}", diag::render_human(map, &checked.diagnostics)),
        Format::Json => print!("{}", diag::render_json(map, &checked.diagnostics)),
    }
}

/// Whether the diagnostics stop the command.
pub fn failed(checked: &Checked, deny_warnings: bool) -> bool {
    checked
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error || deny_warnings)
}

/// The reader named `name`, or an error listing the readers there are.
pub fn find_reader<'a>(
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
pub fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
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
pub fn load_for_build(content: &std::path::Path, format: Format) -> Option<Checked> {
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

/// Prints diagnostics that a writer returned.
pub fn print(
    project: &ccp_press::model::Project,
    format: Format,
    diags: &[ccp_press::diag::Diagnostic],
) {
    match format {
        Format::Human => eprint!("{}", diag::render_human(&project.sources, diags)),
        Format::Json => print!("{}", diag::render_json(&project.sources, diags)),
    }
}

/// Writes an output file atomically and reports it; the exit code of the command.
pub fn write_output(path: &std::path::Path, bytes: &[u8]) -> std::process::ExitCode {
    if let Err(e) = write_atomic(path, bytes) {
        eprintln!("error: cannot write {}: {e}", path.display());
        return std::process::ExitCode::FAILURE;
    }
    eprintln!("wrote {} ({} KB)", path.display(), bytes.len() / 1024);
    std::process::ExitCode::SUCCESS
}
