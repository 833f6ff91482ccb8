"""Inline suggestions on or off: everywhere (settings, toolbar) and per document (menu)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction

from assistant.ui.documents.editor import Editor

if TYPE_CHECKING:
    from assistant.ui.shell.workspace import Workspace


class GhostSwitches(QObject):
    """The global switch (saved in the settings) and one per document (not saved)."""

    #: Suggestions were turned off: for this editor, or everywhere (None).
    turned_off = Signal(object)

    def __init__(self, workspace: Workspace, toggle: QAction, per_document: QAction) -> None:
        super().__init__(workspace.dialog_parent())
        self.ws = workspace
        self.toggle_action, self.document_action = toggle, per_document
        self._off: set[int] = set()  # ids of editors whose document has them off
        toggle.setChecked(self.enabled)
        toggle.toggled.connect(self.set_enabled)
        per_document.toggled.connect(self._on_document_toggled)
        signals = workspace.signals
        signals.current_document_changed.connect(lambda _tab: self._sync_document_action())
        signals.settings_applied.connect(lambda _before: self.sync_from_settings())

    @property
    def enabled(self) -> bool:
        """The global switch (settings, toolbar)."""
        return bool(self.ws.settings.ghost.enabled)

    def set_enabled(self, on: bool) -> None:
        """Turn suggestions on or off everywhere (saved with the settings)."""
        self.ws.settings.ghost.enabled = bool(on)
        self.toggle_action.setChecked(bool(on))
        if not on:
            self.turned_off.emit(None)

    def sync_from_settings(self) -> None:
        """Follow a settings change made elsewhere (the settings dialog)."""
        self.set_enabled(self.ws.settings.ghost.enabled)

    def set_document_enabled(self, editor: Editor, on: bool) -> None:
        """Turn suggestions on or off for one document (not saved with the file)."""
        if on:
            self._off.discard(id(editor))
        else:
            self._off.add(id(editor))
            self.turned_off.emit(editor)
        self._sync_document_action()

    def document_enabled(self, editor: Editor) -> bool:
        """Whether suggestions are on for this document (the global switch aside)."""
        return id(editor) not in self._off

    def allows(self, editor: Editor) -> bool:
        """Both switches are on for this editor."""
        return self.enabled and self.document_enabled(editor)

    def forget(self, key: int) -> None:
        """An editor is gone (its id may be reused by a new one)."""
        self._off.discard(key)

    def _on_document_toggled(self, on: bool) -> None:
        editor = self.ws.current_editor()
        if editor is not None and self.document_enabled(editor) != on:
            self.set_document_enabled(editor, on)

    def _sync_document_action(self) -> None:
        editor = self.ws.current_editor()
        if editor is not None:
            self.document_action.setChecked(self.document_enabled(editor))
