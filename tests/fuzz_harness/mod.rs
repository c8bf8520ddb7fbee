//! A structured fuzzer on stable Rust: generates content folders (front matter,
//! bodies with every inline syntax, bibliographies, readers) from a seed, runs
//! them through `check` and both writers, and checks that nothing panics, that
//! every diagnostic renders, that the typst markup parses and the XHTML is
//! well-formed. Shared by `tests/fuzz.rs` (a short run) and `examples/fuzz.rs`
//! (long runs: `cargo run --release --example fuzz -- CASES [FIRST_SEED]`).

#![allow(dead_code, reason = "the test and the example use different parts")]

use std::fmt::Write as _;
use std::path::Path;

use ccp_press::diag::Severity;
use ccp_press::pipeline::Edition;
use ccp_press::render::epub::xhtml::{Files, Writer};
use ccp_press::render::pdf::Paper;

/// A small deterministic generator (splitmix64). Half of the cases are `clean`:
/// every reference resolves, so they reach the writers with hostile text.
pub(crate) struct Rng(u64, bool);

impl Rng {
    /// A generator for `seed`.
    pub(crate) fn new(seed: u64) -> Self {
        Rng(
            seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03,
            seed.is_multiple_of(2),
        )
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n`.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True once in `n` times.
    pub(crate) fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }

    /// A word of [`WORDS`]; in clean cases not one that is an error where it lands
    /// (blank words, braces, a pipe, another entry's term).
    fn word(&mut self) -> &'static str {
        loop {
            let w = WORDS[self.below(WORDS.len())];
            if !self.1
                || ![
                    "x\u{1}y",
                    "🙂",
                    "ﬁ",
                    "   ",
                    "\u{200B}",
                    "{{",
                    "}}",
                    "|",
                    "common prosperity",
                    "新發展理念",
                    "\\",
                    "`",
                    "[",
                    "]",
                ]
                .contains(&w)
            {
                return w;
            }
        }
    }

    /// Words for places that take plain text only (cross-reference words, index
    /// terms): any word in hostile cases, plain words in clean ones.
    fn plain(&mut self) -> &'static str {
        if self.1 {
            PLAIN[self.below(PLAIN.len())]
        } else {
            self.pick(WORDS)
        }
    }

    /// An entry id: one that exists in clean cases.
    fn id(&mut self) -> &'static str {
        if self.1 {
            CLEAN_IDS[self.below(CLEAN_IDS.len())]
        } else {
            self.pick(IDS)
        }
    }

    /// A bibliography key: one that exists in clean cases.
    fn key(&mut self) -> &'static str {
        if self.1 {
            CLEAN_KEYS[self.below(CLEAN_KEYS.len())]
        } else {
            self.pick(KEYS)
        }
    }
}

const PLAIN: &[&str] = &[
    "the Party",
    "a & b",
    "\"quoted\" and 'single'",
    "共同富裕",
    "Gòngtóng Fùyù",
    "#read(\"/etc/passwd\")",
    "e\u{301}",
];
const CLEAN_IDS: &[&str] = &["common-prosperity", "mass-line", "reform"];
const CLEAN_KEYS: &[&str] = &["xi-2021", "mao-1943"];

const IDS: &[&str] = &[
    "common-prosperity",
    "mass-line",
    "reform",
    "a",
    "x-1",
    "Bad_Id",
    "q&a",
];
const KEYS: &[&str] = &[
    "xi-2021",
    "mao-1943",
    "state-council-2016",
    "missing-key",
    "a_b",
];
const WORDS: &[&str] = &[
    "the Party",
    "common prosperity",
    "#read(\"/etc/passwd\")",
    "$x^2$",
    "<script>alert(1)</script>",
    "a & b",
    "]]>",
    "\"quoted\" and 'single'",
    "共同富裕",
    "新發展理念",
    "Gòngtóng Fùyù",
    "x\u{1}y",
    "tab\there",
    "// comment",
    "@",
    "\\",
    "*",
    "_",
    "`",
    "[",
    "]",
    "{{",
    "}}",
    "|",
    "^",
    "~~",
    "%",
    "\u{200B}",
    "e\u{301}",
    "🙂",
    "ﬁ",
    "   ",
];

