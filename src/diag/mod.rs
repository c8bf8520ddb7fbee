//! Diagnostics: every problem a user can fix is one of these, with a stable code,
//! a location in a content file, and a hint.
//!
//! They are data until [`render_human`] or [`render_json`] prints them.

pub mod codes;

pub use codes::Severity;

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use crate::source::{SourceMap, Span};

/// One problem found in the content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code, e.g. `E0301`.
    pub code: &'static str,
    /// One-line description.
    pub message: String,
    /// Where it is, when it is in a file.
    pub span: Option<Span>,
    /// Text printed under the carets.
    pub label: Option<String>,
    /// `= help:` lines.
    pub help: Vec<String>,
}

impl Diagnostic {
    /// A diagnostic of `code` (which carries its severity) with a message.
    pub fn new(code: codes::Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: code.severity,
            code: code.code,
            message: message.into(),
            span: None,
            label: None,
            help: Vec::new(),
        }
    }

    /// Sets the location.
    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    /// Sets the label printed under the carets.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help.push(help.into());
        self
    }

    /// Adds "did you mean `x`?" when a close candidate exists.
    pub fn suggest<'a>(
        self,
        wrong: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        match did_you_mean(wrong, candidates) {
            Some(best) => self.help(format!("did you mean `{best}`?")),
            None => self,
        }
    }
}

/// The source line of a JSON diagnostic: whole up to 1,000 characters, else its
/// first 1,000 and an ellipsis (a pasted page on one line is not echoed in full).
fn json_source(line: &str) -> String {
    match line.char_indices().nth(1_000) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_string(),
    }
}

/// Sorts diagnostics by file, position, then code, so output is stable.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        let ka = a.span.map(|s| (s.file, s.start));
        let kb = b.span.map(|s| (s.file, s.start));
        ka.cmp(&kb)
            .then(a.code.cmp(b.code))
            .then(a.message.cmp(&b.message))
    });
}

/// The candidate closest to `wrong` by edit distance, if it is close enough.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (wrong.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (levenshtein(wrong, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// Edit distance between two strings, in characters.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Longest stretch of a source line shown before it is cut with `...`.
const MAX_LINE_WIDTH: usize = 100;

/// Prints diagnostics the way rustc does.
pub fn render_human(map: &SourceMap, diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        render_one(&mut out, map, d);
        out.push('\n');
    }
    out
}

