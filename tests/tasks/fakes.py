"""Fake model profiles: prompt builders are tested with no model at all."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.tasks.types import ChatMessage, ModelProfile


def count_chars(text: str) -> int:
    """About four characters per token, like an English BPE tokenizer."""
    return len(text) // 4 + 1


def count_cjk(text: str) -> int:
    """One token per CJK character, four Latin characters per token."""
    cjk = sum(1 for ch in text if ord(ch) >= 0x2E80)
    return cjk + (len(text) - cjk) // 4 + 1


def render(messages: Sequence[ChatMessage]) -> str:
    """A ChatML-like template with the generation prompt appended."""
    turns = "".join(f"<|im_start|>{m.role}\n{m.content}<|im_end|>\n" for m in messages)
    return turns + "<|im_start|>assistant\n"


def make_profile(chat: bool = True, context: int = 2048, cjk: bool = False) -> ModelProfile:
    """A profile with a cheap token counter; `chat=False` is a base model."""
    return ModelProfile(
        name="fake-chat" if chat else "fake-base",
        context_tokens=context,
        count_tokens=count_cjk if cjk else count_chars,
        render_chat=render if chat else None,
    )
