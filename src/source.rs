//! Source files of a content folder: their text, and spans into it.
//!
//! The loader is the only code that reads content files; everything later refers
//! to text through a [`Span`] and asks the [`SourceMap`] for lines and columns
//! only when a diagnostic is printed.

use std::path::{Path, PathBuf};

/// Index of a file in the [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// The file the range is in.
    pub file: FileId,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span covering `start..end` of `file`.
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        Span { file, start, end }
    }
}

/// One loaded file.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the content folder, with `/` separators (what diagnostics print).
    pub name: String,
    /// Path on disk.
    pub path: PathBuf,
    /// The text (empty when the file could not be decoded).
    pub text: String,
    /// Byte offsets of line starts.
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// The 0-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The text of 0-based line `line`, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        let end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// Byte offset of the start of 0-based line `line` (clamped to the end of the text).
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len())
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 1-based line and 1-based column (in characters) of byte `offset`.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let col = self.text[start..offset].chars().count();
        (line + 1, col + 1)
    }

    /// Byte offset of 1-based `line` and 1-based byte `column` (as comrak reports them).
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let start = self.line_start(line.saturating_sub(1));
        self.floor_char_boundary((start + column.saturating_sub(1)).min(self.text.len()))
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while offset > 0 && !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

/// All files read for one run.
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// Adds a file and returns its id.
    pub fn add(&mut self, name: String, path: PathBuf, text: String) -> FileId {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        if line_starts.len() > 1 && line_starts.last() == Some(&text.len()) {
            line_starts.pop();
        }
        let id = FileId(self.files.len() as u32);
        self.files.push(SourceFile {
            name,
            path,
            text,
            line_starts,
        });
        id
    }

    /// Whether a file of this name (relative to the content folder) was read, even
    /// if it could not be loaded.
    pub fn has_file(&self, name: &str) -> bool {
        self.files.iter().any(|f| f.name == name)
    }

    /// The file with id `id`.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// The text covered by `span`.
    pub fn snippet(&self, span: Span) -> &str {
        let text = &self.get(span.file).text;
        text.get(span.start..span.end).unwrap_or("")
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no file was read.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// The display name of `path` relative to `root`, with `/` separators.
pub fn display_name(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    // Checks that lines and character columns are computed from byte offsets.
    #[test]
    fn line_col_counts_characters() {
        let mut map = SourceMap::default();
        let id = map.add("a.md".into(), "a.md".into(), "ab\n新发展 x\n".into());
        let f = map.get(id);
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        let x = f.text.find('x').unwrap();
        assert_eq!(f.line_col(x), (2, 5));
        assert_eq!(f.line_text(1), "新发展 x");
        assert_eq!(f.offset_of(2, 1), 3);
    }
}
