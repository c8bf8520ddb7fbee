//! The typst typesetter both writers share: the in-memory world of a book's
//! sources and fonts, compilation, typst's diagnostics as ours, and the one
//! escape of content text into typst (a string literal).

mod world;

use std::fmt::Write as _;

use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic, Warned};
use typst_layout::PagedDocument;

use crate::diag::{Diagnostic, codes};
use crate::fonts;
use crate::model::Stamp;
pub use world::BookWorld;

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
        return Err(vec![Diagnostic::new(codes::E0901, "no typst sources")]);
    };
    BookWorld::new(main, files.collect(), fonts::fonts(), stamp)
        .ok_or_else(|| vec![Diagnostic::new(codes::E0901, "invalid layout path")])
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
        Severity::Error => (codes::E0901, "error"),
        Severity::Warning => (codes::W0901, "warning"),
    };
    let mut out = Diagnostic::new(code, format!("typst {kind}{location}: {}", d.message));
    if let Some(l) = line_text {
        out = out.help(format!("generated line: {l}"));
    }
    for h in &d.hints {
        out = out.help(h.v.to_string());
    }
    out.help("this is a bug in ccp-press or in a layout file; `--emit-typst DIR` writes the sources")
}

/// A typst string literal holding `s` verbatim.
pub fn str_lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
