//! The book plan as typst markup: syntax only. Every piece of content text is
//! emitted as a typst string literal (`#"..."`), so nothing an author writes can
//! become code. The functions are named after the plan's node kinds, like the XHTML
//! writer's.

use std::fmt::Write as _;

use crate::cite::Run;
use crate::model::script::{Script, runs};
use crate::plan::{
    Align, Anchor, Block, Body, Book, Chapter, EntryItems, GlossaryEntry, Heading, Index,
    Inline, Letter, Line, Locator, OutlineKind, PageMap, Part, Ref, RefStyle, Words,
    Work, line, page_range,
};
pub use crate::render::typeset::str_lit;

/// Text as markup: Chinese runs through `zh`, a short Chinese term or name (up to
/// six characters) boxed with its brackets so that it never splits across lines,
/// romanized words through `roman` (never hyphenated), the rest as plain strings.
pub fn text(out: &mut String, s: &str) {
    let runs = runs(s);
    // Bytes of the next Latin run taken into the box of a Chinese term before it.
    let mut taken = 0usize;
    for (i, run) in runs.iter().enumerate() {
        match *run {
            Script::Han(h) if CHINESE_SIDE.get() => {
                let _ = write!(out, "#zh({});", str_lit(h));
            }
            Script::Other(o) if CHINESE_SIDE.get() => chinese_side(out, o),
            Script::Han(h) => {
                let open = match i.checked_sub(1).map(|j| runs[j]) {
                    Some(Script::Other(o)) => {
                        o.chars().last().filter(|c| OPENERS.contains(*c))
                    }
                    _ => None,
                };
                let close = match runs.get(i + 1) {
                    Some(Script::Other(o)) => {
                        o.chars().next().filter(|c| CLOSERS.contains(*c))
                    }
                    _ => None,
                };
                taken = han(out, h, open, close);
            }
            Script::Other(o) => {
                let mut o = &o[taken..];
                taken = 0;
                if matches!(runs.get(i + 1), Some(Script::Han(_)))
                    && let Some(last) = o.chars().last().filter(|c| OPENERS.contains(*c))
                {
                    o = &o[..o.len() - last.len_utf8()];
                }
                latin(out, o);
            }
        }
    }
}

/// A Chinese run, cut after its punctuation into terms, and a long term into
/// pieces of up to six characters; each is boxed (with the Latin bracket before
/// the run or after it, when it opens or ends the run), so that a term of up to
/// six characters never splits across lines and no piece is spaced out by
/// justification. Returns the bytes of the closing mark taken from the next run.
fn han(out: &mut String, h: &str, open: Option<char>, close: Option<char>) -> usize {
    let terms: Vec<&str> = terms(h).into_iter().flat_map(pieces).collect();
    let last = terms.len().saturating_sub(1);
    let mut taken = 0;
    for (k, term) in terms.iter().enumerate() {
        out.push_str("#box[");
        if let (0, Some(c)) = (k, open) {
            let _ = write!(out, "#{};", str_lit(&c.to_string()));
        }
        let _ = write!(out, "#zh({});", str_lit(term));
        if k == last
            && let Some(c) = close
        {
            let _ = write!(out, "#{};", str_lit(&c.to_string()));
            taken = c.len_utf8();
        }
        out.push_str("];");
    }
    taken
}

/// A term longer than [`KEEP_HAN`] cut into pieces of about equal length, none
/// longer: each is boxed, so the line breaks between pieces, and a justified
/// English line never spaces out the characters of a piece (a Chinese run
/// set loose, `[引 领 发 展 的 第 一 动 力]`, reads as a mistake).
fn pieces(term: &str) -> Vec<&str> {
    let chars: Vec<usize> = term.char_indices().map(|(i, _)| i).collect();
    let n = chars.len().div_ceil(KEEP_HAN).max(1);
    let size = chars.len().div_ceil(n).max(1);
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let end = chars.get(k + size).copied().unwrap_or(term.len());
        out.push(&term[chars[k]..end]);
        k += size;
    }
    if out.is_empty() {
        out.push(term);
    }
    out
}

/// A Chinese run cut into terms: after its punctuation and around book-title marks
/// (《共产党人》 / 发刊词).
fn terms(h: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in h.char_indices() {
        if c == '《' && i > start {
            out.push(&h[start..i]);
            start = i;
        }
        if "、，。；：！？》".contains(c) {
            let end = i + c.len_utf8();
            out.push(&h[start..end]);
            start = end;
        }
    }
    if start < h.len() {
        out.push(&h[start..]);
    }
    out
}

/// The longest Chinese run kept on one line.
const KEEP_HAN: usize = 6;
/// Marks that go into the box of a short Chinese run before it …
const OPENERS: &str = "[(“‘《「";
/// … and after it.
const CLOSERS: &str = "])”’》」,.;:";

/// Punctuation that, in a Chinese text, is Chinese: quotation marks, dashes,
/// ellipses and the middle dot of transcribed names (马克思·恩格斯), set
/// full-width in the Chinese font.
const CHINESE_PUNCTUATION: &str = "“”‘’—–…·";

