//! The checked content model: what the loader builds from `content/` and what every
//! writer reads. Writers never see files or Markdown, only these types.

mod bib;
mod chars;
mod credits;
mod ids;
mod image;
pub mod parallel;
pub mod pinyin;
mod romanization;
pub mod script;
mod stamp;
mod text;
pub mod words;
mod work;

use std::collections::BTreeMap;

/// `{{keep}}` after a bracketed term: the translator keeps this rendering, and
/// the terminology checks say nothing of it.
pub const KEEP: &str = "\x7b{keep}}";

pub use text::{
    Block, Body, Citation, CiteItem, FigRef, Figure, IndexMark, Inline, Label, MarkKind,
    Note, SegmentMark, citations, inline_text, inline_text_with, walk_inlines,
    xref_targets,
};

use crate::source::{FileId, SourceMap, Span};
pub use bib::{BibEntry, Bibliography};
pub use chars::{fold_accent, is_han, is_ideograph, sort_key};
pub use credits::{Credit, Credits, Provenance, Revision};
pub use ids::{BibKey, DocId, DocKind, EntryId, ReaderName, is_slug};
pub use image::{Image, ImageFormat, MAX_FIGURE_HEIGHT, MEASURE_INCHES, printed_share};
pub use romanization::{is_pinyin_word, pinyin_syllables};
pub use stamp::{Stamp, parse_date};
pub use work::{Container, ContainerKind, Date, Kind, Name, Person, Title, Work};

/// Whether `url` is an address the editions print as a link: `http`, `https` or
/// `mailto`, with no spaces, quotes, angle brackets or control characters.
pub fn is_web_address(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    let web = ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len());
    web && !url.chars().any(|c| {
        c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '`')
    })
}

/// A value with the place it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it is in the source.
    pub span: Span,
}

/// Where each field of a front matter or reader file was read, as the YAML
/// parser reported it: the key, the value and, for a list or map, each item.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldSpans {
    /// The file's first line (where a missing field is reported).
    pub head: Option<Span>,
    /// The fields in the order written.
    pub fields: Vec<FieldSpan>,
}

/// Where one field was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSpan {
    /// The field's name.
    pub name: String,
    /// The key.
    pub key: Span,
    /// The value (a list's or map's first token).
    pub value: Span,
    /// The items of a list, or the values of a map, in order.
    pub items: Vec<Span>,
    /// The keys of a map's items, in order (empty for a list).
    pub item_keys: Vec<String>,
    /// Where each key of a map's items is.
    pub item_key_spans: Vec<Span>,
}

impl FieldSpans {
    fn get(&self, name: &str) -> Option<&FieldSpan> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The key of field `name`, if it is written.
    pub fn key(&self, name: &str) -> Option<Span> {
        self.get(name).map(|f| f.key)
    }

    /// The value of field `name`, if it is written.
    pub fn value(&self, name: &str) -> Option<Span> {
        self.get(name).map(|f| f.value)
    }

    /// Item `i` of list field `name` (else the field's value).
    pub fn item(&self, name: &str, i: usize) -> Option<Span> {
        let f = self.get(name)?;
        Some(f.items.get(i).copied().unwrap_or(f.value))
    }

    /// Item `i` of list field `name`, else where the field is reported
    /// ([`FieldSpans::at`]).
    pub fn item_at(&self, name: &str, i: usize, file: FileId) -> Span {
        self.item(name, i).unwrap_or_else(|| self.at(name, file))
    }

    /// The value of key `key` in map field `name` (else the field's value).
    pub fn item_named(&self, name: &str, key: &str) -> Option<Span> {
        let f = self.get(name)?;
        let i = f.item_keys.iter().position(|k| k == key);
        Some(i.and_then(|i| f.items.get(i).copied()).unwrap_or(f.value))
    }

    /// The key `key` of map field `name`, if it is written.
    pub fn item_key(&self, name: &str, key: &str) -> Option<Span> {
        let f = self.get(name)?;
        let i = f.item_keys.iter().position(|k| k == key)?;
        f.item_key_spans.get(i).copied()
    }

    /// Where to report something about field `name`: its value, else the
    /// file's first line.
    pub fn at(&self, name: &str, file: FileId) -> Span {
        self.value(name)
            .or(self.head)
            .unwrap_or(Span::new(file, 0, 0))
    }
}

/// Everything loaded from one content folder.
#[derive(Debug)]
pub struct Project {
    /// Text of every file read, for diagnostics.
    pub sources: SourceMap,
    /// Glossary entries by id (sorted by id).
    pub entries: BTreeMap<EntryId, Entry>,
    /// Translations and essays by id (`translations/<stem>`, `essays/<stem>`).
    pub documents: BTreeMap<DocId, Document>,
    /// All bibliography files merged.
    pub bibliography: Bibliography,
    /// Reader editions by name.
    pub readers: BTreeMap<ReaderName, Reader>,
    /// Layout overrides from `content/layouts/` (file name → typst source).
    pub layouts: BTreeMap<String, String>,
    /// The image files of figures, by path from the content folder.
    pub images: BTreeMap<String, Image>,
}

