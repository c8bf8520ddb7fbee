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

/// The window of a list of `items` before `end`: "look in the mirror,
/// straighten their clothes, take a bath and treat illnesses" for
/// 照镜子、正衣冠、洗洗澡、治治病. The items are parted by commas, the last
/// perhaps by "and" or "or" instead; the first item is a phrase like any other
/// (the words before it, "were asked to", are not the rendering). None when
/// the English does not list as many items.
fn list_window(text: &str, start: usize, end: usize, items: usize) -> Option<Window> {
    let mut words = words_back(text, start, end, MAX_WORDS * items, None, items - 1);
    let from = words.first()?.start;
    let commas: Vec<usize> = text[from..end]
        .match_indices([',', ';'])
        .map(|(i, _)| from + i)
        .collect();
    let last = &text[commas.last().copied().unwrap_or(from)..end];
    let joined = [" and ", " or "].iter().any(|j| last.contains(j));
    let wanted = items - 1 - usize::from(joined);
    if commas.len() < wanted || wanted == 0 && !joined {
        return None;
    }
    // The first item ends at the first of the last `wanted` commas (or, with
    // no comma, at "and").
    let first_end = match commas.len().checked_sub(wanted).and_then(|k| commas.get(k)) {
        Some(c) => *c,
        None => from + last.find(" and ").or_else(|| last.find(" or "))?,
    };
    let first_start = commas
        .iter()
        .rev()
        .find(|c| **c < first_end)
        .map_or(from, |c| c + 1);
    let first: Vec<&Word> = words
        .iter()
        .filter(|w| w.start >= first_start && w.end <= first_end)
        .collect();
    let raw: Vec<&str> = first.iter().map(|w| w.text.as_str()).collect();
    let norm: Vec<String> = raw.iter().map(|w| norm_word(w)).collect();
    let keep = phrase_len(&raw, &norm).max(1);
    let begin = first.get(first.len().saturating_sub(keep))?.start;
    words.retain(|w| w.start >= begin);
    let base = words.first()?.start;
    Some(Window {
        source: text[base..end].to_string(),
        words,
        xref: false,
        quoted: true,
        base,
    })
}

/// How many items the bracketed Chinese at `open` lists (parted by 、).
fn list_items(text: &str, open: usize) -> usize {
    let inner = text[open..]
        .chars()
        .skip(1)
        .take_while(|c| !matches!(c, ']' | ')' | '）' | '］' | '】'));
    inner.filter(|c| *c == '、').count() + 1
}

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
    // 照镜子、正衣冠、洗洗澡、治治病: a list of four, rendered as a list of four.
    let items = list_items(text, open);
    if items > 1
        && quote_open.is_none()
        && let Some(window) = list_window(text, start, end, items)
    {
        return Some(window);
    }
    let limit = if quote_open.is_some() { 16 } else { MAX_WORDS };
    let words = words_back(text, start, end, limit, quote_open, 0);
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
    mut commas: usize,
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
        // A list's items are parted by commas: the window runs back through
        // as many as the Chinese list has 、.
        if word_len == 0
            && commas > 0
            && !words.is_empty()
            && before.ends_with([',', ';'])
        {
            commas -= 1;
            let rest = &before[..before.len() - 1];
            at -= 1 + (rest.len() - rest.trim_end_matches([' ', '\t', '\n']).len());
            continue;
        }
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
    // Adverbs: they stand before a phrase, never open one ("once more of
    // the national innovation systems").
    "once",
    "again",
    "also",
    "even",
    "still",
    "often",
    "only",
    "now",
    "then",
    "here",
    "there",
    "much",
    "very",
    "already",
    "instead",
    "more",
    "most",
    "less",
    "just",
    "thus",
    "hence",
    "however",
    "therefore",
    "further",
];

/// Words that join the parts of one noun phrase ("community with a shared
/// future for mankind", "reform and opening", "great rejuvenation of the
/// Chinese nation"): a phrase runs on through them when a word that is no
/// stop word stands before.
const JOINS: &[&str] = &[
    "of", "for", "and", "with", "in", "on", "to", "against", "over",
];

/// Articles a phrase may hold after a joining word ("with a shared future").
const ARTICLES: &[&str] = &["a", "an", "the"];

/// Verbs that stand before a rendering in running text ("the Party pursues
/// reform and opening"): a phrase does not run back through them. These are
/// rarely nouns of a rendering, and are stops in any form.
const VERBS: &[&str] = &[
    "accelerate",
    "achieve",
    "adhere",
    "advocate",
    "announce",
    "build",
    "combat",
    "curb",
    "declare",
    "deepen",
    "describe",
    "discuss",
    "emphasise",
    "emphasize",
    "enhance",
    "ensure",
    "follow",
    "foster",
    "highlight",
    "implement",
    "improve",
    "insist",
    "maintain",
    "master",
    "mobilise",
    "mobilize",
    "monitor",
    "oppose",
    "persist",
    "praise",
    "prevent",
    "promote",
    "propose",
    "protect",
    "pursue",
    "realise",
    "realize",
    "resolve",
    "safeguard",
    "seek",
    "serve",
    "speak",
    "strengthen",
    "tackle",
    "uphold",
    "urge",
    "must",
    "should",
    "shall",
    "will",
    "would",
    "can",
    "could",
    "may",
    "might",
    "has",
    "have",
    "had",
    "does",
    "did",
    "do",
    // Irregular past forms.
    "began",
    "brought",
    "built",
    "fought",
    "gave",
    "held",
    "kept",
    "led",
    "made",
    "sought",
    "took",
    "won",
];

