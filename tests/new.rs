//! `new`: entries, translations and readers from templates that `check` accepts.

mod common;

use common::*;

fn copy(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

// Checks that what `new` writes passes `check`, with the pinyin read from the
// hanzi, and that it never overwrites a file.
#[test]
fn new_files_pass_check() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy(&root().join("content"), &content);
    let c = content.to_str().unwrap();
    let entry = run(&[
        "--content",
        c,
        "new",
        "entry",
        "indigenous-innovation",
        "--term",
        "Indigenous Innovation",
        "--hanzi",
        "自主创新",
    ]);
    assert!(entry.status.success(), "{}", stderr(&entry));
    assert!(
        stdout(&entry).contains("pinyin: \"Zìzhǔ Chuàngxīn\""),
        "{}",
        stdout(&entry)
    );
    // The traditional form is converted from the simplified when it differs.
    assert!(
        stdout(&entry).contains("traditional: \"自主創新\""),
        "{}",
        stdout(&entry)
    );
    let same = run(&[
        "--content",
        c,
        "new",
        "entry",
        "common-goal",
        "--term",
        "Common Goal",
        "--hanzi",
        "共同目标",
    ]);
    assert!(same.status.success(), "{}", stderr(&same));
    assert!(
        stdout(&same).contains("traditional: \"共同目標\""),
        "{}",
        stdout(&same)
    );
    let unchanged = run(&[
        "--content",
        c,
        "new",
        "entry",
        "whole-people",
        "--term",
        "Whole People",
        "--hanzi",
        "全民",
    ]);
    assert!(unchanged.status.success(), "{}", stderr(&unchanged));
    assert!(
        !stdout(&unchanged).contains("traditional:"),
        "{}",
        stdout(&unchanged)
    );
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
