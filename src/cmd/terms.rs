//! `terms`: the terminology concordance of the content — for each glossary entry
//! the renderings its Chinese has in the text, then the glossary gaps (bracketed
//! Chinese no entry covers), most frequent first.

use std::io::Write;
use std::path::Path;

use ccp_press::check::location;
use ccp_press::model::Project;
use ccp_press::scaffold::Speller;
use ccp_press::terms::{Term, concordance, scan};

use super::{CmdResult, Failure, Format};

/// Print the terminology concordance: each glossary term's renderings before
/// its Chinese, then the bracketed Chinese no entry covers.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Output format (JSON: one object per term and line).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// Runs `terms`.
pub(crate) fn run(content: &Path, args: &Args) -> CmdResult {
    // Diagnostics go to standard error as text: standard output is the listing.
    let checked = super::load_for_build(content, Format::Human)?;
    let project = &checked.project;
    let terms = concordance(&scan(project).map_err(Failure::new)?);
    // A gap's pinyin is what `new entry` would write for it.
    let speller = Speller::new(project);
    let mut out = std::io::stdout().lock();
    let written = match args.format {
        Format::Human => human(&mut out, project, &speller, &terms),
        Format::Json => terms
            .iter()
            .try_for_each(|t| writeln!(out, "{}", json(project, &speller, t))),
    };
    super::listed(written.and_then(|()| out.flush()))
}

fn human(
    out: &mut impl Write,
    project: &Project,
    speller: &Speller,
    terms: &[Term],
) -> std::io::Result<()> {
    let (glossary, rest): (Vec<&Term>, Vec<&Term>) =
        terms.iter().partition(|t| t.entry.is_some());
    let (longer, gaps): (Vec<&Term>, Vec<&Term>) =
        rest.into_iter().partition(|t| t.within.is_some());
    writeln!(
        out,
        "Glossary terms ({}), as rendered before their Chinese",
        glossary.len()
    )?;
    for t in glossary {
        let Some(e) = t.entry.as_ref().and_then(|id| project.entries.get(id)) else {
            continue;
        };
        writeln!(out, "\n{}  {}  [[{}]]", t.hanzi, e.term, e.id)?;
        renderings(out, project, t)?;
    }
    if !longer.is_empty() {
        writeln!(
            out,
            "\nLonger formulations ({}): bracketed Chinese holding a glossary term",
            longer.len()
        )?;
    }
    for t in longer {
        let Some(e) = t.within.as_ref().and_then(|id| project.entries.get(id)) else {
            continue;
        };
        writeln!(
            out,
            "\n{}  holds {}  {}  [[{}]]",
            t.hanzi, e.hanzi, e.term, e.id
        )?;
        renderings(out, project, t)?;
    }
    writeln!(
        out,
        "\nGlossary gaps ({}): bracketed Chinese no entry covers, most used first",
        gaps.len()
    )?;
    for t in gaps {
        let uses: usize =
            t.renderings.iter().map(|r| r.spans.len()).sum::<usize>() + t.bare.len();
        writeln!(out, "\n{}  {}  ({uses}×)", t.hanzi, speller.spell(&t.hanzi))?;
        renderings(out, project, t)?;
    }
    Ok(())
}

fn renderings(out: &mut impl Write, project: &Project, t: &Term) -> std::io::Result<()> {
    for r in &t.renderings {
        let flag = if t.entry.is_some() && !r.accepted {
            "  (not the glossary's)"
        } else {
            ""
        };
        let at = places(project, &r.spans);
        writeln!(out, "    {:<32} {:>3}  {at}{flag}", r.text, r.spans.len())?;
    }
    if !t.bare.is_empty() {
        let at = places(project, &t.bare);
        writeln!(
            out,
            "    {:<32} {:>3}  {at}",
            "(no English before it)",
            t.bare.len()
        )?;
    }
    Ok(())
}

/// The first places of a rendering, and how many more (JSON lists them all).
fn places(project: &Project, spans: &[ccp_press::source::Span]) -> String {
    const SHOWN: usize = 6;
    let mut at: Vec<String> = spans
        .iter()
        .take(SHOWN)
        .map(|s| location(project, *s))
        .collect();
    if spans.len() > SHOWN {
        at.push(format!("… {} more", spans.len() - SHOWN));
    }
    at.join(", ")
}

/// One term as a JSON object.
fn json(project: &Project, speller: &Speller, t: &Term) -> serde_json::Value {
    let entry = t.entry.as_ref().and_then(|id| project.entries.get(id));
    let renderings: Vec<serde_json::Value> = t
        .renderings
        .iter()
        .map(|r| {
            serde_json::json!({
                "text": r.text,
                "count": r.spans.len(),
                "accepted": t.entry.is_some() && r.accepted,
                "locations": r.spans.iter().map(|s| location(project, *s)).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::json!({
        "hanzi": t.hanzi,
        "entry": entry.map(|e| e.id.to_string()),
        "within": t.within.as_ref().map(ToString::to_string),
        "term": entry.map(|e| e.term.clone()),
        "pinyin": entry.map_or_else(|| speller.spell(&t.hanzi), |e| e.pinyin.clone()),
        "renderings": renderings,
        "without_english": t.bare.iter().map(|s| location(project, *s)).collect::<Vec<_>>(),
    })
}
