//! Who made a document and where it comes from: the roles of its people and
//! organisations, and the provenance of a translation.

/// A person or an organisation credited with a role. The name is printed
/// whole, as written: never split at its commas, never inverted.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Credit {
    /// The name in reading order ("Margaret Liu", "Etcetera Language Group, Inc.").
    pub name: String,
    /// Whether it names an organisation (`{organization: …}`).
    pub organization: bool,
}

/// The roles of a document beside its author.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Credits {
    /// Authors of the original, or of the essay.
    pub authors: Vec<Credit>,
    /// Translators.
    pub translators: Vec<Credit>,
    /// Editors of the translation.
    pub editors: Vec<Credit>,
    /// Authors of the introduction (the center, when the document is a scholar's).
    pub introduction: Vec<Credit>,
}

/// A revision of a translation after its first publication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// When (`YYYY-MM-DD`).
    pub date: String,
    /// What changed.
    pub note: String,
}

/// Where a translation's original comes from, and the history of the translation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Provenance {
    /// The issuing body (国务院, "CCP Central Committee and State Council").
    pub issued_by: Option<String>,
    /// The document number (文号), as written: `中发〔2016〕4号`.
    pub document_number: Option<String>,
    /// Where the original was published on the web.
    pub source_url: Option<String>,
    /// A copy of it in a web archive.
    pub archived_url: Option<String>,
    /// When the source was consulted.
    pub accessed: Option<String>,
    /// When the translation was made.
    pub translated: Option<String>,
    /// Its revisions, oldest first.
    pub revisions: Vec<Revision>,
}

impl Provenance {
    /// Whether any field is given.
    pub fn is_empty(&self) -> bool {
        *self == Provenance::default()
    }
}
