"""What one generation gives back (`pipeline.run`): the text, how it was made, its checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.tasks.types import GenerationStats


@dataclass
class GenerationResult:
    """The outcome of one request: post-processed text, stats and any alternatives."""

    text: str = ""
    stats: GenerationStats = field(default_factory=GenerationStats)
    alternatives: list[str] = field(default_factory=list)
    prompt: str = ""
    #: "model" (it passed the checks), "extractive" (key sentences of the source,
    #: for a summary no attempt of which passed) or "none" (nothing to show).
    method: str = "model"
    attempts: int = 1
    #: Check name -> passed, of the text shown (or of the last rejected attempt).
    checks: dict[str, bool] = field(default_factory=dict)
    #: The language of the input (ISO-639-1, "und" when unsure).
    language: str = ""
    #: Why nothing is shown: a language the model does not write, or no attempt passed.
    refused: str | None = None
    #: Attempts that failed their checks (shown only on request: "show the rejected attempt").
    rejected: list[str] = field(default_factory=list)
    #: Why the last rejected attempt failed, in one line.
    reason: str | None = None

    @property
    def cancelled(self) -> bool:
        """True when the writer stopped it (the text may be partial or empty)."""
        return self.stats.stop_reason == "cancelled"

    @property
    def incomplete(self) -> str:
        """Why the reply ended early (a server went away mid-answer); "" when it did not.

        The text that arrived is kept in `text`; callers tell the writer it is incomplete.
        """
        return self.stats.error if self.stats.stop_reason == "error" else ""

    def as_json(self) -> dict[str, Any]:
        """`generate --json`: exactly the keys issue 16 names (a contract for scripts)."""
        from assistant.tasks.attempts import contract_json  # not at import: the checks are heavy

        return contract_json(self)
