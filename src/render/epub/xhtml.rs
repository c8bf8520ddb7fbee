//! The book plan as XHTML content documents: syntax only. Every text goes through
//! [`esc`], so nothing an author writes can become markup; hanzi runs get
//! `lang="zh-Hans"`. The functions are named after the plan's node kinds, like the
//! typst writer's.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::cite::Run;
use crate::model::Owner;
use crate::model::script::{Script, runs};
use crate::plan::{
    Align, Anchor, Block, Body, Book, Chapter, EntryItems, GlossaryEntry, Heading, Index,
    Inline, Letter, Line, Locator, PageMap, Part, PartKind, Ref, RefStyle, Words, Work,
    id_safe, line, page_range,
};

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

/// Text with Chinese runs in language spans.
pub fn text(out: &mut String, s: &str) {
    text_lang(out, s, "zh-Hans");
}

/// Like [`text`], with the language tag to use for hanzi.
pub fn text_lang(out: &mut String, s: &str, zh: &str) {
    for run in runs(s) {
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

/// Pinyin, tagged as such.
fn pinyin(out: &mut String, s: &str) {
    let _ = write!(
        out,
        "<i lang=\"zh-Latn-pinyin\" xml:lang=\"zh-Latn-pinyin\">{}</i>",
        esc(s)
    );
}

/// Formatted citation runs.
pub fn runs_markup(out: &mut String, rs: &[Run]) {
    for r in rs {
        let (tag, children) = match r {
            Run::Text(t) => {
                text(out, t);
                continue;
            }
            Run::Link { url, children } => {
                let _ = write!(out, "<a href=\"{}\">", esc(url));
                runs_markup(out, children);
                out.push_str("</a>");
                continue;
            }
            Run::Italic(c) => ("i", c),
            Run::Bold(c) => ("b", c),
            Run::SmallCaps(c) => ("span class=\"sc\"", c),
            Run::Sup(c) => ("sup", c),
            Run::Sub(c) => ("sub", c),
        };
        let _ = write!(out, "<{tag}>");
        runs_markup(out, children);
        let close = tag.split(' ').next().unwrap_or(tag);
        let _ = write!(out, "</{close}>");
    }
}

const TAIL: &str = "</body>\n</html>\n";

/// Where each part of the book lives: one file per document and glossary letter.
#[derive(Debug, Default)]
pub struct Files {
    owners: BTreeMap<Owner, String>,
    letters: BTreeMap<String, String>,
    parts: BTreeMap<PartKind, String>,
}

/// The file of the reference list.
pub const BIBLIOGRAPHY: &str = "bibliography.xhtml";
/// The file of the indexes.
pub const INDEX: &str = "index.xhtml";

impl Files {
    /// The files of a book.
    pub fn of(book: &Book) -> Files {
        let mut f = Files::default();
        for part in &book.parts {
            let first = match part {
                Part::Documents(chapters) => {
                    for c in chapters {
                        if let Some(o) = c.anchor.owner() {
                            f.owners.insert(o.clone(), chapter_file(o));
                        }
                    }
                    chapters
                        .first()
                        .and_then(|c| c.anchor.owner())
                        .map(chapter_file)
                }
                Part::Glossary(letters) => {
                    for l in letters {
                        let file = format!(
                            "glossary-{}.xhtml",
                            id_safe(&l.letter.to_lowercase())
                        );
                        for e in &l.entries {
                            if let Some(o) = e.anchor.owner() {
                                f.owners.insert(o.clone(), file.clone());
                            }
                        }
                        f.letters.insert(l.letter.clone(), file);
                    }
                    letters
                        .first()
                        .and_then(|l| f.letters.get(&l.letter).cloned())
                }
                Part::Bibliography(_) => Some(BIBLIOGRAPHY.to_string()),
                Part::Index(_) => Some(INDEX.to_string()),
            };
            if let Some(first) = first {
                f.parts.insert(part.kind(), first);
            }
        }
        f
    }

    /// The file an anchor is in.
    pub fn file(&self, a: &Anchor) -> Option<&str> {
        match a {
            Anchor::Owner(o) | Anchor::In(o, _) => self.owners.get(o),
            Anchor::Letter(l) => self.letters.get(l),
            Anchor::Part(k) => self.parts.get(k),
            Anchor::Bib(_) => return Some(BIBLIOGRAPHY),
            Anchor::Index(_) => return Some(INDEX),
        }
        .map(String::as_str)
    }

    /// The href of an anchor from any file of the book (empty when it is not in it).
    pub fn href(&self, a: &Anchor) -> String {
        match (self.file(a), a) {
            (Some(file), Anchor::Part(_)) => file.to_string(),
            (Some(file), _) => format!("{file}#{}", a.id()),
            (None, _) => String::new(),
        }
    }
}

/// Where the EPUB holds a figure's image, from its pages.
pub fn figure_href(name: &str) -> String {
    format!("images/figures/{name}")
}

fn chapter_file(owner: &Owner) -> String {
    let Owner::Document(id) = owner else {
        return String::new();
    };
    format!("{}.xhtml", id_safe(&id.as_str().replace('/', "-")))
}

/// A written content document.
#[derive(Debug, Clone)]
pub struct Page {
    /// File name under `OEBPS/`.
    pub href: String,
    /// The XHTML.
    pub xhtml: String,
}

/// Writes the content documents of a book.
pub struct Writer<'a> {
    files: &'a Files,
    /// The book's fixed words.
    words: &'static Words,
    pages: Option<&'a PageMap>,
    /// The last print page marked so far, in book order across files.
    last_page: u64,
    /// The part whose title page is still to be marked.
    part: Option<Anchor>,
    /// The file being written.
    current: String,
    /// Page-list entries: (printed number, href).
    pub page_list: Vec<(String, String)>,
    /// Anchors that were to start a file but have none (a bug of the plan).
    pub unfiled: Vec<String>,
}

impl<'a> Writer<'a> {
    /// A writer over `files`, with print page numbers when `pages` is given.
    pub fn new(
        files: &'a Files,
        pages: Option<&'a PageMap>,
        words: &'static Words,
    ) -> Self {
        Writer {
            files,
            words,
            pages,
            last_page: 0,
            part: None,
            current: String::new(),
            page_list: Vec::new(),
            unfiled: Vec::new(),
        }
    }

    /// The content documents of the book's parts, in reading order.
    pub fn book(&mut self, book: &Book) -> Vec<Page> {
        let mut out = Vec::new();
        for part in &book.parts {
            self.part = Some(Anchor::Part(part.kind()));
            match part {
                Part::Documents(chapters) => {
                    out.extend(chapters.iter().map(|c| self.chapter(c)))
                }
                Part::Glossary(letters) => {
                    out.extend(letters.iter().map(|l| self.letter(l)))
                }
                Part::Bibliography(works) => out.push(self.bibliography(works)),
                Part::Index(list) => out.push(self.indexes(list)),
            }
        }
        // The pages after the last marked place (the end of the index).
        if let (Some(map), Some(last)) = (self.pages, out.last_mut())
            && let Some(body) = last.xhtml.strip_suffix(TAIL)
        {
            let mut xhtml = body.to_string();
            self.current = last.href.clone();
            self.marks_to(&mut xhtml, map.last);
            xhtml.push_str(TAIL);
            last.xhtml = xhtml;
        }
        out
    }

    /// The page marks of the part title that opens the current part, on the part's
    /// first file.
    fn part_marks(&mut self, o: &mut String) {
        if let Some(part) = self.part.take() {
            self.page_marks(o, &part);
        }
    }

    /// Starts the file of `anchor` (an anchor with no file is recorded in
    /// `unfiled`, and the EPUB is not made).
    fn start(&mut self, anchor: &Anchor) -> String {
        self.current = match self.files.file(anchor) {
            Some(file) => file.to_string(),
            None => {
                self.unfiled.push(anchor.id());
                String::new()
            }
        };
        self.current.clone()
    }

    /// Page-break markers for every print page after the last one marked, up to
    /// the page of `anchor`.
    fn page_marks(&mut self, o: &mut String, anchor: &Anchor) {
        let Some(page) = self.pages.and_then(|p| p.printed(anchor)) else {
            return;
        };
        self.marks_to(o, page);
    }

    /// Page-break markers for every print page after the last one marked, up to
    /// page `page` (so that the page list has every page of the print edition).
    fn marks_to(&mut self, o: &mut String, page: u64) {
        while self.last_page < page {
            self.last_page += 1;
            let n = self.last_page;
            let _ = write!(
                o,
                "<span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"page-{n}\" aria-label=\"{n}\"></span>"
            );
            self.page_list
                .push((n.to_string(), format!("{}#page-{n}", self.current)));
        }
    }

    fn chapter(&mut self, c: &Chapter) -> Page {
        let href = self.start(&c.anchor);
        let mut o = head(&c.title, "document", self.words.lang);
        self.part_marks(&mut o);
        // epub:type and its matching ARIA role (Ace checks that they agree).
        let kind = match c.kind {
            crate::model::DocKind::Translation => "chapter",
            crate::model::DocKind::Essay => "introduction",
        };
        let id = c.anchor.id();
        let _ = write!(
            o,
            "<section epub:type=\"{kind}\" role=\"doc-{kind}\" id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h1 id=\"{id}-h\">"
        );
        text(&mut o, &c.title);
        o.push_str("</h1>\n");
        for (class, line) in [
            ("original", &c.original_title),
            ("byline", &c.byline),
            ("byline", &c.credits),
        ] {
            if let Some(line) = line {
                let _ = write!(o, "<p class=\"{class}\">");
                text(&mut o, line);
                o.push_str("</p>\n");
            }
        }
        match &c.parallel {
            Some(p) => self.parallel(&mut o, &c.body, p),
            None => self.body_blocks(&mut o, &c.body),
        }
        if let Some(note) = &c.source_note {
            o.push_str("<p class=\"source-note\">");
            runs_markup(&mut o, note);
            o.push_str("</p>\n");
        }
        self.notes(&mut o, &c.body);
        o.push_str("</section>\n");
        o.push_str(TAIL);
        Page { href, xhtml: o }
    }

    fn letter(&mut self, l: &Letter) -> Page {
        let href = self.start(&l.anchor);
        let glossary = PartKind::Glossary.title(self.words);
        let mut o = head(
            &format!("{glossary}: {}", l.letter),
            "glossary",
            self.words.lang,
        );
        if self.part.is_some() {
            o.push_str("<h1 class=\"part\">");
            text(&mut o, glossary);
            o.push_str("</h1>\n");
        }
        self.part_marks(&mut o);
        let id = l.anchor.id();
        let _ = writeln!(
            o,
            "<section epub:type=\"glossary\" role=\"doc-glossary\" id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h1 id=\"{id}-h\">{}</h1>",
            esc(&l.letter)
        );
        for e in &l.entries {
            self.entry(&mut o, e);
        }
        o.push_str("</section>\n");
        o.push_str(TAIL);
        Page { href, xhtml: o }
    }

    fn entry(&mut self, o: &mut String, e: &GlossaryEntry) {
        self.page_marks(o, &e.anchor);
        let a = e.anchor.id();
        let _ = write!(
            o,
            "<section class=\"entry\" id=\"{a}\" aria-labelledby=\"{a}-h\">\n<h2 id=\"{a}-h\">"
        );
        text(o, &e.term);
        o.push_str("</h2>\n<p class=\"headword\">");
        pinyin(o, &e.pinyin);
        o.push(' ');
        text_lang(o, &e.hanzi, "zh-Hans");
        if let Some(t) = &e.traditional {
            o.push_str(" (");
            text_lang(o, t, "zh-Hant");
            o.push(')');
        }
        o.push_str("</p>\n");
        self.body_blocks(o, &e.body);
        self.entry_lists(o, e);
        self.notes(o, &e.body);
        o.push_str("</section>\n");
    }

    /// The lists after an entry's essay, as the plan gives them.
    fn entry_lists(&mut self, o: &mut String, e: &GlossaryEntry) {
        for list in e.lists(self.words) {
            o.push_str("<p class=\"section-label\">");
            text(o, list.label);
            o.push_str("</p>\n");
            match &list.items {
                EntryItems::Refs(rs) => {
                    o.push_str("<p class=\"first\">");
                    for (i, (r, _)) in rs.iter().enumerate() {
                        if i > 0 {
                            o.push_str("; ");
                        }
                        self.reference(o, r);
                    }
                    o.push_str("</p>\n");
                }
                EntryItems::Works(ws) => {
                    o.push_str("<ul class=\"entry-list\">\n");
                    for w in ws.iter() {
                        o.push_str("<li>");
                        runs_markup(o, &w.runs);
                        o.push_str("</li>\n");
                    }
                    o.push_str("</ul>\n");
                }
            }
        }
    }

    fn reference(&self, o: &mut String, r: &Ref) {
        let class = if r.style == RefStyle::Term {
            " class=\"xref\""
        } else {
            ""
        };
        let _ = write!(
            o,
            "<a{class} href=\"{}\">",
            esc(&self.files.href(&r.target))
        );
        if r.style == RefStyle::Title {
            o.push_str("<i>");
            text(o, &r.words);
            o.push_str("</i>");
        } else {
            text(o, &r.words);
        }
        o.push_str("</a>");
    }

    fn bibliography(&mut self, works: &[Work]) -> Page {
        let href = self.start(&Anchor::Part(PartKind::Bibliography));
        let title = PartKind::Bibliography.title(self.words);
        let mut o = head(title, "bibliography", self.words.lang);
        self.part_marks(&mut o);
        o.push_str("<section epub:type=\"bibliography\" role=\"doc-bibliography\" aria-labelledby=\"bib-h\">\n<h1 id=\"bib-h\">");
        text(&mut o, title);
        o.push_str("</h1>\n<ul class=\"bib\">\n");
        for w in works {
            let mut marks = String::new();
            self.page_marks(&mut marks, &w.anchor);
            let _ = write!(o, "<li id=\"{}\">{marks}", w.anchor.id());
            runs_markup(&mut o, &w.runs);
            o.push_str("</li>\n");
        }
        o.push_str("</ul>\n</section>\n");
        o.push_str(TAIL);
        Page { href, xhtml: o }
    }

    fn indexes(&mut self, list: &[Index]) -> Page {
        let href = self.start(&Anchor::Part(PartKind::Index));
        let mut o = head(PartKind::Index.title(self.words), "index", self.words.lang);
        self.part_marks(&mut o);
        for ix in list {
            self.index(&mut o, ix);
        }
        o.push_str(TAIL);
        Page { href, xhtml: o }
    }

    fn index(&self, o: &mut String, ix: &Index) {
        let id = ix.anchor.id();
        let _ = writeln!(
            o,
            "<section epub:type=\"index\" role=\"doc-index\" id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h1 id=\"{id}-h\">{}</h1>\n<ul class=\"index-list\">",
            esc(ix.kind.title(self.words))
        );
        for g in &ix.groups {
            let _ = writeln!(o, "<li class=\"letter\">{}</li>", esc(&g.letter));
            for item in &g.items {
                self.index_item(o, &line(item, self.pages, self.words));
            }
        }
        o.push_str("</ul>\n</section>\n");
    }

    fn index_item(&self, o: &mut String, l: &Line) {
        o.push_str("<li>");
        self.index_line(o, l);
        if !l.subs.is_empty() {
            o.push_str("\n<ul class=\"subs\">\n");
            for sub in &l.subs {
                o.push_str("<li>");
                self.index_line(o, sub);
                o.push_str("</li>\n");
            }
            for g in &l.closing {
                o.push_str("<li><i>");
                text(o, g.word);
                o.push_str("</i> ");
                self.cross_words(o, &g.crosses);
                o.push_str("</li>\n");
            }
            o.push_str("</ul>");
        }
        o.push_str("</li>\n");
    }

    /// Heading, then "See" or the locators and "See also", as in print.
    fn index_line(&self, o: &mut String, l: &Line) {
        match l.heading {
            Heading::Words(w) => text(o, w),
            Heading::Pinyin(p) => pinyin(o, p),
            Heading::Chinese {
                hanzi,
                pinyin: py,
                term,
            } => {
                text_lang(o, hanzi, "zh-Hans");
                o.push(' ');
                pinyin(o, py);
                o.push(' ');
                self.reference(
                    o,
                    &Ref {
                        style: RefStyle::Plain,
                        ..term.clone()
                    },
                );
            }
        }
        match l.see {
            Some((word, r)) => {
                o.push_str(". <i>");
                text(o, word);
                o.push_str("</i> ");
                self.reference(
                    o,
                    &Ref {
                        style: RefStyle::Plain,
                        ..r.clone()
                    },
                );
            }
            None => self.locators(o, &l.locators),
        }
        for g in &l.crosses {
            o.push_str(". <i>");
            text(o, g.word);
            o.push_str("</i> ");
            self.cross_words(o, &g.crosses);
        }
    }

    /// "X; Y", each linked to its entry when it names one.
    fn cross_words(&self, o: &mut String, crosses: &[&crate::plan::Cross]) {
        for (i, c) in crosses.iter().enumerate() {
            if i > 0 {
                o.push_str("; ");
            }
            match &c.entry {
                Some(a) => {
                    let _ = write!(o, "<a href=\"{}\">", self.files.href(a));
                    text(o, &c.words);
                    o.push_str("</a>");
                }
                None => text(o, &c.words),
            }
        }
    }

    /// ", 3, **7**, 9–11", each linked to its first place.
    fn locators(&self, o: &mut String, ls: &[Locator]) {
        for l in ls {
            o.push_str(", ");
            match l {
                Locator::Pages {
                    first,
                    last,
                    place,
                    main,
                } => {
                    let n = page_range(*first, *last);
                    let n = if *main { format!("<b>{n}</b>") } else { n };
                    let _ =
                        write!(o, "<a href=\"{}\">{n}</a>", esc(&self.files.href(place)));
                }
                Locator::Main(a) => {
                    let _ = write!(
                        o,
                        "<a href=\"{}\"><b>{}</b></a>",
                        esc(&self.files.href(a)),
                        esc(self.words.entry)
                    );
                }
                Locator::Owner(r) => self.reference(o, r),
            }
        }
    }

    /// A parallel text: each segment a container holding the Chinese, then the
    /// English (side by side on wide screens, stacked on narrow ones, by CSS).
    fn parallel(&mut self, o: &mut String, b: &Body, p: &crate::plan::Parallel) {
        self.located_blocks(o, b, p.lead.iter().copied());
        o.push_str("<div class=\"parallel\">\n");
        for s in &p.segments {
            o.push_str("<div class=\"segment\">\n<div class=\"zh\" lang=\"zh-Hans\" xml:lang=\"zh-Hans\">\n");
            for x in &s.zh {
                self.block(o, b, x);
                o.push('\n');
            }
            o.push_str("</div>\n<div class=\"en\">\n");
            if s.en.is_empty() {
                o.push_str("<p class=\"omitted\">");
                text(o, self.words.not_translated);
                o.push_str("</p>\n");
            }
            for &i in &s.en {
                let Some(located) = b.blocks.get(i) else {
                    continue;
                };
                self.page_marks(o, &located.anchor);
                self.block(o, b, &located.block);
                o.push('\n');
            }
            o.push_str("</div>\n</div>\n");
        }
        o.push_str("</div>\n");
    }

    fn body_blocks(&mut self, o: &mut String, b: &Body) {
        self.located_blocks(o, b, 0..b.blocks.len());
    }

    /// The blocks `picked` of a body, with their print-page markers.
    fn located_blocks(
        &mut self,
        o: &mut String,
        b: &Body,
        picked: impl IntoIterator<Item = usize>,
    ) {
        for located in picked.into_iter().filter_map(|i| b.blocks.get(i)) {
            let mut marks = String::new();
            self.page_marks(&mut marks, &located.anchor);
            let mut block = String::new();
            self.block(&mut block, b, &located.block);
            // Inside a paragraph, so that `.byline + p` still finds it.
            match block.strip_prefix("<p>") {
                Some(rest) if !marks.is_empty() => {
                    o.push_str("<p>");
                    o.push_str(&marks);
                    o.push_str(rest);
                }
                _ => {
                    o.push_str(&marks);
                    o.push_str(&block);
                }
            }
            o.push('\n');
        }
    }

    /// Footnotes, as EPUB pop-up notes after the text.
    fn notes(&self, o: &mut String, b: &Body) {
        if b.notes.is_empty() {
            return;
        }
        let _ = writeln!(
            o,
            "<section class=\"notes\" role=\"doc-endnotes\" aria-label=\"{}\">",
            esc(self.words.notes)
        );
        for n in &b.notes {
            let _ = write!(
                o,
                "<aside epub:type=\"footnote\" role=\"doc-footnote\" id=\"{}\"><p><a href=\"#{}\" role=\"doc-backlink\">{}.</a> ",
                n.anchor.id(),
                n.back.id(),
                n.number
            );
            for (i, x) in n.blocks.iter().enumerate() {
                match x {
                    Block::Para(xs) => {
                        if i > 0 {
                            o.push_str("</p><p>");
                        }
                        self.inlines(o, b, xs);
                    }
                    other => {
                        o.push_str("</p>");
                        self.block(o, b, other);
                        o.push_str("<p>");
                    }
                }
            }
            o.push_str("</p></aside>\n");
        }
        o.push_str("</section>\n");
    }

    fn blocks(&self, o: &mut String, b: &Body, bs: &[Block]) {
        for x in bs {
            self.block(o, b, x);
            o.push('\n');
        }
    }

    fn block(&self, o: &mut String, b: &Body, x: &Block) {
        match x {
            Block::Para(xs) => {
                o.push_str("<p>");
                self.inlines(o, b, xs);
                o.push_str("</p>");
            }
            Block::Heading { level, content } => {
                // Book level 3 (below a document title) is h2 in a chapter's file.
                let h = level.saturating_sub(1).clamp(2, 6);
                let _ = write!(o, "<h{h}>");
                self.inlines(o, b, content);
                let _ = write!(o, "</h{h}>");
            }
            Block::Quote(bs) => {
                o.push_str("<blockquote>");
                self.blocks(o, b, bs);
                o.push_str("</blockquote>");
            }
            Block::List {
                ordered,
                start,
                items,
            } => self.list(o, b, *ordered, *start, items),
            Block::Table {
                aligns,
                header,
                rows,
            } => self.table(o, b, aligns, header, rows),
            Block::Code(c) => {
                let _ = write!(o, "<pre><code>{}</code></pre>", esc(c));
            }
            Block::Rule => o.push_str("<hr/>"),
            Block::Figure(f) => self.figure(o, b, f),
        }
    }

    /// `<figure>`: the image (`alt`, or `alt=""` and no role when it is
    /// decorative) and a `<figcaption>` with the label, caption and source.
    fn figure(&self, o: &mut String, b: &Body, f: &crate::plan::Figure) {
        o.push_str("<figure class=\"figure\"");
        if let Some(a) = &f.anchor {
            let _ = write!(o, " id=\"{}\"", a.id());
        }
        let _ = write!(
            o,
            "><img src=\"{}\" alt=\"{}\"{} style=\"width: {:.0}%\"/>",
            esc(&figure_href(&f.image)),
            esc(f.alt.as_deref().unwrap_or("")),
            if f.alt.is_none() {
                " role=\"presentation\""
            } else {
                ""
            },
            f.width * 100.0
        );
        if f.label.is_some() || !f.caption.is_empty() || !f.source.is_empty() {
            o.push_str("<figcaption>");
            if let Some(label) = &f.label {
                o.push_str("<span class=\"figure-label\">");
                text(o, label);
                o.push_str(".</span> ");
            }
            self.inlines(o, b, &f.caption);
            if !f.source.is_empty() {
                o.push_str("<span class=\"figure-source\">");
                self.inlines(o, b, &f.source);
                o.push_str("</span>");
            }
            o.push_str("</figcaption>");
        }
        o.push_str("</figure>");
    }

    fn list(
        &self,
        o: &mut String,
        b: &Body,
        ordered: bool,
        start: usize,
        items: &[Vec<Block>],
    ) {
        if ordered {
            let _ = write!(o, "<ol start=\"{start}\">");
        } else {
            o.push_str("<ul>");
        }
        for item in items {
            o.push_str("<li>");
            // Tight lists: a single paragraph item is written without <p>.
            match item.as_slice() {
                [Block::Para(xs)] => self.inlines(o, b, xs),
                _ => self.blocks(o, b, item),
            }
            o.push_str("</li>");
        }
        o.push_str(if ordered { "</ol>" } else { "</ul>" });
    }

    fn table(
        &self,
        o: &mut String,
        b: &Body,
        aligns: &[Align],
        header: &[Vec<Inline>],
        rows: &[Vec<Vec<Inline>>],
    ) {
        let class = |i: usize| match aligns.get(i) {
            Some(Align::Center) => " class=\"center\"",
            Some(Align::Right) => " class=\"right\"",
            _ => "",
        };
        o.push_str("<table><thead><tr>");
        for (i, c) in header.iter().enumerate() {
            let _ = write!(o, "<th scope=\"col\"{}>", class(i));
            self.inlines(o, b, c);
            o.push_str("</th>");
        }
        o.push_str("</tr></thead><tbody>");
        for row in rows {
            o.push_str("<tr>");
            for (i, c) in row.iter().enumerate() {
                let _ = write!(o, "<td{}>", class(i));
                self.inlines(o, b, c);
                o.push_str("</td>");
            }
            o.push_str("</tr>");
        }
        o.push_str("</tbody></table>");
    }

    fn inlines(&self, o: &mut String, b: &Body, xs: &[Inline]) {
        for x in xs {
            self.inline(o, b, x);
        }
    }

    fn inline(&self, o: &mut String, b: &Body, x: &Inline) {
        match x {
            Inline::Text(t) => text(o, t),
            Inline::Emph(c) => self.wrap(o, b, "em", c),
            Inline::Strong(c) => self.wrap(o, b, "strong", c),
            Inline::Strike(c) => self.wrap(o, b, "del", c),
            Inline::Code(c) => {
                let _ = write!(o, "<code>{}</code>", esc(c));
            }
            Inline::Link { url, content } => {
                let _ = write!(o, "<a href=\"{}\">", esc(url));
                self.inlines(o, b, content);
                o.push_str("</a>");
            }
            Inline::XRef {
                words,
                target,
                place,
            } => match target {
                Some(t) => {
                    let _ = write!(
                        o,
                        "<a class=\"xref\" id=\"{}\" href=\"{}\">",
                        place.id(),
                        esc(&self.files.href(t))
                    );
                    text(o, words);
                    o.push_str("</a>");
                }
                None => {
                    o.push_str("<span class=\"xref\">");
                    text(o, words);
                    o.push_str("</span>");
                }
            },
            Inline::Cite { runs, target } => {
                let _ = write!(
                    o,
                    "<a class=\"cite\" href=\"{}\">",
                    esc(&self.files.href(target))
                );
                runs_markup(o, runs);
                o.push_str("</a>");
            }
            Inline::FigRef {
                words,
                target,
                place,
                bracketed,
            } => {
                if *bracketed {
                    o.push('(');
                }
                let _ = write!(
                    o,
                    "<a class=\"figref\" id=\"{}\" href=\"{}\">",
                    place.id(),
                    esc(&self.files.href(target))
                );
                text(o, words);
                o.push_str("</a>");
                if *bracketed {
                    o.push(')');
                }
            }
            Inline::NoteRef { number } => self.note_ref(o, b, *number),
            Inline::Mark { place } => {
                let _ = write!(o, "<span class=\"ix\" id=\"{}\"></span>", place.id());
            }
            Inline::SoftBreak => o.push(' '),
            Inline::LineBreak => o.push_str("<br/>"),
        }
    }

    fn note_ref(&self, o: &mut String, b: &Body, number: usize) {
        let Some(n) = b.notes.get(number.wrapping_sub(1)) else {
            return;
        };
        let _ = write!(
            o,
            "<sup><a epub:type=\"noteref\" role=\"doc-noteref\" id=\"{}\" href=\"#{}\">{number}</a></sup>",
            n.back.id(),
            n.anchor.id()
        );
    }

    fn wrap(&self, o: &mut String, b: &Body, tag: &str, c: &[Inline]) {
        let _ = write!(o, "<{tag}>");
        self.inlines(o, b, c);
        let _ = write!(o, "</{tag}>");
    }
}

/// The opening of an XHTML content document.
pub(super) fn head(title: &str, body_class: &str, lang: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"{lang}\" xml:lang=\"{lang}\">\n<head>\n<meta charset=\"UTF-8\"/>\n<title>{}</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"css/book.css\"/>\n</head>\n<body class=\"{body_class}\">\n",
        esc(title)
    )
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
            let expected: String = s
                .chars()
                .map(|c| if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') || matches!(c, '\u{FFFE}' | '\u{FFFF}') { '\u{FFFD}' } else { c })
                .collect();
            let got: String = doc.root_element().descendants().filter(|n| n.is_text()).map(|n| n.text().unwrap()).collect();
            // XML normalises line ends.
            prop_assert_eq!(got, expected.replace("\r\n", "\n").replace('\r', "\n"));
        }
    }
}
