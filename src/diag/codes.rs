//! The registry of diagnostic codes: each code's severity, a one-line summary, and
//! the long explanation that `ccp-press explain CODE` prints.

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The content is wrong; nothing can be built from it.
    Error,
    /// Probably a mistake; builds go on unless `--deny-warnings`.
    Warning,
    /// Worth knowing, never a mistake in itself: builds go on, even with
    /// `--deny-warnings`.
    Note,
}

impl Severity {
    /// The word printed before the code.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// One diagnostic code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// The code, e.g. `E0301`.
    pub code: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// One line: what is wrong.
    pub summary: &'static str,
    /// Several paragraphs: why it matters, an example of content that gives it, and how to fix it.
    pub explanation: &'static str,
}

/// E0100: the content folder does not exist.
pub const E0100: Code = Code {
    code: "E0100",
    severity: Severity::Error,
    summary: "the content folder does not exist",
    explanation: "\
ccp-press reads everything from one content folder: `content` in the
current folder, unless `--content DIR` names another. That folder was not
found, so nothing could be checked or built.

It usually means the command was run from the wrong place, or the path after
`--content` has a typo:

    ccp-press check --content contnet

Run the command from the project folder (the one that holds `content/`), or
give the right path with `--content`.
",
};

/// E0101: file is not valid UTF-8.
pub const E0101: Code = Code {
    code: "E0101",
    severity: Severity::Error,
    summary: "file is not valid UTF-8",
    explanation: "\
Every content file must be saved as UTF-8 text. This file holds bytes that
are not valid UTF-8, so it was not read. The message points at the first bad
byte.

This happens when an editor saved the file in another encoding, such as GBK,
GB 18030 or Big5 for Chinese text, or Windows-1252, or when a Word document
was renamed to `.md`.

Open the file in a text editor, choose \"Save with encoding\" (or similar) and
pick UTF-8. Then check the Chinese characters: if they look garbled, the
editor guessed the old encoding wrongly. Reopen the file in its real encoding
first, then save it as UTF-8.
",
};

/// E0102: file is empty.
pub const E0102: Code = Code {
    code: "E0102",
    severity: Severity::Error,
    summary: "file is empty",
    explanation: "\
This file is empty or holds only spaces and blank lines, so there is nothing
to load. An empty file is almost always a mistake: an entry that was created
but never written, or a file cut short by a failed copy.

For example, a file `content/glossary/dual-circulation.md` with no text in
it gives this error.

Write the content (for a glossary entry, at least front matter with `term`,
`pinyin` and `hanzi`), or delete the file.
",
};

/// E0103: file is larger than 8 MB.
pub const E0103: Code = Code {
    code: "E0103",
    severity: Severity::Error,
    summary: "file is larger than 8 MB",
    explanation: "\
Content files are limited to 8 MB each. A file this large is almost certainly
not content: an export of a whole database, a PDF or image renamed by
mistake, or a text pasted in many times over. It was not read.

For example, a Zotero export of an entire library can exceed the limit:

    content/bibliography/zotero-everything.bib

Check that the file is what you meant to put there. Export only the Zotero
collection the readers use, or split a very long text into several files.
",
};

/// E0104: file cannot be read.
pub const E0104: Code = Code {
    code: "E0104",
    severity: Severity::Error,
    summary: "file cannot be read",
    explanation: "\
The file is listed in the content folder but could not be read; the message
gives the reason the operating system reported. The usual causes are
permissions (the file belongs to another user and you may not read it) and
a dangling symbolic link (a link whose target was moved or deleted).

For example, after linking a draft into the glossary,

    ln -s ../../drafts/new-era.md content/glossary/new-era.md

deleting the drafts folder leaves the link pointing nowhere.

Make the file readable (`chmod a+r FILE`), restore the link's target or
replace the link with the real file, or delete it if it is not wanted.
",
};

/// E0105: control character in a file.
pub const E0105: Code = Code {
    code: "E0105",
    severity: Severity::Error,
    summary: "control character in a file",
    explanation: "\
The file holds a control character: an invisible code such as NUL (U+0000),
U+0001 or ESC (U+001B). It cannot be printed, PDF/A and XML forbid most of
them, and it usually arrives by pasting from another program or a terminal.
Tabs and line breaks are fine.

    The Party's line^[[0m on the matter

The diagnostic points at the first one in the file. Delete it (an editor that
shows invisible characters helps) and check the rest of the file.
",
};

/// E0107: symbolic link out of the content folder.
pub const E0107: Code = Code {
    code: "E0107",
    severity: Severity::Error,
    summary: "symbolic link out of the content folder",
    explanation: "\
A file in the content folder is a symbolic link to a file outside it. Such
files are never read: the content folder is what a build publishes, and a
link out of it could publish (or echo in a diagnostic) any file on the
machine.

    content/glossary/mass-line.md -> /home/editor/drafts/mass-line.md

Copy the file into the content folder, or link to a file inside it.
",
};

/// E0201: malformed YAML or front matter.
pub const E0201: Code = Code {
    code: "E0201",
    severity: Severity::Error,
    summary: "malformed YAML or front matter",
    explanation: "\
Glossary entries, translations and essays start with front matter: YAML
fields between two lines that hold only `---`. Reader files are YAML
throughout. Here the block is missing, is not closed, or is not valid YAML;
the message says which and points at the place.

For example, a colon followed by a space inside an unquoted value:

    ---
    term: Xi Jinping Thought: the core
    ---

Put `---` on the very first line and again after the last field. Quote values
that contain `: ` or ` #`, or that start with `[`, `{`, `*`, `&` or a quote:
`term: \"Xi Jinping Thought: the core\"`. Indent with spaces, never tabs.
",
};

/// E0202: missing or empty required field.
pub const E0202: Code = Code {
    code: "E0202",
    severity: Severity::Error,
    summary: "missing or empty required field",
    explanation: "\
Some fields must be present and not empty. Glossary entries need `term`,
`pinyin` and `hanzi`; translations need `title`, `original_title`, `author`,
`date`, `translator` and `source`; essays and readers need `title`.

For example, this entry has no `pinyin`:

    ---
    term: Common prosperity
    hanzi: 共同富裕
    ---

Add the missing line (here `pinyin: Gòngtóng Fùyù`) or fill in the empty
value. A field written as `pinyin:` with nothing after it counts as empty.
",
};

/// E0203: unknown field.
pub const E0203: Code = Code {
    code: "E0203",
    severity: Severity::Error,
    summary: "unknown field",
    explanation: "\
Each kind of file allows a fixed set of fields, so that a misspelt field is
caught instead of being silently ignored. This field is not one of them; the
message suggests the closest known field and lists them all.

For example, `alias` instead of `aliases`:

    ---
    term: Common prosperity
    pinyin: Gòngtóng Fùyù
    hanzi: 共同富裕
    alias: [Shared prosperity]
    ---

Correct the spelling as suggested. Information that has no field of its own
belongs in the text, for example as a translator's note (a footnote).
",
};