/// Text between the Chinese runs of an original (the Chinese side of a
/// parallel text): its Chinese punctuation through `zh`, the rest as Latin. A
/// mark between two Latin letters or digits is Latin (Xi’an, 1921–1949).
fn chinese_side(out: &mut String, o: &str) {
    let latin_at = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let mut from = 0;
    for (i, c) in o.char_indices() {
        let inside_latin = latin_at(o[..i].chars().next_back())
            && latin_at(o[i + c.len_utf8()..].chars().next());
        if CHINESE_PUNCTUATION.contains(c) && !inside_latin {
            if from < i {
                latin(out, &o[from..i]);
            }
            let _ = write!(out, "#zh({});", str_lit(c.encode_utf8(&mut [0; 4])));
            from = i + c.len_utf8();
        }
    }
    if from < o.len() {
        latin(out, &o[from..]);
    }
}

/// Latin text: romanized Chinese words (capitalized or tone-marked, two syllables
/// or more) through `roman`.
fn latin(out: &mut String, s: &str) {
    let mut plain_from = 0;
    for (start, word) in words(s) {
        let letters = word.trim_matches(|c: char| !c.is_alphabetic());
        // Romanized Chinese in roman text is a name or a title: capitalized, or
        // written with tone marks.
        let proper = letters.starts_with(char::is_uppercase)
            || letters.chars().any(|c| c != crate::model::fold_accent(c));
        if !proper
            || letters.chars().count() < 5
            || crate::model::pinyin_syllables(letters).is_none_or(|n| n < 2)
        {
            continue;
        }
        let at = start + word.find(letters).unwrap_or(0);
        if at > plain_from {
            let _ = write!(out, "#{};", str_lit(&s[plain_from..at]));
        }
        let _ = write!(out, "#roman({});", str_lit(letters));
        plain_from = at + letters.len();
    }
    if plain_from < s.len() {
        let _ = write!(out, "#{};", str_lit(&s[plain_from..]));
    }
}

/// The words of `s` (split at spaces and dashes) with their byte offsets.
fn words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split_inclusive([' ', '\u{a0}', '—', '–', '/'])
        .scan(0usize, |at, w| {
            let start = *at;
            *at += w.len();
            Some((start, w))
        })
}

/// Content block `[...]` holding text.
fn text_block(s: &str) -> String {
    let mut out = String::from("[");
    text(&mut out, s);
    out.push(']');
    out
}

fn opt_text_block(s: Option<&str>) -> String {
    s.map_or("none".into(), text_block)
}

/// Where a link to an anchor goes, as an expression: `to("id")` is the position
/// of its place in the page map of `/places.typ` (a label before the first layout).
fn to(a: &Anchor) -> String {
    format!("to({})", str_lit(&a.id()))
}

/// Formatted citation runs as markup.
pub fn runs_markup(out: &mut String, rs: &[Run]) {
    for r in rs {
        match r {
            Run::Text(t) => text(out, t),
            Run::Italic(c) => wrap_runs(out, "emph", c),
            Run::Bold(c) => wrap_runs(out, "strong", c),
            Run::SmallCaps(c) => wrap_runs(out, "smallcaps", c),
            Run::Sup(c) => wrap_runs(out, "super", c),
            Run::Sub(c) => wrap_runs(out, "sub", c),
            Run::Link { url, children } if crate::cite::plain(children) == *url => {
                let _ = write!(out, "#link({})[{}];", str_lit(url), url_markup(url));
            }
            Run::Link { url, children } => {
                let _ = write!(out, "#link({})[", str_lit(url));
                runs_markup(out, children);
                out.push_str("];");
            }
        }
    }
}

/// A web address cut where CMOS 6.123 lets it break: after `//`, before a
/// single slash and before other punctuation.
fn url_pieces(url: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut prev = '\0';
    for (i, c) in url.char_indices() {
        let before =
            matches!(c, '.' | '-' | '_' | '?' | '#' | '&' | '=' | '%' | '~' | ',')
                || c == '/' && prev != '/' && prev != ':';
        let after_slashes = prev == '/' && url[..i].ends_with("//");
        if (before || after_slashes) && i > start {
            pieces.push(&url[start..i]);
            start = i;
        }
        prev = c;
    }
    pieces.push(&url[start..]);
    pieces
}

/// A web address as `url` content: each piece in a box of its own, so the
/// line may break between pieces and nowhere else (not after a hyphen of the
/// address), with no character for it (a copied address stays whole; a
/// zero-width space would be copied with it).
fn url_markup(url: &str) -> String {
    let pieces: Vec<String> = url_pieces(url)
        .into_iter()
        .map(|p| format!("#box[#{}]", str_lit(p)))
        .collect();
    format!("#url[{}]", pieces.concat())
}

