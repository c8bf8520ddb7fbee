//! Parallel texts: the English and its Chinese original must align (E0210); an
//! empty block (W0213), Chinese left untranslated in the English (W0214), a
//! glossary term of the Chinese missing from its English segment (W0215), numbers
//! that differ between the two sides of a segment (W0216).

use std::collections::BTreeSet;

use crate::diag::{Diagnostic, codes};
use aho_corasick::AhoCorasick;

use crate::model::parallel::{Misalignment, Segment, kind};
use crate::model::{
    Block, Body, Document, Entry, Original, Project, inline_text_with, is_ideograph,
};
use crate::source::{FileId, Span};

pub(super) fn check(project: &Project, diags: &mut Vec<Diagnostic>) {
    let headwords = Headwords::new(project);
    for doc in project.documents.values() {
        let Some(original) = &doc.original else {
            continue;
        };
        match &original.alignment {
            Err(m) => misaligned(project, doc, original, m, diags),
            Ok(segments) => {
                for s in segments {
                    segment(project, &headwords, doc, original, s, diags);
                }
            }
        }
    }
}

/// E0210 where the two texts part, with the block on each side.
fn misaligned(
    project: &Project,
    doc: &Document,
    original: &Original,
    m: &Misalignment,
    diags: &mut Vec<Diagnostic>,
) {
    let side = |file: FileId, body: &Body, i: Option<usize>| match i {
        Some(i) => {
            let b = &body.blocks[i];
            let t = block_text(project, b);
            let text = format!("block {} ({}): {}", i + 1, kind(b), excerpt(&t));
            (text, first_line(project, block_span(body, file, i)))
        }
        None => {
            let end = project.sources.get(file).text.len();
            ("(ended)".to_string(), Span::new(file, end, end))
        }
    };
    let (en_text, en_span) = side(doc.file, &doc.body, m.en);
    let (zh_text, zh_span) = side(original.file, &original.body, m.zh);
    let en_name = &project.sources.get(doc.file).name;
    let zh_name = &project.sources.get(original.file).name;
    diags.push(
        Diagnostic::new(
            codes::E0210,
            format!("`{en_name}` and `{zh_name}` do not align: {}", m.reason),
        )
        .at(if m.en.is_some() { en_span } else { zh_span })
        .label("the texts part here")
        .help(format!("English {en_text}"))
        .help(format!("Chinese {zh_text}"))
        .help("blocks pair in order; `{{join}}` at the start of a block joins it to the segment before, `{{omit}}` marks a block with no counterpart"),
    );
}

/// The glossary's headwords, found in a Chinese text in one pass (the
/// automaton is built when the first segment asks).
struct Headwords<'p> {
    entries: Vec<&'p Entry>,
    /// Each Chinese form of each entry (an index into `entries`).
    forms: Vec<(usize, &'p str)>,
    automaton: std::cell::OnceCell<Result<AhoCorasick, String>>,
    /// Whether the automaton's failure was reported.
    reported: std::cell::Cell<bool>,
}

