//! Does the pinyin of an entry spell its hanzi? Heteronyms (several readings of one
//! character) are tried in turn, so a mismatch is only ever a warning.

use pinyin::ToPinyinMulti;

use super::chars::is_ideograph;

/// Readings of one character: every dictionary reading with tone marks, the same
/// without tone (neutral tone), and the tone-sandhi forms of 一 and 不.
fn readings(c: char) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(multi) = c.to_pinyin_multi() {
        for p in multi {
            out.push(p.with_tone().to_string());
            out.push(p.plain().to_string());
        }
    }
    match c {
        '一' => out.extend(["yí", "yì"].map(String::from)),
        '不' => out.push("bú".into()),
        _ => {}
    }
    out
}

/// Lowercase, without spaces, hyphens and apostrophes; `v` stands for `ü`.
fn normalise(pinyin: &str) -> String {
    pinyin
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\'' | '’' | '·'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `pinyin` is a reading of `hanzi`.
///
/// The positions of the written pinyin that the characters so far can reach are
/// carried from character to character (a set, never a search tree), so the cost
/// is characters × positions × readings whatever the heteronyms.
pub fn pinyin_matches(pinyin: &str, hanzi: &str) -> bool {
    let written = normalise(pinyin);
    let mut reached = std::collections::BTreeSet::from([0usize]);
    for c in hanzi.chars().filter(|c| is_ideograph(*c)) {
        let readings = readings(c);
        reached = reached
            .iter()
            .flat_map(|&at| {
                let rest = &written[at..];
                readings
                    .iter()
                    .filter(move |r| !r.is_empty() && rest.starts_with(r.as_str()))
                    .map(move |r| at + r.len())
            })
            .collect();
        if reached.is_empty() {
            return false;
        }
    }
    reached.contains(&written.len())
}

/// A dictionary reading of `hanzi`, syllable by syllable, for the hint.
pub fn suggest(hanzi: &str) -> String {
    hanzi
        .chars()
        .filter(|c| is_ideograph(*c))
        .map(|c| readings(c).into_iter().next().unwrap_or_else(|| "?".into()))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    // Checks correct pinyin, with capitals and word spacing.
    #[test]
    fn accepts_correct_pinyin() {
        assert!(pinyin_matches("Xīn Fāzhǎn Lǐniàn", "新发展理念"));
        assert!(pinyin_matches("Zhòngyào Zhànlüè Jīyùqī", "重要战略机遇期"));
        assert!(pinyin_matches("gòngtóng fùyù", "共同富裕"));
    }

    // Checks heteronyms (重 zhòng / chóng, 行 xíng / háng) and sandhi of 一.
    #[test]
    fn accepts_heteronyms_and_sandhi() {
        assert!(pinyin_matches("chóngxīn", "重新"));
        assert!(pinyin_matches("yínháng", "银行"));
        assert!(pinyin_matches("yídài yílù", "一带一路"));
    }

    // Checks that a long run of heteronyms with a wrong last syllable is rejected
    // at once (it took a minute with backtracking).
    #[test]
    fn heteronym_runs_are_linear() {
        let hanzi = "行".repeat(26);
        let pinyin = format!("{}q", "hang".repeat(25));
        assert!(!pinyin_matches(&pinyin, &hanzi));
        assert!(pinyin_matches(&"háng".repeat(26), &hanzi));
    }

    // Checks that wrong tones and wrong syllables are caught.
    #[test]
    fn rejects_wrong_pinyin() {
        assert!(!pinyin_matches("Xīn Fāzhàn Lǐniàn", "新发展理念"));
        assert!(!pinyin_matches("gòngtóng", "共同富裕"));
        assert!(!pinyin_matches("gòngtóng fùyù fù", "共同富裕"));
    }
}