/// Text a terminal shows as it is: control characters (ESC, CSI, OSC and the
/// rest of C0 and C1, but tab) and the bidirectional overrides written as
/// `\u{1b}`, so that a content file can neither retitle nor clear the
/// terminal nor reorder what a diagnostic shows.
pub fn terminal_safe(s: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !s.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn render_one(out: &mut String, map: &SourceMap, d: &Diagnostic) {
    let safe = terminal_safe;
    let _ = writeln!(
        out,
        "{}[{}]: {}",
        d.severity.as_str(),
        d.code,
        safe(&d.message)
    );
    let Some(span) = d.span else {
        for h in &d.help {
            let _ = writeln!(out, "  = help: {}", safe(h));
        }
        return;
    };
    let file = map.get(span.file);
    let (line, col) = file.line_col(span.start);
    let gutter = line.to_string().len();
    let pad = " ".repeat(gutter);
    let _ = writeln!(out, "{pad}--> {}:{line}:{col}", safe(&file.name));
    let text = file.line_text(line - 1);
    if !text.is_empty() || span.start != span.end {
        let line_start = file.line_start(line - 1);
        let s = span.start.saturating_sub(line_start).min(text.len());
        let e = span.end.saturating_sub(line_start).clamp(s, text.len());
        let (shown, caret_col, caret_len) = window(text, s, e);
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{line} | {shown}");
        let label = d
            .label
            .as_deref()
            .map(|l| format!(" {}", safe(l)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{pad} | {}{}{label}",
            " ".repeat(caret_col),
            "^".repeat(caret_len.max(1))
        );
    }
    for h in &d.help {
        let _ = writeln!(out, "{pad} = help: {}", safe(h));
    }
}

/// Cuts a long line around the byte range `s..e`; returns the text to show, the display
/// column of the caret and the caret width.
fn window(text: &str, s: usize, e: usize) -> (String, usize, usize) {
    // Spans computed from approximate positions may fall inside a character.
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (s, e) = (floor(s), floor(e));
    let e = e.max(s);
    let clean = |t: &str| terminal_safe(t).replace('\t', " ");
    let width = |t: &str| UnicodeWidthStr::width(clean(t).as_str());
    if width(text) <= MAX_LINE_WIDTH {
        return (clean(text), width(&text[..s]), width(&text[s..e]));
    }
    // A span wider than the window is shown by its start.
    let mut e = e;
    if width(&text[s..e]) > MAX_LINE_WIDTH / 2 {
        e = text[s..e]
            .char_indices()
            .map(|(i, _)| s + i)
            .find(|&i| width(&text[s..i]) >= MAX_LINE_WIDTH / 2)
            .unwrap_or(e);
    }
    let budget = MAX_LINE_WIDTH.saturating_sub(width(&text[s..e])) / 2;
    let mut from = s;
    while from > 0 && width(&text[from..s]) < budget.min(40) {
        from -= 1;
        while !text.is_char_boundary(from) {
            from -= 1;
        }
    }
    let mut to = e;
    while to < text.len() && width(&text[e..to]) < budget.min(40) {
        to += 1;
        while !text.is_char_boundary(to) {
            to += 1;
        }
    }
    let prefix = if from > 0 { "..." } else { "" };
    let suffix = if to < text.len() { "..." } else { "" };
    let shown = format!("{prefix}{}{suffix}", clean(&text[from..to]));
    (
        shown,
        prefix.len() + width(&text[from..s]),
        width(&text[s..e]),
    )
}

/// One JSON object per line, one line per diagnostic.
pub fn render_json(map: &SourceMap, diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let mut obj = serde_json::Map::new();
        obj.insert("severity".into(), d.severity.as_str().into());
        obj.insert("code".into(), d.code.into());
        obj.insert("message".into(), d.message.clone().into());
        if let Some(span) = d.span {
            let file = map.get(span.file);
            let (line, column) = file.line_col(span.start);
            let (end_line, end_column) = file.line_col(span.end);
            obj.insert("file".into(), file.name.clone().into());
            obj.insert("line".into(), line.into());
            obj.insert("column".into(), column.into());
            obj.insert("end_line".into(), end_line.into());
            obj.insert("end_column".into(), end_column.into());
            obj.insert(
                "source".into(),
                json_source(file.line_text(line - 1)).into(),
            );
        }
        if let Some(label) = &d.label {
            obj.insert("label".into(), label.clone().into());
        }
        obj.insert("help".into(), d.help.clone().into());
        out.push_str(&serde_json::Value::Object(obj).to_string());
        out.push('\n');
    }
    out
}

/// "2 errors, 1 warning" and the like ("…, 3 notes" when there are notes).
pub fn summary(diags: &[Diagnostic]) -> String {
    let count = |s: Severity| diags.iter().filter(|d| d.severity == s).count();
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let mut out = format!(
        "{}, {}",
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning")
    );
    if count(Severity::Note) > 0 {
        out.push_str(&format!(", {}", plural(count(Severity::Note), "note")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // Checks that the closest id is suggested and far ones are not.
    #[test]
    fn suggests_close_ids() {
        let ids = ["common-prosperity", "mass-line"];
        assert_eq!(
            did_you_mean("common-prosperty", ids),
            Some("common-prosperity")
        );
        assert_eq!(did_you_mean("xyz", ids), None);
    }

    // Checks the rustc-like layout, including the caret under wide characters.
    #[test]
    fn renders_like_rustc() {
        let mut map = SourceMap::default();
        let text = "---\nterm: x\n---\n共同 [[common-prosperty]] ok\n";
        let id = map.add("glossary/a.md".into(), "a".into(), text.into());
        let start = text.find("[[").unwrap();
        let d =
            Diagnostic::new(codes::E0301, "unknown cross-reference `common-prosperty`")
                .at(Span::new(id, start, start + 20))
                .label("no entry with this id")
                .help("did you mean `common-prosperity`?");
        let out = render_human(&map, &[d]);
        assert_eq!(
            out,
            "error[E0301]: unknown cross-reference `common-prosperty`\n \
             --> glossary/a.md:4:4\n  |\n4 | 共同 [[common-prosperty]] ok\n  |      \
             ^^^^^^^^^^^^^^^^^^^^ no entry with this id\n  = help: did you mean \
             `common-prosperity`?\n\n"
        );
    }

    // Checks that escape sequences and bidirectional overrides in content,
    // messages and help reach the terminal as visible text, and that the caret
    // still stands under the span.
    #[test]
    fn terminal_escapes_are_shown_not_run() {
        let mut map = SourceMap::default();
        let text = "title: \u{1b}]0;owned\u{7}x\u{9b}2J [[bad]] \u{202e}abc\n";
        let id = map.add("essays/\u{1b}[2Ja.md".into(), "a".into(), text.into());
        let start = text.find("[[").unwrap();
        let d = Diagnostic::new(codes::E0301, "unknown `\u{1b}[31mred`")
            .at(Span::new(id, start, start + 7))
            .label("\u{1b}c")
            .help("\u{9d}0;x\u{7}");
        let out = render_human(&map, &[d]);
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        assert!(!out.contains('\u{202e}'));
        assert!(
            out.contains("\\u{1b}]0;owned\\u{7}x\\u{9b}2J [[bad]]"),
            "{out}"
        );
        let lines: Vec<&str> = out.lines().collect();
        let source = lines.iter().find(|l| l.contains("[[bad]]")).unwrap();
        let caret = lines.iter().find(|l| l.contains('^')).unwrap();
        assert_eq!(source.find("[[bad]]"), caret.find('^'));
    }

    // Checks that long lines are cut around the span.
    #[test]
    fn cuts_long_lines() {
        let text = format!("{} [[bad]] {}", "a".repeat(200), "b".repeat(200));
        let s = text.find("[[").unwrap();
        let (shown, col, len) = window(&text, s, s + 7);
        assert!(shown.starts_with("...") && shown.ends_with("..."));
        assert_eq!(&shown[col..col + len], "[[bad]]");
    }
}
