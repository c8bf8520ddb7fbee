//! The fonts of `fonts/`, compiled into the binary so it runs from anywhere, and the
//! check that every character of a reader has a glyph in one of them.

use std::sync::OnceLock;

use typst::foundations::Bytes;
use typst::text::Font;

/// A font file shipped in `fonts/`.
#[derive(Debug, Clone, Copy)]
pub struct FontFile {
    /// File name.
    pub name: &'static str,
    /// The bytes.
    pub data: &'static [u8],
}

macro_rules! font {
    ($name:literal) => {
        FontFile {
            name: $name,
            data: include_bytes!(concat!("../fonts/", $name)),
        }
    };
}

/// Every font the book uses: Libertinus Serif for Latin and pinyin, Noto Serif CJK SC
/// (subset) for hanzi.
pub const FONT_FILES: &[FontFile] = &[
    font!("LibertinusSerif-Regular.otf"),
    font!("LibertinusSerif-Italic.otf"),
    font!("LibertinusSerif-Semibold.otf"),
    font!("LibertinusSerif-Bold.otf"),
    font!("LibertinusSerif-BoldItalic.otf"),
    font!("NotoSerifSC-Regular-subset.otf"),
    font!("NotoSerifSC-Bold-subset.otf"),
];

/// The parsed fonts (parsed once per process).
pub fn fonts() -> &'static [Font] {
    static FONTS: OnceLock<Vec<Font>> = OnceLock::new();
    FONTS.get_or_init(|| {
        FONT_FILES
            .iter()
            .flat_map(|f| Font::iter(Bytes::new(f.data)))
            .collect()
    })
}

/// Characters that need no glyph.
fn ignorable(c: char) -> bool {
    c.is_control()
        || c.is_whitespace()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}

/// Whether some font has a glyph for `c`.
pub fn covered(c: char) -> bool {
    ignorable(c) || fonts().iter().any(|f| f.info().coverage.contains(c as u32))
}
