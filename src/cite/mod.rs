//! Citation formatting: one pass of hayagriva over a reader's citations, with the
//! Chicago author-date style, giving styled runs that both writers print.
//!
//! hayagriva's own HTML writer does not escape text, so its output tree is turned
//! into [`Run`]s here and each writer escapes them for its own format.

use std::collections::BTreeMap;

use hayagriva::citationberg::taxonomy::Locator;
use hayagriva::citationberg::{
    FontStyle, FontVariant, FontWeight, IndependentStyle, Style, VerticalAlign,
};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, CitePurpose,
    ElemChild, ElemChildren, LocatorPayload, SpecificLocator,
};

use crate::model::{Owner, Project, Selection, citations, is_ideograph};

/// Name of the CSL style in hayagriva's archive (Chicago 18th, author-date).
pub const STYLE: &str = "chicago-author-date";

/// Styled text produced by the citation engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Run {
    /// Plain text.
    Text(String),
    /// Italic.
    Italic(Vec<Run>),
    /// Bold.
    Bold(Vec<Run>),
    /// Small capitals.
    SmallCaps(Vec<Run>),
    /// Superscript.
    Sup(Vec<Run>),
    /// Subscript.
    Sub(Vec<Run>),
    /// A link.
    Link {
        /// Target.
        url: String,
        /// Text.
        children: Vec<Run>,
    },
}

/// Plain text of runs.
pub fn plain(runs: &[Run]) -> String {
    let mut s = String::new();
    for r in runs {
        match r {
            Run::Text(t) => s.push_str(t),
            Run::Italic(c)
            | Run::Bold(c)
            | Run::SmallCaps(c)
            | Run::Sup(c)
            | Run::Sub(c) => s.push_str(&plain(c)),
            Run::Link { children, .. } => s.push_str(&plain(children)),
        }
    }
    s
}

/// The formatted citations and bibliography of one reader.
#[derive(Debug, Clone, Default)]
pub struct Formatted {
    /// Each citation, by owner and its index in the owner's body.
    pub citations: BTreeMap<(Owner, usize), Vec<Run>>,
    /// The reference list, in the style's order: key and entry.
    pub bibliography: Vec<(String, Vec<Run>)>,
}

impl Formatted {
    /// The citation number `index` of `owner`.
    pub fn citation(&self, owner: &Owner, index: usize) -> Option<&[Run]> {
        self.citations
            .get(&(owner.clone(), index))
            .map(Vec::as_slice)
    }

    /// Position of `key` in the reference list.
    pub fn position(&self, key: &str) -> Option<usize> {
        self.bibliography.iter().position(|(k, _)| k == key)
    }

    /// The reference-list entry of `key`.
    pub fn reference(&self, key: &str) -> Option<&[Run]> {
        self.bibliography
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, r)| r.as_slice())
    }
}

fn style() -> IndependentStyle {
    let archived = hayagriva::archive::ArchivedStyle::by_name(STYLE);
    match archived.map(|s| s.get()) {
        Some(Style::Independent(s)) => s,
        // The archive is compiled into hayagriva; this name is in it.
        _ => unreachable!("hayagriva's archive has no independent style `{STYLE}`"),
    }
}

/// The CSL locale terms for US English ("et al.", "edited by", month names).
///
/// `hayagriva::archive::locales()` deserialises all of its ~60 locales (about
/// 100 ms); the books are in English, so only the en-US file is read, falling back
/// to all of them if it is not found.
fn locales() -> Vec<hayagriva::citationberg::Locale> {
    let english: Vec<hayagriva::citationberg::Locale> = hayagriva::archive::LOCALES
        .iter()
        .filter(|bytes| bytes.windows(5).any(|w| w == b"en-US"))
        .filter_map(|bytes| {
            ciborium::de::from_reader::<hayagriva::citationberg::Locale, _>(*bytes).ok()
        })
        .filter(|l| l.lang.as_ref().is_some_and(|c| c.0 == "en-US"))
        .collect();
    if english.is_empty() {
        hayagriva::archive::locales()
    } else {
        english
    }
}

