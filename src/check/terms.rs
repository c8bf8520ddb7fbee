//! Headwords: unique terms and aliases, pinyin that spells the hanzi, non-empty values.

use std::collections::BTreeMap;

use super::{field_span, pinyin};
use crate::diag::Diagnostic;
use crate::model::{Entry, Project, is_ideograph};
use crate::source::Span;

pub(super) fn check(project: &Project, diags: &mut Vec<Diagnostic>) {
    let mut names: BTreeMap<String, (String, Span)> = BTreeMap::new();
    let mut hanzi: BTreeMap<&str, &str> = BTreeMap::new();
    for entry in project.entries.values() {
        empty_fields(project, entry, diags);
        unique_names(project, entry, &mut names, diags);
        if !entry.hanzi.is_empty() {
            headword_hanzi(project, entry, &mut hanzi, diags);
        }
    }
}

/// E0202 for an empty `term`, `pinyin` or `hanzi` that is written.
fn empty_fields(project: &Project, entry: &Entry, diags: &mut Vec<Diagnostic>) {
    let map = &project.sources;
    for (field, value) in [
        ("term", &entry.term),
        ("pinyin", &entry.pinyin),
        ("hanzi", &entry.hanzi),
    ] {
        let span = field_span(map, entry.file, field, "");
        if value.trim().is_empty() && span != Span::new(entry.file, 0, 0) {
            diags.push(
                Diagnostic::error("E0202", format!("field `{field}` is empty"))
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
    let names_of = std::iter::once(("term", &entry.term))
        .chain(entry.aliases.iter().map(|a| ("aliases", a)));
    for (field, name) in names_of {
        if name.trim().is_empty() {
            if field == "aliases" {
                diags.push(
                    Diagnostic::error("E0202", "an alias is empty")
                        .at(field_span(map, entry.file, field, ""))
                        .help("delete the empty item from `aliases`"),
                );
            }
            continue;
        }
        let span = field_span(map, entry.file, field, name);
        let key = name.trim().to_lowercase();
        let Some((other, first)) = names.get(&key) else {
            names.insert(key, (entry.id.to_string(), span));
            continue;
        };
        let (line, _) = map.get(first.file).line_col(first.start);
        diags.push(
            Diagnostic::error("E0304", format!("`{name}` names two entries"))
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
    project: &'p Project,
    entry: &'p Entry,
    seen: &mut BTreeMap<&'p str, &'p str>,
    diags: &mut Vec<Diagnostic>,
) {
    let at = field_span(&project.sources, entry.file, "hanzi", &entry.hanzi);
    if let Some(other) = seen.get(entry.hanzi.as_str()) {
        let message =
            format!("hanzi `{}` are also the headword of `{other}`", entry.hanzi);
        diags.push(
            Diagnostic::warning("W0205", message)
                .at(at)
                .help("merge the entries, or give the other an alias"),
        );
    } else {
        seen.insert(&entry.hanzi, &entry.id);
    }
    if !entry.hanzi.chars().any(is_ideograph) {
        diags.push(
            Diagnostic::error("E0206", "`hanzi` holds no Chinese characters")
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
            Diagnostic::warning("W0202", message)
                .at(field_span(
                    &project.sources,
                    entry.file,
                    "pinyin",
                    &entry.pinyin,
                ))
                .label("no reading of the hanzi matches")
                .help(format!(
                    "dictionary readings: {}",
                    pinyin::suggest(&entry.hanzi)
                )),
        );
    }
}
