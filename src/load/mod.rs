//! Loading: read `content/` once into the [`Project`] model.
//!
//! Problems of a single file (unreadable, malformed front matter, wrong field types,
//! footnotes without definitions) are reported here; problems between files
//! (unknown ids and keys, duplicates) are the business of [`crate::check`].

mod bibliography;
mod figure;
mod front_matter;
mod images;
mod inline_syntax;
mod markdown;
mod reader;
mod work;

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diag::{Diagnostic, codes};
use crate::model::{
    DocId, DocKind, Document, Entry, EntryId, FieldSpans, Project, ReaderName, Spanned,
    is_slug,
};
use crate::source::{FileId, SourceMap, Span, display_name};
use bibliography::BibFormat;
use front_matter::{Yaml, check_fields};

pub use markdown::options as markdown_options;

/// The built-in layouts a content folder's `layouts/` may replace, file by file.
pub const LAYOUT_NAMES: &[&str] = &["book.typ", "index.typ", "epub.css"];

/// Files larger than this are refused rather than read.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Loads the content folder. Always returns a model (possibly partial) and every
/// problem found.
pub fn load(root: &Path) -> (Project, Vec<Diagnostic>) {
    let (project, diags, _) = load_inner(root, None);
    (project, diags)
}

/// Glossary entries and documents parsed by an earlier load, by path: a `watch`
/// keeps one, so that a rebuild parses again (front matter and Markdown) only
/// the files whose text changed. A parse depends on the file's path, text and
/// place in the source map, and on nothing else; all three must match.
#[derive(Default)]
pub struct ParseCache {
    files: HashMap<PathBuf, Parsed>,
    /// Files found in the cache by the last load.
    pub hits: usize,
}

/// One parsed file, with the diagnostics its parse gave.
struct Parsed {
    file: FileId,
    text: String,
    result: Parse,
    diags: Vec<Diagnostic>,
}

/// What parsing one file gives.
#[derive(Clone)]
enum Parse {
    Entry(Option<Box<Entry>>),
    Document(Option<Box<Document>>),
    Original(crate::model::Body),
}

/// [`load`], reusing the files of `cache` whose text did not change, and
/// leaving in it the files of this load.
pub fn load_cached(root: &Path, cache: &mut ParseCache) -> (Project, Vec<Diagnostic>) {
    let caching = Caching {
        earlier: std::mem::take(&mut cache.files),
        this: ParseCache::default(),
    };
    let (project, diags, caching) = load_inner(root, Some(caching));
    *cache = caching.map(|c| c.this).unwrap_or_default();
    (project, diags)
}

/// The files of a caching load: those of the load before, and its own.
struct Caching {
    earlier: HashMap<PathBuf, Parsed>,
    this: ParseCache,
}

fn load_inner(
    root: &Path,
    caching: Option<Caching>,
) -> (Project, Vec<Diagnostic>, Option<Caching>) {
    let mut loader = Loader {
        root: root.to_path_buf(),
        map: SourceMap::default(),
        diags: Vec::new(),
        caching,
    };
    if !root.is_dir() {
        loader.diags.push(
            Diagnostic::new(
                codes::E0100,
                format!("content folder `{}` not found", root.display()),
            )
            .help("run from the project folder, or pass `--content DIR`"),
        );
    }
    let mut entries = loader.entries();
    let mut documents = loader.documents();
    let images = loader.images(&mut entries, &mut documents);
    let bibliography = loader.bibliography();
    let readers = loader.readers();
    let layouts = loader.layouts();
    let project = Project {
        images,
        layouts,
        sources: loader.map,
        entries,
        documents,
        bibliography,
        readers,
    };
    (project, loader.diags, loader.caching)
}

impl Loader {
    /// The glossary entries of `glossary/`.
    fn entries(&mut self) -> BTreeMap<EntryId, Entry> {
        let mut entries = BTreeMap::new();
        for path in self.list("glossary", &["md"]) {
            if let Some(file) = self.read(&path)
                && let Some(entry) = self.entry(file, &path)
            {
                entries.insert(entry.id.clone(), entry);
            }
        }
        entries
    }

