//! The two indexes as data: headings, see-references, the main entry and every
//! mentioning place; [`resolve`] turns the places into printed locators (page
//! ranges merged once, here) for both writers.

use std::collections::BTreeMap;

use super::anchor::{Anchor, PageMap};
use super::refs::{Ref, RefStyle, owner_ref, typographic};
use super::tree::{MarkPlace, Mention};
use crate::model::MarkKind;
use crate::model::words::Words;
use crate::model::{EntryId, Owner, Project, Selection, sort_key};

/// The letter group of an index.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexGroup {
    /// The letter heading ("C", "0–9").
    pub letter: String,
    /// The items, sorted.
    pub items: Vec<IndexItem>,
}

/// What an index line is filed under.
#[derive(Debug, Clone, PartialEq)]
pub enum Heading {
    /// English words.
    Words(String),
    /// Pinyin (italic, tagged as pinyin).
    Pinyin(String),
    /// A Chinese term: characters, pinyin, and the English term (a link).
    Chinese {
        /// Simplified characters.
        hanzi: String,
        /// Pinyin.
        pinyin: String,
        /// The entry.
        term: Ref,
    },
}

/// One line of an index.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexItem {
    /// What it is filed under.
    pub heading: Heading,
    /// The main discussion (a glossary entry's headword), printed in bold.
    pub main: Option<Anchor>,
    /// Every place that mentions it, in book order.
    pub places: Vec<Place>,
    /// "See X" instead of locators.
    pub see: Option<Ref>,
    /// Cross-references an author marked: "See X" (no locators) or "See also X".
    pub cross: Vec<Cross>,
    /// Sub-entries, sorted.
    pub subs: Vec<IndexItem>,
}

/// A cross-reference from one index heading to another (`|see X`, `|see also X`).
#[derive(Debug, Clone, PartialEq)]
pub struct Cross {
    /// "See also" rather than "See".
    pub also: bool,
    /// The heading referred to, as written.
    pub words: String,
    /// The glossary entry it names, if it names one (a link).
    pub entry: Option<Anchor>,
}

/// A place that mentions an index term, with the document or entry it is in.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// The place.
    pub at: Anchor,
    /// Where a discussion that starts here ends (`|(` … `|)`): every page between
    /// is a locator.
    pub end: Option<Anchor>,
    /// Its document or entry (the locator when there are no page numbers).
    pub owner: Ref,
}

/// A printed locator.
#[derive(Debug, Clone, PartialEq)]
pub enum Locator {
    /// A page or a range of pages, linked to the first place.
    Pages {
        /// First page.
        first: u64,
        /// Last page (equal to `first` for one page).
        last: u64,
        /// The place linked to.
        place: Anchor,
        /// The main entry (bold).
        main: bool,
    },
    /// Without page numbers: the main entry.
    Main(Anchor),
    /// Without page numbers: a document or entry that mentions the term.
    Owner(Ref),
}

/// One index line as printed, finished for the writers: the heading, then a
/// *See* reference or the locators, then the cross-references; sub-entries
/// below it, and under them the cross-references that close the item.
#[derive(Debug, Clone, PartialEq)]
pub struct Line<'i> {
    /// What the line is filed under.
    pub heading: &'i Heading,
    /// "See X" instead of locators: the word and the reference.
    pub see: Option<(&'static str, &'i Ref)>,
    /// The locators (pages, or the documents and entries without a page map).
    pub locators: Vec<Locator>,
    /// "See X" or "See also X" after the locators (an item without sub-entries).
    pub crosses: Vec<CrossGroup<'i>>,
    /// The sub-entries.
    pub subs: Vec<Line<'i>>,
    /// "See also X" as the last line under the sub-entries (CMOS 15.17).
    pub closing: Vec<CrossGroup<'i>>,
}

/// Cross-references under one word ("See", "See also").
#[derive(Debug, Clone, PartialEq)]
pub struct CrossGroup<'i> {
    /// The word before them.
    pub word: &'static str,
    /// The headings referred to, in order.
    pub crosses: Vec<&'i Cross>,
}

/// The line of `item`, with locators from `pages` when there is a page map.
pub fn line<'i>(item: &'i IndexItem, pages: Option<&PageMap>, words: &Words) -> Line<'i> {
    let locators = resolve(item, pages);
    let groups = |has_locators| {
        references(item, has_locators, words)
            .into_iter()
            .map(|(word, crosses)| CrossGroup { word, crosses })
            .collect::<Vec<_>>()
    };
    let (crosses, closing) = if item.subs.is_empty() {
        (groups(!locators.is_empty()), Vec::new())
    } else {
        (Vec::new(), groups(true))
    };
    Line {
        heading: &item.heading,
        see: item.see.as_ref().map(|r| (words.see, r)),
        subs: item.subs.iter().map(|s| line(s, pages, words)).collect(),
        locators,
        crosses,
        closing,
    }
}