impl<'p> Headwords<'p> {
    fn new(project: &'p Project) -> Self {
        let entries: Vec<&Entry> = project
            .entries
            .values()
            .filter(|e| !e.hanzi.is_empty())
            .collect();
        let forms = entries
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.forms().into_iter().map(move |f| (i, f)))
            .collect();
        Self {
            entries,
            forms,
            automaton: std::cell::OnceCell::new(),
            reported: std::cell::Cell::new(false),
        }
    }

    /// The entries one of whose forms (hanzi, traditional, variants) stands
    /// in `zh`, each once, in glossary order, with the form found (none, and
    /// W0217 once, when the headwords cannot be searched for).
    fn in_text(
        &self,
        zh: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Vec<(&'p Entry, &'p str)> {
        let automaton = self.automaton.get_or_init(|| {
            AhoCorasick::new(self.forms.iter().map(|(_, f)| f)).map_err(|e| e.to_string())
        });
        let automaton = match automaton {
            Ok(a) => a,
            Err(e) => {
                if !self.reported.replace(true) {
                    diags.push(
                        Diagnostic::new(
                            codes::W0217,
                            format!("glossary terms in parallel texts not checked: {e}"),
                        )
                        .help("shorten the longest `hanzi` values; please report this"),
                    );
                }
                return Vec::new();
            }
        };
        let mut found: Vec<(usize, &'p str)> = Vec::new();
        for m in automaton.find_overlapping_iter(zh) {
            let (entry, form) = self.forms[m.pattern().as_usize()];
            if !found.iter().any(|(e, _)| *e == entry) {
                found.push((entry, form));
            }
        }
        found.sort_by_key(|(e, _)| *e);
        found
            .into_iter()
            .map(|(e, f)| (self.entries[e], f))
            .collect()
    }
}

/// The warnings of one segment.
fn segment(
    project: &Project,
    headwords: &Headwords,
    doc: &Document,
    original: &Original,
    s: &Segment,
    diags: &mut Vec<Diagnostic>,
) {
    let mut texts = |file: FileId, body: &Body, picked: &[usize]| {
        let texts: Vec<(String, Span)> = picked
            .iter()
            .map(|&i| {
                let at = first_line(project, block_span(body, file, i));
                (block_text(project, &body.blocks[i]), at)
            })
            .collect();
        empty_blocks(&texts, diags);
        texts
            .into_iter()
            .map(|(t, _)| t)
            .collect::<Vec<_>>()
            .join("\n")
    };
    let en = texts(doc.file, &doc.body, &s.en);
    let zh = texts(original.file, &original.body, &s.zh);
    if s.en.is_empty() || s.zh.is_empty() {
        return;
    }
    // `{{keep}}` opening a block of the English of a segment: the translator
    // keeps the segment as it is; its terminology and numbers are not checked
    // against the Chinese (a `{{keep}}` after brackets keeps one rendering).
    let kept = s.en.iter().any(|&i| {
        let span = block_span(&doc.body, doc.file, i);
        project
            .sources
            .get(span.file)
            .text
            .get(span.start..span.end)
            .is_some_and(|t| {
                t.trim_start_matches(|c: char| {
                    c.is_whitespace() || "#>-*+.0123456789".contains(c)
                })
                .starts_with(crate::model::KEEP)
            })
    });
    if kept {
        return;
    }
    let span = || first_line(project, block_span(&doc.body, doc.file, s.en[0]));
    if let Some(run) = untranslated(&en) {
        diags.push(
            Diagnostic::new(codes::W0214, format!("Chinese left untranslated in the English: {run}"))
                .at(span())
                .help("translate it; a key term may stay in brackets after its English, `Common Prosperity [共同富裕]`"),
        );
    }
    let norm = |s: &str| s.to_lowercase().replace('’', "'");
    let lower = norm(&en);
    for (e, form) in headwords.in_text(&zh, diags) {
        let rendered = std::iter::once(&e.term)
            .chain(&e.aliases)
            .any(|n| !n.is_empty() && lower.contains(&norm(n)));
        if !rendered {
            let message = format!(
                "the Chinese has {form}, but its English segment has no “{}”",
                e.term
            );
            diags.push(
                Diagnostic::new(codes::W0215, message)
                    .at(span())
                    .help(format!(
                        "render it as the glossary does: `[[{}]] [{form}]`",
                        e.id
                    )),
            );
        }
    }
    if let Some(d) = numbers_differ(&zh, &en) {
        diags.push(d.at(span()));
    }
}

/// W0213 for each empty block of one side of a segment.
fn empty_blocks(texts: &[(String, Span)], diags: &mut Vec<Diagnostic>) {
    for (_, at) in texts.iter().filter(|(t, _)| t.trim().is_empty()) {
        diags.push(
            Diagnostic::new(codes::W0213, "an empty block in a parallel text")
                .at(*at)
                .help("give the block its text, or delete it on both sides"),
        );
    }
}

/// Numbers the English says in a word of its own, each with the stems of
/// those words: 百年 is "a century", 一百年 "a centenary" (两个一百年, the Two
/// Centenary Goals), 千年 "a millennium", 十年 "a decade".
pub(crate) const NUMBER_WORDS: &[(u64, &[&str])] = &[
    (100, &["centenar", "centenni", "centur", "hundred"]),
    (1000, &["millenni", "thousand"]),
    (10, &["decade"]),
];

/// W0216 (not yet located) when the numbers of the two sides differ.
fn numbers_differ(zh: &str, en: &str) -> Option<Diagnostic> {
    let en = without_insertions(en);
    let (mut a, mut b) = (numbers_zh(zh), numbers_en(&en));
    let (named_a, named_b) = (named_digits(zh), named_digits(&en));
    b.extend(named_b.intersection(&a).copied().collect::<Vec<_>>());
    a.extend(named_a.intersection(&b).copied().collect::<Vec<_>>());
    let lower = en.to_lowercase();
    for (n, stems) in NUMBER_WORDS {
        if a.contains(n) && stems.iter().any(|w| lower.contains(w)) {
            b.insert(*n);
        }
    }
    if a == b {
        return None;
    }
    let only = |x: &BTreeSet<u64>, y: &BTreeSet<u64>| {
        x.difference(y)
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    Some(
        Diagnostic::new(
            codes::W0216,
            "the numbers of a segment differ between the two languages",
        )
        .help(format!("only in the Chinese: {}", or_none(&only(&a, &b))))
        .help(format!("only in the English: {}", or_none(&only(&b, &a)))),
    )
}

fn or_none(s: &str) -> &str {
    if s.is_empty() { "none" } else { s }
}

/// The words of a block, cross-references as they print.
fn block_text(project: &Project, b: &Block) -> String {
    let xref = |target: &str, label: Option<&str>| project.xref_words(target, label);
    let mut out = String::new();
    match b {
        Block::Para(c) | Block::Heading { content: c, .. } => {
            out.push_str(&inline_text_with(c, &xref))
        }
        Block::Quote(bs) => bs
            .iter()
            .for_each(|b| out.push_str(&block_text(project, b))),
        Block::List {
            items,
            ordered,
            start,
        } => {
            for (k, item) in items.iter().enumerate() {
                if *ordered {
                    // The number prints, and its original writes it (`（二）`).
                    out.push_str(&format!("{}. ", start + k));
                }
                item.iter().for_each(|b| {
                    out.push_str(&block_text(project, b));
                    out.push(' ');
                });
            }
        }
        Block::Table { header, rows, .. } => {
            header
                .iter()
                .chain(rows.iter().flatten())
                .for_each(|c| out.push_str(&inline_text_with(c, &xref)));
        }
        Block::Code(t) => out.push_str(t),
        Block::Figure(fig) => {
            out.push_str(&inline_text_with(&fig.caption, &xref));
            out.push(' ');
            out.push_str(&inline_text_with(&fig.source, &xref));
        }
        Block::Rule => {}
    }
    out
}

/// The first words of a text, for a message.
fn excerpt(t: &str) -> String {
    let t = t.trim();
    match t.char_indices().nth(60) {
        Some((i, _)) => format!("“{}…”", &t[..i]),
        None => format!("“{t}”"),
    }
}

/// Where block `i` of `body` was read (the file's start if the parser gave
/// no span, which it always does).
fn block_span(body: &Body, file: FileId, i: usize) -> Span {
    body.spans.get(i).copied().unwrap_or(Span::new(file, 0, 0))
}

/// The part of `span` on its first line (a table or a list is shown by its
/// first line).
fn first_line(project: &Project, span: Span) -> Span {
    let f = project.sources.get(span.file);
    let line = f.line_of(span.start);
    let line_end = f.line_start(line) + f.line_text(line).len();
    Span::new(
        span.file,
        span.start,
        span.end.min(line_end).max(span.start),
    )
}

/// A run of Chinese in the English longer than a bracketed term (seven
/// characters or more outside square brackets).
fn untranslated(en: &str) -> Option<String> {
    let mut depth = 0i32;
    let mut run = String::new();
    for c in en.chars() {
        // A term quoted in brackets or in parentheses after its rendering,
        // `overall leadership (坚持党的全面领导)`, is the translator's choice.
        match c {
            '[' | '(' | '（' | '［' | '【' => depth += 1,
            ']' | ')' | '）' | '］' | '】' => depth -= 1,
            _ => {}
        }
        if depth == 0 && is_ideograph(c) {
            run.push(c);
            if run.chars().count() >= 7 {
                return Some(run);
            }
        } else if !crate::model::is_han(c) {
            run.clear();
        }
    }
    None
}

/// The numbers of a Chinese text: Arabic digits and Chinese numerals (二十大 → 20,
/// 十四五 → 14 and 5); 1 is left out (一 is in too many words).
pub(crate) fn numbers_zh(s: &str) -> BTreeSet<u64> {
    let mut out = digits(s);
    let mut run = String::new();
    for c in s.chars().chain(std::iter::once(' ')) {
        if "〇零一二三四五六七八九十百千万两".contains(c) {
            run.push(c);
        } else if !run.is_empty() {
            out.extend(chinese_numerals(&run));
            run.clear();
        }
    }
    out.remove(&1);
    out
}

/// The numbers written in digits, but not those inside a name or code (COVID-19,
/// G20, 5G, H7N9: see [`named_digits`]).
fn digits(s: &str) -> BTreeSet<u64> {
    digit_runs(s, false)
}

/// The numbers inside names and codes: a digit run with a letter before it
/// (or a letter and a hyphen) or after it. They count only when the other
/// side has them (二十国集团, "the G20").
fn named_digits(s: &str) -> BTreeSet<u64> {
    digit_runs(s, true)
}

/// The numbers written in digits inside names (`named`) or outside them.
fn digit_runs(s: &str, named: bool) -> BTreeSet<u64> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = BTreeSet::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len()
            && (chars[i].is_ascii_digit()
                || chars[i] == ',' && chars.get(i + 1).is_some_and(char::is_ascii_digit))
        {
            i += 1;
        }
        let letter = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_alphabetic());
        let before = start.checked_sub(1).map(|b| &chars[b]);
        let in_name = letter(before)
            || before == Some(&'-') && letter(start.checked_sub(2).map(|b| &chars[b]))
            || letter(chars.get(i)) && !ordinal_suffix(&chars[i..]);
        if in_name == named {
            let n: String = chars[start..i].iter().filter(|c| **c != ',').collect();
            out.extend(n.parse::<u64>().ok());
        }
    }
    out
}

