//! The book plan: one reader of the checked model, decided once for every edition.
//!
//! [`plan`] turns the model, a reader and its formatted citations into a [`Book`]:
//! front matter as data, the parts in reading order with typed [`Anchor`]s, text
//! trees with citations and cross-references resolved, entry lists, the reference
//! list and both indexes. The typst and XHTML writers print a `Book` and nothing
//! else; they never look at the model.

pub mod anchor;
mod credits;
pub mod index;
mod refs;
pub mod tree;

use crate::cite::{Formatted, Run};
pub use crate::model::words::{ENGLISH, Words};
use crate::model::{BibKey, DocKind, Entry, Owner, Project, Reader, Selection, Stamp};
pub use anchor::{
    Anchor, AnchorIndex, Head, IndexKind, Local, PageMap, PartKind, Place, StoredPages,
    id_safe,
};
pub use credits::{Contributor, Role, pretty_date};
pub use index::{
    Cross, CrossGroup, Heading, IndexGroup, IndexItem, Line, Locator, line, page_range,
    resolve,
};
pub use refs::{Ref, RefStyle};
use refs::{owner_ref, typographic, typographic_runs};
pub use tree::{Align, Block, Body, Figure, Inline, Note};

/// Paper size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// US letter (the default).
    #[default]
    Letter,
    /// ISO A4.
    A4,
}

impl Paper {
    /// typst's name for the paper.
    pub fn typst_name(self) -> &'static str {
        match self {
            Paper::Letter => "us-letter",
            Paper::A4 => "a4",
        }
    }
}

/// A reader, planned.
#[derive(Debug, Clone, PartialEq)]
pub struct Book {
    /// Title page and metadata.
    pub meta: Meta,
    /// The lines of the colophon (copyright page).
    pub colophon: Vec<String>,
    /// The parts, in reading order.
    pub parts: Vec<Part>,
    /// The image files of the book's figures, once each, in order of first use.
    pub images: Vec<BookImage>,
    /// The list of figures, text by text (empty unless the reader asks for one).
    pub figure_list: Vec<FigureGroup>,
    /// The fixed words the editions print.
    pub words: &'static Words,
}

/// The numbered figures of one text, for the list of figures.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureGroup {
    /// The document or entry.
    pub anchor: Anchor,
    /// Its title or term.
    pub title: String,
    /// Its figures: place, "Figure 2", the caption's words.
    pub figures: Vec<(Anchor, String, String)>,
}

/// An image file a figure prints.
#[derive(Clone, PartialEq)]
pub struct BookImage {
    /// Its name in the editions (`figures_2f_chart.png`): what figures give.
    pub name: String,
    /// Its format.
    pub format: crate::model::ImageFormat,
    /// Its bytes.
    pub bytes: std::sync::Arc<[u8]>,
    /// A fingerprint of the bytes.
    pub fingerprint: String,
}

impl std::fmt::Debug for BookImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BookImage")
            .field("name", &self.name)
            .field("format", &self.format)
            .field("bytes", &self.bytes.len())
            .field("fingerprint", &self.fingerprint)
            .finish()
    }
}

/// What the title page and the metadata say.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    /// The reader's name (file stem).
    pub name: String,
    /// Title.
    pub title: String,
    /// Subtitle.
    pub subtitle: Option<String>,
    /// Editors.
    pub editors: Vec<String>,
    /// The editors as a list: "A and B", "A, B, and C".
    pub editors_listed: String,
    /// The publisher, if the reader names one.
    pub publisher: Option<String>,
    /// The people and organisations credited in the documents, each once per
    /// role, in the order the documents credit them.
    pub contributors: Vec<Contributor>,
    /// Edition statement.
    pub edition: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The fixed moment of the build, used for every date the files carry:
    /// `SOURCE_DATE_EPOCH` when set, else the reader's date.
    pub stamp: Stamp,
}

