//! Figures: each label names one figure of its text, each reference a label of
//! it (E0509, E0510); raster images have 300 ppi at their printed size (W0504).

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, codes};
use crate::model::{Body, Figure, Inline, Project, walk_inlines};

/// The resolution print wants, in pixels per inch.
pub(super) const PRINT_PPI: f64 = 300.0;

pub(super) fn check(project: &Project, diags: &mut Vec<Diagnostic>) {
    let bodies = project.entries.values().map(|e| &e.body).chain(
        project.documents.values().flat_map(|d| {
            std::iter::once(&d.body).chain(d.original.as_ref().map(|o| &o.body))
        }),
    );
    for body in bodies {
        let labels = labels(project, body, diags);
        references(body, &labels, diags);
        for fig in body.figures() {
            resolution(project, fig, diags);
            svg_glyphs(project, fig, diags);
        }
    }
}

/// The labels of the body's figures; E0509 for a label given twice.
fn labels<'b>(
    project: &Project,
    body: &'b Body,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<&'b str, &'b Figure> {
    let mut out: BTreeMap<&str, &Figure> = BTreeMap::new();
    for fig in body.figures() {
        let Some(label) = &fig.label else { continue };
        if let Some(first) = out.get(label.name.as_str()) {
            let span = first.span;
            let line = project.sources.get(span.file).line_col(span.start).0;
            diags.push(
                Diagnostic::new(codes::E0509, format!("two figures labelled `#{}`", label.name))
                    .at(label.span)
                    .label("labelled again here")
                    .help(format!(
                        "the figure on line {line} has it too; give each figure a label of its own"
                    )),
            );
            continue;
        }
        out.insert(&label.name, fig);
    }
    out
}

/// E0510 for each reference to a label no figure of the body has.
fn references(
    body: &Body,
    labels: &BTreeMap<&str, &Figure>,
    diags: &mut Vec<Diagnostic>,
) {
    walk_inlines(body, &mut |x| {
        let Inline::FigRef(r) = x else { return };
        for l in &r.labels {
            if labels.contains_key(l.name.as_str()) {
                continue;
            }
            diags.push(
                Diagnostic::new(
                    codes::E0510,
                    format!("no figure labelled `#{}` here", l.name),
                )
                .at(l.span)
                .label("a reference to a figure of this text")
                .help(
                    "label the figure with `{#".to_string()
                        + &l.name
                        + "}` after its image, or correct the reference",
                )
                .suggest(&l.name, labels.keys().copied()),
            );
        }
    });
}

/// W0504 when a raster image has less than 300 ppi at its printed width.
fn resolution(project: &Project, fig: &Figure, diags: &mut Vec<Diagnostic>) {
    let Some(image) = fig.file.as_ref().and_then(|f| project.images.get(f)) else {
        return;
    };
    if !image.format.is_raster() {
        return;
    }
    let inches = crate::model::printed_share(fig.width, image.aspect())
        * crate::model::MEASURE_INCHES;
    let ppi = image.size.0 / inches;
    if ppi >= PRINT_PPI {
        return;
    }
    let needed = (PRINT_PPI * inches).ceil();
    diags.push(
        Diagnostic::new(
            codes::W0504,
            format!(
                "image `{}` has {ppi:.0} ppi at its printed width ({inches:.2} in); print wants {PRINT_PPI:.0}",
                image.path
            ),
        )
        .at(fig.span)
        .label(format!("{:.0} × {:.0} pixels", image.size.0, image.size.1))
        .help(format!(
            "export it at least {needed:.0} pixels wide, draw it as SVG, or print it smaller (`width=50%`)"
        )),
    );
}

/// E0701 for each character of an SVG's text that no font covers: both
/// editions draw that text with the book's fonts.
fn svg_glyphs(project: &Project, fig: &Figure, diags: &mut Vec<Diagnostic>) {
    let Some(image) = fig.file.as_ref().and_then(|f| project.images.get(f)) else {
        return;
    };
    let Some(missing) = uncovered_svg_text(&image.bytes) else {
        return;
    };
    for c in missing {
        diags.push(
            Diagnostic::new(
                codes::E0701,
                format!("no font has U+{:04X} `{c}` (in the text of `{}`)", c as u32, image.path),
            )
            .at(fig.span)
            .label("this character of the image would print as an empty box")
            .help("the fonts in fonts/ cover Latin, pinyin and about 16,000 hanzi (GB 2312 and Big5); use a common variant, or draw the text as outlines"),
        );
    }
}

/// The characters of an SVG's text that no font covers, each once (none when
/// it is not SVG or has no such character).
fn uncovered_svg_text(bytes: &[u8]) -> Option<std::collections::BTreeSet<char>> {
    let text = std::str::from_utf8(bytes).ok()?;
    let doc = roxmltree::Document::parse(text).ok()?;
    let missing: std::collections::BTreeSet<char> = doc
        .descendants()
        .filter(|n| n.is_text())
        .filter(|n| n.ancestors().any(|a| a.tag_name().name() == "text"))
        .filter_map(|n| n.text())
        .flat_map(str::chars)
        .filter(|c| !c.is_ascii() && !c.is_whitespace() && !crate::fonts::covered(*c))
        .collect();
    (!missing.is_empty()).then_some(missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Checks that an SVG's text is checked against the fonts.
    #[test]
    fn svg_text_needs_glyphs() {
        let svg = |t: &str| {
            format!(r#"<svg xmlns="http://www.w3.org/2000/svg"><text>{t}</text></svg>"#)
        };
        assert_eq!(
            uncovered_svg_text(svg("中央委员会 Central").as_bytes()),
            None
        );
        let missing = uncovered_svg_text(svg("\u{10FFFD}").as_bytes()).unwrap();
        assert_eq!(missing.into_iter().collect::<String>(), "\u{10FFFD}");
    }
}
