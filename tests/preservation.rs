//! No character lost: for every block of every entry, document and Chinese
//! original, in every parallel layout (`off`, `columns`, `facing`) and both
//! editions, the non-space characters of the text the author wrote appear in
//! the output's text layer, in order (`pdftotext -raw` for the PDF, the XHTML
//! stripped of its markup for the EPUB). Run on the demo and on the fixtures.
//!
//! A block's characters are looked for as a subsequence of the output that
//! starts where the block's first characters stand together and stays within
//! a window a few times the block's length (running heads, footnotes and the
//! other column may come between two lines of it, nothing else). Line-break
//! hints must not become characters: a zero-width space, word joiner or
//! zero-width no-break space in the text layer fails the test. (A word
//! hyphenated at a line's end carries U+00AD, as PDF asks of a hyphenation
//! hyphen, so that the word is whole again when copied; it is skipped.)

mod common;

use std::path::Path;

use ccp_press::model::{Block, Body, Inline};
use common::*;

/// The text an author wrote in a body, one string per block and note block,
/// without spaces: the plain text of its runs (cross-references, citations and
/// marks print words of their own, and are left out).
fn block_texts(body: &Body, out: &mut Vec<String>) {
    fn inlines(xs: &[Inline], s: &mut String) {
        for x in xs {
            match x {
                Inline::Text(t) | Inline::Code(t) => s.push_str(t),
                Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) => inlines(c, s),
                Inline::Link { content, .. } => inlines(content, s),
                _ => s.push(' '),
            }
        }
    }
    fn block(b: &Block, out: &mut Vec<String>) {
        let mut s = String::new();
        match b {
            Block::Para(c) | Block::Heading { content: c, .. } => inlines(c, &mut s),
            Block::Quote(bs) => bs.iter().for_each(|b| block(b, out)),
            Block::List { items, .. } => {
                items.iter().flatten().for_each(|b| block(b, out))
            }
            Block::Table { header, rows, .. } => {
                for cell in header.iter().chain(rows.iter().flatten()) {
                    let mut c = String::new();
                    inlines(cell, &mut c);
                    out.push(c);
                }
            }
            Block::Code(t) => s.push_str(t),
            // The caption and the source line print; the alt text is the
            // image's, not the text layer's.
            Block::Figure(f) => {
                inlines(&f.caption, &mut s);
                s.push(' ');
                inlines(&f.source, &mut s);
            }
            Block::Rule => {}
        }
        // A text between two cross-references is checked piece by piece.
        out.extend(s.split(' ').map(str::to_string));
    }
    for b in &body.blocks {
        block(b, out);
    }
    for n in &body.notes {
        n.blocks.iter().for_each(|b| block(b, out));
    }
}

fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{AD}')
        .flat_map(|c| match c {
            // Straight quotes print typographic: compared as one.
            '\'' | '‘' | '’' => vec!['\''],
            '"' | '“' | '”' => vec!['"'],
            'ﬀ' => "ff".chars().collect::<Vec<_>>(),
            'ﬁ' => "fi".chars().collect(),
            'ﬂ' => "fl".chars().collect(),
            'ﬃ' => "ffi".chars().collect(),
            'ﬄ' => "ffl".chars().collect(),
            c => vec![c],
        })
        .collect()
}

/// Whether `want` stands in `text` as a subsequence that begins where its
/// first characters stand together, within a window.
fn found_in_order(text: &[char], want: &[char]) -> bool {
    let head = &want[..want.len().min(4)];
    let window = want.len() * 4 + 1500;
    (0..text.len().saturating_sub(head.len() - 1))
        .filter(|&i| text[i..].starts_with(head))
        .any(|start| {
            let end = (start + window).min(text.len());
            let mut need = want.iter().peekable();
            for c in &text[start..end] {
                if need.peek() == Some(&c) {
                    need.next();
                }
            }
            need.peek().is_none()
        })
}

/// Every block text of the content's entries and documents, then that of
/// the Chinese originals (printed only beside their translations).
fn source_texts(content: &Path) -> (Vec<String>, Vec<String>) {
    let checked = ccp_press::load_and_check(content);
    assert!(!checked.has_errors(), "{content:?} has errors");
    let p = &checked.project;
    let mut out = Vec::new();
    let mut originals = Vec::new();
    for e in p.entries.values().filter(|e| !e.draft) {
        out.push(e.term.clone());
        out.push(e.hanzi.clone());
        block_texts(&e.body, &mut out);
    }
    for d in p.documents.values() {
        out.push(d.title.clone());
        out.extend(d.original_title.clone());
        block_texts(&d.body, &mut out);
        if let Some(o) = &d.original {
            block_texts(&o.body, &mut originals);
        }
    }
    let squeezed = |xs: Vec<String>| {
        xs.into_iter()
            .map(|s| squeeze(&s))
            .filter(|s| !s.is_empty())
            .collect()
    };
    (squeezed(out), squeezed(originals))
}

