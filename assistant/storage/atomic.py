"""Crash-safe file writes shared by documents, recovery copies, snapshots and settings.

A write goes to a temp file in the destination folder (so the final rename never
crosses a file system), is flushed and fsynced (``F_FULLFSYNC`` on macOS), takes the
permission bits of the file it replaces (the app's own files: 0600), and is renamed
over the destination with ``os.replace``. A crash at any point leaves either the old
file or the new one, never a torn mix; a failure raises one ``WriteFailedError``
whose text names the file and the reason, with the old file intact and no temp left.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import re
import secrets
import time
from pathlib import Path
from typing import Any

from assistant.translatable import Translatable

try:  # POSIX only; Windows flushes with os.fsync (FlushFileBuffers)
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

# On Windows a file opened without O_BINARY translates newlines; we write exact bytes.
_O_BINARY = getattr(os, "O_BINARY", 0)
_TEMP_SUFFIX = ".tmp"
# Exactly the names _open_temp creates, so a cleanup never touches anyone else's files.
_TEMP_NAME = re.compile(r"^\..+\.[0-9a-f]{8}\.tmp$")
# "." + name + "." + 8 hex digits + ".tmp" must fit the usual 255-byte name limit.
_MAX_NAME_BYTES = 255
_TEMP_EXTRA_BYTES = 1 + 1 + 8 + len(_TEMP_SUFFIX)

#: Mode of every file the app keeps for itself (recovery copies, snapshots, settings, chats).
PRIVATE_FILE_MODE = 0o600

_REASONS = {
    errno.ENOSPC: Translatable("the disk is full"),
    getattr(errno, "EDQUOT", errno.ENOSPC): Translatable("the disk is full"),
    errno.EROFS: Translatable("the disk is read-only"),
    errno.EACCES: Translatable("permission denied"),
    errno.EPERM: Translatable("permission denied"),
    errno.ENAMETOOLONG: Translatable("the name is too long for this disk"),
    errno.EIO: Translatable("the disk reported an input/output error"),
    errno.ENOENT: Translatable("the folder no longer exists"),
}


def describe_os_error(exc: OSError) -> str:
    """A short, lower-case reason a writer understands ("the disk is full"; a Translatable)."""
    if isinstance(exc, WriteFailedError):
        return exc.reason
    reason = _REASONS.get(exc.errno or 0)
    if reason is None and isinstance(exc, PermissionError):
        reason = _REASONS[errno.EACCES]
    return reason or (exc.strerror or str(exc)).rstrip(".")


class WriteFailedError(OSError):
    """An atomic write failed; the previous version is untouched and no temp file is left.

    ``errno`` is the system's; ``str()`` is one sentence naming the file (``message``).
    """

    def __init__(self, path: Path, cause: OSError) -> None:
        self.reason = describe_os_error(cause)
        super().__init__(cause.errno, self.reason, str(path))
        self.existed = path.exists()

    @property
    def message(self) -> Translatable:
        """The sentence to show, translatable (see assistant.translatable)."""
        name = Path(str(self.filename))
        where = {"name": display_name(name.name), "folder": display_name(str(name.parent))}
        if self.existed:
            return Translatable(
                "Could not write \u201c{name}\u201d in {folder}: {reason}; "
                "the previous version is unchanged.",
                reason=self.reason,
                **where,
            )
        return Translatable(
            "Could not write \u201c{name}\u201d in {folder}: {reason}; nothing was written.",
            reason=self.reason,
            **where,
        )

    def __str__(self) -> str:
        return str(self.message)


def display_name(name: str) -> str:
    """A file name or path safe to show: undecodable bytes become U+FFFD.

    A name from a non-UTF-8 zip comes in as lone surrogates (``os.fsdecode``), which
    Qt and log files cannot print; only the display changes, never the path used.
    """
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "replace")
    return name


def _resolve_target(path: Path) -> Path:
    # Saving through a symlink must update the file it points to, not replace the
    # link itself with a regular file.
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            # A write that stores nothing and reports no error: the disk has no room
            # left (some network and FUSE file systems do this). Looping would hang.
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        view = view[written:]


def _fsync_file(fd: int) -> None:
    # On macOS fsync only reaches the drive's cache; F_FULLFSYNC asks the drive to
    # write it out. Some file systems refuse it: then a plain fsync is the best there is.
    full = getattr(fcntl, "F_FULLFSYNC", None) if fcntl is not None else None
    if full is not None:
        try:
            fcntl.fcntl(fd, full)
            return
        except OSError:
            pass
    os.fsync(fd)


def fsync_directory(folder: Path) -> None:
    """Flush a folder's entry table so a rename inside it survives a power cut."""
    if os.name == "nt":  # Windows cannot open a directory for fsync; NTFS journals renames
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        log.warning("could not open %s to flush it: %s", display_name(str(folder)), exc)
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        # Some file systems (network, FUSE) refuse; the data itself is already synced,
        # and the rename is done: a power cut now leaves the old or the new complete file.
        log.warning("could not flush folder %s: %s", display_name(str(folder)), exc)
    finally:
        os.close(fd)


