//! One pipeline for every command: load → check → cite → plan → typeset → write.
//!
//! [`load_and_check`](crate::load_and_check) gives the checked model;
//! [`Edition::new`] formats the citations once and plans one reader for one paper;
//! [`Edition::layout`] lays the book out with typst (twice when the indexes need
//! page numbers, reusing typst's caches); [`Edition::pdf`] and [`Edition::epub`]
//! write the two files from the same plan and the same page map.

use std::collections::BTreeSet;

use crate::diag::Diagnostic;
use crate::model::{Project, Reader, Selection};
use crate::plan::{self, Book, PageMap};
use crate::render::pdf::{self, Paper};
use crate::render::{epub, fonts};
use crate::source::FileId;

/// Layout rounds at most: the body's pages never depend on the indexes, so two
/// rounds settle; a third is a safety net, and past it the build warns.
pub const MAX_ROUNDS: usize = 3;

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
}

impl<'p> Edition<'p> {
    /// Checks the reader's characters against the fonts, formats its citations and
    /// plans it.
    pub fn new(
        project: &'p Project,
        reader: &'p Reader,
        paper: Paper,
    ) -> Result<Self, Vec<Diagnostic>> {
        let selection = project.select(reader);
        let missing =
            fonts::check_coverage(project, &reader_files(project, reader, &selection));
        if !missing.is_empty() {
            return Err(missing);
        }
        let cites = crate::cite::format(project, &selection);
        let book = plan::plan(project, reader, &selection, &cites);
        Ok(Edition {
            project,
            reader,
            selection,
            paper,
            book,
        })
    }

    /// The typst sources of the book (`--emit-typst`), with index locators from
    /// `pages` when given.
    pub fn typst_sources(&self, pages: Option<&PageMap>) -> Vec<(String, String)> {
        let markup = pdf::markup::book(&self.book, self.paper.typst_name(), pages);
        pdf::sources(markup, &self.project.layouts)
    }

    /// Lays the book out in a fresh typst world (see [`Typesetter::layout`]).
    pub fn layout(&self, complete: bool) -> Result<Layout, Vec<Diagnostic>> {
        Typesetter::default().layout(self, complete)
    }

    /// The PDF of a layout (PDF/A-2b and PDF/UA-1 with `standards`).
    pub fn pdf(
        &self,
        layout: &Layout,
        standards: bool,
    ) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let options = pdf::Options {
            paper: self.paper,
            standards,
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
    /// The page map of the last complete layout: the next one starts from it, so
    /// a rebuild whose places did not move needs one round.
    last: Option<PageMap>,
}

impl Typesetter {
    /// Lays the book out. With `complete`, the indexes get their page numbers from
    /// the page map of the first round, and the book is laid out again (in the same
    /// typst world, so unchanged pages come from typst's caches) until the map no
    /// longer changes; without, one round gives the page map of the body (all the
    /// EPUB needs).
    pub fn layout(
        &mut self,
        edition: &Edition,
        complete: bool,
    ) -> Result<Layout, Vec<Diagnostic>> {
        let seed = self.last.clone().filter(|_| complete);
        let layout = self.rounds(edition, complete, seed.as_ref())?;
        if complete {
            self.last = Some(layout.pages.clone());
        }
        Ok(layout)
    }

    /// The layout rounds, the first with the indexes of `seed` (the previous
    /// layout's page map) when there is one.
    fn rounds(
        &mut self,
        edition: &Edition,
        complete: bool,
        seed: Option<&PageMap>,
    ) -> Result<Layout, Vec<Diagnostic>> {
        let world = self.world_for(edition)?;
        if let Some(map) = seed {
            let markup =
                pdf::markup::book(&edition.book, edition.paper.typst_name(), Some(map));
            world.replace(pdf::INDEXES, &markup.indexes);
        }
        let first = pdf::compile_world(world)?;
        let mut layout = Layout {
            pages: pdf::page_map(&first.document),
            document: first.document,
            warnings: first.warnings,
            rounds: 1,
        };
        if !complete || seed.is_some_and(|m| m.places == layout.pages.places) {
            return Ok(layout);
        }
        loop {
            let markup = pdf::markup::book(
                &edition.book,
                edition.paper.typst_name(),
                Some(&layout.pages),
            );
            world.replace(pdf::INDEXES, &markup.indexes);
            let next = pdf::compile_world(world)?;
            let pages = pdf::page_map(&next.document);
            // The locators depend on the places only (the index's own length may
            // change the page count, which nothing printed depends on).
            let settled = pages.places == layout.pages.places;
            layout = Layout {
                document: next.document,
                pages,
                warnings: next.warnings,
                rounds: layout.rounds + 1,
            };
            if settled {
                return Ok(layout);
            }
            if layout.rounds >= MAX_ROUNDS {
                layout.warnings.push(
                    Diagnostic::warning(
                        "W0902",
                        format!(
                            "page numbers did not settle after {MAX_ROUNDS} layout rounds"
                        ),
                    )
                    .help("some index locators may be off by a page; please report this"),
                );
                return Ok(layout);
            }
        }
    }

    /// The kept world with the edition's sources, or a new one.
    fn world_for(
        &mut self,
        edition: &Edition,
    ) -> Result<&mut pdf::BookWorld, Vec<Diagnostic>> {
        let sources = edition.typst_sources(None);
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
        self.world
            .as_mut()
            .ok_or_else(|| vec![Diagnostic::error("E0901", "no typst world")])
    }
}

/// Files whose characters end up in the reader.
pub fn reader_files(
    project: &Project,
    reader: &Reader,
    selection: &Selection,
) -> BTreeSet<FileId> {
    let mut files: BTreeSet<_> = selection
        .documents
        .iter()
        .filter_map(|d| project.documents.get(d).map(|d| d.file))
        .chain(
            selection
                .entries
                .iter()
                .filter_map(|e| project.entries.get(e).map(|e| e.file)),
        )
        .collect();
    files.insert(reader.file);
    files.extend(project.bibliography.entries.values().map(|b| b.span.file));
    files
}
