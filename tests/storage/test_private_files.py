"""What the app keeps for itself is private (0600 files, 0700 folders) whatever the umask.

A writer's own document keeps its own mode; the temp file that becomes it is never
more open than that; temp files a crash left beside it are swept.
"""

from __future__ import annotations

import os
import stat
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant import paths
from assistant.settings import Settings
from assistant.settings_file import save_settings
from assistant.storage import atomic
from assistant.storage.chat_history import ChatHistory
from assistant.storage.document_save import write_document
from assistant.storage.documents import DocumentFormat
from assistant.storage.recovery import RecoveryStore
from assistant.storage.snapshots import SnapshotStore

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The umask most desktops run with: new files 0644, folders 0755 unless we say so."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_everything_the_app_keeps_is_private(isolated_home: Path) -> None:
    store = RecoveryStore()
    store.write("d1", "unsaved chapter", "/w/novel.txt", "novel.txt")
    snapshots = SnapshotStore()
    snapshots.take("/w/novel.txt", "version one", "first")
    save_settings(Settings())
    with ChatHistory() as history:
        history.add_message(history.create_conversation("x"), "user", "secret")
    files = [p for p in isolated_home.rglob("*") if p.is_file()]
    folders = [p for p in isolated_home.rglob("*") if p.is_dir()]
    names = {p.name for p in files}
    assert {"d1.txt", "d1.json", "settings.json", "chats.sqlite3"} <= names
    assert any(p.suffix == ".txt" for p in (paths.data_dir() / "snapshots").rglob("*"))
    assert {p.relative_to(isolated_home).as_posix(): oct(_mode(p)) for p in files} == {
        p.relative_to(isolated_home).as_posix(): oct(0o600) for p in files
    }
    assert {p.relative_to(isolated_home).as_posix(): oct(_mode(p)) for p in folders} == {
        p.relative_to(isolated_home).as_posix(): oct(0o700) for p in folders
    }


def test_existing_copies_and_folders_are_tightened(isolated_home: Path) -> None:
    folder = paths.data_dir() / "recovery"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)  # as an older version left it
    old_copy = folder / "d1.txt"
    old_copy.write_text("old")
    old_copy.chmod(0o644)
    store = RecoveryStore()
    store.write("d1", "new", None, "Untitled")
    assert _mode(folder) == 0o700 and _mode(old_copy) == 0o600


def test_document_keeps_its_mode_and_its_temp_is_never_wider(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = work / "diary.txt"
    path.write_text("old")
    path.chmod(0o640)
    created: list[int] = []
    real_open = os.open

    def watch(name: object, flags: int, mode: int = 0o777, *args: object) -> int:
        fd = real_open(name, flags, mode, *args)
        if flags & os.O_CREAT:
            created.append(_mode(Path(os.fsdecode(name))))  # type: ignore[arg-type]
        return fd

    monkeypatch.setattr(atomic.os, "open", watch)
    write_document(path, "new", DocumentFormat())
    monkeypatch.undo()
    assert created == [0o600]  # the temp, while the text goes in
    assert _mode(path) == 0o640 and path.read_text() == "new"
    private = work / "private.txt"
    private.write_text("x")
    private.chmod(0o600)
    write_document(private, "y", DocumentFormat())
    assert _mode(private) == 0o600
    new = work / "new.txt"
    write_document(new, "z", DocumentFormat())
    assert _mode(new) == 0o644  # a new document: what any editor would create


def test_stale_temp_files_beside_documents_are_swept(work: Path) -> None:
    folder = work / "novel"
    folder.mkdir()
    stale = folder / ".chapter.txt.0123abcd.tmp"  # a crash, long ago, mid-save
    fresh = folder / ".other.txt.89abcdef.tmp"  # another instance saving right now
    theirs = folder / ".chapter.txt.swp"  # another editor's: never ours to delete
    for p in (stale, fresh, theirs):
        p.write_text("x")
    hours_ago = time.time() - 7200
    for p in (stale, theirs):
        os.utime(p, (hours_ago, hours_ago))
    write_document(folder / "chapter.txt", "text", DocumentFormat())
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["chapter.txt", fresh.name, theirs.name]
    )
