"""Inline ghost-text suggestions, driven with key presses like a writer (FakeBackend)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from assistant.engine.backend import FakeBackend
from assistant.settings import Settings
from assistant.ui.generation.controller import GenerationController
from assistant.ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def win(window):
    """The main window with a short pause so each test runs quickly."""
    window.settings.ghost.delay_ms = 30
    return window


def _shown(editor) -> str:
    """What the writer sees after the cursor (the block layout's pre-edit text)."""
    return editor.textCursor().block().layout().preeditAreaText()


def _wait_ghost(qtbot, win, expected: str) -> None:
    ghost = win.features.ghost
    qtbot.waitUntil(lambda: ghost.text == expected and not ghost.generating, timeout=3000)
    assert _shown(win.current_editor()) == expected


def _type_and_wait(qtbot, win, typed: str, expected: str) -> None:
    qtbot.keyClicks(win.current_editor(), typed)
    _wait_ghost(qtbot, win, expected)


def test_ghost_appears_after_a_pause_and_is_not_part_of_the_document(
    qtbot, win, fake: FakeBackend, tmp_path
) -> None:
    fake.enqueue(" sat on the mat. Then it slept")
    editor = win.current_editor()
    qtbot.keyClicks(editor, "The cat")
    undo_steps = editor.document().availableUndoSteps()
    _wait_ghost(qtbot, win, " sat on the mat.")  # cut at the end of the sentence
    assert editor.toPlainText() == "The cat"
    assert editor.document().availableUndoSteps() == undo_steps
    assert editor.textCursor().position() == len("The cat")
    tab = win.current_tab()
    tab.save(tmp_path / "saved.txt")
    assert (tmp_path / "saved.txt").read_text(encoding="utf-8") == "The cat"
    # The prompt is the document up to the cursor: a prefix the KV cache can reuse.
    assert fake.requests[-1].prompt == "The cat"


def test_tab_accepts_all_as_one_undo_step_and_plain_tab_still_indents(qtbot, win, fake) -> None:
    fake.enqueue(" sat on the mat.")
    editor = win.current_editor()
    hint = win.status.ghost_hint
    assert not hint.isVisible()
    _type_and_wait(qtbot, win, "The cat", " sat on the mat.")
    # The status bar says which keys act on the suggestion while it is shown.
    assert hint.isVisible() and "Tab accept" in hint.text() and "Esc dismiss" in hint.text()
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert not hint.isVisible()
    assert editor.toPlainText() == "The cat sat on the mat."
    assert editor.textCursor().position() == len(editor.toPlainText())
    assert _shown(editor) == "" and win.features.ghost.text == ""
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.toPlainText() == "The cat"
    win.features.ghost.switches.set_enabled(False)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "The cat\t"


def test_ctrl_right_accepts_the_next_word(qtbot, win, fake) -> None:
    fake.enqueue(" sat on the mat.")
    editor = win.current_editor()
    _type_and_wait(qtbot, win, "The cat", " sat on the mat.")
    qtbot.keyClick(editor, Qt.Key.Key_Right, CTRL)
    assert editor.toPlainText() == "The cat sat"
    assert win.features.ghost.text == " on the mat." and _shown(editor) == " on the mat."
    qtbot.keyClick(editor, Qt.Key.Key_Right, CTRL)
    assert editor.toPlainText() == "The cat sat on"
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)  # each word is its own undo step
    assert editor.toPlainText() == "The cat sat"


def test_escape_dismisses_and_keeps_the_text(qtbot, win, fake) -> None:
    fake.enqueue(" sat on the mat.")
    editor = win.current_editor()
    _type_and_wait(qtbot, win, "The cat", " sat on the mat.")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert win.features.ghost.text == "" and _shown(editor) == ""
    assert not win.status.ghost_hint.isVisible()
    assert editor.toPlainText() == "The cat"


def test_typing_the_suggestion_consumes_it_and_anything_else_removes_it(qtbot, win, fake) -> None:
    fake.enqueue(" sat on the mat.")
    editor = win.current_editor()
    _type_and_wait(qtbot, win, "The cat", " sat on the mat.")
    qtbot.keyClicks(editor, " sa")
    assert editor.toPlainText() == "The cat sa"
    assert win.features.ghost.text == "t on the mat." and _shown(editor) == "t on the mat."
    assert len(fake.requests) == 1  # typing through asks for nothing new
    qtbot.keyClick(editor, Qt.Key.Key_X)
    assert win.features.ghost.text == "" and _shown(editor) == ""
    assert editor.toPlainText() == "The cat sax"


