//! Figures in both editions, on `tests/fixtures/features/figures`: an essay
//! with a decorative ornament, a PNG chart and a JPEG facsimile at 60 %, a
//! glossary entry with an SVG, and a translation printed in columns beside its
//! original with a figure on each side and one the translation adds across
//! both. The faults each check reports are in `tests/fixtures/faults/figure-*`.

mod common;

use std::io::Read as _;
use std::path::Path;

use common::*;

/// Builds the fixture's reader into a temporary folder: (folder, PDF, EPUB).
fn built() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let content = fixture("features/figures");
    let out = run(&[
        "--content",
        content.to_str().expect("utf-8"),
        "build",
        "--out-dir",
        tmp.path().to_str().expect("utf-8"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (pdf, epub) = (
        tmp.path().join("default.pdf"),
        tmp.path().join("default.epub"),
    );
    (tmp, pdf, epub)
}

/// The alt texts of the PDF's structure elements, decoded (`qpdf --qdf`
/// writes each dictionary key on a line of its own).
fn pdf_alt_texts(pdf: &Path, dir: &Path) -> (usize, Vec<String>) {
    let plain = dir.join("plain.pdf");
    tool(
        "qpdf",
        &[
            "--qdf",
            "--object-streams=disable",
            pdf.to_str().expect("utf-8"),
            plain.to_str().expect("utf-8"),
        ],
    );
    let bytes = std::fs::read(&plain).expect("qpdf output");
    let text = String::from_utf8_lossy(&bytes);
    let figures = text.matches("/S /Figure").count();
    let alts = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("/Alt "))
        .map(pdf_string)
        .collect();
    (figures, alts)
}

/// A PDF string, `(literal)` or `<feff…>` (UTF-16BE in hex).
fn pdf_string(s: &str) -> String {
    if let Some(hex) = s.strip_prefix("<feff").and_then(|h| h.strip_suffix('>')) {
        let units: Vec<u16> = hex
            .as_bytes()
            .chunks(4)
            .filter_map(|c| u16::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok())
            .collect();
        return String::from_utf16_lossy(&units);
    }
    let inner = s.trim_start_matches('(').trim_end_matches(')');
    inner
        .replace("\\(", "(")
        .replace("\\)", ")")
        .replace("\\\\", "\\")
}

/// The EPUB's files by name.
fn epub_files(epub: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut z =
        zip::ZipArchive::new(std::fs::File::open(epub).expect("epub")).expect("zip");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).expect("entry");
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("read");
            (f.name().to_string(), data)
        })
        .collect()
}

// Checks the PDF: every figure numbered per text with its caption and source,
// references printed as numbers ("Figure 1" opening a sentence, two figures
// as "figures 1 and 2"), each non-decorative image tagged as a Figure with its
// alt text, the decorative one not.
#[test]
fn the_pdf_prints_and_tags_every_figure() {
    let (tmp, pdf, _) = built();
    let text = squeezed(&pdf_text(&pdf));
    for want in [
        "Figure1.PlenarysessionsoftheCentralCommitteebyyear,2012–2024.",
        "Source:Compiledbythecenterfromthecommuniqués",
        "Figure2.ThecommuniquéoftheThirdPlenum,2024",
        "Courtesyofthecenter’slibrary.",
        "Figure1.Theplenum’stimetableforreform.",
        "Figure2.Afigurethetranslationadds(acrossbothcolumns).",
        "Figure1.TheCentralCommitteeamongthecentralorgans[中央组织].",
        "全会提出的改革时间表。",
        "figure1countsthembyyear,andfigure2shows",
        "(figures1and2)",
        "Figure1isreadwiththecommuniqués",
        "inthreesteps(figure1",
        "Figure2.PlenumsoftheCentralCommitteebyyear",
        "countedbyyearinfigure2,",
    ] {
        assert!(text.contains(want), "`{want}` not in the PDF's text");
    }
    // The list of figures the reader asks for: per text, label, caption, page.
    assert!(text.contains("FIGURES"), "no list of figures");
    assert!(text.contains("CommuniquéoftheThirdPlenarySessionoftheTwentiethCentralCommittee(Excerpt)Figure1.Theplenum’stimetableforreform"));
    let (figures, alts) = pdf_alt_texts(&pdf, tmp.path());
    // Two in the essay, three in the translation (one Chinese), two in the
    // entry (one written pandoc's way: caption in the brackets, `fig-alt`, its
    // path from the content folder).
    assert_eq!(figures, 7, "{alts:#?}");
    for want in [
        "Bar chart of plenary sessions",
        "Facsimile of the first page of the communiqué",
        "改革时间表：",
        "Timeline of the reform agenda",
        "The same timeline, drawn for this edition",
        "Organisation chart: the National Party Congress",
        "Bar chart of the plenums held each year, 2012 to 2024.",
    ] {
        assert!(
            alts.iter().any(|a| a.starts_with(want)),
            "no Figure with alt `{want}…`: {alts:#?}"
        );
    }
    let qpdf = std::process::Command::new("qpdf")
        .args(["--check", pdf.to_str().expect("utf-8")])
        .output()
        .expect("qpdf");
    assert!(
        qpdf.status.success(),
        "{}",
        String::from_utf8_lossy(&qpdf.stdout)
    );
}

