"""The app lock: File › Lock (Ctrl+L) or N idle minutes hide every document and panel.

Locking stops any generation (the text that arrived stays in the document; nothing
is lost), hides every part of the window and every other window of the app, turns
off every command's shortcut, and shows the lock screen until the passphrase (or
the key remembered in the OS keyring) is given. The lock needs encryption: the
passphrase it asks for is the vault's. Locking only hides: the key stays in memory,
so autosave keeps writing encrypted recovery copies meanwhile.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from assistant.settings import Settings
from assistant.storage import privacy
from assistant.storage.crypto import CryptoError
from assistant.ui.privacy.lock_screen import LockScreen
from assistant.ui.shell.after_paint import after_first_paint
from assistant.ui.shell.i18n import translated

if TYPE_CHECKING:
    from assistant.ui.shell.workspace import Workspace

#: Ctrl+L (Cmd+L on macOS): "lock" in most apps that have a lock.
SHORTCUT = "Ctrl+L"
_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.InputMethod,
}


class AppLock(QObject):
    """Locks and unlocks one workspace's window."""

    #: The window was locked (True) or unlocked (False).
    locked_changed = Signal(bool)

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace.dialog_parent())
        self.ws = workspace
        self.window = workspace.dialog_parent()
        self.screen: LockScreen | None = None
        self._hidden: list[QWidget] = []
        self._disabled: list[QAction] = []
        self._title = ""
        self.action = workspace.action_registry.register(
            "lock", self.tr("&Lock Writing Assistant"), SHORTCUT, menu="file"
        )
        self.action.triggered.connect(self.lock)
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        # Exact: a coarse timer may fire or report up to 5 % (3 s a minute) off.
        self.idle_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.idle_timer.timeout.connect(self._on_idle)
        # An application-wide event filter sees every event of every object, and each
        # one it sees costs a trip into Python: it is installed only while an idle lock
        # is set, and not before the window has been painted once.
        self._watch_wanted = False
        self._watching = False
        self._may_watch = False
        self.apply_settings(workspace.settings)
        workspace.signals.settings_applied.connect(
            lambda _before: self.apply_settings(workspace.settings)
        )
        after_first_paint(self._start_watching)

    @property
    def locked(self) -> bool:
        """True while the lock screen is up."""
        return self.screen is not None

    def apply_settings(self, settings: Settings) -> None:
        """Follow "lock after N idle minutes" (0: only on demand)."""
        minutes = settings.privacy.lock_after_min
        if minutes > 0:
            self.idle_timer.setInterval(minutes * 60_000)
            if not self.locked:
                self.idle_timer.start()
        else:
            self.idle_timer.stop()
        self._watch_activity(minutes > 0)

    def set_idle_interval_ms(self, ms: int) -> None:
        """Lock after `ms` without input (tests use a short one)."""
        self.idle_timer.setInterval(ms)
        self.idle_timer.start()
        self._watch_activity(True)

    def _start_watching(self) -> None:
        self._may_watch = True
        self._watch_activity(self._watch_wanted)

    def _watch_activity(self, on: bool) -> None:
        """Restart the idle clock on input anywhere in the app (on) or stop listening."""
        self._watch_wanted = on
        app = QApplication.instance()
        if app is None or not self._may_watch or on == self._watching:
            return
        self._watching = on
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)

    # -- locking ---------------------------------------------------------------------------

    def lock(self) -> bool:
        """Hide everything behind the lock screen; False (with a note) without encryption."""
        if self.locked:
            return True
        try:
            encrypted = privacy.is_encrypted()
        except CryptoError as exc:
            self.ws.notify(translated(exc), error=True)
            return False
        if not encrypted:
            self.ws.notify(
                self.tr(
                    "The lock uses your passphrase: turn on “Encrypt my data” in Settings › "
                    "Privacy first."
                )
            )
            return False
        self.idle_timer.stop()
        # Stop first: a reply still streaming would otherwise change what is shown.
        self.ws.generation.cancel()
        window = self.window
        for widget in QApplication.topLevelWidgets():
            if widget is not window and widget.isVisible():
                self._hide(widget)  # other windows: dialogs, floating panels, menus
        for child in window.findChildren(
            QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
        ):
            if child.isVisible() and not child.isWindow():
                self._hide(child)
        for action in self.ws.action_registry.by_id.values():
            if action is not self.action and action.isEnabled():
                action.setEnabled(False)  # no shortcut saves, opens or reveals anything
                self._disabled.append(action)
        self.action.setEnabled(False)
        self._title = window.windowTitle()
        window.setWindowTitle(self.tr("Writing Assistant (locked)"))
        window.windowTitleChanged.connect(self._keep_title)
        self.screen = LockScreen(window, privacy.is_remembered())
        self.screen.unlock_requested.connect(self.unlock)
        self.screen.keyring_requested.connect(self.unlock_with_keyring)
        self.screen.setGeometry(window.rect())
        self.screen.show()
        self.screen.raise_()
        self.screen.field.setFocus()
        window.installEventFilter(self)
        self.locked_changed.emit(True)
        return True

    def _hide(self, widget: QWidget) -> None:
        widget.hide()
        self._hidden.append(widget)

    def _keep_title(self, title: str) -> None:
        # The shell renames the window when a document's state changes; not while locked.
        locked_title = self.tr("Writing Assistant (locked)")
        if self.locked and title != locked_title:
            self._title = title
            self.window.setWindowTitle(locked_title)

    # -- unlocking ---------------------------------------------------------------------------

    def unlock(self, passphrase: str) -> bool:
        """Unlock when `passphrase` is right; otherwise say so and stay locked."""
        if not self.locked:
            return True
        problem = self.tr("That passphrase is not right. Try again.")
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            ok = bool(passphrase) and privacy.check_passphrase(passphrase)
        except CryptoError as exc:  # the vault file went missing or was damaged meanwhile
            ok, problem = False, translated(exc)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if not ok:
            assert self.screen is not None
            self.screen.show_problem(problem)
            return False
        self._reveal()
        return True

    def unlock_with_keyring(self) -> bool:
        """Unlock with the key remembered in this computer's keyring."""
        if self.locked and privacy.unlock_from_keyring():
            self._reveal()
            return True
        if self.screen is not None:
            self.screen.show_problem(
                self.tr("The keyring did not give the key. Enter your passphrase.")
            )
        return False

    def _reveal(self) -> None:
        window = self.window
        window.removeEventFilter(self)
        window.windowTitleChanged.disconnect(self._keep_title)
        if self.screen is not None:
            self.screen.hide()
            self.screen.deleteLater()
            self.screen = None
        window.setWindowTitle(self._title)
        for widget in self._hidden:
            widget.show()
        self._hidden.clear()
        for action in self._disabled:
            action.setEnabled(True)
        self._disabled.clear()
        self.action.setEnabled(True)
        editor = self.ws.current_editor()
        if editor is not None:
            editor.setFocus()
        if self.ws.settings.privacy.lock_after_min > 0:
            self.idle_timer.start()
        self.locked_changed.emit(False)

    # -- idle time and resizing ------------------------------------------------------------

    def _on_idle(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.windowModality() == Qt.WindowModality.ApplicationModal:
            self.idle_timer.start()  # a question is open: hiding it would answer it
            return
        self.lock()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Restart the idle clock on input; keep the lock screen the window's size."""
        kind = event.type()
        if kind in _ACTIVITY and self.idle_timer.isActive():
            self.idle_timer.start()
        elif kind == QEvent.Type.Resize and watched is self.window and self.screen is not None:
            self.screen.setGeometry(self.window.rect())
        return False


def install(workspace: Workspace) -> AppLock:
    """Add the app lock to the workspace."""
    return AppLock(workspace)
