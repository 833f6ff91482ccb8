"""Provenance sidecars on disk: where they go, what they hold, and reading a changed file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant import paths
from assistant.storage import privacy, reencrypt
from assistant.storage.crypto import LockedError
from assistant.storage.provenance import ProvenanceStore, beside_path
from assistant.tasks.provenance import Origin, Span

ORIGIN = Origin("ghost", "SmolLM2", "2025-03-01T10:00:00+00:00")
TEXT = "The writer's line. The model's line."
SPAN = Span(19, 36, ORIGIN, "The model's line.")


def test_sidecar_in_the_data_folder_is_found_again_and_not_beside_the_file(work: Path) -> None:
    doc = work / "story.txt"
    store = ProvenanceStore()
    written = store.save(doc, TEXT, [SPAN])
    assert written is not None and written.parent == paths.data_dir() / "provenance"
    assert str(doc) not in written.name  # the name does not give the path away
    assert list(work.iterdir()) == []  # nothing next to the writer's file
    record = json.loads(written.read_text(encoding="utf-8"))
    assert record["spans"][0]["text"] == "The model's line." and record["path"] == str(doc)
    loaded = store.load(doc, TEXT)
    assert loaded.spans == [SPAN] and loaded.location == "data" and not loaded.realigned


def test_beside_the_file_by_choice_and_only_one_copy_at_a_time(work: Path) -> None:
    doc = work / "story.txt"
    store = ProvenanceStore()
    in_data = store.save(doc, TEXT, [SPAN])
    beside = store.save(doc, TEXT, [SPAN], location="beside")
    assert beside == beside_path(doc) == work / "story.txt.provenance.json"
    assert in_data is not None and not in_data.exists()
    assert store.load(doc, TEXT).location == "beside"
    # No spans left (all undone or retyped): nothing is kept, in either place.
    assert store.save(doc, TEXT, []) is None
    assert not beside.exists()
    assert store.load(doc, TEXT).spans == []


def test_a_file_of_the_writers_with_our_suffix_is_never_removed(work: Path) -> None:
    doc = work / "story.txt"
    theirs = beside_path(doc)
    theirs.write_text("my own notes", encoding="utf-8")
    ProvenanceStore().save(doc, TEXT, [])
    assert theirs.read_text(encoding="utf-8") == "my own notes"


def test_a_file_changed_elsewhere_gets_its_spans_looked_up_again(work: Path) -> None:
    doc = work / "story.txt"
    store = ProvenanceStore()
    other = Span(0, 12, ORIGIN, "The writer's")
    store.save(doc, TEXT, [other, SPAN])
    changed = "A new first paragraph.\n\nThe model's line. And more."
    loaded = store.load(doc, changed)
    assert loaded.realigned and loaded.dropped == 1
    assert [(s.start, changed[s.start : s.end]) for s in loaded.spans] == [
        (24, "The model's line.")
    ]


def test_encrypted_sidecars_hide_path_and_text_and_survive_a_passphrase_change(
    work: Path, isolated_home: Path
) -> None:
    doc = work / "secret-novel.txt"
    store = ProvenanceStore()
    store.save(doc, TEXT, [SPAN])
    reencrypt.enable("a good passphrase")
    files = list((paths.data_dir() / "provenance").iterdir())
    assert len(files) == 1
    raw = files[0].read_bytes()
    assert b"model's line" not in raw and b"secret-novel" not in raw
    assert ProvenanceStore().load(doc, TEXT).spans == [SPAN]
    reencrypt.change_passphrase("a good passphrase", "another passphrase")
    assert ProvenanceStore().load(doc, TEXT).spans == [SPAN]
    privacy.lock()
    with pytest.raises(LockedError):
        ProvenanceStore().load(doc, TEXT)
    privacy.unlock("another passphrase")
    reencrypt.disable("another passphrase")
    assert ProvenanceStore().load(doc, TEXT).spans == [SPAN]
