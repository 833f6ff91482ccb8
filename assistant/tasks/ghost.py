"""Inline ghost-text suggestions: when to offer one, what the model sees, what is shown.

Pure Python (no Qt, no torch), so every rule here is tested without a model.

The prompt is a plain-text continuation of the document up to the cursor (a
"continue" TaskSpec), because the engine's prefix KV cache only helps when one
request's prompt is a token prefix of the next. A long document is therefore cut
from the start at a point that moves in large strides, snapped to a paragraph
boundary found *forward* of a grid position: while the writer types, the cut stays
put and consecutive suggestions share everything up to the last few words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.tasks.text import (
    cut_repeats,
    is_cjk,
    sentence_ends,
    strip_echo,
    strip_role_leakage,
    word_units,
)
from assistant.tasks.types import Sampling, TaskSpec

#: Context window for a suggestion, in "cost units" (one per Latin character, four
#: per CJK character: roughly four units per token either way, so ~800 tokens).
#: A phrase-long suggestion needs local context only, and on a small CPU every
#: decode step reads the whole window's keys and values: at ~1100 tokens that was
#: a quarter of the step, so a smaller window makes every suggestion faster, and a
#: cold prefill (after a jump elsewhere in a long document) about twice as fast.
WINDOW_UNITS = 3200
#: The cut moves forward in steps this large, so it changes only once per ~300
#: typed tokens (one cache miss), not on every keystroke.
STRIDE_UNITS = 1200
#: Text after the cursor passed along (used for clean-up, not by the model).
AFTER_CHARS = 200
#: CJK characters Ctrl+Right accepts as one "word" (most Chinese words are two).
CJK_WORD_CHARS = 2

_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_CJK_PUNCT = "。！？；，、：…—）」』》”’"
_LATIN_PUNCT = ".,;:!?)]}\"'"


# The characters `is_cjk` accepts, as one regex: counting them runs in C (a long
# document is scanned at every pause; a Python loop took ~9 ms for 30k characters).
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0002fa1f]")


def _units(text: str) -> int:
    """Cost units: one per character, four per CJK character."""
    return len(text) + 3 * len(_CJK.findall(text))


def _prefix_costing(text: str, units: int, block: int = 4096) -> int:
    """Length of the shortest prefix of `text` costing at least `units` (one pass)."""
    acc = 0
    for base in range(0, len(text), block):
        piece = text[base : base + block]
        cost = _units(piece)
        if acc + cost >= units:
            for i, ch in enumerate(piece):
                acc += 4 if is_cjk(ch) else 1
                if acc >= units:
                    return base + i + 1
        acc += cost
    return len(text)


def stable_context(
    before: str, window: int = WINDOW_UNITS, stride: int = STRIDE_UNITS
) -> tuple[str, int]:
    """The tail of `before` the model sees, and where it starts in `before`.

    The start is a function of the text far from the cursor only: the smallest
    multiple of `stride` (in cost units) leaving at most `window` units, moved
    forward to the next paragraph break (else line, sentence, space) within a stride.
    """
    total = _units(before)
    if total <= window:
        return before, 0
    grid = -(-(total - window) // stride) * stride  # ceil to the stride grid
    start = grid if total == len(before) else _prefix_costing(before, grid)
    region = before[start : start + stride]
    for finder in (
        lambda s: (m.end() for m in _PARAGRAPH.finditer(s)),
        lambda s: (m.end() for m in re.finditer(r"\n", s)),
        sentence_ends,
        lambda s: (m.end() for m in re.finditer(r"\s+", s)),
    ):
        found = next(iter(finder(region)), None)
        if found:
            start += found
            break
    while start < len(before) and before[start].isspace():
        start += 1
    return before[start:], start


def should_offer(before: str, after: str) -> bool:
    """A suggestion fits here: some text before, and the cursor is not inside a word."""
    if not before.strip() or not word_units(before[-200:]):
        return False
    nxt = after[:1]
    # Inside a word (Latin letters, or between two CJK characters) a suggestion
    # would split it.
    return not (nxt and (nxt.isalnum() or (is_cjk(nxt) and nxt not in _CJK_PUNCT)))


def build_spec(before: str, after: str, sampling: Sampling) -> TaskSpec:
    """The continue request for a suggestion at the cursor (prompt: a stable prefix)."""
    text, _start = stable_context(before)
    return TaskSpec(kind="continue", text=text, after=after[:AFTER_CHARS], sampling=sampling)


@dataclass(frozen=True)
class Suggestion:
    """What to show: the text, and whether more model output cannot change it."""

    text: str
    complete: bool


def clean(raw: str, before: str, after: str = "", final: bool = True) -> Suggestion:
    """Turn raw model output (so far) into the ghost text to show after the cursor.

    Short (up to the end of the first sentence or line), never echoing the text
    before the cursor, never a half word while streaming (Latin words are shown
    once the next one starts; CJK characters arrive whole), and trimmed where it
    would run into the text after the cursor.
    """
    text = strip_role_leakage(raw, labels=False)
    complete = text != raw
    if before[-1:].isspace():
        # The writer typed the separator already (the prompt had it stripped).
        text = text.lstrip(" \t") if before.endswith((" ", "\t")) else text.lstrip()
    elif text.startswith("\n"):
        return Suggestion("", True)  # the model wants a new paragraph: nothing to offer
    tail = before[-300:]
    text = strip_echo(text, tail.rstrip().rsplit("\n", 1)[-1][-120:])
    text = cut_repeats(text, prior=tail) if final else text
    newline = text.find("\n")
    if newline >= 0:
        text, complete = text[:newline], True
    # While streaming, a Latin "." at the very end may still become "3.5" or "...".
    ends = [
        e
        for e in sentence_ends(text)
        if word_units(text[:e]) and (final or e < len(text) or is_cjk(text[e - 1]))
    ]
    if ends:
        text, complete = text[: ends[0]], True
    if not final and not complete:
        text = _whole_words(text)
    text = _fit_after(text.rstrip(), after)
    if not word_units(text):
        text = ""
    return Suggestion(text, complete or final)


def _whole_words(text: str) -> str:
    """Drop a trailing Latin word that may still grow (the next token decides)."""
    if not text or text[-1].isspace() or is_cjk(text[-1]) or not text[-1].isalnum():
        return text
    cut = len(text)
    while cut > 0 and text[cut - 1].isalnum() and not is_cjk(text[cut - 1]):
        cut -= 1
    return text[:cut]


def _fit_after(text: str, after: str) -> str:
    """Trim the end where it would duplicate the text that follows the cursor."""
    line = after.split("\n", 1)[0].lstrip()
    if not text or not line:
        return text
    for k in range(min(len(text), len(line)), 1, -1):
        if text.endswith(line[:k]):
            return text[:-k].rstrip()
    # "She left| . He stayed." + "quietly." -> "quietly" (the period is there already)
    if line[0] in _LATIN_PUNCT + _CJK_PUNCT and text.endswith(line[0]):
        return text[:-1].rstrip()
    return text


def next_word(text: str) -> str:
    """The part of a suggestion Ctrl+Right accepts: the next word with its punctuation.

    Latin: leading space plus a run of non-space characters. CJK has no spaces:
    up to `CJK_WORD_CHARS` characters, plus any punctuation right after them.
    """
    i = 0
    while i < len(text) and text[i].isspace():
        i += 1
    if i < len(text) and is_cjk(text[i]):
        taken = 0
        while i < len(text) and is_cjk(text[i]) and text[i] not in _CJK_PUNCT:
            if taken == CJK_WORD_CHARS:
                break
            i += 1
            taken += 1
        while i < len(text) and (text[i] in _CJK_PUNCT or text[i] in _LATIN_PUNCT):
            i += 1
        return text[:i]
    while i < len(text) and not text[i].isspace() and not is_cjk(text[i]):
        i += 1
    return text[:i]