def test_a_keystroke_during_generation_cancels_the_request(qtbot, win, fake) -> None:
    fake.delay_s = 0.05
    fake.enqueue(" one two three four five six seven eight nine ten")
    editor = win.current_editor()
    qtbot.keyClicks(editor, "Counting")
    # Words appear while they stream, before the model has finished.
    qtbot.waitUntil(lambda: win.features.ghost.text.startswith(" one two"), timeout=3000)
    assert win.features.ghost.generating
    qtbot.keyClick(editor, Qt.Key.Key_X)
    assert not win.features.ghost.generating and _shown(editor) == ""
    qtbot.waitUntil(lambda: fake.cancelled_count >= 1, timeout=2000)
    assert editor.toPlainText() == "Countingx"


def test_click_elsewhere_removes_the_suggestion(qtbot, win, fake) -> None:
    fake.enqueue(" sat on the mat.")
    editor = win.current_editor()
    _type_and_wait(qtbot, win, "The cat", " sat on the mat.")
    qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    assert win.features.ghost.text == "" and _shown(editor) == ""
    assert editor.toPlainText() == "The cat"


def test_no_suggestion_when_disabled_globally_or_for_the_document(qtbot, win, fake) -> None:
    editor = win.current_editor()
    win.action_registry["ghost"].trigger()  # the toolbar toggle
    assert not win.settings.ghost.enabled
    qtbot.keyClicks(editor, "The cat")
    qtbot.wait(150)
    assert not fake.requests and _shown(editor) == ""
    win.action_registry["ghost"].trigger()
    win.action_registry["ghost_document"].trigger()  # off for this document only
    assert win.settings.ghost.enabled and not win.features.ghost.switches.document_enabled(editor)
    qtbot.keyClicks(editor, " sat")
    qtbot.wait(150)
    assert not fake.requests
    other = win.new_document().editor  # a new document has suggestions on
    assert win.action_registry["ghost_document"].isChecked()
    fake.enqueue(" and more.")
    qtbot.keyClicks(other, "Some text")
    _wait_ghost(qtbot, win, " and more.")


def test_never_while_an_input_method_composes(qtbot, win, fake) -> None:
    fake.enqueue(" sat on the mat.")
    editor = win.current_editor()
    _type_and_wait(qtbot, win, "The cat", " sat on the mat.")
    # An input method starts composing: the suggestion goes, and none comes back.
    QApplication.sendEvent(editor, QInputMethodEvent("ni", []))
    assert editor.composing
    assert win.features.ghost.text == "" and _shown(editor) == "ni"  # only the IME's own pre-edit
    qtbot.keyClicks(editor, " ")  # a key while composing (an IME would take it)
    before = len(fake.requests)
    qtbot.wait(150)
    assert len(fake.requests) == before and win.features.ghost.text == ""


def test_chinese_suggestion_inserts_whole_characters(qtbot, win, fake) -> None:
    fake.enqueue("然后下起了雨。他走了")
    editor = win.current_editor()
    # Chinese arrives the way a pinyin input method delivers it: composed, then committed.
    QApplication.sendEvent(editor, QInputMethodEvent("tian", []))
    assert editor.composing
    commit = QInputMethodEvent()
    commit.setCommitString("天黑了，")
    QApplication.sendEvent(editor, commit)
    assert not editor.composing and editor.toPlainText() == "天黑了，"
    _wait_ghost(qtbot, win, "然后下起了雨。")
    qtbot.keyClick(editor, Qt.Key.Key_Right, CTRL)
    assert editor.toPlainText() == "天黑了，然后"
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "天黑了，然后下起了雨。"


