//! Tests of the typst markup writer.

use proptest::prelude::*;
use typst::syntax::{SyntaxKind, SyntaxNode, parse};

use super::*;

/// Every leaf of a typst syntax tree.
fn leaves(node: &SyntaxNode, out: &mut Vec<(SyntaxKind, String)>) {
    if node.children().len() == 0 {
        out.push((node.kind(), node.leaf_text().to_string()));
    }
    for c in node.children() {
        leaves(c, out);
    }
}

/// Parses markup and returns the string literals' values and every other leaf kind.
fn inspect(markup: &str) -> (Vec<String>, Vec<SyntaxKind>) {
    let root = parse(markup);
    assert!(
        !root.diagnosis().errors,
        "generated markup does not parse: {markup}"
    );
    let mut ls = Vec::new();
    leaves(&root, &mut ls);
    let strs = ls
        .iter()
        .filter(|(k, _)| *k == SyntaxKind::Str)
        .map(|(_, t)| t.clone())
        .collect();
    let kinds = ls.iter().map(|(k, _)| *k).collect();
    (strs, kinds)
}

// Checks the escapes of a string literal.
#[test]
fn string_literals_escape_quotes_and_backslashes() {
    assert_eq!(str_lit(r#"a "b" \c"#), r#""a \"b\" \\c""#);
    assert_eq!(str_lit("x\ny\u{1}"), "\"x\\ny\\u{1}\"");
}

// Checks that hanzi go through `zh` and the rest through plain strings.
#[test]
fn text_tags_chinese() {
    let mut o = String::new();
    text(&mut o, "the concept [新发展理念]");
    assert_eq!(o, r#"#"the concept ";#box[#"[";#zh("新发展理念");#"]";];"#);
    let mut o = String::new();
    text(&mut o, "Deng Xiaoping said 跟跑、并跑、领跑");
    assert_eq!(
        o,
        r#"#"Deng ";#roman("Xiaoping");#" said ";#box[#zh("跟跑、");];#box[#zh("并跑、");];#box[#zh("领跑");];"#
    );
}

// Checks where a web address may break: after `//`, before other punctuation.
#[test]
fn url_break_points() {
    assert_eq!(
        url_pieces("https://www.gov.cn/a_b/c-d.htm"),
        [
            "https://", "www", ".gov", ".cn", "/a", "_b", "/c", "-d", ".htm"
        ]
    );
    assert_eq!(
        url_markup("https://x.cn"),
        "#url[#box[#\"https://\"]#box[#\"x\"]#box[#\".cn\"]]"
    );
    assert_eq!(running_title("Short"), "Short");
    assert_eq!(
        running_title(
            "Outline of the National Innovation-Driven Development Strategy (Excerpt)"
        ),
        "Outline of the National Innovation-Driven…"
    );
}

// Checks that typst syntax in content is never code: only strings, hashes,
// identifiers `zh`, parentheses and semicolons appear in the parse.
#[test]
fn typst_syntax_stays_text() {
    let evil = r#"#read("/etc/passwd") $x^2$ *bold* _it_ @label <label> // comment /* c */ = Heading \ ]"#;
    let mut o = String::new();
    text(&mut o, evil);
    let (strs, kinds) = inspect(&o);
    assert!(
        kinds.iter().all(|k| matches!(
            k,
            SyntaxKind::Hash
                | SyntaxKind::Str
                | SyntaxKind::Semicolon
                | SyntaxKind::Ident
                | SyntaxKind::LeftParen
                | SyntaxKind::RightParen
        )),
        "{kinds:?}"
    );
    let joined: String = strs.iter().map(|s| unescape(s)).collect();
    assert_eq!(joined, evil);
}

proptest! {
    // Checks, for arbitrary strings, that text becomes only string literals (and
    // `zh(...)` calls) whose values, put together, are the input.
    #[test]
    fn arbitrary_text_is_literal(s in any::<String>()) {
        let mut o = String::new();
        text(&mut o, &s);
        let root = parse(&o);
        prop_assert!(!root.diagnosis().errors);
        let mut ls = Vec::new();
        leaves(&root, &mut ls);
        for (k, t) in &ls {
            let ok = matches!(k, SyntaxKind::Hash | SyntaxKind::Str | SyntaxKind::Semicolon
                | SyntaxKind::LeftParen | SyntaxKind::RightParen
                | SyntaxKind::LeftBracket | SyntaxKind::RightBracket)
                || (*k == SyntaxKind::Ident && ["zh", "box", "roman"].contains(&t.as_str()))
                || (*k == SyntaxKind::Markup && t.is_empty());
            prop_assert!(ok, "unexpected {:?} {:?} in {}", k, t, o);
        }
        let mut joined = String::new();
        for (k, t) in &ls {
            if *k == SyntaxKind::Str {
                joined.push_str(&unescape(t));
            }
        }
        prop_assert_eq!(joined, s);
    }
}

/// Undoes [`str_lit`] (for the property test).
fn unescape(lit: &str) -> String {
    let inner = &lit[1..lit.len() - 1];
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('u') => {
                let hex: String =
                    chars.by_ref().skip(1).take_while(|c| *c != '}').collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
            }
            Some(o) => out.push(o),
            None => {}
        }
    }
    out
}

// Checks that a long Chinese term is cut into pieces of up to six characters,
// of about equal length, that put together give the term back.
#[test]
fn long_terms_are_cut_into_even_pieces() {
    assert_eq!(pieces("引领发展的第一动力"), ["引领发展的", "第一动力"]);
    assert_eq!(pieces("共同富裕"), ["共同富裕"]);
    assert_eq!(
        pieces("一二三四五六七八九十一二三"),
        ["一二三四五", "六七八九十", "一二三"]
    );
    for t in [
        "",
        "中",
        "中华民族伟大复兴的中国梦",
        "全面建设社会主义现代化国家",
    ] {
        let p = pieces(t);
        assert_eq!(p.concat(), t);
        assert!(p.iter().all(|x| x.chars().count() <= KEEP_HAN));
    }
}
