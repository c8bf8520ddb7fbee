//! One fixture folder per feature: each is planned, and its plan, its typst markup
//! and its XHTML are compared with snapshots (`cargo insta review` to update).

mod common;

use ccp_press::load_and_check;
use ccp_press::pipeline::Edition;
use ccp_press::render::epub::xhtml::{Files, Writer};
use ccp_press::render::pdf::Paper;

/// The three snapshots of the fixture at `tests/fixtures/<path>/content`.
fn snapshot_feature(path: &str) {
    let checked = load_and_check(&common::fixture(path));
    assert!(!checked.has_errors(), "{path}: {:#?}", checked.diagnostics);
    let p = &checked.project;
    let name = path.replace('/', "_");
    let diagnostics = ccp_press::diag::render_human(&p.sources, &checked.diagnostics);
    insta::assert_snapshot!(format!("{name}_diagnostics"), diagnostics);
    // The stamp follows SOURCE_DATE_EPOCH when it is set: given here.
    let stamp = ccp_press::model::Stamp::from_unix(1_767_225_600);
    let edition = Edition::at(
        p,
        &p.readers["default"],
        Paper::Letter,
        stamp,
        &mut ccp_press::cite::Cache::default(),
    );
    insta::assert_debug_snapshot!(format!("{name}_plan"), edition.book);
    let typst: String = edition
        .typst_sources(None)
        .into_iter()
        .filter(|(path, _)| !path.starts_with("/layouts/"))
        .map(|(path, text)| format!("==> {path}\n{text}"))
        .collect();
    insta::assert_snapshot!(format!("{name}_typst"), typst);
    let files = Files::of(&edition.book);
    let xhtml: String = Writer::new(&files, None, edition.book.words)
        .book(&edition.book)
        .into_iter()
        .map(|page| format!("==> {}\n{}", page.href, page.xhtml))
        .collect();
    insta::assert_snapshot!(format!("{name}_xhtml"), xhtml);
}

// Checks figures: numbers per text, labels and references, widths, the
// Chinese side's figure without a number, the book's images once each.
#[test]
fn figures() {
    snapshot_feature("features/figures");
}

// Checks ragged tables: short rows padded, long rows cut, in both editions.
#[test]
fn tables() {
    snapshot_feature("features/tables");
}

// Checks footnotes: numbered per use with unique ids, notes with two paragraphs,
// citations inside notes, headings inside a translation.
#[test]
fn notes() {
    snapshot_feature("features/notes");
}

// Checks the indexes: terms with main entry and places, aliases and pinyin as
// "See" lines, author marks merged case-insensitively, duplicate see-also once.
#[test]
fn index() {
    snapshot_feature("features/index");
}

// Checks cross-references: to entries in the reader (linked, with their places),
// to an entry left out (small caps, no link), with words of their own.
#[test]
fn xrefs() {
    snapshot_feature("features/xrefs");
}

// Checks a reader: documents in its order, no glossary, front matter as data.
#[test]
fn readers() {
    snapshot_feature("features/readers");
}

// Checks citations resolved into the text.
#[test]
fn citations() {
    snapshot_feature("citations");
}

// Checks that hostile text stays text in the plan and both writers.
#[test]
fn escaping() {
    snapshot_feature("escaping");
}

// Checks a small reader with documents, glossary, bibliography and indexes.
#[test]
fn minimal() {
    snapshot_feature("minimal");
}

// Checks the book's outline (the one walk behind the contents, the running heads
// and the EPUB navigation): a part opens it, every heading is in the part before
// it, and each entry follows a letter of its part.
#[test]
fn outline_in_reading_order() {
    use ccp_press::plan::OutlineKind;
    let checked = load_and_check(&common::root().join("content"));
    let p = &checked.project;
    let edition = Edition::new(p, &p.readers["default"], Paper::Letter).expect("plans");
    let outline = edition.book.outline();
    assert_eq!(outline.first().map(|i| i.kind), Some(OutlineKind::Part));
    let mut part = None;
    let mut letter_seen = false;
    for item in &outline {
        match item.kind {
            OutlineKind::Part => {
                part = Some(item.part);
                letter_seen = false;
            }
            OutlineKind::Letter => letter_seen = true,
            OutlineKind::Entry => {
                assert!(letter_seen, "{} before any letter", item.title)
            }
            OutlineKind::Document | OutlineKind::Index => {}
        }
        assert_eq!(Some(item.part), part, "{}", item.title);
    }
    let entries = outline
        .iter()
        .filter(|i| i.kind == OutlineKind::Entry)
        .count();
    assert_eq!(entries, p.entries.len());
}
