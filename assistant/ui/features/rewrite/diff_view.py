"""The word-level diff of a rewrite as HTML, with per-change accept/reject links.

The diff itself is pure (`assistant.tasks.diff`); this module renders it for a
QTextBrowser. Colors come from the widget's palette so the marks stay readable in
light and dark themes.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

from assistant.tasks.diff import Segment

#: The scheme of a change link in the rendered HTML: "change:<index>".
LINK_SCHEME = "change"


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
