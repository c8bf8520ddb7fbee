//! The text of documents and entries as the writers print it: the model's tree with
//! everything resolved (citations formatted, cross-references to anchors, notes
//! numbered per use, headings at book level, tables rectangular, quotes typographic).

use super::anchor::{Anchor, Local};
use crate::cite::{Formatted, Run};
use crate::model::script::smart_quotes;
use crate::model::{self, Owner, Project, Selection};

/// A block of text.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph.
    Para(Vec<Inline>),
    /// A heading, at its level in the book (a document title is 2, an entry's 3).
    Heading {
        /// 3–6.
        level: u8,
        /// Heading text.
        content: Vec<Inline>,
    },
    /// A block quotation.
    Quote(Vec<Block>),
    /// A list.
    List {
        /// Numbered?
        ordered: bool,
        /// First number.
        start: usize,
        /// Items.
        items: Vec<Vec<Block>>,
    },
    /// A table with as many cells in every row as there are columns.
    Table {
        /// Column alignments.
        aligns: Vec<Align>,
        /// Header cells.
        header: Vec<Vec<Inline>>,
        /// Body rows.
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// Preformatted text.
    Code(String),
    /// A thematic break.
    Rule,
    /// A figure.
    Figure(Box<Figure>),
}

/// A figure: an image, its number, caption and source line.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Its place (none on the Chinese side of a parallel text).
    pub anchor: Option<Anchor>,
    /// Its number in its document or entry (none: decorative, or Chinese side).
    pub number: Option<usize>,
    /// "Figure 2", before the caption (none when it has no number).
    pub label: Option<String>,
    /// The image: its name in the book's images ([`super::BookImage`]).
    pub image: String,
    /// What the image shows (none: decorative, skipped by screen readers).
    pub alt: Option<String>,
    /// The caption.
    pub caption: Vec<Inline>,
    /// The source or credit line.
    pub source: Vec<Inline>,
    /// The printed width, as a share of the measure (of the column, in a
    /// parallel text).
    pub width: f64,
    /// The image's width over its height.
    pub aspect: f64,
}

/// Alignment of a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Left (the default).
    Left,
    /// Centered.
    Center,
    /// Right.
    Right,
}

/// Inline text.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Text, printed as it is (never markup).
    Text(String),
    /// Emphasis.
    Emph(Vec<Inline>),
    /// Strong emphasis.
    Strong(Vec<Inline>),
    /// Strikethrough.
    Strike(Vec<Inline>),
    /// Inline code.
    Code(String),
    /// An external link.
    Link {
        /// Target URL.
        url: String,
        /// Link text.
        content: Vec<Inline>,
    },
    /// A cross-reference to a glossary entry.
    XRef {
        /// The words printed.
        words: String,
        /// The entry, when it is in this reader.
        target: Option<Anchor>,
        /// This place (for index locators and page numbers).
        place: Anchor,
    },
    /// A formatted citation.
    Cite {
        /// The text, as the style formats it.
        runs: Vec<Run>,
        /// The reference-list entry of the first work cited.
        target: Anchor,
    },
    /// A reference to figures of the same document or entry.
    FigRef {
        /// "figure 2", "Figure 2" opening a sentence, "figures 1 and 3".
        words: String,
        /// The first figure referred to.
        target: Anchor,
        /// This place (for the page reference in print).
        place: Anchor,
        /// In parentheses: "(figure 2)".
        bracketed: bool,
    },
    /// A footnote reference: the note's number in its document or entry.
    NoteRef {
        /// 1-based.
        number: usize,
    },
    /// An index mark (prints nothing; its place is an index locator).
    Mark {
        /// This place.
        place: Anchor,
    },
    /// A soft line break (a space).
    SoftBreak,
    /// A hard line break.
    LineBreak,
}

