//! The EPUB edition: book plan → XHTML pages ([`xhtml`]) → EPUB 3 package
//! ([`package`]) with the contents, landmarks, page list, embedded fonts (a Chinese
//! subset made from the plan's characters) and a cover rendered by typst.

mod package;
pub mod subset;
mod svg;
pub mod xhtml;

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::diag::{Diagnostic, codes};
use crate::fonts;
use crate::model::Stamp;
use crate::plan::Paper;
use crate::plan::{Anchor, Book, OutlineItem, OutlineKind, PageMap, PartKind};
use crate::render::typeset;
pub use package::stable_uuid;
use package::{Item, Package, TocNode};
use xhtml::{Files, Page, esc, head as xhtml_head, text};

/// The stylesheet compiled into the binary (a content folder's `layouts/epub.css`
/// replaces it).
pub const CSS: &str = include_str!("../../../layouts/epub.css");
/// The cover layout.
pub const COVER: &str = include_str!("../../../layouts/cover.typ");

/// What the EPUB is made from besides the plan.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// Print page numbers, from the layout of the PDF of the same reader and paper.
    pub pages: Option<&'a PageMap>,
    /// The paper of that PDF (named in `dc:source`).
    pub paper: Paper,
    /// The stylesheet.
    pub css: &'a str,
    /// The build's fixed moment.
    pub stamp: Stamp,
}

/// Makes the EPUB of a planned book. The cover is rendered on the second core
/// while this one writes the pages.
pub fn epub(book: &Book, options: &Options) -> Result<Vec<u8>, Vec<Diagnostic>> {
    std::thread::scope(|scope| {
        let cover = scope.spawn(|| cover_png(book, options.stamp));
        let files = Files::of(book);
        let mut writer = xhtml::Writer::new(&files, options.pages, book.words);
        let pages = writer.book(book);
        if !writer.unfiled.is_empty() {
            return Err(vec![
                Diagnostic::new(
                    codes::E0903,
                    format!("no EPUB file for {}", writer.unfiled.join(", ")),
                )
                .help("this is a bug in ccp-press; please report it"),
            ]);
        }
        let page_list = std::mem::take(&mut writer.page_list);
        let cover = cover.join().unwrap_or_else(|_| {
            Err(vec![Diagnostic::new(
                codes::E0903,
                "the cover could not be rendered",
            )])
        })?;
        let package = Package {
            identifier: format!(
                "urn:uuid:{}",
                stable_uuid(&format!("ccp-press/{}/{}", book.meta.name, book.meta.title))
            ),
            title: book.meta.title.clone(),
            subtitle: book.meta.subtitle.clone(),
            editors: book.meta.editors.clone(),
            contributors: book.meta.contributors.clone(),
            publisher: book.meta.publisher.clone(),
            date: book.meta.date.clone(),
            modified: options.stamp,
            page_source: options.pages.map(|_| page_source(book, options.paper)),
            toc: contents(book, &files),
            landmarks: landmarks(book, &files),
            figures: figure_list(book, &files),
            words: book.words,
            pages: page_list,
            items: items(book, pages, cover, options.css)?,
        };
        package::zip(&package).map_err(|e| {
            vec![Diagnostic::new(
                codes::E0903,
                format!("EPUB packaging: {e}"),
            )]
        })
    })
}

fn page_source(book: &Book, paper: Paper) -> String {
    let w = book.words;
    let paper = match paper {
        Paper::Letter => w.us_letter,
        Paper::A4 => w.a4,
    };
    format!(
        "{} ({}, {paper} {})",
        book.meta.title, w.print_edition, w.paper
    )
}

/// Every file of the publication: cover, title page, the pages, the stylesheet and
/// the fonts.
fn items(
    book: &Book,
    pages: Vec<Page>,
    cover: Vec<u8>,
    css: &str,
) -> Result<Vec<Item>, Vec<Diagnostic>> {
    let mut items = vec![
        Item {
            href: "images/cover.png".into(),
            media_type: "image/png",
            data: cover,
            properties: Some("cover-image"),
            spine: None,
        },
        doc_item("cover.xhtml", cover_page(book)),
        doc_item("title.xhtml", title_page(book)),
    ];
    items.extend(pages.into_iter().map(|p| doc_item(&p.href, p.xhtml)));
    items.push(Item {
        href: "css/book.css".into(),
        media_type: "text/css",
        data: css.as_bytes().to_vec(),
        properties: None,
        spine: None,
    });
    items.extend(book.images.iter().map(|i| {
        Item {
            href: xhtml::figure_href(&i.name),
            media_type: i.format.media_type(),
            data: match i.format {
                crate::model::ImageFormat::Svg => svg::outlined(&i.bytes),
                _ => None,
            }
            .unwrap_or_else(|| i.bytes.to_vec()),
            properties: None,
            spine: None,
        }
    }));
    items.extend(font_items(book)?);
    Ok(items)
}

