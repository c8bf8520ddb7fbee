//! The build cache: the page map of a reader's last layout, kept in
//! `.ccp-cache/` beside the content folder (the way LaTeX keeps its `.aux`).
//!
//! A build starts its layout from the stored map, so when nothing moved one
//! round settles; `epub` takes its print page numbers from the map without any
//! layout when the map is *current*: made from the same typst sources (the
//! fingerprint covers the generated markup, the layouts and this program's
//! version). The map is only ever a starting point for the PDF: every round is
//! checked against the layout it produced, so a build with a stored map and one
//! without give the same bytes. Deleting the folder is always safe.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::plan::{AnchorIndex, PageMap, StoredPages};

/// The name of the cache folder, beside the content folder.
pub const DIR: &str = ".ccp-cache";

/// A stored page map and what it was made from.
#[derive(Debug, Clone)]
pub struct StoredMap {
    /// The fingerprint of the typst sources the map was laid out from.
    pub fingerprint: String,
    /// The settled page map.
    pub pages: PageMap,
}

/// The file's form of a [`StoredMap`]: places by anchor id.
#[derive(Serialize, Deserialize)]
struct File {
    fingerprint: String,
    pages: StoredPages,
}

/// The cache file of a reader on a paper: `<content>/../.ccp-cache/<reader>.<paper>.json`
/// (`<variant>` is added for draft layouts, whose pages differ).
pub fn map_path(
    content: &Path,
    reader: &str,
    paper: &str,
    variant: Option<&str>,
) -> PathBuf {
    let parent = content
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = match variant {
        Some(v) => format!("{reader}.{paper}.{v}.json"),
        None => format!("{reader}.{paper}.json"),
    };
    parent.join(DIR).join(name)
}

/// The stored map at `path`, if there is a readable one, read with the anchors
/// of the book it is for (`Book::anchor_index`). A cache that cannot be read
/// is no cache: the build lays out from scratch.
pub fn load(path: &Path, index: &AnchorIndex) -> Option<StoredMap> {
    let text = std::fs::read(path).ok()?;
    let file: File = serde_json::from_slice(&text).ok()?;
    Some(StoredMap {
        fingerprint: file.fingerprint,
        pages: file.pages.resolve(index),
    })
}

/// The map as JSON (written by the caller, atomically).
pub fn to_json(map: &StoredMap) -> serde_json::Result<Vec<u8>> {
    serde_json::to_vec(&File {
        fingerprint: map.fingerprint.clone(),
        pages: map.pages.to_stored(),
    })
}

/// A fingerprint of typst sources: FNV-1a (64 bits) over this program's version
/// and every path and text, in order. Stable across runs and machines.
pub fn fingerprint<'a>(sources: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        hash ^= 0xff;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    };
    feed(env!("CARGO_PKG_VERSION").as_bytes());
    for (path, text) in sources {
        feed(path.as_bytes());
        feed(text.as_bytes());
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    // The fingerprint depends on every path and text and on where one ends.
    #[test]
    fn fingerprint_separates_inputs() {
        let a = fingerprint([("/a", "bc")]);
        assert_eq!(a, fingerprint([("/a", "bc")]));
        assert_ne!(a, fingerprint([("/ab", "c")]));
        assert_ne!(a, fingerprint([("/a", "bd")]));
        assert_eq!(a.len(), 16);
    }

    // The cache sits beside the content folder, named by reader and paper.
    #[test]
    fn path_is_beside_the_content() {
        assert_eq!(
            map_path(Path::new("/p/content"), "seminar", "a4", None),
            Path::new("/p/.ccp-cache/seminar.a4.json")
        );
        assert_eq!(
            map_path(Path::new("content"), "default", "us-letter", Some("draft")),
            Path::new("./.ccp-cache/default.us-letter.draft.json")
        );
    }
}
