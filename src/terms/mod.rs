//! Terminology: how the content renders Chinese terms in English.
//!
//! Every bracketed Chinese term of the glossary entries, translations and essays
//! (`shared wealth [共同富裕]`) is found with the English words before it — the
//! printed words of a cross-reference (`[[common-prosperity]] [共同富裕]`) or the
//! words of the text — and every phrase an entry lists under `avoid:`. The model
//! keeps no spans for running text, so this is read from the source of each body
//! (after its front matter): a concordance, like a translator's QA tool, not a
//! second parse of the content's meaning. Glossary terms are recognised in one
//! pass per bracket with aho-corasick (leftmost-longest), avoided phrases in one
//! pass per file. `check` warns from the result (W0210–W0212); `terms` prints it.

mod words;

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::model::KEEP;
use crate::model::{EntryId, Project, is_han, is_ideograph};
use crate::source::{FileId, Span};
use words::{Window, exempt_ranges, phrase, window_before};

/// One bracketed Chinese term in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Use {
    /// The characters in the brackets.
    pub hanzi: String,
    /// The glossary entry whose `hanzi`, `traditional` or variant they are.
    pub entry: Option<EntryId>,
    /// The glossary entry one of whose forms stands inside them, when they
    /// are a longer formulation (扎实推进共同富裕 holds 共同富裕).
    pub within: Option<EntryId>,
    /// The English before the brackets, if any.
    pub rendering: Option<Rendering>,
    /// Where `[汉字]` is.
    pub bracket: Span,
    /// Marked `{{keep}}`, or inside a block quotation: not checked.
    pub exempt: bool,
}

/// The English words that render a bracketed term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendering {
    /// The words, as printed (a cross-reference's term or label).
    pub text: String,
    /// Where they are.
    pub span: Span,
    /// Whether they are the entry's term or one of its aliases.
    pub accepted: bool,
    /// The words before the bracket the rendering was taken from (up to eight,
    /// compared as [`rendering_key`] does): another rendering that they end with
    /// is the same rendering ("others" and "controlled by others").
    pub context: Vec<String>,
}

/// A phrase an entry says to avoid, found in a translation or essay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Avoided {
    /// The entry that lists it.
    pub entry: EntryId,
    /// The phrase as listed.
    pub phrase: String,
    /// Where it is in the text.
    pub span: Span,
}

/// What the content's text says of its terms.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    /// Every bracketed Chinese term, in file order.
    pub uses: Vec<Use>,
    /// Every avoided phrase outside quotations.
    pub avoided: Vec<Avoided>,
}

/// One body to read: its file, where its text begins, and whether the avoided
/// phrases apply (translations and essays).
struct Source {
    file: FileId,
    start: usize,
    documents: bool,
}

/// Reads the brackets and avoided phrases of every entry and document; an
/// error when the glossary's terms cannot be searched for (more than the
/// automaton's limits).
pub fn scan(project: &Project) -> Result<Scan, String> {
    let mut sources: Vec<Source> = project
        .entries
        .values()
        .map(|e| Source {
            file: e.file,
            start: e.body_start,
            documents: false,
        })
        .chain(project.documents.values().map(|d| Source {
            file: d.file,
            start: d.body_start,
            documents: true,
        }))
        .collect();
    sources.sort_by(|a, b| {
        let name = |s: &Source| project.sources.get(s.file).name.clone();
        name(a).cmp(&name(b))
    });
    let glossary = Glossary::new(project)?;
    let mut out = Scan::default();
    for s in &sources {
        let text = &project.sources.get(s.file).text;
        let start = s.start.min(text.len());
        let exempt = exempt_ranges(text, start);
        brackets(
            project,
            &glossary,
            s.file,
            text,
            start,
            &exempt,
            &mut out.uses,
        );
        if s.documents {
            glossary.avoided(s.file, text, start, &exempt, &mut out.avoided);
        }
    }
    Ok(out)
}

