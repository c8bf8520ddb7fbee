//! A CJK font cut down to the characters a book uses, as a complete OpenType file.
//!
//! `subsetter` (typst's PDF subsetter) keeps only what PDF needs: it drops `cmap`,
//! `hhea` and `OS/2`, without which browsers and reading systems reject a font. We
//! subset with it, then add those tables back: a `cmap` (formats 4 and 12) built
//! from the characters and the new glyph ids, `hhea` with the new metric count, and
//! the original `OS/2`.

use std::collections::BTreeSet;

use subsetter::GlyphRemapper;

fn be16(d: &[u8], o: usize) -> Option<u16> {
    Some(u16::from_be_bytes(d.get(o..o + 2)?.try_into().ok()?))
}

fn be32(d: &[u8], o: usize) -> Option<u32> {
    Some(u32::from_be_bytes(d.get(o..o + 4)?.try_into().ok()?))
}

/// The tables of an OpenType font: (tag, data).
fn tables(font: &[u8]) -> Option<Vec<([u8; 4], Vec<u8>)>> {
    let n = be16(font, 4)? as usize;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let rec = 12 + 16 * i;
        let tag: [u8; 4] = font.get(rec..rec + 4)?.try_into().ok()?;
        let off = be32(font, rec + 8)? as usize;
        let len = be32(font, rec + 12)? as usize;
        out.push((tag, font.get(off..off + len)?.to_vec()));
    }
    Some(out)
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut b = [0u8; 4];
        b[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(b))
    })
}

/// Writes an OpenType font from its tables (sorted by tag, checksums computed).
fn assemble(mut tables: Vec<([u8; 4], Vec<u8>)>, flavor: [u8; 4]) -> Vec<u8> {
    tables.sort_by_key(|t| t.0);
    let n = tables.len() as u16;
    let mut pow = 1u16;
    let mut log = 0u16;
    while pow * 2 <= n {
        pow *= 2;
        log += 1;
    }
    let mut out = Vec::new();
    out.extend_from_slice(&flavor);
    for v in [n, pow * 16, log, n * 16 - pow * 16] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in &mut tables {
        if tag == b"head" && data.len() >= 12 {
            data[8..12].copy_from_slice(&[0; 4]);
        }
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        if tag == b"head" {
            head_at = Some(offset);
        }
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in &tables {
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(4) * 4, 0);
    }
    if let Some(h) = head_at {
        let adj = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[h + 8..h + 12].copy_from_slice(&adj.to_be_bytes());
    }
    out
}

