"""Crash-safe file writes shared by documents, recovery copies, snapshots and settings.

A write goes to a temp file in the destination folder (so the final rename never
crosses a file system), is flushed and fsynced, takes the permission bits of the
file it replaces, and is renamed over the destination with ``os.replace``. A crash
at any point leaves either the old file or the new one, never a torn mix.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import time
from pathlib import Path
from typing import Any

# On Windows a file opened without O_BINARY translates newlines; we write exact bytes.
_O_BINARY = getattr(os, "O_BINARY", 0)
_TEMP_SUFFIX = ".tmp"
# Exactly the names _open_temp creates, so a cleanup never touches anyone else's files.
_TEMP_NAME = re.compile(r"^\..+\.[0-9a-f]{8}\.tmp$")


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
        view = view[written:]


def fsync_directory(folder: Path) -> None:
    """Flush a folder's entry table so a rename inside it survives a power cut."""
    if os.name == "nt":  # Windows cannot open a directory for fsync; NTFS journals renames
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (network, FUSE) refuse; the data itself is already synced
    finally:
        os.close(fd)


def _open_temp(folder: Path, name: str) -> tuple[int, Path]:
    # A hidden, unique name next to the target. Mode 0o666 lets the umask decide,
    # like any newly created file; an existing file's mode is copied later.
    for _ in range(100):
        temp = folder / f".{name}.{secrets.token_hex(4)}{_TEMP_SUFFIX}"
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o666)
        except FileExistsError:
            continue
        return fd, temp
    raise FileExistsError(f"could not create a temporary file in {folder}")


def atomic_write_bytes(
    path: str | os.PathLike[str], data: bytes, keep_mode_from: str | os.PathLike[str] | None = None
) -> Path:
    """Replace ``path`` with ``data`` atomically; raise OSError and leave it untouched on failure.

    The new file gets the permission bits of ``keep_mode_from`` (default: the file
    being replaced, if any). Returns the path actually written (a symlink's target).
    """
    target = _resolve_target(Path(path))
    mode_source = Path(keep_mode_from) if keep_mode_from is not None else target
    try:
        mode: int | None = os.stat(mode_source).st_mode & 0o7777
    except OSError:
        mode = None
    fd, temp = _open_temp(target.parent, target.name)
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        # Also on KeyboardInterrupt: never leave a stray temp file beside the writer's text.
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    fsync_directory(target.parent)
    return target


def atomic_write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Atomically write ``text`` as UTF-8 (no newline translation)."""
    return atomic_write_bytes(path, text.encode("utf-8", "surrogatepass"))


def atomic_write_json(path: str | os.PathLike[str], obj: Any) -> Path:
    """Atomically write ``obj`` as pretty, UTF-8 JSON with a trailing newline."""
    text = json.dumps(obj, ensure_ascii=False, indent=2) + "\n"
    return atomic_write_bytes(path, text.encode("utf-8"))


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
