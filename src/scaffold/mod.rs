//! `new`: the text of a new glossary entry, translation or reader, written so
//! that `check` accepts it. An entry's pinyin is spelt from its hanzi
//! (`spelling`).

mod spelling;

pub use spelling::{Speller, capitalised, pinyin_for};

use crate::model::Project;

/// A YAML double-quoted string.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The text of `glossary/<slug>.md`.
pub fn entry(
    project: &Project,
    term: &str,
    hanzi: &str,
    traditional: Option<&str>,
) -> String {
    let pinyin = pinyin_for(project, hanzi);
    let mut s = format!(
        "---\nterm: {}\npinyin: {}\nhanzi: {}\n",
        quoted(term),
        quoted(&pinyin),
        quoted(hanzi)
    );
    // The traditional form: as given, else converted from the simplified
    // (OpenCC's and MediaWiki's tables, through `zhconv`), when it differs.
    let traditional = traditional
        .map(str::to_string)
        .unwrap_or_else(|| zhconv::zhconv(hanzi, zhconv::Variant::ZhHant));
    if traditional != hanzi {
        s.push_str(&format!("traditional: {}\n", quoted(&traditional)));
    }
    s.push_str(
        "aliases: []\nsee_also: []\nsources: []\n\
         # A draft is left out of the readers; delete this line when the entry is written.\n\
         draft: true\n\
         # Check the pinyin (read from the dictionary and the glossary's words) and\n\
         # the traditional form (converted; regional forms differ, e.g. 布局/佈局).\n\
         # The essay follows the front matter: what the term means, where it comes\n\
         # from, how it is used, with citations [@key] and cross-references [[id]].\n---\n",
    );
    s
}

/// The text of `translations/<id>.md`.
pub fn translation(
    title: &str,
    original_title: &str,
    source: &str,
    date: &str,
) -> String {
    format!(
        "---\ntitle: {}\noriginal_title: {}\nauthor: {}\ndate: {date}\ntranslator: {}\nsource: {source}\n\
         # Roles take a name or a list; a name is plain, {{person: …}} or {{organization: …}}:\n\
         # editor: Margaret Liu\n\
         # introduction_author: {{organization: The Translation Center}}\n\
         # Provenance, printed as the source note after the text:\n\
         # issued_by: State Council\n\
         # document_number: 国发〔2016〕4号\n\
         # source_url: https://www.gov.cn/…\n\
         # archived_url: https://web.archive.org/…\n\
         # accessed: {date}\n\
         # translated: {date}\n\
         # revisions: [{{date: {date}, note: What changed.}}]\n\
         # The translation follows: paragraphs in the order of the original, key\n\
         # terms as [[id]] [汉字], translator's notes as footnotes [^1]. Beside a\n\
         # Chinese original <id>.zh.md, apparatus with no counterpart goes between\n\
         # paragraphs holding only {{{{omit: start}}}} and {{{{omit: end}}}}.\n---\n",
        quoted(title),
        quoted(original_title),
        quoted("Author"),
        quoted("Translation Center staff"),
    )
}

/// The text of `readers/<name>.yaml`.
pub fn reader(title: &str, date: &str) -> String {
    format!(
        "title: {}\neditors: [\"Translation Center Editorial Board\"]\ndate: {date}\n\
         # Documents in book order, e.g. [essays/introduction, translations/outline].\n\
         documents: []\n# all | referenced | none\nglossary: all\n",
        quoted(title)
    )
}