def test_alternatives_are_generated_on_request_and_cycle(qtbot, win, fake) -> None:
    fake.enqueue(" first idea.", " second idea.", " third idea.")
    editor = win.current_editor()
    _type_and_wait(qtbot, win, "An", " first idea.")
    assert len(fake.requests) == 1  # nothing generated before it is asked for
    qtbot.keyClick(editor, Qt.Key.Key_BracketRight, ALT)
    _wait_ghost(qtbot, win, " second idea.")
    qtbot.keyClick(editor, Qt.Key.Key_BracketRight, ALT)
    _wait_ghost(qtbot, win, " third idea.")
    qtbot.keyClick(editor, Qt.Key.Key_BracketLeft, ALT)
    assert win.features.ghost.text == " second idea." and _shown(editor) == " second idea."
    assert len(fake.requests) == 3
    assert fake.requests[1].sampling.seed != fake.requests[2].sampling.seed
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "An second idea."


def test_in_the_middle_of_a_sentence_it_fits_the_text_after(qtbot, win, fake) -> None:
    fake.enqueue(" quietly and went home. Then")
    editor = win.current_editor()
    qtbot.keyClicks(editor, "She left. He stayed.")
    cursor = editor.textCursor()
    cursor.setPosition(len("She left"))
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, "!")
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    _wait_ghost(qtbot, win, " quietly and went home")  # the "." is there already
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "She left quietly and went home. He stayed."


def test_another_generation_takes_precedence(qtbot, win, fake) -> None:
    fake.enqueue(" sat on the mat.", " and then the rain came.")
    editor = win.current_editor()
    _type_and_wait(qtbot, win, "The cat", " sat on the mat.")
    with qtbot.waitSignal(win.generation.finished, timeout=5000):
        qtbot.keyClick(editor, Qt.Key.Key_J, CTRL)  # Continue writing
    assert editor.toPlainText() == "The cat and then the rain came."
    assert win.features.ghost.text == "" and _shown(editor) == ""


def test_a_suggestion_in_flight_does_not_flash_stop_or_generating(qtbot, win, fake) -> None:
    fake.delay_s = 0.05
    fake.enqueue(" sat on the mat.")
    editor = win.current_editor()
    qtbot.keyClicks(editor, "The cat")
    qtbot.waitUntil(lambda: win.features.ghost.generating and win.generation.busy, timeout=3000)
    assert not win.action_registry["stop"].isEnabled()
    # A real request the writer asked for does light up Stop.
    fake.delay_s = 0.0
    qtbot.waitUntil(lambda: not win.generation.busy, timeout=3000)
    fake.delay_s = 0.05
    fake.enqueue(" And then it rained.")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_J, CTRL)
    qtbot.waitUntil(lambda: win.action_registry["stop"].isEnabled(), timeout=3000)


@pytest.mark.parametrize("moved_away", [False, True, "closed"])
def test_a_pause_while_the_model_loads_is_offered_once_it_is_ready(qtbot, fake, moved_away) -> None:
    release = threading.Event()
    ctl = GenerationController(lambda *_a: fake if release.wait(10) else None)
    try:
        settings = Settings()
        settings.ghost.delay_ms = 30
        win = MainWindow(ctl, settings, save_settings_on_close=False)
        qtbot.addWidget(win)
        win.show()
        win.activateWindow()
        qtbot.waitExposed(win)
        ctl.load_model(None, "cpu")
        fake.enqueue(" sat on the mat.")
        editor = win.current_editor()
        editor.setFocus()
        qtbot.keyClicks(editor, "The cat")
        qtbot.wait(200)  # the pause passes while the model is still loading
        assert win.features.ghost.text == "" and not win.features.ghost.generating
        if moved_away == "closed":
            paused_in = win.tabs.currentIndex()
            win.new_document()  # the paused-in document closes; another stays open
            editor.document().setModified(False)
            assert win.close_tab(paused_in)
            qtbot.wait(50)  # its editor is deleted
        elif moved_away:
            qtbot.keyClick(editor, Qt.Key.Key_Home)
        with qtbot.waitSignal(ctl.model_loaded, timeout=5000):
            release.set()
        if moved_away:
            qtbot.wait(200)
            assert win.features.ghost.text == "" and fake.requests == []
            assert not win.features.ghost.generating
        else:
            _wait_ghost(qtbot, win, " sat on the mat.")
            assert editor.toPlainText() == "The cat"
    finally:
        release.set()
        assert ctl.shutdown()