/// Libertinus, and the Chinese face cut to the characters the book prints.
fn font_items(book: &Book) -> Result<Vec<Item>, Vec<Diagnostic>> {
    let font = |name: &str, data: Vec<u8>| Item {
        href: format!("fonts/{name}"),
        media_type: "font/otf",
        data,
        properties: None,
        spine: None,
    };
    let mut out = Vec::new();
    for name in [
        "LibertinusSerif-Regular.otf",
        "LibertinusSerif-Italic.otf",
        "LibertinusSerif-Bold.otf",
    ] {
        if let Some(f) = fonts::FONT_FILES.iter().find(|f| f.name == name) {
            out.push(font(name, f.data.to_vec()));
        }
    }
    let mut used: BTreeSet<char> = "，。、：；！？（）《》“”‘’".chars().collect();
    book.strings(&mut |s| used.extend(s.chars().filter(|c| !c.is_ascii())));
    let subset = fonts::FONT_FILES
        .iter()
        .find(|f| f.name.starts_with("NotoSerifSC-Regular"))
        .and_then(|cjk| subset::subset(cjk.data, &used))
        .ok_or_else(|| {
            vec![
                Diagnostic::new(
                    codes::E0905,
                    "the Chinese font subset for the EPUB could not be made",
                )
                .help("this is a bug in ccp-press; the PDF is not affected"),
            ]
        })?;
    out.push(font("NotoSerifSC-subset.otf", subset));
    Ok(out)
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

/// The table of contents, from the plan's outline: parts, what they hold, and
/// a glossary's entries under their letters.
fn contents(book: &Book, files: &Files) -> Vec<TocNode> {
    let node = |item: &OutlineItem| TocNode {
        label: esc(item.title),
        href: files.href(&item.anchor),
        children: Vec::new(),
    };
    let mut toc = vec![TocNode {
        label: esc(book.words.title_page),
        href: "title.xhtml".into(),
        children: Vec::new(),
    }];
    for item in book.outline() {
        let part = toc.last_mut().map(|p| &mut p.children);
        match (item.kind, part) {
            (OutlineKind::Part, _) => toc.push(node(&item)),
            (OutlineKind::Entry, Some(held)) => match held.last_mut() {
                Some(letter) => letter.children.push(node(&item)),
                None => held.push(node(&item)),
            },
            (_, Some(held)) => held.push(node(&item)),
            (_, None) => toc.push(node(&item)),
        }
    }
    toc
}

/// The list of figures for the navigation document: each text, its figures.
fn figure_list(book: &Book, files: &Files) -> Vec<TocNode> {
    book.figure_list
        .iter()
        .map(|g| TocNode {
            label: {
                let mut l = String::new();
                text(&mut l, &g.title);
                l
            },
            href: files.href(&g.anchor),
            children: g
                .figures
                .iter()
                .map(|(anchor, label, caption)| TocNode {
                    label: {
                        // Chinese in a caption is tagged as Chinese.
                        let mut l = String::new();
                        text(&mut l, &format!("{label}. {caption}"));
                        l
                    },
                    href: files.href(anchor),
                    children: Vec::new(),
                })
                .collect(),
        })
        .collect()
}

fn landmarks(book: &Book, files: &Files) -> Vec<(&'static str, &'static str, String)> {
    let first = book.parts.first().map_or("title.xhtml".into(), |p| {
        files.href(&Anchor::Part(p.kind()))
    });
    let w = book.words;
    let mut out = vec![
        ("cover", w.cover, "cover.xhtml".to_string()),
        ("titlepage", w.title_page, "title.xhtml".to_string()),
        ("toc", w.contents, "nav.xhtml#toc".to_string()),
        ("bodymatter", w.start_of_content, first),
    ];
    for part in &book.parts {
        let kind = part.kind();
        let landmark = match kind {
            PartKind::Bibliography => "bibliography",
            PartKind::Index => "index",
            _ => continue,
        };
        out.push((landmark, kind.title(w), files.href(&Anchor::Part(kind))));
    }
    out
}

fn cover_png(book: &Book, stamp: Stamp) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let str_lit = typeset::str_lit;
    let m = &book.meta;
    let editors: Vec<String> = m.editors.iter().map(|e| str_lit(e)).collect();
    let main = format!(
        "#import \"/layouts/cover.typ\": cover\n#cover({}, {}, ({}{}), {}, conjunction: {})\n",
        str_lit(&m.title),
        m.subtitle.as_deref().map_or("none".into(), str_lit),
        editors.join(", "),
        if editors.len() == 1 { "," } else { "" },
        m.edition.as_deref().map_or("none".into(), str_lit),
        str_lit(book.words.and),
    );
    let compiled = typeset::compile(
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
        .ok_or_else(|| vec![Diagnostic::new(codes::E0903, "cover has no page")])?;
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(2.0),
        ..Default::default()
    };
    typst_render::render(page, &options)
        .encode_png()
        .map_err(|e| vec![Diagnostic::new(codes::E0903, format!("cover PNG: {e}"))])
}

fn cover_page(book: &Book) -> String {
    let mut o = xhtml_head(&book.meta.title, "cover", book.words.lang);
    let _ = writeln!(
        o,
        "<section epub:type=\"cover\" class=\"cover\"><img src=\"images/cover.png\" alt=\"{} {}\"/></section>\n</body>\n</html>",
        esc(book.words.cover_of),
        esc(&book.meta.title)
    );
    o
}

/// The title page, with the colophon of the plan.
fn title_page(book: &Book) -> String {
    let m = &book.meta;
    let mut o = xhtml_head(&m.title, "titlepage", book.words.lang);
    o.push_str(
        "<section epub:type=\"titlepage\" class=\"title-page\">\n<h1 class=\"title\">",
    );
    text(&mut o, &m.title);
    o.push_str("</h1>\n");
    if let Some(s) = &m.subtitle {
        o.push_str("<p class=\"subtitle\">");
        text(&mut o, s);
        o.push_str("</p>\n");
    }
    if !m.editors.is_empty() {
        o.push_str("<p>");
        text(&mut o, book.words.edited_by);
        o.push(' ');
        text(&mut o, &m.editors_listed);
        o.push_str("</p>\n");
    }
    o.push_str("<div class=\"colophon\">\n");
    for line in &book.colophon {
        o.push_str("<p>");
        text(&mut o, line);
        o.push_str("</p>\n");
    }
    o.push_str("</div>\n</section>\n</body>\n</html>\n");
    o
}