/// E0204: front matter or reader is not a map.
pub const E0204: Code = Code {
    code: "E0204",
    severity: Severity::Error,
    summary: "front matter or reader is not a map",
    explanation: "\
Front matter and reader files must be a map of fields: one `field: value`
per line. This YAML is valid but is something else, such as a list or a
single string, so no field could be read.

For example, front matter written as a list:

    ---
    - term: Common prosperity
    - hanzi: 共同富裕
    ---

Remove the `- ` list markers so that each line reads `field: value`, and do
not indent or quote the whole block as one value. In a reader, the list of
documents goes under the `documents:` field.
",
};

/// E0205: invalid value.
pub const E0205: Code = Code {
    code: "E0205",
    severity: Severity::Error,
    summary: "invalid value",
    explanation: "\
A file name or field has a value that cannot be accepted. Entry and document
ids are their file stems and must be lowercase ASCII slugs: letters a-z,
digits and hyphens. Ids are written in `[[common-prosperity]]` and in
readers, and names that differ only in capitals collide on some systems, so
stems such as these are rejected:

    content/glossary/Common Prosperity.md
    content/glossary/gòngtóng-fùyù.md

A reader's `glossary:` must be `all`, `referenced` or `none`, not e.g.
`glossary: cited`.

Rename the file to a slug (`common-prosperity.md`) and update the
cross-references, `see_also` lists and readers that used the old name; or
use one of the allowed values.
",
};

/// E0206: `hanzi` holds no Chinese characters.
pub const E0206: Code = Code {
    code: "E0206",
    severity: Severity::Error,
    summary: "`hanzi` holds no Chinese characters",
    explanation: "\
The `hanzi` field of a glossary entry must hold the term in simplified
Chinese characters. This value has none: perhaps pinyin or English was
written in the wrong field, or the characters were lost to an encoding
problem and became question marks.

    ---
    term: Common prosperity
    pinyin: Gòngtóng Fùyù
    hanzi: Gongtong Fuyu
    ---

Write the characters, here `hanzi: 共同富裕`. The traditional form, when it
differs, goes in `traditional`; the romanization goes in `pinyin`.
",
};

/// E0207: invalid date.
pub const E0207: Code = Code {
    code: "E0207",
    severity: Severity::Error,
    summary: "invalid date",
    explanation: "\
A `date:` field in a translation, essay or reader must be a year, a year and
month, or a full date, written YYYY, YYYY-MM or YYYY-MM-DD, and the date
must exist. Dates are printed on title pages and document headings, so other
formats are not guessed at.

Each of these gives the error:

    date: 2026-02-30
    date: 30 February 2026
    date: 2026/9/1

Use one of the three forms, with two-digit months and days: `2026-09-01`,
`2026-09` or `2026`. If only the year is known, give only the year rather
than inventing a day.
",
};

/// E0208: term, name or title too long.
pub const E0208: Code = Code {
    code: "E0208",
    severity: Severity::Error,
    summary: "term, name or title too long",
    explanation: "\
Terms, names and titles are printed in headings, running heads, the
contents and the PDF's bookmarks and metadata, where PDF/A allows no string
longer than 32,767 bytes and a line of type has room for far less. A value
over 1,000 characters is almost always text pasted into the wrong field.

    ---
    term: Common prosperity, which the Party defines as ... (several pages)

Keep the field to the name itself and move the rest into the body.
",
};

/// E0209: a Chinese original without its translation.
pub const E0209: Code = Code {
    code: "E0209",
    severity: Severity::Error,
    summary: "a Chinese original without its translation",
    explanation: "\
A file `translations/<id>.zh.md` (or `essays/<id>.zh.md`) is the Chinese
original of the document `<id>.md` beside it, printed as a parallel text. Here
there is no such document.

Add the English `<id>.md`, or rename the file if it was meant to be a document
of its own (ids have no dots).
",
};

/// E0210: a translation and its original do not align.
pub const E0210: Code = Code {
    code: "E0210",
    severity: Severity::Error,
    summary: "a translation and its original do not align",
    explanation: "\
A parallel text pairs the blocks (paragraphs, headings, lists, quotations) of
`<id>.md` with those of `<id>.zh.md`, in order, and each pair must be of the
same kind. The message names the first block where they part, with the text
of each side.

Where one English paragraph renders two Chinese ones, begin the second
Chinese paragraph with `{{join}}`; the same on the English side for the
reverse. A passage deliberately left untranslated begins with `{{omit}}` and
needs nothing on the other side. The marks print nothing.

    第一段。

    {{join}} 第二段，与上一段合译。
",
};

/// E0211: an unknown parallel layout.
pub const E0211: Code = Code {
    code: "E0211",
    severity: Severity::Error,
    summary: "an unknown parallel layout",
    explanation: "\
A reader's `parallel` field names how documents with a Chinese original print:
`off` (the English alone, the default), `columns` (Chinese beside English,
segment by segment) or `facing` (Chinese on the left-hand page, English on
the right). It is one layout for all (`parallel: columns`) or one per
document (`parallel: {essays/editors-note: facing}`).
",
};

/// E0212: an alignment mark out of place.
pub const E0212: Code = Code {
    code: "E0212",
    severity: Severity::Error,
    summary: "an alignment mark out of place",
    explanation: "\
Apparatus that has no counterpart in the other language of a parallel text
(the center's introduction, a metadata table, a translator's note) is marked
once for the whole region: a paragraph holding only `{{omit: start}}` before
it and one holding only `{{omit: end}}` after it. Regions do not nest, and
each one opened must be closed.

A paragraph holding only `{{omit}}` or `{{join}}` marks the block after it,
whatever its kind (a table, a list, a quotation, a heading), so it needs a
block after it.

    {{omit: start}}

    Introduction by the center …

    | Field | Details |
    |---|---|
    | Document number | 中发〔2016〕4号 |

    {{omit: end}}
",
};

/// E0301: unknown cross-reference id.
pub const E0301: Code = Code {
    code: "E0301",
    severity: Severity::Error,
    summary: "unknown cross-reference id",
    explanation: "\
A cross-reference `[[id]]` names a glossary entry by its id, the file stem
of `content/glossary/<id>.md`. No entry has this id, so the link would have
no target and no page number.

    The slogan is framed as a step towards [[common-prosperty]] for all.

Correct the id (the message suggests the nearest one) or write the entry.
The id is the file name, not the English term: write
`[[common-prosperity]]`, not `[[Common prosperity]]`. To print other words,
use `[[common-prosperity|shared wealth]]`.
",
};

/// E0302: unknown entry id in `see_also`.
pub const E0302: Code = Code {
    code: "E0302",
    severity: Severity::Error,
    summary: "unknown entry id in `see_also`",
    explanation: "\
The `see_also` field lists the ids of related glossary entries, printed
under \"See also\" with their page numbers. One of the ids names no entry.

    see_also: [new-development-pattern, dual-circulaton]

Correct the id (the message suggests the nearest one) or remove it. Ids are
the file stems in `content/glossary/`, lowercase with hyphens, not the
English terms.
",
};

/// E0303: cross-reference with empty words.
pub const E0303: Code = Code {
    code: "E0303",
    severity: Severity::Error,
    summary: "cross-reference with empty words",
    explanation: "\
A cross-reference written with a `|` must have words after it: they are
what the book prints in place of the entry's term. With nothing after the
`|`, the reader would see an empty link.

    the [[common-prosperity|]] of all

Write `[[common-prosperity]]` to print the entry's term, or put the words to
print after the `|`: `[[common-prosperity|shared prosperity]]`.
",
};

