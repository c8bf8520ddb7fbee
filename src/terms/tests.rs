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

// Checks that a rendering is the whole noun phrase before its brackets, through
// the words that join its parts, on phrases shaped like the center's
// translations (the first words of each sentence are not the rendering).
#[test]
fn renderings_are_whole_phrases() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "We must build a community with a shared future for mankind",
            "人类命运共同体",
            "community with a shared future for mankind",
        ),
        (
            "It serves the great rejuvenation of the Chinese nation",
            "中华民族伟大复兴",
            "great rejuvenation of the Chinese nation",
        ),
        (
            "The country pursues reform and opening",
            "改革开放",
            "reform and opening",
        ),
        (
            "This is a period of important strategic opportunities",
            "重要战略机遇期",
            "period of important strategic opportunities",
        ),
        (
            "Officials must uphold the system of people's congresses",
            "人民代表大会制度",
            "system of people's congresses",
        ),
        (
            "It is the principal contradiction facing Chinese society",
            "社会主要矛盾",
            "principal contradiction facing Chinese society",
        ),
        (
            "The Party strengthens its capacity for self-purification",
            "自我净化能力",
            "capacity for self-purification",
        ),
        (
            "Cadres oppose formalism and bureaucratism",
            "形式主义、官僚主义",
            "formalism and bureaucratism",
        ),
        (
            "China seeks the modernization of the system and capacity for governance",
            "治理体系和治理能力现代化",
            "modernization of the system and capacity for governance",
        ),
        (
            "The state builds a new pattern of development",
            "新发展格局",
            "new pattern of development",
        ),
        (
            "Enterprises master key technologies in core fields",
            "核心领域关键技术",
            "key technologies in core fields",
        ),
        (
            "They strengthen confidence in the path",
            "道路自信",
            "confidence in the path",
        ),
        ("We advance the rule of law", "法治", "rule of law"),
        (
            "Members study the thought on socialism with Chinese characteristics",
            "中国特色社会主义思想",
            "thought on socialism with Chinese characteristics",
        ),
        ("The Party follows the mass line", "群众路线", "mass line"),
        (
            "The center monitors the risk of disorderly expansion of capital",
            "资本无序扩张",
            "risk of disorderly expansion of capital",
        ),
        (
            "Work continues on the battle against poverty",
            "脱贫攻坚战",
            "battle against poverty",
        ),
        (
            "Leaders call for the spirit of struggle",
            "斗争精神",
            "spirit of struggle",
        ),
        (
            "The plan promotes the integration of the military and civilian sectors",
            "军民融合",
            "integration of the military and civilian sectors",
        ),
        (
            "It upholds the leadership of the Party over the military",
            "党对军队的领导",
            "leadership of the Party over the military",
        ),
        (
            "The document stresses high-quality development",
            "高质量发展",
            "high-quality development",
        ),
        (
            "It names the problem of hollowing out",
            "空心化",
            "problem of hollowing out",
        ),
        (
            "Officials guard against black swan events",
            "黑天鹅事件",
            "black swan events",
        ),
        (
            "The reform deepens the separation of government and enterprise",
            "政企分开",
            "separation of government and enterprise",
        ),
        (
            "The text speaks of the protection of intellectual property",
            "知识产权保护",
            "protection of intellectual property",
        ),
        (
            "The Party holds to people-centered development",
            "以人民为中心的发展",
            "people-centered development",
        ),
        (
            "Leaders praise self-reliance and self-improvement",
            "自立自强",
            "self-reliance and self-improvement",
        ),
        (
            "Officials promote the modernization of agriculture and rural areas",
            "农业农村现代化",
            "modernization of agriculture and rural areas",
        ),
        (
            "It names the foundation for national security",
            "国家安全基础",
            "foundation for national security",
        ),
        (
            "The report discusses dual circulation",
            "双循环",
            "dual circulation",
        ),
        (
            "He speaks of the building of a clean government",
            "廉政建设",
            "building of a clean government",
        ),
        (
            "Members were asked to look in the mirror, straighten their clothes, take a bath and treat illnesses",
            "照镜子、正衣冠、洗洗澡、治治病",
            "look in the mirror, straighten their clothes, take a bath and treat illnesses",
        ),
        (
            "The campaign fought formalism, bureaucratism, hedonism and extravagance",
            "形式主义、官僚主义、享乐主义、奢靡之风",
            "formalism, bureaucratism, hedonism and extravagance",
        ),
    ];
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    std::fs::create_dir_all(content.join("essays")).unwrap();
    let body: String = cases
        .iter()
        .map(|(before, hanzi, _)| format!("{before} [{hanzi}].\n\n"))
        .collect();
    std::fs::write(
        content.join("essays/phrases.md"),
        format!("---\ntitle: Phrases\n---\n{body}"),
    )
    .unwrap();
    let checked = crate::load_and_check(&content);
    let scan = scan(&checked.project).unwrap();
    let found: std::collections::BTreeMap<&str, &str> = scan
        .uses
        .iter()
        .filter_map(|u| Some((u.hanzi.as_str(), u.rendering.as_ref()?.text.as_str())))
        .collect();
    let wrong: Vec<String> = cases
        .iter()
        .filter(|(_, h, want)| found.get(h) != Some(want))
        .map(|(_, h, want)| format!("{h}: want “{want}”, found {:?}", found.get(h)))
        .collect();
    assert!(cases.len() >= 30 && wrong.is_empty(), "{wrong:#?}");
}
