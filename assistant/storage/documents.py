"""Opening and saving writers' files without changing their encoding or line endings.

``load_document`` detects the encoding (see ``encodings``) and the line-ending
style, and hands the editor text with plain ``\\n`` newlines. ``write_document``
writes it back in the same format, atomically, so a file opened and saved unchanged
is byte-for-byte identical; given the signature recorded at load it refuses to
overwrite a file another program changed since. What cannot be kept (mixed line
endings, paragraph separators) is said on open, in ``LoadedDocument.notes``. Every
failure a user can cause becomes a one-line ``DocumentError``.
"""

from __future__ import annotations

import codecs
import errno
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from assistant.storage.atomic import (
    WriteFailedError,
    atomic_write_bytes,
    describe_os_error,
    remove_stale_temp_files,
)
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
from assistant.storage.signature import (
    DiskSignature,
    DiskState,
    disk_state,
    signature_of,
    signature_of_bytes,
)
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
    "encode_document",
    "file_changed_on_disk",
    "load_document",
    "save_document",
    "signature_of",
    "stat_signature",
    "write_document",
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
_NEWLINE_NAMES = {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}
_PARAGRAPH_SEPARATOR = "\u2029"
# Stale temp files of ours are swept once per folder per run (a scandir each save
# would cost a large folder milliseconds every time).
_swept_folders: set[str] = set()
_swept_lock = threading.Lock()


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
        if self.newline not in _NEWLINE_NAMES:
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


def _newline_counts(text: str) -> dict[str, int]:
    all_cr = text.count("\r")
    crlf = text.count("\r\n")
    return {"\n": text.count("\n") - crlf, "\r\n": crlf, "\r": all_cr - crlf}


def _normalize_newlines(text: str) -> tuple[str, str, dict[str, int]]:
    """(text with \\n only, the majority newline, how many of each kind there were)."""
    if "\r" not in text:
        return text, "\n", {"\n": text.count("\n"), "\r\n": 0, "\r": 0}
    counts = _newline_counts(text)
    # Ties go to LF, then CRLF (dict order), which is what a new file would get.
    best = max(counts, key=lambda k: counts[k])
    text = text.replace("\r\n", "\n")
    if counts["\r"]:
        text = text.replace("\r", "\n")
    return text, best, counts


def _notes(text: str, newline: str, counts: dict[str, int]) -> tuple[str, ...]:
    notes: list[str] = []
    kinds = [(n, _NEWLINE_NAMES[k]) for k, n in counts.items() if n]
    if len(kinds) > 1:
        listed = ", ".join(f"{n} {name}" for n, name in sorted(kinds, reverse=True))
        notes.append(
            Translatable(
                "This file mixes line endings ({listed}); it will be saved with "
                "{newline} throughout.",
                listed=listed,
                newline=_NEWLINE_NAMES[newline],
            )
        )
    separators = text.count(_PARAGRAPH_SEPARATOR)
    if separators > 1:
        # The editor keeps paragraphs as blocks: U+2029 becomes a block break and
        # comes back as a newline, so a save cannot write it again.
        notes.append(
            Translatable(
                "This file contains {count} paragraph separators (U+2029); they will be "
                "saved as line breaks ({newline}).",
                count=separators,
                newline=_NEWLINE_NAMES[newline],
            )
        )
    elif separators:
        notes.append(
            Translatable(
                "This file contains a paragraph separator (U+2029); it will be saved as "
                "a line break ({newline}).",
                newline=_NEWLINE_NAMES[newline],
            )
        )
    return tuple(notes)


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
    text, newline, counts = _normalize_newlines(data.decode("utf-8", "replace"))
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
    text, newline, counts = _normalize_newlines(text)
    fmt = DocumentFormat(fmt.encoding, newline, fmt.bom)
    mixed = sum(1 for n in counts.values() if n) > 1
    notes = _notes(text, newline, counts)
    return LoadedDocument(text, fmt, st.st_mtime_ns, len(data), path, mixed, signature, notes=notes)


