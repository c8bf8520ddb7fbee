//! The checked model as XHTML. Every text goes through [`esc`], so nothing an author
//! writes can become markup; hanzi runs get `lang="zh-Hans"`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::cite::{Formatted, Run};
use crate::model::{Block, Body, Inline, Owner, Project, Selection};
use crate::render::book;
use crate::render::pdf::PageMap;
use crate::render::pdf::markup::{block_anchor, xref_anchor};
use crate::render::script::{Script, runs, smart_quotes};

/// XML-escapes text; characters XML 1.0 forbids become U+FFFD.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {
                out.push('\u{FFFD}')
            }
            c => out.push(c),
        }
    }
    out
}

/// A string usable as an XML id (letters, digits, `-`, `_`, `.`; others hex-coded).
pub fn id_safe(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
            out.push(c);
        } else {
            let _ = write!(out, "_{:x}_", c as u32);
        }
    }
    out
}

/// Text with Chinese runs in language spans and typographic quotes.
pub fn text(out: &mut String, s: &str) {
    text_lang(out, s, "zh-Hans");
}

/// Like [`text`], with the language tag to use for hanzi.
pub fn text_lang(out: &mut String, s: &str, zh: &str) {
    let s = smart_quotes(s);
    for run in runs(&s) {
        match run {
            Script::Han(h) => {
                let _ = write!(
                    out,
                    "<span lang=\"{zh}\" xml:lang=\"{zh}\">{}</span>",
                    esc(h)
                );
            }
            Script::Other(o) => out.push_str(&esc(o)),
        }
    }
}

/// Formatted citation runs.
pub fn styled(out: &mut String, rs: &[Run]) {
    for r in rs {
        let (open, close) = match r {
            Run::Text(t) => {
                text(out, t);
                continue;
            }
            Run::Italic(_) => ("<i>", "</i>"),
            Run::Bold(_) => ("<b>", "</b>"),
            Run::SmallCaps(_) => ("<span class=\"sc\">", "</span>"),
            Run::Sup(_) => ("<sup>", "</sup>"),
            Run::Sub(_) => ("<sub>", "</sub>"),
            Run::Link { url, children } => {
                let _ = write!(out, "<a href=\"{}\">", esc(url));
                styled(out, children);
                out.push_str("</a>");
                continue;
            }
        };
        out.push_str(open);
        if let Run::Italic(c)
        | Run::Bold(c)
        | Run::SmallCaps(c)
        | Run::Sup(c)
        | Run::Sub(c) = r
        {
            styled(out, c);
        }
        out.push_str(close);
    }
}

/// Where each entry and document lives in the book.
#[derive(Debug, Default)]
pub struct Files {
    /// Entry id → file name.
    pub entries: BTreeMap<String, String>,
    /// Document id → file name.
    pub documents: BTreeMap<String, String>,
}

impl Files {
    /// Plans the files of a reader: one per document, one per glossary letter.
    pub fn plan(project: &Project, sel: &Selection) -> Files {
        let mut f = Files::default();
        for d in &sel.documents {
            f.documents
                .insert(d.clone(), format!("{}.xhtml", d.replace('/', "-")));
        }
        for id in &sel.entries {
            let letter = book::initial(&project.entries[id].term).to_lowercase();
            f.entries
                .insert(id.clone(), format!("glossary-{}.xhtml", id_safe(&letter)));
        }
        f
    }

    /// The href of an owner's start.
    pub fn owner_href(&self, owner: &Owner) -> Option<String> {
        match owner {
            Owner::Entry(id) => self
                .entries
                .get(id)
                .map(|f| format!("{f}#{}", owner.anchor())),
            Owner::Document(id) => self
                .documents
                .get(id)
                .map(|f| format!("{f}#{}", owner.anchor())),
        }
    }
}

/// Writes the body parts of the book.
pub struct Writer<'a> {
    /// The model.
    pub project: &'a Project,
    /// What the reader includes.
    pub selection: &'a Selection,
    /// Formatted citations.
    pub cites: &'a Formatted,
    /// File names.
    pub files: &'a Files,
    /// Print pages, when the PDF layout was made.
    pub pages: Option<&'a PageMap>,
    /// Ids of index marks already written (a term is anchored once per owner).
    pub marks: std::cell::RefCell<std::collections::BTreeSet<String>>,
    /// The last print page marked so far, in book order across files.
    pub last_page: std::cell::Cell<u64>,
}

/// State while writing one body.
pub struct Ctx<'a> {
    owner: Owner,
    level: u8,
    body: &'a Body,
}

impl<'a> Ctx<'a> {
    /// A context for `owner`, whose headings start below `level`.
    pub fn new(owner: Owner, level: u8, body: &'a Body) -> Self {
        Ctx { owner, level, body }
    }
}

