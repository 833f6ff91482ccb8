"""Saving writers' files in the format they were opened in, atomically.

``write_document`` encodes the editor's text (``\\n`` newlines) back into the
document's encoding, line endings and BOM, so a file opened and saved unchanged is
byte-for-byte identical; given the signature recorded at load it refuses to
overwrite a file another program changed since. Every failure a user can cause
becomes a one-line ``DocumentError`` that says what was (not) written.
"""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

from assistant.storage.atomic import (
    WriteFailedError,
    atomic_write_bytes,
    describe_os_error,
    remove_stale_temp_files,
)
from assistant.storage.documents import THE_DOCUMENT, DocumentFormat
from assistant.storage.encodings import BOM_FOR, quoted
from assistant.storage.errors import (
    DocumentError,
    EncodingError,
    ExternalChangeError,
    FileDeletedError,
)
from assistant.storage.line_endings import PARAGRAPH_SEPARATOR
from assistant.storage.signature import (
    DiskSignature,
    DiskState,
    disk_state,
    signature_of,
    signature_of_bytes,
)
from assistant.translatable import Translatable

# Stale temp files of ours are swept once per folder per run (a scandir each save
# would cost a large folder milliseconds every time).
_swept_folders: set[str] = set()
_swept_lock = threading.Lock()


def encode_document(text: str, fmt: DocumentFormat, name: str = THE_DOCUMENT) -> bytes:
    """Encode editor text (``\\n`` newlines) for disk; raise DocumentError for unencodable text."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if PARAGRAPH_SEPARATOR in text:
        # As the editor does (a block break): what load_document's note announced.
        text = text.replace(PARAGRAPH_SEPARATOR, "\n")
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
