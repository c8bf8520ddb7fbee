//! Citation formatting: one pass of hayagriva over a reader's citations, with the
//! Chicago author-date style, giving styled runs that both writers print.
//!
//! hayagriva's own HTML writer does not escape text, so its output tree is turned
//! into [`Run`]s here and each writer escapes them for its own format.

use std::collections::{BTreeMap, BTreeSet};

use hayagriva::citationberg::taxonomy::Locator;
use hayagriva::citationberg::{
    FontStyle, FontVariant, FontWeight, IndependentStyle, Style, VerticalAlign,
};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, CitePurpose,
    ElemChild, ElemChildren, LocatorPayload, SpecificLocator,
};

use crate::diag::Diagnostic;
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

/// One citation to format.
struct Request {
    owner: Owner,
    index: usize,
    prefix: String,
    suppress: bool,
    /// Key, suffix, narrative.
    items: Vec<(String, String, bool)>,
}

/// The citations of the reader's documents and entries in book order, and the works
/// only listed (in `sources`), each once.
fn requests(project: &Project, selection: &Selection) -> (Vec<Request>, Vec<String>) {
    let mut requests: Vec<Request> = Vec::new();
    let mut listed: Vec<String> = Vec::new();
    let owners = selection
        .documents
        .iter()
        .filter_map(|id| project.documents.get(id))
        .map(|d| {
            let src: Vec<String> = d.source.iter().map(|s| s.value.clone()).collect();
            (Owner::Document(d.id.clone()), &d.body, src)
        })
        .chain(
            selection
                .entries
                .iter()
                .filter_map(|id| project.entries.get(id))
                .map(|e| {
                    let src = e.sources.iter().map(|s| s.value.clone()).collect();
                    (Owner::Entry(e.id.clone()), &e.body, src)
                }),
        );
    for (owner, body, sources) in owners {
        for c in citations(body) {
            let items: Vec<(String, String, bool)> = c
                .items
                .iter()
                .filter(|i| project.bibliography.contains(&i.key))
                .map(|i| {
                    (
                        i.key.clone(),
                        i.suffix.clone(),
                        c.narrative && !i.suppress_author,
                    )
                })
                .collect();
            if items.is_empty() {
                continue;
            }
            let first = c.items.first();
            requests.push(Request {
                owner: owner.clone(),
                index: c.index,
                prefix: first.map(|i| i.prefix.clone()).unwrap_or_default(),
                suppress: c.items.len() == 1 && first.is_some_and(|i| i.suppress_author),
                items,
            });
        }
        listed.extend(sources);
    }
    // Works listed but not cited enter the reference list through a citation of
    // their own that is not printed (a hidden one would not be disambiguated).
    let cited: BTreeSet<&str> = requests
        .iter()
        .flat_map(|r| r.items.iter().map(|i| i.0.as_str()))
        .collect();
    let mut seen = BTreeSet::new();
    let only_listed: Vec<String> = listed
        .iter()
        .filter(|k| !cited.contains(k.as_str()) && project.bibliography.contains(k))
        .filter(|k| seen.insert(k.to_string()))
        .cloned()
        .collect();

    (requests, only_listed)
}

