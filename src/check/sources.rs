//! Sources that cannot print well in Chicago author-date form: a web page with no
//! date or address, an article with no container, a document with no issuer, a
//! type with no Chicago form, a title whose quotation marks do not pair up.

use crate::diag::{Diagnostic, codes};
use crate::model::{BibEntry, ContainerKind, Kind, Project, Work};

pub(super) fn check(project: &Project, diags: &mut Vec<Diagnostic>) {
    for d in project.documents.values() {
        let p = &d.provenance;
        if p.source_url.is_some() && p.archived_url.is_none() {
            diags.push(
                Diagnostic::new(codes::W0107, "a translation's source on the web with no archived copy")
                    .at(d.fields.at("source_url", d.file))
                    .help("add `archived_url:` with the address of a copy in a web archive (the Wayback Machine, archive.today)"),
            );
        }
    }
    for (key, e) in &project.bibliography.entries {
        for (what, field) in missing(&e.work) {
            diags.push(incomplete(key.as_str(), e, what, field));
        }
        if unarchived(&e.work) {
            diags.push(
                Diagnostic::new(codes::W0107, format!("`{key}` gives a web address with no archived copy"))
                    .at(field_at(project, e, "url"))
                    .help("add `archive-location:` with the address of a copy in a web archive (the Wayback Machine, archive.today)"),
            );
        }
        if e.work.kind == Kind::Other {
            diags.push(
                Diagnostic::new(
                    codes::W0105,
                    format!(
                        "`{key}` is of type `{}`, which has no Chicago form here",
                        e.work.written_type
                    ),
                )
                .at(e.span)
                .help("use a type Chicago describes: book, chapter (inbook), article, report, thesis, web (online), legislation for an official document, or misc with `genre` for a speech"),
            );
        }
        let titles = e
            .work
            .title
            .iter()
            .chain(e.work.container.iter().map(|c| &c.title));
        for t in titles {
            let text = format!(
                "{} {}",
                t.roman,
                t.translation.as_deref().unwrap_or_default()
            );
            if !crate::cite::quotes_balance(&text) {
                diags.push(
                    Diagnostic::new(
                        codes::W0106,
                        format!("the quotation marks in a title of `{key}` do not pair up"),
                    )
                    .at(e.span)
                    .help("close every opening quotation mark in the title; the reference list sets quotations inside a quoted title in single marks"),
                );
            }
        }
    }
}

/// A field a reader needs, in the syntax of each file format.
#[derive(Clone, Copy)]
struct Field {
    yaml: &'static str,
    bib: &'static str,
}

const DATE: Field = Field {
    yaml: "`date: YYYY-MM-DD`",
    bib: "`date = {YYYY-MM-DD}`",
};
const URL: Field = Field {
    yaml: "`url: https://…`",
    bib: "`url = {https://…}`",
};
const PARENT: Field = Field {
    yaml: "`parent:` with the journal, newspaper or website (`type: periodical`, `newspaper` or `web`) and its `title`",
    bib: "`journaltitle = {…}` (or `booktitle` for a chapter)",
};
const ISSUER: Field = Field {
    yaml: "`author:` with the issuing body, written in braces as an organisation (`author: \"{State Council} 国务院\"`)",
    bib: "`author = {{State Council}}`",
};
const PUBLISHER: Field = Field {
    yaml: "`publisher:`",
    bib: "`publisher = {…}`",
};
const INSTITUTION: Field = Field {
    yaml: "`organization:` (the university)",
    bib: "`institution = {…}`",
};
const BOOK: Field = Field {
    yaml: "`parent:` with `type: book`, its `title` and `publisher`",
    bib: "`booktitle = {…}`",
};

/// What the work lacks for its kind, and the field that gives it.
fn missing(w: &Work) -> Vec<(&'static str, Field)> {
    let mut out = Vec::new();
    // A work with no date at all is W0102 already.
    let full_date = w.date.is_none_or(|d| d.day.is_some());
    let container = w.container.as_ref().map(|c| c.kind);
    match w.kind {
        Kind::Web => {
            if w.container.is_none() && w.written_type == "article" {
                out.push(("no container (the website, newspaper or journal)", PARENT));
            }
            if !full_date {
                out.push(("no full date of publication", DATE));
            }
            if w.url.is_none() && w.doi.is_none() {
                out.push(("no URL", URL));
            }
        }
        Kind::News if !full_date => out.push(("no full date of publication", DATE)),
        Kind::Document => {
            if w.authors.is_empty() {
                out.push(("no issuing body", ISSUER));
            }
            if !full_date {
                out.push(("no day of issue", DATE));
            }
            if container.is_none() && w.publisher.is_none() && w.url.is_none() {
                out.push(("no publisher, container or URL", URL));
            }
        }
        Kind::Speech if !full_date => out.push(("no full date of delivery", DATE)),
        Kind::Book | Kind::Report if w.publisher.is_none() && w.url.is_none() => {
            out.push(("no publisher", PUBLISHER));
        }
        Kind::Chapter if container != Some(ContainerKind::Book) => {
            out.push(("no book it is part of", BOOK));
        }
        Kind::Chapter if w.publisher.is_none() => out.push(("no publisher", PUBLISHER)),
        Kind::Thesis if w.publisher.is_none() => {
            out.push(("no institution", INSTITUTION))
        }
        _ => {}
    }
    out
}

fn incomplete(key: &str, e: &BibEntry, what: &str, field: Field) -> Diagnostic {
    let add = if e.work.written_type.starts_with('@') {
        field.bib
    } else {
        field.yaml
    };
    Diagnostic::new(
        codes::W0104,
        format!("{} `{key}` has {what}", e.work.kind.noun()),
    )
    .at(e.span)
    .label("its reference cannot be complete")
    .help(format!("add {add}"))
}

/// Whether a work lives on a web page (a web page, a news report, an official
/// document, a report, a speech) that gives its address and no archived copy.
/// A DOI does not move, and a book or journal article is found in libraries.
fn unarchived(w: &Work) -> bool {
    let on_the_web = matches!(
        w.kind,
        Kind::Web
            | Kind::News
            | Kind::Document
            | Kind::Report
            | Kind::Speech
            | Kind::Other
    );
    on_the_web && w.url.is_some() && w.doi.is_none() && w.archived.is_none()
}

/// Where field `name` of entry `e` is written (`name:` in YAML, `name =` in
/// BibLaTeX, on a line of its own within the entry), else the entry's key.
fn field_at(project: &Project, e: &BibEntry, name: &str) -> crate::source::Span {
    let text = &project.sources.get(e.span.file).text;
    let mut at = e.span.end.min(text.len());
    let mut lines = text[at..].split_inclusive('\n');
    if let Some(rest_of_key) = lines.next() {
        at += rest_of_key.len();
    }
    for line in lines {
        let next_entry = line.starts_with('@')
            || line.starts_with(|c: char| !c.is_whitespace() && c != '#' && c != '}');
        if next_entry {
            break;
        }
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let after = trimmed.strip_prefix(name).map(str::trim_start);
        if after.is_some_and(|a| a.starts_with(':') || a.starts_with('=')) {
            let end = at + line.trim_end().len();
            return crate::source::Span::new(e.span.file, at + indent, end);
        }
        at += line.len();
    }
    e.span
}
