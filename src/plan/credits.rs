//! A document's head and source note as a press prints them: the byline
//! (authors and date), the credits ("Translated by …; edited by …;
//! introduction by …") and the source note of a translation.

use super::refs::typographic;
use crate::cite::Run;
use crate::model::words::Words;
use crate::model::{Credit, Document, Project, Selection};

/// `2016-05-19` → `May 19, 2016` (`2016-05` → `May 2016`); other text unchanged.
pub fn pretty_date(s: &str, words: &Words) -> String {
    let months = &words.months;
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |p: &str| p.parse::<usize>().ok();
    match parts.as_slice() {
        [y, m, d] if num(y).is_some() => match (num(m), num(d)) {
            (Some(m @ 1..=12), Some(d @ 1..=31)) => format!("{} {d}, {y}", months[m - 1]),
            _ => s.to_string(),
        },
        [y, m] if num(y).is_some() => match num(m) {
            Some(m @ 1..=12) => format!("{} {y}", months[m - 1]),
            _ => s.to_string(),
        },
        _ => s.to_string(),
    }
}

/// A role a document credits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Author of a document.
    Author,
    /// Translator.
    Translator,
    /// Editor of a translation.
    Editor,
    /// Author of an introduction.
    IntroductionAuthor,
}

/// A person or organisation and the role a document of the book gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contributor {
    /// The name, whole.
    pub name: String,
    /// Whether it names an organisation.
    pub organization: bool,
    /// The role.
    pub role: Role,
}

/// The contributors of the documents a reader selects, each once per role.
pub(super) fn contributors(project: &Project, selection: &Selection) -> Vec<Contributor> {
    let mut out: Vec<Contributor> = Vec::new();
    for d in selection
        .documents
        .iter()
        .filter_map(|id| project.documents.get(id))
    {
        let c = &d.credits;
        for (role, names) in [
            (Role::Author, &c.authors),
            (Role::Translator, &c.translators),
            (Role::Editor, &c.editors),
            (Role::IntroductionAuthor, &c.introduction),
        ] {
            for n in names {
                let name = typographic(&n.name);
                if !out.iter().any(|x| x.name == name && x.role == role) {
                    out.push(Contributor {
                        name,
                        organization: n.organization,
                        role,
                    });
                }
            }
        }
    }
    out
}

/// Names as a list: "A", "A and B", "A, B, and C" (the serial comma, CMOS
/// 6.19). Each name whole, whatever punctuation it holds; with commas inside
/// a name, names are parted by semicolons (CMOS 6.60).
pub(crate) fn name_list<S: AsRef<str>>(names: &[S], words: &Words) -> String {
    let names: Vec<&str> = names.iter().map(AsRef::as_ref).collect();
    let sep = if names.iter().any(|n| n.contains(',')) {
        ";"
    } else {
        ","
    };
    match names.as_slice() {
        [] => String::new(),
        [a] => (*a).to_string(),
        [a, b] => format!("{a} {} {b}", words.and),
        [rest @ .., last] => format!(
            "{}{sep} {} {last}",
            rest.join(&format!("{sep} ")),
            words.and
        ),
    }
}

fn names_of(credits: &[Credit]) -> Vec<&str> {
    credits.iter().map(|c| c.name.as_str()).collect()
}

/// "CCP Central Committee and State Council, May 19, 2016".
pub(super) fn byline(d: &Document, words: &Words) -> Option<String> {
    let parts: Vec<String> = [
        Some(name_list(&names_of(&d.credits.authors), words)).filter(|s| !s.is_empty()),
        d.date.as_deref().map(|x| pretty_date(x, words)),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| typographic(&parts.join(", ")))
}