impl Writer<'_> {
    /// Page-break markers for every page after the last one marked up to `page`.
    pub fn page_marks(&self, o: &mut String, page: Option<u64>) {
        let Some(page) = page else { return };
        let mut last = self.last_page.get();
        if last == 0 {
            // The first mark of the book marks only the page it is on.
            last = page.saturating_sub(1);
        }
        while last < page {
            last += 1;
            self.last_page.set(last);
            let n = last;
            let _ = write!(
                o,
                "<span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"page-{n}\" aria-label=\"{n}\"></span>"
            );
        }
    }

    /// The blocks of a body with print-page markers.
    pub fn top_blocks(&self, o: &mut String, ctx: &mut Ctx, blocks: &[Block]) {
        for (i, b) in blocks.iter().enumerate() {
            let anchor = block_anchor(&ctx.owner, i);
            let page = self.pages.and_then(|p| p.blocks.get(&anchor).copied());
            self.page_marks(o, page);
            self.block(o, ctx, b);
            o.push('\n');
        }
    }

    /// Footnotes of a body, as EPUB pop-up notes.
    pub fn notes(&self, o: &mut String, ctx: &mut Ctx) {
        if ctx.body.notes.is_empty() {
            return;
        }
        o.push_str(
            "<section class=\"notes\" role=\"doc-endnotes\" aria-label=\"Notes\">\n",
        );
        for (i, note) in ctx.body.notes.iter().enumerate() {
            let n = i + 1;
            let id = note_id(&ctx.owner, n);
            let _ = write!(
                o,
                "<aside epub:type=\"footnote\" role=\"doc-footnote\" id=\"{id}\"><p><a href=\"#{id}-ref\" role=\"doc-backlink\">{n}.</a> "
            );
            let mut first = true;
            for b in &note.blocks {
                if !first {
                    o.push_str("</p><p>");
                }
                first = false;
                match b {
                    Block::Para(xs) => self.inlines(o, ctx, xs),
                    other => {
                        o.push_str("</p>");
                        self.block(o, ctx, other);
                        o.push_str("<p>");
                    }
                }
            }
            o.push_str("</p></aside>\n");
        }
        o.push_str("</section>\n");
    }

    fn blocks(&self, o: &mut String, ctx: &Ctx, blocks: &[Block]) {
        for b in blocks {
            self.block(o, ctx, b);
            o.push('\n');
        }
    }

    fn block(&self, o: &mut String, ctx: &Ctx, b: &Block) {
        match b {
            Block::Para(xs) => {
                o.push_str("<p>");
                self.inlines(o, ctx, xs);
                o.push_str("</p>");
            }
            Block::Heading { level, content } => {
                let h = (ctx.level + level.saturating_sub(1)).clamp(ctx.level + 1, 6);
                let _ = write!(o, "<h{h}>");
                self.inlines(o, ctx, content);
                let _ = write!(o, "</h{h}>");
            }
            Block::Quote(bs) => {
                o.push_str("<blockquote>");
                self.blocks(o, ctx, bs);
                o.push_str("</blockquote>");
            }
            Block::List {
                ordered,
                start,
                items,
            } => {
                if *ordered {
                    let _ = write!(o, "<ol start=\"{start}\">");
                } else {
                    o.push_str("<ul>");
                }
                for item in items {
                    o.push_str("<li>");
                    // Tight lists: a single paragraph item is written without <p>.
                    match item.as_slice() {
                        [Block::Para(xs)] => self.inlines(o, ctx, xs),
                        _ => self.blocks(o, ctx, item),
                    }
                    o.push_str("</li>");
                }
                o.push_str(if *ordered { "</ol>" } else { "</ul>" });
            }
            Block::Table {
                aligns,
                header,
                rows,
            } => {
                let align = |i: usize| match aligns.get(i) {
                    Some('c') => " class=\"center\"",
                    Some('r') => " class=\"right\"",
                    _ => "",
                };
                o.push_str("<table><thead><tr>");
                for (i, c) in header.iter().enumerate() {
                    let _ = write!(o, "<th scope=\"col\"{}>", align(i));
                    self.inlines(o, ctx, c);
                    o.push_str("</th>");
                }
                o.push_str("</tr></thead><tbody>");
                for row in rows {
                    o.push_str("<tr>");
                    for (i, c) in row.iter().enumerate() {
                        let _ = write!(o, "<td{}>", align(i));
                        self.inlines(o, ctx, c);
                        o.push_str("</td>");
                    }
                    o.push_str("</tr>");
                }
                o.push_str("</tbody></table>");
            }
            Block::Code(c) => {
                let _ = write!(o, "<pre><code>{}</code></pre>", esc(c.trim_end()));
            }
            Block::Rule => o.push_str("<hr/>"),
        }
    }

    /// Inline content.
    pub fn inlines(&self, o: &mut String, ctx: &Ctx, xs: &[Inline]) {
        for x in xs {
            match x {
                Inline::Text(t) => text(o, t),
                Inline::Emph(c) => self.wrap(o, ctx, "em", c),
                Inline::Strong(c) => self.wrap(o, ctx, "strong", c),
                Inline::Strike(c) => self.wrap(o, ctx, "del", c),
                Inline::Code(c) => {
                    let _ = write!(o, "<code>{}</code>", esc(c));
                }
                Inline::Link { url, content } => {
                    let _ = write!(o, "<a href=\"{}\">", esc(url));
                    self.inlines(o, ctx, content);
                    o.push_str("</a>");
                }
                Inline::XRef {
                    target,
                    label,
                    span,
                } => {
                    let words = self.project.xref_words(target, label.as_deref());
                    match self.files.entries.get(target) {
                        Some(file) => {
                            let _ = write!(
                                o,
                                "<a class=\"xref\" id=\"{}\" href=\"{file}#entry-{}\">",
                                xref_anchor(*span),
                                esc(target)
                            );
                            text(o, &words);
                            o.push_str("</a>");
                        }
                        None => {
                            o.push_str("<span class=\"xref\">");
                            text(o, &words);
                            o.push_str("</span>");
                        }
                    }
                }
                Inline::Cite(c) => {
                    if let Some(r) = self.cites.citation(&ctx.owner, c.index) {
                        let key = &c.items[0].key;
                        let _ = write!(
                            o,
                            "<a class=\"cite\" href=\"bibliography.xhtml#bib-{}\">",
                            id_safe(key)
                        );
                        styled(o, r);
                        o.push_str("</a>");
                    }
                }
                Inline::NoteRef(n) => {
                    let id = note_id(&ctx.owner, *n);
                    let _ = write!(
                        o,
                        "<sup><a epub:type=\"noteref\" role=\"doc-noteref\" id=\"{id}-ref\" href=\"#{id}\">{n}</a></sup>"
                    );
                }
                Inline::IndexMark(t) => {
                    let id = mark_anchor(ctx, t);
                    if self.marks.borrow_mut().insert(id.clone()) {
                        let _ = write!(o, "<span class=\"ix\" id=\"{id}\"></span>");
                    }
                }
                Inline::SoftBreak => o.push(' '),
                Inline::LineBreak => o.push_str("<br/>"),
            }
        }
    }

    fn wrap(&self, o: &mut String, ctx: &Ctx, tag: &str, c: &[Inline]) {
        let _ = write!(o, "<{tag}>");
        self.inlines(o, ctx, c);
        let _ = write!(o, "</{tag}>");
    }
}

