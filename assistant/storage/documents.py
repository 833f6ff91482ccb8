"""Opening and saving writers' files without changing their encoding or line endings.

``load_document`` detects the encoding (BOM, strict UTF-8, then GB18030 when the
text looks Chinese) and the line-ending style, and hands the editor text with
plain ``\\n`` newlines. ``save_document`` writes it back in the same format,
atomically, so a file opened and saved unchanged is byte-for-byte identical.
Every failure a user can cause becomes a one-line ``DocumentError``.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from assistant.storage.atomic import atomic_write_bytes

# QPlainTextEdit becomes unusable long before this; refuse early with a clear message.
MAX_DOCUMENT_BYTES = 256 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 LE must be tested before UTF-16 LE: its BOM starts with FF FE too.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_FOR = {encoding: bom for bom, encoding in _BOMS}

_ALIASES = {
    "utf8": ("utf-8", None),
    "utf-8-sig": ("utf-8", True),
    "utf8-sig": ("utf-8", True),
    "utf-16": ("utf-16-le", True),
    "utf16": ("utf-16-le", True),
    "utf-16le": ("utf-16-le", None),
    "utf-16be": ("utf-16-be", None),
    "utf-32": ("utf-32-le", True),
    "utf-32le": ("utf-32-le", None),
    "utf-32be": ("utf-32-be", None),
}

_ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-16-le": "UTF-16 LE",
    "utf-16-be": "UTF-16 BE",
    "utf-32-le": "UTF-32 LE",
    "utf-32-be": "UTF-32 BE",
    "gb18030": "GB18030",
}
_NEWLINE_NAMES = {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}

# C0 controls that never appear in prose (tab, LF, VT, FF, CR and ESC are allowed).
_CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])

# Characters GB2312/GBK text is made of: CJK ideographs and punctuation, full-width
# forms, kana, bopomofo, and the Greek/Cyrillic/box-drawing rows of GB2312.
_GB_PLAUSIBLE = re.compile(
    "[\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2000-\u206f\u2460-\u24ff"
    "\u2500-\u25ff\u0391-\u03c9\u0401-\u0451\u00b7\u00d7\u00f7]"
)
_NON_ASCII = re.compile("[^\x00-\x7f]")
# The same controls as _CONTROL_BYTES, as decoded characters: UTF-16/32 input is
# judged after decoding, where a NUL-free run of control code points still means
# "binary" (b"\x00\x01\x02\x03" * 100 decodes as UTF-16 BE without a single U+0000).
_CONTROL_CHARS = re.compile("[\x01-\x08\x0e-\x1a\x1c-\x1f\x7f]")


class DocumentError(Exception):
    """A one-line, user-readable reason why a document could not be opened or saved."""


class EncodingError(DocumentError):
    """The bytes do not decode, or the text does not encode, in the encoding at hand.

    The UI offers to choose another encoding for these (and only these) errors.
    """


@dataclass(frozen=True)
class DocumentFormat:
    """How a document is stored on disk: codec name, newline sequence and BOM."""

    encoding: str = "utf-8"
    newline: str = "\n"
    bom: bool = False

    def __post_init__(self) -> None:
        name = self.encoding.strip().lower().replace("_", "-")
        alias, bom = _ALIASES.get(name, (name, None))
        try:
            codecs.lookup(alias)
        except LookupError:
            raise ValueError(f"unknown text encoding: {self.encoding!r}") from None
        if self.newline not in _NEWLINE_NAMES:
            raise ValueError(f"newline must be LF, CRLF or CR, not {self.newline!r}")
        # frozen dataclass: normalise aliases ("utf-8-sig" -> utf-8 + BOM) in place
        object.__setattr__(self, "encoding", alias)
        if bom is not None:
            object.__setattr__(self, "bom", bom)
        if self.bom and alias not in _BOM_FOR:
            raise ValueError(f"{alias} has no byte order mark")

    @property
    def encoding_name(self) -> str:
        """Status-bar name of the encoding, e.g. "UTF-8 BOM" or "GB18030"."""
        name = _ENCODING_NAMES.get(self.encoding, self.encoding.upper())
        if self.encoding == "utf-8" and self.bom:
            return "UTF-8 BOM"
        if self.encoding.startswith("utf-16") or self.encoding.startswith("utf-32"):
            return name if self.bom else f"{name} (no BOM)"
        return name

    @property
    def newline_name(self) -> str:
        """Status-bar name of the line ending: "LF", "CRLF" or "CR"."""
        return _NEWLINE_NAMES[self.newline]

    @property
    def display_name(self) -> str:
        """Both names together, e.g. "UTF-8 · CRLF"."""
        return f"{self.encoding_name} · {self.newline_name}"


@dataclass
class LoadedDocument:
    """A document read from disk: text with ``\\n`` newlines plus what is needed to save it back."""

    text: str
    format: DocumentFormat
    mtime_ns: int
    size: int  # bytes on disk
    path: Path | None = None
    mixed_newlines: bool = field(default=False)  # saving will unify them to `format.newline`


def _quoted(path: Path) -> str:
    return f"\u201c{path.name or path}\u201d"


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    sample = data[: 1 << 20]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > 2 + len(sample) // 100


def _looks_binary_text(text: str) -> bool:
    sample = text[: 1 << 20]
    if "\x00" in sample:
        return True
    return len(_CONTROL_CHARS.findall(sample)) > 2 + len(sample) // 100


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
    non_ascii = len(_NON_ASCII.findall(sample))
    if non_ascii == 0:
        return False
    return len(_GB_PLAUSIBLE.findall(sample)) >= 0.6 * non_ascii


def _normalize_newlines(text: str) -> tuple[str, str, bool]:
    """(text with \\n only, the majority newline, whether several kinds were mixed)."""
    all_cr = text.count("\r")
    if not all_cr:
        return text, "\n", False
    crlf = text.count("\r\n")
    counts = {"\n": text.count("\n") - crlf, "\r\n": crlf, "\r": all_cr - crlf}
    # Ties go to LF, then CRLF (dict order), which is what a new file would get.
    best = max(counts, key=lambda k: counts[k])
    mixed = sum(1 for n in counts.values() if n) > 1
    if crlf:
        text = text.replace("\r\n", "\n")
    if all_cr > crlf:
        text = text.replace("\r", "\n")
    return text, best, mixed


def _decode(data: bytes, path: Path) -> tuple[str, DocumentFormat]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise EncodingError(
                    f"{_quoted(path)} starts with a {_ENCODING_NAMES[encoding]} byte order mark "
                    f"but contains invalid bytes at offset {exc.start + len(bom)}."
                ) from None
            return text, DocumentFormat(encoding, bom=True)

    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            pass
        else:
            if "\x00" not in text:
                return text, DocumentFormat(utf16)

    if _looks_binary(data):
        raise DocumentError(f"{_quoted(path)} looks like a binary file, not text.")

    try:
        return data.decode("utf-8"), DocumentFormat("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_chinese(text):
            return text, DocumentFormat("gb18030")
    bad = data[utf8_error.start]
    raise EncodingError(
        f"{_quoted(path)} is not in a supported text encoding (UTF-8, UTF-16, GB18030): "
        f"byte 0x{bad:02X} at offset {utf8_error.start} cannot be decoded."
    )


def _open_error(path: Path, exc: OSError) -> DocumentError:
    if isinstance(exc, FileNotFoundError):
        return DocumentError(f"Cannot open {_quoted(path)}: the file does not exist.")
    if isinstance(exc, IsADirectoryError):
        return DocumentError(f"Cannot open {_quoted(path)}: it is a folder, not a file.")
    if isinstance(exc, PermissionError):
        return DocumentError(f"Cannot open {_quoted(path)}: permission denied.")
    reason = exc.strerror or str(exc)
    return DocumentError(f"Cannot open {_quoted(path)}: {reason}.")


def _decode_as(data: bytes, path: Path, encoding: str) -> tuple[str, DocumentFormat]:
    """Decode strictly in an encoding the writer chose ("Reopen with Encoding")."""
    try:
        fmt = DocumentFormat(encoding)
    except ValueError as exc:
        raise DocumentError(str(exc)) from None
    bom = _BOM_FOR.get(fmt.encoding)
    has_bom = bom is not None and data.startswith(bom)
    body = data[len(bom) :] if has_bom and bom else data
    try:
        text = body.decode(fmt.encoding)
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(data) - len(body))
        raise EncodingError(
            f"{_quoted(path)} cannot be read as {fmt.encoding_name}: byte 0x{data[offset]:02X} "
            f"at offset {offset} is not valid in that encoding."
        ) from None
    # A BOM that is there is kept on save; one the writer asked for but is absent is not invented.
    return text, DocumentFormat(fmt.encoding, bom=has_bom)


def load_document(path: str | os.PathLike[str], encoding: str | None = None) -> LoadedDocument:
    """Read a text file, detecting encoding and line endings; raise DocumentError on failure.

    With ``encoding`` the detection is skipped and the bytes must decode strictly
    in that encoding (no replacement characters, ever).
    """
    path = Path(path)
    if path.is_dir():
        raise DocumentError(f"Cannot open {_quoted(path)}: it is a folder, not a file.")
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            if st.st_size > MAX_DOCUMENT_BYTES:
                raise DocumentError(
                    f"Cannot open {_quoted(path)}: it is {st.st_size // (1 << 20)} MB; "
                    f"the limit is {MAX_DOCUMENT_BYTES // (1 << 20)} MB."
                )
            data = fh.read()
    except OSError as exc:
        raise _open_error(path, exc) from None

    if not data:
        fmt = DocumentFormat(encoding) if encoding else DocumentFormat()
        return LoadedDocument("", fmt, st.st_mtime_ns, 0, path)
    text, fmt = _decode_as(data, path, encoding) if encoding else _decode(data, path)
    if "\x00" in text or _looks_binary_text(text):
        raise DocumentError(f"{_quoted(path)} looks like a binary file, not text.")
    text, newline, mixed = _normalize_newlines(text)
    fmt = DocumentFormat(fmt.encoding, newline, fmt.bom)
    return LoadedDocument(text, fmt, st.st_mtime_ns, len(data), path, mixed)


def encode_document(text: str, fmt: DocumentFormat, name: str = "the document") -> bytes:
    """Encode editor text (``\\n`` newlines) for disk; raise DocumentError for unencodable text."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if fmt.newline != "\n":
        text = text.replace("\n", fmt.newline)
    try:
        body = text.encode(fmt.encoding)
    except UnicodeEncodeError as exc:
        char = exc.object[exc.start]
        line = exc.object.count(fmt.newline, 0, exc.start) + 1
        if 0xD800 <= ord(char) <= 0xDFFF:
            # A lone surrogate (broken paste) fits no encoding, and echoing it would
            # make the message itself unprintable.
            raise DocumentError(
                f"Cannot save {name}: line {line} contains an invalid character "
                f"(U+{ord(char):04X}); delete it and save again."
            ) from None
        raise EncodingError(
            f"Cannot save {name} as {fmt.encoding_name}: the character \u201c{char}\u201d "
            f"(U+{ord(char):04X}) on line {line} cannot be stored in that encoding; "
            "save it as UTF-8 instead."
        ) from None
    return _BOM_FOR[fmt.encoding] + body if fmt.bom else body


