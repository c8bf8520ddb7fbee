//! The pinyin of a new entry, spelt from its hanzi in the glossary's style:
//! tone marks, the syllables of a word joined, each word capitalised.
//!
//! Words the glossary already spells come first, as its entries write them
//! (新发展 → Xīn Fāzhǎn, learnt from their `hanzi` and `pinyin`). Other text is
//! cut into words by a phrase dictionary (mozillazg's pinyin-data, through
//! `pinyin-converter`), whose readings also settle heteronyms: 长征 Chángzhēng,
//! 重庆 Chóngqìng, 银行 yínháng. A character alone takes the `pinyin` crate's
//! first reading.

use std::collections::BTreeMap;

use pinyin::{ToPinyin, ToPinyinMulti};

use crate::model::{Project, is_ideograph, pinyin_syllables};

/// The words of the glossary: hanzi → pinyin as the entries write them
/// (toneful, capitalised), learnt by cutting each entry's hanzi by the syllables
/// of its pinyin words.
fn known_words(project: &Project) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for e in project.entries.values() {
        let chars: Vec<char> = e.hanzi.chars().filter(|c| is_ideograph(*c)).collect();
        let words: Vec<&str> = e.pinyin.split_whitespace().collect();
        let counts: Option<Vec<usize>> =
            words.iter().map(|w| pinyin_syllables(w)).collect();
        let Some(counts) = counts else { continue };
        if counts.iter().sum::<usize>() != chars.len() {
            continue;
        }
        let mut at = 0;
        for (w, n) in words.iter().zip(counts) {
            let hanzi: String = chars[at..at + n].iter().collect();
            out.entry(hanzi).or_insert_with(|| w.to_string());
            at += n;
        }
    }
    out
}

/// Spells hanzi as the glossary would: its own words as it writes them, the
/// dictionary's between them. `new entry` writes this spelling, and `terms`
/// suggests it for the glossary's gaps.
pub struct Speller {
    known: BTreeMap<String, String>,
}

impl Speller {
    /// A speller that knows the words of `project`'s glossary.
    pub fn new(project: &Project) -> Self {
        Self {
            known: known_words(project),
        }
    }

    /// Pinyin for `hanzi`.
    pub fn spell(&self, hanzi: &str) -> String {
        spell(&self.known, hanzi)
    }
}

/// Pinyin for `hanzi`: the glossary's words where they match (longest first),
/// the dictionary's words between them.
pub fn pinyin_for(project: &Project, hanzi: &str) -> String {
    Speller::new(project).spell(hanzi)
}

/// Pinyin for `hanzi`, with `known` words spelt as given.
fn spell(known: &BTreeMap<String, String>, hanzi: &str) -> String {
    let chars: Vec<char> = hanzi.chars().filter(|c| is_ideograph(*c)).collect();
    // A known word of one character is not used: it would cut other words
    // around it (青年 is not "Qīng Nián" because the glossary has 年 alone).
    let known_at = |i: usize| {
        (2..=(chars.len() - i).min(8)).rev().find_map(|n| {
            let w: String = chars[i..i + n].iter().collect();
            known.get(&w).map(|p| (n, p.clone()))
        })
    };
    let mut words = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some((n, word)) = known_at(i) {
            words.push(word);
            i += n;
            continue;
        }
        let end = (i + 1..chars.len())
            .find(|&j| known_at(j).is_some())
            .unwrap_or(chars.len());
        let mut gap = dictionary_words(&chars[i..end]).into_iter();
        // A suffix after a glossary word joins it (中国 + 化 → Zhōngguóhuà).
        if SUFFIXES.contains(&chars[i])
            && let Some(last) = words.last_mut()
            && let Some(first) = gap.next()
        {
            if pinyin_syllables(&first) == Some(1) {
                last.push_str(&first.to_lowercase());
            } else {
                words.push(first);
            }
        }
        words.extend(gap);
        i = end;
    }
    words.join(" ")
}

