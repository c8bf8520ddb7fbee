//! Image files of figures, as the loader read and decoded them.

use std::sync::Arc;

/// The formats a figure's image may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ImageFormat {
    /// PNG.
    Png,
    /// JPEG.
    Jpeg,
    /// SVG (vector: printed at any size).
    Svg,
}

impl ImageFormat {
    /// The format a file name's extension declares, if it is one of ours.
    pub fn from_extension(ext: &str) -> Option<ImageFormat> {
        match ext.to_ascii_lowercase().as_str() {
            "png" => Some(ImageFormat::Png),
            "jpg" | "jpeg" => Some(ImageFormat::Jpeg),
            "svg" => Some(ImageFormat::Svg),
            _ => None,
        }
    }

    /// The media type (EPUB manifest).
    pub fn media_type(self) -> &'static str {
        match self {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::Svg => "image/svg+xml",
        }
    }

    /// The usual extension.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpg",
            ImageFormat::Svg => "svg",
        }
    }

    /// The format's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            ImageFormat::Png => "PNG",
            ImageFormat::Jpeg => "JPEG",
            ImageFormat::Svg => "SVG",
        }
    }

    /// Whether the image is made of pixels (and so has a resolution in print).
    pub fn is_raster(self) -> bool {
        !matches!(self, ImageFormat::Svg)
    }
}

/// An image file read from the content folder and decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// Its path from the content folder (`figures/chart.png`).
    pub path: String,
    /// Its bytes, as read.
    pub bytes: Arc<[u8]>,
    /// Its format, as its extension declares and its bytes confirm.
    pub format: ImageFormat,
    /// Width and height: pixels of a raster image, user units of an SVG.
    pub size: (f64, f64),
}

impl Image {
    /// A fingerprint of the bytes (FNV-1a, 64 bits): a changed file is a
    /// changed book for the layout cache.
    pub fn fingerprint(&self) -> String {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for b in self.bytes.iter() {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        format!("{hash:016x}")
    }

    /// Width over height.
    pub fn aspect(&self) -> f64 {
        if self.size.1 > 0.0 {
            self.size.0 / self.size.1
        } else {
            1.0
        }
    }
}

/// The print edition's measure (the text block's width), in inches: the same
/// on US letter and A4 (see `geometry` in `layouts/book.typ`).
pub const MEASURE_INCHES: f64 = 4.75;

/// The tallest a figure's image prints, as a share of the measure: a taller
/// image is printed narrower, so that it and its caption fit a page.
pub const MAX_FIGURE_HEIGHT: f64 = 1.1;

/// The printed width of an image of `aspect` (width over height), as a share
/// of the measure: `width` percent when given, else the whole measure, and
/// narrower for a tall image.
pub fn printed_share(width: Option<u8>, aspect: f64) -> f64 {
    let wanted = f64::from(width.unwrap_or(100)) / 100.0;
    wanted.min(MAX_FIGURE_HEIGHT * aspect).max(0.05)
}
