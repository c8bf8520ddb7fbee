//! A work of the bibliography as the citation style sees it: the kind of source,
//! names parsed once (person or organisation, Chinese or Western order), titles
//! split into their romanised, Chinese and translated parts, and the details a
//! Chicago author-date reference prints.
//!
//! The loader builds a [`Work`] from what hayagriva reads in a YAML or BibLaTeX
//! file (`load::work`); `cite` formats it; `check::sources` lints it.

/// What kind of source a work is; it decides the reference-list form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A book, translated book, edited volume or multivolume work.
    Book,
    /// A chapter or other part of a book (a speech in *Selected Works*).
    Chapter,
    /// An article in a journal or magazine.
    Journal,
    /// A newspaper or news-agency report.
    News,
    /// A web page, or an article on a website.
    Web,
    /// A report, white paper or working paper, often in a numbered series.
    Report,
    /// An official Party or State document (issuing body as author, document number).
    Document,
    /// A thesis or dissertation.
    Thesis,
    /// A speech, lecture or other event.
    Speech,
    /// A type with no Chicago form of its own (patent, artwork, dataset …).
    Other,
}

impl Kind {
    /// The word an editor would use for the kind ("web page", "official document").
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Book => "book",
            Kind::Chapter => "chapter",
            Kind::Journal => "journal article",
            Kind::News => "news report",
            Kind::Web => "web page",
            Kind::Report => "report",
            Kind::Document => "official document",
            Kind::Thesis => "thesis",
            Kind::Speech => "speech",
            Kind::Other => "source",
        }
    }
}

/// A person or an organisation named as author, editor or translator.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Name {
    /// A person.
    Person(Person),
    /// An organisation ("State Council 国务院"): printed, cited and sorted whole.
    Organization {
        /// The name in Latin script.
        name: String,
        /// The name in characters, if given.
        hanzi: Option<String>,
    },
}

/// A personal name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Person {
    /// Family name, with its particles ("de Gaulle").
    pub family: String,
    /// Given names.
    pub given: Option<String>,
    /// "Jr.", "III".
    pub suffix: Option<String>,
    /// The name in characters ("习近平").
    pub hanzi: Option<String>,
    /// Whether the name is written family name first (Chinese order, no comma).
    pub chinese_order: bool,
}

impl Name {
    /// The name as the reference list begins it: "Economy, Elizabeth C.",
    /// "Xi Jinping 习近平", "State Council 国务院".
    pub fn inverted(&self) -> String {
        match self {
            Name::Organization { name, hanzi } => with_hanzi(name, hanzi.as_deref()),
            Name::Person(p) if p.chinese_order => p.chinese(),
            Name::Person(p) => {
                let mut s = p.family.clone();
                if let Some(g) = &p.given {
                    s.push_str(", ");
                    s.push_str(g);
                }
                if let Some(x) = &p.suffix {
                    s.push_str(", ");
                    s.push_str(x);
                }
                with_hanzi(&s, p.hanzi.as_deref())
            }
        }
    }

    /// The name in reading order: "Elizabeth C. Economy", "Xi Jinping 习近平".
    pub fn direct(&self) -> String {
        match self {
            Name::Organization { name, hanzi } => with_hanzi(name, hanzi.as_deref()),
            Name::Person(p) if p.chinese_order => p.chinese(),
            Name::Person(p) => {
                let mut s = p.given.clone().map(|g| g + " ").unwrap_or_default();
                s.push_str(&p.family);
                if let Some(x) = &p.suffix {
                    s.push_str(", ");
                    s.push_str(x);
                }
                with_hanzi(&s, p.hanzi.as_deref())
            }
        }
    }

    /// The name a citation prints: the family name, or the organisation.
    pub fn short(&self) -> &str {
        match self {
            Name::Organization { name, .. } => name,
            Name::Person(p) => &p.family,
        }
    }

    /// A key that sorts names as a reference list does (family, then given).
    pub fn sort_key(&self) -> String {
        match self {
            Name::Organization { name, .. } => super::chars::sort_key(name),
            Name::Person(p) => super::chars::sort_key(&format!(
                "{} {}",
                p.family,
                p.given.as_deref().unwrap_or_default()
            )),
        }
    }
}

