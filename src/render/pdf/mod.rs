//! The PDF writer: model → typst markup → typst (as a library) → PDF bytes.

pub mod markup;
mod world;

use std::collections::BTreeSet;

use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic, Warned};
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::cite;
use crate::diag::Diagnostic;
use crate::model::{Project, Reader, Selection};
use crate::render::{Stamp, fonts};
pub use world::BookWorld;

/// Paper size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// US letter (the default).
    #[default]
    Letter,
    /// ISO A4.
    A4,
}

impl Paper {
    /// typst's name for the paper.
    pub fn typst_name(self) -> &'static str {
        match self {
            Paper::Letter => "us-letter",
            Paper::A4 => "a4",
        }
    }
}

/// Options of the PDF writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Paper size.
    pub paper: Paper,
    /// Export as PDF/A-2b and PDF/UA-1.
    pub standards: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            paper: Paper::Letter,
            standards: true,
        }
    }
}

/// The layouts compiled into the binary: (typst path, text).
pub const LAYOUTS: &[(&str, &str)] = &[
    (
        "/layouts/book.typ",
        include_str!("../../../layouts/book.typ"),
    ),
    (
        "/layouts/index.typ",
        include_str!("../../../layouts/index.typ"),
    ),
];

/// The typst sources of a reader: `main.typ` first, then the layouts (a content
/// folder's `layouts/` overrides the built-in ones file by file).
pub fn sources(
    project: &Project,
    reader: &Reader,
    selection: &Selection,
    cites: &cite::Formatted,
    options: &Options,
) -> Vec<(String, String)> {
    let writer = markup::Writer {
        project,
        selection,
        cites,
        paper: options.paper.typst_name(),
    };
    let mut out = vec![("/main.typ".to_string(), writer.main(reader))];
    for (path, text) in LAYOUTS {
        let name = path.trim_start_matches("/layouts/");
        let text = project
            .layouts
            .get(name)
            .cloned()
            .unwrap_or_else(|| text.to_string());
        out.push((path.to_string(), text));
    }
    out
}

/// Files whose characters end up in the reader.
pub fn reader_files(
    project: &Project,
    reader: &Reader,
    selection: &Selection,
) -> BTreeSet<crate::source::FileId> {
    let mut files: BTreeSet<_> = selection
        .documents
        .iter()
        .map(|d| project.documents[d].file)
        .chain(selection.entries.iter().map(|e| project.entries[e].file))
        .collect();
    files.insert(reader.file);
    files.extend(project.bibliography.entries.values().map(|b| b.span.file));
    files
}

/// A compiled reader.
pub struct Compiled {
    /// The laid-out document.
    pub document: PagedDocument,
    /// typst warnings (from our generated code or layouts).
    pub warnings: Vec<Diagnostic>,
}

/// Compiles typst sources to a document.
pub fn compile(
    files: Vec<(String, String)>,
    stamp: Stamp,
) -> Result<Compiled, Vec<Diagnostic>> {
    let mut files = files.into_iter();
    let Some((_, main)) = files.next() else {
        return Err(vec![Diagnostic::error("E0901", "no typst sources")]);
    };
    let world = BookWorld::new(main, files.collect(), fonts::fonts(), stamp)
        .ok_or_else(|| vec![Diagnostic::error("E0901", "invalid layout path")])?;
    let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
    let warnings = warnings.iter().map(|w| typst_diag(&world, w)).collect();
    match output {
        Ok(document) => Ok(Compiled { document, warnings }),
        Err(errors) => Err(errors.iter().map(|e| typst_diag(&world, e)).collect()),
    }
}

/// Exports a compiled document to PDF bytes.
pub fn export(
    document: &PagedDocument,
    reader: &Reader,
    stamp: Stamp,
    options: &Options,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let standards = if options.standards {
        PdfStandards::new(&[PdfStandard::A_2b, PdfStandard::Ua_1])
    } else {
        PdfStandards::new(&[])
    }
    .map_err(|e| {
        vec![Diagnostic::error(
            "E0902",
            format!("PDF standards: {}", e.message()),
        )]
    })?;
    let datetime = Datetime::from_ymd_hms(
        stamp.year,
        stamp.month,
        stamp.day,
        stamp.hour,
        stamp.minute,
        stamp.second,
    );
    let ident = format!("ccp-press/{}/{}", reader.name, options.paper.typst_name());
    let pdf_options = PdfOptions {
        ident: Smart::Custom(ident),
        timestamp: datetime.map(Timestamp::new_utc),
        standards,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &pdf_options).map_err(|errs| {
        errs.iter()
            .map(|e| {
                let mut d =
                    Diagnostic::error("E0902", format!("PDF export: {}", e.message));
                for h in &e.hints {
                    d = d.help(h.v.to_string());
                }
                d
            })
            .collect()
    })
}

