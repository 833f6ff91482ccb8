"""Named and automatic snapshots."""

from __future__ import annotations

import pytest

from assistant import paths
from assistant.storage.snapshots import SnapshotStore, doc_key_for_path


def test_take_list_read_delete() -> None:
    store = SnapshotStore()
    assert store.root == paths.data_dir() / "snapshots"
    key = doc_key_for_path("草稿/第一章.txt")
    first = store.take(key, "version one", "Before edits")
    second = store.take(key, "version two 二", "After edits")
    other = store.take("doc-untitled-1", "elsewhere", "x")
    listed = store.list(key)
    assert [s.snapshot_id for s in listed] == [second.snapshot_id, first.snapshot_id]
    assert listed[0].name == "After edits" and not listed[0].auto and listed[0].length == 13
    assert listed[0].doc_key == key
    assert store.read(first.snapshot_id) == "version one"
    assert store.read(other.snapshot_id) == "elsewhere"
    store.delete(first.snapshot_id)
    store.delete(first.snapshot_id)
    assert [s.name for s in store.list(key)] == ["After edits"]
    with pytest.raises(FileNotFoundError):
        store.read(first.snapshot_id)
    assert store.list("never-snapshotted") == []


def test_auto_snapshots_are_capped_and_named_kept() -> None:
    store = SnapshotStore(max_auto=3)
    named = store.take("k", "named", "Keep me")
    for i in range(6):
        store.take("k", f"auto {i}", "Autosave", auto=True)
    listed = store.list("k")
    assert [s.name for s in listed if s.auto] == ["Autosave"] * 3
    assert [store.read(s.snapshot_id) for s in listed if s.auto] == ["auto 5", "auto 4", "auto 3"]
    assert named.snapshot_id in [s.snapshot_id for s in listed]


def test_identical_auto_snapshot_not_duplicated() -> None:
    store = SnapshotStore()
    a = store.take("k", "same", "Autosave", auto=True)
    b = store.take("k", "same", "Autosave", auto=True)
    assert a.snapshot_id == b.snapshot_id and len(store.list("k")) == 1
    store.take("k", "same", "Named copy")  # named ones are always taken
    assert len(store.list("k")) == 2


@pytest.mark.parametrize("bad", ["", "../x", "abc.123", "0" * 32 + ".1"])
def test_bad_snapshot_id(bad: str) -> None:
    with pytest.raises(ValueError):
        SnapshotStore().read(bad)