/// `chars` cut into words (jieba's, adjusted to the orthography the glossary
/// follows), each spelt with the readings of the longest dictionary phrase that
/// holds its characters.
fn dictionary_words(chars: &[char]) -> Vec<String> {
    let text: String = chars.iter().collect();
    let syllables = readings(chars, &text);
    let jieba = jieba();
    let mut pieces = Vec::new();
    let mut at = 0;
    for tag in jieba.tag(&text, true) {
        let span: Vec<char> = tag.word.chars().collect();
        let cut = if tag.tag == "nrfg" {
            personal_name(&span)
        } else {
            word_bounds(jieba, &span)
        };
        pieces.extend(cut.into_iter().map(|(f, t)| (at + f, at + t)));
        at += span.len();
    }
    attach_suffixes(chars, pieces)
        .into_iter()
        .map(|(from, to)| spelt(&syllables[from..to]))
        .collect()
}

/// jieba with its default dictionary, loaded once.
fn jieba() -> &'static jieba_rs::Jieba {
    static JIEBA: std::sync::OnceLock<jieba_rs::Jieba> = std::sync::OnceLock::new();
    JIEBA.get_or_init(jieba_rs::Jieba::new)
}

/// One reading per character of `text`: from the phrase dictionary's longest
/// matches, the character's first reading where there is none.
fn readings(chars: &[char], text: &str) -> Vec<String> {
    let mut out = Vec::with_capacity(chars.len());
    for (phrase, given) in pinyin_words::match_word_pinyin(text) {
        let phrase: Vec<char> = phrase.chars().collect();
        let n = phrase.len();
        // Characters the dictionary does not hold are left out of its matches.
        while out.len() < chars.len() && !chars[out.len()..].starts_with(&phrase) {
            out.push(first_reading(chars[out.len()]));
        }
        let Some(span) = chars.get(out.len()..out.len() + n) else {
            break;
        };
        out.extend(phrase_readings(span, &given));
        // 一 and 不 are written in their own tones, not as spoken before
        // another syllable (一百 yībǎi, 不忘 bùwàng).
        for (c, r) in span.iter().zip(out.iter_mut().rev().take(n).rev()) {
            match c {
                '一' => *r = "yī".into(),
                '不' => *r = "bù".into(),
                _ => {}
            }
        }
    }
    // Characters the dictionary does not hold.
    let rest = chars.get(out.len()..).unwrap_or_default();
    out.extend(rest.iter().map(|c| first_reading(*c)));
    out
}

/// One reading per character of a dictionary phrase: the phrase's own where it
/// is one of the character's readings, the character's first reading otherwise
/// (and for a character alone, where the dictionary lists all its readings).
fn phrase_readings(span: &[char], readings: &str) -> Vec<String> {
    let given: Vec<&str> = readings.split_whitespace().collect();
    span.iter()
        .enumerate()
        .map(|(k, &c)| {
            let own = given
                .get(k)
                .filter(|_| span.len() > 1 && given.len() == span.len());
            match own {
                Some(r) if is_reading_of(c, r) => r.to_string(),
                _ => first_reading(c),
            }
        })
        .collect()
}

/// Whether `reading` is one of the `pinyin` crate's readings of `c` (what
/// `check` accepts).
fn is_reading_of(c: char, reading: &str) -> bool {
    c.to_pinyin_multi()
        .is_some_and(|multi| multi.into_iter().any(|p| p.with_tone() == reading))
}

/// The `pinyin` crate's first reading of `c`, or `?`.
fn first_reading(c: char) -> String {
    c.to_pinyin()
        .map_or("?".to_string(), |p| p.with_tone().to_string())
}

/// Single characters written apart from the word they qualify (高质量 → Gāo
/// Zhìliàng, 双循环 → Shuāng Xúnhuán).
const PREFIXES: &[char] = &['新', '高', '大', '双', '老'];

/// Single characters written joined to the word before them (集中制 →
/// Jízhōngzhì, 结构性 → Jiégòuxìng).
const SUFFIXES: &[char] = &[
    '制', '观', '性', '化', '式', '侧', '体', '论', '者', '率', '力', '权', '派', '型',
    '界',
];

/// Characters that count, written apart from a measure word after them (两个 →
/// Liǎng Gè, 四项 → Sì Xiàng).
const NUMERALS: &[char] = &[
    '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万',
    '亿',
];

/// Measure words.
const MEASURES: &[char] = &[
    '个', '项', '条', '种', '次', '点', '件', '支', '批', '类', '名', '届', '轮', '大',
];

/// Two-character surnames.
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容",
];