/// Formats every citation of the reader's documents and entries, in book order, and
/// the reference list of every work cited or listed.
///
/// hayagriva 0.10 resolves at most a few ambiguous author–year sets per driver
/// (its disambiguation loop runs three rounds and stops looking at further sets
/// once one set changed), so a book with many "Xi Jinping 2021" style collisions
/// came out with duplicate "(Xi 2014)" citations for different works. The works are
/// therefore split into groups that cannot affect each other (same author names
/// and year, or cited together), each group gets a driver of its own, the groups
/// are spread over two threads, and the reference list is merged and sorted.
pub fn format(project: &Project, selection: &Selection) -> Result<Formatted, Diagnostic> {
    let style = style();
    let locales = locales();
    let (requests, only_listed) = requests(project, selection);
    let groups = groups(project, &requests, &only_listed);
    // Spread the groups over two threads, heaviest first.
    let mut bins: [Vec<&Group>; 2] = [Vec::new(), Vec::new()];
    let mut load = [0usize; 2];
    for g in &groups {
        let b = usize::from(load[1] < load[0]);
        load[b] += g.weight;
        bins[b].push(g);
    }
    let parts: Vec<Option<Part>> = std::thread::scope(|scope| {
        let handles: Vec<_> = bins
            .iter()
            .map(|bin| {
                let (style, locales, requests) = (&style, &locales, &requests);
                scope.spawn(move || {
                    let mut part = Part::default();
                    for g in bin {
                        let reqs: Vec<&Request> =
                            g.requests.iter().map(|&i| &requests[i]).collect();
                        let p = run_driver(project, style, locales, &reqs, &g.listed);
                        part.citations.extend(p.citations);
                        part.bibliography.extend(p.bibliography);
                    }
                    part
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().ok()).collect()
    });
    let mut out = Formatted::default();
    for part in parts {
        let Some(part) = part else {
            return Err(Diagnostic::error(
                "E0904",
                "the citation engine failed while formatting the citations",
            )
            .help("this is a bug in ccp-press or hayagriva; please report it with the bibliography"));
        };
        out.citations.extend(part.citations);
        out.bibliography.extend(part.bibliography);
    }
    // hayagriva files names in CJK script after all others; Chicago files romanised
    // Chinese names with the rest, by the romanisation.
    out.bibliography
        .sort_by_cached_key(|(key, r)| (crate::model::sort_key(&plain(r)), key.clone()));
    Ok(out)
}

/// What some drivers formatted.
#[derive(Default)]
struct Part {
    citations: Vec<((Owner, usize), Vec<Run>)>,
    bibliography: Vec<(String, Vec<Run>)>,
}

/// Works that may affect each other's rendering, with their citations.
struct Group {
    /// Indexes into the requests, in book order.
    requests: Vec<usize>,
    /// Works only listed.
    listed: Vec<String>,
    /// Number of citations (for balancing threads).
    weight: usize,
}

/// The author-and-year of a work: works that share it may need year letters or
/// fuller names to be told apart.
fn author_year(project: &Project, key: &str) -> String {
    let Some(b) = project.bibliography.get(key) else {
        return format!("key:{key}");
    };
    let e = &b.entry;
    let mut names: Vec<String> = e
        .authors()
        .into_iter()
        .chain(e.editors())
        .flatten()
        .map(|p| p.name.to_lowercase())
        .collect();
    names.sort();
    let year = e.date_any().map(|d| d.year).unwrap_or_default();
    format!("ay:{}|{year}", names.join(","))
}

/// Splits works into groups by author-and-year and co-citation (union-find).
fn groups(project: &Project, requests: &[Request], only_listed: &[String]) -> Vec<Group> {
    let mut parent: BTreeMap<String, String> = BTreeMap::new();
    fn find(parent: &BTreeMap<String, String>, k: &str) -> String {
        let mut k = k.to_string();
        while let Some(p) = parent.get(&k).filter(|p| **p != k) {
            k = p.clone();
        }
        k
    }
    fn union(parent: &mut BTreeMap<String, String>, a: &str, b: &str) {
        let (ra, rb) = (find(parent, a), find(parent, b));
        if ra != rb {
            parent.insert(ra, rb);
        }
    }
    let keys = requests
        .iter()
        .flat_map(|r| r.items.iter().map(|i| i.0.clone()))
        .chain(only_listed.iter().cloned());
    for key in keys {
        let ay = author_year(project, &key);
        union(&mut parent, &key, &ay);
    }
    for r in requests {
        for w in r.items.windows(2) {
            union(&mut parent, &w[0].0, &w[1].0);
        }
    }
    let mut by_root: BTreeMap<String, Group> = BTreeMap::new();
    for (i, r) in requests.iter().enumerate() {
        let g = by_root
            .entry(find(&parent, &r.items[0].0))
            .or_insert_with(|| Group {
                requests: Vec::new(),
                listed: Vec::new(),
                weight: 0,
            });
        g.requests.push(i);
        g.weight += 1;
    }
    for k in only_listed {
        let g = by_root.entry(find(&parent, k)).or_insert_with(|| Group {
            requests: Vec::new(),
            listed: Vec::new(),
            weight: 0,
        });
        g.listed.push(k.clone());
        g.weight += 1;
    }
    let mut groups: Vec<Group> = by_root.into_values().collect();
    groups.sort_by(|a, b| b.weight.cmp(&a.weight).then(a.requests.cmp(&b.requests)));
    groups
}

/// Runs one hayagriva driver over some requests (in book order) and listed works.
fn run_driver(
    project: &Project,
    style: &IndependentStyle,
    locales: &[hayagriva::citationberg::Locale],
    requests: &[&Request],
    listed: &[String],
) -> Part {
    let mut driver = BibliographyDriver::new();
    for r in requests {
        let items = r
            .items
            .iter()
            .filter_map(|(key, suffix, prose)| {
                let b = project.bibliography.get(key)?;
                let mut ci = CitationItem::with_entry(&b.entry);
                ci.locator = locator(suffix);
                if *prose {
                    ci.purpose = Some(CitePurpose::Prose);
                }
                Some(ci)
            })
            .collect();
        driver.citation(CitationRequest::from_items(items, style, locales));
    }
    for b in listed.iter().filter_map(|k| project.bibliography.get(k)) {
        let item = CitationItem::with_entry(&b.entry);
        driver.citation(CitationRequest::from_items(vec![item], style, locales));
    }
    let rendered = driver.finish(BibliographyRequest::new(style, None, locales));
    let mut part = Part::default();
    for (r, cite) in requests.iter().zip(rendered.citations) {
        let mut runs = runs(&cite.citation);
        if r.suppress {
            suppress_author(&mut runs);
        }
        add_prefix(&mut runs, &r.prefix);
        part.citations.push(((r.owner.clone(), r.index), runs));
    }
    if let Some(bib) = rendered.bibliography {
        for item in bib.items {
            let mut r = Vec::new();
            if let Some(first) = &item.first_field {
                child(first, &mut r);
            }
            r.extend(runs(&item.content));
            part.bibliography.push((item.key.clone(), merge(r)));
        }
    }
    fix_year_letters(project, requests, listed, &mut part);
    part
}

/// hayagriva counts year letters in a byte: after 256 works of one author and
/// year (a … z, aa … iv) the letters start again at "a". The works past the 256th,
/// in the order of first citation (hayagriva's), get their right letters back.
fn fix_year_letters(
    project: &Project,
    requests: &[&Request],
    listed: &[String],
    part: &mut Part,
) {
    let mut order: Vec<&str> = Vec::new();
    let keys = requests
        .iter()
        .flat_map(|r| r.items.iter().map(|i| i.0.as_str()))
        .chain(listed.iter().map(String::as_str));
    for key in keys {
        if !order.contains(&key) {
            order.push(key);
        }
    }
    let mut buckets: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for key in order {
        buckets
            .entry(author_year(project, key))
            .or_default()
            .push(key);
    }
    for bucket in buckets.values().filter(|b| b.len() > 256) {
        for (i, key) in bucket.iter().enumerate().skip(256) {
            let Some(year) = project
                .bibliography
                .get(key)
                .and_then(|b| b.entry.date_any())
            else {
                continue;
            };
            let wrong = format!("{}{}", year.year, year_letters(i % 256));
            let right = format!("{}{}", year.year, year_letters(i));
            let relabel = |runs: &mut Vec<Run>| replace_token(runs, &wrong, &right);
            for (_, runs) in part.bibliography.iter_mut().filter(|(k, _)| k == key) {
                relabel(runs);
            }
            for (r, (_, runs)) in requests.iter().zip(part.citations.iter_mut()) {
                if r.items.iter().any(|i| i.0 == *key) {
                    relabel(runs);
                }
            }
        }
    }
}

/// The year letters of the `i`-th work (0 → a, 25 → z, 26 → aa).
fn year_letters(i: usize) -> String {
    let mut n = i + 1;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'a' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Replaces the first whole `wrong` token (not followed by a letter) in the runs.
fn replace_token(runs: &mut [Run], wrong: &str, right: &str) -> bool {
    for r in runs.iter_mut() {
        let done = match r {
            Run::Text(t) => {
                let at = t.match_indices(wrong).map(|(i, _)| i).find(|&i| {
                    !t[i + wrong.len()..].starts_with(|c: char| c.is_ascii_lowercase())
                });
                if let Some(i) = at {
                    t.replace_range(i..i + wrong.len(), right);
                }
                at.is_some()
            }
            Run::Italic(c)
            | Run::Bold(c)
            | Run::SmallCaps(c)
            | Run::Sup(c)
            | Run::Sub(c) => replace_token(c, wrong, right),
            Run::Link { children, .. } => replace_token(children, wrong, right),
        };
        if done {
            return true;
        }
    }
    false
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
