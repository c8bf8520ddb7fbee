//! Owned document tree (pandoc-like) for essays, entries and notes.

use crate::source::Span;

/// Body text with its footnotes.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// The blocks in order.
    pub blocks: Vec<Block>,
    /// Where each block was read (one span per block of `blocks`).
    pub spans: Vec<Span>,
    /// How each block aligns with the other language of a parallel text (one
    /// per block of `blocks`; none: it pairs with the next block there). Read
    /// from a mark that begins the block, a paragraph holding only a mark before
    /// it, or an `{{omit: start}}` … `{{omit: end}}` region around it.
    pub pairing: Vec<Option<SegmentMark>>,
    /// Where each item of a top-level list was read (one list per block of
    /// `blocks`, empty for other blocks): the places of numbered items when a
    /// parallel text splits its numbered lists.
    pub item_spans: Vec<Vec<Span>>,
    /// Footnotes, numbered in order of first reference (index 0 is note 1).
    pub notes: Vec<Note>,
}

impl Body {
    /// The figures of the text, in order (figures stand at its top level only).
    pub fn figures(&self) -> impl Iterator<Item = &Figure> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Figure(f) => Some(&**f),
            _ => None,
        })
    }
}

/// A block of body text.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph.
    Para(Vec<Inline>),
    /// A section heading (level 1 is the highest inside a document).
    Heading {
        /// 1–6.
        level: u8,
        /// Heading text.
        content: Vec<Inline>,
    },
    /// A block quotation.
    Quote(Vec<Block>),
    /// A bulleted or numbered list.
    List {
        /// Numbered?
        ordered: bool,
        /// First number of a numbered list.
        start: usize,
        /// Items, each a list of blocks.
        items: Vec<Vec<Block>>,
    },
    /// A GFM table.
    Table {
        /// Column alignments: 'l', 'c', 'r' or ' ' (default).
        aligns: Vec<char>,
        /// Header cells.
        header: Vec<Vec<Inline>>,
        /// Body rows.
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// Preformatted text.
    Code(String),
    /// A thematic break.
    Rule,
    /// A figure: an image standing alone in its paragraph, with its caption
    /// and source line.
    Figure(Box<Figure>),
}

/// A figure, as written:
///
/// ```markdown
/// ![Alt text](figures/chart.png){#fig-chart width=60%}
/// The caption, on the lines after the image.
/// Source: the source or credit line.
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The image's address as written (relative to the Markdown file).
    pub src: String,
    /// The alt text: what the image shows, for readers who cannot see it.
    pub alt: String,
    /// `{.decorative}`: the image carries no information (no alt text, no number).
    pub decorative: bool,
    /// `{#fig-label}`: the label `@fig-label` refers to.
    pub label: Option<Label>,
    /// `width=60%`: the printed width, in percent of the measure.
    pub width: Option<u8>,
    /// The caption.
    pub caption: Vec<Inline>,
    /// The source or credit line, with its lead word (`Source: …`).
    pub source: Vec<Inline>,
    /// Where `![…](…)` is.
    pub span: Span,
    /// The image file, as a path from the content folder, once the loader has
    /// found, read and decoded it.
    pub file: Option<String>,
}

/// A figure's label and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// `fig-…`.
    pub name: String,
    /// Where `#fig-…` is.
    pub span: Span,
}

/// Inline text.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Plain text (never markup in any output).
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
        /// Entry id.
        target: String,
        /// Other words to print instead of the term.
        label: Option<String>,
        /// Where `[[...]]` is.
        span: Span,
    },
    /// A citation.
    Cite(Citation),
    /// A reference to footnote number `n` (1-based).
    NoteRef(usize),
    /// An index term marked by the author, `{{index: term}}`.
    IndexMark(IndexMark),
    /// `@fig-label` or `[@fig-label]`: a reference to a figure of the same
    /// document or entry, printed as its number.
    FigRef(FigRef),
    /// `{{join}}` or `{{omit}}`: how the block it begins aligns with the other
    /// language of a parallel text (prints nothing).
    Segment(SegmentMark),
    /// A soft line break (a space).
    SoftBreak,
    /// A hard line break.
    LineBreak,
}

/// A reference to one or more figures: `@fig-a`, `[@fig-a]`, `[@fig-a; @fig-b]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigRef {
    /// The labels referred to, each with where it is written.
    pub labels: Vec<Label>,
    /// In brackets: printed in parentheses, "(figure 2)".
    pub bracketed: bool,
}

