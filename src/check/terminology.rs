//! Terminology QA: a glossary term rendered otherwise before its brackets (W0210),
//! a rendering an entry says to avoid (W0211), one Chinese term rendered two
//! ways across the content (W0212).

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, codes};
use crate::model::Project;
use crate::source::Span;
use crate::terms::{Rendering, Scan, Use, group, scan};

pub(super) fn check(project: &Project, diags: &mut Vec<Diagnostic>) {
    let scan = match scan(project) {
        Ok(scan) => scan,
        Err(e) => {
            diags.push(
                Diagnostic::new(codes::W0217, format!("terminology not checked: {e}"))
                    .help("shorten the longest `hanzi` or `avoid` values; please report this"),
            );
            return;
        }
    };
    for u in scan.uses.iter().filter(|u| !u.exempt) {
        wrong_rendering(project, u, diags);
    }
    for a in &scan.avoided {
        let Some(e) = project.entries.get(&a.entry) else {
            continue;
        };
        diags.push(
            Diagnostic::new(
                codes::W0211,
                format!("`{}` is a rendering to avoid for {}", a.phrase, e.hanzi),
            )
            .at(a.span)
            .label(format!("the glossary says: “{}”", e.term))
            .help(format!(
                "write `[[{}]]` or “{}”; to keep this rendering here, add `{{{{keep}}}}` right after it",
                e.id, e.term
            )),
        );
    }
    inconsistent(project, &scan, diags);
}

/// W0210: a glossary term before its brackets in words that are not its term or
/// an alias.
fn wrong_rendering(project: &Project, u: &Use, diags: &mut Vec<Diagnostic>) {
    let (Some(id), Some(r)) = (&u.entry, &u.rendering) else {
        return;
    };
    let Some(e) = project.entries.get(id) else {
        return;
    };
    if r.accepted {
        return;
    }
    let mut names = format!("“{}”", e.term);
    if !e.aliases.is_empty() {
        names.push_str(&format!(
            " (or {})",
            e.aliases
                .iter()
                .map(|a| format!("“{a}”"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    diags.push(
        Diagnostic::new(
            codes::W0210,
            format!("`{}` renders {}, which the glossary renders {names}", r.text, u.hanzi),
        )
        .at(r.span)
        .label("not the glossary's rendering")
        .help(format!(
            "write `[[{}]] [{}]`, or add `{{{{keep}}}}` after the brackets to keep a deliberate rendering",
            e.id, u.hanzi
        )),
    );
}

/// W0212: a Chinese term no entry covers, rendered two ways: the renderings
/// other than the most used (as `terms::group` groups them) are reported, with the
/// others and where they are.
fn inconsistent(project: &Project, scan: &Scan, diags: &mut Vec<Diagnostic>) {
    let mut by_hanzi: BTreeMap<&str, Vec<&Rendering>> = BTreeMap::new();
    for u in scan.uses.iter().filter(|u| !u.exempt && u.entry.is_none()) {
        if let Some(r) = &u.rendering {
            by_hanzi.entry(&u.hanzi).or_default().push(r);
        }
    }
    for (hanzi, found) in by_hanzi {
        let groups = group(&found);
        let Some((norm, rest)) = groups.split_first() else {
            continue;
        };
        let elsewhere: Vec<String> = norm
            .spans
            .iter()
            .map(|s| format!("“{}” at {}", norm.text, location(project, *s)))
            .collect();
        for g in rest {
            for span in &g.spans {
                diags.push(
                    Diagnostic::new(
                        codes::W0212,
                        format!("`{}` renders {hanzi}, which is rendered otherwise elsewhere", g.text),
                    )
                    .at(*span)
                    .label("a less frequent rendering")
                    .help(format!("elsewhere: {}", elsewhere.join("; ")))
                    .help("use one rendering for one term (add the term to the glossary to fix it), or `{{keep}}` after the brackets"),
                );
            }
        }
    }
}

/// `file:line:col` of a span.
pub fn location(project: &Project, span: Span) -> String {
    let f = project.sources.get(span.file);
    let (line, col) = f.line_col(span.start);
    format!("{}:{line}:{col}", f.name)
}
