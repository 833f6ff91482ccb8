"""GenerationController + GenerationWorker with a FakeBackend: ids, queue, cancel, errors."""

from __future__ import annotations

import threading

import pytest

from assistant.engine.backend import EngineError, FakeBackend
from assistant.engine.generation_result import GenerationResult
from assistant.tasks.types import TaskSpec
from assistant.ui.generation.controller import REPLACE, GenerationController

SPEC = TaskSpec(kind="continue", text="The harbour was quiet. ")


def test_submit_streams_chunks_and_finishes(qtbot, controller, fake: FakeBackend) -> None:
    fake.enqueue("the boats came home")
    chunks: list[str] = []
    prompts: list[tuple[str, bool]] = []
    job = controller.submit(SPEC)
    job.chunk.connect(chunks.append)
    job.prompt_built.connect(lambda *args: prompts.append(args))
    with qtbot.waitSignal(job.finished, timeout=5000) as blocker:
        pass
    (result,) = blocker.args
    assert isinstance(result, GenerationResult)
    assert result.text == "the boats came home"
    assert "".join(chunks) == "the boats came home"
    assert prompts and "harbour" in prompts[0][0]
    assert job.done
    assert result.stats.stop_reason == "eos"
    assert fake.requests[-1].task == "continue"


def test_chunks_are_coalesced(qtbot, controller, fake: FakeBackend) -> None:
    fake.enqueue(" ".join(["word"] * 200))  # 200 pieces with no delay
    chunks: list[str] = []
    job = controller.submit(SPEC.__class__(kind="continue", text="x", sampling=None))
    job.chunk.connect(chunks.append)
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert len(chunks) < 20, len(chunks)


def test_cancel_stops_within_a_token(qtbot, controller, fake: FakeBackend) -> None:
    fake.delay_s = 0.05
    fake.enqueue(" ".join(["slow"] * 100))
    job = controller.submit(SPEC)
    with qtbot.waitSignal(job.chunk, timeout=5000):
        pass
    with qtbot.waitSignal(job.finished, timeout=2000) as blocker:
        job.cancel()
    result = blocker.args[0]
    assert result.cancelled
    assert fake.cancelled_count == 1
    assert result.stats.generated_tokens < 10


def test_queue_policy_runs_in_order_and_reports_position(qtbot, controller, fake) -> None:
    fake.delay_s = 0.01
    fake.enqueue("one", "two", "three")
    positions: list[tuple[int, int]] = []
    done: list[tuple[int, str]] = []
    controller.queued.connect(lambda rid, pos: positions.append((rid, pos)))
    controller.finished.connect(lambda rid, res: done.append((rid, res.text)))
    ids = [controller.submit(SPEC).id for _ in range(3)]
    qtbot.waitUntil(lambda: len(done) == 3, timeout=5000)
    assert done == [(ids[0], "one"), (ids[1], "two"), (ids[2], "three")]
    assert (ids[1], 1) in positions and (ids[2], 2) in positions


def test_replace_policy_cancels_running(qtbot, fake: FakeBackend) -> None:
    fake.delay_s = 0.05
    fake.enqueue(" ".join(["long"] * 100), "short")
    ctl = GenerationController(lambda *_a: fake, policy=REPLACE)
    try:
        done: dict[int, GenerationResult] = {}
        ctl.finished.connect(lambda rid, res: done.__setitem__(rid, res))
        first_job = ctl.submit(SPEC)
        first = first_job.id
        with qtbot.waitSignal(first_job.chunk, timeout=5000):
            pass
        second = ctl.submit(SPEC).id
        qtbot.waitUntil(lambda: second in done, timeout=5000)
        assert done[first].cancelled
        assert done[second].text == "short"
    finally:
        assert ctl.shutdown()


def test_engine_error_becomes_failed_message(qtbot, controller, fake: FakeBackend) -> None:
    fake.fail_with = "The model ran out of memory."
    with qtbot.waitSignal(controller.failed, timeout=5000) as blocker:
        job = controller.submit(SPEC)
    assert blocker.args == [job.id, "The model ran out of memory."]
    # The worker survives and serves the next request.
    with qtbot.waitSignal(controller.finished, timeout=5000):
        controller.submit(SPEC)


