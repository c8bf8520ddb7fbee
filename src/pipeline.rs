//! One pipeline for every command: load → check → cite → plan → typeset → write.
//!
//! [`load_and_check`](crate::load_and_check) gives the checked model;
//! [`Edition::new`] formats the citations once and plans one reader for one paper;
//! [`Edition::layout`] lays the book out with typst, in rounds until its page
//! map repeats (one world, typst's caches reused); [`Edition::pdf`] and [`Edition::epub`]
//! write the two files from the same plan and the same page map.

use crate::diag::{Diagnostic, codes};
use crate::model::{Project, Reader, Selection, Stamp};
use crate::plan::{self, Anchor, AnchorIndex, Book, PageMap};
use crate::render::epub;
use crate::render::pdf::{self, Paper};

/// Layout rounds at most. From a current stored map one round settles; from
/// none, page references start as stand-ins and take two or three rounds; past
/// the cap the build warns.
pub const MAX_ROUNDS: usize = 5;

/// One reader on one paper, planned: what every writer starts from.
pub struct Edition<'p> {
    /// The checked model.
    pub project: &'p Project,
    /// The reader.
    pub reader: &'p Reader,
    /// What the reader contains.
    pub selection: Selection,
    /// The paper of the print edition.
    pub paper: Paper,
    /// The plan (with the build's fixed moment, `book.meta.stamp`).
    pub book: Book,
    /// Proofs: simple line breaking and no PDF/A or PDF/UA.
    pub draft: bool,
    /// Every place of the plan by id: how a layout's page map is read.
    pub anchors: AnchorIndex,
}

/// The moment `SOURCE_DATE_EPOCH` names, when it is set (E0904 when it is
/// set to something else than seconds since 1970).
pub fn source_date() -> Result<Option<Stamp>, Diagnostic> {
    let Some(value) = std::env::var_os("SOURCE_DATE_EPOCH") else {
        return Ok(None);
    };
    let value = value.to_string_lossy();
    Stamp::from_epoch(&value).map(Some).map_err(|message| {
        Diagnostic::new(codes::E0904, message)
            .help("set it to the seconds since 1970-01-01 UTC, e.g. `SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)`, or unset it")
    })
}

/// A typst layout of an edition.
pub struct Layout {
    /// The laid-out document.
    pub document: typst_layout::PagedDocument,
    /// Where every located place is.
    pub pages: PageMap,
    /// typst warnings.
    pub warnings: Vec<Diagnostic>,
    /// How many layout rounds it took.
    pub rounds: usize,
    /// Whether the page map settled (false when the rounds stopped at a limit).
    pub settled: bool,
    /// The fingerprint of the sources laid out ([`Edition::fingerprint`]).
    pub fingerprint: String,
}

impl<'p> Edition<'p> {
    /// Formats the reader's citations and plans it (the content is checked,
    /// font coverage included, by [`crate::check`]).
    pub fn new(
        project: &'p Project,
        reader: &'p Reader,
        paper: Paper,
    ) -> Result<Self, Vec<Diagnostic>> {
        Self::with_citations(project, reader, paper, &mut crate::cite::Cache::default())
    }

    /// [`Edition::new`], with the labels and reference list of `citations` when
    /// the reader cites the same works as the edition that filled it (a
    /// `watch` keeps one).
    pub fn with_citations(
        project: &'p Project,
        reader: &'p Reader,
        paper: Paper,
        citations: &mut crate::cite::Cache,
    ) -> Result<Self, Vec<Diagnostic>> {
        let stamp = Stamp::for_reader(
            reader.date.as_deref(),
            source_date().map_err(|d| vec![d])?,
        );
        Ok(Self::at(project, reader, paper, stamp, citations))
    }

    /// The edition planned with the fixed moment `stamp` (what
    /// [`Edition::new`] takes from `SOURCE_DATE_EPOCH` or the reader's date).
    pub fn at(
        project: &'p Project,
        reader: &'p Reader,
        paper: Paper,
        stamp: Stamp,
        citations: &mut crate::cite::Cache,
    ) -> Self {
        let selection = project.select(reader);
        let cites = crate::cite::format_cached(project, &selection, citations);
        let book = plan::plan(project, reader, &selection, &cites, stamp);
        Edition {
            anchors: book.anchor_index(),
            project,
            reader,
            selection,
            paper,
            book,
            draft: false,
        }
    }

