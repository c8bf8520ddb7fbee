//! The demo PDF read back line by line, as a production editor checks a proof:
//! page furniture, measure, leading beside Chinese, line breaks of pinyin and of
//! short Chinese terms.

use std::sync::OnceLock;

use ccp_press::load_and_check;
use ccp_press::pipeline::Edition;
use ccp_press::render::pdf::Paper;
use ccp_press::render::pdf::inspect::{Line, lines};

/// The body text size of `layouts/book.typ`, in points.
const BODY: f64 = 12.0;
/// Below this baseline a line is in the header (running head and folio).
const HEADER_END: f64 = 72.0;

fn demo() -> &'static [Line] {
    static LINES: OnceLock<Vec<Line>> = OnceLock::new();
    LINES.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let checked = load_and_check(&dir);
        let p = &checked.project;
        let edition =
            Edition::new(p, &p.readers["default"], Paper::Letter).expect("plans");
        let layout = edition.layout(None).expect("lays out");
        lines(&layout.document)
    })
}

fn pages() -> Vec<Vec<&'static Line>> {
    let all = demo();
    let last = all.iter().map(|l| l.page).max().unwrap_or(0);
    (1..=last)
        .map(|p| all.iter().filter(|l| l.page == p).collect())
        .collect()
}

/// The text of every Markdown file of the demo.
fn sources() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let mut text = String::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        for dir in ["glossary", "translations", "essays"] {
            for e in std::fs::read_dir(root.join(dir))
                .expect("content folder")
                .flatten()
            {
                text.push_str(&std::fs::read_to_string(e.path()).unwrap_or_default());
            }
        }
        text
    })
}

/// Every romanized word of the demo: the words of the glossary's `pinyin` fields
/// and of the romanized titles and names of the bibliography (toneless, lowercase).
fn romanized() -> &'static std::collections::BTreeSet<String> {
    static WORDS: OnceLock<std::collections::BTreeSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut lines = Vec::new();
        for e in std::fs::read_dir(root.join("glossary"))
            .expect("glossary")
            .flatten()
        {
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            lines.extend(
                text.lines()
                    .filter_map(|l| l.strip_prefix("pinyin:"))
                    .map(String::from),
            );
        }
        for e in std::fs::read_dir(root.join("bibliography"))
            .expect("bibliography")
            .flatten()
        {
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            // The romanized part: what comes before the characters.
            lines.extend(text.lines().filter_map(|l| {
                let i = l.find(ccp_press::model::is_ideograph)?;
                Some(l[..i].to_string())
            }));
        }
        lines
            .iter()
            .flat_map(|l| l.split(|c: char| !c.is_alphabetic()))
            .filter(|w| ccp_press::model::pinyin_syllables(w).is_some_and(|n| n >= 2))
            .map(ccp_press::model::sort_key)
            .collect()
    })
}

fn is_body(l: &Line) -> bool {
    (l.size - BODY).abs() < 0.01 && l.y > HEADER_END
}

// Checks the furniture: no page holds only a running head or folio, and no page
// that opens a part or document (a title of 16 pt or more near its top) has one.
#[test]
fn furniture_only_where_it_belongs() {
    for (i, page) in pages().iter().enumerate() {
        let head: Vec<&&Line> = page.iter().filter(|l| l.y < HEADER_END).collect();
        let rest = page.len() - head.len();
        assert!(
            head.is_empty() || rest > 0,
            "page {} has only its running head: {head:?}",
            i + 1
        );
        // A part title or document title (a glossary letter is one character).
        let opener = page
            .iter()
            .any(|l| l.size >= 16.0 && l.y < 400.0 && l.text.chars().count() > 3);
        assert!(
            !opener || head.is_empty(),
            "opener page {} has a running head: {head:?}",
            i + 1
        );
    }
}

// Checks the measure of running text: 60 to 75 characters a line (median of the
// full Latin lines of body size).
#[test]
fn measure_of_running_text() {
    let mut counts: Vec<usize> = demo()
        .iter()
        .filter(|l| is_body(l) && !l.cjk)
        .map(|l| l.text.chars().count())
        .filter(|&n| n > 45)
        .collect();
    counts.sort_unstable();
    let median = counts[counts.len() / 2];
    assert!((60..=75).contains(&median), "median line length {median}");
}

