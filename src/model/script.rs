//! Splitting text into Chinese and non-Chinese runs, for language tagging.

use super::chars::is_han;

/// A run of text in one script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script<'a> {
    /// Han characters and CJK punctuation.
    Han(&'a str),
    /// Anything else.
    Other(&'a str),
}

/// Splits `s` into alternating Han and other runs.
pub fn runs(s: &str) -> Vec<Script<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut han: Option<bool> = None;
    for (i, c) in s.char_indices() {
        let h = is_han(c);
        if han.is_some_and(|prev| prev != h) {
            let piece = &s[start..i];
            out.push(if h {
                Script::Other(piece)
            } else {
                Script::Han(piece)
            });
            start = i;
        }
        han = Some(h);
    }
    if start < s.len() {
        let piece = &s[start..];
        out.push(if han == Some(true) {
            Script::Han(piece)
        } else {
            Script::Other(piece)
        });
    }
    out
}

/// Straight quotes and apostrophes made typographic: a quote after a space or an
/// opening bracket opens, any other closes (so `Party's` gets an apostrophe).
pub fn smart_quotes(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(['\'', '"']) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut prev: Option<char> = None;
    for c in s.chars() {
        let opening =
            prev.is_none_or(|p| p.is_whitespace() || "([{\u{2014}\u{2013}/".contains(p));
        out.push(match c {
            '\'' if opening => '\u{2018}',
            '\'' => '\u{2019}',
            '"' if opening => '\u{201C}',
            '"' => '\u{201D}',
            c => c,
        });
        prev = Some(c);
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Checks that hanzi runs, with their punctuation, are separated from Latin text.
    #[test]
    fn splits_scripts() {
        assert_eq!(
            runs("the concept [新发展理念，二] ok"),
            vec![
                Script::Other("the concept ["),
                Script::Han("新发展理念，二"),
                Script::Other("] ok")
            ]
        );
        assert_eq!(runs(""), vec![]);
        assert_eq!(runs("中"), vec![Script::Han("中")]);
    }

    // Checks typographic quotes.
    #[test]
    fn makes_quotes_typographic() {
        assert_eq!(
            smart_quotes("the Party's \"line\" ('a')"),
            "the Party’s “line” (‘a’)"
        );
        assert_eq!(smart_quotes("no quotes"), "no quotes");
    }
}
