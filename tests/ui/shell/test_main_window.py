"""Files, tabs, titles, counts, find/replace and the unsaved-changes question."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from assistant.tasks.text import count_text
from assistant.ui import dialogs

CTRL = Qt.KeyboardModifier.ControlModifier


def test_open_edit_save_round_trip_keeps_bytes(qtbot, window, tmp_path, monkeypatch) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes("Café — 草稿\r\nline two\r\n".encode())
    monkeypatch.setattr(dialogs, "ask_open_paths", lambda *_a: [str(path)])
    qtbot.keyClick(window.current_editor(), Qt.Key.Key_O, CTRL)
    editor = window.current_editor()
    assert editor.toPlainText() == "Café — 草稿\nline two\n"
    assert window.windowTitle() == "draft.txt[*] — Writing Assistant"
    assert not window.isWindowModified()
    assert window.status.format_label.text() == "UTF-8 · CRLF"
    assert window.tabs.count() == 1  # the empty untitled tab was reused
    qtbot.keyClick(editor, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(editor, "three")
    assert window.isWindowModified()
    qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)
    assert path.read_bytes() == "Café — 草稿\r\nline two\r\nthree".encode()
    assert not window.isWindowModified()
    assert str(path.resolve()) in window.settings.recent_files


def test_save_as_for_untitled(qtbot, window, tmp_path, monkeypatch) -> None:
    target = tmp_path / "new.md"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda _parent, suggested: str(target))
    editor = window.current_editor()
    qtbot.keyClicks(editor, "# Heading")
    qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)
    assert target.read_bytes() == b"# Heading"
    assert window.windowTitle().startswith("new.md")


def test_open_error_is_shown_and_nothing_lost(qtbot, window, tmp_path, monkeypatch) -> None:
    binary = tmp_path / "image.bin"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    editor = window.current_editor()
    qtbot.keyClicks(editor, "keep me")
    monkeypatch.setattr(dialogs, "ask_open_paths", lambda *_a: [str(binary)])
    window.action_registry["open"].trigger()
    assert "binary" in window.banner.text, window.banner.label.text()
    assert editor.toPlainText() == "keep me"
    assert window.tabs.count() == 1


def test_save_error_keeps_text_and_offers_save_as(qtbot, window, tmp_path, monkeypatch) -> None:
    folder = tmp_path / "gone"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_a: str(folder / "x.txt"))
    editor = window.current_editor()
    qtbot.keyClicks(editor, "precious")
    window.action_registry["save"].trigger()
    assert "no longer exists" in window.banner.text
    assert window.banner.action_button.isVisible()
    assert editor.toPlainText() == "precious" and window.isWindowModified()


@pytest.mark.parametrize(
    ("choice", "closes", "saved"),
    [
        (dialogs.SaveChoice.CANCEL, False, False),
        (dialogs.SaveChoice.DISCARD, True, False),
        (dialogs.SaveChoice.SAVE, True, True),
    ],
)
def test_unsaved_changes_prompt_on_close(
    qtbot, window, tmp_path, monkeypatch, choice, closes, saved
) -> None:
    path = tmp_path / "story.txt"
    path.write_text("old", encoding="utf-8")
    window.open_paths([str(path)])
    qtbot.keyClick(window.current_editor(), Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(window.current_editor(), " new")
    asked: list[str] = []

    def ask(_parent, name):
        asked.append(name)
        return choice

    monkeypatch.setattr(dialogs, "ask_save_changes", ask)
    assert window.close() is closes
    assert asked == ["story.txt"]
    assert path.read_text(encoding="utf-8") == ("old new" if saved else "old")
    assert window.isVisible() is (not closes)


def test_close_tab_asks_and_tabs_are_independent(qtbot, window, monkeypatch) -> None:
    qtbot.keyClicks(window.current_editor(), "first")
    qtbot.keyClick(window.current_editor(), Qt.Key.Key_N, CTRL)
    assert window.tabs.count() == 2
    qtbot.keyClicks(window.current_editor(), "second")
    assert window.current_editor().toPlainText() == "second"
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_a: dialogs.SaveChoice.CANCEL)
    qtbot.keyClick(window.current_editor(), Qt.Key.Key_W, CTRL)
    assert window.tabs.count() == 2
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_a: dialogs.SaveChoice.DISCARD)
    qtbot.keyClick(window.current_editor(), Qt.Key.Key_W, CTRL)
    assert window.tabs.count() == 1
    assert window.current_editor().toPlainText() == "first"


def test_missing_file_on_command_line_starts_it(window, tmp_path) -> None:
    path = tmp_path / "chapter-1.md"
    window.open_paths([str(path)])
    assert window.windowTitle().startswith("chapter-1.md")
    assert not path.exists()


def test_word_and_character_counts(qtbot, window) -> None:
    assert count_text("Hello, world! It's fine.") == (4, 24)
    assert count_text("我们在山上。") == (5, 6)  # CJK characters count as words
    assert count_text("Mixed 中文 text") == (4, 13)
    assert count_text("a\nb") == (2, 2)
    qtbot.keyClicks(window.current_editor(), "one two three")
    qtbot.waitUntil(lambda: "3 words" in window.status.counts_label.text(), timeout=2000)
    assert window.status.counts_label.text() == "3 words · 13 characters"


def test_cursor_position_in_status(qtbot, window) -> None:
    editor = window.current_editor()
    qtbot.keyClicks(editor, "ab")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "cde")
    assert window.status.position_label.text() == "Ln 2, Col 4"


def test_find_and_replace(qtbot, window) -> None:
    editor = window.current_editor()
    qtbot.keyClicks(editor, "cat dog cat bird")
    qtbot.keyClick(editor, Qt.Key.Key_H, CTRL)
    bar = window.find_bar
    assert bar.isVisible() and bar.replace_edit.isVisible()
    qtbot.keyClicks(bar.find_edit, "cat")
    assert bar.result_label.text() == "2 found"
    qtbot.keyClicks(bar.replace_edit, "fox")
    qtbot.mouseClick(bar.replace_all_button, Qt.MouseButton.LeftButton)
    assert editor.toPlainText() == "fox dog fox bird"
    editor.undo()
    assert editor.toPlainText() == "cat dog cat bird"  # replace all is one undo step
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_view_toggles_and_zoom(qtbot, window) -> None:
    editor = window.current_editor()
    size = editor.font().pointSizeF()
    window.action_registry["zoom_in"].trigger()
    assert editor.font().pointSizeF() == size + 1
    window.action_registry["zoom_reset"].trigger()
    assert editor.font().pointSizeF() == size
    window.action_registry["soft_wrap"].setChecked(False)
    assert not editor.soft_wrap
    window.resize(1600, 900)
    window.action_registry["reading_width"].setChecked(True)
    qtbot.wait(10)
    column = editor.viewport().width()
    assert column < 0.8 * editor.width()  # centred column, not the full width
    window.action_registry["reading_width"].setChecked(False)
    qtbot.wait(10)
    assert editor.viewport().width() > column


def test_menus_show_shortcuts(window) -> None:
    a = window.action_registry
    assert a["continue"].shortcut().toString() == "Ctrl+J"
    assert a["stop"].shortcut().toString() == "Esc"
    assert a["quit"].shortcut().toString() == "Ctrl+Q"
    assert a["find"].shortcut().toString() == "Ctrl+F"
    titles = [m.title().replace("&", "") for m in a.menus.values()]
    for name in ("File", "Edit", "View", "Assist", "Help"):
        assert name in titles
    dock = window.findChild(type(window.features.continue_.panel), "ContinueDock")
    assert dock is not None and dock.windowTitle() == "Continue"


def test_layout_and_options_persist(qtbot, controller, tmp_path) -> None:
    from assistant.settings_file import load_settings
    from assistant.ui.shell.main_window import MainWindow

    first = MainWindow(controller, load_settings().settings)
    qtbot.addWidget(first)
    first.show()
    first.features.continue_.panel.length_spin.setValue(200)
    first.features.continue_.panel.hide()
    first.close()
    second = MainWindow(controller, load_settings().settings)
    qtbot.addWidget(second)
    second.show()
    assert second.features.continue_.panel.length_spin.value() == 200
    assert second.features.continue_.panel.isHidden()


def test_a_panel_installed_after_the_first_paint_gets_its_saved_place(qtbot, controller) -> None:
    # The app installs Chat after the first paint: the layout the writer left must still
    # apply to it (hidden here), and it learns the document that is already open.
    from assistant.settings_file import load_settings
    from assistant.ui.shell.main_window import MainWindow

    shown = MainWindow(controller, load_settings().settings)
    qtbot.addWidget(shown)
    shown.show()
    shown.features.chat.panel.raise_()  # left in front
    shown.close()
    again = MainWindow(controller, load_settings().settings, defer_features=True)
    qtbot.addWidget(again)
    again.show()
    again.install_deferred_features()
    assert not again.features.chat.panel.isHidden()
    again.features.chat.panel.hide()
    again.close()
    second = MainWindow(controller, load_settings().settings, defer_features=True)
    qtbot.addWidget(second)
    second.show()
    assert not hasattr(second.features, "chat")
    second.current_editor().setPlainText("One two three four.")
    qtbot.wait(50)
    second.install_deferred_features()
    chat = second.features.chat.panel
    assert chat.windowTitle() == "Chat" and chat.isHidden()
    chat.use_document.setChecked(True)  # the chip shows the document's size
    qtbot.waitUntil(lambda: chat.chip.label.text() == "Whole document · 4 words", timeout=3000)


def test_a_panel_installed_after_the_first_paint_is_a_tab_at_first_start(qtbot, controller):
    from assistant.settings import Settings
    from assistant.ui.shell.main_window import MainWindow

    window = MainWindow(controller, Settings(), save_settings_on_close=False, defer_features=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.install_deferred_features()
    chat, first = window.features.chat.panel, window.features.continue_.panel
    assert not chat.isHidden() and chat in window.tabifiedDockWidgets(first)
    qtbot.waitUntil(lambda: not first.visibleRegion().isEmpty(), timeout=2000)
    assert chat.visibleRegion().isEmpty()  # Continue stays the tab in front


def test_add_panel_and_action(qtbot, window) -> None:
    from PySide6.QtWidgets import QDockWidget

    dock = QDockWidget("Extra")
    dock.setObjectName("ExtraDock")
    window.add_panel(dock)
    action = window.action_registry.register("extra", "Extra Action", menu="assist")
    actions = window.action_registry.menus["assist"].actions()
    assert actions.index(action) < actions.index(window.action_registry["stop"])
    assert dock.toggleViewAction() in window.action_registry.submenus["panels"].actions()
    qtbot.wait(10)
    # Tabbed with the other assist docks (Continue, Rewrite, Summarize, Chat).
    assert window.features.continue_.panel in window.tabifiedDockWidgets(dock)