impl Person {
    /// "Xi Jinping 习近平".
    fn chinese(&self) -> String {
        let mut s = self.family.clone();
        if let Some(g) = &self.given {
            s.push(' ');
            s.push_str(g);
        }
        with_hanzi(&s, self.hanzi.as_deref())
    }

    /// Who the person is, whatever the script: family and given names in Latin
    /// script ("Xi Jinping 习近平" and "Xi Jinping" are one person).
    pub fn identity(&self) -> (String, String) {
        (
            super::chars::sort_key(&self.family),
            super::chars::sort_key(self.given.as_deref().unwrap_or_default()),
        )
    }
}

fn with_hanzi(name: &str, hanzi: Option<&str>) -> String {
    match hanzi {
        Some(h) if name.is_empty() => h.to_string(),
        Some(h) => format!("{name} {h}"),
        None => name.to_string(),
    }
}

/// A title: "Zhongguo Meng 中国梦 [The Chinese dream]" is read as its three parts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Title {
    /// The title in Latin script (romanised, or English), as written.
    pub roman: String,
    /// The title in characters.
    pub hanzi: Option<String>,
    /// A translation, written in square brackets after the title.
    pub translation: Option<String>,
}

/// A calendar date; month and day are counted from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: Option<u8>,
    /// Day of the month, 1–31.
    pub day: Option<u8>,
}

/// What holds a work: a book, journal, newspaper or website.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Container {
    /// What kind of container it is.
    pub kind: ContainerKind,
    /// Its title.
    pub title: Title,
    /// Editors of a book.
    pub editors: Vec<Name>,
    /// Its date (a book's year of publication).
    pub date: Option<Date>,
}

/// The kinds of container, which decide how its title is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContainerKind {
    /// A book or collected works: *italic*, "In …".
    Book,
    /// A journal, magazine or gazette: *italic*, volume (issue): pages.
    Journal,
    /// A newspaper or news agency's paper: *italic*, with the date.
    Newspaper,
    /// A website: roman, with the date.
    Website,
}

/// One work of the bibliography.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Work {
    /// The kind of source.
    pub kind: Kind,
    /// Authors (or the issuing body of a document).
    pub authors: Vec<Name>,
    /// Editors of the work itself (an edited volume).
    pub editors: Vec<Name>,
    /// Translators.
    pub translators: Vec<Name>,
    /// Title.
    pub title: Option<Title>,
    /// Date of publication.
    pub date: Option<Date>,
    /// Date of first publication or delivery, for a work reprinted later
    /// (a 1943 text in a 1991 *Selected Works*).
    pub original: Option<Date>,
    /// What holds the work.
    pub container: Option<Container>,
    /// The series of a report or book ("NBR Special Report").
    pub series: Option<String>,
    /// Report number or document number ("83", "国发〔2005〕44号"), as written.
    pub number: Option<String>,
    /// Volume.
    pub volume: Option<String>,
    /// Issue.
    pub issue: Option<String>,
    /// Pages, as written ("140-153").
    pub pages: Option<String>,
    /// Edition ("2", "Revised edition").
    pub edition: Option<String>,
    /// Publisher, or the institution of a report or thesis.
    pub publisher: Option<String>,
    /// Kind of thesis, report or speech ("PhD diss.", "Speech at …").
    pub genre: Option<String>,
    /// Where a speech was given.
    pub place: Option<String>,
    /// Web address.
    pub url: Option<String>,
    /// The address of a copy in a web archive (`archive-location`).
    pub archived: Option<String>,
    /// DOI.
    pub doi: Option<String>,
    /// When a web page was consulted.
    pub accessed: Option<Date>,
    /// A note printed at the end of the reference.
    pub note: Option<String>,
    /// Whether the titles are English, and so set in headline style.
    pub english: bool,
    /// The entry type as the file writes it (`article`, `@patent`), for messages.
    pub written_type: String,
}

impl Work {
    /// An empty work of `kind`.
    pub fn new(kind: Kind) -> Self {
        Work {
            kind,
            authors: Vec::new(),
            editors: Vec::new(),
            translators: Vec::new(),
            title: None,
            date: None,
            original: None,
            container: None,
            series: None,
            number: None,
            volume: None,
            issue: None,
            pages: None,
            edition: None,
            publisher: None,
            genre: None,
            place: None,
            url: None,
            archived: None,
            doi: None,
            accessed: None,
            note: None,
            english: true,
            written_type: String::new(),
        }
    }
}
