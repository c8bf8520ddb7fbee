//! The typst `World` of one reader: the generated `main.typ`, the layouts and the
//! fonts, all in memory. Nothing here reads the disk or the network.

use std::collections::HashMap;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::model::Stamp;

/// An in-memory typst project.
pub struct BookWorld {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: &'static [Font],
    main: FileId,
    sources: HashMap<FileId, Source>,
    /// Files that are not typst sources: the book's images.
    binaries: HashMap<FileId, Bytes>,
    names: HashMap<FileId, String>,
    today: Stamp,
}

/// The typst file id of a project path like `/main.typ`.
pub(super) fn file_id(path: &str) -> Option<FileId> {
    Some(RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).ok()?).intern())
}

impl BookWorld {
    /// A world whose main file is `main`, with the other sources `files` (path, text).
    pub fn new(
        main: String,
        files: Vec<(String, String)>,
        fonts: &'static [Font],
        today: Stamp,
    ) -> Option<Self> {
        let main_id = file_id("/main.typ")?;
        let mut sources = HashMap::new();
        let mut names = HashMap::new();
        sources.insert(main_id, Source::new(main_id, main));
        names.insert(main_id, "main.typ".to_string());
        for (path, text) in files {
            let id = file_id(&path)?;
            names.insert(id, path.trim_start_matches('/').to_string());
            sources.insert(id, Source::new(id, text));
        }
        Some(BookWorld {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(fonts)),
            fonts,
            main: main_id,
            sources,
            binaries: HashMap::new(),
            names,
            today,
        })
    }

    /// Serves `files` (path, bytes), e.g. the book's images, instead of the
    /// binary files served before.
    pub fn set_binaries(&mut self, files: Vec<(String, Bytes)>) {
        self.binaries.clear();
        for (path, bytes) in files {
            if let Some(id) = file_id(&path) {
                self.names
                    .insert(id, path.trim_start_matches('/').to_string());
                self.binaries.insert(id, bytes);
            }
        }
    }

    /// The stamp the world gives as today.
    pub fn today(&self) -> Stamp {
        self.today
    }

    /// Whether the world holds exactly the sources at these paths.
    pub fn paths_match(&self, files: &[(String, String)]) -> bool {
        files.len() == self.sources.len()
            && files
                .iter()
                .all(|(p, _)| file_id(p).is_some_and(|id| self.sources.contains_key(&id)))
    }

    /// Replaces the text of the source at `path` (incrementally, so typst's caches
    /// keep what did not change); false when there is no such source.
    pub fn replace(&mut self, path: &str, text: &str) -> bool {
        match file_id(path).and_then(|id| self.sources.get_mut(&id)) {
            Some(source) => {
                if source.text() != text {
                    source.replace(text);
                }
                true
            }
            None => false,
        }
    }

    /// The display name of a file.
    pub fn name(&self, id: FileId) -> &str {
        self.names.get(&id).map_or("<unknown>", String::as_str)
    }
}

impl World for BookWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.sources
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(self.name(id).into()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(bytes) = self.binaries.get(&id) {
            return Ok(bytes.clone());
        }
        self.sources
            .get(&id)
            .map(|s| Bytes::from_string(s.text().to_string()))
            .ok_or_else(|| FileError::NotFound(self.name(id).into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Datetime::from_ymd(self.today.year, self.today.month, self.today.day)
    }
}
