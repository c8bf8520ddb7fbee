//! ccp-press: the publishing pipeline of a translation center.
//!
//! The pipeline, in order: [`load`] reads `content/` into a [`model::Project`];
//! [`check`] finds every problem in it; [`cite`] formats citations and the
//! bibliography once for both outputs; [`plan`] turns one reader into a
//! format-neutral [`plan::Book`]; [`render`] writes it as typst (laid out and
//! exported as PDF) and as XHTML (packaged as EPUB). [`pipeline`] runs these steps
//! for every command.

#![allow(
    clippy::result_large_err,
    reason = "diagnostics are returned on the cold path, once per problem"
)]

pub mod cache;
pub mod check;
pub mod cite;
pub mod diag;
pub mod fonts;
pub mod link;
pub mod load;
pub mod model;
pub mod pipeline;
pub mod plan;
pub mod render;
pub mod scaffold;
pub mod source;
pub mod synth;
pub mod terms;

use std::path::Path;

use diag::{Diagnostic, Severity};
use model::Project;

/// The result of loading and checking a content folder.
#[derive(Debug)]
pub struct Checked {
    /// The model (complete when there are no errors).
    pub project: Project,
    /// Every problem found, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// Whether any diagnostic is a warning.
    pub fn has_warnings(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Warning)
    }
}

/// Loads and checks `content`: the first two steps of every command.
pub fn load_and_check(content: &Path) -> Checked {
    checked(load::load(content))
}

/// [`load_and_check`], parsing again only the files whose text changed since
/// the load that filled `cache` (a `watch` keeps one).
pub fn load_and_check_cached(content: &Path, cache: &mut load::ParseCache) -> Checked {
    checked(load::load_cached(content, cache))
}

fn checked((mut project, mut diagnostics): (Project, Vec<Diagnostic>)) -> Checked {
    link::link(&mut project);
    diagnostics.extend(check::check(&project));
    // The build's stamp: what `pdf` and `epub` would refuse, `check` reports.
    diagnostics.extend(pipeline::source_date().err());
    diag::sort(&mut diagnostics);
    Checked {
        project,
        diagnostics,
    }
}