/// A piece of body text, possibly with inline syntax.
fn inline(r: &mut Rng, depth: usize) -> String {
    let id = r.id();
    let key = r.key();
    let word = r.word();
    let kinds = match (depth > 3, r.1) {
        (true, _) => 6,
        (false, true) => 16,
        (false, false) => 22,
    };
    match r.below(kinds) {
        0..=5 => word.to_string(),
        6 => format!("[[{id}]]"),
        7 => format!("[[{id}|{}]]", r.plain()),
        8 => {
            let suffix = if r.1 {
                r.pick(&["12", "p. 3", "pp. 3–5", "emphasis added"])
            } else {
                r.pick(&[
                    "12",
                    "p. 3",
                    "pp. 3–5",
                    "emphasis added",
                    "*x*",
                    "",
                    "see [[a]]",
                ])
            };
            format!("[@{key}, {suffix}]")
        }
        9 => format!("[see @{key}; @{}]", r.key()),
        10 => format!("@{key} argues"),
        11 => format!("[-@{key}]"),
        12 => format!("{{{{index: {}}}}}", r.plain()),
        13 if r.1 => format!(
            "*{}* and **{}**",
            inline(r, depth + 1),
            inline(r, depth + 1)
        ),
        13 => format!("[^{}]", r.below(4)),
        14 if r.1 => format!(
            "[{}]({})",
            word,
            r.pick(&["https://example.org/a?b=1&c=%22", "mailto:a@b.org"])
        ),
        15 if r.1 => format!("~~{}~~", inline(r, depth + 1)),
        14 => format!("*{}*", inline(r, depth + 1)),
        15 => format!("**{}**", inline(r, depth + 1)),
        16 => format!(
            "[{}]({})",
            word,
            r.pick(&[
                "https://example.org/a",
                "javascript:alert(1)",
                "data:x",
                "#frag",
                "../x.md",
                "https://x.org/a b",
                "mailto:a@b.org",
                "\"q\""
            ])
        ),
        17 => format!("![{word}](x.png)"),
        18 => format!("[[{id}|]]"),
        19 => r
            .pick(&[
                "[@k;]",
                "[@k.]",
                "[@k, p. ]",
                "[@]",
                "@",
                "[[",
                "]]",
                "[^]",
                "{{index:}}",
            ])
            .to_string(),
        20 => format!("`{word}`"),
        _ => format!("~~{}~~", inline(r, depth + 1)),
    }
}

fn paragraph(r: &mut Rng) -> String {
    let n = 1 + r.below(6);
    (0..n).map(|_| inline(r, 0)).collect::<Vec<_>>().join(" ")
}

/// A body: paragraphs, headings, lists, quotes, tables, code, notes.
fn body(r: &mut Rng) -> String {
    let mut out = String::new();
    for _ in 0..r.below(6) {
        match r.below(9) {
            0 => {
                let _ =
                    writeln!(out, "{} {}\n", "#".repeat(1 + r.below(6)), paragraph(r));
            }
            1 => {
                for i in 0..1 + r.below(3) {
                    let _ = writeln!(
                        out,
                        "{}- {}",
                        "  ".repeat(i.min(r.below(3))),
                        paragraph(r)
                    );
                }
                out.push('\n');
            }
            2 => {
                let _ =
                    writeln!(out, "{} {}\n", ">".repeat(1 + r.below(4)), paragraph(r));
            }
            3 => {
                let cols = 1 + r.below(3);
                let _ =
                    writeln!(out, "|{}|\n|{}|", " h |".repeat(cols), ":-:|".repeat(cols));
                for _ in 0..r.below(3) {
                    let cells = 1 + r.below(4);
                    let row: Vec<String> = (0..cells)
                        .map(|_| paragraph(r).replace('|', "\\|"))
                        .collect();
                    let _ = writeln!(out, "| {} |", row.join(" | "));
                }
                out.push('\n');
            }
            4 => {
                let _ = writeln!(out, "```\n{}\n```\n", r.word());
            }
            5 => {
                let _ = writeln!(out, "[^{}]: {}\n", r.below(4), paragraph(r));
            }
            6 => out.push_str("---\n\n"),
            _ => {
                let _ = writeln!(out, "{}\n", paragraph(r));
            }
        }
    }
    out
}

