//! Headwords: unique terms and aliases, pinyin that spells the hanzi, non-empty values.

use std::collections::BTreeMap;

use super::{field_span, pinyin};
use crate::diag::Diagnostic;
use crate::model::{Project, is_ideograph};
use crate::source::Span;

pub(super) fn check(project: &Project, diags: &mut Vec<Diagnostic>) {
    let map = &project.sources;
    let mut names: BTreeMap<String, (String, Span)> = BTreeMap::new();
    let mut hanzi: BTreeMap<&str, &str> = BTreeMap::new();
    for entry in project.entries.values() {
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
            if let Some((other, first)) = names.get(&key) {
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
            } else {
                names.insert(key, (entry.id.to_string(), span));
            }
        }
        if !entry.hanzi.is_empty() {
            if let Some(other) = hanzi.get(entry.hanzi.as_str()) {
                diags.push(
                    Diagnostic::warning(
                        "W0205",
                        format!(
                            "hanzi `{}` are also the headword of `{other}`",
                            entry.hanzi
                        ),
                    )
                    .at(field_span(map, entry.file, "hanzi", &entry.hanzi))
                    .help("merge the entries, or give the other an alias"),
                );
            } else {
                hanzi.insert(&entry.hanzi, &entry.id);
            }
            if !entry.hanzi.chars().any(is_ideograph) {
                diags.push(
                    Diagnostic::error("E0206", "`hanzi` holds no Chinese characters")
                        .at(field_span(map, entry.file, "hanzi", &entry.hanzi))
                        .help("write the simplified characters, e.g. `hanzi: 共同富裕`"),
                );
            } else if !entry.pinyin.is_empty()
                && entry.hanzi.chars().count() <= super::limits::MAX_NAME_CHARS
                && !pinyin::pinyin_matches(&entry.pinyin, &entry.hanzi)
            {
                diags.push(
                    Diagnostic::warning(
                        "W0202",
                        format!(
                            "pinyin `{}` does not spell `{}`",
                            entry.pinyin, entry.hanzi
                        ),
                    )
                    .at(field_span(map, entry.file, "pinyin", &entry.pinyin))
                    .label("no reading of the hanzi matches")
                    .help(format!(
                        "dictionary readings: {}",
                        pinyin::suggest(&entry.hanzi)
                    )),
                );
            }
        }
    }
}
