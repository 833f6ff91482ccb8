"""How many CPU threads torch uses for prefill and for decode.

Measured on a 2-core machine: with two OpenMP threads, a decode step of a small
model is a few hundred tiny parallel regions, and whenever another process (or
the app's own GUI thread) takes a core, every region waits for the descheduled
thread: decode fell from ~8-14 to ~1-2 tokens/s and a 512-token prefill from
~3 s to ~15 s. One thread is immune to that and, for a model this small, loses
little when the machine is idle. Prefill is a few large matrix products that do
use every core, so it takes all physical cores while the machine is otherwise
idle (1-minute load average below cores - 0.5) and one when it is busy.
`WRITING_ASSISTANT_THREADS="PREFILL,DECODE"` overrides both.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class ThreadPlan:
    """Thread counts for the two phases of a generation."""

    prefill: int
    decode: int


def physical_cores() -> int:
    """Physical CPU cores (logical count as a fallback)."""
    try:
        import psutil

        count = psutil.cpu_count(logical=False)
    except Exception:  # psutil missing or the platform hides topology
        count = None
    return max(1, count or os.cpu_count() or 1)


def thread_plan() -> ThreadPlan:
    """The thread counts to use on this machine."""
    override = os.environ.get("WRITING_ASSISTANT_THREADS", "").strip()
    if override:
        try:
            prefill, decode = (int(v) for v in override.split(","))
            return ThreadPlan(max(1, prefill), max(1, decode))
        except ValueError:
            pass
    cores = physical_cores()
    busy = _load_average() >= cores - 0.5
    if cores <= 2:
        # Decode on one core leaves the other to the GUI thread and the desktop.
        return ThreadPlan(prefill=1 if busy else cores, decode=1)
    return ThreadPlan(prefill=max(1, cores - 1) if busy else cores, decode=min(4, cores - 1))


def _load_average() -> float:
    try:
        return os.getloadavg()[0]
    except (OSError, AttributeError):  # Windows has no load average
        return 0.0
