"""The worker under stress: 500 rapid start/cancel cycles leak no threads and no memory,
and the worker still answers afterwards."""

from __future__ import annotations

import gc
import threading
import time

import psutil

from assistant.engine.backend import FakeBackend
from assistant.tasks.types import TaskSpec
from assistant.ui.generation.controller import GenerationController

CYCLES = 500
SPEC = TaskSpec(kind="continue", text="The harbour was quiet. ")


def test_500_start_cancel_cycles(qtbot) -> None:
    fake = FakeBackend(default_reply=" ".join(["wave"] * 200), delay_s=0.002)
    controller = GenerationController(lambda *_a: fake)
    try:
        with qtbot.waitSignal(controller.model_loaded, timeout=5000):
            controller.load_model(None, "cpu")
        done: list[int] = []
        controller.finished.connect(lambda rid, _res: done.append(rid))
        controller.failed.connect(lambda rid, _msg: done.append(rid))
        # Warm up once so lazy imports and caches are not counted as growth.
        job = controller.submit(SPEC)
        job.cancel()
        qtbot.waitUntil(lambda: job.id in done, timeout=5000)
        gc.collect()
        process = psutil.Process()
        rss_before = process.memory_info().rss
        threads_before = threading.active_count()
        os_threads_before = process.num_threads()  # QThreads included
        started = time.perf_counter()
        for i in range(CYCLES):
            job = controller.submit(SPEC)
            if i % 2:  # half are cancelled at once, half after they began streaming
                qtbot.waitUntil(lambda j=job: controller.running_job is j, timeout=5000)
            job.cancel()
            qtbot.waitUntil(lambda j=job: j.id in done, timeout=5000)
        elapsed = time.perf_counter() - started
        gc.collect()
        rss_after = process.memory_info().rss
        threads_after = threading.active_count()
        os_threads_after = process.num_threads()
        assert not controller.busy
        assert len(set(done)) == CYCLES + 1  # every request ended exactly once
        fake.enqueue("still here")
        with qtbot.waitSignal(controller.finished, timeout=5000) as blocker:
            controller.submit(SPEC)
        assert blocker.args[1].text == "still here"
        growth_mb = (rss_after - rss_before) / 2**20
        print(
            f"\n{CYCLES} start/cancel cycles in {elapsed:.1f} s: RSS {rss_before / 2**20:.1f} -> "
            f"{rss_after / 2**20:.1f} MiB ({growth_mb:+.1f}), Python threads "
            f"{threads_before} -> {threads_after}, OS threads {os_threads_before} -> "
            f"{os_threads_after}, cancelled mid-stream {fake.cancelled_count}"
        )
        assert threads_after == threads_before
        assert growth_mb < 20
        assert os_threads_after <= os_threads_before
    finally:
        assert controller.shutdown()
