//! Font coverage (E0701): every character of the content has a glyph in one of
//! the fonts compiled into the binary, so that no edition prints an empty box.

use std::collections::BTreeSet;

use crate::diag::{Diagnostic, codes};
use crate::fonts::covered;
use crate::model::Project;
use crate::source::{FileId, Span};

pub(super) fn check(project: &Project, diags: &mut Vec<Diagnostic>) {
    for file in content_files(project) {
        uncovered(project, file, diags);
    }
}

/// Every file whose characters an edition may print: entries, documents and
/// their originals, readers, bibliographies.
fn content_files(project: &Project) -> BTreeSet<FileId> {
    let entries = project.entries.values().map(|e| e.file);
    let documents = project
        .documents
        .values()
        .flat_map(|d| std::iter::once(d.file).chain(d.original.as_ref().map(|o| o.file)));
    let readers = project.readers.values().map(|r| r.file);
    let works = project.bibliography.entries.values().map(|b| b.span.file);
    entries
        .chain(documents)
        .chain(readers)
        .chain(works)
        .collect()
}

/// One error per character of `file` that no font covers, at its first occurrence.
fn uncovered(project: &Project, file: FileId, diags: &mut Vec<Diagnostic>) {
    let text = &project.sources.get(file).text;
    let mut seen = BTreeSet::new();
    for (i, c) in text.char_indices() {
        if c.is_ascii() || !seen.insert(c) || covered(c) {
            continue;
        }
        diags.push(
            Diagnostic::new(codes::E0701, format!("no font has U+{:04X} `{c}`", c as u32))
                .at(Span::new(file, i, i + c.len_utf8()))
                .label("this character would print as an empty box")
                .help("the fonts in fonts/ cover Latin, pinyin and about 16,000 hanzi (GB 2312 and Big5); use a common variant or add a font"),
        );
    }
}
