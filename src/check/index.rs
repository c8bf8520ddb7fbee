//! Index marks: a cross-reference must lead to a heading the index has, and a
//! range (`|(` … `|)`) must be closed in the same document or entry.

use std::collections::BTreeSet;

use crate::diag::{Diagnostic, codes};
use crate::model::{Body, IndexMark, Inline, MarkKind, Project, sort_key, walk_inlines};

pub(super) fn check(project: &Project, diags: &mut Vec<Diagnostic>) {
    let bodies: Vec<&Body> = project
        .entries
        .values()
        .map(|e| &e.body)
        .chain(project.documents.values().map(|d| &d.body))
        .collect();
    let mut headings: BTreeSet<String> = BTreeSet::new();
    for e in project.entries.values() {
        headings.insert(sort_key(&e.term));
        headings.insert(sort_key(&e.pinyin));
        headings.extend(e.aliases.iter().map(|a| sort_key(a)));
    }
    for body in &bodies {
        for m in marks(body) {
            headings.insert(sort_key(m.heading()));
        }
    }
    for body in &bodies {
        let marks = marks(body);
        for m in &marks {
            if let MarkKind::See(to) | MarkKind::SeeAlso(to) = &m.kind {
                let target = to.split('!').next().unwrap_or(to);
                if !headings.contains(&sort_key(target)) {
                    diags.push(
                        Diagnostic::new(
                            codes::W0208,
                            format!("the index has no heading `{target}` to refer to"),
                        )
                        .at(m.span)
                        .label("cross-reference to a missing heading")
                        .suggest(target, headings.iter().map(String::as_str))
                        .help("refer to a glossary term, an alias or a heading some `{{index: …}}` mark uses"),
                    );
                }
            }
        }
        unclosed_ranges(&marks, diags);
    }
}

fn marks(body: &Body) -> Vec<IndexMark> {
    let mut out = Vec::new();
    walk_inlines(body, &mut |i| {
        if let Inline::IndexMark(m) = i {
            out.push(m.clone());
        }
    });
    out
}

/// W0209 for a range opened and never closed, or closed and never opened.
fn unclosed_ranges(marks: &[IndexMark], diags: &mut Vec<Diagnostic>) {
    let mut open: Vec<&IndexMark> = Vec::new();
    for m in marks {
        let path: Vec<String> = m.path.iter().map(|p| sort_key(p)).collect();
        let same = |o: &&IndexMark| {
            o.path.iter().map(|p| sort_key(p)).collect::<Vec<_>>() == path
        };
        match m.kind {
            MarkKind::RangeStart => open.push(m),
            MarkKind::RangeEnd => match open.iter().position(same) {
                Some(i) => {
                    open.remove(i);
                }
                None => {
                    diags.push(range_warning(m, "closes a range that was never opened"))
                }
            },
            _ => {}
        }
    }
    for m in open {
        diags.push(range_warning(m, "opens a range that is never closed"));
    }
}

fn range_warning(m: &IndexMark, what: &str) -> Diagnostic {
    Diagnostic::new(
        codes::W0209,
        format!("index mark `{}` {what}", m.path.join("!")),
    )
    .at(m.span)
    .help("mark the start with `{{index: heading|(}}` and the end, in the same text, with `{{index: heading|)}}`; the pages between become one locator")
}
