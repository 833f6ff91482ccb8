"""Provenance sidecars: which spans of a saved document the model wrote, kept off the document.

A sidecar is one JSON object per document file: the spans (tasks/provenance.py),
the SHA-256 of the text they describe, and when it was written. It lives either in
the data folder (``data_dir()/provenance/<name>.json``, the default) or, by the
writer's choice, beside the file as ``<file name>.provenance.json`` (to hand it on
with the document). It is written atomically right after the document is saved,
never into the document itself.

In the data folder the file name is `Sealer.name_for` of the document's path, and
with encryption on (storage/privacy.py) the whole object is a sealed blob: neither
the path nor the model's text can be read without the key. A sidecar beside the
file is plain JSON: the writer put it next to their own (plain) document on purpose.

Opening a file that was changed by another program since its sidecar was written
looks the spans up again in the new text (`tasks.provenance.realign`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from assistant import paths
from assistant.paths import make_private_dir
from assistant.settings_rules import PROVENANCE_LOCATIONS
from assistant.storage import privacy
from assistant.storage.atomic import atomic_write_json, read_json_object
from assistant.storage.crypto import CryptoError, Sealer, read_sealed_json, write_sealed_json
from assistant.storage.snapshots import doc_key_for_path
from assistant.tasks.provenance import Span, realign, spans_from_json, spans_to_json, text_digest

FORMAT = "writing-assistant-provenance"
VERSION = 1
#: Where a sidecar is kept: the app's data folder, or beside the document.
LOCATIONS = PROVENANCE_LOCATIONS
BESIDE_SUFFIX = ".provenance.json"
_PURPOSE = "provenance.sidecar"
FOLDER = "provenance"


def beside_path(doc_path: str | os.PathLike[str]) -> Path:
    """The sidecar next to a document: ``story.txt`` → ``story.txt.provenance.json``."""
    path = Path(doc_path)
    return path.with_name(path.name + BESIDE_SUFFIX)


@dataclass(frozen=True)
class LoadedProvenance:
    """The spans found for a file, and what the writer may want to know about them."""

    spans: list[Span]
    #: Spans whose text is no longer in the file (it was edited by another program).
    dropped: int = 0
    #: The file changed since the sidecar was written; the spans were looked up again.
    realigned: bool = False
    #: Where they came from: "data", "beside", or "" when there was no sidecar.
    location: str = ""


def _record(doc_path: str | os.PathLike[str], text: str, spans: Sequence[Span]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "path": os.fspath(doc_path),
        "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "text_sha256": text_digest(text),
        "characters": len(text),
        "spans": spans_to_json(spans),
    }


def _usable(record: dict | None) -> dict | None:
    if record is None or record.get("format") != FORMAT:
        return None
    version = record.get("version")
    if not isinstance(version, int) or version > VERSION:
        return None  # a newer version's sidecar: left alone, not misread
    return record


class ProvenanceStore:
    """The sidecars of every document (``data_dir()/provenance`` unless another root is given).

    ``sealer`` fixes how they are stored (tests, re-encryption); by default the
    process's privacy state decides at every call (LockedError while locked).
    """

    def __init__(
        self, root: str | os.PathLike[str] | None = None, sealer: Sealer | None = None
    ) -> None:
        if root is None:
            privacy.settle()  # a switch a crash interrupted is finished before we look
        self.root = Path(root) if root is not None else paths.data_dir() / FOLDER
        self._sealer_override = sealer

    def _sealer(self) -> Sealer:
        return self._sealer_override or privacy.sealer()

    def data_path(self, doc_path: str | os.PathLike[str], sealer: Sealer | None = None) -> Path:
        """The sidecar of `doc_path` in the data folder (its name hides the path)."""
        name = (sealer or self._sealer()).name_for(doc_key_for_path(doc_path))
        return self.root / f"{name}.json"

    def save(
        self,
        doc_path: str | os.PathLike[str],
        text: str,
        spans: Sequence[Span],
        location: str = "data",
    ) -> Path | None:
        """Write the sidecar of a just-saved document; OSError if it cannot be written.

        No spans: any sidecar of the file is removed (there is nothing to keep). The
        copy in the other location goes too, so two sidecars never disagree.
        """
        if location not in LOCATIONS:
            raise ValueError(f"location must be one of {LOCATIONS}, not {location!r}")
        beside = beside_path(doc_path)
        with privacy.writing(self._sealer_override) as sealer:
            in_data = self.data_path(doc_path, sealer)
            if not spans:
                self._remove(in_data, beside)
                return None
            record = _record(os.path.abspath(doc_path), text, spans)
            if location == "beside":
                atomic_write_json(beside, record)
                self._remove(in_data)
                return beside
            make_private_dir(self.root)
            write_sealed_json(in_data, record, sealer, _PURPOSE)
            self._remove(beside)
            return in_data

    @staticmethod
    def _remove(*sidecars: Path) -> None:
        for path in sidecars:
            if path.name.endswith(BESIDE_SUFFIX) and _usable(read_json_object(path)) is None:
                continue  # not one of ours: a file of the writer's that has our suffix
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    def has_record(self, doc_path: str | os.PathLike[str]) -> bool:
        """Whether a sidecar may exist for `doc_path` (cheap: no file is read).

        True when encryption is locked: only reading can tell, and it says so.
        """
        if beside_path(doc_path).exists():
            return True
        try:
            return self.data_path(doc_path).exists()
        except CryptoError:
            return True

    def load(self, doc_path: str | os.PathLike[str], text: str) -> LoadedProvenance:
        """The spans of `doc_path` whose text is now `text` (none: an empty result).

        A sidecar that describes exactly this text is used as it is; otherwise the
        newest one is looked up in the new text. LockedError when only the key is missing.
        """
        found: list[tuple[str, dict]] = []
        beside = _usable(read_json_object(beside_path(doc_path)))
        if beside is not None:
            found.append(("beside", beside))
        in_data = _usable(read_sealed_json(self.data_path(doc_path), self._sealer(), _PURPOSE))
        if in_data is not None:
            found.append(("data", in_data))
        if not found:
            return LoadedProvenance([])
        digest = text_digest(text)
        exact = [item for item in found if item[1].get("text_sha256") == digest]
        if exact:
            location, record = exact[0]
            spans = spans_from_json(record.get("spans"))
            kept, dropped = realign(spans, text)  # a damaged entry must not point past the end
            return LoadedProvenance(kept, dropped, False, location)
        location, record = max(found, key=lambda item: str(item[1].get("saved_at", "")))
        kept, dropped = realign(spans_from_json(record.get("spans")), text)
        return LoadedProvenance(kept, dropped, True, location)

    def forget(self, doc_path: str | os.PathLike[str]) -> None:
        """Remove the sidecars of a document (both locations)."""
        with privacy.writing(self._sealer_override) as sealer:
            self._remove(self.data_path(doc_path, sealer), beside_path(doc_path))


def reseal(source_dir: Path, target_dir: Path, old: Sealer, new: Sealer) -> None:
    """Copy every sidecar of `source_dir`/provenance into `target_dir`, sealed with `new`.

    The file names are derived from the key too, so each is named again from the
    path stored inside it.
    """
    source = source_dir / FOLDER
    if not source.is_dir():
        return
    target = ProvenanceStore(target_dir / FOLDER, sealer=new)
    make_private_dir(target.root)
    for sidecar in sorted(source.glob("*.json")):
        record = _usable(read_sealed_json(sidecar, old, _PURPOSE))
        if record is None or not isinstance(record.get("path"), str):
            continue  # unreadable already: nothing to carry over
        write_sealed_json(target.data_path(record["path"], new), record, new, _PURPOSE)
