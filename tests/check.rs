//! End-to-end tests of `check` over fixture corpora.

mod common;

use common::*;

// Checks that the demo content is clean, warnings included.
#[test]
fn demo_content_checks_clean() {
    let out = run(&["check", "--deny-warnings"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let line = stdout(&out);
    assert!(line.starts_with("ok: "), "{line}");
    let n: usize = line[4..].split(' ').next().unwrap().parse().unwrap();
    assert!(n >= 30, "{line}");
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

// Checks every planted fault, reported in one run, against a snapshot.
#[test]
fn faults_are_all_reported_in_one_run() {
    let dir = fixture("all-faults");
    let out = run(&["--content", dir.to_str().unwrap(), "check"]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("faults_human", stderr(&out));
}

// Checks the JSON output: one object per line with file, line, column and code.
#[test]
fn faults_as_json() {
    let dir = fixture("all-faults");
    let out = run(&[
        "--content",
        dir.to_str().unwrap(),
        "check",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let mut codes = Vec::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("each line is JSON");
        codes.push(v["code"].as_str().unwrap().to_string());
        if v.get("file").is_some() {
            assert!(v["line"].as_u64().unwrap() >= 1);
            assert!(v["column"].as_u64().unwrap() >= 1);
        }
    }
    for code in [
        "E0101", "E0102", "E0201", "E0202", "E0203", "E0204", "E0301", "E0302", "E0304",
        "E0401", "E0402", "E0403", "E0501", "E0602", "W0101", "W0102", "W0201", "W0202",
        "W0203", "W0204",
    ] {
        assert!(
            codes.iter().any(|c| c == code),
            "{code} missing from {codes:?}"
        );
    }
    insta::assert_snapshot!("faults_json", text);
}

// Checks that warnings fail the run only with --deny-warnings.
#[test]
fn deny_warnings_promotes_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture("minimal"), &content);
    std::fs::write(
        content.join("bibliography/extra.yaml"),
        "never-cited:\n  type: book\n  title: T\n  author: A\n  date: 2020\n",
    )
    .unwrap();
    let c = content.to_str().unwrap();
    let out = run(&["--content", c, "check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("warning[W0101]"));
    let out = run(&["--content", c, "check", "--deny-warnings"]);
    assert_eq!(out.status.code(), Some(1));
}

// Checks that hostile files (huge, binary, odd YAML) give diagnostics, not panics.
#[test]
fn hostile_files_get_clean_diagnostics() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture("minimal"), &content);
    let g = content.join("glossary");
    std::fs::write(g.join("huge.md"), vec![b'a'; 50 * 1024 * 1024]).unwrap();
    std::fs::write(g.join("binary.md"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    std::fs::write(g.join("scalar.md"), "---\njust a string\n---\nx\n").unwrap();
    std::fs::write(g.join("unclosed.md"), "---\nterm: x\n").unwrap();
    std::fs::write(
        g.join("Bad_Name.md"),
        "---\nterm: B\npinyin: Bù\nhanzi: 不\n---\nx\n",
    )
    .unwrap();
    std::fs::write(
        g.join("deep.md"),
        format!("---\nterm: {}\n---\n", "[".repeat(10_000)),
    )
    .unwrap();
    let out = run(&["--content", content.to_str().unwrap(), "check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    for code in ["E0103", "E0101", "E0204", "E0201", "E0205"] {
        assert!(err.contains(code), "{code} missing:\n{err}");
    }
}

// Checks that a missing content folder is a diagnostic.
#[test]
fn missing_content_folder() {
    let out = run(&["--content", "/nonexistent/content", "check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("E0100"));
}

// Checks that document file names must be slugs, dates must exist, and layout
// overrides must name a layout: each a located diagnostic.
#[test]
fn ids_dates_and_layouts_are_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture("minimal"), &content);
    std::fs::write(
        content.join("essays/Q&A.md"),
        "---\ntitle: Q and A\n---\nText.\n",
    )
    .unwrap();
    std::fs::write(
        content.join("essays/dated.md"),
        "---\ntitle: Dated\ndate: 2026-02-30\n---\nText.\n",
    )
    .unwrap();
    std::fs::create_dir_all(content.join("layouts")).unwrap();
    std::fs::write(content.join("layouts/bok.typ"), "// typo\n").unwrap();
    let out = run(&["--content", content.to_str().unwrap(), "check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("error[E0205]: `Q&A` is not a valid document id"),
        "{err}"
    );
    assert!(err.contains("--> essays/dated.md:3:7"), "{err}");
    assert!(err.contains("error[E0207]"), "{err}");
    assert!(err.contains("error[E0801]"), "{err}");
    assert!(err.contains("did you mean `book.typ`?"), "{err}");
}

// Checks that `explain` prints every registered code and rejects unknown ones.
#[test]
fn explain_prints_codes() {
    let out = run(&["explain", "e0301"]);
    assert!(out.status.success());
    assert!(
        stdout(&out).starts_with("E0301 (error): "),
        "{}",
        stdout(&out)
    );
    let out = run(&["explain", "E0300"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("did you mean"));
}