/// E0304: a term or alias names two entries.
pub const E0304: Code = Code {
    code: "E0304",
    severity: Severity::Error,
    summary: "a term or alias names two entries",
    explanation: "\
Each English term and alias must name exactly one glossary entry, ignoring
capitals: the index sends readers from every name to its entry, and a shared
name would send them to two places. This name is also the term or an alias
of another entry; the message says which, and where it was first used.

    # glossary/socialist-market-economy.md
    term: Socialist market economy

    # glossary/reform-and-opening.md
    aliases: [Socialist market economy]

Remove the name from one entry, make the names distinct (add a qualifier),
or merge the entries. To point from one entry to the other, use
`see_also` or a `[[...]]` cross-reference instead.
",
};

/// E0305: link target not allowed.
pub const E0305: Code = Code {
    code: "E0305",
    severity: Severity::Error,
    summary: "link target not allowed",
    explanation: "\
Only web and e-mail addresses are printed as links: `http://`, `https://`
and `mailto:`. Other schemes (`javascript:`, `data:`, `file:`) would do
something other than open a page, and an address with spaces, quotes or
angle brackets is not a valid address at all.

    see [the notice](javascript:alert(1))
    see [the notice](https://example.org/a notice.html)

Link to a full web address, with spaces percent-encoded (`%20`). The link
text is still printed when the link is refused.
",
};

/// E0306: relative link inside the book.
pub const E0306: Code = Code {
    code: "E0306",
    severity: Severity::Error,
    summary: "relative link inside the book",
    explanation: "\
A Markdown link to a file or an anchor (`other.md`, `#section`,
`../essays/intro.md`) has no target in the PDF or the EPUB: the files are
not published as they are.

    as the [introduction](../essays/introduction.md) explains

Refer to a glossary entry with a cross-reference, `[[common-prosperity]]`,
which prints the term and its page. Link to web pages with a full
`https://` address.
",
};

/// E0401: unknown citation key.
pub const E0401: Code = Code {
    code: "E0401",
    severity: Severity::Error,
    summary: "unknown citation key",
    explanation: "\
A citation such as `[@state-council-2016]`, `[@naughton-2023, 12]` or a
narrative `@naughton-2023` names a work by its bibliography key. No file in
`content/bibliography/` defines this key.

    As the outline puts it [@state-council-2106, 12], innovation ...

Correct the key (the message suggests the nearest one) or add the work to a
bibliography file. Note that every `@word` in the text is read as a
citation: to print a literal at-sign, as in an email address, write `\\@`.
",
};

/// E0402: unknown key in `sources` or `source`.
pub const E0402: Code = Code {
    code: "E0402",
    severity: Severity::Error,
    summary: "unknown key in `sources` or `source`",
    explanation: "\
A glossary entry's `sources` lists works to print under \"Sources\" besides
those cited in its text, and a translation's `source` names the Chinese
original. Both hold bibliography keys, and this key is not defined in any
bibliography file.

    ---
    title: Outline of the National Innovation-Driven Development Strategy
    source: state-council-2016-outline
    ---

Correct the key (the message suggests the nearest one) or add the work to a
file in `content/bibliography/`. Write keys without the `@` of citations.
",
};

/// E0403: duplicate bibliography key.
pub const E0403: Code = Code {
    code: "E0403",
    severity: Severity::Error,
    summary: "duplicate bibliography key",
    explanation: "\
Bibliography keys must be unique across all files in
`content/bibliography/`, YAML and BibLaTeX together, because a citation must
lead to exactly one work. This key is defined a second time; the message
says where it was first defined.

It often happens when a work is in a YAML file and also in a Zotero export:

    # bibliography/party.yaml
    xi-2021-common-prosperity:
      type: article
    # bibliography/zotero.bib
    @article{xi-2021-common-prosperity,

Keep one definition and delete the other. If they are two different works,
rename one key and update the citations that mean it.
",
};

/// E0404: invalid bibliography entry.
pub const E0404: Code = Code {
    code: "E0404",
    severity: Severity::Error,
    summary: "invalid bibliography entry",
    explanation: "\
A bibliography entry could not be read by hayagriva, the library that parses
the bibliography: a field has the wrong kind of value, the entry type is
unknown, or the BibLaTeX syntax is broken. The message gives the reason.

    naughton-2021:
      type: book
      title: The Rise of China's Industrial Policy
      date: last year

Fix the entry as the message says; a date, for example, is `2021` or
`2021-05-14`. For YAML files, see hayagriva's file format (`type`, `title`,
`author`, `date`, `parent`, `publisher`, ...). For `.bib` files, export again
from Zotero or check the braces and commas near the reported line.
",
};

/// E0405: citation that cannot be read.
pub const E0405: Code = Code {
    code: "E0405",
    severity: Severity::Error,
    summary: "citation that cannot be read",
    explanation: "\
A citation is written in brackets with one `@key` per work, separated by
`;`, each optionally followed by a comma and a locator or remark, all as plain
text. Formatting or a cross-reference inside the brackets, an empty item,
text after a key without a comma, or `p.` without a page cannot be read, and
would print garbled; the text is printed as written instead.

    [@xi-2021, *emphasis added*]     [@xi-2021;]     [@xi-2021.]     [@xi-2021, p. ]

Write `[@xi-2021, emphasis added]`, `[@xi-2021]` (punctuation outside the
brackets), `[@xi-2021, p. 12]`, `[see @a; @b, 4]`.
",
};

/// E0501: footnote reference without definition.
pub const E0501: Code = Code {
    code: "E0501",
    severity: Severity::Error,
    summary: "footnote reference without definition",
    explanation: "\
A footnote reference `[^label]` in the text has no matching definition in
the same file, so the note would have no text.

    The plenum adopted the resolution.[^2]

    [^1]: A translator's note.

Add the definition, usually after the paragraph or at the end of the file
(`[^2]: Note text.`), or correct the label so that it matches an existing
definition.
",
};

/// E0502: text nested too deeply.
pub const E0502: Code = Code {
    code: "E0502",
    severity: Severity::Error,
    summary: "text nested too deeply",
    explanation: "\
Quotations, lists and emphasis can be nested inside one another, but not
without end: past 32 levels the text is not kept, because the typesetter and
the e-book readers would fail on it long before a reader could follow it.

    > > > > > > ... (dozens of `>`)

Flatten the nesting. A quotation inside a quotation, or a list inside a list,
is as deep as a book normally goes.
",
};

/// E0503: heading with no text.
pub const E0503: Code = Code {
    code: "E0503",
    severity: Severity::Error,
    summary: "heading with no text",
    explanation: "\
A heading prints nothing: it is empty, or holds only an index mark or a
footnote reference. Tagged PDF (PDF/UA) and e-readers need a name for every
heading, and an empty heading leaves a gap in the page and the contents.

    ## {{index: Party building}}

Write the heading's words (`## Party Building {{index: Party building}}`), or
delete the `#` line.
",
};

