"""Every atomic writer under injected faults: the old file stays, no temp stays, one message.

One table: writer × step × errno. The failing system call is simulated (tests run as
root, which ignores permissions, and no test machine has a full disk to spare).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.settings import Settings
from assistant.settings_file import load_settings, save_settings
from assistant.storage import atomic
from assistant.storage.document_save import save_document
from assistant.storage.documents import DocumentError, DocumentFormat, load_document
from assistant.storage.recovery import RecoveryStore
from assistant.storage.snapshots import SnapshotStore

_real_open, _real_write, _real_fsync, _real_replace = os.open, os.write, os.fsync, os.replace


class Writer:
    """One atomic writer: prepares its 'old' state, writes a new one, reads what is there."""

    name: str

    def prepare(self, folder: Path) -> None:
        raise NotImplementedError

    def write_new(self) -> None:
        raise NotImplementedError

    def state(self) -> object:
        raise NotImplementedError

    def new_state(self) -> object:
        raise NotImplementedError


class DocumentWriter(Writer):
    name = "document"

    def prepare(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / "x.txt"
        self.path.write_bytes(b"the original chapter\n")

    def write_new(self) -> None:
        save_document(self.path, "a new chapter that must not half-land\n", DocumentFormat())

    def state(self) -> object:
        return self.path.read_bytes()

    def new_state(self) -> object:
        return b"a new chapter that must not half-land\n"


class SettingsWriter(Writer):
    name = "settings"

    def prepare(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / "settings.json"
        old = Settings()
        old.theme = "dark"
        save_settings(old, self.path)

    def write_new(self) -> None:
        new = Settings()
        new.theme = "light"
        save_settings(new, self.path)

    def state(self) -> object:
        return load_settings(self.path).settings.theme

    def new_state(self) -> object:
        return "light"


class RecoveryWriter(Writer):
    name = "recovery"

    def prepare(self, folder: Path) -> None:
        self.folder = folder
        self.store = RecoveryStore(folder)
        self.store.write("doc1", "old unsaved words", "/w/novel.txt", "novel.txt")

    def write_new(self) -> None:
        self.store.write("doc1", "newer unsaved words", "/w/novel.txt", "novel.txt")

    def state(self) -> object:
        (entry,) = self.store.entries()
        return self.store.read("doc1"), entry.preview

    def new_state(self) -> object:
        return "newer unsaved words", "newer unsaved words"


class SnapshotWriter(Writer):
    name = "snapshot"

    def prepare(self, folder: Path) -> None:
        self.folder = folder
        self.store = SnapshotStore(folder)
        self.store.take("key", "version one", "first")
        self.folder = folder / os.listdir(folder)[0]  # temps land in the per-document folder

    def write_new(self) -> None:
        self.store.take("key", "version two", "second")

    def state(self) -> object:
        return [(s.name, self.store.read(s.snapshot_id)) for s in self.store.list("key")]

    def new_state(self) -> object:
        return [("second", "version two"), ("first", "version one")]


WRITERS: list[Callable[[], Writer]] = [
    DocumentWriter,
    SettingsWriter,
    RecoveryWriter,
    SnapshotWriter,
]

ERRNOS = {
    errno.ENOSPC: "the disk is full",
    errno.EIO: "input/output error",
    errno.EACCES: "permission denied",
    errno.ENAMETOOLONG: "name is too long",
    errno.EROFS: "the disk is read-only",
}


def _is_dir(fd: int) -> bool:
    return stat.S_ISDIR(os.fstat(fd).st_mode)


def _inject(monkeypatch: pytest.MonkeyPatch, step: str, code: int) -> None:
    """Make the system call of one step fail with ``code``."""
    error = OSError(code, os.strerror(code))

    def fail_open(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if step == "open" and flags & os.O_CREAT:
            raise error
        if step == "dir fsync" and not flags & os.O_CREAT and os.path.isdir(str(path)):
            raise error
        return _real_open(path, flags, *args, **kwargs)

    def fail_write(fd: int, data: bytes) -> int:
        raise error

    def fail_fsync(fd: int) -> None:
        if (step == "fsync") != _is_dir(fd):
            raise error
        _real_fsync(fd)

    def fail_replace(*args: object, **kwargs: object) -> None:
        raise error

    patch = {"open": ("open", fail_open), "write": ("write", fail_write)}
    patch |= {"fsync": ("fsync", fail_fsync), "replace": ("replace", fail_replace)}
    patch |= {"dir fsync": ("fsync", fail_fsync)}
    name, fake = patch[step]
    monkeypatch.setattr(atomic.os, name, fake)
    if step == "dir fsync":
        monkeypatch.setattr(atomic.os, "open", fail_open)
    # macOS path: F_FULLFSYNC goes through fcntl; make the file-fsync step fail there too.
    if step == "fsync" and atomic.fcntl is not None and hasattr(atomic.fcntl, "F_FULLFSYNC"):
        monkeypatch.setattr(atomic.fcntl, "fcntl", lambda *a: (_ for _ in ()).throw(error))


def _temps(folder: Path) -> list[str]:
    return [n for n in os.listdir(folder) if n.endswith(".tmp")]


@pytest.mark.parametrize("code", list(ERRNOS), ids=[errno.errorcode[c] for c in ERRNOS])
@pytest.mark.parametrize("step", ["open", "write", "fsync", "replace"])
@pytest.mark.parametrize("make_writer", WRITERS, ids=[w.name for w in WRITERS])
def test_fault_keeps_old_version_and_leaves_no_temp(
    work: Path,
    monkeypatch: pytest.MonkeyPatch,
    make_writer: Callable[[], Writer],
    step: str,
    code: int,
) -> None:
    writer = make_writer()
    writer.prepare(work)
    before = writer.state()
    _inject(monkeypatch, step, code)
    error_type = DocumentError if writer.name == "document" else OSError
    with pytest.raises(error_type) as info:
        writer.write_new()
    monkeypatch.undo()
    message = str(info.value)
    assert ERRNOS[code] in message and "\n" not in message
    # Says that the old version is still there (a snapshot is a new file: nothing written).
    assert "unchanged" in message or "nothing was written" in message
    assert writer.state() == before
    assert _temps(writer.folder) == []


@pytest.mark.parametrize("make_writer", WRITERS, ids=[w.name for w in WRITERS])
def test_directory_fsync_failure_is_not_a_failed_save(
    work: Path, monkeypatch: pytest.MonkeyPatch, make_writer: Callable[[], Writer]
) -> None:
    # The rename is done and the data was fsynced before it: the new version is complete
    # on disk. Reporting failure here would leave a tab "modified" over a saved file.
    writer = make_writer()
    writer.prepare(work)
    _inject(monkeypatch, "dir fsync", errno.EIO)
    writer.write_new()
    monkeypatch.undo()
    assert writer.state() == writer.new_state()
    assert _temps(writer.folder) == []


def test_document_messages_read_as_sentences(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = work / "x.txt"
    path.write_bytes(b"old")
    _inject(monkeypatch, "write", errno.ENOSPC)
    with pytest.raises(DocumentError) as info:
        save_document(path, "new", DocumentFormat())
    monkeypatch.undo()
    assert str(info.value) == (
        "Cannot save \u201cx.txt\u201d: the disk is full. Free some space or save elsewhere. "
        "Nothing was written; the file on disk is unchanged."
    )


@pytest.mark.parametrize("make_writer", WRITERS, ids=[w.name for w in WRITERS])
def test_short_writes_are_completed(
    work: Path, monkeypatch: pytest.MonkeyPatch, make_writer: Callable[[], Writer]
) -> None:
    writer = make_writer()
    writer.prepare(work)
    monkeypatch.setattr(atomic.os, "write", lambda fd, data: _real_write(fd, bytes(data[:3])))
    writer.write_new()
    monkeypatch.undo()
    assert writer.state() == writer.new_state()


@pytest.mark.parametrize("make_writer", WRITERS, ids=[w.name for w in WRITERS])
def test_a_write_that_writes_nothing_fails_instead_of_spinning(
    work: Path, monkeypatch: pytest.MonkeyPatch, make_writer: Callable[[], Writer]
) -> None:
    writer = make_writer()
    writer.prepare(work)
    before = writer.state()
    calls = []

    def stuck(fd: int, data: bytes) -> int:
        calls.append(1)
        if len(calls) > 1000:  # the old loop would spin here forever
            raise AssertionError("write loop does not stop on a zero-byte write")
        return 0

    monkeypatch.setattr(atomic.os, "write", stuck)
    with pytest.raises(DocumentError if writer.name == "document" else OSError) as info:
        writer.write_new()
    monkeypatch.undo()
    assert "the disk is full" in str(info.value)
    assert writer.state() == before and _temps(writer.folder) == []


def test_refused_chmod_does_not_fail_a_save(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = work / "on-a-usb-stick.txt"
    path.write_bytes(b"old")
    path.chmod(0o640)

    def refuse(*args: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(atomic.os, "chmod", refuse)
    monkeypatch.setattr(atomic.os, "fchmod", refuse, raising=False)
    save_document(path, "new", DocumentFormat())
    monkeypatch.undo()
    assert path.read_bytes() == b"new"
    # Without chmod the temp file's own mode stays: never wider than the original.
    assert stat.S_IMODE(path.stat().st_mode) & ~0o640 == 0


def test_full_fsync_is_used_where_the_platform_has_it(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl

    calls: list[int] = []
    monkeypatch.setattr(fcntl, "F_FULLFSYNC", 51, raising=False)
    monkeypatch.setattr(atomic, "fcntl", fcntl)

    def fake_fcntl(fd: int, command: int, *args: object) -> int:
        calls.append(command)
        return 0

    monkeypatch.setattr(fcntl, "fcntl", fake_fcntl)
    save_document(work / "mac.txt", "text", DocumentFormat())
    assert 51 in calls
    # A file system that refuses F_FULLFSYNC (network shares) still gets a plain fsync.
    fsyncs: list[int] = []
    refused = OSError(errno.ENOTSUP, "Operation not supported")
    monkeypatch.setattr(fcntl, "fcntl", lambda *a: (_ for _ in ()).throw(refused))
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: fsyncs.append(fd))
    save_document(work / "mac.txt", "text two", DocumentFormat())
    monkeypatch.undo()
    assert fsyncs and load_document(work / "mac.txt").text == "text two"


def test_longest_legal_name_still_saves(work: Path) -> None:
    # The temp name adds ".", a random part and ".tmp": it must still fit the file system.
    limit = os.pathconf(work, "PC_NAME_MAX")
    path = work / ("n" * (limit - 4) + ".txt")
    save_document(path, "a long-named draft", DocumentFormat())
    assert path.read_text() == "a long-named draft"
    assert _temps(work) == []
    wide = work / ("第" * ((limit - 4) // 3) + ".txt")  # three bytes per character in UTF-8
    save_document(wide, "wide", DocumentFormat())
    assert wide.read_text() == "wide"
