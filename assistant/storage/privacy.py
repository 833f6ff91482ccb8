"""Is the writer's private data encrypted, and is its key in memory? One answer per process.

The vault record (``data_dir()/vault.json``) exists exactly when encryption is on.
Stores ask `sealer()` for every read and write: `PLAIN` when encryption is off, the
unlocked `Vault` when it is on, or `LockedError` when it is on and no key has been
given. ``WRITING_ASSISTANT_PASSPHRASE`` (for scripts and tests) and, when the writer
chose "remember on this computer", the OS keyring unlock it without asking.

A change of state (on, off, new passphrase) rewrites every store in a staging
folder and then switches with renames, under a commit marker: `settle()`, run
before anything is read, finishes a switch a crash interrupted after the marker
(renames only, no key needed) or throws away one interrupted before it. So after a
kill at any moment exactly one complete state is there: the old or the new.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import logging
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

from assistant import paths
from assistant.storage.atomic import (
    atomic_write_json,
    fsync_directory,
    read_json_object,
)
from assistant.storage.crypto import (
    PLAIN,
    CryptoError,
    DamagedDataError,
    LockedError,
    Sealer,
    Vault,
    WrongPassphraseError,
    kek_for,
    open_record,
    record_key_id,
    unwrap,
)
from assistant.storage.scrub import scrub_file
from assistant.translatable import Translatable

log = logging.getLogger(__name__)

PASSPHRASE_ENV = "WRITING_ASSISTANT_PASSPHRASE"
VAULT_NAME = "vault.json"
STAGING_NAME = ".privacy-staging"
OLD_NAME = ".privacy-old"
MARKER_NAME = "privacy-switch.json"
KEYRING_SERVICE = "WritingAssistant"

# One lock for the key and the files it seals: a switch holds it from the first
# read of the old state to the last rename, so no write lands in between.
LOCK = threading.RLock()


class _Session:
    vault: Vault | None = None
    kek: bytes | None = None  # kept to "remember on this computer" without asking again
    settled_in: Path | None = None  # the data folder settle() last checked
    auto_tried: bytes | None = None  # key id the env var / keyring were tried for


_session = _Session()


class KeyringUnavailableError(CryptoError):
    """The OS keyring cannot be used on this computer."""


def vault_file() -> Path:
    """The vault record; it exists exactly when encryption is on."""
    return paths.data_dir() / VAULT_NAME


def read_record() -> dict | None:
    """The vault record, or None when encryption is off (DamagedDataError if unreadable)."""
    settle()
    path = vault_file()
    if not path.exists():
        return None
    record = read_json_object(path)
    if record is None:
        raise DamagedDataError(
            Translatable("The vault file {path} cannot be read.", path=str(path))
        )
    return record


def is_encrypted() -> bool:
    """True when the writer's private data is encrypted."""
    settle()
    return vault_file().exists()


def is_unlocked() -> bool:
    """True when encryption is off, or on with the right key in memory."""
    try:
        sealer(auto=False)
    except CryptoError:
        return False
    return True


def is_remembered() -> bool:
    """True when the writer chose to keep the key in this computer's keyring."""
    try:
        record = read_record()
    except CryptoError:
        return False
    return bool(record and record.get("remembered"))


def sealer(auto: bool = True) -> Sealer:
    """What stores seal with now: PLAIN, the unlocked vault, or LockedError.

    With `auto`, a locked vault is first tried with the environment passphrase and
    the keyring (once per key).
    """
    with LOCK:
        record = read_record()
        if record is None:
            return PLAIN
        key_id = record_key_id(record)
        vault = _session.vault
        if vault is not None and vault.key_id == key_id:
            return vault
        if auto and _session.auto_tried != key_id:
            _session.auto_tried = key_id
            if unlock_from_environment() or unlock_from_keyring():
                assert _session.vault is not None
                return _session.vault
        raise LockedError()


