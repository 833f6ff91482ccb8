"""Which characters of a document the model wrote: spans with an origin, as plain data.

A `Span` is a run of model text in a document (positions are Python string indices,
the same in the file, the CLI and the report) with its `Origin`: the task, the model
and when the writer accepted it. The window follows edits with QTextCursors and asks
here what an edit inside a span left of the model's text (`kept_parts`); everything
that is arithmetic on text — merging, marking, shares, the numbers the status bar,
the report and `writing-assistant stats` print — lives here and is tested without Qt.

Words are counted as the status bar counts them (`tasks.text.count_text`): one per
CJK character, one per run of other letters and digits.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from assistant.tasks.text import count_text

#: The tasks whose text can enter a document, in the order reports list them.
TASKS: tuple[str, ...] = ("continue", "ghost", "rewrite", "summarize", "chat")

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Origin:
    """Where a span came from: the task, the model's name, and when it was accepted."""

    task: str
    model: str
    #: ISO 8601 in UTC, to the second; one acceptance that arrives in pieces (a stream,
    #: word by word) keeps one time, so its pieces merge into one span.
    time: str

    @classmethod
    def now(cls, task: str, model: str, when: datetime | None = None) -> Origin:
        """An origin stamped with `when` (default: now)."""
        moment = (when or datetime.now(timezone.utc)).astimezone(timezone.utc)
        return cls(task, model or "unknown", moment.isoformat(timespec="seconds"))


@dataclass(frozen=True)
class Span:
    """A run of model text: text[start:end] == self.text."""

    start: int
    end: int
    origin: Origin
    text: str

    def to_json(self) -> dict[str, Any]:
        """The span as the sidecar, the report and the CLI write it."""
        o = self.origin
        return {
            "start": self.start,
            "end": self.end,
            "task": o.task,
            "model": o.model,
            "time": o.time,
            "words": count_text(self.text)[0],
            "text": self.text,
        }

    @classmethod
    def from_json(cls, data: Any) -> Span | None:
        """A span read back, or None when the entry is not a usable span."""
        if not isinstance(data, dict):
            return None
        try:
            start, end = int(data["start"]), int(data["end"])
            origin = Origin(str(data["task"]), str(data["model"]), str(data["time"]))
            text = data["text"]
        except (KeyError, TypeError, ValueError):
            return None
        if not isinstance(text, str) or start < 0 or end - start != len(text) or not text:
            return None
        return cls(start, end, origin, text)


def spans_to_json(spans: Iterable[Span]) -> list[dict[str, Any]]:
    """A list of spans as JSON values."""
    return [span.to_json() for span in spans]


def spans_from_json(data: Any) -> list[Span]:
    """Spans read back (unusable entries are left out), sorted and merged."""
    if not isinstance(data, list):
        return []
    return normalize(s for s in map(Span.from_json, data) if s is not None)


