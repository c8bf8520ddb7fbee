//! The book's fixed words: every word an edition prints that is not content
//! (labels, part titles, "See also", "Edited by", the months of Chicago's
//! dates). One table, so that an edition in another language is one more
//! table, and no writer spells a word of its own.

/// The fixed words of one language.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Words {
    /// The language of the table (BCP 47).
    pub lang: &'static str,
    /// Index: a reference instead of locators.
    pub see: &'static str,
    /// Index and glossary entries: related headings or entries.
    pub see_also: &'static str,
    /// A glossary entry's works.
    pub sources: &'static str,
    /// A glossary entry's backlinks.
    pub mentioned_in: &'static str,
    /// Index locator of a term's glossary entry, when there are no page numbers.
    pub entry: &'static str,
    /// A passage of the original with no translation (parallel text).
    pub not_translated: &'static str,
    /// Before the editors, on the title page and in the colophon.
    pub edited_by: &'static str,
    /// Between the last two names of a list.
    pub and: &'static str,
    /// The EPUB cover's alternative text, before the title.
    pub cover_of: &'static str,
    /// Before a translator, in a document's byline.
    pub translated_by: &'static str,
    /// Before a document's editors, after its translators.
    pub and_edited_by: &'static str,
    /// Before the authors of a document's introduction, in its credits.
    pub introduction_by: &'static str,
    /// Opens a translation's source note.
    pub source: &'static str,
    /// Before a document number (文号) in a source note.
    pub document_no: &'static str,
    /// Before the date a web source was consulted.
    pub accessed: &'static str,
    /// Before the address of an archived copy.
    pub archived_at: &'static str,
    /// Before the date of a translation, in its source note.
    pub translated: &'static str,
    /// Before the date of a revision, in a source note.
    pub revised: &'static str,
    /// Before the publisher, in the colophon.
    pub published_by: &'static str,
    /// Before the ISBN, in the colophon.
    pub isbn: &'static str,
    /// The colophon's note on type and citation style.
    pub set_in: &'static str,
    /// The colophon's note on how the book was made.
    pub produced_with: &'static str,
    /// The contents.
    pub contents: &'static str,
    /// The EPUB's title page, in its navigation.
    pub title_page: &'static str,
    /// The EPUB's cover, in its landmarks.
    pub cover: &'static str,
    /// The EPUB's first page of text, in its landmarks.
    pub start_of_content: &'static str,
    /// The heading of the EPUB's landmarks.
    pub landmarks: &'static str,
    /// The heading of the EPUB's list of print pages.
    pub pages: &'static str,
    /// The label of a document's notes in the EPUB.
    pub notes: &'static str,
    /// The EPUB's page-list source: the print edition, then its paper.
    pub print_edition: &'static str,
    /// After the paper's name.
    pub paper: &'static str,
    /// The paper sizes.
    pub us_letter: &'static str,
    /// ISO A4.
    pub a4: &'static str,
    /// The parts: documents, glossary, reference list, indexes.
    pub documents: &'static str,
    /// The glossary part.
    pub glossary: &'static str,
    /// The reference list.
    pub bibliography: &'static str,
    /// The indexes' part.
    pub index: &'static str,
    /// The index of terms, names and pinyin.
    pub general_index: &'static str,
    /// The index of Chinese terms.
    pub chinese_index: &'static str,
    /// Before a figure's number, in its caption.
    pub figure: &'static str,
    /// A reference to one figure in the text ("figure 2").
    pub figure_in_text: &'static str,
    /// A reference to several ("figures 1 and 3").
    pub figures_in_text: &'static str,
    /// The list of figures.
    pub list_of_figures: &'static str,
    /// The months, January first.
    pub months: [&'static str; 12],
}

/// The English table.
pub const ENGLISH: Words = Words {
    lang: "en",
    see: "See",
    see_also: "See also",
    sources: "Sources",
    mentioned_in: "Mentioned in",
    entry: "entry",
    not_translated: "[Not translated.]",
    edited_by: "Edited by",
    and: "and",
    cover_of: "Cover:",
    translated_by: "Translated by",
    and_edited_by: "edited by",
    introduction_by: "introduction by",
    source: "Source:",
    document_no: "document no.",
    accessed: "accessed",
    archived_at: "archived at",
    translated: "Translated",
    revised: "revised",
    published_by: "Published by",
    isbn: "ISBN",
    set_in: "Set in Libertinus Serif and Noto Serif CJK SC. Citations follow the Chicago \
             Manual of Style, 18th edition, author-date system.",
    produced_with: "Produced with ccp-press; the print edition is typeset with typst.",
    contents: "Contents",
    title_page: "Title page",
    cover: "Cover",
    start_of_content: "Start of content",
    landmarks: "Landmarks",
    pages: "Pages",
    notes: "Notes",
    print_edition: "print edition",
    paper: "paper",
    us_letter: "US letter",
    a4: "A4",
    documents: "Documents",
    glossary: "Glossary",
    bibliography: "Bibliography",
    index: "Index",
    general_index: "General index",
    chinese_index: "Chinese terms",
    figure: "Figure",
    figure_in_text: "figure",
    figures_in_text: "figures",
    list_of_figures: "Figures",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
};

impl std::fmt::Debug for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Words({})", self.lang)
    }
}

impl Words {
    /// The words the typst layouts print, as a typst dictionary
    /// (`/words.typ`, imported by `layouts/book.typ`).
    pub fn layout_words(&self) -> [(&'static str, &'static str); 5] {
        [
            ("figures", self.list_of_figures),
            ("edited-by", self.edited_by),
            ("conjunction", self.and),
            ("contents", self.contents),
            ("not-translated", self.not_translated),
        ]
    }
}