/// Verbs that are as often nouns of a rendering (State Council, Red Guards,
/// study sessions): stops only in a form of their own, lowercase, that ends in
/// `-s` or `-ed` after a subject ("the report stresses", "it names").
const VERBS_INFLECTED: &[&str] = &[
    "advance",
    "adopt",
    "apply",
    "call",
    "check",
    "cite",
    "complete",
    "consider",
    "continue",
    "coordinate",
    "define",
    "demand",
    "develop",
    "drive",
    "examine",
    "fight",
    "focus",
    "guard",
    "hold",
    "keep",
    "launch",
    "lead",
    "learn",
    "make",
    "manage",
    "mention",
    "name",
    "note",
    "push",
    "quote",
    "raise",
    "rally",
    "reach",
    "read",
    "regard",
    "remain",
    "require",
    "review",
    "say",
    "secure",
    "see",
    "set",
    "state",
    "steer",
    "stick",
    "stress",
    "study",
    "support",
    "take",
    "treat",
    "unite",
    "use",
    "view",
    "write",
];

/// Verbs and the particle that follows them ("leaders call for", "guard
/// against"): the particle does not join the verb to the rendering after it.
const PHRASAL: &[(&str, &str)] = &[
    ("aim", "at"),
    ("call", "for"),
    ("depend", "on"),
    ("fight", "against"),
    ("fight", "for"),
    ("focus", "on"),
    ("guard", "against"),
    ("hold", "to"),
    ("insist", "on"),
    ("lead", "to"),
    ("look", "at"),
    ("push", "for"),
    ("rally", "around"),
    ("rely", "on"),
    ("stand", "for"),
    ("stick", "to"),
    ("strive", "for"),
    ("work", "for"),
    ("work", "on"),
];

/// Whether a word before a joining word is a participle ("devoted to",
/// "based on", "committed to"): it does not join what follows to a phrase.
fn participle(w: &str) -> bool {
    const NOUNS: &[&str] = &[
        "need", "speed", "seed", "creed", "deed", "feed", "greed", "bed", "red",
    ];
    w.len() > 4 && w.ends_with("ed") && !NOUNS.contains(&w)
}

/// Whether a word, as written (`raw`) and normalised (`w`: "stresses" as
/// "stresse", "studies" as "study"), is a verb before a rendering.
fn is_verb(raw: &str, w: &str) -> bool {
    if raw.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let stems = [
        Some(w),
        w.strip_suffix('s'),
        w.strip_suffix("es"),
        w.strip_suffix('e'),
        w.strip_suffix("ed"),
        w.strip_suffix('d'),
    ];
    let stems: Vec<&str> = stems
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect();
    if stems.iter().any(|s| VERBS.contains(s)) {
        return true;
    }
    let raw = raw.to_lowercase();
    (raw.ends_with('s') || raw.ends_with("ed"))
        && stems.iter().any(|s| VERBS_INFLECTED.contains(s))
}

/// The phrase a term not in the glossary is rendered by: the whole noun
/// phrase before the bracket (content words, and joining words between them),
/// or the cross-reference.
pub(super) fn phrase(w: &Window) -> Option<(String, usize, usize)> {
    if w.xref || w.quoted {
        let (a, b) = w.last(w.len());
        return Some((w.text(a, b), a, b));
    }
    let raw: Vec<&str> = w.words.iter().map(|x| x.text.as_str()).collect();
    let words: Vec<String> = raw.iter().map(|x| norm_word(x)).collect();
    let n = phrase_len(&raw, &words);
    if n == 0 {
        return None;
    }
    let (a, b) = w.last(n);
    Some((w.text(a, b), a, b))
}

/// How many of the last words (as written, and normalised) make the phrase.
fn phrase_len(raw: &[&str], words: &[String]) -> usize {
    let len = words.len();
    let stop = |i: usize| {
        let w = words[len - 1 - i].as_str();
        STOP.contains(&w) || is_verb(raw[len - 1 - i], w)
    };
    let mut n = 0;
    let join = |i: usize| JOINS.contains(&words[len - 1 - i].as_str());
    loop {
        while n < len && !stop(n) && !join(n) {
            n += 1;
        }
        if n == 0 {
            return 0;
        }
        let mut m = n;
        while m < len && ARTICLES.contains(&words[len - 1 - m].as_str()) {
            m += 1;
        }
        let joins = m < len && JOINS.contains(&words[len - 1 - m].as_str());
        let phrasal = |i: usize| {
            let verb = words[len - 1 - i - 1].as_str();
            PHRASAL.contains(&(verb, words[len - 1 - i].as_str())) || participle(verb)
        };
        if joins && m + 1 < len && !stop(m + 1) && !phrasal(m) {
            n = m + 1;
        } else {
            return n;
        }
    }
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
