"""Which running instance of the app owns what: documents open in a window, claimed orphans.

A lock is a small file holding the owner's pid and process start time, locked
with the operating system's own file lock (``flock`` on POSIX, ``msvcrt.locking``
on Windows) for as long as the owner holds it. The OS lock is the truth: it goes
away when the process dies, however it dies, so a lock file a crash left behind
never blocks anyone. The pid and start time are what a writer is told ("open in
another window since 10:32"), and where no OS lock can be had (a file system
without locking) they decide alone: a lock whose process is gone, or whose pid now
belongs to a process started at another time, is stale and replaced.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from assistant.paths import make_private_dir
from assistant.storage.atomic import PRIVATE_FILE_MODE, display_name
from assistant.translatable import Translatable

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
try:
    import msvcrt
except ImportError:  # POSIX
    msvcrt = None  # type: ignore[assignment]

# Windows byte-range locks block reads of the locked range: lock a byte far past the
# JSON so other instances can still read who holds it.
_WINDOWS_LOCK_OFFSET = 0x7FFFFFFF


def process_start_time(pid: int) -> float | None:
    """When process ``pid`` started (epoch seconds), or None if unknown/gone."""
    try:
        import psutil

        return psutil.Process(pid).create_time()
    except Exception:  # psutil missing, no such process, or access denied
        return None


OWN_PID = os.getpid()
_own_start: list[float | None] = []  # filled on first use: psutil costs ~15 ms to import


def own_start() -> float | None:
    """When this process started (epoch seconds), asked of the OS once and then kept."""
    if not _own_start:
        _own_start.append(process_start_time(OWN_PID))
    return _own_start[0]


def __getattr__(name: str) -> float | None:
    # `OWN_START` stays importable by name; the window shows before psutil is imported.
    if name == "OWN_START":
        return own_start()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def process_alive(pid: int, started: float | None) -> bool:
    """True if ``pid`` runs and (when known) started at ``started``.

    The start time matters: after a crash and a reboot the pid may belong to an
    unrelated process.
    """
    try:
        import psutil
    except ImportError:  # pragma: no cover - psutil is a declared dependency
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        return True
    if not psutil.pid_exists(pid):
        return False
    now_started = process_start_time(pid)
    if started is None or now_started is None:
        return now_started is not None or started is None
    return abs(now_started - started) < 1.0


@dataclass(frozen=True)
class LockHolder:
    """The other running instance that holds a lock."""

    pid: int | None
    started: float | None  # process start time, epoch seconds
    path: str | None = None  # the document, for a document lock

    def message(self, document: str | os.PathLike[str]) -> str:
        """What to tell the writer who opens ``document`` while this instance has it open."""
        name = display_name(Path(document).name or str(document))
        if self.pid is not None and self.started is not None:
            return Translatable(
                "\u201c{name}\u201d is already open in another Writing Assistant window "
                "(process {pid}, running since {time}). Editing it here too means one "
                "window's save overwrites the other's.",
                name=name,
                pid=self.pid,
                time=f"{datetime.fromtimestamp(self.started):%H:%M}",
            )
        if self.pid is not None:
            return Translatable(
                "\u201c{name}\u201d is already open in another Writing Assistant window "
                "(process {pid}). Editing it here too means one window's save overwrites "
                "the other's.",
                name=name,
                pid=self.pid,
            )
        return Translatable(
            "\u201c{name}\u201d is already open in another Writing Assistant window. "
            "Editing it here too means one window's save overwrites the other's.",
            name=name,
        )


def _os_lock(fd: int) -> bool | None:
    """Take the OS lock without waiting: True taken, False held elsewhere, None unsupported."""
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        elif msvcrt is not None:  # pragma: no cover - Windows
            os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            os.lseek(fd, 0, os.SEEK_SET)
        else:  # pragma: no cover
            return None
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES, errno.EDEADLK):
            return False
        return None  # ENOLCK, EOPNOTSUPP: this file system has no locks
    return True


def _read_holder(path: Path) -> LockHolder | None:
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    pid, started, doc = data.get("pid"), data.get("started"), data.get("path")
    return LockHolder(
        pid if isinstance(pid, int) else None,
        float(started) if isinstance(started, (int, float)) else None,
        doc if isinstance(doc, str) else None,
    )


def _is_us(holder: LockHolder | None) -> bool:
    return holder is not None and holder.pid == OWN_PID and holder.started == own_start()


class HeldLock:
    """A lock this process holds until ``release`` (or until it exits, however it exits)."""

    def __init__(self, path: Path, fd: int | None) -> None:
        self.path = path
        self._fd = fd

    def release(self) -> None:
        """Give the lock up and remove its file (safe to call twice)."""
        if self._fd is None and not _is_us(_read_holder(self.path)):
            return
        if os.name != "nt":
            # Unlink while still locked: whoever opens the name next gets a new file.
            with contextlib.suppress(OSError):
                if _is_us(_read_holder(self.path)):
                    self.path.unlink()
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None
        if os.name == "nt":  # pragma: no cover - an open file cannot be deleted there
            with contextlib.suppress(OSError):
                self.path.unlink()


def _record(document: str | None) -> bytes:
    info = {"pid": OWN_PID, "started": own_start(), "path": document}
    # Lone surrogates (undecodable file names) as \\u escapes: valid UTF-8 JSON.
    return json.dumps(info, ensure_ascii=True).encode("ascii")


_UNKNOWN = LockHolder(None, None)


def try_lock(path: Path, document: str | None = None) -> HeldLock | LockHolder:
    """Lock ``path`` for this process: a HeldLock, or the LockHolder of the live owner.

    Use ``hold`` instead: it also knows the locks this process already holds.
    """
    for _ in range(20):
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), PRIVATE_FILE_MODE)
        taken = _os_lock(fd)
        if taken is False:
            os.close(fd)
            return _read_holder(path) or _UNKNOWN
        if taken is None:
            os.close(fd)
            return _pid_lock(path, document)
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except OSError:
            same = False
        if not same:  # released and removed while we opened it: lock the new file
            os.close(fd)
            continue
        os.ftruncate(fd, 0)
        os.write(fd, _record(document))
        return HeldLock(path, fd)
    raise OSError(errno.EBUSY, f"could not lock {path}")


def _pid_lock(path: Path, document: str | None) -> HeldLock | LockHolder:
    """The fallback without OS locks: pid + start time decide whether a lock is stale."""
    for _ in range(20):
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
        except FileExistsError:
            holder = _read_holder(path)
            if _is_us(holder):
                return HeldLock(path, None)
            if holder is not None and holder.pid is not None:
                if process_alive(holder.pid, holder.started):
                    return holder
            elif holder is None and _younger_than(path, 2.0):
                return _UNKNOWN  # being written right now
            # Stale: move it aside under a unique name (only one instance can), then retry.
            tomb = path.with_name(f"{path.name}.stale-{secrets.token_hex(4)}")
            with contextlib.suppress(OSError):
                os.rename(path, tomb)
                os.unlink(tomb)
            continue
        try:
            os.write(fd, _record(document))
        finally:
            os.close(fd)
        return HeldLock(path, None)
    raise OSError(errno.EBUSY, f"could not lock {path}")


def _younger_than(path: Path, seconds: float) -> bool:
    try:
        return time.time() - path.stat().st_mtime < seconds
    except OSError:
        return False


# -- what this process holds -----------------------------------------------------------

_held: dict[str, HeldLock] = {}
_held_guard = threading.Lock()


def hold(path: Path, document: str | None = None) -> LockHolder | None:
    """Hold the lock file ``path`` for this process; None if held now, else the other holder.

    Process-wide: asking again for a lock this process holds returns None.
    """
    key = os.path.normcase(os.path.abspath(path))
    with _held_guard:
        if key in _held:
            return None
        result = try_lock(path, document)
        if isinstance(result, HeldLock):
            _held[key] = result
            return None
    return result


def let_go(path: Path) -> None:
    """Release a lock ``hold`` took (no error if this process does not hold it)."""
    with _held_guard:
        held = _held.pop(os.path.normcase(os.path.abspath(path)), None)
    if held is not None:
        held.release()


def held_elsewhere(path: Path) -> bool:
    """True if another running process holds the lock file ``path`` now."""
    key = os.path.normcase(os.path.abspath(path))
    with _held_guard:
        if key in _held or not path.exists():
            return False
        result = try_lock(path)
        if isinstance(result, LockHolder):
            return True
    # We got it only to look: give it straight back.
    result.release()
    return False


# -- document locks ------------------------------------------------------------------------


def _lock_dir() -> Path:
    from assistant import paths

    return make_private_dir(paths.recovery_dir() / "locks")


def document_lock_path(path: str | os.PathLike[str]) -> Path:
    """The lock file of a document (in the recovery folder, named by a hash of its path)."""
    key = os.path.normcase(os.path.abspath(path))
    digest = hashlib.sha256(os.fsencode(key)).hexdigest()[:32]
    return _lock_dir() / f"{digest}.lock"


def acquire_document_lock(path: str | os.PathLike[str]) -> LockHolder | None:
    """Mark ``path`` as open in this instance; return the other live instance if it has it.

    None means this instance holds the lock now (or already did). A returned
    LockHolder is another running instance: warn (``holder.message(path)``) and,
    if the writer goes on, the document is open twice. Raises OSError only when the
    lock folder cannot be written.
    """
    return hold(document_lock_path(path), os.path.abspath(path))


def release_document_lock(path: str | os.PathLike[str]) -> None:
    """The document was closed in this instance (no error if it was not locked)."""
    let_go(document_lock_path(path))