/// E0601: empty index mark.
pub const E0601: Code = Code {
    code: "E0601",
    severity: Severity::Error,
    summary: "empty index mark",
    explanation: "\
An index mark `{{index: term}}` adds a term to the general index at this
place without printing anything. This mark has no term, so there is nothing
to index.

    The Central Committee stressed{{index: }} the leading role of ...

Write the term the index should list, e.g. `{{index: Party building}}`, or
delete the mark.
",
};

/// E0602: reader names a missing document.
pub const E0602: Code = Code {
    code: "E0602",
    severity: Severity::Error,
    summary: "reader names a missing document",
    explanation: "\
A reader's `documents:` list names the translations and essays of the book,
in order, by folder and file stem. This one does not exist.

    documents:
      - essays/introduction
      - translations/innovation-driven-developement-outline

Correct the name (the message suggests the nearest one). Names have the form
`translations/<stem>` or `essays/<stem>`, without `.md` and without
`content/`. If the document was renamed or removed, update the reader.

The same holds for the documents named in a `parallel:` map:

    parallel:
      translations/fifth-plenum-proposal: columns
",
};

/// E0603: reader lists a document twice.
pub const E0603: Code = Code {
    code: "E0603",
    severity: Severity::Error,
    summary: "reader lists a document twice",
    explanation: "\
A reader's `documents:` list names the same document twice. A document can
appear only once in a book: its headings, notes and page references need a
single place.

    documents:
      - essays/introduction
      - translations/xi-common-prosperity-2021
      - essays/introduction

Delete one of the lines, keeping the document where it belongs in the
book's order.
",
};

/// E0604: index mark that cannot be read.
pub const E0604: Code = Code {
    code: "E0604",
    severity: Severity::Error,
    summary: "index mark that cannot be read",
    explanation: "\
An index mark is `{{index: term}}` with the term as plain text on one line.
Formatting inside the mark (`*`, `_`, a cross-reference) or a missing `}}`
leaves it unreadable, and it would print in the text instead of indexing the
term.

    {{index: *Party* building}}

Write the term without formatting: `{{index: Party building}}`. Spaces are
free: `{{ index: Party building }}` works too.
",
};

/// E0605: an index mark that cannot be read.
pub const E0605: Code = Code {
    code: "E0605",
    severity: Severity::Error,
    summary: "an index mark that cannot be read",
    explanation: "\
The text of an index mark does not follow the syntax:

    {{index: heading}}                      a place that mentions it
    {{index: heading!sub-heading}}          a place, under a sub-heading
    {{index: heading|main}}                 the main discussion (bold locator)
    {{index: heading|(}} … {{index: heading|)}}   a discussion over several pages
    {{index: heading|see other heading}}    a cross-reference, no locator
    {{index: heading|see also other}}       printed after the locators

The message says what is wrong: an empty heading or sub-heading (`a!!b`),
more than two levels, or an unknown option after `|`.
",
};

/// E0701: no font has a glyph for a character.
pub const E0701: Code = Code {
    code: "E0701",
    severity: Severity::Error,
    summary: "no font has a glyph for a character",
    explanation: "\
Before typesetting, every character of the reader's files is checked
against the fonts built into ccp-press: Libertinus Serif for Latin and
pinyin, and Noto Serif CJK SC cut to about 16,000 Chinese characters (GB 2312
and Big5). This character is in none of them, so it would print as an empty
box.

Rare characters and symbols are the usual cause, e.g. a variant character:

    The surname is sometimes written 𠮷 rather than 吉.

Use the common form of the character, describe it in words, or replace the
symbol with text. If the character is really needed, ask for a font that
has it to be added to `fonts/`.
",
};

/// E0801: a layout override cannot be used.
pub const E0801: Code = Code {
    code: "E0801",
    severity: Severity::Error,
    summary: "a layout override cannot be used",
    explanation: "\
The folder `content/layouts/` may hold files that replace the built-in
typst layouts one by one, under the same names (such as `book.typ` or
`index.typ`). This file cannot be used: its name is not one of the built-in
layouts, so it would never be read, or it is not UTF-8 text.

    content/layouts/Book.typ
    content/layouts/book-v2.typ

Rename the file to the exact, lowercase name of the layout it replaces (the
message lists them), or move it out of `content/layouts/`, and save it as
UTF-8. To start an override, copy the layout that `pdf --emit-typst DIR`
writes and edit the copy.
",
};

/// E0901: typst error in generated code.
pub const E0901: Code = Code {
    code: "E0901",
    severity: Severity::Error,
    summary: "typst error in generated code",
    explanation: "\
ccp-press turns the checked content into typst markup and compiles it with
the typst library. Text from the content never reaches typst as code, so
this error is not caused by what you wrote: it is a bug in ccp-press or, if
the folder has `content/layouts/`, in a layout override.

If you have overrides, move them aside and build again; if the error goes
away, the override is at fault. Otherwise, please report it with the full
message, the command you ran and the version of ccp-press. To see the
generated sources, run

    ccp-press pdf --emit-typst DIR

and attach DIR to the report.
",
};

/// E0902: PDF export error.
pub const E0902: Code = Code {
    code: "E0902",
    severity: Severity::Error,
    summary: "PDF export error",
    explanation: "\
The book was typeset, but the PDF could not be written. By default the PDF
follows PDF/A-2b (archiving) and PDF/UA-1 (accessibility), and the export
stops when the document breaks a rule of these standards; the message names
the rule.

Content text alone should not cause this: it is a bug in ccp-press or in a
layout override in `content/layouts/`. Please report it with the full
message, the command and the reader. In the meantime, a plain PDF can be
made without the standards:

    ccp-press pdf --no-standards

Such a file is fine for proofreading but should not be published as the
archival edition.
",
};

/// E0903: EPUB packaging or cover rendering failed.
pub const E0903: Code = Code {
    code: "E0903",
    severity: Severity::Error,
    summary: "EPUB packaging or cover rendering failed",
    explanation: "\
Making the EPUB failed in one of its last steps: rendering the cover image
(typst draws the reader's title, subtitle and editors as a PNG) or packaging
the files into the EPUB archive. The message says which.

This is a bug in ccp-press, not a problem in the content. Please report it
with the full message, the command, and the reader file, for example
`content/readers/default.yaml`, since its title data are what the cover
prints.

The PDF is not affected: `ccp-press pdf` still works in the meantime.
",
};

/// E0904: SOURCE_DATE_EPOCH is not a moment.
pub const E0904: Code = Code {
    code: "E0904",
    severity: Severity::Error,
    summary: "SOURCE_DATE_EPOCH is not a moment",
    explanation: "\
The environment variable `SOURCE_DATE_EPOCH` fixes the moment printed in a
build (the PDF's and the EPUB's dates), so that two builds of the same
content give the same bytes. It must hold the seconds since 1970-01-01 UTC,
as build systems set it:

    SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) ccp-press pdf

It was set to something else (a date such as `2026-12-01`, or a word), and a
build does not guess what was meant. Set it to a number of seconds, or unset
it: then the reader's `date` is used, else 2000-01-01.
",
};

