//! The page map, kept the way LaTeX keeps its `.aux` file: page references,
//! index locators, running heads and the contents are printed as literal
//! numbers from the map of the round before, and the book is laid out again
//! until the map no longer changes. Checked against the pages where the targets
//! actually fall, on a generated 300-entry reader; then the stored map: the same
//! PDF with and without it, and `epub` after `pdf` without any layout.

mod common;

use std::path::Path;

use ccp_press::load_and_check;
use ccp_press::pipeline::Edition;
use ccp_press::plan::{Anchor, Book, Local, Part};
use ccp_press::render::pdf::{self, Paper, inspect};
use common::*;

/// Text without any white space, so "(p. 12)" matches across a narrow space.
fn squeezed(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The glossary entries of a plan.
fn entries(book: &Book) -> Vec<&ccp_press::plan::GlossaryEntry> {
    book.parts
        .iter()
        .filter_map(|p| match p {
            Part::Glossary(letters) => Some(letters.iter().flat_map(|l| &l.entries)),
            _ => None,
        })
        .flatten()
        .collect()
}

// On 300 generated entries (about 550 pages): the map the document was laid
// out from is the map of the document itself, page for page, so every page
// number printed from it (page references, index locators, contents, running
// heads) is the page where its target falls, and every page run started at an
// entry that opened its page in the round before opens it still. Then the printed text is read
// back: each entry's term stands on its page, each See also page reference
// names the target's page, each running head's folio is its page's number.
#[test]
fn printed_pages_are_where_the_targets_fall() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let out = run(&[
        "synth",
        "--entries",
        "300",
        "--works",
        "60",
        content.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let checked = load_and_check(&content);
    assert!(!checked.has_errors());
    let p = &checked.project;
    let edition = Edition::new(p, &p.readers["default"], Paper::Letter).expect("plans");
    let layout = edition.layout(None).expect("lays out");
    assert!(layout.rounds >= 2, "a first layout starts without a map");
    assert!(layout.warnings.iter().all(|w| w.code != "W0902"));

    let made_from = &layout.pages;
    let (actual, unplanned) = pdf::page_map(&layout.document, &edition.anchors);
    // Every place and running head the layout gives back is a place of the plan.
    assert!(
        unplanned.is_empty(),
        "no anchors of the plan: {unplanned:?}"
    );
    assert_eq!(made_from.places.len(), actual.places.len());
    for (id, place) in &actual.places {
        let used = &made_from.places[id];
        assert_eq!(
            (used.page, used.printed),
            (place.page, place.printed),
            "{} printed from the wrong page",
            id.id()
        );
    }
    assert_eq!(made_from.heads, actual.heads);
    // Entries that open a page start page runs of their own (laid out in
    // parallel), and the pages are still those of one continuous run.
    assert!(made_from.breaks.len() > 5, "{:?}", made_from.breaks);
    assert_eq!(made_from.breaks, actual.breaks);

    let lines = inspect::lines(&layout.document);
    let page_text = |page: usize| -> String {
        squeezed(
            &lines
                .iter()
                .filter(|l| l.page == page)
                .map(|l| l.text.as_str())
                .collect::<String>(),
        )
    };
    let entries = entries(&edition.book);
    assert_eq!(entries.len(), 300);
    let mut references = 0;
    for e in &entries {
        let at = &actual.places[&e.anchor];
        assert!(
            page_text(at.page).contains(&squeezed(&e.term)),
            "{}",
            e.term
        );
        for (i, r) in e.see_also.iter().enumerate() {
            let owner = e.anchor.owner().expect("an entry's anchor").clone();
            let from = &actual.places[&Anchor::In(owner, Local::SeeAlso(i))];
            let to = &actual.places[&r.target];
            if from.page != to.page {
                let number = format!("(p.{})", to.printed);
                assert!(
                    page_text(from.page).contains(&number),
                    "{} → {number}",
                    e.term
                );
                references += 1;
            }
        }
    }
    assert!(
        references > 100,
        "only {references} See also page references"
    );
    for (i, head) in actual.heads.iter().enumerate() {
        let Some(head) = head else { continue };
        let page = &layout.document.pages()[i];
        assert_eq!(head.folio, page.number, "folio of page {}", i + 1);
        let header: String = lines
            .iter()
            .filter(|l| l.page == i + 1 && l.y < 72.0)
            .map(|l| l.text.as_str())
            .collect();
        assert!(
            header.contains(&head.folio.to_string()),
            "page {}: {header}",
            i + 1
        );
    }
}

/// A copy of the demo content in a fresh folder (so its `.ccp-cache` is ours).
fn demo_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&root().join("content"), &tmp.path().join("content"));
    tmp
}

