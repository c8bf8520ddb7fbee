//! End-to-end tests of `epub`: epubcheck, XML well-formedness, links, language
//! tags, reproducibility.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;

fn build(content: &Path, name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    let out = run(&[
        "--content",
        content.to_str().unwrap(),
        "epub",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    (dir, path)
}

/// The demo EPUB, built once.
fn demo() -> &'static Path {
    static EPUB: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &EPUB
        .get_or_init(|| build(&root().join("content"), "default.epub"))
        .1
}

/// The fixture EPUB (footnotes, tables, Chinese, every kind of link, hostile text).
fn fixture_epub() -> &'static Path {
    static EPUB: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &EPUB
        .get_or_init(|| build(&fixture("epub"), "fixture.epub"))
        .1
}

/// Runs epubcheck and fails on any error or warning (it exits 0 with warnings).
fn epubcheck(epub: &Path) {
    let out = std::process::Command::new("java")
        .args([
            "-jar",
            "/usr/share/java/epubcheck.jar",
            epub.to_str().unwrap(),
        ])
        .output()
        .expect("java and epubcheck are needed (apt-get install epubcheck)");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        report.contains("Messages: 0 fatals / 0 errors / 0 warnings"),
        "{report}"
    );
    assert!(
        report.contains("No errors or warnings detected"),
        "{report}"
    );
}

/// The files of an EPUB, in zip order.
fn entries(epub: &Path) -> Vec<(String, Vec<u8>, zip::CompressionMethod)> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(epub).unwrap()).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().to_string(), data, f.compression())
        })
        .collect()
}

// Checks that epubcheck passes the demo EPUB with no errors and no warnings.
#[test]
fn demo_passes_epubcheck() {
    epubcheck(demo());
    let size = std::fs::metadata(demo()).unwrap().len();
    assert!(size < 3 * 1024 * 1024, "{size} bytes");
}

// Checks that epubcheck passes the fixture with notes, tables, Chinese and links.
#[test]
fn fixture_passes_epubcheck() {
    epubcheck(fixture_epub());
}