/// A part of the book.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// Translations and essays.
    Documents(Vec<Chapter>),
    /// Glossary entries under their letters.
    Glossary(Vec<Letter>),
    /// The reference list.
    Bibliography(Vec<Work>),
    /// The general index and the index of Chinese terms.
    Index(Vec<Index>),
}

impl Part {
    /// Which part this is.
    pub fn kind(&self) -> PartKind {
        match self {
            Part::Documents(_) => PartKind::Documents,
            Part::Glossary(_) => PartKind::Glossary,
            Part::Bibliography(_) => PartKind::Bibliography,
            Part::Index(_) => PartKind::Index,
        }
    }
}

/// A translation or essay.
#[derive(Debug, Clone, PartialEq)]
pub struct Chapter {
    /// Its start.
    pub anchor: Anchor,
    /// Translation or essay.
    pub kind: DocKind,
    /// English title.
    pub title: String,
    /// Chinese title of the original.
    pub original_title: Option<String>,
    /// "Author, May 19, 2016".
    pub byline: Option<String>,
    /// "Translated by …; edited by …; introduction by …".
    pub credits: Option<String>,
    /// A translation's source note: the original's issuing body, title,
    /// number, date and addresses; the translation's date and revisions.
    pub source_note: Option<Vec<Run>>,
    /// The text.
    pub body: Body,
    /// The text beside its Chinese original, when the reader prints it so.
    pub parallel: Option<Parallel>,
}

/// A document printed beside its Chinese original.
#[derive(Debug, Clone, PartialEq)]
pub struct Parallel {
    /// Columns or facing pages.
    pub layout: crate::model::ParallelLayout,
    /// Indexes into the chapter's body blocks of the English that comes before
    /// anything is paired (the center's introduction, a metadata table): set at
    /// full measure before the parallel text.
    pub lead: Vec<usize>,
    /// The aligned segments after the lead, in order.
    pub segments: Vec<ParallelSegment>,
}

/// One segment: English blocks of the chapter's body and the Chinese beside them.
#[derive(Debug, Clone, PartialEq)]
pub struct ParallelSegment {
    /// Indexes into the chapter's body blocks (empty: an omitted Chinese passage).
    pub en: Vec<usize>,
    /// The Chinese blocks (no places of their own: the index and the page map
    /// follow the English).
    pub zh: Vec<tree::Block>,
}

/// A letter of the glossary.
#[derive(Debug, Clone, PartialEq)]
pub struct Letter {
    /// The letter.
    pub letter: String,
    /// Its heading's place.
    pub anchor: Anchor,
    /// Its entries, sorted by term.
    pub entries: Vec<GlossaryEntry>,
}

/// A glossary entry.
#[derive(Debug, Clone, PartialEq)]
pub struct GlossaryEntry {
    /// Its headword's place.
    pub anchor: Anchor,
    /// English headword.
    pub term: String,
    /// Pinyin.
    pub pinyin: String,
    /// Simplified characters.
    pub hanzi: String,
    /// Traditional characters.
    pub traditional: Option<String>,
    /// The essay.
    pub body: Body,
    /// Related entries in the reader.
    pub see_also: Vec<Ref>,
    /// Works cited or listed, formatted as in the reference list.
    pub sources: Vec<Work>,
    /// Documents and entries of the reader that cross-reference it.
    pub mentioned_in: Vec<Ref>,
}

/// A work in the reference list (or an entry's sources).
#[derive(Debug, Clone, PartialEq)]
pub struct Work {
    /// Its place in the reference list.
    pub anchor: Anchor,
    /// The reference, formatted.
    pub runs: Vec<Run>,
}

/// One index.
#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    /// Which index.
    pub kind: IndexKind,
    /// Its place.
    pub anchor: Anchor,
    /// Letter groups.
    pub groups: Vec<IndexGroup>,
}

