//! One reference-list entry in Chicago author-date form (CMOS 18, chapter 13),
//! with the center's conventions for Chinese-language works: romanised title,
//! characters, then the translation in brackets; names in Chinese order with the
//! characters after them.

use super::label::{Head, Label};
use super::run::Run;
use super::text::{Style, curly, edition, full_date, pages, styled_title, title_case};
use crate::model::{ContainerKind, Kind, Name, Title, Work};

/// The reference-list entry of `work`, whose citations read `label`.
pub(super) fn reference(work: &Work, label: &Label) -> Vec<Run> {
    let mut b = Builder::default();
    let head = Head::of(work);
    match head {
        Head::Names(names, editors) => {
            let mut s = name_list(names, true);
            if editors {
                s.push_str(if names.len() > 1 { ", eds" } else { ", ed" });
            }
            b.sentence(vec![Run::Text(s)]);
        }
        Head::Container(c) => b.sentence(container_title(&c.title, c.kind, work.english)),
        Head::Title(t) => b.sentence(title(work, t)),
    }
    b.sentence(vec![Run::Text(label.list_year())]);
    if let (Some(t), false) = (&work.title, matches!(head, Head::Title(_))) {
        b.sentence(title(work, t));
    }
    if !work.editors.is_empty() && !matches!(head, Head::Names(_, true)) {
        b.sentence(text(format!(
            "Edited by {}",
            name_list(&work.editors, false)
        )));
    }
    if !work.translators.is_empty() {
        b.sentence(text(format!(
            "Translated by {}",
            name_list(&work.translators, false)
        )));
    }
    details(&mut b, work);
    if let Some(note) = &work.note {
        b.sentence(text(curly(note)));
    }
    if work.date.is_none_or(|d| d.month.is_none())
        && let (Some(a), Some(_)) = (&work.accessed, &work.url)
    {
        b.sentence(text(format!("Accessed {}", full_date(a))));
    }
    if let Some(url) = address(work) {
        b.sentence(vec![Run::Link {
            url: url.clone(),
            children: vec![Run::Text(url)],
        }]);
    }
    if let Some(url) = &work.archived {
        b.sentence(vec![
            Run::Text("Archived at ".into()),
            Run::Link {
                url: url.clone(),
                children: vec![Run::Text(url.clone())],
            },
        ]);
    }
    b.finish()
}

/// What follows the title, by kind of source.
fn details(b: &mut Builder, w: &Work) {
    match w.kind {
        Kind::Book => {
            edition_and_volume(b, w);
            series(b, w);
            publisher(b, w);
        }
        Kind::Chapter => chapter(b, w),
        Kind::Journal => journal(b, w),
        Kind::News | Kind::Web => dated_container(b, w),
        Kind::Report => {
            series(b, w);
            publisher(b, w);
        }
        Kind::Other => {
            series(b, w);
            genre(b, w);
            publisher(b, w);
        }
        Kind::Document => {
            series(b, w);
            if w.container.is_some() {
                dated_container(b, w);
            } else {
                published(b, w);
            }
        }
        Kind::Thesis => {
            let mut s = w.genre.as_deref().map_or("Thesis".into(), thesis_genre);
            if let Some(p) = &w.publisher {
                s = format!("{s}, {p}");
            }
            b.sentence(text(s));
        }
        Kind::Speech => speech(b, w),
    }
}

fn edition_and_volume(b: &mut Builder, w: &Work) {
    if let Some(e) = &w.edition {
        b.sentence(text(edition(e)));
    }
    if let Some(v) = &w.volume {
        b.sentence(text(format!("Vol. {v}")));
    }
}

/// "In *Book* 汉字 [Translation], edited by …, 2nd ed., vol. 3, 140–53. Publisher."
fn chapter(b: &mut Builder, w: &Work) {
    let Some(c) = &w.container else {
        publisher(b, w);
        return;
    };
    let mut runs = vec![Run::Text("In ".into())];
    runs.extend(container_title(&c.title, c.kind, w.english));
    let mut tail = Vec::new();
    if !c.editors.is_empty() {
        tail.push(format!("edited by {}", name_list(&c.editors, false)));
    }
    tail.extend(w.edition.as_deref().map(|e| lower_first(&edition(e))));
    tail.extend(w.volume.as_ref().map(|v| format!("vol. {v}")));
    tail.extend(w.pages.as_deref().map(pages));
    for t in tail {
        runs.push(Run::Text(format!(", {t}")));
    }
    b.sentence(runs);
    publisher(b, w);
}