/// Whether letters after a number are an ordinal's (14th, 21st, 2nd, 3rd) or a
/// unit's (10km, 5pm) rather than a code's (5G).
fn ordinal_suffix(rest: &[char]) -> bool {
    let word: String = rest
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    [
        "st", "nd", "rd", "th", "s", "km", "kg", "am", "pm", "m", "bn", "mn", "tn",
    ]
    .contains(&word.to_lowercase().as_str())
}

/// The English without a translator's insertions in square brackets
/// (`[2021–2025]`, `[the plan]`): what the original does not say.
fn without_insertions(en: &str) -> String {
    let mut out = String::with_capacity(en.len());
    let mut depth = 0usize;
    for c in en.chars() {
        match c {
            '[' => depth += 1,
            ']' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// 二十 → 20, 十四五 → 14 and 5, 二〇二一 → 2021.
fn chinese_numerals(run: &str) -> Vec<u64> {
    let digit = |c: char| {
        "〇一二三四五六七八九"
            .find(c)
            .map(|i| (i / 3) as u64)
            .or(match c {
                '零' => Some(0),
                '两' => Some(2),
                _ => None,
            })
    };
    let unit = |c: char| match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1000),
        '万' => Some(10_000),
        _ => None,
    };
    // 二〇二一: a number written digit by digit (a year has 〇, or three digits).
    let spelled = run.contains(['〇', '零']) || run.chars().count() >= 3;
    if !run.chars().any(|c| unit(c).is_some()) && spelled {
        let n: String = run
            .chars()
            .filter_map(|c| digit(c).map(|d| d.to_string()))
            .collect();
        return n.parse().into_iter().collect();
    }
    let mut out = Vec::new();
    let (mut total, mut current): (u64, Option<u64>) = (0, None);
    let mut seen = false;
    for c in run.chars() {
        if let Some(d) = digit(c) {
            if let Some(prev) = current {
                // Two digits in a row after a unit: a new number (十四五).
                out.push(total + prev);
                total = 0;
            }
            current = Some(d);
            seen = true;
        } else if let Some(u) = unit(c) {
            total += current.take().unwrap_or(1) * u;
            seen = true;
        }
    }
    if seen {
        out.push(total + current.unwrap_or(0));
    }
    out
}

/// English numbers in words, 0 to 19.
const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
/// English ordinals in words, 0th to 19th.
const ORDINALS: [&str; 20] = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];
/// English tens in words, by tens.
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// The number an English word says ("seven", "seventh", "seventy",
/// "seventieth").
fn number_word(w: &str) -> Option<u64> {
    let w = w.to_lowercase();
    if let Some(i) = UNITS.iter().position(|u| *u == w) {
        return Some(i as u64);
    }
    if let Some(i) = ORDINALS.iter().position(|u| *u == w) {
        return Some(i as u64);
    }
    let stem = w.strip_suffix("ieth").map(|s| format!("{s}y"));
    let w = stem.as_deref().unwrap_or(&w);
    TENS.iter()
        .position(|t| !t.is_empty() && *t == w)
        .map(|i| i as u64 * 10)
}

