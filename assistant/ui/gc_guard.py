"""Cyclic garbage is collected on the GUI thread only.

Python's cyclic collector runs on whichever thread happens to allocate past the
threshold. When that is the generation worker (importing torch or loading a model
allocates a lot) and the garbage holds Qt wrappers made on the GUI thread (a
closed dialog caught in a lambda cycle), Qt objects are destroyed from the wrong
thread and the process crashes with a segmentation fault; a test run showed it
("Garbage-collecting" on the worker, inside `import assistant.engine.loader`).

So automatic collection is switched off and a GUI-thread timer runs the
collector whenever the allocation counters pass the thresholds gc would have used:
the same amount of collecting, always on the right thread.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

_guard: GuiThreadCollector | None = None


class GuiThreadCollector(QObject):
    """Runs `gc.collect` from a GUI-thread timer instead of wherever allocation happens."""

    def __init__(self, interval_ms: int = 500, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        gc.disable()
        self.timer.start()

    def check(self) -> None:
        """Collect the generations whose counters passed their thresholds."""
        counts = gc.get_count()
        generation = -1
        for level in range(3):
            if counts[level] > self.threshold[level]:
                generation = level
        if generation >= 0:
            gc.collect(generation)

    def stop(self) -> None:
        """Give collection back to Python (collecting once here first)."""
        self.timer.stop()
        gc.collect()
        gc.enable()


def install(interval_ms: int = 500) -> GuiThreadCollector:
    """Install the collector once per process (call on the GUI thread, after QApplication)."""
    global _guard
    if _guard is None:
        _guard = GuiThreadCollector(interval_ms)
    return _guard


def uninstall() -> None:
    """Collect now on this thread and let Python collect on its own again (tests)."""
    global _guard
    if _guard is not None:
        _guard.stop()
        _guard.deleteLater()
        _guard = None
