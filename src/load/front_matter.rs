//! Front matter: split it off a Markdown file and read it with serde-saphyr, with
//! every error located in the `.md` file itself.

use serde::de::DeserializeOwned;

use crate::diag::Diagnostic;
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
        return Err(Diagnostic::error("E0201", "missing front matter")
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
    Err(Diagnostic::error("E0201", "front matter is not closed")
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

    /// The span in the file of 1-based `line` and 1-based character `column` of the YAML.
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

    /// The span of a top-level key `key:` (first occurrence), or of the first line.
    pub(super) fn key_span(&self, map: &SourceMap, key: &str) -> Span {
        let mut offset = self.start;
        for line in self.text.split_inclusive('\n') {
            if let Some(rest) = line.strip_prefix(key)
                && rest.trim_start().starts_with(':')
            {
                return Span::new(self.file, offset, offset + key.len());
            }
            offset += line.len();
        }
        let f = map.get(self.file);
        let l = f.line_of(self.start);
        Span::new(
            self.file,
            f.line_start(l),
            f.line_start(l) + f.line_text(l).len(),
        )
    }

    /// The span of `needle` after the top-level key `key` (for list items).
    pub(super) fn value_span(&self, map: &SourceMap, key: &str, needle: &str) -> Span {
        let k = self.key_span(map, key);
        let text = &map.get(self.file).text;
        let scope_end = self.start + self.text.len();
        match text[k.end..scope_end].find(needle) {
            Some(i) if !needle.is_empty() => {
                Span::new(self.file, k.end + i, k.end + i + needle.len())
            }
            _ => k,
        }
    }

    /// The top-level keys, in order, after checking that the document is a map.
    pub(super) fn keys(&self, map: &SourceMap) -> Result<Vec<String>, Diagnostic> {
        let value: serde_json::Value = self.parse(map)?;
        match value {
            serde_json::Value::Object(m) => Ok(m.keys().cloned().collect()),
            serde_json::Value::Null => Ok(Vec::new()),
            other => {
                let found = match other {
                    serde_json::Value::Array(_) => "a list",
                    serde_json::Value::String(_) => "a string",
                    _ => "a scalar",
                };
                Err(Diagnostic::error(
                    "E0204",
                    format!("expected a map of fields, found {found}"),
                )
                .at(self.span_at(map, 1, 1))
                .label("this should be `field: value` lines")
                .help(
                    "write one `field: value` per line, e.g. `term: Common prosperity`",
                ))
            }
        }
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
            Some((message, help)) => Diagnostic::error("E0201", message).help(help),
            None => Diagnostic::error("E0201", format!("invalid YAML: {message}")),
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
    map: &SourceMap,
    yaml: &Yaml,
    keys: &[String],
    known: &[&str],
    required: &[&str],
    diags: &mut Vec<Diagnostic>,
) {
    for key in keys {
        if !known.contains(&key.as_str()) {
            diags.push(
                Diagnostic::error("E0203", format!("unknown field `{key}`"))
                    .at(yaml.key_span(map, key))
                    .label("not a field of this kind of file")
                    .suggest(key, known.iter().copied())
                    .help(format!("known fields: {}", known.join(", "))),
            );
        }
    }
    for field in required {
        if !keys.iter().any(|k| k == field) {
            let f = map.get(yaml.file);
            let line = f
                .line_of(yaml.start)
                .saturating_sub(usize::from(yaml.start > 0));
            let start = f.line_start(line);
            diags.push(
                Diagnostic::error("E0202", format!("missing required field `{field}`"))
                    .at(Span::new(yaml.file, start, start + f.line_text(line).len()))
                    .label(format!("`{field}` is required here"))
                    .help(format!("add a line `{field}: ...`")),
            );
        }
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
