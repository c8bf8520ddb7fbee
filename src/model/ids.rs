//! Typed ids: glossary entries, documents, bibliography keys, readers. None
//! of them is a `str`; each gives its text with `as_str`.

/// Kind of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// A translation of a Chinese document.
    Translation,
    /// An essay by the center.
    Essay,
}

/// A glossary entry's id: its file stem, a lowercase ASCII slug (checked when it is
/// made, so an id in the model is always one).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntryId(String);

/// A document's id: `translations/<slug>` or `essays/<slug>`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocId(String);

impl EntryId {
    /// The id of the entry in `glossary/<stem>.md`, if the stem is a slug.
    pub fn new(stem: &str) -> Option<Self> {
        is_slug(stem).then(|| EntryId(stem.to_string()))
    }
}

impl DocId {
    /// The id of the document in `<folder>/<stem>.md`, if the stem is a slug.
    pub fn new(kind: DocKind, stem: &str) -> Option<Self> {
        let folder = match kind {
            DocKind::Translation => "translations",
            DocKind::Essay => "essays",
        };
        is_slug(stem).then(|| DocId(format!("{folder}/{stem}")))
    }
}

/// A bibliography key, as its file gives it (`xi-2021`, `Naughton2017`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BibKey(String);

impl BibKey {
    /// The key `key`, as written.
    pub fn new(key: &str) -> Self {
        BibKey(key.to_string())
    }
}

/// A reader's name: the stem of its file in `readers/`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReaderName(String);

impl ReaderName {
    /// The reader of `readers/<stem>.yaml`.
    pub fn new(stem: &str) -> Self {
        ReaderName(stem.to_string())
    }
}

/// The text of an id, its order and equality: an id is looked up in maps by
/// the text that names it (`[[common-prosperity]]`), and is never a string
/// itself.
macro_rules! id_as_str {
    ($t:ty) => {
        impl $t {
            /// The id's text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl std::borrow::Borrow<str> for $t {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl PartialEq<str> for $t {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }
        impl PartialEq<String> for $t {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }
        impl PartialEq<$t> for String {
            fn eq(&self, other: &$t) -> bool {
                self == &other.0
            }
        }
    };
}
id_as_str!(EntryId);
id_as_str!(DocId);
id_as_str!(BibKey);
id_as_str!(ReaderName);

/// Whether `id` is a lowercase ASCII slug.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