/// A page or a range of pages as printed: "7", "9–11".
pub fn page_range(first: u64, last: u64) -> String {
    if first == last {
        first.to_string()
    } else {
        format!("{first}–{last}")
    }
}

/// An item's cross-references as printed: "See X; Y" for a heading with nothing
/// else, "See also X; Y" otherwise (CMOS 15.16–17), each group once.
fn references<'i>(
    item: &'i IndexItem,
    has_locators: bool,
    words: &Words,
) -> Vec<(&'static str, Vec<&'i Cross>)> {
    let see_only = item.see.is_none() && !has_locators && item.subs.is_empty();
    let mut see = Vec::new();
    let mut also = Vec::new();
    for c in &item.cross {
        if see_only && !c.also {
            see.push(c);
        } else {
            also.push(c);
        }
    }
    [(words.see, see), (words.see_also, also)]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

/// The locators of an item: with a page map, sorted pages with consecutive pages
/// merged into ranges, the one holding the main entry marked (printed in bold),
/// each linked to its first place; without one, the main entry and then each
/// mentioning document or entry once, in book order.
pub fn resolve(item: &IndexItem, pages: Option<&PageMap>) -> Vec<Locator> {
    match pages {
        Some(map) => page_locators(item, map),
        None => {
            // The main entry of a term is its headword ("entry"); the main
            // discussion an author marked is its document or entry, first.
            let mut out: Vec<Locator> = Vec::new();
            let mut seen = Vec::new();
            match &item.main {
                Some(a @ Anchor::Owner(_)) => out.push(Locator::Main(a.clone())),
                Some(a) => {
                    if let Some(p) = item.places.iter().find(|p| p.at == *a).or(None) {
                        seen.push(&p.owner.target);
                        out.push(Locator::Owner(p.owner.clone()));
                    }
                }
                None => {}
            }
            for p in &item.places {
                if !seen.contains(&&p.owner.target) {
                    seen.push(&p.owner.target);
                    out.push(Locator::Owner(p.owner.clone()));
                }
            }
            out
        }
    }
}

fn page_locators(item: &IndexItem, map: &PageMap) -> Vec<Locator> {
    let main = item
        .main
        .as_ref()
        .and_then(|a| Some((map.printed(a)?, a.clone())));
    let mut by_page: BTreeMap<u64, Anchor> = BTreeMap::new();
    if let Some((n, at)) = &main {
        by_page.insert(*n, at.clone());
    }
    for p in &item.places {
        let Some(n) = map.printed(&p.at) else {
            continue;
        };
        let last = p.end.as_ref().and_then(|e| map.printed(e)).unwrap_or(n);
        for page in n..=last.max(n) {
            by_page.entry(page).or_insert_with(|| p.at.clone());
        }
    }
    let main_page = main.map(|(n, _)| n);
    let mut out: Vec<Locator> = Vec::new();
    for (n, at) in by_page {
        let is_main = main_page == Some(n);
        if let Some(Locator::Pages {
            last, main, place, ..
        }) = out.last_mut()
            && *last + 1 == n
        {
            *last = n;
            if is_main {
                // The range holding the main entry links to the entry itself.
                *main = true;
                *place = at;
            }
            continue;
        }
        out.push(Locator::Pages {
            first: n,
            last: n,
            place: at,
            main: is_main,
        });
    }
    out
}

/// An index line with a heading only, as an author's mark first writes it.
fn bare(words: &str) -> IndexItem {
    IndexItem {
        heading: Heading::Words(typographic(words)),
        main: None,
        places: Vec::new(),
        see: None,
        cross: Vec::new(),
        subs: Vec::new(),
    }
}

fn heading_words(i: &IndexItem) -> String {
    match &i.heading {
        Heading::Words(w) | Heading::Pinyin(w) => w.clone(),
        Heading::Chinese { pinyin, .. } => pinyin.clone(),
    }
}

/// How sub-headings sort: by their first word that is not an article, conjunction
/// or preposition ("on common prosperity" under C).
fn sub_key(words: &str) -> String {
    const SKIP: &[&str] = &[
        "a", "an", "the", "and", "as", "at", "by", "for", "from", "in", "of", "on", "to",
        "with", "about", "against", "under",
    ];
    let key = sort_key(words);
    let mut rest = key.as_str();
    while let Some((first, tail)) = rest.split_once(' ') {
        if SKIP.contains(&first) {
            rest = tail;
        } else {
            break;
        }
    }
    rest.to_string()
}

/// The letter a sort key is filed under.
pub fn initial(key: &str) -> String {
    sort_key(key).chars().next().map_or("#".into(), |c| {
        if c.is_ascii_digit() {
            "0–9".into()
        } else {
            c.to_uppercase().to_string()
        }
    })
}

/// Groups sorted `(sort key, item)` pairs under their letters.
fn grouped(mut items: Vec<(String, IndexItem)>) -> Vec<IndexGroup> {
    items.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| format!("{:?}", a.1.heading).cmp(&format!("{:?}", b.1.heading)))
    });
    let mut out: Vec<IndexGroup> = Vec::new();
    for (key, item) in items {
        let letter = initial(&key);
        match out.last_mut() {
            Some(g) if g.letter == letter => g.items.push(item),
            _ => out.push(IndexGroup {
                letter,
                items: vec![item],
            }),
        }
    }
    out
}

