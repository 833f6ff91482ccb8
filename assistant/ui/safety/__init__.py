"""Everything that keeps a writer's text safe, installed into the workspace in one call.

Autosave with crash recovery, external-change detection, encoding commands and
snapshots each live in their own module; `install` creates them, registers their
File menu entries, follows every tab the workspace adds and drops the recovery
copies once the window closes normally.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from assistant.ui.documents.document_tab import DocumentTab
from assistant.ui.safety.autosave import Autosaver
from assistant.ui.safety.encodings import EncodingCommands
from assistant.ui.safety.external_changes import ExternalChangeWatcher
from assistant.ui.safety.instances import DocumentLocks
from assistant.ui.safety.snapshots import SnapshotCommands

if TYPE_CHECKING:
    from assistant.settings import Settings
    from assistant.ui.shell.workspace import Workspace


class DocumentSafety(QObject):
    """Autosave, recovery, external changes, encodings and snapshots of one workspace."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace.dialog_parent())
        self.ws = workspace
        self.autosave = Autosaver(workspace, workspace.settings.autosave_interval_s)
        self.external = ExternalChangeWatcher(workspace)
        self.encodings = EncodingCommands(workspace)
        self.snapshots = SnapshotCommands(workspace)
        self.locks = DocumentLocks(workspace)
        self.actions: dict[str, QAction] = {}
        for action_id, text, slot in (
            ("save_with_encoding", self.tr("Save with &Encoding…"), self.encodings.save_with),
            ("reopen_with_encoding", self.tr("Reopen with E&ncoding…"), self.encodings.reopen),
            ("take_snapshot", self.tr("Take S&napshot…"), self.snapshots.take_named),
            ("history", self.tr("&History…"), self.snapshots.show_history),
        ):
            action = workspace.action_registry.register(action_id, text, menu="file")
            action.triggered.connect(lambda _=False, s=slot: s(workspace.current_tab()))
            self.actions[action_id] = action
        files = workspace.files
        files.save_needs_encoding.connect(self._offer_save_with_encoding)
        files.open_needs_encoding.connect(self._offer_open_with_encoding)
        signals = workspace.signals
        signals.document_added.connect(self.track)
        signals.settings_applied.connect(lambda _before: self._apply(workspace.settings))
        signals.closing.connect(self.window_closing)
        signals.flush_requested.connect(self.autosave.flush_for_exit)

    def track(self, tab: DocumentTab) -> None:
        """Follow a tab the workspace just added."""
        self.autosave.track(tab)
        self.external.track(tab)
        self.snapshots.track(tab)
        self.locks.track(tab)

    def window_closing(self) -> None:
        """The window closes normally: nothing left to recover."""
        self.autosave.window_closing()

    def offer_recovery(self) -> list[DocumentTab]:
        """Offer documents a crashed run left behind (call once, after the window is shown)."""
        from assistant.ui.safety.recovery_dialog import offer_recovery

        return offer_recovery(self.ws, self.autosave)

    def _apply(self, settings: Settings) -> None:
        self.autosave.set_interval(settings.autosave_interval_s)

    def _offer_save_with_encoding(self, tab: DocumentTab, message: str) -> None:
        # The text does not fit the file's encoding: choosing another one is the fix.
        self.ws.notify(
            message,
            error=True,
            action_text=self.tr("Save with Encoding…"),
            action=lambda: self.encodings.save_with(tab),
        )

    def _offer_open_with_encoding(self, path: str, message: str) -> None:
        # Never guess with U+FFFD: let the writer name the encoding.
        self.ws.notify(
            message,
            error=True,
            action_text=self.tr("Choose Encoding…"),
            action=lambda: self.encodings.open_as(path),
        )


def install(workspace: Workspace) -> DocumentSafety:
    """Add document safety to the workspace."""
    return DocumentSafety(workspace)
