"""Encryption at rest: what lands on disk, wrong passphrases, the keyring, locked stores."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from assistant import paths
from assistant.storage import crypto, privacy, reencrypt
from assistant.storage.chat_database import ChatHistoryError
from assistant.storage.chat_history import ChatHistory
from assistant.storage.crypto import (
    PLAIN,
    DamagedDataError,
    LockedError,
    Vault,
    WrongPassphraseError,
)
from assistant.storage.recovery import RecoveryStore
from tests.storage.privacy_helpers import (
    CANARY,
    all_files,
    files_containing,
    fill_stores,
    make_orphan,
    read_stores,
)

PASS = "correct horse battery"


def _file_bytes(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in all_files(folder)}


def test_sealed_blob_round_trips_and_refuses_changes() -> None:
    vault, _key = Vault.generate()
    blob = vault.seal("草稿 draft".encode(), "recovery.text")
    assert b"draft" not in blob
    assert vault.open(blob, "recovery.text").decode() == "草稿 draft"
    with pytest.raises(DamagedDataError):
        vault.open(blob, "snapshot.text")  # bound to its purpose
    flipped = blob[:-1] + bytes([blob[-1] ^ 1])
    with pytest.raises(DamagedDataError, match="damaged"):
        vault.open(flipped, "recovery.text")
    other, _ = Vault.generate()
    with pytest.raises(DamagedDataError, match="another key"):
        other.open(blob, "recovery.text")
    # Encrypting the same text twice gives different bytes (a fresh nonce each time).
    assert vault.seal(b"same", "x") != vault.seal(b"same", "x")


def test_vault_record_keeps_neither_passphrase_nor_key(isolated_home: Path) -> None:
    fill_stores()
    reencrypt.enable(PASS)
    record = json.loads(privacy.vault_file().read_text())
    assert record["kdf"]["name"] == "scrypt" and record["kdf"]["n"] == 2**10
    assert record["cipher"] == "AES-256-GCM"
    text = privacy.vault_file().read_text()
    assert PASS not in text
    assert files_containing(isolated_home, PASS) == []


def test_canary_is_on_disk_when_off_and_nowhere_when_on(isolated_home: Path) -> None:
    fill_stores()
    # Off: the stores write plain text, so the search itself is shown to work.
    found = files_containing(isolated_home, CANARY)
    assert "data/chats.sqlite3" in found or "data/chats.sqlite3-wal" in found
    assert any(f.startswith("data/recovery/") for f in found)
    assert any(f.startswith("data/snapshots/") for f in found)
    assert any(f.startswith("data/provenance/") for f in found)
    assert any(f.startswith("data/stats.sqlite3") for f in found)
    before = read_stores()
    assert before["provenance"] and before["statistics"]

    reencrypt.enable(PASS)
    assert files_containing(isolated_home, CANARY) == []
    assert read_stores() == before  # the app reads everything as before
    # New writes while encrypted stay encrypted too (including the WAL).
    fill_stores(CANARY + "-2")
    with ChatHistory() as chats:  # keep the WAL beside the file while looking
        chats.add_message(chats.list_conversations()[0].id, "user", CANARY + "-wal")
        assert Path(str(paths.chat_db_file()) + "-wal").exists()
        assert files_containing(isolated_home, CANARY) == []

    reencrypt.disable(PASS)
    assert not privacy.vault_file().exists()
    assert files_containing(isolated_home, CANARY)  # plain again, on purpose
    assert len(read_stores()["messages"]) == 5


def test_wrong_passphrase_changes_nothing(isolated_home: Path) -> None:
    fill_stores()
    reencrypt.enable(PASS)
    data = paths.data_dir()
    before = _file_bytes(data)
    with pytest.raises(WrongPassphraseError, match="not right; nothing was changed"):
        reencrypt.disable("wrong horse battery")
    with pytest.raises(WrongPassphraseError):
        reencrypt.change_passphrase("wrong horse battery", "a new passphrase")
    privacy.lock()
    with pytest.raises(WrongPassphraseError):
        privacy.unlock("wrong horse battery")
    assert _file_bytes(data) == before
    assert not privacy.is_unlocked()
    privacy.unlock(PASS)
    assert read_stores()["messages"]


def test_change_passphrase_rotates_the_data_key() -> None:
    fill_stores()
    reencrypt.enable(PASS)
    old_key_id = json.loads(privacy.vault_file().read_text())["key_id"]
    before = read_stores()
    reencrypt.change_passphrase(PASS, "another good passphrase")
    assert json.loads(privacy.vault_file().read_text())["key_id"] != old_key_id
    privacy.lock()
    with pytest.raises(WrongPassphraseError):
        privacy.unlock(PASS)
    privacy.unlock("another good passphrase")
    assert read_stores() == before


def test_short_passphrase_is_refused_before_anything_changes(isolated_home: Path) -> None:
    fill_stores()
    with pytest.raises(crypto.CryptoError, match="at least 8 characters"):
        reencrypt.enable("short")
    assert not privacy.is_encrypted()
    assert files_containing(isolated_home, CANARY)


def test_locked_stores_say_so_and_the_environment_unlocks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fill_stores()
    reencrypt.enable(PASS)
    make_orphan()
    privacy.lock()
    store = RecoveryStore(session_id="new-run")
    # The crashed run's copy is found without the key (start-up asks for it then)...
    assert store.has_orphans()
    # ...but its title and text are not readable until the passphrase is given.
    with pytest.raises(LockedError, match="encrypted and locked"):
        store.orphans()
    with ChatHistory() as chats, pytest.raises(ChatHistoryError, match="locked"):
        chats.list_conversations()
    monkeypatch.setenv(privacy.PASSPHRASE_ENV, PASS)
    privacy.lock()  # the environment is tried again after a lock
    assert [e.doc_id for e in store.orphans()] == ["doc0canary"]
    assert privacy.is_unlocked()


def test_remembered_key_unlocks_from_the_keyring(quick_key_derivation) -> None:
    fill_stores()
    reencrypt.enable(PASS, remember=True)
    assert privacy.is_remembered()
    stored = list(quick_key_derivation.items.values())
    assert len(stored) == 1 and PASS not in stored[0]
    privacy.lock()
    assert privacy.unlock_from_keyring()
    assert read_stores()["messages"]
    # Forgetting removes it from the keyring: the next start asks again.
    privacy.set_remembered(False)
    assert quick_key_derivation.items == {}
    privacy.lock()
    assert not privacy.unlock_from_keyring()


def test_a_computer_without_keyring_says_so_and_stays_encrypted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    fill_stores()
    with pytest.raises(privacy.KeyringUnavailableError, match="no keyring"):
        reencrypt.enable(PASS, remember=True)
    assert privacy.is_encrypted() and not privacy.is_remembered()


def test_deleting_a_conversation_leaves_no_text_in_the_file(isolated_home: Path) -> None:
    # Off, where it is hardest: without encryption the text would be readable in a
    # free page or an old WAL frame. secure_delete and the WAL truncation remove it.
    with ChatHistory() as chats:
        keep = chats.create_conversation("Shopping list")
        chats.add_message(keep, "user", "eggs and milk")
        gone = chats.create_conversation(f"Plot of {CANARY}")
        for i in range(20):
            chats.add_message(gone, "user", f"{CANARY} message {i} " + "x" * 500)
        assert files_containing(isolated_home, CANARY)
        chats.delete(gone)
        assert files_containing(isolated_home, CANARY) == []
        assert [c.title for c in chats.list_conversations()] == ["Shopping list"]
    assert files_containing(isolated_home, CANARY) == []


def test_search_finds_text_inside_encrypted_messages() -> None:
    reencrypt.enable(PASS)
    with ChatHistory() as chats:
        a = chats.create_conversation("Alpha")
        chats.add_message(a, "user", "Die STRAẞE ist nass")
        b = chats.create_conversation("Beta")
        chats.add_message(b, "user", "nothing here")
        assert [c.title for c in chats.search("straße")] == ["Alpha"]
        assert [c.title for c in chats.search("bet")] == ["Beta"]
        raw = sqlite3.connect(paths.chat_db_file()).execute("SELECT content FROM messages")
        assert all(isinstance(row[0], bytes) for row in raw)


def test_snapshot_folders_do_not_reveal_the_document_path() -> None:
    from assistant.storage.snapshots import SnapshotStore

    key = "/home/writer/secret-novel.md"
    reencrypt.enable(PASS)
    SnapshotStore().take(key, "text", "one")
    folder = next((paths.data_dir() / "snapshots").iterdir()).name
    assert folder != PLAIN.name_for(key)


def test_plain_files_look_exactly_as_before(isolated_home: Path) -> None:
    # Encryption off: the sealed writers give the same bytes the plain ones always did.
    from assistant.storage.atomic import json_text

    RecoveryStore().write("abc", "hello", None, "Untitled 1")
    recovery = paths.recovery_dir()
    assert (recovery / "abc.txt").read_bytes() == b"hello"
    meta = json.loads((recovery / "abc.json").read_text())
    assert (recovery / "abc.json").read_text() == json_text(meta)
    assert meta["preview"] == "hello"


def test_a_switch_keeps_the_document_locks_this_window_holds(tmp_path: Path) -> None:
    from assistant.storage.instances import acquire_document_lock, document_lock_path

    document = tmp_path / "novel.md"
    document.write_text("text")
    assert acquire_document_lock(document) is None  # held by this process now
    lock_file = document_lock_path(document)
    before = (lock_file.stat().st_ino, lock_file.read_bytes())
    reencrypt.enable(PASS)
    # The same file (inode) at the same path, contents intact: its OS lock still holds,
    # so another window opening the document is still told it is open here.
    assert (lock_file.stat().st_ino, lock_file.read_bytes()) == before
    assert before[1]
