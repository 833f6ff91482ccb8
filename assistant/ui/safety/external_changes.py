"""Tell the writer when another program changes or removes an open file; offer Reload / Keep Mine.

A QFileSystemWatcher reports changes, but editors that save atomically (write a
temp file, rename it over ours) replace the inode and the watcher silently drops
the path; so the path is re-added after every report and save, and the
(mtime, size) signature is also checked whenever the window becomes active again.
Our own saves update the tab's signature before the watcher reports, so they
never look like an outside change. The question is a bar above the editor, not a
modal dialog: the writer can finish a sentence first.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from assistant.storage.documents import DocumentError, load_document, stat_signature
from assistant.storage.signature import DiskState, disk_state, signature_of
from assistant.ui.documents.document_tab import DocumentTab
from assistant.ui.documents.progressive_load import PROGRESSIVE_MIN_CHARS

if TYPE_CHECKING:
    from assistant.ui.shell.workspace import Workspace

#: Editors write a file in several steps; look once they are done.
SETTLE_MS = 150


class ChangedOnDiskBar(QFrame):
    """ "X was changed by another program." with Reload and Keep Mine, above one editor."""

    reload_requested = Signal()
    keep_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ChangedOnDiskBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.reload_button = QPushButton(self.tr("Reload"))
        self.keep_button = QPushButton(self.tr("Keep Mine"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.reload_button)
        layout.addWidget(self.keep_button)
        self.reload_button.clicked.connect(self.reload_requested)
        self.keep_button.clicked.connect(self.keep_requested)
        self.hide()

    def show_changed(self, name: str, modified: bool) -> None:
        """Offer both choices for a file that another program rewrote."""
        text = self.tr("“%1” was changed by another program.").replace("%1", name)
        if modified:
            text += " " + self.tr("Reloading discards your unsaved changes here.")
        self.label.setText(text)
        self.reload_button.show()
        self.show()

    def show_removed(self, name: str) -> None:
        """A file that was deleted or moved: only keeping the text makes sense."""
        self.label.setText(
            self.tr(
                "“%1” was deleted or moved by another program. Your text is still here; "
                "save it to write the file again."
            ).replace("%1", name)
        )
        self.reload_button.hide()
        self.show()


class ExternalChangeWatcher(QObject):
    """Watches the files of a window's tabs and asks about changes made elsewhere."""

    #: A tab's file changed on disk and the writer was asked (tests wait on this).
    change_detected = Signal(object)

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace.dialog_parent())
        self.ws = workspace
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_file_changed)
        self._bars: dict[int, ChangedOnDiskBar] = {}
        # tab id -> the (mtime, size) on disk that was asked about (None: deleted)
        self._asked: dict[int, tuple[int, int] | None] = {}
        self._pending: set[str] = set()
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._check_pending)
        app = QGuiApplication.instance()
        if app is not None:
            app.applicationStateChanged.connect(self._on_app_state)
        self._window = workspace.dialog_parent()
        self._window.installEventFilter(self)

    def track(self, tab: DocumentTab) -> None:
        """Watch a newly added tab's file (and its future files after Save As)."""
        tab.loaded.connect(self.rewatch)
        tab.saved.connect(lambda _path, t=tab: self._on_saved(t))
        tab.destroyed.connect(self._after_tab_gone)
        self.rewatch()

    def bar_for(self, tab: DocumentTab) -> ChangedOnDiskBar:
        """The tab's bar (created on first use, above its editor)."""
        bar = self._bars.get(id(tab))
        if bar is None:
            bar = ChangedOnDiskBar(tab)
            tab.layout().insertWidget(0, bar)
            bar.reload_requested.connect(lambda t=tab: self.reload(t))
            bar.keep_requested.connect(lambda t=tab: self.keep_mine(t))
            self._bars[id(tab)] = bar
            key = id(tab)
            tab.destroyed.connect(lambda _obj=None: self._forget(key))
        return bar

    def rewatch(self) -> None:
        """Watch exactly the open files that exist (re-adding ones the watcher dropped)."""
        try:
            wanted = {str(t.path) for t in self.ws.documents() if t.path is not None}
        except RuntimeError:  # the window is being destroyed (tabs go before us)
            return
        watched = set(self.watcher.files())
        stale = sorted(watched - wanted)
        if stale:
            self.watcher.removePaths(stale)
        missing = [p for p in sorted(wanted - watched) if stat_signature(p) is not None]
        if missing:
            self.watcher.addPaths(missing)

    def check_all(self) -> None:
        """Compare every open file with what we last read or wrote (on focus-in)."""
        for tab in self.ws.documents():
            self.check(tab)
        self.rewatch()

    def check(self, tab: DocumentTab) -> bool:
        """Ask about `tab`'s file if it changed on disk; True when the bar is shown."""
        known = tab.signature
        if tab.path is None or tab.loading or known is None:
            return False  # never saved here, or a new file not created yet
        stat = stat_signature(tab.path)
        if stat == (known.mtime_ns, known.size):
            return False  # the cheap check: untouched since we read or wrote it
        if self._asked.get(id(tab), ()) == stat:
            return False  # asked already about this very version
        state = disk_state(tab.path, known)
        if state is DiskState.UNCHANGED:
            # Touched, or rewritten with the same bytes (cloud sync): not a change.
            tab.signature = signature_of(tab.path) or known
            return False
        self._asked[id(tab)] = stat
        bar = self.bar_for(tab)
        if state is DiskState.DELETED:
            bar.show_removed(tab.display_name)
        else:
            bar.show_changed(tab.display_name, tab.modified)
        self.change_detected.emit(tab)
        return True

    def reload(self, tab: DocumentTab) -> None:
        """Replace the text with the file's (one undo step, so Undo brings the old text back)."""
        self._hide(tab)
        try:
            loaded = load_document(tab.path)
        except DocumentError as first:
            try:  # the writer may have chosen the encoding by hand ("Reopen with Encoding")
                loaded = load_document(tab.path, tab.format.encoding)
            except DocumentError:
                self.ws.notify(str(first), error=True)
                return
        if len(loaded.text) >= PROGRESSIVE_MIN_CHARS:
            tab.load(tab.path, loaded.format.encoding)  # too big for an undoable replace
        else:
            cursor = QTextCursor(tab.editor.document())
            cursor.beginEditBlock()
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.insertText(loaded.text)
            cursor.endEditBlock()
            tab.format = loaded.format
            tab.signature = loaded.signature
            tab.editor.document().setModified(False)
            tab.title_changed.emit()
        self._asked.pop(id(tab), None)
        self.rewatch()

    def keep_mine(self, tab: DocumentTab) -> None:
        """Keep the editor's text; it now differs from the file, so it counts as unsaved."""
        self._hide(tab)
        # Saving now overwrites the other version without asking again: that was the choice.
        tab.signature = signature_of(tab.path) if tab.path else None
        self._asked.pop(id(tab), None)
        tab.editor.document().setModified(True)
        self.rewatch()

    # -- internals ------------------------------------------------------------------------

    def _hide(self, tab: DocumentTab) -> None:
        bar = self._bars.get(id(tab))
        if bar is not None:
            bar.hide()

    def _after_tab_gone(self, _obj=None) -> None:
        # At window teardown the tabs outlive this object by a moment: nothing to re-arm.
        if shiboken6.isValid(self):
            QTimer.singleShot(0, self, self.rewatch)

    def _forget(self, key: int) -> None:
        self._bars.pop(key, None)
        self._asked.pop(key, None)

    def _on_saved(self, tab: DocumentTab) -> None:
        # Our own write: the file is what the editor holds; any question is moot.
        self._hide(tab)
        self._asked.pop(id(tab), None)
        self.rewatch()

    def _on_file_changed(self, path: str) -> None:
        self._pending.add(path)
        self._settle.start()

    def _check_pending(self) -> None:
        pending, self._pending = self._pending, set()
        for tab in self.ws.documents():
            if tab.path is not None and str(tab.path) in pending:
                self.check(tab)
        self.rewatch()

    def _on_app_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.check_all()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Check the files when the window becomes active again."""
        if watched is self._window and event.type() == QEvent.Type.WindowActivate:
            with contextlib.suppress(RuntimeError):  # window half-destroyed at exit
                self.check_all()
        return False
