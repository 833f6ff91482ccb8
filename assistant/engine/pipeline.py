"""One generation, from what the writer asked for to the text they get: the only pipeline.

build the request -> stream it from the backend through the shared text filter
(`text_stream.clean_stream`) -> post-process -> check (`tasks.attempts.run_checked`:
retry with other settings, fall back, or refuse) -> `GenerationResult`. The CLI
(`writing-assistant generate`) and the GUI's worker thread both call `run`, so the
same input and seed give the same text in both. No Qt here and no torch import: the
backend brings its own.

Nothing that failed its checks reaches the writer: an attempt streams while it is
written, and if it fails `events.reset` takes it back and `events.retry` says a new
attempt begins. A language the model does not write is refused before anything is
generated.

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
from dataclasses import dataclass, replace
from typing import Any

from assistant.engine.backend import Backend, EngineError
from assistant.engine.generation_result import GenerationResult
from assistant.engine.text_stream import clean_stream
from assistant.tasks import attempts
from assistant.tasks.build import build_request, postprocess
from assistant.tasks.checks import CheckReport, check_output
from assistant.tasks.language import refusal_for, spec_language
from assistant.tasks.text import Cancelled
from assistant.tasks.types import GenerationRequest, GenerationStats, TaskSpec

#: Characters held back while streaming: enough for the start of a stop string or
#: a role label ("\nUser:") to be recognised before any of it is shown.
HOLD_BACK_CHARS = 12
#: The first of a run of alternatives uses this seed when the request has none.
ALTERNATIVES_BASE_SEED = 1234
#: Alternatives of a greedy request are sampled this warm (greedy would repeat one text).
ALTERNATIVES_TEMPERATURE = 0.8


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
    #: Attempt `number` (2, 3, ...) begins because the last one failed its checks (`reason`).
    retry: Callable[[int, str], None] = _ignore


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
    nobody, announced through `progress`; those that fail their checks are left out).
    `raw_stream` hands `chunk` the model's deltas without post-processing or retries
    (still editor-safe; inline suggestions clean and check them themselves and cannot
    wait for the hold-back).
    """
    cancel = cancel or threading.Event()
    events = events or PipelineEvents()
    if cancel.is_set():
        return _cancelled()
    profile = backend.profile
    language = spec_language(spec)
    refusal = refusal_for(language, profile.languages, profile.name)
    if refusal is not None:
        # A model never answers in a language it does not write.
        return GenerationResult(method="none", attempts=0, language=language, refused=refusal)
    if raw_stream or alternatives > 1:
        request = build_request(spec, profile)
        events.prompt_built(request.prompt, request.truncated)
        if raw_stream:
            return _raw(backend, spec, request, cancel, events)
        return _alternatives(backend, spec, request, cancel, events, alternatives)
    return _checked(backend, spec, cancel, events)


def _checked(
    backend: Backend, spec: TaskSpec, cancel: threading.Event, events: PipelineEvents
) -> GenerationResult:
    """The best of a few attempts: each streams, is checked, and is taken back if it fails."""
    last: dict[str, Any] = {}

    def generate(request: GenerationRequest) -> str:
        # Summary parts, and every attempt, show their prompt: a surprising result
        # often starts there.
        events.prompt_built(request.prompt, request.truncated)
        return _attempt(backend, spec, request, cancel, events, last)

    def on_attempt(number: int, request: GenerationRequest) -> None:
        last["final"] = True  # from here on, requests are attempts, not summary parts
        if number > 1:
            events.retry(number, last.get("reason", ""))

    def on_rejected(_number: int, _text: str, report: CheckReport) -> None:
        last["reason"] = report.reason or ""
        events.reset()

    try:
        checked = attempts.run_checked(
            spec,
            backend.profile,
            generate,
            on_attempt=on_attempt,
            on_rejected=on_rejected,
            progress=events.progress,
            cancel=cancel,
        )
    except Cancelled:
        return _cancelled(last.get("shown", ""))
    except _ServerGone as gone:
        return _incomplete(spec, gone, events, last.get("shown", ""))
    stats = last.get("stats", GenerationStats())
    if checked.method == "model" and checked.text != last.get("shown", ""):
        shown = last.get("shown", "")
        if checked.text.startswith(shown):
            events.chunk(checked.text[len(shown) :])
        else:
            events.reset()
    elif checked.method != "model" and last.get("shown"):
        events.reset()  # nothing of a rejected attempt stays on screen
    return GenerationResult(
        text=checked.text,
        stats=stats,
        alternatives=[checked.text] if checked.text else [],
        prompt=last.get("prompt", ""),
        method=checked.method,
        attempts=checked.attempts,
        checks=dict(checked.checks),
        language=checked.language,
        refused=checked.refused,
        rejected=list(checked.rejected),
        reason=checked.reason,
    )