def _save_error(path: Path, exc: OSError) -> DocumentError:
    prefix = f"Cannot save {_quoted(path)}"
    code = exc.errno
    if isinstance(exc, FileNotFoundError) or code == errno.ENOENT:
        return DocumentError(f"{prefix}: the folder {path.parent} no longer exists.")
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DocumentError(f"{prefix}: the disk is full. Free some space or save elsewhere.")
    if code == errno.EROFS:
        return DocumentError(f"{prefix}: the disk is read-only. Save it elsewhere.")
    if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM):
        return DocumentError(
            f"{prefix}: permission denied (the file or its folder is read-only). Save it elsewhere."
        )
    reason = exc.strerror or str(exc)
    return DocumentError(f"{prefix}: {reason}.")


def save_document(path: str | os.PathLike[str], text: str, fmt: DocumentFormat) -> int:
    """Atomically write ``text`` in ``fmt``; return the new mtime_ns or raise DocumentError.

    On failure the file on disk is untouched and no temp file is left behind.
    """
    path = Path(path)
    if path.is_dir():
        raise DocumentError(f"Cannot save {_quoted(path)}: a folder with that name exists.")
    data = encode_document(text, fmt, _quoted(path))
    try:
        # os.replace would happily swap out a file the writer marked read-only.
        if path.exists() and not os.access(path, os.W_OK):
            raise PermissionError(errno.EACCES, "file is read-only", str(path))
        written = atomic_write_bytes(path, data)
        return os.stat(written).st_mtime_ns
    except OSError as exc:
        raise _save_error(path, exc) from None


def stat_signature(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    """(mtime_ns, size) of a file, or None if it cannot be stat'ed."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def file_changed_on_disk(path: str | os.PathLike[str], mtime_ns: int, size: int) -> bool:
    """True if the file was modified, replaced or removed since it was loaded/saved."""
    return stat_signature(path) != (mtime_ns, size)
