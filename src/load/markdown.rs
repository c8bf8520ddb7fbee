//! Markdown bodies: comrak's AST turned into the owned model tree, with citations,
//! index marks and footnotes resolved and every reference carrying its span.

use std::collections::{BTreeMap, HashMap};

use comrak::nodes::{AstNode, ListType, NodeValue, TableAlignment};
use comrak::{Arena, Options, parse_document};

use super::inline_syntax::{Piece, RawItem, scan};
use crate::diag::{Diagnostic, codes};
use crate::model::{Block, Body, Citation, CiteItem, Inline, Note, SegmentMark};
use crate::source::{FileId, SourceMap, Span};

/// comrak options used for every content file.
pub fn options() -> Options<'static> {
    let mut o = Options::default();
    o.extension.strikethrough = true;
    o.extension.table = true;
    o.extension.footnotes = true;
    o.extension.autolink = true;
    o.extension.wikilinks_title_after_pipe = true;
    o.parse.smart = true;
    // `\@` must stay out of citation scanning: escaped characters get nodes of their own.
    o.parse.escaped_char_spans = true;
    o
}

/// Parses the Markdown of `file` from byte `body_start` on. The front matter before
/// it is replaced by as many empty lines, so comrak's line numbers are the file's.
pub(super) fn parse_body(
    map: &SourceMap,
    file: FileId,
    body_start: usize,
) -> (Body, Vec<Diagnostic>) {
    let arena = Arena::new();
    let text = &map.get(file).text;
    let body_start = body_start.min(text.len());
    let mut padded = "\n".repeat(text[..body_start].matches('\n').count());
    padded.push_str(&text[body_start..]);
    let root = parse_document(&arena, &padded, &options());
    let mut conv = Converter {
        map,
        file,
        diags: Vec::new(),
        next_cite: 0,
        numbers: BTreeMap::new(),
        defs: HashMap::new(),
        notes: Vec::new(),
        depth: 0,
        too_deep: false,
        last_heading: 0,
        at_top: false,
    };
    for node in root.children() {
        if let NodeValue::FootnoteDefinition(def) = &node.data().value {
            conv.defs.insert(def.name.clone(), node);
        }
    }
    let Top {
        blocks,
        spans,
        pairing,
        item_spans,
        ..
    } = conv.top_blocks(root);
    // Notes are converted in order of first reference; a note may reference another.
    let mut done = 0;
    while done < conv.notes.len() {
        let label = conv.notes[done].label.clone();
        if let Some(node) = conv.defs.get(label.as_str()).copied() {
            conv.notes[done].blocks = conv.blocks(node);
        }
        done += 1;
    }
    footnote_definitions(map, file, body_start, &conv.numbers, &mut conv.diags);
    let body = Body {
        blocks,
        spans,
        pairing,
        item_spans,
        notes: conv.notes,
    };
    (body, conv.diags)
}

/// Footnote definitions found in the text itself (comrak drops the unreferenced
/// ones and keeps one of each label): W0501 for a note never referenced, W0502 for
/// a label defined again.
fn footnote_definitions(
    map: &SourceMap,
    file: FileId,
    body_start: usize,
    referenced: &BTreeMap<String, usize>,
    diags: &mut Vec<Diagnostic>,
) {
    let source = map.get(file);
    let text = &source.text[body_start..];
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut offset = body_start;
    let mut fenced = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
        }
        let label = trimmed
            .strip_prefix("[^")
            .and_then(|rest| rest.split_once("]:"))
            .map(|(label, _)| label)
            .filter(|l| !l.is_empty() && !l.contains([']', '[', ' ']));
        if let (Some(label), false, 0..=3) = (label, fenced, indent) {
            let start = offset + indent;
            let span = Span::new(file, start, start + label.len() + 4);
            if let Some(first) = seen.get(label) {
                let line_no = source.line_of(*first) + 1;
                diags.push(
                    Diagnostic::new(codes::W0502, format!("footnote `{label}` is defined twice"))
                        .at(span)
                        .label("defined again here")
                        .help(format!("this definition replaces the one on line {line_no}, which is not printed; give each note a label of its own")),
                );
            } else {
                seen.insert(label, start);
                if !referenced.contains_key(label) {
                    diags.push(
                        Diagnostic::new(
                            codes::W0501,
                            format!("footnote `{label}` is never referenced"),
                        )
                        .at(span)
                        .label("defined here")
                        .help(format!("reference it with `[^{label}]` or delete it")),
                    );
                }
            }
        }
        offset += line.len();
    }
}

/// Whether a paragraph's first inline is an image.
fn opens_with_image<'a>(para: &'a AstNode<'a>) -> bool {
    para.first_child()
        .is_some_and(|n| matches!(n.data().value, NodeValue::Image(_)))
}