fn yaml_value(r: &mut Rng) -> String {
    let w = r.word();
    if r.1 {
        let mut quoted = String::from("\"");
        for c in w.chars() {
            match c {
                '"' | '\\' => {
                    quoted.push('\\');
                    quoted.push(c);
                }
                c if c.is_control() => {
                    let _ = write!(quoted, "\\x{:02x}", c as u32);
                }
                c => quoted.push(c),
            }
        }
        quoted.push('"');
        return quoted;
    }
    match r.below(4) {
        0 => format!("\"{}\"", w.replace('\\', "\\\\").replace('"', "\\\"")),
        1 => format!("'{}'", w.replace('\'', "''")),
        _ => w
            .replace(
                [
                    '\n', ':', '#', '{', '}', '[', ']', ',', '&', '*', '!', '|', '>',
                    '%', '@', '`', '"', '\'',
                ],
                " ",
            )
            .trim()
            .to_string(),
    }
}

fn entry(r: &mut Rng, term: &str, pinyin: &str, hanzi: &str) -> String {
    let mut fm = format!("---\nterm: {term}\npinyin: {pinyin}\nhanzi: {hanzi}\n");
    if r.one_in(3) {
        if r.1 {
            // Aliases of their own, so that no two entries share one (E0304).
            let _ = writeln!(fm, "aliases: [\"{term} ({})\"]", r.below(1000));
        } else {
            let _ = writeln!(fm, "aliases: [{}, {}]", yaml_value(r), yaml_value(r));
        }
    }
    if r.one_in(2) {
        let _ = writeln!(fm, "see_also: [{}, {}]", r.id(), r.id());
    }
    if r.one_in(3) {
        let _ = writeln!(fm, "sources: [{}]", r.key());
    }
    if !r.1 && r.one_in(8) {
        let _ = writeln!(
            fm,
            "{}: {}",
            r.pick(&["trem", "date", "traditional"]),
            yaml_value(r)
        );
    }
    let mut text = format!("{fm}---\n{}", body(r));
    if r.1 {
        for n in 0..4 {
            let _ = writeln!(text, "\n[^{n}]: {}", paragraph(r));
        }
    }
    text
}

fn bibliography(r: &mut Rng) -> String {
    let mut out = String::new();
    let keys = if r.1 {
        CLEAN_KEYS.len()
    } else {
        1 + r.below(KEYS.len())
    };
    for key in KEYS.iter().take(keys) {
        let ty = r.pick(&["book", "article", "report", "web", "thesis"]);
        let date = if r.1 {
            r.pick(&["2021", "2021-10-16", "1943"])
        } else {
            r.pick(&["2021", "2021-10-16", "1943", "2021-02-30", "\"\""])
        };
        let _ = writeln!(
            out,
            "{key}:\n  type: {ty}\n  title: {}\n  author: {}\n  date: {date}",
            yaml_value(r),
            r.pick(&[
                "Xi Jinping 习近平",
                "\"Naughton, Barry\"",
                "State Council",
                "\"\""
            ]),
        );
        if r.one_in(3) {
            let _ = writeln!(
                out,
                "  url: {}",
                r.pick(&["https://example.org", "javascript:alert(1)"])
            );
        }
        if r.one_in(3) {
            let _ = writeln!(
                out,
                "  parent:\n    type: periodical\n    title: {}",
                yaml_value(r)
            );
        }
        out.push('\n');
    }
    out
}