/// A document title short enough for a running head: up to its colon, or its
/// first words and an ellipsis.
fn running_title(title: &str) -> String {
    const MAX: usize = 48;
    if title.chars().count() <= MAX {
        return title.to_string();
    }
    if let Some((head, _)) = title.split_once(": ")
        && (12..=MAX).contains(&head.chars().count())
    {
        return head.to_string();
    }
    let mut out = String::new();
    for w in title.split(' ') {
        if out.chars().count() + w.chars().count() + 1 > MAX - 2 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out.trim_end_matches([',', ';', ':']).to_string() + "…"
}

fn wrap_runs(out: &mut String, f: &str, c: &[Run]) {
    let _ = write!(out, "#{f}[");
    runs_markup(out, c);
    out.push_str("];");
}

/// The generated typst files of a book: `/main.typ`, `/markers.typ` and
/// `/indexes.typ` (the part that a second layout round rewrites with page numbers).
pub struct Markup {
    /// `/main.typ`.
    pub main: String,
    /// `/indexes.typ`.
    pub indexes: String,
    /// `/places.typ`.
    pub places: String,
    /// `/markers.typ`.
    pub markers: String,
}

/// The label names shared by Rust and the layouts, defined once (in
/// [`crate::plan::anchor::PLACE_LABEL`]) and written for the layouts to import.
/// The book's fixed words that the layouts print are defined here too.
pub fn markers(words: &Words) -> String {
    let mut o = format!(
        "// Generated by ccp-press: names shared with the Rust side. Do not edit.\n\
         #let place-label = label({})\n\
         // A located place: its page goes into the page map.\n\
         #let place-mark(id) = [#metadata(id)#place-label]\n\
         // The fixed words the layouts print (the plan's table).\n\
         #let words = (",
        str_lit(crate::plan::anchor::PLACE_LABEL)
    );
    for (name, word) in words.layout_words() {
        let _ = write!(o, "{name}: {}, ", str_lit(word));
    }
    o.push_str(")\n");
    o
}

/// The whole book.
pub fn book(book: &Book, paper: &str, draft: bool, pages: Option<&PageMap>) -> Markup {
    let mut o = String::with_capacity(256 * 1024);
    o.push_str("// Generated by ccp-press from the book plan. Do not edit.\n");
    o.push_str("#import \"/layouts/book.typ\": *\n#import \"/markers.typ\": *\n");
    // The images' fingerprints: a changed image is a changed book.
    for image in &book.images {
        let _ = writeln!(o, "// image {} {}", image.name, image.fingerprint);
    }
    front_matter(&mut o, book, paper, draft);
    let mut indexes = String::new();
    for p in &book.parts {
        part(&mut o, p, book.words);
        match p {
            Part::Documents(chapters) => chapters.iter().for_each(|c| chapter(&mut o, c)),
            Part::Glossary(letters) => {
                letters.iter().for_each(|l| letter(&mut o, l, book.words))
            }
            Part::Bibliography(works) => bibliography(&mut o, works),
            Part::Index(list) => {
                o.push_str("#include \"/indexes.typ\"\n");
                indexes = index_file(list, pages, book.words);
            }
        }
    }
    let places = places_file(pages, guess_pages(&o));
    Markup {
        main: o,
        indexes,
        places,
        markers: markers(book.words),
    }
}

/// The two files a page map makes, `/indexes.typ` and `/places.typ`, without
/// the rest of the book: what a layout round replaces.
pub fn page_files(book: &Book, pages: &PageMap) -> (String, String) {
    let indexes = book
        .parts
        .iter()
        .find_map(|p| match p {
            Part::Index(list) => Some(index_file(list, Some(pages), book.words)),
            _ => None,
        })
        .unwrap_or_default();
    (indexes, places_file(Some(pages), 0))
}

/// `/places.typ`: where every place was in the last layout (physical page,
/// printed page, x and y in points), the way LaTeX's `.aux` file keeps labels.
/// Page references and links read it, so no paragraph asks typst where
/// anything is, and a layout round re-lays only the paragraphs whose numbers
/// changed.
fn places_file(pages: Option<&PageMap>, guess: u64) -> String {
    // Before the first layout, page references print a stand-in as wide as the
    // book's page numbers are likely to be, so the first map is close.
    let digits = pages.map_or(guess, |m| m.last).max(1).to_string().len();
    let mut o = format!(
        "// Generated by ccp-press from the last layout's page map. Do not edit.\n\
         #let stand-in = \"{}\"\n#let places = (",
        "0".repeat(digits)
    );
    // In the order of their ids, so the file is the same whatever the map's order.
    let mut places: Vec<(String, &crate::plan::Place)> = pages
        .iter()
        .flat_map(|m| &m.places)
        .map(|(a, p)| (a.id(), p))
        .collect();
    places.sort_by(|a, b| a.0.cmp(&b.0));
    for (id, p) in places {
        let _ = write!(
            o,
            "\n  {}: ({}, {}, {:.2}, {:.2}),",
            str_lit(&id),
            p.page,
            p.printed,
            p.x,
            p.y
        );
    }
    if pages.is_none_or(|m| m.places.is_empty()) {
        o.push(':');
    }
    o.push_str("\n)\n// The head of every page: (folio, id of the part, document or entry) or none.\n#let heads = (");
    for head in pages.iter().flat_map(|m| &m.heads) {
        match head {
            Some(h) => {
                let _ = write!(o, "\n  (\"{}\", {}),", h.folio, str_lit(&h.running.id()));
            }
            None => o.push_str("\n  none,"),
        }
    }
    o.push_str("\n)\n// The entries that open a page.\n#let breaks = (");
    for anchor in pages.iter().flat_map(|m| &m.breaks) {
        let _ = write!(o, "\n  {}: true,", str_lit(&anchor.id()));
    }
    if pages.is_none_or(|m| m.breaks.is_empty()) {
        o.push(':');
    }
    o.push_str("\n)\n// The references that print their page number on the target's page.\n#let numbered = (");
    for anchor in pages.iter().flat_map(|m| &m.numbered) {
        let _ = write!(o, "\n  {}: true,", str_lit(&anchor.id()));
    }
    if pages.is_none_or(|m| m.numbered.is_empty()) {
        o.push(':');
    }
    o.push_str("\n)\n");
    o
}

/// The contents: parts, then their documents, entries and indexes, each line
/// with its page from the page map (`contents` in `layouts/book.typ`).
fn contents(o: &mut String, book: &Book) {
    o.push_str("#contents((");
    for item in book.outline() {
        let level = match item.kind {
            OutlineKind::Part => 0,
            OutlineKind::Letter => continue,
            OutlineKind::Document | OutlineKind::Entry | OutlineKind::Index => 1,
        };
        let _ = write!(
            o,
            "\n  ({level}, {}, {}),",
            text_block(item.title),
            str_lit(&item.anchor.id())
        );
    }
    o.push_str("\n))\n");
}

/// The list of figures, when the reader asks for one: per text, its title
/// and its figures' labels, captions and places.
fn figure_list(o: &mut String, book: &Book) {
    if book.figure_list.is_empty() {
        return;
    }
    o.push_str("#figure-list((");
    for g in &book.figure_list {
        let _ = write!(o, "\n  ({}, (", text_block(&g.title));
        for (anchor, label, caption) in &g.figures {
            let _ = write!(
                o,
                "({}, {}, {}), ",
                text_block(label),
                text_block(caption),
                str_lit(&anchor.id())
            );
        }
        o.push_str(")),");
    }
    o.push_str("\n))\n");
}

/// About how many pages the book will have, from the size of its markup (some
/// 3.7 KB a page for the readers measured): only the width of a stand-in page
/// number depends on it.
fn guess_pages(main: &str) -> u64 {
    (main.len() / 3700) as u64
}

/// The texts of the running heads, by the id the `<running>` markers carry:
/// verso the part, recto the document (up to its colon) or entry.
fn running_heads(book: &Book) -> Vec<(String, (String, String))> {
    let mut texts = Vec::new();
    for item in book.outline() {
        let part = item.part.title(book.words).to_string();
        let recto = match item.kind {
            OutlineKind::Part => part.clone(),
            OutlineKind::Document => running_title(item.title),
            OutlineKind::Entry => item.title.to_string(),
            OutlineKind::Letter | OutlineKind::Index => continue,
        };
        texts.push((item.anchor.id(), (part, recto)));
    }
    texts
}

fn front_matter(o: &mut String, book: &Book, paper: &str, draft: bool) {
    let m = &book.meta;
    let d = m.stamp;
    let date = format!(
        "datetime(year: {}, month: {}, day: {})",
        d.year, d.month, d.day
    );
    let editors: Vec<String> = m.editors.iter().map(|e| str_lit(e)).collect();
    let editors = format!(
        "({}{})",
        editors.join(", "),
        if editors.len() == 1 { "," } else { "" }
    );
    let _ = writeln!(
        o,
        "#show: book.with(title: {}, subtitle: {}, editors: {editors}, date: {date}, paper: {}, draft: {draft})",
        str_lit(&m.title),
        m.subtitle.as_deref().map_or("none".into(), str_lit),
        str_lit(paper),
    );
    let _ = writeln!(o, "#half-title({})", text_block(&m.title));
    let _ = writeln!(
        o,
        "#title-page({}, {}, {editors}, {})",
        text_block(&m.title),
        opt_text_block(m.subtitle.as_deref()),
        opt_text_block(m.edition.as_deref()),
    );
    colophon(o, &book.colophon);
    contents(o, book);
    figure_list(o, book);
    o.push_str("#show: body-pages.with((");
    for (id, (part, title)) in running_heads(book) {
        let _ = write!(
            o,
            "\n  {}: ({}, {}),",
            str_lit(&id),
            text_block(&part),
            text_block(&title)
        );
    }
    o.push_str("\n))\n\n");
}

fn colophon(o: &mut String, lines: &[String]) {
    o.push_str("#colophon((");
    for l in lines {
        o.push_str(&text_block(l));
        o.push_str(", ");
    }
    o.push_str("))\n");
}

fn part(o: &mut String, p: &Part, words: &Words) {
    let kind = p.kind();
    let _ = writeln!(
        o,
        "#part({}, {})\n",
        str_lit(kind.title(words)),
        str_lit(&Anchor::Part(kind).id())
    );
}

fn chapter(o: &mut String, c: &Chapter) {
    let _ = writeln!(
        o,
        "#document-head({}, {}, {}, {}, {})\n",
        str_lit(&c.anchor.id()),
        text_block(&c.title),
        opt_text_block(c.original_title.as_deref()),
        opt_text_block(c.byline.as_deref()),
        opt_text_block(c.credits.as_deref()),
    );
    let note = c.source_note.as_ref().map(|n| {
        let mut s = String::from("#source-note[");
        runs_markup(&mut s, n);
        s.push(']');
        (s, crate::cite::plain(n).chars().count())
    });
    match &c.parallel {
        // On facing pages, under the English of the last spread.
        Some(p) if p.layout == crate::model::ParallelLayout::Facing => {
            return parallel(o, &c.body, p, note.as_ref());
        }
        Some(p) => parallel(o, &c.body, p, None),
        None => body(o, &c.body),
    }
    if let Some((note, _)) = note {
        o.push_str(&note);
        o.push_str("\n\n");
    }
}

/// A text beside its Chinese original: `parallel-columns` with one (Chinese,
/// English) pair per segment, or `parallel-facing` with the segments packed into
/// spreads (Chinese on the verso, English on the recto).
fn parallel(
    o: &mut String,
    b: &Body,
    p: &crate::plan::Parallel,
    tail: Option<&(String, usize)>,
) {
    located_blocks(o, b, p.lead.iter().copied());
    IN_PARALLEL.set(true);
    let pairs = parallel_pairs(b, p);
    IN_PARALLEL.set(false);
    parallel_layout(o, p, pairs, tail);
}

/// The (Chinese, English) markup of each segment, with their characters.
fn parallel_pairs(
    b: &Body,
    p: &crate::plan::Parallel,
) -> Vec<(String, String, usize, usize)> {
    p.segments
        .iter()
        .map(|s| {
            let mut zh = String::from("[");
            CHINESE_SIDE.set(true);
            blocks(&mut zh, b, &s.zh);
            CHINESE_SIDE.set(false);
            zh.push(']');
            if s.zh.is_empty() && !s.en.is_empty() {
                // English with no original: the whole measure in columns.
                zh = "none".into();
            }
            let mut en = String::from("[");
            for &i in &s.en {
                if let Some(l) = b.blocks.get(i) {
                    let _ = write!(en, "#place-mark({});", str_lit(&l.anchor.id()));
                    block(&mut en, b, &l.block);
                    en.push_str("\n\n");
                }
            }
            if s.en.is_empty() {
                en.push_str("#omitted()");
            }
            en.push(']');
            let zh_chars: usize = s.zh.iter().map(chars_of).sum();
            let en_chars: usize =
                s.en.iter()
                    .filter_map(|&i| b.blocks.get(i))
                    .map(|l| chars_of(&l.block))
                    .sum();
            (zh, en, zh_chars, en_chars)
        })
        .collect()
}

/// The segments in columns or on facing pages, `tail` (the source note)
/// closing the English.
fn parallel_layout(
    o: &mut String,
    p: &crate::plan::Parallel,
    mut pairs: Vec<(String, String, usize, usize)>,
    tail: Option<&(String, usize)>,
) {
    if let (Some((note, chars)), Some(last)) = (tail, pairs.last_mut()) {
        // The English side closes with the note: `[…]` becomes `[…#source-note[…]]`.
        last.1.pop();
        last.1.push_str(note);
        last.1.push(']');
        last.3 += chars + FACING_EN_CHARS * 2;
    }
    match p.layout {
        crate::model::ParallelLayout::Facing => facing(o, &pairs),
        _ => {
            o.push_str("#parallel-columns((\n");
            for (zh, en, _, _) in &pairs {
                let _ = writeln!(o, "({zh}, {en}),");
            }
            o.push_str("))\n\n");
        }
    }
}

/// Lines a page of the facing layout holds, and characters a line of each side
/// (12 pt Libertinus, Chinese at 90 %, on the 4.75 in measure): segments are
/// packed into spreads by these estimates, a spread filled to about 85 %.
const FACING_LINES: usize = 34;
const FACING_EN_CHARS: usize = 70;
const FACING_ZH_CHARS: usize = 31;

fn facing(o: &mut String, pairs: &[(String, String, usize, usize)]) {
    let lines = |chars: usize, per: usize| chars.div_ceil(per) + 1;
    let mut spreads: Vec<Vec<&(String, String, usize, usize)>> = Vec::new();
    let (mut zh_lines, mut en_lines) = (0, 0);
    for pair in pairs {
        let (z, e) = (
            lines(pair.2, FACING_ZH_CHARS),
            lines(pair.3, FACING_EN_CHARS),
        );
        let full = zh_lines + z > FACING_LINES || en_lines + e > FACING_LINES;
        if spreads.is_empty() || full && (zh_lines > 0 || en_lines > 0) {
            spreads.push(Vec::new());
            zh_lines = 0;
            en_lines = 0;
        }
        if let Some(s) = spreads.last_mut() {
            s.push(pair);
        }
        zh_lines += z;
        en_lines += e;
    }
    o.push_str("#parallel-facing((\n");
    for s in spreads {
        let zh: Vec<&str> = s.iter().map(|p| p.0.as_str()).collect();
        let en: Vec<&str> = s.iter().map(|p| p.1.as_str()).collect();
        let _ = writeln!(o, "(({},), ({},)),", zh.join(", "), en.join(", "));
    }
    o.push_str("))\n\n");
}

/// The characters a block prints (for the facing layout's estimate).
fn chars_of(b: &Block) -> usize {
    fn inl(xs: &[Inline]) -> usize {
        xs.iter()
            .map(|x| match x {
                Inline::Text(t) | Inline::Code(t) => t.chars().count(),
                Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) => inl(c),
                Inline::Link { content, .. } => inl(content),
                Inline::XRef { words, .. } => words.chars().count() + 8,
                Inline::Cite { runs, .. } => crate::cite::plain(runs).chars().count(),
                _ => 1,
            })
            .sum()
    }
    match b {
        Block::Para(c) | Block::Heading { content: c, .. } => inl(c) + 30,
        Block::Quote(bs) => bs.iter().map(chars_of).sum(),
        Block::List { items, .. } => items.iter().flatten().map(chars_of).sum(),
        Block::Table { rows, .. } => {
            rows.iter().flatten().map(|c| inl(c)).sum::<usize>() + 60
        }
        Block::Code(t) => t.chars().count(),
        Block::Rule => 70,
        // The image's lines (342 pt measure, 14.5 pt lines) and the caption's.
        Block::Figure(f) => {
            let lines = f.width * 342.0 / f.aspect.max(0.1) / 14.5;
            (lines as usize + 2) * FACING_EN_CHARS + inl(&f.caption) + inl(&f.source)
        }
    }
}

