"""Which text encoding a file is in, and the encodings a writer can choose.

Detection order (first match wins):

1. a byte order mark (UTF-8, UTF-16, UTF-32);
2. UTF-16 without a BOM (a NUL in every other byte);
3. binary files are refused (NULs, control characters);
4. strict UTF-8;
5. the legacy encodings of ``LEGACY_ENCODINGS``, judged by charset-normalizer (a
   maintained detector: it scores how much each decoding reads like a language).
   Its ties (a short text reads equally well as Windows-1252 and Windows-1250) go
   to the earlier encoding in ``LEGACY_ENCODINGS``. A candidate is only taken when
   the whole file decodes strictly and encodes back to the same bytes, so saving an
   unchanged file rewrites it byte for byte;
6. nothing fits: ``UndecodableTextError`` (the file is shown read-only, never as
   garble).

GB18030 takes part in step 5 rather than being tried first: Shift-JIS and EUC-KR
bytes also decode as GB18030 (as Chinese-looking nonsense), so only a detector that
weighs all of them can tell them apart.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from assistant.storage.errors import DocumentError, EncodingError
from assistant.translatable import Translatable

BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 LE must be tested before UTF-16 LE: its BOM starts with FF FE too.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
BOM_FOR = {encoding: bom for bom, encoding in BOMS}

#: The encodings File › Reopen/Save with Encoding offers, as (codec, BOM); the menu
#: shows ``DocumentFormat(codec, bom=bom).encoding_name`` for each.
ENCODING_CHOICES: tuple[tuple[str, bool], ...] = (
    ("utf-8", False),
    ("utf-8", True),
    ("utf-16-le", True),
    ("utf-16-be", True),
    ("gb18030", False),
    ("big5", False),
    ("cp932", False),
    ("euc-jp", False),
    ("cp949", False),
    ("cp1252", False),
    ("latin-1", False),
    ("cp1250", False),
    ("cp1251", False),
    ("koi8-r", False),
)

#: What step 5 of the detection considers, in order of preference on a tie.
LEGACY_ENCODINGS: tuple[str, ...] = tuple(
    codec for codec, _bom in ENCODING_CHOICES if not codec.startswith("utf")
)

# Menu and status-bar names, keyed by the codec's canonical name (codecs.lookup().name).
_NAMES = {
    "utf-8": "UTF-8",
    "utf-16-le": "UTF-16 LE",
    "utf-16-be": "UTF-16 BE",
    "utf-32-le": "UTF-32 LE",
    "utf-32-be": "UTF-32 BE",
    "gb18030": "GB18030",
    "big5": "Big5",
    "cp950": "Big5 (Windows)",
    "cp932": "Shift-JIS",
    "shift_jis": "Shift-JIS (JIS X 0208)",
    "euc_jp": "EUC-JP",
    "cp949": "EUC-KR",
    "euc_kr": "EUC-KR (KS X 1001)",
    "cp1252": "Windows-1252",
    "iso8859-1": "Latin-1",
    "cp1250": "Windows-1250",
    "cp1251": "Windows-1251",
    "koi8-r": "KOI8-R",
}


def codec_display_name(encoding: str) -> str:
    """The name a writer knows an encoding by ("Shift-JIS" for cp932)."""
    try:
        canonical = codecs.lookup(encoding).name
    except LookupError:
        return encoding.upper()
    return _NAMES.get(canonical, encoding.upper())


# C0 controls that never appear in prose (tab, LF, VT, FF, CR and ESC are allowed).
_CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
# Patterns, compiled on first use (re caches them): this module loads at start-up.
# The same controls as decoded characters: UTF-16/32 input is judged after decoding,
# where a NUL-free run of control code points still means "binary"
# (b"\x00\x01\x02\x03" * 100 decodes as UTF-16 BE without a single U+0000).
_CONTROL_CHARS = "[\x01-\x08\x0e-\x1a\x1c-\x1f\x7f]"
# Characters GB2312/GBK text is made of: CJK ideographs and punctuation, full-width
# forms, kana, bopomofo, and the Greek/Cyrillic/box-drawing rows of GB2312.
_GB_PLAUSIBLE = (
    "[\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2000-\u206f\u2460-\u24ff"
    "\u2500-\u25ff\u0391-\u03c9\u0401-\u0451\u00b7\u00d7\u00f7]"
)
_NON_ASCII = "[^\x00-\x7f]"
_UTF8_SEQUENCE = rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
# The detector reads this much; the whole file is then decoded strictly anyway.
_DETECT_SAMPLE = 256 * 1024


def quoted(path: Path) -> str:
    """A file's name in curly quotes, printable even when the name is not valid UTF-8."""
    from assistant.storage.atomic import display_name

    return f"\u201c{display_name(path.name or str(path))}\u201d"


