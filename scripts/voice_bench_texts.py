"""Public-domain prose of one writer for the voice benchmark: Jane Austen's novels.

The texts come from Debian's package `r-cran-janeaustenr` (the six novels from
Project Gutenberg, public domain, stored as R data). This script reads that data
without R: an R lazy-load database is zlib blocks of R's serialization, whose
strings are (flags, length, bytes) records. Lines are joined into paragraphs (the
Gutenberg text is wrapped at ~70 columns) and the title pages are dropped.

    apt-get download r-cran-janeaustenr        # or pass an unpacked copy with --root
    python scripts/voice_bench_texts.py --deb r-cran-janeaustenr_*.deb --out bench-texts \\
        --novel persuasion --words 20000

writes bench-texts/persuasion.txt (the whole novel) and, with --words,
bench-texts/persuasion-20000.txt (its first 20,000 words, whole paragraphs).
"""

from __future__ import annotations

import argparse
import re
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

NOVELS = (
    "emma",
    "mansfieldpark",
    "northangerabbey",
    "persuasion",
    "prideprejudice",
    "sensesensibility",
)
_DATA = "usr/lib/R/site-library/janeaustenr/data/Rdata.rdb"


def _strings(blob: bytes) -> list[str]:
    """Every CHARSXP string of an R serialization, in order."""
    out, i = [], 0
    while i < len(blob) - 8:
        flags = struct.unpack(">i", blob[i : i + 4])[0]
        if flags & 0xFF == 9:  # CHARSXP
            n = struct.unpack(">i", blob[i + 4 : i + 8])[0]
            if n == -1:  # NA_character_
                out.append("")
                i += 8
                continue
            if 0 <= n < 100_000:
                out.append(blob[i + 8 : i + 8 + n].decode("utf-8", "replace"))
                i += 8 + n
                continue
        i += 4
    return out


def read_novels(rdb: Path) -> dict[str, list[str]]:
    """Novel name -> its lines, from the package's lazy-load database."""
    data = rdb.read_bytes()
    blocks, pos = [], 0
    while pos < len(data):
        inflate = zlib.decompressobj()
        blocks.append(inflate.decompress(data[pos + 4 :]))
        pos = len(data) - len(inflate.unused_data)
    return dict(zip(NOVELS, (_strings(b) for b in blocks), strict=True))


def paragraphs(lines: list[str]) -> list[str]:
    """Wrapped lines -> paragraphs; chapter headings and the title page dropped."""
    text = "\n".join(lines)
    start = re.search(r"^\s*(CHAPTER|Chapter) (1|I)\b.*$", text, re.MULTILINE)
    if start:
        text = text[start.end() :]
    result = []
    for block in re.split(r"\n\s*\n", text):
        joined = " ".join(block.split())
        if not joined or re.fullmatch(r"(CHAPTER|Chapter) [0-9IVXLC]+\.?", joined):
            continue
        result.append(joined.replace("--", "—"))
    return result


def first_words(paras: list[str], words: int) -> list[str]:
    """Whole paragraphs from the start until `words` words are reached."""
    kept, count = [], 0
    for p in paras:
        if count >= words:
            break
        kept.append(p)
        count += len(p.split())
    return kept


def main() -> None:
    """Write the chosen novel (and its first N words) as plain UTF-8 text."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deb", help="the r-cran-janeaustenr .deb file")
    parser.add_argument("--root", help="or: a folder the package is unpacked in")
    parser.add_argument("--novel", default="persuasion", choices=NOVELS)
    parser.add_argument("--words", type=int, nargs="*", default=[])
    parser.add_argument("--out", default="bench-texts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(args.root) if args.root else Path(tmp)
        if args.deb:
            subprocess.run(["dpkg", "-x", args.deb, str(root)], check=True)
        novels = read_novels(root / _DATA)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    paras = paragraphs(novels[args.novel])
    (out / f"{args.novel}.txt").write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    print(f"{args.novel}: {sum(len(p.split()) for p in paras):,} words")
    for words in args.words:
        part = first_words(paras, words)
        file = out / f"{args.novel}-{words}.txt"
        file.write_text("\n\n".join(part) + "\n", encoding="utf-8")
        print(f"{file}: {sum(len(p.split()) for p in part):,} words")


if __name__ == "__main__":
    main()
