"""Autosave recovery copies, so a crash (even SIGKILL) loses at most one autosave interval.

Each open document with unsaved changes gets ``<doc_id>.txt`` (the text, UTF-8)
and ``<doc_id>.json`` (original path, title, time, pid, session, and the signature
of the file the edits started from) in ``paths.recovery_dir()``, all private to the
user (0600 in a 0700 folder). Both are written atomically, text first, so the JSON
never describes a text that is not on disk yet. Entries written by this run carry
its session id; anything else whose process is gone is an orphan to offer back at
start-up. Two instances started after a crash both see the orphans: ``claim``
lets only one of them offer each (``<doc_id>.claim``, an OS-level lock file).
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
from assistant.paths import make_private_dir
from assistant.storage.atomic import (
    atomic_write_json,
    atomic_write_text,
    read_json_object,
    remove_stale_temp_files,
)
from assistant.storage.instances import OWN_START, held_elsewhere, hold, let_go, process_alive
from assistant.storage.signature import DiskSignature, DiskState, disk_state

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
    #: The file as it was when the edits began (None: untitled, or written by an old version).
    base: DiskSignature | None = None

    def base_state(self) -> DiskState | None:
        """Has the original file changed since the edits began? None when that is unknown.

        UNCHANGED: restoring over it loses nothing. CHANGED: another program (or a
        later save) wrote it since; offer both versions. DELETED: it is gone.
        """
        if self.base is None or not self.original_path:
            return None
        return disk_state(self.original_path, self.base)


class RecoveryStore:
    """Recovery copies under one folder (default ``paths.recovery_dir()``)."""

    def __init__(
        self, directory: str | os.PathLike[str] | None = None, session_id: str = ""
    ) -> None:
        self.directory = Path(directory) if directory is not None else paths.recovery_dir()
        make_private_dir(self.directory)
        self.session_id = session_id or SESSION_ID
        remove_stale_temp_files(self.directory)

    def _text_path(self, doc_id: str) -> Path:
        return self.directory / f"{_check_id(doc_id)}.txt"

    def _meta_path(self, doc_id: str) -> Path:
        return self.directory / f"{_check_id(doc_id)}.json"

    def _claim_path(self, doc_id: str) -> Path:
        return self.directory / f"{_check_id(doc_id)}.claim"

    def write(
        self,
        doc_id: str,
        text: str,
        original_path: str | os.PathLike[str] | None,
        title: str,
        extra: dict | None = None,
        base: DiskSignature | None = None,
    ) -> None:
        """Store (or replace) the recovery copy of one document; raises OSError on failure.

        ``base`` is the signature of the file the edits started from (the document's
        signature at load or last save), so a restore can tell whether it changed since.
        """
        text_path = self._text_path(doc_id)
        atomic_write_text(text_path, text)
        meta = {
            "doc_id": doc_id,
            "title": title,
            "original_path": os.fspath(original_path) if original_path else None,
            "saved_at": datetime.now(timezone.utc).isoformat(),
            "pid": os.getpid(),
            "process_started": OWN_START,
            "session_id": self.session_id,
            "length": len(text),
            "preview": text[:PREVIEW_CHARS],
            "extra": dict(extra or {}),
            "base": base.to_json() if base is not None else None,
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
        let_go(self._claim_path(doc_id))

    def claim(self, doc_id: str) -> bool:
        """Take an orphan for this instance: True for exactly one of several racing instances.

        Call it before offering an orphan back; False means another running
        instance is offering (or has restored) it. The claim lasts until ``remove``,
        ``release_claim`` or the end of this process (a crash frees it too).
        """
        return hold(self._claim_path(doc_id)) is None

    def release_claim(self, doc_id: str) -> None:
        """Give a claimed orphan back (the writer chose "decide later")."""
        let_go(self._claim_path(doc_id))

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
            base=DiskSignature.from_json(meta.get("base")),
        )

    def entries(self) -> list[RecoveryEntry]:
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
        """True if the entry belongs to no running instance of the app (crashed or killed).

        An orphan another running instance has claimed is its, not ours.
        """
        if entry.session_id == self.session_id:
            return False
        if held_elsewhere(self._claim_path(entry.doc_id)):
            return False
        if entry.pid is None:
            return True
        meta = read_json_object(self._meta_path(entry.doc_id)) or {}
        started = meta.get("process_started")
        started = float(started) if isinstance(started, (int, float)) else None
        # Another instance that is still running owns its entries.
        return not process_alive(entry.pid, started)

    def orphans(self) -> list[RecoveryEntry]:
        """Entries left behind by a run that ended without cleaning up, newest first."""
        return [e for e in self.entries() if self.is_orphan(e)]
