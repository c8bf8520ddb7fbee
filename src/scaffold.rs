//! `new`: the text of a new glossary entry, translation or reader, written so
//! that `check` accepts it. An entry's pinyin is found from its hanzi: words the
//! glossary already spells (新发展 → Xīn Fāzhǎn, learnt from the existing entries'
//! `hanzi` and `pinyin`) first, the pinyin dictionary's first reading otherwise.

use std::collections::BTreeMap;

use pinyin::ToPinyin;

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

/// Pinyin for `hanzi`, in the glossary's style: words the glossary knows as it
/// writes them (longest first), other characters two by two, each word
/// capitalised, syllables of a word joined.
pub fn pinyin_for(project: &Project, hanzi: &str) -> String {
    let known = known_words(project);
    let chars: Vec<char> = hanzi.chars().filter(|c| is_ideograph(*c)).collect();
    let mut words = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let found = (1..=(chars.len() - i).min(6)).rev().find_map(|n| {
            let w: String = chars[i..i + n].iter().collect();
            known.get(&w).map(|p| (n, p.clone()))
        });
        let (n, word) = found.unwrap_or_else(|| {
            let n = (chars.len() - i).min(2);
            let word: String = chars[i..i + n]
                .iter()
                .map(|c| {
                    c.to_pinyin()
                        .map_or("?".to_string(), |p| p.with_tone().to_string())
                })
                .collect();
            (n, capitalised(&word))
        });
        words.push(word);
        i += n;
    }
    words.join(" ")
}

/// A word with its first letter capitalised.
pub fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A YAML double-quoted string.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The text of `glossary/<slug>.md`.
pub fn entry(
    project: &Project,
    term: &str,
    hanzi: &str,
    traditional: Option<&str>,
) -> String {
    let pinyin = pinyin_for(project, hanzi);
    let mut s = format!(
        "---\nterm: {}\npinyin: {}\nhanzi: {}\n",
        quoted(term),
        quoted(&pinyin),
        quoted(hanzi)
    );
    // The traditional form: as given, else converted from the simplified
    // (OpenCC's and MediaWiki's tables, through `zhconv`), when it differs.
    let traditional = traditional
        .map(str::to_string)
        .unwrap_or_else(|| zhconv::zhconv(hanzi, zhconv::Variant::ZhHant));
    if traditional != hanzi {
        s.push_str(&format!("traditional: {}\n", quoted(&traditional)));
    }
    s.push_str(
        "aliases: []\nsee_also: []\nsources: []\n\
         # Check the pinyin (read from the dictionary and the glossary's words) and\n\
         # the traditional form (converted; regional forms differ, e.g. 布局/佈局).\n\
         # The essay follows the front matter: what the term means, where it comes\n\
         # from, how it is used, with citations [@key] and cross-references [[id]].\n---\n",
    );
    s
}

/// The text of `translations/<id>.md`.
pub fn translation(
    title: &str,
    original_title: &str,
    source: &str,
    date: &str,
) -> String {
    format!(
        "---\ntitle: {}\noriginal_title: {}\nauthor: {}\ndate: {date}\ntranslator: {}\nsource: {source}\n\
         # The translation follows: paragraphs in the order of the original, key\n\
         # terms as [[id]] [汉字], translator's notes as footnotes [^1].\n---\n",
        quoted(title),
        quoted(original_title),
        quoted("Author"),
        quoted("Translation Center staff"),
    )
}

/// The text of `readers/<name>.yaml`.
pub fn reader(title: &str, date: &str) -> String {
    format!(
        "title: {}\neditors: [\"Translation Center Editorial Board\"]\ndate: {date}\n\
         # Documents in book order, e.g. [essays/introduction, translations/outline].\n\
         documents: []\n# all | referenced | none\nglossary: all\n",
        quoted(title)
    )
}

#[cfg(test)]
mod tests {
    // Checks pinyin from the glossary's words and from the dictionary.
    #[test]
    fn pinyin_in_the_glossary_style() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let checked = crate::load_and_check(&dir);
        let p = &checked.project;
        assert_eq!(super::pinyin_for(p, "新发展理念"), "Xīn Fāzhǎn Lǐniàn");
        assert_eq!(super::pinyin_for(p, "共同富裕"), "Gòngtóng Fùyù");
        assert_eq!(super::pinyin_for(p, "自主创新"), "Zìzhǔ Chuàngxīn");
    }
}
