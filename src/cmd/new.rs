//! `new`: a new glossary entry, translation or reader, from a template that
//! `check` accepts; never over an existing file.

use std::path::{Path, PathBuf};

use ccp_press::model::is_slug;
use ccp_press::scaffold;

use super::{CmdResult, Failure};

/// What `new` writes.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum What {
    /// `glossary/SLUG.md`, its pinyin read from the hanzi.
    Entry {
        /// File name, a lowercase slug (`new-development-concept`).
        slug: String,
        /// The English headword, in title case.
        #[arg(long)]
        term: String,
        /// The simplified characters.
        #[arg(long)]
        hanzi: String,
        /// The traditional characters, when they differ.
        #[arg(long)]
        traditional: Option<String>,
    },
    /// `translations/ID.md`.
    Translation {
        /// File name, a lowercase slug.
        id: String,
        /// The bibliography key of the original.
        #[arg(long)]
        source: String,
        /// English title (default: from the id).
        #[arg(long)]
        title: Option<String>,
        /// Chinese title of the original.
        #[arg(long)]
        original_title: Option<String>,
    },
    /// `readers/NAME.yaml`.
    Reader {
        /// File name, a lowercase slug.
        name: String,
        /// Title of the reader (default: from the name).
        #[arg(long)]
        title: Option<String>,
    },
}

/// Runs `new`: the name and the target first (cheap), then the text, which
/// for an entry or a translation needs the project, then the file.
pub(crate) fn run(content: &Path, what: &What) -> CmdResult {
    let made = target(content, what)
        .and_then(|target| Ok((text(content, what)?, target)))
        .and_then(|(text, target)| write_new(&target, &text).map(|()| (text, target)));
    let (text, target) = made?;
    eprintln!("wrote {}", target.display());
    super::print_out(&text)
}

/// The file to write: a valid name, not an existing file.
fn target(content: &Path, what: &What) -> CmdResult<PathBuf> {
    let (dir, name, ext) = match what {
        What::Entry { slug, .. } => ("glossary", slug, "md"),
        What::Translation { id, .. } => ("translations", id, "md"),
        What::Reader { name, .. } => ("readers", name, "yaml"),
    };
    if !is_slug(name) {
        return Err(Failure::new(format!("`{name}` is not a valid name")).help(
            "use lowercase letters, digits and hyphens, e.g. `new-development-concept`",
        ));
    }
    let target = content.join(dir).join(format!("{name}.{ext}"));
    if target.exists() {
        return Err(Failure::new(format!(
            "{} exists; `new` never overwrites a file",
            target.display()
        )));
    }
    Ok(target)
}

/// The text of the new file, or why there is none.
fn text(content: &Path, what: &What) -> CmdResult<String> {
    match what {
        What::Entry {
            term,
            hanzi,
            traditional,
            ..
        } => {
            if term.trim().is_empty() {
                return Err(Failure::new("`--term` is empty"));
            }
            if !hanzi.chars().any(ccp_press::model::is_ideograph) {
                return Err(Failure::new(format!(
                    "`--hanzi {hanzi}` holds no Chinese characters"
                )));
            }
            let checked = ccp_press::load_and_check(content);
            let traditional = traditional.as_deref();
            Ok(scaffold::entry(
                &checked.project,
                term.trim(),
                hanzi.trim(),
                traditional,
            ))
        }
        What::Translation {
            id,
            title,
            original_title,
            source,
        } => {
            known_source(content, source)?;
            let title = title.clone().unwrap_or_else(|| words_of(id));
            let original = original_title.as_deref().unwrap_or("原题");
            Ok(scaffold::translation(&title, original, source, &today()))
        }
        What::Reader { name, title } => {
            let title = title.clone().unwrap_or_else(|| words_of(name));
            Ok(scaffold::reader(&title, &today()))
        }
    }
}

/// A translation's `--source` must be a bibliography key, or the file would
/// not pass `check`.
fn known_source(content: &Path, key: &str) -> CmdResult {
    let checked = ccp_press::load_and_check(content);
    if checked.project.bibliography.contains(key) {
        return Ok(());
    }
    let keys = checked.project.bibliography.keys();
    let mut failure = Failure::new(format!("`--source {key}` is not a bibliography key"));
    if let Some(k) = ccp_press::diag::did_you_mean(key, keys) {
        failure = failure.help(format!("did you mean `{k}`?"));
    }
    Err(failure.help("keys are defined in content/bibliography/*.yaml and *.bib"))
}

/// Writes `text` to a new file at `target` (never over one written meanwhile).
fn write_new(target: &Path, text: &str) -> CmdResult {
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| Failure::new(format!("cannot create {}: {e}", dir.display())))?;
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(target)
        .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()))
        .map_err(|e| Failure::new(format!("cannot write {}: {e}", target.display())))
}

/// `common-prosperity` → "Common Prosperity".
fn words_of(id: &str) -> String {
    id.split('-')
        .map(ccp_press::scaffold::capitalised)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Today, `YYYY-MM-DD` (`SOURCE_DATE_EPOCH` when set).
fn today() -> String {
    let from_env = ccp_press::pipeline::source_date().unwrap_or_else(|d| {
        say!("warning: {}; today's date is used", d.message);
        None
    });
    let s = from_env.unwrap_or_else(|| {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        ccp_press::model::Stamp::from_unix(now)
    });
    format!("{:04}-{:02}-{:02}", s.year, s.month, s.day)
}
