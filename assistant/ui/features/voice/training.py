"""Voice training on its own QThread (never the GUI thread, never the generation worker).

Training takes minutes; the writer keeps writing and generating meanwhile. The worker
object lives on the training thread and calls `engine.voice_training.train_voice`;
pause and cancel are `threading.Event`s set directly from the GUI thread, because the
worker's event loop is blocked inside the training loop (as in `generation/controller`).
The engine is imported on the worker thread only, so the window never imports torch.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)


class _TrainingWorker(QObject):
    """Runs one training at a time on the training thread."""

    progress = Signal(object)  # engine.voice_training.TrainProgress
    finished = Signal(object)  # TrainResult
    failed = Signal(str, bool)  # message, cancelled

    def __init__(self, cancel: threading.Event, pause: threading.Event) -> None:
        super().__init__()
        self._cancel = cancel
        self._pause = pause

    @Slot(str, object, object)
    def train(self, name: str, texts: list[str], model: str | None) -> None:
        """Train and store a voice; always ends in finished or failed."""
        from assistant.engine.backend import EngineError
        from assistant.engine.voice_training import TrainingCancelled, train_voice
        from assistant.storage.crypto import CryptoError
        from assistant.storage.voices import VoiceError

        try:
            result = train_voice(
                name,
                texts,
                model=model,
                progress=self.progress.emit,
                cancel=self._cancel,
                pause=self._pause,
            )
        except TrainingCancelled as exc:
            self.failed.emit(str(exc), True)
        except (EngineError, ValueError, VoiceError, CryptoError) as exc:
            self.failed.emit(str(exc), False)
        except MemoryError:
            self.failed.emit("Not enough memory to learn a voice now; close other programs.", False)
        except Exception as exc:  # a bug must reach the writer as text, not kill the thread
            log.exception("voice training failed")
            self.failed.emit(f"{type(exc).__name__}: {exc}", False)
        else:
            self.finished.emit(result)


class TrainingController(QObject):
    """GUI-side owner of the training thread: start, pause, resume, cancel."""

    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(str, bool)
    busy_changed = Signal(bool)
    _start = Signal(str, object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._pause = threading.Event()
        self._busy = False
        self._thread = QThread()
        self._thread.setObjectName("voice-training")
        self._worker = _TrainingWorker(self._cancel, self._pause)
        self._worker.moveToThread(self._thread)
        self._start.connect(self._worker.train)
        self._worker.progress.connect(self.progress)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    @property
    def busy(self) -> bool:
        """True while a training runs (paused included)."""
        return self._busy

    @property
    def paused(self) -> bool:
        """True while the writer has paused the training."""
        return self._pause.is_set()

    def start(self, name: str, texts: list[str], model: str | None) -> bool:
        """Begin training a voice; False if one is already being trained."""
        if self._busy:
            return False
        self._cancel.clear()
        self._pause.clear()
        if not self._thread.isRunning():
            self._thread.start()
        self._set_busy(True)
        self._start.emit(name, list(texts), model)
        return True

    def pause(self) -> None:
        """Stop after the current step until `resume` (the CPU is free meanwhile)."""
        self._pause.set()

    def resume(self) -> None:
        """Carry on after `pause`."""
        self._pause.clear()

    def cancel(self) -> None:
        """Stop at the next step; nothing is stored."""
        self._cancel.set()
        self._pause.clear()

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        """Cancel and stop the thread; True if it stopped in time."""
        self.cancel()
        self._thread.quit()
        return bool(self._thread.wait(timeout_ms))

    def _on_finished(self, result: Any) -> None:
        self._thread.quit()
        self._set_busy(False)
        self.finished.emit(result)

    def _on_failed(self, message: str, cancelled: bool) -> None:
        self._thread.quit()
        self._set_busy(False)
        self.failed.emit(message, cancelled)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)