thread_local! {
    /// Set while the Chinese side of a parallel text is written: its Chinese is
    /// running text, broken anywhere, not terms to keep whole.
    static CHINESE_SIDE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Set while the segments of a parallel text are written: a figure there
    /// stays beside its counterpart, never floats.
    static IN_PARALLEL: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn letter(o: &mut String, l: &Letter, words: &Words) {
    let _ = writeln!(
        o,
        "#letter-heading({}, {})\n",
        str_lit(&l.letter),
        str_lit(&l.anchor.id())
    );
    for e in &l.entries {
        entry(o, e, words);
    }
}

fn entry(o: &mut String, e: &GlossaryEntry, words: &Words) {
    let _ = writeln!(
        o,
        "#entry-head({}, {}, {}, {}, {})\n",
        str_lit(&e.anchor.id()),
        text_block(&e.term),
        str_lit(&e.pinyin),
        str_lit(&e.hanzi),
        e.traditional.as_deref().map_or("none".into(), str_lit),
    );
    body(o, &e.body);
    entry_lists(o, e, words);
}

/// The lists after an entry's essay, as the plan gives them.
fn entry_lists(o: &mut String, e: &GlossaryEntry, words: &Words) {
    for list in e.lists(words) {
        let items = match &list.items {
            EntryItems::Refs(rs) => refs(rs),
            EntryItems::Works(ws) => {
                let items: Vec<String> = ws.iter().map(work_content).collect();
                format!("source-list(({},))", items.join(", "))
            }
        };
        let _ = writeln!(o, "#entry-section({}, {items})\n", str_lit(list.label));
    }
}

/// A list of references with page numbers, separated by semicolons. Each page
/// reference stands at a place of its own, so a reference to the page it
/// stands on is left out.
fn refs(rs: &[(&Ref, Anchor)]) -> String {
    let items: Vec<String> = rs
        .iter()
        .map(|(r, at)| {
            let place = str_lit(&at.id());
            format!(
                "[#link({}, {});#place-mark({place});#page-ref({}, {place});]",
                to(&r.target),
                ref_words(r),
                str_lit(&r.target.id()),
            )
        })
        .collect();
    format!("({},).join(\"; \")", items.join(", "))
}

fn ref_words(r: &Ref) -> String {
    let words = text_block(&r.words);
    match r.style {
        RefStyle::Term => format!("smallcaps(all: true, {words})"),
        RefStyle::Title => format!("emph({words})"),
        RefStyle::Plain => words,
    }
}

fn work_content(w: &Work) -> String {
    let mut s = String::from("[");
    runs_markup(&mut s, &w.runs);
    s.push(']');
    s
}

fn bibliography(o: &mut String, works: &[Work]) {
    o.push_str("#bibliography-list((\n");
    for w in works {
        let _ = writeln!(o, "  ({}, {}),", str_lit(&w.anchor.id()), work_content(w));
    }
    o.push_str("))\n\n");
}

/// `/indexes.typ`: both indexes, with locators from the page map when there is one.
fn index_file(list: &[Index], pages: Option<&PageMap>, words: &Words) -> String {
    let mut o = String::from(
        "// Generated by ccp-press from the book plan. Do not edit.\n\
         #import \"/layouts/book.typ\": *\n#import \"/layouts/index.typ\": *\n\n",
    );
    for ix in list {
        index(&mut o, ix, pages, words);
    }
    o
}

fn index(o: &mut String, ix: &Index, pages: Option<&PageMap>, words: &Words) {
    let columns = match ix.kind {
        crate::plan::IndexKind::General => 2,
        crate::plan::IndexKind::Chinese => 1,
    };
    let _ = writeln!(
        o,
        "#index-section({}, {}, {columns})[",
        str_lit(ix.kind.title(words)),
        str_lit(&ix.anchor.id())
    );
    for g in &ix.groups {
        let _ = writeln!(o, "#index-letter({})", str_lit(&g.letter));
        for item in &g.items {
            index_item(o, &line(item, pages, words), pages, words);
        }
    }
    o.push_str("]\n\n");
}

fn index_item(o: &mut String, l: &Line, pages: Option<&PageMap>, words: &Words) {
    index_line(o, "index-line", l, pages, words);
    for sub in &l.subs {
        index_line(o, "index-sub", sub, pages, words);
    }
    for g in &l.closing {
        let _ = writeln!(
            o,
            "#index-sub([], [#emph[#{}];#\" \";]+{})",
            str_lit(g.word),
            cross_words(&g.crosses)
        );
    }
}

/// "X; Y" as content, each linked to its entry when it names one.
fn cross_words(crosses: &[&crate::plan::Cross]) -> String {
    let parts: Vec<String> = crosses
        .iter()
        .map(|c| match &c.entry {
            Some(a) => format!("[#link({}, {});]", to(a), text_block(&c.words)),
            None => text_block(&c.words),
        })
        .collect();
    parts.join("+[#\"; \";]+")
}

/// One line of an index: heading, then "See" or the locators and "See also".
fn index_line(o: &mut String, f: &str, l: &Line, pages: Option<&PageMap>, words: &Words) {
    let heading = match l.heading {
        crate::plan::Heading::Words(w) => text_block(w),
        Heading::Pinyin(p) => format!("py({})", str_lit(p)),
        Heading::Chinese {
            hanzi,
            pinyin,
            term,
        } => format!(
            "[#zh({});#h(0.6em)#py({});#h(0.6em)#link({}, {});]",
            str_lit(hanzi),
            str_lit(pinyin),
            to(&term.target),
            text_block(&term.words)
        ),
    };
    let mut tail = match l.see {
        Some((word, r)) => format!(
            "[. #emph[#{}] #link({}, {});]",
            str_lit(word),
            to(&r.target),
            text_block(&r.words)
        ),
        None => locators(&l.locators, pages, words),
    };
    for g in &l.crosses {
        let _ = write!(
            tail,
            "+[#\". \";#emph[#{}];#\" \";]+{}",
            str_lit(g.word),
            cross_words(&g.crosses)
        );
    }
    let _ = writeln!(o, "#{f}({heading}, {tail})");
}

/// ", 3, **7**, 9–11" as content, each page linked to the position of its place.
fn locators(ls: &[Locator], pages: Option<&PageMap>, words: &Words) -> String {
    let mut s = String::from("[");
    for l in ls {
        s.push_str("#\", \";");
        match l {
            Locator::Pages {
                first,
                last,
                place,
                main,
            } => {
                let n = page_range(*first, *last);
                let at = pages
                    .and_then(|m| m.place(place))
                    .map_or("none".into(), |p| {
                        format!("(page: {}, x: {:.2}pt, y: {:.2}pt)", p.page, p.x, p.y)
                    });
                let _ = write!(s, "#index-page({}, {at}, {main});", str_lit(&n));
            }
            Locator::Main(a) => {
                let _ = write!(s, "#link({}, strong({}));", to(a), str_lit(words.entry));
            }
            Locator::Owner(r) => {
                let _ = write!(s, "#link({}, {});", to(&r.target), ref_words(r));
            }
        }
    }
    s.push(']');
    s
}

/// The blocks of a body, each preceded by its place mark. Footnotes are written at
/// their references.
fn body(o: &mut String, b: &Body) {
    located_blocks(o, b, 0..b.blocks.len());
}

/// The blocks `picked` of a body, each preceded by its place mark.
fn located_blocks(o: &mut String, b: &Body, picked: impl IntoIterator<Item = usize>) {
    for located in picked.into_iter().filter_map(|i| b.blocks.get(i)) {
        let _ = write!(o, "#place-mark({});", str_lit(&located.anchor.id()));
        if !matches!(located.block, Block::Para(_)) {
            o.push('\n');
        }
        block(o, b, &located.block);
        o.push_str("\n\n");
    }
}

fn blocks(o: &mut String, b: &Body, bs: &[Block]) {
    for x in bs {
        block(o, b, x);
        o.push_str("\n\n");
    }
}

fn block(o: &mut String, b: &Body, x: &Block) {
    match x {
        Block::Para(xs) => inlines(o, b, xs),
        Block::Heading { level, content } => {
            let _ = write!(o, "#heading(level: {level}, outlined: false)[");
            inlines(o, b, content);
            o.push(']');
        }
        Block::Quote(bs) => {
            o.push_str("#quote(block: true)[");
            blocks(o, b, bs);
            o.push(']');
        }
        Block::List {
            ordered,
            start,
            items,
        } => list(o, b, *ordered, *start, items),
        Block::Table {
            aligns,
            header,
            rows,
        } => table(o, b, aligns, header, rows),
        Block::Code(code) => {
            let _ = write!(o, "#raw(block: true, {})", str_lit(code));
        }
        Block::Rule => o.push_str("#align(center, line(length: 30%, stroke: 0.4pt))"),
        Block::Figure(f) => figure(o, b, f),
    }
}

/// A figure: `figure-block(id, path, width, alt, label, caption, source,
/// float)`; see `layouts/book.typ`.
fn figure(o: &mut String, b: &Body, f: &crate::plan::Figure) {
    let opt = |s: Option<String>| s.map_or_else(|| "none".into(), |s| str_lit(&s));
    let _ = write!(
        o,
        "#figure-block({}, {}, {:.3}, {}, {}, [",
        opt(f.anchor.as_ref().map(Anchor::id)),
        str_lit(&format!("{IMAGES}{}", f.image)),
        f.width,
        opt(f.alt.clone()),
        opt(f.label.clone()),
    );
    inlines(o, b, &f.caption);
    o.push_str("], ");
    if f.source.is_empty() {
        o.push_str("none");
    } else {
        o.push('[');
        inlines(o, b, &f.source);
        o.push(']');
    }
    let _ = write!(o, ", float: {})", !IN_PARALLEL.get());
}

/// Where the typst world serves the book's images.
pub const IMAGES: &str = "/images/";

fn list(o: &mut String, b: &Body, ordered: bool, start: usize, items: &[Vec<Block>]) {
    if ordered {
        let _ = write!(o, "#enum(start: {start}");
    } else {
        o.push_str("#list(");
    }
    for (i, item) in items.iter().enumerate() {
        if i > 0 || ordered {
            o.push_str(", ");
        }
        o.push('[');
        blocks(o, b, item);
        o.push(']');
    }
    o.push(')');
}

fn table(
    o: &mut String,
    b: &Body,
    aligns: &[Align],
    header: &[Vec<Inline>],
    rows: &[Vec<Vec<Inline>>],
) {
    let al: Vec<&str> = aligns
        .iter()
        .map(|a| match a {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
        })
        .collect();
    let _ = write!(
        o,
        "#table(columns: {}, align: ({},), table.header(",
        aligns.len(),
        al.join(", ")
    );
    for c in header {
        o.push('[');
        inlines(o, b, c);
        o.push_str("], ");
    }
    o.push(')');
    for c in rows.iter().flatten() {
        o.push_str(", [");
        inlines(o, b, c);
        o.push(']');
    }
    o.push(')');
}

fn inlines(o: &mut String, b: &Body, xs: &[Inline]) {
    for x in xs {
        inline(o, b, x);
    }
}

fn inline(o: &mut String, b: &Body, x: &Inline) {
    match x {
        Inline::Text(t) => text(o, t),
        Inline::Emph(c) => wrap(o, b, "emph", c),
        Inline::Strong(c) => wrap(o, b, "strong", c),
        Inline::Strike(c) => wrap(o, b, "strike", c),
        Inline::Code(c) => {
            let _ = write!(o, "#raw({});", str_lit(c));
        }
        Inline::Link { url, content } => {
            let _ = write!(o, "#link({})[", str_lit(url));
            inlines(o, b, content);
            o.push_str("];");
            // Print gives the address after the words (a reader cannot click).
            if !crate::plan::tree::words_are_address(content, url) {
                let _ = write!(
                    o,
                    "#\" (\";#link({})[{}];#\")\";",
                    str_lit(url),
                    url_markup(url)
                );
            }
        }
        Inline::XRef {
            words,
            target,
            place,
        } => match target {
            Some(t) => {
                let _ = write!(
                    o,
                    "#xref({}, {}, {});",
                    str_lit(&t.id()),
                    text_block(words),
                    str_lit(&place.id())
                );
            }
            None => {
                let _ = write!(o, "#xref-absent({});", text_block(words));
            }
        },
        Inline::FigRef {
            words,
            target,
            place,
            bracketed,
        } => {
            let _ = write!(
                o,
                "#fig-ref({}, {}, {}, {bracketed});",
                str_lit(&target.id()),
                text_block(words),
                str_lit(&place.id())
            );
        }
        Inline::Cite { runs, target } => {
            let _ = write!(o, "#citation({}, [", str_lit(&target.id()));
            runs_markup(o, runs);
            o.push_str("]);");
        }
        Inline::NoteRef { number } => note(o, b, *number),
        Inline::Mark { place } => {
            let _ = write!(o, "#place-mark({});", str_lit(&place.id()));
        }
        Inline::SoftBreak => o.push_str("#\" \";"),
        Inline::LineBreak => o.push_str("#linebreak();"),
    }
}

/// A footnote, written at its reference.
fn note(o: &mut String, b: &Body, number: usize) {
    let Some(n) = b.notes.get(number.wrapping_sub(1)) else {
        return;
    };
    o.push_str("#footnote[");
    for (i, x) in n.blocks.iter().enumerate() {
        if i > 0 {
            o.push_str("#parbreak();");
        }
        block(o, b, x);
    }
    o.push_str("];");
}

fn wrap(o: &mut String, b: &Body, f: &str, c: &[Inline]) {
    let _ = write!(o, "#{f}[");
    inlines(o, b, c);
    o.push_str("];");
}

#[cfg(test)]
mod tests;
