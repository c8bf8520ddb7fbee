//! One module per subcommand; each returns the process exit code.

/// `eprintln!` with the progress spinner (if one is on screen) hidden meanwhile,
/// so a line is never written after the spinner's text.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cmd::progress::suspend(|| eprintln!($($arg)*))
    };
}

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod epub;
pub(crate) mod explain;
pub(crate) mod new;
pub(crate) mod pdf;
pub(crate) mod preview;
pub(crate) mod progress;
pub(crate) mod references;
pub(crate) mod terms;
pub(crate) mod watch;

use std::path::{Path, PathBuf};

use ccp_press::Checked;
use ccp_press::diag::{self, Diagnostic, Severity};
use ccp_press::model::Project;
use ccp_press::pipeline::Edition;
use ccp_press::render::pdf::Paper;

use crate::Format;

/// What `pdf`, `epub` and `build` share: which edition, how to report.
pub(crate) struct EditionOptions {
    /// Reader name.
    pub reader: String,
    /// Paper.
    pub paper: Paper,
    /// Diagnostic format.
    pub format: Format,
    /// Where to write a Chrome trace of the phases.
    pub timings: Option<PathBuf>,
}

/// Prints the diagnostics of a load (to stderr for humans, stdout for JSON).
pub(crate) fn report(checked: &Checked, format: Format) {
    let map = &checked.project.sources;
    match format {
        Format::Human => progress::suspend(|| {
            eprint!("{}", diag::render_human(map, &checked.diagnostics))
        }),
        Format::Json => progress::suspend(|| {
            print!("{}", diag::render_json(map, &checked.diagnostics))
        }),
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
        no_reader(name, &names);
    }
    found
}

/// Says that there is no reader `name`: the nearest of `names`, or all of them.
pub(crate) fn no_reader(name: &str, names: &[&str]) {
    say!("error: no reader `{name}` in readers/");
    match diag::did_you_mean(name, names.iter().copied()) {
        Some(s) => say!("  = help: did you mean `{s}`?"),
        None => say!("  = help: readers: {}", names.join(", ")),
    }
}

/// Writes `bytes` to `path` through a temporary file and a rename, so a reader never
/// sees a half-written file. The temporary file gets an unpredictable name and is
/// created exclusively (never through an existing file or symlink) in the target
/// folder.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".ccp-press-").suffix(".tmp");
    // Readable like any file the user makes (the umask applies), not 0600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Why the command may not write `path`, if it may not: a folder, or a file inside
/// the content folder (an output never replaces a source).
pub(crate) fn output_problem(content: &Path, path: &Path) -> Option<String> {
    if path.is_dir() {
        return Some(format!("{} is a folder; give a file name", path.display()));
    }
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let (Ok(content), Some(dir)) = (content.canonicalize(), nearest_existing(parent))
    else {
        return None;
    };
    dir.starts_with(&content).then(|| {
        format!(
            "{} is inside the content folder; outputs never go there (a source could be overwritten)",
            path.display()
        )
    })
}

/// The canonical form of the nearest existing ancestor of `dir`.
fn nearest_existing(dir: &Path) -> Option<std::path::PathBuf> {
    dir.ancestors().find_map(|a| {
        if a.as_os_str().is_empty() {
            Path::new(".").canonicalize().ok()
        } else {
            a.canonicalize().ok()
        }
    })
}

/// Prints an error and returns false when the command may not write `paths`.
pub(crate) fn outputs_allowed(content: &Path, paths: &[&Path]) -> bool {
    for p in paths {
        if let Some(why) = output_problem(content, p) {
            say!("error: not writing {}: {why}", p.display());
            return false;
        }
    }
    true
}