/// A personal name: the surname apart from the given name (习近平 → Xí Jìnpíng).
fn personal_name(span: &[char]) -> Vec<(usize, usize)> {
    let first_two: String = span.iter().take(2).collect();
    let surname = if COMPOUND_SURNAMES.contains(&first_two.as_str()) {
        2
    } else {
        1
    };
    if span.len() > surname && span.len() <= surname + 2 {
        vec![(0, surname), (surname, span.len())]
    } else {
        vec![(0, span.len())]
    }
}

/// The words of one of jieba's words, as ranges of its characters. The
/// particles 的 and 之 inside it are words of their own (党的领导 → Dǎng De
/// Lǐngdǎo); so are a number and its measure word (两个 → Liǎng Gè) and a
/// qualifying prefix. Four characters made of two two-character words are two
/// words (改革开放 → Gǎigé Kāifàng); longer words are cut into the dictionary's
/// (马克思主义 → Mǎkèsī Zhǔyì), and the pieces cut again by the same rules.
fn word_bounds(jieba: &jieba_rs::Jieba, span: &[char]) -> Vec<(usize, usize)> {
    let n = span.len();
    let is_word = |from: usize, to: usize| {
        to - from == 1 || jieba.has_word(&span[from..to].iter().collect::<String>())
    };
    let particle = (1..n.saturating_sub(1)).find(|&k| matches!(span[k], '的' | '之'));
    let counted = span.iter().take_while(|c| NUMERALS.contains(c)).count();
    let pieces = if let Some(k) = particle {
        vec![(0, k), (k, k + 1), (k + 1, n)]
    } else if counted > 0 && counted < n && MEASURES.contains(&span[counted]) {
        vec![(0, counted), (counted, counted + 1), (counted + 1, n)]
    } else if n == 3 && PREFIXES.contains(&span[0]) && is_word(1, 3) {
        vec![(0, 1), (1, 3)]
    } else if n <= 3 || (n == 4 && !(is_word(0, 2) && is_word(2, 4))) {
        return vec![(0, n)];
    } else if n == 4 {
        vec![(0, 2), (2, 4)]
    } else {
        fewest_pieces(n, is_word)
    };
    pieces
        .into_iter()
        .filter(|(from, to)| from < to)
        .flat_map(|(from, to)| {
            let inner = word_bounds(jieba, &span[from..to]);
            inner.into_iter().map(move |(f, t)| (f + from, t + from))
        })
        .collect()
}

/// The cut of `n` characters into words of up to four characters (single
/// characters allowed) with the fewest single characters, then the fewest words:
/// 中央军事委员会 → 中央 军事 委员会, not 中央军 事 委员会.
fn fewest_pieces(
    n: usize,
    is_word: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    // best[i]: (single characters, words, start of the last word) reaching i.
    let mut best: Vec<Option<(usize, usize, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0, 0));
    for to in 1..=n {
        best[to] = (to.saturating_sub(4)..to)
            .filter(|&from| is_word(from, to))
            .filter_map(|from| {
                let (singles, words, _) = best[from]?;
                Some((singles + usize::from(to - from == 1), words + 1, from))
            })
            .min();
    }
    let mut bounds = Vec::new();
    let mut to = n;
    while let Some((_, _, from)) = best[to].filter(|_| to > 0) {
        bounds.push((from, to));
        to = from;
    }
    bounds.reverse();
    bounds
}

/// Suffixes joined to the word before them, across jieba's words.
fn attach_suffixes(chars: &[char], pieces: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(pieces.len());
    for (from, to) in pieces {
        let suffix = to - from == 1 && SUFFIXES.contains(&chars[from]);
        match out.last_mut() {
            Some(last) if suffix && last.1 - last.0 >= 2 => last.1 = to,
            _ => out.push((from, to)),
        }
    }
    out
}

/// Syllables joined into one capitalised word, with an apostrophe before a
/// syllable that starts with a, o or e (Xī'ān).
fn spelt(syllables: &[String]) -> String {
    let mut word = String::new();
    for (k, s) in syllables.iter().enumerate() {
        let vowel_first = s
            .chars()
            .next()
            .is_some_and(|c| "aāáǎàoōóǒòeēéěè".contains(c));
        if k > 0 && vowel_first {
            word.push('\'');
        }
        word.push_str(s);
    }
    capitalised(&word)
}

