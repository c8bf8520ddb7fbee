//! Parallel texts: a document and its Chinese original aligned block by block.
//!
//! Blocks pair in order. `{{join}}` at the start of a block puts it in the
//! segment of the block before it (one English paragraph for two Chinese ones, or
//! the reverse); `{{omit}}` makes a block a segment of its own with nothing on the
//! other side (a passage deliberately left untranslated).

use super::text::{Block, Body, Inline, SegmentMark};

/// One aligned segment: blocks of the English body and of the Chinese original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Indexes of English blocks (empty for an omitted Chinese passage).
    pub en: Vec<usize>,
    /// Indexes of Chinese blocks (empty for an English passage with no original).
    pub zh: Vec<usize>,
}

/// Where two texts part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misalignment {
    /// The English block where they part (none: the English has ended).
    pub en: Option<usize>,
    /// The Chinese block where they part (none: the Chinese has ended).
    pub zh: Option<usize>,
    /// What differs.
    pub reason: String,
}

/// The segments of one side: groups of block indexes, and whether omitted.
fn groups(body: &Body) -> Vec<(Vec<usize>, bool)> {
    let mut out: Vec<(Vec<usize>, bool)> = Vec::new();
    for i in 0..body.blocks.len() {
        match body.pairing.get(i).copied().flatten() {
            Some(SegmentMark::Join) if !out.is_empty() => {
                if let Some(last) = out.last_mut() {
                    last.0.push(i);
                }
            }
            Some(SegmentMark::Omit) => out.push((vec![i], true)),
            _ => out.push((vec![i], false)),
        }
    }
    out
}

/// Splits each top-level numbered list of a parallel text into numbered
/// paragraphs, one block per item (`2. …` then `3. …`), each at its item's
/// place, so that each pairs with its numbered original (`（二）`, `三、`)
/// whether the list is tight or loose. The list's mark goes to its first item;
/// the items after an omitted list stay in its segment.
pub fn split_numbered(body: &mut Body) {
    let blocks = std::mem::take(&mut body.blocks);
    let mut out = Body {
        blocks: Vec::new(),
        spans: Vec::new(),
        pairing: Vec::new(),
        item_spans: Vec::new(),
        notes: std::mem::take(&mut body.notes),
    };
    for (i, b) in blocks.into_iter().enumerate() {
        let span = body.spans.get(i).copied();
        let pairing = body.pairing.get(i).copied().flatten();
        let items = body.item_spans.get(i).cloned().unwrap_or_default();
        match b {
            Block::List {
                ordered: true,
                start,
                items: list,
            } if list.len() > 1 => {
                for (k, item) in list.into_iter().enumerate() {
                    out.blocks.push(Block::List {
                        ordered: true,
                        start: start + k,
                        items: vec![item],
                    });
                    out.spans.extend(items.get(k).copied().or(span));
                    out.pairing.push(match (k, pairing) {
                        (0, p) => p,
                        (_, Some(SegmentMark::Omit)) => Some(SegmentMark::Join),
                        _ => None,
                    });
                    out.item_spans
                        .push(items.get(k).copied().into_iter().collect());
                }
            }
            b => {
                out.blocks.push(b);
                out.spans.extend(span);
                out.pairing.push(pairing);
                out.item_spans.push(items);
            }
        }
    }
    *body = out;
}

/// The alignment mark a block begins with.
pub fn mark(b: &Block) -> Option<SegmentMark> {
    let first = |xs: &[Inline]| {
        xs.iter().find_map(|x| match x {
            Inline::Segment(m) => Some(Some(*m)),
            Inline::Text(t) if t.trim().is_empty() => None,
            Inline::SoftBreak => None,
            _ => Some(None),
        })
    };
    match b {
        Block::Para(c) | Block::Heading { content: c, .. } => first(c).flatten(),
        Block::Quote(bs) => bs.first().and_then(mark),
        Block::List { items, .. } => items.first().and_then(|i| i.first()).and_then(mark),
        _ => None,
    }
}

