"""One chat request and its reply: the request built from the conversation, and the
reply being written (where it is stored, what has arrived, when to save it again).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from assistant.storage.chat_history import Message
from assistant.tasks.types import ChatMessage, Sampling, TaskSpec
from assistant.ui.generation.job import GenerationJob

#: A streaming reply is saved (as incomplete) at most this often.
SAVE_EVERY_S = 0.5
#: A new conversation is titled with the start of its first message, this long at most.
TITLE_CHARS = 48


def conversation_title(text: str) -> str:
    """A new conversation's title: its first message on one line, cut to `TITLE_CHARS`."""
    title = " ".join(text.split())
    if len(title) > TITLE_CHARS:
        title = title[: TITLE_CHARS - 1] + "…"
    return title


def chat_spec(messages: list[Message], system: str, context: str, sampling: Sampling) -> TaskSpec:
    """The request for the next reply: the conversation's turns, the persona, the context."""
    turns = tuple(
        ChatMessage(m.role, m.content)  # type: ignore[arg-type]
        for m in messages
        if m.role in ("user", "assistant") and m.content.strip()
    )
    return TaskSpec(kind="chat", messages=turns, system=system, context=context, sampling=sampling)


@dataclass
class Reply:
    """The reply being written: where it is stored and what has arrived."""

    job: GenerationJob
    conv_id: int
    msg_id: int
    text: str = ""
    truncated: bool = False
    saved_at: float = 0.0

    def add(self, text: str, restart: bool = False) -> None:
        """Take streamed text (`restart`: it replaces what arrived before)."""
        self.text = text if restart else self.text + text

    def save_due(self) -> bool:
        """True (once per `SAVE_EVERY_S`) when the text so far should be saved again."""
        now = time.monotonic()
        if now - self.saved_at < SAVE_EVERY_S:
            return False
        self.saved_at = now
        return True
