"""The one backend contract every model source implements.

Like simonw/llm's `Model.execute`: one method streams text. A local transformers
model, a scripted fake (tests) and, later, a remote OpenAI-compatible server all
implement `stream(request, cancel)`. Pure Python: no torch, no Qt.
"""

from __future__ import annotations

import threading
import time
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from assistant.tasks.types import ChatMessage, GenerationRequest, GenerationStats, ModelProfile
from assistant.translatable import Translatable


class EngineError(Exception):
    """A failure with a message fit to show a writer (one line, no traceback)."""


#: A request with nothing in it (every backend refuses it the same way).
EMPTY_PROMPT = Translatable("The prompt is empty: there is nothing to generate from.")


#: Every decoding option of `Sampling` a backend may honour.
ALL_SAMPLING_KNOBS: frozenset[str] = frozenset(
    {"temperature", "top_p", "top_k", "repetition_penalty", "max_new_tokens", "seed"}
)


@dataclass(frozen=True)
class Capabilities:
    """What a backend can do, for the pipeline, Settings and the status bar.

    Plays the role of simonw/llm's per-model options: a server declares what it
    takes, and callers adapt (a Generation page can grey out `top_k` where a
    server ignores it; offline mode refuses a backend that is not `local`).
    """

    #: The model has a chat template (chat tasks send structured messages).
    chat_template: bool
    #: Raw text continuation is possible (a completions endpoint, or a local model).
    completions: bool
    context_tokens: int
    #: Languages the model writes (ISO codes), None when unknown.
    languages: frozenset[str] | None = None
    #: Token counts come from the model's own tokenizer (else an estimate).
    exact_token_counts: bool = True
    #: The model runs in this process (False: a server, maybe on another machine).
    local: bool = True
    #: A re-sent document prefix is served from a kept KV cache.
    prefix_cache: bool = False
    #: The `Sampling` fields the backend honours; others are ignored.
    sampling_knobs: frozenset[str] = ALL_SAMPLING_KNOBS
    #: How many stop strings the backend takes itself (None: any); the shared
    #: text filter catches the rest.
    max_stop_strings: int | None = None
    #: Where a remote model runs ("127.0.0.1:8080"), shown while it is used.
    host: str = ""


@dataclass(frozen=True)
class ModelInfo:
    """What the status bar shows about the resident model."""

    name: str
    device: str
    dtype: str
    context_tokens: int
    #: The model server's host and port when the model is remote, else "".
    host: str = ""
    #: The personal voice merged into the model (engine/voice.py), else "".
    voice: str = ""

    @classmethod
    def of(cls, backend: Backend) -> ModelInfo:
        """The facts of a loaded backend."""
        caps = backend.capabilities
        return cls(
            backend.name,
            backend.device,
            backend.dtype,
            backend.profile.context_tokens,
            "" if caps.local else caps.host,
            str(getattr(backend, "voice_name", "") or ""),
        )


class Backend(ABC):
    """Streams text for a rendered prompt; one model resident at a time."""

    #: Human-readable model name, e.g. "SmolLM2-135M-Instruct".
    name: str = "model"
    #: "cpu", "cuda", "mps" or "remote".
    device: str = "cpu"
    #: "float32", "bfloat16", "float16", "int8" ...
    dtype: str = "float32"

    def __init__(self) -> None:
        self.last_stats = GenerationStats()

    @property
    @abstractmethod
    def profile(self) -> ModelProfile:
        """What prompt builders need to know about this model."""

    @property
    def capabilities(self) -> Capabilities:
        """What this backend can do (a local model: everything, exact token counts)."""
        profile = self.profile
        return Capabilities(
            chat_template=profile.chat,
            completions=True,
            context_tokens=profile.context_tokens,
            # ModelProfile.languages arrives with the language-refusal work.
            languages=getattr(profile, "languages", None),
            prefix_cache=bool(getattr(self, "use_prefix_cache", False)),
        )

    @abstractmethod
    def stream(self, request: GenerationRequest, cancel: threading.Event) -> Iterator[str]:
        """Yield text deltas (whole characters). Sets `last_stats` when done.

        Stops within one token of `cancel` being set (stop_reason "cancelled").
        Raises EngineError for failures a user can understand. A reply cut short
        after some text arrived ends with stop_reason "error" and `last_stats.error`
        saying why, so the text is kept. Callers read it through
        `text_stream.clean_stream`, which applies the editor's text invariants.
        """

    def generate(self, request: GenerationRequest, cancel: threading.Event | None = None) -> str:
        """The whole (filtered) text of one generation."""
        from assistant.engine.text_stream import clean_stream

        return "".join(clean_stream(self, request, cancel or threading.Event()))

    def close(self) -> None:  # noqa: B027 - optional hook, most backends hold nothing
        """Release the model's memory."""


