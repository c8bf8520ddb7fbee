//! hayagriva's reading of a bibliography entry → a typed [`Work`].
//!
//! hayagriva parses the YAML and BibLaTeX syntax; what the fields mean for a
//! Chicago reference is decided here, once: the kind of source (from the entry
//! type and its parent), whether a name is a person or an organisation, and the
//! parts of a title.

use hayagriva::Entry;
use hayagriva::types::{EntryType, Person as HPerson, PersonRole};

use crate::model::{
    Container, ContainerKind, Date, Kind, Name, Person, Title, Work, is_han,
    is_ideograph, is_pinyin_word,
};

/// The work an entry describes.
///
/// `bib_type` is the type word of a BibLaTeX entry (`@legislation`), which
/// hayagriva does not keep for the types it does not know.
pub(super) fn work(entry: &Entry, bib_type: Option<&str>) -> Work {
    let parent = entry.parents().first();
    let container = parent.and_then(|p| container(entry, p));
    let kind = match bib_type {
        Some("legislation" | "legal" | "law" | "jurisdiction") => Kind::Document,
        Some(t) if !BIBLATEX_TYPES.contains(&t) => Kind::Other,
        _ => kind(entry, container.as_ref()),
    };
    let mut w = Work::new(kind);
    w.written_type = match bib_type {
        Some(t) => format!("@{t}"),
        None => format!("{:?}", entry.entry_type()).to_lowercase(),
    };
    w.authors = names(entry.authors().unwrap_or_default());
    w.editors = names(entry.editors().unwrap_or_default());
    w.translators = names(&translators(entry));
    w.title = entry.title().map(|t| title(&t.value.to_string()));
    w.date = entry.date().map(date);
    w.series = parent
        .filter(|_| container.is_none())
        .and_then(|p| p.title())
        .map(|t| t.value.to_string());
    w.number = entry
        .keyed_serial_number("serial")
        .or_else(|| entry.keyed_serial_number("number"))
        .map(str::to_string);
    let field = |f: fn(&Entry) -> Option<String>| f(entry).or_else(|| parent.and_then(f));
    w.volume = field(|e| e.volume().map(|v| v.to_string()));
    w.issue = field(|e| e.issue().map(|v| v.to_string()));
    w.pages = entry.page_range().map(|p| p.to_string());
    w.edition = field(|e| e.edition().map(|v| v.to_string()));
    w.publisher = field(publisher);
    w.genre = entry.genre().map(|g| g.value.to_string());
    w.place = entry.location().map(|l| l.value.to_string());
    w.url = field(|e| e.url().map(|u| u.value.to_string()));
    w.archived = field(|e| {
        e.archive_location()
            .map(|l| l.value.to_string())
            .filter(|l| crate::model::is_web_address(l))
    });
    w.accessed = field_date(entry, parent);
    w.doi = entry.doi().map(str::to_string);
    w.note = entry.note().map(|n| n.value.to_string());
    w.english = is_english(entry);
    if let Some(c) = &container
        && w.kind == Kind::Chapter
        && let (Some(own), Some(book)) = (w.date, c.date)
        && own.year != book.year
    {
        // A text of 1943 in a 1991 edition: cited (Mao [1943] 1991).
        w.original = Some(own);
        w.date = Some(book);
    }
    if w.date.is_none() {
        w.date = container.as_ref().and_then(|c| c.date);
    }
    w.container = container;
    w
}

fn field_date(entry: &Entry, parent: Option<&Entry>) -> Option<Date> {
    entry
        .url()
        .or_else(|| parent.and_then(Entry::url))
        .and_then(|u| u.visit_date.as_ref())
        .map(date)
}

fn publisher(e: &Entry) -> Option<String> {
    e.publisher()
        .and_then(|p| p.name())
        .map(|n| n.value.to_string())
        .or_else(|| e.organization().map(|o| o.value.to_string()))
}