def normalize(spans: Iterable[Span]) -> list[Span]:
    """Sorted, without empty or overlapping spans, neighbours of one origin merged."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if span.end <= span.start:
            continue
        if out and span.start < out[-1].end:
            continue  # overlapping: the first one holds those characters
        last = out[-1] if out else None
        if last is not None and last.end == span.start and last.origin == span.origin:
            out[-1] = Span(last.start, span.end, last.origin, last.text + span.text)
        else:
            out.append(span)
    return out


def cut(spans: Iterable[Span], start: int, end: int) -> list[Span]:
    """The spans with the characters in [start, end) no longer counted as model text."""
    out = []
    for span in spans:
        if span.end <= start or span.start >= end:
            out.append(span)
            continue
        if span.start < start:
            out.append(Span(span.start, start, span.origin, span.text[: start - span.start]))
        if span.end > end:
            out.append(Span(end, span.end, span.origin, span.text[end - span.start :]))
    return out


def mark(spans: Iterable[Span], new: Span) -> list[Span]:
    """Add `new` (model text just accepted there), over whatever was counted there before."""
    return normalize([*cut(spans, new.start, new.end), new])


#: Inside a span changed in several places at once (Replace All), a run of unchanged
#: characters at least this long stays the model's; shorter ones ("ai" of "rain" replaced
#: by "hail") are coincidences.
MIN_KEPT_RUN = 3


def kept_parts(old: str, new: str) -> list[tuple[int, int]]:
    """After an edit inside a span, which characters of `new` are still `old`'s.

    What stayed in front of the change and behind it is the model's; what is between
    is the writer's. (Where the choice is ambiguous — "l" typed into "hello" — either
    "l" is right: the count is the same.) When one step changed the span in several
    places, runs of `MIN_KEPT_RUN` unchanged characters between the changes stay too.
    Returns (start, end) ranges in `new`, empty ones left out, in order.
    """
    limit = min(len(old), len(new))
    prefix = 0
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    parts = [(0, prefix)]
    old_middle, new_middle = old[prefix : len(old) - suffix], new[prefix : len(new) - suffix]
    if old_middle and new_middle:
        import difflib  # on use: this module loads at start-up

        matcher = difflib.SequenceMatcher(None, old_middle, new_middle, autojunk=False)
        for block in matcher.get_matching_blocks():
            if block.size >= MIN_KEPT_RUN:
                parts.append((prefix + block.b, prefix + block.b + block.size))
    parts.append((len(new) - suffix, len(new)))
    return [(a, b) for a, b in parts if b > a]


# -- positions: Qt counts UTF-16 code units, Python counts code points -----------------


def utf16_length(text: str) -> int:
    """How many UTF-16 code units `text` takes (a QTextDocument position counts these)."""
    return len(text) + len(_ASTRAL.findall(text))


def _astral_starts(text: str) -> list[int]:
    """The UTF-16 position of each character outside the BMP (they take two units)."""
    return [m.start() + k for k, m in enumerate(_ASTRAL.finditer(text))]


def to_utf16(text: str, indices: Sequence[int]) -> list[int]:
    """String indices into `text` as QTextDocument positions."""
    if not _ASTRAL.search(text):
        return list(indices)
    starts = [m.start() for m in _ASTRAL.finditer(text)]
    return [i + bisect.bisect_left(starts, i) for i in indices]


def from_utf16(text: str, positions: Sequence[int]) -> list[int]:
    """QTextDocument positions in `text` as string indices."""
    if not _ASTRAL.search(text):
        return list(positions)
    starts = _astral_starts(text)
    return [p - bisect.bisect_left(starts, p) for p in positions]


# -- reading a file again --------------------------------------------------------------


def text_digest(text: str) -> str:
    """The SHA-256 of a document's text (the sidecar says which text its spans describe)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def realign(spans: Iterable[Span], text: str) -> tuple[list[Span], int]:
    """Find the spans in a text that changed since they were recorded (edited elsewhere).

    A span whose text is still where it was stays; one that moved is looked for
    nearest its old place; one whose text is gone is dropped (it is no longer the
    model's text). Returns the spans found and how many were dropped.
    """
    found: list[Span] = []
    dropped = 0
    for span in sorted(spans, key=lambda s: s.start):
        floor = found[-1].end if found else 0
        if span.start >= floor and text[span.start : span.end] == span.text:
            found.append(span)
            continue
        best = -1
        position = text.find(span.text, floor)
        while position >= 0:
            if best < 0 or abs(position - span.start) < abs(best - span.start):
                best = position
            if position > span.start:
                break  # later ones are only further away
            position = text.find(span.text, position + 1)
        if best < 0:
            dropped += 1
            continue
        found.append(Span(best, best + len(span.text), span.origin, span.text))
    return normalize(found), dropped


# -- numbers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Share:
    """How much of a document one task and model wrote."""

    task: str
    model: str
    words: int
    characters: int
    spans: int


def model_words(spans: Iterable[Span]) -> int:
    """Words of model text (each span counted on its own)."""
    return sum(count_text(span.text)[0] for span in spans)