def test_empty_document_gives_readable_message(qtbot, controller) -> None:
    with qtbot.waitSignal(controller.failed, timeout=5000) as blocker:
        controller.submit(TaskSpec(kind="continue", text="   "))
    assert "empty" in blocker.args[1].lower()
    assert "Error" not in blocker.args[1]


def test_alternatives_report_progress(qtbot, controller, fake: FakeBackend) -> None:
    fake.enqueue("a sea", "a sky", "a road")
    steps: list[tuple[int, int]] = []
    with qtbot.waitSignal(controller.finished, timeout=5000) as blocker:
        job = controller.submit(SPEC, alternatives=3)
        job.progress.connect(lambda part, of: steps.append((part, of)))
    assert blocker.args[1].alternatives == ["a sea", "a sky", "a road"]
    assert steps == [(1, 3), (2, 3), (3, 3)]
    seeds = {r.sampling.seed for r in fake.requests}
    assert len(seeds) == 3


def test_load_failure_is_reported_and_requests_fail_readably(qtbot) -> None:
    def factory(*_args):
        raise EngineError("No model file at /nowhere.gguf")

    ctl = GenerationController(factory)
    try:
        with qtbot.waitSignal(ctl.model_failed, timeout=5000) as blocker:
            ctl.load_model("/nowhere.gguf", "cpu")
        assert blocker.args == ["No model file at /nowhere.gguf"]
        with qtbot.waitSignal(ctl.failed, timeout=5000) as failed:
            ctl.submit(SPEC)
        assert "/nowhere.gguf" in failed.args[1]
    finally:
        assert ctl.shutdown()


def test_model_loads_lazily_on_first_request(qtbot, fake: FakeBackend) -> None:
    calls: list[tuple] = []

    def factory(spec, progress):
        on_main = threading.current_thread() is threading.main_thread()
        calls.append((spec.kind, spec.model, spec.device, on_main))
        progress(0.5, "halfway")
        return fake

    ctl = GenerationController(factory)
    try:
        with qtbot.waitSignal(ctl.finished, timeout=5000):
            ctl.submit(SPEC)
        assert calls == [("local", None, "auto", False)]  # loaded on the worker thread
    finally:
        assert ctl.shutdown()


def test_shutdown_mid_generation_is_clean(qtbot, fake: FakeBackend, capfd) -> None:
    fake.delay_s = 0.05
    fake.enqueue(" ".join(["slow"] * 200))
    ctl = GenerationController(lambda *_a: fake)
    job = ctl.submit(SPEC)
    with qtbot.waitSignal(job.chunk, timeout=5000):
        pass
    assert ctl.shutdown(timeout_ms=2000)
    assert fake.cancelled_count == 1
    assert "Destroyed while thread" not in capfd.readouterr().err


@pytest.mark.parametrize("bad", ["sideways"])
def test_unknown_policy_rejected(bad: str) -> None:
    with pytest.raises(ValueError):
        GenerationController(lambda *_a: FakeBackend(), policy=bad)


def test_background_jobs_do_not_make_the_controller_foreground_busy(
    qtbot, controller, fake: FakeBackend
) -> None:
    fake.delay_s = 0.02
    fake.enqueue(" ".join(["soft"] * 50), "loud")
    changes: list[bool] = []
    controller.foreground_busy_changed.connect(changes.append)
    suggestion = controller.submit(SPEC, background=True)
    assert controller.busy and not controller.foreground_busy
    request = controller.submit(SPEC)
    assert controller.foreground_busy
    suggestion.cancel()
    with qtbot.waitSignal(request.finished, timeout=5000):
        pass
    assert changes == [True, False]


def test_jobs_never_see_each_others_chunks(qtbot, controller, fake: FakeBackend) -> None:
    fake.enqueue("first answer", "second answer")
    seen: dict[str, list[str]] = {"a": [], "b": []}
    a = controller.submit(SPEC)
    b = controller.submit(SPEC)
    a.chunk.connect(seen["a"].append)
    b.chunk.connect(seen["b"].append)
    with qtbot.waitSignal(b.finished, timeout=5000):
        pass
    assert "".join(seen["a"]) == "first answer"
    assert "".join(seen["b"]) == "second answer"
