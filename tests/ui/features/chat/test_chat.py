"""The Chat panel: send, stream, stop, regenerate, edit and resend, history after restart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo

from assistant.engine.backend import FakeBackend
from assistant.settings import Settings
from assistant.storage.chat_history import ChatHistory
from assistant.ui.features.chat import flow as chat_flow
from assistant.ui.shell.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def fake() -> FakeBackend:
    """A model with a small context (1024 tokens) so a long document must be cut."""
    return FakeBackend(default_reply="Happy to help.", context_tokens=1024)


@pytest.fixture
def panel(window):
    window.settings.ghost.enabled = False  # no inline suggestions while typing
    window.features.chat.open_chat()
    return window.features.chat.panel


def _send(qtbot, panel, text: str) -> None:
    qtbot.keyClicks(panel.input, text)
    qtbot.keyClick(panel.input, Qt.Key.Key_Return)
    _wait_reply(qtbot, panel)


def _wait_reply(qtbot, panel) -> None:
    qtbot.waitUntil(lambda: not panel.stop_button.isEnabled(), timeout=5000)


def _stored(conv_index: int = 0) -> list[tuple[str, str]]:
    with ChatHistory() as db:
        conv = db.list_conversations()[conv_index]
        return [(m.role, m.content) for m in db.messages(conv.id)]


def test_send_streams_and_survives_a_restart(qtbot, window, controller, fake, panel) -> None:
    fake.delay_s = 0.02
    fake.enqueue("Try a **stronger** verb.")
    qtbot.keyClicks(panel.input, "How can I improve this line?")
    qtbot.keyClick(panel.input, Qt.Key.Key_Return)
    assert panel.input.toPlainText() == ""
    qtbot.waitUntil(lambda: panel.stop_button.isEnabled(), timeout=2000)
    assert not panel.send_button.isEnabled()  # one reply at a time, and the tooltip says so
    assert "Stop" in panel.send_button.toolTip()
    qtbot.waitUntil(lambda: "Try" in panel.message_text(panel.message_widgets()[-1].msg_id))
    _wait_reply(qtbot, panel)
    widgets = panel.message_widgets()
    assert [w.role for w in widgets] == ["user", "assistant"]
    assert widgets[1].view.toPlainText() == "Try a stronger verb."  # Markdown rendered
    assert "tokens/s" in panel.stats_label.text()
    assert "How can I improve this line?" in panel.prompt_viewer.prompt()
    assert _stored() == [
        ("user", "How can I improve this line?"),
        ("assistant", "Try a **stronger** verb."),
    ]
    assert panel.title_edit.text() == "How can I improve this line?"

    second = MainWindow(controller, Settings(), save_settings_on_close=False)
    qtbot.addWidget(second)
    again = second.features.chat.panel
    # The database opens after the window's first paint: the conversation follows it.
    qtbot.waitUntil(lambda: again.title_edit.text() == "How can I improve this line?")
    assert [w.text() for w in again.message_widgets()] == [
        "How can I improve this line?",
        "Try a **stronger** verb.",
    ]
    assert again.history_list.count() == 1


def test_rename_search_and_delete(qtbot, window, panel, monkeypatch) -> None:
    _send(qtbot, panel, "About chapter one")
    qtbot.mouseClick(panel.new_button, LEFT)
    assert panel.message_widgets() == []
    _send(qtbot, panel, "Names for a dragon")
    panel.title_edit.selectAll()
    qtbot.keyClicks(panel.title_edit, "Dragon names")
    qtbot.keyClick(panel.title_edit, Qt.Key.Key_Return)
    with ChatHistory() as db:
        assert [c.title for c in db.list_conversations()] == ["Dragon names", "About chapter one"]

    panel.history_toggle.click()
    assert panel.history_list.isVisible() and panel.history_list.count() == 2
    qtbot.keyClicks(panel.search_edit, "CHAPTER")
    assert panel.history_list.count() == 1
    item = panel.history_list.item(0)
    rect = panel.history_list.visualItemRect(item)
    qtbot.mouseClick(panel.history_list.viewport(), LEFT, pos=rect.center())
    assert panel.title_edit.text() == "About chapter one"
    assert panel.message_widgets()[0].text() == "About chapter one"

    asked: list[str] = []
    monkeypatch.setattr(
        chat_flow, "ask_delete_conversation", lambda _p, title: asked.append(title) or True
    )
    qtbot.mouseClick(panel.delete_button, LEFT)
    assert asked == ["About chapter one"]
    with ChatHistory() as db:
        assert [c.title for c in db.list_conversations()] == ["Dragon names"]
        assert db.search("chapter") == []
    assert panel.message_widgets() == []  # the shown conversation was the deleted one


def test_edit_and_resend_then_regenerate(qtbot, window, fake, panel) -> None:
    fake.enqueue("Reply one.", "Reply two.", "Reply three.")
    _send(qtbot, panel, "First question")
    user = panel.message_widgets()[0]
    qtbot.mouseClick(user.buttons["edit"], LEFT)
    assert panel.input.toPlainText() == "First question" and panel.edit_banner.isVisible()
    panel.input.clear()
    qtbot.keyClicks(panel.input, "Better question")
    qtbot.keyClick(panel.input, Qt.Key.Key_Return)
    _wait_reply(qtbot, panel)
    assert _stored() == [("user", "Better question"), ("assistant", "Reply two.")]
    assert [w.text() for w in panel.message_widgets()] == ["Better question", "Reply two."]
    assert "First question" not in fake.requests[-1].prompt

    reply = panel.message_widgets()[-1]
    assert reply.buttons["regenerate"].isVisible()
    qtbot.mouseClick(reply.buttons["regenerate"], LEFT)
    _wait_reply(qtbot, panel)
    assert _stored() == [("user", "Better question"), ("assistant", "Reply three.")]
    assert [w.text() for w in panel.message_widgets()] == ["Better question", "Reply three."]


def test_whole_document_context_is_cut_with_a_note(qtbot, window, fake, panel) -> None:
    window.current_editor().setPlainText("Once upon a time the sea was calm. " * 400)
    qtbot.mouseClick(panel.use_document, LEFT)
    qtbot.waitUntil(lambda: panel.chip.isVisible(), timeout=1000)
    qtbot.waitUntil(lambda: "Whole document · 3,200 words" in panel.chip.label.text(), timeout=2000)
    _send(qtbot, panel, "Is the opening strong?")
    prompt = fake.requests[-1].prompt
    assert "The writer is working on this text" in prompt and "the sea was calm" in prompt
    assert fake.requests[-1].truncated
    note = panel.message_widgets()[-1].truncated_label
    assert note.isVisible() and "left out" in note.text()
    assert "left out" in panel.prompt_viewer.prompt()
    qtbot.mouseClick(panel.chip.remove_button, LEFT)
    assert not panel.chip.isVisible() and not panel.use_document.isChecked()
    _send(qtbot, panel, "And the ending?")
    assert "sea was calm" not in fake.requests[-1].prompt


def test_stop_keeps_the_partial_reply(qtbot, window, fake, panel) -> None:
    fake.delay_s = 0.05
    fake.enqueue(" ".join(["word"] * 100))
    qtbot.keyClicks(panel.input, "Write a lot")
    qtbot.keyClick(panel.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "word" in panel.message_widgets()[-1].text(), timeout=5000)
    with qtbot.waitSignal(window.generation.finished, timeout=2000) as blocker:
        qtbot.mouseClick(panel.stop_button, LEFT)
    assert blocker.args[1].cancelled
    kept = _stored()[-1]
    assert kept[0] == "assistant" and 0 < kept[1].count("word") < 50
    assert panel.message_widgets()[-1].text() == kept[1]
    assert "Stopped" in panel.status_label.text()
    assert panel.send_button.isEnabled()


def test_worker_error_gives_the_message_back(qtbot, window, fake, panel) -> None:
    fake.fail_with = "The model could not be loaded."
    _send(qtbot, panel, "Hello there")
    assert "could not be loaded" in panel.status_label.text()
    assert panel.input.toPlainText() == "Hello there"
    assert panel.message_widgets() == []
    assert _stored() == []
    qtbot.keyClick(panel.input, Qt.Key.Key_Return)  # sending again works
    _wait_reply(qtbot, panel)
    assert _stored() == [("user", "Hello there"), ("assistant", "Happy to help.")]


def test_markdown_code_is_monospaced_and_reply_inserts(qtbot, window, fake, panel) -> None:
    fake.enqueue("Use this:\n\n```\nprint('hi')\n```")
    _send(qtbot, panel, "Show code")
    view = panel.message_widgets()[-1].view
    block = view.document().findBlock(view.toPlainText().index("print"))
    fmt = block.begin().fragment().charFormat()
    assert QFontInfo(fmt.font()).fixedPitch() or fmt.fontFixedPitch()
    qtbot.mouseClick(panel.message_widgets()[-1].buttons["insert"], LEFT)
    assert "print('hi')" in window.current_editor().toPlainText()


def test_docks_and_assist_menu_persist(qtbot, controller) -> None:
    from assistant.settings_file import load_settings

    first = MainWindow(controller, load_settings().settings)
    qtbot.addWidget(first)
    first.show()
    menu = [a.text().replace("&", "") for a in first.action_registry.menus["assist"].actions()]
    for name in ("Continue Writing", "Rewrite Selection…", "Summarize", "Chat"):
        assert name in menu
    registry = first.action_registry
    keys = {i: registry[i].shortcut().toString() for i in ("rewrite", "summarize", "chat")}
    assert keys == {"rewrite": "Ctrl+Shift+R", "summarize": "Ctrl+Shift+M", "chat": "Ctrl+Shift+C"}
    taken = [a.shortcut() for i, a in first.action_registry.by_id.items() if i not in keys]
    assert not any(first.action_registry[i].shortcut() in taken for i in keys)
    docks = {
        d.objectName(): d.windowTitle()
        for d in (
            first.features.rewrite.panel,
            first.features.summarize.panel,
            first.features.chat.panel,
        )
    }
    assert docks == {"RewriteDock": "Rewrite", "SummarizeDock": "Summarize", "ChatDock": "Chat"}
    first.features.chat.panel.hide()
    first.close()
    second = MainWindow(controller, load_settings().settings)
    qtbot.addWidget(second)
    second.show()
    assert second.features.chat.panel.isHidden()
    assert not second.features.rewrite.panel.isHidden()


def test_requests_from_two_panels_queue_visibly(qtbot, window, fake, panel) -> None:
    fake.delay_s = 0.02
    fake.enqueue("The dog ran to the park.", "Queued reply.")
    editor = window.current_editor()
    qtbot.keyClicks(editor, "The big brown dog ran very quickly across the wet grass to the park.")
    editor.selectAll()
    window.features.rewrite.rewrite_selection()
    qtbot.keyClicks(panel.input, "Meanwhile, a question")
    qtbot.keyClick(panel.input, Qt.Key.Key_Return)
    assert "Waiting for the current generation to finish… (queued 1)" in panel.status_label.text()
    _wait_reply(qtbot, panel)
    assert panel.message_widgets()[-1].text() == "Queued reply."  # nothing dropped
    assert window.features.rewrite.panel.current_attempt().text == "The dog ran to the park."


def test_deleting_all_history_in_settings_clears_the_panel(
    qtbot, window, fake, panel, monkeypatch
) -> None:
    from assistant.ui.dialogs.models import questions

    _send(qtbot, panel, "The butler did it")
    fake.delay_s = 0.05
    fake.enqueue("A long reply " * 40)
    qtbot.keyClicks(panel.input, "Tell me more")
    qtbot.keyClick(panel.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.stop_button.isEnabled(), timeout=2000)  # still replying

    monkeypatch.setattr(questions, "confirm", lambda *_a: True)
    page = window.features.preferences.open_settings().show_page("privacy")
    qtbot.mouseClick(page.delete_chats, LEFT)
    assert panel.message_widgets() == []
    assert panel.title_edit.text() == ""
    assert "Chat history deleted" in panel.status_label.text()
    assert not panel.stop_button.isEnabled() and panel.input.isEnabled()
    qtbot.wait(300)  # the stopped reply writes nothing back
    with ChatHistory() as db:
        assert db.list_conversations() == []

    window.features.preferences.settings_dialog.reject()
    _send(qtbot, panel, "A fresh start")
    assert _stored() == [("user", "A fresh start"), ("assistant", "Happy to help.")]
