//! Characters and sorting: what is Han, what is a tone mark, how English and
//! pinyin sort.

/// A case- and accent-insensitive sort key for English and pinyin.
pub fn sort_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let base = fold_accent(c);
        if base.is_alphanumeric() {
            out.extend(base.to_lowercase());
        } else if base.is_whitespace() || base == '-' {
            out.push(' ');
        }
    }
    out.trim().to_string()
}

/// The base letter of a Latin letter with a diacritic (pinyin tone marks, ü).
pub fn fold_accent(c: char) -> char {
    match c {
        'ā' | 'á' | 'ǎ' | 'à' | 'â' | 'ä' => 'a',
        'Ā' | 'Á' | 'Ǎ' | 'À' | 'Â' | 'Ä' => 'A',
        'ē' | 'é' | 'ě' | 'è' | 'ê' | 'ë' => 'e',
        'Ē' | 'É' | 'Ě' | 'È' | 'Ê' | 'Ë' => 'E',
        'ī' | 'í' | 'ǐ' | 'ì' | 'î' | 'ï' => 'i',
        'Ī' | 'Í' | 'Ǐ' | 'Ì' | 'Î' | 'Ï' => 'I',
        'ō' | 'ó' | 'ǒ' | 'ò' | 'ô' | 'ö' => 'o',
        'Ō' | 'Ó' | 'Ǒ' | 'Ò' | 'Ô' | 'Ö' => 'O',
        'ū' | 'ú' | 'ǔ' | 'ù' | 'û' | 'ü' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => 'u',
        'Ū' | 'Ú' | 'Ǔ' | 'Ù' | 'Û' | 'Ü' | 'Ǖ' | 'Ǘ' | 'Ǚ' | 'Ǜ' => 'U',
        'ç' => 'c',
        'ñ' => 'n',
        '’' | '\'' => '\'',
        _ => c,
    }
}

/// Whether `c` is a Han character (or CJK punctuation that belongs with it).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}'
        | '\u{2E80}'..='\u{2FDF}' | '\u{3100}'..='\u{312F}')
}

/// Whether `c` is a Han ideograph proper (not punctuation).
pub fn is_ideograph(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}' | '\u{3007}')
}

#[cfg(test)]
mod tests {
    use super::*;

    // Checks that sorting ignores case, accents and punctuation.
    #[test]
    fn sort_key_folds_case_and_tones() {
        assert_eq!(sort_key("Xīn Fāzhǎn Lǐniàn"), "xin fazhan linian");
        assert_eq!(
            sort_key("Whole-process people's democracy"),
            "whole process peoples democracy"
        );
        assert!(sort_key("ecological") < sort_key("Five-in-one"));
    }
}
