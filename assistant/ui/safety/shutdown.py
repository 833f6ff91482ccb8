"""SIGTERM, logout and system shutdown write recovery copies before the app goes.

A desktop session ending, `kill`, or a service manager stopping the app gives it a
moment to exit: that moment writes a recovery copy of every modified document, so
what was typed since the last autosave is offered back at the next start.

Python runs a signal handler only when the interpreter gets control; the Qt event
loop is C++, so a socket pair is the wake-up line (`signal.set_wakeup_fd`): the
signal writes a byte, a QSocketNotifier wakes the loop, the handler runs at once.
"""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier
from PySide6.QtGui import QGuiApplication

#: Signals that mean "please exit" (SIGHUP: the terminal or session went away).
EXIT_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name)
)


class ShutdownGuard(QObject):
    """Calls `flush` before the process is ended from outside, then `leave` on a signal."""

    def __init__(
        self, app: QGuiApplication, flush: Callable[[], None], leave: Callable[[], None]
    ) -> None:
        super().__init__(app)
        self._flush, self._leave = flush, leave
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._previous = {sig: signal.signal(sig, self._on_signal) for sig in EXIT_SIGNALS}
        # Logout or shutdown: the session manager asks every app to save its data.
        app.commitDataRequest.connect(lambda _manager: self._flush())
        app.aboutToQuit.connect(self._flush)

    def _drain(self) -> None:
        # The byte only woke the loop; the Python handler has run (or runs now).
        with contextlib.suppress(OSError):
            self._reader.recv(64)

    def _on_signal(self, _signum: int, _frame: object) -> None:
        self._flush()
        self._leave()

    def uninstall(self) -> None:
        """Put the previous handlers back (tests, and a second window in one process)."""
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()
