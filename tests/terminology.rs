//! The terminology checks and `terms` on a fixture with each kind of fault: a
//! wrong rendering before a bracket, an avoided phrase, exempted quotations and
//! `{{keep}}`, an inconsistency across two files, a traditional-character bracket,
//! a term inside a longer term.

mod common;

use common::*;

// Checks the warnings, as printed.
#[test]
fn terminology_warnings() {
    let out = run(&[
        "--content",
        fixture("terminology").to_str().unwrap(),
        "check",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    insta::assert_snapshot!("terminology_check", stderr(&out));
}

// Checks the concordance, for people and for machines.
#[test]
fn terms_concordance() {
    let dir = fixture("terminology");
    let human = run(&["--content", dir.to_str().unwrap(), "terms"]);
    assert!(human.status.success(), "{}", stderr(&human));
    insta::assert_snapshot!("terminology_terms", stdout(&human));
    let json = run(&[
        "--content",
        dir.to_str().unwrap(),
        "terms",
        "--format",
        "json",
    ]);
    let lines: Vec<serde_json::Value> = stdout(&json)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    insta::assert_snapshot!("terminology_terms_json", stdout(&json));
    let gap = lines
        .iter()
        .find(|l| l["hanzi"] == "国家创新体系")
        .expect("the gap");
    assert!(gap["entry"].is_null());
    assert_eq!(gap["renderings"][0]["count"], 2);
    assert_eq!(
        gap["renderings"][0]["locations"][0],
        "essays/intro.md:17:21"
    );
}

// Checks that the demo's terminology is consistent.
#[test]
fn demo_has_no_terminology_warnings() {
    let out = run(&["check", "--format", "json"]);
    let codes: Vec<String> = stdout(&out)
        .lines()
        .chain(stderr(&out).lines())
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["code"].as_str().map(String::from))
        .filter(|c| ["W0210", "W0211", "W0212"].contains(&c.as_str()))
        .collect();
    assert!(codes.is_empty(), "{codes:?}");
}

/// One labelled term of `tests/fixtures/terminology-labelled`: its file, the
/// line of its brackets, and whether its rendering is wrong.
struct Labelled {
    file: String,
    line: usize,
    wrong: bool,
    words: String,
}

/// The labelled terms, each found in its file in order.
fn labelled_items(dir: &std::path::Path) -> Vec<Labelled> {
    let labels = std::fs::read_to_string(dir.join("labels.txt")).expect("labels.txt");
    let mut at: std::collections::BTreeMap<String, usize> = Default::default();
    let mut out = Vec::new();
    for (n, line) in labels.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        let parts: Vec<&str> = line.split('\t').collect();
        let [file, hanzi, label, words] = parts[..] else {
            panic!("labels.txt line {}: `{line}`", n + 1);
        };
        let text = std::fs::read_to_string(dir.join("content").join(file)).expect(file);
        let from = at.get(file).copied().unwrap_or(0);
        let needle = format!("[{hanzi}]");
        let found = text[from..].find(&needle).unwrap_or_else(|| {
            panic!("labels.txt line {}: {needle} not in {file}", n + 1)
        });
        let offset = from + found;
        at.insert(file.to_string(), offset + needle.len());
        out.push(Labelled {
            file: file.to_string(),
            line: text[..offset].matches('\n').count() + 1,
            wrong: label == "wrong",
            words: words.to_string(),
        });
    }
    out
}

// Measures the terminology checks on a hand-labelled set of bracketed terms in
// translation sentences (one term a paragraph): precision (the warnings that
// are right) and recall (the wrong renderings warned of). The goal is
// precision ≥ 0.98 and recall ≥ 0.95; the README gives the figures.
#[test]
fn labelled_set_precision_and_recall() {
    let dir = root().join("tests/fixtures/terminology-labelled");
    let items = labelled_items(&dir);
    assert!(items.len() >= 150, "{} labelled terms", items.len());
    let out = run(&[
        "--content",
        dir.join("content").to_str().unwrap(),
        "check",
        "--format",
        "json",
    ]);
    let terminology = ["W0203", "W0210", "W0211", "W0212"];
    let mut warned = vec![false; items.len()];
    let mut stray = Vec::new();
    for v in stdout(&out)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| terminology.contains(&v["code"].as_str().unwrap_or("")))
    {
        let (file, line) = (
            v["file"].as_str().unwrap_or(""),
            v["line"].as_u64().unwrap_or(0) as usize,
        );
        // The term whose brackets are on the warning's line or the next ones of
        // its paragraph: the first at or after it.
        match items
            .iter()
            .position(|i| i.file == file && i.line >= line && i.line <= line + 3)
        {
            Some(k) => warned[k] = true,
            None => stray.push(format!("{} {file}:{line} {}", v["code"], v["message"])),
        }
    }
    let count = |f: &dyn Fn(&Labelled, bool) -> bool| {
        items.iter().zip(&warned).filter(|(i, w)| f(i, **w)).count()
    };
    let tp = count(&|i, w| i.wrong && w);
    let fp = count(&|i, w| !i.wrong && w) + stray.len();
    let fn_ = count(&|i, w| i.wrong && !w);
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    let misses: Vec<String> = items
        .iter()
        .zip(&warned)
        .filter(|(i, w)| i.wrong != **w)
        .map(|(i, w)| {
            let what = if *w { "false alarm" } else { "missed" };
            format!("{what}: {}:{} “{}”", i.file, i.line, i.words)
        })
        .chain(stray.iter().map(|s| format!("stray: {s}")))
        .collect();
    eprintln!(
        "{} terms ({} wrong): precision {precision:.3}, recall {recall:.3}",
        items.len(),
        items.iter().filter(|i| i.wrong).count()
    );
    assert!(
        precision >= 0.98 && recall >= 0.95,
        "precision {precision:.3}, recall {recall:.3}:\n{}",
        misses.join("\n")
    );
}