/// Prints an error and returns false when a file of `paths` exists and `force` is
/// not given.
pub(crate) fn may_overwrite(paths: &[std::path::PathBuf], force: bool) -> bool {
    match paths.iter().find(|p| p.exists()) {
        Some(p) if !force => {
            say!("error: {} exists; not overwriting it", p.display());
            say!("  = help: choose an empty folder, or pass --force to overwrite");
            false
        }
        _ => true,
    }
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
        say!(
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
            Format::Human => {
                progress::suspend(|| eprint!("{}", diag::render_human(map, diags)))
            }
            Format::Json => {
                progress::suspend(|| print!("{}", diag::render_json(map, diags)))
            }
        }
    }

    /// The value of a step, or `None` after printing its diagnostics.
    pub(crate) fn ok<T>(&self, result: Result<T, Vec<Diagnostic>>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(diags) => {
                self.print(&diags);
                say!(
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
    edition_cached(
        report,
        reader,
        paper,
        &mut ccp_press::cite::Cache::default(),
    )
}

/// [`edition`] with the citations of `cache` when the works are the same.
pub(crate) fn edition_cached<'p>(
    report: &Reporter<'p>,
    reader: &str,
    paper: Paper,
    cache: &mut ccp_press::cite::Cache,
) -> Option<Edition<'p>> {
    let reader = find_reader(report.project, reader)?;
    report.ok(Edition::with_citations(
        report.project,
        reader,
        paper,
        cache,
    ))
}

/// Writes an output file atomically and reports it; the exit code of the command.
pub(crate) fn write_output(
    path: &std::path::Path,
    bytes: &[u8],
) -> std::process::ExitCode {
    if write_file(path, bytes).is_none() {
        return std::process::ExitCode::FAILURE;
    }
    say!("wrote {} ({} KB)", path.display(), bytes.len() / 1024);
    std::process::ExitCode::SUCCESS
}

/// Writes `bytes` to `path` atomically; none (said) when it could not.
pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> Option<()> {
    write_atomic(path, bytes)
        .map_err(|e| say!("error: cannot write {}: {e}", path.display()))
        .ok()
}

/// Lays an edition out from its stored page map when there is one, prints
/// typst's warnings and stores the settled map for the next build.
pub(crate) fn lay_out(
    content: &Path,
    report: &Reporter,
    edition: &Edition,
) -> Option<ccp_press::pipeline::Layout> {
    let (path, stored) = stored_map(content, edition);
    let layout = report.ok(edition.layout(stored.as_ref().map(|s| &s.pages)))?;
    report.print(&layout.warnings);
    store_map(&path, stored.as_ref(), &layout);
    Some(layout)
}

/// Where the page map of an edition is kept (see [`ccp_press::cache`]).
pub(crate) fn map_path(content: &Path, edition: &Edition) -> std::path::PathBuf {
    ccp_press::cache::map_path(
        content,
        &edition.reader.name,
        edition.paper.typst_name(),
        edition.draft.then_some("draft"),
    )
}

/// The stored page map of an edition: where it is kept and, when there is a
/// readable one, the map.
pub(crate) fn stored_map(
    content: &Path,
    edition: &Edition,
) -> (std::path::PathBuf, Option<ccp_press::cache::StoredMap>) {
    let path = map_path(content, edition);
    let map = ccp_press::cache::load(&path);
    (path, map)
}

/// Stores the settled page map of a layout for the next build, unless the
/// stored map is already that one. A cache that cannot be written costs the
/// next build time, not this one its output: a warning says so.
pub(crate) fn store_map(
    path: &Path,
    stored: Option<&ccp_press::cache::StoredMap>,
    layout: &ccp_press::pipeline::Layout,
) {
    if stored
        .is_some_and(|s| s.fingerprint == layout.fingerprint && s.pages == layout.pages)
    {
        return;
    }
    let map = ccp_press::cache::StoredMap {
        fingerprint: layout.fingerprint.clone(),
        pages: layout.pages.clone(),
    };
    if let Err(e) = write_atomic(path, &ccp_press::cache::to_json(&map)) {
        say!(
            "warning: cannot keep the page map in {}: {e} (the next build lays out from scratch)",
            path.display()
        );
    }
}
