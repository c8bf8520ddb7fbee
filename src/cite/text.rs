//! The typography of a reference: headline-style capitals that respect what is
//! written, quotation marks that alternate, inclusive page numbers, dates.

use super::run::Run;
use crate::model::words::ENGLISH;
use crate::model::{Date, Title};

/// Words Chicago lowercases inside a headline-style title (articles, coordinating
/// conjunctions, common prepositions), unless first or last.
/// Adverbs that double as prepositions ("Opening Up", "Stave Off") are left out.
const MINOR: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "but",
    "or",
    "nor",
    "for",
    "as",
    "at",
    "by",
    "from",
    "in",
    "into",
    "of",
    "on",
    "onto",
    "per",
    "to",
    "via",
    "vs",
    "with",
    "upon",
    "about",
    "after",
    "against",
    "along",
    "amid",
    "among",
    "amongst",
    "around",
    "before",
    "behind",
    "below",
    "beneath",
    "beside",
    "between",
    "beyond",
    "despite",
    "during",
    "except",
    "like",
    "over",
    "since",
    "than",
    "through",
    "throughout",
    "toward",
    "towards",
    "under",
    "until",
    "within",
    "without",
];

/// Headline-style capitalisation (CMOS 8.160) that only ever raises an initial
/// lowercase letter or lowers a capitalised minor word: acronyms ("CCP's"), inner
/// capitals ("ChinaFile"), numbers, addresses and bracketed text stay as written.
pub(crate) fn title_case(s: &str) -> String {
    let words: Vec<&str> = s.split(' ').collect();
    let mut out = Vec::with_capacity(words.len());
    let mut first = true;
    let mut bracket = 0i32;
    for (i, w) in words.iter().enumerate() {
        let last = i + 1 == words.len() || ends_part(w);
        let cased = if bracket > 0 || w.starts_with('[') {
            (*w).to_string()
        } else {
            case_word(w, first, last)
        };
        bracket += w.matches('[').count() as i32 - w.matches(']').count() as i32;
        out.push(cased);
        if !w.is_empty() {
            first = ends_part(w);
        }
    }
    out.join(" ")
}

/// Whether a word ends a part of a title (a colon, dash or question mark).
fn ends_part(w: &str) -> bool {
    w.ends_with([':', '?', '!', '—', '.']) || w == "—"
}

fn case_word(w: &str, first: bool, last: bool) -> String {
    let mut parts = w.split('-');
    let mut out = case_part(parts.next().unwrap_or_default(), first, last);
    for p in parts {
        out.push('-');
        out.push_str(&case_part(p, false, last));
    }
    out
}

fn case_part(part: &str, first: bool, last: bool) -> String {
    let lead = part.len() - part.trim_start_matches(['(', '“', '‘', '"', '\'']).len();
    let (head, core) = part.split_at(lead);
    let letters = core.trim_end_matches(|c: char| !c.is_alphanumeric());
    let minor = MINOR.contains(&letters.to_lowercase().as_str()) && !first && !last;
    if letters.is_empty() || core.contains(['.', '/', '@']) && !minor {
        return part.to_string();
    }
    let mut chars = letters.chars();
    let initial = chars.next().unwrap_or_default();
    let rest_lower = chars
        .clone()
        .all(|c| !c.is_uppercase() && !c.is_ascii_digit());
    if letters.chars().any(|c| c.is_ascii_digit()) || !rest_lower {
        return part.to_string();
    }
    let new_initial: String = if minor {
        initial.to_lowercase().collect()
    } else {
        initial.to_uppercase().collect()
    };
    format!("{head}{new_initial}{}", &core[initial.len_utf8()..])
}

/// Straight quotation marks → curly ones; `'` between letters is an apostrophe.
pub(crate) fn curly(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev: Option<char> = None;
    for c in s.chars() {
        let opening = prev.is_none_or(|p| p.is_whitespace() || "([{“‘—–/".contains(p));
        out.push(match (c, opening) {
            ('"', true) => '“',
            ('"', false) => '”',
            ('\'', true) => '‘',
            ('\'', false) => '’',
            _ => c,
        });
        prev = Some(c);
    }
    out
}

/// The text of a title set inside double quotation marks: its own double marks
/// become single and its single marks double (CMOS 6.11); apostrophes stay.
pub(crate) fn nested(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut open_single = 0usize;
    for (i, &c) in chars.iter().enumerate() {
        let next_letter = chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        out.push(match c {
            '“' => '‘',
            '”' => '’',
            '‘' => {
                open_single += 1;
                '“'
            }
            '’' if open_single > 0 && !next_letter => {
                open_single -= 1;
                '”'
            }
            _ => c,
        });
    }
    out
}

/// Whether the quotation marks of a text pair up (a title with an opening mark
/// and no closing one is reported by the bibliography lint).
pub(crate) fn quotes_balance(s: &str) -> bool {
    let s = curly(s);
    s.matches('“').count() == s.matches('”').count()
}

