"""Snapshots: automatic at the start of an editing session, named on request, History dialog
with a diff and an undoable restore."""

from __future__ import annotations

from PySide6.QtCore import Qt

from assistant.ui.dialogs.history_dialog import HistoryDialog, diff_lines
from assistant.ui.safety import snapshots as snapshot_commands
from assistant.ui.safety.snapshots import snapshot_key


def test_session_snapshot_named_snapshot_history_and_undoable_restore(
    qtbot, window, tmp_path, monkeypatch
) -> None:
    path = tmp_path / "chapter.txt"
    path.write_text("The first line.\nThe second line.\n", encoding="utf-8")
    window.open_paths([str(path)])
    tab = window.current_tab()
    store = window.features.safety.snapshots.store
    key = snapshot_key(tab)
    assert store.list(key) == []  # opening alone takes nothing

    tab.editor.moveCursor(tab.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(tab.editor, "A third line.")
    (auto,) = store.list(key)
    assert auto.auto and auto.name == "Before editing"
    assert store.read(auto.snapshot_id) == "The first line.\nThe second line.\n"
    qtbot.keyClicks(tab.editor, " More.")
    assert len(store.list(key)) == 1  # one per editing session, not per change

    monkeypatch.setattr(snapshot_commands, "ask_snapshot_name", lambda *_a: "Draft with third line")
    window.features.safety.actions["take_snapshot"].trigger()
    named = store.list(key)[0]
    assert (named.name, named.auto) == ("Draft with third line", False)
    assert "Snapshot “Draft with third line” taken" in window.status.currentMessage()

    # Rewrite everything, then go back through History.
    tab.editor.selectAll()
    qtbot.keyClicks(tab.editor, "Totally different.")
    window.features.safety.actions["history"].trigger()
    dialog = window.findChild(HistoryDialog)
    assert dialog is not None and dialog.isVisible()
    assert [s.name for s in dialog.snapshots()] == ["Draft with third line", "Before editing"]
    dialog.select(auto.snapshot_id)
    shown = dialog.diff_view.toPlainText()
    assert "- Totally different." in shown and "+ The second line." in shown
    dialog.restore_button.click()
    assert tab.editor.toPlainText() == "The first line.\nThe second line.\n"
    assert not dialog.isVisible()
    qtbot.keyClick(tab.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tab.editor.toPlainText() == "Totally different."  # a single undo step


def test_history_delete_and_empty_state(qtbot, window, monkeypatch) -> None:
    tab = window.current_tab()
    qtbot.keyClicks(tab.editor, "Untitled text")
    monkeypatch.setattr(snapshot_commands, "ask_snapshot_name", lambda *_a: "keep")
    window.features.safety.actions["take_snapshot"].trigger()
    dialog = window.features.safety.snapshots.show_history(tab)
    assert [s.name for s in dialog.snapshots()] == ["keep"]
    assert "Same as the current text." in dialog.diff_view.toPlainText()
    dialog.delete_button.click()
    assert dialog.snapshots() == [] and not dialog.restore_button.isEnabled()
    assert "No snapshots yet" in dialog.diff_view.toPlainText()
    dialog.reject()


def test_diff_lines() -> None:
    assert diff_lines("a\nb\nc", "a\nb\nc") == []
    kinds = [k for k, _ in diff_lines("a\nb\nc", "a\nB\nc")]
    assert kinds == ["@", " ", "-", "+", " "]
