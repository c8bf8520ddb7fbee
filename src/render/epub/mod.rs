//! The EPUB writer: model → XHTML (one file per document and glossary letter) →
//! EPUB 3 package, with embedded fonts, a cover, and print page numbers taken from
//! the typst layout of the PDF of the same reader and paper.

mod package;
pub mod subset;
pub mod xhtml;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::cite::{self, Formatted};
use crate::diag::Diagnostic;
use crate::model::{DocKind, Inline, Owner, Project, Reader, Selection, walk_inlines};
use crate::render::book::{self, IndexLine, ZhLine};
use crate::render::pdf::{self, PageMap};
use crate::render::{Stamp, fonts, pretty_date};
pub use package::stable_uuid;
use package::{Item, Package, TocNode, xhtml_head};
use xhtml::{Ctx, Files, esc, id_safe, text, text_lang};

/// The stylesheet compiled into the binary (a content folder's `layouts/epub.css`
/// replaces it).
pub const CSS: &str = include_str!("../../../layouts/epub.css");
/// The cover layout.
pub const COVER: &str = include_str!("../../../layouts/cover.typ");

/// Options of the EPUB writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Paper of the PDF whose page numbers the EPUB carries.
    pub paper: pdf::Paper,
    /// Lay out the PDF to get print page numbers (slower).
    pub page_numbers: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            paper: pdf::Paper::Letter,
            page_numbers: true,
        }
    }
}

/// Builds the EPUB of a reader. `pages` are the print pages when the caller already
/// laid out the PDF (the `build` command); otherwise they are computed when
/// `options.page_numbers` is set.
pub fn epub(
    project: &Project,
    reader: &Reader,
    options: &Options,
    pages: Option<&PageMap>,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    // The cover is a typst document of its own: render it on the second core while
    // this one formats citations and writes the XHTML.
    let stamp = Stamp::for_reader(reader);
    std::thread::scope(|scope| {
        let cover = scope.spawn(move || cover_png(reader, stamp));
        let join = move || {
            cover.join().unwrap_or_else(|_| {
                Err(vec![Diagnostic::error("E0903", "cover rendering failed")])
            })
        };
        epub_with_cover(project, reader, options, pages, join)
    })
}

