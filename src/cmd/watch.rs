//! `watch`: build a reader, then build it again on every change under the content
//! folder, keeping the typst world (and so typst's caches) between builds.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use ccp_press::load::ParseCache;
use ccp_press::pipeline::{MAX_ROUNDS, Typesetter};
use notify::event::ModifyKind;
use notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, RecommendedCache, new_debouncer,
};
use typst_layout::PagedDocument;

use super::{CmdResult, Failure, Format, PaperArg};

/// Build a reader's PDF, then build it again whenever a content file changes.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The reader (a file stem in readers/).
    #[arg(long, default_value = "default")]
    pub reader: String,
    /// Paper size.
    #[arg(long, value_enum, default_value_t = PaperArg::Letter)]
    pub paper: PaperArg,
    /// Also write the EPUB on every build.
    #[arg(long)]
    pub epub: bool,
    /// Serve a live preview on 127.0.0.1 (first free port from 3000).
    #[arg(long)]
    pub serve: bool,
    /// Folder of the outputs.
    #[arg(long, value_name = "DIR", default_value = "out")]
    pub out_dir: PathBuf,
}

/// How long changes are gathered before a build (editors that save by writing a
/// temporary file and renaming it cause several events).
const DEBOUNCE: Duration = Duration::from_millis(25);

/// Runs `watch`.
pub(crate) fn run(content: &Path, args: &Args) -> CmdResult {
    let pdf = args.pdf();
    let epub = args.out_dir.join(format!("{}.epub", args.reader));
    super::outputs_allowed(content, &[&pdf, &epub])?;
    can_watch(content, &args.reader)?;
    let mut kept = Kept {
        typesetter: Typesetter::for_rebuilds(),
        parsed: ParseCache::default(),
        citations: ccp_press::cite::Cache::default(),
        stored: None,
    };
    let preview = start_preview(args.serve)?;
    let show = |result: Result<PagedDocument, String>| match (&preview, result) {
        (Some(p), Ok(document)) => p.built(document),
        (Some(p), Err(diagnostics)) => p.failed(diagnostics),
        (None, _) => {}
    };
    let (tx, rx) = mpsc::channel::<Event>();
    stop_on_ctrl_c(tx.clone());
    show(build(content, args, &mut kept, "first build"));
    // Dropping the debouncer would end the watching: it lives as long as the loop.
    let _debouncer = watch_folder(content, tx)?;
    eprintln!("watching {} (Ctrl-C to stop)", content.display());
    while let Ok(first) = rx.recv() {
        let mut changed = BTreeSet::new();
        let mut stop = collect(content, first, &mut changed);
        // Edits that arrived meanwhile go into the same build.
        while let Ok(more) = rx.try_recv() {
            stop |= collect(content, more, &mut changed);
        }
        if stop {
            eprintln!("[watch] stopped");
            break;
        }
        if !changed.is_empty() {
            show(build(content, args, &mut kept, &named(&changed)));
        }
    }
    Ok(())
}

impl Args {
    /// The PDF written.
    fn pdf(&self) -> PathBuf {
        self.out_dir.join(format!("{}.pdf", self.reader))
    }
}

/// Whether there is something to watch: the content folder, and a file for the
/// reader (a misspelt name ends the watch at once, with the names there are; a
/// reader file with errors is watched until it is mended).
fn can_watch(content: &Path, reader: &str) -> CmdResult {
    if !content.is_dir() {
        return Err(Failure::new(format!(
            "content folder `{}` not found",
            content.display()
        ))
        .help("run from the project folder, or pass `--content DIR`"));
    }
    let readers = content.join("readers");
    if ["yaml", "yml"]
        .iter()
        .any(|ext| readers.join(format!("{reader}.{ext}")).is_file())
    {
        return Ok(());
    }
    let mut names: Vec<String> = std::fs::read_dir(&readers)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let path = e.path();
            let yaml = matches!(
                path.extension().and_then(|x| x.to_str()),
                Some("yaml" | "yml")
            );
            yaml.then(|| path.file_stem()?.to_str().map(str::to_string))
                .flatten()
        })
        .collect();
    names.sort();
    Err(super::no_reader(
        reader,
        &names.iter().map(String::as_str).collect::<Vec<_>>(),
    ))
}

