//! Bibliography files: hayagriva YAML (`*.yaml`, `*.yml`) and BibLaTeX (`*.bib`).
//!
//! Keys are located in the file text so that duplicates and unused works can be
//! reported at their line; what an entry means is read in `load::work`.

use std::collections::BTreeMap;

use hayagriva::types::{FormatString, Person, StringChunk};

use crate::diag::{Diagnostic, codes};
use crate::model::{BibEntry, BibKey, Bibliography};
use crate::source::{FileId, SourceMap, Span};

/// `{`, which opens a BibLaTeX entry or field (an escape, so that tools counting
/// braces in the source are not misled by a lone brace literal).
const OPEN_BRACE: char = '\x7b';

/// Which syntax a bibliography file uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BibFormat {
    /// hayagriva YAML.
    Yaml,
    /// BibLaTeX.
    Biblatex,
}

/// Reads one bibliography file into `bib`, reporting duplicates against what is there.
pub(super) fn load_file(
    map: &SourceMap,
    file: FileId,
    format: BibFormat,
    bib: &mut Bibliography,
    diags: &mut Vec<Diagnostic>,
) {
    let text = &map.get(file).text;
    let keys = match format {
        BibFormat::Yaml => yaml_keys(text),
        BibFormat::Biblatex => biblatex_keys(text),
    };
    let mut spans: BTreeMap<&str, Span> = BTreeMap::new();
    // Later definitions of a key in this file, blanked out before parsing.
    let mut repeated: Vec<usize> = Vec::new();
    for (i, (key, range)) in keys.iter().enumerate() {
        let span = Span::new(file, range.start, range.end);
        if let Some(first) = spans
            .get(key.as_str())
            .copied()
            .or(bib.get(key).map(|e| e.span))
        {
            let f = map.get(first.file);
            let (line, _) = f.line_col(first.start);
            diags.push(
                Diagnostic::new(codes::E0403, format!("duplicate bibliography key `{key}`"))
                    .at(span)
                    .label("defined again here")
                    .help(format!("first defined at {}:{line}; keys must be unique across all bibliography files", f.name)),
            );
            if spans.contains_key(key.as_str()) {
                repeated.push(i);
            }
            continue;
        }
        spans.insert(key, span);
    }
    if format == BibFormat::Biblatex {
        unbalanced_braces(text, file, &keys, diags);
    }
    let parse_text = match format {
        BibFormat::Yaml => blank_out(text, &keys, &repeated),
        BibFormat::Biblatex => text.clone(),
    };
    let Some(library) = parse(map, file, format, &parse_text, diags) else {
        return;
    };
    for entry in library.iter() {
        let key = entry.key();
        let Some(span) = spans.get(key).copied() else {
            continue;
        };
        if bib.entries.contains_key(key) {
            continue;
        }
        bib.entries.insert(
            BibKey::new(key),
            BibEntry {
                work: match format {
                    BibFormat::Biblatex => super::work::work(
                        &delatex_entry(entry.clone()),
                        Some(&biblatex_type(text, span.start)),
                    ),
                    BibFormat::Yaml => super::work::work(entry, None),
                },
                span,
            },
        );
    }
}

