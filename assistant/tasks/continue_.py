"""Continue writing at the cursor.

The prompt is the raw document, even for instruct models: measured on
SmolLM2-135M-Instruct, wrapping the text in the chat template makes the model
talk *about* the passage ("This passage describes...") instead of continuing it.
Plain text plus sampling with a repetition penalty continues fluently.
"""

from __future__ import annotations

from assistant.tasks.examples import choose_examples, query_around_cursor
from assistant.tasks.text import (
    ROLE_MARKERS,
    approx_max_chars,
    budget_tokens,
    cut_at_stops,
    cut_repeats,
    keep_tail,
    strip_echo,
    strip_role_leakage,
    trim_unfinished,
)
from assistant.tasks.types import GenerationRequest, ModelProfile, Sampling, TaskSpec
from assistant.translatable import Translatable

# Two blank lines mean the model has left the text (a new section, a list of
# "related posts"...); special tokens mean it wandered into a chat turn.
STOPS: tuple[str, ...] = ("\n\n\n", *ROLE_MARKERS)
# How much of the document's end to use as an echo guard.
_ECHO_CHARS = 120
#: The writer's example paragraphs take at most this many prompt tokens (and at most a
#: third of the budget): enough for three or four paragraphs, little extra prefill.
EXAMPLES_MAX_TOKENS = 400
#: Between the examples and the document: a scene break, which prose models know.
EXAMPLES_SEPARATOR = "\n\n* * *\n\n"


def build(spec: TaskSpec, profile: ModelProfile, sampling: Sampling) -> GenerationRequest:
    """The request that continues `spec.text` from its end (the cursor)."""
    if not spec.text.strip():
        raise ValueError(Translatable("Nothing to continue: the document is empty."))
    # A prompt ending in spaces tokenizes badly (the model rarely sees " " as a
    # token of its own); postprocess restores the spacing instead.
    text = spec.text.rstrip(" \t")
    budget = budget_tokens(profile, sampling.max_new_tokens)
    examples = _examples(spec, profile, budget)
    if examples:
        budget -= profile.count_tokens(examples)
    document = keep_tail(
        text, lambda t: profile.count_tokens(t) <= budget, max_chars=approx_max_chars(budget)
    )
    if not document.strip():
        raise ValueError(
            Translatable(
                "This model's context is too small to continue this text (the limit is "
                "{limit} tokens).",
                limit=profile.context_tokens,
            )
        )
    return GenerationRequest(
        task="continue",
        prompt=examples + document,
        sampling=sampling,
        stop=STOPS,
        truncated=document != text,
        echo_guard=_last_sentence(document),
    )


def _examples(spec: TaskSpec, profile: ModelProfile, budget: int) -> str:
    """The writer's most similar paragraphs and the separator, or "" (none chosen)."""
    if spec.examples is None or not len(spec.examples):
        return ""
    allowance = min(EXAMPLES_MAX_TOKENS, budget // 3)
    chosen = choose_examples(
        spec.examples,
        query_around_cursor(spec.text, spec.after),
        allowance - profile.count_tokens(EXAMPLES_SEPARATOR),
        profile.count_tokens,
        exclude=spec.text,
    )
    return "\n\n".join(chosen) + EXAMPLES_SEPARATOR if chosen else ""


def _last_sentence(text: str) -> str:
    """The document's final line, trimmed: a model that loops tends to repeat it first."""
    tail = text.rstrip().rsplit("\n", 1)[-1]
    return tail[-_ECHO_CHARS:] if len(tail) >= 12 else ""


def postprocess(spec: TaskSpec, request: GenerationRequest, text: str) -> str:
    """Clean a continuation so it can be inserted right at the cursor."""
    if request.prompt and text.startswith(request.prompt):
        text = text[len(request.prompt) :]  # a backend that returned prompt + reply
    # Plain "User:" lines are allowed: a story may contain them.
    text = strip_role_leakage(text, labels=False)
    text = cut_at_stops(text, request.stop)
    text = strip_echo(text, request.echo_guard)
    text = cut_repeats(text, prior=request.echo_guard)
    if spec.text[-1:].isspace():
        # The writer already typed the separator; don't double it.
        text = text.lstrip(" \t") if spec.text.endswith((" ", "\t")) else text.lstrip()
    if spec.trim_unfinished:
        text = trim_unfinished(text)
    return text.rstrip()