    /// The essays and translations, with the Chinese originals beside them.
    fn documents(&mut self) -> BTreeMap<DocId, Document> {
        let mut documents = BTreeMap::new();
        for (dir, kind) in [
            ("essays", DocKind::Essay),
            ("translations", DocKind::Translation),
        ] {
            let (originals, texts): (Vec<PathBuf>, Vec<PathBuf>) = self
                .list(dir, &["md"])
                .into_iter()
                .partition(|p| stem(p).ends_with(".zh"));
            for path in texts {
                if let Some(file) = self.read(&path)
                    && let Some(doc) = self.document(file, &path, dir, kind)
                {
                    documents.insert(doc.id.clone(), doc);
                }
            }
            for path in originals {
                self.original(&path, dir, kind, &mut documents);
            }
        }
        documents
    }

    /// The images of the figures of the entries and documents (and of the
    /// Chinese originals).
    fn images(
        &mut self,
        entries: &mut BTreeMap<EntryId, Entry>,
        documents: &mut BTreeMap<DocId, Document>,
    ) -> BTreeMap<String, crate::model::Image> {
        let map = &self.map;
        let name = |file| map.get(file).name.clone();
        let mut bodies = Vec::new();
        for e in entries.values_mut() {
            bodies.push((name(e.file), &mut e.body));
        }
        for d in documents.values_mut() {
            bodies.push((name(d.file), &mut d.body));
            if let Some(o) = d.original.as_mut() {
                bodies.push((name(o.file), &mut o.body));
            }
        }
        images::load(&self.root, &mut self.map, bodies, &mut self.diags)
    }

    /// The works of `bibliography/` (YAML and BibLaTeX).
    fn bibliography(&mut self) -> crate::model::Bibliography {
        let mut bib = crate::model::Bibliography::default();
        for path in self.list("bibliography", &["yaml", "yml", "bib"]) {
            let format = match path.extension().and_then(|e| e.to_str()) {
                Some("bib") => BibFormat::Biblatex,
                _ => BibFormat::Yaml,
            };
            if let Some(file) = self.read(&path) {
                bibliography::load_file(
                    &self.map,
                    file,
                    format,
                    &mut bib,
                    &mut self.diags,
                );
            }
        }
        bib
    }

    /// The readers of `readers/`.
    fn readers(&mut self) -> BTreeMap<ReaderName, crate::model::Reader> {
        let mut readers = BTreeMap::new();
        for path in self.list("readers", &["yaml", "yml"]) {
            if let Some(file) = self.read(&path)
                && let Some(r) = reader::load(
                    &self.map,
                    file,
                    ReaderName::new(&stem(&path)),
                    &mut self.diags,
                )
            {
                readers.insert(r.name.clone(), r);
            }
        }
        readers
    }

    /// The layouts of `layouts/` that replace built-in ones, by name.
    fn layouts(&mut self) -> BTreeMap<String, String> {
        let mut layouts = BTreeMap::new();
        for path in self.list("layouts", &["typ", "css"]) {
            if let Some(file) = self.layout(&path) {
                let name = display_name(&self.root.join("layouts"), &path);
                layouts.insert(name, self.map.get(file).text.clone());
            }
        }
        layouts
    }
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The values of list field `name`, each with the place of its item.
fn spanned_items(
    spans: &FieldSpans,
    file: FileId,
    name: &str,
    values: Vec<String>,
) -> Vec<Spanned<String>> {
    values
        .into_iter()
        .enumerate()
        .map(|(i, value)| Spanned {
            span: spans.item_at(name, i, file),
            value,
        })
        .collect()
}

/// A suggestion for a file stem that is not a slug.
fn slugify(stem: &str) -> String {
    let mut out = String::new();
    for c in stem
        .chars()
        .flat_map(|c| crate::model::fold_accent(c).to_lowercase())
    {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

struct Loader {
    root: PathBuf,
    map: SourceMap,
    diags: Vec<Diagnostic>,
    /// The parsed files, when this load caches them.
    caching: Option<Caching>,
}

/// Front matter of a glossary entry.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct EntryFields {
    term: Option<String>,
    pinyin: Option<String>,
    hanzi: Option<String>,
    traditional: Option<String>,
    aliases: Vec<String>,
    variants: Vec<String>,
    avoid: Vec<String>,
    see_also: Vec<String>,
    sources: Vec<String>,
    draft: bool,
}

const ENTRY_FIELDS: &[&str] = &[
    "term",
    "pinyin",
    "hanzi",
    "traditional",
    "aliases",
    "variants",
    "avoid",
    "see_also",
    "sources",
    "draft",
];
const ENTRY_REQUIRED: &[&str] = &["term", "pinyin", "hanzi"];

/// Front matter of a translation or essay.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DocFields {
    title: Option<String>,
    original_title: Option<String>,
    author: Option<NamesField>,
    date: Option<String>,
    translator: Option<NamesField>,
    editor: Option<NamesField>,
    introduction_author: Option<NamesField>,
    source: Option<String>,
    issued_by: Option<String>,
    document_number: Option<String>,
    source_url: Option<String>,
    archived_url: Option<String>,
    accessed: Option<String>,
    translated: Option<String>,
    revisions: Vec<RevisionField>,
}

/// One name, or a list of them.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum NamesField {
    One(NameField),
    Many(Vec<NameField>),
}

