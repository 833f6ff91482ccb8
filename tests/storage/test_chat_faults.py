"""The chat database when things go wrong: locked, full, read-only, I/O errors, newer format.

Each failure is one ChatHistoryError with a sentence a writer understands, nothing
already saved is lost, and the same call succeeds once the cause is gone.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.storage.chat_database import ChatHistoryError, NewerChatHistoryError
from assistant.storage.chat_history import ChatHistory

_HOLD_EXCLUSIVE = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.read()
conn.execute("ROLLBACK")
"""


@pytest.fixture
def history(work: Path) -> ChatHistory:
    """A history with one conversation and one saved exchange."""
    h = ChatHistory(work / "chats.sqlite3")
    h.conv = h.create_conversation("Plot")  # type: ignore[attr-defined]
    h.add_message(h.conv, "user", "Who is the killer?")  # type: ignore[attr-defined]
    h.add_message(h.conv, "assistant", "The gardener.")  # type: ignore[attr-defined]
    yield h
    h.close()


def _contents(h: ChatHistory) -> list[str]:
    return [m.content for m in h.messages(h.conv)]  # type: ignore[attr-defined]


def test_locked_by_another_program(history: ChatHistory) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_EXCLUSIVE, str(history.path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        with pytest.raises(ChatHistoryError) as info:
            history.add_message(history.conv, "user", "And the motive?")  # type: ignore[attr-defined]
        waited = time.monotonic() - started
        assert 1.5 < waited < 15
        assert str(info.value) == (
            "Could not save to the chat history: another program has it locked (waited 2 s). "
            "Nothing was changed; try again."
        )
        assert _contents(history) == ["Who is the killer?", "The gardener."]  # reads still work
    finally:
        holder.stdin.close()  # type: ignore[union-attr]
        holder.wait(timeout=30)
    history.add_message(history.conv, "user", "And the motive?")  # type: ignore[attr-defined]
    assert _contents(history)[-1] == "And the motive?"


def _full(h: ChatHistory) -> Callable[[], None]:
    pages = h._conn.execute("PRAGMA page_count").fetchone()[0]
    h._conn.execute(f"PRAGMA max_page_count={pages}")
    return lambda: h._conn.execute("PRAGMA max_page_count=1000000")


def _read_only(h: ChatHistory) -> Callable[[], None]:
    h._conn.execute("PRAGMA query_only=1")
    return lambda: h._conn.execute("PRAGMA query_only=0")


class _FailingWrites:
    """A connection whose writes fail the way a dying disk makes SQLite fail."""

    def __init__(self, conn: sqlite3.Connection, when: str) -> None:
        self._conn, self._when = conn, when

    def execute(self, sql: str, *args: object) -> object:
        if sql.startswith(self._when):
            error = sqlite3.OperationalError("disk I/O error")
            error.sqlite_errorcode = sqlite3.SQLITE_IOERR_WRITE  # type: ignore[attr-defined]
            raise error
        return self._conn.execute(sql, *args)

    def __getattr__(self, name: str) -> object:
        return getattr(self._conn, name)


def _io_error_at(step: str) -> Callable[[ChatHistory], Callable[[], None]]:
    def inject(h: ChatHistory) -> Callable[[], None]:
        real = h._conn
        h._conn = _FailingWrites(real, step)  # type: ignore[assignment]

        def undo() -> None:
            h._conn = real

        return undo

    return inject


@pytest.mark.parametrize(
    ("inject", "reason"),
    [
        (_full, "the disk is full"),
        (_read_only, "the file or its folder is read-only"),
        (_io_error_at("INSERT"), "the disk reported an input/output error"),
        (_io_error_at("COMMIT"), "the disk reported an input/output error"),
    ],
    ids=["full", "read-only", "io-error-write", "io-error-commit"],
)
def test_failed_write_loses_nothing_and_can_be_retried(
    history: ChatHistory, inject: Callable[[ChatHistory], Callable[[], None]], reason: str
) -> None:
    undo = inject(history)
    long_reply = "It was the butler, in the library. " * 400  # more than a page
    with pytest.raises(ChatHistoryError) as info:
        history.add_message(history.conv, "assistant", long_reply)  # type: ignore[attr-defined]
    assert str(info.value) == (
        f"Could not save to the chat history: {reason}. Nothing was changed; try again."
    )
    undo()
    assert _contents(history) == ["Who is the killer?", "The gardener."]
    history.add_message(history.conv, "assistant", long_reply)  # type: ignore[attr-defined]
    assert _contents(history)[-1] == long_reply
    assert history.integrity_check() == "ok"


_NEWER_CRASHED = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA wal_autocheckpoint=0")
conn.execute("PRAGMA user_version=7")
os._exit(0)  # killed: the new version number is only in the -wal
"""


@pytest.mark.parametrize("crashed", [False, True], ids=["closed", "only-in-wal"])
def test_newer_version_is_refused_and_left_untouched(work: Path, crashed: bool) -> None:
    path = work / "chats.sqlite3"
    with ChatHistory(path) as h:
        h.add_message(h.create_conversation("From the future"), "user", "hello")
    if crashed:
        subprocess.run([sys.executable, "-c", _NEWER_CRASHED, str(path)], check=True)
        assert (work / "chats.sqlite3-wal").stat().st_size > 0
    else:
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA user_version=7")
        conn.close()
    # The -shm is a shared-memory index SQLite rebuilds at will; the data is the rest.
    before = {p.name: p.read_bytes() for p in work.iterdir() if not p.name.endswith("-shm")}
    with pytest.raises(NewerChatHistoryError) as info:
        ChatHistory(path)
    assert str(info.value) == (
        f"The chat history {path} was made by a newer version of Writing Assistant (format 7; "
        "this version reads format 1 and older). It was left untouched; update Writing "
        "Assistant to see those chats."
    )
    after = {p.name: p.read_bytes() for p in work.iterdir() if not p.name.endswith("-shm")}
    assert after == before


def test_database_and_its_journal_are_private(work: Path) -> None:
    old = os.umask(0o022)
    try:
        with ChatHistory(work / "chats.sqlite3") as h:
            h.add_message(h.create_conversation("Secret"), "user", "my diary")
            files = sorted(p.name for p in work.iterdir())
            assert files == ["chats.sqlite3", "chats.sqlite3-shm", "chats.sqlite3-wal"]
            for name in files:
                assert stat.S_IMODE((work / name).stat().st_mode) == 0o600, name
    finally:
        os.umask(old)
    # A database an older version left readable by everyone is tightened on open.
    (work / "chats.sqlite3").chmod(0o644)
    ChatHistory(work / "chats.sqlite3").close()
    assert stat.S_IMODE((work / "chats.sqlite3").stat().st_mode) == 0o600
