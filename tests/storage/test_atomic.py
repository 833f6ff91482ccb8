"""The shared atomic-write helper."""

from __future__ import annotations

import os
import time
from pathlib import Path

from assistant.storage.atomic import (
    atomic_write_bytes,
    atomic_write_json,
    move_aside,
    read_json_object,
    remove_stale_temp_files,
)


def test_atomic_write_replaces_and_copies_mode(work: Path) -> None:
    source = work / "mode-source"
    source.write_bytes(b"")
    source.chmod(0o640)
    target = work / "out.bin"
    atomic_write_bytes(target, b"\x00\x01", keep_mode_from=source)
    assert target.read_bytes() == b"\x00\x01"
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in work.iterdir()) == ["mode-source", "out.bin"]


def test_json_helpers_and_move_aside(work: Path) -> None:
    path = work / "x.json"
    atomic_write_json(path, {"名": [1, 2]})
    assert read_json_object(path) == {"名": [1, 2]}
    assert "名" in path.read_text(encoding="utf-8")
    first = move_aside(path)
    path.write_text("[]")
    assert read_json_object(path) is None  # not an object
    second = move_aside(path)
    assert first != second and first.exists() and second.exists() and not path.exists()
    assert read_json_object(work / "missing.json") is None


def test_stale_temp_cleanup_only_touches_own_temp_names(work: Path) -> None:
    ours = work / ".doc.txt.0123abcd.tmp"
    theirs = work / ".notes.tmp"
    for p in (ours, theirs):
        p.write_text("x")
        old = time.time() - 7200
        os.utime(p, (old, old))
    assert remove_stale_temp_files(work) == 1
    assert not ours.exists() and theirs.exists()