/// Id of footnote `n` of an owner.
fn note_id(owner: &Owner, n: usize) -> String {
    format!("{}-fn{n}", owner.anchor())
}

/// Id of an index mark (first mark of a term in an owner).
fn mark_anchor(ctx: &Ctx, term: &str) -> String {
    format!(
        "{}-ix-{}",
        ctx.owner.anchor(),
        id_safe(&crate::model::sort_key(term))
    )
}

/// Id of an index mark, for links from the index.
pub fn mark_href(files: &Files, owner: &Owner, term: &str) -> Option<String> {
    let file = match owner {
        Owner::Entry(id) => files.entries.get(id)?,
        Owner::Document(id) => files.documents.get(id)?,
    };
    Some(format!(
        "{file}#{}-ix-{}",
        owner.anchor(),
        id_safe(&crate::model::sort_key(term))
    ))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    // Checks escaping of markup characters and XML-forbidden controls.
    #[test]
    fn escapes_markup_and_controls() {
        assert_eq!(
            esc("<script>&\"'\u{1}"),
            "&lt;script&gt;&amp;&quot;&#39;\u{fffd}"
        );
        let mut o = String::new();
        text(&mut o, "a 共同 b");
        assert_eq!(
            o,
            "a <span lang=\"zh-Hans\" xml:lang=\"zh-Hans\">共同</span> b"
        );
    }

    proptest! {
        // Checks, for arbitrary strings, that text stays well-formed XML whose only
        // elements are language spans, and whose text is the input.
        #[test]
        fn arbitrary_text_is_well_formed(s in any::<String>()) {
            let mut o = String::from("<p xmlns=\"http://www.w3.org/1999/xhtml\">");
            text(&mut o, &s);
            o.push_str("</p>");
            let doc = roxmltree::Document::parse(&o);
            prop_assert!(doc.is_ok(), "{:?}", doc.err());
            let doc = doc.unwrap();
            for n in doc.root_element().descendants().skip(1) {
                prop_assert!(n.is_text() || n.tag_name().name() == "span");
            }
            let expected: String = smart_quotes(&s)
                .chars()
                .map(|c| if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') || matches!(c, '\u{FFFE}' | '\u{FFFF}') { '\u{FFFD}' } else { c })
                .collect();
            let got: String = doc.root_element().descendants().filter(|n| n.is_text()).map(|n| n.text().unwrap()).collect();
            // XML normalises line ends.
            prop_assert_eq!(got, expected.replace("\r\n", "\n").replace('\r', "\n"));
        }
    }
}
