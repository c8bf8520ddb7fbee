//! What citations print for each work, decided once for the whole reader: the
//! reference-list order, given names where two cited authors share a surname, and
//! year letters (2021a, 2021b) in the order of the reference list.

use std::collections::{BTreeMap, BTreeSet};

use super::run::Run;
use super::text::{Style, styled_title};
use crate::model::{Container, ContainerKind, Kind, Name, Person, Title, Work, sort_key};

/// What begins a reference and its citations.
#[derive(Clone, Copy)]
pub(super) enum Head<'a> {
    /// Authors, or editors (`true`) of a work with no author.
    Names(&'a [Name], bool),
    /// An unsigned article: the newspaper, journal or website.
    Container(&'a Container),
    /// Nothing else: the title.
    Title(&'a Title),
}

impl<'a> Head<'a> {
    /// The head of `w`.
    pub(super) fn of(w: &'a Work) -> Head<'a> {
        if !w.authors.is_empty() {
            return Head::Names(&w.authors, false);
        }
        if !w.editors.is_empty() {
            return Head::Names(&w.editors, true);
        }
        if let Some(c) = &w.container
            && c.kind != ContainerKind::Book
            && !c.title.roman.is_empty()
        {
            return Head::Container(c);
        }
        match &w.title {
            Some(t) => Head::Title(t),
            None => Head::Names(&[], false),
        }
    }

    /// The persons a citation names: one, two, or the first of three or more.
    fn cited_persons(self) -> Vec<&'a Person> {
        let Head::Names(names, _) = self else {
            return Vec::new();
        };
        let cited = if names.len() > 2 { &names[..1] } else { names };
        cited
            .iter()
            .filter_map(|n| match n {
                Name::Person(p) => Some(p),
                Name::Organization { .. } => None,
            })
            .collect()
    }

    /// The order of the reference list: names, then the title without an article.
    fn sort_key(self) -> String {
        match self {
            Head::Names(names, _) => names
                .iter()
                .map(Name::sort_key)
                .collect::<Vec<_>>()
                .join("\u{2}"),
            Head::Container(c) => title_key(&c.title),
            Head::Title(t) => title_key(t),
        }
    }
}

fn title_key(t: &Title) -> String {
    let s = sort_key(if t.roman.is_empty() {
        t.hanzi.as_deref().unwrap_or_default()
    } else {
        &t.roman
    });
    for article in ["the ", "a ", "an "] {
        if let Some(rest) = s.strip_prefix(article) {
            return rest.to_string();
        }
    }
    s
}

/// How a citation names a work and dates it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Label {
    /// "Xi", "Liu Mingfu", "Naughton et al.", *People's Daily*.
    pub(super) names: Vec<Run>,
    /// "2021a", "n.d.-b".
    pub(super) year: String,
    /// The year first published, of a reprint: 1943 in (Mao [1943] 1991).
    pub(super) original: Option<i32>,
}

impl Label {
    /// The year as a citation gives it: "[1943] 1991".
    pub(super) fn cite_year(&self) -> String {
        match self.original {
            Some(o) => format!("[{o}] {}", self.year),
            None => self.year.clone(),
        }
    }

    /// The year as the reference list gives it: "(1943) 1991".
    pub(super) fn list_year(&self) -> String {
        match self.original {
            Some(o) => format!("({o}) {}", self.year),
            None => self.year.clone(),
        }
    }
}

/// How much of a person's name citations give.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fullness {
    Surname,
    Initials,
    Full,
}

/// The works of a reader in reference-list order, each with its label.
pub(super) fn labels<'a>(works: &[(&'a str, &'a Work)]) -> Vec<(&'a str, Label)> {
    let mut ordered: Vec<(&str, &Work, String)> =
        works.iter().map(|(k, w)| (*k, *w, order_key(w))).collect();
    ordered.sort_by(|a, b| a.2.cmp(&b.2).then(a.0.cmp(b.0)));
    let fullness = fullness(works.iter().map(|(_, w)| *w));
    let mut out: Vec<(&str, Label)> = ordered
        .iter()
        .map(|(k, w, _)| (*k, base_label(w, &fullness)))
        .collect();
    add_letters(&mut out);
    out
}

/// Sorts by head, then year (undated works after dated ones), then title.
fn order_key(w: &Work) -> String {
    let year = match w.date {
        Some(d) => format!("{:+08}", d.year),
        None => "~".into(),
    };
    let title = w.title.as_ref().map(title_key).unwrap_or_default();
    // One author alone sorts before the same author with others (\u{1} < \u{2}).
    format!("{}\u{1}{year}\u{1}{title}", Head::of(w).sort_key())
}

