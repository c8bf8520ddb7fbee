//! Tests of the concordance on the `terminology` fixture.

use super::*;

fn fixture() -> crate::Checked {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/terminology/content");
    crate::load_and_check(&dir)
}

// Checks renderings before brackets: a cross-reference's term, plain words with a
// plural, a wrong rendering, a traditional form, a term inside a longer term.
#[test]
fn renderings_before_brackets() {
    let checked = fixture();
    let scan = scan(&checked.project).unwrap();
    let found: Vec<(String, Option<String>, bool)> = scan
        .uses
        .iter()
        .map(|u| {
            (
                u.hanzi.clone(),
                u.rendering.as_ref().map(|r| r.text.clone()),
                u.rendering.as_ref().is_some_and(|r| r.accepted),
            )
        })
        .collect();
    for want in [
        ("共同富裕", Some("Common Prosperity"), true),
        ("共同富裕", Some("shared wealth"), false),
        ("共同富裕", Some("common prosperities"), true),
        ("改革", Some("Reform"), true),
        ("共同富裕", Some("ordinary richness"), false),
        ("改革開放", Some("reform and opening"), true),
        ("改革开放", Some("Reform and Opening"), true),
        ("国家创新体系", Some("national innovation system"), false),
    ] {
        let want = (want.0.to_string(), want.1.map(String::from), want.2);
        assert!(found.contains(&want), "{want:?} not in {found:#?}");
    }
    // 改革 alone is another entry; inside 改革开放 it is not matched.
    assert!(found.iter().all(|(h, _, _)| h != "改"));
}

// Checks key normalisation: case, articles, plurals and possessives.
#[test]
fn rendering_keys() {
    assert_eq!(
        rendering_key("The National Innovation Systems"),
        "national innovation system"
    );
    assert_eq!(rendering_key("“Party’s line”"), "party line");
}
