"""Everything the app has written on this computer, with sizes, and "delete all my data".

The app writes only under its own folders (`paths`: config, data, cache, logs); the
writer's documents live wherever the writer saved them and are never listed here.
"""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from assistant import paths
from assistant.storage import chat_history, privacy, provenance, stats
from assistant.storage.atomic import describe_os_error
from assistant.storage.crypto import CryptoError, record_key_id
from assistant.translatable import Translatable

log = logging.getLogger(__name__)

#: What each kind of item is, in the order the list shows them.
KINDS = (
    "settings", "chats", "recovery", "snapshots", "provenance", "statistics", "voices",
    "vault", "downloads", "converted", "cache", "logs", "other",
)  # fmt: skip
#: The kinds whose contents encryption covers (storage/reencrypt.py SEALED_STORES).
ENCRYPTED_KINDS = ("chats", "recovery", "snapshots", "provenance", "statistics", "voices")

_DATA_KINDS = {
    "recovery": "recovery",
    "snapshots": "snapshots",
    provenance.FOLDER: "provenance",
    "voices": "voices",
    privacy.VAULT_NAME: "vault",
    "models": "downloads",
}


@dataclass(frozen=True)
class StoredItem:
    """One file or folder the app wrote: what it is, where, and how many bytes."""

    kind: str
    path: Path
    size_bytes: int
    is_dir: bool


def _size(path: Path) -> int:
    if path.is_symlink() or not path.is_dir():
        try:
            return path.lstat().st_size
        except OSError:
            return 0
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            with contextlib.suppress(OSError):
                total += (Path(root) / name).lstat().st_size
    return total


def _kind(root: str, name: str) -> str:
    if root == "config":
        return "settings" if name.startswith("settings.json") else "other"
    if root == "cache":
        return "converted" if name == "converted" else "cache"
    if root == "logs":
        return "logs"
    if name.startswith(chat_history.CHAT_DB_ENTRIES[0]):
        return "chats"
    if name.startswith(stats.STATS_DB_ENTRIES[0]):
        return "statistics"
    return _DATA_KINDS.get(name, "other")


def app_roots() -> dict[str, Path]:
    """The app's own folders by role (some platforms use one folder for two roles)."""
    return {
        "config": paths.config_dir(),
        "data": paths.data_dir(),
        "cache": paths.cache_dir(),
        "logs": paths.log_dir(),
    }


def stored_items() -> list[StoredItem]:
    """Every top-level file and folder in the app's folders, by kind, with its size."""
    privacy.settle()
    seen: set[Path] = set()
    items = []
    for role, root in app_roots().items():
        try:
            entries = sorted(root.iterdir())
        except OSError:
            continue
        for entry in entries:
            if entry in seen or entry in app_roots().values():
                continue  # a root inside another (logs under data on some systems)
            seen.add(entry)
            items.append(StoredItem(_kind(role, entry.name), entry, _size(entry), entry.is_dir()))
    items.sort(key=lambda item: (KINDS.index(item.kind), str(item.path)))
    return items


def delete_items(items: list[StoredItem]) -> list[str]:
    """Delete the given items for good; return a sentence per item that could not be.

    Open chat connections are closed first, a remembered key leaves the keyring,
    and the key in memory is forgotten when the vault goes.
    """
    failures: list[str] = []
    with privacy.LOCK:
        chat_history.suspend_all()
        stats.suspend_all()
        if any(item.kind == "vault" for item in items):
            with contextlib.suppress(CryptoError, OSError):
                record = privacy.read_record()
                if record is not None:
                    privacy.keyring_forget(record_key_id(record))
        for item in items:
            try:
                # Overwrite the private stores before unlinking; a model is just removed.
                scrub = item.kind in (*ENCRYPTED_KINDS, "settings", "vault", "other")
                privacy.remove_tree(item.path, scrub=scrub)
            except OSError as exc:
                reason = describe_os_error(exc)
                failures.append(
                    Translatable("{path}: {reason}", path=str(item.path), reason=reason)
                )
                continue
            if os.path.lexists(item.path):
                failures.append(
                    Translatable("{path}: it could not be removed", path=str(item.path))
                )
        if not privacy.vault_file().exists():
            privacy.adopt(None, None)
    return failures


def delete_all_data() -> list[str]:
    """Delete everything the app wrote (the writer's documents are not touched)."""
    return delete_items(stored_items())
