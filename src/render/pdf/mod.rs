//! The PDF writer: book plan → typst markup → typst (as a library) → PDF bytes.

pub mod inspect;
pub mod markup;
mod world;

use std::collections::BTreeMap;

use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic, Warned};
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diag::Diagnostic;
use crate::model::Reader;
use crate::plan::{PageMap, Place};
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

/// The typst sources of a book: `/main.typ` first, then `/markers.typ`,
/// `/indexes.typ` and the layouts (a content folder's `layouts/` overrides the
/// built-in ones file by file).
pub fn sources(
    markup: markup::Markup,
    overrides: &BTreeMap<String, String>,
) -> Vec<(String, String)> {
    let mut out = vec![
        ("/main.typ".to_string(), markup.main),
        ("/markers.typ".to_string(), markup::markers()),
        (INDEXES.to_string(), markup.indexes),
    ];
    for (path, text) in LAYOUTS {
        let name = path.trim_start_matches("/layouts/");
        let text = overrides.get(name).map_or(*text, String::as_str);
        out.push((path.to_string(), text.to_string()));
    }
    out
}

/// The path of the generated indexes, the file a second layout round replaces.
pub const INDEXES: &str = "/indexes.typ";

/// A compiled reader.
pub struct Compiled {
    /// The laid-out document.
    pub document: PagedDocument,
    /// typst warnings (from our generated code or layouts).
    pub warnings: Vec<Diagnostic>,
}

/// The world of typst sources (`/main.typ` first) and the built-in fonts.
pub fn world(
    files: Vec<(String, String)>,
    stamp: Stamp,
) -> Result<BookWorld, Vec<Diagnostic>> {
    let mut files = files.into_iter();
    let Some((_, main)) = files.next() else {
        return Err(vec![Diagnostic::error("E0901", "no typst sources")]);
    };
    BookWorld::new(main, files.collect(), fonts::fonts(), stamp)
        .ok_or_else(|| vec![Diagnostic::error("E0901", "invalid layout path")])
}

/// Lays out the world's main file.
pub fn compile_world(world: &BookWorld) -> Result<Compiled, Vec<Diagnostic>> {
    let Warned { output, warnings } = typst::compile::<PagedDocument>(world);
    let warnings = warnings.iter().map(|w| typst_diag(world, w)).collect();
    match output {
        Ok(document) => Ok(Compiled { document, warnings }),
        Err(errors) => Err(errors.iter().map(|e| typst_diag(world, e)).collect()),
    }
}

/// Compiles typst sources to a document.
pub fn compile(
    files: Vec<(String, String)>,
    stamp: Stamp,
) -> Result<Compiled, Vec<Diagnostic>> {
    compile_world(&world(files, stamp)?)
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

/// The page and position of every located place of a layout (the metadata marks
/// labelled [`crate::plan::anchor::PLACE_LABEL`]).
pub fn page_map(document: &PagedDocument) -> PageMap {
    use typst::foundations::{Label, Selector, Value};
    use typst::introspection::{Introspector, MetadataElem};
    use typst::utils::PicoStr;

    let intro = document.introspector();
    let pages = document.pages();
    let mut map = PageMap {
        last: pages.last().map_or(0, |p| p.number),
        ..PageMap::default()
    };
    let Some(label) = Label::new(PicoStr::intern(crate::plan::anchor::PLACE_LABEL))
    else {
        return map;
    };
    for c in intro.query(&Selector::Label(label)) {
        let (Some(m), Some(loc)) = (c.to_packed::<MetadataElem>(), c.location()) else {
            continue;
        };
        let Value::Str(id) = &m.value else { continue };
        let Some(pos) = intro.position(loc) else {
            continue;
        };
        let Some(page) = pages.get(pos.page.get() - 1) else {
            continue;
        };
        map.places.insert(
            id.to_string(),
            Place {
                page: pos.page.get(),
                printed: page.number,
                x: pos.point.x.to_pt(),
                y: pos.point.y.to_pt(),
            },
        );
    }
    map
}
