"""Autosave: every modified document gets a recovery copy, on a timer and on focus loss.

The copy goes to `RecoveryStore` (under the user data dir), never to the writer's
own file. It is written atomically, only when the text changed since the last
copy (QTextDocument.revision() tells), and removed once the document is saved,
undone back to its saved state, discarded or closed. A crash or SIGKILL leaves the
copies behind; the next start offers them back (see recovery_dialog).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from assistant.ui.documents.document_tab import DocumentTab
from assistant.ui.shell.i18n import translated

if TYPE_CHECKING:
    from assistant.storage.recovery import RecoveryStore
    from assistant.ui.shell.workspace import Workspace

log = logging.getLogger(__name__)


class Autosaver(QObject):
    """Writes recovery copies of a window's modified documents."""

    #: A round of autosaving ended: (documents written, reason: "timer", "focus", "exit" or "now").
    autosaved = Signal(int, str)

    def __init__(
        self, workspace: Workspace, interval_s: int, store: RecoveryStore | None = None
    ) -> None:
        super().__init__(workspace.dialog_parent())
        self.ws = workspace
        self._store = store
        self._written: dict[str, int] = {}  # recovery id -> document revision on disk
        self._last_error = ""
        self._closed = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(lambda: self.autosave_now("timer"))
        self.set_interval(interval_s)
        app = QGuiApplication.instance()
        if app is not None:
            app.applicationStateChanged.connect(self._on_app_state)
        # Switching to another window of this app is focus loss too, and the app
        # state does not change for it; watch the window's own deactivation.
        self._window = workspace.dialog_parent()
        self._window.installEventFilter(self)
        # Closing a tab (saved, discarded or unmodified) ends its need for a copy. Not
        # its destruction: at an exit without questions the tabs go, their copies stay.
        workspace.signals.document_closing.connect(lambda tab: self._remove(tab.recovery_id))

    @property
    def store(self) -> RecoveryStore:
        """Where the copies go (opened on first use)."""
        # The offer of recovery right after the first paint opens it, or the first copy:
        # the window shows before the recovery store (and psutil) is imported.
        if self._store is None:
            from assistant.storage.recovery import RecoveryStore

            self._store = RecoveryStore()
        return self._store

    # -- configuration --------------------------------------------------------------------

    @property
    def interval_s(self) -> float:
        """Seconds between two autosave rounds."""
        return self._timer.interval() / 1000

    def set_interval(self, seconds: float) -> None:
        """Autosave every `seconds` (tests use ~1 s; the settings allow 5..3600)."""
        self._timer.start(max(50, int(seconds * 1000)))

    def track(self, tab: DocumentTab) -> None:
        """Follow a newly added tab: drop its copy once it is saved or closed."""
        tab.editor.document().modificationChanged.connect(
            lambda modified, t=tab: self._on_modification(t, modified)
        )

    # -- writing --------------------------------------------------------------------------

    def autosave_now(self, reason: str = "now") -> int:
        """Write a copy of every document whose text changed since its last copy."""
        written = 0
        if self._closed:
            return 0  # closed normally: every document was saved or discarded
        for tab in self.ws.documents():
            if tab.loading or not tab.modified:
                continue
            revision = tab.editor.document().revision()
            if self._written.get(tab.recovery_id) == revision:
                continue
            if self._write(tab):
                self._written[tab.recovery_id] = revision
                written += 1
        self.autosaved.emit(written, reason)
        return written

    def save_copy(self, tab: DocumentTab) -> bool:
        """Write `tab`'s copy now, whatever its state (used right after a restore)."""
        ok = self._write(tab)
        if ok:
            self._written[tab.recovery_id] = tab.editor.document().revision()
        return ok

    def _write(self, tab: DocumentTab) -> bool:
        fmt = tab.format
        text = tab.editor.toPlainText()
        extra = {"encoding": fmt.encoding, "newline": fmt.newline, "bom": fmt.bom}
        extra |= {name: keep(text) for name, keep in tab.recovery_extras.items()}
        try:
            self.store.write(
                tab.recovery_id,
                text,
                str(tab.path) if tab.path else None,
                tab.display_name,
                extra,
                base=tab.signature,  # a restore can tell whether the file changed since
            )
        except (OSError, ValueError) as exc:
            reason = translated((exc.strerror if isinstance(exc, OSError) else None) or exc)
            message = self.tr("Autosave failed: %1. Save your work to keep it safe.").replace(
                "%1", reason
            )
            log.warning("autosave of %s failed: %s", tab.display_name, exc)
            if message != self._last_error:  # once per distinct problem, not every 30 s
                self._last_error = message
                self.ws.notify(message, error=True)
            return False
        self._last_error = ""
        return True

    # -- removing -------------------------------------------------------------------------

    def forget(self, tab: DocumentTab) -> None:
        """Remove `tab`'s copy (its changes were discarded); a later edit writes a new one."""
        self._remove(tab.recovery_id)

    def flush_for_exit(self) -> int:
        """The process ends without a normal close: write every modified document's copy now.

        After a normal close (documents saved or discarded) there is nothing to keep.
        """
        return self.autosave_now("exit")

    def window_closing(self) -> None:
        """The window closes normally (every document saved or discarded): drop all copies."""
        self._closed = True
        self._timer.stop()
        for tab in self.ws.documents():
            self._remove(tab.recovery_id)

    def _remove(self, doc_id: str) -> None:
        self._written.pop(doc_id, None)
        if self._store is None:
            # Never opened: no copy was written or restored here, and opening it now
            # would create the folder again (after "Delete all my data", say).
            return
        try:
            self.store.remove(doc_id)
        except OSError as exc:  # a stale copy is offered again at start: harmless
            log.warning("could not remove recovery copy %s: %s", doc_id, exc)

    def _on_modification(self, tab: DocumentTab, modified: bool) -> None:
        # Back at the saved state (save, or undo to it): the file holds this text.
        if not modified and not tab.loading:
            self._remove(tab.recovery_id)

    # -- focus loss -------------------------------------------------------------------------

    def _on_app_state(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self.autosave_now("focus")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Autosave when the window stops being the active one."""
        if watched is self._window and event.type() == QEvent.Type.WindowDeactivate:
            self.autosave_now("focus")
        return False