fn translators(entry: &Entry) -> Vec<HPerson> {
    entry
        .affiliated()
        .unwrap_or_default()
        .iter()
        .filter(|a| a.role == PersonRole::Translator)
        .flat_map(|a| a.names.iter().cloned())
        .collect()
}

/// The kind of source, from the entry's type and what holds it.
fn kind(entry: &Entry, container: Option<&Container>) -> Kind {
    let by_container = container.map(|c| match c.kind {
        ContainerKind::Book => Kind::Chapter,
        ContainerKind::Journal => Kind::Journal,
        ContainerKind::Newspaper => Kind::News,
        ContainerKind::Website => Kind::Web,
    });
    let document = entry
        .keyed_serial_number("serial")
        .is_some_and(is_document_number);
    match entry.entry_type() {
        EntryType::Legislation => Kind::Document,
        _ if document => Kind::Document,
        EntryType::Book | EntryType::Anthology | EntryType::Proceedings => by_container
            .filter(|k| *k == Kind::Chapter)
            .unwrap_or(Kind::Book),
        EntryType::Reference => Kind::Book,
        EntryType::Chapter | EntryType::Anthos | EntryType::Entry => Kind::Chapter,
        EntryType::Article => by_container.unwrap_or(Kind::Web),
        EntryType::Web | EntryType::Post | EntryType::Blog | EntryType::Thread => {
            Kind::Web
        }
        EntryType::Newspaper => Kind::News,
        EntryType::Report => Kind::Report,
        EntryType::Thesis => Kind::Thesis,
        EntryType::Performance | EntryType::Conference => Kind::Speech,
        EntryType::Misc | EntryType::Manuscript if entry.genre().is_some() => {
            Kind::Speech
        }
        EntryType::Misc | EntryType::Manuscript => by_container.unwrap_or(Kind::Book),
        _ => Kind::Other,
    }
}

/// The BibLaTeX types that have a Chicago form here (the rest are reported).
const BIBLATEX_TYPES: &[&str] = &[
    "article",
    "book",
    "mvbook",
    "inbook",
    "bookinbook",
    "suppbook",
    "booklet",
    "collection",
    "mvcollection",
    "incollection",
    "suppcollection",
    "manual",
    "misc",
    "online",
    "www",
    "electronic",
    "periodical",
    "suppperiodical",
    "proceedings",
    "mvproceedings",
    "inproceedings",
    "conference",
    "reference",
    "mvreference",
    "inreference",
    "report",
    "techreport",
    "thesis",
    "phdthesis",
    "mastersthesis",
    "unpublished",
];

/// Whether a serial number reads as a Chinese document number: 国发〔2005〕44号,
/// Guofa [2005] No. 44, 中发〔2016〕4号.
pub(crate) fn is_document_number(s: &str) -> bool {
    s.contains('〔') || s.contains('号') || {
        let b = s.find('[');
        b.is_some_and(|i| {
            let year = s[i + 1..].chars().take_while(char::is_ascii_digit).count();
            year == 4 && s[i + 5..].starts_with(']')
        })
    }
}

/// The container of `entry`: its parent, unless the parent only names a series.
fn container(entry: &Entry, parent: &Entry) -> Option<Container> {
    let kind = match parent.entry_type() {
        EntryType::Periodical => ContainerKind::Journal,
        EntryType::Newspaper => ContainerKind::Newspaper,
        EntryType::Web | EntryType::Blog | EntryType::Repository | EntryType::Thread => {
            ContainerKind::Website
        }
        t if t == entry.entry_type() => return None,
        EntryType::Book
        | EntryType::Anthology
        | EntryType::Proceedings
        | EntryType::Reference => ContainerKind::Book,
        _ => return None,
    };
    Some(Container {
        kind,
        title: title(
            &parent
                .title()
                .map(|t| t.value.to_string())
                .unwrap_or_default(),
        ),
        editors: names(parent.editors().unwrap_or_default()),
        date: parent.date().map(date),
    })
}

