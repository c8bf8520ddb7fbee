//! `watch` end to end: it builds, then builds again when an entry is edited, and
//! the new text is in the PDF.

mod common;

use std::time::{Duration, Instant};

use common::*;

// Checks the editor's loop: first build, an edit, the new text in the PDF.
#[test]
fn watch_rebuilds_on_an_edit() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&fixture("minimal"), &content);
    let out = dir.path().join("out");
    let mut child = spawn_watch(&content, &out, &[]);
    let pdf = out.join("default.pdf");
    let minute = Duration::from_secs(60);
    wait_for("the first build", minute, || pdf.exists());
    // Give the watcher time to start after the first build.
    std::thread::sleep(Duration::from_millis(500));
    append(
        &content.join("glossary/common-prosperity.md"),
        "\nA sentence added while watching.\n",
    );
    wait_for("the edit in the PDF", minute, || {
        pdf_text(&pdf).contains("added while watching")
    });
    // Ctrl-C ends the watch cleanly: exit status 0, no temporary file left.
    let interrupted = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(interrupted.success());
    let ended = Instant::now();
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

// Checks that a misspelt reader or a missing content folder ends the watch at
// once (nothing to watch), with the names there are.
#[test]
fn watch_refuses_what_it_cannot_watch() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&fixture("minimal"), &content);
    let c = content.to_str().unwrap();
    let misspelt = run(&["--content", c, "watch", "--reader", "defualt"]);
    assert!(!misspelt.status.success());
    assert!(
        stderr(&misspelt).contains("did you mean `default`?"),
        "{}",
        stderr(&misspelt)
    );
    let missing = dir.path().join("no-such-folder");
    let gone = run(&["--content", missing.to_str().unwrap(), "watch"]);
    assert!(!gone.status.success());
    assert!(stderr(&gone).contains("not found"), "{}", stderr(&gone));
}
