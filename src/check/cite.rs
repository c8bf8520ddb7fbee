//! Citations: keys in text, `sources` lists, translation sources; unused works.

use std::collections::BTreeSet;

use crate::diag::{Diagnostic, codes};
use crate::model::{Project, Spanned, citations};

pub(super) fn check(project: &Project, diags: &mut Vec<Diagnostic>) {
    let keys: Vec<&str> = project.bibliography.keys().collect();
    let mut used: BTreeSet<&str> = BTreeSet::new();
    let bodies = project
        .entries
        .values()
        .map(|e| &e.body)
        .chain(project.documents.values().map(|d| &d.body));
    for body in bodies {
        for c in citations(body) {
            for item in &c.items {
                used.insert(&item.key);
                if !project.bibliography.contains(&item.key) {
                    diags.push(
                        Diagnostic::new(codes::E0401, format!("unknown citation key `{}`", item.key))
                            .at(item.span)
                            .label("not in any bibliography file")
                            .suggest(&item.key, keys.iter().copied())
                            .help("bibliography keys are defined in content/bibliography/*.yaml and *.bib"),
                    );
                }
            }
        }
    }
    let listed = project
        .entries
        .values()
        .flat_map(|e| e.sources.iter())
        .chain(project.documents.values().filter_map(|d| d.source.as_ref()));
    for s in listed {
        used.insert(&s.value);
        unknown_listed(project, &keys, s, diags);
    }
    for (key, e) in &project.bibliography.entries {
        if !used.contains(key.as_str()) {
            diags.push(
                Diagnostic::new(codes::W0101, format!("bibliography entry `{key}` is never cited"))
                    .at(e.span)
                    .label("defined here")
                    .help("cite it with `[@key]`, list it in an entry's `sources`, or delete it"),
            );
        }
        if e.work.date.is_none() {
            diags.push(
                Diagnostic::new(codes::W0102, format!("bibliography entry `{key}` has no date"))
                    .at(e.span)
                    .help("add `date: YYYY` (author-date citations print it); use `n.d.` works sparingly"),
            );
        }
        if e.work
            .title
            .as_ref()
            .is_none_or(|t| t.roman.trim().is_empty() && t.hanzi.is_none())
        {
            diags.push(
                Diagnostic::new(codes::W0103, format!("bibliography entry `{key}` has no title"))
                    .at(e.span)
                    .help("add `title:`; the reference list prints the author and year alone without it"),
            );
        }
    }
}

fn unknown_listed(
    project: &Project,
    keys: &[&str],
    s: &Spanned<String>,
    diags: &mut Vec<Diagnostic>,
) {
    if !project.bibliography.contains(&s.value) {
        diags.push(
            Diagnostic::new(
                codes::E0402,
                format!("unknown bibliography key `{}`", s.value),
            )
            .at(s.span)
            .label("not in any bibliography file")
            .suggest(&s.value, keys.iter().copied()),
        );
    }
}
