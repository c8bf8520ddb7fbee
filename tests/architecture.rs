//! The import rule of `src/` (README, *Architecture*): the passes depend on the
//! ones below them only, and no file imports a file that imports it back.
//!
//! Read from the sources: every `use crate::…`, `use super::…`, inline
//! `crate::…`/`super::…` path and, in a module's `mod.rs`, every path through
//! one of its submodules is an import of the file that defines the module it
//! names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Who may import whom, by top-level module of the library (`src/<name>` or
/// `src/<name>.rs`): the list of passes, lowest first.
const ALLOWED: &[(&str, &[&str])] = &[
    ("source", &[]),
    ("diag", &["source"]),
    ("model", &["source"]),
    ("fonts", &[]),
    ("load", &["source", "diag", "model"]),
    ("link", &["model"]),
    ("cite", &["model"]),
    ("terms", &["source", "model"]),
    (
        "check",
        &["source", "diag", "model", "fonts", "cite", "terms"],
    ),
    ("plan", &["source", "model", "cite"]),
    (
        "render",
        &["source", "diag", "model", "fonts", "cite", "plan"],
    ),
    ("cache", &["plan"]),
    ("scaffold", &["source", "model"]),
    ("synth", &[]),
    (
        "pipeline",
        &[
            "source", "diag", "model", "fonts", "load", "link", "check", "cite", "plan",
            "render", "cache",
        ],
    ),
];

/// One source file of the library.
struct File {
    /// Its module path (`plan::index`; empty for `lib.rs`).
    module: Vec<String>,
    /// Whether it is a `mod.rs` or `lib.rs` (its submodules are its children).
    is_dir_module: bool,
    /// The text, without comments.
    code: String,
}

fn library_files() -> BTreeMap<PathBuf, File> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/ is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                if path != root.join("cmd") {
                    stack.push(path);
                }
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") || path == root.join("main.rs")
            {
                continue;
            }
            let rel = path.strip_prefix(&root).expect("under src/");
            let mut module: Vec<String> = rel
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let last = module.last().cloned().unwrap_or_default();
            let is_dir_module = last == "mod" || last == "lib";
            if is_dir_module {
                module.pop();
            }
            let text = std::fs::read_to_string(&path).expect("a readable source file");
            let code = without_comments(&text);
            out.insert(
                rel.to_path_buf(),
                File {
                    module,
                    is_dir_module,
                    code,
                },
            );
        }
    }
    out
}