/// Inclusive page numbers, abbreviated as CMOS 9.64 does: 3–10, 71–72, 100–104,
/// 101–8, 321–28, 498–532, 1087–89, 1496–1504.
pub(crate) fn pages(s: &str) -> String {
    s.split(',')
        .map(|part| {
            let part = part.trim();
            match part.split_once(['-', '–']) {
                Some((a, b)) => {
                    format!("{}–{}", a.trim(), abbreviate(a.trim(), b.trim()))
                }
                None => part.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn abbreviate(first: &str, second: &str) -> String {
    let (Ok(a), Ok(b)) = (first.parse::<u64>(), second.parse::<u64>()) else {
        return second.to_string();
    };
    if a < 100 || a % 100 == 0 || b <= a || first.len() != second.len() {
        return second.to_string();
    }
    let keep = if a % 100 < 10 { 1 } else { 2 };
    let (sa, sb) = (first.as_bytes(), second.as_bytes());
    let differ = sa
        .iter()
        .zip(sb)
        .position(|(x, y)| x != y)
        .unwrap_or(sa.len());
    let changed = sb.len() - differ;
    if sb.len() == 4 && changed >= 3 {
        return second.to_string();
    }
    second[sb.len() - changed.max(keep)..].to_string()
}

/// "November 29, 2012", "November 2012", "2012".
pub(crate) fn full_date(d: &Date) -> String {
    let month = d
        .month
        .and_then(|m| ENGLISH.months.get(usize::from(m).wrapping_sub(1)));
    match (month, d.day) {
        (Some(m), Some(day)) => format!("{m} {day}, {}", d.year),
        (Some(m), None) => format!("{m} {}", d.year),
        _ => d.year.to_string(),
    }
}

/// "2" → "2nd ed.", "Revised edition" → "Rev. ed.", other text as written.
pub(crate) fn edition(s: &str) -> String {
    let s = s.trim();
    if let Ok(n) = s.parse::<u32>() {
        let suffix = match (n % 10, n % 100) {
            (_, 11..=13) => "th",
            (1, _) => "st",
            (2, _) => "nd",
            (3, _) => "rd",
            _ => "th",
        };
        return format!("{n}{suffix} ed.");
    }
    let lower = s.to_lowercase();
    if lower.starts_with("rev") {
        return "Rev. ed.".into();
    }
    if lower.ends_with("edition") {
        return format!("{} ed.", s[..s.len() - "edition".len()].trim());
    }
    s.to_string()
}

/// How a title is set.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    Italic,
    Quoted,
    Roman,
}

/// The romanised (or English) title set in `style`, then the characters and the
/// bracketed translation, both roman and as written.
pub(super) fn styled_title(t: &Title, english: bool, style: Style) -> Vec<Run> {
    let mut roman = curly(&t.roman);
    if english && t.hanzi.is_none() {
        roman = title_case(&roman);
    }
    let mut runs = Vec::new();
    if !roman.is_empty() {
        runs.push(match style {
            Style::Italic => Run::Italic(vec![Run::Text(roman)]),
            Style::Quoted => Run::Text(format!("“{}”", nested(&roman))),
            Style::Roman => Run::Text(roman),
        });
    }
    let mut tail = String::new();
    for part in [
        t.hanzi.clone(),
        t.translation.as_ref().map(|x| format!("[{}]", curly(x))),
    ]
    .into_iter()
    .flatten()
    {
        if !runs.is_empty() || !tail.is_empty() {
            tail.push(' ');
        }
        tail.push_str(&part);
    }
    if !tail.is_empty() {
        runs.push(Run::Text(tail));
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    // Checks headline style: minor words lowered, acronyms and inner capitals kept,
    // the word after a colon raised, bracketed text untouched.
    #[test]
    fn headline_style_respects_the_text() {
        assert_eq!(
            title_case("Remaking the CCP's ideology: determinants, progress, And limits"),
            "Remaking the CCP's Ideology: Determinants, Progress, and Limits"
        );
        assert_eq!(
            title_case("United Front work, corporatism, and hegemony"),
            "United Front Work, Corporatism, and Hegemony"
        );
        assert_eq!(
            title_case("a ChinaFile translation"),
            "A ChinaFile Translation"
        );
        assert_eq!(title_case("is China socialist?"), "Is China Socialist?");
        assert_eq!(title_case("what it is for"), "What It Is For");
        assert_eq!(
            title_case("self-reliance in the 2020s"),
            "Self-Reliance in the 2020s"
        );
        assert_eq!(
            title_case("the speech [in Chinese, abridged]"),
            "The Speech [in Chinese, abridged]"
        );
        assert_eq!(title_case("on xinhuanet.com"), "On xinhuanet.com");
    }

    // Checks curly quotes and their alternation inside a quoted title.
    #[test]
    fn quotes_alternate() {
        assert_eq!(
            curly("Guanyu \"Gao Zhiliang\" de Mao's"),
            "Guanyu “Gao Zhiliang” de Mao’s"
        );
        assert_eq!(nested("On “Common Prosperity”"), "On ‘Common Prosperity’");
        assert_eq!(nested("Xi’s ‘Two Establishes’"), "Xi’s “Two Establishes”");
        assert!(!quotes_balance("On \"Common Prosperity"));
    }

    // Checks CMOS 9.64's inclusive numbers.
    #[test]
    fn page_ranges() {
        for (a, b) in [
            ("3-10", "3–10"),
            ("71-72", "71–72"),
            ("96-117", "96–117"),
            ("100-104", "100–104"),
            ("1100-1113", "1100–1113"),
            ("101-108", "101–8"),
            ("808-833", "808–33"),
            ("1103-1104", "1103–4"),
            ("321-328", "321–28"),
            ("498-532", "498–532"),
            ("1087-1089", "1087–89"),
            ("1496-1504", "1496–1504"),
            ("11564-11615", "11564–615"),
            ("140-153", "140–53"),
            ("1-30", "1–30"),
            ("xi-xv", "xi–xv"),
        ] {
            assert_eq!(pages(a), b, "{a}");
        }
    }

    // Checks dates and editions.
    #[test]
    fn dates_and_editions() {
        let d = Date {
            year: 2012,
            month: Some(11),
            day: Some(29),
        };
        assert_eq!(full_date(&d), "November 29, 2012");
        assert_eq!(edition("2"), "2nd ed.");
        assert_eq!(edition("Revised edition"), "Rev. ed.");
    }
}
