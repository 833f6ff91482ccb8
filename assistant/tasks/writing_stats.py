"""Writing statistics as plain data: typed words, active time, streaks, goals, CSV.

The window records what happens (keys, accepted model text, suggestions) and the
SQLite store (storage/stats.py) keeps the totals; the arithmetic is here and is
tested without Qt or a database.

*Typed words* are the words the writer started by typing (keys and input-method
commits, not pastes and not model text): a word starts where a letter follows a
non-letter, and every CJK character is a word of its own, as the status bar counts.
*Active time* adds the gaps between two actions up to `IDLE_SECONDS`; a longer
pause is idle and adds nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from assistant.tasks.text import count_text

#: A pause longer than this is not writing time.
IDLE_SECONDS = 60.0
#: Activity in one document after a pause longer than this starts a new session.
SESSION_GAP_SECONDS = 30 * 60.0
#: What a goal counts.
GOAL_UNITS: tuple[str, ...] = ("words", "characters")


def typed_words(before: str, typed: str) -> int:
    """Words the writer started by typing `typed` right after the text `before`.

    Counted as the status bar counts (`count_text`), so "h", "e", "l", "l", "o" typed
    one by one make one word, each CJK character one, and the "t" of "don't" none.
    Two characters of `before` are enough context for that.
    """
    context = before[-2:]
    return count_text(context + typed)[0] - count_text(context)[0]


def typed_characters(typed: str) -> int:
    """Characters typed, as the status bar counts them (line breaks not counted)."""
    return count_text(typed)[1]


class ActiveClock:
    """Active writing time: the gaps between actions, each at most `idle` seconds long."""

    def __init__(self, idle: float = IDLE_SECONDS) -> None:
        self.idle = idle
        self._last: float | None = None

    def touch(self, now: float) -> float:
        """An action at `now` (seconds); returns the active seconds it adds."""
        last, self._last = self._last, now
        if last is None or now <= last:
            return 0.0
        gap = now - last
        return gap if gap <= self.idle else 0.0


@dataclass(frozen=True)
class DayTotals:
    """One day's writing, all documents together."""

    day: date
    typed_words: int = 0
    typed_characters: int = 0
    accepted_words: int = 0
    accepted_characters: int = 0
    active_seconds: float = 0.0

    @property
    def wrote(self) -> bool:
        """Anything typed or accepted that day (it counts for a streak)."""
        return self.typed_words > 0 or self.accepted_words > 0

    @property
    def words_per_hour(self) -> float | None:
        """Typed words per hour of active time (None without active time)."""
        return words_per_hour(self.typed_words, self.active_seconds)


@dataclass(frozen=True)
class TaskTotals:
    """How the writer took one task's suggestions: shown, accepted, dismissed, words."""

    task: str
    shown: int = 0
    accepted: int = 0
    dismissed: int = 0
    accepted_words: int = 0

    @property
    def acceptance_rate(self) -> float | None:
        """Accepted / shown (None when nothing was shown)."""
        if self.shown <= 0:
            return None
        return min(1.0, self.accepted / self.shown)


def words_per_hour(words: int, seconds: float) -> float | None:
    """Words per hour of active time; None below one minute (too little to say)."""
    if seconds < 60:
        return None
    return round(words * 3600.0 / seconds, 1)


def fill_days(totals: Iterable[DayTotals], first: date, last: date) -> list[DayTotals]:
    """One entry per day from `first` to `last`, zeros where nothing was written."""
    by_day = {t.day: t for t in totals}
    days = []
    day = first
    while day <= last:
        days.append(by_day.get(day, DayTotals(day)))
        day += timedelta(days=1)
    return days


def streaks(totals: Iterable[DayTotals], today: date) -> tuple[int, int]:
    """(current, longest) run of consecutive days with writing.

    The current run is still alive today if the writer wrote yesterday: the day is
    not over yet.
    """
    days = sorted({t.day for t in totals if t.wrote})
    longest = run = 0
    previous: date | None = None
    for day in days:
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    current = 0
    if previous is not None and today - previous <= timedelta(days=1):
        current = run
    return current, longest


@dataclass(frozen=True)
class GoalProgress:
    """How far a goal is: done of target, in words or characters."""

    done: int
    target: int
    unit: str

    @property
    def fraction(self) -> float:
        """0..1 (1 once reached)."""
        if self.target <= 0:
            return 0.0
        return min(1.0, max(0, self.done) / self.target)

    @property
    def reached(self) -> bool:
        """The target is set and met."""
        return self.target > 0 and self.done >= self.target


def csv_text(days: Sequence[DayTotals], tasks: Sequence[TaskTotals]) -> str:
    """The statistics as CSV: one row per day, then one row per task."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["day", "typed_words", "typed_characters", "accepted_words", "accepted_characters",
         "active_minutes", "words_per_hour"]
    )  # fmt: skip
    for d in days:
        rate = d.words_per_hour
        writer.writerow(
            [d.day.isoformat(), d.typed_words, d.typed_characters, d.accepted_words,
             d.accepted_characters, round(d.active_seconds / 60, 1),
             "" if rate is None else rate]
        )  # fmt: skip
    writer.writerow([])
    writer.writerow(["task", "shown", "accepted", "dismissed", "accepted_words", "acceptance_rate"])
    for t in tasks:
        rate = t.acceptance_rate
        writer.writerow(
            [t.task, t.shown, t.accepted, t.dismissed, t.accepted_words,
             "" if rate is None else round(rate, 3)]
        )  # fmt: skip
    return out.getvalue()