/// Whether inlines print any words (index marks and note references alone do not).
fn prints_text(xs: &[Inline]) -> bool {
    xs.iter().any(|x| match x {
        Inline::Text(t) | Inline::Code(t) => !t.trim().is_empty(),
        Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) => prints_text(c),
        Inline::Link { content, .. } => prints_text(content),
        Inline::XRef { .. } | Inline::Cite(_) | Inline::FigRef(_) => true,
        Inline::NoteRef(_)
        | Inline::IndexMark(_)
        | Inline::Segment(_)
        | Inline::SoftBreak
        | Inline::LineBreak => false,
    })
}

/// Why a link target cannot be printed, if it cannot: only web and e-mail
/// addresses are links; a place in the book is a cross-reference.
fn link_problem(url: &str) -> Option<Diagnostic> {
    if crate::model::is_web_address(url) {
        return None;
    }
    let lower = url.trim().to_ascii_lowercase();
    let web = ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme));
    let scheme = lower.split_once(':').map(|(s, _)| s).filter(|s| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    Some(match scheme {
        _ if web => Diagnostic::new(codes::E0305, format!("link target `{url}` is not a valid address"))
            .label("spaces, quotes and angle brackets are not allowed in an address")
            .help("percent-encode them (a space is `%20`)"),
        Some(s) => Diagnostic::new(codes::E0305, format!("links to `{s}:` addresses are not allowed"))
            .label("only http, https and mailto links are printed")
            .help("link to a web page (`https://…`) or an e-mail address (`mailto:…`)"),
        None => Diagnostic::new(codes::E0306, format!("link to `{url}` inside the book"))
            .label("relative links do not survive in the PDF or the EPUB")
            .help("refer to a glossary entry with `[[entry-id]]`; link to web pages with a full `https://` address"),
    })
}

struct Converter<'m, 'a> {
    map: &'m SourceMap,
    file: FileId,
    diags: Vec<Diagnostic>,
    next_cite: usize,
    numbers: BTreeMap<String, usize>,
    defs: HashMap<String, &'a AstNode<'a>>,
    notes: Vec<Note>,
    /// Current nesting of blocks and inlines.
    depth: usize,
    /// Whether E0502 was reported for this file.
    too_deep: bool,
    /// Rank of the last heading below the title (`#` and `##` are both rank 1).
    last_heading: u8,
    /// The block being read stands at the top level of the text (where a
    /// paragraph opening with an image is a figure).
    at_top: bool,
}

/// The top-level blocks of a body, as they are read.
#[derive(Default)]
struct Top {
    blocks: Vec<Block>,
    spans: Vec<Span>,
    pairing: Vec<Option<SegmentMark>>,
    item_spans: Vec<Vec<Span>>,
    /// Where the omitted region being read opened.
    region: Option<Span>,
    /// Blocks read in that region so far.
    region_blocks: usize,
    /// A mark read alone, for the next block, and where.
    pending: Option<(SegmentMark, Span)>,
}

/// The alignment mark a paragraph holds alone (spaces aside).
fn lone_mark(b: &Block) -> Option<SegmentMark> {
    let Block::Para(xs) = b else {
        return None;
    };
    let mut marks = xs.iter().filter(|x| match x {
        Inline::Text(t) => !t.trim().is_empty(),
        Inline::SoftBreak | Inline::LineBreak => false,
        _ => true,
    });
    match (marks.next(), marks.next()) {
        (Some(Inline::Segment(m)), None) => Some(*m),
        _ => None,
    }
}

/// Deepest nesting of quotations, lists and emphasis kept: deeper content is an
/// error (E0502), never a stack overflow in a writer or in typst.
pub(super) const MAX_NESTING: usize = 32;

