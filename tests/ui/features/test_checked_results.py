"""Issue 16 in the window: nothing that failed its checks reaches the writer."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

STORY = (
    "Mara kept the lighthouse on the north cape for thirty years. Every night she climbed "
    "the stairs, trimmed the wick and wrote the names of the ships in her log."
)
META = "Here is a revised version of your story with some suggestions for improvement."
GOOD = " One winter the great lens cracked, and Mara kept a lantern in the window."


def _english_only(fake) -> None:
    fake._profile = dataclasses.replace(fake.profile, languages=frozenset({"en"}))


def _typed(qtbot, window, text: str):
    window.settings.ghost.enabled = False  # no suggestion requests while typing
    editor = window.current_editor()
    editor.setPlainText(text)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    return editor


def test_a_failed_attempt_never_stays_in_the_document(qtbot, window, fake) -> None:
    editor = _typed(qtbot, window, STORY)
    fake.delay_s = 0.005
    fake.enqueue(META, GOOD)
    panel = window.features.continue_.panel
    statuses: list[str] = []
    panel.status_label.windowTitleChanged.connect(statuses.append)  # (keeps a reference)
    job = window.features.continue_.flow.start()
    retries: list[int] = []
    job.retry.connect(lambda number, _reason: retries.append(number))
    with qtbot.waitSignal(job.finished, timeout=10000) as done:
        pass
    assert retries == [2]
    assert done.args[0].attempts == 2 and done.args[0].method == "model"
    assert editor.toPlainText() == STORY + GOOD
    assert "revised version" not in editor.toPlainText()
    editor.undo()  # and the insertion is still one undo step
    assert editor.toPlainText() == STORY


def test_when_no_attempt_passes_the_writer_is_told_plainly(qtbot, window, fake) -> None:
    editor = _typed(qtbot, window, STORY)
    fake.enqueue(META, META, META)
    job = window.features.continue_.flow.start()
    with qtbot.waitSignal(job.finished, timeout=10000) as done:
        pass
    result = done.args[0]
    assert result.method == "none" and result.rejected
    assert editor.toPlainText() == STORY  # nothing of the rejected attempts
    assert "could not continue this text well enough" in window.banner.text
    assert window.banner.action_button.text() == "Details…"


def test_a_language_the_model_does_not_write_is_refused_with_a_better_model(
    qtbot, window, fake
) -> None:
    _english_only(fake)
    chinese = "灯塔守护者每天傍晚都爬上楼梯，点亮灯火，然后坐在窗前看海。船来了又走了。"
    editor = _typed(qtbot, window, chinese)
    job = window.features.continue_.flow.start()
    with qtbot.waitSignal(job.finished, timeout=10000):
        pass
    assert fake.requests == []  # not even one attempt
    assert editor.toPlainText() == chinese
    assert "writes English only" in window.banner.text
    assert "Qwen2.5-0.5B-Instruct" in window.banner.text


def test_suggestions_turn_off_in_a_document_in_another_language(qtbot, window, fake) -> None:
    _english_only(fake)
    window.settings.ghost.enabled = True
    window.settings.ghost.delay_ms = 50
    editor = window.current_editor()
    ghost = window.features.ghost
    for phrase in ("灯塔守护者", "每天傍晚都爬上楼梯，", "点亮灯火"):  # typed through an IME
        commit = QInputMethodEvent()
        commit.setCommitString(phrase)
        QApplication.sendEvent(editor, commit)
    qtbot.waitUntil(lambda: not ghost.switches.document_enabled(editor), timeout=5000)
    assert "writes English only" in window.status.currentMessage()
    assert fake.requests == [] and ghost.text == ""


def test_a_summary_no_attempt_of_which_passed_is_key_sentences_labelled(
    qtbot, window, fake
) -> None:
    _typed(qtbot, window, STORY * 3)
    fake.enqueue(*["Your description of the lighthouse setting lacks polish."] * 3)
    panel = window.features.summarize.panel
    window.show_panel(panel)
    qtbot.waitUntil(panel.summarize_button.isEnabled, timeout=2000)
    with qtbot.waitSignal(window.generation.finished, timeout=10000) as done:
        qtbot.mouseClick(panel.summarize_button, Qt.MouseButton.LeftButton)
    result = done.args[1]
    assert result.method == "extractive"
    assert "lacks polish" not in panel.summary()
    assert "Mara" in panel.summary()
    assert "Key sentences from the text" in panel.status_label.text()


def test_a_rewrite_that_failed_its_checks_cannot_be_replaced(qtbot, window, fake) -> None:
    editor = _typed(qtbot, window, STORY)
    editor.selectAll()
    fake.enqueue(STORY, STORY, STORY)  # "shorter" that is not shorter, three times
    panel = window.features.rewrite.panel
    window.show_panel(panel)
    with qtbot.waitSignal(window.generation.finished, timeout=10000):
        window.features.rewrite.rewrite_selection()
    attempt = panel.current_attempt()
    assert attempt.done and attempt.error and attempt.text == ""
    assert not panel.replace_button.isEnabled()
    assert "could not rewrite this well enough" in panel.status_label.text()
