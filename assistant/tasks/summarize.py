"""Summarize a selection or a whole document, in chunks when it exceeds the context."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import replace

from assistant.tasks.analysis import main_entities
from assistant.tasks.language import writes_chinese
from assistant.tasks.sampling import default_sampling, fit_sampling
from assistant.tasks.text import (
    ROLE_MARKERS,
    Cancelled,
    approx_max_chars,
    budget_tokens,
    cut_at_stops,
    cut_repeats,
    hard_split,
    has_cjk,
    keep_head,
    render,
    split_paragraphs,
    split_sentences,
    strip_role_leakage,
    trim_last_line,
)
from assistant.tasks.types import (
    SUMMARY_LENGTHS,
    ChatMessage,
    GenerationRequest,
    ModelProfile,
    Sampling,
    TaskSpec,
)
from assistant.translatable import Translatable

#: What each length asks for, and the reply budget that enforces it: a tiny model
#: ignores "briefly" and would otherwise copy the source for hundreds of tokens.
LENGTHS: dict[str, tuple[str, int]] = {
    "short": ("in one or two sentences", 64),
    "medium": ("in three or four sentences", 128),
    "long": ("in one detailed paragraph", 256),
}
_BULLETS = {
    "short": "as two or three short bullet points",
    "medium": "as three to five short bullet points",
    "long": "as five to eight bullet points",
}
SYSTEM = "You are a writing assistant. You write short, accurate summaries in your own words."
_PARTS_NOTE = (
    "The text below is a list of summaries of consecutive parts of one document. "
    "Combine them into one summary of the whole document"
)
# Chunk budgets leave this much room for the template to tokenize differently.
_SLACK_TOKENS = 8


def _check(spec: TaskSpec) -> None:
    if not spec.text.strip():
        raise ValueError(Translatable("Nothing to summarize: the text is empty."))
    if spec.length not in LENGTHS:
        raise ValueError(
            Translatable(
                "Unknown summary length {length!r}. Choose one of: {choices}.",
                length=spec.length,
                choices=", ".join(SUMMARY_LENGTHS),
            )
        )


# Prompt forms for instruct models, best first. Measured with `bench --quality` on
# the dev set's tuning texts (SmolLM2-135M-Instruct, 3 seeds each): with the
# instruction before the text 5 of 38 summaries passed their checks; with the
# text first, 8; text first and the reply primed ("In short," or the text's main
# name after a "TL;DR" cue), 12 to 20 of 57. Priming keeps the model from
# answering with a verdict on the writing ("Your description ... lacks polish").
FORMS: tuple[str, ...] = ("tldr", "in_short")
#: The forms `tasks.attempts` tries, in order (the third samples: see attempts).
ATTEMPT_FORMS: tuple[str, ...] = ("tldr", "in_short", "tldr")
_IN_SHORT = "In short,"


def _instruction(spec: TaskSpec, parts: bool, form: str = FORMS[0]) -> str:
    how = _BULLETS[spec.length] if spec.bullets else LENGTHS[spec.length][0]
    extra = f" {spec.instruction.strip()}" if spec.instruction and spec.instruction.strip() else ""
    if parts:
        return f"{_PARTS_NOTE} {how}. Use your own words; do not copy sentences.{extra}"
    if form == "tldr":
        return f"TL;DR {how}:{extra}"
    return f"Summarize the text above {how}.{extra}"


def _primer(form: str, text: str, profile: ModelProfile) -> str:
    """How the reply starts: the text's main name, or "In short," (chat models, Latin text)."""
    if profile.render_chat is None or not profile.reply_priming or has_cjk(text):
        return ""
    if form == "in_short":
        return _IN_SHORT
    names = main_entities(text, limit=1)
    return names[0] if names else ""


def _messages(profile: ModelProfile, instruction: str, text: str) -> tuple[ChatMessage, ...]:
    """The chat turns of the prompt (none for a base model, which gets plain text)."""
    if profile.render_chat is None:
        return ()
    if writes_chinese(text):
        instruction += " Write the summary in Chinese."
    user = f"{text}\n\n{instruction}"
    return (ChatMessage("system", SYSTEM), ChatMessage("user", user))


