//! The PDF writer: book plan → typst markup → typst (as a library) → PDF bytes.

pub mod inspect;
pub mod markup;

use std::collections::BTreeMap;

use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diag::{Diagnostic, codes};
use crate::model::Owner;
use crate::model::Reader;
use crate::model::Stamp;
pub use crate::plan::Paper;
use crate::plan::{Anchor, AnchorIndex, PageMap, Place};
pub use crate::render::typeset::{BookWorld, Compiled, compile, compile_world, world};

/// Options of the PDF writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Paper size.
    pub paper: Paper,
    /// Export as PDF/A-2b and PDF/UA-1.
    pub standards: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            paper: Paper::Letter,
            standards: true,
        }
    }
}

/// The layouts compiled into the binary: (typst path, text).
pub const LAYOUTS: &[(&str, &str)] = &[
    (
        "/layouts/book.typ",
        include_str!("../../../layouts/book.typ"),
    ),
    (
        "/layouts/index.typ",
        include_str!("../../../layouts/index.typ"),
    ),
];

/// The typst sources of a book: `/main.typ` first, then `/markers.typ`,
/// `/indexes.typ`, `/places.typ` and the layouts (a content folder's `layouts/` overrides the
/// built-in ones file by file).
pub fn sources(
    markup: markup::Markup,
    overrides: &BTreeMap<String, String>,
) -> Vec<(String, String)> {
    let mut out = vec![
        ("/main.typ".to_string(), markup.main),
        ("/markers.typ".to_string(), markup.markers),
        (INDEXES.to_string(), markup.indexes),
        (PLACES.to_string(), markup.places),
    ];
    for (path, text) in LAYOUTS {
        let name = path.trim_start_matches("/layouts/");
        let text = overrides.get(name).map_or(*text, String::as_str);
        out.push((path.to_string(), text.to_string()));
    }
    out
}

/// The path of the generated indexes, replaced in each layout round.
pub const INDEXES: &str = "/indexes.typ";

/// The path of the page map the layout reads, replaced in each layout round.
pub const PLACES: &str = "/places.typ";

/// Exports a compiled document to PDF bytes.
pub fn export(
    document: &PagedDocument,
    reader: &Reader,
    stamp: Stamp,
    options: &Options,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let standards = if options.standards {
        PdfStandards::new(&[PdfStandard::A_2b, PdfStandard::Ua_1])
    } else {
        PdfStandards::new(&[])
    }
    .map_err(|e| {
        vec![Diagnostic::new(
            codes::E0902,
            format!("PDF standards: {}", e.message()),
        )]
    })?;
    let datetime = Datetime::from_ymd_hms(
        stamp.year,
        stamp.month,
        stamp.day,
        stamp.hour,
        stamp.minute,
        stamp.second,
    );
    let ident = format!("ccp-press/{}/{}", reader.name, options.paper.typst_name());
    let pdf_options = PdfOptions {
        ident: Smart::Custom(ident),
        timestamp: datetime.map(Timestamp::new_utc),
        standards,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &pdf_options).map_err(|errs| {
        errs.iter()
            .map(|e| {
                let mut d =
                    Diagnostic::new(codes::E0902, format!("PDF export: {}", e.message));
                for h in &e.hints {
                    d = d.help(h.v.to_string());
                }
                d
            })
            .collect()
    })
}

/// The page and position of every located place of a layout (the metadata marks
/// labelled [`crate::plan::anchor::PLACE_LABEL`]), and the running head of every
/// page (from the layout's furniture markers, see `layouts/book.typ`), each
/// read as the anchor of the book that `index` gives it; and the ids that name
/// no anchor (sorted, each once), which are left out.
pub fn page_map(document: &PagedDocument, index: &AnchorIndex) -> (PageMap, Vec<String>) {
    use typst::foundations::Value;

    let mut unplanned = Vec::new();
    let running = running_marks(document, index, &mut unplanned);
    let pages = document.pages();
    let mut map = PageMap {
        last: pages.last().map_or(0, |p| p.number),
        heads: heads(document, &running),
        breaks: page_openers(document, &running),
        ..PageMap::default()
    };
    for (page, x, y, value) in marks(document, crate::plan::anchor::PLACE_LABEL) {
        let Value::Str(id) = value else { continue };
        let Some(anchor) = index.get(id.as_str()) else {
            unplanned.push(id.to_string());
            continue;
        };
        let Some(p) = pages.get(page - 1) else {
            continue;
        };
        map.places.insert(
            anchor.clone(),
            Place {
                page,
                printed: p.number,
                x: hundredths(x),
                y: hundredths(y),
            },
        );
    }
    unplanned.sort();
    unplanned.dedup();
    (map, unplanned)
}

/// The metadata marks labelled `name`, in document order: physical page, x and
/// y in points, value.
fn marks(
    document: &PagedDocument,
    name: &str,
) -> Vec<(usize, f64, f64, typst::foundations::Value)> {
    use typst::foundations::{Label, Selector};
    use typst::introspection::{Introspector, MetadataElem};
    use typst::utils::PicoStr;

    let intro = document.introspector();
    let Some(label) = Label::new(PicoStr::intern(name)) else {
        return Vec::new();
    };
    intro
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|c| {
            let m = c.to_packed::<MetadataElem>()?;
            let pos = intro.position(c.location()?)?;
            Some((
                pos.page.get(),
                pos.point.x.to_pt(),
                pos.point.y.to_pt(),
                m.value.clone(),
            ))
        })
        .collect()
}

