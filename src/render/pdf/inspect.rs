//! The lines of a laid-out book, read back from typst's frames: what tests and
//! benchmarks measure (line length, baseline distances, hyphenation, furniture).

use typst::layout::{Frame, FrameItem, Point};
use typst::text::TextItem;
use typst_layout::PagedDocument;

/// One line of text as laid out: every text run on one baseline of a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Physical page, from 1.
    pub page: usize,
    /// Baseline, in points from the top of the page.
    pub y: f64,
    /// Left end, in points.
    pub x: f64,
    /// The largest font size on the line, in points.
    pub size: f64,
    /// The line's text, runs joined left to right.
    pub text: String,
    /// Whether it holds Chinese characters.
    pub cjk: bool,
}

/// The lines of every page, top to bottom (runs on one baseline form one line,
/// so the two columns of an index are read as one).
pub fn lines(document: &PagedDocument) -> Vec<Line> {
    let mut out = Vec::new();
    for (i, page) in document.pages().iter().enumerate() {
        let mut runs: Vec<(f64, f64, f64, String)> = Vec::new();
        collect(&page.frame, Point::zero(), &mut runs);
        runs.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.total_cmp(&b.0)));
        let mut page_lines: Vec<Line> = Vec::new();
        for (x, y, size, text) in runs {
            match page_lines.last_mut() {
                Some(l) if (l.y - y).abs() < 0.5 => {
                    l.size = l.size.max(size);
                    l.text.push_str(&text);
                }
                _ => page_lines.push(Line {
                    page: i + 1,
                    y,
                    x,
                    size,
                    text,
                    cjk: false,
                }),
            }
        }
        for l in &mut page_lines {
            l.cjk = l.text.chars().any(crate::model::is_ideograph);
        }
        out.extend(page_lines);
    }
    out
}

/// The lowest baseline on a page of text at least `min_size` points large
/// (body text, not footnotes), in points from the top.
pub fn lowest_baseline(page: &Frame, min_size: f64) -> Option<f64> {
    let mut lowest: Option<f64> = None;
    each_text(page, Point::zero(), &mut |p, t| {
        if t.size.to_pt() >= min_size {
            lowest = Some(lowest.map_or(p.y.to_pt(), |l| l.max(p.y.to_pt())));
        }
    });
    lowest
}

/// The text runs of a frame (x, baseline, size, text), groups included.
fn collect(frame: &Frame, at: Point, runs: &mut Vec<(f64, f64, f64, String)>) {
    each_text(frame, at, &mut |p, t| {
        runs.push((p.x.to_pt(), p.y.to_pt(), t.size.to_pt(), t.text.to_string()))
    });
}

/// Calls `f` on every text item of a frame with its position on the page,
/// walking into groups (moved by their transforms).
fn each_text(frame: &Frame, at: Point, f: &mut impl FnMut(Point, &TextItem)) {
    for (pos, item) in frame.items() {
        let p = at + *pos;
        match item {
            FrameItem::Group(g) => {
                let shifted = p + Point::new(g.transform.tx, g.transform.ty);
                each_text(&g.frame, shifted, f);
            }
            FrameItem::Text(t) => f(p, t),
            _ => {}
        }
    }
}
