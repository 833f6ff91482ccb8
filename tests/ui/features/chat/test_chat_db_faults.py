"""A chat database another program has locked: a clear message, and the message is kept."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from PySide6.QtCore import Qt

HOLD_LOCK = textwrap.dedent(
    """
    import sqlite3, sys, time
    db = sqlite3.connect(sys.argv[1], isolation_level=None)
    db.execute("BEGIN EXCLUSIVE")
    print("LOCKED", flush=True)
    time.sleep(60)
    """
)


def test_a_locked_chat_database_keeps_the_message(qtbot, window, fake) -> None:
    chat = window.features.chat
    flow, panel = chat.flow, chat.panel
    chat.open_chat()
    fake.enqueue("First reply.")
    qtbot.keyClicks(panel.input, "First question")
    with qtbot.waitSignal(window.generation.finished, timeout=5000):
        qtbot.keyClick(panel.input, Qt.Key.Key_Return)
    path = flow.history.path
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "LOCKED"
        panel.input.setPlainText("A question that must not get lost")
        qtbot.keyClick(panel.input, Qt.Key.Key_Return)
        assert "locked" in panel.status_label.text()
        assert panel.input.toPlainText() == "A question that must not get lost"
        flow.refresh_list()  # reading a locked database is a message too, not a crash
        assert "locked" in panel.status_label.text()
    finally:
        holder.kill()
        holder.wait()
    # Once the other program lets go, sending works.
    fake.enqueue("Second reply.")
    with qtbot.waitSignal(window.generation.finished, timeout=10000):
        qtbot.keyClick(panel.input, Qt.Key.Key_Return)
    assert [m.content for m in flow.history.messages(flow.conv_id)][-2:] == [
        "A question that must not get lost",
        "Second reply.",
    ]