/// A footnote, numbered per use.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// 1-based number in its document or entry.
    pub number: usize,
    /// The note's place (the EPUB's aside).
    pub anchor: Anchor,
    /// The place of its reference in the text.
    pub back: Anchor,
    /// Its text.
    pub blocks: Vec<Block>,
}

/// A top-level block with its place (print page numbers of the EPUB).
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    /// The block's place.
    pub anchor: Anchor,
    /// The block.
    pub block: Block,
}

/// The text of a document or entry.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Body {
    /// Top-level blocks in order.
    pub blocks: Vec<Located>,
    /// Footnotes in order of reference.
    pub notes: Vec<Note>,
}

/// A place a glossary entry is mentioned (an index locator).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The entry mentioned, or the index term's key for a mark.
    pub key: String,
    /// The place.
    pub place: Anchor,
}

/// Turns model bodies into plan bodies, collecting the places the indexes need.
pub(crate) struct Converter<'a> {
    pub(crate) project: &'a Project,
    pub(crate) selection: &'a Selection,
    pub(crate) cites: &'a Formatted,
    /// How the reader prints parallel texts.
    pub(crate) parallel: &'a crate::model::ParallelChoice,
    /// Cross-references to entries of the reader, in book order.
    pub(crate) xrefs: Vec<Mention>,
    /// Index marks, in book order.
    pub(crate) marks: Vec<MarkPlace>,
    /// The fixed words of the book.
    pub(crate) words: &'static crate::model::words::Words,
}

/// An author's index mark and the place it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkPlace {
    /// The mark.
    pub mark: model::IndexMark,
    /// Its place.
    pub place: Anchor,
}

/// State while converting one body.
struct Walk<'m> {
    owner: Owner,
    /// Heading level of the owner's title; body headings go below it.
    level: u8,
    source: &'m model::Body,
    notes: Vec<Note>,
    xrefs: usize,
    marks: usize,
    /// Inside a footnote: references to other notes are not expanded again.
    in_note: bool,
    /// Level of the last heading printed (headings never skip a level).
    last_heading: u8,
    /// The figures of the body by label: number and place.
    labels: std::collections::HashMap<String, (Option<usize>, Anchor)>,
    /// Figures converted so far, numbered or not.
    figures: usize,
    /// Figures numbered so far.
    numbered: usize,
    /// References to figures converted so far.
    fig_refs: usize,
}

impl<'a> Converter<'a> {
    /// The plan body of `owner`, whose title is a heading of `level`.
    pub(crate) fn body(&mut self, owner: Owner, level: u8, source: &model::Body) -> Body {
        let labels = figure_labels(&owner, source);
        let mut walk = Walk {
            owner,
            level,
            source,
            notes: Vec::new(),
            xrefs: 0,
            marks: 0,
            in_note: false,
            last_heading: level,
            labels,
            figures: 0,
            numbered: 0,
            fig_refs: 0,
        };
        let blocks = source
            .blocks
            .iter()
            .enumerate()
            .map(|(i, b)| Located {
                anchor: Anchor::In(walk.owner.clone(), Local::Block(i)),
                block: self.block(&mut walk, b),
            })
            .collect();
        Body {
            blocks,
            notes: walk.notes,
        }
    }

    fn blocks(&mut self, w: &mut Walk, bs: &[model::Block]) -> Vec<Block> {
        bs.iter().map(|b| self.block(w, b)).collect()
    }