/// The preview server when `serve`, started.
fn start_preview(serve: bool) -> CmdResult<Option<super::preview::Preview>> {
    if !serve {
        return Ok(None);
    }
    let preview = super::preview::Preview::default();
    match preview.start() {
        Ok(address) => {
            eprintln!("preview at {address}");
            Ok(Some(preview))
        }
        Err(e) => Err(Failure::new(format!("cannot start the preview: {e}"))),
    }
}

/// Watches `content` recursively, sending its changes to `tx`.
fn watch_folder(
    content: &Path,
    tx: mpsc::Sender<Event>,
) -> CmdResult<Debouncer<RecommendedWatcher, RecommendedCache>> {
    let changes = move |result| {
        let _ = tx.send(Event::Changes(result));
    };
    let mut debouncer = new_debouncer(DEBOUNCE, None, changes)
        .map_err(|e| Failure::new(format!("cannot watch for changes: {e}")))?;
    if let Err(e) = debouncer.watch(content, RecursiveMode::Recursive) {
        return Err(Failure::new(format!(
            "cannot watch {}: {e}",
            content.display()
        )));
    }
    Ok(debouncer)
}

/// The changed files for the status line: three names, then how many more.
fn named(changed: &BTreeSet<PathBuf>) -> String {
    let mut what: Vec<String> = changed
        .iter()
        .take(3)
        .map(|p| p.display().to_string())
        .collect();
    if changed.len() > 3 {
        what.push(format!("{} more", changed.len() - 3));
    }
    what.join(", ")
}

/// What the loop waits for.
enum Event {
    /// Changes under the content folder.
    Changes(DebounceEventResult),
    /// Ctrl-C.
    Stop,
}

/// Ctrl-C ends the watch once the build under way (if any) is written, so no
/// output is left half made; a second Ctrl-C ends it at once.
fn stop_on_ctrl_c(tx: mpsc::Sender<Event>) {
    let pressed = std::sync::atomic::AtomicBool::new(false);
    let handler = move || {
        if pressed.swap(true, std::sync::atomic::Ordering::SeqCst) {
            std::process::exit(130);
        }
        eprintln!("[watch] stopping (Ctrl-C again to stop at once)");
        let _ = tx.send(Event::Stop);
    };
    if let Err(e) = ctrlc::set_handler(handler) {
        eprintln!("warning: Ctrl-C will end the watch abruptly: {e}");
    }
}

/// Gathers the content files an event names, relative to the content folder,
/// without editors' temporary files; whether the event asks the loop to stop.
fn collect(content: &Path, event: Event, out: &mut BTreeSet<PathBuf>) -> bool {
    let result = match event {
        Event::Changes(result) => result,
        Event::Stop => return true,
    };
    let Ok(events) = result else { return false };
    let root = content
        .canonicalize()
        .unwrap_or_else(|_| content.to_path_buf());
    for e in events {
        // Reading the files (every build does) is not a change.
        let change = matches!(
            e.event.kind,
            EventKind::Create(_)
                | EventKind::Remove(_)
                | EventKind::Modify(
                    ModifyKind::Data(_) | ModifyKind::Name(_) | ModifyKind::Any
                )
        );
        if !change {
            continue;
        }
        for p in &e.event.paths {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            let temporary = name.starts_with('.')
                || name.starts_with('#')
                || name.ends_with('~')
                || [".swp", ".swx", ".tmp", ".bak"]
                    .iter()
                    .any(|x| name.ends_with(x))
                || name == "4913";
            if !temporary {
                out.insert(p.strip_prefix(&root).unwrap_or(p).to_path_buf());
            }
        }
    }
    false
}

/// What a `watch` keeps between builds: the typst world and its caches, the
/// parsed content files, the formatted citations.
struct Kept {
    typesetter: Typesetter,
    parsed: ParseCache,
    citations: ccp_press::cite::Cache,
    /// The page map in the cache folder, as read at the first build or
    /// written since.
    stored: Option<ccp_press::cache::StoredMap>,
}