fn date(d: &hayagriva::types::Date) -> Date {
    Date {
        year: d.year,
        month: d.month.map(|m| m + 1),
        day: d.day.map(|x| x + 1),
    }
}

/// Whether the entry's titles are English: its `language` if given, else whether
/// the title has no characters.
fn is_english(entry: &Entry) -> bool {
    match entry.language() {
        Some(l) => l.language.as_str() == "en",
        None => !entry
            .title()
            .is_some_and(|t| t.value.to_string().chars().any(is_ideograph)),
    }
}

/// "Romanised 汉字 [English]" → its parts. The characters are split off only when
/// they run to the end of the title (or to its translation): an English title
/// with a Chinese word inside stays whole.
pub(crate) fn title(s: &str) -> Title {
    let s = s.trim();
    let (main, translation) = match s.strip_suffix(']').and_then(|t| {
        let open = t.rfind('[')?;
        Some((t[..open].trim_end(), t[open + 1..].trim()))
    }) {
        Some((m, t)) if !m.is_empty() => (m, Some(t.to_string())),
        _ => (s, None),
    };
    let split = first_hanzi(main)
        .filter(|&i| !main[i..].chars().any(|c| c.is_ascii_alphabetic()));
    let (roman, hanzi) = match split {
        Some(i) => (
            main[..i].trim().to_string(),
            Some(main[i..].trim().to_string()),
        ),
        None => (main.to_string(), None),
    };
    Title {
        roman,
        hanzi,
        translation,
    }
}

fn names(people: &[HPerson]) -> Vec<Name> {
    people.iter().map(name).collect()
}

/// One name, as written: hayagriva's parse is undone (it cuts "National
/// Development and Reform Commission" at "and") and the name read again.
///
/// * `{…}` (YAML) or `{{…}}` (BibLaTeX): an organisation.
/// * "Family, Given": a person, Western order; with characters, Chinese order.
/// * "Xi Jinping 习近平" or "Xiao Siwen": a Chinese name, family name first, when
///   the first word is a Chinese surname (the reading of the first character when
///   characters are given) and the rest is pinyin.
/// * Anything else without a comma is an organisation.
pub(crate) fn name(p: &HPerson) -> Name {
    let family = match &p.prefix {
        Some(prefix) => format!("{prefix} {}", p.name),
        None => p.name.clone(),
    };
    let family = family.trim();
    // "{Etcetera Language Group, Inc.}": one name in braces, which hayagriva
    // cut at its commas. Put back together, it is an organisation.
    if family.starts_with('{') && !family.contains('}') {
        let parts = [Some(family), p.suffix.as_deref(), p.given_name.as_deref()];
        let whole: Vec<&str> = parts.into_iter().flatten().collect();
        return whole_name(&whole.join(", "));
    }
    match &p.given_name {
        Some(given) => comma_name(family, given.trim(), p.suffix.clone()),
        None => whole_name(family),
    }
}

fn comma_name(family: &str, given: &str, suffix: Option<String>) -> Name {
    let (family_roman, family_hanzi) = split_hanzi(family);
    let (given_roman, given_hanzi) = split_hanzi(given);
    let hanzi = match (family_hanzi, given_hanzi) {
        (Some(a), Some(b)) => Some(format!("{a}{b}")),
        (a, b) => a.or(b),
    };
    Name::Person(Person {
        family: family_roman,
        given: (!given_roman.is_empty()).then_some(given_roman),
        suffix,
        chinese_order: hanzi.is_some(),
        hanzi,
    })
}