// Checks the container: mimetype first and stored, fonts and cover present.
#[test]
fn container_layout() {
    let files = entries(demo());
    assert_eq!(files[0].0, "mimetype");
    assert_eq!(files[0].1, b"application/epub+zip");
    assert_eq!(files[0].2, zip::CompressionMethod::Stored);
    let names: BTreeSet<&str> = files.iter().map(|f| f.0.as_str()).collect();
    for n in [
        "OEBPS/content.opf",
        "OEBPS/nav.xhtml",
        "OEBPS/images/cover.png",
        "OEBPS/fonts/NotoSerifSC-subset.otf",
        "OEBPS/fonts/LibertinusSerif-Regular.otf",
    ] {
        assert!(names.contains(n), "{n} missing");
    }
    let opf = String::from_utf8(
        files
            .iter()
            .find(|f| f.0 == "OEBPS/content.opf")
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    for needle in [
        "schema:accessMode",
        "schema:accessModeSufficient",
        "printPageNumbers",
        "schema:accessibilityHazard",
        "schema:accessibilitySummary",
        "<dc:source",
    ] {
        assert!(opf.contains(needle), "{needle} missing from the OPF");
    }
}

/// Checks every XHTML file of an EPUB: well-formed XML, every internal link
/// resolves, every run of hanzi is inside a `zh` language tag.
fn check_xhtml(epub: &Path) -> BTreeMap<String, String> {
    let files = entries(epub);
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut texts = BTreeMap::new();
    for (name, data, _) in &files {
        if !name.ends_with(".xhtml") {
            continue;
        }
        let text = String::from_utf8(data.clone()).unwrap();
        let doc = roxmltree::Document::parse_with_options(
            &text,
            roxmltree::ParsingOptions {
                allow_dtd: true,
                ..Default::default()
            },
        )
        .unwrap_or_else(|e| panic!("{name} is not well-formed: {e}"));
        let set = ids
            .entry(name.trim_start_matches("OEBPS/").to_string())
            .or_default();
        for node in doc.descendants() {
            if let Some(id) = node.attribute("id") {
                assert!(set.insert(id.to_string()), "duplicate id {id} in {name}");
            }
            if node.is_text()
                && node
                    .text()
                    .unwrap()
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
            {
                let tagged = node.ancestors().any(|a| {
                    a.attribute("lang").is_some_and(|l| l.starts_with("zh"))
                        && a.attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
                            .is_some_and(|l| l.starts_with("zh"))
                });
                assert!(
                    tagged,
                    "hanzi outside a zh tag in {name}: {:?}",
                    node.text()
                );
            }
            assert!(
                node.tag_name().name() != "script",
                "script element in {name}"
            );
        }
        texts.insert(name.clone(), text);
    }
    for (name, text) in &texts {
        let doc = roxmltree::Document::parse_with_options(
            text,
            roxmltree::ParsingOptions {
                allow_dtd: true,
                ..Default::default()
            },
        )
        .unwrap();
        let here = name.trim_start_matches("OEBPS/");
        for node in doc.descendants() {
            let Some(href) = node.attribute("href") else {
                continue;
            };
            if href.starts_with("http") || href.ends_with(".css") {
                continue;
            }
            let (file, frag) = href.split_once('#').unwrap_or((href, ""));
            let file = if file.is_empty() { here } else { file };
            let target = ids
                .get(file)
                .unwrap_or_else(|| panic!("{name}: link to missing file {href}"));
            assert!(
                frag.is_empty() || target.contains(frag),
                "{name}: link to missing anchor {href}"
            );
        }
    }
    texts
}

// Checks the demo's XHTML: XML, links (index locators included) and language tags.
#[test]
fn demo_xhtml_is_well_formed_and_linked() {
    let texts = check_xhtml(demo());
    let index = &texts["OEBPS/index.xhtml"];
    // Page locators in order, the range holding the headword in bold and linked to it.
    let line = index
        .lines()
        .find(|l| l.starts_with("<li>Common Prosperity, "))
        .expect("index line");
    assert!(
        line.contains("<a href=\"glossary-c.xhtml#entry-common-prosperity\"><b>"),
        "headword locator missing: {line}"
    );
    let numbers: Vec<u64> = line
        .split("\">")
        .skip(1)
        .filter_map(|s| {
            let s = s.trim_start_matches("<b>");
            s[..s.find(|c: char| !c.is_ascii_digit())?].parse().ok()
        })
        .collect();
    assert!(
        numbers.len() > 2 && numbers.windows(2).all(|w| w[0] < w[1]),
        "{line}"
    );
    let nav = &texts["OEBPS/nav.xhtml"];
    assert!(nav.contains("epub:type=\"page-list\""));
    assert!(nav.contains("epub:type=\"landmarks\""));
    let glossary = &texts["OEBPS/glossary-c.xhtml"];
    assert!(glossary.contains("epub:type=\"pagebreak\""));
    assert!(glossary.contains("lang=\"zh-Latn-pinyin\""));
}

// Checks the fixture: hostile text is text, notes pop up, the bibliography is marked.
#[test]
fn fixture_xhtml_escapes_and_links() {
    let texts = check_xhtml(fixture_epub());
    let c = &texts["OEBPS/glossary-c.xhtml"];
    assert!(
        c.contains("&lt;script&gt;alert(“x”)&lt;/script&gt; &amp; AT&amp;T ]]&gt;"),
        "{c}"
    );
    assert!(c.contains("a zero-width space\u{200b} and a soft hyphen\u{ad} stay."));
    assert!(c.contains("<sup><a epub:type=\"noteref\""));
    assert!(c.contains("<aside epub:type=\"footnote\""));
    assert!(c.contains("<table>"));
    assert!(c.contains("lang=\"zh-Hant\""));
    let bib = &texts["OEBPS/bibliography.xhtml"];
    assert!(bib.contains("epub:type=\"bibliography\" role=\"doc-bibliography\""));
    assert!(bib.contains("Leadership &amp; &lt;"), "{bib}");
    let title = &texts["OEBPS/title.xhtml"];
    assert!(title.contains("EPUB Fixture &amp; &lt;Test&gt;"));
}

// Checks that the citation strings of the EPUB are those of the PDF.
#[test]
fn citations_match_the_pdf() {
    let texts = check_xhtml(fixture_epub());
    let t = &texts["OEBPS/translations-speech.xhtml"];
    assert!(t.contains(">(2021)</a>"), "{t}");
    let m = &texts["OEBPS/glossary-m.xhtml"];
    assert!(m.contains("(Mao 1943, emphasis added)"), "{m}");
    assert!(m.contains(">Mao (1943)</a>"), "{m}");
}

// Checks that two builds are byte-identical.
#[test]
fn builds_are_reproducible() {
    let (_d, again) = build(&root().join("content"), "again.epub");
    assert!(
        std::fs::read(demo()).unwrap() == std::fs::read(again).unwrap(),
        "EPUBs differ"
    );
}

// Checks that `build` writes both editions from one load, in out/ of the working folder.
#[test]
fn build_makes_both_editions() {
    let tmp = tempfile::tempdir().unwrap();
    let content = fixture("minimal");
    let out = run_in(
        tmp.path(),
        &["--content", content.to_str().unwrap(), "build"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::read(tmp.path().join("out/default.pdf"))
            .unwrap()
            .starts_with(b"%PDF")
    );
    let epub = tmp.path().join("out/default.epub");
    assert_eq!(entries(&epub)[0].0, "mimetype");
    epubcheck(&epub);
}

// Checks that `build --out-dir DIR` writes both files there, and that the EPUB's
// page list matches the PDF's pages (one layout for both).
#[test]
fn build_writes_to_out_dir() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("editions");
    let content = fixture("minimal");
    let out = run(&[
        "--content",
        content.to_str().unwrap(),
        "build",
        "--out-dir",
        dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.join("default.pdf").exists());
    let texts = check_xhtml(&dir.join("default.epub"));
    assert!(texts["OEBPS/nav.xhtml"].contains("page-list"));
}

// Checks that a content folder's `layouts/epub.css` replaces the built-in stylesheet.
#[test]
fn epub_css_override_is_used() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture("minimal"), &content);
    std::fs::create_dir_all(content.join("layouts")).unwrap();
    let css = "/* house style */\nbody { font-family: serif; }\n";
    std::fs::write(content.join("layouts/epub.css"), css).unwrap();
    let path = tmp.path().join("o.epub");
    let out = run(&[
        "--content",
        content.to_str().unwrap(),
        "epub",
        "--no-page-numbers",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let css_entry = entries(&path)
        .into_iter()
        .find(|(name, _, _)| name == "OEBPS/css/book.css")
        .expect("stylesheet");
    assert_eq!(String::from_utf8(css_entry.1).unwrap(), css);
}

// Checks accessibility with Ace by DAISY (installed by scripts/test.sh under
// .tools/ace, run with Debian's chromium): no violation of any impact.
#[test]
fn ace_reports_no_violations() {
    let ace = root().join(".tools/ace/node_modules/.bin/ace-puppeteer");
    assert!(
        ace.exists(),
        "Ace by DAISY is needed: scripts/test.sh installs it into .tools/ace"
    );
    let report = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(&ace)
        .env("PUPPETEER_EXECUTABLE_PATH", "/usr/bin/chromium")
        .args(["-f", "-s", "-o"])
        .arg(report.path())
        .arg(demo())
        .output()
        .expect("ace runs");
    let json =
        std::fs::read_to_string(report.path().join("report.json")).unwrap_or_else(|_| {
            panic!("no report: {}", String::from_utf8_lossy(&out.stderr))
        });
    let report: serde_json::Value = serde_json::from_str(&json).expect("Ace's JSON");
    let mut violations = Vec::new();
    for doc in report["assertions"].as_array().into_iter().flatten() {
        for a in doc["assertions"].as_array().into_iter().flatten() {
            if a["earl:result"]["earl:outcome"] == "fail" {
                violations.push(format!(
                    "{}: {}",
                    doc["earl:testSubject"]["url"], a["earl:test"]["dct:title"]
                ));
            }
        }
    }
    assert!(violations.is_empty(), "{violations:#?}");
    assert_eq!(report["earl:result"]["earl:outcome"], "pass");
}

// Checks the page list: every printed page of the letter-paper PDF, in order,
// from 1 to the last.
#[test]
fn page_list_has_every_print_page() {
    let nav = entries(demo())
        .into_iter()
        .find(|(name, _, _)| name == "OEBPS/nav.xhtml")
        .map(|(_, data, _)| String::from_utf8(data).expect("UTF-8"))
        .expect("nav.xhtml");
    let list = &nav[nav.find("epub:type=\"page-list\"").expect("a page list")..];
    let labels: Vec<u64> = list
        .split("\">")
        .skip(1)
        .filter_map(|s| s[..s.find('<')?].parse().ok())
        .collect();
    let expected: Vec<u64> = (1..=labels.len() as u64).collect();
    assert_eq!(labels, expected);
    assert!(labels.len() > 90, "{} pages", labels.len());
}