def shares(spans: Iterable[Span]) -> list[Share]:
    """Model text per task and model, in the order of `TASKS`, then by model."""
    totals: dict[tuple[str, str], list[int]] = {}
    for span in spans:
        words, characters = count_text(span.text)
        entry = totals.setdefault((span.origin.task, span.origin.model), [0, 0, 0])
        entry[0] += words
        entry[1] += characters
        entry[2] += 1

    def order(key: tuple[str, str]) -> tuple[int, str, str]:
        task, model = key
        return (TASKS.index(task) if task in TASKS else len(TASKS), task, model)

    return [Share(t, m, *totals[(t, m)]) for t, m in sorted(totals, key=order)]


def share_of(part: int, whole: int) -> float:
    """part / whole as a fraction from 0 to 1, rounded to 4 places (0 for an empty whole)."""
    if whole <= 0:
        return 0.0
    return round(min(1.0, max(0.0, part / whole)), 4)


def document_stats(text: str, spans: Sequence[Span], sessions: int) -> dict[str, Any]:
    """The numbers of one document, as `writing-assistant stats --json` prints them.

    The window's provenance report and status bar use this same function, so the
    command line and the window always agree. `words` counts like the status bar.
    """
    words, characters = count_text(text)
    by_model = model_words(spans)
    model_characters = sum(count_text(span.text)[1] for span in spans)
    return {
        "words": words,
        "characters": characters,
        "model_words": by_model,
        "model_characters": model_characters,
        "model_share": share_of(by_model, words),
        "by_task": [
            {
                "task": s.task,
                "model": s.model,
                "words": s.words,
                "characters": s.characters,
                "spans": s.spans,
                "share": share_of(s.words, words),
            }
            for s in shares(spans)
        ],
        "spans": spans_to_json(spans),
        "sessions": sessions,
    }


#: The headings of the Markdown report (the window passes them translated).
REPORT_LABELS: dict[str, str] = {
    "title": "Provenance report",
    "document": "Document",
    "created": "Created",
    "words": "Words",
    "model_words": "Words the model wrote",
    "share": "Share written by the model",
    "sessions": "Writing sessions",
    "by_task": "By task and model",
    "task": "Task",
    "model": "Model",
    "spans": "Spans",
    "position": "Position",
    "accepted": "Accepted",
    "text": "Text",
    "none": "No model text in this document.",
}


def _cell(text: str) -> str:
    # A table cell is one line; a pipe would end it.
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ⏎ ")


def report_markdown(
    name: str, stats: dict[str, Any], created: str, labels: dict[str, str] | None = None
) -> str:
    """A Markdown report of `document_stats`: totals, the share per task and model, spans."""
    t = {**REPORT_LABELS, **(labels or {})}
    lines = [
        f"# {t['title']}",
        "",
        f"- {t['document']}: {name}",
        f"- {t['created']}: {created}",
        f"- {t['words']}: {stats['words']}",
        f"- {t['model_words']}: {stats['model_words']}",
        f"- {t['share']}: {stats['model_share'] * 100:.1f} %",
        f"- {t['sessions']}: {stats['sessions']}",
        "",
    ]
    if not stats["spans"]:
        return "\n".join([*lines, t["none"], ""])
    lines += [
        f"## {t['by_task']}",
        "",
        f"| {t['task']} | {t['model']} | {t['words']} | {t['share']} | {t['spans']} |",
        "|---|---|---:|---:|---:|",
    ]
    for row in stats["by_task"]:
        lines.append(
            f"| {_cell(row['task'])} | {_cell(row['model'])} | {row['words']} | "
            f"{row['share'] * 100:.1f} % | {row['spans']} |"
        )
    lines += [
        "",
        f"## {t['spans']}",
        "",
        f"| {t['position']} | {t['task']} | {t['model']} | {t['accepted']} | {t['text']} |",
        "|---|---|---|---|---|",
    ]
    for span in stats["spans"]:
        lines.append(
            f"| {span['start']}–{span['end']} | {_cell(span['task'])} | {_cell(span['model'])} "
            f"| {span['time']} | {_cell(span['text'])} |"
        )
    return "\n".join([*lines, ""])