/// How a block of a parallel text aligns with the other language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SegmentMark {
    /// `{{join}}`: the block belongs to the segment of the block before it.
    Join,
    /// `{{omit}}`: the block has no counterpart in the other language.
    Omit,
    /// `{{omit: start}}`, alone in a paragraph: the blocks up to
    /// `{{omit: end}}` are one segment with no counterpart (an introduction,
    /// a metadata table, a translator's note).
    OmitStart,
    /// `{{omit: end}}`, alone in a paragraph: the end of an omitted region.
    OmitEnd,
}

/// An index mark: `{{index: Xi Jinping}}`, `{{index: Xi Jinping!on common
/// prosperity}}`, `{{index: Dual circulation|see New development pattern}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexMark {
    /// The heading, then the sub-heading if any (`!` separates them).
    pub path: Vec<String>,
    /// What the mark says of the place.
    pub kind: MarkKind,
    /// Where `{{index: …}}` is.
    pub span: Span,
}

/// What an index mark records (the part after `|`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkKind {
    /// A page that mentions the heading.
    Place,
    /// The main discussion (`|main`): its locator is bold.
    Main,
    /// The start of a discussion running over pages (`|(`) …
    RangeStart,
    /// … and its end (`|)`).
    RangeEnd,
    /// `|see Other`: the heading has no locators, only this reference.
    See(String),
    /// `|see also Other`: printed after the heading's locators.
    SeeAlso(String),
}

impl IndexMark {
    /// Reads the inside of `{{index: …}}` written at `span`, or says what is wrong
    /// with it.
    pub fn parse(text: &str, span: Span) -> Result<IndexMark, String> {
        let (path, kind) = Self::parts(text)?;
        Ok(IndexMark { path, kind, span })
    }

    /// The heading path and the kind of a mark's text.
    fn parts(text: &str) -> Result<(Vec<String>, MarkKind), String> {
        let (path, modifier) = match text.split_once('|') {
            Some((p, m)) => (p, m.trim()),
            None => (text, ""),
        };
        let path: Vec<String> = path
            .split('!')
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        if path.iter().any(String::is_empty) {
            return Err("an index mark has an empty heading or sub-heading".into());
        }
        if path.len() > 2 {
            return Err(
                "an index mark has more than two levels (`heading!sub!sub`)".into()
            );
        }
        let words = |rest: &str| rest.split_whitespace().collect::<Vec<_>>().join(" ");
        let kind = match modifier {
            "" => MarkKind::Place,
            "main" => MarkKind::Main,
            "(" => MarkKind::RangeStart,
            ")" => MarkKind::RangeEnd,
            m => match (m.strip_prefix("see also "), m.strip_prefix("see ")) {
                (Some(rest), _) if !rest.trim().is_empty() => {
                    MarkKind::SeeAlso(words(rest))
                }
                (None, Some(rest)) if !rest.trim().is_empty() => {
                    MarkKind::See(words(rest))
                }
                _ => return Err(format!("unknown index mark option `|{m}`")),
            },
        };
        Ok((path, kind))
    }

    /// The heading as written.
    pub fn heading(&self) -> &str {
        self.path.first().map_or("", String::as_str)
    }

    /// The sub-heading, if any.
    pub fn sub(&self) -> Option<&str> {
        self.path.get(1).map(String::as_str)
    }
}

/// A citation: `[@a, 12; @b]` or narrative `@a`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// Number of the citation in its body, in reading order (0-based).
    pub index: usize,
    /// The cited works.
    pub items: Vec<CiteItem>,
    /// Narrative citation (`@key says`): author outside the parentheses.
    pub narrative: bool,
    /// The whole citation in the source.
    pub span: Span,
}

/// One work in a citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CiteItem {
    /// Bibliography key.
    pub key: String,
    /// Text before the key (`see`).
    pub prefix: String,
    /// Text after the key: locator and/or remark (`12`, `emphasis added`).
    pub suffix: String,
    /// `-@key`: print the year only.
    pub suppress_author: bool,
    /// Where `@key` is.
    pub span: Span,
}

/// A footnote.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// The label written in the source (`1` for `[^1]`).
    pub label: String,
    /// Its blocks.
    pub blocks: Vec<Block>,
}