/// Plans a reader: the one function every edition starts from.
pub fn plan(
    project: &Project,
    reader: &Reader,
    selection: &Selection,
    cites: &Formatted,
    stamp: Stamp,
) -> Book {
    let mut convert = tree::Converter {
        project,
        selection,
        cites,
        parallel: &reader.parallel,
        xrefs: Vec::new(),
        marks: Vec::new(),
        words: &ENGLISH,
    };
    let mut parts = Vec::new();
    let chapters = chapters(&mut convert, selection);
    if !chapters.is_empty() {
        parts.push(Part::Documents(chapters));
    }
    let letters = letters(&mut convert, selection);
    if !letters.is_empty() {
        parts.push(Part::Glossary(letters));
    }
    if !cites.bibliography.is_empty() {
        let works = cites.bibliography.iter().map(|(k, r)| work(k, r)).collect();
        parts.push(Part::Bibliography(works));
    }
    let sources = index::Sources {
        project,
        selection,
        xrefs: &convert.xrefs,
        marks: &convert.marks,
    };
    let indexes: Vec<Index> = [
        (IndexKind::General, sources.general()),
        (IndexKind::Chinese, sources.chinese()),
    ]
    .into_iter()
    .filter(|(_, groups)| !groups.is_empty())
    .map(|(kind, groups)| Index {
        kind,
        anchor: Anchor::Index(kind),
        groups,
    })
    .collect();
    if !indexes.is_empty() {
        parts.push(Part::Index(indexes));
    }
    let words = convert.words;
    Book {
        meta: meta(reader, stamp, credits::contributors(project, selection)),
        colophon: colophon(reader, words),
        images: book_images(project, &parts),
        figure_list: if reader.list_of_figures {
            figure_list(&parts)
        } else {
            Vec::new()
        },
        parts,
        words,
    }
}

/// The numbered figures of the documents and entries, text by text.
fn figure_list(parts: &[Part]) -> Vec<FigureGroup> {
    let mut texts: Vec<(&Anchor, &str, &Body)> = Vec::new();
    for part in parts {
        match part {
            Part::Documents(chapters) => texts.extend(
                chapters
                    .iter()
                    .map(|c| (&c.anchor, c.title.as_str(), &c.body)),
            ),
            Part::Glossary(letters) => texts.extend(
                letters
                    .iter()
                    .flat_map(|l| &l.entries)
                    .map(|e| (&e.anchor, e.term.as_str(), &e.body)),
            ),
            Part::Bibliography(_) | Part::Index(_) => {}
        }
    }
    texts
        .into_iter()
        .filter_map(|(anchor, title, body)| {
            let figures: Vec<(Anchor, String, String)> = body
                .blocks
                .iter()
                .filter_map(|l| match &l.block {
                    Block::Figure(f) => Some(f),
                    _ => None,
                })
                .filter_map(|f| {
                    let mut caption = String::new();
                    tree::inline_strings(&f.caption, &mut |s| caption.push_str(s));
                    // A list's line ends in leaders, not in the caption's stop.
                    let caption =
                        caption.trim().strip_suffix('.').unwrap_or(caption.trim());
                    Some((f.anchor.clone()?, f.label.clone()?, caption.to_string()))
                })
                .collect();
            (!figures.is_empty()).then(|| FigureGroup {
                anchor: anchor.clone(),
                title: title.to_string(),
                figures,
            })
        })
        .collect()
}

/// The images the figures of `parts` print, once each, in order of first use.
fn book_images(project: &Project, parts: &[Part]) -> Vec<BookImage> {
    fn add<'b>(bs: impl Iterator<Item = &'b Block>, out: &mut Vec<&'b tree::Figure>) {
        out.extend(bs.filter_map(|b| match b {
            Block::Figure(f) => Some(&**f),
            _ => None,
        }));
    }
    let mut figures: Vec<&tree::Figure> = Vec::new();
    for part in parts {
        match part {
            Part::Documents(chapters) => {
                for c in chapters {
                    add(c.body.blocks.iter().map(|l| &l.block), &mut figures);
                    for seg in c.parallel.iter().flat_map(|p| &p.segments) {
                        add(seg.zh.iter(), &mut figures);
                    }
                }
            }
            Part::Glossary(letters) => {
                for e in letters.iter().flat_map(|l| &l.entries) {
                    add(e.body.blocks.iter().map(|l| &l.block), &mut figures);
                }
            }
            Part::Bibliography(_) | Part::Index(_) => {}
        }
    }
    let by_name: std::collections::HashMap<String, &crate::model::Image> = project
        .images
        .values()
        .map(|i| (tree::image_name(&i.path), i))
        .collect();
    let mut out: Vec<BookImage> = Vec::new();
    for f in figures {
        if out.iter().any(|i| i.name == f.image) {
            continue;
        }
        if let Some(image) = by_name.get(&f.image) {
            out.push(BookImage {
                name: f.image.clone(),
                format: image.format,
                bytes: image.bytes.clone(),
                fingerprint: image.fingerprint(),
            });
        }
    }
    out
}

