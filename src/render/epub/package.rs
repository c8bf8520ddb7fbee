//! EPUB 3 packaging over the `zip` crate: `mimetype` first and stored, fixed
//! timestamps, an OPF with manifest properties and accessibility metadata, a
//! navigation document with a table of contents, landmarks and a page list.
//!
//! Why not epub-builder's packaging: see the README's design notes (non-reproducible
//! zip timestamps, no page list, no manifest properties, unescaped metadata).

use std::fmt::Write as _;
use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::xhtml::{esc, head as xhtml_head};
use crate::model::Stamp;
use crate::plan::Words;
use crate::plan::{Contributor, Role};

/// One file of the publication, under `OEBPS/`.
#[derive(Debug, Clone)]
pub(super) struct Item {
    /// Path under `OEBPS/`.
    pub href: String,
    /// Media type.
    pub media_type: &'static str,
    /// Bytes.
    pub data: Vec<u8>,
    /// Manifest properties (`nav`, `cover-image`, ...).
    pub properties: Option<&'static str>,
    /// In the spine (reading order), and whether linear.
    pub spine: Option<bool>,
}

/// A node of the table of contents.
#[derive(Debug, Clone)]
pub(super) struct TocNode {
    /// Label.
    pub label: String,
    /// Target.
    pub href: String,
    /// Children.
    pub children: Vec<TocNode>,
}

/// Everything the OPF and the navigation document say.
#[derive(Debug, Clone)]
pub(super) struct Package {
    /// Unique identifier (a URN).
    pub identifier: String,
    /// Title.
    pub title: String,
    /// Subtitle.
    pub subtitle: Option<String>,
    /// Editors.
    pub editors: Vec<String>,
    /// The documents' authors, translators, editors and introducers.
    pub contributors: Vec<Contributor>,
    /// Publisher.
    pub publisher: Option<String>,
    /// Publication date (YYYY-MM-DD or YYYY).
    pub date: Option<String>,
    /// Modification stamp.
    pub modified: Stamp,
    /// Where the print page numbers come from (`dc:source`), when there are any.
    pub page_source: Option<String>,
    /// Table of contents.
    pub toc: Vec<TocNode>,
    /// Landmarks: (epub:type, label, href).
    pub landmarks: Vec<(&'static str, &'static str, String)>,
    /// The list of figures (`loi`), text by text; empty: none.
    pub figures: Vec<TocNode>,
    /// The book's fixed words (the navigation's headings).
    pub words: &'static Words,
    /// Page list: (label, href).
    pub pages: Vec<(String, String)>,
    /// Content documents and resources, in spine order for the spine items.
    pub items: Vec<Item>,
}

/// A stable UUID-shaped identifier derived from a string (FNV-1a, 128 bits).
pub fn stable_uuid(seed: &str) -> String {
    let mut h: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    for b in seed.bytes() {
        h ^= u128::from(b);
        h = h.wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013B);
    }
    let hex = format!("{h:032x}");
    format!(
        "{}-{}-5{}-a{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..32]
    )
}

fn nav_list(o: &mut String, nodes: &[TocNode], depth: usize) {
    let pad = "  ".repeat(depth);
    let _ = writeln!(o, "{pad}<ol>");
    for n in nodes {
        let _ = write!(o, "{pad}  <li><a href=\"{}\">{}</a>", esc(&n.href), n.label);
        if !n.children.is_empty() {
            o.push('\n');
            nav_list(o, &n.children, depth + 2);
            let _ = write!(o, "{pad}  ");
        }
        o.push_str("</li>\n");
    }
    let _ = writeln!(o, "{pad}</ol>");
}