/// Everything the indexes are built from.
pub(crate) struct Sources<'a> {
    pub(crate) project: &'a Project,
    pub(crate) selection: &'a Selection,
    /// Cross-references to entries of the reader, in book order.
    pub(crate) xrefs: &'a [Mention],
    /// Index marks, in book order.
    pub(crate) marks: &'a [MarkPlace],
}

impl Sources<'_> {
    fn places(&self, mentions: &[Mention], key: &str) -> Vec<Place> {
        mentions
            .iter()
            .filter(|m| m.key == key)
            .filter_map(|m| self.place(&m.place))
            .collect()
    }

    /// The entry of the reader whose term or alias is `words`.
    fn entry_named(&self, words: &str) -> Option<Anchor> {
        let key = sort_key(words);
        self.selection.entries.iter().find_map(|id| {
            let e = &self.project.entries[id];
            let named =
                sort_key(&e.term) == key || e.aliases.iter().any(|a| sort_key(a) == key);
            named.then(|| Anchor::Owner(Owner::Entry(id.clone())))
        })
    }

    fn place(&self, at: &Anchor) -> Option<Place> {
        Some(Place {
            at: at.clone(),
            end: None,
            owner: owner_ref(self.project, at.owner()?),
        })
    }

    fn entry_item(&self, id: &EntryId, heading: Heading) -> IndexItem {
        IndexItem {
            heading,
            main: Some(Anchor::Owner(Owner::Entry(id.clone()))),
            places: self.places(self.xrefs, id.as_str()),
            see: None,
            cross: Vec::new(),
            subs: Vec::new(),
        }
    }

    /// The general index: terms, aliases and pinyin (as "See" lines), and the
    /// headings, sub-headings and cross-references of the author's marks (a mark
    /// on a term or alias of an entry adds to the entry's line).
    pub(crate) fn general(&self) -> Vec<IndexGroup> {
        let mut items = Vec::new();
        // Sort keys of terms and aliases → the key of the entry's line.
        let mut lines: BTreeMap<String, String> = BTreeMap::new();
        for id in &self.selection.entries {
            let e = &self.project.entries[id];
            let term = Heading::Words(typographic(&e.term));
            lines.insert(sort_key(&e.term), sort_key(&e.term));
            for a in &e.aliases {
                lines
                    .entry(sort_key(a))
                    .or_insert_with(|| sort_key(&e.term));
            }
            items.push((sort_key(&e.term), self.entry_item(id, term)));
            let see = Ref {
                style: RefStyle::Plain,
                ..owner_ref(self.project, &Owner::Entry(id.clone()))
            };
            let names = e
                .aliases
                .iter()
                .filter(|a| !a.trim().is_empty())
                .map(|a| (a, Heading::Words(typographic(a))))
                .chain([(&e.pinyin, Heading::Pinyin(e.pinyin.clone()))]);
            for (words, heading) in names {
                items.push((
                    sort_key(words),
                    IndexItem {
                        heading,
                        main: None,
                        places: Vec::new(),
                        see: Some(see.clone()),
                        cross: Vec::new(),
                        subs: Vec::new(),
                    },
                ));
            }
        }
        self.add_marks(&mut items, &lines);
        grouped(items)
    }

    /// Files every author's mark under its heading (and sub-heading): a place, the
    /// main discussion, a range of pages, or a cross-reference.
    fn add_marks(
        &self,
        items: &mut Vec<(String, IndexItem)>,
        lines: &BTreeMap<String, String>,
    ) {
        // Open ranges, by heading path: the place that starts each.
        let mut open: BTreeMap<Vec<String>, usize> = BTreeMap::new();
        for m in self.marks {
            let item = item_for(items, lines, &m.mark);
            self.file_mark(item, m, &mut open);
        }
        for (_, item) in items.iter_mut() {
            item.subs.sort_by_cached_key(|i| sub_key(&heading_words(i)));
        }
    }

    /// Files one mark in its item: a place, the main discussion, the start or
    /// end of a range (`open` holds the ranges begun), or a cross-reference.
    fn file_mark(
        &self,
        item: &mut IndexItem,
        m: &MarkPlace,
        open: &mut BTreeMap<Vec<String>, usize>,
    ) {
        let path: Vec<String> = m.mark.path.iter().map(|p| sort_key(p)).collect();
        match &m.mark.kind {
            MarkKind::Place => item.places.extend(self.place(&m.place)),
            MarkKind::Main => {
                if item.main.is_none() {
                    item.main = Some(m.place.clone());
                }
                item.places.extend(self.place(&m.place));
            }
            MarkKind::RangeStart => {
                item.places.extend(self.place(&m.place));
                if !item.places.is_empty() {
                    open.insert(path, item.places.len() - 1);
                }
            }
            MarkKind::RangeEnd => match open.remove(&path) {
                Some(k) => {
                    if let Some(p) = item.places.get_mut(k) {
                        p.end = Some(m.place.clone());
                    }
                }
                None => item.places.extend(self.place(&m.place)),
            },
            MarkKind::See(w) | MarkKind::SeeAlso(w) => {
                let cross = Cross {
                    also: matches!(m.mark.kind, MarkKind::SeeAlso(_)),
                    words: typographic(w),
                    entry: self.entry_named(w),
                };
                if !item.cross.contains(&cross) {
                    item.cross.push(cross);
                }
            }
        }
    }

    /// The index of Chinese terms, by pinyin.
    pub(crate) fn chinese(&self) -> Vec<IndexGroup> {
        let items = self
            .selection
            .entries
            .iter()
            .map(|id| {
                let e = &self.project.entries[id];
                let heading = Heading::Chinese {
                    hanzi: e.hanzi.clone(),
                    pinyin: e.pinyin.clone(),
                    term: owner_ref(self.project, &Owner::Entry(id.clone())),
                };
                (sort_key(&e.pinyin), self.entry_item(id, heading))
            })
            .collect();
        grouped(items)
    }
}