/// How many typst compilations a `--timings` trace holds (one per layout round).
fn compilations(trace: &Path) -> usize {
    let text = std::fs::read_to_string(trace).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["traceEvents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["name"] == "compile" && e["ph"] == "B")
        .count()
}

/// Whether a `--timings` trace has a phase of ours named `name`.
fn has_phase(trace: &Path, name: &str) -> bool {
    let text = std::fs::read_to_string(trace).unwrap();
    text.contains(&format!("\"name\":\"{name}\""))
}

// A first build stores its settled map in `.ccp-cache/` beside the content; the
// next starts from it, lays out once, and writes the very same bytes.
#[test]
fn a_stored_map_gives_the_same_pdf_in_one_round() {
    let tmp = demo_copy();
    let dir = tmp.path();
    let cold = run_in(dir, &["pdf", "-o", "a.pdf", "--timings", "a.json"]);
    assert!(cold.status.success(), "{}", stderr(&cold));
    assert!(dir.join(".ccp-cache/default.us-letter.json").exists());
    assert!(compilations(&dir.join("a.json")) >= 2);
    let warm = run_in(dir, &["pdf", "-o", "b.pdf", "--timings", "b.json"]);
    assert!(warm.status.success(), "{}", stderr(&warm));
    assert_eq!(compilations(&dir.join("b.json")), 1);
    let (a, b) = (
        std::fs::read(dir.join("a.pdf")).unwrap(),
        std::fs::read(dir.join("b.pdf")).unwrap(),
    );
    assert!(
        a == b,
        "a build from the stored map differs from one without"
    );
    // From a stale map (stored after an edit since undone) the build ends on
    // the same map, and the same bytes.
    let entry = dir.join("content/glossary/mass-line.md");
    let text = std::fs::read_to_string(&entry).unwrap();
    let longer = format!(
        "{text}\nA paragraph added for a while, long enough to move the pages after it \
         by a line or more, and then removed again.\n"
    );
    std::fs::write(&entry, longer).unwrap();
    assert!(run_in(dir, &["pdf", "-o", "c.pdf"]).status.success());
    std::fs::write(&entry, text).unwrap();
    assert!(run_in(dir, &["pdf", "-o", "d.pdf"]).status.success());
    assert!(
        a == std::fs::read(dir.join("d.pdf")).unwrap(),
        "a build from a stale map differs from one without"
    );
}

// `epub` after `pdf` of the same reader and paper takes its print page numbers
// from the stored map, with no layout, and gives the EPUB `build` gives; after
// an edit the map is not current, and `epub` lays the book out again.
#[test]
fn epub_after_pdf_needs_no_layout() {
    let tmp = demo_copy();
    let dir = tmp.path();
    assert!(run_in(dir, &["pdf", "-o", "a.pdf"]).status.success());
    let epub = run_in(dir, &["epub", "-o", "a.epub", "--timings", "e.json"]);
    assert!(epub.status.success(), "{}", stderr(&epub));
    assert!(!has_phase(&dir.join("e.json"), "typeset"));
    let build = run_in(dir, &["build", "--out-dir", "both"]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(
        std::fs::read(dir.join("a.epub")).unwrap()
            == std::fs::read(dir.join("both/default.epub")).unwrap(),
        "the EPUB from the stored map differs from the EPUB of `build`"
    );
    let entry = dir.join("content/glossary/mass-line.md");
    let text = std::fs::read_to_string(&entry).unwrap();
    std::fs::write(
        &entry,
        format!("{text}\nOne more sentence for the proof.\n"),
    )
    .unwrap();
    let again = run_in(dir, &["epub", "-o", "b.epub", "--timings", "f.json"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(has_phase(&dir.join("f.json"), "typeset"));
}

// `--draft` keeps a map of its own (its lines, so its pages, differ) and writes
// a plain PDF.
#[test]
fn draft_has_its_own_map_and_no_standards() {
    let tmp = demo_copy();
    let dir = tmp.path();
    let out = run_in(dir, &["pdf", "--draft", "-o", "d.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.join(".ccp-cache/default.us-letter.draft.json").exists());
    assert!(!dir.join(".ccp-cache/default.us-letter.json").exists());
    let pdf = std::fs::read(dir.join("d.pdf")).unwrap();
    let has = |needle: &[u8]| pdf.windows(needle.len()).any(|w| w == needle);
    assert!(!has(b"pdfaid:part"), "a draft claims PDF/A");
}