def encode_document(text: str, fmt: DocumentFormat, name: str = THE_DOCUMENT) -> bytes:
    """Encode editor text (``\\n`` newlines) for disk; raise DocumentError for unencodable text."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _PARAGRAPH_SEPARATOR in text:
        # As the editor does (a block break): what load_document's note announced.
        text = text.replace(_PARAGRAPH_SEPARATOR, "\n")
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
                Translatable(
                    "Cannot save {name}: line {line} contains an invalid character "
                    "(U+{code:04X}); delete it and save again.",
                    name=name,
                    line=line,
                    code=ord(char),
                )
            ) from None
        raise EncodingError(
            Translatable(
                "Cannot save {name} as {encoding}: the character \u201c{char}\u201d "
                "(U+{code:04X}) on line {line} cannot be stored in that encoding; "
                "save it as UTF-8 instead.",
                name=name,
                encoding=fmt.encoding_name,
                char=char,
                code=ord(char),
                line=line,
            )
        ) from None
    return BOM_FOR[fmt.encoding] + body if fmt.bom else body


_ADVICE = {
    errno.ENOSPC: Translatable("Free some space or save elsewhere."),
    getattr(errno, "EDQUOT", errno.ENOSPC): Translatable("Free some space or save elsewhere."),
    errno.EROFS: Translatable("Save it elsewhere."),
    errno.EACCES: Translatable("Save it elsewhere."),
    errno.EPERM: Translatable("Save it elsewhere."),
    errno.ENAMETOOLONG: Translatable("Save it under a shorter name or in another folder."),
    errno.EIO: Translatable("Save a copy elsewhere and check the disk."),
}


def _save_error(path: Path, exc: OSError) -> DocumentError:
    name = quoted(path)
    code = exc.errno
    if isinstance(exc, FileNotFoundError) or code == errno.ENOENT:
        return DocumentError(
            Translatable(
                "Cannot save {name}: the folder {folder} no longer exists.",
                name=name,
                folder=str(path.parent),
            )
        )
    reason = describe_os_error(exc)
    if code in (errno.EACCES, errno.EPERM) or isinstance(exc, PermissionError):
        reason = Translatable("permission denied (the file or its folder is read-only)")
        code = errno.EACCES
    existed = exc.existed if isinstance(exc, WriteFailedError) else path.exists()
    kept = (
        Translatable("Nothing was written; the file on disk is unchanged.")
        if existed
        else Translatable("Nothing was written; no file was created.")
    )
    failed = Translatable("Cannot save {name}: {reason}.", name=name, reason=reason)
    advice = _ADVICE.get(code or 0)
    if advice is None:
        return DocumentError(Translatable("{failed} {kept}", failed=failed, kept=kept))
    return DocumentError(
        Translatable("{failed} {advice} {kept}", failed=failed, advice=advice, kept=kept)
    )


def _check_unchanged(path: Path, expected: DiskSignature) -> None:
    """Raise ExternalChangeError unless the file still holds the bytes ``expected`` describes."""
    state = disk_state(path, expected)
    if state is DiskState.UNCHANGED:
        return
    if state is DiskState.DELETED:
        raise FileDeletedError(
            Translatable(
                "{name} was deleted or moved by another program since it was opened; "
                "saving will create it again.",
                name=quoted(path),
            ),
            None,
        )
    try:
        now = signature_of(path)
    except OSError:
        now = None
    raise ExternalChangeError(
        Translatable(
            "{name} was changed by another program since it was opened; saving "
            "would overwrite those changes.",
            name=quoted(path),
        ),
        now,
    )


def _sweep_once(folder: Path) -> None:
    key = os.path.normcase(os.path.abspath(folder))
    with _swept_lock:
        if key in _swept_folders:
            return
        _swept_folders.add(key)
    remove_stale_temp_files(folder)


def write_document(
    path: str | os.PathLike[str],
    text: str,
    fmt: DocumentFormat,
    *,
    expected: DiskSignature | None = None,
) -> DiskSignature:
    """Atomically write ``text`` in ``fmt``; return the signature of the bytes now on disk.

    With ``expected`` (the signature from load or the last save) the file must
    still hold those bytes: otherwise ``ExternalChangeError`` (or its subclass
    ``FileDeletedError``) is raised and nothing is written; call again without
    ``expected`` once the writer chose to overwrite. Any other failure raises
    DocumentError with the file untouched and no temp file left behind.
    """
    path = Path(path)
    if path.is_dir():
        raise DocumentError(
            Translatable("Cannot save {name}: a folder with that name exists.", name=quoted(path))
        )
    data = encode_document(text, fmt, quoted(path))
    if expected is not None:
        _check_unchanged(path, expected)
    try:
        # os.replace would happily swap out a file the writer marked read-only.
        if path.exists() and not os.access(path, os.W_OK):
            raise PermissionError(errno.EACCES, "file is read-only", str(path))
        written = atomic_write_bytes(path, data)
        mtime_ns = os.stat(written).st_mtime_ns
    except OSError as exc:
        raise _save_error(path, exc) from None
    # Temp files a crash left here long ago (ours only, older than an hour).
    _sweep_once(written.parent)
    return signature_of_bytes(data, mtime_ns)


def save_document(
    path: str | os.PathLike[str],
    text: str,
    fmt: DocumentFormat,
    *,
    expected: DiskSignature | None = None,
) -> int:
    """``write_document`` returning only the new mtime_ns (for callers that predate signatures)."""
    return write_document(path, text, fmt, expected=expected).mtime_ns


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
