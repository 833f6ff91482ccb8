"""Work-around for a PySide6 bug, applied once on `import assistant.ui`.

PySide6/shiboken 6.12.0 treats `None`, `True` and `False` as immortal objects, as
they are since Python 3.12: void methods (`processEvents()`, `insertText()`,
`setPosition()` ...) return `None` and `SignalInstance.emit()` returns `True`
without taking a reference. On Python 3.11 every such call drops one reference,
and after a few thousand calls CPython deallocates `None` or `True` and aborts
("Fatal Python error: none_dealloc"). We probe for the leak and, if present, give
those singletons so many extra references that no process can exhaust them (which
is exactly what immortality means in Python 3.12).
"""

from __future__ import annotations

import ctypes
import sys

_PROBE_CALLS = 64
_PINNED_REFS = 1 << 40


def _leaks() -> bool:
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(_PROBE_CALLS):
        probe.setObjectName("probe")  # a void method: returns None
        probe.ping.emit()  # returns True
    # Unrelated code may take or drop a reference meanwhile; the leak is one per call.
    lost_none = none_before - sys.getrefcount(None)
    lost_true = true_before - sys.getrefcount(True)
    return max(lost_none, lost_true) >= _PROBE_CALLS // 2


def apply() -> bool:
    """Pin None/True/False if PySide6 leaks references to them; returns whether it did."""
    if sys.version_info >= (3, 12) or not _leaks():
        return False
    for singleton in (None, True, False, Ellipsis, NotImplemented):
        # ob_refcnt is the first field of every CPython object (non-debug builds).
        ctypes.c_ssize_t.from_address(id(singleton)).value += _PINNED_REFS
    return True