/// The locator of a citation suffix: a page number (`12`, `p. 12`, `12–14, emphasis
/// added`) or free text (`emphasis added`).
fn locator(suffix: &str) -> Option<SpecificLocator<'_>> {
    let s = suffix.trim();
    if s.is_empty() {
        return None;
    }
    let page = s
        .strip_prefix("pp. ")
        .or_else(|| s.strip_prefix("p. "))
        .unwrap_or(s);
    if page.starts_with(|c: char| c.is_ascii_digit()) {
        Some(SpecificLocator(Locator::Page, LocatorPayload::Str(page)))
    } else {
        Some(SpecificLocator(Locator::Custom, LocatorPayload::Str(s)))
    }
}

/// Formats every citation of the reader's documents and entries, in book order, and
/// the reference list of every work cited or listed.
pub fn format(project: &Project, selection: &Selection) -> Formatted {
    let style = style();
    let locales = locales();
    let mut driver = BibliographyDriver::new();
    let mut all_listed: Vec<String> = Vec::new();
    let mut cited: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    // Owner, citation index, prefix, author suppressed.
    let mut order: Vec<(Owner, usize, String, bool)> = Vec::new();
    let owners = selection
        .documents
        .iter()
        .filter_map(|id| project.documents.get(id))
        .map(|d| {
            (
                Owner::Document(d.id.clone()),
                &d.body,
                d.source.iter().map(|s| s.value.clone()).collect::<Vec<_>>(),
            )
        })
        .chain(
            selection
                .entries
                .iter()
                .filter_map(|id| project.entries.get(id))
                .map(|e| {
                    (
                        Owner::Entry(e.id.clone()),
                        &e.body,
                        e.sources.iter().map(|s| s.value.clone()).collect(),
                    )
                }),
        );
    for (owner, body, listed) in owners {
        for c in citations(body) {
            let mut items = Vec::new();
            for item in &c.items {
                let Some(b) = project.bibliography.get(&item.key) else {
                    continue;
                };
                let mut ci = CitationItem::with_entry(&b.entry);
                ci.locator = locator(&item.suffix);
                if c.narrative && !item.suppress_author {
                    ci.purpose = Some(CitePurpose::Prose);
                }
                items.push(ci);
            }
            if items.is_empty() {
                continue;
            }
            let first = c.items.first();
            let prefix = first.map(|i| i.prefix.clone()).unwrap_or_default();
            let suppress = c.items.len() == 1 && first.is_some_and(|i| i.suppress_author);
            driver.citation(CitationRequest::from_items(items, &style, &locales));
            order.push((owner.clone(), c.index, prefix, suppress));
            cited.extend(c.items.iter().map(|i| i.key.clone()));
        }
        all_listed.extend(listed);
    }
    // Works listed but not cited go into the reference list through one hidden
    // citation (one request rather than one per owner: the driver renders each).
    let mut seen = std::collections::BTreeSet::new();
    let hidden: Vec<_> = all_listed
        .iter()
        .filter(|k| !cited.contains(k.as_str()) && seen.insert(k.as_str()))
        .filter_map(|k| project.bibliography.get(k))
        .map(|b| {
            let mut ci = CitationItem::with_entry(&b.entry);
            ci.hidden = true;
            ci
        })
        .collect();
    if !hidden.is_empty() {
        driver.citation(CitationRequest::from_items(hidden, &style, &locales));
        order.push((
            Owner::Entry(String::new()),
            usize::MAX,
            String::new(),
            false,
        ));
    }
    let rendered = driver.finish(BibliographyRequest::new(&style, None, &locales));
    let mut out = Formatted::default();
    for ((owner, index, prefix, suppress), cite) in
        order.into_iter().zip(rendered.citations)
    {
        if index == usize::MAX {
            continue;
        }
        let mut runs = runs(&cite.citation);
        if suppress {
            suppress_author(&mut runs);
        }
        add_prefix(&mut runs, &prefix);
        out.citations.insert((owner, index), runs);
    }
    if let Some(bib) = rendered.bibliography {
        for item in bib.items {
            let mut r = Vec::new();
            if let Some(first) = &item.first_field {
                child(first, &mut r);
            }
            r.extend(runs(&item.content));
            out.bibliography.push((item.key.clone(), merge(r)));
        }
    }
    // hayagriva files names in CJK script after all others; Chicago files romanised
    // Chinese names with the rest, by the romanisation.
    out.bibliography
        .sort_by_cached_key(|(key, r)| (crate::model::sort_key(&plain(r)), key.clone()));
    out
}