/// The code of a file without comments, string and character literals, and
/// without its inline test module (whose `super` is the file itself).
fn without_comments(text: &str) -> String {
    let text = match inline_test_module(text) {
        Some(i) => &text[..i],
        None => text,
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == 'r'
            && (next == Some('"') || next == Some('#'))
            && !ident_before(&chars, i)
        {
            i = after_raw_string(&chars, i + 1);
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && next == Some('\\') {
            i += 2;
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            i += 1;
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            i += 3;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Where an inline `#[cfg(test)] mod name { … }` begins (test modules end
/// a file).
fn inline_test_module(text: &str) -> Option<usize> {
    text.match_indices("#[cfg(test)]")
        .map(|(i, _)| i)
        .find(|&i| {
            let rest = text[i + 12..].trim_start();
            rest.strip_prefix("mod ")
                .and_then(|r| r.split_once(|c: char| !(c.is_alphanumeric() || c == '_')))
                .is_some_and(|(_, after)| {
                    after.trim_start().starts_with('{') || after.starts_with('{')
                })
        })
}

fn ident_before(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

/// The index after a raw string whose hashes start at `i`.
fn after_raw_string(chars: &[char], mut i: usize) -> usize {
    let mut hashes = 0;
    while chars.get(i) == Some(&'#') {
        hashes += 1;
        i += 1;
    }
    if chars.get(i) != Some(&'"') {
        return i;
    }
    i += 1;
    while i < chars.len() {
        if chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
            return i + 1 + hashes;
        }
        i += 1;
    }
    i
}

/// Every module path a file names: `use` trees expanded, inline paths as
/// written. Relative to the crate (`crate::`), the parent (`super::`), the
/// file itself (`self::`) or, in a directory module, one of its submodules.
fn named_paths(file: &File) -> Vec<Vec<String>> {
    let own_submodules: BTreeSet<String> = if file.is_dir_module {
        submodules(&file.code)
    } else {
        BTreeSet::new()
    };
    let mut out = Vec::new();
    for tree in use_trees(&file.code) {
        for path in expand(&tree) {
            out.extend(absolute(file, &path, &own_submodules));
        }
    }
    for path in inline_paths(&file.code, &own_submodules) {
        out.extend(absolute(file, &path, &own_submodules));
    }
    out
}

/// `mod x;` and `pub mod x;` declarations.
fn submodules(code: &str) -> BTreeSet<String> {
    code.lines()
        .filter_map(|l| {
            let l = l.trim();
            let l = l
                .strip_prefix("pub(crate) ")
                .or(l.strip_prefix("pub "))
                .unwrap_or(l);
            l.strip_prefix("mod ")?
                .strip_suffix(';')
                .map(str::to_string)
        })
        .collect()
}

/// The trees of `use …;` items.
fn use_trees(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("use ") {
        let before = rest[..i].chars().last();
        let after = &rest[i + 4..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            rest = after;
            continue;
        }
        let end = after.find(';').unwrap_or(after.len());
        out.push(
            after[..end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        );
        rest = &after[end..];
    }
    out
}

/// `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str) -> Vec<Vec<String>> {
    let tree = tree.trim();
    let braces = tree.find('{').zip(tree.rfind('}')).filter(|(o, c)| o < c);
    let Some((open, close)) = braces else {
        let path: Vec<String> = tree
            .split(" as ")
            .next()
            .unwrap_or(tree)
            .split("::")
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        return vec![path];
    };
    let prefix: Vec<String> = tree[..open]
        .split("::")
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let inner = &tree[open + 1..close];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(expand)
        .map(|tail| {
            if tail == ["self"] {
                prefix.clone()
            } else {
                prefix.iter().cloned().chain(tail).collect()
            }
        })
        .collect()
}

/// Paths written inline: `crate::a::b`, `super::a`, and in a directory module
/// `child::f`.
fn inline_paths(code: &str, children: &BTreeSet<String>) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < bytes.len() {
        if !ident(bytes[i]) || (i > 0 && (ident(bytes[i - 1]) || bytes[i - 1] == b':')) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < bytes.len() && (ident(bytes[j]) || code[j..].starts_with("::")) {
            j += if code[j..].starts_with("::") { 2 } else { 1 };
        }
        let path: Vec<String> = code[i..j]
            .split("::")
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        let first = path.first().map(String::as_str).unwrap_or("");
        if path.len() > 1
            && (first == "crate" || first == "super" || children.contains(first))
        {
            out.push(path);
        }
        i = j.max(i + 1);
    }
    out
}

/// A path as a module path from the crate root, if it starts at the crate,
/// the parent, the file itself or one of its submodules.
fn absolute(
    file: &File,
    path: &[String],
    children: &BTreeSet<String>,
) -> Option<Vec<String>> {
    let mut segments = path.iter().map(String::as_str).peekable();
    let mut base: Vec<String> = match *segments.peek()? {
        "crate" => {
            segments.next();
            Vec::new()
        }
        "self" => {
            segments.next();
            self_module(file)
        }
        "super" => {
            let mut m = self_module(file);
            while segments.peek() == Some(&"super") {
                segments.next();
                m.pop();
            }
            m
        }
        first if children.contains(first) => file.module.clone(),
        _ => return None,
    };
    base.extend(segments.map(str::to_string));
    Some(base)
}

/// The module whose items `self::` names: the file's own module.
fn self_module(file: &File) -> Vec<String> {
    file.module.clone()
}

/// The file that defines the longest module prefix of `path`.
fn defining_file<'a>(
    modules: &'a BTreeMap<Vec<String>, PathBuf>,
    path: &[String],
) -> Option<&'a PathBuf> {
    (0..=path.len())
        .rev()
        .find_map(|n| modules.get(&path[..n].to_vec()))
}

/// The imports of every file, by file.
fn file_graph() -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let files = library_files();
    let modules: BTreeMap<Vec<String>, PathBuf> = files
        .iter()
        .map(|(p, f)| (f.module.clone(), p.clone()))
        .collect();
    files
        .iter()
        .map(|(path, file)| {
            let deps = named_paths(file)
                .iter()
                .filter_map(|p| defining_file(&modules, p))
                .filter(|d| *d != path && !d.ends_with("lib.rs"))
                .cloned()
                .collect();
            (path.clone(), deps)
        })
        .collect()
}

fn top(path: &Path) -> String {
    let first = path
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    first.trim_end_matches(".rs").to_string()
}

// Checks that each pass imports only the passes the README allows it.
#[test]
fn passes_import_only_the_passes_below_them() {
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let mut broken = Vec::new();
    for (path, deps) in file_graph() {
        let from = top(&path);
        if from == "lib" {
            continue;
        }
        let Some(may) = allowed.get(from.as_str()) else {
            broken.push(format!(
                "{}: `{from}` is not in the import rule",
                path.display()
            ));
            continue;
        };
        for dep in deps {
            let to = top(&dep);
            if to != from && !may.contains(&to.as_str()) {
                broken.push(format!("{} imports {}", path.display(), dep.display()));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "imports against the rule:\n{}",
        broken.join("\n")
    );
}

// Checks that no file imports a file that imports it back, directly or around
// a longer cycle.
#[test]
fn no_file_imports_a_file_that_imports_it_back() {
    let graph = file_graph();
    let mut cycles = Vec::new();
    for start in graph.keys() {
        // Files reachable from `start`; a cycle when `start` is among them.
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&PathBuf> = graph[start].iter().collect();
        while let Some(f) = stack.pop() {
            if seen.insert(f) {
                stack.extend(graph.get(f).into_iter().flatten());
            }
        }
        if seen.contains(start) {
            let back: Vec<String> = graph[start]
                .iter()
                .filter(|d| reaches(&graph, d, start))
                .map(|d| d.display().to_string())
                .collect();
            cycles.push(format!("{} ⇄ {}", start.display(), back.join(", ")));
        }
    }
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

fn reaches(
    graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>,
    from: &PathBuf,
    to: &PathBuf,
) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from];
    while let Some(f) = stack.pop() {
        if f == to {
            return true;
        }
        if seen.insert(f) {
            stack.extend(graph.get(f).into_iter().flatten());
        }
    }
    false
}

// Checks the reader of the rule itself: use trees expand, paths resolve.
#[test]
fn the_rule_reads_use_trees() {
    let paths = expand("crate::model::{Block, parallel::{Segment, align}, self}");
    let joined: Vec<String> = paths.iter().map(|p| p.join("::")).collect();
    assert_eq!(
        joined,
        [
            "crate::model::Block",
            "crate::model::parallel::Segment",
            "crate::model::parallel::align",
            "crate::model"
        ]
    );
    let code = without_comments(
        "// use crate::plan;\nlet s = \"crate::render\"; let c = '\"'; crate::cite::x();",
    );
    assert_eq!(
        inline_paths(&code, &BTreeSet::new()),
        [["crate", "cite", "x"]]
    );
}