/// hayagriva's reading of a bibliography file, or `None` after reporting where it
/// failed.
fn parse(
    map: &SourceMap,
    file: FileId,
    format: BibFormat,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<hayagriva::Library> {
    match format {
        BibFormat::Yaml => match hayagriva::io::from_yaml_str(text) {
            Ok(lib) => Some(lib),
            Err(e) => {
                let span = e.location().map_or(Span::new(file, 0, 0), |l| {
                    rest_of_line(map, file, l.index())
                });
                diags.push(
                    Diagnostic::new(codes::E0404, format!("invalid bibliography entry: {e}"))
                        .at(span)
                        .help("see hayagriva's file format: https://github.com/typst/hayagriva/blob/main/docs/file-format.md"),
                );
                None
            }
        },
        BibFormat::Biblatex => match hayagriva::io::from_biblatex_str(text) {
            Ok(lib) => Some(lib),
            Err(errors) => {
                for e in errors {
                    let range = match &e {
                        hayagriva::io::BibLaTeXError::Parse(p) => p.span.clone(),
                        hayagriva::io::BibLaTeXError::Type(t) => t.span.clone(),
                    };
                    diags.push(
                        Diagnostic::new(codes::E0404, format!("invalid BibLaTeX: {e}"))
                            .at(Span::new(file, range.start, range.end.max(range.start)))
                            .label("here"),
                    );
                }
                None
            }
        },
    }
}

/// The span from byte `at` (as the YAML parser reports it) to the end of its line.
fn rest_of_line(map: &SourceMap, file: FileId, at: usize) -> Span {
    let f = map.get(file);
    let at = at.min(f.text.len());
    let line = f.line_of(at);
    Span::new(
        file,
        at,
        (f.line_start(line) + f.line_text(line).len()).max(at),
    )
}

/// The YAML text with the entries of the `repeated` keys replaced by spaces (line
/// breaks kept, so positions stay valid): a key repeated in one file is reported
/// as E0403, and the rest of the file still loads.
fn blank_out(
    text: &str,
    keys: &[(String, std::ops::Range<usize>)],
    repeated: &[usize],
) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for &i in repeated {
        let start = text[..keys[i].1.start].rfind('\n').map_or(0, |n| n + 1);
        let end = keys.get(i + 1).map_or(text.len(), |(_, r)| {
            text[..r.start].rfind('\n').map_or(r.start, |n| n + 1)
        });
        for b in &mut bytes[start..end] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    // Only ASCII bytes were replaced, and whole lines at that.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

/// Top-level keys of a hayagriva YAML file and their byte ranges.
fn yaml_keys(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let first = line.chars().next();
        if first.is_some_and(|c| !c.is_whitespace() && c != '#' && c != '-')
            && let Some(colon) = find_key_colon(line)
        {
            let raw = &line[..colon];
            let key = raw.trim().trim_matches(['"', '\'']);
            let lead = raw.find(key).unwrap_or(0);
            out.push((key.to_string(), offset + lead..offset + lead + key.len()));
        }
        offset += line.len();
    }
    out
}

fn find_key_colon(line: &str) -> Option<usize> {
    let i = line.find(':')?;
    let after = line[i + 1..].chars().next();
    after.is_none_or(char::is_whitespace).then_some(i)
}

/// The type word of the BibLaTeX entry whose key starts at `key_start`, lowercase.
fn biblatex_type(text: &str, key_start: usize) -> String {
    let head = &text[..key_start.min(text.len())];
    let at = head.rfind('@').map_or(0, |i| i + 1);
    head[at..]
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Entry keys of a BibLaTeX file (`@type{key,`) and their byte ranges.
fn biblatex_keys(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(at) = text[pos..].find('@') {
        let at = pos + at;
        pos = at + 1;
        let rest = &text[at + 1..];
        let kind_len = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let kind = rest[..kind_len].to_ascii_lowercase();
        if kind.is_empty() || ["comment", "string", "preamble"].contains(&kind.as_str()) {
            continue;
        }
        let after = &rest[kind_len..];
        let Some(brace) = after.trim_start().strip_prefix([OPEN_BRACE, '(']) else {
            continue;
        };
        let key_start = text.len() - brace.len();
        let ws = brace.len() - brace.trim_start().len();
        let key_start = key_start + ws;
        let key_len = text[key_start..]
            .find(|c: char| c == ',' || c.is_whitespace())
            .unwrap_or(0);
        if key_len > 0 {
            out.push((
                text[key_start..key_start + key_len].to_string(),
                key_start..key_start + key_len,
            ));
        }
    }
    out
}

/// E0404 for a BibLaTeX entry whose braces do not balance: a stray `}` ends the
/// entry early, and the fields after it (often the year) are lost.
fn unbalanced_braces(
    text: &str,
    file: FileId,
    keys: &[(String, std::ops::Range<usize>)],
    diags: &mut Vec<Diagnostic>,
) {
    for (i, (key, range)) in keys.iter().enumerate() {
        let start = text[..range.start].rfind('@').unwrap_or(range.start);
        let end = keys.get(i + 1).map_or(text.len(), |(_, r)| {
            text[..r.start].rfind('@').unwrap_or(r.start)
        });
        let Some(open) = text[start..end].find([OPEN_BRACE, '(']).map(|o| start + o)
        else {
            continue;
        };
        let mut depth = 0i64;
        let mut closed_at = None;
        for (off, c) in text[open..end].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                closed_at = Some(open + off);
                break;
            }
        }
        let rest = closed_at.map_or("", |at| text[at + 1..end].trim());
        if closed_at.is_none() || !rest.is_empty() && !rest.starts_with('%') {
            let at = closed_at.unwrap_or(start);
            diags.push(
                Diagnostic::new(
                    codes::E0404,
                    format!("braces of `{key}` do not balance"),
                )
                .at(Span::new(file, at, at + 1))
                .label("the entry ends here; what follows is lost")
                .help("every `{` needs its `}`; check the field before this point"),
            );
        }
    }
}