/// The glossary's Chinese terms and avoided phrases, as automata.
struct Glossary {
    /// Every `hanzi` and `traditional`.
    hanzi: AhoCorasick,
    /// The entry of each pattern of `hanzi`.
    hanzi_entry: Vec<EntryId>,
    /// Every `avoid` phrase, case-insensitive.
    avoid: AhoCorasick,
    /// The entry and phrase of each pattern of `avoid`.
    avoid_entry: Vec<(EntryId, String)>,
}

impl Glossary {
    fn new(project: &Project) -> Result<Self, String> {
        let mut patterns = Vec::new();
        let mut hanzi_entry = Vec::new();
        let mut avoid = Vec::new();
        let mut avoid_entry = Vec::new();
        for e in project.entries.values() {
            for h in e.forms() {
                patterns.push(h.to_string());
                hanzi_entry.push(e.id.clone());
            }
            for a in e.avoid.iter().filter(|a| !a.value.trim().is_empty()) {
                avoid.push(a.value.trim().to_string());
                avoid_entry.push((e.id.clone(), a.value.trim().to_string()));
            }
        }
        let build = |pats: &[String], fold: bool| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(fold)
                .build(pats)
                .map_err(|e| format!("the glossary's terms cannot be searched for: {e}"))
        };
        Ok(Glossary {
            hanzi: build(&patterns, false)?,
            hanzi_entry,
            avoid: build(&avoid, true)?,
            avoid_entry,
        })
    }

    /// The entry whose term the bracketed characters are, whole.
    fn entry_of(&self, hanzi: &str) -> Option<&EntryId> {
        let m = self.hanzi.find(hanzi)?;
        (m.start() == 0 && m.end() == hanzi.len()).then(|| &self.hanzi_entry[m.pattern()])
    }

    /// The entry one of whose forms stands inside the bracketed characters.
    fn entry_within(&self, hanzi: &str) -> Option<&EntryId> {
        let m = self.hanzi.find(hanzi)?;
        Some(&self.hanzi_entry[m.pattern()])
    }

    /// The avoided phrases of a document's text, outside quotations, as words.
    fn avoided(
        &self,
        file: FileId,
        text: &str,
        start: usize,
        exempt: &words::Exempt,
        out: &mut Vec<Avoided>,
    ) {
        for m in self.avoid.find_iter(&text[start..]) {
            let (a, b) = (start + m.start(), start + m.end());
            let whole_word = !text[..a].ends_with(char::is_alphanumeric)
                && !text[b..].starts_with(char::is_alphanumeric);
            let kept = kept_after(&text[b..]);
            if whole_word && !kept && !exempt.quoted(a) {
                let (entry, phrase) = &self.avoid_entry[m.pattern()];
                out.push(Avoided {
                    entry: entry.clone(),
                    phrase: phrase.clone(),
                    span: Span::new(file, a, b),
                });
            }
        }
    }
}

/// Whether a phrase is marked `{{keep}}`: right after it, or after the bracketed
/// Chinese that follows it.
fn kept_after(after: &str) -> bool {
    let after = after.trim_start_matches(['”', '"', '’', ' ']);
    if after.starts_with(KEEP) {
        return true;
    }
    let Some(open) = after
        .chars()
        .next()
        .filter(|c| BRACKETS.iter().any(|(o, _)| o == c))
    else {
        return false;
    };
    let close = closer(open);
    after.find(close).is_some_and(|end| {
        after[end + close.len_utf8()..]
            .trim_start()
            .starts_with(KEEP)
    })
}

/// The brackets Chinese stands in after its rendering: square brackets (the
/// center's convention), parentheses (other translators'), and their
/// full-width forms.
const BRACKETS: &[(char, char)] = &[
    ('[', ']'),
    ('(', ')'),
    ('（', '）'),
    ('［', '］'),
    ('【', '】'),
];

