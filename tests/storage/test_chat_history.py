"""Chat history in SQLite: CRUD, search, cascade, crash safety."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import paths
from assistant.storage.chat_history import ChatHistory

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def history() -> ChatHistory:
    """A fresh history at the default location (inside the test's home)."""
    h = ChatHistory()
    yield h
    h.close()


def test_default_location_and_wal(history: ChatHistory) -> None:
    assert history.path == paths.chat_db_file()
    mode = history._conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_conversation_crud(history: ChatHistory) -> None:
    a = history.create_conversation("Plot ideas", "You are terse.")
    b = history.create_conversation("Names")
    assert [c.id for c in history.list_conversations()] == [b, a]
    history.add_message(a, "user", "hello")  # touching a moves it to the top
    assert [c.id for c in history.list_conversations()] == [a, b]
    history.rename(b, "Character names")
    history.set_system_prompt(b, "Be playful.")
    conv = history.conversation(b)
    assert conv is not None and conv.title == "Character names"
    assert conv.system_prompt == "Be playful."
    assert conv.updated_at >= conv.created_at
    assert history.conversation(9999) is None


def test_messages_streaming_and_truncation(history: ChatHistory) -> None:
    c = history.create_conversation("c")
    u1 = history.add_message(c, "user", "Write a line")
    r1 = history.add_message(c, "assistant", "", complete=False)
    history.update_message(r1, "The moon", complete=False)
    assert history.messages(c)[-1].complete is False
    history.update_message(r1, "The moon rose.", complete=True)
    u2 = history.add_message(c, "user", "Another")
    history.add_message(c, "assistant", "Stars.")
    msgs = history.messages(c)
    assert [(m.role, m.content, m.complete) for m in msgs] == [
        ("user", "Write a line", True),
        ("assistant", "The moon rose.", True),
        ("user", "Another", True),
        ("assistant", "Stars.", True),
    ]
    assert history.delete_messages_after(c, u2) == 1  # regenerate the last reply
    assert [m.id for m in history.messages(c)] == [u1, r1, u2]
    assert history.delete_messages_after(c, r1, inclusive=True) == 2  # edit from r1 on
    assert [m.id for m in history.messages(c)] == [u1]
    with pytest.raises(ValueError):
        history.add_message(c, "robot", "beep")


def test_delete_cascades(history: ChatHistory) -> None:
    a = history.create_conversation("a")
    b = history.create_conversation("b")
    for i in range(3):
        history.add_message(a, "user", f"a{i}")
        history.add_message(b, "user", f"b{i}")
    history.delete(a)
    assert [c.id for c in history.list_conversations()] == [b]
    raw = sqlite3.connect(history.path)
    try:
        assert raw.execute("SELECT count(*) FROM messages WHERE conversation_id=?", (a,)).fetchone()
        assert raw.execute("SELECT count(*) FROM messages").fetchone()[0] == 3
    finally:
        raw.close()


def test_search_chinese_and_case(history: ChatHistory) -> None:
    poem = history.create_conversation("诗歌")
    history.add_message(poem, "user", "请帮我写一首关于春天的诗")
    eng = history.create_conversation("Outline")
    history.add_message(eng, "assistant", "The HERO meets 50% of the cast_list.")
    straße = history.create_conversation("Straße names")
    assert [c.id for c in history.search("春天")] == [poem]
    assert [c.id for c in history.search("诗歌")] == [poem]  # title match
    assert [c.id for c in history.search("hero")] == [eng]
    assert [c.id for c in history.search("50%")] == [eng]  # % and _ are literal
    assert [c.id for c in history.search("_list")] == [eng]
    assert [c.id for c in history.search("STRASSE")] == [straße]  # full Unicode casefold
    assert history.search("nothing like this") == []
    assert len(history.search("")) == 3


def test_reopen_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "chats.db"
    with ChatHistory(path) as h:
        c = h.create_conversation("persist", "sys")
        h.add_message(c, "user", "still here?")
    h2 = ChatHistory(path)
    try:
        (conv,) = h2.list_conversations()
        assert conv.title == "persist" and conv.system_prompt == "sys"
        assert [m.content for m in h2.messages(conv.id)] == ["still here?"]
        assert h2.integrity_check() == "ok"
    finally:
        h2.close()
        h2.close()


def test_corrupt_database_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "chats.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    h = ChatHistory(path)
    try:
        assert h.moved_aside is not None and h.moved_aside.read_bytes().startswith(b"this is not")
        assert h.list_conversations() == []
        h.create_conversation("fresh start")
    finally:
        h.close()


_KILL_CHILD = """
import sys
from assistant.storage.chat_history import ChatHistory
h = ChatHistory(sys.argv[1])
c = h.create_conversation("kill test")
i = 0
while True:
    h.add_message(c, "user", f"question {i}")
    r = h.add_message(c, "assistant", "", complete=False)
    for k in range(4):
        h.update_message(r, f"answer {i} part {k}", complete=False)
    h.update_message(r, f"answer {i}", complete=True)
    print(i, flush=True)
    i += 1
"""


def test_sigkill_mid_stream_loses_at_most_the_streaming_reply(tmp_path: Path) -> None:
    path = tmp_path / "killed.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", _KILL_CHILD, str(path)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert child.stdout is not None
    last = -1
    try:
        while last < 15:
            line = child.stdout.readline()
            assert line, "child died early"
            last = int(line)
    finally:
        child.send_signal(signal.SIGKILL)  # while it keeps writing
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    h = ChatHistory(path)
    try:
        assert h.integrity_check() == "ok"
        (conv,) = h.list_conversations()
        msgs = h.messages(conv.id)
        done = [(m.role, m.content) for m in msgs if m.complete]
        pairs = len(done) // 2
        assert pairs >= last + 1  # everything reported as written is there
        expected = []
        for i in range(pairs):
            expected += [("user", f"question {i}"), ("assistant", f"answer {i}")]
        assert done[: 2 * pairs] == expected
        # At most the reply that was streaming is incomplete, and it is the last message.
        incomplete = [m for m in msgs if not m.complete]
        assert len(incomplete) <= 1
        if incomplete:
            assert incomplete[0].id == msgs[-1].id and incomplete[0].role == "assistant"
    finally:
        h.close()
