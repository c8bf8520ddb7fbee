//! Readers: every listed document exists.

use crate::diag::Diagnostic;
use crate::model::Project;

pub(super) fn check(project: &Project, diags: &mut Vec<Diagnostic>) {
    let ids: Vec<&str> = project.documents.keys().map(String::as_str).collect();
    for reader in project.readers.values() {
        for d in &reader.documents {
            if !project.documents.contains_key(&d.value) {
                diags.push(
                    Diagnostic::error("E0602", format!("reader names a missing document `{}`", d.value))
                        .at(d.span)
                        .label("no such translation or essay")
                        .suggest(&d.value, ids.iter().copied())
                        .help("documents are named `translations/<file stem>` or `essays/<file stem>`"),
                );
            }
        }
    }
}