/// Every `[汉字]` (or `(汉字)`, `（汉字）`, `［汉字］`, `【汉字】`) of a body,
/// with the English before it.
fn brackets(
    project: &Project,
    glossary: &Glossary,
    file: FileId,
    text: &str,
    start: usize,
    exempt: &words::Exempt,
    out: &mut Vec<Use>,
) {
    let mut i = start;
    while let Some((k, c)) = text[i..]
        .char_indices()
        .find(|(_, c)| BRACKETS.iter().any(|(o, _)| o == c))
    {
        let open = i + k;
        i = open + c.len_utf8();
        let Some(hanzi) = bracketed_hanzi(text, open, c) else {
            continue;
        };
        let close = i + hanzi.len();
        let after = close + closer(c).len_utf8();
        let entry = glossary.entry_of(hanzi).cloned();
        let within = entry
            .is_none()
            .then(|| glossary.entry_within(hanzi).cloned())
            .flatten();
        let rendering = rendering(project, entry.as_ref(), file, text, start, open);
        let kept = text[after..].trim_start().starts_with(KEEP);
        out.push(Use {
            hanzi: hanzi.to_string(),
            entry,
            within,
            rendering,
            bracket: Span::new(file, open, after),
            exempt: kept || exempt.block_quoted(open) || exempt.code(open),
        });
        i = after;
    }
}

/// The bracket that closes `open`.
fn closer(open: char) -> char {
    BRACKETS
        .iter()
        .find(|(o, _)| *o == open)
        .map_or(']', |(_, c)| *c)
}

/// The characters of `[汉字]` (or another of [`BRACKETS`]) opening with `c` at
/// `open`: Chinese only (spaces and CJK punctuation allowed), not a
/// cross-reference `[[`, nor a link `](`.
fn bracketed_hanzi(text: &str, open: usize, c: char) -> Option<&str> {
    if c == '[' && (text[..open].ends_with('[') || text[open + 1..].starts_with('[')) {
        return None;
    }
    if c == '(' && text[..open].ends_with(']') {
        return None;
    }
    let inner = &text[open + c.len_utf8()..];
    let end = inner.find(closer(c))?;
    let hanzi = &inner[..end];
    let chinese = hanzi.chars().all(|c| is_han(c) || c == ' ')
        && hanzi.chars().any(is_ideograph)
        && hanzi.len() <= 120;
    let link = c == '[' && inner[end + 1..].starts_with('(');
    (chinese && !link).then_some(hanzi)
}

/// The English before the bracket at `open`.
fn rendering(
    project: &Project,
    entry: Option<&EntryId>,
    file: FileId,
    text: &str,
    start: usize,
    open: usize,
) -> Option<Rendering> {
    let w: Window = window_before(project, text, start, open)?;
    let context = w.keys();
    let Some(id) = entry else {
        let (text_, a, b) = phrase(&w)?;
        return Some(Rendering {
            text: text_,
            span: Span::new(file, a, b),
            accepted: false,
            context,
        });
    };
    let e = project.entries.get(id)?;
    let names: Vec<&str> = std::iter::once(e.term.as_str())
        .chain(e.aliases.iter().map(String::as_str))
        .collect();
    if let Some((a, b)) = w.ends_with_any(&names) {
        return Some(Rendering {
            text: w.text(a, b),
            span: Span::new(file, a, b),
            accepted: true,
            context,
        });
    }
    let n = words::count(&e.term).clamp(1, w.len());
    let (a, b) = w.last(n);
    Some(Rendering {
        text: w.text(a, b),
        span: Span::new(file, a, b),
        accepted: false,
        context,
    })
}

/// How one bracketed term is rendered across the content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The characters.
    pub hanzi: String,
    /// The glossary entry, if one covers them.
    pub entry: Option<EntryId>,
    /// The entry one of whose forms they hold, when no entry covers them whole.
    pub within: Option<EntryId>,
    /// The renderings found, most frequent first.
    pub renderings: Vec<Renderings>,
    /// Uses with no English before them.
    pub bare: Vec<Span>,
}

/// One rendering of a term, with where it is used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renderings {
    /// The words, as first written.
    pub text: String,
    /// Whether it is the glossary's term or an alias.
    pub accepted: bool,
    /// Where it is used.
    pub spans: Vec<Span>,
}

