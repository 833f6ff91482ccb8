"""Named snapshots of a document, kept beside the user's data rather than beside the file.

Layout: ``data_dir()/snapshots/<key hash>/<stamp>.txt`` (text, UTF-8) plus
``<stamp>.json`` (name, time, auto flag, hash). A snapshot id is
``<key hash>.<stamp>``, so ``read``/``delete`` need no document key. Automatic
snapshots are capped per document; named ones are kept until deleted.

With encryption on (storage/privacy.py) both files are sealed blobs and the folder
name is an HMAC of the document key under the data key, so not even the path of a
document can be confirmed from the folder names.
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
from assistant.storage import privacy
from assistant.storage.crypto import (
    DamagedDataError,
    Sealer,
    read_sealed_json,
    read_sealed_text,
    write_sealed_json,
    write_sealed_text,
)

MAX_AUTO_SNAPSHOTS = 20
_ID = re.compile(r"^([0-9a-f]{32})\.([0-9]{20})$")
_last_stamp = 0  # process-wide, so two stores never hand out the same stamp


def doc_key_for_path(path: str | os.PathLike[str]) -> str:
    """The snapshot key of a saved file: its absolute, normalised path."""
    return os.path.normcase(os.path.abspath(path))


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
    """All snapshots, under ``data_dir()/snapshots`` unless another root is given.

    ``sealer`` fixes how snapshots are stored (tests, re-encryption); by default the
    process's privacy state decides at every call.
    """

    def __init__(
        self,
        root: str | os.PathLike[str] | None = None,
        max_auto: int = MAX_AUTO_SNAPSHOTS,
        sealer: Sealer | None = None,
    ) -> None:
        if root is None:
            privacy.settle()  # a switch a crash interrupted is finished before we look
        self.root = Path(root) if root is not None else paths.data_dir() / "snapshots"
        self.max_auto = max_auto
        self._sealer_override = sealer

    def _sealer(self) -> Sealer:
        return self._sealer_override or privacy.sealer()

    def _folder_name(self, doc_key: str, sealer: Sealer | None = None) -> str:
        return (sealer or self._sealer()).name_for(doc_key)

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
        meta = {
            "doc_key": doc_key,
            "name": name,
            "auto": bool(auto),
            "created_at": datetime.now(timezone.utc).isoformat(),
            "length": len(text),
            "sha256": digest,
        }
        with privacy.writing(self._sealer_override) as sealer:
            if auto:
                newest = self._metas(doc_key, sealer)[:1]
                if newest and newest[0][1].get("sha256") == digest:
                    return self._info(*newest[0])
            snapshot_id = self._store(doc_key, self._next_stamp(), text, meta, sealer)
            if auto:
                self._prune(doc_key)
        return self._info(snapshot_id, meta)

    def _store(self, doc_key: str, stamp: str, text: str, meta: dict, sealer: Sealer) -> str:
        make_private_dir(self.root)
        folder = make_private_dir(self.root / self._folder_name(doc_key, sealer))
        snapshot_id = f"{folder.name}.{stamp}"
        text_path, meta_path = self._paths(snapshot_id)
        write_sealed_text(text_path, text, sealer, "snapshot.text")
        write_sealed_json(meta_path, meta, sealer, "snapshot.meta")
        return snapshot_id

    def _metas(self, doc_key: str, sealer: Sealer | None = None) -> list[tuple[str, dict]]:
        sealer = sealer or self._sealer()
        return self._metas_in(self.root / self._folder_name(doc_key, sealer), sealer)

    @staticmethod
    def _metas_in(folder: Path, sealer: Sealer) -> list[tuple[str, dict]]:
        found = []
        for meta_path in folder.glob("*.json"):
            snapshot_id = f"{folder.name}.{meta_path.stem}"
            meta = read_sealed_json(meta_path, sealer, "snapshot.meta")
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
        return read_sealed_text(text_path, self._sealer(), "snapshot.text")

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


def reseal(source_dir: Path, target_dir: Path, old: Sealer, new: Sealer) -> None:
    """Copy every snapshot of `source_dir`/snapshots into `target_dir`, sealed with `new`."""
    source = source_dir / "snapshots"
    if not source.is_dir():
        return
    target = SnapshotStore(target_dir / "snapshots", sealer=new)
    make_private_dir(target.root)
    for folder in sorted(p for p in source.iterdir() if p.is_dir()):
        for snapshot_id, meta in SnapshotStore._metas_in(folder, old):  # noqa: SLF001
            stamp = snapshot_id.rsplit(".", 1)[1]
            try:
                text = read_sealed_text(folder / f"{stamp}.txt", old, "snapshot.text")
            except (OSError, UnicodeDecodeError, DamagedDataError):
                continue  # unreadable already: nothing to carry over
            target._store(str(meta.get("doc_key", "")), stamp, text, meta, new)  # noqa: SLF001
