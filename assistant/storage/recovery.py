"""Autosave recovery copies, so a crash (even SIGKILL) loses at most one autosave interval.

Each open document with unsaved changes gets ``<doc_id>.txt`` (the text, UTF-8)
and ``<doc_id>.json`` (original path, title, time, pid, session, and the signature
of the file the edits started from) in ``paths.recovery_dir()``, all private to the
user (0600 in a 0700 folder). Both are written atomically, text first, so the JSON
never describes a text that is not on disk yet. Entries written by this run carry
its session id; anything else whose process is gone is an orphan to offer back at
start-up. Two instances started after a crash both see the orphans: ``claim``
lets only one of them offer each (``<doc_id>.claim``, an OS-level lock file).

With encryption on (storage/privacy.py) the text file is a sealed blob and the
JSON keeps in the clear only what tells an orphan from a live copy (pid, process
start, session); title, path, preview and the rest are sealed inside it. So a
crashed run's copies are found before the passphrase is given, and read after.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from assistant import paths
from assistant.paths import make_private_dir
from assistant.storage import privacy
from assistant.storage.atomic import (
    atomic_write_json,
    read_json_object,
    remove_stale_temp_files,
)
from assistant.storage.crypto import DamagedDataError, Sealer, read_sealed_text, write_sealed_text
from assistant.storage.instances import OWN_START, held_elsewhere, hold, let_go, process_alive
from assistant.storage.signature import DiskSignature, DiskState, disk_state
from assistant.translatable import Translatable

# One id per process run: pids are reused by the OS, a random id is not.
SESSION_ID = uuid.uuid4().hex
PREVIEW_CHARS = 200
#: Kept in the clear in an encrypted copy's JSON: enough to tell an orphan, nothing more.
_PLAIN_META = ("pid", "process_started", "session_id")
_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


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
    """Recovery copies under one folder (default ``paths.recovery_dir()``).

    ``sealer`` fixes how copies are stored (tests, re-encryption); by default the
    process's privacy state decides at every call (LockedError while locked).
    """

    def __init__(
        self,
        directory: str | os.PathLike[str] | None = None,
        session_id: str = "",
        sealer: Sealer | None = None,
    ) -> None:
        if directory is None:
            privacy.settle()  # a switch a crash interrupted is finished before we look
        self.directory = Path(directory) if directory is not None else paths.recovery_dir()
        make_private_dir(self.directory)
        self.session_id = session_id or SESSION_ID
        self._sealer_override = sealer
        remove_stale_temp_files(self.directory)

    def _sealer(self) -> Sealer:
        return self._sealer_override or privacy.sealer()

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
        with privacy.writing(self._sealer_override) as sealer:
            # Again each time: "Delete all my data" may have removed the folder meanwhile.
            make_private_dir(self.directory)
            write_sealed_text(text_path, text, sealer, "recovery.text")
            self._write_meta(doc_id, meta, sealer)

    def _write_meta(self, doc_id: str, meta: dict, sealer: Sealer) -> None:
        if sealer.encrypted:
            sealed = sealer.seal(json.dumps(meta).encode("utf-8"), "recovery.meta")
            meta = {k: meta.get(k) for k in _PLAIN_META} | {
                "sealed": base64.b64encode(sealed).decode("ascii")
            }
        atomic_write_json(self._meta_path(doc_id), meta)

    def _read_meta(self, doc_id: str, sealer: Sealer | None = None) -> dict:
        """The copy's metadata, unsealed ({} when missing or damaged; LockedError if locked)."""
        meta = read_json_object(self._meta_path(doc_id)) or {}
        if "sealed" not in meta:
            return meta
        sealer = sealer or self._sealer()
        try:
            inner = json.loads(sealer.open(base64.b64decode(meta["sealed"]), "recovery.meta"))
        except (binascii.Error, ValueError, TypeError, DamagedDataError):
            return {}
        if not isinstance(inner, dict):
            return {}
        # The plain fields are the ones is_orphan reads: keep both views the same.
        return inner | {k: meta[k] for k in _PLAIN_META if k in meta}

    def read(self, doc_id: str) -> str:
        """The full recovered text; raises FileNotFoundError if there is none.

        Also DamagedDataError (a changed file) and LockedError (encrypted, no key yet).
        """
        return read_sealed_text(self._text_path(doc_id), self._sealer(), "recovery.text")

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
        meta = self._read_meta(doc_id)
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
            except (OSError, UnicodeDecodeError, DamagedDataError):
                return None
        pid = meta.get("pid")
        length = meta.get("length")
        original = meta.get("original_path")
        return RecoveryEntry(
            doc_id=doc_id,
            title=str(meta["title"]) if meta.get("title") else Translatable("Untitled"),
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
        """Every recovery copy in the folder, newest first (LockedError when locked)."""
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
        meta = read_json_object(self._meta_path(entry.doc_id)) or {}  # a plain field
        started = meta.get("process_started")
        started = float(started) if isinstance(started, (int, float)) else None
        # Another instance that is still running owns its entries.
        return not process_alive(entry.pid, started)

    def orphans(self) -> list[RecoveryEntry]:
        """Entries left behind by a run that ended without cleaning up, newest first.

        LockedError when there are encrypted ones and no key (see `has_orphans`).
        """
        return [e for e in self.entries() if self.is_orphan(e)]

    def has_orphans(self) -> bool:
        """Are there copies of a run that ended badly? Works without the key (start-up asks)."""
        for text_path in self.directory.glob("*.txt"):
            if not _SAFE_ID.match(text_path.stem):
                continue
            plain = read_json_object(self._meta_path(text_path.stem)) or {}
            session = plain.get("session_id")
            pid = plain.get("pid")
            entry = RecoveryEntry(
                doc_id=text_path.stem,
                title="",
                original_path=None,
                saved_at=datetime.now(timezone.utc),
                preview="",
                pid=pid if isinstance(pid, int) else None,
                session_id=session if isinstance(session, str) else None,
                length=0,
            )
            if self.is_orphan(entry):
                return True
        return False


def reseal(source_dir: Path, target_dir: Path, old: Sealer, new: Sealer) -> None:
    """Copy every recovery copy of `source_dir`/recovery into `target_dir`, sealed with `new`."""
    source = source_dir / "recovery"
    if not source.is_dir():
        return
    old_store = RecoveryStore(source, sealer=old)
    target = make_private_dir(target_dir / "recovery")
    new_store = RecoveryStore(target, sealer=new)
    # Lock and claim files are held by running windows (OS locks on the inode): the
    # new folder gets hard links to the same files, so those locks survive the switch.
    for held in [*source.glob("*.claim"), *source.glob("locks/*")]:
        link = target / held.relative_to(source)
        make_private_dir(link.parent)
        try:
            os.link(held, link)
        except OSError:
            pass  # no hard links here (FAT): the lock is taken again when next needed
    for text_path in sorted(source.glob("*.txt")):
        doc_id = text_path.stem
        if not _SAFE_ID.match(doc_id):
            continue
        meta = old_store._read_meta(doc_id)  # noqa: SLF001 (the same class)
        try:
            text = old_store.read(doc_id)
        except (OSError, UnicodeDecodeError, DamagedDataError):
            continue  # unreadable already: nothing to carry over
        write_sealed_text(new_store._text_path(doc_id), text, new, "recovery.text")  # noqa: SLF001
        new_store._write_meta(doc_id, meta, new)  # noqa: SLF001
