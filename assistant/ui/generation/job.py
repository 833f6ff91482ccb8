"""One request to the model, as an object with its own signals (like a QNetworkReply).

A feature keeps the job it submitted and connects to it; it never sees another
feature's chunks, so nothing filters request ids. The controller emits exactly one
of `finished` or `failed` per job.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from assistant.tasks.types import TaskSpec


class GenerationJob(QObject):
    """A submitted request: its progress and outcome, and a way to stop it."""

    #: Waiting behind other requests (position in the queue, 1 = next).
    queued = Signal(int)
    #: The worker began this request.
    started = Signal()
    #: The exact prompt of a step, and whether text was left out to fit.
    prompt_built = Signal(str, bool)
    #: A piece of the answer (coalesced to ~30 ms).
    chunk = Signal(str)
    #: Forget the chunks so far: the final text replaces them.
    reset = Signal()
    #: Attempt `number` begins: the last one failed its checks (`reason`), was taken back.
    retry = Signal(int, str)
    #: Step `part` of `of` began (summary parts, alternatives).
    progress = Signal(int, int)
    #: The outcome (GenerationResult; `cancelled` when stopped).
    finished = Signal(object)
    #: A readable reason; the writer's text is untouched.
    failed = Signal(str)

    def __init__(
        self,
        request_id: int,
        spec: TaskSpec,
        alternatives: int,
        background: bool,
        raw_stream: bool,
        cancel: Callable[[GenerationJob], None],
    ) -> None:
        # No Qt parent: the job lives as long as someone holds it (the controller
        # until it ends, the feature while it cares), then Python frees it.
        super().__init__()
        self.id = request_id
        self.spec = spec
        self.alternatives = alternatives
        self.background = background
        self.raw_stream = raw_stream
        self.cancel_event = threading.Event()
        #: Set once `finished` or `failed` has been emitted.
        self.done = False
        self._cancel = cancel  # the controller's: it knows whether the job waits or runs

    def cancel(self) -> None:
        """Stop this request (within one token if it runs; at once if it waits)."""
        if not self.done:
            self._cancel(self)
