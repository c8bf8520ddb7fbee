//! Readers: every listed document exists, once.

use crate::diag::{Diagnostic, codes};
use crate::model::{DocId, Project};

pub(super) fn check(project: &Project, diags: &mut Vec<Diagnostic>) {
    let ids: Vec<&str> = project.documents.keys().map(DocId::as_str).collect();
    for reader in project.readers.values() {
        if reader.date.is_none() {
            diags.push(
                Diagnostic::new(codes::W0601, format!("reader `{}` has no date", reader.name))
                    .at(crate::source::Span::new(reader.file, 0, 0))
                    .help("add `date: YYYY-MM-DD`: the colophon prints it, and the PDF and EPUB carry it; until then they are dated by SOURCE_DATE_EPOCH, else January 1, 2000"),
            );
        }
        for (i, d) in reader.documents.iter().enumerate() {
            if reader.documents[..i].iter().any(|e| e.value == d.value) {
                diags.push(
                    Diagnostic::new(
                        codes::E0603,
                        format!("reader lists `{}` twice", d.value),
                    )
                    .at(d.span)
                    .label("listed more than once")
                    .help("a document appears once in a reader; remove this line"),
                );
            } else if !project.documents.contains_key(d.value.as_str())
                // A file that exists but did not load has its own diagnostic.
                && !project.sources.has_file(&format!("{}.md", d.value))
            {
                diags.push(
                    Diagnostic::new(codes::E0602, format!("reader names a missing document `{}`", d.value))
                        .at(d.span)
                        .label("no such translation or essay")
                        .suggest(&d.value, ids.iter().copied())
                        .help("documents are named `translations/<file stem>` or `essays/<file stem>`"),
                );
            }
        }
        parallel_names(project, reader, &ids, diags);
    }
}

/// E0602 for a document named in `parallel:` that does not exist.
fn parallel_names(
    project: &Project,
    reader: &crate::model::Reader,
    ids: &[&str],
    diags: &mut Vec<Diagnostic>,
) {
    for name in reader.parallel.documents.keys() {
        if project.documents.contains_key(name.as_str())
            || project.sources.has_file(&format!("{name}.md"))
        {
            continue;
        }
        let at = reader.fields.item_key("parallel", name);
        diags.push(
            Diagnostic::new(
                codes::E0602,
                format!("`parallel` names a missing document `{name}`"),
            )
            .at(at.unwrap_or_else(|| reader.fields.at("parallel", reader.file)))
            .label("no such translation or essay")
            .suggest(name, ids.iter().copied())
            .help(
                "documents are named `translations/<file stem>` or `essays/<file stem>`",
            ),
        );
    }
}
