//! SVG figures for the EPUB. An SVG shown by `<img>` cannot use the fonts the
//! EPUB embeds, and an e-reader without a Chinese font would draw its Chinese
//! labels as empty boxes: the text of an SVG is turned into outlines drawn
//! with the book's own fonts (the PDF draws it with the same). An SVG with no
//! text is packaged as it is; the figure's alt text says what it shows.

use std::sync::Arc;

use crate::fonts;

/// The SVG `bytes` with its text as outlines, or none when it has no text (or
/// cannot be read: `check` has refused such a file).
pub(super) fn outlined(bytes: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(bytes).ok()?;
    if !text.contains("<text") {
        return None;
    }
    let mut db = usvg::fontdb::Database::new();
    for f in fonts::FONT_FILES {
        let data: &'static [u8] = f.data;
        db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(data)));
    }
    db.set_serif_family("Libertinus Serif");
    db.set_sans_serif_family("Libertinus Serif");
    let options = usvg::Options {
        fontdb: Arc::new(db),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_data(bytes, &options).ok()?;
    let write = usvg::WriteOptions {
        coordinates_precision: 3,
        transforms_precision: 4,
        indent: usvg::Indent::None,
        attributes_indent: usvg::Indent::None,
        ..usvg::WriteOptions::default()
    };
    Some(tree.to_string(&write).into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    // Checks that text, Chinese included, becomes outlines and nothing else.
    #[test]
    fn text_becomes_outlines() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="5" y="30" font-family="Libertinus Serif, serif" font-size="14">Central Committee 中央委员会</text></svg>"#;
        let out = String::from_utf8(outlined(svg.as_bytes()).unwrap()).unwrap();
        assert!(!out.contains("<text"), "text left in the SVG");
        // The glyphs are one path: long, with a curve per stroke.
        assert!(
            out.contains("<path") && out.matches(" C ").count() > 100,
            "no outlines"
        );
        assert_eq!(outlined(b"<svg xmlns='http://www.w3.org/2000/svg'/>"), None);
    }
}