/// A name as written: plain, `{person: …}` or `{organization: …}`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum NameField {
    Plain(String),
    Person { person: String },
    Organization { organization: String },
}

impl NamesField {
    fn credits(self) -> Vec<crate::model::Credit> {
        let names = match self {
            NamesField::One(n) => vec![n],
            NamesField::Many(ns) => ns,
        };
        names
            .into_iter()
            .map(|n| match n {
                NameField::Plain(name) | NameField::Person { person: name } => {
                    crate::model::Credit {
                        name: name.trim().to_string(),
                        organization: false,
                    }
                }
                NameField::Organization { organization } => crate::model::Credit {
                    name: organization.trim().to_string(),
                    organization: true,
                },
            })
            .filter(|c| !c.name.is_empty())
            .collect()
    }
}

/// A revision: `{date: 2026-10-12, note: "…"}`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RevisionField {
    date: String,
    note: String,
}

const ESSAY_FIELDS: &[&str] = &["title", "author", "date", "translator", "editor"];
const TRANSLATION_REQUIRED: &[&str] = &[
    "title",
    "original_title",
    "author",
    "date",
    "translator",
    "source",
];
const TRANSLATION_FIELDS: &[&str] = &[
    "title",
    "original_title",
    "author",
    "date",
    "translator",
    "editor",
    "introduction_author",
    "source",
    "issued_by",
    "document_number",
    "source_url",
    "archived_url",
    "accessed",
    "translated",
    "revisions",
];

