//! Front matter: split it off a Markdown file and read it with serde-saphyr, with
//! every error located in the `.md` file itself.

use serde::de::DeserializeOwned;

use serde::Deserialize as _;

use crate::diag::{Diagnostic, codes};
use crate::model::{FieldSpan, FieldSpans};
use crate::source::{FileId, SourceMap, Span};

/// Where the YAML of a front matter is.
#[derive(Debug, Clone, Copy)]
pub(super) struct FrontMatter {
    /// Byte offset of the first YAML line in the file.
    pub yaml_start: usize,
    /// Byte offset one past the YAML (the start of the closing `---`).
    pub yaml_end: usize,
    /// Byte offset of the body (the line after the closing `---`).
    pub body_start: usize,
}

/// Finds the front matter at the top of `file`.
pub(super) fn split(map: &SourceMap, file: FileId) -> Result<FrontMatter, Diagnostic> {
    let f = map.get(file);
    if f.line_text(0).trim_end() != "---" {
        return Err(Diagnostic::new(codes::E0201, "missing front matter")
            .at(Span::new(file, 0, f.line_text(0).len()))
            .label("expected `---` on the first line")
            .help("start the file with a YAML block between two `---` lines"));
    }
    for line in 1..f.line_count() {
        if f.line_text(line).trim_end() == "---" {
            return Ok(FrontMatter {
                yaml_start: f.line_start(1),
                yaml_end: f.line_start(line),
                body_start: f.line_start(line + 1),
            });
        }
    }
    Err(Diagnostic::new(codes::E0201, "front matter is not closed")
        .at(Span::new(file, 0, 3))
        .label("opened here")
        .help("end the front matter with a line holding only `---`"))
}

/// A YAML document inside a file: where it starts and its text.
#[derive(Debug, Clone, Copy)]
pub(super) struct Yaml<'a> {
    /// The file.
    pub file: FileId,
    /// Byte offset of the YAML in the file.
    pub start: usize,
    /// The YAML text.
    pub text: &'a str,
}

impl<'a> Yaml<'a> {
    /// The YAML of a front matter.
    pub(super) fn of_front_matter(
        map: &'a SourceMap,
        file: FileId,
        fm: FrontMatter,
    ) -> Self {
        Yaml {
            file,
            start: fm.yaml_start,
            text: &map.get(file).text[fm.yaml_start..fm.yaml_end],
        }
    }

    /// A whole YAML file.
    pub(super) fn of_file(map: &'a SourceMap, file: FileId) -> Self {
        Yaml {
            file,
            start: 0,
            text: &map.get(file).text,
        }
    }

    /// The span in the file of 1-based `line` and 1-based character `column` of
    /// the YAML (where saphyr reports an error), to the end of the word there.
    pub(super) fn span_at(&self, map: &SourceMap, line: u64, column: u64) -> Span {
        let f = map.get(self.file);
        let first = f.line_of(self.start);
        let line_idx = first + (line.max(1) as usize - 1);
        let start = f.line_start(line_idx);
        let text = f.line_text(line_idx);
        let col = text
            .char_indices()
            .nth(column.max(1) as usize - 1)
            .map_or(text.len(), |(i, _)| i);
        let end = text[col..]
            .char_indices()
            .find(|(_, c)| c.is_whitespace() || *c == ':')
            .map_or(text.len(), |(i, _)| col + i);
        Span::new(
            self.file,
            start + col,
            start + end.max(col + 1).min(text.len()),
        )
    }

    /// The span in the file of a location saphyr reports: its byte range when
    /// it has one, else its line and column.
    fn span_of(&self, map: &SourceMap, loc: &serde_saphyr::Location) -> Span {
        let span = loc.span();
        match (span.byte_offset(), span.byte_len()) {
            (Some(at), Some(len)) => {
                let start = self.start + at as usize;
                Span::new(self.file, start, start + len as usize)
            }
            _ => self.span_at(map, loc.line(), loc.column()),
        }
    }

    /// The line before the YAML (the opening `---`), or the first line of a
    /// YAML file: where a missing field is reported.
    fn head(&self, map: &SourceMap) -> Span {
        let f = map.get(self.file);
        let line = f
            .line_of(self.start)
            .saturating_sub(usize::from(self.start > 0));
        let start = f.line_start(line);
        Span::new(self.file, start, start + f.line_text(line).len())
    }

