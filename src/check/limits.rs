//! Limits: names and titles short enough for PDF bookmarks and metadata (PDF/A
//! allows strings of 32,767 bytes) and for a typesetter to set in one line.

use crate::diag::{Diagnostic, codes};
use crate::model::Project;
use crate::source::Span;

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
        .map(|(field, value)| (e.fields.at(field, e.file), field, value))
        .chain(
            e.aliases
                .iter()
                .enumerate()
                .map(|(i, a)| (e.fields.item_at("aliases", i, e.file), "aliases", a)),
        );
        for (at, field, value) in names {
            too_long(at, field, value, diags);
        }
    }
    for d in project.documents.values() {
        let fields = [
            ("title", Some(&d.title)),
            ("original_title", d.original_title.as_ref()),
        ]
        .into_iter();
        for (field, value) in fields {
            if let Some(v) = value {
                too_long(d.fields.at(field, d.file), field, v, diags);
            }
        }
        let c = &d.credits;
        for (field, names) in [
            ("author", &c.authors),
            ("translator", &c.translators),
            ("editor", &c.editors),
            ("introduction_author", &c.introduction),
        ] {
            for (i, n) in names.iter().enumerate() {
                too_long(d.fields.item_at(field, i, d.file), field, &n.name, diags);
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
        .map(|(field, value)| (r.fields.at(field, r.file), field, value))
        .chain(
            r.editors
                .iter()
                .enumerate()
                .map(|(i, e)| (r.fields.item_at("editors", i, r.file), "editors", e)),
        );
        for (at, field, value) in fields {
            too_long(at, field, value, diags);
        }
    }
}

fn too_long(at: Span, field: &str, value: &str, diags: &mut Vec<Diagnostic>) {
    let n = value.chars().count();
    if n > MAX_NAME_CHARS {
        diags.push(
            Diagnostic::new(codes::E0208, format!("`{field}` is {n} characters long"))
                .at(at)
                .label(format!("at most {MAX_NAME_CHARS} characters"))
                .help("terms, names and titles are printed in headings, running heads and bookmarks; move the rest into the text"),
        );
    }
}
