"""Encodings in the UI (status bar, Reopen/Save with Encoding); failed saves lose nothing."""

from __future__ import annotations

import errno
import shutil

import pytest
from PySide6.QtCore import Qt

from assistant.storage import atomic
from assistant.ui import dialogs
from assistant.ui.safety import encodings as encoding_commands


def _choose(monkeypatch, encoding: str, bom: bool) -> None:
    monkeypatch.setattr(encoding_commands, "ask_encoding", lambda *_a: (encoding, bom))


def test_status_bar_shows_encoding_and_line_endings_and_save_keeps_them(window, tmp_path) -> None:
    path = tmp_path / "第一章.txt"
    raw = "第一章\r\n山上有雪。\r\n".encode("gb18030")
    path.write_bytes(raw)
    window.open_paths([str(path)])
    assert window.status.format_label.text() == "GB18030 · CRLF"
    tab = window.current_tab()
    assert tab.editor.toPlainText() == "第一章\n山上有雪。\n"
    assert window.files.save(tab)
    assert path.read_bytes() == raw  # byte for byte


def test_no_break_spaces_and_line_separators_survive_save(qtbot, window, tmp_path) -> None:
    # French typography, Word exports: no-break spaces and U+2028 are the writer's text.
    path = tmp_path / "chapitre.txt"
    raw = "« Bonjour\u00a0! »\u2028dit-il.\n10\u202f000 mots\n".encode()
    path.write_bytes(raw)
    window.open_paths([str(path)])
    tab = window.current_tab()
    tab.editor.moveCursor(tab.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(tab.editor, "Fin")
    assert window.files.save(tab)
    assert path.read_bytes() == raw + b"Fin"


def test_save_with_encoding(qtbot, window, tmp_path, monkeypatch) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"caf\xc3\xa9\n")
    window.open_paths([str(path)])
    _choose(monkeypatch, "utf-16-le", True)
    window.features.safety.actions["save_with_encoding"].trigger()
    assert path.read_bytes() == b"\xff\xfe" + "café\n".encode("utf-16-le")
    assert window.status.format_label.text() == "UTF-16 LE · LF"
    _choose(monkeypatch, "utf-8", True)
    window.features.safety.actions["save_with_encoding"].trigger()
    assert path.read_bytes() == b"\xef\xbb\xbfcaf\xc3\xa9\n"
    assert window.status.format_label.text() == "UTF-8 BOM · LF"


def test_reopen_with_encoding_and_refusal(qtbot, window, tmp_path, monkeypatch) -> None:
    path = tmp_path / "latin.txt"
    # Valid GB18030, but not Chinese: detection refuses it rather than guess.
    raw = "ÀÁÂ résumé\n".encode("gb18030")
    path.write_bytes(raw)
    window.open_paths([str(path)])
    # Shown read-only (never as garble that a save would write back), with the fix offered.
    assert "latin.txt” is open read-only" in window.banner.text
    assert "not in a supported text encoding" in window.banner.text
    assert window.banner.action_button.text() == "Choose Encoding…"
    tab = window.current_tab()
    assert tab.editor.isReadOnly() and tab.path == path.resolve()
    assert not window.files.save(tab)
    assert path.read_bytes() == raw
    _choose(monkeypatch, "gb18030", False)
    window.banner.action_button.click()
    assert window.current_tab() is tab and len(window.documents()) == 1
    assert tab.editor.toPlainText() == "ÀÁÂ résumé\n" and not tab.editor.isReadOnly()
    # Reopening in an encoding the bytes are not valid in is refused; the text stays.
    _choose(monkeypatch, "utf-8", False)
    window.features.safety.actions["reopen_with_encoding"].trigger()
    assert "latin.txt” cannot be read as UTF-8: byte 0x81 at offset 0" in window.banner.text
    assert tab.editor.toPlainText() == "ÀÁÂ résumé\n" and tab.format.encoding == "gb18030"
    # With unsaved changes, reopening (which would drop them) is refused.
    qtbot.keyClicks(tab.editor, "x")
    window.features.safety.actions["reopen_with_encoding"].trigger()
    assert "has unsaved changes" in window.banner.text


@pytest.mark.parametrize(
    ("err", "message"),
    [
        (errno.ENOSPC, "the disk is full. Free some space or save elsewhere."),
        (errno.EACCES, "permission denied (the file or its folder is read-only)"),
        (errno.EROFS, "the disk is read-only. Save it elsewhere."),
    ],
)
def test_failed_save_keeps_text_and_offers_save_as(
    qtbot, window, tmp_path, monkeypatch, err, message
) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes(b"old text\n")
    window.open_paths([str(path)])
    tab = window.current_tab()
    qtbot.keyClicks(tab.editor, "new ")

    def fail(*_a, **_k):
        raise OSError(err, "simulated")

    # Tests run as root, where chmod cannot make a folder read-only: fail the temp file.
    monkeypatch.setattr(atomic, "_open_temp", fail)
    qtbot.keyClick(tab.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert f"Cannot save “draft.txt”: {message}" in window.banner.text
    assert tab.editor.toPlainText() == "new old text\n" and tab.modified
    assert path.read_bytes() == b"old text\n"
    monkeypatch.undo()
    elsewhere = tmp_path / "elsewhere.txt"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_a: str(elsewhere))
    assert window.banner.action_button.text() == "Save As…"
    window.banner.action_button.click()
    assert elsewhere.read_bytes() == b"new old text\n"
    assert not tab.modified and tab.path == elsewhere.resolve()


def test_vanished_folder_and_refused_close(qtbot, window, tmp_path, monkeypatch) -> None:
    folder = tmp_path / "usb-stick"
    folder.mkdir()
    path = folder / "notes.txt"
    path.write_bytes(b"notes\n")
    window.open_paths([str(path)])
    tab = window.current_tab()
    qtbot.keyClicks(tab.editor, "more ")
    shutil.rmtree(folder)  # the stick was pulled out
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_a: dialogs.SaveChoice.SAVE)
    assert not window.close_tab(window.tabs.currentIndex())  # the save failed: stay open
    assert f"the folder {folder} no longer exists" in window.banner.text
    assert window.documents() == [tab] and tab.editor.toPlainText() == "more notes\n"
