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
    monkeypatch.setattr(threads, "_last_sample", None)
    threads._others_busy_cores()
    # Spin on this thread: that is our own CPU time, not another program's.
    import time

    end = time.monotonic() + 0.4
    while time.monotonic() < end:
        pass
    assert threads._others_busy_cores() < 0.9