/// The navigation document.
pub(super) fn nav(p: &Package) -> String {
    let w = p.words;
    let mut o = xhtml_head(w.contents, "nav", w.lang);
    let _ = writeln!(
        o,
        "<nav epub:type=\"toc\" id=\"toc\" role=\"doc-toc\">\n<h1>{}</h1>",
        esc(w.contents)
    );
    nav_list(&mut o, &p.toc, 0);
    let _ = writeln!(
        o,
        "</nav>\n<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\">\n<h2>{}</h2>\n<ol>",
        esc(w.landmarks)
    );
    for (ty, label, href) in &p.landmarks {
        let _ = writeln!(
            o,
            "  <li><a epub:type=\"{ty}\" href=\"{}\">{}</a></li>",
            esc(href),
            esc(label)
        );
    }
    o.push_str("</ol>\n</nav>\n");
    if !p.figures.is_empty() {
        let _ = writeln!(
            o,
            "<nav epub:type=\"loi\" id=\"loi\">\n<h2>{}</h2>",
            esc(w.list_of_figures)
        );
        nav_list(&mut o, &p.figures, 0);
        o.push_str("</nav>\n");
    }
    if !p.pages.is_empty() {
        let _ = writeln!(
            o,
            "<nav epub:type=\"page-list\" id=\"page-list\" hidden=\"hidden\">\n<h2>{}</h2>\n<ol>",
            esc(w.pages)
        );
        for (label, href) in &p.pages {
            let _ =
                writeln!(o, "  <li><a href=\"{}\">{}</a></li>", esc(href), esc(label));
        }
        o.push_str("</ol>\n</nav>\n");
    }
    o.push_str("</body>\n</html>\n");
    o
}

/// The package document.
pub(super) fn opf(p: &Package) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"bookid\" xml:lang=\"{}\">\n<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">",
        p.words.lang
    );
    metadata(&mut o, p);
    accessibility(&mut o, p);
    o.push_str("</metadata>\n");
    manifest(&mut o, p);
    spine(&mut o, p);
    o.push_str("</package>\n");
    o
}

/// Dublin Core metadata: identifier, titles, editors, languages, dates, source.
fn metadata(o: &mut String, p: &Package) {
    let _ = writeln!(
        o,
        "  <dc:identifier id=\"bookid\">{}</dc:identifier>",
        esc(&p.identifier)
    );
    let _ = writeln!(o, "  <dc:title id=\"title\">{}</dc:title>", esc(&p.title));
    o.push_str("  <meta refines=\"#title\" property=\"title-type\">main</meta>\n");
    if let Some(s) = &p.subtitle {
        let _ = writeln!(o, "  <dc:title id=\"subtitle\">{}</dc:title>", esc(s));
        o.push_str(
            "  <meta refines=\"#subtitle\" property=\"title-type\">subtitle</meta>\n",
        );
    }
    for (i, e) in p.editors.iter().enumerate() {
        let _ = writeln!(o, "  <dc:creator id=\"editor{i}\">{}</dc:creator>", esc(e));
        let _ = writeln!(
            o,
            "  <meta refines=\"#editor{i}\" property=\"role\" scheme=\"marc:relators\">edt</meta>"
        );
    }
    for (i, c) in p.contributors.iter().enumerate() {
        let (element, code) = match c.role {
            Role::Author => ("contributor", "aut"),
            Role::Translator => ("contributor", "trl"),
            Role::Editor => ("contributor", "edt"),
            Role::IntroductionAuthor => ("contributor", "aui"),
        };
        let _ = writeln!(
            o,
            "  <dc:{element} id=\"contributor{i}\">{}</dc:{element}>",
            esc(&c.name)
        );
        let _ = writeln!(
            o,
            "  <meta refines=\"#contributor{i}\" property=\"role\" scheme=\"marc:relators\">{code}</meta>"
        );
    }
    let _ = writeln!(o, "  <dc:language>{}</dc:language>", p.words.lang);
    o.push_str("  <dc:language>zh-Hans</dc:language>\n");
    if let Some(d) = &p.date {
        let _ = writeln!(o, "  <dc:date>{}</dc:date>", esc(d));
    }
    if let Some(publisher) = &p.publisher {
        let _ = writeln!(o, "  <dc:publisher>{}</dc:publisher>", esc(publisher));
    }
    let m = p.modified;
    let _ = writeln!(
        o,
        "  <meta property=\"dcterms:modified\">{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z</meta>",
        m.year, m.month, m.day, m.hour, m.minute, m.second
    );
    if let Some(src) = &p.page_source {
        let _ = writeln!(o, "  <dc:source id=\"pagesource\">{}</dc:source>", esc(src));
    }
    o.push_str("  <meta name=\"cover\" content=\"cover-image\"/>\n");
}