@contextlib.contextmanager
def writing(override: Sealer | None = None) -> Iterator[Sealer]:
    """Hold the switch lock while sealing and writing (`override`: a store's own sealer)."""
    with LOCK:
        yield override if override is not None else sealer()


def unlock(passphrase: str) -> Vault:
    """Check `passphrase` and keep the key in memory; WrongPassphraseError changes nothing."""
    with LOCK:
        record = read_record()
        if record is None:
            raise CryptoError(
                Translatable("Your data is not encrypted; there is nothing to unlock.")
            )
        vault, kek = open_record(record, passphrase)
        _session.vault, _session.kek = vault, kek
        return vault


def check_passphrase(passphrase: str) -> bool:
    """True when `passphrase` opens the vault (the app lock asks this); changes nothing."""
    record = read_record()
    if record is None:
        return False
    try:
        open_record(record, passphrase)
    except WrongPassphraseError:
        return False
    return True


def unlock_from_environment() -> bool:
    """Unlock with ``WRITING_ASSISTANT_PASSPHRASE`` when it is set and right."""
    passphrase = os.environ.get(PASSPHRASE_ENV)
    if not passphrase:
        return False
    try:
        unlock(passphrase)
    except WrongPassphraseError:
        log.warning("%s is set but is not the right passphrase", PASSPHRASE_ENV)
        return False
    return True


def lock() -> None:
    """Forget the key (the next read asks again); the environment and keyring are retried."""
    with LOCK:
        _session.vault = _session.kek = None
        _session.auto_tried = None


def current_kek() -> bytes | None:
    """The derived key of the unlocked vault (to remember it), or None."""
    return _session.kek


def adopt(vault: Vault | None, kek: bytes | None) -> None:
    """After a switch: keep the new key in memory (None: encryption is off now)."""
    with LOCK:
        _session.vault, _session.kek = vault, kek
        _session.auto_tried = None


# -- the OS keyring ("remember on this computer") -----------------------------------------


def _keyring():  # noqa: ANN202 - the keyring module, imported on first use (it is slow)
    import keyring

    return keyring


def _keyring_user(key_id: bytes) -> str:
    return f"vault-{key_id.hex()}"


def keyring_store(key_id: bytes, kek: bytes) -> None:
    """Keep the derived key in the OS keyring; KeyringUnavailableError if there is none."""
    kr = _keyring()
    try:
        kr.set_password(KEYRING_SERVICE, _keyring_user(key_id), base64.b64encode(kek).decode())
    except Exception as exc:  # every backend raises its own kind
        raise KeyringUnavailableError(
            Translatable(
                "This computer has no keyring Writing Assistant can use, so the key cannot be "
                "remembered ({reason}). You will be asked for the passphrase at each start.",
                reason=str(exc),
            )
        ) from exc


def keyring_forget(key_id: bytes) -> None:
    """Remove a remembered key (no error when there is none or no keyring)."""
    with contextlib.suppress(Exception):
        _keyring().delete_password(KEYRING_SERVICE, _keyring_user(key_id))


def unlock_from_keyring() -> bool:
    """Unlock with the key remembered in the OS keyring, if the writer chose that."""
    with LOCK:
        record = read_record()
        if record is None or not record.get("remembered"):
            return False
        key_id = record_key_id(record)
        try:
            secret = _keyring().get_password(KEYRING_SERVICE, _keyring_user(key_id))
        except Exception as exc:  # a locked or missing keyring: ask for the passphrase
            log.info("keyring unavailable: %s", exc)
            return False
        if not secret:
            return False
        try:
            kek = base64.b64decode(secret, validate=True)
            vault = unwrap(record, kek)
        except (binascii.Error, ValueError, WrongPassphraseError):
            return False
        _session.vault, _session.kek = vault, kek
        return True