/// A word with its first letter capitalised.
pub fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use crate::model::Project;

    fn spell(hanzi: &str) -> String {
        super::spell(&BTreeMap::new(), hanzi)
    }

    fn demo() -> Project {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        crate::load_and_check(&dir).project
    }

    // The glossary's own words come first, as its entries spell them.
    #[test]
    fn glossary_words_first() {
        let p = demo();
        assert_eq!(super::pinyin_for(&p, "新发展理念"), "Xīn Fāzhǎn Lǐniàn");
        assert_eq!(super::pinyin_for(&p, "共同富裕"), "Gòngtóng Fùyù");
        assert_eq!(super::pinyin_for(&p, "自主创新"), "Zìzhǔ Chuàngxīn");
        // The glossary's one-character words (年, 高, 大, 新) cut nothing.
        for (hanzi, pinyin) in [
            ("青年", "Qīngnián"),
            ("提高", "Tígāo"),
            ("重新", "Chóngxīn"),
        ] {
            assert_eq!(super::pinyin_for(&p, hanzi), pinyin);
        }
    }

    // Without the glossary's words, the dictionary and the orthography's rules
    // spell most of the demo's headwords as its editors did.
    #[test]
    fn most_headwords_from_the_dictionary_alone() {
        let p = demo();
        let same = p
            .entries
            .values()
            .filter(|e| spell(&e.hanzi) == e.pinyin)
            .count();
        assert!(
            same * 10 >= p.entries.len() * 8,
            "{same} of {}",
            p.entries.len()
        );
    }

    // Heteronyms are read as the dictionary's words read them.
    #[test]
    fn heteronyms_by_word() {
        assert_eq!(spell("长征精神"), "Chángzhēng Jīngshén");
        assert_eq!(spell("重庆"), "Chóngqìng");
        assert_eq!(spell("了解民情"), "Liǎojiě Mínqíng");
        assert_eq!(spell("党的领导"), "Dǎng De Lǐngdǎo");
    }

    // Words, not pairs of characters: 马克思主义 is not "Mǎkè Sīzhǔ Yì".
    #[test]
    fn words_from_the_dictionary() {
        assert_eq!(spell("马克思主义"), "Mǎkèsī Zhǔyì");
        assert_eq!(spell("改革开放"), "Gǎigé Kāifàng");
        assert_eq!(spell("西安"), "Xī'ān");
        assert_eq!(spell("中央军事委员会"), "Zhōngyāng Jūnshì Wěiyuánhuì");
        assert_eq!(
            spell("全国人民代表大会常务委员会"),
            "Quánguó Rénmín Dàibiǎo Dàhuì Chángwù Wěiyuánhuì"
        );
        assert_eq!(spell("民主集中制"), "Mínzhǔ Jízhōngzhì");
        assert_eq!(spell("高质量发展"), "Gāo Zhìliàng Fāzhǎn");
        assert_eq!(spell("三个代表"), "Sān Gè Dàibiǎo");
        assert_eq!(spell("百年未有之大变局"), "Bǎinián Wèiyǒu Zhī Dà Biànjú");
        assert_eq!(spell("习近平新时代"), "Xí Jìnpíng Xīn Shídài");
        // A character no dictionary holds keeps the readings after it in place.
        assert!(spell("重庆\u{2A6D6}银行").ends_with("Yínháng"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        // Any hanzi, common or rare, mixed with other text: no panic, and one
        // syllable (or `?`) for every character.
        #[test]
        fn one_syllable_per_character(
            text in "[\u{4E00}-\u{9FFF}\u{3400}-\u{4DBF}\u{20000}-\u{2A6DF}a-z0-9 ·，]{0,16}"
        ) {
            let spelt = spell(&text);
            let hanzi = text.chars().filter(|c| crate::model::is_ideograph(*c)).count();
            let syllables: usize = spelt
                .split([' ', '\''])
                .filter(|w| !w.is_empty())
                .map(|w| {
                    let marks = w.matches('?').count();
                    let rest = w.replace('?', "");
                    marks + if rest.is_empty() { 0 } else { crate::model::pinyin_syllables(&rest).unwrap_or(0) }
                })
                .sum();
            proptest::prop_assert!(syllables <= hanzi, "{text} → {spelt}");
            proptest::prop_assert_eq!(spelt.is_empty(), hanzi == 0);
        }
    }
}
