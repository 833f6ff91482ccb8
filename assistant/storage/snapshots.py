"""Named snapshots of a document, kept beside the user's data rather than beside the file.

Layout: ``data_dir()/snapshots/<key hash>/<stamp>.txt`` (text, UTF-8) plus
``<stamp>.json`` (name, time, auto flag, hash). A snapshot id is
``<key hash>.<stamp>``, so ``read``/``delete`` need no document key. Automatic
snapshots are capped per document; named ones are kept until deleted.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from assistant import paths
from assistant.paths import make_private_dir
from assistant.storage.atomic import (
    atomic_write_json,
    atomic_write_text,
    read_json_object,
)

MAX_AUTO_SNAPSHOTS = 20
_ID = re.compile(r"^([0-9a-f]{32})\.([0-9]{20})$")
_last_stamp = 0  # process-wide, so two stores never hand out the same stamp


def doc_key_for_path(path: str | os.PathLike[str]) -> str:
    """The snapshot key of a saved file: its absolute, normalised path."""
    return os.path.normcase(os.path.abspath(path))


def _folder_name(doc_key: str) -> str:
    return hashlib.sha256(doc_key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


@dataclass
class SnapshotInfo:
    """One snapshot as listed (``SnapshotStore.read`` returns the text)."""

    snapshot_id: str
    doc_key: str
    name: str
    created_at: datetime
    auto: bool
    length: int  # characters


class SnapshotStore:
    """All snapshots, under ``data_dir()/snapshots`` unless another root is given."""

    def __init__(
        self, root: str | os.PathLike[str] | None = None, max_auto: int = MAX_AUTO_SNAPSHOTS
    ) -> None:
        self.root = Path(root) if root is not None else paths.data_dir() / "snapshots"
        self.max_auto = max_auto

    def _paths(self, snapshot_id: str) -> tuple[Path, Path]:
        match = _ID.match(snapshot_id)
        if not match:
            raise ValueError(f"not a snapshot id: {snapshot_id!r}")
        folder = self.root / match.group(1)
        return folder / f"{match.group(2)}.txt", folder / f"{match.group(2)}.json"

    @staticmethod
    def _next_stamp() -> str:
        # Strictly increasing even when two snapshots land in the same clock tick,
        # so "newest first" is never ambiguous.
        global _last_stamp
        stamp = max(time.time_ns(), _last_stamp + 1)
        _last_stamp = stamp
        return f"{stamp:020d}"

    def take(self, doc_key: str, text: str, name: str, auto: bool = False) -> SnapshotInfo:
        """Store a snapshot; an automatic one identical to the newest snapshot is not duplicated."""
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        if auto:
            newest = self._metas(doc_key)[:1]
            if newest and newest[0][1].get("sha256") == digest:
                return self._info(*newest[0])
        make_private_dir(self.root)
        folder = make_private_dir(self.root / _folder_name(doc_key))
        snapshot_id = f"{folder.name}.{self._next_stamp()}"
        text_path, meta_path = self._paths(snapshot_id)
        atomic_write_text(text_path, text)
        meta = {
            "doc_key": doc_key,
            "name": name,
            "auto": bool(auto),
            "created_at": datetime.now(timezone.utc).isoformat(),
            "length": len(text),
            "sha256": digest,
        }
        atomic_write_json(meta_path, meta)
        if auto:
            self._prune(doc_key)
        return self._info(snapshot_id, meta)

    def _metas(self, doc_key: str) -> list[tuple[str, dict]]:
        folder = self.root / _folder_name(doc_key)
        found = []
        for meta_path in folder.glob("*.json"):
            snapshot_id = f"{folder.name}.{meta_path.stem}"
            meta = read_json_object(meta_path)
            if (
                meta is not None
                and _ID.match(snapshot_id)
                and meta_path.with_suffix(".txt").exists()
            ):
                found.append((snapshot_id, meta))
        found.sort(key=lambda item: item[0], reverse=True)  # stamps sort by time
        return found

    @staticmethod
    def _info(snapshot_id: str, meta: dict) -> SnapshotInfo:
        stamp_ns = int(snapshot_id.rsplit(".", 1)[1])
        try:
            created = datetime.fromisoformat(str(meta["created_at"]))
        except (KeyError, ValueError):
            created = datetime.fromtimestamp(stamp_ns / 1e9, timezone.utc)
        return SnapshotInfo(
            snapshot_id=snapshot_id,
            doc_key=str(meta.get("doc_key", "")),
            name=str(meta.get("name", "")),
            created_at=created,
            auto=bool(meta.get("auto", False)),
            length=int(meta.get("length", 0)),
        )

    def list(self, doc_key: str) -> list[SnapshotInfo]:
        """Snapshots of one document, newest first."""
        return [self._info(sid, meta) for sid, meta in self._metas(doc_key)]

    def read(self, snapshot_id: str) -> str:
        """The text of a snapshot; raises FileNotFoundError if it was deleted."""
        text_path, _ = self._paths(snapshot_id)
        return text_path.read_bytes().decode("utf-8", "surrogatepass")

    def delete(self, snapshot_id: str) -> None:
        """Remove a snapshot (no error if it is already gone)."""
        text_path, meta_path = self._paths(snapshot_id)
        for path in (meta_path, text_path):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    def _prune(self, doc_key: str) -> None:
        autos = [sid for sid, meta in self._metas(doc_key) if meta.get("auto")]
        for snapshot_id in autos[self.max_auto :]:
            self.delete(snapshot_id)
