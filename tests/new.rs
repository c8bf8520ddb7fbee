//! `new`: entries, translations and readers from templates that `check` accepts.

mod common;

use common::*;

// Checks that what `new` writes passes `check`, with the pinyin read from the
// hanzi, and that it never overwrites a file.
#[test]
fn new_files_pass_check() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&root().join("content"), &content);
    let c = content.to_str().unwrap();
    // The pinyin is read from the hanzi; the traditional form is converted
    // from the simplified when it differs.
    for (slug, term, hanzi, expected, unexpected) in [
        (
            "indigenous-innovation",
            "Indigenous Innovation",
            "自主创新",
            &["pinyin: \"Zìzhǔ Chuàngxīn\"", "traditional: \"自主創新\""][..],
            None,
        ),
        (
            "common-goal",
            "Common Goal",
            "共同目标",
            &["traditional: \"共同目標\""][..],
            None,
        ),
        (
            "long-march-spirit",
            "Long March Spirit",
            "长征精神",
            &[
                "pinyin: \"Chángzhēng Jīngshén\"",
                "traditional: \"長征精神\"",
            ][..],
            None,
        ),
        (
            "whole-people",
            "Whole People",
            "全民",
            &[][..],
            Some("traditional:"),
        ),
    ] {
        let entry = new_entry(c, slug, term, hanzi);
        assert!(entry.status.success(), "{}", stderr(&entry));
        let written = stdout(&entry);
        for e in expected {
            assert!(written.contains(e), "{written}");
        }
        if let Some(u) = unexpected {
            assert!(!written.contains(u), "{written}");
        }
    }
    let doc = run(&[
        "--content",
        c,
        "new",
        "translation",
        "a-speech",
        "--source",
        "jiang-1999",
    ]);
    assert!(doc.status.success(), "{}", stderr(&doc));
    let reader = run(&["--content", c, "new", "reader", "spring-seminar"]);
    assert!(reader.status.success(), "{}", stderr(&reader));
    let check = run(&["--content", c, "check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let again = run(&["--content", c, "new", "reader", "spring-seminar"]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("never overwrites"));
}

// Checks that an entry `new` writes is a draft: `check` says so (W0218), no
// reader prints it, and a reader with `drafts: true` does.
#[test]
fn new_entries_are_drafts_left_out_of_readers() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&root().join("content"), &content);
    let c = content.to_str().unwrap();
    let entry = new_entry(
        c,
        "indigenous-innovation",
        "Indigenous Innovation",
        "自主创新",
    );
    assert!(entry.status.success(), "{}", stderr(&entry));
    assert!(stdout(&entry).contains("draft: true"), "{}", stdout(&entry));
    let check = run(&["--content", c, "check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(stderr(&check).contains("W0218"), "{}", stderr(&check));
    let checked = ccp_press::load_and_check(&content);
    let p = &checked.project;
    let has = |p: &ccp_press::model::Project, reader: &ccp_press::model::Reader| {
        p.select(reader).has_entry("indigenous-innovation")
    };
    let reader = &p.readers["default"];
    assert!(!has(p, reader), "a draft is left out");
    let mut proofs = reader.clone();
    proofs.drafts = true;
    assert!(has(p, &proofs), "a reader with drafts: true prints it");
}

// Checks that `new` refuses, with a located reason, what would not pass
// `check`: a bad name, an empty term, hanzi without Chinese, an unknown source.
#[test]
fn new_refuses_what_would_not_pass_check() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&root().join("content"), &content);
    let c = content.to_str().unwrap();
    let entry = |slug: &str, term: &str, hanzi: &str| new_entry(c, slug, term, hanzi);
    for (out, says) in [
        (entry("Bad Slug", "Term", "共同"), "is not a valid name"),
        (entry("blank-term", "  ", "共同"), "`--term` is empty"),
        (
            entry("no-hanzi", "Term", "abc"),
            "holds no Chinese characters",
        ),
        (
            run(&[
                "--content",
                c,
                "new",
                "translation",
                "t",
                "--source",
                "jiang-199",
            ]),
            "did you mean `jiang-1999`?",
        ),
    ] {
        assert!(!out.status.success());
        assert!(stderr(&out).contains(says), "{}", stderr(&out));
    }
    let glossary = std::fs::read_dir(content.join("glossary")).unwrap().count();
    assert_eq!(
        glossary,
        std::fs::read_dir(root().join("content/glossary"))
            .unwrap()
            .count()
    );
    assert!(!content.join("translations/t.md").exists());
}

/// `new entry SLUG --term TERM --hanzi HANZI` on the content folder `c`.
fn new_entry(c: &str, slug: &str, term: &str, hanzi: &str) -> std::process::Output {
    run(&[
        "--content",
        c,
        "new",
        "entry",
        slug,
        "--term",
        term,
        "--hanzi",
        hanzi,
    ])
}