fn meta(reader: &Reader, stamp: Stamp, contributors: Vec<Contributor>) -> Meta {
    Meta {
        publisher: reader.publisher.as_deref().map(typographic),
        contributors,
        name: reader.name.to_string(),
        title: typographic(&reader.title),
        subtitle: reader.subtitle.as_deref().map(typographic),
        editors: reader.editors.iter().map(|e| typographic(e)).collect(),
        editors_listed: typographic(&credits::name_list(&reader.editors, &ENGLISH)),
        edition: reader.edition.as_deref().map(typographic),
        date: reader.date.clone(),
        stamp,
    }
}

/// The colophon, the same in both editions.
fn colophon(reader: &Reader, words: &Words) -> Vec<String> {
    let mut lines = Vec::new();
    let mut first = reader.title.clone();
    if let Some(s) = &reader.subtitle {
        first.push_str(": ");
        first.push_str(s);
    }
    lines.push(first);
    if !reader.editors.is_empty() {
        lines.push(format!(
            "{} {}",
            words.edited_by,
            credits::name_list(&reader.editors, words)
        ));
    }
    lines.extend(
        reader
            .publisher
            .as_ref()
            .map(|p| format!("{} {p}", words.published_by)),
    );
    lines.extend(reader.copyright.clone());
    let date = reader.date.as_deref().map(|d| pretty_date(d, words));
    let edition: Vec<&str> = [reader.edition.as_deref(), date.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !edition.is_empty() {
        lines.push(edition.join(", "));
    }
    lines.extend(reader.isbn.as_ref().map(|i| format!("{} {i}", words.isbn)));
    lines.extend(reader.printing.clone());
    lines.push(words.set_in.into());
    lines.push(words.produced_with.into());
    lines.iter().map(|l| typographic(l)).collect()
}

fn chapters(convert: &mut tree::Converter, selection: &Selection) -> Vec<Chapter> {
    let project = convert.project;
    selection
        .documents
        .iter()
        .filter_map(|id| project.documents.get(id))
        .map(|d| {
            let owner = Owner::Document(d.id.clone());
            Chapter {
                anchor: Anchor::Owner(owner.clone()),
                kind: d.kind,
                title: typographic(&d.title),
                original_title: d.original_title.clone(),
                byline: credits::byline(d, convert.words),
                credits: credits::credits(d, convert.words),
                source_note: credits::source_note(d, convert.words),
                body: convert.body(owner.clone(), 2, &d.body),
                parallel: parallel(convert, reader_layout(convert, d), d),
            }
        })
        .collect()
}

/// The layout a reader gives document `d`: none unless it has an original.
fn reader_layout(
    convert: &tree::Converter,
    d: &crate::model::Document,
) -> crate::model::ParallelLayout {
    match &d.original {
        Some(_) => convert.parallel.of(d.id.as_str()),
        None => crate::model::ParallelLayout::Off,
    }
}

/// The segments of a parallel text (none if it is printed alone; a text that
/// does not align is an error of `check`, and never planned).
fn parallel(
    convert: &tree::Converter,
    layout: crate::model::ParallelLayout,
    d: &crate::model::Document,
) -> Option<Parallel> {
    let original = d.original.as_ref()?;
    if layout == crate::model::ParallelLayout::Off {
        return None;
    }
    let segments = original.alignment.as_ref().ok()?.clone();
    // The Chinese is converted apart, so that its marks and references add
    // nothing to the indexes, then stripped of places.
    let mut apart = tree::Converter {
        project: convert.project,
        selection: convert.selection,
        cites: convert.cites,
        parallel: convert.parallel,
        xrefs: Vec::new(),
        marks: Vec::new(),
        words: convert.words,
    };
    let zh = apart.body(Owner::Document(d.id.clone()), 2, &original.body);
    let blocks: Vec<tree::Block> = zh
        .blocks
        .into_iter()
        .map(|l| tree::without_places(l.block))
        .collect();
    let paired = segments
        .iter()
        .position(|s| !s.zh.is_empty())
        .unwrap_or(segments.len());
    let lead = segments[..paired]
        .iter()
        .flat_map(|s| s.en.clone())
        .collect();
    Some(Parallel {
        layout,
        lead,
        segments: segments
            .into_iter()
            .skip(paired)
            .map(|s| ParallelSegment {
                en: s.en,
                zh: s
                    .zh
                    .iter()
                    .filter_map(|&i| blocks.get(i).cloned())
                    .collect(),
            })
            .collect(),
    })
}

fn letters(convert: &mut tree::Converter, selection: &Selection) -> Vec<Letter> {
    let project = convert.project;
    let mut out: Vec<Letter> = Vec::new();
    for id in &selection.entries {
        let Some(e) = project.entries.get(id) else {
            continue;
        };
        let letter = index::initial(&e.term);
        let entry = glossary_entry(convert, e);
        match out.last_mut() {
            Some(l) if l.letter == letter => l.entries.push(entry),
            _ => out.push(Letter {
                anchor: Anchor::Letter(letter.clone()),
                letter,
                entries: vec![entry],
            }),
        }
    }
    out
}

fn glossary_entry(convert: &mut tree::Converter, e: &Entry) -> GlossaryEntry {
    let (project, selection, cites) = (convert.project, convert.selection, convert.cites);
    let owner = Owner::Entry(e.id.clone());
    let body = convert.body(owner.clone(), 3, &e.body);
    let see_also = e
        .related
        .iter()
        .filter(|id| selection.has_entry(id.as_str()))
        .map(|id| owner_ref(project, &Owner::Entry(id.clone())))
        .collect();
    let mut works: Vec<&str> = e.works.iter().map(BibKey::as_str).collect();
    works.retain(|k| cites.position(k).is_some());
    works.sort_by_key(|k| cites.position(k));
    works.dedup();
    let sources = works
        .into_iter()
        .filter_map(|k| Some(work(k, cites.reference(k)?)))
        .collect();
    let mentioned_in = e
        .backlinks
        .iter()
        .filter(|o| match o {
            Owner::Entry(id) => selection.has_entry(id.as_str()),
            Owner::Document(id) => selection.documents.contains(id),
        })
        .map(|o| owner_ref(project, o))
        .collect();
    GlossaryEntry {
        anchor: Anchor::Owner(owner),
        term: typographic(&e.term),
        pinyin: e.pinyin.clone(),
        hanzi: e.hanzi.clone(),
        traditional: e.traditional.clone(),
        body,
        see_also,
        sources,
        mentioned_in,
    }
}

fn work(key: &str, runs: &[Run]) -> Work {
    Work {
        anchor: Anchor::Bib(key.to_string()),
        runs: typographic_runs(runs),
    }
}

/// One heading of the book's outline, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineItem<'b> {
    /// What it heads.
    pub kind: OutlineKind,
    /// The part it is in (for a part, itself).
    pub part: PartKind,
    /// Its title as printed.
    pub title: &'b str,
    /// Where it starts.
    pub anchor: Anchor,
}