/// Given names for persons whose surname another cited person shares (CMOS
/// 13.?: "(C. Doyle 2013; J. Doyle 2013)"); Chinese names are given in full.
fn fullness<'a>(
    works: impl Iterator<Item = &'a Work>,
) -> BTreeMap<(String, String), Fullness> {
    let mut by_family: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    let mut persons: BTreeMap<(String, String), &Person> = BTreeMap::new();
    for w in works {
        for p in Head::of(w).cited_persons() {
            let id = p.identity();
            by_family
                .entry(id.0.clone())
                .or_default()
                .insert(id.clone());
            persons.insert(id, p);
        }
    }
    let mut out = BTreeMap::new();
    for ids in by_family.values().filter(|ids| ids.len() > 1) {
        for id in ids {
            let p = persons[id];
            let initials_clash = ids
                .iter()
                .filter(|other| *other != id)
                .any(|other| initials(persons[other]) == initials(p));
            let f = if p.chinese_order || initials_clash || p.given.is_none() {
                Fullness::Full
            } else {
                Fullness::Initials
            };
            out.insert(id.clone(), f);
        }
    }
    out
}

/// "Elizabeth C." → "E. C."; "Jean-Paul" → "J.-P.".
fn initials(p: &Person) -> String {
    let given = p.given.as_deref().unwrap_or_default();
    given
        .split_whitespace()
        .map(|w| {
            w.split('-')
                .filter_map(|part| part.chars().next())
                .map(|c| format!("{c}."))
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn cite_name(n: &Name, fullness: &BTreeMap<(String, String), Fullness>) -> String {
    let Name::Person(p) = n else {
        return super::text::curly(n.short());
    };
    let given = p.given.as_deref().unwrap_or_default();
    match fullness
        .get(&p.identity())
        .copied()
        .unwrap_or(Fullness::Surname)
    {
        Fullness::Surname => p.family.clone(),
        Fullness::Full if p.chinese_order => format!("{} {given}", p.family),
        Fullness::Full => format!("{given} {}", p.family),
        Fullness::Initials => format!("{} {}", initials(p), p.family),
    }
}

fn base_label(w: &Work, fullness: &BTreeMap<(String, String), Fullness>) -> Label {
    let names = match Head::of(w) {
        Head::Names(names, _) => {
            let short: Vec<String> =
                names.iter().map(|n| cite_name(n, fullness)).collect();
            vec![Run::Text(match short.as_slice() {
                [] => String::new(),
                [a] => a.clone(),
                [a, b] => format!("{a} and {b}"),
                [a, ..] => format!("{a} et al."),
            })]
        }
        Head::Container(c) => {
            let t = Title {
                hanzi: None,
                translation: None,
                ..c.title.clone()
            };
            let style = if c.kind == ContainerKind::Website {
                Style::Roman
            } else {
                Style::Italic
            };
            styled_title(&t, w.english, style)
        }
        Head::Title(t) => short_title(w, t),
    };
    Label {
        names,
        year: w
            .date
            .map_or_else(|| "n.d.".to_string(), |d| d.year.to_string()),
        original: w.original.map(|d| d.year),
    }
}

/// A title cited in place of an author: its first four words (CMOS 13.?).
fn short_title(w: &Work, t: &Title) -> Vec<Run> {
    let words: Vec<&str> = t.roman.split_whitespace().collect();
    let roman = if words.len() > 4 {
        words[..4]
            .join(" ")
            .trim_end_matches([',', ':', ';'])
            .to_string()
    } else {
        t.roman.clone()
    };
    let short = Title {
        roman,
        hanzi: if t.roman.is_empty() {
            t.hanzi.clone()
        } else {
            None
        },
        translation: None,
    };
    let style = match w.kind {
        Kind::Book | Kind::Report => Style::Italic,
        Kind::Document | Kind::Other if w.container.is_none() => Style::Italic,
        _ => Style::Quoted,
    };
    styled_title(&short, w.english, style)
}

/// Year letters for works whose citations would read alike, in list order.
fn add_letters(labels: &mut [(&str, Label)]) {
    let mut groups: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (i, (_, l)) in labels.iter().enumerate() {
        groups
            .entry((super::run::plain(&l.names), l.cite_year()))
            .or_default()
            .push(i);
    }
    for members in groups.values().filter(|m| m.len() > 1) {
        for (n, &i) in members.iter().enumerate() {
            let l = &mut labels[i].1;
            let letters = year_letters(n);
            if l.year == "n.d." {
                l.year = format!("n.d.-{letters}");
            } else {
                l.year.push_str(&letters);
            }
        }
    }
}

/// The year letters of the `i`-th work (0 → a, 25 → z, 26 → aa).
pub(super) fn year_letters(i: usize) -> String {
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