/// The files of case `seed`: (path under the content folder, bytes).
pub(crate) fn case(seed: u64) -> Vec<(String, Vec<u8>)> {
    let mut r = Rng::new(seed);
    let mut files = Vec::new();
    let terms = [
        ("Common prosperity", "Gòngtóng Fùyù", "共同富裕"),
        ("Mass line", "Qúnzhòng Lùxiàn", "群众路线"),
        ("Reform", "Gǎigé", "改革"),
        ("A", "Wrong", "新"),
    ];
    let count = if r.1 {
        CLEAN_IDS.len()
    } else {
        1 + r.below(IDS.len())
    };
    for (i, id) in IDS.iter().enumerate().take(count) {
        let (t, p, h) = terms[i % terms.len()];
        let text = entry(&mut r, t, p, h);
        files.push((format!("glossary/{id}.md"), text.into_bytes()));
    }
    let mut docs = Vec::new();
    for i in 0..r.below(3) {
        let (dir, fm) = if r.one_in(2) {
            ("essays", format!("title: {}\n", yaml_value(&mut r)))
        } else {
            (
                "translations",
                format!(
                    "title: {}\noriginal_title: 讲话\nauthor: Xi Jinping\ndate: {}\ntranslator: T\nsource: {}\n",
                    yaml_value(&mut r),
                    if r.1 {
                        "2021-08-17"
                    } else {
                        r.pick(&["2021-08-17", "2021", "yesterday", "2021-02-30"])
                    },
                    r.key()
                ),
            )
        };
        let name = if !r.1 && r.one_in(10) {
            "Q&A".to_string()
        } else {
            format!("doc-{i}")
        };
        let mut text = format!("---\n{fm}---\n{}", body(&mut r));
        if r.1 {
            for n in 0..4 {
                let _ = writeln!(text, "\n[^{n}]: {}", paragraph(&mut r));
            }
        }
        files.push((format!("{dir}/{name}.md"), text.into_bytes()));
        docs.push(format!("{dir}/{name}"));
    }
    if !r.1 && r.one_in(6) && !docs.is_empty() {
        docs.push(docs[0].clone());
    }
    files.push((
        "bibliography/refs.yaml".into(),
        bibliography(&mut r).into_bytes(),
    ));
    let glossary = if r.1 {
        r.pick(&["all", "referenced", "none"])
    } else {
        r.pick(&["all", "referenced", "none", "some"])
    };
    let date = if r.1 {
        "date: 2026-09-01\n"
    } else {
        r.pick(&["date: 2026-09-01\n", "", "date: 2026-02-30\n"])
    };
    let reader = format!(
        "title: {}\n{date}documents: [{}]\nglossary: {glossary}\n",
        yaml_value(&mut r),
        docs.join(", ")
    );
    files.push(("readers/default.yaml".into(), reader.into_bytes()));
    if !r.1 && r.one_in(20) {
        let i = r.below(files.len());
        let at = r.below(files[i].1.len().max(1));
        files[i].1.insert(at, 0xFF);
    }
    files
}

/// What a case came to.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Outcome {
    /// The content had errors (a diagnostic, no output).
    pub(crate) rejected: bool,
    /// Both writers ran.
    pub(crate) written: bool,
}

/// Runs case `seed` in `dir` (emptied first): check, plan, typst markup (parsed by
/// typst's parser), XHTML (parsed as XML); with `layout`, also the typst layout and
/// the PDF export. An `Err` is a finding.
pub(crate) fn run(seed: u64, dir: &Path, layout: bool) -> Result<Outcome, String> {
    let _ = std::fs::remove_dir_all(dir);
    for (path, bytes) in case(seed) {
        let p = dir.join(&path);
        std::fs::create_dir_all(p.parent().unwrap()).map_err(|e| e.to_string())?;
        std::fs::write(&p, bytes).map_err(|e| e.to_string())?;
    }
    let checked = ccp_press::load_and_check(dir);
    let rendered =
        ccp_press::diag::render_human(&checked.project.sources, &checked.diagnostics);
    let _ = ccp_press::diag::render_json(&checked.project.sources, &checked.diagnostics);
    for d in &checked.diagnostics {
        if d.severity == Severity::Error && d.span.is_none() {
            return Err(format!("unlocated error:\n{rendered}"));
        }
    }
    if checked.has_errors() {
        return Ok(Outcome {
            rejected: true,
            written: false,
        });
    }
    let p = &checked.project;
    let Some(reader) = p.readers.get("default") else {
        return Ok(Outcome::default());
    };
    let edition = match Edition::new(p, reader, Paper::Letter) {
        Ok(e) => e,
        Err(d) if d.iter().all(|d| d.code == "E0701") => {
            return Ok(Outcome {
                rejected: true,
                written: false,
            });
        }
        Err(d) => return Err(format!("planning failed: {d:?}")),
    };
    for (path, text) in edition.typst_sources(None) {
        if path.starts_with("/layouts/") {
            continue;
        }
        let root = typst::syntax::parse(&text);
        if root.diagnosis().errors {
            return Err(format!("{path} does not parse:\n{text}"));
        }
    }
    let files = Files::of(&edition.book);
    for page in Writer::new(&files, None, edition.book.words).book(&edition.book) {
        let options = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        };
        if let Err(e) = roxmltree::Document::parse_with_options(&page.xhtml, options) {
            return Err(format!(
                "{} is not well-formed: {e}\n{}",
                page.href, page.xhtml
            ));
        }
    }
    if layout {
        let laid = edition
            .layout(None)
            .map_err(|d| format!("layout failed: {d:?}"))?;
        edition
            .pdf(&laid, true)
            .map_err(|d| format!("PDF export failed: {d:?}"))?;
        edition
            .epub(Some(&laid.pages))
            .map_err(|d| format!("EPUB failed: {d:?}"))?;
    }
    Ok(Outcome {
        rejected: false,
        written: true,
    })
}
