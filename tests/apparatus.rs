//! A translation as the center publishes it: the center's introduction, a
//! metadata table and a translator's note in an omitted region, numbered items
//! beside their （一） originals, several translators (one an organisation with a
//! comma in its name), an editor, an introduction's author, provenance with an
//! archived copy and a revision. Both layouts and the EPUB, read back.

mod common;

use common::*;

/// The text of each page of a PDF of reader `reader`, without spaces.
fn pdf_pages(reader: &str) -> (tempfile::TempDir, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("a.pdf");
    let out = run(&[
        "--content",
        fixture("apparatus").to_str().unwrap(),
        "pdf",
        "--reader",
        reader,
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    let text = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    let pages = text.split('\u{c}').map(squeezed).collect();
    (dir, pages)
}

fn page_of(pages: &[String], needle: &str) -> usize {
    let needle = squeezed(needle);
    pages
        .iter()
        .position(|p| p.contains(&needle))
        .unwrap_or_else(|| panic!("{needle:?} is on no page"))
}

const BYLINE: &str = "Central Committee of the Chinese Communist Party, October 29, 2020";
const CREDITS: &str = "Translated by Etcetera Language Group, Inc. and Wang Lina; edited by Margaret Liu; introduction by The Translation Center";
const SOURCE_NOTE: &[&str] = &[
    "Source: Central Committee of the Chinese Communist Party, 中共中央关于制定国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议, document no. 中发〔2020〕10号, October 29, 2020, http://www.gov.cn/zhengce/2020-11/03/content_5556991.htm (accessed March 2, 2026; archived at https://web.archive.org/web/20201103000000/http://www.gov.cn/zhengce/2020-11/03/content_5556991.htm).",
    "Translated June 10, 2026; revised October 12, 2026: Corrected the rendering of 新发展格局.",
];

// Checks the columns: byline, credits and source note as a press prints them,
// the introduction before the first pair, each numbered item beside its
// original, the omitted note marked as having no original.
#[test]
fn columns_print_the_apparatus() {
    let (_dir, pages) = pdf_pages("columns");
    let all: String = pages.concat();
    for line in [BYLINE, CREDITS].iter().chain(SOURCE_NOTE) {
        assert!(all.contains(&squeezed(line)), "{line:?} is not printed");
    }
    let intro = all.find(&squeezed("The Fifth Plenum adopted")).unwrap();
    let first_zh = all.find("一、决胜").unwrap();
    assert!(
        intro < first_zh,
        "the introduction comes before the parallel text"
    );
    for (zh, en) in [
        ("（一）经济", "1. The economy grew"),
        ("（二）脱贫", "2. Poverty alleviation"),
    ] {
        assert_eq!(page_of(&pages, zh), page_of(&pages, en), "{zh} / {en}");
    }
}

// Checks the facing pages: the introduction before the spreads, the numbered
// items' Chinese on a verso and their English on the facing recto.
#[test]
fn facing_pages_print_the_apparatus() {
    let (_dir, pages) = pdf_pages("facing");
    let all: String = pages.concat();
    for line in [BYLINE, CREDITS].iter().chain(SOURCE_NOTE) {
        assert!(all.contains(&squeezed(line)), "{line:?} is not printed");
    }
    let (z, e) = (
        page_of(&pages, "（一）经济实力跃上新的大台阶"),
        page_of(&pages, "1. The economy grew steadily"),
    );
    assert_eq!(e, z + 1, "the English faces the Chinese");
    assert!(page_of(&pages, "The Fifth Plenum adopted") < z);
}

// Checks the EPUB: the people with their MARC roles in the package, the byline,
// credits and source note in the chapter, the archived copy linked.
#[test]
fn the_epub_credits_and_sources() {
    let dir = tempfile::tempdir().unwrap();
    let epub = dir.path().join("a.epub");
    let out = run(&[
        "--content",
        fixture("apparatus").to_str().unwrap(),
        "epub",
        "--reader",
        "columns",
        "--no-page-numbers",
        "-o",
        epub.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut z = zip::ZipArchive::new(std::fs::File::open(&epub).unwrap()).unwrap();
    let read = |z: &mut zip::ZipArchive<std::fs::File>, name: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut z.by_name(name).unwrap(), &mut s).unwrap();
        s
    };
    let opf = read(&mut z, "OEBPS/content.opf");
    for (name, role) in [
        ("Central Committee of the Chinese Communist Party", "aut"),
        ("Etcetera Language Group, Inc.", "trl"),
        ("Wang Lina", "trl"),
        ("Margaret Liu", "edt"),
        ("The Translation Center", "aui"),
    ] {
        let at = opf
            .find(&format!(">{name}</dc:contributor>"))
            .unwrap_or_else(|| panic!("{name} is not a contributor"));
        let id = opf[..at]
            .rsplit("id=\"")
            .next()
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert!(
            opf.contains(&format!(
                "<meta refines=\"#{id}\" property=\"role\" scheme=\"marc:relators\">{role}</meta>"
            )),
            "{name} is not {role}"
        );
    }
    assert!(opf.contains("<dc:publisher>The Translation Center</dc:publisher>"));
    let xhtml = read(&mut z, "OEBPS/translations-proposal.xhtml");
    let text = squeezed(&xhtml.replace("&amp;", "&"));
    for line in [BYLINE, CREDITS] {
        assert!(text.contains(&squeezed(line)), "{line:?}");
    }
    assert!(xhtml.contains("<p class=\"source-note\">"));
    assert!(xhtml.contains(
        "href=\"https://web.archive.org/web/20201103000000/http://www.gov.cn/zhengce/2020-11/03/content_5556991.htm\""
    ));
}
