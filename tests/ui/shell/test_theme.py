"""Themes: light and dark palettes, and the extra colors panels use stay readable in both."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette

from assistant.ui.shell.theme import apply_theme, colors, is_dark


def _luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio (1 to 21)."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_text_colors_are_readable(theme: str) -> None:
    c = colors(theme)
    assert contrast(c["text"], c["base"]) >= 7
    assert contrast(c["ai_stream_fg"], c["ai_stream_bg"]) >= 7  # streamed text
    assert contrast(c["text"], c["ai_stream_bg"]) >= 7
    assert contrast(c["diff_insert_fg"], c["diff_insert_bg"]) >= 7
    assert contrast(c["diff_delete_fg"], c["diff_delete_bg"]) >= 7
    assert contrast(c["text"], c["diff_insert_bg"]) >= 4.5
    assert contrast(c["text"], c["diff_delete_bg"]) >= 4.5
    # Ghost text must read as a suggestion (dimmer than text) yet stay legible.
    assert 3 <= contrast(c["ghost_fg"], c["base"]) < contrast(c["text"], c["base"])
    assert contrast(c["error_fg"], c["window"]) >= 4.5
    assert contrast(c["highlighted_text"], c["highlight"]) >= 3
    # Marked backgrounds must be visible against the editor background.
    for key in ("ai_stream_bg", "diff_insert_bg", "diff_delete_bg"):
        assert contrast(c[key], c["base"]) > 1.1, key


def test_apply_theme_switches_palettes_live(qapp) -> None:
    try:
        apply_theme(qapp, "dark")
        window = qapp.palette().color(QPalette.ColorRole.Window)
        assert window.lightness() < 80
        assert colors()["base"] == colors("dark")["base"]  # follows the applied theme
        assert qapp.style().name().lower() == "fusion"
        apply_theme(qapp, "light")
        assert qapp.palette().color(QPalette.ColorRole.Window).lightness() > 200
        assert colors()["ghost_fg"] == colors("light")["ghost_fg"]
        apply_theme(qapp, "system")
        assert is_dark("system") in (True, False)
        assert qapp.property("wa_theme") == "system"
        apply_theme(qapp, "nonsense")  # an unknown name falls back to following the system
        assert qapp.property("wa_theme") == "system"
    finally:
        apply_theme(qapp, "light")