fn whole_name(s: &str) -> Name {
    // "{Ma Group}", "{State Council} 国务院": an organisation, characters after.
    if let Some((inner, after)) = s.strip_prefix('{').and_then(|t| t.split_once('}')) {
        let (name, mut hanzi) = split_hanzi(inner.trim());
        let after = after.trim();
        if !after.is_empty() {
            hanzi = Some(after.to_string());
        }
        return Name::Organization { name, hanzi };
    }
    let (roman, hanzi) = split_hanzi(s);
    if let Some((family, given)) = chinese_person(&roman, hanzi.as_deref()) {
        return Name::Person(Person {
            family,
            given: Some(given),
            suffix: None,
            hanzi,
            chinese_order: true,
        });
    }
    Name::Organization { name: roman, hanzi }
}

/// "Xi Jinping 习近平" → ("Xi Jinping", Some("习近平")).
fn split_hanzi(s: &str) -> (String, Option<String>) {
    match first_hanzi(s) {
        Some(i) => {
            let hanzi: String = s[i..].chars().filter(|c| !c.is_whitespace()).collect();
            (s[..i].trim().to_string(), Some(hanzi))
        }
        None => (s.trim().to_string(), None),
    }
}

/// Where the characters begin: the first ideograph, or the CJK punctuation right
/// before it (《共产党人》发刊词).
fn first_hanzi(s: &str) -> Option<usize> {
    let i = s.find(is_ideograph)?;
    let lead = s[..i]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_han(*c))
        .last()
        .map_or(i, |(j, _)| j);
    Some(lead)
}

/// Family and given name of a Chinese personal name written family name first.
fn chinese_person(roman: &str, hanzi: Option<&str>) -> Option<(String, String)> {
    let words: Vec<&str> = roman.split_whitespace().collect();
    if !(2..=3).contains(&words.len()) || !words.iter().all(|w| is_pinyin_word(w)) {
        return None;
    }
    let family = words[0];
    let surname = match hanzi {
        Some(h) => {
            let chars: Vec<char> = h.chars().collect();
            let n = if COMPOUND_SURNAMES.contains(&fold(family).as_str()) {
                2
            } else {
                1
            };
            (2..=4).contains(&chars.len())
                && chars.len() > n
                && crate::model::pinyin::pinyin_matches(
                    family,
                    &chars[..n].iter().collect::<String>(),
                )
                && crate::model::pinyin::pinyin_matches(roman, h)
        }
        None => {
            let f = fold(family);
            SURNAMES.contains(&f.as_str()) || COMPOUND_SURNAMES.contains(&f.as_str())
        }
    };
    surname.then(|| (family.to_string(), words[1..].join(" ")))
}

fn fold(s: &str) -> String {
    crate::model::sort_key(s).replace(' ', "")
}

/// Common single-syllable Chinese surnames, toneless.
const SURNAMES: &[&str] = &[
    "ai", "an", "bai", "bao", "bi", "bo", "cai", "cao", "cen", "chai", "chang", "chen",
    "cheng", "chi", "chu", "cui", "dai", "deng", "di", "ding", "dong", "dou", "du",
    "duan", "fan", "fang", "fei", "feng", "fu", "gan", "gao", "ge", "geng", "gong", "gu",
    "guan", "guo", "han", "hao", "he", "hong", "hou", "hu", "hua", "huang", "huo", "ji",
    "jia", "jian", "jiang", "jin", "kang", "ke", "kong", "kuang", "lai", "lan", "lang",
    "lei", "li", "lian", "liang", "liao", "lin", "ling", "liu", "long", "lou", "lu",
    "luo", "ma", "mao", "mei", "meng", "miao", "min", "mo", "mu", "ni", "ning", "niu",
    "ou", "pan", "pang", "pei", "peng", "pu", "qi", "qian", "qiao", "qin", "qiu", "qu",
    "rao", "ren", "rong", "ruan", "shan", "shao", "shen", "sheng", "shi", "shu", "song",
    "su", "sun", "tan", "tang", "tao", "tian", "tong", "wan", "wang", "wei", "wen",
    "weng", "wu", "xi", "xia", "xiang", "xiao", "xie", "xin", "xing", "xiong", "xu",
    "xue", "yan", "yang", "yao", "ye", "yi", "yin", "ying", "you", "yu", "yuan", "yue",
    "zang", "zeng", "zha", "zhai", "zhan", "zhang", "zhao", "zheng", "zhong", "zhou",
    "zhu", "zhuang", "zou", "zuo",
];

