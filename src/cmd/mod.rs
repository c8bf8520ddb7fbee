//! One module per subcommand: each holds its clap arguments and a `run` that
//! returns a [`CmdResult`]; `main` prints a failure once.

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
pub(crate) mod synth;
pub(crate) mod terms;
pub(crate) mod watch;

use std::path::{Path, PathBuf};

use ccp_press::Checked;
use ccp_press::diag::{self, Diagnostic, Severity};
use ccp_press::model::Project;
use ccp_press::pipeline::Edition;
use ccp_press::render::pdf::Paper;

/// Why a command failed, as `main` prints it: `error: …` and its help lines
/// (nothing more when everything was said as it happened).
#[derive(Debug)]
pub(crate) struct Failure {
    message: Option<String>,
    help: Vec<String>,
}

/// What every command returns.
pub(crate) type CmdResult<T = ()> = Result<T, Failure>;

impl Failure {
    /// A failure `main` reports as `error: {message}`.
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Failure {
            message: Some(message.into()),
            help: Vec::new(),
        }
    }

    /// A failure whose reasons were all printed (the diagnostics of `check`
    /// in JSON): the exit code says the rest.
    pub(crate) fn said() -> Self {
        Failure {
            message: None,
            help: Vec::new(),
        }
    }

    /// Adds a `= help:` line.
    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help.push(help.into());
        self
    }

    /// Prints the failure on standard error.
    pub(crate) fn print(&self) {
        if let Some(m) = &self.message {
            say!("error: {m}");
        }
        for h in &self.help {
            say!("  = help: {h}");
        }
    }
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// rustc-style text.
    Human,
    /// One JSON object per line.
    Json,
}

/// Paper sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum PaperArg {
    /// US letter.
    Letter,
    /// ISO A4.
    A4,
}

impl PaperArg {
    /// The paper of the print edition.
    pub(crate) fn paper(self) -> Paper {
        match self {
            PaperArg::Letter => Paper::Letter,
            PaperArg::A4 => Paper::A4,
        }
    }
}

/// Options shared by the commands that make an edition.
#[derive(Debug, clap::Args)]
pub(crate) struct EditionArgs {
    /// The reader (a file stem in readers/).
    #[arg(long, default_value = "default")]
    pub reader: String,
    /// Paper size.
    #[arg(long, value_enum, default_value_t = PaperArg::Letter)]
    pub paper: PaperArg,
    /// Output format of diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write a Chrome-trace JSON of the phases (load and check, cite and plan,
    /// typeset, export, package) to FILE.
    #[arg(long, value_name = "FILE")]
    pub timings: Option<PathBuf>,
}

/// Prints the diagnostics of a load (to stderr for humans, stdout for JSON).
pub(crate) fn report(checked: &Checked, format: Format) -> CmdResult {
    let map = &checked.project.sources;
    match format {
        Format::Human => {
            progress::suspend(|| {
                eprint!("{}", diag::render_human(map, &checked.diagnostics))
            });
            Ok(())
        }
        Format::Json => {
            let json = diag::render_json(map, &checked.diagnostics);
            progress::suspend(|| print_out(&json))
        }
    }
}

/// Writes `text` to standard output (a closed pipe ends it quietly).
pub(crate) fn print_out(text: &str) -> CmdResult {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    listed(out.write_all(text.as_bytes()).and_then(|()| out.flush()))
}

/// Whether the diagnostics stop the command.
pub(crate) fn failed(checked: &Checked, deny_warnings: bool) -> bool {
    checked.diagnostics.iter().any(|d| match d.severity {
        Severity::Error => true,
        Severity::Warning => deny_warnings,
        Severity::Note => false,
    })
}

/// The reader named `name`, or a failure naming the readers there are.
pub(crate) fn find_reader<'a>(
    project: &'a ccp_press::model::Project,
    name: &str,
) -> CmdResult<&'a ccp_press::model::Reader> {
    project.readers.get(name).ok_or_else(|| {
        let names: Vec<&str> = project
            .readers
            .keys()
            .map(ccp_press::model::ReaderName::as_str)
            .collect();
        no_reader(name, &names)
    })
}