/// The whole PDF writer: format citations, generate markup, check fonts, compile,
/// export.
pub fn pdf(
    project: &Project,
    reader: &Reader,
    options: &Options,
) -> Result<(Vec<u8>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let selection = project.select(reader);
    let missing =
        fonts::check_coverage(project, &reader_files(project, reader, &selection));
    if !missing.is_empty() {
        return Err(missing);
    }
    let cites = cite::format(project, &selection);
    let files = sources(project, reader, &selection, &cites, options);
    let stamp = Stamp::for_reader(reader);
    let compiled = compile(files, stamp)?;
    let bytes = export(&compiled.document, reader, stamp, options)?;
    Ok((bytes, compiled.warnings))
}

/// A typst diagnostic: always a bug in our markup or a layout, shown with the
/// generated line so it can be reported.
fn typst_diag(world: &BookWorld, d: &SourceDiagnostic) -> Diagnostic {
    let mut location = String::new();
    let mut line_text = None;
    if let Some(id) = d.span.id()
        && let Some(range) = world.range(d.span)
        && let Ok(source) = typst::World::source(world, id)
    {
        let lines = source.lines();
        if let Some((line, col)) = lines.byte_to_line_column(range.start) {
            location = format!(" at {}:{}:{}", world.name(id), line + 1, col + 1);
            let text = source.text().lines().nth(line).unwrap_or("");
            let shown: String = text.chars().take(200).collect();
            line_text = Some(shown);
        }
    }
    let (code, kind) = match d.severity {
        Severity::Error => ("E0901", "error"),
        Severity::Warning => ("W0901", "warning"),
    };
    let mut out =
        Diagnostic::error(code, format!("typst {kind}{location}: {}", d.message));
    if d.severity == Severity::Warning {
        out.severity = crate::diag::Severity::Warning;
    }
    if let Some(l) = line_text {
        out = out.help(format!("generated line: {l}"));
    }
    for h in &d.hints {
        out = out.help(h.v.to_string());
    }
    out.help("this is a bug in ccp-press or in a layout file; `--emit-typst DIR` writes the sources")
}

/// Printed page numbers of the places the EPUB marks, read from the typst layout.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMap {
    /// Page of each top-level block (by block anchor).
    pub blocks: std::collections::BTreeMap<String, u64>,
    /// Page of each cross-reference (by xref anchor).
    pub xrefs: std::collections::BTreeMap<String, u64>,
    /// Page of each entry's headword (by entry id).
    pub entries: std::collections::BTreeMap<String, u64>,
    /// Printed number of the last page of the body.
    pub last: u64,
}

/// Queries the layout for the positions of the markers in the generated markup.
pub fn page_map(document: &PagedDocument) -> PageMap {
    use typst::foundations::{Label, Selector, Value};
    use typst::introspection::{Introspector, MetadataElem};
    use typst::utils::PicoStr;

    let intro = document.introspector();
    let pages = document.pages();
    let printed = |c: &typst::foundations::Content| -> Option<u64> {
        let loc = c.location()?;
        let p = intro.page(loc)?;
        pages.get(p.get() - 1).map(|pg| pg.number)
    };
    let query = |name: &str| {
        Label::new(PicoStr::intern(name))
            .map(|l| intro.query(&Selector::Label(l)))
            .unwrap_or_default()
    };
    let mut map = PageMap::default();
    for c in query("pg") {
        if let (Some(m), Some(p)) = (c.to_packed::<MetadataElem>(), printed(&c))
            && let Value::Str(s) = &m.value
        {
            map.blocks.insert(s.to_string(), p);
            map.last = map.last.max(p);
        }
    }
    for c in query("index-ref") {
        if let (Some(m), Some(p)) = (c.to_packed::<MetadataElem>(), printed(&c))
            && let Value::Dict(d) = &m.value
            && let Ok(Value::Str(a)) = d.get("anchor")
        {
            map.xrefs.insert(a.to_string(), p);
        }
    }
    for c in query("entry-start") {
        if let (Some(m), Some(p)) = (c.to_packed::<MetadataElem>(), printed(&c))
            && let Value::Str(s) = &m.value
        {
            map.entries.insert(s.to_string(), p);
        }
    }
    map
}
