//! Tests of the citation engine on the `citations` fixture.

use super::*;
use crate::model::Owner;

fn formatted() -> Formatted {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/citations/content");
    let checked = crate::load_and_check(&dir);
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    let p = &checked.project;
    format(p, &p.select(&p.readers["default"])).expect("formats")
}

fn cite(f: &Formatted, i: usize) -> String {
    plain(
        f.citation(
            &Owner::Entry(crate::model::EntryId::new("test-entry").unwrap()),
            i,
        )
        .unwrap(),
    )
}

// Checks every citation form against Chicago author-date (18th edition).
#[test]
fn chicago_author_date_citations() {
    let f = formatted();
    let got: Vec<String> = (0..7).map(|i| cite(&f, i)).collect();
    assert_eq!(
        got,
        [
            "(State Council 2016)",
            "(State Council 2016, emphasis added)",
            "(Naughton et al. 2023, 12)",
            "(Xi 2021a; 2021b)",
            "Naughton et al. (2023)",
            "(2021a)",
            "(see State Council 2016, 3)",
        ]
    );
}

// Checks the reference list: Chinese names surname first without a comma, roman
// hanzi, years disambiguated, works listed but not cited included, sorted by author.
#[test]
fn reference_list() {
    let f = formatted();
    let keys: Vec<&str> = f.bibliography.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        [
            "economy-2018",
            "naughton-2023",
            "state-council-2016",
            "xi-2021a",
            "xi-2021b"
        ]
    );
    let xi = plain(f.reference("xi-2021a").unwrap());
    assert!(xi.starts_with("Xi Jinping 习近平. 2021a. “Zhashi"), "{xi}");
    let economy = plain(f.reference("economy-2018").unwrap());
    assert_eq!(
        economy,
        "Economy, Elizabeth C. 2018. The Third Revolution: Xi Jinping and the New Chinese State. Oxford University Press."
    );
    let sc = f.reference("state-council-2016").unwrap();
    // The romanised title is italic; the characters and the translation are not.
    assert!(sc.iter().any(|r| matches!(r, Run::Italic(c) if plain(c) == "Guojia Chuangxin Qudong Fazhan Zhanlüe Gangyao")), "{sc:?}");
    assert!(sc.iter().any(|r| matches!(r, Run::Text(t) if t.contains("国家创新驱动发展战略纲要 [Outline"))), "{sc:?}");
}

// Checks, on the demo corpus, that no two reference-list entries begin with the same
// author and year: works of one author in one year get letters (2021a, 2021b).
#[test]
fn demo_years_are_disambiguated() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let checked = crate::load_and_check(&dir);
    let p = &checked.project;
    let f = format(p, &p.select(&p.readers["default"])).expect("formats");
    let mut seen = std::collections::BTreeMap::new();
    for (key, r) in &f.bibliography {
        let text = plain(r);
        // "Author. 2021a." up to the full stop after the year.
        let Some(end) = text
            .find(|c: char| c.is_ascii_digit())
            .and_then(|i| text[i..].find('.').map(|j| i + j))
        else {
            continue;
        };
        let head = text[..end].to_string();
        if let Some(other) = seen.insert(head.clone(), key.clone()) {
            panic!("`{other}` and `{key}` both begin {head:?}");
        }
    }
    assert!(seen.len() > 100);
    // And the citations agree with the reference list.
    let all: Vec<String> = f.citations.values().map(|r| plain(r)).collect();
    for bare in [
        "Deng 1979)",
        "CCP Central Committee 2021)",
        "Xi 2014)",
        "Xi 2019)",
    ] {
        assert!(
            !all.iter().any(|c| c.contains(bare)),
            "a citation reads {bare:?}"
        );
    }
}

// Checks the year letters past z, and that a wrapped letter is replaced as a whole
// token only.
#[test]
fn year_letters_go_on_past_256() {
    assert_eq!(super::year_letters(0), "a");
    assert_eq!(super::year_letters(25), "z");
    assert_eq!(super::year_letters(26), "aa");
    assert_eq!(super::year_letters(255), "iv");
    assert_eq!(super::year_letters(256), "iw");
    let mut runs = vec![Run::Text("(Xi 2021ab; Xi 2021a)".into())];
    super::replace_token(&mut runs, "2021a", "2021iw");
    assert_eq!(runs, vec![Run::Text("(Xi 2021ab; Xi 2021iw)".into())]);
}