impl Loader {
    /// Files with one of `exts` in `root/dir`, sorted by name.
    fn list(&mut self, dir: &str, exts: &[&str]) -> Vec<PathBuf> {
        let Ok(read) = fs::read_dir(self.root.join(dir)) else {
            return Vec::new();
        };
        let mut out: Vec<PathBuf> = read
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file() || p.is_symlink())
            .filter(|p| {
                p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| exts.contains(&e))
            })
            .collect();
        out.sort();
        out
    }

    /// Whether a symbolic link leads to a file inside the content folder; E0104
    /// when it leads nowhere (or in a loop), E0107 when it leads out.
    fn symlink_inside(&mut self, path: &Path, name: &str) -> bool {
        let problem = match (path.canonicalize(), self.root.canonicalize()) {
            (Ok(target), Ok(root)) if target.starts_with(&root) && target.is_file() => None,
            (Ok(target), Ok(root)) if target.starts_with(&root) => Some(Diagnostic::new(
                codes::E0104,
                "symbolic link to something that is not a file",
            )),
            (Ok(_), Ok(_)) => Some(
                Diagnostic::new(codes::E0107, "symbolic link out of the content folder")
                    .help("copy the file into the content folder; files outside it are never read"),
            ),
            (Err(e), _) | (_, Err(e)) => Some(
                Diagnostic::new(codes::E0104, format!("broken symbolic link: {e}"))
                    .help("the link points to a file that does not exist, or to itself; fix or delete it"),
            ),
        };
        let Some(d) = problem else { return true };
        let id = self.map.add(name.to_string(), path.into(), String::new());
        self.diags.push(d.at(Span::new(id, 0, 0)));
        false
    }

    /// Reads a file into the source map; unreadable, huge, non-UTF-8 and empty files
    /// are diagnostics.
    fn read(&mut self, path: &Path) -> Option<FileId> {
        let name = display_name(&self.root, path);
        if path.is_symlink() && !self.symlink_inside(path, &name) {
            return None;
        }
        if self.too_large(path, &name) {
            return None;
        }
        let bytes = match fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                let id = self.map.add(name, path.into(), String::new());
                self.diags.push(
                    Diagnostic::new(codes::E0104, format!("cannot read file: {e}"))
                        .at(Span::new(id, 0, 0)),
                );
                return None;
            }
        };
        match String::from_utf8(bytes) {
            Ok(text) => {
                let text = text
                    .strip_prefix('\u{feff}')
                    .map(str::to_string)
                    .unwrap_or(text);
                self.printable(name, path, text)
            }
            Err(e) => {
                self.not_utf8(name, path, e);
                None
            }
        }
    }

    /// E0103 for a file over `MAX_FILE_BYTES`, which is not read.
    fn too_large(&mut self, path: &Path, name: &str) -> bool {
        let bytes = fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        if bytes <= MAX_FILE_BYTES {
            return false;
        }
        let id = self.map.add(name.to_string(), path.into(), String::new());
        self.diags.push(
            Diagnostic::new(
                codes::E0103,
                format!(
                    "file is too large ({:.1} MB; the limit is {} MB)",
                    bytes as f64 / 1_048_576.0,
                    MAX_FILE_BYTES / 1_048_576
                ),
            )
            .at(Span::new(id, 0, 0))
            .help("split the text into several files"),
        );
        true
    }

    /// The file's id when its text can be printed: E0102 for an empty file,
    /// E0105 for a control character (located).
    fn printable(&mut self, name: String, path: &Path, text: String) -> Option<FileId> {
        let empty = text.trim().is_empty();
        let control = text
            .char_indices()
            .find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
        let id = self.map.add(name, path.into(), text);
        if empty {
            self.diags.push(
                Diagnostic::new(codes::E0102, "file is empty")
                    .at(Span::new(id, 0, 0))
                    .help("write the content or delete the file"),
            );
            return None;
        }
        if let Some((at, c)) = control {
            self.diags.push(
                Diagnostic::new(
                    codes::E0105,
                    format!("control character U+{:04X} in the text", c as u32),
                )
                .at(Span::new(id, at, at + c.len_utf8()))
                .label("an invisible character that no edition can print")
                .help("delete it; it usually comes from pasting out of another program"),
            );
            return None;
        }
        Some(id)
    }

    /// E0101 at the first byte that is not UTF-8 (the text kept, lossily, for
    /// the source line).
    fn not_utf8(&mut self, name: String, path: &Path, e: std::string::FromUtf8Error) {
        let valid = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
        let lossy_pos = String::from_utf8_lossy(&e.as_bytes()[..valid]).len();
        let id = self.map.add(name, path.into(), text);
        self.diags.push(
            Diagnostic::new(codes::E0101, "file is not valid UTF-8")
                .at(Span::new(id, lossy_pos, lossy_pos + 3))
                .label(format!("invalid byte at offset {valid}"))
                .help("save the file as UTF-8"),
        );
    }

    /// The typed fields of a front matter and where each was written, or
    /// `None` after reporting why not.
    fn front_matter<T: for<'de> Deserialize<'de>>(
        &mut self,
        file: FileId,
        known: &[&str],
        required: &[&str],
    ) -> Option<(T, FieldSpans, usize)> {
        let fm = match front_matter::split(&self.map, file) {
            Ok(fm) => fm,
            Err(d) => {
                self.diags.push(d);
                return None;
            }
        };
        let yaml = Yaml::of_front_matter(&self.map, file, fm);
        let spans = match yaml.fields(&self.map) {
            Ok(k) => k,
            Err(d) => {
                self.diags.push(d);
                return None;
            }
        };
        check_fields(file, &spans, known, required, &mut self.diags);
        let fields = match yaml.parse::<T>(&self.map) {
            Ok(f) => f,
            Err(d) => {
                self.diags.push(d);
                return None;
            }
        };
        Some((fields, spans, fm.body_start))
    }

    /// A layout override: a file that replaces one of the built-in layouts.
    fn layout(&mut self, path: &Path) -> Option<FileId> {
        let file = self.read(path)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if LAYOUT_NAMES.contains(&name.as_str()) {
            return Some(file);
        }
        self.diags.push(
            Diagnostic::new(
                codes::E0801,
                format!("`layouts/{name}` overrides no layout"),
            )
            .at(Span::new(file, 0, 0))
            .suggest(&name, LAYOUT_NAMES.iter().copied())
            .help(format!(
                "the layouts that can be overridden: {}",
                LAYOUT_NAMES.join(", ")
            )),
        );
        None
    }

    /// E0207 unless `date` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` and exists.
    fn check_date(&mut self, at: Span, date: &str) {
        if let Some(d) = front_matter::invalid_date(at, date) {
            self.diags.push(d);
        }
    }

    /// `parse` of a file, or, when this load caches, its result in the cache if
    /// the file's text and place are those it was parsed from (its diagnostics
    /// are given again); the result is kept for the next load.
    fn parsed(
        &mut self,
        file: FileId,
        path: &Path,
        parse: impl FnOnce(&mut Self) -> Parse,
    ) -> Parse {
        if self.caching.is_none() {
            return parse(self);
        }
        let text = &self.map.get(file).text;
        let hit = self
            .caching
            .as_mut()
            .and_then(|c| c.earlier.remove(path))
            .filter(|p| p.file == file && p.text == *text);
        let hits = usize::from(hit.is_some());
        let parsed = match hit {
            Some(p) => {
                self.diags.extend(p.diags.iter().cloned());
                p
            }
            None => {
                let text = text.clone();
                let before = self.diags.len();
                let result = parse(self);
                Parsed {
                    file,
                    text,
                    result,
                    diags: self.diags[before..].to_vec(),
                }
            }
        };
        let result = parsed.result.clone();
        if let Some(c) = &mut self.caching {
            c.this.hits += hits;
            c.this.files.insert(path.to_path_buf(), parsed);
        }
        result
    }

    fn entry(&mut self, file: FileId, path: &Path) -> Option<Entry> {
        match self.parsed(file, path, |l| {
            Parse::Entry(l.parse_entry(file, path).map(Box::new))
        }) {
            Parse::Entry(entry) => entry.map(|e| *e),
            _ => None,
        }
    }

    fn parse_entry(&mut self, file: FileId, path: &Path) -> Option<Entry> {
        let id = stem(path);
        let (fields, spans, body_start): (EntryFields, _, _) =
            self.front_matter(file, ENTRY_FIELDS, ENTRY_REQUIRED)?;
        if !is_slug(&id) {
            self.diags.push(
                Diagnostic::new(codes::E0205, format!("`{id}` is not a valid entry id"))
                    .at(Span::new(file, 0, 0))
                    .help("name glossary files with lowercase letters, digits and hyphens, e.g. `common-prosperity.md`"),
            );
        }
        let (body, d) = markdown::parse_body(&self.map, file, body_start);
        self.diags.extend(d);
        let items =
            |name: &str, values: Vec<String>| spanned_items(&spans, file, name, values);
        let see_also = items("see_also", fields.see_also);
        let sources = items("sources", fields.sources);
        let avoid = items("avoid", fields.avoid);
        Some(Entry {
            id: EntryId::new(&id)?,
            file,
            term: fields.term.unwrap_or_default(),
            pinyin: fields.pinyin.unwrap_or_default(),
            hanzi: fields.hanzi.unwrap_or_default(),
            traditional: fields.traditional,
            aliases: fields.aliases,
            variants: fields.variants,
            draft: fields.draft,
            avoid,
            see_also,
            sources,
            body,
            body_start,
            fields: spans,
            related: Vec::new(),
            backlinks: Vec::new(),
            works: Vec::new(),
        })
    }

    /// Attaches `<dir>/<id>.zh.md` to its document as the Chinese original (E0209
    /// when there is no document `<id>`).
    fn original(
        &mut self,
        path: &Path,
        dir: &str,
        kind: DocKind,
        documents: &mut BTreeMap<DocId, Document>,
    ) {
        let Some(file) = self.read(path) else {
            return;
        };
        let stem = stem(path);
        let id = stem.trim_end_matches(".zh");
        let doc = DocId::new(kind, id).and_then(|d| documents.get_mut(&d));
        let Some(doc) = doc else {
            self.diags.push(
                Diagnostic::new(
                    codes::E0209,
                    format!("`{dir}/{stem}.md` is an original without its translation"),
                )
                .at(Span::new(file, 0, 0))
                .help(format!("a parallel text is `{dir}/{id}.md` (English) beside `{dir}/{id}.zh.md` (Chinese); add the English, or rename the file")),
            );
            return;
        };
        let body =
            match self.parsed(file, path, |l| Parse::Original(l.parse_original(file))) {
                Parse::Original(body) => body,
                _ => crate::model::Body::default(),
            };
        doc.original = Some(crate::model::Original {
            file,
            body,
            alignment: Ok(Vec::new()),
        });
    }

    /// The revisions of a translation, each with a date (E0207, E0202).
    fn revisions(
        &mut self,
        file: FileId,
        spans: &FieldSpans,
        written: Vec<RevisionField>,
    ) -> Vec<crate::model::Revision> {
        let mut out = Vec::new();
        for (i, r) in written.into_iter().enumerate() {
            let at = spans.item_at("revisions", i, file);
            if r.date.trim().is_empty() || r.note.trim().is_empty() {
                self.diags.push(
                    Diagnostic::new(codes::E0202, "a revision needs a date and a note")
                        .at(at)
                        .help("write `- {date: 2026-10-12, note: Corrected the rendering of 领跑.}`"),
                );
                continue;
            }
            self.check_date(at, r.date.trim());
            out.push(crate::model::Revision {
                date: r.date.trim().to_string(),
                note: r.note.trim().to_string(),
            });
        }
        out
    }

    fn parse_original(&mut self, file: FileId) -> crate::model::Body {
        let (body, d) = markdown::parse_body(&self.map, file, 0);
        self.diags.extend(d);
        body
    }

    fn document(
        &mut self,
        file: FileId,
        path: &Path,
        dir: &str,
        kind: DocKind,
    ) -> Option<Document> {
        let parse = |l: &mut Self| {
            Parse::Document(l.parse_document(file, path, dir, kind).map(Box::new))
        };
        match self.parsed(file, path, parse) {
            Parse::Document(doc) => doc.map(|d| *d),
            _ => None,
        }
    }

    fn parse_document(
        &mut self,
        file: FileId,
        path: &Path,
        dir: &str,
        kind: DocKind,
    ) -> Option<Document> {
        let (known, required): (&[&str], &[&str]) = match kind {
            DocKind::Essay => (ESSAY_FIELDS, &["title"]),
            DocKind::Translation => (TRANSLATION_FIELDS, TRANSLATION_REQUIRED),
        };
        let (fields, spans, body_start): (DocFields, _, _) =
            self.front_matter(file, known, required)?;
        let stem = stem(path);
        if !is_slug(&stem) {
            self.diags.push(
                Diagnostic::new(codes::E0205, format!("`{stem}` is not a valid document id"))
                    .at(Span::new(file, 0, 0))
                    .help(format!("name documents with lowercase letters, digits and hyphens, e.g. `{dir}/{}.md`", slugify(&stem))),
            );
        }
        for (field, date) in [
            ("date", &fields.date),
            ("accessed", &fields.accessed),
            ("translated", &fields.translated),
        ] {
            if let Some(date) = date {
                self.check_date(spans.at(field, file), date);
            }
        }
        for (field, url) in [
            ("source_url", &fields.source_url),
            ("archived_url", &fields.archived_url),
        ] {
            if let Some(url) = url.as_deref().filter(|u| !crate::model::is_web_address(u))
            {
                self.diags.push(
                    Diagnostic::new(
                        codes::E0205,
                        format!("`{url}` is not a web address"),
                    )
                    .at(spans.at(field, file))
                    .help(
                        "write the whole address, beginning with `https://` or `http://`",
                    ),
                );
            }
        }
        let revisions = self.revisions(file, &spans, fields.revisions);
        let (body, d) = markdown::parse_body(&self.map, file, body_start);
        self.diags.extend(d);
        let source = fields.source.map(|value| Spanned {
            span: spans.at("source", file),
            value,
        });
        let names =
            |n: Option<NamesField>| n.map(NamesField::credits).unwrap_or_default();
        Some(Document {
            id: DocId::new(kind, &stem)?,
            kind,
            file,
            title: fields.title.unwrap_or_default(),
            original_title: fields.original_title,
            date: fields.date,
            credits: crate::model::Credits {
                authors: names(fields.author),
                translators: names(fields.translator),
                editors: names(fields.editor),
                introduction: names(fields.introduction_author),
            },
            provenance: crate::model::Provenance {
                issued_by: fields.issued_by,
                document_number: fields.document_number,
                source_url: fields.source_url,
                archived_url: fields.archived_url,
                accessed: fields.accessed,
                translated: fields.translated,
                revisions,
            },
            source,
            body,
            body_start,
            fields: spans,
            original: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Checks the id rule.
    #[test]
    fn slugs() {
        assert!(is_slug("common-prosperity"));
        assert!(is_slug("two-centenary-goals-2"));
        assert!(!is_slug("Common"));
        assert!(!is_slug("a_b"));
        assert!(!is_slug("-a"));
    }
}