/// Who points at a glossary entry ("Mentioned in").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Owner {
    /// A glossary entry, by id.
    Entry(EntryId),
    /// A translation or essay, by id.
    Document(DocId),
}

/// How a parallel text is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ParallelLayout {
    /// The English alone.
    #[default]
    Off,
    /// Chinese and English side by side, segment by segment.
    Columns,
    /// Chinese on versos, English on rectos, spread by spread.
    Facing,
}

impl ParallelLayout {
    /// The layout a reader file names (`off`, `columns`, `facing`).
    pub fn named(s: &str) -> Option<Self> {
        match s {
            "off" => Some(ParallelLayout::Off),
            "columns" => Some(ParallelLayout::Columns),
            "facing" => Some(ParallelLayout::Facing),
            _ => None,
        }
    }
}

/// A reader's `parallel:` choice: one layout for all, or one per document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParallelChoice {
    /// For every document not named.
    pub all: ParallelLayout,
    /// By document id.
    pub documents: BTreeMap<String, ParallelLayout>,
}

impl ParallelChoice {
    /// The layout of document `id`.
    pub fn of(&self, id: &str) -> ParallelLayout {
        self.documents.get(id).copied().unwrap_or(self.all)
    }
}

/// The Chinese original of a document, aligned block by block with it.
#[derive(Debug, Clone)]
pub struct Original {
    /// `translations/<id>.zh.md`.
    pub file: FileId,
    /// Its text.
    pub body: Body,
    /// The two texts' segments, or where they part (computed by
    /// [`crate::link`]).
    pub alignment: Result<Vec<parallel::Segment>, parallel::Misalignment>,
}

/// One glossary entry.
#[derive(Debug, Clone)]
pub struct Entry {
    /// File stem, a lowercase slug.
    pub id: EntryId,
    /// The file it came from.
    pub file: FileId,
    /// English headword.
    pub term: String,
    /// Pinyin with tone marks.
    pub pinyin: String,
    /// Simplified characters.
    pub hanzi: String,
    /// Traditional characters, when they differ.
    pub traditional: Option<String>,
    /// Other English names.
    pub aliases: Vec<String>,
    /// Other Chinese forms of the term: abbreviations, variants, older forms
    /// (党中央 and 中共中央 beside 中国共产党中央委员会). Each counts as the
    /// entry's hanzi in every terminology check and in the concordance.
    pub variants: Vec<String>,
    /// Still being written (`draft: true`): readers leave it out unless they
    /// ask for drafts.
    pub draft: bool,
    /// Renderings translators must not use (`avoid:`), with where they are listed.
    pub avoid: Vec<Spanned<String>>,
    /// Related entries.
    pub see_also: Vec<Spanned<String>>,
    /// Bibliography keys listed besides those cited in the text.
    pub sources: Vec<Spanned<String>>,
    /// The essay.
    pub body: Body,
    /// Where the body begins in the file (after the front matter).
    pub body_start: usize,
    /// Where each front-matter field was written.
    pub fields: FieldSpans,
    /// The entries `see_also` names that exist, each once, in order (computed
    /// by [`crate::link`]; `check` reports the others).
    pub related: Vec<EntryId>,
    /// Who cross-references this entry, sorted (computed after loading).
    pub backlinks: Vec<Owner>,
    /// Keys of the works the entry cites or lists, in order of first appearance.
    pub works: Vec<BibKey>,
}

impl Entry {
    /// The Chinese forms of the term: its hanzi, traditional form and
    /// variants, each written once, the empty ones left out.
    pub fn forms(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let all = std::iter::once(self.hanzi.as_str())
            .chain(self.traditional.as_deref())
            .chain(self.variants.iter().map(String::as_str));
        for f in all.map(str::trim).filter(|f| !f.is_empty()) {
            if !out.contains(&f) {
                out.push(f);
            }
        }
        out
    }
}

/// A translation or an essay.
#[derive(Debug, Clone)]
pub struct Document {
    /// `translations/<stem>` or `essays/<stem>`.
    pub id: DocId,
    /// Translation or essay.
    pub kind: DocKind,
    /// The file it came from.
    pub file: FileId,
    /// English title.
    pub title: String,
    /// Chinese title of the original (translations).
    pub original_title: Option<String>,
    /// Date of the original.
    pub date: Option<String>,
    /// Authors, translators, editors and the introduction's authors.
    pub credits: Credits,
    /// Where the original comes from; the translation's history.
    pub provenance: Provenance,
    /// Bibliography key of the original.
    pub source: Option<Spanned<String>>,
    /// The text.
    pub body: Body,
    /// Where the body begins in the file (after the front matter).
    pub body_start: usize,
    /// Where each front-matter field was written.
    pub fields: FieldSpans,
    /// The Chinese original, `<id>.zh.md` beside the document, for a parallel text.
    pub original: Option<Original>,
}

