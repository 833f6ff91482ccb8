"""Hub downloads on their own QThread (never the generation worker: a download can take
hours and the writer keeps generating meanwhile).
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from assistant.ui.shell.i18n import translated


class _DownloadWorker(QObject):
    """Runs `engine.hub.download` on the download thread."""

    progress = Signal(object, object, str)  # bytes done, bytes total, file name
    finished = Signal(str, object)  # repo id, Path to load
    failed = Signal(str, str, bool)  # repo id, message, cancelled

    def __init__(self, cancel: threading.Event) -> None:
        super().__init__()
        self._cancel = cancel

    @Slot(str, str, str)
    def download(self, repo_id: str, filename: str, endpoint: str) -> None:
        """Fetch, verify and place the files; always ends in finished or failed."""
        from assistant.engine import hub

        try:
            path = hub.download(
                repo_id,
                filename=filename or None,
                endpoint=endpoint or None,
                progress=lambda done, total, name: self.progress.emit(done, total, name),
                cancel=self._cancel,
            )
        except hub.DownloadCancelled as exc:
            self.failed.emit(repo_id, translated(exc), True)
        except hub.DownloadError as exc:
            self.failed.emit(repo_id, translated(exc), False)
        except Exception as exc:  # a bug must reach the dialog, not kill the thread silently
            self.failed.emit(repo_id, f"{type(exc).__name__}: {exc}", False)
        else:
            self.finished.emit(repo_id, Path(path))


class DownloadController(QObject):
    """GUI-side owner of the download thread: start, cancel, and the worker's signals."""

    progress = Signal(object, object, str)
    finished = Signal(str, object)
    failed = Signal(str, str, bool)
    busy_changed = Signal(bool)
    _start = Signal(str, str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._busy = False
        self._thread = QThread()
        self._thread.setObjectName("hub-download")
        self._worker = _DownloadWorker(self._cancel)
        self._worker.moveToThread(self._thread)
        self._start.connect(self._worker.download)
        self._worker.progress.connect(self.progress)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        # The thread runs only while a download does: an idle dialog can be destroyed
        # at any time without "QThread destroyed while running".
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    @property
    def busy(self) -> bool:
        """True while a download runs."""
        return self._busy

    def start(self, repo_id: str, filename: str = "", endpoint: str = "") -> bool:
        """Begin a download; False if one is already running."""
        if self._busy:
            return False
        self._cancel.clear()
        if not self._thread.isRunning():
            self._thread.start()
        self._set_busy(True)
        self._start.emit(repo_id, filename, endpoint)
        return True

    def cancel(self) -> None:
        """Stop at the next received block; the partial file stays for a resume."""
        # Set directly from the GUI thread: the worker is blocked in the transfer loop.
        self._cancel.set()

    def shutdown(self, timeout_ms: int = 15000) -> bool:
        """Cancel and stop the thread; True if it stopped in time."""
        self.cancel()
        self._thread.quit()
        return self._thread.wait(timeout_ms)

    def _on_finished(self, repo_id: str, path: Path) -> None:
        self._thread.quit()
        self._set_busy(False)
        self.finished.emit(repo_id, path)

    def _on_failed(self, repo_id: str, message: str, cancelled: bool) -> None:
        self._thread.quit()
        self._set_busy(False)
        self.failed.emit(repo_id, message, cancelled)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)