/// E0905: the EPUB's Chinese font subset could not be made.
pub const E0905: Code = Code {
    code: "E0905",
    severity: Severity::Error,
    summary: "the EPUB's Chinese font subset could not be made",
    explanation: "\
The EPUB embeds a cut-down copy of Noto Serif CJK SC holding only the
Chinese characters the book uses, so that e-readers without Chinese fonts
still show them. Making this subset failed.

This is a bug in ccp-press. Please report it with the full message, the
command and the reader. If a recent edit added unusual characters (rare
hanzi, compatibility ideographs or characters such as 𠀀 outside the basic
plane), say so and give the files that hold them.

The PDF is not affected: `ccp-press pdf` still works in the meantime.
",
};

/// E0504: image file not found.
pub const E0504: Code = Code {
    code: "E0504",
    severity: Severity::Error,
    summary: "image file not found",
    explanation: "\
A figure's image is read from the content folder, at the path written
between the parentheses, relative to the Markdown file that holds it.
No file is there.

    ![Organisation chart of the central Party organs](figures/central-organs.svg)

in `glossary/democratic-centralism.md` reads
`glossary/figures/central-organs.svg`. Put the file there, or correct the
path (`../figures/…` reaches a folder beside `glossary/`).
",
};

/// E0505: image outside the content folder.
pub const E0505: Code = Code {
    code: "E0505",
    severity: Severity::Error,
    summary: "image outside the content folder",
    explanation: "\
Every file an edition prints comes from the content folder, so that the
folder alone builds the same books anywhere. An image path that is
absolute (`/home/…`), climbs out of the folder (`../../…`), is a symbolic
link leading out of it, or is a web address (`https://…`, never
downloaded) is refused.

Copy the image into the content folder, for example into `figures/`, and
write its path relative to the Markdown file.
",
};

/// E0506: not an image of its format.
pub const E0506: Code = Code {
    code: "E0506",
    severity: Severity::Error,
    summary: "image file cannot be read as its format",
    explanation: "\
Figures are PNG, JPEG or SVG files, and the file's extension says which. The
file was decoded, and it is not what its extension says: it is damaged,
it was saved in another format and renamed, or its format is not one of the
three (GIF, WebP, TIFF, PDF).

An SVG is refused too when it holds a script, an event handler (`onclick`)
or a reference to another file (`<image href=\"photo.png\">`): e-readers
refuse active content, and an image must stand alone.

Export the image again as PNG (charts, screenshots), JPEG (photographs and
facsimiles) or SVG (diagrams drawn as vectors), with the matching extension.
",
};

/// E0507: image too large.
pub const E0507: Code = Code {
    code: "E0507",
    severity: Severity::Error,
    summary: "image too large",
    explanation: "\
An image file over 20 MB, or a raster image over 60 million pixels, is not
read: it would make the EPUB too heavy for e-readers and a single figure
does not need it. A page-wide figure printed at 300 ppi is under 1,500 by
2,000 pixels.

Scale the image down, or save a photograph as JPEG.
",
};

/// E0508: figure without alt text.
pub const E0508: Code = Code {
    code: "E0508",
    severity: Severity::Error,
    summary: "figure without alt text",
    explanation: "\
Readers who cannot see an image hear its alt text: the EPUB's `img alt`
and the tagged PDF's figure description. An accessible edition needs one
for every image that carries information.

    ![](figures/series.png)

Write what the image shows between the brackets, the information a
sighted reader takes from it, not its look:

    ![Bar chart: white papers issued each year, 2012–2021, rising from 4 to 12](figures/series.png)

An image that carries no information (an ornament) is marked
`{.decorative}` after it: it has no alt text, no number, and readers skip it.
",
};

