//! Progress: no spinner when standard error is not a terminal, and `--timings`
//! writes a Chrome trace of the phases and of typst's own timings.

mod common;

use common::*;

// Checks the trace of `build`, and that a piped run prints nothing but its result.
#[test]
fn timings_trace_the_phases() {
    let dir = tempfile::tempdir().unwrap();
    let trace = dir.path().join("trace.json");
    let out = run(&[
        "--content",
        fixture("minimal").to_str().unwrap(),
        "build",
        "--out-dir",
        dir.path().to_str().unwrap(),
        "--timings",
        trace.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains('…'),
        "a spinner on a pipe: {}",
        stderr(&out)
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&trace).unwrap()).unwrap();
    let events = json["traceEvents"].as_array().unwrap();
    let names: Vec<&str> = events
        .iter()
        .filter(|e| e["tid"] == 1)
        .filter_map(|e| e["name"].as_str())
        .collect();
    // typst's own timings, on a thread of their own.
    let typst: Vec<&str> = events
        .iter()
        .filter(|e| e["tid"] == 2)
        .filter_map(|e| e["name"].as_str())
        .collect();
    assert!(
        typst.contains(&"compile") && typst.contains(&"iter (1)"),
        "{typst:?}"
    );
    assert_eq!(
        names,
        [
            "load and check",
            "cite and plan",
            "typeset",
            "export",
            "package"
        ]
    );
}

// Checks the spinner on a terminal (`script` gives the command a pseudo-terminal):
// it names the phases, and the lines the command prints are written on a cleared
// line, never after the spinner's text.
#[test]
fn spinner_on_a_terminal() {
    std::process::Command::new("script")
        .arg("--version")
        .output()
        .expect("`script` (util-linux) gives the command a pseudo-terminal; install it");
    let dir = tempfile::tempdir().unwrap();
    let command = format!(
        "{} --content {} pdf -o {}",
        env!("CARGO_BIN_EXE_ccp-press"),
        fixture("minimal").display(),
        dir.path().join("out.pdf").display()
    );
    let out = std::process::Command::new("script")
        .args(["-q", "-e", "-c", &command, "/dev/null"])
        .output()
        .unwrap();
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{screen}");
    assert!(
        screen.contains("typeset…"),
        "no phase on the terminal: {screen:?}"
    );
    let wrote = screen
        .find("wrote ")
        .expect("the command says what it wrote");
    assert!(
        screen[..wrote].ends_with("\u{1b}[2K") || screen[..wrote].ends_with('\n'),
        "written after the spinner's text: {screen:?}"
    );
}
