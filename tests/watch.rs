//! `watch` end to end: it builds, then builds again when an entry is edited, and
//! the new text is in the PDF.

mod common;

use std::time::{Duration, Instant};

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

fn text_of(pdf: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Waits until `ok` holds, or fails after a minute.
fn wait_for(what: &str, ok: impl Fn() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

// Checks the editor's loop: first build, an edit, the new text in the PDF.
#[test]
fn watch_rebuilds_on_an_edit() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy(&fixture("minimal"), &content);
    let out = dir.path().join("out");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ccp-press"))
        .args([
            "--content",
            content.to_str().unwrap(),
            "watch",
            "--out-dir",
            out.to_str().unwrap(),
        ])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("watch starts");
    let pdf = out.join("default.pdf");
    wait_for("the first build", || pdf.exists());
    // Give the watcher time to start after the first build.
    std::thread::sleep(Duration::from_millis(500));
    let entry = content.join("glossary/common-prosperity.md");
    let mut text = std::fs::read_to_string(&entry).unwrap();
    text.push_str("\nA sentence added while watching.\n");
    std::fs::write(&entry, text).unwrap();
    wait_for("the edit in the PDF", || {
        text_of(&pdf).contains("added while watching")
    });
    // Ctrl-C ends the watch cleanly: exit status 0, no temporary file left.
    let interrupted = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(interrupted.success());
    let ended = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if ended.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("watch did not stop on Ctrl-C");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = child.wait_with_output().unwrap();
    let log = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{log}");
    assert!(log.contains("[watch] stopped"), "{log}");
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
