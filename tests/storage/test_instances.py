"""Second instances: a document open in two windows is noticed; an orphan is restored once.

Real subprocesses stand in for the other instance: the locks must hold between
processes, and a killed process must never leave a lock that blocks anyone.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.storage import instances
from assistant.storage.instances import (
    OWN_PID,
    LockHolder,
    acquire_document_lock,
    document_lock_path,
    process_start_time,
    release_document_lock,
)
from assistant.storage.recovery import RecoveryStore
from assistant.storage.signature import DiskState, signature_of

ROOT = Path(__file__).resolve().parents[2]

_HOLD_DOCUMENT = """
import sys
from assistant.storage.instances import acquire_document_lock
print(repr(acquire_document_lock(sys.argv[1])), flush=True)
sys.stdin.read()  # hold it until the test closes our stdin
"""

_CLAIM = """
import sys, time
from assistant.storage.recovery import RecoveryStore
store = RecoveryStore(sys.argv[1])
while not __import__("os").path.exists(sys.argv[2]):  # start together
    time.sleep(0.001)
print(store.claim("orphan1"), flush=True)
sys.stdin.read()
"""


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.fixture(params=["os-lock", "pid-only"])
def lock_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run with the OS file lock, and with the pid + start-time fallback alone."""
    if request.param == "pid-only":
        monkeypatch.setattr(instances, "_os_lock", lambda fd: None)
    return str(request.param)


def test_document_open_in_another_instance_is_reported(work: Path) -> None:
    doc = work / "chapter.txt"
    doc.write_text("text")
    child = _python(_HOLD_DOCUMENT, str(doc))
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "None"
        holder = acquire_document_lock(doc)
        assert isinstance(holder, LockHolder)
        assert holder.pid == child.pid and holder.started == process_start_time(child.pid)
        message = holder.message(doc)
        assert message.startswith(
            "\u201cchapter.txt\u201d is already open in another Writing Assistant window "
            f"(process {child.pid}, running since "
        )
    finally:
        child.stdin.close()  # type: ignore[union-attr]
        child.wait(timeout=30)
    # The other window closed: the document is free.
    assert acquire_document_lock(doc) is None
    release_document_lock(doc)


def test_a_killed_holder_never_blocks(work: Path) -> None:
    doc = work / "chapter.txt"
    child = _python(_HOLD_DOCUMENT, str(doc))
    assert child.stdout is not None and child.stdout.readline().strip() == "None"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert document_lock_path(doc).exists()  # the crash left its file behind
    assert acquire_document_lock(doc) is None
    release_document_lock(doc)
    assert not document_lock_path(doc).exists()


def _stale_lock(doc: Path, pid: int, started: float | None) -> None:
    lock = document_lock_path(doc)
    lock.write_text(json.dumps({"pid": pid, "started": started, "path": str(doc)}))


def test_stale_locks_are_replaced(work: Path, lock_mode: str) -> None:
    doc = work / "chapter.txt"
    _stale_lock(doc, _dead_pid(), 1.0)
    assert acquire_document_lock(doc) is None
    record = json.loads(document_lock_path(doc).read_text())
    assert record["pid"] == OWN_PID
    release_document_lock(doc)

    # A live pid that started at another time is a reused pid, not the holder.
    parent = os.getppid()
    _stale_lock(doc, parent, (process_start_time(parent) or 0.0) - 3600)
    assert acquire_document_lock(doc) is None
    release_document_lock(doc)


def test_pid_only_fallback_still_sees_a_live_holder(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(instances, "_os_lock", lambda fd: None)
    doc = work / "chapter.txt"
    parent = os.getppid()  # alive, with the start time the lock records
    _stale_lock(doc, parent, process_start_time(parent))
    holder = acquire_document_lock(doc)
    assert isinstance(holder, LockHolder) and holder.pid == parent


def test_same_instance_may_reopen_its_own_document(work: Path) -> None:
    doc = work / "chapter.txt"
    assert acquire_document_lock(doc) is None
    assert acquire_document_lock(doc) is None  # a second tab or a reload
    release_document_lock(doc)
    release_document_lock(doc)  # twice is fine


def _dead_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


def test_only_one_of_several_racing_instances_claims_an_orphan(work: Path) -> None:
    recovery = work / "recovery"
    RecoveryStore(recovery, session_id="crashed-run").write("orphan1", "words", "/w/a.txt", "a")
    meta_path = recovery / "orphan1.json"
    meta = json.loads(meta_path.read_text())
    meta_path.write_text(json.dumps({**meta, "pid": _dead_pid()}))  # its run crashed
    assert [e.doc_id for e in RecoveryStore(recovery).orphans()] == ["orphan1"]

    go = work / "go"
    racers = [_python(_CLAIM, str(recovery), str(go)) for _ in range(3)]
    go.write_text("")
    try:
        answers = [r.stdout.readline().strip() for r in racers]  # type: ignore[union-attr]
        assert sorted(answers) == ["False", "False", "True"]
        # While the winner runs, the orphan is its: a fourth instance neither lists nor wins it.
        store = RecoveryStore(recovery)
        assert store.orphans() == []
        assert store.claim("orphan1") is False
    finally:
        for racer in racers:
            racer.stdin.close()  # type: ignore[union-attr]
            racer.wait(timeout=30)
    # The winner ended without restoring it (crashed, or "decide later"): offered again.
    store = RecoveryStore(recovery)
    assert [e.doc_id for e in store.orphans()] == ["orphan1"]
    assert store.claim("orphan1") is True
    store.remove("orphan1")
    assert sorted(p.name for p in recovery.iterdir()) == []


def test_recovery_copy_knows_its_base(work: Path) -> None:
    original = work / "novel.txt"
    original.write_bytes(b"chapter one\n")
    base = signature_of(original)
    store = RecoveryStore(work / "recovery")
    store.write("d1", "chapter one, edited", str(original), "novel.txt", base=base)
    (entry,) = store.entries()
    assert entry.base == base
    assert entry.base_state() is DiskState.UNCHANGED
    os.utime(original, ns=(base.mtime_ns + 10**9, base.mtime_ns + 10**9))  # touched only
    assert entry.base_state() is DiskState.UNCHANGED
    original.write_bytes(b"chapter one, changed by another program\n")
    assert entry.base_state() is DiskState.CHANGED
    original.unlink()
    assert entry.base_state() is DiskState.DELETED
    store.write("untitled", "draft", None, "Untitled 1")
    untitled = next(e for e in store.entries() if e.doc_id == "untitled")
    assert untitled.base is None and untitled.base_state() is None
