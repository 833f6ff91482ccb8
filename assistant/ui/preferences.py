"""Edit › Preferences… and Assist › Models…: open the dialogs and apply changes live.

Theme, editor font/wrap/width, shortcuts, inline suggestions and the autosave
interval change at once; the language takes effect after a restart (the dialog
says so); a new model or device loads in the background on the worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from assistant.settings import Settings
from assistant.ui import shortcuts
from assistant.ui.panels.continue_panel import ContinueOptions
from assistant.ui.theme import apply_theme

if TYPE_CHECKING:
    from assistant.ui.dialogs.model_manager import ModelManagerDialog
    from assistant.ui.dialogs.settings_dialog import SettingsDialog
    from assistant.ui.main_window import MainWindow


class Preferences(QObject):
    """Owns the Preferences and Models actions of one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.settings_dialog: SettingsDialog | None = None
        self.model_manager: ModelManagerDialog | None = None
        a = window.actions_
        prefs = QAction(window.tr("&Preferences…"), window)
        prefs.setObjectName("action_preferences")
        prefs.setShortcut(QKeySequence("Ctrl+,"))  # Cmd+, on macOS
        # On macOS Qt moves it to the application menu, where every Mac app has it.
        prefs.setMenuRole(QAction.MenuRole.PreferencesRole)
        prefs.triggered.connect(self.open_settings)
        a.edit_menu.addSeparator()
        a.edit_menu.addAction(prefs)
        models = QAction(window.tr("&Models…"), window)
        models.setObjectName("action_models")
        models.triggered.connect(self.open_model_manager)
        window.add_assist_action(models)
        a.by_id["preferences"] = prefs
        a.by_id["models"] = models

    def open_settings(self, page: str = "general") -> SettingsDialog:
        """Show the Settings dialog (one at a time) on `page` and return it."""
        from assistant.ui.dialogs.settings_dialog import SettingsDialog

        if self.settings_dialog is None:
            dialog = SettingsDialog(self.window.settings, self.window.actions_.by_id, self.window)
            dialog.applied.connect(self.apply)
            privacy = dialog.pages["privacy"]
            privacy.chats_deleted.connect(self.window.assist.chat_flow.history_cleared)
            dialog.finished.connect(lambda _r: self._forget("settings_dialog"))
            self.settings_dialog = dialog
        self.settings_dialog.show_page(page or "general")
        self.settings_dialog.open()  # window-modal, does not block the event loop
        return self.settings_dialog

    def open_model_manager(self) -> ModelManagerDialog:
        """Show the Model manager (one at a time) and return it."""
        from assistant.ui.dialogs.model_manager import ModelManagerDialog

        if self.model_manager is None:
            dialog = ModelManagerDialog(self.window.settings, self.window.controller, self.window)
            dialog.finished.connect(lambda _r: self._forget("model_manager"))
            self.model_manager = dialog
        self.model_manager.open()
        return self.model_manager

    def _forget(self, name: str) -> None:
        dialog = getattr(self, name)
        setattr(self, name, None)
        if dialog is not None:
            dialog.deleteLater()

    def apply(self, settings: Settings, before: Settings | None = None) -> None:
        """Make the window match `settings` now (everything but the language)."""
        w = self.window
        app = QApplication.instance()
        if isinstance(app, QApplication) and (before is None or before.theme != settings.theme):
            apply_theme(app, settings.theme)
        ed = settings.editor
        for tab in w.documents():
            tab.editor.set_editor_font(ed.font_family, ed.font_size)
            tab.editor.set_soft_wrap(ed.wrap)
            tab.editor.set_reading_width(ed.width_chars > 0, ed.width_chars or None)
        a = w.actions_
        for action_id, on in (("soft_wrap", ed.wrap), ("reading_width", ed.width_chars > 0)):
            a[action_id].blockSignals(True)  # the editors are already set; no re-entry
            a[action_id].setChecked(on)
            a[action_id].blockSignals(False)
        w._reading_width_on = ed.width_chars > 0
        shortcuts.apply_shortcuts(a.by_id, settings.shortcuts)
        p = settings.preset("continue")
        # The panel's options are written back to the preset when the window closes.
        w.continue_panel.set_options(
            ContinueOptions(max_new_tokens=p.max_new_tokens, temperature=p.temperature)
        )
        ghost = getattr(w, "ghost", None)
        if ghost is not None and hasattr(ghost, "sync_from_settings"):
            ghost.sync_from_settings()
        safety = getattr(w, "safety", None)
        autosave = getattr(safety, "autosave", None)
        if autosave is not None:
            autosave.set_interval(settings.autosave_interval_s)
        if before is not None and (
            before.model.path != settings.model.path or before.model.device != settings.model.device
        ):
            self._reload_model(settings)

    def _reload_model(self, settings: Settings) -> None:
        from assistant.engine import catalog
        from assistant.engine.backend import EngineError

        w = self.window
        try:
            short = catalog.memory_check(settings.model.path)
        except EngineError as exc:
            w.show_error(w.tr("The model could not be loaded: %1").replace("%1", str(exc)))
            return
        if short is not None:
            need, free = (catalog.format_bytes(n) for n in short)
            w.show_error(
                w.tr("The model needs about %1 of memory, but only %2 is free; it was not loaded.")
                .replace("%1", need)
                .replace("%2", free)
            )
            return
        w.controller.load_model(settings.model.path, settings.model.device)
