"""What the writing statistics record: the counts of an activity, a session's moments.

A document's statistics are filed under its `document_source`; an `Activity` is
added per day, document and task, and `Moments` extend (or start) the document's
writing session. `stats.StatsStore` keeps them in its database.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

from assistant.storage.snapshots import doc_key_for_path

#: The counts of an activity, in the order of the statistics table's columns.
COUNT_COLUMNS = (
    "typed_words", "typed_characters", "accepted_words", "accepted_characters", "shown",
    "accepted", "dismissed", "active_seconds",
)  # fmt: skip


def document_source(path: str | os.PathLike[str] | None, untitled_id: str = "") -> str:
    """What a document's statistics are filed under: its file, or an untitled document's id."""
    if path is not None:
        return "path:" + doc_key_for_path(path)
    return "untitled:" + untitled_id


@dataclass(frozen=True)
class Activity:
    """Counts to add for one day, document and task ("" = the writer's own typing and time)."""

    day: date
    task: str = ""
    typed_words: int = 0
    typed_characters: int = 0
    accepted_words: int = 0
    accepted_characters: int = 0
    shown: int = 0
    accepted: int = 0
    dismissed: int = 0
    active_seconds: float = 0.0

    def counts(self) -> tuple[float, ...]:
        """The numbers in the order of the table's columns."""
        return tuple(getattr(self, name) for name in COUNT_COLUMNS)


@dataclass(frozen=True)
class Moments:
    """When a document was first and last active since the last write (epoch seconds)."""

    first: float
    last: float
    active_seconds: float
