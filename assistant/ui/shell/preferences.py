"""Edit › Preferences… and Assist › Models…: open the dialogs and apply changes live.

Applying settings means telling everyone: `signals.settings_applied` carries the
settings as they were, and each feature (and the window's own view) brings itself up
to date. Here: the theme, which is the application's, and loading a newly chosen
model in the background. The language takes effect after a restart (the dialog says so).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from assistant.engine.registry import spec_from_settings
from assistant.settings import Settings
from assistant.ui.shell.i18n import translated
from assistant.ui.shell.theme import apply_theme

if TYPE_CHECKING:
    from assistant.ui.dialogs.models.model_manager import ModelManagerDialog
    from assistant.ui.dialogs.settings.settings_dialog import SettingsDialog
    from assistant.ui.shell.workspace import Workspace


class Preferences(QObject):
    """Owns the Preferences and Models commands of one workspace."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace.dialog_parent())
        self.ws = workspace
        self.settings_dialog: SettingsDialog | None = None
        self.model_manager: ModelManagerDialog | None = None
        registry = workspace.action_registry
        prefs = registry.register("preferences", self.tr("&Preferences…"), "Ctrl+,", menu="edit")
        # On macOS Qt moves it to the application menu, where every Mac app has it (Cmd+,).
        prefs.setMenuRole(QAction.MenuRole.PreferencesRole)
        prefs.triggered.connect(lambda: self.open_settings())
        models = registry.register("models", self.tr("&Models…"), menu="assist")
        models.triggered.connect(self.open_model_manager)

    def open_settings(self, page: str = "general") -> SettingsDialog:
        """Show the Settings dialog (one at a time) on `page` and return it."""
        from assistant.ui.dialogs.settings.settings_dialog import SettingsDialog

        if self.settings_dialog is None:
            ws = self.ws
            dialog = SettingsDialog(ws.settings, ws.action_registry.by_id, ws.dialog_parent())
            dialog.applied.connect(self.apply)
            privacy = dialog.pages["privacy"]
            privacy.chats_deleted.connect(ws.signals.chat_history_deleted)
            privacy.statistics_cleared.connect(ws.signals.statistics_cleared)
            privacy.all_data_deleted.connect(dialog.reject)
            privacy.all_data_deleted.connect(ws.signals.all_data_deleted)
            dialog.finished.connect(lambda _r: self._forget("settings_dialog"))
            self.settings_dialog = dialog
        self.settings_dialog.show_page(page or "general")
        self.settings_dialog.open()  # window-modal, does not block the event loop
        return self.settings_dialog

    def open_model_manager(self) -> ModelManagerDialog:
        """Show the Model manager (one at a time) and return it."""
        from assistant.ui.dialogs.models.model_manager import ModelManagerDialog

        if self.model_manager is None:
            ws = self.ws
            dialog = ModelManagerDialog(ws.settings, ws.generation, ws.dialog_parent())
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
        """Make everything match `settings` now (everything but the language)."""
        app = QApplication.instance()
        if isinstance(app, QApplication) and (before is None or before.theme != settings.theme):
            apply_theme(app, settings.theme)
        self.ws.signals.settings_applied.emit(before)
        key_changed = self.settings_dialog is not None and self.settings_dialog.api_key_changed
        if before is not None and (
            key_changed or spec_from_settings(before) != spec_from_settings(settings)
        ):
            self._reload_model(settings)

    def _reload_model(self, settings: Settings) -> None:
        from assistant.engine import catalog
        from assistant.engine.backend import EngineError

        ws = self.ws
        spec = spec_from_settings(settings)
        if spec.remote:
            # A server holds its own memory; it may refuse (offline mode...) as it loads.
            ws.generation.load_model(spec)
            return
        try:
            short = catalog.memory_check(settings.model.path)
        except EngineError as exc:
            message = self.tr("The model could not be loaded: %1").replace("%1", translated(exc))
            ws.notify(message, error=True)
            return
        if short is not None:
            need, free = (catalog.format_bytes(n) for n in short)
            ws.notify(
                self.tr(
                    "The model needs about %1 of memory, but only %2 is free; it was not loaded."
                )
                .replace("%1", need)
                .replace("%2", free),
                error=True,
            )
            return
        ws.generation.load_model(spec)


def install(workspace: Workspace) -> Preferences:
    """Add Preferences and the Model manager to the workspace."""
    return Preferences(workspace)
