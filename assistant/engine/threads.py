"""How many CPU threads torch uses for prefill and for decode.

Measured on a 2-core machine: with two OpenMP threads, a decode step of a small
model is a few hundred tiny parallel regions, and whenever another process (or
the app's own GUI thread) takes a core, every region waits for the descheduled
thread: decode fell from ~8-14 to ~1-2 tokens/s and a 512-token prefill from
~3 s to ~15 s. One thread is immune to that and, for a model this small, loses
little when the machine is idle (19 vs 22 tokens/s measured). Prefill is a few
large matrix products that do use every core (512 tokens: 0.95 s on two threads,
1.8 s on one), so it takes all physical cores while *other* processes leave them
idle, and one core when they do not. Our own process's CPU time is subtracted:
a load average would count our own last generation as "busy".
`WRITING_ASSISTANT_THREADS="PREFILL,DECODE"` overrides both.
"""

from __future__ import annotations

import os
import time
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
    busy = _others_busy_cores() >= 0.5
    if cores <= 2:
        # Decode on one core leaves the other to the GUI thread and the desktop.
        return ThreadPlan(prefill=1 if busy else cores, decode=1)
    return ThreadPlan(prefill=max(1, cores - 1) if busy else cores, decode=min(4, cores - 1))


_last_sample: tuple[float, float, float] | None = None  # (wall, system busy s, own s)
_last_busy = 0.0


def _others_busy_cores() -> float:
    """Cores kept busy by other processes since the previous call (0 if unknown)."""
    global _last_sample, _last_busy
    try:
        import psutil

        times = psutil.cpu_times()
        system_busy = sum(times) - times.idle - getattr(times, "iowait", 0.0)
        own = psutil.Process().cpu_times()
        own_busy = own.user + own.system
    except Exception:  # psutil missing or restricted: assume idle
        return 0.0
    now = time.monotonic()
    previous, _last_sample = _last_sample, (now, system_busy, own_busy)
    if previous is None:
        return _last_busy
    wall = now - previous[0]
    if wall < 0.25:  # too short a window to tell; keep the last verdict
        return _last_busy
    others = (system_busy - previous[1]) - (own_busy - previous[2])
    _last_busy = max(0.0, others / wall)
    return _last_busy