/// "*Journal* 43 (1): 1–26." or "*Qiushi* 求是, no. 9: 4–12."
fn journal(b: &mut Builder, w: &Work) {
    let Some(c) = &w.container else {
        return;
    };
    let mut runs = container_title(&c.title, c.kind, w.english);
    let mut s = String::new();
    match (&w.volume, &w.issue) {
        (Some(v), Some(i)) => s.push_str(&format!(" {v} ({i})")),
        (Some(v), None) => s.push_str(&format!(" {v}")),
        (None, Some(i)) => s.push_str(&format!(", no. {i}")),
        (None, None) => {}
    }
    if let Some(p) = &w.pages {
        s.push_str(&format!(": {}", pages(p)));
    }
    runs.push(Run::Text(s));
    b.sentence(runs);
}

/// "*Renmin Ribao* 人民日报, May 10, 2016." or "Xinhua Wang 新华网, April 15, 2014."
/// An unsigned article, which the container already begins, gives the date alone.
fn dated_container(b: &mut Builder, w: &Work) {
    let container = w
        .container
        .as_ref()
        .filter(|_| !matches!(Head::of(w), Head::Container(_)));
    let mut runs = match container {
        Some(c) => {
            let mut r = container_title(&c.title, c.kind, w.english);
            if c.kind == ContainerKind::Journal {
                // A gazette: the issue dates the document; the year is cited.
                if let Some(i) = &w.issue {
                    r.push(Run::Text(format!(", no. {i}")));
                }
                b.sentence(r);
                return;
            }
            r
        }
        None => Vec::new(),
    };
    if let Some(d) = w.date.filter(|d| d.month.is_some()) {
        if !runs.is_empty() {
            runs.push(Run::Text(", ".into()));
        }
        runs.push(Run::Text(full_date(&d)));
    }
    if !runs.is_empty() {
        b.sentence(runs);
    }
}

/// "Xinhua She 新华社, May 19, 2016.": who issued a standalone document, and when.
fn published(b: &mut Builder, w: &Work) {
    let parts: Vec<String> = w
        .publisher
        .iter()
        .map(|p| curly(p))
        .chain(w.date.filter(|d| d.month.is_some()).map(|d| full_date(&d)))
        .collect();
    if !parts.is_empty() {
        b.sentence(text(parts.join(", ")));
    }
}

/// "Speech at …, Beijing, August 23, 1999." then where it was published.
fn speech(b: &mut Builder, w: &Work) {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(w.genre.clone());
    parts.extend(w.place.clone());
    parts.extend(w.date.filter(|d| d.month.is_some()).map(|d| full_date(&d)));
    if !parts.is_empty() {
        b.sentence(text(parts.join(", ")));
    }
    if let Some(c) = &w.container {
        b.sentence(container_title(&c.title, c.kind, w.english));
    }
    publisher(b, w);
}

/// "NBR Special Report 83", "Guofa 国发〔2005〕44号", "No. 12".
fn series(b: &mut Builder, w: &Work) {
    let label = match (&w.series, w.kind) {
        (Some(s), _) => Some(label_case(s, w)),
        (None, Kind::Report) => w.genre.as_deref().map(|g| upper_first(&curly(g))),
        _ => None,
    };
    // BibLaTeX's `number` of a book in a series arrives as its issue.
    let number = w.number.clone().or_else(|| {
        (w.series.is_some() && w.kind == Kind::Book)
            .then(|| w.issue.clone())
            .flatten()
    });
    let s = match (label, &number) {
        (Some(l), Some(n)) => format!("{l} {n}"),
        (Some(l), None) => l,
        (None, Some(n)) if n.starts_with(|c: char| c.is_ascii_digit()) => {
            format!("No. {n}")
        }
        (None, Some(n)) => n.clone(),
        (None, None) => return,
    };
    b.sentence(text(s));
}

fn label_case(s: &str, w: &Work) -> String {
    if w.english {
        title_case(&curly(s))
    } else {
        curly(s)
    }
}

/// The genre of a work whose series did not print it.
fn genre(b: &mut Builder, w: &Work) {
    if w.series.is_some()
        && let Some(g) = &w.genre
    {
        b.sentence(text(upper_first(&curly(g))));
    }
}

fn publisher(b: &mut Builder, w: &Work) {
    if let Some(p) = &w.publisher {
        b.sentence(text(curly(p)));
    }
}

