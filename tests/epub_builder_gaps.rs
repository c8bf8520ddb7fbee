//! The measured reasons why the EPUB packaging is ours and not epub-builder's
//! (README, design notes). If epub-builder closes these gaps, these tests fail and
//! the decision should be revisited.

use std::io::Read;

use epub_builder::{EpubBuilder, EpubContent, EpubVersion, ReferenceType, ZipLibrary};

fn build() -> Vec<u8> {
    let mut b = EpubBuilder::new(ZipLibrary::new().unwrap()).unwrap();
    b.epub_version(EpubVersion::V30);
    b.metadata("title", "Gaps").unwrap();
    b.metadata("author", "Editor").unwrap();
    b.metadata("lang", "en").unwrap();
    let page = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>One</title></head><body><p>One</p></body></html>";
    b.add_content(
        EpubContent::new("one.xhtml", page.as_bytes())
            .title("One")
            .reftype(ReferenceType::Text),
    )
    .unwrap();
    let mut out = Vec::new();
    b.generate(&mut out).unwrap();
    out
}

fn file(epub: &[u8], name: &str) -> Option<(String, zip::DateTime)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(epub)).unwrap();
    let mut f = z.by_name(name).ok()?;
    let mut s = String::new();
    f.read_to_string(&mut s).unwrap();
    Some((s, f.last_modified().unwrap_or_default()))
}

// Checks that epub-builder stamps zip entries with the current time, not one we set.
#[test]
fn zip_entries_carry_the_build_time() {
    let now = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64
    };
    let before = now();
    let epub = build();
    let after = now();
    let (_, mtime) = file(&epub, "OEBPS/content.opf").expect("content.opf");
    let stamped = ccp_press::model::Stamp {
        year: i32::from(mtime.year()),
        month: mtime.month(),
        day: mtime.day(),
        hour: mtime.hour(),
        minute: mtime.minute(),
        second: mtime.second(),
    }
    .unix();
    // Zip times are local times: within a day of the build, whatever the
    // time zone (and whatever the day of the month the test runs on).
    assert!(
        (before - 86_400..=after + 86_400).contains(&stamped),
        "entry stamped {stamped}, build between {before} and {after}"
    );
}

// Checks that epub-builder always writes an NCX and has no page list in its nav.
#[test]
fn ncx_always_and_no_page_list() {
    let epub = build();
    assert!(file(&epub, "OEBPS/toc.ncx").is_some());
    let (nav, _) = file(&epub, "OEBPS/nav.xhtml").expect("nav");
    assert!(!nav.contains("page-list"));
}

// Checks the duplicate id epubcheck reports when a book has a language and an author.
#[test]
fn language_and_creator_share_an_id() {
    let epub = build();
    let (opf, _) = file(&epub, "OEBPS/content.opf").unwrap();
    assert!(opf.matches("id=\"epub-creator-0\"").count() >= 2, "{opf}");
}