def _approx_tokens(text: str) -> int:
    # ~4 characters per token for Latin text, one per CJK character.
    cjk = sum(1 for ch in text if ord(ch) >= 0x2E80)
    return cjk + (len(text) - cjk + 3) // 4


def render_chat_plain(messages: Sequence[ChatMessage]) -> str:
    """A generic chat transcript, where the real template is not known here."""
    parts = [f"<|{m.role}|>\n{m.content}\n" for m in messages]
    return "".join(parts) + "<|assistant|>\n"


class FakeBackend(Backend):
    """A scripted backend for fast, deterministic UI tests (llm's MockModel).

    `enqueue("text")` queues one reply; with the queue empty it answers
    `default_reply`. Replies stream word by word, `delay_s` apart, and honour
    cancel between words. `fail_with` makes the next stream raise EngineError.
    """

    name = "fake-model"

    def __init__(
        self,
        default_reply: str = "and then the rain came.",
        delay_s: float = 0.0,
        context_tokens: int = 2048,
        chat: bool = True,
        languages: frozenset[str] | None = None,
    ) -> None:
        super().__init__()
        self.default_reply = default_reply
        self.delay_s = delay_s
        self.replies: deque[str] = deque()
        self.requests: list[GenerationRequest] = []
        self.cancelled_count = 0
        self.fail_with: str | None = None
        self._profile = ModelProfile(
            name=self.name,
            context_tokens=context_tokens,
            count_tokens=_approx_tokens,
            render_chat=render_chat_plain if chat else None,
            languages=languages,
        )

    @property
    def profile(self) -> ModelProfile:
        return self._profile

    def enqueue(self, *replies: str) -> None:
        self.replies.extend(replies)

    def stream(self, request: GenerationRequest, cancel: threading.Event) -> Iterator[str]:
        self.requests.append(request)
        if self.fail_with is not None:
            message, self.fail_with = self.fail_with, None
            raise EngineError(message)
        reply = self.replies.popleft() if self.replies else self.default_reply
        start = time.perf_counter()
        stats = GenerationStats(
            prompt_tokens=self._profile.count_tokens(request.prompt),
            truncated=request.truncated,
        )
        pieces = _split_keep_spaces(reply)
        stop_reason = "eos"
        for i, piece in enumerate(pieces):
            if cancel.is_set():
                stop_reason = "cancelled"
                self.cancelled_count += 1
                break
            if i >= request.sampling.max_new_tokens:
                stop_reason = "max_tokens"
                break
            if self.delay_s:
                # Sleep in small steps so cancel is noticed promptly.
                end = time.perf_counter() + self.delay_s
                while time.perf_counter() < end and not cancel.is_set():
                    time.sleep(min(0.005, self.delay_s))
                if cancel.is_set():
                    stop_reason = "cancelled"
                    self.cancelled_count += 1
                    break
            if i == 0:
                stats.ttft_s = time.perf_counter() - start
            stats.generated_tokens += 1
            yield piece
        stats.total_s = time.perf_counter() - start
        stats.stop_reason = stop_reason
        decode_s = max(stats.total_s - stats.ttft_s, 1e-9)
        stats.tokens_per_s = max(stats.generated_tokens - 1, 0) / decode_s
        self.last_stats = stats


def _split_keep_spaces(text: str) -> list[str]:
    """Split into word pieces, each carrying its leading space ("a b" -> ["a", " b"])."""
    pieces: list[str] = []
    current = ""
    for ch in text:
        if ch.isspace() and current and not current.isspace():
            pieces.append(current)
            current = ch
        else:
            current += ch
    if current:
        pieces.append(current)
    return pieces