/// A `cmap` with a format 4 subtable (BMP) and a format 12 subtable (all).
fn cmap(map: &[(u32, u16)]) -> Vec<u8> {
    // Format 12: one group per character (simple and valid).
    let mut f12 = Vec::new();
    f12.extend_from_slice(&12u16.to_be_bytes());
    f12.extend_from_slice(&0u16.to_be_bytes());
    f12.extend_from_slice(&((16 + 12 * map.len()) as u32).to_be_bytes());
    f12.extend_from_slice(&0u32.to_be_bytes());
    f12.extend_from_slice(&(map.len() as u32).to_be_bytes());
    for &(c, g) in map {
        for v in [c, c, u32::from(g)] {
            f12.extend_from_slice(&v.to_be_bytes());
        }
    }
    // Format 4: one segment per BMP character, plus the final 0xFFFF segment.
    let bmp: Vec<(u16, u16)> = map
        .iter()
        .filter(|(c, _)| *c < 0xFFFF)
        .map(|&(c, g)| (c as u16, g))
        .collect();
    let segs = bmp.len() + 1;
    let mut pow = 1usize;
    let mut log = 0u16;
    while pow * 2 <= segs {
        pow *= 2;
        log += 1;
    }
    let mut f4 = Vec::new();
    let len = 16 + 8 * segs;
    for v in [
        4u16,
        len as u16,
        0,
        (segs * 2) as u16,
        (pow * 2) as u16,
        log,
        ((segs - pow) * 2) as u16,
    ] {
        f4.extend_from_slice(&v.to_be_bytes());
    }
    for &(c, _) in &bmp {
        f4.extend_from_slice(&c.to_be_bytes());
    }
    f4.extend_from_slice(&0xFFFFu16.to_be_bytes());
    f4.extend_from_slice(&0u16.to_be_bytes());
    for &(c, _) in &bmp {
        f4.extend_from_slice(&c.to_be_bytes());
    }
    f4.extend_from_slice(&0xFFFFu16.to_be_bytes());
    for &(c, g) in &bmp {
        f4.extend_from_slice(&g.wrapping_sub(c).to_be_bytes());
    }
    f4.extend_from_slice(&1u16.to_be_bytes());
    for _ in 0..segs {
        f4.extend_from_slice(&0u16.to_be_bytes());
    }
    let mut out = Vec::new();
    out.extend_from_slice(&0u16.to_be_bytes());
    out.extend_from_slice(&2u16.to_be_bytes());
    let off4 = 4 + 8 * 2;
    let off12 = off4 + f4.len();
    for (pid, eid, off) in [(3u16, 1u16, off4), (3, 10, off12)] {
        out.extend_from_slice(&pid.to_be_bytes());
        out.extend_from_slice(&eid.to_be_bytes());
        out.extend_from_slice(&(off as u32).to_be_bytes());
    }
    out.extend_from_slice(&f4);
    out.extend_from_slice(&f12);
    out
}

/// The font `data` cut down to `chars` (characters it lacks are skipped).
pub fn subset(data: &[u8], chars: &BTreeSet<char>) -> Option<Vec<u8>> {
    let face = ttf_parser::Face::parse(data, 0).ok()?;
    let mut remapper = GlyphRemapper::new();
    let mut map = Vec::new();
    for &c in chars {
        if let Some(g) = face.glyph_index(c) {
            map.push((c as u32, remapper.remap(g.0)));
        }
    }
    let small = subsetter::subset(data, 0, &remapper).ok()?;
    let original = tables(data)?;
    let mut out = tables(&small)?;
    let num_glyphs = out
        .iter()
        .find(|t| &t.0 == b"maxp")
        .and_then(|t| be16(&t.1, 4))?;
    let hmtx_len = out
        .iter()
        .find(|t| &t.0 == b"hmtx")
        .map_or(0, |t| t.1.len());
    // hmtx = 4 bytes per long metric + 2 per remaining glyph.
    let long = (hmtx_len.checked_sub(2 * num_glyphs as usize)? / 2) as u16;
    for (tag, table) in original {
        match &tag {
            b"hhea" => {
                let mut t = table;
                t.get_mut(34..36)?.copy_from_slice(&long.to_be_bytes());
                out.push((tag, t));
            }
            b"OS/2" => out.push((tag, table)),
            _ => {}
        }
    }
    out.push((*b"cmap", cmap(&map)));
    let flavor: [u8; 4] = data.get(0..4)?.try_into().ok()?;
    Some(assemble(out, flavor))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Checks that the subset is a font with the requested characters and no others.
    #[test]
    fn subset_keeps_exactly_the_characters() {
        let data = crate::fonts::FONT_FILES
            .iter()
            .find(|f| f.name.starts_with("NotoSerifSC-Regular"))
            .unwrap()
            .data;
        let chars: BTreeSet<char> = "共同富裕，新发展理念".chars().collect();
        let font = subset(data, &chars).expect("subset");
        assert!(font.len() < 100_000, "{} bytes", font.len());
        let face = ttf_parser::Face::parse(&font, 0).expect("parses");
        for c in &chars {
            assert!(face.glyph_index(*c).is_some(), "{c} missing");
        }
        assert!(face.glyph_index('国').is_none());
        assert_eq!(face.number_of_glyphs() as usize, chars.len() + 1);
        assert!(
            face.glyph_hor_advance(face.glyph_index('共').unwrap())
                .is_some()
        );
    }
}
