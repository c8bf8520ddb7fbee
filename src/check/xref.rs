//! Cross-references: `[[id]]` in text and `see_also` lists.

use crate::diag::{Diagnostic, codes};
use crate::model::{Block, Entry, EntryId, Inline, Owner, Project, is_ideograph};
use crate::source::Span;

pub(super) fn check(project: &Project, diags: &mut Vec<Diagnostic>) {
    let ids: Vec<&str> = project.entries.keys().map(EntryId::as_str).collect();
    let bodies = project.bodies();
    for (owner, body) in bodies {
        let mut visit = |xs: &[Inline]| check_inlines(project, &ids, &owner, xs, diags);
        for b in &body.blocks {
            each_inline_run(b, &mut visit);
        }
        for n in &body.notes {
            for b in &n.blocks {
                each_inline_run(b, &mut visit);
            }
        }
    }
    // Entries some other entry lists in `see_also`.
    let listed: std::collections::BTreeSet<&str> = project
        .entries
        .values()
        .flat_map(|e| {
            e.see_also
                .iter()
                .filter(move |s| s.value != e.id)
                .map(|s| s.value.as_str())
        })
        .collect();
    for entry in project.entries.values() {
        see_also(project, entry, &ids, diags);
        if entry.backlinks.is_empty()
            && !listed.contains(entry.id.as_str())
            && !entry.draft
        {
            let span = entry.fields.at("term", entry.file);
            diags.push(
                Diagnostic::new(codes::W0204, format!("no entry or document references `{}`", entry.id))
                    .at(span)
                    .label("this entry is not linked from anywhere")
                    .help(format!("link it from a related entry with `[[{}]]` or add it to a `see_also` list", entry.id)),
            );
        }
    }
}

/// An entry's `see_also`: W0207 for a repeated id, W0201 for the entry itself,
/// E0302 for an unknown id.
fn see_also(project: &Project, entry: &Entry, ids: &[&str], diags: &mut Vec<Diagnostic>) {
    for (i, s) in entry.see_also.iter().enumerate() {
        if entry.see_also[..i].iter().any(|t| t.value == s.value) {
            diags.push(
                Diagnostic::new(
                    codes::W0207,
                    format!("`{}` is listed twice in `see_also`", s.value),
                )
                .at(s.span)
                .label("listed more than once")
                .help("delete the repetition; it is printed once"),
            );
        } else if s.value == entry.id {
            diags.push(
                Diagnostic::new(
                    codes::W0201,
                    format!("entry `{}` lists itself in `see_also`", entry.id),
                )
                .at(s.span)
                .help("remove it from the list"),
            );
        } else if !project.entries.contains_key(s.value.as_str()) {
            diags.push(
                Diagnostic::new(
                    codes::E0302,
                    format!("unknown entry `{}` in `see_also`", s.value),
                )
                .at(s.span)
                .label("no entry with this id")
                .suggest(&s.value, ids.iter().copied()),
            );
        }
    }
}

/// Calls `f` on every run of sibling inlines inside a block.
fn each_inline_run(b: &Block, f: &mut impl FnMut(&[Inline])) {
    fn run(xs: &[Inline], f: &mut impl FnMut(&[Inline])) {
        f(xs);
        for x in xs {
            match x {
                Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) => run(c, f),
                Inline::Link { content, .. } => run(content, f),
                _ => {}
            }
        }
    }
    match b {
        Block::Para(c) | Block::Heading { content: c, .. } => run(c, f),
        Block::Quote(bs) => bs.iter().for_each(|b| each_inline_run(b, f)),
        Block::List { items, .. } => {
            items.iter().flatten().for_each(|b| each_inline_run(b, f))
        }
        Block::Table { header, rows, .. } => {
            header.iter().for_each(|c| run(c, f));
            rows.iter().flatten().for_each(|c| run(c, f));
        }
        Block::Figure(fig) => {
            run(&fig.caption, f);
            run(&fig.source, f);
        }
        Block::Code(_) | Block::Rule => {}
    }
}

fn check_inlines(
    project: &Project,
    ids: &[&str],
    owner: &Owner,
    xs: &[Inline],
    diags: &mut Vec<Diagnostic>,
) {
    for (i, x) in xs.iter().enumerate() {
        let Inline::XRef { target, span, .. } = x else {
            continue;
        };
        let Some(entry) = project.entries.get(target.as_str()) else {
            let mut d = Diagnostic::new(
                codes::E0301,
                format!("unknown cross-reference `{target}`"),
            )
            .at(*span)
            .label("no entry with this id")
            .suggest(target, ids.iter().copied());
            if d.help.is_empty()
                && let Some(e) = project.entries.values().find(|e| {
                    e.term.eq_ignore_ascii_case(target)
                        || e.aliases.iter().any(|a| a.eq_ignore_ascii_case(target))
                        || e.hanzi == *target
                })
            {
                d = d.help(format!("cross-references use the entry id: `[[{}]]`", e.id));
            }
            diags.push(d);
            continue;
        };
        if matches!(owner, Owner::Entry(id) if *id == *target) {
            diags.push(
                Diagnostic::new(
                    codes::W0201,
                    format!("entry `{target}` cross-references itself"),
                )
                .at(*span)
                .help("write the term as plain text"),
            );
        }
        if let Some(Inline::Text(next)) = xs.get(i + 1)
            && let Some(bracketed) = bracketed_hanzi(next)
            && !names_entry(bracketed, entry)
        {
            // The text after `[[…]]` begins at its end: the brackets follow the
            // spaces that open it.
            let needle = format!("[{bracketed}]");
            let at = span.end + (next.len() - next.trim_start().len());
            if kept(project, Span::new(span.file, at, at + needle.len())) {
                continue;
            }
            diags.push(
                Diagnostic::new(
                    codes::W0203,
                    format!(
                        "bracketed hanzi `{bracketed}` differ from the entry's `{}`",
                        entry.hanzi
                    ),
                )
                .at(Span::new(span.file, at, at + needle.len()))
                .label(format!("`{target}` is written {}", entry.hanzi))
                .help(format!(
                    "write `[{}]`, or change the entry's `hanzi`",
                    entry.hanzi
                )),
            );
        }
    }
}

/// Whether bracketed hanzi name the entry: its hanzi, traditional form or a
/// variant, or a longer formulation holding one of them (`[重要战略机遇期]` quotes the
/// source after "period of strategic opportunity" [战略机遇期]).
fn names_entry(bracketed: &str, entry: &crate::model::Entry) -> bool {
    entry.forms().into_iter().any(|f| bracketed.contains(f))
}

/// Whether `{{keep}}` follows the brackets at `span` (the translator keeps
/// this rendering; no terminology warning is given for it).
fn kept(project: &Project, span: Span) -> bool {
    let text = &project.sources.get(span.file).text;
    text.get(span.end..).is_some_and(|rest| {
        rest.trim_start_matches([' ', '\t'])
            .starts_with(crate::model::KEEP)
    })
}

/// `[汉字]` at the start of `text` (after optional spaces).
fn bracketed_hanzi(text: &str) -> Option<&str> {
    let rest = text.trim_start().strip_prefix('[')?;
    let inner = &rest[..rest.find(']')?];
    inner.chars().any(is_ideograph).then_some(inner)
}
