//! Checks over the loaded model: each returns every finding, none stops at the first.

mod cite;
mod index;
mod limits;
mod parallel;
mod pinyin;
mod readers;
mod sources;
mod terminology;
mod terms;
mod xref;

use crate::diag::Diagnostic;
use crate::model::Project;
use crate::source::{FileId, SourceMap, Span};

pub use pinyin::pinyin_matches;
pub use terminology::location;

/// Runs every check.
pub fn check(project: &Project) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    xref::check(project, &mut diags);
    cite::check(project, &mut diags);
    sources::check(project, &mut diags);
    index::check(project, &mut diags);
    terminology::check(project, &mut diags);
    parallel::check(project, &mut diags);
    terms::check(project, &mut diags);
    readers::check(project, &mut diags);
    limits::check(project, &mut diags);
    diags
}

/// The span of `value` on the front-matter line `key: ...` of `file` (or of the key).
pub(crate) fn field_span(map: &SourceMap, file: FileId, key: &str, value: &str) -> Span {
    let f = map.get(file);
    for line in 0..f.line_count() {
        let text = f.line_text(line);
        if let Some(rest) = text.strip_prefix(key)
            && rest.trim_start().starts_with(':')
        {
            let start = f.line_start(line);
            return match text.find(value) {
                Some(i) if !value.is_empty() && i > key.len() => {
                    Span::new(file, start + i, start + i + value.len())
                }
                _ => Span::new(file, start, start + key.len()),
            };
        }
        if line > 0 && text.trim_end() == "---" {
            break;
        }
    }
    Span::new(file, 0, 0)
}
