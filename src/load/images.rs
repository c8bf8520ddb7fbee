//! The image files of figures: each figure's path resolved inside the content
//! folder, the file read once, its format confirmed by decoding it; then the
//! image files no figure uses.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, codes};
use crate::model::{Block, Body, Figure, Image, ImageFormat};
use crate::source::{SourceMap, Span};

/// Image files larger than this are refused.
pub(crate) const MAX_IMAGE_BYTES: u64 = 20 * 1024 * 1024;

/// Raster images with more pixels than this are refused (before decoding).
pub(crate) const MAX_IMAGE_PIXELS: u64 = 60_000_000;

/// Extensions of image files, ours or not (for the unused-file note).
const IMAGE_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "svg", "gif", "webp", "tif", "tiff", "bmp",
];

/// Reads the images of the figures of `bodies` (each with the name of its
/// file, from the content folder), setting each figure's `file` when its
/// image is good; then N0501 for each image file under `root` no figure uses.
pub(super) fn load(
    root: &Path,
    map: &mut SourceMap,
    bodies: Vec<(String, &mut Body)>,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Image> {
    let mut images = Images {
        root,
        read: BTreeMap::new(),
        referred: BTreeSet::new(),
        diags,
    };
    for (name, body) in bodies {
        for block in &mut body.blocks {
            if let Block::Figure(fig) = block {
                images.figure(&name, fig);
            }
        }
    }
    let Images { read, referred, .. } = images;
    unused(root, map, &referred, diags);
    read.into_iter()
        .filter_map(|(path, image)| Some((path, image?)))
        .collect()
}

struct Images<'a> {
    root: &'a Path,
    /// Each path read, with its image or none when it was refused.
    read: BTreeMap<String, Option<Image>>,
    /// Every path a figure names (found or not), for the unused-file note.
    referred: BTreeSet<String>,
    diags: &'a mut Vec<Diagnostic>,
}

impl Images<'_> {
    fn figure(&mut self, file_name: &str, fig: &mut Figure) {
        fig.file = None;
        let path = match inside(file_name, &fig.src) {
            // A path written from the content folder (`figures/x.png` in
            // `glossary/a.md`) is found there when the Markdown file's folder
            // has no such file.
            Ok(path) if !self.root.join(&path).exists() => inside("", &fig.src)
                .ok()
                .filter(|p| self.root.join(p).exists())
                .unwrap_or(path),
            Ok(path) => path,
            Err(problem) => {
                self.diags.push(problem.at(fig.span));
                return;
            }
        };
        self.referred.insert(path.clone());
        if !self.read.contains_key(&path) {
            let image = self.read_image(&path, fig.span);
            self.read.insert(path.clone(), image);
        }
        if self.read.get(&path).is_some_and(Option::is_some) {
            fig.file = Some(path);
        }
    }

    /// The image at `path` (from the content folder), or none after a
    /// diagnostic at `span`.
    fn read_image(&mut self, path: &str, span: Span) -> Option<Image> {
        match read_image(self.root, path) {
            Ok(image) => Some(image),
            Err(problem) => {
                self.diags.push(problem.at(span));
                None
            }
        }
    }
}

