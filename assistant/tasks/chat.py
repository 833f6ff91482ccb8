"""A private chat beside the text, optionally about (part of) the document."""

from __future__ import annotations

from dataclasses import replace

from assistant.tasks.text import (
    ROLE_MARKERS,
    approx_max_chars,
    budget_tokens,
    cut_at_stops,
    cut_repeats,
    keep_tail,
    render,
    strip_role_leakage,
)
from assistant.tasks.types import ChatMessage, GenerationRequest, ModelProfile, Sampling, TaskSpec
from assistant.translatable import Translatable

SYSTEM = "You are a helpful writing assistant. Answer briefly and clearly."
_CONTEXT_INTRO = "The writer is working on this text:"
# Base models continue a transcript; a new "User:" line means the turn is over.
_BASE_STOPS: tuple[str, ...] = ("\nUser:", "\nAssistant:", "\n\n\n", *ROLE_MARKERS)


def _system_text(spec: TaskSpec, context: str) -> str:
    # A system turn inside the messages counts when the spec names no persona.
    listed = next((m.content for m in spec.messages if m.role == "system"), "")
    system = (spec.system or "").strip() or listed.strip() or SYSTEM
    if context:
        system += f'\n\n{_CONTEXT_INTRO}\n"""\n{context}\n"""'
    return system


def _messages(
    profile: ModelProfile, system: str, turns: list[ChatMessage]
) -> tuple[ChatMessage, ...]:
    """The chat turns of the prompt (none for a base model, which gets a transcript)."""
    return (ChatMessage("system", system), *turns) if profile.render_chat is not None else ()


def _prompt(profile: ModelProfile, system: str, turns: list[ChatMessage]) -> str:
    if profile.render_chat is not None:
        return render(profile, _messages(profile, system, turns))
    labels = {"user": "User", "assistant": "Assistant", "system": "System"}
    lines = [system, ""]
    lines += [f"{labels[m.role]}: {m.content.strip()}" for m in turns]
    return "\n".join(lines) + "\nAssistant:"


def build(spec: TaskSpec, profile: ModelProfile, sampling: Sampling) -> GenerationRequest:
    """The request for the assistant's next turn.

    To fit the context it drops the oldest turns first, then the start of the
    document context (the part furthest from the cursor); the writer's latest
    message is never cut.
    """
    turns = [m for m in spec.messages if m.role != "system"]
    if not turns or turns[-1].role != "user" or not turns[-1].content.strip():
        raise ValueError(Translatable("Nothing to send: the message is empty."))
    budget = budget_tokens(profile, sampling.max_new_tokens)
    context = spec.context.strip()
    truncated = False

    def fits(system: str, kept: list[ChatMessage]) -> bool:
        return profile.count_tokens(_prompt(profile, system, kept)) <= budget

    # Keep whole exchanges from the end; an orphan assistant turn at the start
    # would confuse the template and the model.
    while len(turns) > 1 and not fits(_system_text(spec, context), turns):
        turns = turns[1:]
        while len(turns) > 1 and turns[0].role != "user":
            turns = turns[1:]
        truncated = True
    if not fits(_system_text(spec, context), turns):
        if context:
            context = keep_tail(
                context,
                lambda c: fits(_system_text(spec, c), turns),
                max_chars=approx_max_chars(budget),
            )
            truncated = True
        if not fits(_system_text(spec, context), turns):
            used = profile.count_tokens(turns[-1].content)
            raise ValueError(
                Translatable(
                    "Your message is too long for this model's context (about {used} tokens; "
                    "the limit is {limit}). Shorten it.",
                    used=used,
                    limit=profile.context_tokens,
                )
            )
    system = _system_text(spec, context)
    return GenerationRequest(
        task="chat",
        prompt=_prompt(profile, system, turns),
        sampling=sampling,
        stop=ROLE_MARKERS if profile.chat else _BASE_STOPS,
        truncated=truncated,
        messages=_messages(profile, system, turns),
    )


def postprocess(spec: TaskSpec, request: GenerationRequest, text: str) -> str:
    """The assistant's reply alone, without a leaked next turn."""
    text = strip_role_leakage(text)
    text = cut_at_stops(text, request.stop)
    return cut_repeats(text).strip()


def with_reply(spec: TaskSpec, reply: str) -> TaskSpec:
    """The spec with the assistant's reply appended (ready for the next user turn)."""
    return replace(spec, messages=(*spec.messages, ChatMessage("assistant", reply)))