/// The item a mark files under: its heading's (a line of the index already, or
/// a new one), or the sub-heading's within it.
fn item_for<'i>(
    items: &'i mut Vec<(String, IndexItem)>,
    lines: &BTreeMap<String, String>,
    mark: &crate::model::IndexMark,
) -> &'i mut IndexItem {
    let key = sort_key(mark.heading());
    let key = lines.get(&key).cloned().unwrap_or(key);
    let at = match items.iter().position(|(k, i)| *k == key && i.see.is_none()) {
        Some(at) => at,
        None => {
            items.push((key, bare(mark.heading())));
            items.len() - 1
        }
    };
    let item = &mut items[at].1;
    let Some(s) = mark.sub() else {
        return item;
    };
    let sub = item
        .subs
        .iter()
        .position(|i| sub_key(&heading_words(i)) == sub_key(s));
    match sub {
        Some(i) => &mut item.subs[i],
        None => {
            item.subs.push(bare(s));
            let last = item.subs.len() - 1;
            &mut item.subs[last]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::anchor::{Local, Place as At};

    fn at(k: usize) -> Anchor {
        Anchor::In(
            Owner::Entry(crate::model::EntryId::new("a").unwrap()),
            Local::XRef(k),
        )
    }

    // Checks range merging, the main page marking its range, and one locator per
    // page.
    #[test]
    fn pages_merge_into_ranges_around_the_main_page() {
        let mut map = PageMap::default();
        let main = Anchor::Owner(Owner::Entry(crate::model::EntryId::new("t").unwrap()));
        for (a, p) in [
            (main.clone(), 13),
            (at(0), 2),
            (at(1), 6),
            (at(2), 7),
            (at(3), 8),
            (at(4), 8),
            (at(5), 13),
            (at(6), 14),
        ] {
            map.places.insert(
                a,
                At {
                    page: p as usize,
                    printed: p,
                    x: 0.0,
                    y: 0.0,
                },
            );
        }
        let owner = Ref {
            target: Anchor::Owner(Owner::Entry(crate::model::EntryId::new("a").unwrap())),
            words: "A".into(),
            style: RefStyle::Term,
        };
        let item = IndexItem {
            heading: Heading::Words("T".into()),
            main: Some(main),
            places: (0..7)
                .map(|k| Place {
                    at: at(k),
                    end: (k == 0).then(|| at(1)),
                    owner: owner.clone(),
                })
                .collect(),
            see: None,
            cross: vec![],
            subs: vec![],
        };
        let printed: Vec<String> = resolve(&item, Some(&map))
            .iter()
            .map(|l| match l {
                Locator::Pages {
                    first, last, main, ..
                } => {
                    let b = if *main { "*" } else { "" };
                    if first == last {
                        format!("{b}{first}")
                    } else {
                        format!("{b}{first}–{last}")
                    }
                }
                _ => unreachable!(),
            })
            .collect();
        // The range marked from page 2 to page 6 covers 3–5 as well.
        assert_eq!(printed, ["2–8", "*13–14"]);
        assert_eq!(resolve(&item, None).len(), 2);
    }
}
