//! Parallel texts end to end: the alignment checks on a fixture of faults, both
//! PDF layouts (each segment's Chinese and English start on one page, or on the
//! two pages of one spread) and the EPUB's language tags and reading order.

mod common;

use common::*;

// Checks the alignment error, the per-segment warnings, an original without its
// translation and an unknown layout, as printed.
#[test]
fn alignment_faults() {
    let out = run(&[
        "--content",
        fixture("parallel-faults").to_str().unwrap(),
        "check",
    ]);
    assert!(!out.status.success());
    insta::assert_snapshot!("parallel_faults", stderr(&out));
}

/// The text of each page of a PDF, without spaces.
fn pages(pdf: &std::path::Path) -> Vec<String> {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext runs (poppler-utils)");
    String::from_utf8_lossy(&out.stdout)
        .split('\u{c}')
        .map(|p| p.chars().filter(|c| !c.is_whitespace()).collect())
        .collect()
}

fn pdf_of(reader: &str) -> (tempfile::TempDir, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.pdf");
    let out = run(&[
        "--content",
        fixture("parallel").to_str().unwrap(),
        "pdf",
        "--reader",
        reader,
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let p = pages(&path);
    (dir, p)
}

fn page_of(pages: &[String], needle: &str) -> usize {
    let needle: String = needle.chars().filter(|c| !c.is_whitespace()).collect();
    pages
        .iter()
        .position(|p| p.contains(&needle))
        .unwrap_or_else(|| panic!("{needle:?} is on no page"))
}

/// (Chinese, English) openings of the fixture's segments.
const SEGMENTS: &[(&str, &str)] = &[
    ("第一段开宗明义", "The first segment opens"),
    ("第二段的前半部分", "The second segment renders"),
    ("第三段提到", "The third segment names"),
];

// Checks the columns: each segment's Chinese and English on one page, the
// omitted passage marked on the English side.
#[test]
fn columns_keep_segments_together() {
    let (_dir, pages) = pdf_of("default");
    for (zh, en) in SEGMENTS {
        assert_eq!(page_of(&pages, zh), page_of(&pages, en), "{zh} / {en}");
    }
    assert!(pages.iter().any(|p| p.contains("[Nottranslated.]")));
}

// Checks the facing pages: each segment's Chinese on a verso and its English on
// the recto of the same spread.
#[test]
fn facing_pages_pair_segments() {
    let (_dir, pages) = pdf_of("facing");
    for (zh, en) in SEGMENTS {
        let (z, e) = (page_of(&pages, zh), page_of(&pages, en));
        assert_eq!(e, z + 1, "{zh} on page {} / {en} on page {}", z + 1, e + 1);
        assert_eq!((z + 1) % 2, 0, "the Chinese is on a verso");
    }
}

// Checks that no character of the Chinese original is lost in print: every
// paragraph, its quotation marks, dashes, ellipses and middle dots included,
// stands whole on the versos of the facing layout (which hold the Chinese alone).
#[test]
fn facing_pages_keep_every_character_of_the_original() {
    let (_dir, pages) = pdf_of("facing");
    let versos: String = pages.iter().skip(1).step_by(2).cloned().collect();
    let original =
        std::fs::read_to_string(fixture("parallel").join("essays/note.zh.md")).unwrap();
    for paragraph in original.split("\n\n") {
        let text: String = paragraph
            .replace("{{join}}", "")
            .replace("{{omit}}", "")
            .trim_start_matches('#')
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert!(versos.contains(&text), "{text:?} is not whole in print");
    }
}

// Checks the EPUB: each segment a container with the Chinese (tagged zh-Hans)
// before the English.
#[test]
fn epub_segments_tag_and_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.epub");
    let out = run(&[
        "--content",
        fixture("parallel").to_str().unwrap(),
        "epub",
        "--no-page-numbers",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut z = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut xhtml = String::new();
    std::io::Read::read_to_string(
        &mut z.by_name("OEBPS/essays-note.xhtml").unwrap(),
        &mut xhtml,
    )
    .unwrap();
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(&xhtml, options).unwrap();
    let segments: Vec<_> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("segment"))
        .collect();
    assert_eq!(
        segments.len(),
        5,
        "four aligned segments and one omitted passage"
    );
    for s in &segments {
        let sides: Vec<_> = s.children().filter(|c| c.is_element()).collect();
        assert_eq!(sides[0].attribute("class"), Some("zh"));
        assert_eq!(sides[0].attribute("lang"), Some("zh-Hans"));
        assert_eq!(sides[1].attribute("class"), Some("en"));
    }
}
