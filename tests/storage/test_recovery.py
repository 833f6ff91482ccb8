"""Autosave recovery copies, including orphans of a killed process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from assistant import paths
from assistant.storage.doc_ids import new_doc_id
from assistant.storage.recovery import RecoveryStore

ROOT = Path(__file__).resolve().parents[2]

_CHILD = """
import sys, time
from assistant.storage.recovery import RecoveryStore
RecoveryStore().write(sys.argv[1], "unsaved 草稿 text\\n" * 3, sys.argv[2], "Chapter 9")
print("written", flush=True)
if sys.argv[3] == "wait":
    time.sleep(60)
"""


def _child(doc_id: str, original: str, wait: bool) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", _CHILD, doc_id, original, "wait" if wait else "exit"],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_write_list_read_remove() -> None:
    store = RecoveryStore()
    assert store.directory == paths.recovery_dir()
    before = datetime.now(timezone.utc)
    doc_id = new_doc_id()
    store.write(doc_id, "第一章\n" + "x" * 500, "/home/w/novel.txt", "novel.txt")
    store.write("untitled-2", "draft", None, "Untitled 2")
    entries = {e.doc_id: e for e in store.entries()}
    assert set(entries) == {doc_id, "untitled-2"}
    entry = entries[doc_id]
    assert entry.title == "novel.txt" and entry.original_path == "/home/w/novel.txt"
    assert entry.preview.startswith("第一章\nxxx") and len(entry.preview) == 200
    assert entry.length == 504 and entry.pid == os.getpid()
    assert entry.saved_at >= before.replace(microsecond=0)
    assert entries["untitled-2"].original_path is None
    assert store.read(doc_id) == "第一章\n" + "x" * 500
    assert store.orphans() == []  # all ours

    store.write(doc_id, "newer text", "/home/w/novel.txt", "novel.txt")
    assert store.read(doc_id) == "newer text"
    store.remove(doc_id)
    store.remove(doc_id)  # twice is fine
    assert [e.doc_id for e in store.entries()] == ["untitled-2"]
    with pytest.raises(FileNotFoundError):
        store.read(doc_id)


@pytest.mark.parametrize("bad", ["", "../escape", "a/b", "a\\b", "x" * 65, "名字", "con.txt"])
def test_doc_ids_must_be_filesystem_safe(bad: str) -> None:
    with pytest.raises(ValueError):
        RecoveryStore().write(bad, "text", None, "t")


def test_text_without_metadata_is_still_listed() -> None:
    # Killed between writing the text and its metadata on the first autosave.
    store = RecoveryStore()
    (store.directory / "lost-meta.txt").write_text("precious words", encoding="utf-8")
    (entry,) = store.entries()
    assert entry.doc_id == "lost-meta" and entry.preview == "precious words"
    assert store.is_orphan(entry)


def test_entries_of_an_exited_process_are_orphans() -> None:
    child = _child("fromchild", "/tmp/ch9.txt", wait=False)
    assert child.wait(timeout=30) == 0
    store = RecoveryStore()
    (orphan,) = store.orphans()
    assert orphan.doc_id == "fromchild" and orphan.title == "Chapter 9"
    assert orphan.pid == child.pid and orphan.session_id != store.session_id
    assert store.read("fromchild") == "unsaved 草稿 text\n" * 3


def test_running_instance_is_not_orphan_until_killed() -> None:
    child = _child("live", "/tmp/live.txt", wait=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "written"
        store = RecoveryStore()
        assert [e.doc_id for e in store.entries()] == ["live"]
        assert store.orphans() == []  # another running window owns it
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert [e.doc_id for e in store.orphans()] == ["live"]


def test_extra_metadata_round_trips(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path / "rec")
    store.write("d1", "text", "/a/b.txt", "b.txt", extra={"encoding": "gb18030", "newline": "\r\n"})
    (entry,) = store.entries()
    assert entry.extra == {"encoding": "gb18030", "newline": "\r\n"}
