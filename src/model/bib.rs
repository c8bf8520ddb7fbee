//! The merged bibliography of a content folder.

use std::collections::BTreeMap;

use super::ids::BibKey;
use crate::source::Span;

/// One work, with the place its key is written.
#[derive(Debug, Clone)]
pub struct BibEntry {
    /// The work the entry describes.
    pub work: super::work::Work,
    /// The key in its bibliography file.
    pub span: Span,
}

/// All works of all bibliography files, by key.
#[derive(Debug, Clone, Default)]
pub struct Bibliography {
    /// Works by key.
    pub entries: BTreeMap<BibKey, BibEntry>,
}

impl Bibliography {
    /// The work with key `key`.
    pub fn get(&self, key: &str) -> Option<&BibEntry> {
        self.entries.get(key)
    }

    /// Whether a work with key `key` exists.
    pub fn contains(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }

    /// All keys, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(BibKey::as_str)
    }

    /// Number of works.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no works.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
