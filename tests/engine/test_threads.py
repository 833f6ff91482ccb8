"""The CPU thread plan: an override wins; a busy 2-core machine gets one thread."""

from __future__ import annotations

from assistant.engine import threads


def test_override_sets_both_phases(monkeypatch):
    monkeypatch.setenv("WRITING_ASSISTANT_THREADS", "3,2")
    assert threads.thread_plan() == threads.ThreadPlan(prefill=3, decode=2)


def test_two_core_machine_uses_one_thread_only_when_others_are_busy(monkeypatch):
    monkeypatch.delenv("WRITING_ASSISTANT_THREADS", raising=False)
    monkeypatch.setattr(threads, "physical_cores", lambda: 2)
    monkeypatch.setattr(threads, "_others_busy_cores", lambda: 0.0)
    assert threads.thread_plan() == threads.ThreadPlan(prefill=2, decode=2)
    monkeypatch.setattr(threads, "_others_busy_cores", lambda: 1.2)
    assert threads.thread_plan() == threads.ThreadPlan(prefill=1, decode=1)


def test_busy_measure_subtracts_our_own_work(monkeypatch):
    # Fake clocks, so other programs on the test machine cannot change the verdict.
    import types

    import psutil

    clock = {"wall": 100.0, "system": 50.0, "own": 10.0}

    def own_process():
        times = types.SimpleNamespace(user=clock["own"], system=0.0)
        return types.SimpleNamespace(cpu_times=lambda: times)

    monkeypatch.setattr(psutil, "cpu_times", lambda: _Times(clock["system"]))
    monkeypatch.setattr(psutil, "Process", own_process)
    monkeypatch.setattr(threads, "time", types.SimpleNamespace(monotonic=lambda: clock["wall"]))
    monkeypatch.setattr(threads, "_last_sample", None)
    monkeypatch.setattr(threads, "_last_busy", 0.0)
    threads._others_busy_cores()
    # One second in which this process kept one core busy and nothing else ran.
    clock.update(wall=101.0, system=51.0, own=11.0)
    assert threads._others_busy_cores() == 0.0
    # The next second another program kept a core 80% busy beside our one.
    clock.update(wall=102.0, system=52.8, own=12.0)
    assert abs(threads._others_busy_cores() - 0.8) < 1e-9
    # Too short a window keeps the last verdict rather than guess.
    clock.update(wall=102.1, system=52.9, own=12.0)
    assert abs(threads._others_busy_cores() - 0.8) < 1e-9


class _Times(tuple):
    """psutil.cpu_times(): a sequence of seconds with named fields."""

    def __new__(cls, busy: float):
        return super().__new__(cls, (busy, 1000.0))

    idle = property(lambda self: 1000.0)
    iowait = property(lambda self: 0.0)
