"""Turn encryption on or off, or change the passphrase: every store rewritten, all or nothing.

A switch (1) checks the passphrase before touching anything, (2) rewrites each
store listed in `SEALED_STORES` from the data folder into a staging folder with the
new sealer (a fresh chat database, so no free page of the old one comes along),
(3) writes the commit marker, and (4) moves the new entries in and the old ones
out (storage/privacy.py: `commit_switch`, `settle`). A kill before (3) leaves the
old state, after it the new one, which the next start finishes moving in.

Changing the passphrase also changes the data key: whoever learned the old
passphrase and kept a copy of the vault file cannot read what is written next.

A new store adopts encryption in two lines: it seals through `privacy.writing()`
with the writers of storage/crypto.py, and it adds its entry here, with a
`reseal(source_dir, target_dir, old, new)` that copies its files across.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant import paths
from assistant.storage import chat_history, privacy, provenance, recovery, snapshots, stats, voices
from assistant.storage.atomic import atomic_write_json, fsync_directory
from assistant.storage.crypto import (
    PLAIN,
    CryptoError,
    KdfParams,
    Sealer,
    new_vault,
    open_record,
    passphrase_problem,
    record_key_id,
)
from assistant.translatable import Translatable


@dataclass(frozen=True)
class SealedStore:
    """One store whose files are encrypted: its entries in the data folder, and its copier."""

    name: str
    entries: tuple[str, ...]
    reseal: Callable[[Path, Path, Sealer, Sealer], None]


#: Everything encryption covers. Provenance and statistics add one line each here.
SEALED_STORES: tuple[SealedStore, ...] = (
    SealedStore("chats", chat_history.CHAT_DB_ENTRIES, chat_history.reseal),
    SealedStore("recovery", ("recovery",), recovery.reseal),
    SealedStore("snapshots", ("snapshots",), snapshots.reseal),
    SealedStore("provenance", (provenance.FOLDER,), provenance.reseal),
    SealedStore("statistics", stats.STATS_DB_ENTRIES, stats.reseal),
    SealedStore("voices", (voices.VOICES_DIR,), voices.reseal),
)


def enable(passphrase: str, remember: bool = False, kdf: KdfParams | None = None) -> None:
    """Encrypt everything under a new passphrase (CryptoError: already on, or too short)."""
    problem = passphrase_problem(passphrase)
    if problem:
        raise CryptoError(Translatable("That passphrase is too short. {advice}", advice=problem))
    with privacy.LOCK:
        if privacy.read_record() is not None:
            raise CryptoError(Translatable("Your data is encrypted already."))
        vault, record, kek = new_vault(passphrase, kdf)
        _switch(PLAIN, vault, record)
        privacy.adopt(vault, kek)
        if remember:
            privacy.set_remembered(True)  # KeyringUnavailableError: encrypted, not remembered


def disable(passphrase: str) -> None:
    """Store everything in the clear again; WrongPassphraseError changes nothing."""
    with privacy.LOCK:
        record = _record_or_refuse()
        old, _kek = open_record(record, passphrase)
        _switch(old, PLAIN, None)
        privacy.keyring_forget(record_key_id(record))
        privacy.adopt(None, None)


def change_passphrase(
    old_passphrase: str, new_passphrase: str, kdf: KdfParams | None = None
) -> None:
    """Re-encrypt everything under a new data key wrapped for `new_passphrase`."""
    problem = passphrase_problem(new_passphrase)
    if problem:
        raise CryptoError(Translatable("The new passphrase is too short. {advice}", advice=problem))
    with privacy.LOCK:
        record = _record_or_refuse()
        old, _kek = open_record(record, old_passphrase)
        vault, new_record, kek = new_vault(new_passphrase, kdf)
        remembered = bool(record.get("remembered"))
        _switch(old, vault, new_record)
        privacy.keyring_forget(record_key_id(record))
        privacy.adopt(vault, kek)
        if remembered:
            try:
                privacy.set_remembered(True)
            except privacy.KeyringUnavailableError:
                pass  # the keyring went away: the passphrase still works


def _record_or_refuse() -> dict:
    record = privacy.read_record()
    if record is None:
        raise CryptoError(Translatable("Your data is not encrypted."))
    return record


def _switch(old: Sealer, new: Sealer, new_record: dict | None) -> None:
    """Rewrite every store with `new` in staging, then commit (see the module docstring)."""
    base = paths.data_dir()
    staging = privacy.staging_dir()
    privacy.remove_tree(staging, scrub=False)
    paths.make_private_dir(staging)
    chat_history.suspend_all()  # the file moves: open connections reopen on next use
    stats.suspend_all()
    replace: list[str] = []
    remove: list[str] = []
    for store in SEALED_STORES:
        store.reseal(base, staging, old, new)
    if new_record is not None:
        atomic_write_json(staging / privacy.VAULT_NAME, new_record)
    entries = [e for store in SEALED_STORES for e in store.entries] + [privacy.VAULT_NAME]
    for entry in entries:
        (replace if os.path.lexists(staging / entry) else remove).append(entry)
    _flush_tree(staging)
    privacy.commit_switch(replace, remove)


def _flush_tree(folder: Path) -> None:
    # Every file was fsynced as it was written; the folders' entries need it too,
    # or a power cut after the commit could lose a renamed-in file.
    for root, dirs, _files in os.walk(folder):
        for name in dirs:
            fsync_directory(Path(root) / name)
    fsync_directory(folder)
