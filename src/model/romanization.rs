//! Is a word romanized Chinese? Pinyin syllables, read from the pinyin dictionary,
//! decide it: the loader reads Chinese names with it, the PDF writer keeps such
//! words from being hyphenated.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use pinyin::ToPinyin;

/// Lowercase, without tone marks and spaces.
fn fold(s: &str) -> String {
    super::chars::sort_key(s).replace(' ', "")
}

/// How many pinyin syllables the word is made of ("Jinping" → 2, "Xi'an" → 2), or
/// `None` if it is not pinyin.
pub fn pinyin_syllables(w: &str) -> Option<usize> {
    // An apostrophe or hyphen separates syllables ("Xi'an", "Wu-han").
    let parts: Vec<&str> = w.split(['\'', '-', '’']).collect();
    if parts.len() > 1 {
        return parts.into_iter().map(pinyin_syllables).sum();
    }
    let w = fold(w);
    if w.is_empty() || !w.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let syllables = syllables();
    // The fewest syllables that reach each position.
    let mut reach: Vec<Option<usize>> = vec![None; w.len() + 1];
    reach[0] = Some(0);
    for i in 0..w.len() {
        let Some(n) = reach[i] else { continue };
        for len in 1..=6.min(w.len() - i) {
            if syllables.contains(&w[i..i + len]) {
                let next = &mut reach[i + len];
                *next = Some(next.map_or(n + 1, |m| m.min(n + 1)));
            }
        }
    }
    reach[w.len()]
}

/// Whether a word is made of pinyin syllables ("Jinping", "Xi'an", "Lü").
pub fn is_pinyin_word(w: &str) -> bool {
    pinyin_syllables(w).is_some()
}

/// Every toneless pinyin syllable ("zhong", "lu" for lü), from the readings of
/// the common characters.
fn syllables() -> &'static BTreeSet<String> {
    static SET: OnceLock<BTreeSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        // Every reading the dictionary gives, rare characters' too (𨈖 dìn):
        // the speller writes them, and they are syllables.
        ('\u{4E00}'..='\u{9FFF}')
            .chain('\u{3400}'..='\u{4DBF}')
            .chain('\u{20000}'..='\u{2A6DF}')
            .filter_map(|c| c.to_pinyin())
            .map(|p| fold(p.plain()).replace('v', "u"))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Checks pinyin words, with tone marks and apostrophes, and words that are not.
    #[test]
    fn pinyin_words() {
        assert_eq!(pinyin_syllables("Xiaoping"), Some(2));
        assert_eq!(pinyin_syllables("Zhōngguó"), Some(2));
        assert_eq!(pinyin_syllables("Xi'an"), Some(2));
        assert_eq!(pinyin_syllables("Chubanshe"), Some(3));
        assert_eq!(pinyin_syllables("Council"), None);
        assert_eq!(pinyin_syllables("2021"), None);
        assert!(!is_pinyin_word(""));
    }
}
