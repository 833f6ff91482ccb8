"""Voices on disk: whole or nothing, rename, remove, encryption, and "delete all my data"."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.storage import inventory, privacy, reencrypt
from assistant.storage.crypto import LockedError
from assistant.storage.voices import (
    ADAPTER_FILE,
    META_FILE,
    VoiceError,
    VoiceStore,
    read_writer_texts,
    voices_dir,
)
from tests.storage.privacy_helpers import files_containing

PASS = "correct horse battery"
ADAPTER = b"SAFETENSORS-BYTES canary-adapter-7731"


def add(name: str = "Maud", phrase: str = "canary-sample-4418") -> str:
    meta = {"name": name, "base": {"name": "tiny"}, "words": 900, "samples": {"prompt": phrase}}
    return VoiceStore().add(meta, ADAPTER, {"r": 16}).voice_id


def test_a_voice_is_found_by_name_renamed_and_removed() -> None:
    voice_id = add("  Maud   at sea ")
    assert VoiceStore().find("maud at sea").voice_id == voice_id  # names compare without case
    assert VoiceStore().rename(voice_id, "Maud").name == "Maud"
    assert VoiceStore().read_adapter(voice_id) == (ADAPTER, {"r": 16})
    VoiceStore().remove(voice_id)
    with pytest.raises(VoiceError, match="There is no voice called 'Maud' \\(voices: none yet\\)"):
        VoiceStore().find("Maud")
    assert list(voices_dir().iterdir()) == []


def test_a_half_written_voice_is_never_listed() -> None:
    voice_id = add()
    (voices_dir() / ".staging-0123456789abcdef").mkdir()  # a training killed while saving
    (voices_dir() / voice_id / ADAPTER_FILE).unlink()  # and a damaged one
    assert VoiceStore().list() == []
    VoiceStore().clear_staging()
    assert [p.name for p in voices_dir().iterdir()] == [voice_id]


def test_empty_or_long_names_are_refused() -> None:
    with pytest.raises(ValueError, match="Give the voice a name"):
        add("   ")
    with pytest.raises(ValueError, match="at most 60 characters"):
        add("x" * 61)
    assert not voices_dir().exists() or list(voices_dir().iterdir()) == []


def test_voices_are_encrypted_with_the_rest_and_readable_with_the_key(isolated_home: Path) -> None:
    voice_id = add()
    assert files_containing(isolated_home, "canary-adapter-7731")  # plain while off
    assert files_containing(isolated_home, "canary-sample-4418")
    reencrypt.enable(PASS)
    assert files_containing(isolated_home, "canary-adapter-7731") == []
    assert files_containing(isolated_home, "canary-sample-4418") == []
    assert VoiceStore().read_adapter(voice_id)[0] == ADAPTER  # the key is in memory
    privacy.lock()
    with pytest.raises(LockedError):
        VoiceStore(sealer=None).list()
    privacy.unlock(PASS)
    new_id = add("Second", "canary-sample-9902")  # written sealed from the start
    assert files_containing(isolated_home, "canary-sample-9902") == []
    reencrypt.disable(PASS)
    assert {v.name for v in VoiceStore().list()} == {"Maud", "Second"}
    assert (voices_dir() / new_id / ADAPTER_FILE).read_bytes() == ADAPTER


def test_delete_all_my_data_lists_and_removes_voices() -> None:
    add()
    items = [item for item in inventory.stored_items() if item.kind == "voices"]
    assert [item.path for item in items] == [voices_dir()]
    assert items[0].size_bytes > len(ADAPTER)
    assert inventory.delete_items(items) == []
    assert not voices_dir().exists()


def test_writer_texts_are_read_from_files_and_folders(tmp_path: Path) -> None:
    folder = tmp_path / "novel"
    (folder / "drafts").mkdir(parents=True)
    (folder / "one.txt").write_text("One two three.", encoding="utf-8")
    (folder / "drafts" / "two.md").write_bytes("Vier fünf.".encode("utf-16"))
    (folder / "notes.pdf").write_bytes(b"%PDF")
    (folder / ".hidden.txt").write_text("secret", encoding="utf-8")
    found = read_writer_texts([folder, tmp_path / "missing.txt"])
    assert sorted(text for _path, text in found.texts) == ["One two three.", "Vier fünf."]
    assert found.words == 5
    assert found.problems == [f"{tmp_path / 'missing.txt'}: not found"]
    assert META_FILE == "voice.json"