    fn block(&mut self, w: &mut Walk, b: &model::Block) -> Block {
        match b {
            model::Block::Para(xs) => {
                let mut xs = self.inlines(w, xs);
                capitalize_sentence_fig_refs(&mut xs);
                Block::Para(xs)
            }
            model::Block::Figure(fig) => self.figure(w, fig),
            model::Block::Heading { level, content } => {
                let wanted = (w.level + level.saturating_sub(1)).clamp(w.level + 1, 6);
                w.last_heading = wanted.min(w.last_heading + 1);
                Block::Heading {
                    level: w.last_heading,
                    content: self.inlines(w, content),
                }
            }
            model::Block::Quote(bs) => Block::Quote(self.blocks(w, bs)),
            model::Block::List {
                ordered,
                start,
                items,
            } => Block::List {
                ordered: *ordered,
                start: *start,
                items: items.iter().map(|i| self.blocks(w, i)).collect(),
            },
            model::Block::Table {
                aligns,
                header,
                rows,
            } => self.table(w, aligns, header, rows),
            model::Block::Code(c) => Block::Code(c.trim_end().to_string()),
            model::Block::Rule => Block::Rule,
        }
    }

    /// A figure, numbered unless decorative; a figure whose image was not
    /// read (an error of `check`) prints its alt text.
    fn figure(&mut self, w: &mut Walk, fig: &model::Figure) -> Block {
        let k = w.figures;
        w.figures += 1;
        let image = fig.file.as_ref().and_then(|f| self.project.images.get(f));
        let Some(image) = image else {
            return Block::Para(vec![Inline::Text(fig.alt.clone())]);
        };
        let number = (!fig.decorative).then(|| {
            w.numbered += 1;
            w.numbered
        });
        Block::Figure(Box::new(Figure {
            anchor: Some(Anchor::In(w.owner.clone(), Local::Figure(k))),
            number,
            label: number.map(|n| format!("{} {n}", self.words.figure)),
            image: image_name(&image.path),
            alt: (!fig.decorative).then(|| smart_quotes(&fig.alt).into_owned()),
            caption: self.inlines(w, &fig.caption),
            source: self.inlines(w, &fig.source),
            width: model::printed_share(fig.width, image.aspect()),
            aspect: image.aspect(),
        }))
    }

    /// A reference to figures: their numbers, "figure 2", "figures 1 and 3".
    fn fig_ref(&mut self, w: &mut Walk, r: &model::FigRef) -> Option<Inline> {
        let found: Vec<&(Option<usize>, Anchor)> = r
            .labels
            .iter()
            .filter_map(|l| w.labels.get(&l.name))
            .collect();
        let target = found.first()?.1.clone();
        let numbers: Vec<String> = found
            .iter()
            .filter_map(|(n, _)| n.map(|n| n.to_string()))
            .collect();
        let noun = if numbers.len() > 1 {
            self.words.figures_in_text
        } else {
            self.words.figure_in_text
        };
        let place = Anchor::In(w.owner.clone(), Local::FigRef(w.fig_refs));
        w.fig_refs += 1;
        Some(Inline::FigRef {
            words: format!("{noun} {}", super::credits::name_list(&numbers, self.words)),
            target,
            place,
            bracketed: r.bracketed,
        })
    }

    /// A rectangular table: as many columns as the header has cells (GFM's rule);
    /// short rows are padded with empty cells, long rows cut.
    fn table(
        &mut self,
        w: &mut Walk,
        aligns: &[char],
        header: &[Vec<model::Inline>],
        rows: &[Vec<Vec<model::Inline>>],
    ) -> Block {
        let cols = header.len().max(1);
        let cells = |c: &mut Self, w: &mut Walk, row: &[Vec<model::Inline>]| {
            (0..cols)
                .map(|i| row.get(i).map_or_else(Vec::new, |x| c.inlines(w, x)))
                .collect::<Vec<_>>()
        };
        Block::Table {
            aligns: (0..cols)
                .map(|i| match aligns.get(i) {
                    Some('c') => Align::Center,
                    Some('r') => Align::Right,
                    _ => Align::Left,
                })
                .collect(),
            header: cells(self, w, header),
            rows: rows.iter().map(|r| cells(self, w, r)).collect(),
        }
    }

    fn inlines(&mut self, w: &mut Walk, xs: &[model::Inline]) -> Vec<Inline> {
        xs.iter().filter_map(|x| self.inline(w, x)).collect()
    }

