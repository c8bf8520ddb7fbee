//! Progress: no spinner when standard error is not a terminal, and `--timings`
//! writes a Chrome trace of the phases.

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
    assert!(!stderr(&out).contains('…'), "a spinner on a pipe: {}", stderr(&out));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&trace).unwrap()).unwrap();
    let names: Vec<&str> = json["traceEvents"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["name"].as_str())
        .collect();
    assert_eq!(names, ["load and check", "cite and plan", "typeset", "export", "package"]);
}