fn epub_with_cover(
    project: &Project,
    reader: &Reader,
    options: &Options,
    pages: Option<&PageMap>,
    cover: impl FnOnce() -> Result<Vec<u8>, Vec<Diagnostic>>,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let selection = project.select(reader);
    let cites = cite::format(project, &selection);
    let stamp = Stamp::for_reader(reader);
    let computed;
    let pages = match pages {
        Some(p) => Some(p),
        None if options.page_numbers => {
            let pdf_opts = pdf::Options {
                paper: options.paper,
                standards: false,
            };
            let files = pdf::sources(project, reader, &selection, &cites, &pdf_opts);
            computed = pdf::page_map(&pdf::compile(files, stamp)?.document);
            Some(&computed)
        }
        None => None,
    };
    let files = Files::plan(project, &selection);
    let writer = xhtml::Writer {
        project,
        selection: &selection,
        cites: &cites,
        files: &files,
        pages,
        marks: Default::default(),
        last_page: Default::default(),
    };
    let mut items = Vec::new();
    items.push(Item {
        href: "images/cover.png".into(),
        media_type: "image/png",
        data: Vec::new(),
        properties: Some("cover-image"),
        spine: None,
    });
    items.push(doc_item("cover.xhtml", cover_page(reader)));
    items.push(doc_item("title.xhtml", title_page(reader)));
    let mut toc = vec![TocNode {
        label: "Title page".into(),
        href: "title.xhtml".into(),
        children: vec![],
    }];
    let mut page_list: Vec<(String, String)> = Vec::new();

    // Documents.
    let mut doc_nodes = Vec::new();
    for id in &selection.documents {
        let d = &project.documents[id];
        let owner = Owner::Document(d.id.clone());
        let file = &files.documents[id];
        let mut o = xhtml_head(&d.title, "document");
        let kind = match d.kind {
            DocKind::Translation => "chapter",
            DocKind::Essay => "introduction",
        };
        let _ = write!(
            o,
            "<section epub:type=\"{kind}\" role=\"doc-chapter\" id=\"{}\" aria-labelledby=\"{0}-h\">\n<h1 id=\"{0}-h\">",
            owner.anchor()
        );
        text(&mut o, &d.title);
        o.push_str("</h1>\n");
        if let Some(t) = &d.original_title {
            o.push_str("<p class=\"original\">");
            text(&mut o, t);
            o.push_str("</p>\n");
        }
        let meta: Vec<String> = [d.author.clone(), d.date.as_deref().map(pretty_date)]
            .into_iter()
            .flatten()
            .collect();
        if !meta.is_empty() {
            o.push_str("<p class=\"byline\">");
            text(&mut o, &meta.join(", "));
            o.push_str("</p>\n");
        }
        if let Some(t) = &d.translator {
            o.push_str("<p class=\"byline\">Translated by ");
            text(&mut o, t);
            o.push_str("</p>\n");
        }
        let mut ctx = Ctx::new(owner, 1, &d.body);
        writer.top_blocks(&mut o, &mut ctx, &d.body.blocks);
        writer.notes(&mut o, &mut ctx);
        o.push_str("</section>\n</body>\n</html>\n");
        collect_pages(&o, file, &mut page_list);
        doc_nodes.push(TocNode {
            label: esc(&d.title),
            href: file.clone(),
            children: vec![],
        });
        items.push(doc_item(file, o));
    }
    if !doc_nodes.is_empty() {
        toc.push(TocNode {
            label: "Documents".into(),
            href: doc_nodes[0].href.clone(),
            children: doc_nodes,
        });
    }

    // Glossary, one file per letter.
    let mut letters: BTreeMap<&String, Vec<&String>> = BTreeMap::new();
    for id in &selection.entries {
        letters.entry(&files.entries[id]).or_default().push(id);
    }
    let mut letter_files: Vec<(&String, Vec<&String>)> = letters.into_iter().collect();
    letter_files
        .sort_by_key(|(_, ids)| selection.entries.iter().position(|e| e == ids[0]));
    let mut letter_nodes = Vec::new();
    for (file, ids) in letter_files {
        let letter = book::initial(&project.entries[ids[0]].term);
        let mut o = xhtml_head(&format!("Glossary: {letter}"), "glossary");
        let _ = writeln!(
            o,
            "<section epub:type=\"glossary\" aria-labelledby=\"{}-h\">\n<h1 id=\"{0}-h\">{}</h1>",
            id_safe(&letter),
            esc(&letter)
        );
        let mut entry_nodes = Vec::new();
        for id in ids {
            let e = &project.entries[id];
            let owner = Owner::Entry(e.id.clone());
            let a = owner.anchor();
            let mut ctx = Ctx::new(owner, 2, &e.body);
            writer.page_marks(&mut o, pages.and_then(|p| p.entries.get(id).copied()));
            let _ = write!(
                o,
                "<section class=\"entry\" id=\"{a}\" aria-labelledby=\"{a}-h\">\n<h2 id=\"{a}-h\">"
            );
            text(&mut o, &e.term);
            o.push_str("</h2>\n<p class=\"headword\"><span class=\"pinyin\" lang=\"zh-Latn-pinyin\" xml:lang=\"zh-Latn-pinyin\">");
            o.push_str(&esc(&e.pinyin));
            o.push_str("</span> ");
            text_lang(&mut o, &e.hanzi, "zh-Hans");
            if let Some(t) = &e.traditional {
                o.push_str(" (");
                text_lang(&mut o, t, "zh-Hant");
                o.push(')');
            }
            o.push_str("</p>\n");
            writer.top_blocks(&mut o, &mut ctx, &e.body.blocks);
            entry_lists(&mut o, project, &selection, &cites, &files, e);
            writer.notes(&mut o, &mut ctx);
            o.push_str("</section>\n");
            entry_nodes.push(TocNode {
                label: esc(&e.term),
                href: format!("{file}#{a}"),
                children: vec![],
            });
        }
        o.push_str("</section>\n</body>\n</html>\n");
        collect_pages(&o, file, &mut page_list);
        letter_nodes.push(TocNode {
            label: esc(&letter),
            href: file.clone(),
            children: entry_nodes,
        });
        items.push(doc_item(file, o));
    }
    if !letter_nodes.is_empty() {
        toc.push(TocNode {
            label: "Glossary".into(),
            href: letter_nodes[0].href.clone(),
            children: letter_nodes,
        });
    }

    // Bibliography and indexes.
    if !cites.bibliography.is_empty() {
        let xhtml = bibliography(&writer, &cites);
        collect_pages(&xhtml, "bibliography.xhtml", &mut page_list);
        items.push(doc_item("bibliography.xhtml", xhtml));
        toc.push(TocNode {
            label: "Bibliography".into(),
            href: "bibliography.xhtml".into(),
            children: vec![],
        });
    }
    items.push(doc_item(
        "index.xhtml",
        indexes(project, &selection, &files, pages),
    ));
    toc.push(TocNode {
        label: "Index".into(),
        href: "index.xhtml".into(),
        children: vec![
            TocNode {
                label: "General index".into(),
                href: "index.xhtml#general-index".into(),
                children: vec![],
            },
            TocNode {
                label: "Chinese terms".into(),
                href: "index.xhtml#chinese-index".into(),
                children: vec![],
            },
        ],
    });

    // Resources.
    let css = project
        .layouts
        .get("epub.css")
        .cloned()
        .unwrap_or_else(|| CSS.to_string());
    items.push(Item {
        href: "css/book.css".into(),
        media_type: "text/css",
        data: css.into_bytes(),
        properties: None,
        spine: None,
    });
    for name in [
        "LibertinusSerif-Regular.otf",
        "LibertinusSerif-Italic.otf",
        "LibertinusSerif-Bold.otf",
    ] {
        if let Some(f) = fonts::FONT_FILES.iter().find(|f| f.name == name) {
            items.push(Item {
                href: format!("fonts/{name}"),
                media_type: "font/otf",
                data: f.data.to_vec(),
                properties: None,
                spine: None,
            });
        }
    }
    let used: BTreeSet<char> = items
        .iter()
        .filter(|i| i.media_type == "application/xhtml+xml")
        .flat_map(|i| {
            String::from_utf8_lossy(&i.data)
                .chars()
                .filter(|c| !c.is_ascii())
                .collect::<Vec<_>>()
        })
        .chain("，。、：；！？（）《》“”‘’".chars())
        .collect();
    if let Some(cjk) = fonts::FONT_FILES
        .iter()
        .find(|f| f.name.starts_with("NotoSerifSC-Regular"))
        && let Some(data) = subset::subset(cjk.data, &used)
    {
        items.push(Item {
            href: "fonts/NotoSerifSC-subset.otf".into(),
            media_type: "font/otf",
            data,
            properties: None,
            spine: None,
        });
    }

    let first_body = items
        .iter()
        .find(|i| {
            i.href != "cover.xhtml"
                && i.href != "title.xhtml"
                && i.media_type == "application/xhtml+xml"
        })
        .map(|i| i.href.clone())
        .unwrap_or_else(|| "title.xhtml".into());
    let mut landmarks = vec![
        ("cover", "Cover", "cover.xhtml".to_string()),
        ("titlepage", "Title page", "title.xhtml".to_string()),
        ("toc", "Contents", "nav.xhtml#toc".to_string()),
        ("bodymatter", "Start of content", first_body),
    ];
    if !cites.bibliography.is_empty() {
        landmarks.push(("bibliography", "Bibliography", "bibliography.xhtml".into()));
    }
    landmarks.push(("index", "Index", "index.xhtml".into()));
    page_list.sort_by_key(|(label, _)| label.parse::<u64>().unwrap_or(u64::MAX));
    page_list.dedup_by(|a, b| a.0 == b.0);
    items[0].data = cover()?;
    let package = Package {
        identifier: format!(
            "urn:uuid:{}",
            stable_uuid(&format!("ccp-press/{}/{}", reader.name, reader.title))
        ),
        title: reader.title.clone(),
        subtitle: reader.subtitle.clone(),
        editors: reader.editors.clone(),
        date: reader.date.clone(),
        modified: stamp,
        page_source: pages.map(|_| {
            format!(
                "{} (print edition, {} paper)",
                reader.title,
                match options.paper {
                    pdf::Paper::Letter => "US letter",
                    pdf::Paper::A4 => "A4",
                }
            )
        }),
        toc,
        landmarks,
        pages: page_list,
        items,
    };
    package::zip(&package)
        .map_err(|e| vec![Diagnostic::error("E0903", format!("EPUB packaging: {e}"))])
}