/// One build; on errors the last good output stays. The layout, or what went
/// wrong (for the preview).
fn build(
    content: &Path,
    args: &Args,
    kept: &mut Kept,
    what: &str,
) -> Result<PagedDocument, String> {
    let started = Instant::now();
    let checked = ccp_press::load_and_check_cached(content, &mut kept.parsed);
    // Human diagnostics go to standard error, which a watch keeps.
    let _ = super::report(&checked, Format::Human);
    if super::failed(&checked, false) {
        let kept_output = if args.pdf().exists() {
            "the last good output stays"
        } else {
            "nothing is written until they are fixed"
        };
        eprintln!("[watch] {what}: errors; {kept_output}");
        return Err(ccp_press::diag::render_human(
            &checked.project.sources,
            &checked.diagnostics,
        ));
    }
    // A failed build is said at once; the watch goes on.
    let failed = |f: Failure| {
        f.print();
        "the build failed; the terminal shows why".to_string()
    };
    let report = super::Reporter::new(&checked.project, Format::Human, "PDF");
    let paper = args.paper.paper();
    let edition =
        super::edition_cached(&report, &args.reader, paper, &mut kept.citations)
            .map_err(failed)?;
    let cache = super::map_path(content, &edition);
    if !kept.typesetter.is_warm() {
        kept.stored = ccp_press::cache::load(&cache, &edition.anchors);
    }
    let (layout, status) =
        lay_out_and_write(&report, &edition, args, kept, started).map_err(failed)?;
    report.print(&layout.warnings);
    eprintln!("[watch] {what}: {status} → {}", args.pdf().display());
    super::store_map(&cache, kept.stored.as_ref(), &layout);
    kept.stored = Some(ccp_press::cache::StoredMap {
        fingerprint: layout.fingerprint.clone(),
        pages: layout.pages.clone(),
    });
    // typst's memoised layouts of earlier builds are let go, so memory stays flat.
    typst::comemo::evict(2);
    release_memory();
    Ok(layout.document)
}

/// Lays the edition out and writes it: a rebuild writes its first layout round
/// at once and, when page numbers still move, writes again once the map has
/// settled. The layout and the status line.
fn lay_out_and_write(
    report: &super::Reporter,
    edition: &ccp_press::pipeline::Edition,
    args: &Args,
    kept: &mut Kept,
    started: Instant,
) -> CmdResult<(ccp_press::pipeline::Layout, String)> {
    let typesetter = &mut kept.typesetter;
    let limit = if typesetter.is_warm() { 1 } else { MAX_ROUNDS };
    let seed = kept.stored.as_ref().map(|s| &s.pages);
    let first = report.ok(typesetter.layout_rounds(edition, seed, limit))?;
    write(report, edition, &first, args)?;
    let mut status = format!(
        "{} pages in {} ms",
        first.document.pages().len(),
        started.elapsed().as_millis()
    );
    if first.settled {
        return Ok((first, status));
    }
    let settled = report.ok(typesetter.layout(edition, None))?;
    write(report, edition, &settled, args)?;
    status.push_str(&format!(
        "; page numbers settled in {} more round{}, {} ms",
        settled.rounds,
        if settled.rounds == 1 { "" } else { "s" },
        started.elapsed().as_millis()
    ));
    Ok((settled, status))
}

/// Writes the PDF (and the EPUB) of a layout.
fn write(
    report: &super::Reporter,
    edition: &ccp_press::pipeline::Edition,
    layout: &ccp_press::pipeline::Layout,
    args: &Args,
) -> CmdResult {
    let bytes = report.ok(edition.pdf(layout, true))?;
    super::write_file(&args.pdf(), &bytes)?;
    if args.epub {
        let epub = report.ok(edition.epub(Some(&layout.pages)))?;
        super::write_file(&args.out_dir.join(format!("{}.epub", args.reader)), &epub)?;
    }
    Ok(())
}

/// Gives the memory a build freed back to the system: glibc's allocator keeps
/// freed pages in its arenas, and a watch's resident memory would creep up
/// from build to build.
fn release_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn malloc_trim(pad: usize) -> i32;
        }
        // SAFETY: `malloc_trim` takes no pointers; it only returns free pages
        // of the heap to the system, under the allocator's own locks.
        unsafe {
            malloc_trim(0);
        }
    }
}
