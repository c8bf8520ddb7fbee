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