    /// The fields and where each was written, after checking that the document
    /// is a map.
    pub(super) fn fields(&self, map: &SourceMap) -> Result<FieldSpans, Diagnostic> {
        let text = if self.text.trim().is_empty() {
            "{}"
        } else {
            self.text
        };
        let shape: serde_saphyr::Spanned<Shape> =
            serde_saphyr::from_str(text).map_err(|e| self.error(map, &e))?;
        let fields =
            match shape.value {
                Shape::Map(fields) => fields,
                // Only comments, or `~`: no fields (each required one is missing).
                Shape::Null => Vec::new(),
                other => {
                    let found = match other {
                        Shape::List(_) => "a list",
                        Shape::Text => "a string",
                        _ => "a scalar",
                    };
                    return Err(Diagnostic::new(
                codes::E0204,
                format!("expected a map of fields, found {found}"),
            )
            .at(self.span_at(map, 1, 1))
            .label("this should be `field: value` lines")
            .help("write one `field: value` per line, e.g. `term: Common prosperity`"));
                }
            };
        let fields = fields
            .into_iter()
            .map(|(key, value)| FieldSpan {
                item_keys: match &value.value {
                    Shape::Map(items) => {
                        items.iter().map(|(k, _)| k.value.clone()).collect()
                    }
                    _ => Vec::new(),
                },
                item_key_spans: match &value.value {
                    Shape::Map(items) => items
                        .iter()
                        .map(|(k, _)| self.span_of(map, &k.referenced))
                        .collect(),
                    _ => Vec::new(),
                },
                name: key.value,
                key: self.span_of(map, &key.referenced),
                value: self.span_of(map, &value.referenced),
                items: match value.value {
                    Shape::List(items) => items
                        .iter()
                        .map(|i| self.span_of(map, &i.referenced))
                        .collect(),
                    Shape::Map(items) => items
                        .iter()
                        .map(|(_, v)| self.span_of(map, &v.referenced))
                        .collect(),
                    Shape::Null | Shape::Text | Shape::Scalar => Vec::new(),
                },
            })
            .collect();
        Ok(FieldSpans {
            head: Some(self.head(map)),
            fields,
        })
    }

    /// Deserializes the YAML; a syntax or type error becomes one diagnostic.
    pub(super) fn parse<T: DeserializeOwned>(
        &self,
        map: &SourceMap,
    ) -> Result<T, Diagnostic> {
        if self.text.trim().is_empty() {
            return serde_saphyr::from_str("{}").map_err(|e| self.error(map, &e));
        }
        serde_saphyr::from_str(self.text).map_err(|e| self.error(map, &e))
    }

    fn error(&self, map: &SourceMap, e: &serde_saphyr::Error) -> Diagnostic {
        let message = clean_message(&e.without_snippet().to_string());
        let d = match plain_words(&message) {
            Some((message, help)) => Diagnostic::new(codes::E0201, message).help(help),
            None => Diagnostic::new(codes::E0201, format!("invalid YAML: {message}")),
        };
        match e.location() {
            Some(loc) if loc.line() > 0 => d
                .at(self.span_at(map, loc.line(), loc.column()))
                .label("here"),
            _ => d.at(self.span_at(map, 1, 1)),
        }
    }
}

/// Strips saphyr's `error: line N column M: ` prefix and ` at line N, column M`
/// suffixes: those count lines of the YAML, not of the file, and the diagnostic
/// shows the file position anyway.
/// The YAML errors an editor meets, in the words of the content format (message,
/// help) instead of the parser's.
fn plain_words(msg: &str) -> Option<(String, String)> {
    if let Some(rest) = msg.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        return Some((
            format!("field `{key}` is given twice"),
            format!("keep one `{key}:` line"),
        ));
    }
    if msg.contains("budget breached")
        || msg.contains("recursion")
        || msg.contains("depth")
    {
        return Some((
            "YAML too large or too deeply nested (aliases expand to too many values)".into(),
            "front matter and readers hold a few plain fields; write values out instead of using `&anchors` and `*aliases`".into(),
        ));
    }
    None
}

