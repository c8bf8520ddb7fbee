//! A synthetic content folder of any size, for benchmarks: entries with valid pinyin,
//! dense cross-references and citations, a bibliography and a default reader.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

const WORDS: &[(&str, &str)] = &[
    ("发展", "fāzhǎn"),
    ("创新", "chuàngxīn"),
    ("改革", "gǎigé"),
    ("安全", "ānquán"),
    ("民主", "mínzhǔ"),
    ("科技", "kējì"),
    ("经济", "jīngjì"),
    ("社会", "shèhuì"),
    ("文化", "wénhuà"),
    ("生态", "shēngtài"),
    ("国家", "guójiā"),
    ("人民", "rénmín"),
    ("战略", "zhànlüè"),
    ("理念", "lǐniàn"),
    ("格局", "géjú"),
    ("体系", "tǐxì"),
    ("现代", "xiàndài"),
    ("开放", "kāifàng"),
    ("协调", "xiétiáo"),
    ("共享", "gòngxiǎng"),
    ("制度", "zhìdù"),
    ("治理", "zhìlǐ"),
    ("市场", "shìchǎng"),
    ("产业", "chǎnyè"),
    ("质量", "zhìliàng"),
    ("效率", "xiàolǜ"),
    ("统一", "tǒngyī"),
    ("团结", "tuánjié"),
    ("思想", "sīxiǎng"),
    ("理论", "lǐlùn"),
    ("实践", "shíjiàn"),
    ("历史", "lìshǐ"),
];

const FILLER: &str = "The term appears in Party documents of several periods, and its \
meaning shifted as the leadership adapted it to new tasks. Analysts read it against \
the speeches that introduced it, the plans that gave it targets and the commentaries \
that explained it to cadres. Translators weigh established renderings against the \
connotations of the Chinese, and note where official English versions differ.";

/// Small deterministic generator.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// Writes a content folder with `entries` glossary entries, `works` bibliography
/// entries and `translations` translations into `dir`, which must be empty or
/// missing unless `force`.
pub fn write_corpus(
    dir: &Path,
    entries: usize,
    works: usize,
    translations: usize,
    force: bool,
) -> io::Result<()> {
    let occupied = fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some());
    if occupied && !force {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "the folder is not empty (pass --force to write into it)",
        ));
    }
    for sub in [
        "glossary",
        "bibliography",
        "readers",
        "essays",
        "translations",
    ] {
        fs::create_dir_all(dir.join(sub))?;
    }
    // One generator, drawn from in this order: the corpus is the same each time.
    let mut rng = Lcg(42);
    write_works(dir, works)?;
    write_entries(dir, entries, works, &mut rng)?;
    let mut docs = vec!["essays/essay".to_string()];
    docs.extend(write_translations(dir, entries, translations, &mut rng)?);
    let mut essay = String::from("---\ntitle: Synthetic essay\n---\n");
    for w in 0..works {
        let _ = writeln!(essay, "Work {w} is cited here [@work-{w:04}].");
    }
    fs::write(dir.join("essays/essay.md"), essay)?;
    fs::write(
        dir.join("readers/default.yaml"),
        format!(
            "title: Synthetic Reader\neditors: [Bench]\ndate: 2026-01-01\ndocuments: [{}]\nglossary: all\n",
            docs.join(", ")
        ),
    )
}

/// The id of generated entry `i`.
fn entry_id(i: usize) -> String {
    format!("term-{i:04}")
}

/// `bibliography/works.yaml`: `works` books.
fn write_works(dir: &Path, works: usize) -> io::Result<()> {
    let mut bib = String::new();
    for w in 0..works {
        let _ = write!(
            bib,
            "work-{w:04}:\n  type: book\n  title: \"Guojia Fazhan {w} 国家发展 [National Development {w}]\"\n  author: \"Author{w}, Given\"\n  date: {}\n  publisher: Renmin Chubanshe\n\n",
            1950 + w % 75
        );
    }
    fs::write(dir.join("bibliography/works.yaml"), bib)
}

/// `glossary/term-NNNN.md`: four paragraphs each, with cross-references and a
/// citation.
fn write_entries(
    dir: &Path,
    entries: usize,
    works: usize,
    rng: &mut Lcg,
) -> io::Result<()> {
    for i in 0..entries {
        let (hanzi, pinyin) = term_words(i);
        let mut body = String::new();
        for para in 0..4 {
            let a = entry_id(rng.next(entries));
            let b = entry_id(rng.next(entries));
            let k = rng.next(works.max(1));
            let _ = write!(
                body,
                "{FILLER} It is linked to [[{a}]] and to [[{b}|a related idea]] [@work-{k:04}, {}]. {FILLER}\n\n",
                para + 1
            );
        }
        let text = format!(
            "---\nterm: Synthetic term {i:04}\npinyin: {pinyin}\nhanzi: {hanzi}\nsee_also: [{}]\n---\n{body}",
            entry_id((i + 1) % entries)
        );
        fs::write(dir.join(format!("glossary/{}.md", entry_id(i))), text)?;
    }
    Ok(())
}

/// `translations/doc-NNN.md`: twenty paragraphs each, with bracketed terms;
/// their paths for the reader.
fn write_translations(
    dir: &Path,
    entries: usize,
    translations: usize,
    rng: &mut Lcg,
) -> io::Result<Vec<String>> {
    let hanzi_of = |i: usize| term_words(i).0;
    let mut docs = Vec::new();
    for t in 0..translations {
        let mut body = String::new();
        for para in 0..20 {
            let a = rng.next(entries.max(1));
            let b = rng.next(entries.max(1));
            let _ = write!(
                body,
                "The document turns to [[{}]] [{}] and to Synthetic term {b:04} [{}], \
                 then to the national innovation system [国家创新体系] and the \
                 {FILLER} (paragraph {para})\n\n",
                entry_id(a),
                hanzi_of(a),
                hanzi_of(b)
            );
        }
        let text = format!(
            "---\ntitle: Synthetic translation {t}\noriginal_title: 讲话\nauthor: Xi Jinping\ndate: 2021-01-01\ntranslator: Bench\nsource: work-0000\n---\n{body}"
        );
        fs::write(dir.join(format!("translations/doc-{t:03}.md")), text)?;
        docs.push(format!("translations/doc-{t:03}"));
    }
    Ok(docs)
}

/// The hanzi and pinyin of generated term `i`: three words of [`WORDS`].
fn term_words(i: usize) -> (String, String) {
    let n = WORDS.len();
    let [(h1, p1), (h2, p2), (h3, p3)] =
        [i % n, (i / n) % n, (i / (n * n)) % n].map(|k| WORDS[k]);
    (format!("{h1}{h2}{h3}"), format!("{p1} {p2} {p3}"))
}
