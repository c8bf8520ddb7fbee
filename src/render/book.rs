//! What a reader contains, decided once for both writers: the lists that close each
//! entry and the two indexes.

use std::collections::BTreeMap;

use crate::cite::Formatted;
use crate::model::{
    Body, Entry, Inline, Owner, Project, Selection, sort_key, walk_inlines,
};

/// One line of the general index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexLine {
    /// A letter heading.
    Letter(String),
    /// A glossary term: its headword and every cross-reference to it.
    Entry {
        /// The term.
        words: String,
        /// Entry id.
        id: String,
    },
    /// An alias or pinyin form pointing at a term.
    See {
        /// The alias or pinyin.
        words: String,
        /// Whether `words` is pinyin (set in italics).
        pinyin: bool,
        /// The term it points at.
        term: String,
        /// Its entry id.
        id: String,
    },
    /// A term marked by authors with `{{index: ...}}`.
    Mark {
        /// The term.
        words: String,
        /// Key shared by all marks of the term.
        key: String,
    },
}

/// One line of the index of Chinese terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZhLine {
    /// A letter heading.
    Letter(String),
    /// An entry: hanzi, pinyin, term.
    Entry {
        /// Entry id.
        id: String,
    },
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

/// The general index: terms, aliases and pinyin (as "see" lines), author marks;
/// sorted case- and accent-insensitively, with letter headings.
pub fn general_index(project: &Project, sel: &Selection) -> Vec<IndexLine> {
    let mut items: Vec<(String, IndexLine)> = Vec::new();
    for id in &sel.entries {
        let e = &project.entries[id];
        items.push((
            sort_key(&e.term),
            IndexLine::Entry {
                words: e.term.clone(),
                id: id.clone(),
            },
        ));
        for a in &e.aliases {
            items.push((
                sort_key(a),
                IndexLine::See {
                    words: a.clone(),
                    pinyin: false,
                    term: e.term.clone(),
                    id: id.clone(),
                },
            ));
        }
        items.push((
            sort_key(&e.pinyin),
            IndexLine::See {
                words: e.pinyin.clone(),
                pinyin: true,
                term: e.term.clone(),
                id: id.clone(),
            },
        ));
    }
    for (key, words) in marks(project, sel) {
        items.push((key.clone(), IndexLine::Mark { words, key }));
    }
    items.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| format!("{:?}", a.1).cmp(&format!("{:?}", b.1)))
    });
    with_letters(items, IndexLine::Letter)
}

/// The index of Chinese terms, by pinyin.
pub fn chinese_index(project: &Project, sel: &Selection) -> Vec<ZhLine> {
    let mut items: Vec<(String, ZhLine)> = sel
        .entries
        .iter()
        .map(|id| {
            (
                sort_key(&project.entries[id].pinyin),
                ZhLine::Entry { id: id.clone() },
            )
        })
        .collect();
    items.sort_by(|a, b| a.0.cmp(&b.0));
    with_letters(items, ZhLine::Letter)
}

fn with_letters<T>(items: Vec<(String, T)>, letter: impl Fn(String) -> T) -> Vec<T> {
    let mut out = Vec::with_capacity(items.len() + 26);
    let mut current = String::new();
    for (key, item) in items {
        let l = initial(&key);
        if l != current {
            out.push(letter(l.clone()));
            current = l;
        }
        out.push(item);
    }
    out
}

/// The bodies of a reader in book order: documents, then entries.
pub fn bodies<'a>(
    project: &'a Project,
    sel: &'a Selection,
) -> impl Iterator<Item = (Owner, &'a Body)> {
    let docs = sel
        .documents
        .iter()
        .map(|d| (Owner::Document(d.clone()), &project.documents[d].body));
    let entries = sel
        .entries
        .iter()
        .map(|e| (Owner::Entry(e.clone()), &project.entries[e].body));
    docs.chain(entries)
}

/// Author index marks of the reader: sort key → term as first written.
pub fn marks(project: &Project, sel: &Selection) -> BTreeMap<String, String> {
    let mut marks = BTreeMap::new();
    for (_, body) in bodies(project, sel) {
        walk_inlines(body, &mut |i| {
            if let Inline::IndexMark(t) = i {
                marks.entry(sort_key(t)).or_insert_with(|| t.clone());
            }
        });
    }
    marks
}

/// The entry's "See also" entries that are in the reader.
pub fn see_also<'a>(
    project: &'a Project,
    sel: &Selection,
    entry: &Entry,
) -> Vec<&'a Entry> {
    entry
        .see_also
        .iter()
        .filter(|s| sel.has_entry(&s.value))
        .filter_map(|s| project.entries.get(&s.value))
        .collect()
}

/// The entry's "Mentioned in" owners that are in the reader.
pub fn mentioned_in<'a>(sel: &Selection, entry: &'a Entry) -> Vec<&'a Owner> {
    entry
        .backlinks
        .iter()
        .filter(|o| match o {
            Owner::Entry(id) => sel.has_entry(id),
            Owner::Document(id) => sel.documents.contains(id),
        })
        .collect()
}

/// The entry's works, in reference-list order.
pub fn sources<'a>(cites: &Formatted, entry: &'a Entry) -> Vec<&'a str> {
    let mut works: Vec<&str> = entry.works.iter().map(String::as_str).collect();
    works.sort_by_key(|k| cites.position(k));
    works.retain(|k| cites.position(k).is_some());
    works
}