/// Readers with every document and entry, one per layout, in a copy of
/// `content`.
fn with_layout_readers(content: &Path) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("content");
    copy_dir(content, &copy);
    let checked = ccp_press::load_and_check(content);
    let docs: Vec<String> = checked
        .project
        .documents
        .keys()
        .map(|d| format!("  - {}", d.as_str()))
        .collect();
    for layout in ["off", "columns", "facing"] {
        let reader = format!(
            "title: Every block, {layout}\ndate: 2026-09-01\ndocuments:\n{}\nparallel: {layout}\nglossary: all\n",
            docs.join("\n")
        );
        std::fs::write(copy.join(format!("readers/all-{layout}.yaml")), reader).unwrap();
    }
    (dir, copy)
}

fn pdf_layer(content: &Path, reader: &str, out: &Path) -> String {
    let pdf = out.join(format!("{reader}.pdf"));
    let o = run(&[
        "--content",
        content.to_str().unwrap(),
        "pdf",
        "--reader",
        reader,
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    tool("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"])
}

fn epub_layer(content: &Path, reader: &str, out: &Path) -> String {
    let epub = out.join(format!("{reader}.epub"));
    let o = run(&[
        "--content",
        content.to_str().unwrap(),
        "epub",
        "--reader",
        reader,
        "--no-page-numbers",
        "-o",
        epub.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut z = zip::ZipArchive::new(std::fs::File::open(&epub).unwrap()).unwrap();
    let mut text = String::new();
    let names: Vec<String> = z.file_names().map(str::to_string).collect();
    let mut names: Vec<&String> =
        names.iter().filter(|n| n.ends_with(".xhtml")).collect();
    names.sort();
    for n in names {
        let mut x = String::new();
        std::io::Read::read_to_string(&mut z.by_name(n).unwrap(), &mut x).unwrap();
        text.push_str(&xhtml_text(&x));
    }
    text
}

/// The characters of XHTML: tags dropped, entities read.
fn xhtml_text(x: &str) -> String {
    let body = x.split_once("<body").map_or(x, |(_, b)| b);
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The texts of `content` that `layer` lacks.
fn lost(texts: &[String], layer: &str) -> Vec<String> {
    let layer: Vec<char> = squeeze(layer).chars().collect();
    texts
        .iter()
        .filter(|t| {
            let want: Vec<char> = t.chars().collect();
            !found_in_order(&layer, &want)
        })
        .cloned()
        .collect()
}

fn every_character_kept(content: &Path) {
    let (texts, originals) = source_texts(content);
    let (dir, copy) = with_layout_readers(content);
    for layout in ["off", "columns", "facing"] {
        let reader = format!("all-{layout}");
        for (edition, layer) in [
            ("PDF", pdf_layer(&copy, &reader, dir.path())),
            ("EPUB", epub_layer(&copy, &reader, dir.path())),
        ] {
            for hint in ['\u{200B}', '\u{2060}', '\u{FEFF}'] {
                assert!(
                    !layer.contains(hint),
                    "{edition} {layout}: U+{:04X} in the text layer",
                    hint as u32
                );
            }
            let mut missing = lost(&texts, &layer);
            if layout != "off" {
                missing.extend(lost(&originals, &layer));
            }
            assert!(
                missing.is_empty(),
                "{edition} {layout}: {} text(s) lost, e.g. {:?}",
                missing.len(),
                &missing[..missing.len().min(5)]
            );
        }
    }
}

// Checks the demo: glossary, essays, translations and their originals.
#[test]
fn the_demo_keeps_every_character() {
    every_character_kept(&root().join("content"));
}

// Checks the parallel fixtures (joins, omissions, quotation marks, dashes;
// an omitted region with a table, numbered items, a source note).
#[test]
fn the_parallel_fixtures_keep_every_character() {
    every_character_kept(&fixture("parallel"));
    every_character_kept(&fixture("apparatus"));
}

// Checks the fixtures of reader features (index marks, notes, readers,
// tables, cross-references).
#[test]
fn the_feature_fixtures_keep_every_character() {
    for name in ["figures", "index", "notes", "readers", "tables", "xrefs"] {
        every_character_kept(
            &root()
                .join("tests/fixtures/features")
                .join(name)
                .join("content"),
        );
    }
}

// Checks the matcher: in order, gaps allowed, nothing missing.
#[test]
fn the_matcher_wants_order() {
    let text: Vec<char> = "xx“坚定不移”“毫不动摇”yy".chars().collect();
    let want = |s: &str| s.chars().collect::<Vec<char>>();
    assert!(found_in_order(&text, &want("“坚定不移”“毫不动摇”")));
    assert!(!found_in_order(&text, &want("“坚定不移”“毫不动摇”zz")));
    assert!(!found_in_order(&text, &want("坚定不移”毫不动摇”x")));
    assert!(found_in_order(&text, &want("“坚定不移毫不动摇")));
}