/// What an outline heading heads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutlineKind {
    /// A part.
    Part,
    /// A document of the documents part.
    Document,
    /// A letter of the glossary.
    Letter,
    /// A glossary entry (after its letter).
    Entry,
    /// One of the indexes.
    Index,
}

impl Book {
    /// The outline: each part, then what it holds (documents; letters, each
    /// followed by its entries; indexes). The contents, the running heads and
    /// the EPUB's navigation are all made from it.
    pub fn outline(&self) -> Vec<OutlineItem<'_>> {
        let mut out = Vec::new();
        for p in &self.parts {
            let part = p.kind();
            let mut item = |kind, title, anchor: &Anchor| {
                out.push(OutlineItem {
                    kind,
                    part,
                    title,
                    anchor: anchor.clone(),
                })
            };
            item(
                OutlineKind::Part,
                part.title(self.words),
                &Anchor::Part(part),
            );
            match p {
                Part::Documents(chapters) => chapters
                    .iter()
                    .for_each(|c| item(OutlineKind::Document, &c.title, &c.anchor)),
                Part::Glossary(letters) => {
                    for l in letters {
                        item(OutlineKind::Letter, &l.letter, &l.anchor);
                        l.entries
                            .iter()
                            .for_each(|e| item(OutlineKind::Entry, &e.term, &e.anchor));
                    }
                }
                Part::Bibliography(_) => {}
                Part::Index(list) => list.iter().for_each(|i| {
                    item(OutlineKind::Index, i.kind.title(self.words), &i.anchor)
                }),
            }
        }
        out
    }

    /// Calls `f` on every string the book prints (the EPUB's font subset is made
    /// from these).
    pub fn strings<'a>(&'a self, f: &mut impl FnMut(&'a str)) {
        let m = &self.meta;
        f(&m.title);
        m.subtitle
            .iter()
            .chain(&m.edition)
            .chain(&m.editors)
            .for_each(|s| f(s));
        self.colophon.iter().for_each(|s| f(s));
        for part in &self.parts {
            f(part.kind().title(self.words));
            match part {
                Part::Documents(chapters) => {
                    chapters.iter().for_each(|c| c.strings(self.words, f))
                }
                Part::Glossary(letters) => letters
                    .iter()
                    .flat_map(|l| &l.entries)
                    .for_each(|e| e.strings(f)),
                Part::Bibliography(works) => {
                    works.iter().for_each(|w| tree::run_strings(&w.runs, f))
                }
                Part::Index(indexes) => {
                    indexes.iter().for_each(|i| i.strings(self.words, f))
                }
            }
        }
    }
}

