"""A GUI-responsiveness probe: a 10 ms QTimer whose late ticks show freezes.

Used by the tests and `scripts/measure_heartbeat.py`: while the GUI thread is
free, ticks arrive every ~10 ms; a longer gap is how long it was busy.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer


class Heartbeat:
    """Records tick times between `start()` and `stop()` (or as a context manager)."""

    def __init__(self, interval_ms: int = 10) -> None:
        self.ticks: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def start(self) -> None:
        """Begin recording (the start counts as a tick)."""
        self.ticks = [time.perf_counter()]
        self.timer.start()

    def stop(self) -> None:
        """Stop recording (the stop counts as a tick)."""
        self.timer.stop()
        self.ticks.append(time.perf_counter())

    def __enter__(self) -> Heartbeat:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    @property
    def gaps_ms(self) -> list[float]:
        """Milliseconds between consecutive ticks, in order."""
        return [(b - a) * 1000 for a, b in zip(self.ticks, self.ticks[1:], strict=False)]

    @property
    def max_gap_ms(self) -> float:
        """The longest freeze seen."""
        return max(self.gaps_ms, default=0.0)

    @property
    def p99_ms(self) -> float:
        """The 99th-percentile gap."""
        gaps = sorted(self.gaps_ms)
        return gaps[min(len(gaps) - 1, int(0.99 * len(gaps)))] if gaps else 0.0
