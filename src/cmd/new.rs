//! `new`: a new glossary entry, translation or reader, from a template that
//! `check` accepts; never over an existing file.

use std::path::Path;
use std::process::ExitCode;

use ccp_press::model::is_slug;
use ccp_press::scaffold;

/// What to make.
pub(crate) enum What {
    /// `glossary/<slug>.md`.
    Entry {
        slug: String,
        term: String,
        hanzi: String,
        traditional: Option<String>,
    },
    /// `translations/<id>.md`.
    Translation {
        id: String,
        title: Option<String>,
        original_title: Option<String>,
        source: String,
    },
    /// `readers/<name>.yaml`.
    Reader { name: String, title: Option<String> },
}

/// Runs `new`.
pub(crate) fn run(content: &Path, what: What) -> ExitCode {
    let today = today();
    let (path, text) = match what {
        What::Entry {
            slug,
            term,
            hanzi,
            traditional,
        } => {
            if !hanzi.chars().any(ccp_press::model::is_ideograph) {
                eprintln!("error: `--hanzi {hanzi}` holds no Chinese characters");
                return ExitCode::FAILURE;
            }
            let checked = ccp_press::load_and_check(content);
            let text =
                scaffold::entry(&checked.project, &term, &hanzi, traditional.as_deref());
            (format!("glossary/{slug}.md"), text)
        }
        What::Translation {
            id,
            title,
            original_title,
            source,
        } => {
            let title = title.unwrap_or_else(|| words_of(&id));
            let original = original_title.unwrap_or_else(|| "原题".to_string());
            (
                format!("translations/{id}.md"),
                scaffold::translation(&title, &original, &source, &today),
            )
        }
        What::Reader { name, title } => {
            let title = title.unwrap_or_else(|| words_of(&name));
            (
                format!("readers/{name}.yaml"),
                scaffold::reader(&title, &today),
            )
        }
    };
    let stem = Path::new(&path)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if !is_slug(stem) {
        eprintln!("error: `{stem}` is not a valid name");
        eprintln!(
            "  = help: use lowercase letters, digits and hyphens, e.g. `new-development-concept`"
        );
        return ExitCode::FAILURE;
    }
    let target = content.join(&path);
    if target.exists() {
        eprintln!(
            "error: {} exists; `new` never overwrites a file",
            target.display()
        );
        return ExitCode::FAILURE;
    }
    if let Some(dir) = target.parent()
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        eprintln!("error: cannot create {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&target)
        .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()));
    if let Err(e) = written {
        eprintln!("error: cannot write {}: {e}", target.display());
        return ExitCode::FAILURE;
    }
    eprintln!("wrote {}", target.display());
    print!("{text}");
    ExitCode::SUCCESS
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
    let s = ccp_press::render::Stamp::from_env().unwrap_or_else(|| {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        ccp_press::render::Stamp::from_unix(now)
    });
    format!("{:04}-{:02}-{:02}", s.year, s.month, s.day)
}
