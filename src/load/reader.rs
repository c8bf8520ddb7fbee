//! Reader editions: `content/readers/<name>.yaml`.

use serde::Deserialize;

use super::front_matter::{Yaml, check_fields};
use crate::diag::{Diagnostic, codes};
use crate::model::{
    FieldSpans, GlossarySelection, ParallelChoice, ParallelLayout, Reader, ReaderName,
    Spanned,
};
use crate::source::{FileId, SourceMap, Span};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ReaderFields {
    title: Option<String>,
    subtitle: Option<String>,
    editors: Vec<String>,
    date: Option<String>,
    edition: Option<String>,
    publisher: Option<String>,
    copyright: Option<String>,
    isbn: Option<String>,
    printing: Option<String>,
    parallel: Option<ParallelField>,
    documents: Vec<String>,
    glossary: Option<String>,
    drafts: bool,
    list_of_figures: bool,
}

/// `parallel: columns`, or `parallel: {essays/note: facing}`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum ParallelField {
    /// YAML 1.1 reads a bare `off` as false (and `on` as true).
    Switch(bool),
    All(String),
    Each(std::collections::BTreeMap<String, OneLayout>),
}

/// One document's layout, `off` read as false too.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneLayout {
    Switch(bool),
    Named(String),
}

impl OneLayout {
    fn name(self) -> String {
        match self {
            OneLayout::Switch(false) => "off".into(),
            OneLayout::Switch(true) => "on".into(),
            OneLayout::Named(n) => n,
        }
    }
}

const FIELDS: &[&str] = &[
    "title",
    "subtitle",
    "editors",
    "date",
    "edition",
    "publisher",
    "copyright",
    "isbn",
    "printing",
    "parallel",
    "documents",
    "glossary",
    "drafts",
    "list_of_figures",
];

/// Reads one reader file.
pub(super) fn load(
    map: &SourceMap,
    file: FileId,
    name: ReaderName,
    diags: &mut Vec<Diagnostic>,
) -> Option<Reader> {
    let yaml = Yaml::of_file(map, file);
    let spans = yaml.fields(map).map_err(|d| diags.push(d)).ok()?;
    check_fields(file, &spans, FIELDS, &["title"], diags);
    let fields: ReaderFields = yaml.parse(map).map_err(|d| diags.push(d)).ok()?;
    let glossary = match fields.glossary.as_deref() {
        None | Some("all") => GlossarySelection::All,
        Some("referenced") => GlossarySelection::Referenced,
        Some("none") => GlossarySelection::None,
        Some(other) => {
            diags.push(
                Diagnostic::new(
                    codes::E0205,
                    format!("unknown glossary selection `{other}`"),
                )
                .at(spans.at("glossary", file))
                .suggest(other, ["all", "referenced", "none"])
                .help("use `all`, `referenced` or `none`"),
            );
            GlossarySelection::All
        }
    };
    if let Some(date) = &fields.date
        && let Some(d) = super::front_matter::invalid_date(spans.at("date", file), date)
    {
        diags.push(d);
    }
    if let Some(isbn) = &fields.isbn
        && !isbn_valid(isbn)
    {
        diags.push(
            Diagnostic::new(codes::W0602, format!("`{isbn}` is not a valid ISBN"))
                .at(spans.at("isbn", file))
                .label("its check digit or length is wrong")
                .help("an ISBN has 13 digits (or 10, the last may be X), hyphens allowed: `978-0-226-10420-1`"),
        );
    }
    let parallel = parallel_choice(file, &spans, fields.parallel, diags);
    let documents = fields
        .documents
        .into_iter()
        .enumerate()
        .map(|(i, d)| Spanned {
            span: spans.item_at("documents", i, file),
            value: d.trim_end_matches(".md").to_string(),
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
        publisher: fields.publisher,
        copyright: fields.copyright,
        isbn: fields.isbn,
        printing: fields.printing,
        parallel,
        documents,
        glossary,
        drafts: fields.drafts,
        list_of_figures: fields.list_of_figures,
        fields: spans,
    })
}

/// The `parallel` field; E0211 for a layout that does not exist.
fn parallel_choice(
    file: FileId,
    spans: &FieldSpans,
    field: Option<ParallelField>,
    diags: &mut Vec<Diagnostic>,
) -> ParallelChoice {
    let mut choice = ParallelChoice::default();
    let mut layout = |name: &str, at: Span| {
        ParallelLayout::named(name).or_else(|| {
            diags.push(
                Diagnostic::new(
                    codes::E0211,
                    format!("unknown parallel layout `{name}`"),
                )
                .at(at)
                .suggest(name, ["off", "columns", "facing"])
                .help("use `off`, `columns` or `facing`"),
            );
            None
        })
    };
    match field {
        None => {}
        Some(ParallelField::Switch(on)) => {
            let name = OneLayout::Switch(on).name();
            choice.all = layout(&name, spans.at("parallel", file)).unwrap_or_default()
        }
        Some(ParallelField::All(name)) => {
            choice.all = layout(&name, spans.at("parallel", file)).unwrap_or_default()
        }
        Some(ParallelField::Each(each)) => {
            for (doc, name) in each {
                let name = name.name();
                let at = spans
                    .item_named("parallel", &doc)
                    .unwrap_or_else(|| spans.at("parallel", file));
                if let Some(l) = layout(&name, at) {
                    choice
                        .documents
                        .insert(doc.trim_end_matches(".md").to_string(), l);
                }
            }
        }
    }
    choice
}

/// Whether an ISBN-13 or ISBN-10 (hyphens and spaces allowed) has a right check digit.
fn isbn_valid(isbn: &str) -> bool {
    let chars: Vec<char> = isbn.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    let digit = |c: char, i: usize, len: usize| match c {
        'X' | 'x' if i + 1 == len && len == 10 => Some(10),
        c => c.to_digit(10),
    };
    let Some(d): Option<Vec<u32>> = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| digit(c, i, chars.len()))
        .collect()
    else {
        return false;
    };
    match d.len() {
        13 => {
            d.iter()
                .enumerate()
                .map(|(i, x)| if i % 2 == 0 { *x } else { 3 * x })
                .sum::<u32>()
                % 10
                == 0
        }
        10 => {
            d.iter()
                .enumerate()
                .map(|(i, x)| (10 - i as u32) * x)
                .sum::<u32>()
                % 11
                == 0
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    // Checks ISBN-13 and ISBN-10 check digits.
    #[test]
    fn isbn_check_digits() {
        assert!(super::isbn_valid("978-0-226-10420-1"));
        assert!(super::isbn_valid("0-306-40615-2"));
        assert!(super::isbn_valid("0-8044-2957-X"));
        assert!(!super::isbn_valid("978-0-226-10420-2"));
        assert!(!super::isbn_valid("12345"));
    }
}
