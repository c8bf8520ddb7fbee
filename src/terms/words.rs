//! The words before a bracket, and the parts of a text the checks leave alone.

use crate::model::Project;

/// Byte ranges of a body that some checks skip.
#[derive(Debug, Default)]
pub(super) struct Exempt {
    /// Quotations in quotation marks.
    quotes: Vec<(usize, usize)>,
    /// Block quotation lines.
    blocks: Vec<(usize, usize)>,
    /// Code spans and fenced code.
    code: Vec<(usize, usize)>,
}

fn within(ranges: &[(usize, usize)], at: usize) -> bool {
    ranges.iter().any(|&(a, b)| a <= at && at < b)
}

impl Exempt {
    /// Inside a quotation of any kind (or code): someone else's words.
    pub(super) fn quoted(&self, at: usize) -> bool {
        within(&self.quotes, at) || self.block_quoted(at) || self.code(at)
    }

    /// Inside a block quotation.
    pub(super) fn block_quoted(&self, at: usize) -> bool {
        within(&self.blocks, at)
    }

    /// Inside code.
    pub(super) fn code(&self, at: usize) -> bool {
        within(&self.code, at)
    }
}

/// The quotations, block quotations and code of the text from `start`.
pub(super) fn exempt_ranges(text: &str, start: usize) -> Exempt {
    let mut ex = Exempt::default();
    let mut fenced = false;
    let mut at = start;
    let mut para_start = start;
    for line in text[start..].split_inclusive('\n') {
        let trimmed = line.trim_start();
        let (a, b) = (at, at + line.len());
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
            ex.code.push((a, b));
        } else if fenced {
            ex.code.push((a, b));
        } else {
            if trimmed.starts_with('>') {
                ex.blocks.push((a, b));
            }
            code_spans(line, a, &mut ex.code);
        }
        if trimmed.trim().is_empty() {
            quotations(&text[para_start..a], para_start, &mut ex.quotes);
            para_start = b;
        }
        at = b;
    }
    quotations(
        &text[para_start..at.min(text.len())],
        para_start,
        &mut ex.quotes,
    );
    ex
}

fn code_spans(line: &str, base: usize, out: &mut Vec<(usize, usize)>) {
    let ticks: Vec<usize> = line.match_indices('`').map(|(i, _)| i).collect();
    for pair in ticks.chunks(2) {
        if let [a, b] = pair {
            out.push((base + a, base + b + 1));
        }
    }
}

/// “Curly” and "straight" quotations of one paragraph.
fn quotations(para: &str, base: usize, out: &mut Vec<(usize, usize)>) {
    let mut open: Option<usize> = None;
    for (i, c) in para.char_indices() {
        match c {
            '“' => open = Some(i),
            '”' => {
                if let Some(a) = open.take() {
                    out.push((base + a, base + i + c.len_utf8()));
                }
            }
            _ => {}
        }
    }
    let straight: Vec<usize> = para.match_indices('"').map(|(i, _)| i).collect();
    for pair in straight.chunks(2) {
        if let [a, b] = pair {
            out.push((base + a, base + b + 1));
        }
    }
}

/// One word of the window: its text and where it is. A cross-reference is one
/// item whose text is the words it prints.
#[derive(Debug, Clone)]
struct Word {
    text: String,
    start: usize,
    end: usize,
}

/// The words right before a bracket, in reading order.
#[derive(Debug, Clone)]
pub(super) struct Window {
    words: Vec<Word>,
    /// The words came from a cross-reference.
    xref: bool,
    /// The words are a quotation closed right before the bracket: all of them
    /// are the rendering.
    quoted: bool,
    /// The source text of the window, for quoting the words as written.
    source: String,
    /// Where `source` begins in the file.
    base: usize,
}

/// The most words a rendering is looked for in.
const MAX_WORDS: usize = 8;

/// The words before the bracket at `open` (back to punctuation, a paragraph
/// break, or eight words), or `None` when nothing but punctuation precedes it.
pub(super) fn window_before(
    project: &Project,
    text: &str,
    start: usize,
    open: usize,
) -> Option<Window> {
    let head = &text[start..open];
    let trimmed = head.trim_end_matches([' ', '\t', '\n', '”', '"', '’', '*', '_']);
    let end = start + trimmed.len();
    if trimmed.ends_with("]]") {
        let a = start + trimmed.rfind("[[")?;
        return Some(xref_window(project, &text[a + 2..end - 2], a, end));
    }
    // "controlled by others" [受制于人]: the quotation is the rendering.
    let quote = head[..head.trim_end().len()].ends_with(['”', '"']);
    let quote_open = quote
        .then(|| trimmed.rfind(['“', '"']).map(|q| start + q + 1))
        .flatten();
    let limit = if quote_open.is_some() { 16 } else { MAX_WORDS };
    let words = words_back(text, start, end, limit, quote_open);
    let base = words.first()?.start;
    Some(Window {
        source: text[base..end].to_string(),
        words,
        xref: false,
        quoted: quote_open.is_some_and(|q| base == q),
        base,
    })
}