/// "Doctoral dissertation" (BibLaTeX's word) → "PhD diss." (Chicago's).
fn thesis_genre(g: &str) -> String {
    let lower = g.to_lowercase();
    if lower.contains("doctoral")
        || lower.contains("phd")
        || lower.contains("dissertation")
    {
        "PhD diss.".into()
    } else if lower.contains("master") {
        "Master's thesis".into()
    } else {
        upper_first(g)
    }
}

/// The DOI as an address, or the URL.
fn address(w: &Work) -> Option<String> {
    match &w.doi {
        Some(d) if d.starts_with("http") => Some(d.clone()),
        Some(d) => Some(format!("https://doi.org/{d}")),
        None => w.url.clone(),
    }
}

/// A work's own title: *italic* for whole publications, “quoted” for parts of
/// something else (CMOS 8.163, 14.86).
pub(super) fn title(w: &Work, t: &Title) -> Vec<Run> {
    let italic = match w.kind {
        Kind::Book | Kind::Report => true,
        Kind::Document | Kind::Other => w.container.is_none(),
        _ => false,
    };
    if italic {
        styled_title(t, w.english, Style::Italic)
    } else {
        styled_title(t, w.english, Style::Quoted)
    }
}

/// A container's title: websites roman, the rest italic.
pub(super) fn container_title(t: &Title, kind: ContainerKind, english: bool) -> Vec<Run> {
    let english = english && t.hanzi.is_none();
    match kind {
        ContainerKind::Website => styled_title(t, english, Style::Roman),
        _ => styled_title(t, english, Style::Italic),
    }
}

/// Names as a reference list gives them: the first inverted (if `invert`), up to
/// six, then the first three and "et al." (CMOS 13.76).
pub(super) fn name_list(names: &[Name], invert: bool) -> String {
    let shown: Vec<String> = names
        .iter()
        .take(if names.len() > 6 { 3 } else { 6 })
        .enumerate()
        .map(|(i, n)| {
            curly(&if i == 0 && invert {
                n.inverted()
            } else {
                n.direct()
            })
        })
        .collect();
    if names.len() > 6 {
        return format!("{}, et al.", shown.join(", "));
    }
    match shown.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] if a.contains(',') => format!("{a}, and {b}"),
        [a, b] => format!("{a} and {b}"),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
    }
}

fn text(s: String) -> Vec<Run> {
    vec![Run::Text(s)]
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

/// Joins the parts of a reference with Chicago's punctuation: a period between
/// parts, placed inside a closing quotation mark, and dropped after a question or
/// exclamation mark or a period already there.
#[derive(Default)]
pub(super) struct Builder {
    runs: Vec<Run>,
}

impl Builder {
    /// Ends what is there with a period and starts a new part.
    pub(super) fn sentence(&mut self, part: Vec<Run>) {
        if part.is_empty() {
            return;
        }
        if !self.runs.is_empty() {
            self.close('.');
            self.runs.push(Run::Text(" ".into()));
        }
        self.runs.extend(part);
    }

    /// The entry with its final period.
    pub(super) fn finish(mut self) -> Vec<Run> {
        self.close('.');
        super::run::merge(self.runs)
    }

    /// Adds `mark` after the text, inside a closing quotation mark, unless the
    /// text already ends with a stop.
    fn close(&mut self, mark: char) {
        let Some(last) = last_text(&mut self.runs) else {
            return;
        };
        let quote = last.ends_with(['”', '’']);
        let body = last.trim_end_matches(['”', '’']);
        if body.ends_with(['.', '?', '!']) {
            return;
        }
        if quote {
            let at = body.len();
            last.insert(at, mark);
        } else {
            last.push(mark);
        }
    }
}

/// The last text run, looking inside styled runs: a period after an italic title
/// is set after it, in roman, so the innermost text only tells whether one is due.
fn last_text(runs: &mut Vec<Run>) -> Option<&mut String> {
    let ends_styled = !matches!(runs.last(), Some(Run::Text(_)) | None);
    if ends_styled {
        let stop = match runs.last() {
            Some(r) => {
                super::run::plain(std::slice::from_ref(r)).ends_with(['.', '?', '!'])
            }
            None => false,
        };
        runs.push(Run::Text(String::new()));
        if stop {
            // A terminal stop inside the styled run: nothing is added after it.
            return None;
        }
    }
    match runs.last_mut() {
        Some(Run::Text(t)) => Some(t),
        _ => None,
    }
}