/// A word for a block's kind, in messages.
pub fn kind(b: &Block) -> &'static str {
    match b {
        Block::Para(_) => "paragraph",
        Block::Heading { .. } => "heading",
        Block::Quote(_) => "block quotation",
        Block::List { .. } => "list",
        Block::Table { .. } => "table",
        Block::Code(_) => "code block",
        Block::Rule => "rule",
        Block::Figure(_) => "figure",
    }
}

/// Aligns the English `en` with its Chinese original `zh`, or says where they part.
pub fn align(en: &Body, zh: &Body) -> Result<Vec<Segment>, Misalignment> {
    let en_groups = groups(en);
    let mut en_iter = en_groups.into_iter().peekable();
    let mut out = Vec::new();
    for (zh_blocks, omitted) in groups(zh) {
        if omitted {
            out.push(Segment {
                en: Vec::new(),
                zh: zh_blocks,
            });
            continue;
        }
        while let Some((e, _)) = en_iter.next_if(|(_, o)| *o) {
            out.push(Segment {
                en: e,
                zh: Vec::new(),
            });
        }
        let Some((e, _)) = en_iter.next() else {
            return Err(Misalignment {
                en: None,
                zh: zh_blocks.first().copied(),
                reason: "the English has ended; the Chinese goes on".into(),
            });
        };
        let (a, b) = (&en.blocks[e[0]], &zh.blocks[zh_blocks[0]]);
        if !same_kind(a, b) {
            return Err(Misalignment {
                en: Some(e[0]),
                zh: Some(zh_blocks[0]),
                reason: format!("a {} in English, a {} in Chinese", kind(a), kind(b)),
            });
        }
        out.push(Segment {
            en: e,
            zh: zh_blocks,
        });
    }
    for (e, omitted) in en_iter {
        if !omitted {
            return Err(Misalignment {
                en: e.first().copied(),
                zh: None,
                reason: "the Chinese has ended; the English goes on".into(),
            });
        }
        out.push(Segment {
            en: e,
            zh: Vec::new(),
        });
    }
    Ok(out)
}

/// Whether blocks `a` and `b` can pair: of one kind (headings of one level), or
/// a numbered paragraph (`2. …`, a one-item numbered list) beside a paragraph
/// that begins with its number (`2．`, `一、`, `（一）`, `(1)`).
fn same_kind(a: &Block, b: &Block) -> bool {
    let numbered = |x: &Block, y: &Block| {
        matches!(x, Block::List { ordered: true, items, .. } if items.len() == 1)
            && matches!(y, Block::Para(c) if begins_numbered(c))
    };
    kind(a) == kind(b) && heading_level(a) == heading_level(b)
        || numbered(a, b)
        || numbered(b, a)
}

/// Whether a paragraph begins with an item number: digits (full-width or not)
/// or Chinese numerals followed by `.`, `．` or `、`, or one of them in
/// parentheses (`（一）`, `(1)`).
fn begins_numbered(c: &[Inline]) -> bool {
    let Some(Inline::Text(t)) = c.iter().find(|x| match x {
        Inline::Text(t) => !t.trim().is_empty(),
        Inline::Segment(_) | Inline::SoftBreak => false,
        _ => true,
    }) else {
        return false;
    };
    let t = t.trim_start();
    let numeral = |ch: char| {
        ch.is_ascii_digit()
            || ('０'..='９').contains(&ch)
            || "〇零一二三四五六七八九十百".contains(ch)
    };
    let (inner, close): (&str, &[char]) = match t.chars().next() {
        Some('（') => (&t['（'.len_utf8()..], &['）']),
        Some('(') => (&t[1..], &[')']),
        _ => (t, &['.', '．', '、']),
    };
    let digits = inner.chars().take_while(|&ch| numeral(ch)).count();
    digits > 0
        && inner
            .chars()
            .nth(digits)
            .is_some_and(|ch| close.contains(&ch))
}

fn heading_level(b: &Block) -> Option<u8> {
    match b {
        Block::Heading { level, .. } => Some(*level),
        _ => None,
    }
}