/// EPUB Accessibility 1.1 metadata.
fn accessibility(o: &mut String, p: &Package) {
    for mode in ["textual", "visual"] {
        let _ = writeln!(o, "  <meta property=\"schema:accessMode\">{mode}</meta>");
    }
    o.push_str("  <meta property=\"schema:accessModeSufficient\">textual</meta>\n");
    let mut features = vec![
        "structuralNavigation",
        "tableOfContents",
        "index",
        "readingOrder",
        "alternativeText",
        "displayTransformability",
    ];
    if !p.pages.is_empty() {
        features.push("printPageNumbers");
        features.push("pageNavigation");
    }
    for f in features {
        let _ = writeln!(
            o,
            "  <meta property=\"schema:accessibilityFeature\">{f}</meta>"
        );
    }
    o.push_str("  <meta property=\"schema:accessibilityHazard\">none</meta>\n");
    let figures = p
        .items
        .iter()
        .any(|i| i.href.starts_with("images/figures/"));
    let summary = format!(
        "Reflowable text with a navigable table of contents, landmarks, linked cross-references, pop-up footnotes, a linked bibliography and linked indexes. Chinese text is marked with its language.{}{}",
        if figures {
            " Every figure has a text alternative and a caption; decorative images are marked as such."
        } else {
            ""
        },
        if p.pages.is_empty() {
            ""
        } else {
            " Page numbers and page breaks follow the print edition."
        }
    );
    let _ = writeln!(
        o,
        "  <meta property=\"schema:accessibilitySummary\">{}</meta>",
        esc(&summary)
    );
    o.push_str("  <link rel=\"dcterms:conformsTo\" href=\"http://www.idpf.org/epub/a11y/accessibility-20170105.html#wcag-aa\"/>\n");
}

fn manifest(o: &mut String, p: &Package) {
    o.push_str("<manifest>\n");
    o.push_str("  <item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n");
    for (i, it) in p.items.iter().enumerate() {
        let id = item_id(i, it);
        let props = it
            .properties
            .map(|p| format!(" properties=\"{p}\""))
            .unwrap_or_default();
        let _ = writeln!(
            o,
            "  <item id=\"{id}\" href=\"{}\" media-type=\"{}\"{props}/>",
            esc(&it.href),
            it.media_type
        );
    }
    o.push_str("</manifest>\n");
}

/// Reading order: the spine items, with the contents after the title page.
fn spine(o: &mut String, p: &Package) {
    o.push_str("<spine>\n");
    for (i, it) in p.items.iter().enumerate() {
        if let Some(linear) = it.spine {
            let l = if linear { "" } else { " linear=\"no\"" };
            let _ = writeln!(o, "  <itemref idref=\"{}\"{l}/>", item_id(i, it));
            // The contents follow the title page in reading order.
            if it.href == "title.xhtml" {
                o.push_str("  <itemref idref=\"nav\"/>\n");
            }
        }
    }
    o.push_str("</spine>\n");
}

fn item_id(i: usize, it: &Item) -> String {
    if it.properties == Some("cover-image") {
        "cover-image".into()
    } else {
        format!("item{i}")
    }
}

const CONTAINER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n  <rootfiles>\n    <rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/>\n  </rootfiles>\n</container>\n";

/// The zip file: `mimetype` first and stored, then the rest deflated, all with the
/// same timestamp and permissions, in a fixed order.
pub(super) fn zip(p: &Package) -> std::io::Result<Vec<u8>> {
    let m = p.modified;
    let time = DateTime::from_date_and_time(
        m.year.clamp(1980, 2107) as u16,
        m.month,
        m.day,
        m.hour,
        m.minute,
        m.second,
    )
    .unwrap_or_default();
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(time)
        .unix_permissions(0o644);
    let deflated = stored.compression_method(CompressionMethod::Deflated);
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    z.start_file("mimetype", stored)?;
    z.write_all(b"application/epub+zip")?;
    z.start_file("META-INF/container.xml", deflated)?;
    z.write_all(CONTAINER.as_bytes())?;
    z.start_file("OEBPS/content.opf", deflated)?;
    z.write_all(opf(p).as_bytes())?;
    z.start_file("OEBPS/nav.xhtml", deflated)?;
    z.write_all(nav(p).as_bytes())?;
    for it in &p.items {
        let opts = if it.media_type.starts_with("image/png")
            || it.media_type.starts_with("font/")
        {
            stored
        } else {
            deflated
        };
        z.start_file(format!("OEBPS/{}", it.href), opts)?;
        z.write_all(&it.data)?;
    }
    Ok(z.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    // Checks that identifiers are stable and shaped like UUIDs.
    #[test]
    fn uuid_is_stable() {
        let a = stable_uuid("default");
        assert_eq!(a, stable_uuid("default"));
        assert_ne!(a, stable_uuid("seminar"));
        assert_eq!(a.len(), 36);
    }
}
