"""SpanTracker on a real editor: every kind of edit a writer makes around model text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from assistant.tasks.provenance import Origin, utf16_length
from assistant.ui.documents.editor import Editor
from assistant.ui.documents.find_replace import FindBar
from assistant.ui.features.provenance.tracker import SpanTracker

CTRL = Qt.KeyboardModifier.ControlModifier
MODEL = Origin("continue", "SmolLM2", "2025-03-01T10:00:00+00:00")


@pytest.fixture
def editor(qtbot) -> Editor:
    widget = Editor()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.setFocus()
    return widget


def _model_text(editor: Editor, before: str, model: str, after: str = "") -> SpanTracker:
    """The writer's `before`, then `model` inserted as one undo step and marked, then `after`."""
    tracker = SpanTracker(editor.document(), editor)
    editor.setPlainText(before + after)
    cursor = QTextCursor(editor.document())
    start = utf16_length(before)  # Qt counts UTF-16 units
    cursor.setPosition(start)
    cursor.beginEditBlock()
    cursor.insertText(model)
    cursor.endEditBlock()
    tracker.mark(start, start + utf16_length(model), MODEL)
    return tracker


def _model(editor: Editor, tracker: SpanTracker) -> list[str]:
    return [s.text for s in tracker.spans(editor.toPlainText())]


def _place(editor: Editor, position: int, anchor: int | None = None) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(anchor if anchor is not None else position)
    cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def test_typing_before_at_the_edges_and_after_stays_the_writers(qtbot, editor) -> None:
    tracker = _model_text(editor, "Mine. ", "The model's words.", " Mine again.")
    _place(editor, 0)
    qtbot.keyClicks(editor, "Really ")
    _place(editor, len("Really Mine. "))  # right at the start of the model text
    qtbot.keyClicks(editor, "A")
    end = editor.toPlainText().index("words.") + len("words.")
    _place(editor, end)  # right at its end
    qtbot.keyClicks(editor, "B")
    assert editor.toPlainText() == "Really Mine. AThe model's words.B Mine again."
    (span,) = tracker.spans(editor.toPlainText())
    assert editor.toPlainText()[span.start : span.end] == "The model's words."


def test_text_typed_inside_is_the_writers_and_splits_the_span(qtbot, editor) -> None:
    tracker = _model_text(editor, "", "The model's words.")
    _place(editor, len("The "))
    qtbot.keyClicks(editor, "very ")
    assert _model(editor, tracker) == ["The ", "model's words."]
    # Retyping one letter over itself: the typed letter is the writer's.
    start = editor.toPlainText().index("model")
    _place(editor, start + 1, start)
    qtbot.keyClicks(editor, "m")
    assert editor.toPlainText() == "The very model's words."
    assert _model(editor, tracker) == ["The ", "odel's words."]
    # Typed over entirely: nothing of it is the model's any more.
    editor.selectAll()
    qtbot.keyClicks(editor, "All mine")
    assert _model(editor, tracker) == []


def test_undo_and_redo_bring_the_spans_back(qtbot, editor) -> None:
    tracker = _model_text(editor, "Start. ", "Model sentence.")
    _place(editor, len("Start. Model"))
    qtbot.keyClicks(editor, "X")
    assert _model(editor, tracker) == ["Model", " sentence."]
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)  # undo the X
    assert _model(editor, tracker) == ["Model sentence."]
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)  # undo the model's insertion
    assert editor.toPlainText() == "Start. " and _model(editor, tracker) == []
    qtbot.keyClick(editor, Qt.Key.Key_Y, CTRL)
    assert _model(editor, tracker) == ["Model sentence."]
    qtbot.keyClick(editor, Qt.Key.Key_Y, CTRL)
    assert _model(editor, tracker) == ["Model", " sentence."]
    # A new edit after an undo replaces the redo branch: its spans do not come back.
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    qtbot.keyClicks(editor, "typed")
    assert editor.toPlainText() == "Start. typed" and _model(editor, tracker) == []


def test_an_input_method_inside_and_beside_model_text(qtbot, editor) -> None:
    tracker = _model_text(editor, "我写的。", "模型写的句子。")
    _place(editor, len("我写的。模型"))
    editor.inputMethodEvent(QInputMethodEvent("xie", []))  # composing: nothing changes yet
    assert _model(editor, tracker) == ["模型写的句子。"]
    commit = QInputMethodEvent()
    commit.setCommitString("也")
    editor.inputMethodEvent(commit)
    assert editor.toPlainText() == "我写的。模型也写的句子。"
    assert _model(editor, tracker) == ["模型", "写的句子。"]
    _place(editor, len(editor.toPlainText()))
    commit = QInputMethodEvent()
    commit.setCommitString("完")
    editor.inputMethodEvent(commit)
    assert _model(editor, tracker) == ["模型", "写的句子。"]


def test_paste_and_find_and_replace(qtbot, editor) -> None:
    tracker = _model_text(editor, "", "the rain falls, the rain stays")
    QApplication.clipboard().setText("cold ")
    _place(editor, len("the "))
    editor.paste()
    assert _model(editor, tracker) == ["the ", "rain falls, the rain stays"]
    bar = FindBar()
    qtbot.addWidget(bar)
    bar.set_editor(editor)
    bar.open_bar(replace=True)
    bar.find_edit.setText("rain")
    bar.replace_edit.setText("snow")
    assert bar.replace_all() == 2  # one undo step for both
    assert editor.toPlainText() == "the cold snow falls, the snow stays"
    assert _model(editor, tracker) == ["the ", " falls, the ", " stays"]
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert _model(editor, tracker) == ["the ", "rain falls, the rain stays"]


def test_characters_outside_the_basic_plane_keep_positions_right(qtbot, editor) -> None:
    tracker = _model_text(editor, "😀 mine ", "model 𠀋 text", " 😀")
    (span,) = tracker.spans(editor.toPlainText())
    assert editor.toPlainText()[span.start : span.end] == "model 𠀋 text"
    _place(editor, utf16_length(editor.toPlainText().split("𠀋")[0] + "𠀋"))
    qtbot.keyClicks(editor, "!")
    text = editor.toPlainText()
    assert [text[s.start : s.end] for s in tracker.spans(text)] == ["model 𠀋", " text"]
