//! Terminology QA: a glossary term rendered otherwise before its brackets (W0210),
//! a rendering an entry says to avoid (W0211), one Chinese term rendered two
//! ways across the content (W0212).

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, codes};
use crate::model::{EntryId, Project};
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
        formulation_without_term(project, u, diags);
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

/// W0210 for a longer formulation holding an entry's form (`[扎实推进共同富裕]`)
/// whose English holds neither the entry's term nor an alias.
fn formulation_without_term(project: &Project, u: &Use, diags: &mut Vec<Diagnostic>) {
    let (Some(id), Some(r)) = (&u.within, &u.rendering) else {
        return;
    };
    let Some(e) = project.entries.get(id) else {
        return;
    };
    // A longer formulation is often rendered in part ("the overall strategy
    // of rejuvenation" [中华民族伟大复兴战略全局]): only words that share
    // nothing with the term or its aliases are reported.
    if holds_a_name(e, &r.text) || shares_a_word(e, &r.text) {
        return;
    }
    diags.push(
        Diagnostic::new(
            codes::W0210,
            format!(
                "`{}` renders {}, which holds {} — “{}” in the glossary",
                r.text, u.hanzi, e.hanzi, e.term
            ),
        )
        .at(r.span)
        .label("the glossary's term is not in these words")
        .help(format!(
            "keep the glossary's wording inside the longer phrase (“… {} …”), or add `{{{{keep}}}}` after the brackets to keep a deliberate rendering",
            e.term
        )),
    );
}

/// W0212: a Chinese term no entry covers, rendered two ways in substance. The
/// renderings other than the most used (as `terms::group` groups them) are
/// reported, with the others and where they are; a tie is reported once, at
/// the later rendering, naming both. A longer formulation holding an entry's
/// form (`[重要战略机遇期]`) is held to that entry's term instead.
fn inconsistent(project: &Project, scan: &Scan, diags: &mut Vec<Diagnostic>) {
    let mut by_hanzi: BTreeMap<&str, (Vec<&Rendering>, Option<&EntryId>)> =
        BTreeMap::new();
    for u in scan.uses.iter().filter(|u| !u.exempt && u.entry.is_none()) {
        if let Some(r) = &u.rendering {
            let (found, within) = by_hanzi.entry(&u.hanzi).or_default();
            found.push(r);
            *within = u.within.as_ref();
        }
    }
    for (hanzi, (found, within)) in by_hanzi {
        let groups = group(&found);
        let holder = within.and_then(|id| project.entries.get(id));
        // A longer formulation holding an entry's form is held to that
        // entry's term (W0210), not to its other renderings.
        if groups.len() < 2 || holder.is_some() {
            continue;
        }
        let fix = "use one rendering for one term (a glossary entry for it fixes the wording), or `{{keep}}` after the brackets";
        let (norm, rest) = (&groups[0], &groups[1..]);
        let tie = rest
            .first()
            .is_some_and(|g| g.spans.len() == norm.spans.len());
        for g in rest {
            let (label, others) = if tie && g.spans.len() == norm.spans.len() {
                ("rendered two ways, as often each".to_string(), vec![norm])
            } else {
                (
                    format!("“{}” is used {} times", norm.text, norm.spans.len()),
                    vec![norm],
                )
            };
            let elsewhere: Vec<String> = others
                .iter()
                .flat_map(|o| o.spans.iter().map(move |s| (o, s)))
                .map(|(o, s)| format!("“{}” at {}", o.text, location(project, *s)))
                .collect();
            // A tie is one finding, at the rendering written last.
            let spans: Vec<_> = if tie && g.spans.len() == norm.spans.len() {
                g.spans
                    .iter()
                    .copied()
                    .filter(|s| {
                        norm.spans
                            .iter()
                            .all(|n| (n.file, n.start) < (s.file, s.start))
                    })
                    .collect()
            } else {
                g.spans.clone()
            };
            for span in spans {
                diags.push(
                    Diagnostic::new(
                        codes::W0212,
                        format!(
                            "`{}` renders {hanzi}, which is rendered otherwise elsewhere",
                            g.text
                        ),
                    )
                    .at(span)
                    .label(label.clone())
                    .help(format!("elsewhere: {}", elsewhere.join("; ")))
                    .help(fix),
                );
            }
        }
    }
}

/// Whether `text` has a word of four letters or more in common with the
/// entry's term or an alias (plurals and case aside).
fn shares_a_word(e: &crate::model::Entry, text: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        crate::terms::rendering_key(&s.replace('-', " "))
            .split(' ')
            .filter(|w| w.chars().count() >= 4)
            .map(str::to_string)
            .collect()
    };
    let mine = words(text);
    std::iter::once(&e.term)
        .chain(&e.aliases)
        .any(|n| words(n).iter().any(|w| mine.contains(w)))
}

/// Whether `text` holds the entry's term or one of its aliases, as words.
fn holds_a_name(e: &crate::model::Entry, text: &str) -> bool {
    let key = format!(" {} ", crate::terms::rendering_key(text));
    std::iter::once(&e.term)
        .chain(&e.aliases)
        .map(|n| crate::terms::rendering_key(n))
        .any(|n| key.contains(&format!(" {n} ")))
}

/// `file:line:col` of a span.
pub fn location(project: &Project, span: Span) -> String {
    let f = project.sources.get(span.file);
    let (line, col) = f.line_col(span.start);
    format!("{}:{line}:{col}", f.name)
}