def _prompt(profile: ModelProfile, instruction: str, text: str) -> str:
    if profile.render_chat is None:
        return f"{text}\n\n{instruction}\n\nSummary:\n"
    return render(profile, _messages(profile, instruction, text))


def reply_sampling(spec: TaskSpec, profile: ModelProfile, source_tokens: int) -> Sampling:
    """The spec's sampling, or the default with a reply budget set by the length.

    The default budget is never above a quarter of the source (in tokens): a
    summary must stay under a third of its text.
    """
    if spec.sampling is not None:
        return fit_sampling(spec.sampling, profile)
    cap = LENGTHS[spec.length][1]
    # A third of the source in words is about a quarter in tokens (plus the cut
    # of a half sentence at the end): measured, a half let a third of summaries
    # run over a third of their source.
    max_new = max(24, min(cap, source_tokens // 4))
    sampling = default_sampling("summarize").with_(max_new_tokens=max_new)
    return fit_sampling(sampling, profile)


def _text_budget(spec: TaskSpec, profile: ModelProfile, sampling: Sampling, parts: bool) -> int:
    overhead = profile.count_tokens(_prompt(profile, _instruction(spec, parts), ""))
    return budget_tokens(profile, sampling.max_new_tokens) - overhead - _SLACK_TOKENS


def build(
    spec: TaskSpec,
    profile: ModelProfile,
    sampling: Sampling | None = None,
    parts: bool = False,
    form: str = FORMS[0],
) -> GenerationRequest:
    """One summarize request; text beyond the context is dropped from the end (truncated).

    Callers that want the whole text covered check `needs_chunking` and use
    `run_chunked`. Keeping the head: articles and chapters front-load their subject.
    `form` is one of `FORMS`; `tasks.attempts` goes through `ATTEMPT_FORMS`.
    """
    _check(spec)
    if form not in FORMS:
        raise ValueError(f"Unknown prompt form {form!r}.")
    text = spec.text.strip()
    sampling = sampling or reply_sampling(spec, profile, profile.count_tokens(text))
    name = form
    instruction = _instruction(spec, parts, name)
    # A bullet list starts with its own "- ": a name or "In short," would not.
    primer = "" if parts or spec.bullets else _primer(name, text, profile)
    budget = budget_tokens(profile, sampling.max_new_tokens)

    def fits(candidate: str) -> bool:
        return profile.count_tokens(_prompt(profile, instruction, candidate) + primer) <= budget

    kept = keep_head(text, fits, max_chars=approx_max_chars(budget))
    if not kept:
        raise ValueError(
            Translatable(
                "This model's context is too small to summarize (the limit is {limit} tokens).",
                limit=profile.context_tokens,
            )
        )
    return GenerationRequest(
        task="summarize",
        prompt=_prompt(profile, instruction, kept) + primer,
        sampling=sampling,
        stop=ROLE_MARKERS if profile.chat else ("\n\n\n", *ROLE_MARKERS),
        truncated=kept != text,
        messages=_messages(profile, instruction, kept),
        primer=primer,
        material=kept if parts else "",
    )


def needs_chunking(spec: TaskSpec, profile: ModelProfile) -> bool:
    """True when the text does not fit one summarize prompt."""
    _check(spec)
    text = spec.text.strip()
    sampling = reply_sampling(spec, profile, profile.count_tokens(text))
    return profile.count_tokens(text) > _text_budget(spec, profile, sampling, parts=False)


def chunk_text(text: str, profile: ModelProfile, budget_tokens: int) -> list[str]:
    """Split text into chunks of at most `budget_tokens`, at paragraphs, then sentences.

    Sentence splitting knows 。！？ so Chinese text without spaces splits cleanly;
    a single sentence longer than the budget is cut at words (or characters).
    """
    if budget_tokens < 1:
        raise ValueError("The chunk budget must be at least one token.")

    def fits(candidate: str) -> bool:
        return profile.count_tokens(candidate) <= budget_tokens

    # Units with the separator that joins them to the previous unit.
    units: list[tuple[str, str]] = []
    for paragraph in split_paragraphs(text):
        if fits(paragraph):
            units.append(("\n\n", paragraph))
            continue
        sep = "\n\n"
        for sentence in split_sentences(paragraph):
            sentence = sentence.strip()
            if not sentence:
                continue
            pieces = [sentence] if fits(sentence) else hard_split(sentence, fits)
            for piece in pieces:
                units.append((sep, piece))
                sep = "" if has_cjk(piece[-1:]) else " "
    chunks: list[str] = []
    current = ""
    for sep, unit in units:
        candidate = f"{current}{sep}{unit}" if current else unit
        if current and not fits(candidate):
            chunks.append(current)
            current = unit
        else:
            current = candidate
    if current:
        chunks.append(current)
    return chunks


def run_chunked(
    spec: TaskSpec,
    profile: ModelProfile,
    generate: Callable[[GenerationRequest], str],
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> GenerationRequest:
    """Summarize each chunk with `generate`; return the (ungenerated) combining request.

    `progress(i, n)` is called before each step, n = chunks + 1 (the combine
    step). If the part summaries together are still too long, they are chunked
    and summarized again, and progress restarts with the new count.
    """
    _check(spec)
    # The final reply budget follows the original text, in every round.
    sampling = reply_sampling(spec, profile, profile.count_tokens(spec.text.strip()))
    return _run(spec, profile, generate, progress, cancel, sampling, depth=0)


# Each round shrinks the text several times over; more rounds mean the model's
# summaries are not shrinking, and the last round falls back to truncation.
_MAX_ROUNDS = 4


def _run(
    spec: TaskSpec,
    profile: ModelProfile,
    generate: Callable[[GenerationRequest], str],
    progress: Callable[[int, int], None] | None,
    cancel: threading.Event | None,
    sampling: Sampling,
    depth: int,
) -> GenerationRequest:
    text = spec.text.strip()
    parts = depth > 0  # later rounds summarize part summaries
    if profile.count_tokens(text) <= _text_budget(spec, profile, sampling, parts):
        if progress:
            progress(1, 1)
        return build(spec, profile, sampling, parts)
    # Parts are summarized at most "medium" so the combined notes stay small.
    part_spec = replace(spec, length="short" if spec.length == "short" else "medium")
    part_sampling = reply_sampling(part_spec, profile, 10**6)
    chunks = chunk_text(text, profile, _text_budget(part_spec, profile, part_sampling, parts))
    total = len(chunks) + 1
    summaries: list[str] = []
    for i, chunk in enumerate(chunks, start=1):
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        if progress:
            progress(i, total)
        request = build(replace(part_spec, text=chunk), profile, part_sampling, parts)
        output = generate(request)
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        summary = postprocess(part_spec, request, output)
        if summary:
            summaries.append(summary)
    if not summaries:
        summaries = [chunk[:200] for chunk in chunks]  # the model said nothing; don't fail
    combined = "\n\n".join(_as_note(i, s) for i, s in enumerate(summaries, start=1))
    combined_spec = replace(spec, text=combined)
    too_long = profile.count_tokens(combined) > _text_budget(spec, profile, sampling, parts=True)
    if too_long and depth + 1 < _MAX_ROUNDS:
        return _run(combined_spec, profile, generate, progress, cancel, sampling, depth + 1)
    if progress:
        progress(total, total)
    return build(combined_spec, profile, sampling, parts=True)


def _as_note(index: int, summary: str) -> str:
    return f"Part {index}: {summary}"


_PREAMBLE = re.compile(
    r"^\s*(?:(?:sure|certainly|okay|of course)[!,.]?\s*)?"
    r"(?:(?:here(?:'s| is| are)|below is)[^\n:]{0,60}:|(?:summary|tl;?dr)\s*:|in short,|"
    r"以下是[^\n:：]{0,30}[:：]|(?:总结|摘要|概要)[:：])\s*",
    re.IGNORECASE,
)


def postprocess(spec: TaskSpec, request: GenerationRequest, text: str) -> str:
    """The summary alone: no preamble, no leaked turns, no loop, no half sentence at the end."""
    text = strip_role_leakage(text)
    text = cut_at_stops(text, request.stop)
    stripped = _PREAMBLE.sub("", text, count=1)
    if stripped != text:
        stripped = stripped.lstrip()
        stripped = stripped[:1].upper() + stripped[1:]  # "In short, the..." -> "The..."
    return trim_last_line(cut_repeats(stripped)).strip()
