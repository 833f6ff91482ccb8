"""Rewrite a selection in a style ("shorter", "formal", ...) or by a free instruction."""

from __future__ import annotations

import math
import re

from assistant.tasks.text import (
    MARGIN_TOKENS,
    ROLE_MARKERS,
    cut_at_stops,
    has_cjk,
    render,
    strip_echo,
    strip_role_leakage,
)
from assistant.tasks.types import (
    REWRITE_STYLES,
    ChatMessage,
    GenerationRequest,
    ModelProfile,
    Sampling,
    TaskSpec,
)
from assistant.translatable import Translatable

#: One short imperative per style; tiny models follow short instructions best.
INSTRUCTIONS: dict[str, str] = {
    "shorter": "Rewrite the text to be much shorter. Keep only the main points.",
    "longer": "Rewrite the text to be longer, adding vivid detail. Keep the meaning.",
    "formal": "Rewrite the text in a formal, professional tone.",
    "casual": "Rewrite the text in a casual, friendly tone.",
    "clearer": "Rewrite the text to be clearer and easier to read.",
    "fix-grammar": "Correct the spelling and grammar of the text. Change nothing else.",
}
#: How long the reply may be, relative to the selection, before it is cut off.
_LENGTH_FACTOR: dict[str, float] = {"shorter": 0.8, "longer": 2.0}
_DEFAULT_FACTOR = 1.3
_MIN_NEW_TOKENS = 48

SYSTEM = "You are a writing assistant. You rewrite text exactly as asked."
_TAIL = "Reply with the rewritten text only."
_TAIL_CJK = "Reply with the rewritten text only, in Chinese."
# Base models get a plain-text frame: a new label, or a blank line after a
# one-paragraph answer, means the model has moved on to inventing another example.
_BASE_STOPS: tuple[str, ...] = ("\nOriginal text:", "\nRewritten text:", *ROLE_MARKERS)


def _instruction(spec: TaskSpec) -> str:
    if spec.instruction and spec.instruction.strip():
        return spec.instruction.strip()
    if spec.style not in INSTRUCTIONS:
        raise ValueError(
            Translatable(
                "Unknown rewrite style {style!r}. Choose one of: {choices}.",
                style=spec.style,
                choices=", ".join(REWRITE_STYLES),
            )
        )
    return INSTRUCTIONS[spec.style]


def _messages(profile: ModelProfile, instruction: str, text: str) -> tuple[ChatMessage, ...]:
    """The chat turns of the prompt (none for a base model, which gets plain text)."""
    if profile.render_chat is None:
        return ()
    tail = _TAIL_CJK if has_cjk(text) else _TAIL
    user = f"{instruction} {tail}\n\nText:\n{text}"
    return (ChatMessage("system", SYSTEM), ChatMessage("user", user))


def _prompt(profile: ModelProfile, instruction: str, text: str) -> str:
    if profile.render_chat is None:
        return f"{instruction}\n\nOriginal text:\n{text}\n\nRewritten text:\n"
    return render(profile, _messages(profile, instruction, text))


def _base_stops(text: str) -> tuple[str, ...]:
    one_paragraph = "\n\n" not in text
    return ("\n\n", *_BASE_STOPS) if one_paragraph else ("\n\n\n", *_BASE_STOPS)


def build(
    spec: TaskSpec, profile: ModelProfile, sampling: Sampling, auto_length: bool
) -> GenerationRequest:
    """The request that rewrites the selection `spec.text`.

    With `auto_length` the reply budget follows the selection's length (the
    writer did not choose one); otherwise `sampling.max_new_tokens` is kept.
    """
    if not spec.text.strip():
        raise ValueError(Translatable("Nothing to rewrite: select some text first."))
    instruction = _instruction(spec)
    text = spec.text.strip()
    factor = _LENGTH_FACTOR.get(spec.style or "", _DEFAULT_FACTOR)
    overhead = profile.count_tokens(_prompt(profile, instruction, ""))
    available = profile.context_tokens - MARGIN_TOKENS - overhead
    text_tokens = profile.count_tokens(text)
    if auto_length:
        # The selection and its rewrite (about `factor` times as long) share the context.
        limit = int(available / (1 + factor))
    else:
        limit = available - sampling.max_new_tokens
    if text_tokens > limit:
        raise ValueError(
            Translatable(
                "The selection is too long for this model's context (about {used} "
                "tokens; the limit is {limit}). Select less text.",
                used=text_tokens,
                limit=max(limit, 0),
            )
        )
    prompt = _prompt(profile, instruction, text)
    if auto_length:
        wanted = max(_MIN_NEW_TOKENS, math.ceil(text_tokens * factor) + 16)
        room = profile.context_tokens - MARGIN_TOKENS - profile.count_tokens(prompt)
        sampling = sampling.with_(max_new_tokens=max(1, min(wanted, room)))
    return GenerationRequest(
        task="rewrite",
        prompt=prompt,
        sampling=sampling,
        stop=ROLE_MARKERS if profile.chat else _base_stops(text),
        echo_guard=text,
        messages=_messages(profile, instruction, text),
    )


# "Here is the rewritten text:", "Sure! Here's a shorter version:", "Rewritten text:".
_PREAMBLE = re.compile(
    r"^\s*(?:(?:sure|certainly|okay|ok|of course)[!,.]?\s*)?"
    r"(?:(?:here(?:'s| is| are)|below is)[^\n:]{0,60}:|"
    r"(?:rewritten|revised|corrected|new|shorter|longer|formal|casual|clearer)"
    r"(?: version| text)?\s*:|以下是[^\n:：]{0,30}[:：]|改写(?:后)?[的]?(?:文本|内容)?[:：])\s*",
    re.IGNORECASE,
)
# Trailing commentary: "Note: I changed...", "I made the following changes".
_AFTERWORD = re.compile(
    r"\n\s*(?:note|notes|explanation|changes made|i made|i have|i've|this version)\b.*$",
    re.IGNORECASE | re.DOTALL,
)
_QUOTES = {'"': '"', "“": "”", "「": "」", "'": "'"}


def postprocess(spec: TaskSpec, request: GenerationRequest, text: str) -> str:
    """The rewritten text alone: no preamble, no notes, no wrapping quotes."""
    text = strip_role_leakage(text)
    text = cut_at_stops(text, request.stop)
    text = _PREAMBLE.sub("", text, count=1)
    text = _AFTERWORD.sub("", text)
    text = text.strip()
    # The model sometimes quotes its answer; the source was not quoted.
    source = spec.text.strip()
    quoted = len(text) >= 2 and text[0] in _QUOTES and text[-1] == _QUOTES[text[0]]
    if quoted and not (source[:1] == text[0] and source[-1:] == text[-1]):
        text = text[1:-1].strip()
    # "<the source again>\n\nRewritten text: <answer>": drop the echo and the label.
    # An echo without a label may be a "longer" rewrite that kept the opening.
    rest = strip_echo(text, source)
    if rest is not text and _PREAMBLE.match(rest) and _PREAMBLE.sub("", rest, count=1).strip():
        text = _PREAMBLE.sub("", rest, count=1).strip()
    return text
