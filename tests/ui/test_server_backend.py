"""The window with a model on a REAL llama.cpp server: every panel works the same.

Continue, rewrite, summarize, chat, ghost text and Stop mid-stream, driven like a
writer, against llama-cpp-python's OpenAI-compatible server on 127.0.0.1 serving
the embedded GGUF. The status bar names the server while it is used.
"""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from assistant.engine.registry import BackendSpec
from assistant.settings import Settings
from assistant.ui.generation.controller import GenerationController
from assistant.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.slow

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier
LEFT = Qt.MouseButton.LeftButton
STORY = "The old lighthouse keeper climbed the stairs every night."


@pytest.fixture
def server_window(qtbot, llama_server):
    """A main window whose model is the server's (loaded through the real registry)."""
    settings = Settings()
    settings.model.backend, settings.model.server_url = "openai", llama_server.url
    settings.ghost.enabled = False  # only the ghost test wants suggestions
    settings.presets["continue"].max_new_tokens = 12
    settings.presets["chat"].max_new_tokens = 12
    controller = GenerationController()
    with qtbot.waitSignal(controller.model_loaded, timeout=30000):
        controller.load_model(BackendSpec(kind="openai", server_url=llama_server.url))
    win = MainWindow(controller, settings, save_settings_on_close=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.current_editor().setFocus()
    yield win
    assert controller.shutdown(30000)


def test_status_bar_names_the_server_and_continue_inserts_its_text(
    qtbot, server_window, llama_server
) -> None:
    win = server_window
    assert f"server 127.0.0.1:{llama_server.port}" in win.status.model_label.text()
    editor = win.current_editor()
    qtbot.keyClicks(editor, STORY)
    with qtbot.waitSignal(win.generation.finished, timeout=60000) as done:
        qtbot.keyClick(editor, Qt.Key.Key_J, CTRL)
    result = done.args[1]
    assert result.text and editor.toPlainText() == STORY + result.text
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.toPlainText() == STORY


def test_rewrite_and_summarize_show_the_servers_text(qtbot, server_window) -> None:
    win = server_window
    editor = win.current_editor()
    qtbot.keyClicks(
        editor,
        "the dog was big and it ran very fast across the feild. It chased the ball to the "
        "old oak tree by the river, then it lay down in the shade and slept until the "
        "children came home from school and called it in for supper.",
    )
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    rewrite = win.features.rewrite.panel
    win.show_panel(rewrite)
    qtbot.waitUntil(rewrite.rewrite_button.isEnabled, timeout=2000)
    with qtbot.waitSignal(win.generation.finished, timeout=60000) as done:
        qtbot.keyClick(editor, Qt.Key.Key_R, CTRL_SHIFT)
    result = done.args[1]
    # The server's rewrite is shown if it passed its checks; otherwise the panel says so.
    if result.refused:
        assert result.text == "" and result.refused in rewrite.status_label.text()
    else:
        assert result.text.strip()
        qtbot.waitUntil(lambda: bool(rewrite.result_view.toPlainText().strip()), timeout=5000)
    summarize = win.features.summarize.panel
    win.show_panel(summarize)
    editor.moveCursor(QTextCursor.MoveOperation.End)  # no selection: the whole document
    with qtbot.waitSignal(win.generation.finished, timeout=60000) as done:
        qtbot.mouseClick(summarize.summarize_button, LEFT)
    assert done.args[1].text.strip()  # the model's summary, or key sentences of the text
    assert done.args[1].method in ("model", "extractive")


def test_chat_reply_streams_from_the_server(qtbot, server_window) -> None:
    win = server_window
    win.features.chat.open_chat()
    panel = win.features.chat.panel
    qtbot.keyClicks(panel.input, "Suggest a title for a story about a lighthouse.")
    with qtbot.waitSignal(win.generation.finished, timeout=60000) as done:
        qtbot.keyClick(panel.input, Qt.Key.Key_Return)
    reply = done.args[1].text
    assert reply
    qtbot.waitUntil(lambda: not panel.stop_button.isEnabled(), timeout=5000)
    assert panel.message_text(panel.message_widgets()[-1].msg_id) == reply


def test_ghost_text_comes_from_the_server(qtbot, server_window) -> None:
    win = server_window
    win.settings.ghost.enabled, win.settings.ghost.delay_ms = True, 30
    win.signals.settings_applied.emit(None)
    ghost = win.features.ghost
    qtbot.keyClicks(win.current_editor(), "The keeper opened the door and")
    qtbot.waitUntil(lambda: bool(ghost.text) and not ghost.generating, timeout=60000)
    assert win.current_editor().toPlainText() == "The keeper opened the door and"


def test_stop_mid_stream_keeps_the_text_and_frees_the_server(qtbot, server_window) -> None:
    win = server_window
    win.settings.presets["continue"].max_new_tokens = 400
    editor = win.current_editor()
    qtbot.keyClicks(editor, STORY)
    qtbot.keyClick(editor, Qt.Key.Key_J, CTRL)
    qtbot.waitUntil(lambda: len(editor.toPlainText()) > len(STORY), timeout=60000)
    stopped = time.monotonic()
    with qtbot.waitSignal(win.generation.finished, timeout=5000) as done:
        win.stop()
    assert time.monotonic() - stopped < 2.0
    assert done.args[1].cancelled
    kept = editor.toPlainText()
    assert kept.startswith(STORY) and len(kept) > len(STORY)
    # The server stopped writing: the next request is answered at once, not after 400 tokens.
    win.settings.presets["continue"].max_new_tokens = 4
    with qtbot.waitSignal(win.generation.finished, timeout=30000):
        qtbot.keyClick(editor, Qt.Key.Key_J, CTRL)