impl Book {
    /// Every place of the book by its id: how the ids a layout gives back
    /// (the page map) are read as the plan's anchors.
    pub fn anchor_index(&self) -> AnchorIndex {
        let mut index = AnchorIndex::new();
        let mut add = |a: &Anchor| {
            index.insert(a.id(), a.clone());
        };
        for part in &self.parts {
            add(&Anchor::Part(part.kind()));
            match part {
                Part::Documents(chapters) => chapters.iter().for_each(|c| {
                    add(&c.anchor);
                    tree::body_places(&c.body, &mut add);
                }),
                Part::Glossary(letters) => letters.iter().for_each(|l| {
                    add(&l.anchor);
                    l.entries
                        .iter()
                        .for_each(|e| e.places(self.words, &mut add));
                }),
                Part::Bibliography(works) => works.iter().for_each(|w| add(&w.anchor)),
                Part::Index(indexes) => indexes.iter().for_each(|i| add(&i.anchor)),
            }
        }
        index
    }
}

fn body_strings<'a>(body: &'a Body, f: &mut impl FnMut(&'a str)) {
    for b in &body.blocks {
        tree::block_strings(std::slice::from_ref(&b.block), f);
    }
    for n in &body.notes {
        tree::block_strings(&n.blocks, f);
    }
}

impl Chapter {
    fn strings<'a>(&'a self, words: &'static Words, f: &mut impl FnMut(&'a str)) {
        f(&self.title);
        [&self.original_title, &self.byline, &self.credits]
            .into_iter()
            .flatten()
            .for_each(|s| f(s));
        if let Some(note) = &self.source_note {
            tree::run_strings(note, f);
        }
        body_strings(&self.body, f);
        for s in self.parallel.iter().flat_map(|p| &p.segments) {
            tree::block_strings(&s.zh, f);
        }
        if self.parallel.is_some() {
            f(words.not_translated);
        }
    }
}