/// The numbers of an English text: digits and number words, cardinal or ordinal
/// ("Twentieth", "Five-Year", "twenty-first"); 1 is left out.
pub(crate) fn numbers_en(s: &str) -> BTreeSet<u64> {
    let word = number_word;
    let mut out = digits(s);
    for w in s.split(|c: char| !c.is_alphabetic() && c != '-') {
        let parts: Vec<&str> = w.split('-').collect();
        match parts.as_slice() {
            [tens, unit] if word(tens).is_some_and(|t| t >= 20) => {
                if let (Some(t), Some(u)) = (word(tens), word(unit)) {
                    out.insert(t + u);
                }
            }
            _ => out.extend(parts.iter().filter_map(|p| word(p))),
        }
    }
    out.extend(roman_numerals(s));
    out.remove(&1);
    out.remove(&0);
    out
}

/// Roman numerals that number a part or item, `III.` or `(IV)`: capitals
/// that open their line, followed by a full stop or a closing parenthesis (an
/// initial inside a name, `Elizabeth C. Economy`, is no number).
fn roman_numerals(s: &str) -> Vec<u64> {
    let value = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        _ => None,
    };
    let mut out = Vec::new();
    for line in s.lines() {
        let opening = line.trim_start_matches(|c: char| !c.is_alphanumeric());
        let w = opening
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let after = opening[w.len()..].chars().next();
        let digits: Option<Vec<u64>> = w.chars().map(value).collect();
        let (Some(digits), Some('.' | ')')) = (digits, after) else {
            continue;
        };
        // Subtractive notation: a smaller digit before a larger one counts less.
        let n = digits.iter().enumerate().fold(0i64, |n, (k, &d)| {
            let larger_next = digits.get(k + 1).is_some_and(|&e| e > d);
            if larger_next {
                n - d as i64
            } else {
                n + d as i64
            }
        });
        out.extend(u64::try_from(n).ok().filter(|&n| n > 0));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // Checks numbers on both sides: Chinese numerals, digits, number words.
    #[test]
    fn numbers_match_across_languages() {
        assert_eq!(
            numbers_zh("十四五规划和二十大，2021年"),
            [5, 14, 20, 2021].into()
        );
        assert_eq!(
            numbers_en("the Fourteenth Five-Year Plan, the Twentieth Congress, 2021"),
            [5, 14, 20, 2021].into()
        );
        assert_eq!(numbers_zh("四个全面"), [4].into());
        assert_eq!(numbers_en("Four Comprehensives"), [4].into());
        assert_eq!(numbers_zh("二〇二一年"), [2021].into());
        assert_eq!(numbers_en("the twenty-first century"), [21].into());
        assert_eq!(numbers_zh("统一一律"), BTreeSet::new());
        assert_eq!(numbers_zh("三、必须遵循的原则"), [3].into());
        assert_eq!(numbers_en("III. Guiding Principles"), [3].into());
        assert_eq!(numbers_en("(XIV) Items\nIX. More"), [9, 14].into());
        assert_eq!(
            numbers_en("As I said, Elizabeth C. Economy. V."),
            BTreeSet::new()
        );
        assert!(numbers_differ("两个一百年", "the Two Centenary Goals").is_none());
        // 百年 is a century; numbers inside names and codes are not numbers
        // of the text; a translator's bracketed insertion is not the original's.
        assert!(
            numbers_differ("百年未有之大变局", "great changes unseen in a century")
                .is_none()
        );
        assert!(numbers_differ("新冠肺炎疫情", "the COVID-19 epidemic").is_none());
        assert!(
            numbers_differ("二十国集团和5G网络", "the G20 and 5G networks").is_none()
        );
        assert!(
            numbers_differ("“十四五”规划", "the 14th Five-Year Plan [2021–2025]")
                .is_none()
        );
        assert!(numbers_differ("千年大计", "a plan for the millennium").is_none());
        assert!(numbers_differ("十年", "a decade").is_none());
        assert!(numbers_differ("2035年", "by 2030").is_some());
        assert!(numbers_differ("二十一世纪", "the twenty-first century").is_none());
        assert!(
            numbers_differ("（二）强化原始创新", "2. Strengthen original innovation")
                .is_none()
        );
        assert_eq!(
            untranslated(
                "overall leadership (坚持党的全面领导), Chinese （坚持党的全面领导）"
            ),
            None
        );
    }
}