    /// The typst sources of the book (`--emit-typst`), with index locators from
    /// `pages` when given.
    pub fn typst_sources(&self, pages: Option<&PageMap>) -> Vec<(String, String)> {
        let markup =
            pdf::markup::book(&self.book, self.paper.typst_name(), self.draft, pages);
        pdf::sources(markup, &self.project.layouts)
    }

    /// The book's images, where the typst markup finds them.
    pub fn typst_images(&self) -> Vec<(String, typst::foundations::Bytes)> {
        self.book
            .images
            .iter()
            .map(|i| {
                let path = format!("{}{}", pdf::markup::IMAGES, i.name);
                (path, typst::foundations::Bytes::new(i.bytes.clone()))
            })
            .collect()
    }

    /// The fingerprint of the typst sources that do not come from a page map
    /// (see [`crate::cache`]): equal fingerprints, equal layouts.
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.typst_sources(None))
    }

    /// Lays the book out in a fresh typst world, starting from the page map
    /// `seed` when there is one (see [`Typesetter::layout`]).
    pub fn layout(&self, seed: Option<&PageMap>) -> Result<Layout, Vec<Diagnostic>> {
        Typesetter::default().layout(self, seed)
    }

    /// The PDF of a layout (PDF/A-2b and PDF/UA-1 with `standards`).
    pub fn pdf(
        &self,
        layout: &Layout,
        standards: bool,
    ) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let options = pdf::Options {
            paper: self.paper,
            standards: standards && !self.draft,
        };
        pdf::export(
            &layout.document,
            self.reader,
            self.book.meta.stamp,
            &options,
        )
    }

    /// The EPUB, with print page numbers when `pages` is given.
    pub fn epub(&self, pages: Option<&PageMap>) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let css = self
            .project
            .layouts
            .get("epub.css")
            .map_or(epub::CSS, String::as_str);
        epub::epub(
            &self.book,
            &epub::Options {
                pages,
                paper: self.paper,
                css,
                stamp: self.book.meta.stamp,
            },
        )
    }
}

/// The typst world of the last layout, kept so that a long-running process (a
/// `watch`) lays out again with only the changed sources replaced, and typst's
/// caches reuse what did not change.
#[derive(Default)]
pub struct Typesetter {
    world: Option<pdf::BookWorld>,
    /// The page map of the last layout: the next one starts from it, so a
    /// rebuild whose places did not move needs one round.
    last: Option<PageMap>,
    /// For rebuilds (see [`Typesetter::for_rebuilds`]).
    rebuilds: bool,
}

impl Typesetter {
    /// A typesetter for rebuilds: it keeps typst's memoised layouts of the last
    /// round (a one-off build lets them go between rounds, to save memory), and
    /// its rounds settle when the pages do (a one-off build waits for the
    /// positions too, for the sake of reproducible bytes; an edit moves every
    /// place after it, and a proof's link a line off still lands on its page).
    pub fn for_rebuilds() -> Self {
        Typesetter {
            rebuilds: true,
            ..Typesetter::default()
        }
    }

    /// Lays the book out, in rounds: each round reads the page map of the one
    /// before (page references, links and index locators are literal from it)
    /// and gives a new one; the book is laid out again, in the same typst world
    /// so that only paragraphs whose numbers changed are laid out anew, until the
    /// map no longer changes. A first layout starts from `seed` (a stored map)
    /// or from the last layout of this typesetter.
    pub fn layout(
        &mut self,
        edition: &Edition,
        seed: Option<&PageMap>,
    ) -> Result<Layout, Vec<Diagnostic>> {
        self.layout_rounds(edition, seed, MAX_ROUNDS)
    }

    /// Whether this typesetter has laid a book out before (its next layout is
    /// a rebuild).
    pub fn is_warm(&self) -> bool {
        self.last.is_some()
    }

    /// [`Typesetter::layout`] in at most `limit` rounds: a `watch` shows the
    /// first round of a rebuild at once, then lets the map settle. Unsettled,
    /// the layout's map is the one the next round reads.
    pub fn layout_rounds(
        &mut self,
        edition: &Edition,
        seed: Option<&PageMap>,
        limit: usize,
    ) -> Result<Layout, Vec<Diagnostic>> {
        // A rebuild starts no new page runs, so that an edit never restructures
        // the runs (typst would lay out every page after it again).
        let new_runs = !self.rebuilds || self.last.is_none();
        let seed = self.last.take().or_else(|| seed.cloned());
        let layout = self.rounds(edition, seed, new_runs, limit.clamp(1, MAX_ROUNDS))?;
        self.last = Some(layout.pages.clone());
        Ok(layout)
    }