/// There is no reader `name`: the nearest of `names`, or all of them.
pub(crate) fn no_reader(name: &str, names: &[&str]) -> Failure {
    let failure = Failure::new(format!("no reader `{name}` in readers/"));
    match diag::did_you_mean(name, names.iter().copied()) {
        Some(s) => failure.help(format!("did you mean `{s}`?")),
        None => failure.help(format!("readers: {}", names.join(", "))),
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

/// A failure when the command may not write `paths`.
pub(crate) fn outputs_allowed(content: &Path, paths: &[&Path]) -> CmdResult {
    for p in paths {
        if let Some(why) = output_problem(content, p) {
            return Err(Failure::new(format!("not writing {}: {why}", p.display())));
        }
    }
    Ok(())
}

/// A failure when a file of `paths` exists and `force` is not given.
pub(crate) fn may_overwrite(paths: &[std::path::PathBuf], force: bool) -> CmdResult {
    match paths.iter().find(|p| p.exists()) {
        Some(p) if !force => Err(Failure::new(format!(
            "{} exists; not overwriting it",
            p.display()
        ))
        .help("choose an empty folder, or pass --force to overwrite")),
        _ => Ok(()),
    }
}

/// The first steps of every build: load and check, print the diagnostics, and
/// return the model unless there are errors.
pub(crate) fn load_for_build(
    content: &std::path::Path,
    format: Format,
) -> CmdResult<Checked> {
    let checked = ccp_press::load_and_check(content);
    report(&checked, format)?;
    if failed(&checked, false) {
        return Err(Failure::new(format!(
            "not building: {}",
            diag::summary(&checked.diagnostics)
        )));
    }
    Ok(checked)
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

    /// The value of a step, or (its diagnostics printed) a failure saying
    /// what was not written.
    pub(crate) fn ok<T>(&self, result: Result<T, Vec<Diagnostic>>) -> CmdResult<T> {
        result.map_err(|diags| {
            self.print(&diags);
            Failure::new(format!(
                "{} not written: {}",
                self.what,
                diag::summary(&diags)
            ))
        })
    }
}

/// The planned edition of a reader.
pub(crate) fn edition<'p>(
    report: &Reporter<'p>,
    reader: &str,
    paper: Paper,
) -> CmdResult<Edition<'p>> {
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
) -> CmdResult<Edition<'p>> {
    let reader = find_reader(report.project, reader)?;
    report.ok(Edition::with_citations(
        report.project,
        reader,
        paper,
        cache,
    ))
}

/// The end of a listing on standard output: a closed pipe (`| head`) ends it
/// quietly, as the reader has what it asked for; any other error fails.
pub(crate) fn listed(written: std::io::Result<()>) -> CmdResult {
    match written {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::new(format!(
            "the listing could not be written: {e}"
        ))),
    }
}

/// Writes an output file atomically and says so.
pub(crate) fn write_output(path: &std::path::Path, bytes: &[u8]) -> CmdResult {
    write_file(path, bytes)?;
    say!("wrote {} ({} KB)", path.display(), bytes.len() / 1024);
    Ok(())
}

/// Writes `bytes` to `path` atomically.
pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> CmdResult {
    write_atomic(path, bytes)
        .map_err(|e| Failure::new(format!("cannot write {}: {e}", path.display())))
}

/// Lays an edition out from its stored page map when there is one, prints
/// typst's warnings and stores the settled map for the next build.
pub(crate) fn lay_out(
    content: &Path,
    report: &Reporter,
    edition: &Edition,
) -> CmdResult<ccp_press::pipeline::Layout> {
    let (path, stored) = stored_map(content, edition);
    let layout = report.ok(edition.layout(stored.as_ref().map(|s| &s.pages)))?;
    report.print(&layout.warnings);
    store_map(&path, stored.as_ref(), &layout);
    Ok(layout)
}

/// Where the page map of an edition is kept (see [`ccp_press::cache`]).
pub(crate) fn map_path(content: &Path, edition: &Edition) -> std::path::PathBuf {
    ccp_press::cache::map_path(
        content,
        edition.reader.name.as_str(),
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
    let map = ccp_press::cache::load(&path, &edition.anchors);
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
    let written = ccp_press::cache::to_json(&map)
        .map_err(std::io::Error::other)
        .and_then(|json| write_atomic(path, &json));
    if let Err(e) = written {
        say!(
            "warning: cannot keep the page map in {}: {e} (the next build lays out from scratch)",
            path.display()
        );
    }
}
