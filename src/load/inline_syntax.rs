//! Scanner for the syntax comrak leaves inside text nodes: pandoc citations
//! (`[@key, 12]`, `[-@key]`, `@key`), index marks (`{{index: term}}`) and footnote
//! references whose definition is missing (`[^9]`).

use std::ops::Range;

/// A piece of a text node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    /// Literal text.
    Text(Range<usize>),
    /// A citation.
    Cite {
        /// The works.
        items: Vec<RawItem>,
        /// `@key` outside brackets.
        narrative: bool,
        /// The whole citation.
        range: Range<usize>,
    },
    /// `{{index: term}}`.
    Index {
        /// The term.
        term: String,
        /// The whole mark.
        range: Range<usize>,
    },
    /// `[^label]` left as text: a footnote reference without a definition.
    OrphanNoteRef {
        /// The label.
        label: String,
        /// The whole reference.
        range: Range<usize>,
    },
}

/// One cited work, before the key is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawItem {
    /// Key without `@`.
    pub key: String,
    /// Text before the key.
    pub prefix: String,
    /// Text after the key, without the leading comma.
    pub suffix: String,
    /// `-@key`.
    pub suppress_author: bool,
    /// Where `@key` is, relative to the text node.
    pub key_range: Range<usize>,
}

const INDEX_OPEN: &str = "{{index:";

/// Splits a text node into pieces.
pub(crate) fn scan(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut lit = 0;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let found = match bytes[i] {
            b'{' if text[i..].starts_with(INDEX_OPEN) => {
                text[i..].find("}}").map(|end| {
                    let term = text[i + INDEX_OPEN.len()..i + end].trim().to_string();
                    Piece::Index {
                        term,
                        range: i..i + end + 2,
                    }
                })
            }
            b'[' => bracketed(text, i),
            b'@' if narrative_start(text, i) => {
                key_at(text, i + 1).map(|end| Piece::Cite {
                    items: vec![RawItem {
                        key: text[i + 1..end].to_string(),
                        prefix: String::new(),
                        suffix: String::new(),
                        suppress_author: false,
                        key_range: i..end,
                    }],
                    narrative: true,
                    range: i..end,
                })
            }
            _ => None,
        };
        match found {
            Some(piece) => {
                let r = piece_range(&piece);
                if lit < r.start {
                    out.push(Piece::Text(lit..r.start));
                }
                i = r.end;
                lit = i;
                out.push(piece);
            }
            None => i += utf8_len(bytes[i]),
        }
    }
    if lit < text.len() {
        out.push(Piece::Text(lit..text.len()));
    }
    out
}

fn piece_range(p: &Piece) -> Range<usize> {
    match p {
        Piece::Text(r) => r.clone(),
        Piece::Cite { range, .. }
        | Piece::Index { range, .. }
        | Piece::OrphanNoteRef { range, .. } => range.clone(),
    }
}