fn doc_item(href: &str, xhtml: String) -> Item {
    Item {
        href: href.to_string(),
        media_type: "application/xhtml+xml",
        data: xhtml.into_bytes(),
        properties: None,
        spine: Some(true),
    }
}

/// Page-list entries for the page-break markers of one file.
fn collect_pages(xhtml: &str, file: &str, out: &mut Vec<(String, String)>) {
    let marker = "id=\"page-";
    let mut rest = xhtml;
    while let Some(i) = rest.find(marker) {
        let after = &rest[i + marker.len()..];
        let end = after.find('"').unwrap_or(0);
        let n = &after[..end];
        out.push((n.to_string(), format!("{file}#page-{n}")));
        rest = &after[end..];
    }
}

fn cover_png(reader: &Reader, stamp: Stamp) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let str_lit = |s: &str| pdf::markup::str_lit(&crate::render::script::smart_quotes(s));
    let editors: Vec<String> = reader.editors.iter().map(|e| str_lit(e)).collect();
    let main = format!(
        "#import \"/layouts/cover.typ\": cover\n#cover({}, {}, ({}{}), {})\n",
        str_lit(&reader.title),
        reader.subtitle.as_deref().map_or("none".into(), &str_lit),
        editors.join(", "),
        if editors.len() == 1 { "," } else { "" },
        reader.edition.as_deref().map_or("none".into(), &str_lit),
    );
    let compiled = pdf::compile(
        vec![
            ("/main.typ".into(), main),
            ("/layouts/cover.typ".into(), COVER.to_string()),
        ],
        stamp,
    )?;
    let page = compiled
        .document
        .pages()
        .first()
        .ok_or_else(|| vec![Diagnostic::error("E0903", "cover has no page")])?;
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(2.0),
        ..Default::default()
    };
    typst_render::render(page, &options)
        .encode_png()
        .map_err(|e| vec![Diagnostic::error("E0903", format!("cover PNG: {e}"))])
}

