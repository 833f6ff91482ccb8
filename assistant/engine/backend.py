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

from assistant.tasks.types import ChatMessage, GenerationRequest, GenerationStats, ModelProfile


class EngineError(Exception):
    """A failure with a message fit to show a writer (one line, no traceback)."""


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

    @abstractmethod
    def stream(self, request: GenerationRequest, cancel: threading.Event) -> Iterator[str]:
        """Yield text deltas (whole characters). Sets `last_stats` when done.

        Stops within one token of `cancel` being set (stop_reason "cancelled").
        Raises EngineError for failures a user can understand.
        """

    def generate(self, request: GenerationRequest, cancel: threading.Event | None = None) -> str:
        """The whole text of one generation."""
        return "".join(self.stream(request, cancel or threading.Event()))

    def alternatives(
        self, request: GenerationRequest, n: int, cancel: threading.Event | None = None
    ) -> list[str]:
        """N different samples for the same prompt (seed varied per sample)."""
        cancel = cancel or threading.Event()
        base_seed = request.sampling.seed if request.sampling.seed is not None else 1234
        outputs: list[str] = []
        for i in range(n):
            if cancel.is_set():
                break
            sampling = request.sampling
            if sampling.greedy:  # greedy would give N copies of one text
                sampling = sampling.with_(temperature=0.8)
            sampling = sampling.with_(seed=base_seed + i)
            outputs.append(
                self.generate(
                    GenerationRequest(
                        task=request.task,
                        prompt=request.prompt,
                        sampling=sampling,
                        stop=request.stop,
                        truncated=request.truncated,
                        echo_guard=request.echo_guard,
                    ),
                    cancel,
                )
            )
        return outputs

    def close(self) -> None:  # noqa: B027 - optional hook, most backends hold nothing
        """Release the model's memory."""


def _approx_tokens(text: str) -> int:
    # ~4 characters per token for Latin text, one per CJK character.
    cjk = sum(1 for ch in text if ord(ch) >= 0x2E80)
    return cjk + (len(text) - cjk + 3) // 4


def _render_chat_plain(messages: Sequence[ChatMessage]) -> str:
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
            render_chat=_render_chat_plain if chat else None,
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
