//! The live preview of `watch --serve`, seen in headless Chromium: the page shows
//! the pages of the first build, and those of the next after an edit.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::time::Duration;

use common::*;

/// The body of `GET path` from the preview server (tried again, on a loaded
/// machine, when a connection fails).
fn get(address: &str, path: &str) -> String {
    let host = address.trim_start_matches("http://").trim_end_matches('/');
    for _ in 0..20 {
        let Ok(mut s) = std::net::TcpStream::connect(host) else {
            std::thread::sleep(Duration::from_millis(100));
            continue;
        };
        let mut out = String::new();
        if write!(s, "GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n").is_err()
            || s.read_to_string(&mut out).is_err()
            || out.is_empty()
        {
            std::thread::sleep(Duration::from_millis(100));
            continue;
        }
        return out
            .split_once("\r\n\r\n")
            .map_or(out.clone(), |(_, b)| b.to_string());
    }
    panic!("the preview server at {host} does not answer {path}");
}

/// The page as headless Chromium renders it (after its scripts).
fn chromium(address: &str) -> String {
    let out = std::process::Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--dump-dom",
            address,
        ])
        .output()
        .expect("chromium runs (scripts/test.sh installs it)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

// Checks the preview: served on 127.0.0.1, its pages in Chromium, and new pages
// after an edit.
#[test]
fn preview_follows_edits() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&fixture("minimal"), &content);
    let out = dir.path().join("out");
    let mut child = spawn_watch(&content, &out, &["--serve"]);
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let address = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|l| l.strip_prefix("preview at ").map(String::from))
        .expect("the preview's address");
    assert!(address.starts_with("http://127.0.0.1:"), "{address}");
    // Keep reading the log so the process never blocks on it.
    std::thread::spawn(move || lines.for_each(drop));
    wait_for("the first build", Duration::from_secs(60), || {
        get(&address, "/state").contains("\"version\":1")
    });
    let first = chromium(&address);
    assert!(
        first.contains("data-version=\"1\"") && first.contains("/page/1.svg?v=1"),
        "{first}"
    );
    assert!(get(&address, "/page/1.svg").starts_with("<svg"));
    append(
        &content.join("glossary/common-prosperity.md"),
        "\nA sentence added under preview.\n",
    );
    wait_for("the rebuild", Duration::from_secs(90), || {
        get(&address, "/state").contains("\"version\":2")
    });
    let second = chromium(&address);
    assert!(
        second.contains("data-version=\"2\"") && second.contains("/page/1.svg?v=2"),
        "{second}"
    );
    let _ = child.kill();
    let _ = child.wait();
}
