//! What a `watch` keeps between builds: parsed content files and formatted
//! citations. A cached result must equal a fresh one, diagnostics included, and
//! the caches must notice every change.

mod common;

use ccp_press::load::ParseCache;
use ccp_press::pipeline::Edition;
use ccp_press::render::pdf::Paper;
use common::{append, copy_dir, root};

/// The model and diagnostics of a load, as text (the model has no `PartialEq`).
fn shown(checked: &ccp_press::Checked) -> String {
    format!("{:#?}\n{:#?}", checked.project, checked.diagnostics)
}

#[test]
fn parsed_files_are_reused_until_their_text_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&root().join("content"), &content);
    // A file with a problem: its diagnostics must come back from the cache too.
    std::fs::write(
        content.join("glossary/broken-entry.md"),
        "---\nterm: Broken\npinyin: [\n---\nText.\n",
    )
    .unwrap();
    let mut cache = ParseCache::default();
    let first = ccp_press::load_and_check_cached(&content, &mut cache);
    assert_eq!(cache.hits, 0);
    assert!(first.has_errors(), "the broken entry is reported");
    let fresh = ccp_press::load_and_check(&content);
    assert_eq!(shown(&first), shown(&fresh));

    let again = ccp_press::load_and_check_cached(&content, &mut cache);
    let files = cache.hits;
    assert!(
        files > 40,
        "entries, documents and originals reused: {files}"
    );
    assert_eq!(shown(&again), shown(&fresh));

    // One entry edited: parsed again, everything else reused.
    append(
        &content.join("glossary/common-prosperity.md"),
        "\nA paragraph added by the test, citing [@xi-2021-common-prosperity].\n",
    );
    let edited = ccp_press::load_and_check_cached(&content, &mut cache);
    assert_eq!(cache.hits, files - 1);
    let fresh = ccp_press::load_and_check(&content);
    assert_eq!(shown(&edited), shown(&fresh));
    assert!(shown(&edited).contains("A paragraph added by the test"));

    // A new file before the others moves their places in the source map: they
    // are parsed again (their spans would point into the wrong file).
    std::fs::write(
        content.join("glossary/aaa-first.md"),
        "---\nterm: First\npinyin: Dì Yī\nhanzi: 第一\n---\nThe first entry.\n",
    )
    .unwrap();
    let moved = ccp_press::load_and_check_cached(&content, &mut cache);
    assert_eq!(cache.hits, 0);
    assert_eq!(shown(&moved), shown(&ccp_press::load_and_check(&content)));
}

#[test]
fn citations_are_reused_while_the_cited_works_stay_the_same() {
    let mut checked = ccp_press::load_and_check(&root().join("content"));
    let reader_name = checked.project.readers.keys().next().unwrap().clone();
    let fresh_book = |project: &ccp_press::model::Project| {
        let reader = &project.readers[&reader_name];
        Edition::new(project, reader, Paper::default())
            .unwrap()
            .book
    };
    let mut cache = ccp_press::cite::Cache::default();
    let mut cached_book = |project: &ccp_press::model::Project| {
        let reader = &project.readers[&reader_name];
        let book = Edition::with_citations(project, reader, Paper::default(), &mut cache)
            .unwrap()
            .book;
        (book, cache.hit)
    };
    let (first, hit) = cached_book(&checked.project);
    assert!(!hit);
    assert_eq!(first, fresh_book(&checked.project));
    let (second, hit) = cached_book(&checked.project);
    assert!(hit, "same works, same labels and reference list");
    assert_eq!(second, first);

    // A cited work changes: labels and references are made again.
    let key = {
        let project = &checked.project;
        let selection = project.select(&project.readers[&reader_name]);
        ccp_press::cite::format(project, &selection).bibliography[0]
            .0
            .clone()
    };
    let entry = checked
        .project
        .bibliography
        .entries
        .get_mut(key.as_str())
        .unwrap();
    let title = entry.work.title.get_or_insert_with(Default::default);
    title.roman.push_str(" Revised");
    let (third, hit) = cached_book(&checked.project);
    assert!(!hit, "{key} changed");
    assert_eq!(third, fresh_book(&checked.project));
    assert_ne!(third, first);
}