    /// The layout rounds, from the page map `seed`.
    fn rounds(
        &mut self,
        edition: &Edition,
        mut seed: Option<PageMap>,
        new_runs: bool,
        mut limit: usize,
    ) -> Result<Layout, Vec<Diagnostic>> {
        let rebuild = self.rebuilds;
        let keep = usize::from(rebuild);
        let (world, fingerprint) = self.world_for(edition, seed.as_ref())?;
        let mut rounds = 0;
        let mut earlier: Vec<PageMap> = Vec::new();
        let mut damped = false;
        loop {
            let compiled = pdf::compile_world(world)?;
            rounds += 1;
            let (pages, unplanned_ids) =
                pdf::page_map(&compiled.document, &edition.anchors);
            let settled = seed.as_ref().is_some_and(|m| {
                if rebuild {
                    same_pages(m, &pages)
                } else {
                    same_map(m, &pages)
                }
            });
            let mut layout = Layout {
                document: compiled.document,
                pages,
                warnings: compiled.warnings,
                rounds,
                settled,
                fingerprint: fingerprint.clone(),
            };
            if settled {
                // Settled pages: what the next round would read is this map.
                layout.pages = next_map(seed.as_ref(), layout.pages, new_runs, rebuild);
                layout.warnings.extend(unplanned(&unplanned_ids));
                return Ok(layout);
            }
            if rounds >= limit {
                if limit >= MAX_ROUNDS {
                    layout.warnings.push(not_settled(rounds));
                } else {
                    layout.pages =
                        next_map(seed.as_ref(), layout.pages, new_runs, rebuild);
                }
                layout.warnings.extend(unplanned(&unplanned_ids));
                return Ok(layout);
            }
            let raw = layout.pages.clone();
            let mut next = next_map(seed.as_ref(), layout.pages, new_runs, rebuild);
            if let [.., two_back, one_back] = earlier.as_slice()
                && same_pages(two_back, &raw)
            {
                // A cycle of two: a reference dropped on its target's page, or
                // a page number's width, moves a line over a page break and
                // back. The references whose page changed keep their numbers,
                // and each place takes the later of its pages.
                number_moved(&mut next, one_back);
                later_pages(&mut next, one_back);
                // Two more rounds to confirm the map, once.
                if !damped && limit == MAX_ROUNDS {
                    limit += 2;
                }
                damped = true;
            }
            earlier.push(raw);
            let (indexes, places) = pdf::markup::page_files(&edition.book, &next);
            world.replace(pdf::INDEXES, &indexes);
            world.replace(pdf::PLACES, &places);
            seed = Some(next);
            // typst's memoised layouts: a one-off build lets all go (the next
            // round lays out anew most paragraphs, their page numbers having
            // changed); a `watch` keeps this round's, for the next round and build.
            typst::comemo::evict(keep);
        }
    }

    /// The kept world with the edition's sources, or a new one, and the
    /// sources' fingerprint.
    fn world_for(
        &mut self,
        edition: &Edition,
        seed: Option<&PageMap>,
    ) -> Result<(&mut pdf::BookWorld, String), Vec<Diagnostic>> {
        let sources = edition.typst_sources(seed);
        let fingerprint = fingerprint(&sources);
        let reusable = self.world.as_ref().is_some_and(|w| {
            w.today() == edition.book.meta.stamp && w.paths_match(&sources)
        });
        if reusable && let Some(world) = self.world.as_mut() {
            for (path, text) in &sources {
                world.replace(path, text);
            }
        } else {
            self.world = Some(pdf::world(sources, edition.book.meta.stamp)?);
        }
        let world = self
            .world
            .as_mut()
            .ok_or_else(|| vec![Diagnostic::new(codes::E0901, "no typst world")])?;
        world.set_binaries(edition.typst_images());
        Ok((world, fingerprint))
    }
}

/// The fingerprint of typst sources, without the two files a page map makes.
fn fingerprint(sources: &[(String, String)]) -> String {
    crate::cache::fingerprint(
        sources
            .iter()
            .filter(|(path, _)| path != pdf::INDEXES && path != pdf::PLACES)
            .map(|(path, text)| (path.as_str(), text.as_str())),
    )
}