def binary_file_error(path: Path) -> DocumentError:
    """The error for a file that is not text."""
    return DocumentError(
        Translatable("{name} looks like a binary file, not text.", name=quoted(path))
    )


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or more control characters than prose ever has."""
    if b"\x00" in data:
        return True
    sample = data[: 1 << 20]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > 2 + len(sample) // 100


def looks_binary_text(text: str) -> bool:
    """``looks_binary`` for text that is already decoded (UTF-16/32 input)."""
    sample = text[: 1 << 20]
    if "\x00" in sample:
        return True
    return len(re.findall(_CONTROL_CHARS, sample)) > 2 + len(sample) // 100


def _utf16_without_bom(data: bytes) -> str | None:
    # Mostly-ASCII UTF-16 without a BOM has a NUL in every other byte.
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    half = len(sample) // 2
    even_zero, odd_zero = sample[0::2].count(0), sample[1::2].count(0)
    if odd_zero > 0.4 * half and even_zero < 0.05 * half:
        return "utf-16-le"
    if even_zero > 0.4 * half and odd_zero < 0.05 * half:
        return "utf-16-be"
    return None


def _looks_chinese(text: str) -> bool:
    # A sample is enough to tell Chinese from mis-decoded Latin text, and keeps a
    # 10 MB file from spending 100+ ms here.
    sample = text[:8192]
    non_ascii = len(re.findall(_NON_ASCII, sample))
    if non_ascii == 0:
        return False
    return len(re.findall(_GB_PLAUSIBLE, sample)) >= 0.6 * non_ascii


def _is_single_byte(encoding: str) -> bool:
    return codecs.lookup(encoding).name not in ("gb18030", "big5", "cp932", "euc_jp", "cp949")


def _mostly_utf8(data: bytes) -> bool:
    """True when much of the non-ASCII is valid UTF-8: a UTF-8 file with a few stray bytes.

    Read as Windows-1252 such a file turns every accent into two letters ("Ã©");
    it fits no single encoding and must not open as if it did.
    """
    sample = data[:_DETECT_SAMPLE]
    sequences = re.findall(_UTF8_SEQUENCE, sample)
    if len(sequences) < 2:
        return False
    non_ascii = len(sample) - len(sample.translate(None, bytes(range(0x80))))
    return sum(map(len, sequences)) >= 0.1 * non_ascii


def _round_trips(data: bytes, encoding: str) -> str | None:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    # Some codecs map two byte forms to one character (cp932's NEC/IBM duplicates):
    # a file that would not save back identically is not in this encoding.
    return text if text.encode(encoding) == data else None


def _legacy_candidates(data: bytes) -> list[str]:
    from charset_normalizer import from_bytes

    sample = data[:_DETECT_SAMPLE]
    if len(sample) < len(data):
        # Never cut a multi-byte character: end the sample at the last line break.
        cut = sample.rfind(b"\n")
        sample = sample[: cut + 1] if cut > 0 else sample
    order = {codecs.lookup(name).name: i for i, name in enumerate(LEGACY_ENCODINGS)}

    def preference(name: str) -> int:
        return order.get(codecs.lookup(name).name, len(order))

    ranked: list[tuple[tuple[float, float, int], list[str]]] = []
    for match in from_bytes(sample, cp_isolation=list(LEGACY_ENCODINGS)):
        # Encodings that decode the sample identically come as one match: the
        # preferred name among them is the one a writer expects (Windows-1252, not
        # Windows-1250, for German that both read the same).
        names = sorted(match.could_be_from_charset or [match.encoding], key=preference)
        score = (round(match.chaos, 3), -round(match.coherence, 3), preference(names[0]))
        ranked.append((score, names))
    ranked.sort(key=lambda item: item[0])
    return [name for _score, names in ranked for name in names]


def detect_legacy(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) for bytes that are not UTF-8, or None when no encoding fits."""
    for encoding in _legacy_candidates(data):
        text = _round_trips(data, encoding)
        if text is None:
            continue
        if _is_single_byte(encoding) and _mostly_utf8(data):
            return None
        if codecs.lookup(encoding).name == "gb18030" and not _looks_chinese(text):
            continue
        return text, encoding
    return None


def decode_bytes(data: bytes, path: Path) -> tuple[str, str, bool]:
    """(text, encoding, has BOM) by the detection order above.

    Raises DocumentError for a binary file, EncodingError for invalid bytes after a
    BOM, and ``LookupError`` (caught by the caller) when no encoding fits.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise EncodingError(
                    Translatable(
                        "{name} starts with a {encoding} byte order mark but contains "
                        "invalid bytes at offset {offset}.",
                        name=quoted(path),
                        encoding=_NAMES[encoding],
                        offset=exc.start + len(bom),
                    )
                ) from None
            return text, encoding, True

    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            pass
        else:
            if "\x00" not in text:
                return text, utf16, False

    if looks_binary(data):
        raise binary_file_error(path)
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        pass
    found = detect_legacy(data)
    if found is None:
        raise LookupError(path)
    return found[0], found[1], False
