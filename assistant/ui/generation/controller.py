"""The one bridge between the GUI and the engine: a worker QObject on a QThread.

`GenerationWorker` (`worker.py`) lives on its own QThread, owns the one resident
`Backend` and runs each request through `assistant.engine.pipeline` (the same pipeline
as the CLI). `GenerationController` lives on the GUI thread, owns the thread and the
worker, queues (or replaces) requests and cancels them by setting a `threading.Event`
directly: the worker's event loop is blocked inside the generation, so a queued
"cancel" slot would only run after it had finished.

`submit()` returns a `GenerationJob` whose own signals carry that request's prompt,
chunks, progress and outcome; the controller routes the worker's signals to the job
once, so no feature filters request ids. Every job ends with exactly one `finished`
or `failed`. Nothing here imports torch: the default backend factory imports the
engine loader lazily, on the worker thread.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal

from assistant.engine.backend import Backend, ModelInfo
from assistant.engine.generation_result import GenerationResult
from assistant.engine.registry import BackendSpec
from assistant.tasks.types import GenerationStats, TaskSpec
from assistant.ui.generation.job import GenerationJob
from assistant.ui.generation.worker import BackendFactory, GenerationWorker, ProgressCallback

log = logging.getLogger(__name__)

#: Adjusts a request before it is queued: (spec, background) -> spec.
SpecFilter = Callable[[TaskSpec, bool], TaskSpec]

QUEUE = "queue"
REPLACE = "replace"


def default_backend_factory(spec: BackendSpec, progress: ProgressCallback) -> Backend:
    """Open a model through the engine registry (a local one imports torch: worker thread)."""
    from assistant.engine.registry import open_backend

    return open_backend(spec, progress)


def as_spec(model: str | BackendSpec | None, device: str = "auto") -> BackendSpec:
    """A spec for a local model path (None: the built-in one), or the spec itself."""
    if isinstance(model, BackendSpec):
        return model
    return BackendSpec(kind="local", model=model or None, device=device or "auto")


class GenerationController(QObject):
    """GUI-thread owner of the worker thread: jobs, queue/replace policy, cancel, shutdown."""

    model_loading = Signal(float, str)
    model_loaded = Signal(object)
    model_failed = Signal(str)
    #: A job was submitted (GenerationJob); inline suggestions step aside for others.
    submitted = Signal(object)
    #: For observers (status bar, tests); features use their job's own signals.
    started = Signal(int)  # request id: the worker began it
    queued = Signal(int, int)  # request id, position in the queue (1 = next)
    finished = Signal(int, object)  # request id, GenerationResult
    failed = Signal(int, str)  # request id, message
    busy_changed = Signal(bool)
    #: Busy with something the writer asked for (not a background suggestion).
    foreground_busy_changed = Signal(bool)

    # Private requests to the worker; queued connections cross the thread.
    _load_requested = Signal(object)
    _run_requested = Signal(int, object, int, bool, object)
    _close_requested = Signal()

    def __init__(
        self,
        backend_factory: BackendFactory | None = None,
        policy: str = QUEUE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if policy not in (QUEUE, REPLACE):
            raise ValueError(f"policy must be {QUEUE!r} or {REPLACE!r}")
        self.policy = policy
        self.model_info: ModelInfo | None = None
        #: The model most recently asked for (it may still be loading, or have failed).
        self.spec = BackendSpec()
        self._next_id = 1
        self._spec_filters: list[SpecFilter] = []
        self._running: GenerationJob | None = None
        self._queue: deque[GenerationJob] = deque()
        self._was_busy = (False, False)
        self._thread = QThread()
        self._thread.setObjectName("generation-worker")
        self._worker = GenerationWorker(backend_factory or default_backend_factory)
        self._worker.moveToThread(self._thread)
        self._thread.finished.connect(self._worker.deleteLater)

        self._load_requested.connect(self._worker.load_model)
        self._run_requested.connect(self._worker.run)
        self._close_requested.connect(self._worker.close_backend)
        w = self._worker
        w.model_loading.connect(self.model_loading)
        w.model_loaded.connect(self._on_model_loaded)
        w.model_failed.connect(self.model_failed)
        w.prompt_built.connect(self._on_prompt_built)
        w.chunk.connect(self._on_chunk)
        w.reset.connect(self._on_reset)
        w.retry.connect(self._on_retry)
        w.progress.connect(self._on_progress)
        w.finished.connect(self._on_finished)
        w.failed.connect(self._on_failed)
        self._thread.start()

    # -- public API -------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """True while a request runs or waits."""
        return self._running is not None or bool(self._queue)

    @property
    def foreground_busy(self) -> bool:
        """True while a request the writer made (not a background suggestion) runs or waits."""
        jobs = ([self._running] if self._running else []) + list(self._queue)
        return any(not job.background for job in jobs)

    @property
    def running_job(self) -> GenerationJob | None:
        """The job the worker is on, if any."""
        return self._running

    def load_model(self, model: str | BackendSpec | None = None, device: str = "auto") -> None:
        """Load a model on the worker thread (progress and outcome arrive as signals).

        `model` is a `BackendSpec` (a local model or a server), or a local model path
        (None: the built-in model) to run on `device`.
        """
        self.spec = as_spec(model, device)
        self._load_requested.emit(self.spec)

    def submit(
        self,
        spec: TaskSpec,
        alternatives: int = 1,
        *,
        background: bool = False,
        raw_stream: bool = False,
    ) -> GenerationJob:
        """Queue a request and return its job; with policy "replace" it stops the others.

        `background` marks work the writer did not ask for (inline suggestions): it does
        not light the Stop button. `raw_stream` delivers the model's deltas unfiltered.
        """
        if self.policy == REPLACE:
            self.cancel()
        for adjust in self._spec_filters:
            spec = adjust(spec, background)
        job = GenerationJob(
            self._next_id, spec, max(1, int(alternatives)), background, raw_stream, self.cancel
        )
        self._next_id += 1
        self._queue.append(job)
        self.submitted.emit(job)
        if self._running is None:
            self._dispatch()
        else:
            self._queued(job, len(self._queue))
        self._update_busy()
        return job

    def add_spec_filter(self, adjust: SpecFilter) -> None:
        """Let a feature adjust every request before it is queued (the writer's examples)."""
        self._spec_filters.append(adjust)

    def cancel(self, job: GenerationJob | None = None) -> None:
        """Stop one job (or all with None) now; the running one stops within a token."""
        for waiting in list(self._queue):
            if job is None or waiting is job:
                self._queue.remove(waiting)
                self._end(waiting, GenerationResult(stats=GenerationStats(stop_reason="cancelled")))
        running = self._running
        if running is not None and (job is None or running is job):
            # Set directly from the GUI thread: the worker is blocked in generation.
            running.cancel_event.set()
        self._update_busy()

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Stop everything and join the thread; False if it did not stop in time."""
        if not self._thread.isRunning():
            return True
        self._queue.clear()
        if self._running is not None:
            self._running.cancel_event.set()
        self._worker.abort.set()
        self._close_requested.emit()
        self._thread.quit()
        stopped = self._thread.wait(timeout_ms)
        if not stopped:
            log.warning("generation thread did not stop within %d ms", timeout_ms)
        return bool(stopped)

    # -- routing the worker's signals to jobs ----------------------------------------------

    def _dispatch(self) -> None:
        if self._running is not None or not self._queue:
            return
        job = self._running = self._queue.popleft()
        for position, waiting in enumerate(self._queue, start=1):
            self._queued(waiting, position)
        self.started.emit(job.id)
        job.started.emit()
        self._run_requested.emit(
            job.id, job.spec, job.alternatives, job.raw_stream, job.cancel_event
        )

    def _queued(self, job: GenerationJob, position: int) -> None:
        self.queued.emit(job.id, position)
        job.queued.emit(position)

    def _current(self, request_id: int) -> GenerationJob | None:
        job = self._running
        return job if job is not None and job.id == request_id else None

    def _on_model_loaded(self, info: ModelInfo) -> None:
        self.model_info = info
        self.model_loaded.emit(info)

    def _on_prompt_built(self, request_id: int, prompt: str, truncated: bool) -> None:
        job = self._current(request_id)
        if job is not None:
            job.prompt_built.emit(prompt, truncated)

    def _on_chunk(self, request_id: int, text: str) -> None:
        job = self._current(request_id)
        # A cancelled request may still deliver a coalesced chunk; drop it.
        if job is not None and not job.cancel_event.is_set():
            job.chunk.emit(text)

    def _on_retry(self, request_id: int, number: int, reason: str) -> None:
        job = self._current(request_id)
        if job is not None:
            job.retry.emit(number, reason)

    def _on_reset(self, request_id: int) -> None:
        job = self._current(request_id)
        if job is not None:
            job.reset.emit()

    def _on_progress(self, request_id: int, part: int, of: int) -> None:
        job = self._current(request_id)
        if job is not None:
            job.progress.emit(part, of)

    def _on_finished(self, request_id: int, result: GenerationResult) -> None:
        job = self._current(request_id)
        if job is None:
            return
        self._running = None
        self._end(job, result)
        self._dispatch()
        self._update_busy()

    def _on_failed(self, request_id: int, message: str) -> None:
        job = self._current(request_id)
        if job is None:
            return
        self._running = None
        self._end(job, None, message)
        self._dispatch()
        self._update_busy()

    def _end(self, job: GenerationJob, result: GenerationResult | None, message: str = "") -> None:
        job.done = True
        if result is not None:
            job.finished.emit(result)
            self.finished.emit(job.id, result)
        else:
            job.failed.emit(message)
            self.failed.emit(job.id, message)

    def _update_busy(self) -> None:
        now = (self.busy, self.foreground_busy)
        was, self._was_busy = self._was_busy, now
        if now[0] != was[0]:
            self.busy_changed.emit(now[0])
        if now[1] != was[1]:
            self.foreground_busy_changed.emit(now[1])
