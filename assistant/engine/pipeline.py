"""One generation, from what the writer asked for to the text they get: the only pipeline.

build the request (part by part for a long summary) -> stream it from the backend
through the shared text filter (`text_stream.clean_stream`) -> post-process ->
`GenerationResult`. The CLI (`writing-assistant generate`) and the
GUI's worker thread both call `run`, so the same input and seed give the same text in
both. No Qt here and no torch import: the backend brings its own.

Streaming is *clean*: every delta handed to `events.chunk` is part of what
post-processing keeps, so a role label or a stop string never flashes into the
document. The text so far is post-processed after each delta and only the part that
can no longer change is released (the last few characters wait for the next delta).
If the finished text does not begin with what was released (rare: a repeat cut
after the fact), `events.reset` tells the consumer to replace what it showed with
the final text.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from assistant.engine.backend import Backend, EngineError
from assistant.engine.text_stream import clean_stream
from assistant.tasks import summarize
from assistant.tasks.build import build_request, postprocess
from assistant.tasks.text import Cancelled
from assistant.tasks.types import GenerationRequest, GenerationStats, TaskSpec

#: Characters held back while streaming: enough for the start of a stop string or
#: a role label ("\nUser:") to be recognised before any of it is shown.
HOLD_BACK_CHARS = 12
#: The first of a run of alternatives uses this seed when the request has none.
ALTERNATIVES_BASE_SEED = 1234
#: Alternatives of a greedy request are sampled this warm (greedy would repeat one text).
ALTERNATIVES_TEMPERATURE = 0.8


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

    @property
    def incomplete(self) -> str:
        """Why the reply ended early (a server went away mid-answer); "" when it did not.

        The text that arrived is kept in `text`; callers tell the writer it is incomplete.
        """
        return self.stats.error if self.stats.stop_reason == "error" else ""


def _ignore(*_args: object) -> None:
    return None


@dataclass
class PipelineEvents:
    """What a caller hears while a request runs (each defaults to nothing)."""

    #: The exact prompt of a step (every part of a long summary, then the last one).
    prompt_built: Callable[[str, bool], None] = _ignore
    #: A piece of clean text of the (single) answer.
    chunk: Callable[[str], None] = _ignore
    #: Throw away what `chunk` delivered so far; the result's text replaces it.
    reset: Callable[[], None] = _ignore
    #: Step `part` of `of` begins (summary parts, or alternatives).
    progress: Callable[[int, int], None] = _ignore


def run(
    backend: Backend,
    spec: TaskSpec,
    cancel: threading.Event | None = None,
    *,
    alternatives: int = 1,
    events: PipelineEvents | None = None,
    raw_stream: bool = False,
) -> GenerationResult:
    """Generate what `spec` asks for; raises ValueError/EngineError with a readable message.

    `alternatives > 1` gives that many samples (seed varied per sample, streamed to
    nobody, announced through `progress`). `raw_stream` hands `chunk` the model's
    deltas without post-processing (still editor-safe; inline suggestions clean them
    themselves and cannot wait for the hold-back).
    """
    cancel = cancel or threading.Event()
    events = events or PipelineEvents()
    if cancel.is_set():
        return _cancelled()
    profile = backend.profile
    if spec.kind == "summarize" and summarize.needs_chunking(spec, profile):

        def generate_part(request: GenerationRequest) -> str:
            # Part prompts are shown too: a surprising summary often starts in one part.
            events.prompt_built(request.prompt, request.truncated)
            text = "".join(clean_stream(backend, request, cancel))
            if backend.last_stats.stop_reason == "error":
                # A part summary cut short would silently misrepresent its part.
                raise EngineError(backend.last_stats.error)
            return text

        try:
            request = summarize.run_chunked(spec, profile, generate_part, events.progress, cancel)
        except Cancelled:
            return _cancelled()
    else:
        request = build_request(spec, profile)
    events.prompt_built(request.prompt, request.truncated)
    if alternatives <= 1:
        return _single(backend, spec, request, cancel, events, raw_stream)
    return _alternatives(backend, spec, request, cancel, events, alternatives)


def _cancelled() -> GenerationResult:
    return GenerationResult(stats=GenerationStats(stop_reason="cancelled"))


def _single(
    backend: Backend,
    spec: TaskSpec,
    request: GenerationRequest,
    cancel: threading.Event,
    events: PipelineEvents,
    raw_stream: bool,
) -> GenerationResult:
    deltas = clean_stream(backend, request, cancel)
    if raw_stream:
        raw = _forward(deltas, events.chunk)
        shown = raw
    else:
        stream = CleanStream(spec, request, events.chunk)
        for delta in deltas:
            stream.add(delta)
        raw, shown = stream.raw, stream.shown
    stats = backend.last_stats
    if stats.stop_reason == "cancelled":
        # What the writer saw is what they keep of a stopped answer.
        return GenerationResult(
            text=shown, stats=stats, alternatives=[shown], prompt=request.prompt
        )
    text = postprocess(spec, request, raw)
    if not raw_stream and not text.startswith(shown):
        events.reset()
    elif not raw_stream and len(text) > len(shown):
        events.chunk(text[len(shown) :])
    return GenerationResult(text=text, stats=stats, alternatives=[text], prompt=request.prompt)


def _forward(deltas: Iterable[str], chunk: Callable[[str], None]) -> str:
    pieces: list[str] = []
    for delta in deltas:
        pieces.append(delta)
        chunk(delta)
    return "".join(pieces)


def _alternatives(
    backend: Backend,
    spec: TaskSpec,
    request: GenerationRequest,
    cancel: threading.Event,
    events: PipelineEvents,
    n: int,
) -> GenerationResult:
    texts: list[str] = []
    stats = GenerationStats()
    for i, sample in enumerate(alternative_requests(request, n)):
        if cancel.is_set():
            break
        events.progress(i + 1, n)
        raw = "".join(clean_stream(backend, sample, cancel))
        stats = backend.last_stats
        if stats.stop_reason == "cancelled":
            break
        texts.append(postprocess(spec, sample, raw))
        if stats.stop_reason == "error":
            break  # the server went away: keep what arrived, ask for no more
    if cancel.is_set():
        stats = replace(stats, stop_reason="cancelled")
    return GenerationResult(
        text=texts[0] if texts else "", stats=stats, alternatives=texts, prompt=request.prompt
    )


def alternative_requests(request: GenerationRequest, n: int) -> list[GenerationRequest]:
    """N copies of a request with different seeds (greedy would give N equal texts)."""
    sampling = request.sampling
    base_seed = sampling.seed if sampling.seed is not None else ALTERNATIVES_BASE_SEED
    if sampling.greedy:
        sampling = sampling.with_(temperature=ALTERNATIVES_TEMPERATURE)
    return [replace(request, sampling=sampling.with_(seed=base_seed + i)) for i in range(n)]


class CleanStream:
    """Releases only text that post-processing keeps, as the raw deltas arrive."""

    def __init__(
        self, spec: TaskSpec, request: GenerationRequest, emit: Callable[[str], None]
    ) -> None:
        self._spec, self._request, self._emit = spec, request, emit
        self._pieces: list[str] = []
        self.shown = ""
        self._stuck = False  # the clean text stopped extending what was shown

    @property
    def raw(self) -> str:
        """Everything the model wrote so far."""
        return "".join(self._pieces)

    def add(self, delta: str) -> None:
        """Take one raw delta; release whatever became certain."""
        self._pieces.append(delta)
        if self._stuck:
            return
        clean = postprocess(self._spec, self._request, self.raw)
        stable = clean[: max(0, len(clean) - HOLD_BACK_CHARS)]
        if not stable.startswith(self.shown):
            # Post-processing took back text already shown (a repeat cut late):
            # stop releasing; the final text replaces it.
            self._stuck = True
            return
        if len(stable) > len(self.shown):
            piece = stable[len(self.shown) :]
            self.shown = stable
            self._emit(piece)
