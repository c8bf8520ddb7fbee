//! Anchors: the typed names of every place in the book that can be linked to or
//! found on a page, and the page map that a layout gives them.
//!
//! Both writers spell an anchor through [`Anchor::id`]: the XHTML `id`, the typst
//! label, and the key of the page map are the same string.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::model::Owner;
use crate::model::words::Words;

/// The typst label that every located place carries (`#metadata("anchor")<ccp-place>`);
/// written into the generated `/markers.typ`, which the layouts import.
pub const PLACE_LABEL: &str = "ccp-place";

/// A part of the book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PartKind {
    /// Translations and essays, in the reader's order.
    Documents,
    /// The glossary, A–Z.
    Glossary,
    /// The reference list.
    Bibliography,
    /// The two indexes.
    Index,
}

impl PartKind {
    /// The part's title as printed, in the words of `words`.
    pub fn title(self, words: &Words) -> &'static str {
        match self {
            PartKind::Documents => words.documents,
            PartKind::Glossary => words.glossary,
            PartKind::Bibliography => words.bibliography,
            PartKind::Index => words.index,
        }
    }

    /// The part's name in ids (the same in every language).
    fn slug(self) -> &'static str {
        match self {
            PartKind::Documents => "documents",
            PartKind::Glossary => "glossary",
            PartKind::Bibliography => "bibliography",
            PartKind::Index => "index",
        }
    }
}

/// Which index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IndexKind {
    /// Terms, other names, pinyin, author marks.
    General,
    /// Chinese terms by pinyin.
    Chinese,
}

impl IndexKind {
    /// The index's heading, in the words of `words`.
    pub fn title(self, words: &Words) -> &'static str {
        match self {
            IndexKind::General => words.general_index,
            IndexKind::Chinese => words.chinese_index,
        }
    }
}

/// A place inside a document or entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Local {
    /// Top-level block `i` of the body.
    Block(usize),
    /// The `k`-th cross-reference of the body (0-based, text before notes).
    XRef(usize),
    /// Footnote number `n` (1-based).
    Note(usize),
    /// The reference to footnote `n`.
    NoteRef(usize),
    /// The `k`-th index mark of the body.
    Mark(usize),
    /// The `k`-th figure of the body (0-based, numbered or not).
    Figure(usize),
    /// The `k`-th reference to figures of the body.
    FigRef(usize),
    /// Item `i` (0-based) of a glossary entry's "See also".
    SeeAlso(usize),
    /// Item `i` (0-based) of a glossary entry's "Mentioned in".
    MentionedIn(usize),
}

/// A place in the book.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Anchor {
    /// The opening of a part.
    Part(PartKind),
    /// The start of a document or glossary entry.
    Owner(Owner),
    /// A letter of the glossary.
    Letter(String),
    /// A place inside a document or entry.
    In(Owner, Local),
    /// A work in the reference list, by bibliography key.
    Bib(String),
    /// One of the indexes.
    Index(IndexKind),
}

impl Anchor {
    /// The id shared by the XHTML `id`, the typst label and the page map.
    pub fn id(&self) -> String {
        match self {
            Anchor::Part(k) => format!("part-{}", k.slug()),
            Anchor::Owner(o) => owner_id(o),
            Anchor::Letter(l) => format!("letter-{}", id_safe(&l.to_lowercase())),
            Anchor::In(o, local) => {
                let owner = owner_id(o);
                match local {
                    Local::Block(i) => format!("{owner}-b{i}"),
                    Local::XRef(k) => format!("{owner}-x{k}"),
                    Local::Note(n) => format!("{owner}-fn{n}"),
                    Local::NoteRef(n) => format!("{owner}-fn{n}-ref"),
                    Local::Mark(k) => format!("{owner}-ix{k}"),
                    Local::Figure(k) => format!("{owner}-fig{k}"),
                    Local::FigRef(k) => format!("{owner}-figref{k}"),
                    Local::SeeAlso(i) => format!("{owner}.see-also.{}", i + 1),
                    Local::MentionedIn(i) => format!("{owner}.mentioned-in.{}", i + 1),
                }
            }
            Anchor::Bib(key) => format!("bib-{}", id_safe(key)),
            Anchor::Index(IndexKind::General) => "general-index".into(),
            Anchor::Index(IndexKind::Chinese) => "chinese-index".into(),
        }
    }

    /// The document or entry the place belongs to, if any.
    pub fn owner(&self) -> Option<&Owner> {
        match self {
            Anchor::Owner(o) | Anchor::In(o, _) => Some(o),
            _ => None,
        }
    }
}

fn owner_id(owner: &Owner) -> String {
    match owner {
        Owner::Entry(id) => format!("entry-{}", id_safe(id.as_str())),
        Owner::Document(id) => format!("doc-{}", id_safe(&id.as_str().replace('/', "-"))),
    }
}

