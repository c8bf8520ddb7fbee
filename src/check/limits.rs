//! Limits: names and titles short enough for PDF bookmarks and metadata (PDF/A
//! allows strings of 32,767 bytes) and for a typesetter to set in one line.

use super::field_span;
use crate::diag::Diagnostic;
use crate::model::Project;
use crate::source::FileId;

/// The most characters a term, name or title may have.
pub(super) const MAX_NAME_CHARS: usize = 1_000;

pub(super) fn check(project: &Project, diags: &mut Vec<Diagnostic>) {
    for e in project.entries.values() {
        let names = [
            ("term", &e.term),
            ("pinyin", &e.pinyin),
            ("hanzi", &e.hanzi),
        ]
        .into_iter()
        .chain(e.traditional.iter().map(|t| ("traditional", t)))
        .chain(e.aliases.iter().map(|a| ("aliases", a)));
        for (field, value) in names {
            too_long(project, e.file, field, value, diags);
        }
    }
    for d in project.documents.values() {
        let fields = [
            ("title", Some(&d.title)),
            ("original_title", d.original_title.as_ref()),
        ]
        .into_iter()
        .chain([
            ("author", d.author.as_ref()),
            ("translator", d.translator.as_ref()),
        ]);
        for (field, value) in fields {
            if let Some(v) = value {
                too_long(project, d.file, field, v, diags);
            }
        }
    }
    for r in project.readers.values() {
        let fields = [
            Some(("title", &r.title)),
            r.subtitle.as_ref().map(|s| ("subtitle", s)),
        ]
        .into_iter()
        .flatten()
        .chain(r.edition.iter().map(|s| ("edition", s)))
        .chain(r.editors.iter().map(|s| ("editors", s)));
        for (field, value) in fields {
            too_long(project, r.file, field, value, diags);
        }
    }
}

fn too_long(
    project: &Project,
    file: FileId,
    field: &str,
    value: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let n = value.chars().count();
    if n > MAX_NAME_CHARS {
        let prefix: String = value.chars().take(20).collect();
        diags.push(
            Diagnostic::error("E0208", format!("`{field}` is {n} characters long"))
                .at(field_span(&project.sources, file, field, &prefix))
                .label(format!("at most {MAX_NAME_CHARS} characters"))
                .help("terms, names and titles are printed in headings, running heads and bookmarks; move the rest into the text"),
        );
    }
}