/// The path from the content folder of image `src`, written in the file
/// named `file_name`: E0504 when empty, E0505 when absolute, a web address or
/// out of the folder.
fn inside(file_name: &str, src: &str) -> Result<String, Diagnostic> {
    let src = percent_decoded(src.trim());
    if src.is_empty() {
        return Err(Diagnostic::new(codes::E0504, "figure without an image path")
            .help("write the image's path between the parentheses: `![Alt text](figures/chart.png)`"));
    }
    let scheme = src.split_once(':').is_some_and(|(s, _)| {
        s.len() > 1
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    if scheme
        || src.starts_with('/')
        || src.starts_with('\\')
        || src.get(1..2) == Some(":")
    {
        return Err(Diagnostic::new(
            codes::E0505,
            format!("image `{src}` is not a file of the content folder"),
        )
        .label("images are never downloaded, nor read from outside the content folder")
        .help("copy the image into the content folder (e.g. `figures/`) and write its path relative to this file"));
    }
    let base = Path::new(file_name).parent().unwrap_or(Path::new(""));
    let mut parts: Vec<String> = Vec::new();
    for c in base.join(&src).components() {
        match c {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::ParentDir if parts.pop().is_some() => {}
            Component::CurDir => {}
            _ => {
                return Err(Diagnostic::new(
                    codes::E0505,
                    format!("image `{src}` is outside the content folder"),
                )
                .label("this path climbs out of the content folder")
                .help("copy the image into the content folder (e.g. `figures/`) and write its path relative to this file"));
            }
        }
    }
    Ok(parts.join("/"))
}

/// `%20` and the like decoded (CommonMark addresses are percent-encoded).
fn percent_decoded(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// Reads and decodes the image at `path` under `root`.
fn read_image(root: &Path, path: &str) -> Result<Image, Diagnostic> {
    let disk = root.join(path);
    let ext = Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("");
    let format = ImageFormat::from_extension(ext).ok_or_else(|| {
        Diagnostic::new(
            codes::E0506,
            format!("`{path}`: figures are PNG, JPEG or SVG files, not `.{ext}`"),
        )
        .help("export the image as PNG (charts), JPEG (photographs, facsimiles) or SVG (diagrams)")
    })?;
    stays_inside(root, &disk, path)?;
    let size = fs::metadata(&disk).map(|m| m.len()).unwrap_or(0);
    if size > MAX_IMAGE_BYTES {
        return Err(Diagnostic::new(
            codes::E0507,
            format!(
                "image `{path}` is too large ({:.1} MB; the limit is {} MB)",
                size as f64 / 1_048_576.0,
                MAX_IMAGE_BYTES / 1_048_576
            ),
        )
        .help("scale the image down, or save a photograph as JPEG"));
    }
    let bytes: Arc<[u8]> = fs::read(&disk)
        .map_err(|e| {
            Diagnostic::new(codes::E0504, format!("cannot read image `{path}`: {e}"))
        })?
        .into();
    if let Some(pixels) = too_many_pixels(&bytes, format) {
        return Err(Diagnostic::new(
            codes::E0507,
            format!(
                "image `{path}` is too large ({pixels}; the limit is {} million pixels)",
                MAX_IMAGE_PIXELS / 1_000_000
            ),
        )
        .help("scale the image down: a page-wide figure at 300 ppi is about 1,500 pixels wide"));
    }
    let size = match format {
        ImageFormat::Svg => svg_size(&bytes),
        _ => raster_size(&bytes, format),
    }
    .map_err(|why| {
        Diagnostic::new(
            codes::E0506,
            format!("`{path}` is not a readable {} image: {why}", format.name()),
        )
        .help(format!(
            "export the image again as {}, or give the file the extension of its real format",
            format.name()
        ))
    })?;
    Ok(Image {
        path: path.to_string(),
        bytes,
        format,
        size,
    })
}

/// E0504 when nothing is at `disk`, E0505 when it is a link out of `root`.
fn stays_inside(root: &Path, disk: &Path, path: &str) -> Result<(), Diagnostic> {
    let (Ok(target), Ok(root)) = (disk.canonicalize(), root.canonicalize()) else {
        return Err(Diagnostic::new(codes::E0504, format!("image `{path}` not found"))
            .label("no file at this path")
            .help("the path is read from the folder of this file; check its spelling, or put the image there"));
    };
    if !target.starts_with(&root) {
        return Err(Diagnostic::new(
            codes::E0505,
            format!("image `{path}` is a link out of the content folder"),
        )
        .help(
            "copy the image into the content folder; files outside it are never read",
        ));
    }
    if !target.is_file() {
        return Err(Diagnostic::new(
            codes::E0504,
            format!("image `{path}` is not a file"),
        ));
    }
    Ok(())
}

fn raster_format(format: ImageFormat) -> image::ImageFormat {
    match format {
        ImageFormat::Jpeg => image::ImageFormat::Jpeg,
        _ => image::ImageFormat::Png,
    }
}

/// "8000 × 8000 pixels" when a raster image's header declares more pixels
/// than [`MAX_IMAGE_PIXELS`] (read before anything is decoded).
fn too_many_pixels(bytes: &[u8], format: ImageFormat) -> Option<String> {
    if !format.is_raster() {
        return None;
    }
    let reader = image::ImageReader::with_format(
        std::io::Cursor::new(bytes),
        raster_format(format),
    );
    let (w, h) = reader.into_dimensions().ok()?;
    (u64::from(w) * u64::from(h) > MAX_IMAGE_PIXELS).then(|| format!("{w} × {h} pixels"))
}

/// A raster image's pixels, after decoding it whole.
fn raster_size(bytes: &[u8], format: ImageFormat) -> Result<(f64, f64), String> {
    let decoded = image::load_from_memory_with_format(bytes, raster_format(format))
        .map_err(|e| e.to_string())?;
    Ok((f64::from(decoded.width()), f64::from(decoded.height())))
}

/// An SVG's size in its user units: parsed, and refused when it holds a
/// script, an event handler or a reference to another file.
fn svg_size(bytes: &[u8]) -> Result<(f64, f64), String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())?;
    let doc = roxmltree::Document::parse(text).map_err(|e| e.to_string())?;
    for node in doc.descendants().filter(roxmltree::Node::is_element) {
        let name = node.tag_name().name();
        if matches!(name, "script" | "foreignObject") {
            return Err(format!(
                "it holds a `<{name}>` element, which e-readers refuse"
            ));
        }
        for attr in node.attributes() {
            let local = attr.name();
            if local.starts_with("on") {
                return Err(format!("it holds an event handler (`{local}`)"));
            }
            if local == "href"
                && !attr.value().starts_with('#')
                && !attr.value().starts_with("data:")
            {
                return Err(format!(
                    "it refers to another file (`{}`); an image must stand alone",
                    attr.value()
                ));
            }
        }
    }
    let tree = usvg::Tree::from_data(bytes, &usvg::Options::default())
        .map_err(|e| e.to_string())?;
    let size = tree.size();
    Ok((f64::from(size.width()), f64::from(size.height())))
}

/// N0501 for each image file under `root` that no figure names.
fn unused(
    root: &Path,
    map: &mut SourceMap,
    referred: &BTreeSet<String>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut found = Vec::new();
    image_files(root, root, 0, &mut found);
    found.sort();
    for (name, path) in found {
        if referred.contains(&name) {
            continue;
        }
        let id = map.add(name.clone(), path, String::new());
        diags.push(
            Diagnostic::new(
                codes::N0501,
                format!("image `{name}` is not used by any figure"),
            )
            .at(Span::new(id, 0, 0))
            .help("refer to it from a figure (`![Alt text](path)`), or delete it"),
        );
    }
}

/// Image files under `dir` (hidden folders, `layouts/` and `out/`-like build
/// folders aside), as (name from `root`, path).
fn image_files(root: &Path, dir: &Path, depth: usize, out: &mut Vec<(String, PathBuf)>) {
    let Ok(read) = fs::read_dir(dir) else { return };
    for entry in read.filter_map(Result::ok) {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() && depth < 8 {
            image_files(root, &path, depth + 1, out);
        } else if kind.is_file()
            && path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                IMAGE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())
            })
        {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            out.push((rel, path));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Checks that paths resolve from the Markdown file's folder and never out
    // of the content folder.
    #[test]
    fn resolves_inside_the_content_folder() {
        let ok = |file: &str, src: &str| inside(file, src).ok();
        assert_eq!(
            ok("glossary/a.md", "figures/x.png").as_deref(),
            Some("glossary/figures/x.png")
        );
        assert_eq!(
            ok("glossary/a.md", "../figures/x.png").as_deref(),
            Some("figures/x.png")
        );
        assert_eq!(
            ok("glossary/a.md", "./my%20chart.svg").as_deref(),
            Some("glossary/my chart.svg")
        );
        for bad in [
            "../../x.png",
            "/etc/x.png",
            "https://www.gov.cn/x.png",
            "file:x.png",
            "C:\\x.png",
            "",
        ] {
            assert_eq!(ok("glossary/a.md", bad), None, "{bad}");
        }
    }

    // Checks the size limit (a sparse file, read no further than its size)
    // and a symbolic link leading out of the content folder.
    #[test]
    fn refuses_huge_files_and_links_out() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("content");
        std::fs::create_dir_all(&root).unwrap();
        let huge = std::fs::File::create(root.join("huge.png")).unwrap();
        huge.set_len(MAX_IMAGE_BYTES + 1).unwrap();
        assert_eq!(read_image(&root, "huge.png").unwrap_err().code, "E0507");
        std::fs::write(tmp.path().join("outside.png"), b"x").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(
                tmp.path().join("outside.png"),
                root.join("link.png"),
            )
            .unwrap();
            assert_eq!(read_image(&root, "link.png").unwrap_err().code, "E0505");
        }
        assert_eq!(read_image(&root, "none.png").unwrap_err().code, "E0504");
    }

    // Checks that an SVG with a script or an outside reference is refused.
    #[test]
    fn refuses_active_svg() {
        let svg = |inner: &str| {
            format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="5">{inner}</svg>"#
            )
        };
        assert_eq!(
            svg_size(svg("<rect width='1' height='1'/>").as_bytes()),
            Ok((10.0, 5.0))
        );
        assert!(svg_size(svg("<script>alert(1)</script>").as_bytes()).is_err());
        assert!(
            svg_size(svg("<rect onclick='x()' width='1' height='1'/>").as_bytes())
                .is_err()
        );
        assert!(
            svg_size(
                svg("<image xlink:href='http://x/y.png' width='1' height='1'/>")
                    .as_bytes()
            )
            .is_err()
        );
        assert!(svg_size(b"<svg").is_err());
    }
}
