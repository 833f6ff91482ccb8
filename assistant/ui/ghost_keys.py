"""Inline-suggestion controls: what a key means (Tab, Ctrl+Right, Esc, Alt+] ...) and the
menu/toolbar actions that switch suggestions on and off."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeyEvent

if TYPE_CHECKING:
    from assistant.ui.main_window import MainWindow

Mod = Qt.KeyboardModifier
# Keypad keys carry a modifier of their own; it does not change their meaning here.
_IGNORED_MODS = Mod.KeypadModifier
_MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
    }
)


class Key(Enum):
    """The roles a key can play while a suggestion is on screen."""

    ACCEPT = "accept"  # Tab: the whole suggestion
    WORD = "word"  # Ctrl+Right: the next word
    DISMISS = "dismiss"  # Esc
    NEXT = "next"  # Alt+]: next alternative
    PREVIOUS = "previous"  # Alt+[: previous alternative
    TEXT = "text"  # a printable character (may type through the suggestion)
    MODIFIER = "modifier"  # Shift, Ctrl ... on their own: changes nothing
    OTHER = "other"  # anything else: the suggestion goes away


def classify(event: QKeyEvent) -> Key:
    """The role of a key press (or shortcut override) for inline suggestions."""
    key = event.key()
    mods = event.modifiers() & ~_IGNORED_MODS
    if key in _MODIFIER_KEYS:
        return Key.MODIFIER
    if key == Qt.Key.Key_Tab and mods == Mod.NoModifier:
        return Key.ACCEPT
    if key == Qt.Key.Key_Right and mods == Mod.ControlModifier:
        return Key.WORD
    if key == Qt.Key.Key_Escape and mods == Mod.NoModifier:
        return Key.DISMISS
    if key == Qt.Key.Key_BracketRight and mods == Mod.AltModifier:
        return Key.NEXT
    if key == Qt.Key.Key_BracketLeft and mods == Mod.AltModifier:
        return Key.PREVIOUS
    text = event.text()
    ctrl_or_alt = bool(mods & (Mod.ControlModifier | Mod.AltModifier))
    # AltGr arrives as Ctrl+Alt on some platforms and still types a character.
    altgr = bool(mods & Mod.ControlModifier) and bool(mods & Mod.AltModifier)
    if text and text.isprintable() and (not ctrl_or_alt or altgr):
        return Key.TEXT
    return Key.OTHER


def make_actions(window: MainWindow) -> tuple[QAction, QAction]:
    """The global toggle (Assist menu and toolbar) and the per-document one (menu).

    Registered by id ("ghost", "ghost_document") like the window's own actions.
    The caller connects them and sets the global one's state from the settings.
    """
    toggle = QAction(window.tr("&Inline Suggestions"), window)
    toggle.setObjectName("action_ghost")
    toggle.setCheckable(True)
    toggle.setToolTip(window.tr("Suggest the next words as you type (Tab accepts, Esc dismisses)"))
    per_doc = QAction(window.tr("Suggestions in This &Document"), window)
    per_doc.setObjectName("action_ghost_document")
    per_doc.setCheckable(True)
    per_doc.setChecked(True)
    window.actions_.by_id["ghost"] = toggle
    window.actions_.by_id["ghost_document"] = per_doc
    window.add_assist_action(toggle, toolbar=True)
    window.add_assist_action(per_doc)
    return toggle, per_doc
