"""The generation worker: a QObject on its own QThread that owns the one resident `Backend`.

`GenerationWorker` loads models and runs each request through `assistant.engine.pipeline`
(the same pipeline as the CLI), coalescing streamed chunks for the GUI. It is driven
only through queued signals from `GenerationController` (`controller.py`); a running
request is cancelled through its `threading.Event`, never through a slot.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from assistant.engine.backend import Backend, EngineError, ModelInfo
from assistant.engine.generation_result import GenerationResult
from assistant.engine.registry import BackendSpec
from assistant.tasks.types import GenerationStats, TaskSpec
from assistant.translatable import Translatable, text_of
from assistant.ui.shell.i18n import translated

log = logging.getLogger(__name__)

ProgressCallback = Callable[[float, str], None]
BackendFactory = Callable[[BackendSpec, ProgressCallback], Backend]

#: Chunks are coalesced so the GUI gets at most one update per this many seconds.
CHUNK_INTERVAL_S = 0.03


class _LoadAborted(Exception):
    """Raised from the progress callback to abandon a model load at shutdown."""


class GenerationWorker(QObject):
    """Owns the backend; loads models and runs requests on the worker thread."""

    model_loading = Signal(float, str)
    model_loaded = Signal(object)  # ModelInfo
    model_failed = Signal(str)
    prompt_built = Signal(int, str, bool)  # request id, exact prompt, truncated
    chunk = Signal(int, str)  # request id, text delta (coalesced)
    reset = Signal(int)  # request id: drop the chunks so far, the result replaces them
    retry = Signal(int, int, str)  # request id, attempt number, why the last one failed
    progress = Signal(int, int, int)  # request id, part, of
    finished = Signal(int, object)  # request id, GenerationResult
    failed = Signal(int, str)  # request id, readable message

    def __init__(self, backend_factory: BackendFactory) -> None:
        super().__init__()
        self._factory = backend_factory
        self._backend: Backend | None = None
        self._load_error = ""
        self._spec = BackendSpec()
        self.abort = threading.Event()  # set at shutdown to abandon a model load

    @Slot(object)
    def load_model(self, spec: BackendSpec) -> None:
        """Load (or replace) the resident model; the old one stays if loading fails."""
        self._spec = spec

        def progress(fraction: float, message: str) -> None:
            if self.abort.is_set():
                raise _LoadAborted()
            self.model_loading.emit(float(fraction), translated(message))

        self.model_loading.emit(0.0, "")
        try:
            backend = self._factory(spec, progress)
        except _LoadAborted:
            return
        except EngineError as exc:
            self._load_error = text_of(exc)
            self.model_failed.emit(translated(self._load_error))
            return
        except Exception as exc:  # a loader bug must not kill the thread
            log.exception("model load failed")
            self._load_error = f"{type(exc).__name__}: {exc}"
            self.model_failed.emit(self._load_error)
            return
        old, self._backend, self._load_error = self._backend, backend, ""
        if old is not None and old is not backend:
            old.close()
        self.model_loaded.emit(ModelInfo.of(backend))

    @Slot(int, object, int, bool, object)
    def run(
        self, request_id: int, spec: TaskSpec, alternatives: int, raw_stream: bool, cancel: Any
    ) -> None:
        """Run one request through the pipeline; always ends in finished or failed."""
        try:
            result = self._run(request_id, spec, max(1, alternatives), raw_stream, cancel)
        except (EngineError, ValueError) as exc:
            # Task builders raise ValueError with a writer-readable reason
            # ("Nothing to continue: the document is empty.").
            self.failed.emit(request_id, translated(exc))
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
            self.load_model(self._spec)
        if self._backend is None:
            reason = self._load_error or Translatable("the model could not be loaded")
            raise EngineError(Translatable("No model is loaded: {reason}", reason=reason))
        return self._backend

    def _run(
        self,
        request_id: int,
        spec: TaskSpec,
        alternatives: int,
        raw_stream: bool,
        cancel: threading.Event,
    ) -> GenerationResult:
        # Imported on the first request, on this thread: the window needs none of it.
        from assistant.engine import pipeline

        if cancel.is_set():
            return GenerationResult(stats=GenerationStats(stop_reason="cancelled"))
        backend = self._ensure_backend()
        pending: list[str] = []
        last_emit = 0.0

        def flush() -> None:
            nonlocal last_emit
            if pending:
                self.chunk.emit(request_id, "".join(pending))
                pending.clear()
            last_emit = time.perf_counter()

        def chunk(text: str) -> None:
            pending.append(text)
            if time.perf_counter() - last_emit >= CHUNK_INTERVAL_S:
                flush()

        def reset() -> None:
            pending.clear()
            self.reset.emit(request_id)

        events = pipeline.PipelineEvents(
            prompt_built=lambda prompt, truncated: self.prompt_built.emit(
                request_id, prompt, truncated
            ),
            chunk=chunk,
            reset=reset,
            retry=lambda number, reason: self.retry.emit(request_id, number, reason),
            progress=lambda part, of: self.progress.emit(request_id, part, of),
        )
        try:
            return pipeline.run(
                backend,
                spec,
                cancel,
                alternatives=alternatives,
                events=events,
                raw_stream=raw_stream,
            )
        finally:
            flush()
