//! Scanner for the syntax comrak leaves inside text nodes: pandoc citations
//! (`[@key, 12]`, `[-@key]`, `@key`), index marks (`{{index: term}}`) and footnote
//! references whose definition is missing (`[^9]`).

use crate::diag::codes::{self, Code};
use crate::model::KEEP;
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
    /// Citation or index-mark syntax that cannot be read: printed as text, reported.
    Malformed {
        /// The diagnostic code.
        code: Code,
        /// What is wrong.
        message: &'static str,
        /// How to write it.
        help: &'static str,
        /// The text concerned.
        range: Range<usize>,
    },
    /// `{{keep}}`: a deliberate rendering the terminology checks leave alone;
    /// prints nothing.
    Keep(Range<usize>),
    /// `{{join}}` or `{{omit}}` (parallel texts); prints nothing.
    Segment(crate::model::SegmentMark, Range<usize>),
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

/// The marks of a parallel text's alignment.
const JOIN: &str = "\x7b{join}}";
const OMIT: &str = "\x7b{omit}}";

/// `{{omit: start}}` or `{{omit: end}}` (spaces allowed inside) at the start of
/// `rest`, and its length.
fn region_mark(rest: &str) -> Option<(crate::model::SegmentMark, usize)> {
    let inner = rest.strip_prefix("\x7b{")?;
    let close = inner.find("}}")?;
    let words: Vec<&str> = inner[..close]
        .split(|c: char| c == ':' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    let mark = match words.as_slice() {
        ["omit", "start"] => crate::model::SegmentMark::OmitStart,
        ["omit", "end"] => crate::model::SegmentMark::OmitEnd,
        _ => return None,
    };
    inner[..close].contains(':').then_some((mark, close + 4))
}

/// Where the term of an index mark starting at `i` begins: after `{{index:`,
/// spaces allowed around `index`.
fn index_open(text: &str, i: usize) -> Option<usize> {
    let rest = text[i..].strip_prefix("{{")?;
    let after_space = rest.trim_start_matches(' ');
    let after_word = after_space.strip_prefix("index")?.trim_start_matches(' ');
    let after_colon = after_word.strip_prefix(':')?;
    Some(text.len() - after_colon.len())
}

/// Splits a text node into pieces.
pub(crate) fn scan(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut lit = 0;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let found = match bytes[i] {
            // `{`, written as an escape so that brace-counting tools stay in step.
            b'\x7b' if index_open(text, i).is_some() => Some(index_mark(text, i)),
            b'\x7b' if text[i..].starts_with(JOIN) => Some(Piece::Segment(
                crate::model::SegmentMark::Join,
                i..i + JOIN.len(),
            )),
            b'\x7b' if text[i..].starts_with(OMIT) => Some(Piece::Segment(
                crate::model::SegmentMark::Omit,
                i..i + OMIT.len(),
            )),
            b'\x7b' if region_mark(&text[i..]).is_some() => region_mark(&text[i..])
                .map(|(mark, len)| Piece::Segment(mark, i..i + len)),
            b'\x7b' if text[i..].starts_with(KEEP) => {
                Some(Piece::Keep(i..i + KEEP.len()))
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
        Piece::Keep(range)
        | Piece::Segment(_, range)
        | Piece::Cite { range, .. }
        | Piece::Index { range, .. }
        | Piece::Malformed { range, .. }
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

/// `{{index: term}}` at byte `i` (which [`index_open`] accepts).
fn index_mark(text: &str, i: usize) -> Piece {
    let start = index_open(text, i).unwrap_or(i);
    match text[start..].find("}}") {
        Some(end) => Piece::Index {
            term: text[start..start + end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            range: i..start + end + 2,
        },
        None => Piece::Malformed {
            code: codes::E0604,
            message: "index mark without its closing `}}`, or with formatting inside",
            help: "write the term as plain text: `{{index: Party building}}`",
            range: i..start,
        },
    }
}

/// Whether the text from `open` on starts like a citation: `[@`, `[-@` or a
/// prefix and an `@key` before any `]`.
fn looks_like_citation(text: &str, open: usize) -> bool {
    let inner = &text[open + 1..];
    let inner = &inner[..inner.find(']').unwrap_or(inner.len())];
    inner.char_indices().any(|(at, c)| {
        c == '@'
            && !inner[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            && key_at(text, open + 1 + at + 1).is_some()
    })
}

/// `[...]` at byte `open`: a bracketed citation or an orphan footnote reference.
fn bracketed(text: &str, open: usize) -> Option<Piece> {
    let Some(close) = text[open..].find(']').map(|c| open + c) else {
        // The `]` is in another text node: formatting or a cross-reference inside.
        return looks_like_citation(text, open).then_some(Piece::Malformed {
            code: codes::E0405,
            message: "citation with formatting or a cross-reference inside",
            help: "write the remark of a citation as plain text: `[@key, 12, emphasis added]`",
            range: open..text.len(),
        });
    };
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
        return looks_like_citation(text, open).then(|| Piece::Malformed {
            code: codes::E0405,
            message: "citation with formatting or a cross-reference inside",
            help: "write the remark of a citation as plain text: `[@key, 12, emphasis added]`",
            range: open..text[close..].find("]]").map_or(close + 1, |e| close + e + 2).min(text.len()),
        });
    }
    if !looks_like_citation(text, open) {
        return None;
    }
    let mut items = Vec::new();
    let mut part_start = open + 1;
    for part in inner.split(';') {
        match item(text, part_start, part_start + part.len()) {
            Some(Ok(i)) => items.push(i),
            Some(Err((message, help))) => {
                return Some(Piece::Malformed {
                    code: codes::E0405,
                    message,
                    help,
                    range,
                });
            }
            None if part.trim().is_empty() => {
                return Some(Piece::Malformed {
                    code: codes::E0405,
                    message: "empty item in a citation",
                    help: "separate works with `;` and write one after each: `[@a; @b, 12]`",
                    range,
                });
            }
            None => {
                return Some(Piece::Malformed {
                    code: codes::E0405,
                    message: "an item of the citation has no `@key`",
                    help: "each work of a citation needs its key: `[see @a; @b, 12]`",
                    range,
                });
            }
        }
        part_start += part.len() + 1;
    }
    Some(Piece::Cite {
        items,
        narrative: false,
        range,
    })
}

/// What is wrong with a citation item, and how to write it.
type Problem = (&'static str, &'static str);

/// One `prefix -@key, suffix` part between `from` and `to`: `None` without a key,
/// an error when what follows the key is not `, locator or remark`.
fn item(text: &str, from: usize, to: usize) -> Option<Result<RawItem, Problem>> {
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
    let after = text[key_end..to].trim();
    let suffix = match after.strip_prefix(',') {
        Some(s) => s.trim(),
        None if after.is_empty() => "",
        None => {
            return Some(Err((
                "text after a citation key must follow a comma",
                "write `[@key, 12]` or `[@key, emphasis added]`; put other punctuation outside the brackets",
            )));
        }
    };
    let bare = suffix.trim_end_matches('.').trim();
    if suffix.is_empty() && after.starts_with(',') || matches!(bare, "p" | "pp") {
        return Some(Err((
            "citation locator without a page",
            "write the page after `p.`: `[@key, p. 12]`, or drop the comma",
        )));
    }
    Some(Ok(RawItem {
        key: text[from + at + 1..key_end].to_string(),
        prefix: part[..prefix_end].trim().to_string(),
        suffix: suffix.to_string(),
        suppress_author: suppress,
        key_range: from + at..key_end,
    }))
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

    fn malformed(text: &str) -> Vec<&'static str> {
        scan(text)
            .into_iter()
            .filter_map(|p| match p {
                Piece::Malformed { message, .. } => Some(message),
                _ => None,
            })
            .collect()
    }

    // Checks that unreadable citations are reported, not printed half-parsed, and
    // that editorial brackets and e-mail addresses stay text.
    #[test]
    fn malformed_citations_are_reported() {
        assert_eq!(malformed("a [@k;] b").len(), 1);
        assert_eq!(malformed("a [@k.] b").len(), 1);
        assert_eq!(malformed("a [@k, p. ] b").len(), 1);
        assert_eq!(malformed("a [@k,] b").len(), 1);
        assert_eq!(malformed("a [@k, see [[x]]] b").len(), 1);
        assert_eq!(malformed("a [@k, ").len(), 1);
        assert!(
            malformed("a [advancing] [新发展理念] [@k, p. 12] [see @a; -@b, 3] x@y.org")
                .is_empty()
        );
    }

    // Checks index marks with spaces around `index`, spaced terms, and a mark that
    // does not close in its text node.
    #[test]
    fn index_marks_allow_spaces() {
        let terms: Vec<String> = scan("{{ index : Party  building }} and {{index:x}}")
            .into_iter()
            .filter_map(|p| match p {
                Piece::Index { term, .. } => Some(term),
                _ => None,
            })
            .collect();
        assert_eq!(terms, ["Party building", "x"]);
        assert_eq!(
            malformed("{{index: "),
            ["index mark without its closing `}}`, or with formatting inside"]
        );
    }
}