fn cover_page(reader: &Reader) -> String {
    let mut o = xhtml_head(&reader.title, "cover");
    let _ = writeln!(
        o,
        "<section epub:type=\"cover\" class=\"cover\"><img src=\"images/cover.png\" alt=\"Cover: {}\"/></section>\n</body>\n</html>",
        esc(&reader.title)
    );
    o
}

fn title_page(reader: &Reader) -> String {
    let mut o = xhtml_head(&reader.title, "titlepage");
    o.push_str(
        "<section epub:type=\"titlepage\" class=\"title-page\">\n<h1 class=\"title\">",
    );
    text(&mut o, &reader.title);
    o.push_str("</h1>\n");
    if let Some(s) = &reader.subtitle {
        o.push_str("<p class=\"subtitle\">");
        text(&mut o, s);
        o.push_str("</p>\n");
    }
    if !reader.editors.is_empty() {
        o.push_str("<p>Edited by ");
        text(&mut o, &reader.editors.join(", "));
        o.push_str("</p>\n");
    }
    o.push_str("<div class=\"colophon\">\n");
    let ed: Vec<String> = [
        reader.edition.clone(),
        reader.date.as_deref().map(pretty_date),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !ed.is_empty() {
        o.push_str("<p>");
        text(&mut o, &ed.join(", "));
        o.push_str("</p>\n");
    }
    o.push_str("<p>Set in Libertinus Serif and Noto Serif CJK SC. Citations follow the Chicago Manual of Style, 18th edition, author-date system.</p>\n<p>Made with ccp-press.</p>\n</div>\n</section>\n</body>\n</html>\n");
    o
}

/// "See also", "Sources" and "Mentioned in" of an entry.
fn entry_lists(
    o: &mut String,
    project: &Project,
    sel: &Selection,
    cites: &Formatted,
    files: &Files,
    e: &crate::model::Entry,
) {
    let see = book::see_also(project, sel, e);
    if !see.is_empty() {
        o.push_str("<p class=\"section-label\">See also</p>\n<p class=\"first\">");
        let links: Vec<String> = see
            .iter()
            .filter_map(|t| {
                let href = files.owner_href(&Owner::Entry(t.id.clone()))?;
                let mut s = format!("<a class=\"xref\" href=\"{href}\">");
                text(&mut s, &t.term);
                s.push_str("</a>");
                Some(s)
            })
            .collect();
        o.push_str(&links.join("; "));
        o.push_str("</p>\n");
    }
    let sources = book::sources(cites, e);
    if !sources.is_empty() {
        o.push_str("<p class=\"section-label\">Sources</p>\n<ul class=\"entry-list\">\n");
        for k in sources {
            if let Some(r) = cites.reference(k) {
                o.push_str("<li>");
                xhtml::styled(o, r);
                o.push_str("</li>\n");
            }
        }
        o.push_str("</ul>\n");
    }
    let mentioned = book::mentioned_in(sel, e);
    if !mentioned.is_empty() {
        o.push_str("<p class=\"section-label\">Mentioned in</p>\n<p class=\"first\">");
        let links: Vec<String> = mentioned
            .iter()
            .filter_map(|owner| {
                let href = files.owner_href(owner)?;
                let class = if matches!(owner, Owner::Entry(_)) {
                    " class=\"xref\""
                } else {
                    ""
                };
                let mut s = format!("<a{class} href=\"{href}\">");
                owner_label(&mut s, project, owner);
                s.push_str("</a>");
                Some(s)
            })
            .collect();
        o.push_str(&links.join("; "));
        o.push_str("</p>\n");
    }
}

fn bibliography(writer: &xhtml::Writer, cites: &Formatted) -> String {
    let mut o = xhtml_head("Bibliography", "bibliography");
    o.push_str("<section epub:type=\"bibliography\" role=\"doc-bibliography\" aria-labelledby=\"bib-h\">\n<h1 id=\"bib-h\">Bibliography</h1>\n<ul class=\"bib\">\n");
    for (key, r) in &cites.bibliography {
        let page = writer
            .pages
            .and_then(|p| p.blocks.get(&format!("bib-{key}")).copied());
        let mut marks = String::new();
        writer.page_marks(&mut marks, page);
        let _ = write!(o, "<li id=\"bib-{}\">{marks}", id_safe(key));
        xhtml::styled(&mut o, r);
        o.push_str("</li>\n");
    }
    o.push_str("</ul>\n</section>\n</body>\n</html>\n");
    o
}

/// Where each entry is mentioned, in book order: (owner, xref anchor).
fn places(project: &Project, sel: &Selection) -> BTreeMap<String, Vec<(Owner, String)>> {
    let mut out: BTreeMap<String, Vec<(Owner, String)>> = BTreeMap::new();
    for (owner, body) in book::bodies(project, sel) {
        walk_inlines(body, &mut |i| {
            if let Inline::XRef { target, span, .. } = i
                && sel.has_entry(target)
            {
                out.entry(target.clone())
                    .or_default()
                    .push((owner.clone(), pdf::markup::xref_anchor(*span)));
            }
        });
    }
    out
}

/// Locators: with print pages, page numbers (ranges merged, each linked to its first
/// place); without, the title of each document or entry that mentions the term.
fn locators(
    project: &Project,
    files: &Files,
    pages: Option<&PageMap>,
    places: &[(Owner, String)],
) -> Vec<String> {
    let file_of = |owner: &Owner| match owner {
        Owner::Entry(id) => files.entries.get(id).cloned().unwrap_or_default(),
        Owner::Document(id) => files.documents.get(id).cloned().unwrap_or_default(),
    };
    match pages {
        Some(pm) => {
            let mut by_page: BTreeMap<u64, String> = BTreeMap::new();
            for (owner, anchor) in places {
                if let Some(p) = pm.xrefs.get(anchor) {
                    by_page
                        .entry(*p)
                        .or_insert_with(|| format!("{}#{anchor}", file_of(owner)));
                }
            }
            let pages: Vec<(u64, String)> = by_page.into_iter().collect();
            let mut out = Vec::new();
            let mut i = 0;
            while i < pages.len() {
                let mut j = i;
                while j + 1 < pages.len() && pages[j + 1].0 == pages[j].0 + 1 {
                    j += 1;
                }
                let label = if j > i {
                    format!("{}–{}", pages[i].0, pages[j].0)
                } else {
                    pages[i].0.to_string()
                };
                out.push(format!("<a href=\"{}\">{label}</a>", esc(&pages[i].1)));
                i = j + 1;
            }
            out
        }
        None => {
            let mut seen = BTreeSet::new();
            let mut out = Vec::new();
            for (owner, anchor) in places {
                if seen.insert(owner.clone()) {
                    let mut s = format!("<a href=\"{}#{anchor}\">", file_of(owner));
                    owner_label(&mut s, project, owner);
                    s.push_str("</a>");
                    out.push(s);
                }
            }
            out
        }
    }
}

fn indexes(
    project: &Project,
    sel: &Selection,
    files: &Files,
    pages: Option<&PageMap>,
) -> String {
    let places = places(project, sel);
    let mut o = xhtml_head("Index", "index");
    o.push_str("<section epub:type=\"index\" role=\"doc-index\" id=\"general-index\" aria-labelledby=\"gi-h\">\n<h1 id=\"gi-h\">Index</h1>\n<ul class=\"index\">\n");
    let marks = mark_places(project, sel);
    for line in book::general_index(project, sel) {
        match line {
            IndexLine::Letter(l) => {
                let _ = writeln!(o, "<li class=\"letter\">{}</li>", esc(&l));
            }
            IndexLine::Entry { words, id } => {
                o.push_str("<li>");
                text(&mut o, &words);
                let head = files
                    .owner_href(&Owner::Entry(id.clone()))
                    .unwrap_or_default();
                let head_label = pages
                    .and_then(|p| p.entries.get(&id))
                    .map_or("entry".to_string(), |p| p.to_string());
                let _ = write!(o, ", <a href=\"{head}\"><b>{head_label}</b></a>");
                let places = places.get(&id).map_or(&[][..], Vec::as_slice);
                push_list(&mut o, &locators(project, files, pages, places));
                o.push_str("</li>\n");
            }
            IndexLine::See {
                words,
                pinyin,
                term,
                id,
            } => {
                o.push_str("<li>");
                if pinyin {
                    let _ = write!(
                        o,
                        "<i lang=\"zh-Latn-pinyin\" xml:lang=\"zh-Latn-pinyin\">{}</i>",
                        esc(&words)
                    );
                } else {
                    text(&mut o, &words);
                }
                let href = files.owner_href(&Owner::Entry(id)).unwrap_or_default();
                let _ = write!(o, ". <i>See</i> <a href=\"{href}\">");
                text(&mut o, &term);
                o.push_str("</a></li>\n");
            }
            IndexLine::Mark { words, key } => {
                o.push_str("<li>");
                text(&mut o, &words);
                let links: Vec<String> = marks
                    .get(&key)
                    .into_iter()
                    .flatten()
                    .filter_map(|(owner, term)| {
                        let href = xhtml::mark_href(files, owner, term)?;
                        let mut s = format!("<a href=\"{href}\">");
                        owner_label(&mut s, project, owner);
                        s.push_str("</a>");
                        Some(s)
                    })
                    .collect();
                push_list(&mut o, &links);
                o.push_str("</li>\n");
            }
        }
    }
    o.push_str("</ul>\n</section>\n<section epub:type=\"index\" role=\"doc-index\" id=\"chinese-index\" aria-labelledby=\"ci-h\">\n<h1 id=\"ci-h\">Chinese terms</h1>\n<ul class=\"index\">\n");
    for line in book::chinese_index(project, sel) {
        match line {
            ZhLine::Letter(l) => {
                let _ = writeln!(o, "<li class=\"letter\">{}</li>", esc(&l));
            }
            ZhLine::Entry { id } => {
                let e = &project.entries[&id];
                o.push_str("<li>");
                text_lang(&mut o, &e.hanzi, "zh-Hans");
                let _ = write!(
                    o,
                    " <i lang=\"zh-Latn-pinyin\" xml:lang=\"zh-Latn-pinyin\">{}</i> ",
                    esc(&e.pinyin)
                );
                let href = files
                    .owner_href(&Owner::Entry(id.clone()))
                    .unwrap_or_default();
                let _ = write!(o, "<a href=\"{href}\">");
                text(&mut o, &e.term);
                o.push_str("</a>");
                let places = places.get(&id).map_or(&[][..], Vec::as_slice);
                push_list(&mut o, &locators(project, files, pages, places));
                o.push_str("</li>\n");
            }
        }
    }
    o.push_str("</ul>\n</section>\n</body>\n</html>\n");
    o
}

/// `, a, b, c` after an index term, when there are links.
fn push_list(o: &mut String, links: &[String]) {
    if !links.is_empty() {
        o.push_str(", ");
        o.push_str(&links.join(", "));
    }
}

/// The name of a document (italic) or entry, as link text.
fn owner_label(o: &mut String, project: &Project, owner: &Owner) {
    match owner {
        Owner::Entry(id) => text(o, &project.entries[id].term),
        Owner::Document(id) => {
            o.push_str("<i>");
            text(o, &project.documents[id].title);
            o.push_str("</i>");
        }
    }
}

/// Index marks: key → (owner, term as written), first per owner.
fn mark_places(
    project: &Project,
    sel: &Selection,
) -> BTreeMap<String, Vec<(Owner, String)>> {
    let mut out: BTreeMap<String, Vec<(Owner, String)>> = BTreeMap::new();
    for (owner, body) in book::bodies(project, sel) {
        walk_inlines(body, &mut |i| {
            if let Inline::IndexMark(t) = i {
                let list = out.entry(crate::model::sort_key(t)).or_default();
                if !list.iter().any(|(o, _)| *o == owner) {
                    list.push((owner.clone(), t.clone()));
                }
            }
        });
    }
    out
}