fn utf8_len(b: u8) -> usize {
    match b {
        0..0x80 => 1,
        0xC0..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

/// A `@` starts a narrative citation unless it follows a word character (e-mail).
fn narrative_start(text: &str, i: usize) -> bool {
    let prev = text[..i].chars().next_back();
    !prev.is_some_and(|c| c.is_alphanumeric() || "@._-/:+".contains(c))
}

fn is_key_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// End of a citation key starting at byte `start`, if one starts there.
fn key_at(text: &str, start: usize) -> Option<usize> {
    let mut chars = text[start..].char_indices().peekable();
    let (_, first) = chars.next()?;
    if !is_key_char(first) {
        return None;
    }
    let mut end = start + first.len_utf8();
    while let Some((off, c)) = chars.next() {
        if is_key_char(c) {
            end = start + off + c.len_utf8();
        } else if ":.#$%&-+?<>~/".contains(c)
            && chars.peek().is_some_and(|&(_, n)| is_key_char(n))
        {
            continue;
        } else {
            break;
        }
    }
    Some(end)
}

/// `[...]` at byte `open`: a bracketed citation or an orphan footnote reference.
fn bracketed(text: &str, open: usize) -> Option<Piece> {
    let close = open + text[open..].find(']')?;
    let inner = &text[open + 1..close];
    let range = open..close + 1;
    if let Some(label) = inner.strip_prefix('^') {
        let ok = !label.is_empty()
            && label
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
        return ok.then(|| Piece::OrphanNoteRef {
            label: label.to_string(),
            range,
        });
    }
    if inner.contains('[') {
        return None;
    }
    let mut items = Vec::new();
    let mut part_start = open + 1;
    for part in inner.split(';') {
        items.push(item(text, part_start, part_start + part.len())?);
        part_start += part.len() + 1;
    }
    Some(Piece::Cite {
        items,
        narrative: false,
        range,
    })
}

/// One `prefix -@key, suffix` part between `from` and `to`.
fn item(text: &str, from: usize, to: usize) -> Option<RawItem> {
    let part = &text[from..to];
    let mut search = 0;
    let at = loop {
        let at = search + part[search..].find('@')?;
        let prev = part[..at].chars().next_back();
        if !prev.is_some_and(|c| c.is_alphanumeric()) {
            break at;
        }
        search = at + 1;
    };
    let key_end = key_at(text, from + at + 1)?;
    let suppress = part[..at].ends_with('-');
    let prefix_end = if suppress { at - 1 } else { at };
    let suffix = text[key_end..to].trim_start();
    let suffix = suffix.strip_prefix(',').unwrap_or(suffix).trim();
    Some(RawItem {
        key: text[from + at + 1..key_end].to_string(),
        prefix: part[..prefix_end].trim().to_string(),
        suffix: suffix.to_string(),
        suppress_author: suppress,
        key_range: from + at..key_end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// prefix, key, suffix, author suppressed.
    type Item = (String, String, String, bool);

    fn cites(text: &str) -> Vec<(Vec<Item>, bool, &str)> {
        scan(text)
            .into_iter()
            .filter_map(|p| match p {
                Piece::Cite {
                    items,
                    narrative,
                    range,
                } => Some((
                    items
                        .into_iter()
                        .map(|i| (i.prefix, i.key, i.suffix, i.suppress_author))
                        .collect(),
                    narrative,
                    &text[range],
                )),
                _ => None,
            })
            .collect()
    }

    fn one(
        prefix: &str,
        key: &str,
        suffix: &str,
        sup: bool,
    ) -> (String, String, String, bool) {
        (prefix.into(), key.into(), suffix.into(), sup)
    }

    // Checks the plain bracketed form.
    #[test]
    fn bracketed_key() {
        assert_eq!(
            cites("as shown [@state-council-2016]."),
            vec![(
                vec![one("", "state-council-2016", "", false)],
                false,
                "[@state-council-2016]"
            )]
        );
    }

    // Checks a page locator and a free-text supplement.
    #[test]
    fn locators_and_supplements() {
        assert_eq!(
            cites("[@naughton-2023, 12] and [@sc-2016, emphasis added]"),
            vec![
                (
                    vec![one("", "naughton-2023", "12", false)],
                    false,
                    "[@naughton-2023, 12]"
                ),
                (
                    vec![one("", "sc-2016", "emphasis added", false)],
                    false,
                    "[@sc-2016, emphasis added]"
                ),
            ]
        );
    }

    // Checks several works in one citation, with a prefix.
    #[test]
    fn several_items() {
        assert_eq!(
            cites("[see @a; @b, 3-5]"),
            vec![(
                vec![one("see", "a", "", false), one("", "b", "3-5", false)],
                false,
                "[see @a; @b, 3-5]"
            )]
        );
    }

    // Checks narrative and author-suppressed forms.
    #[test]
    fn narrative_and_suppressed() {
        assert_eq!(
            cites("@jiang-1999 argued [-@jiang-1999]."),
            vec![
                (vec![one("", "jiang-1999", "", false)], true, "@jiang-1999"),
                (
                    vec![one("", "jiang-1999", "", true)],
                    false,
                    "[-@jiang-1999]"
                ),
            ]
        );
    }

    // Checks that a key does not swallow trailing punctuation.
    #[test]
    fn key_stops_before_trailing_punctuation() {
        assert_eq!(cites("see @xi-2021.")[0].2, "@xi-2021");
        assert_eq!(cites("(@a:b.c)")[0].2, "@a:b.c");
    }

    // Checks that e-mail addresses and editorial brackets are not citations.
    #[test]
    fn not_citations() {
        assert!(cites("write to office@example.org today").is_empty());
        assert!(cites("leaders in [advancing] the frontier").is_empty());
        assert!(cites("the concept [新发展理念] and [a; b]").is_empty());
        assert!(cites("a lone @ sign and [@] and [email me@x.org]").is_empty());
        assert!(cites("@@").is_empty());
    }

    // Checks index marks and orphan footnote references.
    #[test]
    fn index_marks_and_orphan_notes() {
        let text = "a {{index: Party building}} b [^9] c";
        let pieces = scan(text);
        assert!(pieces.contains(&Piece::Index {
            term: "Party building".into(),
            range: 2..27
        }));
        assert!(
            pieces
                .iter()
                .any(|p| matches!(p, Piece::OrphanNoteRef { label, .. } if label == "9"))
        );
    }

    // Checks that pieces cover the text exactly.
    #[test]
    fn pieces_cover_text() {
        let text = "x [@a] y @b z {{index: q}} 新 [^1]";
        let mut pos = 0;
        for p in scan(text) {
            let r = piece_range(&p);
            assert_eq!(r.start, pos);
            pos = r.end;
        }
        assert_eq!(pos, text.len());
    }
}