// Checks that a line holding Chinese is as far from its neighbours as any other
// line of running text: one baseline distance throughout.
#[test]
fn leading_is_constant_beside_chinese() {
    let mut latin = Vec::new();
    let mut chinese = Vec::new();
    for page in pages() {
        // The list of figures is a list, set like the contents, not running text.
        if page.iter().any(|l| l.text == "FIGURES") {
            continue;
        }
        let body: Vec<&&Line> = page.iter().filter(|l| is_body(l)).collect();
        // A parallel text in columns: its two columns have baselines of their own.
        let left = body.iter().map(|l| l.x).fold(f64::MAX, f64::min);
        if body.iter().any(|l| l.x > left + 100.0) {
            continue;
        }
        for w in body.windows(2) {
            let d = w[1].y - w[0].y;
            if d > 25.0 {
                continue; // a heading, note or quotation in between
            }
            if w[0].cjk || w[1].cjk {
                chinese.push(d);
            } else {
                latin.push(d);
            }
        }
    }
    latin.sort_by(f64::total_cmp);
    let step = latin[latin.len() / 2];
    assert!(chinese.len() > 50, "{} lines with Chinese", chinese.len());
    // A taller line shows as a distance a little over the step; a gap between
    // blocks (a headword, a list) is larger and is not leading.
    for d in chinese {
        assert!(
            (d - step).abs() < 0.05 || d > step + 2.0,
            "baselines {d:.2} pt apart, not {step:.2}"
        );
    }
}

// Checks line breaks: no pinyin word hyphenated, no Chinese name or term of up to
// six characters split across lines.
#[test]
fn no_broken_pinyin_or_short_chinese() {
    for page in pages() {
        let body: Vec<&&Line> = page.iter().filter(|l| l.y > HEADER_END).collect();
        for w in body.windows(2) {
            let (a, b) = (&w[0].text, &w[1].text);
            // typst marks a hyphenation point with a soft hyphen.
            if let Some(head) = a.strip_suffix(['-', '\u{2010}', '\u{ad}']) {
                let left: String = head
                    .chars()
                    .rev()
                    .take_while(|c| c.is_alphabetic())
                    .collect();
                let left: String = left.chars().rev().collect();
                let right: String = b.chars().take_while(|c| c.is_alphabetic()).collect();
                let word = format!("{left}{right}");
                // A hyphen the text has ("long-range") is not hyphenation.
                let written = !a.ends_with('\u{ad}')
                    && sources().contains(&format!("{left}-{right}"));
                assert!(
                    written || !romanized().contains(&ccp_press::model::sort_key(&word)),
                    "page {}: pinyin hyphenated: {left}-/{right}",
                    w[0].page
                );
            }
            // The Chinese run the break falls in, punctuation included.
            let han = |c: &char| ccp_press::model::is_han(*c);
            let tail: String = a.chars().rev().take_while(han).collect();
            let head: String = b.chars().take_while(han).collect();
            let ends_term = tail.starts_with(|c: char| "、，。；：！？》".contains(c));
            if !tail.is_empty() && !head.is_empty() && !ends_term {
                let ideographs = |s: &str| {
                    s.chars()
                        .filter(|c| ccp_press::model::is_ideograph(*c))
                        .count()
                };
                let n = ideographs(&tail) + ideographs(&head);
                assert!(
                    n > 6,
                    "page {}: a short Chinese run split: {a:?} / {b:?}",
                    w[0].page
                );
            }
        }
    }
}

// Checks that the checks above see something: the demo does hyphenate English.
#[test]
fn english_is_still_hyphenated() {
    let n = demo().iter().filter(|l| l.text.ends_with('\u{ad}')).count();
    assert!(n > 20, "{n} hyphenated lines");
}

// Checks the contents: a title that runs over is indented under its first line
// (and the demo has one that does).
#[test]
fn contents_titles_run_over_indented() {
    let contents: Vec<Vec<&Line>> = pages()
        .into_iter()
        .skip_while(|p| !p.iter().any(|l| l.text == "CONTENTS"))
        .take_while(|p| {
            !p.iter().any(|l| l.text == "FIGURES")
                && p.iter()
                    .any(|l| l.text.ends_with(|c: char| c.is_ascii_digit()))
        })
        .collect();
    assert!(!contents.is_empty(), "no contents found");
    let mut run_overs = 0;
    for page in &contents {
        let lines: Vec<&&Line> = page.iter().filter(|l| l.text != "CONTENTS").collect();
        for pair in lines.windows(2) {
            let (first, next) = (pair[0], pair[1]);
            if !first
                .text
                .trim_end()
                .ends_with(|c: char| c.is_ascii_digit())
            {
                run_overs += 1;
                assert!(
                    next.x > first.x + 5.0,
                    "`{}` runs over to `{}` without an indent",
                    first.text,
                    next.text
                );
            }
        }
    }
    assert!(
        run_overs > 0,
        "the demo's contents have a title that runs over"
    );
}
