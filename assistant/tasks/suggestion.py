"""One pause's inline suggestions as plain data: alternatives, the one shown, what was typed.

The ghost flow (Qt) owns requests, keys and painting; everything that is only
bookkeeping of text lives here and is tested without Qt: which alternative is
shown, what the writer already typed through, how a streamed answer becomes an
alternative (`tasks.ghost.clean`), and whether an empty or repeated answer should be
tried again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from assistant.tasks import ghost as rules
from assistant.tasks.checks import ghost_problem


class Next(Enum):
    """What the flow should do after a streamed answer was taken in."""

    SHOW = "show"  # the alternative on screen changed
    NOTHING = "nothing"  # an alternative nobody is looking at changed
    RETRY = "retry"  # it came out empty or the same as another: ask for a new one
    DISMISS = "dismiss"  # nothing to show at all


@dataclass
class SuggestionSession:
    """The suggestions offered at one place of one document."""

    #: The document before and after the place it was offered.
    before: str
    after: str
    #: Where the suggestion is drawn (moves forward as the writer types through it).
    position: int
    #: Each alternative starts at the offered place (typed-through text included).
    alternatives: list[str] = field(default_factory=list)
    index: int = 0
    #: Typed through or accepted word by word since it was offered.
    consumed: str = ""
    #: Tries for the alternative being made (empty or repeated answers are retried).
    attempts: int = 0
    #: `consumed` when the request in flight was made, and its raw text so far.
    request_prefix: str = ""
    raw: str = ""

    @property
    def text(self) -> str:
        """The suggestion on screen ("" when none)."""
        if not self.alternatives:
            return ""
        return self.alternatives[self.index][len(self.consumed) :]

    @property
    def showing_last(self) -> bool:
        """The alternative on screen is the newest one (the one a request fills)."""
        return self.index == len(self.alternatives) - 1

    def begin_request(self, alternative: bool) -> None:
        """A request starts: it fills a new, last alternative."""
        self.request_prefix = self.consumed
        self.raw = ""
        self.alternatives.append("")
        if alternative or len(self.alternatives) == 1:
            self.index = len(self.alternatives) - 1

    def drop_unanswered(self) -> None:
        """The request was stopped: forget its alternative if it never got a word."""
        if self.alternatives and not self.alternatives[-1]:
            self.alternatives.pop()
            self.index = min(self.index, max(0, len(self.alternatives) - 1))

    def take(self, final: bool, max_attempts: int) -> tuple[Next, bool]:
        """Clean the raw text into the last alternative; (what next, the model is done).

        "Done" is True when the suggestion is complete before the model stopped
        (a sentence end): the caller stops the request to free the model.
        """
        prefix = self.request_prefix
        cleaned = rules.clean(self.raw, self.before + prefix, self.after, final=final)
        done = cleaned.complete
        final = final or done
        text = prefix + cleaned.text if cleaned.text else ""
        if cleaned.text and ghost_problem(self.before + prefix, cleaned.text):
            # Broken characters, the wrong script, template pieces: never on screen.
            if not final:
                return Next.NOTHING, done
            text = ""
        if final and (not text or text in self.alternatives[:-1]):
            self.alternatives.pop()  # empty, or the same as one shown already
            if self.alternatives and self.attempts + 1 < max_attempts:
                self.attempts += 1
                return Next.RETRY, done
            if self.alternatives:
                self.index = min(self.index, len(self.alternatives) - 1)
                return Next.SHOW, done
            return Next.DISMISS, done
        self.alternatives[-1] = text
        visible = self.showing_last and text.startswith(self.consumed)
        return (Next.SHOW if visible else Next.NOTHING), done

    def consume(self, typed: str) -> None:
        """The writer typed (or accepted) `typed` at the suggestion: keep what still matches."""
        current = self.alternatives[self.index] if self.alternatives else ""
        self.consumed += typed
        self.position += len(typed)
        self.alternatives = [a for a in self.alternatives if a.startswith(self.consumed)]
        self.index = self.alternatives.index(current) if current in self.alternatives else 0

    def cycle(self, step: int) -> bool:
        """Show the next (+1) or previous (-1) alternative; True when a new one is needed."""
        if step > 0 and self.showing_last:
            self.attempts = 0
            return True
        self.index = (self.index + step) % len(self.alternatives)
        return False