/// Whether a layout made from map `a` gave map `b` back (a one-off build): every place at the
/// same position, every page with the same head, the same entries opening
/// pages. Positions count too, because links point at them: once pages settle,
/// the text is settled, so the next round gives the positions back, and a build
/// ends on the same map (and the same bytes) whatever map it started from.
fn same_map(a: &PageMap, b: &PageMap) -> bool {
    a.heads == b.heads && a.breaks == b.breaks && a.places == b.places
}

/// Whether two maps print the same: every place on the same page, the same
/// heads. Enough for a rebuild of `watch` (a proof): an edit moves every place
/// after it by a line, and a link a line off still lands on its page.
fn same_pages(a: &PageMap, b: &PageMap) -> bool {
    a.heads == b.heads
        && a.places.len() == b.places.len()
        && a.places.iter().zip(&b.places).all(|((ka, pa), (kb, pb))| {
            ka == kb && pa.page == pb.page && pa.printed == pb.printed
        })
}

/// The map the next round reads: the new one, except that page runs start only
/// at entries that opened their page in both the last two rounds, until the
/// pages settle. (While page numbers still change, an entry that opened its
/// page may not in the next round, and a page run started there would move the
/// pages after it; once the pages settle, the entries that open a page because
/// the page before is full start runs, and one more round confirms the map.)
///
/// In a rebuild, a place that stayed on its page keeps its old position: an
/// edit moves every place after it by a line, and links to the new positions
/// would make typst lay out again every paragraph with a link after the edit;
/// in a proof, a link a line off still lands on its page.
fn next_map(
    seed: Option<&PageMap>,
    mut new: PageMap,
    new_runs: bool,
    rebuild: bool,
) -> PageMap {
    let pages_settled = seed.is_some_and(|m| same_pages(m, &new));
    if !pages_settled || !new_runs {
        keep_breaks(seed, &mut new);
    }
    if rebuild {
        keep_positions(seed, &mut new);
    }
    // What the layout read, it reads again.
    new.numbered = seed.map(|m| m.numbered.clone()).unwrap_or_default();
    new
}

/// Numbers the references of `map` whose page differs in `other`.
fn number_moved(map: &mut PageMap, other: &PageMap) {
    let moved: Vec<Anchor> = map
        .places
        .iter()
        .filter(|(id, p)| other.places.get(*id).is_some_and(|o| o.page != p.page))
        .map(|(id, _)| id.clone())
        .filter(|id| !map.numbered.contains(id))
        .collect();
    map.numbered.extend(moved);
    map.numbered.sort();
}

/// Gives each place of `map` its page in `other` when that one is later.
fn later_pages(map: &mut PageMap, other: &PageMap) {
    for (id, place) in &mut map.places {
        if let Some(o) = other.places.get(id).filter(|o| o.page > place.page) {
            *place = *o;
        }
    }
    map.last = map.last.max(other.last);
}

/// Gives each place that is on the same page in `seed` its position there.
fn keep_positions(seed: Option<&PageMap>, new: &mut PageMap) {
    let Some(seed) = seed else { return };
    for (id, place) in &mut new.places {
        if let Some(old) = seed.places.get(id).filter(|o| o.page == place.page) {
            place.x = old.x;
            place.y = old.y;
        }
    }
}

/// Keeps only the page runs `seed` started that still start at a full page.
fn keep_breaks(seed: Option<&PageMap>, new: &mut PageMap) {
    let before = seed.map(|m| m.breaks.as_slice()).unwrap_or_default();
    new.breaks.retain(|id| before.contains(id));
}

/// W0901 when the layout gave back places the plan does not have (a layout
/// that marks ids of its own): their pages are not in the page map.
fn unplanned(unknown: &[String]) -> Option<Diagnostic> {
    let shown: Vec<&str> = unknown.iter().take(5).map(String::as_str).collect();
    (!unknown.is_empty()).then(|| {
        Diagnostic::new(
            codes::W0901,
            format!(
                "the layout marks {} place(s) the book plan does not have: {}",
                unknown.len(),
                shown.join(", ")
            ),
        )
        .help("a layout in layouts/ may call `place-mark` with ids of its own; page references to them are left out. Otherwise this is a bug in ccp-press; please report it")
    })
}

/// The warning of a layout whose page map did not settle.
fn not_settled(rounds: usize) -> Diagnostic {
    Diagnostic::new(
        codes::W0902,
        format!("page numbers did not settle after {rounds} layout rounds"),
    )
    .help(
        "some page references or index locators may be off by a page; please report this",
    )
}
