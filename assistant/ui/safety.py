"""Everything that keeps a writer's text safe, installed into the main window in one call.

Autosave with crash recovery, external-change detection, encoding commands and
snapshots each live in their own module; this one creates them, adds their File
menu entries, and follows every tab the window adds. The window calls `track`
for each new tab and `window_closing` once its close was accepted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from assistant.ui.autosave import Autosaver
from assistant.ui.document_tab import DocumentTab
from assistant.ui.encoding_commands import EncodingCommands
from assistant.ui.external_changes import ExternalChangeWatcher
from assistant.ui.snapshot_commands import SnapshotCommands

if TYPE_CHECKING:
    from assistant.ui.main_window import MainWindow


class DocumentSafety(QObject):
    """Autosave, recovery, external changes, encodings and snapshots of one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.autosave = Autosaver(window, window.settings.autosave_interval_s)
        self.external = ExternalChangeWatcher(window)
        self.encodings = EncodingCommands(window)
        self.snapshots = SnapshotCommands(window)
        self.actions: dict[str, QAction] = {}
        self._add_actions()

    def _add_actions(self) -> None:
        w = self.window
        a = w.actions_
        current = w.current_tab
        specs = (
            ("save_with_encoding", w.tr("Save with &Encoding…"), self.encodings.save_with),
            ("reopen_with_encoding", w.tr("Reopen with E&ncoding…"), self.encodings.reopen),
            (None, "", None),
            ("take_snapshot", w.tr("Take S&napshot…"), self.snapshots.take_named),
            ("history", w.tr("&History…"), self.snapshots.show_history),
            (None, "", None),
        )
        before = a["close_tab"]
        for action_id, text, slot in specs:
            if action_id is None:
                a.file_menu.insertSeparator(before)
                continue
            action = QAction(text, w)
            action.setObjectName(f"action_{action_id}")
            key = w.settings.shortcuts.get(action_id)
            if key:
                action.setShortcut(key)
            action.triggered.connect(lambda _=False, s=slot: s(current()))
            a.file_menu.insertAction(before, action)
            a.by_id[action_id] = action
            self.actions[action_id] = action

    def track(self, tab: DocumentTab) -> None:
        """Follow a tab the window just added."""
        self.autosave.track(tab)
        self.external.track(tab)
        self.snapshots.track(tab)

    def window_closing(self) -> None:
        """The window closes normally: nothing left to recover."""
        self.autosave.window_closing()

    def offer_recovery(self) -> list[DocumentTab]:
        """Offer documents a crashed run left behind (call once, after the window is shown)."""
        from assistant.ui.recovery_dialog import offer_recovery

        return offer_recovery(self.window)
