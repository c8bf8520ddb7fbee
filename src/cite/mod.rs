//! Citations and the reference list in Chicago author-date form (CMOS 18), with
//! the center's conventions for Chinese-language works.
//!
//! hayagriva reads the bibliography files; the style itself is written here, over
//! the typed [`Work`](crate::model::Work) of each entry: `label` decides once, for
//! the whole reader, the order of the reference list, the names and the year
//! letters citations print; `reference` sets each entry; `text` holds the
//! typography (headline capitals, nested quotation marks, page ranges, dates).
//! Both writers print the resulting [`Run`]s and escape them for their format.

mod label;
mod reference;
mod run;
mod text;

pub(crate) use text::quotes_balance;

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Owner, Project, Selection, Work, citations};
use label::Label;
use run::merge;
pub use run::{Run, plain};

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

/// A citation suffix as Chicago author-date prints it after the year: a page
/// number bare (`p. 12` → `12`), other text as written (`emphasis added`).
fn locator(suffix: &str) -> Option<String> {
    let s = suffix.trim();
    if s.is_empty() {
        return None;
    }
    let bare = s
        .strip_prefix("pp. ")
        .or_else(|| s.strip_prefix("p. "))
        .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
        .unwrap_or(s);
    Some(text::curly(bare))
}

/// One work in one citation.
struct Item {
    key: String,
    prefix: String,
    locator: Option<String>,
    suppress_author: bool,
}

/// One citation to format.
struct Request {
    owner: Owner,
    index: usize,
    narrative: bool,
    items: Vec<Item>,
}

/// The citations of the reader's documents and entries in book order, and the works
/// only listed (in `sources`).
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
            let items: Vec<Item> = c
                .items
                .iter()
                .filter(|i| project.bibliography.contains(&i.key))
                .map(|i| Item {
                    key: i.key.clone(),
                    prefix: i.prefix.trim().to_string(),
                    locator: locator(&i.suffix),
                    suppress_author: i.suppress_author,
                })
                .collect();
            if !items.is_empty() {
                requests.push(Request {
                    owner: owner.clone(),
                    index: c.index,
                    narrative: c.narrative,
                    items,
                });
            }
        }
        listed.extend(sources);
    }
    (requests, listed)
}

/// Formats every citation of the reader's documents and entries, and the reference
/// list of every work cited or listed, in one pass over the whole reader: the
/// names and year letters a citation prints are decided with every other work of
/// the reader in view (hayagriva's own engine, which this replaced, resolved only a
/// few ambiguous author–year sets per run).
pub fn format(project: &Project, selection: &Selection) -> Formatted {
    format_cached(project, selection, &mut Cache::default())
}

/// The labels and reference list of the last reader formatted, with the works
/// they were made from: a `watch` keeps one, so that a rebuild whose cited
/// works did not change (the same keys, each with the same entry) formats only
/// the citations themselves.
#[derive(Debug, Default)]
pub struct Cache {
    works: Vec<(String, Work)>,
    labels: Vec<(String, Label)>,
    bibliography: Vec<(String, Vec<Run>)>,
    /// Whether the last [`format_cached`] found its works here.
    pub hit: bool,
}

/// [`format`], taking the labels and the reference list from `cache` when the
/// reader cites the same works as the last time, and leaving its own there.
pub fn format_cached(
    project: &Project,
    selection: &Selection,
    cache: &mut Cache,
) -> Formatted {
    let (requests, listed) = requests(project, selection);
    let keys: BTreeSet<&str> = requests
        .iter()
        .flat_map(|r| r.items.iter().map(|i| i.key.as_str()))
        .chain(listed.iter().map(String::as_str))
        .collect();
    let works: Vec<(&str, &Work)> = keys
        .into_iter()
        .filter_map(|k| project.bibliography.get(k).map(|b| (k, &b.work)))
        .collect();
    cache.hit = cache.works.len() == works.len()
        && cache
            .works
            .iter()
            .zip(&works)
            .all(|((ck, cw), (k, w))| ck == k && cw == *w);
    if !cache.hit {
        let labels = label::labels(&works);
        cache.bibliography = labels
            .iter()
            .filter_map(|(key, label)| {
                let work = &project.bibliography.get(key)?.work;
                Some((key.to_string(), reference::reference(work, label)))
            })
            .collect();
        cache.labels = labels
            .into_iter()
            .map(|(k, l)| (k.to_string(), l))
            .collect();
        cache.works = works
            .iter()
            .map(|(k, w)| (k.to_string(), (*w).clone()))
            .collect();
    }
    let by_key: BTreeMap<&str, &Label> =
        cache.labels.iter().map(|(k, l)| (k.as_str(), l)).collect();
    let mut out = Formatted {
        bibliography: cache.bibliography.clone(),
        ..Formatted::default()
    };
    for r in &requests {
        let runs = citation(r, &by_key);
        out.citations.insert((r.owner.clone(), r.index), runs);
    }
    out
}

/// The items of a citation with their labels; works of one author cited together
/// with nothing between them (no prefix, no locator) are put in date order, so
/// that the citation reads (Xi 2021a, 2021b) whatever order they were written in.
fn in_date_order<'a>(
    items: &'a [Item],
    labels: &BTreeMap<&str, &'a Label>,
) -> Vec<(&'a Item, &'a Label)> {
    let mut out: Vec<(&Item, &Label)> = items
        .iter()
        .filter_map(|i| Some((i, *labels.get(i.key.as_str())?)))
        .collect();
    let plain_item = |i: &Item| i.prefix.is_empty() && i.locator.is_none();
    let mut start = 0;
    while start < out.len() {
        let mut end = start + 1;
        while end < out.len()
            && out[end].1.names == out[start].1.names
            && plain_item(out[end].0)
            && plain_item(out[start].0)
        {
            end += 1;
        }
        out[start..end].sort_by_key(|(_, l)| l.cite_year());
        start = end;
    }
    out
}

/// One citation: "(Xi 2021a, 3; 2021b)", "(see State Council 2016, emphasis
/// added)", "Naughton et al. (2023, 12)", "(2021a)".
fn citation(r: &Request, labels: &BTreeMap<&str, &Label>) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut previous: Option<(&Label, bool)> = None;
    for (item, label) in in_date_order(&r.items, labels) {
        let same_author = previous.is_some_and(|(p, _)| p.names == label.names);
        if let Some((_, had_locator)) = previous {
            let comma = same_author && !had_locator && item.locator.is_none();
            runs.push(Run::Text(if comma { ", " } else { "; " }.into()));
        }
        if !item.prefix.is_empty() {
            runs.push(Run::Text(format!("{} ", item.prefix)));
        }
        let show_names = !(item.suppress_author || same_author && item.prefix.is_empty());
        let mut date = label.cite_year();
        if let Some(l) = &item.locator {
            date.push_str(&format!(", {l}"));
        }
        if r.narrative && show_names {
            runs.extend(label.names.iter().cloned());
            runs.push(Run::Text(format!(" ({date})")));
        } else {
            if show_names {
                runs.extend(label.names.iter().cloned());
                runs.push(Run::Text(" ".into()));
            }
            runs.push(Run::Text(date));
        }
        previous = Some((label, item.locator.is_some()));
    }
    if !r.narrative || r.items.iter().all(|i| i.suppress_author) {
        runs.insert(0, Run::Text("(".into()));
        runs.push(Run::Text(")".into()));
    }
    merge(runs)
}

#[cfg(test)]
mod tests;
