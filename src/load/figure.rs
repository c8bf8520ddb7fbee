//! Figures in Markdown: an image at the head of a top-level paragraph, its
//! attributes in braces right after it, then the caption and the source line.
//!
//! ```markdown
//! ![Alt text](figures/chart.png){#fig-chart width=60%}
//! The caption.
//! Source: the source or credit line.
//! ```

use std::ops::Range;

use crate::model::Inline;

/// The words that open a figure's source or credit line.
pub(crate) const SOURCE_WORDS: &[&str] = &[
    "Source:",
    "Sources:",
    "Credit:",
    "Credits:",
    "Courtesy of",
    "Photograph:",
    "Photo:",
    "Data:",
    "来源：",
    "资料来源：",
];

/// What the braces after an image say; `P` is where the label is written.
#[derive(Debug, PartialEq)]
pub(super) struct Attributes<P = Range<usize>> {
    /// `#fig-…`, and where it is.
    pub(super) label: Option<(String, P)>,
    /// `.decorative`.
    pub(super) decorative: bool,
    /// `width=60%`.
    pub(super) width: Option<u8>,
    /// `alt="…"` (or pandoc's `fig-alt="…"`): the alt text, when the brackets
    /// hold the caption.
    pub(super) alt: Option<String>,
}

impl<P> Default for Attributes<P> {
    fn default() -> Self {
        Attributes {
            label: None,
            decorative: false,
            width: None,
            alt: None,
        }
    }
}

/// A word in the braces that is not an attribute, and where it is.
#[derive(Debug, PartialEq)]
pub(super) struct BadAttribute {
    pub(super) message: String,
    pub(super) help: &'static str,
    pub(super) range: Range<usize>,
}

/// Reads the attributes of `text` (the inside of the braces; ranges are in
/// it): `#fig-label`, `.decorative`, `width=N%`, separated by spaces.
pub(super) fn attributes(text: &str) -> (Attributes, Vec<BadAttribute>) {
    let mut attrs: Attributes = Attributes::default();
    let mut bad = Vec::new();
    for (word, range) in words(text) {
        let problem = if let Some(name) = word.strip_prefix('#') {
            label(name, &mut attrs, range.clone())
        } else if word == ".decorative" {
            attrs.decorative = true;
            None
        } else if let Some(value) = word.strip_prefix("width=") {
            width(value, &mut attrs)
        } else if let Some(value) = ["alt=", "fig-alt="]
            .iter()
            .find_map(|k| word.strip_prefix(k))
        {
            attrs.alt = Some(unquoted(value).to_string());
            None
        } else {
            Some((
                format!("unknown figure attribute `{word}`"),
                "a figure takes `#fig-label`, `.decorative`, `width=N%` and `alt=\"…\"` in the braces after the image",
            ))
        };
        if let Some((message, help)) = problem {
            bad.push(BadAttribute {
                message,
                help,
                range,
            });
        }
    }
    (attrs, bad)
}

type Problem = Option<(String, &'static str)>;

fn label(name: &str, attrs: &mut Attributes, range: Range<usize>) -> Problem {
    let slug = name.strip_prefix("fig-").unwrap_or("");
    if !crate::model::is_slug(slug) {
        return Some((
            format!("figure label `#{name}` is not `#fig-` and a slug"),
            "write `#fig-` and lowercase letters, digits and hyphens (`#fig-central-organs`); the text refers to it as `@fig-central-organs`",
        ));
    }
    if attrs.label.is_some() {
        return Some(("a figure with two labels".into(), "keep one `#fig-…` label"));
    }
    attrs.label = Some((name.to_string(), range));
    None
}

fn width(value: &str, attrs: &mut Attributes) -> Problem {
    match value.strip_suffix('%').and_then(|n| n.parse::<u8>().ok()) {
        Some(n @ 10..=100) => {
            attrs.width = Some(n);
            None
        }
        _ => Some((
            format!("figure width `{value}` is not a percentage from 10% to 100%"),
            "give the printed width as a share of the text's width: `width=60%`",
        )),
    }
}

/// The words of `text` separated by white space (a quoted value, straight or
/// typographic quotes, is one word with its spaces), with their ranges.
fn words(text: &str) -> Vec<(&str, Range<usize>)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut quoted = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() && !quoted {
            if let Some(s) = start.take() {
                out.push((&text[s..i], s..i));
            }
            continue;
        }
        start.get_or_insert(i);
        quoted = match c {
            '“' => true,
            '”' => false,
            '"' => !quoted,
            _ => quoted,
        };
    }
    if let Some(s) = start {
        out.push((&text[s..], s..text.len()));
    }
    out
}

