"""Autosave recovery copies, so a crash (even SIGKILL) loses at most one autosave interval.

Each open document with unsaved changes gets ``<doc_id>.txt`` (the text, UTF-8)
and ``<doc_id>.json`` (original path, title, time, pid, session) in
``paths.recovery_dir()``. Both are written atomically, text first, so the JSON
never describes a text that is not on disk yet. Entries written by this run carry
its session id; anything else whose process is gone is an orphan to offer back at
start-up.
"""

from __future__ import annotations

import contextlib
import os
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from assistant import paths
from assistant.storage.atomic import (
    atomic_write_json,
    atomic_write_text,
    read_json_object,
    remove_stale_temp_files,
)

# One id per process run: pids are reused by the OS, a random id is not.
SESSION_ID = uuid.uuid4().hex
PREVIEW_CHARS = 200
_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def new_doc_id() -> str:
    """A fresh, filesystem-safe document id."""
    return uuid.uuid4().hex


def _check_id(doc_id: str) -> str:
    if not isinstance(doc_id, str) or not _SAFE_ID.match(doc_id):
        raise ValueError(f"document id must be 1-64 letters, digits, '-' or '_': {doc_id!r}")
    return doc_id


def _process_start_time(pid: int) -> float | None:
    try:
        import psutil

        return psutil.Process(pid).create_time()
    except Exception:  # psutil missing, no such process, or access denied
        return None


_OWN_START = _process_start_time(os.getpid())


def _process_alive(pid: int, started: float | None) -> bool:
    # Compare start times too: after a crash and reboot the pid may belong to
    # an unrelated process.
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
    now_started = _process_start_time(pid)
    if started is None or now_started is None:
        return now_started is not None or started is None
    return abs(now_started - started) < 1.0


@dataclass
class RecoveryEntry:
    """One recovery copy as listed at start-up (the full text comes from ``read``)."""

    doc_id: str
    title: str
    original_path: str | None
    saved_at: datetime
    preview: str
    pid: int | None
    session_id: str | None
    length: int  # characters in the recovered text
    #: What the caller stored beside the text (e.g. the file's encoding), JSON values only.
    extra: dict = field(default_factory=dict)


class RecoveryStore:
    """Recovery copies under one folder (default ``paths.recovery_dir()``)."""

    def __init__(
        self, directory: str | os.PathLike[str] | None = None, session_id: str = ""
    ) -> None:
        self.directory = Path(directory) if directory is not None else paths.recovery_dir()
        self.directory.mkdir(parents=True, exist_ok=True)
        self.session_id = session_id or SESSION_ID
        remove_stale_temp_files(self.directory)

    def _text_path(self, doc_id: str) -> Path:
        return self.directory / f"{_check_id(doc_id)}.txt"

    def _meta_path(self, doc_id: str) -> Path:
        return self.directory / f"{_check_id(doc_id)}.json"

    def write(
        self,
        doc_id: str,
        text: str,
        original_path: str | None,
        title: str,
        extra: dict | None = None,
    ) -> None:
        """Store (or replace) the recovery copy of one document; raises OSError on failure."""
        text_path = self._text_path(doc_id)
        atomic_write_text(text_path, text)
        meta = {
            "doc_id": doc_id,
            "title": title,
            "original_path": str(original_path) if original_path else None,
            "saved_at": datetime.now(timezone.utc).isoformat(),
            "pid": os.getpid(),
            "process_started": _OWN_START,
            "session_id": self.session_id,
            "length": len(text),
            "preview": text[:PREVIEW_CHARS],
            "extra": dict(extra or {}),
        }
        atomic_write_json(self._meta_path(doc_id), meta)

    def read(self, doc_id: str) -> str:
        """The full recovered text; raises FileNotFoundError if there is none."""
        return self._text_path(doc_id).read_bytes().decode("utf-8", "surrogatepass")

    def remove(self, doc_id: str) -> None:
        """Delete a recovery copy (after a successful save, or when the writer discards it)."""
        # Metadata first: a half-removed entry must not list a text that is gone.
        for path in (self._meta_path(doc_id), self._text_path(doc_id)):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    def _entry(self, text_path: Path) -> RecoveryEntry | None:
        doc_id = text_path.stem
        meta = read_json_object(self._meta_path(doc_id)) or {}
        try:
            st = text_path.stat()
        except OSError:
            return None
        try:
            saved_at = datetime.fromisoformat(str(meta["saved_at"]))
        except (KeyError, ValueError):
            saved_at = datetime.fromtimestamp(st.st_mtime, timezone.utc)
        preview = meta.get("preview")
        if not isinstance(preview, str):
            # No metadata (killed between the two writes): rebuild what we can from the text.
            try:
                preview = self.read(doc_id)[:PREVIEW_CHARS]
            except (OSError, UnicodeDecodeError):
                return None
        pid = meta.get("pid")
        length = meta.get("length")
        original = meta.get("original_path")
        return RecoveryEntry(
            doc_id=doc_id,
            title=str(meta.get("title") or "Untitled"),
            original_path=original if isinstance(original, str) else None,
            saved_at=saved_at,
            preview=preview,
            pid=pid if isinstance(pid, int) else None,
            session_id=meta.get("session_id") if isinstance(meta.get("session_id"), str) else None,
            length=length if isinstance(length, int) else len(preview),
            extra=meta["extra"] if isinstance(meta.get("extra"), dict) else {},
        )

    def list(self) -> list[RecoveryEntry]:
        """Every recovery copy in the folder, newest first."""
        entries = []
        for text_path in self.directory.glob("*.txt"):
            if not _SAFE_ID.match(text_path.stem):
                continue
            entry = self._entry(text_path)
            if entry is not None:
                entries.append(entry)
        entries.sort(key=lambda e: e.saved_at, reverse=True)
        return entries

    def is_orphan(self, entry: RecoveryEntry) -> bool:
        """True if the entry belongs to no running instance of the app (crashed or killed)."""
        if entry.session_id == self.session_id:
            return False
        if entry.pid is None:
            return True
        meta = read_json_object(self._meta_path(entry.doc_id)) or {}
        started = meta.get("process_started")
        started = float(started) if isinstance(started, (int, float)) else None
        # Another instance that is still running owns its entries.
        return not _process_alive(entry.pid, started)

    def orphans(self) -> list[RecoveryEntry]:
        """Entries left behind by a run that ended without cleaning up, newest first."""
        return [e for e in self.list() if self.is_orphan(e)]