/// `(Xi 2021a, 3)` → `(2021a, 3)`: pandoc's `[-@key]`. The full form is requested so
/// that the year keeps its disambiguating letter, then the author is cut.
fn suppress_author(runs: &mut [Run]) {
    if let Some(Run::Text(t)) = runs.first_mut()
        && t.starts_with('(')
        && let Some(year) = t.find(|c: char| c.is_ascii_digit())
    {
        t.replace_range(1..year, "");
    }
}

/// `(State Council 2016)` with prefix `see` → `(see State Council 2016)`.
fn add_prefix(runs: &mut Vec<Run>, prefix: &str) {
    if prefix.is_empty() {
        return;
    }
    match runs.first_mut() {
        Some(Run::Text(t)) if t.starts_with('(') => {
            t.insert_str(1, &format!("{prefix} "))
        }
        _ => runs.insert(0, Run::Text(format!("{prefix} "))),
    }
}

fn runs(children: &ElemChildren) -> Vec<Run> {
    let mut out = Vec::new();
    for c in &children.0 {
        child(c, &mut out);
    }
    merge(out)
}

fn child(c: &ElemChild, out: &mut Vec<Run>) {
    match c {
        ElemChild::Text(f) => {
            out.extend(styled(Run::Text(f.text.clone()), &f.formatting))
        }
        ElemChild::Elem(e) => out.extend(runs(&e.children)),
        ElemChild::Markup(m) => out.push(Run::Text(m.clone())),
        ElemChild::Link { text, url } => out.push(Run::Link {
            url: url.clone(),
            children: styled(Run::Text(text.text.clone()), &text.formatting),
        }),
        ElemChild::Transparent { .. } => {}
    }
}

fn styled(text: Run, f: &hayagriva::Formatting) -> Vec<Run> {
    let mut inner = text;
    if f.vertical_align == VerticalAlign::Sup {
        inner = Run::Sup(vec![inner]);
    } else if f.vertical_align == VerticalAlign::Sub {
        inner = Run::Sub(vec![inner]);
    }
    if f.font_variant == FontVariant::SmallCaps {
        inner = Run::SmallCaps(vec![inner]);
    }
    if f.font_weight == FontWeight::Bold {
        inner = Run::Bold(vec![inner]);
    }
    if f.font_style == FontStyle::Italic {
        return roman_from_hanzi(inner);
    }
    vec![inner]
}

/// Italic text that reaches hanzi ("Zhongguo 中国 [China]") turns roman from the first
/// character on: Chicago never italicises characters or the bracketed translation.
fn roman_from_hanzi(inner: Run) -> Vec<Run> {
    if let Run::Text(t) = &inner
        && let Some(i) = t.find(is_ideograph)
    {
        let (head, tail) = t.split_at(i);
        let head_trimmed = head.trim_end();
        let space = &head[head_trimmed.len()..];
        let mut parts = Vec::new();
        if !head_trimmed.is_empty() {
            parts.push(Run::Italic(vec![Run::Text(head_trimmed.to_string())]));
        }
        parts.push(Run::Text(format!("{space}{tail}")));
        return parts;
    }
    vec![Run::Italic(vec![inner])]
}

/// Merges adjacent text runs and adjacent runs of the same style.
fn merge(runs: Vec<Run>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for r in runs {
        match (out.last_mut(), r) {
            (Some(Run::Text(a)), Run::Text(b)) => a.push_str(&b),
            (_, Run::Text(b)) if b.is_empty() => {}
            (Some(Run::Italic(a)), Run::Italic(b)) => {
                a.extend(b);
                let m = merge(std::mem::take(a));
                *a = m;
            }
            (_, r) => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests;