def _attempt(
    backend: Backend,
    spec: TaskSpec,
    request: GenerationRequest,
    cancel: threading.Event,
    events: PipelineEvents,
    last: dict[str, Any],
) -> str:
    """Stream one attempt (or one summary part, which is not shown) and return its raw text.

    An attempt stops early when `attempts.early_failure` sees a failure already certain
    (a loop, talk about the text): more tokens cannot help. The writer's Stop ends it too.
    """
    attempt_over = threading.Event()
    stop = EitherEvent(cancel, attempt_over)
    is_attempt = "final" in last
    stream = CleanStream(spec, request, events.chunk) if is_attempt else None
    pieces: list[str] = []
    for delta in clean_stream(backend, request, stop):
        pieces.append(delta)
        if attempt_over.is_set():
            continue  # the backend stops within a token; nothing more is shown
        if stream is not None:
            stream.add(delta)
        if _SENTENCE_END.intersection(delta) and attempts.early_failure(spec, "".join(pieces)):
            attempt_over.set()
    stats = backend.last_stats
    if stream is not None:
        last.update(shown=stream.shown)  # what the writer has seen of this attempt
    if stats.stop_reason == "error":
        if not is_attempt:
            # A summary part cut short would silently misrepresent its part.
            raise EngineError(stats.error)
        # A server that went away mid-answer: no retry can reach it; what arrived is
        # judged as it is (and kept, marked incomplete, if it passes).
        raise _ServerGone("".join(pieces), request, stats)
    if cancel.is_set():
        raise Cancelled()
    if is_attempt:
        last.update(stats=stats, prompt=request.prompt)
    return "".join(pieces)


class _ServerGone(Exception):
    """An attempt ended by a server fault after some text had arrived."""

    def __init__(self, raw: str, request: GenerationRequest, stats: GenerationStats) -> None:
        super().__init__(stats.error)
        self.raw, self.request, self.stats = raw, request, stats


def _incomplete(
    spec: TaskSpec, gone: _ServerGone, events: PipelineEvents, shown: str
) -> GenerationResult:
    """Keep what arrived before a server fault if it passes the checks; else say what failed."""
    text = postprocess(spec, gone.request, gone.raw)
    language = spec_language(spec)
    report = check_output(spec, gone.request, text, source_language=language)
    if not text.strip() or not report.passed:
        if shown:
            events.reset()
        raise EngineError(gone.stats.error)
    if not text.startswith(shown):
        events.reset()
    elif len(text) > len(shown):
        events.chunk(text[len(shown) :])
    return GenerationResult(
        text=text,
        stats=gone.stats,
        alternatives=[text],
        prompt=gone.request.prompt,
        checks=dict(report.checks),
        language=language,
    )


#: Early failures are looked for when a delta ends a sentence or a line.
_SENTENCE_END = frozenset(".!?\n。！？")


class EitherEvent(threading.Event):
    """Set when either of two events is (the writer's Stop, or an attempt given up)."""

    def __init__(self, first: threading.Event, second: threading.Event) -> None:
        super().__init__()
        self._pair = (first, second)

    def is_set(self) -> bool:
        """True once either event is set."""
        return any(e.is_set() for e in self._pair)


def _cancelled(shown: str = "") -> GenerationResult:
    return GenerationResult(
        text=shown,
        stats=GenerationStats(stop_reason="cancelled"),
        alternatives=[shown] if shown else [],
    )


def _raw(
    backend: Backend,
    spec: TaskSpec,
    request: GenerationRequest,
    cancel: threading.Event,
    events: PipelineEvents,
) -> GenerationResult:
    """One unchecked stream, every delta passed on (inline suggestions check their own)."""
    raw = _forward(clean_stream(backend, request, cancel), events.chunk)
    stats = backend.last_stats
    text = raw if stats.stop_reason == "cancelled" else postprocess(spec, request, raw)
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
    """N samples; those that fail their checks are left out (and kept as rejected)."""
    texts: list[str] = []
    rejected: list[str] = []
    report = CheckReport()
    stats = GenerationStats()
    language = spec_language(spec)
    for i, sample in enumerate(alternative_requests(request, n)):
        if cancel.is_set():
            break
        events.progress(i + 1, n)
        raw = "".join(clean_stream(backend, sample, cancel))
        stats = backend.last_stats
        if stats.stop_reason == "cancelled":
            break
        text = postprocess(spec, sample, raw)
        report = check_output(spec, sample, text, source_language=language)
        (texts if report.passed else rejected).append(text)
        if stats.stop_reason == "error":
            break  # the server went away: keep what arrived, ask for no more
    if cancel.is_set():
        stats = replace(stats, stop_reason="cancelled")
    refused = None
    if not texts and rejected and not cancel.is_set():
        refused = attempts.could_not(spec, backend.profile, language)
    return GenerationResult(
        text=texts[0] if texts else "",
        stats=stats,
        alternatives=texts,
        prompt=request.prompt,
        method="model" if texts else "none",
        attempts=len(texts) + len(rejected),
        checks=dict(report.checks),
        language=language,
        refused=refused,
        rejected=rejected,
        reason=report.reason if rejected else None,
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
