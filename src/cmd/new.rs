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
    match made {
        Ok((text, target)) => {
            eprintln!("wrote {}", target.display());
            print!("{text}");
            Ok(())
        }
        // The message is whole (`error: …` and its help lines).
        Err(message) => {
            eprintln!("{message}");
            Err(Failure::said())
        }
    }
}

/// The file to write: a valid name, not an existing file.
fn target(content: &Path, what: &What) -> Result<PathBuf, String> {
    let (dir, name, ext) = match what {
        What::Entry { slug, .. } => ("glossary", slug, "md"),
        What::Translation { id, .. } => ("translations", id, "md"),
        What::Reader { name, .. } => ("readers", name, "yaml"),
    };
    if !is_slug(name) {
        return Err(format!(
            "error: `{name}` is not a valid name\n  = help: use lowercase letters, \
             digits and hyphens, e.g. `new-development-concept`"
        ));
    }
    let target = content.join(dir).join(format!("{name}.{ext}"));
    if target.exists() {
        return Err(format!(
            "error: {} exists; `new` never overwrites a file",
            target.display()
        ));
    }
    Ok(target)
}

/// The text of the new file, or why there is none.
fn text(content: &Path, what: &What) -> Result<String, String> {
    match what {
        What::Entry {
            term,
            hanzi,
            traditional,
            ..
        } => {
            if term.trim().is_empty() {
                return Err("error: `--term` is empty".into());
            }
            if !hanzi.chars().any(ccp_press::model::is_ideograph) {
                return Err(format!(
                    "error: `--hanzi {hanzi}` holds no Chinese characters"
                ));
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
fn known_source(content: &Path, key: &str) -> Result<(), String> {
    let checked = ccp_press::load_and_check(content);
    if checked.project.bibliography.contains(key) {
        return Ok(());
    }
    let keys = checked.project.bibliography.keys();
    let near = ccp_press::diag::did_you_mean(key, keys)
        .map(|k| format!("\n  = help: did you mean `{k}`?"))
        .unwrap_or_default();
    Err(format!(
        "error: `--source {key}` is not a bibliography key{near}\n  = help: keys are \
         defined in content/bibliography/*.yaml and *.bib"
    ))
}

/// Writes `text` to a new file at `target` (never over one written meanwhile).
fn write_new(target: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("error: cannot create {}: {e}", dir.display()))?;
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(target)
        .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()))
        .map_err(|e| format!("error: cannot write {}: {e}", target.display()))
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
