"""Saving never overwrites a version another program wrote since the file was opened."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.storage.document_save import write_document
from assistant.storage.documents import (
    DocumentFormat,
    ExternalChangeError,
    FileDeletedError,
    load_document,
)
from assistant.storage.signature import DiskSignature, DiskState, disk_state, signature_of


def _opened(work: Path, data: bytes = b"my chapter\n") -> tuple[Path, DiskSignature]:
    path = work / "ch1.txt"
    path.write_bytes(data)
    doc = load_document(path)
    assert doc.signature is not None
    return path, doc.signature


def test_load_and_save_record_what_is_on_disk(work: Path) -> None:
    path, loaded = _opened(work)
    assert loaded == signature_of(path)
    saved = write_document(path, "my chapter, revised\n", DocumentFormat(), expected=loaded)
    assert saved == signature_of(path) and saved != loaded
    # The next save checks against what this save wrote.
    write_document(path, "third\n", DocumentFormat(), expected=saved)
    assert path.read_bytes() == b"third\n"


def test_another_program_wrote_the_file(work: Path) -> None:
    path, loaded = _opened(work)
    # A real second process, as another editor or a sync client would be.
    code = "import sys; open(sys.argv[1], 'w').write('their newer version\\n')"
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)
    with pytest.raises(ExternalChangeError) as info:
        write_document(path, "my version\n", DocumentFormat(), expected=loaded)
    assert not isinstance(info.value, FileDeletedError)
    assert str(info.value) == (
        "\u201cch1.txt\u201d was changed by another program since it was opened; saving "
        "would overwrite those changes."
    )
    assert path.read_bytes() == b"their newer version\n"  # theirs is kept
    assert info.value.on_disk == signature_of(path)
    # The writer chose "overwrite": saving without `expected` does it.
    write_document(path, "my version\n", DocumentFormat())
    assert path.read_bytes() == b"my version\n"


def test_same_size_and_mtime_but_other_bytes_is_a_change(work: Path) -> None:
    # A coarse-clock file system (FAT: 2 s) can show the same size and mtime for two
    # different texts written in quick succession; the hash tells them apart.
    path, loaded = _opened(work, b"version A\n")
    path.write_bytes(b"version B\n")
    os.utime(path, ns=(loaded.mtime_ns, loaded.mtime_ns))
    assert disk_state(path, loaded) is DiskState.CHANGED
    with pytest.raises(ExternalChangeError):
        write_document(path, "mine\n", DocumentFormat(), expected=loaded)
    assert path.read_bytes() == b"version B\n"


def test_touched_file_with_the_same_bytes_is_not_a_conflict(work: Path) -> None:
    path, loaded = _opened(work)
    later = loaded.mtime_ns + 5_000_000_000
    os.utime(path, ns=(later, later))  # touch, or a cloud client re-writing it as it was
    assert disk_state(path, loaded) is DiskState.UNCHANGED
    write_document(path, "edited\n", DocumentFormat(), expected=loaded)
    assert path.read_bytes() == b"edited\n"


def test_deleted_file_is_its_own_case(work: Path) -> None:
    path, loaded = _opened(work)
    path.unlink()
    assert disk_state(path, loaded) is DiskState.DELETED
    with pytest.raises(FileDeletedError) as info:
        write_document(path, "still mine\n", DocumentFormat(), expected=loaded)
    assert str(info.value) == (
        "\u201cch1.txt\u201d was deleted or moved by another program since it was opened; "
        "saving will create it again."
    )
    assert info.value.on_disk is None
    assert not path.exists()  # nothing written until the writer says so
    write_document(path, "still mine\n", DocumentFormat())
    assert path.read_bytes() == b"still mine\n"


def test_signature_json_round_trip() -> None:
    signature = DiskSignature(12, 1_700_000_000_123_456_789, "ab" * 32)
    assert DiskSignature.from_json(signature.to_json()) == signature
    assert DiskSignature.from_json({"size": "12"}) is None
    assert DiskSignature.from_json(None) is None
