"""File names that are not UTF-8 (GBK bytes from a Windows zip, unpacked on Linux).

Python hands such a name over as a str with lone surrogates (``os.fsdecode``).
Every store must keep it and give back the very same str, so a restore reopens
the very same file, and nothing may fail with UnicodeEncodeError on the way.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from assistant.settings import Settings
from assistant.settings_file import load_settings, save_settings
from assistant.storage.document_save import write_document
from assistant.storage.documents import DocumentFormat, load_document
from assistant.storage.encodings import quoted
from assistant.storage.instances import acquire_document_lock, release_document_lock
from assistant.storage.recovery import RecoveryStore
from assistant.storage.snapshots import SnapshotStore, doc_key_for_path

GBK_NAME = b"\xb5\xda\xd2\xbb\xd5\xc2.txt"  # "第一章.txt" in GBK

pytestmark = pytest.mark.skipif(
    sys.platform in ("win32", "darwin"), reason="these file systems only store Unicode names"
)


@pytest.fixture
def gbk_file(work: Path) -> Path:
    """A real file whose name is GBK bytes; its str path holds lone surrogates."""
    raw = os.path.join(os.fsencode(work), GBK_NAME)
    with open(raw, "wb") as fh:
        fh.write("第一章\n".encode())
    path = Path(os.fsdecode(raw))
    assert "\udcb5" in str(path) and path.exists()
    return path


def test_document_opens_saves_and_names_itself(gbk_file: Path) -> None:
    doc = load_document(gbk_file)
    write_document(gbk_file, doc.text + "续\n", doc.format, expected=doc.signature)
    assert load_document(gbk_file).text == "第一章\n续\n"
    # The name in messages is printable (Qt and log files reject lone surrogates).
    shown = quoted(gbk_file)
    shown.encode("utf-8")
    assert shown.startswith("\u201c\ufffd") and shown.endswith(".txt\u201d")
    assert write_document(gbk_file.with_name("copy.txt"), "x", DocumentFormat())


def test_recovery_copy_reopens_the_same_path(gbk_file: Path) -> None:
    store = RecoveryStore()
    doc = load_document(gbk_file)
    store.write("d1", "unsaved", gbk_file, gbk_file.name, base=doc.signature)
    (entry,) = RecoveryStore().entries()
    assert entry.original_path == str(gbk_file)
    assert entry.title == gbk_file.name
    assert Path(entry.original_path).read_bytes() == "第一章\n".encode()
    assert entry.base_state() is not None and entry.base_state().value == "unchanged"
    assert "\\udcb5" in (store.directory / "d1.json").read_text(encoding="utf-8")


def test_snapshots_keep_the_key(gbk_file: Path) -> None:
    key = doc_key_for_path(gbk_file)
    store = SnapshotStore()
    taken = store.take(key, "version one", "before")
    (listed,) = SnapshotStore().list(key)
    assert listed.doc_key == key and listed.snapshot_id == taken.snapshot_id


def test_recent_files_and_settings_round_trip(gbk_file: Path) -> None:
    settings = Settings()
    settings.add_recent_file(gbk_file)
    save_settings(settings)
    loaded = load_settings()
    assert loaded.warnings == [] and loaded.moved_aside is None
    assert loaded.settings.recent_files == [str(gbk_file)]
    assert Path(loaded.settings.recent_files[0]).exists()
    loaded.settings.remove_recent_file(gbk_file)
    assert loaded.settings.recent_files == []


def test_document_lock(gbk_file: Path) -> None:
    assert acquire_document_lock(gbk_file) is None
    release_document_lock(gbk_file)