/// The renderings of one term, grouped: each use goes to the rendering its words
/// end with that the most uses end with (the longer on a tie), so "others" joins
/// "controlled by others"; case, articles, plurals and possessives aside.
pub fn group(found: &[&Rendering]) -> Vec<Renderings> {
    // Each rendering's key, and the key's words, computed once.
    let keys: Vec<String> = found.iter().map(|r| words::key(&r.text)).collect();
    // A rendering is known by its last two words: "lost their lives in the
    // battle against poverty" and "victory in the battle against poverty" are
    // one rendering, "poverty relief" another.
    let words: Vec<Vec<&str>> = keys
        .iter()
        .map(|k| {
            let w: Vec<&str> = k.split(' ').collect();
            w[w.len().saturating_sub(2)..].to_vec()
        })
        .collect();
    let support = |w: &[&str]| found.iter().filter(|r| ends_with(&r.context, w)).count();
    // The distinct renderings (as the index of their first use), the best
    // supported first, then the longest.
    let mut candidates: Vec<usize> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if !candidates.iter().any(|&c| words[c] == *w) {
            candidates.push(i);
        }
    }
    candidates.sort_by_cached_key(|&c| {
        (
            std::cmp::Reverse(support(&words[c])),
            std::cmp::Reverse(words[c].len()),
        )
    });
    let mut out: Vec<Renderings> = Vec::new();
    let mut at: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, r) in found.iter().enumerate() {
        let first = candidates
            .iter()
            .copied()
            .find(|&c| ends_with(&r.context, &words[c]) || words[c] == words[i])
            .unwrap_or(i);
        match at.get(keys[first].as_str()) {
            Some(&k) => out[k].spans.push(r.span),
            None => {
                at.insert(&keys[first], out.len());
                out.push(Renderings {
                    text: found[first].text.clone(),
                    accepted: found[first].accepted,
                    spans: vec![r.span],
                });
            }
        }
    }
    // Most used first; the first written on a tie.
    out.sort_by_key(|x| std::cmp::Reverse(x.spans.len()));
    out
}

/// Whether `context` (words) ends with `words`.
fn ends_with(context: &[String], words: &[&str]) -> bool {
    context.len() >= words.len()
        && context[context.len() - words.len()..]
            .iter()
            .zip(words)
            .all(|(a, b)| a == b)
}

/// The concordance: every bracketed term with its renderings, glossary terms
/// first (by hanzi), then the gaps, most frequent first.
pub fn concordance(scan: &Scan) -> Vec<Term> {
    let mut by_hanzi: BTreeMap<&str, (Term, Vec<&Rendering>)> = BTreeMap::new();
    for u in &scan.uses {
        let (t, found) = by_hanzi.entry(&u.hanzi).or_insert_with(|| {
            let term = Term {
                hanzi: u.hanzi.clone(),
                entry: u.entry.clone(),
                within: u.within.clone(),
                renderings: Vec::new(),
                bare: Vec::new(),
            };
            (term, Vec::new())
        });
        match &u.rendering {
            Some(r) => found.push(r),
            None => t.bare.push(u.bracket),
        }
    }
    let mut terms: Vec<Term> = by_hanzi
        .into_values()
        .map(|(mut t, found)| {
            t.renderings = group(&found);
            t
        })
        .collect();
    let uses = |t: &Term| {
        t.renderings.iter().map(|r| r.spans.len()).sum::<usize>() + t.bare.len()
    };
    terms.sort_by(|a, b| {
        (
            a.entry.is_none(),
            a.entry.is_none().then(|| std::cmp::Reverse(uses(a))),
            &a.hanzi,
        )
            .cmp(&(
                b.entry.is_none(),
                b.entry.is_none().then(|| std::cmp::Reverse(uses(b))),
                &b.hanzi,
            ))
    });
    terms
}

pub use words::key as rendering_key;

#[cfg(test)]
mod tests;
