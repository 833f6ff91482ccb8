"""Autosave writes recovery copies (timer, focus loss), removes them on save/close, and a
crashed run's copies are offered back and restored exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from assistant.storage.recovery import RecoveryStore
from assistant.ui import dialogs
from assistant.ui.safety import recovery_dialog
from assistant.ui.safety.recovery_dialog import RecoveryChoice, RecoveryDialog


def _copies(window) -> dict[str, str]:
    store = window.features.safety.autosave.store
    return {e.doc_id: store.read(e.doc_id) for e in store.entries()}


def test_timer_autosave_writes_a_copy_and_never_the_file(qtbot, window, tmp_path) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes(b"Saved text.\n")
    window.open_paths([str(path)])
    editor = window.current_editor()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    window.features.safety.autosave.set_interval(0.2)
    qtbot.keyClicks(editor, "New words")
    tab = window.current_tab()
    qtbot.waitUntil(
        lambda: _copies(window).get(tab.recovery_id) == editor.toPlainText(), timeout=3000
    )
    assert path.read_bytes() == b"Saved text.\n"  # the real file is untouched
    (entry,) = window.features.safety.autosave.store.entries()
    assert entry.original_path == str(path.resolve())
    assert entry.title == "draft.txt"
    # Besides the format, what features keep with the copy (no model text here).
    assert entry.extra == {"encoding": "utf-8", "newline": "\n", "bom": False, "provenance": []}
    # Nothing new to write: the next rounds leave the copy alone.
    with qtbot.waitSignal(window.features.safety.autosave.autosaved, timeout=2000) as blocker:
        pass
    assert blocker.args[0] == 0


def test_focus_loss_autosaves_at_once(qtbot, window) -> None:
    window.features.safety.autosave.set_interval(3600)
    qtbot.keyClicks(window.current_editor(), "Before the phone rang")
    assert _copies(window) == {}
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()  # the writer switches to another window
    qtbot.waitUntil(lambda: not window.isActiveWindow(), timeout=2000)
    qtbot.waitUntil(
        lambda: list(_copies(window).values()) == ["Before the phone rang"], timeout=2000
    )


def test_save_and_discard_remove_the_copy(qtbot, window, tmp_path, monkeypatch) -> None:
    window.features.safety.autosave.set_interval(3600)
    editor = window.current_editor()
    qtbot.keyClicks(editor, "Keep me")
    window.features.safety.autosave.autosave_now()
    assert len(_copies(window)) == 1
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_a: str(tmp_path / "kept.txt"))
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert (tmp_path / "kept.txt").read_text() == "Keep me"
    assert _copies(window) == {}  # saved: the file holds the text now

    window.new_document()
    qtbot.keyClicks(window.current_editor(), "Throw me away")
    window.features.safety.autosave.autosave_now()
    assert len(_copies(window)) == 1
    # conftest answers "Save changes?" with Discard
    assert window.close_tab(window.tabs.currentIndex())
    qtbot.waitUntil(lambda: _copies(window) == {}, timeout=2000)


def _orphan(text: str, path: Path | None, extra: dict | None = None) -> str:
    """A recovery copy as a killed run leaves it (another session, a dead process)."""
    store = RecoveryStore(session_id="crashed-run")
    doc_id = "crashed" + str(abs(hash(text)) % 10_000)
    store.write(
        doc_id, text, str(path) if path else None, path.name if path else "Untitled 1", extra
    )
    meta_path = store.directory / f"{doc_id}.json"
    meta = json.loads(meta_path.read_text())
    meta["pid"] = None  # the process is gone
    meta_path.write_text(json.dumps(meta))
    return doc_id


def test_restore_is_exact_modified_and_saves_to_the_original_path(
    qtbot, window, tmp_path, monkeypatch
) -> None:
    path = tmp_path / "第一章.txt"
    path.write_bytes("旧的文字\r\n".encode("gb18030"))
    recovered = "新的文字，还没保存。\nSecond line — 第二行"
    doc_id = _orphan(recovered, path, {"encoding": "gb18030", "newline": "\r\n", "bom": False})
    asked = []

    def answer(_parent, entries):
        asked.append([(e.title, e.preview) for e in entries])
        return {e.doc_id: RecoveryChoice.RESTORE for e in entries}

    monkeypatch.setattr(recovery_dialog, "ask_recovery", answer)
    (tab,) = window.features.safety.offer_recovery()
    assert asked == [[("第一章.txt", recovered)]]
    assert tab.editor.toPlainText() == recovered
    assert tab.modified and tab.path == path.resolve()
    assert window.documents() == [tab]  # the empty Untitled tab made way
    assert "Restored 1 document" in window.banner.text
    # Still recoverable if this run crashes too (same copy, now owned by this run).
    assert _copies(window) == {doc_id: recovered}
    assert window.files.save(tab)
    assert path.read_bytes() == recovered.replace("\n", "\r\n").encode("gb18030")
    assert _copies(window) == {}


def test_discard_and_later(qtbot, window, monkeypatch) -> None:
    gone = _orphan("discard me", None)
    kept = _orphan("ask me again", None)
    choices = {gone: RecoveryChoice.DISCARD, kept: RecoveryChoice.LATER}
    monkeypatch.setattr(recovery_dialog, "ask_recovery", lambda _p, _e: choices)
    assert window.features.safety.offer_recovery() == []
    store = window.features.safety.autosave.store
    assert [e.doc_id for e in store.orphans()] == [kept]


def test_recovery_dialog_shows_name_time_preview_and_choices(qtbot) -> None:
    _orphan("x" * 500, Path("/tmp/notes.md"))
    entries = RecoveryStore().orphans()
    dialog = RecoveryDialog(entries)
    qtbot.addWidget(dialog)
    item = dialog.list.topLevelItem(0)
    assert item.text(0) == "notes.md" and item.text(1)[:2] == "20"
    assert dialog.preview.toPlainText().startswith("x" * 200)
    assert "500 characters" in dialog.preview.toPlainText()
    dialog.set_checked(entries[0].doc_id, False)
    dialog.accept()
    assert dialog.choices() == {entries[0].doc_id: RecoveryChoice.DISCARD}
    later = RecoveryDialog(entries)
    qtbot.addWidget(later)
    later.reject()
    assert later.choices() == {entries[0].doc_id: RecoveryChoice.LATER}


@pytest.mark.parametrize("copy_fails", [True])
def test_autosave_failure_is_shown_once(qtbot, window, monkeypatch, copy_fails) -> None:
    def full(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(window.features.safety.autosave.store, "write", full)
    qtbot.keyClicks(window.current_editor(), "text")
    window.features.safety.autosave.autosave_now()
    assert "Autosave failed: No space left on device" in window.banner.text
    window.banner.hide()
    qtbot.keyClicks(window.current_editor(), " more")
    window.features.safety.autosave.autosave_now()
    assert window.banner.text == ""  # the same problem is not repeated every round
    assert window.current_editor().toPlainText() == "text more"