/// Calls `f` on every inline of the body, notes included, depth first.
pub fn walk_inlines<'a>(body: &'a Body, f: &mut impl FnMut(&'a Inline)) {
    fn inl<'a>(xs: &'a [Inline], f: &mut impl FnMut(&'a Inline)) {
        for x in xs {
            f(x);
            match x {
                Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) => inl(c, f),
                Inline::Link { content, .. } => inl(content, f),
                _ => {}
            }
        }
    }
    fn blk<'a>(bs: &'a [Block], f: &mut impl FnMut(&'a Inline)) {
        for b in bs {
            match b {
                Block::Para(c) | Block::Heading { content: c, .. } => inl(c, f),
                Block::Quote(bs) => blk(bs, f),
                Block::List { items, .. } => items.iter().for_each(|i| blk(i, f)),
                Block::Table { header, rows, .. } => {
                    header.iter().for_each(|c| inl(c, f));
                    rows.iter().flatten().for_each(|c| inl(c, f));
                }
                Block::Figure(fig) => {
                    inl(&fig.caption, f);
                    inl(&fig.source, f);
                }
                Block::Code(_) | Block::Rule => {}
            }
        }
    }
    blk(&body.blocks, f);
    for n in &body.notes {
        blk(&n.blocks, f);
    }
}

/// Every cross-reference target in the body, in order (with repeats).
pub fn xref_targets(body: &Body) -> Vec<String> {
    let mut out = Vec::new();
    walk_inlines(body, &mut |i| {
        if let Inline::XRef { target, .. } = i {
            out.push(target.clone());
        }
    });
    out
}

/// Every citation in the body, in reading order (notes after the text).
pub fn citations(body: &Body) -> Vec<&Citation> {
    let mut out = Vec::new();
    walk_inlines(body, &mut |i| {
        if let Inline::Cite(c) = i {
            out.push(c);
        }
    });
    out.sort_by_key(|c| c.index);
    out
}

/// The plain text of inlines (cross-references give their label or target id).
pub fn inline_text(xs: &[Inline]) -> String {
    inline_text_with(xs, &|target, label| label.unwrap_or(target).to_string())
}

/// The plain text of inlines, cross-references as `xref(target, label)` gives
/// them.
pub fn inline_text_with(
    xs: &[Inline],
    xref: &dyn Fn(&str, Option<&str>) -> String,
) -> String {
    let mut s = String::new();
    for x in xs {
        match x {
            Inline::Text(t) | Inline::Code(t) => s.push_str(t),
            Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) => {
                s.push_str(&inline_text_with(c, xref))
            }
            Inline::Link { content, .. } => s.push_str(&inline_text_with(content, xref)),
            Inline::XRef { target, label, .. } => {
                s.push_str(&xref(target, label.as_deref()))
            }
            Inline::SoftBreak | Inline::LineBreak => s.push(' '),
            Inline::Cite(_)
            | Inline::FigRef(_)
            | Inline::NoteRef(_)
            | Inline::IndexMark(_)
            | Inline::Segment(_) => {}
        }
    }
    s
}

#[cfg(test)]
mod index_mark_tests {
    use super::*;

    // Checks the index mark syntax: levels, see and see also, ranges, main.
    #[test]
    fn index_marks_parse() {
        let (path, kind) = IndexMark::parts("Xi  Jinping!on common prosperity").unwrap();
        assert_eq!(path, ["Xi Jinping", "on common prosperity"]);
        assert_eq!(kind, MarkKind::Place);
        let see =
            IndexMark::parts("Dual circulation|see New development pattern").unwrap();
        assert_eq!(see.1, MarkKind::See("New development pattern".into()));
        let also = IndexMark::parts("Mass line|see also United front").unwrap();
        assert_eq!(also.1, MarkKind::SeeAlso("United front".into()));
        assert_eq!(
            IndexMark::parts("Reform|(").unwrap().1,
            MarkKind::RangeStart
        );
        assert_eq!(IndexMark::parts("Reform|)").unwrap().1, MarkKind::RangeEnd);
        assert_eq!(IndexMark::parts("Reform|main").unwrap().1, MarkKind::Main);
        assert!(IndexMark::parts("a!!b").is_err());
        assert!(IndexMark::parts("a!b!c").is_err());
        assert!(IndexMark::parts("a|bold").is_err());
        assert!(IndexMark::parts("a|see ").is_err());
    }
}