impl<'a> Converter<'_, 'a> {
    fn span_of(&self, node: &'a AstNode<'a>) -> Span {
        let pos = node.data().sourcepos;
        let f = self.map.get(self.file);
        let start = f.offset_of(pos.start.line, pos.start.column);
        let end = f.offset_of(pos.end.line, pos.end.column + 1).max(start);
        Span::new(self.file, start, end)
    }

    fn blocks(&mut self, parent: &'a AstNode<'a>) -> Vec<Block> {
        let mut out = Vec::new();
        if !self.enter(parent) {
            return out;
        }
        for node in parent.children() {
            if let Some(b) = self.block(node) {
                out.push(b);
            }
        }
        self.depth -= 1;
        out
    }

    /// The blocks of the document, each with the span comrak read it from and
    /// how it aligns in a parallel text. A paragraph that holds only an
    /// alignment mark is not a block: it marks the block after it, or opens or
    /// closes an omitted region.
    fn top_blocks(&mut self, root: &'a AstNode<'a>) -> Top {
        let mut top = Top::default();
        if !self.enter(root) {
            return top;
        }
        for node in root.children() {
            self.at_top = true;
            if let Some(b) = self.block(node) {
                let span = self.span_of(node);
                let items = match b {
                    Block::List { .. } => {
                        node.children().map(|i| self.span_of(i)).collect()
                    }
                    _ => Vec::new(),
                };
                self.push_top(&mut top, b, span, items);
            }
        }
        self.depth -= 1;
        self.close_top(&mut top);
        top
    }

    /// Adds block `b` read at `span` to `top`, or applies the mark it holds.
    fn push_top(&mut self, top: &mut Top, b: Block, span: Span, items: Vec<Span>) {
        let Some(mark) = lone_mark(&b) else {
            let own = crate::model::parallel::mark(&b);
            let region_mark = |x: &Inline| {
                matches!(
                    x,
                    Inline::Segment(SegmentMark::OmitStart | SegmentMark::OmitEnd)
                )
            };
            if let Block::Para(xs) | Block::Heading { content: xs, .. } = &b
                && xs.iter().any(region_mark)
            {
                self.diags.push(
                    Diagnostic::new(codes::E0212, "a region mark inside a paragraph")
                        .at(span)
                        .help("put `{{omit: start}}` and `{{omit: end}}` each in a paragraph of its own, with blank lines around it"),
                );
            }
            let own = own.filter(|m| matches!(m, SegmentMark::Join | SegmentMark::Omit));
            let pairing = match top.region {
                Some(_) if top.region_blocks > 0 => Some(SegmentMark::Join),
                Some(_) => Some(SegmentMark::Omit),
                None => top.pending.take().map(|(m, _)| m).or(own),
            };
            if top.region.is_some() {
                top.region_blocks += 1;
            }
            top.blocks.push(b);
            top.spans.push(span);
            top.pairing.push(pairing);
            top.item_spans.push(items);
            return;
        };
        match (mark, top.region) {
            (SegmentMark::OmitStart, None) => {
                top.region = Some(span);
                top.region_blocks = 0;
            }
            (SegmentMark::OmitStart, Some(open)) => self.diags.push(
                Diagnostic::new(codes::E0212, "an omitted region opened inside another")
                    .at(span)
                    .label(format!("the region open here began at line {}", self.line_of(open)))
                    .help("close the first region with `{{omit: end}}` before opening another"),
            ),
            (SegmentMark::OmitEnd, None) => self.diags.push(
                Diagnostic::new(codes::E0212, "`{{omit: end}}` with no region open")
                    .at(span)
                    .help("open the region with a paragraph holding only `{{omit: start}}`, or delete this mark"),
            ),
            (SegmentMark::OmitEnd, Some(_)) => top.region = None,
            (m, _) => top.pending = Some((m, span)),
        }
    }

    /// E0212 for a region left open and a mark with no block after it.
    fn close_top(&mut self, top: &mut Top) {
        if let Some(open) = top.region.take() {
            self.diags.push(
                Diagnostic::new(codes::E0212, "an omitted region never closed")
                    .at(open)
                    .help("end the region with a paragraph holding only `{{omit: end}}`"),
            );
        }
        if let Some((_, at)) = top.pending.take() {
            self.diags.push(
                Diagnostic::new(codes::E0212, "an alignment mark with no block after it")
                    .at(at)
                    .help("a paragraph holding only `{{omit}}` or `{{join}}` marks the block after it; delete this one or write that block"),
            );
        }
    }

    fn line_of(&self, span: Span) -> usize {
        self.map.get(self.file).line_col(span.start).0
    }

    /// W0206 when a heading skips a level (`##` then `####`): the editions print it
    /// one level below the previous heading, as PDF/UA requires.
    fn heading_level(&mut self, node: &'a AstNode<'a>, level: u8) {
        let rank = level.max(2) - 1;
        if rank > self.last_heading + 1 {
            let span = self.span_of(node);
            let hashes = "#".repeat(usize::from(level));
            let expected = "#".repeat(usize::from(self.last_heading + 2).max(2));
            self.diags.push(
                Diagnostic::new(codes::W0206, format!("heading `{hashes}` skips a level"))
                    .at(Span::new(self.file, span.start, span.start + hashes.len()))
                    .label(format!("printed as `{expected}`"))
                    .help("headings go down one level at a time; the editions print this one a level below the previous heading"),
            );
        }
        self.last_heading = rank.min(self.last_heading + 1);
    }

    /// One level deeper; false (after reporting E0502 once) past [`MAX_NESTING`].
    fn enter(&mut self, node: &'a AstNode<'a>) -> bool {
        if self.depth >= MAX_NESTING {
            if !self.too_deep {
                self.too_deep = true;
                let span = self.span_of(node);
                self.diags.push(
                    Diagnostic::new(
                        codes::E0502,
                        format!("text is nested more than {MAX_NESTING} levels deep"),
                    )
                    .at(Span::new(self.file, span.start, span.start))
                    .label("quotations, lists or emphasis nested too deeply from here")
                    .help("flatten the nesting; books rarely need more than three or four levels"),
                );
            }
            return false;
        }
        self.depth += 1;
        true
    }

    fn block(&mut self, node: &'a AstNode<'a>) -> Option<Block> {
        let value = node.data().value.clone();
        let at_top = std::mem::take(&mut self.at_top);
        Some(match value {
            NodeValue::Paragraph if at_top && opens_with_image(node) => self.figure(node),
            NodeValue::Paragraph => Block::Para(self.inlines(node)),
            NodeValue::Heading(h) => self.heading(node, h.level),
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) => {
                Block::Quote(self.blocks(node))
            }
            NodeValue::List(l) => Block::List {
                ordered: l.list_type == ListType::Ordered,
                start: l.start,
                items: node.children().map(|item| self.blocks(item)).collect(),
            },
            NodeValue::CodeBlock(c) => Block::Code(c.literal.clone()),
            // Raw HTML is never passed through: it is shown as text.
            NodeValue::HtmlBlock(h) => {
                Block::Para(vec![Inline::Text(h.literal.trim_end().to_string())])
            }
            NodeValue::ThematicBreak => Block::Rule,
            NodeValue::Table(t) => self.table(node, &t.alignments),
            NodeValue::FootnoteDefinition(_) | NodeValue::FrontMatter(_) => return None,
            NodeValue::DescriptionList
            | NodeValue::Item(_)
            | NodeValue::DescriptionItem(_)
            | NodeValue::DescriptionTerm
            | NodeValue::DescriptionDetails => Block::Quote(self.blocks(node)),
            _ => {
                let inl = self.inlines(node);
                if inl.is_empty() {
                    return None;
                }
                Block::Para(inl)
            }
        })
    }

    /// A heading; E0503 when it prints nothing.
    fn heading(&mut self, node: &'a AstNode<'a>, level: u8) -> Block {
        self.heading_level(node, level);
        let content = self.inlines(node);
        if !prints_text(&content) {
            self.diags.push(
                Diagnostic::new(codes::E0503, "heading with no text")
                    .at(self.span_of(node))
                    .label("this heading prints nothing")
                    .help("write the heading's words, or delete the `#` line; tagged PDF and e-readers need a name for every heading"),
            );
        }
        Block::Heading { level, content }
    }

    /// A table: its columns' alignments, its header row and its body rows.
    fn table(&mut self, node: &'a AstNode<'a>, alignments: &[TableAlignment]) -> Block {
        let aligns = alignments
            .iter()
            .map(|a| match a {
                TableAlignment::Left => 'l',
                TableAlignment::Center => 'c',
                TableAlignment::Right => 'r',
                TableAlignment::None => ' ',
            })
            .collect();
        let mut header = Vec::new();
        let mut rows = Vec::new();
        for row in node.children() {
            let is_header = matches!(row.data().value, NodeValue::TableRow(true));
            let cells: Vec<Vec<Inline>> =
                row.children().map(|cell| self.inlines(cell)).collect();
            if is_header {
                header = cells;
            } else {
                rows.push(cells);
            }
        }
        Block::Table {
            aligns,
            header,
            rows,
        }
    }

    fn inlines(&mut self, parent: &'a AstNode<'a>) -> Vec<Inline> {
        let mut out = Vec::new();
        if !self.enter(parent) {
            return out;
        }
        for node in parent.children() {
            self.inline(node, &mut out);
        }
        self.depth -= 1;
        out
    }

    fn inline(&mut self, node: &'a AstNode<'a>, out: &mut Vec<Inline>) {
        let value = node.data().value.clone();
        match value {
            NodeValue::Text(t) => self.text(node, &t, out),
            NodeValue::SoftBreak => out.push(Inline::SoftBreak),
            NodeValue::LineBreak => out.push(Inline::LineBreak),
            NodeValue::Code(c) => out.push(Inline::Code(c.literal.clone())),
            NodeValue::HtmlInline(h) | NodeValue::Raw(h) => push_text(out, &h),
            NodeValue::Emph => out.push(Inline::Emph(self.inlines(node))),
            NodeValue::Strong => out.push(Inline::Strong(self.inlines(node))),
            NodeValue::Strikethrough => out.push(Inline::Strike(self.inlines(node))),
            NodeValue::Link(l) => {
                let content = self.inlines(node);
                match link_problem(&l.url) {
                    None => out.push(Inline::Link {
                        url: l.url.clone(),
                        content,
                    }),
                    Some(d) => {
                        self.diags.push(d.at(self.span_of(node)));
                        out.extend(content);
                    }
                }
            }
            NodeValue::Image(_) => {
                let alt = self.inlines(node);
                self.diags.push(
                    Diagnostic::new(codes::W0503, "an image inside running text is not printed; its alt text is")
                        .at(self.span_of(node))
                        .label("not a figure: it does not open a paragraph of the text")
                        .help("a figure is an image at the start of a paragraph of its own, outside lists, quotations, tables and notes, with its caption on the lines after it"),
                );
                out.extend(alt);
            }
            NodeValue::WikiLink(mut w) => {
                let mut label = crate::model::inline_text(&self.inlines(node));
                // In a table cell the `|` is escaped, and comrak keeps it in the target.
                if let Some((target, words)) = w.url.split_once('|') {
                    label = words.to_string();
                    w.url = target.to_string();
                }
                if label.trim().is_empty() {
                    self.diags.push(
                        Diagnostic::new(codes::E0303, "cross-reference with empty words")
                            .at(self.span_of(node))
                            .label("nothing after `|`")
                            .help(format!("write `[[{}]]` to print the entry's term, or put words after the `|`", w.url.trim())),
                    );
                }
                let label = (!label.trim().is_empty() && label.trim() != w.url.trim())
                    .then(|| label.trim().to_string());
                out.push(Inline::XRef {
                    target: w.url.trim().to_string(),
                    label,
                    span: self.span_of(node),
                });
            }
            NodeValue::FootnoteReference(r) => {
                let n = self.note_number(&r.name);
                out.push(Inline::NoteRef(n));
            }
            _ => out.extend(self.inlines(node)),
        }
    }

    fn note_number(&mut self, name: &str) -> usize {
        if let Some(n) = self.numbers.get(name) {
            return *n;
        }
        let n = self.numbers.len() + 1;
        self.numbers.insert(name.to_string(), n);
        self.notes.push(Note {
            label: name.to_string(),
            blocks: Vec::new(),
        });
        n
    }

    /// The span of `range` of a text node whose text is `t`, read from the
    /// node's source: each character of the text is matched to what it was
    /// written as (itself, an escape, an entity, straight quotes or hyphens
    /// made typographic), so the span is exact; the node's start when the
    /// text cannot be matched to its source.
    fn piece_span(
        &self,
        node_span: Span,
        t: &str,
        range: std::ops::Range<usize>,
    ) -> Span {
        let text = &self.map.get(self.file).text;
        let source = text.get(node_span.start..node_span.end).unwrap_or("");
        let from = node_span.start;
        match (
            source_offset(source, t, range.start),
            source_offset(source, t, range.end),
        ) {
            (Some(a), Some(b)) => Span::new(self.file, from + a, from + b.max(a)),
            _ => Span::new(self.file, from, from),
        }
    }

    fn text(&mut self, node: &'a AstNode<'a>, t: &str, out: &mut Vec<Inline>) {
        let node_span = self.span_of(node);
        for piece in scan(t) {
            match piece {
                Piece::Text(r) => push_text(out, &t[r]),
                Piece::Index { term, range } => {
                    let span = self.piece_span(node_span, t, range.clone());
                    if let Some(mark) = self.index_mark(&term, span) {
                        out.push(Inline::IndexMark(mark));
                    }
                }
                Piece::Malformed {
                    code,
                    message,
                    help,
                    range,
                } => {
                    let span = self.piece_span(node_span, t, range.clone());
                    self.diags.push(
                        Diagnostic::new(code, message)
                            .at(span)
                            .label("printed as it is written")
                            .help(help),
                    );
                    push_text(out, &t[range]);
                }
                // Read by the terminology checks from the source; prints nothing.
                Piece::Keep(_) => {}
                Piece::Segment(mark, _) => out.push(Inline::Segment(mark)),
                Piece::OrphanNoteRef { label, range } => {
                    let span = self.piece_span(node_span, t, range.clone());
                    self.diags.push(orphan_note(&label, span));
                    push_text(out, &t[range]);
                }
                Piece::Cite {
                    items,
                    narrative,
                    range,
                } => {
                    let span = self.piece_span(node_span, t, range.clone());
                    let keys: Vec<Span> = items
                        .iter()
                        .map(|i| self.piece_span(node_span, t, i.key_range.clone()))
                        .collect();
                    self.citation_or_figures(items, narrative, span, keys, out);
                }
            }
        }
    }

    /// The index mark `{{index: term}}` at `span`; none (E0601, E0605) when it
    /// is empty or malformed.
    fn index_mark(&mut self, term: &str, span: Span) -> Option<crate::model::IndexMark> {
        if term.is_empty() {
            self.diags.push(
                Diagnostic::new(codes::E0601, "empty index mark")
                    .at(span)
                    .help("write the term to index: `{{index: Party building}}`"),
            );
            return None;
        }
        crate::model::IndexMark::parse(term, span)
            .map_err(|message| {
                self.diags.push(
                    Diagnostic::new(codes::E0605, message)
                        .at(span)
                        .help("write `{{index: heading}}`, `{{index: heading!sub-heading}}`, or add `|see other`, `|see also other`, `|main`, `|(` … `|)`"),
                );
            })
            .ok()
    }

    /// A citation at `span`, or a reference to figures when every key is a
    /// figure's label (`@fig-…`); E0510 when the two are mixed.
    fn citation_or_figures(
        &mut self,
        items: Vec<RawItem>,
        narrative: bool,
        span: Span,
        keys: Vec<Span>,
        out: &mut Vec<Inline>,
    ) {
        let (figures, works): (Vec<_>, Vec<_>) = items
            .into_iter()
            .zip(keys)
            .partition(|(i, _)| i.key.starts_with("fig-"));
        if !figures.is_empty() && !works.is_empty() {
            self.diags.push(
                Diagnostic::new(codes::E0510, "figures and works cited in one bracket")
                    .at(span)
                    .help("cite the works in one bracket and refer to the figure in another: `[@fig-chart] [@state-council-2016]`"),
            );
        }
        if !figures.is_empty() {
            let labels = figures
                .into_iter()
                .map(|(i, span)| crate::model::Label { name: i.key, span })
                .collect();
            out.push(Inline::FigRef(crate::model::FigRef {
                labels,
                bracketed: !narrative,
            }));
        }
        if !works.is_empty() {
            let (items, keys) = works.into_iter().unzip();
            let citation = self.citation(items, narrative, span, keys);
            out.push(Inline::Cite(citation));
        }
    }

    /// A paragraph opening with an image: a figure, its attributes, caption
    /// and source line. E0508 when it has no alt text and is not decorative.
    fn figure(&mut self, para: &'a AstNode<'a>) -> Block {
        let mut nodes: Vec<&'a AstNode<'a>> = para.children().collect();
        let image = nodes.remove(0);
        let NodeValue::Image(link) = image.data().value.clone() else {
            return Block::Para(self.inlines(para));
        };
        let bracket = self.inlines(image);
        let alt = crate::model::inline_text(&bracket);
        let alt = alt.split_whitespace().collect::<Vec<_>>().join(" ");
        let span = self.span_of(image);
        let mut rest = Vec::new();
        let mut attrs = super::figure::Attributes::default();
        if let Some(first) = nodes.first().copied()
            && let NodeValue::Text(t) = &first.data().value
            && t.starts_with('{')
            && let Some(end) = t.find('}')
        {
            attrs = self.figure_attributes(first, t, end);
            push_text(&mut rest, &t[end + 1..]);
            nodes.remove(0);
        }
        for node in nodes {
            self.inline(node, &mut rest);
        }
        let (mut caption, source) = super::figure::caption_and_source(rest);
        if caption.is_empty() && !link.title.trim().is_empty() {
            caption.push(Inline::Text(link.title.trim().to_string()));
        }
        // pandoc's way: the brackets hold the caption, `alt="…"` the alt text.
        let alt = match attrs.alt.take() {
            Some(given) => {
                if caption.is_empty() {
                    caption = bracket;
                }
                given.split_whitespace().collect::<Vec<_>>().join(" ")
            }
            None => alt,
        };
        if alt.is_empty() && !attrs.decorative {
            self.diags.push(
                Diagnostic::new(codes::E0508, "figure without alt text")
                    .at(span)
                    .label("nothing between `![` and `]`")
                    .help("say what the image shows for readers who cannot see it: `![Organisation chart: the National Congress elects the Central Committee …](…)`; an image that carries no information is `{.decorative}`"),
            );
        }
        let label = attrs
            .label
            .map(|(name, range)| crate::model::Label { name, span: range });
        Block::Figure(Box::new(crate::model::Figure {
            src: link.url.trim().to_string(),
            alt,
            decorative: attrs.decorative,
            label,
            width: attrs.width,
            caption,
            source,
            span,
            file: None,
        }))
    }

    /// The attributes in the braces opening text node `node` (whose text is
    /// `t`, its `}` at `end`), each problem E0509 at its word.
    fn figure_attributes(
        &mut self,
        node: &'a AstNode<'a>,
        t: &str,
        end: usize,
    ) -> super::figure::Attributes<Span> {
        let node_span = self.span_of(node);
        let (attrs, bad) = super::figure::attributes(&t[1..end]);
        let at = |r: std::ops::Range<usize>| r.start + 1..r.end + 1;
        for b in bad {
            let span = self.piece_span(node_span, t, at(b.range));
            self.diags.push(
                Diagnostic::new(codes::E0509, b.message)
                    .at(span)
                    .help(b.help),
            );
        }
        super::figure::Attributes {
            label: attrs
                .label
                .map(|(name, r)| (name, self.piece_span(node_span, t, at(r)))),
            decorative: attrs.decorative,
            width: attrs.width,
            alt: attrs.alt,
        }
    }

    /// A citation at `span`, its keys at `keys` (one span per item), numbered
    /// in reading order.
    fn citation(
        &mut self,
        items: Vec<RawItem>,
        narrative: bool,
        span: Span,
        keys: Vec<Span>,
    ) -> Citation {
        let items = items
            .into_iter()
            .zip(keys)
            .map(|(i, key)| CiteItem {
                key: i.key,
                prefix: i.prefix,
                suffix: i.suffix,
                suppress_author: i.suppress_author,
                span: key,
            })
            .collect();
        self.next_cite += 1;
        Citation {
            index: self.next_cite - 1,
            items,
            narrative,
            span,
        }
    }
}

