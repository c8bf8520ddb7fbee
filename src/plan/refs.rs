//! References to places of the book, and the typography of planned text.

use super::anchor::Anchor;
use crate::cite::Run;
use crate::model::script::smart_quotes;
use crate::model::{Owner, Project};

/// A link to a place, with the words it prints.
#[derive(Debug, Clone, PartialEq)]
pub struct Ref {
    /// Where it points.
    pub target: Anchor,
    /// What it prints.
    pub words: String,
    /// How it prints.
    pub style: RefStyle,
}

/// How a reference prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefStyle {
    /// A glossary term: small capitals.
    Term,
    /// A document title: italics.
    Title,
    /// As it is.
    Plain,
}

/// The reference to a document or entry's start, printing its term or title.
pub(super) fn owner_ref(project: &Project, owner: &Owner) -> Ref {
    let (words, style) = match owner {
        Owner::Entry(id) => (
            project.entries.get(id).map_or(id.as_str(), |e| &e.term),
            RefStyle::Term,
        ),
        Owner::Document(id) => (
            project.documents.get(id).map_or(id.as_str(), |d| &d.title),
            RefStyle::Title,
        ),
    };
    Ref {
        target: Anchor::Owner(owner.clone()),
        words: typographic(words),
        style,
    }
}

/// Straight quotes made typographic.
pub(super) fn typographic(s: &str) -> String {
    smart_quotes(s).into_owned()
}

/// Formatted runs with typographic quotes; a link whose address is not a web
/// address (a `url:` of the bibliography) keeps its text and loses the link.
pub(super) fn typographic_runs(rs: &[Run]) -> Vec<Run> {
    rs.iter()
        .flat_map(|r| match r {
            Run::Link { url, children } if !crate::model::is_web_address(url) => {
                typographic_runs(children)
            }
            other => vec![other.clone()],
        })
        .map(|r| match &r {
            Run::Text(t) => Run::Text(typographic(t)),
            Run::Italic(c) => Run::Italic(typographic_runs(c)),
            Run::Bold(c) => Run::Bold(typographic_runs(c)),
            Run::SmallCaps(c) => Run::SmallCaps(typographic_runs(c)),
            Run::Sup(c) => Run::Sup(typographic_runs(c)),
            Run::Sub(c) => Run::Sub(typographic_runs(c)),
            Run::Link { url, children } => Run::Link {
                url: url.clone(),
                children: typographic_runs(children),
            },
        })
        .collect()
}
