"""The Summarize panel: whole document or selection, chunked progress, stop, insert."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from assistant.engine.backend import FakeBackend

LEFT = Qt.MouseButton.LeftButton
LONG_DOC = "\n\n".join(
    f"Paragraph {i}. " + "The quick brown fox jumps over the lazy dog near the river bank. " * 4
    for i in range(12)
)


@pytest.fixture
def fake() -> FakeBackend:
    """A model whose context (384 tokens) is far smaller than LONG_DOC (~830 tokens)."""
    return FakeBackend(default_reply="A fox keeps jumping over a dog.", context_tokens=384)


@pytest.fixture
def panel(window):
    window.settings.ghost.enabled = False  # no inline suggestions while typing
    window.show_panel(window.features.summarize.panel)
    return window.features.summarize.panel


def _fill(editor, text: str) -> None:
    editor.setPlainText(text)
    editor.moveCursor(QTextCursor.MoveOperation.End)


def test_long_document_is_summarized_in_parts_with_progress(qtbot, window, fake, panel) -> None:
    editor = window.current_editor()
    _fill(editor, LONG_DOC)
    qtbot.waitUntil(lambda: "whole document" in panel.source_label.text(), timeout=2000)
    seen: list[tuple[int, int, str]] = []
    with qtbot.waitSignal(window.generation.finished, timeout=10000) as blocker:
        job = window.features.summarize.summarize()
        # Connected after the flow: the panel has already updated when this runs.
        job.progress.connect(lambda part, of: seen.append((part, of, panel.status_label.text())))
    assert blocker.args[0] == job.id
    total = seen[-1][1]
    assert total > 2
    assert [(p, n) for p, n, _ in seen] == [(i, total) for i in range(1, total + 1)]
    assert f"part 1 of {total}" in seen[0][2]
    assert f"Combining the parts (part {total} of {total})" in seen[-1][2]
    assert len(fake.requests) == total  # each part, then the combining step
    assert fake.requests[-1].prompt.count("Part ") >= total - 1  # the part summaries
    assert panel.summary() == "A fox keeps jumping over a dog."
    assert panel.status_label.text() == "Done."
    assert "tokens/s" in panel.stats_label.text()
    assert "Part 1:" in panel.prompt_viewer.prompt()

    qtbot.mouseClick(panel.insert_top_button, LEFT)
    assert editor.toPlainText() == "A fox keeps jumping over a dog.\n\n" + LONG_DOC
    editor.undo()
    assert editor.toPlainText() == LONG_DOC


def test_stop_midway_through_the_parts(qtbot, window, fake, panel) -> None:
    fake.delay_s = 0.02
    editor = window.current_editor()
    _fill(editor, LONG_DOC)
    parts: list[int] = []
    job = window.features.summarize.summarize()
    job.progress.connect(lambda part, _of: parts.append(part))
    qtbot.waitUntil(lambda: 2 in parts, timeout=5000)
    assert panel.stop_button.isEnabled()
    assert panel.progress_bar.isVisible()
    with qtbot.waitSignal(window.generation.finished, timeout=3000) as blocker:
        qtbot.mouseClick(panel.stop_button, LEFT)
    assert blocker.args[1].cancelled
    assert max(parts) < 6 and len(fake.requests) < 6
    assert panel.status_label.text() == "Stopped."
    assert not panel.stop_button.isEnabled() and not panel.progress_bar.isVisible()
    assert editor.toPlainText() == LONG_DOC


def test_selection_summary_bullets_inserted_at_cursor(qtbot, window, fake, panel) -> None:
    fake.enqueue("- Mara keeps the lighthouse.\n- She logs the ships.")
    editor = window.current_editor()
    first = (
        "Mara kept the lighthouse on the north cape for thirty years. Every night Mara "
        "climbed the stairs, trimmed the wick and wrote the names of the ships in her log."
    )
    _fill(editor, first + " Second one.")
    cursor = editor.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(len(first), cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    qtbot.waitUntil(lambda: "selection" in panel.source_label.text(), timeout=2000)
    panel.set_length("short")
    panel.bullets_check.setChecked(True)
    with qtbot.waitSignal(window.generation.finished, timeout=5000):
        qtbot.mouseClick(panel.summarize_button, LEFT)
    prompt = fake.requests[-1].prompt
    assert "bullet points" in prompt and "Second one" not in prompt
    assert panel.result_view.toPlainText().count("\n") >= 1  # rendered as a list
    qtbot.mouseClick(panel.insert_cursor_button, LEFT)
    assert editor.toPlainText() == (
        first + "\n\n- Mara keeps the lighthouse.\n- She logs the ships. Second one."
    )


def test_worker_error_is_shown(qtbot, window, fake, panel) -> None:
    fake.fail_with = "No model is loaded: file not found."
    _fill(window.current_editor(), LONG_DOC)
    qtbot.waitUntil(panel.summarize_button.isEnabled, timeout=2000)
    with qtbot.waitSignal(window.generation.failed, timeout=5000):
        qtbot.mouseClick(panel.summarize_button, LEFT)
    assert "file not found" in panel.status_label.text()
    assert not panel.stop_button.isEnabled()
    assert not panel.insert_top_button.isEnabled()
