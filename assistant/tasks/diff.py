"""A word-level diff between a text and its rewrite: segments, and applying some changes.

Pure string work. Latin text is compared word by word; CJK text, written without
spaces, character by character. The Rewrite panel renders it (ui/diff_view.py).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# One token: a CJK character, a word (with inner apostrophes), a run of spaces, or
# one other character (punctuation). Whitespace stays a token so `compose` can
# rebuild the exact text.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"


@functools.cache
def _token() -> re.Pattern[str]:
    # Compiled on first use: this module is imported before the window is shown.
    return re.compile(rf"[{_CJK}]|[^\W{_CJK}]+(?:['\u2019][^\W{_CJK}]+)*|\s+|.", re.DOTALL)


@dataclass(frozen=True)
class Segment:
    """A stretch of text: unchanged (`old == new`, `changed` False) or one change."""

    old: str
    new: str
    changed: bool


def tokenize(text: str) -> list[str]:
    """Split into words, single CJK characters, whitespace runs and punctuation."""
    return _token().findall(text)


def diff_segments(original: str, rewritten: str) -> list[Segment]:
    """Unchanged stretches and changes, in order; changes split only by spaces are merged."""
    a, b = tokenize(original), tokenize(rewritten)
    import difflib  # on use: the rewrite panel imports this module at start-up

    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    raw: list[Segment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = "".join(a[i1:i2]), "".join(b[j1:j2])
        raw.append(Segment(old, new, op != "equal"))
    # "the big dog" -> "a small cat" reads as one change, not three with spaces between.
    merged: list[Segment] = []
    i = 0
    while i < len(raw):
        seg = raw[i]
        if (
            merged
            and merged[-1].changed
            and not seg.changed
            and not seg.old.strip()
            and i + 1 < len(raw)
            and raw[i + 1].changed
        ):
            nxt = raw[i + 1]
            last = merged.pop()
            merged.append(Segment(last.old + seg.old + nxt.old, last.new + seg.new + nxt.new, True))
            i += 2
            continue
        if seg.changed and merged and merged[-1].changed:
            last = merged.pop()
            seg = Segment(last.old + seg.old, last.new + seg.new, True)
        merged.append(seg)
        i += 1
    return merged


def change_indexes(segments: list[Segment]) -> list[int]:
    """Indexes of the segments that are changes."""
    return [i for i, s in enumerate(segments) if s.changed]


def compose(segments: list[Segment], accepted: set[int]) -> str:
    """The text with the accepted changes applied and every other change left as it was."""
    return "".join(
        s.new if (s.changed and i in accepted) else s.old for i, s in enumerate(segments)
    )


def accepted_ranges(segments: list[Segment], accepted: set[int]) -> list[tuple[int, int]]:
    """Where `compose` put accepted new text: (start, end) offsets in the composed text.

    What a rewrite left as it was stays the writer's; these ranges are the model's.
    """
    ranges: list[tuple[int, int]] = []
    offset = 0
    for i, s in enumerate(segments):
        piece = s.new if (s.changed and i in accepted) else s.old
        if s.changed and i in accepted and piece:
            if ranges and ranges[-1][1] == offset:
                ranges[-1] = (ranges[-1][0], offset + len(piece))
            else:
                ranges.append((offset, offset + len(piece)))
        offset += len(piece)
    return ranges