/// The byte offset in `source` of byte `at` of `text`, which comrak read from
/// `source`: characters are matched as written, escaped (`\\[`), as entities
/// (`&amp;`) or as the straight quotes, hyphens and dots that smart punctuation
/// turned into ’ “ ” – — ….
fn source_offset(source: &str, text: &str, at: usize) -> Option<usize> {
    let (mut i, mut j) = (0, 0);
    while j < at {
        let c = text[j..].chars().next()?;
        let rest = source.get(i..)?;
        let entity = entity_len(rest).filter(|_| c != '&' || amp(rest));
        let written = if let Some(n) = entity {
            n
        } else if rest.starts_with(c) {
            c.len_utf8()
        } else if rest.starts_with('\\') && rest.get(1..)?.starts_with(c) {
            1 + c.len_utf8()
        } else {
            match (c, rest.as_bytes().first()) {
                ('‘' | '’', Some(b'\'')) | ('“' | '”', Some(b'"')) => 1,
                ('—', _) if rest.starts_with("---") => 3,
                ('–', _) if rest.starts_with("--") => 2,
                ('…', _) if rest.starts_with("...") => 3,
                _ => return None,
            }
        };
        i += written;
        j += c.len_utf8();
    }
    (i <= source.len()).then_some(i)
}

/// Whether `rest` begins with an entity for `&` itself.
fn amp(rest: &str) -> bool {
    ["&amp;", "&#38;", "&#x26;", "&#X26;"]
        .iter()
        .any(|e| rest.starts_with(e))
}