/// E0509: malformed figure attribute.
pub const E0509: Code = Code {
    code: "E0509",
    severity: Severity::Error,
    summary: "malformed figure attribute",
    explanation: "\
The braces right after a figure's image hold its attributes, separated by
spaces:

    ![Alt text](figures/chart.png){#fig-chart width=60% .decorative}

`#fig-label` names the figure so that the text can refer to it
(`@fig-chart` prints \"figure 2\"); a label starts with `fig-`, is a slug,
and names one figure of its document or entry. `width=N%` prints the image
at N percent of the text's width (10% to 100%). `.decorative` marks an
image that carries no information. Anything else is a mistake.
",
};

/// E0510: unknown figure reference.
pub const E0510: Code = Code {
    code: "E0510",
    severity: Severity::Error,
    summary: "reference to an unknown figure",
    explanation: "\
`@fig-label` (or `[@fig-label]`) prints the number of the figure labelled
`{#fig-label}` in the same document or entry, as \"figure 2\". No figure
there has that label, or the reference shares its brackets with works
cited.

Correct the label, label the figure, or cite the works in brackets of
their own: `[@fig-chart] [@state-council-2016]`.
",
};

/// W0101: bibliography entry never cited nor listed.
pub const W0101: Code = Code {
    code: "W0101",
    severity: Severity::Warning,
    summary: "bibliography entry never cited nor listed",
    explanation: "\
This bibliography entry is never cited in a text (`[@key]` or `@key`), nor
listed in a glossary entry's `sources` or a translation's `source`. It may
be a work that was added and then forgotten, or one cited under a misspelt
key (which also gives E0401).

    # bibliography/party.yaml
    jiang-1999:
      type: book
      author: Jiang Zemin 江泽民

Cite the work where it belongs, list it in an entry's `sources` (e.g.
`sources: [jiang-1999]`), or delete it if it is not needed.
",
};

/// W0102: bibliography entry without a date.
pub const W0102: Code = Code {
    code: "W0102",
    severity: Severity::Warning,
    summary: "bibliography entry without a date",
    explanation: "\
Citations follow Chicago author-date, so the year is part of every citation,
as in (Naughton 2021), and of the reference list. This entry has no date, so
it would be cited as (Naughton n.d.).

    naughton-2021:
      type: book
      title: The Rise of China's Industrial Policy
      author: [\"Naughton, Barry\"]

Add the date: `date: 2021`, or a full date such as `2021-05-14` for a
document. In a `.bib` file, add `date = {2021}`. If the work really has no
known date, the warning can stay: \"n.d.\" is correct Chicago usage, but use
it sparingly.
",
};

/// W0103: bibliography entry without a title.
pub const W0103: Code = Code {
    code: "W0103",
    severity: Severity::Warning,
    summary: "bibliography entry without a title",
    explanation: "\
A work in the bibliography has no title (or an empty one). Its citations
still print the author and year, but the reference list can only give the
author and the date, which is not enough for a reader to find the work.

    doe-2020:
      type: book
      author: \"Doe, Jane\"
      date: 2020

Add `title:` (for a Chinese work, the romanized title, the characters and a
bracketed translation in one string).
",
};

/// W0104: a source lacks what its Chicago reference needs.
pub const W0104: Code = Code {
    code: "W0104",
    severity: Severity::Warning,
    summary: "a source lacks what its Chicago reference needs",
    explanation: "\
The reference list follows Chicago author-date (18th edition), and each kind
of source needs some details to print in full. This entry lacks one; the
message says which, and the help line names the field to add.

    jiang-1999:
      type: article
      title: \"Zai Quanguo Jishu Chuangxin Dahui Shang de Jianghua ...\"
      author: Jiang Zemin 江泽民
      date: 1999
      parent:
        type: web
        title: Reformdata.org

A web page needs its full date and its URL (`date: 1999-08-23`,
`url: https://...`); a newspaper report its full date; an article its
container (`parent:` with the journal, newspaper or website); an official
document its issuing body as author and its day of issue; a book or report
its publisher; a chapter the book it belongs to; a thesis its institution
(`organization:`, or `institution` in BibLaTeX); a speech the day it was
given.

Without the field the reference still prints, but a reader may not be able to
find the source.
",
};

/// W0105: a bibliography type with no Chicago form.
pub const W0105: Code = Code {
    code: "W0105",
    severity: Severity::Warning,
    summary: "a bibliography type with no Chicago form",
    explanation: "\
The entry's type (a BibLaTeX `@patent`, `@software`, `@dataset`, or a YAML
`artwork`, `video` ...) has no Chicago author-date form in ccp-press, so its
reference is printed in a generic form: author, year, title, publisher.

    @software{tool-2020,
      author = {Doe, Jane},
      title = {Segmenter},
      year = {2020}
    }

Give the entry a type Chicago describes: `book`, `chapter` (`@inbook`),
`article` with a `parent`, `report`, `thesis`, `web` (`@online`),
`legislation` for an official Party or State document, or `misc` with a
`genre` for a speech.
",
};

/// W0106: quotation marks in a title do not pair up.
pub const W0106: Code = Code {
    code: "W0106",
    severity: Severity::Warning,
    summary: "quotation marks in a title do not pair up",
    explanation: "\
A title (or its bracketed translation, or its container's title) opens a
quotation mark that it never closes, or closes one it never opened.

    title: 'Guanyu \"Gao Zhiliang Fazhan de Jingjixue Yanjiu'

The reference list sets a quoted title in double quotation marks and the
quotations inside it in single ones, so an unpaired mark shows as a stray
quote in print. Close the quotation where it ends.
",
};

/// W0107: a web source with no archived copy.
pub const W0107: Code = Code {
    code: "W0107",
    severity: Severity::Warning,
    summary: "a web source with no archived copy",
    explanation: "\
Chinese official sources often leave the web, or move, within a few years:
a reference list or a source note that gives only the live address will
point nowhere. Give the address of a copy in a web archive (the Wayback
Machine, archive.today) beside the live one.

In a translation's front matter:

    source_url: https://www.gov.cn/zhengce/2016-05/19/content_5074812.htm
    archived_url: https://web.archive.org/web/2016/https://www.gov.cn/…

In a bibliography entry (hayagriva YAML), the copy's address goes in
`archive-location`:

    url: https://www.gov.cn/zhengce/2016-05/19/content_5074812.htm
    archive-location: https://web.archive.org/web/2016/https://www.gov.cn/…
",
};

/// W0201: entry cross-references itself.
pub const W0201: Code = Code {
    code: "W0201",
    severity: Severity::Warning,
    summary: "entry cross-references itself",
    explanation: "\
A glossary entry cross-references itself, with `[[id]]` in its own text or
with its own id in `see_also`. In print this links to the page the reader is
already on, which looks like a mistake.

In `glossary/common-prosperity.md`:

    Xi called [[common-prosperity]] an essential requirement of socialism.
    see_also: [common-prosperity, dual-circulation]

Write the term as plain text in the body, and remove the entry's own id
from `see_also`.
",
};

/// W0202: pinyin does not spell the hanzi.
pub const W0202: Code = Code {
    code: "W0202",
    severity: Severity::Warning,
    summary: "pinyin does not spell the hanzi",
    explanation: "\
The `pinyin` of a glossary entry is compared with its `hanzi`, syllable by
syllable, against a dictionary. Every reading of a character with several
(such as 行 xíng or háng) is tried, and a syllable without tone mark counts
as neutral tone. No reading matches what is written here.

    hanzi: 共同富裕
    pinyin: Gōngtóng Fùyù

Here 共 is gòng, not gōng. Check the tone marks and look for missing or
extra syllables; the message gives the dictionary readings. This is only a
warning: if the reading is unusual but correct, leave it.
",
};

/// W0203: bracketed hanzi differ from the target's `hanzi`.
pub const W0203: Code = Code {
    code: "W0203",
    severity: Severity::Warning,
    summary: "bracketed hanzi differ from the target's `hanzi`",
    explanation: "\
When a cross-reference is followed by hanzi in square brackets, the
characters are compared with the target entry's `hanzi` (or `traditional`).
Here they differ, so the text or the entry has the wrong characters, or the
link points at the wrong entry.

    the goal of [[common-prosperity]] [共同富强] for all

where `glossary/common-prosperity.md` has `hanzi: 共同富裕`.

Correct the bracketed characters, link the entry the characters name, or
correct the entry's `hanzi`. If the text quotes a different wording on
purpose, move the Chinese away from the cross-reference.
",
};

/// W0204: no entry or document references this entry.
pub const W0204: Code = Code {
    code: "W0204",
    severity: Severity::Warning,
    summary: "no entry or document references this entry",
    explanation: "\
No document and no other glossary entry links to this entry, with
`[[id]]` in a text or in `see_also`. Readers find it only through the
glossary's A-Z order and the index, and a reader with `glossary: referenced`
leaves it out of the book.

For example, a new entry `glossary/whole-process-peoples-democracy.md` that
no text mentions yet.

Link it where the term is discussed, e.g.
`[[whole-process-peoples-democracy]]` in a translation, or add its id to the
`see_also` of a related entry. The warning can stay while the entry is a
draft.
",
};

/// W0205: two entries have the same hanzi.
pub const W0205: Code = Code {
    code: "W0205",
    severity: Severity::Warning,
    summary: "two entries have the same hanzi",
    explanation: "\
Two glossary entries have the same `hanzi`. A reader looking the characters
up in the index of Chinese terms cannot tell which English entry is meant,
and often one entry duplicates the other under another English term.

    # glossary/common-prosperity.md
    hanzi: 共同富裕
    # glossary/shared-prosperity.md
    hanzi: 共同富裕

Merge the entries: keep one, make the other English name an alias
(`aliases: [Shared prosperity]`), and update the cross-references to the
removed id. If the characters really have two senses, keep both entries and
explain the difference in each.
",
};

/// W0206: heading skips a level.
pub const W0206: Code = Code {
    code: "W0206",
    severity: Severity::Warning,
    summary: "heading skips a level",
    explanation: "\
Headings inside a document or entry go down one level at a time: a `###`
heading belongs under a `##` heading. Tagged PDF (PDF/UA) and screen readers
rely on that order. A heading that skips a level is printed one level below
the previous heading instead.

    ## The 2016 Outline
    #### The three steps

Write `###` for the second heading, or add the missing level between them.
(`#` and `##` both open a section directly below the title.)
",
};

/// W0207: entry listed twice in see_also.
pub const W0207: Code = Code {
    code: "W0207",
    severity: Severity::Warning,
    summary: "entry listed twice in see_also",
    explanation: "\
An entry's `see_also` list names the same entry more than once. It is
printed once.

    see_also: [mass-line, new-development-concept, mass-line]

Delete the repetition.
",
};

/// W0208: an index cross-reference leads nowhere.
pub const W0208: Code = Code {
    code: "W0208",
    severity: Severity::Warning,
    summary: "an index cross-reference leads nowhere",
    explanation: "\
An index mark refers the reader to another heading (`|see …` or
`|see also …`), but the index has no such heading: no glossary term, alias,
pinyin or heading of another `{{index: …}}` mark is written that way.

    {{index: Dual circulation|see New developent pattern}}

Correct the heading (here, `New Development Pattern`), or add a mark that
creates it. The comparison ignores case, accents and punctuation.
",
};