/// The window of a cross-reference `[[inner]]` (from `a` to `end`): the words
/// it prints.
fn xref_window(project: &Project, inner: &str, a: usize, end: usize) -> Window {
    let (id, label) = match inner.split_once('|') {
        Some((i, l)) => (i.trim(), Some(l.trim())),
        None => (inner.trim(), None),
    };
    let printed = project.xref_words(id, label);
    Window {
        words: printed
            .split_whitespace()
            .map(|w| Word {
                text: w.to_string(),
                start: a,
                end,
            })
            .collect(),
        xref: true,
        quoted: false,
        source: printed,
        base: a,
    }
}

/// Up to `limit` words of `text[start..end]` read back from `end`, in reading
/// order: they stop at punctuation, a paragraph break, or the opening quotation
/// mark at `quote_open`.
fn words_back(
    text: &str,
    start: usize,
    end: usize,
    limit: usize,
    quote_open: Option<usize>,
) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut at = end;
    while words.len() < limit && quote_open.is_none_or(|q| at > q) {
        let before = &text[start..at];
        let word_len: usize = before
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '’' | '\''))
            .map(char::len_utf8)
            .sum();
        if word_len == 0 {
            break;
        }
        words.push(Word {
            text: before[before.len() - word_len..].to_string(),
            start: at - word_len,
            end: at,
        });
        let rest = &before[..before.len() - word_len];
        let gap = rest.len() - rest.trim_end_matches([' ', '\t', '\n']).len();
        if gap == 0 || rest[rest.len() - gap..].matches('\n').count() > 1 {
            break;
        }
        at -= word_len + gap;
    }
    words.reverse();
    words
}

impl Window {
    /// The words, compared as [`key`] does.
    pub(super) fn keys(&self) -> Vec<String> {
        self.words
            .iter()
            .flat_map(|w| w.text.split_whitespace().map(norm_word))
            .collect()
    }

    /// Number of words.
    pub(super) fn len(&self) -> usize {
        self.words.len()
    }

    /// The span of the last `n` words.
    pub(super) fn last(&self, n: usize) -> (usize, usize) {
        let n = n.clamp(1, self.words.len());
        let first = &self.words[self.words.len() - n];
        (first.start, self.words[self.words.len() - 1].end)
    }

    /// The words between two offsets as written (emphasis marks left out); a
    /// cross-reference gives the words it prints.
    pub(super) fn text(&self, a: usize, b: usize) -> String {
        if self.xref {
            return self.source.clone();
        }
        let s = &self.source[a - self.base..b - self.base];
        s.replace(['*', '_'], "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The span of the longest of `names` the window ends with (case, plural and
    /// possessive endings aside).
    pub(super) fn ends_with_any(&self, names: &[&str]) -> Option<(usize, usize)> {
        let mine: Vec<String> = self.words.iter().map(|w| norm_word(&w.text)).collect();
        names
            .iter()
            .map(|n| n.split_whitespace().map(norm_word).collect::<Vec<_>>())
            .filter(|n| !n.is_empty() && n.len() <= mine.len())
            .filter(|n| mine[mine.len() - n.len()..] == n[..])
            .map(|n| self.last(n.len()))
            .max_by_key(|(a, b)| b - a)
    }
}

/// Words a phrase does not begin with: articles, determiners, prepositions,
/// verbs that introduce a name.
const STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "its",
    "their",
    "his",
    "her",
    "our",
    "to",
    "for",
    "in",
    "on",
    "at",
    "by",
    "with",
    "from",
    "as",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "called",
    "so-called",
    "termed",
    "named",
    "known",
    "what",
    "which",
    "who",
    "calls",
    "call",
    "into",
    "about",
    "toward",
    "towards",
    "under",
    "over",
    "between",
    "through",
    "than",
    "and",
    "or",
    "of",
];

/// The phrase a term not in the glossary is rendered by: the words after the last
/// stop word, up to six, or the cross-reference.
pub(super) fn phrase(w: &Window) -> Option<(String, usize, usize)> {
    if w.xref || w.quoted {
        let (a, b) = w.last(w.len());
        return Some((w.text(a, b), a, b));
    }
    let mut n = 0;
    for word in w.words.iter().rev() {
        if n > 0 && (n >= 6 || STOP.contains(&norm_word(&word.text).as_str())) {
            break;
        }
        if n == 0 && STOP.contains(&norm_word(&word.text).as_str()) {
            return None;
        }
        n += 1;
    }
    let (a, b) = w.last(n);
    Some((w.text(a, b), a, b))
}

/// A word for comparison: lowercase, typographic apostrophes straight, without a
/// possessive or plural ending.
fn norm_word(w: &str) -> String {
    let w = w.to_lowercase().replace('’', "'");
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("s'"))
        .unwrap_or(&w);
    if let Some(stem) = w.strip_suffix("ies").filter(|s| s.len() > 2) {
        return format!("{stem}y");
    }
    let w = match w.strip_suffix('s') {
        Some(stem) if stem.len() > 2 && !stem.ends_with('s') => stem,
        _ => w,
    };
    w.to_string()
}

/// Number of words.
pub(super) fn count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// What makes two renderings the same: words compared as [`norm_word`] does,
/// quotation marks and a leading article aside.
pub fn key(s: &str) -> String {
    let words: Vec<String> = s
        .split_whitespace()
        .map(|w| norm_word(w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')))
        .filter(|w| !w.is_empty())
        .collect();
    let skip = usize::from(
        words
            .first()
            .is_some_and(|w| ["the", "a", "an"].contains(&w.as_str())),
    );
    words[skip..].join(" ")
}
