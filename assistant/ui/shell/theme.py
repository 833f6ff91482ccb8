"""Fusion style with light and dark palettes; "system" follows the OS color scheme."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES: tuple[str, ...] = ("system", "light", "dark")

_LIGHT = {
    "window": "#f4f3f0",
    "base": "#fdfcfa",
    "alternate": "#f0eee9",
    "text": "#1f1f1f",
    "disabled": "#9a9a9a",
    "button": "#ecebe7",
    "highlight": "#3d6fb6",
    "highlighted_text": "#ffffff",
    "link": "#2a5db0",
    "tooltip_base": "#fffbe6",
    "mid": "#c9c6bf",
}
_DARK = {
    "window": "#25262a",
    "base": "#1c1d20",
    "alternate": "#2a2b30",
    "text": "#e6e4df",
    "disabled": "#77777c",
    "button": "#303136",
    "highlight": "#5a8fd8",
    "highlighted_text": "#0e0f11",
    "link": "#8ab4f0",
    "tooltip_base": "#33343a",
    "mid": "#45464c",
}


#: Colors the palette has no role for: AI text being streamed in, diff marks, ghost text.
#: Chosen for contrast against each theme's "base" (the editor background).
_EXTRA_LIGHT = {
    "ai_stream_bg": "#e4eefb",
    "ai_stream_fg": "#1f1f1f",
    "diff_insert_bg": "#d5f0d8",
    "diff_insert_fg": "#10401a",
    "diff_delete_bg": "#f8d7d5",
    "diff_delete_fg": "#5c1410",
    "ghost_fg": "#8a8a8a",
    "error_fg": "#b3261e",
    "ok_fg": "#1e6b32",
    "banner_bg": "#fff4cf",
    "banner_error_bg": "#fbe1de",
    "model_text_bg": "#f9e8c8",
    "model_text_fg": "#1f1f1f",
    "model_text_mark": "#9a5b00",
}
_EXTRA_DARK = {
    "ai_stream_bg": "#223149",
    "ai_stream_fg": "#e6e4df",
    "diff_insert_bg": "#1f3d27",
    "diff_insert_fg": "#c9f2d1",
    "diff_delete_bg": "#4a2323",
    "diff_delete_fg": "#f6cfcb",
    "ghost_fg": "#8b8d94",
    "error_fg": "#ff8a80",
    "ok_fg": "#8fd6a0",
    "banner_bg": "#3d3621",
    "banner_error_bg": "#4a2626",
    "model_text_bg": "#47381a",
    "model_text_fg": "#f3ead8",
    "model_text_mark": "#e0a54a",
}


def colors(theme: str | None = None) -> dict[str, QColor]:
    """Theme-aware colors by name, for the current theme unless `theme` is given.

    Keys: everything in the palette tables ("window", "base", "text", ...) plus
    "ai_stream_bg"/"ai_stream_fg" (text being streamed in), "diff_insert_bg"/"_fg",
    "diff_delete_bg"/"_fg", "ghost_fg" (inline suggestion), "error_fg", "ok_fg",
    "banner_bg", "banner_error_bg" and "model_text_bg"/"_fg"/"_mark" (View › Show
    Model-Written Text). Panels should read these instead of hard-coding colors, and
    re-read them when a widget gets `QEvent.Type.ApplicationPaletteChange` (sent by
    `apply_theme`) so they stay readable after a live theme switch.
    """
    if theme is None:
        app = QApplication.instance()
        theme = str(app.property("wa_theme") or "system") if app is not None else "light"
    dark = is_dark(theme)
    table = {**(_DARK if dark else _LIGHT), **(_EXTRA_DARK if dark else _EXTRA_LIGHT)}
    return {k: QColor(v) for k, v in table.items()}


def _palette(table: dict[str, str]) -> QPalette:
    p = QPalette()
    c = {k: QColor(v) for k, v in table.items()}
    role = QPalette.ColorRole
    for r, key in (
        (role.Window, "window"),
        (role.Base, "base"),
        (role.AlternateBase, "alternate"),
        (role.Button, "button"),
        (role.Highlight, "highlight"),
        (role.HighlightedText, "highlighted_text"),
        (role.Link, "link"),
        (role.ToolTipBase, "tooltip_base"),
        (role.Mid, "mid"),
    ):
        p.setColor(r, c[key])
    for r in (role.WindowText, role.Text, role.ButtonText, role.ToolTipText, role.BrightText):
        p.setColor(r, c["text"])
    placeholder = QColor(c["text"])
    placeholder.setAlpha(120)
    p.setColor(role.PlaceholderText, placeholder)
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(disabled, r, c["disabled"])
    return p


def is_dark(theme: str) -> bool:
    """Whether `theme` resolves to dark now ("system" asks the OS)."""
    if theme == "dark":
        return True
    if theme == "light":
        return False
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, theme: str = "system") -> None:
    """Use Fusion with our palette; with "system", follow later OS scheme changes too."""
    if theme not in THEMES:
        theme = "system"
    app.setStyle("Fusion")
    app.setPalette(_palette(_DARK if is_dark(theme) else _LIGHT))
    app.setProperty("wa_theme", theme)
    hints = QGuiApplication.styleHints()
    if not app.property("wa_theme_hooked"):
        # Connected once; the current theme name is read at the time of the change.
        hints.colorSchemeChanged.connect(lambda _scheme: _on_scheme_changed(app))
        app.setProperty("wa_theme_hooked", True)


def _on_scheme_changed(app: QApplication) -> None:
    if app.property("wa_theme") == "system":
        apply_theme(app, "system")