    fn inline(&mut self, w: &mut Walk, x: &model::Inline) -> Option<Inline> {
        Some(match x {
            model::Inline::Text(t) => Inline::Text(smart_quotes(t).into_owned()),
            model::Inline::Emph(c) => Inline::Emph(self.inlines(w, c)),
            model::Inline::Strong(c) => Inline::Strong(self.inlines(w, c)),
            model::Inline::Strike(c) => Inline::Strike(self.inlines(w, c)),
            model::Inline::Code(c) => Inline::Code(c.clone()),
            model::Inline::Link { url, content } => Inline::Link {
                url: url.clone(),
                content: self.inlines(w, content),
            },
            model::Inline::XRef { target, label, .. } => self.xref(w, target, label),
            model::Inline::Cite(c) => self.cite(w, c)?,
            model::Inline::NoteRef(n) => self.note_ref(w, *n)?,
            model::Inline::FigRef(r) => self.fig_ref(w, r)?,
            model::Inline::Segment(_) => Inline::Text(String::new()),
            model::Inline::IndexMark(mark) => {
                let place = Anchor::In(w.owner.clone(), Local::Mark(w.marks));
                w.marks += 1;
                self.marks.push(MarkPlace {
                    mark: mark.clone(),
                    place: place.clone(),
                });
                Inline::Mark { place }
            }
            model::Inline::SoftBreak => Inline::SoftBreak,
            model::Inline::LineBreak => Inline::LineBreak,
        })
    }

    fn xref(&mut self, w: &mut Walk, target: &str, label: &Option<String>) -> Inline {
        let place = Anchor::In(w.owner.clone(), Local::XRef(w.xrefs));
        w.xrefs += 1;
        let words = self.project.xref_words(target, label.as_deref());
        let inside = self
            .project
            .entry_id(target)
            .filter(|id| self.selection.has_entry(id.as_str()));
        if inside.is_some() {
            self.xrefs.push(Mention {
                key: target.to_string(),
                place: place.clone(),
            });
        }
        Inline::XRef {
            words: smart_quotes(&words).into_owned(),
            target: inside.map(|id| Anchor::Owner(Owner::Entry(id.clone()))),
            place,
        }
    }

    fn cite(&mut self, w: &Walk, c: &model::Citation) -> Option<Inline> {
        let runs = self.cites.citation(&w.owner, c.index)?;
        Some(Inline::Cite {
            runs: super::refs::typographic_runs(runs),
            target: Anchor::Bib(c.items.first()?.key.clone()),
        })
    }

    /// A footnote reference: each use is a note of its own, with its own number.
    fn note_ref(&mut self, w: &mut Walk, n: usize) -> Option<Inline> {
        if w.in_note {
            return None;
        }
        let source = w.source.notes.get(n.checked_sub(1)?)?;
        let number = w.notes.len() + 1;
        w.in_note = true;
        let blocks = self.blocks(w, &source.blocks);
        w.in_note = false;
        w.notes.push(Note {
            number,
            anchor: Anchor::In(w.owner.clone(), Local::Note(number)),
            back: Anchor::In(w.owner.clone(), Local::NoteRef(number)),
            blocks,
        });
        Some(Inline::NoteRef { number })
    }
}

/// The name of the image at `path` (from the content folder) among the
/// book's images: one per file, distinct for distinct paths.
pub fn image_name(path: &str) -> String {
    let (stem, ext) = path.rsplit_once('.').unwrap_or((path, ""));
    format!(
        "{}.{}",
        super::anchor::id_safe(stem),
        ext.to_ascii_lowercase()
    )
}