// Checks the EPUB: figure, img with alt (empty and presentational for the
// ornament), figcaption with label and source; each image packaged once with
// its media type (PNG and JPEG as they are, SVG with its text as outlines);
// references linked to their figure.
#[test]
fn the_epub_holds_every_figure_and_image() {
    let (_tmp, _, epub) = built();
    let files = epub_files(&epub);
    let text = |name: &str| String::from_utf8_lossy(&files[name]).into_owned();
    let essay = text("OEBPS/essays-plenums.xhtml");
    assert!(essay.contains("<figure class=\"figure\" id=\"doc-essays-plenums-fig0\"><img src=\"images/figures/figures_2f_ornament.png\" alt=\"\" role=\"presentation\""), "{essay}");
    assert!(essay.contains(
        "<figcaption><span class=\"figure-label\">Figure 1.</span> Plenary sessions"
    ));
    assert!(essay.contains(
        "<span class=\"figure-source\">Courtesy of the center’s library.</span>"
    ));
    assert!(essay.contains("alt=\"Facsimile of the first page"));
    assert!(essay.contains("<a class=\"figref\" id=\"doc-essays-plenums-figref0\" href=\"essays-plenums.xhtml#doc-essays-plenums-fig1\">figure 1</a>"), "{essay}");
    assert!(essay.contains(">Figure 1</a> is read"));
    assert!(essay.contains("(<a class=\"figref\""));
    let opf = text("OEBPS/content.opf");
    for (name, kind) in [
        ("figures_2f_ornament.png", "image/png"),
        ("figures_2f_plenums.png", "image/png"),
        ("figures_2f_facsimile.jpg", "image/jpeg"),
        ("figures_2f_three-steps.svg", "image/svg+xml"),
    ] {
        let href = format!("href=\"images/figures/{name}\" media-type=\"{kind}\"");
        assert_eq!(opf.matches(&href).count(), 1, "{name} in the manifest once");
        let source = fixture("features/figures")
            .join("figures")
            .join(name.trim_start_matches("figures_2f_"));
        let packaged = &files[&format!("OEBPS/images/figures/{name}")];
        if name.ends_with(".svg") {
            // Its text drawn as outlines: no e-reader font is needed.
            let svg = String::from_utf8_lossy(packaged);
            roxmltree::Document::parse(&svg).expect("the packaged SVG is XML");
            assert!(!svg.contains("<text"), "{name} still has text");
            assert!(svg.matches("<path").count() > 20, "{name} has no outlines");
        } else {
            // assert! rather than assert_eq!: a failure must not print the bytes.
            assert!(
                packaged == &std::fs::read(source).expect("image"),
                "{name} not packaged as it is"
            );
        }
    }
    let nav = text("OEBPS/nav.xhtml");
    assert!(nav.contains("<nav epub:type=\"loi\" id=\"loi\">"), "{nav}");
    assert!(nav.contains("<li><a href=\"glossary-c.xhtml#entry-central-committee-fig0\">Figure 1. The Central Committee among the central organs [<span lang=\"zh-Hans\" xml:lang=\"zh-Hans\">中央组织</span>]</a></li>"), "{nav}");
    let translation = text("OEBPS/translations-communique.xhtml");
    assert_eq!(translation.matches("<figure ").count(), 3, "{translation}");
}

// Checks that a changed image is a changed book: the typst sources carry each
// image's fingerprint, so no cached layout or page map outlives it.
#[test]
fn a_changed_image_changes_the_fingerprint() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let content = tmp.path().join("content");
    copy_dir(&fixture("features/figures"), &content);
    let fingerprint = || {
        let checked = ccp_press::load_and_check(&content);
        assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
        let p = &checked.project;
        let edition = ccp_press::pipeline::Edition::at(
            p,
            &p.readers["default"],
            ccp_press::render::pdf::Paper::Letter,
            ccp_press::model::Stamp::from_unix(1_767_225_600),
            &mut ccp_press::cite::Cache::default(),
        );
        edition.fingerprint()
    };
    let before = fingerprint();
    let chart = content.join("figures/plenums.png");
    let mut bytes = std::fs::read(&chart).expect("chart");
    // A different image of the same size: an empty text chunk before the end.
    let end = bytes.len() - 12;
    let mut chunk = b"\0\0\0\0tEXt".to_vec();
    chunk.extend(crc32(b"tEXt").to_be_bytes());
    bytes.splice(end..end, chunk);
    std::fs::write(&chart, bytes).expect("write");
    assert_ne!(before, fingerprint());
}

/// The CRC-32 of PNG chunks.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for b in bytes {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