/// W0209: an index range is not closed.
pub const W0209: Code = Code {
    code: "W0209",
    severity: Severity::Warning,
    summary: "an index range is not closed",
    explanation: "\
A discussion that runs over several pages is indexed as a range: a mark
`{{index: heading|(}}` where it starts and `{{index: heading|)}}` where it
ends, in the same document or glossary entry, with the same heading (and
sub-heading). This mark opens a range that is never closed, or closes one
that was never opened, so it is printed as a single page.

    {{index: Reform and opening|(}} … {{index: Reform and opening|)}}
",
};

/// W0210: a glossary term rendered otherwise before its Chinese.
pub const W0210: Code = Code {
    code: "W0210",
    severity: Severity::Warning,
    summary: "a glossary term rendered otherwise before its Chinese",
    explanation: "\
The characters in brackets are a glossary entry's `hanzi` (or `traditional`),
but the English right before them is neither the entry's `term` nor one of its
`aliases` (case, plural and possessive endings aside). The glossary exists so
that every translator renders a Party term one way.

    … the goal of shared wealth [共同富裕] …

Write the term, best as a cross-reference: `[[common-prosperity]] [共同富裕]`
prints the glossary's rendering and links to the entry. If the rendering is
deliberate (a quoted translation, a historical usage), write `{{keep}}` right
after the brackets: `shared wealth [共同富裕]{{keep}}`. It prints nothing.
",
};

/// W0211: a rendering the glossary says to avoid.
pub const W0211: Code = Code {
    code: "W0211",
    severity: Severity::Warning,
    summary: "a rendering the glossary says to avoid",
    explanation: "\
A translation or essay uses a phrase that a glossary entry lists under
`avoid:`, e.g.

    # glossary/new-development-concept.md
    avoid: [new development philosophy]

Text inside quotation marks and block quotations is exempt (other people's
translations are quoted as they are). Write the entry's term, or mark a
deliberate use with `{{keep}}` right after the phrase.
",
};

/// W0212: one Chinese term rendered two ways.
pub const W0212: Code = Code {
    code: "W0212",
    severity: Severity::Warning,
    summary: "one Chinese term rendered two ways",
    explanation: "\
The same bracketed Chinese term, which no glossary entry covers, follows
different English renderings in different places:

    national innovation system [国家创新体系]     (3 times)
    state innovation framework [国家创新体系]     (here)

The less frequent renderings are reported, with the others and their places.
Use one rendering; if the term matters, add it to the glossary (`ccp-press
terms` lists such gaps); or mark a deliberate variant with `{{keep}}` after the
brackets.
",
};

/// W0213: an empty block in a parallel text.
pub const W0213: Code = Code {
    code: "W0213",
    severity: Severity::Warning,
    summary: "an empty block in a parallel text",
    explanation: "\
A block of a translation or of its Chinese original prints nothing (a
paragraph of an index mark alone, say), so one side of its segment is empty.
Give it its text, or delete it on both sides.
",
};

/// W0214: Chinese left untranslated in the English.
pub const W0214: Code = Code {
    code: "W0214",
    severity: Severity::Warning,
    summary: "Chinese left untranslated in the English",
    explanation: "\
An English segment of a parallel text holds a run of seven Chinese characters
or more outside square brackets: a passage was probably pasted and not
translated. Key terms may stay, in brackets after their English:
`Common Prosperity [共同富裕]`.
",
};

/// W0215: a glossary term of the Chinese missing from its English.
pub const W0215: Code = Code {
    code: "W0215",
    severity: Severity::Warning,
    summary: "a glossary term of the Chinese missing from its English",
    explanation: "\
The Chinese of a segment holds a glossary entry's `hanzi`, but the English of
the same segment has neither the entry's `term` nor any of its `aliases`
(case aside). Render the term as the glossary does, best as a
cross-reference: `[[common-prosperity]] [共同富裕]`.
",
};

/// W0216: numbers differ between the two sides of a segment.
pub const W0216: Code = Code {
    code: "W0216",
    severity: Severity::Warning,
    summary: "numbers differ between the two sides of a segment",
    explanation: "\
The numbers of a segment's Chinese (Arabic digits, and Chinese numerals:
二十大 is 20, 十四五 is 14 and 5) are not those of its English (digits and
number words: Twentieth, Fourteenth, Five-Year). A figure may have been
mistyped or dropped. The message lists what is only on each side; 1 is not
compared (一 is part of too many words).
",
};

/// W0217: a terminology check could not run.
pub const W0217: Code = Code {
    code: "W0217",
    severity: Severity::Warning,
    summary: "a terminology check could not run",
    explanation: "\
The terminology checks (W0210–W0212, W0215) search every text for all the
glossary's Chinese terms and all its renderings to avoid at once, with one
automaton. When the glossary's terms are too many or too long for it, the
automaton cannot be built, and those checks are skipped: this warning says so,
instead of a check that silently finds nothing.

It means some `hanzi`, `traditional` or `avoid` value is unusually long (a
pasted paragraph, say). Find it and shorten it to the term itself. If the
values are right, please report it.
",
};

/// W0218: entry is a draft.
pub const W0218: Code = Code {
    code: "W0218",
    severity: Severity::Warning,
    summary: "glossary entry is a draft",
    explanation: "\
An entry marked `draft: true` is still being written (`new entry` marks the
entries it writes so). No reader prints it, unless the reader asks for drafts
(`drafts: true` in its file, for proofs); a cross-reference to it prints its
words without a page reference.

    ---
    term: Common prosperity
    pinyin: Gòngtóng Fùyù
    hanzi: 共同富裕
    draft: true
    ---

When the entry is written and checked, delete the `draft: true` line.
",
};

/// W0219: entry has no text.
pub const W0219: Code = Code {
    code: "W0219",
    severity: Severity::Warning,
    summary: "glossary entry has no text",
    explanation: "\
The entry has a headword, pinyin and characters but nothing after its front
matter, so every edition would print a bare headword. Write the essay (what
the term means, where it comes from, how it is used, with citations and
cross-references), or mark the entry `draft: true` until it is written: drafts
are left out of the readers.
",
};

/// W0501: footnote defined but never referenced.
pub const W0501: Code = Code {
    code: "W0501",
    severity: Severity::Warning,
    summary: "footnote defined but never referenced",
    explanation: "\
A footnote is defined with `[^label]: text`, but no `[^label]` in the text
refers to it, so the note would never print. Usually the reference was
deleted while editing, or its label was changed.

    The plenum adopted the resolution.

    [^1]: Adopted on 11 November 2021.

Add the reference where the note belongs (`resolution.[^1]`), or delete the
definition if the note is no longer wanted.
",
};

