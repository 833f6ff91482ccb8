"""Another program changes, replaces or deletes an open file: the writer is told and chooses."""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtWidgets import QWidget


def _open(window, path: Path):
    window.open_paths([str(path)])
    return window.current_tab()


def _bar(window, tab):
    return window.features.safety.external.bar_for(tab)


def _replace_atomically(path: Path, data: bytes) -> None:
    """What vim, VS Code and our own save do: write a temp file, rename it over."""
    temp = path.with_name(path.name + ".swp")
    temp.write_bytes(data)
    os.replace(temp, path)


def test_changed_by_another_program_then_reload_is_one_undo_step(qtbot, window, tmp_path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(b"Version one.\n")
    tab = _open(window, path)
    with qtbot.waitSignal(window.features.safety.external.change_detected, timeout=5000):
        time.sleep(0.01)  # a distinct mtime
        path.write_bytes(b"Version two, from another editor.\n")
    bar = _bar(window, tab)
    assert bar.isVisible()
    assert "“story.txt” was changed by another program." in bar.label.text()
    bar.reload_button.click()
    assert tab.editor.toPlainText() == "Version two, from another editor.\n"
    assert not tab.modified and not bar.isVisible()
    tab.editor.undo()
    assert tab.editor.toPlainText() == "Version one.\n"


def test_atomic_replacements_are_seen_every_time(qtbot, window, tmp_path) -> None:
    path = tmp_path / "notes.md"
    path.write_bytes(b"one\n")
    tab = _open(window, path)
    external = window.features.safety.external
    for n, text in enumerate([b"two\n", b"three!\n"]):
        # The watcher drops a path whose inode is replaced; it must be re-armed.
        with qtbot.waitSignal(external.change_detected, timeout=5000):
            _replace_atomically(path, text)
        assert _bar(window, tab).isVisible(), n
        _bar(window, tab).reload_button.click()
        assert tab.editor.toPlainText() == text.decode()
        qtbot.waitUntil(lambda: str(path) in external.watcher.files(), timeout=2000)


def test_our_own_saves_never_ask(qtbot, window, tmp_path) -> None:
    path = tmp_path / "mine.txt"
    path.write_bytes(b"start\n")
    tab = _open(window, path)
    asked = []
    window.features.safety.external.change_detected.connect(asked.append)
    for word in ("alpha", "beta", "gamma"):
        qtbot.keyClicks(tab.editor, word)
        assert window.files.save(tab)
        qtbot.wait(300)  # longer than the watcher's settle delay
    window.features.safety.external.check_all()
    assert asked == []
    assert str(path.resolve()) in window.features.safety.external.watcher.files()


def test_keep_mine_marks_modified_and_save_writes_mine(qtbot, window, tmp_path) -> None:
    path = tmp_path / "k.txt"
    path.write_bytes(b"original\n")
    tab = _open(window, path)
    with qtbot.waitSignal(window.features.safety.external.change_detected, timeout=5000):
        time.sleep(0.01)
        path.write_bytes(b"theirs\n")
    _bar(window, tab).keep_button.click()
    assert tab.modified and tab.editor.toPlainText() == "original\n"
    window.features.safety.external.check_all()
    assert not _bar(window, tab).isVisible()  # not asked again about the same version
    assert window.files.save(tab)
    assert path.read_bytes() == b"original\n"


def test_deleted_file_keeps_the_text(qtbot, window, tmp_path) -> None:
    path = tmp_path / "gone.txt"
    path.write_bytes(b"precious words\n")
    tab = _open(window, path)
    with qtbot.waitSignal(window.features.safety.external.change_detected, timeout=5000):
        path.unlink()
    bar = _bar(window, tab)
    assert "“gone.txt” was deleted or moved by another program" in bar.label.text()
    assert bar.reload_button.isHidden()
    bar.keep_button.click()
    assert tab.modified and tab.editor.toPlainText() == "precious words\n"
    assert window.files.save(tab)
    assert path.read_bytes() == b"precious words\n"


def test_change_missed_by_the_watcher_is_caught_on_focus_in(qtbot, window, tmp_path) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(b"a\n")
    tab = _open(window, path)
    external = window.features.safety.external
    external.watcher.removePaths(external.watcher.files())  # e.g. a network drive
    external.rewatch = lambda: None  # ... that cannot be watched at all
    time.sleep(0.01)
    path.write_bytes(b"b, changed while the writer was away\n")
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: not window.isActiveWindow(), timeout=2000)
    assert not _bar(window, tab).isVisible()
    with qtbot.waitSignal(external.change_detected, timeout=3000):
        window.activateWindow()  # the writer comes back
    assert _bar(window, tab).isVisible()