/// A value without its quotes (straight or typographic).
fn unquoted(value: &str) -> &str {
    value
        .trim_start_matches(['"', '“'])
        .trim_end_matches(['"', '”'])
}

/// The caption and the source line of what follows a figure's image: the
/// source line is the first line opening with one of [`SOURCE_WORDS`], to the
/// end; the caption is what comes before it. Line breaks inside each are
/// spaces; the breaks between them go.
pub(super) fn caption_and_source(rest: Vec<Inline>) -> (Vec<Inline>, Vec<Inline>) {
    let mut caption = Vec::new();
    let mut source = Vec::new();
    let mut line_start = true;
    for x in rest {
        let is_break = matches!(x, Inline::SoftBreak | Inline::LineBreak);
        if line_start && source.is_empty() && opens_source(&x) {
            trim_end(&mut caption);
        }
        let target = if source.is_empty() && !(line_start && opens_source(&x)) {
            &mut caption
        } else {
            &mut source
        };
        if !(is_break && target.is_empty()) {
            target.push(if is_break { Inline::SoftBreak } else { x });
        }
        line_start = is_break;
    }
    trim_end(&mut caption);
    trim_end(&mut source);
    trim_start(&mut caption);
    (caption, source)
}

fn opens_source(x: &Inline) -> bool {
    match x {
        Inline::Text(t) => {
            let t = t.trim_start();
            SOURCE_WORDS.iter().any(|w| t.starts_with(w))
        }
        Inline::Emph(c) | Inline::Strong(c) => c.first().is_some_and(opens_source),
        _ => false,
    }
}

fn trim_end(xs: &mut Vec<Inline>) {
    while matches!(xs.last(), Some(Inline::SoftBreak | Inline::LineBreak)) {
        xs.pop();
    }
    if let Some(Inline::Text(t)) = xs.last_mut() {
        let kept = t.trim_end().len();
        t.truncate(kept);
    }
    if matches!(xs.last(), Some(Inline::Text(t)) if t.is_empty()) {
        xs.pop();
    }
}

fn trim_start(xs: &mut Vec<Inline>) {
    if let Some(Inline::Text(t)) = xs.first_mut() {
        *t = t.trim_start().to_string();
        if t.is_empty() {
            xs.remove(0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    // Checks the attributes a figure takes and what is wrong with others.
    #[test]
    fn reads_attributes() {
        let (a, bad) = attributes("#fig-central-organs .decorative width=60%");
        assert_eq!(a.label, Some(("fig-central-organs".into(), 0..19)));
        assert!(a.decorative);
        assert_eq!(a.width, Some(60));
        assert!(bad.is_empty());
        let (a, bad) = attributes("alt=“A chart, by year” #fig-a fig-alt=\"x y\"");
        assert!(bad.is_empty());
        assert_eq!(a.alt.as_deref(), Some("x y"));
        assert_eq!(a.label.map(|l| l.0).as_deref(), Some("fig-a"));
        let (_, bad) = attributes("#chart width=150% .wide");
        let ranges: Vec<_> = bad.iter().map(|b| b.range.clone()).collect();
        assert_eq!(ranges, [0..6, 7..17, 18..23]);
    }

    // Checks that the source line is split from the caption at its lead word.
    #[test]
    fn splits_caption_from_source() {
        let rest = vec![
            Inline::SoftBreak,
            text("The central organs."),
            Inline::SoftBreak,
            text("Source: Party Constitution, "),
            Inline::Emph(vec![text("art. 10")]),
        ];
        let (caption, source) = caption_and_source(rest);
        assert_eq!(caption, [text("The central organs.")]);
        assert_eq!(
            source,
            [
                text("Source: Party Constitution, "),
                Inline::Emph(vec![text("art. 10")])
            ]
        );
        let (caption, source) = caption_and_source(vec![text(" Only a caption")]);
        assert_eq!(caption, [text("Only a caption")]);
        assert!(source.is_empty());
    }
}
