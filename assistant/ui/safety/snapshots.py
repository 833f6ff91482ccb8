"""Snapshots from the editor: File › Take Snapshot…, File › History…, and one automatic
snapshot at the start of each editing session (the file as it was before the
first change after opening it).
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QInputDialog, QWidget

from assistant.storage.documents import DocumentError, load_document
from assistant.storage.snapshots import SnapshotInfo, SnapshotStore, doc_key_for_path
from assistant.ui.documents.document_tab import DocumentTab
from assistant.ui.shell.i18n import translated

if TYPE_CHECKING:
    from assistant.ui.dialogs.history_dialog import HistoryDialog
    from assistant.ui.shell.workspace import Workspace

log = logging.getLogger(__name__)
#: Files above this are read for the session snapshot off the GUI thread.
BACKGROUND_BYTES = 1 << 20


def _tr(text: str) -> str:
    return QCoreApplication.translate("SnapshotCommands", text)


def ask_snapshot_name(parent: QWidget | None, suggested: str) -> str | None:
    """Ask for a snapshot's name; None means cancelled (tests replace this function)."""
    name, ok = QInputDialog.getText(
        parent, _tr("Take Snapshot"), _tr("Name of this snapshot:"), text=suggested
    )
    return name.strip() or suggested if ok else None


def snapshot_key(tab: DocumentTab) -> str:
    """Snapshots of a file are keyed by its path; an untitled one by its recovery id."""
    return doc_key_for_path(tab.path) if tab.path else f"untitled:{tab.recovery_id}"


def replace_text_undoably(tab: DocumentTab, text: str) -> None:
    """Replace the whole text as one edit: a single Undo brings the previous text back."""
    cursor = QTextCursor(tab.editor.document())
    cursor.beginEditBlock()
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.insertText(text)
    cursor.endEditBlock()


class SnapshotCommands(QObject):
    """Takes, lists and restores snapshots for one window."""

    #: A snapshot was stored (SnapshotInfo); emitted on the GUI thread.
    taken = Signal(object)
    _taken_elsewhere = Signal(object)  # from the background reader, queued to the GUI thread

    def __init__(self, workspace: Workspace, store: SnapshotStore | None = None) -> None:
        super().__init__(workspace.dialog_parent())
        self.ws = workspace
        self.store = store or SnapshotStore()
        self._session_taken: set[int] = set()  # ids of tabs whose session snapshot exists
        self._taken_elsewhere.connect(self.taken)
        self.dialog: HistoryDialog | None = None

    def track(self, tab: DocumentTab) -> None:
        """Take the session snapshot on the first change after (re)opening `tab`."""
        tab.editor.document().modificationChanged.connect(
            lambda modified, t=tab: modified and self._first_change(t)
        )
        tab.loaded.connect(lambda t=tab: self._session_taken.discard(id(t)))
        key = id(tab)
        tab.destroyed.connect(lambda _obj=None: self._session_taken.discard(key))

    def take_named(self, tab: DocumentTab | None) -> SnapshotInfo | None:
        """Ask for a name and snapshot the current text."""
        ws = self.ws
        if tab is None or not ws.ensure_loaded(tab):
            return None
        name = ask_snapshot_name(ws.dialog_parent(), tab.display_name)
        if name is None:
            return None
        try:
            info = self.store.take(snapshot_key(tab), tab.editor.toPlainText(), name)
        except OSError as exc:
            message = self.tr("The snapshot could not be saved: %1").replace("%1", translated(exc))
            ws.notify(message, error=True)
            return None
        ws.show_status(self.tr("Snapshot “%1” taken").replace("%1", name), 4000)
        self.taken.emit(info)
        return info

    def show_history(self, tab: DocumentTab | None) -> HistoryDialog | None:
        """Open the History dialog of `tab` (window-modal, not blocking)."""
        from assistant.ui.dialogs.history_dialog import HistoryDialog

        if tab is None or not self.ws.ensure_loaded(tab):
            return None
        dialog = HistoryDialog(
            self.store,
            snapshot_key(tab),
            tab.display_name,
            tab.editor.toPlainText,
            self.ws.dialog_parent(),
        )
        dialog.restore_requested.connect(lambda text, t=tab: self.restore(t, text))
        self.dialog = dialog
        dialog.open()
        return dialog

    def restore(self, tab: DocumentTab, text: str) -> None:
        """Put a snapshot's text in the editor as one undoable change."""
        if not self.ws.ensure_editable(tab):
            return
        replace_text_undoably(tab, text)
        self.ws.show_status(
            self.tr("Snapshot restored. Undo (Ctrl+Z) brings your text back."), 6000
        )

    def _first_change(self, tab: DocumentTab) -> None:
        if tab.loading or tab.path is None or id(tab) in self._session_taken:
            return
        self._session_taken.add(id(tab))
        args = (snapshot_key(tab), tab.path, self.tr("Before editing"), tab.format.encoding)
        if tab.signature is None:
            return  # a new file that does not exist yet: nothing to go back to
        if tab.signature.size < BACKGROUND_BYTES:
            self._take_from_disk(*args)
        else:
            # Reading and copying 10 MB would stall the first keystroke.
            threading.Thread(target=self._take_from_disk, args=args, daemon=True).start()

    def _take_from_disk(self, key: str, path, name: str, encoding: str) -> None:
        # The file on disk is the text as it was before this session's first change.
        try:
            text = load_document(path, encoding).text
            info = self.store.take(key, text, name, auto=True)
        except (DocumentError, OSError) as exc:
            log.warning("session snapshot of %s failed: %s", path, exc)
            return
        self._taken_elsewhere.emit(info)