/// W0502: footnote defined twice.
pub const W0502: Code = Code {
    code: "W0502",
    severity: Severity::Warning,
    summary: "footnote defined twice",
    explanation: "\
Two footnote definitions use the same label, so only one of them can be
printed: the later definition replaces the earlier one, whose text is lost.

    The first claim.[^1]

    [^1]: The source of the first claim.
    [^1]: The source of another claim.

Give each note a label of its own (`[^1]`, `[^2]`, or words such as
`[^plenum]`) and reference each where it belongs.
",
};

/// W0503: image left out.
pub const W0503: Code = Code {
    code: "W0503",
    severity: Severity::Warning,
    summary: "image inside running text left out",
    explanation: "\
An image prints as a figure only when it opens a paragraph of its own at the
top level of a text: not inside a sentence, a list, a quotation, a table or
a footnote. Elsewhere it is left out and its alt text is printed in its
place.

    The poster ![Poster of the campaign](poster.png) was everywhere.

Put the image at the start of a paragraph of its own, with its caption on
the lines after it, or remove the `!` to make it a link.
",
};

/// W0504: image resolution too low for print.
pub const W0504: Code = Code {
    code: "W0504",
    severity: Severity::Warning,
    summary: "image resolution too low for print",
    explanation: "\
A raster image (PNG, JPEG) prints well at 300 pixels per inch or more at its
printed size; below that, lines and lettering look soft or jagged. The
printed size is the figure's width in the text (the whole measure, 4.75 in,
unless `width=N%` says otherwise, and less for a tall image): an image 750
pixels wide printed 4.75 in wide has 158 ppi.

Export the image at a higher resolution, draw it as SVG, or print it
smaller (`width=50%`).
",
};

/// N0501: image file not used.
pub const N0501: Code = Code {
    code: "N0501",
    severity: Severity::Note,
    summary: "image file not used by any figure",
    explanation: "\
An image file in the content folder is not the image of any figure. It is
not printed. It may be a figure's image whose reference was deleted or
misspelt, or a leftover.

Refer to it from a figure, or delete it. A note never stops a build, even
with `--deny-warnings`.
",
};

/// W0601: reader without a date.
pub const W0601: Code = Code {
    code: "W0601",
    severity: Severity::Warning,
    summary: "reader without a date",
    explanation: "\
A reader is a publication, and its date appears in the colophon and in the
metadata of the PDF and the EPUB (PDF/A requires one). A reader file without
`date:` still builds, but the files are then dated by the environment
variable SOURCE_DATE_EPOCH when it is set, and January 1, 2000 otherwise.

    title: Reading the Party's Vocabulary
    documents: [essays/introduction]

Add the date of the edition: `date: 2026-09-01`.
",
};

/// W0602: a reader's ISBN is not valid.
pub const W0602: Code = Code {
    code: "W0602",
    severity: Severity::Warning,
    summary: "a reader's ISBN is not valid",
    explanation: "\
The `isbn` of a reader file, printed on the copyright page, has the wrong
length or a wrong check digit, so it is probably mistyped.

    # readers/seminar.yaml
    isbn: 978-0-226-10420-2

An ISBN-13 has 13 digits, the last a check digit; an ISBN-10 has 10, the last
may be X. Hyphens and spaces may be written between the groups. Copy the number
from the publisher's record (`978-0-226-10420-1`), or leave the field out.
",
};

/// W0901: typst warning in generated code.
pub const W0901: Code = Code {
    code: "W0901",
    severity: Severity::Warning,
    summary: "typst warning in generated code",
    explanation: "\
Typst, the typesetting library behind the PDF (and the EPUB's cover and
page numbers), warned while compiling the generated markup. The book was
made, but something in it may look wrong, such as a missing font style.

As with E0901, content text never reaches typst as code, so the cause is
ccp-press or a layout override in `content/layouts/`. Look at the pages the
message points to. If you have overrides, build without them to see whether
the warning goes away; otherwise please report it with the full message,
the command and the reader. `ccp-press pdf --emit-typst DIR` writes the
generated sources for the report.
",
};

/// W0902: page numbers did not settle between layout rounds.
pub const W0902: Code = Code {
    code: "W0902",
    severity: Severity::Warning,
    summary: "page numbers did not settle between layout rounds",
    explanation: "\
The PDF is laid out in rounds: each prints its page references, index
locators, contents and running heads from the page map of the round before,
until the map no longer changes (from a stored map in `.ccp-cache/`, one round
usually confirms it). This warning means some place still changed page after
five rounds: typically a page reference that, printed, pushes its own line to
the next page, where the reference is no longer needed, and back.

The book was written, but some page references or index locators may be off by
one page. Rewording the sentence around the cross-reference usually ends it. If
it does not, it is a bug in ccp-press or in a layout override in
`content/layouts/`: please report it with the reader and, if you can, the
output of `pdf --emit-typst DIR`.
",
};

/// Every code, sorted.
pub static CODES: &[Code] = &[
    E0100, E0101, E0102, E0103, E0104, E0105, E0107, E0201, E0202, E0203, E0204, E0205,
    E0206, E0207, E0208, E0209, E0210, E0211, E0212, E0301, E0302, E0303, E0304, E0305,
    E0306, E0401, E0402, E0403, E0404, E0405, E0501, E0502, E0503, E0504, E0505, E0506,
    E0507, E0508, E0509, E0510, E0601, E0602, E0603, E0604, E0605, E0701, E0801, E0901,
    E0902, E0903, E0904, E0905, N0501, W0101, W0102, W0103, W0104, W0105, W0106, W0107,
    W0201, W0202, W0203, W0204, W0205, W0206, W0207, W0208, W0209, W0210, W0211, W0212,
    W0213, W0214, W0215, W0216, W0217, W0218, W0219, W0501, W0502, W0503, W0504, W0601,
    W0602, W0901, W0902,
];

/// The code `code` (case-insensitive), if it exists.
pub fn lookup(code: &str) -> Option<&'static Code> {
    let code = code.trim();
    CODES.iter().find(|c| c.code.eq_ignore_ascii_case(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sorted_unique_and_well_formed() {
        for pair in CODES.windows(2) {
            assert!(
                pair[0].code < pair[1].code,
                "{} must come before {}",
                pair[0].code,
                pair[1].code
            );
        }
        for c in CODES {
            let code = c.code;
            let letter = match c.severity {
                Severity::Error => 'E',
                Severity::Warning => 'W',
                Severity::Note => 'N',
            };
            assert!(code.starts_with(letter), "{code}: wrong letter");
            assert_eq!(code.len(), 5, "{code}: not a letter and 4 digits");
            assert!(code[1..].bytes().all(|b| b.is_ascii_digit()), "{code}");
            assert!(!c.summary.trim().is_empty(), "{code}: no summary");
            assert!(!c.explanation.trim().is_empty(), "{code}: no explanation");
            assert!(c.explanation.ends_with('\n'), "{code}: no final newline");
        }
    }

    #[test]
    fn lookup_ignores_case() {
        assert_eq!(lookup("e0301").map(|c| c.code), Some("E0301"));
        assert_eq!(lookup("W0202").map(|c| c.severity), Some(Severity::Warning));
        assert!(lookup("E9999").is_none());
        assert!(lookup("").is_none());
    }
}