/// One of the lists that close a glossary entry, finished for the writers.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryList<'e> {
    /// Its label ("See also", "Sources", "Mentioned in").
    pub label: &'static str,
    /// What it lists.
    pub items: EntryItems<'e>,
}

/// The items of an entry's list.
#[derive(Debug, Clone, PartialEq)]
pub enum EntryItems<'e> {
    /// References to entries and documents, each with the place it stands
    /// (its page reference leaves out the page it stands on).
    Refs(Vec<(&'e Ref, Anchor)>),
    /// Works, formatted as in the reference list.
    Works(&'e [Work]),
}

impl GlossaryEntry {
    /// Calls `f` on every place of the entry: its headword, its text and the
    /// references of its lists.
    fn places(&self, words: &Words, f: &mut impl FnMut(&Anchor)) {
        f(&self.anchor);
        tree::body_places(&self.body, &mut |a| f(a));
        for list in self.lists(words) {
            if let EntryItems::Refs(rs) = list.items {
                rs.iter().for_each(|(_, at)| f(at));
            }
        }
    }

    /// The lists after the essay, in their order: See also, Sources,
    /// Mentioned in (the empty ones left out).
    pub fn lists<'e>(&'e self, words: &Words) -> Vec<EntryList<'e>> {
        let owner = self.anchor.owner();
        let refs = |rs: &'e [Ref], local: fn(usize) -> Local| -> Vec<(&'e Ref, Anchor)> {
            rs.iter()
                .enumerate()
                .filter_map(|(i, r)| Some((r, Anchor::In(owner?.clone(), local(i)))))
                .collect()
        };
        let lists = [
            (
                words.see_also,
                EntryItems::Refs(refs(&self.see_also, Local::SeeAlso)),
            ),
            (words.sources, EntryItems::Works(&self.sources)),
            (
                words.mentioned_in,
                EntryItems::Refs(refs(&self.mentioned_in, Local::MentionedIn)),
            ),
        ];
        lists
            .into_iter()
            .filter(|(_, items)| match items {
                EntryItems::Refs(rs) => !rs.is_empty(),
                EntryItems::Works(ws) => !ws.is_empty(),
            })
            .map(|(label, items)| EntryList { label, items })
            .collect()
    }

    fn strings<'a>(&'a self, f: &mut impl FnMut(&'a str)) {
        f(&self.term);
        f(&self.pinyin);
        f(&self.hanzi);
        self.traditional.iter().for_each(|s| f(s));
        body_strings(&self.body, f);
        self.see_also
            .iter()
            .chain(&self.mentioned_in)
            .for_each(|r| f(&r.words));
        self.sources
            .iter()
            .for_each(|w| tree::run_strings(&w.runs, f));
    }
}

impl Index {
    fn strings<'a>(&'a self, words: &'static Words, f: &mut impl FnMut(&'a str)) {
        f(self.kind.title(words));
        for g in &self.groups {
            f(&g.letter);
            for item in &g.items {
                match &item.heading {
                    Heading::Words(w) | Heading::Pinyin(w) => f(w),
                    Heading::Chinese {
                        hanzi,
                        pinyin,
                        term,
                    } => {
                        f(hanzi);
                        f(pinyin);
                        f(&term.words);
                    }
                }
                item.see.iter().for_each(|r| f(&r.words));
                item.places.iter().for_each(|p| f(&p.owner.words));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Checks date display.
    #[test]
    fn pretty_dates() {
        assert_eq!(pretty_date("2016-05-19", &ENGLISH), "May 19, 2016");
        assert_eq!(pretty_date("2016-05", &ENGLISH), "May 2016");
        assert_eq!(pretty_date("Spring 2016", &ENGLISH), "Spring 2016");
    }
}