/// Which glossary entries a reader includes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GlossarySelection {
    /// Every entry.
    All,
    /// Entries the documents reference, followed through cross-references.
    Referenced,
    /// No glossary.
    None,
}

/// One printed / e-book edition.
#[derive(Debug, Clone)]
pub struct Reader {
    /// File stem.
    pub name: ReaderName,
    /// The file it came from.
    pub file: FileId,
    /// Title.
    pub title: String,
    /// Subtitle.
    pub subtitle: Option<String>,
    /// Editors.
    pub editors: Vec<String>,
    /// Date of the edition, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Edition statement.
    pub edition: Option<String>,
    /// Publisher, for the copyright page.
    pub publisher: Option<String>,
    /// Copyright notice ("© 2026 The Translation Center. All rights reserved.").
    pub copyright: Option<String>,
    /// ISBN of this edition.
    pub isbn: Option<String>,
    /// Printing line ("10 9 8 7 6 5 4 3 2 1").
    pub printing: Option<String>,
    /// How documents with a Chinese original are printed.
    pub parallel: ParallelChoice,
    /// Documents in order.
    pub documents: Vec<Spanned<String>>,
    /// Which entries.
    pub glossary: GlossarySelection,
    /// Whether draft entries are printed (`drafts: true`, for proofs).
    pub drafts: bool,
    /// Print a list of figures after the contents (`list_of_figures: true`).
    pub list_of_figures: bool,
    /// Where each field was written.
    pub fields: FieldSpans,
}

impl Project {
    /// The words a cross-reference prints: its label, else the target's term.
    pub fn xref_words(&self, target: &str, label: Option<&str>) -> String {
        label
            .map(str::to_string)
            .or_else(|| self.entries.get(target).map(|e| e.term.clone()))
            .unwrap_or_else(|| target.to_string())
    }

    /// Entry ids and document ids in a reader, in book order: documents as listed, then
    /// the selected entries sorted by term.
    pub fn select(&self, reader: &Reader) -> Selection {
        let documents: Vec<DocId> = reader
            .documents
            .iter()
            .filter_map(|d| self.documents.get_key_value(d.value.as_str()))
            .map(|(id, _)| id.clone())
            .collect();
        let mut ids: Vec<EntryId> = match reader.glossary {
            GlossarySelection::All => self.entries.keys().cloned().collect(),
            GlossarySelection::None => Vec::new(),
            GlossarySelection::Referenced => {
                // Drafts are left out here too, and what they reference.
                let mut seen = std::collections::BTreeSet::new();
                let mut queue: Vec<String> = documents
                    .iter()
                    .flat_map(|d| text::xref_targets(&self.documents[d].body))
                    .collect();
                while let Some(target) = queue.pop() {
                    if let Some((id, e)) = self.entries.get_key_value(target.as_str())
                        && (reader.drafts || !e.draft)
                        && seen.insert(id.clone())
                    {
                        queue.extend(text::xref_targets(&e.body));
                    }
                }
                seen.into_iter().collect()
            }
        };
        ids.retain(|id| reader.drafts || !self.entries[id].draft);
        ids.sort_by_cached_key(|id| sort_key(&self.entries[id].term));
        Selection {
            documents,
            entries: ids,
        }
    }

    /// The text of every entry, then of every document, with its owner.
    pub fn bodies(&self) -> impl Iterator<Item = (Owner, &Body)> {
        let entries = self
            .entries
            .values()
            .map(|e| (Owner::Entry(e.id.clone()), &e.body));
        let documents = self
            .documents
            .values()
            .map(|d| (Owner::Document(d.id.clone()), &d.body));
        entries.chain(documents)
    }

    /// The id of the entry named `target`, if there is one.
    pub fn entry_id(&self, target: &str) -> Option<&EntryId> {
        self.entries.get_key_value(target).map(|(id, _)| id)
    }
}

/// What one reader contains, in book order.
#[derive(Debug, Clone)]
pub struct Selection {
    /// Document ids in order.
    pub documents: Vec<DocId>,
    /// Entry ids in glossary order (by term).
    pub entries: Vec<EntryId>,
}

impl Selection {
    /// Whether the entry is in this reader.
    pub fn has_entry(&self, id: &str) -> bool {
        self.entries.iter().any(|e| e.as_str() == id)
    }

    /// Whether the document is in this reader.
    pub fn has_document(&self, id: &str) -> bool {
        self.documents.iter().any(|d| d.as_str() == id)
    }
}
