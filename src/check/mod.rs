//! Checks over the loaded model: each returns every finding, none stops at the first.

mod cite;
mod coverage;
mod drafts;
mod figures;
mod index;
mod limits;
mod parallel;
mod readers;
mod sources;
mod terminology;
mod terms;
mod xref;

use crate::diag::Diagnostic;
use crate::model::Project;

pub use terminology::location;

/// Runs every check.
pub fn check(project: &Project) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    xref::check(project, &mut diags);
    cite::check(project, &mut diags);
    sources::check(project, &mut diags);
    index::check(project, &mut diags);
    terminology::check(project, &mut diags);
    parallel::check(project, &mut diags);
    terms::check(project, &mut diags);
    readers::check(project, &mut diags);
    limits::check(project, &mut diags);
    coverage::check(project, &mut diags);
    drafts::check(project, &mut diags);
    figures::check(project, &mut diags);
    diags
}