/// Room at the foot of a page in which no entry can start: with the layout's
/// spacing, its headword, pinyin line and first line of text need some 65 pt
/// (18 pt above the headword, 9.4 pt of headword, 9.6 pt, 8.6 pt of pinyin,
/// 10.8 pt, 8.6 pt of text). An entry that opens the page after such a foot was
/// pushed there by the text, not by a page break of ours.
const NO_ROOM_PT: f64 = 54.0;

/// Text smaller than this is footnotes (10 pt), not the text block's own lines.
const FOOTNOTE_PT: f64 = 10.25;

/// The glossary entries that open their page because the page before is full:
/// their `<running>` marker (right after the headword) is as high on its page
/// as any entry's, and the text of the page before (footnotes aside) ends less
/// than [`NO_ROOM_PT`] above the foot of its text block (`<text-bottom>`). A
/// page run started at such an entry changes no page; one started where the
/// entry could have begun on the page before would.
fn page_openers(
    document: &PagedDocument,
    running: &[(usize, f64, Anchor)],
) -> Vec<Anchor> {
    use std::collections::HashMap;

    let starts: Vec<&(usize, f64, Anchor)> = running
        .iter()
        .filter(|(.., a)| matches!(a, Anchor::Owner(Owner::Entry(_))))
        .collect();
    let bottoms: HashMap<usize, f64> = marks(document, "text-bottom")
        .into_iter()
        .map(|(p, _, y, _)| (p, y))
        .collect();
    let top = starts
        .iter()
        .map(|(_, y, _)| *y)
        .fold(f64::INFINITY, f64::min);
    let full = |page: usize| -> bool {
        let (Some(bottom), Some(before)) = (
            bottoms.get(&page),
            document.pages().get(page.wrapping_sub(1)),
        ) else {
            return false;
        };
        inspect::lowest_baseline(&before.frame, FOOTNOTE_PT)
            .is_some_and(|last| bottom - last < NO_ROOM_PT)
    };
    starts
        .into_iter()
        .filter(|(page, y, _)| (y - top).abs() < 0.5 && *page > 1 && full(page - 1))
        .map(|(.., id)| id.clone())
        .collect()
}

/// How far down a page a `<running>` marker may be and still name the page's
/// own head (a document or entry starting near the top).
const HEAD_REACH_PT: f64 = 8.0 / 2.54 * 72.0;

/// The running head of every physical page: none before the body, on part
/// titles and openers (`<quiet>`), on pages left blank (`<blank>`, or the page
/// between a `<flow-end>` and a `<quiet>` opener); otherwise the folio and the
/// `<running>` marker near the top of the page, or else the last one before it.
fn heads(
    document: &PagedDocument,
    running: &[(usize, f64, Anchor)],
) -> Vec<Option<crate::plan::Head>> {
    use std::collections::BTreeSet;

    let on = |name| -> BTreeSet<usize> {
        marks(document, name).into_iter().map(|(p, ..)| p).collect()
    };
    let (quiet, blank, flow_end) = (on("quiet"), on("blank"), on("flow-end"));
    let Some(body_start) = on("body-start").first().copied() else {
        return Vec::new();
    };
    let mut current: Option<&Anchor> = None;
    let mut next = 0;
    (1..=document.pages().len())
        .map(|page| {
            // The marker in force at the top of `page`: the last one before it.
            while let Some((.., id)) = running.get(next).filter(|(p, ..)| *p < page) {
                current = Some(id);
                next += 1;
            }
            let empty = quiet.contains(&page)
                || blank.contains(&page)
                || (flow_end.contains(&(page - 1)) && quiet.contains(&(page + 1)));
            if page < body_start || empty {
                return None;
            }
            let top = running
                .get(next)
                .filter(|(p, y, _)| *p == page && *y < HEAD_REACH_PT)
                .map(|(.., id)| id);
            Some(crate::plan::Head {
                folio: (page - body_start + 1) as u64,
                running: top.or(current)?.clone(),
            })
        })
        .collect()
}

/// The `<running>` markers (part, document or entry in force), in document
/// order: physical page, y in points, anchor.
fn running_marks(
    document: &PagedDocument,
    index: &AnchorIndex,
    unplanned: &mut Vec<String>,
) -> Vec<(usize, f64, Anchor)> {
    marks(document, "running")
        .into_iter()
        .filter_map(|(p, _, y, v)| match v {
            typst::foundations::Value::Str(id) => match index.get(id.as_str()) {
                Some(anchor) => Some((p, y, anchor.clone())),
                None => {
                    unplanned.push(id.to_string());
                    None
                }
            },
            _ => None,
        })
        .collect()
}

/// A position rounded to 0.01 pt, as `/places.typ` writes it: a map read back
/// from the file or the cache compares equal to the layout's.
fn hundredths(pt: f64) -> f64 {
    (pt * 100.0).round() / 100.0
}
