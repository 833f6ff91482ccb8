"""Start-up work that waits until the window has been painted once.

A zero timer set while the window is built runs in the event loop's first turn,
before the window is painted (seen on the offscreen platform), so work put there
still keeps the writer waiting for the window. A zero timer set from that turn runs
after the paint: that is where opening databases and importing what only later
commands need belongs.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer


def after_first_paint(work: Callable[[], object]) -> None:
    """Run `work` once the event loop's first turn (the one that paints) is over."""
    QTimer.singleShot(0, lambda: QTimer.singleShot(0, work))
