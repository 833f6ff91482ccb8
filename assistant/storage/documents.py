"""Opening writers' files, and the format they are kept in so a save changes neither.

``load_document`` detects the encoding (see ``encodings``) and the line-ending
style (``line_endings``), and hands the editor text with plain ``\\n`` newlines;
its ``DocumentFormat`` is what ``document_save.write_document`` writes it back in,
so a file opened and saved unchanged is byte-for-byte identical. What cannot be
kept (mixed line endings, paragraph separators) is said on open, in
``LoadedDocument.notes``. Every failure a user can cause becomes a one-line
``DocumentError``.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass, field
from pathlib import Path

from assistant.storage.encodings import (
    BOM_FOR,
    binary_file_error,
    codec_display_name,
    decode_bytes,
    looks_binary_text,
    quoted,
)
from assistant.storage.errors import (
    DocumentError,
    EncodingError,
    ExternalChangeError,
    FileDeletedError,
)
from assistant.storage.line_endings import NEWLINE_NAMES, line_ending_notes, normalize_newlines
from assistant.storage.signature import DiskSignature, signature_of, signature_of_bytes
from assistant.translatable import Translatable, text_of

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "DiskSignature",
    "DocumentError",
    "DocumentFormat",
    "EncodingError",
    "ExternalChangeError",
    "FileDeletedError",
    "LoadedDocument",
    "UndecodableTextError",
    "file_changed_on_disk",
    "load_document",
    "signature_of",
    "stat_signature",
]

# QPlainTextEdit becomes unusable long before this; refuse early with a clear message.
MAX_DOCUMENT_BYTES = 256 * 1024 * 1024

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
#: How an unnamed document is called in messages.
THE_DOCUMENT = Translatable("the document")


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
            raise ValueError(
                Translatable("unknown text encoding: {encoding}", encoding=repr(self.encoding))
            ) from None
        if self.newline not in NEWLINE_NAMES:
            raise ValueError(f"newline must be LF, CRLF or CR, not {self.newline!r}")
        # frozen dataclass: normalise aliases ("utf-8-sig" -> utf-8 + BOM) in place
        object.__setattr__(self, "encoding", alias)
        if bom is not None:
            object.__setattr__(self, "bom", bom)
        if self.bom and alias not in BOM_FOR:
            raise ValueError(f"{alias} has no byte order mark")

    @property
    def encoding_name(self) -> str:
        """Status-bar name of the encoding, e.g. "UTF-8 BOM" or "GB18030"."""
        name = codec_display_name(self.encoding)
        if self.encoding == "utf-8" and self.bom:
            return "UTF-8 BOM"
        if self.encoding.startswith("utf-16") or self.encoding.startswith("utf-32"):
            return name if self.bom else f"{name} (no BOM)"
        return name

    @property
    def newline_name(self) -> str:
        """Status-bar name of the line ending: "LF", "CRLF" or "CR"."""
        return NEWLINE_NAMES[self.newline]

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
    #: The file as it was read; pass it to ``write_document(expected=...)``.
    signature: DiskSignature | None = None
    #: Sentences to show the writer on open: what a save will change (empty: nothing).
    notes: tuple[str, ...] = ()
    #: Set when the text is only for display (no encoding fits): never save it.
    read_only_reason: str | None = None


class UndecodableTextError(EncodingError):
    """No text encoding fits the file: it must not be opened as garble.

    ``document`` holds the text decoded with U+FFFD for display only, with
    ``read_only_reason`` set: the UI may show it read-only, never save it.
    """

    def __init__(self, message: str, document: LoadedDocument) -> None:
        super().__init__(message)
        self.document = document


def _not_a_file(path: Path) -> DocumentError:
    return DocumentError(
        Translatable("Cannot open {name}: it is a folder, not a file.", name=quoted(path))
    )


def _open_error(path: Path, exc: OSError) -> DocumentError:
    name = quoted(path)
    if isinstance(exc, FileNotFoundError):
        return DocumentError(
            Translatable("Cannot open {name}: the file does not exist.", name=name)
        )
    if isinstance(exc, IsADirectoryError):
        return _not_a_file(path)
    if isinstance(exc, PermissionError):
        return DocumentError(Translatable("Cannot open {name}: permission denied.", name=name))
    reason = exc.strerror or str(exc)
    return DocumentError(Translatable("Cannot open {name}: {reason}.", name=name, reason=reason))


def _decode_as(data: bytes, path: Path, encoding: str) -> tuple[str, DocumentFormat]:
    """Decode strictly in an encoding the writer chose ("Reopen with Encoding")."""
    try:
        fmt = DocumentFormat(encoding)
    except ValueError as exc:
        raise DocumentError(text_of(exc)) from None
    bom = BOM_FOR.get(fmt.encoding)
    has_bom = bom is not None and data.startswith(bom)
    body = data[len(bom) :] if has_bom and bom else data
    try:
        text = body.decode(fmt.encoding)
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(data) - len(body))
        raise EncodingError(
            Translatable(
                "{name} cannot be read as {encoding}: byte 0x{byte:02X} at offset {offset} "
                "is not valid in that encoding.",
                name=quoted(path),
                encoding=fmt.encoding_name,
                byte=data[offset],
                offset=offset,
            )
        ) from None
    # A BOM that is there is kept on save; one the writer asked for but is absent is not invented.
    return text, DocumentFormat(fmt.encoding, bom=has_bom)


def _undecodable(data: bytes, path: Path, signature: DiskSignature) -> UndecodableTextError:
    try:
        data.decode("utf-8")
        offset = 0
    except UnicodeDecodeError as exc:
        offset = exc.start
    message = Translatable(
        "{name} is not in a supported text encoding (it may mix several, or be "
        "damaged): byte 0x{byte:02X} at offset {offset} cannot be decoded.",
        name=quoted(path),
        byte=data[offset],
        offset=offset,
    )
    reason = Translatable(
        "{name} is open read-only: it is not in a supported text encoding, so "
        "characters shown as \ufffd could not be read. Nothing will be saved over it; use "
        "Reopen with Encoding to read it in an encoding you know it is in.",
        name=quoted(path),
    )
    text, newline, counts = normalize_newlines(data.decode("utf-8", "replace"))
    document = LoadedDocument(
        text,
        DocumentFormat("utf-8", newline),
        signature.mtime_ns,
        len(data),
        path,
        sum(1 for n in counts.values() if n) > 1,
        signature,
        read_only_reason=reason,
    )
    return UndecodableTextError(message, document)


def load_document(path: str | os.PathLike[str], encoding: str | None = None) -> LoadedDocument:
    """Read a text file, detecting encoding and line endings; raise DocumentError on failure.

    With ``encoding`` the detection is skipped and the bytes must decode strictly
    in that encoding (no replacement characters, ever). When no encoding fits,
    ``UndecodableTextError`` carries a display-only, read-only document.
    """
    path = Path(path)
    if path.is_dir():
        raise _not_a_file(path)
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            if st.st_size > MAX_DOCUMENT_BYTES:
                raise DocumentError(
                    Translatable(
                        "Cannot open {name}: it is {size} MB; the limit is {limit} MB.",
                        name=quoted(path),
                        size=st.st_size // (1 << 20),
                        limit=MAX_DOCUMENT_BYTES // (1 << 20),
                    )
                )
            data = fh.read()
    except OSError as exc:
        raise _open_error(path, exc) from None

    signature = signature_of_bytes(data, st.st_mtime_ns)
    if not data:
        fmt = DocumentFormat(encoding) if encoding else DocumentFormat()
        return LoadedDocument("", fmt, st.st_mtime_ns, 0, path, signature=signature)
    if encoding:
        text, fmt = _decode_as(data, path, encoding)
    else:
        try:
            text, codec, bom = decode_bytes(data, path)
        except LookupError:
            raise _undecodable(data, path, signature) from None
        fmt = DocumentFormat(codec, bom=bom)
    if "\x00" in text or looks_binary_text(text):
        raise binary_file_error(path)
    text, newline, counts = normalize_newlines(text)
    fmt = DocumentFormat(fmt.encoding, newline, fmt.bom)
    mixed = sum(1 for n in counts.values() if n) > 1
    notes = line_ending_notes(text, newline, counts)
    return LoadedDocument(text, fmt, st.st_mtime_ns, len(data), path, mixed, signature, notes=notes)


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