/// "Translated by Etcetera Language Group, Inc.; edited by Margaret Liu;
/// introduction by the Translation Center".
pub(super) fn credits(d: &Document, words: &Words) -> Option<String> {
    let c = &d.credits;
    let parts: Vec<String> = [
        (words.translated_by, &c.translators),
        (words.and_edited_by, &c.editors),
        (words.introduction_by, &c.introduction),
    ]
    .into_iter()
    .filter(|(_, names)| !names.is_empty())
    .map(|(role, names)| format!("{role} {}", name_list(&names_of(names), words)))
    .collect();
    let line = upper_first(&parts.join("; "));
    (!line.is_empty()).then(|| typographic(&line))
}

/// The source note of a translation, when its provenance is given: "Source:
/// issuing body, original title, document no. …, date, address (accessed …;
/// archived at …). Translated …; revised …: what changed."
pub(super) fn source_note(d: &Document, words: &Words) -> Option<Vec<Run>> {
    let p = &d.provenance;
    if p.is_empty() {
        return None;
    }
    let text = |s: String| vec![Run::Text(typographic(&s))];
    let link = |u: &String| Run::Link {
        url: u.clone(),
        children: vec![Run::Text(u.clone())],
    };
    let head: Vec<Vec<Run>> = [
        p.issued_by.clone().map(text),
        d.original_title.clone().map(|t| vec![Run::Text(t)]),
        p.document_number
            .as_ref()
            .map(|n| text(format!("{} {n}", words.document_no))),
        d.date.as_deref().map(|x| text(pretty_date(x, words))),
        p.source_url.as_ref().map(|u| vec![link(u)]),
    ]
    .into_iter()
    .flatten()
    .collect();
    let aside: Vec<Vec<Run>> = [
        p.accessed
            .as_deref()
            .map(|a| text(format!("{} {}", words.accessed, pretty_date(a, words)))),
        p.archived_url
            .as_ref()
            .map(|u| vec![Run::Text(format!("{} ", words.archived_at)), link(u)]),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut out = vec![Run::Text(format!("{} ", words.source))];
    out.extend(joined(head, ", "));
    if !aside.is_empty() {
        out.push(Run::Text(" (".into()));
        out.extend(joined(aside, "; "));
        out.push(Run::Text(")".into()));
    }
    out.push(Run::Text(".".into()));
    out.extend(history(d, words));
    Some(out)
}

/// " Translated June 10, 2026; revised October 12, 2026: what changed."
fn history(d: &Document, words: &Words) -> Vec<Run> {
    let p = &d.provenance;
    let mut parts: Vec<String> = Vec::new();
    if let Some(t) = &p.translated {
        parts.push(format!("{} {}", words.translated, pretty_date(t, words)));
    }
    for r in &p.revisions {
        let note = r.note.trim_end_matches('.');
        parts.push(format!(
            "{} {}: {note}",
            words.revised,
            pretty_date(&r.date, words)
        ));
    }
    if parts.is_empty() {
        return Vec::new();
    }
    let line = upper_first(&parts.join("; "));
    vec![Run::Text(format!(" {}.", typographic(&line)))]
}

/// `s` with its first letter capitalized (a sentence made of lowercase roles).
fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn joined(parts: Vec<Vec<Run>>, sep: &str) -> Vec<Run> {
    let mut out = Vec::new();
    for (i, p) in parts.into_iter().enumerate() {
        if i > 0 {
            out.push(Run::Text(sep.into()));
        }
        out.extend(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::words::ENGLISH;

    // Checks lists of names: the serial comma, semicolons when a name has a
    // comma, every name whole.
    #[test]
    fn names_are_listed_whole() {
        let list = |ns: &[&str]| name_list(ns, &ENGLISH);
        assert_eq!(list(&["A"]), "A");
        assert_eq!(list(&["A", "B"]), "A and B");
        assert_eq!(list(&["A", "B", "C"]), "A, B, and C");
        assert_eq!(
            list(&["Etcetera Language Group, Inc.", "Wang Lina", "Margaret Liu"]),
            "Etcetera Language Group, Inc.; Wang Lina; and Margaret Liu"
        );
        assert_eq!(upper_first("edited by X"), "Edited by X");
        assert_eq!(upper_first(""), "");
    }
}