/// LaTeX left in the text of a BibLaTeX entry, as text: `\\textit{X}`, `\\emph{X}`,
/// `\\url{X}` → X, `{\\relax Ch}` → Ch, ``` ``x'' ``` → “x”, `\\&` → &, `--` → –.
pub(super) fn delatex(s: &str) -> String {
    if !s.contains(['\\', '`', '{', '}']) && !s.contains("''") && !s.contains("--") {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let mut name = String::new();
                while let Some(&n) = chars.peek().filter(|n| n.is_ascii_alphabetic()) {
                    name.push(n);
                    chars.next();
                }
                if name.is_empty() {
                    // An escaped character: \& \% \_ \$ \# \{ \}.
                    if let Some(n) = chars.next() {
                        out.push(n);
                    }
                } else if name == "relax" {
                    while chars.peek() == Some(&' ') {
                        chars.next();
                    }
                }
                // Other commands (\textit, \emph, \url, ...) keep their argument.
            }
            '{' | '}' => {}
            '`' if chars.peek() == Some(&'`') => {
                chars.next();
                out.push('“');
            }
            '`' => out.push('‘'),
            '\'' if chars.peek() == Some(&'\'') => {
                chars.next();
                out.push('”');
            }
            '-' if chars.peek() == Some(&'-') => {
                chars.next();
                if chars.peek() == Some(&'-') {
                    chars.next();
                    out.push('—');
                } else {
                    out.push('–');
                }
            }
            '~' => out.push('\u{a0}'),
            c => out.push(c),
        }
    }
    out
}

/// An entry read from BibLaTeX with the LaTeX of its titles and names as text.
fn delatex_entry(mut entry: hayagriva::Entry) -> hayagriva::Entry {
    if let Some(title) = entry.title() {
        let value = title.value.to_string();
        let clean = delatex(&value);
        if clean != value {
            entry.set_title(FormatString {
                value: StringChunk::verbatim(clean).into(),
                short: title.short.clone(),
            });
        }
    }
    let person = |p: &Person| {
        let mut q = p.clone();
        q.name = delatex(&p.name);
        q.given_name = p.given_name.as_deref().map(delatex);
        q.prefix = p.prefix.as_deref().map(delatex);
        q.suffix = p.suffix.as_deref().map(delatex);
        q
    };
    map_people(entry, person, delatex_entry)
}

/// The entry with `person` applied to its authors and editors, and `parent` to
/// its parents.
fn map_people(
    mut entry: hayagriva::Entry,
    person: impl Fn(&Person) -> Person,
    parent: fn(hayagriva::Entry) -> hayagriva::Entry,
) -> hayagriva::Entry {
    if let Some(authors) = entry.authors() {
        let fixed = authors.iter().map(&person).collect();
        entry.set_authors(fixed);
    }
    if let Some(eds) = entry.editors() {
        let fixed = eds.iter().map(&person).collect();
        entry.set_editors(fixed);
    }
    let parents: Vec<_> = entry.parents().iter().cloned().map(parent).collect();
    if !parents.is_empty() {
        entry.set_parents(parents);
    }
    entry
}

#[cfg(test)]
mod tests {
    use super::*;

    // Checks that top-level YAML keys are found with their positions.
    #[test]
    fn finds_yaml_keys() {
        let text = "# c\nstate-council-2016:\n  type: report\n\"q-1\":\n  title: x\n";
        let keys = yaml_keys(text);
        assert_eq!(keys.len(), 2);
        assert_eq!(keys[0].0, "state-council-2016");
        assert_eq!(&text[keys[0].1.clone()], "state-council-2016");
        assert_eq!(keys[1].0, "q-1");
    }

    // Checks that BibLaTeX keys are found, skipping @comment and @string.
    #[test]
    fn finds_biblatex_keys() {
        let text = "@comment{x}\n@string{a = b}\n@article{heilmann-2008,\n title={T}}\n@Book{ b2 ,}";
        let keys: Vec<_> = biblatex_keys(text).into_iter().map(|k| k.0).collect();
        assert_eq!(keys, ["heilmann-2008", "b2"]);
    }

    // Checks that a key repeated in one file is one E0403, and that the other works
    // of the file still load.
    #[test]
    fn repeated_key_is_reported_and_the_rest_loads() {
        let text = "a:\n  type: book\n  title: First\na:\n  type: book\n  title: Again\nb:\n  type: book\n  title: Other\n";
        let mut map = SourceMap::default();
        let file = map.add("bibliography/x.yaml".into(), "x.yaml".into(), text.into());
        let mut bib = Bibliography::default();
        let mut diags = Vec::new();
        load_file(&map, file, BibFormat::Yaml, &mut bib, &mut diags);
        let codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["E0403"]);
        assert_eq!(bib.keys().collect::<Vec<_>>(), ["a", "b"]);
    }

    // Checks that LaTeX commands, quotes and dashes of BibTeX become text.
    #[test]
    fn latex_becomes_text() {
        assert_eq!(
            delatex("The \\textit{Chinese} \\emph{Economy}"),
            "The Chinese Economy"
        );
        assert_eq!(delatex("{\\relax Ch}ang"), "Chang");
        assert_eq!(
            delatex("``Quoted'' A \\& B, 1949--1976"),
            "“Quoted” A & B, 1949–1976"
        );
        assert_eq!(
            delatex("\\url{https://example.org/a_b}"),
            "https://example.org/a_b"
        );
    }
}
