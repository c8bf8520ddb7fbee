//! Tests of the citation style on the `citations` fixture, on made-up works and on
//! the demo.

use super::*;
use crate::model::{Date, Kind, Name, Person, Title, Work};

fn formatted() -> Formatted {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/citations/content");
    let checked = crate::load_and_check(&dir);
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    let p = &checked.project;
    format(p, &p.select(&p.readers["default"]))
}

fn cite(f: &Formatted, i: usize) -> String {
    let owner = Owner::Entry(crate::model::EntryId::new("test-entry").unwrap());
    plain(f.citation(&owner, i).unwrap())
}

// Checks every citation form: page locators bare, remarks after a comma, works of
// one author joined, narrative, year only, prefix.
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
            "(Xi 2021a, 2021b)",
            "Naughton et al. (2023)",
            "(2021b)",
            "(see State Council 2016, 3)",
        ]
    );
}

fn person(family: &str, given: &str, chinese: bool) -> Name {
    Name::Person(Person {
        family: family.into(),
        given: Some(given.into()),
        suffix: None,
        hanzi: None,
        chinese_order: chinese,
    })
}

fn work(author: Name, year: i32, title: &str) -> Work {
    let mut w = Work::new(Kind::Book);
    w.authors = vec![author];
    w.date = Some(Date {
        year,
        month: None,
        day: None,
    });
    w.title = Some(Title {
        roman: title.into(),
        ..Title::default()
    });
    w
}

fn names_and_years(works: &[(&str, Work)]) -> Vec<(String, String)> {
    let refs: Vec<(&str, &Work)> = works.iter().map(|(k, w)| (*k, w)).collect();
    label::labels(&refs)
        .into_iter()
        .map(|(k, l)| {
            (
                k.to_string(),
                format!("{} {}", plain(&l.names), l.cite_year()),
            )
        })
        .collect()
}

// Checks that authors sharing a surname get initials (full given names when the
// initials are shared too; Chinese names always in full), across years.
#[test]
fn shared_surnames_get_given_names() {
    let works = [
        ("a", work(person("Doyle", "Conan", false), 2013, "A")),
        ("b", work(person("Doyle", "James", false), 2015, "B")),
        ("c", work(person("Doyle", "Jane", false), 2016, "C")),
        ("d", work(person("Liu", "Mingfu", true), 2010, "D")),
        ("e", work(person("Liu", "He", true), 2021, "E")),
        ("f", work(person("Naughton", "Barry", false), 2021, "F")),
    ];
    let got = names_and_years(&works);
    let by_key: std::collections::BTreeMap<_, _> = got.into_iter().collect();
    assert_eq!(by_key["a"], "C. Doyle 2013");
    assert_eq!(by_key["b"], "James Doyle 2015");
    assert_eq!(by_key["c"], "Jane Doyle 2016");
    assert_eq!(by_key["d"], "Liu Mingfu 2010");
    assert_eq!(by_key["e"], "Liu He 2021");
    assert_eq!(by_key["f"], "Naughton 2021");
}

// Checks year letters: in title order, past z (aa, ab …), and for undated works.
#[test]
fn year_letters_follow_the_reference_list() {
    let xi = || person("Xi", "Jinping", true);
    let mut works: Vec<(String, Work)> = (0..30)
        .map(|i| {
            (
                format!("k{i:02}"),
                work(xi(), 2021, &format!("Title {i:02}")),
            )
        })
        .collect();
    let mut undated = work(xi(), 0, "Zed");
    undated.date = None;
    let mut undated2 = work(xi(), 0, "Alpha");
    undated2.date = None;
    works.push(("u1".into(), undated));
    works.push(("u2".into(), undated2));
    let refs: Vec<(&str, Work)> =
        works.iter().map(|(k, w)| (k.as_str(), w.clone())).collect();
    let got = names_and_years(&refs);
    assert_eq!(got[0], ("k00".into(), "Xi 2021a".into()));
    assert_eq!(got[25], ("k25".into(), "Xi 2021z".into()));
    assert_eq!(got[26], ("k26".into(), "Xi 2021aa".into()));
    assert_eq!(got[29], ("k29".into(), "Xi 2021ad".into()));
    assert_eq!(got[30], ("u2".into(), "Xi n.d.-a".into()));
    assert_eq!(got[31], ("u1".into(), "Xi n.d.-b".into()));
    assert_eq!(label::year_letters(255), "iv");
    assert_eq!(label::year_letters(256), "iw");
}

// Checks, on the demo corpus, that no two reference-list entries begin with the same
// author and year, and that the citations use the letters.
#[test]
fn demo_years_are_disambiguated() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let checked = crate::load_and_check(&dir);
    let p = &checked.project;
    let f = format(p, &p.select(&p.readers["default"]));
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
    let all: Vec<String> = f.citations.values().map(|r| plain(r)).collect();
    for bare in ["Xi 2014)", "Xi 2021)", "Xi 2017)"] {
        assert!(
            !all.iter().any(|c| c.contains(bare)),
            "a citation reads {bare:?}"
        );
    }
}
