#!/usr/bin/env python3
"""Make fonts/NotoSerifSC-*-subset.otf from Debian's fonts-noto-cjk TTC files.

The Simplified Chinese face (index 2 of the collection) is cut down to the
characters of GB 2312 and of Big5 level 1 (about 10,000 hanzi: everything in
common simplified and traditional use), CJK punctuation and full-width forms.
A character outside this set in the content is reported by `check` as
"no font has U+XXXX" rather than printed as a tofu box.

Usage: pip install fonttools; apt-get install fonts-noto-cjk;
       python3 scripts/subset-cjk-fonts.py
"""
import sys
from fontTools import subset
from fontTools.ttLib import TTCollection

SRC = "/usr/share/fonts/opentype/noto/NotoSerifCJK-{}.ttc"
OUT = "fonts/NotoSerifSC-{}-subset.otf"


def charset():
    chars = set()
    for codec in ("gb2312", "big5"):
        for hi in range(0x81, 0xFF):
            for lo in range(0x40, 0xFF):
                try:
                    s = bytes([hi, lo]).decode(codec)
                except UnicodeDecodeError:
                    continue
                chars.update(s)
    ranges = [(0x3000, 0x303F), (0xFF00, 0xFFEF), (0x2010, 0x2027), (0x00B7, 0x00B7),
              (0x2E80, 0x2EFF), (0x3100, 0x312F), (0x3200, 0x32FF)]
    for a, b in ranges:
        chars.update(chr(c) for c in range(a, b + 1))
    return sorted(ord(c) for c in chars if ord(c) >= 0x2000 or c == "\u00b7")


def main():
    unicodes = charset()
    print(f"{len(unicodes)} code points", file=sys.stderr)
    for weight in ("Regular", "Bold"):
        font = TTCollection(SRC.format(weight), lazy=True).fonts[2]
        opts = subset.Options()
        opts.layout_features = ["*"]
        opts.name_IDs = ["*"]
        opts.name_languages = ["*"]
        opts.notdef_outline = True
        opts.hinting = False
        opts.desubroutinize = False
        sub = subset.Subsetter(opts)
        sub.populate(unicodes=unicodes)
        sub.subset(font)
        font.save(OUT.format(weight))
        print("wrote", OUT.format(weight), file=sys.stderr)


if __name__ == "__main__":
    main()