/// The length of the character entity `rest` begins with (`&amp;`, `&#8220;`).
fn entity_len(rest: &str) -> Option<usize> {
    let body = rest.strip_prefix('&')?;
    let end = body.find(';')?;
    let name = &body[..end];
    let entity = (1..=31).contains(&name.len())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '#');
    entity.then_some(end + 2)
}

/// E0501: a footnote reference with no definition.
fn orphan_note(label: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        codes::E0501,
        format!("footnote reference `[^{label}]` has no definition"),
    )
    .at(span)
    .label("no `[^label]: ...` for this")
    .help(format!(
        "add a line `[^{label}]: Note text.` after the paragraph"
    ))
}

/// Appends text, merging with a preceding text run.
fn push_text(out: &mut Vec<Inline>, s: &str) {
    if s.is_empty() {
        return;
    }
    if let Some(Inline::Text(prev)) = out.last_mut() {
        prev.push_str(s);
    } else {
        out.push(Inline::Text(s.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Checks that a text offset maps to its source through escapes, entities
    // and smart punctuation.
    #[test]
    fn text_offsets_map_to_the_source() {
        let source = "It\'s &amp; \"x\" -- y... [@k]";
        let text = "It’s & “x” – y… [@k]";
        let at = text.find("[@k]").unwrap();
        assert_eq!(source_offset(source, text, at), source.find("[@k]"));
        assert_eq!(source_offset("abc", "xyz", 2), None);
        // `&T;` is no entity: the ampersand is itself.
        assert_eq!(source_offset("AT&T; [@k]", "AT&T; [@k]", 6), Some(6));
        assert_eq!(source_offset("a &amp; b", "a & b", 4), Some(8));
    }

    fn body(text: &str) -> (Body, Vec<Diagnostic>, SourceMap) {
        let mut map = SourceMap::default();
        let id = map.add("t.md".into(), "t.md".into(), text.into());
        let start = super::super::front_matter::split(&map, id)
            .unwrap()
            .body_start;
        let (b, d) = parse_body(&map, id, start);
        (b, d, map)
    }

    // Checks that cross-references, citations and notes become model nodes with spans.
    #[test]
    fn converts_references() {
        let src = "---\nterm: x\n---\nSee [[mass-line|the line]] [群众路线] and [@mao-1943, 12].[^n]\n\n[^n]: A note [@b].\n";
        let (b, d, map) = body(src);
        assert!(d.is_empty(), "{d:?}");
        let Block::Para(inl) = &b.blocks[0] else {
            panic!()
        };
        let Inline::XRef {
            target,
            label,
            span,
        } = &inl[1]
        else {
            panic!("{inl:?}")
        };
        assert_eq!(target, "mass-line");
        assert_eq!(label.as_deref(), Some("the line"));
        assert_eq!(map.snippet(*span), "[[mass-line|the line]]");
        assert_eq!(inl[2], Inline::Text(" [群众路线] and ".into()));
        let Inline::Cite(c) = &inl[3] else { panic!() };
        assert_eq!(map.snippet(c.span), "[@mao-1943, 12]");
        assert_eq!(map.snippet(c.items[0].span), "@mao-1943");
        assert_eq!(c.items[0].suffix, "12");
        assert_eq!(inl.last(), Some(&Inline::NoteRef(1)));
        assert_eq!(b.notes.len(), 1);
        let Block::Para(note) = &b.notes[0].blocks[0] else {
            panic!()
        };
        assert!(matches!(&note[1], Inline::Cite(c) if c.index == 1));
    }

    // Checks that raw HTML stays text and a missing footnote is an error.
    #[test]
    fn html_is_text_and_orphan_notes_fail() {
        let (b, d, _) =
            body("---\n---\n<script>alert(1)</script>\n\nText <b>x</b> [^9].\n");
        assert_eq!(
            b.blocks[0],
            Block::Para(vec![Inline::Text("<script>alert(1)</script>".into())])
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "E0501");
    }

    // Checks that a region, a lone mark before a table and numbered paragraphs
    // give each block its pairing, and that such texts align.
    #[test]
    fn apparatus_and_numbered_paragraphs_align() {
        use crate::model::parallel::align;
        let en = "---\n---\n{{omit: start}}\n\nIntro.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n{{omit: end}}\n\n## I. Background\n\n1. First item.\n2. Second item.\n\n{{omit}}\n\n> A note of ours.\n\nLast.\n";
        let zh = "---\n---\n## 一、背景\n\n（一）第一项。\n\n2．第二项。\n\n最后。\n";
        let (mut en, d1, map) = body(en);
        let (mut zh, d2, _) = body(zh);
        assert!(d1.is_empty() && d2.is_empty(), "{d1:?} {d2:?}");
        crate::model::parallel::split_numbered(&mut en);
        crate::model::parallel::split_numbered(&mut zh);
        assert_eq!(en.blocks.len(), 7);
        // Each numbered item at its own line.
        let text = &map.get(en.spans[4].file).text;
        assert!(text[en.spans[4].start..].starts_with("2. Second item."));
        use SegmentMark::{Join, Omit};
        assert_eq!(
            en.pairing,
            vec![Some(Omit), Some(Join), None, None, None, Some(Omit), None]
        );
        let segments = align(&en, &zh).expect("aligns");
        let pairs: Vec<(Vec<usize>, Vec<usize>)> =
            segments.into_iter().map(|s| (s.en, s.zh)).collect();
        assert_eq!(
            pairs,
            vec![
                (vec![0, 1], vec![]),
                (vec![2], vec![0]),
                (vec![3], vec![1]),
                (vec![4], vec![2]),
                (vec![5], vec![]),
                (vec![6], vec![3]),
            ]
        );
    }

    // Checks E0212 for regions and marks out of place.
    #[test]
    fn misplaced_marks_are_errors() {
        for text in [
            "{{omit: start}}\n\nA.\n",
            "A.\n\n{{omit: end}}\n",
            "{{omit: start}}\n\n{{omit: start}}\n\nA.\n\n{{omit: end}}\n",
            "A {{omit: start}} b.\n",
            "A.\n\n{{omit}}\n",
        ] {
            let (_, d, _) = body(&format!("---\n---\n{text}"));
            assert!(d.iter().any(|d| d.code == "E0212"), "{text}: {d:?}");
        }
    }
}
