//! One folder per fault under `tests/fixtures/faults/`: each holds the files of
//! one fault (laid over the clean content of `faults/base/`) and `expected`, the
//! diagnostics `check` must give, one `CODE file:line:col` a line — every one at
//! its exact place, and nothing else.

mod common;

use std::path::Path;

use common::*;

fn faults() -> std::path::PathBuf {
    root().join("tests/fixtures/faults")
}

/// `CODE file:line:col` of every diagnostic `check --format json` gives.
fn found(content: &Path) -> Vec<String> {
    let out = run(&[
        "--content",
        content.to_str().expect("utf-8 path"),
        "check",
        "--format",
        "json",
    ]);
    let mut lines: Vec<String> = stdout(&out)
        .lines()
        .map(|l| {
            let v: serde_json::Value =
                serde_json::from_str(l).expect("each line is JSON");
            format!(
                "{} {}:{}:{}",
                v["code"].as_str().unwrap_or("?"),
                v["file"].as_str().unwrap_or("?"),
                v["line"],
                v["column"]
            )
        })
        .collect();
    lines.sort();
    lines
}

// Checks that the base the faults are laid over is clean.
#[test]
fn the_base_is_clean() {
    assert_eq!(found(&faults().join("base/content")), Vec::<String>::new());
}

// Checks each fault: its diagnostics, each at its line and column.
#[test]
fn each_fault_at_its_place() {
    let mut wrong = Vec::new();
    let mut dirs: Vec<_> = std::fs::read_dir(faults())
        .expect("tests/fixtures/faults")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.is_dir() && !p.ends_with("base"))
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 10, "{dirs:?}");
    for dir in dirs {
        let tmp = tempfile::tempdir().expect("temp dir");
        let content = tmp.path().join("content");
        copy_dir(&faults().join("base/content"), &content);
        copy_dir(&dir.join("content"), &content);
        let expected = std::fs::read_to_string(dir.join("expected")).expect("expected");
        let mut expected: Vec<String> = expected.lines().map(str::to_string).collect();
        expected.sort();
        let got = found(&content);
        if got != expected {
            wrong.push(format!(
                "{}:\n  expected {expected:?}\n  found    {got:?}",
                dir.file_name().unwrap_or_default().to_string_lossy()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
