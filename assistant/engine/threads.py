"""How many CPU threads torch uses for prefill and for decode.

Measured on a 2-core machine with the default model (lean decode path, 512-token
context): decode runs 25-27 tokens/s on one thread and 33-42 on two while the
machine is idle, but with one other busy process it holds 26 on one thread and
collapses to 8-10 on two, because each of the few hundred tiny parallel regions
of a step waits for the descheduled thread. Prefill is a few large matrix
products that use every core (512 tokens: 0.95 s on two threads, 1.8 s on one).
So both phases take all physical cores while *other* processes leave them idle
and one core when they do not, and the generator re-checks during long decodes
(`RECHECK_S`), so a program that starts mid-generation costs at most that long.
Our own process's CPU time is subtracted: a load average would count our own
last generation as "busy". `WRITING_ASSISTANT_THREADS="PREFILL,DECODE"` overrides
both.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

#: Seconds between re-checks of the machine's load during one generation.
RECHECK_S = 0.5


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
        return ThreadPlan(prefill=1, decode=1) if busy else ThreadPlan(cores, cores)
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