fn clean_message(msg: &str) -> String {
    let msg = msg.lines().next().unwrap_or(msg);
    let mut msg = msg.strip_prefix("error: ").unwrap_or(msg).to_string();
    if let Some(rest) = msg.strip_prefix("line ")
        && let Some(i) = rest.find(": ")
        && rest[..i].contains("column")
    {
        msg = rest[i + 2..].to_string();
    }
    while let Some(i) = msg.find(" at line ") {
        let tail = &msg[i + 9..];
        let end = tail
            .find(|c: char| {
                !(c.is_ascii_digit() || c == ',' || c == ' ' || "column".contains(c))
            })
            .unwrap_or(tail.len());
        msg.replace_range(i..i + 9 + end, "");
    }
    msg
}

/// Reports fields outside `known` (with "did you mean") and `required` fields missing.
pub(super) fn check_fields(
    file: FileId,
    fields: &FieldSpans,
    known: &[&str],
    required: &[&str],
    diags: &mut Vec<Diagnostic>,
) {
    for f in &fields.fields {
        let key = &f.name;
        if !known.contains(&key.as_str()) {
            diags.push(
                Diagnostic::new(codes::E0203, format!("unknown field `{key}`"))
                    .at(f.key)
                    .label("not a field of this kind of file")
                    .suggest(key, known.iter().copied())
                    .help(format!("known fields: {}", known.join(", "))),
            );
        }
    }
    for field in required {
        if fields.key(field).is_none() {
            diags.push(
                Diagnostic::new(
                    codes::E0202,
                    format!("missing required field `{field}`"),
                )
                .at(fields.head.unwrap_or(Span::new(file, 0, 0)))
                .label(format!("`{field}` is required here"))
                .help(format!("add a line `{field}: ...`")),
            );
        }
    }
}

/// E0207 when `date` is not a date that exists in one of the three forms.
pub(super) fn invalid_date(at: Span, date: &str) -> Option<Diagnostic> {
    if crate::model::parse_date(date).is_some() {
        return None;
    }
    Some(
        Diagnostic::new(codes::E0207, format!("`{date}` is not a valid date"))
            .at(at)
            .label("expected YYYY, YYYY-MM or YYYY-MM-DD")
            .help("write the date as `2016-05-19`, `2016-05` or `2016`; the day must exist in that month"),
    )
}

/// The shape of a YAML value, with the place of each item: what
/// [`Yaml::fields`] reads, so that nothing has to be found in the text again.
enum Shape {
    Null,
    Text,
    Scalar,
    List(Vec<serde_saphyr::Spanned<Shape>>),
    Map(Vec<(serde_saphyr::Spanned<String>, serde_saphyr::Spanned<Shape>)>),
}

impl<'de> serde::Deserialize<'de> for Shape {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ShapeVisitor)
    }
}

struct ShapeVisitor;

impl<'de> serde::de::Visitor<'de> for ShapeVisitor {
    type Value = Shape;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a YAML value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Shape, E> {
        Ok(Shape::Scalar)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Shape, E> {
        Ok(Shape::Scalar)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Shape, E> {
        Ok(Shape::Scalar)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Shape, E> {
        Ok(Shape::Scalar)
    }
    fn visit_str<E>(self, _: &str) -> Result<Shape, E> {
        Ok(Shape::Text)
    }
    fn visit_unit<E>(self) -> Result<Shape, E> {
        Ok(Shape::Null)
    }
    fn visit_none<E>(self) -> Result<Shape, E> {
        Ok(Shape::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Shape, D::Error> {
        Shape::deserialize(d)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> Result<Shape, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<serde_saphyr::Spanned<Shape>>()? {
            items.push(item);
        }
        Ok(Shape::List(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut m: A,
    ) -> Result<Shape, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = m.next_key::<serde_saphyr::Spanned<String>>()? {
            let value = m.next_value::<serde_saphyr::Spanned<Shape>>()?;
            entries.push((key, value));
        }
        Ok(Shape::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Checks that saphyr's location prefix is removed from messages.
    #[test]
    fn cleans_saphyr_messages() {
        assert_eq!(
            clean_message("error: line 3 column 1: unknown field"),
            "unknown field"
        );
        assert_eq!(clean_message("invalid boolean"), "invalid boolean");
        assert_eq!(
            clean_message("illegal placement of ':' indicator at line 3, column 6"),
            "illegal placement of ':' indicator"
        );
    }
}
