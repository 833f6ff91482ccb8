"""The Rewrite panel, driven like a writer: select, rewrite, review the diff, replace, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette, QTextCursor

from assistant.tasks.diff import change_indexes, compose, diff_segments, tokenize
from assistant.ui.features.rewrite import flow as rewrite_flow
from assistant.ui.features.rewrite.diff_view import colors_for, contrast
from assistant.ui.shell.theme import _DARK, _LIGHT, _palette

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton
ORIGINAL = "The big brown dog ran very quickly across the wet grass to the park."
# A Shorter rewrite that passes its checks (shorter, same meaning, no new names).
REWRITE = "The big dog ran quickly to the park."


def _type_and_select_line(qtbot, editor, text: str) -> None:
    qtbot.keyClicks(editor, text)
    # Select the paragraph (Home would stop at the start of a wrapped visual line).
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def _done(panel) -> bool:
    attempt = panel.current_attempt()
    return attempt is not None and attempt.done


def _rewrite(qtbot, window) -> None:
    qtbot.keyClick(window.current_editor(), Qt.Key.Key_R, CTRL_SHIFT)
    qtbot.waitUntil(lambda: _done(window.features.rewrite.panel), timeout=5000)


def _click_change(qtbot, view, index: int) -> None:
    """Click the rendered change `index` in the diff view, as a writer would."""
    doc = view.document()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.charFormat().anchorHref() == f"change:{index}":
                cursor = QTextCursor(doc)
                cursor.setPosition(frag.position() + min(1, frag.length() - 1))
                rect = view.cursorRect(cursor)
                point = QPoint(rect.center().x() + 1, rect.center().y())
                qtbot.mouseClick(view.viewport(), LEFT, pos=point)
                return
            it += 1
        block = block.next()
    raise AssertionError(f"change {index} is not shown")


@pytest.fixture
def panel(window):
    # Inline suggestions would send requests of their own while the test types.
    window.settings.ghost.enabled = False
    window.show_panel(window.features.rewrite.panel)
    return window.features.rewrite.panel


def test_rewrite_shows_diff_replace_is_one_undo_step(qtbot, window, fake, panel) -> None:
    fake.enqueue(REWRITE)
    editor = window.current_editor()
    _type_and_select_line(qtbot, editor, ORIGINAL)
    qtbot.waitUntil(panel.rewrite_button.isEnabled, timeout=1000)
    _rewrite(qtbot, window)
    assert "Condense the text above to" in fake.requests[-1].prompt  # Shorter, English
    shown = panel.result_view.toPlainText()
    assert "brown" in shown and "wet grass" in shown  # the deleted words are shown too
    assert "line-through" in panel.result_view.toHtml()
    assert panel.replace_button.isEnabled()
    assert len(panel.attempts()) == 1
    assert "tokens/s" in panel.stats_label.text()
    assert "Condense the text above to" in panel.prompt_viewer.prompt()

    qtbot.mouseClick(panel.replace_button, LEFT)
    assert editor.toPlainText() == REWRITE
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.toPlainText() == ORIGINAL


def test_rejecting_one_change_keeps_the_original_words(qtbot, window, fake, panel) -> None:
    fake.enqueue(REWRITE)
    editor = window.current_editor()
    _type_and_select_line(qtbot, editor, ORIGINAL)
    _rewrite(qtbot, window)
    attempt = panel.current_attempt()
    first = change_indexes(attempt.segments)[0]
    _click_change(qtbot, panel.result_view, first)
    assert first not in attempt.accepted
    qtbot.mouseClick(panel.replace_button, LEFT)
    assert editor.toPlainText() == "The big brown dog ran quickly to the park."
    # Reject all, then accept all again: the buttons work on every change.
    qtbot.mouseClick(panel.reject_all_button, LEFT)
    assert attempt.result() == ORIGINAL
    qtbot.mouseClick(panel.accept_all_button, LEFT)
    assert attempt.result() == REWRITE


def test_edit_inside_selection_while_rewriting_asks(qtbot, window, fake, panel, monkeypatch):
    fake.delay_s = 0.03
    fake.enqueue(REWRITE)
    editor = window.current_editor()
    _type_and_select_line(qtbot, editor, ORIGINAL)
    qtbot.keyClick(editor, Qt.Key.Key_R, CTRL_SHIFT)
    qtbot.waitUntil(lambda: bool(panel.result_view.toPlainText()), timeout=5000)
    # The writer keeps working: types inside the selected sentence.
    qtbot.keyClick(editor, Qt.Key.Key_Home, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_Right)
    qtbot.keyClicks(editor, "XX")
    qtbot.waitUntil(lambda: _done(panel), timeout=5000)
    edited = editor.toPlainText()
    asked: list[str] = []

    def answer(choice):
        def ask(_parent):
            asked.append(choice)
            return choice

        return ask

    monkeypatch.setattr(rewrite_flow, "ask_selection_changed", answer(rewrite_flow.CANCEL))
    qtbot.mouseClick(panel.replace_button, LEFT)
    assert asked == [rewrite_flow.CANCEL]
    assert editor.toPlainText() == edited
    assert "Nothing replaced" in panel.status_label.text()

    monkeypatch.setattr(rewrite_flow, "ask_selection_changed", answer(rewrite_flow.REPLACE))
    qtbot.mouseClick(panel.replace_button, LEFT)
    assert editor.toPlainText() == REWRITE


def test_edit_above_selection_is_tracked_without_asking(qtbot, window, fake, panel, monkeypatch):
    fake.delay_s = 0.03
    fake.enqueue(REWRITE)
    editor = window.current_editor()
    qtbot.keyClicks(editor, "Title")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    _type_and_select_line(qtbot, editor, ORIGINAL)
    qtbot.keyClick(editor, Qt.Key.Key_R, CTRL_SHIFT)
    qtbot.waitUntil(lambda: bool(panel.result_view.toPlainText()), timeout=5000)
    qtbot.keyClick(editor, Qt.Key.Key_Home, CTRL)
    qtbot.keyClicks(editor, "My ")
    qtbot.waitUntil(lambda: _done(panel), timeout=5000)

    def never(_parent):
        raise AssertionError("the selection did not change; Replace must not ask")

    monkeypatch.setattr(rewrite_flow, "ask_selection_changed", never)
    qtbot.mouseClick(panel.replace_button, LEFT)
    assert editor.toPlainText() == "My Title\n" + REWRITE


def test_no_selection_disables_rewrite_and_says_why(qtbot, window, fake, panel) -> None:
    editor = window.current_editor()
    qtbot.keyClicks(editor, ORIGINAL)
    assert not panel.rewrite_button.isEnabled()
    assert "Select" in panel.rewrite_button.toolTip()
    qtbot.keyClick(editor, Qt.Key.Key_R, CTRL_SHIFT)  # the shortcut says it too
    assert "Select the text" in panel.status_label.text()
    assert fake.requests == []
    qtbot.keyClick(editor, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert panel.rewrite_button.isEnabled()
    assert "Ctrl+Shift+R" in panel.rewrite_button.toolTip()


def test_try_again_keeps_earlier_attempts(qtbot, window, fake, panel) -> None:
    fake.enqueue("The dog ran to the park.", "A dog ran quickly to the park.")
    editor = window.current_editor()
    _type_and_select_line(qtbot, editor, ORIGINAL)
    _rewrite(qtbot, window)
    qtbot.mouseClick(panel.again_button, LEFT)
    qtbot.waitUntil(lambda: len(panel.attempts()) == 2 and _done(panel), timeout=5000)
    assert [a.text for a in panel.attempts()] == [
        "The dog ran to the park.",
        "A dog ran quickly to the park.",
    ]
    assert panel.attempts_list.count() == 2
    panel.attempts_list.setCurrentRow(0)
    assert panel.current_attempt().text == "The dog ran to the park."
    qtbot.mouseClick(panel.insert_button, LEFT)
    assert editor.toPlainText() == ORIGINAL + "\nThe dog ran to the park."


def test_custom_instruction_is_sent_and_remembered(qtbot, window, fake, panel) -> None:
    editor = window.current_editor()
    _type_and_select_line(qtbot, editor, ORIGINAL)
    panel.set_style("custom")
    assert panel.instruction_combo.isVisible()
    qtbot.keyClicks(panel.instruction_combo.lineEdit(), "Make it rhyme")
    qtbot.mouseClick(panel.rewrite_button, LEFT)
    qtbot.waitUntil(lambda: _done(panel), timeout=5000)
    assert "Make it rhyme" in fake.requests[-1].prompt
    assert window.settings.recent_instructions[0] == "Make it rhyme"
    assert panel.instruction_combo.itemText(0) == "Make it rhyme"


def test_stop_mid_stream_and_worker_error(qtbot, window, fake, panel) -> None:
    fake.delay_s = 0.05
    fake.enqueue(" ".join(["word"] * 100))
    editor = window.current_editor()
    _type_and_select_line(qtbot, editor, ORIGINAL)
    qtbot.keyClick(editor, Qt.Key.Key_R, CTRL_SHIFT)
    qtbot.waitUntil(lambda: "word" in panel.result_view.toPlainText(), timeout=5000)
    with qtbot.waitSignal(window.generation.finished, timeout=2000) as blocker:
        qtbot.mouseClick(panel.stop_button, LEFT)
    assert blocker.args[1].cancelled
    assert "Stopped" in panel.status_label.text()
    assert not panel.stop_button.isEnabled()
    assert editor.toPlainText() == ORIGINAL

    fake.delay_s = 0
    fake.fail_with = "The model ran out of memory."
    editor.selectAll()
    qtbot.mouseClick(panel.rewrite_button, LEFT)
    qtbot.waitUntil(lambda: _done(panel), timeout=5000)
    assert "ran out of memory" in panel.status_label.text()
    assert "ran out of memory" in panel.result_view.toPlainText()
    assert not panel.replace_button.isEnabled()


def test_diff_tokens_cjk_and_colors_readable_in_both_themes() -> None:
    assert tokenize("我今天很高兴") == list("我今天很高兴")
    segments = diff_segments("我今天很高兴。", "我今天非常开心！")
    assert compose(segments, set()) == "我今天很高兴。"
    assert compose(segments, set(change_indexes(segments))) == "我今天非常开心！"
    assert segments[0].old == "我今天" and not segments[0].changed
    for table in (_LIGHT, _DARK):
        palette: QPalette = _palette(table)
        c = colors_for(palette)
        assert contrast(c.deleted_fg, c.deleted_bg) >= 4.5
        assert contrast(c.inserted_fg, c.inserted_bg) >= 4.5
    assert colors_for(_palette(_DARK)).inserted_bg != colors_for(_palette(_LIGHT)).inserted_bg
