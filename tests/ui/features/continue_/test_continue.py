"""Continue writing in the main window, driven with key presses like a writer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent

from assistant.engine.backend import FakeBackend

CTRL = Qt.KeyboardModifier.ControlModifier


def _continue(qtbot, window) -> tuple[int, object]:
    editor = window.current_editor()
    with qtbot.waitSignal(window.generation.finished, timeout=5000) as blocker:
        qtbot.keyClick(editor, Qt.Key.Key_J, CTRL)
    return blocker.args


def test_ctrl_j_streams_after_the_cursor_and_undo_removes_it(qtbot, window, fake) -> None:
    fake.enqueue(" and then the rain came.")
    editor = window.current_editor()
    qtbot.keyClicks(editor, "It was late.")
    _continue(qtbot, window)
    assert editor.toPlainText() == "It was late. and then the rain came."
    # The cursor follows the inserted text, ready to keep typing.
    assert editor.textCursor().position() == len(editor.toPlainText())
    assert editor.ai_request_id is None and not editor.extraSelections()
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.toPlainText() == "It was late."


def test_continue_in_the_middle_inserts_at_the_cursor(qtbot, window, fake) -> None:
    fake.enqueue(" quietly")
    editor = window.current_editor()
    qtbot.keyClicks(editor, "She left. He stayed.")
    for _ in range(len(". He stayed.")):
        qtbot.keyClick(editor, Qt.Key.Key_Left)
    _continue(qtbot, window)
    assert editor.toPlainText() == "She left quietly. He stayed."
    request = fake.requests[-1]
    assert request.prompt.endswith("She left")  # only the text before the cursor


def test_streamed_text_is_marked_while_it_arrives(qtbot, window, fake) -> None:
    fake.delay_s = 0.03
    fake.enqueue(" one two three four five six")
    editor = window.current_editor()
    qtbot.keyClicks(editor, "Count:")
    qtbot.keyClick(editor, Qt.Key.Key_J, CTRL)
    qtbot.waitUntil(lambda: "one" in editor.toPlainText(), timeout=5000)
    marks = editor.extraSelections()
    assert marks and marks[0].cursor.selectedText().startswith(" one")
    assert window.action_registry["stop"].isEnabled()
    with qtbot.waitSignal(window.generation.finished, timeout=5000):
        pass
    assert not editor.extraSelections()
    assert editor.toPlainText() == "Count: one two three four five six"  # marking not in text


def test_escape_stops_mid_stream(qtbot, window, fake: FakeBackend) -> None:
    fake.delay_s = 0.05
    fake.enqueue(" ".join(["word"] * 100))
    editor = window.current_editor()
    qtbot.keyClicks(editor, "Begin.")
    qtbot.keyClick(editor, Qt.Key.Key_J, CTRL)
    qtbot.waitUntil(lambda: "word" in editor.toPlainText(), timeout=5000)
    with qtbot.waitSignal(window.generation.finished, timeout=2000) as blocker:
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert blocker.args[1].cancelled
    assert fake.cancelled_count == 1
    kept = editor.toPlainText()
    assert kept.startswith("Begin.word") or kept.startswith("Begin. word")
    assert kept.count("word") < 20
    qtbot.wait(150)
    assert editor.toPlainText() == kept  # nothing arrives after the stop
    assert not window.action_registry["stop"].isEnabled()


def test_stop_button_in_panel_stops(qtbot, window, fake) -> None:
    fake.delay_s = 0.05
    fake.enqueue(" ".join(["word"] * 100))
    editor = window.current_editor()
    qtbot.keyClicks(editor, "Begin.")
    qtbot.mouseClick(window.features.continue_.panel.continue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "word" in editor.toPlainText(), timeout=5000)
    with qtbot.waitSignal(window.generation.finished, timeout=2000):
        qtbot.mouseClick(window.features.continue_.panel.stop_button, Qt.MouseButton.LeftButton)
    assert fake.cancelled_count == 1


def test_editing_elsewhere_while_streaming(qtbot, window, fake) -> None:
    fake.delay_s = 0.03
    fake.enqueue(" alpha beta gamma delta epsilon zeta")
    editor = window.current_editor()
    qtbot.keyClicks(editor, "Title")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "Story starts")
    qtbot.keyClick(editor, Qt.Key.Key_J, CTRL)
    qtbot.waitUntil(lambda: "alpha" in editor.toPlainText(), timeout=5000)
    # Click to the top and type there while the model keeps writing below.
    qtbot.keyClick(editor, Qt.Key.Key_Home, CTRL)
    qtbot.keyClicks(editor, "My ")
    with qtbot.waitSignal(window.generation.finished, timeout=5000):
        pass
    text = editor.toPlainText()
    assert text == "My Title\n\nStory starts alpha beta gamma delta epsilon zeta"
    assert fake.cancelled_count == 0
    # Undo never merges the writer's typing with the model's text: undoing step by
    # step always leaves a state where the writer's edit and the AI text are intact
    # or removed independently.
    states = []
    for _ in range(6):
        editor.undo()
        states.append(editor.toPlainText())
    assert "Title\n\nStory starts" in states
    assert any(s.startswith("My Title") and "zeta" not in s for s in states)


def test_typing_into_the_streamed_text_stops_it(qtbot, window, fake) -> None:
    fake.delay_s = 0.05
    fake.enqueue(" ".join(["word"] * 100))
    editor = window.current_editor()
    qtbot.keyClicks(editor, "Go")
    qtbot.keyClick(editor, Qt.Key.Key_J, CTRL)
    qtbot.waitUntil(lambda: "word" in editor.toPlainText(), timeout=5000)
    with qtbot.waitSignal(window.generation.finished, timeout=2000):
        qtbot.keyClicks(editor, "!")  # the cursor sits at the end of the streamed text
    assert fake.cancelled_count == 1
    assert editor.toPlainText().endswith("!")  # what the writer typed stays
    shown = window.statusBar().currentMessage()
    assert shown == "Continue writing stopped where you typed; your text is kept."


def test_ime_composition_keeps_enter_tab_escape(qtbot, window, fake) -> None:
    fake.delay_s = 0.05
    fake.enqueue(" ".join(["字"] * 60))
    editor = window.current_editor()
    typed = QInputMethodEvent()
    typed.setCommitString("开始")  # how an IME delivers committed Chinese text
    editor.inputMethodEvent(typed)
    qtbot.keyClick(editor, Qt.Key.Key_J, CTRL)
    qtbot.waitUntil(lambda: "字" in editor.toPlainText(), timeout=5000)
    # The writer starts composing pinyin: the IME owns Esc, Enter and Tab now.
    qtbot.keyClick(editor, Qt.Key.Key_End, CTRL)
    editor.inputMethodEvent(QInputMethodEvent("ni", []))
    assert editor.composing
    before = editor.toPlainText()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.wait(100)
    assert fake.cancelled_count == 0 and window.generation.busy
    assert "\n" not in editor.toPlainText() and "\t" not in editor.toPlainText()
    # Ctrl+J during composition does not start a second request either.
    assert window.features.continue_.flow.start() is None
    commit = QInputMethodEvent()
    commit.setCommitString("你")
    editor.inputMethodEvent(commit)
    assert not editor.composing
    assert len(editor.toPlainText()) >= len(before)
    with qtbot.waitSignal(window.generation.finished, timeout=2000):
        qtbot.keyClick(editor, Qt.Key.Key_Escape)  # now Esc is the Stop shortcut again
    assert fake.cancelled_count == 1


def test_worker_error_is_shown_in_the_window(qtbot, window, fake) -> None:
    fake.fail_with = "The model ran out of memory."
    editor = window.current_editor()
    qtbot.keyClicks(editor, "Some text.")
    with qtbot.waitSignal(window.generation.failed, timeout=5000):
        qtbot.keyClick(editor, Qt.Key.Key_J, CTRL)
    assert window.banner.isVisible()
    assert "The model ran out of memory." in window.banner.text
    assert "ran out of memory" in window.features.continue_.panel.status_label.text()
    assert editor.toPlainText() == "Some text."


def test_alternatives_listed_previewed_and_inserted(qtbot, window, fake) -> None:
    fake.enqueue(" by the sea", " in the hills", " under the bridge")
    panel = window.features.continue_.panel
    panel.alternatives_spin.setValue(3)
    editor = window.current_editor()
    qtbot.keyClicks(editor, "They met")
    _continue(qtbot, window)
    assert editor.toPlainText() == "They met"  # nothing inline in alternatives mode
    items = [panel.list.item(i) for i in range(panel.list.count())]
    texts = [i.text() for i in items if i.data(Qt.ItemDataRole.UserRole)]
    assert texts == ["by the sea", "in the hills", "under the bridge"]
    assert panel.preview.toPlainText() == " by the sea"  # first one previewed
    panel.list.setCurrentRow(2)
    assert panel.preview.toPlainText() == " in the hills"
    # Move the cursor away: the alternative still goes where it was generated.
    qtbot.keyClick(editor, Qt.Key.Key_Home)
    qtbot.mouseClick(panel.insert_button, Qt.MouseButton.LeftButton)
    assert editor.toPlainText() == "They met in the hills"
    # The caret is after the inserted text, where typing goes on.
    assert editor.textCursor().position() == len("They met in the hills")
    # The others stay in the panel's history until cleared.
    assert panel.alternatives() == [" by the sea", " in the hills", " under the bridge"]
    editor.undo()
    assert editor.toPlainText() == "They met"
    qtbot.mouseClick(panel.clear_button, Qt.MouseButton.LeftButton)
    assert panel.alternatives() == []


def test_alternative_inserted_with_enter_key(qtbot, window, fake) -> None:
    fake.enqueue(" A.", " B.")
    window.features.continue_.panel.alternatives_spin.setValue(2)
    editor = window.current_editor()
    qtbot.keyClicks(editor, "Pick")
    _continue(qtbot, window)
    panel = window.features.continue_.panel
    panel.list.setFocus()
    panel.list.setCurrentRow(1)
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert editor.toPlainText() == "Pick A."


def test_panel_options_reach_the_request(qtbot, window, fake) -> None:
    panel = window.features.continue_.panel
    panel.length_spin.setValue(40)
    panel.creativity_slider.setValue(25)
    editor = window.current_editor()
    qtbot.keyClicks(editor, "Options.")
    _continue(qtbot, window)
    sampling = fake.requests[-1].sampling
    assert sampling.max_new_tokens == 40
    assert abs(sampling.temperature - 0.25) < 1e-9
    assert "Options." in panel.prompt_view.toPlainText()
