"""The data that flows from a task to a backend and back. Pure Python.

A task builder turns what the writer wants (a `TaskSpec`) plus what the model is
(a `ModelProfile`) into a `GenerationRequest` whose `prompt` is the exact text the
model sees. The backend streams text deltas for it and records `GenerationStats`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal

from assistant.translatable import Translatable

TaskKind = Literal["continue", "rewrite", "summarize", "chat"]
TASK_KINDS: tuple[str, ...] = ("continue", "rewrite", "summarize", "chat")
REWRITE_STYLES: tuple[str, ...] = (
    "shorter",
    "longer",
    "formal",
    "casual",
    "clearer",
    "fix-grammar",
)
SUMMARY_LENGTHS: tuple[str, ...] = ("short", "medium", "long")
StopReason = Literal["eos", "stop_string", "max_tokens", "cancelled", "error"]


@dataclass(frozen=True)
class Sampling:
    """Decoding options. `temperature == 0` means greedy."""

    temperature: float = 0.7
    top_p: float = 0.9
    top_k: int = 40
    repetition_penalty: float = 1.1
    max_new_tokens: int = 128
    seed: int | None = None

    @property
    def greedy(self) -> bool:
        return self.temperature <= 0.0

    def with_(self, **changes: Any) -> Sampling:
        """A copy with some fields changed; unknown field names raise TypeError."""
        known = {f.name for f in fields(self)}
        unknown = set(changes) - known
        if unknown:
            raise TypeError(f"unknown sampling option(s): {', '.join(sorted(unknown))}")
        return replace(self, **changes)

    def validate(self) -> None:
        """Raise ValueError with a readable message for out-of-range values."""
        if not 0.0 <= self.temperature <= 5.0:
            raise ValueError(Translatable("temperature must be between 0 and 5"))
        if not 0.0 < self.top_p <= 1.0:
            raise ValueError(Translatable("top-p must be greater than 0 and at most 1"))
        if self.top_k < 0:
            raise ValueError(Translatable("top-k must be 0 (off) or a positive number"))
        if not 0.5 <= self.repetition_penalty <= 3.0:
            raise ValueError(Translatable("repetition penalty must be between 0.5 and 3"))
        if not 1 <= self.max_new_tokens <= 32768:
            raise ValueError(Translatable("max new tokens must be between 1 and 32768"))


@dataclass(frozen=True)
class ChatMessage:
    """One turn of a conversation."""

    role: Literal["system", "user", "assistant"]
    content: str


@dataclass(frozen=True)
class TaskSpec:
    """What the writer asked for, independent of any model.

    - continue: `text` is the document before the cursor, `after` the text after it.
    - rewrite: `text` is the selection; `style` one of REWRITE_STYLES or
      `instruction` free text.
    - summarize: `text` is the selection or whole document; `length`, `bullets`.
    - chat: `messages` is the conversation so far ending with the user's turn;
      `system` the persona; `context` optional document text to include.
    """

    kind: str
    text: str = ""
    after: str = ""
    style: str | None = None
    instruction: str | None = None
    length: str = "medium"
    bullets: bool = False
    messages: tuple[ChatMessage, ...] = ()
    system: str | None = None
    context: str = ""
    sampling: Sampling | None = None  # None: the task's own defaults
    trim_unfinished: bool = False  # continue: cut an unfinished trailing sentence
    #: continue: the writer's own paragraphs (a `tasks.examples.ParagraphIndex`); the
    #: most similar go before the document ("Use my paragraphs as examples").
    examples: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class ModelProfile:
    """What a prompt builder needs to know about the loaded model."""

    name: str
    context_tokens: int
    count_tokens: Callable[[str], int]
    # Renders chat messages to the prompt string (with the generation prompt
    # appended); None for base models without a chat template.
    render_chat: Callable[[Sequence[ChatMessage]], str] | None = None
    # ISO-639-1 codes of the languages the model writes; None: unknown (never refuse).
    languages: frozenset[str] | None = None
    # The prompt can begin the reply ("In short,") and the model writes on from it. A
    # model server renders its own chat template from `messages`: no place for that.
    reply_priming: bool = True

    @property
    def chat(self) -> bool:
        return self.render_chat is not None


@dataclass(frozen=True)
class GenerationRequest:
    """A fully rendered prompt plus how to decode it.

    `prompt` is the exact text a local model sees. Chat-style tasks also carry the
    structured `messages` the prompt was rendered from: a model server applies its
    own chat template to them (a local backend ignores them). Continuation has no
    messages: its prompt is raw text to continue.
    """

    task: str
    prompt: str
    sampling: Sampling = field(default_factory=Sampling)
    stop: tuple[str, ...] = ()
    truncated: bool = False  # the builder dropped text to fit the context
    # Text that the model's reply should be read as continuing (for clean-up).
    echo_guard: str = ""
    messages: tuple[ChatMessage, ...] = ()
    # The start of the reply, already at the end of `prompt` ("response priming"):
    # the model writes what follows it, and the shown text begins with it.
    primer: str = ""
    # Text the prompt hands the model to work from besides the writer's own (a long
    # summary's part summaries): the reply may reuse its words.
    material: str = ""


@dataclass
class GenerationStats:
    """What happened during one generation."""

    prompt_tokens: int = 0
    generated_tokens: int = 0
    cached_prompt_tokens: int = 0  # prompt tokens served from the prefix KV cache
    ttft_s: float = 0.0
    total_s: float = 0.0
    tokens_per_s: float = 0.0
    stop_reason: str = "eos"
    truncated: bool = False
    # With stop_reason "error": why the reply ended early (the text that arrived is kept).
    error: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}