def set_remembered(remember: bool, passphrase: str | None = None) -> None:
    """Keep (or drop) the key in the OS keyring; the vault record says which.

    Needs the key in memory, or `passphrase` to derive it. Raises
    KeyringUnavailableError when there is no keyring; nothing is changed then.
    """
    with LOCK:
        record = read_record()
        if record is None:
            raise CryptoError(
                Translatable("Your data is not encrypted; there is no key to remember.")
            )
        key_id = record_key_id(record)
        if remember:
            kek = current_kek() if _session.vault and _session.vault.key_id == key_id else None
            if kek is None:
                if passphrase is None:
                    raise LockedError()
                kek = kek_for(record, passphrase)
                unwrap(record, kek)  # WrongPassphraseError before anything is stored
            keyring_store(key_id, kek)
        else:
            keyring_forget(key_id)
        atomic_write_json(vault_file(), {**record, "remembered": bool(remember)})


# -- switching from one state to another ---------------------------------------------------


def staging_dir() -> Path:
    """Where a switch builds the new state (removed when it is not committed)."""
    return paths.data_dir() / STAGING_NAME


def commit_switch(replace: list[str], remove: list[str]) -> None:
    """The commit point: from now on the staged state is the state; then move it in.

    `replace`: entries (relative to the data folder) staged as new versions;
    `remove`: entries the new state does not have.
    """
    base = paths.data_dir()
    atomic_write_json(base / MARKER_NAME, {"replace": replace, "remove": remove})
    _session.settled_in = None
    settle()


def settle() -> None:
    """Finish a switch interrupted after its commit point, or drop one interrupted before.

    Idempotent and cheap (three stats once per process and after each switch).
    """
    with LOCK:
        base = paths.data_dir()
        if _session.settled_in == base:
            return
        marker = base / MARKER_NAME
        plan = read_json_object(marker) if marker.exists() else None
        if plan is not None:
            _roll_forward(base, plan)
            marker.unlink()
            fsync_directory(base)
        elif marker.exists():
            # Written atomically, so never torn: unreadable means no permission.
            raise CryptoError(
                Translatable("Cannot read {path}; your data was left as it is.", path=str(marker))
            )
        remove_tree(base / STAGING_NAME)  # not committed: the old state stands
        remove_tree(base / OLD_NAME)
        _session.settled_in = base


def _roll_forward(base: Path, plan: dict) -> None:
    old = base / OLD_NAME
    staging = base / STAGING_NAME
    old.mkdir(mode=0o700, exist_ok=True)
    replace = [str(e) for e in plan.get("replace", [])]
    remove = [str(e) for e in plan.get("remove", [])]
    for entry in replace:
        new, current = staging / entry, base / entry
        if not os.path.lexists(new):
            continue  # moved in before the interruption
        if os.path.lexists(current):
            _move_aside(current, old / entry)
        os.replace(new, current)
    for entry in remove:
        current = base / entry
        if os.path.lexists(current):
            _move_aside(current, old / entry)
    fsync_directory(base)


def _move_aside(path: Path, aside: Path) -> None:
    aside.parent.mkdir(parents=True, exist_ok=True)
    if os.path.lexists(aside):
        remove_tree(aside)
    os.replace(path, aside)


def remove_tree(path: Path, scrub: bool = True) -> None:
    """Delete a file or folder; with `scrub`, overwrite files with zeros first.

    Overwriting is best effort: SSDs and copy-on-write file systems may keep the old
    blocks; the point is that no plain copy stays readable through the file system.
    """
    if not os.path.lexists(path):
        return
    if path.is_dir() and not path.is_symlink():
        if scrub:
            for root, _dirs, files in os.walk(path):
                for name in files:
                    scrub_file(Path(root) / name)
        shutil.rmtree(path, ignore_errors=True)
    else:
        if scrub:
            scrub_file(path)
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _reset_for_tests() -> None:
    """Forget everything this process knows (tests switch WRITING_ASSISTANT_HOME)."""
    with LOCK:
        _session.vault = _session.kek = None
        _session.auto_tried = None
        _session.settled_in = None