/// Two-syllable surnames.
const COMPOUND_SURNAMES: &[&str] = &[
    "ouyang",
    "sima",
    "zhuge",
    "shangguan",
    "situ",
    "huangfu",
    "murong",
    "xiahou",
    "dongfang",
    "gongsun",
    "linghu",
    "yuwen",
    "zhangsun",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn person(s: &str) -> HPerson {
        HPerson::from_strings(s.split(',').collect()).unwrap()
    }

    // Checks persons, Chinese names and organisations, including an organisation
    // with "and" that hayagriva cuts and one with characters.
    #[test]
    fn names_are_read_as_written() {
        let org = |s: &str| name(&person(s));
        assert_eq!(
            org("National Development and Reform Commission").inverted(),
            "National Development and Reform Commission"
        );
        assert!(matches!(
            org("State Council 国务院"),
            Name::Organization { .. }
        ));
        assert!(matches!(
            org("Xinhua She 新华社"),
            Name::Organization { .. }
        ));
        assert!(matches!(
            org("Renmin Ribao 人民日报"),
            Name::Organization { .. }
        ));
        assert!(matches!(org("{Ma Group}"), Name::Organization { .. }));
        assert!(matches!(
            org("Brookings Institution"),
            Name::Organization { .. }
        ));
        let xi = org("Xi Jinping 习近平");
        assert_eq!(xi.inverted(), "Xi Jinping 习近平");
        assert_eq!(xi.short(), "Xi");
        assert_eq!(org("Xiao Siwen").short(), "Xiao");
        assert_eq!(org("Ouyang Xiu 欧阳修").short(), "Ouyang");
        let economy = org("Economy, Elizabeth C.");
        assert_eq!(economy.inverted(), "Economy, Elizabeth C.");
        assert_eq!(economy.direct(), "Elizabeth C. Economy");
        assert_eq!(org("Chen, Yan 陈岩").inverted(), "Chen Yan 陈岩");
        // An organisation with commas in its name, in braces: whole.
        let etc = org("{Etcetera Language Group, Inc.}");
        assert!(matches!(etc, Name::Organization { .. }));
        assert_eq!(etc.inverted(), "Etcetera Language Group, Inc.");
        assert_eq!(etc.short(), "Etcetera Language Group, Inc.");
        assert_eq!(
            org("{Translation Center, Inc.} 译文中心").inverted(),
            "Translation Center, Inc. 译文中心"
        );
    }

    // Checks the parts of titles.
    #[test]
    fn titles_split_into_parts() {
        let t = title("Zhongguo Meng 中国梦 [The Chinese dream]");
        assert_eq!(t.roman, "Zhongguo Meng");
        assert_eq!(t.hanzi.as_deref(), Some("中国梦"));
        assert_eq!(t.translation.as_deref(), Some("The Chinese dream"));
        let t = title("The Meaning of 中国梦 in Xi's Speeches");
        assert_eq!(t.hanzi, None);
        let t = title(
            "Guojia Gangyao (2006–2020 Nian) 国家纲要（2006—2020年） [Outline (2006–2020)]",
        );
        assert_eq!(t.roman, "Guojia Gangyao (2006–2020 Nian)");
        assert_eq!(t.hanzi.as_deref(), Some("国家纲要（2006—2020年）"));
        assert_eq!(title("[Untitled]").roman, "[Untitled]");
        assert!(is_document_number("国发〔2005〕44号"));
        assert!(is_document_number("Guofa [2005] No. 44"));
        assert!(!is_document_number("NBR Special Report 83"));
    }
}
