//! One test per reproducer of hostile or unusual input: each gives correct output or
//! a located diagnostic, never a panic. The fixtures in `tests/fixtures/regressions/`
//! are overlays on the `minimal` fixture; inputs that are large, binary or odd file
//! names are made here.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// A copy of the minimal fixture with the regression overlay `name` on top.
fn content(name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture("minimal"), &content);
    let overlay = root().join("tests/fixtures/regressions").join(name);
    if overlay.is_dir() {
        copy_dir(&overlay, &content);
    }
    (tmp, content)
}

/// `check` output (stderr) of a content folder.
fn check(content: &Path) -> String {
    let out = run(&["--content", content.to_str().unwrap(), "check"]);
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    err
}

/// Asserts that every code appears in `check`'s output, each with a location.
fn assert_codes(content: &Path, codes: &[&str]) -> String {
    let err = check(content);
    for code in codes {
        let at = err
            .find(&format!("[{code}]"))
            .unwrap_or_else(|| panic!("{code} missing:\n{err}"));
        let next = &err[at..];
        assert!(
            next.lines().nth(1).is_some_and(|l| l.contains("--> ")),
            "{code} has no location:\n{err}"
        );
    }
    err
}

/// Builds both editions into the temporary folder; panics with the output if the
/// build fails or the EPUB is not clean.
fn build(tmp: &Path, content: &Path) {
    let out = run(&[
        "--content",
        content.to_str().unwrap(),
        "build",
        "--out-dir",
        tmp.join("out").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
}

// Checks that a footnote referencing itself, and one referenced twice, build (a
// stack overflow before) with one number per reference and unique ids.
#[test]
fn self_referencing_footnote_builds() {
    let (tmp, c) = content("self-footnote");
    build(tmp.path(), &c);
    let pdf = tool(
        "pdftotext",
        &[tmp.path().join("out/default.pdf").to_str().unwrap(), "-"],
    );
    assert!(
        pdf.contains("1 Self reference.") && pdf.contains("2 Self reference."),
        "{pdf}"
    );
}

// Checks that 50,000 nested quotation marks are one located error (a stack
// overflow before).
#[test]
fn deep_nesting_is_an_error() {
    let (_tmp, c) = content("none");
    let deep = format!("---\ntitle: Deep\n---\n{} x\n", ">".repeat(50_000));
    std::fs::write(c.join("essays/intro.md"), deep).unwrap();
    assert_codes(&c, &["E0502"]);
}

// Checks that a run of heteronyms with wrong pinyin is a warning at once (it took
// a minute).
#[test]
fn heteronym_runs_are_checked_quickly() {
    let (_tmp, c) = content("heteronyms");
    assert_codes(&c, &["W0202"]);
}

// Checks that document file names that are not slugs are located errors, so they
// never become ids or file names of the EPUB.
#[test]
fn hostile_document_names_are_errors() {
    for name in [
        "x\"><img src=x onerror=alert(1)>.md",
        "Intro & Co ü.md",
        "c#sharp?q=1%20.md",
        "Intro.md",
    ] {
        let (_tmp, c) = content("none");
        std::fs::write(c.join("essays").join(name), "---\ntitle: T\n---\nText.\n")
            .unwrap();
        assert_codes(&c, &["E0205"]);
        let out = run(&["--content", c.to_str().unwrap(), "epub", "-o", "/dev/null"]);
        assert_eq!(out.status.code(), Some(1), "an EPUB was made");
    }
}

// Checks that link targets other than web addresses are errors.
#[test]
fn link_targets_are_checked() {
    let (_tmp, c) = content("links");
    let err = assert_codes(&c, &["E0305", "E0306"]);
    assert_eq!(err.matches("error[E0305]").count(), 3, "{err}");
    assert_eq!(err.matches("error[E0306]").count(), 2, "{err}");
}

// Checks that an output never replaces a content file, that --emit-typst and
// synth refuse to overwrite, and that an output folder is refused by name.
#[test]
fn outputs_never_overwrite_sources() {
    let (tmp, c) = content("none");
    let intro = c.join("essays/intro.md");
    let before = std::fs::read(&intro).unwrap();
    let out = run(&[
        "--content",
        c.to_str().unwrap(),
        "pdf",
        "-o",
        intro.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("inside the content folder"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&intro).unwrap(), before);
    let out = run(&[
        "--content",
        c.to_str().unwrap(),
        "pdf",
        "-o",
        tmp.path().to_str().unwrap(),
    ]);
    assert!(stderr(&out).contains("is a folder"), "{}", stderr(&out));
    let typ = tmp.path().join("typ");
    let pdf = tmp.path().join("x.pdf");
    let emit = |force: bool| {
        let mut args = vec![
            "--content",
            c.to_str().unwrap(),
            "pdf",
            "-o",
            pdf.to_str().unwrap(),
            "--emit-typst",
            typ.to_str().unwrap(),
        ];
        if force {
            args.push("--force");
        }
        run(&args)
    };
    assert!(emit(false).status.success());
    let again = emit(false);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("not overwriting"),
        "{}",
        stderr(&again)
    );
    assert!(emit(true).status.success());
    let synth = run(&[
        "synth",
        typ.to_str().unwrap(),
        "--entries",
        "3",
        "--works",
        "2",
    ]);
    assert_eq!(synth.status.code(), Some(1));
    assert!(stderr(&synth).contains("not empty"), "{}", stderr(&synth));
}

// Checks that a symlink planted at a predictable temporary name is not followed:
// the temporary file is created exclusively under an unpredictable name.
#[cfg(unix)]
#[test]
fn temporary_files_do_not_follow_symlinks() {
    let (tmp, c) = content("none");
    let victim = tmp.path().join("victim.txt");
    std::fs::write(&victim, "keep").unwrap();
    let out_dir = tmp.path().join("o");
    std::fs::create_dir_all(&out_dir).unwrap();
    for pid_guess in 0..64 {
        let _ = std::os::unix::fs::symlink(
            &victim,
            out_dir.join(format!(".x.pdf.{pid_guess}.tmp")),
        );
    }
    let pdf = out_dir.join("x.pdf");
    let out = run(&[
        "--content",
        c.to_str().unwrap(),
        "pdf",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
}

// Checks the failures `check` now catches with a location: heading skips, a
// document listed twice, an impossible date, a term of a megabyte, control
// characters; and that a reader without a date still builds (PDF/A needs one).
#[test]
fn failures_are_caught_by_check() {
    let (tmp, c) = content("heading-skip");
    assert_codes(&c, &["W0206"]);
    build(tmp.path(), &c);
    assert_codes(&content("listed-twice").1, &["E0603"]);
    assert_codes(&content("bad-reader-date").1, &["E0207"]);
    let (tmp, c) = content("no-reader-date");
    assert_codes(&c, &["W0601"]);
    build(tmp.path(), &c);
    let (_tmp, c) = content("none");
    let term = format!(
        "---\nterm: {}\npinyin: Qúnzhòng Lùxiàn\nhanzi: 群众路线\n---\nText.\n",
        "x".repeat(1_000_000)
    );
    std::fs::write(c.join("glossary/mass-line.md"), term).unwrap();
    assert_codes(&c, &["E0208"]);
    for control in ['\0', '\u{1}', '\u{1b}'] {
        let (_tmp, c) = content("none");
        let text = format!(
            "---\ntitle: Introduction\n---\nSee [[common-prosperity]] {control} here.\n"
        );
        std::fs::write(c.join("essays/intro.md"), text).unwrap();
        assert_codes(&c, &["E0105"]);
    }
}

// Checks that unreadable citations and index marks, empty cross-reference words,
// images, and repeated or unused footnotes are reported.
#[test]
fn silently_wrong_output_is_reported() {
    let err = assert_codes(&content("citations").1, &["E0405"]);
    assert_eq!(err.matches("error[E0405]").count(), 5, "{err}");
    assert_codes(&content("index-marks").1, &["E0604"]);
    assert_codes(&content("empty-label").1, &["E0303", "W0503"]);
    assert_codes(&content("footnotes").1, &["W0501", "W0502"]);
    // Found by the fuzzer: a heading of an index mark alone failed PDF/UA export.
    assert_codes(&content("empty-heading").1, &["E0503"]);
}

// Checks front matter values: a date that is not one, an empty alias, see_also
// listed twice.
#[test]
fn front_matter_is_validated() {
    assert_codes(&content("translation-date").1, &["E0207"]);
    assert_codes(&content("front-matter").1, &["E0202", "W0207"]);
}

// Checks that broken symlinks, loops and links out of the content folder are
// located errors, and that the outside file is never echoed.
#[cfg(unix)]
#[test]
fn symlinks_are_checked() {
    let (tmp, c) = content("none");
    let secret = tmp.path().join("secret.md");
    std::fs::write(&secret, "---\nterm: SECRET LINE\n---\n").unwrap();
    let g = c.join("glossary");
    std::os::unix::fs::symlink(&secret, g.join("outside.md")).unwrap();
    std::os::unix::fs::symlink("nowhere.md", g.join("dangling.md")).unwrap();
    std::os::unix::fs::symlink("loop.md", g.join("loop.md")).unwrap();
    let err = assert_codes(&c, &["E0107", "E0104"]);
    assert!(!err.contains("SECRET"), "{err}");
    assert_eq!(err.matches("error[E0104]").count(), 2, "{err}");
}

// Checks that SOURCE_DATE_EPOCH dates the PDF as it dates the EPUB.
#[test]
fn source_date_epoch_dates_the_pdf() {
    let (tmp, c) = content("none");
    let pdf = tmp.path().join("x.pdf");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ccp-press"))
        .args([
            "--content",
            c.to_str().unwrap(),
            "pdf",
            "-o",
            pdf.to_str().unwrap(),
        ])
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(info.contains("2023"), "{info}");
}

// Checks that YAML errors are in the words of the content format, and that long
// lines are not echoed in full.
#[test]
fn messages_speak_the_content_format() {
    let err = assert_codes(&content("yaml-messages").1, &["E0201"]);
    assert!(err.contains("field `title` is given twice"), "{err}");
    assert!(!err.contains("DuplicateKeyPolicy"), "{err}");
    let (_tmp, c) = content("none");
    let long = format!(
        "---\ntitle: Introduction\n---\nSee [[common-prosperity]] [[{}]].\n",
        "y".repeat(20_000)
    );
    std::fs::write(c.join("essays/intro.md"), long).unwrap();
    let err = check(&c);
    assert!(
        err.lines().all(|l| l.chars().count() < 400),
        "a line is echoed in full"
    );
}
