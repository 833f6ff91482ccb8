"""Settings dialog: round trip through a restart, validation, shortcuts, privacy, reports."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from assistant import paths
from assistant.settings import DEFAULT_PRESETS, Preset, Settings
from assistant.settings_file import load_settings, save_settings
from assistant.ui.dialogs.models import questions
from assistant.ui.dialogs.settings import privacy_page
from assistant.ui.shell.main_window import MainWindow
from assistant.ui.shell.startup_notes import report_settings_problems

Button = QDialogButtonBox.StandardButton


def _restart(qtbot, controller, settings: Settings | None = None) -> MainWindow:
    """A window as `run_gui` builds it: settings from disk, saved on close."""
    win = MainWindow(controller, settings or load_settings().settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _every_setting_changed(model_path: str) -> Settings:
    s = Settings()
    s.model.path = model_path
    s.model.device = "cpu"
    s.model.user_models = [model_path]
    s.model.hf_endpoint = "https://hf-mirror.com"
    s.presets = {
        "continue": Preset(0.55, 0.85, 30, 1.3, 120, 7),
        "rewrite": Preset(0.2, 0.8, 20, 1.05, 300, None),
        "summarize": Preset(0.25, 0.95, 50, 1.2, 150, 11),
        "chat": Preset(0.9, 0.7, 60, 1.15, 500, None),
        "ghost": Preset(0.4, 0.9, 10, 1.25, 12, 3),
    }
    s.chat_persona = "Du bist ein strenger Lektor. 你是一位严格的编辑。"
    s.editor.font_family = "DejaVu Serif"
    s.editor.font_size = 17
    s.editor.wrap = False
    s.editor.width_chars = 72
    s.editor.zoom = 2
    s.theme = "dark"
    s.language = "zh_CN"
    s.autosave_interval_s = 45
    s.recent_files = []
    s.recent_instructions = ["Make it sound like a fairy tale", "更口语化"]
    s.shortcuts = {"continue": "Ctrl+Shift+J", "find": ""}
    s.ghost.enabled = False
    s.ghost.delay_ms = 900
    s.ghost.max_tokens = 20
    s.offline_mode = False
    return s


def test_every_setting_survives_a_restart(qtbot, controller, tmp_path) -> None:
    wanted = _every_setting_changed(str(tmp_path / "some-model"))
    save_settings(wanted)
    win = _restart(qtbot, controller)
    assert win.action_registry["continue"].shortcut().toString() == "Ctrl+Shift+J"
    assert win.action_registry["find"].shortcut().isEmpty()  # removed by the writer
    assert win.current_editor().editor_font().pointSize() >= 17
    win.close()
    again = load_settings()
    assert again.warnings == []
    got = again.settings
    # The window owns its geometry and dock layout; everything else must be unchanged.
    assert got.window_geometry and got.window_state
    got.window_geometry = got.window_state = ""
    assert got == wanted
    win2 = _restart(qtbot, controller)
    geometry = win2.saveGeometry()
    win2.close()
    assert load_settings().settings.window_geometry.encode() == bytes(geometry.toBase64())


def test_dialog_changes_apply_live_and_persist(qtbot, controller) -> None:
    win = _restart(qtbot, controller, Settings())
    dialog = win.features.preferences.open_settings()
    qtbot.waitExposed(dialog)
    general = dialog.show_page("general")
    general.theme.setCurrentIndex(general.theme.findData("dark"))
    editor_page = dialog.show_page("editor")
    editor_page.default_font.setChecked(False)
    editor_page.font_size.setValue(19)
    editor_page.wrap.setChecked(False)
    presets = dialog.show_page("generation")
    field = presets.fields[("chat", "temperature")].edit
    field.clear()
    qtbot.keyClicks(field, "0.35")
    qtbot.mouseClick(dialog.button(Button.Ok), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    app = QApplication.instance()
    assert app.palette().color(app.palette().ColorRole.Window).lightness() < 100  # dark now
    assert win.current_editor().editor_font().pointSize() >= 19
    assert not win.current_editor().soft_wrap
    assert not win.action_registry["soft_wrap"].isChecked()
    on_disk = json.loads(paths.settings_file().read_text(encoding="utf-8"))
    assert on_disk["theme"] == "dark"
    assert on_disk["editor"]["font_size"] == 19
    assert on_disk["presets"]["chat"]["temperature"] == 0.35
    win.close()
    restarted = _restart(qtbot, controller)
    dialog = restarted.features.preferences.open_settings("generation")
    assert dialog.pages["generation"].fields[("chat", "temperature")].edit.text() == "0.35"
    assert dialog.pages["general"].theme.currentData() == "dark"
    dialog.reject()
    from assistant.ui.shell.theme import apply_theme

    apply_theme(app, "light")


def test_invalid_values_are_shown_as_typed_and_block_ok(qtbot, window) -> None:
    dialog = window.features.preferences.open_settings()
    page = dialog.show_page("generation")
    top_p = page.fields[("rewrite", "top_p")]
    top_p.edit.clear()
    qtbot.keyClicks(top_p.edit, "1.5")
    assert top_p.error_label.isVisible()
    assert "1" in top_p.error_label.text()
    assert not dialog.button(Button.Ok).isEnabled()
    assert not dialog.button(Button.Apply).isEnabled()
    assert dialog.problem.isVisible()
    top_p.edit.clear()
    qtbot.keyClicks(top_p.edit, "abc")
    assert "number" in top_p.error_label.text()
    top_p.edit.clear()
    qtbot.keyClicks(top_p.edit, "0,8")  # a decimal comma is accepted
    assert not top_p.error_label.isVisible()
    assert dialog.button(Button.Ok).isEnabled()
    general = dialog.show_page("general")
    general.autosave.edit.setText("2")
    assert not dialog.button(Button.Ok).isEnabled()
    general.autosave.edit.setText("60")
    model = dialog.show_page("model")
    model.endpoint.edit.setText("ftp://mirror")
    assert not dialog.button(Button.Ok).isEnabled()
    model.endpoint.edit.setText("https://hf-mirror.com/")
    assert dialog.button(Button.Ok).isEnabled()
    qtbot.mouseClick(dialog.button(Button.Apply), Qt.MouseButton.LeftButton)
    assert window.settings.presets["rewrite"].top_p == 0.8
    assert window.settings.autosave_interval_s == 60
    assert window.settings.model.hf_endpoint == "https://hf-mirror.com"
    assert not dialog.button(Button.Apply).isEnabled()  # nothing left to apply


def test_cancel_changes_nothing_and_reset_restores_defaults(qtbot, window) -> None:
    window.settings.presets["summarize"] = Preset(0.9, 0.5, 5, 2.0, 50, 1)
    window.settings.theme = "light"
    dialog = window.features.preferences.open_settings()
    page = dialog.show_page("generation")
    reset = page.findChild(type(dialog.button(Button.Ok)), "reset_page")
    qtbot.mouseClick(reset, Qt.MouseButton.LeftButton)
    default = DEFAULT_PRESETS["summarize"].temperature
    assert page.fields[("summarize", "temperature")].edit.text() == f"{default:g}"
    assert page.fields[("summarize", "seed")].edit.text() == ""
    dialog.reject()
    assert window.settings.presets["summarize"].temperature == 0.9
    dialog = window.features.preferences.open_settings()
    page = dialog.show_page("generation")
    page.reset()
    dialog.accept()
    assert window.settings.presets["summarize"] == Settings().presets["summarize"]
    assert window.settings.theme == "light"  # other pages keep their values


def test_shortcut_conflict_is_shown_and_rebinding_applies(qtbot, window) -> None:
    dialog = window.features.preferences.open_settings()
    page = dialog.show_page("shortcuts")
    assert not page.conflicts.isVisible()
    names = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    assert "Continue Writing" in names and "Preferences…" in names
    page.select_action("continue")
    qtbot.keyClick(page.editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.chosen["continue"] == "Ctrl+F"
    assert page.conflicts.isVisible()
    assert "Find" in page.conflicts.text() and "Continue Writing" in page.conflicts.text()
    assert not dialog.button(Button.Ok).isEnabled()
    page.set_shortcut("continue", "Ctrl+Shift+K")
    assert not page.conflicts.isVisible()
    assert dialog.button(Button.Ok).isEnabled()
    dialog.accept()
    assert window.action_registry["continue"].shortcut() == QKeySequence("Ctrl+Shift+K")
    assert window.settings.shortcuts == {"continue": "Ctrl+Shift+K"}
    assert "Ctrl+Shift+K" in window.action_registry["continue"].toolTip()
    dialog = window.features.preferences.open_settings()
    dialog.show_page("shortcuts").reset()
    dialog.accept()
    assert window.action_registry["continue"].shortcut() == QKeySequence("Ctrl+J")
    assert window.settings.shortcuts == {}


def test_preferences_menu_entry(qtbot, window) -> None:
    action = window.action_registry["preferences"]
    assert action in window.action_registry.menus["edit"].actions()
    assert action.shortcut() == QKeySequence("Ctrl+,")
    assert action.menuRole() == action.MenuRole.PreferencesRole
    action.trigger()
    dialog = window.features.preferences.settings_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_privacy_page_paths_folders_history_and_offline(qtbot, window, monkeypatch) -> None:
    from assistant.storage.chat_history import ChatHistory

    with ChatHistory() as history:
        conv = history.create_conversation("secret plot")
        history.add_message(conv, "user", "the butler did it")
    opened = []
    monkeypatch.setattr(privacy_page, "open_folder", lambda p: opened.append(p) or True)
    monkeypatch.setattr(questions, "confirm", lambda *_a: True)
    dialog = window.features.preferences.open_settings()
    page = dialog.show_page("privacy")
    shown = {label.objectName(): label.text() for label in page.findChildren(type(page.result))}
    assert shown["path_settings"] == str(paths.settings_file())
    assert shown["path_chats"] == str(paths.chat_db_file())
    assert shown["path_recovery"] == str(paths.recovery_dir())
    qtbot.mouseClick(page.open_buttons["chats"], Qt.MouseButton.LeftButton)
    assert opened == [paths.data_dir()]
    assert page.offline.isChecked()  # on by default
    qtbot.mouseClick(page.delete_chats, Qt.MouseButton.LeftButton)
    assert "1" in page.result.text()
    with ChatHistory() as history:
        assert history.list_conversations() == []
    assert b"the butler did it" not in paths.chat_db_file().read_bytes()
    page.offline.setChecked(False)
    dialog.accept()
    assert window.settings.offline_mode is False


@pytest.mark.parametrize("kind", ["corrupt", "old"])
def test_damaged_or_old_settings_file_reported_once(qtbot, controller, kind) -> None:
    file = paths.settings_file()
    if kind == "corrupt":
        file.write_text('{"theme": "dark", ', encoding="utf-8")
    else:
        file.write_text(
            json.dumps({"version": 1, "font_size": 15, "theme": "dark", "temperature": 9}),
            encoding="utf-8",
        )
    loaded = load_settings()
    win = _restart(qtbot, controller, loaded.settings)
    assert report_settings_problems(win, loaded)
    text = win.banner.text
    if kind == "corrupt":
        assert "could not be read" in text and ".corrupt" in text
        assert list(file.parent.glob("settings.json.corrupt*"))  # kept, never deleted
    else:
        assert "earlier version" in text
        assert "presets.continue.temperature" in text  # 9 is out of range: reset
        assert win.settings.editor.font_size == 15
    win.close()
    second = load_settings()
    assert second.warnings == [] and second.migrated_from is None and second.moved_aside is None
    win2 = _restart(qtbot, controller, second.settings)
    assert not report_settings_problems(win2, second)
    assert win2.banner.text == ""
