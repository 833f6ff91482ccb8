"""A word-level diff between a selection and its rewrite, with per-change accept/reject.

Pure string work (`diff_segments`, `compose`) plus the HTML a QTextBrowser shows
(`render_html`). Latin text is compared word by word; CJK text, written without
spaces, character by character. Colors come from the widget's palette so the
marks stay readable in light and dark themes.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

# One token: a CJK character, a word (with inner apostrophes), a run of spaces, or
# one other character (punctuation). Whitespace stays a token so `compose` can
# rebuild the exact text.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+(?:['\u2019][^\W{_CJK}]+)*|\s+|.", re.DOTALL)

#: The scheme of a change link in the rendered HTML: "change:<index>".
LINK_SCHEME = "change"


@dataclass(frozen=True)
class Segment:
    """A stretch of text: unchanged (`old == new`, `changed` False) or one change."""

    old: str
    new: str
    changed: bool


def tokenize(text: str) -> list[str]:
    """Split into words, single CJK characters, whitespace runs and punctuation."""
    return _TOKEN.findall(text)


def diff_segments(original: str, rewritten: str) -> list[Segment]:
    """Unchanged stretches and changes, in order; changes split only by spaces are merged."""
    a, b = tokenize(original), tokenize(rewritten)
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


@dataclass(frozen=True)
class DiffColors:
    """Foreground and background of deletions and insertions, for one theme."""

    deleted_fg: str
    deleted_bg: str
    inserted_fg: str
    inserted_bg: str
    muted: str
    text: str  # unchanged text and rejected (kept) originals


def colors_for(palette: QPalette) -> DiffColors:
    """Readable diff colors for the palette's theme (dark when the base is dark)."""
    base = palette.color(QPalette.ColorRole.Base)
    muted = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text).name()
    text = palette.color(QPalette.ColorRole.Text).name()
    if base.lightnessF() < 0.5:
        # Dark theme: deep tinted backgrounds with light text (contrast above 7:1).
        return DiffColors("#ffb3ad", "#5a2428", "#aef0bd", "#1d4a2b", muted, text)
    return DiffColors("#8c1d18", "#fbdad7", "#0b5a26", "#d3f3dc", muted, text)


def render_html(segments: list[Segment], accepted: set[int], colors: DiffColors) -> str:
    """HTML for a QTextBrowser: each change is a link ("change:N") that toggles it."""
    parts: list[str] = []
    for i, seg in enumerate(segments):
        if not seg.changed:
            parts.append(_text(seg.old))
            continue
        on = i in accepted
        inner: list[str] = []
        if seg.old:
            if on:
                style = (
                    f"color:{colors.deleted_fg}; background-color:{colors.deleted_bg}; "
                    "text-decoration:line-through;"
                )
            else:  # rejected: the original stays, in the plain text color
                style = f"color:{colors.text}; text-decoration:none;"
            inner.append(f'<span style="{style}">{_text(seg.old)}</span>')
        if seg.new:
            if on:
                style = (
                    f"color:{colors.inserted_fg}; background-color:{colors.inserted_bg}; "
                    "text-decoration:none;"
                )
            else:
                style = f"color:{colors.muted}; text-decoration:line-through;"
            inner.append(f'<span style="{style}">{_text(seg.new)}</span>')
        parts.append(
            f'<a href="{LINK_SCHEME}:{i}" style="text-decoration:none;">{"".join(inner)}</a>'
        )
    return f'<div style="white-space:pre-wrap;">{"".join(parts)}</div>'


def _text(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def contrast(fg: str, bg: str) -> float:
    """WCAG contrast ratio of two colors (used by tests to keep the marks readable)."""

    def lum(name: str) -> float:
        c = QColor(name)
        out = []
        for v in (c.redF(), c.greenF(), c.blueF()):
            out.append(v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4)
        return 0.2126 * out[0] + 0.7152 * out[1] + 0.0722 * out[2]

    hi, lo = sorted((lum(fg), lum(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
