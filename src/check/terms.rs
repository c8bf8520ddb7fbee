//! Headwords: unique terms and aliases, pinyin that spells the hanzi, non-empty values.

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, codes};
use crate::model::pinyin;
use crate::model::{Entry, Project, is_ideograph};
use crate::source::Span;

pub(super) fn check(project: &Project, diags: &mut Vec<Diagnostic>) {
    let mut names: BTreeMap<String, (String, Span)> = BTreeMap::new();
    let mut hanzi: BTreeMap<&str, &str> = BTreeMap::new();
    for entry in project.entries.values() {
        empty_fields(entry, diags);
        unique_names(project, entry, &mut names, diags);
        if !entry.hanzi.is_empty() {
            headword_hanzi(entry, &mut hanzi, diags);
        }
    }
}

/// E0202 for an empty `term`, `pinyin` or `hanzi` that is written.
fn empty_fields(entry: &Entry, diags: &mut Vec<Diagnostic>) {
    for (field, value) in [
        ("term", &entry.term),
        ("pinyin", &entry.pinyin),
        ("hanzi", &entry.hanzi),
    ] {
        if let Some(span) = entry.fields.key(field)
            && value.trim().is_empty()
        {
            diags.push(
                Diagnostic::new(codes::E0202, format!("field `{field}` is empty"))
                    .at(span)
                    .help(format!("give the entry's {field}")),
            );
        }
    }
}

/// E0304 when a term or alias already names another entry (case aside); E0202
/// for an empty alias. `names` holds the names seen so far.
fn unique_names(
    project: &Project,
    entry: &Entry,
    names: &mut BTreeMap<String, (String, Span)>,
    diags: &mut Vec<Diagnostic>,
) {
    let map = &project.sources;
    let term = entry.fields.at("term", entry.file);
    let names_of =
        std::iter::once(("term", &entry.term, term)).chain(
            entry.aliases.iter().enumerate().map(|(i, a)| {
                ("aliases", a, entry.fields.item_at("aliases", i, entry.file))
            }),
        );
    for (field, name, span) in names_of {
        if name.trim().is_empty() {
            if field == "aliases" {
                diags.push(
                    Diagnostic::new(codes::E0202, "an alias is empty")
                        .at(span)
                        .help("delete the empty item from `aliases`"),
                );
            }
            continue;
        }
        let key = name.trim().to_lowercase();
        let Some((other, first)) = names.get(&key) else {
            names.insert(key, (entry.id.to_string(), span));
            continue;
        };
        let (line, _) = map.get(first.file).line_col(first.start);
        diags.push(
            Diagnostic::new(codes::E0304, format!("`{name}` names two entries"))
                .at(span)
                .label(format!("also the term or alias of `{other}`"))
                .help(format!(
                    "first used in {}:{line}; terms and aliases must be unique",
                    map.get(first.file).name
                )),
        );
    }
}

/// W0205 for hanzi another headword has, E0206 for hanzi without Chinese,
/// W0202 for pinyin that does not spell them. `seen` holds the hanzi so far.
fn headword_hanzi<'p>(
    entry: &'p Entry,
    seen: &mut BTreeMap<&'p str, &'p str>,
    diags: &mut Vec<Diagnostic>,
) {
    let at = entry.fields.at("hanzi", entry.file);
    if let Some(other) = seen.get(entry.hanzi.as_str()) {
        let message =
            format!("hanzi `{}` are also the headword of `{other}`", entry.hanzi);
        diags.push(
            Diagnostic::new(codes::W0205, message)
                .at(at)
                .help("merge the entries, or give the other an alias"),
        );
    } else {
        seen.insert(&entry.hanzi, entry.id.as_str());
    }
    if !entry.hanzi.chars().any(is_ideograph) {
        diags.push(
            Diagnostic::new(codes::E0206, "`hanzi` holds no Chinese characters")
                .at(at)
                .help("write the simplified characters, e.g. `hanzi: 共同富裕`"),
        );
    } else if !entry.pinyin.is_empty()
        && entry.hanzi.chars().count() <= super::limits::MAX_NAME_CHARS
        && !pinyin::pinyin_matches(&entry.pinyin, &entry.hanzi)
    {
        let message =
            format!("pinyin `{}` does not spell `{}`", entry.pinyin, entry.hanzi);
        diags.push(
            Diagnostic::new(codes::W0202, message)
                .at(entry.fields.at("pinyin", entry.file))
                .label("no reading of the hanzi matches")
                .help(format!(
                    "dictionary readings: {}",
                    pinyin::suggest(&entry.hanzi)
                )),
        );
    }
}