/// A string usable as an XML id and a typst label: ASCII letters, digits, `-`, `_`,
/// `.` pass; everything else is hex-coded (`_2f_`), so distinct inputs stay distinct.
pub fn id_safe(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '.') {
            out.push(c);
        } else {
            let _ = write!(out, "_{:x}_", c as u32);
        }
    }
    out
}

/// Where a located place is in a layout.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Place {
    /// Physical page, 1-based.
    pub page: usize,
    /// The printed page number.
    pub printed: u64,
    /// Horizontal position from the page's left edge, in points.
    pub x: f64,
    /// Vertical position from the page's top edge, in points.
    pub y: f64,
}

/// Every place of a book by its [`Anchor::id`] (see `Book::anchor_index`).
pub type AnchorIndex = std::collections::HashMap<String, Anchor>;

/// The page of every located place of a layout, by anchor: what the second
/// round of the PDF (index locators) and the EPUB (print page numbers) read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMap {
    /// Where each place is.
    pub places: BTreeMap<Anchor, Place>,
    /// The printed number of the book's last page.
    pub last: u64,
    /// The running head of every physical page (none on pages without one).
    pub heads: Vec<Option<Head>>,
    /// The glossary entries that open a page: the next layout starts a page
    /// run at each (typst lays out page runs in parallel).
    pub breaks: Vec<Anchor>,
    /// Places whose page references print their page number even on the
    /// target's page: where dropping it moved the reference to another page
    /// and back, round after round (what the layout reads, not what it gives).
    pub numbered: Vec<Anchor>,
}

/// The running head of a body page: its folio and the part, document or entry
/// in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// The printed page number.
    pub folio: u64,
    /// The part, document or entry in force.
    pub running: Anchor,
}

impl PageMap {
    /// The printed page of `anchor`, if it was laid out.
    pub fn printed(&self, anchor: &Anchor) -> Option<u64> {
        self.places.get(anchor).map(|p| p.printed)
    }

    /// Where `anchor` was laid out.
    pub fn place(&self, anchor: &Anchor) -> Option<&Place> {
        self.places.get(anchor)
    }

    /// The map as it is stored between builds: anchors by their ids.
    pub fn to_stored(&self) -> StoredPages {
        StoredPages {
            places: self.places.iter().map(|(a, p)| (a.id(), *p)).collect(),
            last: self.last,
            heads: self
                .heads
                .iter()
                .map(|h| {
                    h.as_ref().map(|h| StoredHead {
                        folio: h.folio,
                        running: h.running.id(),
                    })
                })
                .collect(),
            breaks: self.breaks.iter().map(Anchor::id).collect(),
            numbered: self.numbered.iter().map(Anchor::id).collect(),
        }
    }
}

/// A page map as stored in `.ccp-cache/` (JSON): places by anchor id.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct StoredPages {
    /// Places by [`Anchor::id`].
    pub places: BTreeMap<String, Place>,
    /// The printed number of the book's last page.
    pub last: u64,
    /// The running heads.
    #[serde(default)]
    pub heads: Vec<Option<StoredHead>>,
    /// The entries that open a page, by id.
    #[serde(default)]
    pub breaks: Vec<String>,
    /// The places whose page references always print their number, by id.
    #[serde(default)]
    pub numbered: Vec<String>,
}

/// A running head as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StoredHead {
    /// The printed page number.
    pub folio: u64,
    /// The id of the part, document or entry in force.
    pub running: String,
}

impl StoredPages {
    /// The stored map read with the anchors of a book: a place the book no
    /// longer has is left out (a stored map is only where a layout starts).
    pub fn resolve(self, index: &AnchorIndex) -> PageMap {
        let anchor = |id: &str| index.get(id).cloned();
        PageMap {
            places: self
                .places
                .into_iter()
                .filter_map(|(id, p)| Some((anchor(&id)?, p)))
                .collect(),
            last: self.last,
            heads: self
                .heads
                .into_iter()
                .map(|h| {
                    let h = h?;
                    Some(Head {
                        folio: h.folio,
                        running: anchor(&h.running)?,
                    })
                })
                .collect(),
            breaks: self.breaks.iter().filter_map(|id| anchor(id)).collect(),
            numbered: self.numbered.iter().filter_map(|id| anchor(id)).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Checks that ids are XML- and label-safe and that distinct names stay distinct.
    #[test]
    fn ids_are_safe_and_distinct() {
        assert_eq!(
            Anchor::Owner(Owner::Document(
                crate::model::DocId::new(crate::model::DocKind::Essay, "q-a").unwrap()
            ))
            .id(),
            "doc-essays-q-a"
        );
        assert_eq!(Anchor::Bib("x\"><img".into()).id(), "bib-x_22__3e__3c_img");
        assert_ne!(id_safe("a_b"), id_safe("a b"));
        assert_eq!(
            Anchor::In(
                Owner::Entry(crate::model::EntryId::new("mass-line").unwrap()),
                Local::NoteRef(2)
            )
            .id(),
            "entry-mass-line-fn2-ref"
        );
    }
}
