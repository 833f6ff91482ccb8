"""The one bridge between the GUI and the engine: a worker QObject on a QThread.

`GenerationWorker` lives on its own QThread and owns the one resident `Backend`.
`GenerationController` lives on the GUI thread, owns the thread and the worker,
hands out request ids, queues (or replaces) requests and cancels them by setting
a `threading.Event` directly: the worker's event loop is blocked inside the
generation, so a queued "cancel" slot would only run after it had finished.

Every submitted request ends with exactly one `finished` or `failed` signal.
Nothing here imports torch: the default backend factory imports the engine loader
lazily, on the worker thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from assistant.engine.backend import Backend, EngineError
from assistant.tasks.types import GenerationRequest, GenerationStats, TaskSpec

log = logging.getLogger(__name__)

ProgressCallback = Callable[[float, str], None]
BackendFactory = Callable[[str | None, str, ProgressCallback], Backend]

#: Chunks are coalesced so the GUI gets at most one update per this many seconds.
CHUNK_INTERVAL_S = 0.03
QUEUE = "queue"
REPLACE = "replace"


@dataclass(frozen=True)
class ModelInfo:
    """What the status bar shows about the resident model."""

    name: str
    device: str
    dtype: str
    context_tokens: int


@dataclass
class GenerationResult:
    """The outcome of one request: post-processed text, stats and any alternatives."""

    text: str = ""
    stats: GenerationStats = field(default_factory=GenerationStats)
    alternatives: list[str] = field(default_factory=list)
    prompt: str = ""

    @property
    def cancelled(self) -> bool:
        """True when the writer stopped it (the text may be partial or empty)."""
        return self.stats.stop_reason == "cancelled"


def default_backend_factory(model: str | None, device: str, progress: ProgressCallback) -> Backend:
    """Load a model with the engine loader (imports torch: call on the worker thread)."""
    from assistant.engine.loader import load_backend

    return load_backend(model, device, progress)


class _LoadAborted(Exception):
    """Raised from the progress callback to abandon a model load at shutdown."""


class GenerationWorker(QObject):
    """Owns the backend; loads models and runs requests on the worker thread."""

    model_loading = Signal(float, str)
    model_loaded = Signal(object)  # ModelInfo
    model_failed = Signal(str)
    prompt_built = Signal(int, str, bool)  # request id, exact prompt, truncated
    chunk = Signal(int, str)  # request id, text delta (coalesced)
    progress = Signal(int, int, int)  # request id, part, of
    finished = Signal(int, object)  # request id, GenerationResult
    failed = Signal(int, str)  # request id, readable message

    def __init__(self, backend_factory: BackendFactory) -> None:
        super().__init__()
        self._factory = backend_factory
        self._backend: Backend | None = None
        self._load_error = ""
        self._model: str | None = None
        self._device = "auto"
        self.abort = threading.Event()  # set at shutdown to abandon a model load

    @Slot(object, str)
    def load_model(self, model: str | None, device: str) -> None:
        """Load (or replace) the resident model; the old one stays if loading fails."""
        self._model, self._device = model, device

        def progress(fraction: float, message: str) -> None:
            if self.abort.is_set():
                raise _LoadAborted()
            self.model_loading.emit(float(fraction), str(message))

        self.model_loading.emit(0.0, "")
        try:
            backend = self._factory(model, device, progress)
        except _LoadAborted:
            return
        except EngineError as exc:
            self._load_error = str(exc)
            self.model_failed.emit(self._load_error)
            return
        except Exception as exc:  # a loader bug must not kill the thread
            log.exception("model load failed")
            self._load_error = f"{type(exc).__name__}: {exc}"
            self.model_failed.emit(self._load_error)
            return
        old, self._backend, self._load_error = self._backend, backend, ""
        if old is not None and old is not backend:
            old.close()
        self.model_loaded.emit(
            ModelInfo(
                name=backend.name,
                device=backend.device,
                dtype=backend.dtype,
                context_tokens=backend.profile.context_tokens,
            )
        )

    @Slot(int, object, int, object)
    def run(self, request_id: int, spec: TaskSpec, alternatives: int, cancel: Any) -> None:
        """Build, stream, post-process one request; always ends in finished or failed."""
        try:
            result = self._run(request_id, spec, max(1, alternatives), cancel)
        except (EngineError, ValueError) as exc:
            # Task builders raise ValueError with a writer-readable reason
            # ("Nothing to continue: the document is empty.").
            self.failed.emit(request_id, str(exc))
        except Exception as exc:  # never let an error pass silently or kill the thread
            log.exception("generation %s failed", request_id)
            self.failed.emit(request_id, f"{type(exc).__name__}: {exc}")
        else:
            self.finished.emit(request_id, result)

    @Slot()
    def close_backend(self) -> None:
        """Release the model (called on the worker thread before it quits)."""
        if self._backend is not None:
            self._backend.close()
            self._backend = None

    def _ensure_backend(self) -> Backend:
        if self._backend is None and not self._load_error:
            # No model yet (started with --no-model): load the configured one now.
            self.load_model(self._model, self._device)
        if self._backend is None:
            reason = self._load_error or "the model could not be loaded"
            raise EngineError(f"No model is loaded: {reason}")
        return self._backend

    def _run(
        self, request_id: int, spec: TaskSpec, alternatives: int, cancel: threading.Event
    ) -> GenerationResult:
        from assistant.tasks import summarize
        from assistant.tasks.build import build_request, postprocess
        from assistant.tasks.text import Cancelled

        if cancel.is_set():
            return GenerationResult(stats=GenerationStats(stop_reason="cancelled"))
        backend = self._ensure_backend()
        if spec.kind == "summarize" and summarize.needs_chunking(spec, backend.profile):
            try:
                request = self._summarize_parts(request_id, backend, spec, cancel)
            except Cancelled:
                return GenerationResult(stats=GenerationStats(stop_reason="cancelled"))
        else:
            request = build_request(spec, backend.profile)
        self.prompt_built.emit(request_id, request.prompt, request.truncated)
        if alternatives == 1:
            raw = self._stream(request_id, backend, request, cancel)
            stats = backend.last_stats
            text = raw if stats.stop_reason == "cancelled" else postprocess(spec, request, raw)
            return GenerationResult(
                text=text, stats=stats, alternatives=[text], prompt=request.prompt
            )
        texts: list[str] = []
        stats = GenerationStats()
        for i, sample in enumerate(_samples(request, alternatives)):
            if cancel.is_set():
                break
            self.progress.emit(request_id, i + 1, alternatives)
            raw = "".join(backend.stream(sample, cancel))
            stats = backend.last_stats
            if stats.stop_reason == "cancelled":
                break
            texts.append(postprocess(spec, sample, raw))
        if cancel.is_set():
            stats = replace(stats, stop_reason="cancelled")
        return GenerationResult(
            text=texts[0] if texts else "", stats=stats, alternatives=texts, prompt=request.prompt
        )

    def _summarize_parts(
        self, request_id: int, backend: Backend, spec: TaskSpec, cancel: threading.Event
    ) -> GenerationRequest:
        """Summarize a text too long for one prompt part by part; return the combining request.

        Emits progress(id, part, of) before each step (the last step is the combine,
        streamed by the caller) and raises Cancelled as soon as the writer stops it.
        """
        from assistant.tasks import summarize

        def generate(request: GenerationRequest) -> str:
            # Part prompts are shown too: a surprising summary often starts in one part.
            self.prompt_built.emit(request_id, request.prompt, request.truncated)
            return "".join(backend.stream(request, cancel))

        def progress(part: int, of: int) -> None:
            self.progress.emit(request_id, part, of)

        return summarize.run_chunked(spec, backend.profile, generate, progress, cancel)

    def _stream(
        self, request_id: int, backend: Backend, request: GenerationRequest, cancel: threading.Event
    ) -> str:
        pieces: list[str] = []
        pending: list[str] = []
        last_emit = 0.0
        for delta in backend.stream(request, cancel):
            pieces.append(delta)
            pending.append(delta)
            now = time.perf_counter()
            if now - last_emit >= CHUNK_INTERVAL_S:
                self.chunk.emit(request_id, "".join(pending))
                pending.clear()
                last_emit = now
        if pending:
            self.chunk.emit(request_id, "".join(pending))
        return "".join(pieces)


def _samples(request: GenerationRequest, n: int) -> list[GenerationRequest]:
    """N copies of a request with different seeds (greedy would give N equal texts)."""
    base_seed = request.sampling.seed if request.sampling.seed is not None else 1234
    sampling = request.sampling
    if sampling.greedy:
        sampling = sampling.with_(temperature=0.8)
    return [replace(request, sampling=sampling.with_(seed=base_seed + i)) for i in range(n)]


@dataclass
class _Pending:
    request_id: int
    spec: TaskSpec
    alternatives: int
    cancel: threading.Event = field(default_factory=threading.Event)


class GenerationController(QObject):
    """GUI-thread owner of the worker thread: ids, queue/replace policy, cancel, shutdown."""

    model_loading = Signal(float, str)
    model_loaded = Signal(object)
    model_failed = Signal(str)
    prompt_built = Signal(int, str, bool)
    chunk = Signal(int, str)
    progress = Signal(int, int, int)
    finished = Signal(int, object)
    failed = Signal(int, str)
    started = Signal(int)  # request id: the worker began it
    queued = Signal(int, int)  # request id, position in the queue (1 = next)
    busy_changed = Signal(bool)

    # Private requests to the worker; queued connections cross the thread.
    _load_requested = Signal(object, str)
    _run_requested = Signal(int, object, int, object)
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
        self._next_id = 1
        self._running: _Pending | None = None
        self._queue: deque[_Pending] = deque()
        self._was_busy = False
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
        w.prompt_built.connect(self.prompt_built)
        w.chunk.connect(self._on_chunk)
        w.progress.connect(self.progress)
        w.finished.connect(self._on_finished)
        w.failed.connect(self._on_failed)
        self._thread.start()

    # -- public API -------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """True while a request runs or waits."""
        return self._running is not None or bool(self._queue)

    @property
    def running_id(self) -> int | None:
        """The id of the request the worker is on, if any."""
        return self._running.request_id if self._running else None

    def load_model(self, model: str | None = None, device: str = "auto") -> None:
        """Load a model on the worker thread (progress and outcome arrive as signals)."""
        self._load_requested.emit(model, device)

    def submit(self, spec: TaskSpec, alternatives: int = 1) -> int:
        """Queue a request and return its id; with policy "replace" it stops the others."""
        if self.policy == REPLACE:
            self.cancel()
        pending = _Pending(self._next_id, spec, max(1, int(alternatives)))
        self._next_id += 1
        self._queue.append(pending)
        if self._running is None:
            self._dispatch()
        else:
            self.queued.emit(pending.request_id, len(self._queue))
        self._update_busy()
        return pending.request_id

    def cancel(self, request_id: int | None = None) -> None:
        """Stop one request (or all with None) now; the running one stops within a token."""
        for pending in list(self._queue):
            if request_id is None or pending.request_id == request_id:
                self._queue.remove(pending)
                self.finished.emit(
                    pending.request_id,
                    GenerationResult(stats=GenerationStats(stop_reason="cancelled")),
                )
        running = self._running
        if running is not None and (request_id is None or running.request_id == request_id):
            # Set directly from the GUI thread: the worker is blocked in generation.
            running.cancel.set()
        self._update_busy()

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Stop everything and join the thread; False if it did not stop in time."""
        if not self._thread.isRunning():
            return True
        self._queue.clear()
        if self._running is not None:
            self._running.cancel.set()
        self._worker.abort.set()
        self._close_requested.emit()
        self._thread.quit()
        stopped = self._thread.wait(timeout_ms)
        if not stopped:
            log.warning("generation thread did not stop within %d ms", timeout_ms)
        return bool(stopped)

    # -- worker signals -----------------------------------------------------------------

    def _dispatch(self) -> None:
        if self._running is not None or not self._queue:
            return
        self._running = self._queue.popleft()
        for position, pending in enumerate(self._queue, start=1):
            self.queued.emit(pending.request_id, position)
        run = self._running
        self.started.emit(run.request_id)
        self._run_requested.emit(run.request_id, run.spec, run.alternatives, run.cancel)

    def _on_model_loaded(self, info: ModelInfo) -> None:
        self.model_info = info
        self.model_loaded.emit(info)

    def _on_chunk(self, request_id: int, text: str) -> None:
        running = self._running
        # A cancelled request may still deliver a coalesced chunk; drop it.
        if running and running.request_id == request_id and not running.cancel.is_set():
            self.chunk.emit(request_id, text)

    def _on_finished(self, request_id: int, result: GenerationResult) -> None:
        self._end(request_id)
        self.finished.emit(request_id, result)
        self._dispatch()
        self._update_busy()

    def _on_failed(self, request_id: int, message: str) -> None:
        self._end(request_id)
        self.failed.emit(request_id, message)
        self._dispatch()
        self._update_busy()

    def _end(self, request_id: int) -> None:
        if self._running is not None and self._running.request_id == request_id:
            self._running = None

    def _update_busy(self) -> None:
        if self.busy != self._was_busy:
            self._was_busy = self.busy
            self.busy_changed.emit(self._was_busy)