def _temp_stem(name: str) -> str:
    # Keep the whole temp name under the file system's limit: a 250-byte file name is
    # legal, and a temp name 14 bytes longer would make it impossible to save.
    raw = os.fsencode(name)
    budget = _MAX_NAME_BYTES - _TEMP_EXTRA_BYTES
    if len(raw) <= budget:
        return name
    return os.fsdecode(raw[:budget].decode("utf-8", "ignore").encode("utf-8")) or "x"


def _open_temp(folder: Path, name: str, mode: int) -> tuple[int, Path]:
    # A hidden, unique name next to the target, created with `mode` (the umask may
    # narrow it further, never widen it).
    stem = _temp_stem(name)
    for _ in range(100):
        temp = folder / f".{stem}.{secrets.token_hex(4)}{_TEMP_SUFFIX}"
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, mode)
        except FileExistsError:
            continue
        return fd, temp
    raise FileExistsError(errno.EEXIST, f"could not create a temporary file in {folder}")


def _set_mode(fd: int, temp: Path, mode: int) -> None:
    # A refused chmod (FAT, SMB, some FUSE mounts) is not a failed save: the temp
    # file was created no wider than `mode`, so the result is at worst more private.
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        else:  # pragma: no cover - Windows
            os.chmod(temp, mode)
    except OSError as exc:
        log.info("could not set mode %o on %s: %s", mode, display_name(str(temp)), exc)


def atomic_write_bytes(
    path: str | os.PathLike[str],
    data: bytes,
    keep_mode_from: str | os.PathLike[str] | None = None,
    *,
    mode: int | None = None,
) -> Path:
    """Replace ``path`` with ``data`` atomically; raise WriteFailedError and leave it untouched.

    The new file gets ``mode`` if given (the app's own files: PRIVATE_FILE_MODE),
    else the permission bits of ``keep_mode_from`` (default: the file being
    replaced); a new file without either gets what the umask gives. The temp file is
    never more open than the final file. Returns the path written (a symlink's target).
    """
    target = _resolve_target(Path(path))
    final_mode = mode
    if final_mode is None:
        mode_source = Path(keep_mode_from) if keep_mode_from is not None else target
        try:
            final_mode = os.stat(mode_source).st_mode & 0o7777
        except OSError:
            final_mode = None
    # Owner-only while the data goes in; the final bits are set just before the rename.
    create_mode = 0o666 if final_mode is None else final_mode & PRIVATE_FILE_MODE
    try:
        fd, temp = _open_temp(target.parent, target.name, create_mode)
    except OSError as exc:
        raise WriteFailedError(target, exc) from exc
    try:
        try:
            _write_all(fd, data)
            _fsync_file(fd)
            if final_mode is not None:
                _set_mode(fd, temp, final_mode)
        finally:
            os.close(fd)
        os.replace(temp, target)
    except BaseException as exc:
        # Also on KeyboardInterrupt: never leave a stray temp file beside the writer's text.
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise WriteFailedError(target, exc) from exc
        raise
    fsync_directory(target.parent)
    return target


def atomic_write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Atomically write ``text`` as UTF-8 (no newline translation), private to the user."""
    return atomic_write_bytes(path, text.encode("utf-8", "surrogatepass"), mode=PRIVATE_FILE_MODE)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def json_text(obj: Any) -> str:
    """Pretty JSON for the app's own files; lone surrogates (undecodable file names) escaped.

    ``ensure_ascii=False`` keeps Chinese names readable, but a name that came from
    bytes that are not UTF-8 holds lone surrogates, which UTF-8 cannot store. As
    ``\\udcb5`` escapes they are valid JSON and read back to the very same str.
    """
    text = json.dumps(obj, ensure_ascii=False, indent=2) + "\n"
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def atomic_write_json(path: str | os.PathLike[str], obj: Any) -> Path:
    """Atomically write ``obj`` as pretty UTF-8 JSON (trailing newline), private to the user."""
    return atomic_write_bytes(path, json_text(obj).encode("utf-8"), mode=PRIVATE_FILE_MODE)


def read_json_object(path: str | os.PathLike[str]) -> dict[str, Any] | None:
    """Return the JSON object stored at ``path``, or None if missing/unreadable/not an object."""
    try:
        with open(path, encoding="utf-8") as fh:
            value = json.load(fh)
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def move_aside(path: str | os.PathLike[str], tag: str = "corrupt") -> Path:
    """Rename ``path`` to ``<name>.<tag>-<timestamp>`` (never overwriting); return the new path."""
    source = Path(path)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    candidate = source.with_name(f"{source.name}.{tag}-{stamp}")
    n = 1
    while candidate.exists():
        n += 1
        candidate = source.with_name(f"{source.name}.{tag}-{stamp}-{n}")
    os.replace(source, candidate)
    return candidate


def remove_stale_temp_files(folder: str | os.PathLike[str], older_than_s: float = 3600) -> int:
    """Delete temp files an interrupted write left behind; return how many were removed."""
    removed = 0
    cutoff = time.time() - older_than_s
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not _TEMP_NAME.match(entry.name):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < cutoff:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed
