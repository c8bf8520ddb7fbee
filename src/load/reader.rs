//! Reader editions: `content/readers/<name>.yaml`.

use serde::Deserialize;

use super::front_matter::{Yaml, check_fields};
use crate::diag::Diagnostic;
use crate::model::{GlossarySelection, Reader, Spanned};
use crate::source::{FileId, SourceMap};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ReaderFields {
    title: Option<String>,
    subtitle: Option<String>,
    editors: Vec<String>,
    date: Option<String>,
    edition: Option<String>,
    documents: Vec<serde_saphyr::Spanned<String>>,
    glossary: Option<String>,
}

const FIELDS: &[&str] = &[
    "title",
    "subtitle",
    "editors",
    "date",
    "edition",
    "documents",
    "glossary",
];

/// Reads one reader file.
pub(super) fn load(
    map: &SourceMap,
    file: FileId,
    name: String,
    diags: &mut Vec<Diagnostic>,
) -> Option<Reader> {
    let yaml = Yaml::of_file(map, file);
    let keys = yaml.keys(map).map_err(|d| diags.push(d)).ok()?;
    check_fields(map, &yaml, &keys, FIELDS, &["title"], diags);
    let fields: ReaderFields = yaml.parse(map).map_err(|d| diags.push(d)).ok()?;
    let glossary = match fields.glossary.as_deref() {
        None | Some("all") => GlossarySelection::All,
        Some("referenced") => GlossarySelection::Referenced,
        Some("none") => GlossarySelection::None,
        Some(other) => {
            diags.push(
                Diagnostic::error(
                    "E0205",
                    format!("unknown glossary selection `{other}`"),
                )
                .at(yaml.value_span(map, "glossary", other))
                .suggest(other, ["all", "referenced", "none"])
                .help("use `all`, `referenced` or `none`"),
            );
            GlossarySelection::All
        }
    };
    if let Some(date) = &fields.date
        && let Some(d) = super::invalid_date(map, file, date)
    {
        diags.push(d);
    }
    let documents = fields
        .documents
        .into_iter()
        .map(|d| Spanned {
            span: yaml.value_span(map, "documents", &d.value),
            value: d.value.trim_end_matches(".md").to_string(),
        })
        .collect();
    Some(Reader {
        name,
        file,
        title: fields.title.unwrap_or_default(),
        subtitle: fields.subtitle,
        editors: fields.editors,
        date: fields.date,
        edition: fields.edition,
        documents,
        glossary,
    })
}
