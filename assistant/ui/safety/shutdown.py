"""SIGTERM, logout and system shutdown write recovery copies before the app goes.

A desktop session ending, `kill`, or a service manager stopping the app gives it a
moment to exit: that moment writes a recovery copy of every modified document, so
what was typed since the last autosave is offered back at the next start.

Python runs a signal handler only when the interpreter gets control; the Qt event
loop is C++, so a pipe (a socket pair on Windows) is the wake-up line
(`signal.set_wakeup_fd`): the signal writes a byte, a QSocketNotifier wakes the
loop, the handler runs at once.
"""

from __future__ import annotations

import contextlib
import os
import signal
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
        self._line = _WakeupLine()
        self._previous_fd = signal.set_wakeup_fd(self._line.write_fd)
        self._notifier = QSocketNotifier(self._line.read_fd, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._previous = {sig: signal.signal(sig, self._on_signal) for sig in EXIT_SIGNALS}
        # Logout or shutdown: the session manager asks every app to save its data.
        app.commitDataRequest.connect(lambda _manager: self._flush())
        app.aboutToQuit.connect(self._flush)

    def _drain(self) -> None:
        # The byte only woke the loop; the Python handler has run (or runs now).
        self._line.drain()

    def _on_signal(self, _signum: int, _frame: object) -> None:
        self._flush()
        self._leave()

    def uninstall(self) -> None:
        """Put the previous handlers back (tests, and a second window in one process)."""
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._line.close()


class _WakeupLine:
    """Two non-blocking ends a signal can write to: a pipe, or a socket pair on Windows.

    The pipe spares importing `socket` before the window is shown (~2 ms).
    """

    def __init__(self) -> None:
        if os.name == "nt":  # set_wakeup_fd takes only a socket there
            import socket

            self._sockets = socket.socketpair()
            for end in self._sockets:
                end.setblocking(False)
            self.read_fd, self.write_fd = (end.fileno() for end in self._sockets)
        else:
            self._sockets = None
            self.read_fd, self.write_fd = os.pipe()
            for fd in (self.read_fd, self.write_fd):
                os.set_blocking(fd, False)

    def drain(self) -> None:
        """Read the wake-up bytes (the handler itself has run, or runs now)."""
        with contextlib.suppress(OSError):
            if self._sockets is not None:
                self._sockets[0].recv(64)
            else:
                os.read(self.read_fd, 64)

    def close(self) -> None:
        """Close both ends."""
        if self._sockets is not None:
            for end in self._sockets:
                end.close()
        else:
            os.close(self.read_fd)
            os.close(self.write_fd)
