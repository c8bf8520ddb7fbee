//! End-to-end tests of `pdf`: the demo reader, fonts, text, reproducibility, escaping.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;

/// The demo reader, built once for all tests of this file.
fn demo_pdf() -> &'static Path {
    static PDF: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = PDF.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("default.pdf");
        let out = run(&["pdf", "-o", path.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        (dir, path)
    });
    path
}

// Checks that every font is embedded as a subset, Latin and CJK faces alike.
#[test]
fn fonts_are_embedded_subsets() {
    let listing = tool("pdffonts", &[demo_pdf().to_str().unwrap()]);
    let rows: Vec<&str> = listing.lines().skip(2).collect();
    assert!(rows.len() >= 4, "{listing}");
    for row in &rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            ["yes", "yes", "yes"],
            "not embedded+subset+unicode: {row}"
        );
    }
    assert!(listing.contains("LibertinusSerif-Regular"), "{listing}");
    assert!(listing.contains("LibertinusSerif-Italic"), "{listing}");
    assert!(listing.contains("NotoSerifCJKsc-Regular"), "{listing}");
}

// Checks the text: hanzi, tone-marked pinyin, citations, bibliography, index pages.
#[test]
fn text_has_hanzi_pinyin_citations_and_index() {
    let text = pdf_text(demo_pdf());
    for needle in [
        "共同富裕",
        "Gòngtóng Fùyù",
        "Zhòngyào Zhànlüè Jīyùqī",
        "国家创新驱动发展战略纲要",
        "State Council 2016)",
        "BIBLIOGRAPHY",
        "General index",
        "Chinese terms",
        "SEE ALSO",
        "SOURCES",
        "(p. ",
        "Translated by",
    ] {
        assert!(text.contains(needle), "missing {needle:?}");
    }
    // An index line: a term followed by page numbers.
    let index_line = text
        .lines()
        .find(|l| l.starts_with("Common Prosperity, "))
        .expect("index entry for Common Prosperity");
    assert!(
        index_line.chars().any(|c| c.is_ascii_digit()),
        "{index_line}"
    );
}

// Checks the PDF structure and the metadata.
#[test]
fn structure_and_metadata() {
    let pdf = demo_pdf().to_str().unwrap();
    tool("qpdf", &["--check", pdf]);
    let info = tool("pdfinfo", &[pdf]);
    assert!(
        info.contains("Title:           Reading the Party"),
        "{info}"
    );
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(info.contains("612 x 792 pts (letter)"), "{info}");
}

// Checks that two builds of the same content are byte-identical.
#[test]
fn builds_are_reproducible() {
    let dir = tempfile::tempdir().unwrap();
    let again = dir.path().join("again.pdf");
    let out = run(&["pdf", "-o", again.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::read(demo_pdf()).unwrap() == std::fs::read(&again).unwrap(),
        "PDFs differ"
    );
}

// Checks that typst syntax and markup in content print literally.
#[test]
fn content_is_never_code() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("x.pdf");
    let content = fixture("escaping");
    let out = run(&[
        "--content",
        content.to_str().unwrap(),
        "pdf",
        "-o",
        pdf.to_str().unwrap(),
        "--paper",
        "a4",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&pdf);
    for needle in [
        "#read(",
        "/etc/passwd",
        "$x^2$",
        "#let x = 1;",
        "<label>",
        "// comment",
        "<script>",
        "#set page(paper:",
        "Hostile #text $x$",
        "Ed <itor> & Co",
    ] {
        assert!(
            text.contains(needle),
            "missing literal {needle:?} in\n{text}"
        );
    }
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(info.contains("595.276 x 841.89 pts (A4)"), "{info}");
}

// Checks that a character no font has is a diagnostic at its place, not a tofu box.
#[test]
fn missing_glyphs_are_diagnostics() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture("minimal"), &content);
    let f = content.join("glossary/mass-line.md");
    let text = std::fs::read_to_string(&f)
        .unwrap()
        .replace("A method", "A 𠀀 method 🙂");
    std::fs::write(&f, text).unwrap();
    let out = run(&[
        "--content",
        content.to_str().unwrap(),
        "pdf",
        "-o",
        tmp.path().join("x.pdf").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("error[E0701]: no font has U+20000"), "{err}");
    assert!(err.contains("glossary/mass-line.md:6:3"), "{err}");
    assert!(err.contains("U+1F642"), "{err}");
    assert!(!tmp.path().join("x.pdf").exists());
}

// Checks that no break hint (a zero-width space) is in the demo's text layer.
#[test]
fn no_break_hints_in_the_text() {
    let text = pdf_text(demo_pdf());
    assert!(text.contains("https://"), "the demo prints web addresses");
    assert!(!text.contains('\u{200b}'));
}

// Checks that a link gives its address in print after its words (a reader of
// paper cannot click), and only once when the words are the address.
#[test]
fn links_give_their_address_in_print() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture("minimal"), &content);
    let f = content.join("essays/intro.md");
    let text = std::fs::read_to_string(&f).unwrap()
        + "\nThe [State Council's notice](https://www.gov.cn/zhengce/2016-05/19/notice.htm) \
           and <https://example.org/archive/>.\n";
    std::fs::write(&f, text).unwrap();
    let pdf = tmp.path().join("x.pdf");
    let out = run(&[
        "--content",
        content.to_str().unwrap(),
        "pdf",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&pdf);
    // Break opportunities in an address are no characters: a copied address
    // stays whole.
    assert!(!text.contains('\u{200b}'), "{text}");
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(
        text.contains("notice(https://www.gov.cn/zhengce/2016-05/19/notice.htm)"),
        "{text}"
    );
    assert_eq!(text.matches("example.org/archive").count(), 1, "{text}");
}

// Checks that --emit-typst writes the generated sources and that they hold no
// content outside string literals.
#[test]
fn emits_typst_sources() {
    let tmp = tempfile::tempdir().unwrap();
    let content = fixture("minimal");
    let out = run(&[
        "--content",
        content.to_str().unwrap(),
        "pdf",
        "-o",
        tmp.path().join("m.pdf").to_str().unwrap(),
        "--emit-typst",
        tmp.path().join("typ").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let main = std::fs::read_to_string(tmp.path().join("typ/main.typ")).unwrap();
    assert!(main.contains("#entry-head(\"entry-common-prosperity\""));
    assert!(tmp.path().join("typ/indexes.typ").exists());
    assert!(tmp.path().join("typ/markers.typ").exists());
    assert!(tmp.path().join("typ/layouts/book.typ").exists());
    insta::assert_snapshot!("minimal_main_typ", main);
}
