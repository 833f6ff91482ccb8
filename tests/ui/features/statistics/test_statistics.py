"""Writing statistics and goals in the window: counted as the writer writes, shown, exported."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from assistant.storage.stats import StatsStore
from assistant.ui import dialogs
from assistant.ui.dialogs.models import questions

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def win(window):
    """The window with quick suggestions."""
    window.settings.ghost.delay_ms = 30
    return window


def _commit(editor, text: str) -> None:
    """Type `text` through an input method (how Chinese is typed)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(editor, event)


def _accept_ghost(qtbot, win, fake, typed: str, suggestion: str) -> None:
    fake.enqueue(suggestion)
    qtbot.keyClicks(win.current_editor(), typed)
    ghost = win.features.ghost
    qtbot.waitUntil(lambda: bool(ghost.text) and not ghost.generating, timeout=3000)
    qtbot.keyClick(win.current_editor(), Qt.Key.Key_Tab)


def test_daily_goal_progress_and_a_quiet_celebration(qtbot, win) -> None:
    win.settings.goals.daily_target = 5
    win.features.statistics.refresh_goals()
    goal = win.features.statistics.goal
    assert goal.isVisible() and goal.label.text() == "Today 0 / 5 words"
    editor = win.current_editor()
    qtbot.keyClicks(editor, "One two three ")
    assert goal.label.text() == "Today 3 / 5 words"
    assert goal.bar.value() == 600
    _commit(editor, "四五")  # two words more, through an input method
    assert goal.label.text() == "✓ Today 5 / 5 words"
    assert goal.cheering
    assert "Daily goal reached: 5 words today" in win.status.currentMessage()
    assert QApplication.activeModalWidget() is None  # no dialog interrupts the writing
    # Celebrated once: more words do not cheer again.
    win.status.clearMessage()
    qtbot.keyClicks(editor, " six")
    assert win.status.currentMessage() == ""


def test_document_goal_in_characters_follows_the_status_bar_count(qtbot, win) -> None:
    win.settings.goals.document_target = 10
    win.settings.goals.unit = "characters"
    goal = win.features.statistics.goal
    _commit(win.current_editor(), "夜深了，雨")
    qtbot.waitUntil(lambda: "Document 5 / 10 characters" in goal.label.text(), timeout=3000)
    _commit(win.current_editor(), "下得很大。")
    qtbot.waitUntil(lambda: goal.label.text() == "✓ Document 10 / 10 characters", timeout=3000)
    assert "Document goal reached: 10 characters" in win.status.currentMessage()


def test_statistics_window_shows_the_day_and_exports_csv(
    qtbot, win, fake, tmp_path, monkeypatch
) -> None:
    editor = win.current_editor()
    qtbot.keyClicks(editor, "It was late.")
    fake.enqueue(" The rain came down.")
    with qtbot.waitSignal(win.generation.finished, timeout=5000):
        qtbot.keyClick(editor, Qt.Key.Key_J, CTRL)
    _accept_ghost(qtbot, win, fake, " ", " It poured.")
    # A suggestion dismissed with Esc counts as dismissed.
    fake.enqueue(" Then it stopped.")
    qtbot.keyClicks(editor, " ")
    qtbot.waitUntil(lambda: bool(win.features.ghost.text), timeout=3000)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)

    win.action_registry["statistics"].trigger()
    window = win.features.statistics.window
    assert window is not None and window.isVisible()
    assert "You typed 3 words and accepted 6 from the model" in window.summary.text()
    assert window.words_chart.series[0].values[-1] == 3  # typed today
    assert window.words_chart.series[1].values[-1] == 6  # accepted today
    assert window.streak_label.text() == "Current streak: 1 day · longest: 1 day"
    rows = {name: text for name, _fraction, text in window.rates.rows}
    assert rows == {"Continue writing": "1 of 1 (100 %)", "Inline suggestions": "1 of 2 (50 %)"}
    assert "Typed" in window.words_chart.accessibleDescription()

    target = tmp_path / "stats.csv"
    monkeypatch.setattr(dialogs, "ask_export_path", lambda *_a: str(target))
    window.findChild(type(window.period), "period").setCurrentIndex(0)  # last 7 days
    assert window.export_csv() == target
    rows_csv = list(csv.reader(io.StringIO(target.read_text("utf-8"))))
    assert rows_csv[0][:4] == ["day", "typed_words", "typed_characters", "accepted_words"]
    assert len([r for r in rows_csv[1:] if r and r[0][:2] == "20"]) == 7
    today = [r for r in rows_csv if r and r[0] == date.today().isoformat()]
    assert today[0][1] == "3" and today[0][3] == "6"
    ghost = [r for r in rows_csv if r and r[0] == "ghost"]
    assert ghost == [["ghost", "2", "1", "1", "2", "0.5"]]


def test_clear_statistics_from_settings(qtbot, win, monkeypatch) -> None:
    win.settings.goals.daily_target = 100
    qtbot.keyClicks(win.current_editor(), "Some words to count")
    win.features.statistics.recorder.flush()
    with StatsStore() as stats:
        assert stats.days()[0].typed_words == 4
    monkeypatch.setattr(questions, "confirm", lambda *_a: True)
    dialog = win.features.preferences.open_settings("privacy")
    page = dialog.pages["privacy"]
    qtbot.mouseClick(page.clear_stats, Qt.MouseButton.LeftButton)
    assert page.result.text() == "Statistics cleared."
    with StatsStore() as stats:
        assert stats.days() == [] and stats.tasks() == []
    assert win.features.statistics.recorder.typed_today == (0, 0)
    assert win.features.statistics.goal.label.text() == "Today 0 / 100 words"
    dialog.reject()


def test_goals_are_set_in_settings(qtbot, win) -> None:
    dialog = win.features.preferences.open_settings("goals")
    page = dialog.pages["goals"]
    page.daily.setValue(750)
    page.unit.setCurrentIndex(page.unit.findData("characters"))
    page.location.setCurrentIndex(page.location.findData("beside"))
    assert dialog.apply()
    goals = win.settings.goals
    assert (goals.daily_target, goals.unit) == (750, "characters")
    assert win.settings.provenance.location == "beside"
    assert win.features.statistics.goal.label.text() == "Today 0 / 750 characters"
    dialog.reject()


def test_words_typed_before_todays_totals_are_read_count_on_top(qtbot, controller) -> None:
    # An earlier session today wrote 5 words; this start reads them after its first paint.
    from assistant.settings import Settings
    from assistant.storage.stats_records import Activity
    from assistant.ui.shell.main_window import MainWindow

    with StatsStore() as stats:
        stats.add("untitled:earlier", [Activity(date.today(), "", typed_words=5)], None)
    win = MainWindow(controller, Settings(), save_settings_on_close=False)
    qtbot.addWidget(win)
    recorder = win.features.statistics.recorder
    assert recorder.typed_today == (0, 0)  # not read yet: no goal is on screen
    qtbot.keyClicks(win.current_editor(), "three more words")  # before the event loop runs
    assert recorder.typed_today[0] == 3
    win.show()
    qtbot.waitUntil(lambda: recorder.typed_today[0] == 8, timeout=2000)
    win.settings.goals.daily_target = 100
    win.features.statistics.refresh_goals()
    assert win.features.statistics.goal.label.text() == "Today 8 / 100 words"