/// The figures of `body` by label, with the number and place each will have.
fn figure_labels(
    owner: &Owner,
    body: &model::Body,
) -> std::collections::HashMap<String, (Option<usize>, Anchor)> {
    let mut out = std::collections::HashMap::new();
    let mut numbered = 0;
    for (k, fig) in body.figures().enumerate() {
        let number = (!fig.decorative && fig.file.is_some()).then(|| {
            numbered += 1;
            numbered
        });
        if let Some(label) = &fig.label {
            out.entry(label.name.clone())
                .or_insert((number, Anchor::In(owner.clone(), Local::Figure(k))));
        }
    }
    out
}

/// "figure 2" opening a paragraph or a sentence becomes "Figure 2".
fn capitalize_sentence_fig_refs(xs: &mut [Inline]) {
    let mut opens = true;
    for x in xs {
        match x {
            Inline::FigRef {
                words,
                bracketed: false,
                ..
            } if opens => {
                let mut cs = words.chars();
                if let Some(first) = cs.next() {
                    *words = first.to_uppercase().chain(cs).collect();
                }
                opens = false;
            }
            Inline::Text(t) if t.trim().is_empty() => {}
            Inline::Text(t) => {
                let end = t.trim_end();
                opens = end.len() < t.len()
                    && end.ends_with(['.', '?', '!', '\u{201d}'])
                    && !end.ends_with("e.g.")
                    && !end.ends_with("i.e.")
                    && !end.ends_with("cf.");
            }
            Inline::SoftBreak | Inline::Mark { .. } => {}
            _ => opens = false,
        }
    }
}

/// Calls `f` on every text string of the inlines (for the EPUB's font subset).
pub fn inline_strings<'a>(xs: &'a [Inline], f: &mut impl FnMut(&'a str)) {
    for x in xs {
        match x {
            Inline::Text(t) | Inline::Code(t) => f(t),
            Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) => {
                inline_strings(c, f)
            }
            Inline::Link { content, .. } => inline_strings(content, f),
            Inline::XRef { words, .. } | Inline::FigRef { words, .. } => f(words),
            Inline::Cite { runs, .. } => run_strings(runs, f),
            Inline::NoteRef { .. }
            | Inline::Mark { .. }
            | Inline::SoftBreak
            | Inline::LineBreak => {}
        }
    }
}

/// Calls `f` on every text string of the blocks.
pub fn block_strings<'a>(bs: &'a [Block], f: &mut impl FnMut(&'a str)) {
    for b in bs {
        match b {
            Block::Para(xs) | Block::Heading { content: xs, .. } => inline_strings(xs, f),
            Block::Quote(bs) => block_strings(bs, f),
            Block::List { items, .. } => items.iter().for_each(|i| block_strings(i, f)),
            Block::Table { header, rows, .. } => header
                .iter()
                .chain(rows.iter().flatten())
                .for_each(|c| inline_strings(c, f)),
            Block::Code(c) => f(c),
            Block::Figure(fig) => {
                if let Some(a) = &fig.alt {
                    f(a);
                }
                inline_strings(&fig.caption, f);
                inline_strings(&fig.source, f);
            }
            Block::Rule => {}
        }
    }
}

/// Whether a link's words are its address (`<https://…>`, or the address
/// written out): print then need not give the address again.
pub fn words_are_address(content: &[Inline], url: &str) -> bool {
    let mut words = String::new();
    inline_strings(content, &mut |s| words.push_str(s));
    let bare = |s: &str| -> String {
        let s = s.trim();
        let s = ["https://", "http://", "mailto:"]
            .iter()
            .find_map(|p| s.strip_prefix(p))
            .unwrap_or(s);
        s.trim_end_matches('/').to_string()
    };
    bare(&words) == bare(url)
}

/// Calls `f` on every place the blocks define (cross-references and index marks).
pub fn block_places<'a>(bs: &'a [Block], f: &mut impl FnMut(&'a Anchor)) {
    for b in bs {
        match b {
            Block::Para(c) | Block::Heading { content: c, .. } => inline_places(c, f),
            Block::Quote(bs) => block_places(bs, f),
            Block::List { items, .. } => items.iter().for_each(|i| block_places(i, f)),
            Block::Table { header, rows, .. } => header
                .iter()
                .chain(rows.iter().flatten())
                .for_each(|c| inline_places(c, f)),
            Block::Figure(fig) => {
                if let Some(a) = &fig.anchor {
                    f(a);
                }
                inline_places(&fig.caption, f);
                inline_places(&fig.source, f);
            }
            Block::Code(_) | Block::Rule => {}
        }
    }
}

fn inline_places<'a>(xs: &'a [Inline], f: &mut impl FnMut(&'a Anchor)) {
    for x in xs {
        match x {
            Inline::XRef { place, .. }
            | Inline::Mark { place }
            | Inline::FigRef { place, .. } => f(place),
            Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) => {
                inline_places(c, f)
            }
            Inline::Link { content, .. } => inline_places(content, f),
            Inline::Text(_)
            | Inline::Code(_)
            | Inline::Cite { .. }
            | Inline::NoteRef { .. }
            | Inline::SoftBreak
            | Inline::LineBreak => {}
        }
    }
}

/// Calls `f` on every place of a body: its blocks, what they hold, its notes
/// and their references.
pub fn body_places<'a>(body: &'a Body, f: &mut impl FnMut(&'a Anchor)) {
    for located in &body.blocks {
        f(&located.anchor);
        block_places(std::slice::from_ref(&located.block), f);
    }
    for note in &body.notes {
        f(&note.anchor);
        f(&note.back);
        block_places(&note.blocks, f);
    }
}

/// Calls `f` on every text string of formatted runs.
pub fn run_strings<'a>(rs: &'a [Run], f: &mut impl FnMut(&'a str)) {
    for r in rs {
        match r {
            Run::Text(t) => f(t),
            Run::Italic(c)
            | Run::Bold(c)
            | Run::SmallCaps(c)
            | Run::Sup(c)
            | Run::Sub(c) => run_strings(c, f),
            Run::Link { children, .. } => run_strings(children, f),
        }
    }
}

/// A block without the places it would define (cross-references become their
/// words; index marks and note references go): the Chinese of a parallel text,
/// printed beside an English that has them.
pub(crate) fn without_places(b: Block) -> Block {
    fn inl(xs: Vec<Inline>) -> Vec<Inline> {
        xs.into_iter()
            .filter_map(|x| match x {
                Inline::XRef { words, .. } | Inline::FigRef { words, .. } => {
                    Some(Inline::Text(words))
                }
                Inline::Mark { .. } | Inline::NoteRef { .. } => None,
                Inline::Emph(c) => Some(Inline::Emph(inl(c))),
                Inline::Strong(c) => Some(Inline::Strong(inl(c))),
                Inline::Strike(c) => Some(Inline::Strike(inl(c))),
                Inline::Link { url, content } => Some(Inline::Link {
                    url,
                    content: inl(content),
                }),
                other => Some(other),
            })
            .collect()
    }
    match b {
        Block::Para(c) => Block::Para(inl(c)),
        Block::Heading { level, content } => Block::Heading {
            level,
            content: inl(content),
        },
        Block::Quote(bs) => Block::Quote(bs.into_iter().map(without_places).collect()),
        Block::List {
            ordered,
            start,
            items,
        } => Block::List {
            ordered,
            start,
            items: items
                .into_iter()
                .map(|i| i.into_iter().map(without_places).collect())
                .collect(),
        },
        Block::Table {
            aligns,
            header,
            rows,
        } => Block::Table {
            aligns,
            header: header.into_iter().map(inl).collect(),
            rows: rows
                .into_iter()
                .map(|r| r.into_iter().map(inl).collect())
                .collect(),
        },
        Block::Figure(fig) => Block::Figure(Box::new(Figure {
            anchor: None,
            number: None,
            label: None,
            caption: inl(fig.caption),
            source: inl(fig.source),
            ..*fig
        })),
        other => other,
    }
}
